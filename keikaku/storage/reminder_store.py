"""The queries behind reminders: who is told about a department, and what was sent when."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from keikaku.storage import models as m


@dataclass(frozen=True)
class Recipient:
    """An active editor of a department (or, ``department_id`` None, an active admin: the plan's
    owner), with the address and language of their mail."""

    user_id: int
    name: str
    display_name: str | None
    email: str | None
    lang: str | None
    department_id: int | None


def department_editors(session: Session, department_ids: Iterable[int]) -> dict[int, list[Recipient]]:
    """The active editors bound to each of these departments (with or without an address), by
    department id, each list by user name: one statement."""
    wanted = sorted(set(department_ids))
    if not wanted:
        return {}
    rows = session.execute(
        select(m.User.id, m.User.name, m.User.display_name, m.User.email, m.User.lang, m.UserDepartment.department_id)
        .join(m.UserDepartment, m.UserDepartment.user_id == m.User.id)
        .where(m.UserDepartment.department_id.in_(wanted), m.User.active.is_(True), m.User.role == "editor")
        .order_by(m.UserDepartment.department_id, m.User.name)
    )
    out: dict[int, list[Recipient]] = {}
    for row in rows:
        out.setdefault(row.department_id, []).append(Recipient(*row))
    return out


def plan_owners(session: Session) -> list[Recipient]:
    """The active admins (the planning division, who write the plan-wide sheet), by user name: one statement."""
    rows = session.execute(select(m.User.id, m.User.name, m.User.display_name, m.User.email, m.User.lang)
                           .where(m.User.active.is_(True), m.User.role == "admin").order_by(m.User.name))
    return [Recipient(*row, department_id=None) for row in rows]


def reminded_on(session: Session, cycle_id: int, day: date) -> set[tuple[int | None, str]]:
    """The (department id, address) pairs a reminder of this cycle went to on ``day``."""
    rows = session.execute(select(m.ReminderSent.department_id, m.ReminderSent.email)
                           .where(m.ReminderSent.cycle_id == cycle_id, m.ReminderSent.day == day))
    return {(dept, email.casefold()) for dept, email in rows}


def last_reminders(session: Session, cycle_id: int) -> dict[int | None, datetime]:
    """When each department of a cycle was last sent a reminder, by department id (None: the plan's owner)."""
    rows = session.execute(select(m.ReminderSent.department_id, func.max(m.ReminderSent.sent_at))
                           .where(m.ReminderSent.cycle_id == cycle_id).group_by(m.ReminderSent.department_id))
    return dict(rows.tuples().all())


def record_reminder(session: Session, *, cycle_id: int, department_id: int | None, user_id: int | None, email: str, day: date,
                    sent_at: datetime, missing: int, returned: int) -> None:
    """Note a reminder as sent."""
    session.add(m.ReminderSent(cycle_id=cycle_id, department_id=department_id, user_id=user_id, email=email, day=day,
                               sent_at=sent_at, missing=missing, returned=returned))
