"""Corrections to a plan read from a document, before it is stored: pure operations on a PlanDocument.

Each operation takes a plan and returns a new one; the plan given is never changed. The result
is checked by the plan file's own rules (the pydantic schema, then ``reference_problems``), so
an edit that would make the plan unloadable (an empty title, a node under its own child, two
indicators of one name under one node) raises ``DraftEditError`` naming what is wrong.

Nodes are named by their id; indicators by their position in ``plan.indicators`` (the web page
that shows the positions also carries the draft's version, so a stale form is refused there).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from keikaku.domain import planfile as pf
from keikaku.domain.enums import Direction
from keikaku.domain.errors import FieldProblem, KeikakuError, PlanFileError


class DraftEditError(KeikakuError):
    """An edit that names nothing in the plan, or whose result breaks a rule of the plan file.
    ``code`` names the rule, ``field`` the form field at fault and ``values`` fill the rule's words
    (the web edge's); a broken plan-file rule takes them from its first problem."""

    http_status = 422

    def __init__(self, message: str, problems: Iterable[FieldProblem] = (), *, code: str = "", field: str | None = None,
                 **values: Any):
        self.problems = list(problems)
        detail = "; ".join(str(p) for p in self.problems)
        first = self.problems[0] if self.problems else None
        self.code = code or (first.code if first and first.code else "plan_rule")
        self.field = field if field is not None else (_field_of(first.path) if first else None)
        self.values = {**(first.values if first else {}), **values}
        super().__init__(f"{message}: {detail}" if detail else message)


def _field_of(path: str) -> str | None:
    """The field a plan-file path ends in: ``indicators[0].target.value`` → ``target_value``, ``nodes[3].title`` → ``title``."""
    names = [part for part in re.split(r"\[\d+\]\.?|\.", path) if part]
    if len(names) >= 3 and names[-2] in ("baseline", "target"):
        return f"{names[-2]}_{names[-1]}"
    return names[-1] if len(names) > 1 else None


class _Unset:
    def __repr__(self) -> str:
        return "UNSET"


UNSET: Any = _Unset()  # "leave this field as it is" (None means "clear it")


@dataclass(frozen=True)
class Figure:
    """A baseline or target as typed by a person: the number, its fiscal year, the words as printed."""

    value: float | int | None = None
    year: int | None = None
    text: str | None = None


# --- the checks -----------------------------------------------------------------------------

def _checked(data: dict[str, Any], what: str) -> pf.PlanDocument:
    try:
        return pf.parse_plan_document(data, what)
    except PlanFileError as exc:
        raise DraftEditError(f"{what} would break the plan file's rules", exc.problems) from None


def _node_position(doc: pf.PlanDocument, node_id: str) -> int:
    for i, node in enumerate(doc.nodes):
        if node.id == node_id:
            return i
    raise DraftEditError(f"no node with id {node_id!r}", code="rv_no_node", field="node")


def _indicator_position(doc: pf.PlanDocument, index: int) -> int:
    if not 0 <= index < len(doc.indicators):
        raise DraftEditError(f"no indicator at position {index} ({len(doc.indicators)} indicators)", code="rv_no_indicator",
                             field="indicator")
    return index


def _text(value: str | None) -> str | None:
    """Stripped text; empty text is None."""
    if value is None:
        return None
    value = value.strip()
    return value or None


def descendants(doc: pf.PlanDocument, node_id: str) -> list[str]:
    """The ids of every node below ``node_id``, in document order."""
    below: set[str] = {node_id}
    changed = True
    while changed:
        changed = False
        for node in doc.nodes:
            if node.parent in below and node.id not in below:
                below.add(node.id)
                changed = True
    return [n.id for n in doc.nodes if n.id in below and n.id != node_id]


# --- nodes ----------------------------------------------------------------------------------

def set_node(doc: pf.PlanDocument, node_id: str, *, title: str = UNSET, number: str | None = UNSET,
             level: str = UNSET) -> pf.PlanDocument:
    """The plan with the node's title, printed number (None or "" for none) and level word changed."""
    k = _node_position(doc, node_id)
    data = doc.to_json_dict()
    node = data["nodes"][k]
    if title is not UNSET:
        node["title"] = _text(title) or ""
    if number is not UNSET:
        node["number"] = _text(number)
    if level is not UNSET:
        node["level"] = _text(level) or ""
    return _checked(data, f"node {node_id!r}")


def set_node_departments(doc: pf.PlanDocument, node_id: str, departments: Iterable[str]) -> pf.PlanDocument:
    """The plan with the node's departments (所管課) replaced; blanks and repeats are dropped."""
    k = _node_position(doc, node_id)
    names: list[str] = []
    for name in departments:
        name = (name or "").strip()
        if name and name not in names:
            names.append(name)
    data = doc.to_json_dict()
    data["nodes"][k]["departments"] = names
    return _checked(data, f"departments of node {node_id!r}")


def set_node_sdgs(doc: pf.PlanDocument, node_id: str, sdgs: Iterable[int]) -> pf.PlanDocument:
    """The plan with the node's SDGs (1–17) replaced, in ascending order without repeats."""
    k = _node_position(doc, node_id)
    goals = sorted(set(sdgs))
    bad = [g for g in goals if not 1 <= g <= 17]
    if bad:
        raise DraftEditError(f"SDGs are numbered 1 to 17, not {', '.join(map(str, bad))}", code="bad_sdg", field="sdgs")
    data = doc.to_json_dict()
    data["nodes"][k]["sdgs"] = goals
    return _checked(data, f"SDGs of node {node_id!r}")


def move_node(doc: pf.PlanDocument, node_id: str, *, parent: str | None, position: int | None = None) -> pf.PlanDocument:
    """The plan with the node (and everything below it) moved under ``parent`` (None: the top).

    ``position`` is its place among its new siblings, from 0; None or past the last puts it last.
    The nodes below it keep their order and move with it in the document's list.
    """
    _node_position(doc, node_id)
    if parent is not None:
        _node_position(doc, parent)
        if parent == node_id or parent in descendants(doc, node_id):
            raise DraftEditError(f"node {node_id!r} cannot move under itself or a node below it ({parent!r})", code="cycle",
                                 field="parent")
    if position is not None and position < 0:
        raise DraftEditError(f"a position counts from 0, not {position}", code="bad_position", field="position")
    subtree = {node_id, *descendants(doc, node_id)}
    data = doc.to_json_dict()
    block = [n for n in data["nodes"] if n["id"] in subtree]
    rest = [n for n in data["nodes"] if n["id"] not in subtree]
    block[0]["parent"] = parent
    siblings = [i for i, n in enumerate(rest) if n["parent"] == parent]
    if position is not None and position < len(siblings):
        at = siblings[position]
    elif parent is None:
        at = len(rest)
    else:  # last child: after the parent's whole subtree
        below_parent = {parent, *(d for d in descendants(doc, parent) if d not in subtree)}
        at = max(i for i, n in enumerate(rest) if n["id"] in below_parent) + 1
    data["nodes"] = rest[:at] + block + rest[at:]
    return _checked(data, f"moving node {node_id!r}")


# --- indicators -----------------------------------------------------------------------------

def _figure(old: dict[str, Any] | None, new: Figure | None) -> dict[str, Any] | None:
    """The new figure as a plan value, keeping where the old one was read from."""
    if new is None or (new.value is None and new.year is None and not _text(new.text)):
        return None
    return {"value": new.value, "year": new.year, "text": _text(new.text), "origin": (old or {}).get("origin")}


def set_indicator(doc: pf.PlanDocument, index: int, *, name: str = UNSET, unit: str | None = UNSET,
                  direction: Direction | str | None = UNSET, baseline: Figure | None = UNSET,
                  target: Figure | None = UNSET, node: str | None = UNSET) -> pf.PlanDocument:
    """The plan with fields of the indicator at ``index`` changed (None clears a field; a figure's origin is kept)."""
    k = _indicator_position(doc, index)
    data = doc.to_json_dict()
    ind = data["indicators"][k]
    if name is not UNSET:
        ind["name"] = _text(name) or ""
    if unit is not UNSET:
        ind["unit"] = _text(unit)
    if direction is not UNSET:
        if direction in (None, ""):
            ind["direction"] = None
        else:
            try:
                ind["direction"] = Direction(direction).value
            except ValueError:
                raise DraftEditError(f"a direction is one of {', '.join(d.value for d in Direction)}, not {direction!r}",
                                     code="bad_choice", field="direction") from None
    if baseline is not UNSET:
        ind["baseline"] = _figure(ind["baseline"], baseline)
    if target is not UNSET:
        ind["target"] = _figure(ind["target"], target)
    if node is not UNSET:
        if node is not None:
            _node_position(doc, node)
        ind["node"] = node
    return _checked(data, f"indicator {index} ({doc.indicators[k].name})")


def drop_indicator(doc: pf.PlanDocument, index: int) -> pf.PlanDocument:
    """The plan without the indicator at ``index``: a row that was read as an indicator but is none."""
    k = _indicator_position(doc, index)
    data = doc.to_json_dict()
    del data["indicators"][k]
    return _checked(data, f"dropping indicator {index}")


# --- reading what a person typed --------------------------------------------------------------

_LIST_SEPARATORS = re.compile(r"[,、，;；\n]+")


def split_list(text: str) -> list[str]:
    """``保育課、子育て支援課`` → the names, split at commas (、,，), semicolons and line breaks."""
    return [part.strip() for part in _LIST_SEPARATORS.split(text or "") if part.strip()]


def sdg_numbers(text: str) -> list[int]:
    """``3, 4、11`` → [3, 4, 11]; full-width digits are read; anything else is refused."""
    out = []
    for part in split_list(unicodedata.normalize("NFKC", text or "").replace(" ", ",")):
        if not (part.isascii() and part.isdigit() and len(part) <= 2 and 1 <= int(part) <= 17):
            raise DraftEditError(f"SDGs are numbered 1 to 17, not {part!r}", code="bad_sdg", field="sdgs")
        out.append(int(part))
    return out


def figure_number(text: str, field: str | None = None) -> float | int | None:
    """A typed figure: ``1,200`` → 1200, ``72.5`` → 72.5, ``－１５`` → -15, empty → None."""
    folded = unicodedata.normalize("NFKC", text or "").strip().replace(",", "").replace("−", "-").replace("－", "-")
    if not folded:
        return None
    if not re.fullmatch(r"-?\d{1,16}(\.\d{1,10})?", folded):
        raise DraftEditError(f"not a number: {text.strip()[:40]!r}", code="bad_number", field=field)
    value = float(folded)
    return int(value) if value.is_integer() and "." not in folded else value


def year_number(text: str, field: str | None = None) -> int | None:
    """A typed fiscal year (``2025``, ``２０２５``); empty → None. Its range is the plan file's to check."""
    folded = unicodedata.normalize("NFKC", text or "").strip()
    if not folded:
        return None
    if not (folded.isascii() and folded.isdigit() and len(folded) == 4):
        raise DraftEditError(f"a fiscal year is four digits, such as 2025, not {text.strip()[:20]!r}", code="bad_year",
                             field=field)
    return int(folded)
