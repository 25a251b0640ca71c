"""The plan tree of whole plan documents (plantree.py): one node however often the tree is printed.

A whole basic plan prints its tree in its table of contents, on its overview page (施策の体系)
and in its body, with the goal's heading again at each page's top. Every document here is
composed (names, numbers and titles invented for it) in another city's words than the whole
plans of ``tests/data/whole_plans``, whose trees are pinned node by node at the end.
"""

from __future__ import annotations

from pathlib import Path

from keikaku.importer.normalize import make_line
from keikaku.importer.pipeline import extract_file
from keikaku.importer.plantree import joined_titles, plan_levels
from keikaku.importer.segment import segment

WHOLE = Path(__file__).resolve().parent / "data" / "whole_plans"


def extract(tmp_path: Path, text: str):
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    return extract_file(path).plan


def tree(plan) -> list[tuple]:
    return [(n.id, n.parent, n.level, n.title) for n in plan.nodes]


def owners(plan) -> list[tuple[str, str | None]]:
    return [(i.name, i.node) for i in plan.indicators]


TABLE = """\
成果指標

指標名 現状値（令和6年度） 目標値（令和12年度）
{0} {1} {2}

"""

# 第N章 / 第N節 as levels of the plan: the 節 hold measures, the 章 hold the 節; the document's own
# chapters (計画の概要, with 節 of their own, and 資料編) stay chapters.
CHAPTER_LEVELS = """\
目次

第1章 計画の概要 ・・・・・・ 1
第1節 計画の目的 ・・・・・・ 1
第2節 計画の期間 ・・・・・・ 2
第2章 ひとが輝くまち ・・・・・・ 4
第1節 学び ・・・・・・ 4
第2節 文化・スポーツ ・・・・・・ 8
第3章 にぎわいのあるまち ・・・・・・ 10
第1節 農林業 ・・・・・・ 10

第1章 計画の概要

第1節 計画の目的

計画を定める目的を述べます。

第2節 計画の期間

令和7年度から令和12年度までの6年間です。

第2章 ひとが輝くまち

第1節 学び

基本施策1
読書に親しむ環境づくり

現状と課題

読書の機会を広げます。

""" + TABLE.format("学校図書館の貸出冊数", "18冊", "25冊") + """\
基本施策2
地域で学ぶ場の充実

""" + TABLE.format("公民館講座の参加者数", "2,140人", "2,600人") + """\
第2節 文化・スポーツ

基本施策3
スポーツに親しむ機会の拡大

""" + TABLE.format("週1回以上運動する市民の割合", "41.0%", "50.0%") + """\
第3章 にぎわいのあるまち

第1節 農林業

基本施策4
担い手の育成

""" + TABLE.format("新規就農者数", "4人", "10人") + """\
資料編

1 用語の解説

用語を解説します。
"""


def test_chapters_and_sections_holding_measures_are_levels_of_the_plan(tmp_path: Path) -> None:
    plan = extract(tmp_path, CHAPTER_LEVELS)
    assert tree(plan) == [
        ('2', None, '章', 'ひとが輝くまち'),
        ('2.1', '2', '節', '学び'),
        ('2.2', '2', '節', '文化・スポーツ'),
        ('3', None, '章', 'にぎわいのあるまち'),
        ('3.1', '3', '節', '農林業'),
        ('2.1.1', '2.1', '基本施策', '読書に親しむ環境づくり'),
        ('2.1.2', '2.1', '基本施策', '地域で学ぶ場の充実'),
        ('2.2.3', '2.2', '基本施策', 'スポーツに親しむ機会の拡大'),
        ('3.1.4', '3.1', '基本施策', '担い手の育成'),
    ]
    assert owners(plan) == [
        ('学校図書館の貸出冊数', '2.1.1'), ('公民館講座の参加者数', '2.1.2'),
        ('週1回以上運動する市民の割合', '2.2.3'), ('新規就農者数', '3.1.4'),
    ]


# 章 that hold level-word headings themselves (no 節): a goal's title is a level, a document
# chapter's title (施策の展開, 計画の推進) is not.
CHAPTERS_ONLY = """\
第1章 計画の推進

方針1 進行管理

毎年度点検します。

第2章 水と緑を守るまち

施策 1 河川環境の保全

施策 2 公園の再整備

第3章 施策の展開

施策 3 広報の充実

"""


def test_a_chapter_holding_measures_is_a_level_unless_its_title_is_a_document_word(tmp_path: Path) -> None:
    assert tree(extract(tmp_path, CHAPTERS_ONLY)) == [
        ('1', None, '方針', '進行管理'),
        ('2', None, '章', '水と緑を守るまち'),
        ('2.1', '2', '施策', '河川環境の保全'),
        ('2.2', '2', '施策', '公園の再整備'),
        ('3', None, '施策', '広報の充実'),
    ]


# The overview page prints bare numbers with their titles on the next line; the table of
# contents prints them with leaders; the body prints level words (基本政策 / 単位施策) and the
# goal's heading again at each page's top; the actions are numbered 1, 2 under 主な取組.
OVERVIEW = """\
目次

大綱Ⅰ 安心して暮らせるまち ・・・・・・ 3
1-1 防災 ・・・・・・ 3
大綱Ⅱ 心豊かに学べるまち ・・・・・・ 7
2-1 学校教育 ・・・・・・ 7

２．施策の体系

大綱Ⅰ

安心して暮らせるまち

1-1

防災

1-1-1 避難所の機能強化

1-1-2 消防団の充実

大綱Ⅱ

心豊かに学べるまち

2-1

学校教育

2-1-1 学びの環境整備

大綱Ⅰ 安心して暮らせるまち

大綱Ⅰ

安心して暮らせるまち

基本政策 1-1 防災

単位施策 1-1-1

避難所の機能強化

◆主な取組

1　備蓄の見直し

備蓄品を更新します。

2　運営訓練

訓練を行います。

""" + TABLE.format("避難所運営訓練の実施回数", "3回", "8回") + """\
大綱Ⅰ 安心して暮らせるまち

単位施策 1-1-2

消防団の充実

""" + TABLE.format("消防団員の充足率", "86.0%", "95.0%") + """\
大綱Ⅱ 心豊かに学べるまち

大綱Ⅱ

心豊かに学べるまち

基本政策 2-1 学校教育

単位施策 2-1-1

学びの環境整備

""" + TABLE.format("普通教室の空調設置率", "72%", "100%") + """\
大綱Ⅱ 心豊かに学べるまち

"""


def test_the_overview_the_contents_and_the_body_open_each_node_once(tmp_path: Path) -> None:
    plan = extract(tmp_path, OVERVIEW.replace("大綱", "基本目標"))
    assert tree(plan) == [
        ('Ⅰ', None, '基本目標', '安心して暮らせるまち'),
        ('Ⅰ.1-1', 'Ⅰ', '基本政策', '防災'),
        ('Ⅱ', None, '基本目標', '心豊かに学べるまち'),
        ('Ⅱ.2-1', 'Ⅱ', '基本政策', '学校教育'),
        ('Ⅰ.1-1.1-1-1', 'Ⅰ.1-1', '単位施策', '避難所の機能強化'),
        ('Ⅰ.1-1.1-1-2', 'Ⅰ.1-1', '単位施策', '消防団の充実'),
        ('Ⅱ.2-1.2-1-1', 'Ⅱ.2-1', '単位施策', '学びの環境整備'),
    ]
    assert owners(plan) == [
        ('避難所運営訓練の実施回数', 'Ⅰ.1-1.1-1-1'), ('消防団員の充足率', 'Ⅰ.1-1.1-1-2'),
        ('普通教室の空調設置率', 'Ⅱ.2-1.2-1-1'),
    ]


def test_other_level_words_and_numbers_read_the_same(tmp_path: Path) -> None:
    text = (OVERVIEW.replace("大綱Ⅰ", "政策目標A").replace("大綱Ⅱ", "政策目標B")
            .replace("基本政策", "分野").replace("単位施策", "重点施策"))
    plan = extract(tmp_path, text)
    assert [(n.id, n.parent, n.level) for n in plan.nodes] == [
        ('A', None, '政策目標'), ('A.1-1', 'A', '分野'), ('B', None, '政策目標'), ('B.2-1', 'B', '分野'),
        ('A.1-1.1-1-1', 'A.1-1', '重点施策'), ('A.1-1.1-1-2', 'A.1-1', '重点施策'), ('B.2-1.2-1-1', 'B.2-1', '重点施策'),
    ]


# A table of contents set with spaces, no leaders: the page number ends the line.
SPACED_CONTENTS = """\
目次

    分野1 子ども・子育て                6
      ① 保育の充実                      6
    分野2 産業                          9
      ② 商店街の活性化                  9

分野1 子ども・子育て

① 保育の充実

現状と課題

保育の受け皿を広げます。

分野1 子ども・子育て

""" + TABLE.format("保育所の待機児童数", "12人", "0人") + """\
分野2 産業

② 商店街の活性化

""" + TABLE.format("空き店舗数", "31店", "20店")


def test_a_page_number_after_a_contents_title_is_no_part_of_it(tmp_path: Path) -> None:
    plan = extract(tmp_path, SPACED_CONTENTS)
    assert tree(plan) == [
        ('1', None, '分野', '子ども・子育て'),
        ('1.①', '1', '項目', '保育の充実'),
        ('2', None, '分野', '産業'),
        ('2.②', '2', '項目', '商店街の活性化'),
    ]
    assert owners(plan) == [('保育所の待機児童数', '1.①'), ('空き店舗数', '2.②')]


def test_a_title_opening_with_a_kana_particle_letter_after_a_space_is_a_heading(tmp_path: Path) -> None:
    text = "基本目標 2 にぎわいと活力のまち\n\n施策 2-1 観光の振興\n\n施策1に掲げる考え方で進めます\n\n施策 3 つの柱で進めます\n"
    assert tree(extract(tmp_path, text)) == [
        ('2', None, '基本目標', 'にぎわいと活力のまち'),
        ('2.2-1', '2', '施策', '観光の振興'),
    ]


def _lines(text: str):
    return [make_line(t, i) for i, t in enumerate(text.splitlines()) if t.strip()]


def test_a_bare_number_takes_the_next_line_only_when_that_title_is_printed_after_it_elsewhere() -> None:
    lines = _lines("1-2\n市民の満足度\n42.1%\n")
    assert [ln.text for ln in joined_titles(lines)] == ["1-2", "市民の満足度", "42.1%"]
    lines = _lines("1-2\n公共交通の充実\n施策 1-2 公共交通の充実\n")
    assert [ln.text for ln in joined_titles(lines)] == ["1-2 公共交通の充実", "施策 1-2 公共交通の充実"]
    # a level word alone takes a short title, never a sentence or a figure
    assert [ln.text for ln in joined_titles(_lines("施策 3\n子育て支援の充実\n"))] == ["施策 3 子育て支援の充実"]
    assert [ln.text for ln in joined_titles(_lines("施策 3\n子育てを支えます。\n"))] == ["施策 3", "子育てを支えます。"]
    assert [ln.text for ln in joined_titles(_lines("第2章\n12.5%\n"))] == ["第2章", "12.5%"]


def test_a_document_without_plan_headings_is_left_as_it_is() -> None:
    lines = _lines("はじめに\n本文です。\n第1章 計画の概要\n第1節 目的\n目的を述べます。\n")
    assert joined_titles(lines) == lines
    blocks = segment(lines)
    assert plan_levels(blocks) is blocks


WHOLE_TREES = {
    'sakuradai_default.txt': [
        ('1', None, '章', '安全で安心して暮らせるまち'), ('1.1', '1', '節', '防災・消防'), ('1.2', '1', '節', '防犯・交通安全'),
        ('2', None, '章', '健やかに学び育つまち'), ('2.1', '2', '節', '子育て・学校教育'), ('2.2', '2', '節', '健康・生涯学習'),
        ('3', None, '章', '活力と緑のあるまち'), ('3.1', '3', '節', '産業・雇用'), ('3.2', '3', '節', '環境・資源循環'),
        ('1.1.1-1', '1.1', '施策', '地域防災力の向上'), ('1.1.1-2', '1.1', '施策', '消防・救急体制の充実'),
        ('1.2.1-3', '1.2', '施策', '防犯対策の推進'), ('2.1.2-1', '2.1', '施策', '子育て支援の充実'),
        ('2.1.2-2', '2.1', '施策', '学校教育の充実'), ('2.2.2-3', '2.2', '施策', '健康づくりの推進'),
        ('2.2.2-4', '2.2', '施策', '生涯学習の推進'), ('3.1.3-1', '3.1', '施策', '商工業の振興'),
        ('3.2.3-2', '3.2', '施策', '脱炭素社会の推進'),
    ],
    'kitahama_default.txt': [
        ('Ⅰ', None, '基本目標', '子どもが健やかに育ち学べるまち'), ('Ⅰ.1-1', 'Ⅰ', '政策', '子育て環境の充実'),
        ('Ⅰ.1-2', 'Ⅰ', '政策', '学校教育の充実'), ('Ⅱ', None, '基本目標', 'いつまでも元気に暮らせるまち'),
        ('Ⅱ.2-1', 'Ⅱ', '政策', '健康づくりの推進'), ('Ⅲ', None, '基本目標', '自然と調和した住みよいまち'),
        ('Ⅲ.3-1', 'Ⅲ', '政策', '環境の保全'), ('Ⅲ.3-2', 'Ⅲ', '政策', '都市基盤の整備'),
        ('Ⅳ', None, '基本目標', 'にぎわいと交流のあるまち'), ('Ⅳ.4-1', 'Ⅳ', '政策', '観光と交流の振興'),
        ('Ⅰ.1-1.1-1-1', 'Ⅰ.1-1', '施策', '妊娠期からの切れ目ない支援'), ('Ⅰ.1-1.1-1-2', 'Ⅰ.1-1', '施策', '保育サービスの充実'),
        ('Ⅰ.1-2.1-2-1', 'Ⅰ.1-2', '施策', '確かな学力と豊かな心の育成'), ('Ⅱ.2-1.2-1-1', 'Ⅱ.2-1', '施策', '健康寿命の延伸'),
        ('Ⅱ.2-1.2-1-2', 'Ⅱ.2-1', '施策', '地域で支え合う福祉'), ('Ⅲ.3-1.3-1-1', 'Ⅲ.3-1', '施策', 'ごみの減量と資源化'),
        ('Ⅲ.3-1.3-1-2', 'Ⅲ.3-1', '施策', '緑の保全と創出'), ('Ⅲ.3-2.3-2-1', 'Ⅲ.3-2', '施策', '安全な道路と橋りょう'),
        ('Ⅳ.4-1.4-1-1', 'Ⅳ.4-1', '施策', '観光の魅力づくり'),
    ],
    'shinonome_layout.txt': [
        ('1', None, '分野', '健康・福祉'), ('1.①', '1', '項目', '健康づくりの推進'), ('1.②', '1', '項目', '高齢者福祉の充実'),
        ('1.③', '1', '項目', '子育て支援の充実'), ('2', None, '分野', '教育・文化'), ('2.④', '2', '項目', '学校教育の充実'),
        ('2.⑤', '2', '項目', '文化の継承と創造'), ('3', None, '分野', '生活環境'), ('3.⑥', '3', '項目', '防災・減災の推進'),
        ('3.⑦', '3', '項目', '地域交通の確保'), ('4', None, '分野', '産業・行政'), ('4.⑧', '4', '項目', '農業の振興'),
        ('4.⑨', '4', '項目', '効率的な行政運営'),
    ],
    'aoba_layout.txt': [
        ('1', None, '政策', '誰もが健やかに暮らせるまち'), ('1.(1)', '1', '施策', '地域医療の確保'),
        ('1.(2)', '1', '施策', '高齢者の暮らしの支援'), ('1.(3)', '1', '施策', '障がいのある人の自立支援'),
        ('2', None, '政策', '学びと文化が育つまち'), ('2.(1)', '2', '施策', '確かな学力の育成'),
        ('2.(2)', '2', '施策', 'スポーツと文化活動の振興'), ('3', None, '政策', '快適で便利なまち'),
        ('3.(1)', '3', '施策', '公共交通の充実'), ('3.(2)', '3', '施策', '住環境の向上'),
        ('4', None, '政策', 'ともに創る持続可能なまち'), ('4.(1)', '4', '施策', '市民協働の推進'),
        ('4.(2)', '4', '施策', '健全な行財政運営'),
    ],
}
# every indicator of the whole plans belongs to a measure (the lowest level), two or three each
MEASURE_OWNERS = {'sakuradai_default.txt': (9, 20), 'kitahama_default.txt': (9, 19), 'shinonome_layout.txt': (9, 19),
                  'aoba_layout.txt': (9, 18)}


def test_the_whole_plans_trees_node_by_node() -> None:
    for name, expected in WHOLE_TREES.items():
        plan = extract_file(WHOLE / name).plan
        assert tree(plan) == expected, name
        leaves = {n.id for n in plan.nodes} - {n.parent for n in plan.nodes}
        owned = [i.node for i in plan.indicators]
        assert all(node in leaves for node in owned), name
        assert (len(set(owned)), len(owned)) == MEASURE_OWNERS[name], name
