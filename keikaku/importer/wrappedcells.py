"""A name cell wrapped over two lines in a table an extractor left one cell per line.

``市民と事業者が協力して行う緑の保全・`` / ``創出活動に参加した団体の数`` / ``27団体`` …: the
name's second line is a cell of its own, which would shift every later cell of the row. A word
cell that opens a row (first of the body, or after a figure), does not end like an indicator name
(``name_endings`` in ``lexicon/sheets.toml``) and is followed by a word cell that completes it into
one that does, then by a figure, is one cell with it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from keikaku.importer.lexicon import fold_key, name_endings

T = TypeVar("T")
_WORDS = ("text", "short")


def joined_wrapped_names(body: list[tuple[str, T]], kind: Callable[[str], str]) -> list[tuple[str, T]]:
    """``body`` (cell text, line) with each wrapped name's two cells joined into the first."""
    kinds = [kind(text) for text, _ in body]
    if not any(k in _WORDS for k in kinds):
        return body
    out: list[tuple[str, T]] = []
    i = 0
    while i < len(body):
        text, line = body[i]
        if (i + 2 < len(body) and kinds[i] in _WORDS and kinds[i + 1] in _WORDS and kinds[i + 2] == "value"
                and (i == 0 or kinds[i - 1] == "value") and not _ends_name(text) and _ends_name(text + body[i + 1][0])):
            out.append((text + body[i + 1][0], line))
            i += 2
            continue
        out.append((text, line))
        i += 1
    return out


def _ends_name(text: str) -> bool:
    return fold_key(text).endswith(name_endings())
