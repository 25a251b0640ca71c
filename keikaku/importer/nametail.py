"""A row's name wrapped under its own figures in a spaced table.

Text a PDF extractor laid out prints a long name cell over two lines; when the row's figures
stand on the first line, the second holds only the end of the name (``1日30分以上の運動を週2回以上
する人  成人  33.5%  42.0%`` / ``の割合``). Read alone, that end is a name of its own run into the
next row. Before lines are collapsed, a line of one short cell with no figure that opens with a
particle (の, を, に, が, へ, や, で: words a name does not open with) — or that ends like a name
(割合, 率) under a name cell that does not, even opening with a figure, or that is one bracketed
qualifier (（1施設あたり）) —, standing at the column
where the line above opens its name (after a number column or a marker, ①, (1), where its words
open), after a line of three cells or more holding a figure, is
put back at the end of that line's first cell.
"""

from __future__ import annotations

import re

from keikaku.importer.lexicon import fold_key, name_endings
from keikaku.importer.records import RawDocument, RawLine
from keikaku.importer.stackedheader import cells_of
from keikaku.importer.underjoin import join_under
from keikaku.importer.width import printed_width

_PARTICLES = "のをにがへやで"
_FIGURE = re.compile(r"[0-9０-９]")
_BRACKET_END = re.compile(r"\([^()]*\)$")
_WHOLE_BRACKET = re.compile(r"\([^()]{1,10}\)")
_NUMBER_CELL = re.compile(r"(?:No\.?)?[0-9０-９]{1,3}\.?")
_MARKER = re.compile(r"(?:[①-⑳]|[(（][0-9０-９]{1,2}[)）])[ \u3000]*")
TAIL_LENGTH = 12  # characters: a longer line is a name or a sentence of its own
_SLACK = 2  # printed columns the two lines may open apart



def _opens_tail(text: str) -> bool:
    return text[0] in _PARTICLES and not _FIGURE.search(text)


def _ends_cut_name(text: str, name: str) -> bool:
    """A tail that ends like a name (割合, 率, 数), maybe with a bracketed group after it, under a
    name cell that does not: the name was cut where it still needed its ending (``…医療機関への照会``
    / ``4回以上の割合``, ``…と回答した`` / ``児童の割合（小学6年生）``), even when the tail opens with a
    figure. The tail holds no figure other than that one's count (no unit cell of its own)."""
    key, head = _BRACKET_END.sub("", fold_key(text)), fold_key(name)
    endings = name_endings()
    return key.endswith(endings) and not head.endswith(endings) and len(_FIGURE.findall(key)) <= 2 and " " not in text


def _bracketed(text: str) -> bool:
    """A tail that is one bracketed qualifier (``（1施設あたり）``): it closes the name above."""
    return bool(_WHOLE_BRACKET.fullmatch(fold_key(text)))


def _name_cell(row: list[tuple[int, int, str]]) -> tuple[int, int]:
    """The index of the row's name cell and the printed column its words open at: after a number
    column (``4   name``) the second cell; after a marker in the cell (``③ name``) the marker's end."""
    if len(row) > 3 and _NUMBER_CELL.fullmatch(row[0][2]):
        return 1, row[1][0]
    marker = _MARKER.match(row[0][2])
    return 0, row[0][0] + (printed_width(marker.group(0)) if marker else 0)


def join_name_tails(doc: RawDocument) -> RawDocument:
    """``doc`` with every name end wrapped under its row put back into the row's name cell."""
    return join_under(doc, _with_tail)


def _with_tail(line: RawLine, above: RawLine) -> str | None:
    """The text of ``above`` with ``line``, the end of its name, put after its name cell; or None."""
    tail, row = cells_of(line.text), cells_of(above.text)
    if len(tail) != 1 or len(row) < 3 or "|" in above.text:
        return None
    start, _, text = tail[0]
    k, column = _name_cell(row)
    name = row[k][2]
    if (not (_opens_tail(text) or _ends_cut_name(text, name) or _bracketed(text)) or len(text) > TAIL_LENGTH
            or min(abs(start - row[k][0]), abs(start - column)) > _SLACK
            or not any(_FIGURE.search(c) for _, _, c in row[k + 1:])):
        return None
    first = _cell_end(above.text, row, k)
    return above.text[:first] + text + above.text[first:]


def _cell_end(text: str, row: list[tuple[int, int, str]], k: int) -> int:
    """The index in ``text`` right after the row's ``k``-th cell."""
    at = 0
    for _, _, cell in row[:k + 1]:
        at = text.index(cell, at) + len(cell)
    return at
