"""A department column printed between the names and the figures of a spaced table.

Progress tables often print who answers for a row (所管課, 担当課) right after its name::

    No.  目標項目                        所管課      策定時     R3      R4     目標(R8)
     1   審議会等の女性委員の割合         総務課      31.2%      32.0%   33.5%  40.0%

Read as it stands, the department runs into the name (or is taken for it). Before lines are
collapsed, under a header line whose department cell stands after the first cell and before a
value cell, every following row's cell standing under that header cell (their printed columns
overlap) — words without a figure, of at most ``_LONGEST`` characters, with a figure after it —
is moved to the end of its line, and so is the header cell: a text column after the figures,
which the table readings keep out of the name and the values. The header's other cells keep their
printed columns, so that a line of years under the header (現状値 over (R5)) stays under its cell.
"""

from __future__ import annotations

import re

from keikaku.importer.lexicon import VALUE_ROLES, header_words
from keikaku.importer.records import RawDocument
from keikaku.importer.stackedheader import _CELL, cells_of, move_columns
from keikaku.importer.values import parse_year_in

_FIGURE = re.compile(r"[0-9０-９]")
_LONGEST = 12  # characters: a longer cell is a name or a sentence


def _valued(cell: str) -> bool:
    return header_words().role_of(cell) in VALUE_ROLES or parse_year_in(cell)[1] is not None


def _department_column(text: str) -> tuple[int, int] | None:
    """The printed columns of a header's department cell standing after its name, before a value cell."""
    cells = cells_of(text)
    roles = [header_words().role_of(c) for _, _, c in cells]
    for k, role in enumerate(roles):
        if role == "department" and k >= 1 and any(_valued(c) for _, _, c in cells[k + 1:]):
            return cells[k][0], cells[k][1]
    return None


def _moved(text: str, column: tuple[int, int], header: bool) -> str | None:
    start, end = column
    cells = cells_of(text)
    for k, (s, e, cell) in enumerate(cells):
        if k == 0 or min(e, end) - max(s, start) <= 0:
            continue
        if not header and (_FIGURE.search(cell) or len(cell) > _LONGEST or not any(_FIGURE.search(c) for _, _, c in cells[k + 1:])):
            return None
        if header:  # the other cells keep their columns: a year line under the header stays under its cell
            at = [m.start() for m in _CELL.finditer(text)][k]
            return (text[:at] + " " * (e - s) + text[at + len(cell):]).rstrip() + "  " + cell
        rest = [c for j, (_, _, c) in enumerate(cells) if j != k]
        indent = text[:len(text) - len(text.lstrip())]
        return indent + "  ".join(rest + [cell])
    return None


def move_department_cells(doc: RawDocument) -> RawDocument:
    """``doc`` with every department cell between a row's name and its figures moved after them."""
    return move_columns(doc, _department_column, _moved)
