"""Tables as plain ``pdftotext`` (default mode, not ``-layout``) leaves them: cells one per line in
the PDF's drawing order, grouped by blocks parted by blank lines (``plainblocks``).

Every table here is composed (invented names, figures, years and units), each in one of the orders
the default mode prints Word, Excel and ruled tables: columns down, rows across, rows across for
the first columns and the rest down, first rows printed beside the header, header cells split
over lines.
"""

from __future__ import annotations

import json
from pathlib import Path

from keikaku.importer.normalize import Line, make_line
from keikaku.importer.pipeline import extract_file
from keikaku.importer.plainblocks import plain_block_rows


def lines_of(text: str) -> list[Line]:
    """Non-blank lines with their raw line numbers, so blank lines leave gaps as the reader's do."""
    return [make_line(t, k) for k, t in enumerate(text.split("\n")) if t.strip()]


def brief(text: str, known: list[str] = ()) -> list[tuple]:  # type: ignore[assignment]
    def q(x):  # type: ignore[no-untyped-def]
        return x.value if x is not None else None

    return [(r.name, r.unit, q(r.baseline), r.baseline_year, q(r.target), r.target_year,
             [(y, q(v)) for y, v, _ in r.actuals], [(q(v), y) for v, y in r.interim])
            for r in plain_block_rows(lines_of(text), known=known)]


def cells(*blocks: list[str]) -> str:
    """Blocks of cells, one per line, a blank line between blocks."""
    return "\n\n".join("\n".join(block) for block in blocks)


# --- columns printed down ------------------------------------------------------------------------

DOWN = cells(["指標名"], ["単位"], ["基準値", "（令和 6 年度）"],
             ["河川清掃の参加団体数", "省エネ診断の実施件数", "市内のEV充電器の設置基数"],
             ["団体", "件", "基"], ["35", "112", "48"],
             ["目標値", "（令和 12 年", "度）", "50", "180", "90"])


def test_columns_down_with_their_roles_and_years() -> None:
    assert brief(DOWN) == [
        ("河川清掃の参加団体数", "団体", 35, 2024, 50, 2030, [], []),
        ("省エネ診断の実施件数", "件", 112, 2024, 180, 2030, [], []),
        ("市内のEV充電器の設置基数", "基", 48, 2024, 90, 2030, [], []),
    ]


def test_actual_years_after_an_actual_header() -> None:
    text = cells(["指標名"], ["単位"], ["学童保育の利用児童数", "子育てひろばの来場者数"], ["人", "人"],
                 ["現状値", "令和 2 年度", "410", "9,870"], ["実績値", "令和 3 年度", "432", "10,215"],
                 ["令和 4 年度", "455", "11,040"], ["目標値", "令和 8 年度", "520", "13,000"])
    assert brief(text) == [
        ("学童保育の利用児童数", "人", 410, 2020, 520, 2026, [(2021, 432), (2022, 455)], []),
        ("子育てひろばの来場者数", "人", 9870, 2020, 13000, 2026, [(2021, 10215), (2022, 11040)], []),
    ]


def test_first_row_beside_the_header_wrapped_name_and_group_cells() -> None:
    text = cells(["分野"], ["成果指標"], ["単位"], ["現状値", "令和 5 年度"], ["3-1 商工振", "興"],
                 ["創業塾を修了して市内で事業を始め", "た人の数", "空き店舗への出店件数", "市内の宿泊施設の客室稼働率"],
                 ["人", "件", "%"], ["3-2 観光振", "興"], ["所管課"], ["14"],
                 ["目標値", "令和 11 年", "度", "25"], ["6", "63.5"], ["12", "75.0"],
                 ["商業振興課", "観光課"], ["産業政策課"])
    assert brief(text) == [
        ("創業塾を修了して市内で事業を始めた人の数", "人", 14, 2023, 25, 2029, [], []),
        ("空き店舗への出店件数", "件", 6, 2023, 12, 2029, [], []),
        ("市内の宿泊施設の客室稼働率", "%", 63.5, 2023, 75.0, 2029, [], []),
    ]


def test_a_column_parted_by_blank_lines_is_one_run() -> None:
    text = cells(["指標名"], ["公民館の利用者数", "図書の貸出冊数"], ["基準値（令和3年度）", "18,200"], ["201,450"],
                 ["目標値（令和9年度）", "21,000"], ["230,000"])
    assert brief(text) == [
        ("公民館の利用者数", None, 18200, 2021, 21000, 2027, [], []),
        ("図書の貸出冊数", None, 201450, 2021, 230000, 2027, [], []),
    ]


# --- rows printed across -------------------------------------------------------------------------


def test_rows_across_under_roles_whose_years_follow_them() -> None:
    text = cells(["基準値"], ["実績値"], ["指標名"], ["単位"], ["目標値"],
                 ["平成30年", "度"], ["令和元年", "度"], ["令和2年", "度"], ["令和6年", "度"],
                 ["消防団員の充足率"], ["%"], ["91.2"], ["90.5"], ["89.8"], ["95.0"],
                 ["救命講習の受講者数"], ["人"], ["1,840"], ["1,210"], ["1,655"], ["2,400"])
    assert brief(text) == [
        ("消防団員の充足率", "%", 91.2, 2018, 95.0, 2024, [(2019, 90.5), (2020, 89.8)], []),
        ("救命講習の受講者数", "人", 1840, 2018, 2400, 2024, [(2019, 1210), (2020, 1655)], []),
    ]


def test_rows_across_with_year_columns_printed_beside_their_figures() -> None:
    text = cells(["KPI"], ["単位"], ["基準値"], ["基準年度"], ["目標値"], ["目標年度"], ["担当課"],
                 ["移住相談の件数"], ["件"], ["86 令和3年度"], ["150 令和8年度"], ["地域振興課"],
                 ["空き家の利活用件数"], ["件"], ["12 令和4年度"], ["30 令和8年度"], ["住宅課"])
    assert brief(text) == [
        ("移住相談の件数", "件", 86, 2021, 150, 2026, [], []),
        ("空き家の利活用件数", "件", 12, 2022, 30, 2026, [], []),
    ]


def test_first_columns_across_the_rest_down_with_roles_before_their_years() -> None:
    text = cells(["指標名"], ["単位"], ["現状値", "中間目標値", "（令和 3 年", "（令和 6 年度）", "度）"],
                 ["路線バスの利用者数※1", "千人", "812.4", "840.0"],
                 ["歩道の整備延長", "km", "36.5", "39.0"],
                 ["※1 市内を走る路線の合計"],
                 ["目標値", "（令和 9 年度）", "880.0", "42.5"])
    assert brief(text) == [
        ("路線バスの利用者数", "千人", 812.4, 2021, 880.0, 2027, [], [(840.0, 2024)]),
        ("歩道の整備延長", "km", 36.5, 2021, 42.5, 2027, [], [(39.0, 2024)]),
    ]


# --- what does not fit gives nothing -------------------------------------------------------------


def test_runs_that_do_not_number_the_rows_give_nothing() -> None:
    text = cells(["指標名"], ["単位"], ["基準値", "（令和 6 年度）"], ["指標アの件数", "指標イの件数", "指標ウの件数"],
                 ["件", "件", "件"], ["35", "112"], ["目標値", "（令和 12 年度）", "50", "180", "90"])
    assert brief(text) == []


def test_no_value_header_or_no_name_header_gives_nothing() -> None:
    assert brief(cells(["指標名"], ["単位"], ["指標アの件数", "指標イの件数"], ["件", "件"], ["35", "112"])) == []
    assert brief(cells(["単位"], ["基準値"], ["指標アの件数", "指標イの件数"], ["件", "件"], ["35", "112"])) == []


def test_value_columns_printed_backwards_give_nothing() -> None:
    text = cells(["指標名"], ["目標値", "令和 11 年度"], ["現状値", "令和 5 年度"],
                 ["指標アの件数"], ["件"], ["40"], ["52"], ["指標イの件数"], ["件"], ["7"], ["9"])
    assert brief(text) == []


def test_a_sentence_or_heading_ends_the_table() -> None:
    text = cells(["指標名"], ["単位"], ["基準値", "（令和 6 年度）"], ["指標アの件数", "指標イの件数"], ["件", "件"],
                 ["本文がここに入ります。"], ["35", "112"], ["目標値", "（令和 12 年度）", "50", "180"])
    assert brief(text) == []


def test_rows_known_to_an_earlier_reading_are_left_to_it() -> None:
    assert [r[0] for r in brief(DOWN, known=["省エネ診断の実施件数"])] == ["河川清掃の参加団体数", "市内のEV充電器の設置基数"]


# --- through the whole engine --------------------------------------------------------------------


def test_a_measure_page_in_default_order_reads_in_full(tmp_path: Path) -> None:
    text = "\n".join(["第 4 章 環境と共生するまち", "施策 4-1 ごみの減量", "本文がここに入ります。", "【成果指標】", ""]) + \
        "\n" + DOWN + "\n\n施策 4-2 緑の保全\n本文がここに入ります。\n"
    path = tmp_path / "measures.txt"
    path.write_text(text, encoding="utf-8")
    plan = json.loads(extract_file(path).plan.to_json())
    got = [(i["name"], i["unit"], i["baseline"]["value"], i["baseline"]["year"], i["target"]["value"], i["target"]["year"])
           for i in plan["indicators"]]
    assert got == [
        ("河川清掃の参加団体数", "団体", 35, 2024, 50, 2030),
        ("省エネ診断の実施件数", "件", 112, 2024, 180, 2030),
        ("市内のEV充電器の設置基数", "基", 48, 2024, 90, 2030),
    ]


# --- two rows' names run together with their units -----------------------------------------------


def _row(name: str, unit: str | None, base: str, target: str) -> "IndicatorRow":
    from keikaku.importer.tables import IndicatorRow, put_value

    row = IndicatorRow(name=name, unit=unit)
    put_value(row, "baseline", 2023, base)
    put_value(row, "target", 2029, target)
    return row


def test_two_names_run_together_with_their_units_yield_to_the_rows() -> None:
    from keikaku.importer.sieve import sifted_rows

    rows = [_row("汚泥の再資源化率%下水道の処理面積ha", None, "71.5", "405.2"),
            _row("汚泥の再資源化率", "%", "71.5", "80.0"), _row("下水道の処理面積", "ha", "405.2", "450.0")]
    assert [r.name for r in sifted_rows(rows)] == ["汚泥の再資源化率", "下水道の処理面積"]
    own = [_row("汚泥の再資源化率%下水道の処理面積ha", None, "71.5", "999.0"), *rows[1:]]
    assert [r.name for r in sifted_rows(own)] == ["汚泥の再資源化率%下水道の処理面積ha", "汚泥の再資源化率", "下水道の処理面積"]
