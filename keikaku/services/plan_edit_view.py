"""What the plan editor shows: a plan's tree with each node's fields, departments, SDG goals and
texts, its indicators, projects, actions and links, and the version to send back with an edit."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import Engine, select

from keikaku.domain.permissions import Action, require
from keikaku.services.accounts import UserInfo
from keikaku.storage import models as m
from keikaku.storage import plan_edit_store as store
from keikaku.storage import repository as repo
from keikaku.storage.database import transaction


@dataclass(frozen=True)
class EditorIndicator:
    id: int
    node_id: int | None
    name: str
    kind: str | None
    unit: str | None
    direction: str | None
    baseline_value: float | None
    baseline_year: int | None
    target_value: float | None
    target_year: int | None
    interim_targets: list[dict[str, Any]]
    survey_confidence: float | None = None  # a share from a citizen survey: the confidence level of its intervals
    baseline_sample_size: int | None = None


@dataclass(frozen=True)
class EditorNode:
    id: int
    key: str
    parent_id: int | None
    depth: int
    level: str
    number: str | None
    title: str
    departments: list[str]
    sdgs: list[int]
    sections: list[dict[str, Any]]
    indicators: list[EditorIndicator]
    projects: list[dict[str, Any]]
    actions: list[dict[str, Any]]
    links: list[dict[str, Any]]

    @property
    def label(self) -> str:
        return " ".join(filter(None, [self.level, self.number, self.title]))


@dataclass(frozen=True)
class EditorView:
    plan_id: int
    plan_key: str
    plan_title: str
    version: str
    departments: list[str]
    nodes: list[EditorNode]
    plan_indicators: list[EditorIndicator]

    def node(self, node_id: int) -> EditorNode | None:
        return next((n for n in self.nodes if n.id == node_id), None)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _indicator(r: m.Indicator) -> EditorIndicator:
    return EditorIndicator(
        id=r.id, node_id=r.node_id, name=r.name, kind=r.kind, unit=r.unit, direction=r.direction,
        baseline_value=r.baseline_value, baseline_year=r.baseline_year, target_value=r.target_value,
        target_year=r.target_year, interim_targets=[{"year": t.year, "value": t.value} for t in r.interim_targets],
        survey_confidence=r.survey_confidence, baseline_sample_size=r.baseline_sample_size)


def editor_view(engine: Engine, *, user: UserInfo, plan: int | str) -> EditorView:
    require(user, Action.EDIT_PLAN, what="the plan")
    with transaction(engine) as session:
        row = repo.get_plan(session, ref=plan)
        nodes = store.editor_nodes(session, row.id)
        indicators: dict[int | None, list[EditorIndicator]] = {}
        for r in store.editor_indicators(session, row.id):
            indicators.setdefault(r.node_id, []).append(_indicator(r))
        projects: dict[int, list[dict[str, Any]]] = {}
        for p in session.scalars(select(m.Project).where(m.Project.plan_id == row.id).order_by(m.Project.position)):
            projects.setdefault(p.node_id, []).append({
                "id": p.id, "name": p.name, "department": p.department.name if p.department else None,
                "stages": {s.year: s.stage for s in sorted(p.stages, key=lambda s: s.year)}})
        actions: dict[int, list[dict[str, Any]]] = {}
        for a in session.scalars(select(m.Action).where(m.Action.plan_id == row.id).order_by(m.Action.position)):
            actions.setdefault(a.node_id, []).append({"id": a.id, "number": a.number, "title": a.title, "items": list(a.items)})
        links: dict[int, list[dict[str, Any]]] = {}
        for k in session.scalars(select(m.NodeLink).where(m.NodeLink.plan_id == row.id).order_by(m.NodeLink.position)):
            links.setdefault(k.source_node_id, []).append({"id": k.id, "type": k.type, "target_plan": k.target_plan_key,
                                                           "target_node": k.target_node_key, "note": k.note})
        depth: dict[int, int] = {}
        out = []
        for n in nodes:
            depth[n.id] = depth.get(n.parent_id, -1) + 1 if n.parent_id else 0
            out.append(EditorNode(
                id=n.id, key=n.key, parent_id=n.parent_id, depth=depth[n.id], level=n.level, number=n.number, title=n.title,
                departments=[d.department.name for d in n.department_links], sdgs=[s.goal for s in n.sdg_links],
                sections=[{"heading": s.heading, "text": s.text} for s in n.sections],
                indicators=indicators.get(n.id, []), projects=projects.get(n.id, []), actions=actions.get(n.id, []),
                links=links.get(n.id, [])))
        return EditorView(plan_id=row.id, plan_key=row.key, plan_title=row.title, version=row.content_sha256,
                          departments=store.departments_of(session, row.municipality_id), nodes=out,
                          plan_indicators=indicators.get(None, []))
