"""A baseline→target pair alone on the line under a row, named by the row's last cell that ends like a name.

An administrative-reform action plan lists each reform item with the goal that measures it, and
prints the goal's figures, each with its year, under the row (spaces as printed)::

    No.   取組項目                 所管課          取組目標
    2-1   窓口業務の見直し         市民課          窓口の平均待ち時間
                                                  24分（R5） → 15分（R10）

A line that is only a figure (maybe with its bracketed year), an arrow and a figure (no value
words: ``pairbelow.py`` reads those) takes its name from the line above it when that line opens with a
row's number and holds no cell opening with a figure: of its cells, the last one that ends like an indicator's name
(``name_endings``: 数, 率, 時間 …, before a bracketed qualifier) is the name. The item's title
(…の推進, …化) and the department end like no name, so they are left out.
"""

from __future__ import annotations

import re

from keikaku.importer.known import NewRows
from keikaku.importer.lexicon import fold_key, name_endings
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.streamrows import arrow_cell
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name

_FIGURE = re.compile(r"[0-9０-９]")
_ROW_NUMBER = re.compile(r"^(?:[0-9０-９]{1,3}(?:[-－‐][0-9０-９]{1,3}){0,2}[.．]?|[(（][0-9０-９]{1,2}[)）]|[①-⑳])$")
_TRAILING_BRACKET = re.compile(r"[(（][^()（）]*[)）]$")


def _ends_name(cell: str) -> bool:
    return _TRAILING_BRACKET.sub("", fold_key(cell)).endswith(name_endings())


def _name_cell(line: Line) -> str | None:
    """The cell of a row line without figures (its number aside) that names the goal under it."""
    cells = [c for c in line.key.split(" ") if c]
    if len(cells) < 2 or not _ROW_NUMBER.match(cells[0]):
        return None
    if any(_FIGURE.match(c) for c in cells[1:]):
        return None  # a row of figures: the pair is not its only figures
    named = [c for c in cells[1:] if _ends_name(c)]
    return named[-1] if named else None


def arrow_below_rows(lines: list[Line], known: list[str]) -> list[IndicatorRow]:
    """Indicators whose figures stand alone under their row, a baseline and a target an arrow apart."""
    new = NewRows(known)
    for i in range(1, len(lines)):
        line = lines[i]
        if not _FIGURE.match(line.key) or arrow_cell(line.key) is None:
            continue
        name = _name_cell(lines[i - 1])
        if name is None:
            continue
        row = IndicatorRow(name="", origin=origin_of(lines[i - 1]))
        set_name(name, row)
        put_value(row, "baseline", None, line.key, origin=origin_of(line))
        infer(row)
        if row.name and row.baseline is not None and row.target is not None:
            new.add(row)
    return new.rows
