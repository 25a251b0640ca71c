"""Excel (.xlsx) through openpyxl, the only adapter for that library.

Every visible sheet in order. Hidden sheets, rows and columns are skipped; a block of
consecutive non-empty rows is one table, read as a ``Grid`` with merged ranges as spans and one
``RawLine`` per grid row. Cell values are read the way Excel shows them: a number formatted as a
percentage (0.589 in ``0.0%``) reads 58.9 with ``percent`` set, numbers print without float
noise, dates as ISO dates. ``sheet_values`` reads one sheet's values the same way for the
actuals upload (keikaku.services.actuals), so there is one Excel reader.
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass
from decimal import Decimal

from keikaku.importer.readers.archive import check_archive
from keikaku.importer.readers.base import DocumentError, failures_as, join_breaks as _join_breaks
from keikaku.importer.readers.formulas import fill_uncached, has_uncached_formulas
from keikaku.importer.readers.numformat import date_year_text, era_year_text, with_format_text
from keikaku.importer.records import Grid, GridCell, RawLine, Source

Value = str | int | float | bool | None
_FORMAT_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')  # quoted text, escapes, [Red]/[$-411], padding
_SIGNIFICANT = 15  # Excel shows (and keeps) 15 significant digits


@dataclass(frozen=True)
class CellValue:
    """One cell as Excel shows it: its value (a percentage already ×100), the text of that value,
    and whether the number is a percentage."""

    value: Value
    text: str
    percent: bool = False


def read_xlsx(name: str, data: bytes) -> tuple[list[RawLine], int]:
    """The lines of every visible sheet; the number of sheets (hidden ones included)."""
    workbook = open_workbook(name, data)
    try:
        with failures_as(name, _corrupt):
            lines: list[RawLine] = []
            for number, sheet in enumerate(workbook.worksheets, start=1):
                if sheet.sheet_state == "visible":
                    lines.extend(_sheet_lines(sheet, number))
            return lines, len(workbook.worksheets)
    finally:
        workbook.close()


def _corrupt(exc: Exception) -> str:
    return f"corrupt Excel workbook: {type(exc).__name__}: {exc}"


def open_workbook(name: str, data: bytes):  # type: ignore[no-untyped-def]
    """The workbook with cached formula results (not read-only: merged ranges need the full model);
    a formula saved without its result gets it worked out when it is plain arithmetic (``formulas``)."""
    check_archive(name, data, what="Excel workbook")
    try:
        import openpyxl

        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        if has_uncached_formulas(data):  # saved by a program without the results: work out the plain ones
            fill_uncached(workbook, openpyxl.load_workbook(io.BytesIO(data), data_only=False))
        return workbook
    except Exception as exc:
        raise DocumentError(name, f"corrupt Excel workbook: {type(exc).__name__}: {exc}") from exc


def sheet_values(name: str, data: bytes, *, sheet: int = 0, max_rows: int | None = None) -> list[list[Value]]:
    """Every row of one sheet (the first by default) from row 1, hidden rows included, as values.

    A row is a list of values from column A to the sheet's last column with a value; a percentage
    reads as its ×100 value (58.9% typed in Excel is 58.9), dates as ISO text. At most
    ``max_rows`` rows are returned. Raises DocumentError.
    """
    workbook = open_workbook(name, data)
    try:
        with failures_as(name, _corrupt):
            try:
                ws = workbook.worksheets[sheet]
            except IndexError:
                raise DocumentError(name, f"the workbook has no sheet {sheet + 1}") from None
            values = {key: cell_value(cell).value for key, cell in _filled_cells(ws).items()}
            last_row = max((r for r, _ in values), default=0)
            last_col = max((c for _, c in values), default=0)
            if max_rows is not None:
                last_row = min(last_row, max_rows)
            return [[values.get((r, c)) for c in range(1, last_col + 1)] for r in range(1, last_row + 1)]
    finally:
        workbook.close()


def workbook_values(name: str, data: bytes, *, max_rows: int | None = None) -> list[tuple[str, list[list[Value]]]]:
    """(title, rows) of every sheet in order, hidden ones included, each read as ``sheet_values``
    reads one (for files of several sheets such as the budget import, keikaku.services.budget)."""
    workbook = open_workbook(name, data)
    try:
        with failures_as(name, _corrupt):
            out = []
            for ws in workbook.worksheets:
                values = {key: cell_value(cell).value for key, cell in _filled_cells(ws).items()}
                last_row = max((r for r, _ in values), default=0)
                last_col = max((c for _, c in values), default=0)
                if max_rows is not None:
                    last_row = min(last_row, max_rows)
                out.append((ws.title, [[values.get((r, c)) for c in range(1, last_col + 1)] for r in range(1, last_row + 1)]))
            return out
    finally:
        workbook.close()


def _filled_cells(sheet) -> dict[tuple[int, int], object]:  # type: ignore[no-untyped-def]
    """{(row, column): cell} of the cells that hold a value, without making the empty ones of the
    sheet's whole bounding box (one stray cell at XFD1048576 would make a billion)."""
    cells = getattr(sheet, "_cells", None)
    if not isinstance(cells, dict):
        cells = {(cell.row, cell.column): cell for row in sheet.iter_rows() for cell in row}
    return {key: cell for key, cell in cells.items() if cell.value is not None}


# --- one cell --------------------------------------------------------------------------------


def cell_value(cell) -> CellValue:  # type: ignore[no-untyped-def]
    """A cell's value as Excel shows it (see ``CellValue``)."""
    value = cell.value
    if value is None:
        return CellValue(None, "")
    if isinstance(value, bool):
        return CellValue(value, "TRUE" if value else "FALSE")
    if isinstance(value, (int, float)):
        if (era_year := era_year_text(value, cell.number_format)) is not None:
            return CellValue(value, era_year)  # a date shown as its era year: 令和3年度
        scaled, literal = percent_format(cell.number_format)
        number = tidy_number(value * 100 if scaled else value)
        return CellValue(number, with_format_text(number_text(number), cell.number_format), scaled or literal)
    if hasattr(value, "isoformat"):  # datetime, date, time
        if hasattr(value, "year") and (shown := date_year_text(value, cell.number_format)) is not None:
            return CellValue(shown, shown)  # a date shown as its year: 2021年度, 令和3年度
        text = value.isoformat().removesuffix("T00:00:00")
        return CellValue(text, text)
    text = _join_breaks(str(value))  # a string, or the text of anything else (a duration)
    return CellValue(text, text)


def percent_format(number_format: str | None) -> tuple[bool, bool]:
    """(Excel multiplies by 100 for it, it shows a literal %): ``0.0%`` → (True, False); ``0.0"%"`` → (False, True)."""
    fmt = number_format or ""
    if "%" not in fmt:
        return False, False
    bare = _FORMAT_LITERALS.sub("", fmt)
    return "%" in bare, "%" not in bare


def tidy_number(value: int | float) -> int | float:
    """The number as Excel shows it: 15 significant digits, an integer when whole (12.0 → 12)."""
    if isinstance(value, int):
        return value
    if not math.isfinite(value):
        return value
    rounded = float(f"{value:.{_SIGNIFICANT}g}")
    if rounded.is_integer() and abs(rounded) < 1e15:
        return int(rounded)
    return rounded


def number_text(value: int | float) -> str:
    """Plain digits, never an exponent: 58.9, 12, 0.00001."""
    if isinstance(value, int) or not math.isfinite(value):
        return str(value)
    text = format(Decimal(repr(value)), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


# --- one sheet -------------------------------------------------------------------------------


@dataclass
class _Range:
    """A merged range in sheet coordinates (1-based, inclusive)."""

    min_row: int
    min_col: int
    max_row: int
    max_col: int


def _sheet_lines(sheet, number: int) -> list[RawLine]:  # type: ignore[no-untyped-def]
    from openpyxl.utils import column_index_from_string, get_column_letter

    name = sheet.title
    hidden_rows = {r for r, dim in sheet.row_dimensions.items() if dim.hidden}
    hidden_cols: set[int] = set()
    for key, dim in sheet.column_dimensions.items():
        if dim.hidden:
            low = dim.min or column_index_from_string(key)
            hidden_cols.update(range(low, (dim.max or low) + 1))
    values = {key: cell_value(cell) for key, cell in _filled_cells(sheet).items()}  # merged-over cells have none
    ranges = [_Range(m.min_row, m.min_col, m.max_row, m.max_col) for m in sheet.merged_cells.ranges]
    anchor_of: dict[tuple[int, int], _Range] = {}  # every position of a merged range → the range
    for rng in ranges:
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                anchor_of[(r, c)] = rng
    filled: dict[int, set[int]] = {}  # visible row → its visible columns with text (merged cells fill their range)
    for (r, c), value in values.items():
        if value.text and (r, c) not in anchor_of:
            filled.setdefault(r, set()).add(c)
    for rng in ranges:
        if values.get((rng.min_row, rng.min_col), CellValue(None, "")).text:
            for r in range(rng.min_row, rng.max_row + 1):
                filled.setdefault(r, set()).update(range(rng.min_col, rng.max_col + 1))
    for r in list(filled):
        filled[r] -= hidden_cols
        if r in hidden_rows or not filled[r]:
            del filled[r]
    blocks: list[list[int]] = []  # rows with only hidden rows between them make one table
    for r in sorted(filled):
        if blocks and _only_hidden_between(blocks[-1][-1], r, hidden_rows):
            blocks[-1].append(r)
        else:
            blocks.append([r])
    lines: list[RawLine] = []
    for rows in blocks:
        last = max(c for r in rows for c in filled[r])
        cols = [c for c in range(1, last + 1) if c not in hidden_cols]
        lines.extend(_block_lines(rows, cols, values, anchor_of, name, number, get_column_letter))
    return lines


def _only_hidden_between(first: int, last: int, hidden_rows: set[int]) -> bool:
    gap = last - first - 1
    return gap <= len(hidden_rows) and all(r in hidden_rows for r in range(first + 1, last))


def _block_lines(rows: list[int], cols: list[int], values: dict[tuple[int, int], CellValue],
                 anchor_of: dict[tuple[int, int], _Range], name: str, number: int, letter) -> list[RawLine]:  # type: ignore[no-untyped-def]
    """One table: its grid (merged ranges clipped to the block's visible rows and columns) and its lines."""
    row_at = {r: i for i, r in enumerate(rows)}
    col_at = {c: i for i, c in enumerate(cols)}
    cells: list[GridCell] = []
    placed: set[int] = set()  # merged ranges already placed (by id)
    for r in rows:
        for c in cols:
            rng = anchor_of.get((r, c))
            if rng is not None:
                if id(rng) in placed:
                    continue
                placed.add(id(rng))
                span_rows = [x for x in rows if rng.min_row <= x <= rng.max_row]
                span_cols = [x for x in cols if rng.min_col <= x <= rng.max_col]
                top, left = rng.min_row, rng.min_col
            else:
                span_rows, span_cols, top, left = [r], [c], r, c
            cell = values.get((top, left)) or CellValue(None, "")
            cells.append(GridCell(
                text=cell.text, row=row_at[r], col=col_at[c], rowspan=len(span_rows), colspan=len(span_cols),
                percent=cell.percent, source=Source(page=number, sheet=name, cell=f"{letter(left)}{top}"),
            ))
    first, last = letter(cols[0]), letter(cols[-1])
    grid = Grid(cells=tuple(cells), rows=len(rows), cols=len(cols),
                source=Source(page=number, sheet=name, cell=f"{first}{rows[0]}:{last}{rows[-1]}"))
    lines = []
    for i, texts in enumerate(grid.row_texts()):
        r = rows[i]
        lines.append(RawLine(
            "\t".join(t for t in texts if t), number, texts,
            source=Source(page=number, sheet=name, cell=f"{first}{r}:{last}{r}"), grid=grid if i == 0 else None,
        ))
    return lines

