"""A name whose unit follows on its own line (単位: 回), in a sheet printed one cell per line.

After the name and its unit line come the year labels of its small table and its figures, in
any interleaving with header cells (区分, a kind word, the role word of the figures): the years,
consecutive and each printed once, and exactly as many figures are the row, the figures filling
the years in order under the one value role printed among them (実績値: actuals). The row ends at
a year printed again or at any other text; a row whose counts or roles do not fit is refused.
"""

from __future__ import annotations

import re

from keikaku.importer.cellsheet import is_sheet, role
from keikaku.importer.lexicon import header_words
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import parse_quantity, parse_year_in
from keikaku.importer.width import fold
from keikaku.importer.known import NewRows

_UNIT_LINE = re.compile(r"^単\s?位\s*[:：]\s*(\S{1,6})$")
_FIGURE = re.compile(r"^[△▲]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_WINDOW = 14
_ROLES = ("target", "actual")


def unit_line_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """The indicators named just before a unit line, but those ``known``."""
    if not is_sheet(lines):
        return []
    kept = NewRows(known)
    for i in range(1, len(lines) - 1):
        m = _UNIT_LINE.match(lines[i].key)
        name = fold(lines[i - 1].text.strip())
        if m is None or len(name) < 3 or role(name) is not None or re.search(r"[\d〔〕【】()（）]", name):
            continue
        row = _row(lines, i + 1, name, m.group(1))
        if row is not None and kept.add(row):
            row.origin = origin_of(lines[i - 1])
            infer(row)
    return kept.rows




def _year(cell: str) -> int | None:
    rest, year = parse_year_in(cell)
    return year if year is not None and not rest.strip(" ()（）") else None


def _row(lines: list[Line], j: int, name: str, unit: str) -> IndicatorRow | None:
    years: list[int] = []
    figures: list[Line] = []
    roles: set[str] = set()
    for line in lines[j:j + _WINDOW]:
        cell = line.key.strip()
        y = _year(cell)
        if y is not None:
            if y in years or figures:
                break  # a year printed again, or after the figures: the next table
            years.append(y)
        elif _FIGURE.match(cell):
            figures.append(line)
        elif (r := header_words().role_of(cell)) in ("label", "name") or r in _ROLES:
            if r in _ROLES:
                roles.add(r)  # type: ignore[arg-type]
        else:
            break
    if len(years) < 2 or len(figures) != len(years) or len(roles) != 1 or years != list(range(years[0], years[0] + len(years))):
        return None
    which = roles.pop()
    row = IndicatorRow(name="")
    set_name(name, row)
    row.unit = unit
    for y, line in zip(years, figures):
        if parse_quantity(line.key).kind == "number":
            put_value(row, which, y, line.text.strip(), origin=origin_of(line))  # the last plan is the target
    return row if row.name and (row.actuals or row.target) else None
