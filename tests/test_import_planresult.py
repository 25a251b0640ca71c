"""A plan-against-result table one cell per line (planresult.py), and a baseline whose unit stands
on a line of its own between the figure and its bracketed year (flatsheet.py); composed documents
with invented names and figures."""

from __future__ import annotations

from pathlib import Path

from keikaku.importer.normalize import make_line
from keikaku.importer.planresult import plan_result_rows

from sheet_reading import figures_of, extract_by_name

PLAN_RESULT = """令和4年度 経営計画の達成状況
(1) 主な指標
R4計画
R4実績
差異
①年間延べ入館者数
8,200人
7,950人
△250人
[一日平均]
[27.3人]
[26.5人]
[△0.8人]
評価
○
(収入)
(1,200千円) (1,150千円) (△50千円)
②施設稼働率
64.0%
66.5%
2.5%
R4計画
R4実績
③自主事業の件数
12件
〔注記〕
④貸出件数
差異
評価
15件
3件
-
-
-
×
⑤研修受講者数
40人
38人
△2人
"""


def test_plan_and_result_cells_give_the_years_target_and_actual(tmp_path: Path) -> None:
    got = extract_by_name(tmp_path, PLAN_RESULT)
    assert figures_of(got["年間延べ入館者数"]) == ("人", None, (8200, 2022), [(2022, 7950)])
    assert figures_of(got["一日平均"]) == ("人", None, (27.3, 2022), [(2022, 26.5)])
    assert figures_of(got["施設稼働率"]) == ("%", None, (64.0, 2022), [(2022, 66.5)])
    # its result printed after the next name and the header's words: the figures fill the first open row
    assert figures_of(got["自主事業の件数"]) == ("件", None, (12, 2022), [(2022, 15)])
    assert figures_of(got["研修受講者数"]) == ("人", None, (40, 2022), [(2022, 38)])
    assert "貸出件数" not in got  # dashes only: no figures
    assert not any(name.startswith(("収入", "1,200")) for name in got)  # a unit price is no row


def _rows(text: str) -> list[tuple]:
    lines = [make_line(t, k) for k, t in enumerate(text.splitlines())]
    return [(r.name, r.target and r.target.value, r.target_year, [(y, q.value) for y, q, _ in r.actuals])
            for r in plan_result_rows(lines)]


def test_nothing_without_a_plan_and_a_result_cell_of_one_year() -> None:
    assert _rows(PLAN_RESULT.replace("R4実績", "R3実績")) == []  # two years: no year's plan and result
    assert _rows(PLAN_RESULT.replace("R4計画\n", "")) == []  # no plan cell
    assert _rows("R4計画\nR4実績\n①入館者数\n8,200人\n7,950人\n") == []  # one row is no table


def test_a_result_header_before_the_plan_keeps_the_columns_order() -> None:
    text = "2023年度実績\n2023年度目標\n①相談件数\n310件\n300件\n②講座参加者数\n95人\n120人\n"
    assert _rows(text) == [("相談件数", 300, 2023, [(2023, 310)]), ("講座参加者数", 120, 2023, [(2023, 95)])]


UNIT_APART = """ウ 成果指標
指標名
基準値
(時期)
地域の行事に参加
したことがある市民の割合
41%
(24 年度)
公園の年間
利用者数
18,300 人
(24 年度)
区分
⇧
⇧
H26
H27
H28
目標値
43.0
45.0
47.0
実績値
42.1
44.8
46.2
目標値
18,500
18,800
19,000
実績値
18,420
18,950
18,700
"""


def test_a_baseline_with_its_unit_apart_keeps_its_bracketed_year(tmp_path: Path) -> None:
    got = extract_by_name(tmp_path, UNIT_APART)
    assert figures_of(got["地域の行事に参加したことがある市民の割合"]) == (
        "%", (41, 2012), (47.0, 2016), [(2014, 42.1), (2015, 44.8), (2016, 46.2)])
    assert figures_of(got["公園の年間利用者数"]) == (
        "人", (18300, 2012), (19000, 2016), [(2014, 18420), (2015, 18950), (2016, 18700)])
