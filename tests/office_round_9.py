"""The ninth blind round of office documents: five Excel workbooks and five Word files modelled on
cities' evaluation sheets and KPI tables (invented names and figures), printed to PDF by LibreOffice
and read three ways: as the PDF, as plain ``pdftotext`` text and as ``pdftotext -layout`` text.

The layouts hold: field cells (分野) merged down the left over their rows, years in the header as
short eras (``R3``, ``H30``) under a merged 実績値 cell, 達成率 and 評価 columns after the target;
an evaluation sheet whose 活動指標 and 成果指標 rows are followed by money rows in 千円 (no
indicators); two tables on one sheet, the first with 基準年度 and 目標年度 columns holding short era
years, the second an older plan in 平成 years, each with notes under it; a landscape sheet with each
indicator's name, unit, baseline and target merged over a 目標 row and a 実績 row; western fiscal
years (``2022年度``) with a 方向性 arrow column and a worded 評価; a Word table with ``vMerge``'d
names over 目標 and 実績 rows; a landscape Word table with 分野 merged down the left and a two-row
header; Word pages per measure with an indicator table and a money table under it; a Word table
whose indicator names are rows spanning the width over their figures; two Word tables on one page,
each under a caption paragraph and over a note.

``python tests/office_round_9.py DIR`` writes the ten sources, their PDFs, the plain and ``-layout``
texts, and ``expected.json`` (for the three renderings) into DIR.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from docmaker import merged_table  # noqa: E402
from office_rounds import (  # noqa: E402
    Documents,
    Row,
    build_rendered,
    column_widths,
    era,
    expected_rendered,
    landscape_sheet,
    landscape_word,
    number_format,
    printed,
    put_cell,
    short_era,
    word_document,
)


def achieved(row: Row) -> str:
    """達成率 as printed: the last actual over the target, in percent."""
    _, _, _, actuals, (t, _) = row
    return f"{actuals[-1][1] / t * 100:.1f}%"


def western(year: int) -> str:
    return f"{year}年度"


# --- Excel ---------------------------------------------------------------------------------------

E1_FIELDS: list[tuple[str, list[tuple[Row, str]]]] = [
    ("健康づくり", [
        (("健康教室の延べ参加者数", "人", (2318, 2020), [(2021, 1540), (2022, 2075), (2023, 2691)], (3200, 2025)), "B"),
        (("歯科健診の受診率", "%", (24.7, 2020), [(2021, 22.9), (2022, 25.8), (2023, 27.3)], (32.0, 2025)), "B"),
        (("ウォーキングアプリの登録者数", "人", (940, 2020), [(2021, 1322), (2022, 1877), (2023, 2406)], (2500, 2025)), "A"),
    ]),
    ("地域医療", [
        (("休日当番医の受診者数", "人", (6104, 2020), [(2021, 5822), (2022, 6390), (2023, 6512)], (6000, 2025)), "A"),
        (("かかりつけ医を持つ市民の割合", "%", (61.3, 2020), [(2021, 62.0), (2022, 63.4), (2023, 63.9)], (70.0, 2025)), "C"),
    ]),
]
E1_ROWS: list[Row] = [row for _, rows in E1_FIELDS for row, _ in rows]


def make_e1(path: Path) -> Path:
    """分野 merged down the left; 実績値 merged over short era years (R3, R4, R5); 基準値 and 目標値
    over their short era years; 達成率 and 評価 after the target; a note under the table."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "施策評価"
    sheet["A1"] = "施策評価シート（令和6年度実施）"
    sheet["A2"] = "基本目標2　健やかに暮らせるまち　／　施策2-1　健康の保持と増進"
    heads = [(4, 1, "分野"), (4, 2, "指標名"), (4, 3, "単位"), (4, 4, "基準値"), (5, 4, short_era(2020)),
             (4, 5, "実績値"), (5, 5, short_era(2021)), (5, 6, short_era(2022)), (5, 7, short_era(2023)),
             (4, 8, "目標値"), (5, 8, short_era(2025)), (4, 9, "達成率"), (4, 10, "評価")]
    for r, k, text in heads:
        put_cell(sheet, r, k, text, bold=True)
    for k in (1, 2, 3, 9, 10):
        sheet.merge_cells(start_row=4, start_column=k, end_row=5, end_column=k)
    sheet.merge_cells(start_row=4, start_column=5, end_row=4, end_column=7)
    r = 6
    for field, rows in E1_FIELDS:
        put_cell(sheet, r, 1, field)
        sheet.merge_cells(start_row=r, start_column=1, end_row=r + len(rows) - 1, end_column=1)
        for row, grade in rows:
            name, unit, (b, _), actuals, (t, _) = row
            put_cell(sheet, r, 2, name)
            put_cell(sheet, r, 3, unit)
            for k, value in enumerate([b, *(v for _, v in actuals), t], start=4):
                put_cell(sheet, r, k, value, number_format(value))
            put_cell(sheet, r, 9, achieved(row))
            put_cell(sheet, r, 10, grade)
            r += 1
    sheet.cell(r + 1, 1, "※達成率＝令和5年度実績÷目標値")
    sheet.cell(r + 2, 1, "※評価　A：目標達成　B：概ね順調　C：遅れ")
    column_widths(sheet, [10, 30, 6, 9, 9, 9, 9, 9, 9, 6])
    landscape_sheet(sheet)
    sheet.page_setup.orientation = "portrait"
    book.save(str(path))
    return path


E2_KINDS: list[tuple[str, list[Row]]] = [
    ("活動指標", [
        ("食材提供の延べ回数", "回", (36, 2018), [(2021, 44), (2022, 52), (2023, 61)], (72, 2026)),
        ("協力事業者の登録数", "事業者", (12, 2018), [(2021, 19), (2022, 23), (2023, 28)], (35, 2026)),
    ]),
    ("成果指標", [
        ("子ども食堂の利用者数", "人", (3410, 2018), [(2021, 4122), (2022, 5268), (2023, 6045)], (7000, 2026)),
        ("利用者アンケートで満足と答えた割合", "%", (78.5, 2018), [(2021, 80.2), (2022, 83.6), (2023, 85.1)], (90.0, 2026)),
    ]),
]
E2_ROWS: list[Row] = [row for _, rows in E2_KINDS for row in rows]
E2_MONEY = [("総事業費", [8420, 9115, 9873]), ("うち一般財源", [4210, 4388, 4962])]


def make_e2(path: Path) -> Path:
    """A project sheet: labels left of values, then 活動指標 and 成果指標 merged down the left over
    their rows and 事業費 over two money rows in 千円 with figures in the year columns only."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "事務事業評価"
    sheet["A1"] = "事務事業評価表（令和5年度実績）"
    for r, (label, value) in enumerate([("事業名", "子どもの居場所づくり支援事業"), ("所管課", "こども未来課"),
                                        ("事業の目的", "地域の子どもが安心して過ごせる場を増やす。")], start=3):
        put_cell(sheet, r, 1, label, bold=True)
        put_cell(sheet, r, 2, value)
        sheet.merge_cells(start_row=r, start_column=2, end_row=r, end_column=8)
    heads = ["区分", "指標名", "単位", f"基準値\n（{era(2018)}）", era(2021), era(2022), era(2023), f"目標値\n（{era(2026)}）"]
    for k, text in enumerate(heads, start=1):
        put_cell(sheet, 7, k, text, bold=True)
    sheet.row_dimensions[7].height = 30
    r = 8
    for kind, rows in E2_KINDS:
        put_cell(sheet, r, 1, kind)
        sheet.merge_cells(start_row=r, start_column=1, end_row=r + len(rows) - 1, end_column=1)
        for name, unit, (b, _), actuals, (t, _) in rows:
            for k, value in enumerate([name, unit, b, *(v for _, v in actuals), t], start=2):
                put_cell(sheet, r, k, value, number_format(value) if k > 3 else None)
            r += 1
    put_cell(sheet, r, 1, "事業費")
    sheet.merge_cells(start_row=r, start_column=1, end_row=r + len(E2_MONEY) - 1, end_column=1)
    for label, money in E2_MONEY:
        for k, value in enumerate([label, "千円", None, *money, None], start=2):
            put_cell(sheet, r, k, value, number_format(value) if isinstance(value, int) else None)
        r += 1
    column_widths(sheet, [10, 32, 8, 12, 11, 11, 11, 12])
    landscape_sheet(sheet)
    book.save(str(path))
    return path


E3_FIRST: list[Row] = [
    ("市内観光施設の入込客数", "千人", (1284, 2018), [(2022, 903), (2023, 1166)], (1400, 2027)),
    ("観光案内所の利用件数", "件", (15730, 2018), [(2022, 9844), (2023, 13208)], (17000, 2027)),
    ("宿泊施設の客室稼働率", "%", (68.2, 2018), [(2022, 51.7), (2023, 63.5)], (72.0, 2027)),
]
E3_SECOND: list[Row] = [
    ("ふるさと納税の寄附件数", "件", (2860, 2017), [(2018, 3912), (2019, 4475), (2020, 5630)], (5000, 2022)),
    ("特産品認証の登録品目数", "品目", (31, 2017), [(2018, 34), (2019, 38), (2020, 41)], (45, 2022)),
]
E3_ROWS: list[Row] = E3_FIRST + E3_SECOND


def make_e3(path: Path) -> Path:
    """Two tables on one sheet, each under a numbered title and over a note: the first with 基準年度
    and 目標年度 columns holding short era years, the second (the former plan) in 平成 years."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "観光"
    sheet["A1"] = "表1　観光振興計画の成果指標"
    heads = ["指標名", "単位", "基準年度", "基準値", f"{short_era(2022)}実績", f"{short_era(2023)}実績", "目標年度", "目標値"]
    for k, text in enumerate(heads, start=1):
        put_cell(sheet, 2, k, text, bold=True)
    r = 3
    for name, unit, (b, by), actuals, (t, ty) in E3_FIRST:
        values = [name, unit, short_era(by), b, *(v for _, v in actuals), short_era(ty), t]
        for k, value in enumerate(values, start=1):
            put_cell(sheet, r, k, value, number_format(value) if k in (4, 5, 6, 8) else None)
        r += 1
    sheet.cell(r, 1, "注）入込客数は主要12施設の合計")
    r += 2
    sheet.cell(r, 1, "表2　前計画（平成29年度～令和4年度）の成果指標")
    r += 1
    heads = ["指標名", "単位", f"基準値\n（{era(2017)}）", *(era(y) for y, _ in E3_SECOND[0][3]), f"目標値\n（{era(2022)}）"]
    for k, text in enumerate(heads, start=1):
        put_cell(sheet, r, k, text, bold=True)
    sheet.row_dimensions[r].height = 30
    for name, unit, (b, _), actuals, (t, _) in E3_SECOND:
        r += 1
        for k, value in enumerate([name, unit, b, *(v for _, v in actuals), t], start=1):
            put_cell(sheet, r, k, value, number_format(value) if k > 2 else None)
    sheet.cell(r + 1, 1, "注）寄附件数は各年度の受付件数")
    column_widths(sheet, [28, 6, 12, 11, 11, 11, 12, 11])
    landscape_sheet(sheet)
    sheet.page_setup.orientation = "portrait"
    book.save(str(path))
    return path


E4_YEARS = (2020, 2021, 2022, 2023, 2024)
# per indicator: name, unit, (baseline, year), [(planned, actual) per year], (final target, year)
E4_GRID: list[tuple[str, str, tuple[float, int], list[tuple[float, float]], tuple[float, int]]] = [
    ("コミュニティバスの年間利用者数", "人", (182450, 2019), [(185000, 121306), (188000, 139870), (191000, 160224),
                                                    (194000, 178915), (197000, 188402)], (200000, 2025)),
    ("自転車駐車場の利用率", "%", (71.8, 2019), [(73.0, 62.4), (74.0, 66.9), (75.0, 70.3), (76.0, 73.8), (77.0, 75.2)], (78.0, 2025)),
    ("バス停上屋の設置基数", "基", (46, 2019), [(49, 48), (52, 51), (55, 55), (58, 57), (61, 62)], (64, 2025)),
    ("交通安全教室の受講者数", "人", (8735, 2019), [(9000, 3120), (9200, 6455), (9400, 8860), (9600, 9412), (9800, 9954)], (10000, 2025)),
    ("道路照明灯のLED化率", "%", (38.5, 2019), [(45.0, 44.1), (55.0, 53.6), (65.0, 66.2), (75.0, 74.9), (85.0, 86.3)], (100.0, 2025)),
]
E4_ROWS: list[Row] = [(n, u, b, [(y, a) for y, (_, a) in zip(E4_YEARS, grid)], t) for n, u, b, grid, t in E4_GRID]


def make_e4(path: Path) -> Path:
    """A landscape sheet: each indicator's number, name, unit, baseline and final target merged over
    a 目標 row and a 実績 row; five years as columns."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "交通"
    sheet["A1"] = "施策5-3　公共交通と交通安全　指標の進捗状況"
    last = 6 + len(E4_YEARS)
    heads = ["No.", "指標名", "単位", f"基準値\n（{era(2019)}）", "区分", *(era(y) for y in E4_YEARS), f"最終目標\n（{era(2025)}）"]
    for k, text in enumerate(heads, start=1):
        put_cell(sheet, 3, k, text, bold=True)
    sheet.row_dimensions[3].height = 30
    r = 4
    for number, (name, unit, (b, _), grid, (t, _)) in enumerate(E4_GRID, start=1):
        for k, value in ((1, number), (2, name), (3, unit), (4, b), (last, t)):
            put_cell(sheet, r, k, value, number_format(value) if k in (4, last) else None)
            put_cell(sheet, r + 1, k, None)
            sheet.merge_cells(start_row=r, start_column=k, end_row=r + 1, end_column=k)
        put_cell(sheet, r, 5, "目標")
        put_cell(sheet, r + 1, 5, "実績")
        for k, (planned, actual) in enumerate(grid, start=6):
            put_cell(sheet, r, k, planned, number_format(planned))
            put_cell(sheet, r + 1, k, actual, number_format(actual))
        r += 2
    column_widths(sheet, [5, 30, 6, 12, 6, *([11] * len(E4_YEARS)), 12])
    landscape_sheet(sheet)
    book.save(str(path))
    return path


E5_ROWS_GRADED: list[tuple[Row, str, str]] = [
    (("認知症サポーター養成講座の受講者数", "人", (10420, 2020), [(2021, 10988), (2022, 11630), (2023, 12405)], (14000, 2026)), "↑", "順調"),
    (("介護予防教室の参加実人数", "人", (1236, 2020), [(2021, 874), (2022, 1011), (2023, 1187)], (1500, 2026)), "↑", "やや遅れ"),
    (("要介護認定を受けていない高齢者の割合", "%", (82.6, 2020), [(2021, 82.4), (2022, 82.1), (2023, 82.3)], (83.0, 2026)), "→", "順調"),
    (("地域包括支援センターの相談件数", "件", (9518, 2020), [(2021, 10246), (2022, 11873), (2023, 12650)], (12000, 2026)), "↑", "達成"),
]
E5_ROWS: list[Row] = [row for row, _, _ in E5_ROWS_GRADED]


def make_e5(path: Path) -> Path:
    """A measure's evaluation form: label cells above, then an indicator table in western fiscal
    years (``2021年度``) with a 方向性 arrow column and a worded 評価, then a merged reason box."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "高齢福祉"
    sheet["A1"] = "施策評価表"
    for r, (label, value) in enumerate([("施策名", "3-4　高齢者が安心して暮らせる地域づくり"), ("主管課", "高齢福祉課"),
                                        ("総合評価", "B")], start=2):
        put_cell(sheet, r, 1, label, bold=True)
        put_cell(sheet, r, 2, value)
        sheet.merge_cells(start_row=r, start_column=2, end_row=r, end_column=9)
    heads = ["成果指標", "単位", "方向性", f"基準値\n（{western(2020)}）", *(western(y) for y, _ in E5_ROWS[0][3]),
             f"目標値\n（{western(2026)}）", "評価"]
    for k, text in enumerate(heads, start=1):
        put_cell(sheet, 6, k, text, bold=True)
    sheet.row_dimensions[6].height = 30
    r = 7
    for (name, unit, (b, _), actuals, (t, _)), arrow, grade in E5_ROWS_GRADED:
        for k, value in enumerate([name, unit, arrow, b, *(v for _, v in actuals), t, grade], start=1):
            put_cell(sheet, r, k, value, number_format(value) if 4 <= k <= 8 else None)
        r += 1
    put_cell(sheet, r + 1, 1, "評価の理由", bold=True)
    put_cell(sheet, r + 1, 2, "講座の受講者は増えているが、教室の参加者は以前の水準に戻っていない。")
    sheet.merge_cells(start_row=r + 1, start_column=2, end_row=r + 1, end_column=9)
    column_widths(sheet, [32, 6, 7, 12, 10, 10, 10, 12, 9])
    landscape_sheet(sheet)
    sheet.page_setup.orientation = "portrait"
    book.save(str(path))
    return path


# --- Word ----------------------------------------------------------------------------------------

W1_YEARS = (2021, 2022, 2023)
W1_GRID: list[tuple[str, str, tuple[float, int], list[tuple[float, float]], tuple[float, int]]] = [
    ("ごみの資源化率", "%", (21.4, 2020), [(22.0, 21.8), (23.0, 22.6), (24.0, 23.1)], (26.0, 2025)),
    ("市民一人一日当たりのごみ排出量", "g", (874, 2020), [(860, 868), (845, 851), (830, 839)], (800, 2025)),
    ("環境学習講座の参加者数", "人", (415, 2020), [(450, 287), (500, 462), (550, 571)], (600, 2025)),
    ("公共施設の太陽光発電設備の設置数", "施設", (18, 2020), [(20, 20), (22, 21), (24, 25)], (28, 2025)),
]
W1_ROWS: list[Row] = [(n, u, b, [(y, a) for y, (_, a) in zip(W1_YEARS, grid)], t) for n, u, b, grid, t in W1_GRID]


def make_w1(path: Path) -> Path:
    """A Word table: each indicator's name, unit, baseline and target merged (``vMerge``) over a 目標
    row and a 実績 row; the years as columns."""
    document = word_document()
    document.add_heading("施策4-2　循環型社会の形成", level=1)
    document.add_paragraph("成果指標の目標と実績")
    rows: list[list[str | None]] = [["指標名", "単位", f"基準値\n（{era(2020)}）", "区分", *(era(y) for y in W1_YEARS),
                                     f"目標値\n（{era(2025)}）"]]
    merges = []
    for name, unit, (b, _), grid, (t, _) in W1_GRID:
        top = len(rows)
        rows.append([name, unit, printed(b), "目標", *(printed(p) for p, _ in grid), printed(t)])
        rows.append([None, None, None, "実績", *(printed(a) for _, a in grid), None])
        merges += [(top, k, top + 1, k) for k in (0, 1, 2, 7)]
    merged_table(document, rows, merges, [5.0, 1.3, 2.2, 1.3, 2.0, 2.0, 2.0, 2.2])
    document.save(str(path))
    return path


W2_FIELDS: list[tuple[str, list[tuple[Row, str]]]] = [
    ("学校教育", [
        (("全国学力調査で平均を上回った教科の割合", "%", (50.0, 2018), [(2019, 50.0), (2020, 40.0), (2021, 60.0), (2022, 60.0), (2023, 80.0)], (100.0, 2025)), "B"),
        (("ICT支援員の配置校数", "校", (4, 2018), [(2019, 6), (2020, 11), (2021, 17), (2022, 17), (2023, 17)], (17, 2025)), "A"),
    ]),
    ("生涯学習", [
        (("市民講座の延べ受講者数", "人", (12850, 2018), [(2019, 12433), (2020, 5206), (2021, 7918), (2022, 10345), (2023, 11780)], (14000, 2025)), "C"),
        (("図書館の年間来館者数", "人", (286400, 2018), [(2019, 279118), (2020, 164230), (2021, 198572), (2022, 241905), (2023, 266310)], (300000, 2025)), "B"),
    ]),
    ("スポーツ", [
        (("週1回以上運動する成人の割合", "%", (41.2, 2018), [(2019, 42.5), (2020, 39.8), (2021, 43.6), (2022, 45.1), (2023, 46.9)], (55.0, 2025)), "B"),
        (("総合体育館の利用者数", "人", (158730, 2018), [(2019, 154662), (2020, 88410), (2021, 117235), (2022, 139804), (2023, 151276)], (170000, 2025)), "B"),
    ]),
]
W2_ROWS: list[Row] = [row for _, rows in W2_FIELDS for row, _ in rows]


def make_w2(path: Path) -> Path:
    """A landscape Word table: 分野 merged (``vMerge``) down the left, a two-row header with 実績値
    spanning five short era years, 基準値 and 目標値 over their short era years, an 評価 column."""
    document = word_document()
    landscape_word(document)
    document.add_heading("基本目標3　学びと生きがいのまち　成果指標一覧", level=1)
    years = [y for y, _ in W2_ROWS[0][3]]
    rows: list[list[str | None]] = [
        ["分野", "指標名", "単位", "基準値", "実績値", None, None, None, None, "目標値", "評価"],
        [None, None, None, short_era(2018), *(short_era(y) for y in years), short_era(2025), None],
    ]
    merges = [(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 1, 2), (0, 4, 0, 8), (0, 10, 1, 10)]
    for field, graded in W2_FIELDS:
        merges.append((len(rows), 0, len(rows) + len(graded) - 1, 0))
        for k, ((name, unit, (b, _), actuals, (t, _)), grade) in enumerate(graded):
            rows.append([field if k == 0 else None, name, unit, printed(b), *(printed(v) for _, v in actuals), printed(t), grade])
    merged_table(document, rows, merges, [2.2, 6.4, 1.2, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 1.2])
    document.add_paragraph("※評価　A：目標を達成　B：目標に向け前進　C：基準値を下回る")
    document.save(str(path))
    return path


W3_MEASURES: list[tuple[str, str, list[Row], list[tuple[str, list[int]]]]] = [
    ("施策1-3　農業の担い手の確保", "新規就農者の定着と農地の集約を進める。", [
        ("新規就農者数（累計）", "人", (14, 2022), [(2023, 19)], (40, 2028)),
        ("担い手への農地集積率", "%", (36.8, 2022), [(2023, 38.1)], (50.0, 2028)),
    ], [("事業費（千円）", [15230, 16804, 17120]), ("うち一般財源（千円）", [6115, 6470, 7032])]),
    ("施策1-4　森林の保全と活用", "間伐と木材の地元での利用を進める。", [
        ("間伐実施面積", "ha", (126.5, 2022), [(2023, 131.2)], (160.0, 2028)),
        ("市産材を使った公共施設の数", "施設", (3, 2022), [(2023, 5)], (12, 2028)),
    ], [("事業費（千円）", [28450, 30116, 29870]), ("うち一般財源（千円）", [9803, 10245, 11012])]),
]
W3_ROWS: list[Row] = [row for _, _, rows, _ in W3_MEASURES for row in rows]


def make_w3(path: Path) -> Path:
    """A page per measure: a heading, a sentence, the indicator table, a note, then a money table of
    the same years in 千円 (no indicators)."""
    document = word_document()
    for k, (heading, sentence, rows, money) in enumerate(W3_MEASURES):
        if k:
            document.add_page_break()
        document.add_heading(heading, level=1)
        document.add_paragraph(sentence)
        document.add_paragraph("（1）成果指標")
        table: list[list[str | None]] = [["指標名", "単位", f"現状値\n（{era(2022)}）", f"{era(2023)}\n実績", f"目標値\n（{era(2028)}）"]]
        table += [[name, unit, printed(b), printed(actuals[0][1]), printed(t)] for name, unit, (b, _), actuals, (t, _) in rows]
        merged_table(document, table, [], [6.5, 1.4, 2.6, 2.4, 2.6])
        document.add_paragraph("※累計は計画期間の始まりからの合計")
        document.add_paragraph("（2）事業費の推移")
        costs: list[list[str | None]] = [["区分", era(2022), era(2023), era(2024)]]
        costs += [[label, *(printed(v) for v in values)] for label, values in money]
        merged_table(document, costs, [], [5.0, 3.0, 3.0, 3.0])
    document.save(str(path))
    return path


W4_ROWS: list[Row] = [
    ("消防団の条例定数に対する充足率", "%", (86.4, 2020), [(2021, 85.9), (2022, 84.7), (2023, 85.2)], (95.0, 2026)),
    ("住宅用火災警報器の設置率", "%", (79.3, 2020), [(2021, 80.6), (2022, 81.8), (2023, 82.5)], (90.0, 2026)),
    ("救命講習の修了者数", "人", (1874, 2020), [(2021, 612), (2022, 1205), (2023, 1733)], (2400, 2026)),
    ("防災行政無線の戸別受信機の貸与数", "台", (2230, 2020), [(2021, 2395), (2022, 2518), (2023, 2674)], (3000, 2026)),
    ("避難所の備蓄食料の確保率", "%", (72.0, 2020), [(2021, 78.5), (2022, 84.0), (2023, 91.5)], (100.0, 2026)),
]


def make_w4(path: Path) -> Path:
    """A Word table whose indicator names are rows spanning the width (``gridSpan``), each over one
    row of figures under a header of 単位, 基準値, three years of 実績 and 目標値."""
    document = word_document()
    document.add_heading("施策6-2　消防・防災体制の充実", level=1)
    years = [y for y, _ in W4_ROWS[0][3]]
    rows: list[list[str | None]] = [["単位", f"基準値\n（{era(2020)}）", *(f"{era(y)}\n実績" for y in years), f"目標値\n（{era(2026)}）"]]
    merges = []
    for number, (name, unit, (b, _), actuals, (t, _)) in enumerate(W4_ROWS, start=1):
        merges.append((len(rows), 0, len(rows), 5))
        rows.append([f"指標{number}　{name}", None, None, None, None, None])
        rows.append([unit, printed(b), *(printed(v) for _, v in actuals), printed(t)])
    merged_table(document, rows, merges, [2.0, 2.8, 2.6, 2.6, 2.6, 2.8])
    document.save(str(path))
    return path


W5_TABLES: list[tuple[str, int, tuple[int, int], int, list[Row], str]] = [
    ("基本目標1　働く場をつくる", 2019, (2022, 2023), 2027, [
        ("企業立地件数（累計）", "件", (3, 2019), [(2022, 7), (2023, 9)], (15, 2027)),
        ("市内の有効求人倍率", "倍", (1.21, 2019), [(2022, 1.08), (2023, 1.15)], (1.3, 2027)),
    ], "注：有効求人倍率は公共職業安定所の管内の数値"),
    ("基本目標2　住み続けたいまちをつくる", 2021, (2022, 2023), 2027, [
        ("転入者数", "人", (3925, 2021), [(2022, 4018), (2023, 4152)], (4500, 2027)),
        ("空き家バンクの成約件数", "件", (8, 2021), [(2022, 13), (2023, 17)], (30, 2027)),
        ("住み続けたいと思う市民の割合", "%", (76.4, 2021), [(2022, 77.0), (2023, 78.9)], (85.0, 2027)),
    ], "注：市民の割合は毎年の市民意識調査による"),
]
W5_ROWS: list[Row] = [row for *_, rows, _ in W5_TABLES for row in rows]


def make_w5(path: Path) -> Path:
    """Two Word tables on one page, each under a caption paragraph and over a note, with 達成率 after
    the target; the two tables have other baseline years."""
    document = word_document()
    document.add_heading("総合戦略　重要業績評価指標の状況", level=1)
    for caption, base_year, years, target_year, rows, note in W5_TABLES:
        document.add_paragraph(caption)
        table: list[list[str | None]] = [["指標名", "単位", f"基準値\n（{era(base_year)}）", *(f"{era(y)}" for y in years),
                                          f"目標値\n（{era(target_year)}）", "達成率"]]
        for row in rows:
            name, unit, (b, _), actuals, (t, _) = row
            value = printed if unit != "倍" else (lambda v: f"{v:.2f}")
            table.append([name, unit, value(b), *(value(v) for _, v in actuals), value(t), achieved(row)])
        merged_table(document, table, [], [5.6, 1.2, 2.4, 2.2, 2.2, 2.4, 1.6])
        document.add_paragraph(note)
    document.save(str(path))
    return path


DOCUMENTS: Documents = {
    "p9_e1.xlsx": (make_e1, E1_ROWS),
    "p9_e2.xlsx": (make_e2, E2_ROWS),
    "p9_e3.xlsx": (make_e3, E3_ROWS),
    "p9_e4.xlsx": (make_e4, E4_ROWS),
    "p9_e5.xlsx": (make_e5, E5_ROWS),
    "p9_w1.docx": (make_w1, W1_ROWS),
    "p9_w2.docx": (make_w2, W2_ROWS),
    "p9_w3.docx": (make_w3, W3_ROWS),
    "p9_w4.docx": (make_w4, W4_ROWS),
    "p9_w5.docx": (make_w5, W5_ROWS),
}


def build(directory: Path, names: list[str] | None = None) -> dict[str, Path]:
    """The sources, their PDFs and texts (``name.txt`` plain, ``name.layout.txt``) in ``directory``."""
    return build_rendered(directory, DOCUMENTS, names)


def expected() -> dict[str, list[dict]]:
    return expected_rendered(DOCUMENTS)


if __name__ == "__main__":
    target = Path(sys.argv[1])
    build(target)
    (target / "expected.json").write_text(json.dumps(expected(), ensure_ascii=False, indent=1), encoding="utf-8")
