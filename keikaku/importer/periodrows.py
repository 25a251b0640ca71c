"""An indicator's record over a plan's successive periods, one row per period.

Welfare plans renewed every three years (障害福祉計画 第1期, 第2期 …) report each period's target
and result side by side, and the text versions print each row as labels and figures:

    (1)利用者数 … 第1期 期間 H18〜H20 目標数 12 利用者数 9 達成率 75% 備考 第2期 期間 H21〜H23 目標数 15 …

A row is a period (第N期), its span (期間, two years joined by 〜), a target word of
``lexicon/headers.toml`` and its figure, the result's figure under a word naming what it counts
(利用者数, 定員数 (年度末)), and the achievement rate. The rate settles which figure is the
result: it is the result over the target (or the target over the result, for a figure to bring
down) within rounding; a row it does not settle is not read. Each period's result is an actual of
the span's last fiscal year; the last period's target, of its last year, is the indicator's
target. The indicator is named by the numbered heading before the first period ((1)利用者数).
"""

from __future__ import annotations

import re

from keikaku.domain.enums import Direction
from keikaku.importer.lexicon import header_words
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import parse_quantity, parse_year
from keikaku.importer.width import fold

_YEAR = r"(?:明治|大正|昭和|平成|令和|[HRS])?\s*(?:元|[0-9]{1,4})\s*(?:年度|年)?"
_PERIOD = re.compile(
    rf"第\s*[0-9]{{1,2}}\s*期\s*(?:期間\s*)?(?P<first>{_YEAR})\s*[〜～~\-－]\s*(?P<last>{_YEAR})\s+"
    r"(?P<tword>\S{2,8})\s+(?P<target>[0-9][0-9,.]*\S{0,4})\s+"
    r"(?P<aword>\S{2,12}?(?:\s*[(（][^()（）]{1,10}[)）])?)\s+(?P<actual>[0-9][0-9,.]*\S{0,4})\s+"
    r"(?P<rword>\S{0,6}率)\s+(?P<rate>[0-9][0-9.]*)\s*[%％]")
_HEADING = re.compile(r"[(（][0-9]{1,2}[)）]\s*(?P<name>[^\s()（）〔〕]{3,40})")


def _settled(target: float, actual: float, rate: float) -> str | None:
    """How the printed rate is made: the result over the target (a figure to raise), the target over
    the result (a figure to bring down), either (they are equal), or None when it is neither."""
    up = bool(target) and abs(100 * actual / target - rate) <= 1.0
    down = bool(actual) and abs(100 * target / actual - rate) <= 1.0
    return "either" if up and down else "up" if up else "down" if down else None


def period_rows(lines: list[Line]) -> tuple[list[IndicatorRow], list[Line]]:
    """Indicators recorded period by period on ``lines``, and the lines they did not come from."""
    found: list[IndicatorRow] = []
    rest: list[Line] = []
    for line in lines:
        text = fold(line.text)
        rows: list[IndicatorRow] = []
        row: IndicatorRow | None = None
        ways: dict[int, set[str]] = {}  # how each period's rate is made: the direction of the figure
        last_end = 0
        for m in _PERIOD.finditer(text):
            target, actual = parse_quantity(m.group("target")), parse_quantity(m.group("actual"))
            year = parse_year(m.group("last"), default_era=_era(m.group("first")))
            way = (_settled(float(target.value), float(actual.value), float(m.group("rate")))  # type: ignore[arg-type]
                   if target.kind == actual.kind == "number" else None)
            if header_words().role_of(m.group("tword")) != "target" or year is None or way is None:
                continue
            heading = list(_HEADING.finditer(text, last_end, m.start()))
            if heading or row is None:
                if not heading:
                    continue
                row = IndicatorRow(name="", origin=origin_of(line))
                set_name(heading[-1].group("name"), row)
                rows.append(row)
            put_value(row, "actual", year, m.group("actual"), origin=row.origin)
            ways.setdefault(id(row), set()).add(way)
            row.target, row.target_year = None, None
            put_value(row, "target", year, m.group("target"), origin=row.origin)
            last_end = m.end()
        for r in rows:
            infer(r)
            made = ways.get(id(r), set())
            r.direction = Direction.DECREASE if "down" in made and "up" not in made else Direction.INCREASE
        if rows:
            found += rows
        else:
            rest.append(line)
    return found, rest


def _era(text: str) -> str | None:
    """The era a span's first year names (H17 → 平成), for a last year printed without it."""
    m = re.match(r"\s*(明治|大正|昭和|平成|令和|[HRS])", text)
    return m.group(1) if m else None
