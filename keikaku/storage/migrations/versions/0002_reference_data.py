"""reference data: the 17 SDGs and the municipalities known from the start

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from keikaku.domain.municipality import KNOWN_MUNICIPALITIES
from keikaku.domain.sdg import SDG_GOALS

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

sdg_goals = sa.table(
    "sdg_goals",
    sa.column("number", sa.Integer),
    sa.column("name_ja", sa.String),
    sa.column("name_en", sa.String),
    sa.column("colour", sa.String),
)
municipalities = sa.table(
    "municipalities",
    sa.column("code", sa.String),
    sa.column("name", sa.String),
    sa.column("prefecture", sa.String),
    sa.column("name_en", sa.String),
    sa.column("fictional", sa.Boolean),
)


def upgrade() -> None:
    op.bulk_insert(
        sdg_goals,
        [{"number": g.number, "name_ja": g.name_ja, "name_en": g.name_en, "colour": g.colour} for g in SDG_GOALS],
    )
    op.bulk_insert(
        municipalities,
        [
            {"code": m.code, "name": m.name, "prefecture": m.prefecture, "name_en": m.name_en, "fictional": False}
            for m in KNOWN_MUNICIPALITIES
        ],
    )


def downgrade() -> None:
    codes = [m.code for m in KNOWN_MUNICIPALITIES]
    op.execute(municipalities.delete().where(municipalities.c.code.in_(codes)))
    op.execute(sdg_goals.delete())
