"""Pipe tables whose value columns each have a time column after them, rows laid side by side.

A survey of many bodies' action plans (one row per city, one group of columns per field of the
plan) prints its header once per group, each value column followed by a column of its time:

    目標項目 | 数値目標 | (時期) | 最新値 | (時期) | 基準値 | (時期) | 取組内容 |
    A市 | 計画へ | ・name | 45歳 | 32年度 | 36.6歳 | 29年度 | 39.3歳 | 26年度 | ・name ・name |
    20%以上 30%以上 |
    32年度 | 12.0% 15.3% |
    …

The time words are ``[time_cells]`` of ``lexicon/headers.toml``; the first name column of the
header names the rows, a later name word holding a target word (数値目標) is the target column.
The rows' cells are read as one stream (a row wraps over lines, a group's cells go on in the next
line), and each name cell followed by one cell per value column — a figure or a dash, each maybe
followed by its time — is a row; cells before a name (the body, a link) belong to none. A name
cell of several bulleted names (``・A ・B``) takes from each value cell as many figures, a space
apart, as it has names, else nothing. A time without its era (``32年度``) gives no year, so a
figure of such a time stays undated (an undated actual is lost); ``(2017年)`` is 2017.
"""

from __future__ import annotations

import re

from keikaku.importer.known import NewRows
from keikaku.importer.lexicon import VALUE_ROLES, fold_key, header_words, time_words
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import parse_quantity, parse_year

_BARE_TIME = re.compile(r"[(（]?(?:[HRS]|平成|令和|昭和)?\s*(?:元|\d{1,4})\s*年度?(?:末)?[)）]?")
_DASH = re.compile(r"[-‐－―ー−]+")
_BULLET = re.compile(r"(?:^|\s+)[・●○]\s*")  # a bullet opens the cell or follows a space
_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")
MIN_NAME = 4  # characters a name cell holds at least


def timed_pipe_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """The rows of every such table (see the module's doc), but those ``known``."""
    kept = NewRows(known)
    k = 0
    while k < len(lines):
        columns = _header(lines[k].text)
        if columns is None:
            k += 1
            continue
        k += 1
        while k < len(lines) and _header(lines[k].text) == columns:
            k += 1  # the header printed again, once per group
        cells: list[tuple[str, Line]] = []
        while k < len(lines) and "|" in lines[k].text and _header(lines[k].text) is None:
            cells += [(c.strip(), lines[k]) for c in lines[k].text.split("|") if c.strip()]
            k += 1
        for row in _rows(cells, columns):
            if kept.add(row):
                infer(row)
    return kept.rows


def _is_time(cell: str) -> bool:
    return parse_year(cell) is not None or bool(_BARE_TIME.fullmatch(cell)) or bool(_DASH.fullmatch(cell))


def _time_word(cell: str) -> bool:
    return fold_key(cell).strip("()（）") in {fold_key(w) for w in time_words()}


def _header(text: str) -> tuple[tuple[str, bool], ...] | None:
    """The value columns of a header line, each (role, followed by a time column), when it has a
    name column first and a time column after a value column; else None."""
    if "|" not in text:
        return None
    cells = [c.strip() for c in text.split("|")]
    lex = header_words()
    named = False
    columns: list[list] = []
    for cell in cells:
        if not cell:
            continue
        if _time_word(cell):
            if not columns or columns[-1][1]:
                return None
            columns[-1][1] = True
            continue
        role = lex.role_of(cell)
        if role == "name" and not named:
            named = True
        elif role == "name" and any(fold_key(w) in fold_key(cell) for w in lex.words("target")):
            columns.append(["target", False])
        elif role in VALUE_ROLES and role != "rate" and named:
            columns.append([role, False])
    if not named or len(columns) < 2 or not any(timed for _, timed in columns):
        return None
    return tuple((role, timed) for role, timed in columns)


def _figures(cell: str) -> list[str] | None:
    """The figures a value cell holds, a space apart, or [''] for a dash; None if it is no value cell."""
    if _DASH.fullmatch(cell):
        return [""]
    parts = cell.split()
    if all(parse_quantity(p).kind == "number" and len(_DIGITS.findall(p)) == 1 and not _BARE_TIME.fullmatch(p) for p in parts):
        return parts
    return None


def _names(cell: str) -> list[str] | None:
    if _figures(cell) is not None or _is_time(cell) or header_words().role_of(cell) is not None:
        return None
    names = [n.strip() for n in _BULLET.split(cell) if n.strip()]
    if not names or any(len(n) < MIN_NAME or not re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", n) for n in names):
        return None
    return names


def _rows(cells: list[tuple[str, Line]], columns: tuple[tuple[str, bool], ...]) -> list[IndicatorRow]:
    out: list[IndicatorRow] = []
    i = 0
    while i < len(cells):
        names = _names(cells[i][0])
        read = _read(cells, i + 1, columns) if names else None
        if read is None:
            i += 1
            continue
        values, end = read
        if all(len(v) in (1, len(names)) for v, _ in values) and any(any(v) for v, _ in values):
            for n, name in enumerate(names):
                row = IndicatorRow(name="", origin=origin_of(cells[i][1]))
                set_name(name, row)
                for (role, _), (figures, year) in zip(columns, values):
                    figure = figures[n] if len(figures) == len(names) else figures[0] if len(names) == 1 else ""
                    if figure:
                        put_value(row, role, year, figure, origin=origin_of(cells[i][1]))
                if row.name and (row.baseline or row.target or row.actuals):
                    out.append(row)
        i = end
    return out


def _read(cells: list[tuple[str, Line]], i: int, columns: tuple[tuple[str, bool], ...]) -> tuple[list[tuple[list[str], int | None]], int] | None:
    """One cell per value column from ``i`` (each maybe followed by its time): the figures and the
    year of each, and where the row ends; None when a cell is missing or of another form."""
    values = []
    for _, timed in columns:
        if i >= len(cells) or (figures := _figures(cells[i][0])) is None:
            return None
        i += 1
        year = None
        if timed and i < len(cells) and _is_time(cells[i][0]):
            year = parse_year(cells[i][0])
            i += 1
        values.append((figures, year))
    return values, i
