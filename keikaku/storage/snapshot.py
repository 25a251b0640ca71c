"""What a database holds, in a form both backends agree on: row counts and a checksum per table.

A table's checksum is SHA-256 over its rows in primary-key order, each row written as one line of
JSON with its values normalised so that SQLite and PostgreSQL give the same bytes for the same
data:

- integers and booleans as JSON numbers and ``true``/``false``; floats as Python's shortest repr;
- times as instants in UTC (``2026-05-01T09:00:00.000000``). SQLite keeps times without a zone:
  a naive value is read in the zone keikaku wrote it in, UTC except ``NAIVE_ZONES``;
- JSON columns by their content (keys sorted, no spaces), so that the text's layout does not
  count; SQL NULL and JSON ``null`` stay different;
- bytes as hex, anything else as its text.

Tables are found by reflection, so a database at any schema revision can be summed. Left out:
``alembic_version`` (the manifest names the revision instead) and SQLite's virtual full-text
tables with their shadow tables (migrations rebuild them from ``search_entries``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timezone, tzinfo
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Connection, Engine, Float, Integer, MetaData, Table, Text, cast, func, inspect, select, text
from sqlalchemy.types import DateTime

from keikaku.storage.plan_store import JST

BATCH = 1000
SKIPPED_TABLES = frozenset({"alembic_version"})
# Tables the migrations fill with reference data: rows in them alone leave a database "empty".
REFERENCE_TABLES = frozenset({"sdg_goals", "municipalities"})
# Naive times SQLite holds in a zone other than UTC (see plan_store.deadline_datetime).
NAIVE_ZONES: dict[tuple[str, str], tzinfo] = {("evaluation_cycles", "deadline"): JST}


@dataclass
class TableSum:
    rows: int = 0
    sha256: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"rows": self.rows, "sha256": self.sha256}


@dataclass
class Summary:
    """Revision, row counts and checksums of every table (in dependency order)."""

    revision: str | None
    tables: dict[str, TableSum] = field(default_factory=dict)

    @property
    def total_rows(self) -> int:
        return sum(s.rows for s in self.tables.values())


def virtual_tables(conn: Connection) -> set[str]:
    """SQLite's virtual tables and their shadow tables (``search_fts``, ``search_fts_data`` …)."""
    if conn.dialect.name != "sqlite":
        return set()
    rows = conn.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'table'")).all()
    virtual = {name for name, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL TABLE")}
    return {name for name, _ in rows if name in virtual or any(name.startswith(f"{v}_") for v in virtual)}


def data_tables(conn: Connection) -> list[Table]:
    """The database's tables holding data, parents before children."""
    skip = SKIPPED_TABLES | virtual_tables(conn)
    names = [n for n in inspect(conn).get_table_names() if n not in skip and not n.startswith("sqlite_")]
    metadata = MetaData()
    if names:
        metadata.reflect(bind=conn, only=names)
    return [t for t in metadata.sorted_tables if t.name in names]


def revision(conn: Connection) -> str | None:
    if "alembic_version" not in inspect(conn).get_table_names():
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def is_json(column: Any) -> bool:
    return isinstance(column.type, JSON)


def read_columns(table: Table) -> list[Any]:
    """The columns to select: JSON as its stored text, so that nothing is re-serialised on the way."""
    return [cast(c, Text).label(c.name) if is_json(c) else c for c in table.columns]


def as_instant(value: datetime, table: str, column: str) -> datetime:
    """An aware datetime: a naive one is read in the zone keikaku stores that column in."""
    if value.tzinfo is None:
        return value.replace(tzinfo=NAIVE_ZONES.get((table, column), timezone.utc))
    return value


def stored_naive(value: datetime, table: str, column: str) -> datetime:
    """The naive value SQLite keeps for an aware ``value``."""
    return value.astimezone(NAIVE_ZONES.get((table, column), timezone.utc)).replace(tzinfo=None)


def normalise(value: Any, column: Any, table: str) -> Any:
    """One value as the checksum sees it (see the module's docstring)."""
    if value is None:
        return None
    if is_json(column):
        return {"json": json.dumps(json.loads(value), sort_keys=True, ensure_ascii=False, separators=(",", ":"))}
    if isinstance(value, bool):
        return value
    if isinstance(column.type, Integer) and not isinstance(value, bool):
        return int(value)
    if isinstance(column.type, Float) or isinstance(value, float):
        return repr(float(value))
    if isinstance(value, int):
        return value
    if isinstance(value, datetime):
        instant = as_instant(value, table, column.name).astimezone(timezone.utc)
        return instant.replace(tzinfo=None).isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    if isinstance(value, Decimal):
        return str(value.normalize())
    return str(value)


def _integer_key(table: Table) -> bool:
    pk = list(table.primary_key.columns)
    return bool(pk) and all(isinstance(c.type, Integer) for c in pk)


def table_rows(conn: Connection, table: Table) -> Iterator[list[dict[str, Any]]]:
    """A table's rows in primary-key order, in batches of dicts (JSON columns as text)."""
    query = select(*read_columns(table))
    pk = list(table.primary_key.columns)
    if _integer_key(table):
        result = conn.execution_options(yield_per=BATCH).execute(query.order_by(*pk))
        for part in result.mappings().partitions(BATCH):
            yield [dict(r) for r in part]
        return
    # Text keys sort differently under PostgreSQL's collations: sort here, by the normalised key.
    columns = table.columns
    rows = [dict(r) for r in conn.execute(query).mappings()]
    rows.sort(key=lambda r: [str(normalise(r[c.name], columns[c.name], table.name)) for c in pk or list(columns)])
    for start in range(0, len(rows), BATCH):
        yield rows[start:start + BATCH]


class TableHasher:
    """Feeds rows into one table's checksum."""

    def __init__(self, table: Table):
        self.table = table
        self.columns = list(table.columns)
        self.sum = TableSum()
        self._hash = hashlib.sha256()

    def add(self, rows: list[dict[str, Any]]) -> None:
        for row in rows:
            line = [normalise(row[c.name], c, self.table.name) for c in self.columns]
            self._hash.update(json.dumps(line, ensure_ascii=False, separators=(",", ":")).encode() + b"\n")
        self.sum.rows += len(rows)

    def done(self) -> TableSum:
        self.sum.sha256 = self._hash.hexdigest()
        return self.sum


def summarise(conn: Connection, *, progress: Callable[[str, int], None] | None = None) -> Summary:
    """Counts and checksums of every table, read through ``conn`` (one snapshot if it is in a transaction)."""
    summary = Summary(revision(conn))
    for table in data_tables(conn):
        hasher = TableHasher(table)
        for batch in table_rows(conn, table):
            hasher.add(batch)
            if progress:
                progress(table.name, len(batch))
        summary.tables[table.name] = hasher.done()
    return summary


def summarise_engine(engine: Engine) -> Summary:
    with snapshot_connection(engine) as conn:
        return summarise(conn)


def row_counts(conn: Connection) -> dict[str, int]:
    return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one() for t in data_tables(conn)}


def holds_data(engine: Engine) -> dict[str, int]:
    """Tables holding rows beyond the migrations' reference data (empty dict: the database is empty)."""
    with engine.connect() as conn:
        return {name: n for name, n in row_counts(conn).items() if n and name not in REFERENCE_TABLES}


class snapshot_connection:  # noqa: N801 - used as a context manager
    """A connection reading one consistent state: REPEATABLE READ on PostgreSQL, a read transaction on SQLite."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.conn: Connection | None = None

    def __enter__(self) -> Connection:
        if self.engine.dialect.name == "postgresql":
            self.conn = self.engine.connect().execution_options(isolation_level="REPEATABLE READ")
            self.conn.begin()
        else:
            self.conn = self.engine.connect()
            self.conn.exec_driver_sql("BEGIN")  # pysqlite starts no transaction for reads by itself
        return self.conn

    def __exit__(self, *exc: object) -> None:
        assert self.conn is not None
        if self.engine.dialect.name == "sqlite":
            self.conn.exec_driver_sql("ROLLBACK")
        else:
            self.conn.rollback()
        self.conn.close()


def compare(expected: Summary, found: Summary) -> list[tuple[str, TableSum | None, TableSum | None]]:
    """Tables whose count or checksum differ: (name, expected, found)."""
    names = list(expected.tables) + [n for n in found.tables if n not in expected.tables]
    return [(n, expected.tables.get(n), found.tables.get(n)) for n in names
            if expected.tables.get(n) != found.tables.get(n)]


def summary_from_json(data: dict[str, Any]) -> Summary:
    return Summary(data.get("schema_revision"),
                   {name: TableSum(int(t["rows"]), str(t["sha256"])) for name, t in data["tables"].items()})


def summary_to_json(summary: Summary) -> dict[str, Any]:
    return {name: s.to_json() for name, s in summary.tables.items()}


def datetime_columns(table: Table) -> list[str]:
    return [c.name for c in table.columns if isinstance(c.type, DateTime)]
