"""Drafts and their final text: the aligner, the draft ↔ final links, `keikaku diff`, the diff page and the API.

The Kodaira draft concept (seed 001, 骨子案) and final concept (seed 003) are imported as the city
would; only titles needed to name the pairs appear here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from typer.testing import CliRunner

from keikaku.cli.main import app as cli_app
from keikaku.domain import planfile as pf
from keikaku.domain.alignment import align
from keikaku.services import browse
from keikaku.services.importing import import_file
from keikaku.services.plans import load_plan
from keikaku.services.revisions import diff_plans, plan_revisions
from keikaku.web.app import create_app

REWORDED_POLICIES = {"1", "2", "4", "5", "6", "7", "8"}
SAME_POLICIES = {"3", "9"}


@pytest.fixture
def kodaira(engine: Engine, seeds: Path) -> tuple[int, int]:
    """The ids of Kodaira's draft concept (001) and final concept (003)."""
    draft = import_file(engine, next(seeds.glob("001_*.txt")))
    final = import_file(engine, next(seeds.glob("003_*.txt")))
    assert final.revision_of == draft.load.key
    return draft.load.plan_id, final.load.plan_id


def test_the_nine_policies_pair_with_their_final_text(engine: Engine, kodaira: tuple[int, int]) -> None:
    diff = diff_plans(engine, *kodaira)
    policies = [p for p in diff.alignment.pairs if p.a.level == "方針"]
    assert [(p.a.number, p.b.number) for p in policies] == [(str(i), str(i)) for i in range(1, 10)]
    assert {p.a.number for p in policies if p.change == "same"} == SAME_POLICIES
    assert {p.a.number for p in policies if p.change == "reworded"} == REWORDED_POLICIES
    six = policies[5]
    assert (six.a.title, six.b.title) == ("地域力をいかした地域づくり", "誰もが安心と生きがいを持つ地域づくり")
    assert round(six.score) == 39  # paired by its number, above the numbering threshold (30)
    assert (policies[2].a.title, policies[2].b.title) == ("まちの誇りを受け継ぎ、発展させる",) * 2

    data = diff.alignment.to_json()
    assert data["only_a"] == [] and data["only_b"] == []
    assert data["indicators"] == {"pairs": [], "only_a": [], "only_b": []}  # neither concept has indicators
    changes = [(p["a"]["level"], p["a"]["number"], p["b"]["level"], p["b"]["number"], p["change"]) for p in data["pairs"]]
    assert changes == [
        ("基本目標", "Ⅰ", "基本目標", "Ⅰ", "same"),
        ("方針", "1", "方針", "1", "reworded"), ("方針", "2", "方針", "2", "reworded"), ("方針", "3", "方針", "3", "same"),
        ("基本目標", "Ⅱ", "基本目標", "Ⅱ", "same"),
        ("方針", "4", "方針", "4", "reworded"), ("方針", "5", "方針", "5", "reworded"), ("方針", "6", "方針", "6", "reworded"),
        ("基本目標", "Ⅲ", "基本目標", "Ⅲ", "same"),
        ("方針", "7", "方針", "7", "reworded"), ("方針", "8", "方針", "8", "reworded"), ("方針", "9", "方針", "9", "same"),
        # the draft's cross-goal projects became numbered プロジェクト 1 and 2
        ("基本目標横断プロジェクト", None, "プロジェクト", "1", "reworded"),
        ("基本目標横断プロジェクト", None, "プロジェクト", "2", "moved"),
        ("自治体経営方針", None, "自治体経営方針", None, "same"),
        ("方向性", "1", "方向性", "1", "reworded"), ("方向性", "2", "方向性", "2", "reworded"),
        ("方向性", "3", "方向性", "3", "reworded"), ("方向性", "4", "方向性", "4", "same"),
    ]
    assert diff.counts == {"same": 7, "reworded": 11, "moved": 1, "only_a": 0, "only_b": 0}
    assert (diff.a.status_word, diff.b.status_word) == ("骨子案", "策定済")
    assert diff.linked is not None and diff.linked.basis == "revision_of"


def test_the_draft_and_final_link_each_other(engine: Engine, kodaira: tuple[int, int]) -> None:
    draft, final = kodaira
    [to_final] = plan_revisions(engine, draft)
    [to_draft] = plan_revisions(engine, final)
    assert (to_final.id, to_final.relation, to_final.status_word, to_final.diff_url) == (final, "later", "策定済", f"/plans/{draft}/diff/{final}")
    assert (to_draft.id, to_draft.relation, to_draft.status_word, to_draft.diff_url) == (draft, "earlier", "骨子案", f"/plans/{draft}/diff/{final}")


def test_keikaku_diff_prints_the_pairs(cli_env: str, kodaira: tuple[int, int]) -> None:
    runner = CliRunner(env={"COLUMNS": "200"})
    draft, final = kodaira
    result = runner.invoke(cli_app, ["diff", str(draft), str(final), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert list(data) == ["pairs", "only_a", "only_b", "indicators"]
    assert len(data["pairs"]) == 19 and set(data["pairs"][0]) == {"a", "b", "change"}
    assert set(data["pairs"][0]["a"]) == {"level", "number", "title"}
    assert data["pairs"][1] == {"a": {"level": "方針", "number": "1", "title": "子どもの育ちと自立を支援する"},
                                "b": {"level": "方針", "number": "1", "title": "全ての子どもの育ちと自立を支援する"},
                                "change": "reworded"}
    table = runner.invoke(cli_app, ["diff", str(draft), str(final)])
    assert table.exit_code == 0, table.output
    assert "骨子案" in table.output and "策定済" in table.output
    assert "同一 7、文言変更 11、移動 1、削除 (A のみ) 0、追加 (B のみ) 0" in table.output
    assert "文言変更" in table.output and "改訂前 (A)" in table.output
    missing = runner.invoke(cli_app, ["diff", str(draft), "999"])
    assert missing.exit_code != 0 and "999" in missing.output


def test_pages_and_api_show_draft_and_final_and_link_them(engine: Engine, kodaira: tuple[int, int]) -> None:
    draft, final = kodaira
    site = TestClient(create_app(engine), raise_server_exceptions=False)
    diff_url = f"/plans/{draft}/diff/{final}"
    home = site.get("/").text
    assert '<span class="draft">骨子案</span>' in home and '<span class="adopted">策定済</span>' in home
    assert home.count(f'href="{diff_url}"') == 2
    for plan_id, other, word in ((draft, final, "策定済"), (final, draft, "骨子案")):
        html = site.get(f"/plans/{plan_id}").text
        assert f'<a href="/plans/{other}">' in html and f'href="{diff_url}"' in html and word in html
    found = site.get("/search", params={"q": "地域づくり"}).text
    assert '<span class="draft">骨子案</span>' in found and '<span class="adopted">策定済</span>' in found and diff_url in found

    plans = {p["id"]: p for p in site.get("/api/v1/plans").json()["plans"]}
    assert (plans[draft]["status_word"], plans[final]["status_word"]) == ("骨子案", "策定済")
    assert [(r["id"], r["relation"], r["diff_url"]) for r in plans[draft]["revisions"]] == [(final, "later", diff_url)]
    assert [(r["id"], r["relation"], r["diff_url"]) for r in plans[final]["revisions"]] == [(draft, "earlier", diff_url)]
    plan = site.get(f"/api/v1/plans/{final}").json()
    assert plan["plan"]["status_word"] == "策定済" and plan["revisions"][0]["status_word"] == "骨子案"
    hits = site.get("/api/v1/search", params={"q": "地域づくり"}).json()["results"]
    assert {(h["plan_id"], h["plan_status_word"]) for h in hits} == {(draft, "骨子案"), (final, "策定済")}
    assert all(h["plan_revisions"][0]["diff_url"] == diff_url for h in hits)
    home_api = site.get("/api/v1/municipalities").json()["municipalities"][0]["plans"]
    # (the order of a plan without a period differs between the backends)
    assert sorted((p["status_word"], p["revisions"][0]["id"]) for p in home_api) == [("策定済", draft), ("骨子案", final)]


def test_the_diff_page_and_its_json(engine: Engine, kodaira: tuple[int, int]) -> None:
    draft, final = kodaira
    site = TestClient(create_app(engine), raise_server_exceptions=False)
    html = site.get(f"/plans/{draft}/diff/{final}").text
    assert '<html lang="ja">' in html and '<th scope="col">改訂前 (A): 骨子案</th>' in html
    assert html.count('<tr class="row-reworded">') == 11 and html.count('<tr class="row-same">') == 7
    assert html.count('<span class="change change-reworded">文言変更</span>') == 12  # 11 rows and the summary
    assert "地域力をいかした地域づくり" in html and "誰もが安心と生きがいを持つ地域づくり" in html
    english = site.get(f"/plans/{draft}/diff/{final}", params={"lang": "en"}).text
    assert '<html lang="en">' in english and ">reworded</span>" in english and "outline draft" in english
    data = site.get(f"/api/v1/plans/{draft}/diff/{final}").json()
    assert data["plan_a"]["status_word"] == "骨子案" and data["plan_b"]["status_word"] == "策定済"
    assert len(data["pairs"]) == 19 and data["counts"]["reworded"] == 11
    assert site.get(f"/plans/{draft}/diff/9999").status_code == 404
    assert site.get(f"/api/v1/plans/{draft}/diff/9999").json()["error"] == "not_found"


# --- the rules, on small plans ----------------------------------------------------------------

def _doc(key: str, status: str = "adopted", nodes: list[dict] | None = None, indicators: list[dict] | None = None,
         **extra: object) -> pf.PlanDocument:
    return pf.parse_plan_document({
        "key": key, "municipality": "かえで市", "municipality_code": "990019", "title": "かえで市総合計画（架空）",
        "kind": "basic_plan", "status": status, "nodes": nodes or [], "indicators": indicators or [], **extra})


def test_moved_removed_added_and_figures() -> None:
    a = _doc("a", nodes=[
        {"id": "1", "level": "政策", "number": "1", "title": "子育て"},
        {"id": "1.1", "parent": "1", "level": "施策", "number": "1", "title": "保育の充実"},
        {"id": "1.2", "parent": "1", "level": "施策", "number": "2", "title": "古い施策"},
        {"id": "2", "level": "政策", "number": "2", "title": "環境"},
    ], indicators=[
        {"node": "1.1", "name": "待機児童数", "unit": "人", "baseline": {"value": 30, "year": 2019}, "target": {"value": 0, "year": 2025}},
        {"name": "市民満足度", "unit": "%", "target": {"value": 60, "year": 2025}},
        {"name": "消えた指標"},
    ])
    b = _doc("b", nodes=[
        {"id": "1", "level": "政策", "number": "1", "title": "子育て"},
        {"id": "2", "level": "政策", "number": "2", "title": "環境"},
        {"id": "2.1", "parent": "2", "level": "施策", "number": "1", "title": "保育の充実"},
        {"id": "2.2", "parent": "2", "level": "施策", "number": "2", "title": "まったく新しい取組"},
    ], indicators=[
        {"node": "2.1", "name": "待機児童の数", "unit": "人", "baseline": {"value": 25, "year": 2020}, "target": {"value": 0, "year": 2025}},
        {"name": "市民満足度", "unit": "%", "target": {"value": 60, "year": 2025}},
    ])
    al = align(a, b)
    assert [(p.a.id, p.b.id, p.change) for p in al.pairs] == [("1", "1", "same"), ("1.1", "2.1", "moved"), ("2", "2", "same")]
    assert [n.id for n in al.only_a] == ["1.2"] and [n.id for n in al.only_b] == ["2.2"]
    assert [(r[0] and r[0].id, r[1] and r[1].id, r[2]) for r in al.rows()] == [
        # in B's order, the removed node right after its predecessor in A (wherever that went)
        ("1", "1", "same"), ("2", "2", "same"), ("1.1", "2.1", "moved"), ("1.2", None, "removed"), (None, "2.2", "added")]
    data = al.to_json()["indicators"]
    assert [(p["a"]["name"], p["b"]["name"], p["change"]) for p in data["pairs"]] == [
        ("待機児童数", "待機児童の数", "reworded"), ("市民満足度", "市民満足度", "same")]
    assert data["pairs"][0]["figures"] == [
        {"field": "baseline", "before": {"value": 30, "year": 2019, "text": None}, "after": {"value": 25, "year": 2020, "text": None},
         "changed": True},
        {"field": "target", "before": {"value": 0, "year": 2025, "text": None}, "after": {"value": 0, "year": 2025, "text": None},
         "changed": False}]
    assert [f["changed"] for f in data["pairs"][1]["figures"]] == [False, False]
    assert [i["name"] for i in data["only_a"]] == ["消えた指標"] and data["only_b"] == []


def test_a_renumbered_policy_is_moved_and_an_unrelated_title_is_not_paired_by_number() -> None:
    a = _doc("a", nodes=[{"id": "1", "level": "政策", "number": "1", "title": "防災"},
                         {"id": "2", "level": "政策", "number": "2", "title": "福祉の充実"}])
    b = _doc("b", nodes=[{"id": "1", "level": "政策", "number": "1", "title": "福祉の充実"},
                         {"id": "2", "level": "政策", "number": "2", "title": "観光振興"}])
    al = align(a, b)
    assert [(p.a.id, p.b.id, p.change) for p in al.pairs] == [("2", "1", "moved")]
    assert [n.title for n in al.only_a] == ["防災"] and [n.title for n in al.only_b] == ["観光振興"]


def test_a_draft_without_revision_of_pairs_with_the_one_matching_final(engine: Engine) -> None:
    period = {"period": {"start": 2021, "end": 2030}}
    draft = load_plan(engine, _doc("990019:draft", "draft", status_label="素案", **period)).plan_id
    final = load_plan(engine, _doc("990019:final", **period)).plan_id
    other_kind = load_plan(engine, pf.parse_plan_document({**_doc("990019:concept", **period).to_json_dict(), "kind": "concept"})).plan_id
    [link] = plan_revisions(engine, draft)
    assert (link.id, link.basis, link.relation, link.status_word) == (final, "draft_final", "later", "策定済")
    assert [(r.id, r.status_word) for r in plan_revisions(engine, final)] == [(draft, "素案")]
    assert plan_revisions(engine, other_kind) == []
    # a second adopted plan that fits as well: the rule no longer knows which is the final
    load_plan(engine, pf.parse_plan_document({**_doc("990019:final2", **period).to_json_dict(), "title": "かえで市総合計画 第2版（架空）"}))
    assert plan_revisions(engine, draft) == []
    home = browse.home(engine)
    assert all(p.revisions == () for muni in home.municipalities for p in muni.plans)


def test_a_different_period_is_not_the_final_of_a_draft(engine: Engine) -> None:
    draft = load_plan(engine, _doc("990019:draft", "draft", period={"start": 2021, "end": 2030})).plan_id
    load_plan(engine, _doc("990019:final", period={"start": 2016, "end": 2020}))
    assert plan_revisions(engine, draft) == []
