"""Layouts of municipal sheets the engine read nothing of, each in a document composed here.

Names, figures, years and units are invented; each layout is one cities print:

- an HTML table turned into pipe text one cell per line: the header's second row (a year under the
  baseline column, a bracketed year under the target column) printed after the whole first row,
  every figure's survey year on the line under it without its era (``120区画`` / ``(1年度)``), one
  whole row and a second row cut short by the page, its last figure broken at a comma;
- a national form flattened onto one line: the baseline column's word and its date printed once
  (``現 状 (令和5年3月末現在)``), another column's header beside it, then names each followed by one
  figure; further down a title naming the year of the targets (``令和6年度の目標案及び…``) and a name,
  its figure and the target word after it (``目 標 案``);
- a page explaining the indicators flattened onto one line: a legend of circled field numbers and
  their titles printed once, then each indicator's name before its ① … ④ texts (a reference figure of
  other cities in ④ is no value of it).
"""

from __future__ import annotations

from pathlib import Path

from keikaku.importer.celllist import _named_rows, _rejoined_header
from keikaku.importer.datedlist import dated_list_rows
from keikaku.importer.fieldentries import field_entry_rows
from keikaku.importer.figures import _titled_year
from keikaku.importer.lexicon import header_words
from keikaku.importer.normalize import make_line
from keikaku.importer.sieve import no_name
from tests.sheet_reading import lines_of, read






PIPE_CELLS = """\
里山と農地を守る取組の進み具合
1 身近な緑を次の世代へ引き継ぎます。
指 標 目 標 |
計画策定 |
R2年度 |
R3年度 |
R4年度 |
目標値 |
R1年度 |
(R6年度) |
||||
◇市民農園の区画数 |
120区画
(1年度) |
126区画
(2年度) |
131区画
(3年度) |
140区画
(4年度) |
160区画 |
◇里山ボランティア登録者数 |
85人 |
90人 |
1,
"""


def test_pipe_cells_with_a_second_header_row_after_the_first(tmp_path: Path) -> None:
    assert read(tmp_path, PIPE_CELLS) == [
        ("市民農園の区画数", "区画", (120, 2019), (160, 2024), [(2020, 126), (2021, 131), (2022, 140)]),
        ("里山ボランティア登録者数", "人", (85, 2019), None, [(2020, 90)]),  # the cut figure 1, is no actual
    ]


def test_second_header_row_dates_columns_only_one_year_each() -> None:
    def header(*cells: str) -> list[str]:
        return [text for text, _ in _rejoined_header([(c, make_line(c, k)) for k, c in enumerate(cells)])]

    assert header("指標名", "計画策定", "R2年度", "目標値", "R1年度", "(R6年度)") == [
        "指標名", "計画策定(R1年度)", "R2年度", "目標値(R6年度)"]
    # three years under two undated value columns: the years stay cells of their own
    assert header("指標名", "計画策定", "R2年度", "目標値", "R1年度", "R5年度", "(R6年度)") == [
        "指標名", "計画策定", "R2年度", "目標値", "R1年度", "R5年度", "(R6年度)"]


def test_rows_line_up_with_the_header_only_as_a_name_and_figures() -> None:
    def cells(*texts: str) -> list:
        return [(t, make_line(t, k)) for k, t in enumerate(texts)]

    assert _named_rows(cells("名前の一", "12人", "15人", "名前の二", "3人"), 3) == 3
    assert _named_rows(cells("名前の一", "12人", "備考の文章です", "名前の二", "3人"), 3) is None
    assert _named_rows(cells("12人", "名前の一", "15人"), 3) is None


DATED_LIST = (
    "(様式3) 令和6年度の目標及びその達成に向けた取組計画(案) 市 町 村 名 : 架空市 Ⅰ 森林の手入れ 1 現状及び課題 "
    "現 状 (令和5年3月末現在) 課 題 市内の森林面積(A) 5,310 ha 手入れ不足の森林面積(B) 812.5 ha "
    "割合(B/A×100) 15.3% 〔課題〕 ※ 〔注記〕 2 令和6年度の目標案及び取組計画案 間伐の実施面積 40.0 ha "
    "目 標 案 目標案設定の考え方:〔本文〕 作業員数(実数) 12 人 〔本文〕\n"
)


def test_dated_list_and_a_target_after_its_figure(tmp_path: Path) -> None:
    assert read(tmp_path, DATED_LIST) == [
        ("間伐の実施面積", "ha", None, (40, 2024), []),
        # 令和5年3月末 closes fiscal year 2022
        ("市内の森林面積(A)", "ha", (5310, 2022), None, []),
        ("手入れ不足の森林面積(B)", "ha", (812.5, 2022), None, []),
        ("割合(B/A×100)", "%", (15.3, 2022), None, []),
    ]


def test_dated_list_needs_two_pairs_and_a_dated_baseline_word() -> None:
    one = lines_of("現状 (令和4年12月現在) 登録者数 320 人 〔本文〕")
    assert dated_list_rows(one) == []
    undated = lines_of("現状 課題 登録者数 320 人 開催回数 12 回 〔本文〕")
    assert dated_list_rows(undated) == []
    other_word = lines_of("目標 (令和8年度) 登録者数 400 人 開催回数 15 回")
    assert dated_list_rows(other_word) == []  # only a baseline word heads such a list
    rows = dated_list_rows(lines_of("現況 (2023年度) 登録者数 320 人 開催回数 12 回 〔本文〕"))
    assert [(r.name, r.unit, r.baseline.value, r.baseline_year) for r in rows] == [
        ("登録者数", "人", 320, 2023), ("開催回数", "回", 12, 2023)]
    known = dated_list_rows(lines_of("現況 (2023年度) 登録者数 320 人 開催回数 12 回"), known=["登録者数"])
    assert [r.name for r in known] == ["開催回数"]


def test_a_title_dates_the_targets_only_when_it_names_the_role_alone() -> None:
    assert _titled_year("令和6年度の目標案及び取組計画案") == ("target", 2024)
    assert _titled_year("平成30年度の目標") == ("target", 2018)
    assert _titled_year("令和6年度の目標達成状況") is None  # one subject: 目標達成状況
    assert _titled_year("目標案及び取組計画") is None  # no year
    assert _titled_year("令和6年度目標") is None  # no の: a label, read as one


def test_a_target_after_its_figure_without_a_title_has_no_year(tmp_path: Path) -> None:
    text = "2 取組計画 間伐の実施面積 40.0 ha 目 標 案 〔本文〕\n"
    assert read(tmp_path, text) == [("間伐の実施面積", "ha", None, (40, None), [])]


FIELD_ENTRIES = (
    "資料編 指標の説明 12 指標名 ①指標の説明 ②目標設定の考え方 ③算出方法 ④出典 年間観光入込客数 ①〔本文〕 ②〔本文〕 "
    "③宿泊客数+日帰り客数 ④県観光統計(R4 1,250 千人) 市内の事業所数 (従業者 5 人以上) ①〔本文〕 ②〔本文〕 "
    "③経済センサスの事業所数 ④比較値なし 地域活動に参加した市民の 割合 ①〔本文〕 ②〔本文〕 ③参加した人/回答者×100% "
    "④市民意識調査\n"
)


def test_entries_named_before_their_numbered_fields(tmp_path: Path) -> None:
    # the reference figure of field ④ (1,250 千人) is no value of the indicator
    assert read(tmp_path, FIELD_ENTRIES) == [
        ("年間観光入込客数", None, None, None, []),
        ("市内の事業所数(従業者5人以上)", None, None, None, []),
        ("地域活動に参加した市民の割合", None, None, None, []),
    ]


def test_numbered_fields_without_a_legend_name_nothing() -> None:
    # circled numbers of prose (a measure's actions), no legend of short titles before them
    prose = lines_of("施策の方向 ①〔本文〕 ②〔本文〕 ③〔本文〕 公園の整備 ①〔本文〕 ②〔本文〕 ③〔本文〕")
    assert field_entry_rows(prose) == []
    # a legend whose titles name neither an indicator nor a value: a list of other things
    other = lines_of("①事業の概要 ②実施主体 ③スケジュール 道路の補修 ①〔本文〕 ②〔本文〕 ③〔本文〕")
    assert field_entry_rows(other) == []
    # two fields are no legend
    short = lines_of("①指標の意味 ②目標値とした理由 公園の数 ①〔本文〕 ②〔本文〕")
    assert field_entry_rows(short) == []


def test_a_word_that_names_a_column_only_alone() -> None:
    # 計画策定 heads the baseline column as a whole cell; inside a name it is the name's words
    assert header_words().role_of("計画策定") == "baseline"
    assert header_words().role_of("計画策定数") is None
    assert no_name("計画策定") and not no_name("計画策定数") and not no_name("対象者数")
    assert header_words().role_of("目標案") == "target"
