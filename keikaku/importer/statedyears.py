"""Column years stated outside a table: ``現状=平成20年度、目標=平成26年度`` or ``目標値は令和12年度``
(or ``目標値は計画の最終年度である令和12年度``) in a note, or a list of the columns in quotes, each maybe with its year (``「現状値」 「(令和11年度)目標」``),
or a legend after a list of marked items (``(●は平成15年度→平成18年度…)``: the items above it).

A value word of ``headers.toml`` followed by ``=`` and a year (or by ``は`` and a year that closes
the statement), or a quoted column cell holding a value word and a bracketed year, gives that role's year to every row that has a value of the
role but no year for it. The first statement of a role counts (later ones qualify a class of
rows: ``…は 現状=平成18年度``).
"""

from __future__ import annotations

import re
from functools import cache

from keikaku.importer.lexicon import header_words, words_pattern
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow
from keikaku.importer.values import ERA, parse_year

_ROLES = ("baseline", "target")
_YEAR = rf"{ERA}\s*(?:元|\d{{1,2}})\s*年度?|\d{{4}}\s*年度?"
_QUOTED = re.compile(r"「([^「」]{1,30})」")
_LEGEND = re.compile(rf"^[(（]?\s*([●○◆◇■□◎])\s*は\s*({_YEAR})\s*[→⇒➡]\s*({_YEAR})")
_COLUMN_LIST = re.compile(r"^(?:(?:「[^「」]{1,30}」|〔[^〔〕]*〕)\s*){2,}$")


@cache
def _stated() -> re.Pattern[str]:
    words = words_pattern(header_words().words(*_ROLES))
    return re.compile(rf"({words})\s*(?:=\s*({_YEAR})|は\s*(?:[^、。=〕]{{1,20}}?である\s*)?({_YEAR})(?:の(?:数値|値))?(?=$|[〕)）、。]|です|とし))")


def stated_years(lines: list[Line], rows: list[IndicatorRow]) -> None:
    """Give ``rows`` the column years the text states, where a row has the value but not its year."""
    if not any(r.baseline_year is None and r.baseline is not None or r.target_year is None and r.target is not None for r in rows):
        return
    years: dict[str, int] = {}
    for line in lines:
        key = line.key
        if "=" in key or "は" in key:
            for m in _stated().finditer(key):
                role = header_words().role_of(m.group(1))
                if role in _ROLES and (year := parse_year(m.group(2) or m.group(3))) is not None:
                    years.setdefault(role, year)
        if "「" in key and _COLUMN_LIST.match(key):
            for m in _QUOTED.finditer(key):
                cell = m.group(1)
                role = header_words().role_of(re.sub(r"[(（][^)）]*[)）]", "", cell))
                if role in _ROLES and re.search(r"[(（][^)）]*年", cell) and (year := parse_year(cell)) is not None:
                    years.setdefault(role, year)
    _legend_years(lines, rows)
    if not years:
        return
    for row in rows:
        if row.baseline is not None and row.baseline_year is None and "baseline" in years:
            row.baseline_year = years["baseline"]
        if row.target is not None and row.target_year is None and "target" in years:
            row.target_year = years["target"]


def _legend_years(lines: list[Line], rows: list[IndicatorRow]) -> None:
    """A legend closing a list, ``(●は平成15年度→平成18年度…)``: the rows of the items above it that
    carry its mark take its years as their baseline's and target's, where they print none."""
    legend = next(((k, m) for k, line in enumerate(lines) if (m := _LEGEND.match(line.key))), None)
    if legend is None:
        return
    at, m = legend
    base, target = parse_year(m.group(2)), parse_year(m.group(3))
    marked = {origin_of(line) for line in lines[:at] if line.key.startswith(m.group(1))}
    for row in rows:
        if row.origin not in marked:
            continue
        if row.baseline is not None and row.baseline_year is None:
            row.baseline_year = base
        if row.target is not None and row.target_year is None:
            row.target_year = target
