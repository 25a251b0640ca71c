"""Every query of project money: budgets per project and year, staff cost per person, the financial
frame, and what the cost report reads beside them (projects, measures, indicators and actuals)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from keikaku.storage import models as m
from keikaku.storage.budget_models import BudgetFrame, ProjectBudget, StaffCostRate


def plan_projects(session: Session, *, plan_id: int) -> Sequence[m.Project]:
    """The plan's projects in plan order."""
    return session.scalars(select(m.Project).where(m.Project.plan_id == plan_id).order_by(m.Project.position)).all()


def plan_budgets(session: Session, *, plan_id: int, year: int | None = None) -> dict[tuple[int, int], ProjectBudget]:
    """{(project id, year): budget row} of the plan's projects (one year, or all)."""
    query = (select(ProjectBudget).join(m.Project, m.Project.id == ProjectBudget.project_id)
             .where(m.Project.plan_id == plan_id).order_by(ProjectBudget.project_id, ProjectBudget.year))
    if year is not None:
        query = query.where(ProjectBudget.year == year)
    return {(b.project_id, b.year): b for b in session.scalars(query)}


def staff_rates(session: Session, *, municipality_id: int) -> dict[int, StaffCostRate]:
    """{year: rate} of a municipality."""
    query = select(StaffCostRate).where(StaffCostRate.municipality_id == municipality_id).order_by(StaffCostRate.year)
    return {r.year: r for r in session.scalars(query)}


def plan_frames(session: Session, *, plan_id: int, year: int | None = None) -> dict[tuple[int, int], BudgetFrame]:
    """{(node id, year): frame row} of a plan."""
    query = select(BudgetFrame).where(BudgetFrame.plan_id == plan_id).order_by(BudgetFrame.node_id, BudgetFrame.year)
    if year is not None:
        query = query.where(BudgetFrame.year == year)
    return {(f.node_id, f.year): f for f in session.scalars(query)}


def plan_indicators(session: Session, *, plan_id: int) -> Sequence[m.Indicator]:
    """The plan's indicators in plan order."""
    return session.scalars(select(m.Indicator).where(m.Indicator.plan_id == plan_id).order_by(m.Indicator.position)).all()


def actuals_of_year(session: Session, *, plan_id: int, year: int, published_only: bool = False) -> dict[int, m.Observation]:
    """{indicator id: its actual of ``year``} for the plan's indicators that have one (drafts
    included, unless ``published_only``: what the public may see)."""
    query = (select(m.Observation).join(m.Indicator, m.Indicator.id == m.Observation.indicator_id)
             .where(m.Indicator.plan_id == plan_id, m.Observation.year == year).order_by(m.Observation.id))
    if published_only:
        query = query.where(m.Observation.status == "published")
    return {o.indicator_id: o for o in session.scalars(query)}


def budget_years(session: Session, *, plan_id: int) -> list[int]:
    """The fiscal years in which the plan has any money recorded: a project's budget or a frame row."""
    projects = (select(ProjectBudget.year).join(m.Project, m.Project.id == ProjectBudget.project_id)
                .where(m.Project.plan_id == plan_id).distinct())
    frames = select(BudgetFrame.year).where(BudgetFrame.plan_id == plan_id).distinct()
    return sorted(set(session.scalars(projects)) | set(session.scalars(frames)))


def node_plan(session: Session, *, node_id: int) -> int | None:
    """The plan of node ``node_id`` (None: no such node)."""
    return session.scalar(select(m.Node.plan_id).where(m.Node.id == node_id))


def save(session: Session, row: ProjectBudget | StaffCostRate | BudgetFrame) -> None:
    """Write a row: a new one is inserted and given its id, a stored one updated."""
    session.add(row)
    session.flush()
