"""The audit trail: an append-only record of every change made in the evaluation cycle.

Each writing service calls ``record`` inside its own transaction, so a change and its record are
committed together or not at all. ``before`` and ``after`` are JSON-ready snapshots of the object
(``None`` before a creation); ``jsonable`` turns dates and other values into JSON.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import Engine, event, select
from sqlalchemy.orm import Session

from keikaku.domain.errors import KeikakuError
from keikaku.storage import models as m
from keikaku.storage.database import transaction
from keikaku.storage.models import utcnow

OBJECT_TYPES = ("user", "cycle", "observation", "project_progress", "sheet",
                "node", "indicator", "project", "action", "node_link",  # these five: the plan editor
                "successor",  # a successor decision (keikaku.services.successors)
                "sdg_suggestion",  # an SDG suggestion accepted or rejected (keikaku.services.sdg)
                "plan_correction",  # a plan corrected in place by a new edition (keikaku.services.revise)
                "api_token",  # an API token created or revoked (keikaku.services.api_tokens)
                "project_budget", "staff_cost", "budget_frame",  # project money imported (keikaku.services.budget)
                "project_sheet",  # a project evaluation sheet (keikaku.services.project_sheets)
                "comment_period", "comment_theme", "comment_group", "opinion")  # opinions on a draft (keikaku.services.comments)


def _refuse_change(_mapper, _connection, target: m.AuditEntry) -> None:  # noqa: ANN001
    raise KeikakuError(f"the audit log is append-only (entry {target.id})")


event.listen(m.AuditEntry, "before_update", _refuse_change)
event.listen(m.AuditEntry, "before_delete", _refuse_change)


def as_utc(value: datetime) -> datetime:
    """A stored time as aware UTC (SQLite gives it back naive)."""
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


def iso(value: datetime | None) -> str | None:
    """ISO 8601 in UTC to the second: 2026-05-01T09:00:00+00:00."""
    return as_utc(value).isoformat(timespec="seconds") if value is not None else None


def jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return iso(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [jsonable(v) for v in (sorted(value) if isinstance(value, (set, frozenset)) else value)]
    return value


def record(session: Session, *, user_name: str | None, action: str, object_type: str, object_id: int | str,
           label: str | None, before: Mapping[str, Any] | None, after: Mapping[str, Any] | None) -> None:
    """Append one entry; the caller's transaction commits it with the change it describes."""
    if object_type not in OBJECT_TYPES:
        raise ValueError(f"unknown audit object type {object_type!r}")
    session.add(m.AuditEntry(
        at=utcnow(), user_name=user_name, action=action, object_type=object_type, object_id=str(object_id),
        object_label=label, before=jsonable(before) if before is not None else None,
        after=jsonable(after) if after is not None else None,
    ))


@dataclass(frozen=True)
class Change:
    """One audit entry as shown: ``at`` ISO 8601 UTC, ``object`` as TYPE:ID."""

    at: str
    user: str | None
    action: str
    object: str
    label: str | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    def to_json(self) -> dict[str, Any]:
        return {"at": self.at, "user": self.user, "object": self.object, "before": self.before, "after": self.after,
                "action": self.action, "label": self.label}


def list_changes(engine: Engine, *, object: str | None = None, limit: int = 500) -> list[Change]:  # noqa: A002
    """The latest ``limit`` changes, newest first; ``object`` is TYPE:ID (one object) or TYPE (a kind)."""
    query = select(m.AuditEntry).order_by(m.AuditEntry.id.desc()).limit(max(0, limit))
    if object:
        kind, _, ref = object.strip().partition(":")
        if kind not in OBJECT_TYPES or (":" in object and not ref.strip()):
            raise KeikakuError(f"--object is TYPE:ID or TYPE, with TYPE one of {', '.join(OBJECT_TYPES)}; not {object!r}")
        query = query.where(m.AuditEntry.object_type == kind)
        if ref.strip():
            query = query.where(m.AuditEntry.object_id == ref.strip())
    with transaction(engine) as session:
        return [
            Change(at=iso(e.at) or "", user=e.user_name, action=e.action, object=f"{e.object_type}:{e.object_id}",
                   label=e.object_label, before=e.before, after=e.after)
            for e in session.scalars(query)
        ]


PER_PAGE = 50  # entries on one page of the audit trail page


@dataclass(frozen=True)
class ChangePage:
    """One page of the audit trail, newest first: ``total`` entries match the filters in all."""

    changes: list[Change]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def search_changes(engine: Engine, *, kind: str | None = None, object_id: str | None = None, user: str | None = None, since: datetime | None = None,
                   until: datetime | None = None, page: int = 1, per_page: int = PER_PAGE) -> ChangePage:
    """The changes of one kind of object (``kind``, one of OBJECT_TYPES), by one user name, made at
    or after ``since`` and before ``until`` (``object_id``: one object of the kind), ``per_page`` at a time (``page`` from 1)."""
    from keikaku.storage import user_store

    if kind and kind not in OBJECT_TYPES:
        raise KeikakuError(f"unknown kind of object {kind!r}; one of {', '.join(OBJECT_TYPES)}")
    page = max(1, page)
    with transaction(engine) as session:
        rows, total = user_store.audit_page(session, kind=kind or None, object_id=(object_id or "").strip() or None, user_name=(user or "").strip() or None,
                                            since=since, until=until, offset=(page - 1) * per_page, limit=per_page)
        changes = [Change(at=iso(e.at) or "", user=e.user_name, action=e.action, object=f"{e.object_type}:{e.object_id}",
                          label=e.object_label, before=e.before, after=e.after) for e in rows]
    return ChangePage(changes=changes, total=total, page=page, per_page=per_page)
