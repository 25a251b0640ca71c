"""Money beside results: what the plan and measure pages show of a plan's project money.

For a plan or one measure (施策) it gathers, from the cost report of every fiscal year in which
the plan has money recorded (keikaku.services.costs.cost_report, for one audience):

- **cost per year**, stacked by funding source (国庫支出金 … 一般財源), with the part of the
  spending whose sources are not given and the staff cost (人件費) on top: the stack is the full
  cost (トータルコスト) when every project has one;
- **cost per outcome over time**: the measure's cost per unit of each of its indicators, year by
  year (a measure page only: cost per unit belongs to a measure's indicators);
- **projects ranked by cost** in the ranking year (the latest year with a settlement, else the
  latest with any money), and **listed by direction** once project evaluations give one
  (``project_directions``);
- the **financial frame** compared (planned against the projects' spending, difference), every year.

One typed context (``MoneyView``) that the page section, its JSON twin (``/api/v1/…/costs``), its
CSV download (``…/costs.csv``) and the static site render. The public sees costs per unit computed
from published actuals only (``Audience.PUBLIC``). A plan without any money recorded has no view
(``None``): its pages show no money section.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Engine

from keikaku.domain.errors import NotFoundError
from keikaku.domain.money import FundingSource, NoValue, SpendingBasis, total
from keikaku.services.costs import CostReport, FrameRow, NodeRef, ProjectCost, cost_report
from keikaku.services.readmodel import Audience
from keikaku.storage import budget_store as store
from keikaku.storage import project_sheet_store as sheet_store
from keikaku.storage.database import transaction

# The parts a year's cost is stacked by, bottom to top (charts.MONEY_PARTS gives each its colour).
PARTS = (*(s.value for s in FundingSource), "unspecified", "staff")
PART_WORDS: dict[str, tuple[str, str]] = {
    "national": ("国庫支出金", "National grants"),
    "prefectural": ("都道府県支出金", "Prefectural grants"),
    "bonds": ("地方債", "Bonds"),
    "other_earmarked": ("その他特定財源", "Other earmarked revenue"),
    "general": ("一般財源", "General revenue"),
    "unspecified": ("財源内訳なし", "Sources not given"),
    "staff": ("人件費", "Staff cost"),
}


def part_label(key: str, lang: str = "ja") -> str:
    return PART_WORDS[key][1 if lang == "en" else 0]


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


@dataclass(frozen=True)
class YearCost:
    """The money of the scope in one fiscal year (int yen): ``parts`` in PARTS order (0 for none)."""

    year: int
    projects: int  # projects with money recorded that year
    parts: tuple[tuple[str, int], ...]
    spending: int | None
    staff_cost: int | None
    full_cost: int | None
    incomplete: tuple[str, ...]  # projects without a full cost (their spending or staff cost unknown)

    @property
    def stacked(self) -> int:
        return sum(v for _, v in self.parts)

    def to_json(self) -> dict[str, object]:
        return {"year": self.year, "projects": self.projects, "parts": dict(self.parts), "spending": self.spending,
                "staff_cost": self.staff_cost, "full_cost": self.full_cost, "incomplete": list(self.incomplete)}


@dataclass(frozen=True)
class UnitCostPoint:
    year: int
    actual: Decimal | None
    value: Decimal | None  # yen per unit, two decimals
    reason: str | None
    basis: str | None = None  # the least settled spending basis of the measure's projects that year

    @property
    def settled(self) -> bool:
        """Whether the year's cost rests on settlements (決算額) only, not on a budget."""
        return self.basis == SpendingBasis.SETTLEMENT.value

    def to_json(self) -> dict[str, object]:
        return {"year": self.year, "actual": _text(self.actual), "value": _text(self.value), "reason": self.reason,
                "basis": self.basis}


_SETTLEDNESS = (SpendingBasis.INITIAL.value, SpendingBasis.REVISED.value, SpendingBasis.SETTLEMENT.value)


def year_basis(bases: Iterable[str | None]) -> str | None:
    """The basis a year's summed cost rests on: the least settled of its projects' (当初予算 <
    補正後予算 < 決算額), so a year with one budgeted project is not shown as settled."""
    given = [b for b in bases if b in _SETTLEDNESS]
    return min(given, key=_SETTLEDNESS.index) if given else None


@dataclass(frozen=True)
class UnitCostSeries:
    """A measure's cost per unit of one indicator, year by year."""

    indicator_id: int
    indicator: str
    kind: str | None
    unit: str | None
    points: tuple[UnitCostPoint, ...]

    @property
    def computed(self) -> bool:
        """False for an indicator whose target is a decrease: it never has a cost per unit."""
        return not all(p.reason == NoValue.LOWER_IS_BETTER.value for p in self.points)

    def to_json(self) -> dict[str, object]:
        return {"indicator_id": self.indicator_id, "indicator": self.indicator, "kind": self.kind, "unit": self.unit,
                "points": [p.to_json() for p in self.points]}


@dataclass(frozen=True)
class RankedProject:
    rank: int
    id: int
    name: str
    node: NodeRef
    department: str | None
    spending: int | None
    spending_basis: str | None
    staff_cost: int | None
    full_cost: int | None
    direction: str | None  # 拡充, 継続 … from the project's evaluation; None until it has one

    def to_json(self) -> dict[str, object]:
        return {"rank": self.rank, "id": self.id, "name": self.name, "node": self.node.to_json(),
                "department": self.department, "spending": self.spending, "spending_basis": self.spending_basis,
                "staff_cost": self.staff_cost, "full_cost": self.full_cost, "direction": self.direction}


@dataclass(frozen=True)
class MoneyView:
    """A plan's (``node`` None) or a measure's money over the years, for one audience."""

    plan_id: int
    plan_title: str
    fictional: bool
    node: NodeRef | None
    audience: str
    years: tuple[YearCost, ...]
    rank_year: int
    ranked: tuple[RankedProject, ...]
    unit_costs: tuple[UnitCostSeries, ...]
    frame: tuple[FrameRow, ...]

    @property
    def scope(self) -> str:
        return "plan" if self.node is None else "node"

    @property
    def by_direction(self) -> tuple[tuple[str, tuple[RankedProject, ...]], ...]:
        """The ranked projects that have a direction, grouped by it (in the order first met)."""
        groups: dict[str, list[RankedProject]] = {}
        for p in self.ranked:
            if p.direction:
                groups.setdefault(p.direction, []).append(p)
        return tuple((d, tuple(ps)) for d, ps in groups.items())

    @property
    def latest(self) -> YearCost:
        return next(y for y in self.years if y.year == self.rank_year)

    def to_json(self) -> dict[str, object]:
        return {
            "plan": {"id": self.plan_id, "title": self.plan_title, "fictional": self.fictional},
            "node": None if self.node is None else self.node.to_json(), "audience": self.audience,
            "rank_year": self.rank_year, "years": [y.to_json() for y in self.years],
            "ranked": [p.to_json() for p in self.ranked],
            "by_direction": [{"direction": d, "projects": [p.id for p in ps]} for d, ps in self.by_direction],
            "unit_costs": [s.to_json() for s in self.unit_costs], "frame": [f.to_json() for f in self.frame],
        }


def project_directions(engine: Engine, *, project_ids: list[int], year: int) -> dict[int, str]:
    """The direction (拡充, 継続, 改善, 縮小, 統合, 廃止, 終了) each project's approved evaluation of
    fiscal ``year`` gave, by project id; projects without an approved evaluation are left out."""
    with transaction(engine) as session:
        sheets = sheet_store.approved_project_sheets(session, project_ids=project_ids, year=year)
    return {row.sheet.project_id: row.sheet.direction for row in sheets if row.sheet.direction}


def _year_cost(year: int, projects: list[ProjectCost]) -> YearCost:
    recorded = [p for p in projects if p.recorded]
    parts: dict[str, int] = dict.fromkeys(PARTS, 0)
    for p in recorded:
        funding = dict(p.funding)
        for source in FundingSource:
            parts[source.value] += funding[source.value] or 0
        if p.spending is not None:
            parts["unspecified"] += p.spending - sum(v or 0 for v in funding.values())
        parts["staff"] += p.staff_cost or 0
    return YearCost(year=year, projects=len(recorded), parts=tuple(parts.items()),
                    spending=total(p.spending for p in recorded), staff_cost=total(p.staff_cost for p in recorded),
                    full_cost=total(p.full_cost for p in recorded),
                    incomplete=tuple(p.name for p in recorded if p.full_cost is None))


def _rank_year(years: list[tuple[int, list[ProjectCost]]]) -> int:
    settled = [y for y, ps in years if any(p.recorded and p.settlement is not None for p in ps)]
    spent = [y for y, ps in years if any(p.recorded for p in ps)]
    return (settled or spent or [y for y, _ in years])[-1]


def _ranked(engine: Engine, year: int, projects: list[ProjectCost]) -> tuple[RankedProject, ...]:
    recorded = [p for p in projects if p.recorded]
    directions = project_directions(engine, project_ids=[p.id for p in recorded], year=year)
    order = sorted(recorded, key=lambda p: (p.full_cost is None, -(p.full_cost or 0), -(p.spending or 0), p.name))
    return tuple(RankedProject(rank=i, id=p.id, name=p.name, node=p.node, department=p.department, spending=p.spending,
                               spending_basis=p.spending_basis, staff_cost=p.staff_cost, full_cost=p.full_cost,
                               direction=directions.get(p.id))
                 for i, p in enumerate(order, start=1))


def _view(engine: Engine, plan_id: int, node_id: int | None, audience: Audience) -> MoneyView | None:
    with transaction(engine) as session:
        years = store.budget_years(session, plan_id=plan_id)
    if not years:
        return None
    reports: list[CostReport] = [cost_report(engine, plan=plan_id, year=y, audience=audience) for y in years]
    first = reports[0]
    if node_id is not None and not any(p.node.id == node_id for p in first.projects) \
            and not any(f.node.id == node_id for r in reports for f in r.frame):
        return None  # a node without projects or a frame: nothing of money to show
    scoped = [(r.year, [p for p in r.projects if node_id is None or p.node.id == node_id]) for r in reports]
    with_money = [(y, ps) for y, ps in scoped if any(p.recorded for p in ps)]
    frame = tuple(f for r in reports for f in r.frame if node_id is None or f.node.id == node_id)
    if not with_money and not frame:
        return None
    rank_year = _rank_year(with_money or scoped)
    ranked = _ranked(engine, rank_year, dict(scoped)[rank_year])
    unit_costs: tuple[UnitCostSeries, ...] = ()
    if node_id is not None:
        series: dict[int, UnitCostSeries] = {}
        for r in reports:
            measure = next((mc for mc in r.measures if mc.node.id == node_id), None)
            if measure is None or not any(p.recorded for p in dict(scoped)[r.year]):
                continue
            basis = year_basis(p.spending_basis for p in dict(scoped)[r.year] if p.recorded)
            for c in measure.cost_per_unit:
                old = series.get(c.indicator_id) or UnitCostSeries(c.indicator_id, c.indicator, c.kind, c.unit, ())
                point = UnitCostPoint(r.year, c.actual, c.value, c.reason, basis)
                series[c.indicator_id] = UnitCostSeries(old.indicator_id, old.indicator, old.kind, old.unit, (*old.points, point))
        unit_costs = tuple(series.values())
    node = None
    if node_id is not None:
        node = next((p.node for p in first.projects if p.node.id == node_id), None) or next(
            f.node for r in reports for f in r.frame if f.node.id == node_id)
    return MoneyView(plan_id=first.plan_id, plan_title=first.plan_title, fictional=first.fictional, node=node,
                     audience=audience.value, years=tuple(_year_cost(y, ps) for y, ps in with_money),
                     rank_year=rank_year, ranked=ranked, unit_costs=unit_costs, frame=frame)


def plan_money(engine: Engine, plan_id: int, *, audience: Audience = Audience.PUBLIC) -> MoneyView | None:
    """The money of plan ``plan_id`` (None: no money recorded); NotFoundError for an unknown plan."""
    with transaction(engine) as session:
        from keikaku.storage import repository as repo

        repo.get_plan(session, ref=plan_id)
    return _view(engine, plan_id, None, audience)


def node_money(engine: Engine, node_id: int, *, audience: Audience = Audience.PUBLIC) -> MoneyView | None:
    """The money of measure ``node_id``: its projects and its frame (None: none recorded);
    NotFoundError for an unknown node."""
    with transaction(engine) as session:
        plan_id = store.node_plan(session, node_id=node_id)
    if plan_id is None:
        raise NotFoundError(f"no node {node_id}")
    return _view(engine, plan_id, node_id, audience)


# --- CSV: one row per project and fiscal year, amounts in exact yen ----------------------------------

CSV_COLUMNS = ("年度", "施策", "事業ID", "事業名", "所管課", "当初予算", "補正後予算", "決算額", "事業費", "事業費の基準",
               "国庫支出金", "都道府県支出金", "地方債", "その他特定財源", "一般財源", "正規職員（人工）",
               "会計年度任用職員（人工）", "人件費", "トータルコスト")
BASIS_WORDS = {"settlement": "決算額", "revised": "補正後予算", "initial": "当初予算"}


def money_csv(engine: Engine, view: MoneyView) -> bytes:
    """The CSV of a view: every project-year of its scope with money recorded (UTF-8 with BOM, as
    the open-data CSV), amounts in yen, person-years as printed ("1.50")."""
    audience = Audience(view.audience)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for year in view.years:
        report = cost_report(engine, plan=view.plan_id, year=year.year, audience=audience)
        for p in report.projects:
            if not p.recorded or (view.node is not None and p.node.id != view.node.id):
                continue
            funding = dict(p.funding)
            writer.writerow([year.year, p.node.label, p.id, p.name, p.department or "", *_cells(
                p.initial_budget, p.revised_budget, p.settlement, p.spending), BASIS_WORDS.get(p.spending_basis or "", ""),
                *_cells(*(funding[s.value] for s in FundingSource)), _text(p.regular_staff) or "",
                _text(p.fixed_term_staff) or "", *_cells(p.staff_cost, p.full_cost)])
    return out.getvalue().encode("utf-8-sig")


def _cells(*amounts: int | None) -> list[object]:
    return ["" if a is None else a for a in amounts]
