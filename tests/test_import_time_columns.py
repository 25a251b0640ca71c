"""A pipe table printing each figure's year in a column of its own, right of the figure's column."""

from __future__ import annotations

from pathlib import Path

from keikaku.importer.normalize import make_line
from keikaku.importer.timecolumns import join_time_columns
from tests.sheet_reading import extract_by_name, figures_of

SHEET = """令和6年度 施策評価シート
| 成果指標 | 単位 | 現状値 | 時期 | 目標値 | 時期 | 実績値 | 時期 |
| 地域猫活動の登録団体数 | 団体 | 8 | R4 | 15 | R10 | 11 | R5 |
| 動物愛護講習会の参加者数 | 人 | 240 | R4 | 400 | R10 | 298 | R5 |
"""


def test_each_time_column_dates_the_figures_before_it(tmp_path: Path) -> None:
    got = extract_by_name(tmp_path, SHEET)
    assert figures_of(got["地域猫活動の登録団体数"]) == ("団体", (8, 2022), (15, 2028), [(2023, 11)])
    assert figures_of(got["動物愛護講習会の参加者数"]) == ("人", (240, 2022), (400, 2028), [(2023, 298)])


def test_bracketed_time_columns_and_an_empty_time_cell(tmp_path: Path) -> None:
    text = """指標の状況
| 指標 | 基準値 | (年度) | 目標値 | (年度) |
| 公園の年間利用者数 | 52,300人 | (令和3年度) | 60,000人 | (令和9年度) |
| 公園ボランティアの登録者数 | 75人 | | 120人 | (令和9年度) |
"""
    got = extract_by_name(tmp_path, text)
    assert figures_of(got["公園の年間利用者数"]) == ("人", (52300, 2021), (60000, 2027), [])
    assert figures_of(got["公園ボランティアの登録者数"])[1:3] == ((75, None), (120, 2027))


def _texts(*texts: str) -> list[str]:
    return [ln.text for ln in join_time_columns([make_line(t, k) for k, t in enumerate(texts)])]


def test_the_lines_after_joining() -> None:
    assert _texts("| 指標 | 目標値 | 年度 |", "| 空き家の除却件数 | 40件 | R8 |", "本文の行") == [
        "| 指標 | 目標値 |", "| 空き家の除却件数 | 40件 (R8) |", "本文の行"]


def test_a_time_column_holding_figures_or_after_no_value_column_is_left_as_printed() -> None:
    figures = ("| 指標 | 目標値 | 時期 |", "| 空き家の除却件数 | 40件 | 35件 |")
    assert _texts(*figures) == list(figures)
    first = ("| 年度 | 目標値 | 実績値 |", "| R5 | 40件 | 35件 |")  # years as rows: a column of its own
    assert _texts(*first) == list(first)
    ragged = ("| 指標 | 目標値 | 時期 |", "| 空き家の除却件数 | 40件 |")
    assert _texts(*ragged) == list(ragged)
