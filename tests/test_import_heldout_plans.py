"""Measure pages of basic plans: figures listed under a line naming the survey they come from and
its year (``…調査(令和2年度)より`` / ``満足度 64.2%``). Documents composed here with invented
names, figures and years."""

from __future__ import annotations

from pathlib import Path

import pytest

from keikaku.importer.normalize import make_line
from keikaku.importer.sourcedyear import source_dated_rows

from sheet_reading import extract_by_name as read
from sheet_reading import figures_of as figures


def _rows(text: str):  # noqa: ANN202
    return source_dated_rows([make_line(t, k) for k, t in enumerate(text.splitlines())])


def test_percentages_under_a_survey_of_a_fiscal_year(tmp_path: Path) -> None:
    got = read(tmp_path, "2-3 地域コミュニティ\n施策全体の指標\n市民意識調査(令和2年度)より\n住みやすさの実感度 64.2%\n"
                         "地域活動への参加率 31.5%\n（グラフ）\n〔本文〕\n")
    assert figures(got["住みやすさの実感度"]) == ("%", (64.2, 2020), None, [])
    assert figures(got["地域活動への参加率"]) == ("%", (31.5, 2020), None, [])
    assert got["住みやすさの実感度"].source == "市民意識調査"


def test_counts_from_statistics_of_a_calendar_year_with_commas(tmp_path: Path) -> None:
    got = read(tmp_path, "住民基本台帳統計(平成30年)から\n転入者数 1,284人\n転出者数 1,310人\n")
    assert figures(got["転入者数"]) == ("人", (1284, 2018), None, [])
    assert figures(got["転出者数"]) == ("人", (1310, 2018), None, [])


def test_full_width_brackets_digits_and_an_abbreviated_era(tmp_path: Path) -> None:
    got = read(tmp_path, "来館者アンケート（Ｒ３）より\n満足と答えた人の割合　８２．５％\n")
    assert figures(got["満足と答えた人の割合"]) == ("%", (82.5, 2021), None, [])


def test_the_run_ends_at_the_first_other_line() -> None:
    rows = _rows("利用者調査(令和4年度)より\n満足度 50.1%\nグラフ\n重要度 70.0%\n")
    assert [(r.name, r.baseline.value, r.baseline_year) for r in rows] == [("満足度", 50.1, 2022)]


def test_a_name_another_reading_found_is_left_to_it() -> None:
    lines = [make_line(t, k) for k, t in enumerate("利用者調査(令和4年度)より\n満足度 50.1%\n参加率 12.0%\n".splitlines())]
    assert [r.name for r in source_dated_rows(lines, known=["満足度"])] == ["参加率"]


@pytest.mark.parametrize("text", [
    "市民意識調査より\n満足度 64.2%\n",  # the survey has no year
    "今年度の状況(令和2年度)より\n満足度 64.2%\n",  # a year, but no survey named
    "市民意識調査(令和2年度)の概要\n満足度 64.2%\n",  # the bracket is followed by other words
    "市民意識調査(令和2年度)より\n満足度 64.2%(R1)\n",  # the figure carries its own year
    "市民意識調査(令和2年度)より\n現状値 64.2%\n",  # a header word, not a name
    "市民意識調査(令和2年度)より\n〔本文〕\n満足度 64.2%\n",  # the figures are not right under it
    "市民意識調査(令和2年度)より\n満足度 高い\n",  # no figure
])
def test_what_is_no_such_list_gives_nothing(text: str) -> None:
    assert _rows(text) == []
