"""Tables without rules on a PDF page, found from the alignment of their columns.

Pure geometry on the lines that ``pdf_layout`` builds; no PDF library here. Many plans print their
indicator tables with no rules, or with a rule under the header only: each row is then a line of
words that wide gaps keep apart, and a name too long for its column wraps onto a line of its own.
Read as lines, the wrapped half runs into the next row's name. Here a run of three or more lines
whose words stand in three or more columns (bands of x where the words of the run overlap) becomes
a grid: a line belongs to the row above it unless the gap over it is a row's gap (wider by a
quarter of an em or more than the gaps inside a cell) or both hold words in the first column and in
another one, so a wrapped name or a header cell broken over two lines (現状値 / （令和3年度）) stays
in its cell. The caller keeps the grid only when the
engine reads it as an indicator table; other aligned text stays as lines.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from keikaku.importer.readers.base import join_breaks
from keikaku.importer.readers.pdf_aligned_headers import FIGURE, header_lines, join_header_bands, spread_upper_headings
from keikaku.importer.readers.pdf_layout import TextLine, Word
from keikaku.importer.records import Grid, GridCell, Source

Box = tuple[float, float, float, float]

COLUMN_GAP_EM = 1.0  # words this far apart on a line stand in different columns
MIN_COLUMNS = 3
MIN_LINES = 3
ROW_GAP_EM = 0.25  # a gap over a line wider than the cells' own line gaps by this much starts a row
MAX_LINE_GAP_EM = 2.5  # a wider gap ends the table


@dataclass(slots=True)
class AlignedTable:
    """A table found from alignment, in the shape of a ruled table's item (text, box, grid, row boxes)."""

    text: str
    box: Box
    grid: Grid
    row_boxes: tuple[Box, ...]


def _columned(line: TextLine) -> bool:
    """Whether a line holds two words or more with a column's gap between each."""
    words = line.words
    return len(words) >= 2 and all(b.box[0] - a.box[2] >= COLUMN_GAP_EM * max(a.em, b.em) for a, b in zip(words, words[1:]))


def _bands(lines: Sequence[TextLine]) -> list[tuple[float, float]]:
    """The x-intervals the words of columned lines cover, overlapping ones merged, left to right."""
    spans = sorted((w.box[0], w.box[2]) for line in lines if _columned(line) for w in line.words)
    bands: list[tuple[float, float]] = []
    for x0, x1 in spans:
        if bands and x0 <= bands[-1][1]:
            bands[-1] = (bands[-1][0], max(bands[-1][1], x1))
        else:
            bands.append((x0, x1))
    return bands


def _band_of(word: Word, bands: Sequence[tuple[float, float]]) -> int | None:
    """The one band a word lies in (None when it overlaps none, or two)."""
    hits = [k for k, (x0, x1) in enumerate(bands) if word.box[0] < x1 and word.box[2] > x0]
    return hits[0] if len(hits) == 1 else None


def _run_end(blocks: Sequence[object], start: int) -> int:
    """The end of the run of text lines from ``start`` that stay close under each other."""
    end = start + 1
    while end < len(blocks) and isinstance(blocks[end], TextLine):
        above, line = blocks[end - 1], blocks[end]
        assert isinstance(above, TextLine) and isinstance(line, TextLine)
        em = max(w.em for w in line.words)
        if line.box[1] - above.box[3] > MAX_LINE_GAP_EM * em or line.box[1] < above.box[1]:
            break
        end += 1
    return end


def _table(lines: Sequence[TextLine], page: int) -> AlignedTable | None:
    """The grid the lines make when their words stand in columns (None when they do not)."""
    if sum(_columned(line) for line in lines) < MIN_LINES:
        return None
    bands = _bands(lines)
    header = header_lines([[w.text for w in line.words] for line in lines])
    bands = join_header_bands(bands, [{k for k, line in enumerate(lines) for w in line.words if w.box[0] < x1 and w.box[2] > x0}
                                      for x0, x1 in bands], header)
    if len(bands) < MIN_COLUMNS:
        return None
    placed: list[list[tuple[int, Word]]] = []
    for line in lines:
        cells = [(_band_of(w, bands), w) for w in line.words]
        if any(k is None for k, _ in cells) or len({k for k, _ in cells}) < len(cells):
            return None  # a word across two columns, or two words of a line in one: not aligned
        placed.append([(k, w) for k, w in cells if k is not None])
    gaps = [b.box[1] - a.box[3] for a, b in zip(lines, lines[1:])]
    em = max(w.em for line in lines for w in line.words)
    tight = min(gaps) if gaps else 0.0
    spread = bool(gaps) and max(gaps) - tight >= ROW_GAP_EM * em
    rows: list[list[int]] = [[0]]
    for k, gap in enumerate(gaps, start=1):
        bands_now = {band for member in rows[-1] for band, _ in placed[member]}
        full = {band for band, _ in placed[k]}
        if not spread or gap >= tight + ROW_GAP_EM * em or (0 in full and len(full) > 1 and 0 in bands_now and len(bands_now) > 1):
            rows.append([k])  # a row's gap, or a whole row under a whole row
        else:
            rows[-1].append(k)
    return _grid(lines, placed, rows, len(bands), page)


def _grid(lines: Sequence[TextLine], placed: list[list[tuple[int, Word]]], rows: list[list[int]], width: int,
          page: int) -> AlignedTable:
    cells: list[GridCell] = []
    boxes: list[Box] = []
    for r, members in enumerate(rows):
        texts: dict[int, list[str]] = {}
        for k in members:
            for band, word in placed[k]:
                texts.setdefault(band, []).append(word.text)
        if r == 0 and len(members) == 2 and not any(FIGURE.match(w.text) for k in members for _, w in placed[k]):
            # a two-line header: a heading printed over the first of two columns spreads to the second
            upper, lower = ({band: word.text for band, word in placed[k]} for k in members)
            texts = {band: [text] for band, text in spread_upper_headings(upper, lower, width).items()}
        box = (min(lines[k].box[0] for k in members), min(lines[k].box[1] for k in members),
               max(lines[k].box[2] for k in members), max(lines[k].box[3] for k in members))
        boxes.append(tuple(round(v, 2) for v in box))  # type: ignore[arg-type]
        for band in range(width):
            text = join_breaks("\n".join(texts.get(band, [])))
            cells.append(GridCell(text, r, band, source=Source(page=page, box=boxes[-1])))
    whole = (min(b[0] for b in boxes), boxes[0][1], max(b[2] for b in boxes), boxes[-1][3])
    return AlignedTable("", whole, Grid(tuple(cells), len(rows), width, Source(page=page, box=whole)), tuple(boxes))


def aligned_tables(blocks: list[object], page: int, keep: Callable[[Grid], bool]) -> list[object]:
    """``blocks`` (text lines and ruled tables in reading order) with each run of aligned lines that
    makes a grid ``keep`` accepts replaced by that grid's table."""
    out: list[object] = []
    i = 0
    while i < len(blocks):
        if not isinstance(blocks[i], TextLine):
            out.append(blocks[i])
            i += 1
            continue
        end = _run_end(blocks, i)
        found = _best(blocks[i:end], page, keep)  # type: ignore[arg-type]
        if found is None:
            out.append(blocks[i])
            i += 1
            continue
        start, stop, table = found
        out.extend(blocks[i:i + start])
        out.append(table)
        i += stop
    return out


def _best(lines: Sequence[TextLine], page: int, keep: Callable[[Grid], bool]) -> tuple[int, int, AlignedTable] | None:
    """The first table the run holds: from the first columned line (or the line above it, a header
    whose cells run together) to the last line whose words stay in the table's columns."""
    starts = [k for k, line in enumerate(lines) if _columned(line)]
    for first in starts[:3]:
        for stop in range(len(lines), first + MIN_LINES - 1, -1):
            table = _table(lines[first:stop], page)
            if table is not None and keep(table.grid):
                return first, stop, table
    return None
