"""An actual printed beside a dated milestone: ``指標名 目安値 実績値 …`` over cells one per line.

A progress table copied one cell per line with a blank line between cells prints, under a header
line naming an interim column (目安値, 中間値) and right after it an actual column (実績値), each
row as its name (maybe with its unit in brackets), its ``base→target`` cell, then the interim's
figure dated in brackets (``1,290`` / ``(R4年度)``) and the actual's figure with no year of its own
(``1,315`` / ``(県内2位)``, a bracketed note). The actual is of the interim's year: a row another
reading found without actuals gets it, and the interim as an interim target when it has none.
A cell of two figures, an actual cell with its own year, or an interim cell without one gives
nothing.
"""

from __future__ import annotations

import re

from keikaku.importer.known import name_key
from keikaku.importer.lexicon import header_words
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow
from keikaku.importer.values import Quantity, parse_quantity, parse_year_in

_ARROW = re.compile(r"[→⇒➡]")
_UNIT_TAIL = re.compile(r"[(（][^()（）0-9]{1,8}[)）]$")
_FIGURES = re.compile(r"[0-9][0-9,.]*")
MAX_GAP = 3  # cells between a row's name and its interim cell (the base→target cell)


def _cells(lines: list[Line]) -> list[tuple[str, str]]:
    """(text, origin) of each cell: lines with no blank line between them are one cell."""
    cells: list[tuple[str, str]] = []
    prev: int | None = None
    for line in lines:
        if prev is not None and line.index == prev + 1 and cells:
            text, origin = cells[-1]
            cells[-1] = (f"{text} {line.key}", origin)
        else:
            cells.append((line.key, origin_of(line)))
        prev = line.index
    return cells


def _header_at(lines: list[Line]) -> int | None:
    """The index of the header line naming a name column, then an interim and an actual column side by side."""
    words = header_words()
    for k, line in enumerate(lines):
        roles = [words.role_of(tok) for tok in line.key.split()]
        if roles[:1] == ["name"] and any(a == "interim" and b == "actual" for a, b in zip(roles, roles[1:])):
            return k
    return None


def _one_figure(text: str) -> Quantity | None:
    q = parse_quantity(text)
    if q.kind != "number" or len(_FIGURES.findall(re.sub(r"[(（][^()（）]*[)）]", "", text))) != 1:
        return None
    return q


def milestone_actuals(lines: list[Line], rows: list[IndicatorRow]) -> None:
    """Give ``rows`` without actuals the actual printed beside their dated interim figure."""
    waiting = {name_key(r.name): r for r in rows if not r.actuals and r.name}
    if not waiting:
        return
    at = _header_at(lines)
    if at is None:
        return
    cells = _cells(lines[at + 1:])
    for k, (text, _) in enumerate(cells):
        name = text.split(" ")[0]
        row = waiting.get(name_key(name)) or waiting.get(name_key(_UNIT_TAIL.sub("", name)))
        if row is None:
            continue
        j = k + 1
        while j < len(cells) and j <= k + MAX_GAP and _ARROW.search(cells[j][0]):
            j += 1
        if j + 1 >= len(cells):
            continue
        interim_text, year = parse_year_in(cells[j][0].replace(" ", ""))
        actual_text, actual_year = parse_year_in(cells[j + 1][0].replace(" ", ""))
        interim, actual = _one_figure(interim_text), _one_figure(actual_text)
        if year is None or actual_year is not None or interim is None or actual is None:
            continue
        row.actuals.append((year, actual, None))
        row.origins[f"actual:{year}"] = cells[j + 1][1]
        if not row.interim:
            row.interim.append((interim, year))
        del waiting[name_key(row.name)]
