"""Rules learnt from indicator lists of basic plans, revitalisation strategies and sectoral plans held
out of the importer's making (tests/corpus/README.md, the cases added with
``kanagawa-ken-shogaisha-seikamokuhyo`` … ``unidentified-gomi-keikaku-tassei-kaitei``), each on a
document composed here in that layout's own form, with invented names and figures; and the
forms the rules must not take for indicators."""

from __future__ import annotations

from pathlib import Path

from keikaku.domain.planfile import PlanDocument
from keikaku.importer.announced import announced_rows
from keikaku.importer.goalsentence import goal_of
from keikaku.importer.normalize import make_line
from keikaku.importer.periodrows import period_rows
from keikaku.importer.pipeline import extract_file
from keikaku.importer.values import dated_value, parse_year


def extract_text(tmp_path: Path, text: str) -> PlanDocument:
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    return extract_file(path).plan


def rows(plan: PlanDocument) -> list[tuple]:
    return [(i.name, i.unit, i.baseline and (i.baseline.value, i.baseline.year),
             i.target and (i.target.value, i.target.year),
             [(a.year, a.value) for a in i.actuals]) for i in plan.indicators]


# --- years: a Western year with its era in brackets before 年度 ------------------------------------

def test_a_western_year_with_the_era_in_brackets_before_its_suffix() -> None:
    assert dated_value("1,250件(2019(令和元)年度)") == ("1,250件", 2019)
    assert dated_value("35団体(2016(H28)年度)") == ("35団体", 2016)
    assert parse_year("2021(令和3)年") == 2021
    assert dated_value("80件(2025年度)") == ("80件", 2025)
    assert parse_year("2021(令和3)") == 2021  # no suffix, as before
    assert dated_value("12(3)年度") == ("12(3)年度", None)  # not a year at all


# --- name: baseline(year) → target(year), a space before a bracketed year -------------------------

ARROWS = (
    "基本目標\n"
    "・可燃ごみの排出量:18,430t (令和2年度) → 16,900t (令和8年度)\n"
    "・浄化槽の設置基数:1,204基(令和2年度) → 1,350基 (令和8年度)\n"
)


def test_an_arrow_line_with_a_space_before_each_bracketed_year(tmp_path: Path) -> None:
    assert rows(extract_text(tmp_path, ARROWS)) == [
        ("可燃ごみの排出量", "t", (18430, 2020), (16900, 2026), []),
        ("浄化槽の設置基数", "基", (1204, 2020), (1350, 2026), []),
    ]


# --- rows after a sentence naming the cells, with a category cell before each name -------------------

CATEGORIES = (
    "以下、取組の柱、指標、現状値(直近の値)、目標値の順に記載する。 地域の支え合い 見守り協力事業所の登録数 "
    "85事業所(2018(平成30)年度) 140事業所(2024年度) 相談体制の充実 相談支援専門員の養成者数 "
    "320人(2018(平成30)年度) 500人(2023年度) 人材の確保 介護職員初任者研修の受講者数 1,040人(2018(平成30)年度) "
    "基礎:600人 応用…\n"
)


def test_dated_rows_drop_the_category_cell_printed_before_each_name(tmp_path: Path) -> None:
    assert rows(extract_text(tmp_path, CATEGORIES)) == [
        ("見守り協力事業所の登録数", "事業所", (85, 2018), (140, 2024), []),
        ("相談支援専門員の養成者数", "人", (320, 2018), (500, 2023), []),
        ("介護職員初任者研修の受講者数", "人", (1040, 2018), None, []),  # its target split by kind: the baseline alone
    ]


def test_a_name_broken_where_it_runs_on_stays_whole(tmp_path: Path) -> None:
    text = "地域の 見守り協力事業所の登録数 85事業所(2018年度) 140事業所(2024年度)\n"
    assert rows(extract_text(tmp_path, text))[0][0] == "地域の見守り協力事業所の登録数"


# --- a table announced by a sentence, its rows' cells counted -----------------------------------------

ANNOUNCED = (
    "ア 成果目標の実績   成果目標、令和5年度目標、令和5年度実績、達成率の順で記載   "
    "一般就労に移行した人数、120人 令和元年度の1.3倍 96人、令和元年度の1.05倍、80.0%   "
    "施設入所者の減少数(令和元年度末対比)、30人減 令和5年度末の入所者数 1,170人、12人減 令和5年度末の入所者数 1,188人、40.0%"
    "  イ 主な取組の状況 ○ 〔本文〕\n"
)


def test_a_table_announced_by_a_sentence_of_its_cells(tmp_path: Path) -> None:
    assert rows(extract_text(tmp_path, ANNOUNCED)) == [
        ("一般就労に移行した人数", "人", None, (120, 2023), [(2023, 96)]),
        ("施設入所者の減少数(令和元年度末対比)", "人", None, (30, 2023), [(2023, 12)]),
    ]


def test_an_announcing_sentence_over_rows_without_figures_reads_nothing() -> None:
    line = make_line("以下、区分、令和5年度目標、令和5年度実績の順に記載する。 就労支援の充実、関係機関と連携する、引き続き実施する", 0)
    found, rest = announced_rows([line])
    assert found == [] and rest == [line]
    prose = make_line("申請は受付の順に記載する。 窓口で 120人 を受け付けた", 0)
    assert announced_rows([prose]) == ([], [prose])


# --- a goal sentence, then its figures on an arrow line --------------------------------------------------

GOALS = (
    "前計画の達成状況\n"
    "家庭系ごみ\n"
    "1人1日当たり家庭ごみ排出量を令和2年度において、平成27年度より8%以上削減する。\n"
    "達成状況\n"
    "未達成\n"
    "540グラム毎人・日(平成27年度)→552グラム毎人・日(令和2年)\n"
    "新たな目標\n"
    "1人1日当たり家庭ごみ排出量を令和13年度において、令和2年度より12%以上削減する。\n"
    "552グラム→486グラム\n"
    "令和13年度における資源化率を25%以上とする。\n"
    "18%→25%\n"
)


def test_a_goal_sentence_names_the_arrow_line_after_it(tmp_path: Path) -> None:
    assert rows(extract_text(tmp_path, GOALS)) == [
        ("1人1日当たり家庭ごみ排出量", "グラム", (552, 2020), (486, 2031), []),
        ("資源化率", "%", (18, None), (25, 2031), []),  # the sentence names no baseline year
    ]


def test_goal_sentences_and_what_they_are_not() -> None:
    goal = goal_of("(2) 事業系ごみの排出量を令和10年度までに、令和4年度比で5%削減します。")
    assert goal is not None and (goal.name, goal.target_year, goal.base_year) == ("事業系ごみの排出量", 2028, 2022)
    goal = goal_of("令和10年度の食品ロス量を1,900トンとする。")
    assert goal is not None and (goal.name, goal.target_year, goal.base_year) == ("食品ロス量", 2028, None)
    assert goal_of("ごみの減量に市民の皆さまのご協力をお願いします。") is None
    assert goal_of("排出量を令和2年度において、令和5年度より5%削減する。") is None  # the base year after the target's


# --- an indicator recorded period by period ------------------------------------------------------------

PERIODS = (
    "障害福祉計画 成果目標 (1)一般就労移行者数 〔本文〕 これまでの実績 第1期 期間 H18〜H20 目標数 12 就労者数 9 達成率 75% "
    "備考 第2期 期間 H21〜H23 目標数 15 就労者数 15 達成率 100% 備考 第3期 期間 H24〜H26 目標数 18 就労者数 12 "
    "達成率 67% 備考 (2)施設入所者数 〔本文〕 これまでの実績 第1期 期間 H18〜H20 目標数 60 入所者数 (年度末) 64 "
    "達成率 94% 備考 第2期 期間 H21〜H23 目標数 58 入所者数 (年度末) 58 達成率 100% 備考\n"
)


def test_period_rows_settled_by_their_rates(tmp_path: Path) -> None:
    plan = extract_text(tmp_path, PERIODS)
    assert rows(plan) == [
        ("一般就労移行者数", None, None, (18, 2014), [(2008, 9), (2011, 15), (2014, 12)]),
        ("施設入所者数", None, None, (58, 2011), [(2008, 64), (2011, 58)]),
    ]
    assert [i.direction.value for i in plan.indicators] == ["increase", "decrease"]


def test_period_rows_whose_rate_settles_nothing_are_not_read() -> None:
    line = make_line("(1)一般就労移行者数 第1期 期間 H18〜H20 目標数 12 就労者数 9 達成率 50% 備考", 0)
    assert period_rows([line]) == ([], [line])


# --- a KPI sheet: the KPI column between the baseline and the actual, labels before figures -----------

KPI_SHEET = (
    "事業評価調書 基本目標 2 〔本文〕 数値目標項目 基準値 KPI 実績値 進捗状況 "
    "観光入込客数の増加 R2年度現在 410千人 R7年度予測 380千人 450千人 432千人 順調 "
    "宿泊施設の客室数の維持 R2年度現在 260室 R7年度予測 240室 260室 258室 遅れ "
    "移住相談件数 過去3年間実績 45件 60件 21件 順調 予算措置状況 一般財源 0 その他 0 "
    "目標項目 目標値 令和3年度 中間実績値 空き家バンク登録件数 30件 12件 地域おこし協力隊の 定着者数 6人 2人 "
    "総合進捗状況 遅れ 40% 一般財源 0 基準値 "
    "KPI 実績値 進捗状況 新規就漁者数 - 4人 1人 順調 漁業体験の 参加者数 - 80人 35人 遅れ 総額 0 0\n"
)


def test_a_kpi_sheet_with_the_kpi_column_between_the_value_columns(tmp_path: Path) -> None:
    assert rows(extract_text(tmp_path, KPI_SHEET)) == [
        ("観光入込客数の増加", "千人", (410, 2020), (450, None), []),
        ("宿泊施設の客室数の維持", "室", (260, 2020), (260, None), []),
        ("移住相談件数", "件", (45, None), (60, None), []),
        ("空き家バンク登録件数", "件", None, (30, None), [(2021, 12)]),
        ("地域おこし協力隊の定着者数", "人", None, (6, None), [(2021, 2)]),
        ("新規就漁者数", "人", (None, None), (4, None), []),  # '-': no baseline; the actuals, without a year, kept out
        ("漁業体験の参加者数", "人", (None, None), (80, None), []),
    ]
