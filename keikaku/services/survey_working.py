"""The working of a survey indicator's intervals as the indicator page prints it beside the result
(docs/assessment.md#survey-indicators): the numbers put into p ± z × √(p (100 − p) ÷ n) and into
d ± z × √(SE₁² + SE₂²), so that a reader can redo the sum.

z, the standard errors and the half-widths are shown with two decimals (rounded half-up); the
published bounds come from the unrounded figures (domain/survey.py), so the working explains
them without being their source.
"""

from __future__ import annotations

from dataclasses import dataclass

from keikaku.domain.survey import (
    SurveyError, SurveyShare, change_interval, round_points, standard_error, survey_figures, survey_share, z_value,
)
from keikaku.services.formatting import number

SHOWN = 2  # decimals of z, a standard error and a half-width in the working


@dataclass(frozen=True)
class SampleFigure:
    """A share with its sample as the plan file gives it: an actual's or the baseline's."""

    value: float | int | None
    sample_size: int | None = None
    margin_of_error: float | None = None


def _share(figure: SampleFigure | None) -> SurveyShare | None:
    if figure is None or figure.value is None:
        return None
    try:
        return survey_share(figure.value, sample_size=figure.sample_size, margin=figure.margin_of_error)
    except SurveyError:
        return None


def _two(value: object) -> str:
    return number(round_points(value, SHOWN), SHOWN)  # type: ignore[arg-type]


def share_working(confidence: float, figure: SampleFigure | None) -> str | None:
    """``47.5 ± 1.96 × √(47.5 × (100 − 47.5) ÷ 1,036) = 47.5 ± 3.04``; with a printed margin of
    error, ``40.4 ± 2.9``; None without a usable share and sample."""
    share = _share(figure)
    if share is None:
        return None
    p = number(float(share.share))
    if share.sample_size is None:
        return f"{p} ± {number(float(share.margin))}"  # type: ignore[arg-type]
    z = z_value(confidence)
    half = z * standard_error(share, confidence)
    return f"{p} ± {_two(z)} × √({p} × (100 − {p}) ÷ {number(share.sample_size)}) = {p} ± {_two(half)}"


def change_working(confidence: float, baseline: SampleFigure | None, figure: SampleFigure | None) -> str | None:
    """``2.9 ± 1.96 × √(1.45² + 1.55²) = 2.9 ± 4.16``: the change from the baseline (the year's
    share minus the baseline's) with both standard errors; None unless both have a usable sample."""
    before, after = _share(baseline), _share(figure)
    if before is None or after is None:
        return None
    z = z_value(confidence)
    interval = change_interval(before, after, confidence)
    change = after.share - before.share
    half = (interval.high - interval.low) / 2
    return (f"{number(float(change))} ± {_two(z)} × √({_two(standard_error(before, confidence))}² + "
            f"{_two(standard_error(after, confidence))}²) = {number(float(change))} ± {_two(half)}")


def baseline_interval(confidence: float, baseline: SampleFigure | None) -> tuple[float, float] | None:
    """The baseline's own confidence interval, rounded as every published bound (49.6, 55.2), or
    None when the baseline has no share or no sample: every year's significance is judged against it."""
    if baseline is None or baseline.value is None:
        return None
    figures = survey_figures(confidence=confidence, value=baseline.value, sample_size=baseline.sample_size,
                             margin=baseline.margin_of_error)
    if figures.ci_low is None or figures.ci_high is None:
        return None
    return figures.ci_low, figures.ci_high


def sample_of(value: object) -> SampleFigure | None:
    """A plan file's ``Value`` or ``Actual`` (or a page's view of one) as a ``SampleFigure``."""
    if value is None:
        return None
    return SampleFigure(getattr(value, "value", None), getattr(value, "sample_size", None),
                        getattr(value, "margin_of_error", None))
