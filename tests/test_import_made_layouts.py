"""Layouts cities make in Word and Excel (and print to PDF with LibreOffice), and ruled PDF tables,
that tests/corpus/made.py does not cover: every indicator with every figure right.

The documents (tests/made_layouts.py) were scored before the engine learnt them: the transposed
sheet and the form read nothing, the sheet with formatted years read no year. The rules learnt:
a cell reads as Excel shows it (its format's quoted words, a date in an era format as its era
year: keikaku/importer/readers/numformat.py), a grid whose rows are fiscal years is turned over,
and a form's indicator blocks are read one by one (keikaku/importer/gridshapes.py). Each rule is
also checked on a composed variant with other names, figures, years and units.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from corpus.scoring import scorer
from keikaku.importer.gridshapes import form_blocks, reshaped, years_as_rows
from keikaku.importer.pipeline import extract_file
from keikaku.importer.readers import read_document
from keikaku.importer.readers.numformat import era_year_text, with_format_text
from keikaku.importer.records import Grid, GridCell
from made_layouts import build

FIGURES = {  # figures each document holds, as the scorer counts them (a value and a year each, actuals one each)
    "excel transposed": 21, "excel form blocks": 21, "excel formatted years": 35, "word two tables": 25,
    "word page break": 96, "word years above": 18, "pdf multi-page": 88, "pdf side by side": 24,
}


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, list[dict]]]:
    return build(tmp_path_factory.mktemp("made-layouts"))


def indicators(path: Path) -> list[dict]:
    return json.loads(extract_file(path).plan.to_json())["indicators"]


def brief(path: Path) -> list[tuple]:
    """Each indicator as (name, unit, baseline, [actuals], target), values and years."""
    def pair(q: dict | None) -> tuple | None:
        return None if q is None else (q["value"], q["year"])

    return [(i["name"], i["unit"], pair(i["baseline"]), [(a["year"], a["value"]) for a in i["actuals"]], pair(i["target"]))
            for i in indicators(path)]


@pytest.mark.parametrize("label", [*FIGURES, *(f"{k} → PDF" for k in list(FIGURES)[:6])])
def test_every_made_layout_reads_in_full(made: dict[str, tuple[Path, list[dict]]], label: str) -> None:
    path, gold = made[label]
    found, total, right, figures, misses = scorer().score(gold, indicators(path))
    assert misses == []
    assert (found, right, figures) == (total, figures, FIGURES[label.removesuffix(" → PDF")])
    assert len(indicators(path)) == total  # nothing else read as an indicator (the form's other rows)


def test_the_transposed_sheet_is_turned_over(made: dict[str, tuple[Path, list[dict]]]) -> None:
    assert brief(made["excel transposed"][0]) == [
        ("認知症サポーター養成者数", "人", (8420, 2020), [(2021, 9105), (2022, 9870), (2023, 10640)], (13000, 2026)),
        ("地域見守り協定の締結事業者数", "件", (36, 2020), [(2021, 41), (2022, 47), (2023, 52)], (70, 2026)),
        ("地域活動に参加している高齢者の割合", "%", (28.4, 2020), [(2021, 27.9), (2022, 29.6), (2023, 31.2)], (35, 2026)),
    ]


def test_the_form_gives_its_blocks_and_nothing_else(made: dict[str, tuple[Path, list[dict]]]) -> None:
    found = indicators(made["excel form blocks"][0])
    assert [(i["name"], i["unit"], i["origin"], i["baseline"]["origin"], i["actuals"][-1]["reported_rate"]) for i in found] == [
        ("自主防災組織の結成率", "%", "施策評価シート!C4", "施策評価シート!C7", pytest.approx(58.4615384615)),
        ("防災訓練の年間参加者数", "人", "施策評価シート!C8", "施策評価シート!C11", pytest.approx(28.2352941176)),
        ("家庭で備蓄をしている市民の割合", "%", "施策評価シート!C12", "施策評価シート!C15", pytest.approx(62.8787878788)),
    ]


def test_years_shown_by_their_format_are_read(made: dict[str, tuple[Path, list[dict]]]) -> None:
    lines = [line.cells for line in read_document(made["excel formatted years"][0]).lines if line.cells]
    assert lines[2] == ("", "令和2年度", "令和3年度", "令和4年度", "令和5年度", "令和7年度")  # dates in ggge"年度"
    assert lines[3] == ("市立図書館の年間貸出冊数", "612300冊", "598400冊", "640150冊", "655020冊", "700000冊")
    assert lines[8] == ("", "令和2年度", "令和3年度", "令和4年度", "令和5年度", "令和7年度")  # numbers in "令和"0"年度"
    assert lines[9] == ("スポーツ教室の参加者数", "1870人", "1020人", "1655人", "1940人", "2300人")


# --- the number format's words -------------------------------------------------------------------


@pytest.mark.parametrize(("number", "fmt", "text"), [
    ("1870", '#,##0"人"', "1870人"), ("3", '"令和"0"年度"', "令和3年度"), ("30", '"平成"0"年度"', "平成30年度"),
    ("12.5", '0.0"ha"', "12.5ha"), ("4", '"第"0"回"', "第4回"), ("250", '#,##0" 千円";[Red]-#,##0" 千円"', "250千円"),
    ("7", '0\\件', "7件"), ("58.9", '0.0"%"', "58.9"), ("58.9", "0.0%", "58.9"), ("58.9", "0.0\\%", "58.9"),
    ("-3.5", "#,##0.0", "-3.5"), ("12", "General", "12"), ("12", "", "12"), ("5", '[$-411]#,##0', "5"),
    ("8", '"約"@', "8"),  # a text format: no digits to place words around
])
def test_a_number_reads_with_its_formats_words(number: str, fmt: str, text: str) -> None:
    assert with_format_text(number, fmt) == text


@pytest.mark.parametrize(("serial", "fmt", "text"), [
    (44287, '[$-411]ggge"年度"', "令和3年度"), (43922, '[$-ja-JP]ggge"年度"', "令和2年度"), (43586, "ge", "R1"),
    (43585, 'gge"年"', "平31年"), (42461, '[$-411]ggge"年度"', "平成28年度"), (32000, "ggge", "昭和62"),
    (44287, "yyyy/m/d", None), (44287, '[$-411]ggge"年"m"月"d"日"', None), (44287, "0", None),
    (44287, "General", None), (0, "ggge", None), (-5, "ggge", None),
])
def test_a_date_in_an_era_format_reads_as_its_era_year(serial: float, fmt: str, text: str | None) -> None:
    assert era_year_text(serial, fmt) == text


def test_a_variant_sheet_with_heisei_years_and_units_in_the_format(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["成果指標", "現状値", "実績値", None, "目標値"])
    sheet.append([None, 28, 29, 30, date(2020, 4, 1)])
    for k, fmt in ((2, '"平成"0"年度"'), (3, '"平成"0"年度"'), (4, '"平成"0"年度"'), (5, '[$-411]ggge"年度"')):
        sheet.cell(row=2, column=k).number_format = fmt
    sheet.append(["農地の集積面積", 812.5, 840.0, 866.25, 1000])
    sheet.append(["新規就農者数", 6, 4, 9, 15])
    for k in range(2, 6):
        sheet.cell(row=3, column=k).number_format = '#,##0.0"ha"'
        sheet.cell(row=4, column=k).number_format = '0"人"'
    sheet.merge_cells("A1:A2")
    sheet.merge_cells("C1:D1")
    book.save(str(tmp_path / "nogyo.xlsx"))
    assert brief(tmp_path / "nogyo.xlsx") == [
        ("農地の集積面積", "ha", (812.5, 2016), [(2017, 840), (2018, 866.25)], (1000, 2020)),
        ("新規就農者数", "人", (6, 2016), [(2017, 4), (2018, 9)], (15, 2020)),
    ]


# --- fiscal years as rows ----------------------------------------------------------------------


def test_a_variant_with_western_years_and_other_role_words(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["水道事業の指標"])
    sheet.append([])
    sheet.append([None, None, "有収率（%）", "管路の耐震化率（%）", "水道料金の収納率（%）", "漏水修理件数（件）"])
    sheet.append(["2019年度", "現状値", 89.2, 21.5, 98.1, 143])
    sheet.append(["2020年度", "実績", 89.9, 22.8, 98.4, 131])
    sheet.append(["2021年度", "実績", 90.3, 24.0, 98.3, 126])
    sheet.append(["2024年度", "目標", 92.0, 30.0, 99.0, 100])
    book.save(str(tmp_path / "suido.xlsx"))
    assert brief(tmp_path / "suido.xlsx") == [
        ("有収率", "%", (89.2, 2019), [(2020, 89.9), (2021, 90.3)], (92, 2024)),
        ("管路の耐震化率", "%", (21.5, 2019), [(2020, 22.8), (2021, 24)], (30, 2024)),
        ("水道料金の収納率", "%", (98.1, 2019), [(2020, 98.4), (2021, 98.3)], (99, 2024)),
        ("漏水修理件数", "件", (143, 2019), [(2020, 131), (2021, 126)], (100, 2024)),
    ]


def grid_of(rows: list[list[str]]) -> Grid:
    return Grid(cells=tuple(GridCell(text=t, row=r, col=k) for r, row in enumerate(rows) for k, t in enumerate(row)),
                rows=len(rows), cols=max(len(row) for row in rows))


def test_a_table_of_one_indicator_over_the_years_is_not_turned_over() -> None:
    yearly = grid_of([["年度", "実績値", "目標値"], ["令和3年度", "120", "150"], ["令和4年度", "131", "150"]])
    assert years_as_rows(yearly) is None  # its columns are roles, not indicators
    names = grid_of([["指標名", "令和3年度", "令和4年度"], ["令和3年度の利用者数", "120", "131"], ["図書の貸出冊数", "5", "6"]])
    assert years_as_rows(names) is None  # the header's first cell names the indicators
    words = grid_of([["年度", "区分", "利用者数（人）"], ["令和3年度", "実績値", "多い"], ["令和4年度", "実績値", "少ない"]])
    assert years_as_rows(words) is None  # no figures under the names
    assert reshaped(yearly) == [yearly]


# --- indicator blocks in a form -------------------------------------------------------------------


def test_a_variant_form_with_a_direction_field_and_an_empty_block(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "評価"
    rows = [
        ["事務事業評価シート", None, None, None, None, None],
        ["事業名", None, "ごみ減量推進事業", None, None, None],
        ["指標", None, "1人1日当たりのごみ排出量", None, None, None],
        ["単位", None, "g", "方向性", "減少", None],
        ["区分", "基準値(2022年度)", "2023年度", "2024年度", "目標値(2028年度)", "担当"],
        ["値", 912, 897, 884, 850, "環境課"],
        ["指標", None, "資源回収団体数", None, None, None],
        ["所管課", None, "環境課", None, None, None],
        ["単位", None, "団体", None, None, None],
        ["区分", "基準値(2022年度)", "2023年度", "2024年度", "目標値(2028年度)", None],
        ["値", 58, 61, 63, 70, None],
        ["指標", None, "生ごみ処理機の購入助成件数", None, None, None],
        ["区分", "基準値(2022年度)", "2023年度", "2024年度", "目標値(2028年度)", None],
        ["値", None, None, None, None, None],
        ["課題", None, "〔本文〕", None, None, None],
    ]
    for row in rows:
        sheet.append(row)
    for merge in ("A1:F1", "A2:B2", "C2:F2", "A3:B3", "C3:F3", "A4:B4", "E4:F4", "A7:B7", "C7:F7", "A8:B8", "C8:F8",
                  "A9:B9", "C9:F9", "A12:B12", "C12:F12", "A15:B15", "C15:F15"):
        sheet.merge_cells(merge)
    book.save(str(tmp_path / "gomi.xlsx"))
    found = indicators(tmp_path / "gomi.xlsx")
    assert [(i["name"], i["unit"], i["direction"], i["baseline"]["value"], i["baseline"]["year"],
             [(a["year"], a["value"]) for a in i["actuals"]], i["target"]["value"], i["target"]["year"]) for i in found] == [
        ("1人1日当たりのごみ排出量", "g", "decrease", 912, 2022, [(2023, 897), (2024, 884)], 850, 2028),
        ("資源回収団体数", "団体", "increase", 58, 2022, [(2023, 61), (2024, 63)], 70, 2028),
    ]  # the third block has no figures: no indicator, and the form's other rows give none


def test_a_grid_without_a_labelled_name_has_no_blocks() -> None:
    plain = grid_of([["指標名", "基準値（令和2年度）", "目標値（令和7年度）"], ["待機児童数", "24", "0"]])
    assert form_blocks(plain) == [] and reshaped(plain) == [plain]
    no_header = grid_of([["指標名", "利用者数", ""], ["区分", "多い", "少ない"], ["値", "120", "150"]])
    assert form_blocks(no_header) == []  # no value words over the figures
