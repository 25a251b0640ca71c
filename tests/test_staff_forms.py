"""Every staff form sent with a problem: an HTML page (never JSON) whose message says what to do, in
Japanese, in English with ?lang=en or the user's own setting, with what was typed still in its
fields; and the throttle of wrong current passwords on /staff/password."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from cycle_helpers import PASSWORD, WAITING, fast_hashing, indicator_id, make_world, node_id
from keikaku.services import accounts
from keikaku.storage import models as m
from keikaku.storage.database import transaction
from keikaku.storage.models import utcnow
from keikaku.web.app import create_app
from keikaku.web.audit_view import jst

LONG = "長" * 20001


@pytest.fixture
def world(engine: Engine, monkeypatch: pytest.MonkeyPatch):
    fast_hashing(monkeypatch)
    return make_world(engine)


def client(engine: Engine) -> TestClient:
    return TestClient(create_app(engine), raise_server_exceptions=False, follow_redirects=False)


def csrf_of(text: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', text).group(1)


def sign_in(engine: Engine, name: str) -> tuple[TestClient, str]:
    c = client(engine)
    r = c.post("/login", data={"name": name, "password": PASSWORD, "csrf_token": csrf_of(c.get("/login").text)})
    assert r.status_code == 303, r.text
    return c, csrf_of(c.get("/staff").text)


def alert_of(text: str) -> str:
    """The text of the page's first alert, tags removed and entities undone."""
    found = re.search(r'role="alert"[^>]*>(.*?)</(?:p|div)>', text, re.S)
    assert found, text[:2000]
    return html.unescape(re.sub(r"<[^>]+>", "", found.group(1))).strip()


def field_value(text: str, name: str) -> str:
    """What an input or textarea of the page holds."""
    found = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', text)
    if found:
        return html.unescape(found.group(1))
    found = re.search(rf'<textarea[^>]*name="{name}"[^>]*>(.*?)</textarea>', text, re.S)
    assert found, f"no field {name}"
    return html.unescape(found.group(1))


def selected(text: str, name: str) -> str | None:
    select_html = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', text, re.S).group(1)
    found = re.search(r'<option(?: value="([^"]*)")? selected>([^<]*)</option>', select_html)
    return (found.group(1) or found.group(2)) if found else None


# (the form, its page's user, what is sent, the status, the message in Japanese, in English, the fields and what they keep)
def cases(world) -> list[tuple[str, str, str, dict[str, str], int, str, str, dict[str, str]]]:
    nid = node_id(world.engine, "m1")
    sheet = f"/staff/cycles/{world.cycle.id}/nodes/{nid}"
    waiting = f"value-{indicator_id(world.engine, WAITING)}"
    grade = {"self_grade": "B", "next_direction": "継続", "issues": "課題のメモ"}
    return [
        ("open cycle: no year", "kikaku", "/staff/cycles", {"plan": str(world.plan_id), "year": "", "deadline": "2027-06-30"}, 422,
         "年度は西暦の数字 4 桁（例: 2025）で入力してください。", "Give the fiscal year as four digits, such as 2025.",
         {"deadline": "2027-06-30"}),
        ("open cycle: year not a number", "kikaku", "/staff/cycles", {"plan": str(world.plan_id), "year": "二〇二六", "deadline": ""},
         422, "年度は西暦の数字 4 桁（例: 2025）で入力してください。", "Give the fiscal year as four digits, such as 2025.",
         {"year": "二〇二六"}),
        ("open cycle: bad date", "kikaku", "/staff/cycles", {"plan": str(world.plan_id), "year": "2026", "deadline": "2027-02-30"},
         422, "締切日は 2026-06-30 の形（年-月-日）で入力してください。", "Give the deadline as a date such as 2026-06-30.",
         {"year": "2026", "deadline": "2027-02-30"}),
        ("open cycle: outside the plan", "kikaku", "/staff/cycles", {"plan": str(world.plan_id), "year": "2090", "deadline": ""},
         422, "その年度は計画期間の外です。計画期間内の年度を入力してください。",
         "That year is outside the plan's period: give a year within it.", {"year": "2090"}),
        ("open cycle: already open", "kikaku", "/staff/cycles", {"plan": str(world.plan_id), "year": "2025", "deadline": ""},
         422, "この計画のその年度の評価はすでに開始されています。上の「評価の年度」から開いてください。",
         "That year of this plan is already open: open it from the evaluation years above.", {"year": "2025"}),
        ("open cycle: wrong CSRF", "kikaku", "/staff/cycles",
         {"plan": str(world.plan_id), "year": "2026", "deadline": "2027-06-30", "csrf_token": "forged"}, 403,
         "フォームの有効期限が切れたため、送信されませんでした。入力内容は残してあります。確かめて、もう一度送信してください。",
         "The form had expired, so it was not sent. What you typed is kept: check it and send it again.",
         {"year": "2026", "deadline": "2027-06-30"}),
        ("actuals: not a number", "hoiku", f"{sheet}/actuals", {waiting: "3人"}, 422,
         "誤りのある値があるため、何も保存していません。印のついた欄を直して、もう一度保存してください。",
         "Some values have problems, so nothing was saved: correct the marked fields and save again.", {waiting: "3人"}),
        ("actuals: wrong CSRF", "hoiku", f"{sheet}/actuals", {waiting: "4", "csrf_token": ""}, 403,
         "フォームの有効期限が切れたため、送信されませんでした。入力内容は残してあります。確かめて、もう一度送信してください。",
         "The form had expired, so it was not sent. What you typed is kept: check it and send it again.", {waiting: "4"}),
        ("sheet: too long", "hoiku", f"{sheet}/sheet", {**grade, "version": "0", "reasons": LONG}, 422,
         "「評価の理由」が長すぎます。20000 文字以内に短くしてください。", "Reasons is too long: shorten it to 20000 characters.",
         {"reasons": LONG, "issues": "課題のメモ"}),
        ("sheet: submitted empty", "hoiku", f"{sheet}/sheet", {"version": "0", "issues": "課題だけ", "action": "submit"}, 422,
         "提出する前に「所管課の評価」を入力してください（一時保存は空欄のままでもできます）。",
         "Fill in Own grade before submitting (saving works with empty fields).", {"issues": "課題だけ"}),
        ("sheet: wrong CSRF", "hoiku", f"{sheet}/sheet", {**grade, "version": "0", "reasons": "理由", "csrf_token": "x"}, 403,
         "フォームの有効期限が切れたため、送信されませんでした。入力内容は残してあります。確かめて、もう一度送信してください。",
         "The form had expired, so it was not sent. What you typed is kept: check it and send it again.",
         {"reasons": "理由", "issues": "課題のメモ"}),
        ("progress: a long stage", "gomi", f"/staff/cycles/{world.cycle.id}/nodes/{node_id(world.engine, 'm10')}/progress",
         {"stage-PROJECT": "推" * 51, "progress-PROJECT": "順調に進んだ"}, 422,
         "誤りのある欄があるため、事業の進捗は何も保存していません。印のついた欄を直して、もう一度保存してください。",
         "Some fields have problems, so no project progress was saved: correct the marked fields and save again.",
         {"stage-PROJECT": "推" * 51, "progress-PROJECT": "順調に進んだ"}),
        ("password: wrong current", "hoiku", "/staff/password", {"current": "not it at all", "new": "a new passphrase!",
                                                                  "confirm": "a new passphrase!"}, 422,
         "現在のパスワードが違います。もう一度入力してください。", "The current password is wrong: type it again.",
         {"current": "not it at all", "new": "a new passphrase!", "confirm": "a new passphrase!"}),
        ("password: wrong CSRF", "hoiku", "/staff/password", {"current": PASSWORD, "new": "x", "confirm": "x", "csrf_token": ""},
         403, "フォームの有効期限が切れたため、送信されませんでした。入力内容は残してあります。確かめて、もう一度送信してください。",
         "The form had expired, so it was not sent. What you typed is kept: check it and send it again.", {"new": "x"}),
        ("audit: bad date", "shinsa", "/staff/audit?since=2026-13-01&user=kikaku", {}, 422,
         "期間は 2026-05-01 の形で入力してください。", "Give dates as 2026-05-01.", {"since": "2026-13-01", "user": "kikaku"}),
    ]


def project_of(engine: Engine) -> int:
    with transaction(engine) as s:
        return s.scalar(select(m.Project.id).where(m.Project.name == "食品ロス削減推進事業"))


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_form_with_a_problem_says_what_to_do_and_keeps_what_was_typed(world, lang: str) -> None:
    sessions: dict[str, tuple[TestClient, str]] = {}
    project = str(project_of(world.engine))
    for label, user, url, data, status, ja, en, kept in cases(world):
        if user not in sessions:
            sessions[user] = sign_in(world.engine, user)
        c, csrf = sessions[user]
        data = {k.replace("PROJECT", project): v for k, v in {"csrf_token": csrf, **data}.items()}
        kept = {k.replace("PROJECT", project): v for k, v in kept.items()}
        target = url + ("&" if "?" in url else "?") + "lang=en" if lang == "en" else url
        r = c.get(target) if url.startswith("/staff/audit") else c.post(target, data=data)
        assert r.status_code == status, f"{label}: {r.status_code} {r.text[:500]}"
        assert r.headers["content-type"].startswith("text/html"), label
        assert alert_of(r.text) == (en if lang == "en" else ja), label
        for name, value in kept.items():
            assert field_value(r.text, name) == value, f"{label}: {name}"


def test_the_sheet_keeps_choices_and_marks_each_bad_value(world) -> None:
    c, csrf = sign_in(world.engine, "hoiku")
    sheet = f"/staff/cycles/{world.cycle.id}/nodes/{node_id(world.engine, 'm1')}"
    waiting = indicator_id(world.engine, WAITING)
    r = c.post(f"{sheet}/sheet", data={"csrf_token": csrf, "version": "0", "self_grade": "B", "next_direction": "改善",
                                        "reasons": LONG})
    assert r.status_code == 422
    assert selected(r.text, "self_grade") == "B" and selected(r.text, "next_direction") == "改善"
    assert 'id="reasons" name="reasons" rows="4" aria-invalid="true"' in r.text
    r = c.post(f"{sheet}/actuals", data={"csrf_token": csrf, f"value-{waiting}": "abc"})
    items = [html.unescape(re.sub(r"<[^>]+>", "", i)) for i in re.findall(r"<li><a href=\"#value-\d+\">(.*?)</a></li>", r.text)]
    assert items == [f"{WAITING}: 数値で入力してください（例: 12.5）。"]
    assert f'name="value-{waiting}" inputmode="decimal" value="abc" aria-invalid="true"' in r.text
    r = c.post(f"{sheet}/actuals?lang=en", data={"csrf_token": csrf, f"value-{waiting}": "1.23456789012345678"})
    items = [html.unescape(re.sub(r"<[^>]+>", "", i)) for i in re.findall(r"<li><a href=\"#value-\d+\">(.*?)</a></li>", r.text)]
    assert r.status_code == 422 and items == [f"{WAITING}: the value has too many digits; give it in the indicator's unit."]


def test_a_stale_sheet_keeps_the_typed_text_beside_the_latest(world) -> None:
    first, csrf1 = sign_in(world.engine, "hoiku")
    second, csrf2 = sign_in(world.engine, "kikaku")
    sheet = f"/staff/cycles/{world.cycle.id}/nodes/{node_id(world.engine, 'm1')}"
    assert first.post(f"{sheet}/sheet", data={"csrf_token": csrf1, "version": "0", "reasons": "先の理由"}).status_code == 303
    r = second.post(f"{sheet}/sheet?lang=en", data={"csrf_token": csrf2, "version": "0", "reasons": "後の理由"})
    assert r.status_code == 409
    assert alert_of(r.text).startswith("Someone else saved this sheet first.")
    assert field_value(r.text, "reasons") == "先の理由" and "<dd>後の理由</dd>" in r.text


def test_review_without_a_comment_and_a_bad_decision(world) -> None:
    editor, csrf = sign_in(world.engine, "hoiku")
    sheet = f"/staff/cycles/{world.cycle.id}/nodes/{node_id(world.engine, 'm1')}"
    r = editor.post(f"{sheet}/sheet", data={"csrf_token": csrf, "version": "0", "self_grade": "B", "reasons": "理由",
                                            "issues": "課題", "next_direction": "継続", "action": "submit"})
    assert r.status_code == 303, r.text[:500]
    reviewer, rcsrf = sign_in(world.engine, "shinsa")
    version = re.search(r'name="version" value="(\d+)"', reviewer.get(sheet).text).group(1)
    r = reviewer.post(f"{sheet}/review", data={"csrf_token": rcsrf, "version": version, "decision": "return", "comment": ""})
    assert r.status_code == 422 and alert_of(r.text) == "差し戻す理由を審査コメントに書いてから、もう一度「差戻し」を押してください。"
    r = reviewer.post(f"{sheet}/review?lang=en", data={"csrf_token": rcsrf, "version": version, "decision": "maybe",
                                                       "comment": "考え中"})
    assert r.status_code == 422 and alert_of(r.text) == "Send the form with the Approve or Return button."
    assert field_value(r.text, "comment") == "考え中"


def test_sign_in_keeps_the_name_and_a_stale_sign_in_form_is_a_page(world) -> None:
    c = client(world.engine)
    token = csrf_of(c.get("/login").text)
    r = c.post("/login", data={"name": "kikaku", "password": "wrong one!", "csrf_token": token})
    assert alert_of(r.text) == "ユーザー名またはパスワードが違います。" and field_value(r.text, "name") == "kikaku"
    r = c.post("/login?lang=en", data={"name": "kikaku", "password": PASSWORD, "csrf_token": "stale"})
    assert r.status_code == 403 and r.headers["content-type"].startswith("text/html")
    assert alert_of(r.text) == "The sign-in form had expired, so you are not signed in: type your password again and sign in."
    assert field_value(r.text, "name") == "kikaku"


def test_a_forbidden_or_forged_request_elsewhere_is_a_page_in_the_readers_language(world) -> None:
    viewer, csrf = sign_in(world.engine, "etsuran")
    r = viewer.get("/staff/sdg")
    assert r.status_code == 403 and r.headers["content-type"].startswith("text/html")
    assert "この操作の権限がありません。必要なときは企画政策課（管理者）に依頼してください。" in r.text
    admin, _ = sign_in(world.engine, "kikaku")
    r = admin.post(f"/staff/plans/{world.plan_id}/sdg?lang=en", data={"node_id": "1", "suggested": "1", "decision": "accept",
                                                                      "csrf_token": "forged"})
    assert r.status_code == 403 and "The form has expired: reload the page and send it again." in r.text


# --- the user's language --------------------------------------------------------------------------

def test_a_user_chooses_english_and_staff_pages_follow_it_unless_asked_otherwise(world) -> None:
    c, csrf = sign_in(world.engine, "hoiku")
    assert "<title>評価の管理 | " in c.get("/staff").text
    r = c.post("/staff/settings/lang", data={"csrf_token": csrf, "lang": "en"})
    assert r.status_code == 303 and r.headers["location"] == "/staff/password?msg=lang_saved"
    page = c.get(r.headers["location"]).text
    assert "Your language was saved." in page and selected(page, "lang") == "en"
    assert "<title>Evaluation | " in c.get("/staff").text
    assert '<html lang="en">' in c.get(f"/staff/cycles/{world.cycle.id}").text
    assert "<title>評価の管理 | " in c.get("/staff?lang=ja").text  # ?lang= wins over the setting
    c.cookies.set("lang", "ja")
    assert "<title>Evaluation | " in c.get("/staff").text  # the setting wins over the language link's cookie
    with transaction(world.engine) as s:
        assert s.scalar(select(m.User.lang).where(m.User.name == "hoiku")) == "en"  # the mails' language too
    public = client(world.engine)
    assert '<html lang="ja">' in public.get("/").text  # public pages keep their rule


def test_a_bad_language_is_refused_in_words_and_the_setting_is_unchanged(world) -> None:
    c, csrf = sign_in(world.engine, "gomi")
    r = c.post("/staff/settings/lang", data={"csrf_token": csrf, "lang": "fr"})
    assert r.status_code == 422 and alert_of(r.text) == "表示言語を一覧から選んでください。"
    r = c.post("/staff/settings/lang", data={"csrf_token": "old", "lang": "en"})
    assert r.status_code == 403 and selected(r.text, "lang") == "en"
    assert alert_of(r.text).startswith("フォームの有効期限が切れたため、送信されませんでした。")
    with transaction(world.engine) as s:
        assert s.scalar(select(m.User.lang).where(m.User.name == "gomi")) is None


# --- throttling wrong current passwords ------------------------------------------------------------

def test_wrong_current_passwords_are_throttled_with_the_time_to_try_again(world) -> None:
    c, csrf = sign_in(world.engine, "hoiku")
    data = {"csrf_token": csrf, "current": "a wrong guess", "new": "a new passphrase!", "confirm": "a new passphrase!"}
    for _ in range(accounts.MAX_FAILURES):
        r = c.post("/staff/password", data=data)
        assert r.status_code == 422 and alert_of(r.text) == "現在のパスワードが違います。もう一度入力してください。"
    with transaction(world.engine) as s:
        times = sorted(s.scalars(select(m.LoginFailure.at).where(m.LoginFailure.name == "hoiku")))
    assert len(times) == accounts.MAX_FAILURES
    until = jst(accounts.audit.as_utc(times[0]) + accounts.THROTTLE_WINDOW)
    r = c.post("/staff/password", data={**data, "current": PASSWORD})  # even the right one is refused now
    assert r.status_code == 429 and r.headers["content-type"].startswith("text/html")
    assert alert_of(r.text) == (f"現在のパスワードの誤りが続いたため、しばらくパスワードを変更できません。{until}（日本時間）以降、"
                                "約 15 分後にもう一度お試しください。")
    assert field_value(r.text, "new") == "a new passphrase!"
    r = c.post("/staff/password?lang=en", data={**data, "current": PASSWORD})
    assert alert_of(r.text) == ("The current password was wrong too many times: you cannot change the password for now. "
                                f"Try again after {until} (JST), in about 15 minutes.")
    assert accounts.count_failures(world.engine, "hoiku") == accounts.MAX_FAILURES  # refused attempts are not counted
    assert not login_works(world.engine, "hoiku")  # the same secret: sign-in is throttled too
    with transaction(world.engine) as s:
        assert s.scalar(select(m.AuditEntry.action).where(m.AuditEntry.action == "password_throttled").limit(1))


def login_works(engine: Engine, name: str) -> bool:
    c = client(engine)
    r = c.post("/login", data={"name": name, "password": PASSWORD, "csrf_token": csrf_of(c.get("/login").text)})
    return r.status_code == 303


def test_the_throttle_ends_and_a_right_password_forgets_only_its_own_attempt(world) -> None:
    user = accounts.get_user(world.engine, "gomi")
    start = utcnow()
    for k in range(accounts.MAX_FAILURES - 1):
        with pytest.raises(accounts.AccountInvalid) as wrong:
            accounts.change_own_password(world.engine, user=user, current="nope nope", new="another passphrase",
                                         now=start + timedelta(seconds=k))
        assert wrong.value.code == "wrong_password"
    accounts.change_own_password(world.engine, user=user, current=PASSWORD, new="another passphrase",
                                 now=start + timedelta(seconds=10))
    assert accounts.count_failures(world.engine, "gomi") == accounts.MAX_FAILURES - 1
    with pytest.raises(accounts.AccountInvalid):
        accounts.change_own_password(world.engine, user=user, current="nope nope", new="x" * 12, now=start + timedelta(seconds=11))
    with pytest.raises(accounts.AccountInvalid) as throttled:
        accounts.change_own_password(world.engine, user=user, current="another passphrase", new="a third passphrase",
                                     now=start + timedelta(seconds=12))
    assert throttled.value.code == "password_throttled" and throttled.value.values["minutes"] == 15
    assert throttled.value.values["until"] == start + accounts.THROTTLE_WINDOW
    later = start + accounts.THROTTLE_WINDOW + timedelta(seconds=1)
    accounts.change_own_password(world.engine, user=user, current="another passphrase", new="a third passphrase", now=later)
