"""Malformed form values get an answer that says what is wrong (4xx), never a 500; and a form saves all or nothing."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from cycle_helpers import CHILDCARE_SHARE, RECYCLING, WAITING, YEAR, World, fast_hashing, indicator_id, make_world, node_id, project_id
from cycle_helpers import NURSERY_PROJECT
from keikaku.storage import models as m
from keikaku.storage.database import transaction
from test_web_staff import sign_in


@pytest.fixture
def world(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> World:
    fast_hashing(monkeypatch)
    return make_world(engine, open_cycle=True)


def drafts(engine: Engine) -> int:
    with transaction(engine) as session:
        return session.scalar(select(func.count()).select_from(m.Observation).where(m.Observation.status == "draft")) or 0


def sheet_url(world: World) -> str:
    return f"/staff/cycles/{world.cycle.id}/nodes/{node_id(world.engine, 'm1')}"  # type: ignore[union-attr]


@pytest.mark.parametrize(("field", "value"), [
    ("value-abc", "3"), ("value-１２", "3"), ("value-" + "9" * 40, "3"),
])
def test_malformed_actual_fields_are_bad_input(world: World, field: str, value: str) -> None:
    c, csrf = sign_in(world.engine, "hoiku")
    r = c.post(sheet_url(world) + "/actuals", data={field: value, "csrf_token": csrf})
    assert r.status_code == 422 and "フォームが正しく送信されませんでした。ページを再読み込みしてから入力してください。" in r.text
    assert drafts(world.engine) == 0


@pytest.mark.parametrize(("value", "words"), [
    ("1e999", "数値で入力してください（例: 12.5）。"), ("NaN", "数値で入力してください（例: 12.5）。"),
    ("1e27", "桁が多すぎる値です。指標の単位で入力し直してください。"), ("abc", "数値で入力してください（例: 12.5）。"),
])
def test_unusable_actual_values_are_refused_with_a_message(world: World, value: str, words: str) -> None:
    c, csrf = sign_in(world.engine, "hoiku")
    ind = indicator_id(world.engine, WAITING)
    r = c.post(sheet_url(world) + "/actuals", data={f"value-{ind}": value, "csrf_token": csrf})
    assert r.status_code == 422 and words in r.text
    assert drafts(world.engine) == 0


def test_a_form_mixing_own_and_another_departments_indicator_saves_nothing(world: World) -> None:
    c, csrf = sign_in(world.engine, "hoiku")  # 保育課: 待機児童数 is theirs, the recycling rate is ごみ対策課's
    mine, theirs = indicator_id(world.engine, WAITING), indicator_id(world.engine, RECYCLING)
    r = c.post(sheet_url(world) + "/actuals", data={f"value-{mine}": "3", f"value-{theirs}": "31.0", "csrf_token": csrf})
    assert r.status_code == 403
    assert drafts(world.engine) == 0


def test_a_form_with_one_bad_value_saves_none_of_the_good_ones(world: World) -> None:
    c, csrf = sign_in(world.engine, "kikaku")
    good, bad = indicator_id(world.engine, WAITING), indicator_id(world.engine, CHILDCARE_SHARE)
    r = c.post(sheet_url(world) + "/actuals", data={f"value-{good}": "3", f"value-{bad}": "abc", "csrf_token": csrf})
    assert r.status_code == 422 and "何も保存していません" in r.text
    assert drafts(world.engine) == 0
    r = c.post(sheet_url(world) + "/actuals", data={f"value-{good}": "3", f"value-{bad}": "55.5", "csrf_token": csrf})
    assert r.status_code == 303 and drafts(world.engine) == 2


def test_malformed_progress_fields_are_bad_input(world: World) -> None:
    c, csrf = sign_in(world.engine, "hoiku")
    r = c.post(sheet_url(world) + "/progress", data={"stage-abc": "実施", "csrf_token": csrf})
    assert r.status_code == 422 and "フォームが正しく送信されませんでした。ページを再読み込みしてから入力してください。" in r.text
    project = project_id(world.engine, NURSERY_PROJECT)
    r = c.post(sheet_url(world) + "/progress", data={f"stage-{project}": "実施", "csrf_token": csrf})
    assert r.status_code == 303


@pytest.mark.parametrize("version", ["99999999999999999999999", "-1", "abc"])
def test_odd_sheet_versions_are_conflicts_or_bad_input(world: World, version: str) -> None:
    c, csrf = sign_in(world.engine, "hoiku")
    r = c.post(sheet_url(world) + "/sheet", data={"version": version, "self_grade": "B", "reasons": "記入",
                                                  "next_direction": "継続", "csrf_token": csrf})
    assert r.status_code in (400, 409, 422), r.status_code  # 400: a version that is not a number
    if r.status_code == 409:
        assert "記入" in r.text  # the conflict page keeps what was typed


@pytest.mark.parametrize(("year", "deadline", "words"), [
    ("2026", "not-a-date", "締切日は 2026-06-30 の形（年-月-日）で入力してください。"),
    ("99999999999999999999999", "", "年度は西暦の数字 4 桁（例: 2025）で入力してください。"),
])
def test_odd_cycle_fields_are_refused_with_a_message(world: World, year: str, deadline: str, words: str) -> None:
    c, csrf = sign_in(world.engine, "kikaku")
    r = c.post("/staff/cycles", data={"plan": str(world.plan_id), "year": year, "deadline": deadline, "csrf_token": csrf})
    assert r.status_code == 422 and words in r.text


def test_client_is_a_real_app(world: World) -> None:
    c, _ = sign_in(world.engine, "hoiku")
    assert isinstance(c, TestClient) and c.get(sheet_url(world)).status_code == 200 and str(YEAR) in c.get(sheet_url(world)).text
