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


def joined_row_wraps(body: list[tuple[str, T]], kind: Callable[[str], str], *, tails: int) -> list[tuple[str, T]]:
    """``body`` with the cells of every row wrapped alike joined: a name over ``n`` lines and, when the
    header has one text column after its figures (``tails``, 調査方法), that cell over ``t`` lines.

    Then every gap of word cells between two rows' figures holds ``t + n`` cells — the tail of the
    row above and the name of the row below — the first row opens with ``n`` and the last ends with
    ``t`` (cells after it are no part of the table), and every row has as many figures: ``地域の行事に参加し`` / ``た人の割合``
    / four figures / ``市民意識`` / ``調査``. Any other body is left as it is."""
    kinds = [kind(text) for text, _ in body]
    runs: list[tuple[bool, int, int]] = []  # (figures?, start, end)
    for i, k in enumerate(kinds):
        figure = k == "value"
        if k not in _WORDS and not figure:
            return body  # a blank or a code among the cells: another shape
        if runs and runs[-1][0] == figure:
            runs[-1] = (figure, runs[-1][1], i + 1)
        else:
            runs.append((figure, i, i + 1))
    if len(runs) < 5 or runs[0][0] or runs[-1][0]:
        return body
    lead, gaps, last = runs[0], runs[2:-1:2], runs[-1]
    figures = {end - start for f, start, end in runs if f}
    n = lead[2] - lead[1]
    t = {end - start for _, start, end in gaps}.pop() - n if gaps else 0
    if tails != 1 or len(figures) != 1 or len({end - start for _, start, end in gaps}) != 1 or t < 1 or n < 1 \
            or max(n, t) < 2 or last[2] - last[1] < t:
        return body

    def joined(start: int, end: int) -> list[tuple[str, T]]:
        return [("".join(text for text, _ in body[start:end]), body[start][1])] if end > start else []

    out = joined(lead[1], lead[2])
    for figure, start, end in runs[1:]:
        if figure:
            out += body[start:end]
        elif end == len(body):
            out += joined(start, start + t) + body[start + t:end]
        else:
            out += joined(start, start + t) + joined(start + t, end)
    return out

