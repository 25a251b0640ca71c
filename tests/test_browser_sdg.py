"""SDG suggestions on the staff page, in a real browser: the admin (kikaku) of the fictional かえで市
opens the plan's SDG page, sees the words that led to each suggestion, accepts 3 for 政策 3 and
rejects 17 for 政策 6; the accepted goal is shown as linked, the rejected one does not come back
after a reload, and the public page of 政策 3 shows the new SDG. Every request stays on 127.0.0.1.
Screenshots go to test-artifacts/browser-sdg/.
"""

from __future__ import annotations

from playwright.sync_api import expect
from sqlalchemy import Engine

from browser import REPO, RequestLog, Server, chromium, database_fixture, new_context, screenshot, server_fixture
from browser_people import log_in, stored_fixture
from cycle_helpers import make_world, node_id

SHOTS = REPO / "test-artifacts" / "browser-sdg"


def kaede(engine: Engine) -> dict[str, int]:
    world = make_world(engine, open_cycle=False)
    return {"plan": world.plan_id, "p3": node_id(engine, "p3"), "p6": node_id(engine, "p6")}


sdg_database = database_fixture("sdg_database", "browser_sdg")
ids = stored_fixture("ids", "sdg_database", kaede)
server = server_fixture("sdg_database", after=("ids",), shots=SHOTS)


def test_admin_accepts_one_suggestion_and_rejects_another(server: Server, ids: dict[str, int]) -> None:
    requests = RequestLog()
    with chromium() as browser:
        context = new_context(browser, server, requests)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        log_in(page, server.url, "kikaku")

        page.get_by_role("link", name="SDGs の候補").click()
        page.get_by_role("link", name="かえで市第2次総合計画（架空の例）").click()
        expect(page.locator("h1")).to_have_text("SDGs の候補: かえで市第2次総合計画（架空の例）")
        p3 = page.locator("section.sdg-node[data-node=p3]")
        p6 = page.locator("section.sdg-node[data-node=p6]")
        expect(p3.locator("tr[data-goal='3'] ul.sdg-words li")).to_have_text(["健康", "福祉"])
        expect(p6.locator("tr[data-goal='17'] ul.sdg-words li")).to_have_text(["協働"])
        screenshot(page, "01-suggestions", SHOTS)

        p3.locator("tr[data-goal='3']").get_by_role("button", name="採用: 政策 3 健康と福祉の向上 → 3", exact=True).click()
        expect(page.locator("p.notice")).to_contain_text("採用し、SDGs を関連づけました。")
        expect(p3).to_contain_text("採用済みの SDGs: 3 すべての人に健康と福祉を")
        expect(p3.locator("tr[data-goal='3']")).to_have_count(0)

        p6.locator("tr[data-goal='17']").get_by_role("button", name="不採用: 政策 6 快適な都市空間と協働の推進 → 17", exact=True).click()
        expect(page.locator("p.notice")).to_contain_text("不採用にしました。")
        page.reload()
        expect(p6.locator("tr[data-goal='17']")).to_have_count(0)
        expect(p6.locator("tr[data-goal='11']")).to_have_count(1)
        screenshot(page, "02-decided", SHOTS)

        page.goto(f"/nodes/{ids['p3']}")
        expect(page.locator("main")).to_contain_text("すべての人に健康と福祉を")
        page.goto(f"/staff/audit?object=sdg_suggestion")
        expect(page.locator("ol.audit > li")).to_have_count(2)  # one entry per decision
        screenshot(page, "03-audit", SHOTS)
        context.close()
    assert not errors
    assert requests.outside(server.url) == []
