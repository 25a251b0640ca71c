"""Names of a column-major table wrapped over two lines in a narrow name cell, rejoined by the count
of the column after them.

Plain ``pdftotext`` prints a table column by column (``columnmajor``); a name too long for its cell
comes out as two lines, the second a short tail (``…作成`` / ``数``), so the name column has more lines
than the table has rows. The next column (単位, 基準値) tells the count: when its cells, all of them
values, are fewer than the name lines, the shortest lines that are at most half as long as the line
above them are the tails of the names above, as many as the lines too many. Numbered names are left
to ``columnmajor`` (a line without a number continues the name above).
"""

from __future__ import annotations

from collections.abc import Callable

from keikaku.importer.lexicon import fold_key
from keikaku.importer.normalize import Line

TAIL_SHARE = 0.5  # a tail is at most this share of the line it continues


def next_column_count(lines: list[Line], k: int, is_header: Callable[[Line], bool], is_value: Callable[[Line], bool]) -> int | None:
    """The count of cells under the header at ``lines[k]`` (None when they are not all values).

    Header lines following one another are one header (a role, then its bracketed year)."""
    j = k
    while j < len(lines) and is_header(lines[j]):
        j += 1
    if j == k:
        return None
    start = j
    while j < len(lines) and not is_header(lines[j]):
        if not is_value(lines[j]):
            return None
        j += 1
    return j - start or None


def rejoined(names: list[tuple[str, Line]], rows: int | None) -> list[tuple[str, Line]]:
    """The names with their wrapped tails joined to the lines above, when ``rows`` says how many there
    are; the names unchanged when the lines too many are not all such tails."""
    extra = len(names) - rows if rows else 0
    if extra <= 0 or rows < 2:
        return names
    sizes = [len(fold_key(text)) for text, _ in names]
    tails = [i for i in range(1, len(names)) if sizes[i] and sizes[i] <= TAIL_SHARE * sizes[i - 1]]
    tails = sorted(tails, key=lambda i: sizes[i] / sizes[i - 1])[:extra]
    if len(tails) < extra or any(i - 1 in tails for i in tails):
        return names
    out: list[tuple[str, Line]] = []
    for i, (text, line) in enumerate(names):
        if i in tails:
            out[-1] = (out[-1][0] + text, out[-1][1])
        else:
            out.append((text, line))
    return out
