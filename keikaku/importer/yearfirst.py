"""Indicators stated in a sentence that opens with the target's year (a plan's 目標 written as text).

The sentence gives the year first, then the indicator before を, then the target before に (or
へ), and maybe the baseline in brackets after the verb, its year and figure side by side (spaces
added here for reading):

    令和9年度 までに、NAME を 100% に します (令和4年度 85%)。
    2030年度 までに NAME を 25.0% 以上 に 引き上げます (現状値:2022年度 19.2%)。
    令和9年度 までに、NAME を 12件 へ …。                                   (no baseline)

The name ends like an indicator's (率, 数 … of ``name_endings``, maybe with a bracket after), so
a sentence about a plan's work (…を推進します) gives nothing. 以下 and 未満 make the target a
ceiling (decrease), 以上 and 超 a floor (increase); else the figures say the direction.
"""

from __future__ import annotations

import re
from functools import cache

from keikaku.domain.enums import Direction
from keikaku.importer.lexicon import fold_key, header_words, name_endings, words_pattern
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import ERA, parse_quantity, parse_year

_YEAR = rf"(?:{ERA}(?:元|[0-9]{{1,2}})|[0-9]{{4}})年度?末?"
_FIGURE = r"[0-9][0-9,]*(?:\.[0-9]+)?(?:%|[^\s0-9、。()を:にへ]{0,4}?)"
_BOUNDS = {"以下": Direction.DECREASE, "未満": Direction.DECREASE, "以上": Direction.INCREASE, "超": Direction.INCREASE}


@cache
def _sentence() -> re.Pattern[str]:
    endings = words_pattern(list(name_endings()))
    base_words = words_pattern(header_words().words("baseline"))
    return re.compile(
        rf"(?:^|[。、])(?P<ty>{_YEAR})までに、?(?P<name>[^、。「」:()]{{2,50}}?(?:{endings})(?:\([^()]{{1,30}}\))?)を、?"
        rf"(?P<target>{_FIGURE})(?P<bound>以下|以上|未満|超)?(?:に|へ)[^。()]{{0,20}}?"
        rf"(?:\((?:(?:{base_words})[:]?)?(?P<by>{_YEAR})(?:の値)?[:]?(?P<base>{_FIGURE})\))?(?=。|$)")


def _number(text: str | None) -> bool:
    return text is not None and parse_quantity(text).kind == "number"


def year_first_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """Indicators stated by sentences opening with the target's year, but those ``known``."""
    taken = {fold_key(n) for n in known}
    rows: list[IndicatorRow] = []
    for line in lines:
        key = fold_key(line.key).replace(" ", "")
        if "までに" not in key:
            continue
        for m in _sentence().finditer(key):
            target_year, base_year = parse_year(m.group("ty")), parse_year(m.group("by")) if m.group("by") else None
            if target_year is None or not _number(m.group("target")) or fold_key(m.group("name")) in taken:
                continue
            if m.group("by") and (base_year is None or base_year >= target_year or not _number(m.group("base"))):
                continue
            row = IndicatorRow(name="", origin=origin_of(line))
            set_name(m.group("name"), row)
            if not row.name:
                continue
            if m.group("base"):
                put_value(row, "baseline", base_year, m.group("base"), origin=row.origin)
            put_value(row, "target", target_year, m.group("target"), origin=row.origin)
            row.direction = _BOUNDS.get(m.group("bound") or "")
            infer(row)
            taken.add(fold_key(m.group("name")))
            rows.append(row)
    return rows
