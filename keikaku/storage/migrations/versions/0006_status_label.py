"""status label: the word a draft plan was printed with (骨子案, 素案 …)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

# Plain ALTER TABLE, never a copy of the table: on SQLite with foreign keys on, dropping the old
# copy would delete the rows that cascade from it (a plan's nodes, indicators, cycles).
RECREATE = 'never'


def upgrade() -> None:

    with op.batch_alter_table('plans', schema=None, recreate=RECREATE) as batch_op:
        batch_op.add_column(sa.Column('status_label', sa.String(length=20), nullable=True))


def downgrade() -> None:

    with op.batch_alter_table('plans', schema=None, recreate=RECREATE) as batch_op:
        batch_op.drop_column('status_label')
