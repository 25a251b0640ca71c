"""A project list printing each project's activity indicator, its planned amount per year and its money.

An implementation plan (実施計画) lists its projects in a table of a number, the project's name, a
description, the activity indicator (maybe its unit in brackets), the indicator's present value,
the planned amount (事業量) for each of the plan's years, the money (事業費) for each year and the
department. An extractor's default mode gives it one cell per line, the header first (the years
under 事業量 and 事業費 printed after both, one group per column)::

    No. / 事業名 / 事業概要 / 活動指標 / （単位） / 現状 / （R5） / 事業量 / 事業費（千円） / 担当課 / R6 / R7 / R8 / R6 / R7 / R8
    1 / 〇〇事業 / 〇〇を支援し / ます。 / 講座の参加者数 / （人） / 120 / 130 / 140 / 150 / 2,400 / 2,400 / 2,500 / 〇〇課

Under such a header (an indicator word, a planned-amount word and a money word of
``lexicon/workload.toml``, each one cell per line, and years), a run of figures in a row opens
with the indicator's present value and goes on with its planned amounts, one per year of the
first group of years: the present value is the baseline (the year bracketed after the baseline
word), the last year's amount the target. The money after them is no indicator. The name is the
text right before the run, back to the description's closing sentence (。) or the row's number,
three lines at most (a bracketed unit there is the unit). A project whose indicator cell is a dash,
or whose amounts are words (設計, 工事), gives nothing.
"""

from __future__ import annotations

import re

from keikaku.importer.known import NewRows
from keikaku.importer.lexicon import fold_key, header_words, workload_words
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import parse_quantity, parse_year_in

_ROW_NUMBER = re.compile(r"^[0-9０-９]{1,3}$")
_HEADER_REACH = 24  # single-cell lines a header may run over
_NAME_PIECES = 3  # lines a name may be wrapped over


def _single(line: Line) -> str | None:
    """The line's one cell as printed, or None when it holds several or is too long."""
    text = line.text.strip()
    return text if text and " " not in line.key.strip() and len(text) <= 40 else None


def _year_only(cell: str) -> int | None:
    rest, year = parse_year_in(cell)
    return year if year is not None and not rest.strip("()（） ") else None


def _has(cell: str, words: tuple[str, ...]) -> bool:
    key = fold_key(cell)
    return any(w in key for w in words)


def _header(lines: list[Line], i: int) -> tuple[int | None, int, int, int] | None:
    """(baseline year, planned years, last planned year, first body line) of a header holding line ``i``'s
    indicator word, or None."""
    lex = header_words()
    plan, money = workload_words()
    if (cell := _single(lines[i])) is None or lex.role_of(cell) != "name":
        return None
    base_year = None
    years: list[int] = []
    seen_plan = seen_money = False
    j = i + 1
    while j < len(lines) and j - i <= _HEADER_REACH and (cell := _single(lines[j])) is not None:
        if _ROW_NUMBER.match(cell):
            break
        year = _year_only(cell)
        if year is not None:
            if not years and lex.role_of(_single(lines[j - 1]) or "") == "baseline":
                base_year = year
            elif seen_plan:
                years.append(year)
        elif _has(cell, plan):
            seen_plan = True
        elif _has(cell, money):
            seen_money = True
        j += 1
    first = [y for k, y in enumerate(years) if k == 0 or all(years[m] < years[m + 1] for m in range(k))]
    if not (seen_plan and seen_money) or len(first) < 2 or j >= len(lines):
        return None
    return base_year, len(first), first[-1], j


def _figure(cell: str) -> bool:
    return parse_quantity(cell).kind in ("number", "empty")


def work_load_rows(lines: list[Line], known: list[str]) -> list[IndicatorRow]:
    """Activity indicators of a project list: the present value and the last year's planned amount."""
    new = NewRows(known)
    i = 0
    while i < len(lines):
        header = _header(lines, i)
        if header is None:
            i += 1
            continue
        base_year, n, last_year, j = header
        body: list[tuple[str, Line]] = []
        while j < len(lines) and (cell := _single(lines[j])) is not None and header_words().role_of(cell) != "name":
            body.append((cell, lines[j]))
            j += 1
        k = 0
        while k < len(body):
            run = k
            while run < len(body) and _figure(body[run][0]):
                run += 1
            if run - k < n + 1 or parse_quantity(body[k][0]).kind != "number" or parse_quantity(body[k + n][0]).kind != "number":
                k = max(run, k + 1)
                continue
            pieces: list[tuple[str, Line]] = []
            back = k - 1
            while back >= 0 and len(pieces) < _NAME_PIECES:
                cell = body[back][0]
                if cell.endswith("。") or _ROW_NUMBER.match(cell) or _figure(cell):
                    break
                pieces.insert(0, body[back])
                back -= 1
            if pieces:
                row = IndicatorRow(name="", origin=origin_of(pieces[0][1]))
                set_name("".join(p for p, _ in pieces), row)
                put_value(row, "baseline", base_year, body[k][0], origin=origin_of(body[k][1]))
                put_value(row, "target", last_year, body[k + n][0], origin=origin_of(body[k + n][1]))
                infer(row)
                if row.name:
                    new.add(row)
            k = run
        i = j
    return new.rows
