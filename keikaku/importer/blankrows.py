"""Blank lines an extractor printed where the page has none, taken out before a text is read.

Some extractors print a text with a blank line after every line, others put one here and there:
between a table's rows, between its header and its rows, between a name and its figures. The
readings of laid-out text take a blank line for the end of a table, so such a blank line would cut
a table into pieces that no reading understands. Two rules take them out of text documents:

- a double-spaced text (a blank line after nearly every line, ``_DOUBLE_SHARE`` of them) that holds
  tables of spaced cells, or whose runs of blank lines are all odd and some three lines or more (a
  page's run of m blank lines doubled is 2m + 1): a run of r blank lines keeps r // 2, so the blank
  lines the page had stand as before. A text of one cell a line may part its cells by single blank
  lines of its own: without either sign it is left alone;
- a blank line inside a table: between two lines of spaced cells of which at least one holds a row
  of figures (a row, a header line over a row, a row over the next, the years printed under a
  row's figures or under the header's cells), or between a row of figures
  and the short rest of its name wrapped onto the next line (one cell, standing where the row's
  name starts, with a row of figures or the end of the table after it). A blank line before a new
  header (a line of header words after a row of figures) is a new table and stays.

Lines of real cells (Word, Excel, tabbed text) are left as they are.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from keikaku.importer.lexicon import fold_key, header_words
from keikaku.importer.records import RawDocument, RawLine

_DOUBLE_SHARE = 0.9  # of the non-blank lines followed by a blank line: a double-spaced text
_MIN_LINES = 6  # non-blank lines a text needs before its spacing says anything
_MIN_ROWS = 2  # rows of spaced figures a double-spaced text holds: a text of one cell a line may part its cells by blank lines
_DIGIT = re.compile(r"[0-9０-９]")
_GAP = re.compile(r"(?:[ \u3000]{2,}|\u3000)")
FIGURE_CELL = re.compile(r"^[(（]?[△▲\-－+＋]?[0-9０-９][0-9０-９,，.．]*[)）]?\S{0,4}$|^[-－―ー—]$")
_YEAR_CELL = re.compile(r"^[(（]?(?:令和|平成|[RH])?\s*[0-9０-９]{1,4}\s*年度?(?:末|版)?[)）]?$")
_BRACKETED = re.compile(r"^[(（][^()（）]{1,12}[)）]$")
_NAME_REST = re.compile(r"^[^\s※＊*注。、][^\s。、]{0,19}$")


def _blank(line: RawLine) -> bool:
    return line.cells is None and not line.text.strip()


def spaced_cells(text: str) -> list[str]:
    return [c for c in _GAP.split(text.strip()) if c]


def is_figure(cell: str) -> bool:
    """A figure cell (with a short unit, a dash for none); a year (2021年度, (R5)) is a header's."""
    return bool(FIGURE_CELL.match(cell)) and not _YEAR_CELL.match(cell)


def is_figure_row(text: str) -> bool:
    """A line of spaced cells with two figure cells or more and a cell of words (a name)."""
    cells = spaced_cells(text)
    figures = sum(1 for c in cells if is_figure(c))
    return figures >= 2 and figures < len(cells)


def is_value_line(text: str) -> bool:
    """A line of two value cells or more and nothing else: the years under a row's figures, its figures under its name."""
    cells = spaced_cells(text)
    return len(cells) >= 2 and all(FIGURE_CELL.match(c) or _BRACKETED.match(c) for c in cells)


def _year_line(text: str) -> bool:
    cells = spaced_cells(text)
    return bool(cells) and all(_YEAR_CELL.match(c) or _BRACKETED.match(c) for c in cells)


def _header_line(text: str) -> bool:
    """A line of spaced cells, one of them a header word, no figure row."""
    cells = spaced_cells(text)
    if len(cells) < 2 or is_figure_row(text):
        return False
    words = _words()
    return any(w in fold_key(c) for c in cells for w in words)


@cache
def _words() -> tuple[str, ...]:
    """The header words of the lexicon two characters long or more."""
    return tuple(w for _, words, exact in header_words().roles for w in (*words, *exact) if len(w) >= 2)


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" \u3000"))


def is_name_rest(line: str, row: str | None) -> bool:
    """``line`` is the short rest of the name of ``row`` (a row of figures), wrapped onto its own line."""
    rest = line.strip()
    return (row is not None and is_figure_row(row) and bool(_NAME_REST.match(rest)) and not FIGURE_CELL.match(rest)
            and abs(_indent(line) - _indent(row)) <= 1)


def _inside_table(earlier: str | None, before: str, after: str, later: str | None) -> bool:
    """Whether a blank line between ``before`` and ``after`` stands inside one table."""
    if is_figure_row(after):
        return is_figure_row(before) or _header_line(before) or is_value_line(before) or is_name_rest(before, earlier)
    if _year_line(after) and later is not None and is_figure_row(later) and _header_line(before):
        return True  # the years under a header's cells, printed on a line of their own
    if is_value_line(after):
        return is_figure_row(before)
    if later is not None and is_figure_row(later) and _header_line(after):
        return _header_line(before)
    if is_name_rest(after, before):
        return later is None or is_figure_row(later)
    return False


def _doubled_runs(filled: list[int]) -> bool:
    """Whether the runs of blank lines between the lines are what doubling gives: a page's run of m
    blank lines printed as 2m + 1, so every run is odd and some run is three lines or more."""
    runs = [b - a - 1 for a, b in zip(filled, filled[1:]) if b - a > 1]
    return bool(runs) and all(r % 2 for r in runs) and max(runs) >= 3


def _rows_at_least(lines: list[RawLine], filled: list[int], least: int) -> bool:
    found = 0
    for i in filled:
        if lines[i].cells is None and is_figure_row(lines[i].text):
            found += 1
            if found >= least:
                return True
    return False


def close_blank_lines(raw: RawDocument) -> RawDocument:
    """``raw`` without the blank lines its extractor added (see the module's doc); the same object when none."""
    if raw.format != "text":
        return raw
    lines = raw.lines
    blanks = [_blank(line) for line in lines]
    keep = [True] * len(lines)
    filled = [i for i, b in enumerate(blanks) if not b]
    if len(filled) >= _MIN_LINES:
        followed = sum(1 for i in filled[:-1] if i + 1 < len(lines) and blanks[i + 1])
        if followed >= _DOUBLE_SHARE * (len(filled) - 1) and (_doubled_runs(filled) or _rows_at_least(lines, filled, _MIN_ROWS)):
            for i in filled:  # a run of r blank lines held r // 2 of the page's own
                run = range(i + 1, next((k for k in range(i + 1, len(lines)) if not blanks[k]), len(lines)))
                for k in run[: len(run) - len(run) // 2]:
                    keep[k] = False
    kept = [i for i in range(len(lines)) if keep[i]]
    filled = [i for i in kept if not blanks[i]]
    for n, i in enumerate(filled[:-1]):
        j = filled[n + 1]
        if j == i + 1 or lines[i].cells is not None or lines[j].cells is not None:
            continue
        gap = [k for k in range(i + 1, j) if keep[k]]
        if not gap or len(gap) > 2:
            continue
        later = lines[filled[n + 2]].text if n + 2 < len(filled) else None
        if not (_DIGIT.search(lines[i].text) or _DIGIT.search(lines[j].text) or later and _DIGIT.search(later)):
            continue  # every rule wants figures beside the gap
        earlier = lines[filled[n - 1]].text if n else None
        if _inside_table(earlier, lines[i].text, lines[j].text, later):
            for k in gap:
                keep[k] = False
    if all(keep):
        return raw
    return replace(raw, lines=[line for line, k in zip(lines, keep) if k])
