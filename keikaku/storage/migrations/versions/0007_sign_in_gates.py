"""sign-in gates: failures per client address, a lock row per name and address, idle sessions

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

# Plain ALTER TABLE, never a copy of the table (see 0006).
RECREATE = 'never'


def upgrade() -> None:
    op.create_table(
        'login_gates',
        sa.Column('key', sa.String(length=120), nullable=False),
        sa.Column('touched_at', sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint('key', name=op.f('pk_login_gates')),
    )
    with op.batch_alter_table('login_failures', schema=None, recreate=RECREATE) as batch_op:
        batch_op.add_column(sa.Column('address', sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f('ix_login_failures_address'), ['address'], unique=False)
    with op.batch_alter_table('login_sessions', schema=None, recreate=RECREATE) as batch_op:
        batch_op.add_column(sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('login_sessions', schema=None, recreate=RECREATE) as batch_op:
        batch_op.drop_column('last_seen_at')
    with op.batch_alter_table('login_failures', schema=None, recreate=RECREATE) as batch_op:
        batch_op.drop_index(batch_op.f('ix_login_failures_address'))
        batch_op.drop_column('address')
    op.drop_table('login_gates')
