"""Reminders: mails to each department's editors listing what is missing or returned, sent
through a real SMTP server listening on 127.0.0.1 in the test."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import inspect, select
from typer.testing import CliRunner

from cycle_helpers import DEADLINE, PASSWORD, RECYCLING, WASTE, YEAR, World, fast_hashing, make_world, node_id
from keikaku.cli.main import app
from keikaku.services import accounts, cycle, reminders
from keikaku.settings import Settings
from keikaku.storage import migrate
from keikaku.storage import models as m
from keikaku.storage.database import make_engine, transaction
from smtp_inbox import Inbox, free_port, inbox  # noqa: F401 - inbox: the local SMTP server

SENDER = "keikaku@city.example.jp"
SITE = "https://keikaku.city.example.jp"
TODAY = DEADLINE - timedelta(days=10)  # 2026-06-20
COMMENT = "目標との差の理由を具体的に\n書いてください"
PLAN_TITLE = "かえで市第2次総合計画（架空の例）"


def settings_for(port: int, **more: object) -> Settings:
    return Settings(smtp_host="127.0.0.1", smtp_port=port, smtp_starttls=False, smtp_from=SENDER, site_url=SITE, **more)


@pytest.fixture
def world(engine, monkeypatch: pytest.MonkeyPatch) -> World:
    """かえで市's FY2025 cycle; 保育課 and ごみ対策課 each get an editor with an address (ごみ対策課's
    reads English); the sheet of 施策 1 (子育て支援課, 保育課) is returned with a comment."""
    fast_hashing(monkeypatch)
    w = make_world(engine)
    accounts.create_user(engine, name="hoiku-mail", role="editor", password=PASSWORD, departments=["保育課"],
                         display_name="保育 花子", email="hoiku@city.example.jp")
    accounts.create_user(engine, name="gomi-mail", role="editor", password=PASSWORD, departments=["ごみ対策課"],
                         email="gomi@city.example.jp", lang="en")
    m1 = node_id(engine, "m1")
    cycle.save_sheet(engine, user=w.hoiku, cycle_id=w.cycle.id, node_id=m1, version=0, self_grade="B", reasons="概ね順調",
                     issues=None, next_direction="継続")
    cycle.submit_sheet(engine, user=w.hoiku, cycle_id=w.cycle.id, node_id=m1, version=1)
    cycle.review_sheet(engine, user=w.reviewer, cycle_id=w.cycle.id, node_id=m1, version=2, approve=False, comment=COMMENT)
    return w


def finish_gomi(w: World) -> None:
    """ごみ対策課 enters its two actuals and submits the sheet of 施策 10: nothing left."""
    e = w.engine
    cycle.enter_actual(e, user=w.gomi, plan=w.plan_id, indicator=RECYCLING, year=YEAR, value=30)
    cycle.enter_actual(e, user=w.gomi, plan=w.plan_id, indicator=WASTE, year=YEAR, value=850)
    cycle.save_sheet(e, user=w.gomi, cycle_id=w.cycle.id, node_id=node_id(e, "m10"), version=0, self_grade="C",
                     reasons="横ばい", issues=None, next_direction="改善")
    cycle.submit_sheet(e, user=w.gomi, cycle_id=w.cycle.id, node_id=node_id(e, "m10"), version=1)


def sent_rows(w: World) -> list[tuple[str, date, int, int]]:
    with transaction(w.engine) as s:
        rows = s.execute(select(m.ReminderSent.email, m.ReminderSent.day, m.ReminderSent.missing, m.ReminderSent.returned)
                         .order_by(m.ReminderSent.id))
        return [tuple(r) for r in rows]


def hoiku_mail(w: World) -> tuple[list[str], str, str]:
    m1 = node_id(w.engine, "m1")
    subject = f"【施策評価】{PLAN_TITLE} 2025年度 保育課: 未入力・未提出 1件、差戻し 1件（提出期限 2026-06-30）"
    body = "\n".join([
        "保育 花子 様",
        "",
        f"{PLAN_TITLE} 2025年度の施策評価について、保育課の未対応の項目をお知らせします。",
        "提出期限: 2026-06-30（あと10日）",
        "",
        "未入力・未提出: 1件　差戻し: 1件",
        "",
        "■ 施策 1 子育て支援の充実",
        "・実績値が未入力: 保育所等待機児童数",
        "・評価シートが差し戻されました。審査コメント: 目標との差の理由を具体的に",
        "  書いてください",
        f"{SITE}/staff/cycles/{w.cycle.id}/nodes/{m1}",
        "",
        f"所管課ごとの進捗: {SITE}/staff/cycles/{w.cycle.id}",
        "",
        "このメールは keikaku から自動で送信しています。すべて入力・提出すると届かなくなります。",
    ]) + "\n"
    return ["hoiku@city.example.jp"], subject, body


def test_mails_list_what_is_missing_and_returned(world: World, inbox: Inbox) -> None:
    run = reminders.send_reminders(world.engine, plan=world.plan_id, year=YEAR, today=TODAY, settings=settings_for(inbox.port))
    m10 = node_id(world.engine, "m10")
    gomi = (["gomi@city.example.jp"],
            f"[Evaluation] {PLAN_TITLE} FY2025 ごみ対策課: 3 missing, 0 returned (deadline 2026-06-30)",
            "\n".join([
                "Dear gomi-mail,", "",
                f"These items of ごみ対策課 are still open in the FY2025 evaluation of {PLAN_TITLE}.",
                "Deadline: 2026-06-30 (10 days left)", "",
                "Missing: 3   Returned: 0", "",
                "■ 施策 10 循環型社会の形成",
                "- Actual not entered: 1人1日当たりのごみ排出量",
                "- Actual not entered: 資源化率",
                "- Evaluation sheet not submitted",
                f"{SITE}/staff/cycles/{world.cycle.id}/nodes/{m10}", "",
                f"Progress of every department: {SITE}/staff/cycles/{world.cycle.id}", "",
                "keikaku sends this mail automatically; it stops once everything is entered and submitted.",
            ]) + "\n")
    assert inbox.mails() == [hoiku_mail(world), gomi]
    sender, _rcpt, message = inbox.received[0]
    assert sender == SENDER and message["From"] == SENDER and message["To"] == "hoiku@city.example.jp"
    assert message.get_content_type() == "text/plain" and message.get_content_charset() == "utf-8"
    assert [mail.status for mail in run.mails] == ["sent", "sent"]
    assert sent_rows(world) == [("hoiku@city.example.jp", TODAY, 1, 1), ("gomi@city.example.jp", TODAY, 3, 0)]
    # the editor without an address is named, and no mail goes to him
    hoiku = next(d for d in run.departments if d.progress.department == "保育課")
    assert hoiku.no_address == ["hoiku"]


def test_the_board_lists_the_same_items_and_the_last_reminder(world: World, inbox: Inbox) -> None:
    from test_web_staff import sign_in

    board = {d.department: d for d in cycle.progress_board(world.engine, cycle_id=world.cycle.id, today=TODAY)}
    hoiku = board["保育課"]
    assert [(i.kind, i.measure, i.name, i.comment) for i in hoiku.items] == [
        ("actual", "施策 1 子育て支援の充実", "保育所等待機児童数", None),
        ("returned", "施策 1 子育て支援の充実", None, COMMENT)]
    assert (hoiku.missing, hoiku.returned) == (1, 1)
    admin, _ = sign_in(world.engine, "kikaku")
    page = admin.get(f"/staff/cycles/{world.cycle.id}").text
    assert "未対応" in page and "最終督促" in page and "未入力・未提出 1件・差戻し 1件" in page
    assert "保育所等待機児童数" in page and "目標との差の理由を具体的に" in page
    reminders.send_reminders(world.engine, plan=world.plan_id, year=YEAR, today=TODAY, settings=settings_for(inbox.port))
    page = admin.get(f"/staff/cycles/{world.cycle.id}").text
    row = re.search(r'<th scope="row"><span lang="ja">保育課</span></th>.*?</tr>', page, flags=re.S).group(0)
    assert re.search(r"<td>20\d\d-\d\d-\d\d \d\d:\d\d</td></tr>$", row)
    untouched = re.search(r'<th scope="row"><span lang="ja">教育<wbr>総務課</span></th>.*?</tr>', page, flags=re.S).group(0)
    assert untouched.endswith("<td>—</td></tr>")


def test_once_a_day_unless_forced(world: World, inbox: Inbox) -> None:
    settings = settings_for(inbox.port)
    send = lambda **kw: reminders.send_reminders(world.engine, plan=world.plan_id, year=YEAR, settings=settings, **kw)  # noqa: E731
    send(today=TODAY)
    assert len(inbox.received) == 2
    again = send(today=TODAY)
    assert len(inbox.received) == 2 and [mail.status for mail in again.mails] == ["already_sent", "already_sent"]
    assert len(sent_rows(world)) == 2
    send(today=TODAY, force=True)
    assert len(inbox.received) == 4 and len(sent_rows(world)) == 4
    send(today=TODAY + timedelta(days=1))
    assert len(inbox.received) == 6


def test_dry_run_sends_and_records_nothing(world: World, inbox: Inbox) -> None:
    run = reminders.send_reminders(world.engine, plan=world.plan_id, year=YEAR, today=TODAY, dry_run=True,
                                   settings=settings_for(inbox.port))
    assert [(mail.to, mail.status) for mail in run.mails] == [("hoiku@city.example.jp", "pending"),
                                                               ("gomi@city.example.jp", "pending")]
    assert (run.mails[0].subject, run.mails[0].body) == hoiku_mail(world)[1:]
    assert inbox.received == [] and sent_rows(world) == []


def test_a_department_with_nothing_left_gets_no_mail(world: World, inbox: Inbox) -> None:
    finish_gomi(world)
    run = reminders.send_reminders(world.engine, plan=world.plan_id, year=YEAR, today=TODAY, settings=settings_for(inbox.port))
    assert [rcpt for rcpt, _s, _b in inbox.mails()] == [["hoiku@city.example.jp"]]
    gomi = next(d for d in run.departments if d.progress.department == "ごみ対策課")
    assert gomi.progress.done and gomi.mails == []


def test_when_reminders_go_out(world: World, inbox: Inbox) -> None:
    settings = settings_for(inbox.port)
    early = reminders.send_reminders(world.engine, plan=world.plan_id, year=YEAR, today=DEADLINE - timedelta(days=15),
                                     settings=settings)
    assert (early.due, early.reason, early.starts, early.mails) == (False, "not_yet", date(2026, 6, 16), [])
    assert inbox.received == []
    first = reminders.send_reminders(world.engine, plan=world.plan_id, year=YEAR, today=date(2026, 6, 16), settings=settings)
    assert first.due and len(inbox.received) == 2
    late = reminders.plan_reminders(world.engine, plan=world.plan_id, year=YEAR, today=date(2026, 9, 1), settings=settings)
    assert late.due and "提出期限: 2026-06-30（期限を63日過ぎています）" in late.mails[0].body
    three = reminders.plan_reminders(world.engine, plan=world.plan_id, year=YEAR, today=date(2026, 6, 20),
                                     settings=settings_for(inbox.port, reminder_days=3))
    assert (three.due, three.reason) == (False, "not_yet")
    other = cycle.open_cycle(world.engine, user=world.admin, plan=world.plan_id, year=2024)  # no deadline
    none = reminders.plan_reminders(world.engine, plan=world.plan_id, year=2024, today=TODAY, settings=settings)
    assert (other.deadline, none.due, none.reason) == (None, False, "no_deadline")


def test_unreachable_server_is_a_clear_error_and_records_nothing(world: World) -> None:
    port = free_port()  # nobody listens there
    with pytest.raises(reminders.MailError, match=rf"cannot reach the mail server 127\.0\.0\.1:{port}.*nothing was sent"):
        reminders.send_reminders(world.engine, plan=world.plan_id, year=YEAR, today=TODAY, settings=settings_for(port))
    assert sent_rows(world) == []
    with pytest.raises(reminders.MailError, match="KEIKAKU_SMTP_HOST"):
        reminders.send_reminders(world.engine, plan=world.plan_id, year=YEAR, today=TODAY, settings=Settings(smtp_host=""))
    assert sent_rows(world) == []


def test_cli_remind(world: World, inbox: Inbox, database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in {"DATABASE_URL": database_url, "LANG": "ja", "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(inbox.port),
                       "SMTP_STARTTLS": "false", "SMTP_FROM": SENDER, "SITE_URL": SITE}.items():
        monkeypatch.setenv(f"KEIKAKU_{key}", value)
    runner = CliRunner()
    args = ["remind", "--plan", str(world.plan_id), "--year", str(YEAR), "--today", TODAY.isoformat()]
    dry = runner.invoke(app, [*args, "--dry-run"], env={"COLUMNS": "200"})
    assert dry.exit_code == 0, dry.output
    assert "保育課: 未入力・未提出 1件、差戻し 1件" in dry.output and "送信予定 → hoiku-mail <hoiku@city.example.jp>" in dry.output
    assert "| ・実績値が未入力: 保育所等待機児童数" in dry.output and "メールアドレスなし: hoiku" in dry.output
    assert "送信予定 2件・本日送信済み 0件（--dry-run: 送信していません）" in dry.output
    assert inbox.received == [] and sent_rows(world) == []
    sent = runner.invoke(app, args, env={"COLUMNS": "200"})
    assert sent.exit_code == 0, sent.output
    assert "送信しました → hoiku-mail <hoiku@city.example.jp>" in sent.output and "送信 2件・本日送信済み 0件" in sent.output
    assert inbox.mails()[0] == hoiku_mail(world)
    again = runner.invoke(app, args, env={"COLUMNS": "200"})
    assert "本日送信済み → hoiku-mail" in again.output and len(inbox.received) == 2
    monkeypatch.setenv("KEIKAKU_SMTP_PORT", str(free_port()))
    down = runner.invoke(app, [*args, "--force"], env={"COLUMNS": "200"})
    assert down.exit_code == 3 and "cannot reach the mail server" in down.output
    assert len(sent_rows(world)) == 2


def test_user_add_with_email(cli_env: str, world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    ok = runner.invoke(app, ["user", "add", "kosodate", "--role", "editor", "-d", "子育て支援課", "--email", "kosodate@city.example.jp",
                             "--password-stdin"], input=PASSWORD + "\n")
    assert ok.exit_code == 0, ok.output
    with transaction(world.engine) as s:
        assert s.scalar(select(m.User.email).where(m.User.name == "kosodate")) == "kosodate@city.example.jp"
    bad = runner.invoke(app, ["user", "add", "bad", "--role", "viewer", "--email", "not an address", "--password-stdin"],
                        input=PASSWORD + "\n")
    assert bad.exit_code == 2 and "not an e-mail address" in bad.output


def test_migration_0011_down_and_up(empty_database_url: str) -> None:
    engine = make_engine(empty_database_url)
    migrate.upgrade(engine)
    assert "reminders_sent" in inspect(engine).get_table_names()
    assert migrate.downgrade(engine, "0010") == "0010"
    assert "reminders_sent" not in inspect(engine).get_table_names()
    assert not {"email", "lang"} & {c["name"] for c in inspect(engine).get_columns("users")}
    migrate.upgrade(engine)
    assert {"email", "lang"} <= {c["name"] for c in inspect(engine).get_columns("users")}
    engine.dispose()
