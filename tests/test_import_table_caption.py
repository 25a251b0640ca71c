"""A table's caption printed over its header (``tablecaption.py``): a phrase of header words joined
by particles (成果指標の目標と実績) right over a line where a table starts is no header line."""

from __future__ import annotations

from pathlib import Path

from tests.held_out import read_rows, text_file
from keikaku.importer.tablecaption import is_caption

CAPTIONED = """施策6-3 消防力の強化
活動指標の目標と実績
指標名  単位  基準値（令和元年度）  区分  令和4年度  令和5年度  目標値（令和9年度）
消火栓の点検件数  件  1,240  目標  1,300  1,350  1,500
  実績  1,288  1,362
防火講習の受講者数  人  530  目標  560  590  700
  実績  547  602
"""

KPI_CAPTION = """基本目標2 にぎわいのあるまち
KPIの達成状況
KPI  単位  基準値（令和2年度）  令和5年度実績  令和6年度実績  目標値（令和9年度）
中心市街地の歩行者通行量  人  8,420  8,915  9,306  10,000
商店街の空き店舗数  店  23  19  17  12
"""


def test_a_caption_phrase_over_a_label_table_is_not_its_header(tmp_path: Path) -> None:
    assert read_rows(text_file(tmp_path, CAPTIONED)) == [
        ("消火栓の点検件数", "件", (1240, 2019), (1500, 2027), [(2022, 1288), (2023, 1362)]),
        ("防火講習の受講者数", "人", (530, 2019), (700, 2027), [(2022, 547), (2023, 602)]),
    ]


def test_a_caption_over_a_one_line_header_changes_nothing_read(tmp_path: Path) -> None:
    assert read_rows(text_file(tmp_path, KPI_CAPTION)) == [
        ("中心市街地の歩行者通行量", "人", (8420, 2020), (10000, 2027), [(2023, 8915), (2024, 9306)]),
        ("商店街の空き店舗数", "店", (23, 2020), (12, 2027), [(2023, 19), (2024, 17)]),
    ]


def test_caption_phrases() -> None:
    assert [is_caption(k) for k in ("成果指標の目標と実績", "活動指標の達成状況", "KPIの推移", "指標の進捗状況")] == [True] * 4
    assert [is_caption(k) for k in ("指標名", "成果指標", "目標値と実績値", "指標の数 12件", "成果指標の目標 実績",
                                    "基本目標1 指標の達成")] == [False] * 6
