"""Project evaluation sheets (事務事業評価シート): one per project and cycle.

A sheet has a written part (the purpose as 対象・意図・手段, the four viewpoints 必要性・有効性・
効率性・公平性 graded on the cycle's viewpoint scale, the direction 拡充 … 終了 and a summary), the
indicators of the project's measure chosen on it as activity or outcome indicators (each with
the value planned for the year, else the indicator's own target of that year, and the actual of
the year), and its money from the cost report (keikaku.services.costs): budgets, settlement,
funding, staff cost, full cost and the cost per unit of each chosen indicator.

It goes through the same states, version checks and review as the measure's sheet
(keikaku.services.sheet_flow): the editors of the project's department (of its measure's, when
the project names none) write and submit it, reviewers approve or return it, and every step is
audited. Approval publishes it (keikaku.services.project_evaluations); nothing else does.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from keikaku.domain.enums import SheetStatus
from keikaku.domain.errors import NotFoundError
from keikaku.domain.permissions import Action, require
from keikaku.domain.project_evaluation import (
    BadViewpointScale,
    IndicatorRole,
    ProjectDirection,
    Viewpoint,
    scale_text,
    viewpoint_grades,
)
from keikaku.services import audit, sheet_flow
from keikaku.services.accounts import UserInfo
from keikaku.services.costs import CostReport, MeasureCost, ProjectCost, cost_report
from keikaku.services.cycle_common import (
    CycleInfo,
    Ownership,
    ValidationFailed,
    cycle_info,
    label_of,
    load_cycle,
    require_open,
    snapshot,
    tidy_number,
    touch_plan,
    user_names,
)
from keikaku.services.readmodel import Audience
from keikaku.storage import models as m
from keikaku.storage.cycle_store import department_names_by_id
from keikaku.storage.database import transaction
from keikaku.storage.project_sheet_models import ProjectSheet, ProjectSheetIndicator
from keikaku.storage.project_sheet_store import (
    actuals_of,
    node_indicators,
    node_projects,
    project_sheet_row,
    project_sheets_of,
)

SHEET_FIELDS = ("status", "version", "subject", "intent", "means", *(v.value for v in Viewpoint), "direction", "summary",
                "review_comment")
REQUIRED = ("subject", "intent", "means", *(v.value for v in Viewpoint), "direction")
MAX_INDICATORS = 20
MAX_PLANNED = 1e15


def staff_url(cycle_id: int, project_id: int) -> str:
    return f"/staff/cycles/{cycle_id}/projects/{project_id}"


def _decimal_text(value: object) -> str | None:
    return None if value is None else str(value)


@dataclass(frozen=True)
class IndicatorPick:
    """An indicator chosen on the sheet: its id, ``activity`` or ``outcome``, and the value planned
    for the year (None: the indicator's own target of that year)."""

    indicator_id: int
    role: str
    planned: float | None = None


@dataclass(frozen=True)
class IndicatorChoice:
    """An indicator of the project's measure that the sheet may choose."""

    id: int
    name: str
    unit: str | None
    kind: str | None

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "name": self.name, "unit": self.unit, "kind": self.kind}


@dataclass(frozen=True)
class ProjectIndicator:
    """A chosen indicator with its plan and actual of the cycle year and the project's cost per unit
    of it. ``planned_from``: ``sheet`` (entered on the sheet), ``target`` (the indicator's target of
    the year) or None (no plan). ``actual_status``: draft or published (None: no actual)."""

    id: int
    name: str
    unit: str | None
    role: str
    planned: float | int | None
    planned_entered: float | int | None
    planned_from: str | None
    actual: float | int | None
    actual_status: str | None
    cost_per_unit: str | None
    cost_reason: str | None

    @property
    def draft(self) -> bool:
        return self.actual_status == "draft"

    @property
    def cost_per_unit_amount(self) -> Decimal | None:
        """The cost per unit as an amount (keikaku.services.formatting.unit_cost prints it)."""
        return Decimal(self.cost_per_unit) if self.cost_per_unit is not None else None

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "name": self.name, "unit": self.unit, "role": self.role, "planned": self.planned,
                "planned_entered": self.planned_entered, "planned_from": self.planned_from, "actual": self.actual,
                "actual_status": self.actual_status, "cost_per_unit": self.cost_per_unit, "cost_reason": self.cost_reason}


@dataclass(frozen=True)
class ViewpointGrade:
    key: str  # necessity, effectiveness, efficiency, fairness
    label_ja: str
    label_en: str
    grade: str | None

    def to_json(self) -> dict[str, object]:
        return {"key": self.key, "label_ja": self.label_ja, "label_en": self.label_en, "grade": self.grade}


def viewpoints_of(row: Any) -> tuple[ViewpointGrade, ...]:
    return tuple(ViewpointGrade(v.value, v.label_ja, v.label_en, getattr(row, v.value) if row is not None else None)
                 for v in Viewpoint)


def direction_label(value: str | None, lang: str = "ja") -> str | None:
    if value is None:
        return None
    try:
        return ProjectDirection(value).label(lang)
    except ValueError:
        return value


@dataclass(frozen=True)
class ProjectSheetView:
    """One project's sheet in one cycle as the user sees it (``sheet_id`` None and ``version`` 0:
    nobody saved it yet). ``cost`` is the project's line of the cost report of the cycle year
    (draft actuals count for staff); ``allowed_actions`` what this user may do now (edit_sheet,
    submit_sheet, review_sheet)."""

    cycle: CycleInfo
    project_id: int
    project_name: str
    department: str | None
    node_id: int
    node_label: str
    sheet_id: int | None
    status: str
    version: int
    subject: str | None
    intent: str | None
    means: str | None
    viewpoints: tuple[ViewpointGrade, ...]
    direction: str | None
    summary: str | None
    review_comment: str | None
    updated_by: str | None
    updated_at: datetime | None
    submitted_at: datetime | None
    approved_by: str | None
    approved_at: datetime | None
    indicators: tuple[ProjectIndicator, ...]
    candidates: tuple[IndicatorChoice, ...]
    cost: ProjectCost | None
    grades: tuple[str, ...]
    allowed_actions: tuple[str, ...]

    @property
    def directions(self) -> tuple[str, ...]:
        return tuple(d.value for d in ProjectDirection)

    @property
    def year(self) -> int:
        return self.cycle.year

    @property
    def cycle_id(self) -> int:
        return self.cycle.id

    @property
    def editable(self) -> bool:
        return Action.EDIT_SHEET.value in self.allowed_actions

    @property
    def reviewable(self) -> bool:
        return Action.REVIEW_SHEET.value in self.allowed_actions

    @property
    def url(self) -> str:
        return staff_url(self.cycle.id, self.project_id)

    def to_json(self) -> dict[str, Any]:
        return {
            "cycle": self.cycle.to_json(),
            "project": {"id": self.project_id, "name": self.project_name, "department": self.department,
                        "node": {"id": self.node_id, "label": self.node_label}},
            "sheet": {
                "id": self.sheet_id, "status": self.status, "version": self.version, "subject": self.subject,
                "intent": self.intent, "means": self.means, "viewpoints": {v.key: v.grade for v in self.viewpoints},
                "direction": self.direction, "summary": self.summary, "review_comment": self.review_comment,
                "updated_by": self.updated_by, "updated_at": audit.iso(self.updated_at),
                "submitted_at": audit.iso(self.submitted_at), "approved_by": self.approved_by,
                "approved_at": audit.iso(self.approved_at),
            },
            "indicators": [i.to_json() for i in self.indicators],
            "candidates": [c.to_json() for c in self.candidates],
            "cost": self.cost.to_json() if self.cost else None,
            "grades": list(self.grades),
            "directions": list(self.directions),
            "allowed_actions": list(self.allowed_actions),
        }


# --- reading ------------------------------------------------------------------------------

def _project(session: Session, cycle: m.EvaluationCycle, project_id: int) -> m.Project:
    project = session.get(m.Project, project_id)
    if project is None or project.plan_id != cycle.plan_id:
        raise NotFoundError(f"no project {project_id} in the plan of evaluation cycle {cycle.id}")
    return project


def owners_of(session: Session, project: m.Project) -> frozenset[int]:
    """Who writes the project's sheet: its own department, else its measure's (with their ancestors')."""
    if project.department_id is not None:
        return frozenset({project.department_id})
    return Ownership(session, project.plan_id).node(project.node_id)


def _what(project: m.Project) -> str:
    return f"the evaluation sheet of {project.name}"


def planned_target(ind: m.Indicator, year: int) -> float | None:
    """The indicator's own target for ``year``: an interim target of that year, else its target
    when that is of the year."""
    for interim in ind.interim_targets:
        if interim.year == year and interim.value is not None:
            return interim.value
    if ind.target_year == year and ind.target_value is not None:
        return ind.target_value
    return None


def _tidy(value: float | None) -> float | int | None:
    return tidy_number(value) if value is not None else None


def sheet_indicators(session: Session, row: ProjectSheet | None, node_id: int, year: int, cost: ProjectCost | None, *,
                     published_only: bool) -> tuple[tuple[ProjectIndicator, ...], tuple[IndicatorChoice, ...]]:
    """The chosen indicators (in the sheet's order) and every indicator of the measure."""
    measure = {i.id: i for i in node_indicators(session, node_id)}
    chosen = [c for c in (row.indicators if row is not None else []) if c.indicator_id in measure]
    actuals = actuals_of(session, [c.indicator_id for c in chosen], year, published_only=published_only)
    unit_costs = {c.indicator_id: c for c in cost.cost_per_unit} if cost is not None else {}
    out = []
    for c in chosen:
        ind = measure[c.indicator_id]
        target = planned_target(ind, year)
        planned = c.planned if c.planned is not None else target
        obs = actuals.get(ind.id)
        unit = unit_costs.get(ind.id)
        out.append(ProjectIndicator(
            id=ind.id, name=ind.name, unit=ind.unit, role=c.role, planned=_tidy(planned), planned_entered=_tidy(c.planned),
            planned_from="sheet" if c.planned is not None else ("target" if target is not None else None),
            actual=_tidy(obs.value) if obs is not None else None, actual_status=obs.status if obs is not None else None,
            cost_per_unit=_decimal_text(unit.value) if unit else None, cost_reason=unit.reason if unit else None,
        ))
    candidates = tuple(IndicatorChoice(i.id, i.name, i.unit, i.kind) for i in measure.values())
    return tuple(out), candidates


def _view(session: Session, cycle: m.EvaluationCycle, project: m.Project, user: UserInfo | None,
          cost: ProjectCost | None) -> ProjectSheetView:
    row = project_sheet_row(session, cycle.id, project.id)
    status = sheet_flow.status_of(row)
    names = user_names(session, {cycle.opened_by_id} | ({row.updated_by_id, row.approved_by_id} if row else set()))
    node = session.get(m.Node, project.node_id)
    assert node is not None
    depts = department_names_by_id(session, [project.department_id])
    indicators, candidates = sheet_indicators(session, row, project.node_id, cycle.year, cost, published_only=False)
    return ProjectSheetView(
        cycle=cycle_info(session, cycle, names=names), project_id=project.id, project_name=project.name,
        department=depts.get(project.department_id) if project.department_id is not None else None,
        node_id=node.id, node_label=label_of(node), sheet_id=row.id if row else None, status=status,
        version=row.version if row else 0, subject=row.subject if row else None, intent=row.intent if row else None,
        means=row.means if row else None, viewpoints=viewpoints_of(row), direction=row.direction if row else None,
        summary=row.summary if row else None, review_comment=row.review_comment if row else None,
        updated_by=names.get(row.updated_by_id) if row and row.updated_by_id else None,
        updated_at=audit.as_utc(row.updated_at) if row else None,
        submitted_at=audit.as_utc(row.submitted_at) if row and row.submitted_at else None,
        approved_by=names.get(row.approved_by_id) if row and row.approved_by_id else None,
        approved_at=audit.as_utc(row.approved_at) if row and row.approved_at else None,
        indicators=indicators, candidates=candidates, cost=cost, grades=viewpoint_grades(cycle.viewpoint_grades),
        allowed_actions=tuple(sheet_flow.editor_actions(user, status, cycle_open=cycle.status == "open",
                                                        department_ids=owners_of(session, project))),
    )


def _costs(engine: Engine, cycle_id: int, audience: Audience = Audience.STAFF) -> CostReport:
    """The cost report of the cycle's plan and year (its own transaction, before the sheet's)."""
    with transaction(engine) as session:
        cycle = load_cycle(session, cycle_id)
        plan_id, year = cycle.plan_id, cycle.year
    return cost_report(engine, plan=plan_id, year=year, audience=audience)


def _project_cost(report: CostReport, project_id: int) -> ProjectCost | None:
    return next((p for p in report.projects if p.id == project_id), None)


def project_sheet(engine: Engine, *, user: UserInfo, cycle_id: int, project_id: int) -> ProjectSheetView:
    """The project's sheet in the cycle (an empty draft of version 0 when none is saved)."""
    require(user, Action.VIEW_DRAFTS)
    report = _costs(engine, cycle_id)
    with transaction(engine) as session:
        cycle = load_cycle(session, cycle_id)
        project = _project(session, cycle, project_id)
        return _view(session, cycle, project, user, _project_cost(report, project.id))


# --- writing ------------------------------------------------------------------------------

def _snapshot(row: ProjectSheet) -> dict[str, Any]:
    return snapshot(row, SHEET_FIELDS) | {"indicators": [
        {"indicator_id": c.indicator_id, "role": c.role, "planned": c.planned} for c in row.indicators]}


def _audit(session: Session, user: UserInfo, action: str, row: ProjectSheet, project: m.Project, year: int,
           before: dict[str, Any] | None) -> None:
    audit.record(session, user_name=user.name, action=action, object_type="project_sheet", object_id=row.id,
                 label=f"{project.name} FY{year}", before=before, after=_snapshot(row))


class _Step:
    """The parts every write shares: the cost report read first, then one guarded transaction."""

    def __init__(self, engine: Engine, user: UserInfo, cycle_id: int, project_id: int, attempted: dict[str, Any]):
        self.engine, self.user, self.cycle_id, self.project_id, self.attempted = engine, user, cycle_id, project_id, attempted
        self.cost = _project_cost(_costs(engine, cycle_id), project_id)

    def reload(self, session: Session) -> tuple[bool, ProjectSheetView, str]:
        cycle = load_cycle(session, self.cycle_id)
        project = _project(session, cycle, self.project_id)
        stored = project_sheet_row(session, cycle.id, project.id) is not None
        return stored, _view(session, cycle, project, self.user, self.cost), _what(project)

    def write(self):  # noqa: ANN201 - the guarded transaction's context manager
        return sheet_flow.guarded_write(self.engine, reload=self.reload, attempted=self.attempted)

    def current(self, session: Session, cycle: m.EvaluationCycle, project: m.Project):  # noqa: ANN201
        return lambda: _view(session, cycle, project, self.user, self.cost)


def _grade(value: str | None, viewpoint: Viewpoint, grades: tuple[str, ...]) -> str | None:
    grade = sheet_flow.clean_text(value, viewpoint.value, 20)
    if grade is not None and grade not in grades:
        raise ValidationFailed(f"{viewpoint.value} grade {grade!r} is not on this cycle's scale ({', '.join(grades)})",
                               code="bad_grade", field=viewpoint.value)
    return grade


def _picks(session: Session, project: m.Project, picks: Sequence[IndicatorPick]) -> list[IndicatorPick]:
    if len(picks) > MAX_INDICATORS:
        raise ValidationFailed(f"a sheet chooses at most {MAX_INDICATORS} indicators, not {len(picks)}", code="too_many",
                               field="indicators")
    measure = {i.id for i in node_indicators(session, project.node_id)}
    seen: set[int] = set()
    out = []
    for pick in picks:
        if pick.indicator_id not in measure:
            raise ValidationFailed(f"indicator {pick.indicator_id} is not an indicator of the measure of {project.name}",
                                   code="not_an_indicator", field="indicators")
        if pick.indicator_id in seen:
            raise ValidationFailed(f"indicator {pick.indicator_id} is chosen twice", code="duplicate_indicator",
                                   field="indicators")
        seen.add(pick.indicator_id)
        if pick.role not in {r.value for r in IndicatorRole}:
            raise ValidationFailed(f"an indicator's role is activity or outcome, not {pick.role!r}", code="bad_role",
                                   field="indicators")
        planned = pick.planned
        if planned is not None and (isinstance(planned, bool) or not math.isfinite(planned) or abs(planned) >= MAX_PLANNED):
            raise ValidationFailed(f"a planned value is a number below {MAX_PLANNED:.0e}, not {planned!r}",
                                   code="bad_planned", field="indicators")
        out.append(IndicatorPick(pick.indicator_id, pick.role, float(planned) if planned is not None else None))
    return out


def _set_indicators(row: ProjectSheet, picks: list[IndicatorPick]) -> None:
    """Change the chosen indicators in place (kept rows updated, others removed, new ones added),
    so the unique (sheet, indicator) pair is never held twice within a flush."""
    kept = {c.indicator_id: c for c in row.indicators}
    wanted = {p.indicator_id for p in picks}
    for c in list(row.indicators):
        if c.indicator_id not in wanted:
            row.indicators.remove(c)
    for position, pick in enumerate(picks):
        line = kept.get(pick.indicator_id)
        if line is None:
            row.indicators.append(ProjectSheetIndicator(indicator_id=pick.indicator_id, role=pick.role, position=position,
                                                        planned=pick.planned))
        else:
            line.role, line.position, line.planned = pick.role, position, pick.planned


def save_project_sheet(engine: Engine, *, user: UserInfo, cycle_id: int, project_id: int, version: int,
                       subject: str | None, intent: str | None, means: str | None, viewpoints: dict[str, str | None],
                       direction: str | None, summary: str | None,
                       indicators: Sequence[IndicatorPick] | None = None) -> ProjectSheetView:
    """Save the written part and the chosen indicators of a draft or returned sheet (``indicators``
    None keeps those chosen); ``version`` is the one the caller read.

    Raises SheetConflict, SheetLocked, SheetStateError, PermissionDenied, NotFoundError (project),
    ValidationFailed (a grade not on the cycle's viewpoint scale, a direction not one of 拡充 …
    終了, an indicator not of the project's measure, a text too long).
    """
    unknown = sorted(set(viewpoints) - {v.value for v in Viewpoint})
    if unknown:
        raise ValidationFailed(f"no viewpoint {unknown[0]!r} (necessity, effectiveness, efficiency, fairness)",
                               code="bad_viewpoint", field="viewpoints")
    attempted = {"subject": subject, "intent": intent, "means": means, **{k: viewpoints.get(k) for k in sorted(viewpoints)},
                 "direction": direction, "summary": summary}
    step = _Step(engine, user, cycle_id, project_id, attempted)
    with step.write() as session:
        cycle = load_cycle(session, cycle_id)
        project = _project(session, cycle, project_id)
        require(user, Action.EDIT_SHEET, department_ids=owners_of(session, project), what=_what(project))
        require_open(cycle)
        row = project_sheet_row(session, cycle.id, project.id, lock=True)
        sheet_flow.check_writable(row, version=version, what=_what(project), current=step.current(session, cycle, project),
                                  attempted=attempted)
        grades = viewpoint_grades(cycle.viewpoint_grades)
        values: dict[str, str | None] = {
            "subject": sheet_flow.clean_text(subject, "subject"), "intent": sheet_flow.clean_text(intent, "intent"),
            "means": sheet_flow.clean_text(means, "means"), "summary": sheet_flow.clean_text(summary, "summary"),
            **{v.value: _grade(viewpoints.get(v.value), v, grades) for v in Viewpoint},
        }
        chosen = sheet_flow.clean_text(direction, "direction", 10)
        if chosen is not None and chosen not in {d.value for d in ProjectDirection}:
            raise ValidationFailed(f"direction {chosen!r} is not one of {'/'.join(d.value for d in ProjectDirection)}",
                                   code="bad_direction", field="direction")
        values["direction"] = chosen
        picks = _picks(session, project, indicators) if indicators is not None else None
        before = _snapshot(row) if row else None
        if row is None:
            row = ProjectSheet(cycle_id=cycle.id, project_id=project.id, status=SheetStatus.DRAFT.value, version=0)
            session.add(row)
        for key, value in values.items():
            setattr(row, key, value)
        if picks is not None:
            _set_indicators(row, picks)
        sheet_flow.stamp(row, user.id)
        session.flush()
        _audit(session, user, "create" if before is None else "update", row, project, cycle.year, before)
        touch_plan(session, cycle.plan_id)
        return _view(session, cycle, project, user, step.cost)


def submit_project_sheet(engine: Engine, *, user: UserInfo, cycle_id: int, project_id: int, version: int) -> ProjectSheetView:
    """Hand a saved draft or returned sheet in for review: it needs the purpose (対象・意図・手段),
    the four viewpoints and the direction. Same errors as ``save_project_sheet``."""
    step = _Step(engine, user, cycle_id, project_id, {})
    with step.write() as session:
        cycle = load_cycle(session, cycle_id)
        project = _project(session, cycle, project_id)
        require(user, Action.SUBMIT_SHEET, department_ids=owners_of(session, project), what=_what(project))
        require_open(cycle)
        row = project_sheet_row(session, cycle.id, project.id, lock=True)
        sheet_flow.check_writable(row, version=version, what=_what(project), current=step.current(session, cycle, project),
                                  attempted={})
        before = _snapshot(row) if row else None
        sheet_flow.submit(row, user.id, required=REQUIRED)
        assert row is not None
        session.flush()
        _audit(session, user, "submit", row, project, cycle.year, before)
        touch_plan(session, cycle.plan_id)
        return _view(session, cycle, project, user, step.cost)


def review_project_sheet(engine: Engine, *, user: UserInfo, cycle_id: int, project_id: int, version: int, approve: bool,
                         comment: str | None = None) -> ProjectSheetView:
    """Approve a submitted sheet (locked, and published) or return it with a comment (editable again)."""
    attempted = {"approve": approve, "comment": comment}
    step = _Step(engine, user, cycle_id, project_id, attempted)
    with step.write() as session:
        cycle = load_cycle(session, cycle_id)
        project = _project(session, cycle, project_id)
        require(user, Action.REVIEW_SHEET, what=_what(project))
        row = project_sheet_row(session, cycle.id, project.id, lock=True)
        sheet_flow.check_reviewable(row, version=version, what=_what(project), current=step.current(session, cycle, project),
                                    attempted=attempted)
        assert row is not None
        before = _snapshot(row)
        sheet_flow.review(row, user.id, approve=approve, comment=comment)
        session.flush()
        _audit(session, user, "approve" if approve else "return", row, project, cycle.year, before)
        touch_plan(session, cycle.plan_id)
        return _view(session, cycle, project, user, step.cost)


def set_viewpoint_scale(engine: Engine, *, user: UserInfo, cycle_id: int, grades: str) -> tuple[str, ...]:
    """Set the cycle's scale of the four viewpoints (admin), grades best first: ``A,B,C,D``.
    Refused (ValidationFailed ``grade_in_use``) when a sheet of the cycle holds a grade the new
    scale lacks, and (``bad_scale``) for a scale that cannot be used."""
    require(user, Action.OPEN_CYCLE, what="an evaluation cycle")
    try:
        wanted = viewpoint_grades(grades)
    except BadViewpointScale as exc:
        raise ValidationFailed(str(exc), code="bad_scale", field="grades", reason=exc.code) from None
    with transaction(engine) as session:
        cycle = load_cycle(session, cycle_id)
        used = sorted({g for row in project_sheets_of(session, cycle.id, [p.id for p in _plan_projects(session, cycle)]).values()
                       for g in (getattr(row, v.value) for v in Viewpoint) if g is not None and g not in wanted})
        if used:
            raise ValidationFailed(f"sheets of this cycle are graded {', '.join(used)}, which {scale_text(wanted)} lacks",
                                   code="grade_in_use", field="grades", grades=", ".join(used))
        before = {"viewpoint_grades": cycle.viewpoint_grades}
        cycle.viewpoint_grades = scale_text(wanted)
        session.flush()
        audit.record(session, user_name=user.name, action="update", object_type="cycle", object_id=cycle.id,
                     label=f"FY{cycle.year} viewpoint scale", before=before, after={"viewpoint_grades": cycle.viewpoint_grades})
        touch_plan(session, cycle.plan_id)
        return wanted


def _plan_projects(session: Session, cycle: m.EvaluationCycle) -> list[m.Project]:
    from keikaku.storage.budget_store import plan_projects

    return list(plan_projects(session, plan_id=cycle.plan_id))


def find_project(engine: Engine, *, plan_id: int, ref: str | int) -> list[int]:
    """The ids of the plan's projects named ``ref``: its id, else its name (several when the plan
    names more than one project so)."""
    from keikaku.storage.project_sheet_store import projects_named

    text = str(ref).strip()
    with transaction(engine) as session:
        return projects_named(session, plan_id=plan_id, ref=text)


# --- the measure's sheet: its projects rolled up --------------------------------------------

@dataclass(frozen=True)
class ProjectRollupRow:
    """A project of the measure on the measure's sheet: its sheet's state and its money."""

    project_id: int
    name: str
    department: str | None
    status: str
    direction: str | None
    viewpoints: tuple[ViewpointGrade, ...]
    budget: int | None
    settlement: int | None
    full_cost: int | None
    url: str

    def to_json(self) -> dict[str, object]:
        return {"project_id": self.project_id, "name": self.name, "department": self.department, "status": self.status,
                "direction": self.direction, "viewpoints": {v.key: v.grade for v in self.viewpoints}, "budget": self.budget,
                "settlement": self.settlement, "full_cost": self.full_cost, "url": self.url}


@dataclass(frozen=True)
class MeasureProjects:
    """The projects of a measure in a cycle with their sheets and costs, and the measure's sums
    (keikaku.services.costs.MeasureCost: each amount over the projects that have it)."""

    cycle_id: int
    year: int
    node_id: int
    rows: tuple[ProjectRollupRow, ...]
    total: MeasureCost | None

    def to_json(self) -> dict[str, object]:
        return {"cycle_id": self.cycle_id, "year": self.year, "node_id": self.node_id, "projects": [r.to_json() for r in self.rows],
                "total": self.total.to_json() if self.total else None}


def measure_projects(engine: Engine, *, user: UserInfo, cycle_id: int, node_id: int) -> MeasureProjects:
    """What the measure's sheet shows of its projects: every project's sheet state, direction,
    viewpoints and cost of the cycle year, and the measure's totals."""
    require(user, Action.VIEW_DRAFTS)
    report = _costs(engine, cycle_id)
    with transaction(engine) as session:
        cycle = load_cycle(session, cycle_id)
        node = session.get(m.Node, node_id)
        if node is None or node.plan_id != cycle.plan_id:
            raise NotFoundError(f"no node {node_id} in the plan of evaluation cycle {cycle.id}")
        projects = node_projects(session, node_id)
        sheets = project_sheets_of(session, cycle.id, [p.id for p in projects])
        depts = department_names_by_id(session, [p.department_id for p in projects])
        rows = []
        for p in projects:
            row, cost = sheets.get(p.id), _project_cost(report, p.id)
            rows.append(ProjectRollupRow(
                project_id=p.id, name=p.name, department=depts.get(p.department_id) if p.department_id is not None else None,
                status=sheet_flow.status_of(row), direction=row.direction if row else None, viewpoints=viewpoints_of(row),
                budget=cost.budget if cost else None, settlement=cost.settlement if cost else None,
                full_cost=cost.full_cost if cost else None, url=staff_url(cycle.id, p.id)))
        total = next((mc for mc in report.measures if mc.node.id == node_id), None)
        return MeasureProjects(cycle.id, cycle.year, node_id, tuple(rows), total)
