"""Labelled figures on their own line under a numbered name, and a column year stated in a note.

Documents composed for these rules (names, figures, years and units invented): a name after a
circled number with a bracketed qualifier printed apart (``①名前 (分館 )``), then one line
``現状値(令和 3 年度):152,300 冊 目標値:170,000 冊`` (an era year spaced inside the label's
bracket, each unit printed apart from its figure, a per-period unit ``回/年``), under headings of
a level word and a number (``方針 1``, ``方針 2 title``) that are no label and figure; the target
year only in a note before the list (``目標値は令和12年度``).
"""

from __future__ import annotations

from keikaku.importer.pipeline import extract_document
from keikaku.importer.records import RawDocument, RawLine


def extract(text: str):
    doc = RawDocument(name="doc.txt", format="text", sha256="0" * 64, lines=[RawLine(t) for t in text.splitlines()])
    return extract_document(doc).plan


def rows(text: str) -> list[tuple]:
    return [(i.name, i.unit, i.direction and i.direction.value,
             i.baseline and (i.baseline.value, i.baseline.year), i.target and (i.target.value, i.target.year))
            for i in extract(text).indicators]


LIST = """公共施設の利用計画
1 計画の指標
〔注記:{note}〕
基本的な方針
方針 1
施設の使いやすさの向上
①図書館の貸出冊数 (分館 )
現状値(令和 3 年度):152,300 冊 目標値:170,000 冊
【算出方法】 〔説明文〕
方針 2 “学びの場”の充実
①公民館講座の開催数
現状値(令和 4 年度):86 回/年 目標値:120 回/年
評価指標
②体育館の利用者数
現状値(平成 30 年度):1,204 人/日 目標値:1,350 人/日
【算出方法】 〔説明文〕
"""


def test_labelled_figures_under_numbered_names_take_the_year_the_note_states() -> None:
    assert rows(LIST.format(note="目標値は令和12年度")) == [
        ("図書館の貸出冊数(分館)", "冊", "increase", (152300, 2021), (170000, 2030)),
        ("公民館講座の開催数", "回/年", "increase", (86, 2022), (120, 2030)),
        ("体育館の利用者数", "人/日", "increase", (1204, 2018), (1350, 2030)),
    ]


def test_a_note_that_does_not_close_on_the_year_dates_nothing() -> None:
    got = rows(LIST.format(note="目標値は令和12年度までに見直す"))
    assert [(name, target) for name, _, _, _, target in got] == [
        ("図書館の貸出冊数(分館)", (170000, None)),
        ("公民館講座の開催数", (120, None)),
        ("体育館の利用者数", (1350, None)),
    ]


def test_a_level_word_and_its_number_is_no_label_and_figure() -> None:
    assert rows("施策の体系\n目標 1\n安全なまち\n目標 2 “にぎわい”の創出\n〔本文〕\n") == []


def test_a_unit_apart_joins_only_a_figure() -> None:
    got = rows("""交通の計画
①バス路線の数 路線
現状値(令和 2 年度):12 路線 目標値:15 路線
""")
    assert got == [("バス路線の数", "路線", "increase", (12, 2020), (15, None))]


def test_a_level_word_before_a_figure_with_its_unit_apart_is_a_label() -> None:
    got = rows("指標3 市営駐輪場の利用台数\n現状値(令和 2 年度):980 台\n目標 1,500 台\n")
    assert got == [("市営駐輪場の利用台数", "台", "increase", (980, 2020), (1500, None))]
