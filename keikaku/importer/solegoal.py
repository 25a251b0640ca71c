"""An interim goal that is the only goal of its row is the row's target.

A plan's progress table may print the state at the start and one goal for the plan's middle year
(現況 | the middle year's 目標, 策定時 | 中間目標) and no final column: the middle year's figure is then the
only figure the row is measured against, so it is the target (with its year). A row that also has
a target, actuals, or several interim goals keeps them as read.
"""

from __future__ import annotations

from dataclasses import replace

from keikaku.importer.tables import IndicatorRow


def sole_goal(row: IndicatorRow) -> IndicatorRow:
    """``row`` with its one interim goal as the target, when it has no target, no actual and
    exactly one interim goal; otherwise ``row`` itself."""
    if row.target is not None or row.target_year is not None or row.actuals or len(row.interim) != 1:
        return row
    (quantity, year), = row.interim
    origins = dict(row.origins)
    if "interim:0" in origins:
        origins["target"] = origins.pop("interim:0")
    return replace(row, target=quantity, target_year=year, interim=[], origins=origins)
