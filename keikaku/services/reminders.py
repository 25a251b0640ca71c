"""Reminders: each department's editors are mailed what is still missing or returned in a cycle.

From ``KEIKAKU_REMINDER_DAYS`` days before a cycle's deadline, and every day after it, a daily
run (``keikaku remind``) mails every active editor of a department with something left to do
(actuals not entered, sheets not submitted, sheets returned with the reviewer's comment),
measure by measure with links to the staff pages. What is listed is the progress board's
``items`` (``keikaku.services.cycle.department_progress``): the board and the mail agree. A
department with nothing left gets no mail. Each mail sent is recorded (``reminders_sent``), so a
second run on the same day (in Japan) sends nothing again unless forced.

Mails are plain text in UTF-8, in Japanese, or in English for a user whose language is ``en``
(``users.lang``, else ``KEIKAKU_LANG``), sent with smtplib through ``KEIKAKU_SMTP_*``.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from keikaku.domain.errors import KeikakuError, NotFoundError
from keikaku.services.cycle import CycleInfo, DepartmentProgress, PendingItem, department_progress
from keikaku.services.cycle_common import PLAN_OWNER_WORDS, PLAN_WIDE_WORDS, cycle_info, today_jst
from keikaku.settings import Settings, get_settings
from keikaku.storage import models as m
from keikaku.storage import repository as repo
from keikaku.storage.cycle_store import plan_outline
from keikaku.storage.database import transaction
from keikaku.storage.models import utcnow
from keikaku.storage.reminder_store import Recipient, department_editors, plan_owners, record_reminder, reminded_on

SMTP_TIMEOUT = 30  # seconds to wait for the mail server


class MailError(KeikakuError):
    """Mail cannot be sent: no mail server configured, or the server unreachable or refusing.
    ``kind``: ``not_configured``, ``unreachable``, ``refused`` (the connection) or ``refused_mail``
    (one mail, after ``sent`` were accepted and recorded)."""

    exit_code = 3
    http_status = 503

    def __init__(self, message: str, *, kind: str = "refused", sent: tuple[Mail, ...] = ()):
        super().__init__(message)
        self.kind = kind
        self.sent = sent


@dataclass(frozen=True)
class Mail:
    """One reminder to one editor about one department. ``status``: ``sent``, ``pending`` (to be
    sent; with --dry-run, what would be sent) or ``already_sent`` (sent earlier today)."""

    department_id: int | None
    department: str
    user_id: int | None
    user: str
    to: str
    lang: str
    subject: str
    body: str
    status: str = "pending"


@dataclass
class DepartmentReminder:
    """A department's open items and the mails about them; ``no_address``: its editors without an
    e-mail address; ``recipients``: those with one (whether or not reminders are due today)."""

    progress: DepartmentProgress
    mails: list[Mail] = field(default_factory=list)
    no_address: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)

    @property
    def no_recipient(self) -> bool:
        """Something is left to do and no reminder can reach anyone about it (宛先なし)."""
        return not self.progress.done and not self.recipients


@dataclass
class ReminderRun:
    """What a run found and did. ``due``: whether reminders go out today; else ``reason`` says why
    not (``no_deadline``, ``closed``, ``not_yet``: they start on ``starts``)."""

    cycle: CycleInfo
    today: date
    due: bool
    reason: str | None
    starts: date | None
    dry_run: bool
    departments: list[DepartmentReminder]

    @property
    def mails(self) -> list[Mail]:
        return [mail for d in self.departments for mail in d.mails]


# --- words -------------------------------------------------------------------------------------

WORDS: dict[str, tuple[str, str]] = {
    "subject": ("【施策評価】{plan} {year}年度 {department}: 未入力・未提出 {missing}件、差戻し {returned}件（提出期限 {deadline}）",
                "[Evaluation] {plan} FY{year} {department}: {missing} missing, {returned} returned (deadline {deadline})"),
    "greeting": ("{name} 様", "Dear {name},"),
    "intro": ("{plan} {year}年度の施策評価について、{department}の未対応の項目をお知らせします。",
              "These items of {department} are still open in the FY{year} evaluation of {plan}."),
    "deadline_ahead": ("提出期限: {deadline}（あと{days}日）", "Deadline: {deadline} ({days} days left)"),
    "deadline_today": ("提出期限: {deadline}（本日が期限です）", "Deadline: {deadline} (today)"),
    "deadline_past": ("提出期限: {deadline}（期限を{days}日過ぎています）", "Deadline: {deadline} ({days} days ago)"),
    "counts": ("未入力・未提出: {missing}件　差戻し: {returned}件", "Missing: {missing}   Returned: {returned}"),
    "plan_wide": PLAN_WIDE_WORDS,
    "plan_owner": PLAN_OWNER_WORDS,
    "actual": ("・実績値が未入力: {name}", "- Actual not entered: {name}"),
    "sheet": ("・評価シートが未提出", "- Evaluation sheet not submitted"),
    "returned": ("・評価シートが差し戻されました。審査コメント: {comment}", "- Evaluation sheet returned. Reviewer's comment: {comment}"),
    "no_comment": ("（なし）", "(none)"),
    "board": ("所管課ごとの進捗: {url}", "Progress of every department: {url}"),
    "footer": ("このメールは keikaku から自動で送信しています。すべて入力・提出すると届かなくなります。",
               "keikaku sends this mail automatically; it stops once everything is entered and submitted."),
}


def _w(lang: str, key: str, **values: object) -> str:
    return WORDS[key][1 if lang == "en" else 0].format(**values)


def compose(progress: DepartmentProgress, recipient: Recipient, cycle: CycleInfo, *, today: date, lang: str,
            site_url: str) -> tuple[str, str]:
    """The subject and plain-text body of the reminder to ``recipient`` about ``progress``."""
    deadline = cycle.deadline.isoformat() if cycle.deadline else "—"
    returned = len(progress.items) - progress.missing
    department = progress.department if progress.department_id is not None else _w(lang, "plan_owner")
    subject = _w(lang, "subject", plan=cycle.plan_title, year=cycle.year, department=department,
                 missing=progress.missing, returned=returned, deadline=deadline)
    lines = [_w(lang, "greeting", name=recipient.display_name or recipient.name), "",
             _w(lang, "intro", plan=cycle.plan_title, year=cycle.year, department=department)]
    if cycle.deadline is not None:
        days = (cycle.deadline - today).days
        key = "deadline_ahead" if days > 0 else "deadline_today" if days == 0 else "deadline_past"
        lines.append(_w(lang, key, deadline=deadline, days=abs(days)))
    lines += ["", _w(lang, "counts", missing=progress.missing, returned=returned)]
    cycle_url = f"{site_url}/staff/cycles/{cycle.id}"
    groups: dict[int | None, list[PendingItem]] = {}
    for item in progress.items:
        groups.setdefault(item.node_id, []).append(item)
    for node_id, items in groups.items():
        lines += ["", f"■ {items[0].measure if node_id is not None else _w(lang, 'plan_wide')}"]
        for item in items:
            if item.kind == "actual":
                lines.append(_w(lang, "actual", name=item.name))
            elif item.kind == "sheet":
                lines.append(_w(lang, "sheet"))
            else:
                comment = (item.comment or "").strip() or _w(lang, "no_comment")
                lines.append(_w(lang, "returned", comment="\n  ".join(comment.splitlines())))
        lines.append(f"{cycle_url}/nodes/{node_id}" if node_id is not None else f"{cycle_url}/plan")
    lines += ["", _w(lang, "board", url=cycle_url), "", _w(lang, "footer")]
    return subject, "\n".join(lines) + "\n"


# --- when --------------------------------------------------------------------------------------

def schedule(cycle: CycleInfo, today: date, days_before: int) -> tuple[bool, str | None, date | None]:
    """Whether reminders of ``cycle`` go out ``today``: (due, reason when not, first day)."""
    if cycle.deadline is None:
        return False, "no_deadline", None
    starts = cycle.deadline - timedelta(days=days_before)
    if cycle.status != "open":
        return False, "closed", starts
    if today < starts:
        return False, "not_yet", starts
    return True, None, starts


# --- the run -----------------------------------------------------------------------------------

def _find_cycle(session: Session, plan: str | int, year: int) -> m.EvaluationCycle:
    plan_id = repo.get_plan(session, ref=plan).id
    row = session.scalar(select(m.EvaluationCycle).where(m.EvaluationCycle.plan_id == plan_id, m.EvaluationCycle.year == year))
    if row is None:
        raise NotFoundError(f"no evaluation cycle of plan {plan} for FY{year} (`keikaku cycle open`)")
    return row


def plan_reminders(engine: Engine, *, plan: str | int, year: int, today: date | None = None, force: bool = False,
                   settings: Settings | None = None) -> ReminderRun:
    """What a run on ``today`` (default: today in Japan) would send, sending nothing: one mail per
    department with open items and editor with an address. Mails already sent today are marked
    ``already_sent`` unless ``force``."""
    settings = settings or get_settings()
    today = today or today_jst()
    with transaction(engine) as session:
        row = _find_cycle(session, plan, year)
        info = cycle_info(session, row)
        due, reason, starts = schedule(info, today, settings.reminder_days)
        board = department_progress(session, row, plan_outline(session, row.plan_id), today=today)
        open_departments = [d.department_id for d in board if not d.done]
        editors: dict[int | None, list[Recipient]] = dict(
            department_editors(session, [d for d in open_departments if d is not None]))
        if None in open_departments:  # the plan-wide sheet: its owner's admins are told
            editors[None] = plan_owners(session)
        sent_today = reminded_on(session, row.id, today) if due and not force else set()
    departments = []
    for progress in board:
        entry = DepartmentReminder(progress)
        departments.append(entry)
        if progress.done:
            continue
        for person in editors.get(progress.department_id, []):
            if not person.email:
                entry.no_address.append(person.name)
                continue
            entry.recipients.append(person.name)
            if not due:
                continue
            lang = person.lang or settings.lang
            subject, body = compose(progress, person, info, today=today, lang=lang, site_url=settings.site_url)
            status = "already_sent" if (progress.department_id, person.email.casefold()) in sent_today else "pending"
            entry.mails.append(Mail(progress.department_id, progress.department, person.user_id, person.name, person.email,
                                    lang, subject, body, status))
    return ReminderRun(info, today, due, reason, starts, True, departments)


def message(mail: Mail, sender: str) -> EmailMessage:
    """The reminder as a UTF-8 plain-text e-mail."""
    msg = EmailMessage()
    msg["Subject"] = mail.subject
    msg["From"] = sender
    msg["To"] = mail.to
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    msg.set_content(mail.body, charset="utf-8", cte="base64")
    return msg


def _connect(settings: Settings) -> smtplib.SMTP:
    where = f"{settings.smtp_host}:{settings.smtp_port}"
    try:
        smtp = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=SMTP_TIMEOUT)
    except (OSError, smtplib.SMTPException) as exc:
        raise MailError(f"cannot reach the mail server {where}: {exc}; nothing was sent", kind="unreachable") from None
    try:
        if settings.smtp_starttls:
            smtp.starttls(context=ssl.create_default_context())
        if settings.smtp_username:
            smtp.login(settings.smtp_username, settings.smtp_password.get_secret_value())
    except (OSError, smtplib.SMTPException) as exc:
        smtp.close()
        raise MailError(f"the mail server {where} refused the connection: {exc}; nothing was sent", kind="refused") from None
    return smtp


def send_reminders(engine: Engine, *, plan: str | int, year: int, today: date | None = None, dry_run: bool = False,
                   force: bool = False, settings: Settings | None = None) -> ReminderRun:
    """Send the reminders of a run (``plan_reminders``) that are not sent yet today; each mail sent
    is recorded at once. ``dry_run`` sends and records nothing. Raises MailError when no mail
    server is configured or it cannot be reached (nothing sent, nothing recorded), or when it
    refuses a mail (those sent before it are recorded)."""
    settings = settings or get_settings()
    run = plan_reminders(engine, plan=plan, year=year, today=today, force=force, settings=settings)
    run.dry_run = dry_run
    pending = [mail for mail in run.mails if mail.status == "pending"]
    if dry_run or not pending:
        return run
    if not settings.smtp_host or not settings.smtp_from:
        raise MailError("no mail server: set KEIKAKU_SMTP_HOST and KEIKAKU_SMTP_FROM (nothing was sent)", kind="not_configured")
    smtp = _connect(settings)
    sent: dict[int, Mail] = {}
    try:
        for mail in pending:
            try:
                smtp.send_message(message(mail, settings.smtp_from))
            except (OSError, smtplib.SMTPException) as exc:
                raise MailError(f"the mail server refused the reminder to {mail.to}: {exc}; "
                                f"{len(sent)} of {len(pending)} sent", kind="refused_mail",
                                sent=tuple(replace(m_, status="sent") for m_ in sent.values())) from None
            progress = next(d.progress for d in run.departments if d.progress.department_id == mail.department_id)
            with transaction(engine) as session:
                record_reminder(session, cycle_id=run.cycle.id, department_id=mail.department_id, user_id=mail.user_id,
                                email=mail.to, day=run.today, sent_at=utcnow(), missing=progress.missing,
                                returned=len(progress.items) - progress.missing)
            sent[id(mail)] = mail
    finally:
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()
    for entry in run.departments:
        entry.mails = [replace(mail, status="sent") if id(mail) in sent else mail for mail in entry.mails]
    return run
