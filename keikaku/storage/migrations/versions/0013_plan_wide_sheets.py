"""plan-wide sheets: an evaluation sheet without a node holds the plan's plan-wide indicators,
one per cycle (a partial unique index: a unique constraint lets any number of nulls through);
a reminder without a department went to an admin about that sheet

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

INDEX = 'uq_evaluation_sheets_plan_wide'
WHERE = sa.text('node_id IS NULL')

# SQLite cannot drop a NOT NULL in place, so its batch copies evaluation_sheets and reminders_sent.
# That is safe here, unlike the tables of 0006: no table refers to either, so dropping the old
# copy cascades to nothing. PostgreSQL alters the columns in place.
RECREATE = 'auto'


def upgrade() -> None:
    with op.batch_alter_table('evaluation_sheets', schema=None, recreate=RECREATE) as batch_op:
        batch_op.alter_column('node_id', existing_type=sa.Integer(), nullable=True)
    op.create_index(INDEX, 'evaluation_sheets', ['cycle_id'], unique=True, sqlite_where=WHERE, postgresql_where=WHERE)
    with op.batch_alter_table('reminders_sent', schema=None, recreate=RECREATE) as batch_op:
        batch_op.alter_column('department_id', existing_type=sa.Integer(), nullable=True)


def downgrade() -> None:
    op.execute('DELETE FROM reminders_sent WHERE department_id IS NULL')
    with op.batch_alter_table('reminders_sent', schema=None, recreate=RECREATE) as batch_op:
        batch_op.alter_column('department_id', existing_type=sa.Integer(), nullable=False)
    op.drop_index(INDEX, table_name='evaluation_sheets')
    op.execute('DELETE FROM evaluation_sheets WHERE node_id IS NULL')  # plan-wide sheets have no place before 0013
    with op.batch_alter_table('evaluation_sheets', schema=None, recreate=RECREATE) as batch_op:
        batch_op.alter_column('node_id', existing_type=sa.Integer(), nullable=False)
