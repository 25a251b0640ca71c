"""Indicators whose baseline and target a sentence states (a plan's 数値目標 written as text).

A sentence names the indicator before を, then the baseline after its year and の, then after
から each later year with its figure (まで(に), には), the last being the target and those before it
interim targets (spaces added here for reading):

    NAME を 令和元年 の 31.5 から 令和7年 までに 25.0 以下に …
    NAME を 令和元年 の 31.5 から、令和7年 までに 2割減らし 25.0 以下に …
    NAME については、令和元年 の 31.5 から 令和7年 に 40.0 とする …
    2019年 の 31.5 から 2023年 には 28.0、2027年 には 25.0 へ …   (the name in the sentence before)
    (令和元年:31.5 を 令和7年:25.0 以下に)                           (the name earlier on the line)

A clause of a rate of change between the target's year and its figure (2割減らし) is no
figure of the indicator. When the sentence holding the figures names nothing before を, the
indicator is the last ``NAME を`` of the line or the two lines before, its name ending like an
indicator's (率, 数 …, maybe with a bracket after); a name opening with the town itself (本市への, 本町の)
is the rest. 以下 and 未満 make the target a ceiling
(decrease), 以上 and 超 a floor (increase); else the figures say the direction.
"""

from __future__ import annotations

import re
from functools import cache

from keikaku.domain.enums import Direction
from keikaku.importer.lexicon import fold_key, name_endings
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import ERA, parse_quantity, parse_year

_YEAR = rf"(?:{ERA}(?:元|[0-9]{{1,2}})|[0-9]{{4}})年度?末?"
_FIGURE = r"[0-9][0-9,]*(?:\.[0-9]+)?(?:%|[^\s0-9、。()を:から]{0,4}?)"
_RATE_CLAUSE = r"(?:[^0-9。]{0,8}?[0-9.]+(?:%|パーセント|割)[^0-9。、]{0,6}?(?:減らし|増やし|削減し|引き下げ|引き上げ)、?)?"
_SELF = re.compile(r"^本[市町村区](?:へ|に|で)?の(?=.{3})")  # 本市への転入者数: the sentence's own town, no part of the name
_BOUNDS = {"以下": Direction.DECREASE, "未満": Direction.DECREASE, "以上": Direction.INCREASE, "超": Direction.INCREASE}


def _bound(k: int) -> str:
    return rf"(?P<bound{k}>以下|以上|未満|超)?"


def _later(k: int) -> str:
    """A later year and its figure: 令和7年までに(概ね20%減らし)25.0以下に."""
    return (rf"(?P<y{k}>{_YEAR})(?:までに|まで|には|に)、?{_RATE_CLAUSE}[^0-9。、]{{0,6}}?"
            rf"(?P<f{k}>{_FIGURE}){_bound(k)}(?:に|へ|、|とする|とし)")


_COLON = re.compile(rf"(?P<y0>{_YEAR})[:](?P<f0>{_FIGURE})を(?P<y1>{_YEAR})[:](?P<f1>{_FIGURE}){_bound(1)}に")


@cache
def _span() -> re.Pattern[str]:
    later = "".join(f"(?:{_later(k)})" + ("" if k == 1 else "?") for k in (1, 2, 3))
    return re.compile(rf"(?P<y0>{_YEAR})の(?P<f0>{_FIGURE})から、?{later}")


@cache
def _named() -> re.Pattern[str]:
    endings = "|".join(re.escape(w) for w in name_endings())
    return re.compile(rf"(?P<name>[^、。「」:]{{2,40}}?(?:{endings})(?:\([^()]{{1,30}}\))?)(?:を|については、?)")


def _number(text: str) -> bool:
    return parse_quantity(text).kind == "number"


def _name_before(keys: list[str], line_at: int, start: int) -> str | None:
    """The name of ``NAME を`` right before ``start`` on the line, else the last one of the line or the two lines before."""
    key = keys[line_at]
    right = [m for m in _named().finditer(key[:start]) if m.end() == start]
    if right:
        return right[-1].group("name")
    for k in range(line_at, max(-1, line_at - 3), -1):
        text = key[:start] if k == line_at else keys[k]
        found = list(_named().finditer(text))
        if found:
            return found[-1].group("name")
    return None


def stated_spans(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """Indicators whose baseline and target the text states in a sentence, but those ``known``."""
    keys = [fold_key(line.key).replace(" ", "") for line in lines]
    taken = {fold_key(n) for n in known}
    rows: list[IndicatorRow] = []
    for i, key in enumerate(keys):
        if "から" not in key and ":" not in key:
            continue
        for m in [*_span().finditer(key), *_COLON.finditer(key)]:
            dated = [(m.group(f"y{k}"), m.group(f"f{k}"), m.groupdict().get(f"bound{k}")) for k in range(4)
                     if m.groupdict().get(f"y{k}")]
            years = [parse_year(y) for y, _, _ in dated]
            if len(dated) < 2 or None in years or years != sorted(set(years)) or not all(_number(f) for _, f, _ in dated):
                continue
            name = _SELF.sub("", _name_before(keys, i, m.start()) or "") or None
            if name is None or fold_key(name) in taken:
                continue
            row = IndicatorRow(name="", origin=origin_of(lines[i]))
            set_name(name, row)
            if not row.name:
                continue
            put_value(row, "baseline", years[0], dated[0][1], origin=origin_of(lines[i]))
            for (_, figure, _), year in zip(dated[1:-1], years[1:-1]):
                put_value(row, "interim", year, figure, origin=origin_of(lines[i]))
            put_value(row, "target", years[-1], dated[-1][1], origin=origin_of(lines[i]))
            row.direction = _BOUNDS.get(dated[-1][2] or "")
            infer(row)
            taken.add(fold_key(name))
            rows.append(row)
    return rows
