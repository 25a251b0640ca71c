"""General table rules: pipe rows broken over lines, headers with the year before the word, zero
written as a word, glued rows under a direction column.

The documents here are made up: fictional names and figures, laid out the way web pages turned
into pipe text and e-book page text print tables.
"""

from __future__ import annotations

from keikaku.importer.normalize import make_line
from keikaku.importer.oneline import glued_line_rows
from keikaku.importer.pipeline import extract_document
from keikaku.importer.pipes import broken_pipe_grid, pipe_header
from keikaku.importer.records import RawDocument, RawLine
from keikaku.importer.tables import Column, later_baselines_are_actuals, years_before_words
from keikaku.importer.values import parse_quantity


def _plan(*lines: str):
    doc = RawDocument(name="doc.txt", format="text", sha256="0" * 64, lines=[RawLine(t) for t in lines])
    return extract_document(doc).plan


def _lines(*texts: str):
    return [make_line(t, k) for k, t in enumerate(texts)]


# a pipe table from a web page: the header row broken over lines, its second row (a dated
# target the first row does not hold), a caption row above a rule line, rows broken over lines,
# each row's second line holding the dated target (padded with empty cells or not)
PIPES = (
    "項目 | 設定時の値 (年度) |",
    "現況値 (年度) |",
    "年度目標値 | 達成度 |",
    "備 考 |",
    "指標項目 | R9の目標値 |",
    "(1)架空の分野 | |||||",
    "---|---|---|---|---|---|",
    "星見広場の来場者数【人】※ | 1,200 (R2) |",
    "1,350 (R3) |",
    "1,400 | A | |",
    "1,800 | |||||",
    "森の小道の整備延長【km】 | 3.5 (R3) |",
    "4.0 (R3) |",
    "4.2 | B | |",
    "6 |",
    "(2)別の分野 | |||||",
    "---|---|---|---|---|---|",
    "村の催しの参加率【%】 | 40.5 (R2) |",
    "42.0 (R3) |",
    "41.0 | A | |",
    "50 | |||||",
)


def test_pipe_rows_broken_over_lines_are_joined_by_their_cell_count() -> None:
    lines = _lines(*PIPES)
    assert pipe_header(lines, 0)
    grid = broken_pipe_grid(lines)
    assert grid is not None and grid.cols == 7  # six columns and the second header row's target
    by_name = {i.name: i for i in _plan("架空の進捗", *PIPES).indicators}
    assert set(by_name) == {"星見広場の来場者数", "森の小道の整備延長", "村の催しの参加率"}
    first = by_name["星見広場の来場者数"]
    assert first.unit == "人" and (first.baseline.value, first.baseline.year) == (1200, 2020)
    assert (first.target.value, first.target.year) == (1800, 2027)
    assert [(a.year, a.value) for a in first.actuals] == [(2021, 1350)]
    second = by_name["森の小道の整備延長"]
    assert (second.target.value, second.target.year) == (6, 2027) and second.baseline.year == 2021


def test_a_table_one_cell_per_line_is_not_taken_for_a_broken_pipe_header() -> None:
    lines = _lines("番号 |", "指標 |", "現状値 |", "目標値 |", "1 |", "架空の割合 |", "10% |", "20% |")
    assert not pipe_header(lines, 0)
    assert broken_pipe_grid(lines) is None


def test_years_printed_before_their_value_words_date_those_columns() -> None:
    cells = ["指標", "令和5(2023)", "中間目標年度", "令和9(2027)", "最終目標年度", "令和4年度", "現状"]
    assert years_before_words(cells) == ["指標", "中間目標年度 令和5(2023)", "最終目標年度 令和9(2027)", "現状 令和4年度"]
    # a bare year that is its own column (an actual) beside undated words: unchanged
    assert years_before_words(["指標", "令和4年度", "実績", "目標値"]) == ["指標", "令和4年度", "実績", "目標値"]


def test_a_dated_baseline_word_after_the_targets_is_the_latest_actual() -> None:
    columns = later_baselines_are_actuals([Column("name"), Column("target", 2027), Column("baseline", 2022)])
    assert [c.role for c in columns] == ["name", "target", "actual"]
    plain = later_baselines_are_actuals([Column("name"), Column("baseline", 2020), Column("target", 2027)])
    assert [c.role for c in plain] == ["name", "baseline", "target"]


def test_a_one_line_table_with_spaced_eras_and_zero_as_a_word() -> None:
    plan = _plan(
        "架空の目標について",
        "1. 目標の状況 〔本文〕 指標 令和 5(2023) 中間目標年度 令和 9(2027) 最終目標年度 令和 4 年度 現状 "
        "① 村の資源の回収量 120g/人日 110g/人日 130.5g/人日 ② 村の花壇の数 12箇所 15箇所 10箇所 "
        "③ 村の放置物 ゼロ ゼロ ゼロ (2) 次の項目 〔本文〕",
    )
    by_name = {i.name: i for i in plan.indicators}
    first = by_name["村の資源の回収量"]
    assert (first.target.value, first.target.year) == (110, 2027)
    assert [(a.year, a.value) for a in first.actuals] == [(2022, 130.5)]
    zero = by_name["村の放置物"]
    assert zero.target.value == 0 and [(a.year, a.value) for a in zero.actuals] == [(2022, 0)]


def test_zero_written_as_a_word_is_the_figure_zero() -> None:
    q = parse_quantity("ゼロ")
    assert q.kind == "number" and q.value == 0
    assert parse_quantity("ゼロ以外").kind == "word"


# glued e-book text: a direction column first, then dated value words and an undated result
# column of arrows; a row split into groups (a label after the direction arrow); the header
# printed again for a second table
GLUED = (
    "架空の評価目指す方向策定時(R1)現状値(R4)結果星見広場の来場率↑40.1%42.5%↑"
    "森の散策者の割合↓大人 20.0%18.0%↓↓子ども 10.0%9.0%↓村の催しの参加者数↑1,200人1,500人↑"
    "分野評価目指す方向策定時(R1)現状値(R4)結果村の図書の貸出率↑30.5%31.0%→水辺の清掃参加率↑15.0%16.5%↑"
)


def test_glued_rows_under_a_direction_column_drop_the_result_marks() -> None:
    rows = {r.name: r for r in glued_line_rows(make_line(GLUED, 0))}
    assert set(rows) == {"星見広場の来場率", "森の散策者の割合", "村の催しの参加者数", "村の図書の貸出率", "水辺の清掃参加率"}
    first = rows["星見広場の来場率"]
    assert (first.baseline.value, first.baseline_year) == (40.1, 2019)
    assert [(y, q.value) for y, q, _ in first.actuals] == [(2022, 42.5)]
    assert first.direction == "increase"
    grouped = rows["森の散策者の割合"]  # the figures belong to the groups, not to the indicator
    assert grouped.baseline is None and grouped.unit == "%" and grouped.direction == "decrease"
    assert rows["村の図書の貸出率"].baseline.value == 30.5
