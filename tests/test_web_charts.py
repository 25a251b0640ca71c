"""SVG charts: era labels, number formatting, indicator line charts, status bars, SDG badges."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from keikaku.services.charts import (
    era_label,
    era_short,
    fiscal_year_label,
    format_number,
    indicator_chart,
    nice_ticks,
    sdg_badge,
    status_bars,
)

NS = "{http://www.w3.org/2000/svg}"
HOSTILE = "<script>alert(1)</script>"


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{NS}svg"
    return root


def find_all(root: ET.Element, tag: str, cls: str | None = None) -> list[ET.Element]:
    return [e for e in root.iter(f"{NS}{tag}") if cls is None or cls in e.get("class", "").split()]


def markers(root: ET.Element, tag: str, kind: str) -> list[ET.Element]:
    """Data markers only (the legend draws the same shapes with class "symbol")."""
    return [e for e in root.iter(f"{NS}{tag}") if e.get("class") == f"marker {kind}"]


def texts(root: ET.Element, group_cls: str) -> list[str]:
    """The visible text of every <text> under the <g> elements of a class, tspans joined by "|"."""
    out = []
    for g in find_all(root, "g", group_cls):
        for t in g.iter(f"{NS}text"):
            out.append("|".join(s.text or "" for s in t) if len(t) else t.text or "")
    return out


def assert_accessible(root: ET.Element, chart_id: str) -> None:
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == f"{chart_id}-title {chart_id}-desc"
    assert root[0].tag == f"{NS}title" and root[0].get("id") == f"{chart_id}-title"
    assert root[1].tag == f"{NS}desc" and root[1].get("id") == f"{chart_id}-desc"
    assert root.get("width") == "100%"
    assert root.get("viewBox", "").startswith("0 0 ")
    assert root.get("font-family") == "inherit"


# ---------------------------------------------------------------- labels and numbers


@pytest.mark.parametrize(
    ("year", "label", "short"),
    [
        (2014, "平成26年度", "H26"),
        (2018, "平成30年度", "H30"),
        (2019, "令和元年度", "R元"),
        (2020, "令和2年度", "R2"),
        (2021, "令和3年度", "R3"),
        (2025, "令和7年度", "R7"),
        (2030, "令和12年度", "R12"),
        (1988, "昭和63年度", "S63"),
        (1989, "平成元年度", "H元"),
        (1926, "大正15年度", "T15"),  # 昭和 began 25 Dec 1926: the fiscal year keeps 大正
        (1927, "昭和2年度", "S2"),
        (1867, "1867年度", "1867"),
    ],
)
def test_era_labels(year: int, label: str, short: str) -> None:
    assert era_label(year) == label
    assert era_short(year) == short


def test_fiscal_year_label() -> None:
    assert fiscal_year_label(2021) == "令和3年度 (2021)"
    assert fiscal_year_label(2019, "ja") == "令和元年度 (2019)"
    assert fiscal_year_label(2021, lang="en") == "FY2021"
    with pytest.raises(ValueError, match="unsupported chart language"):
        fiscal_year_label(2021, lang="fr")


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1070, "1,070"),
        (1070.0, "1,070"),
        (1234567, "1,234,567"),
        (12.5, "12.5"),
        (12.34567, "12.3"),
        (1.36, "1.36"),  # entered with two decimals (a fertility rate): kept
        (0.05, "0.05"),
        (0.333333, "0.33"),
        (-80.5, "-80.5"),
        (-1e-12, "0"),
        (0.1 + 0.2, "0.3"),
    ],
)
def test_format_number(value: float, text: str) -> None:
    assert format_number(value) == text


def test_format_number_with_fixed_decimals() -> None:
    assert format_number(1000, 1) == "1,000.0"
    assert format_number(-0.01, 1) == "0.0"


@pytest.mark.parametrize(
    ("lo", "hi", "ticks"),
    [
        (999, 1070, [980, 1000, 1020, 1040, 1060, 1080]),
        (40, 70, [40, 50, 60, 70]),  # narrow: no zero
        (5, 95, [0, 20, 40, 60, 80, 100]),  # wide and positive: from zero
        (-100, -10, [-100, -80, -60, -40, -20, 0]),
        (-150, 15, [-150, -100, -50, 0, 50]),
        (500, 500, [400, 450, 500, 550, 600]),
        (0, 0, [0, 0.2, 0.4, 0.6, 0.8, 1]),
        (1.36, 1.36, [1, 1.2, 1.4, 1.6, 1.8]),
    ],
)
def test_nice_ticks(lo: float, hi: float, ticks: list[float]) -> None:
    assert nice_ticks(lo, hi) == ticks


# ---------------------------------------------------------------- indicator chart

DECREASING = dict(
    chart_id="ind-42",
    name="交通事故発生件数",
    unit="件",
    actuals=[(2016, 1050), (2017, 1042), (2018, 1030), (2019, 1010)],
    baseline=(2014, 1070),
    target=(2020, 999),
)


def tick_y(root: ET.Element) -> dict[float, float]:
    return {float(g.get("data-value")): float(g.find(f"{NS}line").get("y1")) for g in find_all(root, "g", "y-tick")}


def test_decreasing_indicator_chart() -> None:
    root = parse(indicator_chart(**DECREASING))
    assert_accessible(root, "ind-42")
    assert root.get("class") == "chart indicator-chart"
    assert root.get("lang") == "ja"
    assert root.get("data-points") == "4"
    assert root[0].text == "交通事故発生件数 (単位: 件)"
    assert root[1].text == (
        "基準値 平成26年度 (2014): 1,070件。目標 令和2年度 (2020): 999件。"
        "実績: 平成28年度 (2016) 1,050件、平成29年度 (2017) 1,042件、平成30年度 (2018) 1,030件、令和元年度 (2019) 1,010件。"
    )
    # One marker shape per series.
    assert len(markers(root, "circle", "actual")) == 4
    assert len(markers(root, "polygon", "baseline")) == 1
    assert len(markers(root, "rect", "target")) == 1
    # Distinct dash patterns: solid actual, dashed expected path, dotted target line.
    (actual,) = find_all(root, "polyline", "actual")
    (path,) = find_all(root, "polyline", "expected")
    (line,) = find_all(root, "line", "target-line")
    assert actual.get("stroke-dasharray") is None
    assert path.get("stroke-dasharray") == "7 4"
    assert line.get("stroke-dasharray") == "2 3"
    assert len(path.get("points").split()) == 2  # straight baseline → target
    # Y axis: round ticks with thousands separators.
    assert texts(root, "y-axis") == ["980", "1,000", "1,020", "1,040", "1,060", "1,080"]
    # The target line is at the height of 999 on that axis, the square on it at the year 2020.
    ys = tick_y(root)
    y999 = ys[1000] + (ys[980] - ys[1000]) * (1000 - 999) / (1000 - 980)
    assert float(line.get("y1")) == float(line.get("y2")) == pytest.approx(y999, abs=0.1)
    (square,) = markers(root, "rect", "target")
    assert float(square.get("y")) + float(square.get("height")) / 2 == pytest.approx(y999, abs=0.1)
    # X axis: era and Western year on two lines, every fiscal year from baseline to target.
    assert texts(root, "x-axis") == [
        "H26|(2014)", "H27|(2015)", "H28|(2016)", "H29|(2017)", "H30|(2018)", "R元|(2019)", "R2|(2020)",
    ]
    year_x = {int(t.get("data-year")): float(t.get("x")) for t in find_all(root, "text") if t.get("data-year")}
    assert float(square.get("x")) + float(square.get("width")) / 2 == pytest.approx(year_x[2020], abs=0.1)
    (diamond,) = markers(root, "polygon", "baseline")
    assert float(diamond.get("points").split()[0].split(",")[0]) == pytest.approx(year_x[2014], abs=0.1)
    # Legend and target label are visible text.
    assert texts(root, "legend") == ["実績", "想定推移", "基準値", "目標"]
    (label,) = find_all(root, "text", "target-label")
    assert label.text == "目標 999件"
    # The decreasing series arrives from above: the label goes below the line.
    assert float(label.get("y")) > y999


def test_indicator_chart_in_english() -> None:
    root = parse(indicator_chart(**{**DECREASING, "lang": "en"}))
    assert root.get("lang") == "en"
    assert root[0].text == "交通事故発生件数 (Unit: 件)"
    assert root[1].text.startswith("Baseline FY2014: 1,070 件. Target FY2020: 999 件. Actual: FY2016 1,050 件, ")
    assert texts(root, "x-axis") == ["2014", "2015", "2016", "2017", "2018", "2019", "2020"]
    assert texts(root, "legend") == ["Actual", "Expected path", "Baseline", "Target"]
    assert find_all(root, "text", "target-label")[0].text == "Target 999 件"


def test_hostile_text_is_inert() -> None:
    svg = indicator_chart(
        chart_id='x" onload="alert(1)',
        name=HOSTILE + "\x01",
        unit="<b>件</b>",
        actuals=[(2020, 1)],
        baseline=None,
        target=(2022, 3),
    )
    assert "<script" not in svg and "<b>" not in svg and "\x01" not in svg
    root = parse(svg)
    assert root[0].text == HOSTILE + " (単位: <b>件</b>)"
    assert not [e for e in root.iter() if e.tag.endswith("script") or e.tag.endswith("b")]
    assert not [e for e in root.iter() if any(k.startswith("on") for k in e.attrib)]
    assert root.get("aria-labelledby") == "x--onload--alert-1--title x--onload--alert-1--desc"


def test_no_data() -> None:
    for actuals in ([], [(2020, None), (2021, float("nan"))]):
        root = parse(indicator_chart(chart_id="e1", name="未計測", unit="件", actuals=actuals, baseline=None, target=None))
        assert_accessible(root, "e1")
        assert root.get("class") == "chart indicator-chart chart-empty"
        assert root.get("data-points") == "0"
        assert [t.text for t in find_all(root, "text")] == ["データなし"]
        assert root[1].text == "データなし"
    root = parse(indicator_chart(chart_id="e2", name="n", unit=None, actuals=[], baseline=None, target=None, lang="en"))
    assert [t.text for t in find_all(root, "text")] == ["No data"]


def test_single_point() -> None:
    root = parse(indicator_chart(chart_id="s", name="合計特殊出生率", unit=None, actuals=[(2021, 1.36)],
                                 baseline=None, target=None))
    assert root.get("data-points") == "1"
    (dot,) = markers(root, "circle", "actual")
    assert not find_all(root, "polyline")
    assert texts(root, "y-axis") == ["1.0", "1.2", "1.4", "1.6", "1.8"]
    assert texts(root, "x-axis") == ["R3|(2021)"]
    (year,) = [t for t in find_all(root, "text") if t.get("data-year")]
    assert float(dot.get("cx")) == float(year.get("x"))
    assert root[1].text == "実績: 令和3年度 (2021) 1.36。"
    assert texts(root, "legend") == ["実績"]


def test_negative_values() -> None:
    root = parse(indicator_chart(chart_id="neg", name="社会増減", unit="人",
                                 actuals=[(2019, -120), (2020, -80.5), (2021, 15), (2022, -30)],
                                 baseline=(2018, -150), target=(2026, 0)))
    assert texts(root, "y-axis") == ["-150", "-100", "-50", "0", "50"]
    ys = tick_y(root)
    zero = [g for g in find_all(root, "g", "y-tick") if g.get("data-value") == "0.0"][0]
    assert zero.find(f"{NS}line").get("stroke") == "#8c8c8c"  # the zero line stands out from the grid
    (line,) = find_all(root, "line", "target-line")
    assert float(line.get("y1")) == pytest.approx(ys[0], abs=0.1)
    cy = [float(c.get("cy")) for c in markers(root, "circle", "actual")]
    assert cy[0] == pytest.approx(ys[-100] + (ys[-150] - ys[-100]) * 20 / 50, abs=0.1)
    assert all(ys[50] <= y <= ys[-150] for y in cy)
    assert "-80.5人" in root[1].text


def test_gaps_equal_values_and_piecewise_path() -> None:
    root = parse(indicator_chart(chart_id="g", name="n", unit="%", actuals=[(2016, 50), (2017, 50), (2018, None),
                                 (2019, 50), (2020, 50)], baseline=None, target=None, expected=[]))
    assert len(find_all(root, "polyline", "actual")) == 2  # the missing year breaks the line
    assert len(markers(root, "circle", "actual")) == 4
    assert texts(root, "y-axis") == ["40", "45", "50", "55", "60"]
    assert "平成30年度 (2018) 値なし" in root[1].text
    root = parse(indicator_chart(chart_id="p", name="満足度", unit="%", actuals=[(2012, 43)], baseline=(2010, 40),
                                 target=(2030, 70), expected=[(2020, 55)]))
    (path,) = find_all(root, "polyline", "expected")
    assert len(path.get("points").split()) == 3
    assert "想定推移: 令和2年度 (2020) 55%" in root[1].text
    assert texts(root, "y-axis") == ["40", "50", "60", "70"]
    # Twenty-one years do not fit: every other year is labelled, ending on the target year.
    assert texts(root, "x-axis")[-1] == "R12|(2030)"
    assert len(texts(root, "x-axis")) == 11


def test_chart_ids_are_unique_per_chart() -> None:
    a = parse(indicator_chart(**DECREASING))
    b = parse(indicator_chart(**{**DECREASING, "chart_id": "ind-43"}))
    ids = lambda r: {e.get("id") for e in r.iter() if e.get("id")}  # noqa: E731
    assert ids(a) == {"ind-42-title", "ind-42-desc"}
    assert not ids(a) & ids(b)


# ---------------------------------------------------------------- status bars

ORDER = [("achieved", "達成"), ("on_track", "概ね順調"), ("delayed", "やや遅れ"), ("behind", "遅れ"), ("none", "未評価")]
ROWS = [
    ("1 安全・安心", {"achieved": 3, "on_track": 2, "delayed": 1, "none": 1}),
    ("2 子どもが健やかに育ち、誰もが生涯を通じて学び続けられるまちづくりの推進", {"achieved": 1, "on_track": 5, "behind": 2}),
    ("3 産業", {"achieved": 12, "on_track": 1, "delayed": 3, "behind": 1, "none": 4, "unknown": 9}),
    ("4 空", {}),
]


def test_status_bars() -> None:
    root = parse(status_bars(chart_id="st", rows=ROWS, order=ORDER))
    assert_accessible(root, "st")
    assert root.get("class") == "chart status-chart"
    assert root[0].text == "状況別の件数"
    assert root[1].text.startswith("1 安全・安心: 達成 3、概ね順調 2、やや遅れ 1、未評価 1 (計 7)。")
    rows = find_all(root, "g", "row")
    assert [r.get("data-total") for r in rows] == ["7", "8", "21", "0"]
    segments = [[(s.get("data-status"), s.get("data-count")) for s in find_all(r, "g", "segment")] for r in rows]
    assert segments[2] == [("achieved", "12"), ("on_track", "1"), ("delayed", "3"), ("behind", "1"), ("none", "4")]
    assert segments[3] == []
    # Counts are written inside segments wide enough for them; hover titles carry all of them.
    assert [t.text for t in find_all(rows[2], "text", "count")] == ["12", "3", "4"]
    assert [t.text for t in find_all(rows[2], "text", "total")] == ["計 21"]
    assert find_all(rows[2], "g", "segment")[1].find(f"{NS}title").text == "3 産業: 概ね順調 1"
    # Legend: same order, totals, and the same pattern fill as the segments.
    assert texts(root, "legend") == ["達成 (16)", "概ね順調 (8)", "やや遅れ (4)", "遅れ (3)", "未評価 (5)"]
    patterns = {p.get("id"): p.get("class") for p in find_all(root, "pattern")}
    assert len(set(patterns.values())) == 5
    legend_fill = {g.get("data-status"): g.find(f"{NS}rect").get("fill") for g in find_all(root, "g", "legend-item")}
    for seg in find_all(root, "g", "segment"):
        assert seg.find(f"{NS}rect").get("fill") == legend_fill[seg.get("data-status")]
    assert {f[5:-1] for f in legend_fill.values()} == set(patterns)
    # Long row labels are cut with … and keep the full text in a title.
    label = find_all(rows[1], "g", "row-label")[0]
    assert label.find(f"{NS}title").text == ROWS[1][0]
    assert label.find(f"{NS}text").text.endswith("…")
    assert ROWS[1][0].startswith(label.find(f"{NS}text").text[:-1])


def test_status_bars_english_escaping_and_empty() -> None:
    svg = status_bars(chart_id="st2", rows=[(HOSTILE, {"a": 2})], order=[("a", "<i>ok</i>")], lang="en")
    assert "<script" not in svg and "<i>" not in svg
    root = parse(svg)
    assert root[0].text == "Count by status"
    assert root[1].text == f"{HOSTILE}: <i>ok</i> 2 (total 2)."
    assert texts(root, "legend") == ["<i>ok</i> (2)"]
    root = parse(status_bars(chart_id="st3", rows=[], order=ORDER))
    assert "chart-empty" in root.get("class")
    assert [t.text for t in find_all(root, "text")] == ["データなし"]


# ---------------------------------------------------------------- SDG badges


def test_sdg_badge() -> None:
    root = parse(sdg_badge(11))
    assert root.get("role") == "img"
    assert root.get("aria-label") == "SDG 11 住み続けられるまちづくりを"
    assert root.get("width") == root.get("height") == "28"
    assert root.find(f"{NS}rect").get("fill") == "#FD9D24"
    text = root.find(f"{NS}text")
    assert (text.text, text.get("fill"), text.get("font-weight")) == ("11", "#ffffff", "bold")
    assert parse(sdg_badge(1, size=40)).get("width") == "40"
    assert parse(sdg_badge(13, lang="en")).get("aria-label") == "SDG 13 Climate action"
    assert parse(sdg_badge(17)).find(f"{NS}rect").get("fill") == "#19486A"
    for bad in (0, 18, True):
        with pytest.raises(ValueError, match="no SDG number"):
            sdg_badge(bad)
