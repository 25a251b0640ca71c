"""Evaluation sheets whose year tables, left one cell per line, print each row's label after its
figures (the rule of ``keikaku/importer/labelafter.py``), and the unit cell an extractor runs into
the name before it (``sieve.py``). Documents composed here with invented names, figures and years."""

from __future__ import annotations

from pathlib import Path

import pytest

from keikaku.importer.labelafter import label_after_rows
from keikaku.importer.normalize import make_line

from sheet_reading import extract_by_name as read
from sheet_reading import figures_of as figures


def _sheet(*cells: str) -> str:
    return "\n".join(cells)


def test_two_blocks_of_actual_and_target_rows_with_the_name_between_them(tmp_path: Path) -> None:
    got = read(tmp_path, _sheet(
        "施策評価シート", "区分 令和2年度 令和3年度 令和4年度 令和5年度 令和6年度",
        "120", "134", "141", "実績値", "件", "出張講座の開催件数", "130", "140", "150", "160", "目標値",
        "55.0", "57.5", "実績値", "%", "講座に満足した参加者の割合", "56.0", "58.0", "60.0", "62.0", "目標値",
        "〔本文〕"))
    assert figures(got["出張講座の開催件数"]) == ("件", None, (160, 2024), [(2020, 120), (2021, 134), (2022, 141)])
    assert figures(got["講座に満足した参加者の割合"]) == ("%", None, (62, 2024), [(2020, 55), (2021, 57.5)])
    assert got["出張講座の開催件数"].direction == "increase"
    assert len(got) == 2  # the unit run into a name (件出張講座…) gives no third indicator


def test_heisei_years_a_baseline_run_and_empty_slots_of_the_form(tmp_path: Path) -> None:
    got = read(tmp_path, _sheet(
        "区分 平成26年度 平成27年度 平成28年度 平成29年度",
        "2,480", "基準値", "人", "夜間救急の受診者数", "2,310", "2,205", "実績値", "2,300", "2,200", "2,100", "目標値",
        "実績値", "目標値", "実績値", "目標値"))
    assert figures(got["夜間救急の受診者数"]) == ("人", (2480, 2014), (2100, 2017), [(2014, 2310), (2015, 2205)])
    assert got["夜間救急の受診者数"].direction == "decrease"


def test_a_dash_keeps_its_year_empty(tmp_path: Path) -> None:
    got = read(tmp_path, _sheet(
        "年度 R3 R4 R5 R6", "18", "-", "21", "実績値", "団体", "地域見守り協定の締結団体数", "20", "22", "24", "目標値"))
    assert figures(got["地域見守り協定の締結団体数"]) == ("団体", None, (24, 2024), [(2021, 18), (2023, 21)])


@pytest.mark.parametrize("cells", [
    # labels printed before their figures: the layout of another reading
    ("区分 令和2年度 令和3年度 令和4年度", "実績値", "120", "134", "出張講座の開催件数", "目標値", "130", "140", "150"),
    # more figures than years
    ("区分 令和2年度 令和3年度", "120", "134", "141", "実績値", "出張講座の開催件数", "130", "140", "目標値"),
    # figures and labels but no name
    ("区分 令和2年度 令和3年度 令和4年度", "120", "134", "実績値", "130", "140", "目標値"),
    # a line of one year only is no header
    ("区分 令和2年度", "120", "実績値", "出張講座の開催件数", "130", "目標値"),
    # prose between the header and the rows ends the table
    ("区分 令和2年度 令和3年度 令和4年度", "〔本文〕", "120", "134", "実績値", "出張講座の開催件数", "130", "目標値"),
])
def test_what_is_no_such_table_gives_nothing(cells: tuple[str, ...]) -> None:
    lines = [make_line(t, k) for k, t in enumerate(cells)]
    assert label_after_rows(lines) == []


def test_a_known_name_is_not_read_again() -> None:
    cells = ("区分 令和2年度 令和3年度", "12", "実績値", "出張講座の開催件数", "15", "目標値")
    lines = [make_line(t, k) for k, t in enumerate(cells)]
    assert [r.name for r in label_after_rows(lines)] == ["出張講座の開催件数"]
    assert label_after_rows(lines, known=["出張講座の開催件数"]) == []
