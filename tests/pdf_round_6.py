"""Ten measure pages drawn straight into PDF (invented names and figures), in layouts cities print:
an evaluation sheet with a two-row merged header, a strategy KPI table over two pages, a table in
the right column beside prose, a table aligned by spaces, field labels set vertically, one card per
indicator, two tables side by side, shaded headers with rules under rows only, scaled units, and
years written three ways. ``build(folder)`` writes the PDFs and expected.json."""

from __future__ import annotations

import json
from pathlib import Path

from docmaker import char_em, japanese_font

A4 = (595.0, 842.0)
A4_LANDSCAPE = (842.0, 595.0)


class Page:
    """One PDF drawn with coordinates from the page's top-left; text tops are the glyphs' tops."""

    def __init__(self, path: Path, size: tuple[float, float] = A4) -> None:
        from reportlab.pdfgen import canvas

        self.font = japanese_font()
        self.width, self.height = size
        self.canvas = canvas.Canvas(str(path), pagesize=size, invariant=1)

    def text(self, x: float, top: float, text: str, size: float = 9.0) -> None:
        self.canvas.setFont(self.font, size)
        self.canvas.drawString(x, self.height - top - 0.88 * size, text)

    def right(self, x1: float, top: float, text: str, size: float = 9.0) -> None:
        self.text(x1 - sum(char_em(ch) for ch in text) * size, top, text, size)

    def centre(self, x0: float, x1: float, top: float, text: str, size: float = 9.0) -> None:
        width = sum(char_em(ch) for ch in text) * size
        self.text((x0 + x1 - width) / 2, top, text, size)

    def stacked(self, x0: float, x1: float, top: float, bottom: float, text: str, size: float = 9.0) -> None:
        """Vertical writing: one character under another, centred in the box."""
        start = (top + bottom - len(text) * size * 1.1) / 2
        for k, ch in enumerate(text):
            self.centre(x0, x1, start + k * size * 1.1, ch, size)

    def hline(self, x0: float, x1: float, y: float, width: float = 0.5) -> None:
        self.canvas.setLineWidth(width)
        self.canvas.line(x0, self.height - y, x1, self.height - y)

    def vline(self, x: float, y0: float, y1: float, width: float = 0.5) -> None:
        self.canvas.setLineWidth(width)
        self.canvas.line(x, self.height - y0, x, self.height - y1)

    def box(self, x0: float, top: float, x1: float, bottom: float, shade: float | None = None) -> None:
        if shade is not None:
            self.canvas.setFillGray(shade)
            self.canvas.rect(x0, self.height - bottom, x1 - x0, bottom - top, stroke=0, fill=1)
            self.canvas.setFillGray(0)
        else:
            self.canvas.setLineWidth(0.5)
            self.canvas.rect(x0, self.height - bottom, x1 - x0, bottom - top, stroke=1, fill=0)

    def next_page(self) -> None:
        self.canvas.showPage()

    def save(self) -> None:
        self.canvas.showPage()
        self.canvas.save()


def grid(page: Page, x: float, top: float, widths: list[float], heights: list[float],
         cells: list[tuple[str, int, int, int, int]], size: float = 9.0, numeric_from: int = 99) -> None:
    """Ruled cells (text, row, col, rowspan, colspan); columns from ``numeric_from`` on set flush right."""
    for text, row, col, rs, cs in cells:
        x0 = x + sum(widths[:col])
        x1 = x0 + sum(widths[col:col + cs])
        y0 = top + sum(heights[:row])
        y1 = y0 + sum(heights[row:row + rs])
        page.box(x0, y0, x1, y1)
        lines = text.split("\n")
        first = (y0 + y1) / 2 - len(lines) * size * 0.7
        for k, part in enumerate(lines):
            if col >= numeric_from and row > 0 and any(ch.isdigit() for ch in part) and rs == 1 and cs == 1:
                page.right(x1 - 4, first + k * size * 1.4, part, size)
            else:
                page.text(x0 + 4, first + k * size * 1.4, part, size)


def indicator(name: str, unit: str, base: tuple[float, int] | None, target: tuple[float, int] | None,
              actuals: list[tuple[int, float]] = (), direction: str | None = None) -> dict:
    one: dict = {"name": name, "unit": unit}
    if base:
        one["baseline"] = {"value": base[0], "year": base[1]}
    if target:
        one["target"] = {"value": target[0], "year": target[1]}
    if actuals:
        one["actuals"] = [{"year": y, "value": v} for y, v in actuals]
    if direction:
        one["direction"] = direction
    return one


def fig(value: float) -> str:
    return f"{value:,}"


# 1 -------------------------------------------------------------------------------------------------

def sheet_landscape(path: Path) -> list[dict]:
    rows = [("見守り協力事業所の登録数", "事業所", 118, 131, 140, 170, "↑"),
            ("地域サロンの開設か所数", "か所", 42, 44, 47, 55, "↑"),
            ("民生委員の欠員数", "人", 9, 7, 6, 0, "↓"),
            ("福祉ボランティア登録者数", "人", 1260, 1302, 1355, 1500, "↑")]
    page = Page(path, A4_LANDSCAPE)
    page.text(40, 30, "令和6年度 施策評価シート（令和5年度実績）", 13)
    page.text(40, 58, "施策 3-1 支え合う地域福祉の推進", 10)
    page.text(560, 58, "所管課：福祉政策課", 10)
    widths = [220, 60, 80, 80, 80, 90, 60]
    cells = [("成果指標名", 0, 0, 2, 1), ("単位", 0, 1, 2, 1), ("基準値", 0, 2, 1, 1), ("実績値", 0, 3, 1, 2),
             ("目標値", 0, 5, 1, 1), ("方向", 0, 6, 2, 1), ("令和3年度", 1, 2, 1, 1), ("令和4年度", 1, 3, 1, 1),
             ("令和5年度", 1, 4, 1, 1), ("令和9年度", 1, 5, 1, 1)]
    for r, (name, unit, b, a4, a5, t, arrow) in enumerate(rows, start=2):
        cells += [(name, r, 0, 1, 1), (unit, r, 1, 1, 1), (fig(b), r, 2, 1, 1), (fig(a4), r, 3, 1, 1),
                  (fig(a5), r, 4, 1, 1), (fig(t), r, 5, 1, 1), (arrow, r, 6, 1, 1)]
    grid(page, 40, 84, widths, [20, 20] + [24] * len(rows), cells, numeric_from=2)
    page.text(40, 250, "【評価】見守り体制は着実に広がっているが、担い手の高齢化が課題である。", 10)
    page.save()
    return [indicator(n, u, (b, 2021), (t, 2027), [(2022, a4), (2023, a5)], "increase" if arrow == "↑" else "decrease")
            for n, u, b, a4, a5, t, arrow in rows]


# 2 -------------------------------------------------------------------------------------------------

def kpi_two_pages(path: Path) -> list[dict]:
    rows = [("新規就農者数（累計）", "人", 14, 40), ("創業支援による創業件数", "件", 21, 35),
            ("企業誘致による新規雇用者数", "人", 86, 200), ("ふるさと納税の寄附件数", "件", 18420, 25000),
            ("市内宿泊者数", "人", 152300, 180000), ("子育て世帯の転入超過数", "世帯", 37, 60),
            ("合計特殊出生率", "", 1.38, 1.5), ("婚活イベントの成婚組数", "組", 3, 8),
            ("地域おこし協力隊の定住率", "%", 62.5, 80.0), ("公共交通の年間利用者数", "人", 410200, 430000)]
    page = Page(path)
    page.text(50, 40, "第3期 まち・ひと・しごと創生総合戦略", 13)
    page.text(50, 66, "重要業績評価指標（KPI）一覧", 10)
    widths = [220, 50, 100, 100]
    header = [("KPI", 0, 0, 1, 1), ("単位", 0, 1, 1, 1), ("基準値\n（令和5年度）", 0, 2, 1, 1), ("目標値\n（令和11年度）", 0, 3, 1, 1)]
    for part, top, chunk in ((0, 92, rows[:6]), (1, 60, rows[6:])):
        if part:
            page.next_page()
            page.text(50, 36, "重要業績評価指標（KPI）一覧（続き）", 10)
        cells = list(header)
        for r, (name, unit, b, t) in enumerate(chunk, start=1):
            cells += [(name, r, 0, 1, 1), (unit, r, 1, 1, 1), (fig(b), r, 2, 1, 1), (fig(t), r, 3, 1, 1)]
        grid(page, 50, top, widths, [30] + [24] * len(chunk), cells, numeric_from=2)
        page.centre(0, 595, 800, f"- {part + 12} -", 9)
    page.save()
    return [indicator(n, u, (b, 2023), (t, 2029)) for n, u, b, t in rows]


# 3 -------------------------------------------------------------------------------------------------

def right_column(path: Path) -> list[dict]:
    rows = [("市民農園の区画利用率（％）", "%", 71.4, 90.0), ("学校給食の地場産物使用割合（％）", "%", 32.0, 40.0),
            ("農産物直売所の売上額（百万円）", "百万円", 418, 500)]
    page = Page(path)
    page.text(40, 40, "基本施策 5　食と農のまちづくり", 14)
    prose = ["農地は食料を生み出すだけでなく、", "景観や防災の役割も担っています。", "担い手の確保と農地の集約を進め、",
             "地元産の農産物を身近に味わえる", "環境づくりに取り組みます。", "", "また、学校給食を通じて子どもが", "地域の農業に触れる機会を増やします。"]
    for k, line in enumerate(prose):
        page.text(40, 80 + 16 * k, line, 10)
    page.text(300, 80, "成果指標", 10)
    widths = [150, 55, 55]
    cells = [("指標名", 0, 0, 1, 1), ("現状値\n(R4)", 0, 1, 1, 1), ("目標値\n(R10)", 0, 2, 1, 1)]
    for r, (name, _, b, t) in enumerate(rows, start=1):
        cells += [(name.replace("（", "\n（"), r, 0, 1, 1), (fig(b), r, 1, 1, 1), (fig(t), r, 2, 1, 1)]
    grid(page, 300, 98, widths, [30] + [32] * len(rows), cells, size=8.0, numeric_from=1)
    page.save()
    return [indicator(n.split("（")[0], u, (b, 2022), (t, 2028)) for n, u, b, t in rows]


# 4 -------------------------------------------------------------------------------------------------

def spaced(cells: list[str], stops: list[int]) -> str:
    """Cells padded with half-width spaces so each starts at its stop (in half-ems)."""
    out = ""
    for cell, stop in zip(cells, stops):
        used = sum(round(char_em(ch) * 2) for ch in out)
        out += " " * max(stop - used, 2 if out else 0) + cell
    return out


def unruled_spaces(path: Path) -> list[dict]:
    rows = [("図書館の年間貸出冊数", "冊", 384210, 420000), ("公民館講座の受講者数", "人", 5820, 7000),
            ("文化ホールの稼働率", "%", 58.3, 70.0), ("市民美術展の出品数", "点", 246, 300)]
    page = Page(path)
    page.text(50, 40, "施策 6-2 生涯学習と文化芸術の振興", 13)
    page.text(50, 70, "■ 成果指標", 10)
    stops = [0, 44, 52, 70]
    page.text(50, 92, spaced(["指標", "単位", "現状値(R4)", "目標値(R9)"], stops), 10)
    for k, (name, unit, b, t) in enumerate(rows):
        page.text(50, 112 + 18 * k, spaced([name, unit, fig(b), fig(t)], stops), 10)
    page.save()
    return [indicator(n, u, (b, 2022), (t, 2027)) for n, u, b, t in rows]


# 5 -------------------------------------------------------------------------------------------------

def vertical_labels(path: Path) -> list[dict]:
    groups = [("子育て", [("待機児童数", "人", 12, 0), ("放課後児童クラブの定員", "人", 640, 760)]),
              ("教育", [("全国学力調査の平均正答率", "%", 63.2, 68.0), ("不登校児童生徒の支援率", "%", 74.0, 90.0),
                        ("学校図書の一人当たり貸出冊数", "冊", 28, 35)])]
    page = Page(path)
    page.text(50, 40, "分野別の成果指標", 13)
    widths = [34, 220, 100, 100]
    cells = [("分野", 0, 0, 1, 1), ("指標名", 0, 1, 1, 1), ("現状値（令和4年度）", 0, 2, 1, 1), ("目標値（令和8年度）", 0, 3, 1, 1)]
    out = []
    r = 1
    for label, rows in groups:
        cells.append(("", r, 0, len(rows), 1))
        for name, unit, b, t in rows:
            cells += [(name, r, 1, 1, 1), (f"{fig(b)}{unit}", r, 2, 1, 1), (f"{fig(t)}{unit}", r, 3, 1, 1)]
            out.append(indicator(name, unit, (b, 2022), (t, 2026)))
            r += 1
    heights = [24] + [26] * (r - 1)
    grid(page, 50, 70, widths, heights, cells, numeric_from=2)
    r = 1
    for label, rows in groups:
        top = 70 + sum(heights[:r])
        page.stacked(50, 84, top, top + 26 * len(rows), label, 10)
        r += len(rows)
    page.save()
    return out


# 6 -------------------------------------------------------------------------------------------------

def cards(path: Path) -> list[dict]:
    items = [("自転車駐車場の利用台数", "台", 2140, 2500), ("コミュニティバスの年間乗車人数", "人", 96300, 110000),
             ("歩道のバリアフリー化延長", "km", 12.6, 18.0), ("交通事故の年間発生件数", "件", 187, 150)]
    page = Page(path)
    page.text(40, 36, "政策 4　安全で快適な移動環境", 13)
    for k, (name, unit, b, t) in enumerate(items):
        x0 = 40 + (k % 2) * 265
        top = 70 + (k // 2) * 130
        page.box(x0, top, x0 + 250, top + 110)
        labels = [("指標名", name), ("単位", unit), ("現状値", f"{fig(b)}（令和4年度）"), ("目標値", f"{fig(t)}（令和10年度）")]
        for j, (label, value) in enumerate(labels):
            y = top + 8 + 25 * j
            page.box(x0 + 6, y, x0 + 60, y + 20, shade=0.85)
            page.text(x0 + 10, y + 5, label, 9)
            page.text(x0 + 68, y + 5, value, 9)
    page.save()
    return [indicator(n, u, (b, 2022), (t, 2028)) for n, u, b, t in items]


# 7 -------------------------------------------------------------------------------------------------

def side_by_side(path: Path) -> list[dict]:
    left = [("森林整備面積", "ha", 310, 450), ("間伐材の利用量", "㎥", 1820, 2400), ("林業新規就業者数", "人", 4, 10)]
    right = [("河川清掃の参加者数", "人", 3150, 3600), ("水質環境基準の達成率", "%", 83.3, 100.0), ("生活排水処理率", "%", 91.2, 95.0)]
    page = Page(path, A4_LANDSCAPE)
    page.text(40, 30, "基本目標 2　豊かな自然を守り育てる", 13)
    out = []
    for x, title, rows in ((40, "施策 2-1 森林の保全", left), (440, "施策 2-2 水辺環境の保全", right)):
        page.text(x, 64, title, 10)
        widths = [170, 40, 80, 80]
        cells = [("指標", 0, 0, 1, 1), ("単位", 0, 1, 1, 1), ("基準値(R2)", 0, 2, 1, 1), ("目標値(R7)", 0, 3, 1, 1)]
        for r, (name, unit, b, t) in enumerate(rows, start=1):
            cells += [(name, r, 0, 1, 1), (unit, r, 1, 1, 1), (fig(b), r, 2, 1, 1), (fig(t), r, 3, 1, 1)]
            out.append(indicator(name, unit, (b, 2020), (t, 2025)))
        grid(page, x, 84, widths, [22] + [22] * len(rows), cells, numeric_from=2)
    page.save()
    return out


# 8 -------------------------------------------------------------------------------------------------

def shaded_header(path: Path) -> list[dict]:
    rows = [("がん検診の受診率", "%", 18.4, 20.1, 21.7, 30.0), ("健康づくり教室の参加者数", "人", 2310, 2560, 2795, 3200),
            ("特定保健指導の実施率", "%", 41.0, 43.5, 44.2, 60.0), ("かかりつけ医を持つ市民の割合", "%", 68.9, 70.2, 71.0, 80.0)]
    page = Page(path)
    page.text(50, 40, "施策 1-3 健康寿命の延伸", 13)
    cols = [50, 230, 270, 335, 400, 465, 545]
    heads = ["指標名", "単位", "策定時\n2021年度", "実績\n2022年度", "実績\n2023年度", "目標\n2027年度"]
    page.box(50, 70, 545, 100, shade=0.8)
    for k, head in enumerate(heads):
        for j, part in enumerate(head.split("\n")):
            page.text(cols[k] + 4, 74 + 12 * j, part, 9)
    page.hline(50, 545, 100, 0.3)
    for r, row in enumerate(rows):
        top = 100 + 24 * r
        page.text(cols[0] + 4, top + 8, row[0])
        page.text(cols[1] + 4, top + 8, row[1])
        for k, value in enumerate(row[2:], start=2):
            page.right(cols[k + 1] - 6, top + 8, fig(value))
        page.hline(50, 545, top + 24, 0.3)
    page.save()
    return [indicator(n, u, (b, 2021), (t, 2027), [(2022, a), (2023, c)]) for n, u, b, a, c, t in rows]


# 9 -------------------------------------------------------------------------------------------------

def scaled_units(path: Path) -> list[dict]:
    rows = [("観光入込客数", "千人", 1284, 1500), ("市内総生産", "億円", 3420, 3600),
            ("製造品出荷額等", "億円", 1876.5, 2000), ("中心市街地の歩行者通行量", "千人", 58.2, 65.0),
            ("市内事業所の黒字割合", "%", 46.8, 55.0)]
    page = Page(path)
    page.text(50, 40, "政策 7　活力ある産業のまち", 13)
    widths = [200, 80, 45, 80, 45]
    cells = [("指標", 0, 0, 1, 1), ("現状値(令和4年度)", 0, 1, 1, 2), ("目標値(令和9年度)", 0, 3, 1, 2)]
    for r, (name, unit, b, t) in enumerate(rows, start=1):
        cells += [(name, r, 0, 1, 1), (fig(b), r, 1, 1, 1), (unit, r, 2, 1, 1), (fig(t), r, 3, 1, 1), (unit, r, 4, 1, 1)]
    grid(page, 50, 70, widths, [22] * (len(rows) + 1), cells, numeric_from=1)
    page.save()
    return [indicator(n, u, (b, 2022), (t, 2027)) for n, u, b, t in rows]


# 10 ------------------------------------------------------------------------------------------------

def year_styles(path: Path) -> list[dict]:
    rows = [("消防団員の充足率", "%", 88.4, "R5", 2023, 95.0, "R12", 2030),
            ("自主防災組織の結成率", "%", 76.1, "令和5年度", 2023, 85.0, "令和12年度", 2030),
            ("防災メールの登録者数", "人", 14230, "2023年度", 2023, 20000, "2030年度", 2030),
            ("住宅の耐震化率", "%", 81.5, "2023", 2023, 95.0, "2030", 2030)]
    page = Page(path)
    page.text(50, 40, "施策 8-1 災害に強いまちづくり", 13)
    widths = [200, 40, 120, 120]
    cells = [("成果指標", 0, 0, 1, 1), ("単位", 0, 1, 1, 1), ("現状値（年度）", 0, 2, 1, 1), ("目標値（年度）", 0, 3, 1, 1)]
    for r, (name, unit, b, by, _, t, ty, _) in enumerate(rows, start=1):
        cells += [(name, r, 0, 1, 1), (unit, r, 1, 1, 1), (f"{fig(b)}（{by}）", r, 2, 1, 1), (f"{fig(t)}（{ty}）", r, 3, 1, 1)]
    grid(page, 50, 70, widths, [22] * (len(rows) + 1), cells, numeric_from=2)
    page.save()
    return [indicator(n, u, (b, byear), (t, tyear)) for n, u, b, _, byear, t, _, tyear in rows]


MAKERS = {
    "g01_sheet_landscape.pdf": sheet_landscape, "g02_kpi_two_pages.pdf": kpi_two_pages,
    "g03_right_column.pdf": right_column, "g04_unruled_spaces.pdf": unruled_spaces,
    "g05_vertical_labels.pdf": vertical_labels, "g06_cards.pdf": cards, "g07_side_by_side.pdf": side_by_side,
    "g08_shaded_header.pdf": shaded_header, "g09_scaled_units.pdf": scaled_units, "g10_year_styles.pdf": year_styles,
}


def build(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    expected = {name: make(folder / name) for name, make in MAKERS.items()}
    (folder / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1), encoding="utf-8")
    return folder


if __name__ == "__main__":
    import sys

    build(Path(sys.argv[1]))
