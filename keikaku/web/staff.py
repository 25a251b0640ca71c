"""Staff pages of the evaluation cycle: sign-in, the progress board, evaluation sheets, uploads, review.

Every form carries the session's CSRF token; every POST checks it. Rights are decided by the
services (keikaku.domain.permissions); this module only turns their named errors into pages.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from keikaku.domain.errors import KeikakuError, NotFoundError
from keikaku.domain.permissions import Action, require
from keikaku.services import accounts, cycle
from keikaku.settings import get_settings
from keikaku.web.http import client_address

SESSION_COOKIE = "keikaku_session"
LOGIN_CSRF_COOKIE = "keikaku_login_csrf"
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class NotSignedIn(KeikakuError):
    """A staff page asked for without a session."""


class CsrfRejected(KeikakuError):
    """A form without the session's token (or with another one)."""

    http_status = 403


def staff_member(engine: Engine, request: Request, action: Action, *, what: str,
                 csrf_token: str | None = None) -> accounts.SessionInfo:
    """The signed-in user of the request, allowed to take ``action`` on ``what``; with ``csrf_token``
    (a form's), the form must be this session's. Every staff page module asks through this one door."""
    info = accounts.session_user(engine, request.cookies.get(SESSION_COOKIE))
    if info is None:
        raise NotSignedIn("sign in first")
    require(info.user, action, what=what)
    if csrf_token is not None and (not csrf_token or not secrets.compare_digest(csrf_token, info.csrf_token)):
        raise CsrfRejected("the form is out of date or was not sent by this site; reload the page")
    return info


def router(engine: Engine, render: Callable[..., HTMLResponse]) -> APIRouter:
    r = APIRouter(include_in_schema=False)
    proxies = get_settings().trusted_proxy_set()

    def secure(request: Request) -> bool:
        return request.url.scheme == "https"

    def current(request: Request) -> accounts.SessionInfo:
        info = accounts.session_user(engine, request.cookies.get(SESSION_COOKIE))
        if info is None:
            raise NotSignedIn("sign in first")
        return info

    def check_csrf(info: accounts.SessionInfo, token: str) -> None:
        if not token or not secrets.compare_digest(token, info.csrf_token):
            raise CsrfRejected("the form is out of date or was not sent by this site; reload the page")

    def page(request: Request, name: str, info: accounts.SessionInfo | None, status_code: int = 200, **ctx: Any) -> HTMLResponse:
        ctx.update(user=info.user if info else None, csrf=info.csrf_token if info else "")
        return render(request, name, ctx, status_code=status_code, title=ctx.get("title", ""))

    def back(url: str, message: str | None = None) -> RedirectResponse:
        return RedirectResponse(url + (f"?msg={quote(message)}" if message else ""), status_code=303)

    # --- sign in and out --------------------------------------------------------------
    @r.get("/login", response_class=HTMLResponse)
    def login_form(request: Request, error: str | None = None) -> HTMLResponse:
        token = secrets.token_urlsafe(32)
        response = page(request, "staff/login.html", None, login_csrf=token, error=error, title="ログイン")
        response.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict", secure=secure(request), max_age=1800)
        return response

    @r.post("/login")
    def login(request: Request, name: Annotated[str, Form()] = "", password: Annotated[str, Form()] = "",
              csrf_token: Annotated[str, Form()] = "") -> Response:
        expected = request.cookies.get(LOGIN_CSRF_COOKIE) or ""
        if not csrf_token or not secrets.compare_digest(csrf_token, expected):
            raise CsrfRejected("the sign-in form is out of date; reload the page")
        try:
            user = accounts.authenticate(engine, name=name, password=password, address=client_address(request, proxies))
        except accounts.LoginThrottled:
            return login_form(request, error="throttled")
        except accounts.AuthenticationFailed:
            return login_form(request, error="failed")
        accounts.end_session(engine, request.cookies.get(SESSION_COOKIE))  # a new session, never the one this browser had
        token, _csrf = accounts.start_session(engine, user_id=user.id)
        response = RedirectResponse("/staff", status_code=303)
        response.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="lax", secure=secure(request), max_age=8 * 3600)
        response.delete_cookie(LOGIN_CSRF_COOKIE)
        return response

    @r.post("/logout")
    def logout(request: Request, csrf_token: Annotated[str, Form()] = "") -> Response:
        info = current(request)
        check_csrf(info, csrf_token)
        accounts.end_session(engine, request.cookies.get(SESSION_COOKIE))
        response = RedirectResponse("/", status_code=303)
        response.delete_cookie(SESSION_COOKIE)
        return response

    @r.post("/logout/everywhere")
    def logout_everywhere(request: Request, csrf_token: Annotated[str, Form()] = "") -> Response:
        info = current(request)
        check_csrf(info, csrf_token)
        accounts.end_all_sessions(engine, info.user.id)
        response = RedirectResponse("/", status_code=303)
        response.delete_cookie(SESSION_COOKIE)
        return response

    # --- the board --------------------------------------------------------------------
    @r.get("/staff", response_class=HTMLResponse)
    def dashboard(request: Request, msg: str | None = None) -> HTMLResponse:
        info = current(request)
        cycles = cycle.list_cycles(engine)
        from keikaku.services.plans import list_plans

        return page(request, "staff/dashboard.html", info, cycles=cycles, plans=list_plans(engine), msg=msg,
                    scales=["abcd", "sabc", "achieved"], title="評価の管理")

    @r.post("/staff/cycles")
    def open_cycle(request: Request, plan: Annotated[str, Form()], year: Annotated[int, Form()],
                   deadline: Annotated[str, Form()] = "", scale: Annotated[str, Form()] = "abcd",
                   csrf_token: Annotated[str, Form()] = "") -> Response:
        info = current(request)
        check_csrf(info, csrf_token)
        opened = cycle.open_cycle(engine, user=info.user, plan=plan, year=year, deadline=deadline or None, scale=scale)
        return back(f"/staff/cycles/{opened.id}", "opened")

    @r.get("/staff/cycles/{cycle_id}", response_class=HTMLResponse)
    def cycle_page(request: Request, cycle_id: int, msg: str | None = None) -> HTMLResponse:
        info = current(request)
        c, board, sheets = cycle.cycle_overview(engine, cycle_id=cycle_id, user=info.user)  # one transaction
        return page(request, "staff/cycle.html", info, cycle=c, board=board, sheets=sheets, msg=msg,
                    title=f"{c.plan_title} {c.year}年度")

    @r.post("/staff/cycles/{cycle_id}/upload", response_class=HTMLResponse)
    async def upload(request: Request, cycle_id: int, file: UploadFile, csrf_token: Annotated[str, Form()] = "") -> Response:
        info = current(request)
        check_csrf(info, csrf_token)
        content = await file.read(MAX_UPLOAD_BYTES + 1)
        c = cycle.get_cycle(engine, cycle_id)
        if len(content) > MAX_UPLOAD_BYTES:
            errors = [cycle.RowError(0, None, f"the file is larger than {MAX_UPLOAD_BYTES} bytes")]
            return page(request, "staff/upload_errors.html", info, cycle=c, errors=errors, filename=file.filename, status_code=400)
        try:  # parsed in a worker thread: a large workbook does not hold up every other request
            result = await run_in_threadpool(cycle.upload_actuals, engine, user=info.user, plan=c.plan_id, content=content,
                                             filename=file.filename or "")
        except cycle.UploadRejected as exc:
            return page(request, "staff/upload_errors.html", info, cycle=c, errors=exc.errors, total=exc.total,
                        filename=file.filename, status_code=400)
        return back(f"/staff/cycles/{cycle_id}", f"uploaded:{len(result.rows)}")

    def form_id(key: str, prefix: str) -> int:
        """The id in a field name such as ``value-12``; a malformed one is bad input, not a server error."""
        text = key.removeprefix(prefix)
        if not (text.isascii() and text.isdigit() and len(text) <= 18):
            raise cycle.ValidationFailed(f"malformed form field {key[:40]!r}", code="bad_field", field=key[:40])
        return int(text)

    # --- one measure's sheet ----------------------------------------------------------
    def sheet_url(cycle_id: int, node_id: int) -> str:
        return f"/staff/cycles/{cycle_id}/nodes/{node_id}"

    @r.get("/staff/cycles/{cycle_id}/nodes/{node_id}", response_class=HTMLResponse)
    def sheet_page(request: Request, cycle_id: int, node_id: int, msg: str | None = None) -> HTMLResponse:
        info = current(request)
        view = cycle.sheet(engine, user=info.user, cycle_id=cycle_id, node_id=node_id)
        return page(request, "staff/sheet.html", info, sheet=view, msg=msg, title=view.node_title)

    @r.post("/staff/cycles/{cycle_id}/nodes/{node_id}/actuals")
    async def actuals(request: Request, cycle_id: int, node_id: int) -> Response:
        info = current(request)
        form = await request.form()
        check_csrf(info, str(form.get("csrf_token", "")))
        c = cycle.get_cycle(engine, cycle_id)
        values = [(form_id(key, "value-"), str(raw).strip()) for key, raw in form.items()
                  if key.startswith("value-") and str(raw).strip()]
        try:
            cycle.enter_actuals(engine, user=info.user, plan=c.plan_id, year=c.year, values=values)  # all or nothing
        except cycle.ValidationFailed as exc:
            view = cycle.sheet(engine, user=info.user, cycle_id=cycle_id, node_id=node_id)
            return page(request, "staff/sheet.html", info, sheet=view, conflict_error=str(exc),
                        conflict_kind="ValidationFailed", status_code=422, title=view.node_title)
        return back(sheet_url(cycle_id, node_id), "saved")

    @r.post("/staff/cycles/{cycle_id}/nodes/{node_id}/progress")
    async def progress(request: Request, cycle_id: int, node_id: int) -> Response:
        info = current(request)
        form = await request.form()
        check_csrf(info, str(form.get("csrf_token", "")))
        entries = [(project_id, str(raw).strip() or None, str(form.get(f"progress-{project_id}", "")).strip() or None)
                   for key, raw in form.items() if key.startswith("stage-") and (project_id := form_id(key, "stage-"))]
        cycle.record_project_progresses(engine, user=info.user, cycle_id=cycle_id, entries=entries)  # all or nothing
        return back(sheet_url(cycle_id, node_id), "saved")

    @r.post("/staff/cycles/{cycle_id}/nodes/{node_id}/sheet", response_class=HTMLResponse)
    def save(request: Request, cycle_id: int, node_id: int, version: Annotated[int, Form()],
             self_grade: Annotated[str, Form()] = "", reasons: Annotated[str, Form()] = "", issues: Annotated[str, Form()] = "",
             next_direction: Annotated[str, Form()] = "", action: Annotated[str, Form()] = "save",
             csrf_token: Annotated[str, Form()] = "") -> Response:
        info = current(request)
        check_csrf(info, csrf_token)
        try:
            saved = cycle.save_sheet(engine, user=info.user, cycle_id=cycle_id, node_id=node_id, version=version,
                                     self_grade=self_grade or None, reasons=reasons or None, issues=issues or None,
                                     next_direction=next_direction or None)
            if action == "submit":
                cycle.submit_sheet(engine, user=info.user, cycle_id=cycle_id, node_id=node_id, version=saved.version)
        except (cycle.SheetConflict, cycle.SheetStateError, cycle.ValidationFailed) as exc:
            mine = {"self_grade": self_grade, "reasons": reasons, "issues": issues, "next_direction": next_direction}
            view = cycle.sheet(engine, user=info.user, cycle_id=cycle_id, node_id=node_id)
            return page(request, "staff/sheet.html", info, sheet=view, conflict=mine, conflict_error=str(exc),
                        conflict_kind=type(exc).__name__, status_code=getattr(exc, "http_status", 409), title=view.node_title)
        return back(sheet_url(cycle_id, node_id), "submitted" if action == "submit" else "saved")

    @r.post("/staff/cycles/{cycle_id}/nodes/{node_id}/review")
    def review(request: Request, cycle_id: int, node_id: int, version: Annotated[int, Form()], decision: Annotated[str, Form()],
               comment: Annotated[str, Form()] = "", csrf_token: Annotated[str, Form()] = "") -> Response:
        info = current(request)
        check_csrf(info, csrf_token)
        try:
            cycle.review_sheet(engine, user=info.user, cycle_id=cycle_id, node_id=node_id, version=version,
                               approve=decision == "approve", comment=comment or None)
        except (cycle.SheetConflict, cycle.SheetStateError, cycle.ValidationFailed) as exc:
            view = cycle.sheet(engine, user=info.user, cycle_id=cycle_id, node_id=node_id)
            return page(request, "staff/sheet.html", info, sheet=view, conflict_error=str(exc), conflict_kind=type(exc).__name__,
                        review_comment_draft=comment, status_code=getattr(exc, "http_status", 409), title=view.node_title)
        return back(sheet_url(cycle_id, node_id), "approved" if decision == "approve" else "returned")

    # --- exports ----------------------------------------------------------------------
    @r.get("/staff/cycles/{cycle_id}/export.{fmt}")
    def export(request: Request, cycle_id: int, fmt: str) -> Response:
        info = current(request)
        from keikaku.services import exports

        require(info.user, "export")
        c = cycle.get_cycle(engine, cycle_id)
        media = {"csv": "text/csv; charset=utf-8", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 "pdf": "application/pdf", "json": "application/json"}
        if fmt not in media:
            raise NotFoundError(f"no export format {fmt!r}")
        body = exports.export(engine, c.plan_id, format=fmt, year=c.year)
        data = body.encode("utf-8") if isinstance(body, str) else body
        name = f"keikaku-{c.plan_id}-{c.year}.{fmt}"
        return Response(data, media_type=media[fmt], headers={"Content-Disposition": f'attachment; filename="{name}"'})

    # the audit trail page: keikaku.web.users

    return r
