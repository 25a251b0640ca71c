"""Test fixtures: a fresh, migrated database per test, on SQLite or (KEIKAKU_TEST_DATABASE_URL) PostgreSQL."""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from keikaku.storage import migrate
from keikaku.storage.database import make_engine

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"
PG_ADMIN_URL = os.environ.get("KEIKAKU_TEST_DATABASE_URL")
_counter = itertools.count()


def pytest_report_header(config: pytest.Config) -> str:
    return f"keikaku database backend: {'PostgreSQL' if PG_ADMIN_URL else 'SQLite'}"


@pytest.fixture(scope="session")
def seeds() -> Path:
    assert SEEDS.is_dir(), f"seed documents expected at {SEEDS}"
    return SEEDS


def _pg_admin() -> Engine:
    return create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")


@contextmanager
def _pg_database(prefix: str, template: str = "template0") -> Iterator[str]:
    """A throwaway PostgreSQL database copied from ``template``; yields its URL."""
    name = f"{prefix}_{os.getpid()}_{next(_counter)}"
    admin = _pg_admin()
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" ENCODING \'UTF8\' TEMPLATE "{template}"'))
    try:
        yield make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def template_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A migrated database that every test copies: a file on SQLite, a template database on PostgreSQL."""
    if PG_ADMIN_URL:
        with _pg_database("keikaku_template") as url:
            engine = make_engine(url)
            migrate.upgrade(engine)
            engine.dispose()
            yield make_url(url).database
    else:
        path = tmp_path_factory.mktemp("template") / "template.sqlite3"
        engine = make_engine(f"sqlite:///{path}")
        migrate.upgrade(engine)
        engine.dispose()
        yield str(path)


@pytest.fixture
def database_url(template_database: str, tmp_path: Path) -> Iterator[str]:
    """The URL of a fresh database holding the migrated schema and reference data."""
    with copy_of_template(template_database, prefix="keikaku_test", directory=tmp_path) as url:
        yield url


@contextmanager
def copy_of_template(template_database: str, *, prefix: str, directory: Path) -> Iterator[str]:
    """A fresh copy of the migrated template: a PostgreSQL database, or an SQLite file in ``directory``."""
    if PG_ADMIN_URL:
        with _pg_database(prefix, template_database) as url:
            yield url
    else:
        path = directory / f"{prefix}.sqlite3"
        shutil.copyfile(template_database, path)
        yield f"sqlite:///{path}"


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    eng = make_engine(database_url)
    yield eng
    eng.dispose()


@pytest.fixture
def empty_database_url(tmp_path: Path) -> Iterator[str]:
    """A database with no schema at all (for migration tests)."""
    if PG_ADMIN_URL:
        with _pg_database("keikaku_empty") as url:
            yield url
    else:
        yield f"sqlite:///{tmp_path / 'empty.sqlite3'}"


@pytest.fixture
def cli_env(database_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """Point the CLI at the test database."""
    monkeypatch.setenv("KEIKAKU_DATABASE_URL", database_url)
    monkeypatch.setenv("KEIKAKU_LANG", "ja")
    return database_url
