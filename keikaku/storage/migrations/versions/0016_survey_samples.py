"""survey indicators: an indicator's confidence level when it is a share from a survey, and the
sample size or printed margin of error of its baseline and of each actual

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-14
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None

# Plain ALTER TABLE, never a copy of the table: on SQLite with foreign keys on, dropping the old
# copy would delete the rows that cascade from it (an indicator's observations and targets).
RECREATE = 'never'
REAL = sa.Float(precision=53)


def upgrade() -> None:
    with op.batch_alter_table('indicators', schema=None, recreate=RECREATE) as batch_op:
        batch_op.add_column(sa.Column('survey_confidence', REAL, nullable=True))
        batch_op.add_column(sa.Column('baseline_sample_size', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('baseline_margin', REAL, nullable=True))
    with op.batch_alter_table('observations', schema=None, recreate=RECREATE) as batch_op:
        batch_op.add_column(sa.Column('sample_size', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('margin_of_error', REAL, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('observations', schema=None, recreate=RECREATE) as batch_op:
        batch_op.drop_column('margin_of_error')
        batch_op.drop_column('sample_size')
    with op.batch_alter_table('indicators', schema=None, recreate=RECREATE) as batch_op:
        batch_op.drop_column('baseline_margin')
        batch_op.drop_column('baseline_sample_size')
        batch_op.drop_column('survey_confidence')
