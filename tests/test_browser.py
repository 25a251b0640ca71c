"""The public site in a real browser: `keikaku serve` in a subprocess, Debian's Chromium through Playwright.

One database (SQLite, or PostgreSQL with KEIKAKU_TEST_DATABASE_URL) holds Koganei's 4th basic plan
imported from its seed document, the bundled fictional city and a plan whose text is markup. One
server and one browser serve the whole module; every test has its own browser context. Screenshots
go to test-artifacts/browser/. Nothing is skipped: a missing Chromium or axe-core fails with the
command that installs it (./test runs both).
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import expect
from sqlalchemy import Engine

from browser import (  # noqa: F401 - browser_fixture: the module's Chromium
    ARTIFACTS, RequestLog, Server, browser_fixture, database_fixture, run_axe, screenshot, server_fixture,
)
from browser_people import Person, stored_fixture
from keikaku.domain import planfile as pf
from keikaku.services.importing import import_file
from keikaku.services.plans import example_files, load_plan, load_plan_file

KOGANEI_PLAN = "小金井市基本計画"
MEASURE_25 = "防犯体制の強化"
PAYLOAD = "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\">"


def markup_plan() -> pf.PlanDocument:
    """A small plan file whose texts are markup; the site must show them as text."""
    return pf.parse_plan_document({
        "format": "keikaku-plan/1",
        "key": "990019:markup-test",
        "municipality": "かえで市",
        "municipality_code": "990019",
        "title": "マークアップ試験計画（架空）",
        "kind": "basic_plan",
        "period": {"start": 2021, "end": 2025},
        "nodes": [
            {"id": "p1", "level": "政策", "number": "1", "title": "試験の政策"},
            {"id": "m1", "parent": "p1", "level": "施策", "number": "1", "title": PAYLOAD,
             "sections": [{"heading": "現況と課題", "text": "本文の <b>太字</b> と pwned の語", "items": ["<i>項目</i>"]}]},
        ],
        "indicators": [
            {"node": "m1", "name": "試験の指標 <svg onload=\"window.__pwned=3\">", "unit": "件", "direction": "increase",
             "baseline": {"value": 10, "year": 2020}, "target": {"value": 20, "year": 2025},
             "actuals": [{"year": 2021, "value": 12}, {"year": 2022, "value": 14}]},
        ],
    }, "markup-test")


# --- the site: one database, one server, one browser per module ----------------------------

def store_site(engine: Engine, seeds: Path) -> None:
    """Koganei's 4th basic plan from its seed document, the bundled plans and the markup plan."""
    seed = next(seeds.glob("002_*.txt"))
    assert import_file(engine, seed).load.nodes > 0
    for path in example_files():
        load_plan_file(engine, path)
    load_plan(engine, markup_plan())


site_database = database_fixture("site_database", "browser")
site_plans = stored_fixture("site_plans", "site_database", store_site, needs=("seeds",))
server = server_fixture("site_database", after=("site_plans",), shots=ARTIFACTS)


@pytest.fixture(scope="module")
def ids(server: Server) -> dict[str, int]:
    """Ids of the pages the tests visit, from the site's own JSON API."""
    with httpx.Client(base_url=server.url, trust_env=False, timeout=10) as client:
        plans = client.get("/api/v1/plans").json()["plans"]
        koganei = next(p for p in plans if p["municipality"]["code"] == "132101")
        kaede = next(p for p in plans if p["title"] == "かえで市第2次総合計画（架空の例）")
        markup = next(p for p in plans if p["title"] == "マークアップ試験計画（架空）")

        def find(tree: list[dict[str, Any]], pred: Any) -> dict[str, Any]:
            for item in tree:
                if pred(item):
                    return item
                try:
                    return find(item["children"], pred)
                except LookupError:
                    pass
            raise LookupError("no such node")

        tree = client.get(f"/api/v1/plans/{koganei['id']}").json()["tree"]
        m25 = find(tree, lambda n: n["level"] == "施策" and n["number"] == "25")
        node = client.get(f"/api/v1/nodes/{m25['id']}").json()
        markup_tree = client.get(f"/api/v1/plans/{markup['id']}").json()["tree"]
        payload_node = find(markup_tree, lambda n: n["title"] == PAYLOAD)
        payload_ind = client.get(f"/api/v1/nodes/{payload_node['id']}").json()["indicators"][0]
    return {"koganei": koganei["id"], "kaede": kaede["id"], "m25": m25["id"], "m25_indicator": node["indicators"][0]["id"],
            "markup_plan": markup["id"], "payload_node": payload_node["id"], "payload_indicator": payload_ind["id"]}


class Visit(Person):
    """One browser context (browser_people.Person: its page and the console errors it saw) with
    every request it made."""

    def __init__(self, browser: Any, server: Server, *, bypass_csp: bool = False) -> None:
        self.server = server
        self.requests = RequestLog()
        super().__init__(browser, server, self.requests, bypass_csp=bypass_csp)

    def close(self) -> None:
        self.context.close()
        outside = self.requests.outside(self.server.url)
        assert outside == [], f"the browser asked for addresses other than {self.server.url}: {outside}"


@pytest.fixture
def visit(browser: Any, server: Server) -> Iterator[Visit]:
    v = Visit(browser, server)
    yield v
    v.close()


def h1(page: Any) -> str:
    return " ".join(page.locator("h1").inner_text().split())


# --- 1. home → Koganei's plan → measure 25 with its figures and chart --------------------------

def test_click_through_to_measure_25(visit: Visit, ids: dict[str, int]) -> None:
    page = visit.page
    page.goto("/")
    expect(page).to_have_title("keikaku 総合計画の見える化")
    expect(page.locator("h1")).to_have_text("自治体と計画")
    expect(page.locator("#m-132101")).to_contain_text("小金井市")
    screenshot(page, "1-home")

    page.locator("section.municipality", has=page.locator("#m-132101")).get_by_role("link", name=KOGANEI_PLAN, exact=True).click()
    expect(page).to_have_url(f"{visit.server.url}/plans/{ids['koganei']}")
    expect(page.locator("h1")).to_have_text(KOGANEI_PLAN)
    expect(page.locator("h2#tree")).to_have_text("計画の体系")
    screenshot(page, "1-plan")

    page.locator("ul.tree a", has_text=MEASURE_25).click()
    expect(page).to_have_url(f"{visit.server.url}/nodes/{ids['m25']}")
    assert h1(page) == "施策 25 防犯体制の強化"
    row = page.locator("table.indicators tbody tr", has=page.get_by_role("link", name="刑法犯の認知件数"))
    expect(row).to_have_count(1)
    cells = row.locator("td")
    assert cells.nth(0).inner_text().split("\n")[0] == "1,070件"  # 現状値
    assert cells.nth(1).inner_text().split("\n")[0] == "999件"  # 目標値
    expect(page.locator("main")).to_contain_text("1,070")
    expect(page.locator("main")).to_contain_text("999")

    chart = page.locator(f"#figure-{ids['m25_indicator']} svg.indicator-chart")
    expect(chart).to_have_count(1)
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 100, box
    assert "刑法犯の認知件数" in chart.locator("title").first.text_content()
    markers = chart.locator(".marker:not(.legend .marker)")  # what is plotted, not the legend's samples
    assert markers.count() >= 1
    for i in range(markers.count()):
        mbox = markers.nth(i).bounding_box()
        assert mbox is not None and mbox["width"] > 0 and mbox["height"] > 0, (i, mbox)
    plotted = " ".join(markers.nth(i).text_content() or "" for i in range(markers.count()))
    assert "1,070" in plotted and "999" in plotted, plotted  # the baseline and target markers' tooltips
    screenshot(page, "1-measure-25")

    page.get_by_role("link", name="刑法犯の認知件数").click()
    expect(page).to_have_url(f"{visit.server.url}/indicators/{ids['m25_indicator']}")
    expect(page.locator("h1")).to_have_text("刑法犯の認知件数")
    expect(page.locator("svg.indicator-chart")).to_have_count(1)
    screenshot(page, "1-indicator")
    assert visit.console_errors == []


# --- 2. search 防災 from the header form ----------------------------------------------------------

def test_search_from_header_and_follow_a_result(visit: Visit) -> None:
    page = visit.page
    page.goto("/")
    page.locator("header form[role=search] input[name=q]").fill("防災")
    page.locator("header form[role=search] input[name=q]").press("Enter")
    expect(page).to_have_url(re.compile(r"/search\?q=(%E9%98%B2%E7%81%BD|防災)$"))
    expect(page.locator("h1")).to_have_text("検索: 防災")
    expect(page.locator("input[name=q]")).to_have_value("防災")
    marks = page.locator("ol.search-results mark")
    assert marks.count() >= 3
    assert set(marks.all_inner_texts()) == {"防災"}
    status = page.get_by_role("status")
    count = page.locator("ol.search-results > li").count()
    expect(status).to_have_text(f"{count} 件の結果")
    screenshot(page, "2-search")

    koganei = page.locator("ol.search-results > li", has=page.locator(".result-path, span.plan", has_text=KOGANEI_PLAN))
    link = koganei.locator("a").filter(has_text=re.compile(r"^施策 2[234] .*防災")).first
    title = link.inner_text()
    assert link.locator("mark").inner_text() == "防災"
    link.click()
    expect(page).to_have_url(re.compile(r"/nodes/\d+$"))
    assert h1(page) == title
    assert re.fullmatch(r"施策 2[234] \S*防災\S*", h1(page)), h1(page)
    expect(page.locator("nav.breadcrumbs")).to_contain_text(KOGANEI_PLAN)
    screenshot(page, "2-search-result")
    assert visit.console_errors == []


# --- 3. keyboard ----------------------------------------------------------------------------------

def focused(page: Any) -> dict[str, Any]:
    return page.evaluate("""() => { const e = document.activeElement;
        return {tag: e.tagName, id: e.id, cls: e.className, text: (e.innerText || '').trim(),
                inMain: !!e.closest('main'), open: e.parentElement && e.parentElement.tagName === 'DETAILS' ? e.parentElement.open : null}; }""")


def test_keyboard_skip_link_and_tree(visit: Visit, ids: dict[str, int]) -> None:
    page = visit.page
    page.goto("/")
    page.keyboard.press("Tab")
    first = focused(page)
    assert (first["tag"], first["cls"], first["text"]) == ("A", "skip", "本文へ移動")
    box = page.locator("a.skip").bounding_box()
    assert box is not None and box["x"] >= 0 and box["y"] >= 0, box  # shown on focus
    screenshot(page, "3-skip-link")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{visit.server.url}/#main")
    assert focused(page)["id"] == "main"
    page.keyboard.press("Tab")
    assert focused(page)["inMain"], focused(page)  # the next stop is inside main, past the header

    page.goto(f"/plans/{ids['koganei']}")
    for _ in range(80):  # bounded: Tab until the first <summary> of the plan tree
        page.keyboard.press("Tab")
        if focused(page)["tag"] == "SUMMARY":
            break
    else:
        pytest.fail("no <summary> reached with Tab on the plan page")
    summary = page.locator("ul.tree summary").first
    details = page.locator("ul.tree details").first
    assert page.evaluate("() => document.activeElement === document.querySelector('ul.tree summary')")
    inner = details.locator(":scope > ul.tree a").first
    assert details.get_attribute("open") is not None
    expect(inner).to_be_visible()
    page.keyboard.press("Enter")
    assert details.get_attribute("open") is None
    expect(inner).to_be_hidden()
    screenshot(page, "3-tree-closed")
    page.keyboard.press("Space")
    assert details.get_attribute("open") is not None
    expect(inner).to_be_visible()
    page.keyboard.press("Enter")
    assert details.get_attribute("open") is None
    page.keyboard.press("Enter")
    assert details.get_attribute("open") is not None
    expect(summary).to_be_focused()
    # Tab from the open summary goes on to links, reaching the first child's link within two stops
    target = inner.evaluate("e => e.href")
    for _ in range(2):
        page.keyboard.press("Tab")
        assert focused(page)["tag"] == "A"
        if page.evaluate("() => document.activeElement.href") == target:
            break
    else:
        pytest.fail(f"Tab from the open <summary> did not reach its first child link {target}")
    assert visit.console_errors == []


# --- 4. English ---------------------------------------------------------------------------------

def test_english_switch(visit: Visit, ids: dict[str, int]) -> None:
    page = visit.page
    page.goto("/?lang=en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("Municipalities and plans")
    expect(page.locator("a.skip")).to_have_text("Skip to content")
    expect(page.locator("header button[type=submit]")).to_have_text("Search")
    expect(page.locator("header input[name=q]")).to_have_attribute("placeholder", "Search measures and indicators")
    expect(page.locator("header").get_by_role("link", name="Compare plans")).to_have_count(1)
    expect(page.locator("header a[hreflang=ja]")).to_have_text("日本語")
    screenshot(page, "4-home-en")
    # the choice is remembered for the following pages
    page.goto(f"/nodes/{ids['m25']}")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h2#ind")).to_have_text("Indicators")
    expect(page.locator("table.indicators thead th")).to_have_text(
        ["Indicator", "Baseline", "Target", "Actual", "Achievement", "Progress", "Status"])
    screenshot(page, "4-measure-25-en")
    page.locator("header a[hreflang=ja]").click()
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(page.locator("h2#ind")).to_have_text("成果・活動指標")
    assert visit.console_errors == []


# --- 5. axe-core --------------------------------------------------------------------------------

# Serious problems axe finds in the templates, reported to their owner and tolerated here only in
# the exact form described (rule -> (pattern every offending element's selector must match, what to do)).
# Delete an entry once the template is fixed; anything else serious or critical fails the test.
KNOWN_SERIOUS: dict[str, tuple[str, str]] = {}

AXE_PAGES = {
    "home": lambda ids: "/",
    "plan": lambda ids: f"/plans/{ids['koganei']}",
    "node": lambda ids: f"/nodes/{ids['m25']}",
    "indicator": lambda ids: f"/indicators/{ids['m25_indicator']}",
    "search": lambda ids: "/search?q=防災",
    "compare": lambda ids: f"/compare?a={ids['koganei']}&b={ids['kaede']}",
    "404": lambda ids: "/no/such/page",
    "plan-en": lambda ids: f"/plans/{ids['kaede']}?lang=en",
}


@pytest.mark.parametrize("name", list(AXE_PAGES))
def test_axe_no_serious_violations(name: str, browser: Any, server: Server, ids: dict[str, int]) -> None:
    # axe is injected as a script of the test's own; the site's CSP (script-src 'self') would refuse it
    v = Visit(browser, server, bypass_csp=True)
    try:
        response = v.page.goto(AXE_PAGES[name](ids))
        assert response is not None and response.status == (404 if name == "404" else 200)
        result = run_axe(v.page)
    finally:
        v.close()
    violations = result["violations"]
    for viol in violations:
        print(f"axe {result['version']} {name}: [{viol['impact']}] {viol['id']}: {viol['help']}")
        for node in viol["nodes"][:5]:
            print(f"    {node['target']}")
    serious = []
    for x in violations:
        if x["impact"] not in ("serious", "critical"):
            continue
        targets = [n["target"] for n in x["nodes"]]
        known = KNOWN_SERIOUS.get(x["id"])
        if known and all(re.search(known[0], t) for t in targets):
            warnings.warn(f"axe on {name}: known template problem {x['id']} at {len(targets)} places: {known[1]}", stacklevel=1)
            continue
        serious.append(f"{x['id']} ({x['impact']}): {targets}")
    assert serious == [], f"axe on {name}: " + "; ".join(serious)


# --- 6. markup in plan text is inert --------------------------------------------------------------

def test_markup_in_plan_text_is_shown_as_text(browser: Any, server: Server, ids: dict[str, int]) -> None:
    # No CSP in this context: escaping alone must keep the markup inert
    v = Visit(browser, server, bypass_csp=True)
    try:
        page = v.page
        for path in (f"/nodes/{ids['payload_node']}", f"/plans/{ids['markup_plan']}",
                     f"/indicators/{ids['payload_indicator']}", "/search?q=pwned"):
            page.goto(path)
            page.wait_for_load_state("load")
            assert page.evaluate("() => typeof window.__pwned") == "undefined", path
            assert page.locator("main script, main img, main svg[onload]").count() == 0, path
            assert page.locator("main b, main i").count() == 0, path
            expect(page.locator("main")).to_contain_text(PAYLOAD)
        page.goto(f"/nodes/{ids['payload_node']}")
        assert h1(page) == f"施策 1 {PAYLOAD}"
        expect(page.locator("main section p").first).to_have_text("本文の <b>太字</b> と pwned の語")
        expect(page.locator("main section li").first).to_have_text("<i>項目</i>")
        expect(page.locator("table.indicators th[scope=row] a")).to_have_text("試験の指標 <svg onload=\"window.__pwned=3\">")
        screenshot(page, "6-markup-node")
        page.goto("/search?q=pwned")
        assert page.locator("ol.search-results mark").count() >= 1
        assert set(page.locator("ol.search-results mark").all_inner_texts()) == {"pwned"}
        assert page.evaluate("() => typeof window.__pwned") == "undefined"
        screenshot(page, "6-markup-search")
        assert v.console_errors == []
    finally:
        v.close()


# --- 7. offline: every request goes to the server on 127.0.0.1 ------------------------------------

def test_every_request_goes_to_the_local_server(visit: Visit, ids: dict[str, int]) -> None:
    page = visit.page
    paths = ["/", f"/plans/{ids['koganei']}", f"/nodes/{ids['m25']}", f"/indicators/{ids['m25_indicator']}",
             "/search?q=防災", f"/compare?a={ids['koganei']}&b={ids['kaede']}", f"/plans/{ids['kaede']}?lang=en",
             "/no/such/page"]
    for path in paths:
        page.goto(path)
        page.wait_for_load_state("networkidle")
    assert visit.requests.outside(visit.server.url) == []
    assert all(u.startswith("http://127.0.0.1:") for u in visit.requests.urls), visit.requests.urls
    asked = {u.removeprefix(visit.server.url) for u in visit.requests.urls}
    assert "/static/style.css" in asked
    assert len(visit.requests.urls) >= len(paths)
    # the 404 page's own status is the only console error
    assert [e for e in visit.console_errors if "404" not in e] == []
