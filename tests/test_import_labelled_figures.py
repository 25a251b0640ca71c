"""Indicators printed as a name and figures tagged by role words or by a sentence, not as a table
(``keikaku/importer/figures.py``): documents composed here with invented names and figures, the
held-out documents of ``tests/corpus/labelled`` scored with the shared scorer, and prose with
figures that must give nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from keikaku.domain.planfile import PlanDocument
from keikaku.importer.figures import labelled_figure_rows
from keikaku.importer.normalize import make_line
from keikaku.importer.pipeline import extract_file

HELD_OUT = Path(__file__).resolve().parent / "corpus" / "labelled"


def extract_text(tmp_path: Path, text: str) -> PlanDocument:
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    return extract_file(path).plan


def read(text: str) -> list[tuple]:
    lines = [make_line(t, k) for k, t in enumerate(text.splitlines()) if t.strip()]
    return [(r.name, r.unit, r.direction and r.direction.value,
             r.baseline and r.baseline.value, r.baseline_year, r.target and r.target.value, r.target_year,
             [(y, q.value) for y, q, _ in r.actuals]) for r in labelled_figure_rows(lines)]


def rows(plan: PlanDocument) -> list[tuple]:
    return [(i.name, i.unit, i.direction, i.baseline and (i.baseline.value, i.baseline.year),
             i.target and (i.target.value, i.target.year)) for i in plan.indicators]


# --- labels ---------------------------------------------------------------------------------------

def test_a_label_and_its_figure_glued_with_a_colon_after_a_numbered_name() -> None:
    text = ("【令和10年度末までの目標】\n"
            "<1>市民農園の区画の利用率 現状値:71.5%(令和3年度) 目標値:85.0%\n"
            "<2>学校給食の地場産物使用割合 目標値:設定なし\n")
    assert read(text) == [
        ("市民農園の区画の利用率", "%", "increase", 71.5, 2021, 85.0, 2028, []),
        ("学校給食の地場産物使用割合", None, None, None, None, None, None, []),
    ]


def test_a_role_word_and_its_year_on_one_line_the_figure_on_the_next_the_name_between() -> None:
    text = "主管課\n基準 令和元年度\n1,204人\n+12%\n03-b 防災訓練に参加した市民の数の増加\n目標 令和6年度\n1,350人\n"
    assert read(text) == [("防災訓練に参加した市民の数", "人", "increase", 1204, 2019, 1350, 2024, [])]


def test_a_dated_label_before_or_after_its_figure_one_line() -> None:
    text = ("成果指標名 河川清掃に参加した団体の数 41 令和8年度目標値 年度 3年度 4年度 目標値 30 33 実績値 29 31 "
            "成果指標名 夜間の歩道が明るいと感じる市民の割合 令和8年度目標値 64.0% 年度 3年度 4年度 目標値 58.0 60.0")
    assert read(text) == [
        ("河川清掃に参加した団体の数", None, "increase", None, None, 41, 2026, []),
        ("夜間の歩道が明るいと感じる市民の割合", "%", "increase", None, None, 64.0, 2026, []),
    ]


def test_labels_side_by_side_take_the_figures_after_them_and_a_unit_cell_after_the_name() -> None:
    text = ("2-1 数値目標項目\n単位\n子ども食堂の開設箇所\n数\n箇所\n3年度現状値 8年度目標値\n12\n設定理由\n20 〔設定理由〕\n"
            "2-2 数値目標項目\n単位 3年度現状値 8年度目標値\n学習支援教室に通う生徒\nの数\n人\n85\n設定理由\n〔設定理由〕\n120 〔設定理由〕\n")
    assert read(text) == [
        ("子ども食堂の開設箇所数", "箇所", "increase", 12, None, 20, None, []),
        ("学習支援教室に通う生徒の数", "人", "increase", 85, None, 120, None, []),
    ]


def test_an_actual_needs_its_year_and_a_figure_with_its_year_after_it_dates_it() -> None:
    text = ("指標7 図書館の年間来館者数\n目標 90,000人(令和7年度)\n実績 84,210人\n(令和4年度)\n"
            "住宅の耐震化率\n令和7年度目標値 95%\n現状値 88.2%\n(令和2年度)\n")
    assert read(text) == [
        ("図書館の年間来館者数", "人", "increase", None, None, 90000, 2025, [(2022, 84210)]),
        ("住宅の耐震化率", "%", "increase", 88.2, 2020, 95, 2025, []),
    ]


def test_an_undated_actual_is_not_kept() -> None:
    assert read("指標3 市営駐輪場の利用台数\n目標 1,500台(令和7年度)\n実績 1,320台\n") == [
        ("市営駐輪場の利用台数", "台", "increase", None, None, 1500, 2025, [])]


# --- sentences ------------------------------------------------------------------------------------

def test_a_sentence_from_baseline_to_target_with_its_direction_and_a_name_in_brackets_above() -> None:
    text = ("【計画の目標】\n駅前広場の歩行者通行量の増加\n【成果目標】\n〔本文〕\n【現況値及び目標値】\n"
            "3,200人(令和3年度)を4,000人(令和8年度)に増加\n"
            "【成果目標】\n中心市街地の空き店舗数\n店舗数(店)=調査店舗数×空き率\n【現況値及び目標値】\n"
            "42店(令和3年度)から30店(令和8年度)へ削減\n")
    assert read(text) == [
        ("駅前広場の歩行者通行量", "人", "increase", 3200, 2021, 4000, 2026, []),
        ("中心市街地の空き店舗数", "店", "decrease", 42, 2021, 30, 2026, []),
    ]


def test_a_deadline_sentence_after_a_name_broken_by_a_space() -> None:
    text = "1 創業支援事業 予算額 1,200 執行額 980 町内で創業した事業 者の数 令和7年度まで累計45件 12件 (12件) 27%"
    assert read(text) == [("町内で創業した事業者の数", "件", "increase", None, None, 45, 2025, [])]


# --- what is not an indicator ---------------------------------------------------------------------

PROSE = (
    "第2章 まちの現状\n"
    "本市の人口は平成27年国勢調査で84,210人、令和2年には82,903人となり、5年間で1,307人減少しました。\n"
    "令和4年度の一般会計予算は312億円で、前年度から2.1%増加しています。\n"
    "市民意識調査(令和3年度)では、住みよいと感じる市民の割合は74.5%でした。\n"
    "計画期間は令和5年4月1日から令和10年3月31日までの5年間とします。\n"
    "事業費 12,400 千円 うち一般財源 8,100 千円 職員 2.5 人\n"
    "目標を達成するため、令和7年度までに予算3,000万円を投じて整備を進めます。\n"
)


def test_prose_budgets_and_dates_with_figures_give_nothing() -> None:
    assert read(PROSE) == []


@pytest.mark.parametrize("text", [
    "",
    "目標値\n実績値\n現状値\n",  # labels with no figure
    "目標値:\n基準 令和2年度\n",  # a label with an empty value, a year with no figure
    "成果指標名\n目標値 30 33 35\n",  # a row of a table, no name
    "<1>〔本文〕 目標値:12件\n",  # a placeholder is no name
    "目標 令和7年度\n約束\n",  # the year with no figure
    "12件(令和2年度)を20件(令和7年度)に\n",  # a sentence without its direction word
    "指標 令和2年度 12件(令和2年度)を20件(令和7年度)に増加し、さらに30件をめざす。\n",  # the sentence inside prose
    "見込量 300件\n",  # a plan's volume is no target
    "目標値 09-c\n",  # a code is no figure
])
def test_bad_or_incomplete_input_gives_nothing(text: str) -> None:
    assert read(text) == []


def test_a_row_of_a_table_one_cell_per_line_is_left_to_the_table_readings() -> None:
    text = "評価指標\n現状値\n目標値\n認定農業者の数\n122経営体\n(令和2年度)\n126経営体\n132経営体\n(令和7年度)\n"
    assert read(text) == []


# --- through the whole pipeline -------------------------------------------------------------------

def test_the_pipeline_reads_labelled_figures_and_keeps_prose_out(tmp_path: Path) -> None:
    plan = extract_text(tmp_path, "指標12 市民一人あたりの図書貸出冊数\n5.8冊(令和3年度)\n目標 7.0冊(令和8年度)\n" + PROSE)
    assert rows(plan) == [("市民一人あたりの図書貸出冊数", "冊", "increase", (5.8, 2021), (7.0, 2026))]
    assert plan.indicators[0].target.origin == "line 3"


def test_the_held_out_documents_score_every_indicator_and_figure() -> None:
    from corpus.scoring import scorer

    expected = json.loads((HELD_OUT / "expected.json").read_text(encoding="utf-8"))
    assert len(expected) == 4
    totals = [0, 0, 0, 0]
    for name, gold in expected.items():
        plan = json.loads(extract_file(HELD_OUT / name).plan.to_json())
        found, total, right, figures, misses = scorer().score(gold, plan["indicators"])
        assert misses == [], name
        totals = [a + b for a, b in zip(totals, (found, total, right, figures))]
    assert totals == [9, 9, 33, 33]
