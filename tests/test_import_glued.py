"""Tables whose cells were run together without separators (``keikaku/importer/glued.py``).

The documents here are made up: fictional names and figures, glued the way HTML pages and some
PDF extractors print a table row as one line.
"""

from __future__ import annotations

import pytest

from keikaku.importer.glued import (
    consecutive_years, glued_grids, glued_name, only_figures, split_cells, starts_glued_table, year_header)
from keikaku.importer.normalize import make_line
from keikaku.importer.pipeline import extract_document
from keikaku.importer.records import RawDocument, RawLine
from keikaku.importer.segment import classify, segment

GLUED = """みどり野町 取組の点検(架空)
読書のまちづくり
成果指標図書館の年間来館者数
評価
A
令和(年度)345
目標-52,000人54,000人
実績50,120人51,300人53,480人
目標との差
-▲700人▲520人
活動指標1読み聞かせ会の開催
令和(年度)345
目標12回12回15回
実績10回―14回
活動指標2蔵書の電子化率
平成(年度)293031
目標--60.5%
実績41.2%50.0%58.8%
目標と実績の
比較
--▲1.7%
"""


def extract(text: str):
    doc = RawDocument(name="doc.txt", format="text", sha256="0" * 64, lines=[RawLine(t) for t in text.splitlines()])
    return extract_document(doc).plan


def lines_of(text: str):
    return [make_line(t, i) for i, t in enumerate(text.splitlines()) if t.strip()]


def texts(run: str, n: int | None = None) -> list[str] | None:
    cells = split_cells(run, n)
    return None if cells is None else [c.text for c in cells]


# --- the tokenizer ----------------------------------------------------------------------------

@pytest.mark.parametrize(("run", "n", "cells"), [
    ("-52,000人54,000人", 3, ["-", "52,000人", "54,000人"]),
    ("50,120人51,300人53,480人", 3, ["50,120人", "51,300人", "53,480人"]),
    ("10回―14回", 3, ["10回", "―", "14回"]),
    ("--60.5%", 3, ["-", "-", "60.5%"]),
    ("41.2%50.0%58.8%", 3, ["41.2%", "50.0%", "58.8%"]),  # not 41.2 / %5 …, nor 41.2% / 50.0 / %…
    ("－－8社", 3, ["-", "-", "8社"]),  # cells are width-folded
    ("-▲1.7%", 2, ["-", "▲1.7%"]),
    ("12件(見込)15件", 2, ["12件(見込)", "15件"]),
    ("維持維持", 2, ["維持", "維持"]),
    ("3.5ha4.0ha", 2, ["3.5ha", "4.0ha"]),
    ("1,5001,560", 2, ["1,500", "1,560"]),  # two bare numbers: the year count settles it
    ("1,5001,560", 3, None),  # no split of three cells
    ("1,5001,560", None, None),  # bare numbers side by side without a count: refused
    ("123", 3, ["1", "2", "3"]),
    ("123", 2, None),  # 1 / 23 or 12 / 3: refused
    ("1234", None, None),
    ("12人15", 2, ["12人", "15"]),
    ("35回35回40回", None, ["35回", "35回", "40回"]),
    ("5園", 3, None),
    ("と実績の", 3, None),
    ("", 2, None),
])
def test_split_a_glued_run_into_cells(run: str, n: int | None, cells: list[str] | None) -> None:
    assert texts(run, n) == cells


def test_cells_carry_their_kind_and_unit() -> None:
    cells = split_cells("-▲700人約520人", 3)
    assert [(c.kind, c.unit) for c in cells] == [("empty", None), ("figure", "人"), ("figure", "人")]


def test_a_dash_is_an_empty_cell_never_a_minus_sign() -> None:
    assert texts("-5園", 2) == ["-", "5園"]
    assert texts("-5園", 1) is None


def test_figures_only_not_words() -> None:
    assert all(only_figures(t) for t in ("12件15件", "--5園", "1,5001,560", "1234", "12件"))
    assert not any(only_figures(t) for t in ("1 安全なまち", "1安全なまち", "12件の削減", "-", ""))


# --- headers and names ------------------------------------------------------------------------

@pytest.mark.parametrize(("run", "years"), [
    ("171819", (17, 18, 19)), ("345", (3, 4, 5)), ("91011", (9, 10, 11)), ("元23", (1, 2, 3)),
    ("2930", (29, 30)), ("17", None), ("1719", None), ("5", None),
])
def test_glued_years_count_up_by_one(run: str, years: tuple[int, ...] | None) -> None:
    assert consecutive_years(run) == years


def test_year_headers() -> None:
    for text, era, years in [("令和(年度)345", "令和", (3, 4, 5)), ("平成(年度)293031", "平成", (29, 30, 31)),
                             ("平成91011年度", "平成", (9, 10, 11)), ("令和3年度4年度5年度", "令和", (3, 4, 5)),
                             ("区分令和(年度)元23", "令和", (1, 2, 3))]:
        header = year_header(text)
        assert header is not None and (header.era, header.years) == (era, years), text
    for text in ("令和(年度)3", "令和(年度)359", "令和5年度の目標", "目標12回12回15回"):
        assert year_header(text) is None, text


@pytest.mark.parametrize(("text", "name"), [
    ("成果指標図書館の年間来館者数", "図書館の年間来館者数"),
    ("活動指標1読み聞かせ会の開催", "読み聞かせ会の開催"),
    ("活動指標 (2) 蔵書の電子化率", "蔵書の電子化率"),
    ("活動指標1歳児健診の受診率", "1歳児健診の受診率"),  # a unit after the number: part of the name
    ("成果指標名", None),
    ("成果指標の設定にあたっては前年度の実績を用いた", None),
    ("図書館の年間来館者数", None),
])
def test_an_indicator_name_glued_to_its_kind(text: str, name: str | None) -> None:
    assert glued_name(make_line(text, 0)) == name


# --- whole documents ----------------------------------------------------------------------------

def test_a_made_up_glued_page_reads_exactly() -> None:
    plan = extract(GLUED)
    got = [(i.name, i.unit, i.target.value, i.target.year, [(a.year, a.value) for a in i.actuals]) for i in plan.indicators]
    assert got == [
        ("図書館の年間来館者数", "人", 54000, 2023, [(2021, 50120), (2022, 51300), (2023, 53480)]),
        ("読み聞かせ会の開催", "回", 15, 2023, [(2021, 10), (2023, 14)]),
        ("蔵書の電子化率", "%", 60.5, 2019, [(2017, 41.2), (2018, 50.0), (2019, 58.8)]),
    ]
    first = plan.indicators[0]
    assert (first.origin, first.target.origin, first.actuals[0].origin) == ("line 3", "line 7", "line 8")
    assert all(i.baseline is None for i in plan.indicators)


def test_each_glued_block_is_an_indicator_table_region() -> None:
    blocks = [b for b in segment(lines_of(GLUED)) if b.table]
    assert [(b.table, b.body[0].text) for b in blocks] == [
        ("indicators", "成果指標図書館の年間来館者数"), ("indicators", "活動指標1読み聞かせ会の開催"),
        ("indicators", "活動指標2蔵書の電子化率")]
    assert classify(make_line("目標12回12回15回", 0)) is None  # a row, not the heading 目標 12
    assert classify(make_line("目標1234", 0)) is None


def test_the_comparison_rows_are_not_data() -> None:
    (grid, *_) = glued_grids(lines_of(GLUED))
    assert grid.rows == 3 and grid.cols == 5
    assert [row[1] for row in grid.row_texts()] == ["区分", "目標", "実績"]


def test_a_row_that_does_not_split_into_one_cell_per_year_is_refused() -> None:
    text = "活動指標講座の開催\n令和(年度)345\n目標1234\n実績1,5001,5601,620\n"  # 1/2/34, 1/23/4 or 12/3/4
    plan = extract(text)
    got = [(i.name, i.target, [(a.year, a.value) for a in i.actuals]) for i in plan.indicators]
    assert got == [("講座の開催", None, [(2021, 1500), (2022, 1560), (2023, 1620)])]


# --- unchanged: prose and ordinary tables ----------------------------------------------------------

ORDINARY = """施策1 防災
指標名 単位 現状値(R1) 目標値(R7)
自主防災組織の数 団体 27 30
刑法犯の認知件数 件 1,070 900
"""

PROSE = """目標1 安全なまち
成果指標の設定にあたっては、令和3年度から5年度までの実績を用いた。
目標は12件、実績は15件であった。
活動指標については別表のとおりとする。
"""


def test_an_ordinary_table_reads_as_before() -> None:
    assert glued_grids(lines_of(ORDINARY)) == []
    plan = extract(ORDINARY)
    got = [(i.name, i.unit, i.baseline.value, i.baseline.year, i.target.value, i.target.year) for i in plan.indicators]
    assert got == [("自主防災組織の数", "団体", 27, 2019, 30, 2025), ("刑法犯の認知件数", "件", 1070, 2019, 900, 2025)]


def test_prose_is_left_alone() -> None:
    lines = lines_of(PROSE)
    assert glued_grids(lines) == []
    assert not any(starts_glued_table(lines, i) for i in range(len(lines)))
    heading = classify(lines[0])
    assert heading is not None and (heading.level, heading.number, heading.title) == ("目標", "1", "安全なまち")
    assert extract(PROSE).indicators == []
