"""Alembic migrations match the models, and go down and up again."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select, text

import pytest

from keikaku.domain.errors import DatabaseNotReadyError
from keikaku.domain.planfile import parse_plan_document
from keikaku.domain.sdg import SDG_GOALS
from keikaku.storage import migrate, models as m
from keikaku.services.plans import dump_plan, load_plan
from keikaku.storage.database import make_engine, transaction
from seed_shapes import ALL_SHAPES


def test_migrations_match_models(empty_database_url: str) -> None:
    engine = make_engine(empty_database_url)
    assert migrate.upgrade(engine) == migrate.head_revision() == "0017"
    with engine.connect() as conn:
        opts = {"compare_type": True, "include_object": migrate.include_object}
        diff = compare_metadata(MigrationContext.configure(conn, opts=opts), m.Base.metadata)
    assert diff == []
    engine.dispose()


def test_reference_data(engine) -> None:
    with transaction(engine) as s:
        goals = s.scalars(select(m.SdgGoal).order_by(m.SdgGoal.number)).all()
        assert [(g.number, g.name_ja, g.colour) for g in goals] == [(g.number, g.name_ja, g.colour) for g in SDG_GOALS]
        assert goals[10].name_ja == "住み続けられるまちづくりを" and goals[10].colour == "#FD9D24"


def test_downgrade_and_upgrade_again(empty_database_url: str) -> None:
    engine = make_engine(empty_database_url)
    migrate.upgrade(engine)
    assert migrate.downgrade(engine, "base") is None
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == "0017"
    engine.dispose()


def test_migration_0006_down_and_up_keeps_plans(empty_database_url: str) -> None:
    engine = make_engine(empty_database_url)
    migrate.upgrade(engine)
    plan_id = load_plan(engine, parse_plan_document(ALL_SHAPES["001"]())).plan_id
    assert dump_plan(engine, plan_id).status_label == "骨子案"
    engine.dispose()
    engine = make_engine(empty_database_url)
    assert migrate.downgrade(engine, "0005") == "0005"
    assert "status_label" not in {c["name"] for c in inspect(engine).get_columns("plans")}
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM plans WHERE status = 'draft'")).scalar() == 1
        assert conn.execute(text("SELECT count(*) FROM individual_plans")).scalar() == 5
    assert migrate.upgrade(engine) == "0017"
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM plans WHERE status_label IS NULL")).scalar() == 1
        assert conn.execute(text("SELECT count(*) FROM nodes")).scalar() == len(ALL_SHAPES["001"]()["nodes"])
    engine.dispose()


def test_ensure_current_creates_or_refuses(empty_database_url: str) -> None:
    engine = make_engine(empty_database_url)
    migrate.ensure_current(engine)
    assert migrate.current_revision(engine) == "0017"
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    with pytest.raises(DatabaseNotReadyError, match="run `keikaku db upgrade`"):
        migrate.ensure_current(engine)
    engine.dispose()


def test_sqlite_pragmas(tmp_path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'sub' / 'k.sqlite3'}")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()


def test_migration_0007_down_and_up_keeps_sessions_and_failures(empty_database_url: str) -> None:
    engine = make_engine(empty_database_url)
    migrate.upgrade(engine)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO users (name, role, password_hash, active, created_at) "
                          "VALUES ('hoiku', 'viewer', 'x', true, CURRENT_TIMESTAMP)"))
        conn.execute(text("INSERT INTO login_failures (name, address, at) VALUES ('hoiku', '198.51.100.7', CURRENT_TIMESTAMP)"))
    assert migrate.downgrade(engine, "0006") == "0006"
    assert "login_gates" not in inspect(engine).get_table_names()
    assert "address" not in {c["name"] for c in inspect(engine).get_columns("login_failures")}
    assert migrate.upgrade(engine) == "0017"
    with engine.connect() as conn:
        assert conn.execute(text("SELECT name, address FROM login_failures")).all() == [("hoiku", None)]
        assert conn.execute(text("SELECT count(*) FROM users")).scalar() == 1
    engine.dispose()
