"""Typed records passed between the importer's stages.

Every format becomes the same document: lines of text and tables as cell grids, each with where
it came from (``Source``). Readers build these records; every later stage is pure and works only
on them.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Source:
    """Where a piece of a document came from: a page and box, a line, or a sheet and cell."""

    page: int | None = None  # 1-based page (PDF) or sheet number (Excel)
    line: int | None = None  # 1-based line of a text file
    sheet: str | None = None  # Excel sheet name
    cell: str | None = None  # Excel cell reference (B4) or table cell (r2c3)
    box: tuple[float, float, float, float] | None = None  # x0, top, x1, bottom in points (PDF)

    def label(self) -> str:
        """Short human form: ``p.3 (72,140–300,152)``, ``line 12``, ``Sheet1!B4``."""
        if self.sheet is not None:
            return f"{self.sheet}!{self.cell}" if self.cell else self.sheet
        parts = []
        if self.page is not None:
            parts.append(f"p.{self.page}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.cell is not None:
            parts.append(self.cell)
        if self.box is not None:
            x0, top, x1, bottom = self.box
            parts.append(f"({x0:.0f},{top:.0f}–{x1:.0f},{bottom:.0f})")
        return " ".join(parts) or "?"


@dataclass(slots=True)
class GridCell:
    """One cell of a table grid, at its top-left position, with its spans.

    ``percent`` is set when the source says the number is a percentage although the text does
    not (an Excel cell formatted ``0.0%`` holding 0.589 reads ``58.9`` with ``percent`` set).
    """

    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    percent: bool = False
    source: Source | None = None


@dataclass(frozen=True)
class Grid:
    """A table as a grid of cells; merged cells appear once, with their spans."""

    cells: tuple[GridCell, ...]
    rows: int
    cols: int
    source: Source | None = None

    def matrix(self) -> list[list[GridCell | None]]:
        """Every position of the grid with the cell that covers it (a merged cell fills its span)."""
        out: list[list[GridCell | None]] = [[None] * self.cols for _ in range(self.rows)]
        for c in self.cells:
            for r in range(c.row, min(c.row + c.rowspan, self.rows)):
                for k in range(c.col, min(c.col + c.colspan, self.cols)):
                    out[r][k] = c
        return out

    def row_texts(self) -> list[tuple[str, ...]]:
        """Each row's cell texts, one per grid column; a merged cell's text at its first column only."""
        rows: list[list[str]] = [[""] * self.cols for _ in range(self.rows)]
        for c in self.cells:
            rows[c.row][c.col] = c.text
        return [tuple(r) for r in rows]


@dataclass(slots=True)
class RawLine:
    """One line of a document as its reader saw it.

    ``cells`` is set when the line is a row of a real table (a Word or Excel table, or a
    tab-separated text line): the cell texts in order. ``grid`` is set on the first row of a table
    whose reader knows its geometry (merged cells, spans): the whole table, which later stages
    read as a grid rather than row by row.
    """

    text: str
    page: int | None = None
    cells: tuple[str, ...] | None = None
    source: Source | None = field(default=None, compare=False)
    grid: Grid | None = field(default=None, compare=False)


@dataclass
class RawDocument:
    """What a reader returns: the lines of one file, with where they came from."""

    name: str  # file name as given (no directories)
    format: str  # "text", "pdf", "docx", "xlsx" or "scan" (a PDF read through OCR)
    sha256: str  # of the file's bytes
    lines: list[RawLine] = field(default_factory=list)
    encoding: str | None = None  # for text files: the detected encoding
    pages: int | None = None  # for paged formats
