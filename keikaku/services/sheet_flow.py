"""The state machine every evaluation sheet of a cycle shares: the measure's 施策評価シート
(keikaku.services.sheets) and the project's 事務事業評価シート (keikaku.services.project_sheets).

A sheet moves draft → submitted → approved, or submitted → returned → submitted …; only a draft
or returned sheet is written, only a submitted one reviewed, and an approved one is locked.
``version`` guards against lost updates: a step names the version its caller read, and the
write is a compare-and-set (the sheet's model maps ``version`` as SQLAlchemy's version column).
Each step here works on a stored row with the columns status, version, updated_by_id,
updated_at, submitted_at, review_comment, approved_by_id and approved_at; what a sheet holds
besides is its own module's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Protocol, TypeVar

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from keikaku.domain.enums import SheetStatus
from keikaku.domain.permissions import Action, Actor, can
from keikaku.services.cycle_common import SheetConflict, SheetLocked, SheetStateError, ValidationFailed
from keikaku.storage.database import transaction
from keikaku.storage.models import utcnow

MAX_TEXT = 20000
EDITABLE = (SheetStatus.DRAFT.value, SheetStatus.RETURNED.value)

V = TypeVar("V")


class SheetRow(Protocol):
    status: str
    version: int
    updated_by_id: int | None
    review_comment: str | None


class Shown(Protocol):
    """What a step needs of the sheet as shown: its version and who saved it last."""

    @property
    def version(self) -> int: ...

    @property
    def updated_by(self) -> str | None: ...


def status_of(row: SheetRow | None) -> str:
    """The row's status; a sheet nobody saved is a draft."""
    return row.status if row is not None else SheetStatus.DRAFT.value


def clean_text(value: str | None, name: str, limit: int = MAX_TEXT) -> str | None:
    """A written field trimmed (empty → None); ValidationFailed ``too_long`` over ``limit`` characters."""
    if value is None:
        return None
    value = value.strip()
    if len(value) > limit:
        raise ValidationFailed(f"{name} is longer than {limit} characters", code="too_long", field=name)
    return value or None


def editor_actions(user: Actor | None, status: str, *, cycle_open: bool, department_ids: frozenset[int]) -> list[str]:
    """The steps of the state machine ``user`` may take now: edit_sheet and submit_sheet on a
    draft or returned sheet of an open cycle (by the owning departments), review_sheet on a
    submitted one."""
    out = []
    if cycle_open and status in EDITABLE:
        out += [a.value for a in (Action.EDIT_SHEET, Action.SUBMIT_SHEET) if can(user, a, department_ids=department_ids)]
    if status == SheetStatus.SUBMITTED and can(user, Action.REVIEW_SHEET):
        out.append(Action.REVIEW_SHEET.value)
    return out


def check_writable(row: SheetRow | None, *, version: int, what: str, current: Callable[[], Shown],
                   attempted: dict[str, Any]) -> None:
    """Refuse an editor's step on an approved (SheetLocked) or submitted (SheetStateError) sheet,
    or when the sheet was saved since ``version`` was read (SheetConflict); ``what`` names the
    sheet in the message (``the sheet of 施策 8 …``), ``current`` shows it as stored."""
    status = status_of(row)
    if status == SheetStatus.APPROVED:
        raise SheetLocked(f"{what} is approved and locked", current=current())  # type: ignore[arg-type]
    if status == SheetStatus.SUBMITTED:
        raise SheetStateError(f"{what} is submitted and under review; a reviewer can return it",
                              current=current())  # type: ignore[arg-type]
    stored = row.version if row is not None else 0
    if version != stored:
        shown = current()
        who = f" by {shown.updated_by}" if shown.updated_by else ""
        raise SheetConflict(
            f"{what} was changed{who} since you read it (your version {version}, now {stored}); "
            "nothing was saved: compare and save again", current=shown, attempted=attempted)  # type: ignore[arg-type]


def stamp(row: Any, user_id: int) -> None:
    """A saved step: the next version, by this user, now."""
    row.version += 1
    row.updated_by_id, row.updated_at = user_id, utcnow()


def submit(row: Any, user_id: int, *, required: Sequence[str], missing: Sequence[str] = ()) -> None:
    """Hand a saved sheet in: every field of ``required`` filled (``missing`` names more that the
    caller found empty), else ValidationFailed ``incomplete`` naming the first."""
    empty = [f for f in required if row is None or not getattr(row, f)] + list(missing)
    if empty or row is None:
        raise ValidationFailed(f"fill in {', '.join(empty)} before submitting", code="incomplete",
                               field=empty[0] if empty else None)
    now = utcnow()
    row.status, row.submitted_at, row.version = SheetStatus.SUBMITTED.value, now, row.version + 1
    row.updated_by_id, row.updated_at = user_id, now


def check_reviewable(row: SheetRow | None, *, version: int, what: str, current: Callable[[], Shown],
                     attempted: dict[str, Any]) -> None:
    """Only a submitted sheet is reviewed, at the version the reviewer read."""
    status = status_of(row)
    if status == SheetStatus.APPROVED:
        raise SheetLocked(f"{what} is already approved", current=current())  # type: ignore[arg-type]
    if row is None or status != SheetStatus.SUBMITTED:
        raise SheetStateError(f"only a submitted sheet can be reviewed; {what} is {status}", current=current())  # type: ignore[arg-type]
    if version != row.version:
        raise SheetConflict(f"{what} changed since you read it (your version {version}, now {row.version}); nothing was saved",
                            current=current(), attempted=attempted)  # type: ignore[arg-type]


def review(row: Any, user_id: int, *, approve: bool, comment: str | None) -> None:
    """Approve (locked from now on) or return (editable again, ``comment`` required) a submitted sheet."""
    text = clean_text(comment, "comment")
    if not approve and not text:
        raise ValidationFailed("say why the sheet is returned (a comment)", code="missing", field="comment")
    row.review_comment, row.version = text, row.version + 1
    if approve:
        row.status, row.approved_by_id, row.approved_at = SheetStatus.APPROVED.value, user_id, utcnow()
    else:
        row.status = SheetStatus.RETURNED.value


@contextmanager
def guarded_write(engine: Engine, *, reload: Callable[[Session], tuple[bool, V, str]],
                  attempted: dict[str, Any]) -> Iterator[Session]:
    """The transaction of one step on a sheet, whose write is a compare-and-set.

    Two editors who read the same version may both pass the version check (SQLite has no row
    locks); the UPDATE of the second then matches no row, and two first saves of a new sheet meet
    at its unique key. Either way the late writer gets a ``SheetConflict`` with the sheet as
    stored and what they tried to save, and nothing of theirs is written. ``reload`` reads, in a
    new transaction, whether the sheet is stored, the sheet as shown, and its name in messages.
    """
    try:
        with transaction(engine) as session:
            yield session
    except (StaleDataError, IntegrityError) as exc:
        with transaction(engine) as session:
            stored, current, label = reload(session)
        if isinstance(exc, IntegrityError) and not stored:
            raise  # not the race on the sheet's key: an error of its own
        who = f" by {current.updated_by}" if getattr(current, "updated_by", None) else ""  # type: ignore[attr-defined]
        raise SheetConflict(
            f"{label} was saved{who} at the same time (now version {current.version}); "  # type: ignore[attr-defined]
            "nothing was saved: compare and save again", current=current, attempted=attempted) from None  # type: ignore[arg-type]
