"""No indicator named by a project's money, a no-indicator mark or a sheet's heading; tables under the right node.

Rows an indicator table prints beside its indicators may name none: a project's money
(事業費（千円）, 予算額, with a page's running heading run into it), a mark that the document has no
indicator there (該当なし(…)), a sheet's heading fields read into a name (…評価対象年度：…). The words
are in ``lexicon/norows.toml`` and the rule in ``keikaku/importer/norows.py``. And an indicator
table under a section printed like the section before it (【施策の方向性】 (1) … (2) … 【成果指標】)
belongs to the node above the (1), (2) nodes; a chapter's heading printed again at a page's top
keeps the nodes open. Documents composed here (invented names, figures, years, units) must give
exactly their indicators: the whole list, so an extra fails.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from keikaku.importer.pipeline import extract_file
from keikaku.importer.sieve import no_name, sifted_rows
from keikaku.importer.tables import IndicatorRow
from keikaku.importer.values import parse_quantity

Figure = tuple[float | None, int | None] | None


def extract(tmp_path: Path, text: str):  # noqa: ANN201
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    return extract_file(path).plan


def read(plan) -> list[tuple[str, str | None, Figure, Figure, list[tuple[int, float]]]]:  # noqa: ANN001
    def figure(v):  # noqa: ANN001, ANN202
        return (v.value, v.year) if v is not None and (v.value is not None or v.year is not None) else None

    return [(i.name, i.unit, figure(i.baseline), figure(i.target), [(a.year, a.value) for a in i.actuals]) for i in plan.indicators]


MONEY_ROWS = """\
                 さくら台町実施計画（令和７年度～令和９年度）

 政策２　安心して暮らせるまち

  事業名   防犯灯ＬＥＤ化事業                        所管課  防災安全課
  ────────────────────────────────────────────
                                   現状値             計　画
     指　標                単位   （R6）      R7        R8        R9
   ＬＥＤ化した防犯灯の数    基       320       410       500       590
  ────────────────────────────────────────────
   予算額（千円）                           6,300     6,600     6,900

  事業名   見守りネットワーク事業                    所管課  福祉総務課
  ────────────────────────────────────────────
                                   現状値             計　画
     指　標                単位   （R6）      R7        R8        R9
   見守り協力事業所の数     事業所     41        45        50        55
  ────────────────────────────────────────────
   事業費（千円）                           2,150     2,300     2,450

                                 － 8 －
 さくら台町実施計画
 政策３　学び続けるまち
"""


def test_money_rows_and_a_running_heading_run_into_one_name_no_indicator(tmp_path: Path) -> None:
    assert sorted(read(extract(tmp_path, MONEY_ROWS))) == sorted([
        ("ＬＥＤ化した防犯灯の数", "基", (320, 2024), (590, 2027), []),
        ("見守り協力事業所の数", "事業所", (41, 2024), (55, 2027), []),
    ])


NONE_MARK = """\
水道事業の業務指標

【業務指標番号】

該当なし(独自に定めた指標)

管路の点検延長(キロメートル)

現状値 令和2年度 12.5
目標値 令和8年度 20.0
"""


def test_a_no_indicator_mark_run_into_a_name_is_taken_off_it(tmp_path: Path) -> None:
    assert read(extract(tmp_path, NONE_MARK)) == [("管路の点検延長(キロメートル)", None, (12.5, 2020), (20, 2026), [])]


REPEATED = """\
【業務指標番号】

該当なし(村独自の指標)

浄水場の停電対策率(%)

浄水場の停電対策率(%)
現状値(令和2年度) 目標値(令和8年度) 将来値(令和13年度)
45 80以上 100

算定方法

〔算定の説明〕
"""


def test_a_name_printed_again_after_its_unit_is_one_indicator(tmp_path: Path) -> None:
    """The name over the figures repeats the heading's name with its unit: 〇〇率(%)〇〇率 yields to 〇〇率."""
    assert read(extract(tmp_path, REPEATED)) == [("浄水場の停電対策率", "%", (45, 2020), (80, 2026), [])]
    text = REPEATED.replace("(%)", "(回/年)").replace("45 80以上 100", "3 6以上 8")
    assert read(extract(tmp_path, text)) == [("浄水場の停電対策率", "回/年", (3, 2020), (6, 2026), [])]
    text = REPEATED.replace("(%)", "(ミリ秒)").replace("45 80以上 100", "120 90以下 60")
    assert read(extract(tmp_path, text)) == [("浄水場の停電対策率(ミリ秒)", None, (120, 2020), (90, 2026), [])]


@pytest.mark.parametrize(("rows", "kept"), [
    ([("浄水池の清掃率(立方メートル)浄水池の清掃率(立方メートル)", "0.31", "0.25"), ("浄水池の清掃率", "0.31", "0.25")],
     ["浄水池の清掃率"]),
    ([("浄水池の清掃率(立方メートル)浄水池の清掃率", "0.31", "0.25"), ("浄水池の清掃率", "0.31", "0.25")], ["浄水池の清掃率"]),
    ([("浄水池の清掃率(立方メートル)浄水池の清掃率", "0.40", "0.25"), ("浄水池の清掃率", "0.31", "0.25")],
     ["浄水池の清掃率(立方メートル)浄水池の清掃率", "浄水池の清掃率"]),  # a figure of its own: it stays
    ([("該当なし(町独自指標)給水人口", "8200", "8000")], ["給水人口"]),
])
def test_a_name_again_or_a_mark_before_it_yields(rows: list[tuple[str, str, str]], kept: list[str]) -> None:
    found = []
    for name, baseline, target in rows:
        r = IndicatorRow(name=name)
        r.baseline, r.target = parse_quantity(baseline), parse_quantity(target)
        found.append(r)
    assert [r.name for r in sifted_rows(found)] == kept


SHEETS = """\
                           令和７年度　事務事業評価シート
                                                   評価対象年度：令和６年度
 事業番号  3-1       事業名  図書館サービスの充実              主管課  中央図書館

 ２ 成果指標
  │指標名                            │単位    │前年度実績  │今年度実績  │目標        │
  │                                  │        │            │            │（令和８年度）│
  │図書館の年間来館者数              │人      │84,200      │86,950      │90,000      │
  │電子書籍の貸出件数                │件      │5,120       │6,340       │8,000       │

                                     - 12 -
                           令和７年度　事務事業評価シート
                                                   評価対象年度：令和６年度
 事業番号  3-2       事業名  生涯学習講座の開催              主管課  生涯学習課

 ２ 成果指標
  │指標名                            │単位    │前年度実績  │今年度実績  │目標        │
  │                                  │        │            │            │（令和８年度）│
  │講座の延べ受講者数                │人      │2,310       │2,480       │3,000       │
"""


def test_a_sheets_heading_fields_name_no_indicator(tmp_path: Path) -> None:
    assert sorted(read(extract(tmp_path, SHEETS))) == sorted([  # 前年度 and 今年度 counted from 評価対象年度 (令和6)
        ("図書館の年間来館者数", "人", None, (90000, 2026), [(2023, 84200), (2024, 86950)]),
        ("講座の延べ受講者数", "人", None, (3000, 2026), [(2023, 2310), (2024, 2480)]),
        ("電子書籍の貸出件数", "件", None, (8000, 2026), [(2023, 5120), (2024, 6340)]),
    ])


@pytest.mark.parametrize("name", [
    "事業費", "事業費（千円）", "予算額(千円)", "決算見込額", "人件費", "総事業費(百万円)", "事業費ひばり市総合戦略",
    "該当なし", "該当なし(町独自指標)", "第３次ひばり市総合計画", "第10次長期基本計画", "令和７年度 事務事業評価シート評価対象年度：令和６年度事業番号 3-2",
])
def test_money_rows_marks_and_sheet_headings_name_no_indicator(name: str) -> None:
    assert no_name(name)


@pytest.mark.parametrize("name", [
    "予算額に占める扶助費の割合", "事業費削減率", "ふるさと納税の寄附額", "市税の収納率", "人件費比率", "決算審査の指摘件数",
    "公共施設等総合管理計画の進捗率", "第２次計画の達成率",
])
def test_names_holding_a_money_word_are_still_names(name: str) -> None:
    assert not no_name(name)


OUTLINE = """\
                                  第２章　分野別計画

   基本目標３　安全で快適なまち

   施策３－１　交通安全の推進

  【現状と課題】
   ○ 〔現状の説明〕

  【施策の方向性】
   (1) 交通安全教育の充実
       〔取組の説明〕
   (2) 通学路の安全確保
       〔取組の説明〕

  【成果指標】
       指標名                          単位  現状値（令和５年度）  目標値（令和11年度）
   交通事故による負傷者数              人         212                 150
   交通安全教室の参加者数              人       3,400               4,000

                                       － 21 －
                                  第２章　分野別計画
   施策３－２　消防力の強化

  【成果指標】
       指標名                          単位  現状値（令和５年度）  目標値（令和11年度）
   消防団員の充足率                    ％        88.0                95.0
"""


def test_an_indicator_section_after_numbered_items_belongs_to_the_measure(tmp_path: Path) -> None:
    plan = extract(tmp_path, OUTLINE)
    nodes = {n.id: n for n in plan.nodes}
    placed = [(i.name, nodes[i.node].level, nodes[i.node].number) for i in plan.indicators]
    assert sorted(placed) == sorted([("交通事故による負傷者数", "施策", "3-1"), ("交通安全教室の参加者数", "施策", "3-1"),
                                     ("消防団員の充足率", "施策", "3-2")])
    assert sorted(read(plan)) == sorted([
        ("交通事故による負傷者数", "人", (212, 2023), (150, 2029), []),
        ("交通安全教室の参加者数", "人", (3400, 2023), (4000, 2029), []),
        ("消防団員の充足率", "%", (88, 2023), (95, 2029), []),
    ])


def test_a_chapter_heading_printed_again_keeps_the_goal_open(tmp_path: Path) -> None:
    plan = extract(tmp_path, OUTLINE)
    by_number = {(n.level, n.number): n for n in plan.nodes}
    goal = by_number[("基本目標", "3")]
    assert [by_number[("施策", k)].parent for k in ("3-1", "3-2")] == [goal.id, goal.id]
    assert [n.number for n in plan.nodes if n.parent == by_number[("施策", "3-1")].id] == ["1", "2"]


SUB_MEASURE_TABLES = """\
   施策４－１　公園の維持管理

  【施策の方向性】
   (1) 身近な公園の再整備
  【成果指標】
       指標名                          単位  現状値（令和５年度）  目標値（令和11年度）
   再整備した公園の数                  箇所        4                  12
"""


def test_a_section_opened_inside_a_numbered_item_stays_with_it_when_it_has_its_own(tmp_path: Path) -> None:
    """【成果指標】 right after (1) while the section before was the measure's: it still closes (1)."""
    plan = extract(tmp_path, SUB_MEASURE_TABLES)
    nodes = {n.id: n for n in plan.nodes}
    assert [(i.name, nodes[i.node].level, nodes[i.node].number) for i in plan.indicators] == [("再整備した公園の数", "施策", "4-1")]
