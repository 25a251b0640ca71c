"""The successor map on the staff pages, and the chart of an indicator across plan generations.

``/staff/successors`` (admins only): choose an earlier plan and its next generation; each old
measure is listed with its suggested successors, their score and reasons, and staff's decision.
Each suggestion can be accepted, rejected, or changed to another new measure (the suggestion is
then rejected and the chosen measure accepted); another successor can be added to any old measure,
so one measure may continue as several and several as one. A rejected suggestion stays rejected.
Every form carries the session's CSRF token. Decisions are ``keikaku.services.successors``'s; a
refused one comes back as the same map with the problem in the reader's language (keikaku/web/staff_forms.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Engine

from keikaku.domain.errors import NotFoundError
from keikaku.domain.permissions import Action
from keikaku.services import accounts
from keikaku.services import successors as service
from keikaku.services.plans import list_plans
from keikaku.services import charts
from keikaku.web.i18n import WORDS
from keikaku.web.plan_form_words import PLAN_FIELDS
from keikaku.web.staff import staff_member
from keikaku.web.staff_forms import Problem, add_problem_text, csrf_ok, problem, problem_of, t_of

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

    def successor_page(request: Request, info: accounts.SessionInfo, old: int | None, new: int | None, *,
                       msg: str | None = None, error: Problem | None = None, status_code: int = 200) -> HTMLResponse:
        found = None
        if old is not None and new is not None:
            try:
                found = service.successor_map(engine, old, new)
            except service.SuccessorError as exc:  # the same plan twice: the choice comes back, marked
                error, status_code = error or problem_of(exc), 422 if status_code == 200 else status_code
        title = f"{found.old_plan.title} → {found.new_plan.title}" if found else t_of(request)("successors")
        ctx: dict[str, Any] = {"user": info.user, "csrf": info.csrf_token, "plans": list_plans(engine), "found": found,
                               "old": old, "new": new, "error": error,
                               "msg": msg if msg in ("accepted", "rejected", "changed", "unchanged") else None}
        add_problem_text(t_of(request), ctx, labels=PLAN_FIELDS)
        return render(request, "staff/successors.html", ctx, status_code=status_code, title=title)

    @r.get("/staff/successors", response_class=HTMLResponse)
    def map_page(request: Request, old: int | None = None, new: int | None = None, msg: str | None = None) -> HTMLResponse:
        return successor_page(request, admin(request), old, new, msg=msg)

    @r.post("/staff/successors/decide")
    def decide(request: Request, old_plan: Annotated[str, Form()] = "", new_plan: Annotated[str, Form()] = "",
               old_node: Annotated[str, Form()] = "", new_node: Annotated[str, Form()] = "",
               decision: Annotated[str, Form()] = "", replaces: Annotated[str, Form()] = "",
               csrf_token: Annotated[str, Form()] = "") -> Response:
        info = admin(request)
        ids = {k: int(v) if v.isascii() and v.isdigit() and len(v) <= 18 else None
               for k, v in {"old_plan": old_plan, "new_plan": new_plan, "old_node": old_node, "new_node": new_node,
                            "replaces": replaces}.items()}
        shown = (ids["old_plan"], ids["new_plan"])
        if not csrf_ok(info.csrf_token, csrf_token):
            return successor_page(request, info, *shown, error=problem("csrf"), status_code=403)  # nothing typed to keep
        if decision not in CHANGE_WORDS:
            return successor_page(request, info, *shown, error=problem("successor_bad_decision", "decision"), status_code=422)
        if None in (ids["old_plan"], ids["new_plan"], ids["old_node"], ids["new_node"]) or \
                (decision == "change" and ids["replaces"] is None):
            return successor_page(request, info, *shown, error=problem("bad_field"), status_code=422)
        try:
            changed = service.decide(engine, user=info.user, old_plan=ids["old_plan"], new_plan=ids["new_plan"],
                                     old_node_id=ids["old_node"], new_node_id=ids["new_node"], decision=CHANGE_WORDS[decision],
                                     replaces=ids["replaces"] if decision == "change" else None)
        except service.SuccessorError as exc:
            return successor_page(request, info, *shown, error=problem_of(exc), status_code=422)
        except NotFoundError as exc:  # a measure of another plan (or none); a plan that is not there: its own 404
            return successor_page(request, info, *shown, error=problem("successor_no_measure", message=str(exc)),
                                  status_code=422)
        msg = ("changed" if decision == "change" else CHANGE_WORDS[decision]) if changed else "unchanged"
        return RedirectResponse(f"/staff/successors?old={ids['old_plan']}&new={ids['new_plan']}&msg={quote(msg)}"
                                f"#old-{ids['old_node']}",
                                status_code=303)

    return r
