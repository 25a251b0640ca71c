"""Documents of kinds the corpus had few of (facility management reports, welfare service plans,
child-care and education plans): tables headed by fiscal years only. Documents composed here with
invented names, figures, years and units, in the layouts of the corpus cases
kuwana-kokyoshisetsu-sakugen and tosu-koreisha-jigyoryo."""

from __future__ import annotations

from pathlib import Path

import pytest

from keikaku.importer.normalize import make_line
from keikaku.importer.twodates import two_date_rows
from keikaku.importer.wordnamed import word_named_rows
from keikaku.importer.yearheader import year_header_rows

from sheet_reading import extract_by_name as read
from sheet_reading import figures_of as figures


def lines_of(text: str):  # noqa: ANN201
    return [make_line(t, k) for k, t in enumerate(text.splitlines())]


# --- a header of years alone on its line, a row per line --------------------------------------

def test_a_record_under_years_across_an_era_change_with_a_total_column(tmp_path: Path) -> None:
    got = read(tmp_path, "【単位:平方メートル】\n\n実績の内訳\nH29 H30 R1 R2 R3 合計\n"
                         "改修 40 - 310 25 12 387\n譲渡 5 60 - 130 - 195\n合計 45 60 310 155 12 582\n\n次の計画\n")
    assert figures(got["改修"]) == (None, None, None, [(2017, 40), (2019, 310), (2020, 25), (2021, 12)])
    assert figures(got["譲渡"]) == (None, None, None, [(2017, 5), (2018, 60), (2020, 130)])
    assert figures(got["合計"]) == (None, None, None, [(2017, 45), (2018, 60), (2019, 310), (2020, 155), (2021, 12)])


def test_full_era_years_and_a_label_cell_without_a_total(tmp_path: Path) -> None:
    got = read(tmp_path, "区分 平成30年度 令和元年度 令和2年度 令和3年度\n"
                         "貸出冊数(冊) 51,200 49,870 38,400 44,015\n来館者数(人) 120,400 118,000 80,250 96,300\n")
    assert figures(got["貸出冊数"]) == ("冊", None, None, [(2018, 51200), (2019, 49870), (2020, 38400), (2021, 44015)])
    assert figures(got["来館者数"]) == ("人", None, None, [(2018, 120400), (2019, 118000), (2020, 80250), (2021, 96300)])


def test_a_plan_word_above_unmarked_years_makes_the_last_figure_the_target() -> None:
    rows = year_header_rows(lines_of("整備計画値\nR6 R7 R8 R9\n防犯灯の設置数 120 160 200 240\n"))
    assert [(r.name, r.target.value, r.target_year, r.actuals) for r in rows] == [("防犯灯の設置数", 240, 2027, [])]


def test_a_plan_word_in_the_cell_before_years_on_one_line() -> None:
    rows = year_header_rows(lines_of("〔本文〕 計画値 R6 R7 R8 相談窓口の設置数(か所) 2 3 5 巡回回数(回) 40 44 48\n"))
    assert [(r.name, r.unit, r.target.value, r.target_year) for r in rows] == [
        ("相談窓口の設置数", "か所", 5, 2026), ("巡回回数", "回", 48, 2026)]


# --- the whole table on one line, the first year an estimate ----------------------------------

def test_an_estimate_year_then_plan_years_give_the_baseline_and_the_target(tmp_path: Path) -> None:
    got = read(tmp_path, "事業量の見込み\n"
                         "R2(見込) R3 R4 R5 教室数(回) 30 36 36 36 延べ参加者数(人) 410 450 480 520 "
                         "教室数(回) 12 12 14 14 延べ参加者数(人) 90 95 100 105 "
                         "登録会員数(人) 1,310 1,350 1,390 1,430 団体数(団体) 21 22 24 25 利用件数(件) 3 5 5\n")
    assert figures(got["登録会員数"]) == ("人", (1310, 2020), (1430, 2023), [])
    assert figures(got["団体数"]) == ("団体", (21, 2020), (25, 2023), [])
    assert "教室数" not in got and "延べ参加者数" not in got  # the same measure of programmes the text does not name
    assert "利用件数" not in got  # three figures under four years: not settled


def test_record_years_then_marked_plan_years() -> None:
    rows = year_header_rows(lines_of("H28(実績) H29(実績) H30(計画) R1(計画)\nサロンの開催箇所数 18 21 24 27\n"))
    assert [(r.name, r.baseline, r.target.value, r.target_year, [(y, q.value) for y, q, _ in r.actuals]) for r in rows] == [
        ("サロンの開催箇所数", None, 27, 2019, [(2016, 18), (2017, 21)])]


def test_two_record_years_then_unmarked_plan_years() -> None:
    rows = year_header_rows(lines_of("R3(実績) R4(実績) R5 R6 R7\n認知症サポーター数(人) 8,200 8,950 9,600 10,300 11,000\n"))
    row = rows[0]
    assert (row.name, row.unit, row.baseline.value, row.baseline_year, row.target.value, row.target_year) == (
        "認知症サポーター数", "人", 8950, 2022, 11000, 2025)
    assert [(y, q.value) for y, q, _ in row.actuals] == [(2021, 8200)]


# --- what is no such table -------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "R2 R3\n登録者数 120 130\n",  # two years only
    "H27 H29 H31\n登録者数 120 130 140\n",  # years that skip
    "R2 R3 R4\n登録者数 120 130\n",  # fewer figures than years
    "R2 R3 R4\n登録者数 120 130 140 150\n",  # more figures than years and no total column
    "区分 R2 R3 R4\n目標 120 130 140\n実績 118 131 -\n",  # rows of value words: not indicators
    "令和2年度から令和3年度、令和4年度にかけて検討を進めた。\n",  # running text naming years
    "R2(概算) R3 R4\n登録者数 120 130 140\n",  # a year cell with a word that names no value
])
def test_what_is_no_table_of_years_gives_nothing(text: str) -> None:
    assert year_header_rows(lines_of(text)) == []


def test_a_name_already_read_is_not_read_again() -> None:
    assert year_header_rows(lines_of("R2 R3 R4\n登録者数 120 130 140\n"), known=["登録者数"]) == []


# --- an indicator introduced by a name word inside a running line ----------------------------

def test_a_text_version_naming_each_indicator_after_the_name_word(tmp_path: Path) -> None:
    got = read(tmp_path, "- 12ページ - 4 指標一覧 〔本文〕 (以下、表) 目標1 健やかな体の育成 施策2 運動習慣の定着 "
                         "指標 運動やスポーツが好きな児童生徒の割合(※1) 現状値(令和4年度) 小5・・・81.5%、中2・・・73.0% "
                         "目標値(令和9年度) 小5・・・85%、中2・・・80% ※1 〔注記〕 "
                         "指標 地域の清掃活動に参加した市民の割合(※2) 現状値(令和3年度) 31.5% 目標値(令和9年度) 40% ※2 〔注記〕\n")
    assert figures(got["運動やスポーツが好きな児童生徒の割合"]) == (None, None, None, [])  # figures of two groups: none
    assert figures(got["地域の清掃活動に参加した市民の割合"]) == ("%", (31.5, 2021), (40, 2027), [])


@pytest.mark.parametrize("text", [
    "指標 地域の取組を紹介します 〔本文〕\n",  # no value label after the name
    "指標 地域の取組の推進 現状値(令和4年度) 12件\n",  # a name that does not end like an indicator's
    "指標の一覧 市民の割合 現状値 31.5%\n",  # no name word standing alone
    "指標 " + "その他の 取組 " * 7 + "市民の割合 現状値 31.5%\n",  # the label too far from the name word
])
def test_what_is_no_named_indicator_gives_nothing(text: str) -> None:
    assert word_named_rows(lines_of(text)) == []


# --- a table comparing two dates, the same columns under each ---------------------------------

def test_two_dates_the_measure_the_title_names_and_categories_printed_once_per_group(tmp_path: Path) -> None:
    got = read(tmp_path, "市営施設の保有面積の推移\n区分 令和元年度末現在 令和5年度末現在\n増減\n(平方メートル)\n"
                         "施設数 保有面積\n(平方メートル)\n施設数\n保有面積\n(平方メートル)\n"
                         "行政系施設 本庁舎 (第1・第2庁舎)\n3\n18,420.50\n3\n18,420.50\n0.00\n"
                         "支所 (地区支所) 6 4,210.75 5 3,880.20 △330.55\n"
                         "文化系施設 集会施設\n(公民館・地区集会所) 24 15,006.30 22 14,120.00 △886.30\n")
    assert figures(got["本庁舎(第1・第2庁舎)"]) == ("平方メートル", None, None, [(2019, 18420.5), (2023, 18420.5)])
    assert figures(got["支所(地区支所)"]) == ("平方メートル", None, None, [(2019, 4210.75), (2023, 3880.2)])
    assert figures(got["集会施設(公民館・地区集会所)"]) == ("平方メートル", None, None, [(2019, 15006.3), (2023, 14120)])


def test_the_difference_column_last_and_a_share_column_between() -> None:
    rows = two_date_rows(lines_of("分類別の床面積\n平成26年度末 令和2年度末\n施設数 床面積 割合 施設数 床面積 割合 差\n"
                                  "学校 (小中学校) 12 80,400 41.0 11 76,050 40.2 △4,350\n"))
    assert [(r.name, [(y, q.value) for y, q, _ in r.actuals]) for r in rows] == [
        ("学校(小中学校)", [(2014, 80400), (2020, 76050)])]


@pytest.mark.parametrize("text", [
    "施設の床面積\n令和元年度末 令和5年度末\n施設数 床面積 施設数\n学校 12 80,400 11\n",  # columns not repeated per date
    "施設の状況\n令和元年度末 令和5年度末\n施設数 床面積 施設数 床面積\n学校 12 80,400 11 76,050\n",  # the title names no column
    "施設の床面積\n令和元年度末 令和3年度末 令和5年度末\n施設数 床面積 施設数 床面積\n学校 12 80,400 11 76,050\n",  # three dates
    "施設の床面積\n令和5年度末 令和元年度末\n施設数 床面積 施設数 床面積\n学校 12 80,400 11 76,050\n",  # dates backwards
    "施設の床面積\n令和元年度末 令和5年度末\n施設数 床面積 施設数 床面積\n学校 12 80,400 11\n",  # a figure short
])
def test_what_is_no_two_date_table_gives_nothing(text: str) -> None:
    assert two_date_rows(lines_of(text)) == []
