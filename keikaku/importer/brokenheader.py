"""A header word broken over two lines in a table an extractor left one cell per line.

A narrow header cell wraps its word, and a text that prints every cell on a line of its own prints
the pieces one under the other: ``計画`` / ``策定時`` / ``実績値`` / ``目標値``. Neither piece is
a header word, so the table's header would start at the third line and the first value column would
be lost. Two lines that are each one short piece without a figure, the first no header word of its
own, whose pieces joined are exactly a value word of ``lexicon/headers.toml`` (a baseline, a target,
an actual, an interim target, a rate), next to a header cell (a value word or a year, on the line
before them or after them), are one line. Pieces finishing a header word that is one already
(``現状`` / ``値``) are joined where the table is read (``lexicon.completes_word``).
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from keikaku.importer.lexicon import VALUE_ROLES, fold_key, header_words
from keikaku.importer.records import RawDocument, RawLine
from keikaku.importer.values import is_year_cell

_PIECE = 8  # the longest piece of a broken word


@cache
def _value_words() -> frozenset[str]:
    return frozenset(fold_key(w) for w in header_words().words(*VALUE_ROLES))


def _piece(line: RawLine) -> str | None:
    text = line.text.strip()
    if line.cells or not text or len(text) > _PIECE or " " in text or any(c.isdigit() for c in text):
        return None
    return text


def _header_cell(line: RawLine | None) -> bool:
    if line is None or line.cells:
        return False
    text = line.text.strip()
    return bool(text) and " " not in text and (is_year_cell(text) or header_words().role_of(text) in VALUE_ROLES)


def join_broken_header_words(doc: RawDocument) -> RawDocument:
    """``doc`` with each value word broken over two one-piece lines put back on the first."""
    lines = doc.lines
    out: list[RawLine] = []
    i = 0
    while i < len(lines):
        head = _piece(lines[i])
        tail = _piece(lines[i + 1]) if head is not None and i + 1 < len(lines) else None
        if (tail is not None and header_words().role_of(head) is None and fold_key(head + tail) in _value_words()
                and (_header_cell(lines[i + 2] if i + 2 < len(lines) else None) or _header_cell(out[-1] if out else None))):
            out.append(replace(lines[i], text=head + tail))
            i += 2
            continue
        out.append(lines[i])
        i += 1
    return doc if len(out) == len(lines) else replace(doc, lines=out)
