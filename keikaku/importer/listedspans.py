"""Indicators a sentence lists one after another, each with its baseline and target.

A report (a council paper, a newspaper) states several numerical goals in one sentence, a
clause each, the clauses a comma apart (spaces added here for reading):

    NAME を 17年度実績 85億円 から 110億円 に、NAME は 18年は 21万300人 から 25万人 に、…

Each clause is ``NAME`` (ending like an indicator's name, maybe with a bracket after) and を or
は, maybe the baseline's year with 実績, の or は, then ``BASELINE から TARGET に`` (or へ). The
target carries no year of its own; a two-digit year without an era stays without a year, since
it may be a Heisei year or a Western one. A middle dot between digits (48・2%) is the decimal
point news text prints; a figure that only adds a scale word to the
other figure's unit (25万人 beside 21万300人) is read in that unit. 以下 and 未満 after the target make it a ceiling, 以上 and 超 a floor.
"""

from __future__ import annotations

import re
from functools import cache

from keikaku.domain.enums import Direction
from keikaku.importer.lexicon import fold_key, name_endings
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import ERA, parse_quantity, parse_year

_FIGURE = r"[0-9][0-9,]*(?:\.[0-9]+)?(?:[万億][0-9][0-9,]*)?(?:%|[^\s0-9、。()をからにへ]{0,4}?)"
_YEAR = rf"(?:{ERA}(?:元|[0-9]{{1,2}})|[0-9]{{2,4}})年度?"
_BOUNDS = {"以下": Direction.DECREASE, "未満": Direction.DECREASE, "以上": Direction.INCREASE, "超": Direction.INCREASE}
_DECIMAL_DOT = re.compile(r"(?<=[0-9])・(?=[0-9])")
_SCALES = {"万": 10**4, "億": 10**8}


def _same_unit(figure: str, other: str) -> str:
    """``figure`` in the unit of ``other`` when it only adds a scale word to it (25万人 beside 21万300人: 250000人)."""
    q, o = parse_quantity(figure), parse_quantity(other)
    scale = _SCALES.get((q.unit or "")[:1])
    if scale is None or q.value is None or o.unit is None or q.unit[1:] != o.unit:
        return figure
    return f"{q.value * scale:g}{o.unit}" if q.value * scale < 1e15 else figure


@cache
def _clause() -> re.Pattern[str]:
    endings = "|".join(re.escape(w) for w in name_endings())
    return re.compile(
        rf"(?:^|[、。])(?P<name>[^、。「」]{{2,40}}?(?:{endings})(?:\([^()]{{1,20}}\))?)(?:を|は)"
        rf"(?:(?P<year>{_YEAR})(?:実績|の|は)?)?"
        rf"(?P<base>{_FIGURE})から(?P<target>{_FIGURE})(?P<bound>以下|以上|未満|超)?(?:に|へ)")


def _number(text: str) -> bool:
    return parse_quantity(text).kind == "number"


def listed_spans(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """Indicators of sentences listing two or more ``NAME を … BASELINE から TARGET に`` clauses, but those ``known``."""
    taken = {fold_key(n) for n in known}
    rows: list[IndicatorRow] = []
    for line in lines:
        key = _DECIMAL_DOT.sub(".", fold_key(line.key).replace(" ", ""))
        if key.count("から") < 2:
            continue
        found = [m for m in _clause().finditer(key) if _number(m.group("base")) and _number(m.group("target"))]
        if len(found) < 2:
            continue
        for m in found:
            name = m.group("name")
            if fold_key(name) in taken:
                continue
            row = IndicatorRow(name="", origin=origin_of(line))
            set_name(name, row)
            if not row.name:
                continue
            base, target = _same_unit(m.group("base"), m.group("target")), _same_unit(m.group("target"), m.group("base"))
            put_value(row, "baseline", parse_year(m.group("year") or ""), base, origin=origin_of(line))
            put_value(row, "target", None, target, origin=origin_of(line))
            row.direction = _BOUNDS.get(m.group("bound") or "")
            infer(row)
            taken.add(fold_key(name))
            rows.append(row)
    return rows
