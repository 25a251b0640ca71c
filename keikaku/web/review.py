"""Staff (admin) review of an import: upload a document, see what was read beside its source, correct it, store it.

The flow, under ``/staff/review``:

1. ``GET /staff/review``: the upload form (file, municipality) and this session's documents
   waiting for review.
2. ``POST /staff/review``: the file is kept in the staging store (keikaku/services/review_staging.py)
   and read in a worker thread after the answer is sent; the browser goes to the review's page.
3. ``GET /staff/review/{token}``: while the document is read, a page that reloads itself every
   two seconds (``…/status`` answers the state as JSON); then the review page: the source on
   the left (every line with an anchor), the plan read on the right (every figure linking to the
   line it was read from), the extraction report, and a form beside each node and indicator.
4. ``POST /staff/review/{token}/node|move|indicator|drop``: one correction
   (keikaku/domain/draft_edit.py), kept in the staging store only.
5. ``POST /staff/review/{token}/store``: ``import_extraction`` with the corrected plan (one
   transaction), then the stored plan's page. ``…/discard`` forgets the upload.

Nothing reaches the database before step 5. Only admins may use these pages; an entry is bound
to the session that uploaded it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, BackgroundTasks, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from keikaku.domain import draft_edit as de
from keikaku.domain import planfile as pf
from keikaku.domain.errors import EmptyExtractionError, IncompleteExtractionError, KeikakuError, NotFoundError, PlanFileError
from keikaku.domain.permissions import Action
from keikaku.services import accounts
from keikaku.services.review_staging import StaleDraft, Staged, StagingStore, municipality_choices, owner_of, store_staged
from keikaku.settings import get_settings
from keikaku.web.plan_form_words import PLAN_FIELDS
from keikaku.web.staff import SESSION_COOKIE, staff_member
from keikaku.web.staff_forms import Problem, add_problem_text, csrf_ok, problem, problem_of, t_of

WAIT_SECONDS = 2  # how often the waiting page reloads


@dataclass
class FigureRow:
    label: str  # baseline / target (an i18n key)
    value: pf.Value | None
    anchor: int | None  # the source line number it was read from


@dataclass
class IndicatorRow:
    index: int
    indicator: pf.Indicator
    figures: list[FigureRow]
    anchor: int | None


@dataclass
class NodeRow:
    index: int
    node: pf.Node
    depth: int
    position: int  # among its siblings, from 0
    anchor: int | None
    indicators: list[IndicatorRow] = field(default_factory=list)


@dataclass
class SourcePage:
    page: int | None
    lines: list[Any]


@dataclass
class ReviewView:
    staged: Staged
    nodes: list[NodeRow]
    plan_wide: list[IndicatorRow]
    pages: list[SourcePage]
    report: dict[str, Any]
    changed: bool


def review_view(staged: Staged) -> ReviewView:
    """What the review page shows: the tree in order with depths, indicators under their nodes, the source by page."""
    plan = staged.plan
    assert plan is not None and staged.report is not None
    anchors = staged.anchors
    rows: list[IndicatorRow] = []
    for k, ind in enumerate(plan.indicators):
        figures = [FigureRow("baseline", ind.baseline, anchors.get(ind.baseline.origin or "") if ind.baseline else None),
                   FigureRow("target", ind.target, anchors.get(ind.target.origin or "") if ind.target else None)]
        rows.append(IndicatorRow(k, ind, figures, anchors.get(ind.origin or "")))
    children: dict[str | None, list[int]] = {}
    ids = {n.id for n in plan.nodes}
    for i, node in enumerate(plan.nodes):
        children.setdefault(node.parent if node.parent in ids else None, []).append(i)
    ordered: list[NodeRow] = []

    def walk(parent: str | None, depth: int) -> None:
        for position, i in enumerate(children.get(parent, [])):
            node = plan.nodes[i]
            ordered.append(NodeRow(i, node, depth, position, anchors.get(node.origin or ""),
                                   [r for r in rows if r.indicator.node == node.id]))
            walk(node.id, depth + 1)

    walk(None, 0)
    pages: list[SourcePage] = []
    for line in staged.source:
        if not pages or (line.page is not None and pages[-1].page != line.page):
            pages.append(SourcePage(line.page, []))
        pages[-1].lines.append(line)
    return ReviewView(staged, ordered, [r for r in rows if r.indicator.node is None], pages, staged.report,
                      changed=staged.plan != staged.extracted)


def store_problem(exc: KeikakuError) -> Problem:
    """Why a reviewed plan was not stored, in words that say what to do (the service's message kept beside)."""
    if isinstance(exc, (EmptyExtractionError, IncompleteExtractionError)):
        return problem("rv_store_empty", message=str(exc))
    municipal = isinstance(exc, PlanFileError) and any(p.path in ("municipality", "key") for p in exc.problems)
    if municipal or isinstance(exc, NotFoundError) or type(exc) is KeikakuError:  # an unknown or another city
        return problem("rv_store_municipality", message=str(exc))
    return problem("rv_store_failed", message=str(exc))


def staging_store() -> StagingStore:
    return StagingStore(get_settings().data_dir / "review")


def router(engine: Engine, render: Callable[..., HTMLResponse], store: StagingStore | None = None) -> APIRouter:
    r = APIRouter(include_in_schema=False)
    staging = store or staging_store()

    def admin(request: Request) -> tuple[accounts.SessionInfo, str]:
        """The signed-in admin and the owner key of their session."""
        info = staff_member(engine, request, Action.EDIT_PLAN, what="plan imports")
        return info, owner_of(request.cookies.get(SESSION_COOKIE))

    def page(request: Request, name: str, info: accounts.SessionInfo, status_code: int = 200, **ctx: Any) -> HTMLResponse:
        ctx.update(user=info.user, csrf=info.csrf_token)
        add_problem_text(t_of(request), ctx, labels=PLAN_FIELDS)
        return render(request, name, ctx, status_code=status_code, title=ctx.get("title", ""))

    def url(token: str, message: str | None = None, anchor: str | None = None) -> str:
        return f"/staff/review/{token}" + (f"?msg={quote(message)}" if message else "") + (f"#{anchor}" if anchor else "")

    def review_page(request: Request, info: accounts.SessionInfo, staged: Staged, *, error: Problem | None = None,
                    status_code: int = 200, msg: str | None = None, typed: dict[str, Any] | None = None) -> HTMLResponse:
        """The review page; after a refused correction, ``typed`` is ``{"form": …, "values": …}``: what was typed, in
        the form it was typed in (``node:ID``, ``move:ID``, ``indicator:K``)."""
        return page(request, "staff/review.html", info, status_code=status_code, view=review_view(staged), error=error,
                    msg=msg, typed=typed or {"form": None, "values": {}},
                    title=f"{staged.filename}: {t_of(request)('rv_review')}")

    # --- upload -------------------------------------------------------------------------
    def upload_page(request: Request, info: accounts.SessionInfo, owner: str, *, msg: str | None = None,
                    error: Problem | None = None, form: dict[str, str] | None = None, status_code: int = 200) -> HTMLResponse:
        return page(request, "staff/review_upload.html", info, waiting=staging.list(owner), msg=msg, error=error,
                    form=form or {}, municipalities=municipality_choices(engine),
                    max_mb=staging.max_bytes // (1024 * 1024), status_code=status_code, title=t_of(request)("rv_import"))

    @r.get("/staff/review", response_class=HTMLResponse)
    def upload_form(request: Request, msg: str | None = None) -> HTMLResponse:
        info, owner = admin(request)
        return upload_page(request, info, owner, msg=msg)

    @r.post("/staff/review")
    async def upload(request: Request, background: BackgroundTasks, file: UploadFile | None = None,
                     municipality: Annotated[str, Form()] = "", csrf_token: Annotated[str, Form()] = "") -> Response:
        info, owner = await run_in_threadpool(admin, request)
        form = {"municipality": municipality[:100]}
        if not csrf_ok(info.csrf_token, csrf_token):
            return upload_page(request, info, owner, error=problem("csrf_kept"), form=form, status_code=403)
        if file is None or not file.filename:
            return upload_page(request, info, owner, error=problem("rv_no_file", "file"), form=form, status_code=422)
        content = await file.read(staging.max_bytes + 1)
        try:
            token = await run_in_threadpool(staging.create, owner, filename=file.filename, content=content,
                                            municipality=municipality)
        except KeikakuError as exc:
            return upload_page(request, info, owner, error=problem_of(exc), form=form,
                               status_code=getattr(exc, "http_status", 400))
        background.add_task(staging.read, token)  # a plain function: Starlette runs it in a worker thread
        return RedirectResponse(url(token), status_code=303)

    # --- the review ---------------------------------------------------------------------
    @r.get("/staff/review/{token}", response_class=HTMLResponse)
    def review(request: Request, token: str, msg: str | None = None) -> HTMLResponse:
        info, owner = admin(request)
        staged = staging.get(token, owner)
        if staged.state == "reading":
            response = page(request, "staff/review_wait.html", info, staged=staged, wait=WAIT_SECONDS,
                            title=t_of(request)("rv_reading"))
            response.headers["Cache-Control"] = "no-store"
            return response
        if staged.state == "failed":
            return page(request, "staff/review_failed.html", info, staged=staged, status_code=422,
                        title=t_of(request)("rv_failed"))
        return review_page(request, info, staged, msg=msg)

    @r.get("/staff/review/{token}/status")
    def status(request: Request, token: str) -> JSONResponse:
        _info, owner = admin(request)
        staged = staging.get(token, owner, full=False)
        return JSONResponse({"state": staged.state, "error": staged.error, "version": staged.version},
                            headers={"Cache-Control": "no-store"})

    async def edit(request: Request, token: str, which: str,
                   change: Callable[[pf.PlanDocument, Any], tuple[pf.PlanDocument, str]]) -> Response:
        """Apply one correction from a posted form (``which``: its field naming the node or indicator); the page again
        with the problem, and what was typed kept in that form, when it is refused."""
        info, owner = await run_in_threadpool(admin, request)
        form = await request.form()
        typed = {"form": f"{request.url.path.rsplit('/', 1)[-1].replace('drop', 'indicator')}:{field_text(form, which)[:200]}",
                 "values": {k: str(v)[:pf.TEXT_CHARS] for k, v in form.items() if k not in ("csrf_token", "version")}}
        staged = await run_in_threadpool(staging.get, token, owner)
        if not csrf_ok(info.csrf_token, str(form.get("csrf_token", ""))):
            return review_page(request, info, staged, error=problem("csrf_kept"), typed=typed, status_code=403)
        if staged.plan is None:
            return RedirectResponse(url(token), status_code=303)
        try:
            version = int(str(form.get("version", "")))
        except ValueError:
            version = -1
        try:
            plan, anchor = change(staged.plan, form)
            await run_in_threadpool(lambda: staging.save_plan(token, owner, plan, version=version))
        except (de.DraftEditError, StaleDraft) as exc:
            staged = await run_in_threadpool(staging.get, token, owner)
            return review_page(request, info, staged, error=problem_of(exc), typed=typed,
                               status_code=getattr(exc, "http_status", 422))
        return RedirectResponse(url(token, "corrected", anchor), status_code=303)

    def field_text(form: Any, name: str) -> str:
        return str(form.get(name, ""))[:pf.TEXT_CHARS]

    def node_anchor(plan: pf.PlanDocument, node_id: str) -> str:
        return next((f"n{i}" for i, n in enumerate(plan.nodes) if n.id == node_id), "tree")

    @r.post("/staff/review/{token}/node")
    async def edit_node(request: Request, token: str) -> Response:
        def change(plan: pf.PlanDocument, form: Any) -> tuple[pf.PlanDocument, str]:
            node_id = field_text(form, "node")
            plan = de.set_node(plan, node_id, title=field_text(form, "title"), number=field_text(form, "number"),
                               level=field_text(form, "level"))
            plan = de.set_node_departments(plan, node_id, de.split_list(field_text(form, "departments")))
            plan = de.set_node_sdgs(plan, node_id, de.sdg_numbers(field_text(form, "sdgs")))
            return plan, node_anchor(plan, node_id)

        return await edit(request, token, "node", change)

    @r.post("/staff/review/{token}/move")
    async def move(request: Request, token: str) -> Response:
        def change(plan: pf.PlanDocument, form: Any) -> tuple[pf.PlanDocument, str]:
            node_id, parent = field_text(form, "node"), field_text(form, "parent").strip()
            raw_position = field_text(form, "position").strip()
            if raw_position and not (raw_position.isascii() and raw_position.isdigit() and len(raw_position) <= 6):
                raise de.DraftEditError(f"a position is a whole number from 1, not {raw_position[:20]!r}", code="rv_bad_position",
                                        field="position")
            position = int(raw_position) - 1 if raw_position else None
            if position is not None and position < 0:
                raise de.DraftEditError("a position counts from 1", code="rv_bad_position", field="position")
            plan = de.move_node(plan, node_id, parent=parent or None, position=position)
            return plan, node_anchor(plan, node_id)

        return await edit(request, token, "node", change)

    def indicator_index(form: Any, plan: pf.PlanDocument) -> int:
        text = field_text(form, "indicator")
        if not (text.isascii() and text.isdigit() and len(text) <= 9):
            raise de.DraftEditError(f"no indicator {text[:20]!r}", code="rv_no_indicator", field="indicator")
        return int(text)

    @r.post("/staff/review/{token}/indicator")
    async def edit_indicator(request: Request, token: str) -> Response:
        def change(plan: pf.PlanDocument, form: Any) -> tuple[pf.PlanDocument, str]:
            k = indicator_index(form, plan)

            def figure(prefix: str) -> de.Figure:
                value = de.figure_number(field_text(form, f"{prefix}_value"), f"{prefix}_value")
                text = field_text(form, f"{prefix}_text")
                old = getattr(plan.indicators[k], prefix) if k < len(plan.indicators) else None
                if old is not None and value != old.value and text.strip() == (old.text or ""):
                    text = ""  # the words as printed went with the old number: a new number is not printed anywhere
                return de.Figure(value, de.year_number(field_text(form, f"{prefix}_year"), f"{prefix}_year"), text)

            plan = de.set_indicator(plan, k, name=field_text(form, "name"), unit=field_text(form, "unit"),
                                    direction=field_text(form, "direction") or None, baseline=figure("baseline"),
                                    target=figure("target"))
            return plan, f"i{k}"

        return await edit(request, token, "indicator", change)

    @r.post("/staff/review/{token}/drop")
    async def drop(request: Request, token: str) -> Response:
        def change(plan: pf.PlanDocument, form: Any) -> tuple[pf.PlanDocument, str]:
            k = indicator_index(form, plan)
            node = plan.indicators[k].node if k < len(plan.indicators) else None
            plan = de.drop_indicator(plan, k)
            return plan, node_anchor(plan, node) if node else "plan-wide"

        return await edit(request, token, "indicator", change)

    # --- store or discard ---------------------------------------------------------------
    @r.post("/staff/review/{token}/store", response_class=HTMLResponse)
    def store(request: Request, token: str, version: Annotated[str, Form()] = "",
              csrf_token: Annotated[str, Form()] = "") -> Response:
        info, owner = admin(request)
        with staging.holding(token, owner) as staged:
            if not csrf_ok(info.csrf_token, csrf_token):
                return review_page(request, info, staged, error=problem("csrf_kept"), status_code=403)
            if str(staged.version) != version:
                return review_page(request, info, staged, status_code=409, error=problem("stale_form"))
            try:
                result = store_staged(engine, staged)
            except KeikakuError as exc:
                return review_page(request, info, staged, error=store_problem(exc),
                                   status_code=getattr(exc, "http_status", None) or 422)
        staging.discard(token, owner)
        return RedirectResponse(f"/plans/{result.load.plan_id}", status_code=303)

    @r.post("/staff/review/{token}/discard")
    def discard(request: Request, token: str, csrf_token: Annotated[str, Form()] = "") -> Response:
        info, owner = admin(request)
        if not csrf_ok(info.csrf_token, csrf_token):
            with staging.holding(token, owner) as staged:
                return review_page(request, info, staged, error=problem("csrf_kept"), status_code=403)
        staging.discard(token, owner)
        return RedirectResponse("/staff/review?msg=discarded", status_code=303)

    return r
