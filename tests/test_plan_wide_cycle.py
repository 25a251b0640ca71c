"""Plan-wide indicators (directly under the plan, no node) in the yearly evaluation: the plan-wide
sheet, one per cycle, written by the plan's owner (admin) and approved by a reviewer; its actuals
entered one by one or by file, published on approval, counted by the board and reminders; through
the services, the staff pages, the JSON API and the CLI (SQLite, or PostgreSQL with
KEIKAKU_TEST_DATABASE_URL)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from typer.testing import CliRunner

from cycle_helpers import DEADLINE, PASSWORD, PLAN_KEY, WAITING, YEAR, fast_hashing, load_kaede, node_id
from keikaku.cli.main import app as cli_app
from keikaku.domain.errors import NotFoundError
from keikaku.domain.permissions import PermissionDenied
from keikaku.services import accounts, api_tokens, cycle, reminders
from keikaku.services.accounts import UserInfo
from keikaku.services.plans import EXAMPLE_DIR, load_plan_file
from keikaku.settings import Settings
from keikaku.storage import models as m
from keikaku.storage.database import transaction
from keikaku.web.app import create_app
from smtp_inbox import Inbox, inbox  # noqa: F401 - inbox: the local SMTP server

SATISFACTION = "住み続けたいと感じる市民の割合"  # plan-wide, %, 60 (2019) → 70 (2030), 62 in FY2024
POPULATION = "総人口"  # plan-wide, 人, 118,000 (2019) → 120,000 (2030)
SITE = "https://keikaku.city.example.jp"
SENDER = "keikaku@city.example.jp"
TODAY = DEADLINE - timedelta(days=10)  # 2026-06-20
PLAN_TITLE = "かえで市第2次総合計画（架空の例）"


@dataclass
class Wide:
    engine: Engine
    plan_id: int
    cycle_id: int
    admin: UserInfo
    reviewer: UserInfo
    hoiku: UserInfo


def plan_file_with_plan_wide(directory: Path) -> Path:
    """かえで市's plan with two plan-wide indicators added after its own."""
    doc = json.loads((EXAMPLE_DIR / "kaede-comprehensive-plan.json").read_text(encoding="utf-8"))
    doc["indicators"] += [
        {"node": None, "name": SATISFACTION, "kind": "outcome", "unit": "%", "direction": "increase",
         "baseline": {"value": 60, "year": 2019, "text": "60%"}, "target": {"value": 70, "year": 2030, "text": "70%"},
         "actuals": [{"year": 2024, "value": 62, "text": "62%"}]},
        {"node": None, "name": POPULATION, "kind": "outcome", "unit": "人", "direction": "increase",
         "baseline": {"value": 118000, "year": 2019, "text": "118,000人"},
         "target": {"value": 120000, "year": 2030, "text": "120,000人"}},
    ]
    path = directory / "kaede-plan-wide.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def make_wide(engine: Engine, directory: Path) -> Wide:
    plan_id = load_plan_file(engine, plan_file_with_plan_wide(directory)).plan_id

    def user(name: str, role: str, *departments: str, mail: str | None = None) -> UserInfo:
        return accounts.create_user(engine, name=name, role=role, password=PASSWORD, departments=departments, email=mail)

    admin = user("kikaku", "admin", mail="kikaku@city.example.jp")
    reviewer, hoiku = user("shinsa", "reviewer"), user("hoiku", "editor", "保育課")
    opened = cycle.open_cycle(engine, user=admin, plan=plan_id, year=YEAR, deadline=DEADLINE)
    return Wide(engine, plan_id, opened.id, admin, reviewer, hoiku)


@pytest.fixture
def wide(engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Wide:
    fast_hashing(monkeypatch)
    return make_wide(engine, tmp_path)


def obs(engine: Engine, name: str, year: int) -> tuple[float | None, str] | None:
    with transaction(engine) as s:
        row = s.execute(select(m.Observation.value, m.Observation.status).join(m.Indicator)
                        .where(m.Indicator.name == name, m.Observation.year == year)).first()
        return (row.value, row.status) if row else None


def approve_plan_wide(w: Wide) -> cycle.SheetView:
    """Save, submit and approve the plan-wide sheet."""
    saved = cycle.save_sheet(w.engine, user=w.admin, cycle_id=w.cycle_id, node_id=None, version=0, self_grade="B",
                             reasons="満足度は上昇", issues=None, next_direction="継続")
    cycle.submit_sheet(w.engine, user=w.admin, cycle_id=w.cycle_id, node_id=None, version=saved.version)
    return cycle.review_sheet(w.engine, user=w.reviewer, cycle_id=w.cycle_id, node_id=None, version=saved.version + 1,
                              approve=True)


def public_row(client: TestClient, plan_id: int, name: str) -> dict[str, object]:
    data = client.get(f"/api/v1/plans/{plan_id}/indicators", params={"year": YEAR}).json()
    return next(i for i in data["indicators"] if i["name"] == name)


# --- storage -----------------------------------------------------------------------------------

def test_one_plan_wide_sheet_per_cycle_in_the_database(wide: Wide) -> None:
    with transaction(wide.engine) as s:
        s.add(m.EvaluationSheet(cycle_id=wide.cycle_id, node_id=None, status="draft", version=1))
    with pytest.raises(IntegrityError):
        with transaction(wide.engine) as s:
            s.add(m.EvaluationSheet(cycle_id=wide.cycle_id, node_id=None, status="draft", version=1))
    other = cycle.open_cycle(wide.engine, user=wide.admin, plan=wide.plan_id, year=2024)
    with transaction(wide.engine) as s:  # another cycle has a plan-wide sheet of its own
        s.add(m.EvaluationSheet(cycle_id=other.id, node_id=None, status="draft", version=1))
    m1 = node_id(wide.engine, "m1")
    with transaction(wide.engine) as s:
        s.add(m.EvaluationSheet(cycle_id=wide.cycle_id, node_id=m1, status="draft", version=1))
    with pytest.raises(IntegrityError):
        with transaction(wide.engine) as s:
            s.add(m.EvaluationSheet(cycle_id=wide.cycle_id, node_id=m1, status="draft", version=1))
    with transaction(wide.engine) as s:
        rows = s.execute(select(m.EvaluationSheet.cycle_id, m.EvaluationSheet.node_id).order_by(m.EvaluationSheet.id)).all()
    assert [tuple(r) for r in rows] == [(wide.cycle_id, None), (other.id, None), (wide.cycle_id, m1)]


# --- services ----------------------------------------------------------------------------------

def test_the_plan_wide_sheet_is_listed_first_and_holds_the_plan_wide_indicators(wide: Wide) -> None:
    sheets = cycle.list_sheets(wide.engine, cycle_id=wide.cycle_id, user=wide.admin)
    assert sheets[0] == cycle.SheetSummary(node_id=None, node_label="計画全体の指標", departments=(), status="draft",
                                           version=0, editable=True)
    assert sheets[0].to_json()["plan_wide"] is True and sheets[1].to_json()["plan_wide"] is False
    assert sheets[1].node_label == "施策 1 子育て支援の充実"
    assert cycle.list_sheets(wide.engine, cycle_id=wide.cycle_id, user=wide.hoiku)[0].editable is False
    view = cycle.sheet(wide.engine, user=wide.admin, cycle_id=wide.cycle_id, node_id=None)
    assert (view.node_id, view.node_key, view.node_label, view.departments, view.projects) == (
        None, "plan", "計画全体の指標", (), ())
    assert [(i.name, i.unit, i.value, i.actual_status, i.assessed_year, i.editable) for i in view.indicators] == [
        (SATISFACTION, "%", None, None, 2024, True), (POPULATION, "人", None, None, None, True)]
    assert view.allowed_actions == ("edit_sheet", "submit_sheet", "enter_actual", "record_progress")
    data = view.to_json()
    assert data["node"] is None and data["plan_wide"] is True and data["sheet"]["version"] == 0
    assert cycle.find_measure(wide.engine, cycle_id=wide.cycle_id, ref="plan") is None
    assert cycle.find_measure(wide.engine, cycle_id=wide.cycle_id, ref="1") == node_id(wide.engine, "m1")
    editor_view = cycle.sheet(wide.engine, user=wide.hoiku, cycle_id=wide.cycle_id, node_id=None)
    assert editor_view.allowed_actions == () and [i.editable for i in editor_view.indicators] == [False, False]


def test_a_plan_without_plan_wide_indicators_has_no_plan_wide_sheet(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    fast_hashing(monkeypatch)
    plan_id = load_kaede(engine)
    admin = accounts.create_user(engine, name="kikaku", role="admin", password=PASSWORD)
    opened = cycle.open_cycle(engine, user=admin, plan=plan_id, year=YEAR)
    assert [s.node_id for s in cycle.list_sheets(engine, cycle_id=opened.id)][0] == node_id(engine, "m1")
    message = f"the plan of evaluation cycle {opened.id} has no plan-wide indicators, and so no plan-wide sheet"
    with pytest.raises(NotFoundError, match=f"^{re.escape(message)}$"):
        cycle.sheet(engine, user=admin, cycle_id=opened.id, node_id=None)
    with pytest.raises(NotFoundError, match=f"^{re.escape(message)}$"):
        cycle.save_sheet(engine, user=admin, cycle_id=opened.id, node_id=None, version=0, self_grade="A", reasons="x",
                         issues=None, next_direction="継続")
    with pytest.raises(NotFoundError):
        cycle.find_measure(engine, cycle_id=opened.id, ref="plan")
    assert all(d.department_id is not None for d in cycle.progress_board(engine, cycle_id=opened.id))


def test_enter_submit_approve_publishes_the_plan_wide_actuals(wide: Wide) -> None:
    e = wide.engine
    with pytest.raises(PermissionDenied, match="^hoiku \\(editor\\) may enter_actual only for their own departments"):
        cycle.enter_actual(e, user=wide.hoiku, plan=wide.plan_id, indicator=SATISFACTION, year=YEAR, value=65)
    info = cycle.enter_actual(e, user=wide.admin, plan=wide.plan_id, indicator=SATISFACTION, year=YEAR, value="65.5")
    assert (info.node_id, info.value, info.status, info.outcome) == (None, 65.5, "draft", "created")
    assert obs(e, SATISFACTION, YEAR) == (65.5, "draft")
    with pytest.raises(PermissionDenied, match="may edit_sheet only for their own departments, not on the sheet of 計画全体の指標$"):
        cycle.save_sheet(e, user=wide.hoiku, cycle_id=wide.cycle_id, node_id=None, version=0, self_grade="B",
                         reasons="x", issues=None, next_direction="継続")
    saved = cycle.save_sheet(e, user=wide.admin, cycle_id=wide.cycle_id, node_id=None, version=0, self_grade="B",
                             reasons="満足度は上昇", issues=None, next_direction="継続")
    assert (saved.sheet_id is not None, saved.version, saved.status, saved.self_grade) == (True, 1, "draft", "B")
    with pytest.raises(cycle.SheetConflict):
        cycle.save_sheet(e, user=wide.admin, cycle_id=wide.cycle_id, node_id=None, version=0, self_grade="A",
                         reasons="古い版", issues=None, next_direction="継続")
    submitted = cycle.submit_sheet(e, user=wide.admin, cycle_id=wide.cycle_id, node_id=None, version=1)
    assert (submitted.status, submitted.version) == ("submitted", 2)
    with pytest.raises(PermissionDenied):
        cycle.review_sheet(e, user=wide.hoiku, cycle_id=wide.cycle_id, node_id=None, version=2, approve=True)
    returned = cycle.review_sheet(e, user=wide.reviewer, cycle_id=wide.cycle_id, node_id=None, version=2, approve=False,
                                  comment="人口の実績も入れてください")
    assert (returned.status, returned.review_comment) == ("returned", "人口の実績も入れてください")
    assert obs(e, SATISFACTION, YEAR) == (65.5, "draft")  # returning publishes nothing
    cycle.enter_actual(e, user=wide.admin, plan=wide.plan_id, indicator=POPULATION, year=YEAR, value="118,500")
    cycle.submit_sheet(e, user=wide.admin, cycle_id=wide.cycle_id, node_id=None, version=3)
    approved = cycle.review_sheet(e, user=wide.reviewer, cycle_id=wide.cycle_id, node_id=None, version=4, approve=True)
    assert (approved.status, approved.approved_by) == ("approved", "shinsa")
    assert [(i.name, i.value, i.actual_status) for i in approved.indicators] == [
        (SATISFACTION, 65.5, "published"), (POPULATION, 118500, "published")]
    assert obs(e, SATISFACTION, YEAR) == (65.5, "published") and obs(e, POPULATION, YEAR) == (118500.0, "published")
    with pytest.raises(cycle.SheetLocked):  # an editor may not change it now; only an admin's correction
        cycle.save_sheet(e, user=wide.admin, cycle_id=wide.cycle_id, node_id=None, version=5, self_grade="A",
                         reasons="x", issues=None, next_direction="継続")
    with transaction(e) as s:
        actions = s.scalars(select(m.AuditEntry.action).where(m.AuditEntry.object_type == "observation",
                                                              m.AuditEntry.action == "publish")).all()
        labels = s.scalars(select(m.AuditEntry.object_label).where(m.AuditEntry.object_type == "sheet")).all()
    assert len(actions) == 2 and set(labels) == {"計画全体の指標 FY2025"}
    # a measure's draft stays a draft: approving the plan-wide sheet publishes the plan-wide actuals only
    hoiku_info = cycle.enter_actual(e, user=wide.hoiku, plan=wide.plan_id, indicator=WAITING, year=YEAR, value=3)
    assert hoiku_info.status == "draft" and obs(e, WAITING, YEAR) == (3.0, "draft")


def test_approved_plan_wide_actuals_are_locked_and_uploads_say_so(wide: Wide) -> None:
    e = wide.engine
    csv = f"指標,年度,値\n{SATISFACTION},2025,64.5\n{POPULATION},2025,\"118,200\"\n".encode()
    result = cycle.upload_actuals(e, user=wide.admin, plan=wide.plan_id, content=csv, filename="wide.csv")
    assert [(a.indicator, a.node_id, a.value, a.status) for a in result.rows] == [
        (SATISFACTION, None, 64.5, "draft"), (POPULATION, None, 118200, "draft")]
    with pytest.raises(cycle.UploadRejected) as refused:
        cycle.upload_actuals(e, user=wide.hoiku, plan=wide.plan_id, content=csv, filename="wide.csv")
    assert [(r.row, r.code) for r in refused.value.errors] == [(2, "not_your_department"), (3, "not_your_department")]
    approve_plan_wide(wide)
    with pytest.raises(cycle.UploadRejected) as locked:
        cycle.upload_actuals(e, user=wide.admin, plan=wide.plan_id, content=csv.replace(b"64.5", b"66"), filename="wide.csv")
    assert [(r.row, r.column, r.code) for r in locked.value.errors] == [(2, "指標", "locked"), (3, "指標", "locked")]
    assert locked.value.errors[0].message == f"the FY2025 sheet of 計画全体の指標 is approved: the actuals of {SATISFACTION} are locked"
    with pytest.raises(PermissionDenied):  # not an editor's, approved or not
        cycle.enter_actual(e, user=wide.hoiku, plan=wide.plan_id, indicator=SATISFACTION, year=YEAR, value=1)
    corrected = cycle.enter_actual(e, user=wide.admin, plan=wide.plan_id, indicator=SATISFACTION, year=YEAR, value=64.8)
    assert (corrected.value, corrected.status) == (64.8, "published")  # an admin's correction stays published


# --- the board and reminders ---------------------------------------------------------------------

def test_the_board_counts_the_plan_wide_sheet_first(wide: Wide) -> None:
    e = wide.engine
    board = cycle.progress_board(e, cycle_id=wide.cycle_id, today=TODAY)
    owner = board[0]
    assert (owner.department_id, owner.department, owner.measures, owner.actuals_expected, owner.actuals_entered,
            owner.draft, owner.late) == (None, "企画政策課（計画全体）", 1, 2, 0, 1, 0)
    assert [(i.kind, i.node_id, i.measure, i.name) for i in owner.items] == [
        ("actual", None, "計画全体の指標", SATISFACTION), ("actual", None, "計画全体の指標", POPULATION),
        ("sheet", None, "計画全体の指標", None)]
    assert all(d.department_id is not None for d in board[1:])
    cycle.enter_actual(e, user=wide.admin, plan=wide.plan_id, indicator=SATISFACTION, year=YEAR, value=64)
    late = cycle.progress_board(e, cycle_id=wide.cycle_id, today=DEADLINE + timedelta(days=1))[0]
    assert (late.actuals_entered, late.late, late.missing) == (1, 1, 2)
    approve_plan_wide(wide)
    done = cycle.progress_board(e, cycle_id=wide.cycle_id, today=TODAY)[0]
    assert (done.approved, done.draft, done.actuals_entered, done.items, done.done) == (1, 0, 1, [], True)


def test_reminders_tell_the_admins_about_the_plan_wide_sheet(wide: Wide, inbox: Inbox) -> None:
    e = wide.engine
    cycle.enter_actual(e, user=wide.admin, plan=wide.plan_id, indicator=SATISFACTION, year=YEAR, value=64)
    settings = Settings(smtp_host="127.0.0.1", smtp_port=inbox.port, smtp_starttls=False, smtp_from=SENDER, site_url=SITE)
    run = reminders.send_reminders(e, plan=wide.plan_id, year=YEAR, today=TODAY, settings=settings)
    owner = run.departments[0]
    assert owner.progress.department_id is None and [(x.to, x.status) for x in owner.mails] == [
        ("kikaku@city.example.jp", "sent")]
    (rcpt, message), = [(r, msg) for _sender, r, msg in inbox.received if r == ["kikaku@city.example.jp"]]
    assert str(message["Subject"]) == (f"【施策評価】{PLAN_TITLE} 2025年度 企画政策課（計画全体）: 未入力・未提出 2件、差戻し 0件"
                                       "（提出期限 2026-06-30）")
    body = message.get_content()
    assert "\n".join([
        "■ 計画全体の指標",
        f"・実績値が未入力: {POPULATION}",
        "・評価シートが未提出",
        f"{SITE}/staff/cycles/{wide.cycle_id}/plan",
    ]) in body
    with transaction(e) as s:
        sent = s.execute(select(m.ReminderSent.department_id, m.ReminderSent.email, m.ReminderSent.missing)).all()
    assert (None, "kikaku@city.example.jp", 2) in [tuple(r) for r in sent]
    again = reminders.send_reminders(e, plan=wide.plan_id, year=YEAR, today=TODAY, settings=settings)
    assert [x.status for x in again.departments[0].mails] == ["already_sent"]
    board = cycle.cycle_overview(e, cycle_id=wide.cycle_id, today=TODAY)[1]
    assert board[0].last_reminded is not None


# --- staff pages -------------------------------------------------------------------------------

def text_of(response) -> str:  # noqa: ANN001
    """A page's HTML without the line-break hints (<wbr>) set into Japanese headings."""
    return response.text.replace("<wbr>", "")


def web_client(engine: Engine) -> TestClient:
    return TestClient(create_app(engine), raise_server_exceptions=False, follow_redirects=False)


def sign_in(engine: Engine, name: str) -> tuple[TestClient, str]:
    c = web_client(engine)
    token = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/login").text).group(1)
    assert c.post("/login", data={"name": name, "password": PASSWORD, "csrf_token": token}).status_code == 303
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/staff").text).group(1)
    return c, csrf


def test_the_staff_pages_of_the_plan_wide_sheet(wide: Wide) -> None:
    e, cid = wide.engine, wide.cycle_id
    sat, pop = _ids(e, SATISFACTION, POPULATION)
    admin, csrf = sign_in(e, "kikaku")
    board = text_of(admin.get(f"/staff/cycles/{cid}"))
    sheets = board[board.index('<ul class="sheets">'):]
    first = re.search(r"<li[^>]*><a href=\"([^\"]+)\">([^<]+)</a>", sheets)
    assert first.groups() == (f"/staff/cycles/{cid}/plan", "計画全体の指標")
    assert "企画政策課（計画全体）" in board
    assert "Planning division (plan-wide)" in text_of(admin.get(f"/staff/cycles/{cid}?lang=en"))
    page = admin.get(f"/staff/cycles/{cid}/plan?lang=ja")
    assert page.status_code == 200
    html = text_of(page)
    assert "<h1>計画全体の指標</h1>" in html and f'name="value-{sat}"' in html and f'name="value-{pop}"' in html
    assert f'action="/staff/cycles/{cid}/plan/sheet"' in html and "/progress" not in html
    assert "<h1>Plan-wide indicators</h1>" in text_of(admin.get(f"/staff/cycles/{cid}/plan?lang=en"))
    r = admin.post(f"/staff/cycles/{cid}/plan/actuals", data={"csrf_token": csrf, f"value-{sat}": "abc"})
    assert r.status_code == 422 and obs(e, SATISFACTION, YEAR) is None
    r = admin.post(f"/staff/cycles/{cid}/plan/actuals", data={"csrf_token": csrf, f"value-{sat}": "66.5", f"value-{pop}": "118,900"})
    assert (r.status_code, r.headers["location"]) == (303, f"/staff/cycles/{cid}/plan?msg=saved")
    assert obs(e, SATISFACTION, YEAR) == (66.5, "draft") and obs(e, POPULATION, YEAR) == (118900.0, "draft")
    editor, editor_csrf = sign_in(e, "hoiku")
    assert 'name="value-' not in editor.get(f"/staff/cycles/{cid}/plan").text
    data = {"version": 0, "self_grade": "B", "reasons": "上昇", "next_direction": "継続"}
    assert editor.post(f"/staff/cycles/{cid}/plan/sheet", data={**data, "csrf_token": editor_csrf}).status_code == 403
    assert admin.post(f"/staff/cycles/{cid}/plan/sheet", data=data).status_code == 403  # no CSRF token
    r = admin.post(f"/staff/cycles/{cid}/plan/sheet", data={**data, "action": "submit", "csrf_token": csrf})
    assert (r.status_code, r.headers["location"]) == (303, f"/staff/cycles/{cid}/plan?msg=submitted")
    public = web_client(e)
    assert public_row(public, wide.plan_id, SATISFACTION)["value"] == 62  # the FY2024 figure: the draft is not shown
    reviewer, reviewer_csrf = sign_in(e, "shinsa")
    r = reviewer.post(f"/staff/cycles/{cid}/plan/review", data={"version": 1, "decision": "approve", "confirm": "yes", "csrf_token": reviewer_csrf})
    assert r.status_code == 409  # an old version
    r = reviewer.post(f"/staff/cycles/{cid}/plan/review", data={"version": 2, "decision": "approve", "confirm": "yes", "csrf_token": reviewer_csrf})
    assert (r.status_code, r.headers["location"]) == (303, f"/staff/cycles/{cid}/plan?msg=approved")
    row = public_row(public, wide.plan_id, SATISFACTION)
    assert (row["year"], row["value"], row["draft"], row["node"]) == (2025, 66.5, False, None)
    plan_page = text_of(public.get(f"/plans/{wide.plan_id}"))
    section = plan_page[plan_page.index('id="plan-ind"'):]
    assert "66.5" in section[:section.index("</section>")]


def test_the_plan_wide_page_of_a_plan_without_one_is_404(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    fast_hashing(monkeypatch)
    plan_id = load_kaede(engine)
    admin = accounts.create_user(engine, name="kikaku", role="admin", password=PASSWORD)
    opened = cycle.open_cycle(engine, user=admin, plan=plan_id, year=YEAR)
    c, _csrf = sign_in(engine, "kikaku")
    assert c.get(f"/staff/cycles/{opened.id}/plan").status_code == 404
    assert f"/staff/cycles/{opened.id}/plan" not in c.get(f"/staff/cycles/{opened.id}").text


def _ids(engine: Engine, *names: str) -> list[int]:
    with transaction(engine) as s:
        found = dict(s.execute(select(m.Indicator.name, m.Indicator.id).where(m.Indicator.name.in_(names))).tuples().all())
    return [found[n] for n in names]


# --- JSON API ----------------------------------------------------------------------------------

def test_the_api_names_the_plan_wide_sheet_plan(wide: Wide) -> None:
    e, cid = wide.engine, wide.cycle_id
    client = TestClient(create_app(e), raise_server_exceptions=False)
    admin = {"Authorization": f"Bearer {api_tokens.create_token(e, user='kikaku').token}"}
    reviewer = {"Authorization": f"Bearer {api_tokens.create_token(e, user='shinsa').token}"}
    editor = {"Authorization": f"Bearer {api_tokens.create_token(e, user='hoiku').token}"}
    base = f"/api/v1/cycles/{cid}/sheets"
    listed = client.get(base, headers=admin).json()["sheets"]
    assert listed[0] == {"node_id": None, "plan_wide": True, "node_label": "計画全体の指標", "departments": [],
                         "status": "draft", "version": 0, "editable": True}
    shown = client.get(f"{base}/plan", headers=admin).json()
    assert shown["node"] is None and shown["plan_wide"] is True
    assert [i["name"] for i in shown["indicators"]] == [SATISFACTION, POPULATION]
    assert client.get(f"{base}/plans", headers=admin).status_code == 422
    assert client.get(f"{base}/plan").status_code == 401
    body = {"version": 0, "self_grade": "B", "reasons": "上昇", "next_direction": "継続"}
    refused = client.put(f"{base}/plan", headers=editor, json=body)
    assert refused.status_code == 403 and refused.json()["error"] == "PermissionDenied"
    r = client.post(f"/api/v1/cycles/{cid}/actuals", headers=admin, json={"actuals": [{"indicator": SATISFACTION, "value": 67}]})
    assert r.status_code == 200 and r.json()["actuals"][0]["indicator"]["node_id"] is None
    assert client.put(f"{base}/plan", headers=admin, json=body).json()["sheet"]["version"] == 1
    stale = client.post(f"{base}/plan/submit", headers=admin, json={"version": 0})
    assert (stale.status_code, stale.json()["current_version"]) == (409, 1)
    assert client.post(f"{base}/plan/submit", headers=admin, json={"version": 1}).json()["sheet"]["status"] == "submitted"
    assert client.post(f"{base}/plan/approve", headers=editor, json={"version": 2}).status_code == 403
    approved = client.post(f"{base}/plan/approve", headers=reviewer, json={"version": 2})
    assert approved.status_code == 200 and approved.json()["sheet"]["status"] == "approved"
    assert obs(e, SATISFACTION, YEAR) == (67.0, "published")
    again = client.post(f"{base}/plan/approve", headers=reviewer, json={"version": 3})
    assert (again.status_code, again.json()["error"], again.json()["current_status"]) == (409, "SheetLocked", "approved")


def test_the_api_404s_a_plan_without_plan_wide_indicators(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    fast_hashing(monkeypatch)
    plan_id = load_kaede(engine)
    accounts.create_user(engine, name="kikaku", role="admin", password=PASSWORD)
    opened = cycle.open_cycle(engine, user=accounts.get_user(engine, "kikaku"), plan=plan_id, year=YEAR)
    client = TestClient(create_app(engine), raise_server_exceptions=False)
    headers = {"Authorization": f"Bearer {api_tokens.create_token(engine, user='kikaku').token}"}
    r = client.get(f"/api/v1/cycles/{opened.id}/sheets/plan", headers=headers)
    assert (r.status_code, r.json()["error"]) == (404, "NotFoundError")


# --- CLI ---------------------------------------------------------------------------------------

def test_the_cli_names_the_plan_wide_sheet_plan(cli_env: str, engine: Engine, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    fast_hashing(monkeypatch)
    w = make_wide(engine, tmp_path)
    runner = CliRunner(env={"COLUMNS": "200"})

    def sheet(command: str, user: str, *more: str):  # noqa: ANN202
        return runner.invoke(cli_app, ["sheet", command, "--plan", PLAN_KEY, "--year", "2025", "--node", "plan",
                                       "--user", user, *more])

    entered = runner.invoke(cli_app, ["observe", "--plan", PLAN_KEY, "--user", "kikaku", "--indicator", SATISFACTION,
                                      "--year", "2025", "--value", "63.5"])
    assert entered.exit_code == 0, entered.output
    shown = sheet("show", "kikaku")
    assert shown.exit_code == 0, shown.output
    lines = shown.output.splitlines()
    assert lines[0] == f"計画全体の指標 (2025年度・サイクル {w.cycle_id})"
    assert f"  {SATISFACTION}: 63.5% (下書き) B" in lines or any(x.startswith(f"  {SATISFACTION}: 63.5% (下書き)") for x in lines)
    as_json = json.loads(sheet("show", "kikaku", "--format", "json").output)
    assert as_json["node"] is None and as_json["plan_wide"] is True
    refused = sheet("edit", "hoiku", "--grade", "B", "--reasons", "上昇", "--direction", "継続")
    assert refused.exit_code == 2
    edited = sheet("edit", "kikaku", "--grade", "B", "--reasons", "上昇", "--direction", "継続")
    assert edited.exit_code == 0, edited.output
    assert sheet("submit", "kikaku").exit_code == 0
    approved = sheet("approve", "shinsa")
    assert approved.exit_code == 0, approved.output
    assert "計画全体の指標" in approved.output
    assert obs(engine, SATISFACTION, YEAR) == (63.5, "published")
    assert sheet("show", "kikaku").output.splitlines()[2].startswith("状態: 承認済")


def test_the_plan_file_keeps_the_plan_wide_sheet(wide: Wide) -> None:
    from keikaku.services.plans import dump_plan, load_plan

    approve_plan_wide(wide)
    doc = dump_plan(wide.engine, wide.plan_id)
    sheets = doc.cycles[0].sheets
    assert [(s.node, s.status, s.self_grade, s.version) for s in sheets] == [(None, "approved", "B", 3)]
    assert load_plan(wide.engine, doc).plan_id == wide.plan_id  # the same content again
    assert cycle.sheet(wide.engine, user=wide.admin, cycle_id=wide.cycle_id, node_id=None).status == "approved"
