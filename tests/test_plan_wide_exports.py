"""The plan-wide sheet (計画全体の指標: the plan's own indicators and their evaluation) in the year's
exports: first in the Excel workbook and the PDF report, for staff with drafts marked and for the
public only once approved; through the services, ``keikaku export`` and the public downloads
(SQLite, or PostgreSQL with KEIKAKU_TEST_DATABASE_URL)."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import Engine, select
from typer.testing import CliRunner

from keikaku.cli.main import app as cli_app
from keikaku.services import cycle, exports as ex, public_downloads, reminders
from keikaku.services.exports.report import report_html
from keikaku.services.plans import EXAMPLE_DIR, load_plan_file
from keikaku.storage import models as m
from keikaku.storage.database import make_engine, transaction
from keikaku.web.app import create_app
from keikaku.web.i18n import WORDS

TITLE = "かえで市第2次総合計画（架空の例）"
SATISFACTION = "住み続けたいと感じる市民の割合"  # 60% (2019) → 70% (2030); 61 in FY2023, a draft 65 in FY2024
POPULATION = "総人口"  # 118,000 (2019) → 120,000 (2030); 118,700 in FY2024
PLAN_WIDE = "計画全体の指標"
OWNER = "企画政策課（計画全体）"
REASONS = "定住意向は前年度から上昇した。"
ISSUES = "人口は横ばいが続いている。"
COMMENT = "調査の標本数を保つこと。"
MEASURE_SHEETS = [
    "1 子育て支援の充実", "2 学校教育の充実", "3 生涯学習の推進", "4 スポーツ・文化活動の振興", "5 健康づくりの推進",
    "6 地域福祉の推進", "7 防災力の向上", "8 防犯・交通安全の推進", "9 地域産業の振興", "10 循環型社会の形成",
    "11 快適な都市空間の形成", "12 市民協働の推進",
]
INDICATOR_HEAD = ["指標名", "単位", "基準値", "基準年度", "令和3年度", "令和4年度", "令和5年度", "令和6年度", "目標値", "目標年度",
                  "達成率(%)", "進捗率(%)", "状況", "評価"]
SUMMARY_HEAD = ["体系", "番号", "施策", "所管課", "指標数", "平均達成率(%)", "指標の状況", "自己評価", "審査状況"]
EVALUATION = ("自己評価", "評価の理由", "課題", "次年度の方向性", "審査状況", "審査コメント")
runner = CliRunner()


def plan_file(directory: Path) -> Path:
    """かえで市's plan with two plan-wide indicators after its own: one with a published FY2023 and a
    draft FY2024 actual, one with a published FY2024 actual."""
    doc = json.loads((EXAMPLE_DIR / "kaede-comprehensive-plan.json").read_text(encoding="utf-8"))
    doc["indicators"] += [
        {"node": None, "name": SATISFACTION, "kind": "outcome", "unit": "%", "direction": "increase",
         "baseline": {"value": 60, "year": 2019, "text": "60%"}, "target": {"value": 70, "year": 2030, "text": "70%"},
         "actuals": [{"year": 2023, "value": 61, "text": "61%"}, {"year": 2024, "value": 65, "text": "65%", "status": "draft"}]},
        {"node": None, "name": POPULATION, "kind": "outcome", "unit": "人", "direction": "increase",
         "baseline": {"value": 118000, "year": 2019, "text": "118,000人"},
         "target": {"value": 120000, "year": 2030, "text": "120,000人"}, "actuals": [{"year": 2024, "value": 118700}]},
    ]
    path = directory / "kaede-plan-wide.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def add_cycle(engine: Engine, plan_id: int, status: str) -> None:
    """FY2024's cycle with the plan-wide sheet in ``status`` (approved, submitted …)."""
    with transaction(engine) as s:
        row = m.EvaluationCycle(plan_id=plan_id, year=2024, deadline=datetime(2025, 6, 30), scale="abcd", status="open")
        s.add(row)
        s.flush()
        s.add(m.EvaluationSheet(cycle_id=row.id, node_id=None, status=status, self_grade="B", reasons=REASONS,
                                issues=ISSUES, next_direction="継続", review_comment=COMMENT, version=3))


@pytest.fixture
def plan(engine: Engine, tmp_path: Path) -> int:
    return load_plan_file(engine, plan_file(tmp_path)).plan_id


def rows_of(ws) -> list[list[object]]:  # noqa: ANN001
    """The worksheet's non-empty rows, trailing empty cells cut."""
    out = []
    for row in ws.iter_rows(values_only=True):
        values = list(row)
        while values and values[-1] is None:
            values.pop()
        if values:
            out.append(values)
    return out


def labelled(ws) -> dict[str, object]:  # noqa: ANN001
    return {r[0].value: r[1].value for r in ws.iter_rows(min_col=1, max_col=2) if isinstance(r[0].value, str)}


def pdf_pages(data: bytes) -> list[str]:
    doc = pdfium.PdfDocument(data)
    return [doc[i].get_textpage().get_text_range().replace("\r", "").replace("\n", "") for i in range(len(doc))]


# --- the workbook ------------------------------------------------------------------------------

def test_staff_workbook_has_the_plan_wide_sheet_first_with_drafts_marked(engine: Engine, plan: int) -> None:
    add_cycle(engine, plan, "submitted")
    wb = load_workbook(io.BytesIO(ex.export_xlsx(engine, plan, 2024)))
    assert wb.sheetnames == ["概要", PLAN_WIDE, *MEASURE_SHEETS]
    ws = wb[PLAN_WIDE]
    assert rows_of(ws) == [
        [PLAN_WIDE],
        ["計画", TITLE],
        ["自治体", "かえで市 (990019)"],
        ["所管課", OWNER],
        ["年度", "令和6年度 (2024)"],
        ["成果・活動指標"],
        ["※ 網掛けの実績値は下書き（未承認）です"],
        INDICATOR_HEAD,
        [SATISFACTION, "%", 60, 2019, None, None, 61, 65, 70, 2030, 92.9, 50, "順調", "A"],
        [POPULATION, "人", 118000, 2019, None, None, None, 118700, 120000, 2030, 98.9, 35, "やや遅れている", "C"],
        ["評価"],
        ["自己評価", "B"], ["評価の理由", REASONS], ["課題", ISSUES], ["次年度の方向性", "継続"], ["審査状況", "提出済"],
        ["審査コメント", COMMENT],
    ]  # no 体系 or level line (it is no node) and no 主な事業 (it has no projects)
    draft = ws["H10"]
    assert (draft.value, draft.fill.fgColor.rgb, draft.comment.text) == (65, "00FCE4D6", "下書き（未承認）")
    assert ws["H11"].comment is None and ws["G10"].comment is None  # published actuals are not marked
    summary = rows_of(wb["概要"])
    head = summary.index(SUMMARY_HEAD)
    assert summary[head + 1] == [None, None, PLAN_WIDE, OWNER, 2, 95.9, "順調 1、やや遅れている 1", "B", "提出済"]
    assert summary[head + 2][:3] == ["子育てと教育の充実", "1", "子育て支援の充実"]
    assert len(summary) == head + 1 + 13
    link = wb["概要"].cell(row=next(r.row for r in wb["概要"]["C"] if r.value == PLAN_WIDE), column=3).hyperlink
    assert link.location == f"'{PLAN_WIDE}'!A1"


def test_public_workbook_shows_the_plan_wide_sheet_only_once_approved(engine: Engine, plan: int) -> None:
    add_cycle(engine, plan, "submitted")
    before = load_workbook(io.BytesIO(public_downloads.plan_xlsx(engine, plan, 2024).body))
    assert before.sheetnames == ["概要", PLAN_WIDE, *MEASURE_SHEETS]  # its indicators are public; its sheet is not yet
    table = rows_of(before[PLAN_WIDE])
    assert table[table.index(INDICATOR_HEAD) + 1] == [
        SATISFACTION, "%", 60, 2019, None, None, 61, None, 70, 2030, 87.1, 10, "遅れている", "D"]  # no FY2024 draft
    assert "※ 網掛けの実績値は下書き（未承認）です" not in [r[0] for r in table]
    assert [labelled(before[PLAN_WIDE])[k] for k in EVALUATION] == [None, None, None, None, "未公表", None]
    summary = rows_of(before["概要"])
    assert summary[summary.index(SUMMARY_HEAD) + 1] == [
        None, None, PLAN_WIDE, OWNER, 2, 93, "やや遅れている 1、遅れている 1", None, "未公表"]

    with transaction(engine) as s:
        sheet = s.scalar(select(m.EvaluationSheet).where(m.EvaluationSheet.node_id.is_(None)))
        sheet.status = "approved"
        s.get(m.Plan, plan).updated_at = datetime(2026, 1, 1)  # as the cycle's services mark a changed plan
    after = load_workbook(io.BytesIO(public_downloads.plan_xlsx(engine, plan, 2024).body))
    assert [labelled(after[PLAN_WIDE])[k] for k in EVALUATION] == ["B", REASONS, ISSUES, "継続", "承認済", COMMENT]


def test_a_plan_without_plan_wide_indicators_has_no_plan_wide_sheet(engine: Engine) -> None:
    plain = load_plan_file(engine, EXAMPLE_DIR / "kaede-comprehensive-plan.json").plan_id
    wb = load_workbook(io.BytesIO(ex.export_xlsx(engine, plain, 2024)))
    assert wb.sheetnames == ["概要", *MEASURE_SHEETS]
    report = ex.load_year_report(engine, plain, 2024, audience=ex.Audience.STAFF)
    assert [x.plan_wide for x in report.measures] == [False] * 12
    assert PLAN_WIDE not in report_html(report)


def test_a_year_without_a_cycle_lists_the_plan_wide_indicators_unevaluated(engine: Engine, plan: int) -> None:
    add_cycle(engine, plan, "approved")
    wb = load_workbook(io.BytesIO(ex.export_xlsx(engine, plan, 2023)))
    assert wb.sheetnames[:2] == ["概要", PLAN_WIDE]
    assert [labelled(wb[PLAN_WIDE])[k] for k in EVALUATION] == [None, None, None, None, "未作成", None]  # FY2024's sheet is not FY2023's
    table = rows_of(wb[PLAN_WIDE])
    head = table.index(["指標名", "単位", "基準値", "基準年度", "令和3年度", "令和4年度", "令和5年度", "目標値", "目標年度",
                        "達成率(%)", "進捗率(%)", "状況", "評価"])
    assert table[head + 1:head + 3] == [
        [SATISFACTION, "%", 60, 2019, None, None, 61, 70, 2030, 87.1, 10, "遅れている", "D"],
        [POPULATION, "人", 118000, 2019, None, None, None, 120000, 2030, None, None, "データなし"],
    ]


# --- the report --------------------------------------------------------------------------------

def test_pdf_report_prints_the_approved_plan_wide_sheet_first(engine: Engine, plan: int) -> None:
    add_cycle(engine, plan, "approved")
    pages = pdf_pages(ex.export_pdf(engine, plan, 2024))
    assert len(pages) == 14  # the summary, the plan-wide sheet, a page per measure
    assert pages[0].index(PLAN_WIDE) < pages[0].index("子育て支援の充実")
    assert f"{PLAN_WIDE}{OWNER}2" in pages[0].replace(" ", "")  # its summary row: title, owner, 2 indicators
    wide = pages[1]
    for words in (f"所管課: {OWNER}", SATISFACTION, POPULATION, "118,700人", REASONS, ISSUES, COMMENT, "承認済"):
        assert words in wide, words
    assert "主な事業" not in wide and "65%" not in wide  # no projects; the FY2024 draft stays out of a public report
    assert pages[2].count("施策 1 子育て支援の充実") >= 1


def test_public_report_leaves_out_a_plan_wide_sheet_under_review(engine: Engine, plan: int) -> None:
    add_cycle(engine, plan, "returned")
    html = report_html(ex.load_year_report(engine, plan, 2024))
    section = html[html.index('<h2 class="measure">計画全体の指標</h2>'):html.index("施策 1 子育て支援の充実")]
    assert "この年度の評価は公表されていません。" in section and REASONS not in html and "差戻し" not in html
    assert f'<tr class="plan-wide"><td class="c"></td><td>{PLAN_WIDE}</td><td>{OWNER}</td>' in html
    staff = report_html(ex.load_year_report(engine, plan, 2024, audience=ex.Audience.STAFF))
    assert REASONS in staff and "差戻し" in staff


# --- open data, the downloads, keikaku export ------------------------------------------------------

def test_csv_rows_of_the_plan_wide_indicators(engine: Engine, plan: int) -> None:
    add_cycle(engine, plan, "approved")
    rows = list(csv.DictReader(io.StringIO(ex.export_csv(engine, plan, 2024).decode("utf-8-sig"))))
    wide = [r for r in rows if r["indicator"] in (SATISFACTION, POPULATION)]
    assert [(r["node_number"], r["node_title"], r["indicator"], r["year"], r["value"], r["achievement_rate"],
             r["progress_rate"], r["status"], r["grade"]) for r in wide] == [
        ("", "", SATISFACTION, "2023", "61", "87.1", "10.0", "behind", "D"),
        ("", "", POPULATION, "2024", "118700", "98.9", "35.0", "slightly_behind", "C"),
    ]  # published actuals only: the FY2024 draft of the survey is not open data


def test_site_downloads_carry_the_approved_plan_wide_sheet(engine: Engine, plan: int) -> None:
    add_cycle(engine, plan, "approved")
    client = TestClient(create_app(engine))
    xlsx = client.get(f"/plans/{plan}/report.xlsx", params={"year": 2024})
    assert xlsx.status_code == 200
    wb = load_workbook(io.BytesIO(xlsx.content))
    assert wb.sheetnames[1] == PLAN_WIDE and labelled(wb[PLAN_WIDE])["評価の理由"] == REASONS
    pdf = client.get(f"/plans/{plan}/report.pdf", params={"year": 2024})
    assert pdf.status_code == 200 and REASONS in pdf_pages(pdf.content)[1]
    as_json = client.get(f"/plans/{plan}/plan.json").json()
    assert [(s["node"], s["reasons"]) for s in as_json["cycles"][0]["sheets"]] == [(None, REASONS)]


def test_cli_export_writes_the_plan_wide_sheet(cli_env: str, tmp_path: Path) -> None:
    engine = make_engine(cli_env)
    try:
        plan_id = load_plan_file(engine, plan_file(tmp_path)).plan_id
        add_cycle(engine, plan_id, "draft")
    finally:
        engine.dispose()
    out = tmp_path / "kaede-2024.xlsx"
    result = runner.invoke(cli_app, ["export", "--plan", str(plan_id), "--year", "2024", "--format", "xlsx", "--output", str(out)])
    assert result.exit_code == 0, result.output
    wb = load_workbook(out)
    assert wb.sheetnames[:3] == ["概要", PLAN_WIDE, "1 子育て支援の充実"]
    assert labelled(wb[PLAN_WIDE])["審査状況"] == "作成中"  # staff see a sheet still being written
    bad = runner.invoke(cli_app, ["export", "--plan", str(plan_id), "--year", "1700", "--format", "xlsx", "--output", str(out)])
    assert bad.exit_code == 2 and "1700" in bad.output


# --- one name for the plan's owner ---------------------------------------------------------------

def test_the_plan_owner_is_named_once() -> None:
    assert cycle.PLAN_OWNER_WORDS == (OWNER, "Planning division (plan-wide)")
    assert cycle.PLAN_OWNER_LABEL == OWNER
    assert reminders.WORDS["plan_owner"] is cycle.PLAN_OWNER_WORDS and WORDS["plan_owner"] is cycle.PLAN_OWNER_WORDS
    assert reminders.WORDS["plan_wide"] is cycle.PLAN_WIDE_WORDS and WORDS["plan_wide"] is cycle.PLAN_WIDE_WORDS
