"""The figures of one indicator-year, as vectorised numpy formulas (docs/assessment.md).

Every function takes equal-length float64 arrays (or scalars that broadcast) and returns arrays;
a missing number is NaN in and NaN out, never an exception. Directions are small integer codes
so that millions of indicator-years fit in int8 arrays.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import numpy as np

from keikaku.domain.enums import Direction

INCREASE, DECREASE, MAINTAIN, QUALITATIVE, UNKNOWN = 0, 1, 2, 3, 4
DIRECTION_CODES: dict[Direction | None, int] = {
    Direction.INCREASE: INCREASE,
    Direction.DECREASE: DECREASE,
    Direction.MAINTAIN: MAINTAIN,
    Direction.QUALITATIVE: QUALITATIVE,
    None: UNKNOWN,
}
DIRECTION_NAMES = ("increase", "decrease", "maintain", "qualitative", None)

FloatArray = np.ndarray
EPSILON = 1e-9  # "met" forgives floating-point error (96.5 − 3.0 is 93.5)


def direction_codes(directions: list[Direction | str | None]) -> np.ndarray:
    """Direction words to int8 codes (``None`` or an unknown word is UNKNOWN)."""
    lookup = {str(k): v for k, v in DIRECTION_CODES.items() if k is not None}
    return np.array([lookup.get(str(d), UNKNOWN) if d is not None else UNKNOWN for d in directions], dtype=np.int8)


def effective_target(direction: np.ndarray, baseline: FloatArray, target: FloatArray) -> FloatArray:
    """The number the indicator aims at: the target, or for 維持 the baseline itself.

    A 維持 indicator whose baseline is missing falls back to a numeric target if one is printed.
    """
    keep = np.where(np.isnan(baseline), target, baseline)
    return np.where(direction == MAINTAIN, keep, target)


def progress_rate(actual: FloatArray, baseline: FloatArray, target: FloatArray) -> FloatArray:
    """進捗率 = (actual − baseline) / (target − baseline) × 100; NaN when target equals baseline.

    The quotient is taken before the × 100, so an actual equal to the target gives exactly 100.
    """
    span = np.asarray(target, dtype=np.float64) - baseline
    span = np.where(span == 0, np.nan, span)
    return (actual - baseline) / span * 100.0


def achievement_rate(direction: np.ndarray, actual: FloatArray, baseline: FloatArray, target: FloatArray) -> FloatArray:
    """達成率, direction-aware: increase a/t, decrease t/a, maintain a/baseline, × 100.

    NaN for qualitative or unknown directions, for a zero denominator, for a decrease to 0 (0 ÷
    actual says nothing of the way made: the progress rate does), and when either number is
    negative (a ratio of a negative count is not a share of the way; the progress rate still is).
    """
    return achievement_from_level(direction, actual, effective_target(direction, baseline, target))


def achievement_from_level(direction: np.ndarray, actual: FloatArray, level: FloatArray) -> FloatArray:
    """``achievement_rate`` given the effective target (``effective_target``) directly."""
    actual = np.asarray(actual, dtype=np.float64)
    level = np.where(direction <= MAINTAIN, level, np.nan)
    level = np.where((direction == DECREASE) & (level == 0), np.nan, level)  # target ÷ actual is 0 for any actual
    decrease = direction == DECREASE
    num = np.where(decrease, level, actual)
    den = np.where(decrease, actual, level)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where((num >= 0) & (den > 0), num / den * 100.0, np.nan)


def maintain_tolerance(level: FloatArray, points: np.ndarray, *, relative: float, absolute_points: float) -> FloatArray:
    """The 維持 band: ± ``absolute_points`` for percentages, else ± ``relative`` × |level|."""
    return np.where(points, absolute_points, relative * np.abs(level))


def met_threshold(direction: np.ndarray, level: FloatArray, tolerance: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Per indicator: the number to reach and the sense (+1 at least, −1 at most, NaN: cannot say)."""
    threshold = np.where(direction == MAINTAIN, level - tolerance, level)
    sense = np.where(direction == DECREASE, -1.0, np.where(direction <= MAINTAIN, 1.0, np.nan))
    return threshold, sense


def met_from(actual: FloatArray, threshold: FloatArray, sense: FloatArray) -> np.ndarray:
    """``target_met`` given ``met_threshold``'s pair."""
    gap = (actual - threshold) * sense
    return np.where(np.isnan(gap), np.int8(-1), (gap >= -EPSILON).astype(np.int8)).astype(np.int8)


def target_met(direction: np.ndarray, actual: FloatArray, baseline: FloatArray, target: FloatArray,
               tolerance: FloatArray) -> np.ndarray:
    """1 when the direction-aware target is met, 0 when not, -1 when it cannot be said (int8).

    increase: actual ≥ target; decrease: actual ≤ target; maintain: actual ≥ baseline − tolerance
    (維持 is read as "do not fall below the band"; being above it is fine).
    """
    level = effective_target(direction, baseline, target)
    return met_from(actual, *met_threshold(direction, level, tolerance))


def expected_progress(year: FloatArray, baseline_year: FloatArray, target_year: FloatArray) -> FloatArray:
    """Share of the way (%) the straight path from the baseline year to the target year expects.

    Years before the baseline year give 0, years after the target year 100; NaN when either year
    is missing or the target year is not after the baseline year.
    """
    return expected_from_span(year, baseline_year, target_year, year_span(baseline_year, target_year))


def year_span(baseline_year: FloatArray, target_year: FloatArray) -> FloatArray:
    """target year − baseline year, NaN unless positive."""
    span = np.asarray(target_year, dtype=np.float64) - baseline_year
    with np.errstate(invalid="ignore"):
        return np.where(span > 0, span, np.nan)


def expected_from_span(year: FloatArray, baseline_year: FloatArray, target_year: FloatArray, span: FloatArray) -> FloatArray:
    """``expected_progress`` given ``year_span`` (computed once per indicator in bulk)."""
    return (np.minimum(np.maximum(year, baseline_year), target_year) - baseline_year) / span * 100.0


PATH_STRIDE = 10_000.0  # years of one indicator never span this many, so indicators do not overlap


def path_knots(baseline: FloatArray, baseline_year: FloatArray, target: FloatArray, target_year: FloatArray,
               interim_indicator: np.ndarray, interim_year: FloatArray, interim_value: FloatArray,
               ) -> tuple[np.ndarray, FloatArray, FloatArray]:
    """The piecewise paths through interim targets, as knots (indicator, year, expected %).

    ``baseline``… are per indicator; ``interim_indicator`` indexes them. Interim targets with a
    missing number or a year outside (baseline year, target year) are dropped, and only
    indicators left with at least one interim target get knots: baseline year at 0 %, each interim
    target at its share of the way, target year at 100 %. Knots come sorted by indicator then year.
    """
    k = np.asarray(interim_indicator, dtype=np.int64)
    iy = np.asarray(interim_year, dtype=np.float64)
    iv = np.asarray(interim_value, dtype=np.float64)
    span = target[k] - baseline[k]
    with np.errstate(invalid="ignore"):
        keep = (span != 0) & ~np.isnan(span) & ~np.isnan(iv) & (iy > baseline_year[k]) & (iy < target_year[k])
    k, iy, iv, span = k[keep], iy[keep], iv[keep], span[keep]
    ends = np.unique(k)
    ind = np.concatenate([ends, k, ends])
    yrs = np.concatenate([baseline_year[ends], iy, target_year[ends]])
    pct = np.concatenate([np.zeros(len(ends)), (iv - baseline[k]) / span * 100.0, np.full(len(ends), 100.0)])
    order = np.argsort(ind * PATH_STRIDE + yrs, kind="stable")
    ind, yrs, pct = ind[order], yrs[order], pct[order]
    fresh = np.ones(len(ind), dtype=bool)
    fresh[1:] = (ind[1:] != ind[:-1]) | (yrs[1:] != yrs[:-1])
    return ind[fresh], yrs[fresh], pct[fresh]


def interpolate_path(indicator: np.ndarray, year: FloatArray, knot_indicator: np.ndarray, knot_year: FloatArray,
                     knot_pct: FloatArray) -> FloatArray:
    """Expected progress of each (indicator, year) on its piecewise path; NaN without knots.

    All paths share one ``np.interp`` call: each indicator's years are moved to their own stretch
    of the axis (indicator × PATH_STRIDE + year), and the year is first clipped to the path's span
    so no interpolation crosses into a neighbour.
    """
    if len(knot_indicator) == 0:
        return np.full(len(indicator), np.nan)
    axis = knot_indicator * PATH_STRIDE + knot_year
    first = np.searchsorted(knot_indicator, indicator, side="left")
    last = np.searchsorted(knot_indicator, indicator, side="right") - 1
    has = (last >= first) & (first < len(knot_indicator))
    first, last = np.minimum(first, len(axis) - 1), np.maximum(last, 0)
    lo, hi = knot_year[first], knot_year[last]
    y = np.minimum(np.maximum(year, lo), hi)
    out = np.interp(indicator * PATH_STRIDE + y, axis, knot_pct)
    return np.where(has, out, np.nan)


def round_half_up(value: float | None, digits: int = 1) -> float | None:
    """Round as a printed report does (四捨五入 on the shortest decimal form); None stays None."""
    if value is None or value != value or value in (float("inf"), float("-inf")):
        return None
    if abs(value) >= 1e15:
        return float(value)  # beyond a double's exact digits there is no decimal place to round
    quantum = Decimal(1).scaleb(-digits)
    return float(Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP))
