"""The plan editor's staff pages (admin): a plan's tree with bulk department assignment, and one
page per node with forms for its fields, departments, SDG goals, texts and indicators, adding a
node under it, moving and deleting it.

Every form carries the plan version it was rendered with. When another editor saved first the
page comes back (409) with what this user typed still in the form, the stored values beside it
and the new version, so that saving again is a decision made having seen both. Any other problem
(a bad number or year, an empty title, an expired form) comes back the same way, with the field at
fault marked and the problem in the reader's language (keikaku/web/staff_forms.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Engine

from keikaku.services import accounts
from keikaku.services import plan_edit as pe
from keikaku.services import plan_edit_items as pi
from keikaku.services.plan_edit_view import editor_view
from keikaku.web.plan_form_words import PLAN_FIELDS
from keikaku.web.staff import NotSignedIn, session_of
from keikaku.web.staff_forms import Problem, add_problem_text, csrf_ok, problem, problem_of, t_of

EDIT_ERRORS = (pe.PlanConflict, pe.ValidationFailed, pe.DeleteNeedsConfirmation)


def lines(value: str) -> list[str]:
    """A textarea of names, one a line (、 and commas also separate)."""
    return [p.strip() for p in re.split(r"[\r\n、,，]+", value) if p.strip()]


def edit_problem(exc: Exception) -> Problem:
    """A refused edit as a problem in words: the conflict, the deletion to confirm, or the rule and its field."""
    if isinstance(exc, pe.PlanConflict):
        return problem("plan_conflict", message=str(exc))
    if isinstance(exc, pe.DeleteNeedsConfirmation):
        return problem("delete_confirm", "confirm", str(exc), **exc.usage)
    code, field = getattr(exc, "code", None), getattr(exc, "field", None)
    if code == "bad_year":
        return problem_of(exc, key="err_year_of")
    if code == "missing" and field in ("nodes", "heading"):
        return problem_of(exc, key=f"err_missing_{field}")
    if code == "bad_type":
        return problem_of(exc, key="err_bad_field")
    return problem_of(exc)


def router(engine: Engine, render: Callable[..., HTMLResponse]) -> APIRouter:
    r = APIRouter(include_in_schema=False)

    def current(request: Request) -> accounts.SessionInfo:
        info = session_of(engine, request)
        if info is None:
            raise NotSignedIn("sign in first")
        return info

    async def form_of(request: Request) -> tuple[accounts.SessionInfo, Any, bool]:
        """The user, the posted form and whether its CSRF token is the session's (when not, the page comes back
        with what was typed and nothing is changed)."""
        info = current(request)
        form = await request.form()
        return info, form, csrf_ok(info.csrf_token, str(form.get("csrf_token", "")))

    def page(request: Request, name: str, info: accounts.SessionInfo, status_code: int = 200, **ctx: Any) -> HTMLResponse:
        ctx.update(user=info.user, csrf=info.csrf_token)
        add_problem_text(t_of(request), ctx, labels=PLAN_FIELDS)
        return render(request, name, ctx, status_code=status_code, title=ctx.get("title", ""))

    def tree_page(request: Request, info: accounts.SessionInfo, plan_id: int, *, mine: dict[str, Any], error: Problem,
                  form: str, status_code: int) -> HTMLResponse:
        view = editor_view(engine, user=info.user, plan=plan_id)
        return page(request, "staff/editor.html", info, status_code=status_code, view=view, mine=mine, error=error, form=form,
                    title=view.plan_title)

    def tree_url(plan_id: int) -> str:
        return f"/staff/plans/{plan_id}/edit"

    def node_url(plan_id: int, node_id: int) -> str:
        return f"/staff/plans/{plan_id}/edit/nodes/{node_id}"

    def done(url: str) -> RedirectResponse:
        return RedirectResponse(url + "?msg=edited", status_code=303)

    def node_page(request: Request, info: accounts.SessionInfo, plan_id: int, node_id: int, *, msg: str | None = None,
                  error: Exception | None = None, mine: dict[str, Any] | None = None, form: str | None = None,
                  status_code: int | None = None, problem_given: Problem | None = None) -> HTMLResponse:
        view = editor_view(engine, user=info.user, plan=plan_id)
        node = view.node(node_id)
        if node is None:
            from keikaku.domain.errors import NotFoundError

            raise NotFoundError(f"no node {node_id} in plan {plan_id}")
        status = status_code or (getattr(error, "http_status", 200) if error else 200)
        found = problem_given or (edit_problem(error) if error else None)
        return page(request, "staff/editor_node.html", info, status_code=status, view=view, node=node, msg=msg,
                    error=found, error_kind=type(error).__name__ if error else None, mine=mine or {}, form=form,
                    title=node.label)

    @r.get("/staff/plans/{plan_id}/edit", response_class=HTMLResponse)
    def tree(request: Request, plan_id: int, msg: str | None = None) -> HTMLResponse:
        info = current(request)
        view = editor_view(engine, user=info.user, plan=plan_id)
        return page(request, "staff/editor.html", info, view=view, msg=msg, mine={}, title=view.plan_title)

    @r.post("/staff/plans/{plan_id}/edit/departments", response_class=HTMLResponse)
    async def bulk(request: Request, plan_id: int) -> Response:
        info, form, fresh = await form_of(request)
        nodes = [int(v) for v in form.getlist("node") if str(v).isdigit() and len(str(v)) <= 18]
        mine = {"departments": str(form.get("departments", "")), "nodes": nodes, "replace": bool(form.get("replace"))}
        if not fresh:
            return tree_page(request, info, plan_id, mine=mine, error=problem("csrf_kept"), form="bulk", status_code=403)
        try:
            pe.assign_departments(engine, user=info.user, plan=plan_id, version=str(form.get("version", "")), nodes=nodes,
                                  departments=lines(mine["departments"]), replace=mine["replace"])
        except EDIT_ERRORS as exc:
            return tree_page(request, info, plan_id, mine=mine, error=edit_problem(exc), form="bulk",
                             status_code=exc.http_status)
        return done(tree_url(plan_id))

    @r.get("/staff/plans/{plan_id}/edit/nodes/{node_id}", response_class=HTMLResponse)
    def node_form(request: Request, plan_id: int, node_id: int, msg: str | None = None) -> HTMLResponse:
        return node_page(request, current(request), plan_id, node_id, msg=msg)

    async def attempt(request: Request, plan_id: int, node_id: int, form_name: str, call: Callable[..., Any],
                      mine: dict[str, Any], form: Any, info: accounts.SessionInfo, after: str | None = None,
                      fresh: bool = True, **kwargs: Any) -> Response:
        if not fresh:
            return node_page(request, info, plan_id, node_id, mine=mine, form=form_name, status_code=403,
                             problem_given=problem("csrf_kept"))
        try:
            call(engine, user=info.user, plan=plan_id, version=str(form.get("version", "")), **kwargs)
        except EDIT_ERRORS as exc:
            return node_page(request, info, plan_id, node_id, error=exc, mine=mine, form=form_name)
        return done(after or node_url(plan_id, node_id))

    @r.post("/staff/plans/{plan_id}/edit/nodes/{node_id}", response_class=HTMLResponse)
    async def save_node(request: Request, plan_id: int, node_id: int) -> Response:
        info, form, fresh = await form_of(request)
        mine = {k: str(form.get(k, "")) for k in ("title", "number", "level", "departments")}
        mine["sdgs"] = [str(v) for v in form.getlist("sdg") if str(v).isdigit() and len(str(v)) <= 2]
        return await attempt(request, plan_id, node_id, "node", pe.update_node, mine, form, info, fresh=fresh, node=node_id,
                             title=mine["title"], number=mine["number"], level=mine["level"],
                             departments=lines(mine["departments"]), sdgs=mine["sdgs"])

    @r.post("/staff/plans/{plan_id}/edit/nodes/{node_id}/sections", response_class=HTMLResponse)
    async def save_sections(request: Request, plan_id: int, node_id: int) -> Response:
        info, form, fresh = await form_of(request)
        pairs = list(zip([str(v) for v in form.getlist("heading")], [str(v) for v in form.getlist("text")]))
        mine = {"sections": pairs}
        return await attempt(request, plan_id, node_id, "sections", pi.set_sections, mine, form, info, fresh=fresh,
                             node=node_id,
                             sections=pairs)

    @r.post("/staff/plans/{plan_id}/edit/nodes/{node_id}/indicators/{indicator_id}", response_class=HTMLResponse)
    async def save_indicator(request: Request, plan_id: int, node_id: int, indicator_id: int) -> Response:
        info, form, fresh = await form_of(request)
        keys = ("name", "unit", "direction", "baseline_value", "baseline_year", "target_value", "target_year", "interim",
                "survey_confidence", "baseline_sample_size")
        mine = {k: str(form.get(k, "")) for k in keys}
        mine["indicator_id"] = indicator_id
        pairs = [tuple(p.partition("=")[::2]) for p in lines(mine["interim"].replace("、", "\n"))]
        return await attempt(request, plan_id, node_id, f"indicator-{indicator_id}", pi.update_indicator, mine, form, info,
                             fresh=fresh, indicator=indicator_id, name=mine["name"], unit=mine["unit"], direction=mine["direction"],
                             baseline_value=mine["baseline_value"], baseline_year=mine["baseline_year"],
                             target_value=mine["target_value"], target_year=mine["target_year"], interim_targets=pairs,
                             survey_confidence=mine["survey_confidence"], baseline_sample_size=mine["baseline_sample_size"])

    @r.post("/staff/plans/{plan_id}/edit/nodes/{node_id}/indicators/{indicator_id}/delete", response_class=HTMLResponse)
    async def remove_indicator(request: Request, plan_id: int, node_id: int, indicator_id: int) -> Response:
        info, form, fresh = await form_of(request)
        return await attempt(request, plan_id, node_id, f"indicator-{indicator_id}-delete", pi.delete_indicator, {}, form, info,
                             fresh=fresh, indicator=indicator_id, confirm=bool(form.get("confirm")))

    @r.post("/staff/plans/{plan_id}/edit/nodes/{node_id}/children", response_class=HTMLResponse)
    async def add_child(request: Request, plan_id: int, node_id: int) -> Response:
        info, form, fresh = await form_of(request)
        mine = {k: str(form.get(f"new_{k}", "")) for k in ("level", "number", "title")}
        return await attempt(request, plan_id, node_id, "add", pe.add_node, {f"new_{k}": v for k, v in mine.items()}, form,
                             info, fresh=fresh, parent=node_id, level=mine["level"], number=mine["number"] or None, title=mine["title"])

    @r.post("/staff/plans/{plan_id}/edit/nodes", response_class=HTMLResponse)
    async def add_top(request: Request, plan_id: int) -> Response:
        info, form, fresh = await form_of(request)
        mine = {k: str(form.get(k, "")) for k in ("new_level", "new_number", "new_title")}
        if not fresh:
            return tree_page(request, info, plan_id, mine=mine, error=problem("csrf_kept"), form="add", status_code=403)
        try:
            pe.add_node(engine, user=info.user, plan=plan_id, version=str(form.get("version", "")), parent=None,
                        level=mine["new_level"], number=mine["new_number"] or None, title=mine["new_title"])
        except EDIT_ERRORS as exc:
            return tree_page(request, info, plan_id, mine=mine, error=edit_problem(exc), form="add",
                             status_code=exc.http_status)
        return done(tree_url(plan_id))

    @r.post("/staff/plans/{plan_id}/edit/nodes/{node_id}/move", response_class=HTMLResponse)
    async def move(request: Request, plan_id: int, node_id: int) -> Response:
        info, form, fresh = await form_of(request)
        parent, index = str(form.get("parent", "")).strip()[:40], str(form.get("index", "")).strip()[:40]
        mine = {"parent": parent, "index": index}
        if not fresh:
            return node_page(request, info, plan_id, node_id, mine=mine, form="move", status_code=403,
                             problem_given=problem("csrf_kept"))
        if parent and not (parent.isascii() and parent.isdigit() and len(parent) <= 18):
            error = pe.fail("移動先は一覧から選んでください", "choose the new parent from the list", code="bad_choice", field="parent")
            return node_page(request, info, plan_id, node_id, error=error, mine=mine, form="move")
        if index and not (index.isascii() and index.isdigit() and len(index) <= 9):
            error = pe.fail("位置は 0 以上の整数です", "the position is a whole number from 0", code="bad_position", field="index")
            return node_page(request, info, plan_id, node_id, error=error, mine=mine, form="move")
        return await attempt(request, plan_id, node_id, "move", pe.move_node, mine, form, info, node=node_id,
                             parent=int(parent) if parent else None, index=int(index) if index else None)

    @r.post("/staff/plans/{plan_id}/edit/nodes/{node_id}/delete", response_class=HTMLResponse)
    async def delete(request: Request, plan_id: int, node_id: int) -> Response:
        info, form, fresh = await form_of(request)
        return await attempt(request, plan_id, node_id, "delete", pe.delete_node, {}, form, info, fresh=fresh,
                             after=tree_url(plan_id),
                             node=node_id, confirm=bool(form.get("confirm")))

    return r
