"""Office documents printed to PDF and read three ways: the eighth office round
(``office_round_8.py``, built at test time with LibreOffice and pdftotext) and each rule it taught in
a composed variant (other names, figures, years and units than the round's):

- a ruled table too wide for its page whose right columns LibreOffice prints on the next page, as a
  table of value heads over figures only: joined back beside the rows (``readers/pdf_overpages``);
- indicators across the columns under a row labels' head (区分, 種別), a unit row under their names,
  a name's rest wrapped under the header, row leads printing the year before the value word
  (令和4年度実績) or wrapped with their rest after the row's figures (``yearsdown``);
- a small form per indicator: a line of year cells, then 目標 and 実績 lines of as many figures
  (``labelled``); a 目標 line of figures is a row, not a heading (``segment``);
- a laid-out header whose one-line cells (基準値, 基準年度, bare years) are centred between the
  two-line cells: put in by their places (``orderedheader``);
- a KPI table's 基本目標 rows spanning the width, right under the header and between the rows
  (``grouptitle``: neither a header line nor a name's head nor a centred name).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from keikaku.importer.normalize import make_line  # noqa: E402
from keikaku.importer.pipeline import extract_file  # noqa: E402
from keikaku.importer.readers.pdf_overpages import joined  # noqa: E402
from keikaku.importer.records import Grid, GridCell  # noqa: E402
from keikaku.importer.segment import classify  # noqa: E402
from office_rounds import found_and_right as _score  # noqa: E402
from office_rounds import round_fixture  # noqa: E402


def read(path: Path) -> list[tuple]:
    plan = json.loads(extract_file(path).plan.to_json())

    def figure(side: dict | None) -> tuple:
        return (side["value"], side["year"]) if side else (None, None)

    return [(i["name"], i["unit"], figure(i["baseline"]), figure(i["target"]), [(a["year"], a["value"]) for a in i["actuals"]])
            for i in plan["indicators"]]


def text_file(tmp_path: Path, text: str, name: str = "doc.txt") -> Path:
    path = tmp_path / name
    path.write_text(text + "\n", encoding="utf-8")
    return path


# --- the round, built at test time ---------------------------------------------------------------

# (indicators found, fully right) per document and rendering. Before these rules the plain texts
# read 4 of 43 fully right, the -layout texts 13 and the PDFs 32; the plain texts' own rules
# (``test_import_default_text_4.py``) took them from 4 to 27. Still short: the plain texts of e3's
# second table, w1, w2, w4 (Word tables whose cells come in blocks of rows and columns mixed) and
# w3 (a form whose left columns print row by row and right columns column by column); e4's -layout
# text (the columns printed over on page 2 are not joined in laid-out text); e3's second table in
# -layout and PDF (its header cell overflows its row); w2 (circled list numbers before the names)
# and w4 (a figure's unit and its year in the cell) in -layout text.
PLAIN_PINS = {
    "p8_e1": (4, 4), "p8_e2": (7, 7), "p8_e3": (3, 3), "p8_e4": (4, 4), "p8_e5": (5, 5),
    "p8_e6": (4, 4), "p8_w1": (0, 0), "p8_w2": (0, 0), "p8_w3": (3, 0), "p8_w4": (0, 0),
}
LAYOUT_PINS = {
    "p8_e1": (4, 4), "p8_e2": (7, 7), "p8_e3": (5, 3), "p8_e4": (4, 0), "p8_e5": (5, 5),
    "p8_e6": (4, 4), "p8_w1": (3, 3), "p8_w2": (2, 2), "p8_w3": (3, 3), "p8_w4": (1, 0),
}
PDF_PINS = {
    "p8_e1": (4, 4), "p8_e2": (7, 7), "p8_e3": (5, 4), "p8_e4": (4, 4), "p8_e5": (5, 5),
    "p8_e6": (4, 4), "p8_w1": (3, 3), "p8_w2": (4, 4), "p8_w3": (3, 3), "p8_w4": (4, 4),
}


round_8 = round_fixture("office_round_8")


@pytest.mark.parametrize(("kind", "pins", "total"), [("plain", PLAIN_PINS, 27), ("layout", LAYOUT_PINS, 31), ("pdf", PDF_PINS, 42)])
def test_the_round_reads_at_least_as_pinned(round_8: Path, kind: str, pins: dict[str, tuple[int, int]], total: int) -> None:
    import office_round_8

    got = {}
    for name, (_, rows) in office_round_8.DOCUMENTS.items():
        stem = Path(name).stem
        path = {"plain": round_8 / f"{stem}.txt", "layout": round_8 / f"{stem}.layout.txt", "pdf": round_8 / "pdf" / f"{stem}.pdf"}[kind]
        got[stem] = _score(path, office_round_8.gold(rows))
    for stem, (found, right) in pins.items():
        assert got[stem][0] >= found and got[stem][1] >= right, (stem, got[stem])
    assert sum(right for _, right in got.values()) >= total


def test_the_expectations_cover_the_three_renderings() -> None:
    import office_round_8

    expected = office_round_8.expected()
    assert len(expected) == 30
    assert sum(len(gold) for gold in expected.values()) == 3 * 43
    assert expected["p8_e5.layout.txt"][0]["baseline"] == {"value": -312, "year": 2022}
    assert expected["p8_e5.txt"][1]["actuals"] == [{"year": 2023, "value": 1.29}]  # 集計中 is no figure


# --- columns printed over on the next page, in a PDF's ruled tables -------------------------------


def _grid(rows: list[list[str]]) -> Grid:
    cells = tuple(GridCell(text, r, c) for r, row in enumerate(rows) for c, text in enumerate(row))
    return Grid(cells, len(rows), len(rows[0]))


NAMED = _grid([["指標名", "単位", "基準値（令和2年度）", "令和3年度実績"],
               ["図書館の貸出冊数", "冊", "310,200", "298,415"],
               ["読み聞かせ会の参加者数", "人", "1,420", "1,388"]])
OVER = _grid([["令和4年度実績", "令和5年度実績", "目標値（令和9年度）"],
              ["305,000", "312,774", "350,000"],
              ["1,502", "－", "2,000"]])


def test_a_part_of_value_heads_over_figures_joins_the_table_before() -> None:
    grid = joined(NAMED, OVER)
    assert grid is not None and (grid.rows, grid.cols) == (3, 7)
    assert grid.row_texts()[0][4:] == ("令和4年度実績", "令和5年度実績", "目標値（令和9年度）")
    assert grid.row_texts()[2] == ("読み聞かせ会の参加者数", "人", "1,420", "1,388", "1,502", "－", "2,000")


def test_a_part_with_a_name_head_or_other_rows_or_a_word_cell_joins_nothing() -> None:
    named_again = _grid([["指標名", "目標値"], ["図書館の貸出冊数", "350,000"], ["読み聞かせ会の参加者数", "2,000"]])
    assert joined(NAMED, named_again) is None
    assert joined(NAMED, _grid([["令和4年度実績", "目標値"], ["305,000", "350,000"]])) is None
    worded = _grid([["令和4年度実績", "備考"], ["305,000", "増加"], ["1,502", "維持"]])
    assert joined(NAMED, worded) is None
    unnamed = _grid([["令和3年度実績", "令和4年度実績"], ["298,415", "305,000"], ["1,388", "1,502"]])
    assert joined(unnamed, OVER) is None  # the table before names no row


# --- indicators across, under a row labels' head -------------------------------------------------

ACROSS_LAID_OUT = """施策2-5 文化の振興

区分          文化ホールの入館者数   市民美術展の出品数   伝統芸能講座の受講者
                                                    数
単位          人            点           人
基準値（平成 30 年   52,310      418         96
度）
令和 3 年度実績    31,044      377         58
令和 4 年度実績    44,871      402         81
目標値（令和 8 年   60,000      480         150
度）
"""

ACROSS = """種別 水道の有収率 下水道の接続率
単位 % %
基準値（令和2年度） 88.4 91.2
令和4年度実績 89.0 92.5
令和5年度実績 89.7 93.1
目標値（令和10年度） 92.0 96.0
"""

LABELS_OVER_VALUES = """区分 目標 実績
令和4年度 120 118
令和5年度 130 127
令和6年度 140 139
"""


def test_indicators_across_under_a_labels_head_with_a_unit_row_and_wrapped_cells(tmp_path: Path) -> None:
    assert read(text_file(tmp_path, ACROSS_LAID_OUT)) == [
        ("文化ホールの入館者数", "人", (52310, 2018), (60000, 2026), [(2021, 31044), (2022, 44871)]),
        ("市民美術展の出品数", "点", (418, 2018), (480, 2026), [(2021, 377), (2022, 402)]),
        ("伝統芸能講座の受講者数", "人", (96, 2018), (150, 2026), [(2021, 58), (2022, 81)]),
    ]


def test_row_leads_printing_the_year_before_the_value_word(tmp_path: Path) -> None:
    assert read(text_file(tmp_path, ACROSS)) == [
        ("水道の有収率", "%", (88.4, 2020), (92, 2028), [(2022, 89), (2023, 89.7)]),
        ("下水道の接続率", "%", (91.2, 2020), (96, 2028), [(2022, 92.5), (2023, 93.1)]),
    ]


def test_a_labels_head_over_value_words_is_no_table_of_indicators_across(tmp_path: Path) -> None:
    assert read(text_file(tmp_path, LABELS_OVER_VALUES)) == []


# --- a form per indicator: year cells, then 目標 and 実績 runs ------------------------------------

FORMS = """施策3-4 消費生活の安全
指標 1 消費生活相談の解決率（単位：%）
基準値      72.4（令和元年度）      目標値       80.0（令和7年度）
年度       令和 2 年度    令和 3 年度    令和 4 年度
目標       74.0       76.0       78.0
実績       73.1       75.8       78.6

指標 2 出前講座の開催回数（単位：回）
基準値      18（令和元年度）        目標値       30（令和7年度）
年度       令和 2 年度    令和 3 年度    令和 4 年度
目標       20         23         26
実績       9          17         27
"""


def test_target_and_actual_runs_under_a_line_of_year_cells(tmp_path: Path) -> None:
    path = text_file(tmp_path, FORMS)
    assert read(path) == [
        ("消費生活相談の解決率", "%", (72.4, 2019), (80, 2025), [(2020, 73.1), (2021, 75.8), (2022, 78.6)]),
        ("出前講座の開催回数", "回", (18, 2019), (30, 2025), [(2020, 9), (2021, 17), (2022, 27)]),
    ]
    plan = json.loads(extract_file(path).plan.to_json())
    assert [(t["year"], t["value"]) for t in plan["indicators"][1]["interim_targets"]] == [(2020, 20), (2021, 23), (2022, 26)]


def test_a_value_word_over_figures_only_is_no_heading() -> None:
    assert classify(make_line("目標 12.5 14.0 15.5", 3)) is None
    assert classify(make_line("目標 3 ふるさとの魅力を高める", 3)) is not None  # a level word, its number, a title


# --- one-line header cells centred between two-line ones -----------------------------------------

YEARS_BETWEEN = """施策4-2 道路の整備

                              現状値                          目標値
        指標名          単位               令和4年度    令和5年度
                          （令和3年度）                     （令和9年度）
市道の改良率             %      63.2     64.0       64.9      70.0
歩道のバリアフリー化延長     km     12.5     13.1       14.0      20.0
"""

CENTRED_CELLS_AND_GROUPS = """総合戦略   KPIの達成状況

                                            令和4年度      令和5年度        目標値
 No.       指標名                単位  基準値        基準年度
                                             実績         実績        （令和8年度）
施策1 子育ての支援
    1 保育所の待機児童数           人            14 令和2年度          9          4           0
    2 子育て相談の件数             件           820 令和2年度        905        951       1,100
施策2 若者の定住
    3 若者の転入超過数             人           -35 令和元年度        -12          6          50
"""

GROUPS_UNDER_THE_HEADER = """成果指標一覧

No.  指標名  単位  基準値  令和5年度実績  基準年度  令和6年度実績  目標値（令和10年度）
施策3 地域の安全
1  防犯カメラの設置台数  台  120  令和3年度  148  171  250
2  消防団員の充足率  %  88.5  令和3年度  87.9  89.2  95.0
施策4 交通の便利
3  デマンド交通の利用者数  人  4,310  令和4年度  4,870  5,225  6,000
"""


def test_bare_years_between_role_words_are_columns_of_their_own(tmp_path: Path) -> None:
    assert read(text_file(tmp_path, YEARS_BETWEEN)) == [
        ("市道の改良率", "%", (63.2, 2021), (70, 2027), [(2022, 64), (2023, 64.9)]),
        ("歩道のバリアフリー化延長", "km", (12.5, 2021), (20, 2027), [(2022, 13.1), (2023, 14)]),
    ]


def test_one_line_cells_centred_beside_two_line_cells_and_group_rows(tmp_path: Path) -> None:
    assert read(text_file(tmp_path, CENTRED_CELLS_AND_GROUPS)) == [
        ("保育所の待機児童数", "人", (14, 2020), (0, 2026), [(2022, 9), (2023, 4)]),
        ("子育て相談の件数", "件", (820, 2020), (1100, 2026), [(2022, 905), (2023, 951)]),
        ("若者の転入超過数", "人", (-35, 2019), (50, 2026), [(2022, -12), (2023, 6)]),
    ]


def test_a_group_row_right_under_the_header_is_no_header_line(tmp_path: Path) -> None:
    assert read(text_file(tmp_path, GROUPS_UNDER_THE_HEADER)) == [
        ("防犯カメラの設置台数", "台", (120, 2021), (250, 2028), [(2023, 148), (2024, 171)]),
        ("消防団員の充足率", "%", (88.5, 2021), (95, 2028), [(2023, 87.9), (2024, 89.2)]),
        ("デマンド交通の利用者数", "人", (4310, 2022), (6000, 2028), [(2023, 4870), (2024, 5225)]),
    ]
