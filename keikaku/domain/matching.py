"""Pairing the records of two editions of a plan, and what changed between them.

Nodes, indicators and projects keep their identity across a re-import when they are paired
here. The rule, in order:

1. nodes by their numbering path (the chain of numbers from the root: 2 › 20), unique in both;
2. what is left by the similarity of titles and names (rapidfuzz), at the same level;
3. what is left by position, among the leftovers of the same level under the same (paired) parent.

Indicators and projects are paired under their paired node by the same name, then by a similar
name; then a leftover with the same name elsewhere in the plan (moved); then by position under
the paired node.
Everything here is pure: two ``PlanDocument`` in, pairs and a ``ChangeSet`` out.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from keikaku.domain import planfile as pf

SIMILAR = 80.0  # the least rapidfuzz ratio (0-100) at which two titles or names are the same record
MAX_FUZZY_PAIRS = 250_000  # beyond this many candidate pairs, similarity is left out (position still pairs)


def fold(text: str | None) -> str:
    """Text as compared: NFKC, without spaces."""
    return "".join(unicodedata.normalize("NFKC", text or "").split())


@dataclass(frozen=True)
class Pairing:
    """Index in the new document → index in the old one, for each kind of record."""

    nodes: dict[int, int]
    indicators: dict[int, int]
    projects: dict[int, int]


def _node_paths(doc: pf.PlanDocument) -> list[tuple[str, ...]]:
    by_id = {n.id: n for n in doc.nodes}

    def step(n: pf.Node) -> str:
        return fold(n.number) if n.number and fold(n.number) else "#" + n.id

    out = []
    for n in doc.nodes:
        chain, cur, seen = [], n, set()
        while cur is not None and cur.id not in seen:
            seen.add(cur.id)
            chain.append(step(cur))
            cur = by_id.get(cur.parent) if cur.parent else None
        out.append(tuple(reversed(chain)))
    return out


def _unique(keys: Sequence[Any]) -> dict[Any, int]:
    counts: dict[Any, int] = defaultdict(int)
    for k in keys:
        counts[k] += 1
    return {k: i for i, k in enumerate(keys) if counts[k] == 1 and k is not None}


def _greedy(olds: list[int], news: list[int], score: Callable[[int, int], float], pairs: dict[int, int]) -> None:
    """Pair leftovers by descending similarity, at least ``SIMILAR``."""
    if not olds or not news or len(olds) * len(news) > MAX_FUZZY_PAIRS:
        return
    scored = [(s, o, n) for o in olds for n in news if (s := score(o, n)) >= SIMILAR]
    used_old: set[int] = set(pairs.values())
    for _s, o, n in sorted(scored, key=lambda x: (-x[0], x[2], x[1])):
        if n not in pairs and o not in used_old:
            pairs[n] = o
            used_old.add(o)


def _ratio(a: str | None, b: str | None) -> float:
    a, b = fold(a), fold(b)
    return fuzz.ratio(a, b) if a and b else 0.0


def match_nodes(old: pf.PlanDocument, new: pf.PlanDocument) -> dict[int, int]:
    pairs: dict[int, int] = {}
    old_paths, new_paths = _unique(_node_paths(old)), _unique(_node_paths(new))
    for path, n in new_paths.items():
        if path in old_paths:
            pairs[n] = old_paths[path]

    def left() -> tuple[list[int], list[int]]:
        used = set(pairs.values())
        return [i for i in range(len(old.nodes)) if i not in used], [i for i in range(len(new.nodes)) if i not in pairs]

    old_left, new_left = left()
    by_level: dict[str, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for o in old_left:
        by_level[fold(old.nodes[o].level)][0].append(o)
    for n in new_left:
        by_level[fold(new.nodes[n].level)][1].append(n)

    def score(o: int, n: int) -> float:
        a, b = old.nodes[o], new.nodes[n]
        return max(_ratio(a.title, b.title), _ratio(a.name, b.name) if a.name and b.name else 0.0)

    for olds, news in by_level.values():
        _greedy(olds, news, score, pairs)

    # position: the leftovers of one level under the same parent, in order
    old_index = {node.id: i for i, node in enumerate(old.nodes)}
    new_index = {node.id: i for i, node in enumerate(new.nodes)}
    old_left, new_left = left()
    groups: dict[tuple[str, int | None], tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for o in old_left:
        parent = old.nodes[o].parent
        groups[(fold(old.nodes[o].level), old_index.get(parent) if parent else None)][0].append(o)
    for n in new_left:
        parent = new.nodes[n].parent
        mapped = pairs.get(new_index[parent], -1) if parent and parent in new_index else None
        groups[(fold(new.nodes[n].level), mapped)][1].append(n)
    for olds, news in groups.values():
        for o, n in zip(olds, news):
            pairs[n] = o
    return pairs


def _match_under_nodes(old_items: Sequence[Any], new_items: Sequence[Any], old_nodes: Sequence[pf.Node],
                       new_nodes: Sequence[pf.Node], node_pairs: dict[int, int]) -> dict[int, int]:
    """Indicators or projects: under the paired node by name, similar name; same name anywhere; position."""
    old_node_index = {n.id: i for i, n in enumerate(old_nodes)}
    new_node_index = {n.id: i for i, n in enumerate(new_nodes)}
    groups: dict[int | None, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for o, item in enumerate(old_items):
        groups[old_node_index[item.node] if item.node else None][0].append(o)
    for n, item in enumerate(new_items):
        groups[node_pairs.get(new_node_index[item.node], -1) if item.node else None][1].append(n)
    pairs: dict[int, int] = {}
    for olds, news in groups.values():
        old_names, new_names = _unique([fold(old_items[o].name) for o in olds]), _unique([fold(new_items[n].name) for n in news])
        for name, k in new_names.items():
            if name in old_names:
                pairs[news[k]] = olds[old_names[name]]
        used = set(pairs.values())
        _greedy([o for o in olds if o not in used], [n for n in news if n not in pairs],
                lambda o, n: _ratio(old_items[o].name, new_items[n].name), pairs)
    used = set(pairs.values())  # moved: the same name under another node
    old_rest = _unique([fold(x.name) if i not in used else None for i, x in enumerate(old_items)])
    new_rest = _unique([fold(x.name) if i not in pairs else None for i, x in enumerate(new_items)])
    for name, n in new_rest.items():
        if name in old_rest:
            pairs[n] = old_rest[name]
    used = set(pairs.values())
    for olds, news in groups.values():
        for o, n in zip([o for o in olds if o not in used], [n for n in news if n not in pairs]):
            pairs[n] = o
    return pairs


def match_plans(old: pf.PlanDocument, new: pf.PlanDocument) -> Pairing:
    """Pair the nodes, indicators and projects of ``new`` with those of ``old``."""
    nodes = match_nodes(old, new)
    return Pairing(
        nodes=nodes,
        indicators=_match_under_nodes(old.indicators, new.indicators, old.nodes, new.nodes, nodes),
        projects=_match_under_nodes(old.projects, new.projects, old.nodes, new.nodes, nodes),
    )


# --- the change set ------------------------------------------------------------------------------

@dataclass(frozen=True)
class FieldChange:
    field: str
    before: Any
    after: Any

    def to_json(self) -> dict[str, Any]:
        return {"field": self.field, "before": self.before, "after": self.after}


@dataclass(frozen=True)
class Change:
    """One added, removed or changed record: ``kind`` plan, node, indicator or project.

    ``number`` is the node's number (an indicator's or project's: its node's), ``name`` the node's
    title or the record's name; ``old``/``new`` index the record in each document."""

    kind: str
    number: str | None
    name: str
    fields: tuple[FieldChange, ...]
    old: int | None = None
    new: int | None = None
    level: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "level": self.level, "number": self.number, "name": self.name,
                "fields": [f.to_json() for f in self.fields]}


@dataclass(frozen=True)
class ChangeSet:
    added: tuple[Change, ...]
    removed: tuple[Change, ...]
    changed: tuple[Change, ...]
    pairing: Pairing = field(repr=False, compare=False, default=Pairing({}, {}, {}))

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def to_json(self) -> dict[str, Any]:
        return {"added": [c.to_json() for c in self.added], "removed": [c.to_json() for c in self.removed],
                "changed": [c.to_json() for c in self.changed]}


def _value_fields(prefix: str, value: pf.Value | None) -> dict[str, Any]:
    if value is None:
        return {f"{prefix}.value": None, f"{prefix}.year": None, f"{prefix}.text": None}
    return {f"{prefix}.value": value.value, f"{prefix}.year": value.year, f"{prefix}.text": value.text}


def _block(title: str | None, text: str | None, items: Sequence[str]) -> str:
    return "\n".join(filter(None, [title, text, *("・" + i for i in items)]))


def node_fields(doc: pf.PlanDocument, i: int) -> dict[str, Any]:
    n = doc.nodes[i]
    out: dict[str, Any] = {"level": n.level, "number": n.number, "title": n.title, "name": n.name, "subtitle": n.subtitle,
                           "fields": list(n.fields), "departments": list(n.departments), "sdgs": list(n.sdgs)}
    for s in n.sections:
        out.setdefault(f"section {s.heading}", _block(None, s.text, s.items))
    for a in doc.actions:
        if a.node == n.id:
            out.setdefault(f"action {a.number or a.title}", _block(a.title, None, a.items))
    return out


def indicator_fields(ind: pf.Indicator) -> dict[str, Any]:
    out: dict[str, Any] = {"name": ind.name, "kind": ind.kind, "unit": ind.unit, "direction": ind.direction,
                           **_value_fields("baseline", ind.baseline), **_value_fields("target", ind.target),
                           "interim_targets": [{"value": t.value, "year": t.year, "text": t.text} for t in ind.interim_targets],
                           "definition": ind.definition, "notes": list(ind.notes), "source": ind.source,
                           "department": ind.department}
    for a in ind.actuals:
        out[f"actual {a.year}"] = a.value if a.value is not None else a.text
    return out


def project_fields(p: pf.Project) -> dict[str, Any]:
    out: dict[str, Any] = {"name": p.name, "department": p.department}
    for year, stage in p.schedule.items():
        out[f"schedule {year}"] = stage
    return out


def plan_fields(doc: pf.PlanDocument) -> dict[str, Any]:
    return {"title": doc.title, "kind": doc.kind, "status": doc.status, "status_label": doc.status_label,
            "period": [doc.period.start, doc.period.end] if doc.period else None, "vision": doc.vision}


SUMMARY = {  # what an added or removed record shows
    "node": ("level", "number", "title"),
    "indicator": ("name", "unit", "baseline.value", "baseline.year", "baseline.text", "target.value", "target.year", "target.text"),
    "project": ("name", "department"),
}


def _diff(before: dict[str, Any], after: dict[str, Any]) -> tuple[FieldChange, ...]:
    keys = list(before) + [k for k in after if k not in before]
    return tuple(FieldChange(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k))


def _summary(kind: str, fields: dict[str, Any], *, added: bool) -> tuple[FieldChange, ...]:
    picked = [k for k in fields if k in SUMMARY[kind] or (kind == "project" and k.startswith("schedule"))]
    return tuple(FieldChange(k, None if added else fields[k], fields[k] if added else None)
                 for k in picked if fields[k] is not None)


def change_set(old: pf.PlanDocument, new: pf.PlanDocument, pairing: Pairing | None = None) -> ChangeSet:
    """What applying ``new`` over ``old`` adds, removes and changes, field by field (origins left out)."""
    pairing = pairing or match_plans(old, new)
    added: list[Change] = []
    removed: list[Change] = []
    changed: list[Change] = []
    plan_diff = _diff(plan_fields(old), plan_fields(new))
    if plan_diff:
        changed.append(Change("plan", None, new.title, plan_diff))

    def node_of(doc: pf.PlanDocument) -> dict[str, pf.Node]:
        return {n.id: n for n in doc.nodes}

    old_nodes, new_nodes = node_of(old), node_of(new)
    old_node_index = {n.id: i for i, n in enumerate(old.nodes)}
    new_node_index = {n.id: i for i, n in enumerate(new.nodes)}

    def number_of(nodes: dict[str, pf.Node], key: str | None) -> str | None:
        return nodes[key].number if key and key in nodes else None

    def parent_of(doc_nodes: Sequence[pf.Node], index: dict[str, int], i: int) -> int | None:
        parent = doc_nodes[i].parent
        return index[parent] if parent else None

    for kind, olds, news, pairs, fields_of in (
        ("node", old.nodes, new.nodes, pairing.nodes, None),
        ("indicator", old.indicators, new.indicators, pairing.indicators, indicator_fields),
        ("project", old.projects, new.projects, pairing.projects, project_fields),
    ):
        def fields(doc: pf.PlanDocument, items: Sequence[Any], i: int) -> dict[str, Any]:
            return node_fields(doc, i) if kind == "node" else fields_of(items[i])  # noqa: B023

        def ident(doc_nodes: dict[str, pf.Node], item: Any) -> tuple[str | None, str, str | None]:
            if kind == "node":  # noqa: B023
                return item.number, item.title, item.level
            return number_of(doc_nodes, item.node), item.name, None

        for n, item in enumerate(news):
            number, name, level = ident(new_nodes, item)
            if n not in pairs:
                added.append(Change(kind, number, name, _summary(kind, fields(new, news, n), added=True), new=n, level=level))
                continue
            o = pairs[n]
            before, after = fields(old, olds, o), fields(new, news, n)
            if kind == "node":
                old_parent = parent_of(old.nodes, old_node_index, o)
                new_parent = parent_of(new.nodes, new_node_index, n)
                if old_parent != (pairing.nodes.get(new_parent) if new_parent is not None else None):
                    before["parent"] = old.nodes[old_parent].title if old_parent is not None else None
                    after["parent"] = new.nodes[new_parent].title if new_parent is not None else None
            else:
                old_node = old_node_index.get(olds[o].node) if olds[o].node else None
                new_node = new_node_index.get(item.node) if item.node else None
                if old_node != (pairing.nodes.get(new_node) if new_node is not None else None):
                    before["node"], after["node"] = number_of(old_nodes, olds[o].node), number_of(new_nodes, item.node)
            diff = _diff(before, after)
            if diff:
                changed.append(Change(kind, number, name, diff, old=o, new=n, level=level))
        used = set(pairs.values())
        for o, item in enumerate(olds):
            if o not in used:
                number, name, level = ident(old_nodes, item)
                removed.append(Change(kind, number, name, _summary(kind, fields(old, olds, o), added=False), old=o, level=level))
    return ChangeSet(tuple(added), tuple(removed), tuple(changed), pairing)
