"""A table whose header the extractor split: its years above the rows, its role words after them.

A PDF's two-row header may come out in two places: the lower row's years on a line of their own
above the rows (``平成23年度 令和2年度 結果``) and the upper row's role words after the last row,
with the target's year in brackets (``実績 目標`` / ``(令和2年度)``). Each row is a name (its head
maybe on the line before, the tail glued before the figures), one figure per year and one more,
then text cells (a result mark, the department, its section in brackets on the next line). The
years date the actuals; the figure after them is the target only when the role words printed
apart name 目標 after 実績, and it takes the bracketed year printed with them. Without those
words the extra figure is left out: nothing says what it is.
"""

from __future__ import annotations

import re

from keikaku.importer.lexicon import VALUE_ROLES, header_words
from keikaku.importer.normalize import Line, line_origin
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import is_year_cell, parse_quantity, parse_year_in

MIN_ROWS = 2
_BRACKETED = re.compile(r"^[(（][^()（）]*[)）]$")


def _years_line(line: Line) -> list[int] | None:
    """The years of a line of two or more years, maybe closed by a few short words (結果): else None."""
    tokens = line.key.split()
    years = []
    for k, token in enumerate(tokens):
        if not is_year_cell(token):
            rest = tokens[k:]
            if len(rest) > 2 or any(re.search(r"[0-9]", t) or len(t) > 4 for t in rest):
                return None
            break
        years.append(parse_year_in(token)[1])
    return years if len(years) >= 2 and None not in years else None  # type: ignore[return-value]


def _roles_line(lines: list[Line], k: int) -> tuple[list[str], int | None] | None:
    """The roles a line of value words only names (実績 目標), with the year in brackets on it or under it."""
    lex = header_words()
    tokens = [t for t in lines[k].key.split() if not is_year_cell(t)]
    roles = [lex.role_of(t) for t in tokens]
    if len(roles) < 2 or any(r not in VALUE_ROLES for r in roles):
        return None
    year = next((parse_year_in(t)[1] for t in lines[k].key.split() if is_year_cell(t)), None)
    if year is None and k + 1 < len(lines) and is_year_cell(lines[k + 1].key):
        year = parse_year_in(lines[k + 1].key)[1]
    return roles, year  # type: ignore[return-value]


def _figure(token: str) -> bool:
    return parse_quantity(parse_year_in(token)[0]).kind == "number"


def split_header_rows(lines: list[Line]) -> list[IndicatorRow]:
    """The rows of a region opening with a line of years whose role words come after the rows ([] when it is not one)."""
    if not lines or (years := _years_line(lines[0])) is None:
        return []
    n = len(years)
    roles = next((found for k in range(1, len(lines)) if (found := _roles_line(lines, k)) is not None), None)
    target_year = None
    has_target = False
    if roles is not None:
        names, target_year = roles
        has_target = "actual" in names and "target" in names[names.index("actual"):]
    rows: list[IndicatorRow] = []
    head: list[str] = []
    for line in lines[1:]:
        if line.cells or _BRACKETED.match(line.key):
            continue  # a cell's part in brackets under its row (the department's section)
        tokens = line.key.split()
        k = next((k for k in range(len(tokens)) if all(_figure(t) for t in tokens[k:k + n + 1])
                  and len(tokens[k:k + n + 1]) == n + 1), None)
        if k is None:
            if any(_figure(t) for t in tokens) or _roles_line([line], 0) is not None:
                head = []
                continue
            head = [line.key.replace(" ", "")]  # a name's head on the line before its figures
            continue
        name = "".join(head) + "".join(tokens[:k])
        head = []
        if not name or parse_quantity(name).kind != "word":
            continue
        row = IndicatorRow(name="", origin=line_origin(line))
        set_name(name, row)
        figures = tokens[k:k + n + 1]
        for year, text in zip(years, figures):
            put_value(row, "actual", year, text, origin=row.origin)
        if has_target:
            put_value(row, "target", target_year, figures[n], origin=row.origin)
        infer(row)
        rows.append(row)
    return rows if len(rows) >= MIN_ROWS else []


WINDOW = 60  # lines from the years to the role words printed after the rows


def split_header_extent(lines: list[Line], i: int) -> int:
    """How many lines from ``lines[i]`` a table with a split header covers, through the role words printed after
    its rows and their year (0 when no such table starts there); a region of its own is opened where it is not 0."""
    window = lines[i:i + WINDOW]
    if not window or _years_line(window[0]) is None or not split_header_rows(window):
        return 0
    for k in range(1, len(window)):
        if _roles_line(window, k) is not None:
            return k + 1 + (k + 1 < len(window) and is_year_cell(window[k + 1].key))
    return 0
