"""API tokens: how scripts and other systems act as a user on the JSON API (``/api/v1/cycles``).

A token is ``kk_`` and a random 32-byte secret (URL-safe base64). It is shown once, when created;
only its SHA-256 is stored (the secret is high-entropy, so a plain hash suffices) with its first
characters (``prefix``) to name it in lists. A token acts as its user, with the user's role and
departments as they are at each request (a changed role or department applies at once; a
deactivated user's tokens stop working); a **read-only** token acts with the rights of the
``viewer`` role at most: it reads sheets and cycles, and every change is refused. A revoked or
unknown token is refused (``InvalidToken``, HTTP 401).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import Engine

from keikaku.domain.enums import Role
from keikaku.domain.errors import KeikakuError, NotFoundError
from keikaku.domain.permissions import Action, PermissionDenied, require
from keikaku.services import audit
from keikaku.services.accounts import UserInfo, get_user
from keikaku.storage import signin, token_store
from keikaku.storage.database import transaction
from keikaku.storage.models import utcnow

TOKEN_PREFIX = "kk_"
PREFIX_LENGTH = len(TOKEN_PREFIX) + 8
SEEN_EVERY = timedelta(seconds=60)  # how often a token's last use is written (not on every request)
MAX_NAME = 100


class InvalidToken(KeikakuError):
    """No token, or one that is unknown, revoked, or whose user is inactive."""

    exit_code = 2
    http_status = 401


class TokenError(KeikakuError):
    """A token that cannot be created or revoked as asked (a name too long, an ambiguous prefix …)."""

    exit_code = 2
    http_status = 422


@dataclass(frozen=True)
class TokenInfo:
    """A token as listed (never the secret, never its hash)."""

    id: int
    user: str
    name: str | None
    prefix: str
    read_only: bool
    created_by: str | None
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None

    @property
    def scope(self) -> str:
        return "read" if self.read_only else "read_write"

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "user": self.user, "name": self.name, "prefix": self.prefix, "scope": self.scope,
                "created_by": self.created_by, "created_at": audit.iso(self.created_at),
                "last_used_at": audit.iso(self.last_used_at) if self.last_used_at else None,
                "revoked_at": audit.iso(self.revoked_at) if self.revoked_at else None}


@dataclass(frozen=True)
class NewToken:
    """A token just created: ``token`` is the secret, shown this once."""

    info: TokenInfo
    token: str


@dataclass(frozen=True)
class TokenUser:
    """The user a request's token acts as. ``user`` carries the user's role and departments, or
    the ``viewer`` role for a read-only token (``owner`` is the user as they are)."""

    token_id: int
    owner: UserInfo
    read_only: bool

    @property
    def user(self) -> UserInfo:
        return replace(self.owner, role=Role.VIEWER.value) if self.read_only else self.owner

    def require_write(self) -> None:
        """Refuse a change through a read-only token (PermissionDenied, HTTP 403)."""
        if self.read_only:
            raise PermissionDenied(f"this API token of {self.owner.name} is read-only", action="write", user=self.owner.name)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _info(row, user_name: str) -> TokenInfo:  # noqa: ANN001 - an ApiToken row
    return TokenInfo(id=row.id, user=user_name, name=row.name, prefix=row.prefix, read_only=row.read_only,
                     created_by=row.created_by, created_at=audit.as_utc(row.created_at),
                     last_used_at=audit.as_utc(row.last_used_at) if row.last_used_at else None,
                     revoked_at=audit.as_utc(row.revoked_at) if row.revoked_at else None)


def _check_actor(owner: UserInfo, actor: UserInfo | None) -> None:
    """A user manages their own tokens; an admin (manage_users) anyone's; the local shell (None) any."""
    if actor is not None and actor.id != owner.id:
        require(actor, Action.MANAGE_USERS, what=f"the API tokens of {owner.name}")


def create_token(engine: Engine, *, user: str, name: str | None = None, read_only: bool = False,
                 actor: UserInfo | None = None) -> NewToken:
    """A new token for ``user`` (a name): the secret is in the answer and nowhere else."""
    owner = get_user(engine, user)
    _check_actor(owner, actor)
    label = name.strip() if name and name.strip() else None
    if label is not None and len(label) > MAX_NAME:
        raise TokenError(f"a token's name is at most {MAX_NAME} characters")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = utcnow()
    with transaction(engine) as session:
        row = token_store.add_token(session, user_id=owner.id, name=label, prefix=secret[:PREFIX_LENGTH],
                                    token_hash=token_hash(secret), read_only=read_only,
                                    created_by=actor.name if actor else None, at=now)
        info = _info(row, owner.name)
        audit.record(session, user_name=actor.name if actor else None, action="create", object_type="api_token",
                     object_id=row.id, label=f"{owner.name} {row.prefix}", before=None,
                     after={"user": owner.name, "name": label, "prefix": row.prefix, "scope": info.scope})
    return NewToken(info=info, token=secret)


def list_tokens(engine: Engine, *, user: str, actor: UserInfo | None = None,
                include_revoked: bool = False) -> list[TokenInfo]:
    """The user's tokens, oldest first (live ones only unless ``include_revoked``)."""
    owner = get_user(engine, user)
    _check_actor(owner, actor)
    with transaction(engine) as session:
        return [_info(row, owner.name) for row in token_store.tokens_of(session, owner.id, include_revoked=include_revoked)]


def revoke_token(engine: Engine, *, user: str, token: str, actor: UserInfo | None = None) -> TokenInfo:
    """Revoke the user's live token named by its id or prefix; it is refused from then on."""
    owner = get_user(engine, user)
    _check_actor(owner, actor)
    ref = token.strip()
    if not ref:
        raise TokenError("name the token by its id or prefix")
    with transaction(engine) as session:
        rows = token_store.token_of(session, owner.id, ref)
        if not rows:
            raise NotFoundError(f"no live API token {ref!r} of {owner.name}")
        if len(rows) > 1:
            raise TokenError(f"{len(rows)} tokens of {owner.name} start with {ref!r}: give more of the prefix, or the id")
        row = rows[0]
        row.revoked_at = utcnow()
        session.flush()
        audit.record(session, user_name=actor.name if actor else None, action="revoke", object_type="api_token",
                     object_id=row.id, label=f"{owner.name} {row.prefix}", before=None,
                     after={"user": owner.name, "prefix": row.prefix, "revoked": True})
        return _info(row, owner.name)


def token_user(engine: Engine, token: str | None, *, now: datetime | None = None) -> TokenUser:
    """The user a bearer token acts as; InvalidToken for none, an unknown or revoked token, or an
    inactive user (the same answer for each, so a caller learns nothing from it)."""
    if not token or not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        raise InvalidToken("a valid API token is needed (Authorization: Bearer …)")
    now = audit.as_utc(now) if now else utcnow()
    with transaction(engine) as session:
        row = token_store.token_with_user(session, token_hash(token))
        if row is None or row.revoked_at is not None or not row.active:
            raise InvalidToken("the API token is unknown or revoked")
        if row.last_used_at is None or now - audit.as_utc(row.last_used_at) > SEEN_EVERY:
            token_store.mark_used(session, row.token_id, now)
        departments = signin.user_departments(session, row.id)
        owner = UserInfo(id=row.id, name=row.name, display_name=row.display_name, role=row.role,
                         department_ids=frozenset(d for d, _ in departments), department_names=tuple(n for _, n in departments))
    return TokenUser(token_id=row.token_id, owner=owner, read_only=row.read_only)
