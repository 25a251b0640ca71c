"""A note under a table of years saying which year's figures are the baseline.

A table whose columns are years (2019 2020 2021 2022 目標) prints no baseline column; a note
under it says which year serves (``※ 2019年度の値を計画策定時の基準値とする。``). A line that
names a year, then ``の値を`` (or 数値, 実績) and, before とする, words the lexicon gives the
baseline role, gives each row read from the lines above it (up to ``MAX_ABOVE``, back to the
previous such note) that has no baseline and an actual of that year that figure as its baseline,
in place of the actual.
"""

from __future__ import annotations

import re

from keikaku.importer.lexicon import header_words
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow
from keikaku.importer.values import parse_year_in

MAX_ABOVE = 40  # lines between a table's rows and its note
_NOTE = re.compile(r"^[※*＊注\s]*(?P<year>.{2,12}?)の(?:値|数値|実績値?)を(?P<word>[^。、]{1,16}?)と(?:する|します|している|した)")


def _noted_year(line: Line) -> int | None:
    m = _NOTE.match(line.text)
    if m is None or header_words().role_of(m["word"]) != "baseline":
        return None
    rest, year = parse_year_in(m["year"])
    return year if not rest.strip() else None


def noted_baselines(lines: list[Line], rows: list[IndicatorRow]) -> None:
    """Give rows above a note naming the baseline's year their actual of that year as baseline."""
    at = {origin_of(line): k for k, line in enumerate(lines)}
    floor = 0
    for k, line in enumerate(lines):
        year = _noted_year(line)
        if year is None:
            continue
        for row in rows:
            where = at.get(row.origin or "")
            if where is None or not (max(floor, k - MAX_ABOVE) <= where < k) or row.baseline is not None:
                continue
            hit = next((q for y, q, _ in row.actuals if y == year), None)
            if hit is not None:  # the year's figure is the baseline, no longer an actual
                row.baseline, row.baseline_year = hit, year
                row.actuals = [a for a in row.actuals if a[0] != year]
                if f"actual:{year}" in row.origins:
                    row.origins["baseline"] = row.origins.pop(f"actual:{year}")
        floor = k
