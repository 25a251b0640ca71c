"""The import review through HTTP: upload → reading → review → corrections → store, admin only, nothing stored before."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from cycle_helpers import fast_hashing, make_world
from docmaker import make_docx
from keikaku.services.plans import dump_plan
from keikaku.services.review_staging import StagingStore, owner_of
from keikaku.storage import models as m
from keikaku.storage.database import transaction
from test_web_staff import sign_in

TITLE = "かえで市第3次総合計画 基本計画"


def document(path: Path) -> bytes:
    make_docx([
        TITLE,
        "政策 1 安心して子育てできるまち",
        "施策 1 子育て支援の充実",
        "成果指標",
        [["指標名", "現状値（令和元年度）", "目標値（令和7年度）"], ["待機児童数", "24人", "0人"],
         ["子育て講座の満足度", "72.5%", "80%"], ["参考：出生数", "500人", "－"]],
        "施策 2 学校教育の充実",
        "成果指標",
        [["指標名", "現状値（令和元年度）", "目標値（令和7年度）"], ["学校が楽しいと答えた児童の割合", "85%", "90%"]],
    ], [], path)
    return path.read_bytes()


@pytest.fixture
def world(engine: Engine, monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    fast_hashing(monkeypatch)
    monkeypatch.setenv("KEIKAKU_DATA_DIR", str(tmp_path / "data"))
    return make_world(engine, open_cycle=False)


def plan_count(engine: Engine) -> int:
    with transaction(engine) as s:
        return s.scalar(select(func.count()).select_from(m.Plan))


def upload(c: TestClient, csrf: str, content: bytes, name: str = "keikaku.docx", municipality: str = "990019") -> str:
    r = c.post("/staff/review", data={"csrf_token": csrf, "municipality": municipality},
               files={"file": (name, content, "application/octet-stream")})
    assert r.status_code == 303, r.text
    token = r.headers["location"].removeprefix("/staff/review/")
    assert re.fullmatch(r"[A-Za-z0-9_-]{32}", token)
    return token


def version_of(html: str) -> str:
    return re.search(r'name="version" value="(\d+)"', html).group(1)


def test_upload_review_correct_and_store(world, tmp_path: Path) -> None:
    engine = world.engine
    before = plan_count(engine)
    c, csrf = sign_in(engine, "kikaku")
    form = c.get("/staff/review")
    assert form.status_code == 200 and 'enctype="multipart/form-data"' in form.text and '<label for="file">' in form.text
    token = upload(c, csrf, document(tmp_path / "plan.docx"))
    status = c.get(f"/staff/review/{token}/status").json()  # the test client ran the reading before answering
    assert status == {"state": "ready", "error": None, "version": 0}
    page = c.get(f"/staff/review/{token}")
    assert page.status_code == 200
    html = page.text
    # the source, with an anchor per line, and the figures linking to it
    assert '<tr id="src-6"><th scope="row">6</th><td class="where">t1r2</td><td class="text">待機児童数 | 24人 | 0人</td></tr>' in html
    assert '<a href="#src-6" class="origin">t1r2c3</a>' in html  # 待機児童数's target
    assert '<a href="#src-2" class="origin">line 2</a>' in html  # 政策 1
    assert "<caption>読み取った件数</caption>" in html and "政策 1、施策 2" in html
    assert plan_count(engine) == before  # nothing stored by reading

    def post(path: str, **data: str) -> str:
        r = c.post(f"/staff/review/{token}/{path}", data={"csrf_token": csrf, "version": version_of(c.get(f"/staff/review/{token}").text), **data})
        assert r.status_code == 303, r.text
        return r.headers["location"]

    assert post("indicator", indicator="0", name="待機児童数", unit="人", direction="decrease", baseline_value="24",
                baseline_year="2019", baseline_text="24人", target_value="5", target_year="2026", target_text="") == \
        f"/staff/review/{token}?msg=corrected#i0"
    post("drop", indicator="2")  # 参考：出生数 is not an indicator
    post("node", node="1.2", title="学校教育の推進", number="2", level="施策", departments="学校教育課、教育総務課", sdgs="4, 10")
    moved = post("move", node="1.2", parent="", position="1")  # 施策 2 to the top, first
    assert moved == f"/staff/review/{token}?msg=corrected#n0"
    html = c.get(moved).text
    assert "修正を反映しました" in html and 'value="5"' in html
    assert plan_count(engine) == before  # corrections are not stored either

    r = c.post(f"/staff/review/{token}/store", data={"csrf_token": csrf, "version": version_of(html)})
    assert r.status_code == 303 and r.headers["location"].startswith("/plans/"), r.text
    assert plan_count(engine) == before + 1
    plan_id = int(r.headers["location"].removeprefix("/plans/"))
    doc = dump_plan(engine, plan_id)
    assert doc.title == "かえで市第3次総合計画基本計画" and doc.municipality == "かえで市"
    assert [(n.id, n.parent, n.level, n.number, n.title, n.departments, n.sdgs) for n in doc.nodes] == [
        ("1.2", None, "施策", "2", "学校教育の推進", ["学校教育課", "教育総務課"], [4, 10]),
        ("1", None, "政策", "1", "安心して子育てできるまち", [], []),
        ("1.1", "1", "施策", "1", "子育て支援の充実", [], []),
    ]
    assert [(i.name, i.baseline.value, i.baseline.year, i.target.value, i.target.year, i.target.text, i.target.origin)
            for i in doc.indicators] == [
        ("待機児童数", 24, 2019, 5, 2026, None, "t1r2c3"),
        ("子育て講座の満足度", 72.5, 2019, 80, 2025, "80%", "t1r3c3"),
        ("学校が楽しいと答えた児童の割合", 85, 2019, 90, 2025, "90%", "t2r2c3"),
    ]
    assert c.get(f"/staff/review/{token}").status_code == 404  # the staged copy is gone once stored
    assert c.get(f"/plans/{plan_id}").status_code == 200


def test_refused_corrections_change_nothing(world, tmp_path: Path) -> None:
    c, csrf = sign_in(world.engine, "kikaku")
    token = upload(c, csrf, document(tmp_path / "plan.docx"))
    v = version_of(c.get(f"/staff/review/{token}").text)
    cases = [
        ("move", {"node": "1", "parent": "1.1"}, "項目を自分自身やその下位の項目の下には移せません。別の移動先を選んでください。"),
        ("node", {"node": "1", "title": "", "level": "政策"}, "「名称」を入力してください。"),
        ("node", {"node": "1", "title": "x", "level": "政策", "sdgs": "18"},
         "SDGs の目標は 1〜17 の番号で、「3, 4」のように区切って入力してください。"),
        ("indicator", {"indicator": "0", "name": "子育て講座の満足度"}, "同じ項目の下に同じ名前の指標がすでにあります。別の名前にしてください。"),
        ("indicator", {"indicator": "0", "name": "待機児童数", "target_value": "abc"},
         "「目標値」は数値で入力してください（例: 12.5、1,200）。"),
        ("indicator", {"indicator": "9", "name": "x"}, "その指標は読み取り結果にありません。ページを再読み込みして、もう一度操作してください。"),
    ]
    for path, data, message in cases:
        r = c.post(f"/staff/review/{token}/{path}", data={"csrf_token": csrf, "version": v, **data})
        assert r.status_code == 422 and f'<p class="error" role="alert" id="form-problem">{message}</p>' in r.text, \
            (path, data, r.text[-3000:])
    assert version_of(c.get(f"/staff/review/{token}").text) == v == "0"
    stale = c.post(f"/staff/review/{token}/drop", data={"csrf_token": csrf, "version": "7", "indicator": "0"})
    assert stale.status_code == 409
    store = c.post(f"/staff/review/{token}/store", data={"csrf_token": csrf, "version": "3"})
    assert store.status_code == 409
    assert c.post(f"/staff/review/{token}/drop", data={"version": v, "indicator": "0"}).status_code == 403  # no CSRF token


def test_only_the_uploading_session_sees_a_review(world, tmp_path: Path) -> None:
    engine = world.engine
    admin, csrf = sign_in(engine, "kikaku")
    token = upload(admin, csrf, document(tmp_path / "plan.docx"))
    other_admin, other_csrf = sign_in(engine, "kikaku")  # the same user in another browser
    assert other_admin.get(f"/staff/review/{token}").status_code == 404
    assert other_admin.get(f"/staff/review/{token}/status").status_code == 404
    r = other_admin.post(f"/staff/review/{token}/store", data={"csrf_token": other_csrf, "version": "0"})
    assert r.status_code == 404
    viewer, viewer_csrf = sign_in(engine, "shinsa")
    assert viewer.get("/staff/review").status_code == 403
    assert viewer.get(f"/staff/review/{token}").status_code == 403
    assert viewer.post(f"/staff/review/{token}/store", data={"csrf_token": viewer_csrf, "version": "0"}).status_code == 403
    assert admin.get("/staff/review/..%2F..%2Fetc").status_code == 404
    assert plan_count(engine) == 1  # only かえで市's plan
    anonymous = TestClient(admin.app, follow_redirects=False)
    assert anonymous.get(f"/staff/review/{token}").headers["location"] == "/login"


def test_a_document_that_cannot_be_read(world) -> None:
    c, csrf = sign_in(world.engine, "kikaku")
    token = upload(c, csrf, b"PK\x03\x04 not really a workbook", name="broken.xlsx")
    page = c.get(f"/staff/review/{token}")
    assert page.status_code == 422 and "計画書を<wbr>読み取れませんでした" in page.text
    assert c.get(f"/staff/review/{token}/status").json()["state"] == "failed"
    r = c.post("/staff/review", data={"csrf_token": csrf}, files={"file": ("plan.exe", b"MZ", "application/octet-stream")})
    assert r.status_code == 400 and "この形式のファイルは読み取れません。" in r.text


def test_storing_a_plan_of_another_municipality_is_refused_and_kept(world, tmp_path: Path) -> None:
    c, csrf = sign_in(world.engine, "kikaku")
    token = upload(c, csrf, document(tmp_path / "plan.docx"), municipality="011002")  # 札幌市, not かえで市
    r = c.post(f"/staff/review/{token}/store", data={"csrf_token": csrf, "version": "0"})
    assert r.status_code == 422 and "計画書の自治体を確かめられないため、何も登録していません。" in r.text
    assert plan_count(world.engine) == 1
    assert c.get(f"/staff/review/{token}").status_code == 200  # still there to correct


def test_staging_store_expiry_bounds_and_owners(tmp_path: Path) -> None:
    now = [1000.0]
    store = StagingStore(tmp_path, ttl=100, max_entries=3, per_owner=2, max_bytes=10, clock=lambda: now[0])
    a, b = owner_of("session-a"), owner_of("session-b")
    t1 = store.create(a, filename="../../x.txt", content=b"hello")
    assert store.get(t1, a).filename == "x.txt" and store.get(t1, a).state == "reading"
    with pytest.raises(Exception, match="no such review"):
        store.get(t1, b)
    now[0] += 1
    t2 = store.create(a, filename="y.txt", content=b"1")
    now[0] += 1
    t3 = store.create(a, filename="z.txt", content=b"2")  # a third for one session: its oldest goes
    assert [s.token for s in store.list(a)] == [t3, t2]
    store.create(b, filename="w.txt", content=b"3")
    with pytest.raises(Exception, match="too many documents"):
        store.create(b, filename="v.txt", content=b"4")
    with pytest.raises(Exception, match="larger than"):
        store.create(b, filename="big.txt", content=b"x" * 11)
    now[0] += 101
    with pytest.raises(Exception, match="no such review"):
        store.get(t3, a)
    assert store.sweep() == 3 and list(tmp_path.iterdir()) == []
