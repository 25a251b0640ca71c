"""Typed schemas of the evaluation-cycle JSON API (``/api/v1/cycles``, keikaku.web.cycle_api):
what the OpenAPI document describes. The shapes are those of the services' ``to_json``."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

# Fields that several schemas share, with one wording each.
Timestamp = Annotated[str | None, Field(
    description="ISO 8601 in UTC to the second (2026-05-01T09:00:00+00:00); null when it has not happened")]
UserName = Annotated[str | None, Field(description="A user's login name; null when none is recorded")]
SheetStatus = Annotated[Literal["draft", "submitted", "returned", "approved"], Field(
    description="The sheet's state: draft (also a sheet nobody has saved), submitted, returned or approved (locked)")]
DepartmentNames = Annotated[list[str], Field(
    description="The measure's own responsible departments (所管課), by name; empty for the plan-wide sheet")]
Department = Annotated[str | None, Field(
    description="Its own responsible department (所管課); null when it has none (the measure's departments answer for "
                "it)")]


class ErrorOut(BaseModel):
    error: str = Field(
        description="The error's name: invalid_token, PermissionDenied, NotFoundError, ValidationFailed …")
    detail: str = Field(description="What went wrong, in English")
    code: str | None = Field(None, description="For ValidationFailed: the rule (bad_grade, incomplete, cycle_closed …)")
    field: str | None = Field(None, description="For ValidationFailed: the input at fault")


class ConflictOut(ErrorOut):
    current_version: int | None = Field(None, description="The sheet's version as stored now: read it again and retry")
    current_status: str | None = Field(None, description="The sheet's status as stored now")
    attempted: dict[str, Any] | None = Field(None, description="What the request tried to save")


class PlanRefOut(BaseModel):
    id: int = Field(description="The plan's id")
    key: str = Field(description="The plan's key, beginning with its municipality code (990019:comprehensive-2)")
    title: str = Field(description="The plan's title")


class CycleOut(BaseModel):
    id: int = Field(description="The cycle's id")
    plan: PlanRefOut = Field(description="The plan under review")
    year: int = Field(description="The fiscal year under review")
    deadline: str | None = Field(
        description="The last day (in Japan) for submitting sheets, YYYY-MM-DD; null when none is set")
    scale: str = Field(description="The grading scale: abcd, sabc or achieved")
    status: Literal["open", "closed"] = Field(
        description="open: sheets, actuals and progress can be written; closed: read only")
    opened_by: UserName
    opened_at: str | None = Field(description="When the cycle was opened: ISO 8601, UTC")


class CycleListOut(BaseModel):
    cycles: list[CycleOut] = Field(description="The cycles (of the plan asked, else of every plan), newest year first")


class SheetSummaryOut(BaseModel):
    node_id: int | None = Field(description="null for the plan-wide sheet (its path is /sheets/plan)")
    plan_wide: bool = Field(description="Whether this is the sheet of the plan's plan-wide indicators")
    node_label: str = Field(description="Level, number and title: 施策 8 防犯・交通安全の推進")
    departments: DepartmentNames
    status: SheetStatus
    version: int = Field(description="0 for a sheet nobody has saved yet")
    editable: bool = Field(description="Whether the token's user may edit it now")


class SheetListOut(BaseModel):
    cycle: CycleOut = Field(description="The cycle")
    sheets: list[SheetSummaryOut] = Field(
        description="Every measure's sheet in plan order, the plan-wide sheet first when the plan has plan-wide "
                    "indicators")


class NodeOut(BaseModel):
    id: int = Field(description="The node's id")
    key: str = Field(description="The node's key within its plan (the plan file's node id)")
    level: str = Field(description="Its level word (施策, 政策 …)")
    number: str | None = Field(description="Its printed number; null when the plan prints none")
    title: str = Field(description="Its title")
    departments: list[str] = Field(
        description="Its own responsible departments (所管課), by name; empty when it names none")


class ReviewStateOut(BaseModel):
    """What the review flow records on every sheet, a measure's or a project's."""

    review_comment: str | None = Field(
        description="The reviewer's comment at the last return or approval; null when none")
    updated_by: UserName
    updated_at: Timestamp
    submitted_at: str | None = Field(description="When the sheet was last submitted: ISO 8601, UTC; null if never")
    approved_by: str | None = Field(description="The login name of the reviewer who approved it; null until approved")
    approved_at: str | None = Field(description="When it was approved: ISO 8601, UTC; null until approved")


class SheetBodyOut(ReviewStateOut):
    id: int | None = Field(description="null for a sheet nobody has saved yet")
    status: SheetStatus
    version: int = Field(description="Send it with the next change (optimistic locking)")
    self_grade: str | None = Field(
        description="The department's own grade (自己評価) on the cycle's scale; null until given")
    reasons: str | None = Field(description="評価の理由: why that grade; null until written")
    issues: str | None = Field(description="課題: the issues the department sees; null until written")
    next_direction: str | None = Field(
        description="Next year's direction (今後の方向性): 拡充, 継続, 改善, 縮小 or 廃止; null until chosen")


class SheetIndicatorOut(BaseModel):
    id: int = Field(description="The indicator's id")
    name: str = Field(description="The indicator's name")
    unit: str | None = Field(description="Its unit (%, 人, 件 …); null when the plan gives none")
    department: Department
    baseline_text: str | None = Field(description="The baseline (現状値) as printed; null when the plan prints none")
    target_text: str | None = Field(description="The target (目標値) as printed; null when the plan prints none")
    value: float | int | None = Field(
        description="The cycle year's actual, in the indicator's unit; null until entered or when it is words only")
    actual_status: Literal["draft", "published"] | None = Field(
        description="Whether that actual is a draft or published; null without one")
    editable: bool = Field(description="Whether the token's user may enter its actual now")
    assessment: dict[str, Any] = Field(description="The indicator assessed as of the cycle year (docs/assessment.md)")
    survey: bool = Field(
        False, description="Whether the indicator is a survey share (市民意識調査), whose actual may carry a sample size "
                           "or margin of error and is judged with its confidence interval (docs/assessment.md)")
    sample_size: int | None = Field(
        None, description="The cycle year's actual's sample size (標本数); null when none is stored or not a survey")
    margin_of_error: float | None = Field(
        None, description="The cycle year's actual's printed margin of error (± points); null when none is stored")


class SheetProjectOut(BaseModel):
    id: int = Field(description="The project's id")
    name: str = Field(description="The project's name (主な事業)")
    department: Department
    planned_stage: str | None = Field(
        description="The stage the plan's schedule gives for the cycle year (検討, 実施 …); null when it gives none")
    stage: str | None = Field(description="The stage the department recorded for the year; null until recorded")
    progress: str | None = Field(description="The department's account of the year's progress; null until recorded")
    updated_by: UserName
    updated_at: Timestamp
    editable: bool = Field(description="Whether the token's user may record its progress now")


class SheetOut(BaseModel):
    cycle: CycleOut = Field(description="The cycle")
    node: NodeOut | None = Field(description="null for the plan-wide sheet")
    plan_wide: bool = Field(description="Whether this is the sheet of the plan's plan-wide indicators")
    sheet: SheetBodyOut = Field(description="The sheet's state and written part")
    indicators: list[SheetIndicatorOut] = Field(
        description="The measure's own indicators (the plan-wide ones for the plan-wide sheet), in plan order, drafts "
                    "included")
    projects: list[SheetProjectOut] = Field(
        description="The measure's projects in plan order; empty for the plan-wide sheet")
    rollup: dict[str, Any] | None = Field(
        description="The roll-up as of the cycle year of the measure's indicators and those of the nodes below it "
                    "(counts by status, score, components)")
    grades: list[str] = Field(description="The grades of the cycle's scale")
    next_directions: list[str] = Field(description="The directions next_direction may take: 拡充, 継続, 改善, 縮小, 廃止")
    allowed_actions: list[str] = Field(
        description="What the token's user may do on the measure now (edit_sheet, submit_sheet, review_sheet, "
                    "enter_actual, record_progress)")


class SheetSave(BaseModel):
    """The written part of the sheet; every field is saved as sent (null clears it)."""

    model_config = ConfigDict(extra="forbid")
    version: int = Field(ge=0, description="The version read (0 for a sheet nobody has saved)")
    self_grade: str | None = Field(None, max_length=20, description="A grade of the cycle's scale")
    reasons: str | None = Field(None, max_length=20000, description="評価の理由: why that grade (at most 20,000 characters)")
    issues: str | None = Field(None, max_length=20000, description="課題: the issues seen (at most 20,000 characters)")
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
    sample_size: int | None = Field(
        None, description="A survey indicator's sample size (標本数), a whole number from 1; null or absent: keep the "
                          "stored one (refused for any other indicator)")
    margin_of_error: float | None = Field(
        None, description="A survey indicator's margin of error as printed (± points, above 0 and below 100), used when "
                          "there is no sample size; null or absent: keep the stored one")


class ActualsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    actuals: list[ActualIn] = Field(min_length=1, max_length=5000, description="All saved, or none")


class ActualOut(BaseModel):
    indicator: dict[str, Any] = Field(
        description="The indicator: id, name, node_id (null for a plan-wide indicator) and unit")
    year: int = Field(description="The fiscal year of the actual: the cycle's")
    value: float | int | None = Field(description="The actual as stored, in the indicator's unit")
    text: str | None = Field(description="The actual in words; null for an actual entered through this API")
    note: str | None = Field(description="A note on the actual; null for an actual entered through this API")
    status: str = Field(description="draft (published for an admin's correction of an approved measure)")
    entered_by: UserName
    entered_at: str | None = Field(description="When it was entered: ISO 8601, UTC; null when not recorded")
    outcome: Literal["created", "updated", "unchanged"] = Field(
        description="created: a new actual; updated: it replaced another; unchanged: the same value was already stored")
    sample_size: int | None = Field(None, description="A survey indicator's sample size (標本数); null when none is stored")
    margin_of_error: float | None = Field(
        None, description="A survey indicator's printed margin of error (± points); null when none is stored")


class ActualsOut(BaseModel):
    cycle: CycleOut = Field(description="The cycle whose year the actuals are of")
    actuals: list[ActualOut] = Field(description="Every actual saved, in the order sent")
