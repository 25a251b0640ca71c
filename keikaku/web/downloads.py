"""Downloads and the data catalogue of the public site (published actuals only).

| URL | what |
| --- | --- |
| ``/plans/{id}/data.csv``, ``/nodes/{id}/data.csv``, ``/indicators/{id}/data.csv`` | open-data CSV of the plan, of a node (and the nodes under it), of an indicator |
| ``/plans/{id}/report.xlsx``, ``/plans/{id}/report.pdf`` | the year's evaluation sheets and report |
| ``/plans/{id}/plan.json`` | the plan file (``keikaku load`` reads it) |
| ``/plans/{id}/opensdg.zip`` | the indicators in the Open SDG data format |
| ``/catalog.jsonld``, ``/api/v1/catalog`` | DCAT catalogue of all of them, in JSON-LD |

Each takes ``?year=`` (default: the year the pages show). A file is sent as an attachment named in
Japanese (RFC 5987 ``filename*``) with an ASCII name beside it for older clients; built files are
kept, per version of their plan, in a cache bounded in bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy import Engine

from keikaku.cache import DEFAULT_MAX_BYTES, ByteLru
from keikaku.domain.errors import NotFoundError
from keikaku.domain.fiscal import FIRST_YEAR, LAST_YEAR
from keikaku.services import browse, opendata_catalog
from keikaku.services import public_downloads as dl
from keikaku.web.catalog_schemas import CatalogOut

Year = Annotated[int | None, Query(ge=FIRST_YEAR, le=LAST_YEAR, description="fiscal year (default: the latest with a published actual)")]
JSON_LD = "application/ld+json"


class JsonLdResponse(JSONResponse):
    """JSON sent as JSON-LD: the media type the catalogue's OpenAPI entry names."""

    media_type = JSON_LD


def content_disposition(filename: str, ascii_filename: str) -> str:
    """``attachment`` with the ASCII name and the UTF-8 name (RFC 6266 / RFC 5987)."""
    fallback = ascii_filename.replace("\\", "_").replace('"', "_")
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def _weigh(key: tuple, value: dl.Download) -> int:
    return len(value.body) + len(value.filename) * 4 + 200


def router(engine: Engine, cache_bytes: int = DEFAULT_MAX_BYTES) -> APIRouter:
    r = APIRouter()
    built: ByteLru[tuple, dl.Download] = ByteLru(cache_bytes, weigh=_weigh)

    def send(kind: str, ref: int, what: str, year: int | None, build: Callable[[], dl.Download]) -> Response:
        version = browse.version_of(engine, kind, ref)
        if version is None:
            raise NotFoundError(f"no {kind} {ref}")
        key = (kind, ref, what, year, version)
        download = built.get(key)
        if download is None:
            download = build()
            built.put(key, download)
        return Response(download.body, media_type=download.media_type,
                        headers={"Content-Disposition": content_disposition(download.filename, download.ascii_filename)})

    @r.get("/plans/{plan_id}/data.csv", include_in_schema=False)
    def plan_csv(plan_id: int, year: Year = None) -> Response:
        return send("plan", plan_id, "csv", year, lambda: dl.plan_csv(engine, plan_id, year))

    @r.get("/nodes/{node_id}/data.csv", include_in_schema=False)
    def node_csv(node_id: int, year: Year = None) -> Response:
        return send("node", node_id, "csv", year, lambda: dl.node_csv(engine, node_id, year))

    @r.get("/indicators/{indicator_id}/data.csv", include_in_schema=False)
    def indicator_csv(indicator_id: int, year: Year = None) -> Response:
        return send("indicator", indicator_id, "csv", year, lambda: dl.indicator_csv(engine, indicator_id, year))

    @r.get("/plans/{plan_id}/report.xlsx", include_in_schema=False)
    def plan_xlsx(plan_id: int, year: Year = None) -> Response:
        return send("plan", plan_id, "xlsx", year, lambda: dl.plan_xlsx(engine, plan_id, year))

    @r.get("/plans/{plan_id}/report.pdf", include_in_schema=False)
    def plan_pdf(plan_id: int, year: Year = None) -> Response:
        return send("plan", plan_id, "pdf", year, lambda: dl.plan_pdf(engine, plan_id, year))

    @r.get("/plans/{plan_id}/plan.json", include_in_schema=False)
    def plan_json(plan_id: int, year: Year = None) -> Response:
        return send("plan", plan_id, "json", year, lambda: dl.plan_json(engine, plan_id, year))

    @r.get("/plans/{plan_id}/opensdg.zip", include_in_schema=False)
    def plan_opensdg(plan_id: int, year: Year = None) -> Response:
        return send("plan", plan_id, "opensdg", year, lambda: dl.plan_opensdg(engine, plan_id, year))

    def catalog(request: Request) -> JSONResponse:
        return JSONResponse(opendata_catalog.catalog(engine, str(request.base_url)), media_type=JSON_LD)

    @r.get("/catalog.jsonld", include_in_schema=False)
    def catalog_file(request: Request) -> JSONResponse:
        return catalog(request)

    @r.get("/api/v1/catalog", tags=["open data"], summary="DCAT catalogue (JSON-LD) of every plan's downloads",
           response_model=CatalogOut, response_class=JsonLdResponse)
    def catalog_api(request: Request) -> JSONResponse:
        return catalog(request)

    return r
