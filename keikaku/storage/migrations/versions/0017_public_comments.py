"""opinions on a draft plan (パブリックコメント): the comment period, its nodes, themes, groups of
opinions answered together, and the opinions

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-14
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'comment_periods',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('plan_id', sa.Integer(), nullable=False),
        sa.Column('start_day', sa.Date(), nullable=False),
        sa.Column('end_day', sa.Date(), nullable=False),
        sa.Column('notice', sa.Text(), nullable=False),
        sa.Column('created_by', sa.String(length=100), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_comment_periods_plan_id_plans'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_comment_periods')),
        sa.UniqueConstraint('plan_id', name=op.f('uq_comment_periods_plan_id')),
    )
    op.create_table(
        'comment_period_nodes',
        sa.Column('period_id', sa.Integer(), nullable=False),
        sa.Column('node_key', sa.String(length=200), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['period_id'], ['comment_periods.id'], name=op.f('fk_comment_period_nodes_period_id_comment_periods'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('period_id', 'node_key', name=op.f('pk_comment_period_nodes')),
    )
    op.create_table(
        'comment_themes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('period_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=100), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['period_id'], ['comment_periods.id'], name=op.f('fk_comment_themes_period_id_comment_periods'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_comment_themes')),
        sa.UniqueConstraint('period_id', 'name', name=op.f('uq_comment_themes_period_id')),
    )
    op.create_index(op.f('ix_comment_themes_period_id'), 'comment_themes', ['period_id'], unique=False)
    op.create_table(
        'comment_groups',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('period_id', sa.Integer(), nullable=False),
        sa.Column('theme_id', sa.Integer(), nullable=True),
        sa.Column('summary', sa.Text(), nullable=True),
        sa.Column('answer', sa.Text(), nullable=True),
        sa.Column('plan_changed', sa.Boolean(), nullable=True),
        sa.Column('changed_node_key', sa.String(length=200), nullable=True),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['period_id'], ['comment_periods.id'], name=op.f('fk_comment_groups_period_id_comment_periods'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['theme_id'], ['comment_themes.id'], name=op.f('fk_comment_groups_theme_id_comment_themes'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_comment_groups')),
    )
    op.create_index(op.f('ix_comment_groups_period_id'), 'comment_groups', ['period_id'], unique=False)
    op.create_index(op.f('ix_comment_groups_theme_id'), 'comment_groups', ['theme_id'], unique=False)
    op.create_table(
        'opinions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('period_id', sa.Integer(), nullable=False),
        sa.Column('receipt', sa.String(length=40), nullable=False),
        sa.Column('source', sa.String(length=10), nullable=False),
        sa.Column('node_key', sa.String(length=200), nullable=True),
        sa.Column('name', sa.Text(), nullable=True),
        sa.Column('age_group', sa.String(length=20), nullable=True),
        sa.Column('area', sa.Text(), nullable=True),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('theme_id', sa.Integer(), nullable=True),
        sa.Column('group_id', sa.Integer(), nullable=True),
        sa.Column('summary', sa.Text(), nullable=True),
        sa.Column('answer', sa.Text(), nullable=True),
        sa.Column('plan_changed', sa.Boolean(), nullable=True),
        sa.Column('changed_node_key', sa.String(length=200), nullable=True),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['group_id'], ['comment_groups.id'], name=op.f('fk_opinions_group_id_comment_groups'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['period_id'], ['comment_periods.id'], name=op.f('fk_opinions_period_id_comment_periods'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['theme_id'], ['comment_themes.id'], name=op.f('fk_opinions_theme_id_comment_themes'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_opinions')),
        sa.UniqueConstraint('receipt', name=op.f('uq_opinions_receipt')),
    )
    op.create_index(op.f('ix_opinions_group_id'), 'opinions', ['group_id'], unique=False)
    op.create_index(op.f('ix_opinions_period_id'), 'opinions', ['period_id'], unique=False)
    op.create_index(op.f('ix_opinions_theme_id'), 'opinions', ['theme_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_opinions_theme_id'), table_name='opinions')
    op.drop_index(op.f('ix_opinions_period_id'), table_name='opinions')
    op.drop_index(op.f('ix_opinions_group_id'), table_name='opinions')
    op.drop_table('opinions')
    op.drop_index(op.f('ix_comment_groups_theme_id'), table_name='comment_groups')
    op.drop_index(op.f('ix_comment_groups_period_id'), table_name='comment_groups')
    op.drop_table('comment_groups')
    op.drop_index(op.f('ix_comment_themes_period_id'), table_name='comment_themes')
    op.drop_table('comment_themes')
    op.drop_table('comment_period_nodes')
    op.drop_table('comment_periods')
