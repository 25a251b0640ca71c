"""The successor map of Koganei's 4th basic plan (seed 002) → 5th plan (seed 000), in a real browser.

`keikaku serve` runs in a subprocess over a database holding both seeds and an admin (kikaku).
Debian's Chromium, through Playwright, signs in, opens the map from the staff menu, accepts the
suggestion 4th-plan 31 → 5th-plan 11 (both on farming), and changes the suggestion for 28
(commerce; the suggester proposes 5 住環境の整備) to 10 産業・観光の振興. The page then shows 28's
first suggestion rejected and 10 accepted; the links are in the database. axe-core checks the page;
every request must stay on 127.0.0.1. Screenshots go to test-artifacts/browser-successors/.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect
from sqlalchemy import Engine, select

from browser import (
    REPO, RequestLog, Server, chromium, database_fixture, new_context, run_axe, screenshot, serious_violations, server_fixture,
)
from browser_people import log_in, stored_fixture
from cycle_helpers import PASSWORD
from keikaku.services import accounts
from keikaku.services.importing import import_file
from keikaku.storage import models as m
from keikaku.storage.database import make_engine, transaction

SHOTS = REPO / "test-artifacts" / "browser-successors"
OLD_TITLE = "小金井市基本計画"
NEW_TITLE = "第5次小金井市基本構想・前期基本計画"


def both_plans(engine: Engine, seeds: Path) -> None:
    """Koganei's 4th (seed 002) and 5th (seed 000) plans, and an admin."""
    import_file(engine, seeds / "002_da149b7202bad3b0.txt")
    import_file(engine, seeds / "000_138cd5ff0a448d85.txt")
    accounts.create_user(engine, name="kikaku", role="admin", password=PASSWORD)


database = database_fixture("database", "browser_successors")
stored = stored_fixture("stored", "database", both_plans, needs=("seeds",))
server = server_fixture("database", after=("stored",), shots=SHOTS)


def links(url: str) -> set[tuple[str, str]]:
    engine = make_engine(url)
    try:
        with transaction(engine) as s:
            rows = s.execute(select(m.NodeLink.target_node_key, m.Node.number)
                             .join(m.Node, m.Node.id == m.NodeLink.source_node_id)
                             .where(m.NodeLink.type == "successor_of")).all()
            numbers = dict(s.execute(select(m.Node.key, m.Node.number).join(m.Plan).where(m.Plan.title == OLD_TITLE)).all())
        return {(numbers[k], n) for k, n in rows}
    finally:
        engine.dispose()


def test_successor_map_accept_and_change(server: Server, database: str) -> None:
    requests = RequestLog()
    with chromium() as browser:
        context = new_context(browser, server, requests)
        errors: list[str] = []
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("response", lambda r: r.status >= 400 and not r.url.endswith("/favicon.ico") and errors.append(f"{r.status} {r.url}"))

        log_in(page, server.url, "kikaku")
        page.get_by_role("link", name="後継施策の対応表").click()
        expect(page.locator("h1")).to_have_text("後継施策の対応表")
        page.locator("#old").select_option(label=f"{OLD_TITLE} (2016–2020)")
        page.locator("#new").select_option(label=f"{NEW_TITLE} (2021–2025)")
        page.get_by_role("button", name="対応表を表示").click()
        expect(page.locator("h2").first).to_have_text(f"{OLD_TITLE} → {NEW_TITLE}")
        screenshot(page, "1-map", SHOTS)

        # accept 31 農業基盤の確立 → 11 都市農業の振興
        farm = page.locator("tbody[data-old='31']")
        first = farm.locator("tr").first
        expect(first).to_have_attribute("data-new", "11")
        expect(first.locator("td.decision")).to_have_text("未判断")
        first.get_by_role("button", name="採用").click()
        expect(page.locator("#successor-msg")).to_have_text("採用しました")
        farm = page.locator("tbody[data-old='31']")
        expect(farm.locator("tr[data-new='11'] td.decision")).to_have_text("採用済")
        screenshot(page, "2-accepted", SHOTS)

        # change 28 商業環境の整備: the suggester's 5 住環境の整備 → 10 産業・観光の振興
        shops = page.locator("tbody[data-old='28']")
        first = shops.locator("tr").first
        expect(first).to_have_attribute("data-new", "5")
        first.locator("form.change select").select_option(label="10 産業・観光の振興")
        first.get_by_role("button", name="変更").click()
        expect(page.locator("#successor-msg")).to_have_text("変更しました")
        shops = page.locator("tbody[data-old='28']")
        expect(shops.locator("tr[data-new='5'] td.decision")).to_have_text("却下済")
        expect(shops.locator("tr[data-new='10'] td.decision")).to_have_text("採用済")
        screenshot(page, "3-changed", SHOTS)

        assert links(database) == {("31", "11"), ("28", "10")}
        assert not errors, errors
        assert not requests.outside(server.url), requests.outside(server.url)

        twin = browser.new_context(base_url=server.url, bypass_csp=True, storage_state=context.storage_state())
        try:
            axe_page = twin.new_page()
            axe_page.goto(page.url)
            result = run_axe(axe_page)
        finally:
            twin.close()
        serious = [f"{v['id']} ({v['impact']}): {v['help']}" for v in serious_violations(result)]
        assert not serious, serious
        context.close()
