"""Back-filling past years' actuals (keikaku.services.backfill): the rules, the staff page through
the HTTP app, and ``keikaku actuals backfill``; on SQLite, or PostgreSQL with
KEIKAKU_TEST_DATABASE_URL.

かえで市's plan runs FY2021–2030; 授業の内容がよく分かると答えた児童の割合 (%, m2) has actuals for
FY2021–2022 only, 保育所等待機児童数 (人, m1) for FY2021–2024 (FY2022: 9, printed 9人).
"""

from __future__ import annotations

import html
import re
from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from typer.testing import CliRunner

from cycle_helpers import PASSWORD, WAITING, audit_count, fast_hashing, indicator_id, make_world, observation, xlsx
from keikaku.cli.main import app
from keikaku.domain.permissions import PermissionDenied
from keikaku.services import audit, backfill, cycle, readmodel
from keikaku.services.cycle_common import UploadRejected
from keikaku.services.plans import EXAMPLE_DIR
from keikaku.storage import models as m
from keikaku.storage.database import transaction
from keikaku.web.app import create_app

TODAY = date(2025, 11, 30)  # in FY2025
SCHOOL = "授業の内容がよく分かると答えた児童の割合"
HEADER = "指標,年度,値,備考\n"


@pytest.fixture
def world(engine: Engine, monkeypatch: pytest.MonkeyPatch):
    fast_hashing(monkeypatch)
    return make_world(engine, open_cycle=False)


def entries(engine: Engine) -> list[m.AuditEntry]:
    with transaction(engine) as s:
        return list(s.scalars(select(m.AuditEntry).where(m.AuditEntry.action.like("backfill%")).order_by(m.AuditEntry.id)))


def actuals_of(engine: Engine, name: str) -> list[tuple[int, float | None, str | None, str]]:
    with transaction(engine) as s:
        rows = s.execute(select(m.Observation.year, m.Observation.value, m.Observation.note, m.Observation.status)
                         .join(m.Indicator).where(m.Indicator.name == name).order_by(m.Observation.position))
        return [tuple(r) for r in rows]


def file_of(*rows: str) -> bytes:
    return (HEADER + "".join(r + "\n" for r in rows)).encode("utf-8")


# --- the service ------------------------------------------------------------------------------

def test_only_an_admin_may_backfill(world) -> None:
    for person in (world.reviewer, world.hoiku, world.viewer):
        with pytest.raises(PermissionDenied) as exc:
            backfill.backfill_actual(world.engine, user=person, plan=world.plan_id, indicator=SCHOOL, year=2023, value=81,
                                     today=TODAY)
        assert str(exc.value) == f"{person.name} ({person.role}) may not backfill_actuals on past years' actuals"
        with pytest.raises(PermissionDenied):
            backfill.backfill_file(world.engine, user=person, plan=world.plan_id, content=b"not even a file", filename="x.csv",
                                   today=TODAY)
        with pytest.raises(PermissionDenied):
            backfill.backfill_form(world.engine, user=person, plan=world.plan_id, today=TODAY)
    assert actuals_of(world.engine, SCHOOL) == [(2021, 79.5, None, "published"), (2022, 80.2, None, "published")]
    assert entries(world.engine) == []


def test_one_value_is_stored_published_with_its_audit_entry(world) -> None:
    result = backfill.backfill_actual(world.engine, user=world.admin, plan=world.plan_id, indicator=SCHOOL, year="令和5年度",
                                      value="81.4", note="学力調査", today=TODAY)
    school = indicator_id(world.engine, SCHOOL)
    assert result.to_json() == {
        "plan": {"id": world.plan_id, "title": "かえで市第2次総合計画（架空の例）"}, "filename": None, "replace": False,
        "saved": True, "created": 1, "replaced": 0, "unchanged": 0, "skipped_rows": [],
        "actuals": [{"row": None, "indicator": {"id": school, "name": SCHOOL, "unit": "%"}, "year": 2023, "value": 81.4,
                     "note": "学力調査", "before": None, "outcome": "created"}],
    }
    assert actuals_of(world.engine, SCHOOL) == [(2021, 79.5, None, "published"), (2022, 80.2, None, "published"),
                                               (2023, 81.4, "学力調査", "published")]
    obs = observation(world.engine, SCHOOL, 2023)
    assert obs.entered_by_id == world.admin.id
    [entry] = entries(world.engine)
    assert (entry.user_name, entry.action, entry.object_type, entry.object_id, entry.object_label) == (
        "kikaku", "backfill", "observation", str(obs.id), f"{SCHOOL} FY2023")
    assert entry.before is None
    assert entry.after == {"indicator_id": school, "year": 2023, "value": 81.4, "text": None, "note": "学力調査",
                           "reported_rate": None, "status": "published"}


def test_the_current_and_future_years_are_refused(world) -> None:
    for year in (2025, 2026, 2030):
        with pytest.raises(backfill.ValuesRejected) as exc:
            backfill.backfill_actual(world.engine, user=world.admin, plan=world.plan_id, indicator=SCHOOL, year=year, value=81,
                                     today=TODAY)
        assert [(p.code, p.field) for p in exc.value.problems] == [("not_past", "year")]
        assert str(exc.value) == (f"FY{year} is not a past fiscal year: back-filling is for the years before FY2025; "
                                  "nothing was saved")
    # the fiscal year turns on 1 April: on 31 March 2025 it is still FY2024, so FY2024 is not yet past
    with pytest.raises(backfill.ValuesRejected):
        backfill.backfill_actual(world.engine, user=world.admin, plan=world.plan_id, indicator=SCHOOL, year=2024, value=81,
                                 today=date(2025, 3, 31))
    assert backfill.backfill_actual(world.engine, user=world.admin, plan=world.plan_id, indicator=SCHOOL, year=2024,
                                    value=81, today=date(2025, 4, 1)).created == 1
    assert entries(world.engine)[-1].action == "backfill" and len(entries(world.engine)) == 1


def test_a_year_with_an_open_cycle_goes_through_the_cycle(world) -> None:
    opened = cycle.open_cycle(world.engine, user=world.admin, plan=world.plan_id, year=2023)
    with pytest.raises(backfill.ValuesRejected) as exc:
        backfill.backfill_actual(world.engine, user=world.admin, plan=world.plan_id, indicator=SCHOOL, year=2023, value=81,
                                 today=TODAY)
    assert [(p.code, p.message) for p in exc.value.problems] == [
        ("open_cycle", "FY2023 has an open evaluation cycle: enter its actuals in the cycle")]
    form = backfill.backfill_form(world.engine, user=world.admin, plan=world.plan_id, today=TODAY)
    assert (form.current_year, form.years, form.open_cycle_years) == (2025, (2024, 2022, 2021), (2023,))
    cycle.close_cycle(world.engine, user=world.admin, cycle_id=opened.id)
    result = backfill.backfill_actual(world.engine, user=world.admin, plan=world.plan_id, indicator=SCHOOL, year=2023,
                                      value=81, today=TODAY)
    assert [r.outcome for r in result.rows] == ["created"]
    assert observation(world.engine, SCHOOL, 2023).status == "published"


def test_every_problem_of_one_value_is_reported_and_nothing_is_saved(world) -> None:
    before = audit_count(world.engine)
    with pytest.raises(backfill.ValuesRejected) as exc:
        backfill.backfill_actual(world.engine, user=world.admin, plan=world.plan_id, indicator="ない指標", year="昔", value="abc",
                                 today=TODAY)
    assert [(p.code, p.field, p.message) for p in exc.value.problems] == [
        ("unknown_indicator", "indicator", "no indicator 'ない指標' in this plan"),
        ("bad_year", "year", "not a fiscal year: '昔'"),
        ("not_a_number", "value", "not a number: 'abc'"),
    ]
    with pytest.raises(backfill.ValuesRejected) as exc:
        backfill.backfill_actual(world.engine, user=world.admin, plan=world.plan_id, indicator=SCHOOL, year=2020, value="120",
                                 today=TODAY)
    assert [p.message for p in exc.value.problems] == ["FY2020 is outside the plan period FY2021–FY2030",
                                                       "120% is outside 0–100 for a percentage"]
    assert audit_count(world.engine) == before


def test_a_stored_value_is_kept_unless_replacing_is_asked(world) -> None:
    waiting = indicator_id(world.engine, WAITING)
    with pytest.raises(backfill.ValuesRejected) as exc:
        backfill.backfill_actual(world.engine, user=world.admin, plan=world.plan_id, indicator=WAITING, year=2022, value=10,
                                 today=TODAY)
    assert [(p.code, p.field, p.message) for p in exc.value.problems] == [
        ("exists", "year", "保育所等待機児童数, FY2022 already has the actual 9人 (published): it is kept unless existing "
                           "values are replaced")]
    assert observation(world.engine, WAITING, 2022).value == 9
    result = backfill.backfill_actual(world.engine, user=world.admin, plan=world.plan_id, indicator=WAITING, year=2022,
                                      value=10, replace=True, today=TODAY)
    assert result.rows[0].to_json() == {"row": None, "indicator": {"id": waiting, "name": WAITING, "unit": "人"}, "year": 2022,
                                        "value": 10, "note": None, "before": {"value": 9, "status": "published"},
                                        "outcome": "replaced"}
    obs = observation(world.engine, WAITING, 2022)
    [entry] = entries(world.engine)
    assert (entry.action, entry.object_id, entry.object_label) == ("backfill_replace", str(obs.id), f"{WAITING} FY2022")
    assert entry.before == {"indicator_id": waiting, "year": 2022, "value": 9.0, "text": "9人", "note": None,
                            "reported_rate": None, "status": "published"}
    assert entry.after == {"indicator_id": waiting, "year": 2022, "value": 10.0, "text": None, "note": None,
                           "reported_rate": None, "status": "published"}
    # the same value again is no clash and writes nothing
    again = backfill.backfill_actual(world.engine, user=world.admin, plan=world.plan_id, indicator=WAITING, year=2022,
                                     value="10", today=TODAY)
    assert [r.outcome for r in again.rows] == ["unchanged"] and len(entries(world.engine)) == 1


def test_a_draft_left_by_a_closed_cycle_is_replaced_and_published(world) -> None:
    opened = cycle.open_cycle(world.engine, user=world.admin, plan=world.plan_id, year=2023)
    cycle.enter_actual(world.engine, user=world.admin, plan=world.plan_id, indicator=SCHOOL, year=2023, value=81)
    cycle.close_cycle(world.engine, user=world.admin, cycle_id=opened.id)
    with pytest.raises(backfill.ValuesRejected) as exc:  # an equal draft is still a stored value
        backfill.backfill_actual(world.engine, user=world.admin, plan=world.plan_id, indicator=SCHOOL, year=2023, value=81,
                                 today=TODAY)
    assert exc.value.problems[0].message.endswith("already has the actual 81% (draft): it is kept unless existing values are replaced")
    result = backfill.backfill_actual(world.engine, user=world.admin, plan=world.plan_id, indicator=SCHOOL, year=2023,
                                      value=81, replace=True, today=TODAY)
    assert [(r.outcome, r.before, r.before_status) for r in result.rows] == [("replaced", 81, "draft")]
    assert observation(world.engine, SCHOOL, 2023).status == "published"
    [entry] = entries(world.engine)
    assert (entry.before["status"], entry.after["status"]) == ("draft", "published")


def test_a_file_is_all_or_nothing_with_every_problem_by_row(world) -> None:
    content = file_of(f"{SCHOOL},2023,81.4,学力調査", f"{SCHOOL},令和6年度,82%,", "資源化率,2025,30,", "ない指標,2022,1,",
                      f"{WAITING},2023,5,", f"{SCHOOL},2023,81.5,")
    before = audit_count(world.engine)
    with pytest.raises(UploadRejected) as exc:
        backfill.backfill_file(world.engine, user=world.admin, plan=world.plan_id, content=content, filename="past.csv",
                               today=TODAY)
    assert [(e.row, e.column, e.code, e.message) for e in exc.value.errors] == [
        (4, "年度", "not_past", "FY2025 is not a past fiscal year: back-filling is for the years before FY2025"),
        (5, "指標", "unknown_indicator", "no indicator 'ない指標' in this plan"),
        (6, "指標", "exists", "保育所等待機児童数, FY2023 already has the actual 4人 (published): it is kept unless existing "
                             "values are replaced"),
        (7, "指標", "duplicate", f"{SCHOOL}, FY2023 is also given in row 2"),
    ]
    assert actuals_of(world.engine, SCHOOL) == [(2021, 79.5, None, "published"), (2022, 80.2, None, "published")]
    assert audit_count(world.engine) == before


def test_a_file_stores_creates_replaces_and_skips(world) -> None:
    content = file_of(f"{SCHOOL},2023,81.4,学力調査", f"{SCHOOL},令和6年度,82%,", f"{WAITING},2023,5,", f"{WAITING},2024,,",
                      "", f"{WAITING},2022,9,")
    preview = backfill.backfill_file(world.engine, user=world.admin, plan=world.plan_id, content=content, filename="past.csv",
                                     replace=True, save=False, today=TODAY)
    summary = [(r.row, r.indicator, r.year, r.value, r.before, r.outcome) for r in preview.rows]
    assert summary == [(2, SCHOOL, 2023, 81.4, None, "created"), (3, SCHOOL, 2024, 82, None, "created"),
                       (4, WAITING, 2023, 5, 4, "replaced"), (7, WAITING, 2022, 9, 9, "replaced")]  # 9 printed 9人: not equal
    assert (preview.saved, preview.skipped, preview.created, preview.replaced, preview.unchanged) == (False, (5,), 2, 2, 0)
    assert entries(world.engine) == [] and observation(world.engine, SCHOOL, 2023) is None  # a preview writes nothing
    assert preview.as_csv() == (f"indicator,year,value,note\n{indicator_id(world.engine, SCHOOL)},2023,81.4,学力調査\n"
                                f"{indicator_id(world.engine, SCHOOL)},2024,82,\n{indicator_id(world.engine, WAITING)},2023,5,\n"
                                f"{indicator_id(world.engine, WAITING)},2022,9,\n")
    saved = backfill.backfill_file(world.engine, user=world.admin, plan=world.plan_id, content=content, filename="past.csv",
                                   replace=True, today=TODAY)
    assert [(r.row, r.outcome) for r in saved.rows] == [(2, "created"), (3, "created"), (4, "replaced"), (7, "replaced")]
    assert [(e.action, e.object_label) for e in entries(world.engine)] == [
        ("backfill", f"{SCHOOL} FY2023"), ("backfill", f"{SCHOOL} FY2024"), ("backfill_replace", f"{WAITING} FY2023"),
        ("backfill_replace", f"{WAITING} FY2022")]
    assert actuals_of(world.engine, SCHOOL) == [(2021, 79.5, None, "published"), (2022, 80.2, None, "published"),
                                               (2023, 81.4, "学力調査", "published"), (2024, 82.0, None, "published")]
    # the preview's rows, stored again, change nothing
    again = backfill.backfill_file(world.engine, user=world.admin, plan=world.plan_id, content=preview.as_csv().encode(),
                                   filename="past.csv", today=TODAY)
    assert (again.created, again.replaced, again.unchanged) == (0, 0, 4) and len(entries(world.engine)) == 4


def test_an_excel_file_and_unreadable_files(world) -> None:
    book = xlsx([["指標", "年度", "値"], [SCHOOL, 2023, 0.814], ["登録市民活動団体数", "令和5年度", 203]], percent_cells=((2, 3),))
    result = backfill.backfill_file(world.engine, user=world.admin, plan=world.plan_id, content=book, filename="past.xlsx",
                                    today=TODAY)
    assert [(r.indicator, r.year, r.value, r.unit) for r in result.rows] == [(SCHOOL, 2023, 81.4, "%"),
                                                                             ("登録市民活動団体数", 2023, 203, "団体")]
    for content, name, message in ((b"", "empty.csv", "the file is empty"),
                                   (b"a,b\n1,2\n", "x.csv", "no header row: name the columns 指標, 年度 and 値 (or indicator, year, value)"),
                                   (HEADER.encode(), "header.csv", "no row below the header has a value")):
        with pytest.raises(UploadRejected) as exc:
            backfill.backfill_file(world.engine, user=world.admin, plan=world.plan_id, content=content, filename=name,
                                   today=TODAY)
        assert [e.message for e in exc.value.errors] == [message]


def test_backfilled_values_are_public_in_the_read_model_and_pages(world) -> None:
    backfill.backfill_file(world.engine, user=world.admin, plan=world.plan_id, content=file_of(f"{SCHOOL},2023,81.4,",
                                                                                                  f"{SCHOOL},2024,82.6,"),
                           filename="past.csv", today=TODAY)
    for year, value in ((2023, 81.4), (2024, 82.6)):
        stored = readmodel.load_plan_year(world.engine, world.plan_id, year=year, audience=readmodel.Audience.PUBLIC)
        [item] = [i for i in stored.model.indicators if i.indicator.name == SCHOOL]
        assert [(a.year, a.value, a.status) for a in item.indicator.actuals] == [
            (2021, 79.5, "published"), (2022, 80.2, "published"), (2023, 81.4, "published"), (2024, 82.6, "published")][:year - 2020]
        [shown] = [i for i in readmodel.indicators_json(stored)["indicators"] if i["name"] == SCHOOL]
        assert (shown["year"], shown["value"], shown["draft"]) == (year, value, False)
    web = TestClient(create_app(world.engine))
    page = web.get(f"/indicators/{indicator_id(world.engine, SCHOOL)}")
    assert page.status_code == 200 and "82.6" in page.text and "81.4" in page.text
    api = web.get(f"/api/v1/plans/{world.plan_id}/indicators", params={"year": 2024}).json()
    [shown] = [i for i in api["indicators"] if i["name"] == SCHOOL]
    assert (shown["year"], shown["value"], shown["draft"]) == (2024, 82.6, False)


# --- the staff page ---------------------------------------------------------------------------

def client(engine: Engine) -> TestClient:
    return TestClient(create_app(engine), raise_server_exceptions=False, follow_redirects=False)


def csrf_of(text: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', text).group(1)


def sign_in(engine: Engine, name: str) -> tuple[TestClient, str]:
    c = client(engine)
    r = c.post("/login", data={"name": name, "password": PASSWORD, "csrf_token": csrf_of(c.get("/login").text)})
    assert r.status_code == 303, r.text
    return c, csrf_of(c.get("/staff").text)


def test_the_page_is_for_admins_and_linked_for_them_only(world) -> None:
    url = f"/staff/plans/{world.plan_id}/backfill"
    assert client(world.engine).get(url).headers["location"] == "/login"
    for name in ("shinsa", "hoiku", "etsuran"):
        c, csrf = sign_in(world.engine, name)
        assert url not in c.get("/staff").text
        page = c.get(url)
        assert page.status_code == 403 and "この操作の権限がありません" in page.text
        r = c.post(f"{url}/value", data={"indicator": SCHOOL, "year": "2022", "value": "1", "confirm": "yes", "csrf_token": csrf})
        assert r.status_code == 403
    admin, _ = sign_in(world.engine, "kikaku")
    assert f'href="{url}"' in admin.get("/staff").text
    page = admin.get(url)
    assert page.status_code == 200 and "過去の年度の実績値の登録" in page.text
    assert f'<option value="{indicator_id(world.engine, SCHOOL)}">' in page.text
    assert "Past years&#39; actuals" in admin.get(url, params={"lang": "en"}).text
    assert admin.get("/staff/plans/999999/backfill").status_code == 404


def test_one_value_is_checked_then_stored(world) -> None:
    admin, csrf = sign_in(world.engine, "kikaku")
    url = f"/staff/plans/{world.plan_id}/backfill"
    school = str(indicator_id(world.engine, SCHOOL))
    form = {"indicator": school, "year": "2023", "value": "81.4", "note": "学力調査", "csrf_token": csrf}
    check = admin.post(f"{url}/value", data=form)
    assert check.status_code == 200 and "登録内容の確認" in check.text.replace("<wbr>", "") and "新規 1 件・置き換え 0 件・変更なし 0 件" in check.text
    assert observation(world.engine, SCHOOL, 2023) is None
    done = admin.post(f"{url}/value", data={**form, "confirm": "yes"})
    assert (done.status_code, done.headers["location"]) == (303, f"{url}?msg=done:1")
    assert "過去の年度の実績値を登録しました（1 件）。" in admin.get(done.headers["location"]).text
    obs = observation(world.engine, SCHOOL, 2023)
    assert (obs.value, obs.note, obs.status) == (81.4, "学力調査", "published")
    assert [(e.user_name, e.action) for e in entries(world.engine)] == [("kikaku", "backfill")]


def test_bad_input_comes_back_in_the_form_in_japanese_and_english(world) -> None:
    admin, csrf = sign_in(world.engine, "kikaku")
    url = f"/staff/plans/{world.plan_id}/backfill"
    waiting = str(indicator_id(world.engine, WAITING))
    form = {"indicator": waiting, "year": "2022", "value": "１０人", "note": "再集計", "csrf_token": csrf}
    r = admin.post(f"{url}/value", data=form)
    assert r.status_code == 422
    text = html.unescape(r.text)
    assert "<li>数値として読めません。</li>" in text and "not a number" not in text  # Japanese only
    assert f'<option value="{waiting}" selected>' in r.text
    assert 'name="value" inputmode="decimal" maxlength="40" required value="１０人" aria-invalid="true"' in r.text
    assert "この指標・年度には実績値が登録済みです。" in text  # the year's stored value is named at once
    assert 'value="再集計"' in r.text
    r = admin.post(f"{url}/value", data={**form, "value": "10"})
    text = html.unescape(r.text)
    assert r.status_code == 422 and "この指標・年度には実績値が登録済みです。" in text and "already has" not in text
    r = admin.post(f"{url}/value", params={"lang": "en"}, data={**form, "value": "10", "year": "2030"})
    assert r.status_code == 422
    assert "<li>Not a past fiscal year: enter this year&#39;s actuals in the evaluation cycle.</li>" in r.text
    assert "数値" not in re.search(r'role="alert".*?</div>', r.text, re.S).group(0)  # English only
    r = admin.post(f"{url}/value", data={**form, "value": "10", "csrf_token": "forged"})  # English is remembered
    assert r.status_code == 403 and "The form had expired, so it was not sent. What you typed is kept" in r.text
    assert 'value="再集計"' in r.text
    r = admin.post(f"{url}/value", params={"lang": "ja"}, data={**form, "value": "10", "csrf_token": "forged"})
    assert r.status_code == 403 and "フォームの有効期限が切れたため、送信されませんでした。入力内容は残してあります。" in r.text
    assert 'value="再集計"' in r.text
    assert observation(world.engine, WAITING, 2022).value == 9 and entries(world.engine) == []


def test_a_file_is_checked_shown_and_stored_on_confirmation(world) -> None:
    admin, csrf = sign_in(world.engine, "kikaku")
    url = f"/staff/plans/{world.plan_id}/backfill"
    content = file_of(f"{SCHOOL},2023,81.4,学力調査", f"{WAITING},2022,10,再集計")
    refused = admin.post(f"{url}/file", data={"csrf_token": csrf}, files={"file": ("past.csv", content, "text/csv")})
    text = html.unescape(refused.text)
    assert refused.status_code == 422 and "past.csv: 誤りのある行があるため、何も登録していません。" in text
    assert re.search(r"<th scope=\"row\">3</th><td>指標</td><td>この指標・年度には実績値が登録済みです。", text)
    check = admin.post(f"{url}/file", data={"csrf_token": csrf, "replace": "yes"}, files={"file": ("past.csv", content, "text/csv")})
    assert check.status_code == 200 and "新規 1 件・置き換え 1 件・変更なし 0 件" in check.text
    assert entries(world.engine) == []
    rows = html.unescape(re.search(r'name="rows" value="([^"]*)"', check.text, re.S).group(1))
    done = admin.post(f"{url}/confirm", data={"csrf_token": csrf, "rows": rows, "filename": "past.csv", "replace": "yes",
                                                "confirm": "yes"})
    assert (done.status_code, done.headers["location"]) == (303, f"{url}?msg=done:2")
    assert [(e.action, e.object_label) for e in entries(world.engine)] == [("backfill", f"{SCHOOL} FY2023"),
                                                                           ("backfill_replace", f"{WAITING} FY2022")]
    assert (observation(world.engine, WAITING, 2022).value, observation(world.engine, WAITING, 2022).note) == (10, "再集計")
    # confirming the same rows without replacing: the stored rows are now clashes only if they differ
    again = admin.post(f"{url}/confirm", data={"csrf_token": csrf, "rows": rows, "filename": "past.csv"})
    assert again.status_code == 303 and len(entries(world.engine)) == 2
    assert admin.post(f"{url}/file", data={"csrf_token": csrf}).status_code == 422
    assert admin.post(f"{url}/confirm", data={"csrf_token": "forged", "rows": rows}).status_code == 403
    public = client(world.engine).get(f"/indicators/{indicator_id(world.engine, SCHOOL)}")
    assert public.status_code == 200 and "81.4" in public.text


def test_the_audit_page_names_the_backfill(world) -> None:
    backfill.backfill_actual(world.engine, user=world.admin, plan=world.plan_id, indicator=SCHOOL, year=2023, value=81,
                             today=TODAY)
    admin, _ = sign_in(world.engine, "kikaku")
    page = admin.get("/staff/audit")
    assert page.status_code == 200 and "過去の実績値の登録" in page.text
    assert [c.action for c in audit.list_changes(world.engine, object="observation")] == ["backfill"]


# --- the command ------------------------------------------------------------------------------

runner = CliRunner(env={"COLUMNS": "200"})
PLAN = "990019:comprehensive-2"


def kk(*args: str, input: str | None = None):  # noqa: ANN201
    return runner.invoke(app, list(args), input=input)


@pytest.fixture
def loaded(cli_env: str, monkeypatch: pytest.MonkeyPatch) -> str:
    fast_hashing(monkeypatch)
    assert kk("load", str(EXAMPLE_DIR / "kaede-comprehensive-plan.json")).exit_code == 0
    for args in (["kikaku", "--role", "admin"], ["hoiku", "--role", "editor", "-d", "保育課"]):
        assert kk("user", "add", *args, "--password-stdin", input=PASSWORD + "\n").exit_code == 0
    return cli_env


def test_the_command_has_help() -> None:
    result = kk("actuals", "backfill", "--help")
    assert result.exit_code == 0 and "Usage: " in result.output and " / " in result.output and "--replace" in result.output


def test_the_command_stores_a_file(loaded: str, tmp_path) -> None:
    path = tmp_path / "past.csv"
    path.write_bytes(file_of(f"{SCHOOL},2023,81.4,学力調査", f"{WAITING},2022,10,"))
    refused = kk("actuals", "backfill", "--plan", PLAN, str(path), "--user", "kikaku")
    assert refused.exit_code == 2
    assert "row 3, 指標: 保育所等待機児童数, FY2022 already has the actual 9人 (published)" in refused.output
    denied = kk("actuals", "backfill", "--plan", PLAN, str(path), "--replace", "--user", "hoiku")
    assert denied.exit_code == 2 and "hoiku (editor) may not backfill_actuals" in denied.output
    dry = kk("actuals", "backfill", "--plan", PLAN, str(path), "--replace", "--dry-run", "--user", "kikaku")
    assert (dry.exit_code, dry.output) == (0, "\n".join([
        f"  2: {SCHOOL} 2023年度: 81.4%（新規）",
        f"  3: {WAITING} 2022年度: 9人 → 10人（置き換え）",
        "かえで市第2次総合計画（架空の例）: 確認のみ（--dry-run: 何も登録していません）: 新規 1・置き換え 1・変更なし 0", ""]))
    done = kk("actuals", "backfill", "--plan", PLAN, str(path), "--replace", "--user", "kikaku")
    assert done.exit_code == 0, done.output
    assert done.output.endswith("かえで市第2次総合計画（架空の例）: 過去の年度の実績値を公開値として登録しました: 新規 1・置き換え 1・変更なし 0\n")
    shown = kk("show", PLAN)
    assert shown.exit_code == 0
    one = kk("actuals", "backfill", "--plan", PLAN, "--indicator", SCHOOL, "--year", "2024", "--value", "82.6", "--user", "kikaku")
    assert one.exit_code == 0 and f"{SCHOOL} 2024年度: 82.6%（新規）" in one.output
    nothing = kk("actuals", "backfill", "--plan", PLAN, "--user", "kikaku")
    assert nothing.exit_code == 2 and "FILE を指定するか、--indicator, --year, --value を指定してください" in nothing.output
    bad = kk("actuals", "backfill", "--plan", PLAN, "--indicator", SCHOOL, "--year", "2100", "--value", "1", "--user", "kikaku")
    assert bad.exit_code == 2 and "FY2100 is not a past fiscal year" in bad.output
