"""SDG suggestions for a stored plan's nodes, and staff's decisions on them (accepted ones become SDG links).

A node is offered suggestions while it has no SDG link other than those staff accepted here; a
goal already linked, accepted or rejected is not suggested again (a decision on a target, 13.2,
covers its goal, 13). Deciding is for admins (企画政策課); each decision is one transaction with
its SuggestionDecision row, the link it adds or removes, and its audit entry (``sdg_suggestion``).
The suggester itself is ``keikaku.services.sdg_suggest``; the method is in docs/sdg.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

from keikaku.domain.enums import Role
from keikaku.domain.errors import KeikakuError
from keikaku.domain.permissions import PermissionDenied
from keikaku.services import audit
from keikaku.services.sdg_suggest import Suggestion, load_keywords, suggest
from keikaku.storage import repository as repo
from keikaku.storage import sdg_store
from keikaku.storage.database import transaction

ACCEPTED, REJECTED = "accepted", "rejected"
_SUGGESTED = re.compile(r"^(?P<goal>\d{1,2})(?:\.(?P<target>\d{1,2}|[a-c]))?$")


class BadSuggestion(KeikakuError):
    """A goal that is not 1–17, or a target not written as GOAL.N (13.2, 6.a); ``code`` names which (for words)."""

    http_status = 400

    def __init__(self, message: str, *, code: str = "bad_suggestion"):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class NodeSuggestions:
    id: int
    key: str
    level: str
    number: str | None
    title: str
    goals: tuple[int, ...]  # its SDG links now
    suggestions: tuple[Suggestion, ...]

    @property
    def label(self) -> str:
        return " ".join(p for p in (self.level, self.number, self.title) if p)

    def node_json(self) -> dict[str, Any]:
        return {"id": self.id, "key": self.key, "level": self.level, "number": self.number, "title": self.title}


@dataclass(frozen=True)
class PlanSuggestions:
    plan_id: int
    plan_title: str
    nodes: list[NodeSuggestions]

    def to_json(self) -> dict[str, Any]:
        """``{"plan": {...}, "suggestions": [{"node": {...}, "goal", "target", "score", "words"}]}``, nodes in order."""
        return {"plan": {"id": self.plan_id, "title": self.plan_title}, "suggestions": [
            {"node": n.node_json(), **s.to_json()} for n in self.nodes for s in n.suggestions
        ]}


def parse_suggested(text: str) -> str:
    """``13`` or ``13.2`` (full-width digits allowed), checked: goal 1–17."""
    import unicodedata

    cleaned = unicodedata.normalize("NFKC", str(text)).strip().lower()
    match = _SUGGESTED.match(cleaned)
    if not match or not 1 <= int(match.group("goal")) <= 17:
        raise BadSuggestion(f"an SDG goal is 1-17, a target GOAL.N (13.2, 6.a); not {text!r}")
    return f"{int(match.group('goal'))}" + (f".{match.group('target')}" if match.group("target") else "")


def plan_suggestions(engine: Engine, plan: str | int, *, every_node: bool = False) -> PlanSuggestions:
    """Suggestions for the plan's nodes without SDG links, decided ones left out.

    ``every_node``: every node, whatever its links and decisions (for measuring the suggester).
    """
    keywords = load_keywords()
    with transaction(engine) as session:
        p = repo.get_plan(session, ref=plan)
        plan_id, title = p.id, p.title
        nodes = sdg_store.node_texts(session, plan_id=plan_id)
        decided = {} if every_node else sdg_store.decisions(session, node_ids=[n.id for n in nodes])
    out = []
    for n in nodes:
        mine = decided.get(n.id, {})
        accepted = {sdg_store.goal_of(s) for s, d in mine.items() if d == ACCEPTED}
        if not every_node and not set(n.goals) <= accepted:
            continue  # linked in the plan itself (or by hand): not a node without SDGs
        exclude = set() if every_node else set(n.goals) | {sdg_store.goal_of(s) for s in mine}
        found = suggest(n.title, n.texts, keywords=keywords, exclude=exclude)
        out.append(NodeSuggestions(n.id, n.key, n.level, n.number, n.title, n.goals, tuple(found)))
    return PlanSuggestions(plan_id, title, out)


def _require_admin(user: Any) -> None:
    if user is not None and getattr(user, "role", None) != Role.ADMIN:
        raise PermissionDenied("only an admin (企画政策課) decides SDG suggestions", action="decide_sdg",
                               user=getattr(user, "name", None))


@dataclass(frozen=True)
class Decision:
    node_id: int
    node_label: str
    suggested: str
    decision: str
    previous: str | None
    linked: bool  # the node's SDG link to the goal was added (accept) or removed (reject)


def decide(engine: Engine, *, plan: str | int, node: str | int, suggested: str, decision: str,
           user: Any = None, user_name: str | None = None) -> Decision:
    """Accept or reject an SDG goal (or target) for a node; accepting links the node to the goal.

    ``user`` (a UserInfo) must be an admin; the local CLI may pass only ``user_name``. Rejecting a
    goal accepted before removes the link that acceptance added. Audited as ``sdg_suggestion:NODE_ID``.
    """
    if decision not in (ACCEPTED, REJECTED):
        raise BadSuggestion(f"a decision is {ACCEPTED} or {REJECTED}, not {decision!r}", code="bad_sdg_decision")
    _require_admin(user)
    name = getattr(user, "name", None) or user_name
    suggested = parse_suggested(suggested)
    goal = sdg_store.goal_of(suggested)
    keywords = load_keywords()
    with transaction(engine) as session:
        p = repo.get_plan(session, ref=plan)
        target = sdg_store.find_node(session, plan_id=p.id, ref=f"#{node}" if isinstance(node, int) else node)
        text = sdg_store.node_texts(session, plan_id=p.id, node_ids=[target.id])[0]
        label = " ".join(x for x in (text.level, text.number, text.title) if x)
        offered = {s.goal: s for s in suggest(text.title, text.texts, keywords=keywords)}.get(goal)
        previous = sdg_store.record_decision(session, node_id=target.id, suggested=suggested, decision=decision,
                                             decided_by=name)
        if decision == ACCEPTED:
            linked = sdg_store.link_goal(session, node_id=target.id, goal=goal)
        else:
            linked = previous == ACCEPTED and sdg_store.unlink_goal(session, node_id=target.id, goal=goal)
        after = {"kind": sdg_store.KIND, "suggested": suggested, "decision": decision, "plan": p.key,
                 "node": text.key, "goals": sorted(set(text.goals) | {goal}) if decision == ACCEPTED
                 else sorted(set(text.goals) - ({goal} if linked else set())),
                 "score": offered.score if offered else None, "words": list(offered.words) if offered else []}
        before = {"decision": previous, "goals": list(text.goals)}
        audit.record(session, user_name=name, action=f"sdg_{decision[:-2]}", object_type="sdg_suggestion",
                     object_id=target.id, label=f"{p.title}: {label}: SDG {suggested}", before=before, after=after)
        return Decision(target.id, label, suggested, decision, previous, linked)


@dataclass(frozen=True)
class Agreement:
    """Suggestions (``every_node``) against the SDG links a plan carries, over its nodes that carry links."""

    nodes: int
    links: int
    suggested: int
    agreed: int
    nodes_hit: int  # nodes where at least one suggested goal is linked

    @property
    def precision(self) -> float:
        return self.agreed / self.suggested if self.suggested else 0.0

    @property
    def recall(self) -> float:
        return self.agreed / self.links if self.links else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Agreement) -> Agreement:
        return Agreement(*(a + b for a, b in zip(self.counts(), other.counts(), strict=True)))

    def counts(self) -> tuple[int, int, int, int, int]:
        return self.nodes, self.links, self.suggested, self.agreed, self.nodes_hit

    def to_json(self) -> dict[str, Any]:
        return {"nodes": self.nodes, "links": self.links, "suggested": self.suggested, "agreed": self.agreed,
                "nodes_hit": self.nodes_hit, "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4)}


def agreement(engine: Engine, plan: str | int) -> Agreement:
    """Micro-averaged agreement of the suggestions with the plan's own SDG links (goal level)."""
    found = plan_suggestions(engine, plan, every_node=True)
    nodes = links = suggested = agreed = hit = 0
    for n in found.nodes:
        if not n.goals:
            continue
        goals = {s.goal for s in n.suggestions}
        both = goals & set(n.goals)
        nodes, links, suggested, agreed = nodes + 1, links + len(set(n.goals)), suggested + len(goals), agreed + len(both)
        hit += bool(both)
    return Agreement(nodes, links, suggested, agreed, hit)
