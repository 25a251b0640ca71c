"""A table comparing two dates, the same columns under each, one row per category: the measure the
table's title names, at both dates, is each row's record.

Reports on the stock a plan manages (facilities and their floor area, housing, land) print its
state at two dates side by side::

    市有建物の保有面積の推移                           ← the title names the measure
    区分 平成24年度末 令和4年度末                       ← two dates
    増減 棟数 保有面積 (平方メートル) 棟数 保有面積 (平方メートル)
    庁舎等 本庁舎 (第1・第2庁舎) 5 21,480.10 6 22,015.30 535.20
    地区会館 (会館・分館) 18 12,300.55 17 11,980.00 △320.55

The date line holds exactly two dates (a year, maybe 年度, 末, 現在 or 時点 after it) and short
label cells. The header cells under it (the longest run of lines before the first figure that
makes a whole header: a first row's categories may stand on a line of their own) are the same sub-columns under
each date (棟数 保有面積 割合), maybe their units in brackets, and difference cells (words of
``[tables] difference_cell`` in ``lexicon/patterns.toml``: 差, 増減), printed anywhere in the
header but last in the rows. The measure is the one sub-column whose word the line above the
dates holds. A row is its category cells and exactly as many figures as the columns (a row
broken over lines is joined); the category cells of a group are printed on its first row only,
so a row's name is its last cell with the examples in brackets after it (庁舎等 本庁舎 (第1・
第2庁舎) → 本庁舎(第1・第2庁舎)). Each row gives the measure's figure at each date, an actual of
that date's fiscal year; a row with another count of figures ends the table.
"""

from __future__ import annotations

import re

from keikaku.importer.lexicon import pattern
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import ERA, parse_quantity, parse_year

_DATE = re.compile(rf"^(?:{ERA}(?:元|[0-9]{{1,2}})|[0-9]{{4}})年度?末?(?:現在|時点)?$")
_BRACKETED = re.compile(r"^[(（][^()（）]+[)）]$")
_HEADER_LINES = 16
_LABEL_CELLS = 4


def _figure(token: str) -> bool:
    return parse_quantity(token).kind == "number"


def _dates(line: Line) -> tuple[int, int] | None:
    cells = line.key.split()
    dated = [c for c in cells if _DATE.match(c)]
    others = [c for c in cells if not _DATE.match(c)]
    if len(dated) != 2 or len(others) > _LABEL_CELLS or any(_figure(c) for c in others):
        return None
    first, second = parse_year(dated[0]), parse_year(dated[1])
    return (first, second) if first is not None and second is not None and first < second else None


def _columns(cells: list[str]) -> tuple[list[str], list[str | None], int] | None:
    """(sub-columns of one date, their units, difference columns) from the header cells."""
    words: list[str] = []
    units: dict[str, str] = {}
    for cell in cells:
        if _BRACKETED.match(cell):
            if words and words[-1] not in units:
                units[words[-1]] = cell.strip("()（）")
            continue
        words.append(cell)
    differences = [w for w in words if pattern("tables", "difference_cell").search(w)]
    rest = [w for w in words if w not in differences]
    k = len(rest) // 2
    if k == 0 or len(rest) != 2 * k or rest[:k] != rest[k:]:
        return None
    return rest[:k], [units.get(w) for w in rest[:k]], len(differences)


def _name(cells: list[str]) -> str:
    """A row's category: its last cell and the examples in brackets after it."""
    examples = []
    while cells and _BRACKETED.match(cells[-1]):
        examples.insert(0, cells.pop())
    return (cells[-1] if cells else "") + "".join(examples)


def two_date_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """The rows of the two-date comparison tables on ``lines`` (see the module's description), but those ``known``."""
    found: list[IndicatorRow] = []
    for i in range(1, len(lines)):
        years = _dates(lines[i])
        if years is None:
            continue
        header: list[str] = []
        columns, j, end = None, i + 1, i + 1
        while end < len(lines) and end - i <= _HEADER_LINES and not any(_figure(t) for t in lines[end].key.split()):
            header += lines[end].key.split()
            end += 1
            if (got := _columns(header)) is not None:
                columns, j = got, end  # the header so far is whole: a first row's category may follow
        if columns is None:
            continue
        words, units, differences = columns
        title = lines[i - 1].key
        named = [n for n, w in enumerate(words) if w in title]
        if len(named) != 1:
            continue
        measure, width = named[0], 2 * len(words) + differences
        found += [r for r in _rows(lines[j:], years, measure, len(words), width, units[measure]) if r.name not in known]
    return found


def _rows(lines: list[Line], years: tuple[int, int], measure: int, k: int, width: int,
          unit: str | None) -> list[IndicatorRow]:
    """The table's rows from its first row's line on: the measure's figures at the two dates."""
    rows: list[IndicatorRow] = []
    cells: list[str] = []
    figures: list[str] = []
    first: Line | None = None
    for line in lines:
        for token in line.key.split():
            if _figure(token):
                if not cells:
                    return rows
                figures.append(token)
                if len(figures) == width:
                    row = IndicatorRow(name="", origin=origin_of(first or line))
                    set_name(_name(cells), row)
                    row.unit = row.unit or unit
                    for year, cell in zip(years, (figures[measure], figures[k + measure])):
                        put_value(row, "actual", year, cell, origin=row.origin)
                    infer(row)
                    if row.name:
                        rows.append(row)
                    cells, figures, first = [], [], None
                continue
            if figures:
                return rows  # a category before its row had all its figures: not this table's row
            if "。" in token:
                return rows
            cells.append(token)
            first = first or line
    return rows
