"""``keikaku backup``, ``restore`` and ``db copy``: every row comes back, damage and mistakes are refused.

The database under test holds かえで市's two example plans, five users, an evaluation cycle,
actuals and their audit rows. On the PostgreSQL run (KEIKAKU_TEST_DATABASE_URL) backups go through
pg_dump and pg_restore; the copy always starts from SQLite and goes to PostgreSQL when a server
is given, else to a second SQLite file.
"""

from __future__ import annotations

import json
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, MetaData, inspect, select
from typer.testing import CliRunner

from conftest import PG_ADMIN_URL, copy_of_template
from cycle_helpers import DEADLINE, PASSWORD, WAITING, YEAR, audit_count, fast_hashing, make_world
from keikaku.cli.main import app
from keikaku.services import accounts, cycle
from keikaku.services import backup as service
from keikaku.services.plans import example_files, load_plan_file
from keikaku.storage import migrate, models as m
from keikaku.storage.database import make_engine, transaction
from keikaku.storage.plan_store import JST, deadline_date

runner = CliRunner(env={"COLUMNS": "200"})
SKIP = {"alembic_version"}


def kk(*args: str):
    return runner.invoke(app, list(args))


def build(engine: Engine) -> None:
    """Both example plans, five users, the FY2025 cycle, two actuals and their audit rows."""
    for path in example_files():
        load_plan_file(engine, path)
    world = make_world(engine)
    cycle.enter_actual(engine, user=world.hoiku, plan=world.plan_id, indicator=WAITING, year=YEAR, value=3, text="3人")
    cycle.enter_actual(engine, user=world.admin, plan=world.plan_id, indicator=WAITING, year=YEAR, value=2, note="訂正")


def all_rows(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (FTS tables aside), in primary-key order, as the driver gives them."""
    metadata = MetaData()
    names = [n for n in inspect(engine).get_table_names() if n not in SKIP and not n.startswith(("search_fts", "sqlite_"))]
    metadata.reflect(engine, only=names)
    rows = {}
    with engine.connect() as conn:
        for table in metadata.sorted_tables:
            key = [table.columns.keys().index(c.name) for c in table.primary_key.columns]
            found = [tuple(r) for r in conn.execute(select(table))]
            rows[table.name] = sorted(found, key=lambda r, key=key: [(0, v, "") if isinstance(v, int) else (1, 0, str(v))
                                                                      for v in (r[i] for i in key)])
    return rows


def as_utc(value: Any, table: str, column: str) -> Any:
    """Times as naive UTC: SQLite keeps them naive (in UTC, the deadline in Japan time), PostgreSQL aware."""
    if not isinstance(value, datetime):
        return value
    if value.tzinfo is None:
        value = value.replace(tzinfo=JST if (table, column) == ("evaluation_cycles", "deadline") else timezone.utc)
    return value.astimezone(timezone.utc).replace(tzinfo=None)


def comparable(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    metadata = MetaData()
    metadata.reflect(engine)
    out = {}
    for name, rows in all_rows(engine).items():
        columns = metadata.tables[name].columns.keys()
        out[name] = [tuple(as_utc(v, name, c) for v, c in zip(row, columns, strict=True)) for row in rows]
    return out


@pytest.fixture
def built(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Engine:
    fast_hashing(monkeypatch)
    build(engine)
    return engine


@pytest.fixture
def fresh_url(template_database: str, tmp_path: Path):
    """A second fresh database (schema and reference data only) on the same backend."""
    with copy_of_template(template_database, prefix="keikaku_restore", directory=tmp_path) as url:
        yield url


def test_backup_and_restore_give_back_every_row(built: Engine, database_url: str, fresh_url: str, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    file = tmp_path / "backups" / "keikaku.backup"
    monkeypatch.setenv("KEIKAKU_DATABASE_URL", database_url)
    result = kk("backup", str(file))
    assert result.exit_code == 0, result.output
    assert f"目録: {file}.manifest.json" in result.output
    manifest = json.loads(Path(f"{file}.manifest.json").read_text(encoding="utf-8"))
    assert manifest["format"] == "keikaku-backup" and manifest["version"] == 1
    assert manifest["backend"] == ("postgresql" if PG_ADMIN_URL else "sqlite")
    assert manifest["schema_revision"] == migrate.head_revision()
    counts = {name: t["rows"] for name, t in manifest["tables"].items()}
    assert (counts["plans"], counts["users"], counts["evaluation_cycles"], counts["sdg_goals"]) == (2, 5, 1, 17)
    assert counts["observations"] > 0 and counts["audit_log"] == audit_count(built) == 8
    assert len(manifest["tables"]["nodes"]["sha256"]) == 64

    monkeypatch.setenv("KEIKAKU_DATABASE_URL", fresh_url)
    result = kk("restore", str(file))
    assert result.exit_code == 0, result.output
    assert "検証:" in result.output and "すべて一致しました" in result.output
    restored = make_engine(fresh_url)
    try:
        assert all_rows(restored) == all_rows(built)
        assert migrate.current_revision(restored) == migrate.head_revision()
        # the restored database is a working one: it signs in and takes new rows
        assert accounts.authenticate(restored, name="kikaku", password=PASSWORD).name == "kikaku"
        assert accounts.create_user(restored, name="atarashii", role="viewer", password=PASSWORD).name == "atarashii"
    finally:
        restored.dispose()


def test_a_backup_sums_like_its_source(built: Engine, tmp_path: Path) -> None:
    """The manifest computed from the copy matches the live database, table by table."""
    result = service.backup(built, tmp_path / "b")
    assert service.verify(built, result.summary).ok
    assert result.summary.tables["audit_log"].rows == 8


def test_damaged_backup_is_refused(built: Engine, database_url: str, fresh_url: str, tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    file = tmp_path / "keikaku.backup"
    service.backup(built, file)
    data = bytearray(file.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 8] = bytes(b ^ 0xFF for b in data[middle:middle + 8])
    file.write_bytes(bytes(data))
    monkeypatch.setenv("KEIKAKU_DATABASE_URL", fresh_url)
    result = kk("restore", str(file))
    assert result.exit_code == 2
    assert f"エラー: バックアップファイルが壊れています (大きさまたは SHA-256 が目録と異なります): {file}。何も復元していません" \
        in result.output.replace("\n", "")
    fresh = make_engine(fresh_url)
    try:
        with transaction(fresh) as s:
            assert s.scalars(select(m.Plan.id)).all() == []
    finally:
        fresh.dispose()


def test_a_table_that_differs_from_the_manifest_fails_verification(built: Engine, fresh_url: str, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    file = tmp_path / "keikaku.backup"
    service.backup(built, file)
    manifest_file = Path(f"{file}.manifest.json")
    manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
    manifest["tables"]["users"]["rows"] = 6
    manifest["tables"]["nodes"]["sha256"] = "0" * 64
    manifest_file.write_text(json.dumps(manifest), encoding="utf-8")
    monkeypatch.setenv("KEIKAKU_DATABASE_URL", fresh_url)
    result = kk("restore", str(file))
    assert result.exit_code == 1
    assert "不一致: users (期待 6 行・実際 5 行、またはチェックサムが異なります)" in result.output
    assert "不一致: nodes (期待 34 行・実際 34 行、またはチェックサムが異なります)" in result.output
    assert "検証に失敗しました: 2 件の不一致があります" in result.output


def test_restore_refuses_a_database_with_data_unless_forced(built: Engine, database_url: str, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    file = tmp_path / "keikaku.backup"
    service.backup(built, file)
    before = all_rows(built)
    accounts.create_user(built, name="atode", role="viewer", password=PASSWORD)  # made after the backup
    monkeypatch.setenv("KEIKAKU_DATABASE_URL", database_url)
    result = kk("restore", str(file))
    assert result.exit_code == 2
    assert "エラー: 復元先のデータベースにはすでにデータがあります (actions 27, actor_roles 16, audit_log 9, departments 22, evaluation_cycles 1)。" in result.output
    assert "上書きするには --force を付けてください" in result.output.replace("\n", "")
    built.dispose()
    result = kk("restore", "--force", str(file))
    assert result.exit_code == 0, result.output
    assert all_rows(built) == before


def test_restore_needs_the_manifest(built: Engine, tmp_path: Path, fresh_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    file = tmp_path / "keikaku.backup"
    service.backup(built, file)
    Path(f"{file}.manifest.json").unlink()
    monkeypatch.setenv("KEIKAKU_DATABASE_URL", fresh_url)
    result = kk("restore", str(file))
    assert result.exit_code == 2
    assert f"バックアップの目録がありません: {file}.manifest.json" in result.output.replace("\n", "")


def test_db_copy_from_sqlite(empty_database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite to PostgreSQL (or to a second SQLite file on the SQLite run), verified table by table."""
    fast_hashing(monkeypatch)
    source_url = f"sqlite:///{tmp_path / 'source.sqlite3'}"
    source = make_engine(source_url)
    migrate.upgrade(source)
    build(source)
    monkeypatch.setenv("KEIKAKU_DATABASE_URL", source_url)
    result = kk("db", "copy", "--to", empty_database_url)
    assert result.exit_code == 0, result.output
    assert "すべて一致しました" in result.output
    target = make_engine(empty_database_url)
    try:
        assert comparable(target) == comparable(source)
        assert migrate.current_revision(target) == migrate.head_revision()
        with transaction(target) as s:
            row = s.scalars(select(m.EvaluationCycle)).one()
            assert deadline_date(row.deadline) == DEADLINE
            top = max(s.scalars(select(m.User.id)).all())
        # sequences were reset: the next user takes the next id
        assert accounts.create_user(target, name="atarashii", role="viewer", password=PASSWORD).id == top + 1
        if target.dialect.name == "sqlite":  # the full-text index was filled by the copy
            with target.connect() as conn:
                assert conn.exec_driver_sql("SELECT count(*) FROM search_fts").scalar() == \
                    conn.exec_driver_sql("SELECT count(*) FROM search_entries").scalar() > 0
        # a target holding data is refused
        again = kk("db", "copy", "--to", empty_database_url)
        assert again.exit_code == 2
        assert "複写先のデータベースは空ではありません" in again.output
    finally:
        target.dispose()
        source.dispose()


def test_db_copy_refuses_an_outdated_source_and_a_bad_url(engine: Engine, database_url: str, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEIKAKU_DATABASE_URL", database_url)
    result = kk("db", "copy", "--to", "mysql://x/y")
    assert result.exit_code == 2 and "複写先の URL が正しくありません" in result.output
    result = kk("db", "copy", "--to", database_url)
    assert result.exit_code == 2 and "複写先が設定中のデータベースと同じです" in result.output


def test_backup_while_another_thread_writes_is_consistent(built: Engine, database_url: str, fresh_url: str,
                                                          tmp_path: Path) -> None:
    """Users and their audit rows keep coming while the backup runs; the backup holds a state in which they match."""
    stop = threading.Event()
    made: list[int] = []
    writer_engine = make_engine(database_url)

    def write() -> None:
        while not stop.is_set():
            accounts.create_user(writer_engine, name=f"w{len(made)}", role="viewer", password=PASSWORD)
            made.append(1)

    thread = threading.Thread(target=write)
    thread.start()
    try:
        while len(made) < 3:
            threading.Event().wait(0.01)
        results = [service.backup(built, tmp_path / f"b{i}") for i in range(3)]
    finally:
        stop.set()
        thread.join()
        writer_engine.dispose()
    assert len(made) > 3
    for i, result in enumerate(results):
        users = result.summary.tables["users"].rows
        assert 5 < users and result.summary.tables["audit_log"].rows == 8 + (users - 5)
        fresh = make_engine(fresh_url)
        try:
            verified = service.restore(fresh, tmp_path / f"b{i}", force=True)
            assert verified.ok, verified.mismatches
        finally:
            fresh.dispose()
