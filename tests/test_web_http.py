"""HEAD is answered wherever GET is; signed-in pages are never cached."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from cycle_helpers import World, fast_hashing, make_world
from keikaku.web.app import create_app
from test_web_staff import sign_in


@pytest.fixture
def world(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> World:
    fast_hashing(monkeypatch)
    return make_world(engine)


def test_head_answers_like_get_without_a_body(world: World) -> None:
    site = TestClient(create_app(world.engine), raise_server_exceptions=False)
    for url in ("/", f"/plans/{world.plan_id}", "/api/v1/plans", "/login"):
        got, head = site.get(url), site.head(url)
        assert (head.status_code, head.content) == (200, b""), url
        assert head.headers["content-type"] == got.headers["content-type"]
    assert site.head("/plans/999999").status_code == 404


def test_staff_and_sign_in_pages_are_not_stored_public_pages_may_be(world: World) -> None:
    c, _ = sign_in(world.engine, "kikaku")
    for url in ("/staff", f"/staff/cycles/{world.cycle.id}", "/login"):  # type: ignore[union-attr]
        assert c.get(url).headers["cache-control"] == "no-store", url
    assert "no-store" not in c.get(f"/plans/{world.plan_id}").headers.get("cache-control", "")
