"""Layouts of real sectoral-plan sheets read in this round, each in a composed variant.

The documents are composed here (invented names, figures, years and units) in the two layouts
the round's held-out sheets showed the engine could not read:

- rows keyed by numbered markers: a key line gives each marker's role and year
  (``▽指標項目(単位)=①…目標値②…実績値③達成率``), each row a name, its unit in brackets and a
  figure after each marker, figures maybe printed as vertical print writes them (``93・8``,
  ``12、400``), the markers maybe fallen to ``@ A B`` where a text lost the lead byte of their code
  (``keyedrows.py``);
- a two-row year table flattened onto one line whose base-year column holds only the actual,
  printed after the rows with the unit and the actual word (``baselast.py``).

Each must give exactly its indicators with every figure and year; near misses give nothing.
"""

from __future__ import annotations

import time
from pathlib import Path

from keikaku.importer.baselast import base_last_rows
from keikaku.importer.keyedrows import keyed_rows
from tests.sheet_reading import lines_of, read


KEYED_CIRCLED = """\
〔本文〕
▽成果指標(単位)=①令和4年度目標値②令和4年度実績値③達成率(%)
◇安全で快適なまちづくり
▽自主防災組織の結成数(団体)=①48②45③93・8
▽市道の舗装補修延長(km)=①3・5②3・8③108・6
▽公園の年間利用者数(人)=①12、400②11、250③90・7
▽避難所の備蓄点検(箇所)=①12②一部③-
〔本文〕
"""


def test_keyed_rows_with_circled_markers(tmp_path: Path) -> None:
    assert read(tmp_path, KEYED_CIRCLED) == [
        ("自主防災組織の結成数", "団体", None, (48, 2022), [(2022, 45)]),
        ("市道の舗装補修延長", "km", None, (3.5, 2022), [(2022, 3.8)]),
        ("公園の年間利用者数", "人", None, (12400, 2022), [(2022, 11250)]),
    ]


KEYED_DROPPED = """\
〔本文〕
▽指標項目(単位)=@28年度目標値A28年度実績値
▽図書館の貸出冊数(冊)=@520、000A498、300
▽市民農園の区画数(区画)=@160A152
◇次の分野
"""


def test_keyed_rows_with_markers_fallen_to_letters_and_bare_years(tmp_path: Path) -> None:
    assert read(tmp_path, KEYED_DROPPED) == [
        ("図書館の貸出冊数", "冊", None, (520000, 2016), [(2016, 498300)]),
        ("市民農園の区画数", "区画", None, (160, 2016), [(2016, 152)]),
    ]


def test_keyed_rows_need_their_key_and_every_marker() -> None:
    no_key = "▽図書館の貸出冊数(冊)=①520②498\n▽市民農園の区画数(区画)=①160②152\n"
    assert keyed_rows(lines_of(no_key)) == []
    short = "▽指標項目(単位)=①令和3年度目標値②令和3年度実績値③達成率(%)\n▽市民農園の区画数(区画)=①160②152\n"
    assert keyed_rows(lines_of(short)) == []
    no_role = "▽指標項目(単位)=①区分②備考\n▽市民農園の区画数(区画)=①160②152\n"
    assert keyed_rows(lines_of(no_role)) == []
    rows = keyed_rows(lines_of(KEYED_CIRCLED), known=["市道の舗装補修延長"])
    assert [r.name for r in rows] == ["自主防災組織の結成数", "公園の年間利用者数"]


BASE_LAST = (
    "施策評価シート 〔本文〕 成果指標名 地域の清掃活動に参加した 〔本文〕 市民の割合 達成度 〔本文〕 "
    "単位 区分 R2 (基準年度) 目標値 R3 R4 R5 R9 30.0 32.5 35.0 45.0 28.4 31.2 % 実績値 27.9 〔本文〕\n"
)

BASE_LAST_NAME_APART = (
    "施策の成果指標\n成果指標名\n"
    "空き家バンクの成約 〔本文〕 件数 達成度 〔本文〕 単位 区分 H27年度 (基準年) 目標値 H28年度 H29年度 H30年度 "
    "12 15 20 9 - 件 実績値 6 〔本文〕\n"
)


def test_base_year_figure_printed_last(tmp_path: Path) -> None:
    assert read(tmp_path, BASE_LAST) == [
        ("地域の清掃活動に参加した市民の割合", "%", (27.9, 2020), (45, 2027), [(2021, 28.4), (2022, 31.2)]),
    ]
    assert read(tmp_path, BASE_LAST_NAME_APART) == [
        ("空き家バンクの成約件数", "件", (6, 2015), (20, 2018), [(2016, 9)]),
    ]
    (row,) = base_last_rows(lines_of(BASE_LAST))
    assert [(q.value, y) for q, y in row.interim] == [(30.0, 2021), (32.5, 2022), (35.0, 2023)]


def test_base_year_table_refuses_what_does_not_fit() -> None:
    no_target_word = BASE_LAST.replace(" 目標値 ", " ")
    assert base_last_rows(lines_of(no_target_word)) == []
    short_targets = BASE_LAST.replace("30.0 32.5 35.0 45.0 28.4 31.2 %", "30.0 32.5 35.0 % 実績値 28.4 31.2")
    assert base_last_rows(lines_of(short_targets)) == []
    no_base_figure = BASE_LAST.replace("実績値 27.9", "実績値 -")
    assert base_last_rows(lines_of(no_base_figure)) == []
    no_name_word = BASE_LAST.replace("成果指標名 ", "")
    assert base_last_rows(lines_of(no_name_word)) == []


def test_both_readings_are_cheap_without_their_layout() -> None:
    lines = lines_of("\n".join(f"施策{k} 〔本文〕 指標名 現状値 目標値 市民の割合 {k}.5% 60%" for k in range(3000)))
    start = time.perf_counter()
    assert keyed_rows(lines) == [] and base_last_rows(lines) == []
    assert time.perf_counter() - start < 0.5
