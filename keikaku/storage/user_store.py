"""The queries of user administration: every account with its last sign-in, departments to choose
from, one-time password-reset links, and pages of the audit trail with filters."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session, selectinload

from keikaku.storage import models as m


def all_users(session: Session) -> list[m.User]:
    """Every account, active or not, by name, with its departments."""
    query = (select(m.User).order_by(m.User.name)
             .options(selectinload(m.User.departments).selectinload(m.UserDepartment.department)))
    return list(session.scalars(query))


def user_by_id(session: Session, user_id: int) -> m.User | None:
    query = (select(m.User).where(m.User.id == user_id)
             .options(selectinload(m.User.departments).selectinload(m.UserDepartment.department)))
    return session.scalar(query)


def name_taken(session: Session, name: str) -> bool:
    return session.scalar(select(m.User.id).where(m.User.name == name)) is not None


def last_sign_ins(session: Session) -> dict[str, datetime]:
    """The time of each user's latest sign-in (from the audit trail), by user id as text."""
    rows = session.execute(
        select(m.AuditEntry.object_id, func.max(m.AuditEntry.at))
        .where(m.AuditEntry.object_type == "user", m.AuditEntry.action == "sign_in")
        .group_by(m.AuditEntry.object_id)
    ).tuples()
    return {ref: at for ref, at in rows}


def departments(session: Session) -> list[tuple[int, str, str]]:
    """Every department as (id, name, municipality name), by municipality and name."""
    return list(session.execute(
        select(m.Department.id, m.Department.name, m.Municipality.name)
        .join(m.Municipality, m.Municipality.id == m.Department.municipality_id)
        .order_by(m.Municipality.name, m.Department.name, m.Department.id)
    ).tuples())


def departments_by_id(session: Session, ids: list[int]) -> list[m.Department]:
    if not ids:
        return []
    return list(session.scalars(select(m.Department).where(m.Department.id.in_(ids)).order_by(m.Department.name)))


def add_reset(session: Session, *, token_key: str, user_id: int, created_by: str | None, created_at: datetime,
              expires_at: datetime) -> None:
    """A new reset link; the user's earlier unused links end (one live link per user)."""
    session.execute(update(m.PasswordReset).where(m.PasswordReset.user_id == user_id, m.PasswordReset.used_at.is_(None))
                    .values(used_at=created_at))
    session.add(m.PasswordReset(token=token_key, user_id=user_id, created_by=created_by, created_at=created_at,
                                expires_at=expires_at))


def reset_for_update(session: Session, token_key: str) -> m.PasswordReset | None:
    query = select(m.PasswordReset).where(m.PasswordReset.token == token_key)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()
    return session.scalar(query)


def end_resets(session: Session, user_id: int, at: datetime) -> None:
    """Every unused reset link of the user ends (on a disabled account, a new password)."""
    session.execute(update(m.PasswordReset).where(m.PasswordReset.user_id == user_id, m.PasswordReset.used_at.is_(None))
                    .values(used_at=at))


def end_sessions(session: Session, user_id: int) -> int:
    return session.execute(delete(m.LoginSession).where(m.LoginSession.user_id == user_id)).rowcount or 0


def audit_page(session: Session, *, kind: str | None, object_id: str | None = None, user_name: str | None,
               since: datetime | None, until: datetime | None, offset: int, limit: int) -> tuple[list[m.AuditEntry], int]:
    """One page of the audit trail, newest first, and how many entries match in all."""
    where = []
    if kind:
        where.append(m.AuditEntry.object_type == kind)
    if object_id:
        where.append(m.AuditEntry.object_id == object_id)
    if user_name:
        where.append(m.AuditEntry.user_name == user_name)
    if since is not None:
        where.append(m.AuditEntry.at >= since)
    if until is not None:
        where.append(m.AuditEntry.at < until)
    total = session.scalar(select(func.count()).select_from(m.AuditEntry).where(*where)) or 0
    rows = session.scalars(select(m.AuditEntry).where(*where).order_by(m.AuditEntry.id.desc()).offset(offset).limit(limit))
    return list(rows), total
