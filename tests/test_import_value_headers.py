"""A table whose header names the value columns only (no cell over the names), its rows numbered
1-1, 2-3 and grouped under short titles, counts with a part in brackets (6(4)人), and a year line
under a header row of several cells. Documents composed here with invented names and figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from keikaku.importer.normalize import make_line
from keikaku.importer.pipeline import extract_file
from keikaku.importer.segment import classify
from keikaku.importer.values import parse_quantity, parse_year_in


def read(tmp_path: Path, text: str):  # noqa: ANN201
    path = tmp_path / "sheet.txt"
    path.write_text(text, encoding="utf-8")
    return extract_file(path).plan


def rows(plan) -> list[tuple]:  # noqa: ANN001
    return [(i.name, i.unit, i.baseline and (i.baseline.value, i.baseline.year), i.target and (i.target.value, i.target.year),
             [(a.year, a.value) for a in i.actuals]) for i in plan.indicators]


GROUPED = """公民館の運営基準と実績
令和4年度実績

目標値 実績
(令和4年度)
達成率
1.施設
1-1 公民館数 7館 6館 86%
1-2 移動公民館車数 3台 3台 100%
2.職員
2-1 職員数(内社会教育主事数) 12(5)人 10(4)人 83%
2-2 講座数 140講座 151講座 108%
"""


def test_a_header_of_value_columns_over_numbered_grouped_rows(tmp_path: Path) -> None:
    plan = read(tmp_path, GROUPED)
    assert rows(plan) == [
        ("公民館数", "館", None, (7, None), [(2022, 6)]),
        ("移動公民館車数", "台", None, (3, None), [(2022, 3)]),
        ("職員数(内社会教育主事数)", "人", None, (12, None), [(2022, 10)]),
        ("講座数", "講座", None, (140, None), [(2022, 151)]),
    ]


@pytest.mark.parametrize("header", ["現状値 目標値", "基準値 目標値", "現状 目標"])
def test_a_spaced_header_of_two_value_words_reads_every_row(tmp_path: Path, header: str) -> None:
    plan = read(tmp_path, f"{header}\n防犯灯の設置数 1,240基 1,400基\n地域安全マップの配布数 3,600枚 5,000枚\n")
    assert rows(plan) == [("防犯灯の設置数", "基", (1240, None), (1400, None), []),
                          ("地域安全マップの配布数", "枚", (3600, None), (5000, None), [])]


def test_the_header_years_in_brackets_date_their_columns(tmp_path: Path) -> None:
    plan = read(tmp_path, "現状値(令和3年度) 目標値(令和9年度)\n3-1 市民農園の区画数 210区画 260区画\n3-2 農業体験の参加者数 480人 650人\n")
    assert rows(plan) == [("市民農園の区画数", "区画", (210, 2021), (260, 2027), []),
                          ("農業体験の参加者数", "人", (480, 2021), (650, 2027), [])]


def test_a_dated_title_above_the_table_is_not_its_header(tmp_path: Path) -> None:
    plan = read(tmp_path, "令和5年度実績\n目標値 実績(令和5年度)\n図書の貸出冊数 520,000冊 498,310冊\n")
    assert rows(plan) == [("図書の貸出冊数", "冊", None, (520000, None), [(2023, 498310)])]


def test_value_words_without_rows_under_them_are_no_table(tmp_path: Path) -> None:
    plan = read(tmp_path, "目標値 実績\n〔本文〕\n施策の方向を示す段落が続きます。\n")
    assert plan.indicators == []


@pytest.mark.parametrize(("text", "value", "unit"), [("12(5)人", 12, "人"), ("10（4）人", 10, "人"), ("48(12)校", 48, "校")])
def test_a_count_with_its_part_in_brackets_is_the_whole_count(text: str, value: int, unit: str) -> None:
    q = parse_quantity(text)
    assert (q.kind, q.value, q.unit) == ("number", value, unit)


def test_a_year_in_brackets_is_still_no_part_count() -> None:
    q = parse_quantity("12(令和2年度)件")
    assert (q.kind, q.value, q.unit) == ("number", 12, "件")


@pytest.mark.parametrize("text", ["1-1 公民館数 7館 6館 86%", "2.講座数 140講座 151講座"])
def test_a_dashed_or_dotted_number_before_figures_is_a_row(text: str) -> None:
    assert classify(make_line(text, 10)) is None


@pytest.mark.parametrize("text", ["1-1 防災や防犯の住環境づくり", "2.職員"])
def test_a_dashed_or_dotted_number_without_figures_stays_a_heading(text: str) -> None:
    heading = classify(make_line(text, 10))
    assert heading is not None and heading.kind in ("node", "chapter")


def test_a_note_in_brackets_inside_a_name_is_a_note(tmp_path: Path) -> None:
    plan = read(tmp_path, "指標名 目標値 実績(令和4年度)\n3-3 資料の年間購入冊数(注:雑誌を除く) 16,000冊 14,212冊\n3-4 視聴覚資料の所蔵数（注 寄贈を含む） 8,200点 7,950点\n")
    assert rows(plan) == [("資料の年間購入冊数", "冊", None, (16000, None), [(2022, 14212)]),
                          ("視聴覚資料の所蔵数", "点", None, (8200, None), [(2022, 7950)])]
    assert [i.notes for i in plan.indicators] == [["雑誌を除く"], ["寄贈を含む"]]


@pytest.mark.parametrize(("printed", "year"), [("令和3年3月31日現在", 2020), ("令和3年3月31日時点", 2020), ("令和3年4月1日現在", 2021),
                                               ("2022年3月31日", 2021), ("令和4年10月1日現在", 2022)])
def test_a_dated_day_in_brackets_is_its_fiscal_year(printed: str, year: int) -> None:
    assert parse_year_in(f"1,204人（{printed}）") == ("1,204人", year)


def test_a_header_dated_by_a_day_dates_its_column_by_fiscal_year(tmp_path: Path) -> None:
    plan = read(tmp_path, "指標名 現状値（令和3年3月31日時点） 目標値（令和8年3月末）\n市民農園の区画数 210区画 260区画\n")
    assert rows(plan) == [("市民農園の区画数", "区画", (210, 2020), (260, 2025), [])]
