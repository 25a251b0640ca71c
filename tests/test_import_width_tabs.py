"""Figures printed in full-width digits and cells parted by tabs read as their ASCII, spaced forms do.

Documents composed for these rules (names, figures and years invented): each is read as the text
reader gives it, once as composed and once in the other printing (full-width digits, or tabs for
runs of spaces), and both must give the same indicators, figure for figure; the plan keeps the
figures as the document prints them.
"""

from __future__ import annotations

import unicodedata

import pytest

from keikaku.domain.planfile import Value
from keikaku.importer.figurewidth import ascii_digits, printed_digits
from keikaku.importer.pipeline import extract_document
from keikaku.importer.readers.text import read_text
from keikaku.importer.records import RawDocument, RawLine
from keikaku.importer.tabcells import spread_tab_cells

_FULL = str.maketrans("0123456789.,%()", "０１２３４５６７８９．，％（）")


def doc(text: str, name: str = "doc.txt") -> RawDocument:
    lines, encoding = read_text(name, text.encode("utf-8"))
    return RawDocument(name=name, format="text", sha256="0" * 64, lines=lines, encoding=encoding)


def column(text: str, at: int) -> int:
    """The printed column of ``text[at]`` (a kanji prints two columns wide)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text[:at])


def plan(text: str):
    return extract_document(doc(text)).plan


def rows(text: str) -> list[tuple]:
    out = []
    for i in plan(text).indicators:
        b, t = i.baseline, i.target
        out.append((i.name, i.unit, b and (b.value, b.year), t and (t.value, t.year), [(a.year, a.value) for a in i.actuals]))
    return out


def printed(text: str) -> list[tuple]:
    return [(i.name, i.baseline and i.baseline.text, i.target and i.target.text, [a.text for a in i.actuals])
            for i in plan(text).indicators]


# --- full-width figures ------------------------------------------------------------------------

def test_figures_standing_as_words_are_read_in_ascii_and_digits_inside_words_stay() -> None:
    assert ascii_digits("１，２８４人 ６．２％ （２８年度） →９０") == "1,284人 6.2% （28年度） →90"
    assert ascii_digits("第５章 照会４回以上 令和７年度 ＣＯ２") == "第５章 照会４回以上 令和７年度 ＣＯ２"
    assert ascii_digits("１２．") == "12．"  # a point after the last digit is no figure's
    assert ascii_digits("、３つの方針・２．６") == "、3つの方針・2.6"
    assert ascii_digits("12．5 ５％") == "12.5 5%"
    assert ascii_digits("１-１ 図書館数 １館 千ｔ-ＣＯ２") == "1-1 図書館数 1館 千ｔ-ＣＯ２"
    text = "名称 abc 12"
    assert ascii_digits(text) is text  # nothing full-width: the very same string


# Rows announced by a sentence (…の順で記載), a whole page on one line, each cell after 、 and a
# figure's explanation after it (… の約20%増 231事業所): the rows' readings looked for ASCII digits.
ANNOUNCED = ("(資料2) 地域福祉計画(第3期)の振り返り (2ページ) 1 成果目標の状況  (1) 地域の見守り体制  【成果目標】  ○ 〔本文〕"
             "  ア 成果目標の実績   成果目標、令和4年度目標、令和4年度実績、達成率の順で記載   見守り協力事業所の登録数、260事業所"
             " R1年度末の登録数の約20%増 231事業所、R1年度末の登録数の8.4%増、88.8%   孤立の相談件数(令和元年度対比)、35件減"
             " 令和4年度の相談件数 1,210件、18件減 令和4年度の相談件数 1,227件、51.4%  イ 主な取組の状況    ○ 〔本文〕\n")

WATCH = [("見守り協力事業所の登録数", "事業所", None, (260, 2022), [(2022, 231)]),
         ("孤立の相談件数(令和元年度対比)", "件", None, (35, 2022), [(2022, 18)])]


def test_a_table_in_full_width_digits_reads_as_in_ascii() -> None:
    full = ANNOUNCED.translate(_FULL)
    assert "見守り協力事業所の登録数、２６０事業所 R１年度末の登録数の約２０％増 ２３１事業所" in full
    assert rows(ANNOUNCED) == WATCH
    assert rows(full) == [(name.translate(_FULL), *rest) for name, *rest in WATCH]


def test_full_width_figures_keep_their_printing_in_the_plan() -> None:
    assert printed(ANNOUNCED.translate(_FULL)) == [
        ("見守り協力事業所の登録数", None, "２６０事業所", ["２３１事業所"]),
        ("孤立の相談件数（令和元年度対比）", None, "３５件", ["１８件"]),
    ]
    assert printed(ANNOUNCED) == [("見守り協力事業所の登録数", None, "260事業所", ["231事業所"]),
                                  ("孤立の相談件数(令和元年度対比)", None, "35件", ["18件"])]


def test_a_digit_the_document_prints_both_ways_in_the_same_place_stays_as_read() -> None:
    raw = RawDocument(name="d.txt", format="text", sha256="0" * 64,
                      lines=[RawLine("目標 ５件"), RawLine("目標 5件"), RawLine("実績 ７件"), RawLine("実績 ７件")])
    values = [Value(value=5, text="5件"), Value(value=7, text="7件"), Value(value=9, text="9件")]
    for v in values:
        printed_digits(v, raw)
    assert [v.text for v in values] == ["5件", "７件", "9件"]  # both ways: as read; one way: as printed; never: as read
    v = Value(value=7, text="7件", origin="line 7")
    printed_digits(v, raw)
    assert (v.text, v.origin) == ("７件", "line 7")  # the engine's own words are left alone
    ascii_only = RawDocument(name="d.txt", format="text", sha256="0" * 64, lines=[RawLine("実績 7件")])
    v = Value(value=7, text="7件")
    assert printed_digits(v, ascii_only) is v and v.text == "7件"


# --- tabs -------------------------------------------------------------------------------------------

YEARS_UNDER = """施策 3-1 公園の維持
■ 指標
指標名        単位    基準値          目標値
                      （令和2年度）   （令和8年度）
公園の清掃活動の参加団体数    団体    41    55
街区公園の再整備数            箇所    3     12
"""

YEARS_UNDER_TABS = ("施策 3-1 公園の維持\r\n■ 指標\r\n指標名\t単位\t基準値\t目標値\r\n（令和2年度）\t（令和8年度）\r\n"
                    "公園の清掃活動の参加団体数\t団体\t41\t55\r\n街区公園の再整備数\t箇所\t3\t12\r\n")

PARK = [("公園の清掃活動の参加団体数", "団体", (41, 2020), (55, 2026), []),
        ("街区公園の再整備数", "箇所", (3, 2020), (12, 2026), [])]


def test_years_under_a_tabbed_header_date_the_columns_they_complete() -> None:
    assert rows(YEARS_UNDER) == PARK
    assert rows(YEARS_UNDER_TABS) == PARK
    spread = spread_tab_cells(doc(YEARS_UNDER_TABS)).lines
    assert [line.text for line in spread[2:4]] == [
        "指標名                       単位   基準値          目標値",
        "                                    （令和2年度）   （令和8年度）",
    ]
    assert all(line.cells is None for line in spread)


STACKED_TABS = ("基本目標２ 水と緑のまち\n基準\t目標\n指標名\t単位\t年度\t基準値\t2022年度\t2023年度\t年度\t目標値\n"
                "雨水浸透ますの設置数\t基\t2018\t320\t410\t455\t2031\t600\n"
                "市民農園の区画数\t区画\t2019\t95\t102\t104\t2031\t130\n")


def test_a_word_over_a_bare_year_column_stands_over_it() -> None:
    assert rows(STACKED_TABS) == [
        ("雨水浸透ますの設置数", "基", (320, 2018), (600, 2031), [(2022, 410), (2023, 455)]),
        ("市民農園の区画数", "区画", (95, 2019), (130, 2031), [(2022, 102), (2023, 104)]),
    ]
    header = spread_tab_cells(doc(STACKED_TABS)).lines[1:3]
    upper, lower = header[0].text, header[1].text
    assert column(upper, upper.index("基準")) == column(lower, lower.index("年度"))
    assert column(upper, upper.index("目標")) == column(lower, lower.rindex("年度"))


UPPER_TABS = ("施策 4-2 読書の推進\n◆ 成果指標\n基準値\t令和5年度\t令和6年度\t目標値\n指標\t令和3年度\t実績\t実績\t令和9年度\n"
              "中学生の月平均読書冊数\t2.1冊\t2.4冊\t2.6冊\t3.0冊\n読み聞かせ講座の受講者数\t140人\t152人\t171人\t200人\n")


def test_a_header_line_over_years_stands_over_them() -> None:
    assert rows(UPPER_TABS) == [
        ("中学生の月平均読書冊数", "冊", (2.1, 2021), (3, 2027), [(2023, 2.4), (2024, 2.6)]),
        ("読み聞かせ講座の受講者数", "人", (140, 2021), (200, 2027), [(2023, 152), (2024, 171)]),
    ]
    upper, lower = (line.text for line in spread_tab_cells(doc(UPPER_TABS)).lines[2:4])
    assert [column(upper, upper.index(w)) for w in ("基準値", "令和5年度", "令和6年度", "目標値")] == [
        column(lower, at) for at in (lower.index("令和3年度"), lower.index("実績"), lower.rindex("実績"), lower.index("令和9年度"))]


def test_what_is_not_a_tabbed_text_is_left_alone() -> None:
    plain = doc("施策1 テスト\n指標名  基準値  目標値\n")
    assert spread_tab_cells(plain) is plain
    sheet = RawDocument(name="b.xlsx", format="xlsx", sha256="0" * 64,
                        lines=[RawLine("a\tb", None, ("a", "b")), RawLine("c\td", None, ("c", "d"))])
    assert spread_tab_cells(sheet) is sheet
    grid = doc("指標名\t現状値\t目標値\n市民の割合\t84.9%\t100%\n")
    assert [line.cells for line in spread_tab_cells(grid).lines] == [("指標名", "現状値", "目標値"), ("市民の割合", "84.9%", "100%")]


def test_a_short_line_of_words_opens_at_the_first_column() -> None:
    text = "指標名\t単位\t現状値\t目標値\n公園の数\t箇所\t12\t15\n(注)数値は年度末\t時点\n"
    lines = spread_tab_cells(doc(text)).lines
    assert [line.text for line in lines] == ["指標名             単位   現状値   目標値",
                                             "公園の数           箇所   12       15",
                                             "(注)数値は年度末   時点"]


@pytest.mark.parametrize("text", ["", "\t\t\n", "\t\n\t\n"])
def test_blank_tabbed_lines_give_blank_text(text: str) -> None:
    assert all(not line.text.strip() for line in spread_tab_cells(doc(text)).lines)
