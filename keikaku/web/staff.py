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
from keikaku.domain.permissions import Action, can, require
from keikaku.services import accounts, cycle
from keikaku.settings import get_settings
from keikaku.services.sheets import MAX_TEXT as MAX_SHEET_TEXT
from keikaku.web.http import client_address
from keikaku.web.staff_forms import Problem, add_problem_text, problem, problem_of, problem_text, t_of
from keikaku.web.survey_forms import survey_samples

SESSION_COOKIE = "keikaku_session"
LOGIN_CSRF_COOKIE = "keikaku_login_csrf"
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


class NotSignedIn(KeikakuError):
    """A staff page asked for without a session."""


class CsrfRejected(KeikakuError):
    """A form without the session's token (or with another one)."""

    http_status = 403


def session_of(engine: Engine, request: Request) -> accounts.SessionInfo | None:
    """The request's session, or None; its user's language becomes the page's (keikaku.web.app.page_lang)."""
    info = accounts.session_user(engine, request.cookies.get(SESSION_COOKIE))
    if info is not None:
        request.state.user_lang = info.lang
    return info


def staff_member(engine: Engine, request: Request, action: Action, *, what: str,
                 csrf_token: str | None = None) -> accounts.SessionInfo:
    """The signed-in user of the request, allowed to take ``action`` on ``what``; with ``csrf_token``
    (a form's), the form must be this session's. Every staff page module asks through this one door."""
    info = session_of(engine, request)
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
        info = session_of(engine, request)
        if info is None:
            raise NotSignedIn("sign in first")
        return info

    def check_csrf(info: accounts.SessionInfo, token: str) -> None:
        if not csrf_ok(info, token):
            raise CsrfRejected("the form is out of date or was not sent by this site; reload the page")

    def csrf_ok(info: accounts.SessionInfo, token: str) -> bool:
        return bool(token) and secrets.compare_digest(token, info.csrf_token)

    def page(request: Request, name: str, info: accounts.SessionInfo | None, status_code: int = 200, **ctx: Any) -> HTMLResponse:
        ctx.update(user=info.user if info else None, csrf=info.csrf_token if info else "")
        add_problem_text(t_of(request), ctx)
        return render(request, name, ctx, status_code=status_code, title=ctx.get("title", ""))

    def back(url: str, message: str | None = None) -> RedirectResponse:
        return RedirectResponse(url + (f"?msg={quote(message)}" if message else ""), status_code=303)

    # --- sign in and out --------------------------------------------------------------
    @r.get("/login", response_class=HTMLResponse)
    def login_page(request: Request) -> HTMLResponse:
        return login_form(request)

    def login_form(request: Request, error: str | None = None, typed_name: str = "", status_code: int = 200) -> HTMLResponse:
        token = secrets.token_urlsafe(32)
        response = page(request, "staff/login.html", None, login_csrf=token, login_error=error, typed_name=typed_name[:100],
                        status_code=status_code, title=t_of(request)("login"))
        response.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict", secure=secure(request), max_age=1800)
        return response

    @r.post("/login")
    def login(request: Request, name: Annotated[str, Form()] = "", password: Annotated[str, Form()] = "",
              csrf_token: Annotated[str, Form()] = "") -> Response:
        expected = request.cookies.get(LOGIN_CSRF_COOKIE) or ""
        if not csrf_token or not secrets.compare_digest(csrf_token, expected):
            return login_form(request, error="csrf", typed_name=name, status_code=403)
        try:
            user = accounts.authenticate(engine, name=name, password=password, address=client_address(request, proxies))
        except accounts.LoginThrottled:
            return login_form(request, error="throttled", typed_name=name)
        except accounts.AuthenticationFailed:
            return login_form(request, error="failed", typed_name=name)
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
        return dashboard_page(request, current(request), msg=msg)

    def dashboard_page(request: Request, info: accounts.SessionInfo, *, msg: str | None = None, form: dict[str, str] | None = None,
                       error: Problem | None = None, status_code: int = 200) -> HTMLResponse:
        from keikaku.services.plans import list_plans

        from keikaku.services.project_sheet_lists import project_sheets_to_review
        from keikaku.services.review_queue import measure_sheets_to_review

        return page(request, "staff/dashboard.html", info, cycles=cycle.list_cycles(engine), plans=list_plans(engine), msg=msg,
                    scales=["abcd", "sabc", "achieved"], form=form or {}, error=error, status_code=status_code,
                    title=t_of(request)("staff_home"), to_review=project_sheets_to_review(engine, user=info.user),
                    measures_to_review=measure_sheets_to_review(engine, user=info.user))

    @r.post("/staff/cycles")
    def open_cycle(request: Request, plan: Annotated[str, Form()] = "", year: Annotated[str, Form()] = "",
                   deadline: Annotated[str, Form()] = "", scale: Annotated[str, Form()] = "abcd",
                   viewpoint_grades: Annotated[str, Form()] = "", csrf_token: Annotated[str, Form()] = "") -> Response:
        info = current(request)
        require(info.user, Action.OPEN_CYCLE, what="evaluation cycles")
        form = {"plan": plan[:20], "year": year[:20], "deadline": deadline[:20], "scale": scale[:20],
                "viewpoint_grades": viewpoint_grades[:200]}
        if not csrf_ok(info, csrf_token):
            return dashboard_page(request, info, form=form, error=problem("csrf_kept"), status_code=403)
        text = year.strip().translate(FULL_WIDTH_DIGITS)
        if not (text.isascii() and text.isdigit() and len(text) == 4):
            return dashboard_page(request, info, form=form, error=problem("year_number", "year"), status_code=422)
        if not (plan.isascii() and plan.isdigit() and len(plan) <= 18):
            return dashboard_page(request, info, form=form, error=problem("no_plan", "plan"), status_code=422)
        try:
            opened = cycle.open_cycle(engine, user=info.user, plan=int(plan), year=int(text), deadline=deadline.strip() or None,
                                      scale=scale, viewpoint_grades=viewpoint_grades)
        except cycle.ValidationFailed as exc:
            from keikaku.web.project_sheet_pages import scale_problem  # the viewpoint grades' own words

            error = scale_problem(exc) if exc.field == "viewpoint_grades" else problem_of(exc)
            return dashboard_page(request, info, form=form, error=error, status_code=422)
        except NotFoundError as exc:
            return dashboard_page(request, info, form=form, error=problem("no_plan", "plan", str(exc)), status_code=422)
        except KeikakuError as exc:  # an unknown scale
            if type(exc).__name__ != "UnknownScaleError":
                raise
            return dashboard_page(request, info, form=form, error=problem("bad_scale", "scale", str(exc)), status_code=422)
        return back(f"/staff/cycles/{opened.id}", "opened")

    @r.get("/staff/cycles/{cycle_id}", response_class=HTMLResponse)
    def cycle_page(request: Request, cycle_id: int, msg: str | None = None) -> HTMLResponse:
        info = current(request)
        c, board, sheets = cycle.cycle_overview(engine, cycle_id=cycle_id, user=info.user)  # one transaction
        from keikaku.web.project_sheet_pages import board_sheets

        return page(request, "staff/cycle.html", info, cycle=c, board=board, sheets=sheets, msg=msg,
                    title=f"{c.plan_title} {c.year}年度", project_sheets=board_sheets(engine, info.user, c.id))

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

    # --- one measure's sheet, or the plan-wide sheet (``node_id`` None) --------------------
    def sheet_url(cycle_id: int, node_id: int | None) -> str:
        return f"/staff/cycles/{cycle_id}/nodes/{node_id}" if node_id is not None else f"/staff/cycles/{cycle_id}/plan"

    def sheet_page(request: Request, cycle_id: int, node_id: int | None, msg: str | None) -> HTMLResponse:
        info = current(request)
        view = cycle.sheet(engine, user=info.user, cycle_id=cycle_id, node_id=node_id)
        return page(request, "staff/sheet.html", info, sheet=view, msg=msg, title=view.node_title,
                    project_rollup=project_rollup(info, cycle_id, node_id))

    def sheet_again(request: Request, info: accounts.SessionInfo, cycle_id: int, node_id: int | None, *, error: Problem,
                    status_code: int, typed: dict[str, str] | None = None, conflict: dict[str, str] | None = None,
                    fields: dict[str, str] | None = None) -> HTMLResponse:
        """The sheet again after a refused form: the stored sheet, what was typed in its fields (``typed``,
        by field name; ``conflict``: beside the latest version instead), and the problem of each field."""
        view = cycle.sheet(engine, user=info.user, cycle_id=cycle_id, node_id=node_id)
        return page(request, "staff/sheet.html", info, sheet=view, error=error, typed=typed or {}, conflict=conflict,
                    field_errors=fields or {}, status_code=status_code, title=view.node_title,
                    project_rollup=project_rollup(info, cycle_id, node_id))

    def project_rollup(info: accounts.SessionInfo, cycle_id: int, node_id: int | None) -> Any:
        """The measure's projects with their evaluation sheets and costs (keikaku.services.project_sheets)."""
        from keikaku.services.project_sheets import measure_projects

        return measure_projects(engine, user=info.user, cycle_id=cycle_id, node_id=node_id) if node_id is not None else None

    def sheet_problem(request: Request, exc: Exception) -> Problem:
        """A refused step of the sheet in words, with the field's label and the limit filled in."""
        code, field = getattr(exc, "code", None), getattr(exc, "field", None)
        if isinstance(exc, cycle.SheetConflict):
            return problem("sheet_conflict", key="conflict")
        if code == "missing" and field == "comment":
            return problem("return_comment", "comment", str(exc))
        if code == "too_long" and field == "stage":
            return problem("stage_long", "stage", str(exc))
        label = t_of(request)("review_comment" if field == "comment" else field) if field else ""
        return problem_of(exc, label=label, max=MAX_SHEET_TEXT)

    def value_problems(request: Request, info: accounts.SessionInfo, cycle_id: int, node_id: int | None,
                       exc: Exception) -> dict[str, str]:
        """Each refused actual's problem, by its field, naming the indicator."""
        t = t_of(request)
        names = {ind.id: ind.name for ind in cycle.sheet(engine, user=info.user, cycle_id=cycle_id, node_id=node_id).indicators}
        fields = {}
        for ref, failed in getattr(exc, "problems", []):
            label = names.get(ref, str(ref))
            if failed.code in ("bad_sample_size", "bad_margin", "not_survey"):
                where = "margin" if failed.field == "margin_of_error" else "sample"
                fields[f"{where}-{ref}"] = f"{label}: " + problem_text(t, problem(failed.code, value=failed.values.get("value", "")))
            elif failed.code in ("not_a_number", "out_of_range", "percent_range"):
                fields[f"value-{ref}"] = problem_text(t, problem(f"value_{failed.code}", label=label))
            else:  # a closed cycle, a year before the baseline …: the indicator's name and the rule's words
                fields[f"value-{ref}"] = f"{label}: " + problem_text(t, problem(failed.code, message=failed.message, label=label))
        return fields

    async def actuals(request: Request, cycle_id: int, node_id: int | None) -> Response:
        info = current(request)
        form = await request.form()
        typed = {key: str(raw)[:100] for key, raw in form.items() if key.startswith(("value-", "sample-", "margin-"))}
        if not csrf_ok(info, str(form.get("csrf_token", ""))):
            return sheet_again(request, info, cycle_id, node_id, error=problem("csrf_kept"), typed=typed, status_code=403)
        c = cycle.get_cycle(engine, cycle_id)
        values = [(form_id(key, "value-"), str(raw).strip()) for key, raw in form.items()
                  if key.startswith("value-") and str(raw).strip()]
        try:
            samples = survey_samples(form, values)  # a survey indicator's sample size or margin of error
            cycle.enter_actuals(engine, user=info.user, plan=c.plan_id, year=c.year, values=values,
                                samples=samples)  # all or nothing
        except cycle.ValidationFailed as exc:
            return sheet_again(request, info, cycle_id, node_id, error=problem_of(exc), typed=typed, status_code=422,
                               fields=value_problems(request, info, cycle_id, node_id, exc))
        except cycle.SheetStateError as exc:
            return sheet_again(request, info, cycle_id, node_id, error=problem_of(exc), typed=typed, status_code=409)
        return back(sheet_url(cycle_id, node_id), "saved")

    def save(request: Request, cycle_id: int, node_id: int | None, version: int, self_grade: str, reasons: str,
             issues: str, next_direction: str, action: str, csrf_token: str) -> Response:
        info = current(request)
        mine = {"self_grade": self_grade, "reasons": reasons, "issues": issues, "next_direction": next_direction}
        if not csrf_ok(info, csrf_token):
            return sheet_again(request, info, cycle_id, node_id, error=problem("csrf_kept"), typed=mine, status_code=403)
        try:
            saved = cycle.save_sheet(engine, user=info.user, cycle_id=cycle_id, node_id=node_id, version=version,
                                     self_grade=self_grade or None, reasons=reasons or None, issues=issues or None,
                                     next_direction=next_direction or None)
            if action == "submit":
                cycle.submit_sheet(engine, user=info.user, cycle_id=cycle_id, node_id=node_id, version=saved.version)
        except cycle.SheetConflict as exc:  # the latest version in the fields, what this user typed beside it
            return sheet_again(request, info, cycle_id, node_id, error=sheet_problem(request, exc), conflict=mine,
                               status_code=409)
        except (cycle.SheetStateError, cycle.ValidationFailed) as exc:
            return sheet_again(request, info, cycle_id, node_id, error=sheet_problem(request, exc), typed=mine,
                               status_code=getattr(exc, "http_status", 409))
        return back(sheet_url(cycle_id, node_id), "submitted" if action == "submit" else "saved")

    def review(request: Request, cycle_id: int, node_id: int | None, version: int, decision: str, comment: str,
               csrf_token: str, confirm: str = "") -> Response:
        info = current(request)
        if not csrf_ok(info, csrf_token):
            return sheet_again(request, info, cycle_id, node_id, error=problem("csrf_kept"), typed={"comment": comment},
                               status_code=403)
        if decision not in ("approve", "return"):
            return sheet_again(request, info, cycle_id, node_id, error=problem("bad_decision"), typed={"comment": comment},
                               status_code=422)
        if decision == "approve" and confirm != "yes" and can(info.user, Action.REVIEW_SHEET):  # it publishes and locks
            return sheet_again(request, info, cycle_id, node_id, error=problem("confirm_needed", "confirm"),
                               typed={"comment": comment}, status_code=422)
        try:
            cycle.review_sheet(engine, user=info.user, cycle_id=cycle_id, node_id=node_id, version=version,
                               approve=decision == "approve", comment=comment or None)
        except (cycle.SheetConflict, cycle.SheetStateError, cycle.ValidationFailed) as exc:
            return sheet_again(request, info, cycle_id, node_id, error=sheet_problem(request, exc), typed={"comment": comment},
                               status_code=getattr(exc, "http_status", 409))
        return back(sheet_url(cycle_id, node_id), "approved" if decision == "approve" else "returned")

    # Each step twice: under /nodes/{node_id} for a measure, under /plan for the plan-wide sheet.
    @r.get("/staff/cycles/{cycle_id}/nodes/{node_id}", response_class=HTMLResponse)
    def node_sheet_page(request: Request, cycle_id: int, node_id: int, msg: str | None = None) -> HTMLResponse:
        return sheet_page(request, cycle_id, node_id, msg)

    @r.get("/staff/cycles/{cycle_id}/plan", response_class=HTMLResponse)
    def plan_sheet_page(request: Request, cycle_id: int, msg: str | None = None) -> HTMLResponse:
        return sheet_page(request, cycle_id, None, msg)

    @r.post("/staff/cycles/{cycle_id}/nodes/{node_id}/actuals")
    async def node_actuals(request: Request, cycle_id: int, node_id: int) -> Response:
        return await actuals(request, cycle_id, node_id)

    @r.post("/staff/cycles/{cycle_id}/plan/actuals")
    async def plan_actuals(request: Request, cycle_id: int) -> Response:
        return await actuals(request, cycle_id, None)

    @r.post("/staff/cycles/{cycle_id}/nodes/{node_id}/progress")
    async def progress(request: Request, cycle_id: int, node_id: int) -> Response:
        info = current(request)
        form = await request.form()
        typed = {key: str(raw)[:200] for key, raw in form.items() if key.startswith(("stage-", "progress-"))}
        if not csrf_ok(info, str(form.get("csrf_token", ""))):
            return sheet_again(request, info, cycle_id, node_id, error=problem("csrf_kept"), typed=typed, status_code=403)
        entries = [(project_id, str(raw).strip() or None, str(form.get(f"progress-{project_id}", "")).strip() or None)
                   for key, raw in form.items() if key.startswith("stage-") and (project_id := form_id(key, "stage-"))]
        t = t_of(request)
        fields = {f"stage-{p}": t("err_stage_long") for p, stage, _ in entries if stage and len(stage) > 50}
        if fields:  # every long stage marked at once (the service stops at the first)
            return sheet_again(request, info, cycle_id, node_id, error=problem("progress_values"), typed=typed, fields=fields,
                               status_code=422)
        try:
            cycle.record_project_progresses(engine, user=info.user, cycle_id=cycle_id, entries=entries)  # all or nothing
        except (cycle.ValidationFailed, cycle.SheetStateError) as exc:
            return sheet_again(request, info, cycle_id, node_id, error=sheet_problem(request, exc), typed=typed,
                               status_code=getattr(exc, "http_status", 422))
        return back(sheet_url(cycle_id, node_id), "saved")

    @r.post("/staff/cycles/{cycle_id}/nodes/{node_id}/sheet", response_class=HTMLResponse)
    def node_save(request: Request, cycle_id: int, node_id: int, version: Annotated[int, Form()],
                  self_grade: Annotated[str, Form()] = "", reasons: Annotated[str, Form()] = "", issues: Annotated[str, Form()] = "",
                  next_direction: Annotated[str, Form()] = "", action: Annotated[str, Form()] = "save",
                  csrf_token: Annotated[str, Form()] = "") -> Response:
        return save(request, cycle_id, node_id, version, self_grade, reasons, issues, next_direction, action, csrf_token)

    @r.post("/staff/cycles/{cycle_id}/plan/sheet", response_class=HTMLResponse)
    def plan_save(request: Request, cycle_id: int, version: Annotated[int, Form()],
                  self_grade: Annotated[str, Form()] = "", reasons: Annotated[str, Form()] = "", issues: Annotated[str, Form()] = "",
                  next_direction: Annotated[str, Form()] = "", action: Annotated[str, Form()] = "save",
                  csrf_token: Annotated[str, Form()] = "") -> Response:
        return save(request, cycle_id, None, version, self_grade, reasons, issues, next_direction, action, csrf_token)

    @r.post("/staff/cycles/{cycle_id}/nodes/{node_id}/review")
    def node_review(request: Request, cycle_id: int, node_id: int, version: Annotated[int, Form()],
                    decision: Annotated[str, Form()], comment: Annotated[str, Form()] = "",
                    csrf_token: Annotated[str, Form()] = "", confirm: Annotated[str, Form()] = "") -> Response:
        return review(request, cycle_id, node_id, version, decision, comment, csrf_token, confirm)

    @r.post("/staff/cycles/{cycle_id}/plan/review")
    def plan_review(request: Request, cycle_id: int, version: Annotated[int, Form()], decision: Annotated[str, Form()],
                    comment: Annotated[str, Form()] = "", csrf_token: Annotated[str, Form()] = "",
                    confirm: Annotated[str, Form()] = "") -> Response:
        return review(request, cycle_id, None, version, decision, comment, csrf_token, confirm)

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
