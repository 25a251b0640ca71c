"""The yearly evaluation cycle through the staff pages, in a real browser.

`keikaku serve` runs in a subprocess over a database holding the fictional かえで市 plan, its staff
(tests/cycle_helpers.make_world, created before the server starts) and the open FY2025 cycle.
Debian's Chromium, through Playwright, plays three people at once, each in a browser context of
their own: the editor of 保育課 (hoiku) who enters the FY2025 actual of 保育所等待機児童数 and
submits the sheet of 施策 1, the reviewer (shinsa) who approves it, and an anonymous citizen who
watches the public indicator page, where the actual appears only once the sheet is approved.
axe-core checks the staff pages on the way; every request must stay on 127.0.0.1.
Screenshots of each step go to test-artifacts/browser-cycle/.
"""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import expect
from sqlalchemy import Engine

from browser import (  # noqa: F401 - browser_fixture: the module's Chromium
    REPO, RequestLog, Server, browser_fixture, database_fixture, screenshot, server_fixture,
)
from browser_people import Axe, Person, stored_fixture
from browser_people import sign_in as people_sign_in
from cycle_helpers import WAITING, YEAR, indicator_id, make_world, node_id

SHOTS = REPO / "test-artifacts" / "browser-cycle"
PLAN_TITLE = "かえで市第2次総合計画（架空の例）"
MEASURE = "施策 1 子育て支援の充実"
FY2025 = "令和7年度 (2025)"
FY2024 = "令和6年度 (2024)"
REASONS = "待機児童数は6人から2人に減った。認定こども園の整備で定員を増やした。"
ISSUES = "0歳児・1歳児の受け皿が足りない。保育士の確保が課題。"


# --- one database, one server, one browser for the module ---------------------------------------

def world(engine: Engine) -> dict[str, int]:
    """かえで市, its five users and the open FY2025 cycle, stored before the server starts."""
    stored = make_world(engine)
    assert stored.cycle is not None and stored.cycle.year == YEAR
    return {"plan": stored.plan_id, "cycle": stored.cycle.id, "m1": node_id(engine, "m1"),
            "waiting": indicator_id(engine, WAITING)}


cycle_database = database_fixture("cycle_database", "browser_cycle")
world_ids = stored_fixture("world_ids", "cycle_database", world)
server = server_fixture("cycle_database", after=("world_ids",), shots=SHOTS)


def sign_in(person: Person, name: str, shot: str) -> None:
    people_sign_in(person, name, shot, SHOTS)


def status_of(page: Any) -> Any:
    return page.locator("main > p", has_text="状況:").locator("span.status")


def calculation_row(page: Any, year_label: str) -> Any:
    return page.locator("table.calculation tbody tr", has=page.locator("th[scope=row]", has_text=year_label))


# --- the cycle ------------------------------------------------------------------------------------

def test_yearly_cycle_editor_reviewer_and_public(browser: Any, server: Server, world_ids: dict[str, int]) -> None:
    requests = RequestLog()
    axe = Axe(browser, server, requests)
    cycle_url = f"{server.url}/staff/cycles/{world_ids['cycle']}"
    sheet_path = f"/staff/cycles/{world_ids['cycle']}/nodes/{world_ids['m1']}"
    sheet_url = server.url + sheet_path
    indicator_path = f"/indicators/{world_ids['waiting']}"
    editor = Person(browser, server, requests)
    reviewer = Person(browser, server, requests)
    public = Person(browser, server, requests)
    people = {"editor": editor, "reviewer": reviewer, "public": public}

    # 1. the editor signs in, goes to the FY2025 cycle and the sheet of 施策 1 -------------------------
    axe.check("login", None, "/login")
    sign_in(editor, "hoiku", "1-editor-login")
    page = editor.page
    expect(page.locator("nav.signed-in")).to_contain_text("保育課")
    screenshot(page, "1-editor-dashboard", SHOTS)
    axe.check("dashboard", editor, "/staff")
    cycles = page.locator("table", has=page.locator("caption", has_text="評価の年度"))
    row = cycles.locator("tbody tr", has=page.locator("td", has_text=FY2025))
    expect(row).to_have_count(1)
    expect(row.locator("td").nth(1)).to_have_text("2026-06-30")
    row.get_by_role("link", name=PLAN_TITLE, exact=True).click()
    expect(page).to_have_url(cycle_url)
    expect(page.locator("h1")).to_have_text(f"{PLAN_TITLE} — {FY2025}")
    item = page.locator("ul.sheets li", has=page.get_by_role("link", name=MEASURE, exact=True))
    expect(item).to_have_count(1)
    expect(item.locator("span.status")).to_have_text("作成中")
    screenshot(page, "1-editor-cycle", SHOTS)
    axe.check("cycle", editor, f"/staff/cycles/{world_ids['cycle']}")

    item.get_by_role("link", name=MEASURE, exact=True).click()
    expect(page).to_have_url(sheet_url)
    expect(page.locator("h1")).to_have_text("子育て支援の充実")
    expect(status_of(page)).to_have_text("作成中")
    value_input = page.locator(f"#value-{world_ids['waiting']}")
    expect(value_input).to_have_value("")
    expect(page.get_by_label(WAITING, exact=True)).to_have_count(1)  # the input is labelled by its indicator
    screenshot(page, "1-editor-sheet", SHOTS)

    value_input.type("2")
    page.get_by_role("button", name="実績値を保存").click()
    expect(page).to_have_url(f"{sheet_url}?msg=saved")
    expect(page.get_by_role("status")).to_have_text("保存しました。")
    value_input = page.locator(f"#value-{world_ids['waiting']}")
    expect(value_input).to_have_value("2")
    actual_cell = page.locator("table tbody tr", has=page.locator("th", has_text=WAITING)).locator("td").nth(2)
    expect(actual_cell.locator("small")).to_have_text("下書き")  # t("draft"): the value is not published yet
    screenshot(page, "1-editor-actual-saved", SHOTS)
    axe.check("sheet-editor", editor, sheet_path)

    grades = page.locator("#self_grade option").all_inner_texts()
    assert grades[0] == "—" and "B" in grades, grades
    page.locator("#self_grade").select_option("B")
    page.locator("#reasons").fill(REASONS)
    page.locator("#issues").fill(ISSUES)
    page.locator("#next_direction").select_option("継続")
    screenshot(page, "1-editor-evaluation-filled", SHOTS)
    page.get_by_role("button", name="提出", exact=True).click()
    expect(page).to_have_url(f"{sheet_url}?msg=submitted")
    expect(page.get_by_role("status")).to_have_text("提出しました。")
    expect(status_of(page)).to_have_text("提出済")
    expect(page.locator("#reasons")).to_have_count(0)  # submitted: no longer editable by the editor
    screenshot(page, "1-editor-submitted", SHOTS)

    # 2. before approval the public indicator page does not show the FY2025 actual ------------------
    anon = public.page
    response = anon.goto(indicator_path)
    assert response is not None and response.status == 200
    expect(anon.locator("h1")).to_have_text(WAITING)
    expect(calculation_row(anon, FY2024)).to_have_count(1)  # the table is there, with the published actuals
    expect(calculation_row(anon, FY2024).locator("td").first).to_have_text("6人")
    expect(calculation_row(anon, FY2025)).to_have_count(0)
    screenshot(anon, "2-public-before-approval", SHOTS)

    # 3. the reviewer approves ---------------------------------------------------------------------------
    sign_in(reviewer, "shinsa", "3-reviewer-login")
    rpage = reviewer.page
    rpage.goto(sheet_path)
    expect(rpage.locator("h1")).to_have_text("子育て支援の充実")
    expect(status_of(rpage)).to_have_text("提出済")
    facts = rpage.locator("dl.facts")
    expect(facts.locator("dd")).to_have_text(["B", REASONS, ISSUES, "継続"])
    ractual = rpage.locator("table tbody tr", has=rpage.locator("th", has_text=WAITING)).locator("td").nth(2)
    expect(ractual).to_have_text(re.compile(r"^\s*2\s+下書き\s*$"))
    expect(rpage.locator(f"#value-{world_ids['waiting']}")).to_have_count(0)  # a reviewer enters no actuals
    screenshot(rpage, "3-reviewer-sheet", SHOTS)
    axe.check("sheet-reviewer", reviewer, sheet_path)
    rpage.locator("#comment").fill("確認しました。")
    rpage.locator("#confirm").check()  # approving publishes and locks: the box is ticked first
    rpage.get_by_role("button", name="承認", exact=True).click()
    expect(rpage).to_have_url(f"{sheet_url}?msg=approved")
    expect(rpage.get_by_role("status")).to_have_text("承認しました。")
    expect(status_of(rpage)).to_have_text("承認済")
    expect(rpage.locator("main > p", has_text="状況:")).to_contain_text("確認しました。")
    expect(ractual).to_have_text(re.compile(r"^\s*2\s*$"))  # published: no longer marked 下書き
    expect(rpage.get_by_role("button", name="承認", exact=True)).to_have_count(0)
    screenshot(rpage, "3-reviewer-approved", SHOTS)

    # 4. the public pages now show it ------------------------------------------------------------------
    anon.reload()
    expect(calculation_row(anon, FY2025)).to_have_count(1)
    expect(calculation_row(anon, FY2025).locator("td").first).to_have_text("2")
    expect(anon.locator("table.calculation tbody tr th[scope=row]").last).to_have_text(FY2025)
    screenshot(anon, "4-public-indicator-after-approval", SHOTS)
    response = anon.goto(f"/nodes/{world_ids['m1']}")
    assert response is not None and response.status == 200
    expect(anon.locator("h1")).to_contain_text("子育て支援の充実")
    figure = anon.locator(f"#figure-{world_ids['waiting']}")
    expect(figure.locator("svg.indicator-chart")).to_have_count(1)
    figure.locator("svg.indicator-chart").scroll_into_view_if_needed()
    assert (figure.locator("svg.indicator-chart").bounding_box() or {}).get("height", 0) > 50
    chart_row = figure.locator("table.chart-data tbody tr", has=anon.locator("th", has_text=FY2025))
    expect(chart_row.locator("td").first).to_have_text("2")  # the chart's data table has the new actual
    indicators = anon.locator("table.indicators tbody tr", has=anon.get_by_role("link", name=WAITING))
    expect(indicators.locator("td").nth(2)).to_contain_text(FY2025)  # the latest actual shown is FY2025's
    screenshot(anon, "4-public-measure-after-approval", SHOTS)

    # 5. the editor's sheet is read-only now ---------------------------------------------------------------
    page.goto(sheet_path)
    expect(status_of(page)).to_have_text("承認済")
    expect(page.locator("textarea#reasons")).to_have_count(0)
    expect(page.locator("textarea")).to_have_count(0)
    expect(page.locator("select")).to_have_count(0)
    expect(page.locator(f"#value-{world_ids['waiting']}")).to_have_count(0)
    expect(page.locator("main button")).to_have_count(2)  # only the sign-out buttons are left (here, everywhere)
    expect(page.locator("dl.facts dd")).to_have_text(["B", REASONS, ISSUES, "継続"])
    expect(actual_cell).to_have_text(re.compile(r"^\s*2\s*$"))
    screenshot(page, "5-editor-read-only", SHOTS)
    axe.check("sheet-approved", editor, sheet_path)

    # 6. axe-core: no serious or critical violations on the staff pages ----------------------------------
    assert set(axe.results) == {"login", "dashboard", "cycle", "sheet-editor", "sheet-reviewer", "sheet-approved"}
    serious = axe.serious()
    assert serious == [], "axe found serious problems:\n" + "\n".join(serious)

    # 7. nothing left 127.0.0.1; no page error on the way -----------------------------------------------
    for name, person in people.items():
        assert person.problems() == [], (name, person.problems())
    for person in people.values():
        person.context.close()
    assert requests.outside(server.url) == [], requests.outside(server.url)
    assert all(u.startswith("http://127.0.0.1:") for u in requests.urls), requests.urls
    asked = {u.removeprefix(server.url).split("?")[0] for u in requests.urls}
    assert {"/login", "/staff", sheet_path, indicator_path, "/static/style.css"} <= asked, asked
