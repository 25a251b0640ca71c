"""Opinions on a draft in a real browser: a citizen on a phone sends one, staff answer it, the public table shows it.

`keikaku serve` runs over a database holding かえで市's plan as a draft (素案) and as its adopted
final revision, an admin (kikaku), and the draft's comment period, open since yesterday on 施策 1
and 施策 2, with one opinion already received. In Debian's Chromium, through Playwright:

1. a citizen on a phone (390 × 844) opens 施策 1 of the draft, follows the link to the form, writes
   an opinion and sends it: the receipt number is shown on the page the form redirects to, and
   reloading that page sends nothing;
2. the admin finds it on the staff pages, adds the theme 子育て, groups it with the similar opinion
   suggested beside it, and writes the group's summary and the city's answer, the plan changed at
   施策 1 of the final revision; then ends the period (its last day yesterday);
3. the citizen opens the draft again and follows the link to the table of opinions and answers:
   the summary and the answer are there, with the changed item; what was sent is not.

Every page is checked with axe-core at 1280 and at 390 px (no serious or critical violation) and
must not scroll sideways at 390 px. Screenshots go to test-artifacts/browser-comments/.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from playwright.sync_api import expect
from sqlalchemy import Engine

from browser import (  # noqa: F401 - browser_fixture: the module's Chromium
    REPO, RequestLog, Server, browser_fixture, database_fixture, run_axe, screenshot, server_fixture,
)
from browser_people import Person, sign_in, stored_fixture
from comment_helpers import DRAFT_TITLE, node_of, store_drafts
from keikaku.domain.comments import RECEIPT_PATTERN
from keikaku.services import comments
from keikaku.services.cycle_common import today_jst

SHOTS = REPO / "test-artifacts" / "browser-comments"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
EARLIER = "保育園の数をもっと増やしてほしいです。待機児童のことが心配です。"
OPINION = "駅の近くに保育園をもっと増やしてほしい。\n待機児童が心配です。"
SUMMARY = "保育園を増やし、待機児童をなくしてほしい。"
ANSWER = "認定こども園の整備により定員を増やし、施策 1 の取組に明記しました。"


def world(engine: Engine) -> dict[str, Any]:
    d = store_drafts(engine)
    today = today_jst()
    comments.open_period(engine, user=d.admin, plan_id=d.draft, start=today - timedelta(days=1),
                         end=today + timedelta(days=6), notice="素案へのご意見をお寄せください。", node_keys=["m1", "m2"])
    comments.submit_opinion(engine, plan_id=d.draft, body=EARLIER, node_key="m1")
    return {"draft": d.draft, "final": d.final, "m1": node_of(engine, d.draft, "m1"), "final_m1": node_of(engine, d.final, "m1"),
            "yesterday": (today - timedelta(days=1)).isoformat()}


comments_database = database_fixture("comments_database", "browser_comments")
world_ids = stored_fixture("world_ids", "comments_database", world)
server = server_fixture("comments_database", after=("world_ids",), shots=SHOTS)


class Pages:
    """Every page visited, seen again at 1280 and at 390 px in twin contexts (same cookies, CSP
    bypassed for axe-core): serious and critical violations, and sideways scrolling at 390 px."""

    def __init__(self, browser: Any, server: Server, requests: RequestLog) -> None:
        self.browser, self.server, self.requests = browser, server, requests
        self.serious: list[str] = []
        self.sideways: list[str] = []
        self.seen: list[str] = []

    def record(self, name: str, page: Any, width: int) -> None:
        if width == PHONE["width"]:
            scroll = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
            if scroll[0] > scroll[1]:
                self.sideways.append(f"{name}: {scroll[0]} > {scroll[1]}")
            screenshot(page, f"390-{name}", SHOTS)
        for v in run_axe(page)["violations"]:
            if v["impact"] in ("serious", "critical"):
                self.serious.append(f"{name} at {width} px: {v['id']} ({v['impact']}) at "
                                    + "; ".join(str(n["target"]) for n in v["nodes"][:5]))

    def check(self, name: str, who: Person | None, path: str) -> None:
        self.seen.append(name)
        for viewport in (DESKTOP, PHONE):
            twin = Person(self.browser, self.server, self.requests, bypass_csp=True, viewport=viewport,
                          storage_state=who.context.storage_state() if who else None)
            try:
                response = twin.page.goto(path)
                assert response is not None and response.status == 200, (name, path, response and response.status)
                self.record(name, twin.page, viewport["width"])
            finally:
                twin.context.close()


def test_a_citizens_opinion_from_phone_to_the_public_table(browser: Any, server: Server, world_ids: dict[str, Any]) -> None:
    requests = RequestLog()
    pages = Pages(browser, server, requests)
    citizen = Person(browser, server, requests, viewport=PHONE, bypass_csp=True)  # axe runs on the receipt as it is
    admin = Person(browser, server, requests)
    draft, m1 = world_ids["draft"], world_ids["m1"]

    # 1. a citizen on a phone sends an opinion on 施策 1 of the draft ------------------------------------
    cpage = citizen.page
    cpage.goto(f"/nodes/{m1}")
    expect(cpage.locator("h1")).to_have_text("施策 1 子育て支援の充実")
    notice = cpage.locator("section.comment-notice")
    expect(notice.locator("h2")).to_have_text("意見募集（パブリックコメント）")
    pages.check("draft-node", None, f"/nodes/{m1}")
    screenshot(cpage, "1-citizen-node", SHOTS)
    notice.get_by_role("link", name="この項目への意見を送る").click()
    expect(cpage).to_have_url(f"{server.url}/opinions/nodes/{m1}")
    expect(cpage.locator("h1")).to_have_text("意見を送る")
    expect(cpage.locator("#cm-node")).to_have_value("m1")
    pages.check("form", None, f"/opinions/nodes/{m1}")
    cpage.locator("#cm-body").fill(OPINION)
    cpage.locator("#cm-age").select_option("30代")
    screenshot(cpage, "1-citizen-form", SHOTS)
    cpage.get_by_role("button", name="送信する").click()
    expect(cpage.locator("h1")).to_have_text("意見を受け付けました")
    receipt = cpage.locator(".receipt-number").inner_text()
    assert RECEIPT_PATTERN.match(receipt), receipt
    expect(cpage.locator("dl.receipt")).to_contain_text(f"{DRAFT_TITLE} — 施策 1 子育て支援の充実")
    expect(cpage).to_have_url(f"{server.url}/opinions/receipt/{receipt}")  # redirected after the POST
    cpage.reload()  # reloading shows the receipt again and sends nothing (the table counts 2 opinions below)
    expect(cpage.locator(".receipt-number")).to_have_text(receipt)
    expect(cpage.locator("main")).not_to_contain_text("駅の近くに保育園")
    screenshot(cpage, "1-citizen-receipt", SHOTS)
    pages.seen.append("receipt")
    pages.record("receipt", cpage, PHONE["width"])

    # 2. the admin groups it with the similar opinion and answers the group ------------------------------
    sign_in(admin, "kikaku", "2-admin-login", SHOTS)
    page = admin.page
    page.get_by_role("link", name="案（意見募集できる計画）").click()
    expect(page.locator("h1")).to_have_text("意見募集（パブリックコメント）")
    pages.check("staff-drafts", admin, "/staff/comments")
    page.get_by_role("link", name=DRAFT_TITLE).click()
    staff_path = f"/staff/plans/{draft}/comments"
    expect(page).to_have_url(f"{server.url}{staff_path}")
    page.locator("#cm-theme-new").fill("子育て")
    page.get_by_role("button", name="分野を追加").click()
    expect(page.get_by_role("status")).to_have_text("保存しました。")
    pages.check("staff-comments", admin, staff_path)
    page.get_by_role("link", name=receipt).click()
    expect(page.locator("h1")).to_have_text(f"意見 {receipt}")
    expect(page.locator("div.comment-body")).to_contain_text("駅の近くに保育園をもっと増やしてほしい。")
    opinion_path = page.url.removeprefix(server.url)
    pages.check("staff-opinion", admin, opinion_path)
    similar = page.locator("ul.comment-similar > li")
    expect(similar).to_have_count(1)
    expect(similar).to_contain_text(EARLIER)
    screenshot(page, "2-admin-similar", SHOTS)
    similar.get_by_role("button").click()
    expect(page).to_have_url(re.compile(re.escape(server.url) + r"/staff/comment-groups/\d+\?saved=group$"))
    expect(page.locator("#members ~ ul li, section ul.comment-list li")).to_have_count(2)
    group_path = page.url.removeprefix(server.url).split("?")[0]
    page.locator("#cm-theme").select_option(label="子育て")
    page.locator("#cm-summary").fill(SUMMARY)
    page.locator("#cm-answer").fill(ANSWER)
    page.get_by_label("有", exact=True).check()
    page.locator("#cm-changed-node").select_option("m1")
    screenshot(page, "2-admin-answer", SHOTS)
    page.get_by_role("button", name="保存する").click()
    expect(page).to_have_url(f"{server.url}{group_path}?saved=answer")
    expect(page.locator("#cm-summary")).to_have_value(SUMMARY)
    pages.check("staff-group", admin, group_path)
    page.goto(staff_path)
    page.locator("#cm-end").fill(world_ids["yesterday"])  # the period ends: its last day was yesterday
    page.get_by_role("button", name="募集期間・お知らせを変更する").click()
    expect(page).to_have_url(f"{server.url}{staff_path}?saved=period")
    expect(page.locator("p.meta")).to_contain_text("募集終了")

    # 3. the citizen reads the table of opinions and answers -------------------------------------------
    cpage.goto(f"/plans/{draft}")
    pages.check("draft-plan", None, f"/plans/{draft}")
    cpage.locator("section.comment-notice").get_by_role("link", name="寄せられた意見と市の考え方").click()
    expect(cpage).to_have_url(f"{server.url}/plans/{draft}/comments")
    expect(cpage.locator("h1")).to_have_text("意見と市の考え方")
    expect(cpage.locator("p.comment-totals")).to_have_text("意見の数 2件（市民 2件・議会 0件）")
    row = cpage.locator("article.comment-row")
    expect(row).to_have_count(1)
    expect(row.locator(".comment-summary")).to_have_text(SUMMARY)
    expect(row.locator(".comment-answer")).to_have_text(ANSWER)
    expect(row.locator(".comment-changed")).to_have_text("有 施策 1 子育て支援の充実")
    expect(row.locator(".comment-changed a")).to_have_attribute("href", f"/nodes/{world_ids['final_m1']}")
    expect(row).to_contain_text("同趣旨の意見 2件")
    body = cpage.locator("main").inner_text()
    assert "駅の近くに保育園" not in body and EARLIER not in body and receipt not in body and "30代" not in body
    screenshot(cpage, "3-citizen-table", SHOTS)
    pages.check("table", None, f"/plans/{draft}/comments")

    # every page: axe clean at 1280 and 390 px, nothing sideways at 390 px; nothing left 127.0.0.1 ------
    assert pages.seen == ["draft-node", "form", "receipt", "staff-drafts", "staff-comments", "staff-opinion",
                          "staff-group", "draft-plan", "table"]
    assert pages.serious == [], "axe found serious problems:\n" + "\n".join(pages.serious)
    assert pages.sideways == [], pages.sideways
    for name, person in (("citizen", citizen), ("admin", admin)):
        assert person.problems() == [], (name, person.problems())
        person.context.close()
    assert requests.outside(server.url) == [], requests.outside(server.url)
