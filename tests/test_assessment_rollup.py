"""Roll-ups of a hand-built plan: counts by status, scores by policy, components that recompute."""

from __future__ import annotations

import pytest

from keikaku.domain.assessment import RollupPolicy, assess_plan
from keikaku.domain.assessment.rollup import score_of
from keikaku.domain.planfile import Actual, Indicator, Node, PlanDocument, Value


def ind(node: str | None, name: str, direction: str, baseline: float | None, target: float | None,
        actuals: dict[int, float | None], unit: str | None = None) -> Indicator:
    return Indicator(
        node=node, name=name, direction=direction, unit=unit,
        baseline=Value(value=baseline, year=2020), target=Value(value=target, year=2024, text="拡充" if target is None else None),
        actuals=[Actual(year=y, value=v, text=None if v is not None else "実施") for y, v in actuals.items()],
    )


@pytest.fixture
def plan() -> PlanDocument:
    return PlanDocument(
        title="テスト市総合計画", kind="comprehensive",
        nodes=[
            Node(id="g", level="基本目標", number="1", title="目標"),
            Node(id="p", parent="g", level="政策", number="1-1", title="政策"),
            Node(id="m1", parent="p", level="施策", number="1-1-1", title="施策一", sdgs=[3]),
            Node(id="m2", parent="p", level="施策", number="1-1-2", title="施策二", sdgs=[3, 11]),
            Node(id="x", level="基本目標", number="2", title="指標のない目標"),
        ],
        indicators=[
            ind("m1", "A", "increase", 50, 100, {2022: 80}),  # achievement 80.0, progress 60
            ind("m1", "B", "decrease", 200, 100, {2022: 125}),  # achievement 80.0, progress 75
            ind("m2", "C", "increase", 10, 20, {2022: 25}),  # achievement 125 → 100 under the cap
            ind("m2", "D", "qualitative", None, None, {2022: None}),
            ind("m2", "E", "increase", 5, 10, {}),  # no actuals
            ind("m2", "G", "maintain", 96.5, None, {2021: 95.0}, unit="%"),  # 98.4, only 2021
            ind(None, "F", "increase", 0, 10, {2022: 5}),  # plan-wide: 50.0
        ],
    )


def by_key(assessment) -> dict[object, dict[str, object]]:  # noqa: ANN001
    return {(r["kind"], r["node"] or r["sdg"]): r for r in (u.to_json() for u in assessment.rollups)}


def test_scores_roll_up_the_tree_with_equal_weights_and_the_cap(plan: PlanDocument) -> None:
    ups = by_key(assess_plan(plan, year=2022))
    assert ups[("node", "m1")]["score"] == 80.0
    assert ups[("node", "m2")]["score"] == 99.2  # (100 + 98.4) / 2
    assert ups[("node", "p")]["score"] == 89.6  # (80 + 80 + 100 + 98.4) / 4
    assert ups[("node", "g")]["score"] == 89.6
    assert ups[("plan", None)]["score"] == 81.7  # (80 + 80 + 100 + 98.4 + 50) / 5 = 81.68
    assert ups[("node", "x")]["score"] is None and ups[("node", "x")]["indicators"] == 0


def test_counts_by_status_and_what_was_left_out(plan: PlanDocument) -> None:
    m2 = by_key(assess_plan(plan, year=2022))[("node", "m2")]
    assert m2["indicators"] == 4 and m2["scored"] == 2
    assert {k: v for k, v in m2["counts"].items() if v} == {"no_data": 1, "qualitative": 1, "on_track": 1, "mostly_on_track": 1}
    assert m2["left_out"] == {"qualitative": 1, "no_data": 1, "not_assessable": 0, "no_rate": 0}
    plan_up = by_key(assess_plan(plan, year=2022))[("plan", None)]
    assert sum(plan_up["counts"].values()) == 7


def test_plan_wide_indicators_count_only_at_plan_level(plan: PlanDocument) -> None:
    ups = by_key(assess_plan(plan, year=2022))
    assert "F" in [c["name"] for c in ups[("plan", None)]["components"]]
    assert all("F" not in [c["name"] for c in r["components"]] for k, r in ups.items() if k[0] != "plan")


def test_sdg_roll_ups_follow_the_node_and_its_ancestors(plan: PlanDocument) -> None:
    ups = by_key(assess_plan(plan, year=2022))
    assert [c["name"] for c in ups[("sdg", 3)]["components"]] == ["A", "B", "C", "D", "E", "G"]
    assert ups[("sdg", 3)]["score"] == 89.6
    assert [c["name"] for c in ups[("sdg", 11)]["components"]] == ["C", "D", "E", "G"]
    assert ups[("sdg", 11)]["title"] == "SDG 11 住み続けられるまちづくりを"
    child = plan.model_copy(update={"nodes": [n.model_copy(update={"sdgs": [7]}) if n.id == "p" else n for n in plan.nodes]})
    assert [c["name"] for c in by_key(assess_plan(child, year=2022))[("sdg", 7)]["components"]] == ["A", "B", "C", "D", "E", "G"]


def test_components_recompute_every_score(plan: PlanDocument) -> None:
    for policy in (RollupPolicy(), RollupPolicy(cap=None), RollupPolicy(weights={("m1", "A"): 3})):
        for up in assess_plan(plan, year=2022, policy=policy).rollups:
            data = up.to_json()
            counted = [c for c in data["components"] if c["counted"]]
            if counted:
                total = sum(c["weight"] * c["used"] for c in counted) / sum(c["weight"] for c in counted)
                assert data["score"] == round(total + 1e-12, 1) == score_of(up.components)


def test_weights_and_no_cap(plan: PlanDocument) -> None:
    weighted = by_key(assess_plan(plan, year=2022, policy=RollupPolicy(weights={("m1", "A"): 3})))
    assert weighted[("node", "m1")]["score"] == 80.0
    assert weighted[("node", "p")]["score"] == 86.4  # (3 × 80 + 80 + 100 + 98.4) / 6
    assert weighted[("node", "p")]["policy"]["weights"] == [{"node": "m1", "name": "A", "weight": 3}]
    uncapped = by_key(assess_plan(plan, year=2022, policy=RollupPolicy(cap=None)))
    assert uncapped[("node", "m2")]["score"] == 111.7  # (125 + 98.4) / 2


def test_progress_rate_policy_leaves_out_indicators_without_the_figure(plan: PlanDocument) -> None:
    ups = by_key(assess_plan(plan, year=2022, policy=RollupPolicy(measure="progress_rate")))
    assert ups[("node", "m1")]["score"] == 67.5  # (60 + 75) / 2
    assert ups[("node", "m2")]["left_out"]["no_rate"] == 1  # 維持 has no progress rate
    with pytest.raises(ValueError):
        RollupPolicy(measure="grade")
    with pytest.raises(ValueError):
        RollupPolicy(weights={("m1", "A"): -1})


def test_the_latest_actual_up_to_the_year_is_used(plan: PlanDocument) -> None:
    result = assess_plan(plan, year=2022)
    g = next(c for c in by_key(result)[("node", "m2")]["components"] if c["name"] == "G")
    assert (g["year"], g["rate"], g["used"], g["counted"]) == (2021, 98.4, 98.4, True)
    assert [(r.name, r.year) for r in result.rows] == [
        ("A", 2022), ("B", 2022), ("C", 2022), ("D", 2022), ("E", None), ("G", 2021), ("F", 2022)]
    earlier = assess_plan(plan, year=2021)
    assert [(r.name, r.year, r.status) for r in earlier.rows][:2] == [("A", None, "no_data"), ("B", None, "no_data")]
    assert by_key(earlier)[("plan", None)]["score"] == 98.4


def test_without_a_year_every_actual_is_a_row_and_roll_ups_use_the_latest_year(plan: PlanDocument) -> None:
    result = assess_plan(plan)
    assert result.year == 2022
    assert len(result.rows) == 7
    assert by_key(result)[("plan", None)]["score"] == 81.7


def test_roll_up_json_shape(plan: PlanDocument) -> None:
    m1 = by_key(assess_plan(plan, year=2022))[("node", "m1")]
    assert list(m1) == ["kind", "node", "sdg", "level", "number", "title", "year", "indicators", "counts", "score",
                        "scored", "left_out", "policy", "components"]
    assert (m1["level"], m1["number"], m1["year"]) == ("施策", "1-1-1", 2022)
    assert m1["components"][0] == {"node": "m1", "name": "A", "year": 2022, "status": "on_track", "grade": "A",
                                   "rate": 80.0, "used": 80.0, "weight": 1.0, "counted": True, "reason": None}
    assert m1["policy"]["measure"] == "achievement_rate" and m1["policy"]["cap"] == 100.0
    order = [(u.kind, u.key) for u in assess_plan(plan, year=2022).rollups]
    assert order == [("plan", None), ("node", "g"), ("node", "p"), ("node", "m1"), ("node", "m2"), ("node", "x"),
                     ("sdg", 3), ("sdg", 11)]
