"""The queries of sign-in throttling: failures per name and per client address, behind a lock row each.

A sign-in locks the gate rows of its name and address (in key order, so two requests never wait
on each other crosswise), counts the failures in the window and records its own attempt, all in
one short transaction: parallel attempts on one account are counted one after another, on
SQLite (one writer at a time) and on PostgreSQL (the gate row's lock) alike.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from keikaku.storage import models as m


def lock_gates(session: Session, keys: list[str], now: datetime) -> None:
    """Hold the gate rows of ``keys`` until the transaction ends (created when missing)."""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    for key in sorted(set(keys)):
        session.execute(insert(m.LoginGate).values(key=key, touched_at=now).on_conflict_do_nothing(index_elements=["key"]))
        session.execute(update(m.LoginGate).where(m.LoginGate.key == key).values(touched_at=now))


def failure_times(session: Session, *, since: datetime, name: str | None = None, address: str | None = None,
                  limit: int) -> list[datetime]:
    """The latest failures (newest first) of a name, or of a client address, after ``since``."""
    query = select(m.LoginFailure.at).where(m.LoginFailure.at > since)
    query = query.where(m.LoginFailure.name == name) if name is not None else query.where(m.LoginFailure.address == address)
    return list(session.scalars(query.order_by(m.LoginFailure.at.desc()).limit(limit)))


def add_failure(session: Session, *, name: str, address: str | None, at: datetime) -> int:
    row = m.LoginFailure(name=name[:100], address=address[:64] if address else None, at=at)
    session.add(row)
    session.flush()
    return row.id


def drop_failure(session: Session, failure_id: int) -> None:
    session.execute(delete(m.LoginFailure).where(m.LoginFailure.id == failure_id))


def clear_name(session: Session, name: str) -> None:
    """A successful sign-in forgets the name's failures (the address keeps its own)."""
    session.execute(delete(m.LoginFailure).where(m.LoginFailure.name == name))


def session_with_user(session: Session, token_key: str):  # noqa: ANN201 - a Row of the columns below
    """A session and its user's columns in one query (the lookup every staff request makes), or None."""
    return session.execute(
        select(m.LoginSession.csrf_token, m.LoginSession.created_at, m.LoginSession.expires_at, m.LoginSession.last_seen_at,
               m.User.id, m.User.name, m.User.display_name, m.User.role, m.User.active, m.User.lang)
        .join(m.User, m.User.id == m.LoginSession.user_id).where(m.LoginSession.token == token_key)
    ).one_or_none()


def user_departments(session: Session, user_id: int) -> list[tuple[int, str]]:
    """The user's departments (id, name), by name."""
    return list(session.execute(
        select(m.Department.id, m.Department.name).join(m.UserDepartment, m.UserDepartment.department_id == m.Department.id)
        .where(m.UserDepartment.user_id == user_id).order_by(m.Department.name, m.Department.id)
    ).tuples())


def end_session_row(session: Session, token_key: str) -> None:
    session.execute(delete(m.LoginSession).where(m.LoginSession.token == token_key))


def mark_seen(session: Session, token_key: str, at: datetime) -> None:
    session.execute(update(m.LoginSession).where(m.LoginSession.token == token_key).values(last_seen_at=at))
