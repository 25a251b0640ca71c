"""Value heads printed one per line before any of their figures, the figures after them in one run.

Plain ``pdftotext`` prints a sheet's header row cell by cell (基準値 / 実績値 / 実績値 / 目標値), maybe
the row of years under it on one line (``（令和1年度） （令和2年度） …``), and then the body's
figures, one cell per line or several to a line. Nothing in the run tells where a row ends but
the counts: as many figures as the names times the heads. Whether the run goes row after row or
column after column is told by the figures themselves: an indicator's figures share their unit
and their size, so the order whose rows hold the more alike figures is the one printed (rows
first when both are alike, as a sheet is drawn).
"""

from __future__ import annotations

import math

from keikaku.importer.values import parse_quantity, parse_year_in

Spread = tuple[list[int | None], list[list[int]]]  # a year per head, and per head the figures' places


def years_line(text: str, heads: int) -> list[int] | None:
    """The years of a line printing one year for each of ``heads`` heads (``（令和1年度） （令和2年度）``)."""
    pieces = text.split()
    if len(pieces) != heads:
        return None
    years = []
    for piece in pieces:
        rest, year = parse_year_in(piece)
        if year is None or rest.strip("()（）[]【】 "):
            return None
        years.append(year)
    return years


def spread(figures: list[str], rows: int, heads: int) -> list[list[int]] | None:
    """For each head, the places in ``figures`` of its rows' figures (None when they do not count up
    to ``rows`` times ``heads``)."""
    if rows < 1 or heads < 2 or len(figures) < rows * heads:
        return None
    across = [[r * heads + h for r in range(rows)] for h in range(heads)]
    down = [[h * rows + r for r in range(rows)] for h in range(heads)]
    return down if _unlikeness(figures, down, rows) < _unlikeness(figures, across, rows) else across


def _unlikeness(figures: list[str], columns: list[list[int]], rows: int) -> float:
    """How unlike the figures of each row are: their spread in size, and a unit changing within a row."""
    total = 0.0
    for r in range(rows):
        quantities = [parse_quantity(figures[column[r]]) for column in columns]
        sizes = [math.log10(abs(q.value) + 1) for q in quantities if q.value is not None]
        units = {q.unit for q in quantities if q.value is not None}
        total += (max(sizes) - min(sizes) if sizes else 0.0) + 2.0 * (len(units) - 1 if units else 0)
    return total
