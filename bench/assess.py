"""bench/assess: the assessment engine at national scale, against DuckDB on the same data.

Run from the repository root:
    .venv/bin/python bench/assess.py [--cities 1741] [--indicators 300] [--years 10] [--repeat 3] [--seed 20250401]

Generates, with a seeded numpy RNG, one indicator set per city (1,741 cities × 300 indicators ×
10 fiscal years ≈ 5.2 M actuals: increase, decrease, 維持, qualitative and no-target indicators,
zero and negative baselines, interim targets, missing values, printed rates), then in the same
run:
  1. the engine (``assess_arrays``) computes every figure of every actual: progress, achievement,
     expected progress, status and grade, the Open SDG measure and the printed-rate audit;
  2. DuckDB computes the progress and achievement rates in SQL over the same numpy arrays
     (registered as a dict of numpy columns: no pandas or pyarrow).
The two are timed alternately, ``--repeat`` runs each; each timing is the median of its runs and
the ratio compares the two medians. Peak memory
is the process's maximum resident set (getrusage) and, for the engine alone, tracemalloc's peak.
The bench asserts that the engine and DuckDB agree on a random sample of rows.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from keikaku.domain.assessment import CAGR_STATUSES, METHODS  # noqa: E402
from keikaku.domain.assessment.audit import W_RATE_CLAIMS_TARGET  # noqa: E402
from keikaku.domain.assessment.engine import IndicatorArrays, ObservationArrays, assess_arrays  # noqa: E402
from keikaku.domain.assessment.formulas import DECREASE, INCREASE, MAINTAIN, QUALITATIVE  # noqa: E402

FIRST_YEAR = 2015
MEMORY_LIMIT_MB = 2048


def generate(n_ind: int, years: int, seed: int) -> tuple[IndicatorArrays, ObservationArrays]:
    """A national-scale indicator set; every array is built whole with numpy (no per-row Python)."""
    rng = np.random.default_rng(seed)
    direction = rng.choice(np.array([INCREASE, DECREASE, MAINTAIN, QUALITATIVE], dtype=np.int8), n_ind,
                           p=[0.47, 0.33, 0.15, 0.05])
    baseline = np.round(np.exp(rng.normal(4.0, 2.0, n_ind)), 1)
    baseline[rng.random(n_ind) < 0.01] = 0.0
    negative = rng.random(n_ind) < 0.01
    baseline[negative] = -baseline[negative]
    baseline_year = np.full(n_ind, FIRST_YEAR - 1, dtype=np.float64)
    target_year = rng.integers(FIRST_YEAR + years // 2, FIRST_YEAR + years + 5, n_ind).astype(np.float64)
    change = np.where(direction == INCREASE, rng.uniform(0.05, 0.5, n_ind), -rng.uniform(0.05, 0.4, n_ind))
    target = np.round(baseline * (1 + change), 1)
    target[(direction == MAINTAIN) | (direction == QUALITATIVE)] = np.nan
    target[rng.random(n_ind) < 0.05] = np.nan  # worded targets (拡充): the Open SDG no-target method
    same = rng.random(n_ind) < 0.02
    target[same] = baseline[same]
    baseline[direction == QUALITATIVE] = np.nan
    points = rng.random(n_ind) < 0.3
    with_interim = np.flatnonzero(rng.random(n_ind) < 0.1)
    mid = np.floor((baseline_year[with_interim] + target_year[with_interim]) / 2)
    interim_value = baseline[with_interim] + (target[with_interim] - baseline[with_interim]) * rng.uniform(0.3, 0.7, len(with_interim))

    # actuals: a drifting walk from the baseline, indicator-major (indicator, then year)
    pace = rng.normal(0.6, 0.6, n_ind)[:, None]
    step = np.arange(1, years + 1, dtype=np.float64)[None, :] / (target_year - baseline_year)[:, None]
    spread = np.where(np.isnan(target), baseline * 0.2, target - baseline)[:, None]
    value = baseline[:, None] + spread * step * pace + rng.normal(0, 0.05, (n_ind, years)) * np.abs(baseline)[:, None]
    value = np.round(value, 1)
    value[rng.random((n_ind, years)) < 0.03] = np.nan
    value[direction == QUALITATIVE] = np.nan
    indicator = np.repeat(np.arange(n_ind, dtype=np.int32), years)
    year = np.tile(np.arange(FIRST_YEAR, FIRST_YEAR + years, dtype=np.float64), n_ind)
    value = value.ravel()
    del step, spread, pace

    # printed rates on 10 % of actuals: the achievement rate, the progress rate, the plain ratio, or a wrong number
    reported = np.full(len(value), np.nan)
    rows = np.flatnonzero(rng.random(len(value)) < 0.1)
    b, t, v = baseline[indicator[rows]], target[indicator[rows]], value[rows]
    kind = rng.integers(0, 4, len(rows))
    with np.errstate(divide="ignore", invalid="ignore"):
        candidates = np.stack([v / t * 100, (v - b) / (t - b) * 100, t / v * 100, rng.uniform(50, 120, len(rows))])
    reported[rows] = np.round(candidates[kind, np.arange(len(rows))], 1)
    reported[~np.isfinite(reported)] = np.nan
    ind = IndicatorArrays(
        direction=direction, baseline=baseline, baseline_year=baseline_year, target=target, target_year=target_year,
        points=points, interim_indicator=with_interim, interim_year=mid, interim_value=interim_value,
    )
    return ind, ObservationArrays(indicator=indicator, year=year, value=value, reported_rate=reported)


DUCKDB_SQL = """
SELECT o.row_id,
       CASE WHEN t.level - t.baseline <> 0 THEN (o.value - t.baseline) / (t.level - t.baseline) * 100 END AS progress_rate,
       CASE
         WHEN t.direction = 0 AND o.value >= 0 AND t.level > 0 THEN o.value / t.level * 100
         WHEN t.direction = 1 AND t.level >= 0 AND o.value > 0 THEN t.level / o.value * 100
         WHEN t.direction = 2 AND o.value >= 0 AND t.level > 0 THEN o.value / t.level * 100
       END AS achievement_rate
FROM obs AS o
JOIN (SELECT id, direction, baseline,
             CASE WHEN direction = 2 THEN coalesce(baseline, target) ELSE target END AS level
      FROM ind) AS t ON o.indicator = t.id
"""


def run_duckdb(con: object) -> dict[str, np.ndarray]:
    return con.execute(DUCKDB_SQL).fetchnumpy()  # type: ignore[attr-defined]


def _col(values: object) -> np.ndarray:
    """A DuckDB result column as float64 with NaN for NULL."""
    if isinstance(values, np.ma.MaskedArray):
        return values.filled(np.nan).astype(np.float64)
    return np.asarray(values, dtype=np.float64)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cities", type=int, default=1741)
    parser.add_argument("--indicators", type=int, default=300, help="indicators per city")
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing (median is reported)")
    parser.add_argument("--seed", type=int, default=20250401)
    parser.add_argument("--workers", type=int, default=None, help="engine threads (default: CPU count)")
    args = parser.parse_args()
    import duckdb

    n_ind = args.cities * args.indicators
    start = time.perf_counter()
    ind, obs = generate(n_ind, args.years, args.seed)
    print(f"generated {n_ind:,} indicators, {len(obs):,} actuals in {time.perf_counter() - start:.1f} s")

    con = duckdb.connect()
    con.register("ind", {"id": np.arange(n_ind, dtype=np.int32), "direction": ind.direction,
                         "baseline": ind.baseline, "target": ind.target})
    con.register("obs", {"row_id": np.arange(len(obs), dtype=np.int64), "indicator": obs.indicator, "value": obs.value})

    # the two are timed alternately, so both meet the same machine conditions
    engine_times, duck_times = [], []
    result = duck = None
    for _ in range(args.repeat):
        result = None
        start = time.perf_counter()
        result = assess_arrays(ind, obs, workers=args.workers)
        engine_times.append(time.perf_counter() - start)
        duck = None
        start = time.perf_counter()
        duck = run_duckdb(con)
        duck_times.append(time.perf_counter() - start)
    engine_s, duck_s = statistics.median(engine_times), statistics.median(duck_times)
    assert result is not None and duck is not None
    tracemalloc.start()
    assess_arrays(ind, obs, workers=args.workers)
    engine_peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    threads = con.execute("SELECT current_setting('threads')").fetchone()[0]

    # agreement on a sample
    rng = np.random.default_rng(args.seed + 1)
    row_id = np.asarray(duck["row_id"])
    position = np.empty(len(obs), dtype=np.int64)
    position[row_id] = np.arange(len(row_id))
    sample = rng.choice(len(obs), 200_000, replace=False)
    for name in ("progress_rate", "achievement_rate"):
        mine = getattr(result, name)[sample]
        theirs = _col(duck[name])[position[sample]]
        assert np.array_equal(np.isnan(mine), np.isnan(theirs)), f"{name}: null patterns differ"
        assert np.allclose(mine, theirs, rtol=1e-12, atol=1e-9, equal_nan=True), f"{name}: values differ"
    del duck, position, row_id

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = min(args.workers or os.cpu_count() or 1, 8)
    print(f"engine  (every figure, numpy, {workers} threads): {engine_s:7.3f} s  ({len(obs) / engine_s / 1e6:.1f} M actuals/s)"
          f"  runs: {', '.join(f'{t:.3f}' for t in engine_times)}")
    print(f"duckdb  (progress + achievement, SQL, {threads} threads): {duck_s:7.3f} s"
          f"  runs: {', '.join(f'{t:.3f}' for t in duck_times)}")
    print(f"ratio engine / duckdb: {engine_s / duck_s:.2f}  (aim: ≤ 2)")
    print(f"peak memory: process {peak_mb:,.0f} MB (max RSS), engine {engine_peak:,.0f} MB (tracemalloc)  (aim: < {MEMORY_LIMIT_MB} MB)")
    print("agreement: engine and DuckDB equal on a sample of 200,000 actuals (progress and achievement)")

    scale = result.scale
    statuses = np.bincount(result.status, minlength=len(scale.statuses))
    print("status counts (" + scale.name + "): " + ", ".join(f"{s} {c:,}" for s, c in zip(scale.statuses, statuses)))
    cagr = np.bincount(result.cagr_status + 1, minlength=len(CAGR_STATUSES) + 1)
    print("cagr_status counts: " + ", ".join(f"{s} {c:,}" for s, c in zip(("none",) + CAGR_STATUSES, cagr)))
    methods = np.bincount(result.reported_rate_method[result.reported_rate_ok >= 0], minlength=len(METHODS) + 1)
    print("printed rates: " + ", ".join(f"{s} {c:,}" for s, c in zip(("unexplained",) + METHODS, methods))
          + f"; reading ≥100 % with the target not met: {int(((result.warnings & W_RATE_CLAIMS_TARGET) > 0).sum()):,}")
    for name in ("progress_rate", "achievement_rate", "expected_progress", "cagr_score"):
        col = getattr(result, name)
        print(f"{name}: median {np.nanmedian(col):.1f}, non-null {int((~np.isnan(col)).sum()):,}")
    assert peak_mb < MEMORY_LIMIT_MB, f"peak memory {peak_mb:.0f} MB is over {MEMORY_LIMIT_MB} MB"


if __name__ == "__main__":
    main()
