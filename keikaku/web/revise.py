"""Staff pages (admins only) to re-import a corrected document into a stored plan.

Upload → the preview (added, removed, changed, with the figures) → "correct this plan in place" or
"store as a new revision". Nothing is written before the second step; in between, the extracted
plan waits in a temporary file named by a random token, bound to the signed-in session and
expiring after ``KEEP_SECONDS``.
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
from keikaku.domain.errors import KeikakuError, NotFoundError
from keikaku.domain.permissions import Action
from keikaku.services import accounts, revise
from keikaku.services.plans import list_plans
from keikaku.web.staff import SESSION_COOKIE, staff_member

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
    gone = NotFoundError("このアップロードは期限切れか、見つかりません。もう一度アップロードしてください / "
                         "this upload has expired or is unknown; upload the document again")
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

    def admin(request: Request, csrf_token: str | None = None) -> accounts.SessionInfo:
        return staff_member(engine, request, Action.EDIT_PLAN, what="plans", csrf_token=csrf_token)

    def page(request: Request, name: str, info: accounts.SessionInfo, status_code: int = 200, **ctx: Any) -> HTMLResponse:
        ctx.update(user=info.user, csrf=info.csrf_token)
        return render(request, name, ctx, status_code=status_code, title=ctx.get("title", ""))

    def plan_of(plan_id: int) -> Any:
        found = next((p for p in list_plans(engine) if p.id == plan_id), None)
        if found is None:
            raise NotFoundError(f"no plan {plan_id}")
        return found

    @r.get("/staff/revise", response_class=HTMLResponse)
    def plans_page(request: Request) -> HTMLResponse:
        info = admin(request)
        return page(request, "staff/revise_upload.html", info, plans=list_plans(engine), plan=None,
                    title="修正した計画書の再取込 / Re-import a corrected document")

    @r.get("/staff/plans/{plan_id}/revise", response_class=HTMLResponse)
    def upload_form(request: Request, plan_id: int, done: str | None = None, new: int | None = None) -> HTMLResponse:
        info = admin(request)
        return page(request, "staff/revise_upload.html", info, plans=[], plan=plan_of(plan_id), done=done, new=new,
                    title="修正した計画書の再取込 / Re-import a corrected document")

    @r.post("/staff/plans/{plan_id}/revise", response_class=HTMLResponse)
    async def upload(request: Request, plan_id: int, file: UploadFile, csrf_token: Annotated[str, Form()] = "") -> Response:
        info = admin(request, csrf_token)
        plan = plan_of(plan_id)
        content = await file.read(MAX_DOCUMENT_BYTES + 1)
        name = Path(file.filename or "document.txt").name
        if len(content) > MAX_DOCUMENT_BYTES:
            raise KeikakuError(f"the file is larger than {MAX_DOCUMENT_BYTES} bytes")
        suffix = Path(name).suffix if SUFFIX.match(Path(name).suffix or "") else ".txt"
        with tempfile.TemporaryDirectory(prefix="keikaku-upload-") as tmp:
            path = Path(tmp) / f"document{suffix}"
            path.write_bytes(content)
            doc = await run_in_threadpool(revise.extract_edition, path, name=name)
        shown = await run_in_threadpool(revise.preview, engine, plan_id, doc)
        token = keep(request, plan_id, name, doc)
        return page(request, "staff/revise_preview.html", info, plan=plan, token=token, filename=name,
                    rows=preview_rows(shown), losses=shown.losses, title="変更のプレビュー / Preview of the changes")

    @r.post("/staff/plans/{plan_id}/revise/{token}/apply", response_class=HTMLResponse)
    def apply(request: Request, plan_id: int, token: str, csrf_token: Annotated[str, Form()] = "",
              confirm: Annotated[str, Form()] = "") -> Response:
        info = admin(request, csrf_token)
        name, doc = kept(request, plan_id, token)
        try:
            revise.correct_in_place(engine, plan_id, doc, confirm=confirm == "yes", user_name=info.user.name)
        except revise.OrphaningRefused:
            shown = revise.preview(engine, plan_id, doc)
            return page(request, "staff/revise_preview.html", info, plan=plan_of(plan_id), token=token, filename=name,
                        rows=preview_rows(shown), losses=shown.losses, refused=True, status_code=409,
                        title="変更のプレビュー / Preview of the changes")
        forget(token)
        return RedirectResponse(f"/staff/plans/{plan_id}/revise?done=corrected", status_code=303)

    @r.post("/staff/plans/{plan_id}/revise/{token}/revision")
    def as_revision(request: Request, plan_id: int, token: str, csrf_token: Annotated[str, Form()] = "") -> Response:
        admin(request, csrf_token)
        _name, doc = kept(request, plan_id, token)
        result = revise.store_as_revision(engine, plan_id, doc)
        forget(token)
        return RedirectResponse(f"/staff/plans/{plan_id}/revise?done=stored&new={result.plan_id}", status_code=303)

    return r
