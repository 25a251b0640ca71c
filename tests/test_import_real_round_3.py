"""Layouts of real evaluation sheets read in this round, each in a composed variant.

The documents are composed here (invented names, figures, years and units) in the layout the
round's held-out sheet showed the engine could not read: a measure sheet's indicator table with
one column group per plan period (a span of fiscal years in brackets over 目標値 / 実績値 / 達成率),
printed one cell a line with its header in two runs, the rows' opening cells between them and the
rest of every row after the second run (``periodgroups.py``).

Each must give exactly its indicators with every figure and year; near misses give nothing.
"""

from __future__ import annotations

import time
from pathlib import Path

from keikaku.importer.periodgroups import period_group_rows
from tests.sheet_reading import lines_of, read

TWO_PERIODS = """\
施策評価表
2■成果指標
〔本文〕
成果指標の名称
第1期(令和元年度～令和3年度)
目標値(単位)
実績値(単位)
達成率(%)
(1)
子ども食堂の延べ利用者数
2,400(人)
(2)
フードバンクへの寄付件数
150(件)
〔注記〕
(3)
生活相談窓口の解決率
70.0(%)
第2期(令和4年度～令和6年度)
目標値(単位)
実績値(単位)
達成率(%)
指標の定義
2,520(人)
105.0
3,000(人)
〔説明〕
132(件)
88.0
180(件)
〔説明〕
66.5(%)
95.0
75.0(%)
〔説明〕
(4)
3■評価
〔本文〕
"""


def test_two_period_groups_printed_in_two_runs(tmp_path: Path) -> None:
    assert read(tmp_path, TWO_PERIODS) == [
        ("子ども食堂の延べ利用者数", "人", None, (3000, 2024), [(2021, 2520)]),
        ("フードバンクへの寄付件数", "件", None, (180, 2024), [(2021, 132)]),
        ("生活相談窓口の解決率", "%", None, (75.0, 2024), [(2021, 66.5)]),
    ]
    rows = period_group_rows(lines_of(TWO_PERIODS))
    assert [[(q.value, y) for q, y in r.interim] for r in rows] == [[(2400, 2021)], [(150, 2021)], [(70.0, 2021)]]
    assert [r.actuals[0][2] for r in rows] == [105.0, 88.0, 95.0]


# the second run without a text column: the rest of the rows is shared evenly; spans in H years,
# the second year without its era; figures without units in brackets
EVEN = """\
指標名
前半(H23年度∼27年度)
目標値
実績値
①
空き店舗の活用件数
12
②
商店街の歩行者通行量
5,800
後半(H28年度∼32年度)
目標値
実績値
10
6,100
5,650
6,500
"""


def test_rest_shared_evenly_without_a_text_column() -> None:
    rows = period_group_rows(lines_of(EVEN))
    assert [(r.name, r.unit, r.baseline, (r.target.value, r.target_year), [(y, q.value) for y, q, _ in r.actuals],
             [(q.value, y) for q, y in r.interim]) for r in rows] == [
        ("空き店舗の活用件数", None, None, (6100, 2020), [(2015, 10)], [(12, 2015)]),
        ("商店街の歩行者通行量", None, None, (6500, 2020), [(2015, 5650)], [(5800, 2015)]),
    ]


def test_period_groups_refuse_what_does_not_fit() -> None:
    assert period_group_rows(lines_of(TWO_PERIODS.replace("成果指標の名称\n", "〔本文〕\n"))) == []  # no name header
    one_period = TWO_PERIODS.replace("第2期(令和4年度～令和6年度)", "第2期")
    assert period_group_rows(lines_of(one_period)) == []
    backwards = TWO_PERIODS.replace("第2期(令和4年度～令和6年度)", "第2期(平成28年度～平成30年度)")
    assert period_group_rows(lines_of(backwards)) == []
    unnumbered = TWO_PERIODS.replace("(2)\n", "")
    assert period_group_rows(lines_of(unnumbered)) == []
    uneven = EVEN.replace("6,500\n", "")
    assert period_group_rows(lines_of(uneven)) == []
    uneven_openings = EVEN.replace("12\n", "12\n14\n")
    assert period_group_rows(lines_of(uneven_openings)) == []
    too_many = TWO_PERIODS.replace("3,000(人)\n", "3,000(人)\n2,900(人)\n98.0\n3,100(人)\n")
    assert [r.name for r in period_group_rows(lines_of(too_many))] == ["フードバンクへの寄付件数", "生活相談窓口の解決率"]
    assert [r.name for r in period_group_rows(lines_of(TWO_PERIODS), known=["フードバンクへの寄付件数"])] == [
        "子ども食堂の延べ利用者数", "生活相談窓口の解決率"]


def test_period_groups_are_cheap_without_their_layout() -> None:
    lines = lines_of("\n".join(f"施策{k} 〔本文〕 指標名 現状値 目標値 市民の割合 {k}.5% 60%" for k in range(3000)))
    start = time.perf_counter()
    assert period_group_rows(lines) == []
    assert time.perf_counter() - start < 0.2
