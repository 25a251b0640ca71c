"""READ stage: turn one file (text, PDF, Word, Excel) into a RawDocument of lines.

The format is chosen by content (magic bytes), then by extension. The heavy libraries (pypdfium2,
python-docx, openpyxl) are imported inside their readers so importing this module stays cheap.
Every failure is a DocumentError naming the file; nothing else escapes ``read_document``.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from keikaku.importer.readers.base import MAX_DOCUMENT_BYTES, DocumentError
from keikaku.importer.records import RawDocument

__all__ = ["MAX_DOCUMENT_BYTES", "DocumentError", "read_document"]

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc / .xls


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
        from keikaku.importer.readers.pdf import read_pdf

        doc.lines, doc.pages = read_pdf(name, data)
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


