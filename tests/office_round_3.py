"""The third blind round of office documents: ten Excel and Word files made as cities' staff make
them (invented names and figures), kept so that the round can be rebuilt and its reading pinned.

``python tests/office_round_3.py DIR`` writes the ten sources, their LibreOffice PDFs, the two
pdftotext renderings of each PDF and ``expected.json`` into DIR.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from docmaker import W_NS, merged_table  # noqa: E402
from office_rounds import Row, era, gold, printed, word_document  # noqa: E402

PLAN_START, PLAN_END = 2022, 2028  # a basic plan's baseline and final year
EVAL_YEARS = (2021, 2022, 2023)

# --- Excel ---------------------------------------------------------------------------------------


def _sheet_setup(sheet, widths: dict[str, float]) -> None:  # type: ignore[no-untyped-def]
    for letter, width in widths.items():
        sheet.column_dimensions[letter].width = width
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _put(sheet, r: int, k: int, value, *, unit: str = "", fmt: str | None = None, wrap: bool = True):  # type: ignore[no-untyped-def]
    """Write a cell with a border; a value in % goes in as a fraction under a 0.0% format."""
    from openpyxl.styles import Alignment, Border, Side

    if unit == "%" and isinstance(value, (int, float)):
        value = round(value / 100, 6)
        fmt = fmt or "0.0%"
    cell = sheet.cell(r, k, value)
    if fmt is None and isinstance(value, (int, float)):
        fmt = "#,##0" if isinstance(value, int) else "#,##0.0"
    if fmt:
        cell.number_format = fmt
    thin = Side(style="thin")
    cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    cell.alignment = Alignment(wrap_text=wrap, vertical="center")
    return cell


def _frame(sheet, top: int, left: int, bottom: int, right: int) -> None:
    for r in range(top, bottom + 1):
        for k in range(left, right + 1):
            if sheet.cell(r, k).value is None:
                _put(sheet, r, k, None)


def _interim(target: float, baseline: float, year: int, final: int, base_year: int) -> float:
    """A yearly target on the straight line from the baseline to the final target."""
    share = (year - base_year) / (final - base_year)
    value = baseline + (target - baseline) * share
    return round(value) if isinstance(target, int) else round(value, 1)


X1_SHEETS: dict[str, tuple[str, str, list[Row]]] = {
    "施策1-1": ("施策1-1 地域医療体制の確保", "健康推進課", [
        ("休日急患診療所の受診者数", "人", (3120, 2020), [(2021, 3388), (2022, 3507), (2023, 3641)], (4000, 2025)),
        ("かかりつけ医をもつ市民の割合", "%", (52.4, 2020), [(2021, 53.1), (2022, 54.9), (2023, 55.6)], (60.0, 2025)),
        ("在宅医療と介護の連携に関する研修会の参加者数（医療・介護関係者）", "人", (186, 2020), [(2021, 142), (2022, 201), (2023, 233)], (260, 2025)),
    ]),
    "施策1-2": ("施策1-2 感染症対策の推進", "保健予防課", [
        ("麻しん風しん混合ワクチン（第1期）の接種率", "%", (93.8, 2020), [(2021, 94.6), (2022, 95.2), (2023, 96.1)], (98.0, 2025)),
        ("感染症予防講座の開催回数", "回", (14, 2020), [(2021, 9), (2022, 17), (2023, 21)], (24, 2025)),
        ("手洗い・換気を習慣にしている市民の割合", "%", (71.5, 2020), [(2021, 80.3), (2022, 78.8), (2023, 77.4)], (80.0, 2025)),
    ]),
}


def make_x1(path: Path) -> Path:
    """Evaluation sheets, one per measure: a three-row header (年度 over 目標/実績), 達成率, 所管課, and
    a 事業費 row in 千円 under the indicators."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, (heading, department, rows) in X1_SHEETS.items():
        sheet = book.create_sheet(title)
        sheet["A1"] = f"令和5年度 施策評価シート　{heading}"
        sheet.merge_cells("A1:L1")
        sheet["A2"] = f"所管課：{department}"
        heads = [(3, 1, "成果指標"), (3, 2, "単位"), (3, 3, "基準値"), (5, 3, era(2020)),
                 (3, 4, "年度別の目標と実績"), (3, 10, "目標値"), (5, 10, era(2025)), (3, 11, "達成率\n（令和5年度）"), (3, 12, "所管課")]
        for k, year in enumerate(EVAL_YEARS):
            heads += [(4, 4 + 2 * k, era(year)), (5, 4 + 2 * k, "目標"), (5, 5 + 2 * k, "実績")]
        for r, k, text in heads:
            _put(sheet, r, k, text)
        _frame(sheet, 3, 1, 5, 12)
        for merge in ("A3:A5", "B3:B5", "C3:C4", "D3:I3", "D4:E4", "F4:G4", "H4:I4", "J3:J4", "K3:K5", "L3:L5"):
            sheet.merge_cells(merge)
        r = 6
        for name, unit, (b, by), actuals, (t, ty) in rows:
            _put(sheet, r, 1, name)
            _put(sheet, r, 2, unit)
            _put(sheet, r, 3, b, unit=unit)
            for k, (year, value) in enumerate(actuals):
                _put(sheet, r, 4 + 2 * k, _interim(t, b, year, ty, by), unit=unit)
                _put(sheet, r, 5 + 2 * k, value, unit=unit)
            _put(sheet, r, 10, t, unit=unit)
            _put(sheet, r, 11, round(actuals[-1][1] / t, 4), fmt="0.0%")
            _put(sheet, r, 12, department)
            r += 1
        _put(sheet, r, 1, "事業費（施策全体）")
        _put(sheet, r, 2, "千円")
        _put(sheet, r, 3, 48210)
        for k, value in enumerate((51300, 50880, 55020)):
            _put(sheet, r, 4 + 2 * k, value + 1200)
            _put(sheet, r, 5 + 2 * k, value)
        _frame(sheet, r, 10, r, 12)
        _sheet_setup(sheet, {"A": 30, "B": 6, "C": 10, **{c: 9 for c in "DEFGHI"}, "J": 10, "K": 10, "L": 12})
    book.save(str(path))
    return path


X2_GOALS: dict[str, tuple[str, list[tuple[str, list[Row]]]]] = {
    "基本目標2": ("基本目標2 学びと文化が息づくまち", [
        ("施策2-1 学校教育の充実", [
            ("全国学力調査で平均正答率が全国平均以上の教科の数", "教科", (2, 2020), [(2021, 2), (2022, 3), (2023, 3)], (4, 2026)),
            ("学校に行くのが楽しいと答える児童生徒の割合", "%", (84.2, 2020), [(2021, 85.0), (2022, 83.7), (2023, 86.4)], (90.0, 2026)),
        ]),
        ("施策2-2 生涯学習の推進", [
            ("市民講座の延べ受講者数", "人", (6840, 2020), [(2021, 4120), (2022, 5980), (2023, 7215)], (8500, 2026)),
            ("図書館の市民一人当たり貸出冊数", "冊", (5.8, 2020), [(2021, 6.1), (2022, 6.3), (2023, 6.2)], (7.0, 2026)),
        ]),
    ]),
    "基本目標3": ("基本目標3 にぎわいと活力のあるまち", [
        ("施策3-1 商工業の振興", [
            ("創業支援による新規創業件数", "件", (27, 2020), [(2021, 31), (2022, 35), (2023, 38)], (45, 2026)),
            ("中心市街地の歩行者通行量（休日）", "人", (12450, 2020), [(2021, 10980), (2022, 12010), (2023, 13360)], (15000, 2026)),
            ("市内事業所の従業者数", "人", (41230, 2020), [(2021, 41090), (2022, 41560), (2023, 41875)], (43000, 2026)),
        ]),
    ]),
}


def make_x2(path: Path) -> Path:
    """A basic plan's progress workbook: a sheet per goal, measures as merged section rows, a
    two-row header, 現状値 with its year in the header, 最終目標, 達成率; a third sheet of 事業費."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, (heading, measures) in X2_GOALS.items():
        sheet = book.create_sheet(title)
        sheet["A1"] = f"第3次総合計画 前期基本計画 進捗状況一覧　{heading}"
        sheet.merge_cells("A1:K1")
        heads = [(3, 1, "成果指標"), (3, 2, "単位"), (3, 3, f"現状値\n（{era(2020)}）")]
        for k, year in enumerate(EVAL_YEARS):
            heads += [(3, 4 + 2 * k, era(year)), (4, 4 + 2 * k, "目標"), (4, 5 + 2 * k, "実績")]
        heads += [(3, 10, f"最終目標\n（{era(2026)}）"), (3, 11, "達成率")]
        for r, k, text in heads:
            _put(sheet, r, k, text)
        _frame(sheet, 3, 1, 4, 11)
        for merge in ("A3:A4", "B3:B4", "C3:C4", "D3:E3", "F3:G3", "H3:I3", "J3:J4", "K3:K4"):
            sheet.merge_cells(merge)
        r = 5
        for measure, rows in measures:
            _put(sheet, r, 1, measure)
            _frame(sheet, r, 2, r, 11)
            sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=11)
            r += 1
            for name, unit, (b, by), actuals, (t, ty) in rows:
                _put(sheet, r, 1, name)
                _put(sheet, r, 2, unit)
                _put(sheet, r, 3, b, unit=unit)
                for k, (year, value) in enumerate(actuals):
                    _put(sheet, r, 4 + 2 * k, _interim(t, b, year, ty, by), unit=unit)
                    _put(sheet, r, 5 + 2 * k, value, unit=unit)
                _put(sheet, r, 10, t, unit=unit)
                _put(sheet, r, 11, round((actuals[-1][1] - b) / (t - b), 4), fmt="0.0%")
                r += 1
        _sheet_setup(sheet, {"A": 36, "B": 6, "C": 11, **{c: 9 for c in "DEFGHI"}, "J": 11, "K": 9})
    money = book.create_sheet("事業費")
    money["A1"] = "施策別事業費の推移（単位：千円）"
    money.merge_cells("A1:E1")
    for k, text in enumerate(["施策", "所管課", *(era(y) for y in EVAL_YEARS)], start=1):
        _put(money, 3, k, text)
    spend = [("施策2-1 学校教育の充実", "学校教育課", (812400, 798150, 845320)),
             ("施策2-2 生涯学習の推進", "生涯学習課", (121870, 118420, 126030)),
             ("施策3-1 商工業の振興", "商工振興課", (233150, 241980, 229760))]
    for r, (measure, department, values) in enumerate(spend, start=4):
        _put(money, r, 1, measure)
        _put(money, r, 2, department)
        for k, value in enumerate(values, start=3):
            _put(money, r, k, value)
    _sheet_setup(money, {"A": 30, "B": 14, "C": 12, "D": 12, "E": 12})
    book.save(str(path))
    return path


X3_ROWS: list[tuple[Row, str]] = [
    (("ごみの総排出量", "t", (28640, 2020), [(2021, 28110), (2022, 27530), (2023, 27080)], (25500, 2025)), "ごみ減量推進課"),
    (("リサイクル率", "%", (21.3, 2020), [(2021, 21.9), (2022, 22.4), (2023, 22.1)], (26.0, 2025)), "ごみ減量推進課"),
    (("公共施設の太陽光発電設備の設置施設数", "施設", (18, 2020), [(2021, 20), (2022, 23), (2023, 25)], (30, 2025)), "環境政策課"),
    (("環境美化活動に参加した市民の延べ人数", "人", (5230, 2020), [(2021, 2840), (2022, 4410), (2023, 5960)], (6500, 2025)), "環境政策課"),
    (("不法投棄の通報件数", "件", (142, 2020), [(2021, 131), (2022, 118), (2023, 109)], (90, 2025)), "生活環境課"),
]


def make_x3(path: Path) -> Path:
    """Each indicator on two rows, 目標 above 実績 (a 区分 column), its name, unit, baseline, final
    target and department merged over both; a 事業費 pair (予算/決算, 千円) below."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "環境分野"
    sheet["A1"] = "施策4-2 循環型社会の形成　成果指標の達成状況"
    sheet.merge_cells("A1:I1")
    heads = ["指標名", "単位", f"基準値\n（{era(2020)}）", "区分", *(era(y) for y in EVAL_YEARS), f"目標値\n（{era(2025)}）", "所管課"]
    for k, text in enumerate(heads, start=1):
        _put(sheet, 3, k, text)
    r = 4
    for (name, unit, (b, by), actuals, (t, ty)), department in X3_ROWS:
        _put(sheet, r, 1, name)
        _put(sheet, r, 2, unit)
        _put(sheet, r, 3, b, unit=unit)
        _put(sheet, r, 4, "目標")
        _put(sheet, r + 1, 4, "実績")
        for k, (year, value) in enumerate(actuals, start=5):
            _put(sheet, r, k, _interim(t, b, year, ty, by), unit=unit)
            _put(sheet, r + 1, k, value, unit=unit)
        _put(sheet, r, 8, t, unit=unit)
        _put(sheet, r, 9, department)
        _frame(sheet, r + 1, 1, r + 1, 9)
        for k in (1, 2, 3, 8, 9):
            sheet.merge_cells(start_row=r, start_column=k, end_row=r + 1, end_column=k)
        r += 2
    _put(sheet, r, 1, "事業費")
    _put(sheet, r, 2, "千円")
    _put(sheet, r, 4, "予算")
    _put(sheet, r + 1, 4, "決算")
    for k, (budget, spent) in enumerate(((96420, 94180), (99850, 97310), (101200, 98760)), start=5):
        _put(sheet, r, k, budget)
        _put(sheet, r + 1, k, spent)
    _frame(sheet, r, 1, r + 1, 9)
    for k in (1, 2, 3, 8, 9):
        sheet.merge_cells(start_row=r, start_column=k, end_row=r + 1, end_column=k)
    _sheet_setup(sheet, {"A": 26, "B": 6, "C": 11, "D": 6, "E": 10, "F": 10, "G": 10, "H": 11, "I": 14})
    book.save(str(path))
    return path


X4_ROWS: list[Row] = [
    ("市が実施する子育て相談事業を利用したことがあり満足していると回答した保護者の割合", "%", (62.5, 2019), [(2021, 64.0), (2022, 66.2), (2023, 67.8)], (75.0, 2026)),
    ("放課後児童クラブの待機児童数", "人", (37, 2020), [(2021, 29), (2022, 18), (2023, 11)], (0, 2025)),
    ("地域の見守り活動に協力している事業所・団体の数（協定締結分）", "団体", (64, 2019), [(2021, 71), (2022, 78), (2023, 86)], (100, 2026)),
    ("ファミリー・サポート・センターの提供会員数", "人", (412, 2020), [(2021, 405), (2022, 431), (2023, 447)], (500, 2025)),
    ("乳幼児健康診査の受診率（4か月児・1歳6か月児・3歳児の平均）", "%", (96.1, 2019), [(2021, 95.4), (2022, 97.0), (2023, 97.6)], (98.0, 2026)),
    ("子ども食堂など地域の居場所の数", "か所", (9, 2020), [(2021, 12), (2022, 15), (2023, 19)], (20, 2025)),
]


def make_x4(path: Path) -> Path:
    """Long names wrapped in a narrow column; 基準年度 and 目標年度 in columns of their own; a
    three-row header (成果指標の推移 over the years over 目標/実績); 達成率 per year as 0.0%."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "子育て支援"
    sheet["A1"] = "施策5-3 子育て家庭への支援　指標一覧"
    sheet.merge_cells("A1:N1")
    sheet["A2"] = "（所管：子育て支援課）"
    heads = [(3, 1, "指標"), (3, 2, "単位"), (3, 3, "基準値"), (3, 4, "基準年度"), (3, 5, "成果指標の推移"),
             (3, 11, "目標値"), (3, 12, "目標年度"), (3, 13, "直近の達成率"), (3, 14, "所管課")]
    for k, year in enumerate(EVAL_YEARS):
        heads += [(4, 5 + 2 * k, era(year)), (5, 5 + 2 * k, "目標"), (5, 6 + 2 * k, "実績")]
    for r, k, text in heads:
        _put(sheet, r, k, text)
    _frame(sheet, 3, 1, 5, 14)
    for merge in ("A3:A5", "B3:B5", "C3:C5", "D3:D5", "E3:J3", "E4:F4", "G4:H4", "I4:J4", "K3:K5", "L3:L5", "M3:M5", "N3:N5"):
        sheet.merge_cells(merge)
    for r, (name, unit, (b, by), actuals, (t, ty)) in enumerate(X4_ROWS, start=6):
        _put(sheet, r, 1, name)
        _put(sheet, r, 2, unit)
        _put(sheet, r, 3, b, unit=unit)
        _put(sheet, r, 4, era(by))
        for k, (year, value) in enumerate(actuals):
            _put(sheet, r, 5 + 2 * k, _interim(t, b, year, ty, by), unit=unit)
            _put(sheet, r, 6 + 2 * k, value, unit=unit)
        _put(sheet, r, 11, t, unit=unit)
        _put(sheet, r, 12, era(ty))
        rate = 1.0 if t == 0 else min(1.0, actuals[-1][1] / t)
        _put(sheet, r, 13, round(rate, 4), fmt="0.0%")
        _put(sheet, r, 14, "子育て支援課")
    _sheet_setup(sheet, {"A": 24, "B": 5, "C": 9, "D": 10, **{c: 8 for c in "EFGHIJ"}, "K": 9, "L": 10, "M": 9, "N": 12})
    book.save(str(path))
    return path


X5_SHEETS: dict[str, tuple[str, list[Row]]] = {
    "3-1": ("施策3-1 道路・橋りょうの維持管理", [
        ("長寿命化修繕計画に基づく橋りょう修繕の完了数", "橋", (11, 2020), [(2021, 14), (2022, 18), (2023, 21)], (30, 2025)),
        ("道路の陥没・損傷に関する通報への即日対応率", "%", (88.4, 2020), [(2021, 90.2), (2022, 91.5), (2023, 92.8)], (95.0, 2025)),
    ]),
    "3-2": ("施策3-2 公共交通の確保", [
        ("コミュニティバスの年間利用者数", "人", (214300, 2020), [(2021, 188450), (2022, 203610), (2023, 221870)], (240000, 2025)),
        ("デマンド型乗合タクシーの登録者数", "人", (1260, 2020), [(2021, 1384), (2022, 1522), (2023, 1649)], (2000, 2025)),
    ]),
    "3-3": ("施策3-3 良好な住環境の形成", [
        ("空き家バンクの成約件数（累計）", "件", (23, 2020), [(2021, 31), (2022, 42), (2023, 50)], (70, 2025)),
        ("住宅の耐震化率", "%", (86.7, 2020), [(2021, 87.5), (2022, 88.3), (2023, 89.0)], (95.0, 2025)),
    ]),
}


def make_x5(path: Path) -> Path:
    """A sheet per measure; each year under 目標・実績・達成率 (the rate as 0.0%); 事業費 below the
    indicators as its own small table in 千円, with 所管課."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, (heading, rows) in X5_SHEETS.items():
        sheet = book.create_sheet(title)
        sheet["A1"] = f"{heading}（令和5年度評価）"
        sheet.merge_cells("A1:N1")
        heads = [(3, 1, "成果指標名"), (3, 2, "単位"), (3, 3, "基準値"), (4, 3, "令和2年度")]
        for k, year in enumerate(EVAL_YEARS):
            heads += [(3, 4 + 3 * k, era(year)), (4, 4 + 3 * k, "目標"), (4, 5 + 3 * k, "実績"), (4, 6 + 3 * k, "達成率")]
        heads += [(3, 13, "最終目標値"), (4, 13, "令和7年度"), (3, 14, "所管課")]
        for r, k, text in heads:
            _put(sheet, r, k, text)
        _frame(sheet, 3, 1, 4, 14)
        for merge in ("A3:A4", "B3:B4", "D3:F3", "G3:I3", "J3:L3", "N3:N4"):
            sheet.merge_cells(merge)
        r = 5
        for name, unit, (b, by), actuals, (t, ty) in rows:
            _put(sheet, r, 1, name)
            _put(sheet, r, 2, unit)
            _put(sheet, r, 3, b, unit=unit)
            for k, (year, value) in enumerate(actuals):
                aim = _interim(t, b, year, ty, by)
                _put(sheet, r, 4 + 3 * k, aim, unit=unit)
                _put(sheet, r, 5 + 3 * k, value, unit=unit)
                _put(sheet, r, 6 + 3 * k, round(value / aim, 4), fmt="0.0%")
            _put(sheet, r, 13, t, unit=unit)
            _put(sheet, r, 14, "都市整備課" if title != "3-2" else "交通政策課")
            r += 1
        r += 1
        sheet.cell(r, 1, "【事業費】（単位：千円）")
        r += 1
        for k, text in enumerate(["主な事業", "", "", *(era(y) for y in EVAL_YEARS)], start=1):
            _put(sheet, r, k, text)
        sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=3)
        for n, (project, values) in enumerate(((f"{heading.split()[1]}事業", (65400, 71230, 69880)), ("関連計画策定経費", (3200, 0, 4150)))):
            _put(sheet, r + 1 + n, 1, project)
            _frame(sheet, r + 1 + n, 2, r + 1 + n, 3)
            sheet.merge_cells(start_row=r + 1 + n, start_column=1, end_row=r + 1 + n, end_column=3)
            for k, value in enumerate(values, start=4):
                _put(sheet, r + 1 + n, k, value)
        _sheet_setup(sheet, {"A": 30, "B": 6, "C": 10, **{c: 8 for c in "DEFGHIJKL"}, "M": 10, "N": 11})
    book.save(str(path))
    return path


# --- Word ----------------------------------------------------------------------------------------

PLACEHOLDER = "ここに施策の現状と課題を述べる本文が入ります。記述は架空のものです。"


def _repeat_header(table, rows: int) -> None:  # type: ignore[no-untyped-def]
    from docx.oxml import parse_xml

    for row in table.rows[:rows]:
        row._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader xmlns:w="{W_NS}"/>'))


W1_MEASURES: list[tuple[str, list[Row]]] = [
    ("施策1-1 防災体制の強化", [
        ("自主防災組織の結成率", "%", (78.6, PLAN_START), [], (90.0, PLAN_END)),
        ("総合防災訓練の参加者数", "人", (2340, PLAN_START), [], (3000, PLAN_END)),
    ]),
    ("施策1-2 消防・救急体制の充実", [
        ("救急車の現場到着までの平均時間", "分", (8.9, PLAN_START), [], (8.0, PLAN_END)),
        ("住宅用火災警報器の設置率", "%", (81.2, PLAN_START), [], (92.0, PLAN_END)),
    ]),
    ("施策1-3 交通安全の推進", [
        ("交通事故の発生件数", "件", (412, PLAN_START), [], (350, PLAN_END)),
        ("交通安全教室の受講者数", "人", (5870, PLAN_START), [], (6500, PLAN_END)),
    ]),
]


def make_w1(path: Path) -> Path:
    """Measure pages: a heading 施策1-2 …, body text, and a 成果指標 table whose 指標名 and 単位 are
    merged over two header rows, 現状値 and 目標値 over their years."""
    document = word_document()
    document.add_heading("第2章 安全で安心して暮らせるまち", level=1)
    for heading, rows in W1_MEASURES:
        document.add_heading(heading, level=2)
        document.add_paragraph("【現状と課題】")
        document.add_paragraph(PLACEHOLDER * 2)
        document.add_paragraph("【成果指標】")
        table = [["指標名", "単位", "現状値", "目標値"], [None, None, era(PLAN_START), era(PLAN_END)]]
        table += [[name, unit, printed(b), printed(t)] for name, unit, (b, _), _, (t, _) in rows]
        merged_table(document, table, [(0, 0, 1, 0), (0, 1, 1, 1)], [8.0, 1.6, 3.0, 3.0])
        document.add_paragraph("【主な取組】")
        document.add_paragraph("(1) 取組の内容を記載します。")
    document.save(str(path))
    return path


W2_MEASURES: list[tuple[str, list[Row]]] = [
    ("施策2-1 農業の振興", [
        ("認定農業者数", "経営体", (148, PLAN_START), [], (165, PLAN_END)),
        ("農産物直売所の年間売上額", "万円", (31250, PLAN_START), [], (36000, PLAN_END)),
        ("遊休農地の面積", "ha", (42.7, PLAN_START), [], (35.0, PLAN_END)),
    ]),
    ("施策2-2 観光の振興", [
        ("観光入込客数", "万人", (186.4, PLAN_START), [], (220.0, PLAN_END)),
        ("観光案内所の利用者数", "人", (18920, PLAN_START), [], (24000, PLAN_END)),
        ("宿泊者数", "人", (64310, PLAN_START), [], (75000, PLAN_END)),
    ]),
]


def make_w2(path: Path) -> Path:
    """Indicators as columns: the rows are 指標名, 現状値（令和4年度） and 目標値（令和10年度), the
    values printed with their units."""
    document = word_document()
    document.add_heading("第3章 産業が元気なまち", level=1)
    for heading, rows in W2_MEASURES:
        document.add_heading(heading, level=2)
        document.add_paragraph(PLACEHOLDER)
        document.add_paragraph("◆ 成果指標")
        table = [["指標名", *(name for name, *_ in rows)],
                 [f"現状値（{era(PLAN_START)}）", *(f"{printed(b)}{unit}" for _, unit, (b, _), _, _ in rows)],
                 [f"目標値（{era(PLAN_END)}）", *(f"{printed(t)}{unit}" for _, unit, _, _, (t, _) in rows)]]
        merged_table(document, table, [], [3.6, 4.2, 4.2, 4.2])
        document.add_paragraph("※ 現状値は令和4年度末の数値です。")
    document.save(str(path))
    return path


W3_ROWS: list[tuple[str, Row, str]] = [
    ("5-1 高齢者福祉", ("介護予防教室の参加者数", "人", (3410, PLAN_START), [], (4200, PLAN_END)), "高齢福祉課"),
    ("5-1 高齢者福祉", ("認知症サポーターの養成者数（累計）", "人", (9870, PLAN_START), [], (13000, PLAN_END)), "高齢福祉課"),
    ("5-1 高齢者福祉", ("要介護認定を受けていない高齢者の割合", "%", (81.9, PLAN_START), [], (82.5, PLAN_END)), "介護保険課"),
    ("5-2 障がい者福祉", ("就労移行支援事業の利用者数", "人", (57, PLAN_START), [], (75, PLAN_END)), "障がい福祉課"),
    ("5-2 障がい者福祉", ("グループホームの定員数", "人", (126, PLAN_START), [], (160, PLAN_END)), "障がい福祉課"),
    ("5-3 地域福祉", ("民生委員・児童委員の充足率", "%", (92.3, PLAN_START), [], (100.0, PLAN_END)), "福祉総務課"),
    ("5-3 地域福祉", ("地域福祉活動の担い手養成講座の修了者数", "人", (184, PLAN_START), [], (300, PLAN_END)), "福祉総務課"),
    ("5-3 地域福祉", ("生活困窮者自立相談の新規相談件数", "件", (468, PLAN_START), [], (520, PLAN_END)), "生活支援課"),
]


def make_w3(path: Path) -> Path:
    """One long indicator table for a goal that runs over a page break, its two header rows repeated
    on the next page; the 施策 column merged down over its indicators."""
    document = word_document()
    document.add_heading("基本目標5 支え合い健やかに暮らせるまち", level=1)
    for _ in range(9):
        document.add_paragraph(PLACEHOLDER * 3)
    document.add_paragraph("■ 基本目標5の成果指標一覧")
    rows: list[list[str | None]] = [["施策", "成果指標", None, "現状値", "目標値", "所管課"],
                                    [None, "指標名", "単位", era(PLAN_START), era(PLAN_END), None]]
    merges = [(0, 0, 1, 0), (0, 1, 0, 2), (0, 5, 1, 5)]
    first = 2
    for k, (measure, (name, unit, (b, _), _, (t, _)), department) in enumerate(W3_ROWS):
        if k and W3_ROWS[k - 1][0] != measure:
            merges.append((first, 0, len(rows) - 1, 0))
            first = len(rows)
        rows.append([measure if len(rows) == first else None, name, unit, printed(b), printed(t), department])
    merges.append((first, 0, len(rows) - 1, 0))
    table = merged_table(document, rows, merges, [3.0, 6.4, 1.4, 2.2, 2.2, 2.6])
    _repeat_header(table, 2)
    document.add_paragraph("※ 目標値は計画の最終年度の値です。")
    document.save(str(path))
    return path


W4_MEASURES: list[tuple[str, list[Row], list[str]]] = [
    ("施策6-1 水道水の安定供給", [
        ("基幹管路の耐震適合率※1", "%", (47.3, PLAN_START), [], (58.0, PLAN_END)),
        ("有収率※2", "%", (89.6, PLAN_START), [], (92.0, PLAN_END)),
        ("配水池の耐震化施設数", "施設", (6, PLAN_START), [], (9, PLAN_END)),
    ], ["※1 基幹管路のうち耐震性のある管路の延長の割合", "※2 配水した水量のうち料金の対象となった水量の割合"]),
    ("施策6-2 下水道の整備", [
        ("汚水処理人口普及率※3", "%", (93.4, PLAN_START), [], (96.0, PLAN_END)),
        ("雨水整備済み面積", "ha", (612.5, PLAN_START), [], (680.0, PLAN_END)),
        ("下水道への接続件数（年間）", "件", (215, PLAN_START), [], (260, PLAN_END)),
    ], ["※3 下水道、農業集落排水、合併処理浄化槽を利用できる人口の割合"]),
]


def make_w4(path: Path) -> Path:
    """Measure pages with an interim target column and footnotes ※1… under each table."""
    document = word_document()
    document.add_heading("第6章 快適な都市基盤のまち", level=1)
    for heading, rows, notes in W4_MEASURES:
        document.add_heading(heading, level=2)
        document.add_paragraph(PLACEHOLDER)
        document.add_paragraph("成果指標")
        table: list[list[str | None]] = [["指標名", "単位", f"現状値\n（{era(PLAN_START)}）", f"中間目標値\n（{era(2025)}）", f"目標値\n（{era(PLAN_END)}）"]]
        for name, unit, (b, _), _, (t, _) in rows:
            middle = _interim(t, b, 2025, PLAN_END, PLAN_START)
            table.append([name, unit, printed(b), printed(middle), printed(t)])
        merged_table(document, table, [], [7.0, 1.6, 2.8, 2.8, 2.8])
        for note in notes:
            document.add_paragraph(note)
    document.save(str(path))
    return path


W5_ROWS: list[Row] = [
    ("市ホームページの年間閲覧数", "万件", (412.6, 2020), [(2021, 438.2), (2022, 455.9), (2023, 471.3)], (500.0, 2025)),
    ("電子申請できる手続の数", "件", (86, 2020), [(2021, 124), (2022, 197), (2023, 253)], (300, 2025)),
    ("マイナンバーカードの交付率", "%", (28.4, 2020), [(2021, 41.7), (2022, 68.9), (2023, 74.2)], (80.0, 2025)),
    ("窓口の平均待ち時間", "分", (18.5, 2020), [(2021, 16.2), (2022, 14.8), (2023, 12.9)], (10.0, 2025)),
    ("市政に関心がある市民の割合", "%", (55.7, 2020), [(2021, 56.3), (2022, 54.8), (2023, 57.9)], (65.0, 2025)),
]


def make_w5(path: Path) -> Path:
    """A Word evaluation sheet: each indicator on a 目標 row and an 実績 row (name, unit, baseline
    and final target merged over both), and a 事業費 table in 千円 that holds no indicator."""
    document = word_document()
    document.add_heading("令和5年度 施策評価シート", level=1)
    document.add_paragraph("施策番号：7-2　施策名：行政サービスのデジタル化　所管課：情報政策課")
    document.add_paragraph("1 成果指標の状況")
    rows: list[list[str | None]] = [["指標名", "単位", f"基準値\n（{era(2020)}）", "区分", *(era(y) for y in EVAL_YEARS), f"目標値\n（{era(2025)}）"]]
    merges = []
    for name, unit, (b, by), actuals, (t, ty) in W5_ROWS:
        r = len(rows)
        rows.append([name, unit, printed(b), "目標", *(printed(_interim(t, b, y, ty, by)) for y, _ in actuals), printed(t)])
        rows.append([None, None, None, "実績", *(printed(v) for _, v in actuals), None])
        merges += [(r, k, r + 1, k) for k in (0, 1, 2, 7)]
    merged_table(document, rows, merges, [5.2, 1.2, 2.2, 1.2, 2.0, 2.0, 2.0, 2.2])
    document.add_paragraph("2 事業費の推移（単位：千円）")
    money: list[list[str | None]] = [["区分", *(era(y) for y in EVAL_YEARS)],
                                     ["事業費", "38,420", "52,610", "47,980"],
                                     ["うち一般財源", "21,300", "30,150", "26,740"]]
    merged_table(document, money, [], [4.0, 3.0, 3.0, 3.0])
    document.add_paragraph("3 評価と今後の方向性")
    document.add_paragraph(PLACEHOLDER)
    document.save(str(path))
    return path


def _x1_rows() -> list[Row]:
    return [row for _, _, rows in X1_SHEETS.values() for row in rows]


DOCUMENTS: dict[str, tuple[Callable[[Path], Path], list[Row]]] = {
    "q2_x1_hyouka.xlsx": (make_x1, _x1_rows()),
    "q2_x2_kpi.xlsx": (make_x2, [row for _, measures in X2_GOALS.values() for _, rows in measures for row in rows]),
    "q2_x3_pairs.xlsx": (make_x3, [row for row, _ in X3_ROWS]),
    "q2_x4_wrapped.xlsx": (make_x4, X4_ROWS),
    "q2_x5_multi.xlsx": (make_x5, [row for _, rows in X5_SHEETS.values() for row in rows]),
    "q2_w1_measures.docx": (make_w1, [row for _, rows in W1_MEASURES for row in rows]),
    "q2_w2_columns.docx": (make_w2, [row for _, rows in W2_MEASURES for row in rows]),
    "q2_w3_longtable.docx": (make_w3, [row for _, row, _ in W3_ROWS]),
    "q2_w4_footnotes.docx": (make_w4, [row for _, rows, _ in W4_MEASURES for row in rows]),
    "q2_w5_evalsheet.docx": (make_w5, W5_ROWS),
}


def build(directory: Path) -> dict[str, list[dict]]:
    """Make the ten sources, their PDFs and both text renderings in ``directory``; return and write expected.json."""
    from docmaker import soffice_to_pdfs

    directory.mkdir(parents=True, exist_ok=True)
    sources = [make(directory / name) for name, (make, _) in DOCUMENTS.items()]
    pdfs = soffice_to_pdfs(sources, directory)
    expected: dict[str, list[dict]] = {}
    for (name, (_, rows)), pdf in zip(DOCUMENTS.items(), pdfs):
        stem = Path(name).stem
        subprocess.run(["pdftotext", str(pdf), str(directory / f"{stem}.txt")], check=True)
        subprocess.run(["pdftotext", "-layout", str(pdf), str(directory / f"{stem}.layout.txt")], check=True)
        for file in (f"{stem}.txt", f"{stem}.layout.txt", pdf.name):
            expected[file] = gold(rows)
    (directory / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1), encoding="utf-8")
    return expected


if __name__ == "__main__":
    build(Path(sys.argv[1]))
