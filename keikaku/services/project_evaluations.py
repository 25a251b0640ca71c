"""Published project evaluations: the approved 事務事業評価シート, read for the public.

A project sheet becomes public when it is approved, and only then: every sheet read here comes
from ``keikaku.storage.project_sheet_store.approved_project_sheets``, which selects approved
sheets in SQL. Actuals shown beside them are published ones only, and so are the actuals that
divide the full cost (the cost report's public audience). What each context holds:

- ``node_project_evaluations``: on the measure page, its projects' approved evaluations of the
  latest fiscal year that has any, with their costs and the sum of those costs;
- ``project_evaluation``: one project's approved evaluation of one year (its page and JSON).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from keikaku.domain.errors import NotFoundError
from keikaku.domain.fiscal import FIRST_YEAR, LAST_YEAR
from keikaku.domain.money import total
from keikaku.services.costs import ProjectCost, cost_report
from keikaku.services.evaluations import NodeRef, PlanRef, _node_ref, _plan_ref
from keikaku.services.project_sheets import (
    ProjectIndicator,
    ViewpointGrade,
    direction_label,
    sheet_indicators,
    viewpoints_of,
)
from keikaku.services.readmodel import Audience
from keikaku.storage import models as m
from keikaku.storage.cycle_store import NodeBrief, department_names_by_id
from keikaku.storage.database import transaction
from keikaku.storage.evaluation_store import node_row
from keikaku.storage.project_sheet_store import ApprovedProjectSheet, approved_project_sheets, node_projects


def project_evaluation_url(project_id: int, year: int) -> str:
    return f"/projects/{project_id}/evaluations/{year}"


@dataclass(frozen=True)
class ProjectEvaluationRow:
    """A project's approved evaluation on its measure's page: direction, viewpoints and cost."""

    project_id: int
    name: str
    department: str | None
    direction: str | None
    direction_en: str | None
    viewpoints: tuple[ViewpointGrade, ...]
    full_cost: int | None
    url: str


@dataclass(frozen=True)
class NodeProjectEvaluations:
    """The approved project evaluations of a measure's latest year that has any (``year`` None:
    none is approved); ``full_cost`` sums the rows' full costs (None when none has one) and
    ``incomplete`` names the rows without a full cost."""

    year: int | None
    rows: tuple[ProjectEvaluationRow, ...]
    full_cost: int | None
    incomplete: tuple[str, ...]


@dataclass(frozen=True)
class ProjectEvaluation:
    """A project's approved evaluation of one fiscal year, with its published actuals and costs."""

    year: int
    grades: tuple[str, ...]  # the cycle's viewpoint scale, best first
    subject: str | None
    intent: str | None
    means: str | None
    viewpoints: tuple[ViewpointGrade, ...]
    direction: str | None
    direction_en: str | None
    summary: str | None
    indicators: tuple[ProjectIndicator, ...]
    cost: ProjectCost | None


@dataclass(frozen=True)
class ProjectEvaluationPage:
    """``/projects/{id}/evaluations/{year}``: one project's approved evaluation of one year."""

    plan: PlanRef
    node: NodeRef
    project_id: int
    project: str
    department: str | None
    evaluation: ProjectEvaluation
    years: tuple[int, ...]  # every year with an approved evaluation of the project, oldest first
    url: str


def node_project_evaluations(engine: Engine, node_id: int) -> NodeProjectEvaluations:
    """The approved evaluations of the node's projects for the latest year that has one."""
    with transaction(engine) as session:
        row = node_row(session, node_id)
        if row is None:
            raise NotFoundError(f"no node {node_id}")
        projects = node_projects(session, node_id)
        sheets = approved_project_sheets(session, project_ids=[p.id for p in projects])
        if not sheets:
            return NodeProjectEvaluations(None, (), None, ())
        year = sheets[-1].year
        latest = [s for s in sheets if s.year == year]
        names = {p.id: p.name for p in projects}
        depts = department_names_by_id(session, [p.department_id for p in projects])
        dept_of = {p.id: depts.get(p.department_id) if p.department_id is not None else None for p in projects}
        plan_id = row.plan_id
    report = cost_report(engine, plan=plan_id, year=year, audience=Audience.PUBLIC)
    costs = {p.id: p.full_cost for p in report.projects}
    out = tuple(ProjectEvaluationRow(
        project_id=s.sheet.project_id, name=names[s.sheet.project_id], department=dept_of[s.sheet.project_id],
        direction=s.sheet.direction, direction_en=direction_label(s.sheet.direction, "en"), viewpoints=viewpoints_of(s.sheet),
        full_cost=costs.get(s.sheet.project_id), url=project_evaluation_url(s.sheet.project_id, year)) for s in latest)
    return NodeProjectEvaluations(year, out, total(r.full_cost for r in out),
                                  tuple(r.name for r in out if r.full_cost is None))


def project_evaluation(engine: Engine, project_id: int, year: int) -> ProjectEvaluationPage:
    """A project's approved evaluation of fiscal ``year``; NotFoundError when none is approved."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise NotFoundError(f"no evaluation of project {project_id} is published for FY{year}")
    with transaction(engine) as session:
        project = session.get(m.Project, project_id)
        if project is None:
            raise NotFoundError(f"no project {project_id}")
        sheets = approved_project_sheets(session, project_ids=[project.id])
        found: ApprovedProjectSheet | None = next((s for s in sheets if s.year == year), None)
        if found is None:
            raise NotFoundError(f"no evaluation of project {project_id} is published for FY{year}")
        plan = session.get(m.Plan, project.plan_id)
        node = session.get(m.Node, project.node_id)
        assert plan is not None and node is not None
        plan_ref = _plan_ref(plan)
        node_ref = _node_ref(NodeBrief(node.id, node.key, None, node.level, node.number, node.title))
        department = department_names_by_id(session, [project.department_id]).get(project.department_id)  # type: ignore[arg-type]
        name, node_id, plan_id = project.name, project.node_id, plan.id
    report = cost_report(engine, plan=plan_id, year=year, audience=Audience.PUBLIC)
    cost = next((p for p in report.projects if p.id == project_id), None)
    with transaction(engine) as session:
        indicators, _ = sheet_indicators(session, found.sheet, node_id, year, cost, published_only=True)
    from keikaku.domain.project_evaluation import viewpoint_grades

    sheet = found.sheet
    evaluation = ProjectEvaluation(
        year=year, grades=viewpoint_grades(found.viewpoint_grades), subject=sheet.subject, intent=sheet.intent,
        means=sheet.means, viewpoints=viewpoints_of(sheet), direction=sheet.direction,
        direction_en=direction_label(sheet.direction, "en"), summary=sheet.summary, indicators=indicators, cost=cost)
    return ProjectEvaluationPage(plan=plan_ref, node=node_ref, project_id=project_id, project=name, department=department,
                                 evaluation=evaluation, years=tuple(s.year for s in sheets),
                                 url=project_evaluation_url(project_id, year))


def to_json(page: ProjectEvaluationPage | NodeProjectEvaluations) -> dict[str, object]:
    """The JSON of a context (the API twin of its page)."""
    if isinstance(page, NodeProjectEvaluations):
        return {"year": page.year, "full_cost": page.full_cost, "incomplete": list(page.incomplete),
                "projects": [_row_json(r) for r in page.rows]}
    ev = page.evaluation
    return {
        "plan": {"id": page.plan.id, "title": page.plan.title, "municipality": page.plan.municipality,
                 "fictional": page.plan.fictional, "url": page.plan.url},
        "node": {"id": page.node.id, "label": page.node.label, "url": page.node.url},
        "project": {"id": page.project_id, "name": page.project, "department": page.department},
        "year": ev.year, "years": list(page.years), "grades": list(ev.grades),
        "purpose": {"subject": ev.subject, "intent": ev.intent, "means": ev.means},
        "viewpoints": {v.key: v.grade for v in ev.viewpoints}, "direction": ev.direction, "direction_en": ev.direction_en,
        "summary": ev.summary, "indicators": [i.to_json() for i in ev.indicators],
        "cost": ev.cost.to_json() if ev.cost else None, "url": page.url,
    }


def _row_json(r: ProjectEvaluationRow) -> dict[str, object]:
    return {"project_id": r.project_id, "name": r.name, "department": r.department, "direction": r.direction,
            "direction_en": r.direction_en, "viewpoints": {v.key: v.grade for v in r.viewpoints}, "full_cost": r.full_cost,
            "url": r.url}
