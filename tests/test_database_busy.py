"""A database held by a long write answers 503 with Retry-After, not a 500; the request can simply be repeated.

SQLite lets one writer at a time; a request that waits longer than the busy timeout gives up.
The test holds the write lock from another connection (as a long `keikaku load` would) with a
short busy timeout, so that it runs in a moment on either CI backend.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from cycle_helpers import PASSWORD, WAITING, fast_hashing, indicator_id, make_world, node_id
from keikaku.storage.database import RETRY_AFTER_SECONDS, is_busy, make_engine
from keikaku.storage.migrate import upgrade
from keikaku.web.app import create_app


def test_a_locked_database_answers_503_with_retry_after(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fast_hashing(monkeypatch)
    path = tmp_path / "busy.sqlite3"
    engine = make_engine(f"sqlite:///{path}", busy_timeout_ms=200)
    upgrade(engine)
    world = make_world(engine)
    site = TestClient(create_app(engine), raise_server_exceptions=False, follow_redirects=False)
    token = re.search(r'name="csrf_token" value="([^"]+)"', site.get("/login").text).group(1)
    assert site.post("/login", data={"name": "hoiku", "password": PASSWORD, "csrf_token": token}).status_code == 303
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', site.get("/staff").text).group(1)
    url = f"/staff/cycles/{world.cycle.id}/nodes/{node_id(engine, 'm1')}/actuals"  # type: ignore[union-attr]
    form = {f"value-{indicator_id(engine, WAITING)}": "3", "csrf_token": csrf}

    holder = sqlite3.connect(path, timeout=0)
    holder.execute("BEGIN IMMEDIATE")  # another process's long write
    try:
        busy = site.post(url, data=form)
        api = site.get(f"/api/v1/plans/{world.plan_id}")
    finally:
        holder.rollback()
        holder.close()
    assert (busy.status_code, busy.headers["retry-after"]) == (503, str(RETRY_AFTER_SECONDS))
    assert api.status_code == 200  # readers are not held up by a writer (WAL)
    assert site.post(url, data=form).status_code == 303  # the same request, repeated, goes through
    engine.dispose()


def test_is_busy() -> None:
    class Locked(Exception):
        orig = sqlite3.OperationalError("database is locked")

    class Broken(Exception):
        orig = sqlite3.OperationalError("no such table: plans")

    assert is_busy(Locked()) and not is_busy(Broken())
