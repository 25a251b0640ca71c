"""Two columns of a page side by side in laid-out text: each read down, the left before the right.

``pdftotext -layout`` prints a designer's page of two columns (KPI cards, measure boxes) line by
line across both, so a line holds the left card's line and the right card's::

      自主防災組織の結成率                        交通事故の発生件数
      基準値  78.4%  （令和2年度）                基準値  214件  （令和2年）
      目標値  90.0%  （令和7年度）                目標値  180件  （令和7年）

A line that prints one header word of ``lexicon/headers.toml`` (a value word: 基準値, 目標値 …)
twice, the second far right of the first with a wide gap before it, marks the columns: the second
word's printed column is the gutter. Around it, lines whose cells all stand left of the gutter or
at or right of it (none crossing it; blank lines too) are the two columns; the first line crossing
the gutter (a heading centred over both, a page number) ends them. Their left halves are given
first, then their right halves, each as a line of its own. Only text lines are read so (no cells,
no grid), and only when at least two lines print a word twice.

A landscape sheet prints its prose on the left and its indicator table on the right half::

     施策の目的                                    成果指標
       高齢者が…活躍し、                             指標名          単位   基準値   R5実績   目標値

A line holding prose (a cell ending in 、 or 。, or a long one), then far right of it (a wide gap,
past ``MIN_GUTTER``) a table's header (a name word, then two value words or more) marks the columns
too, alone: the gutter lies midway in the gap.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from keikaku.importer.lexicon import VALUE_ROLES, header_words
from keikaku.importer.records import RawDocument, RawLine
from keikaku.importer.stackedheader import cells_of
from keikaku.importer.triggers import words
from keikaku.importer.width import fold, printed_width

MIN_GUTTER = 20  # printed columns left of the right column
MIN_GAP = 4  # spaces before the right column's cell
MIN_PROSE = 12  # characters of a cell left of a table's header that is prose without a comma or a stop



@cache
def _value_word() -> re.Pattern[str]:
    """A value word of the lexicon (or a cell of a value role), maybe broken by white space as a
    cell's key drops it: a line without one has no cell opening with a value word."""
    lex = header_words()
    return re.compile(words([w for role, ws, cells in lex.roles if role in VALUE_ROLES for w in (*ws, *cells)]))


def _twice(text: str) -> int | None:
    """The printed column of the second of two cells opening with the same value word, far apart."""
    if not _value_word().search(fold(text)):
        return None  # most lines: no value word at all
    lex = header_words()
    cells = cells_of(text)
    for k, (_, end, cell) in enumerate(cells):
        role = lex.role_of(cell.split(" ")[0])
        if role not in VALUE_ROLES:
            continue
        word = cell.split(" ")[0]
        for start2, _, cell2 in cells[k + 1:]:
            if cell2.split(" ")[0] == word and start2 >= MIN_GUTTER and start2 - end >= MIN_GAP:
                return start2
    return None


def _table_beside(text: str) -> int | None:
    """The gutter of a line printing text, then far right of it an indicator table's header."""
    if not _value_word().search(fold(text)):
        return None
    lex = header_words()
    cells = cells_of(text)
    for k, (start, _, cell) in enumerate(cells[1:], start=1):
        gap_from = cells[k - 1][1]
        if start < MIN_GUTTER or start - gap_from < MIN_GAP or lex.role_of(cell) != "name":
            continue
        values = sum(lex.role_of(c) in VALUE_ROLES for _, _, c in cells[k + 1:])
        if values >= 2 and all(lex.role_of(c) is None for _, _, c in cells[:k]) and _prose(cells[k - 1][2]):
            return (gap_from + start) // 2
        return None
    return None


def _prose(cell: str) -> bool:
    """Whether a cell reads as prose (a clause or a sentence), not as a header cell of the table (施策名)."""
    return cell.endswith(("、", "。")) or len(cell) >= MIN_PROSE


def _side(text: str, gutter: int) -> tuple[str, str] | None:
    """The parts of a line left of and from the gutter, or None when a cell crosses it."""
    left: list[str] = []
    right: list[str] = []
    for start, end, cell in cells_of(text):
        if end < gutter:
            left.append((start, cell))
        elif start >= gutter:
            right.append((start - gutter, cell))
        else:
            return None
    return _spaced(left), _spaced(right)


def _spaced(cells: list[tuple[int, str]]) -> str:
    """Cells at their printed columns again (so later stages see the same spacing)."""
    out = ""
    for start, cell in cells:
        out += " " * max(2 if out else 0, start - printed_width(out)) + cell
    return out


def split_text_columns(doc: RawDocument) -> RawDocument:
    """``doc`` with every stretch of two columns side by side given as its left column, then its right."""
    if doc.format != "text":
        return doc  # a PDF's reader reads a page's columns from their boxes
    lines = list(doc.lines)
    plain = [ln.cells is None and ln.grid is None for ln in lines]
    marks = [(i, g) for i, ln in enumerate(lines) if plain[i] and (g := _twice(ln.text)) is not None]
    beside = {i: g for i, ln in enumerate(lines) if plain[i] and (g := _table_beside(ln.text)) is not None}
    if len(marks) < 2 and not beside:
        return doc
    marks = sorted(marks + list(beside.items()))
    out: list[RawLine] = []
    done = 0
    for i, gutter in marks:
        if i < done:
            continue
        lo = i
        while lo - 1 >= done and plain[lo - 1] and _side(lines[lo - 1].text, gutter) is not None:
            lo -= 1
        hi = i + 1
        while hi < len(lines) and plain[hi] and _side(lines[hi].text, gutter) is not None:
            hi += 1
        if sum(lo <= k < hi for k, _ in marks) < 2 and i not in beside:
            continue
        out += lines[done:lo]
        halves = [(ln, _side(ln.text, gutter)) for ln in lines[lo:hi]]
        out += [replace(ln, text=left) for ln, (left, _) in halves]
        out += [replace(ln, text=right) for ln, (_, right) in halves]
        done = hi
    if not done:
        return doc
    out += lines[done:]
    return replace(doc, lines=out)
