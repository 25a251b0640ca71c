"""Evaluation sheets (施策評価シート) and project progress in a cycle.

A sheet has an automatic part (the measure's indicators assessed for the cycle year, drafts
included, and its projects with the progress recorded) and a written part (self grade, reasons,
issues, next direction). It moves draft → submitted → approved, or submitted → returned → …;
``version`` guards against lost updates. Approval locks the sheet and publishes the draft
actuals of the measure's indicators for the cycle year.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from keikaku.domain.assessment import (
    AssessmentRow,
    Rollup,
    RollupPolicy,
    assess_indicators,
    get_scale,
    node_rollup,
    rows_as_of,
)
from keikaku.domain.enums import NextDirection, ObservationStatus, SheetStatus
from keikaku.domain.errors import NotFoundError
from keikaku.domain.permissions import Action, can, require
from keikaku.services import audit, sheet_flow
from keikaku.services.accounts import UserInfo
from keikaku.services.cycle_common import (
    OBSERVATION_FIELDS,
    CycleInfo,
    Ownership,
    SheetLocked,
    ValidationFailed,
    approved,
    cycle_info,
    has_plan_wide,
    label_of,
    load_cycle,
    load_measure,
    measure_brief,
    measure_ids,
    plan_wide_brief,
    require_open,
    require_some,
    snapshot,
    tidy_number,
    touch_plan,
    user_names,
)
from keikaku.storage import models as m
from keikaku.storage.cycle_store import (
    IndicatorFigures,
    NodeBrief,
    PlanOutline,
    department_names,
    department_names_by_id,
    draft_actuals,
    indicators_of_nodes,
    plan_outline,
    plan_wide_indicators,
    project_progress,
    projects_of_node,
    sheet_row,
    sheet_states,
)
from keikaku.storage.database import transaction
from keikaku.storage.models import utcnow
from keikaku.storage.plan_store import indicator_record

MAX_TEXT = sheet_flow.MAX_TEXT
SHEET_FIELDS = ("status", "version", "self_grade", "reasons", "issues", "next_direction", "review_comment")
PROGRESS_FIELDS = ("project_id", "stage", "progress")
EDITABLE = sheet_flow.EDITABLE


@dataclass(frozen=True)
class SheetIndicator:
    """An indicator of the measure. ``value`` and ``actual_status`` (draft, published, or None)
    are those of the cycle year's actual; ``row`` is the assessment as of the cycle year, made
    from the latest actual up to it (``row.year`` says which year that is)."""

    id: int
    name: str
    unit: str | None
    department: str | None
    baseline_text: str | None
    target_text: str | None
    value: float | int | None
    actual_status: str | None
    row: AssessmentRow
    editable: bool = False  # whether this user may enter its actual now
    survey: bool = False  # a share from a citizen survey: its actual takes a sample size or margin of error
    sample_size: int | None = None  # the cycle year's actual's
    margin_of_error: float | None = None

    @property
    def draft(self) -> bool:
        return self.actual_status == ObservationStatus.DRAFT

    @property
    def assessed_year(self) -> int | None:
        return self.row.year

    @property
    def status(self) -> str:
        return self.row.status

    @property
    def grade(self) -> str | None:
        return self.row.grade

    @property
    def progress_rate(self) -> float | None:
        return self.row.to_json()["progress_rate"]  # type: ignore[return-value]

    @property
    def achievement_rate(self) -> float | None:
        return self.row.to_json()["achievement_rate"]  # type: ignore[return-value]

    @property
    def expected_progress(self) -> float | None:
        return self.row.to_json()["expected_progress"]  # type: ignore[return-value]

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "name": self.name, "unit": self.unit, "department": self.department,
                "baseline_text": self.baseline_text, "target_text": self.target_text, "value": self.value,
                "actual_status": self.actual_status, "editable": self.editable, "assessment": self.row.to_json(),
                "survey": self.survey, "sample_size": self.sample_size, "margin_of_error": self.margin_of_error}


@dataclass(frozen=True)
class SheetProject:
    """A project of the measure: its planned stage for the cycle year and the progress recorded."""

    id: int
    name: str
    department: str | None
    planned_stage: str | None
    stage: str | None
    progress: str | None
    updated_by: str | None
    updated_at: datetime | None
    editable: bool = False  # whether this user may record its progress now

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "name": self.name, "department": self.department, "planned_stage": self.planned_stage,
                "stage": self.stage, "progress": self.progress, "updated_by": self.updated_by,
                "updated_at": audit.iso(self.updated_at), "editable": self.editable}


@dataclass(frozen=True)
class SheetView:
    """One measure's sheet in one cycle, as the user sees it; ``node_id`` None for the plan-wide
    sheet, which holds the plan's plan-wide indicators and no projects (its ``node_key`` is
    ``plan``, its ``node_title`` 計画全体の指標). ``sheet_id`` is None and ``version``
    0 for a sheet nobody has saved yet. ``allowed_actions`` lists what this user may do now on the
    measure (edit_sheet, submit_sheet, review_sheet, enter_actual, record_progress); each indicator
    and project also says whether this user may enter its actual or record its progress
    (``editable``), as an indicator or project may have a department of its own."""

    cycle: CycleInfo
    node_id: int | None
    node_key: str
    node_level: str
    node_number: str | None
    node_title: str
    departments: tuple[str, ...]
    sheet_id: int | None
    status: str
    version: int
    self_grade: str | None
    reasons: str | None
    issues: str | None
    next_direction: str | None
    review_comment: str | None
    updated_by: str | None
    updated_at: datetime | None
    submitted_at: datetime | None
    approved_by: str | None
    approved_at: datetime | None
    indicators: tuple[SheetIndicator, ...]
    projects: tuple[SheetProject, ...]
    rollup: Rollup | None
    grades: tuple[str, ...]
    allowed_actions: tuple[str, ...]

    @property
    def next_directions(self) -> tuple[str, ...]:
        return tuple(d.value for d in NextDirection)

    @property
    def node_label(self) -> str:
        return " ".join(filter(None, [self.node_level, self.node_number, self.node_title]))

    @property
    def id(self) -> int | None:
        return self.sheet_id

    @property
    def plan_wide(self) -> bool:
        return self.node_id is None

    @property
    def cycle_id(self) -> int:
        return self.cycle.id

    @property
    def year(self) -> int:
        return self.cycle.year

    @property
    def plan_title(self) -> str:
        return self.cycle.plan_title

    @property
    def editable(self) -> bool:
        return Action.EDIT_SHEET.value in self.allowed_actions

    @property
    def reviewable(self) -> bool:
        return Action.REVIEW_SHEET.value in self.allowed_actions

    def to_json(self) -> dict[str, Any]:
        return {
            "cycle": self.cycle.to_json(),
            "node": None if self.plan_wide else {
                "id": self.node_id, "key": self.node_key, "level": self.node_level, "number": self.node_number,
                "title": self.node_title, "departments": list(self.departments)},
            "plan_wide": self.plan_wide,
            "sheet": {
                "id": self.sheet_id, "status": self.status, "version": self.version, "self_grade": self.self_grade,
                "reasons": self.reasons, "issues": self.issues, "next_direction": self.next_direction,
                "review_comment": self.review_comment, "updated_by": self.updated_by, "updated_at": audit.iso(self.updated_at),
                "submitted_at": audit.iso(self.submitted_at), "approved_by": self.approved_by,
                "approved_at": audit.iso(self.approved_at),
            },
            "indicators": [i.to_json() for i in self.indicators],
            "projects": [p.to_json() for p in self.projects],
            "rollup": self.rollup.to_json() if self.rollup else None,
            "grades": list(self.grades),
            "next_directions": list(self.next_directions),
            "allowed_actions": list(self.allowed_actions),
        }


@dataclass(frozen=True)
class SheetSummary:
    """A measure of the cycle and the state of its sheet, for lists (``node_id`` None: the plan-wide sheet)."""

    node_id: int | None
    node_label: str
    departments: tuple[str, ...]
    status: str
    version: int
    editable: bool

    def to_json(self) -> dict[str, object]:
        return {"node_id": self.node_id, "plan_wide": self.node_id is None, "node_label": self.node_label, "departments": list(self.departments),
                "status": self.status, "version": self.version, "editable": self.editable}


@dataclass(frozen=True)
class ProgressInfo:
    """A project's progress recorded for the cycle year."""

    id: int
    cycle_id: int
    project_id: int
    project: str
    stage: str | None
    progress: str | None
    updated_by: str | None
    updated_at: datetime

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "cycle_id": self.cycle_id, "project": {"id": self.project_id, "name": self.project},
                "stage": self.stage, "progress": self.progress, "updated_by": self.updated_by,
                "updated_at": audit.iso(self.updated_at)}


def _allowed(user: UserInfo | None, status: str, cycle_open: bool, depts: frozenset[int]) -> tuple[str, ...]:
    out = sheet_flow.editor_actions(user, status, cycle_open=cycle_open, department_ids=depts)
    if cycle_open and status != SheetStatus.APPROVED:
        out += [a.value for a in (Action.ENTER_ACTUAL, Action.RECORD_PROGRESS) if can(user, a, department_ids=depts)]
    return tuple(out)


def _assessed(outline: PlanOutline, node: m.Node | NodeBrief, cycle: m.EvaluationCycle, figures: Sequence[IndicatorFigures],
              dept_name: dict[int, str]) -> tuple[list[AssessmentRow], Rollup]:
    """The rows as of the cycle year of ``figures`` (the indicators of the node and of the nodes
    below it, in plan order, drafts included), one per indicator, and the node's roll-up: what
    assessing the whole plan gives for them, from these indicators alone. A row's ``index`` is the
    indicator's place in the plan."""
    scale = get_scale(cycle.scale)
    records = [indicator_record(f.row, node_key=outline.nodes[f.row.node_id].key if f.row.node_id is not None else None,
                                department=dept_name.get(f.row.department_id),
                                interim_targets=f.interim_targets, observations=f.observations)
               for f in figures]
    rows = rows_as_of(assess_indicators(records, scale=scale), cycle.year) if records else []
    rows = [replace(r, index=outline.rank(figures[r.index].row.id)) for r in rows]
    rollup = node_rollup(key=node.key, level=node.level, number=node.number, title=node.title, rows=rows,
                         year=cycle.year, policy=RollupPolicy(), scale=scale)
    return rows, rollup


def _view(session: Session, cycle: m.EvaluationCycle, node: m.Node | NodeBrief, user: UserInfo | None,
          outline: PlanOutline | None = None) -> SheetView:
    """The sheet as stored (or an empty draft), with its automatic part. It reads the plan's
    outline and the rows of this measure only: the same number of statements for any plan."""
    plan = session.get(m.Plan, cycle.plan_id)
    assert plan is not None
    outline = outline if outline is not None else plan_outline(session, plan.id)
    owners = Ownership(session, plan.id, outline)
    row = sheet_row(session, cycle.id, node.id)
    status = row.status if row else SheetStatus.DRAFT.value
    writable = cycle.status == "open" and status != SheetStatus.APPROVED
    dept_name = department_names(session, plan.municipality_id)
    figures = (plan_wide_indicators(session, plan.id) if node.id is None
               else indicators_of_nodes(session, plan.id, outline.subtree(node.id)))
    rows, rollup = _assessed(outline, node, cycle, figures, dept_name)
    indicators = []
    for f, r in zip(figures, rows):
        ind = f.row
        if ind.node_id != node.id:
            continue
        obs = next((o for o in f.observations if o.year == cycle.year), None)
        indicators.append(SheetIndicator(
            id=ind.id, name=ind.name, unit=ind.unit, department=dept_name.get(ind.department_id),  # type: ignore[arg-type]
            baseline_text=ind.baseline_text, target_text=ind.target_text,
            value=tidy_number(obs.value) if obs is not None and obs.value is not None else None,
            actual_status=obs.status if obs is not None else None, row=r,
            editable=writable and can(user, Action.ENTER_ACTUAL, department_ids=owners.indicator(ind)),
            survey=ind.survey_confidence is not None, sample_size=obs.sample_size if obs is not None else None,
            margin_of_error=obs.margin_of_error if obs is not None else None,
        ))
    projects = []
    project_rows = projects_of_node(session, node.id, cycle.year) if node.id is not None else []
    recorded = project_progress(session, cycle.id, [p.id for p in project_rows])
    names = user_names(session, {p.updated_by_id for p in recorded.values()} | {cycle.opened_by_id} |
                       ({row.updated_by_id, row.approved_by_id} if row else set()))
    for p in project_rows:
        rec = recorded.get(p.id)
        projects.append(SheetProject(
            id=p.id, name=p.name, department=dept_name.get(p.department_id),  # type: ignore[arg-type]
            planned_stage=p.planned_stage, stage=rec.stage if rec else None, progress=rec.progress if rec else None,
            updated_by=names.get(rec.updated_by_id) if rec and rec.updated_by_id else None,
            updated_at=audit.as_utc(rec.updated_at) if rec else None,
            editable=writable and can(user, Action.RECORD_PROGRESS, department_ids=owners.project(p)),
        ))
    depts = owners.node(node.id)
    return SheetView(
        cycle=cycle_info(session, cycle, names=names), node_id=node.id, node_key=node.key, node_level=node.level,
        node_number=node.number, node_title=node.title,
        departments=tuple(dept_name[d] for d in owners.own.get(node.id, []) if d in dept_name) if node.id is not None else (),
        sheet_id=row.id if row else None, status=status, version=row.version if row else 0,
        self_grade=row.self_grade if row else None, reasons=row.reasons if row else None,
        issues=row.issues if row else None, next_direction=row.next_direction if row else None,
        review_comment=row.review_comment if row else None,
        updated_by=names.get(row.updated_by_id) if row and row.updated_by_id else None,
        updated_at=audit.as_utc(row.updated_at) if row else None,
        submitted_at=audit.as_utc(row.submitted_at) if row and row.submitted_at else None,
        approved_by=names.get(row.approved_by_id) if row and row.approved_by_id else None,
        approved_at=audit.as_utc(row.approved_at) if row and row.approved_at else None,
        indicators=tuple(indicators), projects=tuple(projects), rollup=rollup,
        grades=tuple(lv.grade for lv in get_scale(cycle.scale).levels),
        allowed_actions=_allowed(user, status, cycle.status == "open", depts),
    )


def sheet(engine: Engine, *, user: UserInfo, cycle_id: int, node_id: int | None) -> SheetView:
    """The measure's sheet in the cycle (an empty draft of version 0 when none is saved);
    ``node_id`` None: the plan-wide sheet (NotFoundError when the plan has no plan-wide indicators)."""
    require(user, Action.VIEW_DRAFTS)
    with transaction(engine) as session:
        cycle = load_cycle(session, cycle_id)
        outline = plan_outline(session, cycle.plan_id)
        return _view(session, cycle, measure_brief(cycle, node_id, outline), user, outline)


def sheet_summaries(session: Session, cycle: m.EvaluationCycle, outline: PlanOutline, user: UserInfo | None, *,
                    states: dict[int | None, tuple[str, int]] | None = None,
                    names: dict[int, str] | None = None) -> list[SheetSummary]:
    """``list_sheets`` inside the caller's transaction, from the plan's outline: two statements
    besides the outline, whatever the number of measures (none when the caller passes the sheets'
    ``states`` and the department ``names``)."""
    owners = Ownership(session, cycle.plan_id, outline)
    if states is None:
        states = sheet_states(session, cycle.id)
    if names is None:
        names = department_names_by_id(session, (d for depts in outline.own.values() for d in depts))
    out = []
    wide = [plan_wide_brief(cycle, outline)] if has_plan_wide(outline) else []  # the plan-wide sheet comes first
    for node in [*wide, *(outline.nodes[i] for i in measure_ids(session, cycle.plan_id, outline))]:
        node_id = node.id
        status, version = states.get(node_id, (SheetStatus.DRAFT.value, 0))
        depts = owners.node(node_id)
        out.append(SheetSummary(
            node_id=node_id, node_label=label_of(node),
            departments=tuple(names[d] for d in owners.own.get(node_id, []) if d in names), status=status,
            version=version,
            editable=cycle.status == "open" and status in EDITABLE and can(user, Action.EDIT_SHEET, department_ids=depts),
        ))
    return out


def list_sheets(engine: Engine, *, cycle_id: int, user: UserInfo | None = None) -> list[SheetSummary]:
    """Every measure of the cycle with the state of its sheet, in plan order, after the plan-wide
    sheet when the plan has plan-wide indicators; ``editable`` says
    whether ``user`` (if given) may edit it now. Like ``progress_board``, it checks no permission:
    the caller shows it to users who may view drafts."""
    with transaction(engine) as session:
        cycle = load_cycle(session, cycle_id)
        return sheet_summaries(session, cycle, plan_outline(session, cycle.plan_id), user)


_text = sheet_flow.clean_text


def _writable(session: Session, cycle: m.EvaluationCycle, node: m.Node | NodeBrief, user: UserInfo, action: Action,
              version: int, attempted: dict[str, Any]) -> m.EvaluationSheet | None:
    """The checks before an editor's step: permission, open cycle, state, version."""
    owners = Ownership(session, cycle.plan_id)
    require(user, action, department_ids=owners.node(node.id), what=f"the sheet of {label_of(node)}")
    require_open(cycle)
    row = sheet_row(session, cycle.id, node.id, lock=True)
    sheet_flow.check_writable(row, version=version, what=f"the sheet of {label_of(node)}",
                              current=lambda: _view(session, cycle, node, user), attempted=attempted)
    return row


@contextmanager
def _sheet_write(engine: Engine, *, user: UserInfo, cycle_id: int, node_id: int | None, attempted: dict[str, Any]) -> Iterator[Session]:
    """The transaction of one step on a sheet, whose write is a compare-and-set.

    Two editors who read the same version may both pass the version check (SQLite has no row
    locks); the UPDATE of the second then matches no row, and two first saves of a new sheet
    meet at its unique key. Either way the late writer gets a ``SheetConflict`` with the sheet
    as stored and what they tried to save, and nothing of theirs is written.
    """
    def reload(session: Session) -> tuple[bool, SheetView, str]:
        cycle = load_cycle(session, cycle_id)
        node = load_measure(session, cycle, node_id)
        current = _view(session, cycle, node, user)
        return sheet_row(session, cycle.id, node.id) is not None, current, f"the sheet of {current.node_label}"

    with sheet_flow.guarded_write(engine, reload=reload, attempted=attempted) as session:
        yield session


def _audit_sheet(session: Session, user: UserInfo, action: str, row: m.EvaluationSheet, node: m.Node | NodeBrief,
                 before: dict[str, Any] | None) -> None:
    audit.record(session, user_name=user.name, action=action, object_type="sheet", object_id=row.id,
                 label=f"{label_of(node)} FY{session.get(m.EvaluationCycle, row.cycle_id).year}",  # type: ignore[union-attr]
                 before=before, after=snapshot(row, SHEET_FIELDS))


def save_sheet(engine: Engine, *, user: UserInfo, cycle_id: int, node_id: int | None, version: int, self_grade: str | None,
               reasons: str | None, issues: str | None, next_direction: str | None) -> SheetView:
    """Save the written part of a draft or returned sheet; ``version`` is the one the caller read;
    ``node_id`` None: the plan-wide sheet, which only the plan's owner (admin) writes.

    Raises SheetConflict (someone saved since; ``current`` and ``attempted`` attached),
    SheetLocked (approved), SheetStateError (submitted), ValidationFailed (a grade not on the
    cycle's scale, a next direction not one of 拡充/継続/改善/縮小/廃止), PermissionDenied.
    """
    attempted = {"self_grade": self_grade, "reasons": reasons, "issues": issues, "next_direction": next_direction}
    with _sheet_write(engine, user=user, cycle_id=cycle_id, node_id=node_id, attempted=attempted) as session:
        cycle = load_cycle(session, cycle_id)
        node = load_measure(session, cycle, node_id)
        row = _writable(session, cycle, node, user, Action.EDIT_SHEET, version, attempted)
        grades = [lv.grade for lv in get_scale(cycle.scale).levels]
        grade = _text(self_grade, "self_grade")
        if grade is not None and grade not in grades:
            raise ValidationFailed(f"self grade {grade!r} is not on the {cycle.scale} scale ({', '.join(grades)})",
                                   code="bad_grade", field="self_grade")
        direction = _text(next_direction, "next_direction")
        if direction is not None and direction not in {d.value for d in NextDirection}:
            raise ValidationFailed(f"next direction {direction!r} is not one of {'/'.join(d.value for d in NextDirection)}",
                                   code="bad_direction", field="next_direction")
        values = {"self_grade": grade, "reasons": _text(reasons, "reasons"), "issues": _text(issues, "issues"),
                  "next_direction": direction}
        before = snapshot(row, SHEET_FIELDS) if row else None
        if row is None:
            row = m.EvaluationSheet(cycle_id=cycle.id, node_id=node.id, status=SheetStatus.DRAFT.value, version=0)
            session.add(row)
        for key, value in values.items():
            setattr(row, key, value)
        sheet_flow.stamp(row, user.id)
        session.flush()
        _audit_sheet(session, user, "create" if before is None else "update", row, node, before)
        touch_plan(session, cycle.plan_id)
        return _view(session, cycle, node, user)


def submit_sheet(engine: Engine, *, user: UserInfo, cycle_id: int, node_id: int | None, version: int) -> SheetView:
    """Hand a saved draft or returned sheet in for review; it must have a self grade, reasons and
    a next direction. Same errors as ``save_sheet``."""
    with _sheet_write(engine, user=user, cycle_id=cycle_id, node_id=node_id, attempted={}) as session:
        cycle = load_cycle(session, cycle_id)
        node = load_measure(session, cycle, node_id)
        row = _writable(session, cycle, node, user, Action.SUBMIT_SHEET, version, {})
        before = snapshot(row, SHEET_FIELDS) if row else None
        sheet_flow.submit(row, user.id, required=("self_grade", "reasons", "next_direction"))
        session.flush()
        _audit_sheet(session, user, "submit", row, node, before)
        touch_plan(session, cycle.plan_id)
        return _view(session, cycle, node, user)


def review_sheet(engine: Engine, *, user: UserInfo, cycle_id: int, node_id: int | None, version: int, approve: bool,
                 comment: str | None = None) -> SheetView:
    """Approve a submitted sheet (locking it and publishing the draft actuals of the measure's
    indicators for the cycle year) or return it with a comment (editable again)."""
    attempted = {"approve": approve, "comment": comment}
    with _sheet_write(engine, user=user, cycle_id=cycle_id, node_id=node_id, attempted=attempted) as session:
        cycle = load_cycle(session, cycle_id)
        node = load_measure(session, cycle, node_id)
        require(user, Action.REVIEW_SHEET, what=f"the sheet of {label_of(node)}")
        row = sheet_row(session, cycle.id, node.id, lock=True)
        sheet_flow.check_reviewable(row, version=version, what=f"the sheet of {label_of(node)}",
                                    current=lambda: _view(session, cycle, node, user), attempted=attempted)
        assert row is not None
        before = snapshot(row, SHEET_FIELDS)
        sheet_flow.review(row, user.id, approve=approve, comment=comment)
        session.flush()
        _audit_sheet(session, user, "approve" if approve else "return", row, node, before)
        if approve:
            _publish(session, user, cycle, node)
        touch_plan(session, cycle.plan_id)
        return _view(session, cycle, node, user)


def _publish(session: Session, user: UserInfo, cycle: m.EvaluationCycle, node: m.Node | NodeBrief) -> None:
    for obs, name in draft_actuals(session, cycle.plan_id, node.id, cycle.year):
        before = snapshot(obs, OBSERVATION_FIELDS)
        obs.status = ObservationStatus.PUBLISHED.value
        audit.record(session, user_name=user.name, action="publish", object_type="observation", object_id=obs.id,
                     label=f"{name} FY{obs.year}", before=before, after=snapshot(obs, OBSERVATION_FIELDS))


def record_project_progress(engine: Engine, *, user: UserInfo, cycle_id: int, project_id: int,
                            stage: str | None = None, progress: str | None = None) -> ProgressInfo:
    """Record a project's stage (検討, 実施, 推進 …) and progress for the cycle year."""
    return record_project_progresses(engine, user=user, cycle_id=cycle_id, entries=[(project_id, stage, progress)])[0]


def record_project_progresses(engine: Engine, *, user: UserInfo, cycle_id: int,
                              entries: list[tuple[int, str | None, str | None]]) -> tuple[ProgressInfo, ...]:
    """Record the stage and progress of several projects (project id, stage, progress), all or none."""
    require_some(user, Action.RECORD_PROGRESS)
    with transaction(engine) as session:
        cycle = load_cycle(session, cycle_id)
        owners = Ownership(session, cycle.plan_id)
        return tuple(_record_progress(session, user, cycle, owners, project_id, stage, progress)
                     for project_id, stage, progress in entries)


def _record_progress(session: Session, user: UserInfo, cycle: m.EvaluationCycle, owners: Ownership, project_id: int,
                     stage: str | None, progress: str | None) -> ProgressInfo:
    """One project's stage and progress, inside the caller's transaction."""
    project = session.get(m.Project, project_id)
    if project is None or project.plan_id != cycle.plan_id:
        raise NotFoundError(f"no project {project_id} in the plan of evaluation cycle {cycle.id}")
    require(user, Action.RECORD_PROGRESS, department_ids=owners.project(project), what=f"project {project.name}")
    require_open(cycle)
    if approved(session, cycle.id, project.node_id):
        raise SheetLocked(f"the FY{cycle.year} sheet of {label_of(owners.nodes[project.node_id])} is approved: "
                          f"the progress of {project.name} is locked")
    stage_text = _text(stage, "stage")
    if stage_text is not None and len(stage_text) > 50:
        raise ValidationFailed("a stage is a word such as 実施 or 推進 (at most 50 characters)", code="too_long", field="stage")
    row = session.scalar(select(m.ProjectProgress).where(m.ProjectProgress.cycle_id == cycle.id,
                                                        m.ProjectProgress.project_id == project.id))
    before = snapshot(row, PROGRESS_FIELDS) if row else None
    if row is None:
        row = m.ProjectProgress(cycle_id=cycle.id, project_id=project.id)
        session.add(row)
    row.stage, row.progress = stage_text, _text(progress, "progress")
    row.updated_by_id, row.updated_at = user.id, utcnow()
    session.flush()
    audit.record(session, user_name=user.name, action="create" if before is None else "update",
                 object_type="project_progress", object_id=row.id, label=f"{project.name} FY{cycle.year}",
                 before=before, after=snapshot(row, PROGRESS_FIELDS))
    touch_plan(session, cycle.plan_id)
    return ProgressInfo(id=row.id, cycle_id=cycle.id, project_id=project.id, project=project.name, stage=row.stage,
                        progress=row.progress, updated_by=user.name, updated_at=audit.as_utc(row.updated_at))
