"""The same figures as other publishers print them: years in another notation, figures without
thousands separators, and page furniture the page-number rule did not catch. Every document is
composed here (invented names, figures, years and units) and must read exactly.

- Years: a sentence, a note or a header printing an era by its letter (H29年, R10年) or by its name
  without 年 (策定時(平成22)), or a Western year before 年度 in a header cell (2031年度までの目標).
- Figures: a four-digit figure printed without its comma (1180, 1880) is a figure, not a year,
  unless 年/年度 or brackets say a year; no year before 1868 (Meiji) is a plan's year.
- Page furniture: a running header on one line with its page number (repeated, or once between
  rows when it names the document), and a page number with the running header under it between a
  table's cells printed one per line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from keikaku.importer.normalize import normalise
from keikaku.importer.pagefurniture import page_furniture
from keikaku.importer.records import RawDocument, RawLine
from keikaku.importer.values import parse_quantity, parse_year, parse_year_in
from tests.sheet_reading import read as read_plan


def read(tmp_path: Path, text: str) -> list[tuple]:
    return read_plan(tmp_path, text, blank_as_none=True)


def keys(text: str) -> list[str]:
    raw = RawDocument(name="t.txt", format="text", sha256="0", lines=[RawLine(t) for t in text.split("\n")])
    return [line.key for line in normalise(raw)]


# Years ------------------------------------------------------------------------------------------

def test_a_sentence_with_era_letters(tmp_path: Path) -> None:
    text = ("第4章 数値目標\n\n本計画では、交通事故による死傷率(人口千人当たりの死傷者数)を、R10年までに、H29年と比べて"
            "25パーセント以上減らすことを目標とします。(H29年:6.4をR10年:4.8以下に)\n")
    assert read(tmp_path, text) == [("交通事故による死傷率(人口千人当たりの死傷者数)", None, (6.4, 2017), (4.8, 2028), [])]


def test_a_from_to_sentence_with_era_letters(tmp_path: Path) -> None:
    text = "成果目標\n○ 市民農園の区画利用率を、R3年度の68.2%からR8年度には80.0%に高めます。\n"
    assert read(tmp_path, text) == [("市民農園の区画利用率", "%", (68.2, 2021), (80, 2026), [])]


def test_a_note_stating_the_columns_years_by_letter(tmp_path: Path) -> None:
    text = """成果指標
〔注記:基準値はH27年度、目標値はR6年度の数値〕
指標名                      基準値        目標値
公民館講座の参加者数        12,400人      15,000人
地域サロンの開催回数        320回         450回
"""
    assert read(tmp_path, text) == [("公民館講座の参加者数", "人", (12400, 2015), (15000, 2024), []),
                                    ("地域サロンの開催回数", "回", (320, 2015), (450, 2024), [])]


def test_an_era_name_without_nen_in_a_glued_header(tmp_path: Path) -> None:
    text = ("第2次みなと市食育推進計画\n3/40\n\n第2章 前計画の評価 〔本文〕目指す方向策定時(平成22)現状値(平成26)結果"
            "朝食を毎日食べる子どもの割合↑88.4%90.1%↑地産地消推進店の登録数↑42店57店↑"
            "野菜摂取量が目標に達する人の割合↑28.3%26.9%↓\n")
    assert read(tmp_path, text) == [("朝食を毎日食べる子どもの割合", "%", (88.4, 2010), None, [(2014, 90.1)]),
                                    ("地産地消推進店の登録数", "店", (42, 2010), None, [(2014, 57)]),
                                    ("野菜摂取量が目標に達する人の割合", "%", (28.3, 2010), None, [(2014, 26.9)])]


def test_a_western_year_heading_a_cell(tmp_path: Path) -> None:
    text = "\n\n".join(["指標とする取組・目標", "項目", "実施主体", "現状", "2031年度までの目標",
                        "放課後子ども教室の\n実施校数", "市町村", "実施校数", "14校", "20校",
                        "ファミリー・サポート\nセンターの会員数", "市町村", "会員数", "1,250人", "1,800人"]) + "\n"
    got = read(tmp_path, text)
    assert ("放課後子ども教室の実施校数", "校", (14, None), (20, 2031), []) in got
    assert ("ファミリー・サポートセンターの会員数", "人", (1250, None), (1800, 2031), []) in got


@pytest.mark.parametrize(("cell", "kind", "value", "unit"), [
    ("2031年度までの目標", "word", None, None),  # a year and its word
    ("2024年度末", "word", None, None),
    ("1990年", "word", None, None),
    ("1,500年", "number", 1500, "年"),  # a count of years printed with its comma
    ("30年", "number", 30, "年"),
    ("2015年間", "number", 2015, "年間"),  # a duration is no year
    ("2015人", "number", 2015, "人"),
])
def test_a_western_year_with_nen_is_no_figure(cell: str, kind: str, value: int | None, unit: str | None) -> None:
    q = parse_quantity(cell)
    assert (q.kind, q.value, q.unit) == (kind, value, unit)


@pytest.mark.parametrize(("text", "year"), [
    ("1820年", None), ("1867年度", None), ("1868年", 1868), ("2199年", 2199), ("R10年", 2028), ("H29年", 2017),
])
def test_no_plan_year_before_meiji(text: str, year: int | None) -> None:
    assert parse_year(text) == year


def test_a_bare_figure_before_meiji_is_no_year() -> None:
    assert parse_year_in("1820") == ("1820", None)
    assert parse_year_in("1240 (2019年度)") == ("1240", 2019)


# Figures without thousands separators -------------------------------------------------------------

def test_four_digit_figures_dated_in_brackets(tmp_path: Path) -> None:
    text = """ 基本目標１ 再生可能エネルギーの導入
  環境指標                               基準値             現状値             目標値           方向
  太陽熱利用設備の導入件数（件）         1180 (2020年度)    1930 (2023年度)    2600 (2030年度)  増加
  市民講座の受講者数（人）               1420 (2020年度)    1880 (2023年度)    1950 (2030年度)  増加
"""
    assert read(tmp_path, text) == [("太陽熱利用設備の導入件数", "件", (1180, 2020), (2600, 2030), [(2023, 1930)]),
                                    ("市民講座の受講者数", "人", (1420, 2020), (1950, 2030), [(2023, 1880)])]


_CELLS = ["指標名", "単位", "区分", "令和3年度", "令和4年度", "令和5年度",
          "公園愛護会の登録団体数", "団体", "目標値", "実績値", "42", "45", "48", "40", "44", "49",
          "花壇ボランティアの延べ人数", "人", "目標値", "実績値", "2450", "2600", "2750", "2380", "2610", "2790"]


def _one_per_line(page_at: int | None = None) -> str:
    out = ["１ 活動指標"]
    for k, cell in enumerate(_CELLS):
        out += [cell, ""]
        if k == page_at:
            out += ["17", "第4章　施策の展開", ""]
    return "\n".join(out) + "\n"


_BLOCKS = [("公園愛護会の登録団体数", "団体", None, (48, 2023), [(2021, 40), (2022, 44), (2023, 49)]),
           ("花壇ボランティアの延べ人数", "人", None, (2750, 2023), [(2021, 2380), (2022, 2610), (2023, 2790)])]


def test_four_digit_figures_one_cell_per_line(tmp_path: Path) -> None:
    assert read(tmp_path, _one_per_line()) == _BLOCKS


# Page furniture -------------------------------------------------------------------------------------

_ROWS = [("河川清掃の参加者数（人）", "1,240", "1,380", "1,500"), ("緑のカーテン設置世帯数（世帯）", "310", "365", "420"),
         ("雨水タンクの設置基数（基）", "86", "97", "120"), ("環境学習講座の受講者数（人）", "2,050", "2,310", "2,600"),
         ("生ごみ処理機の補助件数（件）", "44", "52", "70"), ("市民共同発電所の設置数（か所）", "3", "4", "6")]
_HEAD = "  指標名                              基準値(R3)    現状値(R5)    目標値(R9)"
_BODY = [f"  {n}{' ' * (32 - 2 * len(n))}{a:>10}{b:>14}{c:>14}" for n, a, b, c in _ROWS]
_READ = [("河川清掃の参加者数", "人", (1240, 2021), (1500, 2027), [(2023, 1380)]),
         ("緑のカーテン設置世帯数", "世帯", (310, 2021), (420, 2027), [(2023, 365)]),
         ("雨水タンクの設置基数", "基", (86, 2021), (120, 2027), [(2023, 97)]),
         ("環境学習講座の受講者数", "人", (2050, 2021), (2600, 2027), [(2023, 2310)]),
         ("生ごみ処理機の補助件数", "件", (44, 2021), (70, 2027), [(2023, 52)]),
         ("市民共同発電所の設置数", "か所", (3, 2021), (6, 2027), [(2023, 4)])]


def test_a_running_header_with_its_page_number_on_every_page(tmp_path: Path) -> None:
    notes = [f"※{k} 各年度の数値は{k}月末の集計による。" for k in range(1, 7)]
    text = "\n".join(["みずべ市環境指標", "", _HEAD, *_BODY[:3], "第2次みずべ市環境基本計画　　21", *_BODY[3:], "",
                      *notes, "", "第2次みずべ市環境基本計画　　22", "５ 計画の推進", "施策の進み具合は毎年点検します。"])
    kept = [k for k in keys(text) if k.startswith("第2次みずべ市環境基本計画")]
    assert kept == ["第2次みずべ市環境基本計画 22"]  # over a page opening with a heading it stays, as before
    assert len(keys(text)) == 17
    assert read(tmp_path, text) == _READ


def test_a_running_header_with_its_page_number_once(tmp_path: Path) -> None:
    text = "\n".join(["環境指標", "", _HEAD, *_BODY[:3], "みずべ市環境基本計画　　14", *_BODY[3:]])
    assert "みずべ市環境基本計画 14" not in keys(text)
    assert len(keys(text)) == 8
    assert read(tmp_path, text) == _READ


def test_a_page_break_between_cells_one_per_line(tmp_path: Path) -> None:
    text = _one_per_line(page_at=12)
    assert "17" not in keys(text) and "第4章 施策の展開" not in keys(text)
    assert keys(text) == keys(_one_per_line())
    assert read(tmp_path, text) == _BLOCKS


def test_page_breaks_counting_up_between_cells() -> None:
    cells = [str(100 + k) for k in range(30)]
    lines = ["指標"] + cells[:10] + ["8", "みずべ市総合戦略"] + cells[10:20] + ["9", "みずべ市総合戦略"] + cells[20:]
    assert keys("\n".join(lines)) == ["指標", *cells]


@pytest.mark.parametrize("text", [
    "目次\n第1章 計画の概要 3\n第2章 基本計画 7\n第3章 計画の推進 15\n\n第1章 計画の概要\n本文です。",  # contents lines
    "指標名 現状値\n公園の数 40\n緑地の面積 12\n",  # rows of one figure
    "指標\n12\n30\n15\n件\n22\n件\n31\n件\n",  # a unit under each figure: cells
    "実績\n- 12 -\n第5章 計画の推進体制\n本章では推進の体制を述べます。\n",  # a chapter opening a page
])
def test_no_furniture(text: str) -> None:
    raw = RawDocument(name="t.txt", format="text", sha256="0", lines=[RawLine(t) for t in text.split("\n")])
    lines = [line for line in normalise(raw)]
    assert page_furniture(lines) == set()
    assert "第5章 計画の推進体制" in keys(text) or "第5章" not in text


def test_a_line_of_years_stays_years() -> None:
    from keikaku.importer.streamrows import _kinds

    assert _kinds(["2027", "2028", "2029", "2031"]) == ["year"] * 4
    assert _kinds(["1700", "1780", "1860", "1950"]) == ["value"] * 4  # figures of a row
    assert _kinds(["指標", "2030", "(2030年度)"]) == ["text", "value", "year"]
