"""A column of times after a value column, joined into the value cells it dates.

A sheet may print the year of each figure in a column of its own, right of the figure's column,
headed by a time word only (``[time_cells]`` of ``lexicon/headers.toml``: 時期, 年度 …):

    | 指標 | 基準値 | (年度) | 目標値 | (年度) |
    | name | 118人 | (26年度) | 140人 | (32年度) |

Read as printed, the time columns are columns of nothing and the figures stay undated. In a pipe
table whose header names a value column (a baseline, a target, an actual) with a time column
right after it, and whose every row has as many cells as the header, each time cell joins the
cell before it (``118人 (26年度)``), as a year in brackets after a figure reads; the header loses
its time cells. A row of another length ends the table; a table whose time cells hold anything
but a time (a figure, a name) is left as printed.
"""

from __future__ import annotations

import re

from keikaku.importer.lexicon import VALUE_ROLES, fold_key, header_words, time_words
from keikaku.importer.normalize import Line, make_line
from keikaku.importer.values import parse_year_in

_BRACKETS = "()（）[]［］【】 "
_TIME_ONLY = re.compile(r"(?:[0-9]{1,4}|元)\s*(?:年度?|[./][0-9]{1,2})?\s*(?:末|時点|現在)?")


def _cells(line: Line) -> list[str] | None:
    if line.text.count("|") < 3:
        return None
    cells = [c.strip() for c in line.text.split("|")]
    return cells[1:-1] if line.text.startswith("|") and line.text.endswith("|") else None


def _time_columns(header: list[str]) -> list[int]:
    """The header's time cells that stand right after a value cell."""
    words = {fold_key(w) for w in time_words()}
    lex = header_words()
    return [k for k in range(1, len(header))
            if fold_key(header[k].strip(_BRACKETS)) in words and lex.role_of(header[k - 1]) in VALUE_ROLES]


def _is_time(cell: str) -> bool:
    """Whether a cell holds a time only (or nothing): (26年度), R5, 2023年3月末, ―."""
    bare = cell.strip(_BRACKETS)
    if not bare or bare in "-－―ー−":
        return True
    rest, year = parse_year_in(bare)
    return (year is not None and not rest.strip(_BRACKETS)) or _TIME_ONLY.fullmatch(bare) is not None


def _joined(cells: list[str], times: list[int], header: bool) -> str:
    out: list[str] = []
    for k, cell in enumerate(cells):
        if k in times:
            if not header and cell.strip(_BRACKETS) and out:
                time = cell if cell[0] in "(（" else f"({cell})"
                out[-1] = f"{out[-1]} {time}".strip()
            continue
        out.append(cell)
    return "| " + " | ".join(out) + " |"


def join_time_columns(lines: list[Line]) -> list[Line]:
    """``lines`` with every pipe table's time columns joined into the value columns they date."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        header = _cells(lines[i])
        times = _time_columns(header) if header is not None else []
        if not times:
            out.append(lines[i])
            i += 1
            continue
        end = i + 1
        while end < len(lines) and (row := _cells(lines[end])) is not None and len(row) == len(header):
            end += 1
        rows = [_cells(ln) or [] for ln in lines[i + 1:end]]
        if not rows or not all(_is_time(r[k]) for r in rows for k in times):
            out.append(lines[i])
            i += 1
            continue
        for line, cells in zip(lines[i:end], [header, *rows]):
            out.append(make_line(_joined(cells, times, cells is header), line.index, line.page, source=line.source))
        i = end
    return out
