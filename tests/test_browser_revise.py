"""Re-importing a corrected document through the staff pages, in a real browser.

`keikaku serve` runs over a database holding 小金井市's 4th basic plan (seed 002), an admin, the
FY2016 cycle and an actual entered for measure 20's indicator. The admin uploads the corrected
document (measure 20 retitled, its target raised), sees the two changes in the preview, corrects
the plan in place, and finds the same measure (same URL) with its new title and the entered actual
still on its sheet. Screenshots go to test-artifacts/browser-revise/.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from browser import (  # noqa: F401 - browser_fixture: the module's Chromium
    REPO, RequestLog, Server, browser_fixture, database_fixture, new_context, screenshot, server_fixture,
)
from browser_people import log_in, stored_fixture
from revise_helpers import ACTUAL, INDICATOR, NEW_TITLE, OLD_TITLE, SEED, Stored, corrected, store_seed

SHOTS = REPO / "test-artifacts" / "browser-revise"
TIMEOUT_MS = 20_000

database = database_fixture("database", "browser_revise")
stored = stored_fixture("stored", "database", store_seed, needs=("seeds",))
server = server_fixture("database", after=("stored",), shots=SHOTS)


def test_upload_preview_and_correct_in_place(browser: Any, server: Server, stored: Stored, seeds: Path,
                                             tmp_path: Path) -> None:
    document = tmp_path / SEED
    document.write_text(corrected((seeds / SEED).read_text(encoding="utf-8")), encoding="utf-8")
    requests = RequestLog()
    context = new_context(browser, server, requests, timeout_ms=TIMEOUT_MS)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        log_in(page, server.url, "kikaku")

        page.get_by_role("link", name="再取込", exact=True).click()
        expect(page).to_have_url(f"{server.url}/staff/revise")
        page.locator(f'a[href="/staff/plans/{stored.plan_id}/revise"]').click()
        expect(page.locator("h1")).to_contain_text("修正した計画書の再取込")
        page.locator("#file").set_input_files(str(document))
        screenshot(page, "1-upload", SHOTS)
        page.get_by_role("button", name="変更点を確認").click()

        expect(page.locator("h1")).to_contain_text("変更のプレビュー")
        expect(page.locator("#added")).to_have_text("追加 (0)")
        expect(page.locator("#removed")).to_have_text("削除 (0)")
        expect(page.locator("#changed")).to_have_text("変更 (2)")
        changed = page.locator("section.revise-changed tbody tr")
        expect(changed).to_have_count(3)  # the title; the target's value and its text
        expect(changed.nth(0)).to_contain_text(f"title{OLD_TITLE}{NEW_TITLE}")
        expect(changed.nth(1)).to_contain_text(INDICATOR)
        expect(changed.nth(1)).to_contain_text("target.value100120")
        screenshot(page, "2-preview", SHOTS)
        page.get_by_role("button", name="この計画を修正").click()

        expect(page).to_have_url(f"{server.url}/staff/plans/{stored.plan_id}/revise?done=corrected")
        expect(page.locator("p.notice")).to_contain_text("この計画を修正しました")
        screenshot(page, "3-corrected", SHOTS)

        page.goto(f"/staff/cycles/{stored.cycle_id}/nodes/{stored.node_id}")
        expect(page.locator("h1")).to_have_text(NEW_TITLE)
        expect(page.locator(f"#value-{stored.indicator_id}")).to_have_value(str(ACTUAL))
        screenshot(page, "4-sheet-keeps-the-actual", SHOTS)
        page.goto(f"/nodes/{stored.node_id}")
        expect(page.locator("h1")).to_contain_text(NEW_TITLE)
    finally:
        context.close()
    assert errors == []
    assert requests.outside(server.url) == []
