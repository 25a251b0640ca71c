"""Typed schemas of the JSON API's read-model endpoints: what the OpenAPI document describes."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field

# Fields that several schemas share, with one wording each.
FiscalYear = Annotated[int, Field(description="A fiscal year (年度, April to March), named by the year it starts in")]
PlanTitle = Annotated[str, Field(description="The plan's title, cut at 250 characters (ending in …) when longer")]
NodeTitle = Annotated[str, Field(description="The node's title, cut at 500 characters (ending in …) when longer")]
StatusWord = Annotated[str, Field(
    description="A status word of the grading scale: a level (on_track, achieved …) or no_data, qualitative, "
                "not_assessable")]
GradeLabel = Annotated[str | None, Field(
    description="The scale's Japanese words for the grade (順調 …); null when the grade is not on the scale or there is "
                "no grade")]
GradeStatus = Annotated[str | None, Field(
    description="The status the grade stands for on the cycle's scale (on_track …); null when the grade is not on the "
                "scale or there is no grade")]
SelfGrade = Annotated[str | None, Field(
    description="The department's own grade (自己評価) on the cycle's scale (A, B …); null when none was given")]
NextDirection = Annotated[str | None, Field(
    description="Next year's direction (今後の方向性): 拡充, 継続, 改善, 縮小 or 廃止; null when none was given")]


class NodeRefOut(BaseModel):
    number: str | None = Field(description="The node's printed number (施策 1-2 → 1-2); null when the plan prints none")
    title: str = Field(description="The node's title as printed")


class FigureOut(BaseModel):
    value: float | int | None = Field(
        description="The number, in the indicator's unit; null when the figure is words only")
    year: int | None = Field(description="Its fiscal year; null when the plan gives none")
    text: str | None = Field(None, description="The words as printed (維持, 拡充 …); null when only a number is given")


class ComponentOut(FigureOut):
    origin: str | None = Field(
        None, description="Where the number was read: a line, a page and box, or a sheet cell; null when it was not "
                          "read from a document")
    source: str | None = Field(
        None, description="For an actual: the reporting source (出典); null when none is recorded and for a baseline or "
                          "target")
    draft: bool | None = Field(
        None, description="For an actual: still a draft (staff only); null for a baseline or target")


class FormulaOut(BaseModel):
    formula: str | None = Field(
        description="How the figure is computed from the components; null when no formula applies (an achievement rate "
                    "without an increase, decrease or maintain direction)")
    result: float | None = Field(
        description="The published figure in percent, rounded half-up to one decimal; null when it cannot be computed")


class StatusRuleOut(BaseModel):
    rule: str = Field(description="The scale's kind: path, baseline or target")
    status: StatusWord
    grade: str | None = Field(
        description="The grade the scale gives the status (A, B, S, 達成 …); null for no_data, qualitative and "
                    "not_assessable")
    label: str = Field(description="The scale's Japanese words for the status")


class MaintainBandOut(BaseModel):
    level: float = Field(description="The level to keep: the baseline (or a numeric target), in the indicator's unit")
    low: float = Field(description="The band's lower end: level minus the tolerance, in the indicator's unit")
    high: float = Field(description="The band's upper end: level plus the tolerance, in the indicator's unit")
    rule: str = Field(
        description="How the band is set by the scale: ± points for a percentage, else ± a share of the baseline")


class CalculationOut(BaseModel):
    scale: str = Field(description="The plan's grading scale (abcd, sabc, achieved …)")
    direction: str | None = Field(
        description="increase, decrease, maintain or qualitative; null when neither printed nor inferable")
    direction_inferred: bool = Field(description="The plan printed no direction; it was inferred")
    components: dict[str, ComponentOut | None] = Field(
        description="value (the actual), baseline (現状値) and target (目標値; the baseline for 維持), with their origin; null "
                    "when missing")
    progress_rate: FormulaOut = Field(description="進捗率: the share of the way from baseline to target, in percent")
    achievement_rate: FormulaOut = Field(description="達成率: the actual against the target, direction-aware, in percent")
    expected_progress: FormulaOut = Field(
        description="The share of the time from baseline year to target year that has passed by the actual's year, in "
                    "percent")
    status: StatusRuleOut = Field(description="The status and grade on the scale, and the rule that gave them")
    maintain_band: MaintainBandOut | None = Field(
        None, description="For a 維持 indicator: the band within which it is kept; null otherwise or without a numeric "
                          "level")
    warnings: list[str] = Field(
        description="Warning codes of the calculation (direction_inferred, achievement_zero_target, "
                    "reported_rate_unexplained …); empty when none")


class SurveyYearOut(BaseModel):
    confidence: float = Field(description="The confidence level of the intervals (0.95: 95 %)")
    sample_size: int | None = Field(
        description="標本数: the answers the year's share was measured on; null when only a margin of error was printed, "
                    "or neither")
    margin_of_error: float | None = Field(
        description="The year's margin of error as printed (± points at the confidence level); null when none was printed")
    baseline_sample_size: int | None = Field(description="標本数 of the baseline survey; null when not given")
    baseline_margin_of_error: float | None = Field(
        description="The baseline's margin of error as printed (± points); null when none was printed")
    baseline_ci_low: float | None = Field(
        description="Lower end of the baseline's own confidence interval, in points (one decimal): the share every "
                    "change is judged against; null when the baseline has no sample size or margin of error")
    baseline_ci_high: float | None = Field(description="Upper end of the baseline's interval, in points; null as "
                                                       "baseline_ci_low")
    ci_low: float | None = Field(
        description="Lower end of the year's share's confidence interval, in points (normal approximation, one decimal); "
                    "null without a sample size or margin of error")
    ci_high: float | None = Field(description="Upper end of that interval, in points; null as ci_low")
    change_low: float | None = Field(
        description="Lower end of the interval of the change from the baseline, in points; null when the baseline or the "
                    "year has no sample")
    change_high: float | None = Field(description="Upper end of the interval of the change, in points; null as change_low")
    significance: str | None = Field(
        description="increase or decrease when the change's interval excludes 0, else no_significant_change "
                    "(有意な変化なし: not progress or decline); null when it cannot be judged")


class IndicatorYearOut(BaseModel):
    id: int = Field(description="The indicator's id (its page is /indicators/{id})")
    node: NodeRefOut | None = Field(description="The measure it belongs to; null for a plan-wide indicator")
    name: str = Field(description="The indicator's name as printed")
    unit: str | None = Field(description="Its unit as printed (%, 人, 件 …); null when the plan gives none")
    year: int | None = Field(
        description="The fiscal year of the figure shown: the latest with a figure up to the year asked; null when it "
                    "has no actual")
    value: float | int | None = Field(
        description="The actual (実績値) of that year, in the indicator's unit; null without an actual or for an actual "
                    "in words")
    text: str | None = Field(None, description="The actual in words, when it has no number; null otherwise")
    draft: bool = Field(description="The figure is a draft actual (only staff see drafts)")
    baseline: FigureOut | None = Field(description="The baseline (現状値・基準値); null when the plan gives none")
    target: FigureOut | None = Field(description="The final target (目標値); null when the plan gives none")
    progress_rate: float | None = Field(description="進捗率, % (one decimal); null when it cannot be computed")
    achievement_rate: float | None = Field(description="達成率, % (one decimal); null when it cannot be computed")
    status: str = Field(description="The status word on the plan's scale (on_track, no_data, qualitative …)")
    status_label: str = Field(description="The scale's Japanese words for the status")
    grade: str | None = Field(description="The grade the city prints (A, B …); null for a status without a grade")
    calculation: CalculationOut = Field(description="How the rates and status were computed, and from which numbers")
    survey: SurveyYearOut | None = Field(
        None, description="For a share from a citizen survey (市民意識調査): the figure's confidence interval and whether "
                          "its change from the baseline is significant; null for any other indicator. The rates, status "
                          "and grade are computed from the figures as printed either way")


class PlanIndicatorsOut(BaseModel):
    plan: int = Field(description="The plan's id")
    year: int = Field(description="The fiscal year the figures are as of")
    scale: str = Field(description="The grading scale applied")
    audience: str = Field(description="public: published actuals only")
    indicators: list[IndicatorYearOut] = Field(description="Every indicator of the plan, in plan order")


# --- published evaluations (keikaku/web/evaluations.py): approved 施策評価シート only ------------

class EvaluationPlanRefOut(BaseModel):
    id: int = Field(description="The plan's id")
    title: PlanTitle
    municipality: str = Field(description="The name of the plan's municipality (市区町村)")
    fictional: bool = Field(description="The municipality is invented (the bundled example city)")
    url: str = Field(description="The plan's page")


class EvaluationNodeRefOut(BaseModel):
    id: int = Field(description="The node's id")
    level: str = Field(description="The node's level word (施策, 政策 …)")
    number: str | None = Field(description="Its printed number; null when the plan prints none")
    title: NodeTitle
    url: str = Field(description="The node's page")


class EvaluationBriefOut(BaseModel):
    year: int = Field(description="The fiscal year evaluated")
    self_grade: str | None = Field(
        description="The department's grade on the cycle's scale (A, B …); null when none was given")
    grade_status: str | None = Field(
        description="The status the grade stands for on the scale (on_track …); null when the grade is not on the "
                    "scale")
    grade_label: str | None = Field(
        description="The scale's Japanese words for the grade (順調 …); null when the grade is not on the scale")
    next_direction: str | None = Field(
        description="Next year's direction: 拡充, 継続, 改善, 縮小 or 廃止; null when none was given")
    url: str = Field(description="The page of this measure's evaluation of the year")


class EvaluationProjectOut(BaseModel):
    name: str = Field(description="The project's name (主な事業)")
    department: str | None = Field(description="Its responsible department (所管課); null when the plan names none")
    planned_stage: str | None = Field(
        description="The stage the plan's schedule gives for the year (検討, 実施 …); null when the schedule gives none")
    stage: str | None = Field(description="The stage the department recorded for the year; null when none was recorded")
    progress: str | None = Field(
        description="The department's account of the year's progress; null when none was recorded")


class EvaluationOut(BaseModel):
    year: FiscalYear
    scale: str = Field(description="The cycle's grading scale (abcd, sabc, achieved)")
    self_grade: SelfGrade
    grade_status: GradeStatus
    grade_label: GradeLabel
    reasons: str | None = Field(description="評価の理由: why the department gave the grade; null when empty")
    issues: str | None = Field(description="課題: the issues the department sees; null when empty")
    next_direction: NextDirection
    projects: list[EvaluationProjectOut] = Field(
        description="The measure's projects in the year, in plan order, with their planned stage and recorded progress")
    url: str = Field(description="The page of this evaluation")


class NodeEvaluationsOut(BaseModel):
    node: EvaluationNodeRefOut = Field(description="The measure")
    latest: EvaluationOut | None = Field(
        description="The approved evaluation of the latest year that has one; null if none")
    history: list[EvaluationBriefOut] = Field(description="Every approved year's grade and direction, oldest first")


class EvaluationNodeYearOut(BaseModel):
    plan: EvaluationPlanRefOut = Field(description="The plan the measure belongs to")
    node: EvaluationNodeRefOut = Field(description="The measure")
    breadcrumbs: list[EvaluationNodeRefOut] = Field(description="The measure's ancestors, outermost first")
    evaluation: EvaluationOut = Field(description="The measure's approved evaluation of the year")
    history: list[EvaluationBriefOut] = Field(
        description="Every approved year's grade and direction of the measure, oldest first")
    year_url: str = Field(description="The page of every measure's evaluation of the year")


class EvaluationYearOut(BaseModel):
    year: FiscalYear
    approved: int = Field(description="Measures whose evaluation of the year is approved (published)")
    measures: int = Field(description="Measures the plan evaluates")
    url: str = Field(description="The page of every measure's evaluation of the year")


class EvaluationPlanYearsOut(BaseModel):
    plan: EvaluationPlanRefOut = Field(description="The plan")
    years: list[EvaluationYearOut] = Field(description="Years with at least one approved evaluation, newest first")


class EvaluationStatusOut(BaseModel):
    status: StatusWord
    label: str = Field(description="The scale's Japanese words for the status")


class EvaluationRollupOut(BaseModel):
    node: EvaluationNodeRefOut | None = Field(description="The policy; null for the whole plan")
    indicators: int = Field(
        description="Indicators rolled up: those of the policy and of the nodes below it (all of the plan's for the "
                    "plan)")
    counts: dict[str, int] = Field(description="Indicators by status as of the year (published actuals only)")
    score: float | None = Field(
        description="Mean achievement rate of the scored indicators, each capped at 100; null when none can be scored")


class EvaluationMeasureOut(BaseModel):
    node: EvaluationNodeRefOut = Field(description="The measure (施策)")
    departments: list[str] = Field(
        description="The measure's own responsible departments (所管課), by name; empty when it names none")
    evaluation: EvaluationBriefOut | None = Field(description="null: no approved evaluation of the year")


class EvaluationPolicyOut(BaseModel):
    policy: EvaluationNodeRefOut | None = Field(
        description="The policy the measures belong to (their nearest ancestor at the policy level, else their top "
                    "node); null when that node is not in the plan")
    measures: list[EvaluationMeasureOut] = Field(description="The policy's measures, in plan order")


class EvaluationPlanYearOut(BaseModel):
    plan: EvaluationPlanRefOut = Field(description="The plan")
    year: FiscalYear
    scale: str = Field(description="The plan's grading scale as of the year, which the roll-ups use")
    statuses: list[EvaluationStatusOut] = Field(
        description="The statuses of the scale, in the order of the roll-up columns")
    groups: list[EvaluationPolicyOut] = Field(description="Every measure of the plan, grouped by policy, in plan order")
    rollups: list[EvaluationRollupOut] = Field(description="One per policy, in plan order")
    rollup: EvaluationRollupOut = Field(description="The whole plan")
    approved: int = Field(description="Measures whose evaluation of the year is approved")
    measures: int = Field(
        description="Measures listed in groups: the plan's measures and any node with an approved evaluation of the "
                    "year")
    years: list[int] = Field(description="Every year with an approved evaluation, oldest first")
    index_url: str = Field(description="The page listing the plan's years with approved evaluations")
