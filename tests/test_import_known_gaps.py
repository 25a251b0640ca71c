"""Gaps the blind rounds found, each closed by a general rule, with composed variants (invented
names, figures, years and units) read through the whole engine:

- units the lexicon lacked (kW, kWh, MW, MWh, 歩, t-CO₂) and glued figures cut with the longest
  unit first (``lexicon/headers.toml``, ``tables.py``);
- a group column (対象) beside the names: rows with an empty name cell take the name above and every
  row is named with its group, a name wrapped over lines is joined whole; otherwise the group is a
  note, never a figure (``groupcells.py``);
- bare years after a baseline with no role word over them are the plan's yearly figures, the last
  the target (``plannedyears.py``); text columns before the name column (事業名) stand beside the
  figures, and a department column moved out of the header leaves the header's other cells in
  their columns (``leadcells.py``, ``departmentcells.py``);
- a bracketed tag before a name (【KPI】) is no unit (``unittags.py``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from keikaku.importer.pipeline import extract_file
from keikaku.importer.plannedyears import plans_after_baseline
from keikaku.importer.tables import _unglue
from keikaku.importer.unittags import unit_tag
from tests.sheet_reading import read as read_plan


def read(tmp_path: Path, text: str) -> list[tuple]:
    return read_plan(tmp_path, text, blank_as_none=True)


# --- units, longest first -----------------------------------------------------------------------

@pytest.mark.parametrize(("glued", "cells"), [
    ("5.5kWh12.0kWh", ["5.5kWh", "12.0kWh"]),
    ("120MW150MW", ["120MW", "150MW"]),
    ("3,200MWh4,000MWh", ["3,200MWh", "4,000MWh"]),
    ("12kW15kW", ["12kW", "15kW"]),
    ("5,120歩6,000歩", ["5,120歩", "6,000歩"]),
    ("1.2万t-CO22.0万t-CO2", ["1.2万t-CO2", "2.0万t-CO2"]),  # the unit's 2 is no figure's first digit
    ("8.4t-CO₂7.9t-CO₂", ["8.4t-CO₂", "7.9t-CO₂"]),
    ("参加者数12人15人", ["参加者数", "12人", "15人"]),
])
def test_glued_figures_are_cut_after_the_longest_unit(glued: str, cells: list[str]) -> None:
    assert [k for k, _ in _unglue(glued, glued)] == cells


def test_a_single_figure_or_a_name_is_not_cut() -> None:
    assert _unglue("4.5kWh", "4.5kWh") == [("4.5kWh", "4.5kWh")]
    assert _unglue("省エネ診断", "省エネ診断") == [("省エネ診断", "省エネ診断")]


ENERGY = """\
施策４ 脱炭素のまちづくり

  指標名                              現状値(R4)        目標値(R12)
  公共施設の太陽光発電容量            310kW             480kW
  市営施設の年間電力使用量            8.6MWh7.9MWh
  メガソーラーの発電出力              2.5MW4.0MW
  家庭1世帯あたりの電力使用量         4.5kWh3.8kWh
  市域の温室効果ガス排出量            1.2万t-CO20.9万t-CO2
  ウォーキング参加者の平均歩数        5,420歩7,000歩
"""


def test_energy_and_step_units_read_spaced_and_glued(tmp_path: Path) -> None:
    assert read(tmp_path, ENERGY) == [
        ("公共施設の太陽光発電容量", "kW", (310, 2022), (480, 2030), []),
        ("市営施設の年間電力使用量", "MWh", (8.6, 2022), (7.9, 2030), []),
        ("メガソーラーの発電出力", "MW", (2.5, 2022), (4, 2030), []),
        ("家庭1世帯あたりの電力使用量", "kWh", (4.5, 2022), (3.8, 2030), []),
        ("市域の温室効果ガス排出量", "万t-CO2", (1.2, 2022), (0.9, 2030), []),
        ("ウォーキング参加者の平均歩数", "歩", (5420, 2022), (7000, 2030), []),
    ]


# --- a group column beside the names --------------------------------------------------------------

GROUPS_CARRIED = """\
第５章 目標値

  分野３ 歯と口の健康
   指標                              対象             基準値         目標値
                                                    （令和５年度）  （令和12年度）
   むし歯のない子どもの割合          ３歳児            88.4％          95％
                                     12歳児            71.0％          80％
   かかりつけ歯科医で定期健診を受け  40歳以上          41.2％          55％
   ている人の割合
   １日の平均歩数                    20～64歳         6,850歩        8,000歩
                                     65歳以上         4,930歩        6,000歩
"""


def test_rows_without_a_name_take_the_name_above_and_every_row_its_group(tmp_path: Path) -> None:
    assert read(tmp_path, GROUPS_CARRIED) == [
        ("むし歯のない子どもの割合（３歳児）", "%", (88.4, 2023), (95, 2030), []),
        ("むし歯のない子どもの割合（12歳児）", "%", (71, 2023), (80, 2030), []),
        ("かかりつけ歯科医で定期健診を受けている人の割合（40歳以上）", "%", (41.2, 2023), (55, 2030), []),
        ("１日の平均歩数（20～64歳）", "歩", (6850, 2023), (8000, 2030), []),
        ("１日の平均歩数（65歳以上）", "歩", (4930, 2023), (6000, 2030), []),
    ]


GROUPS_OWN = """\
３ こころの健康

   指標                              対象         計画策定時      中間値        目標値
                                                  (R2年度)        (R5年度)      (R8年度)
  睡眠で休養がとれている人の割合     30歳代       61.5%           63.0%         70.0%
  1日に野菜を350g以上食べる人の割合  50～60歳代   22.8%           24.1%         30.0%
  ゲートキーパー養成講座の受講者数   －           210人           340人         500人
"""


def test_a_group_beside_names_of_their_own_is_a_note_never_a_figure(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(GROUPS_OWN, encoding="utf-8")
    plan = extract_file(path).plan
    assert [(i.name, i.unit, i.baseline.value, i.baseline.year, i.target.value, i.target.year, i.notes)
            for i in plan.indicators] == [
        ("睡眠で休養がとれている人の割合", "%", 61.5, 2020, 70, 2026, ["30歳代"]),
        ("1日に野菜を350g以上食べる人の割合", "%", 22.8, 2020, 30, 2026, ["50～60歳代"]),
        ("ゲートキーパー養成講座の受講者数", "人", 210, 2020, 500, 2026, []),
    ]


# --- years after a baseline -------------------------------------------------------------------------

PROJECTS = """\
                           みなと台町 実施計画（令和７年度～令和10年度）

施策２－３ 子育て支援の充実

  No.   事業名                       担当課        指標名                          単位   現状値    R7      R8      R9      R10
                                                                                          (R6)
  1     ファミリーサポート事業       子育て支援課  協力会員の登録者数               人       214      230     245     260     280
  2     病児保育事業                 保育課        病児保育の利用定員               人        12       12      18      18      24
  3     子育て情報発信事業           子育て支援課  アプリの登録世帯数               世帯    1,850    2,100   2,400   2,700   3,000
"""


def test_years_after_a_baseline_are_plans_the_last_the_target(tmp_path: Path) -> None:
    assert read(tmp_path, PROJECTS) == [
        ("協力会員の登録者数", "人", (214, 2024), (280, 2028), []),
        ("病児保育の利用定員", "人", (12, 2024), (24, 2028), []),
        ("アプリの登録世帯数", "世帯", (1850, 2024), (3000, 2028), []),
    ]
    path = tmp_path / "plan.txt"
    first = extract_file(path).plan.indicators[0]
    assert [(v.year, v.value) for v in first.interim_targets] == [(2025, 230), (2026, 245), (2027, 260)]


PLAIN = """\
施策３－１ 地域福祉の推進

  指標名                                単位    現状値    2025   2026   2027
                                                (2024)
  見守りネットワークの協力事業所数      事業所    96      105    115    125
  地域サロンの開設数                    か所      31       34     37     40
"""


def test_a_plain_table_with_years_after_its_baseline(tmp_path: Path) -> None:
    assert read(tmp_path, PLAIN) == [
        ("見守りネットワークの協力事業所数", "事業所", (96, 2024), (125, 2027), []),
        ("地域サロンの開設数", "か所", (31, 2024), (40, 2027), []),
    ]


@pytest.mark.parametrize("cells", [
    ["指標名", "現状値", "R6", "R7", "目標値"],  # a role word names the target: another reading's
    ["指標名", "現状値", "実績", "R6", "R7"],  # years under an actual word
    ["指標名", "現状値", "R7", "R6"],  # falling years
    ["指標名", "現状値", "R6"],  # one year only
    ["指標名", "現状値(R8)", "R6", "R7"],  # years before the baseline's
    ["指標名", "R6", "R7", "現状値"],  # years before the baseline
])
def test_years_that_are_no_plans_keep_their_reading(cells: list[str]) -> None:
    assert plans_after_baseline(cells) == cells


def test_plan_columns_after_the_baseline() -> None:
    assert plans_after_baseline(["指標名", "単位", "現状値(R5)", "R6", "R7", "R8"]) == [
        "指標名", "単位", "現状値(R5)", "計画値R6", "計画値R7", "計画値R8"]


# --- a tag before a name ---------------------------------------------------------------------------

TAGGED = """\
施策２ 農のある暮らし

  指標名                          現状値(R5)    目標値(R10)
  【KPI】市民農園の区画数           120区画       150区画
  【重点】農業体験の参加者数        1,480人       2,000人
  地産地消協力店の店舗数【店】       38           45
"""


def test_a_tag_before_a_name_is_no_unit(tmp_path: Path) -> None:
    assert read(tmp_path, TAGGED) == [
        ("市民農園の区画数", "区画", (120, 2023), (150, 2028), []),
        ("農業体験の参加者数", "人", (1480, 2023), (2000, 2028), []),
        ("地産地消協力店の店舗数", "店", (38, 2023), (45, 2028), []),
    ]


@pytest.mark.parametrize(("name", "unit", "rest"), [
    ("【KPI】市民農園の区画数", None, "市民農園の区画数"),
    ("【KPI】 【新規】 移住相談の件数", None, "移住相談の件数"),
    ("移住相談の件数【単位：件】", "件", "移住相談の件数"),
    ("一人あたりの事業費【千円/人】", "千円/人", "一人あたりの事業費"),
    ("図書の貸出冊数（単位：冊）", "冊", "図書の貸出冊数"),
    ("【KPI】図書の貸出冊数【冊】", "冊", "図書の貸出冊数"),
    ("図書の貸出冊数【重点】", None, "図書の貸出冊数【重点】"),  # a tag not opening the name stays
    ("【KPI】", None, "【KPI】"),  # a tag alone is no name to take it from
])
def test_bracketed_tags(name: str, unit: str | None, rest: str) -> None:
    assert unit_tag(name) == (unit, rest)
