"""Engine and session factory for SQLite (default) and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from keikaku.domain.errors import KeikakuError


# How long a writer waits for another writer's transaction on SQLite before giving up, and what a
# request that gave up tells its client (503 with Retry-After). Writes are short (a sheet, a form of
# actuals); a long one (loading a whole plan) may hold others this long: beyond that, PostgreSQL.
BUSY_TIMEOUT_MS = 15_000
RETRY_AFTER_SECONDS = 5


def _sqlite_pragmas(busy_timeout_ms: int):  # noqa: ANN202
    def apply(dbapi_connection, _record) -> None:  # noqa: ANN001
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.close()
    return apply


def is_busy(exc: BaseException) -> bool:
    """Whether a database error means "busy, try again" (SQLite locked; PostgreSQL lock timeout,
    deadlock or serialization failure) rather than a fault."""
    orig = getattr(exc, "orig", None)
    text = str(orig or exc).lower()
    code = getattr(orig, "sqlstate", None)
    return "database is locked" in text or "database is busy" in text or code in ("55P03", "40P01", "40001")


def make_engine(url: str, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Engine:
    """An engine for ``url``; SQLite gets WAL, foreign keys and a busy timeout, and its folder is created."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas(busy_timeout_ms))
        return engine
    return create_engine(url, pool_pre_ping=True)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """One unit of work: commit on success, roll back everything on any error."""
    try:
        with session_factory(engine)() as session, session.begin():
            yield session
    except OperationalError as exc:
        if is_disk_full(exc):
            raise DiskFullError("the database's disk is full: nothing of this change was saved; "
                                "free some space (or move the database) and try again") from exc
        raise


class DiskFullError(KeikakuError):
    """The database could not write for lack of disk space; the transaction was rolled back whole."""

    exit_code = 2
    http_status = 507


def is_disk_full(exc: BaseException) -> bool:
    orig = getattr(exc, "orig", None)
    text = str(orig or exc).lower()
    return "disk is full" in text or "no space left" in text or getattr(orig, "sqlstate", None) == "53100"
