"""A KPI table printed column by column in groups of rows, its rows numbered with their units under
them and group titles among them, as plain ``pdftotext`` gives it — a whole-document reading
(``wholedoc.py``).

    No. / 重要業績評価指標 / 単位 / 基本目標1 … / 1 name / 人 / 2 name / 人 / 基本目標2 … / 3 name / …
    基準値 / 基準年度 / 令和5年度 / 実績 / … / 目標値 / （令和9年度）
    48 令和1年度 / 33,420 令和3年度        (the baselines of group 1, each with its year)
    61 / 33,910                          (the next column of group 1) …
    17 令和2年度 / 260 令和3年度 / 8,150 令和3年度   (group 2) …

The rules, all about forms and counts:

- The table opens at a name column's head alone on its line. Its rows are numbered names counting
  up from 1, each maybe followed by lines that continue the name and a short unit word (of two short
  lines the first is a wrapped name's tail, 数, and the last the unit); group
  titles (``grouptitle``) and the heads of text columns (単位, No.) stand among them.
- The value heads follow the rows: a year alone then a role (令和5年度 / 実績) is one head, a role
  then a bracketed year (目標値 / （令和9年度）) is one head, a year alone is an actual; a 年度 head
  (基準年度) names the years printed beside the baselines and is no column of its own.
- The figures come in blocks (lines with no blank between them): a figure, or a figure and its year.
  A group is as many blocks of one length as there are value columns; the groups add up to the rows.
"""

from __future__ import annotations

import re

from keikaku.importer.groupdriver import VALUE_ORDER, WORDY, grouped_rows, past_end
from keikaku.importer.grouptitle import group_title
from keikaku.importer.lexicon import fold_key, header_words
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, is_year_header, put_value, set_name
from keikaku.importer.values import parse_quantity, parse_year_in
from keikaku.importer.width import fold

MAX_ROWS = 60
MAX_HEAD = 14  # a head line is at most this long (folded)
MAX_UNIT = 4  # a unit word under a name
_NUMBERED = re.compile(r"^([0-9]{1,2})\s+(\S.*)$")
_FIGURE_YEAR = re.compile(r"^(\S+)\s+(\S+)$")


def numbered_group_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """The rows of numbered KPI tables printed column by column in groups of rows, but those ``known``."""
    return grouped_rows(lines, known=known, head=_head, read=_read, resume=past_end)


def _head(line: Line) -> tuple[str | None, int | None] | None:
    """(role, year) of a header cell alone on its line, or None."""
    key = fold_key(line.key)
    if not key or len(key) > MAX_HEAD or " " in line.key.strip():
        return None
    rest, year = parse_year_in(line.key)
    words = fold_key(rest).strip("()（）[]【】 .")
    if words and any(ch.isdigit() for ch in words):
        return None
    role = header_words().role_of(words) if words else None
    if words and role is None:
        return None
    return (role, year) if role is not None or year is not None else None


def _rows(lines: list[Line], i: int) -> tuple[list[tuple[list[str], str | None, Line]], int]:
    """The numbered rows from ``lines[i]`` up to the first value head: (name pieces, unit, line)."""
    rows: list[tuple[list[str], str | None, Line]] = []
    while i < len(lines) and len(rows) < MAX_ROWS:
        line = lines[i]
        key = fold_key(line.key)
        head = _head(line)
        m = _NUMBERED.match(fold(line.text).strip())
        if m is not None and int(m.group(1)) == len(rows) + 1 and WORDY.search(m.group(2)) \
                and parse_quantity(m.group(2)).kind != "number":
            rows.append(([m.group(2).strip()], None, line))
        elif head is not None and head[0] in VALUE_ORDER or head is not None and head[0] is None:
            break  # the value heads
        elif head is not None or group_title(line.key):
            pass  # a text column's head (単位), a group's title
        elif rows and len(key) <= MAX_UNIT and not any(ch.isdigit() for ch in key):
            if rows[-1][1] is not None:  # two short lines: the first a wrapped name's tail (数), the last the unit
                rows[-1][0].append(rows[-1][1])
            rows[-1] = (rows[-1][0], fold(line.text.strip()), rows[-1][2])
        elif rows and rows[-1][1] is None and WORDY.search(key) and not any(ch.isdigit() for ch in key):
            rows[-1][0].append(line.text.strip())  # a name wrapped over lines
        else:
            return [], i
        i += 1
    return rows, i


def _columns(lines: list[Line], i: int) -> tuple[list[tuple[str, int | None]], int]:
    """The value heads from ``lines[i]``: (role, year) in the order printed, and where they end."""
    columns: list[tuple[str, int | None]] = []
    pending_year: int | None = None
    while i < len(lines) and (head := _head(lines[i])) is not None:
        role, year = head
        bracketed = lines[i].key.startswith(("(", "（", "["))
        if is_year_header(lines[i].text):
            pass  # 基準年度: the years printed beside the baselines
        elif role is None and bracketed and columns and columns[-1][1] is None:
            columns[-1] = (columns[-1][0], year)  # 目標値 / （令和9年度）
        elif role is None:
            if pending_year is not None:
                columns.append(("actual", pending_year))
            pending_year = year
        elif role in VALUE_ORDER:
            columns.append((role, year if year is not None else pending_year))
            pending_year = None
        else:
            return [], i  # a head of another kind: no table of figures
        i += 1
    if pending_year is not None:
        columns.append(("actual", pending_year))
    return columns, i


def _cell(line: Line) -> tuple[str, int | None] | None:
    """A figure cell: a figure alone, or a figure and its year (48 令和1年度)."""
    text = line.text.strip()
    if parse_quantity(text).kind in ("number", "empty"):
        return text, None
    m = _FIGURE_YEAR.match(text)
    if m is None or parse_quantity(m.group(1)).kind not in ("number", "empty"):
        return None
    rest, year = parse_year_in(m.group(2))
    return (m.group(1), year) if year is not None and not fold_key(rest).strip("()（）") else None


def _blocks(lines: list[Line], i: int) -> tuple[list[list[tuple[str, int | None, Line]]], int]:
    blocks: list[list[tuple[str, int | None, Line]]] = []
    while i < len(lines) and (cell := _cell(lines[i])) is not None:
        if blocks and blocks[-1][-1][2].index == lines[i].index - 1:
            blocks[-1].append((*cell, lines[i]))
        else:
            blocks.append([(*cell, lines[i])])
        i += 1
    return blocks, i


def _read(lines: list[Line], i: int) -> tuple[list[IndicatorRow], int]:
    rows, i = _rows(lines, i)
    if len(rows) < 2:
        return [], i
    columns, i = _columns(lines, i)
    if len(columns) < 2 or not any(r in ("baseline", "target") for r, _ in columns):
        return [], i
    blocks, end = _blocks(lines, i)
    width = len(columns)
    if not blocks or len(blocks) % width:
        return [], i
    groups = [blocks[g:g + width] for g in range(0, len(blocks), width)]
    if any(len({len(b) for b in group}) != 1 for group in groups) or sum(len(g[0]) for g in groups) != len(rows):
        return [], i
    out: list[IndicatorRow] = []
    r = 0
    for group in groups:
        for k in range(len(group[0])):
            pieces, unit, line = rows[r]
            row = IndicatorRow(name="")
            set_name("".join(pieces), row)
            for (role, year), block in zip(columns, group):
                text, own, cell = block[k]
                put_value(row, role, own if own is not None else year, text, origin=origin_of(cell))
            row.unit = row.unit or unit
            row.origin = origin_of(line)
            out.append(row)
            r += 1
    return out, end
