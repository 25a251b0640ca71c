"""Successor maps between plan generations: the suggester, `keikaku successors`, the staff page, and an
indicator's series across generations.

The seeds: 002 is Koganei's 4th basic plan (measures 20–35 and B-0), 000 its 5th plan (measures 1–29).
Expected top pairs were checked by reading both plans' measure titles (for example, 4th plan 22 and
5th plan 8 have the same title; 4th plan 31 and 32 are on farming, 5th plan 11 is urban farming).
"""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import Engine, select
from typer.testing import CliRunner

from cycle_helpers import PASSWORD, fast_hashing, load_kaede
from keikaku.cli.main import app
from keikaku.domain import planfile as pf
from keikaku.domain import successors as sg
from keikaku.services import accounts, successors
from keikaku.services.importing import import_file
from keikaku.services.plans import load_plan
from keikaku.storage import models as m
from keikaku.storage.database import make_engine, transaction
from test_web_staff import client, sign_in

OLD_KEY = "132101:小金井市基本計画"
NEW_KEY = "132101:第5次小金井市基本構想・前期基本計画"
# --accept on 002 → 000 (threshold 0.40): old number → new number
ACCEPTED = {"20": "27", "22": "8", "B-0": "10", "26": "10", "28": "5", "29": "10", "31": "11", "32": "11",
            "33": "9", "34": "22"}


def import_seeds(engine: Engine, seeds) -> None:
    import_file(engine, seeds / "002_da149b7202bad3b0.txt")
    import_file(engine, seeds / "000_138cd5ff0a448d85.txt")


def node(engine: Engine, plan_key: str, number: str) -> int:
    with transaction(engine) as s:
        return s.scalar(select(m.Node.id).join(m.Plan).where(m.Plan.key == plan_key, m.Node.number == number,
                                                               m.Node.level == "施策"))


def links(engine: Engine) -> set[tuple[str, str]]:
    """(old number, new number) of every successor_of link."""
    with transaction(engine) as s:
        rows = s.execute(select(m.NodeLink.target_node_key, m.Node.number).join(m.Node, m.Node.id == m.NodeLink.source_node_id)
                         .where(m.NodeLink.type == "successor_of", m.NodeLink.target_plan_key == OLD_KEY)).all()
        numbers = dict(s.execute(select(m.Node.key, m.Node.number).join(m.Plan).where(m.Plan.key == OLD_KEY)).all())
    return {(numbers[k], n) for k, n in rows}


# --- the suggester --------------------------------------------------------------------------------

def test_suggester_scores_title_indicator_and_department() -> None:
    old = [sg.Measure("a", "1", "子育て支援の推進", departments=("保育課",), indicators=("保育所待機児童数",)),
           sg.Measure("b", "2", "ごみの減量", departments=("ごみ対策課",), indicators=("ごみ排出量",))]
    new = [sg.Measure("x", "1", "子育て支援の充実", departments=("保育課", "子育て支援課"), indicators=("保育所等待機児童数",)),
           sg.Measure("y", "2", "循環型社会の形成", departments=("ごみ対策課",), indicators=("1人1日当たりのごみ排出量",))]
    assert sg.active_weights(old, new) == pytest.approx(sg.WEIGHTS)
    found = sg.suggest(old, new)
    best = found["a"][0]
    assert best.new_key == "x" and best.reasons[2:] == ("shared indicator 保育所待機児童数", "same department 保育課")
    assert best.reasons[0].startswith("title ") and best.score > 0.8
    assert [s.new_key for s in found["b"]][0] == "y"
    assert "same department ごみ対策課" in found["b"][0].reasons
    assert sg.indicator_similarity("保育所待機児童数", "保育所等待機児童数") >= sg.SAME_INDICATOR
    # without departments or indicators on one side, only title and text count: 0.5/0.7 and 0.2/0.7
    bare = [sg.Measure("x", "1", "子育て支援の充実")]
    assert sg.active_weights(old, bare) == pytest.approx({"title": 0.5 / 0.7, "text": 0.2 / 0.7})


def test_seed_suggestions_002_to_000(engine: Engine, seeds) -> None:
    import_seeds(engine, seeds)
    found = successors.successor_map(engine, OLD_KEY, NEW_KEY)
    top = {row.old.number: row.candidates[0] for row in found.rows}
    assert len(found.rows) == 17 and len(found.new_measures) == 29
    assert {k: round(v, 3) for k, v in found.weights.items()} == {"title": 0.714, "text": 0.286}
    assert top["22"].new.number == "8" and top["22"].score == 1.0 and top["22"].reasons == ["title 1.00", "text 1.00"]
    assert (top["20"].new.number, top["20"].new.title, top["20"].score) == ("27", "市民参加・協働の推進", 0.832)
    assert (top["29"].new.number, top["29"].score) == ("10", 0.525)
    assert (top["31"].new.number, top["31"].score) == ("11", 0.53)
    assert (top["32"].new.number, top["32"].score) == ("11", 0.45)
    assert (top["33"].new.number, top["33"].score) == ("9", 0.621)
    assert [top[n].new.number for n in ("B-0", "26", "27", "30")] == ["10", "10", "10", "10"]
    assert top["21"].new.title == "積極的な情報発信"
    data = found.to_json()
    first = data["suggestions"][0]
    assert first == {"old": {"number": "20", "title": "協働のまちづくりの推進"},
                     "new": {"number": "27", "title": "市民参加・協働の推進"}, "score": 0.832,
                     "reasons": ["title 0.76", "text 1.00"], "decision": None}


# --- the command ------------------------------------------------------------------------------------

def test_cli_successors_accept_stores_links(cli_env: str, seeds) -> None:
    engine = make_engine(cli_env)
    try:
        import_seeds(engine, seeds)
        runner = CliRunner()
        shown = runner.invoke(app, ["successors", OLD_KEY, NEW_KEY, "--format", "json"])
        assert shown.exit_code == 0, shown.output
        data = json.loads(shown.stdout)
        assert data["suggestions"][0]["old"]["number"] == "20" and links(engine) == set()
        done = runner.invoke(app, ["successors", OLD_KEY, NEW_KEY, "--format", "json", "--accept"])
        assert done.exit_code == 0, done.output
        accepted = json.loads(done.stdout)["accepted"]
        assert {a["old"]["number"]: a["new"]["number"] for a in accepted} == ACCEPTED
        assert links(engine) == set(ACCEPTED.items())
        with transaction(engine) as s:
            decisions = s.scalars(select(m.SuggestionDecision).where(m.SuggestionDecision.kind == "successor")).all()
            assert len(decisions) == 10 and {d.decision for d in decisions} == {"accepted"}
            assert {d.suggested.split("#")[0] for d in decisions} == {NEW_KEY}
            entries = s.scalars(select(m.AuditEntry).where(m.AuditEntry.object_type == "successor")).all()
            assert len(entries) == 10 and {e.action for e in entries} == {"successor_accepted"}
        again = runner.invoke(app, ["successors", OLD_KEY, NEW_KEY, "--format", "json", "--accept"])
        assert json.loads(again.stdout)["accepted"] == []  # running it again changes nothing
        table = runner.invoke(app, ["successors", "1", "2"])
        assert table.exit_code == 0 and "採用" in table.stdout
    finally:
        engine.dispose()


def test_rejected_suggestion_stays_rejected(engine: Engine, seeds) -> None:
    import_seeds(engine, seeds)
    old28, new5, new10 = node(engine, OLD_KEY, "28"), node(engine, NEW_KEY, "5"), node(engine, NEW_KEY, "10")
    successors.decide(engine, user=None, old_plan=OLD_KEY, new_plan=NEW_KEY, old_node_id=old28, new_node_id=new5,
                      decision="rejected")
    _map, accepted = successors.accept_best(engine, OLD_KEY, NEW_KEY)
    pairs = {(p.old.number, p.new.number) for p in accepted}
    assert ("28", "5") not in pairs and ("28", "16") in pairs  # the next best, 16 学校環境の整備 (0.44)
    row = next(r for r in _map.rows if r.old.number == "28")
    assert [(c.new.number, c.decision) for c in row.candidates][:2] == [("5", "rejected"), ("16", "accepted")]
    # change: 10 instead of 16 (16 is rejected, 10 accepted; many-to-one: 10 continues several old measures)
    successors.decide(engine, user=None, old_plan=OLD_KEY, new_plan=NEW_KEY, old_node_id=old28, new_node_id=new10,
                      decision="accepted", replaces=node(engine, NEW_KEY, "16"))
    assert ("28", "10") in links(engine) and ("28", "16") not in links(engine) and ("28", "5") not in links(engine)
    assert successors.accept_best(engine, OLD_KEY, NEW_KEY)[1] == []


# --- the staff page -----------------------------------------------------------------------------------

@pytest.fixture
def staff(engine: Engine, seeds, monkeypatch: pytest.MonkeyPatch) -> Engine:
    fast_hashing(monkeypatch)
    import_seeds(engine, seeds)
    accounts.create_user(engine, name="kikaku", role="admin", password=PASSWORD)
    accounts.create_user(engine, name="etsuran", role="viewer", password=PASSWORD)
    return engine


def test_staff_page_accept_reject_change(staff: Engine) -> None:
    engine = staff
    c, csrf = sign_in(engine, "kikaku")
    with transaction(engine) as s:
        old_id, new_id = (s.scalar(select(m.Plan.id).where(m.Plan.key == k)) for k in (OLD_KEY, NEW_KEY))
    page = c.get(f"/staff/successors?old={old_id}&new={new_id}")
    assert page.status_code == 200 and "後継施策の対応表" in page.text
    assert re.search(r'data-old="31">.*?data-new="11" data-decision="open"', page.text, re.S)
    base = {"csrf_token": csrf, "old_plan": old_id, "new_plan": new_id}
    old31, new11 = node(engine, OLD_KEY, "31"), node(engine, NEW_KEY, "11")
    r = c.post("/staff/successors/decide", data={**base, "old_node": old31, "new_node": new11, "decision": "accept"})
    assert r.status_code == 303 and "msg=accepted" in r.headers["location"]
    old25, new8, new9 = node(engine, OLD_KEY, "25"), node(engine, NEW_KEY, "8"), node(engine, NEW_KEY, "9")
    r = c.post("/staff/successors/decide", data={**base, "old_node": old25, "new_node": new9, "replaces": new8,
                                                  "decision": "change"})
    assert r.status_code == 303 and "msg=changed" in r.headers["location"]
    old34, new22 = node(engine, OLD_KEY, "34"), node(engine, NEW_KEY, "22")
    r = c.post("/staff/successors/decide", data={**base, "old_node": old34, "new_node": new22, "decision": "reject"})
    assert r.status_code == 303 and "msg=rejected" in r.headers["location"]
    assert links(engine) == {("31", "11"), ("25", "9")}
    page = c.get(f"/staff/successors?old={old_id}&new={new_id}&msg=changed").text
    assert "変更しました" in page
    assert re.search(r'data-old="25">.*?data-new="8" data-decision="rejected"', page, re.S)
    assert re.search(r'data-old="34">.*?data-new="22" data-decision="rejected"', page, re.S)
    # the CSRF token is required, and only an admin decides
    assert c.post("/staff/successors/decide", data={**base, "csrf_token": "", "old_node": old34, "new_node": new22,
                                                    "decision": "accept"}).status_code == 403
    viewer, vcsrf = sign_in(engine, "etsuran")
    assert viewer.get(f"/staff/successors?old={old_id}&new={new_id}").status_code == 403
    assert viewer.post("/staff/successors/decide", data={**base, "csrf_token": vcsrf, "old_node": old34,
                                                         "new_node": new22, "decision": "accept"}).status_code == 403
    assert client(engine).get("/staff/successors").status_code == 303  # not signed in: to /login
    assert links(engine) == {("31", "11"), ("25", "9")}


# --- an indicator across generations -------------------------------------------------------------------

FIRST = {
    "format": "keikaku-plan/1", "key": "990019:comprehensive-1", "municipality": "かえで市", "municipality_code": "990019",
    "title": "かえで市第1次総合計画（架空の例）", "kind": "comprehensive", "generation": 1, "status": "adopted",
    "period": {"start": 2011, "end": 2020},
    "nodes": [{"id": "s1", "level": "施策", "number": "1", "title": "子育て支援の推進", "departments": ["保育課"]},
              {"id": "s2", "level": "施策", "number": "2", "title": "ごみの減量", "departments": ["ごみ対策課"]}],
    "indicators": [{"node": "s1", "name": "保育所待機児童数", "unit": "人", "direction": "decrease",
                    "baseline": {"value": 40, "year": 2014, "text": "40人"}, "target": {"value": 10, "year": 2020, "text": "10人"},
                    "department": "保育課",
                    "actuals": [{"year": 2016, "value": 35}, {"year": 2018, "value": 30}, {"year": 2020, "value": 26}]}],
}


def test_indicator_series_across_generations(engine: Engine) -> None:
    load_kaede(engine)
    load_plan(engine, pf.PlanDocument.model_validate(FIRST))
    found = successors.successor_map(engine, "990019:comprehensive-1", "990019:comprehensive-2")
    best = found.rows[0].candidates[0]
    assert best.new.title == "子育て支援の充実" and "shared indicator 保育所待機児童数" in best.reasons
    assert "same department 保育課" in best.reasons
    successors.accept_best(engine, "990019:comprehensive-1", "990019:comprehensive-2")
    with transaction(engine) as s:
        ids = dict(s.execute(select(m.Indicator.name, m.Indicator.id)).all())
    new_id, old_id = ids["保育所等待機児童数"], ids["保育所待機児童数"]
    c = client(engine)
    data = c.get(f"/api/v1/indicators/{new_id}").json()["generations"]
    assert [(g["plan_title"], g["indicator_id"], g["current"]) for g in data["generations"]] == [
        ("かえで市第1次総合計画（架空の例）", old_id, False), ("かえで市第2次総合計画（架空の例）", new_id, True)]
    assert [(g["baseline"]["year"], g["baseline"]["value"], g["target"]["year"], g["target"]["value"])
            for g in data["generations"]] == [(2014, 40, 2020, 10), (2019, 24, 2025, 0)]
    assert [(r["year"], r["value"]) for r in data["series"]] == [
        (2016, 35), (2018, 30), (2020, 26), (2021, 15), (2022, 9), (2023, 4), (2024, 6)]
    html = c.get(f"/indicators/{new_id}").text
    assert "計画をまたぐ推移" in html and 'class="marker generation-mark baseline"' in html
    assert 'class="marker generation-mark target"' in html and "かえで市第1次総合計画（架空の例） 基準値 平成26年度" in html
    old_page = c.get(f"/indicators/{old_id}").text  # the older plan's page shows the same series
    assert "計画をまたぐ推移" in old_page and f'href="/indicators/{new_id}"' in old_page
    # rejecting the pair takes the series away (the cached pages are rebuilt)
    with transaction(engine) as s:
        s1 = s.scalar(select(m.Node.id).where(m.Node.key == "s1"))
        m1 = s.scalar(select(m.Node.id).join(m.Plan).where(m.Node.key == "m1", m.Plan.key == "990019:comprehensive-2"))
    successors.decide(engine, user=None, old_plan="990019:comprehensive-1", new_plan="990019:comprehensive-2",
                      old_node_id=s1, new_node_id=m1, decision="rejected")
    assert c.get(f"/api/v1/indicators/{new_id}").json()["generations"] is None
    assert "計画をまたぐ推移" not in c.get(f"/indicators/{new_id}").text
