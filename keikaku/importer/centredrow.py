"""A row's figures centred beside its name wrapped over two lines, in a spaced table.

Text a PDF extractor laid out prints a name cell wrapped over two lines with the row's figures
centred on the cell's height, so on a line of their own between the name's two lines::

    全国学力調査で平均正答率が全国平均以上の教科
                       教科      2      2      3      4    50.0%
    の数

Before lines are collapsed, a line of one cell (the name's start), then a line of three cells or
more holding figures whose first cell stands right of where the name opens (no name of its own),
then maybe a line of one short cell at the name's column (the name's end) become one row: the
name's lines joined, then the figures. The end line is taken only when the line after it is not
another line of figures without a name (which would make it the next row's start).
"""

from __future__ import annotations

import re
from dataclasses import replace

from keikaku.importer.grouptitle import group_title
from keikaku.importer.records import RawDocument, RawLine
from keikaku.importer.stackedheader import cells_of, lone_cell, spaced_line
from keikaku.importer.values import parse_quantity, parse_year_in
from keikaku.importer.width import printed_width

MIN_NAME = 4  # characters of a name's first line
MAX_TAIL = 16  # characters of a name's last line
MIN_INDENT = 4  # printed columns the figures' first cell stands right of the name's column
_FIGURE = re.compile(r"[0-9０-９]")
_SENTENCE = re.compile(r"[。、．，]$")



def _one_cell(line: RawLine) -> tuple[int, int, str] | None:
    cell = lone_cell(line)
    return cell if cell is not None and not _SENTENCE.search(cell[2]) else None


def _nameless_figures(line: RawLine, column: int) -> bool:
    if not spaced_line(line):
        return False
    cells = cells_of(line.text)
    return len(cells) >= 3 and cells[0][0] >= column + MIN_INDENT and sum(map(_figure, (c for _, _, c in cells))) >= 2


def _figure(cell: str) -> bool:
    """A figure with its unit maybe (2,340, 50.0%, 教科 no), never a year (令和5年度)."""
    return parse_quantity(cell).kind == "number" and parse_year_in(cell)[1] is None


def join_centred_rows(doc: RawDocument) -> RawDocument:
    """``doc`` with every name wrapped around its row's centred figures joined with them (see the module)."""
    lines = list(doc.lines)
    changed = False
    i = 0
    while i + 1 < len(lines):
        head = _one_cell(lines[i])
        if (head is None or len(head[2]) < MIN_NAME or _FIGURE.search(head[2][:1]) or group_title(head[2])
                or not _nameless_figures(lines[i + 1], head[0])):  # a group's title (施策1 子育て) over its rows names none
            i += 1
            continue
        name = head[2]
        tail = _one_cell(lines[i + 2]) if i + 2 < len(lines) else None
        takes_tail = (tail is not None and abs(tail[0] - head[0]) <= 1 and len(tail[2]) <= MAX_TAIL
                      and not (i + 3 < len(lines) and _nameless_figures(lines[i + 3], head[0])))
        if takes_tail and tail is not None:
            name += tail[2]
        figures = lines[i + 1].text
        first = cells_of(figures)[0][0]
        pad = max(2, first - head[0] - printed_width(name))
        lines[i] = replace(lines[i], text=" " * head[0] + name + " " * pad + figures.lstrip())
        lines[i + 1] = replace(lines[i + 1], text="")
        if takes_tail:
            lines[i + 2] = replace(lines[i + 2], text="")
        changed = True
        i += 3 if takes_tail else 2
    return replace(doc, lines=lines) if changed else doc
