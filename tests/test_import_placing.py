"""Indicators found by readings of the whole document go under the heading they are printed under."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from keikaku.importer.pipeline import extract_file
from keikaku.importer.placing import placed

MEASURES = """第1章 計画の概要
計画全体の目標
市民満足度 基準値 62.0%（令和5年度） 目標値 70.0%（令和11年度）
第2章 施策の展開
施策1-1 子育て環境の充実
（本文）
成果指標
保育所待機児童数 基準値 14人（令和5年度） 目標値 0人（令和11年度）
施策1-2 学校教育の充実
（本文）
成果指標
図書館の年間貸出冊数 基準値 412,000冊（令和5年度） 目標値 450,000冊（令和11年度）
"""

POLICIES = """基本目標1 安心して暮らせるまち
施策1 防災力の向上
地域で備える力を高めます。
自主防災組織の結成数 基準値 41団体（令和4年度） 目標値 50団体（令和10年度）
施策2 交通安全の推進
歩行者と自転車の安全を守ります。
交通事故の発生件数 基準値 388件（令和4年度） 目標値 300件（令和10年度）
基本目標2 活力あるまち
施策3 商工業の振興
新しい仕事が生まれる環境を整えます。
創業支援による起業件数 基準値 12件（令和4年度） 目標値 20件（令和10年度）
"""


def _owners(tmp_path: Path, text: str) -> dict[str, tuple[str | None, str | None]]:
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    plan = extract_file(path).plan
    nodes = {n.id: n for n in plan.nodes}
    return {i.name: (nodes[i.node].level, nodes[i.node].title) if i.node else (None, None) for i in plan.indicators}


def test_each_measure_owns_the_indicator_printed_under_it_and_the_plan_keeps_its_overall_goal(tmp_path: Path) -> None:
    assert _owners(tmp_path, MEASURES) == {
        "市民満足度": (None, None),
        "保育所待機児童数": ("施策", "子育て環境の充実"),
        "図書館の年間貸出冊数": ("施策", "学校教育の充実"),
    }


def test_the_deepest_heading_above_owns_it_across_goals(tmp_path: Path) -> None:
    owners = _owners(tmp_path, POLICIES)
    assert owners == {
        "自主防災組織の結成数": ("施策", "防災力の向上"),
        "交通事故の発生件数": ("施策", "交通安全の推進"),
        "創業支援による起業件数": ("施策", "商工業の振興"),
    }


@dataclass
class _Thing:
    name: str
    origin: str | None


def test_a_row_of_unknown_place_or_before_every_heading_stays_ownerless() -> None:
    first, second = _Thing("施策A", "line 3"), _Thing("施策B", "line 9")
    rows = [_Thing("前文の指標", "line 1"), _Thing("場所不明", "Sheet9!Z9"), _Thing("Aの指標", "line 5"),
            _Thing("Bの指標", "line 12"), _Thing("見出しのない指標", None)]
    order = {"line 1": 0, "line 3": 2, "line 5": 4, "line 9": 8, "line 12": 11}
    got = placed([(None, r) for r in rows], [(2, first), (8, second)], order)
    assert [(o.name if o else None, r.name) for o, r in got] == [
        (None, "前文の指標"), (None, "場所不明"), ("施策A", "Aの指標"), ("施策B", "Bの指標"), (None, "見出しのない指標"),
    ]


def test_a_row_already_owned_keeps_its_owner_and_a_plan_chapter_ends_ownership() -> None:
    first, other = _Thing("施策A", "line 3"), _Thing("施策Z", "line 1")
    rows = [(other, _Thing("表の指標", "line 5")), (None, _Thing("章の後の指標", "line 8"))]
    got = placed(rows, [(2, first), (6, None)], {"line 5": 4, "line 8": 7})
    assert [(o.name if o else None, r.name) for o, r in got] == [("施策Z", "表の指標"), (None, "章の後の指標")]
