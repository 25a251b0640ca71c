"""The PDF reader keeps layout: ruled tables as grids, two-column pages column by column, boxes on every line.

Every PDF is drawn in the test with reportlab (tests/docmaker.py) and read back through
``read_document``; positions are in points from the page's top-left corner.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.made import INDICATOR_CELLS
from docmaker import PdfTable, PdfText, make_layout_pdf, make_pdf
from keikaku.importer.readers import DocumentError, read_document
from keikaku.importer.readers.pdf_layout import Word, find_gutter
from keikaku.importer.readers.pdf_tables import Rule, find_frames

# --- a ruled indicator table with a two-row header ----------------------------------------------

GRID_TEXTS = [
    ("指標名", 0, 0, 2, 1), ("基準値（令和2年度）", 0, 1, 2, 1), ("実績値", 0, 2, 1, 3), ("目標値（令和7年度）", 0, 5, 2, 1),
    ("令和3年度", 1, 2, 1, 1), ("令和4年度", 1, 3, 1, 1), ("令和5年度", 1, 4, 1, 1),
    ("市民満足度", 2, 0, 1, 1), ("62.5%", 2, 1, 1, 1), ("63.0%", 2, 2, 1, 1), ("64.2%", 2, 3, 1, 1), ("65.1%", 2, 4, 1, 1), ("70%", 2, 5, 1, 1),
    ("待機児童数（4月1日）", 3, 0, 1, 1), ("24人", 3, 1, 1, 1), ("18人", 3, 2, 1, 1), ("9人", 3, 3, 1, 1), ("3人", 3, 4, 1, 1), ("0人", 3, 5, 1, 1),
]  # fmt: skip


def indicator_table(rules: str = "stroke") -> PdfTable:
    return PdfTable(60, 140, (140, 70, 60, 60, 60, 70), (18, 30, 22, 30), INDICATOR_CELLS, rules=rules)


def indicator_page(path: Path, rules: str = "stroke") -> Path:
    return make_layout_pdf([[
        PdfText(60, 60, "みなと市第2次総合計画 前期基本計画"),
        PdfText(60, 90, "施策 1 子育て支援"),
        PdfText(60, 115, "成果指標"),
        indicator_table(rules),
        PdfText(60, 270, "主な取組"),
        PdfText(60, 290, "(1)保育の充実"),
    ]], path)  # fmt: skip


def test_ruled_table_is_one_grid_with_its_merged_cells(tmp_path: Path) -> None:
    doc = read_document(indicator_page(tmp_path / "table.pdf"))
    table = indicator_table()
    assert [line.text for line in doc.lines] == [
        "みなと市第2次総合計画 前期基本計画",
        "施策 1 子育て支援",
        "成果指標",
        "指標名\t基準値（令和2年度）\t実績値\t目標値（令和7年度）",
        "令和3年度\t令和4年度\t令和5年度",
        "市民満足度\t62.5%\t63.0%\t64.2%\t65.1%\t70%",
        "待機児童数（4月1日）\t24人\t18人\t9人\t3人\t0人",
        "主な取組",
        "(1)保育の充実",
    ]
    rows = doc.lines[3:7]
    grid = rows[0].grid
    assert grid is not None and all(row.grid is None for row in rows[1:])
    assert (grid.rows, grid.cols) == (4, 6)
    assert [(c.text, c.row, c.col, c.rowspan, c.colspan) for c in grid.cells] == GRID_TEXTS
    assert [c.source.box for c in grid.cells] == [table.cell_box(r, k, rs, cs) for _, r, k, rs, cs in GRID_TEXTS]
    assert all(c.source.page == 1 for c in grid.cells)
    assert (grid.source.page, grid.source.box) == (1, (60.0, 140.0, 520.0, 240.0))
    assert [row.cells for row in rows] == grid.row_texts() == [
        ("指標名", "基準値（令和2年度）", "実績値", "", "", "目標値（令和7年度）"),
        ("", "", "令和3年度", "令和4年度", "令和5年度", ""),
        ("市民満足度", "62.5%", "63.0%", "64.2%", "65.1%", "70%"),
        ("待機児童数（4月1日）", "24人", "18人", "9人", "3人", "0人"),
    ]
    assert [row.source.box for row in rows] == [(60.0, 140.0, 520.0, 158.0), (60.0, 158.0, 520.0, 188.0),
                                                (60.0, 188.0, 520.0, 210.0), (60.0, 210.0, 520.0, 240.0)]  # fmt: skip
    assert all(line.page == line.source.page == 1 for line in doc.lines)
    assert all(line.cells is None and line.grid is None for line in doc.lines[:3] + doc.lines[7:])


def test_text_lines_carry_their_boxes(tmp_path: Path) -> None:
    doc = read_document(indicator_page(tmp_path / "table.pdf"))
    heading = doc.lines[1]
    assert heading.text == "施策 1 子育て支援"
    assert heading.source.page == 1
    assert heading.source.box == pytest.approx((60.0, 90.0, 136.5, 99.0), abs=0.1)  # 8 wide and 3 half-width glyphs at 9 pt
    assert doc.lines[-1].source.box == pytest.approx((60.0, 290.0, 118.5, 299.0), abs=0.1)


def test_rules_drawn_as_thin_filled_rectangles_make_the_same_grid(tmp_path: Path) -> None:
    doc = read_document(indicator_page(tmp_path / "filled.pdf", rules="fill"))
    grid = doc.lines[3].grid
    assert grid is not None
    assert [(c.text, c.row, c.col, c.rowspan, c.colspan) for c in grid.cells] == GRID_TEXTS
    x0, top, x1, bottom = indicator_table().cell_box(0, 2, 1, 3)  # 実績値, at the middle of the rectangles drawn for its rules
    assert grid.cells[2].source.box == pytest.approx((x0 + 0.25, top + 0.25, x1 + 0.25, bottom + 0.25))


def test_ruled_table_gives_every_figure_and_year(tmp_path: Path) -> None:
    from keikaku.importer.pipeline import extract_file

    plan = extract_file(indicator_page(tmp_path / "plan.pdf")).plan
    got = [
        (i.name, i.unit, i.direction, i.baseline.value, i.baseline.year, i.target.value, i.target.year, [(a.year, a.value) for a in i.actuals])
        for i in plan.indicators
    ]
    assert got == [
        ("市民満足度", "%", "increase", 62.5, 2020, 70, 2025, [(2021, 63.0), (2022, 64.2), (2023, 65.1)]),
        ("待機児童数（4月1日）", "人", "decrease", 24, 2020, 0, 2025, [(2021, 18), (2022, 9), (2023, 3)]),
    ]


def test_a_ruled_frame_around_running_text_is_read_as_lines(tmp_path: Path) -> None:
    paragraph = [(FILL * 6)[k * 30 : k * 30 + 30] for k in range(6)]
    body = "\n".join(paragraph)
    frame = PdfTable(60, 100, (80, 290), (20, 120), (("第1章", 0, 0, 1, 1), ("計画の概要", 0, 1, 1, 1), ("本文", 1, 0, 1, 1), (body, 1, 1, 1, 1)))
    doc = read_document(make_layout_pdf([[frame]], tmp_path / "frame.pdf"))
    assert [line.text for line in doc.lines] == ["第1章 計画の概要", "本文 " + paragraph[0], *paragraph[1:]]
    assert all(line.grid is None and line.cells is None for line in doc.lines)


# --- a designer's two-column page -----------------------------------------------------------------

FILL = "市民と行政が協働して地域の課題を解決するまちづくりを進めます"
NUMBERS = "一二三四五六七八"


def column_lines(side: str, part: str, count: int) -> list[str]:
    """Full lines of 24 wide characters, the last one a short paragraph end; each starts with its name."""
    lines = [(f"{side}{part}{NUMBERS[k]}行" + FILL)[:24] for k in range(count)]
    lines[-1] = lines[-1][:12]
    return lines


def two_column_page(path: Path) -> tuple[Path, list[str]]:
    left_top, right_top = column_lines("左", "上", 6), column_lines("右", "上", 6)
    left_bottom, right_bottom = column_lines("左", "下", 5), column_lines("右", "下", 5)
    title = "第2章 まちづくりの方向性"
    middle = "――― 第2節 地域の力を活かすまちづくり ―――"
    note = "（注）この章の指標は毎年度の市民意識調査により把握します。各年度の結果は市のホームページで公表します。"
    items: list[PdfText | PdfTable] = [PdfText(60, 60, title, size=12)]
    for k in range(6):  # drawn across the page, row by row, as some layout programs do
        items += [PdfText(60, 100 + 14 * k, left_top[k]), PdfText(316, 100 + 14 * k, right_top[k])]
    items.append(PdfText(170, 200, middle))
    for k in range(5):
        items += [PdfText(316, 230 + 14 * k, right_bottom[k]), PdfText(60, 230 + 14 * k, left_bottom[k])]
    items.append(PdfText(60, 320, note))
    expected = [title, *left_top, *right_top, middle, *left_bottom, *right_bottom, note]
    return make_layout_pdf([items], path), expected


def test_two_column_page_is_read_column_by_column(tmp_path: Path) -> None:
    path, expected = two_column_page(tmp_path / "columns.pdf")
    doc = read_document(path)
    assert [line.text for line in doc.lines] == expected
    left = next(line for line in doc.lines if line.text.startswith("左上一行"))
    right = next(line for line in doc.lines if line.text.startswith("右上一行"))
    assert left.source.box == pytest.approx((60.0, 100.0, 276.0, 109.0), abs=0.1)
    assert right.source.box == pytest.approx((316.0, 100.0, 532.0, 109.0), abs=0.1)


def test_index_page_in_two_columns_with_a_running_head_on_one_side(tmp_path: Path) -> None:
    entries = {"あ": ["安心安全のまちづくり", "新しい公共の推進"], "か": ["環境にやさしいまち", "協働の推進"],
               "さ": ["子育て支援の充実", "生涯学習の推進"], "た": ["地域福祉の推進", "都市計画の見直し"]}  # fmt: skip
    items: list[PdfText | PdfTable] = [PdfText(500, 40, "32"), PdfText(60, 70, "索引", size=14)]
    expected = ["索引"]  # the page number, read first as it stands above both columns, is dropped
    for column, heads in enumerate((("あ", "か"), ("さ", "た"))):
        x, top = 60 + 256 * column, 110
        for head in heads:
            items.append(PdfText(x, top, head, size=12))
            expected.append(head)
            for entry in entries[head]:
                top += 16
                line = entry + " ・" + "・" * (19 - len(entry)) + " 12"  # a dot leader to the page number
                items.append(PdfText(x, top, line))
                expected.append(line)
            top += 30
    doc = read_document(make_layout_pdf([items], tmp_path / "index.pdf"))
    assert [line.text for line in doc.lines] == expected


def test_one_column_page_has_no_gutter(tmp_path: Path) -> None:
    lines = [(FILL * 2)[k : k + 40] for k in range(12)] + ["短い行"]
    doc = read_document(make_layout_pdf([[PdfText(60, 60 + 14 * k, line) for k, line in enumerate(lines)]], tmp_path / "one.pdf"))
    assert [line.text for line in doc.lines] == lines


def test_text_turned_a_quarter_is_one_line_in_its_order(tmp_path: Path) -> None:
    items = [PdfText(60, 60, "本文の一行目です。"), PdfText(40, 400, "縦に置いた見出しの文字列", angle=90), PdfText(60, 80, "本文の二行目です。")]
    doc = read_document(make_layout_pdf([items], tmp_path / "turned.pdf"))
    assert [line.text for line in doc.lines] == ["本文の一行目です。", "本文の二行目です。", "縦に置いた見出しの文字列"]
    x0, top, x1, bottom = doc.lines[2].source.box
    assert (bottom - top, x1 - x0) == pytest.approx((108.0, 9.0), abs=0.1)  # 12 glyphs stacked, one em wide


# --- a table without rules ------------------------------------------------------------------------

UNRULED = [
    ("指標名", "基準値", "目標値"),
    ("市民満足度", "62.5%", "70%"),
    ("地域活動に参加している市民の割合", "31.2%", "40%"),
    ("待機児童数", "24人", "0人"),
    ("子育て講座の満足度", "72.5%", "80%"),
    ("図書館の年間貸出冊数", "1,250千冊", "1,400千冊"),
]


def test_table_without_rules_keeps_its_rows_and_columns_apart(tmp_path: Path) -> None:
    items: list[PdfText | PdfTable] = [PdfText(60, 60, "成果指標")]
    for column, x in enumerate((60, 320, 420)):  # drawn column after column
        items += [PdfText(x, 80 + 16 * r, row[column]) for r, row in enumerate(UNRULED)]
    doc = read_document(make_layout_pdf([items], tmp_path / "unruled.pdf"))
    assert [line.text for line in doc.lines] == ["成果指標", *("\t".join(row) for row in UNRULED)]
    assert [line.cells for line in doc.lines[1:]] == UNRULED  # aligned columns make a grid (pdf_aligned.py)
    assert doc.lines[1].grid is not None and (doc.lines[1].grid.rows, doc.lines[1].grid.cols) == (6, 3)
    assert doc.lines[3].source.box == pytest.approx((60.0, 112.0, 433.5, 121.0), abs=0.1)  # to the end of 40%


def test_tab_separated_cells_are_not_glued(tmp_path: Path) -> None:
    lines = ["指標名\t基準値\t目標値", "市民満足度\t62.5%\t70%", "有\t無\t有"]
    doc = read_document(make_pdf(lines, tmp_path / "tabs.pdf"))
    assert [line.text for line in doc.lines] == ["指標名 基準値 目標値", "市民満足度 62.5% 70%", "有 無 有"]


# --- what the reader always did ----------------------------------------------------------------------

PAGES = [
    ["基本目標１ ひとづくり", "施策の方向性", "指標名\t現状値\t目標値"],
    ["主な取組", "(1)地域の活動を支援します", "(2)情報を発信します"],
    ["成果指標", "令和7年度", "市民の割合"],
    ["事業名", "拡充", "充実 → →"],
]


def test_running_header_and_page_numbers_are_dropped(tmp_path: Path) -> None:
    lines = [line for page in PAGES for line in page]
    doc = read_document(make_pdf(lines, tmp_path / "paged.pdf", lines_per_page=3, header="小金井市 第5次基本構想"))
    assert doc.pages == 4
    assert [line.text for line in doc.lines] == [line.replace("\t", " ") for line in lines]
    assert [line.page for line in doc.lines] == [p for p in (1, 2, 3, 4) for _ in range(3)]
    assert all(line.source is not None and line.source.page == line.page and line.source.box is not None for line in doc.lines)


def test_a_table_that_opens_every_page_is_not_a_running_header(tmp_path: Path) -> None:
    rows = [("市民満足度", "62.5%", "満足度は上がっています。"), ("待機児童数", "24人", "待機児童は減りました。"),
            ("図書館の貸出冊数", "1,250千冊", "貸出は横ばいです。"), ("地域活動への参加率", "31.2%", "参加は伸び悩んでいます。")]  # fmt: skip
    pages = []
    for k, (name, value, note) in enumerate(rows):
        cells = (("指標名", 0, 0, 1, 1), ("基準値", 0, 1, 1, 1), (name, 1, 0, 1, 1), (value, 1, 1, 1, 1))
        pages.append([PdfTable(60, 60, (200, 100), (18, 18), cells), PdfText(60, 120, note), PdfText(290, 800, f"- {k + 1} -")])
    doc = read_document(make_layout_pdf(pages, tmp_path / "continued.pdf"))
    assert [line.text for line in doc.lines] == [t for name, value, note in rows for t in ("指標名\t基準値", f"{name}\t{value}", note)]
    assert [line.grid is not None for line in doc.lines] == [True, False, False] * 4


def test_letter_spaced_japanese_is_joined(tmp_path: Path) -> None:
    lines = ["施策の方向性", "基本目標 ひとづくり", "指標名\t現状値\t目標値"]
    doc = read_document(make_pdf(lines, tmp_path / "spaced.pdf", letter_spacing=0.5))
    assert [line.text for line in doc.lines] == ["施策の方向性", "基本目標 ひとづくり", "指標名 現状値 目標値"]


def test_no_text_layer_is_still_refused(tmp_path: Path) -> None:
    from docmaker import make_image_only_pdf

    with pytest.raises(DocumentError, match="no text layer"):
        read_document(make_image_only_pdf(tmp_path / "scan.pdf"))


# --- the geometry on its own ------------------------------------------------------------------------


def test_frames_from_rules_find_merged_cells() -> None:
    h = lambda y, x0=0.0, x1=300.0: Rule(True, y, x0, x1)  # noqa: E731
    v = lambda x, y0=0.0, y1=60.0: Rule(False, x, y0, y1)  # noqa: E731
    # a header cell over columns 1-2 (no rule at x=200 above y=20), the left column over both rows below it
    rules = [h(0), h(20, 100, 300), h(40), h(60), v(0), v(100), v(200, 20, 60), v(300)]
    (frame,) = find_frames(rules)
    assert (frame.xs, frame.ys) == ([0.0, 100.0, 200.0, 300.0], [0.0, 20.0, 40.0, 60.0])
    assert frame.cells == [(0, 0, 2, 1), (0, 1, 1, 2), (1, 1, 1, 1), (1, 2, 1, 1), (2, 0, 1, 1), (2, 1, 1, 1), (2, 2, 1, 1)]


def test_a_box_around_a_paragraph_is_not_a_table() -> None:
    assert find_frames([Rule(True, 0, 0, 300), Rule(True, 50, 0, 300), Rule(False, 0, 0, 50), Rule(False, 300, 0, 50)]) == []


def test_gutter_needs_two_columns_of_full_lines() -> None:
    def word(x0: float, x1: float, top: float) -> Word:
        return Word("字", (x0, top, x1, top + 9), 9.0, int(top), 0)

    columns = [word(60, 276, 100 + 14 * k) for k in range(6)] + [word(316, 532, 100 + 14 * k) for k in range(6)]
    assert find_gutter(columns) == (276, 316)
    table = [word(60, 60 + 20 * (k % 5 + 3), 100 + 14 * k) for k in range(6)] + [word(320, 350, 100 + 14 * k) for k in range(6)]
    table += [word(420, 445, 100 + 14 * k) for k in range(6)]
    assert find_gutter(table) is None
