"""Ruled boxes set side by side around text that is no table (one card per indicator, two or three
to a row): each box's lines are read on their own, box after box, so the words of boxes that share
a band of the page are not joined into one line.

Pure geometry on boxes and words; no PDF library here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from keikaku.importer.readers.pdf_layout import TextLine, Word
from keikaku.importer.readers.pdf_tables import SNAP, Rule

Box = tuple[float, float, float, float]  # x0, top, x1, bottom
B = TypeVar("B")
MAX_BOX_RULES = 200  # more rules on a page: tables and drawings, not a few cards
MIN_SIDE = 20.0  # a box narrower or lower than this is a mark, not a card


def lone_boxes(rules: Sequence[Rule]) -> list[Box]:
    """Rectangles of four rules meeting at their corners (one cell: no table of their own), smallest first."""
    if len(rules) > MAX_BOX_RULES:
        return []
    spans: dict[tuple[int, int], list[Rule]] = {}  # horizontal rules by their ends: a box's top and bottom share them
    sides: dict[tuple[int, int, int], int] = {}
    for r in rules:
        if r.horizontal:
            spans.setdefault((round(r.start), round(r.end)), []).append(r)
        else:
            sides[(round(r.at), round(r.start), round(r.end))] = 1
    out: list[Box] = []
    for (x0, x1), line in spans.items():
        if x1 - x0 < MIN_SIDE:
            continue
        line.sort(key=lambda r: r.at)
        for top, bottom in zip(line, line[1:]):
            y0, y1 = round(top.at), round(bottom.at)
            if y1 - y0 >= MIN_SIDE and (x0, y0, y1) in sides and (x1, y0, y1) in sides:
                out.append((top.start, top.at, top.end, bottom.at))
    return sorted(out, key=lambda b: (b[2] - b[0]) * (b[3] - b[1]))


def boxes_beside(boxes: Sequence[Box]) -> list[Box]:
    """The outermost boxes that share a band of the page with another box standing apart from them (a
    gap between, not a shared rule: the cells of a table drawn one rectangle each are no cards; the
    label boxes inside a card are part of it)."""
    boxes = [b for b in boxes if not any(o is not b and o[0] <= b[0] and o[1] <= b[1] and o[2] >= b[2] and o[3] >= b[3] for o in boxes)]
    return [b for b in boxes if any(o is not b and o[1] < b[3] and o[3] > b[1] and (o[0] > b[2] + SNAP or o[2] < b[0] - SNAP)
                                    for o in boxes)]


def lay_out_boxed(words: Sequence[Word], tables: Sequence[B], boxes: Sequence[Box],
                  lay_out: Callable[[Sequence[Word], Sequence[B]], list[TextLine | B]]) -> list[TextLine | B]:
    """``lay_out`` of the words outside ``boxes``, with each box's own lines put in before the
    first block that starts below the box's top (boxes in rows, left to right)."""
    if not boxes:
        return lay_out(words, tables)
    groups: list[list[Word]] = [[] for _ in boxes]
    rest: list[Word] = []
    for w in words:
        cx, cy = (w.box[0] + w.box[2]) / 2, (w.box[1] + w.box[3]) / 2
        k = next((i for i, b in enumerate(boxes) if b[0] <= cx <= b[2] and b[1] <= cy <= b[3]), None)
        (rest if k is None else groups[k]).append(w)
    blocks = lay_out(rest, tables)
    order = sorted(range(len(boxes)), key=lambda i: (boxes[i][1], boxes[i][0]))
    rows: list[list[int]] = []
    for i in order:  # boxes whose tops fall within one another's height: one row, read left to right
        if rows and boxes[i][1] < boxes[rows[-1][0]][3]:
            rows[-1].append(i)
        else:
            rows.append([i])
    out: list[TextLine | B] = []
    at = 0
    for row in rows:
        top = min(boxes[i][1] for i in row)
        while at < len(blocks) and _top(blocks[at]) < top:
            out.append(blocks[at])
            at += 1
        for i in sorted(row, key=lambda i: boxes[i][0]):
            if groups[i]:
                out.extend(lay_out(groups[i], []))
    return out + blocks[at:]


def _top(block: object) -> float:
    return block.box[1]  # type: ignore[attr-defined]
