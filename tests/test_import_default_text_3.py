"""Plain ``pdftotext`` text (default mode) of office-made tables: the sixth blind round
(``office_round_6.py``, built at test time with LibreOffice and pdftotext) and each rule it taught
in a composed variant (other names, figures, years and units than the round's):

- bare figures counting up among a table's cells are no page numbers where the text marks its
  page breaks and they stand far from one (``normalize``);
- a year broken in a narrow head cell (``令和 2 年`` / ``度``), a merged 実績値 head printed in the
  middle of its years, heads stacked over cells printed on one line (``columnmajor``);
- value heads one per line, a line of their years, the figures after them row by row or column by
  column (``headsabove``); a 年度 head over a column of years, heads printed side by side on one line
  (``2021年度実績 2022年度実績 目標年度``), and a column read down after them (``columnmajor``);
- a sheet too wide for its page, printed down and then over (``pagedacross``);
- a long table printed column by column in groups of rows (``rowgroups``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus.scoring import scorer  # noqa: E402
from held_out import read_rows as read  # noqa: E402
from held_out import text_file  # noqa: E402
from keikaku.importer.headsabove import spread, years_line  # noqa: E402
from keikaku.importer.pagedacross import paged_across_rows  # noqa: E402
from keikaku.importer.pipeline import extract_file  # noqa: E402
from keikaku.importer.rowgroups import row_group_rows  # noqa: E402


# --- the round, built at test time ---------------------------------------------------------------

# plain text: (indicators found, fully right); e3 (two tables
# drawn across each other), w2 (small tables' cells interleaved) and w4 (names wrapped round their units)
# are still read short
ROUND_PINS = {
    "p6_e1.xlsx": (4, 4), "p6_e2.xlsx": (4, 4), "p6_e3.xlsx": (2, 0), "p6_e4.xlsx": (20, 20), "p6_e5.xlsx": (4, 4),
    "p6_w1.docx": (3, 3), "p6_w2.docx": (0, 0), "p6_w3.docx": (24, 24), "p6_w4.docx": (1, 0), "p6_w5.docx": (5, 5),
}


@pytest.fixture(scope="module")
def round_6(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    import office_round_6

    return office_round_6.build(tmp_path_factory.mktemp("round6"))


def test_the_round_reads_from_plain_text_at_least_as_pinned(round_6: dict[str, Path]) -> None:
    import office_round_6

    fully = 0
    for name, (_, rows) in office_round_6.DOCUMENTS.items():
        gold = office_round_6.gold(rows)
        got = json.loads(extract_file(round_6[name]).plan.to_json())["indicators"]
        found = scorer().score(gold, got)[0]
        right = 0
        for one in gold:
            f, t, r, n, _ = scorer().score([one], got)
            right += (f, r) == (t, n)
        assert (found, right) >= ROUND_PINS[name], name
        fully += right
    assert fully >= 64


def test_a_long_word_table_in_groups_of_rows_reads_in_full(round_6: dict[str, Path]) -> None:
    import office_round_6

    got = read(round_6["p6_w3.docx"])
    assert len(got) == 24
    name, unit, (b, by), actuals, (t, ty) = office_round_6.W3_ROWS[6]
    assert got[6] == (name, unit, (b, by), (t, ty), actuals)


# --- page numbers where the text marks its page breaks ----------------------------------------------

COUNTING_CELLS = """指標名
自転車駐輪場の利用台数
市民農園の区画数
河川清掃の参加者数

単位
台
区画
人

基準値
令和2年度
1,820
1,214
41

令和3年度
1,904
1,220
50

実績値
令和4年度
2,011
1,231
42

目標値
令和8年度
2,500
1,260
80
\f"""


def test_figures_counting_up_far_from_a_page_break_stay_cells(tmp_path: Path) -> None:
    got = read(text_file(tmp_path, COUNTING_CELLS))
    assert got == [
        ("自転車駐輪場の利用台数", "台", (1820, 2020), (2500, 2026), [(2021, 1904), (2022, 2011)]),
        ("市民農園の区画数", "区画", (1214, 2020), (1260, 2026), [(2021, 1220), (2022, 1231)]),
        ("河川清掃の参加者数", "人", (41, 2020), (80, 2026), [(2021, 50), (2022, 42)]),
    ]


def test_a_page_number_beside_a_page_break_still_goes(tmp_path: Path) -> None:
    body = [f"地区ごとの見守り活動を{k}か所で進める。" for k in range(3, 12)]
    pages = ["第2章 安心のまち", *body, "14", "\f第2章 安心のまち", *body, "15", "\f"]
    lines = extract_file(text_file(tmp_path, "\n".join(pages))).lines
    assert [line.text for line in lines if line.text in ("14", "15")] == []


# --- column by column: a broken year, a merged head among its years, stacked heads ----------------

BROKEN_YEARS = """指標名
図書館の開館日数
読み聞かせ会の開催回数

単位
日
回

基準値
（令和 1 年
度）
288
96

実績値
令和 2 年
度
240
51

令和 3 年
度
281
88

目標値
（令和 8 年
度）
300
120

達成率
93.7%
73.3%
\f"""


def test_a_year_broken_in_a_narrow_head_cell_heads_its_column(tmp_path: Path) -> None:
    assert read(text_file(tmp_path, BROKEN_YEARS)) == [
        ("図書館の開館日数", "日", (288, 2019), (300, 2026), [(2020, 240), (2021, 281)]),
        ("読み聞かせ会の開催回数", "回", (96, 2019), (120, 2026), [(2020, 51), (2021, 88)]),
    ]


STACKED_HEADS = """指標名
空き店舗の活用件数
商店街イベントの来場者数

単位
件
人

現状値
平成29年度
12
8,400

平成30年度
14
8,950

実績値
令和元年度
17
9,120

令和2年度
15
4,300

目標値
達成率
令和6年度
30 50.0%
12,000 35.8%
\f"""


def test_heads_stacked_over_cells_on_one_line_and_a_merged_head_among_its_years(tmp_path: Path) -> None:
    assert read(text_file(tmp_path, STACKED_HEADS)) == [
        ("空き店舗の活用件数", "件", (12, 2017), (30, 2024), [(2018, 14), (2019, 17), (2020, 15)]),
        ("商店街イベントの来場者数", "人", (8400, 2017), (12000, 2024), [(2018, 8950), (2019, 9120), (2020, 4300)]),
    ]


# --- value heads above their figures ------------------------------------------------------------

HEADS_ABOVE = """施策4-1 水道事業の健全経営
指標名
有収率
管路の更新延長
水道料金の収納率

現状値
実績値
実績値
目標値
（平成30年度） （令和元年度） （令和2年度） （令和5年度）
{figures}
\f"""


def test_value_heads_above_their_figures_printed_row_by_row(tmp_path: Path) -> None:
    figures = "\n".join(["91.2%", "91.8%", "92.4%", "95.0%", "6.4km", "7.1km", "7.9km", "12.0km", "98.7%", "98.9%", "99.0%", "99.5%"])
    assert read(text_file(tmp_path, HEADS_ABOVE.format(figures=figures))) == [
        ("有収率", "%", (91.2, 2018), (95.0, 2023), [(2019, 91.8), (2020, 92.4)]),
        ("管路の更新延長", "km", (6.4, 2018), (12.0, 2023), [(2019, 7.1), (2020, 7.9)]),
        ("水道料金の収納率", "%", (98.7, 2018), (99.5, 2023), [(2019, 98.9), (2020, 99.0)]),
    ]


def test_value_heads_above_their_figures_printed_column_by_column(tmp_path: Path) -> None:
    figures = "\n".join(["91.2%", "6.4km", "98.7%", "91.8%", "7.1km", "98.9%", "92.4%", "7.9km", "99.0%", "95.0%", "12.0km", "99.5%"])
    assert read(text_file(tmp_path, HEADS_ABOVE.format(figures=figures)))[1] == \
        ("管路の更新延長", "km", (6.4, 2018), (12.0, 2023), [(2019, 7.1), (2020, 7.9)])


def test_the_order_of_a_run_of_figures_is_told_by_their_likeness() -> None:
    across = ["12", "14", "30", "8,400", "8,950", "12,000"]
    assert spread(across, 2, 3) == [[0, 3], [1, 4], [2, 5]]
    down = ["12", "8,400", "14", "8,950", "30", "12,000"]
    assert spread(down, 2, 3) == [[0, 1], [2, 3], [4, 5]]
    assert spread(across[:5], 2, 3) is None  # fewer figures than the rows times the heads
    assert spread(across, 2, 1) is None  # one head: nothing to tell
    assert years_line("（令和2年度） （令和3年度）", 2) == [2020, 2021]
    assert years_line("（令和2年度） （令和3年度）", 3) is None
    assert years_line("（令和2年度） 45.0", 2) is None


YEAR_COLUMN_AND_HEADS_BESIDE = """施策6-4 文化財の保存と活用
指標名（単位）
歴史資料館の入館者数（人）
文化財ボランティアの登録者数（人）
郷土芸能の保存団体数（団体）

現状年度
平成30年度
平成30年度
平成30年度

現状値
令和元年度実績 令和2年度実績 目標年度
7,420
7,918
3,105 令和7年度
56
61
58 令和7年度
9
9
8 令和7年度

目標値
9,000
80
10
\f"""


def test_a_column_of_years_and_heads_printed_side_by_side(tmp_path: Path) -> None:
    assert read(text_file(tmp_path, YEAR_COLUMN_AND_HEADS_BESIDE)) == [
        ("歴史資料館の入館者数", "人", (7420, 2018), (9000, 2025), [(2019, 7918), (2020, 3105)]),
        ("文化財ボランティアの登録者数", "人", (56, 2018), (80, 2025), [(2019, 61), (2020, 58)]),
        ("郷土芸能の保存団体数", "団体", (9, 2018), (10, 2025), [(2019, 9), (2020, 8)]),
    ]


# --- a sheet printed down and then over ---------------------------------------------------------

PAGED = """分野2 産業振興
成果指標の状況
指標

単位

基準値

基準年度

市内事業所の従業者数

人

48,210 平成30年度

観光消費額

億円

312.5 平成30年度

企業誘致件数

件

3 平成30年度
\f令和元年度

令和2年度

目標値

目標年度

48,900

47,750

50,000 令和6年度

318.0

201.4

350.0 令和6年度

4

2

10 令和6年度
\f"""


def test_a_sheet_printed_down_and_then_over_is_laid_back_side_by_side(tmp_path: Path) -> None:
    assert read(text_file(tmp_path, PAGED)) == [
        ("市内事業所の従業者数", "人", (48210, 2018), (50000, 2024), [(2019, 48900), (2020, 47750)]),
        ("観光消費額", "億円", (312.5, 2018), (350.0, 2024), [(2019, 318.0), (2020, 201.4)]),
        ("企業誘致件数", "件", (3, 2018), (10, 2024), [(2019, 4), (2020, 2)]),
    ]


def test_a_part_without_names_counting_other_rows_is_not_laid_beside(tmp_path: Path) -> None:
    short = PAGED.replace("4\n\n2\n\n10 令和6年度\n", "")  # two rows of figures for three names
    lines = extract_file(text_file(tmp_path, short)).lines
    assert paged_across_rows(lines) == []
    assert len(paged_across_rows(extract_file(text_file(tmp_path, PAGED, "full.txt")).lines)) == 3


# --- a long table in groups of rows -------------------------------------------------------------

def _grouped(groups: list[tuple[list[str], list[list[str]]]]) -> str:
    names = ["スポーツ教室の参加者数", "総合体育館の利用者数", "地域スポーツクラブの会員数", "ウォーキング大会の参加",
             "者数", "運動する市民の割合"]
    out = ["No.", "", "指標名", "", "単位", "", "1", "2", "3", "", *names, "", "4", "5", "", "令和 2 年", "度", "", "令和 3 年", "度", ""]
    first = True
    for units, columns in groups:
        out += [*units, ""]
        for k, column in enumerate(columns):
            if first and k == 0:
                out += ["現状値", "令和元年", "度"]
            if first and k == len(columns) - 1:
                out += ["目標値", "令和 7 年", "度"]
            out += [*column, ""]
        first = False
    return "\n".join(out) + "\n\f"


GROUPS = [
    (["人", "人", "人"], [["1,240", "86,300", "412"], ["980", "61,050", "405"], ["1,105", "79,880", "398"], ["1,500", "95,000", "500"]]),
    (["人", "%"], [["730", "51.2"], ["0", "52.0"], ["410", "53.4"], ["1,000", "60.0"]]),
]


def test_a_long_table_in_groups_of_rows_is_put_back_together(tmp_path: Path) -> None:
    got = read(text_file(tmp_path, _grouped(GROUPS)))
    assert got == [
        ("スポーツ教室の参加者数", "人", (1240, 2019), (1500, 2025), [(2020, 980), (2021, 1105)]),
        ("総合体育館の利用者数", "人", (86300, 2019), (95000, 2025), [(2020, 61050), (2021, 79880)]),
        ("地域スポーツクラブの会員数", "人", (412, 2019), (500, 2025), [(2020, 405), (2021, 398)]),
        ("ウォーキング大会の参加者数", "人", (730, 2019), (1000, 2025), [(2020, 0), (2021, 410)]),
        ("運動する市民の割合", "%", (51.2, 2019), (60.0, 2025), [(2020, 52.0), (2021, 53.4)]),
    ]


def test_groups_that_do_not_add_up_to_the_rows_are_not_read_as_groups(tmp_path: Path) -> None:
    broken = [GROUPS[0], (["人"], [["730"], ["0"], ["410"], ["1,000"]])]  # four rows' worth of figures, five names
    path = text_file(tmp_path, _grouped(broken))
    assert row_group_rows(extract_file(path).lines) == []
    assert read(path) == []
