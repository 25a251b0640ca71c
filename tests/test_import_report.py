"""The extraction report, --strict, --report, the debug directory and page, and stored provenance."""

from __future__ import annotations

import copy
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select, text
from typer.testing import CliRunner

from docmaker import make_docx, make_xlsx
from keikaku.cli.main import app
from keikaku.domain.planfile import PlanDocument, parse_plan_document
from keikaku.importer.debug import SourceIndex, build_page, render_page
from keikaku.importer.pipeline import extract_file
from keikaku.importer.records import RawDocument, RawLine, Source
from keikaku.importer.report import ExtractionReport
from keikaku.services import plans as svc
from keikaku.storage import migrate
from keikaku.storage import models as m
from keikaku.storage.database import make_engine, transaction
from seed_shapes import ALL_SHAPES

runner = CliRunner(env={"COLUMNS": "200"})


def seed(seeds: Path, prefix: str) -> Path:
    return next(seeds.glob(f"{prefix}_*.txt"))


@pytest.fixture(scope="module")
def reports(seeds: Path) -> dict[str, ExtractionReport]:
    return {p.name[:3]: extract_file(p).report for p in sorted(seeds.glob("0*.txt"))}


# --- counts on the seeds ---------------------------------------------------------------------

def counts(r: ExtractionReport) -> tuple:
    c = r.counts
    return (c.nodes, c.indicators, c.indicators_with_baseline, c.indicators_with_target, c.indicators_with_actuals,
            c.projects, c.actions, c.individual_plans)


def test_seed_002_counts(reports) -> None:
    r = reports["002"]
    assert (r.source, r.format) == (r.source, "text") and r.source.startswith("002_")
    # 19 indicators; 4 baselines are printed as － or - (no figure): 21, 22, B-0, 26
    assert counts(r) == (18, 19, 15, 19, 0, 16, 44, 0)
    assert r.counts.nodes_by_level == {"分野": 1, "施策": 17}
    assert (r.tables_not_understood, r.unknown_header_cells, r.figures_without_year, r.indicators_without_figures) == ([], [], [], [])
    assert r.warnings == [] and r.complete


def test_other_seeds_counts_and_warnings(reports) -> None:
    assert counts(reports["000"]) == (55, 2, 2, 2, 0, 0, 0, 0)
    assert reports["000"].counts.nodes_by_level == {"基本姿勢": 3, "政策": 6, "方向性": 17, "施策": 29}
    assert counts(reports["001"])[:2] == (19, 0) and reports["001"].counts.individual_plans == 32
    assert reports["001"].warnings == ["no_indicators"] and not reports["001"].complete
    assert reports["003"].counts.nodes == 19 and reports["003"].warnings == ["no_indicators"]
    r = reports["004"]
    assert (r.counts.nodes, r.counts.indicators, r.counts.nodes_by_level["アイデア"], r.counts.nodes_by_level["方針"]) == (42, 1, 14, 6)
    # the plan's one indicator is named in the text, with no figure printed
    assert [(x.indicator, x.node) for x in r.indicators_without_figures] == [("まちに活気があると感じる市民の割合", "目標 まちの活気を生み出す")]
    assert r.warnings == []


def test_report_is_in_the_extraction_and_serialises(seeds: Path) -> None:
    extraction = extract_file(seed(seeds, "002"))
    data = json.loads(extraction.report.to_json())
    assert data == extraction.report.to_json_dict()
    assert set(data) == {"source", "format", "raw_lines", "counts", "tables_not_understood", "unknown_header_cells",
                         "figures_without_year", "indicators_without_figures", "warnings"}
    assert data["counts"]["actions"] == 44


# --- what could not be read --------------------------------------------------------------------

UNREAD = (
    "施策 1 子育て支援\n"
    "現況と課題\n"
    "待機児童が多い。\n"
    "成果指標\n"
    "指標名\t現状値\t目標値\tＱＲコード\n"
    "待機児童数\t24人（令和2年度）\t0人（令和7年度）\t\n"
    "\n"
    "第2章 取組の体制\n"
    "取組内容\t担当\tスケジュール\n"
    "保育所の整備\t保育課\t令和5年度\n"
)


def test_table_with_a_header_not_understood_is_reported_with_its_location(tmp_path: Path) -> None:
    path = tmp_path / "unread.txt"
    path.write_text(UNREAD, encoding="utf-8")
    r = extract_file(path).report
    assert [(t.kind, t.location, t.header, t.reason) for t in r.tables_not_understood] == [
        (None, "line 9", "取組内容 | 担当 | スケジュール", "header not understood")]
    cells = [(c.cell, c.location) for c in r.unknown_header_cells]
    assert ("ＱＲコード", "line 5") in cells
    assert [c for c in cells if c[1] == "line 9"] == [("取組内容", "line 9"), ("担当", "line 9"), ("スケジュール", "line 9")]
    assert r.counts.indicators == 1 and r.warnings == []


def test_table_region_that_gave_nothing(tmp_path: Path) -> None:
    path = tmp_path / "pending.txt"
    path.write_text("施策 1 テスト\n成果指標\n指標名 現状値 目標値\n今後設定します\n", encoding="utf-8")
    r = extract_file(path).report
    assert [(t.kind, t.location, t.header, t.reason) for t in r.tables_not_understood] == [
        ("indicators", "line 3", "指標名 現状値 目標値", "no rows read")]
    assert r.warnings == ["no_indicators"]


def test_word_and_excel_tables_not_understood(tmp_path: Path) -> None:
    rows = [["取組内容", "担当", "スケジュール"], ["保育所の整備", "保育課", "令和5年度"]]
    word = extract_file(make_docx(["施策 1 子育て支援"], [rows], tmp_path / "a.docx")).report
    assert [(t.location, t.header) for t in word.tables_not_understood] == [("t1r1", "取組内容 | 担当 | スケジュール")]
    assert [c.cell for c in word.unknown_header_cells] == ["取組内容", "担当", "スケジュール"]
    excel = extract_file(make_xlsx({"取組": rows}, tmp_path / "a.xlsx")).report
    assert [t.location for t in excel.tables_not_understood] == ["取組!A1:C1"]
    assert [(c.cell, c.location) for c in excel.unknown_header_cells] == [
        ("取組内容", "取組!A1"), ("担当", "取組!B1"), ("スケジュール", "取組!C1")]


def test_figures_without_a_year(tmp_path: Path) -> None:
    path = tmp_path / "years.txt"
    path.write_text("施策 1 子育て支援\n成果指標\n指標名\t現状値\t目標値\n待機児童数\t24人\t0人\n", encoding="utf-8")
    r = extract_file(path).report
    assert [(f.indicator, f.node, f.figure, f.text) for f in r.figures_without_year] == [
        ("待機児童数", "施策 1 子育て支援", "baseline", "24人"), ("待機児童数", "施策 1 子育て支援", "target", "0人")]


# --- the command line ------------------------------------------------------------------------

NOTHING = "はじめに\nこの文書には体系も指標もありません。\n"


def test_extract_summary_on_stderr_only(seeds: Path) -> None:
    result = runner.invoke(app, ["extract", str(seed(seeds, "002"))], env={"KEIKAKU_LANG": "ja"})
    assert result.exit_code == 0
    assert json.loads(result.stdout)["title"]  # stdout is the plan JSON alone
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"{seed(seeds, '002').name}: ノード 18・指標 19（基準値 15・目標値 19・実績 0）・事業 16・取組 44")
    english = runner.invoke(app, ["extract", str(seed(seeds, "002")), "--format", "summary"], env={"KEIKAKU_LANG": "en"})
    assert "18 nodes, 19 indicators (15 with baseline, 19 with target, 0 with actuals), 16 projects, 44 actions" in english.stderr


def test_strict_extract(seeds: Path, tmp_path: Path) -> None:
    nothing = tmp_path / "nothing.txt"
    nothing.write_text(NOTHING, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(nothing), "--strict"], env={"KEIKAKU_LANG": "ja"})
    assert result.exit_code == 3
    assert "--strict: nothing.txt は体系（ノード）なし・指標なしのため失敗としました" in result.stderr
    assert json.loads(result.stdout)["nodes"] == []  # the plan is still printed
    assert runner.invoke(app, ["extract", str(nothing)]).exit_code == 0  # without --strict: a warning only
    assert runner.invoke(app, ["extract", str(seed(seeds, "002")), "--strict"]).exit_code == 0
    # a seed with a tree and no indicators fails too
    assert runner.invoke(app, ["extract", str(seed(seeds, "003")), "--strict"]).exit_code == 3
    english = runner.invoke(app, ["extract", str(nothing), "--strict"], env={"KEIKAKU_LANG": "en"})
    assert "--strict: nothing.txt failed: no tree (no nodes), no indicators" in english.stderr


def test_strict_extract_unreadable_file_wins(tmp_path: Path) -> None:
    nothing = tmp_path / "nothing.txt"
    nothing.write_text(NOTHING, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert runner.invoke(app, ["extract", str(nothing), str(empty), "--strict"]).exit_code == 2


def test_strict_import_stores_nothing_for_a_failing_document(cli_env: str, seeds: Path, tmp_path: Path) -> None:
    nothing = tmp_path / "nothing.txt"
    nothing.write_text(NOTHING, encoding="utf-8")
    result = runner.invoke(app, ["import", str(nothing), str(seed(seeds, "002")), "--strict", "-m", "小金井市"])
    assert result.exit_code == 3
    assert "--strict: nothing.txt は体系（ノード）なし・指標なしのため登録しませんでした" in result.stderr
    engine = make_engine(cli_env)
    with transaction(engine) as s:
        assert s.scalars(select(m.Plan.source_file)).all() == [seed(seeds, "002").name]
    result = runner.invoke(app, ["import", str(nothing), "-m", "小金井市"])  # without --strict: still never stored empty
    assert result.exit_code == 3
    assert "nothing.txt から計画（体系・指標・事業）を読み取れなかったため登録しませんでした" in result.stderr
    with transaction(engine) as s:
        assert s.scalar(select(func.count()).select_from(m.Plan)) == 1
    engine.dispose()


def test_report_file(seeds: Path, tmp_path: Path) -> None:
    one = tmp_path / "one.json"
    result = runner.invoke(app, ["extract", str(seed(seeds, "002")), "--report", str(one)])
    assert result.exit_code == 0 and json.loads(result.stdout)["source"] == seed(seeds, "002").name
    data = json.loads(one.read_text(encoding="utf-8"))
    assert data == extract_file(seed(seeds, "002")).report.to_json_dict()
    assert (data["counts"]["indicators"], data["counts"]["projects"], data["warnings"]) == (19, 16, [])
    several = tmp_path / "several.json"
    runner.invoke(app, ["extract", str(seed(seeds, "000")), str(seed(seeds, "003")), "--report", str(several)])
    assert [(r["source"][:3], r["warnings"]) for r in json.loads(several.read_text(encoding="utf-8"))] == [
        ("000", []), ("003", ["no_indicators"])]


# --- the debug directory and page --------------------------------------------------------------

class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_debug_directory(seeds: Path, tmp_path: Path) -> None:
    out = tmp_path / "debug"
    result = runner.invoke(app, ["extract", str(seed(seeds, "002")), "--debug", str(out)])
    assert result.exit_code == 0
    stem = seed(seeds, "002").stem
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{stem}.{s}" for s in (
        "1-read.txt", "2-normalise.txt", "3-segment.txt", "4-tables.json", "5-plan.json", "report.json", "html"))
    assert "line 64" in (out / f"{stem}.1-read.txt").read_text(encoding="utf-8")
    assert "[table: indicators] at line 64" in (out / f"{stem}.3-segment.txt").read_text(encoding="utf-8")
    tables = json.loads((out / f"{stem}.4-tables.json").read_text(encoding="utf-8"))
    assert [t["kind"] for t in tables].count("projects") == 16
    first = tables[0]
    assert (first["kind"], first["location"], first["lines"][0]) == ("indicators", "line 64", "指標名")
    assert first["rows"][0]["name"] == "市民協働支援センター準備室の相談件数" and first["rows"][0]["baseline"]["value"] == 71
    assert json.loads((out / f"{stem}.report.json").read_text(encoding="utf-8"))["counts"]["actions"] == 44
    assert json.loads((out / f"{stem}.5-plan.json").read_text(encoding="utf-8"))["indicators"][5]["name"] == "刑法犯の認知件数"
    page = (out / f"{stem}.html").read_text(encoding="utf-8")
    parser = Tags()
    parser.feed(page)
    assert ("html", {"lang": "ja"}) in parser.tags
    assert not any(tag in ("link", "script", "img") for tag, _ in parser.tags)  # self-contained
    assert sum(1 for tag, _ in parser.tags if tag == "section") == 19
    assert all(a.get("scope") in ("col", "row") for tag, a in parser.tags if tag == "th")
    assert "刑法犯の認知件数" in page and "1,070件" in page and "基準値" in page and "原文" in page


def test_debug_page_escapes_the_document(tmp_path: Path) -> None:
    path = tmp_path / "evil.txt"
    path.write_text("施策 1 <script>alert(1)</script>\n成果指標\n指標名 現状値 目標値\n"
                    "<script>alert(2)</script>の数 24人 30人\n", encoding="utf-8")
    out = tmp_path / "debug"
    assert runner.invoke(app, ["extract", str(path), "--debug", str(out)]).exit_code == 0
    page = (out / "evil.html").read_text(encoding="utf-8")
    assert "<script" not in page
    assert "&lt;script&gt;alert(2)&lt;/script&gt;の数" in page


def test_debug_page_shows_source_lines_around_each_origin() -> None:
    raw = RawDocument(name="p.txt", format="text", sha256="0" * 64, lines=[
        RawLine(t, source=Source(line=i + 1)) for i, t in enumerate(
            ["施策 1 子育て", "成果指標", "指標名 現状値 目標値", "待機児童数 24人 0人", "（令和2年度） （令和7年度）", "次の段落", "さらに次"])])
    plan = parse_plan_document({
        "title": "計画", "kind": "basic_plan",
        "nodes": [{"id": "n1", "level": "施策", "number": "1", "title": "子育て", "origin": "line 1"}],
        "indicators": [{"node": "n1", "name": "待機児童数", "unit": "人", "direction": "decrease", "origin": "line 4",
                        "baseline": {"value": 24, "year": 2020, "text": "24人", "origin": "line 4"},
                        "target": {"value": 0, "year": 2025, "text": "0人", "origin": "line 5"}}],
    })
    page = build_page(raw, plan, [])
    view = page.indicators[0]
    assert (view.name, view.node, view.unit, view.direction) == ("待機児童数", "施策 1 子育て", "人", "減少")
    assert [(f.label, f.year, f.value, f.origin) for f in view.figures] == [("基準値", 2020, "24", "line 4"), ("目標値", 2025, "0", "line 5")]
    assert [(e.origin, [ln.number for ln in e.lines], [ln.number for ln in e.lines if ln.marked]) for e in view.excerpts] == [
        ("line 4", [2, 3, 4, 5, 6], [4]), ("line 5", [3, 4, 5, 6, 7], [5])]
    html = render_page(page)
    assert '<tr class="marked"><th scope="row">4</th>' in html


def test_origins_of_pages_and_cells_are_found() -> None:
    raw = RawDocument(name="x.xlsx", format="xlsx", sha256="0" * 64, lines=[
        RawLine("指標\t現状値", page=1, cells=("指標", "現状値"), source=Source(page=1, sheet="KPI", cell="A1:B1")),
        RawLine("待機児童数\t24人", page=1, cells=("待機児童数", "24人"), source=Source(page=1, sheet="KPI", cell="A2:B2")),
        RawLine("二頁目", page=2, source=Source(page=2)),
        RawLine("待機児童数 24人", page=2, source=Source(page=2)),
    ])
    index = SourceIndex(raw)
    assert index.lines_of("KPI!B2") == [1]
    assert index.lines_of("p.2") == [2, 3]
    centre = [ln.number for ln in index.excerpt("p.2", "24人").lines if ln.marked]
    assert centre == [4]
    guessed = index.excerpt(None, "待機児童数")
    assert guessed is not None and guessed.guessed and [ln.number for ln in guessed.lines if ln.marked] == [2]


# --- provenance in storage ---------------------------------------------------------------------

def with_origins(data: dict) -> dict:
    data = copy.deepcopy(data)
    data["nodes"][0]["origin"] = "p.93 (72,140–300,152)"
    ind = data["indicators"][0]
    ind["origin"] = "line 64"
    ind["baseline"]["origin"] = "line 66"
    ind["target"]["origin"] = "Sheet1!C4"
    ind["interim_targets"] = [{"value": 85, "year": 2018, "text": "85件", "origin": "t1r3c4"}]
    ind["actuals"] = [{"year": 2016, "value": 80, "text": "80件", "origin": "line 70"}]
    data["projects"][0]["origin"] = "line 88"
    return data


def test_origin_round_trips_through_the_database(engine) -> None:
    data = with_origins(ALL_SHAPES["002"]())
    doc = parse_plan_document(copy.deepcopy(data))
    result = svc.load_plan(engine, doc)
    dumped = svc.dump_plan(engine, result.plan_id)
    assert dumped.to_json_dict() == PlanDocument.model_validate(data).to_json_dict()
    ind = dumped.indicators[0]
    assert (dumped.nodes[0].origin, ind.origin, ind.baseline.origin, ind.target.origin, ind.interim_targets[0].origin,
            ind.actuals[0].origin, dumped.projects[0].origin) == (
        "p.93 (72,140–300,152)", "line 64", "line 66", "Sheet1!C4", "t1r3c4", "line 70", "line 88")
    assert dumped.nodes[1].origin is None
    assert svc.load_plan(engine, parse_plan_document(copy.deepcopy(data))).outcome is svc.LoadOutcome.UNCHANGED


def test_origin_is_documented_and_bounded() -> None:
    doc = (Path(__file__).resolve().parent.parent / "docs" / "plan-file.md").read_text(encoding="utf-8")
    assert "`origin`" in doc
    from keikaku.domain.errors import PlanFileError

    with pytest.raises(PlanFileError, match=r"nodes\[0\]\.origin"):
        parse_plan_document({"title": "t", "kind": "sectoral", "nodes": [{"id": "a", "level": "施策", "title": "x", "origin": "x" * 201}]})


ORIGIN_COLUMNS = {"nodes": {"origin"}, "indicators": {"origin", "baseline_origin", "target_origin"},
                  "interim_targets": {"origin"}, "observations": {"origin"}, "projects": {"origin"}}


def origin_columns(engine) -> dict[str, set[str]]:
    found = {}
    for table in ORIGIN_COLUMNS:
        found[table] = {c["name"] for c in inspect(engine).get_columns(table) if c["name"].endswith("origin")}
    return found


def test_migration_0005_down_and_up_keeps_rows(empty_database_url: str) -> None:
    engine = make_engine(empty_database_url)
    migrate.upgrade(engine)
    assert origin_columns(engine) == ORIGIN_COLUMNS
    svc.load_plan(engine, parse_plan_document(with_origins(ALL_SHAPES["002"]())))
    engine.dispose()
    engine = make_engine(empty_database_url)
    assert migrate.downgrade(engine, "0004") == "0004"
    assert origin_columns(engine) == {t: set() for t in ORIGIN_COLUMNS}
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM indicators")).scalar() == 11
        assert conn.execute(text("SELECT count(*) FROM observations")).scalar() == 1
    assert migrate.upgrade(engine, "0005") == "0005"
    assert origin_columns(engine) == ORIGIN_COLUMNS
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM indicators WHERE origin IS NULL")).scalar() == 11
    engine.dispose()
