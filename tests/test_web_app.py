"""The site in-process: pages, their JSON twins, search, errors and security headers."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from keikaku.domain.planfile import parse_plan_document
from keikaku.services import browse
from keikaku.services.importing import import_file
from keikaku.services.plans import example_files, load_plan, load_plan_file
from keikaku.storage import models as m
from keikaku.storage.database import transaction
from keikaku.web.app import create_app


@pytest.fixture
def site(engine: Engine, seeds: Path) -> TestClient:
    for f in example_files():
        load_plan_file(engine, f)
    import_file(engine, next(seeds.glob("002_*.txt")))
    return TestClient(create_app(engine), raise_server_exceptions=False)


def node_id(engine: Engine, number: str, title: str) -> int:
    with transaction(engine) as s:
        return s.scalar(select(m.Node.id).where(m.Node.number == number, m.Node.title == title))


def test_home_lists_municipalities_and_plans(site: TestClient) -> None:
    r = site.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    html = r.text.replace("<wbr>", "")  # headings carry <wbr> between words
    assert '<html lang="ja">' in html
    assert "小金井市" in html and "かえで市" in html and "架空の市（デモ用）" in html
    assert html.count('href="/plans/') == 3


def test_measure_25_page_shows_figures_and_a_chart(site: TestClient, engine: Engine) -> None:
    nid = node_id(engine, "25", "防犯体制の強化")
    html = site.get(f"/nodes/{nid}").text.replace("<wbr>", "")  # headings carry <wbr> between words
    assert "施策</span> <span class=\"number\">25</span> 防犯体制の強化" in html
    assert "1,070件" in html and "999件" in html
    assert 'class="chart indicator-chart"' in html and "<title" in html
    assert "平成26年度 (2014)" in html and "平成32年度 (2020)" not in html  # 平成32 is printed as 令和2
    assert "令和2年度 (2020)" in html
    assert "こがねいし安全・安心あいさつ運動の充実" in html and "防犯意識の向上" in html


def test_node_json_twin(site: TestClient, engine: Engine) -> None:
    nid = node_id(engine, "25", "防犯体制の強化")
    data = site.get(f"/api/v1/nodes/{nid}").json()
    assert (data["id"], data["level"], data["number"], data["title"], data["url"]) == (nid, "施策", "25", "防犯体制の強化", f"/nodes/{nid}")
    ind = data["indicators"][0]
    assert (ind["name"], ind["baseline"]["value"], ind["target"]["value"], ind["direction"]) == ("刑法犯の認知件数", 1070, 999, "decrease")
    assert ind["url"] == f"/indicators/{ind['id']}" and ind["actuals"] == []
    assert data["projects"][0]["schedule"] == {str(y): "充実" for y in range(2016, 2021)}
    assert data == browse.to_json(browse.node_page(engine, nid))


def test_plans_api(site: TestClient) -> None:
    data = site.get("/api/v1/plans").json()
    assert [(p["title"], p["kind"], p["municipality"]) for p in data["plans"]] == [
        ("小金井市基本計画", "basic_plan", {"code": "132101", "name": "小金井市"}),
        ("かえで市第2次総合計画（架空の例）", "comprehensive", {"code": "990019", "name": "かえで市"}),
        ("かえで市産業にぎわいプラン（架空の例）", "sectoral", {"code": "990019", "name": "かえで市"}),
    ]
    assert all(p["url"] == f"/plans/{p['id']}" for p in data["plans"])
    plan = site.get(data["plans"][1]["url"].replace("/plans/", "/api/v1/plans/")).json()
    assert plan["title"] == "かえで市第2次総合計画（架空の例）" and plan["url"] == data["plans"][1]["url"]
    assert [c["title"] for c in plan["children"]][:3] == ["子どもと学びが育つまち", "安心して暮らし続けられるまち", "にぎわいと緑が調和するまち"]
    assert plan["vision"] and plan["sdg_goals"]


def test_a_draft_shows_the_word_it_was_printed_with(engine: Engine, seeds: Path) -> None:
    import_file(engine, next(seeds.glob("001_*.txt")))
    client = TestClient(create_app(engine), raise_server_exceptions=False)
    with transaction(engine) as s:
        plan_id = s.scalar(select(m.Plan.id).where(m.Plan.status == "draft"))
    html = client.get(f"/plans/{plan_id}").text
    assert '<span class="draft">骨子案</span>' in html and "素案" not in html
    assert '<span class="draft">骨子案</span>' in client.get("/").text
    assert '<span class="draft">outline draft</span>' in client.get(f"/plans/{plan_id}?lang=en").text
    assert [p["status_label"] for p in client.get("/api/v1/plans").json()["plans"]] == ["骨子案"]
    assert client.get(f"/api/v1/plans/{plan_id}").json()["plan"]["status_label"] == "骨子案"


def test_plan_page_charts_and_matrix(site: TestClient) -> None:
    plans = site.get("/api/v1/plans").json()["plans"]
    html = site.get(plans[1]["url"]).text
    assert 'class="chart status-chart"' in html and "status-table" in html
    assert 'class="sdg-matrix"' in html and "SDG 11" in html
    assert "<details open>" in html and "<summary>" in html


def test_status_chart_and_sdg_matrix_are_per_policy(site: TestClient, engine: Engine) -> None:
    plan_id = site.get("/api/v1/plans").json()["plans"][1]["id"]
    ctx = browse.plan_page(engine, plan_id)
    assert [label for label, _ in ctx.status_rows] == [
        "政策 1 子育てと教育の充実", "政策 2 生涯学習と文化・スポーツの振興", "政策 3 健康と福祉の向上",
        "政策 4 安全・安心なまちの実現", "政策 5 産業の活性化と環境の保全", "政策 6 快適な都市空間と協働の推進"]
    assert sum(sum(c.values()) for _, c in ctx.status_rows) == 19
    assert [link.title for link, _ in ctx.sdg_matrix][0] == "政策 1 子育てと教育の充実"


def test_search_page_and_api(site: TestClient, engine: Engine) -> None:
    html = site.get("/search", params={"q": "防災"}).text
    assert "<mark>防災</mark>" in html
    data = site.get("/api/v1/search", params={"q": "防災"}).json()
    titles = [r["title"] for r in data["results"]]
    assert "施策 23 防災コミュニティづくり" in titles and "施策 24 防災機能の強化" in titles
    hit = next(r for r in data["results"] if r["title"] == "施策 23 防災コミュニティづくり")
    assert (hit["type"], hit["url"]) == ("node", f"/nodes/{node_id(engine, '23', '防災コミュニティづくり')}")
    assert "防災" in hit["snippet"]
    assert site.get("/api/v1/search", params={"q": "防犯体制の強化"}).json()["results"][0]["title"] == "施策 25 防犯体制の強化"
    assert site.get("/api/v1/search", params={"q": "存在しない語句"}).json()["results"] == []
    assert site.get("/api/v1/search", params={"q": "x" * 101}).status_code == 422


def test_indicator_page_shows_the_calculation(site: TestClient, engine: Engine) -> None:
    with transaction(engine) as s:
        ind_id = s.scalar(select(m.Indicator.id).where(m.Indicator.name == "刑法犯認知件数"))
    html = site.get(f"/indicators/{ind_id}").text
    assert "刑法犯認知件数" in html and "計算の内訳" in html and "1,012件" in html
    assert "900 ÷ 1,012 × 100" in html  # decrease: target ÷ actual
    assert "公表された率はどの計算式とも一致しません" in html  # the printed 100.2 of 2023


def test_compare_page(site: TestClient) -> None:
    plans = site.get("/api/v1/plans").json()["plans"]
    html = site.get("/compare", params={"a": plans[0]["id"], "b": plans[1]["id"]}).text
    assert html.count('class="tree"') >= 2 and "小金井市基本計画" in html and "かえで市第2次総合計画" in html
    data = site.get("/api/v1/compare", params={"a": plans[0]["id"], "b": plans[1]["id"]}).json()
    assert data["left"]["plan"]["title"] == "小金井市基本計画" and data["right"]["plan"]["municipality"] == "かえで市"


def test_english_switch(site: TestClient) -> None:
    r = site.get("/", params={"lang": "en"})
    assert '<html lang="en">' in r.text and "Municipalities and plans" in r.text
    assert "lang=en" in r.headers["set-cookie"]
    assert '<html lang="en">' in site.get("/").text  # the cookie keeps the choice


def test_not_found_pages(site: TestClient) -> None:
    r = site.get("/plans/999999")
    assert r.status_code == 404 and "ページが<wbr>見つかりません" in r.text
    assert site.get("/nowhere").status_code == 404
    api = site.get("/api/v1/nodes/999999")
    assert api.status_code == 404 and api.json() == {"error": "not_found", "detail": "no node 999999"}
    assert site.get("/nodes/abc").status_code == 422 or site.get("/nodes/abc").status_code == 404


def test_security_headers_and_no_cdn(site: TestClient) -> None:
    r = site.get("/")
    assert r.headers["content-security-policy"].startswith("default-src 'self'")
    assert r.headers["x-content-type-options"] == "nosniff" and r.headers["x-frame-options"] == "DENY"
    assert not re.search(r'(src|href)="https?://', r.text)
    assert site.get("/static/style.css").status_code == 200


def test_markup_in_plan_text_is_inert(site: TestClient, engine: Engine) -> None:
    hostile = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    doc = parse_plan_document({
        "municipality": "小金井市", "title": f"計画{hostile}", "kind": "sectoral",
        "nodes": [{"id": "n", "level": "施策", "number": "1", "title": hostile, "sections": [{"heading": hostile, "text": hostile, "items": [hostile]}]}],
        "indicators": [{"node": "n", "name": hostile, "baseline": {"value": 1, "year": 2020, "text": hostile},
                        "target": {"value": 2, "year": 2025, "text": "2"}, "actuals": [{"year": 2021, "value": 1.5}]}],
    })
    load_plan(engine, doc)
    nid = node_id(engine, "1", hostile)
    for url in (f"/nodes/{nid}", "/", f"/search?q={'script'}"):
        html = site.get(url).text
        assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in site.get(f"/nodes/{nid}").text


def test_server_errors_show_no_traceback(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    client = TestClient(create_app(engine), raise_server_exceptions=False)

    def boom(*_a, **_k):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(browse, "home", boom)
    r = client.get("/")
    assert r.status_code == 500 and "secret internal detail" not in r.text and "Traceback" not in r.text
    assert "エラーが<wbr>発生しました" in r.text


def test_openapi_documents_the_api(site: TestClient) -> None:
    spec = site.get("/api/v1/openapi.json").json()
    assert {"/api/v1/plans", "/api/v1/plans/{plan_id}", "/api/v1/nodes/{node_id}", "/api/v1/search",
            "/api/v1/indicators/{indicator_id}", "/api/v1/compare", "/api/v1/municipalities"} <= set(spec["paths"])
    assert not any(p.startswith(("/plans", "/nodes", "/search")) for p in spec["paths"])


def test_cached_pages_follow_changes_to_the_plan(site: TestClient, engine: Engine) -> None:
    data = {"key": "132101:cache-test", "municipality": "小金井市", "title": "キャッシュ確認計画", "kind": "sectoral",
            "nodes": [{"id": "n", "level": "施策", "number": "1", "title": "初版の題名"}]}
    load_plan(engine, parse_plan_document(data))
    nid = node_id(engine, "1", "初版の題名")
    assert "初版の題名" in site.get(f"/nodes/{nid}").text
    assert "初版の題名" in site.get("/search", params={"q": "初版の題名"}).text
    data["nodes"][0]["title"] = "改訂後の題名"
    load_plan(engine, parse_plan_document(data))
    page = site.get(f"/nodes/{node_id(engine, '1', '改訂後の題名')}").text.replace("<wbr>", "")
    assert "改訂後の題名" in page and "初版の題名" not in page
    assert "改訂後の題名" in site.get("/search", params={"q": "改訂後の題名"}).text
    assert "<mark>" not in site.get("/search", params={"q": "初版の題名"}).text


def test_malformed_ids_and_long_queries_are_the_sites_pages(site: TestClient) -> None:
    for url in ("/plans/abc", "/nodes/abc", "/indicators/1.5"):
        r = site.get(url)
        assert r.status_code == 404 and r.headers["content-type"].startswith("text/html"), url
        assert "ページが<wbr>見つかりません" in r.text and '<html lang="ja">' in r.text and '"detail"' not in r.text
    r = site.get("/search", params={"q": "x" * 101})
    assert r.status_code == 400 and r.headers["content-type"].startswith("text/html")
    assert "検索語は100文字以内" in r.text and 'role="alert"' in r.text
    assert "at most 100 characters" in site.get("/search", params={"q": "x" * 101, "lang": "en"}).text
    # the API keeps its JSON errors
    assert site.get("/api/v1/plans/abc").status_code == 422
    assert site.get("/api/v1/plans/abc").headers["content-type"].startswith("application/json")


def test_head_answers_like_get(site: TestClient) -> None:
    for url in ("/", "/plans/1", "/search?q=防災", "/plans/abc", "/search?q=" + "x" * 101):
        got, head = site.get(url), site.head(url)
        assert head.status_code == got.status_code, url
        assert head.content == b"" and head.headers["content-type"] == got.headers["content-type"], url


def test_title_reads_once_and_tree_shows_status(site: TestClient, engine: Engine) -> None:
    plans = {p["title"]: p["id"] for p in site.get("/api/v1/plans").json()["plans"]}
    html = site.get(f"/plans/{plans['かえで市第2次総合計画（架空の例）']}").text
    assert html.count("総合計画の見える化") == 2  # once in <title>, once in the header
    assert re.search(r'<title>[^<]+ \| keikaku 総合計画の見える化</title>', html)
    assert 'class="tree-status"' in html and "<progress" in html
    legend = re.search(r'<ul class="legend"[^>]*>(.*?)</ul>', html).group(1)
    assert "順調" in legend and "目標達成" not in legend  # only the statuses of the plan's scale
    nid = node_id(engine, "25", "防犯体制の強化")
    node = site.get(f"/nodes/{nid}").text
    assert 'aria-current="page">施策 25 防犯体制の<wbr>強化' in node
    assert 'rel="prev"' in node and 'rel="next"' in node
