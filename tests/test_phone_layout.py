"""A phone is enough: at 390 × 844 no public page scrolls sideways (tables and charts scroll in their
own box), chart text is 11 px or more, touch targets are 44 px high, and axe finds nothing serious
at 390 px nor at 1280 px. The server, database and browser are test_browser's."""

from __future__ import annotations

from typing import Any

import pytest

from browser import Server, run_axe, screenshot, serious_targets
from test_browser import browser_fixture, ids, server, site_database, site_plans  # noqa: F401 - the shared fixtures

PAGES = {
    "home": lambda ids: "/",
    "plan": lambda ids: f"/plans/{ids['koganei']}",
    "plan-kaede": lambda ids: f"/plans/{ids['kaede']}",
    "node": lambda ids: f"/nodes/{ids['m25']}",
    "indicator": lambda ids: f"/indicators/{ids['m25_indicator']}",
    "search": lambda ids: "/search?q=子供",
    "search-filtered": lambda ids: f"/search?q=防犯&kind=node&plan={ids['koganei']}",
    "compare": lambda ids: f"/compare?a={ids['koganei']}&b={ids['kaede']}",
    "evaluations": lambda ids: f"/plans/{ids['kaede']}/evaluations",
    "404": lambda ids: "/plans/abc",
    "plan-en": lambda ids: f"/plans/{ids['kaede']}?lang=en",
}

MEASURE = """() => {
  const doc = document.documentElement;
  const small = [];
  for (const svg of document.querySelectorAll('main svg[viewBox]')) {
    const box = svg.getBoundingClientRect();
    const vb = svg.viewBox.baseVal;
    if (!box.width || !vb || !vb.width) continue;
    const scale = box.width / vb.width;
    for (const t of svg.querySelectorAll('text')) {
      const size = parseFloat(getComputedStyle(t).fontSize) * scale;
      if (size < 11 - 0.01) small.push(`${svg.id || svg.getAttribute('class')}: ${t.textContent} ${size.toFixed(1)}px`);
    }
  }
  const targets = [];
  for (const el of document.querySelectorAll('header a, header button, header input, main button, main select, main summary, nav.siblings a, nav.breadcrumbs a')) {
    const r = el.getBoundingClientRect();
    if (r.width && r.height < 44 - 0.5) targets.push(`${el.tagName} ${el.textContent.trim().slice(0, 30)} ${r.height.toFixed(0)}px`);
  }
  const untitled = [...document.querySelectorAll('main figure')].filter(f => !f.querySelector('.chart-title')).length;
  return {scrollWidth: doc.scrollWidth, innerWidth: window.innerWidth, small, targets, untitled};
}"""


def visit(browser: Any, server: Server, url: str, width: int) -> Any:
    context = browser.new_context(base_url=server.url, locale="ja-JP", bypass_csp=True,
                                  viewport={"width": width, "height": 844 if width < 600 else 900})
    page = context.new_page()
    return context, page


@pytest.mark.parametrize("name", list(PAGES))
def test_phone_page_fits_and_is_readable(name: str, browser: Any, server: Server, ids: dict[str, int]) -> None:  # noqa: F811
    context, page = visit(browser, server, PAGES[name](ids), 390)
    try:
        response = page.goto(PAGES[name](ids))
        assert response is not None and response.status == (404 if name == "404" else 200)
        got = page.evaluate(MEASURE)
        screenshot(page, f"phone-{name}")
        assert got["scrollWidth"] <= got["innerWidth"], f"{name} scrolls sideways: {got['scrollWidth']} > {got['innerWidth']}"
        assert got["small"] == [], f"{name}: chart text under 11 px: {got['small'][:5]}"
        assert got["targets"] == [], f"{name}: touch targets under 44 px: {got['targets'][:5]}"
        assert got["untitled"] == 0, f"{name}: a chart without a visible title"
    finally:
        context.close()


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("name", list(PAGES))
def test_axe_at_phone_and_desktop_width(name: str, width: int, browser: Any, server: Server, ids: dict[str, int]) -> None:  # noqa: F811
    context, page = visit(browser, server, PAGES[name](ids), width)
    try:
        page.goto(PAGES[name](ids))
        result = run_axe(page)
    finally:
        context.close()
    serious = serious_targets(result)
    assert serious == [], f"axe on {name} at {width} px: " + "; ".join(serious)


def test_node_page_has_every_level_and_siblings(browser: Any, server: Server, ids: dict[str, int]) -> None:  # noqa: F811
    context, page = visit(browser, server, "", 390)
    try:
        page.goto(f"/nodes/{ids['m25']}")
        crumbs = page.locator("nav.breadcrumbs li").all_inner_texts()
        assert crumbs[0] == "トップ" and "小金井市" in crumbs[1] and crumbs[-1].endswith("防犯体制の強化")
        assert len(crumbs) >= 4  # top, plan, every level above the measure, the measure
        assert page.locator("nav.breadcrumbs [aria-current=page]").count() == 1
        siblings = page.locator("nav.siblings a")
        assert siblings.count() >= 1
        assert page.title().count("総合計画の見える化") == 1
        assert page.locator("header .brand").inner_text() == "keikaku 総合計画の見える化"
    finally:
        context.close()
