"""Layout rules loosened to read sheets and lists an existing reader almost fitted.

The documents here are made up: fictional names and figures, printed the way the layouts
the rules describe print them.
"""

from __future__ import annotations

from keikaku.domain.enums import Direction
from keikaku.importer.grouprows import grouped_rows
from keikaku.importer.labelled import labelled_rows
from keikaku.importer.labelrows import label_row_sheets
from keikaku.importer.normalize import make_line
from keikaku.importer.pipeline import extract_document
from keikaku.importer.records import RawDocument, RawLine
from keikaku.importer.statedyears import stated_years
from keikaku.importer.tables import IndicatorRow
from keikaku.importer.values import parse_quantity


def lines(*texts: str):
    return [make_line(t, i) for i, t in enumerate(texts)]


def extract(*texts: str):
    doc = RawDocument(name="doc.txt", format="text", sha256="0" * 64, lines=[RawLine(t) for t in texts])
    return extract_document(doc).plan


# labelled values run as bullets ------------------------------------------------------------------

BULLETS = ("(1) ほたる川の保全 - 成果指標:ほたる観察会に参加した児童の割合 (「毎回」「時々」の合計の割合) "
           "- 現状値:令和6年度 低学年 40.0%、高学年 35.5% - 目標:割合の増加 - 出典:村児童調査 "
           "(2) 星見の丘 1. 成果指標:星見の丘の来訪者数 - 現状値:1,200人 - 目標:1,500人 - 出典:村観光調べ")


def test_bullet_dashes_and_a_source_label_close_the_values() -> None:
    rows = labelled_rows(lines(BULLETS))
    assert [(r.name, r.target.text, r.source) for r in rows][1] == ("星見の丘の来訪者数", "1,500人", "村観光調べ")
    assert rows[1].baseline.value == 1200


def test_a_long_bracketed_qualifier_after_a_name_is_its_definition() -> None:
    row = labelled_rows(lines(BULLETS))[0]
    assert row.name == "ほたる観察会に参加した児童の割合"
    assert row.definition == "「毎回」「時々」の合計の割合"


def test_a_direction_word_target_keeps_the_row_and_gives_its_direction() -> None:
    row = labelled_rows(lines(BULLETS))[0]
    assert row.direction == Direction.INCREASE and row.baseline.value is None  # two groups: no single baseline


def test_rows_without_any_figure_are_not_a_labelled_reading() -> None:
    assert labelled_rows(lines("成果指標:ほたる観察会の回数 - 目標:回数の増加")) == []


# one value pair per group --------------------------------------------------------------------

GROUPS = lines("評価指標 現状 目標 区分",
               "ほたる観察会を楽しいと感じる児童の割合",
               "(村児童調査)",
               "低学年 40.0% 増加 高学年 35.5% 増加 ア",
               "夜道を不安に思う住民の割合(村住民調査)",
               "東地区 20.1% 減少 西地区 18.0% 減少 イ")


def test_a_row_printing_one_pair_per_group_gives_name_unit_and_direction() -> None:
    rows = grouped_rows(GROUPS)
    assert [(r.name, r.unit, r.direction, r.baseline, r.source) for r in rows] == [
        ("ほたる観察会を楽しいと感じる児童の割合", "%", Direction.INCREASE, None, "村児童調査"),
        ("夜道を不安に思う住民の割合", "%", Direction.DECREASE, None, "村住民調査"),
    ]


def test_groups_disagreeing_on_the_direction_give_none() -> None:
    rows = grouped_rows(lines("評価指標 現状 目標", "星見の丘の来訪者の割合", "大人 40.0% 増加 子ども 35.5% 減少"))
    assert [(r.name, r.direction) for r in rows] == [("星見の丘の来訪者の割合", None)]


def test_a_single_pair_is_not_a_group_row() -> None:
    assert grouped_rows(lines("評価指標 現状 目標", "星見の丘の来訪者の割合", "大人 40.0% 増加")) == []


# column years stated outside the table -------------------------------------------------------

def _row() -> IndicatorRow:
    return IndicatorRow(name="ほたるの数", baseline=parse_quantity("20匹"), target=parse_quantity("増加"))


def test_a_note_stating_each_column_year_dates_rows_without_years() -> None:
    row = _row()
    stated_years(lines("〔注記:現状=平成20年度、目標=平成26年度/区分イは 現状=平成18年度〕"), [row])
    assert (row.baseline_year, row.target_year) == (2008, 2014)


def test_a_quoted_column_list_with_a_year_dates_that_column() -> None:
    row = _row()
    stated_years(lines("「成果指標」 「現状値」 「(令和11年度)目指す目標」 「出典」"), [row])
    assert (row.baseline_year, row.target_year) == (None, 2029)


def test_a_year_a_row_prints_is_kept() -> None:
    row = _row()
    row.baseline_year = 2010
    stated_years(lines("現状=平成20年度"), [row])
    assert row.baseline_year == 2010


# value rows labelled in the header, read by their cell counts --------------------------------

SHEET = ("指標名 単位", "現状 R2年度 R3年度 R4年度", "目標", "実績 実績 実績 実績", "評価 評価 評価 評価",
         "① ほたる観察会の回数 回", "12", "8 9 ― ―",
         "② 星見の丘の", "清掃参加者数", "300", "250 260 270 ―")


def test_value_lines_go_to_the_labelled_rows_with_as_many_cells() -> None:
    rows = label_row_sheets(lines(*SHEET))
    assert [(r.name, r.unit, r.baseline.value, r.target.value, [(y, q.value) for y, q, _ in r.actuals]) for r in rows] == [
        ("ほたる観察会の回数", "回", 8, 12, [(2020, 9)]),
        ("星見の丘の清掃参加者数", None, 250, 300, [(2020, 260), (2021, 270)]),
    ]


def test_a_value_line_fitting_no_labelled_row_refuses_the_row() -> None:
    assert label_row_sheets(lines(*SHEET[:6], "12", "8 9 ―")) == []


def test_the_sheet_is_read_in_a_whole_document() -> None:
    plan = extract(*SHEET)
    assert {i.name: i.target.value for i in plan.indicators} == {"ほたる観察会の回数": 12, "星見の丘の清掃参加者数": 300}
