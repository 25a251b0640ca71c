"""Applying a new edition of a plan to its stored rows in place, keeping identities.

Nodes, indicators and projects paired by ``keikaku.domain.matching`` keep their database ids (so
their URLs, entered actuals, evaluation sheets, project progress and audit history stay theirs);
their columns and children are rewritten. New records are inserted, removed ones deleted. The
records without an identity of their own (phases, sections, actions, sectoral plans, roles, links,
the search entries) are written afresh.

Actuals entered in the database (status draft, or entered by a user) stay on their paired
indicator, and win over a document's figure of the same year. A removal that would take entered
actuals, evaluation sheets or project progress with it is refused (``OrphaningRefused``) unless
``confirm`` is given; the caller then audits the returned losses.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from keikaku.domain import planfile as pf
from keikaku.domain.errors import KeikakuError
from keikaku.domain.matching import ChangeSet, change_set, match_plans
from keikaku.domain.numbering import sort_key
from keikaku.storage import models as m
from keikaku.storage.plan_store import (
    _index_for_search,
    _value_columns,
    survey_columns,
    _write_cycles,
    deadline_datetime,
    read_plan,
    write_node_extras,
    write_plan_parts,
)
from keikaku.storage.repository import DepartmentCache


@dataclass(frozen=True)
class Loss:
    """Data entered in the database that a removal would delete: ``what`` is actuals, sheets or progress."""

    kind: str  # node, indicator, project, cycle
    id: int
    label: str
    what: str
    count: int

    def to_json(self) -> dict[str, object]:
        return {"kind": self.kind, "id": self.id, "label": self.label, "what": self.what, "count": self.count}

    def describe(self) -> str:
        words = {"actuals": "入力済みの実績値 / entered actuals", "sheets": "評価シート / evaluation sheets",
                 "progress": "事業の進捗 / project progress"}
        return f"{self.label}: {words.get(self.what, self.what)} {self.count}"


class OrphaningRefused(KeikakuError):
    """The new edition removes records that hold entered actuals or evaluations, and that was not confirmed."""

    exit_code = 4
    http_status = 409

    def __init__(self, losses: list[Loss]):
        super().__init__("この変更は入力済みのデータを失います。確認のうえ再実行してください / this change would delete data "
                         "entered in the database; confirm it to go on: " + "; ".join(x.describe() for x in losses))
        self.losses = losses


def _entered() -> object:
    return or_(m.Observation.status == "draft", m.Observation.entered_by_id.is_not(None))


def _ids(session: Session, model: type[m.Base], plan_id: int) -> list[int]:
    return list(session.scalars(select(model.id).where(model.plan_id == plan_id).order_by(model.position, model.id)))


def comparable_document(session: Session, *, plan: m.Plan) -> pf.PlanDocument:
    """The stored plan as a plan file, without the actuals entered in the database (those are kept, not compared)."""
    doc = read_plan(session, plan=plan)
    rows = session.execute(
        select(m.Indicator.id, m.Observation.year).join(m.Observation, m.Observation.indicator_id == m.Indicator.id)
        .where(m.Indicator.plan_id == plan.id, _entered())
    ).all()
    if not rows:
        return doc
    entered: dict[int, set[int]] = defaultdict(set)
    for ind_id, year in rows:
        entered[ind_id].add(year)
    ids = _ids(session, m.Indicator, plan.id)
    indicators = [
        ind.model_copy(update={"actuals": [a for a in ind.actuals if a.year not in entered.get(ids[k], ())]})
        for k, ind in enumerate(doc.indicators)
    ]
    return doc.model_copy(update={"indicators": indicators})


@dataclass(frozen=True)
class Update:
    changes: ChangeSet
    losses: list[Loss]
    node_ids: dict[str, int]  # the new document's node keys → database ids


def losses_of(session: Session, *, plan: m.Plan, old: pf.PlanDocument, new: pf.PlanDocument, changes: ChangeSet) -> list[Loss]:
    """The entered data that applying ``new`` would delete."""
    node_ids, ind_ids, proj_ids = (_ids(session, model, plan.id) for model in (m.Node, m.Indicator, m.Project))
    out: list[Loss] = []
    gone_nodes = {node_ids[c.old]: c for c in changes.removed if c.kind == "node" and c.old is not None}
    gone_inds = {ind_ids[c.old]: c for c in changes.removed if c.kind == "indicator" and c.old is not None}
    gone_projects = {proj_ids[c.old]: c for c in changes.removed if c.kind == "project" and c.old is not None}

    def label(c: object) -> str:
        return " ".join(filter(None, [getattr(c, "level", None), getattr(c, "number", None), getattr(c, "name", "")]))

    if gone_inds:
        for ind_id, count in session.execute(
            select(m.Observation.indicator_id, func.count()).where(m.Observation.indicator_id.in_(gone_inds), _entered())
            .group_by(m.Observation.indicator_id).order_by(m.Observation.indicator_id)
        ):
            out.append(Loss("indicator", ind_id, label(gone_inds[ind_id]), "actuals", count))
    if gone_nodes:
        for node_id, count in session.execute(
            select(m.EvaluationSheet.node_id, func.count()).where(m.EvaluationSheet.node_id.in_(gone_nodes))
            .group_by(m.EvaluationSheet.node_id).order_by(m.EvaluationSheet.node_id)
        ):
            out.append(Loss("node", node_id, label(gone_nodes[node_id]), "sheets", count))
    if gone_projects:
        for project_id, count in session.execute(
            select(m.ProjectProgress.project_id, func.count()).where(m.ProjectProgress.project_id.in_(gone_projects))
            .group_by(m.ProjectProgress.project_id).order_by(m.ProjectProgress.project_id)
        ):
            out.append(Loss("project", project_id, label(gone_projects[project_id]), "progress", count))
    if new.cycles:  # a full plan file: its cycles replace the stored ones
        years = {c.year for c in new.cycles}
        for cycle in session.scalars(select(m.EvaluationCycle).where(m.EvaluationCycle.plan_id == plan.id)):
            if cycle.year in years:
                continue
            count = (session.scalar(select(func.count()).select_from(m.EvaluationSheet).where(m.EvaluationSheet.cycle_id == cycle.id)) or 0) \
                + (session.scalar(select(func.count()).select_from(m.ProjectProgress).where(m.ProjectProgress.cycle_id == cycle.id)) or 0)
            if count:
                out.append(Loss("cycle", cycle.id, f"FY{cycle.year}", "sheets", count))
    return out


def update_plan_content(session: Session, *, plan: m.Plan, doc: pf.PlanDocument, confirm: bool = False) -> Update:
    """Make the rows of ``plan`` hold ``doc``, keeping the ids of paired records (see the module's text)."""
    old = comparable_document(session, plan=plan)
    pairing = match_plans(old, doc)
    changes = change_set(old, doc, pairing)
    losses = losses_of(session, plan=plan, old=old, new=doc, changes=changes)
    if losses and not confirm:
        raise OrphaningRefused(losses)
    old_nodes, old_inds, old_projects = (_ids(session, model, plan.id) for model in (m.Node, m.Indicator, m.Project))
    node_row_of = {n: old_nodes[o] for n, o in pairing.nodes.items()}
    ind_row_of = {n: old_inds[o] for n, o in pairing.indicators.items()}
    project_row_of = {n: old_projects[o] for n, o in pairing.projects.items()}
    gone_nodes = set(old_nodes) - set(node_row_of.values())
    gone_inds = set(old_inds) - set(ind_row_of.values())
    gone_projects = set(old_projects) - set(project_row_of.values())

    # what is written afresh, and the children of kept records
    plan_nodes = select(m.Node.id).where(m.Node.plan_id == plan.id).scalar_subquery()
    plan_inds = select(m.Indicator.id).where(m.Indicator.plan_id == plan.id).scalar_subquery()
    plan_projects = select(m.Project.id).where(m.Project.plan_id == plan.id).scalar_subquery()
    session.execute(delete(m.PlanPhase).where(m.PlanPhase.plan_id == plan.id))
    session.execute(delete(m.PlanSection).where(m.PlanSection.plan_id == plan.id))
    for table in (m.SearchEntry, m.ActorRole, m.NodeLink, m.IndividualPlan, m.Action):
        session.execute(delete(table).where(table.plan_id == plan.id))
    for child in (m.NodeSection, m.NodeDepartment, m.NodeSdg):
        session.execute(delete(child).where(child.node_id.in_(plan_nodes)))
    session.execute(delete(m.InterimTarget).where(m.InterimTarget.indicator_id.in_(plan_inds)))
    session.execute(delete(m.ProjectStage).where(m.ProjectStage.project_id.in_(plan_projects)))
    session.execute(delete(m.Observation).where(m.Observation.indicator_id.in_(plan_inds), ~_entered()))
    if gone_inds:
        session.execute(delete(m.Indicator).where(m.Indicator.id.in_(gone_inds)))
    if gone_projects:
        session.execute(delete(m.Project).where(m.Project.id.in_(gone_projects)))
    session.expire_all()

    depts = DepartmentCache(session, plan.municipality_id)
    nodes = _write_nodes(session, plan=plan, doc=doc, kept=node_row_of, depts=depts)
    if gone_nodes:  # kept records no longer hang under them
        session.execute(delete(m.Node).where(m.Node.id.in_(gone_nodes)))
    for i, n in enumerate(doc.nodes):
        nodes[n.id].key = n.id
    session.flush()
    _write_indicators(session, plan=plan, doc=doc, kept=ind_row_of, nodes=nodes, depts=depts)
    projects = _write_projects(session, plan=plan, doc=doc, kept=project_row_of, nodes=nodes, depts=depts)
    _write_rest(session, plan=plan, doc=doc, nodes=nodes, depts=depts)
    _index_for_search(session, plan=plan, doc=doc, nodes=nodes)
    _update_cycles(session, plan=plan, doc=doc, nodes=nodes, projects=projects)
    session.flush()
    return Update(changes, losses, {key: row.id for key, row in nodes.items()})


def _write_nodes(session: Session, *, plan: m.Plan, doc: pf.PlanDocument, kept: dict[int, int],
                 depts: DepartmentCache) -> dict[str, m.Node]:
    """Kept nodes updated and new ones inserted, under placeholder keys until the removed ones are gone."""
    nodes: dict[str, m.Node] = {}
    for i, n in enumerate(doc.nodes):
        if i in kept:
            row = session.get(m.Node, kept[i])
            assert row is not None
            row.key = f"~{row.id}" if row.key != n.id else row.key
        else:
            row = m.Node(plan_id=plan.id, key=f"~+{i}")
            session.add(row)
        row.position, row.level, row.number, row.sort_key = i, n.level, n.number, sort_key(n.number)
        row.name, row.title, row.subtitle, row.fields, row.origin = n.name, n.title, n.subtitle, list(n.fields), n.origin
        nodes[n.id] = row
    session.flush()
    for n in doc.nodes:
        row = nodes[n.id]
        row.parent_id = nodes[n.parent].id if n.parent is not None else None
        session.add_all([m.NodeSection(node_id=row.id, position=j, heading=s.heading, text=s.text, items=list(s.items))
                         for j, s in enumerate(n.sections)])
        session.add_all([m.NodeDepartment(node_id=row.id, department=depts.get(d), position=j) for j, d in enumerate(n.departments)])
        session.add_all([m.NodeSdg(node_id=row.id, goal=g, position=j) for j, g in enumerate(n.sdgs)])
    session.flush()
    return nodes


def _write_indicators(session: Session, *, plan: m.Plan, doc: pf.PlanDocument, kept: dict[int, int],
                      nodes: dict[str, m.Node], depts: DepartmentCache) -> None:
    for i, ind in enumerate(doc.indicators):
        row = session.get(m.Indicator, kept[i]) if i in kept else m.Indicator(plan_id=plan.id)
        assert row is not None
        columns = dict(
            node_id=nodes[ind.node].id if ind.node else None, position=i, name=ind.name, kind=ind.kind, unit=ind.unit,
            direction=ind.direction, definition=ind.definition, notes=list(ind.notes), source=ind.source,
            department=depts.get(ind.department), origin=ind.origin,
            **_value_columns("baseline", ind.baseline), **_value_columns("target", ind.target), **survey_columns(ind),
        )
        for name, value in columns.items():
            setattr(row, name, value)
        if i not in kept:
            session.add(row)
        session.flush()
        session.add_all([m.InterimTarget(indicator_id=row.id, position=j, value=t.value, year=t.year, text=t.text, origin=t.origin)
                         for j, t in enumerate(ind.interim_targets)])
        entered = list(session.scalars(select(m.Observation).where(m.Observation.indicator_id == row.id))) if i in kept else []
        taken = {o.year for o in entered}
        fresh = [m.Observation(indicator_id=row.id, year=a.year, value=a.value, text=a.text, source=a.source, note=a.note,
                               reported_rate=a.reported_rate, status=a.status, origin=a.origin, sample_size=a.sample_size,
                               margin_of_error=a.margin_of_error)
                 for a in ind.actuals if a.year not in taken]
        ordered = fresh if not entered else sorted([*fresh, *entered], key=lambda o: o.year)
        for j, o in enumerate(ordered):
            o.position = j
        session.add_all(fresh)


def _write_projects(session: Session, *, plan: m.Plan, doc: pf.PlanDocument, kept: dict[int, int],
                    nodes: dict[str, m.Node], depts: DepartmentCache) -> list[m.Project]:
    projects: list[m.Project] = []
    for i, p in enumerate(doc.projects):
        row = session.get(m.Project, kept[i]) if i in kept else m.Project(plan_id=plan.id)
        assert row is not None
        row.node_id, row.position, row.name, row.department, row.origin = nodes[p.node].id, i, p.name, depts.get(p.department), p.origin
        if i not in kept:
            session.add(row)
        session.flush()
        session.add_all([m.ProjectStage(project_id=row.id, year=y, stage=s) for y, s in p.schedule.items()])
        projects.append(row)
    session.flush()
    return projects


def _write_rest(session: Session, *, plan: m.Plan, doc: pf.PlanDocument, nodes: dict[str, m.Node], depts: DepartmentCache) -> None:
    """Phases, sections, actions, sectoral plans, links and roles: written afresh, as ``write_plan_content`` writes them."""
    write_plan_parts(session, plan=plan, doc=doc)
    write_node_extras(session, plan=plan, doc=doc, nodes=nodes, depts=depts)


def _update_cycles(session: Session, *, plan: m.Plan, doc: pf.PlanDocument, nodes: dict[str, m.Node],
                   projects: list[m.Project]) -> None:
    """A document without cycles (an extraction) leaves the stored ones as they are. A full plan file's
    cycles replace them: a cycle of the same year keeps its row, its sheets and progress are the file's."""
    if not doc.cycles:
        return
    stored = {c.year: c for c in session.scalars(select(m.EvaluationCycle).where(m.EvaluationCycle.plan_id == plan.id))}
    years = {c.year for c in doc.cycles}
    gone = [c.id for year, c in stored.items() if year not in years]
    if gone:
        session.execute(delete(m.EvaluationCycle).where(m.EvaluationCycle.id.in_(gone)))
    fresh = [c for c in doc.cycles if c.year not in stored]
    for c in doc.cycles:
        row = stored.get(c.year)
        if row is None:
            continue
        row.deadline, row.scale, row.status = deadline_datetime(c.deadline), c.scale, c.status
        session.execute(delete(m.EvaluationSheet).where(m.EvaluationSheet.cycle_id == row.id))
        session.execute(delete(m.ProjectProgress).where(m.ProjectProgress.cycle_id == row.id))
        for sh in c.sheets:
            session.add(m.EvaluationSheet(
                cycle_id=row.id, node_id=nodes[sh.node].id if sh.node is not None else None, status=sh.status, self_grade=sh.self_grade, reasons=sh.reasons,
                issues=sh.issues, next_direction=sh.next_direction, review_comment=sh.review_comment, version=sh.version,
            ))
        for pp in c.project_progress:
            session.add(m.ProjectProgress(cycle_id=row.id, project_id=projects[pf.project_index(doc, pp.project)].id,
                                          stage=pp.stage, progress=pp.progress))
    session.flush()
    if fresh:
        _write_cycles(session, plan=plan, doc=doc.model_copy(update={"cycles": fresh}), nodes=nodes, projects=projects)
