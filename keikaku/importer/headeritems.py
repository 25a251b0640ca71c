"""Indicators listed after a dated target header, on a summary flattened onto one line.

A plan's one-page summary (概要) prints its goals' figures after a header word naming the target
and its year in brackets, maybe with a note (``数値目標(R6/累計)``), the goals' titles running
into them::

    数値目標(R6/累計) 企業誘致件数 12 件 新規創業者数 35 人 2.… 観光入込客数 48.5万人(R1)→55.0万人(R6)

Each item is one word, the indicator's name, followed by one of:

- a figure and its unit printed apart (``12 件``): the target, of the header's year;
- ``baseline(year)→target(year)`` in one cell: both, with their years;
- a figure with its year in brackets (``75%(R6)``): the target of that year.

A name is the one word before the figure: never a figure, a placeholder, a numbered title
(``2.…``) or a header word. Two items or more make the list; fewer give nothing.
"""

from __future__ import annotations

import re

from keikaku.importer.lexicon import header_words, value_units
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import parse_quantity, parse_year, parse_year_in
from keikaku.importer.width import fold

MIN_ITEMS = 2
_HEADER = re.compile(r"^(\S{1,8})[(（]([^()（）]{2,20})[)）]$")
_LEADING_YEAR = re.compile(r"^(?:(?:平成|令和|[HR])\s*(?:元|[0-9]{1,2})|20[0-9]{2})(?:\s*年度?)?")
_FIGURE = re.compile(r"^[△▲]?[0-9]{1,3}(?:,[0-9]{3})*(?:\.[0-9]+)?$|^[△▲]?[0-9]+(?:\.[0-9]+)?$")
_DATED_FIGURE = re.compile(r"^[△▲]?[0-9][0-9,.]*\S{0,4}?[(（][^()（）]+[)）]$")
_ARROW = re.compile(r"[→⇒➡]")
_NUMBERED = re.compile(r"^[0-9]{1,2}[.．、)）]")


def header_item_rows(line: Line) -> list[IndicatorRow]:
    """The items listed after a dated target header on ``line`` (see the module's doc); [] when none."""
    tokens = fold(line.text).split(" ")
    for h, token in enumerate(tokens):
        year = _header_year(token)
        if year is None:
            continue
        rows = _items(tokens[h + 1:], year, origin_of(line))
        if len(rows) >= MIN_ITEMS:
            for row in rows:
                infer(row)
            return rows
    return []


def _header_year(token: str) -> int | None:
    """The year of a target header word with its year in brackets (数値目標(R6/累計))."""
    m = _HEADER.match(token)
    if m is None or not any(w in m.group(1) for w in header_words().words("target")):
        return None
    year = _LEADING_YEAR.match(m.group(2).strip())
    if year is None:
        return None
    text = year.group(0)
    return parse_year(text if "年" in text or text.isdigit() else text + "年度")


def _name(token: str) -> bool:
    return (len(token) >= 2 and not _FIGURE.match(token) and not _NUMBERED.match(token) and not token.startswith(("〔", "※"))
            and header_words().role_of(token) is None and not re.search(r"[0-9]", token[:1])
            and parse_quantity(token).kind == "word")


def _items(tokens: list[str], year: int, origin: str) -> list[IndicatorRow]:
    rows: list[IndicatorRow] = []
    k = 1
    while k < len(tokens):
        name, cell = tokens[k - 1], tokens[k]
        row = None
        if not _name(name):
            k += 1
            continue
        if _FIGURE.match(cell) and k + 1 < len(tokens) and fold(tokens[k + 1]) in value_units():
            row = IndicatorRow(name="", origin=origin)
            put_value(row, "target", year, cell + tokens[k + 1], origin=origin)
            k += 1
        elif _ARROW.search(cell) and re.match(r"^[△▲]?[0-9]", cell):
            row = IndicatorRow(name="", origin=origin)
            put_value(row, "baseline", None, cell, origin=origin)  # a pair: both, with their years
            if row.target is None or row.baseline is None:
                row = None
        elif _DATED_FIGURE.match(cell) and parse_year_in(cell)[1] is not None:
            row = IndicatorRow(name="", origin=origin)
            put_value(row, "target", None, cell, origin=origin)
        if row is not None:
            set_name(name, row)
            if row.name and parse_quantity((row.target or row.baseline).text).kind == "number":  # type: ignore[union-attr]
                rows.append(row)
        k += 1
    return rows
