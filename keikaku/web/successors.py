"""The successor map on the staff pages, and the chart of an indicator across plan generations.

``/staff/successors`` (admins only): choose an earlier plan and its next generation; each old
measure is listed with its suggested successors, their score and reasons, and staff's decision.
Each suggestion can be accepted, rejected, or changed to another new measure (the suggestion is
then rejected and the chosen measure accepted); another successor can be added to any old measure,
so one measure may continue as several and several as one. A rejected suggestion stays rejected.
Every form carries the session's CSRF token. Decisions are ``keikaku.services.successors``'s.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Engine

from keikaku.domain.permissions import Action
from keikaku.services import accounts
from keikaku.services import successors as service
from keikaku.services.plans import list_plans
from keikaku.services import charts
from keikaku.web.i18n import WORDS
from keikaku.web.staff import CsrfRejected, staff_member

WORDS.update({
    "successors": ("後継施策の対応表", "Successor map"),
    "successor_intro": ("前の世代の計画の施策ごとに、次の世代の計画で引き継ぐ施策の候補を示します。候補は題名・本文の類似、共通の指標、同じ所管課から計算しています。",
                        "For each measure of the earlier plan, the measures of the next plan suggested as its successors, "
                        "scored from title and text similarity, shared indicators and the same department."),
    "successor_old_plan": ("前の世代の計画", "Earlier plan"),
    "successor_new_plan": ("次の世代の計画", "Next plan"),
    "successor_show": ("対応表を表示", "Show the map"),
    "successor_old": ("旧施策", "Old measure"),
    "successor_new": ("新施策", "New measure"),
    "successor_score": ("スコア", "Score"),
    "successor_reasons": ("理由", "Reasons"),
    "successor_decision": ("判断", "Decision"),
    "successor_actions": ("操作", "Actions"),
    "successor_accepted": ("採用済", "Accepted"),
    "successor_rejected": ("却下済", "Rejected"),
    "successor_open": ("未判断", "Not decided"),
    "successor_accept": ("採用", "Accept"),
    "successor_reject": ("却下", "Reject"),
    "successor_change": ("変更", "Change"),
    "successor_change_to": ("別の新施策に変更", "Change to another new measure"),
    "successor_add": ("後継を追加", "Add a successor"),
    "successor_none": ("候補なし", "No suggestion"),
    "successor_weights": ("重み", "Weights"),
    "successor_threshold": ("一括採用のしきい値", "Threshold of --accept"),
    "successor_done_accepted": ("採用しました", "Accepted"),
    "successor_done_rejected": ("却下しました", "Rejected"),
    "successor_done_changed": ("変更しました", "Changed"),
    "successor_done_unchanged": ("変更はありません", "Nothing changed"),
    "generations": ("計画をまたぐ推移", "Across plan generations"),
    "generations_intro": ("この指標は後継の施策に引き継がれています。各計画の現状値と目標値を示します。",
                          "This indicator continues in the successor measure; each plan's baseline and target are shown."),
    "generation_plan": ("計画", "Plan"),
    "generation_indicator": ("指標", "Indicator"),
    "generation_this": ("この指標", "this indicator"),
})

CHANGE_WORDS = {"accept": service.ACCEPTED, "reject": service.REJECTED, "change": service.ACCEPTED}


def generations_svg(gens: service.IndicatorGenerations, lang: str) -> str:
    """The joined series of a continuing indicator: the page's own plan's baseline and target as the
    chart's, every other plan's as extra marks labelled with the plan's title."""
    own = next((g for g in gens.generations if g.current), gens.generations[-1])
    marks = [(kind, p.year, p.value, charts_label(g.plan_title))
             for g in gens.generations if not g.current for kind, p in (("baseline", g.baseline), ("target", g.target)) if p]
    base = (own.baseline.year, own.baseline.value) if own.baseline and own.baseline.value is not None else None
    target = (own.target.year, own.target.value) if own.target and own.target.value is not None else None
    return charts.indicator_chart(chart_id=f"generations-{own.indicator_id}", name=own.indicator_name, unit=own.unit,
                                  actuals=[(r.year, r.value) for r in gens.series], baseline=base, target=target,
                                  lang=lang, marks=marks)


def charts_label(title: str, limit: int = 30) -> str:
    return title if len(title) <= limit else title[: limit - 1] + "…"


def router(engine: Engine, render: Callable[..., HTMLResponse]) -> APIRouter:
    r = APIRouter(include_in_schema=False)

    def admin(request: Request) -> accounts.SessionInfo:
        return staff_member(engine, request, Action.EDIT_PLAN, what="successors")

    @r.get("/staff/successors", response_class=HTMLResponse)
    def map_page(request: Request, old: int | None = None, new: int | None = None, msg: str | None = None) -> HTMLResponse:
        info = admin(request)
        found = service.successor_map(engine, old, new) if old is not None and new is not None else None
        title = f"{found.old_plan.title} → {found.new_plan.title}" if found else "後継施策の対応表"
        ctx = {"user": info.user, "csrf": info.csrf_token, "plans": list_plans(engine), "found": found, "old": old,
               "new": new, "msg": msg if msg in ("accepted", "rejected", "changed", "unchanged") else None}
        return render(request, "staff/successors.html", ctx, title=title)

    @r.post("/staff/successors/decide")
    def decide(request: Request, old_plan: Annotated[int, Form()], new_plan: Annotated[int, Form()],
               old_node: Annotated[int, Form()], new_node: Annotated[int, Form()], decision: Annotated[str, Form()],
               replaces: Annotated[int | None, Form()] = None, csrf_token: Annotated[str, Form()] = "") -> Response:
        info = admin(request)
        if not csrf_token or not secrets.compare_digest(csrf_token, info.csrf_token):
            raise CsrfRejected("the form is out of date or was not sent by this site; reload the page")
        if decision not in CHANGE_WORDS:
            raise service.SuccessorError(f"a decision is accept, reject or change, not {decision!r}")
        changed = service.decide(engine, user=info.user, old_plan=old_plan, new_plan=new_plan, old_node_id=old_node,
                                 new_node_id=new_node, decision=CHANGE_WORDS[decision],
                                 replaces=replaces if decision == "change" else None)
        msg = ("changed" if decision == "change" else CHANGE_WORDS[decision]) if changed else "unchanged"
        return RedirectResponse(f"/staff/successors?old={old_plan}&new={new_plan}&msg={quote(msg)}#old-{old_node}",
                                status_code=303)

    return r
