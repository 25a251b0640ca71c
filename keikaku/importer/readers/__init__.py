"""READ stage: turn one file (text, PDF, Word, Excel) into a RawDocument of lines.

The format is chosen by content (magic bytes), then by extension. The heavy libraries (pypdfium2,
python-docx, openpyxl) are imported inside their readers so importing this module stays cheap.
A PDF without a text layer is read through OCR (``ocr.py``) and comes back as format "scan".
Every failure is a DocumentError naming the file; nothing else escapes ``read_document``.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from keikaku.importer.readers.base import MAX_DOCUMENT_BYTES, DocumentError, NeedsOcr
from keikaku.importer.records import RawDocument, RawLine

__all__ = ["MAX_DOCUMENT_BYTES", "DocumentError", "NeedsOcr", "read_document"]

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc / .xls


def read_document(
    path: Path, *, max_bytes: int = MAX_DOCUMENT_BYTES, ocr: bool = True, progress: bool | None = None
) -> RawDocument:
    """Read one document file into lines, choosing the reader by content, then by extension.

    A PDF without a text layer is OCR'd unless ``ocr`` is false (then ``NeedsOcr`` is raised).
    ``progress`` shows a bar of OCR'd pages on stderr; ``None`` shows it when stderr is a terminal.
    """
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
        from keikaku.importer.readers.pdf import read_pdf

        try:
            doc.lines, doc.pages = read_pdf(name, data)
        except NeedsOcr:
            if not ocr:
                raise
            doc.lines, doc.pages = _read_scan(name, data, progress=progress)
            doc.format = "scan"
    elif kind == "docx":
        from keikaku.importer.readers.docx import read_docx

        doc.lines = read_docx(name, data)
    elif kind == "xlsx":
        from keikaku.importer.readers.xlsx import read_xlsx

        doc.lines, doc.pages = read_xlsx(name, data)
    else:
        from keikaku.importer.readers.text import read_text

        doc.lines, doc.encoding = read_text(name, data)
    return doc


def _read_scan(name: str, data: bytes, *, progress: bool | None) -> tuple[list[RawLine], int]:
    """OCR a PDF of images, read the result with the PDF reader, and restore the spaces OCR measured."""
    from keikaku.importer.readers.ocr import ocr_pdf, respace, wants_progress
    from keikaku.importer.readers.ocr_figures import repair_lines
    from keikaku.importer.readers.pdf import read_pdf

    scan = ocr_pdf(name, data, progress=wants_progress() if progress is None else progress)
    try:
        lines, pages = read_pdf(name, scan.pdf)
    except NeedsOcr as exc:
        raise DocumentError(
            name, f"the PDF has no text layer and no text found even after OCR ({len(scan.page_texts)} page(s)): "
            "blank pages, or a scan too faint to read?"
        ) from exc
    return repair_lines(respace(lines, scan.page_texts), scan.figure_words), pages


def _detect_format(name: str, data: bytes, suffix: str) -> str:
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        import zipfile

        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):  # a version or method zipfile cannot read
            names = set()
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
    if data.startswith(_OLE2_MAGIC):
        raise DocumentError(name, "a legacy binary Word/Excel file (.doc/.xls) is not supported: save it as .docx or .xlsx")
    return {".pdf": "pdf", ".docx": "docx", ".xlsx": "xlsx", ".xlsm": "xlsx"}.get(suffix, "text")


