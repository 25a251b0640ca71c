"""A plan's yearly figures with the years as rows, printed one cell per line.

A numeric target set year by year (a staffing plan, a supply plan) may be a table whose rows are the
years and whose columns are what is counted; copied as text, every cell is a line of its own:

    年度 / 団員数 / 入団 / 者数 / … / 令和5年度 / 412人 / 18人 / … / 令和6年度 / 420人 / …

The header is a line holding only a year word (年度, 年次), then the column names up to the first
year: a name the extractor broke over two lines is joined (a piece of two characters or less is
joined to the next, and a bracketed piece to the one before, ``充足率`` / ``(累計)``). Each row is a
year line and the figures under it up to the next year. The first row is where the count stands, the
last the plan's aim: each column filled in every row is an indicator whose baseline is its first
row's figure and whose target its last row's, each of its row's year. Empty cells leave no line, so
a row shorter than the header fills its first columns; the columns it does not reach give nothing.
At least three rows are needed.
"""

from __future__ import annotations

import re

from keikaku.importer.known import NewRows
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, set_name
from keikaku.importer.values import Quantity, parse_quantity, parse_year

MIN_ROWS = 3
MAX_COLUMNS = 8
_YEAR_WORD = re.compile(r"^(?:年度|年次|年)$")
_YEAR_CELL = re.compile(r"^(?:(?:平成|令和|昭和)\s*(?:元|[0-9]{1,2})|[0-9]{4})\s*年度?$")


def _figure(line: Line) -> Quantity | None:
    q = parse_quantity(line.key.strip())
    return q if q.kind == "number" and q.value is not None and re.match(r"^[△▲-]?[0-9]", line.key.strip()) else None


def _columns(lines: list[Line], start: int) -> tuple[list[str], int] | None:
    """The column names after the year word at ``start`` and the index of the first year line."""
    pieces: list[str] = []
    k = start + 1
    while k < len(lines) and not _YEAR_CELL.match(lines[k].key.strip()):
        key = lines[k].key.strip()
        if _figure(lines[k]) is not None or len(key) > 20 or key.endswith("。"):
            return None
        pieces.append(key)
        k += 1
    if k == len(lines) or not pieces:
        return None
    names: list[str] = []
    for piece in pieces:
        if names and (piece.startswith(("(", "（")) or len(names[-1]) <= 2):
            names[-1] += piece
        else:
            names.append(piece)
    return (names, k) if len(names) <= MAX_COLUMNS else None


def _rows(lines: list[Line], k: int, width: int) -> list[tuple[int, list[Quantity], Line]]:
    """The rows from line ``k``: (year, figures, year line), up to the first line that is neither."""
    rows: list[tuple[int, list[Quantity], Line]] = []
    while k < len(lines) and _YEAR_CELL.match(lines[k].key.strip()):
        year = parse_year(lines[k].key.strip())
        figures: list[Quantity] = []
        j = k + 1
        while j < len(lines) and (q := _figure(lines[j])) is not None:
            figures.append(q)
            j += 1
        if year is None or not figures or len(figures) > width:
            break
        rows.append((year, figures, lines[k]))
        k = j
    return rows


def year_row_cell_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """The indicators of tables with the years as rows, one cell per line, among ``lines``, but those ``known``."""
    new = NewRows(known)
    for start, line in enumerate(lines):
        if not _YEAR_WORD.match(line.key.strip()):
            continue
        header = _columns(lines, start)
        if header is None:
            continue
        names, first = header
        rows = _rows(lines, first, len(names))
        if len(rows) < MIN_ROWS:
            continue
        filled = min(len(figures) for _, figures, _ in rows)
        (base_year, base, _), (last_year, last, at) = rows[0], rows[-1]
        for c in range(filled):
            row = IndicatorRow(name="", origin=origin_of(rows[0][2]))
            set_name(names[c], row)
            row.baseline, row.baseline_year = base[c], base_year
            row.target, row.target_year = last[c], last_year
            row.origins = {"baseline": row.origin or "", "target": origin_of(at) or ""}
            infer(row)
            new.add(row)
    return new.rows
