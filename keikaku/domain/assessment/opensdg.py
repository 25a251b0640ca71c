"""The Open SDG progress measure (Statistics Canada's method, as sdg-build implements it), vectorised.

With a numeric target (sdg-build's "method 2"): the target is achieved once the latest value
reaches it; otherwise R = d × CAGR_observed / |CAGR_required|, with
CAGR(a→b) = (y_b / y_a)^(1 / (t_b − t_a)) − 1 and d = +1 for increase, −1 for decrease
(and a further −1 when the base value is negative, as sdg-build does). Thresholds 0.95 / 0.6 / 0;
score min(7.1429 R − 4.2857, 5) for R ≥ 0.6, else max(4.1667 R − 2.5, −5); 5 when achieved.

Without a numeric target ("method 1"): R is the signed observed growth d × CAGR_observed, against
thresholds 1.5 % / 0.5 % / 0 scaled by a coefficient when a limit is set. A zero base or target
becomes 0.001. There is no result with fewer than two points, for base and current values of
opposite signs, or for 維持 and qualitative indicators (the method has no direction for them).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from keikaku.domain.assessment.formulas import DECREASE, INCREASE

CAGR_STATUSES = ("target_achieved", "substantial", "moderate", "limited", "deterioration")
TARGET_ACHIEVED, SUBSTANTIAL, MODERATE, LIMITED, DETERIORATION = 0, 1, 2, 3, 4
NO_RESULT = -1

HIGH, MED, LOW = 0.95, 0.6, 0.0  # quantitative thresholds on R
GROWTH_HIGH, GROWTH_MED = 0.015, 0.005  # no-target thresholds on the observed growth rate
LIMIT_EXPONENT = 4.44
ZERO_STANDIN = 0.001


@dataclass(frozen=True)
class OpenSdgArrays:
    """Per indicator-year results; ``status`` is an index into CAGR_STATUSES or -1 (no result)."""

    ratio: np.ndarray
    score: np.ndarray
    status: np.ndarray
    zero_base: np.ndarray  # the base value 0 was replaced by 0.001
    zero_target: np.ndarray  # the target 0 was replaced by 0.001
    opposite_signs: np.ndarray  # base and current value have opposite signs: no result


def cagr(start: np.ndarray, end: np.ndarray, start_year: np.ndarray, end_year: np.ndarray) -> np.ndarray:
    """Compound annual growth rate (end / start)^(1 / (end_year − start_year)) − 1; NaN if undefined."""
    years = np.asarray(end_year, dtype=np.float64) - start_year
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.asarray(end, dtype=np.float64) / start
        ok = (years > 0) & (ratio >= 0)
        return np.where(ok, np.power(np.where(ok, ratio, 1.0), 1.0 / np.where(ok, years, 1.0)) - 1.0, np.nan)


def zero_standin(value: np.ndarray) -> np.ndarray:
    """0 becomes 0.001 (sdg-build's stand-in, so a growth rate can be taken)."""
    return np.where(value == 0, ZERO_STANDIN, value)


def limit_coefficient(base: np.ndarray, limit: np.ndarray) -> np.ndarray:
    """sdg-build's threshold reduction near a limit: 1 without a limit or far from it, falling to 0 at it."""
    b, lim = np.abs(base), np.abs(limit)
    with np.errstate(divide="ignore", invalid="ignore"):
        near = np.where(b <= lim, 1 - (b / lim) ** LIMIT_EXPONENT, 1 - ((2 * lim - b) / lim) ** LIMIT_EXPONENT)
    return np.where(np.isnan(lim) | (b >= 2 * lim), 1.0, near)


def required_growth(base: np.ndarray, base_year: np.ndarray, target: np.ndarray, target_year: np.ndarray) -> np.ndarray:
    """|CAGR_required| from the base point to the target (zeros replaced); NaN when 0 or undefined."""
    required = np.abs(cagr(zero_standin(base), zero_standin(target), base_year, target_year))
    return np.where(required > 0, required, np.nan)


def open_sdg(direction: np.ndarray, current: np.ndarray, current_year: np.ndarray, base: np.ndarray,
             base_year: np.ndarray, target: np.ndarray, target_year: np.ndarray,
             limit: np.ndarray | float = np.nan, *, required: np.ndarray | None = None) -> OpenSdgArrays:
    """The Open SDG measure of each indicator-year (all arguments broadcast to one length).

    ``base``/``base_year`` is the base point (the baseline, or the first observation); ``current``
    the latest observation up to the assessed year. ``required`` may pass |CAGR_required|
    precomputed per indicator (``required_growth``) to save work in bulk.
    """
    current = np.asarray(current, dtype=np.float64)
    d = np.where(direction == INCREASE, 1.0, np.where(direction == DECREASE, -1.0, np.nan))
    has_target = ~np.isnan(target)
    tgt = zero_standin(target)
    b = zero_standin(base)
    sign = np.where(b < 0, -1.0, 1.0)
    with np.errstate(invalid="ignore"):
        opposite = ((b > 0) & (current < 0)) | ((b < 0) & (current > 0))
        observed = cagr(b, current, base_year, current_year)
        observed = np.where(opposite, np.nan, observed)
        if required is None:
            required = required_growth(base, base_year, target, target_year)
        achieved = has_target & (((d > 0) & (current >= tgt)) | ((d < 0) & (current <= tgt)))
        growth = sign * d * observed
        r = np.where(has_target, growth / required, growth)
        # method 2: with a numeric target
        score2 = np.where(r >= MED, np.minimum(7.1429 * r - 4.2857, 5.0), np.maximum(4.1667 * r - 2.5, -5.0))
        status2 = np.where(r >= HIGH, SUBSTANTIAL, np.where(r >= MED, MODERATE, np.where(r >= LOW, LIMITED, DETERIORATION)))
        # method 1: growth thresholds, reduced near a limit
        coeff = limit_coefficient(b, np.asarray(limit, dtype=np.float64))
        c = np.where(coeff == 0, 1.0, coeff)
        score1 = np.where(
            r < 0, np.maximum(125 * r - 2.5, -5.0),
            np.where(coeff == 0, 5.0,
                     np.where(r >= GROWTH_HIGH * coeff, np.minimum(500 * r / c - 5, 5.0),
                              np.where(r >= GROWTH_MED * coeff, 250 * r / c - 1.25, 500 * r / c - 2.5))))
        status1 = np.where(r >= GROWTH_HIGH * coeff, SUBSTANTIAL,
                           np.where(r >= GROWTH_MED * coeff, MODERATE, np.where(r >= 0, LIMITED, DETERIORATION)))
        known = ~np.isnan(r)
        score = np.where(achieved, 5.0, np.where(known, np.where(has_target, score2, score1), np.nan))
        status = np.where(achieved, TARGET_ACHIEVED,
                          np.where(known, np.where(has_target, status2, status1), NO_RESULT)).astype(np.int8)
    return OpenSdgArrays(
        ratio=r, score=score, status=status,
        zero_base=(base == 0) & ~np.isnan(d), zero_target=(target == 0) & ~np.isnan(d),
        opposite_signs=opposite & ~np.isnan(d),
    )
