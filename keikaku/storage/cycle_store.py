"""The queries behind the evaluation-cycle pages: a plan's outline, and a measure's figures.

A staff page reads a fixed number of statements whatever the size of the plan: the outline of
the plan in four column queries (no ORM objects for the whole plan), then the few rows of the one
measure it shows, their children loaded in bulk.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Row, and_, inspect, select
from sqlalchemy.orm import Session

from keikaku.storage import models as m


@dataclass(frozen=True)
class NodeBrief:
    """What the cycle pages need of a node: where it sits and how it is named."""

    id: int | None  # None only for the stand-in of the plan-wide sheet (keikaku.services.cycle_common)
    key: str
    parent_id: int | None
    level: str
    number: str | None
    title: str


@dataclass(frozen=True)
class IndicatorBrief:
    """What the progress board needs of an indicator."""

    id: int
    node_id: int | None
    department_id: int | None
    direction: str | None
    name: str = ""


@dataclass
class PlanOutline:
    """A plan's nodes (in plan order), the departments each names (in order), its indicators (in
    plan order) and the nodes that hold a project."""

    plan_id: int
    nodes: dict[int, NodeBrief]
    own: dict[int, list[int]]
    indicators: list[IndicatorBrief]
    project_nodes: set[int]
    _ranks: dict[int, int] | None = field(default=None, repr=False)

    def holders(self) -> set[int]:
        """The nodes that hold an indicator or a project."""
        return {i.node_id for i in self.indicators if i.node_id is not None} | self.project_nodes

    def chain(self, node_id: int | None) -> list[int]:
        """The node and its ancestors, nearest first (a loop in the parents is cut)."""
        out: list[int] = []
        cur = node_id
        while cur is not None and cur in self.nodes and cur not in out:
            out.append(cur)
            cur = self.nodes[cur].parent_id
        return out

    def subtree(self, node_id: int) -> set[int]:
        """The node and every node below it."""
        return {n for n in self.nodes if node_id in self.chain(n)}

    def rank(self, indicator_id: int) -> int:
        """The indicator's index in the plan's indicators (as the plan file lists them)."""
        if self._ranks is None:
            self._ranks = {ind.id: k for k, ind in enumerate(self.indicators)}
        return self._ranks[indicator_id]


def plan_outline(session: Session, plan_id: int) -> PlanOutline:
    """The outline of a plan, in four statements."""
    nodes = {
        row.id: NodeBrief(row.id, row.key, row.parent_id, row.level, row.number, row.title)
        for row in session.execute(
            select(m.Node.id, m.Node.key, m.Node.parent_id, m.Node.level, m.Node.number, m.Node.title)
            .where(m.Node.plan_id == plan_id).order_by(m.Node.position)
        )
    }
    own: dict[int, list[int]] = {}
    for node_id, dept_id in session.execute(
        select(m.NodeDepartment.node_id, m.NodeDepartment.department_id).join(m.Node)
        .where(m.Node.plan_id == plan_id).order_by(m.NodeDepartment.node_id, m.NodeDepartment.position)
    ):
        own.setdefault(node_id, []).append(dept_id)
    indicators = [
        IndicatorBrief(*row) for row in session.execute(
            select(m.Indicator.id, m.Indicator.node_id, m.Indicator.department_id, m.Indicator.direction, m.Indicator.name)
            .where(m.Indicator.plan_id == plan_id).order_by(m.Indicator.position)
        )
    ]
    project_nodes = set(session.scalars(select(m.Project.node_id).where(m.Project.plan_id == plan_id).distinct()))
    return PlanOutline(plan_id, nodes, own, indicators, project_nodes)


def department_names(session: Session, municipality_id: int) -> dict[int, str]:
    """Every department of a municipality by id."""
    return dict(session.execute(select(m.Department.id, m.Department.name)
                                .where(m.Department.municipality_id == municipality_id)).tuples().all())


def department_names_by_id(session: Session, ids: Iterable[int | None]) -> dict[int, str]:
    """The names of these departments by id, in one statement."""
    wanted = sorted({i for i in ids if i is not None})
    if not wanted:
        return {}
    return dict(session.execute(select(m.Department.id, m.Department.name).where(m.Department.id.in_(wanted))).tuples().all())


def outline_departments(outline: PlanOutline) -> set[int]:
    """Every department the outline names: of its nodes and of its indicators."""
    return {d for depts in outline.own.values() for d in depts} | {
        i.department_id for i in outline.indicators if i.department_id is not None}


def sheet_states(session: Session, cycle_id: int) -> dict[int | None, tuple[str, int]]:
    """The status and version of every stored sheet of a cycle, by node id (None: the plan-wide sheet)."""
    rows = session.execute(select(m.EvaluationSheet.node_id, m.EvaluationSheet.status, m.EvaluationSheet.version)
                           .where(m.EvaluationSheet.cycle_id == cycle_id))
    return {node_id: (status, version) for node_id, status, version in rows}


def returned_comments(session: Session, cycle_id: int) -> dict[int | None, str | None]:
    """The reviewer's comment on every returned sheet of a cycle, by node id (None: the plan-wide sheet)."""
    rows = session.execute(select(m.EvaluationSheet.node_id, m.EvaluationSheet.review_comment)
                           .where(m.EvaluationSheet.cycle_id == cycle_id, m.EvaluationSheet.status == "returned"))
    return dict(rows.tuples().all())


def indicators_with_actuals(session: Session, plan_id: int, year: int) -> set[int]:
    """The plan's indicators that have a value for ``year`` (draft or published)."""
    return set(session.scalars(select(m.Observation.indicator_id).join(m.Indicator).where(
        m.Indicator.plan_id == plan_id, m.Observation.year == year, m.Observation.value.is_not(None))))


@dataclass(frozen=True)
class IndicatorFigures:
    """An indicator as stored: ``row`` holds its columns (read as attributes, like the model's),
    ``interim_targets`` and ``observations`` the rows of its children, in position order."""

    row: Row[Any]
    interim_targets: list[Row[Any]]
    observations: list[Row[Any]]


@dataclass(frozen=True)
class ProjectBrief:
    """A project of a measure and its planned stage for one fiscal year."""

    id: int
    node_id: int
    name: str
    department_id: int | None
    planned_stage: str | None


def _columns(model: type[m.Base]) -> list[Any]:
    """Every column attribute of a model: rows read as its objects would be (and, as ORM
    attributes, the session flushes pending changes before reading them)."""
    return [attr.class_attribute for attr in inspect(model).column_attrs]


def indicators_of_nodes(session: Session, plan_id: int, node_ids: Iterable[int]) -> list[IndicatorFigures]:
    """The indicators of these nodes in plan order, with their interim targets and observations:
    three column queries, however many indicators."""
    wanted = sorted(set(node_ids))
    if not wanted:
        return []
    return _figures(session, m.Indicator.plan_id == plan_id, m.Indicator.node_id.in_(wanted))


def plan_wide_indicators(session: Session, plan_id: int) -> list[IndicatorFigures]:
    """The plan's plan-wide indicators (no node) in plan order, as ``indicators_of_nodes`` gives them."""
    return _figures(session, m.Indicator.plan_id == plan_id, m.Indicator.node_id.is_(None))


def _figures(session: Session, *where: Any) -> list[IndicatorFigures]:
    rows = session.execute(select(*_columns(m.Indicator)).where(*where).order_by(m.Indicator.position)).all()
    ids = [r.id for r in rows]
    if not ids:
        return []
    interim: dict[int, list[Row[Any]]] = {i: [] for i in ids}
    for t in session.execute(select(*_columns(m.InterimTarget)).where(m.InterimTarget.indicator_id.in_(ids))
                             .order_by(m.InterimTarget.indicator_id, m.InterimTarget.position)):
        interim[t.indicator_id].append(t)
    observed: dict[int, list[Row[Any]]] = {i: [] for i in ids}
    for o in session.execute(select(*_columns(m.Observation)).where(m.Observation.indicator_id.in_(ids))
                             .order_by(m.Observation.indicator_id, m.Observation.position)):
        observed[o.indicator_id].append(o)
    return [IndicatorFigures(r, interim[r.id], observed[r.id]) for r in rows]


def projects_of_node(session: Session, node_id: int, year: int) -> list[ProjectBrief]:
    """The node's projects in plan order, each with its planned stage for ``year``, in one query."""
    stage = m.ProjectStage
    rows = session.execute(
        select(m.Project.id, m.Project.node_id, m.Project.name, m.Project.department_id, stage.stage)
        .outerjoin(stage, and_(stage.project_id == m.Project.id, stage.year == year))
        .where(m.Project.node_id == node_id).order_by(m.Project.position)
    )
    return [ProjectBrief(*row) for row in rows]


def project_progress(session: Session, cycle_id: int, project_ids: Iterable[int]) -> dict[int, Row[Any]]:
    """The progress recorded in a cycle for these projects (stage, progress, updated_by_id,
    updated_at), by project id."""
    wanted = list(project_ids)
    if not wanted:
        return {}
    p = m.ProjectProgress
    rows = session.execute(select(p.project_id, p.stage, p.progress, p.updated_by_id, p.updated_at)
                           .where(p.cycle_id == cycle_id, p.project_id.in_(wanted)))
    return {row.project_id: row for row in rows}


def sheet_row(session: Session, cycle_id: int, node_id: int | None, *, lock: bool = False) -> m.EvaluationSheet | None:
    """The stored sheet of a measure, or (``node_id`` None) the cycle's plan-wide sheet; ``lock``
    holds its row until the transaction ends (PostgreSQL), so that two writers cannot both pass
    the version check."""
    node = m.EvaluationSheet.node_id.is_(None) if node_id is None else m.EvaluationSheet.node_id == node_id
    query = select(m.EvaluationSheet).where(m.EvaluationSheet.cycle_id == cycle_id, node)
    return session.scalar(query.with_for_update() if lock else query)


def draft_actuals(session: Session, plan_id: int, node_id: int | None, year: int) -> list[tuple[m.Observation, str]]:
    """The draft actuals for ``year`` of the indicators of a node (None: the plan's plan-wide
    indicators), each with its indicator's name, in plan order."""
    node = m.Indicator.node_id.is_(None) if node_id is None else m.Indicator.node_id == node_id
    return list(session.execute(
        select(m.Observation, m.Indicator.name).join(m.Indicator)
        .where(m.Indicator.plan_id == plan_id, node, m.Observation.year == year, m.Observation.status == "draft")
        .order_by(m.Indicator.position)
    ).tuples().all())


@dataclass(frozen=True)
class SubmittedSheet:
    """A measure's evaluation sheet (or the plan-wide sheet: ``node_id`` None) waiting for review."""

    cycle_id: int
    year: int
    plan_title: str
    node_id: int | None
    level: str | None
    number: str | None
    title: str | None
    submitted_at: Any


def submitted_sheets(session: Session, *, limit: int = 200) -> list[SubmittedSheet]:
    """The measure sheets of every cycle that are submitted and not yet reviewed, the earliest
    handed in first (at most ``limit``), in one statement."""
    sheet, cycle = m.EvaluationSheet, m.EvaluationCycle
    query = (select(cycle.id, cycle.year, m.Plan.title, sheet.node_id, m.Node.level, m.Node.number, m.Node.title,
                    sheet.submitted_at)
             .join(cycle, cycle.id == sheet.cycle_id).join(m.Plan, m.Plan.id == cycle.plan_id)
             .outerjoin(m.Node, m.Node.id == sheet.node_id)
             .where(sheet.status == "submitted")
             .order_by(sheet.submitted_at, sheet.id).limit(limit))
    return [SubmittedSheet(*row) for row in session.execute(query).tuples()]
