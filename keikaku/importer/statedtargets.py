"""Targets stated in a sheet's text rather than in its table: a target word standing as a cell
(目標値), then an indicator's name and its figure with a unit at the end of the line, and the
lines right after it that are only another name and figure (maybe after a one-character margin
label that an extractor ran in from a vertical side heading).

Such a stated target is the indicator's target: it replaces a target read from a table's yearly
plan columns for the same name (the table's last 計画 is a year's plan, the stated figure the
goal), and a name that no table holds becomes an indicator with that target alone.
"""

from __future__ import annotations

import re
from functools import cache

from keikaku.importer.lexicon import header_words, words_pattern
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import parse_quantity, parse_year
from keikaku.importer.width import fold
from keikaku.importer.known import name_key as _key

_PAIR = r"(?P<name>[^\s\d()（）〔〕【】:：]{3,30})\s+(?P<figure>[△▲]?\d[\d,.]*[^\s\d][^\s]{0,8})$"
_NEXT = re.compile(rf"^(?:[^\s\d]\s+)?{_PAIR}")


@cache
def _first() -> re.Pattern[str]:
    words = [w for w in header_words().words("target") if len(w) >= 2]
    return re.compile(rf"(?:^|\s)(?:{words_pattern(words)})\s+{_PAIR}")


def _figure(text: str) -> bool:
    q = parse_quantity(text)
    return q.kind == "number" and bool(q.unit) and parse_year(text) is None


def stated_targets(lines: list[Line], rows: list[IndicatorRow]) -> list[IndicatorRow]:
    """Set the targets a sheet states in its text on ``rows``; the indicators no row holds, new."""
    by_key = {_key(r.name): r for r in rows}
    out: list[IndicatorRow] = []
    i = 0
    while i < len(lines):
        m = _first().search(lines[i].key)
        if m is None or not _figure(m.group("figure")):
            i += 1
            continue
        found = [(m, lines[i])]
        j = i + 1
        while j < len(lines) and (n := _NEXT.match(lines[j].key)) is not None and _figure(n.group("figure")):
            found.append((n, lines[j]))
            j += 1
        for match, line in found:
            name, figure = fold(match.group("name")), match.group("figure")
            row = by_key.get(_key(name))
            if row is None:
                row = IndicatorRow(name="", origin=origin_of(line))
                set_name(name, row)
                if not row.name or _key(row.name) in by_key:
                    continue
                by_key[_key(row.name)] = row
                out.append(row)
            row.target, row.target_year = None, None
            put_value(row, "target", None, figure, origin=origin_of(line))
            infer(row)
        i = j
    return out
