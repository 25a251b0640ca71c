"""Rows a reading put together without their places get them from the lines they were printed on."""

from __future__ import annotations

from pathlib import Path

from keikaku.importer.normalize import make_line
from keikaku.importer.pipeline import extract_file
from keikaku.importer.provenance import NEAR, traced
from keikaku.importer.tables import IndicatorRow
from keikaku.importer.values import parse_quantity

CORPUS = Path(__file__).parent / "corpus" / "cases"


def _lines(*texts: str) -> list:
    return [make_line(t, k) for k, t in enumerate(texts)]


def test_the_name_and_each_figure_are_found_on_their_lines() -> None:
    lines = _lines("数値目標の一覧", "地域の清掃活動の参加者数 ｜ 1,840人", "（令和4年度）", "目標 2,500人 184.9%", "84.9%")
    row = IndicatorRow(name="地域の清掃活動の参加者数", baseline=parse_quantity("1,840人"), target=parse_quantity("2,500人"),
                       actuals=[(2023, parse_quantity("84.9%"), None)])
    traced([row], lines)
    assert row.origin == "line 2"
    assert row.origins == {"baseline": "line 2", "target": "line 4", "actual:2023": "line 5"}  # not inside 184.9%


def test_figures_printed_before_the_name_and_places_already_known() -> None:
    lines = _lines("32.5% 40.0%", "運動習慣のある人の割合", "本文")
    row = IndicatorRow(name="運動習慣のある人の割合", baseline=parse_quantity("32.5%"), target=parse_quantity("40.0%"),
                       origins={"target": "p.2 (10,20)"})
    traced([row], lines)
    assert (row.origin, row.origins) == ("line 2", {"baseline": "line 1", "target": "p.2 (10,20)"})


def test_a_wrapped_name_is_found_by_its_opening_and_what_cannot_be_found_stays_unplaced() -> None:
    far = ["本文"] * (NEAR + 5)
    lines = _lines("自主防災組織の", "結成数 41団体", *far, "50団体", "維持")
    row = IndicatorRow(name="自主防災組織の結成数", baseline=parse_quantity("41団体"), target=parse_quantity("50団体"),
                       actuals=[(2024, parse_quantity("維持"), None)])
    traced([row], lines)
    assert (row.origin, row.origins) == ("line 1", {"baseline": "line 2"})  # 50団体 too far, a word has no place
    nowhere = IndicatorRow(name="どこにもない指標", baseline=parse_quantity("41団体"))
    traced([nowhere], lines)
    assert (nowhere.origin, nowhere.origins) == (None, {})


def test_every_indicator_of_the_corpus_says_where_it_was_read() -> None:
    unplaced = [(path.name, i.name) for path in sorted(CORPUS.glob("*.txt")) for i in extract_file(path).plan.indicators
                if i.origin is None]
    assert unplaced == []
