"""API tokens and the evaluation cycle's JSON API (``/api/v1/cycles``): the same services and
permissions as the staff pages, with 401, 403, 404, 409 and 422 as JSON error bodies."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from cycle_helpers import WAITING, World, audit_count, fast_hashing, indicator_id, make_world, node_id, observation
from keikaku.domain.permissions import PermissionDenied
from keikaku.services import accounts, api_tokens, cycle
from keikaku.storage import models as m
from keikaku.storage.database import transaction
from keikaku.web.app import create_app

BASE = "/api/v1/cycles"


@pytest.fixture
def world(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> World:
    fast_hashing(monkeypatch)
    return make_world(engine)


@pytest.fixture
def client(engine: Engine) -> TestClient:
    return TestClient(create_app(engine), raise_server_exceptions=False)


def bearer(engine: Engine, user: str, *, read_only: bool = False) -> dict[str, str]:
    return {"Authorization": f"Bearer {api_tokens.create_token(engine, user=user, read_only=read_only).token}"}


def test_tokens_are_stored_hashed_and_named_by_prefix(world: World) -> None:
    made = api_tokens.create_token(world.engine, user="hoiku", name="集計")
    assert made.token.startswith("kk_") and len(made.token) == 46 and made.info.prefix == made.token[:11]
    with transaction(world.engine) as s:
        row = s.scalar(select(m.ApiToken))
        assert (row.token_hash, row.prefix, row.read_only, row.name) == (
            api_tokens.token_hash(made.token), made.token[:11], False, "集計")
        assert made.token not in (row.token_hash, row.prefix)
    who = api_tokens.token_user(world.engine, made.token)
    assert (who.user.name, who.user.role, who.user.department_names, who.read_only) == ("hoiku", "editor", ("保育課",), False)
    listed = api_tokens.list_tokens(world.engine, user="hoiku")
    assert [(k.id, k.scope) for k in listed] == [(made.info.id, "read_write")] and listed[0].last_used_at is not None
    with pytest.raises(api_tokens.InvalidToken):
        api_tokens.token_user(world.engine, made.token[:-1] + ("A" if made.token[-1] != "A" else "B"))
    with pytest.raises(api_tokens.InvalidToken):
        api_tokens.token_user(world.engine, None)


def test_who_may_manage_tokens(world: World) -> None:
    mine = api_tokens.create_token(world.engine, user="hoiku", actor=world.hoiku)
    assert mine.info.created_by == "hoiku"
    by_admin = api_tokens.create_token(world.engine, user="hoiku", actor=world.admin, read_only=True)
    assert (by_admin.info.created_by, by_admin.info.scope) == ("kikaku", "read")
    with pytest.raises(PermissionDenied, match="gomi \\(editor\\) may not manage_users on the API tokens of hoiku"):
        api_tokens.create_token(world.engine, user="hoiku", actor=world.gomi)
    with pytest.raises(PermissionDenied):
        api_tokens.list_tokens(world.engine, user="hoiku", actor=world.reviewer)
    with pytest.raises(PermissionDenied):
        api_tokens.revoke_token(world.engine, user="hoiku", token=mine.info.prefix, actor=world.gomi)
    assert api_tokens.revoke_token(world.engine, user="hoiku", token=str(mine.info.id), actor=world.admin).revoked_at
    with pytest.raises(api_tokens.InvalidToken):
        api_tokens.token_user(world.engine, mine.token)
    with pytest.raises(api_tokens.TokenError, match="name the token"):
        api_tokens.revoke_token(world.engine, user="hoiku", token=" ")


def test_a_token_follows_its_user(world: World) -> None:
    made = api_tokens.create_token(world.engine, user="hoiku")
    with transaction(world.engine) as s:
        s.get(m.User, world.hoiku.id).active = False
    with pytest.raises(api_tokens.InvalidToken):
        api_tokens.token_user(world.engine, made.token)
    with transaction(world.engine) as s:
        s.get(m.User, world.hoiku.id).active = True
        s.get(m.User, world.hoiku.id).role = "viewer"
    assert api_tokens.token_user(world.engine, made.token).user.role == "viewer"


def test_last_use_is_written_once_a_minute(world: World) -> None:
    made = api_tokens.create_token(world.engine, user="hoiku")
    first = api_tokens.token_user(world.engine, made.token)
    used = api_tokens.list_tokens(world.engine, user="hoiku")[0].last_used_at
    assert used is not None
    api_tokens.token_user(world.engine, made.token, now=used + timedelta(seconds=30))
    assert api_tokens.list_tokens(world.engine, user="hoiku")[0].last_used_at == used
    api_tokens.token_user(world.engine, made.token, now=used + timedelta(seconds=61))
    assert api_tokens.list_tokens(world.engine, user="hoiku")[0].last_used_at == used + timedelta(seconds=61)
    assert first.token_id == made.info.id


def test_missing_unknown_and_revoked_tokens_are_401(world: World, client: TestClient) -> None:
    made = api_tokens.create_token(world.engine, user="hoiku")
    url = f"{BASE}/{world.cycle.id}/sheets"
    for headers in ({}, {"Authorization": "Bearer kk_unknown"}, {"Authorization": "Basic aG9pa3U6eA=="},
                    {"Authorization": f"Bearer {made.token}x"}):
        r = client.get(url, headers=headers)
        assert (r.status_code, r.json()["error"], r.headers["www-authenticate"]) == (401, "invalid_token", 'Bearer realm="keikaku"')
    assert client.get(url, headers={"Authorization": f"Bearer {made.token}"}).status_code == 200
    api_tokens.revoke_token(world.engine, user="hoiku", token=made.info.prefix)
    r = client.get(url, headers={"Authorization": f"Bearer {made.token}"})
    assert (r.status_code, r.json()) == (401, {"error": "invalid_token", "detail": "the API token is unknown or revoked"})
    r = client.put(f"{url}/1", headers={"Authorization": "Bearer kk_x"}, json={"version": "not a number"})
    assert r.status_code == 401  # the token is checked before the body


def test_read_the_cycle(world: World, client: TestClient) -> None:
    viewer = bearer(world.engine, "etsuran")
    cycles = client.get(BASE, headers=viewer)
    assert cycles.status_code == 200
    assert cycles.json() == {"cycles": [{
        "id": world.cycle.id, "plan": {"id": world.plan_id, "key": "990019:comprehensive-2", "title": "かえで市第2次総合計画（架空の例）"},
        "year": 2025, "deadline": "2026-06-30", "scale": "abcd", "status": "open", "opened_by": "kikaku",
        "opened_at": world.cycle.to_json()["opened_at"]}]}
    assert client.get(BASE, params={"plan": "990019:comprehensive-2"}, headers=viewer).json() == cycles.json()
    assert client.get(BASE, params={"plan": "nope"}, headers=viewer).status_code == 404
    hoiku = bearer(world.engine, "hoiku")
    sheets = client.get(f"{BASE}/{world.cycle.id}/sheets", headers=hoiku).json()
    assert sheets["cycle"]["id"] == world.cycle.id and len(sheets["sheets"]) == 12
    m1 = node_id(world.engine, "m1")
    assert sheets["sheets"][0] == {"node_id": m1, "plan_wide": False, "node_label": "施策 1 子育て支援の充実", "departments": ["子育て支援課", "保育課"],
                                   "status": "draft", "version": 0, "editable": True}
    assert not any(s["editable"] for s in client.get(f"{BASE}/{world.cycle.id}/sheets", headers=viewer).json()["sheets"])
    one = client.get(f"{BASE}/{world.cycle.id}/sheets/{m1}", headers=hoiku).json()
    assert one == cycle.sheet(world.engine, user=world.hoiku, cycle_id=world.cycle.id, node_id=m1).to_json()
    assert one["allowed_actions"] == ["edit_sheet", "submit_sheet", "enter_actual", "record_progress"]
    assert client.get(f"{BASE}/999/sheets", headers=hoiku).status_code == 404
    r = client.get(f"{BASE}/{world.cycle.id}/sheets/999999", headers=hoiku)
    assert (r.status_code, r.json()["error"]) == (404, "NotFoundError")
    top = node_id(world.engine, "g1")
    r = client.get(f"{BASE}/{world.cycle.id}/sheets/{top}", headers=hoiku)
    assert (r.status_code, r.json()["code"], r.json()["field"]) == (422, "not_a_measure", "node")


def test_write_a_sheet_through_its_whole_cycle(world: World, client: TestClient) -> None:
    hoiku, reviewer = bearer(world.engine, "hoiku"), bearer(world.engine, "shinsa")
    url = f"{BASE}/{world.cycle.id}/sheets/{node_id(world.engine, 'm1')}"
    body = {"version": 0, "self_grade": "B", "reasons": "待機児童が減った。", "issues": None, "next_direction": "継続"}
    saved = client.put(url, headers=hoiku, json=body)
    assert saved.status_code == 200
    assert {k: saved.json()["sheet"][k] for k in ("status", "version", "self_grade", "updated_by")} == {
        "status": "draft", "version": 1, "self_grade": "B", "updated_by": "hoiku"}
    conflict = client.put(url, headers=hoiku, json=body | {"self_grade": "A"})
    assert conflict.status_code == 409
    assert conflict.json() == {
        "error": "SheetConflict", "current_version": 1, "current_status": "draft",
        "detail": "the sheet of 施策 1 子育て支援の充実 was changed by hoiku since you read it (your version 0, now 1); "
                  "nothing was saved: compare and save again",
        "attempted": {"self_grade": "A", "reasons": "待機児童が減った。", "issues": None, "next_direction": "継続"}}
    bad = client.put(url, headers=hoiku, json=body | {"version": 1, "self_grade": "E"})
    assert (bad.status_code, bad.json()["error"], bad.json()["code"], bad.json()["field"]) == (
        422, "ValidationFailed", "bad_grade", "self_grade")
    assert client.put(url, headers=hoiku, json={"version": 1, "colour": "red"}).status_code == 422  # unknown field
    denied = client.put(url, headers=bearer(world.engine, "gomi"), json=body | {"version": 1})
    assert (denied.status_code, denied.json()["error"]) == (403, "PermissionDenied")
    assert denied.json()["detail"].startswith("gomi (editor) may edit_sheet only for their own departments")
    read_only = client.put(url, headers=bearer(world.engine, "hoiku", read_only=True), json=body | {"version": 1})
    assert (read_only.status_code, read_only.json()) == (403, {"error": "PermissionDenied", "detail": "this API token of hoiku is read-only"})
    early = client.post(f"{url}/approve", headers=reviewer, json={"version": 1})
    assert (early.status_code, early.json()["error"], early.json()["current_status"]) == (409, "SheetStateError", "draft")
    submitted = client.post(f"{url}/submit", headers=hoiku, json={"version": 1})
    assert (submitted.status_code, submitted.json()["sheet"]["status"], submitted.json()["sheet"]["version"]) == (200, "submitted", 2)
    assert client.post(f"{url}/approve", headers=hoiku, json={"version": 2}).status_code == 403
    no_comment = client.post(f"{url}/return", headers=reviewer, json={"version": 2})
    assert (no_comment.status_code, no_comment.json()["code"]) == (422, "missing")
    returned = client.post(f"{url}/return", headers=reviewer, json={"version": 2, "comment": "根拠を"})
    assert (returned.json()["sheet"]["status"], returned.json()["sheet"]["review_comment"]) == ("returned", "根拠を")
    assert client.post(f"{url}/submit", headers=hoiku, json={"version": 3}).status_code == 200
    stale = client.post(f"{url}/approve", headers=reviewer, json={"version": 3})
    assert (stale.status_code, stale.json()["error"], stale.json()["current_version"]) == (409, "SheetConflict", 4)
    approved = client.post(f"{url}/approve", headers=reviewer, json={"version": 4})
    assert (approved.status_code, approved.json()["sheet"]["status"], approved.json()["sheet"]["approved_by"]) == (200, "approved", "shinsa")
    locked = client.put(url, headers=hoiku, json=body | {"version": 5})
    assert (locked.status_code, locked.json()["error"]) == (409, "SheetLocked")


def test_enter_actuals(world: World, client: TestClient) -> None:
    url = f"{BASE}/{world.cycle.id}/actuals"
    hoiku = bearer(world.engine, "hoiku")
    before = audit_count(world.engine)
    r = client.post(url, headers=hoiku, json={"actuals": [{"indicator": WAITING, "value": "3"}]})
    assert r.status_code == 200
    assert [(a["indicator"]["name"], a["year"], a["value"], a["status"], a["entered_by"], a["outcome"]) for a in r.json()["actuals"]] == [
        (WAITING, 2025, 3, "draft", "hoiku", "created")]
    assert observation(world.engine, WAITING, 2025).status == "draft" and audit_count(world.engine) == before + 1
    again = client.post(url, headers=hoiku, json={"actuals": [{"indicator": indicator_id(world.engine, WAITING), "value": 2}]})
    assert again.json()["actuals"][0]["outcome"] == "updated"
    other = client.post(url, headers=hoiku, json={"actuals": [{"indicator": "資源化率", "value": 30}]})
    assert (other.status_code, other.json()["error"]) == (403, "PermissionDenied")
    bad = client.post(url, headers=hoiku, json={"actuals": [{"indicator": WAITING, "value": "abc"}, {"indicator": "nope", "value": 1}]})
    assert (bad.status_code, bad.json()["code"]) == (422, "invalid_values")
    assert "not a number: 'abc'" in bad.json()["detail"] and "no indicator 'nope'" in bad.json()["detail"]
    assert observation(world.engine, WAITING, 2025).value == 2  # nothing of the bad request was saved
    assert client.post(url, headers=hoiku, json={"actuals": []}).status_code == 422
    read_only = client.post(url, headers=bearer(world.engine, "hoiku", read_only=True), json={"actuals": [{"indicator": WAITING, "value": 1}]})
    assert read_only.status_code == 403
    assert client.post(f"{BASE}/999/actuals", headers=hoiku, json={"actuals": [{"indicator": WAITING, "value": 1}]}).status_code == 404
    cycle.close_cycle(world.engine, user=world.admin, cycle_id=world.cycle.id)
    closed = client.post(url, headers=hoiku, json={"actuals": [{"indicator": WAITING, "value": 1}]})
    assert (closed.status_code, closed.json()["code"]) == (422, "invalid_values")
    assert "closed" in closed.json()["detail"]


def test_openapi_describes_the_api(client: TestClient) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    assert spec["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    paths = {p: spec["paths"][p] for p in spec["paths"] if p.startswith(BASE)}
    projects = [f"{BASE}/{{cycle_id}}/nodes/{{node_id}}/projects", f"{BASE}/{{cycle_id}}/projects/{{project_id}}",
                f"{BASE}/{{cycle_id}}/projects/{{project_id}}/approve", f"{BASE}/{{cycle_id}}/projects/{{project_id}}/return",
                f"{BASE}/{{cycle_id}}/projects/{{project_id}}/submit"]  # project evaluation sheets (tests/test_project_sheets.py)
    assert sorted(paths) == sorted([BASE, f"{BASE}/{{cycle_id}}/actuals", f"{BASE}/{{cycle_id}}/sheets",
                                    f"{BASE}/{{cycle_id}}/sheets/{{node_id}}", f"{BASE}/{{cycle_id}}/sheets/{{node_id}}/approve",
                                    f"{BASE}/{{cycle_id}}/sheets/{{node_id}}/return", f"{BASE}/{{cycle_id}}/sheets/{{node_id}}/submit",
                                    *projects, f"{BASE}/{{cycle_id}}/viewpoint-scale"])
    put = paths[f"{BASE}/{{cycle_id}}/sheets/{{node_id}}"]["put"]
    assert put["security"] == [{"HTTPBearer": []}]
    assert put["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith("/SheetSave")
    assert put["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith("/SheetOut")
    assert put["responses"]["409"]["content"]["application/json"]["schema"]["$ref"].endswith("/ConflictOut")
    assert {"401", "403", "404", "409", "422"} <= set(put["responses"])


def test_a_signed_in_session_is_not_a_token(world: World, client: TestClient) -> None:
    token, _csrf = accounts.start_session(world.engine, user_id=world.hoiku.id)
    client.cookies.set("keikaku_session", token)
    assert client.get(BASE).status_code == 401
