"""What the commands of both kinds of evaluation sheet share: ``keikaku sheet`` (a measure's,
keikaku.cli.sheets) and ``keikaku project-sheet`` (a project's, keikaku.cli.project_sheets).

Their options, the errors said in the user's words (not found, not allowed, version conflict,
wrong state, bad input), the acting user and cycle a command works in, and a sheet as printed:
its state and version, the reviewer's comment, what the user may do, and the line a change ends
with.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, Protocol

import typer

from keikaku.domain.errors import KeikakuError, NotFoundError

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from keikaku.services.accounts import UserInfo
    from keikaku.services.cycle_common import CycleInfo

NONE = "—"  # what a sheet prints for a field that has no value


class Format(StrEnum):
    table = "table"
    json = "json"


PLAN = Annotated[str, typer.Option("--plan", help="計画の ID またはキー / Plan id or key.", show_default=False)]
YEAR = Annotated[int, typer.Option("--year", help="評価する年度 (西暦) / Fiscal year of the cycle.", show_default=False)]
USER = Annotated[str, typer.Option("--user", envvar="KEIKAKU_USER", help="操作する利用者 / Acting user.", show_default=False)]
VERSION = Annotated[int | None, typer.Option("--version", help="読んだときの版 (省略時は現在の版) / The version read (default: the current one).")]
FORMAT = Annotated[Format, typer.Option("--format", "-f", help="table または json / Output format.")]


class CommandFailed(KeikakuError):
    """A service error, said in the user's language; ``exit_code`` as the error's."""

    def __init__(self, message: str, exit_code: int):
        super().__init__(message)
        self.exit_code = exit_code


def said(exc: KeikakuError) -> CommandFailed:
    """The error in the CLI's words: not found, not allowed, version conflict, wrong state, bad input."""
    from keikaku.cli.messages import t
    from keikaku.services import cycle

    detail = str(exc)
    if isinstance(exc, cycle.PermissionDenied):
        key = "not_allowed"
    elif isinstance(exc, cycle.SheetConflict):
        key = "version_conflict"
        detail = t("version_now", version=exc.current.version, detail=detail)
    elif isinstance(exc, cycle.SheetStateError):
        key = "wrong_state"
    elif isinstance(exc, cycle.ValidationFailed):
        key = "invalid_input"
    elif isinstance(exc, NotFoundError):
        key = "not_found"
    else:
        return CommandFailed(detail, exc.exit_code)
    return CommandFailed(t(key, detail=detail), exc.exit_code)


def translating(func: Callable[..., Any]) -> Callable[..., Any]:
    """A command whose service errors are said by ``said``."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except CommandFailed:
            raise
        except KeikakuError as exc:
            raise said(exc) from None

    return wrapper


def acting_cycle(plan: str, year: int, user: str) -> tuple[Engine, UserInfo, CycleInfo]:
    """The engine, the acting user and the plan's cycle of ``year``."""
    from keikaku.cli.main import open_database
    from keikaku.services import accounts, cycle

    engine = open_database()
    acting = accounts.get_user(engine, user)
    return engine, acting, cycle.cycle_of(engine, plan=plan, year=year)


def status_word(status: str) -> str:
    """A sheet's state in the user's language (作成中, 提出済 …); an unknown one as it is."""
    from keikaku.cli.messages import MESSAGES, t

    return t(f"sheet_{status}") if f"sheet_{status}" in MESSAGES else status


class Sheet(Protocol):
    """What both kinds of sheet view show alike."""

    @property
    def year(self) -> int: ...
    @property
    def status(self) -> str: ...
    @property
    def version(self) -> int: ...
    @property
    def review_comment(self) -> str | None: ...
    @property
    def allowed_actions(self) -> Sequence[str]: ...
    def to_json(self) -> dict[str, Any]: ...


def print_sheet(view: Sheet, format: Format, *, title: str, about: list[str], written: list[str],  # noqa: A002
                details: list[str]) -> None:
    """Print a sheet as the API gives it (``--format json``), or as lines: its title, what it is
    about, its state and version, the written part, the reviewer's comment, the details and what
    the user may do."""
    from keikaku.cli.main import print_json
    from keikaku.cli.messages import t

    if format is Format.json:
        print_json(view.to_json())
        return
    lines = [title, *about, f"{t('col_status')}: {status_word(view.status)} ({t('sheet_version', version=view.version)})",
             *written, f"{t('sheet_comment')}: {view.review_comment or NONE}", *details,
             f"{t('sheet_actions')}: {', '.join(view.allowed_actions) or NONE}"]
    typer.echo("\n".join(lines))


def done(key: str, name: str, view: Sheet) -> None:
    """The line a change of a sheet ends with: ``key`` (sheet_saved, sheet_submitted_done …) of the
    sheet ``name`` (a measure's label or a project's name) as it now stands."""
    from keikaku.cli.messages import t

    typer.echo(t(key, node=name, year=view.year, status=status_word(view.status), version=view.version))
