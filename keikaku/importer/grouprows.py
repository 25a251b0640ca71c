"""Rows that print their values once per group: ``name`` then ``groupA 64% up groupB 61% up class``.

A table whose header names one baseline and one target column may print, for one indicator, a
pair of values for each of several groups (two ages, two districts), each pair after the group's
word. Such a row has no single baseline: it gives the indicator's name, the unit the groups'
figures share and the direction their targets agree on (増加, 減少, ↑). The name is the text
printed since the last row, a bracketed tail ending with a source word (``[source_cells]`` in
``headers.toml``: …調査) being its source. Read only when the table's other readings found no row.
"""

from __future__ import annotations

import re

from keikaku.importer.lexicon import _load
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import (MAX_HEADER_LINES, IndicatorRow, _header_columns, _is_header_line, _tokens,
                                     set_name)
from keikaku.importer.values import parse_direction, parse_quantity
from keikaku.importer.width import fold

_VALUES = ("baseline", "target")
_TAIL = re.compile(r"^(.*?)\s*[(（]([^()（）]+)[)）]$")


def grouped_rows(lines: list[Line], *, default_era: str | None = None) -> list[IndicatorRow]:
    """Rows of a table whose rows print one value pair per group; [] unless there are some."""
    h = 1
    while h < len(lines) and h < MAX_HEADER_LINES and not lines[h].cells and _is_header_line(lines[h]):
        h += 1
    columns, _ = _header_columns(lines[:h], default_era)
    roles = [c.role for c in columns if c.role not in ("name", "other")]
    n = sum(r in _VALUES for r in roles)
    if n == 0 or roles[:n] != [r for r in roles if r in _VALUES]:
        return []
    spare = len(roles) - n
    out: list[IndicatorRow] = []
    name: list[str] = []
    start: Line | None = None
    for line in lines[h:]:
        toks = _tokens(fold(line.text), line.text)
        groups = _groups(toks, n, spare)
        if groups is None:
            if any(parse_quantity(t).kind == "number" for t in toks):
                name, start = [], None  # a row of another form
            else:
                name.append(line.text)
                start = start or line
            continue
        if name and start is not None:
            out.append(_row(" ".join(name), groups, roles[:n], start))
        name, start = [], None
    return out


def _groups(toks: list[str], n: int, spare: int) -> list[list[str]] | None:
    """The value runs of a line printing ``word v…`` (n values) twice or more, then at most ``spare`` cells."""
    groups: list[list[str]] = []
    i = 0
    while i + n < len(toks) and _group_word(toks[i]) and all(_value(t) for t in toks[i + 1:i + 1 + n]) \
            and parse_quantity(toks[i + 1]).kind == "number":
        groups.append(toks[i + 1:i + 1 + n])
        i += 1 + n
    if len(groups) < 2 or len(toks) - i > spare or any(_value(t) and parse_quantity(t).kind == "number" for t in toks[i:]):
        return None
    return groups


def _group_word(tok: str) -> bool:
    return parse_quantity(tok).kind == "word" and parse_direction(tok) is None and not re.search(r"[0-9]", tok)


def _value(tok: str) -> bool:
    return parse_quantity(tok).kind in ("number", "maintain", "empty") or parse_direction(tok) is not None


def _row(name: str, groups: list[list[str]], roles: list[str], line: Line) -> IndicatorRow:
    row = IndicatorRow(name="", origin=origin_of(line))
    m = _TAIL.match(name)
    if m and m.group(1) and m.group(2).endswith(tuple(_load("headers.toml")["source_cells"]["endings"])):
        name, row.source = m.group(1), m.group(2)
    set_name(name, row)
    units = {parse_quantity(g[0]).unit for g in groups}
    if len(units) == 1:
        row.unit = row.unit or units.pop()
    if "target" in roles:
        k = roles.index("target")
        directions = {parse_direction(g[k]) for g in groups}
        if len(directions) == 1:
            row.direction = directions.pop()
    return row
