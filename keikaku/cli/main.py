"""The ``keikaku`` command. Each command is a thin wrapper over a service call."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from pydantic import ValidationError

from keikaku import __version__
from keikaku.cli.backfill import register as register_backfill_command
from keikaku.cli.budget import register as register_budget_commands
from keikaku.cli.cycle import register as register_cycle_commands
from keikaku.cli.users import register as register_user_commands
from keikaku.cli.database import register as register_database_commands
from keikaku.cli.diff import register as register_diff_command
from keikaku.cli.extracting import problems_text
from keikaku.cli.export import export_command
from keikaku.cli.messages import t
from keikaku.cli.plan_edit import register as register_plan_edit_commands
from keikaku.cli.publish import register as register_publish_command
from keikaku.cli.remind import register as register_remind_command
from keikaku.cli.sdg import register as register_sdg_commands
from keikaku.cli.sheets import register as register_sheet_commands
from keikaku.cli.successors import register as register_successors_command
from keikaku.domain.errors import KeikakuError

if TYPE_CHECKING:
    from rich.console import Console
    from sqlalchemy import Engine

    from keikaku.settings import Settings

# Services, storage and rendering are imported inside the commands that use them, so that
# light commands (extract, --help) start fast.

HELP = """keikaku (計画): 総合計画の管理 — comprehensive plans of Japanese municipalities.

計画書 (JSON 計画ファイル) をデータベースに登録し、一覧・表示・書き出しを行います。
Stores plan files in a database (SQLite by default, PostgreSQL via KEIKAKU_DATABASE_URL)
and lists, shows and dumps them. Set KEIKAKU_LANG=en for English messages.
"""

app = typer.Typer(
    help=HELP, no_args_is_help=True, rich_markup_mode=None, add_completion=False, pretty_exceptions_show_locals=False
)
db_app = typer.Typer(help="データベースの管理 / Manage the database schema.", no_args_is_help=True)
app.add_typer(db_app, name="db")

F = TypeVar("F", bound=Callable[..., Any])


def out() -> Console:
    """Standard output, sized from the terminal (or COLUMNS) at the time of the call."""
    from rich.console import Console

    return Console()


def err() -> Console:
    from rich.console import Console

    return Console(stderr=True, soft_wrap=True)


def print_error(message: object) -> None:
    err().print(f"[red]{t('error')}:[/red] ", end="", markup=True)
    err().print(str(message), markup=False, highlight=False)


def settings_problem(exc: ValidationError) -> str:
    return "; ".join(f"KEIKAKU_{'_'.join(map(str, e['loc'])).upper()}: {e['msg']}" for e in exc.errors())


class OutputFormat(StrEnum):
    table = "table"
    json = "json"


class ExtractFormat(StrEnum):
    json = "json"
    summary = "summary"


class AssessFormat(StrEnum):
    json = "json"
    table = "table"
    csv = "csv"


class ShowFormat(StrEnum):
    tree = "tree"
    json = "json"


def handle_errors(func: F) -> F:
    """Turn keikaku's named errors into a message on stderr and an exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except KeikakuError as exc:
            print_error(exc)
            raise typer.Exit(exc.exit_code) from None
        except ValidationError as exc:  # settings from the environment
            print_error(settings_problem(exc))
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


def settings() -> Settings:
    from keikaku.settings import get_settings

    return get_settings()


def plain_engine() -> Engine:
    from keikaku.storage.database import make_engine

    return make_engine(settings().resolved_database_url())


def open_database() -> Engine:
    """The configured database, its schema created if empty and checked if not."""
    from keikaku.storage import migrate

    engine = plain_engine()
    migrate.ensure_current(engine)
    return engine


def print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _version(value: bool) -> None:
    if value:
        out().print(f"keikaku {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="版を表示 / Show the version.")] = False,
) -> None:
    """keikaku (計画)."""


@db_app.command("upgrade")
@handle_errors
def db_upgrade() -> None:
    """スキーマを最新にする / Create or migrate the schema to the newest revision."""
    from keikaku.storage import migrate

    engine = plain_engine()
    rev = migrate.upgrade(engine)
    out().print(t("upgraded", rev=rev, url=engine.url.render_as_string(hide_password=True)), highlight=False)


@db_app.command("status")
@handle_errors
def db_status() -> None:
    """スキーマの版を表示 / Show the schema revision in force and the one the code needs."""
    from keikaku.storage import migrate

    engine = plain_engine()
    out().print(t("status", url=engine.url.render_as_string(hide_password=True),
                current=migrate.current_revision(engine) or "—", head=migrate.head_revision()), highlight=False)


@app.command("load")
@handle_errors
def load(
    files: Annotated[list[Path] | None, typer.Argument(help="計画ファイル (JSON) / Plan files (JSON).", show_default=False)] = None,
    municipality: Annotated[str | None, typer.Option("--municipality", "-m", help="自治体コードまたは名称 / Municipality code or name, when the file names none.")] = None,
    example: Annotated[bool, typer.Option("--example", help="同梱の架空の市の計画を登録 / Load the bundled fictional city.")] = False,
    confirm_orphans: Annotated[bool, typer.Option("--confirm-orphans", help="入力済みの実績・評価を失う変更も行う（監査記録に残す） / Apply a change that removes entered actuals or evaluations (audited).")] = False,
) -> None:
    """計画ファイルを登録する / Store plan files; each file is one transaction.

    The same file loaded twice changes nothing; a changed file with the same key updates the
    stored plan in place, keeping the identity (and URLs, actuals, evaluations) of every node,
    indicator and project it still holds. A change that would remove actuals or evaluations
    entered by staff is refused unless --confirm-orphans is given. A malformed file is reported
    with the path and field at fault, and nothing of it is written.
    """
    from rich.progress import Progress

    from keikaku.services import plans as plan_service

    paths = list(files or []) + (plan_service.example_files() if example else [])
    if not paths:
        raise KeikakuError("give plan files to load, or --example")
    engine = open_database()
    failures = 0
    console = err()
    with Progress(console=console, transient=True, disable=len(paths) < 2 or not console.is_terminal) as progress:
        task = progress.add_task("load", total=len(paths))
        for path in paths:
            try:
                result = plan_service.load_plan_file(engine, path, municipality=municipality, confirm_orphans=confirm_orphans)
            except KeikakuError as exc:
                failures += 1
                print_error(exc)
            else:
                out().print(t("loaded", outcome=t(result.outcome.value), key=result.key, id=result.plan_id,
                            nodes=result.nodes, indicators=result.indicators), highlight=False)
            progress.advance(task)
    if failures:
        raise typer.Exit(2)


OCR_HELP = "文字のない PDF (スキャン) を OCR で読む (既定) / Read scans through OCR (default); --no-ocr refuses them."
STRICT_HELP = "体系か指標がなければ失敗 (終了コード 3) / Fail (exit code 3) when a document gives no tree or no indicators."


@app.command("extract")
@handle_errors
def extract(
    files: Annotated[list[Path], typer.Argument(help="計画書 (テキスト, PDF, Word, Excel) / Plan documents.", show_default=False)],
    format: Annotated[ExtractFormat, typer.Option("--format", "-f", help="json または summary / Output format.")] = ExtractFormat.json,
    debug: Annotated[Path | None, typer.Option("--debug", help="各段階の出力と確認用ページを書き出すフォルダ / Write every stage's output and a review page here.")] = None,
    report: Annotated[Path | None, typer.Option("--report", help="読み取りの報告 (JSON) の書き出し先 / Write the extraction report (JSON) here.")] = None,
    strict: Annotated[bool, typer.Option("--strict", help=STRICT_HELP)] = False,
    ocr: Annotated[bool, typer.Option("--ocr/--no-ocr", help=OCR_HELP)] = True,
) -> None:
    """計画書を読み取り計画 JSON を出力 / Read plan documents and print their plan JSON.

    One file prints one JSON object; several print a JSON array. Nothing is stored. A one-line
    report of what was read goes to standard error. A file that cannot be read (empty, binary,
    corrupt, encrypted, a scan in which OCR finds no text, too large) is reported and gives exit code 2;
    the other files are still printed. With --strict, a document without a tree or without
    indicators gives exit code 3.
    """
    from keikaku.cli.extracting import extract_documents

    code = extract_documents(files, fmt=format.value, debug=debug, report=report, strict=strict, ocr=ocr, say_error=print_error)
    if code:
        raise typer.Exit(code)


@app.command("import")
@handle_errors
def import_(
    files: Annotated[list[Path], typer.Argument(help="計画書 (テキスト, PDF, Word, Excel) / Plan documents.", show_default=False)],
    municipality: Annotated[str | None, typer.Option("--municipality", "-m", help="自治体コードまたは名称 / Municipality code or name.")] = None,
    strict: Annotated[bool, typer.Option("--strict", help=STRICT_HELP + " 登録しません / Nothing of it is stored.")] = False,
    ocr: Annotated[bool, typer.Option("--ocr/--no-ocr", help=OCR_HELP)] = True,
    into: Annotated[str | None, typer.Option("--into", help="修正する登録済みの計画 (ID またはキー) / A stored plan to correct: preview the changes.", show_default=False)] = None,
    yes: Annotated[bool, typer.Option("--yes", help="--into: 確認してこの計画を修正 / Correct the plan in place (confirms lost entered data).")] = False,
    as_revision: Annotated[bool, typer.Option("--as-revision", help="--into: 新しい版として横に登録 / Store it as a new revision beside the plan.")] = False,
    format: Annotated[OutputFormat, typer.Option("--format", "-f", help="--into: プレビューの形式 table または json / Preview format.")] = OutputFormat.table,
) -> None:
    """計画書を読み取りデータベースに登録 / Extract plan documents and store them.

    With --into PLAN (one document): shows what would be added, removed and changed in PLAN and
    writes nothing, unless --yes (correct PLAN in place, keeping its ids and entered actuals) or
    --as-revision (store the document as a new revision beside PLAN). See docs/editing.md.

    Each document is one transaction. Importing the same document again changes nothing; a
    changed edition of a stored plan (or the final version of a stored draft) is stored beside
    it and linked as its revision. A document without a tree or indicators is stored with a
    warning, or with --strict not stored at all (exit code 3). A document from which nothing at
    all was read (no node, indicator or project) is never stored (exit code 3).
    """
    if into is not None or yes or as_revision:
        from keikaku.cli.revise import import_into, t as _t

        if into is None or len(files) != 1:
            raise typer.BadParameter(_t("revise_one_file"))
        return import_into(files[0], into, yes=yes, as_revision=as_revision, fmt=format.value, ocr=ocr,
                           echo=lambda line: out().print(line, markup=False, highlight=False))
    from rich.progress import Progress

    from keikaku.domain.errors import EmptyExtractionError, IncompleteExtractionError
    from keikaku.services.importing import import_file

    engine = open_database()
    failures = incomplete = 0
    console = err()
    with Progress(console=console, transient=True, disable=len(files) < 2 or not console.is_terminal) as progress:
        task = progress.add_task("import", total=len(files))
        for path in files:
            try:
                result = import_file(engine, path, municipality=municipality, strict=strict, ocr=ocr)
            except IncompleteExtractionError as exc:
                incomplete += 1
                print_error(t("strict_not_imported", source=exc.source, problems=problems_text(exc.problems)))
            except EmptyExtractionError as exc:
                incomplete += 1
                print_error(t("empty_not_imported", source=exc.source))
            except KeikakuError as exc:
                failures += 1
                print_error(exc)
            else:
                if result.report.warnings:
                    err().print(t("import_warning", source=result.report.source, problems=problems_text(result.report.warnings)),
                                markup=False, highlight=False)
                load = result.load
                line = t("loaded", outcome=t(load.outcome.value), key=load.key, id=load.plan_id, nodes=load.nodes, indicators=load.indicators)
                if result.revision_of:
                    line += " " + t("revision_of", key=result.revision_of)
                out().print(line, highlight=False)
            progress.advance(task)
    if failures:
        raise typer.Exit(2)
    if incomplete:
        raise typer.Exit(3)


@app.command("dump")
@handle_errors
def dump(
    plan: Annotated[str, typer.Argument(help="計画の ID またはキー / Plan id or key.")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="書き出し先 (既定: 標準出力) / Output file (default: stdout).")] = None,
) -> None:
    """計画を JSON 計画ファイルとして書き出す / Write a stored plan back as its plan file."""
    from keikaku.services import plans as plan_service

    text = plan_service.dump_plan(open_database(), plan).to_json()
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        err().print(t("written", path=output), highlight=False)


@app.command("plans")
@handle_errors
def plans(
    municipality: Annotated[str | None, typer.Option("--municipality", "-m", help="自治体で絞り込む / Only this municipality (code or name).")] = None,
    format: Annotated[OutputFormat, typer.Option("--format", "-f", help="table または json / Output format.")] = OutputFormat.table,
) -> None:
    """登録済みの計画の一覧 / List stored plans.

    --format json prints {"plans": [{"id", "key", "municipality": {"code", "name"}, "title",
    "kind", "status", "period": {"start", "end"}}]}.
    """
    from keikaku.cli import render
    from keikaku.services import plans as plan_service

    found = plan_service.list_plans(open_database(), municipality=municipality)
    if format is OutputFormat.json:
        print_json({"plans": [p.to_json() for p in found]})
    elif not found:
        out().print(t("no_plans"))
    else:
        out().print(render.plans_table(found))


@app.command("show")
@handle_errors
def show(
    plan: Annotated[str, typer.Argument(help="計画の ID またはキー / Plan id or key.")],
    node: Annotated[str | None, typer.Argument(help="ノード ID または番号 (例: 25) / Node id or printed number.")] = None,
    format: Annotated[ShowFormat, typer.Option("--format", "-f", help="tree または json / Output format.")] = ShowFormat.tree,
) -> None:
    """計画の体系 (ツリー) を表示する / Show a plan's tree, or one node in full."""
    from keikaku.cli import render
    from keikaku.services import plans as plan_service

    engine = open_database()
    if node is None:
        tree = plan_service.plan_tree(engine, plan)
        if format is ShowFormat.json:
            print_json(plan_service.dump_plan(engine, plan).to_json_dict())
        else:
            out().print(render.plan_tree(tree))
        return
    detail = plan_service.node_detail(engine, plan, node)
    if format is ShowFormat.json:
        print_json({
            "node": detail.node.model_dump(mode="json"),
            "children": [c.model_dump(mode="json") for c in detail.children],
            "indicators": [i.model_dump(mode="json") for i in detail.indicators],
            "projects": [p.model_dump(mode="json") for p in detail.projects],
            "actions": [a.model_dump(mode="json") for a in detail.actions],
            "roles": [r.model_dump(mode="json") for r in detail.roles],
            "links": [link.model_dump(mode="json") for link in detail.links],
            "individual_plans": [r.model_dump(mode="json") for r in detail.individual_plans],
        })
    else:
        out().print(render.node_detail(detail))


@app.command("assess")
@handle_errors
def assess(
    file: Annotated[str | None, typer.Argument(help="計画 JSON (- で標準入力) / A plan JSON file, or - for stdin.", show_default=False)] = None,
    plan: Annotated[str | None, typer.Option("--plan", help="登録済みの計画の ID またはキー / A stored plan (id or key).")] = None,
    year: Annotated[int | None, typer.Option("--year", help="評価する年度 (西暦) / Fiscal year to assess.")] = None,
    scale: Annotated[str, typer.Option("--scale", help="評価の尺度: abcd (既定), sabc, achieved / Grade scale.")] = "abcd",
    format: Annotated[AssessFormat, typer.Option("--format", "-f", help="json, table または csv / Output format.")] = AssessFormat.json,
) -> None:
    """指標の進捗・達成度を評価 / Assess indicators: progress, achievement, grade, Open SDG.

    With FILE (a plan JSON as `keikaku extract` prints it, with actuals) prints
    {"assessments": [{name, year, value, progress_rate, achievement_rate, expected_progress,
    status, grade, cagr_ratio, cagr_score, cagr_status, reported_rate, reported_rate_method,
    reported_rate_ok, warnings, node, unit, ci_low, ci_high, significance}]}: a row per indicator
    and actual year, and one row with status no_data for an indicator without actuals. ci_low and
    ci_high (the year's confidence interval, points) and significance (increase, decrease or
    no_significant_change) are a survey indicator's, null for any other; --format table adds
    their columns when the plan has a survey indicator. With --plan (and --year) the stored
    plan is assessed and the roll-ups (measure → policy → goal → plan, and per SDG) are added.
    The formulas are in docs/assessment.md.
    """
    import sys as _sys

    from keikaku.domain import planfile as pf
    from keikaku.services import assessing

    if (file is None) == (plan is None):
        raise KeikakuError("give either a plan file (or -) or --plan ID")
    if plan is not None:
        result = assessing.assess_stored_plan(open_database(), plan, year, scale)
    else:
        if file == "-":
            text = _sys.stdin.read()
            doc = pf.parse_plan_json(text, "<stdin>")
        else:
            from keikaku.services.plans import read_plan_file

            doc = read_plan_file(Path(file))
        result = assessing.assess_file_document(doc, scale, year=year)
    rows = result["assessments"]
    if format is AssessFormat.json:
        print_json(result)
    elif format is AssessFormat.csv:
        _sys.stdout.write(assessing.rows_to_csv(rows))
    else:
        from rich.table import Table

        table = Table()
        columns = ("name", "year", "value", "progress_rate", "achievement_rate", "expected_progress", "status", "grade", "cagr_status")
        if any(r.get("ci_low") is not None for r in rows):  # a survey indicator: its interval and significance
            columns += ("ci_low", "ci_high", "significance")
        for c in columns:
            table.add_column(c, overflow="fold")
        for r in rows:
            table.add_row(*("" if r.get(c) is None else str(r.get(c)) for c in columns))
        out().print(table)


@app.command("serve")
@handle_errors
def serve(
    host: Annotated[str, typer.Option("--host", help="待ち受けるアドレス / Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="ポート / Port.")] = 8000,
    workers: Annotated[int, typer.Option("--workers", help="ワーカー数 / Worker processes.")] = 1,
) -> None:
    """ウェブサイトを公開 / Serve the public site and its JSON API over the configured database.

    Pages at http://HOST:PORT/ (Japanese; ?lang=en for English), the API under /api/v1/ with
    its OpenAPI document at /api/v1/openapi.json.
    """
    import uvicorn

    open_database()  # create or check the schema before any worker starts
    err().print(f"keikaku: http://{host}:{port}/", highlight=False)
    uvicorn.run("keikaku.web.app:app_from_settings", factory=True, host=host, port=port, workers=workers,
                log_level="warning", access_log=False, server_header=False)


@app.command("municipalities")
@handle_errors
def municipalities(
    format: Annotated[OutputFormat, typer.Option("--format", "-f", help="table または json / Output format.")] = OutputFormat.table,
) -> None:
    """登録済みの自治体 / List known municipalities (code, name, prefecture)."""
    from rich.table import Table

    from keikaku.storage import repository as repo
    from keikaku.storage.database import transaction

    with transaction(open_database()) as session:
        rows = [(m.code, m.name, m.prefecture, m.fictional) for m in repo.list_municipalities(session)]
    if format is OutputFormat.json:
        print_json({"municipalities": [{"code": c, "name": n, "prefecture": p, "fictional": f} for c, n, p, f in rows]})
        return
    table = Table()
    for key in ("col_code", "col_name", "col_prefecture"):
        table.add_column(t(key))
    for code, name, pref, fictional in rows:
        table.add_row(code, name + (f" [{t('fictional')}]" if fictional else ""), pref or "")
    out().print(table)


app.command("export")(handle_errors(export_command))
register_cycle_commands(app, handle_errors)  # user add, cycle open, observe, audit
register_user_commands(app, handle_errors)  # user list, disable, enable, reset, role
register_database_commands(app, db_app, handle_errors)  # backup, restore, db copy
register_diff_command(app, handle_errors)  # diff: a draft beside its final text
register_sdg_commands(app, handle_errors)  # sdg suggest, accept, reject
register_publish_command(app, handle_errors)  # publish --static DIR
register_remind_command(app, handle_errors)  # remind: mail departments what is missing or returned
register_plan_edit_commands(app, handle_errors)  # node update|assign|add|move|delete, indicator …
register_successors_command(app, handle_errors)  # successors OLD NEW (generations)
register_sheet_commands(app, handle_errors)  # sheet show|edit|submit|approve|return, cycle list|close, token …
register_backfill_command(app, handle_errors)  # actuals backfill: past years' actuals, published (admins)
register_budget_commands(app, handle_errors)  # budget import, cost: project money (docs/costs.md)
from keikaku.cli.project_sheets import register as register_project_sheet_commands  # noqa: E402

register_project_sheet_commands(app, handle_errors)  # project-sheet show|edit|submit|approve|return|scale (事務事業評価)
from keikaku.cli.comments import register as register_comment_commands  # noqa: E402

register_comment_commands(app, handle_errors)  # comments open|list|export (パブリックコメント)
