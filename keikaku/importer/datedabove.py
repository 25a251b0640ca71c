"""The latest figure printed above a row's dated baseline and target: ``58.2(令和4年)`` over
``100(平成30年) 80(令和5年)``.

An indicator page (a chart's figures, a definition) prints the indicator's baseline and target each
with its year on one line, and the latest figure, dated, alone on the line right above it. A row
another reading found with that baseline and target and no actuals takes that figure as its actual
of its year, when the year is after the baseline's and not after the target's and the unit is the
row's. A line above holding more than one figure, a year outside that span or another unit gives
nothing.
"""

from __future__ import annotations

import re

from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow
from keikaku.importer.values import Quantity, parse_quantity, parse_year_in

_DATED = r"[^\s()（）]+[(（][^()（）]*\d[^()（）]*[)）]"
_PAIR = re.compile(rf"^({_DATED})\s+({_DATED})$")
_ONE = re.compile(rf"^{_DATED}$")


def _dated(cell: str) -> tuple[Quantity, int | None]:
    text, year = parse_year_in(cell)
    return parse_quantity(text), year


def _same(q: Quantity, other: Quantity | None) -> bool:
    return other is not None and q.kind == "number" and q.value == other.value


def dated_above_actuals(lines: list[Line], rows: list[IndicatorRow]) -> None:
    """Give ``rows`` without actuals the dated figure printed above their baseline and target line."""
    waiting = [r for r in rows if not r.actuals and r.baseline_year is not None and r.target_year is not None
               and r.baseline is not None and r.target is not None]
    if not waiting:
        return
    for k, line in enumerate(lines[1:], start=1):
        m = _PAIR.match(line.key)
        if m is None or not _ONE.match(lines[k - 1].key):
            continue
        (base, base_year), (target, target_year) = _dated(m.group(1)), _dated(m.group(2))
        row = next((r for r in waiting if _same(base, r.baseline) and _same(target, r.target)
                    and (base_year, target_year) == (r.baseline_year, r.target_year)), None)
        if row is None:
            continue
        actual, year = _dated(lines[k - 1].key)
        if actual.kind != "number" or year is None or not row.baseline_year < year <= row.target_year:
            continue
        if (actual.unit or None) != (row.unit or target.unit or None):
            continue
        row.actuals.append((year, actual, None))
        row.origins[f"actual:{year}"] = origin_of(lines[k - 1])
        waiting.remove(row)
