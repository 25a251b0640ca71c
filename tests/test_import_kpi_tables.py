"""KPI tables an extractor scrambled: rules for layouts read from their cells' forms and counts.

The documents here are made up (fictional names and figures) in the shapes the rules read.
"""

from __future__ import annotations

from keikaku.importer.blockcols import block_column_rows
from keikaku.importer.datedbase import dated_base_rows
from keikaku.importer.flatrows import repeated_name_rows
from keikaku.importer.normalize import make_line
from keikaku.importer.pipeline import extract_document
from keikaku.importer.records import RawDocument, RawLine
from keikaku.importer.segment import classify
from keikaku.importer.tables import split_arrow_items


def doc(text: str) -> RawDocument:
    return RawDocument(name="doc.txt", format="text", sha256="0" * 64, lines=[RawLine(t) for t in text.splitlines()])


def extract(text: str):
    return extract_document(doc(text)).plan


def lines(text: str):
    return extract_document(doc(text)).lines


def test_an_arrow_item_whose_mark_was_lost_ends_after_the_target_before_it() -> None:
    line = make_line("①渡船利用者数: 120人(平成 25 年)→150人(平成 31 年) 22 歳以下の転入者数: 40人(平成 25 年)→60人(平成 31 年)", 0)
    assert [p.text for p in split_arrow_items(line)] == [
        "①渡船利用者数: 120人(平成 25 年)→150人(平成 31 年)", "22 歳以下の転入者数: 40人(平成 25 年)→60人(平成 31 年)"]


def test_a_doubled_name_is_settled_by_a_rate_printed_away_from_its_row() -> None:
    text = ("施策 取組 KPI(令和 7 年3月まで) KPI(令和 4 年度) 達成率 港の朝市出店者数 港の朝市出店者数 市場の 活性化 40 人 10 人 "
            "灯台見学者数 200 人 灯台見学者数 50 人 25.0% 〔本文〕 25.0%")
    rows = repeated_name_rows([make_line(text, 0)])
    assert [(r.name, r.target.value, [(y, q.value) for y, q, _ in r.actuals]) for r in rows] == [
        ("港の朝市出店者数", 40, [(2022, 10)]), ("灯台見学者数", 200, [(2022, 50)])]
    assert repeated_name_rows([make_line(text.replace("〔本文〕 25.0%", "〔本文〕 30.0%"), 0)])[0].name == "灯台見学者数"


def test_values_of_every_row_before_the_names() -> None:
    plan = extract("指標名 基準値 (H26) 実績値 (H27) 目標値 (H31)\n4 6 10 延べ 3 延べ 5 延べ 9 渡船の運航回数(回) 朝市の出店数(店)")
    got = {i.name: (i.unit, i.baseline.value, i.target.value, [(a.year, a.value) for a in i.actuals]) for i in plan.indicators}
    assert got == {"渡船の運航回数": ("回", 4, 10, [(2015, 6)]), "朝市の出店数": ("店", 3, 9, [(2015, 5)])}


def test_a_run_of_unit_cells_is_not_a_letter_spaced_word() -> None:
    assert "人 件 校" in lines("単位 団体 人 件 校 現状 1 2 3 4")[0].text
    assert lines("指 標 名 現状値")[0].text.startswith("指標名")


def test_detached_column_blocks_and_a_row_group_read_column_by_column() -> None:
    text = ("①みなと 指標名 単位 現状 目標(令和7年度) 灯台見学者数 朝市出店者数 人 件 100 8 120 10 "
            "単位 回 現状 12 目標(令和7年度) 単位 人 件 現状 30 4 目標(令和7年度) "
            "渡船の運航回数 ②やま 指標名 登山道の清掃参加者数 山小屋の利用件数 〔本文〕 15 40 6")
    rows = {r.name: (r.unit, r.baseline.value, r.target.value, r.target_year) for r in block_column_rows([make_line(text, 0)])}
    assert rows == {"渡船の運航回数": ("回", 12, 15, 2025), "登山道の清掃参加者数": ("人", 30, 40, 2025),
                    "山小屋の利用件数": ("件", 4, 6, 2025), "灯台見学者数": ("人", 100, 120, 2025),
                    "朝市出店者数": ("件", 8, 10, 2025)}
    assert not any(r.name == "渡船の運航回数" for r in block_column_rows([make_line(text.replace(" 6", ""), 0)]))


def test_a_figure_with_its_unit_is_not_a_numbered_heading() -> None:
    assert classify(make_line("18.8 万人(2014 年)", 5)) is None
    assert classify(make_line("20 万人", 5)) is None
    assert classify(make_line("2 みなとの活力", 5)) is not None


def test_a_vertical_header_word_and_name_dated_baseline_target_rows() -> None:
    text = "成果指標\n目\n標\n値\n(2025(R7)年)\n渡船利用者数\n2,044 人(2020 年)\n2,500 人以上\n灯台見学者数\n18.8 万人(2020 年)\n20 万人\n61.0%(2020 年)"
    got = lines(text)
    assert [ln.text for ln in got[:3]] == ["成果指標", "目標値", "(2025年)"]  # the two calendars agree: one year
    rows = dated_base_rows(got)
    assert [(r.name, r.baseline.value, r.baseline_year, r.target.value, r.target_year) for r in rows] == [
        ("渡船利用者数", 2044, 2020, 2500, 2025), ("灯台見学者数", 18.8, 2020, 20, 2025)]
