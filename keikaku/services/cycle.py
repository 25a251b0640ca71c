"""The yearly evaluation cycle (PDCA) of a plan: the one module the CLI and the staff pages call.

The planning division (admin) opens a cycle for a plan and fiscal year; departments (editors)
enter actuals and project progress and write the evaluation sheets of their measures; reviewers
approve or return the sheets, and approval publishes the measure's actuals. Every change is
written with its audit record in the same transaction and marks the plan changed. Step by step,
with the rules and messages, in docs/evaluation.md.

Actuals live in ``keikaku.services.actuals``, sheets and project progress in
``keikaku.services.sheets``; everything is re-exported here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from keikaku.domain.assessment import get_scale
from keikaku.domain.enums import Direction, SheetStatus
from keikaku.domain.errors import NotFoundError
from keikaku.domain.fiscal import FIRST_YEAR, LAST_YEAR
from keikaku.domain.permissions import Action, PermissionDenied, require
from keikaku.domain.project_evaluation import DEFAULT_VIEWPOINT_GRADES, BadViewpointScale, scale_text, viewpoint_grades
from keikaku.services import audit
from keikaku.services.accounts import UserInfo
from keikaku.services.actuals import ActualInfo, UploadResult, enter_actual, enter_actuals, upload_actuals
from keikaku.services.cycle_common import (
    JST,
    PLAN_OWNER_LABEL,
    PLAN_OWNER_WORDS,
    PLAN_WIDE_KEY,
    PLAN_WIDE_LABEL,
    PLAN_WIDE_WORDS,
    CycleInfo,
    RowError,
    SheetConflict,
    SheetLocked,
    SheetStateError,
    UploadRejected,
    ValidationFailed,
    cycle_info,
    has_plan_wide,
    label_of,
    load_cycle,
    measure_ids,
    plan_wide_brief,
    snapshot,
    today_jst,
    touch_plan,
)
from keikaku.services.sheets import (
    ProgressInfo,
    SheetIndicator,
    SheetProject,
    SheetSummary,
    SheetView,
    list_sheets,
    record_project_progress,
    record_project_progresses,
    review_sheet,
    save_sheet,
    sheet,
    sheet_summaries,
    submit_sheet,
)
from keikaku.storage import models as m
from keikaku.storage import repository as repo
from keikaku.storage.cycle_store import (
    PlanOutline,
    department_names_by_id,
    indicators_with_actuals,
    outline_departments,
    plan_outline,
    returned_comments,
    sheet_states,
)
from keikaku.storage.database import transaction
from keikaku.storage.reminder_store import last_reminders
from keikaku.storage.plan_store import deadline_date, deadline_datetime

__all__ = [
    "PLAN_OWNER_LABEL", "PLAN_OWNER_WORDS", "PLAN_WIDE_KEY", "PLAN_WIDE_LABEL", "PLAN_WIDE_WORDS",
    "ActualInfo", "CycleInfo", "DepartmentProgress", "PendingItem", "PermissionDenied", "ProgressInfo", "RowError", "SheetConflict",
    "SheetIndicator", "SheetLocked", "SheetProject", "SheetStateError", "SheetSummary", "SheetView", "UploadRejected",
    "UploadResult", "ValidationFailed",
    "close_cycle", "cycle_of", "cycle_overview", "enter_actual", "enter_actuals", "find_cycle", "find_measure", "get_cycle",
    "list_cycles", "list_sheets", "open_cycle", "progress_board",
    "record_project_progress", "record_project_progresses", "review_sheet", "save_sheet", "sheet", "submit_sheet", "upload_actuals",
]

CYCLE_FIELDS = ("plan_id", "year", "deadline", "scale", "status")


def _deadline(value: date | datetime | str | None) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValidationFailed(f"a deadline is a date YYYY-MM-DD, not {value!r}", code="bad_deadline", field="deadline") from None


def open_cycle(engine: Engine, *, user: UserInfo, plan: str | int, year: int, deadline: date | str | None = None,
               scale: str = "abcd", viewpoint_grades: str | None = None) -> CycleInfo:
    """Open the review of ``plan`` for fiscal year ``year`` (admin only; one cycle per plan and year).

    ``deadline`` is the last day (in Japan) for submitting sheets; ``scale`` the grading scale
    (abcd, sabc, achieved); ``viewpoint_grades`` the grades of the project sheets' viewpoints, best
    first (``A,B,C`` when None or empty). Raises PermissionDenied, NotFoundError (plan),
    UnknownScaleError, or ValidationFailed (a year outside the plan period, a cycle that exists, a
    malformed deadline, ``bad_scale`` for viewpoint grades that cannot be used).
    """
    require(user, Action.OPEN_CYCLE)
    scale_name = get_scale(scale).name
    grades = _viewpoint_scale(viewpoint_grades)
    day = _deadline(deadline)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationFailed(f"FY{year} is not a fiscal year keikaku can hold ({FIRST_YEAR}–{LAST_YEAR})", code="bad_year",
                               field="year")
    with transaction(engine) as session:
        row_plan = repo.get_plan(session, ref=plan)
        start, end = row_plan.period_start, row_plan.period_end
        if (start is not None and year < start) or (end is not None and year > end):
            raise ValidationFailed(f"FY{year} is outside the plan period FY{start}–FY{end}", code="outside_period", field="year")
        exists = session.scalar(select(m.EvaluationCycle.id).where(m.EvaluationCycle.plan_id == row_plan.id,
                                                                  m.EvaluationCycle.year == year))
        if exists is not None:
            raise ValidationFailed(f"the FY{year} cycle of this plan is already open (cycle {exists})", code="cycle_exists",
                                   field="year")
        row = m.EvaluationCycle(plan_id=row_plan.id, year=year, deadline=deadline_datetime(day), scale=scale_name,
                                status="open", opened_by_id=user.id, opened_at=m.utcnow(), viewpoint_grades=grades)
        session.add(row)
        session.flush()
        after = snapshot(row, CYCLE_FIELDS) | {"deadline": day}
        if grades != DEFAULT_VIEWPOINT_GRADES:
            after["viewpoint_grades"] = grades  # a scale of the admin's own
        audit.record(session, user_name=user.name, action="open", object_type="cycle", object_id=row.id,
                     label=f"{row_plan.title} FY{year}", before=None, after=after)
        touch_plan(session, row_plan.id)
        return cycle_info(session, row)


def _viewpoint_scale(text: str | None) -> str:
    """The stored text of the viewpoint grades typed when a cycle is opened (the default when none)."""
    if text is None or not text.strip():
        return DEFAULT_VIEWPOINT_GRADES
    try:
        return scale_text(viewpoint_grades(text))
    except BadViewpointScale as exc:
        raise ValidationFailed(str(exc), code="bad_scale", field="viewpoint_grades", reason=exc.code) from None


def close_cycle(engine: Engine, *, user: UserInfo, cycle_id: int) -> CycleInfo:
    """Close a cycle (admin only): no more actuals, progress, edits or submissions for its year;
    reviewers may still approve or return the sheets already submitted. Raises PermissionDenied,
    NotFoundError, or ValidationFailed (``cycle_closed``: it is closed already)."""
    require(user, Action.OPEN_CYCLE, what="an evaluation cycle")
    with transaction(engine) as session:
        row = load_cycle(session, cycle_id)
        if row.status != "open":
            raise ValidationFailed(f"the evaluation cycle of FY{row.year} is already {row.status}", code="cycle_closed",
                                   field="cycle")
        before = snapshot(row, CYCLE_FIELDS)
        row.status = "closed"
        session.flush()
        plan = session.get(m.Plan, row.plan_id)
        audit.record(session, user_name=user.name, action="close", object_type="cycle", object_id=row.id,
                     label=f"{plan.title if plan else row.plan_id} FY{row.year}", before=before,
                     after=snapshot(row, CYCLE_FIELDS))
        touch_plan(session, row.plan_id)
        return cycle_info(session, row)


def cycle_of(engine: Engine, *, plan: str | int, year: int) -> CycleInfo:
    """The cycle of a plan (id or key) for a fiscal year; NotFoundError when there is none."""
    found = find_cycle(engine, plan=plan, year=year)
    if found is None:
        raise NotFoundError(f"no evaluation cycle of plan {plan} for FY{year} (`keikaku cycle open`)")
    return found


def find_measure(engine: Engine, *, cycle_id: int, ref: str | int) -> int | None:
    """The id of the measure of the cycle's plan named by ``ref``: its printed number (施策 8 → ``8``),
    else its key in the plan file (``m8``); ``plan`` names the plan-wide sheet (None). NotFoundError
    when no measure has it (or ``plan`` and the plan has no plan-wide indicators); ValidationFailed
    (``ambiguous_node``) when several have that number."""
    text = str(ref).strip()
    with transaction(engine) as session:
        cycle = load_cycle(session, cycle_id)
        outline = plan_outline(session, cycle.plan_id)
        if text == PLAN_WIDE_KEY:
            return plan_wide_brief(cycle, outline).id
        measures = [outline.nodes[i] for i in measure_ids(session, cycle.plan_id, outline)]
    for attribute in ("number", "key"):
        found = [n for n in measures if text and getattr(n, attribute) == text]
        if len(found) == 1:
            return found[0].id
        if len(found) > 1:
            labels = ", ".join(" ".join(filter(None, [n.level, n.number, n.title])) for n in found)
            raise ValidationFailed(f"{len(found)} measures are numbered {text!r} ({labels}): give the node's key",
                                   code="ambiguous_node", field="node")
    raise NotFoundError(f"no measure numbered {text!r} in the plan of evaluation cycle {cycle_id}")


def get_cycle(engine: Engine, cycle_id: int) -> CycleInfo:
    """A cycle by id; NotFoundError otherwise."""
    with transaction(engine) as session:
        return cycle_info(session, load_cycle(session, cycle_id))


def find_cycle(engine: Engine, *, plan: str | int, year: int) -> CycleInfo | None:
    """The cycle of a plan (id or key) for a fiscal year, or None."""
    with transaction(engine) as session:
        plan_id = repo.get_plan(session, ref=plan).id
        row = session.scalar(select(m.EvaluationCycle).where(m.EvaluationCycle.plan_id == plan_id, m.EvaluationCycle.year == year))
        return cycle_info(session, row) if row else None


def list_cycles(engine: Engine, *, plan: str | int | None = None) -> list[CycleInfo]:
    """Every cycle (of one plan, when given), newest year first."""
    with transaction(engine) as session:
        query = select(m.EvaluationCycle).order_by(m.EvaluationCycle.year.desc(), m.EvaluationCycle.plan_id)
        if plan is not None:
            query = query.where(m.EvaluationCycle.plan_id == repo.get_plan(session, ref=plan).id)
        return [cycle_info(session, row) for row in session.scalars(query)]


@dataclass(frozen=True)
class PendingItem:
    """One thing a department has left to do in a cycle, on one measure (``node_id`` None: a
    plan-wide indicator). ``kind``: ``actual`` (the indicator ``name`` has no actual for the
    year, and its measure's sheet is not approved), ``sheet`` (the sheet is not submitted) or
    ``returned`` (the sheet was sent back; ``comment`` is the reviewer's)."""

    kind: str
    node_id: int | None
    measure: str
    name: str | None = None
    comment: str | None = None

    def to_json(self) -> dict[str, object]:
        return {"kind": self.kind, "node_id": self.node_id, "measure": self.measure, "name": self.name,
                "comment": self.comment}


@dataclass
class DepartmentProgress:
    """Where one department stands in a cycle; ``department_id`` None: the plan's owner (the
    planning division, whose admins write the plan-wide sheet), a row the board shows first when
    the plan has plan-wide indicators.

    ``measures``: measures it is responsible for (its own, not through an ancestor; for the
    plan's owner, the plan-wide sheet).
    ``actuals_expected``: its indicators (its by Indicator.department, else by the measure's
    departments) that are not qualitative; ``actuals_entered``: those with an actual for the
    cycle year (draft or published). Sheets by status (a sheet nobody saved counts as draft);
    ``late``: sheets neither submitted nor approved when today is after the deadline.
    ``items``: what is left to do, measure by measure in plan order (what reminders list);
    ``last_reminded_at``: when a reminder last went out (when the caller asked for it).
    """

    department_id: int | None
    department: str
    measures: int = 0
    actuals_expected: int = 0
    actuals_entered: int = 0
    draft: int = 0
    submitted: int = 0
    returned: int = 0
    approved: int = 0
    late: int = 0
    items: list[PendingItem] = field(default_factory=list, compare=False)
    last_reminded_at: datetime | None = field(default=None, compare=False)

    @property
    def missing(self) -> int:
        """Actuals not entered and sheets not submitted."""
        return sum(1 for i in self.items if i.kind != "returned")

    @property
    def last_reminded(self) -> str | None:
        """When the last reminder went out, in Japan: ``2026-06-20 09:00``."""
        at = self.last_reminded_at
        return audit.as_utc(at).astimezone(JST).strftime("%Y-%m-%d %H:%M") if at is not None else None

    @property
    def done(self) -> bool:
        """Nothing missing, nothing returned."""
        return not self.items

    def to_json(self) -> dict[str, object]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__ if k not in ("items", "last_reminded_at")}


def progress_board(engine: Engine, *, cycle_id: int, today: date | None = None) -> list[DepartmentProgress]:
    """Per department, in the order the plan first names them. ``today`` defaults to today in Japan."""
    with transaction(engine) as session:
        cycle = load_cycle(session, cycle_id)
        return department_progress(session, cycle, plan_outline(session, cycle.plan_id), today=today)


def department_progress(session: Session, cycle: m.EvaluationCycle, outline: PlanOutline, *, today: date | None = None,
                        states: dict[int | None, tuple[str, int]] | None = None,
                        names: dict[int, str] | None = None,
                        reminded: dict[int | None, datetime] | None = None) -> list[DepartmentProgress]:
    """``progress_board`` inside the caller's transaction, from the plan's outline: three
    statements besides the outline, whatever the number of measures and indicators (one when the
    caller passes the sheets' ``states`` and the department ``names``), and one more when a sheet
    is returned (the reviewers' comments). ``reminded``: the last reminder by department."""
    if names is None:
        names = department_names_by_id(session, outline_departments(outline))
    if states is None:
        states = sheet_states(session, cycle.id)
    statuses = {node_id: status for node_id, (status, _version) in states.items()}
    deadline = deadline_date(cycle.deadline)
    overdue = deadline is not None and (today or today_jst()) > deadline
    comments = returned_comments(session, cycle.id) if SheetStatus.RETURNED in statuses.values() else {}
    board: dict[int | None, DepartmentProgress] = {}
    pending: dict[tuple[int | None, int | None], list[PendingItem]] = {}  # (department, measure) → items, in plan order
    wide = has_plan_wide(outline)
    owners = {None: [None]} if wide else {}  # the plan-wide sheet is its owner's: the row of department None

    def entry(dept_id: int | None) -> DepartmentProgress:
        label = names.get(dept_id, "") if dept_id is not None else PLAN_OWNER_LABEL
        return board.setdefault(dept_id, DepartmentProgress(dept_id, label, last_reminded_at=(reminded or {}).get(dept_id)))

    def measure(node_id: int | None) -> str:
        node = outline.nodes.get(node_id) if node_id is not None else None
        return label_of(node) if node is not None else PLAN_WIDE_LABEL

    def sheet_owners(node_id: int | None) -> list[int | None]:
        return owners[None] if node_id is None and wide else list(outline.own.get(node_id, [])) if node_id is not None else []

    for node_id in [*([None] if wide else []), *measure_ids(session, cycle.plan_id, outline)]:
        status = statuses.get(node_id, SheetStatus.DRAFT.value)
        for dept_id in sheet_owners(node_id):
            row = entry(dept_id)
            row.measures += 1
            setattr(row, status, getattr(row, status) + 1)
            if overdue and status in (SheetStatus.DRAFT, SheetStatus.RETURNED):
                row.late += 1
            pending.setdefault((dept_id, node_id), [])
    entered = indicators_with_actuals(session, cycle.plan_id, cycle.year)
    for ind in outline.indicators:
        if ind.direction == Direction.QUALITATIVE:
            continue
        depts = [ind.department_id] if ind.department_id is not None else sheet_owners(ind.node_id)
        locked = statuses.get(ind.node_id) == SheetStatus.APPROVED
        for dept_id in depts:
            row = entry(dept_id)
            row.actuals_expected += 1
            row.actuals_entered += ind.id in entered
            if ind.id not in entered and not locked:
                pending.setdefault((dept_id, ind.node_id), []).append(
                    PendingItem("actual", ind.node_id, measure(ind.node_id), name=ind.name))
    for (dept_id, node_id), items in pending.items():  # the sheet of each measure the department owns
        status = statuses.get(node_id, SheetStatus.DRAFT.value)
        if dept_id in sheet_owners(node_id):
            if status == SheetStatus.DRAFT:
                items.append(PendingItem("sheet", node_id, measure(node_id)))
            elif status == SheetStatus.RETURNED:
                items.append(PendingItem("returned", node_id, measure(node_id), comment=comments.get(node_id)))
    ranks: dict[int | None, int] = {None: -1} | {node_id: k for k, node_id in enumerate(outline.nodes)}  # plan-wide first
    for (dept_id, node_id), items in sorted(pending.items(), key=lambda kv: ranks.get(kv[0][1], len(ranks))):
        board[dept_id].items.extend(items)
    return list(board.values())


def cycle_overview(engine: Engine, *, cycle_id: int, user: UserInfo | None = None,
                   today: date | None = None) -> tuple[CycleInfo, list[DepartmentProgress], list[SheetSummary]]:
    """What the cycle page shows, in one transaction over one read of the plan's outline: the
    cycle (``get_cycle``), the board (``progress_board``, with the last reminders) and the sheets
    (``list_sheets``)."""
    with transaction(engine) as session:
        cycle = load_cycle(session, cycle_id)
        outline = plan_outline(session, cycle.plan_id)
        states = sheet_states(session, cycle.id)
        names = department_names_by_id(session, outline_departments(outline))
        reminded = last_reminders(session, cycle.id)
        return (cycle_info(session, cycle),
                department_progress(session, cycle, outline, today=today, states=states, names=names, reminded=reminded),
                sheet_summaries(session, cycle, outline, user, states=states, names=names))
