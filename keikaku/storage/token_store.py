"""The queries of API tokens (``keikaku.services.api_tokens``): a token with its user in one
query (the lookup every API request makes), a user's tokens, and marking one used or revoked."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from keikaku.storage import models as m


def add_token(session: Session, *, user_id: int, name: str | None, prefix: str, token_hash: str, read_only: bool,
              created_by: str | None, at: datetime) -> m.ApiToken:
    row = m.ApiToken(user_id=user_id, name=name, prefix=prefix, token_hash=token_hash, read_only=read_only,
                     created_by=created_by, created_at=at)
    session.add(row)
    session.flush()
    return row


def token_with_user(session: Session, token_hash: str):  # noqa: ANN201 - a Row of the columns below
    """A token and its user's columns, or None."""
    return session.execute(
        select(m.ApiToken.id.label("token_id"), m.ApiToken.read_only, m.ApiToken.revoked_at, m.ApiToken.last_used_at,
               m.User.id, m.User.name, m.User.display_name, m.User.role, m.User.active)
        .join(m.User, m.User.id == m.ApiToken.user_id).where(m.ApiToken.token_hash == token_hash)
    ).one_or_none()


def mark_used(session: Session, token_id: int, at: datetime) -> None:
    session.execute(update(m.ApiToken).where(m.ApiToken.id == token_id).values(last_used_at=at))


def tokens_of(session: Session, user_id: int, *, include_revoked: bool = False) -> list[m.ApiToken]:
    """A user's tokens, oldest first (the revoked ones too when asked)."""
    query = select(m.ApiToken).where(m.ApiToken.user_id == user_id)
    if not include_revoked:
        query = query.where(m.ApiToken.revoked_at.is_(None))
    return list(session.scalars(query.order_by(m.ApiToken.created_at, m.ApiToken.id)))


def token_of(session: Session, user_id: int, ref: str) -> list[m.ApiToken]:
    """A user's live tokens whose id is ``ref`` or whose prefix is (or starts with) ``ref``."""
    query = select(m.ApiToken).where(m.ApiToken.user_id == user_id, m.ApiToken.revoked_at.is_(None))
    if ref.isascii() and ref.isdigit() and len(ref) <= 18:
        found = list(session.scalars(query.where(m.ApiToken.id == int(ref))))
        if found:
            return found
    return list(session.scalars(query.where(m.ApiToken.prefix.startswith(ref, autoescape=True)).order_by(m.ApiToken.id)))
