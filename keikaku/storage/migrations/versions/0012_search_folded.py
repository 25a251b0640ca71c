"""search folded: entries hold their title and body folded (子供/子ども/こども, 障害/障がい, width, kana),
and the full-text indexes are over that folded text

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from keikaku.domain.textfold import fold

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

FTS = ("CREATE VIRTUAL TABLE search_fts USING fts5("
       "{columns}, content='search_entries', content_rowid='id', tokenize='trigram')")
INSERT = ("CREATE TRIGGER search_entries_ai AFTER INSERT ON search_entries BEGIN "
          "INSERT INTO search_fts(rowid, {columns}) VALUES (new.id, {new}); END")
DELETE = ("CREATE TRIGGER search_entries_ad AFTER DELETE ON search_entries BEGIN "
          "INSERT INTO search_fts(search_fts, rowid, {columns}) VALUES ('delete', old.id, {old}); END")


def _sqlite_index(columns: list[str]) -> None:
    op.execute("DROP TRIGGER IF EXISTS search_entries_ad")
    op.execute("DROP TRIGGER IF EXISTS search_entries_ai")
    op.execute("DROP TABLE IF EXISTS search_fts")
    names = ", ".join(columns)
    op.execute(FTS.format(columns=names))
    op.execute(INSERT.format(columns=names, new=", ".join(f"new.{c}" for c in columns)))
    op.execute(DELETE.format(columns=names, old=", ".join(f"old.{c}" for c in columns)))
    op.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")


def upgrade() -> None:
    with op.batch_alter_table('search_entries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('folded', sa.Text(), nullable=False, server_default=''))
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, title, body FROM search_entries")).all()
    for id_, title, body in rows:
        bind.execute(sa.text("UPDATE search_entries SET folded = :f WHERE id = :i"),
                     {"f": fold(f"{title or ''}\n{body or ''}"), "i": id_})
    if bind.dialect.name == "sqlite":
        _sqlite_index(["folded"])
    elif bind.dialect.name == "postgresql":
        op.execute("CREATE INDEX ix_search_entries_folded_trgm ON search_entries USING gin (folded gin_trgm_ops)")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        _sqlite_index(["title", "body"])
    elif bind.dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_search_entries_folded_trgm")
    with op.batch_alter_table('search_entries', schema=None) as batch_op:
        batch_op.drop_column('folded')
