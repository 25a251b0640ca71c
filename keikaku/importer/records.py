"""Typed records passed between the importer's stages."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RawLine:
    """One line of a document as its reader saw it.

    ``cells`` is set when the line is a row of a real table (a Word or Excel table, or a
    tab-separated text line): the cell texts in order.
    """

    text: str
    page: int | None = None
    cells: tuple[str, ...] | None = None


@dataclass
class RawDocument:
    """What a reader returns: the lines of one file, with where they came from."""

    name: str  # file name as given (no directories)
    format: str  # "text", "pdf", "docx" or "xlsx"
    sha256: str  # of the file's bytes
    lines: list[RawLine] = field(default_factory=list)
    encoding: str | None = None  # for text files: the detected encoding
    pages: int | None = None  # for paged formats
