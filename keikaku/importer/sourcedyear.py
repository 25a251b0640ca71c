"""Figures listed under a line naming the survey they come from and its year.

A measure page may print a few figures taken from one survey under a line that names the survey
with its year in brackets, maybe followed by a word saying the figures come from it
(``…アンケート(令和元年)より``, ``…調査(令和2年度)``), each figure on a line of its own after a
short name (``満足度 19.7%``). Each such line is an indicator whose baseline is its figure, of the
survey's year. The survey's name ends with a word of ``[source_cells]`` in ``headers.toml``
(調査, アンケート …); a line under it holds a name (two characters or more, no figure, no header
word) and one figure with no year of its own; the run ends at the first other line. Names another
reading already found are left to it.
"""

from __future__ import annotations

import re

from keikaku.importer.lexicon import header_words, source_endings
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import dated_value, parse_quantity, parse_year
from keikaku.importer.width import fold

_FROM = ("より", "から", "による", "の結果")  # words after the bracket saying the figures come from it
_SOURCE = re.compile(r"^(?P<name>.+?)\s*\((?P<year>[^()]{2,12})\)\s*(?P<tail>\S*)$")
_PAIR = re.compile(r"^(?P<name>[^0-9△▲\s][^0-9]*?)\s+(?P<figure>[△▲]?[0-9][0-9,.]*\s*\S{0,4})$")


def _source_year(line: Line) -> tuple[str, int] | None:
    """(survey as printed, year) of a line naming a survey and its year (…調査(令和2年度)より), else None."""
    m = _SOURCE.match(line.key)
    if m is None or (m.group("tail") and m.group("tail") not in _FROM):
        return None
    if not m.group("name").endswith(source_endings()):
        return None
    year = parse_year(m.group("year"))
    printed = line.text if len(line.text) == len(line.key) else line.key
    return None if year is None else (printed[: m.end("name")].strip(), year)


def _pair(line: Line) -> tuple[str, str] | None:
    """(name as printed, figure) of a line printing a short name and one undated figure, else None."""
    m = _PAIR.match(line.key)
    if m is None:
        return None
    printed = line.text if len(line.text) == len(line.key) else line.key  # the key folds character for character
    name, figure = printed[: m.end("name")].strip(), m.group("figure")
    text, year = dated_value(figure)
    if year is not None or parse_quantity(text).kind != "number":
        return None
    if len(name) < 2 or header_words().role_of(m.group("name")) is not None:
        return None
    return name, text


def source_dated_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """Indicators printed as ``name figure`` lines under a line naming their survey and its year."""
    seen = {fold(n) for n in known}
    rows: list[IndicatorRow] = []
    for i, line in enumerate(lines):
        found = _source_year(line)
        if found is None:
            continue
        source, year = found
        for below in lines[i + 1:]:
            pair = _pair(below)
            if pair is None:
                break
            name, figure = pair
            row = IndicatorRow(name="", origin=origin_of(below))
            set_name(name, row)
            if fold(row.name) in seen:
                continue
            put_value(row, "baseline", year, figure, origin=origin_of(below))
            row.source = source
            infer(row)
            rows.append(row)
            seen.add(fold(row.name))
    return rows
