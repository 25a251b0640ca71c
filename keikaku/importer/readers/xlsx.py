"""Excel (.xlsx) through openpyxl, the only adapter for that library: every sheet, row by row."""

from __future__ import annotations

import io

from keikaku.importer.readers.base import DocumentError, join_breaks as _join_breaks
from keikaku.importer.records import RawLine, Source


def read_xlsx(name: str, data: bytes) -> tuple[list[RawLine], int]:
    try:
        import openpyxl

        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            lines: list[RawLine] = []
            for index, sheet in enumerate(workbook.worksheets, start=1):
                for row in sheet.iter_rows(values_only=True):
                    cells = [_cell_text(value) for value in row]
                    while cells and not cells[-1]:
                        cells.pop()
                    if cells:
                        lines.append(RawLine("\t".join(cells), index, tuple(cells)))
            return lines, len(workbook.worksheets)
        finally:
            workbook.close()
    except Exception as exc:
        raise DocumentError(name, f"corrupt Excel workbook: {type(exc).__name__}: {exc}") from exc


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):  # datetime, date, time
        text = value.isoformat()
        return text.removesuffix("T00:00:00")
    return _join_breaks(str(value))
