"""Build real PDF, Word and Excel files for tests, from lines of text or rows of cells.

Plain functions, shared by several test files. PDFs are drawn with reportlab in the IPA Gothic
font that Debian ships (``scripts/system-deps.sh`` installs it).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

FONT_NAME = "IPAGothic"
FONT_CANDIDATES = (
    "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
    "/usr/share/fonts/truetype/ipafont-gothic/ipag.ttf",
    "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",
)
MAX_PAGE_POINTS = 14400.0  # the PDF limit on a page side
MARGIN = 36.0  # left, right, and above/below the body
FURNITURE_GAP = 24.0  # between the header/page number and the body
TAB_STOP_EM = 4  # cells after a TAB start on a multiple of this many ems...
TAB_MIN_GAP_EM = 2  # ...at least this far after the previous cell


def japanese_font() -> str:
    """Register the IPA Gothic TrueType font with reportlab (once) and return its font name."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT_NAME in pdfmetrics.getRegisteredFontNames():
        return FONT_NAME
    for candidate in FONT_CANDIDATES:
        if Path(candidate).is_file():
            pdfmetrics.registerFont(TTFont(FONT_NAME, candidate))
            return FONT_NAME
    raise AssertionError(
        f"no Japanese TrueType font found (looked for {', '.join(FONT_CANDIDATES)}): "
        "run scripts/system-deps.sh (as root) to install fonts-ipafont-gothic"
    )


def char_em(ch: str) -> float:
    """Visual width of one character in ems: East-Asian wide, full-width and ambiguous count 1, others 0.5."""
    return 1.0 if unicodedata.east_asian_width(ch) in ("W", "F", "A") else 0.5


def text_em(text: str) -> float:
    return sum(char_em(ch) for ch in text)


def _cells_layout(line: str) -> list[tuple[float, str]]:
    """Where each TAB-separated cell of a line starts (in ems from the left margin)."""
    placed: list[tuple[float, str]] = []
    x = 0.0
    for i, cell in enumerate(line.split("\t")):
        if i:
            x = -(-(x + TAB_MIN_GAP_EM) // TAB_STOP_EM) * TAB_STOP_EM  # next tab stop past the gap
        placed.append((x, cell))
        x += text_em(cell)
    return placed


def _line_em(line: str) -> float:
    start, cell = _cells_layout(line)[-1]
    return start + text_em(cell)


def make_pdf(
    lines: list[str],
    path: Path,
    *,
    lines_per_page: int = 45,
    font_size: float = 9,
    page_numbers: bool = True,
    header: str | None = None,
    encrypt: str | None = None,
) -> Path:
    """Write ``lines`` as a PDF, one PDF text line per input line, never wrapped.

    The page is made as wide as the longest line needs. Blank lines stay as vertical gaps, a TAB
    moves the next cell to a tab stop, ``page_numbers`` puts "- N -" centred at the bottom,
    ``header`` is drawn at the top of every page, and ``encrypt`` sets a user password.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    font = japanese_font()
    leading = font_size * 1.5
    widest = max((_line_em(line) for line in lines), default=0.0)
    if header:
        widest = max(widest, text_em(header))
    width = max(A4[0], 2 * MARGIN + font_size * widest + font_size)
    if width > MAX_PAGE_POINTS:
        raise ValueError(f"a line {widest} ems wide does not fit on a PDF page at {font_size} pt")
    body_height = leading * lines_per_page
    height = max(A4[1], 2 * (MARGIN + FURNITURE_GAP + font_size) + body_height)
    top = height - MARGIN - font_size - FURNITURE_GAP  # baseline of the first body line

    c = canvas.Canvas(str(path), pagesize=(width, height), encrypt=encrypt, invariant=1)
    pages = [lines[i : i + lines_per_page] for i in range(0, len(lines), lines_per_page)] or [[]]
    for number, page in enumerate(pages, start=1):
        c.setFont(font, font_size)
        if header:
            c.drawString(MARGIN, height - MARGIN - font_size, header)
        for row, line in enumerate(page):
            y = top - row * leading
            for start, cell in _cells_layout(line.rstrip("\r\n")):
                if cell:
                    c.drawString(MARGIN + start * font_size, y, cell)
        if page_numbers:
            c.drawCentredString(width / 2, MARGIN, f"- {number} -")
        c.showPage()
    c.save()
    return path


def make_image_only_pdf(path: Path, *, pages: int = 2) -> Path:
    """A PDF of shapes and a raster image but not one character of text (a scan, as far as a reader can tell)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    import io
    import struct
    import zlib

    def png(w: int, h: int) -> bytes:  # a small grey gradient, made by hand so no imaging library is needed
        raw = b"".join(b"\x00" + bytes((x * 255 // w) for x in range(w)) for _ in range(h))

        def chunk(kind: bytes, data: bytes) -> bytes:
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

        ihdr = struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)
        return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for i in range(pages):
        c.rect(72, 600, 200, 100, fill=1)
        c.circle(300, 400, 50 + 10 * i)
        c.line(72, 300, 500, 320)
        try:
            c.drawImage(ImageReader(io.BytesIO(png(64, 32))), 72, 100, width=256, height=128)
        except Exception:  # reportlab without an image backend: shapes alone still carry no text
            pass
        c.showPage()
    c.save()
    return path


def make_docx(
    items: list[str | list[list[str]]],
    tables: list[list[list[str]]] | Path | None = None,
    path: Path | None = None,
) -> Path:
    """Write a Word document: ``items`` in order, each a paragraph (str) or a table (list of rows).

    The older form ``make_docx(paragraphs, tables, path)`` writes the paragraphs, then the tables.
    """
    import docx

    if isinstance(tables, (str, Path)):  # make_docx(items, path)
        tables, path = None, Path(tables)
    if path is None:
        raise TypeError("make_docx needs a path")
    document = docx.Document()
    for item in [*items, *(tables or [])]:
        if isinstance(item, str):
            document.add_paragraph(item)
            continue
        columns = max((len(row) for row in item), default=0)
        table = document.add_table(rows=len(item), cols=columns)
        for r, row in enumerate(item):
            for k, value in enumerate(row):
                table.cell(r, k).text = value
    document.save(str(path))
    return Path(path)


def make_xlsx(sheets: dict[str, list[list[object]]], path: Path) -> Path:
    """Write an Excel workbook with one sheet per entry, rows written as given (None leaves a cell empty)."""
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for r, row in enumerate(rows, start=1):
            for k, value in enumerate(row, start=1):
                if value is not None:
                    sheet.cell(row=r, column=k, value=value)
    workbook.save(str(path))
    return Path(path)
