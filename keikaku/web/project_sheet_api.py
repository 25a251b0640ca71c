"""The project evaluation sheets' JSON API (``/api/v1/cycles/{id}/projects/{project_id}``), with
the cycle API's tokens, errors and rules (keikaku.web.cycle_api): the same services and
permission checks as the staff pages; a read-only token only reads. Described in docs/api.md.
"""


from typing import Annotated, Any

from fastapi import APIRouter, Depends
from fastapi.security import HTTPAuthorizationCredentials
from sqlalchemy import Engine

from keikaku.services import project_sheets
from keikaku.services.api_tokens import TokenUser, token_user
from keikaku.services.project_sheets import IndicatorPick
from keikaku.web.cycle_api import ERRORS, WRITE_ERRORS, answer, bearer
from keikaku.web.cycle_api_schemas import SheetReview, SheetStep
from keikaku.web.project_sheet_schemas import MeasureProjectsOut, ProjectSheetOut, ProjectSheetSave, ScaleIn, ScaleOut


def router(engine: Engine) -> APIRouter:
    r = APIRouter(prefix="/api/v1/cycles", tags=["project evaluation"])

    def caller(credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> TokenUser:
        return token_user(engine, credentials.credentials if credentials else None)

    Caller = Annotated[TokenUser, Depends(caller)]

    def writer(who: TokenUser) -> Any:
        who.require_write()
        return who.user

    @r.get("/{cycle_id}/projects/{project_id}", response_model=ProjectSheetOut, responses=ERRORS,
           summary="A project's evaluation sheet (事務事業評価シート) with its indicators, costs and version")
    def get_sheet(who: Caller, cycle_id: int, project_id: int) -> Any:
        return answer(lambda: project_sheets.project_sheet(engine, user=who.user, cycle_id=cycle_id,
                                                           project_id=project_id).to_json())

    @r.put("/{cycle_id}/projects/{project_id}", response_model=ProjectSheetOut, responses=WRITE_ERRORS,
           summary="Save a draft or returned project sheet (send the version read)")
    def put_sheet(who: Caller, cycle_id: int, project_id: int, body: ProjectSheetSave) -> Any:
        picks = None if body.indicators is None else [IndicatorPick(i.indicator, i.role, i.planned) for i in body.indicators]
        return answer(lambda: project_sheets.save_project_sheet(
            engine, user=writer(who), cycle_id=cycle_id, project_id=project_id, version=body.version, subject=body.subject,
            intent=body.intent, means=body.means, viewpoints=body.viewpoints, direction=body.direction, summary=body.summary,
            indicators=picks).to_json())

    @r.post("/{cycle_id}/projects/{project_id}/submit", response_model=ProjectSheetOut, responses=WRITE_ERRORS,
            summary="Hand the project sheet in for review (purpose, the four viewpoints and the direction filled in)")
    def submit(who: Caller, cycle_id: int, project_id: int, body: SheetStep) -> Any:
        return answer(lambda: project_sheets.submit_project_sheet(engine, user=writer(who), cycle_id=cycle_id,
                                                                  project_id=project_id, version=body.version).to_json())

    @r.post("/{cycle_id}/projects/{project_id}/approve", response_model=ProjectSheetOut, responses=WRITE_ERRORS,
            summary="Approve a submitted project sheet: it is locked and published")
    def approve(who: Caller, cycle_id: int, project_id: int, body: SheetReview) -> Any:
        return answer(lambda: project_sheets.review_project_sheet(engine, user=writer(who), cycle_id=cycle_id,
                                                                  project_id=project_id, version=body.version, approve=True,
                                                                  comment=body.comment).to_json())

    @r.post("/{cycle_id}/projects/{project_id}/return", response_model=ProjectSheetOut, responses=WRITE_ERRORS,
            summary="Return a submitted project sheet with a comment (required)")
    def return_sheet(who: Caller, cycle_id: int, project_id: int, body: SheetReview) -> Any:
        return answer(lambda: project_sheets.review_project_sheet(engine, user=writer(who), cycle_id=cycle_id,
                                                                  project_id=project_id, version=body.version, approve=False,
                                                                  comment=body.comment).to_json())

    @r.get("/{cycle_id}/nodes/{node_id}/projects", response_model=MeasureProjectsOut, responses=ERRORS,
           summary="A measure's projects with their sheets' state and costs, and the measure's sums")
    def measure(who: Caller, cycle_id: int, node_id: int) -> Any:
        return answer(lambda: project_sheets.measure_projects(engine, user=who.user, cycle_id=cycle_id,
                                                              node_id=node_id).to_json())

    @r.put("/{cycle_id}/viewpoint-scale", response_model=ScaleOut, responses=WRITE_ERRORS,
           summary="Set the cycle's grades of the four viewpoints, best first (admins)")
    def scale(who: Caller, cycle_id: int, body: ScaleIn) -> Any:
        return answer(lambda: {"cycle_id": cycle_id, "grades": list(project_sheets.set_viewpoint_scale(
            engine, user=writer(who), cycle_id=cycle_id, grades=body.grades))})

    return r
