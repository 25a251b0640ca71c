"""The queries behind the published evaluations: approved sheets only, filtered in SQL.

Every function here reads sheets whose status is ``approved`` and nothing else: a draft, a
submitted or a returned sheet never leaves the database through this module, so the public pages
built on it cannot show one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from keikaku.domain.enums import SheetStatus
from keikaku.storage import models as m

APPROVED = SheetStatus.APPROVED.value


@dataclass(frozen=True)
class ApprovedSheet:
    """An approved 施策評価シート: its cycle's year and scale, and the written part."""

    cycle_id: int
    year: int
    scale: str
    node_id: int
    self_grade: str | None
    reasons: str | None
    issues: str | None
    next_direction: str | None


@dataclass(frozen=True)
class NodeRow:
    """What the evaluation pages need of a node."""

    id: int
    plan_id: int
    key: str
    level: str
    number: str | None
    title: str


def approved_sheets(session: Session, *, plan_id: int, node_ids: Iterable[int] | None = None,
                    year: int | None = None) -> list[ApprovedSheet]:
    """The plan's approved sheets (of these nodes, of this fiscal year when given), by year then
    node position, in one statement."""
    sheet, cycle = m.EvaluationSheet, m.EvaluationCycle
    query = (
        select(cycle.id, cycle.year, cycle.scale, sheet.node_id, sheet.self_grade, sheet.reasons, sheet.issues,
               sheet.next_direction)
        .join(cycle, cycle.id == sheet.cycle_id).join(m.Node, m.Node.id == sheet.node_id)
        .where(cycle.plan_id == plan_id, sheet.status == APPROVED)
        .order_by(cycle.year, m.Node.position)
    )
    if node_ids is not None:
        wanted = sorted(set(node_ids))
        if not wanted:
            return []
        query = query.where(sheet.node_id.in_(wanted))
    if year is not None:
        query = query.where(cycle.year == year)
    return [ApprovedSheet(*row) for row in session.execute(query)]


def approved_counts(session: Session, *, plan_id: int) -> dict[int, int]:
    """The fiscal years of the plan that have an approved sheet, each with how many, oldest first."""
    sheet, cycle = m.EvaluationSheet, m.EvaluationCycle
    rows = session.execute(
        select(cycle.year, func.count(sheet.id)).join(cycle, cycle.id == sheet.cycle_id)
        .where(cycle.plan_id == plan_id, sheet.status == APPROVED).group_by(cycle.year).order_by(cycle.year)
    )
    return {year: count for year, count in rows}


def node_row(session: Session, node_id: int) -> NodeRow | None:
    """A node by id, or None."""
    row = session.execute(select(m.Node.id, m.Node.plan_id, m.Node.key, m.Node.level, m.Node.number, m.Node.title)
                          .where(m.Node.id == node_id)).first()
    return NodeRow(*row) if row else None


def approved_plans_of_year(session: Session, *, year: int) -> list[tuple[int, str, int]]:
    """The plans with an approved sheet of fiscal year ``year`` (those whose evaluations page of the
    year exists): (plan id, title, how many measures' sheets are approved), in plan id order, in one
    statement."""
    sheet, cycle = m.EvaluationSheet, m.EvaluationCycle
    rows = session.execute(
        select(m.Plan.id, m.Plan.title, func.count(sheet.node_id)).join(cycle, cycle.id == sheet.cycle_id)
        .join(m.Plan, m.Plan.id == cycle.plan_id)
        .where(cycle.year == year, sheet.status == APPROVED).group_by(m.Plan.id, m.Plan.title).order_by(m.Plan.id)
    )
    return [(plan_id, title, count) for plan_id, title, count in rows]
