"""Documents in layouts cities use that tests/corpus/made.py does not cover, with the figures they hold.

Each builder writes one document (names and figures invented, a fictional city) and returns its
path; ``LAYOUTS`` pairs each with its expected indicators in the format of
``../shared/tools/score-extract``. Word and Excel documents also go through LibreOffice to PDF
(``convert_all``, one LibreOffice run for all of them). Used by tests/test_import_made_layouts.py.

- an Excel sheet with the indicators as columns and the fiscal years as rows (transposed);
- an Excel evaluation form (施策評価シート) with one indicator block after another in the middle of
  the form, labels in merged cells left of the values;
- an Excel sheet whose header years are dates shown as 令和 years (``ggge"年度"``) or numbers shown
  with their era (``"令和"0"年度"``), values with custom formats (``#,##0"人"``, ``0.0"%"``);
- a Word measure page with two tables (成果指標, 活動指標) and a unit column;
- a Word table that runs over a page break with its header row repeated on the next page;
- a Word table whose header is two rows, the fiscal years above the roles;
- a PDF of a ruled indicator table over three pages, its header repeated on each;
- a landscape PDF with two ruled tables side by side.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from docmaker import W_NS, PdfTable, PdfText, make_layout_pdf, merged_table, soffice_to_pdfs

Row = tuple[str, str, tuple[float, int], list[tuple[int, float]], tuple[float, int]]


def gold(rows: list[Row]) -> list[dict]:
    """(name, unit, (baseline, year), [(year, actual)…], (target, year)) in the scorer's format."""
    return [{"name": name, "unit": unit, "baseline": {"value": b, "year": by},
             "actuals": [{"year": y, "value": v} for y, v in actuals], "target": {"value": t, "year": ty}}
            for name, unit, (b, by), actuals, (t, ty) in rows]


def printed(value: float, unit: str = "") -> str:
    """A figure as a city prints it: commas in thousands, decimals kept as given."""
    text = f"{value:,}" if isinstance(value, int) else f"{value:,.1f}"
    return text + unit


# --- (1) Excel, transposed: indicators as columns, fiscal years as rows --------------------------

TRANSPOSED: list[Row] = [
    ("認知症サポーター養成者数", "人", (8420, 2020), [(2021, 9105), (2022, 9870), (2023, 10640)], (13000, 2026)),
    ("地域見守り協定の締結事業者数", "件", (36, 2020), [(2021, 41), (2022, 47), (2023, 52)], (70, 2026)),
    ("地域活動に参加している高齢者の割合", "%", (28.4, 2020), [(2021, 27.9), (2022, 29.6), (2023, 31.2)], (35.0, 2026)),
]


def fit_to_width(sheet, *, landscape: bool = False) -> None:  # type: ignore[no-untyped-def]
    """Print the sheet one page wide, as staff set a sheet before printing it to PDF."""
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def rule(sheet, cells: str) -> None:  # type: ignore[no-untyped-def]
    """Thin rules round every cell of a range."""
    from openpyxl.styles import Border, Side

    thin = Side(style="thin")
    for row in sheet[cells]:
        for cell in row:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)


def transposed_xlsx(path: Path) -> Path:
    import openpyxl

    from openpyxl.styles import Alignment

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "成果指標の推移"
    sheet["A1"] = "施策3 地域福祉の推進　成果指標の推移"
    sheet.append([])
    sheet.append(["年度", "区分", *(f"{name}（{unit}）" for name, unit, *_ in TRANSPOSED)])
    years = [(2020, "基準値"), (2021, "実績値"), (2022, "実績値"), (2023, "実績値"), (2026, "目標値")]
    for year, role in years:
        values = []
        for _, unit, (b, by), actuals, (t, ty) in TRANSPOSED:
            value = b if year == by else t if year == ty else dict(actuals)[year]
            values.append(value / 100 if unit == "%" else value)
        sheet.append([f"令和{year - 2018}年度", role, *values])
    for r in range(4, 9):
        for k, (_, unit, *_rest) in enumerate(TRANSPOSED, start=3):
            sheet.cell(row=r, column=k).number_format = "0.0%" if unit == "%" else "#,##0"
    for r in range(3, 9):
        for k in range(1, 6):
            sheet.cell(row=r, column=k).alignment = Alignment(horizontal="center", wrap_text=True)
    for letter, width in zip("ABCDE", (12, 8, 22, 22, 22)):
        sheet.column_dimensions[letter].width = width
    sheet.row_dimensions[3].height = 45  # the names wrap over three lines
    rule(sheet, "A3:E8")
    fit_to_width(sheet)
    book.save(str(path))
    return path


# --- (2) Excel evaluation form: indicator blocks in the middle of the form -----------------------

FORM: list[Row] = [
    ("自主防災組織の結成率", "%", (78.5, 2020), [(2021, 80.1), (2022, 81.0), (2023, 82.3)], (85.0, 2025)),
    ("防災訓練の年間参加者数", "人", (3150, 2020), [(2021, 1280), (2022, 2460), (2023, 3390)], (4000, 2025)),
    ("家庭で備蓄をしている市民の割合", "%", (46.8, 2020), [(2021, 49.5), (2022, 52.0), (2023, 55.1)], (60.0, 2025)),
]


def form_xlsx(path: Path) -> Path:
    """A 施策評価シート: title, measure, department, then for each indicator a block whose label
    (成果指標①…) is merged down its rows, its name beside 指標名, its unit, a header row of
    values and the values; the evaluation and prose after. All rows ruled, no blank row between."""
    import openpyxl

    from openpyxl.styles import Alignment, Border, Side

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "施策評価シート"
    thin = Side(style="thin")
    merges = ["A1:H1", "A2:B2", "C2:H2", "A3:B3", "C3:H3"]
    sheet["A1"] = "令和5年度　施策評価シート"
    sheet["A2"], sheet["C2"] = "施策名", "施策8 地域防災力の向上"
    sheet["A3"], sheet["C3"] = "所管課", "危機管理課"
    row = 4
    for k, (name, unit, (b, by), actuals, (t, ty)) in enumerate(FORM):
        top = row
        sheet.cell(row=row, column=1, value=f"成果指標{'①②③④'[k]}")
        sheet.cell(row=row, column=2, value="指標名")
        sheet.cell(row=row, column=3, value=name)
        merges.append(f"C{row}:H{row}")
        sheet.cell(row=row + 1, column=2, value="単位")
        sheet.cell(row=row + 1, column=3, value=unit)
        merges.append(f"C{row + 1}:H{row + 1}")
        heads = ["区分", f"基準値（令和{by - 2018}年度）", *(f"令和{y - 2018}年度実績" for y, _ in actuals),
                 f"目標値（令和{ty - 2018}年度）", "達成率"]
        for c, text in enumerate(heads, start=2):
            sheet.cell(row=row + 2, column=c, value=text)
        values = [b, *(v for _, v in actuals), t]
        rate = (actuals[-1][1] - b) / (t - b)
        sheet.cell(row=row + 3, column=2, value="数値")
        for c, value in enumerate([*values, rate], start=3):
            cell = sheet.cell(row=row + 3, column=c, value=value / 100 if unit == "%" and c < 8 else value)
            cell.number_format = "0.0%" if unit == "%" or c == 8 else "#,##0"
        merges.append(f"A{top}:A{top + 3}")
        row += 4
    sheet.cell(row=row, column=1, value="評価")
    sheet.cell(row=row, column=3, value="B")
    sheet.cell(row=row + 1, column=1, value="今後の方向性")
    sheet.cell(row=row + 1, column=3, value="〔本文〕")
    merges += [f"A{row}:B{row}", f"C{row}:H{row}", f"A{row + 1}:B{row + 1}", f"C{row + 1}:H{row + 1}"]
    for r in range(1, row + 2):
        for c in range(1, 9):
            cell = sheet.cell(row=r, column=c)
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            cell.alignment = Alignment(vertical="center", wrap_text=True)
    for merge in merges:
        sheet.merge_cells(merge)
    for letter, width in zip("ABCDEFGH", (11, 8, 16, 13, 13, 13, 16, 9)):
        sheet.column_dimensions[letter].width = width
    fit_to_width(sheet, landscape=True)
    book.save(str(path))
    return path


# --- (3) Excel with years as dates or numbers shown with their era, custom number formats ---------

FORMATTED: list[Row] = [
    ("市立図書館の年間貸出冊数", "冊", (612300, 2020), [(2021, 598400), (2022, 640150), (2023, 655020)], (700000, 2025)),
    ("生涯学習講座の受講者数", "人", (4210, 2020), [(2021, 2980), (2022, 3875), (2023, 4402)], (5000, 2025)),
    ("文化施設の利用者満足度", "%", (71.3, 2020), [(2021, 72.0), (2022, 74.6), (2023, 75.9)], (80.0, 2025)),
]
FORMATTED_B: list[Row] = [
    ("スポーツ教室の参加者数", "人", (1870, 2020), [(2021, 1020), (2022, 1655), (2023, 1940)], (2300, 2025)),
    ("成人の週1回以上のスポーツ実施率", "%", (48.2, 2020), [(2021, 49.0), (2022, 50.7), (2023, 52.5)], (65.0, 2025)),
]


def formatted_xlsx(path: Path) -> Path:
    """Two sheets. On the first the header's years are dates (1 April of the year) shown as
    ``[$-411]ggge"年度"``; on the second they are era numbers shown as ``"令和"0"年度"``.
    Counts are shown ``#,##0"人"`` (the unit in the format), shares ``0.0"%"`` (typed as 71.3)."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows, as_dates in (("生涯学習", FORMATTED, True), ("スポーツ", FORMATTED_B, False)):
        sheet = book.create_sheet(title)
        sheet["A1"] = f"{title}に関する成果指標"
        sheet.append([])
        sheet.append(["指標名", "基準値", "実績値", None, None, "目標値"])
        years = [rows[0][2][1], *(y for y, _ in rows[0][3]), rows[0][4][1]]
        sheet.append([None, *years])
        for k, year in enumerate(years, start=2):
            cell = sheet.cell(row=4, column=k)
            if as_dates:
                cell.value = date(year, 4, 1)
                cell.number_format = '[$-411]ggge"年度"'
            else:
                cell.value = year - 2018
                cell.number_format = '"令和"0"年度"'
        for name, unit, (b, _), actuals, (t, _) in rows:
            sheet.append([name, b, *(v for _, v in actuals), t])
            for k in range(2, 7):
                sheet.cell(row=sheet.max_row, column=k).number_format = '0.0"%"' if unit == "%" else f'#,##0"{unit}"'
        for merge in ("A3:A4", "C3:E3"):
            sheet.merge_cells(merge)
        for letter, width in zip("ABCDEF", (34, 14, 14, 14, 14, 14)):
            sheet.column_dimensions[letter].width = width
        rule(sheet, f"A3:F{sheet.max_row}")
        fit_to_width(sheet)
    book.save(str(path))
    return path


# --- Word documents ------------------------------------------------------------------------------


def word_document(*, landscape: bool = False):  # type: ignore[no-untyped-def]
    """A Word document in IPA Gothic (which LibreOffice has, so its PDF holds Japanese text)."""
    import docx

    from docx.enum.section import WD_ORIENT
    from docx.shared import Pt

    document = docx.Document()
    if landscape:
        section = document.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    for style in ("Normal", "Heading 1", "Heading 2"):
        document.styles[style].font.name = "IPAGothic"
        document.styles[style].element.get_or_add_rPr().get_or_add_rFonts().set(f"{{{W_NS}}}eastAsia", "IPAGothic")
    document.styles["Normal"].font.size = Pt(10)
    return document


# (4) a measure page with 成果指標 and 活動指標 tables, each with a unit column
OUTCOMES: list[Row] = [
    ("商店街の空き店舗率", "%", (12.6, 2022), [(2023, 12.1)], (9.0, 2027)),
    ("市内事業所の従業者数", "人", (48310, 2022), [(2023, 48770)], (50000, 2027)),
]
ACTIVITIES: list[Row] = [
    ("創業支援セミナーの開催回数", "回", (8, 2022), [(2023, 10)], (12, 2027)),
    ("事業承継の相談件数", "件", (64, 2022), [(2023, 81)], (120, 2027)),
    ("中心市街地イベントへの補助件数", "件", (15, 2022), [(2023, 18)], (20, 2027)),
]


def two_tables_docx(path: Path) -> Path:
    document = word_document()
    document.add_heading("第3次あおば市総合計画 後期基本計画", level=1)
    document.add_heading("施策15 商工業の振興", level=2)
    document.add_paragraph("現状と課題")
    document.add_paragraph("〔本文〕")
    for title, rows in (("成果指標", OUTCOMES), ("活動指標", ACTIVITIES)):
        document.add_paragraph(title)
        table = [["指標名", "単位", "現状値\n（令和4年度）", "実績値\n（令和5年度）", "目標値\n（令和9年度）"]]
        table += [[name, unit, printed(b), printed(a[0][1]), printed(t)] for name, unit, (b, _), a, (t, _) in rows]
        merged_table(document, table, [], [7.0, 1.4, 2.8, 2.8, 2.8])
    document.add_paragraph("主な取組")
    document.add_paragraph("〔本文〕")
    document.save(str(path))
    return path


# (5) one table over a page break, its header row marked to repeat on every page
LONG_TABLE: list[Row] = [
    (f"{topic}の{what}", unit, (base, 2020), [], (base + step, 2025))
    for k, (topic, what, unit, base, step) in enumerate([
        ("市民農園", "区画数", "区画", 120, 30), ("観光案内所", "利用者数", "人", 18400, 3600),
        ("ごみ", "資源化率", "%", 21.4, 3.6), ("公共施設", "耐震化率", "%", 92.5, 7.5),
        ("地域公共交通", "年間利用者数", "人", 254000, 26000), ("空き家バンク", "登録件数", "件", 42, 28),
        ("子ども食堂", "設置数", "か所", 7, 5), ("放課後児童クラブ", "定員", "人", 1480, 160),
        ("市民活動センター", "登録団体数", "団体", 183, 37), ("ふるさと納税", "寄附件数", "件", 6120, 2880),
        ("市営住宅", "長寿命化改修戸数", "戸", 96, 144), ("消防団", "団員数", "人", 612, 38),
        ("AED", "設置施設数", "施設", 214, 26), ("認定こども園", "数", "園", 9, 3),
        ("特定健康診査", "受診率", "%", 38.7, 21.3), ("図書館", "電子書籍貸出数", "冊", 5300, 4700),
        ("公園", "里親制度の登録団体数", "団体", 28, 12), ("再生可能エネルギー", "導入施設数", "施設", 31, 19),
        ("道路", "橋りょうの修繕数", "橋", 12, 18), ("下水道", "水洗化率", "%", 88.1, 4.9),
        ("国際交流", "事業参加者数", "人", 930, 370), ("男女共同参画", "審議会等の女性委員の割合", "%", 27.6, 12.4),
        ("シティプロモーション", "SNSのフォロワー数", "人", 4100, 5900), ("行政手続", "オンライン化率", "%", 34.0, 46.0),
    ])
]


def _repeat_header(table) -> None:  # type: ignore[no-untyped-def]
    """Mark the table's first row to repeat at the top of every page (w:tblHeader)."""
    from docx.oxml import parse_xml

    table.rows[0]._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader xmlns:w="{W_NS}"/>'))


def page_break_docx(path: Path) -> Path:
    document = word_document()
    document.add_heading("成果指標一覧", level=1)
    for _ in range(3):
        document.add_paragraph("〔本文〕")
    rows = [["No.", "指標名", "単位", "基準値\n（令和2年度）", "目標値\n（令和7年度）"]]
    rows += [[str(k), name, unit, printed(b), printed(t)] for k, (name, unit, (b, _), _a, (t, _)) in enumerate(LONG_TABLE, start=1)]
    table = merged_table(document, rows, [], [1.2, 8.0, 1.6, 3.0, 3.0])
    _repeat_header(table)
    for row in table.rows[1:]:
        row.height = 600000  # about 1.7 cm: the table runs onto the next page
    document.add_paragraph("※ 基準値は令和2年度の実績です。")
    document.save(str(path))
    return path


# (6) a header of two rows: the fiscal years above, the roles under them
YEARS_ABOVE: list[Row] = [
    ("健康診査の受診者数", "人", (15230, 2021), [(2022, 15870), (2023, 16120)], (18000, 2026)),
    ("乳幼児健診の受診率", "%", (96.2, 2021), [(2022, 97.0), (2023, 97.4)], (99.0, 2026)),
    ("健康ポイント事業の登録者数", "人", (2400, 2021), [(2022, 3650), (2023, 4980)], (8000, 2026)),
]


def years_above_docx(path: Path) -> Path:
    document = word_document(landscape=True)
    document.add_heading("施策6 健康づくりの推進", level=2)
    document.add_paragraph("成果指標")
    first = YEARS_ABOVE[0]
    years = [first[2][1], *(y for y, _ in first[3]), first[4][1]]
    rows: list[list[str | None]] = [
        ["指標名", "単位", *(f"令和{y - 2018}年度" for y in years)],
        [None, None, "基準値", "実績値", "実績値", "目標値"],
    ]
    rows += [[name, unit, printed(b), *(printed(v) for _, v in a), printed(t)] for name, unit, (b, _), a, (t, _) in YEARS_ABOVE]
    merged_table(document, rows, [(0, 0, 1, 0), (0, 1, 1, 1)], [8.0, 1.4, 3.0, 3.0, 3.0, 3.0])
    document.save(str(path))
    return path


# --- PDFs drawn with ruled tables -----------------------------------------------------------------

MULTI_PAGE: list[Row] = [
    (f"{name}", unit, (base, 2019), [], (target, 2024))
    for name, unit, base, target in [
        ("ファミリー・サポート・センターの会員数", "人", 1320, 1600), ("病児保育の利用者数", "人", 2480, 3000),
        ("子育て世代包括支援センターの相談件数", "件", 3910, 4500), ("児童館の年間利用者数", "人", 86400, 95000),
        ("学童保育の待機児童数", "人", 46, 0), ("中学生の職場体験の受入事業所数", "事業所", 138, 160),
        ("学校図書館の1人当たり貸出冊数", "冊", 38.5, 45.0), ("不登校児童生徒の割合", "%", 1.8, 1.2),
        ("放課後子ども教室の実施校数", "校", 11, 16), ("青少年健全育成事業の参加者数", "人", 5620, 6500),
        ("英語検定3級以上の中学3年生の割合", "%", 41.2, 50.0), ("ICTを活用した授業の割合", "%", 62.0, 90.0),
        ("地域学校協働本部の設置数", "本部", 4, 12), ("学校給食の地場産物使用率", "%", 27.3, 32.0),
        ("スクールカウンセラーの相談件数", "件", 1840, 2200), ("いじめの解消率", "%", 86.4, 95.0),
        ("幼稚園・保育所と小学校の連携事業数", "事業", 22, 30), ("子ども会の加入率", "%", 33.1, 40.0),
        ("読み聞かせボランティアの登録者数", "人", 164, 200), ("乳児家庭全戸訪問の実施率", "%", 97.5, 100.0),
        ("ひとり親家庭の就労支援件数", "件", 58, 80), ("奨学金の新規貸与者数", "人", 45, 60),
    ]
]
ROWS_PER_PAGE = 8


def multi_page_pdf(path: Path) -> Path:
    """A ruled indicator table over three pages, its header (two lines a cell) drawn again on each,
    a running title at the top and a page number at the foot."""
    widths = (28, 230, 40, 80, 80)
    header = (("番号", 0, 0, 1, 1), ("指標名", 0, 1, 1, 1), ("単位", 0, 2, 1, 1),
              ("現状値\n（令和元年度）", 0, 3, 1, 1), ("目標値\n（令和6年度）", 0, 4, 1, 1))
    pages = []
    for first in range(0, len(MULTI_PAGE), ROWS_PER_PAGE):
        chunk = MULTI_PAGE[first:first + ROWS_PER_PAGE]
        cells = list(header)
        for k, (name, unit, (b, _), _a, (t, _)) in enumerate(chunk, start=1):
            cells += [(str(first + k), k, 0, 1, 1), (name, k, 1, 1, 1), (unit, k, 2, 1, 1),
                      (printed(b), k, 3, 1, 1), (printed(t), k, 4, 1, 1)]
        number = first // ROWS_PER_PAGE + 1
        page: list[PdfText | PdfTable] = [PdfText(60, 36, "第2次わかば市子ども・子育て支援計画　成果指標一覧", size=9)]
        if number == 1:
            page.append(PdfText(60, 70, "基本目標2 子どもの育ちと学びを支える", size=12))
        page.append(PdfTable(60, 100, widths, (30, *([26] * len(chunk))), tuple(cells), size=8.5))
        page.append(PdfText(290, 800, f"- {number + 20} -", size=9))
        pages.append(page)
    return make_layout_pdf(pages, path)


SIDE_LEFT: list[Row] = [
    ("市内の刑法犯認知件数", "件", (812, 2021), [], (700, 2026)),
    ("交通事故の発生件数", "件", (356, 2021), [], (300, 2026)),
    ("防犯カメラの設置台数", "台", (240, 2021), [], (400, 2026)),
]
SIDE_RIGHT: list[Row] = [
    ("消費生活相談の解決率", "%", (91.4, 2021), [], (95.0, 2026)),
    ("出前講座の受講者数", "人", (1260, 2021), [], (1800, 2026)),
    ("悪質商法の被害相談件数", "件", (148, 2021), [], (100, 2026)),
]


def side_by_side_pdf(path: Path) -> Path:
    """A landscape page with two measures side by side, each a heading over a ruled table;
    the tables' rows stand at the same heights."""
    items: list[PdfText | PdfTable] = [PdfText(40, 30, "基本目標4 安全で安心なまち", size=13)]
    for x, title, rows in ((40, "施策4-1 防犯・交通安全の推進", SIDE_LEFT), (430, "施策4-2 消費生活の安定", SIDE_RIGHT)):
        items.append(PdfText(x, 70, title, size=11))
        items.append(PdfText(x, 92, "成果指標", size=9))
        cells = [("指標名", 0, 0, 1, 1), ("単位", 0, 1, 1, 1), ("基準値\n（令和3年度）", 0, 2, 1, 1), ("目標値\n（令和8年度）", 0, 3, 1, 1)]
        for k, (name, unit, (b, _), _a, (t, _)) in enumerate(rows, start=1):
            cells += [(name, k, 0, 1, 1), (unit, k, 1, 1, 1), (printed(b), k, 2, 1, 1), (printed(t), k, 3, 1, 1)]
        items.append(PdfTable(x, 110, (170, 36, 80, 80), (30, 24, 24, 24), tuple(cells), size=8.5))
        items.append(PdfText(x, 230, "〔本文〕", size=9))
    return make_layout_pdf([items], path, page_size=(842.0, 595.0))


# --- all of them ----------------------------------------------------------------------------------

OFFICE: dict[str, tuple[Callable[[Path], Path], str, list[Row]]] = {
    "excel transposed": (transposed_xlsx, "transposed.xlsx", TRANSPOSED),
    "excel form blocks": (form_xlsx, "form.xlsx", FORM),
    "excel formatted years": (formatted_xlsx, "formatted.xlsx", FORMATTED + FORMATTED_B),
    "word two tables": (two_tables_docx, "two-tables.docx", OUTCOMES + ACTIVITIES),
    "word page break": (page_break_docx, "page-break.docx", LONG_TABLE),
    "word years above": (years_above_docx, "years-above.docx", YEARS_ABOVE),
}
PDFS: dict[str, tuple[Callable[[Path], Path], str, list[Row]]] = {
    "pdf multi-page": (multi_page_pdf, "multi-page.pdf", MULTI_PAGE),
    "pdf side by side": (side_by_side_pdf, "side-by-side.pdf", SIDE_LEFT + SIDE_RIGHT),
}


def convert_all(sources: list[Path], outdir: Path, *, timeout: float = 300) -> list[Path]:
    """Word and Excel files to PDF in one LibreOffice run (its own profile), as a city's staff prints them."""
    return soffice_to_pdfs(sources, outdir, timeout=timeout)


def build(directory: Path) -> dict[str, tuple[Path, list[dict]]]:
    """Every document in ``directory`` (Word and Excel ones also as PDF), each with its expected indicators."""
    directory.mkdir(parents=True, exist_ok=True)
    out: dict[str, tuple[Path, list[dict]]] = {}
    sources = []
    for label, (make, name, rows) in OFFICE.items():
        out[label] = (make(directory / name), gold(rows))
        sources.append(out[label][0])
    for (label, (_, _, rows)), pdf in zip(OFFICE.items(), convert_all(sources, directory / "pdf")):
        out[f"{label} → PDF"] = (pdf, gold(rows))
    for label, (make, name, rows) in PDFS.items():
        out[label] = (make(directory / name), gold(rows))
    return out
