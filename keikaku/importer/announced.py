"""A table whose columns are announced by a sentence instead of a header row.

The text versions that prefectures and cities publish beside their PDFs (for screen readers)
turn a table into sentences: one says the order of the cells, and the rows follow with their
cells separated by the Japanese comma:

    指標、令和5年度目標、令和5年度実績、達成率の順に記載
    就労した人数、120人 …の約5% 90人、…の75.0%   入所者の減少数、30人減 …の数 1,200人、…

The announced cells are header cells (``lexicon/headers.toml``, a year in a cell being its
column's year); the first is the name column. The rows are read by counting commas: a row is its
name and one cell per further column, and the last cell's first word is the cell, the rest of it
the next row's name. A cell's value is its first word (what follows it explains it: a share, the
count it leaves); a figure ending with 減 or 増 (74人減) is the amount of that change. A row
whose value cells are not all figures ends the table, and a table needs a row whose cells are.
"""

from __future__ import annotations

import re

from keikaku.importer.lexicon import VALUE_ROLES, header_words
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import parse_quantity, parse_year_in

_ORDER = re.compile(r"(?:以下(?:は)?、)?(?P<columns>[^。\s]{4,120}?)の順(?:で|に)?(?:記載|掲載|表記|記述)?(?:する|します|している)?[。.]?")
_CHANGE = re.compile(r"^([△▲-]?[0-9][0-9,.]*\D{0,6}?)[減増]$")


def _columns(text: str) -> list[tuple[str | None, int | None]] | None:
    """(role, year) of each announced cell after the first (the name), or None when they are no table's."""
    cells = [c.strip() for c in text.split("、")]
    if len(cells) < 3 or any(not c for c in cells):
        return None
    columns = []
    for cell in cells[1:]:
        body, year = parse_year_in(cell)
        if year is None and (m := re.match(r"^(.+?年度?)(\D+)$", cell)) and parse_year_in(m.group(1))[1] is not None:
            body, year = m.group(2), parse_year_in(m.group(1))[1]  # 令和2年度目標: the year glued before its word
        role = header_words().role_of(body or cell)
        columns.append((role, year))
    if (sum(role in VALUE_ROLES and role != "rate" for role, _ in columns) < 1
            or any(r is None or r not in VALUE_ROLES for r, _ in columns)):
        return None  # a cell naming no value column, or a second name column (a category before the name)
    return columns


def _figure(token: str) -> str | None:
    """The figure a token is (74人減: 74人, the amount of a decrease), or None."""
    if m := _CHANGE.match(token):
        token = m.group(1)
    return token if parse_quantity(token).kind == "number" else None


def _trails_figure(token: str) -> bool:
    """Text that ends with its own figure (…の約5%): what follows it starts anew."""
    return bool(re.search(r"[0-9０-９][0-9０-９,.，．]*[^0-9０-９]{0,3}$", token))


def _rows(tokens: list[str], columns: list[tuple[str | None, int | None]], line: Line) -> list[IndicatorRow]:
    """Rows after an announcing sentence: a name (text), then one figure per column."""
    rows: list[IndicatorRow] = []
    name: list[str] = []
    cells: list[str] = []
    for i, tok in enumerate(tokens):
        figure = _figure(tok)
        explains = i > 0 and _figure(tokens[i - 1]) is None and not _trails_figure(tokens[i - 1]) and bool(cells)
        if figure is None or explains:
            if figure is None and not cells:
                name.append(tok)
            elif figure is None and len(cells) == len(columns):
                rows.append(_row(" ".join(name), cells, columns, line))
                name, cells = [tok], []
            continue  # an explanation of the cell before (…の入所者数 4,825人)
        if not name:
            return rows
        cells.append(figure)
    if name and len(cells) == len(columns):
        rows.append(_row(" ".join(name), cells, columns, line))
    return [r for r in rows if r.name] if all(_one_unit(r) for r in rows) else []


def _one_unit(row: IndicatorRow) -> bool:
    """Whether a row's figures print one unit: rows of one indicator each, not cells of other rows."""
    units = {q.unit for q in [row.baseline, row.target, *(q for q, _ in row.interim), *(q for _, q, _ in row.actuals)]
             if q is not None and q.kind == "number"}
    return len(units) <= 1


def _row(name: str, cells: list[str], columns: list[tuple[str | None, int | None]], line: Line) -> IndicatorRow:
    row = IndicatorRow(name="", origin=origin_of(line))
    set_name(name, row)
    for (role, year), value in zip(columns, cells):
        if role != "rate":
            put_value(row, role, year, value, origin=row.origin)
    infer(row)
    return row


def announced_rows(lines: list[Line]) -> tuple[list[IndicatorRow], list[Line]]:
    """Rows of tables announced by a sentence on ``lines``, and the lines they did not come from."""
    found: list[IndicatorRow] = []
    rest: list[Line] = []
    for line in lines:
        if "の順" not in line.text:  # what every announcement prints: most lines are let through without a search
            rest.append(line)
            continue
        rows: list[IndicatorRow] = []
        for m in _ORDER.finditer(line.text):
            columns = _columns(m.group("columns"))
            if columns is not None:
                tokens = [t for t in re.split(r"[、\s]+", line.text[m.end():]) if t]
                rows += _rows(tokens, columns, line)
        if rows:
            found += rows
        else:
            rest.append(line)
    return found, rest
