"""Word and Excel readers keep the layout: table grids with merged cells, Word's automatic
numbering, Excel's hidden cells and number formats; and the documents read end to end."""

from __future__ import annotations

import datetime as dt
import inspect
import io
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.oxml import parse_xml

from corpus.made import EXCEL, WORD
from docmaker import (
    W_NS,
    XLSX_SHEETS,
    abstract_of,
    add_numbering,
    make_docx,
    make_indicator_docx,
    make_indicator_xlsx,
    set_numbering,
    soffice_to_pdf,
)
from keikaku.importer.pipeline import extract_file
from keikaku.importer.readers import DocumentError, read_document
from keikaku.importer.readers import xlsx as xlsx_reader
from keikaku.importer.readers.docx import format_number
from keikaku.importer.records import Grid, RawLine
from keikaku.services import actuals


def spans(grid: Grid) -> list[tuple[str, int, int, int, int]]:
    """(text, row, col, rowspan, colspan) of every cell with text."""
    return [(c.text, c.row, c.col, c.rowspan, c.colspan) for c in grid.cells if c.text]


def assert_grid_contract(lines: list[RawLine]) -> None:
    """Each grid is followed by exactly its rows, one line per row, cells as the grid's row texts."""
    i = 0
    while i < len(lines):
        grid = lines[i].grid
        if grid is None:
            i += 1
            continue
        rows = lines[i : i + grid.rows]
        assert [line.cells for line in rows] == grid.row_texts()
        assert [line.text for line in rows] == ["\t".join(t for t in texts if t) for texts in grid.row_texts()]
        assert all(line.grid is None for line in rows[1:]) and all(line.source is not None for line in rows)
        i += grid.rows


# --- Word tables -----------------------------------------------------------------------------


def test_word_indicator_table_with_a_header_merged_over_two_rows(tmp_path: Path) -> None:
    doc = read_document(make_indicator_docx(tmp_path / "kodomo.docx"))
    assert [line.text for line in doc.lines] == [
        "みなと市第2次総合計画 前期基本計画",
        "基本目標１ 子どもが健やかに育つまち",
        "施策1 子育て支援の充実",  # the heading's number is Word's automatic numbering
        "成果指標",
        "指標名\t単位\t基準値（令和2年度）\t実績値\t目標値（令和7年度）",
        "令和3年度\t令和4年度\t令和5年度",
        "待機児童数\t人\t24\t12\t5\t0\t0",
        "地域子育て支援拠点の年間利用者数\t人\t18,450\t15,230\t19,870\t21,305\t25,000",
        "「子育てしやすいまち」と感じる保護者の割合\t％\t58.9\t60.2\t61.5\t63.0\t70.0",
        "主な取組",
        "（１） 保育の受け皿の確保",
        "（２） 地域で子育てを支える仕組みづくり",
    ]
    table = doc.lines[4:9]
    grid = table[0].grid
    assert (grid.rows, grid.cols, grid.source.cell) == (5, 7, "t1")
    assert spans(grid)[:8] == [
        ("指標名", 0, 0, 2, 1), ("単位", 0, 1, 2, 1), ("基準値（令和2年度）", 0, 2, 2, 1), ("実績値", 0, 3, 1, 3),
        ("目標値（令和7年度）", 0, 6, 2, 1), ("令和3年度", 1, 3, 1, 1), ("令和4年度", 1, 4, 1, 1), ("令和5年度", 1, 5, 1, 1),
    ]
    assert len(grid.cells) == 5 + 3 + 3 * 7  # every Word cell once, merged ones with their spans
    assert [line.cells for line in table[:2]] == [
        ("指標名", "単位", "基準値（令和2年度）", "実績値", "", "", "目標値（令和7年度）"),
        ("", "", "", "令和3年度", "令和4年度", "令和5年度", ""),
    ]
    assert table[4].cells == ("「子育てしやすいまち」と感じる保護者の割合", "％", "58.9", "60.2", "61.5", "63.0", "70.0")
    assert [c.source.cell for c in grid.cells if c.text in ("実績値", "令和5年度", "70.0")] == ["t1r1c4", "t1r2c6", "t1r5c7"]
    assert [line.source.cell for line in table] == ["t1r1", "t1r2", "t1r3", "t1r4", "t1r5"]
    assert all(line.page is None and not c.percent for line in table for c in grid.cells)
    assert_grid_contract(doc.lines)


def _raw_table(document, rows_xml: str, grid_cols: int) -> None:  # type: ignore[no-untyped-def]
    grid = "".join('<w:gridCol w:w="1200"/>' for _ in range(grid_cols))
    document.element.body.insert(-1, parse_xml(f'<w:tbl xmlns:w="{W_NS}"><w:tblGrid>{grid}</w:tblGrid>{rows_xml}</w:tbl>'))


def _tc(text: str, props: str = "", *more: str) -> str:
    paragraphs = "".join(f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>" for t in (text, *more)) if text else "<w:p/>"
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{paragraphs}</w:tc>"


def test_word_vertical_merges_nested_tables_and_empty_rows(tmp_path: Path) -> None:
    document = docx.Document()
    nested = ('<w:tbl><w:tr>' + _tc("人口") + _tc("12,000人") + '</w:tr><w:tr>' + _tc("単位") + _tc("人") + '</w:tr></w:tbl>')
    rows = [
        "<w:tr>" + _tc("区分", '<w:vMerge w:val="restart"/>') + _tc("内容", '<w:gridSpan w:val="2"/>') + "</w:tr>",
        "<w:tr>" + _tc("", "<w:vMerge/>") + _tc("市民", "", "協働") + _tc("") + "</w:tr>",
        "<w:tr>" + _tc("", '<w:vMerge w:val="continue"/>') + _tc("") + _tc("") + "</w:tr>",  # no text of its own
        "<w:tr>" + _tc("", "<w:vMerge/>") + _tc("補足") + _tc("") + "</w:tr>",
        '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>' + _tc("前年比") + "<w:tc><w:p><w:r><w:t>内訳</w:t></w:r></w:p>" + nested + "</w:tc></w:tr>",
    ]
    _raw_table(document, "".join(rows), 3)
    path = tmp_path / "merge.docx"
    document.save(str(path))
    doc = read_document(path)
    grid = doc.lines[0].grid
    assert (grid.rows, grid.cols) == (4, 3)  # the row without text is dropped; the merge over it shrinks
    assert spans(grid) == [("区分", 0, 0, 3, 1), ("内容", 0, 1, 1, 2), ("市民協働", 1, 1, 1, 1), ("補足", 2, 1, 1, 1),
                           ("前年比", 3, 1, 1, 1), ("内訳 人口 12,000人 単位 人", 3, 2, 1, 1)]
    assert [c.source.cell for c in grid.cells if c.text] == ["t1r1c1", "t1r1c2", "t1r2c2", "t1r4c2", "t1r5c2", "t1r5c3"]
    assert [line.cells for line in doc.lines] == [("区分", "内容", ""), ("", "市民協働", ""), ("", "補足", ""),
                                                 ("", "前年比", "内訳 人口 12,000人 単位 人")]
    assert [line.source.cell for line in doc.lines] == ["t1r1", "t1r2", "t1r4", "t1r5"]
    assert_grid_contract(doc.lines)


def test_word_tables_are_numbered_and_text_only_tables_vanish(tmp_path: Path) -> None:
    path = make_docx(["前文", [["", ""], ["", ""]], [["施策", "所管課"], ["協働の推進", "協働推進課"]]], path=tmp_path / "two.docx")
    doc = read_document(path)
    assert [line.text for line in doc.lines] == ["前文", "施策\t所管課", "協働の推進\t協働推進課"]
    assert doc.lines[1].grid.source.cell == "t2"  # the empty first table still counts
    assert [c.source.cell for c in doc.lines[1].grid.cells] == ["t2r1c1", "t2r1c2", "t2r2c1", "t2r2c2"]


# --- Word numbering --------------------------------------------------------------------------


def _add_restart(document, num_id: int, level: int, value: int) -> None:  # type: ignore[no-untyped-def]
    abstract = str(abstract_of(document, num_id))
    for element in document.part.numbering_part.element.iter(f"{{{W_NS}}}abstractNum"):
        if element.get(f"{{{W_NS}}}abstractNumId") == abstract:
            lvl = [x for x in element.iter(f"{{{W_NS}}}lvl") if x.get(f"{{{W_NS}}}ilvl") == str(level)][0]
            lvl.append(parse_xml(f'<w:lvlRestart xmlns:w="{W_NS}" w:val="{value}"/>'))


def _numbered(document, items: list[tuple[str, int, int | None]]) -> None:  # type: ignore[no-untyped-def]
    for text, num_id, level in items:
        set_numbering(document.add_paragraph(text), num_id, level)


def test_word_multilevel_numbering_counts_and_restarts_like_word(tmp_path: Path) -> None:
    document = docx.Document()
    outline = add_numbering(document, [("decimal", "第%1章"), ("decimal", "%1.%2"), ("decimalFullWidth", "（%3）"),
                                       ("decimalEnclosedCircle", "%4"), ("lowerLetter", "%5)")], suffix="space")
    _add_restart(document, outline, 4, 0)  # level 5 never restarts
    _numbered(document, [
        ("計画の概要", outline, 0), ("計画の目的", outline, 1), ("計画の期間", outline, 1), ("基本構想", outline, 0),
        ("将来像", outline, 1), ("子育て支援の充実", outline, 2), ("保育の充実", outline, 3), ("学童保育の充実", outline, 3),
        ("学校教育の充実", outline, 2), ("教職員の働き方改革", outline, 3), ("", outline, 2), ("生涯学習の推進", outline, 2),
        ("第一項", outline, 4), ("まちづくり", outline, 0), ("第二項", outline, 4),
    ])
    document.add_paragraph("本文は番号なし")
    path = tmp_path / "outline.docx"
    document.save(str(path))
    assert [line.text for line in read_document(path).lines] == [
        "第1章 計画の概要", "1.1 計画の目的", "1.2 計画の期間", "第2章 基本構想", "2.1 将来像", "（１） 子育て支援の充実",
        "① 保育の充実", "② 学童保育の充実", "（２） 学校教育の充実", "① 教職員の働き方改革",
        "（４） 生涯学習の推進",  # the empty numbered paragraph took （３）
        "a) 第一項", "第3章 まちづくり", "b) 第二項", "本文は番号なし",
    ]


def test_word_numbering_by_style_lists_sharing_a_definition_and_overrides(tmp_path: Path) -> None:
    document = docx.Document()
    measures = add_numbering(document, [("decimal", "施策%1")], suffix="space")
    set_numbering(document.styles["Heading 2"], measures, level=None)
    child = document.styles.add_style("施策見出し", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
    child.base_style = document.styles["Heading 2"]
    document.add_heading("協働の推進", level=2)
    set_numbering(document.add_heading("見出しだけ", level=2), 0, None)  # numId 0: this heading is not numbered
    document.add_paragraph("情報発信の充実", style="施策見出し")  # numbered through the style it is based on
    items = add_numbering(document, [("decimal", "%1.")], suffix="nothing")
    same = add_numbering(document, [], abstract=abstract_of(document, items))
    again = add_numbering(document, [], abstract=abstract_of(document, items), start_override={0: 1})
    _numbered(document, [("一つ目", items, 0), ("二つ目", items, 0), ("続き", same, 0), ("やり直し", again, 0),
                         ("元の一覧", items, 0)])
    document.add_paragraph("保育定員を拡大します。", style="List Bullet")  # a Symbol-font bullet
    document.add_paragraph("番号付き段落", style="List Number")  # the template's own numbered style
    table = document.add_table(rows=1, cols=2)
    set_numbering(table.cell(0, 0).paragraphs[0], items, 0)
    table.cell(0, 0).paragraphs[0].add_run("表の中")
    table.cell(0, 1).text = "値"
    path = tmp_path / "styles.docx"
    document.save(str(path))
    lines = read_document(path).lines
    assert [line.text for line in lines] == [
        "施策1 協働の推進", "見出しだけ", "施策2 情報発信の充実",
        "1.一つ目", "2.二つ目", "3.続き", "1.やり直し", "2.元の一覧",  # lists over one definition share its count
        "・ 保育定員を拡大します。", "1. 番号付き段落", "3.表の中\t値",
    ]


@pytest.mark.parametrize(("fmt", "text", "labels"), [
    ("upperRoman", "%1", ["I", "II", "III", "IV"]),
    ("lowerRoman", "(%1)", ["(i)", "(ii)", "(iii)", "(iv)"]),
    ("upperLetter", "%1．", ["A．", "B．", "C．", "D．"]),
    ("aiueoFullWidth", "%1", ["ア", "イ", "ウ", "エ"]),
    ("irohaFullWidth", "%1", ["イ", "ロ", "ハ", "ニ"]),
    ("japaneseCounting", "第%1節", ["第一節", "第二節", "第三節", "第四節"]),
    ("decimalEnclosedParen", "%1", ["⑴", "⑵", "⑶", "⑷"]),
    ("decimalEnclosedCircle", "%1", ["①", "②", "③", "④"]),
    ("decimalFullWidth", "%1．", ["１．", "２．", "３．", "４．"]),
    ("chicagoLike", "%1-", ["1-", "2-", "3-", "4-"]),  # a format it does not know prints decimal
])
def test_word_number_formats_in_a_document(tmp_path: Path, fmt: str, text: str, labels: list[str]) -> None:
    document = docx.Document()
    num = add_numbering(document, [(fmt, text)], suffix="space")
    _numbered(document, [(f"項目{i}", num, 0) for i in range(4)])
    path = tmp_path / "formats.docx"
    document.save(str(path))
    assert [line.text for line in read_document(path).lines] == [f"{label} 項目{i}" for i, label in enumerate(labels)]


@pytest.mark.parametrize(("n", "fmt", "label"), [
    (12, "decimalZero", "12"), (7, "decimalZero", "07"), (21, "decimalEnclosedCircle", "㉑"), (36, "decimalEnclosedCircle", "㊱"),
    (51, "decimalEnclosedCircle", "51"), (21, "decimalEnclosedParen", "(21)"), (3, "decimalEnclosedFullstop", "⒊"),
    (1999, "upperRoman", "MCMXCIX"), (27, "lowerLetter", "aa"), (28, "upperLetter", "BB"), (11, "japaneseCounting", "十一"),
    (20, "japaneseCounting", "二十"), (105, "japaneseCounting", "百五"), (1230, "japaneseCounting", "千二百三十"),
    (10, "ideographDigital", "一〇"), (3, "ideographTraditional", "丙"), (13, "ideographTraditional", "13"),
    (1, "ideographZodiac", "子"), (2, "aiueo", "ｲ"), (47, "aiueoFullWidth", "ア"), (3, "none", ""), (0, "upperRoman", "0"),
])
def test_format_number(n: int, fmt: str, label: str) -> None:
    assert format_number(n, fmt) == label


def test_word_numbering_without_a_numbering_part_or_with_a_broken_reference(tmp_path: Path) -> None:
    document = docx.Document()
    set_numbering(document.add_paragraph("未定義の一覧"), 99, 0)
    set_numbering(document.add_paragraph("範囲外の階層"), 1, 8)
    path = tmp_path / "odd.docx"
    document.save(str(path))
    assert [line.text for line in read_document(path).lines] == ["未定義の一覧", "範囲外の階層"]


# --- Excel -----------------------------------------------------------------------------------


def test_excel_two_sheets_with_merged_headers_hidden_cells_and_percentages(tmp_path: Path) -> None:
    doc = read_document(make_indicator_xlsx(tmp_path / "kpi.xlsx"))
    assert doc.pages == 3  # the hidden third sheet counts but is not read
    assert [(line.page, line.text) for line in doc.lines] == [
        (1, "施策1 子育て支援の充実"),
        (1, "指標名\t単位\t基準値（令和2年度）\t実績値\t目標値（令和7年度）\t達成率"),  # column D (算出方法) is hidden
        (1, "令和3年度\t令和4年度\t令和5年度"),
        (1, "待機児童数\t人\t24\t12\t5\t0\t0\t100"),
        (1, "地域子育て支援拠点の年間利用者数\t人\t18450\t15230\t19870\t21305\t25000\t43.6"),
        (1, "「子育てしやすいまち」と感じる保護者の割合\t%\t58.9\t60.2\t61.5\t63\t70\t36.9"),
        (2, "施策2 健康づくりの推進"),
        (2, "指標名\t単位\t基準値（令和2年度）\t算出方法\t実績値\t目標値（令和7年度）\t達成率"),
        (2, "令和3年度\t令和4年度\t令和5年度"),
        (2, "特定健康診査の受診率\t%\t41.2\t法定報告\t39.8\t42.5\t44.7\t60\t18.6"),
        (2, "がん検診（胃がん）の受診率\t%\t8.5\t地域保健報告\t8.1\t8.8\t9.3\t15\t12.3"),  # row 6 is hidden
        (2, "週1回以上運動する市民の割合\t%\t45.2\t市民意識調査\t47\t48.1\t49\t55\t38.8"),
    ]
    assert_grid_contract(doc.lines)
    title, first = doc.lines[0].grid, doc.lines[1].grid
    assert (title.rows, title.cols, title.source.label()) == (1, 1, "施策1!A1:A1")
    assert (first.rows, first.cols, first.source.label()) == (5, 8, "施策1!A3:I7")
    assert spans(first)[:9] == [
        ("指標名", 0, 0, 2, 1), ("単位", 0, 1, 2, 1), ("基準値（令和2年度）", 0, 2, 2, 1), ("実績値", 0, 3, 1, 3),
        ("目標値（令和7年度）", 0, 6, 2, 1), ("達成率", 0, 7, 2, 1), ("令和3年度", 1, 3, 1, 1), ("令和4年度", 1, 4, 1, 1),
        ("令和5年度", 1, 5, 1, 1),
    ]
    by_ref = {c.source.label(): c for c in first.cells}
    assert len(first.cells) == len(by_ref) == 6 + 3 + 3 * 8
    assert (by_ref["施策1!C5"].text, by_ref["施策1!C5"].percent, by_ref["施策1!C5"].row, by_ref["施策1!C5"].col) == ("24", False, 2, 2)
    assert [(c.text, c.percent) for c in first.cells if c.row == 4] == [
        ("「子育てしやすいまち」と感じる保護者の割合", False), ("%", False), ("58.9", True), ("60.2", True), ("61.5", True),
        ("63", True), ("70", True), ("36.9", True)]
    assert [(c.text, c.percent) for c in first.cells if c.col == 7 and c.row >= 2] == [("100", True), ("43.6", True), ("36.9", True)]
    assert "施策1!D5" not in by_ref and all(c.source.page == 1 and c.source.sheet == "施策1" for c in first.cells)
    second = doc.lines[7].grid
    assert (second.rows, second.cols, second.source.label()) == (5, 9, "施策2!A3:I8")
    assert [line.source.label() for line in doc.lines[7:12]] == ["施策2!A3:I3", "施策2!A4:I4", "施策2!A5:I5", "施策2!A7:I7", "施策2!A8:I8"]
    assert [c.source.label() for c in second.cells if c.col == 0] == ["施策2!A3", "施策2!A5", "施策2!A7", "施策2!A8"]
    assert "健康教室" not in "".join(line.text for line in doc.lines)


def _workbook(path: Path, build) -> Path:  # type: ignore[no-untyped-def]
    workbook = openpyxl.Workbook()
    build(workbook.active)
    workbook.save(str(path))
    return path


def test_excel_blocks_spans_clipped_to_what_is_visible(tmp_path: Path) -> None:
    def build(ws) -> None:  # type: ignore[no-untyped-def]
        ws.title = "Sheet1"
        ws["A1"] = "総括表"
        ws.merge_cells("A1:F1")  # a title merged wider than the table under it
        ws["B3"], ws["C3"], ws["D3"] = "区分", "指標", "値"
        ws["B4"], ws["C4"], ws["D4"] = "人口", "総人口", 12.0
        ws.merge_cells("B4:B6")  # 区分 over three rows, the middle one hidden
        ws["C5"], ws["D5"] = "非表示の行", 1
        ws["C6"], ws["D6"] = "高齢化率", 0.1 + 0.2
        ws["D6"].number_format = "0.0%"
        ws["E4"] = "非表示の列"
        ws["C7"], ws["D7"] = "満足度", 58.9
        ws["D7"].number_format = '0.0"%"'  # a literal % sign: the value is already a percentage
        ws["C8"] = "基準日\nまで"
        ws["D8"] = dt.datetime(2024, 4, 1)
        ws["C9"], ws["D9"] = "時刻", dt.datetime(2024, 4, 1, 9, 30)
        ws["C10"], ws["D10"], ws["G10"] = "判定", True, None
        ws["B12"] = "注：令和6年4月1日現在"
        ws.row_dimensions[5].hidden = True
        ws.column_dimensions["E"].hidden = True

    doc = read_document(_workbook(tmp_path / "blocks.xlsx", build))
    assert [line.cells for line in doc.lines] == [
        ("総括表", "", "", "", ""),  # its merge covers A to F, E hidden: five columns
        ("", "区分", "指標", "値"), ("", "人口", "総人口", "12"), ("", "", "高齢化率", "30"), ("", "", "満足度", "58.9"),
        ("", "", "基準日まで", "2024-04-01"), ("", "", "時刻", "2024-04-01T09:30:00"), ("", "", "判定", "TRUE"),
        ("", "注：令和6年4月1日現在"),
    ]
    assert_grid_contract(doc.lines)
    title, table, note = doc.lines[0].grid, doc.lines[1].grid, doc.lines[8].grid
    assert (title.rows, title.cols, spans(title), title.source.label()) == (1, 5, [("総括表", 0, 0, 1, 5)], "Sheet1!A1:F1")
    assert len(title.cells) == 1
    assert (table.rows, table.cols, table.source.label()) == (7, 4, "Sheet1!A3:D10")
    assert spans(table)[:6] == [("区分", 0, 1, 1, 1), ("指標", 0, 2, 1, 1), ("値", 0, 3, 1, 1), ("人口", 1, 1, 2, 1),
                                ("総人口", 1, 2, 1, 1), ("12", 1, 3, 1, 1)]
    assert [(c.text, c.percent, c.source.label()) for c in table.cells if c.col == 3 and c.row in (2, 3)] == [
        ("30", True, "Sheet1!D6"), ("58.9", True, "Sheet1!D7")]
    assert (note.rows, note.cols, note.source.label()) == (1, 2, "Sheet1!A12:B12")


def test_excel_stray_cells_far_away_are_small_tables(tmp_path: Path) -> None:
    def build(ws) -> None:  # type: ignore[no-untyped-def]
        ws.title = "Sheet1"
        ws["A1"] = "指標"
        ws["C100000"] = "メモ"
        ws.cell(row=1048576, column=16384).number_format = "0.0%"  # formatted, empty: nothing to read

    lines = read_document(_workbook(tmp_path / "stray.xlsx", build)).lines
    assert [(line.cells, line.source.label()) for line in lines] == [
        (("指標",), "Sheet1!A1:A1"), (("", "", "メモ"), "Sheet1!A100000:C100000")]


@pytest.mark.parametrize(("value", "fmt", "text", "percent"), [
    (0.589, "0.0%", "58.9", True), (0.589, "0.00%;[Red]-0.00%", "58.9", True), (1, "0%", "100", True),
    (0.0005, "0.00%", "0.05", True), (58.9, '0.0"%"', "58.9", True), (58.9, "0.0\\%", "58.9", True),
    (12.0, "General", "12", False), (0.1 + 0.2, "General", "0.3", False), (1e-05, "General", "0.00001", False),
    (-3.5, "#,##0.0", "-3.5", False), (123456789012, "General", "123456789012", False), (2.5e20, "General", "250000000000000000000", False),
])
def test_excel_numbers_read_as_shown(tmp_path: Path, value: float, fmt: str, text: str, percent: bool) -> None:
    def build(ws) -> None:  # type: ignore[no-untyped-def]
        ws["A1"] = value
        ws["A1"].number_format = fmt

    (line,) = read_document(_workbook(tmp_path / "n.xlsx", build)).lines
    assert (line.text, line.grid.cells[0].percent) == (text, percent)


def test_excel_text_in_a_percent_format_is_text(tmp_path: Path) -> None:
    def build(ws) -> None:  # type: ignore[no-untyped-def]
        ws["A1"], ws["B1"] = "58.9%", "－"
        ws["A1"].number_format = ws["B1"].number_format = "0.0%"

    (line,) = read_document(_workbook(tmp_path / "t.xlsx", build)).lines
    assert [(c.text, c.percent) for c in line.grid.cells] == [("58.9%", False), ("－", False)]


def test_corrupt_workbooks_and_documents(tmp_path: Path) -> None:
    good = make_indicator_xlsx(tmp_path / "good.xlsx").read_bytes()
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes(good[: len(good) // 2])
    bad_sheet = tmp_path / "bad-sheet.xlsx"
    with zipfile.ZipFile(io.BytesIO(good)) as source, zipfile.ZipFile(bad_sheet, "w") as target:
        for item in source.namelist():
            target.writestr(item, b"<worksheet><sheetData><row r='x'>" if item.endswith("sheet1.xml") else source.read(item))
    for path in (truncated, bad_sheet):
        with pytest.raises(DocumentError, match=f"cannot import {path.name}: corrupt"):
            read_document(path)
    bad_numbering = tmp_path / "bad-numbering.docx"
    original = make_indicator_docx(tmp_path / "good.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(original)) as source, zipfile.ZipFile(bad_numbering, "w") as target:
        for item in source.namelist():
            target.writestr(item, b"<w:numbering" if item == "word/numbering.xml" else source.read(item))
    with pytest.raises(DocumentError, match="cannot import bad-numbering.docx: corrupt Word document"):
        read_document(bad_numbering)


# --- the actuals upload reads Excel through the same reader -------------------------------------


def test_uploads_read_excel_through_the_importers_reader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def build(ws) -> None:  # type: ignore[no-untyped-def]
        ws.append(["かえで市 実績値"])
        ws.append([])
        ws.append(["指標", "年度", "値", "備考"])
        ws.append(["資源化率", 2025.0, 0.589, None])
        ws.append(["満足度", "2025年度", 58.9, "調査\n結果"])
        ws.append(["人口", 2025, 12.0, dt.date(2025, 4, 1)])
        ws["C4"].number_format = "0.0%"
        ws["C5"].number_format = '0.0"%"'
        ws.row_dimensions[6].hidden = True  # an upload keeps hidden rows, as before

    content = _workbook(tmp_path / "upload.xlsx", build).read_bytes()
    assert actuals.read_rows(content, "upload.xlsx") == [
        (1, ["かえで市 実績値", None, None, None]), (2, [None, None, None, None]), (3, ["指標", "年度", "値", "備考"]),
        (4, ["資源化率", 2025, 58.9, None]), (5, ["満足度", "2025年度", 58.9, "調査結果"]), (6, ["人口", 2025, 12, "2025-04-01"]),
    ]
    assert "openpyxl" not in inspect.getsource(actuals)  # one Excel reader: the importer's
    calls = []

    def spy(name: str, data: bytes, **kwargs: object) -> list:
        calls.append(name)
        return xlsx_reader.sheet_values(name, data, **kwargs)

    monkeypatch.setattr(actuals, "sheet_values", spy)
    actuals.read_rows(content, "upload.xlsx")
    assert calls == ["upload.xlsx"]
    with pytest.raises(ValueError, match=r"^not a readable Excel \(\.xlsx\) file: corrupt Excel workbook"):
        actuals.read_rows(b"PK\x03\x04broken", "a.xlsx")


def test_uploads_stop_reading_past_the_row_limit(tmp_path: Path) -> None:
    def build(ws) -> None:  # type: ignore[no-untyped-def]
        ws.append(["指標", "年度", "値"])
        ws.cell(row=1_000_000, column=3, value=1)

    with pytest.raises(ValueError, match=f"^the file has more than {actuals.MAX_UPLOAD_ROWS} rows; split it$"):
        actuals.read_rows(_workbook(tmp_path / "long.xlsx", build).read_bytes(), "long.xlsx")


# --- end to end ------------------------------------------------------------------------------

WORD_INDICATORS = WORD
EXCEL_INDICATORS = EXCEL


def indicators(path: Path) -> list[tuple]:
    plan = extract_file(path).plan
    return [
        (i.name, i.unit, (i.baseline.value, i.baseline.year) if i.baseline else None, [(a.year, a.value) for a in i.actuals],
         (i.target.value, i.target.year) if i.target else None)
        for i in plan.indicators
    ]


@pytest.fixture(scope="module")
def office_documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    directory = tmp_path_factory.mktemp("office")
    word = make_indicator_docx(directory / "kodomo.docx")
    excel = make_indicator_xlsx(directory / "kpi.xlsx")
    return {"docx": word, "xlsx": excel, "docx.pdf": soffice_to_pdf(word, directory / "pdf"),
            "xlsx.pdf": soffice_to_pdf(excel, directory / "pdf")}


def test_word_document_end_to_end(office_documents: dict[str, Path]) -> None:
    assert indicators(office_documents["docx"]) == WORD_INDICATORS


def test_excel_workbook_end_to_end(office_documents: dict[str, Path]) -> None:
    shown = [row[0] for _, rows in XLSX_SHEETS.values() for row in rows if "廃止" not in row[0]]  # row 6 of 施策2 is hidden
    assert shown == [name for name, *_ in EXCEL_INDICATORS]
    assert indicators(office_documents["xlsx"]) == EXCEL_INDICATORS


def test_libreoffice_pdfs_are_real_pdfs(office_documents: dict[str, Path]) -> None:
    for key in ("docx.pdf", "xlsx.pdf"):
        doc = read_document(office_documents[key])
        assert doc.format == "pdf"
        assert "待機児童数" in "".join(line.text for line in doc.lines)
    assert read_document(office_documents["xlsx.pdf"]).pages == 2  # one page per visible sheet


@pytest.mark.parametrize(("key", "expected"), [("docx.pdf", WORD_INDICATORS), ("xlsx.pdf", EXCEL_INDICATORS)])
def test_libreoffice_pdfs_end_to_end(office_documents: dict[str, Path], key: str, expected: list[tuple]) -> None:
    assert indicators(office_documents[key]) == expected
