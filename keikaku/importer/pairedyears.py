"""A table of fiscal years, each year's column holding a plan over a record, read in a flattened line.

Prefectural measure sheets print the indicator of a measure under a header of years whose first
year holds the starting value and every later year a plan and a record, stacked in the cell::

    目標項目 2 年度 3 年度 4 年度 5 年度
    現状値 目標値 実績値 目標値 実績値 目標値 実績値 目標達成 状況

A text extractor prints each row's two printed lines one after the other: the name (broken over
lines), the plan line (one target per later year), the rate cell that spans both lines, then the
record line (the starting value and one actual per later year)::

    地域の 清掃活動に参加 した県民の数 12,500人 13,000人 13,500人 0.97 11,820人 12,640人 12,910人 13,120人

The header is two fiscal years or more, each the year after the one before (a bare number and
年度 may stand apart: the era is the document's, ``impliedera``), then a baseline word and one
(target word, actual word) pair per later year, maybe a rate word last; header words broken by a
space are joined. A row is a name of words (no placeholder, no header word, no sentence) and then
exactly one figure or empty mark (-, ―) per cell: the targets, the rate when the header has one,
then the baseline and the actuals. The last target is the target, of the last year; the earlier
ones are the yearly plan, not read. A row with another count of figures ends the table, and is not
read: the cells cannot be told apart.
"""

from __future__ import annotations

import re

from keikaku.importer.lexicon import header_words
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import parse_quantity, parse_year
from keikaku.importer.width import fold

_YEAR = re.compile(r"^(?:(?:平成|令和|H|R)?[0-9]{1,2}|[0-9]{4})年度$")
_NUMBER = re.compile(r"^(?:[0-9]{1,2}|[0-9]{4})$")
_EMPTY = frozenset({"-", "―", "－", "—", "‐"})
_PAIR = ("target", "actual")
_MAX_NAME_TOKENS = 12


def _tokens(lines: list[Line]) -> list[tuple[str, Line]]:
    return [(t, ln) for ln in lines for t in ln.key.split()]


def _years(tokens: list[tuple[str, Line]], i: int) -> tuple[list[int], int]:
    """The run of consecutive fiscal years from token ``i`` (``23 年度`` or ``23年度``) and the index after it."""
    years: list[int] = []
    while i < len(tokens):
        cell = tokens[i][0]
        step = 1
        if _NUMBER.match(cell) and i + 1 < len(tokens) and tokens[i + 1][0] == "年度":
            cell, step = cell + "年度", 2
        year = parse_year(cell) if _YEAR.match(fold(cell)) else None
        if year is None or (years and year != years[-1] + 1):
            break
        years.append(year)
        i += step
    return years, i


def _roles(tokens: list[tuple[str, Line]], i: int, count: int) -> tuple[list[str], int]:
    """Up to ``count`` header roles from token ``i``, a word broken by a space joined; the index after them."""
    lex = header_words()
    roles: list[str] = []
    while i < len(tokens) and len(roles) < count:
        role = lex.role_of(tokens[i][0])
        joined = lex.role_of(tokens[i][0] + tokens[i + 1][0]) if i + 1 < len(tokens) else None
        width = 1
        if joined is not None and joined != role and lex.role_of(tokens[i + 1][0]) is None:
            role, width = joined, 2
        if role is None or (len(roles) == count - 1 and role != "rate"):
            break  # only a rate may follow the pairs
        roles.append(role)
        i += width
    return roles, i


def _cell(token: str) -> bool:
    return token in _EMPTY or parse_quantity(token).kind == "number"


def paired_year_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """The rows of every plan-over-record year table on ``lines`` (see the module's description), but those ``known``."""
    tokens = _tokens(lines)
    found: list[IndicatorRow] = []
    i = 0
    while i < len(tokens):
        years, j = _years(tokens, i)
        if len(years) < 2:
            i += 1
            continue
        k = len(years) - 1
        roles, j = _roles(tokens, j, 2 * k + 2)
        rated = roles[2 * k + 1:] == ["rate"]
        if roles[:2 * k + 1] != ["baseline", *(_PAIR * k)] or len(roles) not in (2 * k + 1, 2 * k + 2) \
                or (len(roles) == 2 * k + 2 and not rated):
            i = j if j > i else i + 1
            continue
        rows, i = _rows(tokens, j, years, rated)
        found += [r for r in rows if r.name not in known]
    return found


def _rows(tokens: list[tuple[str, Line]], i: int, years: list[int], rated: bool) -> tuple[list[IndicatorRow], int]:
    k = len(years) - 1
    width = 2 * k + 1 + rated
    lex = header_words()
    rows: list[IndicatorRow] = []
    while True:
        start = i
        while i < len(tokens) and not _cell(tokens[i][0]):
            i += 1
        name = tokens[start:i]
        cells = []
        while i < len(tokens) and _cell(tokens[i][0]):
            cells.append(tokens[i][0])
            i += 1
        words = [t for t, _ in name]
        if not words or len(words) > _MAX_NAME_TOKENS or len(cells) != width \
                or any("〔" in w or "。" in w or lex.role_of(w) is not None for w in words):
            return rows, start
        row = IndicatorRow(name="", origin=origin_of(name[0][1]))
        set_name("".join(words), row)
        targets, record = cells[:k], cells[k + rated:]
        if targets[-1] not in _EMPTY:
            put_value(row, "target", years[-1], targets[-1], origin=row.origin)
        if record[0] not in _EMPTY:
            put_value(row, "baseline", years[0], record[0], origin=row.origin)
        for year, cell in zip(years[1:], record[1:]):
            if cell not in _EMPTY:
                put_value(row, "actual", year, cell, origin=row.origin)
        infer(row)
        if row.name:
            rows.append(row)
