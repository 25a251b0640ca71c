"""Typed schemas of the evaluation-cycle JSON API (``/api/v1/cycles``, keikaku.web.cycle_api):
what the OpenAPI document describes. The shapes are those of the services' ``to_json``."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Text = Field(None, max_length=20000)


class ErrorOut(BaseModel):
    error: str = Field(description="The error's name: invalid_token, PermissionDenied, NotFoundError, ValidationFailed …")
    detail: str = Field(description="What went wrong, in English")
    code: str | None = Field(None, description="For ValidationFailed: the rule (bad_grade, incomplete, cycle_closed …)")
    field: str | None = Field(None, description="For ValidationFailed: the input at fault")


class ConflictOut(ErrorOut):
    current_version: int | None = Field(None, description="The sheet's version as stored now: read it again and retry")
    current_status: str | None = Field(None, description="The sheet's status as stored now")
    attempted: dict[str, Any] | None = Field(None, description="What the request tried to save")


class PlanRefOut(BaseModel):
    id: int
    key: str
    title: str


class CycleOut(BaseModel):
    id: int
    plan: PlanRefOut
    year: int = Field(description="The fiscal year under review")
    deadline: str | None = Field(description="The last day (in Japan) for submitting sheets, YYYY-MM-DD")
    scale: str = Field(description="The grading scale: abcd, sabc or achieved")
    status: Literal["open", "closed"]
    opened_by: str | None
    opened_at: str | None = Field(description="ISO 8601, UTC")


class CycleListOut(BaseModel):
    cycles: list[CycleOut]


class SheetSummaryOut(BaseModel):
    node_id: int | None = Field(description="null for the plan-wide sheet (its path is /sheets/plan)")
    plan_wide: bool = Field(description="Whether this is the sheet of the plan's plan-wide indicators")
    node_label: str = Field(description="Level, number and title: 施策 8 防犯・交通安全の推進")
    departments: list[str]
    status: Literal["draft", "submitted", "returned", "approved"]
    version: int = Field(description="0 for a sheet nobody has saved yet")
    editable: bool = Field(description="Whether the token's user may edit it now")


class SheetListOut(BaseModel):
    cycle: CycleOut
    sheets: list[SheetSummaryOut]


class NodeOut(BaseModel):
    id: int
    key: str
    level: str
    number: str | None
    title: str
    departments: list[str]


class SheetBodyOut(BaseModel):
    id: int | None = Field(description="null for a sheet nobody has saved yet")
    status: Literal["draft", "submitted", "returned", "approved"]
    version: int = Field(description="Send it with the next change (optimistic locking)")
    self_grade: str | None
    reasons: str | None
    issues: str | None
    next_direction: str | None
    review_comment: str | None
    updated_by: str | None
    updated_at: str | None
    submitted_at: str | None
    approved_by: str | None
    approved_at: str | None


class SheetIndicatorOut(BaseModel):
    id: int
    name: str
    unit: str | None
    department: str | None
    baseline_text: str | None
    target_text: str | None
    value: float | int | None = Field(description="The cycle year's actual")
    actual_status: Literal["draft", "published"] | None = Field(description="Whether that actual is a draft or published")
    editable: bool = Field(description="Whether the token's user may enter its actual now")
    assessment: dict[str, Any] = Field(description="The indicator assessed as of the cycle year (docs/assessment.md)")


class SheetProjectOut(BaseModel):
    id: int
    name: str
    department: str | None
    planned_stage: str | None
    stage: str | None
    progress: str | None
    updated_by: str | None
    updated_at: str | None
    editable: bool


class SheetOut(BaseModel):
    cycle: CycleOut
    node: NodeOut | None = Field(description="null for the plan-wide sheet")
    plan_wide: bool = Field(description="Whether this is the sheet of the plan's plan-wide indicators")
    sheet: SheetBodyOut
    indicators: list[SheetIndicatorOut]
    projects: list[SheetProjectOut]
    rollup: dict[str, Any] | None = Field(description="The measure's roll-up as of the cycle year")
    grades: list[str] = Field(description="The grades of the cycle's scale")
    next_directions: list[str]
    allowed_actions: list[str] = Field(description="What the token's user may do on the measure now")


class SheetSave(BaseModel):
    """The written part of the sheet; every field is saved as sent (null clears it)."""

    model_config = ConfigDict(extra="forbid")
    version: int = Field(ge=0, description="The version read (0 for a sheet nobody has saved)")
    self_grade: str | None = Field(None, max_length=20, description="A grade of the cycle's scale")
    reasons: str | None = Text
    issues: str | None = Text
    next_direction: str | None = Field(None, max_length=10, description="拡充, 継続, 改善, 縮小 or 廃止")


class SheetStep(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: int = Field(ge=0, description="The version read")


class SheetReview(SheetStep):
    comment: str | None = Field(None, max_length=20000, description="The reviewer's comment (required to return)")


class ActualIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    indicator: int | str = Field(description="The indicator's id, or its exact name in the plan")
    value: float | int | str = Field(description="The actual: a number (1,234 and full-width digits are read)")


class ActualsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    actuals: list[ActualIn] = Field(min_length=1, max_length=5000, description="All saved, or none")


class ActualOut(BaseModel):
    indicator: dict[str, Any] = Field(description="id, name, node_id, unit")
    year: int
    value: float | int | None
    text: str | None
    note: str | None
    status: str = Field(description="draft (published for an admin's correction of an approved measure)")
    entered_by: str | None
    entered_at: str | None
    outcome: Literal["created", "updated", "unchanged"]


class ActualsOut(BaseModel):
    cycle: CycleOut
    actuals: list[ActualOut]
