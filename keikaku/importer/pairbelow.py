"""A labelled baseline→target pair on the line under a table row, named by the row's indicator cell.

An action plan's project sheet prints, per project, a row of the project's name, its outcome
goal's name (成果目標, 指標: a column whose header word opens an indicator table) and its money
per year, and under it, alone on its line, the goal's figures::

    事業名            成果目標                 令和5年度   令和6年度   令和7年度
    中小企業融資事業  制度融資利用件数         45,200      45,200      46,000
                      現状 62件(R3) → 目標 80件(R7)

A line that is a baseline word and its figure, an arrow, a target word and its figure (no other
text) takes its name from the row above it: the cell of that row in the place the header's
indicator word holds among the header's words. The row's other figures (money, under year
columns) are not the indicator's. A row whose cell there is a figure gives nothing.
"""

from __future__ import annotations

import re

from keikaku.importer.known import NewRows
from keikaku.importer.lexicon import fold_key, header_words
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import parse_quantity

MAX_BACK = 40  # lines between a pair and its table's header
_PAIR = re.compile(r"^(?P<bw>\S{1,6}?)\s*(?P<base>[0-9△▲][^\s→⇒]*)\s*[→⇒➡]\s*(?P<tw>\S{1,6}?)\s*(?P<target>[0-9△▲][^\s→⇒]*)$")


def _pair(line: Line) -> tuple[str, str] | None:
    """The baseline and target cells of a line that is only ``基準word figure → target-word figure``."""
    m = _PAIR.match(line.key)
    if m is None:
        return None
    lex = header_words()
    if lex.role_of(m["bw"]) != "baseline" or lex.role_of(m["tw"]) != "target":
        return None
    return m["base"], m["target"]


def _name_place(header: Line) -> int | None:
    """The place among a header line's words of the word that opens an indicator table."""
    lex = header_words()
    tokens = [t for t in header.key.split(" ") if t]
    return next((k for k, t in enumerate(tokens) if fold_key(t) in lex.openers), None)


def pair_below_rows(lines: list[Line], known: list[str]) -> list[IndicatorRow]:
    """Indicators named by a row's indicator cell, their figures on the line under it."""
    new = NewRows(known)
    for i, line in enumerate(lines):
        if i == 0 or (pair := _pair(line)) is None:
            continue
        place = next((p for k in range(i - 2, max(-1, i - MAX_BACK), -1) if (p := _name_place(lines[k])) is not None), None)
        tokens = [t for t in lines[i - 1].key.split(" ") if t]
        if place is None or place >= len(tokens) or parse_quantity(tokens[place]).kind != "word":
            continue
        if _pair(lines[i - 1]) is not None:
            continue
        row = IndicatorRow(name="", origin=origin_of(lines[i - 1]))
        set_name(tokens[place], row)
        put_value(row, "baseline", None, pair[0], origin=origin_of(line))
        put_value(row, "target", None, pair[1], origin=origin_of(line))
        infer(row)
        if row.name:
            new.add(row)
    return new.rows
