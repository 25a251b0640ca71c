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

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from keikaku.domain.assessment import get_scale
from keikaku.domain.enums import Direction, SheetStatus
from keikaku.domain.fiscal import FIRST_YEAR, LAST_YEAR
from keikaku.domain.permissions import Action, PermissionDenied, require
from keikaku.services import audit
from keikaku.services.accounts import UserInfo
from keikaku.services.actuals import ActualInfo, UploadResult, enter_actual, enter_actuals, upload_actuals
from keikaku.services.cycle_common import (
    CycleInfo,
    RowError,
    SheetConflict,
    SheetLocked,
    SheetStateError,
    UploadRejected,
    ValidationFailed,
    cycle_info,
    load_cycle,
    measure_ids,
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
    sheet_states,
)
from keikaku.storage.database import transaction
from keikaku.storage.plan_store import deadline_date, deadline_datetime

__all__ = [
    "ActualInfo", "CycleInfo", "DepartmentProgress", "PermissionDenied", "ProgressInfo", "RowError", "SheetConflict",
    "SheetIndicator", "SheetLocked", "SheetProject", "SheetStateError", "SheetSummary", "SheetView", "UploadRejected",
    "UploadResult", "ValidationFailed",
    "cycle_overview", "enter_actual", "enter_actuals", "find_cycle", "get_cycle", "list_cycles", "list_sheets", "open_cycle",
    "progress_board",
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
               scale: str = "abcd") -> CycleInfo:
    """Open the review of ``plan`` for fiscal year ``year`` (admin only; one cycle per plan and year).

    ``deadline`` is the last day (in Japan) for submitting sheets; ``scale`` the grading scale
    (abcd, sabc, achieved). Raises PermissionDenied, NotFoundError (plan), UnknownScaleError, or
    ValidationFailed (a year outside the plan period, a cycle that exists, a malformed deadline).
    """
    require(user, Action.OPEN_CYCLE)
    scale_name = get_scale(scale).name
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
                                status="open", opened_by_id=user.id, opened_at=m.utcnow())
        session.add(row)
        session.flush()
        after = snapshot(row, CYCLE_FIELDS) | {"deadline": day}
        audit.record(session, user_name=user.name, action="open", object_type="cycle", object_id=row.id,
                     label=f"{row_plan.title} FY{year}", before=None, after=after)
        touch_plan(session, row_plan.id)
        return cycle_info(session, row)


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


@dataclass
class DepartmentProgress:
    """Where one department stands in a cycle.

    ``measures``: measures it is responsible for (its own, not through an ancestor).
    ``actuals_expected``: its indicators (its by Indicator.department, else by the measure's
    departments) that are not qualitative; ``actuals_entered``: those with an actual for the
    cycle year (draft or published). Sheets by status (a sheet nobody saved counts as draft);
    ``late``: sheets neither submitted nor approved when today is after the deadline.
    """

    department_id: int
    department: str
    measures: int = 0
    actuals_expected: int = 0
    actuals_entered: int = 0
    draft: int = 0
    submitted: int = 0
    returned: int = 0
    approved: int = 0
    late: int = 0

    def to_json(self) -> dict[str, object]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def progress_board(engine: Engine, *, cycle_id: int, today: date | None = None) -> list[DepartmentProgress]:
    """Per department, in the order the plan first names them. ``today`` defaults to today in Japan."""
    with transaction(engine) as session:
        cycle = load_cycle(session, cycle_id)
        return department_progress(session, cycle, plan_outline(session, cycle.plan_id), today=today)


def department_progress(session: Session, cycle: m.EvaluationCycle, outline: PlanOutline, *, today: date | None = None,
                        states: dict[int, tuple[str, int]] | None = None,
                        names: dict[int, str] | None = None) -> list[DepartmentProgress]:
    """``progress_board`` inside the caller's transaction, from the plan's outline: three
    statements besides the outline, whatever the number of measures and indicators (one when the
    caller passes the sheets' ``states`` and the department ``names``)."""
    if names is None:
        names = department_names_by_id(session, outline_departments(outline))
    if states is None:
        states = sheet_states(session, cycle.id)
    statuses = {node_id: status for node_id, (status, _version) in states.items()}
    deadline = deadline_date(cycle.deadline)
    overdue = deadline is not None and (today or today_jst()) > deadline
    board: dict[int, DepartmentProgress] = {}

    def entry(dept_id: int) -> DepartmentProgress:
        return board.setdefault(dept_id, DepartmentProgress(dept_id, names.get(dept_id, "")))

    for node_id in measure_ids(session, cycle.plan_id, outline):
        status = statuses.get(node_id, SheetStatus.DRAFT.value)
        for dept_id in outline.own.get(node_id, []):
            row = entry(dept_id)
            row.measures += 1
            setattr(row, status, getattr(row, status) + 1)
            if overdue and status in (SheetStatus.DRAFT, SheetStatus.RETURNED):
                row.late += 1
    entered = indicators_with_actuals(session, cycle.plan_id, cycle.year)
    for ind in outline.indicators:
        if ind.direction == Direction.QUALITATIVE:
            continue
        depts = [ind.department_id] if ind.department_id is not None else outline.own.get(ind.node_id or -1, [])
        for dept_id in depts:
            row = entry(dept_id)
            row.actuals_expected += 1
            row.actuals_entered += ind.id in entered
    return list(board.values())


def cycle_overview(engine: Engine, *, cycle_id: int, user: UserInfo | None = None,
                   today: date | None = None) -> tuple[CycleInfo, list[DepartmentProgress], list[SheetSummary]]:
    """What the cycle page shows, in one transaction over one read of the plan's outline: the
    cycle (``get_cycle``), the board (``progress_board``) and the sheets (``list_sheets``)."""
    with transaction(engine) as session:
        cycle = load_cycle(session, cycle_id)
        outline = plan_outline(session, cycle.plan_id)
        states = sheet_states(session, cycle.id)
        names = department_names_by_id(session, outline_departments(outline))
        return (cycle_info(session, cycle),
                department_progress(session, cycle, outline, today=today, states=states, names=names),
                sheet_summaries(session, cycle, outline, user, states=states, names=names))
