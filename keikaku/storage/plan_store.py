"""Mapping between the plan file (``PlanDocument``) and the database rows of one plan."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from keikaku.domain import planfile as pf
from keikaku.domain.figures import is_storable
from keikaku.domain.numbering import sort_key
from keikaku.storage import models as m
from keikaku.storage.repository import DepartmentCache


JST = timezone(timedelta(hours=9), "JST")


def deadline_datetime(day: date | None) -> datetime | None:
    """A cycle's deadline day as stored: the start of that day in Japan."""
    return None if day is None else datetime(day.year, day.month, day.day, tzinfo=JST)


def deadline_date(moment: datetime | None) -> date | None:
    """The day (in Japan) of a stored deadline; a naive value (SQLite) is taken as Japan time."""
    if moment is None:
        return None
    return (moment.astimezone(JST) if moment.tzinfo else moment).date()


def _value_columns(prefix: str, value: pf.Value | None) -> dict[str, object]:
    if value is None:
        return {f"{prefix}_value": None, f"{prefix}_year": None, f"{prefix}_text": None, f"{prefix}_origin": None,
                f"has_{prefix}": False}
    return {f"{prefix}_value": value.value, f"{prefix}_year": value.year, f"{prefix}_text": value.text,
            f"{prefix}_origin": value.origin, f"has_{prefix}": True}


def survey_columns(ind: pf.Indicator) -> dict[str, object]:
    """An indicator's survey setting and its baseline's sample, as its columns hold them."""
    base = ind.baseline
    return {"survey_confidence": ind.survey.confidence if ind.survey else None,
            "baseline_sample_size": base.sample_size if base else None,
            "baseline_margin": base.margin_of_error if base else None}


def write_plan_content(session: Session, *, plan: m.Plan, doc: pf.PlanDocument) -> None:
    """Insert every record of ``doc`` under ``plan`` (which must be empty and flushed)."""
    depts = DepartmentCache(session, plan.municipality_id)
    write_plan_parts(session, plan=plan, doc=doc)
    nodes: dict[str, m.Node] = {}
    for i, n in enumerate(doc.nodes):
        row = m.Node(
            plan_id=plan.id, key=n.id, position=i, level=n.level, number=n.number, sort_key=sort_key(n.number),
            name=n.name, title=n.title, subtitle=n.subtitle, fields=list(n.fields), origin=n.origin,
        )
        row.sections = [
            m.NodeSection(position=j, heading=s.heading, text=s.text, items=list(s.items)) for j, s in enumerate(n.sections)
        ]
        row.department_links = [m.NodeDepartment(department=depts.get(d), position=j) for j, d in enumerate(n.departments)]
        row.sdg_links = [m.NodeSdg(goal=g, position=j) for j, g in enumerate(n.sdgs)]
        nodes[n.id] = row
        session.add(row)
    session.flush()
    for n in doc.nodes:
        if n.parent is not None:
            nodes[n.id].parent_id = nodes[n.parent].id

    for i, ind in enumerate(doc.indicators):
        row = m.Indicator(
            plan_id=plan.id, node_id=nodes[ind.node].id if ind.node else None, position=i, name=ind.name, kind=ind.kind, unit=ind.unit,
            direction=ind.direction, definition=ind.definition, notes=list(ind.notes), source=ind.source,
            department=depts.get(ind.department), origin=ind.origin,
            **_value_columns("baseline", ind.baseline), **_value_columns("target", ind.target), **survey_columns(ind),
        )
        row.interim_targets = [
            m.InterimTarget(position=j, value=t.value, year=t.year, text=t.text, origin=t.origin) for j, t in enumerate(ind.interim_targets)
        ]
        row.observations = [
            m.Observation(position=j, year=a.year, value=a.value, text=a.text, source=a.source, note=a.note,
                          reported_rate=a.reported_rate, status=a.status, origin=a.origin, sample_size=a.sample_size,
                          margin_of_error=a.margin_of_error)
            for j, a in enumerate(ind.actuals)
        ]
        session.add(row)
    projects: list[m.Project] = []
    for i, p in enumerate(doc.projects):
        row = m.Project(plan_id=plan.id, node_id=nodes[p.node].id, position=i, name=p.name, department=depts.get(p.department),
                        origin=p.origin)
        row.stages = [m.ProjectStage(year=y, stage=s) for y, s in p.schedule.items()]
        projects.append(row)
        session.add(row)
    write_node_extras(session, plan=plan, doc=doc, nodes=nodes, depts=depts)
    _index_for_search(session, plan=plan, doc=doc, nodes=nodes)
    _write_cycles(session, plan=plan, doc=doc, nodes=nodes, projects=projects)
    session.flush()


def write_plan_parts(session: Session, *, plan: m.Plan, doc: pf.PlanDocument) -> None:
    """The plan's phases and its own sections."""
    for i, ph in enumerate(doc.phases):
        session.add(m.PlanPhase(plan_id=plan.id, position=i, label=ph.label, kind=ph.kind, start=ph.start, end=ph.end))
    for i, s in enumerate(doc.sections):
        session.add(m.PlanSection(plan_id=plan.id, position=i, heading=s.heading, text=s.text, items=list(s.items)))


def write_node_extras(session: Session, *, plan: m.Plan, doc: pf.PlanDocument, nodes: dict[str, m.Node],
                      depts: DepartmentCache) -> None:
    """Actions, sectoral plans, links and actor roles, which hang on nodes already written (``nodes`` by key)."""
    actions: dict[tuple[str, str | None], m.Action] = {}
    for i, a in enumerate(doc.actions):
        row = m.Action(plan_id=plan.id, node_id=nodes[a.node].id, position=i, number=a.number, title=a.title, items=list(a.items))
        actions.setdefault((a.node, a.number), row)
        session.add(row)
    for i, r in enumerate(doc.individual_plans):
        session.add(m.IndividualPlan(
            plan_id=plan.id, node_id=nodes[r.node].id if r.node else None, position=i, name=r.name,
            adopted_year=r.adopted_year, period_start=r.period.start if r.period else None,
            period_end=r.period.end if r.period else None, department=depts.get(r.department),
        ))
    for i, link in enumerate(doc.links):
        session.add(m.NodeLink(plan_id=plan.id, position=i, source_node_id=nodes[link.source].id, type=link.type,
                               target_plan_key=link.target.plan, target_node_key=link.target.node, note=link.note))
    session.flush()
    for i, role in enumerate(doc.roles):
        action = actions.get((role.node, role.action)) if role.action is not None else None
        session.add(m.ActorRole(plan_id=plan.id, node_id=nodes[role.node].id if role.node else None,
                                action_id=action.id if action else None, position=i, actor=role.actor, role=role.role))
    session.flush()


def _write_cycles(session: Session, *, plan: m.Plan, doc: pf.PlanDocument, nodes: dict[str, m.Node],
                  projects: list[m.Project]) -> None:
    """The evaluation cycles of ``doc`` with their sheets and project progress (projects already flushed)."""
    for c in doc.cycles:
        cycle = m.EvaluationCycle(plan_id=plan.id, year=c.year, deadline=deadline_datetime(c.deadline), scale=c.scale,
                                  status=c.status)
        session.add(cycle)
        session.flush()
        for sh in c.sheets:
            session.add(m.EvaluationSheet(
                cycle_id=cycle.id, node_id=nodes[sh.node].id if sh.node is not None else None, status=sh.status, self_grade=sh.self_grade,
                reasons=sh.reasons, issues=sh.issues, next_direction=sh.next_direction,
                review_comment=sh.review_comment, version=sh.version,
            ))
        for pp in c.project_progress:
            project = projects[pf.project_index(doc, pp.project)]
            session.add(m.ProjectProgress(cycle_id=cycle.id, project_id=project.id, stage=pp.stage, progress=pp.progress))


def _index_for_search(session: Session, *, plan: m.Plan, doc: pf.PlanDocument, nodes: dict[str, m.Node]) -> None:
    """One search entry for the plan and for every node, indicator and project."""
    def text_of(sections: list[pf.Section]) -> str:
        return "\n".join(filter(None, [t for s in sections for t in [s.heading, s.text, *s.items]]))

    session.add(m.SearchEntry(plan_id=plan.id, kind="plan", ref_id=plan.id, title=doc.title,
                              body="\n".join(filter(None, [doc.vision, text_of(doc.sections)]))))
    actions_by_node: dict[str, list[str]] = {}
    for a in doc.actions:
        actions_by_node.setdefault(a.node, []).extend([a.title, *a.items])
    for n in doc.nodes:
        title = " ".join(filter(None, [n.level, n.number, n.title]))
        body = "\n".join(filter(None, [n.name, n.subtitle, "、".join(n.fields), text_of(n.sections), *actions_by_node.get(n.id, [])]))
        session.add(m.SearchEntry(plan_id=plan.id, kind="node", ref_id=nodes[n.id].id, title=title, body=body))
    for row in session.scalars(select(m.Indicator).where(m.Indicator.plan_id == plan.id)):
        session.add(m.SearchEntry(plan_id=plan.id, kind="indicator", ref_id=row.id, title=row.name,
                                  body="\n".join(filter(None, [row.definition, *row.notes]))))
    for row in session.scalars(select(m.Project).where(m.Project.plan_id == plan.id)):
        session.add(m.SearchEntry(plan_id=plan.id, kind="project", ref_id=row.id, title=row.name, body=""))


def _figure(value: float | None, text: str | None) -> tuple[float | None, str | None]:
    """A stored figure as the plan file holds it. One stored before figures were bounded (1e27) is
    shown as text, so that every page, export and dump still works and an admin can correct it."""
    if is_storable(value):
        return value, text
    return None, text or f"{value:g}"


def _value(prefix: str, row: Any) -> pf.Value | None:
    if not getattr(row, f"has_{prefix}"):
        return None
    value, text = _figure(getattr(row, f"{prefix}_value"), getattr(row, f"{prefix}_text"))
    sample = {"sample_size": getattr(row, "baseline_sample_size", None),
              "margin_of_error": getattr(row, "baseline_margin", None)} if prefix == "baseline" else {}
    return pf.Value(value=value, year=getattr(row, f"{prefix}_year"), text=text, origin=getattr(row, f"{prefix}_origin"),
                    **sample)


def _actual(o: Any) -> pf.Actual:
    value, text = _figure(o.value, o.text)
    return pf.Actual(year=o.year, value=value, text=text, source=o.source, note=o.note,
                     reported_rate=o.reported_rate if is_storable(o.reported_rate) else None, status=o.status, origin=o.origin,
                     sample_size=getattr(o, "sample_size", None), margin_of_error=getattr(o, "margin_of_error", None))


def _section(s: m.NodeSection | m.PlanSection) -> pf.Section:
    return pf.Section(heading=s.heading, text=s.text, items=list(s.items))


def indicator_record(r: Any, *, node_key: str | None, department: str | None, interim_targets: Iterable[Any],
                     observations: Iterable[Any], include_drafts: bool = True) -> pf.Indicator:
    """An indicator as the plan file holds it, from its columns (``r``: a model object or a row of
    the indicators table) and those of its interim targets and observations, in position order.
    Texts stored before the plan file capped them are read cut, as ``read_plan`` reads them."""
    with pf.cutting_long_texts():
        return _indicator_record(r, node_key=node_key, department=department, interim_targets=interim_targets,
                                 observations=observations, include_drafts=include_drafts)


def _indicator_record(r: Any, *, node_key: str | None, department: str | None, interim_targets: Iterable[Any],
                      observations: Iterable[Any], include_drafts: bool) -> pf.Indicator:
    return pf.Indicator(
        node=node_key, name=r.name, kind=r.kind, unit=r.unit, direction=r.direction,
        survey=pf.Survey(confidence=r.survey_confidence) if getattr(r, "survey_confidence", None) is not None else None,
        baseline=_value("baseline", r), target=_value("target", r),
        interim_targets=[pf.Value(value=v, year=t.year, text=x, origin=t.origin)
                         for t in interim_targets for v, x in [_figure(t.value, t.text)]],
        definition=r.definition, notes=list(r.notes), source=r.source, department=department, origin=r.origin,
        actuals=[_actual(o) for o in observations if include_drafts or o.status != "draft"],
    )


def read_plan(session: Session, *, plan: m.Plan, include_drafts: bool = True) -> pf.PlanDocument:
    """The plan file of a stored plan; the inverse of ``write_plan_content``.

    ``include_drafts=False`` leaves out actuals entered in an open cycle and not yet approved
    (status draft), as the public pages must. A text stored before the plan file capped its
    length is read cut to its cap, so that old data still shows (and dumps as a valid file).
    """
    with pf.cutting_long_texts():
        return _read_plan(session, plan=plan, include_drafts=include_drafts)


def _read_plan(session: Session, *, plan: m.Plan, include_drafts: bool) -> pf.PlanDocument:
    muni = plan.municipality
    node_rows = session.scalars(
        select(m.Node).where(m.Node.plan_id == plan.id).order_by(m.Node.position).options(
            selectinload(m.Node.sections), selectinload(m.Node.sdg_links),
            selectinload(m.Node.department_links).selectinload(m.NodeDepartment.department),
        )
    ).all()
    key_of = {n.id: n.key for n in node_rows}
    nodes = [
        pf.Node(
            id=n.key, parent=key_of.get(n.parent_id) if n.parent_id else None, level=n.level, number=n.number,
            name=n.name, title=n.title, subtitle=n.subtitle, fields=list(n.fields),
            sections=[_section(s) for s in n.sections],
            departments=[d.department.name for d in n.department_links], sdgs=[s.goal for s in n.sdg_links],
            origin=n.origin,
        )
        for n in node_rows
    ]
    indicators = [
        indicator_record(r, node_key=key_of.get(r.node_id) if r.node_id else None,
                         department=r.department.name if r.department else None, interim_targets=r.interim_targets,
                         observations=r.observations, include_drafts=include_drafts)
        for r in session.scalars(
            select(m.Indicator).where(m.Indicator.plan_id == plan.id).order_by(m.Indicator.position).options(
                selectinload(m.Indicator.interim_targets), selectinload(m.Indicator.observations),
                selectinload(m.Indicator.department),
            )
        )
    ]
    project_rows = session.scalars(
        select(m.Project).where(m.Project.plan_id == plan.id).order_by(m.Project.position).options(
            selectinload(m.Project.stages), selectinload(m.Project.department))
    ).all()
    projects = [
        pf.Project(node=key_of[p.node_id], name=p.name, department=p.department.name if p.department else None,
                   schedule={s.year: s.stage for s in p.stages}, origin=p.origin)
        for p in project_rows
    ]
    action_rows = session.scalars(select(m.Action).where(m.Action.plan_id == plan.id).order_by(m.Action.position)).all()
    action_number = {a.id: a.number for a in action_rows}
    individual = [
        pf.IndividualPlan(
            name=r.name, adopted_year=r.adopted_year,
            period=pf.Period(start=r.period_start, end=r.period_end) if r.period_start is not None else None,
            department=r.department.name if r.department else None, node=key_of.get(r.node_id) if r.node_id else None,
        )
        for r in session.scalars(
            select(m.IndividualPlan).where(m.IndividualPlan.plan_id == plan.id).order_by(m.IndividualPlan.position)
            .options(selectinload(m.IndividualPlan.department))
        )
    ]
    roles = [
        pf.ActorRole(actor=r.actor, role=r.role, node=key_of.get(r.node_id) if r.node_id else None,
                     action=action_number.get(r.action_id) if r.action_id else None)
        for r in session.scalars(select(m.ActorRole).where(m.ActorRole.plan_id == plan.id).order_by(m.ActorRole.position))
    ]
    links = [
        pf.Link(type=r.type, source=key_of[r.source_node_id], target=pf.PlanRef(plan=r.target_plan_key, node=r.target_node_key), note=r.note)
        for r in session.scalars(select(m.NodeLink).where(m.NodeLink.plan_id == plan.id).order_by(m.NodeLink.position))
    ]
    phases = session.scalars(select(m.PlanPhase).where(m.PlanPhase.plan_id == plan.id).order_by(m.PlanPhase.position))
    sections = session.scalars(select(m.PlanSection).where(m.PlanSection.plan_id == plan.id).order_by(m.PlanSection.position))
    return pf.PlanDocument(
        key=plan.key,
        source=plan.source_file, source_sha256=plan.source_sha256, municipality=muni.name, municipality_code=muni.code,
        title=plan.title, kind=plan.kind, generation=plan.generation, half=plan.half, status=plan.status,
        status_label=plan.status_label,
        period=pf.Period(start=plan.period_start, end=plan.period_end) if plan.period_start is not None else None,
        phases=[pf.Phase(label=p.label, kind=p.kind, start=p.start, end=p.end) for p in phases],
        parent=pf.PlanRef(plan=plan.parent_plan_key, node=plan.parent_node_key) if plan.parent_plan_key else None,
        revision_of=plan.revision_of_key,
        vision=plan.vision, sections=[_section(s) for s in sections],
        nodes=nodes, indicators=indicators, projects=projects,
        actions=[pf.Action(node=key_of[a.node_id], number=a.number, title=a.title, items=list(a.items)) for a in action_rows],
        individual_plans=individual, roles=roles, links=links,
        cycles=_read_cycles(session, plan=plan, node_rows=node_rows, project_rows=project_rows),
    )


def _read_cycles(session: Session, *, plan: m.Plan, node_rows: Sequence[m.Node],
                 project_rows: Sequence[m.Project]) -> list[pf.Cycle]:
    """The plan's evaluation cycles by year; sheets in node order after the plan-wide sheet (node
    None), progress in project order.

    A project is named by its name when no other project of the plan shares it, else by its index.
    """
    node_order: dict[int | None, tuple[int, str | None]] = {None: (-1, None)} | {
        n.id: (i, n.key) for i, n in enumerate(node_rows)}
    names = Counter(p.name for p in project_rows)
    project_order = {p.id: (i, p.name if names[p.name] == 1 else i) for i, p in enumerate(project_rows)}
    cycles = session.scalars(
        select(m.EvaluationCycle).where(m.EvaluationCycle.plan_id == plan.id).order_by(m.EvaluationCycle.year)
    ).all()
    ids = [c.id for c in cycles]
    sheets = session.scalars(select(m.EvaluationSheet).where(m.EvaluationSheet.cycle_id.in_(ids))).all() if ids else []
    progress = session.scalars(select(m.ProjectProgress).where(m.ProjectProgress.cycle_id.in_(ids))).all() if ids else []
    out = []
    for c in cycles:
        mine = sorted((s for s in sheets if s.cycle_id == c.id), key=lambda s: node_order[s.node_id][0])
        moves = sorted((p for p in progress if p.cycle_id == c.id), key=lambda p: project_order[p.project_id][0])
        out.append(pf.Cycle(
            year=c.year, deadline=deadline_date(c.deadline), scale=c.scale, status=c.status,
            sheets=[
                pf.Sheet(node=node_order[s.node_id][1], status=s.status, self_grade=s.self_grade, reasons=s.reasons,
                         issues=s.issues, next_direction=s.next_direction, review_comment=s.review_comment,
                         version=s.version)
                for s in mine
            ],
            project_progress=[
                pf.ProjectProgress(project=project_order[p.project_id][1], stage=p.stage, progress=p.progress)
                for p in moves
            ],
        ))
    return out
