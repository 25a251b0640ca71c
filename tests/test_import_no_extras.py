"""No indicator named by a label, a date or a figure, and no indicator twice under a longer name.

A table read every way the engine knows, and the whole document read again by its sheet readings,
may give rows that name no indicator (計画, 実績, 区分, (令和4年度), 団体 人 件 %) or the same
indicator with the next cell run into its name (…の参加者数単位：人, …(21). These rules live in
``keikaku/importer/sieve.py``. Documents composed here (invented names, figures, years, units)
must give exactly their indicators: the whole list, so an extra fails.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from corpus.scoring import cases, expected
from keikaku.importer.lexicon import fold_key, header_words, row_words
from keikaku.importer.pipeline import extract_file
from keikaku.importer.sieve import no_name, sifted
from keikaku.importer.tables import IndicatorRow
from keikaku.importer.values import parse_quantity

Figure = tuple[float | None, int | None] | None


def read(tmp_path: Path, text: str) -> list[tuple[str, str | None, Figure, Figure, list[tuple[int, float]]]]:
    path = tmp_path / "sheet.txt"
    path.write_text(text, encoding="utf-8")

    def figure(v):  # noqa: ANN001, ANN202
        return (v.value, v.year) if v is not None and (v.value is not None or v.year is not None) else None

    return [(i.name, i.unit, figure(i.baseline), figure(i.target), [(a.year, a.value) for a in i.actuals])
            for i in extract_file(path).plan.indicators]


DOCUMENTS = [
    pytest.param("活動指標 家庭訪問の実施件数 単位：件\n区分 R2 R3 R4\n計画 150 160 170\n実績 148 171 166\n", [
        ("家庭訪問の実施件数", "件", None, (170, 2022), [(2020, 148), (2021, 171), (2022, 166)]),
    ], id="plan-and-actual-rows-are-no-names"),
    pytest.param("成果指標② 健康教室の延べ参加者数 単位：人\n区分 R2(基準) R4 R5 R6\n"
                 "実績 1,200 1,260 1,310\n目標 - 1,300 1,350 1,400\n", [
        ("健康教室の延べ参加者数", "人", (1200, 2020), (1400, 2024), [(2022, 1260), (2023, 1310)]),
    ], id="unit-label-after-the-name-baseline-column"),
    pytest.param("指標名：図書の貸出冊数 単位：冊\n年度 H30 R1 R2 R3\n予定 52,000 53,000 54,000 55,000\n"
                 "実績 51,840 53,120 47,905 -\n", [
        ("図書の貸出冊数", "冊", None, (55000, 2021), [(2018, 51840), (2019, 53120), (2020, 47905)]),
    ], id="scheduled-row"),
    pytest.param("活動指標 出張相談会の開催回数 単位：回\n区分 R3 R4 R5\n計画 12 12 14\n実績 11 13 14\n"
                 "成果指標 相談後に就労した人数 単位：人\n区分 R3 R4 R5\n目標 40 45 50\n実績 38 47 -\n", [
        ("出張相談会の開催回数", "回", None, (14, 2023), [(2021, 11), (2022, 13), (2023, 14)]),
        ("相談後に就労した人数", "人", None, (50, 2023), [(2021, 38), (2022, 47)]),
    ], id="two-blocks"),
    pytest.param("指標名 | 現状値（R4） | 目標値（R9）\n一人当たりの図書貸出冊数（冊/人） | 4.2 | 5.0\n"
                 "市民一人当たりの公園面積（㎡/人） | 8.6 | 9.5\n", [
        ("一人当たりの図書貸出冊数", "冊/人", (4.2, 2022), (5, 2027), []),
        ("市民一人当たりの公園面積", "㎡/人", (8.6, 2022), (9.5, 2027), []),
    ], id="compound-unit-in-brackets"),
]


@pytest.mark.parametrize(("text", "want"), DOCUMENTS)
def test_a_document_gives_exactly_its_indicators(tmp_path: Path, text: str, want: list) -> None:
    assert sorted(read(tmp_path, text)) == sorted(want)  # the whole list: an extra fails (readings may order it)


@pytest.mark.parametrize("name", [
    "計画", "実績", "区分", "目標値", "達成率", "(計画)", "予定", "年度", "(令和4年度)", "(26年度)", "(令和3年度決算見込)",
    "(22", "度)", "R5", "2024", "1,250", "", "希", "団体 人 件 件 校 件 %", "人/ha(72万人)", "目標値:120人/ha",
    "出生率目標値1.40", "単位: 人 手段 NO", "指標1", "KPI②実績値", "以上", "前年度以下",
])
def test_labels_dates_figures_and_units_name_no_indicator(name: str) -> None:
    assert no_name(name)


@pytest.mark.parametrize("name", [
    "人口", "施設数", "年収", "満足度", "出生数", "合計特殊出生率", "65歳以上の就業率", "市民一人当たりの公園面積",
    "河川の環境基準達成率", "計画策定数", "(仮称)市民交流センターの利用者数", "年間観光客数",
])
def test_names_holding_a_label_or_a_year_are_still_names(name: str) -> None:
    assert not no_name(name)


def row(name: str, baseline: str | None = None, target: str | None = None, actuals: dict[int, str] | None = None) -> IndicatorRow:
    r = IndicatorRow(name=name)
    r.baseline = parse_quantity(baseline) if baseline else None
    r.target = parse_quantity(target) if target else None
    r.actuals = [(y, parse_quantity(v), None) for y, v in (actuals or {}).items()]
    return r


def names(rows: list[IndicatorRow]) -> list[tuple[str, str | None]]:
    return [(r.name, r.unit) for _, r in sifted([(None, r) for r in rows])]


def test_a_name_with_a_label_run_into_it_yields_to_the_plain_name() -> None:
    rows = [row("窓口の相談件数", "310", "400", {2022: "322", 2023: "351"}),
            row("窓口の相談件数単位:件", actuals={2023: "310", 2024: "322", 2025: "351"}),
            row("窓口の相談件数(R4", "310")]
    assert names(rows) == [("窓口の相談件数", None)]


def test_a_longer_name_holding_other_figures_stays() -> None:
    rows = [row("窓口の相談件数", "310", "400"), row("窓口の相談件数単位:件", "290", "420")]
    assert names(rows) == [("窓口の相談件数", None), ("窓口の相談件数", "件")]  # its unit label becomes its unit


def test_a_name_ending_in_a_word_of_its_own_does_not_yield() -> None:
    rows = [row("待機児童数", "12", "0"), row("待機児童数の減少", "12")]
    assert names(rows) == [("待機児童数", None), ("待機児童数の減少", None)]


def test_two_names_run_together_yield_to_the_rows_that_read_them() -> None:
    rows = [row("自治会の加入世帯数老人クラブの会員数人", "8200", "1450"),
            row("自治会の加入世帯数", "8200", "8500"), row("老人クラブの会員数", "1450", "1500")]
    assert [n for n, _ in names(rows)] == ["自治会の加入世帯数", "老人クラブの会員数"]


def test_two_names_run_together_with_figures_of_their_own_stay() -> None:
    rows = [row("自治会の加入世帯数老人クラブの会員数人", "8100", "1450"),
            row("自治会の加入世帯数", "8200", "8500"), row("老人クラブの会員数", "1450", "1500")]
    assert [n for n, _ in names(rows)] == ["自治会の加入世帯数老人クラブの会員数人", "自治会の加入世帯数", "老人クラブの会員数"]


def test_pieces_of_a_broken_name_yield_to_the_whole() -> None:
    rows = [row("地場産品を使った", actuals={2024: "18"}), row("給食の献立数(年間)", actuals={2024: "24"}),
            row("地場産品を使った給食の献立数(年間)", "18", "24")]
    assert [n for n, _ in names(rows)] == ["地場産品を使った給食の献立数(年間)"]


def test_pieces_holding_figures_of_their_own_stay() -> None:
    rows = [row("地場産品を使った", actuals={2024: "11"}), row("給食の献立数", actuals={2024: "30"}),
            row("地場産品を使った給食の献立数", "18", "24")]
    assert [n for n, _ in names(rows)] == ["地場産品を使った", "給食の献立数", "地場産品を使った給食の献立数"]


def bare_label(name: str) -> bool:
    """A name that is one header or value word of the lexicon, a row word, a year or a figure (bracketed or not)."""
    words = {w for _, ws, exact in header_words().roles for w in (*ws, *exact)} | set(row_words())
    key = fold_key(name).strip("()（）")
    return not key or key in words or bool(re.fullmatch(r"(?:令和|平成|[RH])?[0-9元]{1,4}(?:年度|年)?|[△▲-]?[0-9][0-9,.]*%?", key))


def test_no_corpus_indicator_is_named_by_a_bare_header_or_value_word() -> None:
    bad = {}
    for case in cases():
        doc, _ = expected(case)
        got = [i["name"] for i in json.loads(extract_file(doc).plan.to_json())["indicators"] if bare_label(i["name"])]
        if got:
            bad[case] = got
    assert bad == {}
