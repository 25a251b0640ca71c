"""A row's name wrapped under its own figures in a spaced table.

Text a PDF extractor laid out prints a long name cell over two lines; when the row's figures
stand on the first line, the second holds only the end of the name (``1日30分以上の運動を週2回以上
する人  成人  33.5%  42.0%`` / ``の割合``). Read alone, that end is a name of its own run into the
next row. Before lines are collapsed, a line of one short cell with no figure that opens with a
particle (の, を, に, が, へ, や, で: words a name does not open with), standing at the column
where the line above opens its name, after a line of three cells or more holding a figure, is
put back at the end of that line's first cell.
"""

from __future__ import annotations

import re
from dataclasses import replace

from keikaku.importer.records import RawDocument
from keikaku.importer.stackedheader import cells_of

_PARTICLES = "のをにがへやで"
_FIGURE = re.compile(r"[0-9０-９]")
_TAIL_LENGTH = 12  # characters: a longer line is a name or a sentence of its own
_SLACK = 2  # printed columns the two lines may open apart


def join_name_tails(doc: RawDocument) -> RawDocument:
    """``doc`` with every name end wrapped under its row put back into the row's first cell."""
    lines = list(doc.lines)
    changed = False
    for i in range(1, len(lines)):
        line, above = lines[i], lines[i - 1]
        if line.cells or above.cells or line.grid is not None or above.grid is not None:
            continue
        tail, row = cells_of(line.text), cells_of(above.text)
        if len(tail) != 1 or len(row) < 3 or "|" in above.text:
            continue
        start, _, text = tail[0]
        if (text[0] not in _PARTICLES or len(text) > _TAIL_LENGTH or _FIGURE.search(text)
                or abs(start - row[0][0]) > _SLACK or not any(_FIGURE.search(c) for _, _, c in row[1:])):
            continue
        first = above.text.index(row[0][2]) + len(row[0][2])
        lines[i - 1] = replace(above, text=above.text[:first] + text + above.text[first:])
        lines[i] = replace(line, text="")
        changed = True
    return replace(doc, lines=lines) if changed else doc
