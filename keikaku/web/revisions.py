"""The diff page of two revisions of a plan (a draft beside its final text) and its JSON twin."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import Engine

from keikaku.services.revisions import diff_plans


def register(app: FastAPI, engine: Engine, render: Callable[..., HTMLResponse]) -> None:
    """Add ``/plans/{a}/diff/{b}`` (plan A the earlier text, on the left) and ``/api/v1/plans/{a}/diff/{b}``."""

    @app.get("/plans/{a_id}/diff/{b_id}", response_class=HTMLResponse, include_in_schema=False)
    def diff_page(request: Request, a_id: int, b_id: int) -> HTMLResponse:
        ctx = diff_plans(engine, a_id, b_id)
        return render(request, "diff.html", ctx, title=f"{ctx.a.title} ⇄ {ctx.b.title}")

    @app.get("/api/v1/plans/{a_id}/diff/{b_id}", tags=["plans"],
             summary="Two revisions of a plan aligned: node pairs (same, reworded, moved), removed and added nodes, indicator figures")
    def api_diff(a_id: int, b_id: int) -> dict[str, Any]:
        return diff_plans(engine, a_id, b_id).to_json()
