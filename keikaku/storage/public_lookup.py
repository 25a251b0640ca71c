"""Lookups of the public downloads: which plan a node or an indicator belongs to, and the plans
of the data catalogue with their municipality and time of last change."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from keikaku.storage import models as m


def node_plan(session: Session, *, node_id: int) -> tuple[int, str] | None:
    """The plan id and node key of node ``node_id``, or None."""
    row = session.execute(select(m.Node.plan_id, m.Node.key).where(m.Node.id == node_id)).first()
    return (row[0], row[1]) if row else None


def indicator_plan(session: Session, *, indicator_id: int) -> int | None:
    """The plan id of indicator ``indicator_id``, or None."""
    return session.scalar(select(m.Indicator.plan_id).where(m.Indicator.id == indicator_id))


@dataclass(frozen=True)
class CatalogPlan:
    """A plan as the data catalogue lists it."""

    id: int
    key: str
    title: str
    kind: str
    status: str
    period: tuple[int, int] | None
    municipality_code: str
    municipality: str
    fictional: bool
    modified: datetime


def catalog_plans(session: Session) -> list[CatalogPlan]:
    """Every plan, by municipality code, period and id (the order of the home page)."""
    rows = session.execute(
        select(m.Plan.id, m.Plan.key, m.Plan.title, m.Plan.kind, m.Plan.status, m.Plan.period_start, m.Plan.period_end,
               m.Municipality.code, m.Municipality.name, m.Municipality.fictional, m.Plan.updated_at)
        .join(m.Municipality).order_by(m.Municipality.code, m.Plan.period_start, m.Plan.id)
    ).all()
    return [CatalogPlan(id=r[0], key=r[1], title=r[2], kind=r[3], status=r[4],
                        period=(r[5], r[6]) if r[5] is not None and r[6] is not None else None,
                        municipality_code=r[7], municipality=r[8], fictional=bool(r[9]), modified=r[10])
            for r in rows]
