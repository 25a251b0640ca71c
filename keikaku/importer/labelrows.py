"""A sheet whose value rows are labelled in its header, then read by the number of their cells.

The header prints the columns on one line — a value word (現状) and consecutive years — and then
one line per labelled row of the sheet: the row's label once when the row is one merged cell
(目標), or once per column when it has a cell per column (実績 実績 …, a label the vocabulary does
not know as well: a row of marks). Each indicator after it is a name (maybe broken over lines,
a circled number before it, its unit last) and then its value lines, each a run of figures or
dashes: every value line goes to the next labelled row with exactly as many cells. A row of one
cell under a value word gives that role's value without a year (目標: the target); a row with a
cell per column gives the columns' values (the value word's column by its role, the years'
columns by the row's role). Rows whose counts do not fit are refused.
"""

from __future__ import annotations

import re

from keikaku.importer.cellsheet import role
from keikaku.importer.lexicon import value_units
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import parse_quantity, parse_year_in
from keikaku.importer.width import fold
from keikaku.importer.known import NewRows

_MARK = re.compile(r"^[①-⑳]\s*")
_ROLES = ("baseline", "target", "actual", "interim")


def label_row_sheets(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """The indicators of sheets whose value rows are labelled in the header, but those ``known``."""
    kept = NewRows(known)
    for i, line in enumerate(lines):
        columns = _columns(line.key)
        if columns is None:
            continue
        labels, j = _labels(lines, i + 1, len(columns))
        if len(labels) < 2 or not any(r in _ROLES for r, _ in labels):
            continue
        for row in _rows(lines, j, columns, labels):
            if kept.add(row):
                infer(row)
    return kept.rows




def _columns(key: str) -> list[tuple[str | None, int | None]] | None:
    """The columns of a line `value word, consecutive years` as (role, year); None for any other line."""
    toks = key.split()
    if len(toks) < 3 or role(toks[0]) not in _ROLES:
        return None
    years = []
    for tok in toks[1:]:
        rest, year = parse_year_in(tok)
        if year is None or rest.strip(" ()（）"):
            return None
        years.append(year)
    if any(b != a + 1 for a, b in zip(years, years[1:])):
        return None
    return [(role(toks[0]), None)] + [(None, y) for y in years]


def _labels(lines: list[Line], j: int, width: int) -> tuple[list[tuple[str | None, int]], int]:
    """The labelled rows printed one per line from ``j``: (role, cells) — one cell, or one per column."""
    labels: list[tuple[str | None, int]] = []
    while j < len(lines):
        toks = lines[j].key.split()
        if not toks or len(set(toks)) != 1 or len(toks) not in (1, width) or _value(toks[0]):
            break
        r = role(toks[0])
        if len(toks) == 1 and r not in _ROLES:
            break
        labels.append((r, len(toks)))
        j += 1
    return labels, j


def _value(tok: str) -> bool:
    return parse_quantity(tok).kind in ("number", "empty")


def _rows(lines: list[Line], j: int, columns: list[tuple[str | None, int | None]],
          labels: list[tuple[str | None, int]]) -> list[IndicatorRow]:
    out: list[IndicatorRow] = []
    name: list[Line] = []
    runs: list[list[str]] = []
    for line in [*lines[j:], None]:
        toks = line.key.split() if line is not None else []
        if line is not None and toks and all(_value(t) for t in toks):
            if not name:
                break
            runs.append(line.text.split())
            continue
        if name and runs:
            row = _row(name, runs, columns, labels)
            if row is None:
                break
            out.append(row)
            name, runs = [], []
        if line is None or role(line.key) is not None or len(name) >= 3:
            break
        name.append(line)
    return out


def _row(name: list[Line], runs: list[list[str]], columns: list[tuple[str | None, int | None]],
         labels: list[tuple[str | None, int]]) -> IndicatorRow | None:
    row = IndicatorRow(name="", origin=origin_of(name[0]))
    text = _MARK.sub("", "".join(fold(ln.text) for ln in name))
    head, _, unit = text.rpartition(" ")
    if head.strip() and unit in value_units():
        text, row.unit = head, unit  # the unit column printed after the name
    set_name(text, row)
    k = 0
    for cells in runs:
        while k < len(labels) and labels[k][1] != len(cells):
            k += 1
        if k == len(labels):
            return None
        label, _ = labels[k]
        k += 1
        if label not in _ROLES:
            continue
        if len(cells) == 1:
            put_value(row, label, None, cells[0])
            continue
        for (col_role, year), cell in zip(columns, cells):
            if parse_quantity(cell).kind == "number":
                put_value(row, col_role or label, year, cell)
    return row if row.name and (row.baseline or row.target or row.actuals) else None
