"""Staff pages through the real HTTP app: sign-in, CSRF, the role × action matrix, conflicts, uploads, publication."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from cycle_helpers import PASSWORD, WAITING, YEAR, fast_hashing, make_world, node_id
from keikaku.web.app import create_app


@pytest.fixture
def world(engine: Engine, monkeypatch: pytest.MonkeyPatch):
    fast_hashing(monkeypatch)
    return make_world(engine)


def client(engine: Engine) -> TestClient:
    return TestClient(create_app(engine), raise_server_exceptions=False, follow_redirects=False)


def sign_in(engine: Engine, name: str) -> tuple[TestClient, str]:
    c = client(engine)
    form = c.get("/login").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    r = c.post("/login", data={"name": name, "password": PASSWORD, "csrf_token": token})
    assert r.status_code == 303 and r.headers["location"] == "/staff", r.text
    page = c.get("/staff").text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    return c, csrf


def test_session_cookie_is_httponly_and_samesite(world) -> None:
    c = client(world.engine)
    form = c.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)
    r = c.post("/login", data={"name": "kikaku", "password": PASSWORD, "csrf_token": token})
    cookie = r.headers["set-cookie"]
    assert "keikaku_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie


def test_staff_pages_need_a_session(world) -> None:
    c = client(world.engine)
    assert c.get("/staff").status_code == 303 and c.get("/staff").headers["location"] == "/login"
    assert c.post(f"/staff/cycles/{world.cycle.id}/upload").status_code in (303, 400)  # to sign-in, or the 400 page for a form without its file


def test_wrong_password_and_throttling(world) -> None:
    c = client(world.engine)
    for _ in range(5):
        token = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/login").text).group(1)
        r = c.post("/login", data={"name": "kikaku", "password": "wrong password!", "csrf_token": token})
        assert r.status_code == 200 and "ユーザー名またはパスワードが違います" in r.text
    token = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/login").text).group(1)
    r = c.post("/login", data={"name": "kikaku", "password": PASSWORD, "csrf_token": token})
    assert "しばらくログインできません" in r.text  # throttled even with the right password


def test_csrf_is_required_on_every_form(world) -> None:
    c, csrf = sign_in(world.engine, "hoiku")
    nid = node_id(world.engine, "m1")
    url = f"/staff/cycles/{world.cycle.id}/nodes/{nid}/sheet"
    data = {"version": 0, "self_grade": "A", "reasons": "理由", "next_direction": "継続"}
    assert c.post(url, data=data).status_code == 403
    assert c.post(url, data={**data, "csrf_token": "forged"}).status_code == 403
    assert c.post(url, data={**data, "csrf_token": csrf}).status_code == 303
    login = client(world.engine)
    assert login.post("/login", data={"name": "kikaku", "password": PASSWORD}).status_code == 403


# role × action, through HTTP: (action, expected status for admin, reviewer, hoiku (保育課), gomi (ごみ対策課), viewer)
MATRIX = [
    ("enter_actual_m1", (303, 403, 303, 403, 403)),
    ("save_sheet_m1", (303, 403, 303, 403, 403)),
    ("open_cycle", (303, 403, 403, 403, 403)),
    ("view_audit", (200, 200, 403, 403, 403)),
    ("view_sheet_m1", (200, 200, 200, 200, 200)),
]
USERS = ["kikaku", "shinsa", "hoiku", "gomi", "etsuran"]


@pytest.mark.parametrize(("action", "expected"), MATRIX)
def test_role_action_matrix(world, action: str, expected: tuple[int, ...]) -> None:
    nid = node_id(world.engine, "m1")
    base = f"/staff/cycles/{world.cycle.id}/nodes/{nid}"
    for name, status in zip(USERS, expected):
        c, csrf = sign_in(world.engine, name)
        if action == "enter_actual_m1":
            ind = re.search(rf'id="value-(\d+)"', c.get(base).text) if name in ("kikaku", "hoiku") else None
            from cycle_helpers import indicator_id
            r = c.post(f"{base}/actuals", data={"csrf_token": csrf, f"value-{indicator_id(world.engine, WAITING)}": "3"})
            assert ind is not None or name not in ("kikaku", "hoiku")
        elif action == "save_sheet_m1":
            found = re.search(r'name="version" value="(\d+)"', c.get(base).text)
            version = int(found.group(1)) if found else 0
            r = c.post(f"{base}/sheet", data={"csrf_token": csrf, "version": version, "self_grade": "B", "reasons": "r", "next_direction": "継続"})
        elif action == "open_cycle":
            r = c.post("/staff/cycles", data={"csrf_token": csrf, "plan": world.plan_id, "year": 2026 + USERS.index(name), "scale": "abcd"})
        elif action == "view_audit":
            r = c.get("/staff/audit")
        else:
            r = c.get(base)
        assert r.status_code == status, f"{name} {action}: {r.status_code} {r.text[:300]}"


def test_full_cycle_conflict_review_and_publication(world) -> None:
    engine = world.engine
    nid = node_id(engine, "m1")
    base = f"/staff/cycles/{world.cycle.id}/nodes/{nid}"
    editor, csrf = sign_in(engine, "hoiku")
    from cycle_helpers import indicator_id
    ind = indicator_id(engine, WAITING)
    assert editor.post(f"{base}/actuals", data={"csrf_token": csrf, f"value-{ind}": "2"}).status_code == 303
    # the public page does not show the draft actual
    public = client(engine)
    draft_row = '<th scope="row">令和7年度 (2025)</th><td>2</td>'
    assert draft_row not in public.get(f"/indicators/{ind}").text
    # two people save the same version: the second gets a conflict, and keeps their text
    other, csrf2 = sign_in(engine, "kikaku")
    first = {"version": 0, "self_grade": "A", "reasons": "最初の理由", "issues": "課題", "next_direction": "継続"}
    assert editor.post(f"{base}/sheet", data={**first, "csrf_token": csrf}).status_code == 303
    second = other.post(f"{base}/sheet", data={**first, "reasons": "後からの理由", "csrf_token": csrf2})
    assert second.status_code == 409 and "後からの理由" in second.text and "最初の理由" in second.text
    # submit, then the reviewer returns it, then it is submitted again and approved
    version = int(re.search(r'name="version" value="(\d+)"', editor.get(base).text).group(1))
    assert editor.post(f"{base}/sheet", data={**first, "version": version, "action": "submit", "csrf_token": csrf}).status_code == 303
    reviewer, csrf3 = sign_in(engine, "shinsa")
    page = reviewer.get(base).text
    version = int(re.search(r'name="version" value="(\d+)"', page).group(1))
    assert reviewer.post(f"{base}/review", data={"version": version, "decision": "return", "comment": "数値の根拠を追記",
                                                "csrf_token": csrf3}).status_code == 303
    page = editor.get(base).text
    assert "差戻し" in page and "数値の根拠を追記" in page
    version = int(re.search(r'name="version" value="(\d+)"', page).group(1))
    assert editor.post(f"{base}/sheet", data={**first, "version": version, "action": "submit", "csrf_token": csrf}).status_code == 303
    version = int(re.search(r'name="version" value="(\d+)"', reviewer.get(base).text).group(1))
    assert reviewer.post(f"{base}/review", data={"version": version, "decision": "approve", "confirm": "yes", "csrf_token": csrf3}).status_code == 303
    # approved: locked for the editor, and the actual is now public
    page = editor.get(base).text
    assert "承認済" in page and 'name="reasons"' not in page
    assert draft_row in public.get(f"/indicators/{ind}").text
    audit = other.get("/staff/audit").text
    assert "hoiku" in audit and "shinsa" in audit


def test_upload_with_errors_changes_nothing(world) -> None:
    editor, csrf = sign_in(world.engine, "hoiku")
    csv_bytes = f"指標,年度,値\n{WAITING},{YEAR},3\n存在しない指標,{YEAR},1\n{WAITING},{YEAR},abc\n".encode("utf-8-sig")
    r = editor.post(f"/staff/cycles/{world.cycle.id}/upload", data={"csrf_token": csrf},
                    files={"file": ("actuals.csv", csv_bytes, "text/csv")})
    assert r.status_code == 400 and "何も登録していません" in r.text
    rows = re.findall(r'<th scope="row">(\d+)</th>', r.text)
    assert rows == ["3", "4", "4"]  # row 3: unknown indicator; row 4: not a number, and the same year as row 2
    good = f"指標,年度,値\n{WAITING},{YEAR},3\n".encode("utf-8-sig")
    r = editor.post(f"/staff/cycles/{world.cycle.id}/upload", data={"csrf_token": csrf}, files={"file": ("a.csv", good, "text/csv")})
    assert r.status_code == 303 and "uploaded%3A1" in r.headers["location"]


def test_progress_board_page(world) -> None:
    admin, _ = sign_in(world.engine, "kikaku")
    page = admin.get(f"/staff/cycles/{world.cycle.id}").text
    assert "所管課ごとの進捗" in page and "保育課" in page and "ごみ対策課" in page


def test_exports_from_the_cycle_page(world) -> None:
    admin, _ = sign_in(world.engine, "kikaku")
    page = admin.get(f"/staff/cycles/{world.cycle.id}").text
    assert f"/staff/cycles/{world.cycle.id}/export.csv" in page
    r = admin.get(f"/staff/cycles/{world.cycle.id}/export.csv")
    assert r.status_code == 200 and r.content.startswith(b"\xef\xbb\xbfmunicipality_code,")
    assert r.headers["content-disposition"] == f'attachment; filename="keikaku-{world.plan_id}-2025.csv"'
    assert admin.get(f"/staff/cycles/{world.cycle.id}/export.xlsx").content[:2] == b"PK"
    assert admin.get(f"/staff/cycles/{world.cycle.id}/export.doc").status_code == 404
    editor, _ = sign_in(world.engine, "hoiku")
    assert editor.get(f"/staff/cycles/{world.cycle.id}/export.csv").status_code == 403
    assert client(world.engine).get(f"/staff/cycles/{world.cycle.id}/export.csv").status_code == 303


def test_form_errors_are_shown_in_place(world) -> None:
    nid = node_id(world.engine, "m1")
    base = f"/staff/cycles/{world.cycle.id}/nodes/{nid}"
    editor, csrf = sign_in(world.engine, "hoiku")
    from cycle_helpers import indicator_id
    r = editor.post(f"{base}/actuals", data={"csrf_token": csrf, f"value-{indicator_id(world.engine, WAITING)}": "3人"})
    assert r.status_code == 422 and "3人" in r.text and "他の人が先に" not in r.text
    r = editor.post(f"{base}/sheet", data={"csrf_token": csrf, "version": 0, "reasons": "理由だけ", "action": "submit"})
    assert r.status_code in (409, 422) and "他の人が先に" not in r.text and "理由だけ" in r.text
    assert "msg_anything" not in editor.get("/staff?msg=anything").text
