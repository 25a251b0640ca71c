"""Build real PDF, Word and Excel files for tests, from lines of text or rows of cells.

Plain functions, shared by several test files. PDFs are drawn with reportlab in the IPA Gothic
font that Debian ships (``scripts/system-deps.sh`` installs it).
"""

from __future__ import annotations

import io
import struct
import unicodedata
import zlib
from dataclasses import dataclass
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


@dataclass(frozen=True)
class PdfText:
    """A line of text for ``make_layout_pdf``: its left edge and top in points from the page's top-left."""

    x: float
    top: float
    text: str
    size: float = 9.0
    angle: float = 0.0  # degrees anticlockwise about the text's start; 90 reads bottom to top


@dataclass(frozen=True)
class PdfTable:
    """A ruled table for ``make_layout_pdf``: column widths, row heights and cells (text, row, col, rowspan, colspan).

    Every cell is outlined, so a merged cell has no rule across it. ``rules`` is "stroke" (each
    cell's rectangle stroked) or "fill" (each border a thin filled rectangle, as Word prints them).
    A cell's text may hold "\\n" for a line break inside the cell.
    """

    x: float
    top: float
    widths: tuple[float, ...]
    heights: tuple[float, ...]
    cells: tuple[tuple[str, int, int, int, int], ...]
    size: float = 9.0
    rules: str = "stroke"

    def cell_box(self, row: int, col: int, rowspan: int = 1, colspan: int = 1) -> tuple[float, float, float, float]:
        """The cell's (x0, top, x1, bottom) in points from the page's top-left."""
        x0 = self.x + sum(self.widths[:col])
        top = self.top + sum(self.heights[:row])
        return (x0, top, x0 + sum(self.widths[col : col + colspan]), top + sum(self.heights[row : row + rowspan]))


def make_layout_pdf(pages: list[list[PdfText | PdfTable]], path: Path, *, page_size: tuple[float, float] = (595.0, 842.0)) -> Path:
    """Write a PDF with text and ruled tables placed exactly, drawn in the order given (one list per page)."""
    from reportlab.pdfgen import canvas

    japanese_font()
    width, height = page_size
    c = canvas.Canvas(str(path), pagesize=page_size, invariant=1)
    for page in pages:
        for item in page:
            if isinstance(item, PdfText):
                c.saveState()
                c.translate(item.x, height - item.top - 0.88 * item.size)
                c.rotate(item.angle)
                _draw(c, 0, 0, item.text, item.size)
                c.restoreState()
                continue
            c.setLineWidth(0.5)
            for text, row, col, rowspan, colspan in item.cells:
                x0, top, x1, bottom = item.cell_box(row, col, rowspan, colspan)
                if item.rules == "fill":  # four thin filled rectangles
                    for rx, ry, rw, rh in ((x0, top, x1 - x0, 0.5), (x0, bottom, x1 - x0, 0.5), (x0, top, 0.5, bottom - top), (x1, top, 0.5, bottom - top)):
                        c.rect(rx, height - ry - rh, rw, rh, stroke=0, fill=1)
                else:
                    c.rect(x0, height - bottom, x1 - x0, bottom - top, stroke=1, fill=0)
                for k, part in enumerate(text.split("\n")):
                    _draw(c, x0 + 3, height - top - 3 - (k * 1.4 + 0.88) * item.size, part, item.size)
        c.showPage()
    c.save()
    return Path(path)


# --- documents as cities make them: merged headers, automatic numbering, hidden cells -----------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def add_numbering(document, levels: list[tuple[str, str]], *, start: int = 1, suffix: str | None = None,  # type: ignore[no-untyped-def]
                  abstract: int | None = None, start_override: dict[int, int] | None = None) -> int:
    """Define a list in the document's numbering part and return its w:numId.

    ``levels`` are (w:numFmt, w:lvlText) from level 0 down, such as ("decimal", "第%1章") or
    ("decimalFullWidth", "（%1）"). ``abstract`` reuses an existing w:abstractNumId instead of
    defining one (a second list over the same definition); ``start_override`` maps levels to a
    w:startOverride of this list.
    """
    from docx.oxml import parse_xml

    numbering = document.part.numbering_part.element
    w = f'xmlns:w="{W_NS}"'
    if abstract is None:
        used = [int(a.get(f"{{{W_NS}}}abstractNumId")) for a in numbering.iter(f"{{{W_NS}}}abstractNum")]
        abstract = max(used, default=-1) + 1
        lvls = "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            + (f'<w:suff w:val="{suffix}"/>' if suffix else "")
            + f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
            for i, (fmt, text) in enumerate(levels)
        )
        element = parse_xml(f'<w:abstractNum {w} w:abstractNumId="{abstract}"><w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>')
        first_num = next(numbering.iter(f"{{{W_NS}}}num"), None)  # abstract definitions come before the lists
        if first_num is not None:
            first_num.addprevious(element)
        else:
            numbering.append(element)
    used = [int(n.get(f"{{{W_NS}}}numId")) for n in numbering.iter(f"{{{W_NS}}}num")]
    num_id = max(used, default=0) + 1
    overrides = "".join(f'<w:lvlOverride w:ilvl="{k}"><w:startOverride w:val="{v}"/></w:lvlOverride>'
                        for k, v in (start_override or {}).items())
    numbering.append(parse_xml(f'<w:num {w} w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/>{overrides}</w:num>'))
    return num_id


def abstract_of(document, num_id: int) -> int:  # type: ignore[no-untyped-def]
    """The w:abstractNumId of the list ``num_id``."""
    for num in document.part.numbering_part.element.iter(f"{{{W_NS}}}num"):
        if num.get(f"{{{W_NS}}}numId") == str(num_id):
            return int(num.find(f"{{{W_NS}}}abstractNumId").get(f"{{{W_NS}}}val"))
    raise KeyError(num_id)


def set_numbering(target, num_id: int | None, level: int | None = 0) -> None:  # type: ignore[no-untyped-def]
    """Number a paragraph or a paragraph style: w:numPr with w:numId (and w:ilvl unless ``level`` is None)."""
    from docx.oxml import parse_xml

    element = getattr(target, "_p", None)
    if element is None:
        element = target.element  # a style
    props = element.get_or_add_pPr()
    parts = (f'<w:ilvl w:val="{level}"/>' if level is not None else "") + (f'<w:numId w:val="{num_id}"/>' if num_id is not None else "")
    props.insert(0 if element.tag.endswith("}style") else 1 if props.find(f"{{{W_NS}}}pStyle") is not None else 0,
                 parse_xml(f'<w:numPr xmlns:w="{W_NS}">{parts}</w:numPr>'))


def merged_table(document, rows: list[list[str | None]], merges: list[tuple[int, int, int, int]],  # type: ignore[no-untyped-def]
                 widths_cm: list[float] | None = None):
    """A Word table: ``rows`` of cell texts (``\\n`` starts a paragraph in the cell; None under a merge)
    and ``merges`` as (first row, first column, last row, last column), merged the way Word merges."""
    from docx.shared import Cm

    columns = max(len(row) for row in rows)
    table = document.add_table(rows=len(rows), cols=columns)
    table.style = "Table Grid"
    if widths_cm:
        table.autofit = False
        for k, width in enumerate(widths_cm):
            table.columns[k].width = Cm(width)
            for cell in table.columns[k].cells:
                cell.width = Cm(width)
    for r, row in enumerate(rows):
        for k, value in enumerate(row):
            if value:
                first, *more = value.split("\n")
                cell = table.cell(r, k)
                cell.text = first
                for line in more:
                    cell.add_paragraph(line)
    for top, left, bottom, right in merges:
        text = table.cell(top, left).text
        merged = table.cell(top, left).merge(table.cell(bottom, right))
        for paragraph in merged.paragraphs[len(text.split("\n")):]:  # merge() appends the covered cells' empty paragraphs
            if not paragraph.text:
                paragraph._p.getparent().remove(paragraph._p)
    return table


# The indicator table of a measure as cities print it: a two-row header whose 実績値 spans three
# years and whose other cells span both rows; values as printed (commas, %, a unit column).
WORD_INDICATOR_ROWS: list[list[str | None]] = [
    ["指標名", "単位", "基準値\n（令和2年度）", "実績値", None, None, "目標値\n（令和7年度）"],
    [None, None, None, "令和3年度", "令和4年度", "令和5年度", None],
    ["待機児童数", "人", "24", "12", "5", "0", "0"],
    ["地域子育て支援拠点の年間利用者数", "人", "18,450", "15,230", "19,870", "21,305", "25,000"],
    ["「子育てしやすいまち」と感じる保護者の割合", "％", "58.9", "60.2", "61.5", "63.0", "70.0"],
]
WORD_INDICATOR_MERGES = [(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 1, 2), (0, 3, 0, 5), (0, 6, 1, 6)]


def make_indicator_docx(path: Path) -> Path:
    """(a) A measure of a basic plan in Word: a heading numbered by Word (施策%1), an indicator
    table with a header merged over two rows, and numbered actions (（%1）, full-width digits)."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Pt

    document = docx.Document()
    section = document.sections[0]  # landscape, as indicator tables often are
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    for style in ("Normal", "Heading 1", "Heading 2"):
        document.styles[style].font.name = "IPAGothic"  # LibreOffice has it; the PDF then has Japanese text
        document.styles[style].element.get_or_add_rPr().get_or_add_rFonts().set(f"{{{W_NS}}}eastAsia", "IPAGothic")
    document.styles["Normal"].font.size = Pt(10)
    measures = add_numbering(document, [("decimal", "施策%1")], suffix="space")
    actions = add_numbering(document, [("decimalFullWidth", "（%1）")], suffix="space")
    document.add_heading("みなと市第2次総合計画 前期基本計画", level=1)
    document.add_paragraph("基本目標１ 子どもが健やかに育つまち")
    heading = document.add_heading("子育て支援の充実", level=2)
    set_numbering(heading, measures)
    document.add_paragraph("成果指標")
    merged_table(document, WORD_INDICATOR_ROWS, WORD_INDICATOR_MERGES, [8.2, 1.2, 3.4, 2.4, 2.4, 2.4, 3.4])
    document.add_paragraph("主な取組")
    for text in ("保育の受け皿の確保", "地域で子育てを支える仕組みづくり"):
        set_numbering(document.add_paragraph(text), actions)
    document.save(str(path))
    return Path(path)


# (b) The same kind of table in Excel, on two sheets. Column D of the first sheet is hidden (a
# working note), row 6 of the second is hidden (an indicator dropped from the plan), and the third
# sheet, a hidden working sheet, is never printed. Percentages are numbers in a 0.0% format.
XLSX_HEADER = [
    ["指標名", "単位", "基準値（令和2年度）", "算出方法", "実績値", None, None, "目標値（令和7年度）", "達成率"],
    [None, None, None, None, "令和3年度", "令和4年度", "令和5年度", None, None],
]
XLSX_HEADER_MERGES = ["A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:G3", "H3:H4", "I3:I4"]
XLSX_SHEETS: dict[str, tuple[str, list[list[object]]]] = {
    "施策1": ("施策1 子育て支援の充実", [
        ["待機児童数", "人", 24, "4月1日現在", 12, 5, 0, 0, 1],
        ["地域子育て支援拠点の年間利用者数", "人", 18450, "延べ人数", 15230, 19870, 21305, 25000, 0.436],
        ["「子育てしやすいまち」と感じる保護者の割合", "%", 0.589, "市民意識調査", 0.602, 0.615, 0.63, 0.7, 0.369],
    ]),
    "施策2": ("施策2 健康づくりの推進", [
        ["特定健康診査の受診率", "%", 0.412, "法定報告", 0.398, 0.425, 0.447, 0.6, 0.186],
        ["健康教室の参加者数（廃止）", "人", 1200, "延べ人数", 800, 950, 990, 1500, 0],
        ["がん検診（胃がん）の受診率", "%", 0.085, "地域保健報告", 0.081, 0.088, 0.093, 0.15, 0.123],
        ["週1回以上運動する市民の割合", "%", 0.452, "市民意識調査", 0.47, 0.481, 0.49, 0.55, 0.388],
    ]),
}


def make_indicator_xlsx(path: Path) -> Path:
    """(b) Two measures' indicator tables in Excel, with merged two-row headers (see XLSX_SHEETS)."""
    import openpyxl
    from openpyxl.styles import Alignment

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, (heading, rows) in XLSX_SHEETS.items():
        sheet = workbook.create_sheet(title)
        sheet["A1"] = heading
        for r, row in enumerate([*XLSX_HEADER, *rows], start=3):
            for k, value in enumerate(row, start=1):
                if value is not None:
                    cell = sheet.cell(row=r, column=k, value=value)
                    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        for merge in XLSX_HEADER_MERGES:
            sheet.merge_cells(merge)
        for r, row in enumerate(rows, start=5):
            percent = row[1] == "%"
            for k in (3, 5, 6, 7, 8):
                sheet.cell(row=r, column=k).number_format = "0.0%" if percent else "#,##0"
            sheet.cell(row=r, column=9).number_format = "0.0%"
        for letter, width in zip("ABCDEFGHI", (44, 6, 22, 14, 12, 12, 12, 22, 10)):
            sheet.column_dimensions[letter].width = width
        if title == "施策1":
            sheet.column_dimensions["D"].hidden = True
        else:
            sheet.row_dimensions[6].hidden = True
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.fitToWidth = 1
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
    hidden = workbook.create_sheet("集計用")
    hidden.append(["作業用", 1, 2, 3])
    hidden.sheet_state = "hidden"
    workbook.save(str(path))
    return Path(path)


def soffice_to_pdf(source: Path, outdir: Path, *, timeout: float = 180) -> Path:
    """(c) Convert a Word or Excel file to PDF with LibreOffice, as a city's staff would print it."""
    return soffice_to_pdfs([Path(source)], outdir, timeout=timeout)[0]


def soffice_to_pdfs(sources: list[Path], outdir: Path, *, timeout: float = 300) -> list[Path]:
    """Word and Excel files to PDF in one LibreOffice run.

    Each call gets its own LibreOffice profile, so that parallel test runs do not clash.
    """
    import shutil
    import subprocess
    import tempfile

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise AssertionError("LibreOffice (soffice) is not installed: run scripts/system-deps.sh (as root)")
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="keikaku-soffice-") as profile:
        result = subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--convert-to", "pdf", "--outdir", str(outdir), *map(str, sources)],
            capture_output=True, text=True, timeout=timeout, check=False,
        )
    pdfs = [outdir / (Path(source).stem + ".pdf") for source in sources]
    missing = [p for p in pdfs if not p.is_file()]
    if result.returncode != 0 or missing:
        raise AssertionError(f"soffice could not convert {missing}: {result.returncode} {result.stdout} {result.stderr}")
    return pdfs
