"""The fourth blind round: ten documents made as cities' staff make them (Excel evaluation forms,
Word measure pages, two ruled two-column PDF pages; invented names and figures), read as plain
``pdftotext`` (its default mode) leaves them and as PDFs.

``python tests/office_round_4.py DIR`` writes the sources, their PDFs, the default-mode text of
each PDF and ``expected.json`` into DIR.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from docmaker import PdfTable, PdfText, make_layout_pdf, merged_table  # noqa: E402
from office_round_3 import PLACEHOLDER, _frame, _interim, _put, _sheet_setup  # noqa: E402
from office_rounds import Row, era, gold, printed, word_document  # noqa: E402

PURPOSE = "この欄には施策の目的を記載します。内容は架空のものです。"
REVIEW = "この欄には成果指標の推移を踏まえた評価を記載します。記述は架空のものです。"


def _heights(sheet, heights: dict[int, float]) -> None:  # type: ignore[no-untyped-def]
    for r, h in heights.items():
        sheet.row_dimensions[r].height = h


# --- x1: 施策評価シート, a form of merged cells, 目標/実績 side by side per year ------------------

X1_YEARS = (2022, 2023)
X1_SHEETS: dict[str, tuple[str, str, list[Row]]] = {
    "施策2-3": ("2-3 ごみの減量とリサイクルの推進", "環境保全課", [
        ("市民一人一日当たりのごみ排出量", "g", (912, 2020), [(2022, 887), (2023, 869)], (840, 2025)),
        ("資源化率", "%", (18.7, 2020), [(2022, 19.4), (2023, 20.2)], (24.0, 2025)),
        ("生ごみ処理機の購入助成件数", "件", (64, 2020), [(2022, 71), (2023, 58)], (90, 2025)),
    ]),
    "施策2-4": ("2-4 公園・緑地の保全", "公園緑地課", [
        ("公園愛護会の登録団体数", "団体", (37, 2020), [(2022, 41), (2023, 44)], (50, 2025)),
        ("市民一人当たりの都市公園面積", "㎡", (8.6, 2020), [(2022, 8.7), (2023, 8.9)], (9.5, 2025)),
    ]),
}


def make_x1(path: Path) -> Path:
    """施策名, 所管課 and 目的 as a form, then the 成果指標 block: 基準値 over its year, each year
    over 目標/実績, 目標値 over the final year, 達成率; an 評価 box under it."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, (heading, department, rows) in X1_SHEETS.items():
        sheet = book.create_sheet(title)
        _put(sheet, 1, 1, "令和5年度　施策評価シート")
        sheet.merge_cells("A1:I1")
        _put(sheet, 2, 1, "施策名")
        _put(sheet, 2, 2, heading)
        _put(sheet, 2, 6, "所管課")
        _put(sheet, 2, 7, department)
        _put(sheet, 3, 1, "目的")
        _put(sheet, 3, 2, PURPOSE)
        _frame(sheet, 2, 1, 3, 9)
        for merge in ("B2:E2", "G2:I2", "B3:I3"):
            sheet.merge_cells(merge)
        _put(sheet, 4, 1, "成果指標")
        _frame(sheet, 4, 1, 4, 9)
        sheet.merge_cells("A4:I4")
        heads = [(5, 1, "指標名"), (5, 2, "単位"), (5, 3, "基準値"), (6, 3, era(2020)), (5, 8, "目標値"),
                 (6, 8, era(2025)), (5, 9, "達成率")]
        for k, year in enumerate(X1_YEARS):
            heads += [(5, 4 + 2 * k, era(year)), (6, 4 + 2 * k, "目標"), (6, 5 + 2 * k, "実績")]
        for r, k, text in heads:
            _put(sheet, r, k, text)
        _frame(sheet, 5, 1, 6, 9)
        for merge in ("A5:A6", "B5:B6", "D5:E5", "F5:G5", "I5:I6"):
            sheet.merge_cells(merge)
        r = 7
        for name, unit, (b, by), actuals, (t, ty) in rows:
            _put(sheet, r, 1, name)
            _put(sheet, r, 2, unit)
            _put(sheet, r, 3, b, unit=unit)
            for k, (year, value) in enumerate(actuals):
                _put(sheet, r, 4 + 2 * k, _interim(t, b, year, ty, by), unit=unit)
                _put(sheet, r, 5 + 2 * k, value, unit=unit)
            _put(sheet, r, 8, t, unit=unit)
            _put(sheet, r, 9, round((actuals[-1][1] - b) / (t - b), 4), fmt="0.0%")
            sheet.row_dimensions[r].height = 30
            r += 1
        _put(sheet, r, 1, "評価")
        _put(sheet, r, 2, REVIEW)
        _frame(sheet, r, 1, r, 9)
        sheet.merge_cells(f"B{r}:I{r}")
        _heights(sheet, {1: 22, 2: 20, 3: 34, r: 48})
        _sheet_setup(sheet, {"A": 28, "B": 6, "C": 10, "D": 9, "E": 9, "F": 9, "G": 9, "H": 10, "I": 9})
    book.save(str(path))
    return path


# --- x2: 事務事業評価表, 活動指標 and 成果指標 blocks with 目標/実績 rows, 事業費 in 千円 ----------

X2_YEARS = (2022, 2023, 2024)
X2_ACTIVITY: list[Row] = [
    ("出前講座の開催回数", "回", (12, 2021), [(2022, 15), (2023, 18), (2024, 21)], (24, 2026)),
    ("啓発チラシの配布枚数", "枚", (8500, 2021), [(2022, 9200), (2023, 10400), (2024, 9800)], (12000, 2026)),
]
X2_OUTCOME: list[Row] = [
    ("講座受講後に行動を変えた人の割合", "%", (41.2, 2021), [(2022, 44.8), (2023, 47.5), (2024, 49.1)], (55.0, 2026)),
    ("消費生活相談の解決率", "%", (88.3, 2021), [(2022, 89.0), (2023, 90.6), (2024, 91.2)], (93.0, 2026)),
    ("若年層からの相談件数", "件", (136, 2021), [(2022, 152), (2023, 171), (2024, 188)], (200, 2026)),
]


def make_x2(path: Path) -> Path:
    """One project's sheet: 活動指標 and 成果指標 blocks, each indicator on a 目標 row and an 実績 row
    (name, unit, 基準値 and 目標値 merged over both), then 事業費 rows in 千円."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "事務事業評価表"
    _put(sheet, 1, 1, "令和6年度　事務事業評価表")
    sheet.merge_cells("A1:J1")
    for r, (label, value) in enumerate((("事業名", "消費者教育推進事業"), ("所管課", "市民相談課"), ("事業の目的", PURPOSE)), start=2):
        _put(sheet, r, 1, label)
        _put(sheet, r, 2, value)
        _frame(sheet, r, 1, r, 10)
        sheet.merge_cells(f"B{r}:J{r}")
    heads = ["区分", "指標名", "単位", f"基準値\n（{era(2021)}）", "", *(era(y) for y in X2_YEARS), f"目標値\n（{era(2026)}）", "備考"]
    for k, text in enumerate(heads, start=1):
        _put(sheet, 5, k, text)
    r = 6
    for block, rows in (("活動指標", X2_ACTIVITY), ("成果指標", X2_OUTCOME)):
        first = r
        for name, unit, (b, by), actuals, (t, ty) in rows:
            _put(sheet, r, 2, name)
            _put(sheet, r, 3, unit)
            _put(sheet, r, 4, b, unit=unit)
            _put(sheet, r, 5, "目標")
            _put(sheet, r + 1, 5, "実績")
            for k, (year, value) in enumerate(actuals):
                _put(sheet, r, 6 + k, _interim(t, b, year, ty, by), unit=unit)
                _put(sheet, r + 1, 6 + k, value, unit=unit)
            _put(sheet, r, 9, t, unit=unit)
            _frame(sheet, r, 1, r + 1, 10)
            for k in (2, 3, 4, 9, 10):
                sheet.merge_cells(start_row=r, start_column=k, end_row=r + 1, end_column=k)
            r += 2
        _put(sheet, first, 1, block)
        sheet.merge_cells(start_row=first, start_column=1, end_row=r - 1, end_column=1)
    r += 1
    _put(sheet, r, 1, "事業費")
    _put(sheet, r, 2, "区分")
    _put(sheet, r, 3, "単位")
    for k, year in enumerate(X2_YEARS):
        _put(sheet, r, 6 + k, era(year))
    _frame(sheet, r, 1, r + 2, 10)
    for k, (label, values) in enumerate((("総事業費", (4820, 5130, 5470)), ("うち一般財源", (3910, 4260, 4380))), start=1):
        _put(sheet, r + k, 2, label)
        _put(sheet, r + k, 3, "千円")
        for j, value in enumerate(values):
            _put(sheet, r + k, 6 + j, value)
    sheet.merge_cells(start_row=r, start_column=1, end_row=r + 2, end_column=1)
    _heights(sheet, {1: 22, 4: 34, 5: 32})
    _sheet_setup(sheet, {"A": 10, "B": 30, "C": 6, "D": 11, "E": 6, "F": 9, "G": 9, "H": 9, "I": 11, "J": 10})
    book.save(str(path))
    return path


# --- x3: 施策評価シート with the years in columns of their own --------------------------------

X3_ROWS: list[Row] = [
    ("特定保健指導の実施率", "%", (23.5, 2019), [(2022, 27.9), (2023, 30.4)], (45.0, 2027)),
    ("健康ポイント事業の参加者数", "人", (2150, 2021), [(2022, 2890), (2023, 3420)], (5000, 2027)),
    ("むし歯のない3歳児の割合", "%", (86.1, 2020), [(2022, 88.4), (2023, 89.7)], (92.0, 2027)),
    ("自殺死亡率（人口10万人当たり）", "人", (17.8, 2020), [(2022, 16.9), (2023, 15.2)], (13.0, 2027)),
]


def make_x3(path: Path) -> Path:
    """Baseline and target years each in a column of their own (基準年度, 目標年度), actuals per year
    with 達成状況 (A–C); a form header above."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "施策評価"
    _put(sheet, 1, 1, "施策評価シート（令和5年度実績）")
    sheet.merge_cells("A1:J1")
    for r, (label, value, label2, value2) in enumerate((("施策名", "4-1 健康づくりの推進", "所管課", "健康増進課"),
                                                       ("目的", PURPOSE, "関係課", "保険年金課")), start=2):
        _put(sheet, r, 1, label)
        _put(sheet, r, 2, value)
        _put(sheet, r, 7, label2)
        _put(sheet, r, 8, value2)
        sheet.merge_cells(f"B{r}:F{r}")
        sheet.merge_cells(f"H{r}:J{r}")
    _put(sheet, 4, 1, "■ 成果指標")
    sheet.merge_cells("A4:J4")
    heads = ["指標名", "単位", "基準年度", "基準値", f"{era(2022)}\n実績", f"{era(2023)}\n実績", "目標年度", "目標値", "達成状況", "指標の説明"]
    for k, text in enumerate(heads, start=1):
        _put(sheet, 5, k, text)
    for r, (name, unit, (b, by), actuals, (t, ty)) in enumerate(X3_ROWS, start=6):
        _put(sheet, r, 1, name)
        _put(sheet, r, 2, unit)
        _put(sheet, r, 3, era(by))
        _put(sheet, r, 4, b, unit=unit)
        for k, (_, value) in enumerate(actuals):
            _put(sheet, r, 5 + k, value, unit=unit)
        _put(sheet, r, 7, era(ty))
        _put(sheet, r, 8, t, unit=unit)
        _put(sheet, r, 9, "B")
        _put(sheet, r, 10, "市の統計による")
        sheet.row_dimensions[r].height = 30
    end = 6 + len(X3_ROWS)
    _put(sheet, end, 1, "評価・課題")
    _put(sheet, end, 2, REVIEW)
    _frame(sheet, end, 1, end, 10)
    sheet.merge_cells(f"B{end}:J{end}")
    _heights(sheet, {3: 34, 5: 32, end: 48})
    _sheet_setup(sheet, {"A": 28, "B": 6, "C": 11, "D": 9, "E": 10, "F": 10, "G": 11, "H": 9, "I": 8, "J": 14})
    book.save(str(path))
    return path


# --- x4: 事務事業評価表, one indicator per block: 年度 across, 目標/実績 rows ------------------

X4_PROJECTS: list[tuple[str, str, list[tuple[str, Row]]]] = [
    ("空き家対策事業", "住宅政策課", [
        ("活動指標", ("空き家相談会の開催回数", "回", (4, 2022), [(2023, 6), (2024, 6)], (8, 2027))),
        ("成果指標", ("空き家バンクの成約件数", "件", (11, 2022), [(2023, 14), (2024, 19)], (25, 2027))),
    ]),
    ("移住定住促進事業", "企画課", [
        ("活動指標", ("移住相談の対応件数", "件", (214, 2022), [(2023, 260), (2024, 301)], (350, 2027))),
        ("成果指標", ("転入者数", "人", (1834, 2022), [(2023, 1902), (2024, 1877)], (2100, 2027))),
        ("成果指標", ("移住支援金の交付世帯数", "世帯", (9, 2022), [(2023, 13), (2024, 16)], (20, 2027))),
    ]),
]


def make_x4(path: Path) -> Path:
    """A sheet per project; each indicator a block: its kind, name and unit on one row, then 年度
    across (基準値, two years, 目標値) over a 目標 row and an 実績 row; 事業費 in 千円 last."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, department, blocks in X4_PROJECTS:
        sheet = book.create_sheet(title)
        _put(sheet, 1, 1, "事務事業評価表（令和6年度）")
        sheet.merge_cells("A1:F1")
        _put(sheet, 2, 1, "事業名")
        _put(sheet, 2, 2, title)
        _put(sheet, 2, 4, "担当課")
        _put(sheet, 2, 5, department)
        sheet.merge_cells("B2:C2")
        sheet.merge_cells("E2:F2")
        r = 4
        for kind, (name, unit, (b, by), actuals, (t, ty)) in blocks:
            _put(sheet, r, 1, kind)
            _put(sheet, r, 2, name)
            _put(sheet, r, 5, "単位")
            _put(sheet, r, 6, unit)
            sheet.merge_cells(start_row=r, start_column=2, end_row=r, end_column=4)
            years = [f"{era(by)}\n（基準値）", *(era(y) for y, _ in actuals), f"{era(ty)}\n（目標値）"]
            _put(sheet, r + 1, 1, "年度")
            for k, text in enumerate(years, start=2):
                _put(sheet, r + 1, k, text)
            _put(sheet, r + 2, 1, "目標")
            _put(sheet, r + 3, 1, "実績")
            _put(sheet, r + 2, 2, None)
            _put(sheet, r + 3, 2, b, unit=unit)
            for k, (year, value) in enumerate(actuals, start=3):
                _put(sheet, r + 2, k, _interim(t, b, year, ty, by), unit=unit)
                _put(sheet, r + 3, k, value, unit=unit)
            _put(sheet, r + 2, 5, t, unit=unit)
            _put(sheet, r + 3, 5, None)
            _frame(sheet, r, 1, r + 3, 6)
            sheet.row_dimensions[r + 1].height = 30
            r += 5
        _put(sheet, r, 1, "事業費")
        _put(sheet, r, 2, "単位：千円")
        _put(sheet, r + 1, 1, "年度")
        _put(sheet, r + 2, 1, "決算額")
        for k, (year, value) in enumerate(((2023, 2860), (2024, 3145)), start=3):
            _put(sheet, r + 1, k, era(year))
            _put(sheet, r + 2, k, value)
        _frame(sheet, r, 1, r + 2, 6)
        _sheet_setup(sheet, {"A": 10, "B": 14, "C": 12, "D": 12, "E": 14, "F": 10})
    book.save(str(path))
    return path


# --- x5: two measures' forms stacked on one sheet ----------------------------------------------

X5_MEASURES: list[tuple[str, str, list[Row]]] = [
    ("6-2 地域公共交通の確保", "交通政策課", [
        ("コミュニティバスの年間利用者数", "人", (48300, 2021), [(2022, 51240), (2023, 55870)], (62000, 2026)),
        ("デマンド交通の登録者数", "人", (760, 2021), [(2022, 905), (2023, 1088)], (1400, 2026)),
    ]),
    ("6-3 道路・橋りょうの維持管理", "道路維持課", [
        ("橋りょうの修繕完了数（累計）", "橋", (18, 2021), [(2022, 23), (2023, 29)], (40, 2026)),
        ("道路の舗装補修延長", "km", (3.4, 2021), [(2022, 4.1), (2023, 4.8)], (6.0, 2026)),
        ("道路に関する要望への対応率", "%", (72.6, 2021), [(2022, 75.3), (2023, 78.9)], (85.0, 2026)),
    ]),
]


def make_x5(path: Path) -> Path:
    """Two measures' forms one under the other on one sheet, each: 施策名/所管課, then a header 指標名 |
    単位 | 基準値（年度）| 実績値 over two years | 目標値（年度）| 達成率, then 評価 (A/B/C) and its comment."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "基本目標6"
    _put(sheet, 1, 1, "基本目標6 便利で快適に移動できるまち　施策評価")
    sheet.merge_cells("A1:H1")
    r = 3
    heights = {1: 22}
    for heading, department, rows in X5_MEASURES:
        _put(sheet, r, 1, f"施策 {heading}")
        _put(sheet, r, 6, f"所管課：{department}")
        sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=5)
        sheet.merge_cells(start_row=r, start_column=6, end_row=r, end_column=8)
        _put(sheet, r + 1, 1, "指標名")
        _put(sheet, r + 1, 2, "単位")
        _put(sheet, r + 1, 3, f"基準値\n（{era(rows[0][2][1])}）")
        _put(sheet, r + 1, 4, "実績値")
        _put(sheet, r + 1, 6, f"目標値\n（{era(rows[0][4][1])}）")
        _put(sheet, r + 1, 7, "達成率")
        _put(sheet, r + 1, 8, "評価")
        for k, (year, _) in enumerate(rows[0][3], start=4):
            _put(sheet, r + 2, k, era(year))
        _frame(sheet, r + 1, 1, r + 2, 8)
        for k in (1, 2, 3, 6, 7, 8):
            sheet.merge_cells(start_row=r + 1, start_column=k, end_row=r + 2, end_column=k)
        sheet.merge_cells(start_row=r + 1, start_column=4, end_row=r + 1, end_column=5)
        heights[r + 1] = 30
        r += 3
        for name, unit, (b, _), actuals, (t, _) in rows:
            _put(sheet, r, 1, name)
            _put(sheet, r, 2, unit)
            _put(sheet, r, 3, b, unit=unit)
            for k, (_, value) in enumerate(actuals, start=4):
                _put(sheet, r, k, value, unit=unit)
            _put(sheet, r, 6, t, unit=unit)
            _put(sheet, r, 7, round((actuals[-1][1] - b) / (t - b), 4), fmt="0.0%")
            _put(sheet, r, 8, "B")
            r += 1
        _put(sheet, r, 1, "評価コメント")
        _put(sheet, r, 2, REVIEW)
        _frame(sheet, r, 1, r, 8)
        sheet.merge_cells(start_row=r, start_column=2, end_row=r, end_column=8)
        heights[r] = 40
        r += 2
    _heights(sheet, heights)
    _sheet_setup(sheet, {"A": 30, "B": 6, "C": 11, "D": 10, "E": 10, "F": 11, "G": 9, "H": 7})
    book.save(str(path))
    return path


# --- Word ----------------------------------------------------------------------------------------

W1_MEASURES: list[tuple[str, list[Row]]] = [
    ("施策3-1 文化芸術の振興", [
        ("文化会館の年間利用者数", "人", (98400, 2023), [], (120000, 2029)),
        ("文化芸術活動に参加した市民の割合", "%", (21.6, 2023), [], (30.0, 2029)),
    ]),
    ("施策3-2 スポーツの推進", [
        ("総合体育館の年間利用者数", "人", (152300, 2023), [], (170000, 2029)),
        ("スポーツ少年団の団員数", "人", (1245, 2023), [], (1300, 2029)),
        ("成人の週1回以上のスポーツ実施率", "%", (46.2, 2023), [], (60.0, 2029)),
    ]),
]


def make_w1(path: Path) -> Path:
    """Measure pages: a heading, 現状と課題 and 方向性 paragraphs, a 成果指標 table with the years
    written in the header cells (現状値（令和5年度）, 目標値（令和11年度）)."""
    document = word_document()
    document.add_heading("第3章 心豊かに学び楽しむまち", level=1)
    for heading, rows in W1_MEASURES:
        document.add_heading(heading, level=2)
        document.add_paragraph("■ 現状と課題")
        document.add_paragraph(PLACEHOLDER * 2)
        document.add_paragraph("■ 施策の方向性")
        document.add_paragraph(PLACEHOLDER)
        document.add_paragraph("■ 成果指標")
        table: list[list[str | None]] = [["指標", "単位", f"現状値（{era(rows[0][2][1])}）", f"目標値（{era(rows[0][4][1])}）"]]
        table += [[name, unit, printed(b), printed(t)] for name, unit, (b, _), _, (t, _) in rows]
        merged_table(document, table, [], [7.6, 1.4, 3.6, 3.6])
    document.save(str(path))
    return path


W2_YEARS = (2021, 2022, 2023)
W2_ROWS: list[Row] = [
    ("農業体験イベントの参加者数", "人", (310, 2020), [(2021, 0), (2022, 265), (2023, 348)], (400, 2026)),
    ("学校給食での地場産物の使用割合", "%", (33.8, 2020), [(2021, 35.1), (2022, 36.0), (2023, 37.4)], (40.0, 2026)),
    ("新規就農者数", "人", (5, 2020), [(2021, 7), (2022, 4), (2023, 8)], (10, 2026)),
    ("農地の集積率", "%", (52.4, 2020), [(2021, 53.0), (2022, 54.2), (2023, 55.1)], (65.0, 2026)),
]


def make_w2(path: Path) -> Path:
    """Indicators as rows, years as columns: 令和2年度（基準）… 令和8年度（目標）, the unit in the name cell."""
    document = word_document()
    document.add_heading("施策5-1 農業の持続的な発展", level=1)
    document.add_paragraph(PLACEHOLDER)
    document.add_paragraph("【指標の推移】")
    table: list[list[str | None]] = [["指標（単位）", f"{era(2020)}\n（基準）", *(era(y) for y in W2_YEARS), f"{era(2026)}\n（目標）"]]
    for name, unit, (b, _), actuals, (t, _) in W2_ROWS:
        table.append([f"{name}（{unit}）", printed(b), *(printed(v) for _, v in actuals), printed(t)])
    merged_table(document, table, [], [6.4, 2.2, 2.0, 2.0, 2.0, 2.2])
    document.add_paragraph("※ 令和3年度の農業体験イベントは中止しました。")
    document.save(str(path))
    return path


W3_ROWS: list[Row] = [
    ("避難行動要支援者の個別避難計画作成率", "%", (12.5, 2022), [], (50.0, 2028)),
    ("防災メールの登録者数", "人", (14820, 2023), [], (20000, 2028)),
    ("耐震化された住宅の割合", "%", (84.7, 2020), [], (95.0, 2030)),
    ("消防団員の充足率", "%", (89.2, 2023), [], (95.0, 2028)),
    ("防災士の資格取得者数", "人", (96, 2022), [], (150, 2028)),
]


def make_w3(path: Path) -> Path:
    """A two-level header: 現状値 and 目標値 each over a 年度 cell and a 値 cell; each row its own years."""
    document = word_document()
    document.add_heading("施策1-1 災害に強いまちづくり", level=1)
    document.add_paragraph("1 現状と課題")
    document.add_paragraph(PLACEHOLDER * 2)
    document.add_paragraph("2 成果指標")
    table: list[list[str | None]] = [["指標名", "単位", "現状値", None, "目標値", None], [None, None, "年度", "値", "年度", "値"]]
    for name, unit, (b, by), _, (t, ty) in W3_ROWS:
        table.append([name, unit, era(by), printed(b), era(ty), printed(t)])
    merged_table(document, table, [(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 0, 3), (0, 4, 0, 5)], [6.0, 1.2, 2.8, 1.8, 2.8, 1.8])
    document.add_paragraph("3 主な取組")
    document.add_paragraph("(1) 取組の内容を記載します。")
    document.save(str(path))
    return path


# --- reportlab: ruled tables in two columns ------------------------------------------------------

R1_MEASURES: list[tuple[str, list[Row]]] = [
    ("施策7-1 男女共同参画の推進", [
        ("審議会等の女性委員の割合", "%", (31.4, 2024), [], (40.0, 2030)),
        ("男性の育児休業取得率（市職員）", "%", (46.0, 2024), [], (85.0, 2030)),
        ("固定的な役割分担意識を持たない市民の割合", "%", (62.8, 2024), [], (75.0, 2030)),
    ]),
    ("施策7-2 多文化共生の推進", [
        ("日本語教室の受講者数", "人", (184, 2024), [], (260, 2030)),
        ("外国語対応の行政情報の数", "件", (57, 2024), [], (120, 2030)),
    ]),
]


def _column_page(measures: list[tuple[str, list[Row]]], heads: list[str], cells, widths: tuple[float, ...]):  # type: ignore[no-untyped-def]
    """One A4 page: a title, then each measure in a column of its own, its heading above a ruled table."""
    page: list[PdfText | PdfTable] = [PdfText(40, 40, "第7章 一人ひとりが輝くまち", 13)]
    for k, (heading, rows) in enumerate(measures):
        x = 40 + k * 265
        page.append(PdfText(x, 80, heading, 10))
        for j in range(4):
            page.append(PdfText(x, 100 + j * 13, PLACEHOLDER[j * 12:(j + 1) * 12], 8.5))
        page.append(PdfText(x, 162, "成果指標", 9))
        grid = [(text, 0, c, 1, 1) for c, text in enumerate(heads)]
        heights = [30.0]
        for r, row in enumerate(rows, start=1):
            texts = cells(row)
            grid += [(text, r, c, 1, 1) for c, text in enumerate(texts)]
            heights.append(15.0 + 12.0 * max(t.count("\n") for t in texts))
        page.append(PdfTable(x, 178, widths, tuple(heights), tuple(grid), size=7.5))
    return page


def make_r1(path: Path) -> Path:
    """Two measures side by side, each a ruled table 指標名 | 現状値（令和6年度） | 目標値（令和12年度）,
    long names broken over two lines in their cells, values with their units."""
    def cells(row: Row) -> list[str]:
        name, unit, (b, _), _, (t, _) = row
        folded = name if len(name) <= 12 else f"{name[:12]}\n{name[12:]}"
        return [folded, f"{printed(b)}{unit}", f"{printed(t)}{unit}"]
    heads = ["指標名", f"現状値\n（{era(2024)}）", f"目標値\n（{era(2030)}）"]
    return make_layout_pdf([_column_page(R1_MEASURES, heads, cells, (110.0, 70.0, 70.0))], path)


R2_MEASURES: list[tuple[str, list[Row]]] = [
    ("施策7-3 人権尊重の推進", [
        ("人権講座の参加者数", "人", (420, 2020), [(2022, 388), (2023, 455)], (600, 2027)),
        ("人権相談の件数", "件", (73, 2020), [(2022, 81), (2023, 69)], (90, 2027)),
        ("人権が尊重されていると感じる市民の割合", "%", (48.5, 2020), [(2022, 50.2), (2023, 52.7)], (60.0, 2027)),
    ]),
    ("施策7-4 平和の推進", [
        ("平和祈念式典の参列者数", "人", (350, 2020), [(2022, 290), (2023, 410)], (500, 2027)),
        ("平和学習を実施した学校の数", "校", (14, 2020), [(2022, 16), (2023, 19)], (22, 2027)),
    ]),
]


def make_r2(path: Path) -> Path:
    """Two columns, each a ruled table 指標名 | 単位 | 基準値 | two years' 実績 | 目標値, the years in the
    header cells; long names folded in their cells."""
    def cells(row: Row) -> list[str]:
        name, unit, (b, _), actuals, (t, _) = row
        folded = name if len(name) <= 8 else f"{name[:8]}\n{name[8:16]}" + (f"\n{name[16:]}" if len(name) > 16 else "")
        return [folded, unit, printed(b), *(printed(v) for _, v in actuals), printed(t)]
    heads = ["指標名", "単位", f"基準値\n{era(2020)}", f"実績\n{era(2022)}", f"実績\n{era(2023)}", f"目標値\n{era(2027)}"]
    return make_layout_pdf([_column_page(R2_MEASURES, heads, cells, (70.0, 20.0, 42.0, 42.0, 42.0, 42.0))], path)


DOCUMENTS: dict[str, tuple[Callable[[Path], Path], list[Row]]] = {
    "t1_x1_form.xlsx": (make_x1, [row for _, _, rows in X1_SHEETS.values() for row in rows]),
    "t1_x2_jigyou.xlsx": (make_x2, X2_ACTIVITY + X2_OUTCOME),
    "t1_x3_yearcols.xlsx": (make_x3, X3_ROWS),
    "t1_x4_blocks.xlsx": (make_x4, [row for _, _, blocks in X4_PROJECTS for _, row in blocks]),
    "t1_x5_stacked.xlsx": (make_x5, [row for _, _, rows in X5_MEASURES for row in rows]),
    "t1_w1_pages.docx": (make_w1, [row for _, rows in W1_MEASURES for row in rows]),
    "t1_w2_years.docx": (make_w2, W2_ROWS),
    "t1_w3_twolevel.docx": (make_w3, W3_ROWS),
    "t1_r1_columns.pdf": (make_r1, [row for _, rows in R1_MEASURES for row in rows]),
    "t1_r2_columns.pdf": (make_r2, [row for _, rows in R2_MEASURES for row in rows]),
}


def build(directory: Path) -> dict[str, list[dict]]:
    """Make the sources, the PDFs (LibreOffice for Word and Excel) and each PDF's default-mode text;
    return and write expected.json (the texts and the PDFs)."""
    from docmaker import soffice_to_pdfs

    directory.mkdir(parents=True, exist_ok=True)
    made = {name: make(directory / name) for name, (make, _) in DOCUMENTS.items()}
    office = [path for path in made.values() if path.suffix != ".pdf"]
    converted = dict(zip(office, soffice_to_pdfs(office, directory)))
    expected: dict[str, list[dict]] = {}
    for name, (_, rows) in DOCUMENTS.items():
        pdf = converted.get(made[name], made[name])
        subprocess.run(["pdftotext", str(pdf), str(directory / f"{pdf.stem}.txt")], check=True)
        for file in (f"{pdf.stem}.txt", pdf.name):
            expected[file] = gold(rows)
    (directory / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1), encoding="utf-8")
    return expected


if __name__ == "__main__":
    build(Path(sys.argv[1]))
