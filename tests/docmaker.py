"""Build real PDF, Word and Excel files for tests, from lines of text or rows of cells.

Plain functions, shared by several test files. PDFs are drawn with reportlab in the IPA Gothic
font that Debian ships (``scripts/system-deps.sh`` installs it).
"""

from __future__ import annotations

import io
import struct
import unicodedata
import zlib
from pathlib import Path

FONT_NAME = "IPAGothic"
FONT_CANDIDATES = (
    "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
    "/usr/share/fonts/truetype/ipafont-gothic/ipag.ttf",
    "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",
)
FALLBACK_NAME = "DejaVuSans"
FALLBACK_FILE = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
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


def _fallback_font() -> str | None:
    """DejaVu Sans, for the few symbols IPA Gothic lacks (such as ➊); None when it is not installed."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FALLBACK_NAME in pdfmetrics.getRegisteredFontNames():
        return FALLBACK_NAME
    if not Path(FALLBACK_FILE).is_file():
        return None
    pdfmetrics.registerFont(TTFont(FALLBACK_NAME, FALLBACK_FILE))
    return FALLBACK_NAME


def _runs(text: str) -> list[tuple[str, str]]:
    """Split text into (font name, run) pieces: IPA Gothic, or the fallback for glyphs it lacks."""
    from reportlab.pdfbase import pdfmetrics

    main = japanese_font()
    has = pdfmetrics.getFont(main).face.charToGlyph
    fallback = _fallback_font()
    runs: list[tuple[str, str]] = []
    for ch in text:
        font = fallback if (fallback and ord(ch) not in has) else main
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + ch)
        else:
            runs.append((font, ch))
    return runs


def char_em(ch: str) -> float:
    """Visual width of one character in ems: East-Asian wide, full-width and ambiguous count 1, others 0.5."""
    return 1.0 if unicodedata.east_asian_width(ch) in ("W", "F", "A") else 0.5


def text_em(text: str, letter_spacing: float = 0.0) -> float:
    return sum(char_em(ch) + letter_spacing for ch in text)


def _cells_layout(line: str, letter_spacing: float = 0.0) -> list[tuple[float, str]]:
    """Where each TAB-separated cell of a line starts (in ems from the left margin)."""
    placed: list[tuple[float, str]] = []
    x = 0.0
    for i, cell in enumerate(line.split("\t")):
        if i:
            x = -(-(x + TAB_MIN_GAP_EM) // TAB_STOP_EM) * TAB_STOP_EM  # next tab stop past the gap
        placed.append((x, cell))
        x += text_em(cell, letter_spacing)
    return placed


def _line_em(line: str, letter_spacing: float = 0.0) -> float:
    start, cell = _cells_layout(line, letter_spacing)[-1]
    return start + text_em(cell, letter_spacing)


def make_pdf(
    lines: list[str],
    path: Path,
    *,
    lines_per_page: int = 45,
    font_size: float = 9,
    page_numbers: bool = True,
    header: str | None = None,
    encrypt: str | None = None,
    letter_spacing: float = 0.0,
) -> Path:
    """Write ``lines`` as a PDF, one PDF text line per input line, never wrapped.

    The page is made as wide as the longest line needs. Blank lines stay as vertical gaps, a TAB
    moves the next cell to a tab stop, ``page_numbers`` puts "- N -" centred at the bottom,
    ``header`` is drawn at the top of every page, and ``encrypt`` sets a user password.
    ``letter_spacing`` (in ems) draws every glyph on its own, spread apart, as Word's distributed
    alignment (均等割り付け) does.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    japanese_font()
    leading = font_size * 1.5
    widest = max((_line_em(line, letter_spacing) for line in lines), default=0.0)
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
        if header:
            _draw(c, MARGIN, height - MARGIN - font_size, header, font_size)
        for row, line in enumerate(page):
            y = top - row * leading
            for start, cell in _cells_layout(line.rstrip("\r\n"), letter_spacing):
                if cell:
                    _draw(c, MARGIN + start * font_size, y, cell, font_size, letter_spacing)
        if page_numbers:
            # Centred under this page's text block, at least A4-wide. (Centring it on a page made
            # very wide for another page's long line leaves a hole that pdfium takes for vertical text.)
            block = max([A4[0] - 2 * MARGIN] + [font_size * _line_em(line, letter_spacing) for line in page])
            label = f"- {number} -"
            _draw(c, MARGIN + block / 2 - font_size * text_em(label) / 2, MARGIN, label, font_size)
        c.showPage()
    c.save()
    return path


def _draw(c, x: float, y: float, text: str, font_size: float, letter_spacing: float = 0.0) -> None:  # type: ignore[no-untyped-def]
    """Draw one run of text at (x, y), switching to the fallback font for glyphs IPA Gothic lacks."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if letter_spacing:  # one text object per glyph, each placed by hand
        for font, run in _runs(text):
            for ch in run:
                c.setFont(font, font_size)
                c.drawString(x, y, ch)
                x += stringWidth(ch, font, font_size) + letter_spacing * font_size
        return
    obj = c.beginText(x, y)
    for font, run in _runs(text):
        obj.setFont(font, font_size)
        obj.textOut(run)
    c.drawText(obj)


def make_image_only_pdf(path: Path, *, pages: int = 2) -> Path:
    """A PDF of shapes and a raster image but not one character of text: a scan, as far as a reader can tell."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for i in range(pages):
        c.rect(72, 600, 200, 100, fill=1)
        c.circle(300, 400, 50 + 10 * i)
        c.line(72, 300, 500, 320)
        c.drawImage(ImageReader(io.BytesIO(_grey_png(64, 32))), 72, 100, width=256, height=128)
        c.showPage()
    c.save()
    return path


def _grey_png(width: int, height: int) -> bytes:
    """A small grey-gradient PNG, made by hand so that no imaging library is needed."""
    rows = b"".join(b"\x00" + bytes(x * 255 // width for x in range(width)) for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


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
