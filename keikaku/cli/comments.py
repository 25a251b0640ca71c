"""Commands of the opinions on a draft (パブリックコメント): ``comments open|list|export``.

Thin wrappers over ``keikaku.services.comments``, ``comment_answers`` and ``comment_table`` with
the staff pages' permission checks (``--user`` acts as that user; admins only for ``open`` and
``list``). ``export`` writes the public table (after the period) as the site's CSV, PDF or JSON.
"""

from __future__ import annotations

import json
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from keikaku.cli.sheets import PLAN, USER, CommandFailed, Format, _translating

comments_app = typer.Typer(help="意見募集（パブリックコメント）/ Opinions on a draft plan.", no_args_is_help=True)

WORDS = {  # (Japanese, English)
    "opened": ("意見募集を開始しました: {plan} {start}〜{end}（{nodes}）", "comment period opened: {plan} {start} to {end} ({nodes})"),
    "changed": ("意見募集を変更しました: {plan} {start}〜{end}（{nodes}）", "comment period changed: {plan} {start} to {end} ({nodes})"),
    "all_nodes": ("全項目", "every item"), "nodes": ("{count} 項目", "{count} items"),
    "bad_day": ("日付は 2026-05-01 の形で指定してください: {value}", "give days as 2026-05-01: {value}"),
    "no_drafts": ("案の計画はありません", "no draft plan"),
    "no_period": ("意見募集なし", "no comment period"),
    "written": ("{path} に書き出しました（{rows} 行）", "wrote {path} ({rows} rows)"),
    "pdf_needs_output": ("PDF は --output で書き出し先を指定してください", "give --output for a PDF"),
}


def _t(key: str, **values: object) -> str:
    from keikaku.cli.messages import lang

    ja, en = WORDS[key]
    return (en if lang() == "en" else ja).format(**values)


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandFailed(_t("bad_day", value=value), 2) from None


class ExportFormat(StrEnum):
    csv = "csv"
    pdf = "pdf"
    json = "json"


def _engine_user(user: str) -> tuple[Any, Any]:
    from keikaku.cli.main import open_database
    from keikaku.services import accounts

    engine = open_database()
    return engine, accounts.get_user(engine, user)


@_translating
def open_(plan: PLAN, user: USER,
          start: Annotated[str, typer.Option("--start", help="募集の開始日 (2026-05-01) / First day.", show_default=False)],
          end: Annotated[str, typer.Option("--end", help="募集の終了日 (この日を含む) / Last day (included).", show_default=False)],
          notice: Annotated[str, typer.Option("--notice", help="お知らせ（案内文）/ The notice shown above the form.", show_default=False)],
          node: Annotated[list[str] | None, typer.Option("--node", help="意見を受け付ける項目のキー（繰り返し可、省略時は全項目）/ Key of an item open to opinions (repeatable; none: every item).")] = None,
          change: Annotated[bool, typer.Option("--change", help="開始済みの募集の期間・お知らせ・項目を変更する / Change the open period instead.")] = False) -> None:
    """案の意見募集を開始する（企画政策課）/ Open (or --change) the comment period of a draft plan."""
    from keikaku.services import comments

    engine, acting = _engine_user(user)
    plan_id = comments.plan_id_of(engine, plan)
    act = comments.change_period if change else comments.open_period
    info = act(engine, user=acting, plan_id=plan_id, start=_day(start), end=_day(end), notice=notice, node_keys=node or [])
    nodes = _t("nodes", count=len(info.node_keys)) if info.node_keys else _t("all_nodes")
    typer.echo(_t("changed" if change else "opened", plan=info.plan_title, start=info.start, end=info.end, nodes=nodes))


@_translating
def list_(user: USER,
          plan: Annotated[str | None, typer.Option("--plan", help="計画の ID またはキー（省略時は案の一覧）/ Plan id or key (none: the drafts).")] = None,
          format: Annotated[Format, typer.Option("--format", "-f", help="table または json / Output format.")] = Format.table) -> None:  # noqa: A002
    """案と意見募集、または一つの計画に寄せられた意見を一覧する（職員用、原文を含む）/ List drafts, or a plan's opinions (staff: the text as sent)."""
    from dataclasses import asdict

    from keikaku.cli.main import print_json
    from keikaku.services import comment_answers, comments
    from keikaku.services.audit import jsonable

    engine, acting = _engine_user(user)
    if plan is None:
        rows = comment_answers.drafts(engine, user=acting)
        if format is Format.json:
            print_json([asdict(r) for r in rows])
            return
        for r in rows:
            state = f"{r.state} {r.start}〜{r.end} ({r.opinions})" if r.state else _t("no_period")
            typer.echo(f"{r.plan_id}\t{r.key}\t{r.status_word}\t{state}\t{r.title}")
        if not rows:
            typer.echo(_t("no_drafts"))
        return
    view = comment_answers.staff_comments(engine, user=acting, plan_id=comments.plan_id_of(engine, plan))
    if format is Format.json:
        print_json([jsonable(asdict(o)) for o in view.opinions])
        return
    for o in view.opinions:
        theme = view.theme_name(o.theme_id) or "—"
        group = f"G{o.group_id}" if o.group_id else "—"
        body = " ".join(o.body.split())
        typer.echo(f"{o.id}\t{o.receipt}\t{o.source}\t{o.node_key or '-'}\t{theme}\t{group}\t{body[:60]}")


@_translating
def export(plan: PLAN,
           format: Annotated[ExportFormat, typer.Option("--format", "-f", help="csv, pdf または json / Output format.")] = ExportFormat.csv,  # noqa: A002
           output: Annotated[Path | None, typer.Option("--output", "-o", help="書き出し先（省略時は標準出力、PDF は必須）/ File to write (default: standard output; required for PDF).")] = None) -> None:
    """募集終了後の「意見と市の考え方」を書き出す（公開ページと同じ内容）/ Export the public table of opinions and answers."""
    import sys

    from keikaku.cli.main import open_database
    from keikaku.services import comment_table, comments

    engine = open_database()
    plan_id = comments.plan_id_of(engine, plan)
    if format is ExportFormat.json:
        body = json.dumps(comment_table.comment_table(engine, plan_id).to_json(), ensure_ascii=False, indent=2).encode() + b"\n"
        rows = None
    else:
        table = comment_table.published_table(engine, plan_id)
        rows = len(table.rows)
        if format is ExportFormat.pdf and output is None:
            raise CommandFailed(_t("pdf_needs_output"), 2)
        body = comment_table.render_csv(table) if format is ExportFormat.csv else comment_table.render_pdf(table)
    if output is None:
        sys.stdout.buffer.write(body)
        return
    output.write_bytes(body)
    typer.echo(_t("written", path=output, rows=rows if rows is not None else "—"))


def register(app: typer.Typer, handle_errors: Any) -> None:
    """Add ``comments`` to the ``keikaku`` app (with its error handling)."""
    for name, func in (("open", open_), ("list", list_), ("export", export)):
        comments_app.command(name)(handle_errors(func))
    app.add_typer(comments_app, name="comments")
