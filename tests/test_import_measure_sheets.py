"""Evaluation sheets flattened onto one line, read as a whole (keikaku/importer/flatsheet.py).

Made-up sheets (fictional names and figures) in the layouts of measure evaluation sheets that a
PDF extractor put on one line in the order of the page's objects.
"""

from __future__ import annotations

from pathlib import Path

from keikaku.importer.flatsheet import ends_name, label_number, tokens
from keikaku.importer.normalize import make_line

from sheet_reading import actuals_by_year as _actuals
from sheet_reading import extract_by_name as _extract

FILLER = "評価シート 〔本文〕 ア 目的 〔本文〕 イ 評価 〔評価コメント〕 ウ 成果の状況"


def test_bracketed_pieces_are_rejoined():
    toks = [t.text for t in tokens([make_line("値 12.5% (平成 20年 度) 指標名", 0)])]
    assert toks == ["値", "12.5%", "(平成20年度)", "指標名"]


def test_rows_labelled_before_their_values_under_years(tmp_path):
    got = _extract(tmp_path, f"{FILLER} 基準値 (時期) 指標名 架空の充足率 12.5% (20 年度) 区分 ⇧ H22 H23 H24 "
                             "目標値 13.0 14.0 15.0 実績値 12.8 13.1 13.9 達成率 98.5% 93.6% 92.7% エ 〔評価コメント〕")
    row = got["架空の充足率"]
    assert row.baseline.value == 12.5 and row.baseline.year == 2008
    assert row.target.value == 15 and row.target.year == 2012
    assert _actuals(row) == {2010: 12.8, 2011: 13.1, 2012: 13.9}
    assert row.direction == "increase"


def test_rows_labelled_after_their_values_with_the_name_between(tmp_path):
    got = _extract(tmp_path, f"{FILLER} 区分 平成20年度 平成21年度 平成22年度 平成23年度 10 11 12 実績値 "
                             "架空の来訪者数 人 12 13 14 目標値 3 4 実績値 架空の問合せ件数 件 5 6 7 目標値 実績値 目標値 "
                             "A)〔本文〕")
    visitors, questions = got["架空の来訪者数"], got["架空の問合せ件数"]
    assert _actuals(visitors) == {2008: 10, 2009: 11, 2010: 12}  # actuals fill the first years
    assert visitors.target.value == 14 and visitors.target.year == 2011  # targets the last
    assert visitors.unit == "人" and questions.unit == "件"
    assert questions.target.value == 7 and sorted(_actuals(questions).values()) == [3, 4]


def test_numbered_indicators_with_dated_baselines_and_actual_runs(tmp_path):
    got = _extract(tmp_path, f"{FILLER} 指標2 架空の自前比率 30.5% (平成20 年度予 算) 31.0% 32.5% - 33.0% 2回 "
                             "指標1 架空の計画進捗率 基本施策1 架空の運営 H23実績 H24実績 〔本文〕 指標名 現状 H21実績 "
                             "H22実績 目標値 (平成25年度) 80% 指標3 架空の広報の 充実に関する 満足度 40.0% (平成19 年度) - "
                             "41.5% 指標4 架空の情報提供 No 事業名")
    ratio = got["架空の自前比率"]
    assert ratio.baseline.value == 30.5 and ratio.baseline.year == 2008
    assert _actuals(ratio) == {2009: 31.0, 2010: 32.5, 2012: 33.0}  # a dash is a year without a figure
    progress = got["架空の計画進捗率"]
    assert progress.target.value == 80 and progress.target.year == 2013
    satisfaction = got["架空の広報の充実に関する満足度"]  # a name broken at the cell's width
    assert satisfaction.baseline.year == 2007 and _actuals(satisfaction) == {2010: 41.5}
    assert "架空の情報提供" in got  # a labelled indicator without figures is kept


def test_label_numbers_and_name_endings():
    assert label_number("指標3") == "3" and label_number("成果指標②") == "②"
    assert label_number("基本施策1") is None
    assert ends_name("架空の割合") and ends_name("架空の件数") and not ends_name("架空の市民の")


def test_bounded_target_row_then_actual_row(tmp_path):
    got = _extract(tmp_path, f"{FILLER} 指標名 架空の 1 人あたり排出量 の削減 目標実績 基準年 (H20) 100g 98g "
                             "H21 H22 H23 95g 90g 以下 85g 以下 99g 指標名 目標実績 架空の回収率 の向上 基準年 (H20) "
                             "H21 H22 H23 H %  11.0% 12.0% 13% 以上 10.1% 10.4% H25 15% 以上 〔本文〕")
    waste, rate = got["架空の1人あたり排出量の削減"], got["架空の回収率の向上"]
    assert waste.direction == "decrease" and rate.direction == "increase"
    assert waste.baseline.value == 100 and waste.baseline.year == 2008
    assert waste.target.value == 85 and rate.target.value == 15
    assert rate.target.year == 2013 and waste.target.year == 2013  # the sheet's latest target year
    assert _actuals(waste) == {2009: 99}  # after the base year, which has its own value
    assert _actuals(rate) == {2008: 10.1, 2009: 10.4}


def test_names_broken_between_target_and_actual_rows(tmp_path):
    got = _extract(tmp_path, f"{FILLER} 単位 計画記載 (現状値) 20年度 21年度 22年度 計画記載 架空の地域 目標 "
                             "活動の参加 % - - 実績 % 5 - 者の割合 架空の行事に 目標 % 成 参加した市 実績 % 果 "
                             "民の割合 架空の登録 目標 団体 されている 実績 団体 団体数 6 - 目標 ④ 実績 "
                             "施 策 の 集 計 単位 総額 千円 100")
    assert set(got) >= {"架空の地域活動の参加者の割合", "架空の行事に参加した市民の割合", "架空の登録されている団体数"}
    assert got["架空の登録されている団体数"].unit == "団体"
