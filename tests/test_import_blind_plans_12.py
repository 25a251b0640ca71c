"""A twelfth round of plan pages of kinds the engine had not seen, in the seeds' rendering.

``tests/data/blind_plans_12`` holds ten documents composed (invented names, figures and years;
placeholder prose) and printed as the seeds' extractor leaves text (a trailing space on every line, a
blank line after each, lines holding one space, era years spaced out, a page number alone): a measure
page whose 成果指標 table has a 指標の説明 column of prose, a comprehensive strategy stating its 数値目標
in sentences over KPI tables, two indicator tables side by side whose rows alternate, years written
2019年度 in one table and 令和元年度 in the next, targets in words (100%を維持, 増加させる, 全校で実施),
new indicators (－) with 以上 / 以下 targets, figures with 約 and ポイント, rows numbered ① with the name
on the next line, a review sheet with two years of actuals, and a list one cell per line with a unit
and a direction column. Before any rule of the round: 44 of 47 indicators found, 38 fully right, no
wrong extra indicator (but a page number read as an actual and a target in words run into the next
row's name). The rules, each with a composed variant here (other names, figures, years and units):

- a target of words naming where an action reaches (全校で実施, 全地区で導入) is a qualitative target
  (``target_words`` in ``lexicon/patterns.toml``), not the start of the next row's name;
- a lone number under a note (``※…``) or under a sentence ending in ``。`` is the page's number, no
  row's figure (``pageclose.py``);
- a one-line header with a line of years under it is dated already: a note under the table naming a
  value word's year (``※基準値は平成30年度の実績値です。``) does not date it again (``notedyear.py``);
- a stated span's name may stand before については as before を, and the target's figure may close
  with とする; a name opening with the town itself (本市への) is the rest (``statedspans.py``).
"""

from __future__ import annotations

from pathlib import Path

from tests.held_out import score_pinned
from tests.sheet_reading import read

BLIND = Path(__file__).resolve().parent / "data" / "blind_plans_12"


def _seed_style(text: str) -> str:
    """``text`` as the seeds' extractor prints it: a trailing space on every line, a blank line after it."""
    return "".join(f"{line} \n\n" for line in text.splitlines())


REACHING_TARGETS = _seed_style("""\
成果指標
指標名 現状値 目標値
（令和 ３年度） （令和 ９年度）
自治会による見守り活動の実施状況 18地区 全地区で実施
中学校での職場体験の実施校数 5校 全中学校で導入
地域の清掃活動の参加者数 2,310人 3,000人
""")


def test_a_target_naming_where_an_action_reaches_is_a_qualitative_target(tmp_path: Path) -> None:
    assert read(tmp_path, REACHING_TARGETS, blank_as_none=True) == [
        ("自治会による見守り活動の実施状況", "地区", (18, 2021), (None, 2027), []),
        ("中学校での職場体験の実施校数", "校", (5, 2021), (None, 2027), []),
        ("地域の清掃活動の参加者数", "人", (2310, 2021), (3000, 2027), []),
    ]


def test_reaching_words_are_target_words_only_as_a_whole_cell() -> None:
    from keikaku.importer.tables import TARGET_WORDS

    assert TARGET_WORDS.match("全校で実施") is not None
    assert TARGET_WORDS.match("全地区に設置") is not None
    assert TARGET_WORDS.match("全校で実施する児童の割合") is None
    assert TARGET_WORDS.match("全で実施") is None
    assert TARGET_WORDS.match("全校の実施") is None


ALTERNATING_WITH_NOTE = _seed_style("""\
指標名 基準値 目標値 指標名 基準値 目標値
（令和 元年度） （令和 ７年度） （令和 元年度） （令和 ７年度）
河川清掃の参加団体数 42団体 55団体
公園愛護会の登録数 17団体 25団体
街路樹の植栽本数 1,240本 1,500本
花壇ボランティアの人数 310人 400人
※基準値は令和元年度の実績値です。
118
""")


def test_a_number_under_a_note_closing_side_by_side_tables_is_the_page_number(tmp_path: Path) -> None:
    assert read(tmp_path, ALTERNATING_WITH_NOTE) == [
        ("河川清掃の参加団体数", "団体", (42, 2019), (55, 2025), []),
        ("公園愛護会の登録数", "団体", (17, 2019), (25, 2025), []),
        ("街路樹の植栽本数", "本", (1240, 2019), (1500, 2025), []),
        ("花壇ボランティアの人数", "人", (310, 2019), (400, 2025), []),
    ]


SENTENCES_THEN_NUMBER = _seed_style("""\
指標名 現状値 目標値
（令和 ２年度） （令和 ８年度）
市民農園の区画数 86区画 120区画
体験農業の参加者数 640人 増加させる
農地パトロールの実施状況 6地区 全地区で実施
【主な取組】
・遊休農地の解消に向けた相談会を開きます。
・農業体験の受入れ農家を増やします。
27
""")


def test_a_number_under_the_sentences_that_close_a_page_is_no_row(tmp_path: Path) -> None:
    assert read(tmp_path, SENTENCES_THEN_NUMBER, blank_as_none=True) == [
        ("市民農園の区画数", "区画", (86, 2020), (120, 2026), []),
        ("体験農業の参加者数", "人", (640, 2020), (None, 2026), []),
        ("農地パトロールの実施状況", "地区", (6, 2020), (None, 2026), []),
    ]


def test_page_numbers_are_taken_only_under_a_note_or_a_sentence() -> None:
    from keikaku.importer.pageclose import without_page_numbers
    from tests.sheet_reading import lines_of

    kept = without_page_numbers(lines_of("※ 注記です。\n12\n名称の行\n34\n文の終わり。\n56\n7,800\n※注\n1234"))
    assert [line.key for line in kept] == ["※ 注記です。", "名称の行", "34", "文の終わり。", "7,800", "※注", "1234"]
    assert [line.key for line in without_page_numbers(lines_of("12\n34"))] == ["12", "34"]


def test_a_header_with_years_under_it_is_not_dated_again_by_a_note() -> None:
    from keikaku.importer.notedyear import date_noted_columns
    from tests.sheet_reading import lines_of

    dated = lines_of("指標名 基準値 目標値\n（令和 ２年度） （令和 ８年度）\n市民農園の区画数 86区画 120区画\n※基準値は令和２年度の実績値です。")
    assert [line.text for line in date_noted_columns(dated)][0] == "指標名 基準値 目標値"
    undated = lines_of("指標名 基準値 目標値（令和８年度）\n市民農園の区画数 86区画 120区画\n※基準値は令和２年度の実績値です。")
    assert [line.text for line in date_noted_columns(undated)][0] == "指標名 基準値(令和2年度) 目標値（令和８年度）"


STATED_WITH_NITSUITE = _seed_style("""\
【数値目標】
本町の合計特殊出生率については、令和２年の1.38から令和８年に1.50とすることを目指します。
また、ふるさと納税の寄附件数については、令和２年度の3,400件から令和８年度に5,000件とします。
""")


def test_a_stated_span_may_name_its_indicator_before_nitsuite_and_close_with_to_suru(tmp_path: Path) -> None:
    assert read(tmp_path, STATED_WITH_NITSUITE) == [
        ("合計特殊出生率", None, (1.38, 2020), (1.5, 2026), []),
        ("ふるさと納税の寄附件数", "件", (3400, 2020), (5000, 2026), []),
    ]


def test_a_stated_span_keeps_a_name_that_only_opens_like_the_town() -> None:
    from keikaku.importer.statedspans import _SELF

    assert _SELF.sub("", "本市への転入者数") == "転入者数"
    assert _SELF.sub("", "本町の総人口") == "総人口"
    assert _SELF.sub("", "本町の人口") == "本町の人口"  # too short a rest: the name stays whole
    assert _SELF.sub("", "本部の相談件数") == "本部の相談件数"


PINNED = {
    "01_kihon_setsumei.txt": (3, 3, 12, 12),
    "02_senryaku_sentence.txt": (6, 6, 24, 24),
    "03_sidebyside_alternate.txt": (6, 6, 24, 24),
    "04_years_two_styles.txt": (5, 5, 20, 20),
    "05_qualitative_targets.txt": (5, 5, 19, 19),
    "06_new_indicator_bounds.txt": (5, 5, 20, 20),
    "07_approx_points.txt": (5, 5, 21, 21),
    "08_numbered_nextline.txt": (4, 4, 16, 16),
    "09_hyoka_actuals.txt": (4, 4, 24, 24),
    "10_cells_unit_arrow.txt": (4, 4, 17, 17),
}


def test_the_held_out_documents_read_at_least_their_pins() -> None:
    indicators, fully_right, documents = score_pinned(BLIND, PINNED)
    assert indicators == 47
    assert (fully_right, documents) == (47, 10)


def test_no_page_number_is_read_as_a_figure_in_the_held_out_documents() -> None:
    from tests.held_out import read_rows

    rows = read_rows(BLIND / "03_sidebyside_alternate.txt")
    assert [r[4] for r in rows] == [[]] * 6
    assert [r[3] for r in rows] == [(60, 2024), (9000, 2024), (15, 2024), (1500, 2024), (2000, 2024), (600, 2024)]
