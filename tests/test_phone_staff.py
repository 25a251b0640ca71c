"""Staff pages on a phone: at 390 × 844 none scrolls sideways (tables scroll in their own box or
become cards), touch targets are 44 px high, axe finds nothing serious at 390 px nor at 1280 px,
and a long heading breaks only where the ``wbr`` filter allows (between words).

`keikaku serve` runs over かえで市 with its staff and the open FY2025 cycle (tests/cycle_helpers);
each role signs in once through the login form and its cookies are reused for every page."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine

from browser import (  # noqa: F401 - browser_fixture: the module's Chromium
    REPO, Server, browser_fixture, database_fixture, run_axe, screenshot, serious_targets, server_fixture,
)
from browser_people import log_in, stored_fixture
from cycle_helpers import NURSERY_PROJECT, make_world, node_id, project_id

SHOTS = REPO / "test-artifacts" / "phone-staff"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# (name, who, path): {cycle}, {m1}, {plan}, {hoiku}, {project} are filled in from the world
PAGES = [
    ("login", None, "/login"),
    ("dashboard", "kikaku", "/staff"),
    ("cycle", "kikaku", "/staff/cycles/{cycle}"),
    ("reminders", "kikaku", "/staff/cycles/{cycle}/reminders"),
    ("sheet-editor", "hoiku", "/staff/cycles/{cycle}/nodes/{m1}"),
    ("sheet-reviewer", "shinsa", "/staff/cycles/{cycle}/nodes/{m1}"),
    ("project-sheet", "hoiku", "/staff/cycles/{cycle}/projects/{project}"),
    ("users", "kikaku", "/staff/users"),
    ("user-new", "kikaku", "/staff/users/new"),
    ("user-detail", "kikaku", "/staff/users/{hoiku}"),
    ("audit", "kikaku", "/staff/audit"),
    ("password", "hoiku", "/staff/password"),
    ("review", "kikaku", "/staff/review"),
    ("plan-edit", "kikaku", "/staff/plans/{plan}/edit"),
    ("sdg", "kikaku", "/staff/sdg"),
    ("successors", "kikaku", "/staff/successors"),
    ("revise", "kikaku", "/staff/revise"),
]

MEASURE = """() => {
  const doc = document.documentElement;
  const targets = [];
  const selector = 'header a, header button, header input, main button, main select, main summary, main textarea, '
    + 'main input:not([type=hidden]):not([type=checkbox]):not([type=radio]), nav.breadcrumbs a, .signed-in a';
  for (const el of document.querySelectorAll(selector)) {
    const r = el.getBoundingClientRect();
    if (r.width && r.height < 44 - 0.5) targets.push(`${el.tagName} ${(el.textContent || el.name || '').trim().slice(0, 30)} ${r.height.toFixed(0)}px`);
  }
  const wide = [];
  for (const el of document.querySelectorAll('main *')) {
    const r = el.getBoundingClientRect();
    if (r.right > window.innerWidth + 0.5 && !el.closest('.scroll, .chart-scroll, .visually-hidden')) {
      wide.push(`${el.tagName}.${el.className} ${r.right.toFixed(0)}`);
    }
  }
  return {scrollWidth: doc.scrollWidth, innerWidth: window.innerWidth, targets, wide: wide.slice(0, 8)};
}"""

# Line starts of a heading, as offsets in its text, and the offsets where a line may start: after
# a <wbr>, after a space or a dash (where the browser breaks anyway).
LINES = """(selector) => {
  const el = document.querySelector(selector);
  const starts = [], allowed = new Set([0]);
  let offset = 0, lastTop = null;
  const walk = (node) => {
    if (node.nodeType === Node.ELEMENT_NODE && node.tagName === 'WBR') { allowed.add(offset); return; }
    if (node.nodeType === Node.TEXT_NODE) {
      for (let i = 0; i < node.data.length; i++) {
        const ch = node.data[i];
        if (/\\s/.test(ch)) { offset++; allowed.add(offset); continue; }
        const range = document.createRange();
        range.setStart(node, i); range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        if (rect && (lastTop === null || rect.top > lastTop + 4)) { starts.push(offset); lastTop = rect.top; }
        if (ch === '—') allowed.add(offset + 1);
        offset++;
      }
      return;
    }
    for (const child of node.childNodes) walk(child);
  };
  walk(el);
  return {starts, allowed: [...allowed], text: el.textContent, html: el.innerHTML};
}"""


def world(engine: Engine) -> dict[str, int]:
    stored = make_world(engine)
    return {"cycle": stored.cycle.id, "plan": stored.plan_id, "m1": node_id(engine, "m1"), "hoiku": stored.hoiku.id,
            "project": project_id(engine, NURSERY_PROJECT)}


staff_database = database_fixture("staff_database", "phone_staff")
world_ids = stored_fixture("world_ids", "staff_database", world)
server = server_fixture("staff_database", after=("world_ids",), shots=SHOTS, check_log=False)


@pytest.fixture(scope="module")
def sessions(browser: Any, server: Server) -> dict[str, Any]:
    """Each role's cookies, from signing in through the login form once."""
    states = {}
    for name in ("kikaku", "hoiku", "shinsa"):
        context = browser.new_context(base_url=server.url, locale="ja-JP", viewport=PHONE)
        page = context.new_page()
        log_in(page, server.url, name)
        states[name] = context.storage_state()
        context.close()
    return states


def open_page(browser: Any, server: Server, sessions: dict[str, Any], who: str | None, path: str, viewport: dict[str, int]) -> tuple[Any, Any]:
    context = browser.new_context(base_url=server.url, locale="ja-JP", bypass_csp=True, viewport=viewport,
                                  storage_state=sessions[who] if who else None)
    page = context.new_page()
    response = page.goto(path)
    assert response is not None and response.status == 200, (path, response and response.status)
    return context, page


@pytest.mark.parametrize(("name", "who", "path"), PAGES, ids=[p[0] for p in PAGES])
def test_staff_page_fits_a_phone(name: str, who: str | None, path: str, browser: Any, server: Server,
                                 sessions: dict[str, Any], world_ids: dict[str, int]) -> None:
    context, page = open_page(browser, server, sessions, who, path.format(**world_ids), PHONE)
    try:
        got = page.evaluate(MEASURE)
        screenshot(page, f"phone-{name}", SHOTS)
        assert got["scrollWidth"] <= got["innerWidth"], f"{name} scrolls sideways: {got['scrollWidth']} > {got['innerWidth']}: {got['wide']}"
        assert got["wide"] == [], f"{name}: wider than the screen: {got['wide']}"
        assert got["targets"] == [], f"{name}: touch targets under 44 px: {got['targets'][:8]}"
    finally:
        context.close()


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize(("name", "who", "path"), PAGES, ids=[p[0] for p in PAGES])
def test_staff_page_axe(name: str, who: str | None, path: str, width: int, browser: Any, server: Server,
                        sessions: dict[str, Any], world_ids: dict[str, int]) -> None:
    viewport = PHONE if width == 390 else DESKTOP
    context, page = open_page(browser, server, sessions, who, path.format(**world_ids), viewport)
    try:
        result = run_axe(page)
    finally:
        context.close()
    serious = serious_targets(result)
    assert serious == [], f"axe on {name} at {width} px: " + "; ".join(serious)


def test_a_long_heading_breaks_between_words_only(browser: Any, server: Server, sessions: dict[str, Any],
                                                  world_ids: dict[str, int]) -> None:
    context, page = open_page(browser, server, sessions, "kikaku", f"/staff/cycles/{world_ids['cycle']}", PHONE)
    try:
        got = page.evaluate(LINES, "main h1")
        screenshot(page, "phone-heading", SHOTS)
    finally:
        context.close()
    assert got["text"] == "かえで市第2次総合計画（架空の例） — 令和7年度 (2025)"
    assert got["html"] == '<span lang="ja">かえで市<wbr>第2次<wbr>総合計画<wbr>（架空の<wbr>例）</span> — 令和7年度 (2025)'
    assert len(got["starts"]) >= 2, got  # at 390 px the heading takes more than one line
    assert set(got["starts"]) <= set(got["allowed"]), (
        f"a line starts inside a word: {[got['text'][s:s + 3] for s in got['starts'] if s not in got['allowed']]}")
