"""Evaluation sheets flattened onto one line (keikaku/importer/reviewsheets.py and the header words they need).

Made-up sheets (fictional names and figures, other years and units than the corpus cases) in the
layouts of an organisation's target sheet with past actuals and a rate, an activity list with a run
of figures per year, and an outcome header whose years are glued before their words.
"""

from __future__ import annotations

from pathlib import Path

from sheet_reading import actuals_by_year as _actuals
from sheet_reading import extract_by_name as _extract


def _target_sheet(rate: str = "95.0%", past: str = "令和3年度 410 令和4年度 425 431") -> str:
    return ("令和5年度外郭団体経営目標評価シート 様式3 団体名 指 標 名 ① 過 市民スポーツ振興会 教室参加者数 去 の 実 績 "
            f"令和2年度 (単位: 人 ) {past} 目 標 値 400人 実 績 値 達 成 率 {rate} 達 成 状 況 380人 "
            "未実施・未達成・達成 取 〔本文〕 組 内 容 一 次 〔評価コメント〕 評 価 指 標 名 ② 過 会報発行事業 去 の 実 績 "
            "令和2年度 (単位: 回 ) 令和3年度 6 令和4年度 6 8 目 標 値 10回 実 績 値 達 成 率 120.0% 達 成 状 況 12回 "
            "未実施・未達成・達成 取 〔本文〕")


def test_past_actuals_and_the_actual_the_rate_settles(tmp_path):
    got = _extract(tmp_path, _target_sheet())
    a, b = got["教室参加者数"], got["会報発行事業"]
    assert a.unit == "人" and a.target.value == 400 and a.target.year is None
    assert _actuals(a) == {2020: 410, 2021: 425, 2022: 431, 2023: 380}
    assert b.unit == "回" and b.target.value == 10
    assert _actuals(b) == {2020: 6, 2021: 6, 2022: 8, 2023: 12}


def test_a_rate_that_is_not_the_share_of_the_target_settles_nothing(tmp_path):
    got = _extract(tmp_path, _target_sheet(rate="90.0%"))  # 380 / 400 is 95.0%, not 90.0%
    assert _actuals(got["教室参加者数"]) == {2020: 410, 2021: 425, 2022: 431}
    assert _actuals(got["会報発行事業"]) == {2020: 6, 2021: 6, 2022: 8, 2023: 12}


def test_past_years_and_figures_must_match_in_number(tmp_path):
    got = _extract(tmp_path, _target_sheet(past="令和3年度 410 令和4年度 425"))  # three years, two figures
    assert _actuals(got["教室参加者数"]) == {}  # no past actuals: the year of the settled one is not known either
    assert got["教室参加者数"].target.value == 400


def test_a_figure_of_another_unit_among_the_past_refuses_them(tmp_path):
    got = _extract(tmp_path, _target_sheet(past="令和3年度 410 令和4年度 425 431千円"))
    assert _actuals(got["教室参加者数"]) == {}


YEAR_RUNS = ("事業評価シート 緑化推進課 1.事業の目的 〔本文〕 2.取組 〔本文〕 平成28年度 活動指標 1 2 3 "
             "植樹本数 花壇管理箇所数 緑化講習会参加者数 5.活動の推移 120本 14か所 85人 平成29年度 135本 15か所 92人 "
             "平成30年度 150本 15か所 88人 事業をとりまく状況 〔本文〕")


def test_numbered_names_then_a_run_of_figures_per_year(tmp_path):
    got = _extract(tmp_path, YEAR_RUNS)
    assert _actuals(got["植樹本数"]) == {2016: 120, 2017: 135, 2018: 150} and got["植樹本数"].unit == "本"
    assert _actuals(got["花壇管理箇所数"]) == {2016: 14, 2017: 15, 2018: 15} and got["花壇管理箇所数"].unit == "か所"
    assert _actuals(got["緑化講習会参加者数"]) == {2016: 85, 2017: 92, 2018: 88} and got["緑化講習会参加者数"].unit == "人"
    assert all(got[n].target is None and got[n].baseline is None for n in ("植樹本数", "花壇管理箇所数", "緑化講習会参加者数"))


def test_a_short_run_ends_the_runs(tmp_path):
    got = _extract(tmp_path, YEAR_RUNS.replace("平成30年度 150本 15か所 88人", "平成30年度 150本 15か所 〔本文〕"))
    assert _actuals(got["植樹本数"]) == {2016: 120, 2017: 135}


def test_one_run_or_a_unit_that_changes_reads_nothing(tmp_path):
    one = YEAR_RUNS.split(" 平成29年度")[0] + " 〔本文〕"
    assert not {"植樹本数", "花壇管理箇所数", "緑化講習会参加者数"} & set(_extract(tmp_path, one))
    changed = YEAR_RUNS.replace("92人", "92回")
    got = _extract(tmp_path, changed)
    assert not any(n in got and got[n].actuals for n in ("植樹本数", "花壇管理箇所数", "緑化講習会参加者数"))


def test_years_glued_before_their_words_take_the_header_era(tmp_path):
    text = ("一般事業 1/3 市民農園の運営 評価事業名 都市農業課 担当課 〔本文〕 2.目標に対する達成状況 成果を測る指標 "
            "2年度実績 4年度現状値 目標値(R8) 市民農園の利用者 数 120人 138人 150人 目標値に対する 〔本文〕")
    got = _extract(tmp_path, text)
    row = got["市民農園の利用者数"]
    assert row.unit == "人"
    assert (row.baseline.value, row.baseline.year) == (138, 2022)
    assert (row.target.value, row.target.year) == (150, 2026)
    assert _actuals(row) == {2020: 120}


def test_glued_years_stay_undated_when_no_era_is_named(tmp_path):
    text = ("一般事業 1/3 市民農園の運営 評価事業名 都市農業課 担当課 〔本文〕 2.目標に対する達成状況 成果を測る指標 "
            "2年度実績 4年度現状値 目標値 市民農園の利用者 数 120人 138人 150人 目標値に対する 〔本文〕")
    row = _extract(tmp_path, text)["市民農園の利用者数"]
    assert (row.baseline.value, row.baseline.year) == (138, None)
    assert (row.target.value, row.target.year) == (150, None)
    assert _actuals(row) == {}  # an actual needs its year
