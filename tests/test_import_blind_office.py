"""Office documents in layouts municipal offices make, read from Excel and Word and from their
LibreOffice PDFs: every indicator with every figure and year right.

The layouts (invented names and figures, composed here) exercise what a blind round of such
documents taught the engine:

- a 施策評価シート whose indicator blocks are a 指標名 row, a 区分 row of fiscal years, then rows
  labelled 目標 / 実績 / 達成率 (``gridshapes._role_rows``): the 実績 row under the base year's
  column is the baseline, the later years its actuals, the last 目標 cell the target;
- a figure of four digits under a dated column (2,010 people printed ``2010``) is a figure, not a year;
- 計画策定時 | 策定時の年度 | 直近値 | 直近値の年度 | 目標値 | 目標年度 with the years as dates in a
  和暦 format: the later baseline word is the latest actual, dated by the column of years beside it;
- one two-column table per indicator (指標名 | 指標2 name, 令和6年度実績 | figure): a label's year
  before its word dates its figure, and a numbered label before the name (指標2) is no part of it;
- KPI lines whose labelled figures stand a space apart from their units, wrapped by the page
  width inside the target's bracketed year.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

from docmaker import merged_table
from keikaku.importer.normalize import normalise
from office_rounds import Made, Row, assert_reads_in_full, brief, era, make_documents, printed, word_document
from keikaku.importer.readers import read_document


def rule(sheet, cells: str) -> None:  # type: ignore[no-untyped-def]
    from openpyxl.styles import Border, Side

    thin = Side(style="thin")
    for row in sheet[cells]:
        for cell in row:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)


def fit(sheet) -> None:  # type: ignore[no-untyped-def]
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


# --- a 施策評価シート: 指標名 / 区分 (years) / 目標 / 実績 / 達成率 blocks ---------------------------

BLOCKS: list[Row] = [
    ("地域猫活動の登録団体数", "団体", (14, 2021), [(2022, 17), (2023, 19)], (30, 2026)),
    ("狂犬病予防注射の接種頭数", "頭", (2010, 2021), [(2022, 1985), (2023, 2042)], (2300, 2026)),  # figures like years
    ("動物愛護講習会の満足度", "%", (82.5, 2021), [(2022, 84.0), (2023, 86.5)], (90.0, 2026)),
]


def blocks_xlsx(path: Path) -> Path:
    import openpyxl
    from openpyxl.styles import Alignment

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "評価シート"
    sheet["A1"], sheet["A2"], sheet["B2"] = "令和6年度 施策評価シート", "施策", "施策9 人と動物の共生"
    r = 4
    for name, unit, (b, by), actuals, (t, ty) in BLOCKS:
        years = [by, *(y for y, _ in actuals), ty]
        sheet.cell(r, 1, "指標名")
        sheet.cell(r, 2, f"{name}（{unit}）")
        sheet.merge_cells(start_row=r, start_column=2, end_row=r, end_column=5)
        sheet.cell(r + 1, 1, "区分")
        for k, year in enumerate(years):
            sheet.cell(r + 1, 2 + k, era(year) + ("\n（基準）" if k == 0 else "\n（目標）" if k == len(years) - 1 else ""))
        plan = [b + (t - b) * (k + 1) / (len(years) - 1) for k in range(len(years) - 1)]
        plan = [round(p) if isinstance(b, int) else round(p, 1) for p in plan[:-1]] + [t]
        sheet.cell(r + 2, 1, "目標")
        sheet.cell(r + 2, 2, "－")
        sheet.cell(r + 3, 1, "実績")
        sheet.cell(r + 3, 2, b / 100 if unit == "%" else b)
        sheet.cell(r + 4, 1, "達成率")
        for k, p in enumerate(plan):
            sheet.cell(r + 2, 3 + k, p / 100 if unit == "%" else p)
        for k, (_, a) in enumerate(actuals):
            sheet.cell(r + 3, 3 + k, a / 100 if unit == "%" else a)
            sheet.cell(r + 4, 3 + k, a / plan[k]).number_format = "0.0%"
        sheet.cell(r + 3, 3 + len(actuals), "－")
        for rr in (r + 2, r + 3):
            for c in range(2, 6):
                sheet.cell(rr, c).number_format = "0.0%" if unit == "%" else "0"
        for rr in range(r, r + 5):
            for c in range(1, 6):
                sheet.cell(rr, c).alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.row_dimensions[r + 1].height = 32
        rule(sheet, f"A{r}:E{r + 4}")
        r += 6
    for letter, width in zip("ABCDE", (10, 16, 14, 14, 16)):
        sheet.column_dimensions[letter].width = width
    fit(sheet)
    book.save(str(path))
    return path


# --- 計画策定時 | 策定時の年度 | 直近値 | 直近値の年度 | 目標値 | 目標年度, years as 和暦 dates ---------

LATEST: list[Row] = [
    ("住宅用火災警報器の設置率", "%", (74.2, 2020), [(2024, 81.6)], (95.0, 2030)),
    ("救命講習の修了者数", "人", (3120, 2019), [(2023, 3564)], (4500, 2029)),
    ("消防団協力事業所の数", "事業所", (18, 2020), [(2024, 26)], (35, 2030)),
]


def latest_xlsx(path: Path) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "消防"
    sheet["A1"] = "消防計画 評価指標一覧"
    sheet.append([])
    sheet.append(["指標", "単位", "計画策定時", "策定時の年度", "直近値", "直近値の年度", "目標値", "目標年度"])
    for name, unit, (b, by), [(ay, a)], (t, ty) in LATEST:
        sheet.append([name, unit, *(v / 100 if unit == "%" else v for v in (b,)), date(by, 4, 1),
                      a / 100 if unit == "%" else a, date(ay, 4, 1), t / 100 if unit == "%" else t, date(ty, 4, 1)])
        for c in (3, 5, 7):
            sheet.cell(sheet.max_row, c).number_format = "0.0%" if unit == "%" else "#,##0"
        for c in (4, 6, 8):
            sheet.cell(sheet.max_row, c).number_format = '[$-411]ggge"年度"'
    for letter, width in zip("ABCDEFGH", (30, 8, 12, 14, 12, 14, 12, 14)):
        sheet.column_dimensions[letter].width = width
    rule(sheet, f"A3:H{sheet.max_row}")
    fit(sheet)
    book.save(str(path))
    return path


# --- one label/value table per indicator, the actual's label dated ---------------------------------

CARDS: list[Row] = [
    ("農地の利用集積率", "%", (43.5, 2021), [(2023, 47.1)], (55.0, 2027)),
    ("6次産業化の取組件数", "件", (9, 2021), [(2023, 12)], (20, 2027)),
    ("学校給食の市内産野菜の使用割合", "%", (21.0, 2021), [(2023, 24.4)], (30.0, 2027)),
]


def cards_docx(path: Path) -> Path:
    document = word_document()
    document.add_heading("施策2-4 農業の振興", level=1)
    for k, (name, unit, (b, by), [(ay, a)], (t, ty)) in enumerate(CARDS, start=1):
        rows = [["指標名", f"指標{k}　{name}"], ["単位", unit], ["基準値", f"{printed(b)}（{era(by)}）"],
                [f"{era(ay)}実績", printed(a)], ["目標値", f"{printed(t)}（{era(ty)}）"]]
        merged_table(document, rows, [], [3.5, 9.0])
        document.add_paragraph("")
    document.save(str(path))
    return path


# --- KPI lines, a figure a space apart from its unit, wrapped by the page width -------------------

KPI_LINES: list[Row] = [
    ("市内で開催されたスポーツ大会の参加者数", "人", (4380, 2020), [], (6000, 2025)),
    ("企業版ふるさと納税の寄附企業数", "社", (7, 2020), [], (25, 2025)),
    ("地域おこし協力隊員の定住者数（累計）", "人", (5, 2020), [], (15, 2025)),
]


def kpi_lines_docx(path: Path) -> Path:
    document = word_document()
    document.add_heading("第2期 総合戦略 基本目標3 しごとをつくる", level=1)
    for name, unit, (b, by), _, (t, ty) in KPI_LINES:
        document.add_paragraph("〔施策の概要〕")
        document.add_paragraph(f"【KPI】{name}　基準値：{printed(b)} {unit}（{era(by)}）→ 目標値：{printed(t)} {unit}（{era(ty)}）")
    document.save(str(path))
    return path


DOCUMENTS = {
    "form blocks of role rows": (blocks_xlsx, "blocks.xlsx", BLOCKS, 18),
    "latest value and its years": (latest_xlsx, "latest.xlsx", LATEST, 15),
    "label/value cards": (cards_docx, "cards.docx", CARDS, 15),
    "KPI lines": (kpi_lines_docx, "kpi-lines.docx", KPI_LINES, 12),
}


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Made:
    return make_documents(tmp_path_factory.mktemp("blind-office"), DOCUMENTS)  # one LibreOffice run


@pytest.mark.parametrize("label", [*DOCUMENTS, *(f"{k} → PDF" for k in DOCUMENTS)])
def test_every_document_reads_in_full(made: Made, label: str) -> None:
    path, rows, figures = made[label]
    assert_reads_in_full(path, rows, figures)


@pytest.mark.parametrize("suffix", ["", " → PDF"])
def test_form_blocks_give_baseline_actuals_and_target(made: Made, suffix: str) -> None:
    assert brief(made["form blocks of role rows" + suffix][0]) == [
        ("地域猫活動の登録団体数", "団体", (14, 2021), [(2022, 17), (2023, 19)], (30, 2026)),
        ("狂犬病予防注射の接種頭数", "頭", (2010, 2021), [(2022, 1985), (2023, 2042)], (2300, 2026)),
        ("動物愛護講習会の満足度", "%", (82.5, 2021), [(2022, 84), (2023, 86.5)], (90, 2026)),
    ]


def test_the_latest_value_is_an_actual_of_the_year_beside_it(made: Made) -> None:
    assert brief(made["latest value and its years"][0]) == [
        ("住宅用火災警報器の設置率", "%", (74.2, 2020), [(2024, 81.6)], (95, 2030)),
        ("救命講習の修了者数", "人", (3120, 2019), [(2023, 3564)], (4500, 2029)),
        ("消防団協力事業所の数", "事業所", (18, 2020), [(2024, 26)], (35, 2030)),
    ]


def test_cards_drop_the_label_number_and_date_the_actual(made: Made) -> None:
    assert brief(made["label/value cards"][0]) == [
        ("農地の利用集積率", "%", (43.5, 2021), [(2023, 47.1)], (55, 2027)),
        ("6次産業化の取組件数", "件", (9, 2021), [(2023, 12)], (20, 2027)),
        ("学校給食の市内産野菜の使用割合", "%", (21, 2021), [(2023, 24.4)], (30, 2027)),
    ]


def test_kpi_lines_from_pdf_keep_their_figures(made: Made) -> None:
    found = brief(made["KPI lines → PDF"][0])
    assert [(name, b, t) for name, _, b, _, t in found] == [
        ("市内で開催されたスポーツ大会の参加者数", (4380, 2020), (6000, 2025)),
        ("企業版ふるさと納税の寄附企業数", (7, 2020), (25, 2025)),
        ("地域おこし協力隊員の定住者数(累計)", (5, 2020), (15, 2025)),
    ]


# --- the normalise rules on their own, and what they leave alone ---------------------------------


def lines_of(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "lines.txt"
    path.write_text(text, encoding="utf-8")
    return [line.text for line in normalise(read_document(path))]


def test_a_wrapped_bracketed_year_is_rejoined(tmp_path: Path) -> None:
    assert lines_of(tmp_path, "基準値：12 か所（令和3年度）→ 目標値：20 か所（令和8年\n度）\n目標値：1,500\n人（令和9年度）\n") == [
        "基準値：12か所（令和3年度）→ 目標値：20か所（令和8年度）",
        "目標値：1,500人（令和9年度）",
    ]


def test_lines_that_only_look_wrapped_stay_apart(tmp_path: Path) -> None:
    text = "参加者 40 人\n（注）数値は速報値\n現状値 目標値\n12 20\n（R3） （R8）\n基準値 30 人 （R3）\n"
    assert lines_of(tmp_path, text) == ["参加者 40 人", "（注）数値は速報値", "現状値 目標値", "12 20", "（R3） （R8）", "基準値 30 人 （R3）"]


def test_a_year_column_beside_a_figure_word_needs_its_own_column(tmp_path: Path) -> None:
    from keikaku.importer.tables import is_year_header

    assert [is_year_header(t) for t in ("直近値の年度", "策定時の年度", "目標年度", "目標値（令和7年度）", "基準値年度")] == [
        True, True, True, False, False]


def test_a_four_digit_figure_under_a_dated_column_is_a_figure() -> None:
    from keikaku.importer.tables import IndicatorRow, put_value

    row = IndicatorRow(name="x")
    put_value(row, "actual", 2022, "2010")
    put_value(row, "baseline", None, "2019")  # no year of the column: a year of its own
    assert ([(y, q.value) for y, q, _ in row.actuals], row.baseline_year) == ([(2022, 2010)], 2019)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-q"]))
