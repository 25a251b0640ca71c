"""Money beside results on the public plan and measure pages (keikaku.services.cost_views).

| URL | what |
| --- | --- |
| section on ``/plans/{id}`` and ``/nodes/{id}`` | cost per year by funding source, cost per unit over time (measures), projects ranked by cost and by direction, the financial frame compared |
| ``/api/v1/plans/{id}/costs``, ``/api/v1/nodes/{id}/costs`` | the section's JSON twin (``MoneyOut``) |
| ``/plans/{id}/costs.csv``, ``/nodes/{id}/costs.csv`` | every project-year of it, in yen |

Everything is for the public: costs per unit from published actuals only. A plan (or a measure)
without money recorded has no section, and its JSON and CSV answer 404.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.responses import Response
from sqlalchemy import Engine

from keikaku.domain.errors import NotFoundError
from keikaku.services import charts, cost_views, formatting
from keikaku.services.public_downloads import CSV_TYPE, safe_filename
from keikaku.services.readmodel import Audience
from keikaku.web.cost_schemas import MoneyOut
from keikaku.web.downloads import content_disposition
from keikaku.web.i18n import translator


def _view(engine: Engine, kind: str, ref: int) -> cost_views.MoneyView | None:
    if kind == "plan":
        return cost_views.plan_money(engine, ref, audience=Audience.PUBLIC)
    return cost_views.node_money(engine, ref, audience=Audience.PUBLIC)


def _found(engine: Engine, kind: str, ref: int) -> cost_views.MoneyView:
    view = _view(engine, kind, ref)
    if view is None:
        raise NotFoundError(f"no money recorded for {kind} {ref}")
    return view


def used_parts(view: cost_views.MoneyView, lang: str) -> list[tuple[str, str]]:
    """(key, label) of the parts any year of ``view`` has, bottom to top."""
    return [(k, cost_views.part_label(k, lang)) for k in cost_views.PARTS
            if any(dict(y.parts)[k] for y in view.years)]


def years_svg(view: cost_views.MoneyView, lang: str) -> str:
    t = translator(lang)
    years = [(y.year, [(k, cost_views.part_label(k, lang), v) for k, v in y.parts]) for y in view.years]
    return charts.money_bars(chart_id=f"cost-years-{view.scope}", title=t("cost_per_year"), years=years, lang=lang)


def unit_cost_title(series: cost_views.UnitCostSeries, lang: str) -> str:
    t = translator(lang)
    return t("cost_per_unit_of").format(indicator=series.indicator, unit=series.unit or t("cost_unit_one"))


def unit_cost_svg(series: cost_views.UnitCostSeries, lang: str) -> str:
    t = translator(lang)
    return charts.unit_cost_chart(chart_id=f"cost-unit-{series.indicator_id}", title=unit_cost_title(series, lang),
                                  points=[(p.year, p.value) for p in series.points], lang=lang,
                                  provisional={p.year: t(f"cost_basis_{p.basis}") for p in series.points
                                               if p.basis and not p.settled})


def yen_prose(amount: int | None, lang: str = "ja") -> str:
    """An amount in a sentence: 2億3,480万円 in Japanese, exact yen (¥234,801,500) in English."""
    if amount is None:
        return "—"
    return f"¥{formatting.number(amount)}" if lang == "en" else formatting.yen_words(amount)


def register(app: FastAPI, engine: Engine, templates: Any) -> None:
    """The template helpers of the money section, and its JSON and CSV routes."""
    env = templates.env
    env.globals["money_view"] = lambda kind, ref: _view(engine, kind, ref)
    env.globals["money_parts"] = used_parts
    env.globals["money_years_svg"] = years_svg
    env.globals["unit_cost_svg"] = unit_cost_svg
    env.globals["unit_cost_title"] = unit_cost_title
    env.filters["kyen"] = lambda amount: formatting.thousand_yen(amount) or "—"  # a 千円 table's figure
    env.filters["yen_words"] = yen_prose  # an amount in prose
    env.filters["unit_cost"] = lambda value: formatting.unit_cost(value) or "—"
    app.include_router(router(engine))


def router(engine: Engine) -> APIRouter:
    r = APIRouter()

    @r.get("/api/v1/plans/{plan_id}/costs", tags=["plans"], response_model=MoneyOut,
           summary="A plan's project money by year: funding, full cost, projects ranked, the financial frame")
    def api_plan_costs(plan_id: int) -> MoneyOut:
        return MoneyOut.model_validate(_found(engine, "plan", plan_id).to_json())

    @r.get("/api/v1/nodes/{node_id}/costs", tags=["nodes"], response_model=MoneyOut,
           summary="A measure's project money by year, with its cost per unit of each indicator")
    def api_node_costs(node_id: int) -> MoneyOut:
        return MoneyOut.model_validate(_found(engine, "node", node_id).to_json())

    def csv(kind: str, ref: int) -> Response:
        view = _found(engine, kind, ref)
        stem = f"{view.plan_title if view.node is None else view.node.label}_事業費"
        return Response(cost_views.money_csv(engine, view), media_type=CSV_TYPE, headers={
            "Content-Disposition": content_disposition(f"{safe_filename(stem)}.csv", f"keikaku-{kind}-{ref}-costs.csv")})

    @r.get("/plans/{plan_id}/costs.csv", include_in_schema=False)
    def plan_costs_csv(plan_id: int) -> Response:
        return csv("plan", plan_id)

    @r.get("/nodes/{node_id}/costs.csv", include_in_schema=False)
    def node_costs_csv(node_id: int) -> Response:
        return csv("node", node_id)

    return r
