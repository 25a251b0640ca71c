"""The budget workbook and the money it shows, in a real browser (Debian's Chromium through Playwright).

`keikaku serve` runs on 127.0.0.1 over a database holding かえで市 and its staff
(tests/cycle_helpers.make_world), without any budget yet. The admin (kikaku) follows the
dashboard's link to the budget page, uploads the example workbook, reads the preview (33 new rows,
each field before → after), stores it, and follows the notice to the public plan page. Then
施策 1's page shows its cost chart at 1280 and 390 px: chart text 11 px or more, no sideways
scroll, and axe finds nothing serious. A broken workbook shows its problems by sheet!cell.
Every request stays on 127.0.0.1.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from browser import REPO, RequestLog, Server, chromium, clean_dir, run_axe, screenshot, serve
from browser_people import Person, sign_in
from conftest import copy_of_template
from cycle_helpers import fast_hashing, make_world, node_id
from keikaku.services.plans import EXAMPLE_DIR
from keikaku.storage.database import make_engine

SHOTS = REPO / "test-artifacts" / "browser-budget"
WORKBOOK = EXAMPLE_DIR / "kaede-budget.xlsx"
MEASURE = """() => {
  const small = [];
  for (const svg of document.querySelectorAll('main svg[viewBox]')) {
    const box = svg.getBoundingClientRect();
    const vb = svg.viewBox.baseVal;
    if (!box.width || !vb || !vb.width) continue;
    const scale = box.width / vb.width;
    for (const t of svg.querySelectorAll('text')) {
      const size = parseFloat(getComputedStyle(t).fontSize) * scale;
      if (size < 11 - 0.01) small.push(`${svg.getAttribute('class')}: ${t.textContent} ${size.toFixed(1)}px`);
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, small,
          charts: document.querySelectorAll("section.cost svg.money-chart, section.cost svg.unit-cost-chart").length};
}"""


@pytest.fixture(scope="module")
def site(template_database: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, dict[str, int]]]:
    clean_dir(SHOTS)
    directory = tmp_path_factory.mktemp("browser-budget")
    with copy_of_template(template_database, prefix="keikaku_browser_budget", directory=directory) as url:
        engine = make_engine(url)
        try:
            with pytest.MonkeyPatch.context() as mp:
                fast_hashing(mp)
                world = make_world(engine, open_cycle=False)
            ids = {"plan": world.plan_id, "m1": node_id(engine, "m1")}
        finally:
            engine.dispose()
        with serve(url, log_dir=directory) as srv:
            yield srv, ids
            problems = [line for line in srv.output().splitlines() if "Traceback" in line or "ERROR" in line]
            assert not problems, srv.output()


def serious(result: dict[str, Any]) -> list[str]:
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}" for v in result["violations"]
            if v["impact"] in ("serious", "critical")]


def bad_workbook(path: Any) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "予算"
    for row in (["単位：千円"], ["年度", "事業名", "当初予算", "決算額"], [2024, "認定こども園整備事業", "未定", 100]):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    path.write_bytes(out.getvalue())


def test_upload_preview_confirm_and_the_cost_chart(site: tuple[Server, dict[str, int]], tmp_path: Any) -> None:
    server, ids = site
    requests = RequestLog()
    bad = tmp_path / "bad-budget.xlsx"
    bad_workbook(bad)
    with chromium() as browser:
        admin = Person(browser, server, requests, bypass_csp=True)  # bypassed CSP: axe runs on the POST answers too
        page = admin.page
        sign_in(admin, "kikaku", "1-sign-in", SHOTS)
        page.get_by_role("link", name=re.compile("の予算・決算$")).first.click()
        expect(page).to_have_url(re.compile(rf"/staff/plans/{ids['plan']}/budget$"))
        expect(page.locator("h1")).to_have_text("予算・決算の取り込み")

        page.get_by_label("予算ワークブック（.xlsx、5 MB まで）").set_input_files(str(bad))
        page.get_by_role("button", name="確認する").click()
        expect(page.locator("ul.budget-problems li")).to_have_text(["予算!C3: 数値ではありません: 未定"])
        expect(page.get_by_role("alert").first).to_contain_text("bad-budget.xlsx: 1 件の問題があるため、何も登録していません。")
        screenshot(page, "2-problems", SHOTS)

        page.get_by_label("予算ワークブック（.xlsx、5 MB まで）").set_input_files(str(WORKBOOK))
        page.get_by_role("button", name="確認する").click()
        expect(page.get_by_role("heading", level=2, name="登録内容の確認: kaede-budget.xlsx")).to_be_visible()
        expect(page.locator(".budget-counts")).to_have_text("新規 33 件・変更 0 件・変更なし 0 件")
        first = page.locator("table.budget-changes tbody tr").first
        expect(first.locator("th")).to_have_text("事業: 認定こども園整備事業 2023年度")
        expect(first.locator("ul.field-changes li").first).to_have_text("当初予算: — → 182,000,000円")
        expect(page.locator("table.budget-changes tbody tr")).to_have_count(33)
        screenshot(page, "3-preview", SHOTS)
        assert serious(run_axe(page)) == []

        page.get_by_role("button", name="登録する").click()
        expect(page.get_by_role("status")).to_contain_text("予算ワークブックを登録しました（新規 33 件・変更 0 件）。")
        screenshot(page, "4-stored", SHOTS)
        page.get_by_role("link", name="公開ページの事業費とコスト").click()
        expect(page.locator("h2#cost")).to_have_text("事業費とコスト")
        expect(page.locator("table.money-ranked tbody tr")).to_have_count(12)
        refused = [p for p in admin.problems() if "/budget/check" in p]  # the broken workbook's answer: 422
        assert any(p.startswith("HTTP 422 ") for p in refused)
        assert [p for p in admin.problems() if p not in refused] == []
        admin.context.close()

        for width in (1280, 390):
            reader = Person(browser, server, requests, bypass_csp=True, viewport={"width": width, "height": 900})
            response = reader.page.goto(f"/nodes/{ids['m1']}")
            assert response is not None and response.status == 200
            got = reader.page.evaluate(MEASURE)
            reader.page.locator("section.cost").scroll_into_view_if_needed()
            screenshot(reader.page, f"5-measure-cost-{width}", SHOTS)
            assert got["charts"] == 2  # cost per year, and cost per unit of the share (待機児童数 aims at a decrease)
            assert got["scrollWidth"] <= got["innerWidth"], f"{width} px scrolls sideways"
            assert got["small"] == [], f"chart text under 11 px at {width} px: {got['small'][:5]}"
            expect(reader.page.locator("#cost-years-title")).to_be_visible()
            expect(reader.page.locator("table.unit-costs").first.locator("tbody tr").nth(1)).to_contain_text("3,986,443.12")
            assert serious(run_axe(reader.page)) == [], width
            assert reader.problems() == []
            reader.context.close()
    assert requests.outside(server.url) == []
