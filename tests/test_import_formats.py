"""Documents in every supported format, bad input, and the extract/import commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from docmaker import make_docx, make_image_only_pdf, make_pdf, make_xlsx
from keikaku.cli.main import app
from keikaku.importer.pipeline import extract_file
from keikaku.storage import models as m
from keikaku.storage.database import make_engine, transaction

runner = CliRunner(env={"COLUMNS": "200"})
SEED_IDS = ["000", "001", "002", "003", "004"]


def seed(seeds: Path, prefix: str) -> Path:
    return next(seeds.glob(f"{prefix}_*.txt"))


def without_origins(data: object) -> object:
    """The plan without ``origin`` fields, which name lines in a text and pages in a PDF."""
    if isinstance(data, dict):
        return {k: without_origins(v) for k, v in data.items() if k != "origin"}
    if isinstance(data, list):
        return [without_origins(v) for v in data]
    return data


def comparable(path: Path) -> dict:
    return without_origins(extract_file(path).plan.model_dump(exclude={"source", "source_sha256"}))


@pytest.mark.parametrize("prefix", SEED_IDS)
def test_pdf_made_from_a_seed_gives_the_same_plan(seeds: Path, tmp_path: Path, prefix: str) -> None:
    text = seed(seeds, prefix)
    pdf = make_pdf(text.read_text(encoding="utf-8").splitlines(), tmp_path / f"{prefix}.pdf", header="小金井市・小平市 計画書")
    extraction = extract_file(pdf)
    assert extraction.raw.format == "pdf"
    assert comparable(pdf) == comparable(text)
    assert all(i.origin is None or i.origin.startswith("p.") for i in extraction.plan.indicators)


def test_word_document_with_an_indicator_table(tmp_path: Path) -> None:
    path = make_docx([
        "みなと市第2次総合計画 前期基本計画",
        "施策 1 子育て支援",
        "成果・活動指標",
        [["指標名", "現状値（令和元年度）", "目標値（令和7年度）"], ["待機児童数", "24人", "0人"], ["子育て講座の満足度", "72.5%", "80%"]],
        "主な取組",
        "(1)保育の充実",
        "・保育定員を拡大します。",
    ], [], tmp_path / "plan.docx")
    plan = extract_file(path).plan
    assert (plan.title, plan.municipality, plan.kind) == ("みなと市第2次総合計画前期基本計画", "みなと市", "basic_plan")
    assert [(i.name, i.unit, i.direction, i.baseline.value, i.baseline.year, i.target.value, i.target.year) for i in plan.indicators] == [
        ("待機児童数", "人", "decrease", 24, 2019, 0, 2025), ("子育て講座の満足度", "%", "increase", 72.5, 2019, 80, 2025)]
    assert [(a.number, a.title, a.items) for a in plan.actions] == [("(1)", "保育の充実", ["保育定員を拡大します。"])]


def test_excel_indicator_sheet(tmp_path: Path) -> None:
    path = make_xlsx({"指標": [
        ["施策 2 ごみの減量"],
        ["指標名", "単位", "基準値(R1)", "R4実績", "目標値(R7)", "達成率"],
        ["資源化率", "%", 25.1, 27.0, 30, 90.0],
        ["1人1日あたりのごみ排出量", "g", 620, 600, 580, 96.7],
    ]}, tmp_path / "kpi.xlsx")
    plan = extract_file(path).plan
    assert [(i.name, i.unit, i.direction, i.baseline.value, i.target.value, [(a.year, a.value, a.reported_rate) for a in i.actuals])
            for i in plan.indicators] == [
        ("資源化率", "%", "increase", 25.1, 30, [(2022, 27, 90)]),
        ("1人1日あたりのごみ排出量", "g", "decrease", 620, 580, [(2022, 600, 96.7)]),
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("binary.txt", bytes(range(256)) * 8, "not a text document"),
        ("broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n", "corrupt"),
        ("broken.docx", b"PK\x03\x04garbage-not-a-zip", "corrupt"),
    ],
)
def test_bad_files_exit_2_and_write_nothing(cli_env: str, tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 2 and message in result.output and name in result.output
    result = runner.invoke(app, ["import", str(path)])
    assert result.exit_code == 2 and message in result.output
    engine = make_engine(cli_env)
    with transaction(engine) as s:
        assert s.scalar(select(func.count()).select_from(m.Plan)) == 0
    engine.dispose()


def test_encrypted_and_image_only_pdfs(tmp_path: Path) -> None:
    locked = make_pdf(["施策 1 テスト"], tmp_path / "locked.pdf", encrypt="secret")
    result = runner.invoke(app, ["extract", str(locked)])
    assert result.exit_code == 2 and "encrypted" in result.output
    scan = make_image_only_pdf(tmp_path / "scan.pdf")  # grey shapes: OCR runs and finds nothing (tests/test_ocr.py reads real scans)
    result = runner.invoke(app, ["extract", str(scan)])
    assert result.exit_code == 2 and "no text found even after OCR" in result.output


def test_extract_prints_an_object_for_one_file_and_an_array_for_several(seeds: Path, tmp_path: Path) -> None:
    one = runner.invoke(app, ["extract", str(seed(seeds, "002"))])
    assert one.exit_code == 0
    data = json.loads(one.stdout)
    assert (data["source"], data["municipality"], data["kind"], data["period"]) == (
        seed(seeds, "002").name, "小金井市", "basic_plan", {"start": 2016, "end": 2020})
    assert {"nodes", "indicators", "projects", "actions", "individual_plans"} <= set(data)
    several = json.loads(runner.invoke(app, ["extract", str(seed(seeds, "000")), str(seed(seeds, "004"))]).stdout)
    assert [d["title"] for d in several] == ["第5次小金井市基本構想・前期基本計画", "小金井市産業振興プラン"]


def test_debug_writes_every_stage(seeds: Path, tmp_path: Path) -> None:
    out = tmp_path / "debug"
    result = runner.invoke(app, ["extract", str(seed(seeds, "002")), "--debug", str(out)])
    assert result.exit_code == 0
    stem = seed(seeds, "002").stem
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{stem}.{s}" for s in (
        "1-read.txt", "2-normalise.txt", "3-segment.txt", "4-tables.json", "5-plan.json", "report.json", "html"))
    segment = (out / f"{stem}.3-segment.txt").read_text(encoding="utf-8")
    assert "[node/word] level=施策 number=25 title=防犯体制の強化" in segment
    plan = json.loads((out / f"{stem}.5-plan.json").read_text(encoding="utf-8"))
    assert plan["indicators"][5]["name"] == "刑法犯の認知件数" and plan["indicators"][5]["baseline"]["value"] == 1070


def test_import_seeds_idempotent_with_revisions(cli_env: str, seeds: Path, tmp_path: Path) -> None:
    paths = [str(seed(seeds, p)) for p in SEED_IDS]
    first = runner.invoke(app, ["import", *paths])
    assert first.exit_code == 0, first.output
    assert first.output.count("新規登録") == 5
    assert "(改訂元: 132110:小平市第四次長期総合計画基本構想:draft)" in first.output
    again = runner.invoke(app, ["import", *paths])
    assert again.exit_code == 0 and again.output.count("変更なし") == 5
    engine = make_engine(cli_env)
    with transaction(engine) as s:
        assert s.scalar(select(func.count()).select_from(m.Plan)) == 5
        assert s.scalar(select(func.count()).select_from(m.Indicator)) == 2 + 19 + 1
        m25 = s.scalar(select(m.Indicator).where(m.Indicator.name == "刑法犯の認知件数"))
        assert (m25.baseline_value, m25.target_value) == (1070, 999)
    # a corrected edition of 002 is kept beside the first and linked to it
    edited = tmp_path / seed(seeds, "002").name
    edited.write_text(seed(seeds, "002").read_text(encoding="utf-8").replace("1,070件 999件", "1,070件 990件"), encoding="utf-8")
    third = runner.invoke(app, ["import", str(edited)])
    assert third.exit_code == 0
    assert "(改訂元: 132101:小金井市基本計画)" in third.output
    with transaction(engine) as s:
        targets = s.scalars(select(m.Indicator.target_value).where(m.Indicator.name == "刑法犯の認知件数").order_by(m.Indicator.id)).all()
        assert targets == [999, 990]
    engine.dispose()


def test_import_needs_a_known_municipality(cli_env: str, tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("施策 1 子育て支援\n成果・活動指標\n指標名 現状値 目標値\n待機児童数 24人 0人\n", encoding="utf-8")
    result = runner.invoke(app, ["import", str(path)])
    assert result.exit_code == 2 and "names no municipality" in result.output
    result = runner.invoke(app, ["import", str(path), "--municipality", "小金井市"])
    assert result.exit_code == 0 and "新規登録: 132101:基本計画 (id 1, ノード 1, 指標 1)" in result.output
