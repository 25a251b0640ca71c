"""Published evaluations on the public site: approved sheets only, on pages and in the JSON API.

かえで市's plan with three cycles:

- FY2023: m12's sheet submitted, nothing approved (the year is never listed);
- FY2024: m1 approved (B, 継続) and m10 approved (C, 改善);
- FY2025: m1 approved (A, 拡充, with its project's progress), m2 a saved draft, m10 submitted
  (with a draft actual of 資源化率 and its project's progress), m3 returned, the other measures untouched.

Every text written in a sheet that is not approved is distinctive, and no public page or
response may contain it.
"""

from __future__ import annotations

import html as markup
import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from browser import chromium, run_axe, serve
from cycle_helpers import (
    FOOD_LOSS_PROJECT,
    NURSERY_PROJECT,
    RECYCLING,
    WAITING,
    World,
    fast_hashing,
    make_world,
    node_id,
    project_id,
)
from keikaku.services import cycle
from keikaku.services.readmodel import Audience, load_plan_year
from keikaku.web.app import create_app

SECRETS = (
    "下書きの理由です", "下書きの課題です",  # m2, FY2025 draft
    "提出中の理由です", "提出中の課題です", "提出中の事業進捗です",  # m10, FY2025 submitted
    "差戻しの理由です", "差し戻す審査コメントです",  # m3, FY2025 returned
    "令和5年度の提出中の理由です",  # m12, FY2023 submitted
    "承認の審査コメントです",  # a reviewer's comment on an approved sheet is not part of the evaluation
)
M1_REASONS = "待機児童が0人になった。\n目標を達成した。"


@pytest.fixture(autouse=True)
def _fast(monkeypatch: pytest.MonkeyPatch) -> None:
    fast_hashing(monkeypatch)


def _approve(w: World, cycle_id: int, node: int, grade: str, direction: str, reasons: str, issues: str | None = None,
             comment: str | None = None) -> None:
    v = cycle.save_sheet(w.engine, user=w.admin, cycle_id=cycle_id, node_id=node, version=0, self_grade=grade,
                         reasons=reasons, issues=issues, next_direction=direction)
    v = cycle.submit_sheet(w.engine, user=w.admin, cycle_id=cycle_id, node_id=node, version=v.version)
    cycle.review_sheet(w.engine, user=w.reviewer, cycle_id=cycle_id, node_id=node, version=v.version, approve=True,
                       comment=comment)


@pytest.fixture
def world(engine: Engine) -> World:
    w = make_world(engine)
    e = engine
    m1, m2, m3, m10, m12 = (node_id(e, k) for k in ("m1", "m2", "m3", "m10", "m12"))
    fy2023 = cycle.open_cycle(e, user=w.admin, plan=w.plan_id, year=2023)
    v = cycle.save_sheet(e, user=w.admin, cycle_id=fy2023.id, node_id=m12, version=0, self_grade="B",
                         reasons="令和5年度の提出中の理由です", issues=None, next_direction="継続")
    cycle.submit_sheet(e, user=w.admin, cycle_id=fy2023.id, node_id=m12, version=v.version)
    fy2024 = cycle.open_cycle(e, user=w.admin, plan=w.plan_id, year=2024)
    _approve(w, fy2024.id, m1, "B", "継続", "令和6年度の子育ての理由")
    _approve(w, fy2024.id, m10, "C", "改善", "令和6年度のごみの理由", "令和6年度のごみの課題")
    cid = w.cycle.id  # FY2025
    cycle.enter_actual(e, user=w.hoiku, plan=w.plan_id, indicator=WAITING, year=2025, value="0")
    cycle.enter_actual(e, user=w.gomi, plan=w.plan_id, indicator=RECYCLING, year=2025, value="32")
    cycle.record_project_progress(e, user=w.hoiku, cycle_id=cid, project_id=project_id(e, NURSERY_PROJECT), stage="継続",
                                  progress="認定こども園を2園整備した。")
    cycle.record_project_progress(e, user=w.gomi, cycle_id=cid, project_id=project_id(e, FOOD_LOSS_PROJECT), stage="拡充",
                                  progress="提出中の事業進捗です")
    _approve(w, cid, m1, "A", "拡充", M1_REASONS, "保育士の確保", comment="承認の審査コメントです")
    cycle.save_sheet(e, user=w.admin, cycle_id=cid, node_id=m2, version=0, self_grade="D", reasons="下書きの理由です",
                     issues="下書きの課題です", next_direction="縮小")
    v = cycle.save_sheet(e, user=w.gomi, cycle_id=cid, node_id=m10, version=0, self_grade="A", reasons="提出中の理由です",
                         issues="提出中の課題です", next_direction="拡充")
    cycle.submit_sheet(e, user=w.gomi, cycle_id=cid, node_id=m10, version=v.version)
    v = cycle.save_sheet(e, user=w.admin, cycle_id=cid, node_id=m3, version=0, self_grade="B", reasons="差戻しの理由です",
                         issues=None, next_direction="改善")
    v = cycle.submit_sheet(e, user=w.admin, cycle_id=cid, node_id=m3, version=v.version)
    cycle.review_sheet(e, user=w.reviewer, cycle_id=cid, node_id=m3, version=v.version, approve=False,
                       comment="差し戻す審査コメントです")
    return w


@pytest.fixture
def site(world: World) -> TestClient:
    return TestClient(create_app(world.engine), raise_server_exceptions=False)


def main_of(html: str) -> str:
    return html[html.index("<main"):html.index("</main>")]


def text_of(fragment: str) -> str:
    return markup.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", fragment)).strip())


def table_rows(html: str, css_class: str) -> list[list[str]]:
    """The text of every cell of the first table of this class, row by row (header row included)."""
    table = re.search(rf'<table class="[^"]*\b{css_class}\b[^"]*">(.*?)</table>', html, re.S)
    assert table, f"no table {css_class}"
    return [[text_of(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table.group(1), re.S)]


def tables(html: str, css_class: str) -> list[list[list[str]]]:
    out = []
    for table in re.findall(rf'<table class="[^"]*\b{css_class}\b[^"]*">(.*?)</table>', html, re.S):
        out.append([[text_of(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
                    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)])
    return out


def assert_accessible(html: str) -> None:
    """Headings in order (one h1, no level skipped) and every table header cell scoped."""
    levels = [int(h) for h in re.findall(r"<h([1-6])[\s>]", main_of(html))]
    assert levels[0] == 1 and levels.count(1) == 1, levels
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), levels
    for th in re.findall(r"<th\b[^>]*>", html):
        assert 'scope="' in th, th
    for table in re.findall(r"<table\b.*?</table>", html, re.S):
        assert "<caption>" in table


# --- the measure page ---------------------------------------------------------------------------

def test_measure_page_shows_the_latest_approved_evaluation_and_its_history(site: TestClient, world: World) -> None:
    m1 = node_id(world.engine, "m1")
    html = site.get(f"/nodes/{m1}").text
    section = html[html.index('<section aria-labelledby="evaluation"'):]
    section = section[:section.index("</section>")]
    assert '<h2 id="evaluation">令和7年度 (2025) の<wbr>施策評価</h2>' in section
    assert ('<dl class="facts evaluation-facts"><dt>年度</dt><dd>令和7年度 (2025)</dd><dt>所管課の評価</dt>'
            '<dd><span class="status status-on_track">A（順調）</span></dd><dt>次年度の方向性</dt><dd>拡充</dd></dl>') in section
    assert "<h3>評価の理由</h3>\n<p>待機児童が0人になった。</p><p>目標を達成した。</p>" in section
    assert "<h3>課題</h3>\n<p>保育士の確保</p>" in section
    assert table_rows(section, "evaluation-projects") == [
        ["事業名", "計画上の段階", "実施段階", "進捗"],
        [f"{NURSERY_PROJECT} （保育課）", "継続", "継続", "認定こども園を2園整備した。"],
    ]
    assert f'他の年度: <a href="/nodes/{m1}/evaluations/2024">令和6年度 (2024)</a>' in section
    assert table_rows(section, "evaluation-history") == [
        ["年度", "所管課の評価", "次年度の方向性"],
        ["令和6年度 (2024)", "B（概ね順調）", "継続"],
        ["令和7年度 (2025)", "A（順調）", "拡充"],
    ]
    assert f'<a href="/nodes/{m1}/evaluations/2024">令和6年度 (2024)</a></th>' in section
    assert '<span aria-current="true">令和7年度 (2025)</span>' in section
    assert_accessible(html)


def test_a_measure_whose_latest_sheet_is_not_approved_shows_its_last_approved_year(site: TestClient, world: World) -> None:
    m10 = node_id(world.engine, "m10")
    html = site.get(f"/nodes/{m10}").text
    assert '<h2 id="evaluation">令和6年度 (2024) の<wbr>施策評価</h2>' in html
    assert '<span class="status status-slightly_behind">C（やや遅れている）</span>' in html
    assert "令和6年度のごみの理由" in html and "令和6年度のごみの課題" in html
    assert "令和7年度 (2025) の<wbr>施策評価" not in html and "他の年度" not in html
    data = site.get(f"/api/v1/nodes/{m10}/evaluations").json()
    assert data == {
        "node": {"id": m10, "level": "施策", "number": "10", "title": "循環型社会の形成", "url": f"/nodes/{m10}"},
        "latest": {"year": 2024, "scale": "abcd", "self_grade": "C", "grade_status": "slightly_behind",
                   "grade_label": "やや遅れている", "reasons": "令和6年度のごみの理由", "issues": "令和6年度のごみの課題",
                   "next_direction": "改善",
                   "projects": [{"name": FOOD_LOSS_PROJECT, "department": "ごみ対策課", "planned_stage": "充実", "stage": None,
                                 "progress": None}],
                   "url": f"/nodes/{m10}/evaluations/2024"},
        "history": [{"year": 2024, "self_grade": "C", "grade_status": "slightly_behind", "grade_label": "やや遅れている",
                     "next_direction": "改善", "url": f"/nodes/{m10}/evaluations/2024"}],
    }


def test_measures_without_an_approved_sheet_show_no_evaluation(site: TestClient, world: World) -> None:
    for key in ("m2", "m3", "m5", "m12"):  # a draft, a returned sheet, no sheet, a submitted sheet (FY2023)
        nid = node_id(world.engine, key)
        html = site.get(f"/nodes/{nid}").text
        assert 'id="evaluation"' not in html and "施策評価" not in main_of(html), key
        data = site.get(f"/api/v1/nodes/{nid}/evaluations").json()
        assert (data["latest"], data["history"]) == (None, []), key
        assert site.get(f"/api/v1/nodes/{nid}").json()["evaluations"]["latest"] is None
        for year in (2023, 2024, 2025):
            assert site.get(f"/nodes/{nid}/evaluations/{year}").status_code == 404
            assert site.get(f"/api/v1/nodes/{nid}/evaluations/{year}").json()["error"] == "not_found"


def test_one_years_evaluation_of_a_measure(site: TestClient, world: World) -> None:
    m1 = node_id(world.engine, "m1")
    r = site.get(f"/nodes/{m1}/evaluations/2024")
    assert r.status_code == 200
    html = r.text
    assert "<title>施策 1 子育て支援の充実: 令和6年度 (2024) の施策評価 | " in html
    assert "<h1><span class=\"level\">施策</span> <span class=\"number\">1</span> 子育て<wbr>支援の<wbr>充実</h1>" in html
    assert text_of(re.search(r'<p class="breadcrumbs">(.*?)</p>', html).group(1)) == (
        "トップ › かえで市第2次総合計画（架空の例） › 基本目標 Ⅰ 子どもと学びが育つまち › 政策 1 子育てと教育の充実 › 施策 1 子育て支援の充実")
    assert '<dd><span class="status status-mostly_on_track">B（概ね順調）</span></dd>' in html
    assert "<p>令和6年度の子育ての理由</p>" in html and '<h3>課題</h3>\n<p class="muted">記載なし</p>' in html
    assert table_rows(html, "evaluation-projects")[1] == [f"{NURSERY_PROJECT} （保育課）", "拡充", "—", "—"]
    assert table_rows(html, "evaluation-history")[1:] == [["令和6年度 (2024)", "B（概ね順調）", "継続"],
                                                         ["令和7年度 (2025)", "A（順調）", "拡充"]]
    assert f'href="/plans/{world.plan_id}/evaluations/2024"' in html
    assert_accessible(html)
    data = site.get(f"/api/v1/nodes/{m1}/evaluations/2024").json()
    assert data["evaluation"] == {
        "year": 2024, "scale": "abcd", "self_grade": "B", "grade_status": "mostly_on_track", "grade_label": "概ね順調",
        "reasons": "令和6年度の子育ての理由", "issues": None, "next_direction": "継続",
        "projects": [{"name": NURSERY_PROJECT, "department": "保育課", "planned_stage": "拡充", "stage": None, "progress": None}],
        "url": f"/nodes/{m1}/evaluations/2024",
    }
    assert [(c["level"], c["number"]) for c in data["breadcrumbs"]] == [("基本目標", "Ⅰ"), ("政策", "1")]
    assert data["year_url"] == f"/plans/{world.plan_id}/evaluations/2024"
    assert [h["year"] for h in data["history"]] == [2024, 2025]


# --- the plan's years and a year's page -----------------------------------------------------------

def test_the_years_with_approved_evaluations(site: TestClient, world: World) -> None:
    pid = world.plan_id
    assert f'<a href="/plans/{pid}/evaluations">評価を公表している年度</a>' in site.get(f"/plans/{pid}").text
    html = site.get(f"/plans/{pid}/evaluations").text
    assert "<h1>施策評価</h1>" in html
    assert table_rows(html, "evaluation-years") == [
        ["年度", "公表された評価"], ["令和7年度 (2025)", "1 / 12 施策"], ["令和6年度 (2024)", "2 / 12 施策"]]
    assert "2023" not in main_of(html)  # FY2023 has a submitted sheet only
    assert_accessible(html)
    assert site.get(f"/api/v1/plans/{pid}/evaluations").json() == {
        "plan": {"id": pid, "title": "かえで市第2次総合計画（架空の例）", "municipality": "かえで市", "fictional": True,
                 "url": f"/plans/{pid}"},
        "years": [{"year": 2025, "approved": 1, "measures": 12, "url": f"/plans/{pid}/evaluations/2025"},
                  {"year": 2024, "approved": 2, "measures": 12, "url": f"/plans/{pid}/evaluations/2024"}],
    }


def test_a_plan_without_approved_evaluations(engine: Engine) -> None:
    w = make_world(engine)
    site = TestClient(create_app(engine))
    html = site.get(f"/plans/{w.plan_id}/evaluations").text
    assert "<p>公表された施策評価はまだありません。</p>" in html and "<table" not in html
    assert site.get(f"/api/v1/plans/{w.plan_id}/evaluations").json()["years"] == []
    assert site.get(f"/plans/{w.plan_id}/evaluations/2025").status_code == 404


# Indicators by status as of FY2025, published actuals only (the public read model): 待機児童数's
# FY2025 actual 0 was published with m1's approval (on track); 資源化率's FY2025 draft 32 (its target)
# is not published, so it stays behind as of its FY2024 actual 29.0.
ROLLUPS_2025 = {  # policy number: (on_track, mostly_on_track, slightly_behind, behind, no_data, qualitative, not_assessable)
    "1": (1, 0, 2, 0, 0, 0, 0),
    "2": (0, 1, 0, 1, 0, 0, 0),
    "3": (1, 0, 2, 0, 0, 0, 0),
    "4": (2, 1, 0, 0, 0, 1, 0),
    "5": (1, 1, 1, 1, 0, 0, 0),
    "6": (0, 0, 2, 0, 1, 0, 0),
}
PLAN_2025 = (5, 3, 7, 2, 1, 1, 0)
STATUSES = ("on_track", "mostly_on_track", "slightly_behind", "behind", "no_data", "qualitative", "not_assessable")


def test_a_years_measures_and_roll_ups_in_json(site: TestClient, world: World) -> None:
    pid, e = world.plan_id, world.engine
    data = site.get(f"/api/v1/plans/{pid}/evaluations/2025").json()
    assert (data["year"], data["scale"], data["approved"], data["measures"], data["years"]) == (2025, "abcd", 1, 12, [2024, 2025])
    assert [s["status"] for s in data["statuses"]] == list(STATUSES)
    assert [s["label"] for s in data["statuses"]] == ["順調", "概ね順調", "やや遅れている", "遅れている", "データなし", "定性目標", "評価不能"]
    assert [(g["policy"]["number"], [(m["node"]["number"], m["evaluation"] and (m["evaluation"]["self_grade"], m["evaluation"]["next_direction"]))
                                     for m in g["measures"]]) for g in data["groups"]] == [
        ("1", [("1", ("A", "拡充")), ("2", None)]),
        ("2", [("3", None), ("4", None)]),
        ("3", [("5", None), ("6", None)]),
        ("4", [("7", None), ("8", None)]),
        ("5", [("9", None), ("10", None)]),
        ("6", [("11", None), ("12", None)]),
    ]
    m1 = node_id(e, "m1")
    assert data["groups"][0]["measures"][0] == {
        "node": {"id": m1, "level": "施策", "number": "1", "title": "子育て支援の充実", "url": f"/nodes/{m1}"},
        "departments": ["子育て支援課", "保育課"],
        "evaluation": {"year": 2025, "self_grade": "A", "grade_status": "on_track", "grade_label": "順調",
                       "next_direction": "拡充", "url": f"/nodes/{m1}/evaluations/2025"},
    }
    assert {r["node"]["number"]: tuple(r["counts"][s] for s in STATUSES) for r in data["rollups"]} == ROLLUPS_2025
    assert {r["node"]["number"]: r["indicators"] for r in data["rollups"]} == {"1": 3, "2": 2, "3": 3, "4": 4, "5": 4, "6": 3}
    assert (data["rollup"]["node"], tuple(data["rollup"]["counts"][s] for s in STATUSES), data["rollup"]["indicators"]) == (
        None, PLAN_2025, 19)
    # the same roll-ups as the public read model of the year, and not the staff one (which counts the draft)
    public = load_plan_year(e, pid, year=2025, audience=Audience.PUBLIC).model
    assert data["rollup"]["counts"] == public.rollup.counts and data["rollup"]["score"] == public.rollup.score
    staff = load_plan_year(e, pid, year=2025, audience=Audience.STAFF).model
    p5 = next(n.id for n in staff.doc.nodes if n.level == "政策" and n.number == "5")
    assert (staff.node_rollups()[p5].counts["on_track"], staff.node_rollups()[p5].counts["behind"]) == (2, 0)


def test_a_years_page(site: TestClient, world: World) -> None:
    pid = world.plan_id
    html = site.get(f"/plans/{pid}/evaluations/2025").text
    assert "<h1>令和7年度 (2025) 施策評価</h1>" in html
    assert "公表された評価: 1 / 12 施策" in html
    assert f'<span aria-current="page">令和7年度 (2025)</span>、<a href="/plans/{pid}/evaluations/2024">令和6年度 (2024)</a>' in html
    rollups = table_rows(html, "evaluation-rollups")
    assert rollups[0] == ["政策", "順調", "概ね順調", "やや遅れている", "遅れている", "データなし", "定性目標", "評価不能", "指標数"]
    assert [r[1:] for r in rollups[1:]] == [[str(n) for n in (*counts, sum(counts))] for counts in (*ROLLUPS_2025.values(), PLAN_2025)]
    assert [r[0] for r in rollups[1:]][-1] == "計画全体"
    measures = tables(html, "evaluation-measures")
    assert len(measures) == 6
    assert measures[0] == [
        ["施策", "所管課", "所管課の評価", "次年度の方向性"],
        ["施策 1 子育て支援の充実", "子育て支援課、保育課", "A（順調）", "拡充"],
        ["施策 2 学校教育の充実", "教育総務課、指導課", "未公表"],
    ]
    assert measures[4][1:] == [["施策 9 地域産業の振興", "産業振興課", "未公表"], ["施策 10 循環型社会の形成", "ごみ対策課、環境政策課", "未公表"]]
    assert f'<a href="/nodes/{node_id(world.engine, "m1")}/evaluations/2025">' in html
    assert_accessible(html)
    older = site.get(f"/plans/{pid}/evaluations/2024").text
    assert [row[1:] for t in tables(older, "evaluation-measures") for row in t[1:] if row[2] != "未公表"] == [
        ["子育て支援課、保育課", "B（概ね順調）", "継続"], ["ごみ対策課、環境政策課", "C（やや遅れている）", "改善"]]


def test_english(site: TestClient, world: World) -> None:
    pid, m1 = world.plan_id, node_id(world.engine, "m1")
    html = site.get(f"/plans/{pid}/evaluations/2025?lang=en").text
    assert '<html lang="en">' in html and "<h1>Measure evaluations, FY2025</h1>" in html
    assert "Published evaluations: 1 of 12 measures" in html
    assert table_rows(html, "evaluation-rollups")[0] == [
        "Policy", "on track", "mostly on track", "slightly behind", "behind", "no data", "qualitative", "not assessable", "Indicators"]
    assert tables(html, "evaluation-measures")[0][1:] == [
        ["施策 1 子育て支援の充実", "子育て支援課、保育課", "A (on track)", "拡充 (expand)"],
        ["施策 2 学校教育の充実", "教育総務課、指導課", "not published"]]
    node = site.get(f"/nodes/{m1}?lang=en").text
    assert '<h2 id="evaluation">Evaluation of FY2025</h2>' in node and "<h3>Reasons</h3>" in node
    assert table_rows(node, "evaluation-history")[0] == ["Fiscal year", "Own grade", "Next year's direction"]
    years = site.get(f"/plans/{pid}/evaluations?lang=en").text
    assert table_rows(years, "evaluation-years")[1] == ["FY2025", "1 of 12 measures"]


# --- nothing that is not approved is ever public ----------------------------------------------------

def test_drafts_submitted_and_returned_sheets_never_appear(site: TestClient, world: World) -> None:
    e, pid = world.engine, world.plan_id
    nodes = [node_id(e, f"m{k}") for k in range(1, 13)]
    urls = [f"/plans/{pid}", f"/api/v1/plans/{pid}", f"/plans/{pid}/evaluations", f"/api/v1/plans/{pid}/evaluations"]
    urls += [u for y in (2023, 2024, 2025) for u in (f"/plans/{pid}/evaluations/{y}", f"/api/v1/plans/{pid}/evaluations/{y}")]
    urls += [u for n in nodes for u in (f"/nodes/{n}", f"/api/v1/nodes/{n}", f"/api/v1/nodes/{n}/evaluations")]
    urls += [u for n in nodes for y in (2023, 2024, 2025)
             for u in (f"/nodes/{n}/evaluations/{y}", f"/api/v1/nodes/{n}/evaluations/{y}")]
    seen = 0
    for url in urls:
        for lang in ("ja", "en"):
            r = site.get(url, params={"lang": lang})
            assert r.status_code in (200, 404), url
            seen += r.status_code == 200
            leaked = [s for s in SECRETS if s in r.text]
            assert not leaked, (url, leaked)
    assert seen == 2 * (4 + 4 + 36 + 6)  # FY2023 is not found; three measure-years are approved (page and JSON)


def test_approval_publishes_and_the_pages_follow(site: TestClient, world: World) -> None:
    e, pid, m10 = world.engine, world.plan_id, node_id(world.engine, "m10")
    assert '<h2 id="evaluation">令和6年度 (2024) の<wbr>施策評価</h2>' in site.get(f"/nodes/{m10}").text  # now cached
    assert site.get(f"/plans/{pid}/evaluations/2025").text.count("未公表") == 11
    sheet = cycle.sheet(e, user=world.reviewer, cycle_id=world.cycle.id, node_id=m10)
    cycle.review_sheet(e, user=world.reviewer, cycle_id=world.cycle.id, node_id=m10, version=sheet.version, approve=True)
    html = site.get(f"/nodes/{m10}").text
    assert '<h2 id="evaluation">令和7年度 (2025) の<wbr>施策評価</h2>' in html and "提出中の理由です" in html
    assert "提出中の事業進捗です" in html
    assert site.get(f"/plans/{pid}/evaluations/2025").text.count("未公表") == 10
    data = site.get(f"/api/v1/plans/{pid}/evaluations/2025").json()
    p5 = data["rollups"][4]
    assert (p5["node"]["number"], p5["counts"]["on_track"], p5["counts"]["behind"]) == ("5", 2, 0)  # 資源化率 32 published
    assert site.get(f"/api/v1/plans/{pid}/evaluations").json()["years"][0]["approved"] == 2


NOT_FOUND = (
    "/plans/{pid}/evaluations/2023", "/plans/{pid}/evaluations/1999", "/plans/{pid}/evaluations/99999999999999999999",
    "/plans/999999/evaluations", "/plans/999999/evaluations/2025", "/plans/99999999999999999999/evaluations",
    "/nodes/999999/evaluations/2025", "/nodes/99999999999999999999/evaluations/2025", "/nodes/{m1}/evaluations/2023",
    "/nodes/{m1}/evaluations/-1",
)


def test_unknown_plans_nodes_and_years_are_not_found(site: TestClient, world: World) -> None:
    for url in NOT_FOUND:
        url = url.format(pid=world.plan_id, m1=node_id(world.engine, "m1"))
        page = site.get(url)
        assert page.status_code == 404 and "ページが<wbr>見つかりません" in page.text, url
        api = site.get("/api/v1" + url)
        assert api.status_code == 404 and api.json()["error"] == "not_found", url


def test_openapi_describes_the_evaluation_api(site: TestClient) -> None:
    spec = site.get("/api/v1/openapi.json").json()
    schemas = spec["components"]["schemas"]
    for path, schema in [
        ("/api/v1/plans/{plan_id}/evaluations", "EvaluationPlanYearsOut"),
        ("/api/v1/plans/{plan_id}/evaluations/{year}", "EvaluationPlanYearOut"),
        ("/api/v1/nodes/{node_id}/evaluations", "NodeEvaluationsOut"),
        ("/api/v1/nodes/{node_id}/evaluations/{year}", "EvaluationNodeYearOut"),
    ]:
        op = spec["paths"][path]["get"]
        assert op["tags"] == ["evaluations"] and op["summary"]
        assert op["responses"]["200"]["content"]["application/json"]["schema"] == {"$ref": f"#/components/schemas/{schema}"}
    assert set(schemas["EvaluationPlanYearOut"]["required"]) >= {"groups", "rollups", "rollup", "statuses", "years"}
    assert "Next year's direction" in schemas["EvaluationBriefOut"]["properties"]["next_direction"]["description"]
    assert not any("/evaluations" in p for p in spec["paths"] if not p.startswith("/api/v1/"))


# --- in a real browser: axe-core on the new pages ---------------------------------------------------

def test_axe_finds_no_serious_problem_on_the_evaluation_pages(world: World, database_url: str, tmp_path) -> None:  # noqa: ANN001
    pid, m1 = world.plan_id, node_id(world.engine, "m1")
    world.engine.dispose()
    pages = [f"/nodes/{m1}", f"/nodes/{m1}/evaluations/2024", f"/plans/{pid}", f"/plans/{pid}/evaluations",
             f"/plans/{pid}/evaluations/2025", f"/plans/{pid}/evaluations/2025?lang=en"]
    serious: list[str] = []
    with serve(database_url, log_dir=tmp_path) as server, chromium() as browser:
        # axe is injected as a script of the test's own; the site's CSP (script-src 'self') would refuse it
        context = browser.new_context(base_url=server.url, locale="ja-JP", bypass_csp=True)
        try:
            page = context.new_page()
            for path in pages:
                response = page.goto(path)
                assert response is not None and response.status == 200, path
                result = run_axe(page)
                for v in result["violations"]:
                    print(f"axe {result['version']} {path}: [{v['impact']}] {v['id']}: {v['help']}")
                serious += [f"{path}: {v['id']} ({v['impact']}) {[n['target'] for n in v['nodes']]}"
                            for v in result["violations"] if v["impact"] in ("serious", "critical")]
        finally:
            context.close()
        assert "Traceback" not in server.output()
    assert serious == []
