"""What the evaluation-cycle services share: their named errors, the cycle record, and the
queries that find a cycle, the departments that own a node, indicator or project, and the
measures (施策) a cycle evaluates (from the plan's outline, keikaku.storage.cycle_store). The
public entry point is ``keikaku.services.cycle``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from keikaku.domain.enums import SheetStatus
from keikaku.domain.errors import KeikakuError, NotFoundError
from keikaku.domain.permissions import Action, Actor, require
from keikaku.services.audit import as_utc, iso
from keikaku.storage import models as m
from keikaku.storage.cycle_store import NodeBrief, PlanOutline, plan_outline, sheet_row
from keikaku.storage.models import utcnow
from keikaku.storage.plan_store import deadline_date

if TYPE_CHECKING:
    from keikaku.services.sheets import SheetView

JST = timezone(timedelta(hours=9), "JST")
MEASURE_LEVEL = "施策"
PLAN_WIDE_KEY = "plan"  # how the plan-wide sheet is named in URLs, the API and the CLI (--node plan)
PLAN_WIDE_WORDS = ("計画全体の指標", "Plan-wide indicators")  # the plan-wide sheet, in Japanese and English
PLAN_WIDE_LABEL = PLAN_WIDE_WORDS[0]
# Who the plan-wide sheet belongs to: the planning division, which owns the plan. The board's row,
# the reminders and the exports name it so.
PLAN_OWNER_WORDS = ("企画政策課（計画全体）", "Planning division (plan-wide)")
PLAN_OWNER_LABEL = PLAN_OWNER_WORDS[0]
OBSERVATION_FIELDS = ("indicator_id", "year", "value", "text", "note", "reported_rate", "status")


class ValidationFailed(KeikakuError):
    """Input that cannot be accepted. ``code`` names the rule (stable, for translation at the
    edges), ``field`` the input at fault, ``values`` what the rule's words need (a limit)."""

    exit_code = 2
    http_status = 422

    def __init__(self, message: str, *, code: str, field: str | None = None, **values: object):
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field
        self.values = values


@dataclass(frozen=True)
class RowError:
    """One problem of an uploaded file: the row as numbered in the file (header = row 1), the
    column as its header reads (None for the whole row) and what is wrong."""

    row: int
    column: str | None
    message: str
    code: str = "invalid"

    def __str__(self) -> str:
        return f"row {self.row}" + (f", {self.column}" if self.column else "") + f": {self.message}"

    def to_json(self) -> dict[str, object]:
        return {"row": self.row, "column": self.column, "message": self.message, "code": self.code}


class UploadRejected(KeikakuError):
    """A file of actuals with problems: nothing of it was saved. ``errors`` holds the first
    ``SHOWN_ERRORS`` problems in file order and ``total`` counts them all (a broken file of 5,000
    rows answers with a page, not megabytes of errors)."""

    exit_code = 2
    http_status = 422
    SHOWN_ERRORS = 100

    def __init__(self, filename: str, errors: list[RowError]):
        self.filename = filename
        self.total = len(errors)
        self.errors = errors[: self.SHOWN_ERRORS]
        lines = "\n".join(f"  {e}" for e in self.errors)
        more = f"\n  … {self.total - len(self.errors)} more" if self.total > len(self.errors) else ""
        super().__init__(f"{filename}: {self.total} problem(s), nothing was saved:\n{lines}{more}")


class SheetStateError(KeikakuError):
    """A sheet in the wrong state for the step asked (submitting an approved sheet, reviewing a
    draft …). ``current`` is the sheet as stored, when there is one to show."""

    exit_code = 2
    http_status = 409

    def __init__(self, message: str, *, current: SheetView | None = None):
        super().__init__(message)
        self.current = current


class SheetLocked(SheetStateError):
    """The sheet is approved: it, and the actuals and project progress of its measure, are locked."""


class SheetConflict(KeikakuError):
    """Someone saved the sheet since the caller read it (optimistic locking). ``current`` is the
    sheet as stored now, ``attempted`` what the caller tried to save: show both, lose nothing."""

    exit_code = 2
    http_status = 409

    def __init__(self, message: str, *, current: SheetView, attempted: dict[str, Any]):
        super().__init__(message)
        self.current = current
        self.attempted = attempted


@dataclass(frozen=True)
class CycleInfo:
    """One yearly review of one plan. ``deadline`` is the last day for submitting sheets."""

    id: int
    plan_id: int
    plan_key: str
    plan_title: str
    year: int
    deadline: date | None
    scale: str
    status: str
    opened_by: str | None
    opened_at: datetime

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id, "plan": {"id": self.plan_id, "key": self.plan_key, "title": self.plan_title},
            "year": self.year, "deadline": self.deadline.isoformat() if self.deadline else None, "scale": self.scale,
            "status": self.status, "opened_by": self.opened_by, "opened_at": iso(self.opened_at),
        }


def require_some(user: Actor | None, action: Action) -> None:
    """That the user's role allows ``action`` on some object (its own departments, for an editor);
    the object itself is checked once it is known."""
    require(user, action, department_ids=user.department_ids if user is not None else None)


def today_jst() -> date:
    """Today in Japan, where the deadlines are."""
    return datetime.now(JST).date()


def tidy_number(value: float) -> float | int:
    """A stored number as shown: 15.0 → 15."""
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def user_names(session: Session, ids: set[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return dict(session.execute(select(m.User.id, m.User.name).where(m.User.id.in_(wanted))).tuples().all())


def cycle_info(session: Session, row: m.EvaluationCycle, *, names: dict[int, str] | None = None) -> CycleInfo:
    """The cycle's record; ``names`` (user names by id, holding the opener's) saves a query."""
    plan = session.get(m.Plan, row.plan_id)
    assert plan is not None
    if row.opened_by_id and (names is None or row.opened_by_id not in names):
        names = user_names(session, {row.opened_by_id})
    opener = names.get(row.opened_by_id) if row.opened_by_id and names else None
    return CycleInfo(
        id=row.id, plan_id=plan.id, plan_key=plan.key, plan_title=plan.title, year=row.year,
        deadline=deadline_date(row.deadline), scale=row.scale, status=row.status, opened_by=opener,
        opened_at=as_utc(row.opened_at),
    )


def load_cycle(session: Session, cycle_id: int) -> m.EvaluationCycle:
    row = session.get(m.EvaluationCycle, cycle_id)
    if row is None:
        raise NotFoundError(f"no evaluation cycle {cycle_id}")
    return row


def require_open(cycle: m.EvaluationCycle) -> None:
    if cycle.status != "open":
        raise ValidationFailed(f"the evaluation cycle of FY{cycle.year} is {cycle.status}", code="cycle_closed")


def touch_plan(session: Session, plan_id: int) -> None:
    """Mark the plan changed, so cached pages of it (keyed by its updated_at) are rebuilt."""
    plan = session.get(m.Plan, plan_id)
    assert plan is not None
    plan.updated_at = utcnow()


def label_of(node: m.Node | NodeBrief) -> str:
    return " ".join(filter(None, [node.level, node.number, node.title]))


class Ownership:
    """The departments of a plan's nodes (with their ancestors'), indicators and projects.

    ``nodes`` and ``own`` come from the plan's outline (keikaku.storage.cycle_store): four column
    queries, whatever the size of the plan; pass ``outline`` when the caller holds it already."""

    def __init__(self, session: Session, plan_id: int, outline: PlanOutline | None = None):
        self.session = session
        self.outline = outline if outline is not None else plan_outline(session, plan_id)
        self.nodes = self.outline.nodes
        self.own = self.outline.own

    def node(self, node_id: int | None) -> frozenset[int]:
        """The node's own departments and those of its ancestors."""
        return frozenset(d for n in self.outline.chain(node_id) for d in self.own.get(n, ()))

    def indicator(self, ind: m.Indicator) -> frozenset[int]:
        extra = {ind.department_id} if ind.department_id is not None else set()
        return self.node(ind.node_id) | extra

    def project(self, project: m.Project) -> frozenset[int]:
        extra = {project.department_id} if project.department_id is not None else set()
        return self.node(project.node_id) | extra


def measure_ids(session: Session, plan_id: int, outline: PlanOutline | None = None) -> list[int]:
    """The nodes a cycle evaluates, in plan order: those at the 施策 level, and any node that
    holds indicators or projects."""
    outline = outline if outline is not None else plan_outline(session, plan_id)
    holders = outline.holders()
    return [n.id for n in outline.nodes.values() if n.level == MEASURE_LEVEL or n.id in holders]


def plan_wide_brief(cycle: m.EvaluationCycle, outline: PlanOutline) -> NodeBrief:
    """What stands for a node on the cycle's plan-wide sheet (``id`` None); NotFoundError when the
    plan has no plan-wide indicators, and so no plan-wide sheet."""
    if not has_plan_wide(outline):
        raise NotFoundError(f"the plan of evaluation cycle {cycle.id} has no plan-wide indicators, and so no plan-wide sheet")
    return NodeBrief(None, PLAN_WIDE_KEY, None, "", None, PLAN_WIDE_LABEL)


def has_plan_wide(outline: PlanOutline) -> bool:
    """Whether the plan has indicators of its own (directly under the plan, no node)."""
    return any(i.node_id is None for i in outline.indicators)


def measure_brief(cycle: m.EvaluationCycle, node_id: int | None, outline: PlanOutline) -> NodeBrief:
    """The measure ``node_id`` of the cycle's plan as its outline holds it (None: the plan-wide
    sheet's stand-in); the errors of ``load_measure``."""
    if node_id is None:
        return plan_wide_brief(cycle, outline)
    node = outline.nodes.get(node_id)
    if node is None:
        raise NotFoundError(f"no node {node_id} in the plan of evaluation cycle {cycle.id}")
    if node.level != MEASURE_LEVEL and node_id not in outline.holders():
        raise ValidationFailed(f"{label_of(node)} is not evaluated: it is not a 施策 and holds no indicators or projects",
                               code="not_a_measure", field="node")
    return node


def load_measure(session: Session, cycle: m.EvaluationCycle, node_id: int | None) -> m.Node | NodeBrief:
    """The measure, or (``node_id`` None) the plan-wide sheet's stand-in."""
    if node_id is None:
        return plan_wide_brief(cycle, plan_outline(session, cycle.plan_id))
    node = session.get(m.Node, node_id)
    if node is None or node.plan_id != cycle.plan_id:
        raise NotFoundError(f"no node {node_id} in the plan of evaluation cycle {cycle.id}")
    if node.level != MEASURE_LEVEL and node_id not in measure_ids(session, cycle.plan_id):
        raise ValidationFailed(f"{label_of(node)} is not evaluated: it is not a 施策 and holds no indicators or projects",
                               code="not_a_measure", field="node")
    return node


def approved(session: Session, cycle_id: int, node_id: int | None) -> bool:
    """Whether the node's sheet (None: the plan-wide sheet) in this cycle is approved (its actuals
    and progress are then locked)."""
    row = sheet_row(session, cycle_id, node_id)
    return row is not None and row.status == SheetStatus.APPROVED


def snapshot(row: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    return {f: getattr(row, f) for f in fields}
