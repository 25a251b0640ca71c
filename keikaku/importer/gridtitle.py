"""A table's title rows, read apart from its header.

A sheet or a Word table often opens with a row holding one cell only, the table's title (a merged
cell across the sheet: 令和6年度 施策評価シート（施策2-1 …）) or a field of the sheet under it
(担当課：…, （所管：…）). Read as header rows they would give every column the title's year and
words; the grid is read from the first row that holds two cells or more, when rows of several
cells follow.
"""

from __future__ import annotations

from dataclasses import replace

from keikaku.importer.records import Grid

MAX_TITLE_ROWS = 3


def without_titles(grid: Grid) -> Grid:
    """``grid`` without its title rows at the top (itself when it has none)."""
    if grid.cols < 3:
        return grid
    rows = grid.row_texts()
    k = 0
    while k < min(MAX_TITLE_ROWS, len(rows) - 2) and _title_row(rows[k]):
        k += 1
    if k == 0 or sum(1 for texts in rows[k:] if sum(1 for t in texts if t.strip()) >= 3) < 2:
        return grid
    cells = tuple(replace(cell, row=cell.row - k) for cell in grid.cells if cell.row >= k)
    return Grid(cells=cells, rows=grid.rows - k, cols=grid.cols, source=grid.source)


def _title_row(texts: tuple[str, ...]) -> bool:
    filled = [k for k, t in enumerate(texts) if t.strip()]
    return filled == [0]
