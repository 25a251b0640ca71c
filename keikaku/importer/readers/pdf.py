"""PDF through pypdfium2, the only adapter for that library: text lines per page, furniture dropped."""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import Counter

from keikaku.importer.readers.base import DocumentError, wide as _wide
from keikaku.importer.records import RawLine, Source

_PDF_JUNK = re.compile(r"[\x00-\x1f\x7f-\x9f\ufffe\uffff]")  # controls and non-characters in pdfium's output
_PDFIUM_LOCK = threading.Lock()  # pdfium is not thread-safe: one document at a time per process
_MIN_TEXT_PER_PAGE = 8  # fewer visible characters per page on average: no text layer
_PAGE_NUMBER = re.compile(
    r"(?:[-‐‑‒–—―ー~]\s*)?(?:p\.?\s*)?(\d{1,3})(?:\s*(?:/|of)\s*\d{1,4})?\s*(?:ページ|頁)?(?:\s*[-‐‑‒–—―ー~])?",
    re.IGNORECASE,
)


def read_pdf(name: str, data: bytes) -> tuple[list[RawLine], int]:
    with _PDFIUM_LOCK:
        pages = _pdf_pages(name, data)
    visible = sum(len(line) - line.count(" ") for page in pages for line in page)
    if visible < _MIN_TEXT_PER_PAGE * len(pages):
        raise DocumentError(
            name, f"the PDF has no text layer ({len(pages)} page(s) of images?): it needs OCR before it can be imported"
        )
    pages = _drop_furniture(pages)
    return [RawLine(text, number, source=Source(page=number)) for number, page in enumerate(pages, start=1) for text in page], len(pages)


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
