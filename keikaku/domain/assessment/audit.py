"""The printed-rate audit: which formula reproduces a rate the city printed, and is it misleading?

For an actual that carries a ``reported_rate``, three candidates are tried: the progress rate, the
direction-aware achievement rate and the plain ratio actual / target × 100. The method is the
candidate within ``TOLERANCE`` points of the printed rate (the closest one; on a tie the order
achievement, progress, ratio decides). A printed rate of 100 % or more while the direction-aware
target is not met is flagged, whatever formula produced it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

TOLERANCE = 0.15
METHODS = ("achievement", "progress", "ratio")  # index + 1 is the method code; 0 means none
NO_METHOD = 0

# warning bits, shared with the engine
W_RATE_UNEXPLAINED = 1 << 0
W_RATE_CLAIMS_TARGET = 1 << 1
W_ZERO_BASE = 1 << 2
W_ZERO_TARGET = 1 << 3
W_OPPOSITE_SIGNS = 1 << 4
W_DIRECTION_INFERRED = 1 << 5
W_ZERO_DECREASE_TARGET = 1 << 6
WARNINGS: tuple[tuple[int, str, str], ...] = (
    (W_RATE_UNEXPLAINED, "reported_rate_unexplained",
     "no formula (progress, achievement, actual/target) reproduces the printed rate within 0.15 points"),
    (W_RATE_CLAIMS_TARGET, "reported_rate_claims_target",
     "the printed rate reads 100% or more but the direction-aware target is not met"),
    (W_ZERO_BASE, "cagr_zero_base", "the Open SDG base value 0 was replaced by 0.001"),
    (W_ZERO_TARGET, "cagr_zero_target", "the Open SDG target 0 was replaced by 0.001"),
    (W_OPPOSITE_SIGNS, "cagr_opposite_signs", "base and current value have opposite signs: no Open SDG result"),
    (W_DIRECTION_INFERRED, "direction_inferred", "the plan gives no direction; it was inferred from baseline and target"),
    (W_ZERO_DECREASE_TARGET, "achievement_zero_target",
     "a decrease to 0 has no achievement rate (0 ÷ actual is 0 whatever the actual); the progress rate from the baseline stands for it"),
)


def warning_codes(bits: int) -> tuple[str, ...]:
    """The warning words set in a bit field, in a fixed order."""
    return tuple(code for bit, code, _ in WARNINGS if bits & bit)


@dataclass(frozen=True)
class AuditArrays:
    method: np.ndarray  # int8: 0 none, else 1 + index into METHODS
    ok: np.ndarray  # int8: 1 reproduced, 0 not, -1 no printed rate
    warnings: np.ndarray  # uint8 bits (W_RATE_*)


def audit_reported_rates(reported: np.ndarray, progress: np.ndarray, achievement: np.ndarray, actual: np.ndarray,
                         level: np.ndarray, met: np.ndarray) -> AuditArrays:
    """Audit printed rates (NaN where none was printed) against the computed candidates.

    ``level`` is the effective target (the baseline for 維持), so the plain ratio is
    actual / level × 100 (NaN when the level is 0 or missing).

    Only the rows with a printed rate are examined, so the audit costs little when few rates are
    printed.
    """
    reported = np.asarray(reported, dtype=np.float64)
    n = len(reported)
    method = np.zeros(n, dtype=np.int8)
    ok = np.full(n, -1, dtype=np.int8)
    bits = np.zeros(n, dtype=np.uint8)
    rows = np.flatnonzero(~np.isnan(reported))
    if len(rows) == 0:
        return AuditArrays(method=method, ok=ok, warnings=bits)
    rate = reported[rows]
    level = np.asarray(level, dtype=np.float64)[rows]
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.asarray(actual, dtype=np.float64)[rows] / np.where(level == 0, np.nan, level) * 100.0
    best = np.full(len(rows), np.inf)
    found = np.zeros(len(rows), dtype=np.int8)
    with np.errstate(invalid="ignore"):
        candidates = (np.asarray(achievement)[rows], np.asarray(progress)[rows], ratio)
        for code, candidate in enumerate(candidates, start=1):
            gap = np.abs(rate - candidate)
            better = (gap <= TOLERANCE + 1e-9) & (gap < best)
            best = np.where(better, gap, best)
            found = np.where(better, np.int8(code), found)
        method[rows] = found
        ok[rows] = found != NO_METHOD
        claims = (rate >= 100) & (np.asarray(met)[rows] == 0)
    bits[rows] = np.where(found == NO_METHOD, W_RATE_UNEXPLAINED, 0) | np.where(claims, W_RATE_CLAIMS_TARGET, 0)
    return AuditArrays(method=method, ok=ok, warnings=bits)
