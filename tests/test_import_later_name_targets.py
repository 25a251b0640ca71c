"""Tables of yearly targets headed by a name word over the figures, composed here with invented
names, figures, years and units:

- a header ``基本指標 数値目標 対前年度比``: the second name-like cell (数値目標) heads the targets
  (``namedtargets``);
- numbered rows ``N name figure+unit N%増``, whose figure with its unit is followed by another figure:
  rows of the table, not numbered headings (``segment``);
- a title naming the targets with their year in brackets (``…の数値目標(令和6年度)``) dates the
  targets of the rows under it (``statedyears``).
"""

from __future__ import annotations

from pathlib import Path

from keikaku.importer.normalize import make_line
from keikaku.importer.namedtargets import write_later_name_targets
from keikaku.importer.pipeline import extract_file
from keikaku.importer.segment import classify


def read(tmp_path: Path, text: str):  # noqa: ANN201
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    return extract_file(path).plan


def figures(plan):  # noqa: ANN001, ANN201
    return [(i.name, i.unit, (i.target.value, i.target.year) if i.target else None,
             i.direction.value if i.direction else None, i.baseline) for i in plan.indicators]


MUSEUM = """博物館事業の数値目標(令和6年度)

  〔本文〕

(参考:令和5年度の事業評価)
目標1:学びの場の充実
主要指標 数値目標 対前年度比
1 来館者数 84,500人 2%増
2 企画展の開催回数 12回 1%増
3 学校団体の受入件数 340件 5%増
目標2:情報の発信
主要指標 数値目標 対前年度比
4 収蔵資料の公開点数 2,650点 3%増
5 講座の参加者数 1,480人 4%増
"""


def test_a_name_word_after_the_names_heads_the_targets_dated_by_the_title(tmp_path: Path) -> None:
    assert figures(read(tmp_path, MUSEUM)) == [
        ("来館者数", "人", (84500, 2024), "increase", None),
        ("企画展の開催回数", "回", (12, 2024), "increase", None),
        ("学校団体の受入件数", "件", (340, 2024), "increase", None),
        ("収蔵資料の公開点数", "点", (2650, 2024), "increase", None),
        ("講座の参加者数", "人", (1480, 2024), "increase", None),
    ]


def test_the_same_table_in_another_unit_and_era_without_a_title_year(tmp_path: Path) -> None:
    text = ("公民館活動の目標について\n"
            "評価指標 数値目標 前年比\n"
            "1 利用団体数 215団体 3%増\n"
            "2 貸出冊数 9,800冊 2%増\n"
            "3 講座数 48講座 6%増\n")
    assert figures(read(tmp_path, text)) == [
        ("利用団体数", "団体", (215, None), "increase", None),
        ("貸出冊数", "冊", (9800, None), "increase", None),
        ("講座数", "講座", (48, None), "increase", None),
    ]


def test_a_title_year_in_the_heisei_era_dates_the_targets(tmp_path: Path) -> None:
    text = ("体育施設の数値目標(平成28年度)\n"
            "施設指標 数値目標 対前年度比\n"
            "1 プール利用者数 31,200人 2%増\n"
            "2 体育館の稼働日数 305日 1%増\n")
    assert figures(read(tmp_path, text)) == [
        ("プール利用者数", "人", (31200, 2016), "increase", None),
        ("体育館の稼働日数", "日", (305, 2016), "increase", None),
    ]


def test_only_a_header_led_by_a_name_word_is_rewritten() -> None:
    lines = [make_line(t, k) for k, t in enumerate(["基本指標 数値目標 対前年度比", "数値目標 現状値 目標値",
                                                   "指標 数値目標(令和7年度)", "指標 目標値 数値目標", "1 来館者数 84,500人 2%増"])]
    assert [ln.text for ln in write_later_name_targets(lines)] == [
        "基本指標 目標値 対前年度比",  # the figures' cell after the names' cell
        "数値目標 現状値 目標値",  # 数値目標 first: it names the indicators
        "指標 目標値(令和7年度)",  # the year kept
        "指標 目標値 数値目標",  # a target column already: left as printed
        "1 来館者数 84,500人 2%増",
    ]


def test_a_numbered_line_of_a_figure_and_another_figure_is_no_heading() -> None:
    assert classify(make_line("2 企画展の開催回数 12回 1%増", 0)) is None
    assert classify(make_line("3 収蔵資料の公開点数 2,650点 3%増", 0)) is None
    heading = classify(make_line("2 施設の整備 10か年の計画", 0))
    assert heading is not None and (heading.style, heading.number) == ("numbered", "2")
