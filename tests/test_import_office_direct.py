"""Word and Excel files read directly (not through PDF): the fifth blind round (``office_round_5.py``)
and the third round's sources, pinned, and composed variants of what they taught the engine:

- a table's title rows (a sheet's merged title, its 担当課：… line) are not header rows: the years
  of a three-row header (年度 over 目標 | 実績) reach their columns (``gridtitle``);
- a column of dates or years under a value word (基準 | 基準日, 目標時期, 現状値 over 値 | 時点) is
  the year of the figure beside it, a date from January to March in the fiscal year before
  (``datecells``);
- a group's heading merged across a row (施策2-1 …) is no indicator (``grid``);
- money: a table under a caption naming money and its unit (事業費の推移（単位：千円）) and a row
  named by a money word in 千円 or 百万円 are not indicators (``moneytables``);
- formulas read as their cached results, units carried by number formats (``#,##0"件"``, ``0.0"%"``).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from corpus.scoring import scorer
from docmaker import merged_table
from held_out import score_pinned
from keikaku.importer.datecells import date_fiscal_year, is_time_column, time_cell_year
from keikaku.importer.gridtitle import without_titles
from keikaku.importer.moneytables import is_money_caption
from keikaku.importer.pipeline import extract_file
from keikaku.importer.records import Grid, GridCell
from office_round_3 import DOCUMENTS as ROUND_3
from office_round_5 import _figure, _merge, _put, build, cache_formulas
from office_rounds import brief, gold, word_document


def _book():  # type: ignore[no-untyped-def]
    import openpyxl

    book = openpyxl.Workbook()
    return book, book.active


# --- the round, pinned ---------------------------------------------------------------------------

# found, indicators, figures right, figures: before the rules below, y1 (a title over a 3-row
# header) read 12 of 36 figures, y3 (dates) 20 of 35 and v3 (値 | 時点) 18 of 24.
PINNED_5 = {
    "r5_y1_sheets.xlsx": (6, 6, 36, 36),
    "r5_y2_formats.xlsx": (6, 6, 42, 42),
    "r5_y3_dates.xlsx": (5, 5, 35, 35),
    "r5_y4_formulas.xlsx": (5, 5, 30, 30),
    "r5_y5_summary.xlsx": (6, 6, 36, 36),
    "r5_v1_numbered.docx": (5, 5, 20, 20),
    "r5_v2_longtable.docx": (7, 7, 42, 42),
    "r5_v3_continued.docx": (6, 6, 24, 24),
}


@pytest.fixture(scope="module")
def round_5(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("office-round-5")
    build(folder)
    return folder


def test_round_5_reads_in_full(round_5: Path) -> None:
    assert score_pinned(round_5, PINNED_5) == (46, 46, 8)
    for name in PINNED_5:  # nothing else read as an indicator (the hidden row, the money row, the summary)
        assert len(json.loads(extract_file(round_5 / name).plan.to_json())["indicators"]) == PINNED_5[name][1], name


def test_round_5_rebuilds_the_same_round(round_5: Path, tmp_path: Path) -> None:
    again = build(tmp_path)
    assert again == json.loads((round_5 / "expected.json").read_text(encoding="utf-8"))
    assert sorted(again) == sorted(PINNED_5)
    assert sum(len(rows) for rows in again.values()) == 46


# found, figures right, figures, indicators read: before, x1 read 12 of 42 figures and x4 24 of 42;
# x2 read 13 indicators (its 事業費 sheet and its measures' heading rows) and x5 10 (its projects' money).
ROUND_3_SOURCES = {
    "q2_x1_hyouka.xlsx": (6, 42, 42, 6),
    "q2_x2_kpi.xlsx": (7, 49, 49, 7),
    "q2_x3_pairs.xlsx": (5, 35, 35, 5),
    "q2_x4_wrapped.xlsx": (6, 42, 42, 6),
    "q2_x5_multi.xlsx": (6, 42, 42, 6),
    "q2_w1_measures.docx": (6, 24, 24, 6),
    "q2_w2_columns.docx": (6, 24, 24, 6),
    "q2_w3_longtable.docx": (8, 32, 32, 8),
    "q2_w4_footnotes.docx": (6, 24, 24, 6),
    "q2_w5_evalsheet.docx": (5, 35, 35, 5),
}


def test_round_3_sources_read_directly_in_full(tmp_path: Path) -> None:
    for name, (make, rows) in ROUND_3.items():
        got = json.loads(extract_file(make(tmp_path / name)).plan.to_json())["indicators"]
        found, total, right, figures, misses = scorer().score(gold(rows), got)
        assert (found, right, figures, len(got)) == ROUND_3_SOURCES[name], (name, misses)


# --- a title over a three-row header ---------------------------------------------------------------


def _titled_sheet(path: Path) -> Path:
    """A sheet's title merged across, a 所管：… line, then 指標 | 単位 | 基準値 over its year | the
    years over 目標 | 実績 | 目標値 over its year."""
    book, sheet = _book()
    sheet["A1"] = "令和7年度 事務事業評価表（施策8-4 地域交流の促進）"
    _merge(sheet, "A1:I1")
    sheet["A2"] = "（所管：市民協働課）"
    heads = [(3, 1, "指標"), (3, 2, "単位"), (3, 3, "基準値"), (5, 3, "平成30年度"), (3, 4, "各年度の状況"),
             (3, 8, "目標値"), (5, 8, "令和10年度"), (3, 9, "備考"), (4, 4, "令和5年度"), (4, 6, "令和6年度")]
    heads += [(5, 4, "目標"), (5, 5, "実績"), (5, 6, "目標"), (5, 7, "実績")]
    for r, k, text in heads:
        _put(sheet, r, k, text)
    _merge(sheet, "A3:A5", "B3:B5", "C3:C4", "D3:G3", "D4:E4", "F4:G4", "H3:H4", "I3:I5")
    for r, (name, unit, figures) in enumerate([
        ("姉妹都市交流事業の参加者数", "人", (415, 450, 438, 470, 512, 600)),
        ("町内会・自治会の加入率", "%", (61.2, 60.5, 59.8, 60.5, 60.1, 65.0)),
    ], start=6):
        _put(sheet, r, 1, name)
        _put(sheet, r, 2, unit)
        for k, value in zip((3, 4, 5, 6, 7, 8), figures):
            _figure(sheet, r, k, value, unit, "unit" if unit != "%" else "fraction")
    book.save(str(path))
    return path


def test_a_sheet_title_is_not_a_header_row(tmp_path: Path) -> None:
    assert brief(_titled_sheet(tmp_path / "titled.xlsx")) == [
        ("姉妹都市交流事業の参加者数", "人", (415, 2018), [(2023, 438), (2024, 512)], (600, 2028)),
        ("町内会・自治会の加入率", "%", (61.2, 2018), [(2023, 59.8), (2024, 60.1)], (65, 2028)),
    ]


def _grid(rows: list[list[str]], spans: dict[tuple[int, int], int] | None = None) -> Grid:
    spans = spans or {}
    cells = [GridCell(text=t, row=r, col=k, colspan=spans.get((r, k), 1))
             for r, row in enumerate(rows) for k, t in enumerate(row) if t or (r, k) in spans]
    return Grid(cells=tuple(cells), rows=len(rows), cols=max(len(row) for row in rows))


def test_title_rows_are_cut_only_above_a_table() -> None:
    titled = _grid([["一覧表", "", "", ""], ["担当：企画課", "", "", ""], ["指標名", "現状値", "目標値", "単位"],
                    ["利用者数", "10", "20", "人"], ["登録者数", "3", "5", "人"]], {(0, 0): 4})
    cut = without_titles(titled)
    assert (cut.rows, cut.row_texts()[0]) == (3, ("指標名", "現状値", "目標値", "単位"))
    assert [c.row for c in cut.cells][:4] == [0, 0, 0, 0]
    one_row = _grid([["表題", "", ""], ["指標名", "現状値", "目標値"], ["※ 注記", "", ""]])
    assert without_titles(one_row) is one_row  # a single row of several cells under it: kept whole
    narrow = _grid([["表題", ""], ["指標名", "目標値"], ["a", "1"], ["b", "2"]])
    assert without_titles(narrow) is narrow  # two columns: no title cut
    not_first = _grid([["", "表題", ""], ["指標名", "現状値", "目標値"], ["a", "1", "2"], ["b", "3", "4"]])
    assert without_titles(not_first) is not_first  # a lone cell that does not open the row


# --- dates and times beside the figures --------------------------------------------------------------


def test_date_cells_give_their_fiscal_year() -> None:
    assert [date_fiscal_year(t) for t in ("2023-03-31", "2023-04-01", "2019/1/15", "平成31年3月31日", "令和2年10月1日",
                                          "R5年6月30日現在", "2024年2月末", "２０２２－０９－３０")] == \
        [2022, 2023, 2018, 2018, 2020, 2023, 2023, 2022]
    assert [date_fiscal_year(t) for t in ("", "12.5", "2022", "令和4年度", "2022-13-01", "1850-05-01", "3月31日",
                                          "平成31年3月31日の利用者数は大きく増えた")] == [None] * 8
    assert (time_cell_year("令和4年度"), time_cell_year("（平成28年度）"), time_cell_year("45.3%"), time_cell_year("")) == \
        (2022, 2016, None, None)
    assert is_time_column(["2022-03-31", "", "令和3年度"]) and not is_time_column(["2022-03-31", "412"])
    assert not is_time_column(["", " "])


def _dated_sheet(path: Path) -> Path:
    """調査日 and 達成時期 as real Excel dates in three formats, a unit column, actuals over years."""
    book, sheet = _book()
    for k, text in enumerate(["項目", "単位", "現況値", "調査日", "令和5年度", "令和6年度", "目標", "達成時期"], start=1):
        _put(sheet, 1, k, text)
    rows = [("公園愛護会の団体数", "団体", 38, datetime(2023, 1, 20), "yyyy/m/d", (40, 43), 50, date(2030, 3, 31)),
            ("緑のカーテン配布数", "鉢", 1250, datetime(2022, 7, 1), '[$-411]ggge"年"m"月"d"日"', (1310, 1402), 1800, date(2029, 12, 1)),
            ("街路樹の本数", "本", 8125, datetime(2022, 4, 1), "yyyy年m月d日", (8190, 8236), 8500, date(2030, 3, 31))]
    for r, (name, unit, base, day, fmt, actuals, target, end) in enumerate(rows, start=2):
        _put(sheet, r, 1, name)
        _put(sheet, r, 2, unit)
        _put(sheet, r, 3, base, "#,##0")
        _put(sheet, r, 4, day, fmt)
        for k, value in enumerate(actuals, start=5):
            _put(sheet, r, k, value, "#,##0")
        _put(sheet, r, 7, target, "#,##0")
        _put(sheet, r, 8, end, "yyyy/m/d")
    book.save(str(path))
    return path


def test_excel_dates_beside_figures_are_their_fiscal_years(tmp_path: Path) -> None:
    assert brief(_dated_sheet(tmp_path / "dated.xlsx")) == [
        ("公園愛護会の団体数", "団体", (38, 2022), [(2023, 40), (2024, 43)], (50, 2029)),
        ("緑のカーテン配布数", "鉢", (1250, 2022), [(2023, 1310), (2024, 1402)], (1800, 2029)),
        ("街路樹の本数", "本", (8125, 2022), [(2023, 8190), (2024, 8236)], (8500, 2029)),
    ]


def test_a_word_table_of_value_and_time_under_each_role(tmp_path: Path) -> None:
    document = word_document()
    document.add_heading("施策9-2 生涯スポーツの推進", level=1)
    rows: list[list[str | None]] = [["指標名", "単位", "現況", None, "目標", None], [None, None, "数値", "時点", "数値", "時点"],
                                    ["スポーツ教室の参加者数", "人", "2,140", "令和5年3月末", "2,800", "令和11年度"],
                                    ["体育施設の稼働率", "％", "71.4", "平成30年度", "80.0", "令和11年度"]]
    merged_table(document, rows, [(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 0, 3), (0, 4, 0, 5)])
    path = tmp_path / "times.docx"
    document.save(str(path))
    assert brief(path) == [("スポーツ教室の参加者数", "人", (2140, 2022), [], (2800, 2029)),
                           ("体育施設の稼働率", "%", (71.4, 2018), [], (80, 2029))]


# --- group headings and money ---------------------------------------------------------------------


def _money_book(path: Path) -> Path:
    """Indicators under a group heading merged across the row, a 予算額 row in 百万円, and a second
    table of money under its caption (単位：百万円)."""
    book, sheet = _book()
    for k, text in enumerate(["成果指標", "単位", "基準値（令和4年度）", "令和5年度", "令和6年度", "目標値（令和9年度）"], start=1):
        _put(sheet, 1, k, text)
    _put(sheet, 2, 1, "政策7 産業の振興")
    _merge(sheet, "A2:F2")
    data = [("企業誘致件数", "件", 3, 4, 6, 10), ("市内の有効求人倍率", "倍", 1.12, 1.18, 1.21, 1.3),
            ("産業振興施策の予算額", "百万円", 412, 438, 455, 500)]
    for r, row in enumerate(data, start=3):
        for k, value in enumerate(row, start=1):
            _put(sheet, r, k, value)
    sheet["A8"] = "分野別予算額の推移（単位：百万円）"
    for k, text in enumerate(["分野", "担当", "令和5年度", "令和6年度"], start=1):
        _put(sheet, 9, k, text)
    for r, row in enumerate([("工業振興", "産業政策課", 1284, 1302), ("観光振興", "観光課", 655, 702)], start=10):
        for k, value in enumerate(row, start=1):
            _put(sheet, r, k, value)
    book.save(str(path))
    return path


def test_group_headings_and_money_rows_are_not_indicators(tmp_path: Path) -> None:
    assert brief(_money_book(tmp_path / "money.xlsx")) == [
        ("企業誘致件数", "件", (3, 2022), [(2023, 4), (2024, 6)], (10, 2027)),
        ("市内の有効求人倍率", "倍", (1.12, 2022), [(2023, 1.18), (2024, 1.21)], (1.3, 2027)),
    ]


def test_money_captions() -> None:
    assert [is_money_caption(t) for t in ("施策別事業費の推移（単位：千円）", "【予算額】(単位:百万円)", "決算額（円）")] == [True] * 3
    assert [is_money_caption(t) for t in ("事業費の推移", "利用者数（単位：人）", "市民一人当たりの医療費は（円）で示す" * 3,
                                          "成果指標（単位：千円）")] == [False] * 4


def test_a_money_word_in_yen_per_person_stays_an_indicator(tmp_path: Path) -> None:
    book, sheet = _book()
    for k, text in enumerate(["指標名", "単位", "現状値（令和5年度）", "目標値（令和10年度）"], start=1):
        _put(sheet, 1, k, text)
    for r, row in enumerate([("市民一人当たりの事業費", "円", 18450, 17000), ("施策全体の事業費", "千円", 92410, 95000),
                             ("ふるさと納税の寄附件数", "件", 2210, 3000)], start=2):
        for k, value in enumerate(row, start=1):
            _put(sheet, r, k, value)
    path = tmp_path / "peryen.xlsx"
    book.save(str(path))
    assert brief(path) == [("市民一人当たりの事業費", "円", (18450, 2023), [], (17000, 2028)),
                           ("ふるさと納税の寄附件数", "件", (2210, 2023), [], (3000, 2028))]


# --- formulas and formats ----------------------------------------------------------------------------


def _formula_book(path: Path, *, cached: bool) -> Path:
    """Figures as formulas over a hidden input sheet (``='入力'!B2``) and a rate ``=D2/E2``; units in
    the number formats (``#,##0"件"``, ``0.0"%"``), no unit column."""
    book, shown = _book()
    shown.title = "一覧"
    data = book.create_sheet("入力")
    data.sheet_state = "hidden"
    for k, text in enumerate(["指標名", "基準値（令和3年度）", "令和5年度実績", "目標値（令和8年度）", "達成率"], start=1):
        _put(shown, 1, k, text)
    values = [("空き店舗の活用件数", 14, 21, 30, '#,##0"件"'), ("商店街の通行量の増加率", 2.5, 4.8, 10.0, '0.0"%"')]
    results: dict[tuple[int, str], float | str] = {}
    for r, (name, base, actual, target, fmt) in enumerate(values, start=2):
        _put(shown, r, 1, name)
        for k, (column, value) in enumerate(zip("BCD", (base, actual, target)), start=2):
            data[f"{column}{r}"] = value
            _put(shown, r, k, f"='入力'!{column}{r}", fmt)
            results[(1, f"{column}{r}")] = value
        _put(shown, r, 5, f"=C{r}/D{r}", "0.0%")
        results[(1, f"E{r}")] = actual / target
    book.save(str(path))
    return cache_formulas(path, results) if cached else path


def test_formulas_read_as_their_cached_results(tmp_path: Path) -> None:
    assert brief(_formula_book(tmp_path / "cached.xlsx", cached=True)) == [
        ("空き店舗の活用件数", "件", (14, 2021), [(2023, 21)], (30, 2026)),
        ("商店街の通行量の増加率", "%", (2.5, 2021), [(2023, 4.8)], (10, 2026)),
    ]


def test_formulas_saved_without_results_are_worked_out(tmp_path: Path) -> None:
    assert brief(_formula_book(tmp_path / "uncached.xlsx", cached=False)) == [
        ("空き店舗の活用件数", "件", (14, 2021), [(2023, 21)], (30, 2026)),
        ("商店街の通行量の増加率", "%", (2.5, 2021), [(2023, 4.8)], (10, 2026)),
    ]


def test_only_plain_arithmetic_is_worked_out(tmp_path: Path) -> None:
    book, sheet = _book()
    sheet.title = "計算"
    other = book.create_sheet("元 データ")
    other["A1"], other["A2"], other["B1"] = 12, 30, "件数"
    formulas = {"A1": "=SUM('元 データ'!A1:A2)", "A2": "='元 データ'!A1*2+$A$1/4", "A3": "=('元 データ'!A2-A2)/3",
                "A4": "='元 データ'!B1", "A5": "=ROUND(A1,0)", "A6": "=A1/0", "A7": "=A8+1", "A8": "=A7+1",
                "A9": "=[1]Sheet1!A1", "A10": "=-A1+B99", "A11": '="a"&"b"'}
    for cell, formula in formulas.items():
        sheet[cell] = formula
    path = tmp_path / "formulas.xlsx"
    book.save(str(path))
    from keikaku.importer.readers.formulas import has_uncached_formulas
    from keikaku.importer.readers.xlsx import sheet_values

    assert has_uncached_formulas(path.read_bytes())
    assert [row[0] for row in sheet_values("formulas.xlsx", path.read_bytes())] == \
        [42, 34.5, -1.5, "件数", None, None, None, None, None, -42]  # 24 + 42/4; (30 - 34.5)/3
    assert not has_uncached_formulas(cache_formulas(path, {(1, f"A{k}"): k for k in range(1, 12)}).read_bytes())
    assert [row[0] for row in sheet_values("formulas.xlsx", path.read_bytes())] == list(range(1, 12))
