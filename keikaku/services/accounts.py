"""Accounts and sign-in: users with a role and departments, argon2 passwords, throttled logins
and browser sessions.

There is no default password anywhere: every account is created with a password of at least
``MIN_PASSWORD_LENGTH`` characters. Session tokens are stored only as their SHA-256, so a copy of
the database does not let anyone in.
"""

from __future__ import annotations

import hashlib
import math
import secrets
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session, selectinload

from keikaku.domain.enums import Role
from keikaku.domain.errors import KeikakuError, NotFoundError
from keikaku.domain.permissions import Action, require
from keikaku.services import audit
from keikaku.storage import models as m
from keikaku.storage import repository as repo
from keikaku.storage import signin, user_store
from keikaku.storage.database import transaction
from keikaku.storage.models import utcnow

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 1024
MAX_FAILURES = 5  # failed sign-ins of one name within THROTTLE_WINDOW before it is throttled
MAX_ADDRESS_FAILURES = 20  # failed sign-ins from one client address (any names) within THROTTLE_WINDOW
BACKOFF_SPAN = timedelta(hours=24)  # an address's rounds of MAX_ADDRESS_FAILURES are counted over this span
BACKOFF_ROUNDS = 6  # the longest wait is THROTTLE_WINDOW × 2^6 (16 hours)
THROTTLE_WINDOW = timedelta(minutes=15)
SESSION_HOURS = 8  # the absolute timeout of a session
IDLE_TIMEOUT = timedelta(minutes=60)  # a session unused this long ends
SEEN_EVERY = timedelta(seconds=60)  # how often a session's last use is written (not on every request)

_hasher = PasswordHasher()
_dummy_hash: str | None = None


class AccountError(KeikakuError):
    """An account that cannot be created: a short password, an unknown department, a taken name …"""

    exit_code = 2
    http_status = 422


class AuthenticationFailed(KeikakuError):
    """Wrong name or password (deliberately not saying which)."""

    exit_code = 2
    http_status = 401


class LoginThrottled(KeikakuError):
    """Too many failed sign-ins for this name: wait until ``retry_after`` (seconds) has passed."""

    exit_code = 2
    http_status = 429

    def __init__(self, message: str, *, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after


@dataclass(frozen=True)
class UserInfo:
    """A user as the services and pages see it (never the password hash)."""

    id: int
    name: str
    display_name: str | None
    role: str
    department_ids: frozenset[int]
    department_names: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "name": self.name, "display_name": self.display_name, "role": self.role,
                "departments": list(self.department_names)}


@dataclass(frozen=True)
class SessionInfo:
    """A signed-in browser: its user, the CSRF token its forms carry, and when it expires."""

    user: UserInfo
    csrf_token: str
    expires_at: datetime
    lang: str | None = None  # the user's language (ja, en; None: not chosen)


def hash_password(password: str) -> str:
    """An argon2id hash (argon2-cffi's defaults) of ``password``."""
    return _hasher.hash(password)


def verify_password(password: str, password_hash: str) -> bool:
    """Whether ``password`` matches ``password_hash``; False for a malformed hash too."""
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _clean_name(name: str) -> str:
    return unicodedata.normalize("NFKC", name).strip()


def user_info(user: m.User) -> UserInfo:
    links = sorted(user.departments, key=lambda d: (d.department.name, d.department_id))
    return UserInfo(
        id=user.id, name=user.name, display_name=user.display_name, role=user.role,
        department_ids=frozenset(d.department_id for d in links), department_names=tuple(d.department.name for d in links),
    )


def _load_user(session: Session, **where: object) -> m.User | None:
    query = select(m.User).options(selectinload(m.User.departments).selectinload(m.UserDepartment.department))
    for column, value in where.items():
        query = query.where(getattr(m.User, column) == value)
    return session.scalar(query)


def _resolve_departments(session: Session, names: Iterable[str], municipality: str | None) -> list[m.Department]:
    muni = None
    if municipality:
        muni = repo.find_municipality(session, ref=municipality)
        if muni is None:
            raise NotFoundError(f"unknown municipality {municipality!r}")
    found: list[m.Department] = []
    for raw in names:
        name = _clean_name(raw)
        query = select(m.Department).where(m.Department.name == name)
        if muni is not None:
            query = query.where(m.Department.municipality_id == muni.id)
        rows = session.scalars(query.order_by(m.Department.id)).all()
        if not rows:
            where = f" in {muni.name}" if muni is not None else ""
            raise AccountError(f"unknown department {name!r}{where}: departments come from the loaded plans (所管課)")
        if len(rows) > 1:
            cities = ", ".join(session.get(m.Municipality, d.municipality_id).name for d in rows)  # type: ignore[union-attr]
            raise AccountError(f"department {name!r} exists in several municipalities ({cities}): give --municipality")
        if rows[0] not in found:
            found.append(rows[0])
    return found


def create_user(engine: Engine, *, name: str, role: str, password: str, departments: Iterable[str] = (),
                municipality: str | None = None, display_name: str | None = None,
                actor: UserInfo | None = None, email: str | None = None, lang: str | None = None) -> UserInfo:
    """A new account. ``actor`` (when given, from the web) must be allowed to manage users; the
    local shell (``keikaku user add``) passes none and is recorded without a user name. ``email``
    is where reminders go; ``lang`` (ja or en) the language of its mails (None: KEIKAKU_LANG)."""
    email = clean_email(email)
    if lang not in (None, "ja", "en"):
        raise AccountError("the language of a user's mails is ja or en")
    if actor is not None:
        require(actor, Action.MANAGE_USERS)
    name = _clean_name(name)
    if not name or len(name) > 100:
        raise AccountError("a user name is 1 to 100 characters")
    try:
        role_value = Role(role)
    except ValueError:
        raise AccountError(f"unknown role {role!r}; roles: {', '.join(r.value for r in Role)}") from None
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"the password must be at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise AccountError(f"the password must be at most {MAX_PASSWORD_LENGTH} characters")
    if password.strip().casefold() == name.casefold():
        raise AccountError("the password must not be the user name")
    names = [d for d in departments if d and d.strip()]
    if role_value is Role.EDITOR and not names:
        raise AccountError("an editor needs at least one department (--department)")
    with transaction(engine) as session:
        if session.scalar(select(m.User.id).where(m.User.name == name)) is not None:
            raise AccountError(f"a user named {name!r} already exists")
        depts = _resolve_departments(session, names, municipality)
        user = m.User(name=name, display_name=display_name.strip() if display_name else None, role=role_value.value,
                      password_hash=hash_password(password), active=True, created_at=utcnow(), email=email, lang=lang)
        user.departments = [m.UserDepartment(department=d) for d in depts]
        session.add(user)
        session.flush()
        info = user_info(user)
        audit.record(session, user_name=actor.name if actor else None, action="create", object_type="user",
                     object_id=user.id, label=name, before=None, after=info.to_json())
        return info


def clean_email(email: str | None) -> str | None:
    """An e-mail address as stored (trimmed; empty is none); AccountError for one that is not an address."""
    email = (email or "").strip()
    if not email:
        return None
    local, _, domain = email.rpartition("@")
    if len(email) > 254 or not local or "." not in domain or any(c.isspace() or c in "<>,;\"" for c in email):
        raise AccountError(f"not an e-mail address: {email!r}")
    return email


def get_user(engine: Engine, name: str) -> UserInfo:
    """An active user by name; NotFoundError otherwise."""
    with transaction(engine) as session:
        user = _load_user(session, name=_clean_name(name))
        if user is None or not user.active:
            raise NotFoundError(f"no user {name!r} (`keikaku user add` creates one)")
        return user_info(user)


def list_users(engine: Engine) -> list[UserInfo]:
    """Every active user, by name."""
    with transaction(engine) as session:
        query = (select(m.User).where(m.User.active.is_(True)).order_by(m.User.name)
                 .options(selectinload(m.User.departments).selectinload(m.UserDepartment.department)))
        return [user_info(u) for u in session.scalars(query)]


def _spend_time_verifying(password: str) -> None:
    """Verify against a throwaway hash so that an unknown name takes as long as a wrong password."""
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = hash_password(secrets.token_urlsafe(16))
    verify_password(password, _dummy_hash)


def _throttled(session: Session, name: str, address: str | None, now: datetime) -> LoginThrottled | None:
    """The throttle in force for this name or address, or None: MAX_FAILURES failures of the name
    (MAX_ADDRESS_FAILURES of the address) within THROTTLE_WINDOW, until the oldest of them leaves it;
    and, for an address, a wait that doubles with each further round of failures within a day."""
    since = now - THROTTLE_WINDOW
    checks = [(signin.failure_times(session, since=since, name=name, limit=MAX_FAILURES), MAX_FAILURES, f"for {name!r}")]
    if address:
        checks.append((signin.failure_times(session, since=since, address=address, limit=MAX_ADDRESS_FAILURES),
                       MAX_ADDRESS_FAILURES, "from this address"))
    ends = [audit.as_utc(times[-1]) + THROTTLE_WINDOW for times, limit, _ in checks if len(times) >= limit]
    whats = [what for times, limit, what in checks if len(times) >= limit]
    if address:  # back-off: an address that comes back for more waits twice as long each round
        day = signin.failure_times(session, since=now - BACKOFF_SPAN, address=address,
                                   limit=MAX_ADDRESS_FAILURES * (2 + BACKOFF_ROUNDS))
        rounds = len(day) // MAX_ADDRESS_FAILURES
        if rounds >= 2:
            end = audit.as_utc(day[0]) + THROTTLE_WINDOW * 2 ** min(rounds - 1, BACKOFF_ROUNDS)
            if end > now:
                ends.append(end)
                whats.append("from this address")
    if not ends:
        return None
    wait = max(1, math.ceil((max(ends) - now).total_seconds()))
    what = whats[ends.index(max(ends))]
    return LoginThrottled(f"too many failed sign-ins {what}; try again in {(wait + 59) // 60} minute(s)", retry_after=wait)


def authenticate(engine: Engine, *, name: str, password: str, address: str | None = None,
                 now: datetime | None = None) -> UserInfo:
    """The user whose name and password these are.

    Raises AuthenticationFailed (and records the failure), or LoginThrottled once a name has
    failed MAX_FAILURES times (or the client ``address`` MAX_ADDRESS_FAILURES times) within
    THROTTLE_WINDOW, even for the right password, until the oldest of those failures leaves the
    window. A success clears the name's failures. Checking and counting are one step: the attempt
    is recorded as a failure under the name's lock before the password is checked (slowly, outside
    any transaction) and forgotten when it proves right, so parallel attempts cannot slip past the
    limit. Sign-ins, failures and throttled attempts go to the audit trail.
    """
    now = audit.as_utc(now) if now else utcnow()
    name = _clean_name(name)
    address = address[:64] if address else None
    where = {"address": address} if address else None
    with transaction(engine) as session:
        signin.lock_gates(session, [f"name:{name}", *([f"addr:{address}"] if address else [])], now)
        throttled = _throttled(session, name, address, now)
        if throttled is not None:
            audit.record(session, user_name=name[:100], action="sign_in_throttled", object_type="user", object_id=name[:100],
                         label=name, before=None, after=where)
        else:
            signin.add_failure(session, name=name, address=address, at=now)  # a failure until the password proves right
    if throttled is not None:
        raise throttled
    with transaction(engine) as session:
        user = _load_user(session, name=name)
        info = user_info(user) if user is not None and user.active else None
        stored_hash = user.password_hash if user is not None else None
    if info is not None and stored_hash is not None and verify_password(password, stored_hash):
        with transaction(engine) as session:
            signin.clear_name(session, name)
            if _hasher.check_needs_rehash(stored_hash):
                row = session.get(m.User, info.id)
                if row is not None:
                    row.password_hash = hash_password(password)
            audit.record(session, user_name=name, action="sign_in", object_type="user", object_id=info.id, label=name,
                         before=None, after=where)
        return info
    if info is None and stored_hash is None:
        _spend_time_verifying(password)
    with transaction(engine) as session:
        audit.record(session, user_name=name[:100], action="sign_in_failed", object_type="user", object_id=name[:100],
                     label=name, before=None, after=where)
    raise AuthenticationFailed("wrong user name or password")


def _token_key(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start_session(engine: Engine, *, user_id: int, hours: float = SESSION_HOURS) -> tuple[str, str]:
    """A new session for the user: (token for the cookie, CSRF token for forms). Expired sessions are purged."""
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    now = utcnow()
    with transaction(engine) as session:
        if session.get(m.User, user_id) is None:
            raise NotFoundError(f"no user {user_id}")
        session.execute(delete(m.LoginSession).where(m.LoginSession.expires_at < now))
        session.add(m.LoginSession(token=_token_key(token), user_id=user_id, csrf_token=csrf, created_at=now,
                                   expires_at=now + timedelta(hours=hours), last_seen_at=now))
    return token, csrf


def session_user(engine: Engine, token: str | None, *, now: datetime | None = None) -> SessionInfo | None:
    """The signed-in user of a session token, or None (unknown, past its absolute end or idle for
    IDLE_TIMEOUT, or the account is inactive)."""
    if not token:
        return None
    now = audit.as_utc(now) if now else utcnow()
    key = _token_key(token)
    with transaction(engine) as session:  # two reads on every staff request: the session with its user, the departments
        row = signin.session_with_user(session, key)
        if row is None:
            return None
        seen = audit.as_utc(row.last_seen_at) if row.last_seen_at else audit.as_utc(row.created_at)
        if audit.as_utc(row.expires_at) <= now or now - seen > IDLE_TIMEOUT:
            signin.end_session_row(session, key)
            return None
        if not row.active:
            return None
        if now - seen > SEEN_EVERY:
            signin.mark_seen(session, key, now)
        departments = signin.user_departments(session, row.id)
        user = UserInfo(id=row.id, name=row.name, display_name=row.display_name, role=row.role,
                        department_ids=frozenset(d for d, _ in departments), department_names=tuple(n for _, n in departments))
        return SessionInfo(user=user, csrf_token=row.csrf_token, expires_at=audit.as_utc(row.expires_at),
                           lang=row.lang if row.lang in ("ja", "en") else None)


def end_session(engine: Engine, token: str | None) -> None:
    """Sign out: forget the session (an unknown token is not an error)."""
    if not token:
        return
    with transaction(engine) as session:
        session.execute(delete(m.LoginSession).where(m.LoginSession.token == _token_key(token)))


def end_all_sessions(engine: Engine, user_id: int) -> int:
    """Sign a user out everywhere (every browser, every device); how many sessions ended."""
    with transaction(engine) as session:
        return session.execute(delete(m.LoginSession).where(m.LoginSession.user_id == user_id)).rowcount or 0


def count_failures(engine: Engine, name: str) -> int:
    """Failed sign-ins stored for a name (for tests and the admin page)."""
    with transaction(engine) as session:
        return session.scalar(select(func.count()).select_from(m.LoginFailure).where(m.LoginFailure.name == _clean_name(name))) or 0


# --- user administration: the users page and `keikaku user list|disable|enable|reset|role` ------------

RESET_HOURS = 24  # a one-time password-reset link lasts this long


class AccountInvalid(AccountError):
    """A value of a user form that breaks a rule: ``code`` (stable, for translation at the edges),
    ``field`` (the input it concerns) and ``values`` (to fill the translated message)."""

    def __init__(self, message: str, *, code: str, field: str | None = None, **values: object):
        super().__init__(message)
        self.code = code
        self.field = field
        self.values = values


class ResetLinkInvalid(KeikakuError):
    """A password-reset link that is unknown, already used or expired (``reason``)."""

    exit_code = 2
    http_status = 410

    def __init__(self, message: str, *, reason: str):
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class UserRow:
    """A user as the users page lists it: with its state and latest sign-in (aware UTC, or None)."""

    id: int
    name: str
    display_name: str | None
    role: str
    department_ids: frozenset[int]
    department_names: tuple[str, ...]
    active: bool
    last_sign_in: datetime | None

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "name": self.name, "display_name": self.display_name, "role": self.role,
                "departments": list(self.department_names), "active": self.active,
                "last_sign_in": audit.iso(self.last_sign_in)}


@dataclass(frozen=True)
class ResetLink:
    """A one-time link just made: the token appears here once and is stored only as its SHA-256."""

    token: str
    user_name: str
    expires_at: datetime

    @property
    def path(self) -> str:
        return f"/reset/{self.token}"


def _row(user: m.User, last: datetime | None) -> UserRow:
    info = user_info(user)
    return UserRow(id=info.id, name=info.name, display_name=info.display_name, role=info.role,
                   department_ids=info.department_ids, department_names=info.department_names, active=bool(user.active),
                   last_sign_in=audit.as_utc(last) if last else None)


def _snapshot(user: m.User) -> dict[str, object]:
    return {**user_info(user).to_json(), "active": bool(user.active)}


def _allowed(actor: UserInfo | None) -> None:
    if actor is not None:
        require(actor, Action.MANAGE_USERS, what="users")


def password_problem(name: str, password: str, *, field: str = "password") -> AccountInvalid | None:
    """What is wrong with ``password`` as the password of ``name``, or None."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return AccountInvalid(f"the password must be at least {MIN_PASSWORD_LENGTH} characters", code="password_short",
                              field=field, min=MIN_PASSWORD_LENGTH)
    if len(password) > MAX_PASSWORD_LENGTH:
        return AccountInvalid(f"the password must be at most {MAX_PASSWORD_LENGTH} characters", code="password_long",
                              field=field, max=MAX_PASSWORD_LENGTH)
    if password.strip().casefold() == _clean_name(name).casefold():
        return AccountInvalid("the password must not be the user name", code="password_is_name", field=field)
    return None


def _role(role: str) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise AccountInvalid(f"unknown role {role!r}; roles: {', '.join(r.value for r in Role)}", code="bad_role",
                             field="role") from None


def _departments_of(session: Session, role: Role, department_ids: Iterable[int] | None, names: Iterable[str],
                    municipality: str | None) -> list[m.Department]:
    if department_ids is not None:
        ids = sorted(set(department_ids))
        depts = user_store.departments_by_id(session, ids)
        if len(depts) != len(ids):
            raise AccountInvalid("an unknown department was chosen", code="unknown_department", field="departments")
    else:
        depts = _resolve_departments(session, [d for d in names if d and d.strip()], municipality)
    if role is Role.EDITOR and not depts:
        raise AccountInvalid("an editor needs at least one department (--department)", code="editor_department",
                             field="departments")
    return depts


def _other_admins(session: Session, user_id: int) -> int:
    return sum(1 for u in _all(session) if u.id != user_id and u.active and u.role == Role.ADMIN.value)


def _all(session: Session) -> list[m.User]:
    return user_store.all_users(session)


def _load(session: Session, user_id: int) -> m.User:
    user = user_store.user_by_id(session, user_id)
    if user is None:
        raise NotFoundError(f"no user {user_id}")
    return user


def list_all_users(engine: Engine, *, actor: UserInfo | None) -> list[UserRow]:
    """Every account, active or disabled, by name, with its latest sign-in."""
    _allowed(actor)
    with transaction(engine) as session:
        last = user_store.last_sign_ins(session)
        return [_row(u, last.get(str(u.id))) for u in user_store.all_users(session)]


def user_row(engine: Engine, *, actor: UserInfo | None, user_id: int) -> UserRow:
    _allowed(actor)
    with transaction(engine) as session:
        return _row(_load(session, user_id), user_store.last_sign_ins(session).get(str(user_id)))


def user_id_by_name(engine: Engine, name: str) -> int:
    """The id of the account named ``name``, active or not; NotFoundError otherwise."""
    with transaction(engine) as session:
        user = _load_user(session, name=_clean_name(name))
        if user is None:
            raise NotFoundError(f"no user {name!r} (`keikaku user list` shows them)")
        return user.id


def department_choices(engine: Engine) -> list[tuple[int, str, str]]:
    """The departments a user may be bound to: (id, name, municipality), as the loaded plans name them."""
    with transaction(engine) as session:
        return user_store.departments(session)


def add_user(engine: Engine, *, actor: UserInfo, name: str, role: str, password: str, department_ids: Iterable[int],
             display_name: str | None = None, email: str | None = None) -> UserInfo:
    """A new account from the users page: like ``create_user``, with departments chosen by id and
    every problem raised as ``AccountInvalid`` (a code and the field it concerns). ``email``: where
    reminders go (none when empty)."""
    _allowed(actor)
    try:
        email = clean_email(email)
    except AccountError:
        raise AccountInvalid(f"not an e-mail address: {email!r}", code="bad_email", field="email") from None
    name = _clean_name(name)
    if not name or len(name) > 100:
        raise AccountInvalid("a user name is 1 to 100 characters", code="bad_name", field="name")
    role_value = _role(role)
    problem = password_problem(name, password)
    if problem is not None:
        raise problem
    display = (display_name or "").strip()[:200] or None
    with transaction(engine) as session:
        if user_store.name_taken(session, name):
            raise AccountInvalid(f"a user named {name!r} already exists", code="name_taken", field="name", name=name)
        depts = _departments_of(session, role_value, department_ids, (), None)
        user = m.User(name=name, display_name=display, role=role_value.value, password_hash=hash_password(password),
                      active=True, created_at=utcnow(), email=email)
        user.departments = [m.UserDepartment(department=d) for d in depts]
        session.add(user)
        session.flush()
        info = user_info(user)
        audit.record(session, user_name=actor.name, action="create", object_type="user", object_id=user.id, label=name,
                     before=None, after=info.to_json())
        return info


def set_active(engine: Engine, *, actor: UserInfo | None, user_id: int, active: bool) -> UserRow:
    """Disable (``active=False``: the user's sessions and reset links end) or enable an account.
    Nobody disables their own account, nor the last active admin."""
    _allowed(actor)
    now = utcnow()
    with transaction(engine) as session:
        user = _load(session, user_id)
        if bool(user.active) == active:
            return _row(user, user_store.last_sign_ins(session).get(str(user_id)))
        if not active and actor is not None and actor.id == user_id:
            raise AccountInvalid("you cannot disable your own account", code="disable_self", field="active")
        if not active and user.role == Role.ADMIN.value and _other_admins(session, user_id) == 0:
            raise AccountInvalid("the last active admin cannot be disabled", code="last_admin", field="active")
        before = _snapshot(user)
        user.active = active
        if not active:
            user_store.end_resets(session, user_id, now)
        audit.record(session, user_name=actor.name if actor else None, action="enable" if active else "disable",
                     object_type="user", object_id=user_id, label=user.name, before=before, after=_snapshot(user))
        row = _row(user, user_store.last_sign_ins(session).get(str(user_id)))
    if not active:
        end_all_sessions(engine, user_id)
    return row


def change_role(engine: Engine, *, actor: UserInfo | None, user_id: int, role: str,
                department_ids: Iterable[int] | None = None, departments: Iterable[str] = (),
                municipality: str | None = None) -> tuple[UserRow, int]:
    """Give a user a role and departments (by id from the web, by name from the CLI). A change of
    role ends the user's sessions (they sign in again under the new role); returns the user and
    how many sessions ended. The last active admin keeps the admin role."""
    _allowed(actor)
    role_value = _role(role)
    with transaction(engine) as session:
        user = _load(session, user_id)
        depts = _departments_of(session, role_value, department_ids, departments, municipality)
        if user.role == Role.ADMIN.value and role_value is not Role.ADMIN and user.active \
                and _other_admins(session, user_id) == 0:
            raise AccountInvalid("the last active admin must stay an admin", code="last_admin", field="role")
        before = _snapshot(user)
        role_changed = user.role != role_value.value
        if role_changed or {d.department_id for d in user.departments} != {d.id for d in depts}:
            user.role = role_value.value
            keep = {d.department_id: d for d in user.departments}
            user.departments = [keep.get(d.id) or m.UserDepartment(department=d) for d in depts]
            session.flush()
            session.expire(user, ["departments"])
            audit.record(session, user_name=actor.name if actor else None, action="update", object_type="user",
                         object_id=user_id, label=user.name, before=before, after=_snapshot(user))
        row = _row(user, user_store.last_sign_ins(session).get(str(user_id)))
    ended = end_all_sessions(engine, user_id) if role_changed else 0
    return row, ended


def create_reset_link(engine: Engine, *, actor: UserInfo | None, user_id: int, now: datetime | None = None) -> ResetLink:
    """A one-time link for the user to set a new password, valid RESET_HOURS; the user's earlier
    links end. Only the token's SHA-256 is stored; the admin hands the link over."""
    _allowed(actor)
    now = audit.as_utc(now) if now else utcnow()
    token = secrets.token_urlsafe(32)
    expires = now + timedelta(hours=RESET_HOURS)
    with transaction(engine) as session:
        user = _load(session, user_id)
        if not user.active:
            raise AccountInvalid("enable the account before resetting its password", code="reset_inactive", field="active")
        user_store.add_reset(session, token_key=_token_key(token), user_id=user_id, created_by=actor.name if actor else None,
                             created_at=now, expires_at=expires)
        audit.record(session, user_name=actor.name if actor else None, action="reset_link", object_type="user",
                     object_id=user_id, label=user.name, before=None, after={"expires_at": expires})
        return ResetLink(token=token, user_name=user.name, expires_at=expires)


def _live_reset(session: Session, token: str, now: datetime) -> m.PasswordReset:
    row = user_store.reset_for_update(session, _token_key(token)) if token else None
    if row is None:
        raise ResetLinkInvalid("this password-reset link is not known", reason="unknown")
    if row.used_at is not None:
        raise ResetLinkInvalid("this password-reset link has been used already", reason="used")
    if audit.as_utc(row.expires_at) <= now:
        raise ResetLinkInvalid("this password-reset link has expired", reason="expired")
    user = session.get(m.User, row.user_id)
    if user is None or not user.active:
        raise ResetLinkInvalid("the account of this link is disabled", reason="inactive")
    return row


def reset_link_user(engine: Engine, token: str, *, now: datetime | None = None) -> str:
    """The name of the user a live reset link is for; ResetLinkInvalid otherwise."""
    now = audit.as_utc(now) if now else utcnow()
    with transaction(engine) as session:
        row = _live_reset(session, token, now)
        return session.get(m.User, row.user_id).name  # type: ignore[union-attr]


def use_reset_link(engine: Engine, *, token: str, password: str, now: datetime | None = None) -> UserInfo:
    """Set the new password through a live reset link, which is then used up; the user's sessions
    and failed sign-ins end."""
    now = audit.as_utc(now) if now else utcnow()
    with transaction(engine) as session:
        name = session.get(m.User, _live_reset(session, token, now).user_id).name  # type: ignore[union-attr]
    problem = password_problem(name, password)
    if problem is not None:
        raise problem
    new_hash = hash_password(password)
    with transaction(engine) as session:
        row = _live_reset(session, token, now)  # again, under the lock: two tabs cannot both use it
        row.used_at = now
        user = _load(session, row.user_id)
        user.password_hash = new_hash
        signin.clear_name(session, user.name)
        user_store.end_resets(session, user.id, now)
        user_store.end_sessions(session, user.id)
        audit.record(session, user_name=user.name, action="reset_password", object_type="user", object_id=user.id,
                     label=user.name, before=None, after=None)
        return user_info(user)


def change_own_password(engine: Engine, *, user: UserInfo, current: str, new: str, address: str | None = None,
                        now: datetime | None = None) -> None:
    """A signed-in user sets a new password, giving the current one.

    A wrong current password counts as a failed sign-in of the user's name (and of the client
    ``address``): the same secret, guessed through another door, meets the same limit. Once the
    name is throttled (as ``authenticate`` decides), AccountInvalid ``password_throttled`` with
    ``minutes`` to wait and the time ``until`` (aware UTC) refuses the attempt unchecked.
    """
    now = audit.as_utc(now) if now else utcnow()
    name = _clean_name(user.name)
    address = address[:64] if address else None
    with transaction(engine) as session:
        signin.lock_gates(session, [f"name:{name}", *([f"addr:{address}"] if address else [])], now)
        throttled = _throttled(session, name, address, now)
        if throttled is not None:
            audit.record(session, user_name=user.name, action="password_throttled", object_type="user", object_id=user.id,
                         label=user.name, before=None, after={"address": address} if address else None)
        else:
            attempt = signin.add_failure(session, name=name, address=address, at=now)  # until the password proves right
        stored = _load(session, user.id).password_hash
    if throttled is not None:
        wait = throttled.retry_after
        raise AccountInvalid(str(throttled), code="password_throttled", field="current", minutes=(wait + 59) // 60,
                             until=now + timedelta(seconds=wait))
    if not verify_password(current, stored):
        raise AccountInvalid("the current password is wrong", code="wrong_password", field="current")
    with transaction(engine) as session:
        signin.drop_failure(session, attempt)
    problem = password_problem(user.name, new, field="new")
    if problem is not None:
        raise problem
    if current == new:
        raise AccountInvalid("the new password is the current one", code="password_same", field="new")
    new_hash = hash_password(new)
    with transaction(engine) as session:
        row = _load(session, user.id)
        row.password_hash = new_hash
        audit.record(session, user_name=user.name, action="change_password", object_type="user", object_id=user.id,
                     label=user.name, before=None, after=None)


LANGUAGES = ("ja", "en")


def set_own_lang(engine: Engine, *, user: UserInfo, lang: str) -> None:
    """A signed-in user chooses the language of the staff pages and of their mails (ja or en)."""
    if lang not in LANGUAGES:
        raise AccountInvalid(f"a language is ja or en, not {lang[:20]!r}", code="bad_lang", field="lang")
    with transaction(engine) as session:
        row = _load(session, user.id)
        if row.lang != lang:
            audit.record(session, user_name=user.name, action="update", object_type="user", object_id=user.id,
                         label=user.name, before={"lang": row.lang}, after={"lang": lang})
            row.lang = lang
