"""Plan documents in layouts written before the engine was taught them, and the rules they led to.

``tests/data/blind_plans`` holds twelve documents composed (invented cities, names, figures and
years; placeholder prose) in the layouts cities publish — measure pages of a basic plan,
revitalisation-strategy KPI lists, an action plan's project table, an evaluation sheet, progress
tables of sectoral plans — as ``pdftotext`` leaves them, with ``expected.json`` in the shared
scorer's format. They were scored before any rule below existed; the test at the end pins what
they read now. Each rule has a composed variant here with other names, figures, years and units:

- a table drawn with box characters is read as a pipe table (``boxrules.py``);
- a header over two rows, pipes or spaces, is one header cell by cell (``headerrows.py``);
- a spaced header's years or role words on the line under it join the cell they stand under, and
  role words over more year cells span them (``stackedheader.py``);
- a name's end wrapped under its own row goes back into the name (``nametail.py``);
- a numbered line ending in three bare figures is a row, not a heading (``segment.py``);
- emission and energy units (t-CO2, kL, GJ), and a 対象 column beside the figures (``lexicon/headers.toml``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from keikaku.importer.boxrules import unbox
from keikaku.importer.normalize import make_line
from keikaku.importer.headerrows import merge_header_rows
from tests.held_out import score_pinned
from keikaku.importer.stackedheader import _joined
from tests.sheet_reading import read as read_plan

BLIND = Path(__file__).resolve().parent / "data" / "blind_plans"

Figure = tuple[float | None, int | None] | None


def read(tmp_path: Path, text: str) -> list[tuple]:
    return read_plan(tmp_path, text, direction=True, blank_as_none=True)


BOXED = """\
うみべ町 総合戦略 数値目標の状況（令和５年３月末時点）
┌──────────────┬────────┬────────┬────────┬──────┐
│ 数値目標                 │ 基準値         │ 令和３年度     │ 目標値         │ 方向 │
│                          │                │ 実績           │                │      │
├──────────────┼────────┼────────┼────────┼──────┤
│ 町内の新規就農者数       │ 3人（H30）     │ 5人            │ 10人（R5）     │ 増加 │
│ 漁港の水揚げ量           │ 1,250t（H30）  │ 1,180t         │ 1,300t（R5）   │ 維持 │
│ 空き店舗の数             │ 42店（H30）    │ 37店           │ 30店（R5）     │ 減少 │
└──────────────┴────────┴────────┴────────┴──────┘
"""


def test_a_table_drawn_with_box_characters_reads_as_pipes(tmp_path: Path) -> None:
    assert read(tmp_path, BOXED) == [
        ("町内の新規就農者数", "人", "increase", (3, 2018), (10, 2023), [(2021, 5)]),
        ("漁港の水揚げ量", "t", "maintain", (1250, 2018), (1300, 2023), [(2021, 1180)]),
        ("空き店舗の数", "店", "decrease", (42, 2018), (30, 2023), [(2021, 37)]),
    ]


@pytest.mark.parametrize(("text", "expected"), [
    ("┌──┬──┐", ""),
    ("  ├───┼───┤  ", ""),
    ("│ 指標 │ 基準値 │", "| 指標 | 基準値 |"),
    ("│ 一本だけの罫線は本文のまま", "│ 一本だけの罫線は本文のまま"),
    ("罫線のない行", "罫線のない行"),
])
def test_box_rules_only_where_they_draw_a_table(text: str, expected: str) -> None:
    assert unbox(text) == expected


PIPES_YEARS_BELOW = """\
施策５ 商工業の振興
指標名 | 単位 | 現状値 | 2022年度 | 2023年度 | 目標値
| | (2021年度) | 実績 | 実績 | (2027年度)
商店街の空き店舗活用件数 | 件 | 6 | 8 | 11 | 20
創業相談の件数 | 件 | 140 | 152 | 171 | 200
"""


def test_a_pipe_header_over_two_rows_dates_its_columns(tmp_path: Path) -> None:
    assert read(tmp_path, PIPES_YEARS_BELOW) == [
        ("商店街の空き店舗活用件数", "件", "increase", (6, 2021), (20, 2027), [(2022, 8), (2023, 11)]),
        ("創業相談の件数", "件", "increase", (140, 2021), (200, 2027), [(2022, 152), (2023, 171)]),
    ]


def test_single_spaced_header_rows_pair_up_only_when_their_cells_do() -> None:
    top, below = make_line("基準値 令和5年度 目標値", 0), make_line("指標 令和3年度 実績 令和9年度", 1)
    assert [x.text for x in merge_header_rows([top, below])] == ["指標 基準値令和3年度 令和5年度実績 目標値令和9年度"]
    short = make_line("指標 令和3年度 令和9年度", 1)  # a word over two columns: counts differ
    assert [x.text for x in merge_header_rows([top, short])] == [top.text, short.text]
    named = make_line("指標名 基準値 目標値", 0)  # the first line names the rows: not a top row
    row = make_line("指標 令和3年度 実績 令和9年度", 1)
    assert [x.text for x in merge_header_rows([named, row])] == [named.text, row.text]


STACKED = """\
基本施策３ 文化・スポーツ

  成果指標                         単位   当初値          令和４年度   令和５年度   目標値          判定
                                          （平成31年度）  実績         実績         （令和10年度）
  市民体育館の年間利用者数         人     88,400          71,300       80,950       95,000          Ｂ
  美術館の企画展の来場者数         人     12,600          9,800        13,050       15,000          Ａ
"""


def test_years_and_role_words_under_a_spaced_header_join_the_cell_above(tmp_path: Path) -> None:
    assert read(tmp_path, STACKED) == [
        ("市民体育館の年間利用者数", "人", "increase", (88400, 2019), (95000, 2028), [(2022, 71300), (2023, 80950)]),
        ("美術館の企画展の来場者数", "人", "increase", (12600, 2019), (15000, 2028), [(2022, 9800), (2023, 13050)]),
    ]


SPANNED = """\
第３期障害者計画 進捗状況

                               策定時           実績                                  目標
 指標                         （令和元年度）   令和３年度   令和４年度   令和５年度   （令和８年度）   達成状況
 グループホームの定員数          64人            70人         76人         81人         100人            Ｂ
 就労移行支援の利用者数          38人            41人         47人         52人          60人            Ｂ
"""


def test_role_words_over_more_year_cells_span_the_actual_years(tmp_path: Path) -> None:
    assert read(tmp_path, SPANNED) == [
        ("グループホームの定員数", "人", "increase", (64, 2019), (100, 2026), [(2021, 70), (2022, 76), (2023, 81)]),
        ("就労移行支援の利用者数", "人", "increase", (38, 2019), (60, 2026), [(2021, 41), (2022, 47), (2023, 52)]),
    ]


def test_stacked_lines_that_do_not_line_up_are_left_alone() -> None:
    top = "  指標        基準値          目標値"
    assert _joined(top, "              令和2年度 令和3年度") is None  # two cells under one
    assert _joined(top, "              12.5            14.0") is None  # figures: a row, not a header
    assert _joined("  指標  本文の説明  その他の列", "        令和2年度") is None  # no value word above


TAILS = """\
  指標                                   現状値        目標値         方向
                                         (R4年度)      (R10年度)
  地域の行事に年1回以上参加している人     41.2%         50.0%          ↗
  の割合
  ふるさと大使の委嘱者数                  18人          30人           ↗
  介護予防教室に通う高齢者               520人         700人          ↗
  ふれあい農園の区画数                    120区画       150区画        →
"""


def test_a_name_end_wrapped_under_its_row_goes_back_into_the_name(tmp_path: Path) -> None:
    assert read(tmp_path, TAILS) == [
        ("地域の行事に年1回以上参加している人の割合", "%", "increase", (41.2, 2022), (50, 2028), []),
        ("ふるさと大使の委嘱者数", "人", "increase", (18, 2022), (30, 2028), []),
        ("介護予防教室に通う高齢者", "人", "increase", (520, 2022), (700, 2028), []),
        ("ふれあい農園の区画数", "区画", "maintain", (120, 2022), (150, 2028), []),
    ]


NUMBERED_ROWS = """\
第２次障害福祉計画 進捗管理表
  番号  指標名                         基準値       令和４年度   令和５年度   目標値       評価
                                       (令和３年度)  実績         実績         (令和８年度)
  2-1   手話奉仕員の登録者数             45           47           52           60           Ｂ
  2-2   移動支援の利用者数              130          126          139          150           Ｂ
"""


def test_numbered_rows_of_bare_figures_are_rows_not_headings(tmp_path: Path) -> None:
    assert read(tmp_path, NUMBERED_ROWS) == [
        ("手話奉仕員の登録者数", None, "increase", (45, 2021), (60, 2026), [(2022, 47), (2023, 52)]),
        ("移動支援の利用者数", None, "increase", (130, 2021), (150, 2026), [(2022, 126), (2023, 139)]),
    ]


ENERGY = """\
第２次地球温暖化対策実行計画
 指標                                 基準値              目標値              方向
 給食センターの灯油使用量（kL）       84 (2018年度)       60 (2030年度)       減少
 市域のCO2排出量（万t-CO2）           64.2 (2013年度)     35.3 (2030年度)     減少
 木質バイオマスの利用量（GJ）         3,100 (2018年度)    5,000 (2030年度)    増加
"""


def test_energy_and_emission_units_in_brackets_after_the_name(tmp_path: Path) -> None:
    assert read(tmp_path, ENERGY) == [
        ("給食センターの灯油使用量", "kL", "decrease", (84, 2018), (60, 2030), []),
        ("市域のCO2排出量", "万t-CO2", "decrease", (64.2, 2013), (35.3, 2030), []),
        ("木質バイオマスの利用量", "GJ", "increase", (3100, 2018), (5000, 2030), []),
    ]


GROUPS = """\
２ 歯と口腔の健康

   指標                              対象         策定時        中間評価時     目標値        目指す    評価
                                                  (R1年度)      (R5年度)       (R11年度)     方向
  かかりつけ歯科医を持つ人の割合      成人         58.0%         61.5%          70.0%          ↗       Ｂ
  むし歯のない子どもの割合            3歳児        88.2%         90.4%          95.0%          ↗       Ｂ
  歯周病検診の受診者数                －           410人         465人          600人          ↗       Ｂ
"""


def test_a_group_column_beside_the_figures_is_no_figure(tmp_path: Path) -> None:
    assert read(tmp_path, GROUPS) == [
        ("かかりつけ歯科医を持つ人の割合", "%", "increase", (58, 2019), (70, 2029), [(2023, 61.5)]),
        ("むし歯のない子どもの割合", "%", "increase", (88.2, 2019), (95, 2029), [(2023, 90.4)]),
        ("歯周病検診の受診者数", "人", "increase", (410, 2019), (600, 2029), [(2023, 465)]),
    ]


# What the twelve held-out documents read (found, indicators, figures right, figures) after the
# rules above; before them: 41/67 found, 27 fully right, 4 of 12 documents fully right.
PINNED = {
    "01_kihon_measure.txt": (5, 5, 20, 20),
    "02_senryaku_kpi.txt": (7, 7, 28, 28),
    "03_jisshi_projects.txt": (5, 5, 20, 20),
    "04_hyoka_sheet.txt": (5, 5, 40, 40),
    "05_kodomo_plan.txt": (6, 6, 42, 42),
    "06_kankyo_plan.txt": (6, 6, 36, 36),
    "07_kenko_plan.txt": (6, 6, 36, 36),
    "08_kyoiku_plan.txt": (5, 5, 30, 30),
    "09_fukushi_progress.txt": (5, 5, 35, 35),
    "10_shinchoku_seireki.txt": (6, 6, 42, 42),
    "11_kihon_raw.txt": (5, 5, 20, 20),
    "12_senryaku_jiten.txt": (6, 6, 42, 42),
}


def test_the_held_out_documents_read_at_least_their_pins() -> None:
    indicators, fully_right, documents = score_pinned(BLIND, PINNED)
    assert indicators == 67
    assert (fully_right, documents) == (67, 12)
