"""An eleventh round: evaluation forms of other shapes, and the rules they led to.

``tests/data/blind_forms_11`` holds twelve forms (外部評価シート with committee comments, 事務事業評価
with 活動指標 / 成果指標 grids of 目標 and 実績 rows, 指標の推移 as a trend, merged names over 目標 /
実績 rows, a workload table of 計画 / 実績, landscape sheets with prose beside the table, 単年度目標 and
最終目標, 指標の定義 and 算出方法 fields, a 総括表 of many 施策) composed with invented names and
figures (see its README). Scored before any rule below: 34 of 43 indicators found, 18 fully right,
184 of 245 figures, 9 wrong extra indicators. Each rule has a composed variant here with other
names, figures, years and units:

- an actual word of a trend (指標の推移) over a run of years each with its figure parted by arrows
  (``R3: 85.0% → R4: 86.2%``) gives one actual a year (``labelled.year_runs``, ``verticalrecords``, the
  words in ``[trend_words]`` of ``lexicon/headers.toml``, read as whole lines only);
- a header printed one cell per line with each year over its value word (``R5`` / ``単年度目標``) is one
  head a column (``celllist.years_over_words``); a yearly aim (単年度目標) is an interim target, the
  final one (最終目標) the target (``lexicon/headers.toml``);
- money words run together, maybe after a cost section's title (``施策のコスト事業費千円人件費千円``),
  name no row (``norows``); a reading is weighed without such rows, and a name opening with a dated
  value word (``最終目標（R11）…``) or holding a sentence (…を超えた。) counts against it (``tables.completeness``);
- a 目標 row across the years gives its earlier years as interim targets; without a baseline a row aims
  down when its yearly aims fall to the target and its first actual lies above it (``grid``, ``tables.infer``);
- a plan row word (計画) in a 区分 column labels its row as 目標 does (``lexicon.row_label_role``);
- a sentence of a text column run into a name (…を進める。全国学力調査…) is no part of it (``tables.set_name``);
- a laid-out line printing prose, then far right a table's header, marks two columns side by side
  (``textcolumns``). Scored after: 37 of 43 found, 35 fully right, 246 of 263 figures, 3 wrong extras.
"""

from __future__ import annotations

import json
from pathlib import Path

from keikaku.importer.norows import names_no_row
from tests.held_out import score_pinned
from tests.sheet_reading import read as read_plan

BLIND = Path(__file__).resolve().parent / "data" / "blind_forms_11"


def read(tmp_path: Path, text: str) -> list[tuple]:
    return read_plan(tmp_path, text, direction=True, blank_as_none=True)


TREND = """\
施策評価シート
施策名
スポーツの振興
成果指標
指標名
総合体育館の年間利用者数
基準値（令和元年度）
152千人
指標の推移
令和2年度：118千人 → 令和3年度：131千人 → 令和4年度：149千人
目標値（令和9年度）
180千人
指標名
スポーツ少年団の団員数
基準値（令和元年度）
1,240人
指標の推移
R2: 1,180人 ⇒ R3: 1,205人 ⇒ R4: 1,262人
目標値（令和9年度）
1,400人
"""


def test_a_trend_parted_by_arrows_gives_an_actual_a_year(tmp_path: Path) -> None:
    assert read(tmp_path, TREND) == [
        ("総合体育館の年間利用者数", "千人", "increase", (152, 2019), (180, 2027), [(2020, 118), (2021, 131), (2022, 149)]),
        ("スポーツ少年団の団員数", "人", "increase", (1240, 2019), (1400, 2027), [(2020, 1180), (2021, 1205), (2022, 1262)]),
    ]


def test_a_trend_is_a_run_only_when_nothing_else_is_printed() -> None:
    from keikaku.importer.labelled import year_runs

    assert year_runs("R2: 40.5% → R3: 41.0%") == [("R2", "40.5%"), ("R3", "41.0%")]
    assert year_runs("R2: 40.5% → 横ばい") == []
    assert year_runs("R2: 40.5% → R3: 41.0% 調査中") == []


YEARLY_AND_FINAL = """\
事務事業評価シート
事業名
がん検診推進事業
成果指標
指標名
単位
基準値
（R3）
R4
単年度目標
R4
実績
R5
単年度目標
R5
実績
最終目標
（R10）
胃がん検診の受診率
%
9.8
11.0
10.4
12.0
12.6
20.0
精密検査の受診率
%
81.0
84.0
85.2
86.0
86.9
95.0
事業費（千円）
41,200
43,900
"""


def test_yearly_aims_are_interim_and_the_final_aim_is_the_target(tmp_path: Path) -> None:
    assert read(tmp_path, YEARLY_AND_FINAL) == [
        ("胃がん検診の受診率", "%", "increase", (9.8, 2021), (20, 2028), [(2022, 10.4), (2023, 12.6)]),
        ("精密検査の受診率", "%", "increase", (81, 2021), (95, 2028), [(2022, 85.2), (2023, 86.9)]),
    ]


def test_years_over_words_are_joined_only_when_every_year_has_its_word() -> None:
    from keikaku.importer.celllist import years_over_words

    def joined(cells: list[str]) -> list[str]:
        return [t for t, _ in years_over_words([(c, None) for c in cells])]  # type: ignore[misc]

    assert joined(["指標名", "R4", "実績", "R5", "実績", "目標値"]) == ["指標名", "R4実績", "R5実績", "目標値"]
    assert joined(["指標名", "R4", "R5", "目標値"]) == ["指標名", "R4", "R5", "目標値"]  # years across a row
    assert joined(["指標名", "R4", "実績", "目標値"]) == ["指標名", "R4", "実績", "目標値"]  # one year alone


def test_money_words_run_together_name_no_row() -> None:
    assert names_no_row("施策のコスト事業費千円人件費千円")
    assert names_no_row("事業費人件費")
    assert names_no_row("事業の費用決算額人件費")
    assert not names_no_row("事業費の推移")
    assert not names_no_row("コスト削減額")
    assert not names_no_row("人件費の削減率")


YEARLY_TARGET_ROWS = """\
事務事業評価シート（令和6年度）
事業名  消防団活動支援事業      所管課  消防総務課
■ 成果指標
  指標名                      単位    区分     R3      R4      R5      R6
  消防団員の欠員数            人      目標      42      38      34      30
                                      実績      45      41      36       －
  団員の訓練参加率            ％      目標    70.0    72.0    74.0    76.0
                                      実績    68.5    71.9    75.2       －
  救命講習の修了率            ％      目標    98.0    97.5    97.0    96.8
                                      実績    96.1    95.9    96.0       －
"""


def test_a_target_row_across_years_gives_interim_targets_and_the_direction(tmp_path: Path) -> None:
    assert read(tmp_path, YEARLY_TARGET_ROWS) == [
        ("消防団員の欠員数", "人", "decrease", None, (30, 2024), [(2021, 45), (2022, 41), (2023, 36)]),
        ("団員の訓練参加率", "%", "increase", None, (76, 2024), [(2021, 68.5), (2022, 71.9), (2023, 75.2)]),
        # aims lowered year by year while the actuals stay below them: still aiming up
        ("救命講習の修了率", "%", "increase", None, (96.8, 2024), [(2021, 96.1), (2022, 95.9), (2023, 96)]),
    ]
    from keikaku.importer.pipeline import extract_file

    path = tmp_path / "plan.txt"
    first = extract_file(path).plan.indicators[0]
    assert [(t.year, t.value) for t in first.interim_targets] == [(2021, 42), (2022, 38), (2023, 34)]


PLANNED_WORKLOAD = """\
事務事業評価シート                                              令和6年度評価
事業名    公園施設長寿命化事業                          担当課    公園緑地課
１ 事業量
   項目                    単位     区分     令和3年度     令和4年度     令和5年度     令和6年度
   遊具更新基数            基       計画            12            14            16            18
                                    実績            11            15            16            －
   園路改修面積            ㎡       計画           800           900         1,000         1,100
                                    実績           760           920           980            －
"""


def test_a_plan_word_labels_a_row_as_a_target_word_does(tmp_path: Path) -> None:
    assert read(tmp_path, PLANNED_WORKLOAD) == [
        ("遊具更新基数", "基", "increase", None, (18, 2024), [(2021, 11), (2022, 15), (2023, 16)]),
        ("園路改修面積", "㎡", "increase", None, (1100, 2024), [(2021, 760), (2022, 920), (2023, 980)]),
    ]


def test_a_plan_row_word_has_the_target_role() -> None:
    from keikaku.importer.lexicon import row_label_role

    assert row_label_role("計画") == "target"
    assert row_label_role("実績") == "actual"
    assert row_label_role("予定") == "target"


PROSE_BESIDE = """\
施策評価シート（令和6年度）                           施策 4-2  農地の保全     主管課  農林振興課

 施策の目的                                              成果指標
   農地を守り、次の世代へ引き継ぐ。                          指標名                      単位     基準値     R4実績     R5実績     目標値
   担い手への集積を進める。                                                                         (R3)                              (R9)
                                                             担い手への農地集積率        ％         38.4       40.1       42.7       55.0
 現状と課題                                                  遊休農地の面積              ha         61.0       58.2       55.9       40.0
   耕作者の高齢化が進んでいる。
"""


def test_a_table_beside_prose_is_read_apart_from_it(tmp_path: Path) -> None:
    assert read(tmp_path, PROSE_BESIDE) == [
        ("担い手への農地集積率", "%", "increase", (38.4, 2021), (55, 2027), [(2022, 40.1), (2023, 42.7)]),
        ("遊休農地の面積", "ha", "decrease", (61, 2021), (40, 2027), [(2022, 58.2), (2023, 55.9)]),
    ]


def test_only_prose_left_of_a_header_marks_two_columns() -> None:
    from keikaku.importer.textcolumns import _table_beside

    prose = "   市民の声を施策に生かす。                              指標名          単位   基準値   目標値"
    header = "  施策   施策名                     成果指標            単位    基準値      目標値      R5実績"
    assert _table_beside(prose) == 42  # midway between the stop (column 27) and 指標名 (column 57)
    assert _table_beside(header) is None
    assert _table_beside("  市民の声。    指標名  単位  基準値  目標値") is None  # the header starts left of MIN_GUTTER


SENTENCE_BEFORE = """\
施策評価シート 令和6年度 施策 5-1 環境学習の推進
施策の目的 成果指標
環境に配慮して行動する市民を増やす。 指標名 単位 基準値(R2) R4実績 R5実績 目標値(R8)
講座と体験の場を広げる。 環境講座の受講者数 人 640 702 755 900
参加の輪を地域に広げる。 エコ活動に取り組む事業所数 事業所 85 91 98 120
"""


def test_a_sentence_run_into_a_name_is_no_part_of_it(tmp_path: Path) -> None:
    assert read(tmp_path, SENTENCE_BEFORE) == [
        ("環境講座の受講者数", "人", "increase", (640, 2020), (900, 2026), [(2022, 702), (2023, 755)]),
        ("エコ活動に取り組む事業所数", "事業所", "increase", (85, 2020), (120, 2026), [(2022, 91), (2023, 98)]),
    ]


PINNED = {
    "01_gaibu_fukushi_seed.txt": (3, 3, 24, 24),
    "02_jimujigyo_yobou_layout.txt": (4, 4, 24, 24),
    "03_gakushu_suii_plain.txt": (3, 3, 24, 24),
    "04_anzen_merged_seed.txt": (0, 3, 0, 3),
    "05_douro_jigyoryo_layout.txt": (3, 3, 20, 20),
    "06_gakuryoku_landscape_seed.txt": (3, 4, 21, 22),
    "07_kenshin_tannendo_plain.txt": (3, 3, 21, 21),
    "08_gomi_teigi_layout.txt": (3, 3, 24, 24),
    "09_sokatsu_seed.txt": (7, 8, 42, 43),
    "10_koureisha_landscape_layout.txt": (3, 3, 21, 21),
    "11_gaibu_bunka_plain.txt": (3, 3, 24, 24),
    "12_suido_merged_plain.txt": (2, 3, 1, 13),
}


def test_the_held_out_forms_read_at_least_their_pins() -> None:
    indicators, fully_right, documents = score_pinned(BLIND, PINNED)
    assert indicators == 43
    assert fully_right == 35 and documents == 8


def test_no_money_row_comes_out_as_an_indicator() -> None:
    from keikaku.importer.pipeline import extract_file

    for name in json.loads((BLIND / "expected.json").read_text(encoding="utf-8")):
        names = [i.name for i in extract_file(BLIND / name).plan.indicators]
        assert not [n for n in names if names_no_row(n) or "事業費" in n or "人件費" in n], name
