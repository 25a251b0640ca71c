"""reminders: users' e-mail address and mail language, and the reminders sent

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

# Plain ALTER TABLE, never a copy of the table (see 0006).
RECREATE = 'never'


def upgrade() -> None:
    with op.batch_alter_table('users', schema=None, recreate=RECREATE) as batch_op:
        batch_op.add_column(sa.Column('email', sa.String(length=254), nullable=True))
        batch_op.add_column(sa.Column('lang', sa.String(length=2), nullable=True))
    op.create_table(
        'reminders_sent',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('cycle_id', sa.Integer(), nullable=False),
        sa.Column('department_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('email', sa.String(length=254), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('sent_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('missing', sa.Integer(), nullable=False),
        sa.Column('returned', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['cycle_id'], ['evaluation_cycles.id'], name=op.f('fk_reminders_sent_cycle_id_evaluation_cycles'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_reminders_sent_department_id_departments'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_reminders_sent_user_id_users'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_reminders_sent')),
    )
    op.create_index(op.f('ix_reminders_sent_cycle_id'), 'reminders_sent', ['cycle_id'], unique=False)
    op.create_index(op.f('ix_reminders_sent_department_id'), 'reminders_sent', ['department_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_reminders_sent_department_id'), table_name='reminders_sent')
    op.drop_index(op.f('ix_reminders_sent_cycle_id'), table_name='reminders_sent')
    op.drop_table('reminders_sent')
    with op.batch_alter_table('users', schema=None, recreate=RECREATE) as batch_op:
        batch_op.drop_column('lang')
        batch_op.drop_column('email')
