"""Reading order of a PDF page from boxes: words into lines, a two-column page column by column.

Pure geometry on the records that the PDF adapter (``pdf.py``) makes from pdfium; no PDF library
here. Boxes are ``(x0, top, x1, bottom)`` in points from the page's top-left corner.

A *word* is a run of characters with no gap of ``SPLIT_EM`` ems or more between them, as pdfium
gave them: Japanese sets no spaces between words, so a word is usually a phrase or a whole line,
and a wide gap (a table column, the gutter between two columns) always ends one.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from keikaku.importer.readers.pdf_sidebar import beside_prose

Box = tuple[float, float, float, float]

SPLIT_EM = 0.8  # a gap this wide (in ems) between two characters ends a word
UNGLUE_EM = 1.0  # two words this far apart get a space between them even if pdfium had none
NEAR_EM = 0.25  # words from different pdfium runs closer than this are one word's halves
GUTTER_EM = 0.8  # narrowest gutter between two text columns
GUTTER_FREE = 0.4  # at most this share of the text's height may cross the gutter (headings, figures)
COLUMN_SHARE = 0.25  # each column is at least this share of the text's width...
FULL_LINE = 0.6  # ...and at least FULL_SHARE of its words are at least this share of the column's width
FULL_SHARE = 1 / 3  # (headings, paragraph ends and page numbers are short)


@dataclass(slots=True)
class Word:
    """A run of characters with its box; ``run`` and ``order`` say where pdfium had it.

    ``run`` numbers pdfium's text lines on the page, ``order`` the words within one; ``sep`` is
    pdfium's text between the previous word of the same run and this one (its spaces).
    """

    text: str
    box: Box
    em: float
    run: int
    order: int
    sep: str = ""
    vertical: bool = False  # set top to bottom (縦書き) or turned a quarter: a line of its own


@dataclass(slots=True)
class TextLine:
    """Words on one baseline, left to right, with their joined text and box."""

    words: list[Word]
    box: Box
    text: str


class Boxed(Protocol):
    @property
    def box(self) -> Box: ...


B = TypeVar("B", bound=Boxed)


@dataclass(slots=True)
class _Group:
    top: float
    bottom: float
    words: list[Word] = field(default_factory=list)


def build_lines(words: Sequence[Word]) -> list[TextLine]:
    """Words on the same baseline (overlapping by half the smaller height) become one line, top to bottom."""
    if _one_per_line(words):
        return [TextLine([w], w.box, w.text) for w in words]
    groups: list[_Group] = []
    upright = [TextLine([w], w.box, w.text) for w in words if w.vertical]
    for w in sorted((w for w in words if not w.vertical), key=lambda w: (w.box[1], w.box[0])):
        _, top, _, bottom = w.box
        height = max(bottom - top, 0.1)
        for g in reversed(groups[-4:]):
            if min(bottom, g.bottom) - max(top, g.top) >= 0.5 * min(height, max(g.bottom - g.top, 0.1)):
                g.words.append(w)
                g.top, g.bottom = min(g.top, top), max(g.bottom, bottom)
                break
        else:
            groups.append(_Group(top, bottom, [w]))
    lines = []
    for g in sorted(groups, key=lambda g: g.top):
        ws = sorted(g.words, key=lambda w: w.box[0])
        box = (min(w.box[0] for w in ws), g.top, max(w.box[2] for w in ws), g.bottom)
        lines.append(TextLine(ws, box, join_words(ws)))
    if not upright:
        return lines
    merged = sorted([*lines, *upright], key=lambda line: line.box[1])
    slots = [k for k, line in enumerate(merged) if line.words[0].vertical]
    for k, line in zip(slots, sorted(upright, key=lambda line: -line.box[2])):  # vertical lines read right to left
        merged[k] = line
    return merged


def _one_per_line(words: Sequence[Word]) -> bool:
    """True when each word already stands on a line of its own, top to bottom (most pages of running text)."""
    prev_top, prev_bottom = -math.inf, -math.inf
    for w in words:
        _, top, _, bottom = w.box
        if w.vertical or top < prev_top or min(bottom, prev_bottom) - top >= 0.5 * min(bottom - top, prev_bottom - prev_top):
            return False
        prev_top, prev_bottom = top, bottom
    return True


def join_words(words: Sequence[Word]) -> str:
    """The words' text: pdfium's own spaces between neighbours of one run, else a space for a visible gap."""
    out = [words[0].text]
    for a, b in zip(words, words[1:]):
        gap = b.box[0] - a.box[2]
        if b.run == a.run and b.order == a.order + 1:
            sep = b.sep if (b.sep and b.sep.isspace()) else (" " if gap >= UNGLUE_EM * a.em else "")
        else:
            sep = " " if gap >= NEAR_EM * max(a.em, b.em) else ""
        out.append(sep)
        out.append(b.text)
    return "".join(out)


def lay_out(words: Sequence[Word], tables: Sequence[B]) -> list[TextLine | B]:
    """Lines and tables of one page in reading order: top to bottom, or column by column.

    A two-column page (a gutter free of characters over most of the text's height, between two
    columns of full lines) is read left column then right column, in bands between the headings,
    figures and tables that cross the gutter.
    """
    gutter = find_gutter(words, tables)
    if gutter is None:
        return _flow(words, tables)
    g0, g1 = gutter
    side = lambda box: 0 if box[2] <= g0 + 1 else 1 if box[0] >= g1 - 1 else 2  # noqa: E731
    parts: list[tuple[list[Word], list[B]]] = [([], []), ([], []), ([], [])]
    for w in words:
        parts[side(w.box)][0].append(w)
    for t in tables:
        parts[side(t.box)][1].append(t)
    for _ in range(3):  # what stands above or below the other column (a running head, a title) is read in its place
        spans = [_extent([*(w.box for w in part[0]), *(t.box for t in part[1])]) for part in parts[:2]]
        moved = False
        for k in (0, 1):
            top, bottom = spans[1 - k]
            words_k, tables_k = parts[k]
            outside = lambda box: box[3] <= top or box[1] >= bottom  # noqa: E731
            if any(outside(w.box) for w in words_k) or any(outside(t.box) for t in tables_k):
                parts[2][0].extend(w for w in words_k if outside(w.box))
                parts[2][1].extend(t for t in tables_k if outside(t.box))
                parts[k] = ([w for w in words_k if not outside(w.box)], [t for t in tables_k if not outside(t.box)])
                moved = True
        if not moved:
            break
    crossing = _flow(*parts[2])
    tops = [block.box[1] for block in crossing]
    bands: list[list[tuple[list[Word], list[B]]]] = [[([], []), ([], [])] for _ in range(len(crossing) + 1)]
    for k in (0, 1):
        for w in parts[k][0]:
            bands[bisect_right(tops, w.box[1])][k][0].append(w)
        for t in parts[k][1]:
            bands[bisect_right(tops, t.box[1])][k][1].append(t)
    out: list[TextLine | B] = []
    for b, (left, right) in enumerate(bands):
        out += _flow(*left)
        out += _flow(*right)
        if b < len(crossing):
            out.append(crossing[b])
    return out


def _flow(words: Sequence[Word], tables: Sequence[B]) -> list[TextLine | B]:
    blocks: list[TextLine | B] = [*build_lines(words), *tables]
    blocks.sort(key=lambda block: block.box[1])
    return blocks


def find_gutter(words: Sequence[Word], tables: Sequence[Boxed] = ()) -> tuple[float, float] | None:
    """The x-range of the gutter of a two-column page, or None for a page read top to bottom.

    The gutter is the band in the middle of the text where the least text crosses, at least
    ``GUTTER_EM`` wide and crossed by at most ``GUTTER_FREE`` of the text's height. Both columns
    must be wide, hold full lines and stand side by side over half the text's height, so that a
    table without rules (a wide name column beside short figures) is not taken for two columns;
    a column of short lines may stand beside one of prose when its lines keep apart from the
    prose's lines (``pdf_sidebar``).
    """
    words = [w for w in words if not w.vertical]
    if len(words) < 6:
        return None
    boxes = [w.box for w in words] + [t.box for t in tables]
    x_start = min(b[0] for b in boxes)
    width = max(b[2] for b in boxes) - x_start
    lo, hi = x_start + 0.2 * width, x_start + 0.8 * width
    across = sum(b[3] - b[1] for b in boxes if b[0] <= lo and b[2] >= hi)
    if across > GUTTER_FREE * sum(b[3] - b[1] for b in boxes):
        return None  # lines across the whole middle: no gutter can be free enough (most pages)
    em = sorted(w.em for w in words)[len(words) // 2]
    if width < 20 * em:
        return None
    height = _covered_height(boxes)
    events = sorted([(b[0], b[3] - b[1]) for b in boxes] + [(b[2], b[1] - b[3]) for b in boxes])
    spans: list[tuple[float, float, float]] = []  # (x0, x1, cover) between event positions
    cover, i = 0.0, 0
    while i < len(events):
        x = events[i][0]
        while i < len(events) and events[i][0] == x:
            cover += events[i][1]
            i += 1
        if i < len(events):
            spans.append((x, events[i][0], max(cover, 0.0)))
    middle = [c for x0, x1, c in spans if x1 > lo and x0 < hi]
    if not middle:
        return None
    least = min(middle) + 1e-6
    if least > GUTTER_FREE * height:
        return None
    best: tuple[float, float] | None = None
    k = 0
    while k < len(spans):  # the widest band of least cover that reaches into the middle
        if spans[k][2] > least:
            k += 1
            continue
        j = k
        while j + 1 < len(spans) and spans[j + 1][2] <= least:
            j += 1
        band = (spans[k][0], spans[j][1])
        if band[1] > lo and band[0] < hi and (best is None or band[1] - band[0] > best[1] - best[0]):
            best = band
        k = j + 1
    if best is None:
        return None
    g0, g1 = best
    if g1 - g0 < GUTTER_EM * em:
        return None
    placed = [w.box for w in words] + [t.box for t in tables]  # a ruled table stands in its column too
    left = [b for b in placed if b[2] <= g0 + 1]
    right = [b for b in placed if b[0] >= g1 - 1]
    if len(left) < 2 or len(right) < 2 or len(left) + len(right) < 6:
        return None
    full: list[bool] = []
    for column in (left, right):
        c0, c1 = min(b[0] for b in column), max(b[2] for b in column)
        if c1 - c0 < COLUMN_SHARE * width:
            return None
        full.append(sum(1 for b in column if b[2] - b[0] >= FULL_LINE * (c1 - c0)) >= FULL_SHARE * len(column))
    if not all(full) and not (any(full) and beside_prose(*((left, right) if full[0] else (right, left)), em)):
        return None  # a column of short lines is a table's figures, unless it keeps apart from prose beside it
    side_by_side = min(max(b[3] for b in left), max(b[3] for b in right)) - max(min(b[1] for b in left), min(b[1] for b in right))
    if side_by_side < 0.5 * height:
        return None
    return g0, g1


def _extent(boxes: Sequence[Box]) -> tuple[float, float]:
    """Top and bottom of the boxes, or an empty extent."""
    if not boxes:
        return (math.inf, -math.inf)
    return (min(b[1] for b in boxes), max(b[3] for b in boxes))


def _covered_height(boxes: Sequence[Box]) -> float:
    """Total height of the union of the boxes' vertical extents."""
    total, end = 0.0, -math.inf
    for _, top, _, bottom in sorted(boxes, key=lambda b: b[1]):
        if top > end:
            total += bottom - top
            end = bottom
        elif bottom > end:
            total += bottom - end
            end = bottom
    return total
