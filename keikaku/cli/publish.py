"""``keikaku publish --static DIR``: the public site as plain files that any web server can host.

A thin wrapper over ``keikaku.web.static_site``: every public page in Japanese and English, the
JSON twins, downloads and charts, a client-side search; links relative (docs/web.md).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from keikaku.cli.messages import MESSAGES

MESSAGES.update({
    "published": ("公開サイトを書き出しました: {directory} (ページ {pages}、ファイル {files}、{megabytes:.1f} MB)",
                  "static site written: {directory} ({pages} pages, {files} files, {megabytes:.1f} MB)"),
    "publish_skipped": ("書き出せなかったリンク {count}件: {first}", "links that could not be written: {count}, first {first}"),
    "publishing": ("書き出し中", "publishing"),
})


def publish(
    static: Annotated[Path, typer.Option("--static", help="書き出し先のフォルダ (空か、以前の書き出し) / Directory to write the site into (empty, or a site published before).", show_default=False)],
    plan: Annotated[list[str] | None, typer.Option("--plan", help="この計画だけを書き出す (ID またはキー、複数可) / Publish only these plans (id or key; repeatable).")] = None,
) -> None:
    """公開サイトを静的ファイルとして書き出す / Write the public site as static files.

    Every public page in Japanese and English (en/), their JSON twins, downloads, charts and a
    search page that works without a server. Links are relative, so the folder can be served
    from anywhere; staff pages are never written.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from keikaku.cli.main import err, open_database, out
    from keikaku.cli.messages import t
    from keikaku.services.plans import plan_ids
    from keikaku.web.static_site import publish_static

    engine = open_database()
    chosen = plan_ids(engine, plan) if plan else None
    console = err()
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=console,
                  transient=True, disable=not console.is_terminal) as bar:
        task = bar.add_task(t("publishing"), total=None)
        result = publish_static(engine, static, plans=chosen,
                                progress=lambda done, known: bar.update(task, completed=done, total=known))
    out().print(t("published", directory=result.directory, pages=result.pages, files=result.files,
                  megabytes=result.bytes / 1e6), highlight=False)
    if result.skipped:
        err().print(t("publish_skipped", count=len(result.skipped), first=result.skipped[0]), highlight=False)


def register(app: typer.Typer, handle_errors: Callable) -> None:
    app.command("publish")(handle_errors(publish))
