"""The plan editor's JSON API (``/api/v1/editor/…``), for scripts and the browser alike.

Session-based, as the staff pages: the ``keikaku_session`` cookie names the user, and every
request that changes something carries the session's CSRF token in ``X-CSRF-Token``. Every
change sends the plan ``version`` it read; an answer carries the new one. A conflict is 409 with
``current_version`` and what was ``attempted``; invalid input 422 with ``code`` and ``field``; a
refused deletion 409 with ``usage`` (send ``confirm=true`` to delete anyway); no right 403.
"""

from __future__ import annotations

import secrets
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy import Engine

from keikaku.domain.errors import KeikakuError
from keikaku.services import accounts
from keikaku.services import plan_edit as pe
from keikaku.services import plan_edit_items as pi
from keikaku.services.plan_edit_view import editor_view

SESSION_COOKIE = "keikaku_session"
Version = Annotated[str, Field(min_length=1, max_length=64, description="The plan version read (content_sha256).")]
Figure = float | None
Year = Annotated[int, Field(ge=1900, le=2200)] | None


class ApiNotSignedIn(KeikakuError):
    http_status = 401


class ApiCsrfRejected(KeikakuError):
    http_status = 403


class EditResponse(BaseModel):
    plan_id: int = Field(description="The edited plan's id.")
    version: str = Field(description="The plan's version after the edit: send it with the next one.")
    changed: list[dict[str, Any]] = Field(description="Each changed object as it is now (type, id, action, fields).")


class NodeUpdate(BaseModel):
    version: Version
    title: str | None = Field(None, max_length=500, description="The node's new title; left out: unchanged.")
    number: str | None = Field(None, max_length=50, description="Its printed number (1, 1-2, Ⅰ …); left out: unchanged.")
    level: str | None = Field(None, max_length=50, description="Its level word (基本目標, 施策 …); left out: unchanged.")
    departments: list[Annotated[str, Field(max_length=200)]] | None = Field(None, max_length=100, description="The departments (所管課) in charge, by name; they replace the current ones.")
    sdgs: list[int] | None = Field(None, max_length=17, description="The SDG goals (1–17) the node serves; they replace the current ones.")


class BulkDepartments(BaseModel):
    version: Version
    nodes: list[int] = Field(min_length=1, max_length=5000, description="Ids of the nodes to give the departments to.")
    departments: list[Annotated[str, Field(max_length=200)]] = Field(max_length=100, description="Department names.")
    replace: bool = Field(False, description="True: the departments replace each node's own; false: they are added.")


class NodeCreate(BaseModel):
    version: Version
    parent: int | None = Field(None, description="Id of the parent node; null: a top-level node of the plan.")
    level: str = Field(max_length=50, description="Its level word (基本目標, 施策 …).")
    title: str = Field(max_length=500, description="Its title.")
    number: str | None = Field(None, max_length=50, description="Its printed number, if any.")
    index: int | None = Field(None, ge=0, description="Its place among its siblings (0 first); null: last.")
    departments: list[Annotated[str, Field(max_length=200)]] = Field(default_factory=list, max_length=100, description="The departments in charge, by name.")
    sdgs: list[int] = Field(default_factory=list, max_length=17, description="The SDG goals (1–17) it serves.")


class NodeMove(BaseModel):
    version: Version
    parent: int | None = Field(None, description="Id of the new parent node; null: top level.")
    index: int | None = Field(None, ge=0, description="Its new place among its siblings (0 first); null: last.")


class InterimTarget(BaseModel):
    year: Year = Field(None, description="The fiscal year of the interim target.")
    value: Figure = Field(None, description="The interim target value, in the indicator's unit.")


class IndicatorUpdate(BaseModel):
    version: Version
    name: str | None = Field(None, max_length=500, description="The indicator's name; left out: unchanged.")
    unit: str | None = Field(None, max_length=50, description="Its unit (%, 人, 件 …).")
    direction: Literal["increase", "decrease", "maintain", "qualitative"] | None = Field(None, description="Which way is better: increase, decrease, maintain (維持) or a worded (qualitative) target.")
    kind: Literal["outcome", "activity"] | None = Field(None, description="An outcome (成果) or activity (活動) indicator.")
    baseline_value: Figure = Field(None, description="The baseline (現状値).")
    baseline_year: Year = Field(None, description="The fiscal year of the baseline.")
    target_value: Figure = Field(None, description="The target (目標値).")
    target_year: Year = Field(None, description="The fiscal year of the target.")
    interim_targets: list[InterimTarget] | None = Field(None, max_length=50, description="Interim targets (中間目標), which replace the current ones.")
    definition: str | None = Field(None, max_length=50_000, description="How the indicator is measured (算出方法).")
    survey_confidence: float | None = Field(None, description="For a share from a citizen survey (市民意識調査): the confidence level of its intervals, strictly between 0 and 1 (0.95); null: not a survey.")
    baseline_sample_size: int | None = Field(None, description="The sample size (標本数) of the baseline survey; null: none.")


class SectionText(BaseModel):
    heading: str = Field(max_length=500, description="The section's heading (現状と課題 …).")
    text: str | None = Field(None, max_length=50_000, description="The section's text.")


class SectionsUpdate(BaseModel):
    version: Version
    sections: list[SectionText] = Field(max_length=100, description="Every section of the node, in order; they replace the current ones.")


class ProjectSave(BaseModel):
    version: Version
    node: int | None = Field(None, description="Id of the measure the project belongs to.")
    name: str | None = Field(None, max_length=500, description="The project's name (主な事業).")
    department: str | None = Field(None, max_length=200, description="The department in charge, by name.")
    stages: dict[int, Annotated[str, Field(max_length=50)] | None] | None = Field(None, max_length=100, description="The stage planned for each fiscal year (検討, 実施, 拡充 …); null removes a year.")


class ActionSave(BaseModel):
    version: Version
    node: int | None = Field(None, description="Id of the measure the action belongs to.")
    title: str | None = Field(None, max_length=500, description="The action's title (主な取組).")
    number: str | None = Field(None, max_length=50, description="Its printed number.")
    items: list[Annotated[str, Field(max_length=50_000)]] | None = Field(None, max_length=200, description="Its bullet points, in order.")


class LinkCreate(BaseModel):
    version: Version
    node: int = Field(description="Id of the node the link starts from.")
    type: Literal["cross_cutting", "sectoral_plan_of", "successor_of", "revised_as"] = Field(description="The relation: a cross-cutting project, a sectoral plan under the measure, the successor of an older node, or its revised form.")
    target_plan: str | None = Field(None, max_length=300, description="The other plan's key (as in its plan file); null: this plan.")
    target_node: str | None = Field(None, max_length=200, description="The node's key in that plan; null: the whole plan.")
    note: str | None = Field(None, max_length=50_000, description="A note on the link.")


Csrf = Annotated[str | None, Header(alias="X-CSRF-Token", description="The session's CSRF token.")]


def _given(body: BaseModel, *names: str) -> dict[str, Any]:
    """The fields the client sent (those it left out stay as stored)."""
    return {n: getattr(body, n) for n in names if n in body.model_fields_set}


def router(engine: Engine) -> APIRouter:
    r = APIRouter(prefix="/api/v1/editor", tags=["editor"])

    def user(request: Request, csrf: str | None = None, *, write: bool = True) -> accounts.UserInfo:
        info = accounts.session_user(engine, request.cookies.get(SESSION_COOKIE))
        if info is None:
            raise ApiNotSignedIn("サインインしてください / sign in first (the keikaku_session cookie)")
        if write and (not csrf or not secrets.compare_digest(csrf, info.csrf_token)):
            raise ApiCsrfRejected("X-CSRF-Token がセッションのものと違います / X-CSRF-Token does not match the session")
        return info.user

    def run(call: Any, **kwargs: Any) -> Any:
        try:
            return call(engine, **kwargs).to_json()
        except pe.PlanConflict as exc:
            return JSONResponse({"error": "PlanConflict", "detail": str(exc), "current_version": exc.current,
                                 "attempted": pe.audit.jsonable(exc.attempted)}, status_code=409)
        except pe.ValidationFailed as exc:
            return JSONResponse({"error": "ValidationFailed", "detail": str(exc), "code": exc.code, "field": exc.field},
                                status_code=422)
        except pe.DeleteNeedsConfirmation as exc:
            return JSONResponse({"error": "DeleteNeedsConfirmation", "detail": str(exc), "usage": exc.usage}, status_code=409)

    conflict: dict[int | str, dict[str, Any]] = {
        409: {"description": "The plan changed since it was read, or a deletion needs confirm=true."},
        422: {"description": "Invalid input (code, field)."}, 403: {"description": "Not an admin, or no CSRF token."}}

    @r.get("/plans/{plan_id}", summary="A plan as the editor shows it, with its version")
    def get_plan(request: Request, plan_id: int) -> dict[str, Any]:
        return editor_view(engine, user=user(request, write=False), plan=plan_id).to_json()

    @r.patch("/plans/{plan_id}/nodes/{node_id}", response_model=EditResponse, responses=conflict,
             summary="Change a node's title, number, level, departments or SDG goals")
    def patch_node(request: Request, plan_id: int, node_id: int, body: NodeUpdate, x_csrf_token: Csrf = None) -> Any:
        return run(pe.update_node, user=user(request, x_csrf_token), plan=plan_id, version=body.version, node=node_id,
                   **_given(body, "title", "number", "level", "departments", "sdgs"))

    @r.post("/plans/{plan_id}/departments", response_model=EditResponse, responses=conflict,
            summary="Assign departments to several nodes at once")
    def bulk_departments(request: Request, plan_id: int, body: BulkDepartments, x_csrf_token: Csrf = None) -> Any:
        return run(pe.assign_departments, user=user(request, x_csrf_token), plan=plan_id, version=body.version,
                   nodes=body.nodes, departments=body.departments, replace=body.replace)

    @r.post("/plans/{plan_id}/nodes", response_model=EditResponse, responses=conflict, summary="Add a node")
    def post_node(request: Request, plan_id: int, body: NodeCreate, x_csrf_token: Csrf = None) -> Any:
        return run(pe.add_node, user=user(request, x_csrf_token), plan=plan_id, version=body.version, parent=body.parent,
                   level=body.level, title=body.title, number=body.number, index=body.index,
                   departments=body.departments, sdgs=body.sdgs)

    @r.post("/plans/{plan_id}/nodes/{node_id}/move", response_model=EditResponse, responses=conflict,
            summary="Move a node under another parent (null: the top) at an index among its siblings")
    def move_node(request: Request, plan_id: int, node_id: int, body: NodeMove, x_csrf_token: Csrf = None) -> Any:
        return run(pe.move_node, user=user(request, x_csrf_token), plan=plan_id, version=body.version, node=node_id,
                   parent=body.parent, index=body.index)

    @r.delete("/plans/{plan_id}/nodes/{node_id}", response_model=EditResponse, responses=conflict,
              summary="Delete a node with everything under it")
    def delete_node(request: Request, plan_id: int, node_id: int, version: Annotated[str, Query(max_length=64)],
                    confirm: bool = False, x_csrf_token: Csrf = None) -> Any:
        return run(pe.delete_node, user=user(request, x_csrf_token), plan=plan_id, version=version, node=node_id,
                   confirm=confirm)

    @r.put("/plans/{plan_id}/nodes/{node_id}/sections", response_model=EditResponse, responses=conflict,
           summary="Replace a node's section texts")
    def put_sections(request: Request, plan_id: int, node_id: int, body: SectionsUpdate, x_csrf_token: Csrf = None) -> Any:
        return run(pi.set_sections, user=user(request, x_csrf_token), plan=plan_id, version=body.version, node=node_id,
                   sections=[(s.heading, s.text) for s in body.sections])

    @r.patch("/plans/{plan_id}/indicators/{indicator_id}", response_model=EditResponse, responses=conflict,
             summary="Change an indicator: name, unit, direction, kind, baseline, target, interim targets")
    def patch_indicator(request: Request, plan_id: int, indicator_id: int, body: IndicatorUpdate,
                        x_csrf_token: Csrf = None) -> Any:
        fields = _given(body, "name", "unit", "direction", "kind", "baseline_value", "baseline_year", "target_value",
                        "target_year", "definition", "survey_confidence", "baseline_sample_size")
        if "interim_targets" in body.model_fields_set and body.interim_targets is not None:
            fields["interim_targets"] = [(t.year, t.value) for t in body.interim_targets]
        return run(pi.update_indicator, user=user(request, x_csrf_token), plan=plan_id, version=body.version,
                   indicator=indicator_id, **fields)

    @r.delete("/plans/{plan_id}/indicators/{indicator_id}", response_model=EditResponse, responses=conflict,
              summary="Delete an indicator")
    def delete_indicator(request: Request, plan_id: int, indicator_id: int, version: Annotated[str, Query(max_length=64)],
                         confirm: bool = False, x_csrf_token: Csrf = None) -> Any:
        return run(pi.delete_indicator, user=user(request, x_csrf_token), plan=plan_id, version=version,
                   indicator=indicator_id, confirm=confirm)

    @r.post("/plans/{plan_id}/projects", response_model=EditResponse, responses=conflict, summary="Add a project")
    def post_project(request: Request, plan_id: int, body: ProjectSave, x_csrf_token: Csrf = None) -> Any:
        return run(pi.save_project, user=user(request, x_csrf_token), plan=plan_id, version=body.version, node=body.node,
                   **_given(body, "name", "department", "stages"))

    @r.patch("/plans/{plan_id}/projects/{project_id}", response_model=EditResponse, responses=conflict,
             summary="Change a project: name, department, node, stages per fiscal year")
    def patch_project(request: Request, plan_id: int, project_id: int, body: ProjectSave, x_csrf_token: Csrf = None) -> Any:
        return run(pi.save_project, user=user(request, x_csrf_token), plan=plan_id, version=body.version, project=project_id,
                   node=body.node, **_given(body, "name", "department", "stages"))

    @r.delete("/plans/{plan_id}/projects/{project_id}", response_model=EditResponse, responses=conflict,
              summary="Delete a project")
    def delete_project(request: Request, plan_id: int, project_id: int, version: Annotated[str, Query(max_length=64)],
                       confirm: bool = False, x_csrf_token: Csrf = None) -> Any:
        return run(pi.delete_project, user=user(request, x_csrf_token), plan=plan_id, version=version, project=project_id,
                   confirm=confirm)

    @r.post("/plans/{plan_id}/actions", response_model=EditResponse, responses=conflict, summary="Add an action")
    def post_action(request: Request, plan_id: int, body: ActionSave, x_csrf_token: Csrf = None) -> Any:
        return run(pi.save_action, user=user(request, x_csrf_token), plan=plan_id, version=body.version, node=body.node,
                   **_given(body, "title", "number", "items"))

    @r.patch("/plans/{plan_id}/actions/{action_id}", response_model=EditResponse, responses=conflict,
             summary="Change an action: number, title, items")
    def patch_action(request: Request, plan_id: int, action_id: int, body: ActionSave, x_csrf_token: Csrf = None) -> Any:
        return run(pi.save_action, user=user(request, x_csrf_token), plan=plan_id, version=body.version, action=action_id,
                   **_given(body, "title", "number", "items"))

    @r.delete("/plans/{plan_id}/actions/{action_id}", response_model=EditResponse, responses=conflict,
              summary="Delete an action")
    def delete_action(request: Request, plan_id: int, action_id: int, version: Annotated[str, Query(max_length=64)],
                      x_csrf_token: Csrf = None) -> Any:
        return run(pi.delete_action, user=user(request, x_csrf_token), plan=plan_id, version=version, action=action_id)

    @r.post("/plans/{plan_id}/links", response_model=EditResponse, responses=conflict,
            summary="Link a node to a node or plan (this plan when target_plan is null)")
    def post_link(request: Request, plan_id: int, body: LinkCreate, x_csrf_token: Csrf = None) -> Any:
        return run(pi.add_link, user=user(request, x_csrf_token), plan=plan_id, version=body.version, node=body.node,
                   type=body.type, target_plan=body.target_plan, target_node=body.target_node, note=body.note)

    @r.delete("/plans/{plan_id}/links/{link_id}", response_model=EditResponse, responses=conflict, summary="Delete a link")
    def delete_link(request: Request, plan_id: int, link_id: int, version: Annotated[str, Query(max_length=64)],
                    x_csrf_token: Csrf = None) -> Any:
        return run(pi.delete_link, user=user(request, x_csrf_token), plan=plan_id, version=version, link=link_id)

    return r
