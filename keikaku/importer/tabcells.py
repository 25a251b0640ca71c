"""Tab-separated lines of a text document written as the spaced columns they stand for.

Some producers part a table's cells by one tab where a PDF extractor lays them out with runs of
spaces. A tab is a cell boundary, but it has no printed width: the cells of the rows no longer
stand under the header's cells, nor a line of years under the header words it dates (``（令和元年度）``
under ``現状値``). The readings of laid-out text measure cells by their printed columns, so before
lines are read each run of tabbed lines (tabbed lines at most ``_BRIDGE`` lines apart) is written
as spaced columns: every cell padded to the widest cell of its column (a line's last cell widens
none: nothing of its line stands after it), cells parted by ``_GAP`` spaces, and the line read as
text. A run that is a whole grid — two rows or more, one after another, each with a cell in every
column — keeps its cells and is read as a grid.

A line of fewer cells than the run's widest (a producer left out the empty cells before them):
- a line of header words and years beside a full line stands where its cells complete that line's
  cells: a year under a value word printed without one (``策定時`` over ``（H28年度）``), a value word
  over a year or over a bare ``年度`` (``基準`` over ``年度``); its other cells beside those;
- else a line of value cells only (figures, years, dashes, value words) stands under the last columns;
- any other line opens at the first column.

Only text documents are rewritten: the cells of a Word, Excel or PDF table are real cells.
"""

from __future__ import annotations

import re
from dataclasses import replace

from keikaku.importer.lexicon import header_words
from keikaku.importer.records import RawDocument, RawLine
from keikaku.importer.values import parse_quantity, parse_year_in
from keikaku.importer.width import printed_width

_GAP = 3  # spaces between two cells: wider than a gap between words
_BRIDGE = 2  # untabbed lines (a wrapped name, a year under a figure) a run may hold between tabbed lines
_FIGURE_OPENING = re.compile(r"^[(（]?[△▲\-－+＋]?[0-9０-９]")



def _figure_or_year(cell: str) -> bool:
    """A cell that is a figure (with its unit) or a year, in brackets or not: no name's words."""
    if not cell:
        return False
    rest, year = parse_year_in(cell)
    if year is not None and not re.sub(r"[()（）\s]|年度末|末|時点|現在|実績|見込", "", rest):
        return True
    return bool(_FIGURE_OPENING.match(cell)) and parse_quantity(cell).kind == "number"


_VALUE_ROLES = frozenset({"baseline", "interim", "target", "actual", "rate"})
_DATED_ROLES = frozenset({"baseline", "interim", "target", "actual"})
_HEADER_CELL = 12  # characters a value column's header cell may hold beside its year
_BARE_YEAR_WORD = 3  # characters of a header cell that only says its column holds years (年度, 年次)
_DIGIT = re.compile(r"[0-9０-９]")


def _value_cell(cell: str) -> bool:
    """A cell of a value column: a figure, a year, a dash or nothing, or a value column's header word."""
    if not cell or _figure_or_year(cell) or parse_quantity(cell).kind == "empty":
        return True
    rest = parse_year_in(cell)[0].strip()
    return len(rest) <= _HEADER_CELL and header_words().role_of(rest) in _VALUE_ROLES


def _cells(line: RawLine) -> list[str]:
    return [cell.strip() for cell in line.text.split("\t")]


def _runs(lines: list[RawLine]) -> list[list[int]]:
    """Indices of the tabbed lines, in runs whose members stand at most ``_BRIDGE`` lines apart."""
    runs: list[list[int]] = []
    for i, line in enumerate(lines):
        if "\t" not in line.text or line.grid is not None:
            continue
        if runs and i - runs[-1][-1] <= _BRIDGE + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _dated_word(cell: str) -> bool:
    """A value column's header word printed without its year (基準値, 実績, 策定時)."""
    return not _DIGIT.search(cell) and len(cell) <= _HEADER_CELL and header_words().role_of(cell) in _DATED_ROLES


def _year_only(cell: str) -> bool:
    rest, year = parse_year_in(cell)
    return year is not None and not re.sub(r"[()（）\s]|年度末|末|時点|現在", "", rest)


def _completes(cell: str, other: str, strength: int) -> bool:
    """Whether ``cell`` of a short line completes ``other``, the cell of the full line beside it:
    a year for a value word printed without one; a value word over a bare 年度 (``strength`` 2) or,
    where no such cell follows, over a year (``strength`` 1)."""
    if _year_only(cell):
        return _dated_word(other)
    if not _value_cell(cell) or _DIGIT.search(cell):
        return False
    if strength == 1:
        return _year_only(other)
    return not _DIGIT.search(other) and header_words().role_of(other) is None and 0 < len(other) <= _BARE_YEAR_WORD


def _beside(cells: list[str], full: list[str]) -> tuple[list[int], int] | None:
    """The columns of a short line's cells matched against a full line: each cell that completes a
    cell of ``full`` stands in its column, in order, the others next to them; with how many matched."""
    columns, at, matched = [], 0, 0
    for k, cell in enumerate(cells):
        room = len(full) - (len(cells) - k - 1)
        hit = next((c for strength in (2, 1) for c in range(at, room) if _completes(cell, full[c], strength)), None)
        columns.append(hit)
        if hit is not None:
            at, matched = hit + 1, matched + 1
    if not matched:
        return None
    first = next(k for k, c in enumerate(columns) if c is not None)
    placed = [columns[first] - (first - k) for k in range(first)] + columns[first:]
    for k in range(first + 1, len(placed)):
        if placed[k] is None:
            placed[k] = placed[k - 1] + 1
    if placed[0] < 0 or placed[-1] >= len(full) or any(b <= a for a, b in zip(placed, placed[1:])):
        return None
    return placed, matched


def _header_like(cell: str) -> bool:
    return _value_cell(cell) or header_words().role_of(parse_year_in(cell)[0].strip()) not in (None, "name")


def _placing(i: int, cells: list[str], rows: dict[int, list[str]], columns: int) -> list[int]:
    """The column of each cell of line ``i``."""
    if len(cells) == columns or not cells[0]:
        return list(range(len(cells)))
    if all(_header_like(c) for c in cells):
        found = [_beside(cells, rows[j]) for j in (i - 1, i + 1) if len(rows.get(j, ())) == columns]
        found = [f for f in found if f is not None]
        if found:
            return max(found, key=lambda f: f[1])[0]
    if all(_value_cell(c) for c in cells):
        return list(range(columns - len(cells), columns))
    return list(range(len(cells)))


def spread_tab_cells(doc: RawDocument) -> RawDocument:
    """``doc`` with its tabbed lines written as spaced columns (text documents only)."""
    if doc.format != "text" or not any("\t" in line.text for line in doc.lines):
        return doc
    lines = list(doc.lines)
    for run in _runs(lines):
        rows = {i: _cells(lines[i]) for i in run}
        columns = max(len(cells) for cells in rows.values())
        if len(run) > 1 and len({len(cells) for cells in rows.values()}) == 1 and run[-1] - run[0] == len(run) - 1:
            continue  # a whole grid, every row in every column: its cells are read as they are
        placed = {i: _placing(i, cells, rows, columns) for i, cells in rows.items()}
        widths = [0] * columns
        for i, cells in rows.items():
            for k, cell in enumerate(cells[:-1]):  # a line's last cell pushes no cell after it
                widths[placed[i][k]] = max(widths[placed[i][k]], printed_width(cell))
        starts = [0] * columns
        for k in range(1, columns):
            starts[k] = starts[k - 1] + widths[k - 1] + _GAP
        for i, cells in rows.items():
            text = ""
            for k, cell in enumerate(cells):
                if cell:
                    text += " " * max(starts[placed[i][k]] - printed_width(text), 1 if text else 0) + cell
            lines[i] = replace(lines[i], text=text, cells=None)
    return replace(doc, lines=lines)
