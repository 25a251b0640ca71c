"""Survey indicators in a real browser: the example city's survey shares show their confidence
interval as a band with error bars, and say 有意な変化なし where a change stays inside the margin.

`keikaku serve` in a subprocess over a fresh database (SQLite, or PostgreSQL with
KEIKAKU_TEST_DATABASE_URL), Debian's Chromium through Playwright (see tests/browser.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect
from sqlalchemy import Engine, select

from browser import DESKTOP, RequestLog, Server, chromium, database_fixture, new_context, server_fixture
from browser_people import stored_fixture
from keikaku.services.plans import EXAMPLE_DIR, load_plan_file
from keikaku.storage import models as m
from keikaku.storage.database import transaction

CHILDCARE_SHARE = "子育てしやすいまちだと感じる市民の割合"
SPORTS = "週1回以上運動やスポーツをする市民の割合"
PHONE = {"width": 390, "height": 844}


def kaede(engine: Engine) -> dict[str, int]:
    """The example city's comprehensive plan: its two survey indicators' ids and their nodes'."""
    load_plan_file(engine, EXAMPLE_DIR / "kaede-comprehensive-plan.json")
    with transaction(engine) as s:
        rows = s.execute(select(m.Indicator.name, m.Indicator.id, m.Indicator.node_id)
                         .where(m.Indicator.name.in_([CHILDCARE_SHARE, SPORTS]))).all()
    return {**{name: i for name, i, _ in rows}, **{f"{name}:node": n for name, _, n in rows}}


database = database_fixture("database", "browser_survey")
ids = stored_fixture("ids", "database", kaede)
server = server_fixture("database", after=("ids",))


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


def open_page(browser: Any, server: Server, viewport: dict[str, int]) -> tuple[Any, Any, RequestLog]:
    requests = RequestLog()
    context = new_context(browser, server, requests, viewport=viewport)
    return context, context.new_page(), requests


def test_the_survey_chart_has_the_band_and_the_page_says_no_significant_change(browser: Any, server: Server,
                                                                                 ids: dict[str, int]) -> None:
    context, page, requests = open_page(browser, server, DESKTOP)
    page.goto(f"/indicators/{ids[SPORTS]}")
    chart = page.locator(f"#figure-{ids[SPORTS]} svg.indicator-chart")
    expect(chart).to_have_attribute("data-intervals", "4")
    band = chart.locator("polygon.interval-band")
    expect(band).to_have_count(1)
    box = band.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 20  # drawn across the four survey years
    expect(chart.locator("g.error-bar")).to_have_count(5)  # the four survey years and the baseline
    expect(chart.locator(".legend")).to_contain_text("95%信頼区間")
    expect(chart.locator("desc")).to_contain_text(
        "95%信頼区間: 基準値 令和元年度 (2019) 41.8% から 47.4%、令和3年度 (2021) 42.2% から 48.2%")
    expect(chart.locator("g.baseline-interval")).to_have_count(1)  # the baseline's own interval, on its point
    # the year's verdict beside the facts, and every year's in the calculation
    expect(page.locator("dl.facts .significance")).to_have_text("有意な変化なし")
    expect(page.locator("table.calculation .significance")).to_have_text(["有意な変化なし"] * 4)
    expect(page.locator("p.survey-note")).to_contain_text("進捗や後退とはみなしません")
    expect(page.locator("table.calculation td.interval .bounds")).to_have_text(
        ["41.8～47.4", "42.2～48.2", "40.9～46.9", "43.9～49.7", "44.5～50.5"])  # the baseline's first
    expect(page.locator("table.calculation td.interval .formula").last).to_have_text(
        "47.5 ± 1.96 × √(47.5 × (100 − 47.5) ÷ 1,036) = 47.5 ± 3.04")
    # the data table behind the chart carries the interval too
    page.locator(f"#figure-{ids[SPORTS]} summary").click()
    expect(page.locator(f"#figure-{ids[SPORTS]} table.chart-data td.interval")).to_have_text(
        ["41.8～47.4", "42.2～48.2", "40.9～46.9", "43.9～49.7", "44.5～50.5"])  # the baseline's, then each year's
    # a change beyond the margin is a significant increase, not "no significant change"
    page.goto(f"/indicators/{ids[CHILDCARE_SHARE]}")
    expect(page.locator("table.calculation .significance")).to_have_text(
        ["有意な変化なし", "有意な変化なし", "有意な増加", "有意な増加"])
    expect(page.locator("dl.facts .significance")).to_have_text("有意な増加")
    assert requests.outside(server.url) == []
    context.close()


def test_the_measure_page_on_a_phone(browser: Any, server: Server, ids: dict[str, int]) -> None:
    context, page, requests = open_page(browser, server, PHONE)
    page.goto(f"/nodes/{ids[SPORTS + ':node']}")
    expect(page.locator("table.indicators .significance")).to_have_text(["有意な変化なし"])
    expect(page.locator(f"#figure-{ids[SPORTS]} polygon.interval-band")).to_have_count(1)
    page.goto(f"/indicators/{ids[SPORTS]}?lang=en")
    expect(page.locator("dl.facts .significance")).to_have_text("No significant change")
    expect(page.locator(f"#figure-{ids[SPORTS]} .legend")).to_contain_text("95% confidence interval")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert requests.outside(server.url) == []
    context.close()


def test_the_legend_is_whole_on_a_phone(browser: Any, server: Server, ids: dict[str, int]) -> None:
    """At 390 px the chart keeps its 37rem in a scrolling box: every legend item, 95%信頼区間 the
    last, lies inside the drawing and inside the part of it shown before any scrolling."""
    context, page, requests = open_page(browser, server, PHONE)
    for lang, last in (("ja", "95%信頼区間"), ("en", "95% confidence interval")):
        page.goto(f"/indicators/{ids[SPORTS]}?lang={lang}")
        figure = page.locator(f"#figure-{ids[SPORTS]}")
        svg, shown = figure.locator("svg.indicator-chart").bounding_box(), figure.locator(".chart-scroll").bounding_box()
        texts = figure.locator("svg .legend text")
        expect(texts.last).to_have_text(last)
        assert svg is not None and shown is not None and shown["width"] < svg["width"]  # the drawing scrolls
        for k in range(texts.count()):
            box = texts.nth(k).bounding_box()
            assert box is not None
            assert svg["x"] <= box["x"] and box["x"] + box["width"] <= svg["x"] + svg["width"], (lang, k, box, svg)
            assert box["x"] + box["width"] <= shown["x"] + shown["width"], (lang, k, box, shown)
            assert svg["y"] <= box["y"] and box["y"] + box["height"] <= svg["y"] + svg["height"]
    assert requests.outside(server.url) == []
    context.close()
