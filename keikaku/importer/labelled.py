"""Indicators printed as labelled values rather than a table: 指標：… 現状値：… 目標値：….

Each label is a header word (``lexicon/headers.toml``) followed by a colon or a space, its value
running to the next label or the end of the line; the labels may share a line or stand one per
line, maybe as a run of bullets (``- 指標：… - 現状値：…``: the dash and a list number ``2.``
closing a value are no part of it). A label naming the indicator starts the next indicator; a
source or definition label closes the value before it. A long bracketed qualifier after a name
that ends like a name (…の割合 (…の合計の割合)) is its definition. A target that is a
direction word (…の増加) gives the direction; such rows are kept when another row of the reading
has a figure. An actual label over a run of years each with its figure (実績 令和4年度 85.5 令和5年度
88.0, or a trend parted by arrows: 実績 R3: 85.0% → R4: 86.2%) gives one actual a year.
Under a line of year cells (年度 令和3年度 令和4年度 …), a line labelled as an actual or a target
alone with a run of as many figures (実績 29.1 31.8; 目標 30.0 32.0) gives one a year: actuals,
or each year's aim (interim targets; the final target is labelled apart).
"""

from __future__ import annotations

import re
from functools import cache

from keikaku.domain.enums import Direction
from keikaku.importer.flatsheet import ends_name
from keikaku.importer.lexicon import header_words, words_pattern
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import parse_direction, parse_year

ROLES = ("name", "baseline", "target", "interim", "actual", "unit", "direction", "rate", "source", "definition")
_CLOSING = re.compile(r"(?:\s+(?:[-－‐―]|\d{1,2}[.．]))+$")  # a bullet dash or a list number before the next label
_YEAR_FIGURE = re.compile(
    r"((?:令和|平成|R|H)\s*(?:元|[0-9０-９]{1,2})\s*(?:年度?)?|[0-9]{4}\s*年度?)\s*[:：]?\s*([△▲-]?[0-9０-９][0-9０-９,，.．]*[^\s0-9０-９令平RH→⇒➡、,]{0,4})\s*"
)
_RUN_SEPARATORS = re.compile(r"[→⇒➡、,\s]+")  # R3: 85.0% → R4: 86.2%: the pairs of a trend parted by arrows
_YEAR_WORDS = ("年度", "年次")
_YEAR_CELL = re.compile(r"(?:令和|平成|R|H)\s*(?:元|[0-9０-９]{1,2})\s*年度?|[0-9]{4}\s*年度?")
_FIGURE = re.compile(r"^[△▲-]?[0-9０-９][0-9０-９,，.．]*%?$")
_QUALIFIER = re.compile(r"^(.+?)\s*([(（][^()（）]{8,}[)）])$")


@cache
def _label() -> re.Pattern[str]:
    words = words_pattern(header_words().words(*ROLES))
    year = r"(?:(?:令和|平成|R|H)?(?:元|[0-9]{1,4})年度?)?"  # 令和6年度実績: the label's year before its word
    return re.compile(rf"(?:^|(?<=[\s◆◇■□●○・【\]】])){year}({words})(?:\s*[(（][^)）]{{0,12}}[)）])?\s*(?:[:：]\s*|\s+)(?=\S)")


def labelled_rows(lines: list[Line]) -> list[IndicatorRow]:
    """The indicators of lines holding labelled values; [] when they hold none with a figure."""
    pieces: list[tuple[str, str, int | None, Line]] = []
    years: list[int] = []  # the years of a line of year cells (年度 令和3年度 令和4年度 …), for the runs under it
    for line in lines:
        if (named := _year_cells(line)) is not None:
            years = named
            continue
        found = list(_label().finditer(line.key))
        for k, m in enumerate(found):
            end = found[k + 1].start() if k + 1 < len(found) else len(line.key)
            value = _CLOSING.sub("", line.text[m.end():end].strip(" 　◆◇■□●○・")).strip()
            role = header_words().role_of(m.group(1))
            if role in ("target", "actual") and len(found) == 1 and len(years) > 1 and len(run := value.split()) == len(years) \
                    and all(_FIGURE.match(v) for v in run):
                kind = "interim" if role == "target" else role  # a target each year under the years: the year's aim
                pieces += [(kind, v, y, line) for y, v in zip(years, run)]
            elif role in ROLES and value:
                pieces.append((role, value, parse_year(m.group(0)), line))  # 現状値（令和元年度）: the label's year
    rows: list[IndicatorRow] = []
    current: IndicatorRow | None = None
    for role, value, year, line in pieces:
        if role == "name":
            current = IndicatorRow(name="", origin=origin_of(line))
            name, qualifier = _qualified(value)
            set_name(name, current)
            current.definition = qualifier
            rows.append(current)
        elif current is not None:
            for one_year, one_value in year_runs(value) if role in ("actual", "interim") else ():
                put_value(current, role, parse_year(one_year), one_value, origin=origin_of(line))
            if role not in ("actual", "interim") or not year_runs(value):
                put_value(current, role, year, value, origin=origin_of(line))
    if not any(_figure(r.baseline) or _figure(r.target) or r.actuals for r in rows):
        return []
    out = [r for r in rows if r.name and (_figure(r.baseline) or _figure(r.target) or r.actuals or _aim(r) is not None)]
    for row in out:
        infer(row)
        if row.direction in (None, Direction.QUALITATIVE) and (aim := _aim(row)) is not None:
            row.direction = aim
    return out


def _year_cells(line: Line) -> list[int] | None:
    """The years of a line of a year word (年度, 年次) and year cells only, two at least; else None."""
    toks = line.text.split()
    if len(toks) < 3 or toks[0] not in _YEAR_WORDS:
        return None
    cells = " ".join(toks[1:])
    found = [parse_year(m.group(0)) for m in _YEAR_CELL.finditer(cells)]
    if len(found) < 2 or None in found or _YEAR_CELL.sub("", cells).strip():
        return None
    return found  # type: ignore[return-value]


def year_runs(value: str) -> list[tuple[str, str]]:
    """A value that is a run of years each with its figure (令和4年度 85.5 令和5年度 88.0, or a trend
    parted by arrows: R3: 85.0% → R4: 86.2%), as pairs; [] otherwise."""
    pairs = _YEAR_FIGURE.findall(value)
    if len(pairs) < 2 or _RUN_SEPARATORS.sub("", _YEAR_FIGURE.sub("", value)):
        return []
    return pairs


def _aim(row: IndicatorRow) -> Direction | None:
    """The direction a target printed as a word states (…の増加), if it states one."""
    t = row.target
    if t is None or t.kind != "word" or (d := parse_direction(t.text)) not in (Direction.INCREASE, Direction.DECREASE):
        return None
    return d


def _qualified(name: str) -> tuple[str, str | None]:
    """A name and the long bracketed qualifier printed after it, when the name ends like one."""
    m = _QUALIFIER.match(name)
    if m and ends_name(m.group(1)):
        return m.group(1), m.group(2)[1:-1]
    return name, None


def _figure(q: object) -> bool:
    return q is not None and getattr(q, "kind", None) in ("number", "maintain")
