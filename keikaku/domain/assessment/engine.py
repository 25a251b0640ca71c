"""The bulk engine: every figure of every indicator-year as numpy arrays, in bounded-size chunks.

Inputs are columns: one ``IndicatorArrays`` entry per indicator and one ``ObservationArrays``
entry per actual (any order). Per-indicator quantities (the 維持 band, the Open SDG base point
and required growth, the piecewise paths) are computed once; the per-row formulas then run over
chunks of ``chunk_rows`` rows so temporaries stay small and in cache, writing into preallocated
output columns. Nothing here loops in Python per row.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from keikaku.domain.assessment import audit as au
from keikaku.domain.assessment import formulas as fm
from keikaku.domain.assessment import opensdg as sdg
from keikaku.domain.assessment.scales import Scale, get_scale

CHUNK_ROWS = 1 << 16


def _floats(values: object, n: int | None = None) -> np.ndarray:
    out = np.asarray(values, dtype=np.float64)
    if n is not None and out.shape != (n,):
        raise ValueError(f"expected {n} values, got shape {out.shape}")
    return out


@dataclass(frozen=True)
class IndicatorArrays:
    """One entry per indicator. Missing numbers and years are NaN.

    ``points``: the unit is a percentage, so the 維持 band is in points; ``limit``: the Open SDG
    limit for indicators without a numeric target; ``flags``: warning bits added to every row of
    the indicator (e.g. ``audit.W_DIRECTION_INFERRED``). Interim targets are three parallel
    arrays, ``interim_indicator`` indexing these indicators.
    """

    direction: np.ndarray
    baseline: np.ndarray
    baseline_year: np.ndarray
    target: np.ndarray
    target_year: np.ndarray
    points: np.ndarray | None = None
    limit: np.ndarray | None = None
    flags: np.ndarray | None = None
    interim_indicator: np.ndarray | None = None
    interim_year: np.ndarray | None = None
    interim_value: np.ndarray | None = None

    def __post_init__(self) -> None:
        n = len(self.direction)
        object.__setattr__(self, "direction", np.asarray(self.direction, dtype=np.int8))
        for name in ("baseline", "baseline_year", "target", "target_year"):
            object.__setattr__(self, name, _floats(getattr(self, name), n))
        object.__setattr__(self, "points", np.zeros(n, bool) if self.points is None else np.asarray(self.points, bool))
        object.__setattr__(self, "limit", None if self.limit is None else _floats(self.limit, n))
        object.__setattr__(self, "flags", np.zeros(n, np.uint8) if self.flags is None else np.asarray(self.flags, np.uint8))

    def __len__(self) -> int:
        return len(self.direction)


@dataclass(frozen=True)
class ObservationArrays:
    """One entry per actual: the indicator's index, the fiscal year, the value (NaN for a worded
    actual) and the printed rate (NaN when none was printed)."""

    indicator: np.ndarray
    year: np.ndarray
    value: np.ndarray
    reported_rate: np.ndarray | None = None

    def __post_init__(self) -> None:
        n = len(self.indicator)
        index = np.asarray(self.indicator)
        if index.dtype.kind not in "iu":
            index = index.astype(np.int64)
        object.__setattr__(self, "indicator", index)
        object.__setattr__(self, "year", _floats(self.year, n))
        object.__setattr__(self, "value", _floats(self.value, n))
        rate = np.full(n, np.nan) if self.reported_rate is None else _floats(self.reported_rate, n)
        object.__setattr__(self, "reported_rate", rate)

    def __len__(self) -> int:
        return len(self.indicator)


@dataclass(frozen=True)
class AssessmentArrays:
    """Every figure of every observation, full precision, aligned with the ObservationArrays.

    ``status`` indexes ``scale.statuses`` (and ``scale.grades``); ``cagr_status`` indexes
    ``opensdg.CAGR_STATUSES`` (-1: no result); ``target_met`` is 1/0/-1 (unknown);
    ``reported_rate_method`` is 0 (none) or 1 + index into ``audit.METHODS``;
    ``reported_rate_ok`` is 1/0/-1 (no printed rate); ``warnings`` holds ``audit.W_*`` bits.
    """

    scale: Scale
    progress_rate: np.ndarray
    achievement_rate: np.ndarray
    expected_progress: np.ndarray
    cagr_ratio: np.ndarray
    cagr_score: np.ndarray
    cagr_status: np.ndarray
    status: np.ndarray
    target_met: np.ndarray
    reported_rate_method: np.ndarray
    reported_rate_ok: np.ndarray
    warnings: np.ndarray

    def __len__(self) -> int:
        return len(self.status)


@dataclass(frozen=True)
class _Prepared:
    """Per-indicator quantities computed once before the row chunks."""

    level: np.ndarray  # the aimed-at number (target, or baseline for 維持)
    span: np.ndarray  # level − baseline, NaN where 0
    year_span: np.ndarray  # target year − baseline year, NaN unless positive
    tolerance: np.ndarray  # the 維持 band
    threshold: np.ndarray  # what "target met" compares with
    sense: np.ndarray  # +1 at least, −1 at most, NaN cannot say
    cagr: sdg.OpenSdgParams
    knots: tuple[np.ndarray, np.ndarray, np.ndarray]
    has_knots: np.ndarray


def _base_points(ind: IndicatorArrays, obs: ObservationArrays) -> tuple[np.ndarray, np.ndarray]:
    """The Open SDG base point: the baseline, or for an increase or decrease indicator without a
    complete baseline its first observed value."""
    base, base_year = ind.baseline.copy(), ind.baseline_year.copy()
    directed = (ind.direction == fm.INCREASE) | (ind.direction == fm.DECREASE)
    lacking = (np.isnan(base) | np.isnan(base_year)) & directed
    if lacking.any() and len(obs):
        pick = lacking[obs.indicator] & ~np.isnan(obs.value)
        rows = np.flatnonzero(pick)
        order = rows[np.lexsort((obs.year[rows], obs.indicator[rows]))]
        first = np.ones(len(order), dtype=bool)
        first[1:] = obs.indicator[order][1:] != obs.indicator[order][:-1]
        order = order[first]
        base[obs.indicator[order]] = obs.value[order]
        base_year[obs.indicator[order]] = obs.year[order]
    return base, base_year


def prepare(ind: IndicatorArrays, obs: ObservationArrays, scale: Scale) -> _Prepared:
    level = fm.effective_target(ind.direction, ind.baseline, ind.target)
    span = level - ind.baseline
    tolerance = fm.maintain_tolerance(level, ind.points, relative=scale.maintain_relative,
                                      absolute_points=scale.maintain_points)
    threshold, sense = fm.met_threshold(ind.direction, level, tolerance)
    base, base_year = _base_points(ind, obs)
    limit = np.nan if ind.limit is None else ind.limit
    cagr = sdg.params(ind.direction, base, base_year, ind.target, ind.target_year, limit)
    has_knots = np.zeros(len(ind), dtype=bool)
    knots: tuple[np.ndarray, np.ndarray, np.ndarray] = (np.zeros(0, np.int64), np.zeros(0), np.zeros(0))
    if ind.interim_indicator is not None and len(ind.interim_indicator):
        knots = fm.path_knots(ind.baseline, ind.baseline_year, ind.target, ind.target_year,
                              ind.interim_indicator, ind.interim_year, ind.interim_value)
        has_knots[knots[0]] = True
    span = np.where(span == 0, np.nan, span)
    return _Prepared(level, span, fm.year_span(ind.baseline_year, ind.target_year), tolerance, threshold, sense, cagr,
                     knots, has_knots)


def _gather(p: sdg.OpenSdgParams, i: np.ndarray) -> sdg.OpenSdgParams:
    return sdg.OpenSdgParams(**{name: getattr(p, name)[i] for name in p.__dataclass_fields__})


class _Kernel:
    """The per-row formulas over one chunk, writing into the output columns."""

    def __init__(self, ind: IndicatorArrays, obs: ObservationArrays, prep: _Prepared, scale: Scale, n: int):
        self.ind, self.obs, self.prep, self.scale = ind, obs, prep, scale
        self.floats = {name: np.empty(n) for name in FLOAT_COLUMNS}
        self.codes = {name: np.empty(n, np.int8) for name in CODE_COLUMNS}
        self.warnings = np.empty(n, np.uint8)
        self.interims = bool(prep.has_knots.any())

    def __call__(self, part: slice) -> None:
        ind, obs, prep = self.ind, self.obs, self.prep
        i = obs.indicator[part].astype(np.intp, copy=False)
        year, value, reported = obs.year[part], obs.value[part], obs.reported_rate[part]
        d = ind.direction.take(i)
        baseline, level, tolerance = ind.baseline.take(i), prep.level.take(i), prep.tolerance.take(i)
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            progress = (value - baseline) / prep.span.take(i) * 100.0
            achievement = fm.achievement_from_level(d, value, level)
            expected = fm.expected_from_span(year, ind.baseline_year.take(i), ind.target_year.take(i), prep.year_span.take(i))
            if self.interims:
                on_path = np.flatnonzero(prep.has_knots.take(i))
                if len(on_path):
                    expected[on_path] = fm.interpolate_path(i[on_path], year[on_path], *prep.knots)
            met = fm.met_from(value, prep.threshold.take(i), prep.sense.take(i))
            cagr = sdg.measure(_gather(prep.cagr, i), value, year)
            status = self.scale.classify(direction=d, value=value, progress=progress, expected=expected, met=met,
                                         level=level, tolerance=tolerance)
            audit = au.audit_reported_rates(reported, progress, achievement, value, level, met)
        for name, column in zip(FLOAT_COLUMNS, (progress, achievement, expected, cagr.ratio, cagr.score)):
            self.floats[name][part] = column
        for name, column in zip(CODE_COLUMNS, (cagr.status, status, met, audit.method, audit.ok)):
            self.codes[name][part] = column
        bits = audit.warnings | ind.flags.take(i)
        bits |= ((d == fm.DECREASE) & (level == 0)).astype(np.uint8) * np.uint8(au.W_ZERO_DECREASE_TARGET)
        bits |= cagr.zero_base * np.uint8(au.W_ZERO_BASE)
        bits |= cagr.zero_target * np.uint8(au.W_ZERO_TARGET)
        bits |= cagr.opposite_signs * np.uint8(au.W_OPPOSITE_SIGNS)
        self.warnings[part] = bits


FLOAT_COLUMNS = ("progress_rate", "achievement_rate", "expected_progress", "cagr_ratio", "cagr_score")
CODE_COLUMNS = ("cagr_status", "status", "target_met", "reported_rate_method", "reported_rate_ok")


def assess_arrays(indicators: IndicatorArrays, observations: ObservationArrays, *, scale: str | Scale | None = None,
                  chunk_rows: int = CHUNK_ROWS, workers: int | None = None) -> AssessmentArrays:
    """Assess every observation; the result columns align with ``observations``.

    Chunks run on ``workers`` threads (default: the CPU count, at most 8); numpy releases the GIL
    inside its loops, and each chunk writes its own slice of the output, so results do not depend
    on the number of workers or the chunk size.
    """
    sc = get_scale(scale)
    prep = prepare(indicators, observations, sc)
    n = len(observations)
    kernel = _Kernel(indicators, observations, prep, sc, n)
    parts = [slice(start, min(start + chunk_rows, n)) for start in range(0, n, chunk_rows)]
    threads = min(workers or os.cpu_count() or 1, 8, len(parts))
    if threads <= 1:
        for part in parts:
            kernel(part)
    else:
        with ThreadPoolExecutor(max_workers=threads) as pool:
            list(pool.map(kernel, parts))
    return AssessmentArrays(scale=sc, warnings=kernel.warnings, **kernel.floats, **kernel.codes)
