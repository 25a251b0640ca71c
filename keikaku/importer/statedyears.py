"""Column years stated outside a table: ``現状=平成20年度、目標=平成26年度`` or ``目標値は令和12年度``
(or ``目標値は計画の最終年度である令和12年度``) in a note, or a list of the columns in quotes, each maybe with its year (``「現状値」 「(令和11年度)目標」``),
or a legend after a list of marked items (``(●は平成15年度→平成18年度…)``: the items above it),
or a title naming the targets with their year in brackets (``事業の数値目標(令和6年度)``: the rows under it).

A value word of ``headers.toml`` followed by ``=`` and a year (or by ``は`` and a year that closes
the statement), or a quoted column cell holding a value word and a bracketed year, gives that role's year to every row that has a value of the
role but no year for it. The first statement of a role counts (later ones qualify a class of
rows: ``…は 現状=平成18年度``).
"""

from __future__ import annotations

import re
from functools import cache

from keikaku.importer.lexicon import _load, header_words, words_pattern
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
    _titled_years(lines, rows)
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


TITLE_MAX = 40  # characters of a title line (a longer one is a sentence)


@cache
def _titled() -> re.Pattern[str]:
    words = [*header_words().words("target"), *_load("headers.toml").get("later_name_targets", {}).get("words", ())]
    return re.compile(rf"^[^\s、。]{{0,30}}?(?:{words_pattern(words)})\s*[(（]\s*({_YEAR})\s*[)）]$")


def _titled_years(lines: list[Line], rows: list[IndicatorRow]) -> None:
    """A title line naming the targets with their year in brackets and nothing after it: the rows read
    from lines under it take that year for their target, where they print none."""
    at = next(((k, m) for k, line in enumerate(lines) if len(line.key) <= TITLE_MAX and (m := _titled().match(line.key))), None)
    if at is None:
        return
    k, m = at
    year = parse_year(m.group(1))
    under = {origin_of(line) for line in lines[k + 1:]}
    for row in rows:
        if row.target is not None and row.target_year is None and row.origin in under:
            row.target_year = year
