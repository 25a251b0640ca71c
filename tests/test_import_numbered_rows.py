"""Rows of an indicator table that open with a numbering mark (①, (1)) and hold their figures
on the same line are rows, not headings; a numbered line without figures stays a heading.
Documents composed here with invented names and figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from keikaku.importer.pipeline import extract_file
from keikaku.importer.normalize import make_line
from keikaku.importer.segment import classify


def read(tmp_path: Path, text: str):  # noqa: ANN201
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    return extract_file(path).plan


HEADER = "施策3 地域の防災力の向上\n成果指標 現状値（令和3年度） 目標値（令和8年度）\n"


@pytest.mark.parametrize(("first", "second"), [("①", "②"), ("(1)", "(2)"), ("（1）", "（2）")])
def test_numbered_rows_with_their_figures_are_indicators(tmp_path: Path, first: str, second: str) -> None:
    plan = read(tmp_path, HEADER + f"{first} 自主防災組織の結成数 48団体 60団体\n{second} 防災訓練の参加者数 3,150人 4,000人\n")
    assert [(i.name, i.unit, (i.baseline.value, i.baseline.year), (i.target.value, i.target.year))
            for i in plan.indicators] == [
        ("自主防災組織の結成数", "団体", (48, 2021), (60, 2026)), ("防災訓練の参加者数", "人", (3150, 2021), (4000, 2026))]
    assert [n.title for n in plan.nodes] == ["地域の防災力の向上"]


@pytest.mark.parametrize("text", ["① 自主防災組織の育成", "(1) 地域の防災力の向上", "① 自主防災組織 48団体", "(2) 防災訓練の実施 年2回"])
def test_a_numbered_line_with_one_figure_or_none_stays_a_heading(text: str) -> None:
    heading = classify(make_line(text, 10))
    assert heading is not None and heading.kind == "node"


# --- a KPI line: the name, then each figure behind its role word in brackets ----------------------

@pytest.mark.parametrize(("open_", "close"), [("（", "）"), ("【", "】"), ("[", "]")])
@pytest.mark.parametrize("arrow", ["→", " → ", "　"])
def test_a_role_word_in_brackets_labels_the_figure_after_it(tmp_path: Path, open_: str, close: str, arrow: str) -> None:
    def line(name: str, base: str, target: str) -> str:
        return f"{name}{open_}基準値{close}{base}（R3）{arrow}{open_}目標値{close}{target}（R8）\n"

    plan = read(tmp_path, "基本目標2 ひとの流れをつくる\n【KPI】\n" + line("観光案内所の利用者数", "12,400人", "15,000人")
                + line("移住相談の件数", "86件", "120件"))
    assert [(i.name, i.unit, (i.baseline.value, i.baseline.year), (i.target.value, i.target.year)) for i in plan.indicators] == [
        ("観光案内所の利用者数", "人", (12400, 2021), (15000, 2026)), ("移住相談の件数", "件", (86, 2021), (120, 2026))]
