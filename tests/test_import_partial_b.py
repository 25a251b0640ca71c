"""Indicators read only in part: a column year stated in a note, a share printed with its count
and rank, an actual beside a dated milestone, a name wrapped in both of its columns.

Documents composed for these rules (names, figures, years and units invented):

- a table left one cell per line whose actual column (最新値) prints no year, dated by a note above
  it (``※最新値は…令和4年度の調査結果を使用。``, ``notedyear.py``); a note naming two years dates nothing;
- a pipe table whose value cells print a share, the count it is a share of and a rank
  (``61.5% 148町内会 県内9位(2023年度)``, ``sharecount.py``): the share is the figure; two labelled
  shares in one cell stay without one;
- a progress table copied one cell per line under ``指標名 目安値 実績値 …``: the actual, printed with
  a rank note but no year, is of the milestone's year (``milestoneactual.py``); a cell of two groups
  gives nothing;
- a table flattened onto one line whose rows print the name in the target and the actual column, a
  name too long for its cell wrapped in both (``wrappedrepeat.py``): head twice, another column's
  cell, then each tail with its figure; equal figures need no rate, unequal ones without a rate
  and a tail that does not close a name give nothing;
- an indicator page printing its baseline and target each with its year on one line and the latest
  figure, dated, alone right above it (``datedabove.py``): that figure is the actual of its year;
  a year outside the span or another unit gives nothing.
"""

from __future__ import annotations

import pytest

from keikaku.importer.pipeline import extract_document
from keikaku.importer.records import RawDocument, RawLine
from keikaku.importer.values import parse_quantity


def extract(text: str):
    doc = RawDocument(name="doc.txt", format="text", sha256="0" * 64, lines=[RawLine(t) for t in text.splitlines()])
    return extract_document(doc).plan


def rows(text: str) -> list[tuple]:
    return [(i.name, i.unit, i.baseline and (i.baseline.value, i.baseline.year), i.target and (i.target.value, i.target.year),
             [(a.year, a.value) for a in i.actuals])
            for i in extract(text).indicators]


NOTED = """高齢者の生きがいづくり指標一覧
※最新値は集計の都合により、{year}の調査結果を使用。
2.社会参加の促進
〔本文〕
評価指標
計画策定時
(R1)
指標元
中間評価
(R3)
最新値
目標値
達成状況
老人クラブ会員数
市福祉統
計
1,820人
1,764人
1,702人
2,000人
C
2-1 シルバー人材センターの登録者数
市福祉統計
412人
438人
455人
500人 A-2
2-2 地域サロンへの参加率
高齢者アンケート
-
18.4%
21.0%
25.0%
B
"""


def test_a_note_dates_the_column_it_names() -> None:
    assert rows(NOTED.format(year="令和4年度")) == [
        ("老人クラブ会員数", "人", (1820, 2019), (2000, None), [(2021, 1764), (2022, 1702)]),
        ("シルバー人材センターの登録者数", "人", (412, 2019), (500, None), [(2021, 438), (2022, 455)]),
        ("地域サロンへの参加率", "%", (None, 2019), (25, None), [(2021, 18.4), (2022, 21)]),
    ]


def test_a_note_naming_two_years_dates_nothing() -> None:
    got = rows(NOTED.format(year="令和4年度と令和5年度"))
    assert [actuals for *_, actuals in got] == [[(2021, 1764)], [(2021, 438)], [(2021, 18.4)]]


SHARES = """主な目標
指標名 | 現状 | 目標 |
---|---|---|
自主防災組織が訓練を行っている町内会の割合 | 61.5% 148町内会 県内9位(2023年度) | 85% 205町内会(2030年度) |
再生資源の回収量 | 1.8万t(2022年度) | 2.4万t(2030年度) |
妊婦健診を受けた人の割合 | 初産婦92.0% 経産婦88.5%(2023年度) | 100%(2030年度) |
"""


def test_a_share_with_its_count_and_rank_is_the_share() -> None:
    assert rows(SHARES) == [
        ("自主防災組織が訓練を行っている町内会の割合", "%", (61.5, 2023), (85, 2030), []),
        ("再生資源の回収量", "万t", (1.8, 2022), (2.4, 2030), []),
        ("妊婦健診を受けた人の割合", "%", (None, 2023), (100, 2030), []),
    ]


@pytest.mark.parametrize(("cell", "value"), [
    ("61.5% 148町内会 県内9位", 61.5),
    ("85% 205町内会", 85),
    ("12.0% 全国3位", 12),
    ("148町内会 61.5%", None),
    ("61.5% 70.2%", None),
    ("初産婦92.0% 経産婦88.5%", None),
    ("全国1位", None),
])
def test_share_cells(cell: str, value: float | None) -> None:
    q = parse_quantity(cell)
    assert (q.value, q.unit if value is not None else None) == (value, "%" if value is not None else None)


MILESTONES = """地域戦略の評価(対象:令和4年度)

評価の概要

基本目標の進捗状況

指標名 目安値 実績値 進捗区分 前年度

観光消費額(億円)
R1年度1,120→R6年度1,400

1,290
(R4年度)

1,315
(県内2位)

A

B

転入者数(人)
R2年4,800→R7年5,300

5,000
(R4年)

4,870

B

B

女性の就業率(%)
R2年48.0→R7年52.0

男性61.0以上
女性50.0以上
(R4年)

(男性62.1
(女性49.8)

-

C
"""


def test_an_actual_beside_a_dated_milestone_takes_its_year() -> None:
    plan = extract(MILESTONES)
    assert rows(MILESTONES) == [
        ("観光消費額", "億円", (1120, 2019), (1400, 2024), [(2022, 1315)]),
        ("転入者数", "人", (4800, 2020), (5300, 2025), [(2022, 4870)]),
        ("女性の就業率", "%", (48, 2020), (52, 2025), []),
    ]
    assert [[(x.value, x.year) for x in i.interim_targets] for i in plan.indicators] == [[(1290, 2022)], [(5000, 2022)], []]


def test_without_the_milestone_column_the_undated_figure_is_no_actual() -> None:
    text = MILESTONES.replace("指標名 目安値 実績値", "指標名 備考 実績値")
    got = rows(text)[:3]
    assert [(name, actuals) for name, *_, actuals in got] == [
        ("観光消費額", [(2022, 1290)]),  # the dated figure, read by the table as before
        ("転入者数", [(2022, 5000)]),
        ("女性の就業率", []),
    ]
    assert all(i.interim_targets == [] for i in extract(text).indicators)


WRAPPED = """総合戦略の取組と実績 〈基本目標②〉ひとの流れをつくる 具体的な施策 具体的な取組み KPI(令和 7 年3月まで) KPI(令和 5 年度) 達成率 移住の促進 移住相談会の開催 移住相談件数 移住相談件数 120 件 84 件 70.0% 空き家の活用 空き家バンク登録件数 40 件 空き家バンク登録件数 30 件 75.0% 地域の魅力発信 ふるさと納税による寄附件 ふるさと納税による寄附件 返礼品の開発 数 2,000 件 数 {second} 件 お試し住宅の利用世帯数 25 世帯 お試し住宅の利用世帯数 20 世帯 80.0% 交流の推進 交流イベントの参加団 交流イベントの参加団 体制づくり の推進 15 団体 の推進 12 団体
"""


def test_a_name_wrapped_in_both_columns_is_joined() -> None:
    assert rows(WRAPPED.format(second="2,000")) == [
        ("移住相談件数", "件", None, (120, None), [(2023, 84)]),
        ("空き家バンク登録件数", "件", None, (40, None), [(2023, 30)]),
        ("ふるさと納税による寄附件数", "件", None, (2000, None), [(2023, 2000)]),
        ("お試し住宅の利用世帯数", "世帯", None, (25, None), [(2023, 20)]),
    ]


def test_unequal_figures_of_a_wrapped_name_need_a_rate() -> None:
    got = rows(WRAPPED.format(second="1,800"))
    assert [name for name, *_ in got] == ["移住相談件数", "空き家バンク登録件数", "お試し住宅の利用世帯数"]


LATEST = """指標12 公園の利用満足度指数
◆計算方法 「満足と答えた人の割合の対平成30年比」
〔本文〕
{latest}
100(平成30年) 80(令和5年)
目標
〔本文〕
資料:市民アンケート
"""


@pytest.mark.parametrize(("latest", "actuals"), [
    ("58.2(令和4年)", [(2022, 58.2)]),
    ("58.2(令和6年)", []),  # after the target's year
    ("58.2%(令和4年)", []),  # another unit than the row's
    ("58.2(令和4年) 61.0(令和3年)", []),  # two figures
])
def test_the_latest_figure_above_a_dated_pair_is_its_actual(latest: str, actuals: list) -> None:
    assert rows(LATEST.format(latest=latest)) == [("公園の利用満足度指数", None, (100, 2018), (80, 2023), actuals)]
