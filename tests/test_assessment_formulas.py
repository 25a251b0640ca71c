"""The assessment formulas, scales and printed-rate audit: hand-computed cases and properties."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from keikaku.domain.assessment import (
    ROW_KEYS,
    SCALES,
    IndicatorArrays,
    Level,
    ObservationArrays,
    Scale,
    UnknownScaleError,
    assess_arrays,
    assess_indicators,
    get_scale,
)
from keikaku.domain.assessment import formulas as fm
from keikaku.domain.planfile import Actual, Indicator, Value

INC, DEC, KEEP, QUAL = fm.INCREASE, fm.DECREASE, fm.MAINTAIN, fm.QUALITATIVE
NAN = float("nan")


def one(values: np.ndarray) -> float | None:
    """The single figure of a formula call, None for NaN, rounded to 10 decimals."""
    x = float(np.asarray(values).reshape(-1)[0])
    return None if x != x else round(x, 10)


def d(code: int) -> np.ndarray:
    return np.array([code], dtype=np.int8)


def indicator(direction: str | None, baseline: float | None, target: float | None, actuals: dict[int, float | None], *,
              unit: str | None = None, baseline_year: int | None = 2019, target_year: int | None = 2025,
              interim: list[tuple[int, float | None]] = (), rates: dict[int, float] | None = None,
              target_text: str | None = None, name: str = "指標") -> Indicator:
    rates = rates or {}
    return Indicator(
        node=None, name=name, unit=unit, direction=direction,
        baseline=Value(value=baseline, year=baseline_year),
        target=Value(value=target, year=target_year, text=target_text),
        interim_targets=[Value(value=v, year=y) for y, v in interim],
        actuals=[Actual(year=y, value=v, reported_rate=rates.get(y)) for y, v in actuals.items()],
    )


def row(ind: Indicator, year: int, scale: str = "abcd") -> dict[str, object]:
    rows = [r for r in assess_indicators([ind], scale=scale) if r.year == year]
    assert len(rows) == 1
    return rows[0].to_json()


def full(ind: Indicator, year: int, scale: str = "abcd"):  # noqa: ANN201
    return next(r for r in assess_indicators([ind], scale=scale) if r.year == year)


# --- progress rate 進捗率 ---------------------------------------------------------------------

def test_progress_increase_halfway() -> None:
    assert one(fm.progress_rate(75.0, 50.0, 100.0)) == 50.0


def test_progress_decrease() -> None:
    # 刑法犯認知件数: 1,070 → 900, 905 reported: 165 of the 170 to go
    assert one(fm.progress_rate(905.0, 1070.0, 900.0)) == 97.0588235294


def test_progress_negative_when_worse_and_over_100_when_passed() -> None:
    assert one(fm.progress_rate(45.0, 50.0, 100.0)) == -10.0
    assert one(fm.progress_rate(110.0, 50.0, 100.0)) == 120.0
    assert one(fm.progress_rate(1100.0, 1070.0, 900.0)) == -17.6470588235


def test_progress_null_without_baseline_or_target_or_when_equal() -> None:
    assert one(fm.progress_rate(75.0, NAN, 100.0)) is None
    assert one(fm.progress_rate(75.0, 50.0, NAN)) is None
    assert one(fm.progress_rate(75.0, 50.0, 50.0)) is None


def test_progress_zero_baseline_and_negative_values() -> None:
    assert one(fm.progress_rate(4.0, 0.0, 10.0)) == 40.0
    assert one(fm.progress_rate(-300.0, -500.0, -100.0)) == 50.0


# --- achievement rate 達成率 ------------------------------------------------------------------

def test_achievement_by_direction() -> None:
    assert one(fm.achievement_rate(d(INC), 38.9, 37.2, 50.0)) == 77.8
    assert one(fm.achievement_rate(d(DEC), 905.0, 1070.0, 900.0)) == 99.4475138122
    # 維持: the target is the baseline
    assert one(fm.achievement_rate(d(KEEP), 93.1, 96.5, NAN)) == 96.4766839378
    assert one(fm.achievement_rate(d(QUAL), 1.0, 1.0, 2.0)) is None
    assert one(fm.achievement_rate(d(fm.UNKNOWN), 1.0, 1.0, 2.0)) is None


def test_achievement_zero_and_negative_cases() -> None:
    assert one(fm.achievement_rate(d(DEC), 15.0, 24.0, 0.0)) is None  # 待機児童 0 人: 0 / 15 says nothing; progress does
    assert one(fm.achievement_rate(d(DEC), 0.0, 24.0, 0.0)) is None  # 0 / 0
    assert one(fm.achievement_rate(d(INC), 5.0, 0.0, 0.0)) is None  # target 0
    assert one(fm.achievement_rate(d(KEEP), 3.0, 0.0, NAN)) is None  # 維持 of 0
    assert one(fm.achievement_rate(d(INC), -300.0, -500.0, -100.0)) is None
    assert one(fm.achievement_rate(d(INC), -3.0, 5.0, 10.0)) is None
    assert one(fm.achievement_rate(d(INC), 0.0, 5.0, 10.0)) == 0.0


# --- expected progress ------------------------------------------------------------------------

def test_expected_progress_straight_path() -> None:
    assert one(fm.expected_progress(2021.0, 2019.0, 2025.0)) == 33.3333333333
    assert one(fm.expected_progress(2019.0, 2019.0, 2025.0)) == 0.0
    assert one(fm.expected_progress(2017.0, 2019.0, 2025.0)) == 0.0
    assert one(fm.expected_progress(2025.0, 2019.0, 2025.0)) == 100.0
    assert one(fm.expected_progress(2027.0, 2019.0, 2025.0)) == 100.0


def test_expected_progress_missing_or_backward_years() -> None:
    assert one(fm.expected_progress(2021.0, NAN, 2025.0)) is None
    assert one(fm.expected_progress(2021.0, 2019.0, NAN)) is None
    assert one(fm.expected_progress(2021.0, 2025.0, 2025.0)) is None


def test_expected_progress_piecewise_through_interim_target() -> None:
    # ごみ排出量 842 g (2019) → 780 g (2025) through 800 g in 2023: 42/62 of the way by 2023
    ind = indicator("decrease", 842, 780, {2021: 836, 2023: 809, 2024: 798}, interim=[(2023, 800)])
    assert round(full(ind, 2021).expected_progress, 10) == 33.8709677419
    assert round(full(ind, 2023).expected_progress, 10) == 67.7419354839
    assert round(full(ind, 2024).expected_progress, 10) == 83.8709677419
    assert row(ind, 2021)["expected_progress"] == 33.9


def test_interim_targets_outside_the_span_or_without_number_are_ignored() -> None:
    ind = indicator("increase", 10, 20, {2022: 15}, interim=[(2018, 12), (2030, 18), (2023, None)])
    assert full(ind, 2022).expected_progress == 50.0


def test_several_indicators_keep_their_own_paths() -> None:
    a = indicator("increase", 0, 100, {2021: 10}, interim=[(2020, 50)], name="a")
    b = indicator("increase", 0, 100, {2021: 10}, name="b")
    c = indicator("increase", 0, 100, {2021: 10}, interim=[(2022, 20)], name="c")
    rows = {r.name: r for r in assess_indicators([a, b, c])}
    assert round(rows["a"].expected_progress, 10) == 60.0  # 50 + (100 − 50) × 1/5
    assert round(rows["b"].expected_progress, 10) == 33.3333333333
    assert round(rows["c"].expected_progress, 10) == 13.3333333333  # 20 × 2/3 (2019 → 2022)


# --- target met and the 維持 band ---------------------------------------------------------------

@pytest.mark.parametrize(("direction", "actual", "baseline", "target", "tolerance", "met"), [
    (INC, 100.0, 50.0, 100.0, 0.0, 1),
    (INC, 99.9, 50.0, 100.0, 0.0, 0),
    (DEC, 900.0, 1070.0, 900.0, 0.0, 1),
    (DEC, 905.0, 1070.0, 900.0, 0.0, 0),
    (KEEP, 93.5, 96.5, NAN, 3.0, 1),
    (KEEP, 93.4, 96.5, NAN, 3.0, 0),
    (KEEP, 120.0, 96.5, NAN, 3.0, 1),
    (QUAL, 1.0, 1.0, 1.0, 0.0, -1),
    (INC, NAN, 50.0, 100.0, 0.0, -1),
    (INC, 70.0, 50.0, NAN, 0.0, -1),
])
def test_target_met(direction: int, actual: float, baseline: float, target: float, tolerance: float, met: int) -> None:
    assert int(fm.target_met(d(direction), actual, baseline, target, tolerance)[0]) == met


def test_maintain_tolerance_points_for_percentages_else_ten_percent() -> None:
    tol = fm.maintain_tolerance(np.array([96.5, 18.0]), np.array([True, False]), relative=0.10, absolute_points=3.0)
    assert [round(float(x), 10) for x in tol] == [3.0, 1.8]


# --- scales ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("actual", "status", "grade"), [
    (60.0, "on_track", "A"),  # progress 50 = expected 50 (2022 of 2019-2025)
    (58.0, "mostly_on_track", "B"),  # progress 40 = 0.8 × 50
    (57.9, "slightly_behind", "C"),
    (55.0, "slightly_behind", "C"),  # progress 25 = 0.5 × 50
    (54.9, "behind", "D"),
    (45.0, "behind", "D"),  # worse than the baseline
    (75.0, "on_track", "A"),  # target passed
])
def test_abcd_against_the_expected_path(actual: float, status: str, grade: str) -> None:
    r = row(indicator("increase", 50, 70, {2022: actual}), 2022)
    assert (r["status"], r["grade"]) == (status, grade)
    assert r["expected_progress"] == 50.0


@pytest.mark.parametrize(("actual", "status"), [
    (18.0, "on_track"), (19.0, "on_track"), (16.2, "mostly_on_track"), (16.1, "slightly_behind"),
    (14.4, "slightly_behind"), (14.3, "behind"),
])
def test_abcd_maintain_in_steps_of_the_band(actual: float, status: str) -> None:
    # 商店会数 18 団体 維持: band ±10 % = 1.8
    assert row(indicator("maintain", 18, None, {2022: actual}, unit="団体", target_text="維持"), 2022)["status"] == status


def test_abcd_maintain_band_in_points_for_percentages() -> None:
    ind = indicator("maintain", 96.5, None, {2021: 95.8, 2022: 93.1, 2023: 93.5}, unit="%")
    assert [row(ind, y)["grade"] for y in (2021, 2022, 2023)] == ["B", "C", "B"]


@pytest.mark.parametrize(("actual", "status", "grade"), [
    (70.0, "achieved", "S"), (52.1, "improved", "A"), (52.0, "level", "B"), (48.0, "level", "B"),
    (47.9, "worsened", "C"),
])
def test_sabc_against_the_baseline(actual: float, status: str, grade: str) -> None:
    r = row(indicator("increase", 50, 70, {2022: actual}), 2022, "sabc")
    assert (r["status"], r["grade"]) == (status, grade)


def test_sabc_maintain_within_the_band_is_achieved() -> None:
    ind = indicator("maintain", 96.5, None, {2021: 95.8, 2022: 93.1}, unit="%")
    assert [row(ind, y, "sabc")["grade"] for y in (2021, 2022)] == ["S", "C"]


def test_achieved_scale() -> None:
    ind = indicator("decrease", 1070, 900, {2022: 900, 2023: 905})
    assert [(row(ind, y, "achieved")["status"], row(ind, y, "achieved")["grade"]) for y in (2022, 2023)] == [
        ("achieved", "達成"), ("not_achieved", "未達成")]


def test_statuses_without_a_grade() -> None:
    qual = indicator("qualitative", None, None, {2022: None}, target_text="拡充")
    assert (row(qual, 2022)["status"], row(qual, 2022)["grade"]) == ("qualitative", None)
    worded = indicator("increase", 50, 70, {2022: None})
    assert row(worded, 2022)["status"] == "no_data"
    same = indicator("increase", 50, 50, {2022: 49})
    assert row(same, 2022)["status"] == "not_assessable"
    no_years = indicator("increase", 50, 70, {2022: 60}, baseline_year=None)
    assert row(no_years, 2022)["status"] == "not_assessable"
    assert row(indicator("increase", 50, 70, {2022: 75}, baseline_year=None), 2022)["status"] == "on_track"


def test_target_equal_to_baseline_still_grades_on_the_target_scale() -> None:
    same = indicator("increase", 50, 50, {2022: 51})
    r = row(same, 2022, "achieved")
    assert (r["progress_rate"], r["achievement_rate"], r["status"]) == (None, 102.0, "achieved")


def test_unknown_scale_and_a_city_scale() -> None:
    with pytest.raises(UnknownScaleError):
        get_scale("abc")
    three = Scale(name="city-3", kind="path", levels=(Level("good", "◎", "順調"), Level("fair", "○", "概ね順調"),
                                                       Level("poor", "△", "遅れ")),
                  thresholds=(1.0, 0.9), maintain_steps=(0.0, 1.0))
    ind = indicator("increase", 50, 70, {2022: 59})  # progress 45 = 0.9 × 50
    assert (row(ind, 2022, three)["status"], row(ind, 2022, three)["grade"]) == ("fair", "○")  # type: ignore[arg-type]
    assert set(SCALES) >= {"abcd", "sabc", "achieved"}
    with pytest.raises(ValueError):
        Scale(name="bad", kind="path", levels=(Level("a", "A", "a"),), thresholds=(1.0,), maintain_steps=(0.0,))


def test_direction_inferred_when_the_plan_prints_none() -> None:
    r = full(indicator(None, 1070, 900, {2022: 948}), 2022)
    assert (r.direction, r.warnings) == ("decrease", ("direction_inferred",))
    assert full(indicator(None, 18, None, {2022: 17}, target_text="維持"), 2022).direction == "maintain"
    unknown = full(indicator(None, 18, None, {2022: 17}, target_text="拡充"), 2022)
    assert (unknown.direction, unknown.status, unknown.achievement_rate) == (None, "not_assessable", None)


# --- printed-rate audit ------------------------------------------------------------------------

def test_audit_prefers_the_direction_aware_achievement_on_a_tie() -> None:
    r = row(indicator("increase", 37.2, 50.0, {2021: 38.9}, rates={2021: 77.8}), 2021)
    assert (r["reported_rate_method"], r["reported_rate_ok"], r["warnings"]) == ("achievement", True, [])


def test_audit_finds_a_printed_progress_rate() -> None:
    r = row(indicator("decrease", 1070, 900, {2022: 948}, rates={2022: 71.8}), 2022)
    assert (r["reported_rate_method"], r["reported_rate_ok"]) == ("progress", True)


def test_audit_plain_ratio_reading_achieved_on_a_decrease_target() -> None:
    # a real city: 581 g against a 580 g reduction target, printed as 100.2 % "achieved"
    r = row(indicator("decrease", 640, 580, {2023: 581}, unit="g", rates={2023: 100.2}), 2023)
    assert (r["reported_rate_method"], r["reported_rate_ok"]) == ("ratio", True)
    assert r["warnings"] == ["reported_rate_claims_target"]


def test_audit_flags_a_rate_no_formula_reproduces() -> None:
    r = row(indicator("decrease", 1070, 900, {2023: 905}, rates={2023: 100.2}), 2023)
    assert (r["reported_rate_method"], r["reported_rate_ok"]) == (None, False)
    assert r["warnings"] == ["reported_rate_unexplained", "reported_rate_claims_target"]


def test_audit_tolerance_and_rates_over_100_when_met() -> None:
    base = {"direction": "increase", "baseline": 11, "target": 25}
    assert row(indicator(**base, actuals={2024: 27}, rates={2024: 108.0}), 2024)["warnings"] == []
    assert row(indicator(**base, actuals={2022: 14}, rates={2022: 56.15}), 2022)["reported_rate_ok"] is True
    assert row(indicator(**base, actuals={2022: 14}, rates={2022: 56.16}), 2022)["reported_rate_ok"] is False
    assert row(indicator(**base, actuals={2022: 14}), 2022)["reported_rate_ok"] is None


# --- publication -------------------------------------------------------------------------------

def test_row_json_has_exactly_the_published_keys_and_rounds_half_up() -> None:
    r = row(indicator("decrease", 1070, 900, {2023: 905}), 2023)
    assert tuple(r) == ROW_KEYS
    assert (r["progress_rate"], r["achievement_rate"], r["expected_progress"]) == (97.1, 99.4, 66.7)
    assert fm.round_half_up(0.05) == 0.1
    assert fm.round_half_up(-0.05) == -0.1
    assert fm.round_half_up(2.675, 2) == 2.68
    assert fm.round_half_up(None) is None
    assert fm.round_half_up(float("nan")) is None


def test_indicator_without_actuals_gets_one_no_data_row() -> None:
    rows = assess_indicators([indicator("increase", 1, 2, {})])
    assert [(r.year, r.status, r.value) for r in rows] == [(None, "no_data", None)]


def test_missing_years_between_actuals() -> None:
    ind = indicator("increase", 50, 70, {2020: 52, 2023: 58})
    rows = assess_indicators([ind])
    assert [(r.year, round(r.progress_rate, 10)) for r in rows] == [(2020, 10.0), (2023, 40.0)]


# --- properties ----------------------------------------------------------------------------

finite = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False)


@given(baseline=finite, target=finite)
def test_progress_is_exactly_100_at_the_target(baseline: float, target: float) -> None:
    if baseline != target and target - baseline != 0:
        assert float(fm.progress_rate(np.array([target]), baseline, target)[0]) == 100.0


@given(baseline=finite, target=finite, a=finite, b=finite)
def test_progress_is_monotonic_in_the_actual(baseline: float, target: float, a: float, b: float) -> None:
    if target > baseline:
        lo, hi = sorted((a, b))
        p = fm.progress_rate(np.array([lo, hi]), baseline, target)
        assert p[0] <= p[1]


@given(target=st.integers(1, 10**6), actual=st.integers(1, 10**6))
def test_decrease_achievement_reaches_100_exactly_when_the_target_is_met(target: int, actual: int) -> None:
    rate = float(fm.achievement_rate(d(DEC), float(actual), float(target + 1), float(target))[0])
    assert (rate >= 100) == (actual <= target)


@given(years=st.lists(st.integers(1990, 2060), min_size=2, max_size=8), by=st.integers(2000, 2030),
       length=st.integers(1, 15))
def test_expected_progress_stays_within_0_and_100_and_never_falls(years: list[int], by: int, length: int) -> None:
    ys = np.array(sorted(years), dtype=float)
    e = fm.expected_progress(ys, float(by), float(by + length))
    assert np.all((e >= 0) & (e <= 100)) and np.all(np.diff(e) >= 0)


@st.composite
def bulk(draw: st.DrawFn) -> tuple[IndicatorArrays, ObservationArrays]:
    n = draw(st.integers(1, 12))
    direction = draw(st.lists(st.sampled_from([INC, DEC, KEEP, QUAL, fm.UNKNOWN]), min_size=n, max_size=n))
    number = st.one_of(st.just(NAN), st.just(0.0), st.floats(-50, 500, allow_nan=False).map(lambda x: round(x, 1)))
    ind = IndicatorArrays(
        direction=np.array(direction, dtype=np.int8),
        baseline=draw(st.lists(number, min_size=n, max_size=n)),
        baseline_year=draw(st.lists(st.sampled_from([NAN, 2018.0, 2019.0]), min_size=n, max_size=n)),
        target=draw(st.lists(number, min_size=n, max_size=n)),
        target_year=draw(st.lists(st.sampled_from([NAN, 2019.0, 2025.0]), min_size=n, max_size=n)),
        points=draw(st.lists(st.booleans(), min_size=n, max_size=n)),
        interim_indicator=np.array([0]), interim_year=np.array([2022.0]), interim_value=np.array([100.0]),
    )
    m = draw(st.integers(0, 40))
    obs = ObservationArrays(
        indicator=draw(st.lists(st.integers(0, n - 1), min_size=m, max_size=m)),
        year=draw(st.lists(st.integers(2017, 2027), min_size=m, max_size=m)),
        value=draw(st.lists(number, min_size=m, max_size=m)),
        reported_rate=draw(st.lists(st.one_of(st.just(NAN), st.floats(0, 150)), min_size=m, max_size=m)),
    )
    return ind, obs


@settings(max_examples=60, deadline=None)
@given(data=bulk(), scale=st.sampled_from(["abcd", "sabc", "achieved"]))
def test_engine_matches_the_formulas_whatever_the_chunking(data: tuple[IndicatorArrays, ObservationArrays],
                                                           scale: str) -> None:
    ind, obs = data
    whole = assess_arrays(ind, obs, scale=scale, workers=1)
    split = assess_arrays(ind, obs, scale=scale, chunk_rows=3, workers=3)
    for name in ("progress_rate", "achievement_rate", "expected_progress", "cagr_ratio", "cagr_score", "status",
                 "cagr_status", "target_met", "reported_rate_method", "reported_rate_ok", "warnings"):
        assert np.array_equal(getattr(whole, name), getattr(split, name), equal_nan=True), name
    i = obs.indicator
    level = fm.effective_target(ind.direction, ind.baseline, ind.target)
    with np.errstate(all="ignore"):
        assert np.array_equal(whole.progress_rate, fm.progress_rate(obs.value, ind.baseline[i], level[i]), equal_nan=True)
        assert np.array_equal(whole.achievement_rate,
                              fm.achievement_rate(ind.direction[i], obs.value, ind.baseline[i], ind.target[i]),
                              equal_nan=True)
    assert np.all(whole.status[np.isnan(obs.value) & (ind.direction[i] != QUAL)] == 0)


def test_a_decrease_to_zero_is_judged_by_its_progress_not_a_zero_percent_achievement() -> None:
    """待機児童 12人 (2020) → 0人 (2025); 6人 in 2023: half the way made, not "0.0%"."""
    from keikaku.domain import planfile as pf
    from keikaku.domain.assessment import assess_plan

    ind = pf.Indicator(node="m1", name="待機児童数", unit="人", direction="decrease",
                       baseline=pf.Value(value=12, year=2020), target=pf.Value(value=0, year=2025),
                       actuals=[pf.Actual(year=2023, value=6)])
    doc = pf.PlanDocument(title="例", kind="comprehensive", nodes=[pf.Node(id="m1", level="施策", title="子育て")],
                          indicators=[ind])
    result = assess_plan(doc, year=2023)
    row = result.rows[0].to_json()
    assert (row["progress_rate"], row["achievement_rate"], row["expected_progress"]) == (50.0, None, 60.0)
    assert row["warnings"] == ["cagr_zero_target", "achievement_zero_target"]
    plan = result.rollups[0].to_json()
    assert plan["score"] == 50.0 and sum(plan["left_out"].values()) == 0  # the progress rate stands for the achievement
