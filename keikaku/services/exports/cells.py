"""Cells of exported spreadsheets that stay data: plan text never becomes a live formula.

A city's text may start with ``=``, ``+``, ``-`` or ``@`` (a bullet such as ``- 公園の整備`` or a
pasted formula). Spreadsheet programs run such a CSV cell as a formula (CSV injection), so text
cells starting with one of those characters, a tab or a carriage return get a leading ``'``, as
OWASP advises; numbers are written as numbers. In XLSX, text is always written as a string cell.
"""

from __future__ import annotations

from openpyxl.cell.cell import Cell

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_text(text: str) -> str:
    """A text cell of a CSV file, neutralised when a spreadsheet would read it as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def keep_as_text(cell: Cell) -> None:
    """Write a text cell that openpyxl took for a formula as the text it is."""
    if cell.data_type == "f":
        cell.data_type = "s"
