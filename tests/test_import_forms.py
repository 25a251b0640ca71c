"""Sheet forms read as a whole, loosened to more layouts of the same forms.

keikaku/importer/cellsheet.py (one cell per line) and keikaku/importer/flatsheet.py (one stream
of tokens). Made-up sheets: fictional names and figures.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from keikaku.importer.cellsheet import _date
from keikaku.importer.pipeline import extract_file


def _extract(tmp_path: Path, lines: list[str]) -> dict[str, object]:
    path = tmp_path / "sheet.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {i.name: i for i in extract_file(path).plan.indicators}


def _actuals(ind) -> dict[int, float]:
    return {a.year: a.value for a in ind.actuals}


# value records (cellsheet) -------------------------------------------------------------------------

@pytest.mark.parametrize("cell, year", [("H28.3", 2015), ("平成28年3月", 2015), ("2016/4", 2016),
                                        ("R2.12", 2020), ("H28", 2016), ("12.5", None)])
def test_a_date_cell_gives_its_fiscal_year(cell, year):
    assert _date(cell) == year


REPORT = ["交付金事業報告", "事業の名称", "指標", "指標値", "単位", "目標年月", "実績値",
          "-", "-",
          "指標 森の小道の年間", "① 散策者数", "120", "人", "H28.3", "135",
          "指標 里山の手入", "② れ回数", "8", "回", "H28.3", "6",
          "川辺の遊歩道を使", "指標", "った清掃活動の参", "①", "加団体数", "4", "団体", "H28.3", "5",
          "指標", "体験会の開催", "②", "3", "回", "H28.3",
          "12,000,000", "3,400,000", "800,000"]


def test_records_rejoin_names_around_split_labels(tmp_path):
    got = _extract(tmp_path, REPORT)
    a = got["森の小道の年間散策者数"]
    assert a.unit == "人" and a.target.value == 120 and _actuals(a) == {2015: 135}
    assert got["里山の手入れ回数"].target.value == 8 and _actuals(got["里山の手入れ回数"]) == {2015: 6}
    c = got["川辺の遊歩道を使った清掃活動の参加団体数"]
    assert c.unit == "団体" and c.target.value == 4 and _actuals(c) == {2015: 5}
    d = got["体験会の開催"]
    assert d.target.value == 3 and not d.actuals  # the next name follows the date: no actual


def test_a_whole_label_opens_its_row(tmp_path):
    cells = ["交付金事業報告", "指標", "指標値", "単位", "目標年月", "実績値",
             "事業効果", "指標①", "見学会の参加", "者数", "40", "人", "H28.3"]
    got = _extract(tmp_path, cells)
    assert "見学会の参加者数" in got and got["見学会の参加者数"].target.value == 40


def test_a_short_head_before_a_name_is_not_joined(tmp_path):
    cells = ["交付金事業報告", "指標", "指標値", "単位", "目標年月", "実績値",
             "〔本文〕", "た", "公民館講座の受講者", "数", "90", "人", "H28.3"]
    got = _extract(tmp_path, cells)
    assert "公民館講座の受講者数" in got


# roles first, then one year per role (cellsheet) ------------------------------------------------------

ROLES_THEN_YEARS = ["第3章 指標の設定", "〔本文〕",
                    "指標1", "湖畔の来訪者数(年間)", "指標(KPI)", "現状値", "目標値", "(平成26年)", "(平成32年)",
                    "湖畔の来訪者数(年間)", "12万人", "15万人", "〔本文〕",
                    "指標2", "朝市の利用者数(年間)", "指標(KPI)", "朝市の利用者数", "(年間)",
                    "現状値", "目標値", "(平成26年)", "(平成32年)", "8万4千人", "10万人", "〔本文〕"]


def test_a_header_of_roles_then_their_years(tmp_path):
    got = _extract(tmp_path, ROLES_THEN_YEARS)
    a = got["湖畔の来訪者数(年間)"]
    assert (a.baseline.value, a.baseline.year, a.target.value, a.target.year) == (12, 2014, 15, 2020)
    assert a.unit == "万人"
    b = got["朝市の利用者数(年間)"]  # named before the header, broken before its bracket
    assert b.unit == "人" and b.baseline.value == 84000 and b.target.value == 100000  # one scale


# names listed before the years (flatsheet) --------------------------------------------------------------

LISTED = ("施策評価 ウ 成果指標 指標名 基準値 (時期) 図書館の年間貸出 冊数 5.2冊 (22 年度) 自治会の加入率 "
          "(全体) 体験教室の参加 者の満足度の割合 ※1 61.0% (21 年度) 48.5% (21 年度) 区分 ⇧ ⇩ ⇧ "
          "H23 H24 H25 H26 H27 目標値 5.3 5.4 5.5 5.6 5.7 実績値 ※ 5.1 5.3 5.6 5.4 達成率 ※ 94.4% 98.1% 101.8% 94.7% "
          "目標値 60.0 59.0 58.0 57.0 56.0 実績値 60.5 59.8 58.1 57.4 57.0 達成率 99.2% 98.7% 99.8% 99.3% 98.2% "
          "目標値 50.0 52.0 54.0 56.0 58.0 実績値 49.0 51.5 55.0 ※ ※ 達成率 98.0% 99.0% 101.9% ※ ※")


def test_names_baselines_and_arrows_listed_before_the_years(tmp_path):
    got = _extract(tmp_path, [LISTED])
    a = got["図書館の年間貸出冊数"]
    assert (a.baseline.value, a.baseline.year, a.target.value, a.target.year) == (5.2, 2010, 5.7, 2015)
    assert a.direction.value == "increase" and _actuals(a) == {2012: 5.1, 2013: 5.3, 2014: 5.6, 2015: 5.4}
    b = got["自治会の加入率(全体)"]
    assert (b.baseline.value, b.baseline.year, b.target.value) == (61.0, 2009, 56.0)
    assert b.direction.value == "decrease" and _actuals(b)[2011] == 60.5
    c = got["体験教室の参加者の満足度の割合"]
    assert c.baseline.value == 48.5 and c.target.value == 58.0 and _actuals(c) == {2011: 49.0, 2012: 51.5, 2013: 55.0}


def test_listed_names_that_do_not_number_the_rows_are_not_guessed(tmp_path):
    got = _extract(tmp_path, [LISTED.replace("自治会の加入率 (全体) ", "")])  # two names, three row groups
    c = got.get("体験教室の参加者の満足度の割合")
    assert c is None or c.target is None


# rows without labels apart from their header (flatsheet) -------------------------------------------

APART = ["評価シート", "", "基準年度 目標年度", "", "講座 H27年度 - - - - 20 20 講座 H31年度", "",
         "6 - - - - 6 講座", "", "進捗状況 順調", "", "従前値 (単位) H27 H28 H29 H30 H31 目標値", "",
         "KPI その2", "", "平成27年度以降に新しく開いた市民向けの出前講", "", "座の開催数", "", "(単位)", "", "4"]


def test_unlabelled_rows_apart_from_their_header(tmp_path):
    got = _extract(tmp_path, APART)
    a = got["平成27年度以降に新しく開いた市民向けの出前講座の開催数"]
    assert a.unit == "講座" and a.target.value == 20 and a.target.year == 2019
    assert _actuals(a) == {2015: 6}


def test_unlabelled_rows_need_one_header(tmp_path):
    got = _extract(tmp_path, APART + ["", "H27 H28 H29 H30 H31 目標値"])
    assert "平成27年度以降に新しく開いた市民向けの出前講座の開催数" not in got


# a year table scattered in object order (flatsheet) -------------------------------------------------

SCATTERED = ["基本施策A1 外部評価結果", "", "41.0 44.0", "", "今後の取組方針 ●〔本文〕", "", "38.0", "",
             "40.0 42.0 43.0", "", "基準値 (時期) 指 標 名", "", "目標値 36.0% (26年度)", "", "達成率 区 分", "",
             "自転車通勤の割合", "", "H29", "", "実績値", "", "95.0%", "", "H28 H30 H31 H32"]


def test_a_scattered_year_table_tied_by_its_rate(tmp_path):
    got = _extract(tmp_path, SCATTERED)
    a = got["自転車通勤の割合"]
    assert (a.baseline.value, a.baseline.year) == (36.0, 2014)
    assert (a.target.value, a.target.year) == (44.0, 2020)
    assert a.unit == "%" and _actuals(a) == {2016: 38.0}  # 38.0 / 40.0 = 95.0%, 40.0 the H28 target


def test_a_scattered_table_whose_rate_ties_no_pair_is_refused(tmp_path):
    got = _extract(tmp_path, [c.replace("95.0%", "97.3%") for c in SCATTERED])
    assert "自転車通勤の割合" not in got or not got["自転車通勤の割合"].actuals
