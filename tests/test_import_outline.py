"""Outlines numbered without level words, or with hierarchical numbers, in any city's layout."""

from __future__ import annotations

from keikaku.importer.normalize import normalise
from keikaku.importer.pipeline import extract_document
from keikaku.importer.records import RawDocument, RawLine


def extract(text: str):
    doc = RawDocument(name="doc.txt", format="text", sha256="0" * 64, lines=[RawLine(t) for t in text.splitlines()])
    assert normalise(doc)
    return extract_document(doc).plan


def test_hierarchical_measure_numbers_stay_apart() -> None:
    plan = extract("""基本目標1 子どもが育つまち
施策1-1 子育て支援の充実
現状と課題
〔本文〕
指標名 現状値(R2) 目標値(R7)
保育所待機児童数 12人 0人
施策1-2 学校教育の充実
指標名 現状値(R2) 目標値(R7)
学校が楽しいと答えた児童の割合 85.0% 90.0%
""")
    assert [(n.id, n.level, n.number, n.title) for n in plan.nodes] == [
        ("1", "基本目標", "1", "子どもが育つまち"), ("1.1-1", "施策", "1-1", "子育て支援の充実"), ("1.1-2", "施策", "1-2", "学校教育の充実")]
    assert [(i.node, i.name, i.baseline.value, i.baseline.year, i.target.value, i.target.year) for i in plan.indicators] == [
        ("1.1-1", "保育所待機児童数", 12, 2020, 0, 2025), ("1.1-2", "学校が楽しいと答えた児童の割合", 85, 2020, 90, 2025)]


def test_numbered_chapters_and_bracketed_numbers_without_level_words() -> None:
    plan = extract("""1 健康・福祉
(1) 地域福祉の推進
＜現状と課題＞
〔本文〕
＜施策の方向＞
〔本文〕
項目 基準値 目標値
地域福祉の相談件数 120件 200件
(2) 高齢者福祉の充実
項目 基準値 目標値
介護予防教室の参加者数 1,500人 2,000人
2 教育・文化
(1) 学校教育の充実
項目 基準値 目標値
不登校児童生徒の割合 1.2% 1.0%
""")
    assert [(n.id, n.level, n.title) for n in plan.nodes] == [
        ("1", "分野", "健康・福祉"), ("1.1", "施策", "地域福祉の推進"), ("1.2", "施策", "高齢者福祉の充実"),
        ("2", "分野", "教育・文化"), ("2.1", "施策", "学校教育の充実")]
    assert [s.heading for s in plan.nodes[1].sections] == ["現状と課題", "施策の方向"]
    assert [(i.node, i.name, i.baseline.value, i.target.value, i.direction) for i in plan.indicators] == [
        ("1.1", "地域福祉の相談件数", 120, 200, "increase"), ("1.2", "介護予防教室の参加者数", 1500, 2000, "increase"),
        ("2.1", "不登校児童生徒の割合", 1.2, 1, "decrease")]


def test_bracketed_numbers_under_a_list_of_actions_stay_actions() -> None:
    plan = extract("""施策1 協働のまちづくり
主な取組
(1) 拠点の整備
・〔本文〕
(2) 意識の啓発
・〔本文〕
""")
    assert [(n.level, n.number) for n in plan.nodes] == [("施策", "1")]
    assert [(a.number, a.title) for a in plan.actions] == [("(1)", "拠点の整備"), ("(2)", "意識の啓発")]


def test_a_plan_numbered_1_then_bracketed_with_circled_actions() -> None:
    plan = extract("""第2章 分野別計画
１　健康・福祉
（１）地域福祉の推進
＜現状と課題＞
〔本文〕
＜成果指標＞
項目 基準値（R2） 目標値（R8）
地域福祉の相談件数 120件 200件
＜主な取組＞
① 相談体制の充実
・〔本文〕
② 担い手の育成
・〔本文〕
（２）高齢者福祉の充実
項目 基準値（R2） 目標値（R8）
介護予防教室の参加者数 1,500人 2,000人
""")
    assert [(n.id, n.level, n.title) for n in plan.nodes] == [
        ("1", "分野", "健康・福祉"), ("1.1", "施策", "地域福祉の推進"), ("1.2", "施策", "高齢者福祉の充実")]
    assert [(a.node, a.number, a.title, a.items) for a in plan.actions] == [
        ("1.1", "①", "相談体制の充実", ["〔本文〕"]), ("1.1", "②", "担い手の育成", ["〔本文〕"])]
    assert [(i.node, i.name, i.baseline.year, i.target.year) for i in plan.indicators] == [
        ("1.1", "地域福祉の相談件数", 2020, 2026), ("1.2", "介護予防教室の参加者数", 2020, 2026)]
