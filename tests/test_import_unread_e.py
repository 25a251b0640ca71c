"""Layouts of municipal sheets the engine read nothing of, each in a document composed here.

Names, figures, years and units are invented; each layout is one that cities print:

- a survey of action plans as a pipe table whose value columns each have a time column after them
  (数値目標 | (時期) | 最新値 | (時期) | 目標設定時最新値 | (時期)), several groups of columns side by
  side, a row wrapped over lines and a cell of two bulleted names whose value cells hold two figures;
- a measure's indicator table one cell per line whose figures run apart from its names (marked ○, ◎,
  ①②), each row's record a figure and its time per dated column;
- an evaluation form's tables with rows lettered A, B under a line of years (単位 元年度(実績) …),
  names before or after that line, and a last column of a year over stacked roles (上段:目標 / 下段:実績).
"""

from __future__ import annotations

from pathlib import Path

from keikaku.importer.letteredrows import lettered_rows
from keikaku.importer.namesapart import names_apart_rows
from keikaku.importer.timedpipes import timed_pipe_rows
from tests.sheet_reading import lines_of, read




def rows_of(found: list) -> list[tuple]:
    def figure(q, year):  # noqa: ANN001, ANN202
        return (q.value, year) if q is not None else None

    return [(r.name, r.unit, figure(r.baseline, r.baseline_year), figure(r.target, r.target_year),
             [(y, q.value) for y, q, _ in r.actuals]) for r in found]




TIMED_PIPES = """\
各市の取組状況の一覧
自治体名 | 計画へ リンク先 |
目標項目 | 数値目標 | (時期) | 最新値 | (時期) | 目標設定時最新値 | (時期) | 取組内容 |
目標項目 | 数値目標 | (時期) | 最新値 | (時期) | 目標設定時最新値 | (時期) | 取組内容 |
|||
みどり市 | 計画へ | ・男性職員の育児休業取得率 | 30%以上 | 令和7年度 | 18.5% | 令和4年度 | 6.2% | 令和元年度 | ・係長級への女性登用率 ・課長級への女性登用率 |
35%以上 25%以上 |
令和7年度 | 28.4% 12.5% |
令和4年度 | 20.1% 8.0% |
あおば町 | 計画へ |
職員一人当たりの年間時間外勤務時間 | 120時間 | (2025年) | 156時間 | (2022年) | 171時間 | (2019年) | 〔取組内容〕 |
・女性職員の採用割合 ・女性職員の管理職割合 | 40% 20% 10% | (2025年) | 38% | (2022年) | 33% | (2019年) |
"""

NAMES_APART = """\
<施策目標の進捗度>
評価指標
目標の内容
現状値
(現況年度)
令和4年度実績
目標値
(目標年度)
〔目標の内容〕
1
◎市内で創業した事業者の数
48事業者
(令和2年度)
55事業者
70事業者
(令和8年度)
12.5%
(令和元年度)
―
20.0%
(令和8年度)
3件
(令和2年度)
150人
(令和2年度)
4件
6件
(令和8年度)
200人
(令和8年度)
〔目標の内容〕
2
◎空き店舗の活用率
〔目標の内容〕
3
①商店街の販売促進事業の実施件数
②販売促進事業への参加者数
〔目標の内容〕
"""

NAMES_APART_EXTRA_FIGURE = """\
評価指標
目標の内容
現状値
(現況年度)
令和4年度実績
目標値
(目標年度)
◎市内で創業した事業者の数
48事業者
(令和2年度)
55事業者
70事業者
(令和8年度)
12.5%
(令和元年度)
18.0%
20.0%
(令和8年度)
9.0%
◎空き店舗の活用率
"""

LETTERED = """\
令和 6 年度
施策評価表シート1
施 策 名 高齢者の社会参加の促進
1.施策の
対象と対象指標
単位 元年度(実績) 2年度(実績) 3年度(実績) 4年度(実績)
対象指標
A
B
65歳以上の人口
人
ひとり暮らし高齢者の世帯数 世帯
48,210
49,005
49,730
50,118
6,120
6,380
6,655
6,904
C
2.施策の
意図と成果指標
成果指標
A
地域活動に参加している高齢者
の割合
B
シルバー人材センターの会員数
単位 元年度(実績) 2年度(実績) 3年度(実績)
%
31.2
28.4
29.9
人
812
790
805
4年度
(上段:目標)
(下段:実績)
35.0
30.6
850
798
C
D
"""

LETTERED_SHORT_RUN = """\
令和 6 年度
成果指標
A
地域活動に参加している高齢者の割合
B
シルバー人材センターの会員数
単位 元年度(実績) 2年度(実績) 3年度(実績)
%
31.2
28.4
29.9
人
812
790
C
"""


def test_time_columns_date_the_figures_before_them() -> None:
    assert rows_of(timed_pipe_rows(lines_of(TIMED_PIPES))) == [
        ("男性職員の育児休業取得率", "%", (6.2, 2019), (30, 2025), [(2022, 18.5)]),
        ("係長級への女性登用率", "%", (20.1, None), (35, 2025), [(2022, 28.4)]),
        ("課長級への女性登用率", "%", (8, None), (25, 2025), [(2022, 12.5)]),
        ("職員一人当たりの年間時間外勤務時間", "時間", (171, 2019), (120, 2025), [(2022, 156)]),
    ]


def test_two_names_over_three_figures_give_nothing() -> None:
    names = [r.name for r in timed_pipe_rows(lines_of(TIMED_PIPES))]
    assert "女性職員の採用割合" not in names and "女性職員の管理職割合" not in names


def test_a_header_without_time_columns_is_not_this_layout() -> None:
    text = TIMED_PIPES.replace(" | (時期)", "")
    assert timed_pipe_rows(lines_of(text)) == []


def test_a_bare_time_gives_no_year() -> None:
    text = "目標項目 | 数値目標 | (時期) | 最新値 | (時期) |\nA市 | 女性職員の平均退職年齢 | 47歳 | 9年度 | 41.5歳 | 5年度 |\n"
    assert rows_of(timed_pipe_rows(lines_of(text))) == [("女性職員の平均退職年齢", "歳", None, (47, None), [])]


def test_figures_apart_from_their_names_are_laid_on_them_in_order() -> None:
    assert rows_of(names_apart_rows(lines_of(NAMES_APART))) == [
        ("市内で創業した事業者の数", "事業者", (48, 2020), (70, 2026), [(2022, 55)]),
        ("空き店舗の活用率", "%", (12.5, 2019), (20, 2026), []),
        ("商店街の販売促進事業の実施件数", "件", (3, 2020), (6, 2026), [(2022, 4)]),
        ("販売促進事業への参加者数", "人", (150, 2020), (200, 2026), []),
    ]


def test_a_run_the_names_do_not_use_exactly_gives_nothing() -> None:
    assert names_apart_rows(lines_of(NAMES_APART_EXTRA_FIGURE)) == []


def test_a_text_column_ending_otherwise_is_no_value_column() -> None:
    text = NAMES_APART.replace("目標値\n(目標年度)", "目標の考え方\n(目標年度)")
    assert names_apart_rows(lines_of(text)) == []


def test_lettered_rows_under_a_line_of_years(tmp_path: Path) -> None:
    assert read(tmp_path, LETTERED) == [
        ("65歳以上の人口", "人", None, None, [(2019, 48210), (2020, 49005), (2021, 49730), (2022, 50118)]),
        ("ひとり暮らし高齢者の世帯数", "世帯", None, None, [(2019, 6120), (2020, 6380), (2021, 6655), (2022, 6904)]),
        ("地域活動に参加している高齢者の割合", "%", None, (35, 2022), [(2019, 31.2), (2020, 28.4), (2021, 29.9), (2022, 30.6)]),
        ("シルバー人材センターの会員数", "人", None, (850, 2022), [(2019, 812), (2020, 790), (2021, 805), (2022, 798)]),
    ]


def test_a_row_short_of_a_figure_gives_nothing() -> None:
    assert lettered_rows(lines_of(LETTERED_SHORT_RUN)) == []


def test_years_without_an_era_named_before_give_nothing() -> None:
    assert lettered_rows(lines_of(LETTERED.replace("令和 6 年度\n", ""))) == []


def test_a_time_glued_to_its_figure_is_the_same_record() -> None:
    glued = NAMES_APART.replace("\n(令和", "(令和")
    assert "48事業者(令和2年度)" in glued
    assert rows_of(names_apart_rows(lines_of(glued))) == rows_of(names_apart_rows(lines_of(NAMES_APART)))
    assert len(names_apart_rows(lines_of(glued))) == 4
