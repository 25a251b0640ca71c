"""Reminders sent from the progress board: a preview the planning division checks, then the run it confirms.

The board's page (``/staff/cycles/{id}/reminders``) shows ``preview``: per department what is
missing or returned and which editors would be mailed. Confirming calls ``send`` with the
preview's ``fingerprint``; when the mails would differ from the ones shown (an editor entered an
actual meanwhile, a day passed), nothing is sent and ``PreviewChanged`` carries the new preview.
Sending is ``keikaku.services.reminders.send_reminders``, as ``keikaku remind`` does: each mail
accepted by the server is recorded in ``reminders_sent``; the run is also one audit entry
(``remind`` on the cycle) naming the user and every address mailed, written even when the server
refused a mail part-way (then only the mails it accepted are listed).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine

from keikaku.domain.errors import KeikakuError
from keikaku.domain.permissions import Action, Actor, require
from keikaku.services import audit
from keikaku.services.cycle import get_cycle
from keikaku.services.cycle_common import today_jst
from keikaku.services.reminders import Mail, MailError, ReminderRun, plan_reminders, send_reminders
from keikaku.settings import Settings, get_settings
from keikaku.storage.database import transaction


@dataclass(frozen=True)
class ReminderPreview:
    """What confirming would send. ``mail_ready``: a mail server is configured (host and sender);
    ``pending``: the mails to send; ``fingerprint``: names exactly those mails."""

    run: ReminderRun
    mail_ready: bool
    fingerprint: str

    @property
    def pending(self) -> list[Mail]:
        return [mail for mail in self.run.mails if mail.status == "pending"]

    @property
    def already_sent(self) -> list[Mail]:
        return [mail for mail in self.run.mails if mail.status == "already_sent"]

    @property
    def no_recipient(self) -> list[str]:
        """The departments with something left to do that no reminder can reach (宛先なし): no
        active editor, or none with an e-mail address; the planning division has to act."""
        return [d.progress.department for d in self.run.departments if d.no_recipient]


class PreviewChanged(KeikakuError):
    """The mails to send are no longer the ones the user confirmed; nothing was sent."""

    http_status = 409

    def __init__(self, message: str, *, preview: ReminderPreview):
        super().__init__(message)
        self.preview = preview


def fingerprint(run: ReminderRun) -> str:
    """A short digest of the mails a run would send (department, address, subject, body) and its day."""
    digest = hashlib.sha256(run.today.isoformat().encode())
    for mail in sorted((m for m in run.mails if m.status == "pending"), key=lambda m: (m.department_id, m.to.casefold())):
        for part in (str(mail.department_id), mail.to, mail.subject, mail.body):
            digest.update(b"\x00" + part.encode("utf-8"))
    return digest.hexdigest()[:24]


def _mail_ready(settings: Settings) -> bool:
    return bool(settings.smtp_host and settings.smtp_from)


def preview(engine: Engine, *, user: Actor | None, cycle_id: int, today: date | None = None,
            settings: Settings | None = None) -> ReminderPreview:
    """The reminders of cycle ``cycle_id`` that a run now would send; sends nothing. Only users who
    may ``send_reminders`` see it (PermissionDenied otherwise)."""
    require(user, Action.SEND_REMINDERS, what=f"cycle {cycle_id}")
    settings = settings or get_settings()
    info = get_cycle(engine, cycle_id)
    run = plan_reminders(engine, plan=info.plan_id, year=info.year, today=today or today_jst(), settings=settings)
    return ReminderPreview(run, _mail_ready(settings), fingerprint(run))


def send(engine: Engine, *, user: Actor | None, cycle_id: int, confirmed: str, today: date | None = None,
         settings: Settings | None = None) -> ReminderRun:
    """Send the reminders of the preview the user confirmed (its ``fingerprint``). PreviewChanged
    when they differ now (nothing sent); MailError as ``send_reminders`` (nothing sent, or the mails
    accepted before a refusal sent, recorded and audited)."""
    settings = settings or get_settings()
    now = preview(engine, user=user, cycle_id=cycle_id, today=today, settings=settings)
    if confirmed != now.fingerprint:
        raise PreviewChanged("the reminders changed since they were shown; nothing was sent", preview=now)
    name = getattr(user, "name", None)
    try:
        run = send_reminders(engine, plan=now.run.cycle.plan_id, year=now.run.cycle.year, today=now.run.today,
                             settings=settings)
    except MailError as exc:
        if exc.sent:
            _audit(engine, user_name=name, run=now.run, sent=list(exc.sent), failed=str(exc))
        raise
    sent = [mail for mail in run.mails if mail.status == "sent"]
    if sent:
        _audit(engine, user_name=name, run=run, sent=sent, failed=None)
    return run


def _audit(engine: Engine, *, user_name: str | None, run: ReminderRun, sent: list[Mail], failed: str | None) -> None:
    after = {"day": run.today, "sent": len(sent),
             "recipients": [f"{mail.department}: {mail.user} <{mail.to}>" for mail in sent]}
    if failed:
        after["error"] = failed
    with transaction(engine) as session:
        audit.record(session, user_name=user_name, action="remind", object_type="cycle", object_id=run.cycle.id,
                     label=f"{run.cycle.plan_title} {run.cycle.year}", before=None, after=after)
