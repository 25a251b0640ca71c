"""The budget workbook in the browser: ``/staff/plans/{plan_id}/budget`` (admins: importing budgets
is a correction of the plan, keikaku.services.budget).

Upload → check → store. The check shows every row as new, changed or unchanged with each field
before → after, or every problem by ``sheet!cell`` in the reader's language; nothing is stored.
The page carries the checked workbook itself (base64 in a hidden field, no file on the server)
and a digest of what the check showed. Store checks the workbook again: when what is stored
changed meanwhile, the digest differs and the new check is shown instead of storing. Every POST
carries the session's CSRF token.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import secrets
from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from keikaku.domain.permissions import Action
from keikaku.services import accounts, budget, formatting
from keikaku.services.budget_sheet import MAX_BYTES
from keikaku.storage import repository as repo
from keikaku.storage.database import transaction
from keikaku.web.i18n import translator
from keikaku.web.staff import staff_member

NO_STORE = {"Cache-Control": "no-store"}
CARRIED_BYTES = (MAX_BYTES * 4) // 3 + 1024  # the workbook as base64 in the confirm form


def digest(result: budget.BudgetImport, content: bytes) -> str:
    """What a check showed, for this very workbook: Store refuses to store anything else."""
    shown = json.dumps([c.to_json() for c in result.changes], ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(content + b"\0" + shown.encode("utf-8")).hexdigest()


def shown_value(field: str, value: object) -> str:
    """A before or after value as the preview prints it: exact yen (person-years as stored)."""
    if value is None:
        return "—"
    if isinstance(value, int) and not isinstance(value, bool) and field not in ("regular_staff", "fixed_term_staff"):
        return f"{formatting.number(value)}円"
    return str(value)


def router(engine: Engine, render: Callable[..., HTMLResponse]) -> APIRouter:
    r = APIRouter(include_in_schema=False)

    from keikaku.web.app import page_lang as lang_of  # the language every page is rendered in

    def admin(request: Request) -> accounts.SessionInfo:
        return staff_member(engine, request, Action.EDIT_PLAN, what="the budgets of the plan")

    def csrf_ok(info: accounts.SessionInfo, token: str) -> bool:
        return bool(token) and secrets.compare_digest(token, info.csrf_token)

    def url(plan_id: int) -> str:
        return f"/staff/plans/{plan_id}/budget"

    def page(request: Request, info: accounts.SessionInfo, plan_id: int, *, status_code: int = 200,
             preview: budget.BudgetImport | None = None, content: bytes = b"", rejected: budget.BudgetRejected | None = None,
             problem: str | None = None, notice: str | None = None) -> HTMLResponse:
        lang = lang_of(request)
        t = translator(lang)
        with transaction(engine) as session:
            plan = repo.get_plan(session, ref=plan_id)
            title, fictional = plan.title, plan.municipality.fictional
        rows = []
        for change in preview.changes if preview else ():
            rows.append({"kind": t(f"bu_kind_{change.kind}"), "where": change.where, "label": change.label,
                         "outcome": change.outcome, "fields": [
                             (t(f"bu_field_{f.field}"), shown_value(f.field, f.before), shown_value(f.field, f.after))
                             for f in change.fields]})
        ctx = {
            "user": info.user, "csrf": info.csrf_token, "plan_id": plan_id, "plan_title": title, "fictional": fictional,
            "preview": preview, "rows": rows, "problem": problem, "notice": notice,
            "problems": [budget.problem_text(p, lang) for p in rejected.problems] if rejected else [],
            "rejected_file": rejected.filename if rejected else None,
            "carried": base64.b64encode(content).decode("ascii") if preview else "",
            "digest": digest(preview, content) if preview else "",
            "changes": (preview.count("new") + preview.count("changed")) if preview else 0,
        }
        response = render(request, "staff/budget.html", ctx, status_code=status_code, title=t("bu_title"))
        response.headers.update(NO_STORE)
        return response

    @r.get("/staff/plans/{plan_id}/budget", response_class=HTMLResponse)
    def budget_page(request: Request, plan_id: int, msg: str | None = None) -> HTMLResponse:
        info = admin(request)
        notice = None
        parts = (msg or "").split(":")
        if len(parts) == 3 and parts[0] == "done" and all(p.isdigit() and len(p) < 7 for p in parts[1:]):
            notice = translator(lang_of(request))("bu_done").format(new=int(parts[1]), changed=int(parts[2]))
        return page(request, info, plan_id, notice=notice)

    async def check(request: Request, info: accounts.SessionInfo, plan_id: int, content: bytes, filename: str,
                    apply: bool = False) -> budget.BudgetImport | HTMLResponse:
        try:  # read in a worker thread: a large workbook does not hold up every other request
            return await run_in_threadpool(budget.import_budget, engine, user=info.user, plan=plan_id, content=content,
                                           filename=filename, apply=apply)
        except budget.BudgetRejected as exc:
            return page(request, info, plan_id, status_code=422, rejected=exc)

    @r.post("/staff/plans/{plan_id}/budget/check", response_class=HTMLResponse)
    async def budget_check(request: Request, plan_id: int, file: UploadFile | None = None,
                           csrf_token: Annotated[str, Form()] = "") -> Response:
        info = admin(request)
        t = translator(lang_of(request))
        if not csrf_ok(info, csrf_token):
            return page(request, info, plan_id, status_code=403, problem=t("bu_csrf"))
        if file is None or not file.filename:
            return page(request, info, plan_id, status_code=422, problem=t("bu_no_file"))
        content = await file.read(MAX_BYTES + 1)
        if len(content) > MAX_BYTES:
            return page(request, info, plan_id, status_code=422, problem=t("bu_too_large").format(limit=MAX_BYTES))
        result = await check(request, info, plan_id, content, file.filename[:200])
        if isinstance(result, HTMLResponse):
            return result
        return page(request, info, plan_id, preview=result, content=content)

    @r.post("/staff/plans/{plan_id}/budget/confirm", response_class=HTMLResponse)
    async def budget_confirm(request: Request, plan_id: int) -> Response:
        info = admin(request)
        t = translator(lang_of(request))
        form = await request.form(max_fields=10, max_files=0, max_part_size=CARRIED_BYTES)
        fields = {k: v for k, v in form.items() if isinstance(v, str)}
        if not csrf_ok(info, fields.get("csrf_token", "")):
            return page(request, info, plan_id, status_code=403, problem=t("bu_csrf"))
        filename = fields.get("filename", "").strip()[:200] or "budget.xlsx"
        try:
            content = base64.b64decode(fields.get("workbook", ""), validate=True)
        except (binascii.Error, ValueError):
            content = b""
        if not content or len(content) > MAX_BYTES:
            return page(request, info, plan_id, status_code=422, problem=t("bu_lost"))
        again = await check(request, info, plan_id, content, filename)
        if isinstance(again, HTMLResponse):
            return again
        if not secrets.compare_digest(digest(again, content), fields.get("digest", "")):
            return page(request, info, plan_id, status_code=409, preview=again, content=content, problem=t("bu_moved"))
        stored = await check(request, info, plan_id, content, filename, apply=True)
        if isinstance(stored, HTMLResponse):
            return stored
        return RedirectResponse(f"{url(plan_id)}?msg=done:{stored.count('new')}:{stored.count('changed')}", status_code=303)

    return r
