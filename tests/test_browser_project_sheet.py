"""A project evaluation sheet (事務事業評価) from the cycle's board to the public pages, in a real
browser (Debian's Chromium through Playwright).

`keikaku serve` runs on 127.0.0.1 over かえで市 with its staff, the example budget workbook
(keikaku/data/example/kaede-budget.xlsx, fictional) and the FY2024 cycle: FY2024 is the latest year
with a settlement, so the measure page's money section ranks that year's projects and lists them by
the direction their approved evaluations give. 保育課's editor opens the board, follows its project's
sheet, writes it, saves, reads the costs, submits; the reviewer finds it on the home page and returns
it; the editor fixes and resubmits; the reviewer approves; a citizen on a 390 px phone reads it on
the measure page and the project page. axe finds nothing serious on each page at 1280 and 390 px.
Screenshots go to test-artifacts/browser-project-sheet/.

FY2024 of 認定こども園整備事業 by hand, from the workbook's 千円 rows and the city's costs per person:
決算額 219,876.5千円 = 219,876,500 yen (the spending); 人件費 1.5 × 8,350,000 + 0.8 × 3,000,000 =
14,925,000; トータルコスト 234,801,500 yen, printed 234,802 in a 千円 table (half up). The FY2024
actuals of the plan file are published: 6 waiting children, a decrease target, so no cost per child;
58.9 % → 234,801,500 ÷ 58.9 = 3,986,443.12 yen per point.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect
from sqlalchemy import Engine

from browser import (  # noqa: F401 - browser_fixture: the module's Chromium
    REPO, RequestLog, Server, browser_fixture, database_fixture, screenshot, server_fixture,
)
from browser_people import Axe, Person, sign_in, stored_fixture
from cycle_helpers import CHILDCARE_SHARE, DEADLINE, NURSERY_PROJECT, WAITING, indicator_id, make_world, node_id, project_id
from keikaku.services import cycle
from keikaku.services.budget import import_budget
from keikaku.services.plans import EXAMPLE_DIR

SHOTS = REPO / "test-artifacts" / "browser-project-sheet"
YEAR = 2024
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# the cost table of the sheet, in 千円: row header → figure
COSTS = {"当初予算": "210,000", "補正後予算": "224,000", "決算額": "219,877", "財源内訳: 国庫支出金": "109,000",
         "財源内訳: 都道府県支出金": "54,500", "財源内訳: 地方債": "35,000", "財源内訳: その他特定財源": "1,200",
         "財源内訳: 一般財源": "20,177", "人件費": "14,925", "トータルコスト": "234,802"}
NO_UNIT_COST, PER_POINT = "減少を目指す指標", "3,986,443.12"  # 待機児童数 aims at a decrease
TEXTS = {"subject": "保育を必要とする就学前の子どもと保護者", "intent": "希望する園に入れる状態を保つ",
         "means": "認定こども園の整備費を法人に補助する"}
WIDTH = "() => ({scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth})"


def kaede(engine: Engine) -> dict[str, int]:
    world = make_world(engine, open_cycle=False)
    opened = cycle.open_cycle(engine, user=world.admin, plan=world.plan_id, year=YEAR, deadline=DEADLINE)
    content = (EXAMPLE_DIR / "kaede-budget.xlsx").read_bytes()
    import_budget(engine, user=world.admin, plan=world.plan_id, content=content, filename="kaede-budget.xlsx", apply=True)
    return {"cycle": opened.id, "project": project_id(engine, NURSERY_PROJECT), "m1": node_id(engine, "m1"),
            "waiting": indicator_id(engine, WAITING), "share": indicator_id(engine, CHILDCARE_SHARE)}


database = database_fixture("database", "browser_project_sheet")
ids = stored_fixture("ids", "database", kaede)
server = server_fixture("database", after=("ids",), shots=SHOTS)


def row_text(page: Any, table: str, header: str) -> str:
    return page.locator(f"{table} tr").filter(has=page.locator("th", has_text=header)).first.inner_text()


def fits(person: Person, name: str) -> None:
    got = person.page.evaluate(WIDTH)
    assert got["scrollWidth"] <= got["innerWidth"], f"{name} scrolls sideways at {got['innerWidth']} px: {got}"


def test_a_project_sheet_from_the_board_through_review_to_the_public_pages(server: Server, ids: dict[str, int],
                                                                           browser: Any) -> None:
    requests = RequestLog()
    axe = Axe(browser, server, requests)
    sheet_url = f"/staff/cycles/{ids['cycle']}/projects/{ids['project']}"

    editor = Person(browser, server, requests)
    page = editor.page
    sign_in(editor, "hoiku", "01-editor-sign-in", SHOTS)
    page.get_by_role("link", name="かえで市第2次総合計画（架空の例）").click()
    row = page.locator(f"#project-sheet-list tr[data-project='{ids['project']}']")
    expect(row).to_contain_text("作成中")
    expect(row).to_contain_text("記入できます")
    expect(page.locator("#project-sheets-mine")).to_have_text("あなたの課が記入できるシート: 1 件")
    screenshot(page, "02-board", SHOTS)
    for width, viewport in (("1280", DESKTOP), ("390", PHONE)):
        axe.check(f"board-{width}", editor, f"/staff/cycles/{ids['cycle']}", viewport=viewport)
    row.get_by_role("link", name=NURSERY_PROJECT).click()
    expect(page).to_have_url(f"{server.url}{sheet_url}")

    for field, text in TEXTS.items():
        page.locator(f"textarea#{field}").fill(text)
    for viewpoint, grade in (("necessity", "A"), ("effectiveness", "B"), ("efficiency", "B"), ("fairness", "A")):
        page.locator(f"select#{viewpoint}").select_option(grade)
    page.locator("select#direction").select_option("拡充")
    page.locator("textarea#summary").fill("待機児童は6人に減ったが、0人には届いていない")
    page.locator(f"select#role-{ids['waiting']}").select_option("outcome")
    page.locator(f"#planned-{ids['waiting']}").fill("3")
    page.locator(f"select#role-{ids['share']}").select_option("outcome")
    page.locator(f"#planned-{ids['share']}").fill("60")
    page.get_by_role("button", name="一時保存").click()
    expect(page.get_by_role("status")).to_have_text("保存しました。")
    for header, figure in COSTS.items():
        assert row_text(page, "table.money", header).split("\t")[-1] == figure, header
    assert row_text(page, "#chosen-indicators", WAITING).split("\t") == [f"{WAITING}（人）", "成果指標", "3", "6", NO_UNIT_COST]
    assert row_text(page, "#chosen-indicators", CHILDCARE_SHARE).split("\t") == [
        f"{CHILDCARE_SHARE}（%）", "成果指標", "60", "58.9", PER_POINT]
    screenshot(page, "03-sheet-saved", SHOTS)
    for width, viewport in (("1280", DESKTOP), ("390", PHONE)):
        axe.check(f"sheet-{width}", editor, sheet_url, viewport=viewport)
    page.get_by_role("button", name="提出").click()
    expect(page.get_by_role("status")).to_have_text("提出しました。")
    expect(page.locator("span.status")).to_have_text("提出済")

    reviewer = Person(browser, server, requests)
    sign_in(reviewer, "shinsa", "04-reviewer-sign-in", SHOTS)
    queue = reviewer.page.locator("ul.project-review-queue li")
    expect(queue).to_have_text([f"{NURSERY_PROJECT} — かえで市第2次総合計画（架空の例） 令和6年度 (2024) · 保育課"])
    axe.check("dashboard-reviewer-1280", reviewer, "/staff", viewport=DESKTOP)
    axe.check("dashboard-reviewer-390", reviewer, "/staff", viewport=PHONE)
    queue.get_by_role("link", name=NURSERY_PROJECT).click()
    reviewer.page.locator("textarea#comment").fill("計画値3人の根拠を説明に書いてください")
    reviewer.page.get_by_role("button", name="差戻し").click()
    expect(reviewer.page.get_by_role("status")).to_have_text("差し戻しました。")

    page.reload()
    expect(page.locator("main > p").filter(has_text="審査コメント")).to_contain_text("計画値3人の根拠を説明に書いてください")
    page.locator("textarea#summary").fill("待機児童は6人に減った。来年度は定員を30人増やし3人を目指す")
    page.get_by_role("button", name="提出").click()
    expect(page.get_by_role("status")).to_have_text("提出しました。")

    reviewer.page.goto("/staff")
    queue.get_by_role("link", name=NURSERY_PROJECT).click()
    screenshot(reviewer.page, "05-review", SHOTS)
    reviewer.page.locator("#confirm").check()  # approving cannot be undone: the box is ticked first
    reviewer.page.get_by_role("button", name="承認").click()
    expect(reviewer.page.get_by_role("status")).to_have_text("承認しました。")
    expect(reviewer.page.locator("span.status")).to_have_text("承認済")
    reviewer.page.goto("/staff")
    expect(reviewer.page.locator("section[aria-labelledby=project-review]")).to_contain_text("審査待ちの事務事業評価シートはありません。")

    citizen = Person(browser, server, requests, viewport=PHONE)
    phone = citizen.page
    phone.goto(f"/nodes/{ids['m1']}")
    published = phone.locator("#project-evaluations ~ div table tbody tr")
    expect(published).to_have_count(1)
    assert published.inner_text().split("\t") == [NURSERY_PROJECT, "拡充", "A", "B", "B", "A", COSTS["トータルコスト"]]
    ranked = phone.locator("table.money-ranked tbody tr").filter(has_text=NURSERY_PROJECT)
    assert ranked.inner_text().split("\t")[-3:] == [COSTS["人件費"], COSTS["トータルコスト"], "拡充"]
    expect(phone.locator("dl.money-directions dt")).to_have_text(["拡充"])
    expect(phone.locator("dl.money-directions dd")).to_have_text([NURSERY_PROJECT])
    fits(citizen, "measure page")
    screenshot(phone, "06-measure-390", SHOTS)
    phone.locator("#project-evaluations ~ div").get_by_role("link", name=NURSERY_PROJECT).click()
    expect(phone).to_have_url(f"{server.url}/projects/{ids['project']}/evaluations/{YEAR}")
    expect(phone.locator("h1")).to_have_text(NURSERY_PROJECT)
    expect(phone.locator("#direction")).to_have_text("拡充")
    expect(phone.locator("#full-cost")).to_have_text(COSTS["トータルコスト"])
    for header in ("決算額", "人件費", "財源内訳: 一般財源"):
        assert row_text(phone, "table.money", header).split("\t")[-1] == COSTS[header], header
    assert row_text(phone, "#project-indicators", WAITING).split("\t")[-1] == NO_UNIT_COST
    assert row_text(phone, "#project-indicators", CHILDCARE_SHARE).split("\t")[-1] == PER_POINT
    expect(phone.locator("main")).to_contain_text("来年度は定員を30人増やし3人を目指す")
    fits(citizen, "project page")
    screenshot(phone, "07-project-390", SHOTS)
    for width, viewport in (("1280", DESKTOP), ("390", PHONE)):
        axe.check(f"measure-{width}", None, f"/nodes/{ids['m1']}", viewport=viewport)
        axe.check(f"project-{width}", None, f"/projects/{ids['project']}/evaluations/{YEAR}", viewport=viewport)

    assert axe.serious() == []
    for person in (editor, reviewer, citizen):
        assert person.problems() == []
        person.context.close()
    assert requests.outside(server.url) == []
