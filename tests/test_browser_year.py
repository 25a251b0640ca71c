"""A department's whole year in a real browser, without the command line.

`keikaku serve` runs over a database holding the fictional かえで市 plan, its admin (kikaku) and
reviewer (shinsa), and the open FY2025 cycle whose deadline is a week away, so reminders are due
whatever the date. A local SMTP server (aiosmtpd on 127.0.0.1) is the mail server the site is
configured with through its environment. In Debian's Chromium, through Playwright:

1. the admin signs in and creates the editor of 保育課 on /staff/users/new;
2. the admin sends reminders from the progress board (preview, then confirm) and the mail arrives
   at the local server: to the editor, in Japanese, listing the missing actual of 施策 1;
3. the editor signs in with the password the admin gave, enters the FY2025 actual and the
   evaluation of 施策 1 and submits it; the reviewer approves it;
4. a citizen on a phone (390 × 844) searches 子供 from the site's search box, finds 施策 1 and
   opens it: the approved actual is there.

Every page visited is checked with axe-core at 1280 and at 390 px (no serious or critical
violation) and must not scroll sideways at 390 px. Screenshots go to test-artifacts/browser-year/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from playwright.sync_api import expect
from sqlalchemy import Engine

from browser import (  # noqa: F401 - browser_fixture: the module's Chromium
    REPO, RequestLog, Server, browser_fixture, database_fixture, free_port, run_axe, screenshot, server_fixture,
)
from browser_people import Person, sign_in, stored_fixture
from cycle_helpers import PASSWORD, WAITING, YEAR, indicator_id, load_kaede, node_id
from keikaku.services import accounts, cycle
from keikaku.services.cycle_common import today_jst
from smtp_inbox import Inbox, serving

SHOTS = REPO / "test-artifacts" / "browser-year"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
PLAN_TITLE = "かえで市第2次総合計画（架空の例）"
MEASURE = "施策 1 子育て支援の充実"
FY2025 = "令和7年度 (2025)"
EDITOR = "hoiku-tanaka"
EDITOR_MAIL = "hoiku-tanaka@city.example.jp"
EDITOR_PASSWORD = "ochiba ga mau aki no yuugure"
SENDER = "keikaku@city.example.jp"
SITE = "https://keikaku.city.example.jp"
REASONS = "待機児童数は6人から2人に減った。認定こども園の整備で定員を増やした。"


# --- one database, one mail server, one site, one browser ------------------------------------------

def world(engine: Engine) -> dict[str, Any]:
    """かえで市, an admin, a reviewer and the open FY2025 cycle due in 7 days; no editor yet."""
    plan_id = load_kaede(engine)
    admin = accounts.create_user(engine, name="kikaku", role="admin", password=PASSWORD)
    accounts.create_user(engine, name="shinsa", role="reviewer", password=PASSWORD)
    deadline = today_jst() + timedelta(days=7)
    opened = cycle.open_cycle(engine, user=admin, plan=plan_id, year=YEAR, deadline=deadline)
    return {"plan": plan_id, "cycle": opened.id, "m1": node_id(engine, "m1"), "waiting": indicator_id(engine, WAITING),
            "deadline": deadline.isoformat()}


@pytest.fixture(scope="module")
def inbox() -> Iterator[Inbox]:
    with serving(Inbox(free_port())) as box:
        yield box


def mail_settings(request: pytest.FixtureRequest) -> dict[str, str]:
    """The site's mail settings: the module's local SMTP server, no TLS."""
    inbox = request.getfixturevalue("inbox")
    return {"KEIKAKU_SMTP_HOST": "127.0.0.1", "KEIKAKU_SMTP_PORT": str(inbox.port), "KEIKAKU_SMTP_STARTTLS": "false",
            "KEIKAKU_SMTP_FROM": SENDER, "KEIKAKU_SITE_URL": SITE}


year_database = database_fixture("year_database", "browser_year")
world_ids = stored_fixture("world_ids", "year_database", world)
server = server_fixture("year_database", after=("world_ids", "inbox"), shots=SHOTS, env=mail_settings)


class Pages:
    """Every page visited, seen again as its visitor sees it at 1280 and at 390 px (in twin contexts
    with the same cookies and the CSP bypassed, so axe-core can be injected): axe's serious and
    critical violations, and whether the page scrolls sideways at 390 px."""

    def __init__(self, browser: Any, server: Server, requests: RequestLog) -> None:
        self.browser, self.server, self.requests = browser, server, requests
        self.serious: list[str] = []
        self.sideways: list[str] = []
        self.seen: list[str] = []

    def check(self, name: str, who: Person | None, path: str) -> None:
        self.seen.append(name)
        for viewport in (DESKTOP, PHONE):
            twin = Person(self.browser, self.server, self.requests, bypass_csp=True, viewport=viewport,
                          storage_state=who.context.storage_state() if who else None)
            try:
                response = twin.page.goto(path)
                assert response is not None and response.status == 200, (name, path, response and response.status)
                if viewport is PHONE:
                    width = twin.page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
                    if width[0] > width[1]:
                        self.sideways.append(f"{name}: {width[0]} > {width[1]}")
                    screenshot(twin.page, f"390-{name}", SHOTS)
                result = run_axe(twin.page)
            finally:
                twin.context.close()
            for v in result["violations"]:
                if v["impact"] in ("serious", "critical"):
                    self.serious.append(f"{name} at {viewport['width']} px: {v['id']} ({v['impact']}) at "
                                        + "; ".join(n["target"] for n in v["nodes"][:5]))


def shot(person: Person, name: str) -> None:
    screenshot(person.page, name, SHOTS)


# --- the year ----------------------------------------------------------------------------------------

def test_a_departments_year_in_the_browser(browser: Any, server: Server, world_ids: dict[str, Any], inbox: Inbox) -> None:
    requests = RequestLog()
    pages = Pages(browser, server, requests)
    cycle_path = f"/staff/cycles/{world_ids['cycle']}"
    sheet_path = f"{cycle_path}/nodes/{world_ids['m1']}"
    admin = Person(browser, server, requests)
    editor = Person(browser, server, requests)
    reviewer = Person(browser, server, requests)
    citizen = Person(browser, server, requests, viewport=PHONE)
    people = {"admin": admin, "editor": editor, "reviewer": reviewer, "citizen": citizen}

    # 1. the admin signs in and creates the editor of 保育課 --------------------------------------------
    pages.check("login", None, "/login")
    sign_in(admin, "kikaku", "1-admin-login", SHOTS)
    pages.check("dashboard", admin, "/staff")
    page = admin.page
    page.goto("/staff/users/new")
    expect(page.locator("h1")).to_have_text("利用者を追加")
    pages.check("user-new", admin, "/staff/users/new")
    page.locator("#name").fill(EDITOR)
    page.locator("#email").fill(EDITOR_MAIL)
    page.locator("#role").select_option("editor")
    page.get_by_label("保育課", exact=True).check()
    page.locator("#password").fill(EDITOR_PASSWORD)
    page.locator("#password_confirm").fill(EDITOR_PASSWORD)
    shot(admin, "1-admin-user-form")
    page.locator("main form.stack button[type=submit]").click()
    expect(page).to_have_url(f"{server.url}/staff/users?msg=user_created")
    row = page.locator("table.users tbody tr", has=page.get_by_role("link", name=EDITOR, exact=True))
    expect(row).to_have_count(1)
    expect(row).to_contain_text("保育課")
    shot(admin, "1-admin-user-created")
    pages.check("users", admin, "/staff/users")

    # 2. the admin sends reminders from the board ------------------------------------------------------
    page.goto(cycle_path)
    expect(page.locator("h1")).to_have_text(f"{PLAN_TITLE} — {FY2025}")
    pages.check("cycle", admin, cycle_path)
    expect(page.locator("section.reminders h2")).to_have_text("督促メールを送信")
    page.locator("section.reminders").get_by_role("link", name="送信内容を確認").click()
    expect(page).to_have_url(f"{server.url}{cycle_path}/reminders")
    expect(page.locator("h1")).to_have_text("督促メールを送信")
    expect(page.locator("p.remind-count")).to_have_text("送信予定 1件・本日送信済み 0件")
    hoiku = page.locator("article.remind-department", has=page.locator("h3", has_text="保育課"))
    expect(hoiku.locator("ul.remind-mails li")).to_contain_text(f"送信予定 宛先: {EDITOR} <{EDITOR_MAIL}>")
    expect(hoiku.locator("ul.remind-items")).to_contain_text(f"{MEASURE}: 実績値が未入力 — {WAITING}")
    shot(admin, "2-admin-reminder-preview")
    pages.check("reminders-preview", admin, f"{cycle_path}/reminders")
    assert inbox.received == []  # the preview sends nothing
    page.locator("#confirm").check()  # a sent mail cannot be recalled: the box is ticked first
    page.get_by_role("button", name="この内容で送信する").click()
    notice = page.get_by_role("status")
    expect(notice).to_contain_text("督促メールを 1件送信しました。")
    expect(notice.locator("li")).to_have_text([f"保育課 — {EDITOR} <{EDITOR_MAIL}>"])
    shot(admin, "2-admin-reminders-sent")
    pages.check("reminders-after", admin, f"{cycle_path}/reminders")

    [(_sender, rcpt, mail)] = inbox.received
    assert rcpt == [EDITOR_MAIL] and mail["To"] == EDITOR_MAIL and mail["From"] == SENDER
    assert str(mail["Subject"]) == (f"【施策評価】{PLAN_TITLE} 2025年度 保育課: 未入力・未提出 2件、差戻し 0件"
                                    f"（提出期限 {world_ids['deadline']}）")
    body = mail.get_content()
    assert mail.get_content_charset() == "utf-8"
    assert body.startswith(f"{EDITOR} 様\n\n{PLAN_TITLE} 2025年度の施策評価について、保育課の未対応の項目をお知らせします。\n"
                           f"提出期限: {world_ids['deadline']}（あと7日）\n")
    assert (f"■ {MEASURE}\n・実績値が未入力: {WAITING}\n・評価シートが未提出\n{SITE}{sheet_path}\n") in body

    # 3. the editor enters the actual and the evaluation, and submits --------------------------------
    sign_in(editor, EDITOR, "3-editor-login", SHOTS, password=EDITOR_PASSWORD)
    epage = editor.page
    expect(epage.locator("nav.signed-in")).to_contain_text("保育課")
    epage.goto(sheet_path)
    expect(epage.locator("h1")).to_have_text("子育て支援の充実")
    value_input = epage.locator(f"#value-{world_ids['waiting']}")
    value_input.fill("2")
    epage.get_by_role("button", name="実績値を保存").click()
    expect(epage).to_have_url(f"{server.url}{sheet_path}?msg=saved")
    expect(epage.locator(f"#value-{world_ids['waiting']}")).to_have_value("2")
    pages.check("sheet-editor", editor, sheet_path)
    epage.locator("#self_grade").select_option("B")
    epage.locator("#reasons").fill(REASONS)
    epage.locator("#issues").fill("0歳児・1歳児の受け皿が足りない。")
    epage.locator("#next_direction").select_option("継続")
    shot(editor, "3-editor-evaluation")
    epage.get_by_role("button", name="提出", exact=True).click()
    expect(epage).to_have_url(f"{server.url}{sheet_path}?msg=submitted")
    expect(epage.get_by_role("status")).to_have_text("提出しました。")
    shot(editor, "3-editor-submitted")

    # 4. the reviewer approves ----------------------------------------------------------------------
    sign_in(reviewer, "shinsa", "4-reviewer-login", SHOTS)
    rpage = reviewer.page
    rpage.goto(sheet_path)
    expect(rpage.locator("dl.facts dd").nth(1)).to_have_text(REASONS)
    pages.check("sheet-reviewer", reviewer, sheet_path)
    rpage.locator("#comment").fill("確認しました。")
    rpage.locator("#confirm").check()  # approving publishes and locks: the box is ticked first
    rpage.get_by_role("button", name="承認", exact=True).click()
    expect(rpage).to_have_url(f"{server.url}{sheet_path}?msg=approved")
    expect(rpage.get_by_role("status")).to_have_text("承認しました。")
    shot(reviewer, "4-reviewer-approved")

    # 5. a citizen on a phone searches 子供 and finds the approved actual --------------------------------
    cpage = citizen.page
    cpage.goto("/")
    pages.check("home", None, "/")
    cpage.locator("#q").type("子供")
    cpage.locator("#q").press("Enter")
    expect(cpage).to_have_url(re.compile(re.escape(server.url) + r"/search\?q=%E5%AD%90%E4%BE%9B$"))
    result = cpage.locator("ol.search-results > li > a", has_text="子育て支援の充実")
    expect(result).to_have_count(1)
    shot(citizen, "5-citizen-search")
    pages.check("search", None, "/search?q=子供")
    result.click()
    expect(cpage).to_have_url(f"{server.url}/nodes/{world_ids['m1']}")
    expect(cpage.locator("h1")).to_have_text(MEASURE)
    row = cpage.locator("table.indicators tbody tr", has=cpage.get_by_role("link", name=WAITING))
    expect(row.locator("td").nth(2)).to_contain_text(FY2025)
    expect(row.locator("td").nth(2)).to_contain_text("2")
    figure = cpage.locator(f"#figure-{world_ids['waiting']}")
    chart_row = figure.locator("table.chart-data tbody tr", has=cpage.locator("th", has_text=FY2025))
    expect(chart_row.locator("td").first).to_have_text("2")
    shot(citizen, "5-citizen-measure")
    pages.check("measure", None, f"/nodes/{world_ids['m1']}")

    # 6. every page: axe clean at 1280 and 390 px, nothing sideways at 390 px; nothing left 127.0.0.1 --
    assert pages.seen == ["login", "dashboard", "user-new", "users", "cycle", "reminders-preview", "reminders-after",
                          "sheet-editor", "sheet-reviewer", "home", "search", "measure"]
    assert pages.serious == [], "axe found serious problems:\n" + "\n".join(pages.serious)
    assert pages.sideways == [], pages.sideways
    assert citizen.page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    for name, person in people.items():
        assert person.problems() == [], (name, person.problems())
        person.context.close()
    assert requests.outside(server.url) == [], requests.outside(server.url)
    assert len(inbox.received) == 1  # the board's run sent one mail, nothing else did
