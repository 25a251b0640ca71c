"""plan model

Revision ID: 0001
Revises: 
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('municipalities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=6), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('prefecture', sa.String(length=20), nullable=True),
    sa.Column('name_en', sa.String(length=100), nullable=True),
    sa.Column('fictional', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_municipalities')),
    sa.UniqueConstraint('code', name=op.f('uq_municipalities_code'))
    )
    op.create_table('sdg_goals',
    sa.Column('number', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('name_ja', sa.String(length=100), nullable=False),
    sa.Column('name_en', sa.String(length=100), nullable=False),
    sa.Column('colour', sa.String(length=7), nullable=False),
    sa.PrimaryKeyConstraint('number', name=op.f('pk_sdg_goals'))
    )
    op.create_table('departments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipalities.id'], name=op.f('fk_departments_municipality_id_municipalities'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_departments')),
    sa.UniqueConstraint('municipality_id', 'name', name=op.f('uq_departments_municipality_id'))
    )
    op.create_table('plans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=300), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('generation', sa.Integer(), nullable=True),
    sa.Column('half', sa.String(length=10), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('period_start', sa.Integer(), nullable=True),
    sa.Column('period_end', sa.Integer(), nullable=True),
    sa.Column('parent_plan_key', sa.String(length=300), nullable=True),
    sa.Column('parent_node_key', sa.String(length=200), nullable=True),
    sa.Column('revision_of_key', sa.String(length=300), nullable=True),
    sa.Column('vision', sa.Text(), nullable=True),
    sa.Column('source_file', sa.Text(), nullable=True),
    sa.Column('source_sha256', sa.String(length=64), nullable=True),
    sa.Column('content_sha256', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipalities.id'], name=op.f('fk_plans_municipality_id_municipalities')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plans')),
    sa.UniqueConstraint('key', name=op.f('uq_plans_key'))
    )
    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plans_municipality_id'), ['municipality_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_plans_parent_plan_key'), ['parent_plan_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_plans_revision_of_key'), ['revision_of_key'], unique=False)

    op.create_table('nodes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('level', sa.String(length=50), nullable=False),
    sa.Column('number', sa.String(length=50), nullable=True),
    sa.Column('sort_key', sa.String(length=100), nullable=False),
    sa.Column('name', sa.Text(), nullable=True),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('subtitle', sa.Text(), nullable=True),
    sa.Column('fields', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['nodes.id'], name=op.f('fk_nodes_parent_id_nodes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_nodes_plan_id_plans'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_nodes')),
    sa.UniqueConstraint('plan_id', 'key', name=op.f('uq_nodes_plan_id'))
    )
    with op.batch_alter_table('nodes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_nodes_parent_id'), ['parent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_nodes_plan_id'), ['plan_id'], unique=False)

    op.create_table('plan_phases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=True),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_plan_phases_plan_id_plans'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_phases'))
    )
    with op.batch_alter_table('plan_phases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_phases_plan_id'), ['plan_id'], unique=False)

    op.create_table('plan_sections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('heading', sa.Text(), nullable=False),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('items', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_plan_sections_plan_id_plans'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_sections'))
    )
    with op.batch_alter_table('plan_sections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_sections_plan_id'), ['plan_id'], unique=False)

    op.create_table('actions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('node_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=50), nullable=True),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('items', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['node_id'], ['nodes.id'], name=op.f('fk_actions_node_id_nodes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_actions_plan_id_plans'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_actions'))
    )
    with op.batch_alter_table('actions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_actions_node_id'), ['node_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_actions_plan_id'), ['plan_id'], unique=False)

    op.create_table('indicators',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('node_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=True),
    sa.Column('unit', sa.String(length=50), nullable=True),
    sa.Column('direction', sa.String(length=20), nullable=True),
    sa.Column('baseline_value', sa.Float(precision=53), nullable=True),
    sa.Column('baseline_year', sa.Integer(), nullable=True),
    sa.Column('baseline_text', sa.Text(), nullable=True),
    sa.Column('target_value', sa.Float(precision=53), nullable=True),
    sa.Column('target_year', sa.Integer(), nullable=True),
    sa.Column('target_text', sa.Text(), nullable=True),
    sa.Column('definition', sa.Text(), nullable=True),
    sa.Column('notes', sa.JSON(), nullable=False),
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('department_id', sa.Integer(), nullable=True),
    sa.Column('has_baseline', sa.Boolean(), nullable=False),
    sa.Column('has_target', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_indicators_department_id_departments')),
    sa.ForeignKeyConstraint(['node_id'], ['nodes.id'], name=op.f('fk_indicators_node_id_nodes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_indicators_plan_id_plans'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicators'))
    )
    with op.batch_alter_table('indicators', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicators_department_id'), ['department_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_indicators_node_id'), ['node_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_indicators_plan_id'), ['plan_id'], unique=False)

    op.create_table('individual_plans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('node_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('adopted_year', sa.Integer(), nullable=True),
    sa.Column('period_start', sa.Integer(), nullable=True),
    sa.Column('period_end', sa.Integer(), nullable=True),
    sa.Column('department_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_individual_plans_department_id_departments')),
    sa.ForeignKeyConstraint(['node_id'], ['nodes.id'], name=op.f('fk_individual_plans_node_id_nodes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_individual_plans_plan_id_plans'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_individual_plans'))
    )
    with op.batch_alter_table('individual_plans', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_individual_plans_department_id'), ['department_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_individual_plans_node_id'), ['node_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_individual_plans_plan_id'), ['plan_id'], unique=False)

    op.create_table('node_departments',
    sa.Column('node_id', sa.Integer(), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_node_departments_department_id_departments')),
    sa.ForeignKeyConstraint(['node_id'], ['nodes.id'], name=op.f('fk_node_departments_node_id_nodes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('node_id', 'department_id', name=op.f('pk_node_departments'))
    )
    with op.batch_alter_table('node_departments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_node_departments_department_id'), ['department_id'], unique=False)

    op.create_table('node_links',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('source_node_id', sa.Integer(), nullable=False),
    sa.Column('type', sa.String(length=30), nullable=False),
    sa.Column('target_plan_key', sa.String(length=300), nullable=True),
    sa.Column('target_node_key', sa.String(length=200), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_node_links_plan_id_plans'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_node_id'], ['nodes.id'], name=op.f('fk_node_links_source_node_id_nodes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_node_links'))
    )
    with op.batch_alter_table('node_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_node_links_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_node_links_source_node_id'), ['source_node_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_node_links_target_plan_key'), ['target_plan_key'], unique=False)

    op.create_table('node_sdgs',
    sa.Column('node_id', sa.Integer(), nullable=False),
    sa.Column('goal', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['goal'], ['sdg_goals.number'], name=op.f('fk_node_sdgs_goal_sdg_goals')),
    sa.ForeignKeyConstraint(['node_id'], ['nodes.id'], name=op.f('fk_node_sdgs_node_id_nodes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('node_id', 'goal', name=op.f('pk_node_sdgs'))
    )
    with op.batch_alter_table('node_sdgs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_node_sdgs_goal'), ['goal'], unique=False)

    op.create_table('node_sections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('node_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('heading', sa.Text(), nullable=False),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('items', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['node_id'], ['nodes.id'], name=op.f('fk_node_sections_node_id_nodes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_node_sections'))
    )
    with op.batch_alter_table('node_sections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_node_sections_node_id'), ['node_id'], unique=False)

    op.create_table('projects',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('node_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_projects_department_id_departments')),
    sa.ForeignKeyConstraint(['node_id'], ['nodes.id'], name=op.f('fk_projects_node_id_nodes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_projects_plan_id_plans'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_projects'))
    )
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_projects_department_id'), ['department_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_projects_node_id'), ['node_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_projects_plan_id'), ['plan_id'], unique=False)

    op.create_table('actor_roles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('node_id', sa.Integer(), nullable=True),
    sa.Column('action_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('actor', sa.Text(), nullable=False),
    sa.Column('role', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['action_id'], ['actions.id'], name=op.f('fk_actor_roles_action_id_actions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['node_id'], ['nodes.id'], name=op.f('fk_actor_roles_node_id_nodes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['plan_id'], ['plans.id'], name=op.f('fk_actor_roles_plan_id_plans'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_actor_roles'))
    )
    with op.batch_alter_table('actor_roles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_actor_roles_action_id'), ['action_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_actor_roles_node_id'), ['node_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_actor_roles_plan_id'), ['plan_id'], unique=False)

    op.create_table('interim_targets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('value', sa.Float(precision=53), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicators.id'], name=op.f('fk_interim_targets_indicator_id_indicators'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_interim_targets'))
    )
    with op.batch_alter_table('interim_targets', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_interim_targets_indicator_id'), ['indicator_id'], unique=False)

    op.create_table('observations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('value', sa.Float(precision=53), nullable=True),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('reported_rate', sa.Float(precision=53), nullable=True),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicators.id'], name=op.f('fk_observations_indicator_id_indicators'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_observations')),
    sa.UniqueConstraint('indicator_id', 'year', name=op.f('uq_observations_indicator_id'))
    )
    op.create_table('project_stages',
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('stage', sa.String(length=50), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_project_stages_project_id_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('project_id', 'year', name=op.f('pk_project_stages'))
    )



def downgrade() -> None:

    op.drop_table('project_stages')
    op.drop_table('observations')
    with op.batch_alter_table('interim_targets', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_interim_targets_indicator_id'))

    op.drop_table('interim_targets')
    with op.batch_alter_table('actor_roles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_actor_roles_plan_id'))
        batch_op.drop_index(batch_op.f('ix_actor_roles_node_id'))
        batch_op.drop_index(batch_op.f('ix_actor_roles_action_id'))

    op.drop_table('actor_roles')
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_projects_plan_id'))
        batch_op.drop_index(batch_op.f('ix_projects_node_id'))
        batch_op.drop_index(batch_op.f('ix_projects_department_id'))

    op.drop_table('projects')
    with op.batch_alter_table('node_sections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_node_sections_node_id'))

    op.drop_table('node_sections')
    with op.batch_alter_table('node_sdgs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_node_sdgs_goal'))

    op.drop_table('node_sdgs')
    with op.batch_alter_table('node_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_node_links_target_plan_key'))
        batch_op.drop_index(batch_op.f('ix_node_links_source_node_id'))
        batch_op.drop_index(batch_op.f('ix_node_links_plan_id'))

    op.drop_table('node_links')
    with op.batch_alter_table('node_departments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_node_departments_department_id'))

    op.drop_table('node_departments')
    with op.batch_alter_table('individual_plans', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_individual_plans_plan_id'))
        batch_op.drop_index(batch_op.f('ix_individual_plans_node_id'))
        batch_op.drop_index(batch_op.f('ix_individual_plans_department_id'))

    op.drop_table('individual_plans')
    with op.batch_alter_table('indicators', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicators_plan_id'))
        batch_op.drop_index(batch_op.f('ix_indicators_node_id'))
        batch_op.drop_index(batch_op.f('ix_indicators_department_id'))

    op.drop_table('indicators')
    with op.batch_alter_table('actions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_actions_plan_id'))
        batch_op.drop_index(batch_op.f('ix_actions_node_id'))

    op.drop_table('actions')
    with op.batch_alter_table('plan_sections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_sections_plan_id'))

    op.drop_table('plan_sections')
    with op.batch_alter_table('plan_phases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_phases_plan_id'))

    op.drop_table('plan_phases')
    with op.batch_alter_table('nodes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_nodes_plan_id'))
        batch_op.drop_index(batch_op.f('ix_nodes_parent_id'))

    op.drop_table('nodes')
    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plans_revision_of_key'))
        batch_op.drop_index(batch_op.f('ix_plans_parent_plan_key'))
        batch_op.drop_index(batch_op.f('ix_plans_municipality_id'))

    op.drop_table('plans')
    op.drop_table('departments')
    op.drop_table('sdg_goals')
    op.drop_table('municipalities')

