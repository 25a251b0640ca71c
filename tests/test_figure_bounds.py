"""Figures are bounded at every entry point, and whatever is stored still renders, exports and dumps."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from keikaku.domain.errors import PlanFileError
from keikaku.domain.figures import figure_problem, significant_digits, typed_figure_problem
from keikaku.domain.planfile import parse_plan_json
from keikaku.services import assessing, cycle, exports
from keikaku.services.cycle import SheetLocked, UploadRejected, ValidationFailed
from keikaku.services.plans import EXAMPLE_DIR, dump_plan, load_plan
from keikaku.storage import models as m
from keikaku.storage.database import transaction
from keikaku.web.app import create_app
from cycle_helpers import RECYCLING, WAITING, YEAR, World, fast_hashing, indicator_id, make_world, node_id

HUGE = 1e27


@pytest.fixture(autouse=True)
def _fast(monkeypatch: pytest.MonkeyPatch) -> None:
    fast_hashing(monkeypatch)


@pytest.fixture
def world(engine: Engine) -> World:
    return make_world(engine)


@pytest.mark.parametrize(("value", "problem"), [
    (0, None), (-12.5, None), (999_999_999_999_999, None), (10**15, "too large"), (-1e15, "too large"),
    (HUGE, "too large"), (10**400, "too large"), (float("nan"), "not a finite number"), (float("inf"), "not a finite number"),
    (True, "not a number"),
])
def test_figure_problem(value: float, problem: str | None) -> None:
    found = figure_problem(value)
    assert (found.split(":")[0] if found else None) == problem


@pytest.mark.parametrize(("text", "digits"), [("120", 3), ("0.0305", 3), ("1.50e3", 3), ("-007", 1), ("0", 1),
                                               ("123456789012345678", 18)])
def test_significant_digits(text: str, digits: int) -> None:
    assert significant_digits(text) == digits


def test_typed_figures_hold_fifteen_digits() -> None:
    assert typed_figure_problem("123456789.012345", 123456789.012345) is None
    assert typed_figure_problem("0.1234567890123456", 0.1234567890123456) == "too precise: at most 15 significant digits"


@pytest.mark.parametrize(("value", "code", "message"), [
    ("1e27", "out_of_range", "1e27: too large: a figure must be smaller than 10^15 in size"),
    (HUGE, "out_of_range", "1e+27: too large: a figure must be smaller than 10^15 in size"),
    (10**400, "out_of_range", "10000000000000000000…: too large: a figure must be smaller than 10^15 in size"),
    ("1e999", "not_a_number", "not a number: '1e999'"),
    ("NaN", "not_a_number", "not a number: 'NaN'"),
    ("0.12345678901234567", "out_of_range", "0.12345678901234567: too precise: at most 15 significant digits"),
])
def test_entering_an_unbounded_actual_is_refused(world: World, value: object, code: str, message: str | None) -> None:
    with pytest.raises(ValidationFailed) as info:
        cycle.enter_actual(world.engine, user=world.hoiku, plan=world.plan_id, indicator=WAITING, year=YEAR, value=value)  # type: ignore[arg-type]
    assert (info.value.code, info.value.field) == (code, "value")
    if message is not None:
        assert info.value.message == message


def test_an_upload_with_an_unbounded_value_saves_nothing(world: World) -> None:
    content = f"指標,年度,値\n{WAITING},{YEAR},3\n{RECYCLING},{YEAR},1e27\n".encode()
    with pytest.raises(UploadRejected) as info:
        cycle.upload_actuals(world.engine, user=world.admin, plan=world.plan_id, content=content, filename="hoiku.csv")
    assert [(e.row, e.code) for e in info.value.errors] == [(3, "out_of_range")]
    with transaction(world.engine) as session:
        ind = session.get(m.Indicator, indicator_id(world.engine, WAITING))
        assert [o.year for o in ind.observations if o.status == "draft"] == []


@pytest.mark.parametrize("value", ["1e27", "1" + "0" * 400])
def test_a_plan_file_with_an_unbounded_figure_is_refused_with_its_place(value: str) -> None:
    data = json.loads((EXAMPLE_DIR / "kaede-comprehensive-plan.json").read_text(encoding="utf-8"))
    text = json.dumps(data, ensure_ascii=False).replace('"target": {"value": 0,', f'"target": {{"value": {value},', 1)
    assert text != json.dumps(data, ensure_ascii=False)
    with pytest.raises(PlanFileError) as info:
        parse_plan_json(text, source="kaede.json")
    assert len(info.value.problems) == 1
    problem = info.value.problems[0]
    assert problem.path.endswith("target.value")
    assert "too large: a figure must be smaller than 10^15 in size" in problem.message


def _store_huge_actual(world: World) -> int:
    """An actual stored before figures were bounded, on a measure whose sheet is then approved."""
    ind_id = indicator_id(world.engine, WAITING)
    cycle.enter_actual(world.engine, user=world.hoiku, plan=world.plan_id, indicator=WAITING, year=YEAR, value=2)
    with transaction(world.engine) as session:
        obs = session.scalar(select(m.Observation).where(m.Observation.indicator_id == ind_id, m.Observation.year == YEAR))
        obs.value = HUGE  # type: ignore[union-attr]
    m1 = node_id(world.engine, "m1")
    cycle.save_sheet(world.engine, user=world.hoiku, cycle_id=world.cycle.id, node_id=m1, version=0,  # type: ignore[union-attr]
                     self_grade="B", reasons="記入", issues=None, next_direction="継続")
    cycle.submit_sheet(world.engine, user=world.hoiku, cycle_id=world.cycle.id, node_id=m1, version=1)  # type: ignore[union-attr]
    cycle.review_sheet(world.engine, user=world.admin, cycle_id=world.cycle.id, node_id=m1, version=2, approve=True)  # type: ignore[union-attr]
    return ind_id


def test_a_stored_unbounded_figure_renders_everywhere_as_text(world: World) -> None:
    ind_id = _store_huge_actual(world)
    site = TestClient(create_app(world.engine), raise_server_exceptions=False)
    for url in (f"/plans/{world.plan_id}", f"/nodes/{node_id(world.engine, 'm1')}", f"/indicators/{ind_id}",
                f"/api/v1/plans/{world.plan_id}", f"/api/v1/indicators/{ind_id}"):
        assert site.get(url).status_code == 200, url
    rows = assessing.assess_stored_plan(world.engine, world.plan_id, YEAR)
    assert [r["name"] for r in rows["assessments"]].count(WAITING) == 1  # type: ignore[index,union-attr]
    for fmt in ("csv", "xlsx", "pdf", "json"):
        assert exports.export(world.engine, world.plan_id, format=fmt, year=YEAR)
    doc = dump_plan(world.engine, world.plan_id)
    actual = next(a for i in doc.indicators if i.name == WAITING for a in i.actuals if a.year == YEAR)
    assert (actual.value, actual.text, actual.status) == (None, "1e+27", "published")
    # the dump loads back (as a correction of the stored figure: the number is now its printed text)
    assert load_plan(world.engine, parse_plan_json(doc.to_json(), source="dump.json")).plan_id == world.plan_id


def test_an_admin_corrects_an_approved_actual_and_the_correction_is_audited(world: World) -> None:
    _store_huge_actual(world)
    with pytest.raises(SheetLocked):
        cycle.enter_actual(world.engine, user=world.hoiku, plan=world.plan_id, indicator=WAITING, year=YEAR, value=1)
    fixed = cycle.enter_actual(world.engine, user=world.admin, plan=world.plan_id, indicator=WAITING, year=YEAR, value=1)
    assert (fixed.value, fixed.status, fixed.outcome) == (1, "published", "updated")
    with transaction(world.engine) as session:
        entry = session.scalars(select(m.AuditEntry).where(m.AuditEntry.object_type == "observation")
                                .order_by(m.AuditEntry.id.desc())).first()
        assert (entry.action, entry.before["value"], entry.after["value"], entry.after["status"]) == (  # type: ignore[index,union-attr]
            "correct", HUGE, 1, "published")


def test_the_importer_keeps_an_unbounded_figure_as_printed_text(tmp_path) -> None:  # noqa: ANN001
    from keikaku.importer.pipeline import extract_file

    doc = tmp_path / "plan.txt"
    doc.write_text("施策1 テスト施策\n指標名 現状値 目標値\n登録者数 120人 1,000,000,000,000,000,000人\n来館者数 300人 500人\n",
                   encoding="utf-8")
    plan = extract_file(doc).plan
    assert [(i.name, i.baseline.value, i.target.value, i.target.text) for i in plan.indicators] == [  # type: ignore[union-attr]
        ("登録者数", 120, None, "1,000,000,000,000,000,000人"), ("来館者数", 300, 500, "500人")]
