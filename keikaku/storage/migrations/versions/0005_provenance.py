"""provenance: where each node, indicator, figure and project was read from

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

# table → columns holding a planfile ``origin`` (``p.3 (72,140–300,152)``, ``line 12``, ``Sheet1!B4``)
ORIGINS = {
    'nodes': ['origin'],
    'indicators': ['baseline_origin', 'target_origin', 'origin'],
    'interim_targets': ['origin'],
    'observations': ['origin'],
    'projects': ['origin'],
}
# Plain ALTER TABLE, never a copy of the table: on SQLite with foreign keys on, dropping the old
# copy would delete the rows that cascade from it (a plan's indicators with its nodes).
RECREATE = 'never'


def upgrade() -> None:

    for table, columns in ORIGINS.items():
        with op.batch_alter_table(table, schema=None, recreate=RECREATE) as batch_op:
            for column in columns:
                batch_op.add_column(sa.Column(column, sa.String(length=200), nullable=True))


def downgrade() -> None:

    for table, columns in reversed(ORIGINS.items()):
        with op.batch_alter_table(table, schema=None, recreate=RECREATE) as batch_op:
            for column in reversed(columns):
                batch_op.drop_column(column)
