"""The plan editor: each operation through the service (versioned, validated, audited, indexed),
the CLI and the JSON API, on かえで市's plan (keikaku/data/example)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from typer.testing import CliRunner

from cycle_helpers import PASSWORD, RECYCLING, World, fast_hashing, indicator_id, make_world, node_id
from keikaku.cli.main import app as cli_app
from keikaku.domain.permissions import PermissionDenied
from keikaku.services import audit, browse, plans
from keikaku.services import plan_edit as pe
from keikaku.services import plan_edit_items as pi
from keikaku.storage import models as m
from keikaku.storage.database import transaction
from keikaku.web.app import create_app


@pytest.fixture
def world(engine, monkeypatch: pytest.MonkeyPatch) -> World:
    fast_hashing(monkeypatch)
    return make_world(engine, open_cycle=False)


def version(w: World) -> str:
    return pe.plan_version(w.engine, w.plan_id)


def node_row(w: World, key: str) -> tuple:
    with transaction(w.engine) as s:
        n = s.scalar(select(m.Node).where(m.Node.plan_id == w.plan_id, m.Node.key == key))
        return (n.level, n.number, n.title, [d.department.name for d in n.department_links], [x.goal for x in n.sdg_links])


def changes(w: World, kind: str) -> list[audit.Change]:
    return audit.list_changes(w.engine, object=kind)


# --- (a) nodes, departments, SDGs ------------------------------------------------------

def test_update_node_changes_fields_audits_and_moves_the_version(world: World) -> None:
    before = version(world)
    result = pe.update_node(world.engine, user=world.admin, plan=world.plan_id, version=before, node="m1",
                            title="子育て支援の推進", number="1-1", departments=["保育課", "こども家庭課"], sdgs=["3", 4, 4])
    assert node_row(world, "m1") == ("施策", "1-1", "子育て支援の推進", ["保育課", "こども家庭課"], [3, 4])
    assert result.version != before and result.version == version(world)
    entry = changes(world, "node")[0]
    assert (entry.user, entry.action, entry.object, entry.label) == ("kikaku", "update", f"node:{node_id(world.engine, 'm1')}",
                                                                     "施策 1-1 子育て支援の推進")
    assert entry.before["title"] == "子育て支援の充実" and entry.before["departments"] == ["子育て支援課", "保育課"]
    assert entry.before["sdgs"] == [1, 4, 5] and entry.before["plan_version"] == before
    assert entry.after["title"] == "子育て支援の推進" and entry.after["sdgs"] == [3, 4]
    # the version is the hash of the plan as dumped: loading the dump finds nothing to change
    assert plans.content_hash(plans.dump_plan(world.engine, world.plan_id)) == result.version
    assert plans.load_plan(world.engine, plans.dump_plan(world.engine, world.plan_id)).outcome == plans.LoadOutcome.UNCHANGED
    # the search index follows
    hits = browse.search(world.engine, "子育て支援の推進").results
    assert [h.title for h in hits if h.type == "node"] == ["施策 1-1 子育て支援の推進"]


def test_a_second_editor_gets_a_conflict_and_nothing_is_written(world: World) -> None:
    read = version(world)
    pe.update_node(world.engine, user=world.admin, plan=world.plan_id, version=read, node="m1", title="一人目")
    with pytest.raises(pe.PlanConflict) as caught:
        pe.update_node(world.engine, user=world.admin, plan=world.plan_id, version=read, node="m1", title="二人目",
                       departments=["保育課"])
    assert caught.value.attempted == {"title": "二人目", "departments": ["保育課"]}
    assert caught.value.current == version(world) and caught.value.http_status == 409
    assert node_row(world, "m1")[2:4] == ("一人目", ["子育て支援課", "保育課"])
    assert len(changes(world, "node")) == 1


def test_only_the_planning_division_edits(world: World) -> None:
    for user in (world.hoiku, world.reviewer, world.viewer):
        with pytest.raises(PermissionDenied):
            pe.update_node(world.engine, user=user, plan=world.plan_id, version=version(world), node="m1", title="x")
    assert node_row(world, "m1")[2] == "子育て支援の充実"


@pytest.mark.parametrize(("kwargs", "code", "field"), [
    ({"title": "  "}, "missing", "title"),
    ({"title": "x" * 501}, "too_long", "title"),
    ({"sdgs": [18]}, "bad_sdg", "sdgs"),
    ({"sdgs": ["SDG3"]}, "bad_sdg", "sdgs"),
    ({"level": ""}, "missing", "level"),
    ({"departments": ["課\x00"]}, "bad_text", "departments"),
])
def test_bad_node_input_is_refused_with_a_reason(world: World, kwargs: dict, code: str, field: str) -> None:
    read = version(world)
    with pytest.raises(pe.ValidationFailed) as caught:
        pe.update_node(world.engine, user=world.admin, plan=world.plan_id, version=read, node="m1", **kwargs)
    assert (caught.value.code, caught.value.field) == (code, field)
    assert " / " in str(caught.value)  # Japanese / English
    assert version(world) == read and changes(world, "node") == []


def test_bulk_department_assignment(world: World) -> None:
    pe.assign_departments(world.engine, user=world.admin, plan=world.plan_id, version=version(world),
                          nodes=["m1", "m2", node_id(world.engine, "m1")], departments=["企画政策課", "保育課"])
    assert node_row(world, "m1")[3] == ["子育て支援課", "保育課", "企画政策課"]
    assert node_row(world, "m2")[3] == ["教育総務課", "指導課", "企画政策課", "保育課"]
    pe.assign_departments(world.engine, user=world.admin, plan=world.plan_id, version=version(world), nodes=["m3"],
                          departments=["文化振興課"], replace=True)
    assert node_row(world, "m3")[3] == ["文化振興課"]
    assert [c.label for c in changes(world, "node")] == ["施策 3 生涯学習の推進", "施策 2 学校教育の充実", "施策 1 子育て支援の充実"]


# --- (b) indicators ---------------------------------------------------------------------

def test_update_indicator_fields_and_interim_targets(world: World) -> None:
    pi.update_indicator(world.engine, user=world.admin, plan=world.plan_id, version=version(world), indicator=RECYCLING,
                        target_value="３５．５", target_year="2030", baseline_value=27, baseline_year=2020, unit="%",
                        direction="increase", interim_targets=[(2027, "31"), (2025, 29.5)])
    with transaction(world.engine) as s:
        row = s.get(m.Indicator, indicator_id(world.engine, RECYCLING))
        assert (row.baseline_value, row.baseline_year, row.baseline_text) == (27, 2020, "27%")
        assert (row.target_value, row.target_year, row.target_text) == (35.5, 2030, "35.5%")
        assert [(t.year, t.value, t.text) for t in row.interim_targets] == [(2025, 29.5, "29.5%"), (2027, 31, "31%")]
        assert len(row.observations) == 4  # actuals untouched
    entry = changes(world, "indicator")[0]
    assert (entry.before["target_value"], entry.before["target_year"]) == (32.0, 2025)
    assert entry.before["interim_targets"] == [{"year": 2023, "value": 30.0, "text": "30%"}] or \
        entry.before["interim_targets"][0]["year"] == 2023
    assert (entry.after["target_value"], entry.after["target_year"]) == (35.5, 2030)


@pytest.mark.parametrize(("kwargs", "code"), [
    ({"target_value": "たくさん"}, "bad_number"), ({"target_year": 1800}, "bad_year"),
    ({"direction": "up"}, "bad_choice"), ({"target_value": "1e16"}, "bad_number"), ({"name": ""}, "missing"),
])
def test_bad_indicator_input(world: World, kwargs: dict, code: str) -> None:
    with pytest.raises(pe.ValidationFailed) as caught:
        pi.update_indicator(world.engine, user=world.admin, plan=world.plan_id, version=version(world),
                            indicator=RECYCLING, **kwargs)
    assert caught.value.code == code


def test_deleting_an_indicator_with_actuals_needs_confirmation(world: World) -> None:
    ind = indicator_id(world.engine, RECYCLING)
    with pytest.raises(pe.DeleteNeedsConfirmation) as caught:
        pi.delete_indicator(world.engine, user=world.admin, plan=world.plan_id, version=version(world), indicator=ind)
    assert caught.value.usage["actuals"] == 4
    pi.delete_indicator(world.engine, user=world.admin, plan=world.plan_id, version=version(world), indicator=ind,
                        confirm=True)
    with transaction(world.engine) as s:
        assert s.get(m.Indicator, ind) is None
        assert s.scalar(select(m.SearchEntry).where(m.SearchEntry.kind == "indicator", m.SearchEntry.ref_id == ind)) is None
    assert changes(world, "indicator")[0].before["actuals"] == 4


# --- (c) add, move, delete nodes --------------------------------------------------------

def keys_in_order(w: World) -> list[tuple[str, str | None]]:
    with transaction(w.engine) as s:
        rows = s.scalars(select(m.Node).where(m.Node.plan_id == w.plan_id).order_by(m.Node.position)).all()
        key = {r.id: r.key for r in rows}
        return [(r.key, key.get(r.parent_id)) for r in rows]


def test_add_move_and_delete_nodes(world: World) -> None:
    added = pe.add_node(world.engine, user=world.admin, plan=world.plan_id, version=version(world), parent="p1",
                        level="施策", number="1-2", title="放課後の居場所づくり", index=1, departments=["子育て支援課"])
    new_key = added.changed[0]["key"]
    assert keys_in_order(world)[9:12] == [("m1", "p1"), (new_key, "p1"), ("m2", "p1")]
    pe.move_node(world.engine, user=world.admin, plan=world.plan_id, version=version(world), node=new_key, parent="p2",
                 index=0)
    assert keys_in_order(world)[9:13] == [("m1", "p1"), ("m2", "p1"), (new_key, "p2"), ("m3", "p2")]
    with pytest.raises(pe.ValidationFailed) as caught:
        pe.move_node(world.engine, user=world.admin, plan=world.plan_id, version=version(world), node="g1", parent="m1")
    assert caught.value.code == "cycle"
    pe.delete_node(world.engine, user=world.admin, plan=world.plan_id, version=version(world), node=new_key)
    assert new_key not in [k for k, _ in keys_in_order(world)]
    assert [c.action for c in changes(world, "node")] == ["delete", "move", "create"]
    doc = plans.dump_plan(world.engine, world.plan_id)
    assert plans.load_plan(world.engine, doc).outcome == plans.LoadOutcome.UNCHANGED


def test_deleting_a_node_with_actuals_is_refused_unless_confirmed(world: World) -> None:
    read = version(world)
    with pytest.raises(pe.DeleteNeedsConfirmation) as caught:
        pe.delete_node(world.engine, user=world.admin, plan=world.plan_id, version=read, node="p5")
    assert caught.value.usage == {"actuals": 14, "sheets": 0, "progress": 0} or caught.value.usage["actuals"] > 0
    assert version(world) == read
    pe.delete_node(world.engine, user=world.admin, plan=world.plan_id, version=read, node="p5", confirm=True)
    keys = [k for k, _ in keys_in_order(world)]
    assert "p5" not in keys and "m9" not in keys and "m10" not in keys
    entry = changes(world, "node")[0]
    assert (entry.action, entry.label, entry.before["descendants"]) == ("delete", "政策 5 産業の活性化と環境の保全", 2)
    assert plans.load_plan(world.engine, plans.dump_plan(world.engine, world.plan_id)).outcome == plans.LoadOutcome.UNCHANGED


# --- (d), (e) texts, projects, actions, links ------------------------------------------

def test_sections_projects_actions_and_links(world: World) -> None:
    v = version(world)
    v = pi.set_sections(world.engine, user=world.admin, plan=world.plan_id, version=v, node="m1",
                        sections=[("現況と課題", "待機児童は減った。"), ("", "")]).version
    assert node_row(world, "m1")[2] == "子育て支援の充実"
    detail = plans.node_detail(world.engine, world.plan_id, "m1")
    assert [(s.heading, s.text) for s in detail.node.sections] == [("現況と課題", "待機児童は減った。")]
    r = pi.save_project(world.engine, user=world.admin, plan=world.plan_id, version=v, node="m1", name="一時預かり拡充事業",
                        department="保育課", stages={2025: "検討", "2026": "実施", 2027: ""})
    project = r.changed[0]["id"]
    assert r.changed[0]["stages"] == {"2025": "検討", "2026": "実施"}
    r = pi.save_project(world.engine, user=world.admin, plan=world.plan_id, version=r.version, project=project,
                        stages={2026: "拡充"})
    assert r.changed[0]["stages"] == {"2026": "拡充"} and r.changed[0]["department"] == "保育課"
    r = pi.save_action(world.engine, user=world.admin, plan=world.plan_id, version=r.version, node="m1", number="(3)",
                       title="相談体制の強化", items=["窓口の一本化", ""])
    assert r.changed[0]["items"] == ["窓口の一本化"]
    r = pi.add_link(world.engine, user=world.admin, plan=world.plan_id, version=r.version, node="x1",
                    type="cross_cutting", target_plan=None, target_node="m2")
    link = r.changed[0]["id"]
    with pytest.raises(pe.ValidationFailed):
        pi.add_link(world.engine, user=world.admin, plan=world.plan_id, version=r.version, node="x1",
                    type="cross_cutting", target_plan=None, target_node="nope")
    r = pi.delete_link(world.engine, user=world.admin, plan=world.plan_id, version=r.version, link=link)
    r = pi.delete_project(world.engine, user=world.admin, plan=world.plan_id, version=r.version, project=project)
    assert [c.object.split(":")[0] for c in audit.list_changes(world.engine, limit=8)[:6]] == [
        "project", "node_link", "node_link", "action", "project", "project"]
    assert plans.load_plan(world.engine, plans.dump_plan(world.engine, world.plan_id)).outcome == plans.LoadOutcome.UNCHANGED


# --- CLI ----------------------------------------------------------------------------------

def test_cli_node_and_indicator_update(world: World, database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEIKAKU_DATABASE_URL", database_url)
    monkeypatch.setenv("KEIKAKU_LANG", "ja")
    runner = CliRunner(env={"COLUMNS": "200"})
    key = "990019:comprehensive-2"
    r = runner.invoke(cli_app, ["node", "update", key, "m1", "--title", "子育て応援", "-d", "保育課", "--sdg", "3",
                                "--user", "kikaku"])
    assert r.exit_code == 0, r.output
    assert r.output.startswith("保存しました: m1 (計画の版 ")
    assert node_row(world, "m1")[2:] == ("子育て応援", ["保育課"], [3])
    r = runner.invoke(cli_app, ["indicator", "update", key, RECYCLING, "--target", "40", "--target-year", "2030",
                                "--direction", "increase", "--interim", "2027=35", "--user", "kikaku"])
    assert r.exit_code == 0, r.output
    with transaction(world.engine) as s:
        row = s.get(m.Indicator, indicator_id(world.engine, RECYCLING))
        assert (row.target_value, row.target_year, [(t.year, t.value) for t in row.interim_targets]) == (40, 2030, [(2027, 35)])
    r = runner.invoke(cli_app, ["node", "update", key, "m1", "--title", "x", "--user", "hoiku"])
    assert r.exit_code == 2 and "may not edit_plan" in r.output
    r = runner.invoke(cli_app, ["node", "update", key, "m1", "--title", "x", "--user", "kikaku", "--expect-version", "0" * 64])
    assert r.exit_code == 2 and "nothing was saved" in r.output
    r = runner.invoke(cli_app, ["node", "delete", key, "p5", "--user", "kikaku"])
    assert r.exit_code == 2 and "confirm" in r.output
    r = runner.invoke(cli_app, ["node", "add", key, "--parent", "p1", "--level", "施策", "--title", "新しい施策", "--user", "kikaku"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(cli_app, ["node", "assign", key, "m1", "m2", "-d", "企画政策課", "--user", "kikaku"])
    assert r.exit_code == 0, r.output
    assert node_row(world, "m2")[3] == ["教育総務課", "指導課", "企画政策課"]


# --- JSON API -----------------------------------------------------------------------------

def api_client(w: World, name: str) -> tuple[TestClient, str]:
    c = TestClient(create_app(w.engine))
    token = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/login").text).group(1)
    assert c.post("/login", data={"name": name, "password": PASSWORD, "csrf_token": token},
                  follow_redirects=False).status_code == 303
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/staff").text).group(1)
    return c, csrf


def test_api_edits_with_version_csrf_and_permissions(world: World) -> None:
    c, csrf = api_client(world, "kikaku")
    plan = c.get(f"/api/v1/editor/plans/{world.plan_id}").json()
    m1 = next(n for n in plan["nodes"] if n["key"] == "m1")
    url = f"/api/v1/editor/plans/{world.plan_id}/nodes/{m1['id']}"
    assert c.patch(url, json={"version": plan["version"], "title": "X"}).status_code == 403  # no CSRF header
    r = c.patch(url, json={"version": plan["version"], "departments": ["保育課"], "sdgs": [4]}, headers={"X-CSRF-Token": csrf})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["changed"][0]["departments"] == ["保育課"] and body["changed"][0]["title"] == "子育て支援の充実"
    stale = c.patch(url, json={"version": plan["version"], "title": "Y"}, headers={"X-CSRF-Token": csrf})
    assert stale.status_code == 409
    assert stale.json()["current_version"] == body["version"] and stale.json()["attempted"] == {"title": "Y"}
    bad = c.patch(url, json={"version": body["version"], "sdgs": [99]}, headers={"X-CSRF-Token": csrf})
    assert (bad.status_code, bad.json()["code"], bad.json()["field"]) == (422, "bad_sdg", "sdgs")
    ind = indicator_id(world.engine, RECYCLING)
    r = c.patch(f"/api/v1/editor/plans/{world.plan_id}/indicators/{ind}", headers={"X-CSRF-Token": csrf},
                json={"version": body["version"], "target_value": 33, "interim_targets": [{"year": 2027, "value": 31}]})
    assert r.status_code == 200 and r.json()["changed"][0]["target_value"] == 33
    assert r.json()["changed"][0]["interim_targets"] == [{"year": 2027, "value": 31, "text": "31%"}]
    r2 = c.delete(f"/api/v1/editor/plans/{world.plan_id}/nodes/{m1['id']}", params={"version": r.json()["version"]},
                  headers={"X-CSRF-Token": csrf})
    assert r2.status_code == 409 and r2.json()["error"] == "DeleteNeedsConfirmation"
    paths = c.get("/api/v1/openapi.json").json()["paths"]
    assert "patch" in paths["/api/v1/editor/plans/{plan_id}/indicators/{indicator_id}"]
    editor, editor_csrf = api_client(world, "hoiku")
    assert editor.get(f"/api/v1/editor/plans/{world.plan_id}").status_code == 403
    assert editor.patch(url, json={"version": r.json()["version"], "title": "Z"},
                        headers={"X-CSRF-Token": editor_csrf}).status_code == 403
    assert TestClient(create_app(world.engine)).get(f"/api/v1/editor/plans/{world.plan_id}").status_code == 401


def test_staff_pages_keep_the_input_on_conflict(world: World) -> None:
    c, csrf = api_client(world, "kikaku")
    page = c.get(f"/staff/plans/{world.plan_id}/edit").text
    read = re.search(r'name="version" value="([^"]+)"', page).group(1)
    m1 = node_id(world.engine, "m1")
    pe.update_node(world.engine, user=world.admin, plan=world.plan_id, version=read, node="m1", title="先に保存")
    r = c.post(f"/staff/plans/{world.plan_id}/edit/nodes/{m1}",
               data={"csrf_token": csrf, "version": read, "level": "施策", "number": "1", "title": "後から保存",
                     "departments": "保育課", "sdg": ["3"]})
    assert r.status_code == 409
    assert 'value="後から保存"' in r.text and "先に保存" in r.text
    assert node_row(world, "m1")[2] == "先に保存"
    r = c.post(f"/staff/plans/{world.plan_id}/edit/departments",
               data={"csrf_token": csrf, "version": version(world), "node": [str(m1)], "departments": "企画政策課"},
               follow_redirects=False)
    assert r.status_code == 303
    assert node_row(world, "m1")[3] == ["子育て支援課", "保育課", "企画政策課"]
