"""Money of a project (主な事業 / 事務事業) per fiscal year: amounts, funding, staff time, full cost,
cost per unit of an indicator, and the financial frame (財政フレーム) of an action plan.

Pure: no I/O. The rules (docs/costs.md says the same):

- An amount is an ``int`` of yen. Floats never hold money; ``Decimal`` holds only person-years and
  rates such as a cost per unit.
- Person-years (人工) have at most two decimals (0.01 person-year); ``person_years`` refuses finer.
- Spending (事業費) of a project-year is its settlement (決算額) when recorded, else its revised
  budget (補正後予算), else its initial budget (当初予算); ``spending_basis`` names the one used.
  With none of the three there is no spending, and so no full cost.
- Staff cost (人件費) = regular person-years × the city's cost per regular employee + fixed-term
  person-years × its cost per fixed-term employee (会計年度任用職員) of that year, computed exactly
  and rounded once, half up, to whole yen (at most 0.99 yen moves). No person-years means no staff
  time: staff cost 0, rate or not. Person-years without a rate for the year: staff cost unknown.
- Full cost (トータルコスト) = spending + staff cost, when both are known.
- Cost per unit = full cost ÷ the indicator's actual of the year, rounded half up to 0.01 yen.
  No value and a named reason when the full cost or the actual is missing, or the actual is 0 or
  negative.
- The financial frame: the planned amount of a measure for a year against the sum of the spending
  of the measure's projects that year; difference = projects − planned (positive: over the frame).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

Yen = int
MAX_AMOUNT = 10**15  # one quadrillion yen: more than any city's budget, far within BIGINT
MAX_PERSON_YEARS = Decimal(100000)
PERSON_YEAR_STEP = Decimal("0.01")
UNIT_COST_STEP = Decimal("0.01")  # cost per unit: yen to two decimals (銭)


class FundingSource(StrEnum):
    """財源: where a project's money comes from, in the order budget sheets print them."""

    NATIONAL = "national"  # 国庫支出金
    PREFECTURAL = "prefectural"  # 都道府県支出金
    BONDS = "bonds"  # 地方債
    OTHER_EARMARKED = "other_earmarked"  # その他特定財源
    GENERAL = "general"  # 一般財源

    @property
    def label_ja(self) -> str:
        return _FUNDING_LABELS[self][0]

    @property
    def label_en(self) -> str:
        return _FUNDING_LABELS[self][1]

    def label(self, lang: str = "ja") -> str:
        return self.label_en if lang == "en" else self.label_ja


_FUNDING_LABELS = {
    FundingSource.NATIONAL: ("国庫支出金", "national grants"),
    FundingSource.PREFECTURAL: ("都道府県支出金", "prefectural grants"),
    FundingSource.BONDS: ("地方債", "bonds"),
    FundingSource.OTHER_EARMARKED: ("その他特定財源", "other earmarked revenue"),
    FundingSource.GENERAL: ("一般財源", "general revenue"),
}


class SpendingBasis(StrEnum):
    SETTLEMENT = "settlement"  # 決算額
    REVISED = "revised"  # 補正後予算
    INITIAL = "initial"  # 当初予算


class NoValue(StrEnum):
    """Why a cost has no value."""

    NO_SPENDING = "no_spending"  # neither settlement nor budget recorded
    NO_STAFF_RATE = "no_staff_rate"  # person-years recorded, but no cost per person for the year
    NO_FULL_COST = "no_full_cost"  # cost per unit of a project without a full cost
    NO_ACTUAL = "no_actual"  # the indicator has no actual for the year
    ZERO_ACTUAL = "zero_actual"  # the actual is 0: no cost per unit of nothing
    NEGATIVE_ACTUAL = "negative_actual"  # a negative actual gives no meaningful cost per unit
    INCOMPLETE = "incomplete"  # a measure some of whose projects have no full cost
    LOWER_IS_BETTER = "lower_is_better"  # the target is a decrease: cost per unit would fall as results worsen


def amount(value: int) -> Yen:
    """An amount of yen, checked: a non-negative int below ``MAX_AMOUNT`` (bool refused)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"an amount is whole yen (int), not {type(value).__name__}")
    if not 0 <= value < MAX_AMOUNT:
        raise ValueError(f"an amount is 0 or more and below {MAX_AMOUNT:,} yen: {value:,}")
    return value


def person_years(value: Decimal | int | str) -> Decimal:
    """Person-years (人工) as a Decimal with two decimals: '1.5' → Decimal('1.50').

    Raises ValueError for a negative value, more than two decimals, or more than 100,000.
    """
    try:
        number = Decimal(str(value)) if not isinstance(value, Decimal) else value
    except ArithmeticError:
        raise ValueError(f"not a number of person-years: {value!r}") from None
    if not number.is_finite():
        raise ValueError(f"not a number of person-years: {value!r}")
    if number < 0:
        raise ValueError(f"person-years cannot be negative: {number}")
    if number > MAX_PERSON_YEARS:
        raise ValueError(f"more than {MAX_PERSON_YEARS} person-years: {number}")
    if number != number.quantize(PERSON_YEAR_STEP):
        raise ValueError(f"person-years have at most two decimals (0.01): {number}")
    return number.quantize(PERSON_YEAR_STEP)


@dataclass(frozen=True)
class StaffRate:
    """The city's cost per person per year (職員1人当たり人件費) for one fiscal year."""

    year: int
    regular: Yen  # 正規職員
    fixed_term: Yen  # 会計年度任用職員


@dataclass(frozen=True)
class ProjectYear:
    """The money of one project in one fiscal year. ``None``: not recorded (unlike 0)."""

    year: int
    initial_budget: Yen | None = None
    revised_budget: Yen | None = None
    settlement: Yen | None = None
    funding: tuple[tuple[FundingSource, Yen | None], ...] = ()
    regular_staff: Decimal | None = None  # person-years of regular employees
    fixed_term_staff: Decimal | None = None  # person-years of fixed-term employees

    def funding_of(self, source: FundingSource) -> Yen | None:
        return dict(self.funding).get(source)

    @property
    def budget(self) -> Yen | None:
        """The budget in force: the revised budget when there is one, else the initial budget."""
        return self.revised_budget if self.revised_budget is not None else self.initial_budget

    @property
    def spending_basis(self) -> SpendingBasis | None:
        if self.settlement is not None:
            return SpendingBasis.SETTLEMENT
        if self.revised_budget is not None:
            return SpendingBasis.REVISED
        if self.initial_budget is not None:
            return SpendingBasis.INITIAL
        return None

    @property
    def spending(self) -> Yen | None:
        """事業費: settlement, else revised budget, else initial budget (see the module's rules)."""
        basis = self.spending_basis
        if basis is None:
            return None
        return {SpendingBasis.SETTLEMENT: self.settlement, SpendingBasis.REVISED: self.revised_budget,
                SpendingBasis.INITIAL: self.initial_budget}[basis]

    @property
    def funding_total(self) -> Yen | None:
        """The sum of the funding recorded (an empty source counts 0); None when none is recorded."""
        given = [v for _, v in self.funding if v is not None]
        return sum(given) if given else None


def round_half_up(value: Decimal, step: Decimal = Decimal(1)) -> Decimal:
    return value.quantize(step, rounding=ROUND_HALF_UP)


def staff_cost(record: ProjectYear, rate: StaffRate | None) -> Yen | None:
    """人件費 of a project-year: person-years × cost per person, exact, rounded once half up to yen."""
    regular = record.regular_staff or Decimal(0)
    fixed = record.fixed_term_staff or Decimal(0)
    if regular == 0 and fixed == 0:
        return 0
    if rate is None:
        return None
    return int(round_half_up(regular * rate.regular + fixed * rate.fixed_term))


@dataclass(frozen=True)
class FullCost:
    """A project-year's full cost and its parts; ``reason`` says why ``full`` is None."""

    spending: Yen | None
    basis: SpendingBasis | None
    staff: Yen | None
    full: Yen | None
    reason: NoValue | None


def full_cost(record: ProjectYear, rate: StaffRate | None) -> FullCost:
    """トータルコスト = 事業費 + 人件費 (see the module's rules)."""
    spending, staff = record.spending, staff_cost(record, rate)
    if spending is None:
        return FullCost(None, None, staff, None, NoValue.NO_SPENDING)
    if staff is None:
        return FullCost(spending, record.spending_basis, None, None, NoValue.NO_STAFF_RATE)
    return FullCost(spending, record.spending_basis, staff, spending + staff, None)


@dataclass(frozen=True)
class UnitCost:
    """Cost per unit of one indicator: yen per unit (two decimals) or a reason for none."""

    value: Decimal | None
    reason: NoValue | None


def cost_per_unit(full: Yen | None, actual: Decimal | None, *, lower_is_better: bool = False) -> UnitCost:
    """full ÷ actual, rounded half up to 0.01 yen; None with a reason when it has no meaning.

    An indicator whose target is a decrease (待機児童数, 事故件数) has no cost per unit: the
    quotient would fall as more children wait, so a "cheaper" result would be a worse one."""
    if lower_is_better:
        return UnitCost(None, NoValue.LOWER_IS_BETTER)
    if full is None:
        return UnitCost(None, NoValue.NO_FULL_COST)
    if actual is None:
        return UnitCost(None, NoValue.NO_ACTUAL)
    if actual == 0:
        return UnitCost(None, NoValue.ZERO_ACTUAL)
    if actual < 0:
        return UnitCost(None, NoValue.NEGATIVE_ACTUAL)
    return UnitCost(round_half_up(Decimal(full) / actual, UNIT_COST_STEP), None)


def actual_decimal(value: float | int | None) -> Decimal | None:
    """A stored actual (a float as the database keeps it) as the Decimal it reads: 54.1 → 54.1,
    not 54.10000000000000142…; None stays None."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return Decimal(int(value))
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def total(values: Iterable[Yen | None]) -> Yen | None:
    """The exact sum of the amounts given; None when none is."""
    given = [v for v in values if v is not None]
    return sum(given) if given else None


@dataclass(frozen=True)
class FrameLine:
    """One line of the financial frame comparison: a measure's planned amount in a year against
    the spending of its projects (``projects`` counts those with spending)."""

    node_id: int
    year: int
    planned: Yen | None
    actual: Yen | None
    projects: int

    @property
    def difference(self) -> Yen | None:
        """projects − planned: positive when the projects spend more than the frame planned."""
        if self.planned is None or self.actual is None:
            return None
        return self.actual - self.planned


def frame_lines(planned: dict[tuple[int, int], Yen], spending: Iterable[tuple[int, int, Yen | None]]) -> list[FrameLine]:
    """The frame comparison per (measure node, year) found in either the frame or the projects.

    ``planned``: {(node id, year): amount}; ``spending``: (node id, year, spending) per project-year.
    Ordered by node id then year.
    """
    sums: dict[tuple[int, int], list[Yen]] = {}
    for node_id, year, value in spending:
        bucket = sums.setdefault((node_id, year), [])
        if value is not None:
            bucket.append(value)
    keys = sorted(set(planned) | set(sums))
    return [FrameLine(node_id=n, year=y, planned=planned.get((n, y)), actual=sum(sums[(n, y)]) if sums.get((n, y)) else None,
                      projects=len(sums.get((n, y), []))) for n, y in keys]
