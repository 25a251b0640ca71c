"""Plain ``pdftotext`` text (default mode) of office-made tables, the eighth office round's lessons in
composed variants (other names, figures, years and units than the round's; the round itself is
pinned in ``test_import_blind_office_8.py``):

- a name wrapped in its narrow cell, its short tail on the next line, rejoined by the count of the
  column after the names (``wrappednames``);
- a year alone over two heads (令和3年度 / 目標 / 実績) spanning them, their figures in one run row by
  row; an undated head before such a group whose bracketed year is printed after it (最終目標 …
  （令和8年度）) standing after the group (``columnmajor``);
- a caption naming the indicators (成果指標の推移) over the name column's own head;
- heads side by side on the line right after a column's cells (令和4年度実績 目標値（令和7年度）).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from held_out import read_rows as read  # noqa: E402
from held_out import text_file  # noqa: E402
from keikaku.importer.normalize import make_line  # noqa: E402
from keikaku.importer.wrappednames import next_column_count, rejoined  # noqa: E402

# --- names wrapped in their cells ---------------------------------------------------------------


def _lines(*texts: str) -> list:
    return [make_line(t, i) for i, t in enumerate(texts)]


def test_a_short_tail_under_a_long_name_joins_it_when_the_next_column_counts_fewer_rows() -> None:
    names = [(t, line) for t, line in zip(["図書館の蔵書数", "電子書籍の年間貸出点数の", "合計", "読書会の参加者数"],
                                          _lines("a", "b", "c", "d"))]
    assert [t for t, _ in rejoined(names, 3)] == ["図書館の蔵書数", "電子書籍の年間貸出点数の合計", "読書会の参加者数"]


def test_names_stay_when_the_count_agrees_is_unknown_or_no_line_is_a_tail() -> None:
    names = [(t, line) for t, line in zip(["公園の数", "緑地の面積", "植樹本数"], _lines("a", "b", "c"))]
    assert rejoined(names, 3) == names
    assert rejoined(names, None) == names
    assert rejoined(names, 2) == names  # no line is half as long as the one above


def test_the_next_column_counts_its_values_up_to_the_next_head() -> None:
    lines = _lines("単位", "冊", "点", "人", "基準値")
    head = lambda line: line.text in ("単位", "基準値")  # noqa: E731
    assert next_column_count(lines, 0, head, lambda line: True) == 3
    assert next_column_count(lines, 1, head, lambda line: True) is None  # no head at the start
    assert next_column_count(lines, 0, head, lambda line: line.text != "人") is None  # a cell that is no value


PAIRED = """施策2-5 生涯学習の推進

成果指標
公民館講座の延べ受講者数
市立図書館の電子書籍の年間貸出
点数
生涯学習ボランティアの登録者数

単位
人
点
人

基準値
（平成31年度）
8,240
1,530
96

令和2年度
目標
実績
8,500
3,900
2,000
2,410
100
88

令和3年度
目標
実績
8,800
6,120
2,500
3,075
105
97

最終目標
令和4年度
目標
実績
（令和7年度）
9,100
8,306
10,000
3,000
3,644
5,000
110
112
130
"""


def test_a_year_over_two_heads_and_a_final_target_printed_round_its_group(tmp_path: Path) -> None:
    assert read(text_file(tmp_path, PAIRED)) == [
        ("公民館講座の延べ受講者数", "人", (8240, 2019), (10000, 2025), [(2020, 3900), (2021, 6120), (2022, 8306)]),
        ("市立図書館の電子書籍の年間貸出点数", "点", (1530, 2019), (5000, 2025), [(2020, 2410), (2021, 3075), (2022, 3644)]),
        ("生涯学習ボランティアの登録者数", "人", (96, 2019), (130, 2025), [(2020, 88), (2021, 97), (2022, 112)]),
    ]


CAPTIONED = """施策3-2 健康づくりの推進

成果指標の推移

指標名
特定健康診査の受診率
がん検診の受診者数

単位
%
人

基準値
平成29年度
38.2
6,410

令和元年度
実績
40.5
6,720

令和2年度
実績
33.1
5,180

目標値
令和8年度
60.0
9,000
"""


def test_a_caption_over_the_name_head_is_no_row(tmp_path: Path) -> None:
    assert read(text_file(tmp_path, CAPTIONED)) == [
        ("特定健康診査の受診率", "%", (38.2, 2017), (60.0, 2026), [(2019, 40.5), (2020, 33.1)]),
        ("がん検診の受診者数", "人", (6410, 2017), (9000, 2026), [(2019, 6720), (2020, 5180)]),
    ]


BESIDE_AFTER_CELLS = """施策5-1 水産業の振興
指標名
漁業就業者数
水産物の水揚げ金額
藻場の再生面積

単位
人
千万円
ha

基準値（平成30年度）
214
86.4
12.5

令和2年度実績
205
79.0
13.8

令和3年度実績 目標値（令和8年度）
198
220
81.2
95.0
15.1
20.0
"""


def test_heads_side_by_side_after_a_column_of_cells_head_the_run_after_them(tmp_path: Path) -> None:
    assert read(text_file(tmp_path, BESIDE_AFTER_CELLS)) == [
        ("漁業就業者数", "人", (214, 2018), (220, 2026), [(2020, 205), (2021, 198)]),
        ("水産物の水揚げ金額", "千万円", (86.4, 2018), (95.0, 2026), [(2020, 79.0), (2021, 81.2)]),
        ("藻場の再生面積", "ha", (12.5, 2018), (20.0, 2026), [(2020, 13.8), (2021, 15.1)]),
    ]


LATE_YEAR = """施策2-2 定住の促進
成果指標
転入超過数※1
空き家バンクの成約件数
市民の定住意向の割合※2

単位
人
件
%

基準値
令和4年度
（令和3年度）
△86
△41
12
17
71.5
72.8

令和5年度
△12
集計中
74.0

※1 転入者数から転出者数を引いた数
※2 市民意識調査による
注）△は減少を示す。

目標値
（令和9年度）
50
30
80.0
"""


def test_a_bracketed_year_printed_after_a_year_head_dates_the_role_before_it_and_notes_between_columns_pass(tmp_path: Path) -> None:
    assert read(text_file(tmp_path, LATE_YEAR)) == [
        ("転入超過数", "人", (-86, 2021), (50, 2027), [(2022, -41), (2023, -12)]),
        ("空き家バンクの成約件数", "件", (12, 2021), (30, 2027), [(2022, 17), (2023, None)]),  # 集計中: a year not yet counted
        ("市民の定住意向の割合", "%", (71.5, 2021), (80.0, 2027), [(2022, 72.8), (2023, 74.0)]),
    ]


def test_notes_that_end_the_text_leave_the_table_as_read(tmp_path: Path) -> None:
    text = LATE_YEAR.split("\n目標値")[0]
    assert [r[4] for r in read(text_file(tmp_path, text))] == [[(2022, -41), (2023, -12)], [(2022, 17), (2023, None)], [(2022, 72.8), (2023, 74.0)]]


# --- a numbered KPI table in groups of rows -------------------------------------------------------

NUMBERED_GROUPS = """第3期総合戦略
No.
重要業績評価指標（KPI）
単位
基本目標1 地域の稼ぐ力を高める
1 企業誘致による新規雇用者数
人
2 ふるさと納税の寄附件数
件
3 農産物の輸出に取り組む事業者
数
者
基本目標2 住み続けたいまちをつくる
4 転入者に占める子育て世帯の割合
%
5 空き家の利活用件数
件

基準値
基準年度
令和6年度
実績
目標値
（令和11年度）

35 令和4年度
4,210 令和5年度
6 令和4年度

52
5,380
8

120
9,000
15

21.4 令和5年度
14 令和3年度

23.0
19

30.0
40
"""


def test_numbered_rows_with_their_units_and_group_titles_read_over_groups_of_figures(tmp_path: Path) -> None:
    assert read(text_file(tmp_path, NUMBERED_GROUPS)) == [
        ("企業誘致による新規雇用者数", "人", (35, 2022), (120, 2029), [(2024, 52)]),
        ("ふるさと納税の寄附件数", "件", (4210, 2023), (9000, 2029), [(2024, 5380)]),
        ("農産物の輸出に取り組む事業者数", "者", (6, 2022), (15, 2029), [(2024, 8)]),
        ("転入者に占める子育て世帯の割合", "%", (21.4, 2023), (30.0, 2029), [(2024, 23.0)]),
        ("空き家の利活用件数", "件", (14, 2021), (40, 2029), [(2024, 19)]),
    ]


def test_groups_that_do_not_add_up_to_the_rows_read_nothing(tmp_path: Path) -> None:
    from keikaku.importer.numberedgroups import numbered_group_rows

    text = NUMBERED_GROUPS.replace("\n14 令和3年度\n", "\n").replace("\n23.0\n19\n", "\n23.0\n").replace("\n30.0\n40\n", "\n30.0\n")
    lines = [make_line(t, i) for i, t in enumerate(text.splitlines()) if t.strip()]
    assert numbered_group_rows(lines) == []
    whole = [make_line(t, i) for i, t in enumerate(NUMBERED_GROUPS.splitlines()) if t.strip()]
    assert [r.name for r in numbered_group_rows(whole, known=["ふるさと納税の寄附件数"])] == [
        "企業誘致による新規雇用者数", "農産物の輸出に取り組む事業者数", "転入者に占める子育て世帯の割合", "空き家の利活用件数"]
