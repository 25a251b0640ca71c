"""An indicator whose table prints neither a baseline nor a direction aims down when its name says
so (``lexicon/figures.toml`` [names] lower_is_better, ``lexicon.aims_lower``); composed tables with
invented names and figures."""

from __future__ import annotations

from pathlib import Path

from keikaku.importer.lexicon import aims_lower

from sheet_reading import read

NO_BASELINE = """成果指標
指標名 単位 令和5年度実績 令和12年度目標
交通事故発生件数 件 312 250
市民講座の参加者数 人 1,200 1,500
家庭ごみの排出量 トン 21,400 19,000
"""

WITH_BASELINE = """成果指標
指標名 単位 基準値（令和2年度） 目標値（令和9年度）
特別養護老人ホームの待機者数 人 40 60
"""


def test_a_name_that_aims_down_without_a_baseline(tmp_path: Path) -> None:
    assert read(tmp_path, NO_BASELINE, direction=True) == [
        ("交通事故発生件数", "件", "decrease", None, (250, 2030), [(2023, 312)]),
        ("市民講座の参加者数", "人", "increase", None, (1500, 2030), [(2023, 1200)]),
        ("家庭ごみの排出量", "トン", "decrease", None, (19000, 2030), [(2023, 21400)]),
    ]


def test_printed_figures_outweigh_the_name(tmp_path: Path) -> None:
    # a baseline below the target aims up whatever the name says
    assert read(tmp_path, WITH_BASELINE, direction=True) == [
        ("特別養護老人ホームの待機者数", "人", "increase", (40, 2020), (60, 2027), []),
    ]


def test_words_match_folded_names() -> None:
    assert aims_lower("保育所等の 待機児童数")
    assert aims_lower("ＣＯ２排出量（市域）")
    assert not aims_lower("自主防災組織の数")
    assert not aims_lower("")
