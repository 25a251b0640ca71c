"""Staff page of SDG suggestions: per plan, the nodes without SDG links, the goals suggested for them
with the words that led to each, and accept / reject buttons (admins only; every form carries the
session's CSRF token). The suggestions and decisions are ``keikaku.services.sdg``'s."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Engine

from keikaku.domain.permissions import Action
from keikaku.services import accounts, sdg
from keikaku.services.plans import list_plans
from keikaku.web.staff import CsrfRejected, staff_member


def router(engine: Engine, render: Callable[..., HTMLResponse]) -> APIRouter:
    r = APIRouter(include_in_schema=False)

    def admin(request: Request) -> accounts.SessionInfo:
        return staff_member(engine, request, Action.EDIT_PLAN, what="SDG suggestions")

    def page(request: Request, name: str, info: accounts.SessionInfo, **ctx: Any) -> HTMLResponse:
        ctx.update(user=info.user, csrf=info.csrf_token)
        return render(request, name, ctx, title=ctx.get("title", ""))

    @r.get("/staff/sdg", response_class=HTMLResponse)
    def plans_page(request: Request) -> HTMLResponse:
        info = admin(request)
        return page(request, "staff/sdg.html", info, plans=list_plans(engine), found=None, title="SDGs の候補")

    @r.get("/staff/plans/{plan_id}/sdg", response_class=HTMLResponse)
    def plan_page(request: Request, plan_id: int, msg: str | None = None) -> HTMLResponse:
        info = admin(request)
        found = sdg.plan_suggestions(engine, plan_id)
        return page(request, "staff/sdg.html", info, plans=None, found=found, msg=msg,
                    title=f"{found.plan_title}: SDGs の候補")

    @r.post("/staff/plans/{plan_id}/sdg")
    def decide(request: Request, plan_id: int, node_id: Annotated[int, Form()], suggested: Annotated[str, Form()],
               decision: Annotated[str, Form()], csrf_token: Annotated[str, Form()] = "") -> Response:
        info = admin(request)
        if not csrf_token or not secrets.compare_digest(csrf_token, info.csrf_token):
            raise CsrfRejected("the form is out of date or was not sent by this site; reload the page")
        done = sdg.decide(engine, plan=plan_id, node=node_id, suggested=suggested,
                          decision=sdg.ACCEPTED if decision == "accept" else sdg.REJECTED if decision == "reject" else decision,
                          user=info.user)
        message = f"sdg_{done.decision}:{done.node_label} → {done.suggested}"
        return RedirectResponse(f"/staff/plans/{plan_id}/sdg?msg={quote(message)}", status_code=303)

    return r
