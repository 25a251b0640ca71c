"""Staff pages of accounts and the audit trail: the users page (admins), changing one's own
password, the one-time password-reset page, and the audit trail (admins and reviewers).

Every problem is a page in the reader's language that says what to do; a form with a problem
comes back with what was typed in it.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import date, timedelta
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Engine

from keikaku.domain.enums import Role
from keikaku.domain.errors import NotFoundError
from keikaku.domain.permissions import Action, can
from keikaku.services import accounts, audit
from keikaku.web.audit_view import day_start, jst, view
from keikaku.settings import get_settings
from keikaku.web.http import client_address
from keikaku.web.staff import SESSION_COOKIE, NotSignedIn, session_of
from keikaku.web.staff_forms import add_problem_text, t_of

NO_STORE = {"Cache-Control": "no-store"}
ROLES = [r.value for r in Role]
NOTICES = ("user_created", "user_updated", "user_signed_out", "user_disabled", "user_enabled", "password_changed", "lang_saved")


def router(engine: Engine, render: Callable[..., HTMLResponse]) -> APIRouter:
    r = APIRouter(include_in_schema=False)
    proxies = get_settings().trusted_proxy_set()

    def page(request: Request, template: str, info: accounts.SessionInfo | None, *, title_key: str, status_code: int = 200,
             **ctx: Any) -> HTMLResponse:
        t = t_of(request)
        ctx.update(user=info.user if info else None, csrf=info.csrf_token if info else "", jst=jst)
        add_problem_text(t, ctx)
        if ctx.get("problem"):
            ctx["problem_text"] = t(ctx["problem"]).format(**ctx.get("values", {}))
        response = render(request, template, ctx, status_code=status_code, title=t(title_key))
        response.headers.update(NO_STORE)
        return response

    def problem(request: Request, info: accounts.SessionInfo | None, key: str, status_code: int, **values: Any) -> HTMLResponse:
        return page(request, "staff/problem.html", info, title_key="problem_title", status_code=status_code,
                    problem=key, values=values)

    def signed_in(request: Request) -> accounts.SessionInfo:
        info = session_of(engine, request)
        if info is None:
            raise NotSignedIn("sign in first")
        return info

    def csrf_ok(info: accounts.SessionInfo, token: str) -> bool:
        return bool(token) and secrets.compare_digest(token, info.csrf_token)

    def error_of(exc: accounts.AccountInvalid) -> dict[str, Any]:
        return {"code": exc.code, "field": exc.field, "values": exc.values}

    # --- the users page (admins) --------------------------------------------------------
    @r.get("/staff/users", response_class=HTMLResponse)
    def users_page(request: Request, msg: str | None = None) -> HTMLResponse:
        info = signed_in(request)
        if not can(info.user, Action.MANAGE_USERS):
            return problem(request, info, "err_forbidden_users", 403)
        return page(request, "staff/users.html", info, title_key="users", users=accounts.list_all_users(engine, actor=info.user),
                    notice=msg if msg in NOTICES else None)

    def new_form(request: Request, info: accounts.SessionInfo, *, form: dict[str, Any], error: dict[str, Any] | None = None,
                 status_code: int = 200) -> HTMLResponse:
        return page(request, "staff/user_new.html", info, title_key="user_add", status_code=status_code, form=form, error=error,
                    roles=ROLES, departments=accounts.department_choices(engine))

    @r.get("/staff/users/new", response_class=HTMLResponse)
    def new_user_page(request: Request) -> HTMLResponse:
        info = signed_in(request)
        if not can(info.user, Action.MANAGE_USERS):
            return problem(request, info, "err_forbidden_users", 403)
        return new_form(request, info, form={"role": "editor", "departments": []})

    @r.post("/staff/users", response_class=HTMLResponse)
    async def add_user(request: Request) -> Response:
        info = signed_in(request)
        if not can(info.user, Action.MANAGE_USERS):
            return problem(request, info, "err_forbidden_users", 403)
        data = await request.form()
        form = {key: str(data.get(key, "")) for key in ("name", "display_name", "email", "role", "password", "password_confirm")}
        form["departments"] = [int(v) for v in data.getlist("departments") if str(v).isdigit() and len(str(v)) < 12]
        if not csrf_ok(info, str(data.get("csrf_token", ""))):
            return new_form(request, info, form=form, error={"code": "csrf_kept", "field": None, "values": {}}, status_code=403)
        if form["password"] != form["password_confirm"]:
            return new_form(request, info, form=form, status_code=422,
                            error={"code": "password_mismatch", "field": "password_confirm", "values": {}})
        try:
            accounts.add_user(engine, actor=info.user, name=form["name"], role=form["role"], password=form["password"],
                              department_ids=form["departments"], display_name=form["display_name"], email=form["email"])
        except accounts.AccountInvalid as exc:
            return new_form(request, info, form=form, error=error_of(exc), status_code=422)
        return RedirectResponse("/staff/users?msg=user_created", status_code=303)

    def edit_form(request: Request, info: accounts.SessionInfo, user_id: int, *, form: dict[str, Any] | None = None,
                  error: dict[str, Any] | None = None, status_code: int = 200, reset: accounts.ResetLink | None = None,
                  notice: str | None = None) -> HTMLResponse:
        try:
            row = accounts.user_row(engine, actor=info.user, user_id=user_id)
        except NotFoundError:
            return problem(request, info, "err_no_user", 404)
        form = form or {"role": row.role, "departments": sorted(row.department_ids)}
        link = str(request.base_url).rstrip("/") + reset.path if reset else None
        return page(request, "staff/user_edit.html", info, title_key="user_edit_title", status_code=status_code, row=row,
                    form=form, error=error, roles=ROLES, departments=accounts.department_choices(engine), reset=reset,
                    reset_url=link, notice=notice)

    @r.get("/staff/users/{user_id}", response_class=HTMLResponse)
    def edit_user_page(request: Request, user_id: int, msg: str | None = None) -> HTMLResponse:
        info = signed_in(request)
        if not can(info.user, Action.MANAGE_USERS):
            return problem(request, info, "err_forbidden_users", 403)
        return edit_form(request, info, user_id, notice=msg if msg in NOTICES else None)

    @r.post("/staff/users/{user_id}/role", response_class=HTMLResponse)
    async def change_role(request: Request, user_id: int) -> Response:
        info = signed_in(request)
        if not can(info.user, Action.MANAGE_USERS):
            return problem(request, info, "err_forbidden_users", 403)
        data = await request.form()
        form = {"role": str(data.get("role", "")),
                "departments": [int(v) for v in data.getlist("departments") if str(v).isdigit() and len(str(v)) < 12]}
        if not csrf_ok(info, str(data.get("csrf_token", ""))):
            return edit_form(request, info, user_id, form=form, error={"code": "csrf_kept", "field": None, "values": {}},
                             status_code=403)
        try:
            _row, ended = accounts.change_role(engine, actor=info.user, user_id=user_id, role=form["role"],
                                               department_ids=form["departments"])
        except accounts.AccountInvalid as exc:
            return edit_form(request, info, user_id, form=form, error=error_of(exc), status_code=422)
        except NotFoundError:
            return problem(request, info, "err_no_user", 404)
        if user_id == info.user.id and ended:
            return RedirectResponse("/login", status_code=303)
        note = "user_signed_out" if ended else "user_updated"
        return RedirectResponse(f"/staff/users/{user_id}?msg={note}", status_code=303)

    @r.post("/staff/users/{user_id}/active", response_class=HTMLResponse)
    def set_active(request: Request, user_id: int, active: Annotated[str, Form()] = "",
                   csrf_token: Annotated[str, Form()] = "") -> Response:
        info = signed_in(request)
        if not can(info.user, Action.MANAGE_USERS):
            return problem(request, info, "err_forbidden_users", 403)
        if not csrf_ok(info, csrf_token):
            return edit_form(request, info, user_id, error={"code": "csrf_kept", "field": None, "values": {}}, status_code=403)
        try:
            accounts.set_active(engine, actor=info.user, user_id=user_id, active=active == "1")
        except accounts.AccountInvalid as exc:
            return edit_form(request, info, user_id, error=error_of(exc), status_code=422)
        except NotFoundError:
            return problem(request, info, "err_no_user", 404)
        return RedirectResponse(f"/staff/users/{user_id}?msg={'user_enabled' if active == '1' else 'user_disabled'}",
                                status_code=303)

    @r.post("/staff/users/{user_id}/reset", response_class=HTMLResponse)
    def reset_link(request: Request, user_id: int, csrf_token: Annotated[str, Form()] = "") -> Response:
        info = signed_in(request)
        if not can(info.user, Action.MANAGE_USERS):
            return problem(request, info, "err_forbidden_users", 403)
        if not csrf_ok(info, csrf_token):
            return edit_form(request, info, user_id, error={"code": "csrf_kept", "field": None, "values": {}}, status_code=403)
        try:
            link = accounts.create_reset_link(engine, actor=info.user, user_id=user_id)
        except accounts.AccountInvalid as exc:
            return edit_form(request, info, user_id, error=error_of(exc), status_code=422)
        except NotFoundError:
            return problem(request, info, "err_no_user", 404)
        return edit_form(request, info, user_id, reset=link)

    # --- one's own password (everyone signed in) ---------------------------------------
    def password_form(request: Request, info: accounts.SessionInfo, *, form: dict[str, str], error: dict[str, Any] | None = None,
                      status_code: int = 200, notice: str | None = None, lang_error: dict[str, Any] | None = None) -> HTMLResponse:
        return page(request, "staff/password.html", info, title_key="password_change", status_code=status_code, form=form,
                    error=error, notice=notice, languages=accounts.LANGUAGES, chosen_lang=form.get("lang") or info.lang or "",
                    lang_error=lang_error, lang_error_text=t_of(request)(f"err_{lang_error['code']}") if lang_error else "")

    @r.get("/staff/password", response_class=HTMLResponse)
    def password_page(request: Request, msg: str | None = None) -> HTMLResponse:
        return password_form(request, signed_in(request), form={}, notice=msg if msg in NOTICES else None)

    @r.post("/staff/password", response_class=HTMLResponse)
    def change_password(request: Request, current: Annotated[str, Form()] = "", new: Annotated[str, Form()] = "",
                        confirm: Annotated[str, Form()] = "", csrf_token: Annotated[str, Form()] = "") -> Response:
        info = signed_in(request)
        form = {"current": current, "new": new, "confirm": confirm}
        if not csrf_ok(info, csrf_token):
            return password_form(request, info, form=form, error={"code": "csrf_kept", "field": None, "values": {}}, status_code=403)
        if new != confirm:
            return password_form(request, info, form=form, status_code=422,
                                 error={"code": "password_mismatch", "field": "confirm", "values": {}})
        try:
            accounts.change_own_password(engine, user=info.user, current=current, new=new,
                                         address=client_address(request, proxies))
        except accounts.AccountInvalid as exc:
            return password_form(request, info, form=form, error=error_of(exc),
                                 status_code=429 if exc.code == "password_throttled" else 422)
        return RedirectResponse("/staff/password?msg=password_changed", status_code=303)

    @r.post("/staff/settings/lang", response_class=HTMLResponse)
    def choose_lang(request: Request, lang: Annotated[str, Form()] = "", csrf_token: Annotated[str, Form()] = "") -> Response:
        info = signed_in(request)
        form = {"lang": lang[:20]}
        if not csrf_ok(info, csrf_token):
            return password_form(request, info, form=form, status_code=403,
                                 lang_error={"code": "csrf_kept", "field": None, "values": {}})
        try:
            accounts.set_own_lang(engine, user=info.user, lang=lang)
        except accounts.AccountInvalid as exc:
            return password_form(request, info, form=form, lang_error=error_of(exc), status_code=422)
        return RedirectResponse("/staff/password?msg=lang_saved", status_code=303)

    # --- the one-time reset link (no session) ----------------------------------------
    def reset_problem(request: Request, exc: accounts.ResetLinkInvalid) -> HTMLResponse:
        key = "err_reset_inactive_link" if exc.reason == "inactive" else f"err_reset_{exc.reason}"
        return problem(request, None, key, 410 if exc.reason in ("used", "expired") else 404)

    @r.get("/reset/{token}", response_class=HTMLResponse)
    def reset_page(request: Request, token: str) -> HTMLResponse:
        try:
            name = accounts.reset_link_user(engine, token[:100])
        except accounts.ResetLinkInvalid as exc:
            return reset_problem(request, exc)
        return page(request, "staff/reset.html", None, title_key="password_set", name=name, token=token, form={})

    @r.post("/reset/{token}", response_class=HTMLResponse)
    def reset_password(request: Request, token: str, new: Annotated[str, Form()] = "",
                       confirm: Annotated[str, Form()] = "") -> HTMLResponse:
        token = token[:100]
        try:
            name = accounts.reset_link_user(engine, token)
            if new != confirm:
                return page(request, "staff/reset.html", None, title_key="password_set", name=name, token=token, status_code=422,
                            form={"new": new, "confirm": confirm},
                            error={"code": "password_mismatch", "field": "confirm", "values": {}})
            accounts.use_reset_link(engine, token=token, password=new)
        except accounts.ResetLinkInvalid as exc:
            return reset_problem(request, exc)
        except accounts.AccountInvalid as exc:
            return page(request, "staff/reset.html", None, title_key="password_set", name=name, token=token, status_code=422,
                        form={"new": new, "confirm": confirm}, error=error_of(exc))
        response = page(request, "staff/reset.html", None, title_key="password_set", name=name, token=token, done=True, form={})
        response.delete_cookie(SESSION_COOKIE)
        return response

    # --- the audit trail (admins, reviewers) ----------------------------------------
    @r.get("/staff/audit", response_class=HTMLResponse)
    def audit_page(request: Request, kind: str = "", user: str = "", since: str = "", until: str = "", page_no: int = 1,
                   object: str = "") -> HTMLResponse:  # noqa: A002 - TYPE:ID, from the links of other pages
        info = signed_in(request)
        if not can(info.user, Action.VIEW_AUDIT):
            return problem(request, info, "err_forbidden_audit", 403)
        t = t_of(request)
        object_id = ""
        if object:
            kind, _, object_id = object.partition(":")
        form = {"kind": kind[:30], "user": user[:100], "since": since[:10], "until": until[:10]}
        error = None
        days: dict[str, date | None] = {}
        for key in ("since", "until"):
            try:
                days[key] = date.fromisoformat(form[key]) if form[key].strip() else None
            except ValueError:
                days[key], error = None, {"code": "bad_date", "field": key, "values": {}}
        if form["kind"] and form["kind"] not in audit.OBJECT_TYPES:
            form["kind"], error = "", {"code": "bad_kind", "field": "kind", "values": {}}
        result = audit.search_changes(
            engine, kind=form["kind"] or None, object_id=object_id[:100] or None, user=form["user"] or None,
            since=day_start(days["since"]) if days["since"] else None,
            until=day_start(days["until"] + timedelta(days=1)) if days["until"] else None,
            page=max(1, min(page_no, 10**6)))
        query = {k: v for k, v in {**form, "object": object}.items() if v}
        links = {n: "/staff/audit?" + urlencode({**query, "page_no": n}) for n in (result.page - 1, result.page + 1)}
        users = [u.name for u in accounts.list_all_users(engine, actor=None)]
        return page(request, "staff/audit.html", info, title_key="audit", status_code=422 if error else 200, form=form,
                    error=error, result=result, changes=[view(c, t) for c in result.changes], kinds=audit.OBJECT_TYPES,
                    links=links, users=users, object=object)

    return r
