"""The published evaluations: a plan's years, a year's measures and roll-ups, a measure's evaluation of a year.

| page | URL | JSON twin |
| --- | --- | --- |
| the years with approved evaluations | ``/plans/{id}/evaluations`` | ``/api/v1/plans/{id}/evaluations`` |
| every measure's approved evaluation of the year, roll-ups per policy and plan | ``/plans/{id}/evaluations/{year}`` | ``/api/v1/plans/{id}/evaluations/{year}`` |
| one measure's approved evaluation of the year | ``/nodes/{id}/evaluations/{year}`` | ``/api/v1/nodes/{id}/evaluations/{year}`` |
| (on the measure page) the latest evaluation and the history | ``/nodes/{id}`` | ``/api/v1/nodes/{id}/evaluations`` |

Only approved sheets are ever read (``keikaku.services.evaluations``). Each page and its twin are
built from the same context.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import Engine

from keikaku.domain.errors import NotFoundError
from keikaku.domain.fiscal import fiscal_year_ja
from keikaku.services import evaluations as service
from keikaku.web.api_schemas import (
    EvaluationNodeYearOut,
    EvaluationPlanYearOut,
    EvaluationPlanYearsOut,
    NodeEvaluationsOut,
)
from keikaku.web.i18n import translator

MAX_ID = 2**31 - 1  # ids are 32-bit integers on every backend


def _id(value: int) -> int:
    if not 0 < value <= MAX_ID:
        raise NotFoundError(f"no such id {value}")
    return value


def _lang(request: Request) -> str:
    """The page's language, as the site chooses it (``?lang=``, then the cookie)."""
    return "en" if (request.query_params.get("lang") or request.cookies.get("lang")) == "en" else "ja"


def _title(request: Request, key: str, year: int) -> str:
    lang = _lang(request)
    return translator(lang)(key).format(year=f"FY{year}" if lang == "en" else fiscal_year_ja(year))


def router(engine: Engine, render: Callable[..., HTMLResponse]) -> APIRouter:
    r = APIRouter()

    # --- pages ----------------------------------------------------------------------------
    @r.get("/plans/{plan_id}/evaluations", response_class=HTMLResponse, include_in_schema=False)
    def years_page(request: Request, plan_id: int) -> HTMLResponse:
        ctx = service.plan_evaluation_years(engine, _id(plan_id))
        return render(request, "evaluation_years.html", ctx, title=f"{ctx.plan.title}: {translator(_lang(request))('evaluations')}")

    @r.get("/plans/{plan_id}/evaluations/{year}", response_class=HTMLResponse, include_in_schema=False)
    def year_page(request: Request, plan_id: int, year: int) -> HTMLResponse:
        ctx = service.plan_evaluation_year(engine, _id(plan_id), year)
        return render(request, "evaluation_year.html", ctx, title=f"{ctx.plan.title}: {_title(request, 'evaluations_of_year', year)}")

    @r.get("/nodes/{node_id}/evaluations/{year}", response_class=HTMLResponse, include_in_schema=False)
    def node_year_page(request: Request, node_id: int, year: int) -> HTMLResponse:
        ctx = service.node_evaluation(engine, _id(node_id), year)
        return render(request, "evaluation_node.html", ctx, title=f"{ctx.node.label}: {_title(request, 'evaluation_of_year', year)}")

    # --- the JSON twins -------------------------------------------------------------------
    @r.get("/api/v1/plans/{plan_id}/evaluations", tags=["evaluations"], response_model=EvaluationPlanYearsOut,
           summary="The fiscal years of a plan with published (approved) measure evaluations")
    def api_years(plan_id: int) -> EvaluationPlanYearsOut:
        return EvaluationPlanYearsOut.model_validate(service.to_json(service.plan_evaluation_years(engine, _id(plan_id))))

    @r.get("/api/v1/plans/{plan_id}/evaluations/{year}", tags=["evaluations"], response_model=EvaluationPlanYearOut,
           summary="Every measure's published evaluation of a fiscal year, and the indicator roll-ups per policy and plan")
    def api_year(plan_id: int, year: int) -> EvaluationPlanYearOut:
        return EvaluationPlanYearOut.model_validate(service.to_json(service.plan_evaluation_year(engine, _id(plan_id), year)))

    @r.get("/api/v1/nodes/{node_id}/evaluations", tags=["evaluations"], response_model=NodeEvaluationsOut,
           summary="A measure's latest published evaluation and its grades and directions by year")
    def api_node(node_id: int) -> NodeEvaluationsOut:
        return NodeEvaluationsOut.model_validate(service.to_json(service.node_evaluations(engine, _id(node_id))))

    @r.get("/api/v1/nodes/{node_id}/evaluations/{year}", tags=["evaluations"], response_model=EvaluationNodeYearOut,
           summary="A measure's published evaluation of a fiscal year")
    def api_node_year(node_id: int, year: int) -> EvaluationNodeYearOut:
        return EvaluationNodeYearOut.model_validate(service.to_json(service.node_evaluation(engine, _id(node_id), year)))

    return r
