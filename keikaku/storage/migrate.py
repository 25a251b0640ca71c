"""Alembic, driven from code: ``upgrade`` and the schema's state."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from keikaku.domain.errors import DatabaseNotReadyError


def include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    """Leave out of autogenerate what migrations manage by hand: the FTS5 tables and trigram indexes."""
    if type_ == "table" and name and name.startswith("search_fts"):
        return False
    if type_ == "index" and name and name.endswith("_trgm"):
        return False
    return True


def alembic_config(engine: Engine | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", "keikaku.storage:migrations")
    if engine is not None:
        cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
        cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> str | None:
    """Bring the schema to ``revision``; returns the revision now in force."""
    command.upgrade(alembic_config(engine), revision)
    return current_revision(engine)


def downgrade(engine: Engine, revision: str) -> str | None:
    command.downgrade(alembic_config(engine), revision)
    return current_revision(engine)


def ensure_current(engine: Engine, *, auto_create: bool = True) -> None:
    """Create an empty database's schema; refuse one that is behind or ahead of the code."""
    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return
    if current is None and auto_create:
        upgrade(engine)
        return
    raise DatabaseNotReadyError(
        f"database schema is at {current or 'nothing'}, the code needs {head}: run `keikaku db upgrade`"
    )
