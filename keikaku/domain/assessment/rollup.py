"""Roll-ups: measure → policy → goal → plan, and per SDG, by an explicit published policy.

An indicator belongs to its node and to every ancestor of it; a plan-wide indicator (node null)
only to the plan. An indicator belongs to SDG g when its node or an ancestor lists g. Each
roll-up counts its indicators by status and scores them: the weighted mean of one published
figure (achievement rate by default) with each figure first rounded as published and optionally
capped, so that the components listed with the roll-up recompute its score exactly.
Qualitative indicators, indicators without data and those without the figure are left out of the
score and counted by reason.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from keikaku.domain.assessment.formulas import round_half_up
from keikaku.domain.assessment.rows import RATE_DIGITS, AssessmentRow
from keikaku.domain.assessment.scales import Scale
from keikaku.domain.planfile import Node
from keikaku.domain.sdg import SDG_GOALS

MEASURES = ("achievement_rate", "progress_rate")
LEFT_OUT_REASONS = ("qualitative", "no_data", "not_assessable", "no_rate")
IndicatorKey = tuple[str | None, str]  # (node id, indicator name), unique in a plan


@dataclass(frozen=True)
class RollupPolicy:
    """How a roll-up scores: which figure, the weights (default equal), the cap (None: no cap)."""

    measure: str = "achievement_rate"
    weights: Mapping[IndicatorKey, float] = field(default_factory=dict)
    default_weight: float = 1.0
    cap: float | None = 100.0

    def __post_init__(self) -> None:
        if self.measure not in MEASURES:
            raise ValueError(f"a roll-up scores one of {', '.join(MEASURES)}, not {self.measure!r}")
        if self.default_weight < 0 or any(w < 0 for w in self.weights.values()):
            raise ValueError("roll-up weights cannot be negative")

    def weight(self, key: IndicatorKey) -> float:
        return float(self.weights.get(key, self.default_weight))

    def to_json(self) -> dict[str, object]:
        return {
            "measure": self.measure,
            "weights": [{"node": k[0], "name": k[1], "weight": w} for k, w in self.weights.items()],
            "default_weight": self.default_weight,
            "cap": self.cap,
            "rounding": f"each figure rounded half-up to {RATE_DIGITS} decimal before weighting; the score too",
            "left_out": list(LEFT_OUT_REASONS),
        }


@dataclass(frozen=True)
class RollupComponent:
    """One indicator inside a roll-up: what it contributed, or why it was left out."""

    node: str | None
    name: str
    year: int | None
    status: str
    grade: str | None
    rate: float | None  # the policy's figure, rounded as published
    used: float | None  # after the cap; None when left out
    weight: float
    reason: str | None  # why it was left out of the score; None when counted

    def to_json(self) -> dict[str, object]:
        return {
            "node": self.node, "name": self.name, "year": self.year, "status": self.status, "grade": self.grade,
            "rate": self.rate, "used": self.used, "weight": self.weight, "counted": self.reason is None,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class Rollup:
    kind: str  # "plan", "node" or "sdg"
    key: str | int | None  # node id, SDG number, or None for the plan
    level: str | None
    number: str | None
    title: str
    year: int | None
    counts: dict[str, int]
    score: float | None
    left_out: dict[str, int]
    policy: RollupPolicy
    components: tuple[RollupComponent, ...]

    @property
    def scored(self) -> int:
        return sum(1 for c in self.components if c.reason is None)

    def to_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "node": self.key if self.kind == "node" else None,
            "sdg": self.key if self.kind == "sdg" else None,
            "level": self.level, "number": self.number, "title": self.title, "year": self.year,
            "indicators": len(self.components), "counts": dict(self.counts), "score": self.score,
            "scored": self.scored, "left_out": dict(self.left_out), "policy": self.policy.to_json(),
            "components": [c.to_json() for c in self.components],
        }


def component(row: AssessmentRow, policy: RollupPolicy) -> RollupComponent:
    rate = round_half_up(getattr(row, policy.measure), RATE_DIGITS)
    if rate is None and policy.measure == "achievement_rate" and "achievement_zero_target" in row.warnings:
        rate = round_half_up(row.progress_rate, RATE_DIGITS)  # a decrease to 0: the way made from the baseline
    if row.direction == "qualitative" or row.status == "qualitative":
        reason: str | None = "qualitative"
    elif row.status == "no_data":
        reason = "no_data"
    elif row.status == "not_assessable":
        reason = "not_assessable"
    elif rate is None:
        reason = "no_rate"
    else:
        reason = None
    used = None
    if reason is None and rate is not None:
        used = min(rate, policy.cap) if policy.cap is not None else rate
    return RollupComponent(
        node=row.node, name=row.name, year=row.year, status=row.status, grade=row.grade, rate=rate, used=used,
        weight=policy.weight((row.node, row.name)), reason=reason,
    )


def score_of(components: Sequence[RollupComponent]) -> float | None:
    """Σ weight × used / Σ weight over the counted components, rounded half-up to 1 decimal."""
    counted = [c for c in components if c.reason is None and c.used is not None]
    total = sum(c.weight for c in counted)
    if not counted or total == 0:
        return None
    return round_half_up(sum(c.weight * c.used for c in counted if c.used is not None) / total, RATE_DIGITS)


def _rollup(kind: str, key: str | int | None, level: str | None, number: str | None, title: str, year: int | None,
            comps: list[RollupComponent], policy: RollupPolicy, scale: Scale) -> Rollup:
    counts = {s: 0 for s in scale.statuses}
    left = {r: 0 for r in LEFT_OUT_REASONS}
    for c in comps:
        counts[c.status] = counts.get(c.status, 0) + 1
        if c.reason is not None:
            left[c.reason] += 1
    return Rollup(kind, key, level, number, title, year, counts, score_of(comps), left, policy, tuple(comps))


def node_rollup(*, key: str, level: str | None, number: str | None, title: str, rows: Sequence[AssessmentRow],
                year: int | None, policy: RollupPolicy, scale: Scale) -> Rollup:
    """The roll-up of one node from the rows (as of ``year``, in plan order) of the indicators of
    the node and of every node below it: the node's entry in ``rollups``, without the whole plan."""
    return _rollup("node", key, level, number, title, year, [component(r, policy) for r in rows], policy, scale)


def ancestors(nodes: Sequence[Node]) -> dict[str, list[str]]:
    """Each node id with itself and its ancestors, nearest first (cycles are cut)."""
    parent = {n.id: n.parent for n in nodes}
    out: dict[str, list[str]] = {}
    for n in nodes:
        chain, cur = [], n.id
        while cur is not None and cur in parent and cur not in chain:
            chain.append(cur)
            cur = parent[cur]
        out[n.id] = chain
    return out


def rollups(*, title: str, nodes: Sequence[Node], rows: Sequence[AssessmentRow], year: int | None,
            policy: RollupPolicy, scale: Scale) -> list[Rollup]:
    """The plan roll-up, one per node (document order) and one per SDG any node lists (1 … 17).

    ``rows`` holds one row per indicator as of ``year`` (``rows.rows_as_of``).
    """
    chains = ancestors(nodes)
    by_id = {n.id: n for n in nodes}
    comps = [component(r, policy) for r in rows]
    node_members: dict[str, list[RollupComponent]] = {n.id: [] for n in nodes}
    sdg_members: dict[int, list[RollupComponent]] = {g: [] for n in nodes for g in n.sdgs}
    for row, comp in zip(rows, comps):
        chain = chains.get(row.node, []) if row.node is not None else []
        goals: set[int] = set()
        for node_id in chain:
            node_members[node_id].append(comp)
            goals.update(by_id[node_id].sdgs)
        for g in goals:
            sdg_members[g].append(comp)
    out = [_rollup("plan", None, None, None, title, year, comps, policy, scale)]
    for n in nodes:
        out.append(_rollup("node", n.id, n.level, n.number, n.title, year, node_members[n.id], policy, scale))
    for g in sorted(sdg_members):
        name = next((s.name_ja for s in SDG_GOALS if s.number == g), "")
        out.append(_rollup("sdg", g, None, None, f"SDG {g} {name}".strip(), year, sdg_members[g], policy, scale))
    return out
