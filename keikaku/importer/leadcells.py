"""Text columns printed before the indicator's name: a project's name, a field, a group.

An implementation plan lists each project with the indicator that measures it (spaces as printed)::

    No.  事業名                  所管課      指標名                       単位  現状値  R6 …
    1    コミュニティ送迎事業    福祉課      送迎の利用者数                人    1,200   …

Collapsed, the project's name would run into the indicator's. Before lines are collapsed, under a
header line whose name column (指標名) has text columns before it — cells without a figure that no
vocabulary names, a row number column (No.) aside — every following row's cell standing under such
a header cell (their printed columns overlap), words without a figure of at most ``_LONGEST``
characters with a figure after them, is moved to the end of its line, and so is the header cell:
text beside the figures, which the table readings keep out of the name and the values. The header's
other cells keep their printed columns, so that a line of years under it stays under its cells.
"""

from __future__ import annotations

import re

from keikaku.importer.lexicon import VALUE_ROLES, header_words
from keikaku.importer.records import RawDocument
from keikaku.importer.stackedheader import _CELL, cells_of, move_columns
from keikaku.importer.values import parse_year_in

_FIGURE = re.compile(r"[0-9０-９]")
_NUMBER_COLUMN = re.compile(r"^(?:[Nn][Oo]\.?|№|番号|通番|#)$")
_LONGEST = 20  # characters: a longer cell is a sentence


def _lead_columns(text: str) -> list[tuple[int, int]]:
    cells = cells_of(text)
    roles = [header_words().role_of(c) for _, _, c in cells]
    if "name" not in roles:
        return []
    n = roles.index("name")
    if not any(r in VALUE_ROLES for r in roles[n + 1:]):
        return []
    lead = [(s, e) for (s, e, c), r in zip(cells[:n], roles[:n]) if r is None and not _NUMBER_COLUMN.match(c)]
    if any(_FIGURE.search(c) for _, _, c in cells[:n]):
        return []
    return lead


def _figure(cell: str) -> bool:
    """Whether a cell prints a figure other than a year alone (``（R元）``, ``(2019)``)."""
    if not _FIGURE.search(cell):
        return False
    rest, year = parse_year_in(cell)
    return year is None or bool(_FIGURE.search(rest))


def _moved(text: str, columns: list[tuple[int, int]], header: bool) -> str | None:
    cells = cells_of(text)
    starts = [m.start() for m in _CELL.finditer(text)]
    chosen = []
    for k, (s, e, cell) in enumerate(cells):
        if not any(min(e, end) - max(s, start) > 0 for start, end in columns):
            continue
        if not header and (_FIGURE.search(cell) or len(cell) > _LONGEST or not any(_figure(c) for _, _, c in cells[k + 1:])):
            continue  # a header's second line (番号 over the years of its value words) is not a row
        chosen.append(k)
    if not chosen:
        return None
    out = text
    for k in reversed(chosen):  # blanked where they stood, so that the other cells keep their columns
        s, e, cell = cells[k]
        out = out[:starts[k]] + " " * (e - s) + out[starts[k] + len(cell):]
    return out.rstrip() + "".join("  " + cells[k][2] for k in chosen)


def move_lead_cells(doc: RawDocument) -> RawDocument:
    """``doc`` with every text cell standing before a row's name moved after its figures."""
    return move_columns(doc, _lead_columns, _moved, a_header_ends=True)
