"""Rows whose figures follow numbered markers, the markers' roles given once by a key line.

A report retyped as running text (a newspaper's list of a plan's indicators) prints a key, then
one indicator a line, each figure after the marker the key gave its role::

    ▽指標項目(単位)=①30年度目標②30年度実績③達成率(%)
    ▽市民農園の区画数(区画)=①160②152③95・0

The key is a name word of ``headers.toml`` (項目, 指標 …), maybe ``(単位)`` after it, then ``=`` and
a run of markers each followed by a role phrase with its year (目標値, 実績値, 達成率 …). The
markers are circled numbers or, where a text lost the lead byte of their two-byte code, the
characters they fall to (``@ A B`` for ① ② ③); either way they count up from the first. A row is
a name, its unit in brackets when the key names one, ``=`` and a figure after each of the key's
markers. Figures may be printed as vertical print writes them: ``・`` between digits is the
decimal point (105・3), ``、`` before three digits the thousands separator (18、500). The target
and actual figures take the year of their phrase (a bare year in the document's era); rates give
nothing. A line with another count of markers, or a non-figure after one, is no row.
"""

from __future__ import annotations

import re

from keikaku.importer.known import NewRows
from keikaku.importer.lexicon import header_words
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import parse_quantity, parse_year

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
_DROPPED = "@ABCDEFGHI"  # ① … ⑩ with the lead byte of their code lost
_SEQUENCES = (_CIRCLED, _DROPPED)
_EQUALS = re.compile(r"^\s*[▽▼◇◆○●・■□※]?\s*(?P<left>[^=＝]{2,60}?)\s*[=＝]\s*(?P<right>.+)$")
_UNIT_TAIL = re.compile(r"[(（](?P<unit>[^()（）]{1,12})[)）]$")
_DECIMAL = re.compile(r"(?<=\d)・(?=\d)")
_THOUSANDS = re.compile(r"(?<=\d)、(?=\d{3}(?!\d))")
_EMPTY = ("-", "－", "―", "—", "ー")
_ROLES = ("baseline", "target", "actual", "rate")
_TRIGGER = re.compile(r"[=＝]\s*[①@]")  # a key or a row: the first marker right after =


def _split(right: str) -> list[str] | None:
    """The parts after each marker of ``right``, which must open with the first marker of a sequence."""
    for sequence in _SEQUENCES:
        if not right.startswith(sequence[0]):
            continue
        parts: list[str] = []
        rest, k = right[1:], 1
        while k < len(sequence) and (at := rest.find(sequence[k])) >= 0:
            parts.append(rest[:at])
            rest, k = rest[at + 1:], k + 1
        return [p.strip() for p in parts + [rest]]
    return None


def _key(line: Line) -> tuple[list[tuple[str, int | None]], bool] | None:
    """The roles (and years) of a key line's markers, and whether its rows carry a unit in brackets."""
    m = _EQUALS.match(line.key)
    if m is None:
        return None
    left = m.group("left")
    unit = _UNIT_TAIL.search(left)
    words = header_words()
    head = left[: unit.start()] if unit else left
    if words.role_of(head) != "name":
        return None
    parts = _split(m.group("right"))
    if parts is None or len(parts) < 2:
        return None
    roles = [(words.role_of(p), parse_year(p)) for p in parts]
    if any(r not in _ROLES for r, _ in roles) or not any(r in ("target", "actual") for r, _ in roles):
        return None
    return [(r, y) for r, y in roles], bool(unit) and words.role_of(unit.group("unit")) == "unit"


def _figure(part: str) -> str | None:
    """A marker's figure as the values module reads it; '' for an empty cell; None when not a figure."""
    if part in _EMPTY:
        return ""
    text = _THOUSANDS.sub(",", _DECIMAL.sub(".", part))
    return text if parse_quantity(text).kind == "number" else None


def keyed_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """The rows of the keyed lists on ``lines`` (see the module's description), but those ``known``."""
    if not _TRIGGER.search("\n".join(ln.key for ln in lines)):
        return []
    kept = NewRows(known)
    key: tuple[list[tuple[str, int | None]], bool] | None = None
    for line in lines:
        if "=" not in line.key and "＝" not in line.key:
            continue
        if (got := _key(line)) is not None:
            key = got
            continue
        if key is not None and (row := _row(line, *key)) is not None and kept.add(row):
            infer(row)
    return kept.rows


def _row(line: Line, roles: list[tuple[str, int | None]], with_unit: bool) -> IndicatorRow | None:
    m = _EQUALS.match(line.key)
    if m is None:
        return None
    parts = _split(m.group("right"))
    if parts is None or len(parts) != len(roles):
        return None
    figures = [_figure(p) for p in parts]
    if any(f is None for f in figures) or not any(figures):
        return None
    name, unit = m.group("left"), None
    if with_unit and (tail := _UNIT_TAIL.search(name)) is not None and name[: tail.start()].strip():
        name, unit = name[: tail.start()], tail.group("unit")
    row = IndicatorRow(name="", origin=origin_of(line))
    set_name(name, row)
    if not row.name:
        return None
    row.unit = unit or row.unit
    for (role, year), figure in zip(roles, figures):
        if figure and role in ("baseline", "target", "actual"):
            put_value(row, role, year, figure, origin=row.origin)
    return row
