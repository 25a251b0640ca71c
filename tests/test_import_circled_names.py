"""Indicator names numbered with circled marks on a page flattened column by column.

Documents composed for these rules (names, units and figures invented): a header line naming the
indicator column and two value columns, then the cells in no reliable order, the names keeping
their marks ① … ⑤ (a name broken before its last character, a bracket whose rest follows another
column's piece, a name ending like one before a short piece of another column); and a sheet on one
line printing a name and its mark right before the kind word that numbers the figures' header.
"""

from __future__ import annotations

from keikaku.importer.pipeline import extract_document
from keikaku.importer.records import RawDocument, RawLine


def names(text: str) -> list[tuple[str, str | None]]:
    doc = RawDocument(name="doc.txt", format="text", sha256="0" * 64, lines=[RawLine(t) for t in text.splitlines()])
    return [(i.name, i.baseline and i.baseline.value) for i in extract_document(doc).plan.indicators]


COLUMNS = ("5.計画の目標と数値指標 〔本文〕 ■計画の目標と数値指標 基本方針 計画目標 評価指標 単位 現況値 目標値 "
           "令和4 年度の実績 合計 3,120 件(※) ①図書館の貸出件数 市立図書館と分館の 貸出件数 件/年 方針1 目標1 学びを支 "
           "える施設 % ③読書会の参加者数 方針2 ②市民の読書に対する満 足 度 市民アンケート*1 調査による 目標2 "
           "④移動図書館(ブック ータの整備 モービル)の巡回回 数 方針3 ⑤学校図書館の蔵書数 施設 の充実 令和 9 年度の目標値 "
           "合計 3,400 件(※) 冊 回/年")


def test_every_circled_name_under_the_header_is_an_indicator_without_figures() -> None:
    assert names(COLUMNS) == [
        ("図書館の貸出件数", None),
        ("読書会の参加者数", None),
        ("市民の読書に対する満足度", None),
        ("移動図書館(ブックモービル)の巡回回数", None),
        ("学校図書館の蔵書数", None),
    ]


def test_marks_with_a_gap_or_without_a_header_name_nothing() -> None:
    assert names("評価指標 単位 現況値 目標値 ①図書館の貸出件数 件 ②読書会の参加者数 人 ④学校図書館の蔵書数 冊") == []
    assert names("施策の概要 ①図書館の貸出件数 件 ②読書会の参加者数 人 ③学校図書館の蔵書数 冊") == []


def test_a_name_and_its_mark_before_the_kind_word_numbering_the_header() -> None:
    sheet = ("令和5年度行政評価 施策評価シート 施策名 緑と公園の保全 施策コード 070201 4.施策にかかるコスト 千円 "
             "12,345 13,210 5.施策の活動指標 公園清掃ボランティアの登録者数 ② 活動指標2 項目 R1実績 R2実績 R3実績 "
             "R4実績 R5計画")
    assert names(sheet) == [("公園清掃ボランティアの登録者数", None)]


def test_a_name_and_its_mark_before_other_text_is_not_read() -> None:
    assert names("5.施策の活動指標\n公園清掃ボランティアの登録者数 ②\n〔本文〕\n活動指標2 項目 R1実績 R2実績\n") == []
