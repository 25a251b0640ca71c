"""The back-fill page: past fiscal years' actuals of a plan, stored as published by an admin
(keikaku.services.backfill), one typed value or a CSV/Excel file.

Both go through a check first: the page shows what would be stored (new, replacing, unchanged)
and nothing is written until the admin presses Store. A problem comes back in the reader's
language with what was typed kept in the form. Every POST carries the session's CSRF token.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from keikaku.domain.permissions import Action
from keikaku.services import accounts, backfill
from keikaku.services.cycle_common import UploadRejected
from keikaku.web.i18n import WORDS, translator
from keikaku.web.staff import staff_member
from keikaku.web.staff_forms import problem as form_problem
from keikaku.web.staff_forms import problem_text

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
FIELDS = ("indicator", "year", "value", "note")
NO_STORE = {"Cache-Control": "no-store"}


def explain(code: str, message: str, lang: str) -> str:
    """A rule's message for the reader, in the reader's language only: its words saying what to do; a rule without
    words gives the service's own (English) message in English and the general line in Japanese."""
    t = translator(lang)
    if f"bf_err_{code}" in WORDS:
        return t(f"bf_err_{code}")
    return message if lang == "en" else t("form_problem")


def router(engine: Engine, render: Callable[..., HTMLResponse]) -> APIRouter:
    r = APIRouter(include_in_schema=False)

    from keikaku.web.app import page_lang as lang_of  # the language every page is rendered in

    def admin(request: Request) -> accounts.SessionInfo:
        return staff_member(engine, request, Action.BACKFILL_ACTUALS, what="past years' actuals")

    def csrf_ok(info: accounts.SessionInfo, token: str) -> bool:
        return bool(token) and secrets.compare_digest(token, info.csrf_token)

    def page(request: Request, info: accounts.SessionInfo, plan_id: int, *, status_code: int = 200,
             typed: dict[str, str] | None = None, replace: bool = False, problems: list[dict[str, Any]] | None = None,
             problem: str | None = None, file_errors: UploadRejected | None = None, preview: backfill.BackfillResult | None = None,
             notice: str | None = None, problem_field: str | None = None) -> HTMLResponse:
        lang = lang_of(request)
        t = translator(lang)
        offer = backfill.backfill_form(engine, user=info.user, plan=plan_id)
        rows = None
        if file_errors is not None:
            rows = [{"row": e.row, "column": e.column, "text": explain(e.code, e.message, lang)} for e in file_errors.errors]
        ctx = {
            "user": info.user, "csrf": info.csrf_token, "offer": offer, "typed": typed or {}, "replace": replace,
            "problems": problems or [], "problem": problem,
            "invalid": {p["field"] for p in problems or []} | ({"file"} if problem_field == "file" else set()),
            "file_errors": rows, "file_total": file_errors.total if file_errors else 0,
            "file_name": file_errors.filename if file_errors else None, "preview": preview, "notice": notice,
            "years_text": ", ".join(str(y) for y in offer.years) or t("bf_none"),
            "open_text": ", ".join(str(y) for y in offer.open_cycle_years) or t("bf_none"),
        }
        response = render(request, "staff/backfill.html", ctx, status_code=status_code, title=t("bf_title"))
        response.headers.update(NO_STORE)
        return response

    def url(plan_id: int) -> str:
        return f"/staff/plans/{plan_id}/backfill"

    @r.get("/staff/plans/{plan_id}/backfill", response_class=HTMLResponse)
    def backfill_page(request: Request, plan_id: int, msg: str | None = None) -> HTMLResponse:
        info = admin(request)
        notice = None
        if msg and msg.startswith("done:") and msg[5:].isdigit() and len(msg) < 16:
            notice = translator(lang_of(request))("bf_done").format(count=int(msg[5:]))
        return page(request, info, plan_id, notice=notice)

    @r.post("/staff/plans/{plan_id}/backfill/value", response_class=HTMLResponse)
    def one_value(request: Request, plan_id: int, indicator: Annotated[str, Form()] = "", year: Annotated[str, Form()] = "",
                  value: Annotated[str, Form()] = "", note: Annotated[str, Form()] = "", replace: Annotated[str, Form()] = "",
                  confirm: Annotated[str, Form()] = "", replace_ok: Annotated[str, Form()] = "",
                  csrf_token: Annotated[str, Form()] = "") -> Response:
        info = admin(request)
        typed = {"indicator": indicator, "year": year, "value": value, "note": note}
        replacing = replace == "yes"
        t = translator(lang_of(request))
        if not csrf_ok(info, csrf_token):
            return page(request, info, plan_id, status_code=403, typed=typed, replace=replacing,
                        problem=problem_text(t, form_problem("csrf_kept")))
        try:
            if confirm == "yes" and replacing and replace_ok != "yes":  # replacing a stored actual is confirmed first
                check = backfill.backfill_actual(engine, user=info.user, plan=plan_id, indicator=indicator.strip(), year=year,
                                                 value=value, note=note, replace=True, save=False)
                if check.replaced:
                    return page(request, info, plan_id, status_code=422, typed=typed, replace=replacing, preview=check,
                                problem=t("err_confirm_needed"))
            result = backfill.backfill_actual(engine, user=info.user, plan=plan_id, indicator=indicator.strip(), year=year,
                                              value=value, note=note, replace=replacing, save=confirm == "yes")
        except backfill.ValuesRejected as exc:
            lang = lang_of(request)
            problems = [{"field": p.field, "text": explain(p.code, p.message, lang)} for p in exc.problems]
            return page(request, info, plan_id, status_code=422, typed=typed, replace=replacing, problems=problems)
        if confirm == "yes":
            return RedirectResponse(f"{url(plan_id)}?msg=done:{len(result.rows)}", status_code=303)
        return page(request, info, plan_id, typed=typed, replace=replacing, preview=result)

    @r.post("/staff/plans/{plan_id}/backfill/file", response_class=HTMLResponse)
    async def file_check(request: Request, plan_id: int, file: UploadFile | None = None, replace: Annotated[str, Form()] = "",
                         csrf_token: Annotated[str, Form()] = "") -> Response:
        info = admin(request)
        replacing = replace == "yes"
        t = translator(lang_of(request))
        if not csrf_ok(info, csrf_token):  # a chosen file cannot be kept: it is chosen again
            return page(request, info, plan_id, status_code=403, replace=replacing, problem=t("bf_csrf"))
        if file is None or not file.filename:
            return page(request, info, plan_id, status_code=422, replace=replacing, problem=t("bf_no_file"), problem_field="file")
        content = await file.read(MAX_UPLOAD_BYTES + 1)
        if len(content) > MAX_UPLOAD_BYTES:
            return page(request, info, plan_id, status_code=422, replace=replacing,
                        problem=t("bf_too_large").format(limit=MAX_UPLOAD_BYTES), problem_field="file")
        try:  # parsed in a worker thread: a large workbook does not hold up every other request
            result = await run_in_threadpool(backfill.backfill_file, engine, user=info.user, plan=plan_id, content=content,
                                             filename=file.filename, replace=replacing, save=False)
        except UploadRejected as exc:
            return page(request, info, plan_id, status_code=422, replace=replacing, file_errors=exc)
        return page(request, info, plan_id, replace=replacing, preview=result)

    @r.post("/staff/plans/{plan_id}/backfill/confirm", response_class=HTMLResponse)
    async def file_store(request: Request, plan_id: int, rows: Annotated[str, Form()] = "", filename: Annotated[str, Form()] = "",
                         replace: Annotated[str, Form()] = "", confirm: Annotated[str, Form()] = "",
                         csrf_token: Annotated[str, Form()] = "") -> Response:
        info = admin(request)
        replacing = replace == "yes"
        if not csrf_ok(info, csrf_token):
            return page(request, info, plan_id, status_code=403, replace=replacing, problem=translator(lang_of(request))("bf_csrf"))
        name = filename.strip()[:200] or "actuals.csv"
        try:
            if replacing and confirm != "yes":  # replacing stored actuals is confirmed first
                check = await run_in_threadpool(backfill.backfill_file, engine, user=info.user, plan=plan_id,
                                                content=rows.encode("utf-8"), filename=name, replace=True, save=False)
                if check.replaced:
                    return page(request, info, plan_id, status_code=422, replace=replacing, preview=check,
                                problem=translator(lang_of(request))("err_confirm_needed"))  # the rows the check showed, checked again: anything stored since then is refused by row
            result = await run_in_threadpool(backfill.backfill_file, engine, user=info.user, plan=plan_id,
                                             content=rows.encode("utf-8"), filename=name, replace=replacing)
        except UploadRejected as exc:
            return page(request, info, plan_id, status_code=409 if any(e.code == "exists" for e in exc.errors) else 422,
                        replace=replacing, file_errors=exc)
        return RedirectResponse(f"{url(plan_id)}?msg=done:{len(result.rows)}", status_code=303)

    return r

