"""Project evaluation sheets (事務事業評価) on the site: the staff page of a project's sheet, the
public page of an approved evaluation, and their JSON twins.

| page | URL | JSON twin |
| --- | --- | --- |
| a project's sheet in a cycle (staff) | ``/staff/cycles/{id}/projects/{project_id}`` | ``/api/v1/cycles/{id}/projects/{project_id}`` (token; keikaku.web.project_sheet_api) |
| a project's approved evaluation of a year | ``/projects/{id}/evaluations/{year}`` | ``/api/v1/projects/{id}/evaluations/{year}`` |
| (on the measure page) its projects' approved evaluations of the latest year | ``/nodes/{id}`` | ``/api/v1/nodes/{id}/project-evaluations`` |

The cycle's board lists every project's sheet (``board_sheets``) and takes the viewpoint scale from
an admin (``POST /staff/cycles/{id}/viewpoint-scale``); the staff home page lists the sheets waiting
for review (keikaku.services.project_sheet_lists).

Rights are decided by the services; this module turns their named errors into pages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Engine

from keikaku.domain.errors import NotFoundError
from keikaku.domain.fiscal import fiscal_year_ja
from keikaku.domain.permissions import Action, can
from keikaku.domain.project_evaluation import MAX_GRADE_CHARS, MAX_GRADES, Viewpoint
from keikaku.services import accounts, cycle, project_evaluations, project_sheet_lists, project_sheets
from keikaku.services.project_sheets import IndicatorPick
from keikaku.web.project_sheet_schemas import NodeProjectEvaluationsOut, ProjectEvaluationOut
from keikaku.web.staff import NotSignedIn, session_of
from keikaku.web.staff_forms import Problem, add_problem_text, csrf_ok, problem, problem_of, t_of

MAX_ID = 2**31 - 1
TEXT_FIELDS = ("subject", "intent", "means", "summary")
INDICATOR_CODES = ("not_an_indicator", "duplicate_indicator", "bad_role", "too_many")


def _id(value: int) -> int:
    if not 0 < value <= MAX_ID:
        raise NotFoundError(f"no such id {value}")
    return value


def sheet_problem(request: Request, exc: Exception) -> Problem:
    """A refused step of the project sheet in words."""
    code, field = getattr(exc, "code", None), getattr(exc, "field", None)
    if isinstance(exc, cycle.SheetConflict):
        return problem("sheet_conflict", key="conflict")
    if code == "missing" and field == "comment":
        return problem("return_comment", "comment", str(exc))
    if code in ("bad_grade", "bad_direction", "bad_planned", "incomplete"):
        return problem(code, field, str(exc), key=f"ps_err_{code}")
    if code in INDICATOR_CODES:
        return problem(code, "indicators", str(exc), key="ps_err_indicators", message=str(exc))
    t = t_of(request)
    label = t(f"ps_{field}") if field in (*TEXT_FIELDS, *(v.value for v in Viewpoint), "direction") else (
        t("review_comment") if field == "comment" else (field or ""))
    return problem_of(exc, label=label, max=project_sheets.sheet_flow.MAX_TEXT)


def scale_problem(exc: Exception) -> Problem:
    """Viewpoint grades refused (on the cycle-open form or the cycle's board), in words naming the rule."""
    values = getattr(exc, "values", {}) or {}
    code = getattr(exc, "code", None) or "bad_scale"
    reason = values.get("reason") if code == "bad_scale" else code
    return problem(code, "viewpoint_grades", str(exc), key=f"ps_err_scale_{reason}", max_grades=MAX_GRADES,
                   max_chars=MAX_GRADE_CHARS, grades=values.get("grades", ""))


def board_sheets(engine: Engine, user: accounts.UserInfo, cycle_id: int) -> project_sheet_lists.CycleProjectSheets:
    """What the cycle's board shows of the project sheets."""
    return project_sheet_lists.cycle_project_sheets(engine, cycle_id=cycle_id, user=user)


def _number(text: str) -> float | None:
    text = text.strip().replace(",", "").translate(str.maketrans("０１２３４５６７８９．－", "0123456789.-"))
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise cycle.ValidationFailed(f"a planned value is a number, not {text[:40]!r}", code="bad_planned",
                                     field="indicators") from None


def picks_of(form: Any) -> list[IndicatorPick]:
    """The indicators chosen in the form: ``role-{id}`` (activity, outcome or empty) and ``planned-{id}``."""
    out = []
    for key, raw in form.items():
        if not key.startswith("role-") or not str(raw):
            continue
        ref = key.removeprefix("role-")
        if not (ref.isascii() and ref.isdigit() and len(ref) <= 18):
            raise cycle.ValidationFailed(f"malformed form field {key[:40]!r}", code="bad_field", field="indicators")
        out.append(IndicatorPick(int(ref), str(raw), _number(str(form.get(f"planned-{ref}", "")))))
    return out


def router(engine: Engine, render: Callable[..., HTMLResponse]) -> APIRouter:
    r = APIRouter()

    def current(request: Request) -> accounts.SessionInfo:
        info = session_of(engine, request)
        if info is None:
            raise NotSignedIn("sign in first")
        return info

    def url(cycle_id: int, project_id: int) -> str:
        return project_sheets.staff_url(cycle_id, project_id)

    def page(request: Request, info: accounts.SessionInfo, cycle_id: int, project_id: int, *, msg: str | None = None,
             status_code: int = 200, **ctx: Any) -> HTMLResponse:
        view = project_sheets.project_sheet(engine, user=info.user, cycle_id=cycle_id, project_id=project_id)
        ctx.update(sheet=view, msg=msg, user=info.user, csrf=info.csrf_token, typed=ctx.get("typed") or {})
        add_problem_text(t_of(request), ctx)
        return render(request, "staff/project_sheet.html", ctx, status_code=status_code, title=view.project_name)

    def back(target: str, message: str) -> RedirectResponse:
        return RedirectResponse(f"{target}?msg={quote(message)}", status_code=303)

    @r.get("/staff/cycles/{cycle_id}/projects/{project_id}", response_class=HTMLResponse, include_in_schema=False)
    def sheet_page(request: Request, cycle_id: int, project_id: int, msg: str | None = None) -> HTMLResponse:
        return page(request, current(request), _id(cycle_id), _id(project_id), msg=msg)

    @r.post("/staff/cycles/{cycle_id}/projects/{project_id}/sheet", include_in_schema=False)
    async def save(request: Request, cycle_id: int, project_id: int) -> Response:
        info = current(request)
        form = await request.form()
        typed = {k: str(v)[:20000] for k, v in form.items() if k != "csrf_token"}
        if not csrf_ok(info.csrf_token, str(form.get("csrf_token", ""))):
            return page(request, info, cycle_id, project_id, error=problem("csrf_kept"), typed=typed, status_code=403)
        action = str(form.get("action", "save"))
        try:
            version = int(str(form.get("version", "")))
        except ValueError:
            return page(request, info, cycle_id, project_id, error=problem("bad_field", "version"), typed=typed, status_code=422)
        try:
            saved = project_sheets.save_project_sheet(
                engine, user=info.user, cycle_id=cycle_id, project_id=project_id, version=version,
                **{f: str(form.get(f, "")) or None for f in ("subject", "intent", "means", "summary")},
                viewpoints={v.value: str(form.get(v.value, "")) or None for v in Viewpoint},
                direction=str(form.get("direction", "")) or None, indicators=picks_of(form))
            if action == "submit":
                project_sheets.submit_project_sheet(engine, user=info.user, cycle_id=cycle_id, project_id=project_id,
                                                    version=saved.version)
        except cycle.SheetConflict as exc:
            return page(request, info, cycle_id, project_id, error=sheet_problem(request, exc), conflict=typed, status_code=409)
        except (cycle.SheetStateError, cycle.ValidationFailed) as exc:
            return page(request, info, cycle_id, project_id, error=sheet_problem(request, exc), typed=typed,
                        status_code=getattr(exc, "http_status", 409))
        return back(url(cycle_id, project_id), "submitted" if action == "submit" else "saved")

    @r.post("/staff/cycles/{cycle_id}/projects/{project_id}/review", include_in_schema=False)
    async def review(request: Request, cycle_id: int, project_id: int) -> Response:
        info = current(request)
        form = await request.form()
        comment, decision = str(form.get("comment", ""))[:20000], str(form.get("decision", ""))
        typed = {"comment": comment}
        if not csrf_ok(info.csrf_token, str(form.get("csrf_token", ""))):
            return page(request, info, cycle_id, project_id, error=problem("csrf_kept"), typed=typed, status_code=403)
        if decision not in ("approve", "return"):
            return page(request, info, cycle_id, project_id, error=problem("bad_decision"), typed=typed, status_code=422)
        if decision == "approve" and form.get("confirm") != "yes" and can(info.user, Action.REVIEW_SHEET):  # publishes, locks
            return page(request, info, cycle_id, project_id, error=problem("confirm_needed", "confirm"), typed=typed,
                        status_code=422)
        try:
            project_sheets.review_project_sheet(engine, user=info.user, cycle_id=cycle_id, project_id=project_id,
                                                version=int(str(form.get("version", "-1")) or -1),
                                                approve=decision == "approve", comment=comment or None)
        except (cycle.SheetConflict, cycle.SheetStateError, cycle.ValidationFailed) as exc:
            return page(request, info, cycle_id, project_id, error=sheet_problem(request, exc), typed=typed,
                        status_code=getattr(exc, "http_status", 409))
        except ValueError:
            return page(request, info, cycle_id, project_id, error=problem("bad_field", "version"), typed=typed, status_code=422)
        return back(url(cycle_id, project_id), "approved" if decision == "approve" else "returned")

    # --- the viewpoint scale, on the cycle's board (admins) -----------------------------------
    def board(request: Request, info: accounts.SessionInfo, cycle_id: int, *, error: Problem, typed: str,
              status_code: int) -> HTMLResponse:
        """The cycle's board again, with the scale form's problem and what was typed in it."""
        c, progress, sheets = cycle.cycle_overview(engine, cycle_id=cycle_id, user=info.user)
        ctx: dict[str, Any] = {"cycle": c, "board": progress, "sheets": sheets, "user": info.user, "csrf": info.csrf_token,
                               "error": error, "scale_typed": typed, "project_sheets": board_sheets(engine, info.user, c.id)}
        add_problem_text(t_of(request), ctx)
        return render(request, "staff/cycle.html", ctx, status_code=status_code, title=f"{c.plan_title} {c.year}年度")

    @r.post("/staff/cycles/{cycle_id}/viewpoint-scale", include_in_schema=False)
    async def viewpoint_scale(request: Request, cycle_id: int) -> Response:
        info = current(request)
        form = await request.form()
        typed = str(form.get("viewpoint_grades", ""))[:200]
        if not csrf_ok(info.csrf_token, str(form.get("csrf_token", ""))):
            return board(request, info, _id(cycle_id), error=problem("csrf_kept"), typed=typed, status_code=403)
        try:
            project_sheets.set_viewpoint_scale(engine, user=info.user, cycle_id=_id(cycle_id), grades=typed)
        except cycle.ValidationFailed as exc:
            return board(request, info, cycle_id, error=scale_problem(exc), typed=typed, status_code=422)
        return RedirectResponse(f"/staff/cycles/{cycle_id}?msg=saved#project-sheets", status_code=303)

    # --- public ---------------------------------------------------------------------------
    def lang_of(request: Request) -> str:
        return "en" if (request.query_params.get("lang") or request.cookies.get("lang")) == "en" else "ja"

    @r.get("/projects/{project_id}/evaluations/{year}", response_class=HTMLResponse, include_in_schema=False)
    def public_page(request: Request, project_id: int, year: int) -> HTMLResponse:
        ctx = project_evaluations.project_evaluation(engine, _id(project_id), year)
        lang = lang_of(request)
        label = t_of(request)("ps_of_year").format(year=f"FY{year}" if lang == "en" else fiscal_year_ja(year))
        return render(request, "project_evaluation.html", ctx, title=f"{ctx.project}: {label}")

    @r.get("/api/v1/projects/{project_id}/evaluations/{year}", tags=["evaluations"], response_model=ProjectEvaluationOut,
           summary="A project's published (approved) evaluation of a fiscal year, with its costs and published actuals")
    def public_json(project_id: int, year: int) -> ProjectEvaluationOut:
        return ProjectEvaluationOut.model_validate(
            project_evaluations.to_json(project_evaluations.project_evaluation(engine, _id(project_id), year)))

    @r.get("/api/v1/nodes/{node_id}/project-evaluations", tags=["evaluations"], response_model=NodeProjectEvaluationsOut,
           summary="The published evaluations of a measure's projects for the latest year that has any, with their full costs")
    def node_json(node_id: int) -> NodeProjectEvaluationsOut:
        return NodeProjectEvaluationsOut.model_validate(
            project_evaluations.to_json(project_evaluations.node_project_evaluations(engine, _id(node_id))))

    return r
