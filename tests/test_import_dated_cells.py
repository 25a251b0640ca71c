"""A table printed one cell per line whose figures carry their year on the line under them
(``120区画`` / ``（令和2年度）``): the year dates the figure above it and never joins the name.
Documents composed here with invented names and figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from keikaku.importer.pipeline import extract_file
from keikaku.importer.values import ends_with_a_bare_year


def read(tmp_path: Path, text: str) -> list[tuple]:
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    return [(i.name, i.unit, i.baseline and (i.baseline.value, i.baseline.year), i.target and (i.target.value, i.target.year))
            for i in extract_file(path).plan.indicators]


HEADER_CELLS = "施策2 水辺の保全\n指標名\n基準値\n目標値\n"
HEADER_LINE = "施策2 水辺の保全\n指標名 基準値 目標値\n"
ROWS = ("河川清掃の参加者数\n1,480人\n（令和3年度）\n2,000人\n（令和8年度）\n"
        "川がきれいだと感じる市民の割合\n86.5%\n（令和3年度）\n95%\n（令和8年度）\n")


@pytest.mark.parametrize("header", [HEADER_CELLS, HEADER_LINE])
def test_each_year_dates_the_figure_above_it(tmp_path: Path, header: str) -> None:
    assert read(tmp_path, header + ROWS) == [
        ("河川清掃の参加者数", "人", (1480, 2021), (2000, 2026)),
        ("川がきれいだと感じる市民の割合", "%", (86.5, 2021), (95, 2026)),
    ]


def test_heisei_years_and_full_width_brackets_read_the_same(tmp_path: Path) -> None:
    rows = ROWS.replace("（令和3年度）", "(平成30年度)").replace("（令和8年度）", "(令和5年度)")
    assert [r[2:] for r in read(tmp_path, HEADER_CELLS + rows)] == [((1480, 2018), (2000, 2023)), ((86.5, 2018), (95, 2023))]


def test_without_year_lines_the_figures_stay_undated(tmp_path: Path) -> None:
    rows = "河川清掃の参加者数\n1,480人\n2,000人\n川がきれいだと感じる市民の割合\n86.5%\n95%\n"
    assert read(tmp_path, HEADER_CELLS + rows) == [
        ("河川清掃の参加者数", "人", (1480, None), (2000, None)), ("川がきれいだと感じる市民の割合", "%", (86.5, None), (95, None))]


@pytest.mark.parametrize(("name", "swallowed"), [
    ("河川清掃の参加者数（令和3年度）", True), ("河川清掃の参加者数(H30)", True),
    ("河川清掃の参加者数（累計）", False), ("（令和3年度）", False), ("川がきれいだと感じる市民の割合", False),
    ("市民意識調査の満足度（令和3年度比）", False),
])
def test_a_name_ending_in_a_bare_year_is_marked(name: str, swallowed: bool) -> None:
    assert ends_with_a_bare_year(name) is swallowed


# --- a name, then one line per label with its year and figure ------------------------------------

LABELLED = ("施策2 水辺の保全\n成果指標\n河川清掃の参加者数\n現状値（令和3年度） 1,480人\n目標値（令和8年度） 2,000人\n"
            "川がきれいだと感じる市民の割合\n現状値（令和3年度） 86.5%\n目標値（令和8年度） 95%\n")


@pytest.mark.parametrize("gap", [" ", "：", ": "])
def test_labels_under_a_name_give_its_figures_and_never_join_it(tmp_path: Path, gap: str) -> None:
    assert read(tmp_path, LABELLED.replace("） ", "）" + gap)) == [
        ("河川清掃の参加者数", "人", (1480, 2021), (2000, 2026)), ("川がきれいだと感じる市民の割合", "%", (86.5, 2021), (95, 2026))]


@pytest.mark.parametrize(("name", "holds"), [
    ("河川清掃の参加者数現状値（令和3年度）目標値（令和8年度）", True), ("河川清掃の参加者数現状値（令和3年度）", False),
    ("河川清掃の参加者数", False),
])
def test_a_name_holding_dated_labels_is_marked(name: str, holds: bool) -> None:
    from keikaku.importer.lexicon import labels_in_name

    assert labels_in_name(name) is holds


def test_a_name_holding_a_header_word_is_still_a_name(tmp_path: Path) -> None:
    # 基準 and 達成率 are header words; these names hold them and end like names
    text = ("施策4 良好な環境の保全\n成果指標\n河川の環境基準達成率\n現状値（令和3年度） 80.0%\n目標値（令和8年度） 90.0%\n"
            "大気環境基準の達成率\n現状値（令和3年度） 95%\n目標値（令和8年度） 100%\n")
    assert read(tmp_path, text) == [("河川の環境基準達成率", "%", (80, 2021), (90, 2026)),
                                    ("大気環境基準の達成率", "%", (95, 2021), (100, 2026))]


@pytest.mark.parametrize(("cell", "name"), [
    ("河川の環境基準達成率", True), ("水質基準の達成件数", True), ("目標達成率", False), ("数値目標項目", False),
    ("26年度現状値", False), ("達成率（%）", False),
])
def test_a_short_cell_with_header_words_holds_a_name_only_when_it_ends_like_one(cell: str, name: bool) -> None:
    from keikaku.importer.lexicon import holds_a_name

    assert holds_a_name(cell) is name
