"""Staff pages (admins only) to re-import a corrected document into a stored plan.

Upload → the preview (added, removed, changed, with the figures) → "correct this plan in place" or
"store as a new revision". Nothing is written before the second step; in between, the extracted
plan waits in a temporary file named by a random token, bound to the signed-in session and
expiring after ``KEEP_SECONDS``. A refused step comes back as the same page with the problem in the
reader's language (keikaku/web/staff_forms.py).
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from keikaku.domain import planfile as pf
from keikaku.domain.errors import EmptyExtractionError, KeikakuError, NotFoundError, PlanFileError
from keikaku.domain.permissions import Action
from keikaku.services import accounts, revise
from keikaku.services.plans import list_plans
from keikaku.web.plan_form_words import PLAN_FIELDS
from keikaku.web.staff import SESSION_COOKIE, staff_member
from keikaku.web.staff_forms import Problem, add_problem_text, csrf_ok, problem, t_of

MAX_DOCUMENT_BYTES = 30 * 1024 * 1024
KEEP_SECONDS = 3600
TOKEN = re.compile(r"^[A-Za-z0-9_-]{32,64}$")
SUFFIX = re.compile(r"^\.[A-Za-z0-9]{1,8}$")
SHOWN = 300  # characters of a text shown before and after


def staging_dir() -> Path:
    path = Path(tempfile.gettempdir()) / "keikaku-revise"
    path.mkdir(mode=0o700, exist_ok=True)
    return path


def _session_hash(request: Request) -> str:
    return hashlib.sha256((request.cookies.get(SESSION_COOKIE) or "").encode()).hexdigest()


def _sweep(now: float) -> None:
    for path in staging_dir().glob("*.json"):
        try:
            if json.loads(path.read_text(encoding="utf-8")).get("expires", 0) < now:
                path.unlink(missing_ok=True)
        except (OSError, ValueError):
            path.unlink(missing_ok=True)


def keep(request: Request, plan_id: int, filename: str, doc: pf.PlanDocument) -> str:
    """Store the extraction until the admin decides; the token to name it."""
    now = time.time()
    _sweep(now)
    token = secrets.token_urlsafe(32)
    record = {"session": _session_hash(request), "plan_id": plan_id, "filename": filename, "expires": now + KEEP_SECONDS,
              "doc": doc.to_json_dict()}
    path = staging_dir() / f"{token}.json"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    path.chmod(0o600)
    return token


def kept(request: Request, plan_id: int, token: str) -> tuple[str, pf.PlanDocument]:
    """The file name and extraction kept under ``token`` for this session and plan."""
    gone = NotFoundError("this upload has expired or is unknown; upload the document again")
    if not TOKEN.match(token):
        raise gone
    path = staging_dir() / f"{token}.json"
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise gone from None
    if (record.get("expires", 0) < time.time() or record.get("plan_id") != plan_id
            or not secrets.compare_digest(str(record.get("session", "")), _session_hash(request))):
        raise gone
    return str(record.get("filename") or ""), pf.parse_plan_document(record["doc"], "upload")


def forget(token: str) -> None:
    if TOKEN.match(token):
        (staging_dir() / f"{token}.json").unlink(missing_ok=True)


def _short(value: Any) -> str:
    if value is None:
        return "—"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


def preview_rows(shown: revise.Preview) -> dict[str, list[dict[str, Any]]]:
    """The preview's records as the page shows them."""
    data = shown.to_json()
    return {group: [{"kind": item["kind"], "id": item.get("id"),
                     "label": " ".join(filter(None, [item.get("level"), item.get("number"), item["name"]])),
                     "fields": [(f["field"], _short(f["before"]), _short(f["after"])) for f in item["fields"]]}
                    for item in data[group]]
            for group in ("added", "removed", "changed")}


def router(engine: Engine, render: Callable[..., HTMLResponse]) -> APIRouter:
    r = APIRouter(include_in_schema=False)

    def admin(request: Request) -> accounts.SessionInfo:
        return staff_member(engine, request, Action.EDIT_PLAN, what="plans")

    def page(request: Request, name: str, info: accounts.SessionInfo, status_code: int = 200, **ctx: Any) -> HTMLResponse:
        ctx.update(user=info.user, csrf=info.csrf_token)
        add_problem_text(t_of(request), ctx, labels=PLAN_FIELDS)
        return render(request, name, ctx, status_code=status_code, title=t_of(request)(ctx["title_key"]))

    def upload_page(request: Request, info: accounts.SessionInfo, plan_id: int, *, error: Problem | None = None,
                    status_code: int = 200, done: str | None = None, new: int | None = None) -> HTMLResponse:
        return page(request, "staff/revise_upload.html", info, plans=[], plan=plan_of(plan_id), done=done, new=new, error=error,
                    status_code=status_code, title_key="rs_title")

    def preview_page(request: Request, info: accounts.SessionInfo, plan_id: int, token: str, name: str, doc: pf.PlanDocument,
                     *, error: Problem | None = None, confirm: bool = False, status_code: int = 200) -> HTMLResponse:
        shown = revise.preview(engine, plan_id, doc)
        return page(request, "staff/revise_preview.html", info, plan=plan_of(plan_id), token=token, filename=name,
                    rows=preview_rows(shown), losses=shown.losses, error=error, confirm=confirm, status_code=status_code,
                    title_key="rs_preview_title")

    def plan_of(plan_id: int) -> Any:
        found = next((p for p in list_plans(engine) if p.id == plan_id), None)
        if found is None:
            raise NotFoundError(f"no plan {plan_id}")
        return found

    @r.get("/staff/revise", response_class=HTMLResponse)
    def plans_page(request: Request) -> HTMLResponse:
        info = admin(request)
        return page(request, "staff/revise_upload.html", info, plans=list_plans(engine), plan=None, title_key="rs_title")

    @r.get("/staff/plans/{plan_id}/revise", response_class=HTMLResponse)
    def upload_form(request: Request, plan_id: int, done: str | None = None, new: int | None = None) -> HTMLResponse:
        return upload_page(request, admin(request), plan_id, done=done, new=new)

    @r.post("/staff/plans/{plan_id}/revise", response_class=HTMLResponse)
    async def upload(request: Request, plan_id: int, file: UploadFile | None = None,
                     csrf_token: Annotated[str, Form()] = "") -> Response:
        info = admin(request)
        plan = plan_of(plan_id)
        if not csrf_ok(info.csrf_token, csrf_token):
            return upload_page(request, info, plan_id, error=problem("csrf"), status_code=403)  # a file cannot be kept
        if file is None or not file.filename:
            return upload_page(request, info, plan_id, error=problem("rv_no_file", "file"), status_code=422)
        content = await file.read(MAX_DOCUMENT_BYTES + 1)
        name = Path(file.filename).name
        if len(content) > MAX_DOCUMENT_BYTES:
            return upload_page(request, info, plan_id, error=problem("rv_too_large", "file", mb=MAX_DOCUMENT_BYTES // 2**20),
                               status_code=422)
        suffix = Path(name).suffix if SUFFIX.match(Path(name).suffix or "") else ".txt"
        try:
            with tempfile.TemporaryDirectory(prefix="keikaku-upload-") as tmp:
                path = Path(tmp) / f"document{suffix}"
                path.write_bytes(content)
                doc = await run_in_threadpool(revise.extract_edition, path, name=name)
            shown = await run_in_threadpool(revise.preview, engine, plan_id, doc)
        except EmptyExtractionError as exc:
            return upload_page(request, info, plan_id, error=problem("rs_empty", "file", str(exc)), status_code=422)
        except PlanFileError as exc:
            return upload_page(request, info, plan_id, error=problem("rs_plan_file", "file", str(exc)), status_code=422)
        except KeikakuError as exc:  # a damaged file, a format that cannot be read
            return upload_page(request, info, plan_id, error=problem("rs_unreadable", "file", str(exc)), status_code=422)
        token = keep(request, plan_id, name, doc)
        return page(request, "staff/revise_preview.html", info, plan=plan, token=token, filename=name,
                    rows=preview_rows(shown), losses=shown.losses, title_key="rs_preview_title")

    def kept_or_again(request: Request, info: accounts.SessionInfo, plan_id: int, token: str) -> tuple[str, pf.PlanDocument] | Response:
        """The upload kept under ``token``, or the upload form again saying it has expired."""
        try:
            return kept(request, plan_id, token)
        except NotFoundError:
            return upload_page(request, info, plan_id, error=problem("rs_expired"), status_code=404)

    @r.post("/staff/plans/{plan_id}/revise/{token}/apply", response_class=HTMLResponse)
    def apply(request: Request, plan_id: int, token: str, csrf_token: Annotated[str, Form()] = "",
              confirm: Annotated[str, Form()] = "") -> Response:
        info = admin(request)
        found = kept_or_again(request, info, plan_id, token)
        if isinstance(found, Response):
            return found
        name, doc = found
        if not csrf_ok(info.csrf_token, csrf_token):
            return preview_page(request, info, plan_id, token, name, doc, error=problem("csrf_kept"), confirm=confirm == "yes",
                                status_code=403)
        try:
            revise.correct_in_place(engine, plan_id, doc, confirm=confirm == "yes", user_name=info.user.name)
        except revise.OrphaningRefused:
            return preview_page(request, info, plan_id, token, name, doc, error=problem("rs_confirm", "confirm"),
                                status_code=409)
        forget(token)
        return RedirectResponse(f"/staff/plans/{plan_id}/revise?done=corrected", status_code=303)

    @r.post("/staff/plans/{plan_id}/revise/{token}/revision")
    def as_revision(request: Request, plan_id: int, token: str, csrf_token: Annotated[str, Form()] = "") -> Response:
        info = admin(request)
        found = kept_or_again(request, info, plan_id, token)
        if isinstance(found, Response):
            return found
        name, doc = found
        if not csrf_ok(info.csrf_token, csrf_token):
            return preview_page(request, info, plan_id, token, name, doc, error=problem("csrf"), status_code=403)
        result = revise.store_as_revision(engine, plan_id, doc)
        forget(token)
        return RedirectResponse(f"/staff/plans/{plan_id}/revise?done=stored&new={result.plan_id}", status_code=303)

    return r
