"""One assessment row: the figures of one indicator in one fiscal year, as published."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from keikaku.domain.assessment.formulas import round_half_up

RATE_DIGITS = 1  # progress, achievement, expected progress (percent)
CAGR_RATIO_DIGITS = 3
CAGR_SCORE_DIGITS = 2

ROW_KEYS = (
    "node", "name", "unit", "year", "value", "progress_rate", "achievement_rate", "expected_progress", "status",
    "grade", "cagr_ratio", "cagr_score", "cagr_status", "reported_rate", "reported_rate_method", "reported_rate_ok",
    "warnings", "ci_low", "ci_high", "significance",
)


@dataclass(frozen=True)
class AssessmentRow:
    """Figures in full precision; ``to_json`` rounds them for publication.

    ``index`` is the indicator's position in the plan and ``direction`` its (possibly inferred)
    direction; neither is published in the row. ``year`` and ``value`` are None for an indicator
    without actuals (status ``no_data``).
    """

    index: int
    node: str | None
    name: str
    unit: str | None
    direction: str | None
    year: int | None
    value: float | int | None
    progress_rate: float | None
    achievement_rate: float | None
    expected_progress: float | None
    status: str
    grade: str | None
    cagr_ratio: float | None
    cagr_score: float | None
    cagr_status: str | None
    reported_rate: float | int | None
    reported_rate_method: str | None
    reported_rate_ok: bool | None
    warnings: tuple[str, ...] = ()
    # A survey indicator (domain/survey.py): the year's share's confidence interval in points, the
    # interval of the change from the baseline, and whether that change is significant. None otherwise.
    ci_low: float | None = None
    ci_high: float | None = None
    change_low: float | None = None
    change_high: float | None = None
    significance: str | None = None

    def to_json(self) -> dict[str, object]:
        """Exactly ROW_KEYS; rates rounded half-up to 1 decimal, the Open SDG ratio to 3, its score to 2
        (survey bounds are rounded already, to 1 decimal)."""
        return {
            "node": self.node,
            "name": self.name,
            "unit": self.unit,
            "year": self.year,
            "value": self.value,
            "progress_rate": round_half_up(self.progress_rate, RATE_DIGITS),
            "achievement_rate": round_half_up(self.achievement_rate, RATE_DIGITS),
            "expected_progress": round_half_up(self.expected_progress, RATE_DIGITS),
            "status": self.status,
            "grade": self.grade,
            "cagr_ratio": round_half_up(self.cagr_ratio, CAGR_RATIO_DIGITS),
            "cagr_score": round_half_up(self.cagr_score, CAGR_SCORE_DIGITS),
            "cagr_status": self.cagr_status,
            "reported_rate": self.reported_rate,
            "reported_rate_method": self.reported_rate_method,
            "reported_rate_ok": self.reported_rate_ok,
            "warnings": list(self.warnings),
            "ci_low": self.ci_low,
            "ci_high": self.ci_high,
            "significance": self.significance,
        }


def rows_as_of(rows: Iterable[AssessmentRow], year: int) -> list[AssessmentRow]:
    """One row per indicator as of fiscal year ``year``: its latest row up to that year that has a
    figure (any status but ``no_data``), else its latest row up to that year, else a ``no_data``
    row without a year. Indicators keep their plan order."""
    by_indicator: dict[int, list[AssessmentRow]] = {}
    for row in rows:
        by_indicator.setdefault(row.index, []).append(row)
    out: list[AssessmentRow] = []
    for index in sorted(by_indicator):
        mine = [r for r in by_indicator[index] if r.year is not None and r.year <= year]
        mine.sort(key=lambda r: r.year or 0)
        with_data = [r for r in mine if r.status != "no_data"]
        if with_data:
            out.append(with_data[-1])
        elif mine:
            out.append(mine[-1])
        else:
            out.append(empty_row(by_indicator[index][0]))
    return out


def empty_row(like: AssessmentRow) -> AssessmentRow:
    """The row of an indicator with no actual to assess: ``qualitative`` for a worded indicator, else ``no_data``."""
    return AssessmentRow(
        index=like.index, node=like.node, name=like.name, unit=like.unit, direction=like.direction, year=None,
        value=None, progress_rate=None, achievement_rate=None, expected_progress=None,
        status="qualitative" if like.direction == "qualitative" else "no_data", grade=None,
        cagr_ratio=None, cagr_score=None, cagr_status=None, reported_rate=None, reported_rate_method=None,
        reported_rate_ok=None, warnings=(),
    )


def latest_year(rows: Sequence[AssessmentRow]) -> int | None:
    years = [r.year for r in rows if r.year is not None]
    return max(years) if years else None
