"""Queries of the successor map: measures as the suggester reads them, decisions, successor links.

A decision is a ``SuggestionDecision`` row of kind ``successor`` on the *old* measure, naming the
new one as ``plan_key#node_key``. An accepted pair is also a ``NodeLink`` of type ``successor_of``
from the new node to the old one (next generation → previous generation), held by the new plan.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, selectinload

from keikaku.domain.enums import LinkType
from keikaku.domain.successors import Measure
from keikaku.storage import models as m
from keikaku.storage.models import utcnow

KIND = "successor"
MEASURE_LEVEL = "施策"


def node_ref(plan_key: str, node_key: str) -> str:
    """How a decision names the suggested node: ``plan_key#node_key``."""
    return f"{plan_key}#{node_key}"


def measure_nodes(session: Session, plan_id: int) -> list[m.Node]:
    """A plan's measures in plan order: nodes of level 施策, and any other node that holds indicators."""
    holders = set(session.scalars(select(m.Indicator.node_id).where(m.Indicator.plan_id == plan_id,
                                                                    m.Indicator.node_id.is_not(None))))
    nodes = session.scalars(select(m.Node).where(m.Node.plan_id == plan_id).order_by(m.Node.position)).all()
    return [n for n in nodes if n.level == MEASURE_LEVEL or n.id in holders]


def measures(session: Session, plan_id: int) -> list[tuple[m.Node, Measure]]:
    """Each measure of the plan with its suggester record (texts, departments, indicator names)."""
    nodes = session.scalars(
        select(m.Node).where(m.Node.plan_id == plan_id).order_by(m.Node.position)
        .options(selectinload(m.Node.sections), selectinload(m.Node.department_links).selectinload(m.NodeDepartment.department))
    ).all()
    by_id = {n.id: n for n in nodes}
    texts: dict[int, list[str]] = defaultdict(list)
    departments: dict[int, list[str]] = defaultdict(list)
    indicators: dict[int, list[str]] = defaultdict(list)
    dept_names = dict(session.execute(select(m.Department.id, m.Department.name)
                                      .join(m.Plan, m.Plan.municipality_id == m.Department.municipality_id)
                                      .where(m.Plan.id == plan_id)).all())
    for node_id, name, dept in session.execute(select(m.Indicator.node_id, m.Indicator.name, m.Indicator.department_id)
                                               .where(m.Indicator.plan_id == plan_id, m.Indicator.node_id.is_not(None))
                                               .order_by(m.Indicator.position)):
        indicators[node_id].append(name)
        texts[node_id].append(name)
        if dept in dept_names:
            departments[node_id].append(dept_names[dept])
    for node_id, name, dept in session.execute(select(m.Project.node_id, m.Project.name, m.Project.department_id)
                                               .where(m.Project.plan_id == plan_id).order_by(m.Project.position)):
        texts[node_id].append(name)
        if dept in dept_names:
            departments[node_id].append(dept_names[dept])
    for node_id, title, items in session.execute(select(m.Action.node_id, m.Action.title, m.Action.items)
                                                 .where(m.Action.plan_id == plan_id).order_by(m.Action.position)):
        texts[node_id].extend([title, *(items or [])])
    holders = set(indicators)
    out = []
    for n in nodes:
        if n.level != MEASURE_LEVEL and n.id not in holders:
            continue
        parent = by_id.get(n.parent_id) if n.parent_id else None
        parts = [*_section_texts(n), *texts[n.id]]
        if parent is not None:
            parts += [parent.title, *_section_texts(parent)]
        depts = [d.department.name for d in n.department_links] + departments[n.id]
        out.append((n, Measure(key=n.key, number=n.number, title=n.title, text="\n".join(p for p in parts if p),
                               departments=tuple(dict.fromkeys(depts)), indicators=tuple(dict.fromkeys(indicators[n.id])))))
    return out


def _section_texts(node: m.Node) -> list[str]:
    return [p for s in node.sections for p in (s.heading, s.text, *(s.items or [])) if p]


def decisions(session: Session, node_ids: Iterable[int]) -> dict[tuple[int, str], m.SuggestionDecision]:
    """Successor decisions on these (old) nodes, by (node id, suggested)."""
    ids = list(node_ids)
    if not ids:
        return {}
    rows = session.scalars(select(m.SuggestionDecision).where(m.SuggestionDecision.kind == KIND,
                                                              m.SuggestionDecision.node_id.in_(ids)))
    return {(r.node_id, r.suggested): r for r in rows}


def set_decision(session: Session, *, node_id: int, suggested: str, decision: str,
                 user_name: str | None) -> m.SuggestionDecision | None:
    """Record staff's answer (accepted or rejected); returns a copy of the previous decision's state, if any."""
    row = session.scalar(select(m.SuggestionDecision).where(
        m.SuggestionDecision.kind == KIND, m.SuggestionDecision.node_id == node_id, m.SuggestionDecision.suggested == suggested))
    before = None
    if row is None:
        row = m.SuggestionDecision(kind=KIND, node_id=node_id, suggested=suggested)
        session.add(row)
    else:
        before = m.SuggestionDecision(kind=row.kind, node_id=row.node_id, suggested=row.suggested, decision=row.decision,
                                      decided_by=row.decided_by, decided_at=row.decided_at)
    row.decision, row.decided_by, row.decided_at = decision, user_name, utcnow()
    session.flush()
    return before


def successor_link(session: Session, *, new_node: m.Node, old_plan_key: str, old_node_key: str) -> m.NodeLink | None:
    return session.scalar(select(m.NodeLink).where(
        m.NodeLink.source_node_id == new_node.id, m.NodeLink.type == LinkType.SUCCESSOR_OF.value,
        m.NodeLink.target_plan_key == old_plan_key, m.NodeLink.target_node_key == old_node_key))


def add_successor_link(session: Session, *, new_node: m.Node, old_plan_key: str, old_node_key: str) -> bool:
    """Link the new node to the old one (successor_of); False when the link was there already."""
    if successor_link(session, new_node=new_node, old_plan_key=old_plan_key, old_node_key=old_node_key) is not None:
        return False
    position = session.scalar(select(func.coalesce(func.max(m.NodeLink.position), -1)).where(m.NodeLink.plan_id == new_node.plan_id))
    session.add(m.NodeLink(plan_id=new_node.plan_id, position=int(position) + 1,
                           source_node_id=new_node.id, type=LinkType.SUCCESSOR_OF.value,
                           target_plan_key=old_plan_key, target_node_key=old_node_key))
    session.flush()
    return True


def remove_successor_link(session: Session, *, new_node: m.Node, old_plan_key: str, old_node_key: str) -> bool:
    link = successor_link(session, new_node=new_node, old_plan_key=old_plan_key, old_node_key=old_node_key)
    if link is None:
        return False
    session.delete(link)
    session.flush()
    return True


def accepted_successors(session: Session, *, new_plan_id: int, old_plan_key: str) -> dict[str, list[str]]:
    """Old node key → the keys of the new plan's nodes linked to it as successors (in link order)."""
    rows = session.execute(
        select(m.NodeLink.target_node_key, m.Node.key).join(m.Node, m.Node.id == m.NodeLink.source_node_id)
        .where(m.NodeLink.plan_id == new_plan_id, m.NodeLink.type == LinkType.SUCCESSOR_OF.value,
               m.NodeLink.target_plan_key == old_plan_key).order_by(m.NodeLink.position, m.NodeLink.id))
    out: dict[str, list[str]] = defaultdict(list)
    for old_key, new_key in rows:
        if old_key is not None:
            out[old_key].append(new_key)
    return dict(out)


def touch_plans(session: Session, plan_ids: Iterable[int]) -> None:
    """Mark plans changed, so their cached pages (keyed by updated_at) are rebuilt."""
    for plan_id in set(plan_ids):
        plan = session.get(m.Plan, plan_id)
        if plan is not None:
            plan.updated_at = utcnow()


@dataclass(frozen=True)
class LinkedNode:
    """A node on the other side of a successor link: ``newer`` when it continues the given node."""

    node: m.Node
    newer: bool


def linked_nodes(session: Session, node: m.Node) -> list[LinkedNode]:
    """The nodes a node is linked with as successor (newer) or predecessor (older), over every plan."""
    plan_key = session.scalar(select(m.Plan.key).where(m.Plan.id == node.plan_id))
    out: list[LinkedNode] = []
    newer = session.scalars(select(m.Node).join(m.NodeLink, m.NodeLink.source_node_id == m.Node.id).where(
        m.NodeLink.type == LinkType.SUCCESSOR_OF.value, m.NodeLink.target_plan_key == plan_key,
        m.NodeLink.target_node_key == node.key).order_by(m.NodeLink.id))
    out += [LinkedNode(n, True) for n in newer]
    targets = session.execute(select(m.NodeLink.target_plan_key, m.NodeLink.target_node_key).where(
        m.NodeLink.source_node_id == node.id, m.NodeLink.type == LinkType.SUCCESSOR_OF.value)).all()
    conditions = [and_(m.Plan.key == pk, m.Node.key == nk) for pk, nk in targets if pk and nk]
    if conditions:
        older = session.scalars(select(m.Node).join(m.Plan, m.Plan.id == m.Node.plan_id).where(or_(*conditions)))
        out += [LinkedNode(n, False) for n in older]
    return out


def linked_plan_ids(session: Session, plan_id: int) -> list[int]:
    """Plans joined to this one by a successor link in either direction (for cache versions)."""
    key = session.scalar(select(m.Plan.key).where(m.Plan.id == plan_id))
    older_keys = session.scalars(select(m.NodeLink.target_plan_key).where(
        m.NodeLink.plan_id == plan_id, m.NodeLink.type == LinkType.SUCCESSOR_OF.value).distinct()).all()
    ids = set(session.scalars(select(m.Plan.id).where(m.Plan.key.in_([k for k in older_keys if k])))) if older_keys else set()
    ids |= set(session.scalars(select(m.NodeLink.plan_id).where(
        m.NodeLink.type == LinkType.SUCCESSOR_OF.value, m.NodeLink.target_plan_key == key).distinct()))
    ids.discard(plan_id)
    return sorted(ids)


def node_indicators(session: Session, node_ids: Sequence[int]) -> list[m.Indicator]:
    if not node_ids:
        return []
    return list(session.scalars(select(m.Indicator).where(m.Indicator.node_id.in_(list(node_ids)))
                                .options(selectinload(m.Indicator.observations)).order_by(m.Indicator.id)))
