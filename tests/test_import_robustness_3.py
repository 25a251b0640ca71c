"""Blank lines, page breaks and units an extractor prints differently must not change what a text reads.

Some extractors print a blank line after every line, others put blank lines here and there: between
a table's rows, between its header and its rows, between a name and the rest of it wrapped onto the
next line. A page break may fall inside a table, with its page number, the next page's running header
and the table's header printed again. A table may give its unit over it (（単位：人）) or in a value
column's header (目標値（件）) rather than in a unit column. Chosen documents of the blind rounds are
printed these ways here (at test time, seeded) and must read exactly as printed plainly; composed
tables pin each rule, and the blank lines and page breaks a page does have (between two tables, before
a heading, in a text of one cell a line) stay.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from keikaku.importer.blankrows import close_blank_lines
from keikaku.importer.pagejoins import join_page_breaks
from keikaku.importer.pipeline import extract_file
from keikaku.importer.records import RawDocument, RawLine
from keikaku.importer.unitnote import header_unit
from tests.sheet_reading import read

DATA = Path(__file__).resolve().parent / "data"
CHOSEN = ("blind_plans_2/01_kihon_shisaku.txt", "blind_plans/07_kenko_plan.txt", "blind_plans_2/11_kankyo_kihon.txt")


def raw(*texts: str) -> RawDocument:
    return RawDocument(name="t.txt", format="text", sha256="0", lines=[RawLine(t) for t in texts])


def texts(doc: RawDocument) -> list[str]:
    return [line.text for line in doc.lines]


def every_line(text: str) -> str:
    return "\n".join(f"{line}\n " for line in text.split("\n"))


def here_and_there(text: str, seed: int) -> str:
    rnd = random.Random(seed)
    return "\n".join(f"{line}\n " if rnd.random() < 0.3 else line for line in text.split("\n"))


@pytest.mark.parametrize("name", CHOSEN)
def test_a_blank_line_after_every_line_reads_as_the_plain_text(tmp_path: Path, name: str) -> None:
    text = (DATA / name).read_text(encoding="utf-8")
    plain = read(tmp_path, text)
    assert len(plain) >= 5
    assert read(tmp_path, every_line(text)) == plain


@pytest.mark.parametrize("name", CHOSEN)
@pytest.mark.parametrize("seed", [1, 7, 2026])
def test_blank_lines_here_and_there_read_as_the_plain_text(tmp_path: Path, name: str, seed: int) -> None:
    text = (DATA / name).read_text(encoding="utf-8")
    assert read(tmp_path, here_and_there(text, seed)) == read(tmp_path, text)


TABLE = [
    "【成果指標】",
    "                                       基準値           目標値",
    "     指標名                    単位  （令和４年度）   （令和10年度）",
    "  里山保全活動の参加者数        人       1,320            1,800",
    "  市民農園の区画利用率          ％        76.5             90.0",
    "  耕作放棄地の解消面積          ha         4.2             12.0",
]
READ = [
    ("里山保全活動の参加者数", "人", (1320, 2022), (1800, 2028), []),
    ("市民農園の区画利用率", "%", (76.5, 2022), (90.0, 2028), []),
    ("耕作放棄地の解消面積", "ha", (4.2, 2022), (12.0, 2028), []),
]


def test_the_composed_table_reads_plainly(tmp_path: Path) -> None:
    assert read(tmp_path, "\n".join(TABLE)) == READ


@pytest.mark.parametrize("after", [1, 2, 3, 4])
def test_a_blank_line_inside_the_table_is_no_boundary(tmp_path: Path, after: int) -> None:
    lines = [*TABLE[: after + 1], "   ", *TABLE[after + 1:]]
    assert texts(close_blank_lines(raw(*lines))) == TABLE
    assert read(tmp_path, "\n".join(lines)) == READ


def test_a_double_spaced_text_keeps_the_blank_lines_its_page_had() -> None:
    lines = ["施策１　農地の保全", "", *TABLE, "", "※ 市の調べによる。"]
    spaced = [x for line in lines for x in (line, " ")]
    assert [t if t.strip() else "" for t in texts(close_blank_lines(raw(*spaced)))] == lines


def test_a_wrapped_name_apart_from_its_row_by_a_blank_line_joins_it(tmp_path: Path) -> None:
    lines = [
        "     指標名                    単位    現状値（R5）   目標値（R11）",
        "  地域の見守り訪問を受けた      ％        41.0            60.0",
        "",
        "  高齢者の割合",
        "",
        "  介護予防教室の延べ参加者数    人       2,480           3,600",
    ]
    assert texts(close_blank_lines(raw(*lines))) == [lines[0], lines[1], lines[3], lines[5]]
    assert read(tmp_path, "\n".join(lines)) == [
        ("地域の見守り訪問を受けた高齢者の割合", "%", (41.0, 2023), (60.0, 2029), []),
        ("介護予防教室の延べ参加者数", "人", (2480, 2023), (3600, 2029), []),
    ]


def test_the_blank_line_before_a_new_table_stays() -> None:
    lines = [*TABLE, "", "     指標名                    単位    現状値         目標値", "  森林の整備面積     ha    40    60"]
    assert texts(close_blank_lines(raw(*lines))) == lines


def test_a_note_after_a_table_stays_apart() -> None:
    lines = [*TABLE, "", "  ※ 市民意識調査による。", "", "施策２　森林の保全"]
    assert texts(close_blank_lines(raw(*lines))) == lines


def test_a_text_of_one_cell_a_line_keeps_its_blank_lines() -> None:
    lines = ["指標", "", "現状値", "", "目標値", "", "", "里山の保全面積", "", "120ha", "", "150ha", "", "",
             "市民農園の区画数", "", "48区画", "", "60区画", ""]  # its cells parted by one blank line, its rows by two
    doc = raw(*lines)
    assert close_blank_lines(doc) is doc


def test_cells_of_other_formats_are_left_alone() -> None:
    doc = RawDocument(name="t.pdf", format="pdf", sha256="0", lines=[RawLine(t) for t in [TABLE[3], "", TABLE[4]]])
    assert close_blank_lines(doc) is doc


# Page breaks inside a table -------------------------------------------------------------------

FEED = ["", "                                       － 23 －", "\f　　第２次総合計画　施策評価報告書", ""]


def broken(text: str, after: str, *, header: int = 0) -> str:
    """``text`` with a page break after the line holding ``after``; the ``header`` lines over the
    table (counted up from its first row) printed again on the new page."""
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if after in line)
    first = at
    while first > 0 and any(ch.isdigit() for ch in lines[first - 1]) and "指標" not in lines[first - 1]:
        first -= 1
    again = lines[first - header:first] if header else []
    return "\n".join([*lines[: at + 1], *FEED, *again, *lines[at + 1:]])


KIHON = "blind_plans_2/01_kihon_shisaku.txt"


@pytest.mark.parametrize(("after", "header"), [
    ("かかりつけ医がいる市民の割合", 0),
    ("かかりつけ医がいる市民の割合", 2),  # the header printed again over the rest of the rows
    ("救急搬送における医療機関への照会", 0),  # the name's rest on the next page
    ("救急搬送における医療機関への照会", 2),  # its rest under the header printed again
    ("特定健康診査の受診率", 2),
])
def test_a_page_break_inside_a_table_reads_as_no_break(tmp_path: Path, after: str, header: int) -> None:
    text = (DATA / KIHON).read_text(encoding="utf-8")
    variant = broken(text, after, header=header)
    assert "\f" in variant and variant != text
    assert read(tmp_path, variant) == read(tmp_path, text)


def test_the_furniture_and_the_repeated_header_are_taken_out() -> None:
    lines = [*TABLE[:4], *FEED, TABLE[1], TABLE[2], *TABLE[4:]]
    assert texts(join_page_breaks(raw(*lines))) == TABLE


def test_a_flattened_table_goes_on_over_the_break(tmp_path: Path) -> None:
    lines = ["成果指標", "指標名 基準値(R4) 目標値(R10)", "里山保全活動の参加者数 1,320人 1,800人",
             "- 7 -", "\f森と水のまちづくり計画", "市民農園の区画利用率 76.5% 90.0%"]
    assert texts(join_page_breaks(raw(*lines))) == [*lines[:3], lines[5]]
    assert read(tmp_path, "\n".join(lines)) == [
        ("里山保全活動の参加者数", "人", (1320, 2022), (1800, 2028), []),
        ("市民農園の区画利用率", "%", (76.5, 2022), (90.0, 2028), []),
    ]


def test_a_ruled_table_goes_on_over_the_break() -> None:
    lines = ["│公共施設の延床面積            │210,400㎡      │189,000㎡      │", "", "                 ‐ 12 ‐",
             "\f", "│橋りょうの耐震化率            │71.5％         │100％          │"]
    assert texts(join_page_breaks(raw(*lines))) == [lines[0], lines[4]]


def test_a_form_feed_opening_a_row_only_loses_the_page_number() -> None:
    lines = [TABLE[3], "", "  － 8 －", "\f" + TABLE[4], TABLE[5]]
    assert texts(join_page_breaks(raw(*lines))) == [TABLE[3], TABLE[4], TABLE[5]]


@pytest.mark.parametrize("next_page", [
    ["施策２　森林の保全", TABLE[4]],  # a heading opens the next page
    ["　森林は水源を守り、災害を防ぐ役割を担っています。市は計画的な整備を進めます。", TABLE[4]],
])
def test_a_page_break_before_words_stays(next_page: list[str]) -> None:
    lines = [*TABLE[:4], "", "  － 8 －", "\f" + next_page[0], *next_page[1:]]
    doc = raw(*lines)
    assert join_page_breaks(doc) is doc


def test_a_text_without_form_feeds_is_left_alone() -> None:
    doc = raw(*TABLE[:4], "", "  － 8 －", "", *TABLE[4:])
    assert join_page_breaks(doc) is doc


# Units in the header ----------------------------------------------------------------------------

UNITS_ABOVE = """【成果指標】
     指標名                      基準値（R4）     目標値（件）（R10）
  空き家バンクの成約件数             12                 30
  空き家の除却補助の件数              8                 20

                                                  （単位：人）
     指標名                      基準値（R4）     目標値（R10）
  移住相談会の参加者数             140                260
  移住体験住宅の利用者数            36                 80
"""


def test_a_unit_in_a_value_header_or_a_note_over_the_table_is_the_rows_unit(tmp_path: Path) -> None:
    assert read(tmp_path, UNITS_ABOVE) == [
        ("空き家バンクの成約件数", "件", (12, 2022), (30, 2028), []),
        ("空き家の除却補助の件数", "件", (8, 2022), (20, 2028), []),
        ("移住相談会の参加者数", "人", (140, 2022), (260, 2028), []),
        ("移住体験住宅の利用者数", "人", (36, 2022), (80, 2028), []),
    ]


@pytest.mark.parametrize(("keys", "unit"), [
    (["指標名 現状値(%) 目標値(%)", "自治会加入率 61.2 70.0"], "%"),
    (["指標名 現状値(R5) 目標値(R11)", "自治会加入率 61.2 70.0"], None),  # a year in brackets is no unit
    (["指標名 現状値(人) 目標値(件)", "相談件数 61 70"], None),  # two units: no one unit for the rows
    (["指標名 現状値 目標値", "自治会加入率(%) 61.2 70.0"], None),
    (["指標名 現状値 目標値", "講座数 12 20", "参考値(回)"], None),  # below the first row: not the header
])
def test_header_unit(keys: list[str], unit: str | None) -> None:
    assert header_unit(keys) == unit


def test_a_blank_line_before_the_years_under_the_header_is_no_boundary() -> None:
    lines = ["     指標名                    基準値         実績値       目標値", "",
             "                             （R2）         （R5）       （R9）",
             "  子育て支援拠点の利用者数    8,210          9,045        10,000"]
    assert texts(close_blank_lines(raw(*lines))) == [lines[0], lines[2], lines[3]]


def test_a_blank_line_before_a_header_of_years_stays() -> None:
    lines = [*TABLE[3:], "", "     指標名                    2021年度     2022年度     2023年度", "  森林の整備面積    40    48    55"]
    assert texts(close_blank_lines(raw(*lines))) == lines


def test_a_text_of_one_cell_a_line_printed_double_spaced_loses_the_added_lines() -> None:
    page = ["指標", "", "里山の保全面積", "120ha", "150ha", "", "", "市民農園の区画数", "48区画", "60区画"]
    doubled = [x for line in page for x in (line, " ")]
    assert [t if t.strip() else "" for t in texts(close_blank_lines(raw(*doubled)))] == page


def test_a_row_read_from_a_double_spaced_text_keeps_the_line_of_the_file(tmp_path: Path) -> None:
    page = ["施策の成果", "", "  ○来館者数  実績 12,400人 /  目標 15,000人", "  ○貸出冊数  実績 88,200冊 /  目標 90,000冊",
            "", "  ○相談件数  実績 310件 /  目標 400件", "", "", "以上"]
    doubled = "\n".join(x for line in page for x in (line, " "))
    path = tmp_path / "plan.txt"
    path.write_text(doubled, encoding="utf-8")
    got = [(i.name, i.origin, i.target.value if i.target else None) for i in extract_file(path).plan.indicators]
    assert got == [("来館者数", "line 5", 15000), ("貸出冊数", "line 7", 90000), ("相談件数", "line 11", 400)]
