"""Grids (tables whose reader knows merged cells) read by the header vocabulary."""

from __future__ import annotations

from keikaku.importer.grid import grid_columns, indicator_rows, is_indicator_grid
from keikaku.importer.records import Grid, GridCell


def grid(rows: list[list[object]]) -> Grid:
    """A grid from rows of texts; (text, rowspan, colspan) tuples merge; None marks a covered cell."""
    cells = []
    for r, row in enumerate(rows):
        for c, item in enumerate(row):
            if item is None:
                continue
            text, rs, cs, pct = (item, 1, 1, False) if isinstance(item, str) else (*item, False)[:4]
            cells.append(GridCell(text, r, c, rs, cs, pct))
    return Grid(tuple(cells), len(rows), max(len(r) for r in rows))


TWO_ROW = grid([
    [("指標名", 2, 1), ("単位", 2, 1), ("基準値\n（令和元年度）", 2, 1), ("実績値", 1, 3), None, None, ("目標値\n（令和7年度）", 2, 1), ("達成率", 2, 1)],
    [None, None, None, "令和3年度", "令和4年度", "令和5年度", None, None],
    ["自主防災組織の数", "団体", "27", "28", "29", "29", "30", "96.7%"],
    ["刑法犯の認知件数", "件", "1,070", "1,001", "980", "950", "900", "—"],
])


def test_two_row_merged_header_gives_each_column_its_role_and_year() -> None:
    columns, n = grid_columns(TWO_ROW)
    assert n == 2
    assert [(c.role, c.year) for c in columns] == [
        ("name", None), ("unit", None), ("baseline", 2019), ("actual", 2021), ("actual", 2022), ("actual", 2023),
        ("target", 2025), ("rate", None)]
    assert is_indicator_grid(TWO_ROW)


def test_rows_of_a_two_row_header_grid() -> None:
    rows = indicator_rows(TWO_ROW)
    got = [(r.name, r.unit, r.baseline.value, r.baseline_year, [(y, q.value, rate) for y, q, rate in r.actuals],
            r.target.value, r.target_year, r.direction) for r in rows]
    assert got == [
        ("自主防災組織の数", "団体", 27, 2019, [(2021, 28, None), (2022, 29, None), (2023, 29, 96.7)], 30, 2025, "increase"),
        ("刑法犯の認知件数", "件", 1070, 2019, [(2021, 1001, None), (2022, 980, None), (2023, 950, None)], 900, 2025, "decrease"),
    ]


def test_target_and_actual_rows_under_a_label_column() -> None:
    g = grid([
        ["指標名", "区分", "令和3年度", "令和4年度", "令和5年度"],
        [("健診受診率", 2, 1), "目標", "50.0%", "55.0%", "60.0%"],
        [None, "実績", "48.2%", "51.0%", "－"],
    ])
    (row,) = indicator_rows(g)
    assert row.name == "健診受診率"
    assert [(y, q.value) for y, q, _ in row.actuals] == [(2021, 48.2), (2022, 51.0)]
    assert (row.target.value, row.target_year) == (60.0, 2023)


def test_percent_formatted_cells_and_a_repeated_header() -> None:
    g = grid([
        ["指標", "現状値(R1)", "目標値(R7)"],
        [("市民満足度", 1, 1), ("58.9", 1, 1, True), ("70", 1, 1, True)],
        ["指標", "現状値(R1)", "目標値(R7)"],
        ["参加者数", "120人", "150人"],
    ])
    rows = indicator_rows(g)
    assert [(r.name, r.unit, r.baseline.value, r.baseline_year, r.target.value, r.target_year) for r in rows] == [
        ("市民満足度", "%", 58.9, 2019, 70, 2025), ("参加者数", "人", 120, 2019, 150, 2025)]


def test_a_grid_without_value_columns_is_not_an_indicator_table() -> None:
    assert not is_indicator_grid(grid([["事業名", "内容"], ["防災訓練", "年2回"]]))
    assert indicator_rows(grid([["氏名", "所属"], ["山田", "企画課"]])) == []


def test_a_cell_holding_baseline_arrow_target() -> None:
    g = grid([["指標名", "現状値→目標値"], ["受診率", "45.3%(H26)→50%(R7)"], ["待機児童数", "12人(R1)→0人(R7)"]])
    got = [(r.name, r.unit, r.baseline.value, r.baseline_year, r.target.value, r.target_year, r.direction) for r in indicator_rows(g)]
    assert got == [("受診率", "%", 45.3, 2014, 50, 2025, "increase"), ("待機児童数", "人", 12, 2019, 0, 2025, "decrease")]
