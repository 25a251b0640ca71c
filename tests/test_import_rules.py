"""Layout rules on documents composed here, in the layouts other cities print (not the seeds)."""

from __future__ import annotations

from pathlib import Path

import pytest

from keikaku.domain.planfile import PlanDocument
from keikaku.importer.pipeline import extract_file


def extract_text(tmp_path: Path, text: str, *, encoding: str = "utf-8", name: str = "plan.txt") -> PlanDocument:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return extract_file(path).plan


def rows(plan: PlanDocument) -> list[tuple]:
    return [
        (i.name, i.unit, i.direction,
         i.baseline and (i.baseline.value, i.baseline.year), i.target and (i.target.value, i.target.year))
        for i in plan.indicators
    ]


def test_pipe_table_with_unit_column_and_years_in_header(tmp_path: Path) -> None:
    plan = extract_text(tmp_path, (
        "第3次さくら市総合計画 後期基本計画\n施策 3 ごみの減量\n成果指標\n"
        "| 指標名 | 単位 | 基準値（R1） | 目標値（R7） |\n|---|---|---|---|\n"
        "| 1人1日あたりのごみ排出量 | g | 620 | 580 |\n| 資源化率 | % | 25.1 | 30.0 |\n"
    ))
    assert (plan.title, plan.kind, plan.generation, plan.half) == ("第3次さくら市総合計画後期基本計画", "basic_plan", 3, "second")
    assert [(n.level, n.number, n.title) for n in plan.nodes] == [("施策", "3", "ごみの減量")]
    assert rows(plan) == [
        ("1人1日あたりのごみ排出量", "g", "decrease", (620, 2019), (580, 2025)),
        ("資源化率", "%", "increase", (25.1, 2019), (30, 2025)),
    ]


def test_baseline_arrow_target_lines(tmp_path: Path) -> None:
    plan = extract_text(tmp_path, (
        "施策 4 防犯対策の推進\n指標\n刑法犯認知件数：1,070件（H26）→ 999件（R2）\n"
        "市民の防犯講習参加者数 120人(令和元年度) → 200人(令和7年度)\n"
    ))
    assert rows(plan) == [
        ("刑法犯認知件数", "件", "decrease", (1070, 2014), (999, 2020)),
        ("市民の防犯講習参加者数", "人", "increase", (120, 2019), (200, 2025)),
    ]
    assert {i.node for i in plan.indicators} == {plan.nodes[0].id}


def test_table_flattened_onto_one_line(tmp_path: Path) -> None:
    plan = extract_text(tmp_path, "施策 5 地域防災\n成果指標 指標名 現状値 目標値 自主防災組織の数 27団体 30団体 防災訓練参加者数 1,200人 1,500人\n")
    assert rows(plan) == [
        ("自主防災組織の数", "団体", "increase", (27, None), (30, None)),
        ("防災訓練参加者数", "人", "increase", (1200, None), (1500, None)),
    ]


def test_unit_after_the_name(tmp_path: Path) -> None:
    plan = extract_text(tmp_path, (
        "施策 6 安全\n成果・活動指標\n指標名 現状値 目標値\n刑法犯認知件数【件】 1,070 999\n防犯灯のLED化率（単位：％） 40 100\n"
    ))
    assert rows(plan) == [
        ("刑法犯認知件数", "件", "decrease", (1070, None), (999, None)),
        ("防犯灯のLED化率", "%", "increase", (40, None), (100, None)),
    ]


def test_years_in_parentheses_under_the_values(tmp_path: Path) -> None:
    plan = extract_text(tmp_path, "施策 7 地域\n成果・活動指標\n指標名 現状値 目標値\n自主防災組織の数 27団体 30団体\n（平成26年） （令和2年）\n")
    assert rows(plan) == [("自主防災組織の数", "団体", "increase", (27, 2014), (30, 2020))]


def test_yearly_actual_columns_with_printed_rate(tmp_path: Path) -> None:
    plan = extract_text(tmp_path, (
        "施策 8 農業\n成果指標\n指標名\t基準値(R1)\tR3実績\tR4実績\t目標値(R7)\t達成率\n"
        "市民農園の区画数\t300区画\t320区画\t340区画\t400区画\t85.0%\n"
    ))
    assert rows(plan) == [("市民農園の区画数", "区画", "increase", (300, 2019), (400, 2025))]
    assert [(a.year, a.value, a.reported_rate) for a in plan.indicators[0].actuals] == [(2021, 320, None), (2022, 340, 85)]


def test_directions_as_words_and_arrows(tmp_path: Path) -> None:
    plan = extract_text(tmp_path, (
        "施策 9 子育て\n成果・活動指標\n指標名 方向性 現状値 目標値\n"
        "待機児童数 ダウン 24人 24人\n市民満足度 ⇗ 60% 70%\n救急搬送時間 ⇘ 40分 35分\n"
        "子育て講座の参加者数（増加を目指す） 300人 300人\n"
    ))
    assert [(i.name, i.direction) for i in plan.indicators] == [
        ("待機児童数", "decrease"), ("市民満足度", "increase"), ("救急搬送時間", "decrease"), ("子育て講座の参加者数", "increase")]


def test_bare_years_under_a_header_naming_the_era(tmp_path: Path) -> None:
    plan = extract_text(tmp_path, (
        "施策 10 産業\n成果・活動指標\n指標名 現状値（平成26年度） 目標値（32年度）\n市内事業所の売上高 3,437百万円 維持\n"
        "主な事業\n事業名 平成28年度 29年度 30年度 31年度 32年度\n創業支援 検討 → 実施 → 拡充\n"
    ))
    assert rows(plan) == [("市内事業所の売上高", "百万円", "maintain", (3437, 2014), (None, 2020))]
    assert plan.projects[0].schedule == {2016: "検討", 2017: "検討", 2018: "実施", 2019: "実施", 2020: "拡充"}
    assert (plan.period.start, plan.period.end) == (2016, 2020)


@pytest.mark.parametrize(
    ("cell", "value", "unit"),
    [("2,584千人", 2584, "千人"), ("約 1.5倍", 1.5, "倍"), ("３億 1,100万円", 311000000, "円"), ("3.2‰", 3.2, "‰"), ("△5件", -5, "件")],
)
def test_values_in_table_cells(tmp_path: Path, cell: str, value, unit: str) -> None:
    plan = extract_text(tmp_path, f"施策 1 テスト\n成果指標\n指標名 現状値 目標値\n対象の値 {cell} 維持\n")
    assert (plan.indicators[0].baseline.value, plan.indicators[0].unit) == (value, unit)


def test_shift_jis_document_reads_like_utf8(tmp_path: Path) -> None:
    text = "みなと市第2次総合計画 前期基本計画\n施策 1 子育て支援\n成果・活動指標\n指標名 現状値 目標値\n待機児童数 24人 0人\n"
    utf8 = extract_text(tmp_path, text, name="u.txt")
    sjis = extract_text(tmp_path, text, encoding="cp932", name="s.txt")
    assert sjis.model_dump(exclude={"source", "source_sha256"}) == utf8.model_dump(exclude={"source", "source_sha256"})
    assert rows(sjis) == [("待機児童数", "人", "decrease", (24, None), (0, None))]
    assert sjis.municipality == "みなと市"


def test_numbered_actions_items_and_sections(tmp_path: Path) -> None:
    plan = extract_text(tmp_path, (
        "基本目標 1 安心のまち\n施策 1 防災\n現況と課題\n地震への備えが求められて\nいます。\n主な取組\n"
        "(1)備蓄の充実\n・食料の備蓄を進めま\nす。\n・水の備蓄を進めます。\n（２）訓練の実施\n・年に一度訓練を行います。\n"
        "施策 2 防犯\n施策の方向性\n見守りを進めます。\n"
    ))
    assert [(n.level, n.number, n.parent) for n in plan.nodes] == [("基本目標", "1", None), ("施策", "1", "1"), ("施策", "2", "1")]
    assert plan.nodes[1].sections[0].model_dump() == {"heading": "現況と課題", "text": "地震への備えが求められています。", "items": []}
    assert [(a.number, a.title, a.items) for a in plan.actions] == [
        ("(1)", "備蓄の充実", ["食料の備蓄を進めます。", "水の備蓄を進めます。"]), ("(2)", "訓練の実施", ["年に一度訓練を行います。"])]
