"""The sixth blind round of office documents, read as plain ``pdftotext`` text: five Excel workbooks
and five Word files made as cities' staff make them (invented names and figures), printed to PDF
by LibreOffice and taken out with ``pdftotext`` in its default mode (no ``-layout``).

The layouts hold what the plain text scrambles: two-row merged headers (実績値 over its years), a
year row under the header, the unit in its own column or in the name, names wrapped in narrow
columns, several tables on a page, a long table crossing a page, 達成率 columns.

``python tests/office_round_6.py DIR`` writes the ten sources, their PDFs, the plain and ``-layout``
texts, and ``expected.json`` (for the PDFs, the plain texts and the ``-layout`` texts) into DIR.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from docmaker import merged_table  # noqa: E402
from office_rounds import Documents, Row, build_rendered, era, expected_rendered, gold, printed, short_era, word_document  # noqa: E402
from office_rounds import column_widths as _widths  # noqa: E402
from office_rounds import landscape_sheet as _landscape  # noqa: E402
from office_rounds import landscape_word as _landscape_word  # noqa: E402
from office_rounds import number_format as _fmt  # noqa: E402
from office_rounds import put_cell as _put  # noqa: E402


def rate(row: Row) -> str:
    """達成率 as printed: the last actual over the target."""
    _, _, _, actuals, (t, _) = row
    return f"{actuals[-1][1] / t * 100:.1f}%"


# --- Excel ---------------------------------------------------------------------------------------


E1_ROWS: list[Row] = [
    ("生涯学習講座の延べ受講者数", "人", (6215, 2020), [(2021, 4870), (2022, 5932), (2023, 6688)], (8000, 2027)),
    ("市民図書館の年間貸出冊数", "冊", (412380, 2020), [(2021, 398210), (2022, 405677), (2023, 419950)], (450000, 2027)),
    ("公民館の稼働率", "%", (38.4, 2020), [(2021, 31.2), (2022, 36.9), (2023, 41.5)], (50.0, 2027)),
    ("地域文化団体の登録数", "団体", (87, 2020), [(2021, 85), (2022, 88), (2023, 93)], (100, 2027)),
]


def make_e1(path: Path) -> Path:
    """A two-row merged header: 基準値 over its year, 実績値 over three years, 目標値 over its year;
    a unit column and a 達成率 column."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "生涯学習"
    sheet["A1"] = "施策6-2 生涯学習の充実　成果指標"
    heads = [(3, 1, "指標名"), (3, 2, "単位"), (3, 3, "基準値"), (4, 3, era(2020)), (3, 4, "実績値"),
             (3, 7, "目標値"), (4, 7, era(2027)), (3, 8, "達成率")]
    heads += [(4, 4 + k, era(year)) for k, year in enumerate((2021, 2022, 2023))]
    for r, k, text in heads:
        _put(sheet, r, k, text, bold=True)
    for rng in ("A3:A4", "B3:B4", "D3:F3", "H3:H4"):
        sheet.merge_cells(rng)
    for r, row in enumerate(E1_ROWS, start=5):
        name, unit, (b, _), actuals, (t, _) = row
        _put(sheet, r, 1, name)
        _put(sheet, r, 2, unit)
        for k, value in enumerate([b, *(v for _, v in actuals), t], start=3):
            _put(sheet, r, k, value, _fmt(value))
        _put(sheet, r, 8, rate(row))
    _widths(sheet, [30, 7, 11, 11, 11, 11, 11, 9])
    _landscape(sheet)
    book.save(str(path))
    return path


E2_ROWS: list[Row] = [
    ("ごみの1人1日当たり排出量", "g", (884, 2020), [(2021, 871), (2022, 858), (2023, 846), (2024, 839)], (800, 2028)),
    ("リサイクル率", "%", (21.6, 2020), [(2021, 22.0), (2022, 22.9), (2023, 23.4), (2024, 24.1)], (28.0, 2028)),
    ("環境学習会の参加者数", "人", (1140, 2020), [(2021, 960), (2022, 1205), (2023, 1388), (2024, 1472)], (1800, 2028)),
    ("公用車の次世代自動車導入台数", "台", (14, 2020), [(2021, 17), (2022, 21), (2023, 26), (2024, 30)], (45, 2028)),
]


def make_e2(path: Path) -> Path:
    """The unit in the name (``指標名（単位）``), 基準年度 and 目標年度 in columns of their own, four
    actual years as ``2021年度`` headers in one row."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "環境"
    sheet["A1"] = "基本施策3-1 循環型社会の形成"
    heads = ["指標名（単位）", "基準年度", "基準値", *(f"{y}年度実績" for y in (2021, 2022, 2023, 2024)), "目標年度", "目標値"]
    for k, text in enumerate(heads, start=1):
        _put(sheet, 3, k, text, bold=True)
    for r, (name, unit, (b, by), actuals, (t, ty)) in enumerate(E2_ROWS, start=4):
        _put(sheet, r, 1, f"{name}（{unit}）")
        _put(sheet, r, 2, f"{by}年度")
        _put(sheet, r, 3, b, _fmt(b))
        for k, (_, value) in enumerate(actuals, start=4):
            _put(sheet, r, k, value, _fmt(value))
        _put(sheet, r, 8, f"{ty}年度")
        _put(sheet, r, 9, t, _fmt(t))
    _widths(sheet, [34, 10, 10, 11, 11, 11, 11, 10, 10])
    _landscape(sheet)
    book.save(str(path))
    return path


E3_TABLES: list[tuple[str, list[Row]]] = [
    ("施策5-1 子どもの学びの支援", [
        ("授業がよくわかると答えた児童生徒の割合", "%", (78.3, 2021), [(2022, 79.1), (2023, 80.6), (2024, 81.2)], (85.0, 2028)),
        ("学校図書館の児童1人当たり貸出冊数", "冊", (42.5, 2021), [(2022, 44.0), (2023, 45.8), (2024, 47.1)], (55.0, 2028)),
        ("放課後学習教室の開催回数", "回", (312, 2021), [(2022, 340), (2023, 366), (2024, 402)], (480, 2028)),
    ]),
    ("施策5-2 青少年の健全育成", [
        ("青少年ボランティア活動への延べ参加者数", "人", (954, 2021), [(2022, 1033), (2023, 1167), (2024, 1290)], (1600, 2028)),
        ("子ども会の加入率", "%", (46.7, 2021), [(2022, 44.9), (2023, 43.8), (2024, 43.1)], (50.0, 2028)),
    ]),
]


def make_e3(path: Path) -> Path:
    """Two tables on one page, each under its measure; a narrow name column that wraps the names;
    実績 merged over a year row, 現状値 and 目標値 with the year in the header cell."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "教育"
    r = 1
    for heading, rows in E3_TABLES:
        sheet.cell(r, 1, heading)
        top = r + 1
        heads = [(0, 1, "成果指標"), (0, 2, "単位"), (0, 3, f"現状値\n（{era(2021)}）"), (0, 4, "実績"),
                 (0, 7, f"目標値\n（{era(2028)}）")]
        heads += [(1, 4 + k, era(year)) for k, year in enumerate((2022, 2023, 2024))]
        for dr, k, text in heads:
            _put(sheet, top + dr, k, text, bold=True)
        for rng in (f"A{top}:A{top + 1}", f"B{top}:B{top + 1}", f"C{top}:C{top + 1}", f"D{top}:F{top}", f"G{top}:G{top + 1}"):
            sheet.merge_cells(rng)
        for n, (name, unit, (b, _), actuals, (t, _)) in enumerate(rows):
            rr = top + 2 + n
            _put(sheet, rr, 1, name)
            _put(sheet, rr, 2, unit)
            for k, value in enumerate([b, *(v for _, v in actuals), t], start=3):
                _put(sheet, rr, k, value, _fmt(value))
            sheet.row_dimensions[rr].height = 42  # tall enough for a name wrapped over three lines
        r = top + 2 + len(rows) + 2
    _widths(sheet, [16, 6, 11, 10, 10, 10, 11])
    book.save(str(path))
    return path


E4_NAMES = [
    ("道路照明のLED化率", "%"), ("橋りょうの長寿命化修繕の完了数", "橋"), ("市道の舗装補修延長", "km"),
    ("公園の遊具更新数", "基"), ("市営住宅の耐震化率", "%"), ("下水道の普及率", "%"),
    ("上水道の管路耐震化率", "%"), ("空き家の除却件数", "件"), ("地区計画の策定地区数", "地区"),
    ("緑化協定の締結件数", "件"), ("都市公園の市民1人当たり面積", "㎡"), ("狭あい道路の拡幅延長", "m"),
    ("コミュニティバスの年間利用者数", "人"), ("駅前広場の美化活動参加者数", "人"), ("雨水貯留施設の整備数", "箇所"),
    ("街路樹の植栽本数", "本"), ("景観まちづくり講座の受講者数", "人"), ("放置自転車の撤去台数", "台"),
    ("住宅リフォーム助成の件数", "件"), ("都市計画道路の整備率", "%"),
]


def _e4_rows() -> list[Row]:
    rows: list[Row] = []
    for n, (name, unit) in enumerate(E4_NAMES):
        if unit in ("%", "km", "㎡"):
            b = round(20.0 + 3.7 * n, 1)
            actuals = [(2022 + k, round(b + 1.3 * (k + 1) + 0.1 * n, 1)) for k in range(3)]
            t = round(b + 10.0, 1)
        else:
            b = 40 + 17 * n
            actuals = [(2022 + k, b + (k + 1) * (3 + n)) for k in range(3)]
            t = b + 25 + 4 * n
        rows.append((name, unit, (b, 2021), actuals, (t, 2028)))
    return rows


E4_ROWS = _e4_rows()


def make_e4(path: Path) -> Path:
    """A long table that crosses a page, its header repeated as print titles; 基準年度 and 目標年度
    in columns of their own, the actual years as era headers."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "都市基盤"
    sheet["A1"] = "分野4 都市基盤　成果指標の推移"
    heads = ["指標", "単位", "基準値", "基準年度", *(era(y) for y in (2022, 2023, 2024)), "目標値", "目標年度"]
    for k, text in enumerate(heads, start=1):
        _put(sheet, 2, k, text, bold=True)
    for r, (name, unit, (b, by), actuals, (t, ty)) in enumerate(E4_ROWS, start=3):
        _put(sheet, r, 1, name)
        _put(sheet, r, 2, unit)
        _put(sheet, r, 3, b, _fmt(b))
        _put(sheet, r, 4, era(by))
        for k, (_, value) in enumerate(actuals, start=5):
            _put(sheet, r, k, value, _fmt(value))
        _put(sheet, r, 8, t, _fmt(t))
        _put(sheet, r, 9, era(ty))
        sheet.row_dimensions[r].height = 36
    sheet.print_title_rows = "2:2"
    _widths(sheet, [32, 7, 10, 11, 11, 11, 11, 10, 11])
    book.save(str(path))
    return path


E5_ROWS: list[Row] = [
    ("観光案内所の利用者数", "人", (23840, 2019), [(2020, 9215), (2021, 11480), (2022, 17302), (2023, 21966), (2024, 25410)], (30000, 2027)),
    ("市内宿泊者数", "人", (186500, 2019), [(2020, 88420), (2021, 97310), (2022, 140250), (2023, 172880), (2024, 191040)], (220000, 2027)),
    ("観光ボランティアガイドの案内件数", "件", (412, 2019), [(2020, 96), (2021, 148), (2022, 265), (2023, 377), (2024, 438)], (500, 2027)),
    ("ふるさと納税の寄附件数", "件", (5204, 2019), [(2020, 6388), (2021, 7915), (2022, 8840), (2023, 9612), (2024, 10275)], (12000, 2027)),
]


def make_e5(path: Path) -> Path:
    """One header row with 実績値 repeated over each year, a year row under it in brackets, each
    figure's unit in its number format (``#,##0"人"``), no unit column, five actual years."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "観光"
    sheet["A1"] = "施策7-3 観光交流の促進"
    heads = ["指標名", "基準値", *(["実績値"] * 5), "目標値"]
    years = ["", f"（{era(2019)}）", *(f"（{era(y)}）" for y in range(2020, 2025)), f"（{era(2027)}）"]
    for k, (text, year) in enumerate(zip(heads, years), start=1):
        _put(sheet, 2, k, text, bold=True)
        _put(sheet, 3, k, year or None, bold=True)
    sheet.merge_cells("A2:A3")
    for r, (name, unit, (b, _), actuals, (t, _)) in enumerate(E5_ROWS, start=4):
        _put(sheet, r, 1, name)
        for k, value in enumerate([b, *(v for _, v in actuals), t], start=2):
            _put(sheet, r, k, value, _fmt(value, unit))
    _widths(sheet, [28, 12, 12, 12, 12, 12, 12, 12])
    _landscape(sheet)
    book.save(str(path))
    return path


# --- Word ----------------------------------------------------------------------------------------


W1_ROWS: list[Row] = [
    ("特定健診の受診率", "%", (36.2, 2019), [(2020, 30.8), (2021, 33.5), (2022, 35.9), (2023, 37.4), (2024, 38.8)], (45.0, 2027)),
    ("がん検診の受診者数", "人", (14280, 2019), [(2020, 11035), (2021, 12760), (2022, 13490), (2023, 14122), (2024, 14907)], (17000, 2027)),
    ("健康マイレージの参加者数", "人", (1875, 2019), [(2020, 1640), (2021, 2012), (2022, 2398), (2023, 2841), (2024, 3105)], (4000, 2027)),
]


def make_w1(path: Path) -> Path:
    """A Word table with a merged two-row header: 実績値 spanning five years, the other head cells
    spanning both rows (基準値 and 目標値 with their year below in the cell), a 達成率 column."""
    document = word_document()
    _landscape_word(document)
    document.add_heading("施策2-1 健康寿命の延伸", level=1)
    document.add_paragraph("成果指標の推移は次のとおりである。")
    years = range(2020, 2025)
    rows: list[list[str | None]] = [
        ["指標名", "単位", f"基準値\n（{era(2019)}）", "実績値", None, None, None, None, f"目標値\n（{era(2027)}）", "達成率"],
        [None, None, None, *(era(y) for y in years), None, None],
    ]
    for row in W1_ROWS:
        name, unit, (b, _), actuals, (t, _) = row
        rows.append([name, unit, printed(b), *(printed(v) for _, v in actuals), printed(t), rate(row)])
    merged_table(document, rows, [(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 1, 2), (0, 3, 0, 7), (0, 8, 1, 8), (0, 9, 1, 9)],
                 [5.5, 1.3, 2.6, 2.2, 2.2, 2.2, 2.2, 2.2, 2.6, 1.8])
    document.save(str(path))
    return path


W2_TABLES: list[tuple[str, list[Row]]] = [
    ("(1) 地域福祉の推進", [
        ("民生委員・児童委員の相談支援件数", "件", (3120, 2021), [(2022, 3288), (2023, 3405)], (3800, 2027)),
        ("地域サロンの設置数", "箇所", (46, 2021), [(2022, 49), (2023, 53)], (65, 2027)),
    ]),
    ("(2) 高齢者の生きがいづくり", [
        ("シルバー人材センターの会員数", "人", (712, 2021), [(2022, 698), (2023, 731)], (800, 2027)),
        ("介護予防教室の参加者数", "人", (2254, 2021), [(2022, 2480), (2023, 2619)], (3000, 2027)),
        ("要介護認定を受けていない高齢者の割合", "%", (81.4, 2021), [(2022, 81.0), (2023, 80.7)], (82.0, 2027)),
    ]),
    ("(3) 障害者の自立支援", [
        ("就労移行支援から一般就労した人数", "人", (18, 2021), [(2022, 22), (2023, 25)], (35, 2027)),
    ]),
]


def make_w2(path: Path) -> Path:
    """Three small tables on one page, each under a numbered heading; one header row with the years
    in the cells (``基準値（令和3年度）``), a unit column."""
    document = word_document()
    document.add_heading("基本目標2 支え合う地域社会", level=1)
    for heading, table_rows in W2_TABLES:
        document.add_heading(heading, level=2)
        rows: list[list[str | None]] = [["指標名", "単位", f"基準値（{era(2021)}）", f"{era(2022)}実績", f"{era(2023)}実績", f"目標値（{era(2027)}）"]]
        for name, unit, (b, _), actuals, (t, _) in table_rows:
            rows.append([name, unit, printed(b), *(printed(v) for _, v in actuals), printed(t)])
        merged_table(document, rows, [], [5.4, 1.4, 2.6, 2.2, 2.2, 2.6])
        document.add_paragraph("")
    document.save(str(path))
    return path


W3_NAMES = [
    ("自治会の加入率", "%"), ("市民活動団体の登録数", "団体"), ("協働事業の実施件数", "件"),
    ("市民提案制度の提案件数", "件"), ("男女共同参画講座の参加者数", "人"), ("審議会等の女性委員の割合", "%"),
    ("多文化共生イベントの参加者数", "人"), ("外国人相談窓口の相談件数", "件"), ("人権講演会の参加者数", "人"),
    ("平和学習事業の参加者数", "人"), ("市政出前講座の開催回数", "回"), ("パブリックコメントの意見件数", "件"),
    ("市ホームページの閲覧数", "千件"), ("広報紙を読んでいる市民の割合", "%"), ("市公式SNSの登録者数", "人"),
    ("電子申請できる手続の数", "件"), ("窓口サービスの満足度", "%"), ("マイナンバーカードの交付率", "%"),
    ("職員提案の件数", "件"), ("行政評価の外部評価実施数", "件"), ("市税の収納率", "%"),
    ("経常収支比率", "%"), ("公共施設の延床面積", "㎡"), ("ふるさと応援寄附金額", "千円"),
]


def _w3_rows() -> list[Row]:
    rows: list[Row] = []
    for n, (name, unit) in enumerate(W3_NAMES):
        if unit == "%":
            b = round(40.0 + 2.3 * n, 1)
            actuals = [(2021 + k, round(b + 0.8 * (k + 1), 1)) for k in range(3)]
            t = round(b + 6.0, 1)
        else:
            b = 120 + 53 * n
            actuals = [(2021 + k, b + (k + 1) * (7 + n)) for k in range(3)]
            t = b + 60 + 9 * n
        rows.append((name, unit, (b, 2020), actuals, (t, 2026)))
    return rows


W3_ROWS = _w3_rows()


def make_w3(path: Path) -> Path:
    """A long Word table that runs onto the next page, its header row repeated there; 基準値 and 目標値
    with the year in the head cell, actual years as 年度 columns."""
    from docx.oxml import parse_xml

    document = word_document()
    document.add_heading("第5章 協働と行政経営　成果指標一覧", level=1)
    rows: list[list[str | None]] = [["No.", "指標名", "単位", f"基準値\n{era(2020)}", *(era(y) for y in (2021, 2022, 2023)), f"目標値\n{era(2026)}"]]
    for n, (name, unit, (b, _), actuals, (t, _)) in enumerate(W3_ROWS, start=1):
        rows.append([str(n), name, unit, printed(b), *(printed(v) for _, v in actuals), printed(t)])
    table = merged_table(document, rows, [], [1.0, 5.6, 1.4, 2.0, 2.0, 2.0, 2.0, 2.0])
    props = table.rows[0]._tr.get_or_add_trPr()
    props.append(parse_xml('<w:tblHeader xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'))
    document.save(str(path))
    return path


W4_ROWS: list[Row] = [
    ("中小企業の事業承継に関する相談件数", "件", (64, 2021), [(2022, 71), (2023, 88), (2024, 97)], (120, 2028)),
    ("創業支援を受けて創業した事業者数", "者", (23, 2021), [(2022, 27), (2023, 31), (2024, 34)], (50, 2028)),
    ("市内の製造品出荷額等", "億円", (2384.6, 2021), [(2022, 2415.2), (2023, 2498.7), (2024, 2530.1)], (2700.0, 2028)),
    ("企業立地奨励金の交付による新規雇用者数", "人", (112, 2021), [(2022, 138), (2023, 151), (2024, 176)], (250, 2028)),
]


def make_w4(path: Path) -> Path:
    """Narrow name cells that wrap, the unit in the name (``（件）``), the baseline's and the target's
    year printed in their cells under the value (``64`` / ``（R3）``)."""
    document = word_document()
    document.add_heading("施策8-1 地域産業の振興", level=1)
    rows: list[list[str | None]] = [["成果指標（単位）", "基準値", *(f"{y}年度" for y in (2022, 2023, 2024)), "目標値"]]
    for name, unit, (b, by), actuals, (t, ty) in W4_ROWS:
        rows.append([f"{name}（{unit}）", f"{printed(b)}\n（{short_era(by)}）", *(printed(v) for _, v in actuals),
                     f"{printed(t)}\n（{short_era(ty)}）"])
    merged_table(document, rows, [], [4.2, 2.4, 2.2, 2.2, 2.2, 2.4])
    document.save(str(path))
    return path


W5_ROWS: list[Row] = [
    ("消防団員の充足率", "%", (88.6, 2020), [(2021, 87.9), (2022, 86.4), (2023, 85.8)], (95.0, 2027)),
    ("防災訓練の参加者数", "人", (5310, 2020), [(2021, 3980), (2022, 4655), (2023, 5472)], (7000, 2027)),
    ("住宅用火災警報器の設置率", "%", (79.5, 2020), [(2021, 80.8), (2022, 81.6), (2023, 82.9)], (90.0, 2027)),
    ("救命講習の修了者数", "人", (2146, 2020), [(2021, 1210), (2022, 1835), (2023, 2402)], (3000, 2027)),
    ("自主防災組織の結成数", "団体", (97, 2020), [(2021, 99), (2022, 102), (2023, 106)], (120, 2027)),
]


def make_w5(path: Path) -> Path:
    """One header row with 実績値 repeated over each year and a second row of years (unmerged), a unit
    column and 達成率."""
    document = word_document()
    _landscape_word(document)
    document.add_heading("施策1-2 消防・救急体制の充実", level=1)
    rows: list[list[str | None]] = [
        ["指標名", "単位", "基準値", "実績値", "実績値", "実績値", "目標値", "達成率"],
        ["", "", era(2020), *(era(y) for y in (2021, 2022, 2023)), era(2027), ""],
    ]
    for row in W5_ROWS:
        name, unit, (b, _), actuals, (t, _) = row
        rows.append([name, unit, printed(b), *(printed(v) for _, v in actuals), printed(t), rate(row)])
    merged_table(document, rows, [], [6.0, 1.6, 2.8, 2.8, 2.8, 2.8, 2.8, 2.0])
    document.save(str(path))
    return path


DOCUMENTS: Documents = {
    "p6_e1.xlsx": (make_e1, E1_ROWS),
    "p6_e2.xlsx": (make_e2, E2_ROWS),
    "p6_e3.xlsx": (make_e3, [row for _, rows in E3_TABLES for row in rows]),
    "p6_e4.xlsx": (make_e4, E4_ROWS),
    "p6_e5.xlsx": (make_e5, E5_ROWS),
    "p6_w1.docx": (make_w1, W1_ROWS),
    "p6_w2.docx": (make_w2, [row for _, rows in W2_TABLES for row in rows]),
    "p6_w3.docx": (make_w3, W3_ROWS),
    "p6_w4.docx": (make_w4, W4_ROWS),
    "p6_w5.docx": (make_w5, W5_ROWS),
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
