"""The queries of the opinions on a draft plan (keikaku.services.comments, comment_answers, comment_table)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from keikaku.storage import models as m
from keikaku.storage.comment_models import CommentGroup, CommentPeriod, CommentTheme, Opinion


def period_of_plan(session: Session, plan_id: int, *, lock: bool = False) -> CommentPeriod | None:
    """The comment period of a plan with its nodes, or None; ``lock`` holds its row (PostgreSQL)."""
    query = select(CommentPeriod).where(CommentPeriod.plan_id == plan_id).options(selectinload(CommentPeriod.nodes))
    return session.scalar(query.with_for_update(of=CommentPeriod) if lock else query)


def period_row(session: Session, period_id: int) -> CommentPeriod | None:
    return session.scalar(select(CommentPeriod).where(CommentPeriod.id == period_id).options(selectinload(CommentPeriod.nodes)))


def plan_row(session: Session, plan_id: int) -> m.Plan | None:
    return session.get(m.Plan, plan_id)


def plan_nodes(session: Session, plan_id: int) -> Sequence[m.Node]:
    """A plan's nodes in plan order."""
    return session.scalars(select(m.Node).where(m.Node.plan_id == plan_id).order_by(m.Node.position)).all()


def node_row(session: Session, node_id: int) -> m.Node | None:
    return session.get(m.Node, node_id)


def opinions_of(session: Session, period_id: int) -> Sequence[Opinion]:
    """Every opinion of a period in the order received."""
    return session.scalars(select(Opinion).where(Opinion.period_id == period_id)
                           .order_by(Opinion.received_at, Opinion.id)).all()


def opinion_row(session: Session, opinion_id: int) -> Opinion | None:
    return session.get(Opinion, opinion_id)


def opinion_count(session: Session, period_id: int) -> int:
    return session.scalar(select(func.count()).select_from(Opinion).where(Opinion.period_id == period_id)) or 0


def opinion_by_receipt(session: Session, receipt: str) -> Opinion | None:
    return session.scalar(select(Opinion).where(Opinion.receipt == receipt))


def published_plan_ids(session: Session, today: date) -> list[int]:
    """Plans whose comment period has ended by ``today`` (their table of opinions is public)."""
    return list(session.scalars(select(CommentPeriod.plan_id).where(CommentPeriod.end_day < today)
                                .order_by(CommentPeriod.plan_id)))


def receipt_taken(session: Session, receipt: str) -> bool:
    return session.scalar(select(Opinion.id).where(Opinion.receipt == receipt)) is not None


def themes_of(session: Session, period_id: int) -> Sequence[CommentTheme]:
    """A period's themes in the order of the table."""
    return session.scalars(select(CommentTheme).where(CommentTheme.period_id == period_id)
                           .order_by(CommentTheme.position, CommentTheme.id)).all()


def theme_row(session: Session, theme_id: int) -> CommentTheme | None:
    return session.get(CommentTheme, theme_id)


def theme_named(session: Session, period_id: int, name: str) -> CommentTheme | None:
    return session.scalar(select(CommentTheme).where(CommentTheme.period_id == period_id, CommentTheme.name == name))


def groups_of(session: Session, period_id: int) -> Sequence[CommentGroup]:
    return session.scalars(select(CommentGroup).where(CommentGroup.period_id == period_id).order_by(CommentGroup.id)).all()


def group_row(session: Session, group_id: int) -> CommentGroup | None:
    return session.get(CommentGroup, group_id)


def group_members(session: Session, group_id: int) -> Sequence[Opinion]:
    return session.scalars(select(Opinion).where(Opinion.group_id == group_id).order_by(Opinion.received_at, Opinion.id)).all()


def delete_row(session: Session, row: object) -> None:
    session.delete(row)


def plans_with_periods(session: Session) -> Sequence[CommentPeriod]:
    """Every comment period, by plan id."""
    return session.scalars(select(CommentPeriod).order_by(CommentPeriod.plan_id).options(selectinload(CommentPeriod.nodes))).all()
