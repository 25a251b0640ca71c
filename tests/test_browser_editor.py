"""The plan editor in a real browser, on a real imported plan (the seed 002: 小金井市基本計画).

Imported plans have no departments. The planning division (kikaku) gives 施策 20 a department
in the editor; an editor of that department (kyodo) can then enter the measure's actual in an
evaluation cycle. A second test plays two admins on one node: the second, who read the page
before the first saved, gets the conflict page with their text kept and the stored values shown.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from sqlalchemy import Engine, select

from browser import (  # noqa: F401 - browser_fixture: the module's Chromium
    REPO, RequestLog, Server, browser_fixture, database_fixture, new_context, screenshot, server_fixture,
)
from browser_people import log_in, stored_fixture
from conftest import SEEDS
from cycle_helpers import PASSWORD, fast_hashing
from keikaku.services import accounts, cycle
from keikaku.services.importing import import_file
from keikaku.storage import models as m
from keikaku.storage.database import make_engine, transaction

SHOTS = REPO / "test-artifacts" / "browser-editor"
NODE_KEY = "2.20"  # 施策 20 協働のまちづくりの推進
INDICATOR = "市民協働支援センター準備室の相談件数"
DEPARTMENT = "コミュニティ文化課"
YEAR = 2018


def koganei(engine: Engine) -> dict[str, Any]:
    """Koganei's 4th basic plan (seed 002) and two admins."""
    import_file(engine, next(Path(SEEDS).glob("002_*.txt")))
    admin = accounts.create_user(engine, name="kikaku", role="admin", password=PASSWORD)
    accounts.create_user(engine, name="kikaku2", role="admin", password=PASSWORD)
    with transaction(engine) as s:
        plan = s.scalars(select(m.Plan)).one()
        node = s.scalar(select(m.Node).where(m.Node.plan_id == plan.id, m.Node.key == NODE_KEY))
        ind = s.scalar(select(m.Indicator).where(m.Indicator.node_id == node.id, m.Indicator.name == INDICATOR))
        assert node.department_links == [] and node.title == "協働のまちづくりの推進"
        return {"plan": plan.id, "node": node.id, "indicator": ind.id, "admin": admin, "muni": plan.municipality.code}


database = database_fixture("database", "browser_editor")
ids = stored_fixture("ids", "database", koganei)
server = server_fixture("database", after=("ids",), shots=SHOTS)


def person(browser: Any, server: Server, requests: RequestLog, name: str) -> Any:
    page = new_context(browser, server, requests).new_page()
    log_in(page, server.url, name)
    return page


def test_department_given_in_the_editor_lets_its_editor_enter_an_actual(browser: Any, server: Server, database: str,
                                                                       ids: dict[str, Any]) -> None:
    requests = RequestLog()
    admin = person(browser, server, requests, "kikaku")
    admin.get_by_role("link", name="小金井市基本計画", exact=True).last.click()
    expect(admin.locator("h1")).to_contain_text("計画の編集")
    admin.get_by_role("link", name="施策 20 協働のまちづくりの推進").click()
    expect(admin.locator("h1")).to_contain_text("施策 20 協働のまちづくりの推進")
    admin.locator("#departments").fill(DEPARTMENT)
    admin.locator("#node-form input[name=sdg][value='17']").check()
    admin.locator("#node-form button[type=submit]").click()
    expect(admin.locator("p.notice")).to_have_text("保存しました。")
    expect(admin.locator("#departments")).to_have_value(DEPARTMENT)
    screenshot(admin, "01-department-saved", SHOTS)

    engine = make_engine(database)
    try:
        with transaction(engine) as s:
            node = s.get(m.Node, ids["node"])
            assert ([d.department.name for d in node.department_links], [g.goal for g in node.sdg_links]) == ([DEPARTMENT], [17])
        with pytest.MonkeyPatch.context() as mp:
            fast_hashing(mp)
            accounts.create_user(engine, name="kyodo", role="editor", password=PASSWORD, departments=[DEPARTMENT],
                                 municipality=ids["muni"])
        opened = cycle.open_cycle(engine, user=ids["admin"], plan=ids["plan"], year=YEAR)
    finally:
        engine.dispose()

    editor = person(browser, server, requests, "kyodo")
    editor.goto(f"/staff/cycles/{opened.id}/nodes/{ids['node']}")
    field = editor.locator(f"#value-{ids['indicator']}")
    field.fill("42")
    editor.get_by_role("button", name="実績値を保存").click()
    expect(editor.locator(f"#value-{ids['indicator']}")).to_have_value("42")
    screenshot(editor, "02-actual-entered", SHOTS)
    engine = make_engine(database)
    try:
        with transaction(engine) as s:
            obs = s.scalar(select(m.Observation).where(m.Observation.indicator_id == ids["indicator"],
                                                       m.Observation.year == YEAR))
            assert (obs.value, obs.status) == (42, "draft")
    finally:
        engine.dispose()
    assert requests.outside(server.url) == []


def test_second_editor_gets_the_conflict_page_with_their_text(browser: Any, server: Server, ids: dict[str, Any]) -> None:
    requests = RequestLog()
    first = person(browser, server, requests, "kikaku")
    second = person(browser, server, requests, "kikaku2")
    url = f"/staff/plans/{ids['plan']}/edit/nodes/{ids['node']}"
    first.goto(url)
    second.goto(url)  # both read the same version
    first.locator("#title").fill("協働のまちづくりの推進（一人目）")
    first.locator("#node-form button[type=submit]").click()
    expect(first.locator("p.notice")).to_have_text("保存しました。")
    second.locator("#title").fill("協働によるまちづくり（二人目）")
    second.locator("#node-form button[type=submit]").click()
    expect(second.locator("#edit-error")).to_contain_text("他の人が先にこの計画を変更しました")
    expect(second.locator("#title")).to_have_value("協働によるまちづくり（二人目）")
    expect(second.locator("#stored")).to_contain_text("協働のまちづくりの推進（一人目）")
    screenshot(second, "03-conflict", SHOTS)
    # saving again, having seen both, stores the second text
    second.locator("#node-form button[type=submit]").click()
    expect(second.locator("p.notice")).to_have_text("保存しました。")
    expect(second.locator("#title")).to_have_value("協働によるまちづくり（二人目）")
    assert requests.outside(server.url) == []
