"""Re-importing a corrected edition: the matcher, the change set, in-place correction keeping ids, revisions, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from typer.testing import CliRunner

from cycle_helpers import fast_hashing
from keikaku.cli.main import app
from keikaku.domain import planfile as pf
from keikaku.domain.matching import change_set, match_plans
from keikaku.services import audit, revise
from keikaku.services.plans import LoadOutcome, dump_plan, load_plan
from keikaku.storage import models as m
from keikaku.storage.database import transaction
from revise_helpers import (
    ACTUAL, INDICATOR, NEW_TITLE, OLD_TITLE, YEAR, actual_of, corrected, ids, store_seed, without_measure_20_indicator,
    write_edition,
)


@pytest.fixture(autouse=True)
def _fast(monkeypatch: pytest.MonkeyPatch) -> None:
    fast_hashing(monkeypatch)


# --- the matcher -----------------------------------------------------------------------------

def plan(nodes: list[dict], indicators: list[dict] = (), projects: list[dict] = ()) -> pf.PlanDocument:  # type: ignore[assignment]
    return pf.parse_plan_document({"title": "テスト計画", "kind": "basic_plan", "nodes": nodes,
                                   "indicators": list(indicators), "projects": list(projects)})


def node(id_: str, number: str | None, title: str, parent: str | None = None, level: str = "施策") -> dict:
    return {"id": id_, "parent": parent, "level": level, "number": number, "title": title}


def test_nodes_pair_by_numbering_path_then_title_then_position() -> None:
    old = plan([node("a", "1", "まちづくり", level="分野"), node("a1", "1", "協働の推進", "a"), node("a2", "2", "防災", "a"),
                node("x", None, "計画の推進体制", level="章"), node("y", None, "持続可能な財政運営", level="章")])
    new = plan([node("A", "1", "まちづくり", level="分野"), node("A1", "１", "市民協働の推進", "A"),  # number folded (NFKC)
                node("A9", "9", "防災", "A"),  # renumbered: same title
                node("Y", None, "持続可能な財政の運営", level="章"), node("Z", None, "行政改革", level="章")])
    pairs = match_plans(old, new).nodes
    # by path: 1 and 1›1; by title: 防災 (renumbered), 財政運営 (similar); by position: 行政改革 ↔ 計画の推進体制
    assert pairs == {0: 0, 1: 1, 2: 2, 3: 4, 4: 3}


def test_indicators_and_projects_pair_under_their_node_by_name_similarity_and_position() -> None:
    nodes = [node("a", "1", "協働の推進"), node("b", "2", "防災")]
    old = plan(nodes, [{"node": "a", "name": "相談件数"}, {"node": "a", "name": "ボランティア登録者数"},
                       {"node": "b", "name": "防災訓練の参加者数"}, {"node": None, "name": "人口"}],
               [{"node": "a", "name": "センター整備"}, {"node": "b", "name": "備蓄の充実"}])
    new = plan(nodes, [{"node": "a", "name": "ボランティア登録者数（人）"}, {"node": "a", "name": "相談件数"},
                       {"node": "b", "name": "自主防災組織の数"}, {"node": None, "name": "人口"},
                       {"node": "a", "name": "防災訓練の参加者数"}],  # moved from b to a: the same name elsewhere
               [{"node": "b", "name": "備蓄の充実"}, {"node": "a", "name": "センターの整備"}])
    pairing = match_plans(old, new)
    assert pairing.indicators == {0: 1, 1: 0, 3: 3, 4: 2}
    assert pairing.projects == {0: 1, 1: 0}
    changes = change_set(old, new, pairing)
    assert [(c.kind, c.name) for c in changes.added] == [("indicator", "自主防災組織の数")]
    assert changes.removed == ()
    assert [(c.kind, c.name, [(f.field, f.before, f.after) for f in c.fields]) for c in changes.changed] == [
        ("indicator", "ボランティア登録者数（人）", [("name", "ボランティア登録者数", "ボランティア登録者数（人）")]),
        ("indicator", "防災訓練の参加者数", [("node", "2", "1")]),
        ("project", "センターの整備", [("name", "センター整備", "センターの整備")]),
    ]


def test_change_set_lists_figures_of_added_removed_and_changed() -> None:
    nodes = [node("a", "1", "協働の推進")]
    old = plan(nodes, [{"node": "a", "name": "相談件数", "unit": "件", "target": {"value": 100, "year": 2020, "text": "100件"}},
                       {"node": "a", "name": "登録団体数", "baseline": {"value": 40, "year": 2014}}])
    new = plan(nodes + [node("b", "2", "防災")],
               [{"node": "a", "name": "相談件数", "unit": "件", "target": {"value": 120, "year": 2020, "text": "120件"}}])
    data = change_set(old, new).to_json()
    assert data == {
        "added": [{"kind": "node", "level": "施策", "number": "2", "name": "防災", "fields": [
            {"field": "level", "before": None, "after": "施策"}, {"field": "number", "before": None, "after": "2"},
            {"field": "title", "before": None, "after": "防災"}]}],
        "removed": [{"kind": "indicator", "level": None, "number": "1", "name": "登録団体数", "fields": [
            {"field": "name", "before": "登録団体数", "after": None},
            {"field": "baseline.value", "before": 40, "after": None}, {"field": "baseline.year", "before": 2014, "after": None}]}],
        "changed": [{"kind": "indicator", "level": None, "number": "1", "name": "相談件数", "fields": [
            {"field": "target.value", "before": 100, "after": 120}, {"field": "target.text", "before": "100件", "after": "120件"}]}],
    }


# --- in place --------------------------------------------------------------------------------

def test_corrected_seed_in_place_keeps_ids_and_the_entered_actual(engine: Engine, seeds: Path, tmp_path: Path) -> None:
    stored = store_seed(engine, seeds)
    before = ids(engine, stored.plan_id)
    doc = revise.extract_edition(write_edition(seeds, tmp_path, corrected))
    shown = revise.preview(engine, stored.plan_id, doc)
    assert shown.to_json()["added"] == [] and shown.to_json()["removed"] == [] and shown.losses == []
    assert [(c["kind"], c["number"], c["name"], c.get("id"), [(f["field"], f["before"], f["after"]) for f in c["fields"]])
            for c in shown.to_json()["changed"]] == [
        ("node", "20", NEW_TITLE, stored.node_id, [("title", OLD_TITLE, NEW_TITLE)]),
        ("indicator", "20", INDICATOR, stored.indicator_id, [("target.value", 100, 120), ("target.text", "100件", "120件")]),
    ]
    with transaction(engine) as s:  # the preview wrote nothing
        assert s.scalar(select(m.Node.title).where(m.Node.id == stored.node_id)) == OLD_TITLE

    result = revise.correct_in_place(engine, stored.plan_id, doc, user_name="kikaku")
    assert (result.plan_id, result.outcome) == (stored.plan_id, LoadOutcome.UPDATED)
    after = ids(engine, stored.plan_id)
    assert after["nodes"] == before["nodes"] and after["indicators"] == before["indicators"]
    assert after["projects"] == before["projects"]
    assert actual_of(engine, stored.indicator_id) == (ACTUAL, "draft")
    with transaction(engine) as s:
        assert s.scalar(select(m.Node.title).where(m.Node.id == stored.node_id)) == NEW_TITLE
        assert s.execute(select(m.Indicator.target_value, m.Indicator.target_text)
                         .where(m.Indicator.id == stored.indicator_id)).one() == (120, "120件")
        assert s.scalar(select(func.count()).select_from(m.Plan)) == 1
        assert s.scalar(select(func.count()).select_from(m.EvaluationCycle)) == 1
        entries = s.execute(select(m.SearchEntry.kind, m.SearchEntry.ref_id, m.SearchEntry.title)
                            .where(m.SearchEntry.plan_id == stored.plan_id, m.SearchEntry.kind == "node",
                                   m.SearchEntry.ref_id == stored.node_id)).all()
        assert entries == [("node", stored.node_id, f"施策 20 {NEW_TITLE}")]
    dumped = dump_plan(engine, stored.plan_id)
    assert next(n.title for n in dumped.nodes if n.id == "2.20") == NEW_TITLE
    assert next(i.actuals for i in dumped.indicators if i.name == INDICATOR) == [pf.Actual(year=YEAR, value=ACTUAL, status="draft")]
    [entry] = audit.list_changes(engine, object="plan_correction")
    assert (entry.object, entry.action, entry.user) == (f"plan_correction:{stored.plan_id}", "correct", "kikaku")
    assert entry.after["changed"] == [f"node 施策 20 {NEW_TITLE}: title", f"indicator 20 {INDICATOR}: target.value, target.text"]
    # the same edition again changes nothing
    assert revise.correct_in_place(engine, stored.plan_id, doc).outcome is LoadOutcome.UNCHANGED


def test_removal_that_orphans_an_actual_is_refused_unless_confirmed(engine: Engine, seeds: Path, tmp_path: Path) -> None:
    stored = store_seed(engine, seeds)
    doc = revise.extract_edition(write_edition(seeds, tmp_path, without_measure_20_indicator))
    shown = revise.preview(engine, stored.plan_id, doc)
    assert [(c["kind"], c["name"], c["id"]) for c in shown.to_json()["removed"]] == [("indicator", INDICATOR, stored.indicator_id)]
    assert [x.to_json() for x in shown.losses] == [
        {"kind": "indicator", "id": stored.indicator_id, "label": f"20 {INDICATOR}", "what": "actuals", "count": 1}]
    with pytest.raises(revise.OrphaningRefused, match="entered actuals 1"):
        revise.correct_in_place(engine, stored.plan_id, doc)
    assert actual_of(engine, stored.indicator_id) == (ACTUAL, "draft")  # nothing was written
    assert audit.list_changes(engine, object="plan_correction") == []
    revise.correct_in_place(engine, stored.plan_id, doc, confirm=True)
    assert actual_of(engine, stored.indicator_id) is None
    [entry] = audit.list_changes(engine, object="plan_correction")
    assert (entry.action, entry.user, entry.before["orphaned"]) == ("orphan", None, [x.to_json() for x in shown.losses])


def test_plain_reload_keeps_ids_and_refuses_to_drop_a_sheet(engine: Engine) -> None:
    from keikaku.services import accounts, cycle
    from keikaku.services.plans import EXAMPLE_DIR, read_plan_file

    doc = read_plan_file(EXAMPLE_DIR / "kaede-comprehensive-plan.json")
    first = load_plan(engine, doc)
    before = ids(engine, first.plan_id)
    admin = accounts.create_user(engine, name="kikaku", role="admin", password="correct horse battery staple")
    opened = cycle.open_cycle(engine, user=admin, plan=first.plan_id, year=2025)
    m1 = before["nodes"]["m1"]
    cycle.save_sheet(engine, user=admin, cycle_id=opened.id, node_id=m1, version=0, self_grade="B", reasons="順調",
                     issues=None, next_direction=None)
    retitled = doc.model_copy(update={"nodes": [n.model_copy(update={"title": n.title + "（改）"}) if n.id == "m2" else n
                                                for n in doc.nodes]})
    assert load_plan(engine, retitled).outcome is LoadOutcome.UPDATED
    assert ids(engine, first.plan_id) == before
    gone = [n.id for n in doc.nodes if n.id == "m1" or n.parent == "m1"]
    removed = doc.model_copy(update={
        "nodes": [n for n in doc.nodes if n.id not in gone],
        "indicators": [i for i in doc.indicators if i.node not in gone],
        "projects": [p for p in doc.projects if p.node not in gone],
        "actions": [a for a in doc.actions if a.node not in gone],
        "roles": [r for r in doc.roles if r.node not in gone],
        "links": [x for x in doc.links if x.source not in gone and x.target.node not in gone],
        "individual_plans": [r for r in doc.individual_plans if r.node not in gone]})
    with pytest.raises(revise.OrphaningRefused, match="evaluation sheets 1"):
        load_plan(engine, removed)
    load_plan(engine, removed, confirm_orphans=True)
    with transaction(engine) as s:
        assert s.scalar(select(func.count()).select_from(m.EvaluationSheet)) == 0
        assert s.get(m.Node, before["nodes"]["m2"]) is not None


def test_as_revision_stores_a_second_plan_linked_to_the_first(engine: Engine, seeds: Path, tmp_path: Path) -> None:
    stored = store_seed(engine, seeds)
    doc = revise.extract_edition(write_edition(seeds, tmp_path, corrected))
    result = revise.store_as_revision(engine, stored.plan_id, doc)
    assert result.plan_id != stored.plan_id and result.outcome is LoadOutcome.CREATED
    with transaction(engine) as s:
        first, second = s.get(m.Plan, stored.plan_id), s.get(m.Plan, result.plan_id)
        assert second.revision_of_key == first.key and second.key.startswith(first.key + "@")
    assert revise.store_as_revision(engine, stored.plan_id, doc).outcome is LoadOutcome.UNCHANGED  # never a duplicate


# --- the command -----------------------------------------------------------------------------

runner = CliRunner(env={"COLUMNS": "200"})


def test_cli_previews_then_corrects_in_place_or_stores_a_revision(cli_env: str, seeds: Path, tmp_path: Path) -> None:
    from keikaku.storage.database import make_engine

    engine = make_engine(cli_env)
    stored = store_seed(engine, seeds)
    path = write_edition(seeds, tmp_path, corrected)
    shown = runner.invoke(app, ["import", str(path), "--into", str(stored.plan_id), "--format", "json"])
    assert shown.exit_code == 0, shown.output
    data = json.loads(shown.stdout)
    assert (data["added"], data["removed"], [c["kind"] for c in data["changed"]]) == ([], [], ["node", "indicator"])
    assert data["changed"][1]["fields"][0] == {"field": "target.value", "before": 100, "after": 120}
    text = runner.invoke(app, ["import", str(path), "--into", str(stored.plan_id)])
    assert text.exit_code == 0, text.output
    assert f"~ [変更] node 施策 20 {NEW_TITLE}\n    title: {OLD_TITLE} → {NEW_TITLE}\n" in text.stdout
    assert "    target.value: 100 → 120\n" in text.stdout and "何も書き込んでいません" in text.stdout
    with transaction(engine) as s:
        assert s.scalar(select(m.Node.title).where(m.Node.id == stored.node_id)) == OLD_TITLE
    revision = runner.invoke(app, ["import", str(path), "--into", str(stored.plan_id), "--as-revision"])
    assert revision.exit_code == 0, revision.output
    assert "新しい版として登録しました" in revision.stdout
    with transaction(engine) as s:
        assert s.scalars(select(m.Plan.revision_of_key).order_by(m.Plan.id)).all() == [None, s.get(m.Plan, stored.plan_id).key]
    applied = runner.invoke(app, ["import", str(path), "--into", str(stored.plan_id), "--yes"])
    assert applied.exit_code == 0, applied.output
    assert ids(engine, stored.plan_id)["indicators"][INDICATOR] == stored.indicator_id
    assert actual_of(engine, stored.indicator_id) == (ACTUAL, "draft")
    with transaction(engine) as s:
        assert s.scalar(select(m.Node.title).where(m.Node.id == stored.node_id)) == NEW_TITLE
    both = runner.invoke(app, ["import", str(path), "--into", str(stored.plan_id), "--yes", "--as-revision"])
    assert both.exit_code != 0
    engine.dispose()


def test_cli_load_refuses_a_loss_of_evaluations_unless_confirmed(cli_env: str, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from keikaku.services import accounts, cycle
    from keikaku.services.plans import EXAMPLE_DIR
    from keikaku.storage.database import make_engine

    fast_hashing(monkeypatch)

    runner = CliRunner()
    source = EXAMPLE_DIR / "kaede-comprehensive-plan.json"
    assert runner.invoke(app, ["load", str(source)]).exit_code == 0
    engine = make_engine(cli_env)
    admin = accounts.create_user(engine, name="kikaku", role="admin", password="correct horse battery staple")
    with transaction(engine) as s:
        plan_id = s.scalar(select(m.Plan.id))
        m1 = s.scalar(select(m.Node.id).where(m.Node.plan_id == plan_id, m.Node.key == "m1"))
    opened = cycle.open_cycle(engine, user=admin, plan=plan_id, year=2025)
    cycle.save_sheet(engine, user=admin, cycle_id=opened.id, node_id=m1, version=0, self_grade="B", reasons="順調",
                     issues=None, next_direction=None)
    data = json.loads(source.read_text(encoding="utf-8"))
    gone = {n["id"] for n in data["nodes"] if n["id"] == "m1" or n.get("parent") == "m1"}
    for part in ("nodes", "indicators", "projects", "actions", "roles", "individual_plans"):
        data[part] = [x for x in data.get(part, []) if x.get("id" if part == "nodes" else "node") not in gone]
    data["links"] = [x for x in data.get("links", []) if x["source"] not in gone and (x["target"].get("node") not in gone)]
    edited = tmp_path / "kaede.json"
    edited.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    refused = runner.invoke(app, ["load", str(edited)])
    assert refused.exit_code != 0
    with transaction(engine) as s:
        assert s.scalar(select(func.count()).select_from(m.EvaluationSheet)) == 1
    assert runner.invoke(app, ["load", str(edited), "--confirm-orphans"]).exit_code == 0
    with transaction(engine) as s:
        assert s.scalar(select(func.count()).select_from(m.EvaluationSheet)) == 0
    engine.dispose()
