"""READ stage: turn one file (text, PDF, Word, Excel) into a RawDocument of lines.

The format is chosen by content (magic bytes), then by extension. The heavy libraries (pypdfium2,
python-docx, openpyxl) are imported inside their readers so importing this module stays cheap.
Every failure is a DocumentError naming the file; nothing else escapes ``read_document``.
"""

from __future__ import annotations

import hashlib
import io
import re
import threading
import unicodedata
from collections import Counter
from pathlib import Path

from keikaku.domain.errors import KeikakuError
from keikaku.importer.records import RawDocument, RawLine

MAX_DOCUMENT_BYTES = 50 * 1024 * 1024

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc / .xls
_CONTROL_SHARE = 0.05  # more control characters than this share of the text: binary
# C0/C1 controls except tab, LF, CR, form feed (a page break) and ^Z (a DOS end of file).
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x19\x1b-\x1f\x7f-\x9f]")
_PDF_JUNK = re.compile(r"[\x00-\x1f\x7f-\x9f\ufffe\uffff]")  # controls and non-characters in pdfium's output
_PDFIUM_LOCK = threading.Lock()  # pdfium is not thread-safe: one document at a time per process
_MIN_TEXT_PER_PAGE = 8  # fewer visible characters per page on average: no text layer
_PAGE_NUMBER = re.compile(
    r"(?:[-‐‑‒–—―ー~]\s*)?(?:p\.?\s*)?(\d{1,3})(?:\s*(?:/|of)\s*\d{1,4})?\s*(?:ページ|頁)?(?:\s*[-‐‑‒–—―ー~])?",
    re.IGNORECASE,
)


class DocumentError(KeikakuError):
    """A document that cannot be read: missing, empty, too large, corrupt, encrypted, or without text."""

    exit_code = 2

    def __init__(self, name: str, reason: str):
        super().__init__(name, reason)  # both in args, so the error pickles
        self.name = name
        self.reason = reason

    def __str__(self) -> str:
        return f"cannot import {self.name}: {self.reason}"


def read_document(path: Path, *, max_bytes: int = MAX_DOCUMENT_BYTES) -> RawDocument:
    """Read one document file into lines, choosing the reader by content, then by extension."""
    path = Path(path)
    name = path.name
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise DocumentError(name, "cannot read: not a regular file")
        if size > max_bytes:
            raise DocumentError(name, f"too large: {size} bytes, the limit is {max_bytes} bytes")
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(name, f"cannot read the file ({exc.strerror or exc})") from exc
    if not data:
        raise DocumentError(name, "the file is empty (0 bytes)")
    if len(data) > max_bytes:  # grew while we looked
        raise DocumentError(name, f"too large: {len(data)} bytes, the limit is {max_bytes} bytes")

    kind = _detect_format(name, data, path.suffix.lower())
    doc = RawDocument(name=name, format=kind, sha256=hashlib.sha256(data).hexdigest())
    if kind == "pdf":
        doc.lines, doc.pages = _read_pdf(name, data)
    elif kind == "docx":
        doc.lines = _read_docx(name, data)
    elif kind == "xlsx":
        doc.lines, doc.pages = _read_xlsx(name, data)
    else:
        doc.lines, doc.encoding = _read_text(name, data)
    return doc


def _detect_format(name: str, data: bytes, suffix: str) -> str:
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        import zipfile

        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            names = set()
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
    if data.startswith(_OLE2_MAGIC):
        raise DocumentError(name, "a legacy binary Word/Excel file (.doc/.xls) is not supported: save it as .docx or .xlsx")
    return {".pdf": "pdf", ".docx": "docx", ".xlsx": "xlsx", ".xlsm": "xlsx"}.get(suffix, "text")


# --- text ------------------------------------------------------------------------------------


def _decode(name: str, data: bytes) -> tuple[str, str]:
    """Decode by BOM, else strict UTF-8, else the likelier of CP932 and EUC-JP."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-16-le" if data.startswith(b"\xff\xfe") else "utf-16-be"
        return data[2:].decode(codec, errors="replace"), "utf-16"
    if b"\x00" in data:
        raise DocumentError(name, "not a text document (it contains NUL bytes: binary data?)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates = []
    for codec in ("cp932", "euc-jp"):
        try:
            candidates.append((_oddness(data.decode(codec)), codec))
        except UnicodeDecodeError:
            continue
    if not candidates:
        raise DocumentError(name, "not a text document (neither UTF-8, Shift_JIS/CP932 nor EUC-JP)")
    # EUC-JP bytes often also decode as CP932, into half-width katakana and symbols: take the
    # decoding that looks least like mojibake (ties go to CP932, the commoner one).
    _, codec = min(candidates, key=lambda c: c[0])
    return data.decode(codec), codec


def _oddness(text: str) -> int:
    """How many characters are rare in real Japanese text: half-width katakana, private use, C1 controls."""
    return sum(1 for ch in text if "\uff61" <= ch <= "\uff9f" or "\ue000" <= ch <= "\uf8ff" or "\x80" <= ch <= "\x9f")


def _read_text(name: str, data: bytes) -> tuple[list[RawLine], str]:
    text, encoding = _decode(name, data)
    text = text.removeprefix("\ufeff")
    if "\x00" in text or len(_CONTROLS.findall(text)) > _CONTROL_SHARE * len(text):
        raise DocumentError(name, "not a text document (too many control characters: binary data?)")
    separator = "\n" if "\n" in text or "\r" not in text else "\r"  # lone CR: old Mac line ends
    parts = text.split(separator)
    if parts and parts[-1] == "":
        parts.pop()  # the newline that ends the last line
    lines = []
    for part in parts:
        line = part.rstrip("\r")
        cells = tuple(cell.strip() for cell in line.split("\t")) if "\t" in line else None
        lines.append(RawLine(line, None, cells))
    return lines, encoding


# --- PDF -------------------------------------------------------------------------------------


def _read_pdf(name: str, data: bytes) -> tuple[list[RawLine], int]:
    with _PDFIUM_LOCK:
        pages = _pdf_pages(name, data)
    visible = sum(len(line) - line.count(" ") for page in pages for line in page)
    if visible < _MIN_TEXT_PER_PAGE * len(pages):
        raise DocumentError(
            name, f"the PDF has no text layer ({len(pages)} page(s) of images?): it needs OCR before it can be imported"
        )
    pages = _drop_furniture(pages)
    return [RawLine(text, number) for number, page in enumerate(pages, start=1) for text in page], len(pages)


def _pdf_pages(name: str, data: bytes) -> list[list[str]]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) in (pdfium.raw.FPDF_ERR_PASSWORD, pdfium.raw.FPDF_ERR_SECURITY):
            raise DocumentError(name, "the PDF is encrypted (password-protected): save an unprotected copy") from exc
        raise DocumentError(name, f"corrupt PDF: pdfium cannot open it ({exc})") from exc
    except Exception as exc:
        raise DocumentError(name, f"corrupt PDF: {exc}") from exc
    try:
        page_count = len(pdf)
        if page_count == 0:
            raise DocumentError(name, "corrupt PDF: it has no pages")
        return [_page_lines(pdf, i, pdfium.raw) for i in range(page_count)]
    except DocumentError:
        raise
    except Exception as exc:
        raise DocumentError(name, f"corrupt PDF: a page cannot be read ({exc})") from exc
    finally:
        pdf.close()


def _page_lines(pdf, index: int, raw) -> list[str]:  # type: ignore[no-untyped-def]
    """The text lines of one page in pdfium's reading order, stripped, blank ones dropped."""
    page = pdf[index]
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        if len(text) == textpage.count_chars():  # one string index per pdfium char: safe to ask about each
            text = _drop_invented_spaces(text, textpage, raw)
    finally:
        textpage.close()
        page.close()
    lines = (_clean(line) for line in re.split(r"\r\n|\r|\n", text))
    return [line for line in lines if line]


def _drop_invented_spaces(text: str, textpage, raw) -> str:  # type: ignore[no-untyped-def]
    """Join letter-spaced Japanese (均等割り付け) that pdfium split with spaces of its own.

    pdfium generates a space wherever a glyph starts well after the previous one's advance ends.
    A run of three or more glyphs each set apart from the next by such a space narrower than one
    em is letter-spaced text. Japanese has no word gaps, so there a generated space between a wide
    character (kanji, kana, full-width form) and a wide character or an ASCII letter or digit is
    dropped. Kept: spaces drawn in the PDF, a lone gap, gaps of an em or more (table columns), gaps
    next to symbols such as → or ― (pdfium also regenerates real spaces at text-object ends, and
    runs like "継続 → → →" are real), and gaps between two Latin letters or digits.
    """
    import ctypes

    x, y = ctypes.c_double(), ctypes.c_double()

    def origin(index: int) -> float:
        raw.FPDFText_GetCharOrigin(textpage, index, ctypes.byref(x), ctypes.byref(y))
        return x.value

    spread = set()
    for i in range(1, len(text) - 1):
        if text[i] != " " or text[i - 1].isspace() or text[i + 1].isspace():
            continue
        if raw.FPDFText_IsGenerated(textpage, i) != 1:
            continue
        em = raw.FPDFText_GetFontSize(textpage, i - 1)
        # the generated space sits where the previous glyph's advance ends: the gap is what follows
        if em > 0 and 0 <= origin(i + 1) - origin(i) < em:
            spread.add(i)
    drop = {
        i
        for i in spread
        if (i - 2 in spread or i + 2 in spread)
        and (_wide(text[i - 1]) or _wide(text[i + 1]))
        and all(_wide(ch) or (ch.isascii() and ch.isalnum()) for ch in (text[i - 1], text[i + 1]))
    }
    return "".join(ch for i, ch in enumerate(text) if i not in drop) if drop else text


def _wide(ch: str) -> bool:
    """An East-Asian wide or full-width character (kanji, kana, full-width forms)."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _clean(line: str) -> str:
    """Strip a PDF line; pdfium's mark for a line-end hyphen (U+0002) becomes "-", other controls go."""
    return _PDF_JUNK.sub("", line.replace("\x02", "-")).strip()


def _drop_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Remove running headers/footers and page numbers from the top and bottom of each page."""
    pages = [list(page) for page in pages]
    n = len(pages)
    if n >= 3:  # a line that opens (or closes) at least half of the pages, digits aside, is furniture
        for end in (0, -1):
            for _ in range(2):  # a header may stack on a page number, or the reverse
                counts = Counter(re.sub(r"\d+", "#", page[end]) for page in pages if page)
                repeated = {key for key, count in counts.items() if 2 * count >= n}
                if not repeated:
                    break
                for page in pages:
                    if page and re.sub(r"\d+", "#", page[end]) in repeated:
                        page.pop(end)
    for end in (0, -1):  # page numbers that follow the page sequence
        found = {i: number for i, page in enumerate(pages) if page and (number := _page_number(page[end])) is not None}
        if not found:
            continue
        offset, count = Counter(number - i for i, number in found.items()).most_common(1)[0]
        if (2 * count >= n) if n >= 3 else count == len(found):
            for i, number in found.items():
                if number - i == offset:
                    pages[i].pop(end)
    return pages


def _page_number(line: str) -> int | None:
    match = _PAGE_NUMBER.fullmatch(unicodedata.normalize("NFKC", line).strip())
    return int(match.group(1)) if match else None


# --- Word ------------------------------------------------------------------------------------


def _read_docx(name: str, data: bytes) -> list[RawLine]:
    try:
        import docx
        from docx.table import Table

        document = docx.Document(io.BytesIO(data))
        lines: list[RawLine] = []
        for block in document.iter_inner_content():  # paragraphs and tables in body order
            if isinstance(block, Table):
                lines.extend(_table_lines(block))
                continue
            for part in block.text.split("\n"):  # a manual line break (w:br) starts a new line
                if part.strip():
                    lines.append(RawLine(part))
        return lines
    except DocumentError:
        raise
    except Exception as exc:
        raise DocumentError(name, f"corrupt Word document: {type(exc).__name__}: {exc}") from exc


def _table_lines(table) -> list[RawLine]:  # type: ignore[no-untyped-def]
    lines = []
    for row in table.rows:
        cells: list[str] = []
        previous = None
        for cell in row.cells:
            if previous is not None and cell._tc is previous:  # a horizontally merged cell, repeated
                continue
            previous = cell._tc
            cells.append(_join_breaks(cell.text))
        if any(cells):
            lines.append(RawLine("\t".join(cells), None, tuple(cells)))
    return lines


def _join_breaks(text: str) -> str:
    """One cell's text on one line: its line breaks become a space, or nothing between two CJK characters."""
    parts = [part.strip() for part in text.splitlines() if part.strip()]
    out = parts[0] if parts else ""
    for part in parts[1:]:
        out += part if _wide(out[-1]) and _wide(part[0]) else " " + part
    return out


# --- Excel -----------------------------------------------------------------------------------


def _read_xlsx(name: str, data: bytes) -> tuple[list[RawLine], int]:
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
