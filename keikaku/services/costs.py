"""The cost report of a plan for one fiscal year: every project's money, staff cost, full cost and
cost per unit of its measure's indicators; the measures rolled up; the financial frame compared.

One typed context (``CostReport``) that the CLI's table and JSON, the pages' money sections
(keikaku.services.cost_views) and the exports all render. Amounts are int yen; person-years, actuals and costs per unit are Decimals,
written in JSON as strings ("1.50", "12345.67") so no reader rounds them through floating point.
The rules are keikaku.domain.money's (docs/costs.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Engine

from keikaku.domain.money import (
    FrameLine,
    FundingSource,
    NoValue,
    ProjectYear,
    StaffRate,
    actual_decimal,
    cost_per_unit,
    frame_lines,
    full_cost,
    total,
)
from keikaku.services.budget import budget_snapshot, project_year
from keikaku.services.formatting import node_label
from keikaku.services.readmodel import Audience
from keikaku.storage import budget_store as store
from keikaku.storage import models as m
from keikaku.storage import repository as repo
from keikaku.storage.database import transaction


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


@dataclass(frozen=True)
class NodeRef:
    id: int
    key: str
    label: str

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "key": self.key, "label": self.label}


@dataclass(frozen=True)
class IndicatorCost:
    """Cost per unit of one indicator: the full cost ÷ its actual of the year (``reason`` when none)."""

    indicator_id: int
    indicator: str
    kind: str | None
    unit: str | None
    actual: Decimal | None
    value: Decimal | None
    reason: str | None

    def to_json(self) -> dict[str, object]:
        return {"indicator": self.indicator, "indicator_id": self.indicator_id, "kind": self.kind, "unit": self.unit,
                "actual": _text(self.actual), "value": _text(self.value), "reason": self.reason}


@dataclass(frozen=True)
class Money:
    """Amounts shared by a project-year and a measure's sum (int yen; None: not recorded)."""

    initial_budget: int | None
    revised_budget: int | None
    budget: int | None
    settlement: int | None
    spending: int | None
    funding: tuple[tuple[str, int | None], ...]
    staff_cost: int | None
    full_cost: int | None

    def money_json(self) -> dict[str, object]:
        return {"initial_budget": self.initial_budget, "revised_budget": self.revised_budget, "budget": self.budget,
                "settlement": self.settlement, "spending": self.spending, "funding": dict(self.funding),
                "staff_cost": self.staff_cost, "full_cost": self.full_cost}


@dataclass(frozen=True)
class ProjectCost(Money):
    id: int
    name: str
    node: NodeRef
    department: str | None
    recorded: bool
    spending_basis: str | None
    regular_staff: Decimal | None
    fixed_term_staff: Decimal | None
    reason: str | None
    cost_per_unit: tuple[IndicatorCost, ...]

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "name": self.name, "node": self.node.to_json(), "department": self.department,
                "recorded": self.recorded, **self.money_json(), "spending_basis": self.spending_basis,
                "staff": {"regular": _text(self.regular_staff), "fixed_term": _text(self.fixed_term_staff)},
                "reason": self.reason, "cost_per_unit": [c.to_json() for c in self.cost_per_unit]}


@dataclass(frozen=True)
class MeasureCost(Money):
    """A measure's projects summed: each amount over the projects that have it; ``incomplete``
    names the projects without a full cost (then no cost per unit for the measure)."""

    node: NodeRef
    projects: int
    incomplete: tuple[str, ...]
    cost_per_unit: tuple[IndicatorCost, ...]

    def to_json(self) -> dict[str, object]:
        return {"node": self.node.to_json(), "projects": self.projects, **self.money_json(),
                "incomplete": list(self.incomplete), "cost_per_unit": [c.to_json() for c in self.cost_per_unit]}


@dataclass(frozen=True)
class FrameRow:
    node: NodeRef
    year: int
    planned: int | None
    projects_total: int | None
    projects: int
    difference: int | None

    def to_json(self) -> dict[str, object]:
        return {"node": self.node.to_json(), "year": self.year, "planned": self.planned,
                "projects_total": self.projects_total, "projects": self.projects, "difference": self.difference}


@dataclass(frozen=True)
class CostReport:
    plan_id: int
    plan_key: str
    plan_title: str
    fictional: bool
    year: int
    staff_rate: StaffRate | None
    projects: tuple[ProjectCost, ...]
    measures: tuple[MeasureCost, ...]
    frame: tuple[FrameRow, ...]

    def to_json(self) -> dict[str, object]:
        rate = self.staff_rate
        return {
            "plan": {"id": self.plan_id, "key": self.plan_key, "title": self.plan_title, "fictional": self.fictional},
            "year": self.year,
            "staff_rate": None if rate is None else {"regular": rate.regular, "fixed_term": rate.fixed_term},
            "projects": [p.to_json() for p in self.projects],
            "measures": [mc.to_json() for mc in self.measures],
            "frame": [f.to_json() for f in self.frame],
        }


def _unit_costs(indicators: list[m.Indicator], actuals: dict[int, m.Observation], full: int | None,
                reason: NoValue | None = None) -> tuple[IndicatorCost, ...]:
    out = []
    for ind in indicators:
        obs = actuals.get(ind.id)
        actual = actual_decimal(obs.value) if obs is not None else None
        lower = ind.direction == "decrease"
        unit = cost_per_unit(full, actual, lower_is_better=lower)
        why = reason if full is None and reason is not None and not lower else unit.reason
        out.append(IndicatorCost(ind.id, ind.name, ind.kind, ind.unit, actual, unit.value, why.value if why else None))
    return tuple(out)


def _funding(record: ProjectYear | None) -> tuple[tuple[str, int | None], ...]:
    return tuple((s.value, record.funding_of(s) if record else None) for s in FundingSource)


def cost_report(engine: Engine, *, plan: str | int, year: int, audience: Audience = Audience.STAFF) -> CostReport:
    """The cost report of ``plan`` for fiscal ``year`` (NotFoundError for an unknown plan).

    ``audience`` decides which actuals divide the full cost, as in the read model
    (keikaku.services.readmodel.Audience): staff (the CLI) count draft actuals too; the public
    pages, downloads and reports only published ones, so a cost per unit never shows a figure the
    public cannot see."""
    with transaction(engine) as session:
        target = repo.get_plan(session, ref=plan)
        nodes = {n.id: n for n in repo.plan_nodes(session, plan_id=target.id)}
        refs = {i: NodeRef(n.id, n.key, node_label(n)) for i, n in nodes.items()}
        budgets = store.plan_budgets(session, plan_id=target.id, year=year)
        stored_rate = store.staff_rates(session, municipality_id=target.municipality_id).get(year)
        rate = StaffRate(year, stored_rate.regular, stored_rate.fixed_term) if stored_rate else None
        indicators: dict[int, list[m.Indicator]] = {}
        for ind in store.plan_indicators(session, plan_id=target.id):
            if ind.node_id is not None:
                indicators.setdefault(ind.node_id, []).append(ind)
        actuals = store.actuals_of_year(session, plan_id=target.id, year=year,
                                        published_only=audience is Audience.PUBLIC)
        projects: list[ProjectCost] = []
        for p in store.plan_projects(session, plan_id=target.id):
            row = budgets.get((p.id, year))
            record = project_year(year, budget_snapshot(row)) if row is not None else None
            cost = full_cost(record or ProjectYear(year=year), rate)
            projects.append(ProjectCost(
                id=p.id, name=p.name, node=refs[p.node_id], department=p.department.name if p.department else None,
                recorded=row is not None, initial_budget=record.initial_budget if record else None,
                revised_budget=record.revised_budget if record else None, budget=record.budget if record else None,
                settlement=record.settlement if record else None, spending=cost.spending,
                spending_basis=cost.basis.value if cost.basis else None, funding=_funding(record),
                regular_staff=record.regular_staff if record else None,
                fixed_term_staff=record.fixed_term_staff if record else None,
                staff_cost=cost.staff if record else None, full_cost=cost.full,
                reason=cost.reason.value if cost.reason else None,
                cost_per_unit=_unit_costs(indicators.get(p.node_id, []), actuals, cost.full),
            ))
        measures = _measures(projects, nodes, refs, indicators, actuals)
        planned = {key: f.planned for key, f in store.plan_frames(session, plan_id=target.id, year=year).items()}
        lines = frame_lines(planned, [(p.node.id, year, p.spending) for p in projects if p.recorded])
        frame = tuple(_frame_row(line, refs) for line in sorted(lines, key=lambda x: nodes[x.node_id].position))
        return CostReport(plan_id=target.id, plan_key=target.key, plan_title=target.title,
                          fictional=target.municipality.fictional, year=year, staff_rate=rate,
                          projects=tuple(projects), measures=measures, frame=frame)


def _frame_row(line: FrameLine, refs: dict[int, NodeRef]) -> FrameRow:
    return FrameRow(node=refs[line.node_id], year=line.year, planned=line.planned, projects_total=line.actual,
                    projects=line.projects, difference=line.difference)


def _measures(projects: list[ProjectCost], nodes: dict[int, m.Node], refs: dict[int, NodeRef],
              indicators: dict[int, list[m.Indicator]], actuals: dict[int, m.Observation]) -> tuple[MeasureCost, ...]:
    groups: dict[int, list[ProjectCost]] = {}
    for p in projects:
        groups.setdefault(p.node.id, []).append(p)
    out = []
    for node_id in sorted(groups, key=lambda i: nodes[i].position):
        group = [p for p in groups[node_id] if p.recorded]
        incomplete = tuple(p.name for p in groups[node_id] if p.full_cost is None)
        full = total(p.full_cost for p in group)
        funding = tuple((s.value, total(dict(p.funding)[s.value] for p in group)) for s in FundingSource)
        unit_full = None if incomplete else full
        out.append(MeasureCost(
            node=refs[node_id], projects=len(groups[node_id]),
            initial_budget=total(p.initial_budget for p in group), revised_budget=total(p.revised_budget for p in group),
            budget=total(p.budget for p in group), settlement=total(p.settlement for p in group),
            spending=total(p.spending for p in group), funding=funding, staff_cost=total(p.staff_cost for p in group),
            full_cost=full, incomplete=incomplete,
            cost_per_unit=_unit_costs(indicators.get(node_id, []), actuals, unit_full,
                                      NoValue.INCOMPLETE if incomplete else None),
        ))
    return tuple(out)
