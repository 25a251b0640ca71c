"""Evaluation sheets (施策評価, 事務事業評価) that give each indicator a small table of its own.

Rules read here: a line `成果指標1 name` above the header names the one row printed under it, and
a row holding one direction word under a header with a direction column is placed by that word.
The documents are made up: fictional names and figures, in the layouts of real sheets
(tests/corpus/cases/kaizuka-shisaku-hyoka-jorei).
"""

from __future__ import annotations

from keikaku.importer.pipeline import extract_document
from keikaku.importer.records import RawDocument, RawLine


def extract(text: str):
    doc = RawDocument(name="doc.txt", format="text", sha256="0" * 64, lines=[RawLine(t) for t in text.splitlines()])
    return extract_document(doc).plan


def by_name(plan) -> dict:
    return {i.name: i for i in plan.indicators}


def _observations(indicator) -> dict[int, float]:
    return {o.year: o.value for o in indicator.actuals}


def test_a_kind_labelled_name_above_the_header_names_the_row_and_the_direction_word_places_it():
    plan = extract(
        "5.成果指標と単位あたりコスト\n"
        "成果指標2 地域清掃活動に参加した団体数\n"
        "単位 目標年度 目標値 指標数値の目指す方向 R2実績 R3実績 R4見込 R5計画\n"
        "毎年度 65 増加 58 61\n"
    )
    ind = by_name(plan)["地域清掃活動に参加した団体数"]
    assert ind.target.value == 65 and ind.target.year is None
    assert ind.direction == "increase"
    assert _observations(ind) == {2020: 58, 2021: 61}


def test_a_maintain_word_in_the_direction_column_keeps_the_figure_before_it_as_the_target():
    plan = extract(
        "活動指標 公民館講座の開催回数\n"
        "単位 目標年度 目標値 方向性 H28実績 H29実績 H30見込\n"
        "毎年度 120 維持 118 124 121\n"
    )
    ind = by_name(plan)["公民館講座の開催回数"]
    assert ind.target.value == 120
    assert ind.direction == "maintain"
    assert _observations(ind) == {2016: 118, 2017: 124, 2018: 121}


def test_a_decrease_word_places_a_row_that_prints_its_unit_too():
    plan = extract(
        "成果指標1 放置自転車の撤去台数\n"
        "単位 目標値 方向 H30実績 R1実績\n"
        "台 300 減少 340\n"
    )
    ind = by_name(plan)["放置自転車の撤去台数"]
    assert ind.target.value == 300
    assert ind.direction == "decrease"
    assert _observations(ind) == {2018: 340}


def test_without_a_direction_word_the_row_is_still_laid_against_the_last_columns():
    plan = extract(
        "成果指標1 図書の貸出冊数\n"
        "単位 目標値 H30実績 R1実績\n"
        "冊 52,000 48,100\n"
    )
    ind = by_name(plan)["図書の貸出冊数"]
    assert _observations(ind) == {2018: 52000, 2019: 48100}


def test_a_header_line_is_not_taken_for_a_name():
    plan = extract(
        "成果指標 単位 目標値 方向 H30実績 R1実績\n"
        "市民農園の利用区画数 区画 210 増加 180 195\n"
    )
    ind = by_name(plan)["市民農園の利用区画数"]
    assert ind.target.value == 210 and ind.direction == "increase"
    assert _observations(ind) == {2018: 180, 2019: 195}
    assert "単位 目標値 方向 H30実績 R1実績" not in by_name(plan)


def test_two_direction_words_do_not_place_a_row():
    plan = extract(
        "成果指標1 自主防災組織の結成数\n"
        "単位 現状値 目標値 方向 R1実績\n"
        "団体 40 維持 増加 41\n"
    )
    ind = by_name(plan)["自主防災組織の結成数"]
    assert ind.direction == "increase"
    assert _observations(ind) == {2019: 41}
