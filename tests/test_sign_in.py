"""Sign-in that holds under parallel attacks, per account and per client address; sessions that rotate and end."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import Engine, select
from starlette.requests import Request

from cycle_helpers import PASSWORD, World, fast_hashing, make_world
from keikaku.services import accounts
from keikaku.services.accounts import AuthenticationFailed, LoginThrottled
from keikaku.storage import models as m
from keikaku.storage.database import transaction
from keikaku.storage.models import utcnow
from keikaku.web.http import client_address
from test_web_staff import client, sign_in


@pytest.fixture
def world(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> World:
    fast_hashing(monkeypatch)
    return make_world(engine)


def attempt_at_once(engine: Engine, count: int, make_args) -> list[str]:  # noqa: ANN001
    """``count`` sign-ins started together; the name of what each ended with."""
    barrier = threading.Barrier(count)
    results: list[str] = [""] * count

    def run(i: int) -> None:
        barrier.wait(timeout=30)
        try:
            accounts.authenticate(engine, **make_args(i))
            results[i] = "ok"
        except (AuthenticationFailed, LoginThrottled) as exc:
            results[i] = type(exc).__name__

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


def test_thirty_parallel_wrong_passwords_check_only_five(world: World) -> None:
    results = attempt_at_once(world.engine, 30, lambda i: {"name": "hoiku", "password": f"wrong password {i}"})
    assert (results.count("AuthenticationFailed"), results.count("LoginThrottled")) == (accounts.MAX_FAILURES, 30 - accounts.MAX_FAILURES)
    assert accounts.count_failures(world.engine, "hoiku") == accounts.MAX_FAILURES
    with pytest.raises(LoginThrottled):
        accounts.authenticate(world.engine, name="hoiku", password=PASSWORD)


def test_one_address_trying_many_names_is_throttled(world: World) -> None:
    results = attempt_at_once(world.engine, 30, lambda i: {"name": f"guess{i}", "password": "wrong password", "address": "203.0.113.9"})
    assert (results.count("AuthenticationFailed"), results.count("LoginThrottled")) == (
        accounts.MAX_ADDRESS_FAILURES, 30 - accounts.MAX_ADDRESS_FAILURES)
    with pytest.raises(LoginThrottled, match="^too many failed sign-ins from this address; try again in 15 minute"):
        accounts.authenticate(world.engine, name="hoiku", password=PASSWORD, address="203.0.113.9")
    assert accounts.authenticate(world.engine, name="hoiku", password=PASSWORD, address="198.51.100.7").name == "hoiku"


def test_a_right_password_after_failures_forgets_them(world: World) -> None:
    for _ in range(3):
        with pytest.raises(AuthenticationFailed):
            accounts.authenticate(world.engine, name="hoiku", password="wrong password")
    assert accounts.authenticate(world.engine, name="hoiku", password=PASSWORD).name == "hoiku"
    assert accounts.count_failures(world.engine, "hoiku") == 0


def test_sign_ins_failures_and_throttling_are_audited(world: World) -> None:
    accounts.authenticate(world.engine, name="hoiku", password=PASSWORD, address="198.51.100.7")
    for _ in range(accounts.MAX_FAILURES):
        with pytest.raises(AuthenticationFailed):
            accounts.authenticate(world.engine, name="gomi", password="wrong password")
    with pytest.raises(LoginThrottled):
        accounts.authenticate(world.engine, name="gomi", password=PASSWORD)
    with transaction(world.engine) as session:
        rows = session.execute(select(m.AuditEntry.action, m.AuditEntry.object_label, m.AuditEntry.after)
                               .where(m.AuditEntry.action.like("sign_in%")).order_by(m.AuditEntry.id)).tuples().all()
    assert [(a, label) for a, label, _ in rows] == [
        ("sign_in", "hoiku"), *[("sign_in_failed", "gomi")] * accounts.MAX_FAILURES, ("sign_in_throttled", "gomi")]
    assert rows[0][2] == {"address": "198.51.100.7"}


def request_from(peer: str, forwarded: str | None = None) -> Request:
    headers = [(b"x-forwarded-for", forwarded.encode())] if forwarded else []
    return Request({"type": "http", "method": "GET", "path": "/login", "headers": headers, "client": (peer, 50000),
                    "query_string": b""})


def test_forwarded_addresses_are_believed_only_from_a_trusted_proxy() -> None:
    proxies = frozenset({"10.0.0.2"})
    assert client_address(request_from("203.0.113.9", "1.2.3.4"), proxies) == "203.0.113.9"  # not a proxy: forged
    assert client_address(request_from("10.0.0.2", "1.2.3.4, 198.51.100.7"), proxies) == "198.51.100.7"
    assert client_address(request_from("10.0.0.2", "198.51.100.7, 10.0.0.2"), proxies) == "198.51.100.7"
    assert client_address(request_from("10.0.0.2"), proxies) == "10.0.0.2"


def test_a_session_idle_for_an_hour_ends(world: World) -> None:
    token, _ = accounts.start_session(world.engine, user_id=world.hoiku.id)
    now = utcnow()
    assert accounts.session_user(world.engine, token, now=now + timedelta(minutes=59)) is not None  # and is seen again
    assert accounts.session_user(world.engine, token, now=now + timedelta(minutes=59 + 59)) is not None
    assert accounts.session_user(world.engine, token, now=now + timedelta(minutes=59 + 59 + 61)) is None
    assert accounts.session_user(world.engine, token, now=now + timedelta(minutes=59 + 59 + 62)) is None  # gone for good


def test_signing_in_again_replaces_the_browsers_session(world: World) -> None:
    c, _ = sign_in(world.engine, "hoiku")
    first = c.cookies.get("keikaku_session")
    c2, _ = sign_in(world.engine, "hoiku")  # another browser
    token = __import__("re").search(r'name="csrf_token" value="([^"]+)"', c.get("/login").text).group(1)
    r = c.post("/login", data={"name": "hoiku", "password": PASSWORD, "csrf_token": token})
    assert r.status_code == 303
    assert c.cookies.get("keikaku_session") != first
    assert accounts.session_user(world.engine, first) is None  # the old token no longer signs anyone in
    assert c2.get("/staff").status_code == 200  # the other browser is untouched


def test_sign_out_everywhere(world: World) -> None:
    c1, csrf = sign_in(world.engine, "hoiku")
    c2, _ = sign_in(world.engine, "hoiku")
    other, _ = sign_in(world.engine, "gomi")
    r = c1.post("/logout/everywhere", data={"csrf_token": csrf})
    assert r.status_code == 303
    assert c1.get("/staff").status_code == 303 and c2.get("/staff").status_code == 303
    assert other.get("/staff").status_code == 200
    assert client(world.engine).post("/logout/everywhere", data={"csrf_token": csrf}).status_code == 303  # no session: sign in


def test_an_address_that_comes_back_waits_twice_as_long_each_round(world: World) -> None:
    start, address = utcnow(), "203.0.113.50"

    def round_of_failures(at):  # noqa: ANN001, ANN202
        for i in range(accounts.MAX_ADDRESS_FAILURES):
            with pytest.raises(AuthenticationFailed):
                accounts.authenticate(world.engine, name=f"guess{i}", password="wrong password", address=address, now=at)

    round_of_failures(start)
    with pytest.raises(LoginThrottled) as first:
        accounts.authenticate(world.engine, name="hoiku", password=PASSWORD, address=address, now=start)
    assert first.value.retry_after == 15 * 60
    later = start + timedelta(minutes=16)  # the first throttle has passed: a second round
    round_of_failures(later)
    with pytest.raises(LoginThrottled) as second:
        accounts.authenticate(world.engine, name="hoiku", password=PASSWORD, address=address, now=later)
    assert second.value.retry_after == 30 * 60
    with pytest.raises(LoginThrottled):  # still throttled after the plain window ...
        accounts.authenticate(world.engine, name="hoiku", password=PASSWORD, address=address, now=later + timedelta(minutes=16))
    # ... and free once the doubled wait is over
    assert accounts.authenticate(world.engine, name="hoiku", password=PASSWORD, address=address,
                                 now=later + timedelta(minutes=31)).name == "hoiku"
