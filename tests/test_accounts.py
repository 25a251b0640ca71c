"""Accounts: creation rules, argon2 passwords, throttled sign-in and sessions."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from sqlalchemy import Engine, select

from cycle_helpers import PASSWORD, fast_hashing, load_kaede
from keikaku.domain.errors import NotFoundError
from keikaku.domain.permissions import PermissionDenied
from keikaku.services import accounts
from keikaku.services.accounts import AccountError, AuthenticationFailed, LoginThrottled, SessionInfo, UserInfo
from keikaku.storage import models as m
from keikaku.storage.database import transaction
from keikaku.storage.models import utcnow


@pytest.fixture(autouse=True)
def _fast(monkeypatch: pytest.MonkeyPatch) -> None:
    fast_hashing(monkeypatch)


@pytest.fixture
def kaede(engine: Engine) -> Engine:
    load_kaede(engine)
    return engine


def dept_id(engine: Engine, name: str) -> int:
    with transaction(engine) as s:
        return s.scalar(select(m.Department.id).where(m.Department.name == name))


def test_create_an_editor_with_departments(kaede: Engine) -> None:
    info = accounts.create_user(kaede, name=" hoiku ", role="editor", password=PASSWORD,
                                departments=["保育課", "子育て支援課"], display_name="保育課 山田")
    assert info == UserInfo(
        id=info.id, name="hoiku", display_name="保育課 山田", role="editor",
        department_ids=frozenset({dept_id(kaede, "保育課"), dept_id(kaede, "子育て支援課")}),
        department_names=("保育課", "子育て支援課"),
    )
    assert accounts.get_user(kaede, "hoiku") == info
    assert [u.name for u in accounts.list_users(kaede)] == ["hoiku"]


def test_departments_by_municipality_code_or_name(kaede: Engine) -> None:
    by_code = accounts.create_user(kaede, name="a", role="editor", password=PASSWORD, departments=["保育課"], municipality="990019")
    by_name = accounts.create_user(kaede, name="b", role="viewer", password=PASSWORD, departments=["保育課"], municipality="かえで市")
    assert by_code.department_ids == by_name.department_ids == {dept_id(kaede, "保育課")}


def test_a_department_in_two_cities_needs_the_city(kaede: Engine) -> None:
    with transaction(kaede) as s:
        other = s.scalar(select(m.Municipality).where(m.Municipality.code == "132101"))  # reference data: 小金井市
        s.add(m.Department(municipality_id=other.id, name="保育課"))
    with pytest.raises(AccountError, match=r"^department '保育課' exists in several municipalities \(かえで市, 小金井市\): give --municipality$"):
        accounts.create_user(kaede, name="a", role="editor", password=PASSWORD, departments=["保育課"])
    info = accounts.create_user(kaede, name="a", role="editor", password=PASSWORD, departments=["保育課"], municipality="小金井市")
    assert info.department_names == ("保育課",) and info.department_ids != {dept_id(kaede, "保育課")}


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"password": "short"}, "the password must be at least 10 characters"),
    ({"password": "x" * 1025}, "the password must be at most 1024 characters"),
    ({"name": "tanaka-taro", "password": "Tanaka-Taro"}, "the password must not be the user name"),
    ({"role": "root"}, "unknown role 'root'; roles: admin, reviewer, editor, viewer"),
    ({"role": "editor", "departments": []}, r"an editor needs at least one department \(--department\)"),
    ({"departments": ["宇宙課"]}, "unknown department '宇宙課': departments come from the loaded plans"),
    ({"departments": ["宇宙課"], "municipality": "990019"}, "unknown department '宇宙課' in かえで市"),
    ({"name": ""}, "a user name is 1 to 100 characters"),
])
def test_refused_accounts(kaede: Engine, kwargs: dict, message: str) -> None:
    args = {"name": "someone", "role": "viewer", "password": PASSWORD} | kwargs
    with pytest.raises(AccountError, match="^" + message):
        accounts.create_user(kaede, **args)
    with transaction(kaede) as s:
        assert s.scalars(select(m.User)).all() == []


def test_unknown_municipality(kaede: Engine) -> None:
    with pytest.raises(NotFoundError, match="unknown municipality '何処市'"):
        accounts.create_user(kaede, name="a", role="viewer", password=PASSWORD, departments=["保育課"], municipality="何処市")


def test_duplicate_name(kaede: Engine) -> None:
    accounts.create_user(kaede, name="hoiku", role="viewer", password=PASSWORD)
    with pytest.raises(AccountError, match="^a user named 'hoiku' already exists$"):
        accounts.create_user(kaede, name="hoiku", role="admin", password=PASSWORD + "!")


def test_only_admins_manage_users_from_the_web(kaede: Engine) -> None:
    admin = accounts.create_user(kaede, name="kikaku", role="admin", password=PASSWORD)
    viewer = accounts.create_user(kaede, name="etsuran", role="viewer", password=PASSWORD, actor=admin)
    with pytest.raises(PermissionDenied):
        accounts.create_user(kaede, name="x", role="admin", password=PASSWORD, actor=viewer)


def test_passwords_are_argon2id_hashes(kaede: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "_hasher", accounts.PasswordHasher())  # the real parameters
    accounts.create_user(kaede, name="hoiku", role="viewer", password=PASSWORD)
    with transaction(kaede) as s:
        stored = s.scalar(select(m.User.password_hash))
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert accounts.verify_password(PASSWORD, stored) is True
    assert accounts.verify_password(PASSWORD + "x", stored) is False
    assert accounts.verify_password(PASSWORD, "not a hash") is False
    assert accounts.authenticate(kaede, name="hoiku", password=PASSWORD).name == "hoiku"


def test_authenticate(kaede: Engine) -> None:
    made = accounts.create_user(kaede, name="hoiku", role="editor", password=PASSWORD, departments=["保育課"])
    assert accounts.authenticate(kaede, name="hoiku", password=PASSWORD) == made
    with pytest.raises(AuthenticationFailed, match="^wrong user name or password$") as info:
        accounts.authenticate(kaede, name="hoiku", password="wrong password")
    assert info.value.http_status == 401
    with pytest.raises(AuthenticationFailed, match="^wrong user name or password$"):
        accounts.authenticate(kaede, name="nobody", password=PASSWORD)
    assert accounts.count_failures(kaede, "hoiku") == 1 and accounts.count_failures(kaede, "nobody") == 1


def test_five_failures_throttle_the_name_for_fifteen_minutes(kaede: Engine) -> None:
    accounts.create_user(kaede, name="hoiku", role="viewer", password=PASSWORD)
    accounts.create_user(kaede, name="gomi", role="viewer", password=PASSWORD)
    start = utcnow()
    for minute in range(5):
        with pytest.raises(AuthenticationFailed):
            accounts.authenticate(kaede, name="hoiku", password="wrong password", now=start + timedelta(minutes=minute))
    at = start + timedelta(minutes=5)
    with pytest.raises(LoginThrottled, match=r"^too many failed sign-ins for 'hoiku'; try again in 10 minute\(s\)$") as info:
        accounts.authenticate(kaede, name="hoiku", password=PASSWORD, now=at)  # even the right password
    assert info.value.retry_after == 600 and info.value.http_status == 429
    assert accounts.count_failures(kaede, "hoiku") == 5  # throttled attempts are not counted
    assert accounts.authenticate(kaede, name="gomi", password=PASSWORD, now=at).name == "gomi"  # other names are not
    with pytest.raises(LoginThrottled):
        accounts.authenticate(kaede, name="hoiku", password=PASSWORD, now=start + timedelta(minutes=14, seconds=59))
    # the first failure leaves the window at 15 minutes: four remain, the right password works and clears them
    assert accounts.authenticate(kaede, name="hoiku", password=PASSWORD, now=start + timedelta(minutes=15, seconds=1)).name == "hoiku"
    assert accounts.count_failures(kaede, "hoiku") == 0


def test_inactive_users_cannot_sign_in(kaede: Engine) -> None:
    made = accounts.create_user(kaede, name="hoiku", role="viewer", password=PASSWORD)
    token, _ = accounts.start_session(kaede, user_id=made.id)
    with transaction(kaede) as s:
        s.get(m.User, made.id).active = False
    with pytest.raises(AuthenticationFailed):
        accounts.authenticate(kaede, name="hoiku", password=PASSWORD)
    assert accounts.session_user(kaede, token) is None
    with pytest.raises(NotFoundError, match="no user 'hoiku'"):
        accounts.get_user(kaede, "hoiku")


def test_sessions(kaede: Engine) -> None:
    made = accounts.create_user(kaede, name="hoiku", role="editor", password=PASSWORD, departments=["保育課"])
    token, csrf = accounts.start_session(kaede, user_id=made.id)
    assert len(token) == len(csrf) == 43 and token != csrf
    with transaction(kaede) as s:
        row = s.scalar(select(m.LoginSession))
        assert row.token == hashlib.sha256(token.encode()).hexdigest()  # the token itself is not stored
        assert row.csrf_token == csrf
    info = accounts.session_user(kaede, token)
    assert isinstance(info, SessionInfo)
    assert (info.user, info.csrf_token) == (made, csrf)
    assert timedelta(hours=7, minutes=59) < info.expires_at - utcnow() <= timedelta(hours=8)
    assert accounts.session_user(kaede, token + "x") is None
    assert accounts.session_user(kaede, None) is None
    accounts.end_session(kaede, token)
    assert accounts.session_user(kaede, token) is None
    accounts.end_session(kaede, token)  # twice is fine


def test_expired_sessions_are_gone(kaede: Engine) -> None:
    made = accounts.create_user(kaede, name="hoiku", role="viewer", password=PASSWORD)
    token, _ = accounts.start_session(kaede, user_id=made.id, hours=8)
    start = utcnow()
    for k in range(1, 9):  # used every 50 minutes: never idle for the idle timeout
        assert accounts.session_user(kaede, token, now=start + timedelta(minutes=50 * k)) is not None
    assert accounts.session_user(kaede, token, now=start + timedelta(hours=7)) is not None
    assert accounts.session_user(kaede, token, now=start + timedelta(hours=8, seconds=1)) is None  # the absolute end
    with transaction(kaede) as s:
        assert s.scalars(select(m.LoginSession)).all() == []
    with pytest.raises(NotFoundError):
        accounts.start_session(kaede, user_id=999)
