"""A plan's figures stated in sentences, and a small table whose years stand above its role words.

Documents composed for these rules (names and figures invented).
"""

from __future__ import annotations

import pytest

from keikaku.domain.enums import Direction
from keikaku.importer.pipeline import extract_document
from keikaku.importer.records import RawDocument, RawLine


def extract(text: str):
    doc = RawDocument(name="doc.txt", format="text", sha256="0" * 64, lines=[RawLine(t) for t in text.splitlines()])
    return extract_document(doc).plan


def rows(text: str) -> list[tuple]:
    return [(i.name, i.direction, i.baseline and (i.baseline.value, i.baseline.year),
             [(x.value, x.year) for x in i.interim_targets], i.target and (i.target.value, i.target.year))
            for i in extract(text).indicators]


RATE = "交通事故死傷者率(人口千人当たり)"


@pytest.mark.parametrize("sentence", [
    f"{RATE}を令和元年の4.8から令和9年までに3.5以下にします。",
    f"{RATE}を令和元年の4.8から、令和9年までにおおむね25%減らし3.5以下にすることを目指します。",
    f"{RATE}を2019年度の4.8から2027年度までに3.5未満に減らします。",
])
def test_a_sentence_naming_the_indicator_states_its_baseline_and_target(sentence: str) -> None:
    got = rows(f"交通安全計画\n計画の数値目標\n{sentence}\n計画の内容\n〔本文〕\n")
    assert got == [(RATE, Direction.DECREASE, (4.8, 2019), [], (3.5, 2027))]


def test_figures_stated_after_a_sentence_naming_the_indicator() -> None:
    got = rows(f"""交通安全計画
国の目標は、{RATE}を令和9年までに2割減らすこととしています。
本市では、2019年の4.8から2023年には4.1、2027年には3.5へ減少させることを目標とします。
""")
    assert got == [(RATE, Direction.DECREASE, (4.8, 2019), [(4.1, 2023)], (3.5, 2027))]


def test_figures_in_brackets_after_the_sentence_naming_the_indicator() -> None:
    got = rows(f"""交通安全計画
計画期間中の目標として、{RATE}を令和9年までに2割以上減らすことを目標とします。(令和元年:4.8を令和9年:3.5以下に)
""")
    assert got == [(RATE, Direction.DECREASE, (4.8, 2019), [], (3.5, 2027))]


def test_a_floor_and_a_rising_figure() -> None:
    got = rows("読書活動推進計画\n学校図書館の貸出冊数を令和2年度の12,400冊から令和7年度までに15,000冊以上にします。\n")
    assert got == [("学校図書館の貸出冊数", Direction.INCREASE, (12400, 2020), [], (15000, 2025))]


@pytest.mark.parametrize("text", [
    "令和元年の4.8から令和9年までに3.5以下にします。",  # no name anywhere
    "事業費を令和元年の4.8億円から、担当課で調整します。",  # no later year and figure
    "交通事故死傷者率を令和9年の4.8から令和元年までに3.5以下にします。",  # years going back
])
def test_sentences_that_state_no_span_give_nothing(text: str) -> None:
    assert rows(f"交通安全計画\n{text}\n") == []


YEARS_ABOVE = """空家対策計画
■市が把握する空き家による目標
(図表 3-1)
令和 2 年度 令和 7 年度
指標
(現況)
(目標)
1
長屋の空き家数
430 戸
400 戸
(15 ページ図表 2-3)
管理不全の疑いのある空き家数
(15 ページ図表 2-3)
88 戸
60 戸
"""


def test_years_above_role_words_one_per_line_date_them() -> None:
    assert [(n, b, t) for n, _, b, _, t in rows(YEARS_ABOVE)] == [
        ("長屋の空き家数", (430, 2020), (400, 2025)),
        ("管理不全の疑いのある空き家数", (88, 2020), (60, 2025)),
    ]
