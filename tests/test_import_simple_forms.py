"""Small tables rendered every way a page or PDF extractor prints them: the figures must not change.

Each table is made up (placeholder names, invented figures). It is rendered as pipe rows with and
without a header over the name column, tab-separated, space-separated, one cell per line, with
its header years written several ways (R7, 令和7年度, 2025年度, (2025)) and its roles in several
words (現状値, 基準値, 策定時; 目標値, 目標), with units glued to the figures or printed apart, and
as ``name：base→target`` lines; every rendering must give the same indicators.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from keikaku.importer.pipeline import extract_document
from keikaku.importer.readers.text import read_text
from keikaku.importer.records import RawDocument


@dataclass(frozen=True)
class Row:
    name: str
    unit: str
    base: str  # as printed, without the unit
    target: str


@dataclass(frozen=True)
class Table:
    base_year: int
    target_year: int
    rows: tuple[Row, ...]


TABLES = {
    "counts": Table(2020, 2025, (
        Row("施設Aの利用者数", "人", "12,500", "15,000"),
        Row("窓口Bの相談件数", "件", "320", "400"),
        Row("講座Cの参加率", "%", "45.2", "60.0"),
    )),
    "decreases": Table(2019, 2026, (
        Row("区域Dの事故件数", "件", "1,070", "900"),
        Row("地区Eの待機人数", "人", "48", "0"),
    )),
    "areas": Table(2022, 2030, (
        Row("農地Fの集積面積", "ha", "2.7", "4.5"),
        Row("団体Gの登録数", "団体", "93", "110"),
        Row("事業Hの実施回数", "回", "6", "12"),
        Row("制度Iの利用率", "%", "7.5", "15"),
    )),
}

# how a header cell prints a year (of the Reiwa era from 2019; Heisei before)
YEAR_FORMS = {
    "R": lambda y: f"R{y - 2018}" if y >= 2019 else f"H{y - 1988}",
    "era": lambda y: f"令和{y - 2018}年度" if y >= 2019 else f"平成{y - 1988}年度",
    "western": lambda y: f"{y}年度",
    "bare": lambda y: f"{y}",
}
BASE_WORDS = ("現状値", "基準値", "策定時")
TARGET_WORDS = ("目標値", "目標")


def _header(table: Table, base_word: str, target_word: str, year: str, order: str) -> tuple[str, str]:
    """The two value header cells: role and year in brackets, in either order."""
    b, t = YEAR_FORMS[year](table.base_year), YEAR_FORMS[year](table.target_year)
    if order == "role(year)":
        return f"{base_word}({b})", f"{target_word}({t})"
    return f"{b}({base_word})", f"{t}({target_word})"


def _value(row: Row, figure: str, units: str) -> str:
    return {"glued": f"{figure}{row.unit}", "apart": f"{figure} {row.unit}", "none": figure}[units]


def render(table: Table, layout: str, *, base_word: str = "現状値", target_word: str = "目標値",
           year: str = "R", order: str = "role(year)", units: str = "glued") -> str:
    hb, ht = _header(table, base_word, target_word, year, order)
    cells = [(r.name, _value(r, r.base, units), _value(r, r.target, units)) for r in table.rows]
    if layout == "pipes":
        lines = [f"| 指標名 | {hb} | {ht} |", "|---|---|---|"] + [f"| {a} | {b} | {c} |" for a, b, c in cells]
    elif layout == "pipes, empty name header":
        lines = [f"| | {hb} | {ht} |", "|---|---|---|"] + [f"| {a} | {b} | {c} |" for a, b, c in cells]
    elif layout == "pipes, header shifted left":  # the empty name cell printed last
        lines = [f"{hb} | {ht} | |", "---|---|---|"] + [f"{a} | {b} | {c} |" for a, b, c in cells]
    elif layout == "tabs":
        lines = [f"指標名\t{hb}\t{ht}"] + [f"{a}\t{b}\t{c}" for a, b, c in cells]
    elif layout == "tabs, empty name header":
        lines = [f"\t{hb}\t{ht}"] + [f"{a}\t{b}\t{c}" for a, b, c in cells]
    elif layout == "spaces":
        lines = [f"指標名 {hb} {ht}"] + [f"{a} {b} {c}" for a, b, c in cells]
    elif layout == "one cell per line":
        lines = ["指標名", hb, ht] + [c for row in cells for c in row]
    elif layout == "arrow lines":
        lines = [f"{a}：{b}→{c}" for a, b, c in cells]
    elif layout == "arrow lines, dated":
        b, t = YEAR_FORMS["era"](table.base_year), YEAR_FORMS["era"](table.target_year)
        lines = [f"●{a}={b_}({b})→{c}({t})" for a, b_, c in cells]
    else:
        raise ValueError(layout)
    return "施策1 テスト分野\n" + "\n".join(lines) + "\n"


def extract(text: str):
    lines, _ = read_text("doc.txt", text.encode("utf-8"))  # tab-separated lines become rows of cells
    doc = RawDocument(name="doc.txt", format="text", sha256="0" * 64, lines=lines)
    return extract_document(doc).plan


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def expected(table: Table, *, years: bool = True) -> list[tuple]:
    return [(r.name, r.unit, _number(r.base), table.base_year if years else None,
             _number(r.target), table.target_year if years else None) for r in table.rows]


def got(text: str, *, units: bool = True) -> list[tuple]:
    return [(i.name, i.unit if units else None, i.baseline and i.baseline.value, i.baseline and i.baseline.year,
             i.target and i.target.value, i.target and i.target.year) for i in extract(text).indicators]


def _strip_units(rows: list[tuple]) -> list[tuple]:
    return [(r[0], None, *r[2:]) for r in rows]


LAYOUTS = ("pipes", "pipes, empty name header", "pipes, header shifted left", "tabs", "tabs, empty name header",
           "spaces", "one cell per line")


@pytest.mark.parametrize("table", sorted(TABLES))
@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_layout_reads_the_same(table: str, layout: str) -> None:
    assert got(render(TABLES[table], layout)) == expected(TABLES[table])


@pytest.mark.parametrize("table", sorted(TABLES))
@pytest.mark.parametrize("year", sorted(YEAR_FORMS))
@pytest.mark.parametrize("order", ["role(year)", "year(role)"])
@pytest.mark.parametrize("layout", ["pipes", "pipes, empty name header", "tabs"])
def test_header_years_and_roles_in_any_order(table: str, year: str, order: str, layout: str) -> None:
    assert got(render(TABLES[table], layout, year=year, order=order)) == expected(TABLES[table])


@pytest.mark.parametrize("table", sorted(TABLES))
@pytest.mark.parametrize("base_word", BASE_WORDS)
@pytest.mark.parametrize("target_word", TARGET_WORDS)
@pytest.mark.parametrize("layout", ["pipes", "pipes, empty name header", "tabs", "spaces"])
def test_role_words(table: str, base_word: str, target_word: str, layout: str) -> None:
    text = render(TABLES[table], layout, base_word=base_word, target_word=target_word)
    assert got(text) == expected(TABLES[table])


@pytest.mark.parametrize("table", sorted(TABLES))
@pytest.mark.parametrize("layout", ["pipes", "pipes, empty name header", "tabs", "one cell per line"])
def test_units_printed_apart(table: str, layout: str) -> None:
    assert got(render(TABLES[table], layout, units="apart")) == expected(TABLES[table])


@pytest.mark.parametrize("table", sorted(TABLES))
@pytest.mark.parametrize("layout", ["pipes", "pipes, empty name header", "tabs", "spaces"])
def test_figures_without_units(table: str, layout: str) -> None:
    assert got(render(TABLES[table], layout, units="none"), units=False) == _strip_units(expected(TABLES[table]))


@pytest.mark.parametrize("table", sorted(TABLES))
def test_name_base_arrow_target_lines(table: str) -> None:
    assert got(render(TABLES[table], "arrow lines")) == expected(TABLES[table], years=False)
    assert got(render(TABLES[table], "arrow lines, dated")) == expected(TABLES[table])


@pytest.mark.parametrize("separator", ["=", "：", ":"])
def test_arrow_lines_with_a_bullet_a_wrapped_target_and_a_qualifier(separator: str) -> None:
    text = f"""施策1 テスト分野
●窓口Jの受付件数{separator}1,200件(平成13年度)
→1,500件
●地点Kの事故件数{separator}250件→200件未満
●施設Lの登録団体数{separator}40団体
"""
    rows = got(text)
    assert rows[:2] == [("窓口Jの受付件数", "件", 1200, 2001, 1500, None), ("地点Kの事故件数", "件", 250, None, 200, None)]
    assert rows[2] == ("施設Lの登録団体数", "団体", None, None, 40, None)
