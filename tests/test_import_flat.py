"""Whole tables flattened onto one line (``keikaku/importer/flatrows.py``).

The documents here are made up: fictional names and figures, flattened the way a PDF extractor
puts a whole table or page on one space-separated line.
"""

from __future__ import annotations

from keikaku.importer.flatrows import flat_rows, repeated_name_rows, repeated_name_table
from keikaku.importer.normalize import make_line
from keikaku.importer.pipeline import extract_document
from keikaku.importer.records import RawDocument, RawLine

# header (a page column, baseline, two dated targets, a source), then rows by form: the name, its
# page, figures with units; a row's cells printed elsewhere (only two figures); a figure whose unit
# is printed apart (4,210 ha); a row with no name; a source word printed in every row
HEADER_THEN_ROWS = (
    "第2次ほしぞら村総合計画(架空) 数値目標一覧 基本目標 1 山と川のむら 施 策 掲載頁 現状値 目標値(平成30年度) "
    "目標値(令和5年度) 確認方法 村民星見会参加者数 12 820人 900人 1,000人 村調査 随時 "
    "森林ボランティア登録者数 14 35人 50人 60人 村調査 随時 16 4経営体 6経営体 "
    "村調査 随時 渓流保全面積 18 4,210 ha 4,500 ha 2 観光 (1) 交流の里 "
    "ほしぞら産品販売額 21 52百万円 70百万円"
)

# the name printed in the target column and again in the actual column, each with its figure;
# a rate (actual over target) settles which is which
REPEATED = (
    "かもめ町 総合戦略の実施状況(架空) 〈基本目標①〉しごとをつくる 具体的な施策 具体的な取組み "
    "KPI(令和 7 年3月まで) KPI(令和 4 年度) 達成率 港の朝市出店者数 40 人 港の朝市出店者数 30 人 75.0% "
    "灯台見学者数 2,000 灯台見学者数 1,500 人 75.0% 漁業体験参加者数12件 漁業体験参加者数3件 25.0% "
    "〔本文〕 海岸清掃参加者数 100 人 海岸清掃参加者数 90 人"
)


def extract(text: str):
    doc = RawDocument(name="doc.txt", format="text", sha256="0" * 64, lines=[RawLine(t) for t in text.splitlines()])
    return extract_document(doc).plan


def one(text: str):
    return [make_line(text, 0)]


def figures(ind) -> tuple:
    return (ind.name, ind.unit,
            ind.baseline.value if ind.baseline else None,
            (ind.target.value, ind.target.year) if ind.target else None,
            [(t.value, t.year) for t in ind.interim_targets],
            [(a.year, a.value) for a in ind.actuals])


def test_header_then_rows_read_by_the_form_of_their_cells() -> None:
    plan = extract(HEADER_THEN_ROWS)
    assert [figures(i) for i in plan.indicators] == [
        ("村民星見会参加者数", "人", 820, (1000, 2023), [(900, 2018)], []),
        ("森林ボランティア登録者数", "人", 35, (60, 2023), [(50, 2018)], []),
        ("渓流保全面積", "ha", 4210, None, [], []),  # two figures of three: only the baseline is sure
        ("ほしぞら産品販売額", "百万円", 52, None, [], []),
    ]


def test_a_row_without_a_name_is_left_out() -> None:
    names = [r.name for r in flat_rows(one(HEADER_THEN_ROWS))]
    assert "随時" not in names and "村調査" not in names and len(names) == 4


def test_figures_of_different_units_or_too_many_figures_are_refused() -> None:
    text = ("施 策 掲載頁 現状値 目標値(平成30年度) 目標値(令和5年度) 確認方法 "
            "村民星見会参加者数 12 820人 900件 1,000人 村調査 "
            "森林ボランティア登録者数 14 35人 50人 60人 70人 村調査 山道の延長 15 12km 13km 14km 村調査")
    assert [(r.name, r.baseline.value, r.target.value) for r in flat_rows(one(text))] == [("山道の延長", 12, 14)]


def test_the_name_repeated_in_two_columns_settled_by_the_rate() -> None:
    plan = extract(REPEATED)
    assert [figures(i) for i in plan.indicators] == [
        ("港の朝市出店者数", "人", None, (40, None), [], [(2022, 30)]),
        ("灯台見学者数", "人", None, (2000, None), [], [(2022, 1500)]),  # the unit from the other figure
        ("漁業体験参加者数", "件", None, (12, None), [], [(2022, 3)]),  # figures glued to the names
    ]  # 海岸清掃参加者数 has no rate: refused


def test_a_rate_that_does_not_fit_refuses_the_row() -> None:
    text = REPEATED.replace("75.0% 灯台", "60.0% 灯台")
    assert [r.name for r in repeated_name_rows(one(text))] == ["灯台見学者数", "漁業体験参加者数"]


def test_repeated_names_without_a_rate_or_kpi_header_are_not_a_table() -> None:
    no_rate = REPEATED.replace("達成率 ", "").replace("75.0% ", "").replace("25.0% ", "")
    assert repeated_name_rows(one(no_rate)) == []
    no_header = REPEATED.replace("KPI(令和 7 年3月まで) KPI(令和 4 年度) ", "")
    assert repeated_name_rows(one(no_header)) == []
    assert repeated_name_table([make_line(REPEATED, 0)], 0)
    assert not repeated_name_table([make_line(no_rate, 0)], 0)


def test_prose_is_not_a_flattened_table() -> None:
    prose = ("〔本文〕 村の人口は 1,200人 で、現状値 と 目標値 の差は 30人 です。 村民星見会参加者数 は 毎年 820人 程度 "
             "森林ボランティア登録者数 は 35人 程度 であり 今後も 増やしていきます 村調査 随時")
    assert flat_rows(one(prose)) == []
    assert repeated_name_rows(one(prose)) == []
    assert extract(prose).indicators == []


def test_an_ordinary_table_is_read_as_before() -> None:
    text = "指標名 現状値(令和元年度) 目標値(令和7年度)\n図書館の来館者数 52,000人 60,000人\n星空観察会の参加者数 300人 450人\n"
    assert [figures(i) for i in extract(text).indicators] == [
        ("図書館の来館者数", "人", 52000, (60000, 2025), [], []),
        ("星空観察会の参加者数", "人", 300, (450, 2025), [], []),
    ]


def test_radicals_printed_for_kanji_are_read_as_the_kanji(tmp_path: Path) -> None:
    from keikaku.importer.pipeline import extract_file

    doc = tmp_path / "radicals.txt"  # ⼈ (U+2F08) and ⼝ (U+2F1D) stand for 人 and 口, as some fonts' text maps make them
    doc.write_text("施策1 \u2f08\u2f1dの増加\n指標名 現状値(2020年度) 目標値(2030年度)\n転入\u2f08\u2f1d 1,200\u2f08 1,500\u2f08\n",
                   encoding="utf-8")
    plan = extract_file(doc).plan
    assert [n.title for n in plan.nodes] == ["人口の増加"]
    assert [(i.name, i.unit, i.baseline.value, i.target.value) for i in plan.indicators] == [  # type: ignore[union-attr]
        ("転入人口", "人", 1200, 1500)]
