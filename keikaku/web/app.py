"""The public site: every page has a JSON twin built from the same context (``/api/v1/…``)."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from keikaku import __version__
from keikaku.cache import DEFAULT_MAX_BYTES, ByteLru
from keikaku.domain.enums import status_word
from keikaku.domain.errors import KeikakuError, NotFoundError
from keikaku.domain.permissions import can
from keikaku.domain.sdg import SDG_BY_NUMBER
from keikaku.domain.fiscal import FIRST_YEAR, LAST_YEAR
from keikaku.services import browse, formatting, readmodel
from keikaku.services.plans import list_plans
from keikaku.services.revisions import links_of as plan_revision_links
from keikaku.services.cycle_common import today_jst
from keikaku.services import charts
from keikaku.web.api_schemas import PlanIndicatorsOut
from keikaku.storage.database import RETRY_AFTER_SECONDS, is_busy
from keikaku.web.http import HttpBasics
from keikaku.web.i18n import translator
from keikaku.web.search_query import SearchQuery

HERE = Path(__file__).resolve().parent
log = logging.getLogger("keikaku.web")
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                               "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def page_lang(request: Request) -> str:
    """?lang= first; then a signed-in staff member's own setting (set by the staff pages' session
    lookup, never on public pages); then the cookie the language link leaves; Japanese by default."""
    lang = request.query_params.get("lang") or getattr(request.state, "user_lang", None) or request.cookies.get("lang") or "ja"
    return "en" if lang == "en" else "ja"


def create_app(engine: Engine, *, cache_bytes: int = DEFAULT_MAX_BYTES) -> FastAPI:
    """The application over ``engine`` (its schema must be current); rendered pages are kept in ``cache_bytes`` at most."""
    app = FastAPI(title="keikaku", version=__version__, docs_url=None, redoc_url=None, openapi_url="/api/v1/openapi.json",
                  description="総合計画の見える化 API: plans, nodes, indicators with their assessment, and search.")
    app.state.engine = engine
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals.update(charts=charts, sdg=SDG_BY_NUMBER, year_label=charts.fiscal_year_label, era_label=charts.era_label)
    templates.env.globals["indicator_svg"] = indicator_svg
    from keikaku.web.successors import generations_svg

    templates.env.globals["generations_svg"] = generations_svg
    templates.env.globals["highlight"] = highlight
    templates.env.globals["plan_status"] = lambda plan, lang: status_word(plan.status, plan.status_label, lang)
    templates.env.globals["status_word"] = status_word
    templates.env.globals["can"] = can  # a staff page shows only the links and buttons its reader may follow
    templates.env.globals["status_order"] = lambda lang: [(k, translator(lang)(k)) for k in browse.STATUS_ORDER]
    templates.env.filters["num"] = format_number
    templates.env.filters["rate"] = format_rate
    from keikaku.web.wordbreak import wbr

    templates.env.filters["wbr"] = wbr  # <wbr> between the words of a Japanese heading or label
    from keikaku.web.audit_view import jst
    from keikaku.web.readable_words import scale_words

    templates.env.globals.update(jst=jst, scale_words=scale_words)  # times in Japan; a grade scale in words
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.add_middleware(HttpBasics)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):  # noqa: ANN001, ANN202
        response = await call_next(request)
        for k, v in SECURITY_HEADERS.items():
            response.headers.setdefault(k, v)
        if "lang" in request.query_params and request.query_params["lang"] in ("ja", "en"):
            response.set_cookie("lang", request.query_params["lang"], max_age=31536000, samesite="lax", httponly=True)
        return response

    def render_text(request: Request, name: str, context: Any, *, title: str = "") -> str:
        lang = page_lang(request)
        return templates.get_template(name).render(ctx=context, t=translator(lang), lang=lang, title=title, path=request.url.path)

    def render(request: Request, name: str, context: Any, *, status_code: int = 200, title: str = "") -> HTMLResponse:
        return HTMLResponse(render_text(request, name, context, title=title), status_code=status_code)

    pages: ByteLru[tuple, str] = ByteLru(cache_bytes)
    app.state.pages = pages

    def cached(request: Request, kind: str, ref_id: int | str, build: Callable[[], tuple[str, Any, str]]) -> HTMLResponse:
        """A page rendered once per version of its data and language (a plan's, or all plans' for search)."""
        version = browse.data_version(engine) if kind == "search" else browse.version_of(engine, kind, ref_id)  # type: ignore[arg-type]
        if version is None:
            raise NotFoundError(f"no {kind} {ref_id}")
        if kind == "plan":  # its links to its draft or final change when another plan is stored
            version = (version, browse.data_version(engine))
        if kind in ("plan", "node"):  # a draft's comment period opens and ends with the day in Japan
            version = (version, today_jst())
        key = (kind, ref_id, page_lang(request), version)
        body = pages.get(key)
        if body is not None:
            return HTMLResponse(body)
        name, context, title = build()
        body = render_text(request, name, context, title=title)
        pages.put(key, body)
        return HTMLResponse(body)

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api/")

    @app.exception_handler(NotFoundError)
    async def not_found(request: Request, exc: NotFoundError) -> Response:
        if wants_json(request):
            return JSONResponse({"error": "not_found", "detail": str(exc)}, status_code=404)
        return render(request, "error.html", {"code": 404}, status_code=404)

    @app.exception_handler(KeikakuError)
    async def keikaku_error(request: Request, exc: KeikakuError) -> Response:
        name = type(exc).__name__
        if name == "NotSignedIn":
            return RedirectResponse("/login", status_code=303)
        status = getattr(exc, "http_status", None) or {"CsrfRejected": 403}.get(name, 400)
        if wants_json(request):
            return JSONResponse({"error": name, "detail": str(exc)}, status_code=status)
        from keikaku.web.staff_forms import error_page_text  # a staff problem in the reader's language, saying what to do

        return render(request, "error.html", {"code": status, "detail": error_page_text(request, exc)}, status_code=status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if wants_json(request):
            return JSONResponse({"error": "not_found" if exc.status_code == 404 else "error", "detail": str(exc.detail)},
                                status_code=exc.status_code)
        return render(request, "error.html", {"code": exc.status_code}, status_code=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        """A malformed id in a page's path is a page that is not there (404); a bad query is a 400 page."""
        if wants_json(request):
            return JSONResponse({"detail": jsonable_encoder(exc.errors())}, status_code=422)
        in_path = any(e.get("loc", ("",))[0] == "path" for e in exc.errors())
        code = 404 if in_path else 400
        detail = "" if in_path else translator(page_lang(request))("bad_query")
        return render(request, "error.html", {"code": code, "detail": detail}, status_code=code)

    @app.exception_handler(OperationalError)
    async def database_busy(request: Request, exc: OperationalError) -> Response:
        if not is_busy(exc):
            return await server_error(request, exc)
        log.warning("database busy on %s: answered 503", request.url.path)
        headers = {"Retry-After": str(RETRY_AFTER_SECONDS)}
        if wants_json(request):
            return JSONResponse({"error": "busy", "detail": "the database is busy; try again shortly"}, status_code=503,
                                headers=headers)
        response = render(request, "error.html", {"code": 503}, status_code=503)
        response.headers.update(headers)
        return response

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        if wants_json(request):
            return JSONResponse({"error": "internal"}, status_code=500)
        return render(request, "error.html", {"code": 500}, status_code=500)

    # --- pages -------------------------------------------------------------------------
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home_page(request: Request) -> HTMLResponse:
        return render(request, "home.html", browse.home(engine))

    @app.get("/plans/{plan_id}", response_class=HTMLResponse, include_in_schema=False)
    def plan_page(request: Request, plan_id: int) -> HTMLResponse:
        def build() -> tuple[str, Any, str]:
            ctx = browse.plan_page(engine, plan_id)
            return "plan.html", ctx, ctx.plan.title

        return cached(request, "plan", plan_id, build)

    @app.get("/nodes/{node_id}", response_class=HTMLResponse, include_in_schema=False)
    def node_page(request: Request, node_id: int) -> HTMLResponse:
        def build() -> tuple[str, Any, str]:
            ctx = browse.node_page(engine, node_id)
            return "node.html", ctx, f"{ctx.level} {ctx.number or ''} {ctx.title}"

        return cached(request, "node", node_id, build)

    @app.get("/indicators/{indicator_id}", response_class=HTMLResponse, include_in_schema=False)
    def indicator_page(request: Request, indicator_id: int) -> HTMLResponse:
        def build() -> tuple[str, Any, str]:
            ctx = browse.indicator_page(engine, indicator_id)
            return "indicator.html", ctx, ctx.indicator.name

        return cached(request, "indicator", indicator_id, build)

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, q: Annotated[str, Query(max_length=100)] = "",
                    filters: Annotated[SearchQuery, Depends()] = None) -> HTMLResponse:  # type: ignore[assignment]
        narrow = filters.filters()
        if not q.strip():
            return render(request, "search.html", browse.search(engine, "", filters=narrow))
        return cached(request, "search", repr((q.strip(), narrow)),
                      lambda: ("search.html", browse.search(engine, q, filters=narrow), q.strip()))

    @app.get("/compare", response_class=HTMLResponse, include_in_schema=False)
    def compare_page(request: Request, a: int | None = None, b: int | None = None) -> HTMLResponse:
        return render(request, "compare.html", browse.compare(engine, a, b))

    from keikaku.web.plan_edit_api import router as plan_edit_api_router
    from keikaku.web.plan_edit_pages import router as plan_edit_router
    from keikaku.web.review import router as review_router
    from keikaku.web.revise import router as revise_router
    from keikaku.web.revisions import register as register_revision_pages
    from keikaku.web.sdg import router as sdg_router
    from keikaku.web.staff import router as staff_router
    from keikaku.web.successors import router as successors_router
    from keikaku.web.evaluations import router as evaluations_router
    from keikaku.web.downloads import router as downloads_router

    register_revision_pages(app, engine, render)  # /plans/{a}/diff/{b} and its JSON twin
    app.include_router(staff_router(engine, render))
    from keikaku.web.users import router as users_router

    app.include_router(users_router(engine, render))  # /staff/users, /staff/password, /reset/{token}, /staff/audit
    app.include_router(plan_edit_router(engine, render))  # /staff/plans/…/edit
    app.include_router(revise_router(engine, render))  # re-import a corrected document (admins)
    app.include_router(sdg_router(engine, render))  # /staff/sdg
    app.include_router(review_router(engine, render))  # /staff/review: an import reviewed before it is stored
    app.include_router(successors_router(engine, render))  # /staff/successors
    from keikaku.web.backfill import router as backfill_router

    app.include_router(backfill_router(engine, render))  # /staff/plans/{id}/backfill: past years' actuals (admins)
    from keikaku.web.reminder_pages import router as reminder_pages_router

    app.include_router(reminder_pages_router(engine, render))  # /staff/cycles/{id}/reminders: reminders sent from the board
    from keikaku.web.guide import router as guide_router

    app.include_router(guide_router(engine, render))  # /staff/guide: the staff guide (keikaku/guide) and its screenshots
    app.include_router(plan_edit_api_router(engine))  # /api/v1/editor
    from keikaku.web.cycle_api import register as register_cycle_api

    register_cycle_api(app, engine)  # /api/v1/cycles: the evaluation cycle for scripts, with API tokens
    from keikaku.web.project_sheet_api import router as project_sheet_api_router
    from keikaku.web.project_sheet_pages import router as project_sheet_router

    app.include_router(project_sheet_api_router(engine))  # /api/v1/cycles/{id}/projects/{project_id}: project sheets, with API tokens
    app.include_router(project_sheet_router(engine, render))  # project sheets: staff page, public page and JSON twins
    app.include_router(evaluations_router(engine, render))  # published evaluations: /plans/{id}/evaluations, /nodes/{id}/evaluations/{year}
    app.include_router(downloads_router(engine, cache_bytes))  # CSV, Excel, PDF, JSON, Open SDG zip; /catalog.jsonld (DCAT)
    from keikaku.web.cost_pages import register as register_cost_pages

    register_cost_pages(app, engine, templates)  # money beside results: page sections, /api/v1/…/costs, …/costs.csv
    from keikaku.web.budget_upload import router as budget_upload_router

    app.include_router(budget_upload_router(engine, render))  # /staff/plans/{id}/budget: the budget workbook (admins)
    from keikaku.web.comment_pages import register as register_comment_pages
    from keikaku.web.comment_staff_pages import router as comment_staff_router

    register_comment_pages(app, engine, templates, render)  # opinions on a draft: the form, the receipt, /plans/{id}/comments
    app.include_router(comment_staff_router(engine, render))  # /staff/plans/{id}/comments: period, themes, answers (admins)

    # --- API: the same contexts as JSON -----------------------------------------------
    @app.get("/api/v1/plans", tags=["plans"], summary="All plans")
    def api_plans() -> dict[str, Any]:
        return {"plans": [
            {"id": p.id, "title": p.title, "kind": p.kind, "status": p.status, "status_label": p.status_label,
             "status_word": status_word(p.status, p.status_label),
             "period": {"start": p.period[0], "end": p.period[1]} if p.period else None,
             "municipality": {"code": p.municipality.code, "name": p.municipality.name}, "url": browse.plan_url(p.id),
             "revisions": browse.to_json(links.get(p.id, []))}
            for plans in [list_plans(engine)] for links in [plan_revision_links(engine, [p.id for p in plans])] for p in plans
        ]}

    @app.get("/api/v1/municipalities", tags=["plans"], summary="Municipalities with their plans (the home page)")
    def api_home() -> dict[str, Any]:
        return browse.to_json(browse.home(engine))

    @app.get("/api/v1/plans/{plan_id}", tags=["plans"], summary="A plan with its tree and indicators")
    def api_plan(plan_id: int) -> dict[str, Any]:
        ctx = browse.plan_page(engine, plan_id)
        data = browse.to_json(ctx)
        data.update(id=ctx.plan.id, title=ctx.plan.title, url=ctx.plan.url, children=data["tree"])
        return data

    @app.get("/api/v1/plans/{plan_id}/indicators", tags=["plans"], response_model=PlanIndicatorsOut,
             summary="Every indicator of a plan as of a fiscal year, with its calculation (the public read model)")
    def api_plan_indicators(plan_id: int, year: Annotated[int | None, Query(ge=FIRST_YEAR, le=LAST_YEAR)] = None) -> PlanIndicatorsOut:
        stored = readmodel.load_plan_year(engine, plan_id, year=year, audience=readmodel.Audience.PUBLIC)
        return PlanIndicatorsOut.model_validate(readmodel.indicators_json(stored))

    @app.get("/api/v1/nodes/{node_id}", tags=["nodes"], summary="A node with its children, indicators (and assessment), projects")
    def api_node(node_id: int) -> dict[str, Any]:
        return browse.to_json(browse.node_page(engine, node_id))

    @app.get("/api/v1/indicators/{indicator_id}", tags=["nodes"], summary="An indicator's history and calculation")
    def api_indicator(indicator_id: int) -> dict[str, Any]:
        return browse.to_json(browse.indicator_page(engine, indicator_id))

    @app.get("/api/v1/search", tags=["search"], summary="Japanese full-text search over titles, sections and indicators")
    def api_search(q: Annotated[str, Query(max_length=100)] = "",
                   filters: Annotated[SearchQuery, Depends()] = None) -> dict[str, Any]:  # type: ignore[assignment]
        ctx = browse.search(engine, q, filters=filters.filters()) if q.strip() else browse.SearchContext(q, [])
        return {"query": ctx.query, "filters": browse.to_json(ctx.filters), "results": [
            {"type": r.type, "title": r.title, "snippet": r.snippet, "url": r.url, "path": browse.to_json(r.path),
             "plan": r.plan, "plan_id": r.plan_id,
             "plan_status": r.plan_status, "plan_status_label": r.plan_status_label, "plan_status_word": r.plan_status_word,
             "plan_revisions": browse.to_json(r.plan_revisions)} for r in ctx.results],
                "fiscal_year": browse.to_json(ctx.fiscal_year)}  # a year the query named: its published evaluations

    @app.get("/api/v1/compare", tags=["plans"], summary="Two plans side by side")
    def api_compare(a: int | None = None, b: int | None = None) -> dict[str, Any]:
        return browse.to_json(browse.compare(engine, a, b))

    return app


def indicator_svg(ind: browse.IndicatorView, lang: str) -> str:
    """The chart of one indicator: actuals, the path from baseline to target, the target line."""
    return charts.plan_indicator_chart(ind, chart_id=f"chart-{ind.id}", lang=lang)


def highlight(text: str, query: str, marks: tuple[str, ...] = ()) -> Markup:
    """``text`` escaped, with every term of ``query`` (and every way ``marks`` it may be written) wrapped in <mark>."""
    terms = [re.escape(t) for t in sorted({*query.split(), *marks}, key=len, reverse=True) if t]
    if not terms:
        return Markup.escape(text)
    out, last = [], 0
    for m in re.finditer("|".join(terms), text, flags=re.IGNORECASE):
        out += [Markup.escape(text[last:m.start()]), Markup("<mark>"), Markup.escape(m.group(0)), Markup("</mark>")]
        last = m.end()
    out.append(Markup.escape(text[last:]))
    return Markup("").join(out)


def format_number(value: float | int | None) -> str:
    """The ``num`` filter: the one formatter's figure, or — for none."""
    return formatting.number(value) or "—"


def format_rate(value: float | None) -> str:
    """The ``rate`` filter: one decimal and %, or — for none."""
    return "—" if value is None else f"{formatting.rate(value)}%"


def app_from_settings() -> FastAPI:
    """The application for `keikaku serve` and uvicorn's --factory: the configured database."""
    from keikaku.settings import get_settings
    from keikaku.storage import migrate
    from keikaku.storage.database import make_engine

    settings = get_settings()
    engine = make_engine(settings.resolved_database_url())
    migrate.ensure_current(engine)
    browse.PLAN_CACHE.max_bytes = settings.cache_bytes
    return create_app(engine, cache_bytes=settings.cache_bytes)
