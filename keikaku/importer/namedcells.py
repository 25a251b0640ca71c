"""Tables left one cell per line whose rows do not all have the header's length, rows found by their names.

An HTML table turned into pipe text one cell per line (``name |``, ``154 |``) keeps the cells but
loses the row breaks, and a cell spanning rows or columns leaves blank cells in some rows and not
in others (``| 登録者数 | 154 | 180 | 備考 |`` then ``うち市内 | 88 | 100 | | |``), so no
row length lines the cells up. Here a row starts at a name — a cell of words followed by a figure —
and runs to the next name; blank cells before a name (the padding of spanned cells) belong to no
row. The header is the run of header cells at the top; its first cell stands over the names even
when it is the table's title ending with a value word (``施策の確保目標``). A row longer than
the header, a placeholder (〔注記〕) or a header printed again ends the reading. The rows are then a
grid read like any other (``grid.py``).
"""

from __future__ import annotations

import re

from keikaku.importer.celllist import SINGLE_SHARE, _cell, _is_header, _source
from keikaku.importer.lexicon import header_words
from keikaku.importer.normalize import Line
from keikaku.importer.records import Grid, GridCell
from keikaku.importer.values import is_year_cell, parse_quantity

MIN_ROWS = 2
_PLACEHOLDER = re.compile(r"〔[^〔〕]*〕")


def _value(text: str) -> bool:
    return parse_quantity(text).kind in ("number", "empty", "maintain")


def _name(text: str) -> bool:
    return (bool(text) and not _value(text) and not is_year_cell(text) and not _PLACEHOLDER.search(text)
            and not _is_header(text) and parse_quantity(text).kind == "word")


def named_cell_grid(lines: list[Line]) -> Grid | None:
    """The grid of a one-cell-per-line table whose rows start at their names (None when it is not one)."""
    cells = [_cell(line) for line in lines]
    if sum(c is not None for c in cells) < SINGLE_SHARE * len(cells):
        return None
    kept = [(c, line) for c, line in zip(cells, lines) if c is not None and not c.startswith("※")]
    h = 0
    while h < len(kept) and _is_header(kept[h][0]):
        h += 1
    if h < 2:
        return None
    header, body = kept[:h], kept[h:]
    if not any(not c for c, _ in body):
        return None  # no blank cells: the rows line up, and the cell-by-cell reading reads them
    starts = [i for i in range(len(body) - 1) if _name(body[i][0]) and _value(body[i + 1][0])]
    if len(starts) < MIN_ROWS:
        return None
    rows: list[list[tuple[str, Line]]] = []
    for start, end in zip(starts, starts[1:] + [len(body)]):
        row = body[start:end]
        cut = next((k for k, (c, _) in enumerate(row) if _PLACEHOLDER.search(c) or _is_header(c)), len(row))
        row = row[:cut]
        while row and not row[-1][0]:
            row.pop()
        if len(row) > h:
            return None
        rows.append(row)
        if cut < end - start:
            break  # a placeholder or a header printed again: the table ends
    lex = header_words()
    first = header[0][0] if lex.role_of(header[0][0]) == "name" else ""  # a title over the names
    out = [GridCell(first if k == 0 else text, 0, k, source=_source(line)) for k, (text, line) in enumerate(header)]
    for r, row in enumerate(rows, start=1):
        out += [GridCell(text, r, k, source=_source(line)) for k, (text, line) in enumerate(row)]
    return Grid(tuple(out), len(rows) + 1, h, source=_source(header[0][1]))
