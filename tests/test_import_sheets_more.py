"""Sheets and flattened tables read by loosened readings: a second header later on a flattened
line, a glued header whose words carry a head or a year before them, cells a space apart glued to
their names, period totals and month-end dates, and bulleted names broken by their own value.

The documents here are made up: fictional places, names and figures.
"""

from __future__ import annotations

from keikaku.importer.normalize import collapse
from keikaku.importer.pipeline import extract_document
from keikaku.importer.records import RawDocument, RawLine
from keikaku.importer.values import parse_quantity, parse_year_in


def extract(text: str):
    doc = RawDocument(name="doc.txt", format="text", sha256="0" * 64, lines=[RawLine(t) for t in text.splitlines()])
    return extract_document(doc).plan


def by_name(plan) -> dict:
    return {i.name: i for i in plan.indicators}


# --- values -----------------------------------------------------------------------------------

def test_a_month_end_date_in_brackets_is_the_fiscal_year_it_closes():
    assert parse_year_in("実績値(H30年3月末)") == ("実績値", 2017)
    assert parse_year_in("(令和2年1月末)") == ("", 2019)
    assert parse_year_in("実績値(H30年9月)") == ("実績値", 2018)
    assert parse_year_in("目標値(R5年度)") == ("目標値", 2023)


def test_a_total_over_a_period_is_its_figure():
    q = parse_quantity("3年間で25人増")
    assert (q.value, q.unit, q.kind) == (25, "人", "number")
    assert parse_quantity("4か年で120件").value == 120
    assert parse_quantity("25人増").unit == "人増"  # no period: left as printed


def test_latin_capitals_letter_spaced_are_rejoined_only_into_a_header_word():
    assert collapse("施策名 K P I 目標値") == "施策名 KPI 目標値"
    assert collapse("評価 A B C") == "評価 A B C"


# --- a second header later on a flattened line ---------------------------------------------------

SECOND_HEADER = (
    "ふもと村 総合戦略 評価シート(架空) 基本目標1 山のしごと 数値目標 基本目標の評価 目標値(H31年度) "
    "山林作業の就業者数 - 4年間で12人増 施 策 名 K P I 目標値(H31年度) 実績値(H29年3月末) "
    "平成28年度の取組と実績値の分析 今後の展開 ①〔本文〕 ②〔本文〕 ①木のまちづくりの推進 "
    "木工教室の開催 5回以上 2回 木材加工の新商品数 8品 3品 ○平成28年度の分析 〔本文〕"
)


def test_a_second_header_run_later_on_a_flattened_line_heads_its_own_rows():
    got = by_name(extract(SECOND_HEADER))
    total = got["山林作業の就業者数"]
    assert (total.target.value, total.target.year, total.unit) == (12, 2019, "人")
    course = got["木工教室の開催"]
    assert (course.target.value, course.target.year) == (5, 2019)
    assert [(a.year, a.value) for a in course.actuals] == [(2016, 2)]
    goods = got["木材加工の新商品数"]
    assert [(a.year, a.value) for a in goods.actuals] == [(2016, 3)]
    assert not any("〔" in name or "施策名" in name for name in got)


# --- a glued header: a head before a value word, a year before the next ----------------------------

GLUED = (
    "かわべ町 総合計画(架空) 前期計画の数値目標と進捗状況区分前期計画策定時数値目標令和3年度進捗状況"
    "町立図書館の蔵書を更新した学校数2校/6校6校/6校4校/6校給水施設の更新率31.5% 50.0% 44.2%"
    "川辺の清掃に参加した町民の割合(年間)12.0% 20.0% 15.5%1〔本文〕2〔本文〕"
)


def test_a_glued_header_keeps_its_chain_over_a_word_head_and_a_year_before_a_word():
    got = by_name(extract(GLUED))
    rate = got["給水施設の更新率"]
    assert (rate.baseline.value, rate.target.value, rate.unit) == (31.5, 50.0, "%")
    assert [(a.year, a.value) for a in rate.actuals] == [(2021, 44.2)]
    share = got["川辺の清掃に参加した町民の割合(年間)"]
    assert (share.baseline.value, share.target.value) == (12.0, 20.0)
    # ratio cells (a count over its total) end the row before them but give no figure
    ratio = got["町立図書館の蔵書を更新した学校数"]
    assert ratio.baseline is None and ratio.target is None and not ratio.actuals


def test_spaced_cells_not_glued_to_a_name_are_no_glued_row():
    text = (
        "現行計画の目標達成状況 〔本文〕 指標 中間目標 最終目標 現状 ① 架空町の堆肥化量 120t 150t 110t "
        "② 架空町の集団回収率 12% 15% 11% 総回収率 20% 22% 19% (2) 〔本文〕"
    )
    got = by_name(extract(text))
    assert got["架空町の堆肥化量"].target.value == 150


# --- bulleted names broken by their own value --------------------------------------------------------

BULLETS = """令和5年度 事務事業評価結果一覧表(架空)
施策
2-1 公園の維持管理
事業費
(千円)
1,200
活動
・公園清掃の実施回数
令和4年度の指標名
実績値
3回 ・花壇の植替え
効率
評価
A
〔評価コメント〕
自 遊具更新事業
×
880
・遊具の点検をおこなっ
45台
た台数
・利用者アンケートの回
数
・公園愛護会の登録団体
数
B
〔評価コメント〕
その他 現状 現状
"""


def test_bulleted_names_are_indicators_and_a_value_inside_a_broken_name_is_its_actual():
    got = by_name(extract(BULLETS))
    assert {"公園清掃の実施回数", "花壇の植替え", "遊具の点検をおこなった台数", "利用者アンケートの回数", "公園愛護会の登録団体数"} <= set(got)
    checked = got["遊具の点検をおこなった台数"]
    assert [(a.year, a.value) for a in checked.actuals] == [(2022, 45)]
    assert checked.unit == "台"
    assert not got["公園清掃の実施回数"].actuals  # 3回 is printed apart from it: not placed
