"""Tables an extractor emitted column by column, one cell per line (``keikaku/importer/columnmajor.py``).

The tables here are made up: fictional indicators and figures in the layout, not any document's text.
"""

from __future__ import annotations

from keikaku.importer.columnmajor import column_grid
from keikaku.importer.normalize import make_line
from keikaku.importer.pipeline import extract_document
from keikaku.importer.records import RawDocument, RawLine

TABLE = """施策1 健やかな暮らし
〔本文〕
成果指標名
⑴ 歩いて通える広場の数
⑵ 健康教室の参加率
⑶ 夜間相談の延べ件数
⑷
算定式
広場の数の合計
(参加者数+見学者数
)÷対象人口
相談記録の件数
令和2年度
(実績値)
12か所
34.5%
820件
令和3年度
(計画値)
14か所
36.0%
900件
令和6年度
(計画値)
18か所
40.0%
760件
最終目標値
(令和7年度)
-
-
-
施策2 安心できるまち
〔本文〕
"""


def extract(text: str):
    doc = RawDocument(name="doc.txt", format="text", sha256="0" * 64, lines=[RawLine(t) for t in text.splitlines()])
    return extract_document(doc)


def figures(text: str) -> list[tuple]:
    plan = extract(text).plan
    return [(i.name, i.unit, i.direction.value if i.direction else None,
             i.baseline.value if i.baseline else None, i.baseline.year if i.baseline else None,
             i.target.value if i.target else None, i.target.year if i.target else None,
             [(v.value, v.year) for v in i.interim_targets])
            for i in plan.indicators]


def lines_of(text: str):
    return [make_line(t, k) for k, t in enumerate(text.splitlines()) if t.strip()]


def test_a_column_major_table_is_read_as_a_grid() -> None:
    body = TABLE.splitlines()[2:-2]
    grid = column_grid(lines_of("\n".join(body)))
    assert grid is not None
    assert (grid.rows, grid.cols) == (5, 5)  # four rows (the last one empty), the empty final column left out
    assert grid.row_texts() == [
        ("成果指標名", "算定式", "令和2年度 (実績値)", "令和3年度 (計画値)", "令和6年度 (計画値)"),
        ("歩いて通える広場の数", "広場の数の合計", "12か所", "14か所", "18か所"),
        ("健康教室の参加率", "(参加者数+見学者数)÷対象人口", "34.5%", "36.0%", "40.0%"),
        ("夜間相談の延べ件数", "相談記録の件数", "820件", "900件", "760件"),
        ("", "", "", "", ""),
    ]


def test_a_column_major_table_in_a_document() -> None:
    extraction = extract(TABLE)
    assert [b.table for b in extraction.blocks if b.table] == ["indicators"]
    assert figures(TABLE) == [
        ("歩いて通える広場の数", "か所", "increase", 12, 2020, 18, 2024, [(14, 2021)]),
        ("健康教室の参加率", "%", "increase", 34.5, 2020, 40, 2024, [(36, 2021)]),
        ("夜間相談の延べ件数", "件", "decrease", 820, 2020, 760, 2024, [(900, 2021)]),
    ]
    plan = extraction.plan
    assert [i.definition for i in plan.indicators] == ["広場の数の合計", "(参加者数+見学者数)÷対象人口", "相談記録の件数"]
    assert {i.node for i in plan.indicators} == {plan.nodes[0].id}
    assert plan.indicators[0].baseline.origin == "line 15"


MISSING = """施策3 学びの場
成果指標名
⑴ 図書の貸出冊数
⑵ 講座の受講者数
⑶ 自習室の利用回数
指標の説明
年間に貸し出した図書の冊数を図書館の記録から数え、前年度の数と比べて増減を確かめる。
市の講座を受けた人の数を数える。
自習室を使った回数を数える。
集計は年度末に行い、
広報で知らせる。
令和元年度
(実績値)
5,400冊
260人
1,150回
令和4年度
(計画値)
5,600冊
300人
令和8年度
(計画値)
6,000冊
340人
1,500回
"""


def test_a_column_short_of_cells_fills_the_rows_in_order_and_a_wrapped_text_column_is_left_empty() -> None:
    assert figures(MISSING) == [
        ("図書の貸出冊数", "冊", "increase", 5400, 2019, 6000, 2026, [(5600, 2022)]),
        ("講座の受講者数", "人", "increase", 260, 2019, 340, 2026, [(300, 2022)]),
        ("自習室の利用回数", "回", "increase", 1150, 2019, 1500, 2026, []),
    ]
    assert [i.definition for i in extract(MISSING).plan.indicators] == [None, None, None]


def test_an_empty_row_between_names_takes_no_cells() -> None:
    text = """成果指標名
(1) 防犯灯の設置数
(2)
(3) 見守り活動の参加者数
令和2年度
(実績値)
300基
45人
令和7年度
(目標値)
360基
60人
"""
    grid = column_grid(lines_of(text))
    assert grid is not None
    assert grid.row_texts()[1:] == [("防犯灯の設置数", "300基", "360基"), ("", "", ""), ("見守り活動の参加者数", "45人", "60人")]


def test_a_table_printed_across_stays_as_before() -> None:
    text = """施策1 防災
指標名 単位 現状値(R1) 目標値(R7)
自主防災組織の数 団体 27 30
刑法犯の認知件数 件 1,070 900
"""
    assert column_grid(lines_of(text)[1:]) is None
    assert figures(text) == [
        ("自主防災組織の数", "団体", "increase", 27, 2019, 30, 2025, []),
        ("刑法犯の認知件数", "件", "decrease", 1070, 2019, 900, 2025, []),
    ]


def test_a_table_one_cell_per_line_across_is_not_read_by_columns() -> None:
    text = """施策1 防災
指標名
単位
現状値
(R1)
目標値
(R7)
自主防災組織の数
団体
27
30
刑法犯の認知件数
件
1,070
900
"""
    assert column_grid(lines_of(text)[1:]) is None
    assert figures(text) == [
        ("自主防災組織の数", "団体", "increase", 27, 2019, 30, 2025, []),
        ("刑法犯の認知件数", "件", "decrease", 1070, 2019, 900, 2025, []),
    ]


def test_a_name_header_over_prose_makes_no_indicators() -> None:
    text = """施策4 地域の交流
成果指標名
地域の集まりを広げ、世代をこえて顔の見える関係をつくります。
令和5年度
ふれあいの場を増やし、だれもが参加しやすい催しを開きます。
"""
    assert column_grid(lines_of(text)[1:]) is None
    extraction = extract(text)
    assert extraction.plan.indicators == []
    assert [b.table for b in extraction.blocks if b.table] == []
