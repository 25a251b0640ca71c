"""Corrections to a plan before it is stored (keikaku/domain/draft_edit.py): each returns a new valid plan or refuses."""

from __future__ import annotations

import pytest

from keikaku.domain import draft_edit as de
from keikaku.domain import planfile as pf


def plan() -> pf.PlanDocument:
    return pf.parse_plan_document({
        "title": "かえで市総合計画", "kind": "basic_plan",
        "nodes": [
            {"id": "1", "level": "政策", "number": "1", "title": "子育て", "origin": "line 2"},
            {"id": "1.1", "parent": "1", "level": "施策", "number": "1", "title": "保育", "origin": "line 3"},
            {"id": "1.2", "parent": "1", "level": "施策", "number": "2", "title": "教育"},
            {"id": "1.2.1", "parent": "1.2", "level": "事業", "title": "給食"},
            {"id": "2", "level": "政策", "number": "2", "title": "環境"},
        ],
        "indicators": [
            {"node": "1.1", "name": "待機児童数", "unit": "人", "direction": "decrease",
             "baseline": {"value": 24, "year": 2019, "text": "24人", "origin": "t1r2c2"},
             "target": {"value": 0, "year": 2025, "text": "0人", "origin": "t1r2c3"}, "origin": "t1r2c1"},
            {"node": "1.1", "name": "参考：出生数", "unit": "人", "baseline": {"value": 500, "year": 2019}},
            {"node": "1.2", "name": "満足度", "unit": "%"},
        ],
    })


def shape(doc: pf.PlanDocument) -> list[tuple[str, str | None]]:
    return [(n.id, n.parent) for n in doc.nodes]


def test_set_node_title_number_level() -> None:
    before = plan()
    after = de.set_node(before, "1.1", title="  保育の充実 ", number="", level="基本施策")
    node = after.nodes[1]
    assert (node.title, node.number, node.level, node.origin) == ("保育の充実", None, "基本施策", "line 3")
    assert before.nodes[1].title == "保育"  # the plan given is left as it was
    assert de.set_node(before, "2", number="２").nodes[4].number == "２"
    with pytest.raises(de.DraftEditError, match=r"nodes\[1\]\.title"):
        de.set_node(before, "1.1", title=" ")
    with pytest.raises(de.DraftEditError, match="no node with id 'x'"):
        de.set_node(before, "x", title="a")
    with pytest.raises(de.DraftEditError, match="at most 50 characters"):
        de.set_node(before, "1", level="あ" * 51)


def test_departments_and_sdgs() -> None:
    doc = de.set_node_departments(plan(), "1.1", ["保育課", " 子育て支援課 ", "", "保育課"])
    assert doc.nodes[1].departments == ["保育課", "子育て支援課"]
    doc = de.set_node_sdgs(doc, "1.1", [4, 1, 4, 17])
    assert doc.nodes[1].sdgs == [1, 4, 17]
    assert de.set_node_sdgs(doc, "1.1", []).nodes[1].sdgs == []
    with pytest.raises(de.DraftEditError, match="SDGs are numbered 1 to 17, not 0, 18"):
        de.set_node_sdgs(doc, "1.1", [18, 0])
    assert de.split_list("保育課、子育て支援課,  教育総務課;\n") == ["保育課", "子育て支援課", "教育総務課"]
    assert de.sdg_numbers("３、4, 11 17") == [3, 4, 11, 17]
    with pytest.raises(de.DraftEditError, match="not '4.5'"):
        de.sdg_numbers("4.5")


def test_move_node_with_its_subtree() -> None:
    doc = de.move_node(plan(), "1.2", parent="2")  # last (only) child of 政策 2, with 給食 below it
    assert shape(doc) == [("1", None), ("1.1", "1"), ("2", None), ("1.2", "2"), ("1.2.1", "1.2")]
    doc = de.move_node(plan(), "2", parent=None, position=0)
    assert shape(doc) == [("2", None), ("1", None), ("1.1", "1"), ("1.2", "1"), ("1.2.1", "1.2")]
    doc = de.move_node(plan(), "1.1", parent="1", position=1)  # after 教育 and its subtree
    assert shape(doc) == [("1", None), ("1.2", "1"), ("1.2.1", "1.2"), ("1.1", "1"), ("2", None)]
    doc = de.move_node(plan(), "1.2.1", parent="1", position=0)
    assert shape(doc) == [("1", None), ("1.2.1", "1"), ("1.1", "1"), ("1.2", "1"), ("2", None)]
    assert shape(de.move_node(plan(), "1.1", parent=None, position=99)) == \
        [("1", None), ("1.2", "1"), ("1.2.1", "1.2"), ("2", None), ("1.1", None)]
    with pytest.raises(de.DraftEditError, match=r"node '1' cannot move under itself or a node below it \('1.2.1'\)"):
        de.move_node(plan(), "1", parent="1.2.1")
    with pytest.raises(de.DraftEditError, match="cannot move under itself"):
        de.move_node(plan(), "1", parent="1")
    with pytest.raises(de.DraftEditError, match="no node with id 'nine'"):
        de.move_node(plan(), "1", parent="nine")
    with pytest.raises(de.DraftEditError, match="a position counts from 0, not -1"):
        de.move_node(plan(), "1", parent=None, position=-1)


def test_set_indicator_fields_keeps_origins() -> None:
    doc = de.set_indicator(plan(), 0, name="保育所待機児童数", unit="人", direction="decrease",
                           target=de.Figure(value=5, year=2026, text=""))
    ind = doc.indicators[0]
    assert (ind.name, ind.unit, ind.direction) == ("保育所待機児童数", "人", "decrease")
    assert ind.target == pf.Value(value=5, year=2026, text=None, origin="t1r2c3")
    assert ind.baseline == pf.Value(value=24, year=2019, text="24人", origin="t1r2c2")
    cleared = de.set_indicator(doc, 0, unit="", direction=None, baseline=de.Figure())
    assert (cleared.indicators[0].unit, cleared.indicators[0].direction, cleared.indicators[0].baseline) == (None, None, None)
    assert de.set_indicator(plan(), 2, node="2").indicators[2].node == "2"
    with pytest.raises(de.DraftEditError, match="duplicate indicator '参考：出生数' under node '1.1'"):
        de.set_indicator(plan(), 0, name="参考：出生数")
    with pytest.raises(de.DraftEditError, match=r"target\.year"):
        de.set_indicator(plan(), 0, target=de.Figure(value=1, year=1800))
    with pytest.raises(de.DraftEditError, match="a direction is one of"):
        de.set_indicator(plan(), 0, direction="upwards")
    with pytest.raises(de.DraftEditError, match=r"no indicator at position 3 \(3 indicators\)"):
        de.set_indicator(plan(), 3, name="x")


def test_drop_indicator() -> None:
    doc = de.drop_indicator(plan(), 1)
    assert [i.name for i in doc.indicators] == ["待機児童数", "満足度"]
    assert len(plan().indicators) == 3
    with pytest.raises(de.DraftEditError, match="no indicator at position -1"):
        de.drop_indicator(plan(), -1)


def test_typed_figures() -> None:
    assert [de.figure_number(t) for t in ["1,200", "72.5", "－１５", " ", "80.0"]] == [1200, 72.5, -15, None, 80.0]
    assert de.year_number("２０２５") == 2025 and de.year_number("") is None
    with pytest.raises(de.DraftEditError, match="not a number: '1e5'"):
        de.figure_number("1e5")
    with pytest.raises(de.DraftEditError, match="four digits"):
        de.year_number("R7")
