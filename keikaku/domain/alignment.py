"""Aligning two revisions of a plan (a draft and its final text, or two editions) node by node.

Pure: it reads two ``PlanDocument`` values and returns which node of plan A became which node of
plan B, and which indicators' figures changed. Nodes are paired in three passes, each over the
nodes still unpaired:

1. **Same title.** Nodes whose titles are equal once normalised (NFKC, spaces removed) are paired,
   preferring a partner at the same place (same level and numbering path), then one at the same
   level. At the same place the change is ``same``; elsewhere (another number, parent or level)
   it is ``moved``.
2. **Numbering.** Nodes at the same place — the same level word and the same numbering path (the
   numbers of the node and its ancestors, an ancestor without a number standing by its title) —
   are paired when that place is unique on both sides and their titles are at least
   ``NUMBERED_THRESHOLD`` similar. The change is ``reworded``.
3. **Similar title.** Remaining nodes at the same depth are paired best score first when their titles are
   at least ``SIMILAR_THRESHOLD`` similar. The change is ``reworded``.

Similarity is rapidfuzz's ``fuzz.ratio`` (0–100, the normalised Indel distance) of the normalised
titles. The numbering pass accepts a lower score because the place already speaks for the pair:
a policy rewritten in other words keeps its number (Kodaira's policy 6 scores 39 against its final
text), while an unrelated title at a number freed by a deletion usually scores below 30. Nodes
left over are ``only_a`` (removed) and ``only_b`` (added).

Indicators are paired by name: equal names first, then names at least ``SIMILAR_THRESHOLD``
similar; their baseline and target are compared value by value.
"""

from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Literal

from rapidfuzz import fuzz, process

from keikaku.domain import planfile as pf

SIMILAR_THRESHOLD = 60.0  # a pair found by title alone
NUMBERED_THRESHOLD = 30.0  # a pair at the same level and numbering

Change = Literal["same", "reworded", "moved"]


def normalise(text: str | None) -> str:
    """A title as compared: NFKC (full-width digits, Ⅰ → I), without any whitespace."""
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def similarity(a: str | None, b: str | None) -> float:
    """How alike two titles are, 0–100 (rapidfuzz ``fuzz.ratio`` of the normalised texts)."""
    return float(fuzz.ratio(normalise(a), normalise(b)))


@dataclass(frozen=True)
class NodeRef:
    index: int  # position in its plan's ``nodes``
    id: str
    level: str
    number: str | None
    title: str
    path: tuple[str, ...]  # the numbering path (normalised numbers, or titles of unnumbered ancestors)

    def to_json(self) -> dict[str, Any]:
        return {"level": self.level, "number": self.number, "title": self.title}


@dataclass(frozen=True)
class NodePair:
    a: NodeRef
    b: NodeRef
    change: Change
    score: float  # title similarity, 0–100

    def to_json(self) -> dict[str, Any]:
        return {"a": self.a.to_json(), "b": self.b.to_json(), "change": self.change}


@dataclass(frozen=True)
class FigureChange:
    field: str  # "baseline" or "target"
    before: pf.Value | None
    after: pf.Value | None

    @property
    def changed(self) -> bool:
        return _figure(self.before) != _figure(self.after)

    def to_json(self) -> dict[str, Any]:
        return {"field": self.field, "before": _value_json(self.before), "after": _value_json(self.after), "changed": self.changed}


@dataclass(frozen=True)
class IndicatorRef:
    index: int
    name: str
    unit: str | None
    node: NodeRef | None

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "unit": self.unit, "node": self.node.to_json() if self.node else None}


@dataclass(frozen=True)
class IndicatorPair:
    a: IndicatorRef
    b: IndicatorRef
    change: Literal["same", "reworded"]
    figures: list[FigureChange]

    def to_json(self) -> dict[str, Any]:
        return {"a": self.a.to_json(), "b": self.b.to_json(), "change": self.change,
                "unit_changed": normalise(self.a.unit) != normalise(self.b.unit),
                "figures": [f.to_json() for f in self.figures]}


@dataclass
class Alignment:
    pairs: list[NodePair] = field(default_factory=list)  # in plan A's order
    only_a: list[NodeRef] = field(default_factory=list)
    only_b: list[NodeRef] = field(default_factory=list)
    indicator_pairs: list[IndicatorPair] = field(default_factory=list)
    indicators_only_a: list[IndicatorRef] = field(default_factory=list)
    indicators_only_b: list[IndicatorRef] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        out = {"same": 0, "reworded": 0, "moved": 0}
        for p in self.pairs:
            out[p.change] += 1
        return out | {"only_a": len(self.only_a), "only_b": len(self.only_b)}

    def to_json(self) -> dict[str, Any]:
        return {
            "pairs": [p.to_json() for p in self.pairs],
            "only_a": [n.to_json() for n in self.only_a],
            "only_b": [n.to_json() for n in self.only_b],
            "indicators": {
                "pairs": [p.to_json() for p in self.indicator_pairs],
                "only_a": [i.to_json() for i in self.indicators_only_a],
                "only_b": [i.to_json() for i in self.indicators_only_b],
            },
        }

    def rows(self) -> list[tuple[NodeRef | None, NodeRef | None, str]]:
        """One row per pair or lone node for a side-by-side view: plan B's order, each removed node after its predecessor in A.

        The third item is the change, or ``removed`` / ``added``.
        """
        by_b = sorted([(p.b.index, (p.a, p.b, p.change)) for p in self.pairs] + [(n.index, (None, n, "added")) for n in self.only_b],
                      key=lambda e: e[0])
        # each removed node goes after the last paired node before it in A (runs of removed nodes keep A's order)
        paired_a = sorted(p.a.index for p in self.pairs)
        after: dict[int, list[NodeRef]] = {}
        for lone in self.only_a:
            at = bisect.bisect_left(paired_a, lone.index)
            after.setdefault(paired_a[at - 1] if at else -1, []).append(lone)
        entries: list[tuple[NodeRef | None, NodeRef | None, str]] = [(n, None, "removed") for n in after.get(-1, [])]
        for _, entry in by_b:
            entries.append(entry)
            if entry[0] is not None:
                entries += [(n, None, "removed") for n in after.get(entry[0].index, [])]
        return entries


def _refs(doc: pf.PlanDocument) -> list[NodeRef]:
    by_id = {n.id: n for n in doc.nodes}

    def path(node: pf.Node) -> tuple[str, ...]:
        parts: list[str] = []
        cur: pf.Node | None = node
        seen: set[str] = set()
        while cur is not None and cur.id not in seen:
            seen.add(cur.id)
            parts.append(normalise(cur.number) if cur.number else "#" + normalise(cur.title))
            cur = by_id.get(cur.parent) if cur.parent else None
        return tuple(reversed(parts))

    return [NodeRef(i, n.id, n.level, n.number, n.title, path(n)) for i, n in enumerate(doc.nodes)]


def _place(ref: NodeRef) -> tuple[str, tuple[str, ...]]:
    return (normalise(ref.level), ref.path)


def align_nodes(doc_a: pf.PlanDocument, doc_b: pf.PlanDocument) -> tuple[list[NodePair], list[NodeRef], list[NodeRef]]:
    """The node pairs (in A's order) and the nodes of A and of B left unpaired."""
    refs_a, refs_b = _refs(doc_a), _refs(doc_b)
    paired: dict[int, tuple[NodeRef, Change, float]] = {}  # A index → (B node, change, score)
    taken_b: set[int] = set()

    def pair(a: NodeRef, b: NodeRef, change: Change, score: float) -> None:
        paired[a.index] = (b, change, score)
        taken_b.add(b.index)

    # 1. same title: at the same place, then at the same level, then anywhere
    by_title: dict[str, list[NodeRef]] = {}
    for b in refs_b:
        by_title.setdefault(normalise(b.title), []).append(b)
    for rank in (0, 1, 2):
        for a in refs_a:
            if a.index in paired:
                continue
            for b in by_title.get(normalise(a.title), []):
                if b.index in taken_b:
                    continue
                if rank == 0 and _place(a) != _place(b) or rank == 1 and normalise(a.level) != normalise(b.level):
                    continue
                pair(a, b, "same" if _place(a) == _place(b) else "moved", 100.0)
                break

    # 2. numbering: the same level and numbering path, unique on both sides
    def places(refs: list[NodeRef], taken: set[int]) -> dict[tuple, list[NodeRef]]:
        out: dict[tuple, list[NodeRef]] = {}
        for r in refs:
            if r.index not in taken and r.number:
                out.setdefault(_place(r), []).append(r)
        return out

    places_a, places_b = places(refs_a, set(paired)), places(refs_b, taken_b)
    for key, group_a in places_a.items():
        group_b = places_b.get(key, [])
        if len(group_a) == 1 and len(group_b) == 1:
            score = similarity(group_a[0].title, group_b[0].title)
            if score >= NUMBERED_THRESHOLD:
                pair(group_a[0], group_b[0], "reworded", score)

    # 3. similar titles at the same depth, best first
    left_a = [a for a in refs_a if a.index not in paired]
    left_b = [b for b in refs_b if b.index not in taken_b]
    candidates = []
    for depth in {len(a.path) for a in left_a}:
        row_a = [a for a in left_a if len(a.path) == depth]
        row_b = [b for b in left_b if len(b.path) == depth]
        if not row_b:
            continue
        # every score at once (rapidfuzz in C); those under the threshold come back as 0
        scores = process.cdist([normalise(a.title) for a in row_a], [normalise(b.title) for b in row_b],
                               scorer=fuzz.ratio, score_cutoff=SIMILAR_THRESHOLD)
        for i, j in zip(*scores.nonzero()):
            a, b = row_a[i], row_b[j]
            candidates.append((-float(scores[i, j]), a.index, b.index, a, b))
    for neg, _, _, a, b in sorted(candidates, key=lambda c: c[:3]):
        if a.index not in paired and b.index not in taken_b:
            pair(a, b, "reworded", -neg)

    pairs = [NodePair(a, paired[a.index][0], paired[a.index][1], paired[a.index][2]) for a in refs_a if a.index in paired]
    return pairs, [a for a in refs_a if a.index not in paired], [b for b in refs_b if b.index not in taken_b]


def _figure(value: pf.Value | None) -> tuple:
    if value is None:
        return (None, None, None)
    return (value.value, value.year, normalise(value.text) or None)


def _value_json(value: pf.Value | None) -> dict[str, Any] | None:
    return None if value is None else {"value": value.value, "year": value.year, "text": value.text}


def align_indicators(doc_a: pf.PlanDocument, doc_b: pf.PlanDocument, node_refs: tuple[list[NodeRef], list[NodeRef]]
                     ) -> tuple[list[IndicatorPair], list[IndicatorRef], list[IndicatorRef]]:
    """Indicators paired by name (equal, then similar), with their baseline and target before → after."""
    nodes_a = {r.id: r for r in node_refs[0]}
    nodes_b = {r.id: r for r in node_refs[1]}
    refs_a = [IndicatorRef(i, ind.name, ind.unit, nodes_a.get(ind.node) if ind.node else None) for i, ind in enumerate(doc_a.indicators)]
    refs_b = [IndicatorRef(i, ind.name, ind.unit, nodes_b.get(ind.node) if ind.node else None) for i, ind in enumerate(doc_b.indicators)]
    matched: dict[int, tuple[IndicatorRef, Literal["same", "reworded"]]] = {}
    taken: set[int] = set()
    for a in refs_a:
        b = next((b for b in refs_b if b.index not in taken and normalise(b.name) == normalise(a.name)), None)
        if b is not None:
            matched[a.index] = (b, "same")
            taken.add(b.index)
    candidates = sorted(
        (-similarity(a.name, b.name), a.index, b.index) for a in refs_a if a.index not in matched
        for b in refs_b if b.index not in taken
    )
    for neg, ia, ib in candidates:
        if -neg < SIMILAR_THRESHOLD:
            break
        if ia not in matched and ib not in taken:
            matched[ia] = (refs_b[ib], "reworded")
            taken.add(ib)
    pairs = []
    for a in refs_a:
        if a.index in matched:
            b, change = matched[a.index]
            ia, ib = doc_a.indicators[a.index], doc_b.indicators[b.index]
            figures = [FigureChange("baseline", ia.baseline, ib.baseline), FigureChange("target", ia.target, ib.target)]
            pairs.append(IndicatorPair(a, b, change, figures))
    return pairs, [a for a in refs_a if a.index not in matched], [b for b in refs_b if b.index not in taken]


def align(doc_a: pf.PlanDocument, doc_b: pf.PlanDocument) -> Alignment:
    """Plan A's nodes and indicators paired with plan B's (see the module's text for the rules)."""
    pairs, only_a, only_b = align_nodes(doc_a, doc_b)
    ind_pairs, ind_a, ind_b = align_indicators(doc_a, doc_b, (_refs(doc_a), _refs(doc_b)))
    return Alignment(pairs, only_a, only_b, ind_pairs, ind_a, ind_b)
