"""Typed schemas of the project evaluation sheets' JSON (keikaku.web.project_sheet_api and the
public twins in keikaku.web.project_sheet_pages): what the OpenAPI document describes. The shapes
are those of the services' ``to_json``. Amounts are integer yen; costs per unit are decimal strings."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field

from keikaku.web.cost_schemas import CostIndicatorOut, CostNodeOut
from keikaku.web.cycle_api_schemas import CycleOut, ReviewStateOut

Role = Literal["activity", "outcome"]

# Fields that several schemas share, with one wording each.
RoleField = Annotated[Role, Field(
    description="What the indicator measures for the project: activity (活動指標, what it does) or outcome (成果指標, what it "
                "achieves)")]
ProjectName = Annotated[str, Field(description="The project's name (主な事業・事務事業)")]
Department = Annotated[str | None, Field(
    description="The project's own responsible department (所管課); null when it names none (its measure's departments "
                "answer for it)")]
SheetState = Annotated[Literal["draft", "submitted", "returned", "approved"], Field(
    description="The sheet's state: draft (also a sheet nobody has saved), submitted, returned or approved (locked and "
                "published)")]
Direction = Annotated[str | None, Field(description="今後の方向性: 拡充, 継続, 改善, 縮小, 統合, 廃止 or 終了; null until chosen")]
DirectionEn = Annotated[str | None, Field(
    description="The direction in English: expand, continue, improve, reduce, merge, abolish or complete; null without "
                "a direction")]
Viewpoints = Annotated[dict[str, str | None], Field(
    description="評価の視点 necessity (必要性), effectiveness (有効性), efficiency (効率性), fairness (公平性): each a grade of the "
                "viewpoint scale, or null when not graded")]


class CostPerUnitOut(CostIndicatorOut):
    actual: str | None = Field(description="The actual of the year as a decimal string; null without one")
    value: str | None = Field(
        description="Full cost ÷ actual in yen, two decimals, as a string; null when reason says why not")
    reason: str | None = Field(
        description="Why there is no value: no_full_cost, no_actual, zero_actual, negative_actual, lower_is_better (the target is a decrease); null when there is "
                    "one")


class ProjectCostOut(BaseModel):
    """The project's line of the cost report (keikaku cost) for the year."""

    id: int = Field(description="The project's id")
    name: ProjectName
    node: CostNodeOut = Field(description="The measure the project belongs to")
    department: str | None = Field(description="The project's responsible department (所管課); null when it names none")
    recorded: bool = Field(description="Whether a budget row exists for the project and year")
    initial_budget: int | None = Field(description="当初予算 in yen; null when not recorded")
    revised_budget: int | None = Field(description="補正後予算 in yen; null when not recorded")
    budget: int | None = Field(
        description="The budget in force in yen: the revised budget, else the initial; null when neither is recorded")
    settlement: int | None = Field(description="決算額 in yen; null until recorded")
    spending: int | None = Field(
        description="事業費 in yen: settlement, else revised budget, else initial budget; null when none is recorded")
    spending_basis: str | None = Field(
        description="settlement, revised or initial: the amount spending is; null without spending")
    funding: dict[str, int | None] = Field(
        description="Yen by funding source (財源): national, prefectural, bonds, other_earmarked, general; null for one "
                    "not recorded")
    staff: dict[str, str | None] = Field(
        description="Person-years (人工), regular and fixed_term, as decimal strings (1.50); null when not recorded")
    staff_cost: int | None = Field(
        description="人件費 in yen: person-years × the city's cost per person of the year; null when not recorded or no "
                    "cost per person is set")
    full_cost: int | None = Field(description="トータルコスト in yen: spending + staff cost; null when reason says why")
    reason: str | None = Field(
        description="Why there is no full cost: no_spending or no_staff_rate; null when there is one")
    cost_per_unit: list[CostPerUnitOut] = Field(
        description="The full cost per unit of each indicator of the project's measure, in plan order")


class ProjectIndicatorOut(BaseModel):
    id: int = Field(description="The indicator's id")
    name: str = Field(description="The indicator's name")
    unit: str | None = Field(description="Its unit (人, 件, % …); null when the plan gives none")
    role: RoleField
    planned: float | int | None = Field(
        description="The plan of the year: entered on the sheet, else the indicator's target of the year; null when "
                    "neither")
    planned_entered: float | int | None = Field(
        description="The plan of the year as entered on the sheet; null when none was entered")
    planned_from: Literal["sheet", "target"] | None = Field(
        description="Where planned comes from: sheet (entered) or target (an interim or final target of the year); "
                    "null without a plan")
    actual: float | int | None = Field(
        description="The indicator's actual (実績値) of the year, in its unit; null without one (drafts count on staff "
                    "sheets only)")
    actual_status: Literal["draft", "published"] | None = Field(
        description="Whether that actual is a draft or published; null without one")
    cost_per_unit: str | None = Field(
        description="The project's full cost ÷ the actual: yen per unit, two decimals, as a string; null when there is "
                    "none")
    cost_reason: str | None = Field(
        description="Why cost_per_unit is null: no_full_cost, no_actual, zero_actual, negative_actual, lower_is_better (the target is a decrease); null when there "
                    "is a value or no cost line")


class IndicatorChoiceOut(BaseModel):
    id: int = Field(description="The indicator's id")
    name: str = Field(description="The indicator's name")
    unit: str | None = Field(description="Its unit; null when the plan gives none")
    kind: str | None = Field(description="outcome or activity as the plan classes it; null when the plan does not say")


class ProjectRefOut(BaseModel):
    id: int = Field(description="The project's id")
    name: ProjectName
    department: Department
    node: dict[str, int | str] = Field(
        description="The project's measure: id (node id) and label (level, number and title)")


class ProjectSheetBodyOut(ReviewStateOut):
    id: int | None = Field(description="null until the sheet is first saved")
    status: SheetState
    version: int = Field(description="0 for a sheet nobody has saved yet; send it back when saving")
    subject: str | None = Field(description="対象: who or what the project is for; null until written")
    intent: str | None = Field(description="意図: what it means to change for them; null until written")
    means: str | None = Field(description="手段: how the project goes about it; null until written")
    viewpoints: dict[str, str | None] = Field(
        description="necessity, effectiveness, efficiency, fairness: a grade of `grades`, or null until graded")
    direction: str | None = Field(description="今後の方向性: 拡充, 継続, 改善, 縮小, 統合, 廃止 or 終了; null until chosen")
    summary: str | None = Field(description="The department's summary of the evaluation (総括); null until written")


class ProjectSheetOut(BaseModel):
    cycle: CycleOut = Field(description="The cycle")
    project: ProjectRefOut = Field(description="The project evaluated")
    sheet: ProjectSheetBodyOut = Field(description="The sheet's state and written part")
    indicators: list[ProjectIndicatorOut] = Field(description="The indicators chosen on the sheet, in its order")
    candidates: list[IndicatorChoiceOut] = Field(description="The measure's indicators the sheet may choose")
    cost: ProjectCostOut | None = Field(
        description="The project's cost line of the cycle year (draft actuals count); null when the cost report has no "
                    "line for it")
    grades: list[str] = Field(description="The cycle's viewpoint scale, best first")
    directions: list[str] = Field(description="The directions the sheet may choose: 拡充, 継続, 改善, 縮小, 統合, 廃止, 終了")
    allowed_actions: list[str] = Field(
        description="What the token's user may do on the sheet now (edit_sheet, submit_sheet, review_sheet)")


class IndicatorPickIn(BaseModel):
    indicator: int = Field(description="An indicator id of the project's measure")
    role: RoleField
    planned: float | None = Field(None, description="The plan of the year (null: the indicator's target of the year)")


class ProjectSheetSave(BaseModel):
    version: int = Field(description="The version read")
    subject: str | None = Field(
        None, max_length=20000, description="対象: who or what the project is for; null or empty clears it")
    intent: str | None = Field(
        None, max_length=20000, description="意図: what it means to change for them; null or empty clears it")
    means: str | None = Field(
        None, max_length=20000, description="手段: how the project goes about it; null or empty clears it")
    viewpoints: dict[str, str | None] = Field(
        default_factory=dict, description="necessity, effectiveness, efficiency, fairness: a grade of the cycle's "
                                          "viewpoint scale each (null or left out: ungraded)")
    direction: str | None = Field(None, max_length=10, description="拡充, 継続, 改善, 縮小, 統合, 廃止 or 終了; null clears it")
    summary: str | None = Field(
        None, max_length=20000, description="The summary of the evaluation (総括); null or empty clears it")
    indicators: list[IndicatorPickIn] | None = Field(
        None, max_length=20, description="null keeps the indicators chosen")


class ScaleIn(BaseModel):
    grades: str = Field(max_length=100, description="Grades best first, separated by commas: A,B,C")


class ScaleOut(BaseModel):
    cycle_id: int = Field(description="The cycle's id")
    grades: list[str] = Field(description="The cycle's viewpoint scale as stored, best first")


class ProjectRollupOut(BaseModel):
    project_id: int = Field(description="The project's id")
    name: ProjectName
    department: Department
    status: SheetState
    direction: Direction
    viewpoints: Viewpoints
    budget: int | None = Field(
        description="The budget in force of the cycle year in yen: revised, else initial; null when not recorded")
    settlement: int | None = Field(description="決算額 of the cycle year in yen; null until recorded")
    full_cost: int | None = Field(description="トータルコスト of the cycle year in yen; null when unknown")
    url: str = Field(description="The staff page of the project's sheet")


class MeasureProjectsOut(BaseModel):
    cycle_id: int = Field(description="The cycle's id")
    year: int = Field(description="The cycle's fiscal year")
    node_id: int = Field(description="The measure's node id")
    projects: list[ProjectRollupOut] = Field(description="The measure's projects in plan order")
    total: dict[str, object] | None = Field(
        description="The measure's sums (as `keikaku cost`'s measures); null when it has no projects")


# --- public -----------------------------------------------------------------------------------

class PublicPlanOut(BaseModel):
    id: int = Field(description="The plan's id")
    title: str = Field(description="The plan's title, cut at 250 characters (ending in …) when longer")
    municipality: str = Field(description="The name of the plan's municipality")
    fictional: bool = Field(description="The municipality is invented (the bundled example city, labelled 架空)")
    url: str = Field(description="The plan's page")


class PublicNodeOut(BaseModel):
    id: int = Field(description="The measure's node id")
    label: str = Field(description="Level, printed number and title: 施策 1 子育て支援の充実")
    url: str = Field(description="The measure's page")


class PurposeOut(BaseModel):
    subject: str | None = Field(description="対象: who or what the project is for; null when not written")
    intent: str | None = Field(description="意図: what it means to change for them; null when not written")
    means: str | None = Field(description="手段: how the project goes about it; null when not written")


class ProjectEvaluationOut(BaseModel):
    """A project's approved evaluation of a year; actuals are published ones only."""

    plan: PublicPlanOut = Field(description="The plan the project belongs to")
    node: PublicNodeOut = Field(description="The project's measure")
    project: dict[str, int | str | None] = Field(
        description="id, name and department (null when it names none) of the project")
    year: int = Field(description="The fiscal year evaluated")
    years: list[int] = Field(description="Every year with an approved evaluation of the project, oldest first")
    grades: list[str] = Field(description="The cycle's viewpoint scale, best first")
    purpose: PurposeOut = Field(description="The project's purpose (目的): 対象, 意図, 手段")
    viewpoints: Viewpoints
    direction: Direction
    direction_en: DirectionEn
    summary: str | None = Field(description="The summary of the evaluation (総括); null when not written")
    indicators: list[ProjectIndicatorOut] = Field(
        description="The indicators chosen on the sheet with their plan and published actual of the year")
    cost: ProjectCostOut | None = Field(
        description="The project's cost line of the year, costs per unit from published actuals; null when the cost "
                    "report has no line for it")
    url: str = Field(description="The page of this evaluation")


class ProjectEvaluationRowOut(BaseModel):
    project_id: int = Field(description="The project's id")
    name: ProjectName
    department: Department
    direction: Direction
    direction_en: DirectionEn
    viewpoints: Viewpoints
    full_cost: int | None = Field(description="トータルコスト of the year in yen; null when unknown")
    url: str = Field(description="The page of the project's evaluation of the year")


class NodeProjectEvaluationsOut(BaseModel):
    year: int | None = Field(description="The latest year with an approved project evaluation (null: none)")
    full_cost: int | None = Field(description="The sum of the listed projects' full costs")
    incomplete: list[str] = Field(description="Listed projects without a full cost")
    projects: list[ProjectEvaluationRowOut] = Field(
        description="The measure's projects with an approved evaluation of that year, in plan order")
