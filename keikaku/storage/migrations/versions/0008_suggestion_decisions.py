"""suggestion decisions: staff's accepted and rejected successor and SDG suggestions

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'suggestion_decisions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('node_id', sa.Integer(), nullable=False),
        sa.Column('suggested', sa.String(length=300), nullable=False),
        sa.Column('decision', sa.String(length=10), nullable=False),
        sa.Column('decided_by', sa.String(length=100), nullable=True),
        sa.Column('decided_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['node_id'], ['nodes.id'], name=op.f('fk_suggestion_decisions_node_id_nodes'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_suggestion_decisions')),
        sa.UniqueConstraint('kind', 'node_id', 'suggested', name=op.f('uq_suggestion_decisions_kind')),
    )
    op.create_index(op.f('ix_suggestion_decisions_node_id'), 'suggestion_decisions', ['node_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_suggestion_decisions_node_id'), table_name='suggestion_decisions')
    op.drop_table('suggestion_decisions')
