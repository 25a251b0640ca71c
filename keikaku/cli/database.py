"""Commands that keep the database safe: ``backup``, ``restore`` and ``db copy``.

Thin wrappers over ``keikaku.services.backup``; see docs/operations.md.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from keikaku.cli.messages import t
from keikaku.domain.errors import BackupError

if TYPE_CHECKING:
    from keikaku.services.backup import VerifyResult


def _japanese_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """A refused or failed backup, restore or copy: its message in the user's language, exit code 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from keikaku.cli.main import print_error

        try:
            return func(*args, **kwargs)
        except BackupError as exc:
            values = {"detail": "", "url": "", "path": "", "tables": "", "table": "", "tool": "", "backend": "",
                      "current": "", "head": ""} | exc.values
            print_error(t(f"backup_{exc.code}", **values))
            raise typer.Exit(2) from None

    return wrapper


class _Bar:
    """A rich progress bar over ``total`` rows on stderr (silent when stderr is no terminal)."""

    def __init__(self, total: int, label: str):
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        from keikaku.cli.main import err

        console = err()
        self.progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                                 console=console, transient=True, disable=not console.is_terminal or total < 1)
        self.task = self.progress.add_task(label, total=total)
        self.label = label

    def __enter__(self) -> Callable[[str, int], None]:
        self.progress.__enter__()
        return self.advance

    def advance(self, table: str, rows: int) -> None:
        self.progress.update(self.task, advance=rows, description=f"{self.label} {table}")

    def __exit__(self, *exc: object) -> None:
        self.progress.__exit__(*exc)  # type: ignore[arg-type]


def _report(result: VerifyResult) -> None:
    from keikaku.cli.main import out, print_error

    if result.ok:
        out().print(t("verify_ok", tables=result.tables, rows=result.rows), highlight=False)
        return
    for m in result.mismatches:
        if m.table == "alembic_version":
            print_error(t("verify_revision"))
            continue
        expected = "—" if m.expected is None else m.expected.rows
        found = "—" if m.found is None else m.found.rows
        print_error(t("verify_table", table=m.table, expected=expected, found=found))
    print_error(t("verify_failed", count=len(result.mismatches)))
    raise typer.Exit(1)


def backup_command(
    file: Annotated[Path, typer.Argument(help="バックアップの書き出し先 / The backup file to write.", show_default=False)],
) -> None:
    """データベースをバックアップ / Back up the database while it runs, with a manifest beside it.

    SQLite: an online copy with SQLite's backup API. PostgreSQL: pg_dump in custom format.
    FILE.manifest.json records the schema revision and each table's row count and checksum;
    `keikaku restore` checks them.
    """
    from keikaku.cli.main import out, plain_engine
    from keikaku.services import backup as service

    engine = plain_engine()
    try:
        result = service.backup(engine, file)
    finally:
        engine.dispose()
    out().print(t("backup_done", file=result.file, backend=result.backend, rev=result.revision or "—",
                  tables=len(result.summary.tables), rows=result.summary.total_rows, manifest=result.manifest),
                highlight=False)


def restore_command(
    file: Annotated[Path, typer.Argument(help="バックアップファイル / The backup file.", show_default=False)],
    force: Annotated[bool, typer.Option("--force", help="データのあるデータベースを上書きする / Overwrite a database that holds data.")] = False,
) -> None:
    """バックアップから復元し検証 / Restore a backup into the configured database and verify it.

    Refuses a database holding data unless --force. Afterwards every table's row count and
    checksum are compared with the manifest: exit code 1 when any differs.
    """
    from keikaku.cli.main import err, out, plain_engine
    from keikaku.services import backup as service
    from keikaku.storage import migrate

    engine = plain_engine()
    where = engine.url.render_as_string(hide_password=True)
    manifest = service.read_manifest(file)
    total = sum(int(v.get("rows", 0)) for v in manifest["tables"].values())
    try:
        with _Bar(total, t("restoring")) as advance:
            result = service.restore(engine, file, force=force, progress=advance)
    finally:
        engine.dispose()
    out().print(t("restore_done", file=file, url=where), highlight=False)
    _report(result)
    if result.revision != migrate.head_revision():
        err().print(t("restore_upgrade", rev=result.revision or "—", head=migrate.head_revision()), highlight=False)


def copy_command(
    to: Annotated[str, typer.Option("--to", help="複写先の URL (postgresql+psycopg://… など) / URL of the empty target database.",
                                    show_default=False)],
) -> None:
    """別のデータベースへ複写し検証 / Copy every table to another (empty) database and verify it.

    The target's schema is created with Alembic; tables are copied parents first in batches,
    PostgreSQL sequences are reset, and every table's count and checksum are compared. Then
    set KEIKAKU_DATABASE_URL to the target.
    """
    from sqlalchemy.engine import make_url

    from keikaku.cli.main import out, plain_engine
    from keikaku.services import backup as service

    source = plain_engine()
    try:
        shown = make_url(to).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - a malformed URL
        raise BackupError("bad_url", f"{to}: not a database URL", url=to) from None
    try:
        total = sum(service.row_totals(source).values())
        with _Bar(total, t("copying")) as advance:
            result = service.copy(source, to, progress=advance)
    finally:
        source.dispose()
    out().print(t("copy_done", source=source.url.render_as_string(hide_password=True), target=shown), highlight=False)
    _report(result)


def register(app: typer.Typer, db_app: typer.Typer, handle_errors: Callable[[Any], Any]) -> None:
    """Add ``backup``, ``restore`` and ``db copy`` (with keikaku's error handling)."""
    app.command("backup")(handle_errors(_japanese_errors(backup_command)))
    app.command("restore")(handle_errors(_japanese_errors(restore_command)))
    db_app.command("copy")(handle_errors(_japanese_errors(copy_command)))
