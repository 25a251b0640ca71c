"""Office documents in layouts municipal offices make, second blind round: read from Excel and Word
and from their LibreOffice PDFs, every indicator with every figure and year right.

The layouts (invented names and figures, composed here) exercise what the round taught the engine:

- fiscal years as rows whose first column also holds a 単位 row and rows of one role dated in
  their label (基準値（令和元年度）, 目標（令和9年度）) between the bare years (``gridshapes.years_as_rows``);
- a Word table nested in a cell that is a table in its own right (three rows and three columns at
  least, a 施策評価シート's indicator table in its 成果指標 cell) is a grid of its own
  (``readers/docx.py``), and so is its PDF's ruled table drawn inside the cell (``readers/pdf_tables._nested``);
- a column that only numbers the rows (指標1, 指標2), merged over a name row and a 説明 row, is no
  name column, and the 説明：… row under a name is that indicator's definition (``grid.indicator_rows``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from keikaku.importer.gridshapes import years_as_rows
from office_rounds import Made, Row, assert_reads_in_full, brief, era, indicators, make_documents, printed, word_document
from keikaku.importer.readers import read_document
from keikaku.importer.readers.pdf_tables import Rule, find_frames
from keikaku.importer.records import Grid, GridCell


def widths(table, cm: tuple[float, ...]) -> None:  # type: ignore[no-untyped-def]
    from docx.shared import Cm

    table.autofit = False
    for k, width in enumerate(cm):
        table.columns[k].width = Cm(width)
        for cell in table.columns[k].cells:
            cell.width = Cm(width)


# --- years as rows, with a 単位 row and rows of one role dated in their label --------------------

YEARLY: list[Row] = [
    ("自治会加入世帯の割合", "%", (63.8, 2018), [(2021, 61.2), (2022, 60.4)], (65.0, 2028)),
    ("地区センターの年間利用者数", "人", (48210, 2018), [(2021, 31870), (2022, 40150)], (52000, 2028)),
    ("市民活動団体の登録数", "団体", (157, 2018), [(2021, 162), (2022, 171)], (180, 2028)),
]


def yearly_xlsx(path: Path) -> Path:
    import openpyxl

    from openpyxl.styles import Alignment, Border, Side

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "協働の指標"
    sheet["A1"] = "市民協働分野の指標の推移"
    sheet.cell(3, 1, "区分")
    sheet.cell(4, 1, "単位")
    for k, (name, unit, *_rest) in enumerate(YEARLY, start=2):
        sheet.cell(3, k, name).alignment = Alignment(wrap_text=True)
        sheet.cell(4, k, unit)
    labels = [f"現状値（{era(2018)}）", "2021年度", "2022年度", f"目標（{era(2028)}）"]
    for r, label in enumerate(labels, start=5):
        sheet.cell(r, 1, label)
        for k, (_, _, (b, _by), actuals, (t, _ty)) in enumerate(YEARLY, start=2):
            value = b if r == 5 else t if r == 8 else actuals[r - 6][1]
            sheet.cell(r, k, value).number_format = "#,##0" if isinstance(value, int) else "0.0"
    thin = Side(style="thin")
    for row in sheet["A3:D8"]:
        for cell in row:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    sheet.column_dimensions["A"].width = 22
    for letter in "BCD":
        sheet.column_dimensions[letter].width = 20
    sheet.row_dimensions[3].height = 32
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    book.save(str(path))
    return path


# --- a Word evaluation sheet with an indicator table nested in a cell ---------------------------

NESTED: list[Row] = [
    ("特定健康診査の受診者数", "人", (5820, 2017), [(2022, 6135)], (7000, 2027)),
    ("健康ポイント事業の参加者数", "人", (940, 2017), [(2022, 1312)], (1800, 2027)),
    ("食生活改善推進員の数", "人", (52, 2017), [(2022, 47)], (60, 2027)),
]


def nested_docx(path: Path) -> Path:
    document = word_document()
    document.add_paragraph("令和5年度 施策評価シート")
    outer = document.add_table(rows=3, cols=2)
    outer.style = "Table Grid"
    widths(outer, (2.4, 12.8))
    for r, (label, text) in enumerate((("施策", "2-4 健康寿命の延伸"), ("担当課", "健康推進課"), ("指標", None))):
        outer.cell(r, 0).text = label
        if text:
            outer.cell(r, 1).text = text
    inner = outer.cell(2, 1).add_table(rows=1 + len(NESTED), cols=5)
    inner.style = "Table Grid"
    widths(inner, (4.8, 1.2, 2.2, 2.2, 2.2))
    head = ["指標名", "単位", f"現状値（{era(2017)}）", f"{era(2022)}実績", f"目標値（{era(2027)}）"]
    for k, text in enumerate(head):
        inner.cell(0, k).text = text
    for r, (name, unit, (b, _), [(_, a)], (t, _)) in enumerate(NESTED, start=1):
        for k, text in enumerate((name, unit, printed(b), printed(a), printed(t))):
            inner.cell(r, k).text = text
    document.save(str(path))
    return path


# --- a numbered label column merged over a name row and a 定義 row ------------------------------

LABELLED: list[Row] = [
    ("河川清掃の参加者数", "人", (1430, 2020), [(2023, 1615), (2024, 1702)], (2000, 2029)),
    ("生ごみ処理機の購入助成件数", "件", (86, 2020), [(2023, 74), (2024, 91)], (120, 2029)),
    ("エコドライブ講習の受講者数", "人", (215, 2020), [(2023, 248), (2024, 263)], (300, 2029)),
]
DEFINITIONS = ["市内一斉清掃の参加者の合計", "市の助成を受けて購入された台数", "市主催の講習の修了者"]


def labelled_docx(path: Path) -> Path:
    document = word_document()
    document.add_paragraph("施策 8-3 環境保全の推進")
    table = document.add_table(rows=1 + 2 * len(LABELLED), cols=7)
    table.style = "Table Grid"
    head = ["指標番号", "指標名", "単位", f"基準値\n{era(2020)}", f"実績値\n{era(2023)}", f"実績値\n{era(2024)}",
            f"目標値\n{era(2029)}"]
    for k, text in enumerate(head):
        table.cell(0, k).text = text
    for i, ((name, unit, (b, _), actuals, (t, _)), note) in enumerate(zip(LABELLED, DEFINITIONS)):
        r = 1 + 2 * i
        for k, text in enumerate((f"指標{i + 1}", name, unit, printed(b), *(printed(v) for _, v in actuals), printed(t))):
            table.cell(r, k).text = text
        table.cell(r, 0).merge(table.cell(r + 1, 0))
        table.cell(r + 1, 1).merge(table.cell(r + 1, 6)).text = f"定義：{note}"
    document.save(str(path))
    return path


DOCUMENTS = {
    "years as rows with a unit row and dated role rows": (yearly_xlsx, "yearly.xlsx", YEARLY, 18),
    "indicator table nested in a cell": (nested_docx, "nested.docx", NESTED, 15),
    "numbered label column and definition rows": (labelled_docx, "labelled.docx", LABELLED, 18),
}


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Made:
    return make_documents(tmp_path_factory.mktemp("blind-office-2"), DOCUMENTS)  # one LibreOffice run


@pytest.mark.parametrize("label", [*DOCUMENTS, *(f"{k} → PDF" for k in DOCUMENTS)])
def test_every_document_reads_in_full(made: Made, label: str) -> None:
    path, rows, figures = made[label]
    assert_reads_in_full(path, rows, figures)


@pytest.mark.parametrize("suffix", ["", " → PDF"])
def test_years_as_rows_take_the_unit_row_and_the_dated_role_rows(made: Made, suffix: str) -> None:
    assert brief(made["years as rows with a unit row and dated role rows" + suffix][0]) == [
        ("自治会加入世帯の割合", "%", (63.8, 2018), [(2021, 61.2), (2022, 60.4)], (65, 2028)),
        ("地区センターの年間利用者数", "人", (48210, 2018), [(2021, 31870), (2022, 40150)], (52000, 2028)),
        ("市民活動団体の登録数", "団体", (157, 2018), [(2021, 162), (2022, 171)], (180, 2028)),
    ]


@pytest.mark.parametrize("suffix", ["", " → PDF"])
def test_a_table_nested_in_a_cell_is_read_as_a_table(made: Made, suffix: str) -> None:
    assert brief(made["indicator table nested in a cell" + suffix][0]) == [
        ("特定健康診査の受診者数", "人", (5820, 2017), [(2022, 6135)], (7000, 2027)),
        ("健康ポイント事業の参加者数", "人", (940, 2017), [(2022, 1312)], (1800, 2027)),
        ("食生活改善推進員の数", "人", (52, 2017), [(2022, 47)], (60, 2027)),
    ]


@pytest.mark.parametrize("suffix", ["", " → PDF"])
def test_a_numbering_column_is_no_name_and_a_definition_row_is_the_definition(
        made: Made, suffix: str) -> None:
    path = made["numbered label column and definition rows" + suffix][0]
    assert brief(path) == [
        ("河川清掃の参加者数", "人", (1430, 2020), [(2023, 1615), (2024, 1702)], (2000, 2029)),
        ("生ごみ処理機の購入助成件数", "件", (86, 2020), [(2023, 74), (2024, 91)], (120, 2029)),
        ("エコドライブ講習の受講者数", "人", (215, 2020), [(2023, 248), (2024, 263)], (300, 2029)),
    ]
    assert [i["definition"] for i in indicators(path)] == DEFINITIONS


# --- the rules on their own, and what they leave alone ------------------------------------------


def grid_of(rows: list[list[str]]) -> Grid:
    cells = tuple(GridCell(text=t, row=r, col=k) for r, row in enumerate(rows) for k, t in enumerate(row))
    return Grid(cells=cells, rows=len(rows), cols=max(len(row) for row in rows))


def test_years_as_rows_turns_a_unit_row_into_the_unit_column() -> None:
    turned = years_as_rows(grid_of([["年度", "公園の数", "緑化率"], ["単位", "か所", "%"], ["基準値(R2)", "41", "18.2"],
                                     ["2023年度", "43", "18.9"], ["2024年度", "44", "19.3"], ["目標値(R10)", "50", "22.0"]]))
    assert turned is not None
    assert [list(row) for row in turned.row_texts()] == [["", "単位", "基準値(R2)", "2023年度", "2024年度", "目標値(R10)"],
                                  ["公園の数", "か所", "41", "43", "44", "50"], ["緑化率", "%", "18.2", "18.9", "19.3", "22.0"]]


@pytest.mark.parametrize("first_column", [
    ["単位", "基準値(R2)", "2023年度", "備考"],  # a row that is neither a year nor a dated role
    ["単位", "基準値(R2)", "目標値(R10)", "2024年度"],  # one bare year only: a table of roles, not of years
    ["単位", "2022年度", "2023年度", "地区名"],
])
def test_years_as_rows_refuses_other_first_columns(first_column: list[str]) -> None:
    rows = [["区分", "公園の数", "緑化率"]] + [[label, "41", "18.2"] for label in first_column]
    rows[1][1:] = ["か所", "%"]
    assert years_as_rows(grid_of(rows)) is None


def test_a_nested_table_in_its_own_right_is_a_grid_after_its_row(tmp_path: Path) -> None:
    document = word_document()
    outer = document.add_table(rows=2, cols=2)
    outer.cell(0, 0).text, outer.cell(0, 1).text = "施策", "1-1 子育て支援"
    outer.cell(1, 0).text = "指標"
    inner = outer.cell(1, 1).add_table(rows=3, cols=3)
    for r, row in enumerate([["指標名", "現状値", "目標値"], ["一時預かりの利用者数", "320人", "450人"], ["子育て相談の件数", "1,210件", "1,500件"]]):
        for k, text in enumerate(row):
            inner.cell(r, k).text = text
    small = document.add_table(rows=1, cols=2)  # a pair of cells nested below stays in its cell's text
    small.cell(0, 0).text = "備考"
    small.cell(0, 1).add_table(rows=2, cols=2)
    for r, row in enumerate([["出典", "事業報告"], ["更新", "毎年"]]):
        for k, text in enumerate(row):
            small.cell(0, 1).tables[0].cell(r, k).text = text
    path = tmp_path / "nested.docx"
    document.save(str(path))
    lines = read_document(path).lines
    assert [(line.text, line.source.cell) for line in lines] == [
        ("施策\t1-1 子育て支援", "t1r1"), ("指標", "t1r2"),
        ("指標名\t現状値\t目標値", "t2r1"), ("一時預かりの利用者数\t320人\t450人", "t2r2"), ("子育て相談の件数\t1,210件\t1,500件", "t2r3"),
        ("備考\t出典 事業報告 更新 毎年", "t3r1"),
    ]
    assert [line.grid is not None for line in lines] == [True, False, True, False, False, True]


def test_a_ruled_table_inside_a_cell_is_a_frame_of_its_own() -> None:
    h = lambda at, start, end: Rule(True, at, start, end)  # noqa: E731
    v = lambda at, start, end: Rule(False, at, start, end)  # noqa: E731
    outer = [h(100, 50, 400), h(120, 50, 400), h(220, 50, 400), v(50, 100, 220), v(120, 100, 220), v(400, 100, 220)]
    inner = [h(130, 126, 394), h(150, 126, 394), h(170, 126, 394), h(190, 126, 394),
             v(126, 130, 220), v(250, 130, 220), v(320, 130, 220), v(394, 130, 220)]  # its foot on the cell's rule
    frames = find_frames(outer + inner)
    assert [(f.xs, f.ys) for f in frames] == [([126, 250, 320, 394], [130, 150, 170, 190, 220]),
                                             ([50, 120, 126, 250, 320, 394, 400], [100, 120, 130, 150, 170, 190, 220])]
    assert [(f.rows, f.cols) for f in frames] == [(4, 3), (6, 6)]
    alone = find_frames(outer)
    assert [(f.xs, f.ys, f.cells) for f in alone] == [([50, 120, 400], [100, 120, 220], [(0, 0, 1, 1), (0, 1, 1, 1), (1, 0, 1, 1), (1, 1, 1, 1)])]
