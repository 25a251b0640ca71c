"""Indicators printed as labelled values rather than a table: 指標：… 現状値：… 目標値：….

Each label is a header word (``lexicon/headers.toml``) followed by a colon or a space, its value
running to the next label or the end of the line; the labels may share a line or stand one per
line. A label naming the indicator starts the next indicator.
"""

from __future__ import annotations

import re
from functools import cache

from keikaku.importer.lexicon import header_words, words_pattern
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import parse_year

ROLES = ("name", "baseline", "target", "interim", "actual", "unit", "direction", "rate")


@cache
def _label() -> re.Pattern[str]:
    words = words_pattern(header_words().words(*ROLES))
    return re.compile(rf"(?:^|(?<=[\s◆◇■□●○・【\]】]))({words})(?:\s*[(（][^)）]{{0,12}}[)）])?\s*(?:[:：]\s*|\s+)(?=\S)")


def labelled_rows(lines: list[Line]) -> list[IndicatorRow]:
    """The indicators of lines holding labelled values; [] when they hold none with a figure."""
    pieces: list[tuple[str, str, int | None, Line]] = []
    for line in lines:
        found = list(_label().finditer(line.key))
        for k, m in enumerate(found):
            end = found[k + 1].start() if k + 1 < len(found) else len(line.key)
            value = line.text[m.end():end].strip(" 　◆◇■□●○・")
            role = header_words().role_of(m.group(1))
            if role in ROLES and value:
                pieces.append((role, value, parse_year(m.group(0)), line))  # 現状値（令和元年度）: the label's year
    rows: list[IndicatorRow] = []
    current: IndicatorRow | None = None
    for role, value, year, line in pieces:
        if role == "name":
            current = IndicatorRow(name="", origin=origin_of(line))
            set_name(value, current)
            rows.append(current)
        elif current is not None:
            put_value(current, role, year, value, origin=origin_of(line))
    out = [r for r in rows if r.name and (_figure(r.baseline) or _figure(r.target) or r.actuals)]
    for row in out:
        infer(row)
    return out


def _figure(q: object) -> bool:
    return q is not None and getattr(q, "kind", None) in ("number", "maintain")
