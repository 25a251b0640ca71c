"""project money: a project's budget, settlement, funding and staff time per fiscal year, the
city's staff cost per person per year, and the action plan's financial frame per measure and year

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None

FUNDING = ('national', 'prefectural', 'bonds', 'other_earmarked', 'general')


def upgrade() -> None:
    op.create_table(
        'project_budgets',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('project_id', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('initial_budget', sa.BigInteger(), nullable=True),
        sa.Column('revised_budget', sa.BigInteger(), nullable=True),
        sa.Column('settlement', sa.BigInteger(), nullable=True),
        *[sa.Column(name, sa.BigInteger(), nullable=True) for name in FUNDING],
        sa.Column('regular_staff_centi', sa.Integer(), nullable=True),
        sa.Column('fixed_term_staff_centi', sa.Integer(), nullable=True),
        sa.Column('updated_by', sa.String(length=100), nullable=True),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_project_budgets_project_id_projects'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_project_budgets')),
        sa.UniqueConstraint('project_id', 'year', name=op.f('uq_project_budgets_project_id')),
    )
    op.create_index(op.f('ix_project_budgets_project_id'), 'project_budgets', ['project_id'], unique=False)
    op.create_table(
        'staff_cost_rates',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('municipality_id', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('regular', sa.BigInteger(), nullable=False),
        sa.Column('fixed_term', sa.BigInteger(), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['municipality_id'], ['municipalities.id'],
                                name=op.f('fk_staff_cost_rates_municipality_id_municipalities'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_cost_rates')),
        sa.UniqueConstraint('municipality_id', 'year', name=op.f('uq_staff_cost_rates_municipality_id')),
    )
    op.create_index(op.f('ix_staff_cost_rates_municipality_id'), 'staff_cost_rates', ['municipality_id'], unique=False)
    op.create_table(
        'budget_frames',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('plan_id', sa.Integer(), nullable=False),
        sa.Column('node_id', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('planned', sa.BigInteger(), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['node_id'], ['nodes.id'], name=op.f('fk_budget_frames_node_id_nodes'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_budget_frames_plan_id_plans'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_budget_frames')),
        sa.UniqueConstraint('node_id', 'year', name=op.f('uq_budget_frames_node_id')),
    )
    op.create_index(op.f('ix_budget_frames_plan_id'), 'budget_frames', ['plan_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_budget_frames_plan_id'), table_name='budget_frames')
    op.drop_table('budget_frames')
    op.drop_index(op.f('ix_staff_cost_rates_municipality_id'), table_name='staff_cost_rates')
    op.drop_table('staff_cost_rates')
    op.drop_index(op.f('ix_project_budgets_project_id'), table_name='project_budgets')
    op.drop_table('project_budgets')
