"""Strategy KPI reports: numerical goals a sentence lists clause after clause (listedspans.py)."""

from __future__ import annotations

from keikaku.importer.listedspans import listed_spans
from keikaku.importer.normalize import make_line


def _rows(text: str):
    return listed_spans([make_line(t, i) for i, t in enumerate(text.splitlines()) if t.strip()])


def _figures(row):
    return (row.name, row.unit, row.baseline.value if row.baseline else None, row.baseline_year,
            row.target.value if row.target else None, row.target_year)


def test_a_sentence_listing_goals_gives_each_clause_its_baseline_and_target() -> None:
    text = ("〔本文〕\n計画の最終年度には、漁業生産額を令和4年度実績52億円から60億円に、宿泊者数は令和3年は"
            "12万480人から15万人に、女性の就業率は令和2年度の71・4%から75・0%以上へ引き上げる。\n")
    rows = _rows(text)
    assert [_figures(r) for r in rows] == [
        ("漁業生産額", "億円", 52, 2022, 60, None),
        ("宿泊者数", "人", 120480, 2021, 150000, None),
        ("女性の就業率", "%", 71.4, 2020, 75.0, None),
    ]
    assert rows[2].direction is not None and rows[2].direction.value == "increase"


def test_a_two_digit_year_without_era_stays_without_a_year() -> None:
    rows = _rows("目標は、空き家件数を18年度の340件から300件以下に、転出者数は17年の1,210人から1,000人未満にすることだ。\n")
    assert [_figures(r) for r in rows] == [("空き家件数", "件", 340, None, 300, None), ("転出者数", "人", 1210, None, 1000, None)]
    assert [r.direction.value for r in rows] == ["decrease", "decrease"]


def test_one_clause_alone_or_prose_without_figures_gives_nothing() -> None:
    assert _rows("入込客数を2019年の80万人から100万人にする。\n") == []
    assert _rows("担い手を地域から育て、商店街は駅前から広げていく。\n") == []
    assert _rows("交流人口を増やし、関係人口は拡大から定着にと進める。\n") == []
