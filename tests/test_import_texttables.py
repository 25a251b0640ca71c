"""Text tables however the extractor flattened them: the figures must come out the same."""

from __future__ import annotations

import pytest

from keikaku.importer.pipeline import extract_document
from keikaku.importer.records import RawDocument, RawLine

EXPECTED = [
    ("自主防災組織の数", "団体", 27, 2019, 30, 2025, "increase"),
    ("刑法犯の認知件数", "件", 1070, 2019, 900, 2025, "decrease"),
]

LAYOUTS = {
    "rows on lines": """施策1 防災
指標名 単位 現状値(R1) 目標値(R7)
自主防災組織の数 団体 27 30
刑法犯の認知件数 件 1,070 900
""",
    "one cell per line": """施策1 防災
指標名
単位
現状値
(R1)
目標値
(R7)
自主防災組織の数
団体
27
30
刑法犯の認知件数
件
1,070
900
""",
    "whole table on one line": """施策1 防災
〔本文〕 指標名 単位 現状値(R1) 目標値(R7) 自主防災組織の数 団体 27 30 刑法犯の認知件数 件 1,070 900 〔本文〕
""",
    "columns one after another": """施策1 防災
指標名 単位 現状値(R1) 目標値(R7)
自主防災組織の数
刑法犯の認知件数
団体
件
27
1,070
30
900
""",
    "cells glued": """施策1 防災
指標名 現状値(R1) 目標値(R7)
自主防災組織の数27団体30団体
刑法犯の認知件数1,070件900件
""",
    "header words broken across lines": """施策1 防災
指標 単位 現状 目標
名 値(R1) 値(R7)
自主防災組織の数 団体 27 30
刑法犯の認知件数 件 1,070 900
""",
    "spaced header and years in brackets after values": """施策1 防災
指 標 名 現 状 値 目 標 値
自主防災組織の数 27団体(令和元年度) 30団体(令和7年度)
刑法犯の認知件数 1,070件(令和元年度) 900件(令和7年度)
""",
    "pipes": """施策1 防災
| 指標名 | 単位 | 現状値（令和元年度） | 目標値（令和7年度） |
|---|---|---|---|
| 自主防災組織の数 | 団体 | 27 | 30 |
| 刑法犯の認知件数 | 件 | 1,070 | 900 |
""",
}


def extract(text: str):
    doc = RawDocument(name="doc.txt", format="text", sha256="0" * 64, lines=[RawLine(t) for t in text.splitlines()])
    return extract_document(doc).plan


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_the_same_table_in_every_flattening(layout: str) -> None:
    plan = extract(LAYOUTS[layout])
    got = [(i.name, i.unit, i.baseline.value, i.baseline.year, i.target.value, i.target.year, i.direction) for i in plan.indicators]
    assert got == EXPECTED
    assert {i.node for i in plan.indicators} == {plan.nodes[0].id}


def rows(text: str) -> list[tuple]:
    return [(i.name, i.unit, i.direction, i.baseline and (i.baseline.value, i.baseline.year),
             i.target and (i.target.value, i.target.year, i.target.text), [(a.year, a.value) for a in i.actuals],
             [(x.value, x.year) for x in i.interim_targets]) for i in extract(text).indicators]


@pytest.mark.parametrize("header", ["指標 策定時(H26) 中間目標(H29) 最終目標(H32)", "指標 策定時(H26) 中間(H29) 最終(H32)"])
def test_interim_and_final_targets(header: str) -> None:
    assert rows(f"""施策2 子育て
{header}
保育所待機児童数 45人 20人 0人
""") == [("保育所待機児童数", "人", "decrease", (45, 2014), (0, 2020, "0人"), [], [(20, 2017)])]


def test_years_on_the_line_under_the_header() -> None:
    assert rows("""施策2 子育て
項目 現状 目標
令和元年度 令和7年度
保育所待機児童数 45人 0人
""") == [("保育所待機児童数", "人", "decrease", (45, 2019), (0, 2025, "0人"), [], [])]


def test_yearly_actual_columns_a_rate_and_the_unit_after_the_name() -> None:
    assert rows("""施策2 子育て
指標名 基準値(H30) R1実績 R2実績 R3実績 目標値(R5) 達成率
保育所待機児童数(人) 45 30 21 12 0 73.3%
""") == [("保育所待機児童数", "人", "decrease", (45, 2018), (0, 2023, "0"), [(2019, 30), (2020, 21), (2021, 12)], [])]


def test_direction_column_and_a_maintain_target() -> None:
    assert rows("""施策2 子育て
成果指標 単位 現状値 目標値 方向
保育所待機児童数 人 45 0 ↓
市民満足度 % 60.5 維持 →
""") == [("保育所待機児童数", "人", "decrease", (45, None), (0, None, "0"), [], []),
         ("市民満足度", "%", "maintain", (60.5, None), (None, None, "維持"), [], [])]


@pytest.mark.parametrize("text", [
    "■KPI：新規創業件数 12件（H26）→ 60件（H31）",
    "・新規創業件数：12件（平成26年度）→60件（平成31年度）",
    "①新規創業件数:12件(平成 26 年)→60件(平成 31 年) ②観光入込客数: 120 万人(平成 26 年)→150 万人(平成 31 年)",
])
def test_indicators_written_as_baseline_arrow_target(text: str) -> None:
    got = rows("基本目標1 しごとをつくる\n" + text + "\n")
    assert got[0] == ("新規創業件数", "件", "increase", (12, 2014), (60, 2019, got[0][4][2]), [], [])
    assert got[0][4][2].replace(" ", "") in ("60件", "60件(平成31年)")


def test_a_second_table_on_the_same_indicator_adds_its_actuals() -> None:
    got = rows("""施策3 健康
指標名 現状値（令和2年度） 目標値（令和8年度）
特定健康診査の受診率 48.5% 60.0%
指標名 R3実績 R4実績
特定健康診査の受診率 50.1% 52.3%
""")
    assert got == [("特定健康診査の受診率", "%", "increase", (48.5, 2020), (60, 2026, "60.0%"), [(2021, 50.1), (2022, 52.3)], [])]


def test_every_figure_records_the_line_it_was_read_from() -> None:
    plan = extract(LAYOUTS["one cell per line"])
    first, second = plan.indicators
    assert (first.origin, first.baseline.origin, first.target.origin) == ("line 8", "line 10", "line 11")
    assert (second.origin, second.baseline.origin, second.target.origin) == ("line 12", "line 14", "line 15")
    assert plan.nodes[0].origin == "line 1"
    plan = extract(LAYOUTS["rows on lines"])
    assert [(i.origin, i.baseline.origin, i.target.origin) for i in plan.indicators] == [("line 3",) * 3, ("line 4",) * 3]


def test_a_table_read_cell_by_cell_with_a_code_column_and_a_repeated_header() -> None:
    header = ["成果指標 |", "区分 |", "平成12年 |", "平成13年実績 |", "平成14年実績 |", "5ヵ年目標 |"]
    text = "\n".join(["施策1 生涯学習", *header,
                      "11204 |", "講座修了者数 |", "当初 |", "なし |", "1,007人 |", "448人 |", "1,400人 |",
                      "11302 |", "図書館入館者数 |", "当初 |", "102,521人 |", "104,000人 |", "101,950人 |", "110,000人 |",
                      "生涯スポーツの促進", "主要施策コード |", *header,
                      "12101 |", "スポーツ教室参加者数 |", "当初 |", "300人 |", "320人 |", "350人 |", "500人 |"]) + "\n"
    assert rows(text) == [
        ("講座修了者数", "人", "increase", (None, 2000), (1400, None, "1,400人"), [(2001, 1007), (2002, 448)], []),
        ("図書館入館者数", "人", "increase", (102521, 2000), (110000, None, "110,000人"), [(2001, 104000), (2002, 101950)], []),
        ("スポーツ教室参加者数", "人", "increase", (300, 2000), (500, None, "500人"), [(2001, 320), (2002, 350)], []),
    ]


def test_a_pipe_table_whose_indicator_column_is_not_the_first() -> None:
    got = rows("""施策1 協働
節項 | 内容 | 協働して実現したい状態(目的) | 政策指標 | 現状値 | 目標値 | 実施計画事業 |
---|---|---|---|---|---|---|
第1節 | 地域社会の形成 | 〔本文〕 | 住み続けたいと思う市民の割合 | 58.6% | 62.0% | |
第3項 | パートナーシップの強化 | 〔本文〕 | 地域活動に参加している人の割合 | 27.1% | 29.0% |
|
NPO法人の数 | 26団体 | 40団体 |
""")
    assert got == [
        ("住み続けたいと思う市民の割合", "%", "increase", (58.6, None), (62, None, "62.0%"), [], []),
        ("地域活動に参加している人の割合", "%", "increase", (27.1, None), (29, None, "29.0%"), [], []),
        ("NPO法人の数", "団体", "increase", (26, None), (40, None, "40団体"), [], []),
    ]


def test_baseline_arrow_target_in_a_cell_with_years_before_the_values() -> None:
    got = rows("""基本目標1 人口
指標名 目安値 実績値 進捗区分 前年度
合計特殊出生率
H26年1.54→H31年1.68
1.62
(H29年)
1.56
C
A
社会増減(人)
H26年▲3,703→H31年▲2,000
▲2,700
(H29年)
▲2,530
A
A
""")
    assert [(g[0], g[1], g[3], g[4][:2], g[6]) for g in got] == [
        ("合計特殊出生率", None, (1.54, 2014), (1.68, 2019), [(1.62, 2017)]),
        ("社会増減", "人", (-3703, 2014), (-2000, 2019), [(-2700, 2017)]),
    ]


def test_a_name_then_two_dated_values_is_an_indicator_without_a_table() -> None:
    got = rows("""1-1 結婚・出産支援の充実
子育て環境の 充実度
46.3%
(H26)
49.1%
(H31)
妊婦検診受診率 99%
(H26)
100%
(H31) 福祉保健課 〔事業概要〕
""")
    assert got == [("子育て環境の充実度", "%", "increase", (46.3, 2014), (49.1, 2019, "49.1%"), [], []),
                   ("妊婦検診受診率", "%", "increase", (99, 2014), (100, 2019, "100%"), [], [])]


def test_a_column_of_target_years_and_other_header_words() -> None:
    got = rows("""施策5 交通
施策指標 現在値 基準年度 目標値 目標年度
コミュニティバスの年間利用者数 125,000人 令和元年度 150,000人 令和7年度
""")
    assert got == [("コミュニティバスの年間利用者数", "人", "increase", (125000, 2019), (150000, 2025, "150,000人"), [], [])]


@pytest.mark.parametrize("text", [
    "【重要業績評価指標（KPI）】\n指標：自主防災組織の数\n現状値：27団体（令和元年度）\n目標値：30団体（令和7年度）\n"
    "指標：刑法犯の認知件数\n現状値：1,070件（令和元年度）\n目標値：900件（令和7年度）\n",
    "成果指標 自主防災組織の数\n現状値 27団体（令和元年度）\n目標値 30団体（令和7年度）\n"
    "成果指標 刑法犯の認知件数\n現状値 1,070件（令和元年度）\n目標値 900件（令和7年度）\n",
    "◆指標名：自主防災組織の数　現状値：27団体（R1）　目標値：30団体（R7）\n"
    "◆指標名：刑法犯の認知件数　現状値：1,070件（R1）　目標値：900件（R7）\n",
])
def test_labelled_values_instead_of_a_table(text: str) -> None:
    got = rows("施策1 防災\n" + text)
    assert [(g[0], g[1], g[2], g[3], g[4][:2]) for g in got] == [
        ("自主防災組織の数", "団体", "increase", (27, 2019), (30, 2025)), ("刑法犯の認知件数", "件", "decrease", (1070, 2019), (900, 2025))]


def test_a_name_then_its_years_as_column_heads_then_a_value_per_year() -> None:
    got = rows("""基本目標1 結婚・出産
数値目標①
婚姻率 平成 25 (基準値) 平成 27 平成 28 (現状値) 平成 31 (目標値) 5.5‰ 5.4‰ 5.0‰ 5.9‰ 〔本文〕
数値目標②
出生数 平成 26 (基準値) 平成 27 平成 28 平成 29 (現状値) 平成 31 (目標値) 3,823 3,975 3,782 3,679 4,107 〔本文〕
""")
    assert got == [
        ("婚姻率", "‰", "increase", (5.5, 2013), (5.9, 2019, "5.9‰"), [(2015, 5.4), (2016, 5.0)], []),
        ("出生数", None, "increase", (3823, 2014), (4107, 2019, "4,107"), [(2015, 3975), (2016, 3782), (2017, 3679)], []),
    ]


def test_two_dated_target_columns_make_the_earlier_an_interim_target() -> None:
    assert rows("""施策1 農業
指標名 現状値(H22) 目標値(H24) 目標値(H29)
新規就農者数 1人 15人 30人
""") == [("新規就農者数", "人", "increase", (1, 2010), (30, 2017, "30人"), [], [(15, 2012)])]


def test_row_numbers_and_a_year_before_its_role_in_the_header() -> None:
    assert rows("""施策1 防災
No. 指標名 現状値(R1) 目標値(R7)
1 自主防災組織の数 27団体 30団体
2 刑法犯の認知件数 1,070件 900件
""") == [("自主防災組織の数", "団体", "increase", (27, 2019), (30, 2025, "30団体"), [], []),
         ("刑法犯の認知件数", "件", "decrease", (1070, 2019), (900, 2025, "900件"), [], [])]
    assert rows("""施策1 防災
指標名 策定時 R3 R4 R5 R7(目標)
(H30)
自主防災組織の数 27団体 28団体 29団体 29団体 30団体
""") == [("自主防災組織の数", "団体", "increase", (27, 2018), (30, 2025, "30団体"), [(2021, 28), (2022, 29), (2023, 29)], [])]


def test_an_excel_form_of_labels_and_values(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from docmaker import make_xlsx

    from keikaku.importer.pipeline import extract_file

    path = make_xlsx({"施策評価": [
        ["施策名", "防災体制の強化"], ["指標名", "自主防災組織の数"], ["現状値（令和元年度）", 27, "団体"], ["目標値（令和7年度）", 30, "団体"],
        [], ["指標名", "刑法犯の認知件数"], ["現状値（令和元年度）", 1070, "件"], ["目標値（令和7年度）", 900, "件"]]}, tmp_path / "form.xlsx")
    plan = extract_file(path).plan
    assert [(i.name, i.unit, i.baseline.value, i.baseline.year, i.target.value, i.target.year, i.baseline.origin) for i in plan.indicators] == [
        ("自主防災組織の数", "団体", 27, 2019, 30, 2025, "施策評価!A3:C3"), ("刑法犯の認知件数", "件", 1070, 2019, 900, 2025, "施策評価!A7:C7")]


@pytest.mark.parametrize("text", [
    "指標名 現状値(R1) 目標値(R7)\n自主防災組織の数 27団体 30団体\n12\n指標名 現状値(R1) 目標値(R7)\n刑法犯の認知件数 1,070件 900件\n",
    "指標名\n現状値(R1)\n目標値(R7)\n自主防災組織の数\n27団体\n30団体\n指標名\n現状値(R1)\n目標値(R7)\n刑法犯の認知件数\n1,070件\n900件\n",
])
def test_a_table_continued_on_a_new_page_with_its_header_again(text: str) -> None:
    assert [(g[0], g[3], g[4][:2]) for g in rows("施策1 防災\n" + text)] == [
        ("自主防災組織の数", (27, 2019), (30, 2025)), ("刑法犯の認知件数", (1070, 2019), (900, 2025))]


def test_kpi_progress_tables_with_grades_and_rates() -> None:
    got = rows("""基本目標1 しごとをつくる
KPI 基準値 目標値 H27実績 H28実績 H29実績 評価
(H26) (H31)
新規創業件数 12件 60件 15件 22件 30件 B
観光入込客数 120万人 150万人 125万人 131万人 140万人 A
""")
    assert [(g[0], g[1], g[3], g[4][:2], g[5]) for g in got] == [
        ("新規創業件数", "件", (12, 2014), (60, 2019), [(2015, 15), (2016, 22), (2017, 30)]),
        ("観光入込客数", "万人", (120, 2014), (150, 2019), [(2015, 125), (2016, 131), (2017, 140)])]
    got = rows("""基本目標1 しごとをつくる
重要業績評価指標(KPI) 基準値 目標値(H31) 実績値(H29) 進捗率
新規創業件数 12件(H26) 60件 30件 37.5%
観光入込客数 120万人(H26) 150万人 140万人 66.7%
""")
    assert [(g[0], g[3], g[4][:2], g[5]) for g in got] == [
        ("新規創業件数", (12, 2014), (60, 2019), [(2017, 30)]), ("観光入込客数", (120, 2014), (150, 2019), [(2017, 140)])]


def test_rows_labelled_target_and_actual_under_a_label_column() -> None:
    got = rows("""施策1 健康
指標 区分 R2 R3 R4
特定健診受診率(%) 目標 45.0 50.0 55.0
実績 40.1 41.2 -
がん検診受診率(%) 目標 20.0 22.0 25.0
実績 18.5 19.0 -
""")
    assert [(g[0], g[1], g[3], g[4][:2], g[5]) for g in got] == [
        ("特定健診受診率", "%", None, (55, 2022), [(2020, 40.1), (2021, 41.2)]),
        ("がん検診受診率", "%", None, (25, 2022), [(2020, 18.5), (2021, 19)])]
