"""Whole tables on one line that no reading of spaced cells finds (``keikaku/importer/oneline.py``).

The documents here are made up: fictional names and figures, put on one line the way e-book page
text and PDF extractors leave a table.
"""

from __future__ import annotations

from keikaku.importer.normalize import make_line
from keikaku.importer.oneline import column_line_rows, glued_line_rows, one_line_table, owed_rows
from keikaku.importer.pipeline import extract_document
from keikaku.importer.records import RawDocument, RawLine
from keikaku.importer.width import ideographs

# no separator at all: a running title, header cells, a value header chain with years, then per
# row a group word, a page reference, the name, a description placeholder and three glued cells;
# a row with an empty interim cell; a name starting with a digit glued to its page reference
# (P131日… after P12 is P13); a next name starting with a figure glued to the last cell (…40%1日…)
GLUED = (
    "12架空村計画資料編分野項目指 標説  明策定時の値(2015年度)中間目標(2019年度)目標値(2023年度)"
    "山川P12ほしぞら広場の来場者数〔本文〕1,200人(2014年度)1,500人1,800人"
    "森の学校の満足度〔本文〕31.5%(2013年度)―40%1日に1回歩く村民の割合〔本文〕20%25%30%"
    "水辺P131日あたりの給水量(kWh)〔本文〕5.5kWh(2014年度)5.2kWh5.0kWh"
)

# names first (a bare number between words belongs to a name), then the name header and the first
# value header, its cells with their years, a word cell printed between the columns, then the
# target header with its year and fewer cells (a repeated word is a qualitative target)
COLUMNS = (
    "(1) 架空の目標 〔本文〕 ※〔本文〕 ほしぞら広場の来場者の割合 森の小道 3 km区間の整備率 "
    "村の催しに参加した村民の割合 指標 現状値 (評価年度) 45.0%(R2) 12.5%(R4) 30.2%(R5) 現状値以上 "
    "目標値 (R12 年度) 50.0% 現状値以上 40 第3章"
)

# a letter-spaced header broken by the first row's name; the first name's run holds the cells of
# the names that follow without cells; a sub-row with its own cells; two rows with only their first
# cell, completed by a later run (after a note and a page number), an empty first cell with its
# unit printed apart
OWED = (
    "架空の数値一覧 指 標 項 目 現 ①星見会に参加した村民の割合 状 値 目 標 値 (令和 9 年度) "
    "40.5% 50% 1,200 人/年 1,500 人/年 ・子ども会員の割合 10% 15% "
    "②ほしぞら広場の 利用者数 ③村の集まり ④森の小道の整備延長 3.5 km ⑤川辺の清掃回数の割合 "
    "※〔本文〕 7 ― % 5 km 60%"
)


def _line(text: str):
    return make_line(text, 0)


def test_glued_cells_are_cut_by_their_forms() -> None:
    rows = {r.name: r for r in glued_line_rows(_line(GLUED))}
    assert list(rows) == ["ほしぞら広場の来場者数", "森の学校の満足度", "1日に1回歩く村民の割合", "1日あたりの給水量"]
    first = rows["ほしぞら広場の来場者数"]
    assert (first.baseline.value, first.baseline_year, first.target.value, first.target_year) == (1200, 2014, 1800, 2023)
    assert first.interim[0][0].value == 1500 and first.interim[0][1] == 2019 and first.unit == "人"
    second = rows["森の学校の満足度"]
    assert second.interim[0][0].kind == "empty" and second.target.value == 40
    third = rows["1日に1回歩く村民の割合"]
    assert third.baseline_year == 2015 and third.baseline.value == 20  # no year of its own: the header's
    assert rows["1日あたりの給水量"].unit == "kWh"  # a bracketed unit ending a name is the unit


def test_columns_in_turn_fill_the_names_in_order() -> None:
    rows = column_line_rows(_line(COLUMNS))
    assert [r.name for r in rows] == ["ほしぞら広場の来場者の割合", "森の小道 3 km区間の整備率", "村の催しに参加した村民の割合"]
    assert [(r.baseline.value, r.baseline_year) for r in rows] == [(45.0, 2020), (12.5, 2022), (30.2, 2023)]
    assert rows[0].target.value == 50.0 and rows[0].target_year == 2030
    assert rows[1].target.kind == "word" and rows[2].target is None


def test_values_owed_to_the_names_that_follow() -> None:
    rows = {r.name: r for r in owed_rows(_line(OWED))}
    assert set(rows) == {"星見会に参加した村民の割合", "子ども会員の割合", "ほしぞら広場の利用者数", "森の小道の整備延長", "川辺の清掃回数の割合"}
    assert rows["ほしぞら広場の利用者数"].baseline.value == 1200 and rows["ほしぞら広場の利用者数"].unit == "人/年"
    assert rows["子ども会員の割合"].target.value == 15 and rows["子ども会員の割合"].target_year == 2027
    assert rows["森の小道の整備延長"].target.value == 5
    last = rows["川辺の清掃回数の割合"]
    assert last.baseline.kind == "empty" and last.target.value == 60 and last.unit == "%"


def test_other_lines_are_no_one_line_table() -> None:
    assert not one_line_table(_line("指標 現状値 目標値 ほしぞら広場の来場者数 1,200人 1,800人"))
    assert not one_line_table(_line("架空の村は、星の見える広場を整えます。" * 4))


def test_a_glued_table_reads_through_the_whole_engine() -> None:
    doc = RawDocument(name="doc.txt", format="text", sha256="0" * 64, lines=[RawLine("架空村計画"), RawLine(GLUED)])
    names = {i.name for i in extract_document(doc).plan.indicators}
    assert "ほしぞら広場の来場者数" in names and "1日あたりの給水量" in names


def test_radicals_nfkc_leaves_or_maps_to_other_forms_are_read_as_japanese_kanji() -> None:
    assert ideographs("村⺠ 登⼾") == "村民 登戸"
