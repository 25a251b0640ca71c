"""Accounts in a real browser: an admin creates an editor on the users page, the editor signs in.

`keikaku serve` runs in a subprocess over a database holding the fictional かえで市 plan and its
staff (tests/cycle_helpers.make_world). Debian's Chromium, through Playwright, plays the admin
(kikaku) and then the new editor. axe-core checks the users pages, the password page and the audit
trail at 1280 and 390 px wide, where nothing may scroll sideways; every request stays on 127.0.0.1.
Screenshots go to test-artifacts/browser-users/.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect
from sqlalchemy import Engine

from browser import (  # noqa: F401 - browser_fixture: the module's Chromium
    REPO, RequestLog, Server, browser_fixture, database_fixture, new_context, run_axe, screenshot, server_fixture,
)
from browser_people import stored_fixture
from cycle_helpers import PASSWORD, make_world

SHOTS = REPO / "test-artifacts" / "browser-users"
NEW_NAME = "kosodate"
NEW_PASSWORD = "kosodate no passphrase"
WIDTHS = (1280, 390)


def staff_only(engine: Engine) -> None:
    make_world(engine, open_cycle=False)


users_database = database_fixture("users_database", "browser_users")
staff = stored_fixture("staff", "users_database", staff_only)
server = server_fixture("users_database", after=("staff",), shots=SHOTS)


def sign_in(page: Any, base_url: str, name: str, password: str, shown: str | None = None) -> None:
    page.goto("/")
    page.get_by_role("link", name="職員ログイン", exact=True).click()  # the public header links to the sign-in page
    expect(page.locator("h1")).to_have_text("職員ログイン")
    page.locator("#name").fill(name)
    page.locator("#password").fill(password)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{base_url}/staff")
    expect(page.locator("nav.signed-in")).to_contain_text(shown or name)


def test_an_admin_creates_an_editor_who_signs_in(browser: Any, server: Server) -> None:
    requests = RequestLog()
    errors: list[str] = []
    admin_context = new_context(browser, server, requests)
    page = admin_context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("response", lambda r: r.status >= 400 and not r.url.endswith("/favicon.ico") and errors.append(f"{r.status} {r.url}"))

    # 1. the admin signs in and opens the users page from the staff menu
    sign_in(page, server.url, "kikaku", PASSWORD)
    page.locator("nav.signed-in").get_by_role("link", name="利用者の管理", exact=True).click()
    expect(page).to_have_url(f"{server.url}/staff/users")
    expect(page.locator("h1")).to_have_text("利用者の管理")
    expect(page.locator("table.users tbody tr")).to_have_count(5)
    screenshot(page, "1-users", SHOTS)

    # 2. a form with a problem comes back with what was typed
    page.get_by_role("link", name="利用者を追加", exact=True).click()
    expect(page.locator("h1")).to_have_text("利用者を追加")
    page.locator("#name").fill(NEW_NAME)
    page.locator("#display_name").fill("子育て支援課 佐藤")
    page.locator("#role").select_option("editor")
    page.locator("#password").fill(NEW_PASSWORD)
    page.locator("#password_confirm").fill(NEW_PASSWORD)
    page.get_by_role("button", name="利用者を追加", exact=True).click()
    expect(page.get_by_role("alert")).to_have_text("入力担当（所管課）には所管課を 1 つ以上選んでください。")
    expect(page.locator("#name")).to_have_value(NEW_NAME)
    expect(page.locator("#display_name")).to_have_value("子育て支援課 佐藤")
    expect(page.locator("#role")).to_have_value("editor")
    screenshot(page, "2-add-user-problem", SHOTS)

    # 3. with a department ticked, the editor is created
    page.get_by_label("子育て支援課", exact=True).check()
    page.get_by_role("button", name="利用者を追加", exact=True).click()
    expect(page).to_have_url(f"{server.url}/staff/users?msg=user_created")
    expect(page.get_by_role("status")).to_have_text("利用者を追加しました。")
    row = page.locator("table.users tbody tr", has=page.get_by_role("link", name=NEW_NAME, exact=True))
    expect(row.locator("td")).to_have_text(["入力担当（所管課）", "子育て支援課", "有効", "なし"])
    screenshot(page, "3-user-added", SHOTS)
    new_id = row.get_by_role("link", name=NEW_NAME).get_attribute("href").rsplit("/", 1)[1]

    # 4. the new editor signs in, in a browser of their own
    editor_context = new_context(browser, server, requests)
    editor = editor_context.new_page()
    sign_in(editor, server.url, NEW_NAME, NEW_PASSWORD, shown="子育て支援課 佐藤")
    expect(editor.locator("nav.signed-in")).to_contain_text("子育て支援課")
    expect(editor.locator("nav.signed-in").get_by_role("link", name="利用者の管理")).to_have_count(0)
    expect(editor.locator("nav.signed-in").get_by_role("link", name="変更履歴")).to_have_count(0)
    screenshot(editor, "4-editor-signed-in", SHOTS)

    # 5. the audit trail shows the creation, in Japanese
    page.goto("/staff/audit?kind=user&user=kikaku")
    first = page.locator("ol.audit > li").first
    expect(first).to_contain_text("作成")
    expect(first.locator("table.audit-diff tbody tr", has=page.locator("th", has_text="所管課")).locator("td").nth(1)) \
        .to_have_text("子育て支援課")
    screenshot(page, "5-audit", SHOTS)

    # 6. axe-core at 1280 and 390 px; nothing scrolls sideways on a phone
    state = admin_context.storage_state()
    paths = {"users": "/staff/users", "user-new": "/staff/users/new", "user-edit": f"/staff/users/{new_id}",
             "password": "/staff/password", "audit": "/staff/audit"}
    serious, wide = [], []
    for width in WIDTHS:
        twin = new_context(browser, server, requests, viewport={"width": width, "height": 900}, storage_state=state,
                           bypass_csp=True)
        try:
            tab = twin.new_page()
            for name, path in paths.items():
                response = tab.goto(path)
                assert response is not None and response.status == 200, (name, path)
                if width < 500:
                    screenshot(tab, f"6-{name}-{width}", SHOTS)
                overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
                if overflow > 0:
                    wide.append(f"{name} at {width}px: {overflow}px too wide")
                result = run_axe(tab)
                serious += [f"{name} at {width}px: {v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]}"
                            for v in result["violations"] if v["impact"] in ("serious", "critical")]
        finally:
            twin.close()
    assert serious == [], "\n".join(serious)
    assert wide == [], wide

    assert errors == [f"422 {server.url}/staff/users"], errors  # only the form sent without a department
    admin_context.close()
    editor_context.close()
    assert requests.outside(server.url) == [], requests.outside(server.url)
