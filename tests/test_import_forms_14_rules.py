"""Layouts of evaluation forms the fourteenth round found unread, each with composed variants.

Other names, figures, years and units than ``tests/data/blind_forms_14``; exact expected values.
"""

from __future__ import annotations

from pathlib import Path

from tests.sheet_reading import read as read_plan


def read(tmp_path: Path, text: str) -> list[tuple]:
    return read_plan(tmp_path, text, direction=True, blank_as_none=True)


def seeded(text: str) -> str:
    """Text as the seeds' extractor leaves it: a trailing space and a blank line after every line."""
    return "".join(f"{line} \n\n" for line in text.strip("\n").split("\n"))


# --- a cost table printed right after the indicator rows, its header a money caption ---------------

COST_AFTER = """\
平成30年度 事務事業評価シート
事務事業名 図書館資料整備事業
指標名 単位 区分 平成27年度 平成28年度 平成29年度 最終目標値 目標年度
活動指標 購入した図書の冊数 冊 目標値 9,000 9,200 9,400 10,000 平成32年度
実績値 8,870 9,310 9,020
成果指標 図書の年間貸出冊数 千冊 目標値 610 620 630 650 平成32年度
実績値 598 633 641
成果指標 予約の待ち日数 日 目標値 20 18 16 12 平成32年度
実績値 23 19 17
区分 （単位：千円） 平成28年度決算 平成29年度決算 平成30年度予算
①事業費 31,200 30,880 32,000
国庫支出金 4,100 4,050 4,300
一般財源 27,100 26,830 27,700
②平均職員費 8,000 8,100 8,200
③人員（人工） 1.2 1.2 1.2
④職員費（②×③） 9,600 9,720 9,840
⑤総事業費（①＋④） 40,800 40,600 41,840
"""


def test_a_money_caption_after_the_rows_ends_the_indicator_table(tmp_path: Path) -> None:
    assert read(tmp_path, seeded(COST_AFTER)) == [
        ("購入した図書の冊数", "冊", "increase", None, (10000, 2020), [(2015, 8870), (2016, 9310), (2017, 9020)]),
        ("図書の年間貸出冊数", "千冊", "increase", None, (650, 2020), [(2015, 598), (2016, 633), (2017, 641)]),
        ("予約の待ち日数", "日", "decrease", None, (12, 2020), [(2015, 23), (2016, 19), (2017, 17)]),
    ]


def test_the_cost_table_s_header_is_a_money_caption() -> None:
    from keikaku.importer.moneytables import is_money_caption

    assert is_money_caption("区分 （単位：千円） 平成28年度決算 平成29年度決算 平成30年度予算")
    assert is_money_caption("事業費の推移（単位：百万円）")
    assert not is_money_caption("指標名 単位 区分 平成27年度 平成28年度 最終目標値")


# --- records with 基準年度 and 目標年度 fields of their own ----------------------------------------

ROLE_YEAR_FIELDS = """\
施策評価シート
施策
2-3 生涯学習の推進
成果指標1
指標名
公民館の年間利用者数
単位
千人
方向性
上げる
基準値
148
基準年度
平成30年度
目標値
170
目標年度
令和7年度
実績の推移
年度
令和2年度
令和3年度
令和4年度
実績値
96
121
139
成果指標2
指標名
講座を修了した市民の数
単位
人
基準値
2,310
基準年度
平成30年度
目標値
2,800
目標年度
令和7年度
実績の推移
年度
令和2年度
令和3年度
令和4年度
実績値
1,450
1,980
2,240
"""


def test_a_role_year_field_dates_the_record_s_figure(tmp_path: Path) -> None:
    assert read(tmp_path, ROLE_YEAR_FIELDS) == [
        ("公民館の年間利用者数", "千人", "increase", (148, 2018), (170, 2025), [(2020, 96), (2021, 121), (2022, 139)]),
        ("講座を修了した市民の数", "人", "increase", (2310, 2018), (2800, 2025), [(2020, 1450), (2021, 1980), (2022, 2240)]),
    ]


# --- 上段：目標値 下段：実績値 over a laid-out header, the actual rows unlabelled --------------------

STACKED = """\
                         施策マネジメントシート（令和5年度）
施策名  地域医療の充実                                    主管課  健康推進課

2 施策の指標                                            上段：目標値　下段：実績値
  指標名                         単位   方向性  基準値        R2        R3        R4    目標値
                                                  (R1)                                    (R6)
  かかりつけ医がいる市民の割合   ％     ↗         61.0      62.0      63.0      64.0      66.0
                                                            61.8      62.4      64.9
  夜間救急の受診者数             人     ↘        4,850     4,700     4,600     4,500     4,200
                                                           4,910     4,630     4,410
"""


def test_a_legend_over_the_header_gives_the_lower_lines_as_actuals(tmp_path: Path) -> None:
    assert read(tmp_path, STACKED) == [
        ("かかりつけ医がいる市民の割合", "%", "increase", (61, 2019), (66, 2024), [(2020, 61.8), (2021, 62.4), (2022, 64.9)]),
        ("夜間救急の受診者数", "人", "decrease", (4850, 2019), (4200, 2024), [(2020, 4910), (2021, 4630), (2022, 4410)]),
    ]


def test_lower_lines_are_only_figures_under_a_row_of_more() -> None:
    from keikaku.importer.stackedrows import without_lower_lines
    from tests.sheet_reading import lines_of

    lines = lines_of("指標名 単位 R2 R3 目標値\n会員数 人 10 20 30\n11 19\n登録数 件 5 6 7\n")
    assert [line.key for line in without_lower_lines(lines)] == ["指標名 単位 R2 R3 目標値", "会員数 人 10 20 30", "登録数 件 5 6 7"]
    rows = lines_of("指標名 R2 R3\n(R1) (R4)\n会員数 10 20\n")
    assert without_lower_lines(rows) is rows  # nothing to take out
    lines = lines_of("指標名 単位 R2 R3\n会員数 人 10\n11 19 22\n")
    assert without_lower_lines(lines) is lines  # more figures than the row above: no lower half


# --- years over 予定 / 実績 pairs, the last year a plan only ----------------------------------------

PLANNED_PAIRS = """\
                               平成30年度 事務事業評価表
事務事業名  放課後子ども教室推進事業                  所管課  生涯学習課

成果・活動指標
                                 平成28年度           平成29年度            平成30年度
   指標名                   単位      予定      実績       予定      実績       予定
   教室の開催日数           日         180       176        190       193        200
   参加した児童の延べ人数   人      12,000    11,640     12,500    12,910     13,000
   単位コスト               円         620       655        610       598        600

トータルコスト（千円）
   区分                               予定      実績       予定      実績       予定
   事業費                            7,500     7,620      7,800     7,720      8,000
"""


def test_years_over_plan_and_actual_pairs_the_last_a_plan_only(tmp_path: Path) -> None:
    assert read(tmp_path, PLANNED_PAIRS) == [
        ("教室の開催日数", "日", "increase", None, (200, 2018), [(2016, 176), (2017, 193)]),
        ("参加した児童の延べ人数", "人", "increase", None, (13000, 2018), [(2016, 11640), (2017, 12910)]),
    ]


def test_a_unit_cost_and_a_money_caption_over_its_header_name_no_row() -> None:
    from keikaku.importer.norows import names_no_row

    assert names_no_row("単位コスト")
    assert names_no_row("単位当たりコスト(円)")
    assert names_no_row("トータルコスト（千円）区分予定実績予定実績予定")
    assert names_no_row("事業費(千円)計画実績")
    assert not names_no_row("事業費の削減率")
    assert not names_no_row("コスト削減額")


# --- 評価対象となる指標 heading the names, a 参考情報 column after the years ---------------------------

KEINEN = """\
2．主要な経年データ
  評価対象となる指標          基準値        R2年度     R3年度     R4年度     目標値     （参考情報）
                              （R1年度）                                      （R5年度）
  相談窓口の利用件数             1,240        1,310      1,395      1,460       1,600      前年比4.7%増
  研修の修了者数                    58           61         66         70          80
"""


def test_a_header_word_naming_the_indicators_under_evaluation_heads_the_names(tmp_path: Path) -> None:
    assert read(tmp_path, KEINEN) == [
        ("相談窓口の利用件数", None, "increase", (1240, 2019), (1600, 2023), [(2020, 1310), (2021, 1395), (2022, 1460)]),
        ("研修の修了者数", None, "increase", (58, 2019), (80, 2023), [(2020, 61), (2021, 66), (2022, 70)]),
    ]
    from keikaku.importer.lexicon import header_words

    assert header_words().role_of("評価対象となる指標") == "name"
    assert header_words().role_of("（参考情報）") == "note"
