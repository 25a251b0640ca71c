"""Queries of SDG suggestions: the text of a plan's nodes, their SDG links, staff's decisions on suggestions."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from keikaku.domain.errors import NotFoundError
from keikaku.storage import models as m
from keikaku.storage import repository as repo
from keikaku.storage.models import utcnow

KIND = "sdg"


@dataclass(frozen=True)
class NodeText:
    """A node as the suggester reads it: its title, the text and items of its sections, its SDG links."""

    id: int
    key: str
    level: str
    number: str | None
    title: str
    texts: tuple[str, ...]
    goals: tuple[int, ...]


def node_texts(session: Session, *, plan_id: int, node_ids: Iterable[int] | None = None) -> list[NodeText]:
    """The plan's nodes in order (or only ``node_ids``), in three queries whatever the plan's size."""
    query = select(m.Node).where(m.Node.plan_id == plan_id).order_by(m.Node.position)
    if node_ids is not None:
        query = query.where(m.Node.id.in_(list(node_ids)))
    nodes = session.scalars(query).all()
    ids = [n.id for n in nodes]
    texts: dict[int, list[str]] = {i: [] for i in ids}
    goals: dict[int, list[int]] = {i: [] for i in ids}
    if ids:
        for s in session.scalars(select(m.NodeSection).where(m.NodeSection.node_id.in_(ids))
                                 .order_by(m.NodeSection.node_id, m.NodeSection.position)):
            texts[s.node_id].extend([s.text] if s.text else [])
            texts[s.node_id].extend(i for i in (s.items or []) if i)
        for link in session.scalars(select(m.NodeSdg).where(m.NodeSdg.node_id.in_(ids))
                                    .order_by(m.NodeSdg.node_id, m.NodeSdg.position)):
            goals[link.node_id].append(link.goal)
    return [NodeText(n.id, n.key, n.level, n.number, n.title, tuple(texts[n.id]), tuple(goals[n.id])) for n in nodes]


def decisions(session: Session, *, node_ids: Sequence[int]) -> dict[int, dict[str, str]]:
    """Staff's SDG decisions per node: ``{node_id: {"13.2": "accepted", "4": "rejected"}}``."""
    out: dict[int, dict[str, str]] = {}
    if not node_ids:
        return out
    rows = session.execute(select(m.SuggestionDecision.node_id, m.SuggestionDecision.suggested, m.SuggestionDecision.decision)
                           .where(m.SuggestionDecision.kind == KIND, m.SuggestionDecision.node_id.in_(list(node_ids))))
    for node_id, suggested, decision in rows:
        out.setdefault(node_id, {})[suggested] = decision
    return out


def goal_of(suggested: str) -> int:
    return int(suggested.split(".")[0])


def record_decision(session: Session, *, node_id: int, suggested: str, decision: str, decided_by: str | None) -> str | None:
    """Store a decision (replacing an earlier one on the same goal of the node); returns the earlier decision, if any."""
    goal = goal_of(suggested)
    earlier = [d for d in session.scalars(select(m.SuggestionDecision).where(
        m.SuggestionDecision.kind == KIND, m.SuggestionDecision.node_id == node_id)) if goal_of(d.suggested) == goal]
    previous = earlier[0].decision if earlier else None
    for d in earlier:
        session.delete(d)
    session.flush()
    session.add(m.SuggestionDecision(kind=KIND, node_id=node_id, suggested=suggested, decision=decision,
                                     decided_by=decided_by, decided_at=utcnow()))
    return previous


def link_goal(session: Session, *, node_id: int, goal: int) -> bool:
    """Link the node to the goal (after its other links); False when it already was."""
    if session.get(m.NodeSdg, (node_id, goal)) is not None:
        return False
    last = session.scalar(select(func.max(m.NodeSdg.position)).where(m.NodeSdg.node_id == node_id))
    session.add(m.NodeSdg(node_id=node_id, goal=goal, position=(last if last is not None else -1) + 1))
    return True


def unlink_goal(session: Session, *, node_id: int, goal: int) -> bool:
    return session.execute(delete(m.NodeSdg).where(m.NodeSdg.node_id == node_id, m.NodeSdg.goal == goal)).rowcount > 0


def find_node(session: Session, *, plan_id: int, ref: str) -> m.Node:
    """A node by id (``#12``), key, unique printed number, or level and number (``施策 1``, ``施策1``)."""
    text = unicodedata.normalize("NFKC", str(ref)).strip()
    if text.startswith("#") and text[1:].isdigit():
        node = session.get(m.Node, int(text[1:]))
        if node is None or node.plan_id != plan_id:
            raise NotFoundError(f"no node {ref!r} in this plan")
        return node
    try:
        return repo.find_node(session, plan_id=plan_id, ref=ref)
    except NotFoundError:
        folded = "".join(text.split())
        found = [n for n in repo.plan_nodes(session, plan_id=plan_id)
                 if n.number is not None and "".join(unicodedata.normalize("NFKC", n.level + n.number).split()) == folded]
        if len(found) != 1:
            raise
        return found[0]
