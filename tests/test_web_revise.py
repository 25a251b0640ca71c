"""The staff pages that re-import a corrected document: upload → preview → correct in place or store a revision."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from cycle_helpers import PASSWORD, fast_hashing
from keikaku.services import accounts, audit
from keikaku.storage import models as m
from keikaku.storage.database import transaction
from keikaku.web import revise as revise_pages
from keikaku.web.app import create_app
from revise_helpers import (
    ACTUAL, INDICATOR, NEW_TITLE, OLD_TITLE, SEED, actual_of, corrected, ids, store_seed, without_measure_20_indicator,
)


@pytest.fixture(autouse=True)
def _setup(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fast_hashing(monkeypatch)
    monkeypatch.setattr(revise_pages.tempfile, "gettempdir", lambda: str(tmp_path))


def sign_in(engine: Engine, name: str) -> tuple[TestClient, str]:
    c = TestClient(create_app(engine), base_url="https://testserver", follow_redirects=False)
    token = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/login").text).group(1)
    assert c.post("/login", data={"name": name, "password": PASSWORD, "csrf_token": token}).status_code == 303
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/staff").text).group(1)
    return c, csrf


def upload(c: TestClient, csrf: str, plan_id: int, text: str):  # noqa: ANN201
    return c.post(f"/staff/plans/{plan_id}/revise", data={"csrf_token": csrf},
                  files={"file": (SEED, text.encode("utf-8"), "text/plain")})


def token_of(page: str) -> str:
    return re.search(r'/revise/([A-Za-z0-9_-]+)/apply"', page).group(1)


def test_upload_previews_then_corrects_in_place(engine: Engine, seeds: Path) -> None:
    stored = store_seed(engine, seeds)
    before = ids(engine, stored.plan_id)
    c, csrf = sign_in(engine, "kikaku")
    assert "/staff/revise" in c.get("/staff").text
    assert f"/staff/plans/{stored.plan_id}/revise" in c.get("/staff/revise").text
    assert 'type="file"' in c.get(f"/staff/plans/{stored.plan_id}/revise").text
    r = upload(c, csrf, stored.plan_id, corrected((seeds / SEED).read_text(encoding="utf-8")))
    assert r.status_code == 200, r.text
    page = r.text
    assert "追加 (0)" in page and "削除 (0)" in page and "変更 (2)" in page
    assert f"<td>title</td><td>{OLD_TITLE}</td><td>{NEW_TITLE}</td>" in page
    assert "<td>target.value</td><td>100</td><td>120</td>" in page
    with transaction(engine) as s:  # nothing written yet
        assert s.scalar(select(m.Node.title).where(m.Node.id == stored.node_id)) == OLD_TITLE
    token = token_of(page)
    # another session, a forged form or a made-up token get nothing
    other = accounts.create_user(engine, name="kikaku2", role="admin", password=PASSWORD)
    c2, csrf2 = sign_in(engine, other.name)
    assert c2.post(f"/staff/plans/{stored.plan_id}/revise/{token}/apply", data={"csrf_token": csrf2}).status_code == 404
    assert c.post(f"/staff/plans/{stored.plan_id}/revise/{token}/apply", data={"csrf_token": "x"}).status_code == 403
    assert c.post(f"/staff/plans/{stored.plan_id}/revise/../../etc/apply", data={"csrf_token": csrf}).status_code == 404
    r = c.post(f"/staff/plans/{stored.plan_id}/revise/{token}/apply", data={"csrf_token": csrf})
    assert (r.status_code, r.headers["location"]) == (303, f"/staff/plans/{stored.plan_id}/revise?done=corrected")
    assert ids(engine, stored.plan_id) == before
    assert actual_of(engine, stored.indicator_id) == (ACTUAL, "draft")
    with transaction(engine) as s:
        assert s.scalar(select(m.Node.title).where(m.Node.id == stored.node_id)) == NEW_TITLE
    assert [(e.action, e.user) for e in audit.list_changes(engine, object="plan_correction")] == [("correct", "kikaku")]
    assert "この計画を修正しました" in c.get(r.headers["location"]).text
    # the token is spent
    assert c.post(f"/staff/plans/{stored.plan_id}/revise/{token}/apply", data={"csrf_token": csrf}).status_code == 404
    assert NEW_TITLE in c.get(f"/nodes/{stored.node_id}").text


def test_orphaning_needs_the_box_ticked(engine: Engine, seeds: Path) -> None:
    stored = store_seed(engine, seeds)
    c, csrf = sign_in(engine, "kikaku")
    page = upload(c, csrf, stored.plan_id, without_measure_20_indicator((seeds / SEED).read_text(encoding="utf-8"))).text
    assert "削除 (1)" in page and INDICATOR in page and "入力済みの実績値 1" in page
    token = token_of(page)
    r = c.post(f"/staff/plans/{stored.plan_id}/revise/{token}/apply", data={"csrf_token": csrf})
    assert r.status_code == 409 and "入力済みのデータが失われます。よければ確認の欄にチェックしてから、もう一度「この計画を修正」を押してください。" in r.text
    assert actual_of(engine, stored.indicator_id) == (ACTUAL, "draft")
    r = c.post(f"/staff/plans/{stored.plan_id}/revise/{token}/apply", data={"csrf_token": csrf, "confirm": "yes"})
    assert r.status_code == 303
    assert actual_of(engine, stored.indicator_id) is None
    assert [e.action for e in audit.list_changes(engine, object="plan_correction")] == ["orphan"]


def test_store_as_a_new_revision(engine: Engine, seeds: Path) -> None:
    stored = store_seed(engine, seeds)
    c, csrf = sign_in(engine, "kikaku")
    token = token_of(upload(c, csrf, stored.plan_id, corrected((seeds / SEED).read_text(encoding="utf-8"))).text)
    r = c.post(f"/staff/plans/{stored.plan_id}/revise/{token}/revision", data={"csrf_token": csrf})
    assert r.status_code == 303
    new_id = int(re.search(r"new=(\d+)", r.headers["location"]).group(1))
    with transaction(engine) as s:
        assert s.scalar(select(func.count()).select_from(m.Plan)) == 2
        assert s.get(m.Plan, new_id).revision_of_key == s.get(m.Plan, stored.plan_id).key
        assert s.scalar(select(m.Node.title).where(m.Node.id == stored.node_id)) == OLD_TITLE
    assert f'href="/plans/{new_id}"' in c.get(r.headers["location"]).text


def test_only_admins_and_only_signed_in(engine: Engine, seeds: Path) -> None:
    stored = store_seed(engine, seeds)
    accounts.create_user(engine, name="shinsa", role="reviewer", password=PASSWORD)
    anonymous = TestClient(create_app(engine), base_url="https://testserver", follow_redirects=False)
    assert anonymous.get(f"/staff/plans/{stored.plan_id}/revise").headers["location"] == "/login"
    c, csrf = sign_in(engine, "shinsa")
    assert c.get(f"/staff/plans/{stored.plan_id}/revise").status_code == 403
    assert upload(c, csrf, stored.plan_id, "x").status_code == 403
    assert "/staff/revise" not in c.get("/staff").text
