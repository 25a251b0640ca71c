"""Project evaluation sheets (事務事業評価) run onto one line: blocks whose name comes last
(namelast.py), rows that open with their unit (unitfirst.py), targets stated in the text
(statedtargets.py). Made-up sheets with placeholder names and figures."""

from __future__ import annotations

from pathlib import Path

from keikaku.importer.normalize import make_line
from keikaku.importer.statedtargets import stated_targets
from keikaku.importer.tables import IndicatorRow, put_value

from sheet_reading import actuals_by_year as _actuals
from sheet_reading import extract_by_name as _extract


GLUED = ("見本シート〔本文〕年度H26H27H28H29H30H315,000説明(算式等)達成率90.0%96.0%H30H31H32目標実績4,5004,800"
         "成果指標指標名称見本の参加人数(人)年度H26H27H287,000説明(算式等)達成率H30H31H32見込実績1,2001,150"
         "その他指標名称見本の利用件数(件)年度H26H27〔本文〕")


def test_name_after_its_figures_glued(tmp_path):
    got = _extract(tmp_path, GLUED)
    first = got["見本の参加人数"]
    assert first.unit == "人" and first.target.value == 5000  # 4,500 / 5,000 = 90.0 %
    assert _actuals(first) == {2014: 4500, 2015: 4800}
    second = got["見本の利用件数"]
    assert second.target is None  # an estimate (見込) is not a target
    assert _actuals(second) == {2014: 1200, 2015: 1150}


def test_name_after_its_figures_spaced_two_figures_no_target(tmp_path):
    text = ("見本シート 〔本文〕 H26 H27 H28 H29 H30 R1 120 140 説明(算式等) 〔本文〕 達成率 "
            "H30 R1 R2計画 実績 100 110 130 指標名称 見本の延長(m) 年度 H26 H27 〔本文〕 〔本文〕")
    got = _extract(tmp_path, text)
    row = got["見本の延長"]
    assert row.target is None  # two figures before the definition: no single target
    assert _actuals(row) == {2014: 100, 2015: 110, 2016: 130}


def test_rates_that_do_not_match_refuse_the_target(tmp_path):
    text = ("見本シート 〔本文〕 H26 H27 H28 H29 200 説明(算式等) 達成率 10.0% 20.0% "
            "H28 H29 目標 実績 150 160 指標名称 見本の人数(人) 年度 H26 〔本文〕 〔本文〕")
    got = _extract(tmp_path, text)
    assert got["見本の人数"].target is None
    assert _actuals(got["見本の人数"]) == {2014: 150, 2015: 160}


UNIT_FIRST = ("見本評価シート 〔本文〕 区 分 □ 活動 10 年度 11 年度 12 年度 13 年度 目標値 (実績) (実績) (実績) (予定) (H15) "
              "件 3 4 5 6 6 人 1,200 1,300 1,400 1,500 1,600 内 容 単 位 見本の催しの開催 見本の参加者数 成果 □ 活動 〔本文〕")


def test_rows_opening_with_their_unit_named_after(tmp_path):
    got = _extract(tmp_path, UNIT_FIRST)
    first, second = got["見本の催しの開催"], got["見本の参加者数"]
    assert first.unit == "件" and second.unit == "人"
    assert _actuals(first) == {1998: 3, 1999: 4, 2000: 5}  # (予定) is not read
    assert first.target.value == 6 and first.target.year == 2003
    assert _actuals(second) == {1998: 1200, 1999: 1300, 2000: 1400}
    assert second.target.value == 1600


def test_rows_short_of_names_are_refused(tmp_path):
    text = UNIT_FIRST.replace(" 見本の参加者数 成果", " 成果")
    got = _extract(tmp_path, text)
    assert "見本の催しの開催" not in got


def test_stated_targets():
    lines = [make_line(t, i) for i, t in enumerate([
        "〔本文〕 目標値 見本の貸出件数 9,000件",
        "口 見本の利用率 45.5%",
        "〔本文〕",
        "見本の未記載 12件",
    ])]
    table = IndicatorRow(name="見本の利用率")
    put_value(table, "target", 2020, "40.0")
    new = stated_targets(lines, [table])
    assert [r.name for r in new] == ["見本の貸出件数"]
    assert new[0].target.value == 9000 and new[0].unit == "件"
    assert table.target.value == 45.5 and table.target_year is None  # the stated goal replaces a yearly plan


UNIT_LINE = ["見本事業シート", "事業名", "見本の事業", "〔本文〕", "見本の点検回数", "単位: 回", "令和2年度", "区分",
             "活動指標1", "令和3年度", "令和4年度", "5", "6", "実績値", "7", "令和2年度", "令和3年度", "〔本文〕", "事業費", "千円"]


def test_name_before_its_unit_line(tmp_path):
    got = _extract(tmp_path, "\n".join(UNIT_LINE))
    row = got["見本の点検回数"]
    assert row.unit == "回" and _actuals(row) == {2020: 5, 2021: 6, 2022: 7}


def test_unit_line_with_figures_short_of_years_is_refused(tmp_path):
    cells = [c for c in UNIT_LINE if c != "7"]
    assert "見本の点検回数" not in _extract(tmp_path, "\n".join(cells))
