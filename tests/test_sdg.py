"""SDG suggestions: the suggester on made-up texts, `keikaku sdg` (JSON shape, accept, reject), the staff
page over HTTP (accept, reject, CSRF, admins only), audit rows, and the pinned agreement with the
example city's own SDG links."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from typer.testing import CliRunner

from cycle_helpers import fast_hashing, load_kaede, make_world, node_id
from keikaku.cli.main import app
from keikaku.services import audit, sdg
from keikaku.services.plans import EXAMPLE_DIR, load_plan_file
from keikaku.services.sdg_suggest import Suggestion, parse_keywords, suggest
from keikaku.storage import models as m
from keikaku.storage.database import make_engine, transaction
from test_web_staff import client as web_client
from test_web_staff import sign_in

PLAN = "990019:comprehensive-2"
PINS = json.loads((Path(__file__).parent / "sdg_scores.json").read_text(encoding="utf-8"))
runner = CliRunner(env={"COLUMNS": "200"})


# --- the suggester on made-up texts ------------------------------------------------------------

def test_title_and_body_words_are_scored_and_shown_as_printed() -> None:
    found = suggest("子ども食堂の応援", ["ひとり親家庭の生活困窮を防ぎ、栄養のある食事を届けます。"])
    assert found == [
        Suggestion(2, "2.1", 5.0, ("子ども食堂", "栄養")),  # a core keyword in the title: 2 × 2, a body word: 1
        Suggestion(1, "1.2", 3.0, ("生活困窮", "ひとり親")),  # body: core 2 + word 1 (困窮 inside 生活困窮 not again)
    ]


def test_normalized_forms_and_parts_of_compounds_match() -> None:
    # 障がい者 is normalized to 障害者 (a core keyword); 健診 inside 特定健診 is one body word (1): under the threshold.
    assert suggest("障がい者の社会参加", ["特定健診の受診を呼びかけます。"]) == [
        Suggestion(10, "10.2", 6.0, ("障がい者", "社会参加")),
    ]
    assert suggest("健康診査", ["特定健診を受けやすくします。"]) == [Suggestion(3, "3.4", 5.0, ("健康", "健診"))]


def test_a_single_body_word_stays_under_the_threshold() -> None:
    assert suggest("お知らせ", ["道路の案内板を直します。"]) == []


def test_only_the_top_goals_are_kept_and_excluded_goals_are_left_out() -> None:
    title = "防災と防犯と食品ロスと森林の保全"
    goals = [s.goal for s in suggest(title, [])]
    assert goals == [11, 12, 15]  # 11, 12, 15, 16 score 4, 13 scores 2 (防災, a plain word): the top three, ties by number
    assert [s.goal for s in suggest(title, [], exclude={11, 12})] == [15, 16, 13]


def test_keyword_data_is_checked() -> None:
    with pytest.raises(ValueError, match="1-17"):
        parse_keywords({"goals": {"18": {"core": ["宇宙"]}}})
    with pytest.raises(ValueError, match="listed under goal 3"):
        parse_keywords({"goals": {"3": {"targets": {"4.1": {"words": ["学校"]}}}}})
    data = parse_keywords({"scoring": {"threshold": 1.0, "top": 1}, "goals": {"6": {"words": ["水道"]}}})
    assert suggest("水道の更新", [], keywords=data) == [Suggestion(6, None, 2.0, ("水道",))]


def test_suggested_goals_and_targets_are_checked() -> None:
    assert sdg.parse_suggested("１３．２") == "13.2" and sdg.parse_suggested("06") == "6"
    assert sdg.parse_suggested("6.A") == "6.a"
    for bad in ("0", "18", "13.", "x", "13.2.1"):
        with pytest.raises(sdg.BadSuggestion):
            sdg.parse_suggested(bad)


# --- keikaku sdg ----------------------------------------------------------------------------

def kk(*args: str):  # noqa: ANN201
    return runner.invoke(app, list(args))


@pytest.fixture
def kaede(cli_env: str) -> str:
    assert kk("load", str(EXAMPLE_DIR / "kaede-comprehensive-plan.json")).exit_code == 0
    return cli_env


def test_cli_suggest_json_lists_nodes_without_sdg_links(kaede: str) -> None:
    result = kk("sdg", "suggest", PLAN, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["plan"]["title"] == "かえで市第2次総合計画（架空の例）"
    first = data["suggestions"][0]
    assert first == {"node": {"id": first["node"]["id"], "key": "g1", "level": "基本目標", "number": "Ⅰ",
                              "title": "子どもと学びが育つまち"}, "goal": 4, "target": "4.3", "score": 2.0, "words": ["学び"]}
    assert all(s["node"]["level"] != "施策" for s in data["suggestions"])  # every measure carries links
    assert [(s["goal"], s["words"]) for s in data["suggestions"] if s["node"]["key"] == "p3"] == [(3, ["健康", "福祉"])]
    every = json.loads(kk("sdg", "suggest", PLAN, "-f", "json", "--all").stdout)["suggestions"]
    assert [(s["goal"], s["target"], s["words"]) for s in every if s["node"]["key"] == "m10"] == [
        (12, "12.5", ["循環型社会", "ごみ", "資源化", "食品ロス", "可燃ごみ", "分別"])]  # heaviest first, then as printed
    table = kk("sdg", "suggest", PLAN)
    assert table.exit_code == 0 and "根拠の語" in table.stdout and "健康と福祉の向上" in table.stdout


def test_cli_accept_and_reject_are_stored_and_audited(kaede: str) -> None:
    accepted = kk("sdg", "accept", PLAN, "政策 1", "4.2")
    assert accepted.exit_code == 0, accepted.output
    assert "採用しました: 政策 1 子育てと教育の充実 → SDG 4.2" in accepted.stdout
    assert kk("sdg", "reject", PLAN, "政策3", "3").exit_code == 0
    engine = make_engine(kaede)
    p1, p3 = node_id(engine, "p1"), node_id(engine, "p3")
    with transaction(engine) as s:
        assert s.scalars(select(m.NodeSdg.goal).where(m.NodeSdg.node_id == p1)).all() == [4]
        assert s.scalars(select(m.NodeSdg.goal).where(m.NodeSdg.node_id == p3)).all() == []
        rows = s.execute(select(m.SuggestionDecision.node_id, m.SuggestionDecision.kind, m.SuggestionDecision.suggested,
                                m.SuggestionDecision.decision).order_by(m.SuggestionDecision.id)).all()
        assert [tuple(r) for r in rows] == [(p1, "sdg", "4.2", "accepted"), (p3, "sdg", "3", "rejected")]
    changes = audit.list_changes(engine, object="sdg_suggestion")
    assert [(c.action, c.object, c.label) for c in changes] == [
        ("sdg_reject", f"sdg_suggestion:{p3}", "かえで市第2次総合計画（架空の例）: 政策 3 健康と福祉の向上: SDG 3"),
        ("sdg_accept", f"sdg_suggestion:{p1}", "かえで市第2次総合計画（架空の例）: 政策 1 子育てと教育の充実: SDG 4.2"),
    ]
    assert changes[1].after["words"] == ["教育", "子育て"] and changes[1].after["goals"] == [4]
    assert changes[0].user.startswith("cli:")
    left = json.loads(kk("sdg", "suggest", PLAN, "-f", "json").stdout)["suggestions"]
    assert [s["goal"] for s in left if s["node"]["key"] == "p3"] == []  # rejected: not shown again
    assert [s["goal"] for s in left if s["node"]["key"] == "p1"] == []  # 4 accepted; nothing else reaches the threshold
    assert kk("sdg", "accept", PLAN, "1", "4").exit_code == 1  # 1 is ambiguous: 政策 1, 施策 1, …
    bad = kk("sdg", "accept", PLAN, "p1", "18")
    assert bad.exit_code == 2 and "1-17" in bad.output
    engine.dispose()


# --- the staff page -----------------------------------------------------------------------------

@pytest.fixture
def world(engine: Engine, monkeypatch: pytest.MonkeyPatch):
    fast_hashing(monkeypatch)
    return make_world(engine, open_cycle=False)


def test_staff_page_accepts_and_rejects_with_csrf_and_audit(world) -> None:
    c, csrf = sign_in(world.engine, "kikaku")
    page = c.get(f"/staff/plans/{world.plan_id}/sdg")
    assert page.status_code == 200
    p3, p6 = node_id(world.engine, "p3"), node_id(world.engine, "p6")
    assert "政策 3 健康と福祉の向上" in page.text and "<li>健康</li><li>福祉</li>" in page.text
    assert "施策 1 子育て支援の充実" not in page.text  # carries links
    form = {"node_id": p6, "suggested": "17", "decision": "reject", "csrf_token": csrf}
    assert c.post(f"/staff/plans/{world.plan_id}/sdg", data={**form, "csrf_token": "forged"}).status_code == 403
    r = c.post(f"/staff/plans/{world.plan_id}/sdg", data=form)
    assert r.status_code == 303 and "msg=sdg_rejected" in r.headers["location"]
    r = c.post(f"/staff/plans/{world.plan_id}/sdg", data={**form, "node_id": p3, "suggested": "3", "decision": "accept"})
    assert r.status_code == 303
    after = c.get(r.headers["location"]).text
    assert "採用し、SDGs を関連づけました。" in after
    section = re.search(r'data-node="p6">(.*?)</section>', after, re.S).group(1)
    assert 'data-goal="11"' in section and 'data-goal="17"' not in section  # rejected: gone
    section = re.search(r'data-node="p3">(.*?)</section>', after, re.S).group(1)
    assert "採用済みの SDGs: 3 すべての人に健康と福祉を" in section and 'data-goal="3"' not in section
    changes = audit.list_changes(world.engine, object="sdg_suggestion")
    assert [(c.user, c.action, c.object) for c in changes] == [
        ("kikaku", "sdg_accept", f"sdg_suggestion:{p3}"), ("kikaku", "sdg_reject", f"sdg_suggestion:{p6}")]
    with transaction(world.engine) as s:
        assert s.scalars(select(m.NodeSdg.goal).where(m.NodeSdg.node_id == p3)).all() == [3]
        assert s.scalar(select(m.SuggestionDecision.decided_by).where(m.SuggestionDecision.node_id == p6)) == "kikaku"


def test_staff_page_is_for_admins_only(world) -> None:
    c, csrf = sign_in(world.engine, "shinsa")
    assert c.get(f"/staff/plans/{world.plan_id}/sdg").status_code == 403
    r = c.post(f"/staff/plans/{world.plan_id}/sdg", data={"node_id": node_id(world.engine, "p3"), "suggested": "3",
                                                          "decision": "accept", "csrf_token": csrf})
    assert r.status_code == 403
    assert audit.list_changes(world.engine, object="sdg_suggestion") == []
    assert web_client(world.engine).get("/staff/sdg").headers["location"] == "/login"


# --- agreement with the links plans carry ---------------------------------------------------

def test_agreement_with_the_example_links_is_pinned(engine: Engine) -> None:
    load_kaede(engine)
    load_plan_file(engine, EXAMPLE_DIR / "kaede-industry-plan.json")
    for key, pin in PINS.items():
        if key.startswith("_"):
            continue
        got = sdg.agreement(engine, key).to_json()
        assert (got["nodes"], got["links"]) == (pin["nodes"], pin["links"]), key
        for figure in ("precision", "recall", "f1"):
            assert got[figure] >= pin[figure] - 1e-4, (key, figure, got)
