"""Shares of citizens from a survey (市民意識調査): how far a sample's figure may be from the truth.

A survey indicator is a percentage measured on a sample. Its confidence interval comes from the
normal approximation for a proportion (docs/assessment.md#survey-indicators):

- the standard error of a share ``p`` (in points, 0–100) from ``n`` answers is √(p (100 − p) / n);
  a margin of error printed instead of the sample size (± m points at the survey's confidence
  level) gives it as m ÷ z;
- ``z`` is the standard normal quantile of (1 + confidence) ÷ 2 (``statistics.NormalDist``:
  1.9599639845400536 at 0.95);
- the share's interval is p ± z·SE, kept within 0–100;
- the change between two independent samples, d = p₂ − p₁, has the interval d ± z·√(SE₁² + SE₂²);
- the change is an ``increase`` when that interval lies wholly above 0, a ``decrease`` when it lies
  wholly below 0, and otherwise ``no_significant_change`` (有意な変化なし).

Arithmetic is in ``Decimal`` at 28 significant digits (figures enter through their shortest
decimal form, ``Decimal(repr(x))``; the square root is correctly rounded); the decision uses the
unrounded interval, and published bounds are rounded half-up (四捨五入) to one decimal place.
Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from statistics import NormalDist

from keikaku.domain.errors import KeikakuError

INCREASE, DECREASE, NO_SIGNIFICANT_CHANGE = "increase", "decrease", "no_significant_change"
SIGNIFICANCES = (INCREASE, DECREASE, NO_SIGNIFICANT_CHANGE)
DEFAULT_CONFIDENCE = 0.95
DIGITS = 1  # published bounds: points with one decimal, as survey shares are printed
MAX_SAMPLE_SIZE = 100_000_000  # more answers than any city has citizens
PRECISION = 28
_HUNDRED = Decimal(100)


class SurveyError(KeikakuError, ValueError):
    """A survey figure that cannot be used: ``code`` names the rule broken (``sample_size``,
    ``share``, ``confidence``, ``margin``, ``no_sample``), ``values`` what was given."""

    def __init__(self, code: str, message: str, **values: object):
        self.code = code
        self.values = values
        super().__init__(message)


def _decimal(value: object, what: str, code: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        raise SurveyError(code, f"{what} must be a number, not {value!r}", value=value)
    number = value if isinstance(value, Decimal) else Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite():
        raise SurveyError(code, f"{what} must be a finite number, not {value!r}", value=value)
    return number


def check_confidence(confidence: object) -> Decimal:
    """The confidence level as a Decimal; SurveyError ``confidence`` unless it lies strictly between 0 and 1."""
    level = _decimal(confidence, "the confidence level", "confidence")
    if not 0 < level < 1:
        raise SurveyError("confidence", f"the confidence level must lie strictly between 0 and 1, not {confidence}",
                          value=confidence)
    return level


def z_value(confidence: object) -> Decimal:
    """The two-sided standard normal quantile of ``confidence``: 1.9599639845400536 at 0.95."""
    level = check_confidence(confidence)
    return Decimal(repr(NormalDist().inv_cdf(float((1 + level) / 2))))


@dataclass(frozen=True)
class SurveyShare:
    """A share in points (0–100) with its sample size, or the margin of error printed for it
    (± points at the survey's confidence level). Build it with ``survey_share``, which checks it."""

    share: Decimal
    sample_size: int | None = None
    margin: Decimal | None = None


def survey_share(share: object, *, sample_size: object = None, margin: object = None) -> SurveyShare:
    """A checked ``SurveyShare``. SurveyError: ``share`` outside 0–100, ``sample_size`` not a whole
    number from 1 to 100,000,000, ``margin`` not above 0 and below 100, ``no_sample`` with neither.
    The sample size wins when both are given."""
    p = _decimal(share, "a share", "share")
    if not 0 <= p <= _HUNDRED:
        raise SurveyError("share", f"a share must lie between 0 and 100 percent, not {share}", value=share)
    n: int | None = None
    if sample_size is not None:
        if isinstance(sample_size, bool) or not isinstance(sample_size, int):
            raise SurveyError("sample_size", f"a sample size must be a whole number, not {sample_size!r}", value=sample_size)
        if not 1 <= sample_size <= MAX_SAMPLE_SIZE:
            raise SurveyError("sample_size", f"a sample size must be from 1 to {MAX_SAMPLE_SIZE:,}, not {sample_size:,}",
                              value=sample_size)
        n = sample_size
    m: Decimal | None = None
    if margin is not None:
        m = _decimal(margin, "a margin of error", "margin")
        if not 0 < m < _HUNDRED:
            raise SurveyError("margin", f"a margin of error must be above 0 and below 100 points, not {margin}", value=margin)
    if n is None and m is None:
        raise SurveyError("no_sample", "a survey share needs its sample size or its margin of error")
    return SurveyShare(p, n, m)


@dataclass(frozen=True)
class Interval:
    """A confidence interval in points, full precision."""

    low: Decimal
    high: Decimal

    def rounded(self, digits: int = DIGITS) -> tuple[float, float]:
        """Both bounds rounded half-up to ``digits`` decimals, as floats for JSON."""
        return round_points(self.low, digits), round_points(self.high, digits)


def round_points(value: Decimal, digits: int = DIGITS) -> float:
    """``value`` rounded half-up (四捨五入) to ``digits`` decimal places."""
    return float(value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))


def standard_error(sample: SurveyShare, confidence: object = DEFAULT_CONFIDENCE) -> Decimal:
    """The standard error of the share in points: √(p (100 − p) / n), else margin ÷ z."""
    with localcontext() as ctx:
        ctx.prec = PRECISION
        if sample.sample_size is not None:
            return (sample.share * (_HUNDRED - sample.share) / sample.sample_size).sqrt()
        assert sample.margin is not None
        return sample.margin / z_value(confidence)


def share_interval(sample: SurveyShare, confidence: object = DEFAULT_CONFIDENCE) -> Interval:
    """p ± z·SE, kept within 0–100 points."""
    z = z_value(confidence)
    with localcontext() as ctx:
        ctx.prec = PRECISION
        half = z * standard_error(sample, confidence)
        return Interval(max(Decimal(0), sample.share - half), min(_HUNDRED, sample.share + half))


def change_interval(before: SurveyShare, after: SurveyShare, confidence: object = DEFAULT_CONFIDENCE) -> Interval:
    """The change p₂ − p₁ between two independent samples: d ± z·√(SE₁² + SE₂²), in points (not clipped)."""
    z = z_value(confidence)
    with localcontext() as ctx:
        ctx.prec = PRECISION
        se1, se2 = standard_error(before, confidence), standard_error(after, confidence)
        half = z * (se1 * se1 + se2 * se2).sqrt()
        change = after.share - before.share
        return Interval(change - half, change + half)


def significance(before: SurveyShare, after: SurveyShare, confidence: object = DEFAULT_CONFIDENCE) -> str:
    """``increase`` or ``decrease`` when the change's interval excludes 0, else ``no_significant_change``."""
    change = change_interval(before, after, confidence)
    if change.low > 0:
        return INCREASE
    if change.high < 0:
        return DECREASE
    return NO_SIGNIFICANT_CHANGE


@dataclass(frozen=True)
class SurveyFigures:
    """What the assessment publishes for a survey indicator's year: the interval of the year's
    share (``ci_low``, ``ci_high``) and, when the baseline has a sample too, the interval of the
    change from the baseline and its significance. Bounds rounded to one decimal; None when unknown."""

    ci_low: float | None = None
    ci_high: float | None = None
    change_low: float | None = None
    change_high: float | None = None
    significance: str | None = None


def survey_figures(*, confidence: object, value: object, sample_size: object = None, margin: object = None,
                   baseline: object = None, baseline_sample_size: object = None,
                   baseline_margin: object = None) -> SurveyFigures:
    """The figures of one year of a survey indicator; empty where a share or its sample is missing
    (or cannot be used: a share outside 0–100 is not a survey share). SurveyError only for a bad
    confidence level, which no year can be assessed with."""
    check_confidence(confidence)
    try:
        year = survey_share(value, sample_size=sample_size, margin=margin) if value is not None else None
    except SurveyError:
        year = None
    if year is None:
        return SurveyFigures()
    low, high = share_interval(year, confidence).rounded()
    try:
        base = survey_share(baseline, sample_size=baseline_sample_size, margin=baseline_margin) if baseline is not None else None
    except SurveyError:
        base = None
    if base is None:
        return SurveyFigures(low, high)
    change = change_interval(base, year, confidence)
    c_low, c_high = change.rounded()
    return SurveyFigures(low, high, c_low, c_high, significance(base, year, confidence))


__all__ = [
    "DEFAULT_CONFIDENCE", "DECREASE", "INCREASE", "NO_SIGNIFICANT_CHANGE", "SIGNIFICANCES", "Interval",
    "SurveyError", "SurveyFigures", "SurveyShare", "change_interval", "check_confidence", "round_points", "share_interval",
    "significance", "standard_error", "survey_figures", "survey_share", "z_value",
]
