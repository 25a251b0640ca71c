"""Search finds what people type: 子供/子ども/こども, 障害/障がい, full-/half-width and katakana/hiragana
find each other (folded when indexed and when queried), filters narrow the results, and each result
shows where it sits in its plan."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from keikaku.domain.planfile import parse_plan_document
from keikaku.domain.textfold import fold, surface_forms
from keikaku.services import browse
from keikaku.services.plans import load_plan
from keikaku.web.app import create_app


def plan(code: str, name: str, key: str, title: str, period: tuple[int, int], nodes: list[dict[str, Any]],
         indicators: list[dict[str, Any]] = (), projects: list[dict[str, Any]] = ()) -> Any:  # type: ignore[assignment]
    return parse_plan_document({
        "format": "keikaku-plan/1", "key": key, "municipality": name, "municipality_code": code, "title": title,
        "kind": "basic_plan", "period": {"start": period[0], "end": period[1]}, "nodes": nodes,
        "indicators": list(indicators), "projects": list(projects),
    }, key)


@pytest.fixture
def site(engine: Engine) -> TestClient:
    load_plan(engine, plan("990019", "かえで市", "990019:variants", "かえで市検索試験計画（架空）", (2021, 2025), [
        {"id": "g1", "level": "基本目標", "number": "1", "title": "未来をひらくまち"},
        {"id": "p1", "parent": "g1", "level": "政策", "number": "1", "title": "こども・子育て"},
        {"id": "m1", "parent": "p1", "level": "施策", "number": "1", "title": "こどもの居場所づくり"},
        {"id": "m2", "parent": "p1", "level": "施策", "number": "2", "title": "障がいのある人の就労支援"},
        {"id": "m3", "parent": "p1", "level": "施策", "number": "3", "title": "ＩＣＴ教育とタブレット端末"},
    ], indicators=[
        {"node": "m1", "name": "子ども食堂の数", "unit": "か所", "direction": "increase",
         "baseline": {"value": 3, "year": 2020}, "target": {"value": 10, "year": 2025}},
    ], projects=[{"node": "m1", "name": "子供の学習支援事業"}]))
    load_plan(engine, plan("990027", "もみじ町", "990027:variants", "もみじ町検索試験計画（架空）", (2016, 2020), [
        {"id": "p1", "level": "政策", "number": "1", "title": "障害者福祉"},
        {"id": "m1", "parent": "p1", "level": "施策", "number": "1", "title": "子供の見守り"},
    ]))
    return TestClient(create_app(engine), raise_server_exceptions=False)


def titles(site: TestClient, q: str, **params: str) -> list[str]:
    r = site.get("/api/v1/search", params={"q": q, **params})
    assert r.status_code == 200, r.text
    return sorted(x["title"] for x in r.json()["results"])


CHILD = ["子ども食堂の数", "子供の学習支援事業", "政策 1 こども・子育て", "施策 1 こどもの居場所づくり", "施策 1 子供の見守り"]


def test_fold() -> None:
    assert fold("子供") == fold("子ども") == fold("こども") == fold("コドモ") == fold("ｺﾄﾞﾓ")
    assert fold("障害") == fold("障がい") == fold("障碍")
    assert fold("ＩＣＴ") == fold("ict") and fold("タブレット") == fold("たぶれっと")
    assert {"子供", "子ども", "こども"} <= set(surface_forms("子供"))


@pytest.mark.parametrize("q", ["子供", "子ども", "こども", "コドモ", "ｺﾄﾞﾓ"])
def test_every_way_of_writing_child_finds_the_same_entries(site: TestClient, q: str) -> None:
    assert titles(site, q) == CHILD


@pytest.mark.parametrize("q", ["障害", "障がい", "障碍"])
def test_disability(site: TestClient, q: str) -> None:
    assert titles(site, q) == ["政策 1 障害者福祉", "施策 2 障がいのある人の就労支援"]


@pytest.mark.parametrize("q", ["ICT", "ict", "ＩＣＴ", "たぶれっと", "ﾀﾌﾞﾚｯﾄ"])
def test_width_and_kana(site: TestClient, q: str) -> None:
    assert titles(site, q) == ["施策 3 ＩＣＴ教育とタブレット端末"]


def test_two_words_and_short_words(site: TestClient) -> None:
    assert titles(site, "子供 居場所") == ["施策 1 こどもの居場所づくり"]
    assert titles(site, "障害 就労") == ["施策 2 障がいのある人の就労支援"]


def test_filters(site: TestClient, engine: Engine) -> None:
    assert titles(site, "子供", municipality="990027") == ["施策 1 子供の見守り"]
    assert titles(site, "子供", kind="indicator") == ["子ども食堂の数"]
    assert titles(site, "子供", kind="project") == ["子供の学習支援事業"]
    assert titles(site, "子供", kind="node", municipality="990019") == ["政策 1 こども・子育て", "施策 1 こどもの居場所づくり"]
    assert titles(site, "子供", year="2018") == ["施策 1 子供の見守り"]
    assert titles(site, "子供", year="2023", kind="node") == ["政策 1 こども・子育て", "施策 1 こどもの居場所づくり"]
    plans = {p["title"]: p["id"] for p in site.get("/api/v1/plans").json()["plans"]}
    assert titles(site, "障がい", plan=str(plans["もみじ町検索試験計画（架空）"])) == ["政策 1 障害者福祉"]
    assert titles(site, "子供", year="1999") == []
    assert site.get("/api/v1/search", params={"q": "子供", "kind": "nonsense"}).status_code == 422
    assert site.get("/search", params={"q": "子供", "kind": "nonsense"}).status_code == 400


def test_results_show_their_place_in_the_tree(site: TestClient) -> None:
    results = {r["title"]: r for r in site.get("/api/v1/search", params={"q": "子供"}).json()["results"]}
    path = [c["title"] for c in results["子ども食堂の数"]["path"]]
    assert path == ["かえで市検索試験計画（架空）", "基本目標 1 未来をひらくまち", "政策 1 こども・子育て", "施策 1 こどもの居場所づくり"]
    assert [c["title"] for c in results["施策 1 こどもの居場所づくり"]["path"]] == \
        ["かえで市検索試験計画（架空）", "基本目標 1 未来をひらくまち", "政策 1 こども・子育て"]
    assert [c["title"] for c in results["子供の学習支援事業"]["path"]][-1] == "施策 1 こどもの居場所づくり"
    html = site.get("/search", params={"q": "子供"}).text
    assert 'class="result-path"' in html and "基本目標 1 未来をひらくまち" in html
    assert "<mark>こども</mark>の居場所づくり" in html and "<mark>子ども</mark>食堂" in html


def test_snippet_centres_on_a_variant(engine: Engine, site: TestClient) -> None:
    ctx = browse.search(engine, "子供")
    hit = next(r for r in ctx.results if r.title == "施策 1 こどもの居場所づくり")
    assert "こども" in hit.snippet
