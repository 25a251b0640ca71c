"""A row's figures centred beside its name wrapped over two lines, the name in an inner column.

``centredrow.py`` reads a wrapped name whose row has nothing left of the name. When a table
prints cells before the name (a number, a marker, a project and its section), an extractor that
lays text out gives the row's other cells on the middle line and the name's two lines above and
below it, at the name's column, which the middle line leaves empty::

      No.  事業名          所管課     指標名            単位   現状値
                                      地区集会所の
      3    集会所改修事業  地域課                       人     4,200
                                      年間利用者数

A line of one short cell (the name's start) at a column, then a line of three cells or more with
at least one cell left of that column, none over the name's width there and two figures right of
it, then maybe a line of one short cell at the same column (the name's end) become one row: the
name's lines joined and put in the middle line at its column. The end line is taken only when the
line after it is not another such middle line (which would make it the next row's start). The
lines the row leaves are taken out.
"""

from __future__ import annotations

import re
from dataclasses import replace

from keikaku.importer.lexicon import fold_key, structure
from keikaku.importer.namerun import header_cell
from keikaku.importer.records import RawDocument, RawLine
from keikaku.importer.stackedheader import cells_of, lone_cell, spaced_line
from keikaku.importer.values import parse_quantity, parse_year_in
from keikaku.importer.width import printed_width

MIN_NAME = 3  # characters of a name's first line
MAX_PIECE = 16  # characters of one line of a name
_SLACK = 1  # printed columns the name's two lines may open apart
_FIGURE = re.compile(r"[0-9０-９]")
_NOTE = re.compile(r"^[※＊*]|^[(（]?注[0-9０-９]*[)）:：\s]")
_SENTENCE = re.compile(r"[。．、，]$")
_HEADING = re.compile(rf"^(?:{structure().level_pattern()})|^[■□◆◇●○【＜<〔\[第]")


def _piece(line: RawLine) -> tuple[int, str] | None:
    cell = lone_cell(line)
    if cell is None:
        return None
    start, _, text = cell
    key = fold_key(text)
    if (len(text) > MAX_PIECE or _FIGURE.match(key) or _NOTE.match(key) or _SENTENCE.search(key)
            or _HEADING.match(key) or header_cell(key)):
        return None
    return start, text


def _figure(cell: str) -> bool:
    """A figure with its unit maybe (2,340, 50.0%), never a year (令和5年度)."""
    return parse_quantity(cell).kind == "number" and parse_year_in(cell)[1] is None


def _middle(line: RawLine, column: int, width: int) -> bool:
    """A row's cells with a cell left of ``column``, the ``width`` columns from it empty, and two
    figures right of it."""
    if not spaced_line(line):
        return False
    cells = cells_of(line.text)
    if len(cells) < 3 or cells[0][0] >= column:
        return False
    if any(begin < column + width and end > column for begin, end, _ in cells):
        return False
    return sum(1 for begin, _, cell in cells if begin >= column + width and _figure(cell)) >= 2


def _placed(text: str, column: int, name: str) -> str:
    """``text`` with ``name`` written from the printed ``column``, which stands in a gap of it."""
    at = width = 0
    while at < len(text) and width + printed_width(text[at]) <= column:
        width += printed_width(text[at])
        at += 1
    left = text[:at] + " " * (column - width)
    right = text[at:]
    gap = len(right) - len(right.lstrip(" "))
    return left + name + right[min(printed_width(name), max(0, gap - 2)):] if gap >= 2 else left + name + "  " + right


def join_centred_names(doc: RawDocument) -> RawDocument:
    """``doc`` with every inner-column name wrapped around its row's cells joined with them (see the module)."""
    lines = list(doc.lines)
    taken: set[int] = set()
    i = 0
    while i + 1 < len(lines):
        head = _piece(lines[i])
        if head is None or len(head[1]) < MIN_NAME or not _middle(lines[i + 1], head[0], printed_width(head[1])):
            i += 1
            continue
        column, name = head
        tail = _piece(lines[i + 2]) if i + 2 < len(lines) else None
        takes_tail = (tail is not None and abs(tail[0] - column) <= _SLACK
                      and _middle(lines[i + 1], column, printed_width(tail[1]))
                      and not (i + 3 < len(lines) and _middle(lines[i + 3], tail[0], printed_width(tail[1]))))
        if takes_tail and tail is not None:
            name += tail[1]
        lines[i] = replace(lines[i], text=_placed(lines[i + 1].text, column, name))
        lines[i + 1] = replace(lines[i + 1], text="")
        taken.add(i + 1)
        if takes_tail:
            lines[i + 2] = replace(lines[i + 2], text="")
            taken.add(i + 2)
        i += 3 if takes_tail else 2
    return replace(doc, lines=[line for k, line in enumerate(lines) if k not in taken]) if taken else doc
