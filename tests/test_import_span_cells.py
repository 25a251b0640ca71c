"""Tables whose cells state a span (``X から Y へ``), print cells before the indicator column, or print
a measure's title and other columns' prose right before a name: the figures come out as the table says.

Documents composed for these rules (names and figures invented), each in more than one rendering.
"""

from __future__ import annotations

import pytest

from keikaku.importer.namecells import after_placeholder, joined_name, to_year, without_title
from keikaku.importer.pipeline import extract_document
from keikaku.importer.records import RawDocument, RawLine


def extract(text: str):
    lines = [RawLine(t, None, tuple(c.strip() for c in t.split("\t")) if "\t" in t else None) for t in text.splitlines()]
    doc = RawDocument(name="doc.txt", format="text", sha256="0" * 64, lines=lines)
    return extract_document(doc).plan


def rows(text: str) -> list[tuple]:
    return [(i.name, i.unit, i.baseline and (i.baseline.value, i.baseline.year),
             i.target and (i.target.value, i.target.year)) for i in extract(text).indicators]


SPAN = [
    ("自主防災組織の結成数", "団体", (18, 2019), (30, 2025)),
    ("防災訓練の参加者数", "人", (1250, 2019), (2000, 2025)),
    ("避難所の備蓄品整備率", "%", (62.5, 2019), (100, 2025)),
]

SPAN_LAYOUTS = {
    "pipes with a group column first": """基本目標2 安全なまち
分野 | 数値目標 | 目標値(令和元年度現状値から令和7年度目標値) |
---|---|---|
1 地域防災力の強化 | 自主防災組織の結成数 | 18団体から30団体へ |
1 地域防災力の強化 | 防災訓練の参加者数 | 1,250人から毎年2,000人以上へ |
2 備えの充実 | 避難所の備蓄品整備率 | 62.5%から100%へ |
""",
    "tabs with a group column first": "基本目標2 安全なまち\n"
    "分野\t数値目標\t目標値(令和元年度現状値から令和7年度目標値)\n"
    "1 地域防災力の強化\t自主防災組織の結成数\t18団体から30団体へ\n"
    "1 地域防災力の強化\t防災訓練の参加者数\t1,250人から毎年2,000人以上へ\n"
    "2 備えの充実\t避難所の備蓄品整備率\t62.5%から100%へ\n",
}


@pytest.mark.parametrize("layout", list(SPAN_LAYOUTS))
def test_span_cells_under_a_header_naming_both_years(layout: str) -> None:
    assert rows(SPAN_LAYOUTS[layout]) == SPAN


def test_a_span_cell_without_header_years_keeps_its_figures_undated() -> None:
    assert rows("""基本目標2 安全なまち
分野 | 数値目標 | 目標 |
---|---|---|
1 地域防災力の強化 | 自主防災組織の結成数 | 18団体から30団体へ |
""") == [("自主防災組織の結成数", "団体", (18, None), (30, None))]


def test_a_span_of_two_figures_each_side_is_no_pair() -> None:
    got = rows("""基本目標2 安全なまち
分野 | 数値目標 | 目標値(令和元年度現状値から令和7年度目標値) |
---|---|---|
1 地域防災力の強化 | 講座の開催回数・受講者数 | 2回40人から毎年6回200人以上へ |
""")
    assert [(name, base) for name, _, base, _ in got] == [("講座の開催回数・受講者数", None)]


TITLED = """基本目標3 健やかな暮らし
重点目標 現況 目標値 主要施策 KPI 現況 目標値

健康づくりの推進

◎〔本文〕

特定健康診査の受 診率

38.2% (R1)

45.0% (R6)

運動習慣の定着の促 進

週1回以上運動する市民の割合

41.0% (R1)

50.0% (R6)

○ 〔本文〕
"""


def test_measure_titles_and_prose_before_names_are_no_part_of_them() -> None:
    assert rows(TITLED) == [
        ("特定健康診査の受診率", "%", (38.2, 2019), (45.0, 2024)),
        ("週1回以上運動する市民の割合", "%", (41.0, 2019), (50.0, 2024)),
    ]


def test_name_pieces() -> None:
    assert after_placeholder(["施策の充実", "◎〔本文〕", "受診率の向上"]) == ["受診率の向上"]
    assert after_placeholder(["特定健康診査の受診率", "〔説明〕"]) == ["特定健康診査の受診率", "〔説明〕"]
    assert without_title(["健康づくりの推", "進", "特定健康診査の受診率"]) == ["特定健康診査の受診率"]
    # a name broken after a title-like word, its rest not a whole name, stays whole
    assert joined_name(["地域福祉の推進", "に関する満足度"]) == "地域福祉の推進に関する満足度"
    assert joined_name(["子育て支援", "センターの利用者数"]) == "子育て支援センターの利用者数"
    assert joined_name(["健康づくりの推進", "度"]) == "健康づくりの推進度"


@pytest.mark.parametrize(("cell", "year", "want"), [
    ("目標値(令和元年度現状値から令和7年度目標値)", 2019, 2025),
    ("目標値(平成22年現状値から平成27年目標値)", 2010, 2015),
    ("目標値(2019年現状値から2025年目標値)", 2019, 2025),
    ("目標値(令和7年度)", 2025, None),
    ("現状値から目標値", None, None),
])
def test_the_second_year_of_a_header_span(cell: str, year: int | None, want: int | None) -> None:
    assert to_year(cell, year, None) == want


def test_a_total_up_to_a_year_is_dated_that_year() -> None:
    from keikaku.importer.values import parse_year_in

    assert parse_year_in("250件(R2までの累計)") == ("250件", 2020)
    assert parse_year_in("1,200人(令和元年度までの合計)") == ("1,200人", 2019)
