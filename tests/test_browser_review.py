"""The import review in a real browser: upload a Word document, correct a target, store, see it on the public page.

`keikaku serve` runs over a database holding かえで市 and its staff (tests/cycle_helpers.make_world);
the staging store lives in a temporary KEIKAKU_DATA_DIR. The admin (kikaku) uploads a made-up
Word plan, waits for the reading, follows a figure's link to its line in the source, changes the
target of 待機児童数 from 0 to 5, stores, and finds 5人 on the stored plan's public pages.
axe-core checks the review page; every request must stay on 127.0.0.1.
"""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect
from sqlalchemy import Engine

from browser import (
    REPO, RequestLog, Server, chromium, database_fixture, new_context, run_axe, screenshot, serious_violations, server_fixture,
)
from browser_people import log_in, stored_fixture
from cycle_helpers import make_world
from test_web_review import document

SHOTS = REPO / "test-artifacts" / "browser-review"
TIMEOUT_MS = 20_000


def staff_only(engine: Engine) -> None:
    make_world(engine, open_cycle=False)


database = database_fixture("database", "browser_review")
staff = stored_fixture("staff", "database", staff_only)
server = server_fixture("database", after=("staff",), shots=SHOTS, data_dir=True)  # the staging store's own folder


def test_review_correct_and_store(server: Server, tmp_path: Path) -> None:
    requests = RequestLog()
    path = tmp_path / "kaede-3.docx"
    document(path)
    with chromium() as browser:
        context = new_context(browser, server, requests, viewport={"width": 1400, "height": 900}, timeout_ms=TIMEOUT_MS)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))

        log_in(page, server.url, "kikaku")

        page.goto("/staff/review")
        expect(page.get_by_role("heading", level=1)).to_have_text("計画の取り込み")
        page.get_by_label("計画書ファイル").set_input_files(str(path))
        page.get_by_label(re.compile("^自治体")).fill("990019")
        screenshot(page, "1-upload", SHOTS)
        page.get_by_role("button", name="読み取る").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("読み取り結果の確認: kaede-3.docx")
        screenshot(page, "2-review", SHOTS)

        waiting = page.locator("#i0")  # 待機児童数
        expect(waiting.get_by_role("heading", level=4)).to_have_text("待機児童数（人）")
        target_row = waiting.locator("table.review-figures tr", has_text="目標値")
        expect(target_row.locator("td.figure-value")).to_have_text("0")
        target_row.get_by_role("link", name="t1r2c3").click()  # the figure's place in the document
        expect(page).to_have_url(re.compile(r"#src-6$"))
        expect(page.locator("#src-6 td.text")).to_have_text("待機児童数 | 24人 | 0人")

        waiting.locator("summary").click()
        waiting.get_by_label("目標値: 値").fill("5")
        waiting.get_by_role("button", name="反映").click()
        expect(page.get_by_role("status")).to_contain_text("修正を反映しました")
        expect(page.locator("#i0 table.review-figures tr", has_text="目標値").locator("td.figure-value")).to_have_text("5")
        screenshot(page, "3-corrected", SHOTS)

        axe_context = browser.new_context(base_url=server.url, bypass_csp=True, storage_state=context.storage_state())
        try:
            twin = axe_context.new_page()
            twin.goto(page.url.split("#")[0])
            result = run_axe(twin)
        finally:
            axe_context.close()
        serious = [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
                   for v in serious_violations(result)]
        assert not serious, serious

        page.get_by_role("button", name="この内容で保存").click()
        expect(page).to_have_url(re.compile(r"/plans/\d+$"))
        expect(page.get_by_role("heading", level=1)).to_contain_text("かえで市第3次総合計画基本計画")
        page.get_by_role("link", name="子育て支援の充実").click()
        row = page.locator("table.indicators tr", has_text="待機児童数")
        expect(row.locator("td").nth(1)).to_contain_text("5人")
        expect(row.locator("td").nth(0)).to_contain_text("24人")
        screenshot(page, "4-stored", SHOTS)
        context.close()
    assert not errors, errors
    assert not requests.outside(server.url), requests.outside(server.url)
