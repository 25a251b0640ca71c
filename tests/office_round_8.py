"""The eighth blind round of office documents: six Excel workbooks and four Word files made as cities'
staff make them (invented names and figures), printed to PDF by LibreOffice and read three ways: as
the PDF, as plain ``pdftotext`` text and as ``pdftotext -layout`` text.

The layouts hold: an evaluation grid with 目標 and 実績 under each of four years and a final target
apart; a KPI table split by 基本目標 rows merged over the whole width; two tables one above the other
with other years; a landscape sheet with seven year columns too wide for its page, printed over two
pages; names with footnote marks (※1) explained below the table, figures with △ for minus and cells
holding ``－`` or ``集計中``; short era years (``H30``, ``R1``) typed as text in the header; a Word
table with indicators across the columns and a unit row under their names; a Word table whose names
are numbered paragraphs (①②…); a Word form with a small year grid per indicator; a Word table whose
figures carry their unit and their year in the cell.

``python tests/office_round_8.py DIR`` writes the ten sources, their PDFs, the plain and ``-layout``
texts, and ``expected.json`` (for the three renderings) into DIR.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from docmaker import add_numbering, merged_table, set_numbering  # noqa: E402
from office_rounds import Documents, Row, build_rendered, era, expected_rendered, gold, printed, short_era, word_document  # noqa: E402
from office_rounds import column_widths as _widths  # noqa: E402
from office_rounds import landscape_sheet as _landscape  # noqa: E402
from office_rounds import landscape_word as _landscape_word  # noqa: E402
from office_rounds import number_format as _fmt  # noqa: E402
from office_rounds import put_cell as _put  # noqa: E402


def minus(value: float) -> str:
    """A figure as printed with △ for minus."""
    return f"△{printed(-value)}" if value < 0 else printed(value)


# --- Excel ---------------------------------------------------------------------------------------

# per indicator: name, unit, (baseline, year), {year: (planned, actual)}, (final target, year)
E1_YEARS = (2021, 2022, 2023, 2024)
E1_GRID: list[tuple[str, str, tuple[float, int], list[tuple[float, float]], tuple[float, int]]] = [
    ("自主防災組織の結成率", "%", (71.4, 2020), [(73.0, 72.2), (75.0, 74.8), (77.0, 76.1), (79.0, 78.5)], (85.0, 2026)),
    ("防災訓練の延べ参加者数", "人", (5120, 2020), [(5400, 3380), (5700, 4915), (6000, 6240), (6300, 6602)], (7000, 2026)),
    ("避難行動要支援者の個別避難計画作成数", "件", (212, 2020), [(300, 288), (400, 371), (500, 506), (600, 615)], (900, 2026)),
    ("防災メール登録者数", "人", (18430, 2020), [(19000, 19212), (20000, 20377), (21000, 21455), (22000, 22318)], (25000, 2026)),
]
E1_ROWS: list[Row] = [(n, u, b, [(y, a) for y, (_, a) in zip(E1_YEARS, grid)], t) for n, u, b, grid, t in E1_GRID]


def make_e1(path: Path) -> Path:
    """An evaluation grid: each year over 目標 and 実績 (two-row header), 基準値 and 最終目標 with their
    years in the header cell, a unit column."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "防災"
    sheet["A1"] = "施策4-1 地域防災力の向上　施策評価シート（成果指標）"
    last = 4 + 2 * len(E1_YEARS)
    heads = [(3, 1, "成果指標"), (3, 2, "単位"), (3, 3, f"基準値\n（{era(2020)}）"), (3, last, f"最終目標\n（{era(2026)}）")]
    for k, year in enumerate(E1_YEARS):
        heads += [(3, 4 + 2 * k, era(year)), (4, 4 + 2 * k, "目標"), (4, 5 + 2 * k, "実績")]
    for r, k, text in heads:
        _put(sheet, r, k, text, bold=True)
    for k in (1, 2, 3, last):
        sheet.merge_cells(start_row=3, start_column=k, end_row=4, end_column=k)
    for k in range(len(E1_YEARS)):
        sheet.merge_cells(start_row=3, start_column=4 + 2 * k, end_row=3, end_column=5 + 2 * k)
    for r, (name, unit, (b, _), grid, (t, _)) in enumerate(E1_GRID, start=5):
        _put(sheet, r, 1, name)
        _put(sheet, r, 2, unit)
        _put(sheet, r, 3, b, _fmt(b))
        for k, (planned, actual) in enumerate(grid):
            _put(sheet, r, 4 + 2 * k, planned, _fmt(planned))
            _put(sheet, r, 5 + 2 * k, actual, _fmt(actual))
        _put(sheet, r, last, t, _fmt(t))
    _widths(sheet, [28, 6, 11, *([9] * (2 * len(E1_YEARS))), 11])
    _landscape(sheet)
    book.save(str(path))
    return path


E2_GROUPS: list[tuple[str, list[Row]]] = [
    ("基本目標1　しごとをつくり、安心して働けるまちをつくる", [
        ("市の支援による新規就業者数", "人", (48, 2019), [(2023, 61), (2024, 66)], (90, 2027)),
        ("市内事業所の従業者数", "人", (33420, 2021), [(2023, 33910), (2024, 34102)], (35000, 2027)),
    ]),
    ("基本目標2　新しいひとの流れをつくる", [
        ("移住相談窓口を通じた移住者数", "人", (17, 2020), [(2023, 29), (2024, 34)], (50, 2027)),
        ("関係人口登録者数", "人", (260, 2021), [(2023, 512), (2024, 677)], (1000, 2027)),
        ("市公式SNSのフォロワー数", "人", (8150, 2021), [(2023, 12840), (2024, 14505)], (20000, 2027)),
    ]),
    ("基本目標3　結婚・出産・子育ての希望をかなえる", [
        ("子育て支援に満足している保護者の割合", "%", (54.6, 2020), [(2023, 58.3), (2024, 60.1)], (65.0, 2027)),
        ("出会い応援イベントの参加者数", "人", (96, 2019), [(2023, 124), (2024, 141)], (200, 2027)),
    ]),
]
E2_ROWS: list[Row] = [row for _, rows in E2_GROUPS for row in rows]


def make_e2(path: Path) -> Path:
    """A KPI table whose 基本目標 rows are merged over the whole width; a 基準年度 column of era years,
    the target's year in its header cell, a running number column."""
    import openpyxl
    from openpyxl.styles import PatternFill

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "KPI"
    sheet["A1"] = "第2期まち・ひと・しごと創生総合戦略　重要業績評価指標（KPI）の状況"
    heads = ["No.", "重要業績評価指標（KPI）", "単位", "基準値", "基準年度", f"{era(2023)}\n実績", f"{era(2024)}\n実績",
             f"目標値\n（{era(2027)}）"]
    for k, text in enumerate(heads, start=1):
        _put(sheet, 3, k, text, bold=True)
    sheet.row_dimensions[3].height = 30
    r, number = 4, 1
    for heading, rows in E2_GROUPS:
        cell = _put(sheet, r, 1, heading)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        for k in range(2, len(heads) + 1):
            _put(sheet, r, k, None)
        sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(heads))
        r += 1
        for name, unit, (b, by), actuals, (t, _) in rows:
            values = [number, name, unit, b, era(by), *(v for _, v in actuals), t]
            for k, value in enumerate(values, start=1):
                _put(sheet, r, k, value, _fmt(value) if k in (4, 6, 7, 8) else None)
            r, number = r + 1, number + 1
    _widths(sheet, [5, 34, 6, 10, 12, 11, 11, 12])
    _landscape(sheet)
    book.save(str(path))
    return path


E3_TABLES: list[tuple[str, int, tuple[int, int], int, list[Row]]] = [
    ("施策1-1 農業の振興", 2019, (2021, 2022), 2025, [
        ("認定農業者数", "経営体", (142, 2019), [(2021, 138), (2022, 145)], (160, 2025)),
        ("農産物直売所の年間売上額", "百万円", (412.5, 2019), [(2021, 438.0), (2022, 455.7)], (500.0, 2025)),
        ("遊休農地の解消面積", "ha", (3.2, 2019), [(2021, 4.1), (2022, 5.6)], (10.0, 2025)),
    ]),
    ("施策1-2 商工業の振興", 2021, (2023, 2024), 2028, [
        ("創業支援による新規開業数", "件", (12, 2021), [(2023, 15), (2024, 19)], (25, 2028)),
        ("中心商店街の空き店舗率", "%", (18.9, 2021), [(2023, 17.4), (2024, 16.2)], (12.0, 2028)),
    ]),
]
E3_ROWS: list[Row] = [row for *_, rows in E3_TABLES for row in rows]


def make_e3(path: Path) -> Path:
    """Two tables one above the other on one sheet, each with its own years in a one-row header
    (``基準値（平成31年度）``, ``令和3年度実績``, ``目標値（令和7年度）``)."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "産業"
    r = 1
    for heading, base_year, years, target_year, rows in E3_TABLES:
        sheet.cell(r, 1, heading)
        heads = ["指標名", "単位", f"基準値（{era(base_year)}）", *(f"{era(y)}実績" for y in years), f"目標値（{era(target_year)}）"]
        for k, text in enumerate(heads, start=1):
            _put(sheet, r + 1, k, text, bold=True)
        for n, (name, unit, (b, _), actuals, (t, _)) in enumerate(rows, start=r + 2):
            for k, value in enumerate([name, unit, b, *(v for _, v in actuals), t], start=1):
                _put(sheet, n, k, value, _fmt(value) if k > 2 else None)
        r += len(rows) + 4
    _widths(sheet, [30, 8, 16, 14, 14, 16])
    _landscape(sheet)
    book.save(str(path))
    return path


E4_YEARS = tuple(range(2019, 2026))
E4_ROWS: list[Row] = [
    ("市民体育館の年間利用者数", "人", (98410, 2018), list(zip(E4_YEARS, (95120, 41280, 55630, 78210, 90044, 97765, 101230))), (110000, 2027)),
    ("総合型地域スポーツクラブの会員数", "人", (1312, 2018), list(zip(E4_YEARS, (1290, 1105, 1148, 1203, 1266, 1334, 1381))), (1600, 2027)),
    ("週1回以上運動する成人の割合", "%", (44.2, 2018), list(zip(E4_YEARS, (45.0, 43.7, 46.1, 47.9, 48.8, 50.2, 51.0))), (60.0, 2027)),
    ("スポーツ大会の誘致件数", "件", (8, 2018), list(zip(E4_YEARS, (9, 1, 3, 6, 10, 11, 12))), (15, 2027)),
]


def make_e4(path: Path) -> Path:
    """A landscape sheet with seven actual years between 基準値 and 目標値, wide columns and no fit to
    the page: LibreOffice prints its right columns on a second page without the names."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "スポーツ"
    sheet["A1"] = "施策6-4 スポーツの推進　成果指標の推移"
    heads = ["指標名", "単位", f"基準値\n{era(2018)}", *(f"{era(y)}\n実績" for y in E4_YEARS), f"目標値\n{era(2027)}"]
    for k, text in enumerate(heads, start=1):
        _put(sheet, 3, k, text, bold=True)
    for r, (name, unit, (b, _), actuals, (t, _)) in enumerate(E4_ROWS, start=4):
        for k, value in enumerate([name, unit, b, *(v for _, v in actuals), t], start=1):
            _put(sheet, r, k, value, _fmt(value) if k > 2 else None)
    sheet.row_dimensions[3].height = 30
    _widths(sheet, [34, 7, 14, *([14] * len(E4_YEARS)), 14])
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    book.save(str(path))
    return path


# figures as printed: △ for minus, "－" and "集計中" for years without a figure (left out of the gold)
E5_PRINTED: list[tuple[str, str, str, list[str], str]] = [
    ("社会増減数※1", "人", "△312", ["△145", "28"], "100"),
    ("合計特殊出生率※2", "－", "1.32", ["1.29", "集計中"], "1.45"),
    ("市内での新規創業件数", "件", "21", ["－", "30"], "40"),
    ("市民活動団体の登録数※3", "団体", "118", ["124", "131"], "150"),
    ("人口の自然増減数", "人", "△604", ["△688", "集計中"], "△500"),
]
E5_ROWS: list[Row] = [
    ("社会増減数", "人", (-312, 2022), [(2023, -145), (2024, 28)], (100, 2028)),
    ("合計特殊出生率", "", (1.32, 2022), [(2023, 1.29)], (1.45, 2028)),
    ("市内での新規創業件数", "件", (21, 2022), [(2024, 30)], (40, 2028)),
    ("市民活動団体の登録数", "団体", (118, 2022), [(2023, 124), (2024, 131)], (150, 2028)),
    ("人口の自然増減数", "人", (-604, 2022), [(2023, -688)], (-500, 2028)),
]
E5_NOTES = [
    "※1 転入者数から転出者数を差し引いた数（住民基本台帳による）",
    "※2 15歳から49歳までの女性の年齢別出生率の合計",
    "※3 市民活動支援センターに登録している団体の数",
    "注）△はマイナスを示す。「－」は実績のない年度、「集計中」は公表前の年度を示す。",
]


def make_e5(path: Path) -> Path:
    """Names with footnote marks (※1) whose notes follow the table, figures typed as text with △
    for minus, ``－`` and ``集計中`` in place of figures, a ``－`` unit for a ratio."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "人口"
    sheet["A1"] = "施策1-3 人口減少対策の推進"
    heads = ["成果指標", "単位", f"基準値\n（{era(2022)}）", f"{era(2023)}", f"{era(2024)}", f"目標値\n（{era(2028)}）"]
    for k, text in enumerate(heads, start=1):
        _put(sheet, 3, k, text, bold=True)
    sheet.row_dimensions[3].height = 30
    for r, (name, unit, b, actuals, t) in enumerate(E5_PRINTED, start=4):
        for k, value in enumerate([name, unit, b, *actuals, t], start=1):
            cell = _put(sheet, r, k, value)
            cell.number_format = "@"
    for n, note in enumerate(E5_NOTES, start=4 + len(E5_PRINTED) + 1):
        sheet.cell(n, 1, note)
    _widths(sheet, [30, 7, 12, 12, 12, 12])
    _landscape(sheet)
    book.save(str(path))
    return path


E6_ROWS: list[Row] = [
    ("河川の水質環境基準の達成率", "%", (83.3, 2018), [(2019, 83.3), (2020, 91.7), (2021, 91.7), (2022, 100.0)], (100.0, 2026)),
    ("住宅用太陽光発電設備の設置件数", "件", (2140, 2018), [(2019, 2298), (2020, 2455), (2021, 2631), (2022, 2790)], (3500, 2026)),
    ("市域の温室効果ガス排出量", "千t-CO2", (612.4, 2018), [(2019, 598.0), (2020, 571.3), (2021, 580.9), (2022, 566.2)], (480.0, 2026)),
    ("環境美化ボランティアの登録者数", "人", (1475, 2018), [(2019, 1502), (2020, 1288), (2021, 1340), (2022, 1466)], (1800, 2026)),
]


def make_e6(path: Path) -> Path:
    """Short era years typed as text in the header cells (``H30``, ``R1``…), 基準値 and 実績値 and
    目標値 merged over them in the row above."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "環境"
    sheet["A1"] = "基本施策3-2 良好な環境の保全"
    years = [y for y, _ in E6_ROWS[0][3]]
    heads = [(3, 1, "指標"), (3, 2, "単位"), (3, 3, "基準値"), (3, 4, "実績値"), (3, 4 + len(years), "目標値")]
    heads += [(4, 3, short_era(2018))] + [(4, 4 + k, short_era(y)) for k, y in enumerate(years)]
    heads += [(4, 4 + len(years), short_era(2026))]
    for r, k, text in heads:
        _put(sheet, r, k, text, bold=True).number_format = "@"
    for rng in ("A3:A4", "B3:B4", f"D3:{chr(ord('C') + len(years))}3"):
        sheet.merge_cells(rng)
    for r, (name, unit, (b, _), actuals, (t, _)) in enumerate(E6_ROWS, start=5):
        for k, value in enumerate([name, unit, b, *(v for _, v in actuals), t], start=1):
            _put(sheet, r, k, value, _fmt(value) if k > 2 else None)
    _widths(sheet, [30, 9, 10, 10, 10, 10, 10, 10])
    _landscape(sheet)
    book.save(str(path))
    return path


# --- Word ----------------------------------------------------------------------------------------

W1_ROWS: list[Row] = [
    ("観光入込客数", "千人", (1284, 2019), [(2022, 903), (2023, 1126)], (1400, 2027)),
    ("市内宿泊者数", "人", (72410, 2019), [(2022, 51385), (2023, 66920)], (80000, 2027)),
    ("観光案内所の利用者数", "人", (15830, 2019), [(2022, 9744), (2023, 13208)], (18000, 2027)),
]


def make_w1(path: Path) -> Path:
    """Indicators across the columns, a unit row under their names, the years down the rows
    (基準値 and 目標値 with their years in the row's head cell)."""
    document = word_document()
    document.add_heading("施策3-2 観光の振興", level=1)
    document.add_paragraph("観光に関する成果指標の推移を次に示す。")
    rows: list[list[str | None]] = [["区分", *(name for name, *_ in W1_ROWS)], ["単位", *(unit for _, unit, *_ in W1_ROWS)]]
    rows.append([f"基準値（{era(2019)}）", *(printed(b) for _, _, (b, _), _, _ in W1_ROWS)])
    for k, year in enumerate((2022, 2023)):
        rows.append([f"{era(year)}実績", *(printed(actuals[k][1]) for _, _, _, actuals, _ in W1_ROWS)])
    rows.append([f"目標値（{era(2027)}）", *(printed(t) for *_, (t, _) in W1_ROWS)])
    merged_table(document, rows, [], [4.2, 4.0, 4.0, 4.0])
    document.save(str(path))
    return path


W2_ROWS: list[Row] = [
    ("特定健康診査の受診率", "%", (38.6, 2022), [(2023, 39.9), (2024, 41.2)], (50.0, 2029)),
    ("乳がん検診の受診者数", "人", (2815, 2022), [(2023, 2904), (2024, 3057)], (3500, 2029)),
    ("健康づくり推進員の活動回数", "回", (184, 2022), [(2023, 203), (2024, 221)], (260, 2029)),
    ("こころの健康相談の延べ件数", "件", (357, 2022), [(2023, 392), (2024, 418)], (450, 2029)),
]


def make_w2(path: Path) -> Path:
    """A Word table whose names are paragraphs numbered by the document's list (①②…, not typed),
    a unit column, the years in the header cells."""
    document = word_document()
    document.add_heading("施策2-2 健康づくりの推進", level=1)
    circled = add_numbering(document, [("decimalEnclosedCircle", "%1")])
    heads = ["成果指標", "単位", f"現状値\n（{era(2022)}）", f"{era(2023)}", f"{era(2024)}", f"目標値\n（{era(2029)}）"]
    rows: list[list[str | None]] = [heads]
    for name, unit, (b, _), actuals, (t, _) in W2_ROWS:
        rows.append([name, unit, printed(b), *(printed(v) for _, v in actuals), printed(t)])
    table = merged_table(document, rows, [], [6.0, 1.4, 2.4, 2.2, 2.2, 2.4])
    for r in range(1, len(rows)):
        set_numbering(table.cell(r, 0).paragraphs[0], circled)
    document.save(str(path))
    return path


W3_GRID: list[tuple[str, str, tuple[float, int], list[tuple[float, float]], tuple[float, int]]] = [
    ("学校給食における地場産物の使用割合", "%", (28.5, 2020), [(30.0, 29.1), (32.0, 31.8), (34.0, 33.2), (36.0, 35.9)], (40.0, 2026)),
    ("食育講座の参加者数", "人", (640, 2020), [(700, 512), (760, 688), (820, 835), (880, 902)], (1000, 2026)),
    ("朝食を毎日食べる児童の割合", "%", (91.2, 2020), [(92.0, 90.8), (93.0, 91.5), (94.0, 92.7), (95.0, 93.0)], (97.0, 2026)),
]
W3_YEARS = (2021, 2022, 2023, 2024)
W3_ROWS: list[Row] = [(n, u, b, [(y, a) for y, (_, a) in zip(W3_YEARS, grid)], t) for n, u, b, grid, t in W3_GRID]


def make_w3(path: Path) -> Path:
    """A Word form per indicator: its name over the whole width, 基準値 and 目標値 with their years on
    one row, then a year row with 目標 and 実績 rows under it."""
    document = word_document()
    _landscape_word(document)
    document.add_heading("施策5-3 食育の推進　成果指標の状況", level=1)
    for n, (name, unit, (b, by), grid, (t, ty)) in enumerate(W3_GRID, start=1):
        width = 1 + len(W3_YEARS)
        rows: list[list[str | None]] = [
            [f"指標{n}　{name}（単位：{unit}）", *([None] * len(W3_YEARS))],
            ["基準値", f"{printed(b)}（{era(by)}）", None, "目標値", f"{printed(t)}（{era(ty)}）"],
            ["年度", *(era(y) for y in W3_YEARS)],
            ["目標", *(printed(p) for p, _ in grid)],
            ["実績", *(printed(a) for _, a in grid)],
        ]
        merged_table(document, rows, [(0, 0, 0, width - 1), (1, 1, 1, 2)], [3.0, *([4.2] * len(W3_YEARS))])
        document.add_paragraph("")
    document.save(str(path))
    return path


W4_ROWS: list[Row] = [
    ("放課後児童クラブの待機児童数", "人", (37, 2021), [(2023, 22), (2024, 9)], (0, 2027)),
    ("一時預かり事業の延べ利用者数", "人", (4210, 2022), [(2023, 4588), (2024, 4902)], (5500, 2027)),
    ("子育て支援センターの相談件数", "件", (1864, 2020), [(2023, 2015), (2024, 2147)], (2400, 2027)),
    ("病児保育の実施施設数", "施設", (2, 2022), [(2023, 3), (2024, 3)], (5, 2027)),
]


def make_w4(path: Path) -> Path:
    """A Word table with no unit column: each figure carries its unit (``4,210人``), 現状値 and 目標値
    their year in brackets on a second line of the cell; the baselines of different years."""
    document = word_document()
    document.add_heading("施策2-4 子育て支援の充実", level=1)
    heads = ["指標名", "現状値", f"{era(2023)}実績", f"{era(2024)}実績", "目標値"]
    rows: list[list[str | None]] = [heads]
    for name, unit, (b, by), actuals, (t, ty) in W4_ROWS:
        rows.append([name, f"{printed(b)}{unit}\n（{era(by)}）", *(f"{printed(v)}{unit}" for _, v in actuals),
                     f"{printed(t)}{unit}\n（{era(ty)}）"])
    merged_table(document, rows, [], [6.0, 2.8, 2.6, 2.6, 2.8])
    document.save(str(path))
    return path


DOCUMENTS: Documents = {
    "p8_e1.xlsx": (make_e1, E1_ROWS),
    "p8_e2.xlsx": (make_e2, E2_ROWS),
    "p8_e3.xlsx": (make_e3, E3_ROWS),
    "p8_e4.xlsx": (make_e4, E4_ROWS),
    "p8_e5.xlsx": (make_e5, E5_ROWS),
    "p8_e6.xlsx": (make_e6, E6_ROWS),
    "p8_w1.docx": (make_w1, W1_ROWS),
    "p8_w2.docx": (make_w2, W2_ROWS),
    "p8_w3.docx": (make_w3, W3_ROWS),
    "p8_w4.docx": (make_w4, W4_ROWS),
}


def build(directory: Path, names: list[str] | None = None) -> dict[str, Path]:
    """The sources, their PDFs and texts (``name.txt`` plain, ``name.layout.txt``) in ``directory``;
    returns ``name → plain text``."""
    return build_rendered(directory, DOCUMENTS, names)


def expected() -> dict[str, list[dict]]:
    return expected_rendered(DOCUMENTS)


if __name__ == "__main__":
    target = Path(sys.argv[1])
    build(target)
    (target / "expected.json").write_text(json.dumps(expected(), ensure_ascii=False, indent=1), encoding="utf-8")
