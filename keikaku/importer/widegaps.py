"""Ideographic spaces (U+3000) between a laid-out line's cells written as the ASCII spaces they print as.

A producer that pads a table's columns with ideographic spaces (two printed columns each, an ASCII
space making up an odd column) gives the same page as one that pads with ASCII spaces, but the
later stages measure cells as ASCII runs: a cell stands two spaces or more from the next, and a
lone space (ASCII or ideographic) joins the words of one cell. Before lines are read, every gap
that holds an ideographic space is written as ASCII spaces of its printed width, so the cells keep
their columns. A lone ideographic space between two words stays a word gap (one space, the column
it leaves out given to the next gap) unless a figure stands beside it or the line is laid out in
cells (it has a gap three columns wide or more): there it parts two cells.
Only lines of text are rewritten (no cells, no grid); the other stages collapse white space anyway,
so a line's words are unchanged.
"""

from __future__ import annotations

import re
from dataclasses import replace

from keikaku.importer.records import RawDocument

_GAP = re.compile(r"[ \u3000]*\u3000[ \u3000]*")
_FIGURE_SIDE = re.compile(r"[0-9０-９%％)）]")


def _width(gap: str) -> int:
    return len(gap) + gap.count("\u3000")


def spaced(line: str) -> str:
    """``line`` with each gap holding an ideographic space written as ASCII spaces of its width."""
    gaps = list(_GAP.finditer(line))
    laid = any(m.start() > 0 and m.end() < len(line) and _width(m.group(0)) >= 3 for m in gaps)
    out: list[str] = []
    at = owed = 0
    for m in gaps:
        out.append(line[at:m.start()])
        gap, inner = m.group(0), 0 < m.start() and m.end() < len(line)
        if (gap == "\u3000" and inner and not laid
                and not (_FIGURE_SIDE.match(line[m.start() - 1]) or _FIGURE_SIDE.match(line[m.end()]))):
            out.append(" ")
            owed += 1
        elif inner:
            out.append(" " * max(2, _width(gap) + owed))
            owed = 0
        else:
            out.append(" " * _width(gap))
        at = m.end()
    out.append(line[at:])
    return "".join(out)


def widen_ideographic_gaps(doc: RawDocument) -> RawDocument:
    """``doc`` with the ideographic spaces of its text lines written as ASCII spaces (see the module)."""
    lines = list(doc.lines)
    changed = False
    for i, line in enumerate(lines):
        if "\u3000" in line.text and line.cells is None and line.grid is None:
            text = spaced(line.text)
            if text != line.text:
                lines[i] = replace(line, text=text)
                changed = True
    return replace(doc, lines=lines) if changed else doc
