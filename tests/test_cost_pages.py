"""Money beside results: the cost sections of the plan and measure pages, their JSON twins and CSV
downloads, the cost sheet and section of the Excel and PDF reports, and the budget workbook upload
in the browser's forms; all through the in-process app, on SQLite or PostgreSQL (tests/conftest.py).

The figures come from the fictional かえで市's workbook (keikaku/data/example/kaede-budget.xlsx,
written by scripts/example_budget.py) and are computed here by hand. 施策 1 子育て支援の充実 has
one project, 認定こども園整備事業 (保育課):

| FY | spending (basis) | person-years (regular, fixed-term) | cost per person | staff cost | full cost |
| --- | --- | --- | --- | --- | --- |
| 2023 | 190,321,000 (決算額) | 1.50, 0.50 | 8,200,000 / 2,900,000 | 12,300,000 + 1,450,000 = 13,750,000 | 204,071,000 |
| 2024 | 219,876,500 (決算額) | 1.50, 0.80 | 8,350,000 / 3,000,000 | 12,525,000 + 2,400,000 = 14,925,000 | 234,801,500 |
| 2025 | 98,000,000 (当初予算) | 1.20, 0.50 | 8,500,000 / 3,050,000 | 10,200,000 + 1,525,000 = 11,725,000 | 109,725,000 |

子育てしやすいまちだと感じる市民の割合 (m1, %): published actuals 57.1 (2023) and 58.9 (2024), so its
cost per unit is 204,071,000 / 57.1 = 3,573,922.94 and 234,801,500 / 58.9 = 3,986,443.12 (rounded half
up). 保育所等待機児童数 (m1, 人) aims at a decrease and has no cost per unit.
"""

from __future__ import annotations

import base64
import csv
import html
import io
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import Engine, func, select

from cycle_helpers import PASSWORD, WAITING, fast_hashing, make_world, node_id
from keikaku.services import actuals, budget, charts, cost_views
from keikaku.services.costs import cost_report
from keikaku.services.exports.report import report_html
from keikaku.services.plans import EXAMPLE_DIR
from keikaku.services.public_downloads import load_public_plan
from keikaku.services.exports.costs import with_costs
from keikaku.services.readmodel import Audience
from keikaku.storage import models as m
from keikaku.storage.database import transaction
from keikaku.web.app import create_app

WORKBOOK = (EXAMPLE_DIR / "kaede-budget.xlsx").read_bytes()
NURSERY = "認定こども園整備事業"
SCHOOL_REPAIR = "学校施設長寿命化改修事業"
SHARE = "子育てしやすいまちだと感じる市民の割合"  # m1, %: 57.1 (2023), 58.9 (2024)


def cents(full: int, actual: str) -> Decimal:
    return (Decimal(full) / Decimal(actual)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@pytest.fixture
def world(engine: Engine, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    fast_hashing(monkeypatch)
    return make_world(engine, open_cycle=False)


@pytest.fixture
def funded(world):  # noqa: ANN001, ANN201
    budget.import_budget(world.engine, user=world.admin, plan=world.plan_id, content=WORKBOOK,
                         filename="kaede-budget.xlsx", apply=True)
    return world


def client(engine: Engine) -> TestClient:
    return TestClient(create_app(engine), raise_server_exceptions=False, follow_redirects=False)


def text_of(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def table_rows(page: str, cls: str) -> list[list[str]]:
    """The body rows of the first table of class ``cls``, each cell's text."""
    table = re.search(rf'<table class="{cls}">(.*?)</table>', page, re.S)
    assert table, f"no table.{cls}"
    body = re.search(r"<tbody>(.*?)</tbody>", table.group(1), re.S).group(1)
    return [[text_of(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)]


# --- the hand computation, through the services ---------------------------------------------------

def test_a_measure_view_has_its_years_unit_costs_ranking_and_frame(funded) -> None:  # noqa: ANN001
    view = cost_views.node_money(funded.engine, node_id(funded.engine, "m1"))
    assert view is not None and view.audience == "public" and view.rank_year == 2024
    assert [(y.year, y.spending, y.staff_cost, y.full_cost) for y in view.years] == [
        (2023, 190_321_000, 13_750_000, 204_071_000),
        (2024, 219_876_500, 14_925_000, 234_801_500),
        (2025, 98_000_000, 11_725_000, 109_725_000)]
    assert dict(view.years[0].parts) == {"national": 95_000_000, "prefectural": 47_500_000, "bonds": 30_000_000,
                                         "other_earmarked": 0, "general": 17_821_000, "unspecified": 0,
                                         "staff": 13_750_000}
    assert all(y.stacked == y.full_cost for y in view.years)  # funding adds up to the spending, staff on top
    waiting = next(s for s in view.unit_costs if s.indicator == WAITING)
    # a decrease target has no cost per unit: 204,071,000 / 4 would fall as more children wait
    assert [(p.year, p.actual, p.value, p.reason) for p in waiting.points] == [
        (2023, Decimal("4"), None, "lower_is_better"), (2024, Decimal("6"), None, "lower_is_better"),
        (2025, None, None, "lower_is_better")]
    share = next(s for s in view.unit_costs if s.indicator == SHARE)
    assert [p.value for p in share.points[:2]] == [cents(204_071_000, "57.1"), cents(234_801_500, "58.9")]
    assert [p.value for p in share.points[:2]] == [Decimal("3573922.94"), Decimal("3986443.12")]
    assert [(r.rank, r.name, r.full_cost, r.direction) for r in view.ranked] == [(1, NURSERY, 234_801_500, None)]
    assert [(f.year, f.planned, f.projects_total, f.difference) for f in view.frame] == [
        (2023, None, 190_321_000, None), (2024, 215_000_000, 219_876_500, 4_876_500),
        (2025, 120_000_000, 98_000_000, -22_000_000)]
    assert view.by_direction == ()  # project evaluations give no direction yet
    assert cost_views.project_directions(funded.engine, project_ids=[view.ranked[0].id], year=2024) == {}


def test_the_plan_view_sums_every_project_and_ranks_them(funded) -> None:  # noqa: ANN001
    view = cost_views.plan_money(funded.engine, funded.plan_id)
    assert view is not None and view.node is None and view.unit_costs == ()
    y2024 = next(y for y in view.years if y.year == 2024)
    # twelve projects in FY2024: the settlements of the workbook, in yen
    settlements = [219_876_500, 428_012_000, 5_188_123, 2_954_000, 13_705_000, 8_411_000, 6_850_000, 8_730_000,
                   11_200_000, 2_188_000, 70_125_000, 3_620_000]
    assert (y2024.projects, y2024.spending) == (12, sum(settlements)) == (12, 780_859_623)
    person_years = [("1.50", "0.80"), ("2.00", "0.30"), ("0.50", "1.00"), ("0.30", "0.20"), ("0.80", "1.20"),
                    ("1.00", "0.50"), ("0.60", "0"), ("0.20", "0"), ("0.70", "0.30"), ("0.40", "0.20"), ("1.00", "0"),
                    ("0.50", "0.10")]
    staff = sum(Decimal(r) * 8_350_000 + Decimal(f) * 3_000_000 for r, f in person_years)
    assert y2024.staff_cost == int(staff) == 93_125_000
    assert y2024.full_cost == 780_859_623 + 93_125_000
    assert [(r.rank, r.name, r.full_cost) for r in view.ranked[:2]] == [
        (1, SCHOOL_REPAIR, 428_012_000 + 17_600_000), (2, NURSERY, 234_801_500)]  # 2.00 × 8,350,000 + 0.30 × 3,000,000
    # FY2023: the four measures with projects (no frame); FY2024: the twelve measures; FY2025: 施策 1
    assert [(f.year, f.node.key) for f in view.frame if f.year != 2024] == [
        (2023, "m1"), (2023, "m2"), (2023, "m3"), (2023, "m5"), (2025, "m1")]
    assert len(view.frame) == 4 + 12 + 1
    assert cost_views.plan_money(funded.engine, funded.plan_id) == view


def test_no_money_no_view(world) -> None:  # noqa: ANN001
    assert cost_views.plan_money(world.engine, world.plan_id) is None
    assert cost_views.node_money(world.engine, node_id(world.engine, "m1")) is None


def test_drafts_count_for_staff_but_never_for_the_public(funded) -> None:  # noqa: ANN001
    from keikaku.services import cycle
    from cycle_helpers import DEADLINE

    cycle.open_cycle(funded.engine, user=funded.admin, plan=funded.plan_id, year=2025, deadline=DEADLINE)
    actuals.enter_actual(funded.engine, user=funded.hoiku, plan=funded.plan_id, indicator=SHARE, year=2025, value=60.5)
    staff = cost_report(funded.engine, plan=funded.plan_id, year=2025)  # the CLI's: drafts included
    public = cost_report(funded.engine, plan=funded.plan_id, year=2025, audience=Audience.PUBLIC)
    m1_staff = next(mc for mc in staff.measures if mc.node.key == "m1")
    m1_public = next(mc for mc in public.measures if mc.node.key == "m1")
    staff_share = next(c for c in m1_staff.cost_per_unit if c.indicator == SHARE)
    public_share = next(c for c in m1_public.cost_per_unit if c.indicator == SHARE)
    assert (staff_share.value, staff_share.reason) == (Decimal("1813636.36"), None)  # 109,725,000 / 60.5
    assert (public_share.value, public_share.reason) == (None, "no_actual")
    data = client(funded.engine).get(f"/api/v1/nodes/{node_id(funded.engine, 'm1')}/costs").json()
    assert data["audience"] == "public"
    share_series = next(s for s in data["unit_costs"] if s["indicator"] == SHARE)
    assert share_series["points"][2] == {"year": 2025, "actual": None, "value": None, "reason": "no_actual",
                                         "basis": "initial"}
    page = client(funded.engine).get(f"/nodes/{node_id(funded.engine, 'm1')}").text
    assert "1,813,636" not in page


# --- the pages ----------------------------------------------------------------------------------

def test_the_measure_page_shows_the_money_in_thousand_yen_and_words(funded) -> None:  # noqa: ANN001
    m1 = node_id(funded.engine, "m1")
    page = client(funded.engine).get(f"/nodes/{m1}")
    assert page.status_code == 200
    body = page.text
    assert "<h2 id=\"cost\">事業費と<wbr>コスト</h2>" in body
    # 234,801,500 yen in prose: 23,480.15万 → 2億3,480万円
    assert text_of(re.search(r'<p class="cost-lead">(.*?)</p>', body, re.S).group(1)) == \
        "令和6年度 (2024)のトータルコスト（事業費＋人件費）は2億3,480万円です（事業 1 件）。"
    head = re.search(r'<table class="money-years">.*?<thead>(.*?)</thead>', body, re.S).group(1)
    assert [text_of(h) for h in re.findall(r"<th[^>]*>(.*?)</th>", head)] == [
        "年度", "国庫支出金", "都道府県支出金", "地方債", "その他特定財源", "一般財源", "人件費", "事業費", "トータルコスト", "事業数"]
    assert table_rows(body, "money-years") == [
        ["令和5年度 (2023)", "95,000", "47,500", "30,000", "0", "17,821", "13,750", "190,321", "204,071", "1"],
        ["令和6年度 (2024)", "109,000", "54,500", "35,000", "1,200", "20,177", "14,925", "219,877", "234,802", "1"],
        ["令和7年度 (2025)", "49,000", "24,500", "0", "0", "24,500", "11,725", "98,000", "109,725", "1"]]
    # the decrease indicator has no series, only a note; the share's FY2025 rests on the initial budget
    assert table_rows(body, "unit-costs") == [["令和5年度 (2023)", "57.1%", "3,573,922.94", "決算額"],
                                              ["令和6年度 (2024)", "58.9%", "3,986,443.12", "決算額"],
                                              ["令和7年度 (2025)", "—", "実績値なし", "当初予算"]]
    assert f"{WAITING}は減少を目指す指標のため、1単位当たりのコストは計算しません" in body
    assert body.count('<table class="unit-costs">') == 1
    assert table_rows(body, "money-ranked") == [
        ["1", NURSERY, "保育課", "219,877", "決算額", "14,925", "234,802", "—"]]
    assert table_rows(body, "money-frame") == [
        ["令和5年度 (2023)", "施策 1 子育て支援の充実", "—", "190,321", "—"],
        ["令和6年度 (2024)", "施策 1 子育て支援の充実", "215,000", "219,877", "4,877"],
        ["令和7年度 (2025)", "施策 1 子育て支援の充実", "120,000", "98,000", "△22,000"]]
    assert "事業の方向性は、事務事業評価が公表されると表示します。" in body
    # the chart: a visible title, its own id, a summary with exact amounts in words
    svg = re.search(r'<svg[^>]*class="chart money-chart".*?</svg>', body, re.S).group(0)
    assert '<title id="cost-years-node-title">年度別のコスト（財源別）</title>' in svg
    assert "令和6年度 (2024): 国庫支出金 1億900万円、都道府県支出金 5,450万円、地方債 3,500万円、その他特定財源 120万円、一般財源 2,018万円、人件費 1,493万円（計 2億3,480万円）。" in svg
    assert svg.count('data-part="national"') == 4  # the legend and three years
    assert f'href="/nodes/{m1}/costs.csv"' in body and f'href="/api/v1/nodes/{m1}/costs"' in body


def test_the_measure_page_in_english(funded) -> None:  # noqa: ANN001
    body = client(funded.engine).get(f"/nodes/{node_id(funded.engine, 'm1')}?lang=en").text
    assert '<h2 id="cost">Spending and costs</h2>' in body
    assert table_rows(body, "unit-costs")[1] == ["FY2024", "58.9%", "3,986,443.12", "settlement"]
    assert f"{WAITING}: the target is a decrease, so no cost per unit is computed" in body
    assert "FY2024: National grants ¥109,000,000" in body
    assert "The full cost (spending + staff cost) in FY2024 is ¥234,801,500 (projects: 1)." in body


def test_the_plan_page_ranks_projects_and_compares_the_frame(funded) -> None:  # noqa: ANN001
    body = client(funded.engine).get(f"/plans/{funded.plan_id}").text
    ranked = table_rows(body, "money-ranked")
    assert len(ranked) == 12
    assert ranked[0] == ["1", SCHOOL_REPAIR, "施策 2 学校教育の充実", "教育総務課", "428,012", "決算額", "17,600", "445,612", "—"]
    assert ranked[1][:2] == ["2", NURSERY]
    frame = table_rows(body, "money-frame")
    assert ["令和6年度 (2024)", "施策 2 学校教育の充実", "420,000", "428,012", "8,012"] in frame
    assert ["令和6年度 (2024)", "施策 9 地域産業の振興", "15,000", "11,200", "△3,800"] in frame
    assert 'class="unit-costs"' not in body  # a cost per unit belongs to a measure's page


def test_no_section_without_money(world) -> None:  # noqa: ANN001
    c = client(world.engine)
    assert 'id="cost"' not in c.get(f"/plans/{world.plan_id}").text
    assert 'id="cost"' not in c.get(f"/nodes/{node_id(world.engine, 'm1')}").text
    assert c.get(f"/api/v1/plans/{world.plan_id}/costs").status_code == 404
    assert c.get(f"/plans/{world.plan_id}/costs.csv").status_code == 404


def test_a_policy_node_without_projects_has_no_section(funded) -> None:  # noqa: ANN001
    c = client(funded.engine)
    p1 = node_id(funded.engine, "p1")
    assert 'id="cost"' not in c.get(f"/nodes/{p1}").text
    assert c.get(f"/api/v1/nodes/{p1}/costs").json() == {"error": "not_found", "detail": f"no money recorded for node {p1}"}
    assert c.get("/api/v1/nodes/999999/costs").status_code == 404
    assert c.get("/api/v1/nodes/abc/costs").status_code == 422


def test_a_budget_import_rebuilds_the_cached_pages(world) -> None:  # noqa: ANN001
    c = client(world.engine)
    m1 = node_id(world.engine, "m1")
    assert 'id="cost"' not in c.get(f"/nodes/{m1}").text  # rendered and kept
    budget.import_budget(world.engine, user=world.admin, plan=world.plan_id, content=WORKBOOK,
                         filename="kaede-budget.xlsx", apply=True)
    assert 'id="cost"' in c.get(f"/nodes/{m1}").text


# --- JSON twins and CSV ---------------------------------------------------------------------------

def test_the_json_twin_carries_exact_yen_and_decimal_strings(funded) -> None:  # noqa: ANN001
    m1 = node_id(funded.engine, "m1")
    data = client(funded.engine).get(f"/api/v1/nodes/{m1}/costs").json()
    assert data["node"] == {"id": m1, "key": "m1", "label": "施策 1 子育て支援の充実"}
    assert data["plan"]["fictional"] is True and data["rank_year"] == 2024
    assert data["years"][1] == {"year": 2024, "projects": 1, "parts": {
        "national": 109_000_000, "prefectural": 54_500_000, "bonds": 35_000_000, "other_earmarked": 1_200_000,
        "general": 20_176_500, "unspecified": 0, "staff": 14_925_000}, "spending": 219_876_500, "staff_cost": 14_925_000,
        "full_cost": 234_801_500, "incomplete": []}
    assert data["unit_costs"][0]["indicator"] == WAITING
    assert data["unit_costs"][0]["points"][1] == {"year": 2024, "actual": "6", "value": None,
                                                  "reason": "lower_is_better", "basis": "settlement"}
    share = next(s for s in data["unit_costs"] if s["indicator"] == SHARE)
    assert share["points"][1] == {"year": 2024, "actual": "58.9", "value": "3986443.12", "reason": None,
                                  "basis": "settlement"}
    assert data["ranked"][0]["direction"] is None and data["by_direction"] == []
    assert data["frame"][1]["difference"] == 4_876_500
    schema = client(funded.engine).get("/api/v1/openapi.json").json()
    assert "MoneyOut" in schema["components"]["schemas"]
    assert "/api/v1/plans/{plan_id}/costs" in schema["paths"]


def test_the_csv_has_one_row_per_project_and_year_in_yen(funded) -> None:  # noqa: ANN001
    c = client(funded.engine)
    response = c.get(f"/nodes/{node_id(funded.engine, 'm1')}/costs.csv")
    assert response.status_code == 200 and response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["年度", "施策", "事業ID", "事業名", "所管課"] and rows[0][-2:] == ["人件費", "トータルコスト"]
    assert [r[0] for r in rows[1:]] == ["2023", "2024", "2025"]
    assert rows[2][3:] == [NURSERY, "保育課", "210000000", "224000000", "219876500", "219876500", "決算額", "109000000",
                           "54500000", "35000000", "1200000", "20176500", "1.50", "0.80", "14925000", "234801500"]
    assert rows[3][7:10] == ["", "98000000", "当初予算"]
    plan_rows = list(csv.reader(io.StringIO(c.get(f"/plans/{funded.plan_id}/costs.csv").content.decode("utf-8-sig"))))
    assert len(plan_rows) == 1 + 17  # every project-year of the workbook


# --- the reports ----------------------------------------------------------------------------------

def test_the_public_excel_report_has_a_cost_sheet(funded) -> None:  # noqa: ANN001
    response = client(funded.engine).get(f"/plans/{funded.plan_id}/report.xlsx?year=2024")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["事業費・コスト"]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == "かえで市第2次総合計画（架空の例） 2024年度 事業費・トータルコスト（架空の例）"
    nursery = next(r for r in rows if r[1] == NURSERY)
    assert nursery[3:] == [210_000_000, 224_000_000, 219_876_500, 219_876_500, "決算額", 109_000_000, 54_500_000,
                           35_000_000, 1_200_000, 20_176_500, "1.50", "0.80", 14_925_000, 234_801_500]
    assert next(r for r in rows if r[1] == SHARE)[:5] == ["施策 1 子育て支援の充実", SHARE, "58.9%", "3,986,443.12", None]
    assert next(r for r in rows if r[1] == WAITING)[:5] == ["施策 1 子育て支援の充実", WAITING, "6人", None, "減少を目指す指標"]
    assert ["施策 1 子育て支援の充実", 215_000_000, 219_876_500, 4_876_500] in [r[:4] for r in rows]


def test_a_year_without_money_has_no_cost_sheet(funded) -> None:  # noqa: ANN001
    book = load_workbook(io.BytesIO(client(funded.engine).get(f"/plans/{funded.plan_id}/report.xlsx?year=2022").content))
    assert "事業費・コスト" not in book.sheetnames


def test_the_pdf_report_has_a_cost_section(funded) -> None:  # noqa: ANN001
    report = with_costs(funded.engine, load_public_plan(funded.engine, funded.plan_id).report(2024), Audience.PUBLIC)
    text = report_html(report)
    section = re.search(r'<section class="costs">(.*?)</section>', text, re.S).group(1)
    # FY2024: 780,859,623 + 93,125,000 = 873,984,623 yen → 8億7,398万円
    assert "事業 12 件のトータルコスト（事業費＋人件費）は8億7,398万円です。" in section
    assert re.search(rf"<td>{NURSERY}</td><td class=\"num\">219,877</td><td class=\"c\">決算額</td>"
                     r"<td class=\"num\">14,925</td><td class=\"num\">234,802</td>", section)
    assert "△3,800" in section  # 施策 9: 11,200 − 15,000 千円
    pdf = client(funded.engine).get(f"/plans/{funded.plan_id}/report.pdf?year=2024")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


# --- the chart maker ----------------------------------------------------------------------------

def test_money_charts_are_titled_described_and_empty_when_nothing() -> None:
    svg = charts.money_bars(chart_id="x", title="費用", years=[(2024, [("national", "国庫支出金", 1_500_000),
                                                                       ("staff", "人件費", 0)])])
    assert '<title id="x-title">費用</title>' in svg
    assert '<desc id="x-desc">令和6年度 (2024): 国庫支出金 150万円（計 150万円）。</desc>' in svg
    assert 'data-part="staff"' not in svg  # a part of 0 is not drawn
    assert 'data-points="0"' in charts.money_bars(chart_id="x", title="費用", years=[(2024, [])])
    line = charts.unit_cost_chart(chart_id="u", title="1人当たり", points=[(2023, Decimal("51017750.00")), (2024, None)])
    assert '<desc id="u-desc">令和5年度 (2023): 51,017,750.00円。令和6年度 (2024): 値なし。</desc>' in line
    assert 'data-points="1"' in line
    assert 'data-points="0"' in charts.unit_cost_chart(chart_id="u", title="t", points=[(2023, None)])
    # a budgeted year: hollow point, dashed line to it, its basis in the summary and the tooltip
    mixed = charts.unit_cost_chart(chart_id="m", title="t", points=[(2024, Decimal("3986443.12")), (2025, Decimal("1813636.36"))],
                                   provisional={2025: "当初予算"})
    assert '<desc id="m-desc">令和6年度 (2024): 3,986,443.12円。令和7年度 (2025): 1,813,636.36円（当初予算）。</desc>' in mixed
    assert mixed.count('stroke-dasharray="6 5"') == 1 and mixed.count('class="marker unit-cost provisional"') == 1
    assert "<title>令和7年度 (2025) 1,813,636.36円（当初予算）</title>" in mixed
    with pytest.raises(ValueError):
        charts.money_bars(chart_id="x", title="t", years=[], lang="fr")


# --- the upload in the browser's forms -----------------------------------------------------------

def csrf_of(text: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', text).group(1)


def sign_in(engine: Engine, name: str) -> tuple[TestClient, str]:
    c = client(engine)
    r = c.post("/login", data={"name": name, "password": PASSWORD, "csrf_token": csrf_of(c.get("/login").text)})
    assert r.status_code == 303, r.text
    return c, csrf_of(c.get("/staff").text)


def stored_budgets(engine: Engine) -> int:
    with transaction(engine) as s:
        return s.scalar(select(func.count()).select_from(m.ProjectBudget))


def test_the_upload_page_is_for_admins_and_linked_for_them_only(world) -> None:  # noqa: ANN001
    url = f"/staff/plans/{world.plan_id}/budget"
    assert client(world.engine).get(url).headers["location"] == "/login"
    for name in ("shinsa", "hoiku", "etsuran"):
        c, _ = sign_in(world.engine, name)
        assert url not in c.get("/staff").text
        assert c.get(url).status_code == 403
    admin, _ = sign_in(world.engine, "kikaku")
    assert f'href="{url}"' in admin.get("/staff").text
    page = admin.get(url)
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    assert "<h1>予算・<wbr>決算の<wbr>取り込み</h1>" in page.text


def test_upload_preview_then_confirm_stores(world) -> None:  # noqa: ANN001
    admin, csrf = sign_in(world.engine, "kikaku")
    url = f"/staff/plans/{world.plan_id}/budget"
    check = admin.post(f"{url}/check", data={"csrf_token": csrf},
                       files={"file": ("kaede-budget.xlsx", WORKBOOK, "application/octet-stream")})
    assert check.status_code == 200, check.text
    assert "新規 33 件・変更 0 件・変更なし 0 件" in check.text
    rows = table_rows(check.text, "budget-changes")
    assert rows[0] == ["新規", "事業別予算!4:4", f"事業: {NURSERY} 2023年度",
                       "当初予算: — → 182,000,000円補正後予算: — → 195,500,000円決算額: — → 190,321,000円"
                       "国庫支出金: — → 95,000,000円都道府県支出金: — → 47,500,000円地方債: — → 30,000,000円"
                       "その他特定財源: — → 0円一般財源: — → 17,821,000円正規職員（人工）: — → 1.50"
                       "会計年度任用職員（人工）: — → 0.50"]
    assert stored_budgets(world.engine) == 0  # nothing stored by the check
    carried = re.search(r'name="workbook" value="([^"]+)"', check.text).group(1)
    assert base64.b64decode(carried) == WORKBOOK  # the workbook rides in the form: no file on the server
    digest = re.search(r'name="digest" value="([0-9a-f]{64})"', check.text).group(1)
    forged = admin.post(f"{url}/confirm", data={"csrf_token": "forged", "workbook": carried, "filename": "k.xlsx",
                                                "digest": digest})
    assert forged.status_code == 403 and stored_budgets(world.engine) == 0
    done = admin.post(f"{url}/confirm", data={"csrf_token": csrf, "workbook": carried, "filename": "kaede-budget.xlsx",
                                              "digest": digest})
    assert done.status_code == 303 and done.headers["location"] == f"{url}?msg=done:33:0"
    assert stored_budgets(world.engine) == 17
    shown = admin.get(done.headers["location"])
    assert "予算ワークブックを登録しました（新規 33 件・変更 0 件）。" in shown.text
    again = admin.post(f"{url}/check", data={"csrf_token": csrf}, files={"file": ("kaede-budget.xlsx", WORKBOOK, "x")})
    assert "新規 0 件・変更 0 件・変更なし 33 件" in again.text and 'name="digest"' not in again.text
    assert "変更はありません。登録済みの内容と同じです。" in again.text


def test_confirm_refuses_when_what_is_stored_moved_since_the_check(world) -> None:  # noqa: ANN001
    admin, csrf = sign_in(world.engine, "kikaku")
    url = f"/staff/plans/{world.plan_id}/budget"
    check = admin.post(f"{url}/check", data={"csrf_token": csrf}, files={"file": ("kaede-budget.xlsx", WORKBOOK, "x")})
    form = {"csrf_token": csrf, "filename": "kaede-budget.xlsx",
            "workbook": re.search(r'name="workbook" value="([^"]+)"', check.text).group(1),
            "digest": re.search(r'name="digest" value="([0-9a-f]{64})"', check.text).group(1)}
    budget.import_budget(world.engine, user=world.admin, plan=world.plan_id, content=WORKBOOK, filename="k.xlsx", apply=True)
    moved = admin.post(f"{url}/confirm", data=form)
    assert moved.status_code == 409
    assert "確認の後に登録内容が変わりました" in moved.text and "新規 0 件・変更 0 件・変更なし 33 件" in moved.text
    lost = admin.post(f"{url}/confirm", data={**form, "workbook": "not base64!"})
    assert lost.status_code == 422 and "確認した内容を読み取れません" in lost.text


def test_a_bad_workbook_is_refused_whole_with_every_place_in_japanese_and_english(world) -> None:  # noqa: ANN001
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "予算"
    for row in (["単位：千円"], ["年度", "事業名", "当初予算", "決算額"], [2024, NURSERY, "未定", 100],
                [2024, "存在しない事業", 50, 40]):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    admin, csrf = sign_in(world.engine, "kikaku")
    url = f"/staff/plans/{world.plan_id}/budget"
    refused = admin.post(f"{url}/check", data={"csrf_token": csrf}, files={"file": ("bad.xlsx", out.getvalue(), "x")})
    assert refused.status_code == 422
    problems = [text_of(li) for li in re.findall(r"<li>(.*?)</li>", re.search(
        r'<ul class="budget-problems">(.*?)</ul>', refused.text, re.S).group(1))]
    assert problems == ["予算!C3: 数値ではありません: 未定", "予算!B4: この計画に事業「存在しない事業」はありません"]
    assert "bad.xlsx: 2 件の問題があるため、何も登録していません。" in refused.text
    english = admin.post(f"{url}/check?lang=en", data={"csrf_token": csrf}, files={"file": ("bad.xlsx", out.getvalue(), "x")})
    assert "予算!C3: not a number: 未定" in english.text
    assert stored_budgets(world.engine) == 0
    assert admin.post(f"{url}/check", data={"csrf_token": csrf}).status_code == 422  # no file
    assert admin.post(f"{url}/check", data={"csrf_token": csrf},
                      files={"file": ("notes.xlsx", b"not a workbook", "x")}).status_code == 422


def test_staff_exports_count_drafts_and_public_ones_do_not(funded) -> None:  # noqa: ANN001
    from cycle_helpers import DEADLINE
    from keikaku.services import cycle
    from keikaku.services.exports.context import load_year_report
    from keikaku.services.exports.workbook import render_xlsx

    cycle.open_cycle(funded.engine, user=funded.admin, plan=funded.plan_id, year=2025, deadline=DEADLINE)
    actuals.enter_actual(funded.engine, user=funded.hoiku, plan=funded.plan_id, indicator=SHARE, year=2025, value=60.5)

    def unit_row(content: bytes) -> list[object]:
        rows = [list(r) for r in load_workbook(io.BytesIO(content))["事業費・コスト"].iter_rows(values_only=True)]
        return next(r for r in rows if r[1] == SHARE)[:5]

    staff = render_xlsx(load_year_report(funded.engine, funded.plan_id, 2025, audience=Audience.STAFF))
    assert unit_row(staff) == ["施策 1 子育て支援の充実", SHARE, "60.5%", "1,813,636.36", None]  # 109,725,000 / 60.5
    public = client(funded.engine).get(f"/plans/{funded.plan_id}/report.xlsx?year=2025").content
    assert unit_row(public) == ["施策 1 子育て支援の充実", SHARE, None, None, "実績値なし"]
