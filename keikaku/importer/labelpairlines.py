"""An indicator's two label rows (目標 / 実績) in laid-out text, its own cells put back on the first.

Evaluation sheets give each indicator two rows, a 目標 row and a 実績 row, the words in a label
column (区分); the name, the unit, the baseline and the final target are cells merged over both
rows. Text a PDF extractor laid out (``pdftotext -layout``) prints the merged cells where the
producer drew them:

- Word puts them at the top of the merged cell, so a name wrapped in its narrow column goes on at
  the start of the second row (spaces as printed)::

      市民一人一日当たりのご   g    874     目標   860      845      830      800
      み排出量                       実績   868      851      839

- Excel centres them on the cell's height, so they stand on a line of their own between the rows::

                                                目標      185,000    188,000    191,000
         1 コミュニティバスの年間利用者数   人   182,450                                200,000
                                                実績      121,306    139,870    160,224

Before lines are collapsed, both are put back on the first row of the pair, which the table
readings then read as one indicator over two label rows: a text cell (no figure, no label word) at
the start of a second row, standing at the column where the first row's name opens, is the end of
that name; a line of an indicator's cells (a text cell, then figures, no label word) between two
lines each opening with a different label word at the same column, its cells standing clear of
the first line's, is laid over that first line. The label words are the value words of
``lexicon/headers.toml`` printed alone in a cell (目標, 実績).
"""

from __future__ import annotations

import re
from dataclasses import replace

from keikaku.importer.lexicon import header_words
from keikaku.importer.records import RawDocument
from keikaku.importer.stackedheader import spaced_line

_CELL = re.compile(r"\S+(?:[ \u3000]\S+)*")  # cells stand two spaces apart or more
_FIGURE = re.compile(r"[0-9０-９]")
_LABEL_ROLES = frozenset({"target", "actual", "baseline", "interim"})
NEAR = 2  # printed columns two cells of one column may open apart
MAX_LABEL = 4  # characters of a label word (目標, 実績, 目標値)
MAX_UNIT = 4  # characters of a unit cell after a name (人, 団体, ha)

Cell = tuple[int, int, str]


def _cells(text: str) -> list[Cell]:
    """The cells of a laid-out line, each character one place (as pdftotext lays a page out)."""
    return [(m.start(), m.end(), m.group(0)) for m in _CELL.finditer(text)]


def _label(cell: str) -> bool:
    return len(cell) <= MAX_LABEL and not _FIGURE.search(cell) and header_words().role_of(cell) in _LABEL_ROLES


def _text(cell: str) -> bool:
    return not _FIGURE.search(cell) and not _label(cell) and header_words().role_of(cell) is None


def _figures(cells: list[Cell]) -> bool:
    return bool(cells) and all(_FIGURE.search(c) for _, _, c in cells)


def _label_at(cells: list[Cell]) -> int | None:
    """The index of the one label cell of a row, when figures follow it."""
    at = [k for k, (_, _, c) in enumerate(cells) if _label(c)]
    return at[0] if len(at) == 1 and _figures(cells[at[0] + 1:]) else None


def _name_rest(first: str, second: str) -> tuple[str, str] | None:
    """The first row with the name's end taken from the start of the second, and the second without it."""
    upper, lower = _cells(first), _cells(second)
    top, low = _label_at(upper), _label_at(lower)
    if top is None or low != 1 or top < 1 or not _text(upper[0][2]) or not _text(lower[0][2]):
        return None
    if abs(lower[0][0] - upper[0][0]) > NEAR or abs(lower[1][0] - upper[top][0]) > NEAR or upper[top][2] == lower[1][2]:
        return None
    start, end, piece = lower[0]
    if len(piece) >= len(upper[0][2]) or upper[0][2].startswith(piece):
        return None  # the name printed again on the second row (or a cell of its own): no rest of it
    name_end = upper[0][1]
    gap = upper[1][0] - name_end
    cut = min(len(piece), max(0, gap - 2))  # keep the cells after the name where they stand when there is room
    joined = first[:name_end] + piece + first[name_end + cut:]
    return joined, second[:start] + " " * (end - start) + second[end:]


def _laid_over(first: str, middle: str, last: str) -> str | None:
    """The first label row with the indicator's cells of the line under it laid in, or None."""
    upper, cells, lower = _cells(first), _cells(middle), _cells(last)
    if not upper or not lower or _label_at(upper) != 0 or _label_at(lower) != 0:
        return None
    if abs(upper[0][0] - lower[0][0]) > NEAR or upper[0][2] == lower[0][2]:
        return None
    texts = [k for k, (_, _, c) in enumerate(cells) if not _FIGURE.search(c)]
    if not texts or texts[0] > 1 or any(_label(c) for _, _, c in cells) or not _text(cells[texts[0]][2]):
        return None  # a row number may open the line, then the name
    after = cells[texts[0] + 1:]
    if not any(_FIGURE.search(c) for _, _, c in after) or any(not _FIGURE.search(c) and len(c) > MAX_UNIT for _, _, c in after):
        return None  # the name, then figures and short units
    if any(min(e, ue) - max(s, us) >= 0 for s, e, _ in cells for us, ue, _ in upper):
        return None  # a cell of the line would touch one of the row's: not cells of other columns
    width = max(len(first), len(middle))
    a, b = first.ljust(width), middle.ljust(width)
    return "".join(y if x == " " else x for x, y in zip(a, b)).rstrip()


def join_label_pairs(doc: RawDocument) -> RawDocument:
    """``doc`` with every indicator's merged cells put back on the first of its two label rows (see the module)."""
    lines = list(doc.lines)
    changed = False

    def spaced(k: int) -> bool:
        return 0 <= k < len(lines) and spaced_line(lines[k]) and bool(lines[k].text.strip())

    for i in range(1, len(lines)):
        if not spaced(i) or not spaced(i - 1):
            continue
        rest = _name_rest(lines[i - 1].text, lines[i].text)
        if rest is not None:
            lines[i - 1] = replace(lines[i - 1], text=rest[0])
            lines[i] = replace(lines[i], text=rest[1])
            changed = True
            continue
        if spaced(i + 1) and (laid := _laid_over(lines[i - 1].text, lines[i].text, lines[i + 1].text)) is not None:
            lines[i - 1] = replace(lines[i - 1], text=laid)
            lines[i] = replace(lines[i], text="")
            changed = True
    return replace(doc, lines=lines) if changed else doc
