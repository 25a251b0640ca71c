"""Opinions on a draft on the public site (keikaku.services.comments, comment_table).

| page | URL | |
| --- | --- | --- |
| the notice on a draft's plan and node pages | ``/plans/{id}``, ``/nodes/{id}`` | during the period: a link to the form; after it: a link to the table |
| the form, on the whole plan or on one item | ``/opinions/plans/{id}``, ``/opinions/nodes/{id}`` | POST ``/opinions/plans/{id}``: 303 to the receipt page |
| the receipt: its number, the day and the item (never the text or the sender) | ``/opinions/receipt/{number}`` | reloading it sends nothing |
| the table of opinions and the city's answers | ``/plans/{id}/comments`` | JSON twin ``/api/v1/plans/{id}/comments``; ``…/comments.csv``, ``…/comments.pdf`` after the period |

The form needs no account. Each address may send ``KEIKAKU_COMMENT_LIMIT`` opinions per
``KEIKAKU_COMMENT_WINDOW_SECONDS`` (keikaku.services.comment_limits; the address only as a salted
hash, in memory); only stored opinions count. A refused form comes back with what was typed (an
opinion far over its limit: its first ``MAX_BODY_CHARS * FORM_SLACK`` characters) and one message
saying why.
``/opinions`` is never published in the static site (a form needs the live site).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, FastAPI, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Engine

from keikaku.domain import comments as rules
from keikaku.domain.comments import PeriodState
from keikaku.domain.errors import NotFoundError
from keikaku.services import comment_table, comments
from keikaku.services.comment_limits import RateLimiter
from keikaku.services.cycle_common import ValidationFailed
from keikaku.services.public_downloads import CSV_TYPE, PDF_TYPE, safe_filename
from keikaku.settings import get_settings
from keikaku.web.app import page_lang
from keikaku.web.comment_schemas import CommentTableOut
from keikaku.web.downloads import content_disposition
from keikaku.web.http import client_address
from keikaku.web.staff_forms import add_problem_text, problem, problem_of, t_of

MAX_ID = 2**31 - 1
FORM_SLACK = 4  # a short field may be this many times its limit before the request is refused (400); an
# opinion of any length comes back in the form with its length (at most this many times its limit of it)
NO_STORE = {"Cache-Control": "no-store"}
LABELS = "cm_label_"


def _lang_query(request: Request) -> str:
    lang = request.query_params.get("lang")
    return f"?lang={lang}" if lang in ("ja", "en") else ""


def _id(value: int) -> int:
    if not 0 < value <= MAX_ID:
        raise NotFoundError(f"no such id {value}")
    return value


def day_text(day: date, lang: str) -> str:
    """A day as the pages print it: 2026年5月1日, or 1 May 2026 in English."""
    return day.strftime("%-d %b %Y") if lang == "en" else f"{day.year}年{day.month}月{day.day}日"


def days_text(start: date, end: date, lang: str) -> str:
    """A period as the pages print it: 2026年5月1日〜2026年5月31日, or 1 May 2026 – 31 May 2026."""
    return f"{day_text(start, lang)} – {day_text(end, lang)}" if lang == "en" else f"{day_text(start, lang)}〜{day_text(end, lang)}"


def register(app: FastAPI, engine: Engine, templates: Any, render: Callable[..., HTMLResponse]) -> None:
    """The notice's template helper and the public routes."""
    templates.env.globals["comment_notice"] = lambda kind, ref: comments.page_notice(engine, kind, ref)
    templates.env.globals["comment_day"] = day_text
    templates.env.globals["comment_days"] = days_text
    templates.env.globals["comment_age_group"] = rules.age_group_word
    settings = get_settings()
    app.state.comment_limiter = RateLimiter(limit=settings.comment_limit, window_seconds=settings.comment_window_seconds)
    app.include_router(router(engine, render, app.state.comment_limiter))


def router(engine: Engine, render: Callable[..., HTMLResponse], limiter: RateLimiter) -> APIRouter:
    r = APIRouter()
    proxies = get_settings().trusted_proxy_set()

    def form_page(request: Request, plan_id: int, *, node_key: str | None = None, form: dict[str, str] | None = None,
                  error: dict[str, Any] | None = None, status_code: int = 200) -> HTMLResponse:
        period = comments.period_of(engine, plan_id)
        ctx: dict[str, Any] = {"period": period, "form": form or {"node_key": node_key or ""}, "error": error,
                               "age_groups": rules.AGE_GROUPS, "max_body": rules.MAX_BODY_CHARS}
        add_problem_text(t_of(request), ctx, labels=LABELS)
        response = render(request, "comment_form.html", ctx, status_code=status_code,
                          title=f"{t_of(request)('cm_form_title')} {period.plan_title}")
        response.headers.update(NO_STORE)
        return response

    @r.get("/opinions/plans/{plan_id}", response_class=HTMLResponse, include_in_schema=False)
    def plan_form(request: Request, plan_id: int) -> HTMLResponse:
        return form_page(request, _id(plan_id))

    @r.get("/opinions/nodes/{node_id}", response_class=HTMLResponse, include_in_schema=False)
    def node_form(request: Request, node_id: int) -> HTMLResponse:
        notice = comments.page_notice(engine, "node", _id(node_id))
        plan_id, key = comments.node_of(engine, node_id)
        if notice is None and comments.period_of(engine, plan_id).state is PeriodState.OPEN:
            raise NotFoundError(f"node {node_id} takes no opinions")
        return form_page(request, plan_id, node_key=key)  # before or after the period: the page says so

    @r.get("/opinions/receipt/{number}", response_class=HTMLResponse, include_in_schema=False)
    def receipt_page(request: Request, number: str) -> HTMLResponse:
        receipt = comments.receipt_of(engine, number[:40])
        response = render(request, "comment_receipt.html", {"receipt": receipt}, title=t_of(request)("cm_receipt_title"))
        response.headers.update({**NO_STORE, "X-Robots-Tag": "noindex"})
        return response

    @r.post("/opinions/plans/{plan_id}", response_class=HTMLResponse, include_in_schema=False)
    def send(request: Request, plan_id: int,
             body: Annotated[str, Form()] = "",
             node_key: Annotated[str, Form(max_length=200)] = "",
             name: Annotated[str, Form(max_length=rules.MAX_NAME_CHARS * FORM_SLACK)] = "",
             age_group: Annotated[str, Form(max_length=20)] = "",
             area: Annotated[str, Form(max_length=rules.MAX_AREA_CHARS * FORM_SLACK)] = "",
             website: Annotated[str, Form(max_length=500)] = "") -> HTMLResponse:
        _id(plan_id)
        typed = {"body": body[:rules.MAX_BODY_CHARS * FORM_SLACK], "node_key": node_key, "name": name,
                 "age_group": age_group, "area": area}
        address = client_address(request, proxies)
        if not limiter.would_allow(address):
            return form_page(request, plan_id, form=typed, status_code=429,
                             error=problem("rate_limited", None, seconds=limiter.retry_after(address)))
        try:
            receipt = comments.submit_opinion(engine, plan_id=plan_id, body=body, node_key=node_key or None, name=name,
                                              age_group=age_group, area=area, honeypot=website)
        except comments.PeriodClosed as exc:
            lang = page_lang(request)
            days = {k: day_text(date.fromisoformat(v), lang) for k, v in exc.values.items() if k in ("start", "end")}
            return form_page(request, plan_id, form=typed, error=problem_of(exc, **days), status_code=422)
        except ValidationFailed as exc:
            return form_page(request, plan_id, form=typed, error=problem_of(exc), status_code=422)
        limiter.record(address)  # only a stored opinion counts toward the address's limit
        return RedirectResponse(f"/opinions/receipt/{receipt.receipt}{_lang_query(request)}", status_code=303)

    @r.get("/plans/{plan_id}/comments", response_class=HTMLResponse, include_in_schema=False)
    def table_page(request: Request, plan_id: int) -> HTMLResponse:
        table = comment_table.comment_table(engine, _id(plan_id))
        return render(request, "comments.html", table, title=f"{t_of(request)('cm_table_title')} {table.plan_title}")

    @r.get("/api/v1/plans/{plan_id}/comments", tags=["plans"], response_model=CommentTableOut,
           summary="Opinions on a draft and the city's answers by theme (after the comment period), with counts")
    def api_table(plan_id: int) -> CommentTableOut:
        return CommentTableOut.model_validate(comment_table.comment_table(engine, _id(plan_id)).to_json())

    def download(plan_id: int, ext: str) -> Response:
        table = comment_table.published_table(engine, _id(plan_id))
        body = comment_table.render_csv(table) if ext == "csv" else comment_table.render_pdf(table)
        stem = safe_filename(f"{table.plan_title}_意見と市の考え方")
        return Response(body, media_type=CSV_TYPE if ext == "csv" else PDF_TYPE, headers={
            "Content-Disposition": content_disposition(f"{stem}.{ext}", f"keikaku-plan-{plan_id}-comments.{ext}")})

    @r.get("/plans/{plan_id}/comments.csv", include_in_schema=False)
    def table_csv(plan_id: int) -> Response:
        return download(plan_id, "csv")

    @r.get("/plans/{plan_id}/comments.pdf", include_in_schema=False)
    def table_pdf(plan_id: int) -> Response:
        return download(plan_id, "pdf")

    return r
