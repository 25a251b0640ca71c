"""The staff pages of a cycle read a fixed number of SQL statements, whatever the size of the plan.

The sheet page (/staff/cycles/{id}/nodes/{node_id}) and the cycle board (/staff/cycles/{id}) once
read the whole plan, or queried once per measure; these tests count the statements (a
``before_cursor_execute`` listener) for かえで市's example plan and for a copy of it with twice the
measures, twice the indicators and projects on each measure and a node below 施策 1, and require
the same counts, exact at the service level. They also check that the sheet, which now assesses
only the indicators under its measure, shows what assessing the whole plan gives.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event, select

from cycle_helpers import PASSWORD, YEAR, fast_hashing
from keikaku.domain.assessment import assess_plan
from keikaku.services import accounts, cycle
from keikaku.services.accounts import UserInfo
from keikaku.services.plans import EXAMPLE_DIR, load_plan_file
from keikaku.storage import models as m
from keikaku.storage.database import transaction
from keikaku.storage.plan_store import read_plan
from keikaku.web.app import create_app

EXAMPLE = EXAMPLE_DIR / "kaede-comprehensive-plan.json"
BIG_KEY = "990019:comprehensive-2-doubled"

# Statements of one call, for any plan (see keikaku/storage/cycle_store.py):
SHEET_STATEMENTS = 14  # cycle, outline (4), plan, sheet, departments, indicators (3), projects, progress, user names
OVERVIEW_STATEMENTS = 11  # cycle, outline (4), sheet states, department names, last reminders, actuals entered, plan, opener
BOARD_STATEMENTS = 8  # cycle, outline (4), department names, sheet states, actuals entered
LIST_STATEMENTS = 7  # cycle, outline (4), sheet states, department names
PROJECT_ROLLUP_STATEMENTS = 26  # the measure's projects on its sheet: the cost report of the year, their sheets
PROJECT_SHEET_LIST_STATEMENTS = 4  # the board's project sheets: cycle, projects with measures, sheets, department names


def doubled_plan(path: Path) -> Path:
    """The example plan with every measure twice (its copy numbered after the last), every
    indicator and project of a measure twice on it, and a node below 施策 1 with an indicator of
    its own; written to ``path``."""
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    doc["key"] = BIG_KEY
    doc["title"] += "（倍）"
    measures = [n for n in doc["nodes"] if n["level"] == "施策"]
    last = max(int(n["number"]) for n in measures)
    copies = {}
    for k, node in enumerate(measures, 1):
        twin = copy.deepcopy(node)
        twin["id"], twin["number"], twin["title"] = f"{node['id']}-b", str(last + k), node["title"] + "（続）"
        copies[node["id"]] = twin["id"]
        doc["nodes"].append(twin)
    doc["nodes"].append({"id": "m1-1", "parent": "m1", "level": "基本事業", "number": "1-1", "title": "保育の受け皿",
                         "departments": ["保育課"]})
    indicators = []
    for ind in doc["indicators"]:
        indicators.append(ind)
        indicators.append({**copy.deepcopy(ind), "name": ind["name"] + "（再掲）"})
        if ind["node"] in copies:
            indicators.append({**copy.deepcopy(ind), "node": copies[ind["node"]]})
    indicators.append({"node": "m1-1", "name": "保育所等の定員数", "unit": "人", "direction": "increase",
                       "baseline": {"value": 2400, "year": 2019}, "target": {"value": 2800, "year": 2025},
                       "actuals": [{"year": 2023, "value": 2550}, {"year": 2024, "value": 2610}]})
    doc["indicators"] = indicators
    projects = []
    for p in doc["projects"]:
        projects += [p, {**copy.deepcopy(p), "name": p["name"] + "（第2期）"}]
        projects.append({**copy.deepcopy(p), "node": copies[p["node"]]})
    doc["projects"] = projects
    doc["actions"] += [{**copy.deepcopy(a), "node": copies[a["node"]]} for a in doc["actions"] if a["node"] in copies]
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


class Plan:
    """A stored plan with its FY2025 cycle, some actuals, a saved sheet and recorded progress."""

    def __init__(self, engine: Engine, path: Path, admin: UserInfo):
        self.engine = engine
        self.plan_id = load_plan_file(engine, path).plan_id
        self.cycle_id = cycle.open_cycle(engine, user=admin, plan=self.plan_id, year=YEAR).id
        with transaction(engine) as s:
            self.m1 = s.scalar(select(m.Node.id).where(m.Node.plan_id == self.plan_id, m.Node.key == "m1"))
            indicator_ids = s.scalars(select(m.Indicator.id).where(m.Indicator.node_id == self.m1)).all()
            project_ids = s.scalars(select(m.Project.id).where(m.Project.node_id == self.m1)).all()
        cycle.enter_actuals(engine, user=admin, plan=self.plan_id, year=YEAR, values=[(indicator_ids[0], 12)])
        cycle.record_project_progresses(engine, user=admin, cycle_id=self.cycle_id,
                                        entries=[(p, "実施", "順調") for p in project_ids])
        cycle.save_sheet(engine, user=admin, cycle_id=self.cycle_id, node_id=self.m1, version=0, self_grade="B",
                         reasons="おおむね順調", issues=None, next_direction="継続")


@pytest.fixture
def plans(engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Plan, Plan, UserInfo]:
    fast_hashing(monkeypatch)
    admin = accounts.create_user(engine, name="kikaku", role="admin", password=PASSWORD)
    small = Plan(engine, EXAMPLE, admin)
    big = Plan(engine, doubled_plan(tmp_path / "doubled.json"), admin)
    editor = accounts.create_user(engine, name="hoiku", role="editor", password=PASSWORD, departments=["保育課"])
    return small, big, editor


@contextmanager
def counting(engine: Engine) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(_conn, _cursor, statement, _parameters, _context, _executemany) -> None:  # noqa: ANN001
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def statements_of(engine: Engine, call) -> int:  # noqa: ANN001
    call()  # once first: what a warm server does
    with counting(engine) as statements:
        call()
    return len(statements)


def test_the_doubled_plan_is_bigger(plans) -> None:
    small, big, editor = plans
    for plan, measures, indicators, projects in ((small, 12, 2, 1), (big, 25, 4, 2)):
        assert len(cycle.list_sheets(plan.engine, cycle_id=plan.cycle_id)) >= measures
        view = cycle.sheet(plan.engine, user=editor, cycle_id=plan.cycle_id, node_id=plan.m1)
        assert (len(view.indicators), len(view.projects)) == (indicators, projects)
    big_view = cycle.sheet(big.engine, user=editor, cycle_id=big.cycle_id, node_id=big.m1)
    assert len(big_view.rollup.components) == 5  # its 4 indicators and the one of the node below it


def test_sheet_statements_do_not_grow_with_the_plan(plans) -> None:
    small, big, editor = plans
    counts = [statements_of(p.engine, lambda p=p: cycle.sheet(p.engine, user=editor, cycle_id=p.cycle_id, node_id=p.m1))
              for p in (small, big)]
    assert counts == [SHEET_STATEMENTS, SHEET_STATEMENTS]


def test_board_statements_do_not_grow_with_the_plan(plans) -> None:
    small, big, editor = plans
    for call, expected in (
        (lambda p: cycle.cycle_overview(p.engine, cycle_id=p.cycle_id, user=editor), OVERVIEW_STATEMENTS),
        (lambda p: cycle.progress_board(p.engine, cycle_id=p.cycle_id), BOARD_STATEMENTS),
        (lambda p: cycle.list_sheets(p.engine, cycle_id=p.cycle_id, user=editor), LIST_STATEMENTS),
    ):
        assert [statements_of(p.engine, lambda p=p: call(p)) for p in (small, big)] == [expected, expected]


def test_pages_through_http_read_the_same_statements_for_both_plans(plans) -> None:
    small, big, _editor = plans
    client = TestClient(create_app(small.engine), raise_server_exceptions=False, follow_redirects=False)
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
    assert client.post("/login", data={"name": "hoiku", "password": PASSWORD, "csrf_token": token}).status_code == 303
    session_token = client.cookies.get("keikaku_session")
    signed_in = statements_of(small.engine, lambda: accounts.session_user(small.engine, session_token))

    def page(url: str):  # noqa: ANN202
        def get() -> None:
            assert client.get(url).status_code == 200
        return get

    for p in (small, big):
        assert statements_of(p.engine, page(f"/staff/cycles/{p.cycle_id}/nodes/{p.m1}")) == (
            signed_in + SHEET_STATEMENTS + PROJECT_ROLLUP_STATEMENTS)
        assert statements_of(p.engine, page(f"/staff/cycles/{p.cycle_id}")) == (
            signed_in + OVERVIEW_STATEMENTS + PROJECT_SHEET_LIST_STATEMENTS)


@pytest.mark.parametrize("which", ["small", "big"])
def test_sheets_assess_as_the_whole_plan_does(plans, which: str) -> None:
    small, big, editor = plans
    plan = small if which == "small" else big
    with transaction(plan.engine) as s:
        doc = read_plan(s, plan=s.get(m.Plan, plan.plan_id), include_drafts=True)
        key_of = dict(s.execute(select(m.Node.id, m.Node.key).where(m.Node.plan_id == plan.plan_id)).tuples().all())
    whole = assess_plan(doc, scale="abcd", year=YEAR)
    rollups = {r.key: r for r in whole.rollups if r.kind == "node"}
    checked = 0
    for summary in cycle.list_sheets(plan.engine, cycle_id=plan.cycle_id):
        view = cycle.sheet(plan.engine, user=editor, cycle_id=plan.cycle_id, node_id=summary.node_id)
        assert view.rollup == rollups[key_of[summary.node_id]]
        own = [r for r in whole.rows if r.node == key_of[summary.node_id]]
        assert [i.row for i in view.indicators] == own
        checked += len(own)
    assert checked == len(doc.indicators)
