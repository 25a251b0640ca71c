"""The successor map of Koganei's 4th basic plan (seed 002) → 5th plan (seed 000), in a real browser.

`keikaku serve` runs in a subprocess over a database holding both seeds and an admin (kikaku).
Debian's Chromium, through Playwright, signs in, opens the map from the staff menu, accepts the
suggestion 4th-plan 31 → 5th-plan 11 (both on farming), and changes the suggestion for 28
(commerce; the suggester proposes 5 住環境の整備) to 10 産業・観光の振興. The page then shows 28's
first suggestion rejected and 10 accepted; the links are in the database. axe-core checks the page;
every request must stay on 127.0.0.1. Screenshots go to test-artifacts/browser-successors/.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from browser import REPO, RequestLog, Server, chromium, clean_dir, run_axe, screenshot, serve
from conftest import copy_of_template
from cycle_helpers import PASSWORD, fast_hashing
from keikaku.services import accounts
from keikaku.services.importing import import_file
from keikaku.storage import models as m
from keikaku.storage.database import make_engine, transaction

SHOTS = REPO / "test-artifacts" / "browser-successors"
TIMEOUT_MS = 15_000
OLD_TITLE = "小金井市基本計画"
NEW_TITLE = "第5次小金井市基本構想・前期基本計画"


@pytest.fixture(scope="module")
def database(template_database: str, tmp_path_factory: pytest.TempPathFactory, seeds) -> Iterator[str]:
    with copy_of_template(template_database, prefix="keikaku_browser_successors",
                          directory=tmp_path_factory.mktemp("browser-successors")) as url:
        engine = make_engine(url)
        try:
            import_file(engine, seeds / "002_da149b7202bad3b0.txt")
            import_file(engine, seeds / "000_138cd5ff0a448d85.txt")
            with pytest.MonkeyPatch.context() as mp:
                fast_hashing(mp)
                accounts.create_user(engine, name="kikaku", role="admin", password=PASSWORD)
        finally:
            engine.dispose()
        yield url


@pytest.fixture(scope="module")
def server(database: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    clean_dir(SHOTS)
    with serve(database, log_dir=tmp_path_factory.mktemp("serve-successors")) as srv:
        yield srv
        problems = [line for line in srv.output().splitlines() if "Traceback" in line or "ERROR" in line]
        assert not problems, srv.output()


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
        context = browser.new_context(base_url=server.url, locale="ja-JP", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(TIMEOUT_MS)
        context.on("request", requests.record)
        errors: list[str] = []
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("response", lambda r: r.status >= 400 and not r.url.endswith("/favicon.ico") and errors.append(f"{r.status} {r.url}"))

        page.goto("/login")
        page.locator("#name").type("kikaku")
        page.locator("#password").type(PASSWORD)
        page.locator("main form button[type=submit]").click()
        expect(page).to_have_url(f"{server.url}/staff")
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
        serious = [f"{v['id']} ({v['impact']}): {v['help']}" for v in result["violations"] if v["impact"] in ("serious", "critical")]
        assert not serious, serious
        context.close()
