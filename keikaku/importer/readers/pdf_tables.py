"""Ruled tables of a PDF page: ruling lines into table frames, characters into their cells.

Pure geometry on records that the PDF adapter (``pdf.py``) makes from pdfium's path objects and
character boxes; no PDF library here. Coordinates are points from the page's top-left corner.

A frame's grid has a column boundary at every vertical rule and a row boundary at every
horizontal rule; a cell that no rule splits spans the grid columns or rows it covers (merged).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from keikaku.importer.readers.base import join_breaks

Box = tuple[float, float, float, float]

SNAP = 2.0  # rules this close are the same line (double borders, half-point offsets)
MERGE = 3.0  # grid boundaries this close are one boundary
EXTENT = 8.0  # a table's outer edge without a rule of its own is a boundary this far from a rule
MAX_RULES = 3000  # more distinct rules on a page is a drawing (a map, a chart), not tables


@dataclass(frozen=True, slots=True)
class Rule:
    """A ruling line: ``at`` is the y of a horizontal rule or the x of a vertical one, from ``start`` to ``end``."""

    horizontal: bool
    at: float
    start: float
    end: float


@dataclass(frozen=True, slots=True)
class Char:
    """One character for a cell: its index in the page's text and its box."""

    index: int
    box: Box
    em: float


@dataclass(slots=True)
class Frame:
    """A ruled table: grid boundaries, and its cells as (row, col, rowspan, colspan) with ``owner`` of each grid position."""

    xs: list[float]
    ys: list[float]
    cells: list[tuple[int, int, int, int]]
    owner: list[list[int]]

    @property
    def box(self) -> Box:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])

    @property
    def rows(self) -> int:
        return len(self.ys) - 1

    @property
    def cols(self) -> int:
        return len(self.xs) - 1

    def cell_box(self, k: int) -> Box:
        r, c, rs, cs = self.cells[k]
        return (self.xs[c], self.ys[r], self.xs[c + cs], self.ys[r + rs])

    def cell_at(self, x: float, y: float) -> int | None:
        """The cell holding the point, or None outside the frame."""
        if not (self.xs[0] <= x < self.xs[-1] and self.ys[0] <= y < self.ys[-1]):
            return None
        return self.owner[bisect_right(self.ys, y) - 1][bisect_right(self.xs, x) - 1]


def find_frames(rules: Sequence[Rule]) -> list[Frame]:
    """Tables made by the rules: groups of crossing horizontal and vertical rules, at least 2×2 cells each."""
    hs = _merge([r for r in rules if r.horizontal])
    vs = _merge([r for r in rules if not r.horizontal])  # sorted by x
    if len(hs) < 2 or len(vs) < 2 or len(hs) + len(vs) > MAX_RULES:
        return []
    parent = list(range(len(hs) + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    v_at = [v.at for v in vs]
    for i, h in enumerate(hs):
        for j in range(bisect_left(v_at, h.start - SNAP), bisect_right(v_at, h.end + SNAP)):
            if vs[j].start - SNAP <= h.at <= vs[j].end + SNAP:
                parent[find(i)] = find(len(hs) + j)
    groups: dict[int, list[Rule]] = {}
    for i, rule in enumerate([*hs, *vs]):
        groups.setdefault(find(i), []).append(rule)
    frames = []
    for group in groups.values():
        frame = _frame([r for r in group if r.horizontal], [r for r in group if not r.horizontal])
        if frame is not None:
            frames.append(frame)
    frames.sort(key=lambda f: (f.ys[0], f.xs[0]))
    return [one for frame in frames for one in (*_nested(frame, _rules_in(frame, hs, vs)), frame)]


def _rules_in(frame: Frame, hs: list[Rule], vs: list[Rule]) -> list[Rule]:
    """The rules that lie on or inside a frame's box."""
    x0, y0, x1, y1 = frame.box
    return [r for r in (*hs, *vs) if _inside(r, (x0, y0, x1, y1))]


def _inside(rule: Rule, box: Box) -> bool:
    x0, y0, x1, y1 = box
    lo, hi = (x0, x1) if rule.horizontal else (y0, y1)
    a0, a1 = (y0, y1) if rule.horizontal else (x0, x1)
    return a0 - SNAP <= rule.at <= a1 + SNAP and lo - SNAP <= rule.start and rule.end <= hi + SNAP


def _nested(frame: Frame, rules: list[Rule]) -> list[Frame]:
    """Tables drawn inside one cell of a frame (a 施策評価シート's indicator table in its 成果指標
    cell), each a frame of its own, listed before the frame that holds them so that their
    characters are theirs: the rules inside the cell and off its border that make two rows and two
    columns at least."""
    out: list[Frame] = []
    for k, (_, _, rowspan, colspan) in enumerate(frame.cells):
        if rowspan < 2 or colspan < 3:
            continue  # the rules of a table inside a cell split the frame's grid under it
        x0, y0, x1, y1 = frame.cell_box(k)
        inner = [r for r in rules if _inside(r, (x0, y0, x1, y1))
                 and all(abs(r.at - edge) > MERGE for edge in ((y0, y1) if r.horizontal else (x0, x1)))]
        hs = [r for r in inner if r.horizontal]
        vs = [r for r in inner if not r.horizontal]
        if len(hs) < 2 or len(vs) < 3:
            continue
        nested = _frame(hs, vs)
        if nested is not None:
            out.extend([*_nested(nested, inner), nested])
    return out


def _merge(rules: list[Rule]) -> list[Rule]:
    """Collinear rules that touch or overlap become one."""
    out: list[Rule] = []
    rules = sorted(rules, key=lambda r: r.at)
    i = 0
    while i < len(rules):
        j = i + 1
        while j < len(rules) and rules[j].at - rules[j - 1].at <= SNAP:
            j += 1
        line = sorted(rules[i:j], key=lambda r: r.start)
        at = sum(r.at for r in line) / len(line)
        start, end = line[0].start, line[0].end
        for r in line[1:]:
            if r.start <= end + SNAP:
                end = max(end, r.end)
            else:
                out.append(Rule(line[0].horizontal, at, start, end))
                start, end = r.start, r.end
        out.append(Rule(line[0].horizontal, at, start, end))
        i = j
    return out


def _boundaries(ruled: list[float], extent: tuple[float, float]) -> list[float]:
    """Grid boundaries at the rules (close ones merged), plus the table's edges where no rule stands."""
    values = sorted(ruled)
    merged: list[list[float]] = []
    for v in values:
        if merged and v - merged[-1][-1] <= MERGE:
            merged[-1].append(v)
        else:
            merged.append([v])
    out = [sum(m) / len(m) for m in merged]
    for edge in extent:
        if all(abs(edge - b) > EXTENT for b in out):
            out.append(edge)
    return sorted(out)


def _frame(hs: list[Rule], vs: list[Rule]) -> Frame | None:
    if len(hs) < 2 or len(vs) < 2:
        return None
    xs = _boundaries([v.at for v in vs], (min(h.start for h in hs), max(h.end for h in hs)))
    ys = _boundaries([h.at for h in hs], (min(v.start for v in vs), max(v.end for v in vs)))
    rows, cols = len(ys) - 1, len(xs) - 1
    if rows < 2 or cols < 2:
        return None

    def ruled(rules: list[Rule], at: float, lo: float, hi: float) -> bool:
        mid = (lo + hi) / 2
        return any(abs(r.at - at) <= MERGE and r.start - SNAP <= mid <= r.end + SNAP for r in rules)

    parent = list(range(rows * cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: int, b: int) -> bool:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb
        return ra != rb

    for r in range(rows):
        for c in range(cols):
            if c + 1 < cols and not ruled(vs, xs[c + 1], ys[r], ys[r + 1]):
                union(r * cols + c, r * cols + c + 1)
            if r + 1 < rows and not ruled(hs, ys[r + 1], xs[c], xs[c + 1]):
                union(r * cols + c, (r + 1) * cols + c)
    changed = True
    while changed:  # a merged cell is a rectangle: what its bounding box holds joins it
        changed = False
        spans = _spans(find, rows, cols)
        for root, (r0, c0, r1, c1) in spans.items():
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    changed |= union(r * cols + c, root)
    spans = _spans(find, rows, cols)
    order = sorted(spans, key=lambda root: spans[root][:2])
    index = {root: k for k, root in enumerate(order)}
    cells = [(r0, c0, r1 - r0 + 1, c1 - c0 + 1) for r0, c0, r1, c1 in (spans[root] for root in order)]
    owner = [[index[find(r * cols + c)] for c in range(cols)] for r in range(rows)]
    return Frame(xs, ys, cells, owner)


def _spans(find: Callable[[int], int], rows: int, cols: int) -> dict[int, tuple[int, int, int, int]]:
    """Each merged group's bounding box in grid positions: (first row, first col, last row, last col)."""
    spans: dict[int, tuple[int, int, int, int]] = {}
    for r in range(rows):
        for c in range(cols):
            root = find(r * cols + c)
            r0, c0, r1, c1 = spans.get(root, (r, c, r, c))
            spans[root] = (min(r0, r), min(c0, c), max(r1, r), max(c1, c))
    return spans


def cell_text(chars: Sequence[Char], text: str, dropped: set[int] | frozenset[int]) -> str:
    """The text of one cell from its characters: lines top to bottom, each left to right.

    Neighbours in pdfium's text keep its spaces (less the invented ones in ``dropped``);
    characters from different runs get a space when a quarter em apart. Lines are joined as a
    cell's line breaks are everywhere (no space between two Japanese characters).
    """
    if not chars:
        return ""
    rows: list[list[Char]] = []
    for ch in sorted(chars, key=lambda ch: (ch.box[1] + ch.box[3]) / 2):
        middle = (ch.box[1] + ch.box[3]) / 2
        if rows and middle - (rows[-1][0].box[1] + rows[-1][0].box[3]) / 2 <= 0.5 * ch.em:
            rows[-1].append(ch)
        else:
            rows.append([ch])
    if len(rows) > 1 and all(len(row) == 1 for row in rows) and _one_column([row[0] for row in rows]):
        # set vertically (縦書き, or turned a quarter): pdfium's order is the reading order
        return "".join(text[ch.index] for ch in sorted(chars, key=lambda ch: ch.index))
    lines = []
    for row in rows:
        row.sort(key=lambda ch: ch.box[0])
        out = [text[row[0].index]]
        for a, b in zip(row, row[1:]):
            between = text[a.index + 1 : b.index] if b.index > a.index else "x"
            if all(ch.isspace() for ch in between):  # neighbours in pdfium's text
                spaces = [ch for k, ch in enumerate(between, start=a.index + 1) if k not in dropped]
                if spaces or b.box[0] - a.box[2] >= a.em:
                    out.append(" ")
            elif b.box[0] - a.box[2] >= 0.25 * a.em:
                out.append(" ")
            out.append(text[b.index])
        lines.append("".join(out))
    return join_breaks("\n".join(lines))


def _one_column(chars: Sequence[Char]) -> bool:
    """The characters stand one above another (their horizontal extents all overlap)."""
    return max(ch.box[0] for ch in chars) < min(ch.box[2] for ch in chars)
