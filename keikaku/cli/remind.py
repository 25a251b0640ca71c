"""``keikaku remind``: mail each department's editors what is missing or returned in a cycle.

A thin wrapper over ``keikaku.services.reminders``; run it daily (cron, a systemd timer).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

import typer

WORDS: dict[str, tuple[str, str]] = {
    "no_deadline": ("{plan} {year}年度のサイクルには提出期限がないため、督促メールは送りません。",
                    "the FY{year} cycle of {plan} has no deadline: no reminders are sent."),
    "closed": ("{plan} {year}年度のサイクルは締め切られています。督促メールは送りません。",
               "the FY{year} cycle of {plan} is closed: no reminders are sent."),
    "not_yet": ("督促メールは {starts} から送ります（提出期限 {deadline} の {days} 日前）。",
                "reminders start on {starts} ({days} days before the deadline {deadline})."),
    "header": ("{plan} {year}年度（提出期限 {deadline}）・{today}", "{plan} FY{year} (deadline {deadline}), {today}"),
    "done": ("{department}: 未対応なし", "{department}: nothing left"),
    "open": ("{department}: 未入力・未提出 {missing}件、差戻し {returned}件", "{department}: {missing} missing, {returned} returned"),
    "sent": ("  送信しました → {user} <{to}>", "  sent → {user} <{to}>"),
    "pending": ("  送信予定 → {user} <{to}>", "  would send → {user} <{to}>"),
    "already_sent": ("  本日送信済み → {user} <{to}>（--force で再送）", "  already sent today → {user} <{to}> (--force resends)"),
    "no_address": ("  メールアドレスなし: {users}", "  no e-mail address: {users}"),
    "no_editor": ("  宛先なし（入力担当がいません）", "  nobody to tell (no editor)"),
    "summary": ("送信 {sent}件・本日送信済み {already}件", "{sent} sent, {already} already sent today"),
    "summary_dry": ("送信予定 {pending}件・本日送信済み {already}件（--dry-run: 送信していません）",
                    "{pending} would be sent, {already} already sent today (--dry-run: nothing sent)"),
}


def _w(key: str, **values: object) -> str:
    from keikaku.cli.messages import lang

    return WORDS[key][1 if lang() == "en" else 0].format(**values)


def remind(
    plan: Annotated[str, typer.Option("--plan", help="計画の ID またはキー / Plan id or key.", show_default=False)],
    year: Annotated[int, typer.Option("--year", help="評価の年度 (西暦) / Fiscal year of the cycle.", show_default=False)],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="送信せずに内容を表示 / Show the mails, send nothing.")] = False,
    force: Annotated[bool, typer.Option("--force", help="本日送信済みでも再送 / Send again what was sent today.")] = False,
    today: Annotated[str | None, typer.Option("--today", help="この日として実行 YYYY-MM-DD / Run as on this day.",
                                              hidden=True)] = None,
) -> None:
    """未入力・未提出・差戻しを所管課へメールで督促 / Mail each department's editors what is left to do.

    From KEIKAKU_REMINDER_DAYS days before the deadline and every day after it, until a
    department has nothing missing or returned. A second run on the same day sends nothing again
    (--force resends). --dry-run prints the mails and sends nothing.
    """
    from keikaku.cli.main import open_database, out
    from keikaku.services import reminders

    day = None
    if today:
        try:
            day = date.fromisoformat(today.strip())
        except ValueError:
            raise typer.BadParameter(f"YYYY-MM-DD, not {today!r}", param_hint="--today") from None
    run = reminders.send_reminders(open_database(), plan=plan, year=year, today=day, dry_run=dry_run, force=force)
    console = out()
    c = run.cycle
    deadline = c.deadline.isoformat() if c.deadline else "—"
    console.print(_w("header", plan=c.plan_title, year=c.year, deadline=deadline, today=run.today.isoformat()), highlight=False)
    if not run.due:
        days = (c.deadline - run.starts).days if c.deadline and run.starts else 0
        console.print(_w(run.reason or "closed", plan=c.plan_title, year=c.year, starts=run.starts, deadline=deadline, days=days),
                      highlight=False)
    for entry in run.departments:
        p = entry.progress
        if p.done:
            console.print(_w("done", department=p.department), highlight=False)
            continue
        console.print(_w("open", department=p.department, missing=p.missing, returned=len(p.items) - p.missing),
                      highlight=False)
        for mail in entry.mails:
            console.print(_w(mail.status, user=mail.user, to=mail.to), highlight=False, markup=False)
            if dry_run and mail.status == "pending":
                console.print(f"    Subject: {mail.subject}", highlight=False, markup=False)
                for line in mail.body.splitlines():
                    console.print(f"    | {line}", highlight=False, markup=False, soft_wrap=True)
        if entry.no_address:
            console.print(_w("no_address", users=", ".join(entry.no_address)), highlight=False, markup=False)
        if run.due and not entry.mails and not entry.no_address:
            console.print(_w("no_editor"), highlight=False)
    if run.due:
        count = {s: sum(1 for mail in run.mails if mail.status == s) for s in ("sent", "pending", "already_sent")}
        key = "summary_dry" if dry_run else "summary"
        console.print(_w(key, sent=count["sent"], pending=count["pending"], already=count["already_sent"]), highlight=False)


def register(app: typer.Typer, handle_errors: Callable[[Any], Any]) -> None:
    """Add ``remind`` to the ``keikaku`` app (with its error handling)."""
    app.command("remind")(handle_errors(remind))
