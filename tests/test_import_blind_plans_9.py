"""A ninth round of plan documents of kinds the engine had not seen, in three renderings.

``tests/data/blind_plans_9`` holds twelve documents composed (invented names, figures and years;
placeholder prose): four printed as the seeds' extractor leaves text (a comprehensive strategy's
数値目標 and KPI under each 具体的施策 with a negative baseline ``△85人``, a population vision with
合計特殊出生率 1.45 → 1.80, an education plan with 小学校 / 中学校 rows under each indicator, a mid-term
financial plan), four as ``pdftotext -layout`` (a welfare plan whose survey year stands in a note, a
residents' survey with 前回調査 / 今回調査 / 目標, a health plan with 男性 / 女性 rows and a name wrapped
over them, a strategy's review sheet) and four as plain ``pdftotext`` (an agriculture plan one cell per
line with 経営体 and ha, a climate plan whose columns follow one another, a sports plan with a year in
brackets after each figure, a tourism plan whose header cells carry each group's unit). Before any rule
of the round: 46 of 74 indicators found, 36 fully right, 14 wrong extra indicators. The rules, each with
a composed variant here (other names, figures, years and units):

- 前回調査 / 前回 head baseline columns, 今回調査 / 今回 actual columns (``lexicon/headers.toml``);
- 区分, 性別, 男女別, 校種, 学校種 head a group column (``group_cell`` in ``lexicon/patterns.toml``); a name
  broken off on a particle (``open_name``) goes on in the next row's name cell (``groupcells.py``); a
  group column of value words (目標 / 実績) stays a label column;
- a group column in a table whose cells stand one space apart (``groupwords.py``);
- a note under a table (``※現状値は、令和５年度…``) dates its one-line header's cell (``notedyear.py``);
- years in a one-line header with their columns' words bracketed under them (``（決算） （目標）``;
  ``[year_words]`` in ``lexicon/headers.toml``) (``yearwords.py``);
- 中間値 is the value measured at a mid-term review, an actual; 具体的な施策 and 具体的施策 are level words
  (``lexicon/structure.toml``), so their headings name no row;
- a header one cell per line: a value word over its bracketed year is one head, not a cut between two
  rows (``headerfills.py``); 部門 heads the names; of two baseline columns (基準年度, 現状) the second is an
  actual; a run of bare whole numbers, two rows' worth or more, is a column-major body's figures, not a
  page number (``headercells.py``).
"""

from __future__ import annotations

from pathlib import Path

from tests.held_out import score_pinned
from tests.sheet_reading import read

BLIND = Path(__file__).resolve().parent / "data" / "blind_plans_9"


SURVEY_ROUNDS = """\
  施策の満足度

                                            前回調査          今回調査           目標
      指標名                              （平成30年度）    （令和３年度）    （令和８年度）
      図書館のサービスに満足している市民の割合     64.0%             66.5%            72.0%
      道路の維持管理に満足している市民の割合       41.3%             39.9%            50.0%
"""


def test_the_previous_survey_is_the_baseline_and_this_survey_an_actual(tmp_path: Path) -> None:
    assert read(tmp_path, SURVEY_ROUNDS) == [
        ("図書館のサービスに満足している市民の割合", "%", (64.0, 2018), (72.0, 2026), [(2021, 66.5)]),
        ("道路の維持管理に満足している市民の割合", "%", (41.3, 2018), (50.0, 2026), [(2021, 39.9)]),
    ]


GROUP_COLUMN_SPACED = """\
    指標                               性別       現状値         目標値
                                               （令和３年度）  （令和９年度）
    朝食を毎日食べている人の割合        男性       78.4%          85.0%
                                        女性       83.1%          90.0%
    睡眠で休養が十分とれていない人の    男性       22.5%          18.0%
    割合                                女性       26.2%          20.0%
"""


def test_a_gender_column_and_a_name_broken_off_over_its_rows(tmp_path: Path) -> None:
    assert read(tmp_path, GROUP_COLUMN_SPACED) == [
        ("朝食を毎日食べている人の割合（男性）", "%", (78.4, 2021), (85.0, 2027), []),
        ("朝食を毎日食べている人の割合（女性）", "%", (83.1, 2021), (90.0, 2027), []),
        ("睡眠で休養が十分とれていない人の割合（男性）", "%", (22.5, 2021), (18.0, 2027), []),
        ("睡眠で休養が十分とれていない人の割合（女性）", "%", (26.2, 2021), (20.0, 2027), []),
    ]


GROUP_COLUMN_ONE_SPACE = """\
評価指標 校種 基準値 目標値 
（2023年度） （2029年度） 

学校図書館の本を月１冊以上読む児童生徒の割合 小学校 71.5％ 80.0％ 

中学校 48.2％ 60.0％ 

 

１日１時間以上運動する児童生徒の割合 小学校 55.0％ 62.0％ 

中学校 63.4％ 70.0％ 
"""


def test_a_school_column_in_a_table_of_one_space_cells(tmp_path: Path) -> None:
    assert read(tmp_path, GROUP_COLUMN_ONE_SPACE) == [
        ("学校図書館の本を月１冊以上読む児童生徒の割合（小学校）", "%", (71.5, 2023), (80.0, 2029), []),
        ("学校図書館の本を月１冊以上読む児童生徒の割合（中学校）", "%", (48.2, 2023), (60.0, 2029), []),
        ("１日１時間以上運動する児童生徒の割合（小学校）", "%", (55.0, 2023), (62.0, 2029), []),
        ("１日１時間以上運動する児童生徒の割合（中学校）", "%", (63.4, 2023), (70.0, 2029), []),
    ]


def test_a_group_word_alone_on_every_row_or_a_value_word_is_no_group() -> None:
    from keikaku.importer.groupwords import _header, _row

    assert _header("評価指標 区分 基準値 目標値") == 1
    assert _header("区分 基準値 目標値") is None
    assert _header("評価指標 区分 R3 R4") is None
    assert _header("評価指標  区分  基準値  目標値") is None
    assert _row("中学校 48.2％ 60.0％") == ("", "中学校", "48.2％ 60.0％")
    assert _row("（令和 ５年度） （令和 10年度）") is None
    assert _row("読書量 （R5） 12冊") is None
    assert _row("１日１時間以上運動する児童生徒の割合 小学校 55.0％ 62.0％") == (
        "１日１時間以上運動する児童生徒の割合", "小学校", "55.0％ 62.0％")


LABEL_COLUMN_UNDER_A_TWO_LINE_HEADER = """\
指標名           単位    基準値      区分   令和 4 年   令和 5 年   目標値
                    （令和 3          度        度        （令和 8
                    年度）                              年度）
公園の清掃活動の参加    人    1,240     目標   1,300    1,360    1,500
者数                              実績   1,275    1,342
"""


def test_a_label_column_of_target_and_actual_rows_is_no_group() -> None:
    """区分 heads a group column (小学校 / 男性 …) only when no 目標 / 実績 word stands under it: its
    cells may fall anywhere under a header printed over two lines, and the header stays as printed."""
    from keikaku.importer.groupcells import name_groups
    from keikaku.importer.records import RawDocument, RawLine

    lines = [RawLine(text=line) for line in LABEL_COLUMN_UNDER_A_TWO_LINE_HEADER.splitlines()]
    doc = RawDocument(name="sheet.txt", format="text", sha256="0" * 64, lines=lines)
    assert name_groups(doc) is doc
    grouped = LABEL_COLUMN_UNDER_A_TWO_LINE_HEADER.replace("区分", "性別").replace("目標", "男性").replace("実績", "女性")
    lines = [RawLine(text=line) for line in grouped.splitlines()]
    assert name_groups(RawDocument(name="sheet.txt", format="text", sha256="0" * 64, lines=lines)).lines[0].text != lines[0].text


SURVEY_YEAR_IN_NOTES = """\
  基本目標１ 安心して暮らせるまち

      評価指標                                         現状値          目標値
                                                                     （2030年度）
      災害時の避難場所を知っている市民の割合             67.2%           80.0%
      防災訓練に参加したことがある市民の割合             24.9%           35.0%

  ※現状値は、2024年度の市民意識調査の結果です。

  基本目標２ 健やかに暮らせるまち

      評価指標                                         現状値          目標値
                                                                     （2030年度）
      健康診断を毎年受けている市民の割合                 71.8%           78.0%

  ※現状値は、2022年度市民健康調査による。
"""


def test_a_note_under_a_table_dates_its_header_cell(tmp_path: Path) -> None:
    assert read(tmp_path, SURVEY_YEAR_IN_NOTES) == [
        ("災害時の避難場所を知っている市民の割合", "%", (67.2, 2024), (80.0, 2030), []),
        ("防災訓練に参加したことがある市民の割合", "%", (24.9, 2024), (35.0, 2030), []),
        ("健康診断を毎年受けている市民の割合", "%", (71.8, 2022), (78.0, 2030), []),
    ]


YEARS_OVER_WORDS = """\
健全化指標 2023年度 2026年度 2030年度 

（決算） （見込） （目標） 

地方債現在高 182億円 176億円 160億円以下 

積立基金の残高 41.5億円 38.0億円 45.0億円以上 
"""


def test_years_in_a_header_with_their_columns_words_bracketed_under_them(tmp_path: Path) -> None:
    assert read(tmp_path, YEARS_OVER_WORDS) == [
        ("地方債現在高", "億円", (182, 2023), (160, 2030), [(2026, 176)]),
        ("積立基金の残高", "億円", (41.5, 2023), (45, 2030), [(2026, 38)]),
    ]


def test_a_line_of_years_and_words_under_it_that_are_no_column_words_stay_as_printed() -> None:
    from keikaku.importer.normalize import make_line
    from keikaku.importer.yearwords import join_year_words

    lines = [make_line("指標 令和 5年度 令和 11年度", 0), make_line("（市民課） （企画課）", 1)]
    assert [line.text for line in join_year_words(lines)] == ["指標 令和 5年度 令和 11年度", "（市民課） （企画課）"]
    lines = [make_line("指標 令和 5年度 令和 11年度", 0), make_line("（決算） （目標）", 1)]
    assert [line.text for line in join_year_words(lines)] == ["指標 基準値(令和5年度) 目標(令和11年度)"]


MID_TERM_VALUE_AND_MEASURE_HEADINGS = """\
    具体的な施策 ①地域医療の充実

      指標                             策定時         中間値          目標値
                                     （R3年度）     （R6年度）      （R9年度）
      休日診療所の受診者数               2,310人        2,480人         2,600人

    具体的な施策 ②介護予防の推進

      指標                             策定時         中間値          目標値
                                     （R3年度）     （R6年度）      （R9年度）
      通いの場の参加者数                   820人          905人         1,100人
"""


def test_a_mid_term_value_is_an_actual_and_a_measure_heading_no_name(tmp_path: Path) -> None:
    assert read(tmp_path, MID_TERM_VALUE_AND_MEASURE_HEADINGS) == [
        ("休日診療所の受診者数", "人", (2310, 2021), (2600, 2027), [(2024, 2480)]),
        ("通いの場の参加者数", "人", (820, 2021), (1100, 2027), [(2024, 905)]),
    ]


COLUMNS_AFTER_ONE_ANOTHER = """\
表3 分野別のエネルギー消費量（単位：TJ）
部門
基準年度
（2013年度）
現状
（2022年度）
目標
（2035年度）
工場のエネルギー消費量
事業所のエネルギー消費量
住宅のエネルギー消費量
5,820
2,140
1,960
5,110
1,870
1,720
3,900
1,400
1,250
※ 現状は推計値です。
24
"""


def test_bare_figures_column_after_column_under_a_header_one_cell_per_line(tmp_path: Path) -> None:
    assert read(tmp_path, COLUMNS_AFTER_ONE_ANOTHER) == [
        ("工場のエネルギー消費量", "TJ", (5820, 2013), (3900, 2035), [(2022, 5110)]),
        ("事業所のエネルギー消費量", "TJ", (2140, 2013), (1400, 2035), [(2022, 1870)]),
        ("住宅のエネルギー消費量", "TJ", (1960, 2013), (1250, 2035), [(2022, 1720)]),
    ]


def test_a_lone_bare_number_still_ends_a_body_and_a_word_over_its_year_is_one_head() -> None:
    from keikaku.importer.headercells import _bare_run
    from keikaku.importer.headerfills import fill_header_cells
    from tests.sheet_reading import lines_of

    assert _bare_run(lines_of("12\n第５章 計画の推進"), 0, 2) == 0
    assert _bare_run(lines_of("12\n30\n14\n"), 0, 2) == 0
    assert _bare_run(lines_of("12\n30\n14\n40\n※ 注"), 0, 2) == 4
    heads = lines_of("区分\n基準値\n（2015年度）\n現状値\n（2020年度）\n目標値\n（2030年度）\n森林の面積")
    assert [line.text for line in fill_header_cells(heads)] == [line.text for line in heads]


PINNED = {
    "01_senryaku_kihonmokuhyo_seed.txt": (7, 7, 28, 28),
    "02_jinko_vision_seed.txt": (6, 6, 24, 24),
    "03_kyoiku_shochu_seed.txt": (8, 8, 32, 32),
    "04_zaisei_chuki_seed.txt": (7, 7, 28, 28),
    "05_chiikifukushi_survey_layout.txt": (5, 5, 20, 20),
    "06_ishiki_chosa_layout.txt": (5, 5, 25, 25),
    "07_kenko_danjo_layout.txt": (8, 8, 40, 40),
    "08_senryaku_jisseki_layout.txt": (5, 5, 30, 30),
    "09_nogyo_cells_plain.txt": (6, 6, 24, 24),
    "10_kankyo_co2_columns_plain.txt": (6, 6, 28, 28),
    "11_sports_jisshiritsu_plain.txt": (5, 5, 20, 20),
    "12_kpi_unit_groups_plain.txt": (6, 6, 24, 24),
}


def test_the_held_out_documents_read_at_least_their_pins() -> None:
    indicators, fully_right, documents = score_pinned(BLIND, PINNED)
    assert indicators == 74
    assert (fully_right, documents) == (74, 12)
