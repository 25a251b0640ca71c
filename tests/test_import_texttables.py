"""Text tables however the extractor flattened them: the figures must come out the same."""

from __future__ import annotations

import pytest

from keikaku.importer.pipeline import extract_document
from keikaku.importer.records import RawDocument, RawLine

EXPECTED = [
    ("自主防災組織の数", "団体", 27, 2019, 30, 2025, "increase"),
    ("刑法犯の認知件数", "件", 1070, 2019, 900, 2025, "decrease"),
]

LAYOUTS = {
    "rows on lines": """施策1 防災
指標名 単位 現状値(R1) 目標値(R7)
自主防災組織の数 団体 27 30
刑法犯の認知件数 件 1,070 900
""",
    "one cell per line": """施策1 防災
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
""",
    "whole table on one line": """施策1 防災
〔本文〕 指標名 単位 現状値(R1) 目標値(R7) 自主防災組織の数 団体 27 30 刑法犯の認知件数 件 1,070 900 〔本文〕
""",
    "columns one after another": """施策1 防災
指標名 単位 現状値(R1) 目標値(R7)
自主防災組織の数
刑法犯の認知件数
団体
件
27
1,070
30
900
""",
    "cells glued": """施策1 防災
指標名 現状値(R1) 目標値(R7)
自主防災組織の数27団体30団体
刑法犯の認知件数1,070件900件
""",
    "header words broken across lines": """施策1 防災
指標 単位 現状 目標
名 値(R1) 値(R7)
自主防災組織の数 団体 27 30
刑法犯の認知件数 件 1,070 900
""",
    "spaced header and years in brackets after values": """施策1 防災
指 標 名 現 状 値 目 標 値
自主防災組織の数 27団体(令和元年度) 30団体(令和7年度)
刑法犯の認知件数 1,070件(令和元年度) 900件(令和7年度)
""",
    "pipes": """施策1 防災
| 指標名 | 単位 | 現状値（令和元年度） | 目標値（令和7年度） |
|---|---|---|---|
| 自主防災組織の数 | 団体 | 27 | 30 |
| 刑法犯の認知件数 | 件 | 1,070 | 900 |
""",
}


def extract(text: str):
    doc = RawDocument(name="doc.txt", format="text", sha256="0" * 64, lines=[RawLine(t) for t in text.splitlines()])
    return extract_document(doc).plan


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_the_same_table_in_every_flattening(layout: str) -> None:
    plan = extract(LAYOUTS[layout])
    got = [(i.name, i.unit, i.baseline.value, i.baseline.year, i.target.value, i.target.year, i.direction) for i in plan.indicators]
    assert got == EXPECTED
    assert {i.node for i in plan.indicators} == {plan.nodes[0].id}
