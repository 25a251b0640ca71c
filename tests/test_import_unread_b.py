"""Layouts that read nothing or little before: a goal stated as one line opening with the target's
year (``令和16年度NAMEの目標値 42万人 (令和5年度 約31万人)``), and a progress table flattened onto one
line whose header runs bare years up to the target word (``指標 単位 R1 R2 R3 R4 R7 目標値 達成度``).
Documents composed here with invented names, figures, years and units."""

from __future__ import annotations

from pathlib import Path

import pytest

from keikaku.importer.flattened import unflatten
from keikaku.importer.normalize import make_line
from keikaku.importer.pipeline import extract_file
from keikaku.importer.yearrun import target_after_years
from keikaku.importer.yeartarget import year_target_rows

from sheet_reading import extract_by_name as read
from sheet_reading import figures_of as figures


GOALS = """架空市文化振興計画 2025-2034

<計画の目標>

 1. 来訪者の拡大

  令和16年度年間来館者数の目標値 42万人 (令和5年度 約31万人)

 2. 満足度の向上

  令和16年度来館者アンケート「展示の内容」の目標値 「満足」の回答 72.5% (令和5年度 58.0%)

 3. 担い手の育成

  令和16年度文化ボランティア登録者数の目標値 640人 (令和5年度 415人)

〔説明文〕
"""


def test_goals_stated_as_year_name_target_and_bracketed_baseline(tmp_path: Path) -> None:
    got = read(tmp_path, GOALS)
    assert sorted(got) == ["年間来館者数", "文化ボランティア登録者数", "来館者アンケート「展示の内容」"]
    assert figures(got["年間来館者数"]) == ("万人", (31, 2023), (42, 2034), [])
    assert got["年間来館者数"].baseline.text == "約31万人"
    assert figures(got["来館者アンケート「展示の内容」"]) == ("%", (58.0, 2023), (72.5, 2034), [])
    assert figures(got["文化ボランティア登録者数"]) == ("人", (415, 2023), (640, 2034), [])


def test_a_western_year_a_plain_target_word_and_no_baseline(tmp_path: Path) -> None:
    got = read(tmp_path, "〔説明文〕\n\n2030年度市内の充電設備数の目標 120基\n")
    assert figures(got["市内の充電設備数"]) == ("基", None, (120, 2030), [])


@pytest.mark.parametrize("text", [
    "令和16年度来館者数の目標値については、今後検討します。",  # no figure
    "令和16年度来館者数の目標値 42万人 (令和18年度 31万人)",  # the baseline's year after the target's
    "令和16年度来館者数の目標値 42万人 (令和5年度 31万人) を踏まえて事業を進めます。",  # prose after the brackets
    "来館者数の目標値 42万人 (令和5年度 31万人)",  # no target year opening the line
    "令和16年度来館者数の目標値 令和5年度",  # a year is no figure
])
def test_what_is_no_such_goal_line_gives_nothing(text: str) -> None:
    assert year_target_rows([make_line(text, 0)]) == []


PROGRESS = ("架空市総合戦略の 取組状況(令和5年度)について 基本目標2 地域経済の活性化 【数値目標】 指標 単位 R1 R2 R3 R4 R7 "
            "目標値 達成度 1 新規創業件数 (各年度末現在) 38 41 45 52 60 観光消費額 百万円 12,480 8,215 9,930 11,605 13,000 "
            "〔注記〕 【現状分析】 ●〔説明文〕\n")


def test_a_flattened_progress_table_headed_by_years_up_to_the_target_word(tmp_path: Path) -> None:
    got = read(tmp_path, PROGRESS)
    assert sorted(got) == ["新規創業件数(各年度末現在)", "観光消費額"]
    assert figures(got["新規創業件数(各年度末現在)"]) == (None, (38, 2019), (60, 2025), [(2020, 41), (2021, 45), (2022, 52)])
    assert figures(got["観光消費額"]) == ("百万円", (12480, 2019), (13000, 2025), [(2020, 8215), (2021, 9930), (2022, 11605)])


def test_the_flatten_stage_cuts_at_a_header_of_many_years_before_its_value_word() -> None:
    keys = [ln.key for ln in unflatten([make_line(PROGRESS.strip(), 0)])]
    assert keys[1] == "【数値目標】 指標 単位 R1 R2 R3 R4 R7 目標値 達成度"
    # a name cell, then a cell of no column: the years after it do not make a header
    line = make_line("指標名称 来館者比率(%) 年度 H26 H27 H28 H29 290 516 説明(算式等) 達成率 実績 87 86", 0)
    assert [ln.key for ln in unflatten([line])] == [line.key]


@pytest.mark.parametrize(("cells", "expected"), [
    (["指標", "単位", "H26", "H27", "H28", "H31", "目標値", "達成度"],
     ["指標", "単位", "現状値 H26", "H27", "H28", "目標値 H31", "達成度"]),
    (["指標", "R2", "R3", "R4", "R8", "目標"], ["指標", "現状値 R2", "R3", "R4", "目標 R8"]),
    (["指標", "基準値", "H27", "H28", "H31", "目標値"], ["指標", "基準値", "H27", "H28", "H31", "目標値"]),  # a baseline column
    (["指標", "H28", "H31", "目標値"], ["指標", "H28", "H31", "目標値"]),  # two years only
    (["指標", "H28", "H27", "H31", "目標値"], ["指標", "H28", "H27", "H31", "目標値"]),  # years out of order
    (["指標", "H26", "H27", "H28", "目標値(H31)"], ["指標", "H26", "H27", "H28", "目標値(H31)"]),  # a dated target
])
def test_a_run_of_years_closed_by_the_target_word(cells: list[str], expected: list[str]) -> None:
    assert target_after_years(cells) == expected


def test_the_corpus_cases_of_these_layouts_read_whole() -> None:
    cases = Path(__file__).parent / "corpus" / "cases"
    goals = {i.name: i for i in extract_file(cases / "hakodate-kanko-keikaku-mokuhyo.txt").plan.indicators}
    assert figures(goals["平均宿泊数"]) == ("泊", (1.16, 2012), (1.28, 2023), [])
    assert figures(goals["外国人宿泊者数"]) == ("万人", (18, 2012), (30, 2023), [])  # the unit both figures share
    assert goals["外国人宿泊者数"].target.text == "30万人/年"
    progress = {i.name: i for i in extract_file(cases / "morioka-senryaku-torikumi.txt").plan.indicators}
    assert figures(progress["婚姻件数(各年の1月1日現在)"]) == (None, (1527, 2014), (1527, 2019), [(2015, 1588), (2016, 1506)])
