"""Assess a plan document: the one adapter from ``PlanDocument`` to the engine's arrays and back."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from keikaku.domain.assessment import audit as au
from keikaku.domain.assessment import formulas as fm
from keikaku.domain.assessment.engine import AssessmentArrays, IndicatorArrays, ObservationArrays, assess_arrays
from keikaku.domain.assessment.opensdg import CAGR_STATUSES
from keikaku.domain.assessment.rollup import Rollup, RollupPolicy, rollups
from keikaku.domain.assessment.rows import AssessmentRow, latest_year, rows_as_of
from keikaku.domain.assessment.scales import Scale, get_scale
from keikaku.domain.planfile import Actual, Indicator, PlanDocument
from keikaku.domain.survey import survey_figures

PERCENT_UNITS = frozenset({"%", "％", "ポイント", "pt", "パーセント"})
MAINTAIN_WORDS = ("維持", "現状維持")


@dataclass(frozen=True)
class PlanAssessment:
    """The assessment of one plan: rows (every actual, or one per indicator as of ``year``) and roll-ups."""

    scale: Scale
    year: int | None  # the fiscal year of the roll-ups (the latest actual year when none was asked)
    policy: RollupPolicy
    rows: tuple[AssessmentRow, ...]
    rollups: tuple[Rollup, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "scale": self.scale.name, "year": self.year,
            "assessments": [r.to_json() for r in self.rows],
            "rollups": [r.to_json() for r in self.rollups],
        }


def _num(value: object) -> float:
    return float(value) if value is not None else np.nan  # type: ignore[arg-type]


def infer_direction(ind: Indicator) -> tuple[int, bool]:
    """The direction code and whether it was inferred (the plan printed none).

    Without a printed direction: a numeric target above the baseline is an increase, below it a
    decrease; a target worded 維持 is maintain; anything else stays unknown (not assessable).
    """
    if ind.direction is not None:
        return fm.DIRECTION_CODES[ind.direction], False
    base = ind.baseline.value if ind.baseline else None
    target = ind.target.value if ind.target else None
    if base is not None and target is not None and base != target:
        return (fm.INCREASE if target > base else fm.DECREASE), True
    words = (ind.target.text or "") if ind.target else ""
    if any(w in words for w in MAINTAIN_WORDS):
        return fm.MAINTAIN, True
    return fm.UNKNOWN, False


def plan_arrays(indicators: Sequence[Indicator]) -> tuple[IndicatorArrays, ObservationArrays]:
    """The engine's columns for a plan's indicators and their actuals (in plan order, then year)."""
    inferred = [infer_direction(i) for i in indicators]
    interim = [(k, t.year, t.value) for k, i in enumerate(indicators) for t in i.interim_targets
               if t.year is not None and t.value is not None]
    arrays = IndicatorArrays(
        direction=np.array([d for d, _ in inferred], dtype=np.int8),
        baseline=[_num(i.baseline.value if i.baseline else None) for i in indicators],
        baseline_year=[_num(i.baseline.year if i.baseline else None) for i in indicators],
        target=[_num(i.target.value if i.target else None) for i in indicators],
        target_year=[_num(i.target.year if i.target else None) for i in indicators],
        points=np.array([(i.unit or "").strip() in PERCENT_UNITS for i in indicators], dtype=bool),
        flags=np.array([au.W_DIRECTION_INFERRED if f else 0 for _, f in inferred], dtype=np.uint8),
        interim_indicator=np.array([k for k, _, _ in interim], dtype=np.int64),
        interim_year=np.array([y for _, y, _ in interim], dtype=np.float64),
        interim_value=np.array([v for _, _, v in interim], dtype=np.float64),
    )
    actuals = [(k, a) for k, i in enumerate(indicators) for a in sorted(i.actuals, key=lambda a: a.year)]
    observations = ObservationArrays(
        indicator=np.array([k for k, _ in actuals], dtype=np.int64),
        year=[a.year for _, a in actuals],
        value=[_num(a.value) for _, a in actuals],
        reported_rate=[_num(a.reported_rate) for _, a in actuals],
    )
    return arrays, observations


def _opt(x: float) -> float | None:
    return None if np.isnan(x) else float(x)


def _survey(ind: Indicator, actual: Actual) -> dict[str, object]:
    """The survey figures of one actual of a survey indicator (none for any other indicator)."""
    if ind.survey is None:
        return {}
    base = ind.baseline
    figures = survey_figures(confidence=ind.survey.confidence, value=actual.value, sample_size=actual.sample_size,
                             margin=actual.margin_of_error, baseline=base.value if base else None,
                             baseline_sample_size=base.sample_size if base else None,
                             baseline_margin=base.margin_of_error if base else None)
    return {"ci_low": figures.ci_low, "ci_high": figures.ci_high, "change_low": figures.change_low,
            "change_high": figures.change_high, "significance": figures.significance}


def _rows(indicators: Sequence[Indicator], directions: np.ndarray, obs: ObservationArrays,
          result: AssessmentArrays) -> list[AssessmentRow]:
    scale = result.scale
    actuals = [a for i in indicators for a in sorted(i.actuals, key=lambda a: a.year)]
    rows: list[AssessmentRow] = []
    for r, actual in enumerate(actuals):
        k = int(obs.indicator[r])
        ind = indicators[k]
        method = int(result.reported_rate_method[r])
        ok = int(result.reported_rate_ok[r])
        status = int(result.status[r])
        cagr_status = int(result.cagr_status[r])
        rows.append(AssessmentRow(
            index=k, node=ind.node, name=ind.name, unit=ind.unit, direction=fm.DIRECTION_NAMES[int(directions[k])],
            year=actual.year, value=actual.value,
            progress_rate=_opt(result.progress_rate[r]), achievement_rate=_opt(result.achievement_rate[r]),
            expected_progress=_opt(result.expected_progress[r]),
            status=scale.statuses[status], grade=scale.grades[status],
            cagr_ratio=_opt(result.cagr_ratio[r]), cagr_score=_opt(result.cagr_score[r]),
            cagr_status=CAGR_STATUSES[cagr_status] if cagr_status >= 0 else None,
            reported_rate=actual.reported_rate,
            reported_rate_method=au.METHODS[method - 1] if method else None,
            reported_rate_ok=None if ok < 0 else bool(ok),
            warnings=au.warning_codes(int(result.warnings[r])),
            **_survey(ind, actual),  # type: ignore[arg-type]
        ))
    return rows


def assess_indicators(indicators: Sequence[Indicator], *, scale: str | Scale | None = None) -> list[AssessmentRow]:
    """A row per indicator and actual year, in plan order; an indicator without actuals gets one
    row without a year: ``qualitative`` for a worded indicator, else ``no_data``."""
    arrays, obs = plan_arrays(indicators)
    result = assess_arrays(arrays, obs, scale=scale)
    rows = _rows(indicators, arrays.direction, obs, result)
    have = {r.index for r in rows}
    for k, ind in enumerate(indicators):
        if k not in have:
            rows.append(AssessmentRow(
                index=k, node=ind.node, name=ind.name, unit=ind.unit,
                direction=fm.DIRECTION_NAMES[int(arrays.direction[k])], year=None, value=None,
                progress_rate=None, achievement_rate=None, expected_progress=None,
                status="qualitative" if int(arrays.direction[k]) == fm.QUALITATIVE else "no_data", grade=None,
                cagr_ratio=None, cagr_score=None, cagr_status=None, reported_rate=None, reported_rate_method=None,
                reported_rate_ok=None,
            ))
    rows.sort(key=lambda r: (r.index, r.year if r.year is not None else -1))
    return rows


def assess_plan(doc: PlanDocument, *, scale: str | Scale | None = None, year: int | None = None,
                policy: RollupPolicy | None = None) -> PlanAssessment:
    """Assess every indicator of a plan, and roll the results up.

    Without ``year``: a row per indicator and actual year, roll-ups as of the latest actual year.
    With ``year``: one row per indicator as of that fiscal year (its latest actual up to it), and
    the roll-ups of those rows.
    """
    sc = get_scale(scale)
    pol = policy or RollupPolicy()
    rows = assess_indicators(doc.indicators, scale=sc)
    as_of = year if year is not None else latest_year(rows)
    current = rows_as_of(rows, as_of) if as_of is not None else [r for r in rows if r.year is None]
    published = current if year is not None else rows
    ups = rollups(title=doc.title, nodes=doc.nodes, rows=current, year=as_of, policy=pol, scale=sc)
    return PlanAssessment(scale=sc, year=as_of, policy=pol, rows=tuple(published), rollups=tuple(ups))
