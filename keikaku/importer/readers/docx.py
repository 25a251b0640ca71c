"""Word (.docx) through python-docx, the only adapter for that library: paragraphs and tables in body order."""

from __future__ import annotations

import io

from keikaku.importer.readers.base import DocumentError, join_breaks as _join_breaks
from keikaku.importer.records import RawLine, Source


def read_docx(name: str, data: bytes) -> list[RawLine]:
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
