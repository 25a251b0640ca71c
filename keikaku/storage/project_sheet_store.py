"""The queries of the project evaluation sheets (事務事業評価シート, keikaku.services.project_sheets).

``approved_project_sheets`` is the only query the public pages use, and it selects approved
sheets in SQL: a draft, submitted or returned sheet never leaves the database through it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from keikaku.domain.enums import SheetStatus
from keikaku.storage import models as m
from keikaku.storage.project_sheet_models import ProjectSheet

APPROVED = SheetStatus.APPROVED.value


def project_sheet_row(session: Session, cycle_id: int, project_id: int, *, lock: bool = False) -> ProjectSheet | None:
    """The stored sheet of a project in a cycle, or None; ``lock`` holds its row until the
    transaction ends (PostgreSQL), so that two writers cannot both pass the version check."""
    query = (select(ProjectSheet).where(ProjectSheet.cycle_id == cycle_id, ProjectSheet.project_id == project_id)
             .options(selectinload(ProjectSheet.indicators)))
    return session.scalar(query.with_for_update(of=ProjectSheet) if lock else query)


def project_sheets_of(session: Session, cycle_id: int, project_ids: Iterable[int]) -> dict[int, ProjectSheet]:
    """The stored sheets of these projects in a cycle, by project id."""
    wanted = sorted(set(project_ids))
    if not wanted:
        return {}
    query = select(ProjectSheet).where(ProjectSheet.cycle_id == cycle_id, ProjectSheet.project_id.in_(wanted))
    return {row.project_id: row for row in session.scalars(query)}


def node_indicators(session: Session, node_id: int) -> Sequence[m.Indicator]:
    """A measure's indicators in plan order, with their interim targets."""
    return session.scalars(select(m.Indicator).where(m.Indicator.node_id == node_id).order_by(m.Indicator.position)
                           .options(selectinload(m.Indicator.interim_targets))).all()


def actuals_of(session: Session, indicator_ids: Iterable[int], year: int, *,
               published_only: bool = False) -> dict[int, m.Observation]:
    """{indicator id: its actual of ``year``} for these indicators (drafts included, unless
    ``published_only``: what the public may see)."""
    wanted = sorted(set(indicator_ids))
    if not wanted:
        return {}
    query = select(m.Observation).where(m.Observation.indicator_id.in_(wanted), m.Observation.year == year)
    if published_only:
        query = query.where(m.Observation.status == "published")
    return {o.indicator_id: o for o in session.scalars(query)}


def node_projects(session: Session, node_id: int) -> Sequence[m.Project]:
    """A measure's projects in plan order."""
    return session.scalars(select(m.Project).where(m.Project.node_id == node_id).order_by(m.Project.position)).all()


@dataclass(frozen=True)
class ApprovedProjectSheet:
    """An approved project sheet with its cycle's year and viewpoint scale."""

    cycle_id: int
    year: int
    viewpoint_grades: str
    sheet: ProjectSheet


def approved_project_sheets(session: Session, *, project_ids: Iterable[int], year: int | None = None) -> list[ApprovedProjectSheet]:
    """The approved sheets of these projects (of fiscal ``year`` when given), by year then
    project position, in one statement (and one for their indicators)."""
    wanted = sorted(set(project_ids))
    if not wanted:
        return []
    cycle = m.EvaluationCycle
    query = (select(cycle.id, cycle.year, cycle.viewpoint_grades, ProjectSheet)
             .join(cycle, cycle.id == ProjectSheet.cycle_id).join(m.Project, m.Project.id == ProjectSheet.project_id)
             .where(ProjectSheet.project_id.in_(wanted), ProjectSheet.status == APPROVED)
             .order_by(cycle.year, m.Project.position).options(selectinload(ProjectSheet.indicators)))
    if year is not None:
        query = query.where(cycle.year == year)
    return [ApprovedProjectSheet(*row) for row in session.execute(query).tuples()]


def projects_named(session: Session, *, plan_id: int, ref: str) -> list[int]:
    """The ids of the plan's projects whose id is ``ref`` (digits), else whose name is ``ref``."""
    if ref.isascii() and ref.isdigit() and len(ref) <= 18:
        found = session.scalar(select(m.Project.id).where(m.Project.plan_id == plan_id, m.Project.id == int(ref)))
        if found is not None:
            return [found]
    return list(session.scalars(select(m.Project.id).where(m.Project.plan_id == plan_id, m.Project.name == ref)
                                .order_by(m.Project.position)))


def plan_projects_in_order(session: Session, plan_id: int) -> Sequence[tuple[m.Project, m.Node]]:
    """The plan's projects with their measures, in the order of the plan's nodes, then of the projects."""
    query = (select(m.Project, m.Node).join(m.Node, m.Node.id == m.Project.node_id).where(m.Project.plan_id == plan_id)
             .order_by(m.Node.position, m.Node.id, m.Project.position, m.Project.id))
    return [tuple(row) for row in session.execute(query).tuples()]


@dataclass(frozen=True)
class SubmittedProjectSheet:
    """A project sheet waiting for review, with its cycle's plan and year."""

    cycle_id: int
    year: int
    plan_title: str
    project_id: int
    project: str
    department_id: int | None
    node_id: int
    submitted_at: datetime | None


def submitted_project_sheets(session: Session, *, limit: int = 200) -> list[SubmittedProjectSheet]:
    """The project sheets of every cycle that are submitted and not yet reviewed, the earliest
    handed in first (at most ``limit``)."""
    cycle = m.EvaluationCycle
    query = (select(cycle.id, cycle.year, m.Plan.title, m.Project.id, m.Project.name, m.Project.department_id,
                    m.Project.node_id, ProjectSheet.submitted_at)
             .join(cycle, cycle.id == ProjectSheet.cycle_id).join(m.Plan, m.Plan.id == cycle.plan_id)
             .join(m.Project, m.Project.id == ProjectSheet.project_id)
             .where(ProjectSheet.status == SheetStatus.SUBMITTED.value)
             .order_by(ProjectSheet.submitted_at, ProjectSheet.id).limit(limit))
    return [SubmittedProjectSheet(*row) for row in session.execute(query).tuples()]
