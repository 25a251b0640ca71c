"""PDF through pypdfium2, the only adapter for that library: a page's words, lines and ruled tables.

pdfium gives the page's text, character boxes and path objects; this module turns them into
records (``pdf_layout.Word``, ``pdf_tables.Rule`` and ``Char``) and the pure modules beside it do
the geometry: ``pdf_tables`` finds ruled tables and fills their cells, ``pdf_layout`` puts words
into lines and lines (and tables) into reading order, a two-column page column by column.
Running headers, footers and page numbers are then dropped, and every line and table row
becomes a ``RawLine`` with its page and box (points from the page's top-left corner).

Speed: a line of running text costs two pdfium calls (the boxes of its first and last
characters) and two more per space in it (the characters either side); characters are asked
about one by one only on lines that cross a ruled table, go backwards or change baseline.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import Counter
from dataclasses import dataclass

from keikaku.importer.readers.base import DocumentError, NeedsOcr, failures_as, wide as _wide
from keikaku.importer.readers.pdf_aligned import aligned_tables
from keikaku.importer.readers.pdf_boxes import boxes_beside, lay_out_boxed, lone_boxes
from keikaku.importer.readers.pdf_layout import SPLIT_EM, Box, TextLine, Word, lay_out
from keikaku.importer.readers.pdf_overpages import join_over_pages
from keikaku.importer.readers.pdf_tables import Char, Frame, Rule, cell_text, find_frames
from keikaku.importer.records import Grid, GridCell, RawLine, Source

_PDF_JUNK = re.compile(r"[\x00-\x1f\x7f-\x9f\ufffe\uffff]")  # controls and non-characters in pdfium's output
_PDFIUM_LOCK = threading.Lock()  # pdfium is not thread-safe: one document at a time per process
_MIN_TEXT_PER_PAGE = 8  # fewer visible characters per page on average: no text layer
_PAGE_NUMBER = re.compile(
    r"(?:[-‐‑‒–—―ー~]\s*)?(?:p\.?\s*)?(\d{1,3})(?:\s*(?:/|of)\s*\d{1,4})?\s*(?:ページ|頁)?(?:\s*[-‐‑‒–—―ー~])?",
    re.IGNORECASE,
)
_LINE = re.compile(r"\S(?:[^\r\n]*\S)?")  # one of pdfium's text lines (it ends each with CR LF), stripped
_GAP = re.compile(r"\s+")
_HYPHEN = "\ufffe"  # pdfium's mark for a hyphen that breaks a word at a line's end (dropped by _clean)
_LAYOUT_CELLS, _LAYOUT_TEXT = 4, 150  # this few cells, one holding more characters than this: layout, not a table
_THIN = 2.5  # a path object this thin (points) is a rule
_MAX_SEGMENTS = 1000  # paths with more segments (maps, drawings) are not searched for rules


@dataclass(slots=True)
class _Item:
    """One thing on a page, in reading order: a text line, or a table with its rows' boxes."""

    text: str
    box: Box
    grid: Grid | None = None
    row_boxes: tuple[Box, ...] = ()


def read_pdf(name: str, data: bytes) -> tuple[list[RawLine], int]:
    with _PDFIUM_LOCK:
        pages = _pdf_pages(name, data)
    visible = sum(_visible(item) for page in pages for item in page)
    if visible < _MIN_TEXT_PER_PAGE * len(pages):
        raise NeedsOcr(
            name, f"the PDF has no text layer ({len(pages)} page(s) of images?): it needs OCR before it can be imported"
        )
    pages = join_over_pages(_drop_furniture(pages), _joined_item)
    lines: list[RawLine] = []
    for number, page in enumerate(pages, start=1):
        for item in page:
            if item.grid is None:
                lines.append(RawLine(item.text, number, source=Source(page=number, box=item.box)))
            else:
                lines.extend(_table_lines(item, number))
    return lines, len(pages)


def _joined_item(item: _Item, grid: Grid) -> _Item:
    """A table with columns printed over on the next page put beside it (its rows keep their boxes)."""
    return _Item(item.text, item.box, grid, item.row_boxes)


def _indicator_grid(grid: Grid) -> bool:
    """Whether the engine reads ``grid`` as an indicator table (only those are taken from aligned text)."""
    from keikaku.importer.grid import is_indicator_grid

    return is_indicator_grid(grid)


def _visible(item: _Item) -> int:
    if item.grid is None:
        return len(item.text) - item.text.count(" ")
    return sum(len(c.text) - c.text.count(" ") for c in item.grid.cells)


def _table_lines(item: _Item, number: int) -> list[RawLine]:
    """One line per grid row; the first carries the grid."""
    assert item.grid is not None
    out = []
    for r, cells in enumerate(item.grid.row_texts()):
        text = "\t".join(c for c in cells if c)
        source = Source(page=number, box=item.row_boxes[r])
        out.append(RawLine(text, number, cells, source=source, grid=item.grid if r == 0 else None))
    return out


MAX_PAGES = 2_000  # a city's longest plan runs to a few hundred pages
COPY_TEXT = 1 << 4  # permission bit 5 of the PDF standard: copy or otherwise extract text


def _forbids_copying(raw, doc) -> bool:  # noqa: ANN001 - pdfium's ctypes handles
    """Whether an encrypted PDF that opens without a password (an owner password only) forbids text copying.

    Many cities protect their PDFs against editing but let the text be copied: those are read.
    """
    if raw.FPDF_GetSecurityHandlerRevision(doc) < 0:
        return False  # not encrypted
    return not raw.FPDF_GetDocPermissions(doc) & COPY_TEXT


def _pdf_pages(name: str, data: bytes) -> list[list[_Item]]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) in (pdfium.raw.FPDF_ERR_PASSWORD, pdfium.raw.FPDF_ERR_SECURITY):
            raise DocumentError(name, "the PDF is encrypted (password-protected): save an unprotected copy") from exc
        raise DocumentError(name, f"corrupt PDF: pdfium cannot open it ({exc})") from exc
    except Exception as exc:
        raise DocumentError(name, f"corrupt PDF: {exc}") from exc
    if _forbids_copying(pdfium.raw, pdf.raw):
        pdf.close()
        raise DocumentError(name, "the PDF is protected (an owner password forbids copying its text): "
                                  "ask its publisher for an unprotected copy")
    try:
        with failures_as(name, lambda exc: f"corrupt PDF: a page cannot be read ({exc})"):
            page_count = len(pdf)
            if page_count == 0:
                raise DocumentError(name, "corrupt PDF: it has no pages")
            if page_count > MAX_PAGES:
                raise DocumentError(name, f"the PDF has {page_count:,} pages (at most {MAX_PAGES:,}): split it")
            reader = _PageReader(pdfium.raw, pdf.raw)
            return [reader.read(i) for i in range(page_count)]
    finally:
        pdf.close()


class _PageReader:
    """The pdfium calls for one document's pages.

    Calls made per character or per page object go through functions typed with plain addresses
    (``ctypes.CFUNCTYPE`` over pypdfium2's own), a third cheaper each than through pointer objects.
    """

    def __init__(self, raw, document) -> None:  # type: ignore[no-untyped-def]
        import ctypes

        vp, ci = ctypes.c_void_p, ctypes.c_int

        def typed(function, restype, *argtypes):  # type: ignore[no-untyped-def]
            return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(function, vp).value)

        self.raw, self.ctypes, self.document = raw, ctypes, document
        self.loose_box = typed(raw.FPDFText_GetLooseCharBox, ci, vp, ci, vp)
        self.page_object = typed(raw.FPDFPage_GetObject, vp, vp, ci)
        self.form_object = typed(raw.FPDFFormObj_GetObject, vp, vp, ci)
        self.object_type = typed(raw.FPDFPageObj_GetType, ci, vp)
        self.form_count = typed(raw.FPDFFormObj_CountObjects, ci, vp)
        self.rect = raw.FS_RECTF()
        self.rect_address = ctypes.addressof(self.rect)
        self.f = [ctypes.c_float() for _ in range(4)]
        self.f_refs = [ctypes.byref(v) for v in self.f]
        self.textpage, self.tp = None, 0  # the text page being read, and its address
        self.left = self.top = 0.0  # the page's top-left corner in PDF space

    def read(self, index: int) -> list[_Item]:
        raw, ctypes = self.raw, self.ctypes
        page = raw.FPDF_LoadPage(self.document, index)
        if not page:
            raise ValueError(f"pdfium cannot load page {index + 1}")
        textpage = None
        try:
            raw.FPDF_GetPageBoundingBox(page, ctypes.byref(self.rect))
            self.left, self.top = self.rect.left, self.rect.top
            rules = self.rules(page)
            frames = find_frames(rules)
            textpage = raw.FPDFText_LoadPage(page)
            if not textpage:
                raise ValueError(f"pdfium cannot read the text of page {index + 1}")
            self.textpage, self.tp = textpage, ctypes.cast(textpage, ctypes.c_void_p).value or 0
            text = self.text(textpage)
            dropped = _invented_spaces(text, textpage, raw)
            words, cell_chars = self.words(text, dropped, frames)
            tables = [_table(frame, cell_chars.get(f, {}), text, dropped, index + 1) for f, frame in enumerate(frames)]
            if None in tables and any(cell_chars.get(f) for f, t in enumerate(tables) if t is None):
                # a ruled box around running text is not a table: read its text as lines
                frames = [frame for frame, t in zip(frames, tables) if t is not None]
                words, cell_chars = self.words(text, dropped, frames)
                tables = [_table(frame, cell_chars.get(f, {}), text, dropped, index + 1) for f, frame in enumerate(frames)]
            boxes = [b for b in boxes_beside(lone_boxes(rules)) if not any(_overlaps(b, f.box) for f in frames)]  # cards side by side
        finally:
            if textpage:
                raw.FPDFText_ClosePage(textpage)
            raw.FPDF_ClosePage(page)
        items = []
        blocks = lay_out_boxed(words, [t for t in tables if t is not None], boxes, lay_out)
        for block in aligned_tables(blocks, index + 1, _indicator_grid):
            if isinstance(block, TextLine):
                line = block.text if block.text.isprintable() else _clean(block.text)
                if line:
                    x0, top, x1, bottom = block.box
                    items.append(_Item(line, (round(x0, 2), round(top, 2), round(x1, 2), round(bottom, 2))))
            else:
                items.append(block)
        return items

    def text(self, textpage) -> str:  # type: ignore[no-untyped-def]
        """The page's text, one string index per pdfium character so that boxes match it."""
        raw, ctypes = self.raw, self.ctypes
        count = raw.FPDFText_CountChars(textpage)
        if count <= 0:
            return ""
        buffer = (ctypes.c_ushort * (count + 1))()
        written = raw.FPDFText_GetText(textpage, 0, count, buffer)
        text = memoryview(buffer)[: max(written - 1, 0)].tobytes().decode("utf-16-le", errors="ignore")
        if len(text) != count:  # characters beyond UTF-16's first plane, or pdfium's own reordering
            text = "".join(chr(raw.FPDFText_GetUnicode(textpage, i) or 0xFFFE) for i in range(count))
        return text

    # --- text ---------------------------------------------------------------------------

    def char_box(self, i: int) -> Box:
        """The character's loose box: from its origin to its advance, the font's ascent to its descent.

        Tight glyph boxes would make gaps of the blank halves of Japanese punctuation (、「).
        """
        rect = self.rect
        self.loose_box(self.tp, i, self.rect_address)
        return (rect.left - self.left, self.top - rect.top, rect.right - self.left, self.top - rect.bottom)

    def words(self, text: str, dropped: set[int], frames: list[Frame]) -> tuple[list[Word], dict[int, dict[int, list[Char]]]]:
        """The page's words outside ruled tables, and the characters inside each table's cells (by frame, by cell)."""
        words: list[Word] = []
        cell_chars: dict[int, dict[int, list[Char]]] = {}
        char_box, loose, tp, rect, address = self.char_box, self.loose_box, self.tp, self.rect, self.rect_address
        left, top = self.left, self.top
        for run, match in enumerate(_LINE.finditer(text)):
            start, end = match.span()
            loose(tp, start, address)
            first = (rect.left - left, top - rect.top, rect.right - left, top - rect.bottom)
            if end - 1 > start:
                loose(tp, end - 1, address)
                last = (rect.left - left, top - rect.top, rect.right - left, top - rect.bottom)
            else:
                last = first
            em = first[3] - first[1]
            if em <= 0:
                em = last[3] - last[1] if last[3] > last[1] else max(self.raw.FPDFText_GetFontSize(self.textpage, start), 1.0)
            box = (first[0], min(first[1], last[1]), last[2], max(first[3], last[3]))
            if frames and any(_overlaps(box, f.box) for f in frames):
                self.by_char(text, dropped, run, start, end, em, frames, words, cell_chars)
            elif (hyphen := text.find(_HYPHEN, start, end)) > start:
                # pdfium joined a word broken by a hyphen at a line's end with the next line: one line, where it starts
                before = char_box(hyphen - 1)
                box = (first[0], min(first[1], before[1]), before[2], max(first[3], before[3]))
                words.append(Word(_kept(text, dropped, start, end), box, em, run, 0))
            elif first[0] < last[2] and last[0] < first[2] and (last[1] >= first[3] or last[3] <= first[1]):
                # stacked: vertical writing, or text turned a quarter; pdfium's order is the reading order
                box = (min(first[0], last[0]), min(first[1], last[1]), max(first[2], last[2]), max(first[3], last[3]))
                words.append(Word(_kept(text, dropped, start, end), box, box[2] - box[0], run, 0, vertical=True))
            elif _GAP.search(text, start, end) is None and first[0] <= last[2] and last[1] < first[3] and last[3] > first[1]:
                words.append(Word(match.group(), box, em, run, 0))  # one word: most lines of running text
            elif not self.by_gaps(text, dropped, run, start, end, em, first, last, words):
                self.by_char(text, dropped, run, start, end, em, frames, words, cell_chars)
        return words, cell_chars

    def by_gaps(self, text: str, dropped: set[int], run: int, start: int, end: int, em: float, first: Box, last: Box, words: list[Word]) -> bool:
        """Words of a line split at its wide spaces, asking pdfium only about the characters beside each space.

        pdfium puts a space wherever a gap separates two glyphs on a line, so the wide gaps are
        among its spaces. False (read it character by character) when the line goes backwards or
        changes baseline, which pdfium's order does not explain.
        """
        if last[2] < first[0] or last[1] >= first[3] or last[3] <= first[1]:
            return False
        cuts: list[tuple[int, int, Box, Box]] = []
        line = text[start:end]
        if " " in line or "\u3000" in line:
            split = SPLIT_EM * em
            for gap in _GAP.finditer(text, start, end):
                g0, g1 = gap.span()
                if g1 - g0 == 1 and g0 in dropped:
                    continue
                before, after = self.char_box(g0 - 1), self.char_box(g1)
                if after[0] < before[0] or after[1] >= before[3] or after[3] <= before[1]:
                    return False  # back, or another baseline: sort it out character by character
                if after[0] - before[2] >= split:
                    cuts.append((g0, g1, before, after))
        if not cuts:
            text_of = _kept(text, dropped, start, end) if dropped else line
            words.append(Word(text_of, (first[0], min(first[1], last[1]), last[2], max(first[3], last[3])), em, run, 0))
            return True
        order, piece, head = 0, start, first
        for g0, g1, before, after in [*cuts, (end, end, last, last)]:
            box = (head[0], min(head[1], before[1]), before[2], max(head[3], before[3]))
            sep = text[cuts[order - 1][0] : piece] if order else ""
            words.append(Word(_kept(text, dropped, piece, g0), box, em, run, order, sep))
            order, piece, head = order + 1, g1, after
        return True

    def by_char(self, text, dropped, run, start, end, em, frames, words, cell_chars) -> None:  # type: ignore[no-untyped-def]
        """Words of one line from each character's box; characters inside a ruled table go to their cell."""
        split = SPLIT_EM * em
        order = 0
        cur: list | None = None  # [first index, last index, x0, top, x1, bottom, last x0]
        last_end = start

        def flush() -> None:
            nonlocal order, last_end
            if cur is None:
                return
            first, last, x0, t0, x1, b0, _ = cur
            sep = _kept(text, dropped, last_end, first) if order else ""
            words.append(Word(_kept(text, dropped, first, last + 1), (x0, t0, x1, b0), em, run, order, sep))
            order += 1
            last_end = last + 1

        for i in range(start, end):
            if i in dropped or text[i].isspace():
                continue
            x0, t0, x1, b0 = self.char_box(i)
            if frames:
                cx, cy = (x0 + x1) / 2, (t0 + b0) / 2
                cell = None
                for f, frame in enumerate(frames):
                    if (cell := frame.cell_at(cx, cy)) is not None:
                        cell_chars.setdefault(f, {}).setdefault(cell, []).append(Char(i, (x0, t0, x1, b0), em))
                        break
                if cell is not None:
                    flush()
                    cur = None
                    continue
            if x1 <= x0 and b0 <= t0:  # no box (a generated mark): it belongs to the word it is in
                if cur is not None:
                    cur[1] = i
                continue
            if cur is not None and x0 - cur[4] < split and x0 >= cur[6] - 0.25 * em and t0 < cur[5] and b0 > cur[3]:
                cur[1], cur[4], cur[6] = i, max(cur[4], x1), x0
                cur[3], cur[5] = min(cur[3], t0), max(cur[5], b0)
            else:
                flush()
                cur = [i, i, x0, t0, x1, b0, x0]
        flush()

    # --- rules ----------------------------------------------------------------------------

    def rules(self, page) -> list[Rule]:  # type: ignore[no-untyped-def]
        """Horizontal and vertical ruling lines drawn on the page (thin paths, straight stroked segments)."""
        out: list[Rule] = []
        count = self.raw.FPDFPage_CountObjects(page)
        if count > 0:
            address = self.ctypes.cast(page, self.ctypes.c_void_p).value or 0
            self._objects(address, count, self.page_object, (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), out, 0)
        return out

    def _objects(self, parent: int, count: int, get, matrix, out: list[Rule], depth: int) -> None:  # type: ignore[no-untyped-def]
        """Every object of a page or form, by address: a page has hundreds of text objects, so this loop is kept lean."""
        type_of, path_type, form_type = self.object_type, self.raw.FPDF_PAGEOBJ_PATH, self.raw.FPDF_PAGEOBJ_FORM
        for i in range(count):
            obj = get(parent, i)
            kind = type_of(obj)
            if kind == path_type:
                self._path(obj, matrix, out)
            elif kind == form_type and depth < 4:
                inner = self.form_count(obj)
                if inner > 0:
                    self._objects(obj, inner, self.form_object, _compose(matrix, self._matrix(obj)), out, depth + 1)

    def _pointer(self, address: int):  # type: ignore[no-untyped-def]
        return self.ctypes.cast(address, self.raw.FPDF_PAGEOBJECT)

    def _matrix(self, address: int) -> tuple[float, float, float, float, float, float]:
        m = self.raw.FS_MATRIX()
        if not self.raw.FPDFPageObj_GetMatrix(self._pointer(address), self.ctypes.byref(m)):
            return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        return (m.a, m.b, m.c, m.d, m.e, m.f)

    def _path(self, address: int, matrix, out: list[Rule]) -> None:  # type: ignore[no-untyped-def]
        raw, ctypes = self.raw, self.ctypes
        obj = self._pointer(address)
        fill, stroke = ctypes.c_int(), ctypes.c_int()
        if not raw.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke)):
            return
        if not fill.value and not stroke.value:
            return  # a clipping path: nothing is drawn
        l, b, r, t = self.f
        if not raw.FPDFPageObj_GetBounds(obj, *self.f_refs):
            return
        corners = [_apply(matrix, x, y) for x, y in ((l.value, b.value), (r.value, t.value))]
        x0, x1 = sorted(p[0] for p in corners)
        y0, y1 = sorted(p[1] for p in corners)
        if min(x1 - x0, y1 - y0) <= _THIN and max(x1 - x0, y1 - y0) > 2 * _THIN:
            if x1 - x0 >= y1 - y0:
                out.append(Rule(True, self.top - (y0 + y1) / 2, x0 - self.left, x1 - self.left))
            else:
                out.append(Rule(False, (x0 + x1) / 2 - self.left, self.top - y1, self.top - y0))
            return
        if not stroke.value:
            return  # a filled area (shading, a bar): its edges are not rules
        n = raw.FPDFPath_CountSegments(obj)
        if n <= 1 or n > _MAX_SEGMENTS:
            return
        full = _compose(matrix, self._matrix(address))
        x, y = ctypes.c_float(), ctypes.c_float()
        xr, yr = ctypes.byref(x), ctypes.byref(y)
        lineto, moveto = raw.FPDF_SEGMENT_LINETO, raw.FPDF_SEGMENT_MOVETO
        first = prev = None
        for k in range(n):
            seg = raw.FPDFPath_GetPathSegment(obj, k)
            raw.FPDFPathSegment_GetPoint(seg, xr, yr)
            point = _apply(full, x.value, y.value)
            kind = raw.FPDFPathSegment_GetType(seg)
            if kind == lineto and prev is not None:
                self._segment(prev, point, out)
            elif kind == moveto:
                first = point
            if raw.FPDFPathSegment_GetClose(seg) and first is not None:
                self._segment(point, first, out)
            prev = point

    def _segment(self, a: tuple[float, float], b: tuple[float, float], out: list[Rule]) -> None:
        dx, dy = abs(a[0] - b[0]), abs(a[1] - b[1])
        if dy <= 0.5 and dx >= 2:
            out.append(Rule(True, self.top - (a[1] + b[1]) / 2, min(a[0], b[0]) - self.left, max(a[0], b[0]) - self.left))
        elif dx <= 0.5 and dy >= 2:
            out.append(Rule(False, (a[0] + b[0]) / 2 - self.left, self.top - max(a[1], b[1]), self.top - min(a[1], b[1])))


def _compose(outer, inner):  # type: ignore[no-untyped-def]
    """The matrix that applies ``inner``, then ``outer`` (PDF matrices a b c d e f)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _apply(m, x: float, y: float) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _round(box: Box) -> Box:
    return (round(box[0], 2), round(box[1], 2), round(box[2], 2), round(box[3], 2))


def _kept(text: str, dropped: set[int], start: int, end: int) -> str:
    """``text[start:end]`` less the invented spaces."""
    if not dropped or not any(i in dropped for i in range(start, end)):
        return text[start:end]
    return "".join(ch for i, ch in enumerate(text[start:end], start=start) if i not in dropped)


def _table(frame: Frame, chars: dict[int, list[Char]], text: str, dropped: set[int], number: int) -> _Item | None:
    """A ruled table as a grid, each cell with its text and box.

    None when no cell holds text, or when one of its few cells holds running text (a page's
    frame, a ruled sidebar): such a frame is layout, and its text is read as lines.
    """
    cells = []
    for k, (row, col, rowspan, colspan) in enumerate(frame.cells):
        content = _clean(cell_text(chars.get(k, ()), text, dropped))
        cells.append(GridCell(content, row, col, rowspan, colspan, source=Source(page=number, box=_round(frame.cell_box(k)))))
    filled = [len(c.text) for c in cells if c.text]
    if not filled or (len(filled) <= _LAYOUT_CELLS and max(filled) > _LAYOUT_TEXT):
        return None
    box = _round(frame.box)
    grid = Grid(tuple(cells), frame.rows, frame.cols, Source(page=number, box=box))
    rows = tuple(_round((frame.xs[0], frame.ys[r], frame.xs[-1], frame.ys[r + 1])) for r in range(frame.rows))
    return _Item("", box, grid, rows)


def _invented_spaces(text: str, textpage, raw) -> set[int]:  # type: ignore[no-untyped-def]
    """Spaces pdfium invented inside letter-spaced Japanese (均等割り付け): the indices to drop.

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
    xr, yr = ctypes.byref(x), ctypes.byref(y)

    def origin(index: int) -> float:
        raw.FPDFText_GetCharOrigin(textpage, index, xr, yr)
        return x.value

    spread = set()
    for match in re.finditer(r"(?<=\S) (?=\S)", text):
        i = match.start()
        if raw.FPDFText_IsGenerated(textpage, i) != 1:
            continue
        em = raw.FPDFText_GetFontSize(textpage, i - 1)
        # the generated space sits where the previous glyph's advance ends: the gap is what follows
        if em > 0 and 0 <= origin(i + 1) - origin(i) < em:
            spread.add(i)
    return {
        i
        for i in spread
        if (i - 2 in spread or i + 2 in spread)
        and (_wide(text[i - 1]) or _wide(text[i + 1]))
        and all(_wide(ch) or (ch.isascii() and ch.isalnum()) for ch in (text[i - 1], text[i + 1]))
    }


def _clean(line: str) -> str:
    """Strip a PDF line; pdfium's mark for a line-end hyphen (U+0002) becomes "-", other controls go."""
    return _PDF_JUNK.sub("", line.replace("\x02", "-")).strip()


def _drop_furniture(pages: list[list[_Item]]) -> list[list[_Item]]:
    """Remove running headers/footers and page numbers from the top and bottom of each page (never table rows)."""
    pages = [list(page) for page in pages]
    n = len(pages)

    def key(page: list[_Item], end: int) -> str | None:
        return re.sub(r"\d+", "#", page[end].text) if page and page[end].grid is None else None

    if n >= 3:  # a line that opens (or closes) at least half of the pages, digits aside, is furniture
        for end in (0, -1):
            for _ in range(2):  # a header may stack on a page number, or the reverse
                counts = Counter(k for page in pages if (k := key(page, end)) is not None)
                repeated = {k for k, count in counts.items() if 2 * count >= n}
                if not repeated:
                    break
                for page in pages:
                    if key(page, end) in repeated:
                        page.pop(end)
    for end in (0, -1):  # page numbers that follow the page sequence
        found = {
            i: number
            for i, page in enumerate(pages)
            if page and page[end].grid is None and (number := _page_number(page[end].text)) is not None
        }
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
