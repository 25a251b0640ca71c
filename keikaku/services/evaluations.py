"""Published evaluations: the approved 施策評価シート of a plan's measures, by fiscal year.

An evaluation sheet becomes public when it is approved, and only then: every sheet read here
comes from ``keikaku.storage.evaluation_store``, which selects approved sheets in SQL, so a draft,
submitted or returned sheet cannot reach a page or the API. What each context holds:

- ``node_evaluations``: a measure's latest approved evaluation (self grade, reasons, issues, next
  year's direction, its projects' stage and progress) and the history of its approved grades and
  directions by year (the measure page);
- ``node_evaluation``: one measure's approved evaluation of one year;
- ``plan_evaluation_years``: the fiscal years of a plan that have an approved evaluation;
- ``plan_evaluation_year``: every measure of the plan with its approved evaluation of the year
  (grade, direction), grouped by policy, and the roll-ups of the indicators' statuses per policy
  and for the plan, from the public read model of that year (``readmodel.load_plan_year``).

Each context is a dataclass that the HTML page renders and the JSON API returns (``to_json``).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from keikaku.domain import planfile as pf
from keikaku.domain.assessment import Rollup, Scale, get_scale
from keikaku.domain.errors import KeikakuError, NotFoundError
from keikaku.domain.fiscal import FIRST_YEAR, LAST_YEAR
from keikaku.services.browse import POLICY_LEVELS  # the plan page's policy levels: one grouping on every page
from keikaku.services.browse import to_json  # noqa: F401 (the contexts' one JSON form, used by the web layer)
from keikaku.services.cycle_common import measure_ids
from keikaku.services.readmodel import Audience, load_plan_year
from keikaku.storage import models as m
from keikaku.storage.cycle_store import (
    NodeBrief,
    PlanOutline,
    department_names_by_id,
    plan_outline,
    project_progress,
    projects_of_node,
)
from keikaku.storage.database import transaction
from keikaku.storage.evaluation_store import ApprovedSheet, approved_counts, approved_sheets, node_row



# --- URLs ---------------------------------------------------------------------------------

def plan_evaluations_url(plan_id: int) -> str:
    return f"/plans/{plan_id}/evaluations"


def plan_evaluation_year_url(plan_id: int, year: int) -> str:
    return f"/plans/{plan_id}/evaluations/{year}"


def node_evaluation_url(node_id: int, year: int) -> str:
    return f"/nodes/{node_id}/evaluations/{year}"


# --- contexts -----------------------------------------------------------------------------

@dataclass(frozen=True)
class PlanRef:
    id: int
    title: str
    municipality: str
    fictional: bool
    url: str


@dataclass(frozen=True)
class NodeRef:
    id: int
    level: str
    number: str | None
    title: str
    url: str

    @property
    def label(self) -> str:
        return " ".join(filter(None, [self.level, self.number, self.title]))


@dataclass(frozen=True)
class EvaluationBrief:
    """A measure's approved grade and next direction in one fiscal year."""

    year: int
    self_grade: str | None
    grade_status: str | None  # the status the grade stands for on the cycle's scale (on_track …)
    grade_label: str | None  # the scale's Japanese words for it (順調 …)
    next_direction: str | None  # 拡充 / 継続 / 改善 / 縮小 / 廃止
    url: str  # the page of the measure's evaluation of that year


@dataclass(frozen=True)
class ProjectProgressView:
    """A project of the measure in the evaluated year: the stage its schedule planned and the
    stage and progress its department recorded."""

    name: str
    department: str | None
    planned_stage: str | None
    stage: str | None
    progress: str | None


@dataclass(frozen=True)
class Evaluation:
    """A measure's approved evaluation of one fiscal year."""

    year: int
    scale: str
    self_grade: str | None
    grade_status: str | None
    grade_label: str | None
    reasons: str | None
    issues: str | None
    next_direction: str | None
    projects: tuple[ProjectProgressView, ...]
    url: str


@dataclass(frozen=True)
class NodeEvaluations:
    """The evaluation part of a measure page: the latest approved evaluation and every year's."""

    node: NodeRef
    latest: Evaluation | None  # None: no evaluation of this node is approved
    history: tuple[EvaluationBrief, ...]  # oldest first

    @property
    def other_years(self) -> tuple[EvaluationBrief, ...]:
        return tuple(h for h in self.history if self.latest is None or h.year != self.latest.year)


@dataclass(frozen=True)
class NodeEvaluationPage:
    """``/nodes/{id}/evaluations/{year}``: one measure's approved evaluation of one year."""

    plan: PlanRef
    node: NodeRef
    breadcrumbs: tuple[NodeRef, ...]  # the measure's ancestors, outermost first
    evaluation: Evaluation
    history: tuple[EvaluationBrief, ...]  # every approved year, oldest first
    year_url: str  # the plan's evaluations of the year


@dataclass(frozen=True)
class YearSummary:
    year: int
    approved: int  # measures whose evaluation of the year is approved
    measures: int  # measures of the plan
    url: str


@dataclass(frozen=True)
class PlanEvaluationYears:
    """``/plans/{id}/evaluations``: the fiscal years with approved evaluations, newest first."""

    plan: PlanRef
    years: tuple[YearSummary, ...]


@dataclass(frozen=True)
class StatusColumn:
    status: str
    label: str  # the scale's Japanese words


@dataclass(frozen=True)
class RollupCounts:
    """The indicators of a policy (or of the whole plan) by status, as of the year, published actuals only."""

    node: NodeRef | None  # None for the plan
    indicators: int
    counts: dict[str, int]
    score: float | None  # mean achievement rate, each capped at 100 (the read model's roll-up)


@dataclass(frozen=True)
class MeasureRow:
    node: NodeRef
    departments: tuple[str, ...]
    evaluation: EvaluationBrief | None  # None: no approved evaluation of the year


@dataclass(frozen=True)
class PolicyGroup:
    policy: NodeRef | None  # None for measures outside any policy
    measures: tuple[MeasureRow, ...]


@dataclass(frozen=True)
class PlanEvaluationYear:
    """``/plans/{id}/evaluations/{year}``: the plan's measures with their approved evaluations of
    the year, and the roll-ups of the year per policy and for the plan."""

    plan: PlanRef
    year: int
    scale: str
    statuses: tuple[StatusColumn, ...]  # the roll-up columns: the scale's levels, then the common statuses
    groups: tuple[PolicyGroup, ...]
    rollups: tuple[RollupCounts, ...]  # one per policy, in plan order
    rollup: RollupCounts  # the whole plan
    approved: int
    measures: int
    years: tuple[int, ...]  # every year with an approved evaluation, oldest first
    index_url: str


# --- builders -----------------------------------------------------------------------------

def _plan_ref(plan: m.Plan) -> PlanRef:
    return PlanRef(plan.id, pf.cut_text(plan.title, pf.TITLE_CHARS), plan.municipality.name, plan.municipality.fictional,
                   f"/plans/{plan.id}")


def _node_ref(node: NodeBrief) -> NodeRef:
    return NodeRef(node.id, node.level, node.number, pf.cut_text(node.title, pf.NAME_CHARS), f"/nodes/{node.id}")


def _scale(name: str) -> Scale | None:
    try:
        return get_scale(name)
    except KeikakuError:  # a city's own scale that is not registered in this process
        return None


def _grade(sheet: ApprovedSheet) -> tuple[str | None, str | None]:
    """The status and the scale's words of the sheet's self grade."""
    scale = _scale(sheet.scale)
    level = next((lv for lv in scale.levels if lv.grade == sheet.self_grade), None) if scale else None
    return (level.status, level.label) if level else (None, None)


def _brief(sheet: ApprovedSheet) -> EvaluationBrief:
    status, label = _grade(sheet)
    return EvaluationBrief(sheet.year, sheet.self_grade, status, label, sheet.next_direction,
                           node_evaluation_url(sheet.node_id, sheet.year))


def _evaluation(session: Session, sheet: ApprovedSheet) -> Evaluation:
    """The approved sheet with its projects' planned stage and recorded progress of the year."""
    projects = projects_of_node(session, sheet.node_id, sheet.year)
    recorded = project_progress(session, sheet.cycle_id, [p.id for p in projects])
    names = department_names_by_id(session, (p.department_id for p in projects))
    status, label = _grade(sheet)
    return Evaluation(
        year=sheet.year, scale=sheet.scale, self_grade=sheet.self_grade, grade_status=status, grade_label=label,
        reasons=sheet.reasons, issues=sheet.issues, next_direction=sheet.next_direction,
        projects=tuple(ProjectProgressView(
            name=p.name, department=names.get(p.department_id) if p.department_id is not None else None,
            planned_stage=p.planned_stage, stage=recorded[p.id].stage if p.id in recorded else None,
            progress=recorded[p.id].progress if p.id in recorded else None,
        ) for p in projects),
        url=node_evaluation_url(sheet.node_id, sheet.year),
    )


def _node(session: Session, node_id: int) -> tuple[NodeBrief, int]:
    """The node and the id of its plan; NotFoundError for an unknown node."""
    row = node_row(session, node_id)
    if row is None:
        raise NotFoundError(f"no node {node_id}")
    return NodeBrief(row.id, row.key, None, row.level, row.number, row.title), row.plan_id


def node_evaluations(engine: Engine, node_id: int) -> NodeEvaluations:
    """A node's approved evaluations: the latest in full, and every year's grade and direction."""
    with transaction(engine) as session:
        node, plan_id = _node(session, node_id)
        sheets = approved_sheets(session, plan_id=plan_id, node_ids=[node_id])
        latest = _evaluation(session, sheets[-1]) if sheets else None
        return NodeEvaluations(_node_ref(node), latest, tuple(_brief(s) for s in sheets))


def _check_year(year: int, what: str) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise NotFoundError(f"no evaluation of {what} is published for FY{year}")


def node_evaluation(engine: Engine, node_id: int, year: int) -> NodeEvaluationPage:
    """A node's approved evaluation of fiscal year ``year``; NotFoundError when none is approved."""
    _check_year(year, f"node {node_id}")
    with transaction(engine) as session:
        node, plan_id = _node(session, node_id)
        plan = session.get(m.Plan, plan_id)
        assert plan is not None
        sheets = approved_sheets(session, plan_id=plan.id, node_ids=[node_id])
        sheet = next((s for s in sheets if s.year == year), None)
        if sheet is None:
            raise NotFoundError(f"no evaluation of node {node_id} is published for FY{year}")
        outline = plan_outline(session, plan.id)
        crumbs = tuple(_node_ref(outline.nodes[n]) for n in reversed(outline.chain(node_id)[1:]))
        return NodeEvaluationPage(
            plan=_plan_ref(plan), node=_node_ref(node), breadcrumbs=crumbs, evaluation=_evaluation(session, sheet),
            history=tuple(_brief(s) for s in sheets), year_url=plan_evaluation_year_url(plan.id, year),
        )


def plan_evaluation_years(engine: Engine, plan_id: int) -> PlanEvaluationYears:
    """The fiscal years of a plan with an approved evaluation, newest first."""
    with transaction(engine) as session:
        plan = session.get(m.Plan, plan_id)
        if plan is None:
            raise NotFoundError(f"no plan {plan_id}")
        counts = approved_counts(session, plan_id=plan.id)
        total = len(measure_ids(session, plan.id)) if counts else 0
        years = tuple(YearSummary(y, n, total, plan_evaluation_year_url(plan.id, y)) for y, n in reversed(counts.items()))
        return PlanEvaluationYears(_plan_ref(plan), years)


def _policy_level(outline: PlanOutline) -> str | None:
    levels = {n.level for n in outline.nodes.values()}
    return next((lv for lv in POLICY_LEVELS if lv in levels), None)


def _group_of(outline: PlanOutline, node_id: int, level: str | None) -> int:
    """The policy a node belongs to: its nearest ancestor (or itself) at the policy level, else its top node."""
    chain = outline.chain(node_id)
    return next((n for n in chain if outline.nodes[n].level == level), chain[-1])


def _counts(rollup: Rollup, node: NodeRef | None) -> RollupCounts:
    return RollupCounts(node, len(rollup.components), dict(rollup.counts), rollup.score)


def plan_evaluation_year(engine: Engine, plan_id: int, year: int) -> PlanEvaluationYear:
    """Every measure of the plan with its approved evaluation of ``year``, grouped by policy, and
    the public roll-ups of the year; NotFoundError when no evaluation of the year is approved."""
    _check_year(year, f"plan {plan_id}")
    with transaction(engine) as session:
        plan = session.get(m.Plan, plan_id)
        if plan is None:
            raise NotFoundError(f"no plan {plan_id}")
        counts = approved_counts(session, plan_id=plan.id)
        if year not in counts:
            raise NotFoundError(f"no evaluation of plan {plan_id} is published for FY{year}")
        sheets = {s.node_id: s for s in approved_sheets(session, plan_id=plan.id, year=year)}
        outline = plan_outline(session, plan.id)
        evaluated = set(measure_ids(session, plan.id, outline)) | set(sheets)  # a node that stopped being a measure keeps its sheet
        measures = [n for n in outline.nodes if n in evaluated]
        names = department_names_by_id(session, (d for depts in outline.own.values() for d in depts))
        ref = _plan_ref(plan)
    model = load_plan_year(engine, plan_id, year=year, audience=Audience.PUBLIC).model
    level = _policy_level(outline)
    groups: dict[int, list[MeasureRow]] = {}
    for node_id in measures:
        groups.setdefault(_group_of(outline, node_id, level), []).append(MeasureRow(
            node=_node_ref(outline.nodes[node_id]),
            departments=tuple(names[d] for d in outline.own.get(node_id, []) if d in names),
            evaluation=_brief(sheets[node_id]) if node_id in sheets else None,
        ))
    node_rollups = model.node_rollups()
    policies = [n for n in outline.nodes.values() if (n.level == level if level else n.parent_id is None)]
    scale = model.scale
    graded = [lv.status for lv in scale.levels]
    statuses = tuple(StatusColumn(s, scale.label_of(s)) for s in [*graded, *(s for s in scale.statuses if s not in graded)])
    return PlanEvaluationYear(
        plan=ref, year=year, scale=scale.name, statuses=statuses,
        groups=tuple(PolicyGroup(_node_ref(outline.nodes[g]) if g in outline.nodes else None, tuple(rows))
                     for g, rows in groups.items()),
        rollups=tuple(_counts(node_rollups[p.key], _node_ref(p)) for p in policies if p.key in node_rollups),
        rollup=_counts(model.rollup, None), approved=len(sheets), measures=len(measures), years=tuple(counts),
        index_url=plan_evaluations_url(plan.id),
    )
