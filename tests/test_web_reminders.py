"""Reminders sent from the progress board (/staff/cycles/{id}/reminders) through the real HTTP app
and a real SMTP server on 127.0.0.1: the preview, the confirmation, the notice of who was mailed,
the refusals (rights, CSRF, a preview gone stale) and the mail server missing, unreachable or
refusing a mail."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from cycle_helpers import PASSWORD, World, fast_hashing, make_world
from keikaku.services import accounts, cycle
from keikaku.services.cycle_common import today_jst
from keikaku.storage import models as m
from keikaku.storage.database import transaction
from keikaku.web.app import create_app
from smtp_inbox import Inbox, free_port, inbox, serving  # noqa: F401 - inbox: the local SMTP server

SENDER = "keikaku@city.example.jp"
PLAN_TITLE = "かえで市第2次総合計画（架空の例）"
HOIKU = "hoiku@city.example.jp"
GOMI = "gomi@city.example.jp"


@pytest.fixture
def world(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> World:
    """かえで市 with the FY2025 cycle due in 7 days (so reminders go out today, whatever the date);
    保育課 and ごみ対策課 each have an editor with an address besides hoiku and gomi, who have none."""
    fast_hashing(monkeypatch)
    w = make_world(engine, open_cycle=False)
    w.cycle = cycle.open_cycle(engine, user=w.admin, plan=w.plan_id, year=2025, deadline=today_jst() + timedelta(days=7))
    accounts.create_user(engine, name="hoiku-mail", role="editor", password=PASSWORD, departments=["保育課"],
                         display_name="保育 花子", email=HOIKU)
    accounts.create_user(engine, name="gomi-mail", role="editor", password=PASSWORD, departments=["ごみ対策課"], email=GOMI)
    return w


def smtp_env(monkeypatch: pytest.MonkeyPatch, port: int) -> None:
    monkeypatch.setenv("KEIKAKU_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("KEIKAKU_SMTP_PORT", str(port))
    monkeypatch.setenv("KEIKAKU_SMTP_STARTTLS", "false")
    monkeypatch.setenv("KEIKAKU_SMTP_FROM", SENDER)
    monkeypatch.setenv("KEIKAKU_SITE_URL", "https://keikaku.city.example.jp")


def sign_in(engine: Engine, name: str) -> tuple[TestClient, str]:
    c = TestClient(create_app(engine), raise_server_exceptions=False, follow_redirects=False)
    token = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/login").text).group(1)
    r = c.post("/login", data={"name": name, "password": PASSWORD, "csrf_token": token})
    assert r.status_code == 303, r.text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/staff").text).group(1)
    return c, csrf


def confirmed(html: str) -> str:
    return re.search(r'name="confirmed" value="([0-9a-f]{24})"', html).group(1)


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", html.replace("<wbr>", ""))))


def sent_rows(w: World) -> list[tuple[str, int, int]]:
    with transaction(w.engine) as s:
        return [tuple(r) for r in s.execute(select(m.ReminderSent.email, m.ReminderSent.missing, m.ReminderSent.returned)
                                            .order_by(m.ReminderSent.id))]


def remind_audits(w: World) -> list[tuple[str | None, str, dict]]:
    with transaction(w.engine) as s:
        return [(e.user_name, e.object_id, e.after) for e in s.scalars(
            select(m.AuditEntry).where(m.AuditEntry.action == "remind").order_by(m.AuditEntry.id))]


def subject(department: str, missing: int, w: World) -> str:
    return (f"【施策評価】{PLAN_TITLE} 2025年度 {department}: 未入力・未提出 {missing}件、差戻し 0件"
            f"（提出期限 {w.cycle.deadline.isoformat()}）")


def test_only_those_who_may_send_see_the_form(world: World) -> None:
    board = f"/staff/cycles/{world.cycle.id}"
    admin, _ = sign_in(world.engine, "kikaku")
    html = admin.get(board).text
    assert ('<h2 id="reminders">督促メールを<wbr>送信</h2>' in html
            and f'<a class="button-link" href="/staff/cycles/{world.cycle.id}/reminders">送信内容を確認</a>' in html)
    for name in ("shinsa", "hoiku", "etsuran"):
        c, csrf = sign_in(world.engine, name)
        assert "督促メールを送信" not in c.get(board).text, name
        assert c.get(f"{board}/reminders").status_code == 403, name
        r = c.post(f"{board}/reminders", data={"csrf_token": csrf, "confirmed": "0" * 24, "confirm": "yes"})
        assert r.status_code == 403, name
    anonymous = TestClient(create_app(world.engine), follow_redirects=False)
    assert anonymous.get(f"{board}/reminders").headers["location"] == "/login"


def test_preview_then_send_says_how_many_went_to_whom(world: World, inbox: Inbox, monkeypatch: pytest.MonkeyPatch) -> None:
    smtp_env(monkeypatch, inbox.port)
    c, csrf = sign_in(world.engine, "kikaku")
    url = f"/staff/cycles/{world.cycle.id}/reminders"
    r = c.get(url)
    assert r.status_code == 200 and r.headers["cache-control"] == "no-store"
    page = text_of(r.text)
    assert "送信予定 2件・本日送信済み 0件" in page
    assert f"送信予定 宛先: hoiku-mail <{HOIKU}>" in page and f"送信予定 宛先: gomi-mail <{GOMI}>" in page
    assert f"件名: {subject('保育課', 2, world)}" in page
    assert "施策 1 子育て支援の充実: 実績値が未入力 — 保育所等待機児童数" in page
    assert "メールアドレスのない入力担当: hoiku（宛先になりません）" in page
    assert "メールサーバーが設定されていない" not in page
    assert inbox.received == [] and sent_rows(world) == []  # a preview sends nothing

    # a form without the session's token is refused, and sends nothing
    assert c.post(url, data={"confirmed": confirmed(r.text)}).status_code == 403
    assert c.post(url, data={"confirmed": confirmed(r.text), "csrf_token": "forged"}).status_code == 403
    assert inbox.received == []

    done = c.post(url, data={"confirmed": confirmed(r.text), "confirm": "yes", "csrf_token": csrf})
    assert done.status_code == 200, done.text
    notice = re.search(r'<div class="notice" role="status">(.*?)</div>', done.text, re.S).group(1)
    assert text_of(re.sub(r"<ul.*</ul>", "", notice, flags=re.S)).strip() == "督促メールを 2件送信しました。 送信先:"
    assert re.findall(r"<li>(.*?)</li>", unescape(notice)) == [f"保育課 — hoiku-mail <{HOIKU}>", f"ごみ対策課 — gomi-mail <{GOMI}>"]
    assert sorted(rcpt[0] for rcpt, _s, _b in inbox.mails()) == [GOMI, HOIKU]
    mails = {rcpt[0]: (subj, body) for rcpt, subj, body in inbox.mails()}
    assert mails[HOIKU][0] == subject("保育課", 2, world)
    assert "・実績値が未入力: 保育所等待機児童数\n・評価シートが未提出\n" in mails[HOIKU][1]
    assert sorted(sent_rows(world)) == [(GOMI, 3, 0), (HOIKU, 2, 0)]
    [(user, object_id, after)] = remind_audits(world)
    assert user == "kikaku" and object_id == str(world.cycle.id) and after["sent"] == 2
    assert sorted(after["recipients"]) == [f"ごみ対策課: gomi-mail <{GOMI}>", f"保育課: hoiku-mail <{HOIKU}>"]
    assert "送信予定 0件・本日送信済み 2件" in text_of(done.text)
    assert 'name="confirmed"' not in done.text  # nothing left to send today

    # sending the same form again (a reload) sends nothing: what would be sent changed
    again = c.post(url, data={"confirmed": confirmed(r.text), "confirm": "yes", "csrf_token": csrf})
    assert again.status_code == 409 and "何も送信していません" in again.text
    assert len(inbox.received) == 2 and len(remind_audits(world)) == 1
    audit_page = text_of(c.get("/staff/audit").text)
    assert "督促メール送信" in audit_page


def test_no_mail_server_is_a_clear_japanese_notice(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    for key in ("KEIKAKU_SMTP_HOST", "KEIKAKU_SMTP_FROM"):
        monkeypatch.delenv(key, raising=False)
    c, csrf = sign_in(world.engine, "kikaku")
    url = f"/staff/cycles/{world.cycle.id}/reminders"
    r = c.get(url)
    assert r.status_code == 200
    assert ("メールサーバーが設定されていないため送信できません。管理者が KEIKAKU_SMTP_HOST と KEIKAKU_SMTP_FROM を設定してください。"
            in text_of(r.text))
    assert 'name="confirmed"' not in r.text  # no button to press
    assert "送信予定 2件・本日送信済み 0件" in text_of(r.text)
    posted = c.post(url, data={"confirmed": _fingerprint(world), "confirm": "yes", "csrf_token": csrf})
    assert posted.status_code == 503
    assert ("メールサーバーが設定されていません（KEIKAKU_SMTP_HOST と KEIKAKU_SMTP_FROM）。何も送信していません。"
            in text_of(posted.text))
    assert sent_rows(world) == [] and remind_audits(world) == []


def _fingerprint(w: World) -> str:
    from keikaku.services import reminder_board

    return reminder_board.preview(w.engine, user=w.admin, cycle_id=w.cycle.id).fingerprint


def test_unreachable_server_sends_and_records_nothing(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    port = free_port()  # nothing listens there
    smtp_env(monkeypatch, port)
    c, csrf = sign_in(world.engine, "kikaku")
    url = f"/staff/cycles/{world.cycle.id}/reminders"
    r = c.post(url, data={"confirmed": confirmed(c.get(url).text), "confirm": "yes", "csrf_token": csrf})
    assert r.status_code == 503
    assert (f"メールサーバー 127.0.0.1:{port} に接続できません。何も送信していません。時間をおいて再度お試しください。"
            in text_of(r.text))
    assert sent_rows(world) == [] and remind_audits(world) == []


class Refusing(Inbox):
    """Accepts every mail but the one to gomi@…"""

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: ANN001, ANN201, N802
        if address == GOMI:
            return "550 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"


def test_a_refused_mail_is_reported_and_the_mails_before_it_are_recorded(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    with serving(Refusing(free_port())) as box:
        smtp_env(monkeypatch, box.port)
        c, csrf = sign_in(world.engine, "kikaku")
        url = f"/staff/cycles/{world.cycle.id}/reminders"
        preview = c.get(url).text
        order = re.findall(r"送信予定 宛先: [\w-]+ <([^>]+)>", text_of(preview))
        assert order == [HOIKU, GOMI]  # the plan names 保育課 first
        r = c.post(url, data={"confirmed": confirmed(preview), "confirm": "yes", "csrf_token": csrf})
    assert r.status_code == 503
    assert ("メールサーバーが gomi@city.example.jp 宛てのメールを拒否しました。それまでの 1件は送信・記録済みです。残りは送信していません。"
            in text_of(r.text))
    assert f"保育課 — hoiku-mail <{HOIKU}>" in text_of(r.text)  # the one that went
    assert sent_rows(world) == [(HOIKU, 2, 0)]
    assert [rcpt for rcpt, _s, _b in box.mails()] == [[HOIKU]]
    [(user, _id, after)] = remind_audits(world)
    assert user == "kikaku" and after["sent"] == 1 and after["recipients"] == [f"保育課: hoiku-mail <{HOIKU}>"]
    assert after["error"].startswith(f"the mail server refused the reminder to {GOMI}")


def test_english_page(world: World, inbox: Inbox, monkeypatch: pytest.MonkeyPatch) -> None:
    smtp_env(monkeypatch, inbox.port)
    c, _csrf = sign_in(world.engine, "kikaku")
    page = text_of(c.get(f"/staff/cycles/{world.cycle.id}/reminders?lang=en").text)
    assert "Send reminders" in page and "2 to send, 0 already sent today" in page


def test_not_yet_due_offers_nothing_to_send(engine: Engine, inbox: Inbox, monkeypatch: pytest.MonkeyPatch) -> None:
    fast_hashing(monkeypatch)
    smtp_env(monkeypatch, inbox.port)
    w = make_world(engine, open_cycle=False)
    deadline = today_jst() + timedelta(days=30)
    w.cycle = cycle.open_cycle(engine, user=w.admin, plan=w.plan_id, year=2025, deadline=deadline)
    c, _csrf = sign_in(engine, "kikaku")
    page = c.get(f"/staff/cycles/{w.cycle.id}/reminders")
    starts = (deadline - timedelta(days=14)).isoformat()
    assert f"督促メールは {starts} から送れます（提出期限 {deadline.isoformat()} の 14 日前から）。" in text_of(page.text)
    assert 'name="confirmed"' not in page.text


def test_the_new_user_form_takes_the_address_reminders_go_to(world: World) -> None:
    c, csrf = sign_in(world.engine, "kikaku")
    with transaction(world.engine) as s:
        hoiku_dept = s.scalar(select(m.Department.id).where(m.Department.name == "保育課"))
    form = {"csrf_token": csrf, "name": "hoiku-new", "role": "editor", "departments": str(hoiku_dept),
            "password": "a long passphrase here", "password_confirm": "a long passphrase here"}
    bad = c.post("/staff/users", data={**form, "email": "hoiku at city"})
    assert bad.status_code == 422
    assert "メールアドレスの形式が正しくありません（例: hoiku@city.example.jp）。" in text_of(bad.text)
    assert 'id="email" name="email" type="email" maxlength="254" autocomplete="off" value="hoiku at city" aria-invalid="true"' in bad.text
    ok = c.post("/staff/users", data={**form, "email": " new@city.example.jp "})
    assert ok.status_code == 303 and ok.headers["location"] == "/staff/users?msg=user_created"
    with transaction(world.engine) as s:
        assert s.scalar(select(m.User.email).where(m.User.name == "hoiku-new")) == "new@city.example.jp"
    preview = text_of(c.get(f"/staff/cycles/{world.cycle.id}/reminders").text)
    assert "送信予定 宛先: hoiku-new <new@city.example.jp>" in preview  # the new editor is told too
