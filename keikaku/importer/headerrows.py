"""A table's header printed over two rows, read as one header row cell by cell.

Ruled tables turned into text often print a column's year, or its role word, on a second header
row right under the first (``指標名 | 基準値 | 2021年度 | 目標値`` / ``| (2020年度) | 実績 | (2025年度)``).
Read alone, the second row is no row and the first loses its years. When a pipe line with header
words is followed by a pipe line of as many cells, each of them empty, a year or a header word
(no figure, no name), the two are one header: each cell is the first row's cell followed by the
second row's. An upper cell left empty right of a year, over a sub-column word (目標 | 実績 under
a year merged over both), is that year's cell again: ``令和4年度 | `` / ``目標 | 実績`` give
令和4年度目標 and 令和4年度実績.

The same in a table whose cells stand apart by spaces (``基準値 令和4年度 目標値`` /
``指標 令和2年度 実績 令和8年度``): when a line of header words and years, at least one naming a
baseline or a target and none naming the rows, is followed by a line opening with the name word
and then as many cells as the first line holds, each a year or a header word, the cells pair up
in order (基準値令和2年度, 令和4年度実績, 目標値令和8年度). Counts that differ (a word spanning
several columns) leave both lines alone.
"""

from __future__ import annotations

import re
from dataclasses import replace

from keikaku.importer.labelcolumn import name_label_columns
from keikaku.importer.lexicon import header_words
from keikaku.importer.normalize import Line, make_line
from keikaku.importer.values import parse_year_in

_FIGURE = re.compile(r"[0-9]")


def _cells(line: Line) -> list[str] | None:
    if line.text.count("|") < 2:
        return None
    return [c.strip() for c in line.text.split("|")]


def _under_header(cell: str) -> bool:
    """Whether ``cell`` may stand under a header cell: empty, a year alone, or a header word."""
    if not cell:
        return True
    rest, year = parse_year_in(cell)
    if year is not None and not rest.strip("()（） "):
        return True
    return not _FIGURE.search(cell) and header_words().role_of(cell) is not None


def _is_header(cells: list[str]) -> bool:
    lex = header_words()
    roles = {lex.role_of(c) for c in cells if c}
    return bool(roles & {"baseline", "target", "actual"})


def _spaced_pair(top: Line, below: Line) -> str | None:
    """The header line two spaced header lines make, or None."""
    if "|" in top.text or "|" in below.text:
        return None
    upper, lower = top.text.split(" "), below.text.split(" ")
    lex = header_words()
    if len(lower) != len(upper) + 1 or len(upper) < 2 or lex.role_of(lower[0]) != "name":
        return None
    if not all(_under_header(c) for c in upper + lower[1:]) or not _is_header(upper):
        return None
    if any(lex.role_of(c) == "name" for c in upper):
        return None
    return " ".join([lower[0], *(f"{a}{b}" for a, b in zip(upper, lower[1:]))])


def _spread_years(top: list[str], below: list[str]) -> list[str]:
    """The upper cells with a year merged over the sub-columns to its right written into each of them."""
    out = list(top)
    for k in range(1, len(out)):
        if out[k] or not below[k] or not below[k - 1] or _FIGURE.search(below[k]) or header_words().role_of(below[k]) is None:
            continue
        rest, year = parse_year_in(out[k - 1])
        if year is not None and not rest.strip("()（） "):
            out[k] = out[k - 1]
    return out


def merge_header_rows(lines: list[Line]) -> list[Line]:
    """``lines`` with every header printed over two rows joined into one line."""
    lines = name_label_columns(lines)
    out: list[Line] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        top = _cells(line)
        below = _cells(lines[i + 1]) if top is not None and i + 1 < len(lines) else None
        if (top is not None and below is not None and len(top) == len(below) and _is_header(top)
                and any(below) and all(_under_header(c) for c in below)):
            joined = " | ".join(f"{a}{b}" for a, b in zip(_spread_years(top, below), below)).strip()
            out.append(make_line(joined, line.index, line.page, source=line.source))
            i += 2
            continue
        if line.cells and i + 1 < len(lines) and lines[i + 1].cells and len(line.cells) == len(lines[i + 1].cells) \
                and _is_header(list(line.cells)) and all(_under_header(c) for c in lines[i + 1].cells):
            spread = tuple(_spread_years(list(line.cells), list(lines[i + 1].cells)))
            if spread != line.cells:
                line = replace(line, cells=spread)
        spaced = _spaced_pair(line, lines[i + 1]) if i + 1 < len(lines) else None
        if spaced is not None:
            out.append(make_line(spaced, lines[i + 1].index, line.page, source=lines[i + 1].source))
            i += 2
            continue
        out.append(line)
        i += 1
    return out
