"""Layouts met in real evaluation sheets that read nothing, each as a composed document.

- an evaluation form (施策評価表) whose whole page an extractor put on one line: rows lettered A, B
  after a run of year cells (単位 元年度(実績) 2年度(実績) …), a unit cell printed inside a row's
  name, and a last column of a year over stacked roles (上段:目標 / 下段:実績).
"""

from __future__ import annotations

from pathlib import Path

from keikaku.importer.letteredrows import lettered_rows
from tests.sheet_reading import lines_of, read

FLAT_LETTERED = (
    "令和 4 年度 施策評価表 施策番号 12 施策主管課 生涯学習課 第3章 学びあい育ちあうまち 施 策 名 "
    "図書館サービスの充実 課 長 名 〔氏名〕 1.施策の 対象と 対象指標 対象 市民 単位 元年度(実績) "
    "2年度(実績) 3年度(実績) 対象指標 A 登録利用者数(年度末) 人 41,210 40,875 40,502 B C 2.施策の "
    "意図と 成果指標 意図 〔本文〕 成果指標 単位 元年度(実績) 2年度(実績) 3年度(実績) A 図書館の利用に"
    "満足している % 市民の割合 61.4 58.2 63.0 4年度 (上段:目標) (下段:実績) 70.0 64.8 B C D 〔本文〕 "
    "目標設定の考え方 〔本文〕\n"
)


def test_a_flattened_form_reads_its_lettered_rows(tmp_path: Path) -> None:
    assert read(tmp_path, FLAT_LETTERED) == [
        ("登録利用者数(年度末)", "人", None, None, [(2019, 41210), (2020, 40875), (2021, 40502)]),
        ("図書館の利用に満足している市民の割合", "%", None, (70.0, 2022),
         [(2019, 61.4), (2020, 58.2), (2021, 63.0), (2022, 64.8)]),
    ]


FLAT_LETTERED_TWO_ROWS = (
    "平成 28 年度 施策評価表 対象指標 単位 24年度(実績) 25年度(実績) 26年度(実績) 27年度(実績) "
    "A 市内の事業所数 事業所 3,112 3,090 3,075 3,041 B 従業者数 人 28,400 28,150 27,990 27,620 C "
    "成果指標 単位 24年度(実績) 25年度(実績) 26年度(実績) A 創業支援を受けて開業した件数 件 "
    "14 18 21 B 事業承継の相談件数 件 40 52 61 27年度 (上段:目標) (下段:実績) 25 19 70 66 C\n"
)


def test_a_flattened_form_with_two_rows_in_each_table(tmp_path: Path) -> None:
    assert read(tmp_path, FLAT_LETTERED_TWO_ROWS) == [
        ("市内の事業所数", "事業所", None, None, [(2012, 3112), (2013, 3090), (2014, 3075), (2015, 3041)]),
        ("従業者数", "人", None, None, [(2012, 28400), (2013, 28150), (2014, 27990), (2015, 27620)]),
        ("創業支援を受けて開業した件数", "件", None, (25, 2015), [(2012, 14), (2013, 18), (2014, 21), (2015, 19)]),
        ("事業承継の相談件数", "件", None, (70, 2015), [(2012, 40), (2013, 52), (2014, 61), (2015, 66)]),
    ]


def test_a_flattened_row_short_of_a_figure_gives_nothing() -> None:
    short = FLAT_LETTERED.replace(" 40,875 ", " ").replace(" 58.2 ", " ")
    assert [r.name for r in lettered_rows(lines_of(short))] == []


def test_names_listed_after_their_letters_keep_a_unit_as_the_end_of_a_name() -> None:
    listed = "令和 5 年度\nA\nB\n人口\n人\n世帯数\n世帯\n単位 2年度(実績) 3年度(実績) 4年度(実績)\n" \
             "52,300\n52,010\n51,880\n21,400\n21,520\n21,610\n"
    rows = lettered_rows(lines_of(listed))
    assert [(r.name, r.unit) for r in rows] == [("人口", "人"), ("世帯数", "世帯")]
    assert [[(y, q.value) for y, q, _ in r.actuals] for r in rows] == [
        [(2020, 52300), (2021, 52010), (2022, 51880)], [(2020, 21400), (2021, 21520), (2022, 21610)]]


def test_a_flattened_form_is_cut_into_its_cells() -> None:
    from keikaku.importer.letteredcells import lettered_cells

    text = "対象 市民 単位 30年度(実績) 元年度(実績) 2年度(実績) 対象指標 A 世帯数 世帯 9,120 9,204 9,311 B C"
    assert [ln.text for ln in lettered_cells(lines_of(text))] == [
        "対象 市民", "単位 30年度(実績) 元年度(実績) 2年度(実績)", "対象指標", "A", "世帯数", "世帯",
        "9,120", "9,204", "9,311", "B", "C"]


def test_a_line_with_a_letter_but_no_run_of_years_stays_whole() -> None:
    from keikaku.importer.letteredcells import lettered_cells

    text = "単位 30年度(実績) 元年度(実績) 評価 A 順調に進んでいる 9,120 9,204"
    assert [ln.text for ln in lettered_cells(lines_of(text))] == [text]


TITLED_GROUP_ROW = """\
【参考】 第2次健康増進計画における数値目標
〔朝食を毎日食べる児童生徒の割合の向上(学校アンケート)〕
小学生 現状値(令和元年度)88.5% → 令和6年度 95%以上
"""


def test_a_row_named_by_its_group_takes_the_bracketed_title_above(tmp_path: Path) -> None:
    rows = read(tmp_path, TITLED_GROUP_ROW, direction=True)
    assert rows == [("朝食を毎日食べる児童生徒の割合(小学生)", "%", "increase", (88.5, 2019), (95, 2024), [])]


def test_a_group_row_under_a_placeholder_keeps_its_name(tmp_path: Path) -> None:
    text = TITLED_GROUP_ROW.replace("〔朝食を毎日食べる児童生徒の割合の向上(学校アンケート)〕", "〔本文〕")
    assert [r[0] for r in read(tmp_path, text)] == ["小学生"]
