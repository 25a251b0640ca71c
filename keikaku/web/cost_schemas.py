"""Typed schemas of the money sections' JSON twins (``/api/v1/plans/{id}/costs``,
``/api/v1/nodes/{id}/costs``): what the OpenAPI document describes. Amounts are integer yen;
person-years, actuals and costs per unit are decimal strings, never floats."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field

# Fields that several schemas share, with one wording each.
FiscalYear = Annotated[int, Field(description="Fiscal year (年度, April to March), named by the year it starts in")]
ProjectName = Annotated[str, Field(description="The project's name (主な事業)")]
Department = Annotated[str | None, Field(
    description="The project's responsible department (所管課); null when it names none")]
Spending = Annotated[int | None, Field(
    description="事業費 in yen: settlement, else revised budget, else initial budget; null when none is recorded")]
StaffCost = Annotated[int | None, Field(
    description="人件費 in yen: person-years × the city's cost per person of the year; null when person-years are "
                "recorded but no cost per person")]
FullCost = Annotated[int | None, Field(
    description="トータルコスト in yen: spending + staff cost; null when either is unknown")]


class CostNodeOut(BaseModel):
    id: int = Field(description="The measure's node id")
    key: str = Field(description="The node's key within its plan (the plan file's node id)")
    label: str = Field(description="施策 1 子育て支援の充実: level, printed number and title")


class CostPlanOut(BaseModel):
    id: int = Field(description="The plan's id")
    title: str = Field(description="The plan's title")
    fictional: bool = Field(description="A fictional city (labelled 架空 wherever it is shown)")


class YearCostOut(BaseModel):
    year: int = Field(description="Fiscal year")
    projects: int = Field(description="Projects with money recorded that year")
    parts: dict[str, int] = Field(
        description="Yen by part: national, prefectural, bonds, other_earmarked, general, unspecified (spending whose "
                    "sources are not given), staff (staff cost)")
    spending: int | None = Field(
        description="事業費: settlement, else revised budget, else initial budget, summed; null when no project has one")
    staff_cost: int | None = Field(description="人件費, summed in yen; null when no project has one")
    full_cost: int | None = Field(description="トータルコスト, summed over the projects that have one; null when none has")
    incomplete: list[str] = Field(description="Projects without a full cost that year")


class UnitCostPointOut(BaseModel):
    year: FiscalYear
    actual: str | None = Field(
        description="The indicator's actual of the year (published only, for the public); null without one")
    value: str | None = Field(
        description="The measure's full cost ÷ the actual: yen per unit, two decimals; null when reason says why not")
    reason: str | None = Field(
        description="Why there is no value: no_actual, zero_actual, negative_actual, no_full_cost, incomplete, lower_is_better (the target is a decrease); null "
                    "when there is one")
    basis: str | None = Field(
        default=None,
        description="What the year's full cost rests on: settlement (決算額), revised (補正後予算) or initial (当初予算), "
                    "the least settled of the measure's projects; a year on a budget is not comparable with a settled "
                    "one; null without spending")


class CostIndicatorOut(BaseModel):
    """An indicator a cost per unit is reckoned for."""

    indicator_id: int = Field(description="The indicator's id")
    indicator: str = Field(description="The indicator's name")
    kind: str | None = Field(description="outcome or activity; null when the plan does not say")
    unit: str | None = Field(description="The indicator's unit (人, 件, % …); null when the plan gives none")


class UnitCostSeriesOut(CostIndicatorOut):
    points: list[UnitCostPointOut] = Field(
        description="One per fiscal year with the measure's money recorded, oldest first")


class RankedProjectOut(BaseModel):
    rank: int = Field(description="1 for the largest full cost in the ranking year")
    id: int = Field(description="The project's id")
    name: ProjectName
    node: CostNodeOut = Field(description="The measure the project belongs to")
    department: Department
    spending: Spending
    spending_basis: str | None = Field(
        description="settlement, revised or initial: the amount spending is; null without spending")
    staff_cost: StaffCost
    full_cost: FullCost
    direction: str | None = Field(
        description="The direction its project evaluation gave (拡充, 継続 …); null until one is published")


class DirectionGroupOut(BaseModel):
    direction: str = Field(description="A direction of the approved project evaluations (拡充, 継続, 改善, 縮小, 統合, 廃止, 終了)")
    projects: list[int] = Field(description="Ids of the ranked projects with this direction")


class FrameRowOut(BaseModel):
    node: CostNodeOut = Field(description="The measure")
    year: FiscalYear
    planned: int | None = Field(description="計画額 of the financial frame, in yen; null when the frame has none")
    projects_total: int | None = Field(
        description="The spending of the measure's projects, in yen; null when none has spending")
    projects: int = Field(description="The measure's projects with spending that year")
    difference: int | None = Field(
        description="projects_total − planned in yen (positive: over the frame); null when either is missing")


class MoneyOut(BaseModel):
    plan: CostPlanOut = Field(description="The plan")
    node: CostNodeOut | None = Field(description="The measure; null for the whole plan")
    audience: str = Field(description="public: costs per unit from published actuals only")
    rank_year: int = Field(description="The year projects are ranked in: the latest with a settlement, else with money")
    years: list[YearCostOut] = Field(description="Each fiscal year with project money recorded in scope, oldest first")
    ranked: list[RankedProjectOut] = Field(
        description="The projects with money recorded in rank_year, largest full cost first (those without one last)")
    by_direction: list[DirectionGroupOut] = Field(
        description="The ranked projects grouped by the direction of their approved evaluation of rank_year; empty "
                    "until one is approved")
    unit_costs: list[UnitCostSeriesOut] = Field(
        description="A measure's cost per unit of each of its indicators, by year; empty for the whole plan")
    frame: list[FrameRowOut] = Field(
        description="財政フレーム compared with the projects' spending: by year, then plan order")
