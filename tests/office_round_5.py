"""The fifth blind round of office documents, read from the files themselves (not through PDF): five
Excel workbooks and three Word files made as cities' staff make them (invented names and figures),
kept so that the round can be rebuilt and its reading pinned.

The workbooks hold what direct reading must get right: merged title cells, two- and three-row
merged headers, years as columns over 目標/実績, ``0.0%`` and ``0.0"%"`` formats, units carried by
the number format (``#,##0"人"``), real Excel dates for 基準日 and 目標時期, hidden rows and a hidden
input sheet, a sheet per measure, and formulas whose results are cached in the file (as Excel and
LibreOffice save them). The Word files hold tables with ``gridSpan`` and ``vMerge`` headers, a table
per measure under numbered headings, and a long table continued on the next page.

``python tests/office_round_5.py DIR`` writes the eight sources and ``expected.json`` into DIR.
"""

from __future__ import annotations

import json
import re
import sys
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from docmaker import W_NS, add_numbering, merged_table, set_numbering  # noqa: E402
from office_rounds import Row, era, gold, printed, word_document  # noqa: E402

# --- Excel ---------------------------------------------------------------------------------------


def _put(sheet, r: int, k: int, value, fmt: str | None = None):  # type: ignore[no-untyped-def]
    from openpyxl.styles import Alignment, Border, Side

    cell = sheet.cell(r, k, value)
    if fmt:
        cell.number_format = fmt
    thin = Side(style="thin")
    cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    cell.alignment = Alignment(wrap_text=True, vertical="center")
    return cell


def _figure(sheet, r: int, k: int, value, unit: str, style: str):  # type: ignore[no-untyped-def]
    """A figure as the layout keeps it: ``fraction`` (0.524 in 0.0%), ``literal`` (52.4 in 0.0"%"),
    ``unit`` (1870 in #,##0"人"), or ``plain`` (#,##0 or #,##0.0)."""
    if unit == "%" and style == "fraction":
        return _put(sheet, r, k, round(value / 100, 6), "0.0%")
    if unit == "%":
        return _put(sheet, r, k, value, '0.0"%"')
    digits = "#,##0" if isinstance(value, int) else "#,##0.0"
    return _put(sheet, r, k, value, f'{digits}"{unit}"' if style == "unit" else digits)


def _merge(sheet, *ranges: str) -> None:
    for rng in ranges:
        sheet.merge_cells(rng)


Y1_SHEETS: dict[str, tuple[str, str, list[tuple[Row, date]]]] = {
    "施策2-1": ("施策2-1 健康づくりの推進", "健康づくり課", [
        (("特定健康診査の受診率", "%", (41.8, 2021), [(2022, 43.0), (2023, 44.6)], (55.0, 2027)), date(2022, 3, 31)),
        (("健康ポイント事業の参加者数", "人", (2960, 2021), [(2022, 3415), (2023, 3982)], (5000, 2027)), date(2022, 3, 31)),
        (("運動習慣のある市民の割合", "%", (33.7, 2021), [(2022, 34.9), (2023, 36.2)], (40.0, 2027)), date(2021, 10, 1)),
    ]),
    "施策2-2": ("施策2-2 食育と歯科保健の推進", "保健センター", [
        (("3歳児でむし歯のない子どもの割合", "%", (88.2, 2021), [(2022, 89.5), (2023, 90.1)], (93.0, 2027)), date(2022, 3, 31)),
        (("食育講座の参加者数", "人", (742, 2021), [(2022, 810), (2023, 934)], (1200, 2027)), date(2022, 3, 31)),
        (("成人歯科健診の受診者数", "人", (1318, 2021), [(2022, 1402), (2023, 1377)], (1800, 2027)), date(2022, 3, 31)),
    ]),
}


def make_y1(path: Path) -> Path:
    """A sheet per measure: a merged title, a three-row header (基準 over 値 | 基準日, the years over
    目標 | 実績), 基準日 as real Excel dates, counts in ``#,##0"人"``, a hidden row of a retired indicator."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, (heading, department, rows) in Y1_SHEETS.items():
        sheet = book.create_sheet(title)
        sheet["A1"] = f"令和6年度 施策評価シート（{heading}）"
        _merge(sheet, "A1:J1")
        sheet["A2"] = f"担当課：{department}"
        heads = [(3, 1, "成果指標"), (3, 2, "単位"), (3, 3, "基準"), (5, 3, "値"), (5, 4, "基準日"),
                 (3, 5, "目標と実績の推移"), (3, 9, "目標値"), (5, 9, era(2027)), (3, 10, "担当課")]
        for k, year in enumerate((2022, 2023)):
            heads += [(4, 5 + 2 * k, era(year)), (5, 5 + 2 * k, "目標"), (5, 6 + 2 * k, "実績")]
        for r, k, text in heads:
            _put(sheet, r, k, text)
        _merge(sheet, "A3:A5", "B3:B5", "C3:D4", "E3:H3", "E4:F4", "G4:H4", "I3:I4", "J3:J5")
        r = 6
        for n, ((name, unit, (b, _), actuals, (t, _)), day) in enumerate(rows):
            if n == 1:  # a retired indicator kept in a hidden row
                _put(sheet, r, 1, "（旧）健康教室の延べ参加者数")
                _put(sheet, r, 2, "人")
                _figure(sheet, r, 3, 5120, "人", "unit")
                sheet.row_dimensions[r].hidden = True
                r += 1
            style = "fraction" if unit == "%" else "unit"
            _put(sheet, r, 1, name)
            _put(sheet, r, 2, unit)
            _figure(sheet, r, 3, b, unit, style)
            _put(sheet, r, 4, day, "yyyy/m/d")
            for k, (_, value) in enumerate(actuals):
                aim = round(b + (t - b) * (k + 1) / 6, 1 if unit == "%" else None)
                _figure(sheet, r, 5 + 2 * k, aim, unit, style)
                _figure(sheet, r, 6 + 2 * k, value, unit, style)
            _figure(sheet, r, 9, t, unit, style)
            _put(sheet, r, 10, department)
            r += 1
    book.save(str(path))
    return path


Y2_ROWS: list[tuple[Row, str]] = [
    (("市民農園の区画利用率", "%", (76.4, 2021), [(2022, 79.8), (2023, 83.1), (2024, 85.0)], (90.0, 2027)), "literal"),
    (("農業体験イベントの参加者数", "人", (1284, 2021), [(2022, 1390), (2023, 1512), (2024, 1608)], (2000, 2027)), "unit"),
    (("地産地消協力店の登録数", "店", (58, 2021), [(2022, 63), (2023, 67), (2024, 74)], (90, 2027)), "unit"),
    (("新規就農者数（累計）", "人", (12, 2021), [(2022, 15), (2023, 19), (2024, 22)], (35, 2027)), "unit"),
    (("農地の集積率", "%", (38.5, 2021), [(2022, 40.1), (2023, 41.7), (2024, 42.9)], (50.0, 2027)), "fraction"),
    (("鳥獣被害の報告件数", "件", (146, 2021), [(2022, 131), (2023, 127), (2024, 109)], (80, 2027)), "unit"),
]


def make_y2(path: Path) -> Path:
    """One sheet, no unit column: each figure's unit is in its number format (``0.0"%"``, ``#,##0"人"``);
    a two-row merged header (実績値 over three years); a money row in 千円 below the indicators."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "農業振興"
    sheet["A1"] = "施策4-3 都市農業の振興　成果指標の進捗"
    _merge(sheet, "A1:F1")
    heads = [(3, 1, "指標名"), (3, 2, "現状値"), (4, 2, era(2021)), (3, 3, "実績値"), (3, 6, "目標値"), (4, 6, era(2027))]
    heads += [(4, 3 + k, era(year)) for k, year in enumerate((2022, 2023, 2024))]
    for r, k, text in heads:
        _put(sheet, r, k, text)
    _merge(sheet, "A3:A4", "C3:E3")
    for r, ((name, unit, (b, _), actuals, (t, _)), style) in enumerate(Y2_ROWS, start=5):
        _put(sheet, r, 1, name)
        _figure(sheet, r, 2, b, unit, style)
        for k, (_, value) in enumerate(actuals, start=3):
            _figure(sheet, r, k, value, unit, style)
        _figure(sheet, r, 6, t, unit, style)
    r = 5 + len(Y2_ROWS)
    _put(sheet, r, 1, "施策の事業費（千円）")
    for k, value in enumerate((18340, 19020, 21875, 20410, 22000), start=2):
        _put(sheet, r, k, value, "#,##0")
    book.save(str(path))
    return path


Y3_ROWS: list[tuple[Row, date, date]] = [
    (("耐震診断を受けた木造住宅の戸数（累計）", "戸", (318, 2021), [(2022, 352), (2023, 397), (2024, 436)], (600, 2028)), date(2022, 3, 31), date(2029, 3, 31)),
    (("防災アプリの登録者数", "人", (6420, 2022), [(2022, 6420), (2023, 9870), (2024, 12315)], (20000, 2028)), date(2022, 9, 30), date(2029, 3, 31)),
    (("避難所運営訓練を実施した避難所の割合", "%", (35.0, 2021), [(2022, 45.0), (2023, 60.0), (2024, 70.0)], (100.0, 2027)), date(2022, 3, 31), date(2028, 3, 31)),
    (("家具の転倒防止対策をしている世帯の割合", "%", (44.6, 2021), [(2022, 46.0), (2023, 47.8), (2024, 49.3)], (60.0, 2028)), date(2021, 11, 1), date(2029, 3, 31)),
    (("災害時要配慮者の個別避難計画の作成数", "件", (140, 2021), [(2022, 265), (2023, 418), (2024, 590)], (1000, 2028)), date(2022, 3, 31), date(2029, 3, 31)),
]


def make_y3(path: Path) -> Path:
    """基準日 and 目標時期 as real Excel dates (one in an era format, one in ``yyyy/m/d``), 実績 over its
    years, a unit column, and a 予算額 row below."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "防災"
    sheet["A1"] = "施策1-4 地域防災力の向上"
    _merge(sheet, "A1:I1")
    heads = [(2, 1, "指標"), (2, 2, "単位"), (2, 3, "基準値"), (2, 4, "基準日"), (2, 5, "実績"),
             (2, 8, "目標値"), (2, 9, "目標時期")]
    heads += [(3, 5 + k, era(year)) for k, year in enumerate((2022, 2023, 2024))]
    for r, k, text in heads:
        _put(sheet, r, k, text)
    _merge(sheet, "A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:G2", "H2:H3", "I2:I3")
    for r, ((name, unit, (b, _), actuals, (t, _)), start, end) in enumerate(Y3_ROWS, start=4):
        _put(sheet, r, 1, name)
        _put(sheet, r, 2, unit)
        _figure(sheet, r, 3, b, unit, "literal")
        _put(sheet, r, 4, start, '[$-411]ggge"年"m"月"d"日"')
        for k, (_, value) in enumerate(actuals, start=5):
            _figure(sheet, r, k, value, unit, "literal")
        _figure(sheet, r, 8, t, unit, "literal")
        _put(sheet, r, 9, end, "yyyy/m/d")
    r = 4 + len(Y3_ROWS)
    _put(sheet, r, 1, "予算額")
    _put(sheet, r, 2, "千円")
    for k, value in enumerate((41200, 38650, 44980), start=5):
        _put(sheet, r, k, value, "#,##0")
    book.save(str(path))
    return path


Y4_ROWS: list[Row] = [
    ("市内路線バスの1日平均乗車人数", "人", (8430, 2021), [(2022, 8610), (2023, 8975)], (9500, 2027)),
    ("自転車駐車場の利用率", "%", (67.2, 2021), [(2022, 69.5), (2023, 72.8)], (80.0, 2027)),
    ("歩道のバリアフリー化延長", "km", (12.4, 2021), [(2022, 13.1), (2023, 14.6)], (20.0, 2027)),
    ("シェアサイクルの年間利用回数", "回", (15820, 2021), [(2022, 21340), (2023, 27905)], (40000, 2027)),
    ("公共交通に満足している市民の割合", "%", (46.9, 2021), [(2022, 47.5), (2023, 49.2)], (55.0, 2027)),
]


def make_y4(path: Path) -> Path:
    """A visible sheet of formulas over a hidden input sheet: every figure ``='入力'!C4``, the rate
    ``=G5/H5``, with their results cached; a three-row header with 目標/実績 under each year."""
    import openpyxl

    book = openpyxl.Workbook()
    shown = book.active
    shown.title = "指標一覧"
    data = book.create_sheet("入力")
    data.sheet_state = "hidden"
    for k, text in enumerate(["指標", "単位", "基準", "実績1", "実績2", "目標"], start=1):
        data.cell(1, k, text)
    shown["A1"] = "施策3-2 移動しやすい交通環境の整備　指標の状況"
    _merge(shown, "A1:J1")
    heads = [(2, 1, "指標名"), (2, 2, "単位"), (2, 3, "基準値"), (4, 3, era(2021)), (2, 4, "年度ごとの状況"),
             (2, 8, "目標値"), (4, 8, era(2027)), (2, 9, "達成率"), (4, 9, f"（{era(2023)}）"), (2, 10, "所管")]
    for k, year in enumerate((2022, 2023)):
        heads += [(3, 4 + 2 * k, era(year)), (4, 4 + 2 * k, "目標"), (4, 5 + 2 * k, "実績")]
    for r, k, text in heads:
        _put(shown, r, k, text)
    _merge(shown, "A2:A4", "B2:B4", "C2:C3", "D2:G2", "D3:E3", "F3:G3", "H2:H3", "I2:I3", "J2:J4")
    cached: dict[tuple[int, str], float] = {}
    for n, (name, unit, (b, _), actuals, (t, _)) in enumerate(Y4_ROWS):
        d, r = 2 + n, 5 + n
        for k, value in enumerate((name, unit, b, actuals[0][1], actuals[1][1], t), start=1):
            data.cell(d, k, value)
        _put(shown, r, 1, f"='入力'!A{d}")
        cached[(1, f"A{r}")] = name
        _put(shown, r, 2, f"='入力'!B{d}")
        cached[(1, f"B{r}")] = unit
        fmt = '0.0"%"' if unit == "%" else "#,##0.0" if isinstance(b, float) else "#,##0"
        for k, column, value in ((3, "C", b), (5, "D", actuals[0][1]), (7, "E", actuals[1][1]), (8, "F", t)):
            _put(shown, r, k, f"='入力'!{column}{d}", fmt)
            cached[(1, f"{'ABCDEFGH'[k - 1]}{r}")] = value
        for k, year in ((4, 2022), (6, 2023)):
            aim = round(b + (t - b) * (year - 2021) / 6, 1)
            _put(shown, r, k, aim if isinstance(b, float) else round(aim), fmt)
        _put(shown, r, 9, f"=G{r}/H{r}", "0.0%")
        cached[(1, f"I{r}")] = actuals[1][1] / t
        _put(shown, r, 10, "交通政策課")
    book.save(str(path))
    return cache_formulas(path, cached)


def cache_formulas(path: Path, cached: dict[tuple[int, str], float | str]) -> Path:
    """Write each formula's result into the saved file, as Excel and LibreOffice keep it beside the
    formula (openpyxl writes an empty one): ``cached`` maps (sheet index from 1, cell) to the value;
    a text result is stored ``t="str"``."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    for (sheet, cell), value in cached.items():
        name = f"xl/worksheets/sheet{sheet}.xml"
        xml = parts[name].decode("utf-8")
        pattern = rf'<c r="{cell}"([^>]*)><f>([^<]*)</f><v\s*/?>(?:</v>)?'
        if isinstance(value, str):
            replacement = rf'<c r="{cell}"\g<1> t="str"><f>\g<2></f><v>{value}</v>'
        else:
            replacement = rf'<c r="{cell}"\g<1>><f>\g<2></f><v>{value}</v>'
        xml, count = re.subn(pattern, replacement, xml)
        assert count == 1, (sheet, cell)
        parts[name] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    return path


Y5_SHEETS: dict[str, tuple[str, list[Row]]] = {
    "施策5-1": ("施策5-1 文化芸術の振興", [
        ("市民文化祭の来場者数", "人", (9340, 2021), [(2022, 10210), (2023, 11480)], (13000, 2027)),
        ("文化ホールの稼働率", "%", (62.8, 2021), [(2022, 66.4), (2023, 70.3)], (75.0, 2027)),
    ]),
    "施策5-2": ("施策5-2 スポーツの推進", [
        ("週1回以上スポーツをする成人の割合", "%", (48.1, 2021), [(2022, 49.6), (2023, 51.0)], (65.0, 2027)),
        ("総合体育館の年間利用者数", "人", (184520, 2021), [(2022, 196300), (2023, 205870)], (230000, 2027)),
    ]),
    "施策5-3": ("施策5-3 文化財の保存と活用", [
        ("郷土資料館の入館者数", "人", (7215, 2021), [(2022, 7890), (2023, 8430)], (10000, 2027)),
        ("文化財ボランティアの登録者数", "人", (46, 2021), [(2022, 51), (2023, 49)], (70, 2027)),
    ]),
}


def make_y5(path: Path) -> Path:
    """A summary sheet first (指標数, 達成した指標数, ``=C5/B5`` as 0.0%), then a sheet per measure
    whose 達成率 cells are formulas (``=E5/D5``), all results cached."""
    import openpyxl

    book = openpyxl.Workbook()
    summary = book.active
    summary.title = "総括表"
    summary["A1"] = "基本目標5 文化とスポーツ　施策の達成状況（令和5年度）"
    _merge(summary, "A1:D1")
    for k, text in enumerate(["施策", "指標数", "達成した指標数", "達成割合"], start=1):
        _put(summary, 3, k, text)
    cached: dict[tuple[int, str], float | str] = {}
    for n, (title, (heading, rows)) in enumerate(Y5_SHEETS.items()):
        r = 4 + n
        _put(summary, r, 1, heading)
        _put(summary, r, 2, len(rows), "0")
        met = sum(a[-1][1] >= t for _, _, _, a, (t, _) in rows)
        _put(summary, r, 3, met, "0")
        _put(summary, r, 4, f"=C{r}/B{r}", "0.0%")
        cached[(1, f"D{r}")] = met / len(rows)
        sheet = book.create_sheet(title)
        sheet["A1"] = heading
        _merge(sheet, "A1:J1")
        heads = [(3, 1, "成果指標"), (3, 2, "単位"), (3, 3, f"基準値\n（{era(2021)}）")]
        for k, year in enumerate((2022, 2023)):
            heads += [(3, 4 + 3 * k, era(year)), (4, 4 + 3 * k, "目標"), (4, 5 + 3 * k, "実績"), (4, 6 + 3 * k, "達成率")]
        heads += [(3, 10, f"目標値\n（{era(2027)}）")]
        for r, k, text in heads:
            _put(sheet, r, k, text)
        _merge(sheet, "A3:A4", "B3:B4", "C3:C4", "D3:F3", "G3:I3", "J3:J4")
        for m, (name, unit, (b, _), actuals, (t, _)) in enumerate(rows):
            r = 5 + m
            _put(sheet, r, 1, name)
            _put(sheet, r, 2, unit)
            _figure(sheet, r, 3, b, unit, "fraction")
            for k, (year, value) in enumerate(actuals):
                aim = round(b + (t - b) * (year - 2021) / 6, 1 if unit == "%" else None)
                _figure(sheet, r, 4 + 3 * k, aim, unit, "fraction")
                _figure(sheet, r, 5 + 3 * k, value, unit, "fraction")
                target_cell, actual_cell, rate_cell = (f"{'ABCDEFGHIJ'[3 + 3 * k]}{r}", f"{'ABCDEFGHIJ'[4 + 3 * k]}{r}",
                                                       f"{'ABCDEFGHIJ'[5 + 3 * k]}{r}")
                _put(sheet, r, 6 + 3 * k, f"={actual_cell}/{target_cell}", "0.0%")
                cached[(2 + n, rate_cell)] = round(value / aim, 6)
            _figure(sheet, r, 10, t, unit, "fraction")
    book.save(str(path))
    return cache_formulas(path, cached)


# --- Word ----------------------------------------------------------------------------------------

PLACEHOLDER = "この欄には施策の背景と課題を説明する文章が入ります。内容は架空です。"

V1_MEASURES: list[tuple[str, list[Row]]] = [
    ("子どもの読書活動の推進", [
        ("小学生の1か月の平均読書冊数", "冊", (11.2, 2022), [], (13.0, 2028)),
        ("学校図書館の蔵書充足率", "%", (87.5, 2022), [], (100.0, 2028)),
        ("読み聞かせボランティアの登録者数", "人", (163, 2022), [], (220, 2028)),
    ]),
    ("青少年の健全育成", [
        ("青少年の居場所事業の利用者数", "人", (4380, 2021), [], (6000, 2028)),
        ("地域の行事に参加したことがある中学生の割合", "%", (52.6, 2022), [], (65.0, 2028)),
    ]),
]


def make_v1(path: Path) -> Path:
    """Measures under automatically numbered headings; a table per measure whose 基準値 and 目標値
    each span a value and a year column (``gridSpan``), 指標名 and 単位 merged down (``vMerge``)."""
    document = word_document()
    document.add_heading("第4章 未来を担う人を育むまち", level=1)
    numbers = add_numbering(document, [("decimal", "施策4-%1")], suffix="space")
    for heading, rows in V1_MEASURES:
        paragraph = document.add_heading(heading, level=2)
        set_numbering(paragraph, numbers)
        document.add_paragraph(PLACEHOLDER)
        document.add_paragraph("成果指標")
        table = [["指標名", "単位", "基準値", None, "目標値", None], [None, None, "数値", "年度", "数値", "年度"]]
        table += [[name, unit, printed(b), era(by), printed(t), era(ty)] for name, unit, (b, by), _, (t, ty) in rows]
        merged_table(document, table, [(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 0, 3), (0, 4, 0, 5)], [6.4, 1.4, 2.2, 2.6, 2.2, 2.6])
    document.save(str(path))
    return path


V2_ROWS: list[tuple[str, Row]] = [
    ("6-1", ("家庭系ごみの1人1日当たり排出量", "g", (512, 2021), [(2023, 498), (2024, 489)], (460, 2027))),
    ("6-1", ("資源物の回収量", "t", (3874, 2021), [(2023, 3910), (2024, 3952)], (4200, 2027))),
    ("6-1", ("生ごみ処理機の購入助成件数", "件", (85, 2021), [(2023, 97), (2024, 104)], (120, 2027))),
    ("6-2", ("市域の温室効果ガス排出量", "千t-CO2", (612.3, 2019), [(2023, 585.0), (2024, 571.4)], (480.0, 2027))),
    ("6-2", ("住宅用太陽光発電設備の設置補助件数", "件", (142, 2021), [(2023, 168), (2024, 187)], (250, 2027))),
    ("6-2", ("公用車に占める次世代自動車の割合", "%", (18.5, 2021), [(2023, 26.7), (2024, 31.0)], (50.0, 2027))),
    ("6-3", ("河川の水質環境基準の達成地点数", "地点", (7, 2021), [(2023, 8), (2024, 8)], (10, 2027))),
]


def make_v2(path: Path) -> Path:
    """One long table after pages of text, running over a page break with its two header rows marked
    to repeat (``w:tblHeader``): 施策 merged down its rows, the years over 目標 | 実績 (``gridSpan``)."""
    from docx.oxml import parse_xml

    document = word_document()
    document.add_heading("基本目標6 環境と共生するまち", level=1)
    for _ in range(8):
        document.add_paragraph(PLACEHOLDER * 4)
    document.add_paragraph("■ 成果指標の推移")
    rows: list[list[str | None]] = [
        ["施策", "指標名", "単位", f"基準値\n（{era(2021)}）", era(2023), None, era(2024), None, f"目標値\n（{era(2027)}）"],
        [None, None, None, None, "目標", "実績", "目標", "実績", None]]
    merges = [(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 1, 2), (0, 3, 1, 3), (0, 4, 0, 5), (0, 6, 0, 7), (0, 8, 1, 8)]
    first = 2
    for n, (measure, (name, unit, (b, by), actuals, (t, _))) in enumerate(V2_ROWS):
        if n and V2_ROWS[n - 1][0] != measure:
            merges.append((first, 0, len(rows) - 1, 0))
            first = len(rows)
        cells: list[str | None] = [measure if len(rows) == first else None, name, unit,
                                   printed(b) + ("" if by == 2021 else f"\n（{era(by)}）")]
        for year, value in actuals:
            aim = b + (t - b) * (year - 2021) / 6
            cells += [printed(round(aim, 1) if isinstance(b, float) else round(aim)), printed(value)]
        rows.append([*cells, printed(t)])
    merges.append((first, 0, len(rows) - 1, 0))
    table = merged_table(document, rows, merges, [1.4, 5.0, 1.6, 2.0, 1.5, 1.5, 1.5, 1.5, 2.0])
    for row in table.rows[:2]:
        row._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader xmlns:w="{W_NS}"/>'))
    document.add_paragraph("※ 基準値の年度が異なるものは括弧内に示しています。")
    document.save(str(path))
    return path


V3_ROWS: list[Row] = [
    ("消費生活相談の受付件数", "件", (1126, 2022), [], (1000, 2028)),
    ("消費者講座の受講者数", "人", (398, 2022), [], (600, 2028)),
    ("多文化共生サポーターの登録者数", "人", (74, 2022), [], (120, 2028)),
    ("外国人向け生活ガイダンスの開催回数", "回", (6, 2022), [], (12, 2028)),
    ("人権啓発講演会の参加者数", "人", (512, 2022), [], (800, 2028)),
    ("男女共同参画に関する市民意識調査で「平等」と答えた人の割合", "%", (21.4, 2022), [], (30.0, 2028)),
]


def make_v3(path: Path) -> Path:
    """An indicator table split at a page break into two tables, the second under 「（前ページからの続き）」
    repeating the header row; 現状値 and 目標値 span a figure and a year cell under them."""
    from docx.enum.text import WD_BREAK

    document = word_document()
    document.add_heading("施策7-1 人権と多様性を尊重する社会づくり", level=1)
    for _ in range(3):
        document.add_paragraph(PLACEHOLDER * 3)
    document.add_paragraph("【成果指標】")
    header: list[list[str | None]] = [["指標", "単位", "現状値", None, "目標値", None],
                                      [None, None, "値", "時点", "値", "時点"]]
    merges = [(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 0, 3), (0, 4, 0, 5)]
    widths = [7.0, 1.4, 2.0, 2.4, 2.0, 2.4]

    def body(rows: list[Row]) -> list[list[str | None]]:
        return [[name, unit, printed(b), era(by), printed(t), era(ty)] for name, unit, (b, by), _, (t, ty) in rows]

    merged_table(document, header + body(V3_ROWS[:4]), merges, widths)
    document.add_paragraph("（次ページへ続く）")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("（前ページからの続き）")
    merged_table(document, header + body(V3_ROWS[4:]), merges, widths)
    document.add_paragraph(PLACEHOLDER)
    document.save(str(path))
    return path


def _y1_rows() -> list[Row]:
    return [row for _, _, rows in Y1_SHEETS.values() for row, _ in rows]


DOCUMENTS: dict[str, tuple[Callable[[Path], Path], list[Row]]] = {
    "r5_y1_sheets.xlsx": (make_y1, _y1_rows()),
    "r5_y2_formats.xlsx": (make_y2, [row for row, _ in Y2_ROWS]),
    "r5_y3_dates.xlsx": (make_y3, [row for row, _, _ in Y3_ROWS]),
    "r5_y4_formulas.xlsx": (make_y4, Y4_ROWS),
    "r5_y5_summary.xlsx": (make_y5, [row for _, rows in Y5_SHEETS.values() for row in rows]),
    "r5_v1_numbered.docx": (make_v1, [row for _, rows in V1_MEASURES for row in rows]),
    "r5_v2_longtable.docx": (make_v2, [row for _, row in V2_ROWS]),
    "r5_v3_continued.docx": (make_v3, V3_ROWS),
}


def build(directory: Path) -> dict[str, list[dict]]:
    """Make the eight sources in ``directory``; return and write expected.json."""
    directory.mkdir(parents=True, exist_ok=True)
    expected: dict[str, list[dict]] = {}
    for name, (make, rows) in DOCUMENTS.items():
        make(directory / name)
        expected[name] = gold(rows)
    (directory / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1), encoding="utf-8")
    return expected


if __name__ == "__main__":
    build(Path(sys.argv[1]))
