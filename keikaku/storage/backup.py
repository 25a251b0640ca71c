"""Backups and copies at the storage level: SQLite's online backup, pg_dump/pg_restore, table copies.

``keikaku.services.backup`` decides what to do and writes the manifest; this module does the
database work. Every failure is a ``BackupError`` whose ``code`` the CLI turns into a message.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, Connection, Engine, Table, Text, bindparam, cast, delete, insert, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from keikaku.domain.errors import BackupError
from keikaku.storage import snapshot
from keikaku.storage.snapshot import Summary, TableHasher

Progress = Callable[[str, int], None]


def backend(url_or_engine: str | Engine) -> str:
    url = url_or_engine.url if isinstance(url_or_engine, Engine) else make_url(url_or_engine)
    return url.get_backend_name()


def sqlite_path(engine: Engine) -> Path:
    database = engine.url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        raise BackupError("sqlite_file", f"an SQLite database in a file is needed, not {database!r}", url=str(engine.url))
    return Path(database)


def read_only_engine(path: Path) -> Engine:
    """An engine on an SQLite file that can only read it (a backup being checked)."""
    from sqlalchemy import create_engine

    return create_engine(f"sqlite:///file:{path.resolve()}?mode=ro&uri=true")


# --- SQLite -------------------------------------------------------------------------------------


def sqlite_backup(engine: Engine, target: Path) -> None:
    """Copy the live database into ``target`` with SQLite's backup API, in one step.

    The step reads one consistent state under a read lock; in WAL mode writers carry on meanwhile.
    The copy is switched to a rollback journal, so that it is a single self-contained file.
    """
    _sqlite_copy(sqlite3.connect(sqlite_path(engine), timeout=30), sqlite3.connect(target), journal="DELETE", what="backup")


def sqlite_restore(backup_file: Path, engine: Engine) -> None:
    """Replace the whole content of the configured SQLite database with ``backup_file``."""
    path = sqlite_path(engine)
    path.parent.mkdir(parents=True, exist_ok=True)
    engine.dispose()
    _sqlite_copy(sqlite3.connect(f"file:{backup_file.resolve()}?mode=ro", uri=True), sqlite3.connect(path, timeout=30),
                 journal="WAL", what="restore")


def _sqlite_copy(source: sqlite3.Connection, dest: sqlite3.Connection, *, journal: str, what: str) -> None:
    """Copy ``source`` into ``dest`` with the backup API and set the copy's journal mode; both are closed."""
    try:
        source.backup(dest)
        dest.execute(f"PRAGMA journal_mode={journal}")
        dest.commit()
    except sqlite3.Error as exc:
        raise BackupError("failed", f"SQLite {what} failed: {exc}", detail=str(exc)) from None
    finally:
        dest.close()
        source.close()


# --- PostgreSQL ---------------------------------------------------------------------------------


def _libpq(engine: Engine) -> tuple[str, dict[str, str]]:
    """A libpq connection string for pg_dump/pg_restore, and the environment holding the password."""
    from psycopg.conninfo import make_conninfo

    url = engine.url
    params = {k: v for k, v in {"host": url.host, "port": url.port, "user": url.username, "dbname": url.database}.items() if v}
    params.update({k: v for k, v in url.query.items() if isinstance(v, str)})
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return make_conninfo(**{k: str(v) for k, v in params.items()}), env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError("tool_missing", f"{name} not found: install postgresql-client", tool=name)
    return found


def _run(args: list[str], env: dict[str, str]) -> None:
    with tempfile.TemporaryFile() as errors:
        done = subprocess.run(args, env=env, stdout=subprocess.DEVNULL, stderr=errors, check=False)
        if done.returncode:
            errors.seek(0)
            detail = errors.read().decode("utf-8", "replace").strip()[-2000:]
            raise BackupError("failed", f"{Path(args[0]).name} failed: {detail}", detail=detail)


def pg_backup(engine: Engine, target: Path) -> Summary:
    """``pg_dump --format=custom`` of the snapshot that the returned summary was computed on."""
    dump = _tool("pg_dump")
    conninfo, env = _libpq(engine)
    with snapshot.snapshot_connection(engine) as conn:
        snapshot_id = conn.execute(text("SELECT pg_export_snapshot()")).scalar_one()
        with tempfile.TemporaryFile() as errors:
            proc = subprocess.Popen([dump, "--format=custom", f"--snapshot={snapshot_id}", f"--file={target}",
                                     f"--dbname={conninfo}"], env=env, stdout=subprocess.DEVNULL, stderr=errors)
            try:
                summary = snapshot.summarise(conn)
            finally:
                code = proc.wait()  # the exporting transaction stays open until pg_dump is done
            if code:
                errors.seek(0)
                detail = errors.read().decode("utf-8", "replace").strip()[-2000:]
                raise BackupError("failed", f"pg_dump failed: {detail}", detail=detail)
    return summary


def pg_restore(backup_file: Path, engine: Engine) -> None:
    """Restore a custom-format dump, dropping what the dump holds first, in one transaction."""
    restore = _tool("pg_restore")
    conninfo, env = _libpq(engine)
    engine.dispose()
    _run([restore, "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
          "--exit-on-error", f"--dbname={conninfo}", str(backup_file)], env)


# --- copies between any two databases -----------------------------------------------------------


def clear(conn: Connection) -> None:
    """Delete every row of every table (children first), reference data included."""
    for table in reversed(snapshot.data_tables(conn)):
        conn.execute(delete(table))


def _insert_statement(table: Table, dialect: str) -> Any:
    values: dict[str, Any] = {}
    for c in table.columns:
        if isinstance(c.type, JSON):
            # the stored JSON text goes in as it is; PostgreSQL is told it is json
            values[c.name] = cast(bindparam(c.name, type_=Text), c.type) if dialect == "postgresql" else bindparam(c.name, type_=Text)
        else:
            values[c.name] = bindparam(c.name, type_=c.type)
    return insert(table).values(values)


def _self_references(table: Table) -> list[str]:
    return [fk.parent.name for fk in table.foreign_keys if fk.column.table.name == table.name and fk.parent.nullable]


def _convert_times(rows: list[dict[str, Any]], table: str, columns: list[str], dialect: str) -> None:
    for row in rows:
        for name in columns:
            value = row[name]
            if isinstance(value, datetime):
                instant = snapshot.as_instant(value, table, name)
                row[name] = snapshot.stored_naive(instant, table, name) if dialect == "sqlite" else instant


def copy_tables(source: Connection, target: Connection, *, progress: Progress | None = None) -> Summary:
    """Copy every table of ``source`` into the same tables of ``target``, in batches.

    Parents go before children; a column pointing into its own table (a node's parent) is
    filled in a second pass. Returns the summary of what was read from ``source``.
    """
    summary = Summary(snapshot.revision(source))
    targets = {t.name: t for t in snapshot.data_tables(target)}
    dialect = target.dialect.name
    for table in snapshot.data_tables(source):
        into = targets.get(table.name)
        missing = [c.name for c in table.columns if into is None or c.name not in into.columns]
        if into is None or missing:
            raise BackupError("schema", f"the target has no {table.name}({', '.join(missing)})", table=table.name)
        statement = _insert_statement(into, dialect)
        later = _self_references(into)
        pk = [c.name for c in into.primary_key.columns]
        times = snapshot.datetime_columns(into)
        hasher = TableHasher(table)
        for batch in snapshot.table_rows(source, table):
            hasher.add(batch)
            rows = [dict(r) for r in batch]
            _convert_times(rows, table.name, times, dialect)
            fill = [{**{f"k_{k}": r[k] for k in pk}, **{f"v_{c}": r[c] for c in later}} for r in rows
                    if any(r[c] is not None for c in later)]
            for r in rows:
                r.update({c: None for c in later})
            try:
                target.execute(statement, rows)
            except SQLAlchemyError as exc:
                raise BackupError("copy_failed", f"copying {table.name} failed: {exc.__class__.__name__}: {str(exc)[:500]}",
                                  table=table.name, detail=str(exc.orig if hasattr(exc, "orig") else exc)[:500]) from None
            if progress:
                progress(table.name, len(batch))
            if fill:
                set_later = update(into).where(*[into.c[k] == bindparam(f"k_{k}") for k in pk])
                target.execute(set_later.values({c: bindparam(f"v_{c}") for c in later}), fill)
        summary.tables[table.name] = hasher.done()
    if dialect == "postgresql":
        reset_sequences(target)
    return summary


def reset_sequences(conn: Connection) -> None:
    """Set each PostgreSQL id sequence past the highest id copied in."""
    for table in snapshot.data_tables(conn):
        column = table.autoincrement_column
        if column is None:
            continue
        sequence = conn.execute(text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": table.name, "c": column.name}).scalar()
        if sequence:
            top = conn.execute(text(f'SELECT max("{column.name}") FROM "{table.name}"')).scalar()
            conn.execute(text("SELECT setval(:s, :v, :called)"), {"s": sequence, "v": top or 1, "called": top is not None})


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """One transaction on ``engine``; on SQLite foreign keys are checked as rows go in."""
    with engine.begin() as conn:
        yield conn
