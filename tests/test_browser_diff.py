"""The diff page in a real browser: Kodaira's draft concept (seed 001, 骨子案) beside its final text (seed 003).

`keikaku serve` in a subprocess over a fresh database (SQLite, or PostgreSQL with
KEIKAKU_TEST_DATABASE_URL), Debian's Chromium through Playwright (see tests/browser.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from sqlalchemy import Engine

from browser import ARTIFACTS, RequestLog, Server, chromium, database_fixture, new_context, run_axe, screenshot, server_fixture
from browser_people import stored_fixture
from keikaku.services.importing import import_file


def kodaira(engine: Engine, seeds: Path) -> tuple[int, int]:
    """Kodaira's draft concept (seed 001) and its final text (seed 003): their plan ids."""
    draft = import_file(engine, next(seeds.glob("001_*.txt"))).load.plan_id
    final = import_file(engine, next(seeds.glob("003_*.txt"))).load.plan_id
    return draft, final


database = database_fixture("database", "browser_diff")
plans = stored_fixture("plans", "database", kodaira, needs=("seeds",))
server = server_fixture("database", after=("plans",), check_log=False)


@pytest.fixture(scope="module")
def kodaira_site(server: Server, plans: tuple[int, int]) -> tuple[Server, int, int]:
    return server, *plans


@pytest.fixture(scope="module")
def page(kodaira_site: tuple[Server, int, int]) -> Iterator[Any]:
    server = kodaira_site[0]
    with chromium() as browser:
        requests = RequestLog()
        context = new_context(browser, server, requests, bypass_csp=True)  # axe-core is injected inline
        yield context.new_page()
        assert requests.outside(server.url) == []
        context.close()


def test_the_draft_and_the_final_side_by_side(kodaira_site: tuple[Server, int, int], page: Any) -> None:
    server, draft, final = kodaira_site
    # from the draft's page, follow its link to the comparison
    page.goto(f"/plans/{draft}")
    expect(page.locator("h1 + p.meta .draft")).to_have_text("骨子案")
    page.get_by_role("link", name="違いを見る").click()
    expect(page).to_have_url(f"{server.url}/plans/{draft}/diff/{final}")
    table = page.locator("#diff-table")
    expect(table.locator("thead th")).to_have_text(["変更", "改訂前 (A): 骨子案", "改訂後 (B): 策定済", "類似度"])
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(19)
    policies = table.locator("tbody tr", has=page.locator(".side-a .level", has_text=re.compile(r"^方針$")))
    expect(policies).to_have_count(9)
    cells = policies.evaluate_all("""rows => rows.map(r => [r.querySelector('th').innerText.trim(),
        r.querySelector('.side-a .number').innerText, r.querySelector('.side-b .number').innerText])""")
    assert cells == [["文言変更", "1", "1"], ["文言変更", "2", "2"], ["同一", "3", "3"], ["文言変更", "4", "4"], ["文言変更", "5", "5"],
                     ["文言変更", "6", "6"], ["文言変更", "7", "7"], ["文言変更", "8", "8"], ["同一", "9", "9"]]
    six = policies.nth(5)
    expect(six.locator(".side-a")).to_contain_text("地域力をいかした地域づくり")
    expect(six.locator(".side-b")).to_contain_text("誰もが安心と生きがいを持つ地域づくり")
    # side by side: the two texts of a pair on one line, the earlier on the left
    left, right = six.locator(".side-a").bounding_box(), six.locator(".side-b").bounding_box()
    assert left["x"] + left["width"] <= right["x"] + 1 and abs(left["y"] - right["y"]) < 2
    screenshot(page, "diff-kodaira", ARTIFACTS)
    violations = [v for v in run_axe(page)["violations"] if v["impact"] in ("serious", "critical")]
    assert violations == [], violations
    # and back: the final's page links to its draft
    page.goto(f"/plans/{final}")
    expect(page.locator("section[aria-labelledby=revisions] .draft")).to_have_text("骨子案")
    expect(page.locator(f"section[aria-labelledby=revisions] a[href='/plans/{draft}/diff/{final}']")).to_have_count(1)
