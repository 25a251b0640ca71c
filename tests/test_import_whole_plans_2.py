"""Whole basic plans in four more structures, and the rules they led to.

``tests/data/whole_plans_2`` holds four whole basic plans of invented cities (names, figures and
placeholder prose composed for them; see its README.md): one as the seeds print a PDF's text
(every line followed by a blank one, trailing spaces, page numbers alone), one as
``pdftotext -layout`` prints it, one as plain ``pdftotext``, one with two-column pages flattened a
page at a time (two measures side by side, so each measure's cards follow the other's text).
Their trees are numbered 基本目標Ⅰ → 政策1 → 施策1-1-1; 分野1 → 基本施策（1） with ア イ ウ
directions; 第1編 総論 / 第2編 基本計画 → 第1章 → 第1節 with 重点プロジェクト ① ② ③; and
第1章 → 第1節 → 1-1-1. Before any rule below, 61 of 62 indicators were found and fully right, 9
appendix rows were read as indicators, and one tree of four was right (55, 16 and 32 nodes where
the documents print 38, 13 and 38). Each rule has a composed variant here with other names,
figures and years:

- numbered lines inside a list of the SDGs a measure serves are goals, not headings (``build.py``);
- a 第N節 that opens a measure's own sections (現状と課題, 成果指標) is a level of the plan, and so
  is its 第N章 (``plantree.py``);
- a number 1-2-3 under 第1章 第2節 is a measure of that 節 (``plantree.py``);
- a chapter on how to read the plan (施策番号の見方) is the document's, not a level;
- 資料 alone on its line is an appendix title: its tables are statistics (``appendix.py``);
- a chapter titled with a level word (重点プロジェクト) lists ① items as nodes of that level;
- a document chapter's title printed alone (計画の概要) above (1) items heads them as its text.
"""

from __future__ import annotations

import json
from pathlib import Path

from keikaku.importer.pipeline import extract_file
from tests.held_out import score_pinned

WHOLE = Path(__file__).resolve().parent / "data" / "whole_plans_2"


def plan_of(tmp_path: Path, text: str):
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    return extract_file(path).plan


def nodes(tmp_path: Path, text: str) -> list[tuple]:
    return [(n.id, n.parent, n.level, n.title) for n in plan_of(tmp_path, text).nodes]


def indicators(tmp_path: Path, text: str) -> list[tuple]:
    return [(i.name, i.unit, i.baseline and (i.baseline.value, i.baseline.year), i.target and (i.target.value, i.target.year))
            for i in plan_of(tmp_path, text).indicators]


SDG_GOALS = """\
政策2 水と緑を守るまち

施策2-1 河川環境の保全

現状と課題

水辺の清掃活動への参加者が減っています。

施策の方向

(1)流域の団体との協働

清掃活動の日程を団体と調整します。

(2)水質の監視

観測地点を見直します。

SDGsとの関連

6 安全な水とトイレを世界中に 14 海の豊かさを守ろう

目標15 陸の豊かさも守ろう

施策2-2 森林の保全

現状と課題

間伐の担い手が不足しています。
"""


def test_sdg_goals_are_no_nodes(tmp_path: Path) -> None:
    assert nodes(tmp_path, SDG_GOALS) == [
        ('2', None, '政策', '水と緑を守るまち'),
        ('2.2-1', '2', '施策', '河川環境の保全'),
        ('2.2-1.1', '2.2-1', '取組', '流域の団体との協働'),
        ('2.2-1.2', '2.2-1', '取組', '水質の監視'),
        ('2.2-2', '2', '施策', '森林の保全'),
    ]


SECTIONS_AS_MEASURES = """\
第2編 基本計画

第4章 産業が育つまち

第1節 商店街の活性化

現状と課題

空き店舗が増えています。

施策の方向

取組1 出店の支援

出店にかかる費用の一部を助成します。

第4章 産業が育つまち

成果指標

指標名

基準値

目標値

商店街の空き店舗率

18.5%（R6）

12.0%（R13）

第2節 観光の振興

現状と課題

宿泊客が伸び悩んでいます。

成果指標

指標名

基準値

目標値

年間宿泊者数

41,200人（R6）

50,000人（R13）

"""


def test_sections_that_open_measure_sections_are_measures(tmp_path: Path) -> None:
    assert nodes(tmp_path, SECTIONS_AS_MEASURES) == [
        ('4', None, '章', '産業が育つまち'),
        ('4.1', '4', '節', '商店街の活性化'),
        ('4.2', '4', '節', '観光の振興'),
    ]
    assert indicators(tmp_path, SECTIONS_AS_MEASURES) == [
        ('商店街の空き店舗率', '%', (18.5, 2024), (12.0, 2031)),
        ('年間宿泊者数', '人', (41200, 2024), (50000, 2031)),
    ]


NUMBERS_UNDER_SECTIONS = """\
序章 計画の概要

３ 施策番号の見方

施策番号は章、節、施策の順に付けています。

第3章 学びを支える

第2節 生涯学習

3-2-1 図書館サービスの充実

現状と課題

蔵書の更新が遅れています。

3-2-2 公民館活動の推進

現状と課題

講座の参加者が高齢の方に偏っています。

第3章 学びを支える

指標 3-2-2-①
指標名 公民館講座の受講者数
単位 人
現状値 7,400（令和6年度）
目標値 9,000（令和14年度）
方向 上げる

12
資料

１ 人口推計（単位：人）
区分 令和2年 令和7年 令和12年
総人口 61,240 59,880 58,010
老年人口 20,310 20,950 21,400
"""


def test_numbers_under_a_chapter_and_section_are_its_measures(tmp_path: Path) -> None:
    assert nodes(tmp_path, NUMBERS_UNDER_SECTIONS) == [
        ('3', None, '章', '学びを支える'),
        ('3.2', '3', '節', '生涯学習'),
        ('3.2.3-2-1', '3.2', '施策', '図書館サービスの充実'),
        ('3.2.3-2-2', '3.2', '施策', '公民館活動の推進'),
    ]
    assert indicators(tmp_path, NUMBERS_UNDER_SECTIONS) == [('公民館講座の受講者数', '人', (7400, 2024), (9000, 2032))]


PROJECTS_AND_OVERVIEW = """\
目次

計画の概要 ……… 2

施策1-1 子どもの居場所づくり ……… 5

施策1-2 若者の就労支援 ……… 7

計画の概要

(1) 計画の目的

この計画は将来像を実現するための施策を示します。

(2) 計画の期間

令和9年度から令和13年度までの5年間です。

第2章 重点プロジェクト

分野を越えて優先的に取り組む事業をまとめます。

① 子どもの笑顔プロジェクト

関係する施策を組み合わせて進めます。

② 若者定着プロジェクト

関係する施策を組み合わせて進めます。

第2編 基本計画

施策1-1 子どもの居場所づくり

現状と課題

放課後の居場所が足りません。

施策1-2 若者の就労支援

現状と課題

市内で就職する若者が減っています。
"""


def test_a_project_chapter_lists_nodes_and_an_overview_holds_its_own_text(tmp_path: Path) -> None:
    assert nodes(tmp_path, PROJECTS_AND_OVERVIEW) == [
        ('1-1', None, '施策', '子どもの居場所づくり'),
        ('1-2', None, '施策', '若者の就労支援'),
        ('①', None, '重点プロジェクト', '子どもの笑顔プロジェクト'),
        ('②', None, '重点プロジェクト', '若者定着プロジェクト'),
    ]


# found, indicators, figures right, figures: the least each document reads
PINNED = {
    'asagiri_seedstyle.txt': (16, 16, 80, 80),
    'kawase_layout.txt': (15, 15, 75, 75),
    'hodakano_plain.txt': (15, 15, 75, 75),
    'kazamidai_columns.txt': (16, 16, 80, 80),
}
# per document: the nodes of each level of its tree, the level and titles of its measures, its projects
TREES = json.loads((WHOLE / "expected_tree.json").read_text(encoding="utf-8"))


# the directions each measure numbers under 施策の方向 as its child nodes ((1) and ①; ア and 取組1 are its text)
DIRECTIONS = {'asagiri_seedstyle.txt': 3, 'kawase_layout.txt': 0, 'hodakano_plain.txt': 0, 'kazamidai_columns.txt': 3}


def test_the_whole_plans_read_their_indicators_and_trees() -> None:
    from corpus.scoring import scorer

    indicators_, fully_right, documents = score_pinned(WHOLE, PINNED)
    assert (indicators_, fully_right, documents) == (62, 62, 4)
    expected = json.loads((WHOLE / "expected.json").read_text(encoding="utf-8"))
    for name, gold in expected.items():
        plan = json.loads(extract_file(WHOLE / name).plan.to_json())
        got = plan["indicators"]
        matched = {id(scorer().find(got, g["name"])) for g in gold}
        assert [i["name"] for i in got if id(i) not in matched] == [], name
        levels: dict[str, int] = {}
        for n in plan["nodes"]:
            levels[n["level"]] = levels.get(n["level"], 0) + 1
        assert levels == TREES[name]["levels"], name
        tree = TREES[name]
        assert [n["title"] for n in plan["nodes"] if n["level"] == tree["measure_level"]] == tree["measures"], name
        assert [n["title"] for n in plan["nodes"] if n["level"] == "重点プロジェクト"] == tree["projects"], name
        measures = {n["id"] for n in plan["nodes"] if n["level"] == tree["measure_level"]}
        under = [n["parent"] for n in plan["nodes"] if n["parent"] in measures]
        assert sorted(under.count(m) for m in measures) == [DIRECTIONS[name]] * len(measures), name
