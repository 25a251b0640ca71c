"""The evaluation cycle's JSON API (``/api/v1/cycles/…``) for scripts and other systems.

Every request carries a user's API token (``Authorization: Bearer kk_…``; ``keikaku token
create``). The token acts as its user, with the user's role and departments, through the same
services and permission checks (keikaku.domain.permissions) as the staff pages; a read-only
token only reads. Errors are JSON ``{"error", "detail"}``: 401 for a missing, unknown or revoked
token; 403 not allowed (or a read-only token asked to change something); 404 unknown cycle or
node; 409 a version conflict or a sheet in the wrong state (with ``current_version`` and
``current_status``); 422 invalid input (with ``code`` and ``field``). Described in docs/api.md.
"""


from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Path, Query, Request
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Engine

from keikaku.domain.errors import NotFoundError
from keikaku.domain.permissions import Action, PermissionDenied, require
from keikaku.services import cycle
from keikaku.services.api_tokens import InvalidToken, TokenUser, token_user
from keikaku.web.cycle_api_schemas import (
    ActualsIn,
    ActualsOut,
    ConflictOut,
    CycleListOut,
    ErrorOut,
    SheetListOut,
    SheetOut,
    SheetReview,
    SheetSave,
    SheetStep,
)

bearer = HTTPBearer(auto_error=False, description="A user's API token (keikaku token create): Authorization: Bearer kk_…")
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorOut, "description": "No token, or an unknown or revoked one"},
    403: {"model": ErrorOut, "description": "Not allowed, or a read-only token asked to change something"},
    404: {"model": ErrorOut, "description": "No such cycle or node"},
}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    409: {"model": ConflictOut, "description": "The sheet changed since it was read, or is in the wrong state"},
    422: {"model": ErrorOut, "description": "Invalid input (code, field)"},
}


def _error(status: int, name: str, exc: Exception, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": name, "detail": str(exc), **extra}, status_code=status)


def answer(call: Callable[[], Any]) -> Any:
    """The call's answer, or its named error as a JSON error body."""
    try:
        return call()
    except PermissionDenied as exc:
        return _error(403, "PermissionDenied", exc)
    except cycle.SheetConflict as exc:
        return _error(409, "SheetConflict", exc, current_version=exc.current.version, current_status=exc.current.status,
                      attempted=exc.attempted)
    except cycle.SheetStateError as exc:
        current = exc.current
        return _error(409, type(exc).__name__, exc, current_version=current.version if current else None,
                      current_status=current.status if current else None)
    except cycle.ValidationFailed as exc:
        return _error(422, "ValidationFailed", exc, code=exc.code, field=exc.field)
    except NotFoundError as exc:
        return _error(404, "NotFoundError", exc)


NodeRef = Annotated[str, Path(pattern=r"^(plan|[0-9]{1,18})$", description="A node's id, or `plan` for the plan-wide sheet")]


def node_of(ref: str) -> int | None:
    """The node id a path names; None for ``plan``, the plan-wide sheet."""
    return None if ref == cycle.PLAN_WIDE_KEY else int(ref)


def router(engine: Engine) -> APIRouter:
    r = APIRouter(prefix="/api/v1/cycles", tags=["evaluation cycle"])

    def caller(credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> TokenUser:
        return token_user(engine, credentials.credentials if credentials else None)

    Caller = Annotated[TokenUser, Depends(caller)]

    def writer(who: TokenUser) -> Any:
        who.require_write()
        return who.user

    @r.get("", response_model=CycleListOut, responses=ERRORS, summary="Evaluation cycles, newest year first")
    def list_cycles(who: Caller, plan: Annotated[str | None, Query(max_length=300, description="A plan's id or key")] = None) -> Any:
        def run() -> Any:
            require(who.user, Action.VIEW_DRAFTS)
            return {"cycles": [c.to_json() for c in cycle.list_cycles(engine, plan=plan)]}

        return answer(run)

    @r.get("/{cycle_id}/sheets", response_model=SheetListOut, responses=ERRORS,
           summary="Every measure of the cycle with the state of its sheet, in plan order (the plan-wide sheet first)")
    def list_sheets(who: Caller, cycle_id: int) -> Any:
        def run() -> Any:
            require(who.user, Action.VIEW_DRAFTS)
            return {"cycle": cycle.get_cycle(engine, cycle_id).to_json(),
                    "sheets": [s.to_json() for s in cycle.list_sheets(engine, cycle_id=cycle_id, user=who.user)]}

        return answer(run)

    @r.get("/{cycle_id}/sheets/{node_id}", response_model=SheetOut, responses=ERRORS,
           summary="A measure's evaluation sheet (`plan`: the plan-wide sheet), with its indicators, projects and version")
    def get_sheet(who: Caller, cycle_id: int, node_id: NodeRef) -> Any:
        return answer(lambda: cycle.sheet(engine, user=who.user, cycle_id=cycle_id, node_id=node_of(node_id)).to_json())

    @r.put("/{cycle_id}/sheets/{node_id}", response_model=SheetOut, responses=WRITE_ERRORS,
           summary="Save the written part of a draft or returned sheet (send the version read)")
    def put_sheet(who: Caller, cycle_id: int, node_id: NodeRef, body: SheetSave) -> Any:
        return answer(lambda: cycle.save_sheet(
            engine, user=writer(who), cycle_id=cycle_id, node_id=node_of(node_id), version=body.version, self_grade=body.self_grade,
            reasons=body.reasons, issues=body.issues, next_direction=body.next_direction).to_json())

    @r.post("/{cycle_id}/sheets/{node_id}/submit", response_model=SheetOut, responses=WRITE_ERRORS,
            summary="Hand the sheet in for review (it needs a self grade, reasons and a next direction)")
    def submit(who: Caller, cycle_id: int, node_id: NodeRef, body: SheetStep) -> Any:
        return answer(lambda: cycle.submit_sheet(engine, user=writer(who), cycle_id=cycle_id, node_id=node_of(node_id),
                                                 version=body.version).to_json())

    @r.post("/{cycle_id}/sheets/{node_id}/approve", response_model=SheetOut, responses=WRITE_ERRORS,
            summary="Approve a submitted sheet: it is locked and its measure's actuals are published")
    def approve(who: Caller, cycle_id: int, node_id: NodeRef, body: SheetReview) -> Any:
        return answer(lambda: cycle.review_sheet(engine, user=writer(who), cycle_id=cycle_id, node_id=node_of(node_id),
                                                 version=body.version, approve=True, comment=body.comment).to_json())

    @r.post("/{cycle_id}/sheets/{node_id}/return", response_model=SheetOut, responses=WRITE_ERRORS,
            summary="Return a submitted sheet with a comment (required); it becomes editable again")
    def return_sheet(who: Caller, cycle_id: int, node_id: NodeRef, body: SheetReview) -> Any:
        return answer(lambda: cycle.review_sheet(engine, user=writer(who), cycle_id=cycle_id, node_id=node_of(node_id),
                                                 version=body.version, approve=False, comment=body.comment).to_json())

    @r.post("/{cycle_id}/actuals", response_model=ActualsOut, responses=WRITE_ERRORS,
            summary="Enter actuals of the cycle year as drafts, all or none")
    def actuals(who: Caller, cycle_id: int, body: ActualsIn) -> Any:
        def run() -> Any:
            acting = writer(who)
            c = cycle.get_cycle(engine, cycle_id)
            saved = cycle.enter_actuals(engine, user=acting, plan=c.plan_id, year=c.year,
                                        values=[(a.indicator, a.value) for a in body.actuals],
                                        samples={a.indicator: (a.sample_size, a.margin_of_error) for a in body.actuals
                                                 if a.sample_size is not None or a.margin_of_error is not None})
            return {"cycle": c.to_json(), "actuals": [a.to_json() for a in saved]}

        return answer(run)

    return r


def register(app: FastAPI, engine: Engine) -> None:
    """Add the routes, and answer a missing, unknown or revoked token with 401 and a JSON body."""
    app.include_router(router(engine))

    async def invalid_token(request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"error": "invalid_token", "detail": str(exc)}, status_code=401,
                            headers={"WWW-Authenticate": 'Bearer realm="keikaku"'})

    app.add_exception_handler(InvalidToken, invalid_token)
