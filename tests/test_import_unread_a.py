"""Layouts of municipal sheets the engine read nothing of, each in a document composed here.

Names, figures, years and units are invented; each layout is one cities print:

- a form's indicator blocks printed as pipe rows: a 指標名 label row over the name's row, a header
  row of value words opening with an empty cell, a 数値 row of figures and a 時点 row of years (a
  cell of two groups wrapping its row over two lines gives nothing);
- an evaluation sheet one cell per line whose header (目標値(a) 実績値(b) 達成率 評価) has no cell over
  the names, rows labelled 成果指標1 / サブ指標1, names wrapped with their unit tag broken
  (…件数【単 / 位:件】), and the year of every figure only in a title above (■令和3年度実績データ);
- a grant's KPI report one cell per line: a row label 指標① (alone or after the project's
  amount), then name, figure and unit, under the header pair 指標値 / 単位;
- a plan's summary flattened onto one line: a target header with its year in brackets
  (数値目標(R6/…)), then items ``name figure unit``, ``name base(year)→target(year)``, ``name figure(year)``;
- a sectoral plan's goals reviewed in sentences under 【目標N】 headings: a dated base figure, the
  measure's label with its year, 目標値 and 実績 each with a figure and a bracketed share (the base
  figure is the baseline only when both labels count the same thing);
- a measure sheet flattened onto one line: 指標名, year columns with a unit column among them and
  the evaluated year's 実績 column last, rows numbered, each a name, a unit and runs after 実績 and
  目標 that fill the year columns only when their counts fit.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from keikaku.importer.flatlabelrows import flat_label_rows
from keikaku.importer.formpipes import form_pipe_rows
from keikaku.importer.goalblocks import goal_block_rows
from keikaku.importer.headeritems import header_item_rows
from keikaku.importer.labelrecords import label_record_rows
from keikaku.importer.normalize import make_line, normalise
from keikaku.importer.pipeline import extract_file
from keikaku.importer.records import RawDocument, RawLine
from keikaku.importer.roleheader import row_label
from keikaku.importer.titledyear import titled_year

Figure = tuple[float | None, int | None] | None


def read(tmp_path: Path, text: str) -> list[tuple]:
    path = tmp_path / "sheet.txt"
    path.write_text(text, encoding="utf-8")
    plan = extract_file(path).plan

    def figure(v):  # noqa: ANN001, ANN202
        return (v.value, v.year) if v is not None else None

    return [(i.name, i.unit, figure(i.baseline), figure(i.target), [(a.year, a.value) for a in i.actuals],
             [figure(v) for v in i.interim_targets]) for i in plan.indicators]


def lines_of(text: str) -> list:
    return [make_line(t, k) for k, t in enumerate(text.splitlines()) if t.strip()]


FORM_PIPES = """\
生活環境部 環境政策課の工程表
測定指標
指標1
指標名 | 指標の分類 |
家庭ごみの資源化率 | 成果指標 |
| 基準値 | 年度当初値 | 今年度目標値 | 今年度実績値 | 長期的目標値 |
数値 | 17.2% | 19.8% | 21.0% | 20.6% | 25.0% |
時点 | 令和元年度 | 令和5年度 | 令和6年度 | 令和6年度 | 令和9年度 |
指標2
指標名 | 指標の分類 |
環境学習講座の開催回数 | 活動指標 |
| 基準値 | 年度当初値 | 今年度目標値 | 今年度実績値 | 長期的目標値 |
数値 | 36回 | 小学校20回
中学校8回 | 45回 | | 60回 |
時点 | 平成30年度実績 | 令和5年度 | 令和6年度 | | 令和10年 |
根拠となる計画等 | その他計画の名称 | 計画指標の選定理由 |
| 環境基本計画 | 〔本文〕 |
"""

SPLIT_UNIT_TAG = """\
令和4年度 施策の改善工程表
施策名
文化芸術の振興
■令和3年度実績データ
指標名
目標値(a) 実績値(b) 達成率(b/a又はa/b)% 評価
成果指標1
市内の文化施設で催された公演への来場者
数【単位:人】
12,500
11,030
88.2%
B
サブ指標1
市民ギャラリーの年間利用件数【単
位:件】
640
702
109.7%
A
1次評価
B
"""

NAMELESS_HEADER = """\
令和5年度 総合計画進行管理 施策の改善工程表
施策名
№
4
■令和4年度実績データ
指標No.
子育て支援の充実
所管局
指標名
こども未来局
局・区長名
〔氏名〕
目標値(a) 実績値(b) 達成率(b/a又はa/b)% 評価
成果指標1
放課後児童クラブを利用できた児童の
割合【単位:%】
97.5
98.1
100.6%
A
サブ指標1
子育て相談窓口の年間相談件数【単
位:件】
2,400
1,986
82.8%
C
1次評価
(所管局による自己評価)
B
"""

CELL_RECORDS = """\
交付金事業の実施結果報告
交付対象事業の名称
重要業績評価指標(KPI)
指標
指標値
単位
1 観光交流推進事業
基礎交付
4,520,000 指標①
観光案内所の利用者数
1,200
人
指標②
体験ツアーの参加者数
350
人
2 移住定住促進事業 基礎交付 8,100,000 指標①
移住相談の件数
48
件
"""

FLAT_LABEL_ROWS = (
    "施策番号 3-2 施策評価 シート 施策名 河川環境 A2:施策の目標値(施策指標) 指標名 19年度 単位 22年度 24年度 26年度 "
    "30年度 20年度実績 1 水辺の清掃活動の参加者数 人 実績 1,850 2,140 目標 2,300 2,500 2,800 2 河川の水質環境基準達成率 "
    "% 実績 62.5 66.0 目標 70.0 75.0 80.0 指標の定義 〔定義〕\n")

SUMMARY = (
    "みなみ町まち・ひと・しごと創生総合戦略の概要 1 基本目標 〔本文〕 基 本 目 標 1.しごとをつくり安心して働けるようにする "
    "2 推進期間 5年間(令和 2 年度~6 年度) 数値目標(R6/5か年累計) 企業誘致件数 12 件 新規創業者数 35 人 2.新しいひとの流れをつくる "
    "転入者数 1,500 人 観光入込客数 48.5万人(R1)→55.0万人(R6) 3.結婚・出産・子育ての希望をかなえる 出生数 210人(H30)→230人(R6) "
    "子育て環境の満足度 75%(R6) 4.安心なくらしを守る 地域活動への参加率 40%(R6) 3 推進体制 〔本文〕\n")

GOALS = (
    "2 成果目標 〔本文〕 (1) 福祉施設から一般就労への移行 (2) 施設入所者の地域生活への移行 〔本文〕 第6期計画期間の振返り ● 〔本文〕 "
    "【目標1】福祉施設から一般就労への移行  令和元年度の一般就労移行者数  12人  令和5年度の一般就労移行者数(見込) 目標値  20人(1.7倍) "
    "実績   15人(1.3倍) 【目標2】施設入所者の地域生活への移行  令和元年度末時点の施設入所者数  210人  上記のうち,令和5年度末までの"
    "地域移行者数(推計) 目標値  13人(6%) 実績   8人(3.8%) 【目標3】施設入所者数の削減  令和元年度末時点の施設入所者数  210人  "
    "令和5年度末の施設入所者数(推計) 目標値  205人(-5人) 実績   207人(-3人)   第7期計画における成果目標 【目標1】\n")

FLAT_TARGETS = (
    "施策評価シート 施策名 農地の保全 B2:施策の目標値(施策指標) 指標名 令和2年度 単位 令和5年度 令和7年度 令和9年度 "
    "令和3年度実績 1 耕作放棄地の解消面積 ha 実績 12.4 13.0 目標 15.0 18.0 20.0 2 農業体験の参加者数 人 実績 (300) 420 "
    "目標 500 550 600 指標の定義 〔定義〕\n")


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param(FORM_PIPES, [
        ("家庭ごみの資源化率", "%", (17.2, 2019), (25, 2027), [(2023, 19.8), (2024, 20.6)], [(21, 2024)]),
        ("環境学習講座の開催回数", "回", (36, 2018), (60, 2028), [], [(45, 2024)]),
    ], id="form-blocks-in-pipes"),
    pytest.param(SPLIT_UNIT_TAG, [
        ("市内の文化施設で催された公演への来場者数", "人", None, (12500, 2021), [(2021, 11030)], []),
        ("市民ギャラリーの年間利用件数", "件", None, (640, 2021), [(2021, 702)], []),
    ], id="split-unit-tag-titled-year"),
    pytest.param(NAMELESS_HEADER, [
        ("放課後児童クラブを利用できた児童の割合", "%", None, (97.5, 2022), [(2022, 98.1)], []),
        ("子育て相談窓口の年間相談件数", "件", None, (2400, 2022), [(2022, 1986)], []),
    ], id="header-without-name-column"),
    pytest.param(CELL_RECORDS, [
        ("観光案内所の利用者数", "人", None, (1200, None), [], []),
        ("体験ツアーの参加者数", "人", None, (350, None), [], []),
        ("移住相談の件数", "件", None, (48, None), [], []),
    ], id="labelled-kpi-records"),
    pytest.param(FLAT_LABEL_ROWS, [
        ("水辺の清掃活動の参加者数", "人", (1850, 2007), None, [(2008, 2140)], []),
        ("河川の水質環境基準達成率", "%", (62.5, 2007), None, [(2008, 66)], []),
    ], id="flat-label-rows-targets-unsettled"),
    pytest.param(FLAT_TARGETS, [
        ("耕作放棄地の解消面積", "ha", (12.4, 2020), (20, 2027), [(2021, 13)], [(15, 2023), (18, 2025)]),
        ("農業体験の参加者数", "人", None, (600, 2027), [(2021, 420)], [(500, 2023), (550, 2025)]),
    ], id="flat-label-rows-targets-fit"),
    pytest.param(SUMMARY, [
        ("企業誘致件数", "件", None, (12, 2024), [], []),
        ("新規創業者数", "人", None, (35, 2024), [], []),
        ("転入者数", "人", None, (1500, 2024), [], []),
        ("観光入込客数", "万人", (48.5, 2019), (55, 2024), [], []),
        ("出生数", "人", (210, 2018), (230, 2024), [], []),
        ("子育て環境の満足度", "%", None, (75, 2024), [], []),
        ("地域活動への参加率", "%", None, (40, 2024), [], []),
    ], id="items-after-a-dated-target-header"),
    pytest.param(GOALS, [
        ("福祉施設から一般就労への移行", "人", (12, 2019), (20, 2023), [(2023, 15)], []),
        ("施設入所者の地域生活への移行", "人", None, (13, 2023), [(2023, 8)], []),
        ("施設入所者数の削減", "人", (210, 2019), (205, 2023), [(2023, 207)], []),
    ], id="goals-in-labelled-sentences"),
])
def test_a_layout_gives_exactly_its_indicators(tmp_path: Path, text: str, expected: list) -> None:
    assert read(tmp_path, text) == expected


def test_a_form_block_whose_cells_hold_two_groups_gives_nothing() -> None:
    text = """\
指標名 | 指標の分類 |
地域の見守り活動の実施率 | 成果指標 |
| 基準値 | 今年度目標値 | 長期的目標値 |
数値 | 高齢者40% 障害者20% | 高齢者50% 障害者30% | 高齢者60% 障害者40% |
時点 | 令和2年度 | 令和6年度 | 令和8年度 |
"""
    assert form_pipe_rows(lines_of(text)) == []


def test_a_form_block_without_a_header_row_gives_nothing() -> None:
    text = """\
指標名 | 指標の分類 |
地域の見守り活動の実施率 | 成果指標 |
数値 | 40% | 50% | 60% |
時点 | 令和2年度 | 令和6年度 | 令和8年度 |
"""
    assert form_pipe_rows(lines_of(text)) == []


def test_labelled_records_need_the_record_header() -> None:
    without = CELL_RECORDS.replace("指標値\n", "")
    assert label_record_rows(lines_of(without)) == []
    rows = label_record_rows(lines_of(CELL_RECORDS))
    assert [(r.name, r.unit, r.target.value if r.target else None) for r in rows] == [
        ("観光案内所の利用者数", "人", 1200), ("体験ツアーの参加者数", "人", 350), ("移住相談の件数", "件", 48)]


def test_a_label_followed_by_a_dash_is_no_record() -> None:
    text = CELL_RECORDS.replace("観光案内所の利用者数\n1,200\n人\n", "―\n―\n")
    assert [r.name for r in label_record_rows(lines_of(text))] == ["体験ツアーの参加者数", "移住相談の件数"]


def test_runs_whose_counts_do_not_fit_the_years_give_nothing() -> None:
    text = ("施策評価シート 施策名 農地の保全 指標名 令和2年度 単位 令和5年度 令和7年度 令和3年度実績 "
            "1 耕作放棄地の解消面積 ha 実績 12.4 13.0 14.0 目標 15.0 指標の定義 〔定義〕")
    assert flat_label_rows([make_line(text, 0)]) == []


def test_a_header_without_an_evaluated_year_column_is_no_table() -> None:
    text = ("施策評価シート 施策名 農地の保全 指標名 令和2年度 単位 令和5年度 令和7年度 令和9年度 "
            "1 耕作放棄地の解消面積 ha 実績 12.4 目標 15.0 18.0 20.0 指標の定義 〔定義〕")
    assert flat_label_rows([make_line(text, 0)]) == []


def test_the_year_of_a_title_above_a_table() -> None:
    assert titled_year(lines_of("■令和3年度実績データ\n指標名\n〔氏名〕")) == 2021
    assert titled_year(lines_of("■平成26年度実績データ")) == 2014
    # the nearest year above the table is in running text, or the title names two years: no year
    assert titled_year(lines_of("■令和3年度実績データ\n令和4年度の取組を〔本文〕")) is None
    assert titled_year(lines_of("■令和2年度から令和3年度の実績")) is None
    assert titled_year(lines_of("■令和3年度の目標")) is None  # no actual word
    assert titled_year(lines_of("指標名\n〔氏名〕")) is None


def test_a_unit_tag_broken_over_two_lines_is_rejoined() -> None:
    doc = RawDocument(name="t.txt", format="text", sha256="0", lines=[RawLine(text=t) for t in ("市民ギャラリーの年間利用件数【単", "位:件】", "640")])
    assert [line.text for line in normalise(doc)] == ["市民ギャラリーの年間利用件数【単位:件】", "640"]
    doc = RawDocument(name="t.txt", format="text", sha256="0", lines=[RawLine(text=t) for t in ("【参考】", "位置図】は別紙", "640")])
    assert [line.text for line in normalise(doc)] == ["【参考】", "位置図】は別紙", "640"]


def test_a_row_label_is_no_header_cell() -> None:
    assert row_label("成果指標1") and row_label("サブ指標2") and row_label("指標 3")
    assert not row_label("成果指標") and not row_label("目標値1") and not row_label("令和3")


def test_a_record_followed_by_a_date_is_left_to_the_value_records() -> None:
    dated = CELL_RECORDS.replace("1,200\n人\n", "1,200\n人\nH30.3\n").replace("350\n人\n", "350\n人\nH30.3\n")
    assert [r.name for r in label_record_rows(lines_of(dated))] == ["移住相談の件数"]


def test_items_need_a_dated_target_header_and_two_items() -> None:
    one = "数値目標(R6) 企業誘致件数 12 件 〔本文〕"
    assert header_item_rows(make_line(one, 0)) == []
    undated = "数値目標(累計) 企業誘致件数 12 件 新規創業者数 35 人"
    assert header_item_rows(make_line(undated, 0)) == []
    rows = header_item_rows(make_line("目標値(2030年度) 企業誘致件数 12 件 新規創業者数 35 人", 0))
    assert [(r.name, r.unit, r.target.value, r.target_year) for r in rows] == [
        ("企業誘致件数", "件", 12, 2030), ("新規創業者数", "人", 35, 2030)]


def test_a_goal_heading_without_a_target_figure_or_goal_word_gives_nothing() -> None:
    assert goal_block_rows(lines_of("【目標1】待機者数の削減 令和元年度末時点の待機者数 210人 〔本文〕")) == []
    assert goal_block_rows(lines_of("【施策1】待機者数の削減 令和5年度末の待機者数 目標値 205人 実績 207人")) == []
