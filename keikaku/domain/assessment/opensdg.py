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


@dataclass(frozen=True)
class OpenSdgParams:
    """Per-indicator quantities of the measure, computed once (``params``) and gathered per row."""

    sense: np.ndarray  # d: +1 increase, −1 decrease, NaN otherwise (no result)
    base: np.ndarray  # base value, 0 replaced by 0.001
    base_year: np.ndarray
    factor: np.ndarray  # R = factor × CAGR_observed: sign × d / |CAGR_required|, or sign × d without a target
    target: np.ndarray  # 0 replaced by 0.001; NaN without a numeric target
    growth_method: np.ndarray  # bool: no numeric target (thresholds on the growth rate)
    coeff: np.ndarray  # limit coefficient of the growth thresholds (1 without a limit)
    zero_base: np.ndarray
    zero_target: np.ndarray


def params(direction: np.ndarray, base: np.ndarray, base_year: np.ndarray, target: np.ndarray,
           target_year: np.ndarray, limit: np.ndarray | float = np.nan) -> OpenSdgParams:
    """The per-indicator part of the measure (all arguments broadcast to the number of indicators)."""
    direction = np.asarray(direction)
    sense = np.where(direction == INCREASE, 1.0, np.where(direction == DECREASE, -1.0, np.nan))
    b = zero_standin(np.asarray(base, dtype=np.float64))
    has_target = ~np.isnan(target)
    sign = np.where(b < 0, -1.0, 1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        required = required_growth(base, base_year, target, target_year)
        factor = np.where(has_target, sign * sense / required, sign * sense)
    return OpenSdgParams(
        sense=sense, base=b, base_year=np.asarray(base_year, dtype=np.float64), factor=factor,
        target=zero_standin(np.asarray(target, dtype=np.float64)), growth_method=~has_target & ~np.isnan(sense),
        coeff=limit_coefficient(b, np.broadcast_to(np.asarray(limit, dtype=np.float64), b.shape)),
        zero_base=(np.asarray(base) == 0) & ~np.isnan(sense), zero_target=(np.asarray(target) == 0) & ~np.isnan(sense),
    )


def target_method_score(r: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Score and status of R with a numeric target (sdg-build's method 2), target not yet achieved."""
    r = np.asarray(r, dtype=np.float64)
    with np.errstate(invalid="ignore"):
        score = np.where(r >= MED, np.minimum(7.1429 * r - 4.2857, 5.0), np.maximum(4.1667 * r - 2.5, -5.0))
        status = DETERIORATION - (r >= LOW) - (r >= MED) - (r >= HIGH)
    return score, status.astype(np.int8)


def growth_method_score(r: np.ndarray, coeff: np.ndarray | float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """Score and status of the observed growth rate without a target (sdg-build's method 1)."""
    r = np.asarray(r, dtype=np.float64)
    coeff = np.broadcast_to(np.asarray(coeff, dtype=np.float64), r.shape)
    c = np.where(coeff == 0, 1.0, coeff)
    high, med = GROWTH_HIGH * coeff, GROWTH_MED * coeff
    with np.errstate(over="ignore", invalid="ignore"):
        score = np.where(
            r < 0, np.maximum(125 * r - 2.5, -5.0),
            np.where(coeff == 0, 5.0,
                     np.where(r >= high, np.minimum(500 * r / c - 5, 5.0),
                              np.where(r >= med, 250 * r / c - 1.25, 500 * r / c - 2.5))))
    with np.errstate(invalid="ignore"):
        status = DETERIORATION - (r >= 0) - (r >= med) - (r >= high)
    return score, status.astype(np.int8)


def measure(p: OpenSdgParams, current: np.ndarray, current_year: np.ndarray) -> OpenSdgArrays:
    """The measure of each row, ``p`` holding each row's (gathered) indicator parameters."""
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        years = current_year - p.base_year
        q = current / p.base
        ok = (q >= 0) & (years > 0)  # a negative quotient: base and current of opposite signs
        r = np.where(ok, (np.power(q, 1.0 / years) - 1.0) * p.factor, np.nan)
        achieved = (current - p.target) * p.sense >= 0  # False for NaN (no target, no value)
        score, status = target_method_score(r)
        growth = np.flatnonzero(p.growth_method)
        if len(growth):
            score[growth], status[growth] = growth_method_score(r[growth], p.coeff[growth])
        known = ~np.isnan(r)
        score = np.where(achieved, 5.0, np.where(known, score, np.nan))
        status = np.where(achieved, np.int8(TARGET_ACHIEVED), np.where(known, status, np.int8(NO_RESULT))).astype(np.int8)
        opposite = (q < 0) & ~np.isnan(p.sense)
    return OpenSdgArrays(ratio=r, score=score, status=status, zero_base=p.zero_base & known,
                         zero_target=p.zero_target & known, opposite_signs=opposite)


def open_sdg(direction: np.ndarray, current: np.ndarray, current_year: np.ndarray, base: np.ndarray,
             base_year: np.ndarray, target: np.ndarray, target_year: np.ndarray,
             limit: np.ndarray | float = np.nan) -> OpenSdgArrays:
    """The Open SDG measure of each indicator-year (all arguments broadcast to one length).

    ``base``/``base_year`` is the base point (the baseline, or the first observation); ``current``
    the latest observation up to the assessed year. The zero-replacement flags are set only where
    a ratio was computed.
    """
    current = np.asarray(current, dtype=np.float64)
    shape = np.broadcast_shapes(np.shape(direction), current.shape, np.shape(base), np.shape(target))
    grow = [np.broadcast_to(np.asarray(x), shape) for x in (direction, base, base_year, target, target_year, limit)]
    p = params(*grow)
    return measure(p, np.broadcast_to(current, shape), np.broadcast_to(np.asarray(current_year, dtype=np.float64), shape))
