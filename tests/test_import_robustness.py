"""The same table as other PDF producers and extractors give it: the figures must not change.

Each document is composed here (invented names, figures, years and units) in one of the ways a
producer varies a table without changing it: ideographic spaces (U+3000) padding the columns, a
long name wrapped over two lines of its cell (the tail under the row's figures, the head above
them, under any column, in a ruled table, after a bullet), and a page's running footer and header
printed between two rows whose last cell is a direction or a bracketed year.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from keikaku.importer.cellwraps import join_cell_wraps
from keikaku.importer.normalize import normalise
from keikaku.importer.records import RawDocument, RawLine
from keikaku.importer.widegaps import spaced, widen_ideographic_gaps
from tests.sheet_reading import read as read_plan

I = "\u3000"


def read(tmp_path: Path, text: str) -> list[tuple]:
    return read_plan(tmp_path, text, blank_as_none=True)


def raw(*texts: str) -> RawDocument:
    return RawDocument(name="t.txt", format="text", sha256="0", lines=[RawLine(t) for t in texts])


# Ideographic spaces ---------------------------------------------------------------------------

@pytest.mark.parametrize(("line", "expected"), [
    (f"指標名{I*3}単位{I}{I} 現状値", "指標名      単位     現状値"),  # a gap's printed width, odd column too
    (f"第３章{I}まちづくりの目標", "第３章 まちづくりの目標"),  # a word gap in a heading
    (f"実績{I}42件", "実績  42件"),  # beside a figure: two cells
    (f"令和２年度{I}令和３年度{I*3}令和４年度", "令和２年度  令和３年度      令和４年度"),  # a laid-out line
    (f"{I}{I}指標", "    指標"),  # indentation keeps its width
    ("指標名   単位", "指標名   単位"),  # no ideographic space: unchanged
])
def test_an_ideographic_gap_is_written_as_the_spaces_it_prints(line: str, expected: str) -> None:
    assert spaced(line) == expected


def test_lines_with_cells_keep_their_ideographic_spaces() -> None:
    doc = RawDocument(name="t.txt", format="text", sha256="0",
                      lines=[RawLine(f"名称{I}件数", cells=(f"名称{I}件数",)), RawLine("本文")])
    assert widen_ideographic_gaps(doc) is doc


def test_a_table_padded_with_ideographic_spaces(tmp_path: Path) -> None:
    text = (
        "基本目標３　地域で支え合うまち\n\n"
        f"{I}指標{I*12}基準値{I*3}実績{I*4}実績{I*4}目標値\n"
        f"{I*14}（令和元年度）{I}令和３年度{I}令和４年度{I}（令和７年度）\n"
        f"{I}見守り協力員の登録者数{I*4}310人{I*5}342人{I*4}365人{I*4}400人\n"
        f"{I}認知症カフェの開設数{I*6}8か所{I*5}9か所{I*4}11か所{I*4}15か所\n"
    )
    assert read(tmp_path, text) == [
        ("見守り協力員の登録者数", "人", (310, 2019), (400, 2025), [(2021, 342), (2022, 365)]),
        ("認知症カフェの開設数", "か所", (8, 2019), (15, 2025), [(2021, 9), (2022, 11)]),
    ]


# Names wrapped over two lines ---------------------------------------------------------------------

def test_a_tail_under_a_name_cell_that_is_not_the_first(tmp_path: Path) -> None:
    text = """施策２－４ 生涯学習の推進

  No.    事業名                    所管課          指標名                          単位    現状値    R7     R8     R9
                                                                                           (R6)
  1      市民大学講座事業          生涯学習課      市民大学の修了                  人        140     150    160    170
                                                   者数
  2      図書館電子化事業          中央図書館      電子書籍の年間                  冊      9,600  11,000 12,500 14,000
                                                   貸出冊数
  3      公民館改修事業            生涯学習課      公民館の利用件数                件      5,210   5,400  5,600  5,800
"""
    assert read(tmp_path, text) == [
        ("市民大学の修了者数", "人", (140, 2024), (170, 2027), []),
        ("電子書籍の年間貸出冊数", "冊", (9600, 2024), (14000, 2027), []),
        ("公民館の利用件数", "件", (5210, 2024), (5800, 2027), []),
    ]


def test_a_head_above_its_figures(tmp_path: Path) -> None:
    text = """成果指標
   指標名                              現状値（令和４年）   目標値（令和10年）
   ① 森林ボランティアの
     登録者数                             215人                300人
   ② 間伐の実施面積                      84ha                 120ha
   ③ 木育イベントへの
     延べ参加人数                         1,930人              2,500人
"""
    assert read(tmp_path, text) == [
        ("森林ボランティアの登録者数", "人", (215, 2022), (300, 2028), []),
        ("間伐の実施面積", "ha", (84, 2022), (120, 2028), []),
        ("木育イベントへの延べ参加人数", "人", (1930, 2022), (2500, 2028), []),
    ]


def test_a_name_wrapped_in_a_ruled_table_above_and_below_its_figures(tmp_path: Path) -> None:
    text = """環境の指標
│ 指標名                 │ 基準値（H30） │ 目標値（R8） │
│ 資源ごみの回収         │ 4,210t        │ 4,800t       │
│ 量                     │               │              │
│ 生ごみ堆肥化容器の     │               │              │
│ 補助件数               │ 36件          │ 60件         │
│ 不法投棄の件数         │ 58件          │ 30件         │
"""
    assert read(tmp_path, text) == [
        ("資源ごみの回収量", "t", (4210, 2018), (4800, 2026), []),
        ("生ごみ堆肥化容器の補助件数", "件", (36, 2018), (60, 2026), []),
        ("不法投棄の件数", "件", (58, 2018), (30, 2026), []),
    ]


def test_a_bulleted_name_whose_figures_share_one_cell(tmp_path: Path) -> None:
    text = """【数値目標】
   ・空き店舗への新規出店　　基準値：6件（R2） 目標値：15件（R7）
     件数
   ・商店街の歩行者通行量　　基準値：3,450人（R2） 目標値：4,000人（R7）
"""
    assert read(tmp_path, text) == [
        ("空き店舗への新規出店件数", "件", (6, 2020), (15, 2025), []),
        ("商店街の歩行者通行量", "人", (3450, 2020), (4000, 2025), []),
    ]


@pytest.mark.parametrize("lines", [
    # a heading above a row, standing at its name's column
    ("  基本目標２", "  利用者数        120人     150人"),
    # a header cell above a row
    ("  指標名", "  利用者数        120人     150人"),
    # a piece that opens and ends like a whole name of its own, above a row's name that does too
    ("  観光案内所の数", "  宿泊施設の客室数   1,200室   1,500室"),
    # a piece under a row that has no figure
    ("  市民活動の支援", "  団体数"),
])
def test_lines_that_are_no_wrap_stay_apart(lines: tuple[str, str]) -> None:
    doc = raw(*lines)
    assert [line.text for line in join_cell_wraps(doc).lines] == list(lines)


def test_a_ruled_piece_without_a_row_of_figures_beside_it_stays() -> None:
    doc = raw("│ 施策の方向 │ 内容       │", "│ 補助件数   │            │", "│ 説明       │ 〔本文〕   │")
    assert [line.text for line in join_cell_wraps(doc).lines] == [line.text for line in doc.lines]


# Running footers and headers between rows ------------------------------------------------------------

def test_a_page_break_between_rows_ending_with_a_direction(tmp_path: Path) -> None:
    text = """第４章 数値目標

   項目                         単位   基準値              目標値              方向
   図書館の年間来館者数         人     182,000（令和３年）  200,000（令和11年）  ↗
   文化ホールの稼働率           ％     61.2（令和３年）     70.0（令和11年）     ↗
－ 17 －
第４章　数値目標
   美術館の企画展の入場者数     人     24,500（令和３年）   30,000（令和11年）   ↗
   文化財の公開日数             日     96（令和３年）       120（令和11年）      ↗
"""
    assert read(tmp_path, text) == [
        ("図書館の年間来館者数", "人", (182000, 2021), (200000, 2029), []),
        ("文化ホールの稼働率", "%", (61.2, 2021), (70, 2029), []),
        ("美術館の企画展の入場者数", "人", (24500, 2021), (30000, 2029), []),
        ("文化財の公開日数", "日", (96, 2021), (120, 2029), []),
    ]


def test_a_chapter_opening_a_page_after_a_table_stays() -> None:
    doc = raw("   公園の数      人   12   15", "－ 8 －", "第５章　計画の推進", "〔本文〕の説明が続きます。")
    assert [line.text for line in normalise(doc)] == ["公園の数 人 12 15", "第５章 計画の推進", "〔本文〕の説明が続きます。"]
