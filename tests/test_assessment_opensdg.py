"""The Open SDG progress measure (Statistics Canada / sdg-build): worked examples and edges."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from keikaku.domain.assessment import CAGR_STATUSES, assess_indicators
from keikaku.domain.assessment import formulas as fm
from keikaku.domain.assessment import opensdg as sdg
from keikaku.domain.planfile import Actual, Indicator, Value

NAN = float("nan")


def measure(direction: int, current: float, current_year: float, base: float, base_year: float,
            target: float = NAN, target_year: float = NAN, limit: float = NAN) -> tuple[float | None, float | None, str | None]:
    """(R, score, status) of one point, R and score rounded to 10 decimals."""
    out = sdg.open_sdg(np.array([direction], np.int8), np.array([current]), np.array([current_year]), np.array([base]),
                       np.array([base_year]), np.array([target]), np.array([target_year]), np.array([limit]))
    r, score, status = float(out.ratio[0]), float(out.score[0]), int(out.status[0])
    return (None if r != r else round(r, 10), None if score != score else round(score, 10),
            CAGR_STATUSES[status] if status >= 0 else None)


def test_cagr() -> None:
    assert round(float(sdg.cagr(np.array([40.0]), np.array([45.0]), 0.0, 3.0)[0]), 12) == 0.040041911526
    assert np.isnan(sdg.cagr(np.array([40.0]), np.array([45.0]), 3.0, 3.0)[0])
    assert np.isnan(sdg.cagr(np.array([-40.0]), np.array([45.0]), 0.0, 3.0)[0])


def test_the_worked_example() -> None:
    # 40 → 45 in three years against 60 in ten: (1.125^(1/3) − 1) / (1.5^(1/10) − 1)
    r, score, status = measure(fm.INCREASE, 45, 3, 40, 0, 60, 10)
    assert (r, score, status) == (0.9676693875, 2.6262656683, "substantial")
    assert (round(r, 3), round(score, 2)) == (0.968, 2.63)


def test_target_achieved_scores_5() -> None:
    assert measure(fm.INCREASE, 60, 5, 40, 0, 60, 10)[1:] == (5.0, "target_achieved")
    assert measure(fm.DECREASE, 80, 5, 100, 0, 80, 10)[1:] == (5.0, "target_achieved")


def test_decrease() -> None:
    # 100 → 90 in three years against 80 in six: R = −(0.9^(1/3) − 1) / |0.8^(1/6) − 1|
    assert measure(fm.DECREASE, 90, 3, 100, 0, 80, 6) == (0.9453016577, 2.4664952108, "moderate")


def test_deterioration_and_the_score_floor() -> None:
    assert measure(fm.INCREASE, 38, 3, 40, 0, 60, 10) == (-0.4096793714, -4.2070110369, "deterioration")
    assert measure(fm.INCREASE, 20, 3, 40, 0, 60, 10)[1:] == (-5.0, "deterioration")


@pytest.mark.parametrize(("r", "score", "status"), [
    (2.0, 5.0, "substantial"),
    (0.95, 2.500055, "substantial"),
    (0.9499, 2.49934071, "moderate"),
    (0.6, 0.00004, "moderate"),
    (0.5999, -0.00039667, "limited"),
    (0.0, -2.5, "limited"),
    (-0.0001, -2.50041667, "deterioration"),
    (-1.0, -5.0, "deterioration"),
])
def test_quantitative_thresholds_and_score(r: float, score: float, status: str) -> None:
    s, code = sdg.target_method_score(np.array([r]))
    assert (round(float(s[0]), 8), CAGR_STATUSES[int(code[0])]) == (score, status)


def test_zero_base_and_zero_target_become_0_001() -> None:
    # base 0 → 0.001: (5 / 0.001)^(1/2) − 1 against (10 / 0.001)^(1/6) − 1
    assert measure(fm.INCREASE, 5, 2021, 0, 2019, 10, 2025) == (19.1429294475, 5.0, "substantial")
    # 待機児童 24 → 15 in two years, target 0 → 0.001 in six
    assert measure(fm.DECREASE, 15, 2021, 24, 2019, 0, 2025) == (0.2573469437, -1.4277124896, "limited")
    ind = Indicator(name="待機児童数", direction="decrease", baseline=Value(value=24, year=2019),
                    target=Value(value=0, year=2025), actuals=[Actual(year=2021, value=15)])
    row = assess_indicators([ind])[0].to_json()
    assert (row["cagr_ratio"], row["cagr_score"], row["cagr_status"], row["warnings"]) == (
        0.257, -1.43, "limited", ["cagr_zero_target", "achievement_zero_target"])


def test_fewer_than_two_points_gives_no_result() -> None:
    assert measure(fm.INCREASE, 45, 2019, 40, 2019, 60, 2025) == (None, None, None)
    assert measure(fm.INCREASE, 45, 2021, 40, NAN, 60, 2025) == (None, None, None)
    ind = Indicator(name="x", direction="increase", target=Value(value=60, year=2030), actuals=[Actual(year=2020, value=40)])
    assert assess_indicators([ind])[0].cagr_status is None


def test_base_point_falls_back_to_the_first_observation() -> None:
    # no baseline: 40 in 2020 is the base; 45 in 2023 against 60 in 2030 is the worked example
    ind = Indicator(name="x", direction="increase", target=Value(value=60, year=2030),
                    actuals=[Actual(year=2020, value=40), Actual(year=2023, value=45)])
    last = assess_indicators([ind])[-1]
    assert (round(last.cagr_ratio, 10), round(last.cagr_score, 10), last.cagr_status) == (
        0.9676693875, 2.6262656683, "substantial")


def test_negative_values_and_opposite_signs() -> None:
    # −10 → −8 in two years, aiming at −5 in six: the sign of the base flips the ratio back
    assert measure(fm.INCREASE, -8, 2021, -10, 2019, -5, 2025) == (0.9676587406, 2.6261896181, "substantial")
    assert measure(fm.INCREASE, 3, 2021, -5, 2019, 10, 2025) == (None, None, None)
    ind = Indicator(name="人口の社会増減", direction="increase", baseline=Value(value=-5, year=2019),
                    target=Value(value=10, year=2025), actuals=[Actual(year=2021, value=3)])
    assert assess_indicators([ind])[0].warnings == ("cagr_opposite_signs",)


def test_without_a_numeric_target_the_growth_thresholds() -> None:
    assert measure(fm.INCREASE, 104, 2021, 100, 2019) == (0.0198039027, 4.9019513593, "substantial")
    assert measure(fm.INCREASE, 101, 2021, 100, 2019) == (0.0049875621, -0.0062189440, "limited")
    assert measure(fm.INCREASE, 100.3, 2021, 100, 2019)[2] == "limited"
    assert measure(fm.DECREASE, 101, 2021, 100, 2019) == (-0.0049875621, -3.1234452640, "deterioration")
    assert measure(fm.INCREASE, 99, 2021, 100, 2019) == (-0.0050125629, -3.1265703617, "deterioration")


def test_limit_scales_the_growth_thresholds() -> None:
    coeff = sdg.limit_coefficient(np.array([90.0, 150.0, 200.0, 100.0, 5.0]), np.array([100.0, 100.0, 100.0, 100.0, NAN]))
    assert [round(float(c), 10) for c in coeff] == [0.373621645, 0.953929087, 1.0, 0.0, 1.0]
    # 90 growing 0.2 % a year: limited on its own, moderate 10 % below a limit of 100
    # (thresholds 1.5 % and 0.5 % × 0.3736 = 0.56 % and 0.19 %; score 250 × 0.002 / 0.3736 − 1.25)
    grown = 90 * 1.002**2
    assert measure(fm.INCREASE, grown, 2021, 90, 2019)[2] == "limited"
    assert measure(fm.INCREASE, grown, 2021, 90, 2019, limit=100) == (0.002, 0.088252231, "moderate")
    assert measure(fm.INCREASE, 100.5, 2021, 100, 2019, limit=100)[1:] == (5.0, "substantial")  # at the limit
    assert measure(fm.INCREASE, 99.5, 2021, 100, 2019, limit=100)[2] == "deterioration"


def test_maintain_and_qualitative_have_no_result() -> None:
    assert measure(fm.MAINTAIN, 95, 2021, 96.5, 2019) == (None, None, None)
    assert measure(fm.QUALITATIVE, 95, 2021, 96.5, 2019, 100, 2025) == (None, None, None)


def test_target_equal_to_base_has_no_ratio() -> None:
    assert measure(fm.INCREASE, 45, 2021, 40, 2019, 40, 2025)[1:] == (5.0, "target_achieved")
    assert measure(fm.INCREASE, 35, 2021, 40, 2019, 40, 2025) == (None, None, None)


@given(r=st.floats(-1e6, 1e6, allow_nan=False))
def test_quantitative_score_stays_within_5_and_follows_the_status(r: float) -> None:
    s, code = sdg.target_method_score(np.array([r]))
    score, status = float(s[0]), CAGR_STATUSES[int(code[0])]
    assert -5 <= score <= 5
    assert status == ("substantial" if r >= 0.95 else "moderate" if r >= 0.6 else "limited" if r >= 0 else "deterioration")


@given(r=st.floats(-10, 10, allow_nan=False), coeff=st.floats(0, 1))
def test_growth_score_stays_within_5(r: float, coeff: float) -> None:
    s, code = sdg.growth_method_score(np.array([r]), coeff)
    assert -5 <= float(s[0]) <= 5
    assert (int(code[0]) == sdg.DETERIORATION) == (r < 0)
