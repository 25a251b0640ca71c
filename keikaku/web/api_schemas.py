"""Typed schemas of the JSON API's read-model endpoints: what the OpenAPI document describes."""

from __future__ import annotations

from pydantic import BaseModel, Field


class NodeRefOut(BaseModel):
    number: str | None = Field(description="The node's printed number (施策 1-2 → 1-2)")
    title: str = Field(description="The node's title")


class FigureOut(BaseModel):
    value: float | int | None = Field(description="The number; null when the figure is words only")
    year: int | None = Field(description="Its fiscal year")
    text: str | None = Field(None, description="The words as printed (維持, 拡充 …)")


class ComponentOut(FigureOut):
    origin: str | None = Field(None, description="Where the number was read: a line, a page and box, or a sheet cell")
    source: str | None = Field(None, description="For an actual: the reporting source")
    draft: bool | None = Field(None, description="For an actual: still a draft (staff only)")


class FormulaOut(BaseModel):
    formula: str | None = Field(description="How the figure is computed from the components")
    result: float | None = Field(description="The published figure, rounded half-up to one decimal")


class StatusRuleOut(BaseModel):
    rule: str = Field(description="The scale's kind: path, baseline or target")
    status: str
    grade: str | None
    label: str = Field(description="The scale's Japanese words for the status")


class MaintainBandOut(BaseModel):
    level: float = Field(description="The level to keep: the baseline (or a numeric target)")
    low: float
    high: float
    rule: str = Field(description="How the band is set by the scale")


class CalculationOut(BaseModel):
    scale: str = Field(description="The plan's grading scale")
    direction: str | None = Field(description="increase, decrease, maintain or qualitative")
    direction_inferred: bool = Field(description="The plan printed no direction; it was inferred")
    components: dict[str, ComponentOut | None] = Field(description="value, baseline and target, with their origin")
    progress_rate: FormulaOut
    achievement_rate: FormulaOut
    expected_progress: FormulaOut
    status: StatusRuleOut
    maintain_band: MaintainBandOut | None = Field(None, description="For a 維持 indicator: the band within which it is kept")
    warnings: list[str]


class IndicatorYearOut(BaseModel):
    id: int = Field(description="The indicator's id (its page is /indicators/{id})")
    node: NodeRefOut | None = Field(description="The measure it belongs to; null for a plan-wide indicator")
    name: str
    unit: str | None
    year: int | None = Field(description="The fiscal year of the figure shown: the latest with a figure up to the year asked")
    value: float | int | None
    text: str | None = Field(None, description="The actual in words, when it has no number")
    draft: bool = Field(description="The figure is a draft actual (only staff see drafts)")
    baseline: FigureOut | None
    target: FigureOut | None
    progress_rate: float | None = Field(description="進捗率, % (one decimal)")
    achievement_rate: float | None = Field(description="達成率, % (one decimal)")
    status: str = Field(description="The status word on the plan's scale (on_track, no_data, qualitative …)")
    status_label: str = Field(description="The scale's Japanese words for the status")
    grade: str | None = Field(description="The grade the city prints (A, B …)")
    calculation: CalculationOut


class PlanIndicatorsOut(BaseModel):
    plan: int = Field(description="The plan's id")
    year: int = Field(description="The fiscal year the figures are as of")
    scale: str = Field(description="The grading scale applied")
    audience: str = Field(description="public: published actuals only")
    indicators: list[IndicatorYearOut]


# --- published evaluations (keikaku/web/evaluations.py): approved 施策評価シート only ------------

class EvaluationPlanRefOut(BaseModel):
    id: int
    title: str
    municipality: str
    fictional: bool = Field(description="The municipality is invented (the bundled example city)")
    url: str = Field(description="The plan's page")


class EvaluationNodeRefOut(BaseModel):
    id: int
    level: str = Field(description="The node's level word (施策, 政策 …)")
    number: str | None = Field(description="Its printed number")
    title: str
    url: str = Field(description="The node's page")


class EvaluationBriefOut(BaseModel):
    year: int = Field(description="The fiscal year evaluated")
    self_grade: str | None = Field(description="The department's grade on the cycle's scale (A, B …)")
    grade_status: str | None = Field(description="The status the grade stands for on the scale (on_track …)")
    grade_label: str | None = Field(description="The scale's Japanese words for the grade (順調 …)")
    next_direction: str | None = Field(description="Next year's direction: 拡充, 継続, 改善, 縮小 or 廃止")
    url: str = Field(description="The page of this measure's evaluation of the year")


class EvaluationProjectOut(BaseModel):
    name: str
    department: str | None
    planned_stage: str | None = Field(description="The stage the plan's schedule gives for the year (検討, 実施 …)")
    stage: str | None = Field(description="The stage the department recorded for the year")
    progress: str | None = Field(description="The department's account of the year's progress")


class EvaluationOut(BaseModel):
    year: int
    scale: str = Field(description="The cycle's grading scale (abcd, sabc, achieved)")
    self_grade: str | None
    grade_status: str | None
    grade_label: str | None
    reasons: str | None = Field(description="評価の理由")
    issues: str | None = Field(description="課題")
    next_direction: str | None
    projects: list[EvaluationProjectOut]
    url: str


class NodeEvaluationsOut(BaseModel):
    node: EvaluationNodeRefOut
    latest: EvaluationOut | None = Field(description="The approved evaluation of the latest year that has one; null if none")
    history: list[EvaluationBriefOut] = Field(description="Every approved year's grade and direction, oldest first")


class EvaluationNodeYearOut(BaseModel):
    plan: EvaluationPlanRefOut
    node: EvaluationNodeRefOut
    breadcrumbs: list[EvaluationNodeRefOut] = Field(description="The measure's ancestors, outermost first")
    evaluation: EvaluationOut
    history: list[EvaluationBriefOut]
    year_url: str = Field(description="The page of every measure's evaluation of the year")


class EvaluationYearOut(BaseModel):
    year: int
    approved: int = Field(description="Measures whose evaluation of the year is approved (published)")
    measures: int = Field(description="Measures the plan evaluates")
    url: str


class EvaluationPlanYearsOut(BaseModel):
    plan: EvaluationPlanRefOut
    years: list[EvaluationYearOut] = Field(description="Years with at least one approved evaluation, newest first")


class EvaluationStatusOut(BaseModel):
    status: str
    label: str = Field(description="The scale's Japanese words for the status")


class EvaluationRollupOut(BaseModel):
    node: EvaluationNodeRefOut | None = Field(description="The policy; null for the whole plan")
    indicators: int
    counts: dict[str, int] = Field(description="Indicators by status as of the year (published actuals only)")
    score: float | None = Field(description="Mean achievement rate of the scored indicators, each capped at 100")


class EvaluationMeasureOut(BaseModel):
    node: EvaluationNodeRefOut
    departments: list[str]
    evaluation: EvaluationBriefOut | None = Field(description="null: no approved evaluation of the year")


class EvaluationPolicyOut(BaseModel):
    policy: EvaluationNodeRefOut | None
    measures: list[EvaluationMeasureOut]


class EvaluationPlanYearOut(BaseModel):
    plan: EvaluationPlanRefOut
    year: int
    scale: str
    statuses: list[EvaluationStatusOut] = Field(description="The statuses of the scale, in the order of the roll-up columns")
    groups: list[EvaluationPolicyOut] = Field(description="Every measure of the plan, grouped by policy, in plan order")
    rollups: list[EvaluationRollupOut] = Field(description="One per policy, in plan order")
    rollup: EvaluationRollupOut = Field(description="The whole plan")
    approved: int
    measures: int
    years: list[int] = Field(description="Every year with an approved evaluation, oldest first")
    index_url: str
