"""An indicator named on a line of its own (指標名：…, 成果指標① …) over a small table of years
whose rows open with a value word (実績, 目標 …). Documents composed here with invented names
and figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from keikaku.importer.namedyears import named_year_rows
from keikaku.importer.normalize import make_line

from sheet_reading import extract_by_name as read
from sheet_reading import figures_of as figures


def test_a_labelled_name_over_years_with_actual_and_target_rows(tmp_path: Path) -> None:
    got = read(tmp_path, "指標名：市民農園の利用率 単位：％\n年度 令和2年度 令和3年度 令和4年度 令和7年度（目標）\n"
                         "実績値 82.0 84.1 85.3\n目標値 83.0 84.0 86.0 90.0\n")
    assert figures(got["市民農園の利用率"]) == ("%", None, (90, 2025), [(2020, 82), (2021, 84.1), (2022, 85.3)])


def test_a_numbered_kind_word_with_the_unit_in_brackets_and_a_baseline_column(tmp_path: Path) -> None:
    got = read(tmp_path, "成果指標① 講座の参加者数（人）\n区分 R1(基準) R3 R4 R5\n実績 450 480 512\n目標 - 500 520 540\n")
    assert figures(got["講座の参加者数"]) == ("人", (450, 2019), (540, 2023), [(2021, 480), (2022, 512)])


def test_two_blocks_one_after_the_other(tmp_path: Path) -> None:
    got = read(tmp_path, "活動指標 出前講座の開催回数 単位：回\n区分 H30 R1 R2\n計画 20 22 24\n実績 21 19 25\n"
                         "活動指標 窓口の相談件数 単位：件\n区分 H30 R1 R2\n計画 300 300 300\n実績 287 312 -\n")
    assert figures(got["出前講座の開催回数"]) == ("回", None, (24, 2020), [(2018, 21), (2019, 19), (2020, 25)])
    assert figures(got["窓口の相談件数"]) == ("件", None, (300, 2020), [(2018, 287), (2019, 312)])


@pytest.mark.parametrize("text", [
    "指標名：市民農園の利用率\n〔本文〕\n実績値 82.0 84.1\n",  # no line of years under the name
    "指標名：市民農園の利用率\n区分 R2 R3\n〔本文〕\n",  # years, but no row of figures
    "指標名：市民農園の利用率\n区分 R2 R3\n実績 82.0 84.1 85.3 86.0\n",  # more figures than years
    "指標の考え方を示す段落です。\n区分 R2 R3\n実績 82.0 84.1\n",  # no name line
])
def test_what_is_no_such_block_gives_nothing(text: str) -> None:
    lines = [make_line(t, k) for k, t in enumerate(text.splitlines())]
    assert named_year_rows(lines) == []
