"""Exports of a plan's year: open-data CSV, Excel evaluation sheets, the PDF report, and the
complete plan JSON that ``keikaku load`` restores; and ``keikaku export``."""

from __future__ import annotations

import csv
import io
import re
import json
import subprocess
from datetime import datetime
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine, select
from typer.testing import CliRunner

from keikaku.cli.main import app
from keikaku.domain import planfile as pf
from keikaku.domain.errors import NotFoundError, PlanFileError
from keikaku.services import exports as ex
from keikaku.services import charts
from keikaku.services.exports.report import report_html
from keikaku.services.exports.workbook import sheet_title
from keikaku.services.plans import EXAMPLE_DIR, LoadOutcome, load_plan, load_plan_file
from keikaku.storage import migrate
from keikaku.storage import models as m
from keikaku.storage.database import make_engine, transaction

EXAMPLE = EXAMPLE_DIR / "kaede-comprehensive-plan.json"
KEY = "990019:comprehensive-2"
TITLE = "かえで市第2次総合計画（架空の例）"
REASONS = "刑法犯認知件数は目標に向けて順調に減少している。\n防犯カメラの設置も進んだ。"
ISSUES = "高齢者の交通事故が増えている。"
COMMENT = "地域と連携して続けること。"
PROGRESS = "補助件数 42 件（前年度比 +8 件）"
CSV_HEADER = [
    "municipality_code", "municipality", "plan", "node_number", "node_title", "indicator", "unit", "year", "value",
    "baseline", "baseline_year", "target", "target_year", "progress_rate", "achievement_rate", "status", "grade",
    "sample_size", "margin_of_error", "ci_low", "ci_high", "significance",
]
MEASURE_SHEETS = [
    "1 子育て支援の充実", "2 学校教育の充実", "3 生涯学習の推進", "4 スポーツ・文化活動の振興", "5 健康づくりの推進",
    "6 地域福祉の推進", "7 防災力の向上", "8 防犯・交通安全の推進", "9 地域産業の振興", "10 循環型社会の形成",
    "11 快適な都市空間の形成", "12 市民協働の推進",
]
runner = CliRunner()


def add_evaluation(engine: Engine, plan_id: int) -> None:
    """FY2024's cycle with an approved sheet for 施策 8 and its project's progress, plus two draft
    actuals (FY2024 of an indicator last reported in 2022, and FY2025) that no year export may show."""
    with transaction(engine) as s:
        def node(key: str) -> m.Node:
            return s.scalar(select(m.Node).where(m.Node.plan_id == plan_id, m.Node.key == key))

        def indicator(name: str) -> m.Indicator:
            return s.scalar(select(m.Indicator).where(m.Indicator.plan_id == plan_id, m.Indicator.name == name))

        cycle = m.EvaluationCycle(plan_id=plan_id, year=2024, deadline=datetime(2025, 6, 30), scale="abcd", status="open")
        s.add(cycle)
        s.flush()
        s.add(m.EvaluationSheet(cycle_id=cycle.id, node_id=node("m8").id, status="approved", self_grade="A", reasons=REASONS,
                                issues=ISSUES, next_direction="継続", review_comment=COMMENT, version=3))
        camera = s.scalar(select(m.Project).where(m.Project.plan_id == plan_id, m.Project.name == "防犯カメラ設置補助事業"))
        s.add(m.ProjectProgress(cycle_id=cycle.id, project_id=camera.id, stage="推進", progress=PROGRESS))
        s.add(m.Observation(indicator_id=indicator("授業の内容がよく分かると答えた児童の割合").id, position=5, year=2024,
                            value=81.5, status="draft"))
        s.add(m.Observation(indicator_id=indicator("刑法犯認知件数").id, position=5, year=2025, value=880, status="draft"))


@pytest.fixture
def kaede(engine: Engine) -> int:
    result = load_plan_file(engine, EXAMPLE)
    add_evaluation(engine, result.plan_id)
    return result.plan_id


# CSV: open data ---------------------------------------------------------------------------------

def read_csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_is_tidy_open_data(engine: Engine, kaede: int) -> None:
    data = ex.export_csv(engine, kaede, 2024)
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\r\n") == 65 and b"\n" not in data.replace(b"\r\n", b"")  # CRLF after every line, no bare LF
    rows = read_csv(data)
    assert rows[0] == CSV_HEADER
    body = [dict(zip(CSV_HEADER, r)) for r in rows[1:]]
    assert len(body) == 64  # 62 published actual years + a row for each of the 2 indicators without actuals
    crime = next(r for r in body if r["indicator"] == "刑法犯認知件数" and r["year"] == "2023")
    assert crime == {
        "municipality_code": "990019", "municipality": "かえで市", "plan": TITLE, "node_number": "8",
        "node_title": "防犯・交通安全の推進", "indicator": "刑法犯認知件数", "unit": "件", "year": "2023", "value": "905",
        "baseline": "1070", "baseline_year": "2019", "target": "900", "target_year": "2025", "progress_rate": "97.1",
        "achievement_rate": "99.4", "status": "on_track", "grade": "A",
        "sample_size": "", "margin_of_error": "", "ci_low": "", "ci_high": "", "significance": "",  # not a survey share
    }
    stock = next(r for r in body if r["indicator"] == "避難所の備蓄品の整備")
    assert (stock["year"], stock["value"], stock["status"], stock["grade"]) == ("", "", "qualitative", "")  # a worded target
    waiting = next(r for r in body if r["indicator"] == "保育所等待機児童数" and r["year"] == "2024")
    assert (waiting["value"], waiting["achievement_rate"], waiting["progress_rate"], waiting["grade"]) == ("6", "", "75.0", "B")  # 0 ÷ 6 is no achievement: the progress rate speaks
    # drafts stay out: no FY2025, and the class-understanding survey still ends in 2022
    assert {r["year"] for r in body} == {"", "2021", "2022", "2023", "2024"}
    assert [r["year"] for r in body if r["indicator"].startswith("授業の内容")] == ["2021", "2022"]


def test_csv_of_an_earlier_year_stops_there(engine: Engine, kaede: int) -> None:
    rows = read_csv(ex.export_csv(engine, KEY, 2023))[1:]
    assert len(rows) == 50  # the 14 actuals of FY2024 are left out
    assert max(r[7] for r in rows if r[7]) == "2023"


# XLSX: evaluation sheets -------------------------------------------------------------------------

def labelled(ws) -> dict[str, object]:  # noqa: ANN001
    return {row[0].value: row[1].value for row in ws.iter_rows(min_col=1, max_col=2) if isinstance(row[0].value, str)}


def table(ws, first: str) -> list[list[object]]:  # noqa: ANN001
    """The rows of the table whose header row starts with ``first``, header included, up to a blank row."""
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    start = next(i for i, r in enumerate(rows) if r[0] == first)
    out = []
    for r in rows[start:]:
        if r[0] is None:
            break
        while r and r[-1] is None:
            r.pop()
        out.append(r)
    return out


def test_xlsx_has_a_sheet_per_measure_laid_out_like_the_plan(engine: Engine, kaede: int) -> None:
    wb = load_workbook(io.BytesIO(ex.export_xlsx(engine, kaede, 2024)))
    assert wb.sheetnames == ["概要", *MEASURE_SHEETS]
    ws = wb["8 防犯・交通安全の推進"]
    assert ws["A1"].value == "施策 8 防犯・交通安全の推進" and ws["A1"].font.bold
    head = labelled(ws)
    assert (head["計画"], head["自治体"], head["施策"], head["所管課"], head["年度"]) == (
        TITLE, "かえで市 (990019)", "施策 8 防犯・交通安全の推進", "防災安全課、道路課", "令和6年度 (2024)")
    assert head["体系"] == "基本目標 Ⅱ 安心して暮らし続けられるまち ＞ 政策 4 安全・安心なまちの実現"
    assert table(ws, "指標名") == [
        ["指標名", "単位", "基準値", "基準年度", "令和3年度", "令和4年度", "令和5年度", "令和6年度", "目標値", "目標年度",
         "達成率(%)", "進捗率(%)", "状況", "評価"],
        ["刑法犯認知件数", "件", 1070, 2019, 1012, 948, 905, 921, 900, 2025, 97.7, 87.6, "順調", "A"],
        ["市内の交通事故発生件数", "件", 312, 2019, 284, 291, 266, 258, 250, 2025, 96.9, 87.1, "順調", "A"],
    ]
    assert all(c.font.bold for c in ws[next(r for r in range(1, 40) if ws.cell(r, 1).value == "指標名")] if c.value)
    assert table(ws, "事業名") == [
        ["事業名", "所管課", "令和3年度", "令和4年度", "令和5年度", "令和6年度", "令和7年度", "今年度の計画", "今年度の段階", "進捗状況"],
        ["防犯カメラ設置補助事業", "防災安全課", "検討", "実施", "実施", "推進", "推進", "推進", "推進", PROGRESS],
    ]
    assert {k: head[k] for k in ("自己評価", "評価の理由", "課題", "次年度の方向性", "審査状況", "審査コメント")} == {
        "自己評価": "A", "評価の理由": REASONS, "課題": ISSUES, "次年度の方向性": "継続", "審査状況": "承認済",
        "審査コメント": COMMENT,
    }
    assert ws.column_dimensions["A"].width >= 30


def test_xlsx_blank_evaluation_and_summary(engine: Engine, kaede: int) -> None:
    wb = load_workbook(io.BytesIO(ex.export_xlsx(engine, kaede, 2024)))
    school = wb["2 学校教育の充実"]
    assert table(school, "指標名")[1] == [
        "授業の内容がよく分かると答えた児童の割合", "%", 78.3, 2019, 79.5, 80.2, None, 81.5, 85, 2025, 95.9, 47.8,
        "やや遅れている", "C",
    ]  # staff see the FY2024 draft (marked: test_staff_exports_mark_drafts_public_ones_leave_them_out)
    evaluation = labelled(school)
    assert [evaluation[k] for k in ("自己評価", "評価の理由", "審査状況", "審査コメント")] == [None, None, "未作成", None]
    summary = table(wb["概要"], "体系")
    assert summary[0] == ["体系", "番号", "施策", "所管課", "指標数", "平均達成率(%)", "指標の状況", "自己評価", "審査状況"]
    assert len(summary) == 13
    assert summary[2][5] == 95.9  # with the FY2024 draft
    assert summary[8] == ["安全・安心なまちの実現", "8", "防犯・交通安全の推進", "防災安全課、道路課", 2, 97.3, "順調 2", "A", "承認済"]
    link = next(c for c in wb["概要"]["C"] if c.value == "防犯・交通安全の推進").hyperlink
    assert (link.location, link.target) == ("'8 防犯・交通安全の推進'!A1", None)


def test_staff_exports_mark_drafts_public_ones_leave_them_out(engine: Engine, kaede: int) -> None:
    """Excel and JSON (staff) hold the draft actuals, marked; CSV and the PDF report (public) hold
    published actuals and approved sheets only, as the public site's downloads."""
    from keikaku.services import public_downloads

    with transaction(engine) as s:  # a sheet still being written: staff see it, the public never
        cycle = s.scalar(select(m.EvaluationCycle).where(m.EvaluationCycle.plan_id == kaede))
        school = s.scalar(select(m.Node).where(m.Node.plan_id == kaede, m.Node.key == "m2"))
        s.add(m.EvaluationSheet(cycle_id=cycle.id, node_id=school.id, status="submitted", self_grade="D",
                                reasons="下書きの理由", next_direction="改善", version=2))
    wb = load_workbook(io.BytesIO(ex.export_xlsx(engine, kaede, 2024)))
    ws = wb["2 学校教育の充実"]
    draft = next(c for row in ws.iter_rows() for c in row if c.value == 81.5)
    assert (draft.coordinate, draft.fill.fgColor.rgb, draft.comment.text) == ("H12", "00FCE4D6", "下書き（未承認）")
    assert ws["A10"].value == "※ 網掛けの実績値は下書き（未承認）です"
    assert ws["G12"].comment is None and ws["G12"].fill.fgColor.rgb != "00FCE4D6"  # no actual, no mark
    assert labelled(wb["概要"])["実績値"] == "下書きを含む（網掛けの実績値は下書き（未承認）です）"
    assert [labelled(ws)[k] for k in ("自己評価", "評価の理由", "審査状況")] == ["D", "下書きの理由", "提出済"]
    public = load_workbook(io.BytesIO(public_downloads.plan_xlsx(engine, kaede, 2024).body))
    assert table(public["2 学校教育の充実"], "指標名")[1][4:8] == [79.5, 80.2, None, None]
    assert "実績値" not in labelled(public["概要"])
    assert [labelled(public["2 学校教育の充実"])[k] for k in ("自己評価", "審査状況")] == [None, "未公表"]

    as_json = json.loads(ex.export_json(engine, kaede, 2024))
    survey = next(i for i in as_json["indicators"] if i["name"].startswith("授業の内容"))
    assert [(a["year"], a["value"], a["status"]) for a in survey["actuals"]][-1] == (2024, 81.5, "draft")
    assert {s["status"] for c in as_json["cycles"] for s in c["sheets"]} == {"approved", "submitted"}

    csv_rows = [dict(zip(CSV_HEADER, r)) for r in read_csv(ex.export_csv(engine, kaede, 2024))[1:]]
    assert [r["year"] for r in csv_rows if r["indicator"].startswith("授業の内容")] == ["2021", "2022"]
    html = report_html(ex.load_year_report(engine, kaede, 2024))
    assert "81.5" not in html and "下書きの理由" not in html and "提出済" not in html
    assert REASONS.splitlines()[0] in html  # the approved sheet is printed
    staff = ex.load_year_report(engine, kaede, 2024, audience=ex.Audience.STAFF)
    assert next(i for i in staff.indicators if i.indicator.name.startswith("授業の内容")).draft


def test_public_report_before_anything_is_published_says_so(engine: Engine) -> None:
    """No approved sheet yet: the public report says 未公表 for every measure, as the evaluations
    pages do, and never 未作成 (which would tell citizens that no department began)."""
    plan_id = load_plan_file(engine, EXAMPLE).plan_id
    html = report_html(ex.load_year_report(engine, plan_id, 2024))
    rows = re.findall(r'<td class="c">(未公表|未作成|承認済)</td></tr>', html)
    assert rows == ["未公表"] * 12
    assert "この年度に公表された施策評価はまだありません。" in html and "未作成" not in html
    assert html.count("この年度の評価は公表されていません。") == 12
    staff = report_html(ex.load_year_report(engine, plan_id, 2024, audience=ex.Audience.STAFF))
    assert re.findall(r'<td class="c">(未公表|未作成|承認済)</td></tr>', staff) == ["未作成"] * 12
    assert "未公表" not in staff and "この年度の評価シートはありません。" in staff
    summary = table(load_workbook(io.BytesIO(ex.export_xlsx(engine, plan_id, 2024)))["概要"], "体系")
    assert {row[8] for row in summary[1:]} == {"未作成"}  # the Excel report is the staff's


def test_sheet_titles_are_legal_and_unique() -> None:
    taken: set[str] = set()
    node = pf.Node(id="n", level="施策", number="25", title="防犯[体制]:強化*?/\\の推進と地域の見守り活動の充実による安全なまちづくり")
    first, second = sheet_title(node, taken), sheet_title(node, taken)
    assert first == "25 防犯体制強化の推進と地域の見守り活動の充実による安全なま"
    assert len(first) <= 31 and len(second) <= 31 and second.endswith("~2") and first != second
    assert sheet_title(pf.Node(id="x", level="施策", title="概要"), taken) == "概要~2"


# PDF: the year's report --------------------------------------------------------------------------

def test_pdf_report(engine: Engine, kaede: int, tmp_path: Path) -> None:
    data = ex.export_pdf(engine, kaede, 2024)
    assert data.startswith(b"%PDF-")
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    for words in (TITLE, "令和6年度 施策評価報告書", "防犯・交通安全の推進", "刑法犯認知件数", "905", "承認済", "補助件数 42 件"):
        assert words in text
    pages = text.split("\f")
    assert len([p for p in pages if p.strip()]) == 13  # the summary, then a page per measure
    assert "1 / 13" in pages[0] and "9 / 13" in pages[8]
    assert "施策 8 防犯・交通安全の推進" in pages[8] and "目標 900件" in pages[8]
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Noto-Sans-CJK-JP" in fonts
    pdf = pdfium.PdfDocument(data)
    paths = list(pdf[8].get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=5))
    assert len(paths) > 40  # two vector charts and the tables' rules; no raster image
    assert not list(pdf[8].get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=5))


def test_report_html_has_a_chart_per_numeric_indicator(engine: Engine, kaede: int) -> None:
    html = report_html(ex.load_year_report(engine, kaede, 2024))
    assert html.count("<svg ") == 18  # 19 indicators; 避難所の備蓄品の整備 has no number (a target without actuals still has a chart)
    assert '刑法犯認知件数 (単位: 件)</title>' in html  # the pages' chart, so the PDF reads as the site does
    assert "実績: 令和3年度 (2021) 1,012件、令和4年度 (2022) 948件、令和5年度 (2023) 905件、令和6年度 (2024) 921件" in html
    assert "(2025) 880" not in html and "<script" not in html


def test_chart_of_a_maintained_a_qualitative_and_a_hostile_indicator() -> None:
    keep = pf.Indicator(name="充足率", unit="%", direction="maintain", baseline=pf.Value(value=96.5, year=2019),
                        target=pf.Value(text="維持", year=2025), actuals=[pf.Actual(year=2021, value=95.8)])
    svg = charts.plan_indicator_chart(keep, chart_id="c", year=2024)  # the pages' chart maker: one for every surface
    assert "目標 令和7年度 (2025): 96.5%" in svg and ">R7<" in svg  # 維持 aims at the baseline
    assert not charts.has_figures(pf.Indicator(name="備蓄", target=pf.Value(text="拡充")), year=2024)
    hostile = charts.plan_indicator_chart(pf.Indicator(name="<script>x</script>", actuals=[pf.Actual(year=2021, value=1)]),
                                          chart_id="h", year=2024)
    assert "<script>" not in hostile and "&lt;script&gt;" in hostile


# JSON: everything, re-loadable -------------------------------------------------------------------

def test_json_round_trip_is_exact(engine: Engine, kaede: int, empty_database_url: str) -> None:
    text = ex.export_json(engine, kaede)
    data = json.loads(text)
    assert data["cycles"] == [{
        "year": 2024, "deadline": "2025-06-30", "scale": "abcd", "status": "open",
        "sheets": [{"node": "m8", "status": "approved", "self_grade": "A", "reasons": REASONS, "issues": ISSUES,
                    "next_direction": "継続", "review_comment": COMMENT, "version": 3}],
        "project_progress": [{"project": "防犯カメラ設置補助事業", "stage": "推進", "progress": PROGRESS}],
    }]
    crime = next(i for i in data["indicators"] if i["name"] == "刑法犯認知件数")
    assert [(a["year"], a["value"], a["status"]) for a in crime["actuals"]][-2:] == [(2024, 921, "published"), (2025, 880, "draft")]

    fresh = make_engine(empty_database_url)
    try:
        migrate.upgrade(fresh)
        result = load_plan(fresh, pf.parse_plan_json(text))
        assert result.outcome is LoadOutcome.CREATED and result.key == KEY
        assert ex.export_json(fresh, KEY) == text
        assert ex.export_csv(fresh, KEY, 2024) == ex.export_csv(engine, kaede, 2024)
    finally:
        fresh.dispose()


def test_json_as_of_a_year(engine: Engine, kaede: int) -> None:
    data = json.loads(ex.export_json(engine, KEY, 2023))
    assert data["cycles"] == []
    assert max(a["year"] for i in data["indicators"] for a in i["actuals"]) == 2023


def test_reloading_an_edited_export_replaces_the_evaluations(engine: Engine, kaede: int) -> None:
    data = json.loads(ex.export_json(engine, kaede))
    data["cycles"][0]["sheets"][0]["review_comment"] = "差し戻し後に承認。"
    data["cycles"].append({"year": 2023, "status": "closed"})
    assert load_plan(engine, pf.parse_plan_document(data)).outcome is LoadOutcome.UPDATED
    again = json.loads(ex.export_json(engine, kaede))
    assert [c["year"] for c in again["cycles"]] == [2023, 2024]
    assert again["cycles"][1]["sheets"][0]["review_comment"] == "差し戻し後に承認。"
    assert again["cycles"][0] == {"year": 2023, "deadline": None, "scale": "abcd", "status": "closed", "sheets": [],
                                  "project_progress": []}


def test_plan_file_evaluation_problems() -> None:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["cycles"] = [
        {"year": 2024, "sheets": [{"node": "m8"}, {"node": "m8"}, {"node": "nope"}],
         "project_progress": [{"project": 99}, {"project": "ない事業"}, {"project": 0}, {"project": "認定こども園整備事業"}]},
        {"year": 2024, "status": "paused"},
    ]
    with pytest.raises(PlanFileError) as caught:
        pf.parse_plan_document(data)
    assert [str(p) for p in caught.value.problems] == ["cycles[1].status: Input should be 'open' or 'closed'"]
    data["cycles"][1]["status"] = "closed"
    with pytest.raises(PlanFileError) as caught:
        pf.parse_plan_document(data)
    assert [str(p) for p in caught.value.problems] == [
        "cycles[0].sheets[1].node: duplicate sheet for node 'm8'",
        "cycles[0].sheets[2].node: no node with id 'nope'",
        "cycles[0].project_progress[0].project: no project at index 99 (12 projects)",
        "cycles[0].project_progress[1].project: no project named 'ない事業'",
        "cycles[0].project_progress[3].project: duplicate progress for project 0",
        "cycles[1].year: duplicate cycle year 2024",
    ]


def test_export_errors(engine: Engine, kaede: int) -> None:
    with pytest.raises(NotFoundError):
        ex.export_csv(engine, "no-such-plan", 2024)
    with pytest.raises(ex.ExportError, match="out of range"):
        ex.export_xlsx(engine, kaede, 12024)
    with pytest.raises(ex.ExportError, match="--year"):
        ex.export(engine, kaede, format="pdf")
    with pytest.raises(ex.ExportError, match="unknown export format 'doc'"):
        ex.export(engine, kaede, format="doc", year=2024)


# keikaku export --------------------------------------------------------------------------------

@pytest.fixture
def cli_kaede(cli_env: str) -> str:
    assert runner.invoke(app, ["load", str(EXAMPLE)]).exit_code == 0
    engine = make_engine(cli_env)
    try:
        with transaction(engine) as s:
            plan_id = s.scalar(select(m.Plan.id).where(m.Plan.key == KEY))
        add_evaluation(engine, plan_id)
    finally:
        engine.dispose()
    return str(plan_id)


@pytest.mark.parametrize("fmt, magic", [("csv", b"\xef\xbb\xbfmunicipality_code,"), ("xlsx", b"PK\x03\x04"),
                                        ("pdf", b"%PDF-"), ("json", b'{\n  "format": "keikaku-plan/1"')])
def test_cli_export_each_format(cli_kaede: str, tmp_path: Path, fmt: str, magic: bytes) -> None:
    out = tmp_path / f"kaede-2024.{fmt}"
    result = runner.invoke(app, ["export", "--plan", cli_kaede, "--year", "2024", "--format", fmt, "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(magic)
    assert "書き出しました" in result.output


def test_cli_export_to_stdout_and_json_without_year(cli_kaede: str) -> None:
    as_csv = runner.invoke(app, ["export", "--plan", KEY, "--year", "2024", "-f", "csv", "-o", "-"])
    assert as_csv.exit_code == 0 and len(read_csv(as_csv.stdout_bytes)) == 65
    as_json = runner.invoke(app, ["export", "--plan", KEY, "-f", "json", "-o", "-"])
    assert as_json.exit_code == 0 and json.loads(as_json.stdout_bytes)["cycles"][0]["year"] == 2024


def test_cli_export_errors(cli_kaede: str, tmp_path: Path) -> None:
    out = str(tmp_path / "x")
    bad_format = runner.invoke(app, ["export", "--plan", KEY, "--year", "2024", "--format", "docx", "--output", out])
    assert bad_format.exit_code == 2 and "docx" in bad_format.output
    no_year = runner.invoke(app, ["export", "--plan", KEY, "--format", "xlsx", "--output", out])
    assert no_year.exit_code == 2 and "--year" in no_year.output
    unknown = runner.invoke(app, ["export", "--plan", "999", "--year", "2024", "--format", "csv", "--output", out])
    assert unknown.exit_code == 1 and "999" in unknown.output
    assert not Path(out).exists()
