"""Backups, restores and copies of the whole database, each checked table by table.

A backup is two files: ``FILE`` (an SQLite database file, or a PostgreSQL custom-format dump)
and ``FILE.manifest.json`` beside it, which records what ``FILE`` holds::

    {"format": "keikaku-backup", "version": 1, "created_at": "2026-05-01T09:00:00+00:00",
     "keikaku": "0.1.0", "backend": "sqlite" | "postgresql", "file": "FILE", "file_size": 123,
     "file_sha256": "…", "schema_revision": "0007",
     "tables": {"plans": {"rows": 2, "sha256": "…"}, …}}

The table checksums are backend-independent (``keikaku.storage.snapshot``): a backup of SQLite
and one of PostgreSQL holding the same data carry the same manifest tables. ``file_sha256``
finds a damaged file before anything is restored from it.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from keikaku import __version__
from keikaku.domain.errors import BackupError
from keikaku.storage import backup as store
from keikaku.storage import migrate, snapshot
from keikaku.storage.database import make_engine
from keikaku.storage.snapshot import Summary, TableSum

MANIFEST_FORMAT = "keikaku-backup"
MANIFEST_VERSION = 1
Progress = Callable[[str, int], None]


def manifest_path(file: Path) -> Path:
    return file.with_name(file.name + ".manifest.json")


@dataclass
class BackupResult:
    file: Path
    manifest: Path
    backend: str
    revision: str | None
    summary: Summary


@dataclass
class Mismatch:
    table: str
    expected: TableSum | None
    found: TableSum | None


@dataclass
class VerifyResult:
    """The outcome of comparing a database with what it should hold."""

    tables: int
    rows: int
    revision: str | None
    mismatches: list[Mismatch] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.mismatches


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _write_atomically(path: Path, write: Callable[[Path], Any]) -> Any:
    part = path.with_name(path.name + ".part")
    part.unlink(missing_ok=True)
    try:
        result = write(part)
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)
    return result


def backup(engine: Engine, file: Path) -> BackupResult:
    """Back the database up into ``file`` and write ``file.manifest.json`` beside it.

    SQLite: the backup API (consistent while others write); the manifest is computed from the
    copy itself. PostgreSQL: ``pg_dump --format=custom`` of an exported snapshot, the manifest
    computed in the same snapshot.
    """
    kind = store.backend(engine)
    file.parent.mkdir(parents=True, exist_ok=True)

    def write(part: Path) -> Summary:
        if kind == "sqlite":
            store.sqlite_backup(engine, part)
            copy = store.read_only_engine(part)
            try:
                return snapshot.summarise_engine(copy)
            finally:
                copy.dispose()
        if kind == "postgresql":
            return store.pg_backup(engine, part)
        raise BackupError("backend", f"no backup for {kind}", backend=kind)

    summary = _write_atomically(file, write)
    manifest = {
        "format": MANIFEST_FORMAT,
        "version": MANIFEST_VERSION,
        "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "keikaku": __version__,
        "backend": kind,
        "file": file.name,
        "file_size": file.stat().st_size,
        "file_sha256": _sha256(file),
        "schema_revision": summary.revision,
        "tables": snapshot.summary_to_json(summary),
    }
    text = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
    _write_atomically(manifest_path(file), lambda part: part.write_text(text, encoding="utf-8"))
    return BackupResult(file, manifest_path(file), kind, summary.revision, summary)


def read_manifest(file: Path) -> dict[str, Any]:
    """The manifest of ``file``, after checking that ``file`` is the one it describes."""
    path = manifest_path(file)
    if not file.is_file():
        raise BackupError("no_file", f"{file}: no such backup file", path=str(file))
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BackupError("no_manifest", f"{path}: the backup's manifest is missing", path=str(path)) from None
    except (OSError, ValueError) as exc:
        raise BackupError("bad_manifest", f"{path}: unreadable manifest ({exc})", path=str(path)) from None
    if not isinstance(manifest, dict) or manifest.get("format") != MANIFEST_FORMAT or not isinstance(manifest.get("tables"), dict):
        raise BackupError("bad_manifest", f"{path}: not a keikaku backup manifest", path=str(path))
    if manifest.get("version") != MANIFEST_VERSION:
        raise BackupError("bad_manifest", f"{path}: manifest version {manifest.get('version')} is not known", path=str(path))
    if file.stat().st_size != manifest.get("file_size") or _sha256(file) != manifest.get("file_sha256"):
        raise BackupError("damaged", f"{file}: the file is damaged (its size or SHA-256 differs from the manifest)",
                          path=str(file))
    return manifest


def verify(engine: Engine, expected: Summary) -> VerifyResult:
    """Compare the database's counts and checksums with ``expected``, table by table."""
    found = snapshot.summarise_engine(engine)
    mismatches = [Mismatch(n, e, f) for n, e, f in snapshot.compare(expected, found)]
    if expected.revision != found.revision:
        mismatches.insert(0, Mismatch("alembic_version", None, None))
    return VerifyResult(len(found.tables), found.total_rows, found.revision, mismatches)


def _refuse_data(engine: Engine, where: str) -> None:
    holding = snapshot.holds_data(engine)
    if holding:
        listed = ", ".join(f"{name} {n}" for name, n in sorted(holding.items())[:5])
        raise BackupError("not_empty", f"{where} already holds data ({listed}); give --force to overwrite it",
                          url=where, tables=listed)


def restore(engine: Engine, file: Path, *, force: bool = False, progress: Progress | None = None) -> VerifyResult:
    """Restore ``file`` into the database of ``engine`` and verify it against the manifest.

    Refuses a database that holds data (other than the migrations' reference data) unless
    ``force``. A SQLite backup goes into SQLite with the backup API, or into PostgreSQL as a
    table copy; a PostgreSQL dump goes into PostgreSQL with pg_restore.
    """
    manifest = read_manifest(file)
    expected = snapshot.summary_from_json(manifest)
    source_kind, target_kind = manifest.get("backend"), store.backend(engine)
    where = engine.url.render_as_string(hide_password=True)
    if source_kind == "postgresql" and target_kind != "postgresql":
        raise BackupError("pg_into_sqlite", "a PostgreSQL backup can only be restored into PostgreSQL", url=where)
    if not force:
        _refuse_data(engine, where)
    if source_kind == target_kind == "sqlite":
        store.sqlite_restore(file, engine)
    elif source_kind == target_kind == "postgresql":
        store.pg_restore(file, engine)
    elif source_kind == "sqlite":
        source = store.read_only_engine(file)
        try:
            _copy(source, engine, progress=progress)
        finally:
            source.dispose()
    else:
        raise BackupError("backend", f"no restore from {source_kind}", backend=str(source_kind))
    return verify(engine, expected)


def _copy(source: Engine, target: Engine, *, progress: Progress | None) -> Summary:
    head = migrate.head_revision()
    with snapshot.snapshot_connection(source) as reading:
        source_revision = snapshot.revision(reading)
        if source_revision != head:
            raise BackupError("revision", f"the source is at revision {source_revision or 'nothing'}, the code at {head}: "
                              "run `keikaku db upgrade` on it first", current=source_revision or "—", head=head)
        migrate.upgrade(target)
        with store.writing(target) as writing:
            # the migrations' reference data, and with --force whatever was there, make way for the copy
            store.clear(writing)
            return store.copy_tables(reading, writing, progress=progress)


def row_totals(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return snapshot.row_counts(conn)


def copy(source: Engine, target_url: str, *, progress: Progress | None = None) -> VerifyResult:
    """Copy every table of ``source`` into the empty database at ``target_url`` and verify it.

    The target's schema is created with Alembic (upgrade head); rows go in dependency order in
    batches in one transaction; PostgreSQL sequences are set past the copied ids.
    """
    if not (target_url.startswith("sqlite") or target_url.startswith("postgresql+psycopg")):
        raise BackupError("bad_url", f"{target_url}: give an sqlite:/// or postgresql+psycopg:// URL", url=target_url)
    if source.url.render_as_string(hide_password=False) == target_url:
        raise BackupError("same_database", "the target is the configured database itself", url=target_url)
    target = make_engine(target_url)
    where = target.url.render_as_string(hide_password=True)
    try:
        _refuse_data(target, where)
        copied = _copy(source, target, progress=progress)
        return verify(target, copied)
    except BackupError as exc:
        if exc.code == "not_empty":
            raise BackupError("target_not_empty", str(exc).replace("; give --force to overwrite it", ""),
                              url=where, tables=exc.values.get("tables", "")) from None
        raise
    finally:
        target.dispose()
