"""Indicators stated as a line that opens with the target's year, then the indicator's name and a target
word after の, the target's figure, and the baseline in brackets with its own year (a plan's goals
on a web page, where each goal is one line; spaces added here for reading):

    令和16年度 NAME の目標値 42万人 (令和5年度 約31万人)
    令和16年度 NAME の目標値 「満足」の回答 72.5% (令和5年度 58.0%)      (the share answering 「満足」)
    2030年度 NAME の目標 120件

The target word is one of ``headers.toml``'s target words; the name is what stands between the year
and の before it, and may hold a quoted survey item (来館者アンケート「展示の内容」). A quoted answer
before the figure (「満足」の回答) says which share the figure is and is no part of the name. The
baseline's year must come before the target's; a line with more text after the brackets is prose.
"""

from __future__ import annotations

import re
from functools import cache

from keikaku.importer.lexicon import fold_key, header_words, words_pattern
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import ERA, parse_quantity, parse_year

_YEAR = rf"(?:{ERA}(?:元|[0-9]{{1,2}})|[0-9]{{4}})年度?末?"
_FIGURE = r"約?[0-9][0-9,]*(?:\.[0-9]+)?[^\s0-9()、。「」]{0,6}"


@cache
def _line() -> re.Pattern[str]:
    words = words_pattern([w for w in header_words().words("target") if len(w) >= 2])
    return re.compile(
        rf"^(?P<ty>{_YEAR})(?P<name>[^\s0-9、。:()][^\s、。:()]{{1,40}}?)の(?:{words})[:]?"
        rf"(?:「[^「」0-9]{{1,15}}」の?[^\s0-9「」()]{{0,6}})?(?P<target>{_FIGURE})"
        rf"(?:\((?P<by>{_YEAR})(?P<base>{_FIGURE})\))?$")


def _number(text: str | None) -> bool:
    return text is not None and parse_quantity(text).kind == "number" and parse_year(text) is None


def year_target_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """Indicators stated by lines ``YEAR NAMEの目標値 FIGURE (YEAR FIGURE)``, but those ``known``."""
    taken = {fold_key(n) for n in known}
    rows: list[IndicatorRow] = []
    for line in lines:
        key = fold_key(line.key).replace(" ", "")
        m = _line().match(key)
        if m is None or not _number(m.group("target")):
            continue
        target_year = parse_year(m.group("ty"))
        base_year = parse_year(m.group("by")) if m.group("by") else None
        if target_year is None or (m.group("by") and (base_year is None or base_year >= target_year or not _number(m.group("base")))):
            continue
        row = IndicatorRow(name="", origin=origin_of(line))
        set_name(m.group("name"), row)
        if not row.name or fold_key(row.name) in taken:
            continue
        put_value(row, "target", target_year, m.group("target"), origin=row.origin)
        if m.group("base"):
            put_value(row, "baseline", base_year, m.group("base"), origin=row.origin)
        infer(row)
        taken.add(fold_key(row.name))
        rows.append(row)
    return rows
