"""People in the browser tests: one browser context per person, axe-core on the pages they see, signing in.

Shared by the browser tests of the staff pages (tests/test_browser_cycle.py, tests/test_browser_year.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from browser import RequestLog, Server, run_axe, screenshot
from cycle_helpers import PASSWORD

TIMEOUT_MS = 15_000


class Person:
    """One browser context (one person's cookies), its page, its requests and console errors."""

    def __init__(self, browser: Any, server: Server, requests: RequestLog, *, storage_state: Any = None,
                 bypass_csp: bool = False, viewport: dict[str, int] | None = None) -> None:
        self.base_url = server.url
        self.console_errors: list[str] = []
        self.failed: list[tuple[int, str]] = []
        self.viewport = viewport or {"width": 1280, "height": 900}
        self.context = browser.new_context(base_url=server.url, locale="ja-JP", viewport=self.viewport,
                                           storage_state=storage_state, bypass_csp=bypass_csp)
        self.context.set_default_timeout(TIMEOUT_MS)
        self.context.on("request", requests.record)
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
    expect(page.locator("div.signed-in")).to_contain_text(name)
