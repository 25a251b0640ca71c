"""Staff pages show only what their reader may do: for every role, every staff page reachable from
/staff is rendered, every link on it is followed and every button's form is sent with that role's
session, and none of them answers 403."""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin, urlsplit

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from cycle_helpers import PASSWORD, fast_hashing, make_world
from keikaku.domain.enums import Role
from keikaku.web.app import create_app

USERS = {"admin": "kikaku", "reviewer": "shinsa", "editor": "hoiku", "viewer": "etsuran"}
MAX_PAGES = 80
GUIDE = "/staff/guide"


@pytest.fixture
def world(engine: Engine, monkeypatch: pytest.MonkeyPatch):
    fast_hashing(monkeypatch)
    return make_world(engine)


def sign_in(engine: Engine, name: str) -> TestClient:
    c = TestClient(create_app(engine), raise_server_exceptions=False, follow_redirects=False)
    token = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/login").text).group(1)
    assert c.post("/login", data={"name": name, "password": PASSWORD, "csrf_token": token}).status_code == 303
    return c


def links(page: str, base: str) -> list[str]:
    hrefs = [html.unescape(h) for h in re.findall(r'<a [^>]*href="([^"#]*)', page)]
    gets = [html.unescape(a) for a in re.findall(r'<form method="get" action="([^"]+)"', page)]
    return [urljoin(base, h) for h in hrefs + gets if h]


def forms(page: str) -> list[tuple[str, dict[str, str]]]:
    """Each POST form with a button: its action with its hidden fields (the token among them)."""
    out = []
    for action, body in re.findall(r'<form method="post" action="([^"]+)"[^>]*>(.*?)</form>', page, re.S):
        if "<button" not in body:
            continue  # a table shown read-only
        hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', body))
        out.append((html.unescape(action), {k: html.unescape(v) for k, v in hidden.items()}))
    return out


def test_the_roles_are_the_ones_checked() -> None:
    assert sorted(USERS) == sorted(r.value for r in Role)


@pytest.mark.parametrize("role", sorted(USERS))
def test_every_link_and_button_a_role_sees_is_one_it_may_follow(world, role: str) -> None:
    c = sign_in(world.engine, USERS[role])
    seen: set[str] = set()
    queue = ["/staff", f"/staff/cycles/{world.cycle.id}", "/staff/password"]
    found_on = {url: "(start)" for url in queue}
    posted: set[str] = set()
    followed = 0
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        r = c.get(url)
        assert r.status_code != 403, f"{role} was shown a link to {url} on {found_on[url]}, which it may not follow"
        assert r.status_code < 500, f"{role}: {url} answered {r.status_code}"
        followed += 1
        if not r.headers.get("content-type", "").startswith("text/html") or r.status_code != 200:
            continue
        path = urlsplit(url).path
        for link in links(r.text, url):
            parts = urlsplit(link)
            if parts.netloc and parts.netloc != "testserver":
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if parts.path.startswith(GUIDE):
                continue  # the staff guide describes every role's pages to everyone: prose, not the reader's controls
            if parts.path.startswith("/staff") and "lang=" not in parts.query and target not in seen:
                queue.append(target)
                found_on.setdefault(target, url)
        if role == "admin" or path.startswith("/staff/users"):
            continue  # an admin may do everything; its buttons change accounts
        for action, hidden in forms(r.text):
            if action.startswith("/logout") or action in posted:
                continue
            posted.add(action)
            answer = c.post(action, data=hidden)
            assert answer.status_code != 403, f"{role} was shown a button for {action} on {url}: {answer.text[:300]}"
    assert followed >= 4, seen


def test_an_editor_sees_no_upload_or_plan_buttons_it_may_not_use(world) -> None:
    viewer = sign_in(world.engine, "etsuran")
    page = viewer.get(f"/staff/cycles/{world.cycle.id}").text
    assert f'action="/staff/cycles/{world.cycle.id}/upload"' not in page and "/export." not in page
    assert 'action="/staff/cycles"' not in viewer.get("/staff").text
    editor = sign_in(world.engine, "hoiku")
    page = editor.get(f"/staff/cycles/{world.cycle.id}").text
    assert f'action="/staff/cycles/{world.cycle.id}/upload"' in page and "/staff/audit" not in page
    assert "/staff/review" not in editor.get("/staff").text and "/edit" not in editor.get("/staff").text
