"""The planning division's pages for opinions on a draft (keikaku.services.comments, comment_answers).

| page | URL |
| --- | --- |
| drafts and their comment periods | ``/staff/comments`` |
| a draft's period (open, change), themes, the opinions, a council opinion | ``/staff/plans/{id}/comments`` |
| one opinion: as sent, its theme, summary and answer, similar opinions to group | ``/staff/opinions/{id}`` |
| a group of opinions of the same purport, answered together | ``/staff/comment-groups/{id}`` |

Admins only (action ``manage_comments``); every form carries the session's CSRF token, and a
refused one comes back with what was typed and one message (keikaku.web.staff_forms).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Engine

from keikaku.domain import comments as rules
from keikaku.domain.errors import NotFoundError
from keikaku.domain.permissions import Action
from keikaku.services import comment_answers, comments
from keikaku.services.cycle_common import ValidationFailed
from keikaku.web.staff import staff_member
from keikaku.web.staff_forms import add_problem_text, problem, problem_of, t_of

MAX_ID = 2**31 - 1
LABELS = "cm_label_"
TEXT = rules.MAX_STAFF_TEXT_CHARS * 4


def _id(value: int) -> int:
    if not 0 < value <= MAX_ID:
        raise NotFoundError(f"no such id {value}")
    return value


def _day(text: str, field: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationFailed(f"{field}: not a day ({text[:20]!r})", code="cm_bad_day", field=field) from None


def _changed(text: str) -> bool | None:
    return {"yes": True, "no": False}.get(text)


def _number(text: str, *, code: str, field: str) -> int | None:
    """A chosen id from a form: None when left empty; anything but a number is the form's problem."""
    text = text.strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit()) or not 0 < int(text) <= MAX_ID:
        raise ValidationFailed(f"{field}: not an id ({text[:12]!r})", code=code, field=field)
    return int(text)


def _theme(text: str) -> int | None:
    return _number(text, code="bad_theme", field="theme_id")


def router(engine: Engine, render: Callable[..., HTMLResponse]) -> APIRouter:
    r = APIRouter(include_in_schema=False)

    def page(request: Request, name: str, info: Any, ctx: dict[str, Any], *, title: str, status_code: int = 200) -> HTMLResponse:
        ctx.update(user=info.user, csrf=info.csrf_token)
        add_problem_text(t_of(request), ctx, labels=LABELS)
        return render(request, name, ctx, status_code=status_code, title=title)

    def member(request: Request, what: str, csrf_token: str | None = None) -> Any:
        return staff_member(engine, request, Action.MANAGE_COMMENTS, what=what, csrf_token=csrf_token)

    @r.get("/staff/comments", response_class=HTMLResponse)
    def list_page(request: Request) -> HTMLResponse:
        info = member(request, "comment periods")
        return page(request, "staff/comment_drafts.html", info, {"drafts": comment_answers.drafts(engine, user=info.user)},
                    title=t_of(request)("cm_staff_link"))

    def plan_page(request: Request, info: Any, plan_id: int, *, form: dict[str, Any] | None = None,
                  error: dict[str, Any] | None = None, status_code: int = 200, saved: str = "") -> HTMLResponse:
        try:
            view = comment_answers.staff_comments(engine, user=info.user, plan_id=plan_id)
        except NotFoundError:
            view = None
        period = view.period if view else None
        nodes = comments.plan_node_choices(engine, plan_id)
        default = ({"start": period.start.isoformat(), "end": period.end.isoformat(), "notice": period.notice,
                    "nodes": list(period.node_keys)} if period else {"start": "", "end": "", "notice": "", "nodes": []})
        ctx = {"plan_id": plan_id, "view": view, "period": period, "nodes": nodes, "form": {**default, **(form or {})},
               "error": error, "saved": saved}
        return page(request, "staff/comments.html", info, ctx, title=f"{t_of(request)('cm_staff_title')} {nodes.title}",
                    status_code=status_code)

    @r.get("/staff/plans/{plan_id}/comments", response_class=HTMLResponse)
    def staff_plan(request: Request, plan_id: int, saved: str = "") -> HTMLResponse:
        info = member(request, f"plan {plan_id}")
        return plan_page(request, info, _id(plan_id), saved=saved[:20])

    @r.post("/staff/plans/{plan_id}/comments/period", response_class=HTMLResponse)
    async def save_period(request: Request, plan_id: int) -> Response:
        form = await request.form()
        info = member(request, f"plan {plan_id}", csrf_token=str(form.get("csrf_token", ""))[:200])
        typed = {"start": str(form.get("start", ""))[:20], "end": str(form.get("end", ""))[:20],
                 "notice": str(form.get("notice", ""))[:TEXT],
                 "nodes": [str(v)[:200] for v in form.getlist("nodes")][:rules.MAX_PERIOD_NODES + 1]}
        try:
            start, end = _day(typed["start"], "start"), _day(typed["end"], "end")
            has = comments.has_period(engine, _id(plan_id))
            act = comments.change_period if has else comments.open_period
            act(engine, user=info.user, plan_id=plan_id, start=start, end=end, notice=typed["notice"], node_keys=typed["nodes"])
        except ValidationFailed as exc:
            return plan_page(request, info, plan_id, form=typed, error=problem_of(exc), status_code=422)
        return RedirectResponse(f"/staff/plans/{plan_id}/comments?saved=period", status_code=303)

    @r.post("/staff/plans/{plan_id}/comments/themes", response_class=HTMLResponse)
    def add_theme(request: Request, plan_id: int, name: Annotated[str, Form(max_length=400)] = "",
                  csrf_token: Annotated[str, Form(max_length=200)] = "") -> Response:
        info = member(request, f"plan {plan_id}", csrf_token=csrf_token)
        try:
            comment_answers.add_theme(engine, user=info.user, plan_id=_id(plan_id), name=name)
        except ValidationFailed as exc:
            return plan_page(request, info, plan_id, form={"theme_name": name}, error=problem_of(exc), status_code=422)
        return RedirectResponse(f"/staff/plans/{plan_id}/comments?saved=theme#themes", status_code=303)

    @r.post("/staff/plans/{plan_id}/comments/themes/{theme_id}", response_class=HTMLResponse)
    def change_theme(request: Request, plan_id: int, theme_id: int, name: Annotated[str, Form(max_length=400)] = "",
                     action: Annotated[str, Form(max_length=10)] = "rename", confirm: Annotated[str, Form(max_length=10)] = "",
                     csrf_token: Annotated[str, Form(max_length=200)] = "") -> Response:
        info = member(request, f"plan {plan_id}", csrf_token=csrf_token)
        if action == "delete" and confirm != "yes":  # cannot be undone: the box is checked here, not only in the browser
            return plan_page(request, info, plan_id, error=problem("confirm_needed", "confirm"), status_code=422)
        try:
            if action == "delete":
                comment_answers.delete_theme(engine, user=info.user, theme_id=_id(theme_id))
            else:
                comment_answers.rename_theme(engine, user=info.user, theme_id=_id(theme_id), name=name)
        except ValidationFailed as exc:
            return plan_page(request, info, plan_id, form={"theme_name": name}, error=problem_of(exc), status_code=422)
        return RedirectResponse(f"/staff/plans/{plan_id}/comments?saved=theme#themes", status_code=303)

    @r.post("/staff/plans/{plan_id}/comments/council", response_class=HTMLResponse)
    def add_council(request: Request, plan_id: int, body: Annotated[str, Form(max_length=rules.MAX_BODY_CHARS * 4)] = "",
                    name: Annotated[str, Form(max_length=400)] = "", node_key: Annotated[str, Form(max_length=200)] = "",
                    csrf_token: Annotated[str, Form(max_length=200)] = "") -> Response:
        info = member(request, f"plan {plan_id}", csrf_token=csrf_token)
        try:
            comments.add_council_opinion(engine, user=info.user, plan_id=_id(plan_id), body=body, name=name or None,
                                         node_key=node_key or None)
        except ValidationFailed as exc:
            label = {"label": t_of(request)("cm_label_council_body")} if getattr(exc, "field", None) == "body" else {}
            return plan_page(request, info, plan_id, form={"council_body": body, "council_name": name,
                                                           "council_node": node_key}, error=problem_of(exc, **label),
                             status_code=422)
        return RedirectResponse(f"/staff/plans/{plan_id}/comments?saved=council#opinions", status_code=303)

    # --- one opinion, one group ----------------------------------------------------------------------

    def opinion_page(request: Request, info: Any, opinion_id: int, *, form: dict[str, Any] | None = None,
                     error: dict[str, Any] | None = None, status_code: int = 200, saved: str = "") -> HTMLResponse:
        plan_id = comment_answers.plan_of(engine, opinion_id=opinion_id)
        view = comment_answers.staff_comments(engine, user=info.user, plan_id=plan_id)
        o = view.opinion(opinion_id)
        assert o is not None
        group = view.group(o.group_id)
        ctx = {"view": view, "opinion": o, "group": group, "saved": saved, "error": error,
               "suggestions": comment_answers.suggestions(engine, user=info.user, opinion_id=opinion_id),
               "form": form or _answer_form(o)}
        return page(request, "staff/comment_opinion.html", info, ctx, status_code=status_code,
                    title=t_of(request)("cm_opinion_title").format(receipt=o.receipt))

    def save_answer(request: Request, info: Any, typed: dict[str, str], page_of: Callable[..., HTMLResponse],
                    target_id: int, url: str, answer_with: Callable[..., object]) -> Response:
        """Store the summary and answer of an opinion or a group (``answer_with``), or show its page
        again with what was typed and the problem."""
        try:
            answer_with(user=info.user, theme_id=_theme(typed["theme_id"]), summary=typed["summary"],
                        answer=typed["answer"], plan_changed=_changed(typed["plan_changed"]),
                        changed_node_key=typed["changed_node_key"] or None)
        except ValidationFailed as exc:
            return page_of(request, info, target_id, form=typed, error=problem_of(exc), status_code=422)
        return RedirectResponse(f"{url}?saved=answer", status_code=303)

    @r.get("/staff/opinions/{opinion_id}", response_class=HTMLResponse)
    def staff_opinion(request: Request, opinion_id: int, saved: str = "") -> HTMLResponse:
        info = member(request, f"opinion {opinion_id}")
        return opinion_page(request, info, _id(opinion_id), saved=saved[:20])

    @r.post("/staff/opinions/{opinion_id}", response_class=HTMLResponse)
    def save_opinion(request: Request, opinion_id: int, theme_id: Annotated[str, Form(max_length=12)] = "",
                     summary: Annotated[str, Form(max_length=TEXT)] = "", answer: Annotated[str, Form(max_length=TEXT)] = "",
                     plan_changed: Annotated[str, Form(max_length=10)] = "",
                     changed_node_key: Annotated[str, Form(max_length=200)] = "",
                     csrf_token: Annotated[str, Form(max_length=200)] = "") -> Response:
        info = member(request, f"opinion {opinion_id}", csrf_token=csrf_token)
        typed = {"theme_id": theme_id, "summary": summary, "answer": answer, "plan_changed": plan_changed,
                 "changed_node_key": changed_node_key}
        return save_answer(request, info, typed, opinion_page, opinion_id, f"/staff/opinions/{opinion_id}",
                           lambda **kw: comment_answers.answer_opinion(engine, opinion_id=_id(opinion_id), **kw))

    @r.post("/staff/opinions/{opinion_id}/group", response_class=HTMLResponse)
    def group(request: Request, opinion_id: int, other: Annotated[str, Form(max_length=12)] = "",
              csrf_token: Annotated[str, Form(max_length=200)] = "") -> Response:
        info = member(request, f"opinion {opinion_id}", csrf_token=csrf_token)
        try:
            other_id = _number(other, code="bad_opinion_id", field="other")
            if other_id is None:
                raise ValidationFailed("no opinion chosen", code="bad_opinion_id", field="other")
            group_id = comment_answers.group_with(engine, user=info.user, opinion_id=_id(opinion_id), other_id=other_id)
        except ValidationFailed as exc:
            return opinion_page(request, info, opinion_id, error=problem_of(exc), status_code=422)
        return RedirectResponse(f"/staff/comment-groups/{group_id}?saved=group", status_code=303)

    @r.post("/staff/opinions/{opinion_id}/ungroup", response_class=HTMLResponse)
    def ungroup(request: Request, opinion_id: int, csrf_token: Annotated[str, Form(max_length=200)] = "") -> Response:
        info = member(request, f"opinion {opinion_id}", csrf_token=csrf_token)
        try:
            comment_answers.leave_group(engine, user=info.user, opinion_id=_id(opinion_id))
        except ValidationFailed as exc:
            return opinion_page(request, info, opinion_id, error=problem_of(exc), status_code=422)
        return RedirectResponse(f"/staff/opinions/{opinion_id}?saved=ungroup", status_code=303)

    def group_page(request: Request, info: Any, group_id: int, *, form: dict[str, Any] | None = None,
                   error: dict[str, Any] | None = None, status_code: int = 200, saved: str = "") -> HTMLResponse:
        plan_id = comment_answers.plan_of(engine, group_id=group_id)
        view = comment_answers.staff_comments(engine, user=info.user, plan_id=plan_id)
        g = view.group(group_id)
        assert g is not None
        ctx = {"view": view, "group": g, "members": [view.opinion(i) for i in g.member_ids], "saved": saved,
               "error": error, "form": form or _answer_form(g)}
        return page(request, "staff/comment_group.html", info, ctx, status_code=status_code,
                    title=t_of(request)("cm_group_title").format(id=group_id))

    @r.get("/staff/comment-groups/{group_id}", response_class=HTMLResponse)
    def staff_group(request: Request, group_id: int, saved: str = "") -> HTMLResponse:
        info = member(request, f"group {group_id}")
        return group_page(request, info, _id(group_id), saved=saved[:20])

    @r.post("/staff/comment-groups/{group_id}", response_class=HTMLResponse)
    def save_group(request: Request, group_id: int, theme_id: Annotated[str, Form(max_length=12)] = "",
                   summary: Annotated[str, Form(max_length=TEXT)] = "", answer: Annotated[str, Form(max_length=TEXT)] = "",
                   plan_changed: Annotated[str, Form(max_length=10)] = "",
                   changed_node_key: Annotated[str, Form(max_length=200)] = "",
                   csrf_token: Annotated[str, Form(max_length=200)] = "") -> Response:
        info = member(request, f"group {group_id}", csrf_token=csrf_token)
        typed = {"theme_id": theme_id, "summary": summary, "answer": answer, "plan_changed": plan_changed,
                 "changed_node_key": changed_node_key}
        return save_answer(request, info, typed, group_page, group_id, f"/staff/comment-groups/{group_id}",
                           lambda **kw: comment_answers.answer_group(engine, group_id=_id(group_id), **kw))

    return r


def _answer_form(row: Any) -> dict[str, Any]:
    changed = {True: "yes", False: "no"}.get(row.plan_changed, "")
    return {"theme_id": str(row.theme_id or ""), "summary": row.summary or "", "answer": row.answer or "",
            "plan_changed": changed, "changed_node_key": row.changed_node_key or ""}

