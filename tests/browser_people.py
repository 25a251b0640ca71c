"""People in the browser tests: what the server serves (plans, staff with their passwords), one
browser context per person, axe-core on the pages they see, signing in.

Shared by the browser tests (tests/test_browser*.py, tests/test_phone_*.py, tests/test_staff_guide.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from browser import RequestLog, Server, new_context, run_axe, screenshot
from cycle_helpers import PASSWORD, fast_hashing
from keikaku.storage.database import make_engine


def stored_fixture(name: str, database: str, fill: Callable[..., Any], *, needs: tuple[str, ...] = ()) -> Any:
    """A module fixture ``name``: what ``fill(engine, *needs)`` stores in the database of the fixture
    ``database`` before the server starts, and returns (ids …); ``needs`` names fixtures whose values
    it is also given. Passwords are hashed with cheap parameters in this process only: the server
    verifies each hash with the parameters written in it."""
    @pytest.fixture(scope="module", name=name)
    def stored(request: pytest.FixtureRequest) -> Any:
        url = request.getfixturevalue(database)
        values = [request.getfixturevalue(n) for n in needs]
        engine = make_engine(url)
        try:
            with pytest.MonkeyPatch.context() as mp:
                fast_hashing(mp)
                return fill(engine, *values)
        finally:
            engine.dispose()

    return stored


class Person:
    """One browser context (one person's cookies), its page, its requests and console errors."""

    def __init__(self, browser: Any, server: Server, requests: RequestLog, *, storage_state: Any = None,
                 bypass_csp: bool = False, viewport: dict[str, int] | None = None) -> None:
        self.base_url = server.url
        self.console_errors: list[str] = []
        self.failed: list[tuple[int, str]] = []
        self.viewport = viewport or {"width": 1280, "height": 900}
        self.context = new_context(browser, server, requests, viewport=self.viewport, storage_state=storage_state,
                                   bypass_csp=bypass_csp)
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self.console_errors.append(f"pageerror: {exc}"))
        self.page.on("response", lambda r: r.status >= 400 and self.failed.append((r.status, r.url)))

    def _console(self, msg: Any) -> None:
        # Chromium asks every site for /favicon.ico, which keikaku does not have: not the page's fault
        if msg.type == "error" and not msg.location.get("url", "").endswith("/favicon.ico"):
            self.console_errors.append(f"{msg.text} ({msg.location.get('url')})")

    def problems(self) -> list[str]:
        return self.console_errors + [f"HTTP {s} {u}" for s, u in self.failed if not u.endswith("/favicon.ico")]


class Axe:
    """axe-core on pages as a person sees them. The site's CSP (script-src 'self') refuses an
    injected script, so axe runs in a twin context with the CSP bypassed and the same cookies
    (and, unless told, the same viewport)."""

    def __init__(self, browser: Any, server: Server, requests: RequestLog) -> None:
        self.browser, self.server, self.requests = browser, server, requests
        self.results: dict[str, dict[str, Any]] = {}

    def check(self, name: str, who: Person | None, path: str, *, viewport: dict[str, int] | None = None) -> None:
        twin = Person(self.browser, self.server, self.requests, bypass_csp=True,
                      storage_state=who.context.storage_state() if who else None,
                      viewport=viewport or (who.viewport if who else None))
        try:
            response = twin.page.goto(path)
            assert response is not None and response.status == 200, (name, path, response and response.status)
            self.results[name] = run_axe(twin.page)
        finally:
            twin.context.close()

    def serious(self) -> list[str]:
        out = []
        for name, result in self.results.items():
            print(f"axe {result['version']} {name}: {len(result['violations'])} violation(s)")
            for v in result["violations"]:
                print(f"axe {result['version']} {name}: [{v['impact']}] {v['id']}: {v['help']}")
                for node in v["nodes"][:5]:
                    print(f"    {node['target']}")
                if v["impact"] in ("serious", "critical"):
                    out.append(f"{name}: {v['id']} ({v['impact']}, {v['help']}) at "
                               + "; ".join(f"{n['target']} [{n['summary']}]" for n in v["nodes"]))
        return out


def sign_in(person: Person, name: str, shot: str, shots: Path, *, password: str = PASSWORD) -> None:
    """Sign ``person`` in as ``name`` through the login form; a screenshot ``shot`` of the filled form goes to ``shots``."""
    page = person.page
    page.goto("/login")
    expect(page.locator("h1")).to_have_text("職員ログイン")
    page.locator("#name").type(name)
    page.locator("#password").type(password)
    screenshot(page, shot, shots)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{person.base_url}/staff")
    expect(page.locator("h1")).to_have_text("評価の管理")
    expect(page.locator("nav.signed-in")).to_contain_text(name)


def log_in(page: Any, base_url: str, name: str, *, password: str = PASSWORD) -> None:
    """Sign in as ``name`` through the login form and land on /staff (no screenshot, no headings checked)."""
    page.goto("/login")
    page.locator("#name").fill(name)
    page.locator("#password").fill(password)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{base_url}/staff")
