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


class CalculationOut(BaseModel):
    scale: str = Field(description="The plan's grading scale")
    direction: str | None = Field(description="increase, decrease, maintain or qualitative")
    direction_inferred: bool = Field(description="The plan printed no direction; it was inferred")
    components: dict[str, ComponentOut | None] = Field(description="value, baseline and target, with their origin")
    progress_rate: FormulaOut
    achievement_rate: FormulaOut
    expected_progress: FormulaOut
    status: StatusRuleOut
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
