"""A header line that names value columns only, with no cell over the indicators' names.

Many sheets print the first column's header cell empty: ``目標値 実績(平成18年度) 達成率`` over
rows such as ``公民館の数 7館 6館 86%``. Every cell of such a line is a value role of the header
lexicon (a baseline, a target, an actual, a rate, a unit) or a year; at least one is a baseline, a
target or an actual; and within the next few lines a row follows that opens with words and holds
two figures or more. Group lines between the header and the first row (``1.施設``) and the rest
of a header broken over lines (``(平成18年度)`` / ``達成率``) are passed over. A last cell naming a
grade column (評価) is allowed, and a row printed one cell per line — its row label (成果指標1), its
name on one or two lines, then two figures or more, one a line — opens the table too, and so do two such rows without the label.
"""

from __future__ import annotations

import re

from keikaku.importer.lexicon import header_words, value_units
from keikaku.importer.normalize import Line
from keikaku.importer.values import parse_quantity, parse_year_in

_VALUE_ROLES = frozenset({"baseline", "target", "actual", "interim", "rate", "unit", "direction"})
_AIMS = frozenset({"baseline", "target", "actual"})
_DATED = re.compile(r"(?:昭和|平成|令和|[HRS])\s*(?:元|[0-9]{1,2})\s*年度?|[0-9]{4}\s*年度?")
_LOOK_AHEAD = 5  # lines between the header and its first row (the header's rest, a group line)


def _cell_role(cell: str) -> str | None:
    rest = parse_year_in(cell)[0]
    if not rest.strip("()（） "):
        return "year"
    return header_words().role_of(rest)


def _header_roles(key: str) -> set[str] | None:
    """The roles of a line's cells when every cell is a value role or a year (None otherwise); a
    last cell naming a note column (評価: a grade) is allowed after two value cells."""
    cells = key.split()
    if not cells or len(cells) > 12 or len(key) > 80:
        return None
    roles = [_cell_role(cell) for cell in cells]
    if len(roles) >= 3 and roles[-1] == "note" and sum(r in _VALUE_ROLES for r in roles) >= 2:
        roles.pop()
    if None in roles or not set(roles) <= _VALUE_ROLES | {"year"}:
        return None
    return set(roles)  # type: ignore[arg-type]


def _figure(word: str) -> bool:
    return parse_quantity(parse_year_in(word)[0]).kind == "number"


def _figures_row(key: str) -> bool:
    """Words, then two figures or more (a numbering before the words is allowed)."""
    words = key.split()
    named = [i for i, w in enumerate(words) if parse_quantity(w).kind == "word" and not _figure(w)]
    if not named:
        return False
    return sum(_figure(w) for w in words[named[0] + 1:]) >= 2


def value_roles_header(lines: list[Line], i: int) -> bool:
    """Whether ``lines[i]`` is a header of value columns only, over rows that open with a name."""
    if lines[i].cells:
        return False
    roles = _header_roles(lines[i].key)
    if roles is None or len(lines[i].key.split()) < 2 and not _continues(lines, i):
        return False
    whole = True  # every line so far a header cell: the rows start right under the header
    for k, line in enumerate(lines[i + 1:i + 1 + _LOOK_AHEAD], start=i + 1):
        more = _header_roles(line.key)
        if more is not None:
            roles |= more
            continue
        if _figures_row(line.key) or _cells_row(lines, k) or (whole and _bare_cell_rows(lines, k) and _opens_header(lines, i)):
            return bool(roles & _AIMS)
        if len(line.key) > 20 or sum(_figure(w) for w in line.key.split()) > 1:
            return False  # prose, or figures without a name before them
        whole = False
    return False


def row_label(key: str) -> bool:
    """A name header word with a row's number (成果指標1, 活動指標2): a row's label, not a header cell."""
    m = re.fullmatch(r"(\S{1,8}?)\s*([0-9]{1,2})", key)
    return m is not None and header_words().role_of(m.group(1)) == "name"


def _cells_row(lines: list[Line], j: int) -> bool:
    """A row printed one cell per line from ``lines[j]``: its row label (成果指標1), a name (one or
    two short lines of words), then two figures or more, one a line."""
    if j >= len(lines) or not row_label(lines[j].key):
        return False
    k = j
    while k < len(lines) and k - j < 3 and not _figure(lines[k].key) and len(lines[k].key) <= 40 and " " not in lines[k].key:
        k += 1
    figures = 0
    while k + figures < len(lines) and _figure(lines[k + figures].key) and " " not in lines[k + figures].key:
        figures += 1
    return k > j and figures >= 2


def _name_cell(word: str) -> bool:
    """Words, maybe opening with a number that is no figure (20歳代の受診率: no unit after the 20)."""
    if not _figure(word):
        return True
    unit = parse_quantity(parse_year_in(word)[0]).unit or ""
    return len(unit) > 4 and unit not in value_units()


def _opens_header(lines: list[Line], i: int) -> bool:
    """Whether the header starts at ``lines[i]``: the line above is no header cell (a short name word, a
    value word) and holds no year, as a header begun higher up would."""
    if i == 0:
        return True
    above = lines[i - 1].key
    return (header_words().role_of(above) is None or len(above) > 8) and parse_year_in(above)[1] is None


def _bare_cell_rows(lines: list[Line], j: int) -> bool:
    """Two rows printed one cell per line from ``lines[j]`` with no row label: each a name on one
    line (words, no figure, no unit alone) and then as many figures, two or more, one a line."""
    counts = []
    k = j
    for _ in range(2):
        if k >= len(lines) or " " in lines[k].key or not 3 <= len(lines[k].key) <= 40 or lines[k].key in value_units() \
                or not _name_cell(lines[k].key) or _header_roles(lines[k].key):
            return False
        k += 1
        figures = 0
        while k < len(lines) and " " not in lines[k].key and _figure(lines[k].key):
            figures += 1
            k += 1
        counts.append(figures)
    return counts[0] >= 2 and counts[0] == counts[1]


def _continues(lines: list[Line], i: int) -> bool:
    """A one-cell header line whose next line names another value column (目標値 / 実績)."""
    key = lines[i].key
    if _DATED.search(key):
        return False  # a dated title above a table (平成18年度実績), not its first header cell
    return i + 1 < len(lines) and _header_roles(lines[i + 1].key) is not None


def group_line(lines: list[Line], i: int) -> bool:
    """A short line without figures right above a row of figures, inside a table: a group's title."""
    key = lines[i].key
    if len(key) > 20 or sum(_figure(w) for w in key.split()) > 1 or _figures_row(key):
        return False
    return i + 1 < len(lines) and _figures_row(lines[i + 1].key)


def dated_columns(valued: list[int], roles: list[str], years: int, header: list[Line]) -> list[int]:
    """Which undated value columns the header's lines of years date, in order.

    Years printed one per line date the columns in order (策定時 / (R1) / 実績 / (R4)). A
    line of fewer years under a line of several value cells (目標値 実績 / (平成18年度)) dates the
    actuals first: a target without its year is still a target, an actual without one is lost.
    """
    spread = any(k and len(header[k - 1].key.split()) >= 2 and not _DATED.sub("", line.key).strip(" ()（）")
                 for k, line in enumerate(header))
    if not spread or not 0 < years < len(valued):
        return valued
    return sorted(sorted(valued, key=lambda k: roles[valued.index(k)] != "actual")[:years])
