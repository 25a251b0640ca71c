"""An indicator's 目標 and 実績 rows in laid-out text, its merged cells put back on the first
(``labelpairlines.py``): a name's end wrapped to the start of the second row (Word), the name, unit,
baseline and target on a line of their own centred between the rows (Excel)."""

from __future__ import annotations

from pathlib import Path

from tests.held_out import read_rows, text_file
from keikaku.importer.labelpairlines import join_label_pairs
from keikaku.importer.records import RawDocument, RawLine, Source

WRAPPED = """施策1-2 子育ての支援

指標名           単位    基準値（令和2年度）   区分    令和3年度     令和4年度     目標値（令和6年度）
乳幼児健康診査の受     %     95.2         目標    96.0      97.0      98.0
診率                               実績    96.4      96.9
子育てひろばの利用     人     8,450        目標    8,600     8,800     9,500
者数                               実績    7,915     8,932
"""

CENTRED = """施策5-1 水と緑の保全

                                基準値                                                 目標
  指標名                 単位                区分        令和4年度       令和5年度
                              （令和3年度）                                             （令和8年度）
                                            目標    12.0        12.5
  市民一人当たりの公園面積        ㎡         11.8                                                14.0
                                            実績    11.9        12.2
                                            目標    240         260
  緑化ボランティアの登録者数       人          215                                                300
                                            実績    231         268
"""

REPEATED = """施策1-2 子育ての支援

指標名           単位    基準値（令和2年度）   区分    令和3年度     令和4年度     目標値（令和6年度）
一時預かりの定員      人     120          目標    130       140       160
一時預かりの定員      人     120          実績    128       141       160
"""


def test_a_name_wrapped_to_the_second_label_row(tmp_path: Path) -> None:
    assert read_rows(text_file(tmp_path, WRAPPED)) == [
        ("乳幼児健康診査の受診率", "%", (95.2, 2020), (98, 2024), [(2021, 96.4), (2022, 96.9)]),
        ("子育てひろばの利用者数", "人", (8450, 2020), (9500, 2024), [(2021, 7915), (2022, 8932)]),
    ]


def test_an_indicators_cells_centred_between_its_label_rows(tmp_path: Path) -> None:
    assert read_rows(text_file(tmp_path, CENTRED)) == [
        ("市民一人当たりの公園面積", "㎡", (11.8, 2021), (14, 2026), [(2022, 11.9), (2023, 12.2)]),
        ("緑化ボランティアの登録者数", "人", (215, 2021), (300, 2026), [(2022, 231), (2023, 268)]),
    ]


def _raw(text: str) -> RawDocument:
    lines = [RawLine(t, source=Source(line=k + 1)) for k, t in enumerate(text.splitlines())]
    return RawDocument(name="doc.txt", format="text", sha256="0" * 64, lines=lines)


def test_a_name_printed_again_on_the_second_row_is_left_alone() -> None:
    doc = _raw(REPEATED)
    assert join_label_pairs(doc) is doc


def test_the_lines_put_back() -> None:
    got = [line.text for line in join_label_pairs(_raw(WRAPPED)).lines]
    assert got[3] == "乳幼児健康診査の受診率   %     95.2         目標    96.0      97.0      98.0"
    assert got[4] == " " * 33 + "実績    96.4      96.9"
    got = [line.text for line in join_label_pairs(_raw(CENTRED)).lines]
    assert got[5].split() == ["市民一人当たりの公園面積", "㎡", "11.8", "目標", "12.0", "12.5", "14.0"]
    assert got[6] == "" and got[7].split() == ["実績", "11.9", "12.2"]
