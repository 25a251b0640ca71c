"""Project money (keikaku.domain.money) and its printing (keikaku.services.formatting), by hand-computed cases."""

from __future__ import annotations

from decimal import Decimal

import pytest

from keikaku.domain.money import (
    FundingSource,
    NoValue,
    ProjectYear,
    SpendingBasis,
    StaffRate,
    actual_decimal,
    amount,
    cost_per_unit,
    frame_lines,
    full_cost,
    person_years,
    staff_cost,
    total,
)
from keikaku.services.formatting import thousand_yen, unit_cost, yen_words

RATE = StaffRate(year=2024, regular=8_350_000, fixed_term=3_000_000)


def test_funding_sources_in_sheet_order_with_labels() -> None:
    assert [s.label_ja for s in FundingSource] == ["国庫支出金", "都道府県支出金", "地方債", "その他特定財源", "一般財源"]
    assert FundingSource.BONDS.label("en") == "bonds"
    assert FundingSource.GENERAL.value == "general"


def test_spending_is_settlement_else_revised_else_initial() -> None:
    both = ProjectYear(2024, initial_budget=210_000_000, revised_budget=224_000_000, settlement=219_876_500)
    assert (both.spending, both.spending_basis, both.budget) == (219_876_500, SpendingBasis.SETTLEMENT, 224_000_000)
    revised = ProjectYear(2025, initial_budget=98_000_000, revised_budget=99_500_000)
    assert (revised.spending, revised.spending_basis) == (99_500_000, SpendingBasis.REVISED)
    initial = ProjectYear(2025, initial_budget=98_000_000)
    assert (initial.spending, initial.spending_basis, initial.budget) == (98_000_000, SpendingBasis.INITIAL, 98_000_000)
    zero = ProjectYear(2025, initial_budget=5_000_000, settlement=0)  # a settlement of 0 is a settlement
    assert (zero.spending, zero.spending_basis) == (0, SpendingBasis.SETTLEMENT)
    assert ProjectYear(2025).spending is None and ProjectYear(2025).spending_basis is None


def test_full_cost_by_hand() -> None:
    # 認定こども園整備事業 FY2024: settlement 219,876,500 yen;
    # staff 1.50 × 8,350,000 = 12,525,000 and 0.80 × 3,000,000 = 2,400,000 → 14,925,000;
    # full cost 219,876,500 + 14,925,000 = 234,801,500.
    record = ProjectYear(2024, initial_budget=210_000_000, revised_budget=224_000_000, settlement=219_876_500,
                         regular_staff=person_years("1.5"), fixed_term_staff=person_years("0.8"))
    cost = full_cost(record, RATE)
    assert (cost.spending, cost.basis, cost.staff, cost.full, cost.reason) == (
        219_876_500, SpendingBasis.SETTLEMENT, 14_925_000, 234_801_500, None)


def test_staff_cost_rounds_once_half_up() -> None:
    # 0.01 × 7,777,777 = 77,777.77 and 0.01 × 1,234,567 = 12,345.67 → 90,123.44 → 90,123 (rounded once)
    rate = StaffRate(2024, regular=7_777_777, fixed_term=1_234_567)
    record = ProjectYear(2024, initial_budget=1, regular_staff=person_years("0.01"), fixed_term_staff=person_years("0.01"))
    assert staff_cost(record, rate) == 90_123
    # 0.05 × 10 = 0.5 → 1 (half up); 0.05 × 10 + 0.05 × 10 = 1.0 → 1, where rounding each part
    # first would make 1 + 1 = 2.
    tiny = StaffRate(2024, regular=10, fixed_term=10)
    assert staff_cost(ProjectYear(2024, regular_staff=Decimal("0.05")), tiny) == 1
    assert staff_cost(ProjectYear(2024, regular_staff=Decimal("0.05"), fixed_term_staff=Decimal("0.05")), tiny) == 1


def test_staff_cost_without_staff_or_without_rate() -> None:
    no_staff = ProjectYear(2024, settlement=1_000, regular_staff=Decimal("0"))
    assert staff_cost(no_staff, None) == 0
    assert full_cost(no_staff, None).full == 1_000
    staffed = ProjectYear(2024, settlement=1_000, regular_staff=Decimal("0.5"))
    cost = full_cost(staffed, None)
    assert (cost.staff, cost.full, cost.reason) == (None, None, NoValue.NO_STAFF_RATE)
    nothing = full_cost(ProjectYear(2024, regular_staff=Decimal("1")), RATE)
    assert (nothing.spending, nothing.staff, nothing.full, nothing.reason) == (None, 8_350_000, None, NoValue.NO_SPENDING)


def test_cost_per_unit_by_hand() -> None:
    # 234,801,500 yen ÷ 6 children = 39,133,583.333… → 39,133,583.33
    assert cost_per_unit(234_801_500, Decimal(6)).value == Decimal("39133583.33")
    # 234,801,500 ÷ 58.9 (%) = 3,986,443.123938… → 3,986,443.12
    assert cost_per_unit(234_801_500, Decimal("58.9")).value == Decimal("3986443.12")
    # 1 yen ÷ 8 = 0.125 → 0.13 (half up, not to even)
    assert cost_per_unit(1, Decimal(8)).value == Decimal("0.13")
    # 12,363,123 ÷ 14,100 participants = 876.817234… → 876.82
    assert cost_per_unit(12_363_123, Decimal(14100)).value == Decimal("876.82")


def test_a_decrease_target_has_no_cost_per_unit_whatever_its_actual() -> None:
    # 234,801,500 ÷ 6 waiting children would read 39,133,583.33, and fall as more children wait
    for full, actual in ((234_801_500, Decimal(6)), (234_801_500, None), (None, Decimal(6)), (1000, Decimal(0))):
        unit = cost_per_unit(full, actual, lower_is_better=True)
        assert (unit.value, unit.reason) == (None, NoValue.LOWER_IS_BETTER)
    assert cost_per_unit(234_801_500, Decimal(6), lower_is_better=False).value == Decimal("39133583.33")


@pytest.mark.parametrize(("full", "actual", "reason"), [
    (1000, None, NoValue.NO_ACTUAL), (1000, Decimal(0), NoValue.ZERO_ACTUAL), (1000, Decimal("-3"), NoValue.NEGATIVE_ACTUAL),
    (None, Decimal(5), NoValue.NO_FULL_COST),
])
def test_cost_per_unit_has_a_named_reason_when_meaningless(full: int | None, actual: Decimal | None, reason: NoValue) -> None:
    unit = cost_per_unit(full, actual)
    assert (unit.value, unit.reason) == (None, reason)


def test_actuals_read_as_printed_not_as_binary_floats() -> None:
    assert actual_decimal(54.1) == Decimal("54.1")
    assert actual_decimal(0.1 + 0.2) == Decimal("0.30000000000000004")  # what is stored is kept, not guessed
    assert actual_decimal(6.0) == Decimal(6) and actual_decimal(None) is None


def test_person_years_and_amounts_refuse_what_is_not_exact() -> None:
    assert person_years("1.5") == Decimal("1.50") and person_years(2) == Decimal("2.00")
    for bad in ("0.001", "-0.5", "NaN", "abc", "100001"):
        with pytest.raises(ValueError):
            person_years(bad)
    assert amount(0) == 0
    for bad_amount in (-1, 10**15, 1.0, True):
        with pytest.raises(ValueError):
            amount(bad_amount)  # type: ignore[arg-type]


def test_sums_over_many_rows_are_exact() -> None:
    # 10,000 rows of 0.1千円 (100 yen) and 10,000 of 1,234.567千円 (1,234,567 yen): 1,000,000 + 12,345,670,000
    rows = [100] * 10_000 + [1_234_567] * 10_000
    assert total(rows) == 12_346_670_000
    assert sum(0.1 for _ in range(10_000)) != 1000.0  # what floats would have done
    assert total([None, None]) is None and total([None, 0]) == 0


def test_funding_total_counts_only_what_is_recorded() -> None:
    record = ProjectYear(2024, settlement=5_188_123, funding=((FundingSource.OTHER_EARMARKED, 700_000),
                                                               (FundingSource.GENERAL, 4_488_123), (FundingSource.BONDS, None)))
    assert record.funding_total == 5_188_123 == record.spending
    assert record.funding_of(FundingSource.BONDS) is None and ProjectYear(2024).funding_total is None


def test_frame_comparison_difference_is_projects_minus_planned() -> None:
    planned = {(1, 2024): 215_000_000, (2, 2024): 420_000_000, (3, 2024): 5_000_000}
    spending = [(1, 2024, 219_876_500), (2, 2024, 300_000_000), (2, 2024, 128_012_000), (4, 2024, 2_188_000), (3, 2024, None)]
    lines = {(x.node_id, x.year): x for x in frame_lines(planned, spending)}
    assert (lines[(1, 2024)].actual, lines[(1, 2024)].difference) == (219_876_500, 4_876_500)
    assert (lines[(2, 2024)].actual, lines[(2, 2024)].projects, lines[(2, 2024)].difference) == (428_012_000, 2, 8_012_000)
    assert (lines[(3, 2024)].actual, lines[(3, 2024)].difference) == (None, None)  # no spending recorded: no difference
    assert (lines[(4, 2024)].planned, lines[(4, 2024)].difference) == (None, None)  # outside the frame
    assert [k for k in lines] == [(1, 2024), (2, 2024), (3, 2024), (4, 2024)]


def test_amounts_printed_as_cities_print_them() -> None:
    assert thousand_yen(1_234_567) == "1,235"
    assert thousand_yen(1_234_499) == "1,234"
    assert thousand_yen(1_500) == "2" and thousand_yen(499) == "0"
    assert thousand_yen(-4_876_500) == "△4,877"
    assert thousand_yen(None) == ""
    assert yen_words(312_345_678) == "3億1,235万円"
    assert yen_words(500_000_000) == "5億円"
    assert yen_words(99_995_000) == "1億円"  # 9,999.5万 rounds up into 億
    assert yen_words(12_345_678) == "1,235万円"
    assert yen_words(9_800) == "9,800円"
    assert yen_words(-8_012_000) == "△801万円"
    assert yen_words(123_400_000_000) == "1,234億円"
    assert unit_cost(Decimal("39133583.33")) == "39,133,583.33"
    assert unit_cost(Decimal("0.5")) == "0.50" and unit_cost(None) == ""
