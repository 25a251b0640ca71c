"""A row of yearly targets named only by a target word, over the row of the counts it aims at.

A progress table under a line of years may print the plan and the result as two rows, the first
named by a target word alone (``目標数``, ``目標``: role ``target`` in ``lexicon/headers.toml``), the
second by the indicator (``保育定員``), each with a figure per year:

    令和元年 令和2年 … 令和5年
    目標数 1,200人 1,260人 … 1,450人
    保育定員 1,200人 1,240人 … 1,420人

Read as year columns, both rows come out as actuals. The target row is no indicator: its last
year's figure is the named row's target, of that year; where both rows print the same figure in
their first year, that year is the base both are counted from, the named row's baseline. The
named row is the first row after the target row (or, when none follows, the last before it) with
figures in at least three of the same years and the same unit.
"""

from __future__ import annotations

from keikaku.importer.lexicon import header_words
from keikaku.importer.tables import IndicatorRow, infer

MIN_YEARS = 3


def _series(row: IndicatorRow) -> dict[int, tuple[float, str | None]]:
    return {y: (float(q.value), q.unit) for y, q, _ in row.actuals if q.kind == "number" and q.value is not None}


def _partner(rows: list[IndicatorRow], k: int, years: set[int], unit: str | None) -> IndicatorRow | None:
    after, before = rows[k + 1:], rows[:k][::-1]
    for row in after + before:
        if not row.name or header_words().role_of(row.name) is not None or row.target is not None:
            continue
        series = _series(row)
        shared = years & set(series)
        if len(shared) >= MIN_YEARS and all(series[y][1] == unit for y in shared):
            return row
    return None


def with_target_rows(rows: list[IndicatorRow]) -> list[IndicatorRow]:
    """``rows`` with each row of yearly targets named by a target word given to the row it aims at
    (see the module's doc), and left out."""
    out = list(rows)
    for k, row in enumerate(rows):
        if not row.name or header_words().role_of(row.name) != "target" or len(row.name) > 6:
            continue
        series = _series(row)
        units = {u for _, u in series.values()}
        if len(series) < MIN_YEARS or len(units) != 1:
            continue
        partner = _partner(rows, k, set(series), units.pop())
        if partner is None:
            continue
        last = max(series)
        partner.target = next(q for y, q, _ in row.actuals if y == last)
        partner.target_year = last
        partner.origins["target"] = row.origin or ""
        first = min(series)
        own = _series(partner)
        if partner.baseline is None and first in own and own[first][0] == series[first][0]:
            partner.baseline = next(q for y, q, _ in partner.actuals if y == first)
            partner.baseline_year = first
            partner.origins["baseline"] = partner.origins.get(f"actual:{first}", partner.origin or "")
        infer(partner)
        out.remove(row)
    return out
