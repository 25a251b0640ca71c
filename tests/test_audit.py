"""The audit trail is complete: every writing path leaves exactly its records, failures none."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import Engine, select

from cycle_helpers import (
    NURSERY_PROJECT,
    PASSWORD,
    RECYCLING,
    WAITING,
    WASTE,
    YEAR,
    audit_count,
    fast_hashing,
    indicator_id,
    make_world,
    node_id,
    observation,
    project_id,
)
from keikaku.domain.errors import KeikakuError
from keikaku.domain.permissions import PermissionDenied
from keikaku.services import accounts, audit, cycle
from keikaku.storage import models as m
from keikaku.storage.database import transaction

ISO_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$")


@pytest.fixture(autouse=True)
def _fast(monkeypatch: pytest.MonkeyPatch) -> None:
    fast_hashing(monkeypatch)


def changes(engine: Engine, **kwargs: object) -> list[tuple]:
    """Oldest first, without the time."""
    found = audit.list_changes(engine, **kwargs)  # type: ignore[arg-type]
    assert all(ISO_UTC.match(c.at) for c in found)
    return [(c.user, c.action, c.object, c.label, c.before, c.after) for c in reversed(found)]


def obs(indicator: int, value: float, status: str, *, text: str | None = None, note: str | None = None,
        rate: float | None = None, year: int = YEAR) -> dict:
    return {"indicator_id": indicator, "year": year, "value": value, "text": text, "note": note, "reported_rate": rate, "status": status}


def sheet(status: str, version: int, *, grade: str | None = "B", reasons: str | None = "減少した", issues: str | None = None,
          direction: str | None = "継続", comment: str | None = None) -> dict:
    return {"status": status, "version": version, "self_grade": grade, "reasons": reasons, "issues": issues,
            "next_direction": direction, "review_comment": comment}


def test_accounts_and_the_opening_of_a_cycle(engine: Engine) -> None:
    w = make_world(engine)
    assert changes(engine) == [
        (None, "create", "user:1", "kikaku", None, {"id": 1, "name": "kikaku", "display_name": None, "role": "admin", "departments": []}),
        (None, "create", "user:2", "shinsa", None, {"id": 2, "name": "shinsa", "display_name": None, "role": "reviewer", "departments": []}),
        (None, "create", "user:3", "hoiku", None, {"id": 3, "name": "hoiku", "display_name": None, "role": "editor", "departments": ["保育課"]}),
        (None, "create", "user:4", "gomi", None, {"id": 4, "name": "gomi", "display_name": None, "role": "editor", "departments": ["ごみ対策課"]}),
        (None, "create", "user:5", "etsuran", None, {"id": 5, "name": "etsuran", "display_name": None, "role": "viewer", "departments": []}),
        ("kikaku", "open", f"cycle:{w.cycle.id}", "かえで市第2次総合計画（架空の例） FY2025", None,
         {"plan_id": w.plan_id, "year": 2025, "deadline": "2026-06-30", "scale": "abcd", "status": "open"}),
    ]
    accounts.create_user(engine, name="new", role="viewer", password=PASSWORD, actor=w.admin)
    assert changes(engine, object="user:6")[0][:3] == ("kikaku", "create", "user:6")
    with transaction(engine) as s:
        assert all("password" not in str(e.after) and PASSWORD not in str(e.after) for e in s.scalars(select(m.AuditEntry)))


def test_every_step_of_a_measure(engine: Engine) -> None:
    w = make_world(engine)
    start = audit_count(engine)
    e, cid, m1 = engine, w.cycle.id, node_id(engine, "m1")
    waiting, waste, recycling = indicator_id(e, WAITING), indicator_id(e, WASTE), indicator_id(e, RECYCLING)
    nursery = project_id(e, NURSERY_PROJECT)

    a = cycle.enter_actual(e, user=w.hoiku, plan=w.plan_id, indicator=WAITING, year=YEAR, value=3, text="3人")
    cycle.enter_actual(e, user=w.hoiku, plan=w.plan_id, indicator=WAITING, year=YEAR, value=3, text="3人")  # unchanged: no record
    cycle.enter_actual(e, user=w.admin, plan=w.plan_id, indicator=WAITING, year=YEAR, value=2, note="訂正")
    upload = f"指標,年度,値\n{WASTE},2025,790\n{RECYCLING},2025,31\n".encode()
    up = cycle.upload_actuals(e, user=w.gomi, plan=w.plan_id, content=upload, filename="gomi.csv")
    p = cycle.record_project_progress(e, user=w.hoiku, cycle_id=cid, project_id=nursery, stage="継続", progress="着手")
    cycle.record_project_progress(e, user=w.hoiku, cycle_id=cid, project_id=nursery, stage="拡充", progress="着手")
    s1 = cycle.save_sheet(e, user=w.hoiku, cycle_id=cid, node_id=m1, version=0, self_grade="B", reasons="減少した", issues=None,
                          next_direction="継続")
    cycle.save_sheet(e, user=w.hoiku, cycle_id=cid, node_id=m1, version=1, self_grade="A", reasons="減少した", issues="保育士",
                     next_direction="継続")
    cycle.submit_sheet(e, user=w.hoiku, cycle_id=cid, node_id=m1, version=2)
    cycle.review_sheet(e, user=w.reviewer, cycle_id=cid, node_id=m1, version=3, approve=False, comment="根拠を")
    cycle.submit_sheet(e, user=w.hoiku, cycle_id=cid, node_id=m1, version=4)
    cycle.review_sheet(e, user=w.reviewer, cycle_id=cid, node_id=m1, version=5, approve=True, comment="了承")

    o_waiting, o_waste, o_recycling = a.indicator_id, *(r.indicator_id for r in up.rows)
    assert (o_waiting, o_waste, o_recycling) == (waiting, waste, recycling)
    ow, owa, orc = (observation(e, n, YEAR).id for n in (WAITING, WASTE, RECYCLING))
    label = "施策 1 子育て支援の充実 FY2025"
    want = [
        ("hoiku", "create", f"observation:{ow}", f"{WAITING} FY2025", None, obs(waiting, 3.0, "draft", text="3人")),
        ("kikaku", "update", f"observation:{ow}", f"{WAITING} FY2025", obs(waiting, 3.0, "draft", text="3人"),
         obs(waiting, 2.0, "draft", note="訂正")),
        ("gomi", "create", f"observation:{owa}", f"{WASTE} FY2025", None, obs(waste, 790.0, "draft")),
        ("gomi", "create", f"observation:{orc}", f"{RECYCLING} FY2025", None, obs(recycling, 31.0, "draft")),
        ("hoiku", "create", f"project_progress:{p.id}", f"{NURSERY_PROJECT} FY2025", None,
         {"project_id": nursery, "stage": "継続", "progress": "着手"}),
        ("hoiku", "update", f"project_progress:{p.id}", f"{NURSERY_PROJECT} FY2025",
         {"project_id": nursery, "stage": "継続", "progress": "着手"}, {"project_id": nursery, "stage": "拡充", "progress": "着手"}),
        ("hoiku", "create", f"sheet:{s1.sheet_id}", label, None, sheet("draft", 1)),
        ("hoiku", "update", f"sheet:{s1.sheet_id}", label, sheet("draft", 1), sheet("draft", 2, grade="A", issues="保育士")),
        ("hoiku", "submit", f"sheet:{s1.sheet_id}", label, sheet("draft", 2, grade="A", issues="保育士"),
         sheet("submitted", 3, grade="A", issues="保育士")),
        ("shinsa", "return", f"sheet:{s1.sheet_id}", label, sheet("submitted", 3, grade="A", issues="保育士"),
         sheet("returned", 4, grade="A", issues="保育士", comment="根拠を")),
        ("hoiku", "submit", f"sheet:{s1.sheet_id}", label, sheet("returned", 4, grade="A", issues="保育士", comment="根拠を"),
         sheet("submitted", 5, grade="A", issues="保育士", comment="根拠を")),
        ("shinsa", "approve", f"sheet:{s1.sheet_id}", label, sheet("submitted", 5, grade="A", issues="保育士", comment="根拠を"),
         sheet("approved", 6, grade="A", issues="保育士", comment="了承")),
        ("shinsa", "publish", f"observation:{ow}", f"{WAITING} FY2025", obs(waiting, 2.0, "draft", note="訂正"),
         obs(waiting, 2.0, "published", note="訂正")),
    ]
    assert changes(e)[start:] == want
    assert audit_count(e) == start + len(want)
    # the drafts of m10 (not approved) were not published
    assert observation(e, WASTE, YEAR).status == "draft"


def test_failures_leave_no_record(engine: Engine) -> None:
    w = make_world(engine)
    e, cid, m1 = engine, w.cycle.id, node_id(engine, "m1")
    cycle.save_sheet(e, user=w.hoiku, cycle_id=cid, node_id=m1, version=0, self_grade="B", reasons="x", issues=None, next_direction="継続")
    before = audit_count(e)
    attempts = [
        lambda: cycle.enter_actual(e, user=w.hoiku, plan=w.plan_id, indicator=WAITING, year=YEAR, value="abc"),
        lambda: cycle.enter_actual(e, user=w.hoiku, plan=w.plan_id, indicator=RECYCLING, year=YEAR, value=30),
        lambda: cycle.upload_actuals(e, user=w.gomi, plan=w.plan_id, filename="a.csv",
                                     content=f"指標,年度,値\n{WASTE},2025,790\n{RECYCLING},2025,x\n".encode()),
        lambda: cycle.save_sheet(e, user=w.hoiku, cycle_id=cid, node_id=m1, version=0, self_grade="B", reasons="y", issues=None,
                                 next_direction="継続"),
        lambda: cycle.save_sheet(e, user=w.hoiku, cycle_id=cid, node_id=m1, version=1, self_grade="Z", reasons="y", issues=None,
                                 next_direction="継続"),
        lambda: cycle.review_sheet(e, user=w.reviewer, cycle_id=cid, node_id=m1, version=1, approve=True),
        lambda: cycle.open_cycle(e, user=w.admin, plan=w.plan_id, year=YEAR),
        lambda: cycle.open_cycle(e, user=w.hoiku, plan=w.plan_id, year=2026),
        lambda: cycle.record_project_progress(e, user=w.gomi, cycle_id=cid, project_id=project_id(e, NURSERY_PROJECT), stage="x"),
        lambda: accounts.create_user(e, name="short", role="viewer", password="short"),
    ]  # (a failed sign-in is itself audited: see test_sign_in.py)
    for attempt in attempts:
        with pytest.raises((KeikakuError, PermissionDenied)):
            attempt()
    assert audit_count(e) == before
    assert observation(e, WASTE, YEAR) is None


def test_filters_and_limits(engine: Engine) -> None:
    w = make_world(engine)
    cycle.enter_actual(engine, user=w.hoiku, plan=w.plan_id, indicator=WAITING, year=YEAR, value=3)
    assert [c[2] for c in changes(engine, object="user")] == [f"user:{i}" for i in range(1, 6)]
    assert [c[2] for c in changes(engine, object="user:3")] == ["user:3"]
    assert changes(engine, object="sheet") == []
    newest = audit.list_changes(engine, limit=2)
    assert [c.object.split(":")[0] for c in newest] == ["observation", "cycle"]
    assert list(newest[0].to_json()) == ["at", "user", "object", "before", "after", "action", "label"]
    for bad in ("plan:1", "user:", "nonsense"):
        with pytest.raises(KeikakuError, match="--object is TYPE:ID or TYPE"):
            audit.list_changes(engine, object=bad)


def test_the_log_is_append_only(engine: Engine) -> None:
    make_world(engine, open_cycle=False)
    with pytest.raises(KeikakuError, match="append-only"), transaction(engine) as s:
        s.scalars(select(m.AuditEntry)).first().after = {"role": "admin"}
    with pytest.raises(KeikakuError, match="append-only"), transaction(engine) as s:
        s.delete(s.scalars(select(m.AuditEntry)).first())
    assert audit_count(engine) == 5


def test_record_refuses_unknown_object_types() -> None:
    with pytest.raises(ValueError, match="unknown audit object type 'plan'"):
        audit.record(None, user_name=None, action="x", object_type="plan", object_id=1, label=None, before=None, after=None)  # type: ignore[arg-type]


def test_snapshots_are_made_json_ready() -> None:
    from datetime import date, datetime, timezone

    assert audit.jsonable({"d": date(2026, 6, 30), "t": datetime(2026, 5, 1, 9, tzinfo=timezone.utc), "s": {3, 1}, "n": None}) == {
        "d": "2026-06-30", "t": "2026-05-01T09:00:00+00:00", "s": [1, 3], "n": None}
