"""Staff page of SDG suggestions: per plan, the nodes without SDG links, the goals suggested for them
with the words that led to each, and accept / reject buttons (admins only; every form carries the
session's CSRF token). The suggestions and decisions are ``keikaku.services.sdg``'s; a refused decision
comes back as the same page with the problem in the reader's language (keikaku/web/staff_forms.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Engine

from keikaku.domain.errors import NotFoundError
from keikaku.domain.permissions import Action
from keikaku.services import accounts, sdg
from keikaku.services.plans import list_plans
from keikaku.web.plan_form_words import PLAN_FIELDS
from keikaku.web.staff import staff_member
from keikaku.web.staff_forms import Problem, add_problem_text, csrf_ok, problem, problem_of, t_of


def router(engine: Engine, render: Callable[..., HTMLResponse]) -> APIRouter:
    r = APIRouter(include_in_schema=False)

    def admin(request: Request) -> accounts.SessionInfo:
        return staff_member(engine, request, Action.EDIT_PLAN, what="SDG suggestions")

    def page(request: Request, name: str, info: accounts.SessionInfo, status_code: int = 200, **ctx: Any) -> HTMLResponse:
        ctx.update(user=info.user, csrf=info.csrf_token)
        add_problem_text(t_of(request), ctx, labels=PLAN_FIELDS)
        return render(request, name, ctx, status_code=status_code, title=ctx.get("title", ""))

    @r.get("/staff/sdg", response_class=HTMLResponse)
    def plans_page(request: Request) -> HTMLResponse:
        info = admin(request)
        return page(request, "staff/sdg.html", info, plans=list_plans(engine), found=None, title=t_of(request)("sdg_suggestions"))

    @r.get("/staff/plans/{plan_id}/sdg", response_class=HTMLResponse)
    def plan_page(request: Request, plan_id: int, msg: str | None = None) -> HTMLResponse:
        return suggestions_page(request, admin(request), plan_id, msg=msg)

    def suggestions_page(request: Request, info: accounts.SessionInfo, plan_id: int, *, msg: str | None = None,
                         error: Problem | None = None, status_code: int = 200) -> HTMLResponse:
        found = sdg.plan_suggestions(engine, plan_id)
        return page(request, "staff/sdg.html", info, plans=None, found=found, msg=msg, error=error, status_code=status_code,
                    title=f"{found.plan_title}: {t_of(request)('sdg_suggestions')}")

    @r.post("/staff/plans/{plan_id}/sdg")
    def decide(request: Request, plan_id: int, node_id: Annotated[str, Form()] = "", suggested: Annotated[str, Form()] = "",
               decision: Annotated[str, Form()] = "", csrf_token: Annotated[str, Form()] = "") -> Response:
        info = admin(request)
        if not csrf_ok(info.csrf_token, csrf_token):
            return suggestions_page(request, info, plan_id, error=problem("csrf"), status_code=403)  # nothing typed to keep
        if decision not in ("accept", "reject"):
            return suggestions_page(request, info, plan_id, error=problem("bad_sdg_decision", "decision"), status_code=422)
        if not (node_id.isascii() and node_id.isdigit() and len(node_id) <= 18):
            return suggestions_page(request, info, plan_id, error=problem("sdg_no_node", "node_id"), status_code=422)
        try:
            done = sdg.decide(engine, plan=plan_id, node=int(node_id), suggested=suggested,
                              decision=sdg.ACCEPTED if decision == "accept" else sdg.REJECTED, user=info.user)
        except sdg.BadSuggestion as exc:
            return suggestions_page(request, info, plan_id, error=problem_of(exc), status_code=422)
        except NotFoundError as exc:  # a node of no plan of this id; no plan at all: the page's own 404
            return suggestions_page(request, info, plan_id, error=problem("sdg_no_node", "node_id", str(exc)), status_code=422)
        message = f"sdg_{done.decision}:{done.node_label} → {done.suggested}"
        return RedirectResponse(f"/staff/plans/{plan_id}/sdg?msg={quote(message)}", status_code=303)

    return r
