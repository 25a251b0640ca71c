"""A ruled table too wide for its page, printed over on the next page: its columns put back beside it.

A spreadsheet printed without fitting its width goes down and then over: the next page opens with
the columns that did not fit, ruled as their own table, under their own header and with no name
column. As two grids, the second reads as a table of nameless rows. So a page whose first table is
such a part is joined to the last table of the page before when, by form and count alone:

- the part's top rows are header rows: each cell empty, a year, or a header word of
  ``lexicon/headers.toml`` that names a value (baseline, actual, target, interim), none naming the
  name or the unit column, and at least one such cell;
- every row below them holds figures only (numbers, ``－``, empty cells), one at least;
- the table before counts as many rows, and its own rows below the same number of top rows
  each begin with a name (a cell that is not a figure).

The part's columns are then appended to the table before (its cells keep their own boxes), and the
part leaves its page.
"""

from __future__ import annotations

from dataclasses import replace

from keikaku.importer.records import Grid
from keikaku.importer.values import parse_quantity, parse_year_in

_VALUE_ROLES = frozenset({"baseline", "actual", "target", "interim"})
_NO_FIGURE = frozenset({"－", "-", "―", "—", "‐", "…"})


def _figure(text: str) -> bool:
    text = text.strip()
    return not text or text in _NO_FIGURE or parse_quantity(text).kind == "number"


def _head(text: str) -> str | None:
    """``value`` for a head naming a value or a year, ``""`` for an empty cell, else None."""
    from keikaku.importer.lexicon import header_words

    text = "".join(text.split())
    if not text:
        return ""
    if header_words().role_of(text) in _VALUE_ROLES:
        return "value"
    rest, year = parse_year_in(text)
    return "value" if year is not None and not rest.strip("()（）[]【】 ") else None


def _header_rows(grid: Grid) -> int | None:
    """How many top rows of ``grid`` are value heads over rows of figures only (None if it is no part)."""
    rows = grid.row_texts()
    top = 0
    while top < len(rows) and not all(_figure(t) for t in rows[top]):
        heads = [_head(t) for t in rows[top]]
        if None in heads or "value" not in heads:
            return None
        top += 1
    body = rows[top:]
    if top == 0 or not body or not all(all(_figure(t) for t in row) and any(t.strip() for t in row) for row in body):
        return None
    return top


def _named(grid: Grid, top: int) -> bool:
    rows = grid.row_texts()
    return len(rows) > top and all(row and not _figure(row[0]) for row in rows[top:])


def joined(before: Grid, part: Grid) -> Grid | None:
    """``before`` with the columns of ``part`` appended, when ``part`` is its columns printed over."""
    if before.rows != part.rows or (top := _header_rows(part)) is None or not _named(before, top):
        return None
    moved = tuple(replace(c, col=c.col + before.cols) for c in part.cells)
    return Grid(before.cells + moved, before.rows, before.cols + part.cols, before.source)


def join_over_pages(pages: list, joined_item) -> list:  # type: ignore[no-untyped-def]
    """Each page's first item, when it is a part printed over, joined to the last table of the page
    before (``joined_item(before_item, grid)`` makes the joined item); the pages without it."""
    out = [list(page) for page in pages]
    for i in range(1, len(out)):
        page, previous = out[i], out[i - 1]
        if not page or page[0].grid is None or not previous or previous[-1].grid is None:
            continue
        grid = joined(previous[-1].grid, page[0].grid)
        if grid is not None:
            previous[-1] = joined_item(previous[-1], grid)
            page.pop(0)
    return out

