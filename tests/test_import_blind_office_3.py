"""Office documents in layouts municipal offices make, third blind round: Excel evaluation sheets and
Word measure pages, read from the files, from their LibreOffice PDFs and from both of pdftotext's
renderings of those PDFs (``office_round_3.py`` makes the round; its reading is pinned here).

The layouts (invented names and figures, composed here) exercise what the round taught the engine:

- a 基準値 cell merged over an indicator's 目標 and 実績 rows (a 区分 column) keeps its role
  (``grid.indicator_rows``); うち一般財源 under a money row is money (``norows``);
- indicators as columns under a corner 指標名, over rows of roles dated in their labels
  (現状値（令和4年度）, 目標値（令和10年度）) (``gridshapes.years_as_rows``);
- pdftotext's default order, column by column: a role line over a bare year (現状値 / 令和4年度),
  a 単位 header printed right under 指標名 before the names (``columnmajor``), and a section heading
  or a sentence printed between the columns, moved after the table (``columnbreak``);
- pdftotext ``-layout``: years over 目標 | 実績 | 達成率 sub-columns, with a line of merged cells
  between (``subcolumns``); figures centred beside a name wrapped over two lines (``centredrow``);
  header cells wrapped in narrow columns (令和 3 年 / 度, （令和 2 / 年度）) (``wrappedheader``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from docmaker import merged_table
from corpus.scoring import scorer
from held_out import read_rows as read
from held_out import score_pinned, text_file
from keikaku.importer.norows import names_no_row
from office_round_3 import build
from office_rounds import word_document
from keikaku.importer.pipeline import extract_file


def placed(*cells: tuple[int, str]) -> str:
    """A line of laid-out text, each cell from its character place (as pdftotext -layout prints)."""
    out = ""
    for start, text in cells:
        out += " " * max(start - len(out), 2 if out else 0) + text
    return out


# --- a baseline merged over the 目標 and 実績 rows; a breakdown of the money ---------------------


def test_a_baseline_merged_over_the_label_rows_keeps_its_role(tmp_path: Path) -> None:
    document = word_document()
    document.add_paragraph("施策2-4 文化芸術の振興")
    rows: list[list[str | None]] = [["指標名", "単位", "基準値\n（令和元年度）", "区分", "令和2年度", "令和3年度", "目標値\n（令和6年度）"],
                                    ["市民ギャラリーの利用団体数", "団体", "48", "目標", "50", "53", "60"],
                                    [None, None, None, "実績", "41", "55", None],
                                    ["文化講座の受講率", "%", "12.5", "目標", "13.0", "13.5", "15.0"],
                                    [None, None, None, "実績", "11.8", "14.1", None]]
    merged_table(document, rows, [(1, 0, 2, 0), (1, 1, 2, 1), (1, 2, 2, 2), (1, 6, 2, 6),
                                  (3, 0, 4, 0), (3, 1, 4, 1), (3, 2, 4, 2), (3, 6, 4, 6)])
    document.add_paragraph("事業費（単位：千円）")
    merged_table(document, [["区分", "令和2年度", "令和3年度"], ["事業費", "12,400", "13,150"],
                            ["うち特定財源", "3,000", "3,200"]], [])
    path = tmp_path / "sheet.docx"
    document.save(str(path))
    assert read(path) == [
        ("市民ギャラリーの利用団体数", "団体", (48, 2019), (60, 2024), [(2020, 41), (2021, 55)]),
        ("文化講座の受講率", "%", (12.5, 2019), (15, 2024), [(2020, 11.8), (2021, 14.1)]),
    ]


def test_a_money_word_after_a_breakdown_mark_is_money() -> None:
    assert names_no_row("うち一般財源") and names_no_row("うち特定財源（千円）")
    assert not names_no_row("うち女性の割合") and not names_no_row("一般財源比率")


# --- indicators as columns over rows of dated roles -------------------------------------------------


def test_indicators_as_columns_over_rows_of_dated_roles(tmp_path: Path) -> None:
    document = word_document()
    document.add_paragraph("施策4-1 森林の保全")
    merged_table(document, [["指標名", "間伐の実施面積", "森林ボランティアの登録者数"],
                            ["基準値（平成30年度）", "86.5ha", "214人"],
                            ["目標値（令和6年度）", "120.0ha", "300人"]], [])
    path = tmp_path / "columns.docx"
    document.save(str(path))
    assert read(path) == [("間伐の実施面積", "ha", (86.5, 2018), (120, 2024), []),
                          ("森林ボランティアの登録者数", "人", (214, 2018), (300, 2024), [])]


# --- pdftotext's default order: a table column by column ----------------------------------------

COLUMNS = """\
施策 3-2 図書館サービスの充実
【成果指標】
指標名
単位
蔵書の年間貸出点数
読み聞かせ会の参加者数
【主な事業】
点
人
関連する事業の内容を記載します。
基準値
平成30年度
512,300
1,840
目標値
令和6年度
560,000
2,400
"""


def test_a_table_column_by_column_with_a_heading_and_a_sentence_between_its_columns(tmp_path: Path) -> None:
    assert read(text_file(tmp_path, COLUMNS)) == [
        ("蔵書の年間貸出点数", "点", (512300, 2018), (560000, 2024), []),
        ("読み聞かせ会の参加者数", "人", (1840, 2018), (2400, 2024), []),
    ]


def test_years_under_an_actual_word_stay_years_of_actuals(tmp_path: Path) -> None:
    text = "指標名\n公園愛護会の数\n花壇づくりの参加者数\n実績値\n令和2年度\n31\n420\n令和3年度\n33\n455\n目標値\n（令和7年度）\n40\n600\n"
    assert read(text_file(tmp_path, text)) == [
        ("公園愛護会の数", None, (None, None), (40, 2025), [(2020, 31), (2021, 33)]),
        ("花壇づくりの参加者数", None, (None, None), (600, 2025), [(2020, 420), (2021, 455)]),
    ]


# --- pdftotext -layout: sub-columns under years, centred figures, wrapped header cells --------------

SUB_COLUMNS = "\n".join([
    "施策1-3 消費生活の安定",
    "",
    placed((24, "策定時"), (36, "令和2年度"), (60, "令和3年度"), (84, "最終目標")),
    placed((0, "成果指標"), (18, "単位"), (92, "担当課")),
    placed((24, "平成30年度"), (36, "計画"), (46, "実績"), (60, "計画"), (70, "実績"), (84, "令和6年度")),
    placed((0, "消費生活相談の解決率"), (18, "%"), (24, "71.2%"), (36, "73.0%"), (46, "74.4%"), (60, "75.0%"),
           (70, "72.9%"), (84, "80.0%"), (92, "市民生活課")),
    "消費者教育出前講座の延べ受講",
    placed((18, "人"), (24, "1,320"), (36, "1,400"), (46, "1,512"), (60, "1,480"), (70, "1,655"), (84, "1,800"), (92, "市民生活課")),
    "者数",
    placed((0, "見守りネットワーク協力事業者数"), (18, "社"), (24, "22"), (36, "25"), (46, "24"), (60, "28"), (70, "31"),
           (84, "40"), (92, "市民生活課")),
    "",
])


def test_years_over_sub_columns_with_merged_cells_between_and_a_name_wrapped_round_its_figures(tmp_path: Path) -> None:
    assert read(text_file(tmp_path, SUB_COLUMNS, "sub.layout.txt")) == [
        ("消費生活相談の解決率", "%", (71.2, 2018), (80, 2024), [(2020, 74.4), (2021, 72.9)]),
        ("消費者教育出前講座の延べ受講者数", "人", (1320, 2018), (1800, 2024), [(2020, 1512), (2021, 1655)]),
        ("見守りネットワーク協力事業者数", "社", (22, 2018), (40, 2024), [(2020, 24), (2021, 31)]),
    ]


WRAPPED_HEADER = "\n".join([
    "施策 5-2 生涯スポーツの推進",
    "成果指標",
    placed((0, "指標名"), (20, "単位"), (26, "基準値"), (36, "中間目標値"), (48, "目標値")),
    placed((26, "（平成 31"), (36, "（令和 5 年"), (48, "（令和 9 年")),
    placed((26, "年度）"), (36, "度）"), (48, "度）")),
    placed((0, "総合型地域スポーツクラブ会員数"), (20, "人"), (26, "2,860"), (36, "3,100"), (48, "3,400")),
    placed((0, "運動施設の稼働率"), (20, "%"), (26, "64.8"), (36, "70.0"), (48, "75.0")),
    "",
])


def test_header_cells_wrapped_in_narrow_columns_are_put_back_together(tmp_path: Path) -> None:
    assert read(text_file(tmp_path, WRAPPED_HEADER, "wrapped.layout.txt")) == [
        ("総合型地域スポーツクラブ会員数", "人", (2860, 2019), (3400, 2027), []),
        ("運動施設の稼働率", "%", (64.8, 2019), (75, 2027), []),
    ]


# --- the round, rebuilt and read -------------------------------------------------------------------

PINNED: dict[str, tuple[int, int, int, int]] = {  # found, indicators, figures right, figures
    "q2_x1_hyouka.txt": (0, 6, 0, 6),
    "q2_x1_hyouka.layout.txt": (1, 6, 1, 12),
    "q2_x1_hyouka.pdf": (5, 6, 35, 36),
    "q2_x2_kpi.txt": (0, 7, 0, 7),
    "q2_x2_kpi.layout.txt": (7, 7, 49, 49),
    "q2_x2_kpi.pdf": (7, 7, 49, 49),
    "q2_x3_pairs.txt": (0, 5, 0, 5),
    "q2_x3_pairs.layout.txt": (2, 5, 2, 17),
    "q2_x3_pairs.pdf": (5, 5, 27, 35),
    "q2_x4_wrapped.txt": (0, 6, 0, 6),
    "q2_x4_wrapped.layout.txt": (0, 6, 0, 6),
    "q2_x4_wrapped.pdf": (1, 6, 7, 12),
    "q2_x5_multi.txt": (2, 6, 0, 18),
    "q2_x5_multi.layout.txt": (5, 6, 35, 36),
    "q2_x5_multi.pdf": (4, 6, 28, 30),
    "q2_w1_measures.txt": (6, 6, 24, 24),
    "q2_w1_measures.layout.txt": (6, 6, 24, 24),
    "q2_w1_measures.pdf": (6, 6, 24, 24),
    "q2_w2_columns.txt": (4, 6, 5, 18),
    "q2_w2_columns.layout.txt": (0, 6, 0, 6),
    "q2_w2_columns.pdf": (6, 6, 24, 24),
    "q2_w3_longtable.txt": (1, 8, 1, 11),
    "q2_w3_longtable.layout.txt": (2, 8, 8, 14),
    "q2_w3_longtable.pdf": (8, 8, 32, 32),
    "q2_w4_footnotes.txt": (6, 6, 24, 24),
    "q2_w4_footnotes.layout.txt": (6, 6, 24, 24),
    "q2_w4_footnotes.pdf": (6, 6, 24, 24),
    "q2_w5_evalsheet.txt": (1, 5, 1, 11),
    "q2_w5_evalsheet.layout.txt": (5, 5, 35, 35),
    "q2_w5_evalsheet.pdf": (5, 5, 35, 35),
}


@pytest.fixture(scope="module")
def round_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("office-round-3")
    build(folder)
    return folder


def test_the_round_reads_at_least_its_pins(round_folder: Path) -> None:
    indicators, fully_right, documents = score_pinned(round_folder, PINNED)
    assert (indicators, fully_right, documents) == (183, 93, 12)


# found, indicators, figures right, figures, indicators read: every file in full (the sheet's title
# rows above x1's and x4's headers, ``gridtitle``; the 事業費 tables of x2 and x5, ``moneytables``:
# tests/test_import_office_direct.py).
SOURCES: dict[str, tuple[int, int, int, int, int]] = {
    "q2_w1_measures.docx": (6, 6, 24, 24, 6),
    "q2_w2_columns.docx": (6, 6, 24, 24, 6),
    "q2_w3_longtable.docx": (8, 8, 32, 32, 8),
    "q2_w4_footnotes.docx": (6, 6, 24, 24, 6),
    "q2_w5_evalsheet.docx": (5, 5, 35, 35, 5),
    "q2_x1_hyouka.xlsx": (6, 6, 42, 42, 6),
    "q2_x2_kpi.xlsx": (7, 7, 49, 49, 7),
    "q2_x3_pairs.xlsx": (5, 5, 35, 35, 5),
    "q2_x4_wrapped.xlsx": (6, 6, 42, 42, 6),
    "q2_x5_multi.xlsx": (6, 6, 42, 42, 6),
}


def test_the_sources_read_as_pinned(round_folder: Path) -> None:
    """The Word and Excel files themselves, read directly."""
    expected = json.loads((round_folder / "expected.json").read_text(encoding="utf-8"))
    for name, pin in SOURCES.items():
        got = json.loads(extract_file(round_folder / name).plan.to_json())["indicators"]
        found, total, right, figures, _ = scorer().score(expected[Path(name).stem + ".pdf"], got)
        assert (found, total, right, figures, len(got)) == pin, name
