"""An indicator table with a column group per plan period, its header printed in two runs.

A measure sheet that reports its indicators over a plan's first half and over its whole term
heads two column groups, each with the period and its span in brackets over role words of
``lexicon/headers.toml`` (目標値, 実績値, 達成率). A PDF extractor that prints one cell a line gives
the name column's header, the first period and its role words, then every row's opening cells
(its number, its name, the first group's first figures and maybe a note), then the second period
and its role words (and the header of a text column after them, a definition), then the rest of
every row's figures, row after row, each row's closed by its text cell::

    指標名 / 第1期(令和元年度∼令和3年度) / 目標値(単位) / 実績値(単位) / 達成率(%)
    ① / 体験教室の参加者数 / 900(人) / (a note)
    ② / 体験教室の開催回数 / 30(回)
    第2期(令和4年度∼令和6年度) / 目標値(単位) / 実績値(単位) / 達成率(%) / 指標の定義
    1,020(人) / 113.3 / 1,100(人) / (definition) / 27(回) / 90.0 / 32(回) / (definition)

A row's opening figures, then its rest, fill the groups' value columns in order; cells left empty
at a row's end print nothing. A figure's year is the last fiscal year of its period's span. The
last group's target is the indicator's target, an earlier group's an interim one. A unit in
brackets after a figure, under a header that says its cells carry the unit ((単位)), is the unit.
Rows are opened by their numbers (①, (1)); the rest of the rows is cut by the text cells, or
shared evenly between the rows when the header names no text column; what does not fit is not
read.
"""

from __future__ import annotations

import re

from keikaku.importer.known import NewRows
from keikaku.importer.lexicon import VALUE_ROLES, header_words
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import parse_quantity, parse_year

MAX_SPAN = 80  # lines from a table's first period cell to its second
_DASH = "∼〜~\\-－"
# a period cell: a short label and the span of fiscal years in brackets (…(H18年度∼H22年度))
_SPAN = re.compile(rf"^(?P<label>[^\s()]{{1,10}})\((?P<first>[^()\s{_DASH}]{{1,10}})[{_DASH}](?P<last>[^()\s{_DASH}]{{1,10}})\)$")
_ERA = re.compile(r"^(?:明治|大正|昭和|平成|令和|[HRS])")
_MARKER = re.compile(r"^(?:[①-⑳]|\(\d{1,2}\))$")
_UNIT_CELL = re.compile(r"^(?P<figure>.+?)\((?P<unit>[^()\d]{1,6})\)$")
_CARRIES_UNIT = re.compile(r"\(単位\)")


def _span_end(line: Line) -> int | None:
    """The last fiscal year of a period cell's span, else None."""
    m = _SPAN.match(line.key)
    if m is None:
        return None
    last = parse_year(m["last"])
    if last is None and (era := _ERA.match(m["first"])) is not None:
        last = parse_year(era.group(0) + m["last"])  # (平成18∼22年度): the second year takes the first's era
    return last if last is not None and parse_year(m["first"]) is not None else None


def _roles(lines: list[Line], start: int) -> tuple[list[str], bool, int]:
    """The value roles of the header cells from ``start`` on, whether one says its cells carry the
    unit, and the index after them."""
    roles: list[str] = []
    carries = False
    k = start
    while k < len(lines) and parse_quantity(lines[k].key).kind != "number" \
            and (role := header_words().role_of(lines[k].key)) in VALUE_ROLES:
        roles.append(role)
        carries |= _CARRIES_UNIT.search(lines[k].key) is not None
        k += 1
    return roles, carries, k


def _is_figure(line: Line) -> bool:
    return parse_quantity(line.key).kind in ("number", "maintain")


def _openings(lines: list[Line], start: int, stop: int) -> list[tuple[Line, list[Line]]] | None:
    """Each row's name line and opening figures between the two header runs (as many in every
    row), else None."""
    rows: list[tuple[Line, list[Line]]] = []
    k = start
    while k < stop:
        if _MARKER.match(lines[k].key) is None or k + 1 >= stop:
            return None
        name = lines[k + 1]
        if _is_figure(name) or header_words().role_of(name.key) is not None or _MARKER.match(name.key):
            return None
        figures: list[Line] = []
        k += 2
        while k < stop and _MARKER.match(lines[k].key) is None:
            if _is_figure(lines[k]):
                figures.append(lines[k])
            k += 1  # any other cell is a note
        rows.append((name, figures))
    if not rows or len({len(figures) for _, figures in rows}) != 1:
        return None  # a column layout opens every row with as many figures
    return rows


def _rests(lines: list[Line], start: int, n_rows: int, texts: bool) -> list[list[Line]] | None:
    """The rest of each of ``n_rows`` rows from ``start`` on: figures up to a text cell, or (no text
    column) the run of figures shared evenly."""
    rests: list[list[Line]] = []
    k = start
    if texts:
        for _ in range(n_rows):
            figures: list[Line] = []
            while k < len(lines) and _is_figure(lines[k]):
                figures.append(lines[k])
                k += 1
            if k >= len(lines) or _MARKER.match(lines[k].key):
                return None
            rests.append(figures)
            k += 1
        return rests
    run: list[Line] = []
    while k < len(lines) and _is_figure(lines[k]):
        run.append(lines[k])
        k += 1
    if not run or len(run) % n_rows:
        return None
    size = len(run) // n_rows
    return [run[r * size:(r + 1) * size] for r in range(n_rows)]


def _row(name: Line, cells: list[Line], columns: list[tuple[str, int]], carries: bool) -> IndicatorRow | None:
    row = IndicatorRow(name="", origin=origin_of(name))
    set_name(name.text, row)
    if not row.name:
        return None
    last_target = max((k for k, (role, _) in enumerate(columns[:len(cells)]) if role == "target"), default=None)
    for k, (cell, (role, year)) in enumerate(zip(cells, columns)):
        text = cell.key
        if carries and (m := _UNIT_CELL.match(text)) is not None:
            row.unit = row.unit or m["unit"]
            text = m["figure"]
        if role == "target" and k != last_target:
            role = "interim"
        put_value(row, role, year, text, origin=origin_of(cell))
    infer(row)
    return row


def period_group_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """The indicators of the two-period tables on ``lines`` (see the module's doc), but those ``known``."""
    spans = [(i, end) for i, ln in enumerate(lines) if "(" in ln.key and (end := _span_end(ln)) is not None]
    if len(spans) < 2:
        return []
    new = NewRows(known)
    lex = header_words()
    for (s1, y1), (s2, y2) in zip(spans, spans[1:]):
        if s2 - s1 > MAX_SPAN or y2 <= y1:
            continue
        if not any(lex.role_of(lines[k].key) == "name" for k in range(max(0, s1 - 2), s1)):
            continue
        roles1, carries1, open_at = _roles(lines, s1 + 1)
        roles2, carries2, after = _roles(lines, s2 + 1)
        if not roles1 or not roles2 or (rows := _openings(lines, open_at, s2)) is None:
            continue
        texts = after < len(lines) and lex.role_of(lines[after].key) not in (None, *VALUE_ROLES)
        while after < len(lines) and lex.role_of(lines[after].key) not in (None, *VALUE_ROLES):
            after += 1  # the headers of text columns (a definition) after the second group
        rests = _rests(lines, after, len(rows), texts)
        if rests is None:
            continue
        columns = [(role, y1) for role in roles1] + [(role, y2) for role in roles2]
        for (name, opening), rest in zip(rows, rests):
            cells = opening + rest
            if not cells or len(cells) > len(columns):
                continue
            if (row := _row(name, cells, columns, carries1 or carries2)) is not None:
                new.add(row)
    return new.rows
