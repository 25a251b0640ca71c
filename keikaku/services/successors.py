"""The successor map between a plan and its next generation, and indicators that continue across it.

``successor_map`` scores every pair of old and new measures (keikaku.domain.successors) and adds
staff's decisions; ``accept_best`` takes the best suggestion of each undecided old measure above
the threshold (``keikaku successors --accept``); ``decide`` stores one answer of staff (accept,
reject, or accept another new measure in place of a suggestion). Every decision is audited
(object type ``successor``, id ``OLD_NODE_ID:NEW_NODE_ID``) in the transaction that makes it.
``indicator_generations`` follows accepted links to give an indicator's series over the plans.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from keikaku.domain import successors as suggester
from keikaku.domain.enums import Role
from keikaku.domain.errors import KeikakuError, NotFoundError
from keikaku.domain.permissions import PermissionDenied
from keikaku.services import audit
from keikaku.storage import models as m
from keikaku.storage import repository as repo
from keikaku.storage import successor_store as store
from keikaku.storage.database import transaction

ACCEPTED, REJECTED = "accepted", "rejected"
DECISIONS = (ACCEPTED, REJECTED)


class SuccessorError(KeikakuError):
    """A successor decision that cannot be made (nodes of the wrong plans, an unknown answer); ``code`` names which."""

    exit_code = 2
    http_status = 400

    def __init__(self, message: str, *, code: str = "successor_invalid", field: str | None = None):
        super().__init__(message)
        self.code, self.field = code, field  # field: the choice at fault (``new``: the next plan)


@dataclass(frozen=True)
class PlanRef:
    id: int
    key: str
    title: str
    period: tuple[int, int] | None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "key": self.key, "title": self.title,
                "period": {"start": self.period[0], "end": self.period[1]} if self.period else None}


@dataclass(frozen=True)
class MeasureRef:
    id: int
    key: str
    number: str | None
    title: str

    @property
    def label(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title

    def to_json(self) -> dict[str, Any]:
        return {"number": self.number, "title": self.title}


@dataclass
class Candidate:
    new: MeasureRef
    score: float
    reasons: list[str]
    decision: str | None = None  # accepted, rejected, or None (not decided yet)


@dataclass
class MapRow:
    old: MeasureRef
    candidates: list[Candidate]  # the suggestions best first, then other decided pairs

    @property
    def accepted(self) -> list[Candidate]:
        return [c for c in self.candidates if c.decision == ACCEPTED]


@dataclass
class SuccessorMap:
    old_plan: PlanRef
    new_plan: PlanRef
    rows: list[MapRow]
    new_measures: list[MeasureRef]
    weights: dict[str, float]
    threshold: float = suggester.ACCEPT_THRESHOLD

    def to_json(self) -> dict[str, Any]:
        return {
            "old_plan": self.old_plan.to_json(), "new_plan": self.new_plan.to_json(),
            "weights": {k: round(v, 3) for k, v in self.weights.items()}, "threshold": self.threshold,
            "suggestions": [
                {"old": row.old.to_json(), "new": c.new.to_json(), "score": c.score, "reasons": c.reasons,
                 "decision": c.decision}
                for row in self.rows for c in row.candidates
            ],
        }


def _plan_ref(plan: m.Plan) -> PlanRef:
    period = (plan.period_start, plan.period_end) if plan.period_start is not None and plan.period_end is not None else None
    return PlanRef(plan.id, plan.key, plan.title, period)


def _measure_ref(node: m.Node) -> MeasureRef:
    return MeasureRef(node.id, node.key, node.number, node.title)


@dataclass
class _Scored:
    old_plan: m.Plan
    new_plan: m.Plan
    old: list[tuple[m.Node, suggester.Measure]]
    new: list[tuple[m.Node, suggester.Measure]]
    weights: dict[str, float]
    top: dict[str, list[suggester.Suggestion]]


def _score(session: Session, old_ref: str | int, new_ref: str | int, limit: int) -> _Scored:
    old_plan, new_plan = repo.get_plan(session, ref=old_ref), repo.get_plan(session, ref=new_ref)
    if old_plan.id == new_plan.id:
        raise SuccessorError("the old and the new plan are the same plan", code="successor_same_plan", field="new")
    old, new = store.measures(session, old_plan.id), store.measures(session, new_plan.id)
    old_records, new_records = [r for _, r in old], [r for _, r in new]
    weights = suggester.active_weights(old_records, new_records)
    top = suggester.suggest(old_records, new_records, limit=limit)
    return _Scored(old_plan, new_plan, old, new, weights, top)


def _build_map(session: Session, s: _Scored) -> SuccessorMap:
    new_by_key = {n.key: (n, r) for n, r in s.new}
    decided = store.decisions(session, [n.id for n, _ in s.old])
    linked = store.accepted_successors(session, new_plan_id=s.new_plan.id, old_plan_key=s.old_plan.key)
    rows = []
    for node, record in s.old:
        candidates: list[Candidate] = []
        seen: set[str] = set()
        for sug in s.top.get(record.key, []):
            new_node = new_by_key[sug.new_key][0]
            row = decided.get((node.id, store.node_ref(s.new_plan.key, new_node.key)))
            candidates.append(Candidate(_measure_ref(new_node), sug.score, list(sug.reasons), row.decision if row else None))
            seen.add(new_node.key)
        # pairs staff decided (or linked) that are not among the top suggestions
        extra_keys = [ref.partition("#")[2] for (nid, ref), _ in decided.items()
                      if nid == node.id and ref.startswith(s.new_plan.key + "#")]
        for key in dict.fromkeys([*extra_keys, *linked.get(node.key, [])]):
            if key in seen or key not in new_by_key:
                continue
            new_node, new_record = new_by_key[key]
            sug = suggester.score_pair(record, new_record, s.weights)
            row = decided.get((node.id, store.node_ref(s.new_plan.key, key)))
            decision = row.decision if row else (ACCEPTED if key in linked.get(node.key, []) else None)
            candidates.append(Candidate(_measure_ref(new_node), sug.score, list(sug.reasons), decision))
            seen.add(key)
        rows.append(MapRow(_measure_ref(node), candidates))
    return SuccessorMap(_plan_ref(s.old_plan), _plan_ref(s.new_plan), rows, [_measure_ref(n) for n, _ in s.new], s.weights)


def successor_map(engine: Engine, old: str | int, new: str | int, *, limit: int = 3) -> SuccessorMap:
    """Each old measure with its ``limit`` best new measures (and every pair staff decided)."""
    with transaction(engine) as session:
        return _build_map(session, _score(session, old, new, limit))


def _require_admin(user: Any) -> str | None:
    """The acting user's name; a web user must be an admin (the local shell passes a name or None)."""
    if user is None or isinstance(user, str):
        return user
    if getattr(user, "role", None) != Role.ADMIN:
        raise PermissionDenied(f"{getattr(user, 'name', None)} ({getattr(user, 'role', None)}) may not decide successors",
                               action="decide_successor", user=getattr(user, "name", None))
    return user.name


def _label(node: m.Node) -> str:
    return " ".join(filter(None, [node.level, node.number, node.title]))


def _decide(session: Session, *, old_plan: m.Plan, new_plan: m.Plan, old_node: m.Node, new_node: m.Node,
            decision: str, user_name: str | None) -> bool:
    """Store one decision (and add or remove the link); False when nothing changed."""
    if decision not in DECISIONS:
        raise SuccessorError(f"a decision is accepted or rejected, not {decision!r}", code="successor_bad_decision")
    suggested = store.node_ref(new_plan.key, new_node.key)
    current = store.decisions(session, [old_node.id]).get((old_node.id, suggested))
    linked = store.successor_link(session, new_node=new_node, old_plan_key=old_plan.key, old_node_key=old_node.key) is not None
    if current is not None and current.decision == decision and linked == (decision == ACCEPTED):
        return False
    before = store.set_decision(session, node_id=old_node.id, suggested=suggested, decision=decision, user_name=user_name)
    if decision == ACCEPTED:
        store.add_successor_link(session, new_node=new_node, old_plan_key=old_plan.key, old_node_key=old_node.key)
    else:
        store.remove_successor_link(session, new_node=new_node, old_plan_key=old_plan.key, old_node_key=old_node.key)
    audit.record(session, user_name=user_name, action=f"successor_{decision}", object_type="successor",
                 object_id=f"{old_node.id}:{new_node.id}", label=f"{_label(old_node)} → {_label(new_node)}",
                 before={"decision": before.decision, "by": before.decided_by} if before else ({"decision": ACCEPTED} if linked else None),
                 after={"decision": decision, "old": store.node_ref(old_plan.key, old_node.key), "new": suggested})
    store.touch_plans(session, [old_plan.id, new_plan.id])
    return True


def _node_of(session: Session, plan: m.Plan, node_id: int, what: str) -> m.Node:
    node = session.get(m.Node, node_id)
    if node is None or node.plan_id != plan.id:
        raise NotFoundError(f"no {what} measure {node_id} in plan {plan.key}")
    return node


def decide(engine: Engine, *, user: Any, old_plan: str | int, new_plan: str | int, old_node_id: int, new_node_id: int,
           decision: str, replaces: int | None = None) -> bool:
    """Accept or reject the pair (old → new). With ``replaces`` (a new node id), the pair (old → replaces)
    is rejected in the same transaction: staff chose ``new`` instead of that suggestion. Admins only."""
    user_name = _require_admin(user)
    with transaction(engine) as session:
        old_p, new_p = repo.get_plan(session, ref=old_plan), repo.get_plan(session, ref=new_plan)
        if old_p.id == new_p.id:  # a measure is never its own plan's successor
            raise SuccessorError("the old and the new plan are the same plan", code="successor_same_plan", field="new")
        old_node = _node_of(session, old_p, old_node_id, "old")
        new_node = _node_of(session, new_p, new_node_id, "new")
        changed = _decide(session, old_plan=old_p, new_plan=new_p, old_node=old_node, new_node=new_node,
                          decision=decision, user_name=user_name)
        if replaces is not None and replaces != new_node_id:
            replaced = _node_of(session, new_p, replaces, "new")
            changed |= _decide(session, old_plan=old_p, new_plan=new_p, old_node=old_node, new_node=replaced,
                               decision=REJECTED, user_name=user_name)
        return changed


@dataclass(frozen=True)
class AcceptedPair:
    old: MeasureRef
    new: MeasureRef
    score: float


def accept_best(engine: Engine, old: str | int, new: str | int, *, user: Any = None,
                threshold: float = suggester.ACCEPT_THRESHOLD, limit: int = 3) -> tuple[SuccessorMap, list[AcceptedPair]]:
    """Accept, for each old measure with no accepted successor yet, its best suggestion scoring above
    ``threshold`` that staff have not rejected. Running it again changes nothing."""
    user_name = _require_admin(user)
    with transaction(engine) as session:
        scored = _score(session, old, new, 0)
        new_nodes = {n.key: n for n, _ in scored.new}
        decided = store.decisions(session, [n.id for n, _ in scored.old])
        linked = store.accepted_successors(session, new_plan_id=scored.new_plan.id, old_plan_key=scored.old_plan.key)
        accepted: list[AcceptedPair] = []
        for node, record in scored.old:
            mine = {ref: d.decision for (nid, ref), d in decided.items() if nid == node.id}
            if ACCEPTED in mine.values() or linked.get(node.key):
                continue
            for sug in scored.top.get(record.key, []):
                if sug.score <= threshold:
                    break
                if mine.get(store.node_ref(scored.new_plan.key, sug.new_key)) == REJECTED:
                    continue
                new_node = new_nodes[sug.new_key]
                _decide(session, old_plan=scored.old_plan, new_plan=scored.new_plan, old_node=node, new_node=new_node,
                        decision=ACCEPTED, user_name=user_name)
                accepted.append(AcceptedPair(_measure_ref(node), _measure_ref(new_node), sug.score))
                break
        scored.top = {k: v[:limit] for k, v in scored.top.items()}
        return _build_map(session, scored), accepted


# --- an indicator across generations ------------------------------------------------------

@dataclass
class GenerationPoint:
    year: int
    value: float | None
    text: str | None


@dataclass
class Generation:
    """One plan's part of a continuing indicator: its name there, baseline, target and actuals."""

    plan_id: int
    plan_title: str
    plan_url: str
    period: tuple[int, int] | None
    indicator_id: int
    indicator_name: str
    indicator_url: str
    unit: str | None
    baseline: GenerationPoint | None
    target: GenerationPoint | None
    actuals: list[GenerationPoint]
    current: bool = False  # the indicator whose page this is


@dataclass
class SeriesRow:
    year: int
    value: float | None
    text: str | None
    plan_title: str


@dataclass
class IndicatorGenerations:
    """An indicator that continues over successive plans: each plan's part, oldest first, and the
    joined series of actuals (where two plans report the same year, the newer plan's value)."""

    generations: list[Generation]
    series: list[SeriesRow] = field(default_factory=list)


def _point(value: float | None, year: int | None, text: str | None, present: bool) -> GenerationPoint | None:
    return GenerationPoint(year, value, text) if present and year is not None else None


def indicator_generations(engine: Engine, indicator_id: int) -> IndicatorGenerations | None:
    """The indicator's series over the plans its measure is linked with as successor or predecessor
    (accepted links, followed both ways and transitively); None when it continues in no other plan."""
    with transaction(engine) as session:
        start = session.get(m.Indicator, indicator_id)
        if start is None or start.node_id is None:
            return None
        node = session.get(m.Node, start.node_id)
        found: dict[int, m.Indicator] = {start.id: start}
        seen_nodes = {node.id}
        queue = [node]
        while queue:
            current = queue.pop(0)
            for linked in store.linked_nodes(session, current):
                other = linked.node
                if other.id in seen_nodes:
                    continue
                seen_nodes.add(other.id)
                candidates = store.node_indicators(session, [other.id])
                best = max(candidates, key=lambda i: suggester.indicator_similarity(start.name, i.name), default=None)
                if best is None or suggester.indicator_similarity(start.name, best.name) < suggester.SAME_INDICATOR:
                    continue
                found[best.id] = best
                queue.append(other)
        if len(found) < 2:
            return None
        plans = {p.id: p for p in session.scalars(select(m.Plan).where(m.Plan.id.in_({i.plan_id for i in found.values()})))}
        gens = []
        for ind in found.values():
            plan = plans[ind.plan_id]
            period = (plan.period_start, plan.period_end) if plan.period_start is not None and plan.period_end is not None else None
            actuals = [GenerationPoint(o.year, o.value, o.text) for o in sorted(ind.observations, key=lambda o: o.year)
                       if o.status == "published"]  # the public never sees unapproved actuals
            gens.append(Generation(
                plan.id, plan.title, f"/plans/{plan.id}", period, ind.id, ind.name, f"/indicators/{ind.id}", ind.unit,
                _point(ind.baseline_value, ind.baseline_year, ind.baseline_text, ind.has_baseline),
                _point(ind.target_value, ind.target_year, ind.target_text, ind.has_target), actuals, ind.id == indicator_id,
            ))
    gens.sort(key=lambda g: (g.period[0] if g.period else 10_000, g.plan_id))
    by_year: dict[int, SeriesRow] = {}
    for g in gens:  # oldest first: a newer plan's value of the same year replaces an older one's
        for a in g.actuals:
            by_year[a.year] = SeriesRow(a.year, a.value, a.text, g.plan_title)
    return IndicatorGenerations(gens, [by_year[y] for y in sorted(by_year)])
