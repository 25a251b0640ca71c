"""The users page, password changes, one-time reset links and the audit trail page, through the HTTP app."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from cycle_helpers import PASSWORD, fast_hashing, make_world
from keikaku.services import accounts, audit
from keikaku.storage import models as m
from keikaku.storage.database import transaction
from keikaku.storage.models import utcnow
from keikaku.web.app import create_app

NEW_PASSWORD = "a brand new passphrase"


@pytest.fixture
def world(engine: Engine, monkeypatch: pytest.MonkeyPatch):
    fast_hashing(monkeypatch)
    return make_world(engine, open_cycle=False)


def client(engine: Engine) -> TestClient:
    return TestClient(create_app(engine), raise_server_exceptions=False, follow_redirects=False)


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def sign_in(engine: Engine, name: str, password: str = PASSWORD) -> tuple[TestClient, str]:
    c = client(engine)
    r = c.post("/login", data={"name": name, "password": password, "csrf_token": csrf_of(c.get("/login").text)})
    assert r.status_code == 303 and r.headers["location"] == "/staff", r.text
    return c, csrf_of(c.get("/staff").text)


def can_sign_in(engine: Engine, name: str, password: str) -> bool:
    c = client(engine)
    r = c.post("/login", data={"name": name, "password": password, "csrf_token": csrf_of(c.get("/login").text)})
    return r.status_code == 303


def user_id(engine: Engine, name: str) -> int:
    return accounts.user_id_by_name(engine, name)


def dept_id(engine: Engine, name: str) -> int:
    with transaction(engine) as s:
        return s.scalar(select(m.Department.id).where(m.Department.name == name))


def entries(engine: Engine, action: str) -> list[m.AuditEntry]:
    with transaction(engine) as s:
        return list(s.scalars(select(m.AuditEntry).where(m.AuditEntry.action == action).order_by(m.AuditEntry.id)))


def row_of(html: str, name: str) -> str:
    return re.search(rf'<tr[^>]*><th scope="row"><a href="/staff/users/\d+">{name}</a>.*?</tr>', html, re.S).group(0)


def test_the_users_page_lists_every_account(world) -> None:
    admin, _ = sign_in(world.engine, "kikaku")
    accounts.set_active(world.engine, actor=world.admin, user_id=world.viewer.id, active=False)
    page = admin.get("/staff/users")
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    html = page.text
    assert "<h1>利用者の<wbr>管理</h1>" in html
    hoiku = row_of(html, "hoiku")
    assert '<td data-label="役割">入力担当（所管課）</td><td data-label="所管課">保育課</td>' in hoiku
    assert '<td data-label="状態">有効</td>' in hoiku and '<td data-label="最終ログイン">なし</td>' in hoiku
    assert '<td data-label="状態">無効</td>' in row_of(html, "etsuran")
    last = re.search(r'<td data-label="最終ログイン">([^<]+)</td>', row_of(html, "kikaku")).group(1)
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", last)  # Japan time
    assert '<a href="/staff/users">利用者の管理</a>' in admin.get("/staff").text


def test_non_admins_get_403_and_see_no_link(world) -> None:
    target = f"/staff/users/{world.hoiku.id}"
    for name in ("shinsa", "hoiku", "etsuran"):
        c, csrf = sign_in(world.engine, name)
        for path in ("/staff/users", "/staff/users/new", target):
            r = c.get(path)
            assert r.status_code == 403, (name, path)
            assert "利用者の管理は管理者（企画政策課）だけが行えます。" in r.text
        for path, data in (("/staff/users", {"name": "x", "role": "viewer", "password": PASSWORD, "password_confirm": PASSWORD}),
                           (f"{target}/role", {"role": "admin"}), (f"{target}/active", {"active": "0"}), (f"{target}/reset", {})):
            assert c.post(path, data={**data, "csrf_token": csrf}).status_code == 403, (name, path)
        staff = c.get("/staff").text
        assert 'href="/staff/users"' not in staff and 'href="/staff/password"' in staff
        assert ('href="/staff/audit"' in staff) == (name == "shinsa")
    assert accounts.get_user(world.engine, "hoiku").role == "editor" and not entries(world.engine, "reset_link")
    assert client(world.engine).get("/staff/users").headers["location"] == "/login"


def test_an_admin_adds_a_user_and_a_form_with_a_problem_keeps_what_was_typed(world) -> None:
    engine = world.engine
    admin, csrf = sign_in(engine, "kikaku")
    form = admin.get("/staff/users/new").text
    assert f'<input type="checkbox" name="departments" value="{dept_id(engine, "保育課")}"> 保育課' in form
    typed = {"csrf_token": csrf, "name": "hoiku", "display_name": "保育課 山田", "role": "editor",
             "departments": [str(dept_id(engine, "保育課"))], "password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD}
    r = admin.post("/staff/users", data=typed)
    assert r.status_code == 422
    assert "ユーザー名「hoiku」はすでに使われています。別の名前にしてください。" in r.text
    assert 'value="hoiku" aria-invalid="true"' in r.text and 'value="保育課 山田"' in r.text
    assert f'value="{dept_id(engine, "保育課")}" checked' in r.text and '<option value="editor" selected>' in r.text
    assert f'value="{NEW_PASSWORD}"' in r.text  # the passwords typed are kept too
    r = admin.post("/staff/users", data={**typed, "name": "hoiku2", "departments": []})
    assert r.status_code == 422 and "入力担当（所管課）には所管課を 1 つ以上選んでください。" in r.text and 'value="hoiku2"' in r.text
    r = admin.post("/staff/users", data={**typed, "name": "hoiku2", "password": "short", "password_confirm": "short"})
    assert r.status_code == 422 and "パスワードは 10 文字以上にしてください。" in r.text
    r = admin.post("/staff/users", data={**typed, "name": "hoiku2", "password_confirm": "something else"})
    assert r.status_code == 422 and "確認用のパスワードが一致しません。" in r.text
    r = admin.post("/staff/users", data={**typed, "name": "hoiku2", "csrf_token": "forged"})
    assert r.status_code == 403 and "フォームの有効期限が切れたため、送信されませんでした。入力内容は残してあります。" in r.text and 'value="hoiku2"' in r.text
    r = admin.post("/staff/users", data={**typed, "name": "hoiku2"})
    assert r.status_code == 303 and r.headers["location"] == "/staff/users?msg=user_created"
    assert '<p class="notice" role="status">利用者を追加しました。</p>' in admin.get(r.headers["location"]).text
    assert can_sign_in(engine, "hoiku2", NEW_PASSWORD)
    created = entries(engine, "create")[-1]
    assert (created.user_name, created.object_label, created.after["role"], created.after["departments"]) == \
        ("kikaku", "hoiku2", "editor", ["保育課"])
    assert "password" not in str(created.after)


def test_a_role_change_ends_the_users_sessions(world) -> None:
    engine = world.engine
    admin, csrf = sign_in(engine, "kikaku")
    editor, _ = sign_in(engine, "hoiku")
    assert editor.get("/staff").status_code == 200
    gomi = str(dept_id(engine, "ごみ対策課"))
    r = admin.post(f"/staff/users/{world.hoiku.id}/role", data={"csrf_token": csrf, "role": "editor", "departments": gomi})
    assert r.status_code == 303 and r.headers["location"].endswith("msg=user_updated")
    assert editor.get("/staff").status_code == 200  # departments only: still signed in
    r = admin.post(f"/staff/users/{world.hoiku.id}/role", data={"csrf_token": csrf, "role": "reviewer", "departments": gomi})
    assert r.status_code == 303 and r.headers["location"].endswith("msg=user_signed_out")
    assert "役割を変えたため、この利用者をすべての端末でログアウトしました。" in admin.get(r.headers["location"]).text
    assert editor.get("/staff").headers["location"] == "/login"
    update = entries(engine, "update")[-1]
    assert (update.user_name, update.before["role"], update.after["role"], update.after["departments"]) == \
        ("kikaku", "editor", "reviewer", ["ごみ対策課"])
    r = admin.post(f"/staff/users/{world.gomi.id}/role", data={"csrf_token": csrf, "role": "editor"})
    assert r.status_code == 422 and "入力担当（所管課）には所管課を 1 つ以上選んでください。" in r.text
    assert '<option value="editor" selected>' in r.text  # what was chosen is kept
    r = admin.post(f"/staff/users/{world.admin.id}/role", data={"csrf_token": csrf, "role": "viewer"})
    assert r.status_code == 422 and "有効な管理者がこの 1 人だけのため" in r.text


def test_disable_and_enable(world) -> None:
    engine = world.engine
    admin, csrf = sign_in(engine, "kikaku")
    editor, _ = sign_in(engine, "hoiku")
    r = admin.post(f"/staff/users/{world.hoiku.id}/active", data={"csrf_token": csrf, "active": "0"})
    assert r.status_code == 303 and "利用者を無効にしました。" in admin.get(r.headers["location"]).text
    assert editor.get("/staff").headers["location"] == "/login"
    assert not can_sign_in(engine, "hoiku", PASSWORD)
    assert admin.post(f"/staff/users/{world.hoiku.id}/active", data={"csrf_token": csrf, "active": "1"}).status_code == 303
    assert can_sign_in(engine, "hoiku", PASSWORD)
    r = admin.post(f"/staff/users/{world.admin.id}/active", data={"csrf_token": csrf, "active": "0"})
    assert r.status_code == 422 and "自分のアカウントは無効にできません。" in r.text
    assert [(e.action, e.before["active"], e.after["active"]) for e in entries(engine, "disable") + entries(engine, "enable")] == \
        [("disable", True, False), ("enable", False, True)]


def test_a_reset_link_works_once(world) -> None:
    engine = world.engine
    admin, csrf = sign_in(engine, "kikaku")
    editor, _ = sign_in(engine, "hoiku")
    r = admin.post(f"/staff/users/{world.hoiku.id}/reset", data={"csrf_token": csrf})
    assert r.status_code == 200 and r.headers["cache-control"] == "no-store"
    assert "このリンクを hoiku さんに直接渡してください" in r.text
    link = re.search(r'id="reset-url" class="link" readonly value="http://testserver(/reset/[^"]+)"', r.text).group(1)
    public = client(engine)
    page = public.get(link)
    assert page.status_code == 200 and "hoiku さんの新しいパスワードを設定します。" in page.text
    r = public.post(link, data={"new": NEW_PASSWORD, "confirm": "different passphrase"})
    assert r.status_code == 422 and "確認用のパスワードが一致しません。" in r.text and f'value="{NEW_PASSWORD}"' in r.text
    r = public.post(link, data={"new": "hoiku", "confirm": "hoiku"})
    assert r.status_code == 422 and "パスワードは 10 文字以上にしてください。" in r.text
    r = public.post(link, data={"new": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert r.status_code == 200 and "パスワードを設定しました。新しいパスワードでログインしてください。" in r.text
    assert editor.get("/staff").headers["location"] == "/login"  # the old sessions ended
    assert can_sign_in(engine, "hoiku", NEW_PASSWORD) and not can_sign_in(engine, "hoiku", PASSWORD)
    again = public.post(link, data={"new": "yet another passphrase", "confirm": "yet another passphrase"})
    assert again.status_code == 410 and "このリンクはすでに使われています。" in again.text
    assert public.get(link).status_code == 410
    assert public.get("/reset/not-a-token").status_code == 404
    with transaction(engine) as s:
        stored = s.scalars(select(m.PasswordReset.token)).all()
    assert len(stored) == 1 and stored[0] not in link  # only the hash is kept
    assert [(e.action, e.user_name) for e in entries(engine, "reset_link") + entries(engine, "reset_password")] == \
        [("reset_link", "kikaku"), ("reset_password", "hoiku")]


def test_an_expired_or_replaced_reset_link_is_refused(world) -> None:
    engine = world.engine
    old = accounts.create_reset_link(engine, actor=world.admin, user_id=world.gomi.id, now=utcnow() - timedelta(hours=25))
    public = client(engine)
    r = public.get(old.path)
    assert r.status_code == 410 and "このリンクは有効期限（発行から 24 時間）が切れています。" in r.text
    r = public.post(old.path, data={"new": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert r.status_code == 410 and can_sign_in(engine, "gomi", PASSWORD)
    first = accounts.create_reset_link(engine, actor=world.admin, user_id=world.gomi.id)
    second = accounts.create_reset_link(engine, actor=world.admin, user_id=world.gomi.id)
    assert public.get(first.path).status_code == 410 and public.get(second.path).status_code == 200
    assert "This link has been used already" in public.get(first.path + "?lang=en").text


def test_everyone_changes_their_own_password(world) -> None:
    engine = world.engine
    viewer, csrf = sign_in(engine, "etsuran")
    form = viewer.get("/staff/password")
    assert form.status_code == 200 and "<h1>パスワードの<wbr>変更</h1>" in form.text
    r = viewer.post("/staff/password", data={"csrf_token": csrf, "current": "wrong password", "new": NEW_PASSWORD,
                                             "confirm": NEW_PASSWORD})
    assert r.status_code == 422 and "現在のパスワードが違います。もう一度入力してください。" in r.text
    assert 'value="wrong password" aria-invalid="true"' in r.text
    r = viewer.post("/staff/password", data={"csrf_token": csrf, "current": PASSWORD, "new": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert r.status_code == 303 and "パスワードを変更しました。" in viewer.get(r.headers["location"]).text
    assert can_sign_in(engine, "etsuran", NEW_PASSWORD) and not can_sign_in(engine, "etsuran", PASSWORD)
    assert entries(engine, "change_password")[-1].user_name == "etsuran"
    r = viewer.post("/staff/password", data={"csrf_token": csrf, "current": NEW_PASSWORD, "new": "etsuran", "confirm": "etsuran"})
    assert r.status_code == 422


def test_the_audit_trail_page_is_readable(world) -> None:
    engine = world.engine
    admin, csrf = sign_in(engine, "kikaku")
    admin.post(f"/staff/users/{world.hoiku.id}/role", data={"csrf_token": csrf, "role": "editor",
                                                           "departments": [str(dept_id(engine, "保育課")), str(dept_id(engine, "子育て支援課"))]})
    html = admin.get("/staff/audit?kind=user&user=kikaku").text
    assert "\\u" not in html and "<h1>変更履歴</h1>" in html
    item = re.search(r"<li><p class=\"audit-head\">.*?</li>", html, re.S).group(0)  # the newest first
    assert re.search(r"<time>\d{4}-\d\d-\d\d \d\d:\d\d</time> · <span class=\"who\">kikaku</span> · "
                     rf"<strong class=\"verb\">更新</strong> ·\n<a href=\"/staff/audit\?object=user:{world.hoiku.id}\">利用者 "
                     rf"{world.hoiku.id}</a> <span class=\"label\">hoiku</span>", item), item
    assert "<tr><th scope=\"row\">所管課</th><td><del>保育課</del></td><td><ins>保育課、子育て支援課</ins></td></tr>" in item
    assert "役割" not in item  # unchanged fields are left out
    assert "全 2 件（1 / 1 ページ）" in html  # the update and the sign-in, both user entries by kikaku
    assert "<strong class=\"verb\">ログイン</strong>" in html
    # JST: an entry made at 15:30 UTC is shown on the next day in Japan
    with transaction(engine) as s:
        s.add(m.AuditEntry(at=utcnow().replace(year=2026, month=5, day=1, hour=15, minute=30, second=0, microsecond=0),
                           user_name="gomi", action="create", object_type="cycle", object_id="9", object_label="テスト",
                           before=None, after={"year": 2025, "scale": "abcd"}))
    html = admin.get("/staff/audit?since=2026-05-02&until=2026-05-02").text
    assert "<time>2026-05-02 00:30</time>" in html and "全 1 件" in html and "<strong class=\"verb\">作成</strong>" in html
    assert "<tr><th scope=\"row\">年度</th><td>—</td><td><ins>2025</ins></td></tr>" in html
    assert "全 0 件" in admin.get("/staff/audit?since=2026-05-01&until=2026-05-01").text
    bad = admin.get("/staff/audit?since=2026-13-01&user=gomi")
    assert bad.status_code == 422 and "期間は 2026-05-01 の形で入力してください。" in bad.text
    assert 'value="2026-13-01" aria-invalid="true"' in bad.text and 'value="gomi"' in bad.text
    en = admin.get("/staff/audit?kind=cycle&lang=en").text
    assert "<strong class=\"verb\">created</strong>" in en and "Audit trail" in en


def test_the_audit_trail_is_paged_by_50(world) -> None:
    engine = world.engine
    with transaction(engine) as s:
        for i in range(120):
            audit.record(s, user_name="gomi", action="update", object_type="sheet", object_id=i, label=f"シート{i}",
                         before={"reasons": "前"}, after={"reasons": "後"})
    reviewer, _ = sign_in(engine, "shinsa")
    first = reviewer.get("/staff/audit?kind=sheet").text
    assert first.count("<li><p class=\"audit-head\">") == 50 and "全 120 件（1 / 3 ページ）" in first
    assert "シート119" in first and "シート69" not in first
    assert '<a href="/staff/audit?kind=sheet&amp;page_no=2" rel="next">次の 50 件</a>' in first and 'rel="prev"' not in first
    last = reviewer.get("/staff/audit?kind=sheet&page_no=3").text
    assert last.count("<li><p class=\"audit-head\">") == 20 and "シート0<" in last and 'rel="next"' not in last
    assert reviewer.get("/staff/audit?object=sheet:7").text.count("<li><p class=\"audit-head\">") == 1


def test_a_sign_in_link_on_public_pages(world) -> None:
    c = client(world.engine)
    assert '<a href="/login">職員ログイン</a>' in c.get("/").text
    assert '<a href="/login">Staff sign-in</a>' in c.get("/?lang=en").text
