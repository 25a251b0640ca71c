"""The queries behind back-filling past years' actuals (keikaku.services.backfill): what a plan
already holds for those years, its cycles, and the indicators the staff page offers."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from keikaku.storage import models as m


@dataclass(frozen=True)
class StoredActual:
    """An actual as stored for one indicator and fiscal year."""

    id: int
    indicator_id: int
    year: int
    value: float | None
    text: str | None
    note: str | None
    status: str


@dataclass(frozen=True)
class IndicatorChoice:
    """An indicator as the back-fill form lists it: where it sits, its unit and baseline year."""

    id: int
    name: str
    unit: str | None
    baseline_year: int | None
    node_level: str | None
    node_number: str | None
    node_title: str | None

    @property
    def label(self) -> str:
        where = " ".join(filter(None, [self.node_level, self.node_number, self.node_title]))
        return f"{where} — {self.name}" if where else self.name


def stored_actuals(session: Session, plan_id: int) -> dict[tuple[int, int], StoredActual]:
    """Every actual of the plan's indicators (draft or published), by (indicator id, year)."""
    o = m.Observation
    rows = session.execute(select(o.id, o.indicator_id, o.year, o.value, o.text, o.note, o.status)
                           .join(m.Indicator, m.Indicator.id == o.indicator_id).where(m.Indicator.plan_id == plan_id))
    return {(r.indicator_id, r.year): StoredActual(*r) for r in rows}


def cycle_years(session: Session, plan_id: int) -> dict[int, str]:
    """The fiscal years of the plan's evaluation cycles and their status (open, closed)."""
    c = m.EvaluationCycle
    return dict(session.execute(select(c.year, c.status).where(c.plan_id == plan_id)).tuples().all())


def indicator_choices(session: Session, plan_id: int) -> list[IndicatorChoice]:
    """The plan's indicators in plan order, each with its node's level, number and title."""
    i, n = m.Indicator, m.Node
    rows = session.execute(select(i.id, i.name, i.unit, i.baseline_year, n.level, n.number, n.title)
                           .outerjoin(n, n.id == i.node_id).where(i.plan_id == plan_id).order_by(i.position))
    return [IndicatorChoice(*r) for r in rows]
