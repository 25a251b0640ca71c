"""The seventh blind round of office documents, read from the files themselves: seven Excel workbooks
and three Word files made as cities' staff make them (invented names and figures), kept so that the
round can be rebuilt and its reading pinned.

The workbooks hold: an evaluation form (事務事業評価表) whose labels sit left of their values over
many merged ranges, with a small 目標/実績 grid by year inside the form; a sheet per measure beside a
summary sheet; years running down the rows with indicators across the columns; figures kept as text
(full-width digits and commas); percentages both as ``0.0%`` fractions and as text such as "85%";
year headers that are real Excel dates; a hidden column holding the figures of the former plan. The
Word files hold a heading per measure followed by a two-column key/value table per indicator, a
table with ``vMerge`` over 分野 and ``gridSpan`` over the year header, and a table whose rows carry
two indicators each (left half and right half).

``python tests/office_round_7.py DIR`` writes the ten sources and ``expected.json`` into DIR.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path


def _gold(name: str, unit: str, direction: str, base: tuple[float, int] | None,
          target: tuple[float, int] | None, actuals: dict[int, float]) -> dict:
    item: dict = {"name": name, "unit": unit, "direction": direction}
    if base is not None:
        item["baseline"] = {"value": base[0], "year": base[1]}
    if target is not None:
        item["target"] = {"value": target[0], "year": target[1], "kind": direction}
    item["actuals"] = [{"year": y, "value": v} for y, v in sorted(actuals.items())]
    return item


def _reiwa(year: int) -> str:
    return "令和元年度" if year == 2019 else f"令和{year - 2018}年度"


def _put(sheet, r: int, k: int, value, fmt: str | None = None):  # type: ignore[no-untyped-def]
    from openpyxl.styles import Alignment, Border, Side

    cell = sheet.cell(r, k, value)
    if fmt:
        cell.number_format = fmt
    thin = Side(style="thin")
    cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    cell.alignment = Alignment(wrap_text=True, vertical="center")
    return cell


def _labelled(sheet, r: int, k: int, label: str, value, span: int, fmt: str | None = None) -> None:
    """A label cell over two columns and its value over ``span`` columns to its right."""
    _put(sheet, r, k, label)
    sheet.merge_cells(start_row=r, start_column=k, end_row=r, end_column=k + 1)
    _put(sheet, r, k + 2, value, fmt)
    if span > 1:
        sheet.merge_cells(start_row=r, start_column=k + 2, end_row=r, end_column=k + 1 + span)


# --- Excel ---------------------------------------------------------------------------------------

FORM = [
    ("あじさい会館の年間利用者数", "人", "増加", (38200, 2020), (45000, 2027),
     {2021: (40000, 39150), 2022: (41500, 41820), 2023: (43000, 42640)}),
    ("出前講座の開催回数", "回", "増加", (64, 2020), (90, 2027),
     {2021: (70, 58), 2022: (75, 71), 2023: (80, 83)}),
]


def make_form(path: Path) -> list[dict]:
    """事務事業評価表: labels left of values, merged everywhere, a 目標/実績 grid per indicator."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "評価表"
    _put(ws, 1, 1, "令和５年度　事務事業評価表")
    ws.merge_cells("A1:L1")
    _labelled(ws, 3, 1, "事業名", "地域交流拠点運営事業", 4)
    _labelled(ws, 3, 7, "担当課", "市民協働課", 4)
    _labelled(ws, 4, 1, "総合計画の位置付け", "施策３－２　地域のつながりを育む", 10)
    _labelled(ws, 5, 1, "事業の目的", "市民が集い交流する機会を広げる。", 10)
    row = 7
    out = []
    for kind, (name, unit, way, base, target, years) in zip(("成果指標", "活動指標"), FORM):
        _put(ws, row, 1, kind)
        ws.merge_cells(start_row=row, start_column=1, end_row=row + 6, end_column=1)
        _put(ws, row, 2, "指標名")
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=3)
        _put(ws, row, 4, name)
        ws.merge_cells(start_row=row, start_column=4, end_row=row, end_column=12)
        _put(ws, row + 1, 2, "単位")
        ws.merge_cells(start_row=row + 1, start_column=2, end_row=row + 1, end_column=3)
        _put(ws, row + 1, 4, unit)
        ws.merge_cells(start_row=row + 1, start_column=4, end_row=row + 1, end_column=5)
        _put(ws, row + 1, 6, "方向性")
        ws.merge_cells(start_row=row + 1, start_column=6, end_row=row + 1, end_column=7)
        _put(ws, row + 1, 8, way)
        ws.merge_cells(start_row=row + 1, start_column=8, end_row=row + 1, end_column=9)
        _put(ws, row + 2, 2, "基準値")
        ws.merge_cells(start_row=row + 2, start_column=2, end_row=row + 2, end_column=3)
        _put(ws, row + 2, 4, base[0], "#,##0")
        ws.merge_cells(start_row=row + 2, start_column=4, end_row=row + 2, end_column=5)
        _put(ws, row + 2, 6, "基準年度")
        ws.merge_cells(start_row=row + 2, start_column=6, end_row=row + 2, end_column=7)
        _put(ws, row + 2, 8, _reiwa(base[1]))
        ws.merge_cells(start_row=row + 2, start_column=8, end_row=row + 2, end_column=9)
        _put(ws, row + 3, 2, "区分")
        ws.merge_cells(start_row=row + 3, start_column=2, end_row=row + 3, end_column=3)
        k = 4
        for year in years:
            _put(ws, row + 3, k, _reiwa(year))
            ws.merge_cells(start_row=row + 3, start_column=k, end_row=row + 3, end_column=k + 1)
            k += 2
        _put(ws, row + 3, k, f"最終目標（{_reiwa(target[1])}）")
        ws.merge_cells(start_row=row + 3, start_column=k, end_row=row + 3, end_column=k + 2)
        for offset, label in ((4, "目標"), (5, "実績")):
            _put(ws, row + offset, 2, label)
            ws.merge_cells(start_row=row + offset, start_column=2, end_row=row + offset, end_column=3)
            k = 4
            for year, (goal, done) in years.items():
                _put(ws, row + offset, k, goal if label == "目標" else done, "#,##0")
                ws.merge_cells(start_row=row + offset, start_column=k, end_row=row + offset, end_column=k + 1)
                k += 2
            _put(ws, row + offset, k, target[0] if label == "目標" else None, "#,##0")
            ws.merge_cells(start_row=row + offset, start_column=k, end_row=row + offset, end_column=k + 2)
        _put(ws, row + 6, 2, "達成状況")
        ws.merge_cells(start_row=row + 6, start_column=2, end_row=row + 6, end_column=3)
        _put(ws, row + 6, 4, "概ね順調")
        ws.merge_cells(start_row=row + 6, start_column=4, end_row=row + 6, end_column=12)
        direction = "increase" if way == "増加" else "decrease"
        out.append(_gold(name, unit, direction, base, target, {y: d for y, (_, d) in years.items()}))
        row += 8
    wb.save(path)
    return out


MEASURES = {
    "施策1-1": ("子育て相談の充実", [
        ("子育て相談窓口の相談件数", "件", (1840, 2019), (2400, 2026), {2022: 2105, 2023: 2236}),
        ("一時預かり事業の延べ利用者数", "人", (5310, 2019), (6000, 2026), {2022: 5480, 2023: 5725}),
    ]),
    "施策1-2": ("学びの環境づくり", [
        ("学校図書館の児童一人当たり貸出冊数", "冊", (28.4, 2019), (35.0, 2026), {2022: 30.1, 2023: 31.6}),
        ("放課後学習教室の登録者数", "人", (412, 2019), (520, 2026), {2022: 447, 2023: 468}),
    ]),
    "施策2-1": ("健康づくりの推進", [
        ("特定健康診査の受診率", "%", (41.2, 2019), (55.0, 2026), {2022: 44.8, 2023: 47.3}),
        ("介護予防教室の参加者数", "人", (2630, 2019), (3200, 2026), {2022: 2410, 2023: 2795}),
    ]),
}


def make_sheets(path: Path) -> list[dict]:
    """A summary sheet first, then one sheet per measure with its own small table."""
    from openpyxl import Workbook

    wb = Workbook()
    summary = wb.active
    summary.title = "総括表"
    for k, head in enumerate(("施策", "施策名", "成果指標", "達成率", "評価"), start=1):
        _put(summary, 1, k, head)
    r = 2
    out = []
    for code, (title, rows) in MEASURES.items():
        ws = wb.create_sheet(code)
        _put(ws, 1, 1, f"{code}　{title}")
        ws.merge_cells("A1:G1")
        heads = ("成果指標", "単位", "基準値\n（令和元年度）", "令和４年度\n実績値",
                 "令和５年度\n実績値", "目標値\n（令和８年度）", "備考")
        for k, head in enumerate(heads, start=1):
            _put(ws, 3, k, head)
        for i, (name, unit, base, target, acts) in enumerate(rows):
            fmt = "#,##0.0" if isinstance(base[0], float) else "#,##0"
            _put(ws, 4 + i, 1, name)
            _put(ws, 4 + i, 2, unit)
            _put(ws, 4 + i, 3, base[0], fmt)
            _put(ws, 4 + i, 4, acts[2022], fmt)
            _put(ws, 4 + i, 5, acts[2023], fmt)
            _put(ws, 4 + i, 6, target[0], fmt)
            _put(ws, 4 + i, 7, "")
            rate = round((acts[2023] - base[0]) / (target[0] - base[0]) * 100, 1)
            _put(summary, r, 1, code)
            _put(summary, r, 2, title)
            _put(summary, r, 3, name)
            _put(summary, r, 4, rate / 100, "0.0%")
            _put(summary, r, 5, "B" if rate < 50 else "A")
            r += 1
            out.append(_gold(name, unit, "increase", base, target, acts))
    wb.save(path)
    return out


DOWN = [
    ("市営駐輪場の放置自転車撤去台数", "台", "decrease", 1260, 800, [1105, 990, 934]),
    ("ごみの資源化率", "%", "increase", 21.6, 27.0, [22.4, 23.1, 23.9]),
    ("市民一人一日当たりのごみ排出量", "g", "decrease", 912, 850, [901, 887, 879]),
]


def make_down(path: Path) -> list[dict]:
    """Years run down the rows (基準値, three actual years, 目標値); indicators run across."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "環境指標"
    _put(ws, 1, 1, "環境分野の成果指標の推移")
    ws.merge_cells("A1:D1")
    _put(ws, 3, 1, "年度")
    for k, (name, unit, *_rest) in enumerate(DOWN, start=2):
        _put(ws, 3, k, f"{name}（{unit}）")
    _put(ws, 4, 1, "目指す方向")
    for k, item in enumerate(DOWN, start=2):
        _put(ws, 4, k, "減らす" if item[2] == "decrease" else "増やす")
    labels = ["基準値（平成30年度）", "令和3年度", "令和4年度", "令和5年度", "目標値（令和9年度）"]
    for i, label in enumerate(labels):
        _put(ws, 5 + i, 1, label)
        for k, (_n, _u, _d, base, target, acts) in enumerate(DOWN, start=2):
            value = base if i == 0 else target if i == 4 else acts[i - 1]
            _put(ws, 5 + i, k, value, "#,##0.0" if isinstance(value, float) else "#,##0")
    wb.save(path)
    return [_gold(n, u, d, (b, 2018), (t, 2027), dict(zip((2021, 2022, 2023), a)))
            for n, u, d, b, t, a in DOWN]


def _wide(value: float) -> str:
    text = f"{value:,.1f}" if isinstance(value, float) else f"{value:,}"
    return text.translate(str.maketrans("0123456789,.", "０１２３４５６７８９，．"))


TEXTS = [
    ("農産物直売所の年間売上額", "千円", (184500, 2020), (210000, 2027), {2022: 191230, 2023: 198760}),
    ("認定農業者数", "経営体", (87, 2020), (95, 2027), {2022: 89, 2023: 91}),
    ("市内観光施設の入込客数", "千人", (1243.5, 2020), (1600.0, 2027), {2022: 1388.2, 2023: 1467.9}),
]


def make_texts(path: Path) -> list[dict]:
    """Every figure and year typed as text, digits and commas full-width."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "産業"
    heads = ("指標名", "単位", "基準値", "基準年度", "令和４年度実績", "令和５年度実績", "目標値", "目標年度")
    for k, head in enumerate(heads, start=1):
        _put(ws, 2, k, head)
    for i, (name, unit, base, target, acts) in enumerate(TEXTS):
        r = 3 + i
        for k, value in enumerate((name, unit, _wide(base[0]), _reiwa(base[1]).replace("2", "２"),
                                   _wide(acts[2022]), _wide(acts[2023]), _wide(target[0]),
                                   _reiwa(target[1]).replace("9", "９")), start=1):
            _put(ws, r, k, value, "@")
    wb.save(path)
    return [_gold(n, u, "increase", b, t, a) for n, u, b, t, a in TEXTS]


PERCENT = [
    ("自治会加入率", "fraction", (68.4, 2020), (72.0, 2027), {2021: 67.9, 2022: 67.1, 2023: 66.8}),
    ("市の情報発信に満足している市民の割合", "fraction", (52.5, 2020), (60.0, 2027),
     {2021: 53.8, 2022: 55.2, 2023: 56.0}),
    ("市民活動団体の活動継続率", "text", (85, 2020), (90, 2027), {2021: 86, 2022: 84, 2023: 88}),
]


def make_percent(path: Path) -> list[dict]:
    """Percentages as 0.0% fractions and as text "85%"; the unit only in the figures."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "協働"
    heads = ("成果指標", "現状値\n（令和2年度）", "令和3年度", "令和4年度", "令和5年度", "目標値\n（令和9年度）")
    for k, head in enumerate(heads, start=1):
        _put(ws, 3, k, head)
    for i, (name, style, base, target, acts) in enumerate(PERCENT):
        r = 4 + i
        _put(ws, r, 1, name)
        for k, value in enumerate((base[0], acts[2021], acts[2022], acts[2023], target[0]), start=2):
            if style == "fraction":
                _put(ws, r, k, round(value / 100, 6), "0.0%")
            else:
                _put(ws, r, k, f"{value}%")
    wb.save(path)
    return [_gold(n, "%", "increase", b, t, a) for n, _s, b, t, a in PERCENT]


DATED = [
    ("道路補修の要望への対応率", "%", (78.5, 2020), (90.0, 2026), {2021: 80.2, 2022: 83.6, 2023: 85.1}),
    ("公園愛護会の登録団体数", "団体", (34, 2020), (45, 2026), {2021: 36, 2022: 39, 2023: 41}),
]


def make_dated(path: Path) -> list[dict]:
    """Year headers are Excel dates (1 April of each fiscal year) shown as 年度 by their formats."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "都市基盤"
    _put(ws, 1, 1, "指標名")
    _put(ws, 1, 2, "単位")
    _put(ws, 1, 3, "基準値")
    ws.merge_cells("A1:A2")
    ws.merge_cells("B1:B2")
    _put(ws, 2, 3, datetime(2020, 4, 1), 'yyyy"年度"')
    _put(ws, 1, 4, "実績値")
    ws.merge_cells("D1:F1")
    for k, year in enumerate((2021, 2022, 2023), start=4):
        _put(ws, 2, k, datetime(year, 4, 1), '[$-ja-JP]ggge"年度"')
    _put(ws, 1, 7, "目標値")
    _put(ws, 2, 7, datetime(2026, 4, 1), 'yyyy"年度"')
    for i, (name, unit, base, target, acts) in enumerate(DATED):
        r = 3 + i
        fmt = "0.0" if isinstance(base[0], float) else "0"
        _put(ws, r, 1, name)
        _put(ws, r, 2, unit)
        for k, value in enumerate((base[0], acts[2021], acts[2022], acts[2023], target[0]), start=3):
            _put(ws, r, k, value, fmt)
    wb.save(path)
    return [_gold(n, u, "increase", b, t, a) for n, u, b, t, a in DATED]


HIDDEN = [
    ("消防団員の充足率", "%", (91.3, 2019), (95.0, 2027), 98.0, {2022: 90.6, 2023: 90.1}),
    ("救命講習の年間受講者数", "人", (1520, 2019), (2000, 2027), 1800, {2022: 1185, 2023: 1644}),
    ("住宅用火災警報器の設置率", "%", (82.7, 2019), (90.0, 2027), 100.0, {2022: 84.9, 2023: 85.5}),
]


def make_hidden(path: Path) -> list[dict]:
    """A hidden column keeps the former plan's targets beside the current figures."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "安全"
    heads = ("指標名", "単位", "前期計画目標値\n（令和2年度）", "基準値\n（令和元年度）",
             "実績値\n（令和4年度）", "実績値\n（令和5年度）", "目標値\n（令和9年度）")
    for k, head in enumerate(heads, start=1):
        _put(ws, 2, k, head)
    for i, (name, unit, base, target, old, acts) in enumerate(HIDDEN):
        r = 3 + i
        fmt = "#,##0.0" if isinstance(base[0], float) else "#,##0"
        for k, value in enumerate((name, unit, old, base[0], acts[2022], acts[2023], target[0]), start=1):
            _put(ws, r, k, value, fmt if k > 2 else None)
    ws.column_dimensions["C"].hidden = True
    wb.save(path)
    return [_gold(n, u, "increase", b, t, a) for n, u, b, t, _o, a in HIDDEN]


# --- Word ----------------------------------------------------------------------------------------

KEYVALUE = {
    "施策４－１　文化芸術に親しむ機会の充実": [
        ("市民ホール自主公演の入場者数", "人", "増やす", (8420, 2022), (10000, 2028), {2023: 8915}),
        ("文化財ボランティアの登録者数", "人", "増やす", (46, 2022), (60, 2028), {2023: 49}),
    ],
    "施策４－２　スポーツに親しむまちづくり": [
        ("週１回以上運動する成人の割合", "%", "増やす", (47.8, 2022), (55.0, 2028), {2023: 49.3}),
        ("体育施設の利用に関する苦情件数", "件", "減らす", (37, 2022), (20, 2028), {2023: 31}),
    ],
}


def _grid(table) -> None:  # type: ignore[no-untyped-def]
    table.style = "Table Grid"


def make_keyvalue(path: Path) -> list[dict]:
    """A heading per measure, then a two-column key/value table per indicator."""
    from docx import Document

    doc = Document()
    doc.add_heading("第４章　文化・スポーツ", level=1)
    out = []
    for heading, items in KEYVALUE.items():
        doc.add_heading(heading, level=2)
        doc.add_paragraph("施策の成果を測る指標は次のとおりです。")
        for name, unit, way, base, target, acts in items:
            (year, value), = acts.items()
            pairs = [("指標名", name), ("単位", unit),
                     ("現状値", f"{base[0]:,}（{_reiwa(base[1])}）"),
                     (f"実績値（{_reiwa(year)}）", f"{value:,}"),
                     ("目標値", f"{target[0]:,}（{_reiwa(target[1])}）"),
                     ("目指す方向", way)]
            table = doc.add_table(rows=0, cols=2)
            _grid(table)
            for key, val in pairs:
                cells = table.add_row().cells
                cells[0].text = key
                cells[1].text = val
            doc.add_paragraph("")
            out.append(_gold(name, unit, "increase" if way == "増やす" else "decrease", base, target, acts))
    doc.save(path)
    return out


MERGED = [
    ("健康・福祉", "地域包括支援センターの相談件数", "件", 3120, [3340, 3512, 3705], 4000),
    ("健康・福祉", "認知症サポーター養成数（累計）", "人", 6850, [7420, 8016, 8633], 10000),
    ("教育", "英語検定３級相当以上の中学３年生の割合", "%", 38.2, [40.5, 42.9, 44.1], 50.0),
    ("教育", "学校支援ボランティアの登録者数", "人", 288, [301, 325, 342], 400),
]


def make_merged(path: Path) -> list[dict]:
    """vMerge over 分野 and gridSpan over the 実績値 year header."""
    from docx import Document

    doc = Document()
    doc.add_heading("分野別の成果指標", level=1)
    table = doc.add_table(rows=2 + len(MERGED), cols=8)
    _grid(table)
    heads = ["分野", "指標名", "単位", "基準値", "実績値", "", "", "目標値"]
    subs = ["", "", "", "令和元年度", "令和3年度", "令和4年度", "令和5年度", "令和8年度"]
    for k in range(8):
        table.cell(0, k).text = heads[k]
        if subs[k]:
            table.cell(1, k).text = subs[k]
    for k in (0, 1, 2):
        table.cell(0, k).merge(table.cell(1, k))
    table.cell(0, 4).merge(table.cell(0, 6))
    for i, (area, name, unit, base, acts, target) in enumerate(MERGED):
        r = 2 + i
        cells = table.rows[r].cells
        if i % 2 == 0:
            cells[0].text = area
        for k, value in enumerate((name, unit, base, *acts, target), start=1):
            cells[k].text = f"{value:,}" if not isinstance(value, str) else value
    for r in (2, 4):
        table.cell(r, 0).merge(table.cell(r + 1, 0))
    doc.save(path)
    return [_gold(n, u, "increase", (b, 2019), (t, 2026), dict(zip((2021, 2022, 2023), a)))
            for _a, n, u, b, a, t in MERGED]


TWOUP = [
    ("空き家バンクの成約件数（件）", 12, 30),
    ("移住相談の件数（件）", 156, 240),
    ("市内の刑法犯認知件数（件）", 842, 700),
    ("地域見守り協定の締結事業者数（事業者）", 23, 40),
]


def make_twoup(path: Path) -> list[dict]:
    """Each row holds two indicators: the left half and the right half of the table."""
    from docx import Document

    doc = Document()
    doc.add_heading("施策５－３　住み続けたいまちの実現", level=2)
    doc.add_paragraph("成果指標")
    table = doc.add_table(rows=1 + len(TWOUP) // 2, cols=6)
    _grid(table)
    heads = ["指標名", "現状値（令和4年度）", "目標値（令和10年度）"] * 2
    for k, head in enumerate(heads):
        table.cell(0, k).text = head
    for i, (name, base, target) in enumerate(TWOUP):
        r, half = 1 + i // 2, (i % 2) * 3
        table.cell(r, half).text = name
        table.cell(r, half + 1).text = f"{base:,}"
        table.cell(r, half + 2).text = f"{target:,}"
    doc.save(path)
    out = []
    for name, base, target in TWOUP:
        stem, unit = name[:-1].split("（")
        out.append(_gold(stem, unit, "increase" if target > base else "decrease", (base, 2022),
                         (target, 2028), {}))
    return out


MAKERS: dict[str, Callable[[Path], list[dict]]] = {
    "r7_form.xlsx": make_form,
    "r7_sheets.xlsx": make_sheets,
    "r7_down.xlsx": make_down,
    "r7_texts.xlsx": make_texts,
    "r7_percent.xlsx": make_percent,
    "r7_dated.xlsx": make_dated,
    "r7_hidden.xlsx": make_hidden,
    "r7_keyvalue.docx": make_keyvalue,
    "r7_merged.docx": make_merged,
    "r7_twoup.docx": make_twoup,
}


def build(directory: Path) -> dict[str, list[dict]]:
    directory.mkdir(parents=True, exist_ok=True)
    expected = {name: make(directory / name) for name, make in MAKERS.items()}
    (directory / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1), encoding="utf-8")
    return expected


if __name__ == "__main__":
    build(Path(sys.argv[1]))
