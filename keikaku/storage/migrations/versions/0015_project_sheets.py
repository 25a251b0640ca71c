"""project evaluation sheets (事務事業評価): a sheet per project and cycle with the indicators
chosen on it, and the cycle's scale of the four viewpoints

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('evaluation_cycles') as batch:
        batch.add_column(sa.Column('viewpoint_grades', sa.String(length=100), server_default='A,B,C', nullable=False))
    op.create_table(
        'project_sheets',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('cycle_id', sa.Integer(), nullable=False),
        sa.Column('project_id', sa.Integer(), nullable=False),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('subject', sa.Text(), nullable=True),
        sa.Column('intent', sa.Text(), nullable=True),
        sa.Column('means', sa.Text(), nullable=True),
        sa.Column('necessity', sa.String(length=20), nullable=True),
        sa.Column('effectiveness', sa.String(length=20), nullable=True),
        sa.Column('efficiency', sa.String(length=20), nullable=True),
        sa.Column('fairness', sa.String(length=20), nullable=True),
        sa.Column('direction', sa.String(length=10), nullable=True),
        sa.Column('summary', sa.Text(), nullable=True),
        sa.Column('review_comment', sa.Text(), nullable=True),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('updated_by_id', sa.Integer(), nullable=True),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('approved_by_id', sa.Integer(), nullable=True),
        sa.Column('approved_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['approved_by_id'], ['users.id'], name=op.f('fk_project_sheets_approved_by_id_users')),
        sa.ForeignKeyConstraint(['cycle_id'], ['evaluation_cycles.id'], name=op.f('fk_project_sheets_cycle_id_evaluation_cycles'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_project_sheets_project_id_projects'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_project_sheets_updated_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_project_sheets')),
        sa.UniqueConstraint('cycle_id', 'project_id', name=op.f('uq_project_sheets_cycle_id')),
    )
    op.create_index(op.f('ix_project_sheets_cycle_id'), 'project_sheets', ['cycle_id'], unique=False)
    op.create_index(op.f('ix_project_sheets_project_id'), 'project_sheets', ['project_id'], unique=False)
    op.create_table(
        'project_sheet_indicators',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('sheet_id', sa.Integer(), nullable=False),
        sa.Column('indicator_id', sa.Integer(), nullable=False),
        sa.Column('role', sa.String(length=10), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('planned', sa.Float(precision=53), nullable=True),
        sa.ForeignKeyConstraint(['indicator_id'], ['indicators.id'], name=op.f('fk_project_sheet_indicators_indicator_id_indicators'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['sheet_id'], ['project_sheets.id'], name=op.f('fk_project_sheet_indicators_sheet_id_project_sheets'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_project_sheet_indicators')),
        sa.UniqueConstraint('sheet_id', 'indicator_id', name=op.f('uq_project_sheet_indicators_sheet_id')),
    )
    op.create_index(op.f('ix_project_sheet_indicators_indicator_id'), 'project_sheet_indicators', ['indicator_id'], unique=False)
    op.create_index(op.f('ix_project_sheet_indicators_sheet_id'), 'project_sheet_indicators', ['sheet_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_project_sheet_indicators_sheet_id'), table_name='project_sheet_indicators')
    op.drop_index(op.f('ix_project_sheet_indicators_indicator_id'), table_name='project_sheet_indicators')
    op.drop_table('project_sheet_indicators')
    op.drop_index(op.f('ix_project_sheets_project_id'), table_name='project_sheets')
    op.drop_index(op.f('ix_project_sheets_cycle_id'), table_name='project_sheets')
    op.drop_table('project_sheets')
    with op.batch_alter_table('evaluation_cycles') as batch:
        batch.drop_column('viewpoint_grades')
