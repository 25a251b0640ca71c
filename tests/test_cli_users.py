"""``keikaku user list``, ``disable``, ``enable``, ``reset`` and ``role``, run in-process on the test database."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from cycle_helpers import PASSWORD, fast_hashing
from keikaku.cli.main import app
from keikaku.services import accounts
from keikaku.services.plans import EXAMPLE_DIR
from keikaku.storage import models as m
from keikaku.storage.database import make_engine, transaction

runner = CliRunner(env={"COLUMNS": "200"})
NEW_PASSWORD = "a brand new passphrase"


def kk(*args: str, input: str | None = None):  # noqa: ANN201
    return runner.invoke(app, list(args), input=input)


@pytest.fixture
def staff(cli_env: str, monkeypatch: pytest.MonkeyPatch) -> str:
    fast_hashing(monkeypatch)
    assert kk("load", str(EXAMPLE_DIR / "kaede-comprehensive-plan.json")).exit_code == 0
    for args in (["kikaku", "--role", "admin"], ["hoiku", "--role", "editor", "--department", "保育課"]):
        result = kk("user", "add", *args, "--password-stdin", input=PASSWORD + "\n")
        assert result.exit_code == 0, result.output
    return cli_env


def audit_actions(url: str) -> list[tuple[str | None, str, str | None]]:
    engine = make_engine(url)
    try:
        with transaction(engine) as s:
            return [(e.user_name, e.action, e.object_label) for e in s.scalars(select(m.AuditEntry).order_by(m.AuditEntry.id))]
    finally:
        engine.dispose()


@pytest.mark.parametrize("command", ["list", "disable", "enable", "reset", "role"])
def test_every_command_has_help(command: str) -> None:
    result = kk("user", command, "--help")
    assert result.exit_code == 0 and "Usage: " in result.output and " / " in result.output


def test_list(staff: str) -> None:
    result = kk("user", "list", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"users": [
        {"id": 2, "name": "hoiku", "display_name": None, "role": "editor", "departments": ["保育課"], "active": True, "last_sign_in": None},
        {"id": 1, "name": "kikaku", "display_name": None, "role": "admin", "departments": [], "active": True, "last_sign_in": None},
    ]}
    table = kk("user", "list").output
    assert re.search(r"hoiku\s+│\s+editor\s+│\s+保育課\s+│\s+有効\s+│\s+—", table), table


def test_disable_enable_and_role(staff: str) -> None:
    engine = make_engine(staff)
    try:
        hoiku = accounts.get_user(engine, "hoiku")
        token, _ = accounts.start_session(engine, user_id=hoiku.id)
        result = kk("user", "role", "hoiku", "--role", "editor", "--department", "ごみ対策課", "--department", "保育課")
        assert result.exit_code == 0 and result.output == "役割と所管課を変更しました: hoiku (editor; ごみ対策課, 保育課)\n"
        assert accounts.session_user(engine, token) is not None  # the same role: still signed in
        result = kk("user", "role", "hoiku", "--role", "reviewer")
        assert result.exit_code == 0, result.output
        assert result.output == "役割と所管課を変更しました: hoiku (reviewer)\n役割が変わったため、1 件のログインを終了しました\n"
        assert accounts.session_user(engine, token) is None
        result = kk("user", "role", "hoiku", "--role", "editor")
        assert result.exit_code == 2 and "an editor needs at least one department" in result.output
        assert kk("user", "role", "nobody", "--role", "viewer").exit_code == 1
        assert kk("user", "disable", "kikaku").exit_code == 2  # the last active admin
        result = kk("user", "disable", "hoiku")
        assert result.exit_code == 0 and result.output.startswith("利用者を無効にしました: hoiku")
        assert json.loads(kk("user", "list", "-f", "json").output)["users"][0]["active"] is False
        assert kk("user", "enable", "hoiku").output == "利用者を有効にしました: hoiku\n"
    finally:
        engine.dispose()
    assert [a for a in audit_actions(staff) if a[2] == "hoiku"][1:] == [
        (None, "update", "hoiku"), (None, "update", "hoiku"), (None, "disable", "hoiku"), (None, "enable", "hoiku")]


def test_reset_prints_a_one_time_link(staff: str) -> None:
    result = kk("user", "reset", "hoiku", "--base-url", "https://keikaku.example.jp/")
    assert result.exit_code == 0, result.output
    link = re.search(r"^https://keikaku\.example\.jp(/reset/[A-Za-z0-9_-]{43})$", result.output, re.M)
    assert link and "hoiku さんに直接渡してください" in result.output
    engine = make_engine(staff)
    try:
        token = link.group(1).removeprefix("/reset/")
        assert accounts.reset_link_user(engine, token) == "hoiku"
        accounts.use_reset_link(engine, token=token, password=NEW_PASSWORD)
        with pytest.raises(accounts.ResetLinkInvalid):
            accounts.use_reset_link(engine, token=token, password="another passphrase")
        assert accounts.authenticate(engine, name="hoiku", password=NEW_PASSWORD).name == "hoiku"
    finally:
        engine.dispose()
    assert (None, "reset_link", "hoiku") in audit_actions(staff) and ("hoiku", "reset_password", "hoiku") in audit_actions(staff)
    assert kk("user", "reset", "nobody").exit_code == 1
