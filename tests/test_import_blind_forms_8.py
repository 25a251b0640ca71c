"""An eighth round: evaluation sheets as text, and the rules they led to.

``tests/data/blind_forms_8`` holds twelve evaluation sheets (施策評価シート, 事務事業評価シート,
行政評価表) composed with invented names, figures and years, rendered as the seeds' extractor,
``pdftotext -layout`` and plain ``pdftotext`` leave them (see its README). Scored before any rule
below: 33 of 40 indicators found, 12 fully right, 122 of 213 figures, 7 wrong extra indicators.
Each rule has a composed variant here with other names, figures, years and units:

- an actual label over a run of years each with its figure (``実績 令和4年度 85.5 令和5年度 88.0``)
  gives one actual a year (``labelled.py``);
- a money word run together with a section's title in its marks, a year label after it
  (``【コスト】人件費 令和4年度``), names no row (``norows.py``);
- a reading whose rows all name nothing does not outrank one that reads an indicator (``indicators.py``);
- a column head printing its year before its value word (``令和4年度実績``) is that role of that year,
  in a table printed column by column (``columnmajor.py``);
- a bare number printed again a few lines on is a column's cell, not a page number (``normalize.py``);
- a two-row header printed one cell per line, its second row only the cells it fills, is written
  as one row of heads (``headerfills.py``);
- a record of fields one per line with a small table of years and actuals (``verticalrecords.py``);
- rows labelled 目標 / 実績 with the unit and the baseline between the name and the label, the value
  words' years on a line under the header (``celllist.py``);
- indicators across and the years down, a row a line, maybe 目標 / 実績 under each (``yearsdown.py``).
"""

from __future__ import annotations

import json
from pathlib import Path

from keikaku.importer.norows import names_no_row
from tests.held_out import score_pinned
from tests.sheet_reading import lines_of
from tests.sheet_reading import read as read_plan

BLIND = Path(__file__).resolve().parent / "data" / "blind_forms_8"


def read(tmp_path: Path, text: str) -> list[tuple]:
    return read_plan(tmp_path, text, blank_as_none=True)


YEAR_RUNS = """\
事務事業評価シート
事業名 消費生活相談事業 担当課 市民相談課
【指標】
指標① 指標名：消費生活講座の受講者数 単位：人
基準値 令和3年度 410 目標値 令和9年度 600
実績 令和4年度 455 令和5年度 498 令和6年度 521
指標② 指標名：相談の解決率 単位：%
基準値 令和3年度 88.5 目標値 令和9年度 92.0
実績 令和4年度 89.0 令和5年度 90.2 令和6年度 90.8
指標③ 指標名：出前講座の開催回数 単位：回
基準値 令和3年度 14 目標値 令和9年度 24
実績 令和4年度 16 令和5年度 19 令和6年度 21
【コスト】
事業費 令和5年度 3,120千円 令和6年度 3,480千円
人件費 令和5年度 8,700千円 令和6年度 8,850千円
【評価】
講座の周知を続ける。
"""


def test_an_actual_label_over_years_with_their_figures_gives_an_actual_a_year(tmp_path: Path) -> None:
    assert read(tmp_path, YEAR_RUNS) == [
        ("消費生活講座の受講者数", "人", (410, 2021), (600, 2027), [(2022, 455), (2023, 498), (2024, 521)]),
        ("相談の解決率", "%", (88.5, 2021), (92, 2027), [(2022, 89), (2023, 90.2), (2024, 90.8)]),
        ("出前講座の開催回数", "回", (14, 2021), (24, 2027), [(2022, 16), (2023, 19), (2024, 21)]),
    ]


def test_one_figure_after_an_actual_label_is_one_actual() -> None:
    from keikaku.importer.labelled import year_runs

    assert year_runs("令和4年度 455 令和5年度 498") == [("令和4年度", "455"), ("令和5年度", "498")]
    assert year_runs("令和4年度 455") == []
    assert year_runs("令和4年度 455 見込み 令和5年度 498") == []


def test_money_run_together_with_a_section_title_names_no_row() -> None:
    assert names_no_row("【コスト】人件費 令和5年度")
    assert names_no_row("トータルコスト【評価】講座の周知を続ける。")
    assert names_no_row("【事業費】事業費（千円）")
    assert not names_no_row("【指標】講座の受講者数")
    assert not names_no_row("講座の受講者数【参考】")


COLUMNS_YEAR_FIRST = """\
事務事業評価シート
事務事業名
河川維持管理事業
所管課
河川課
指標
指標名
河川巡視の実施回数
護岸補修の延長
単位
回
m
基準値（2021年度）
96
320
2023年度実績
102
410
2024年度実績
104
455
目標値（2027年度）
120
600
事業費（千円）
2023年度
9,410
"""


def test_heads_printing_their_year_before_the_word_in_a_table_column_by_column(tmp_path: Path) -> None:
    assert read(tmp_path, COLUMNS_YEAR_FIRST) == [
        ("河川巡視の実施回数", "回", (96, 2021), (120, 2027), [(2023, 102), (2024, 104)]),
        ("護岸補修の延長", "m", (320, 2021), (600, 2027), [(2023, 410), (2024, 455)]),
    ]


def test_a_head_with_its_year_first_is_that_role_of_that_year() -> None:
    from keikaku.importer.columnmajor import _header_part

    (line,) = lines_of("令和5年度実績")
    assert _header_part(line, None) == ("actual", 2023)
    (line,) = lines_of("令和5年度事業費")
    assert _header_part(line, None) is None


def test_a_number_printed_again_a_few_lines_on_is_no_page_number() -> None:
    from keikaku.importer.normalize import normalise
    from keikaku.importer.records import RawDocument, RawLine

    text = "基準値（令和2年度）\n52.0\n2\n令和3年度\n実績\n55.1\n3\n令和4年度\n実績\n57.4\n3\n目標値（令和7年度）\n61.0\n5"
    raw = RawDocument(name="plan.txt", format="text", sha256="0" * 64, lines=[RawLine(text=t) for t in text.splitlines()])
    assert [line.key for line in normalise(raw)].count("3") == 2


SMALL_FIGURES_COLUMN_BY_COLUMN = """\
成果指標
指標名
子ども会の加入団体数
見守りボランティアの人数
単位
団体
人
基準値（令和2年度）
12
3
令和3年度
実績
13
4
令和4年度
実績
13
4
令和5年度
実績
15
6
目標値（令和8年度）
18
9
"""


def test_small_figures_column_by_column_stay_cells(tmp_path: Path) -> None:
    assert read(tmp_path, SMALL_FIGURES_COLUMN_BY_COLUMN) == [
        ("子ども会の加入団体数", "団体", (12, 2020), (18, 2026), [(2021, 13), (2022, 13), (2023, 15)]),
        ("見守りボランティアの人数", "人", (3, 2020), (9, 2026), [(2021, 4), (2022, 4), (2023, 6)]),
    ]


HEADER_FILLED_ONE_CELL_A_LINE = """\
2 成果指標
指標名
単位
基準値
2022年度
2023年度
目標値
達成度
（2021年度）
実績
実績
（2026年度）
公共交通の年間利用者数
千人
1,240
1,262
1,301
1,400
B
歩道の整備延長
km
18.4
19.0
19.9
23.0
C
3 指標の分析
"""


def test_a_two_row_header_one_cell_a_line_fills_the_heads_it_completes(tmp_path: Path) -> None:
    assert read(tmp_path, HEADER_FILLED_ONE_CELL_A_LINE) == [
        ("公共交通の年間利用者数", "千人", (1240, 2021), (1400, 2026), [(2022, 1262), (2023, 1301)]),
        ("歩道の整備延長", "km", (18.4, 2021), (23, 2026), [(2022, 19), (2023, 19.9)]),
    ]


def test_second_row_cells_that_do_not_complete_the_heads_leave_the_lines() -> None:
    from keikaku.importer.headerfills import fill_header_cells

    lines = lines_of("指標名\n単位\n基準値\n2022年度\n目標値\n実績\n（2021年度）\n利用者数")  # 実績 cannot date 基準値
    assert [line.text for line in fill_header_cells(lines)] == [line.text for line in lines]
    lines = lines_of("指標名\n単位\n基準値\n2022年度\n目標値\n（2021年度）\n実績\n（2026年度）\n利用者数")
    assert [line.text for line in fill_header_cells(lines)] == [
        "指標名", "単位", "基準値（2021年度）", "2022年度実績", "目標値（2026年度）", "利用者数"]


RECORDS_WITH_YEAR_TABLES = """\
成果指標
指標①
指標名
公民館講座の延べ受講者数
単位
人
基準値
8,210（令和2年度）
目標値
9,500（令和8年度）
年度
令和4年度
令和5年度
実績値
8,640
8,975
施策に係る経費
"""


def test_a_record_with_its_table_of_years_is_read_even_alone(tmp_path: Path) -> None:
    assert read(tmp_path, RECORDS_WITH_YEAR_TABLES) == [
        ("公民館講座の延べ受講者数", "人", (8210, 2020), (9500, 2026), [(2022, 8640), (2023, 8975)]),
    ]


LABEL_AFTER_UNIT_AND_BASELINE = """\
成果指標

指標名 単位 基準値 区分 令和4年度 令和5年度 令和6年度 目標値

（令和3年度） （令和9年度）

市民農園の利用区画数 区画 184 目標 190 196 202 220

実績 188 193 199

農産物直売所の売上額 百万円 46.2 目標 47.0 48.0 49.0 52.0

実績 46.8 47.5 48.3

"""


def test_rows_labelled_under_a_class_column_after_the_unit_and_the_baseline(tmp_path: Path) -> None:
    assert read(tmp_path, LABEL_AFTER_UNIT_AND_BASELINE) == [
        ("市民農園の利用区画数", "区画", (184, 2021), (220, 2027), [(2022, 188), (2023, 193), (2024, 199)]),
        ("農産物直売所の売上額", "百万円", (46.2, 2021), (52, 2027), [(2022, 46.8), (2023, 47.5), (2024, 48.3)]),
    ]


YEARS_DOWN = """\
３ 成果指標の推移

年度 消防団員の充足率（%） 救命講習の修了者数（人）

基準値（2020年度） 91.5 1,204

2022年度 92.0 1,380

2023年度 93.1 1,455

目標値（2026年度） 96.0 1,800

４ コストの推移
"""

YEARS_DOWN_TARGET_AND_ACTUAL = """\
２．成果指標の推移
   年度                 No.1 市民活動団体の登録数（団体）      No.2 協働事業の実施件数（件）
                        目標              実績                 目標             実績
   令和３年度（基準）                     214                                   37
   令和４年度           220               219                  40               41
   令和５年度           226               230                  43               44
   令和６年度           232                                    46
３．考察
"""


def test_indicators_across_and_the_years_down(tmp_path: Path) -> None:
    assert read(tmp_path, YEARS_DOWN) == [
        ("消防団員の充足率", "%", (91.5, 2020), (96, 2026), [(2022, 92), (2023, 93.1)]),
        ("救命講習の修了者数", "人", (1204, 2020), (1800, 2026), [(2022, 1380), (2023, 1455)]),
    ]


def test_years_down_with_a_target_and_an_actual_under_each_indicator(tmp_path: Path) -> None:
    assert read(tmp_path, YEARS_DOWN_TARGET_AND_ACTUAL) == [
        ("市民活動団体の登録数", "団体", (214, 2021), (232, 2024), [(2022, 219), (2023, 230)]),
        ("協働事業の実施件数", "件", (37, 2021), (46, 2024), [(2022, 41), (2023, 44)]),
    ]


def test_years_down_needs_three_rows_and_figures_that_fit() -> None:
    from keikaku.importer.yearsdown import years_down_rows

    two_rows = "年度 消防団員の充足率（%）\n基準値（2020年度） 91.5\n目標値（2026年度） 96.0"
    assert years_down_rows(lines_of(two_rows)) == []
    uneven = "年度 充足率（%） 修了者数（人）\n2020年度 91.5 1,204\n2022年度 92.0\n2023年度 93.1 1,455 7"
    assert years_down_rows(lines_of(uneven)) == []


PINNED = {
    "01_shisaku_kosodate_seed.txt": (3, 3, 21, 21),
    "02_jimujigyo_kenko_layout.txt": (4, 4, 16, 16),
    "03_shisaku_kenshin_plain.txt": (3, 3, 21, 21),
    "04_shisaku_bousai_seed.txt": (3, 3, 21, 21),
    "05_shisaku_koyou_layout.txt": (3, 3, 21, 21),
    "06_jimujigyo_multi_plain.txt": (5, 5, 30, 30),
    "07_gyosei_gomi_seed.txt": (3, 3, 21, 21),
    "08_shisaku_tosho_layout.txt": (2, 2, 14, 14),
    "09_shisaku_kankyo_plain.txt": (3, 3, 21, 21),
    "10_jimujigyo_jisatsu_seed.txt": (3, 3, 21, 21),
    "11_jimujigyo_nougyou_layout.txt": (4, 4, 24, 24),
    "12_jimujigyo_kyoiku_plain.txt": (4, 4, 24, 24),
}


def test_the_held_out_sheets_read_at_least_their_pins() -> None:
    indicators, fully_right, documents = score_pinned(BLIND, PINNED)
    assert indicators == 40
    assert fully_right == 40 and documents == 12


def test_no_money_row_or_field_comes_out_as_an_indicator() -> None:
    from keikaku.importer.pipeline import extract_file

    expected = json.loads((BLIND / "expected.json").read_text(encoding="utf-8"))
    for name, gold in expected.items():
        names = [i.name for i in extract_file(BLIND / name).plan.indicators]
        assert sorted(names) == sorted(g["name"] for g in gold), name
