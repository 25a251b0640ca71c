"""Tables of the opinions on a draft plan (パブリックコメント): the comment period of a draft, the
nodes open to opinions, the themes staff define, groups of opinions answered together, and the
opinions themselves (citizens' and the council's). Registered on the models' metadata by
``keikaku.storage.models``; created by migration 0017.

Nodes are named by key (``nodes.key``), as links between plans are, so that a draft stored again
keeps its period and its opinions. An opinion keeps no address of its sender: the limit per
address lives in memory only (keikaku.services.comment_limits).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from keikaku.storage.models import Base, utcnow


class CommentPeriod(Base):
    """The comment period of a draft plan: from ``start_day`` to ``end_day``, both days included,
    judged in Japan's time; one per plan."""

    __tablename__ = "comment_periods"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), unique=True)
    start_day: Mapped[date] = mapped_column(Date)
    end_day: Mapped[date] = mapped_column(Date)
    notice: Mapped[str] = mapped_column(Text)  # 募集のお知らせ: what is asked, how opinions are used
    created_by: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    nodes: Mapped[list[CommentPeriodNode]] = relationship(
        cascade="all, delete-orphan", order_by="CommentPeriodNode.position", passive_deletes=True)


class CommentPeriodNode(Base):
    """A node open to opinions during the period (none listed: every node of the plan)."""

    __tablename__ = "comment_period_nodes"

    period_id: Mapped[int] = mapped_column(ForeignKey("comment_periods.id", ondelete="CASCADE"), primary_key=True)
    node_key: Mapped[str] = mapped_column(String(200), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)


class CommentTheme(Base):
    """A theme staff sort opinions under (自然環境, 共創・つながり …), in the order of the table."""

    __tablename__ = "comment_themes"
    __table_args__ = (UniqueConstraint("period_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("comment_periods.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    position: Mapped[int] = mapped_column(Integer)


class CommentGroup(Base):
    """Opinions of the same purport (同趣旨の意見) answered together: one summary and one answer."""

    __tablename__ = "comment_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("comment_periods.id", ondelete="CASCADE"), index=True)
    theme_id: Mapped[int | None] = mapped_column(ForeignKey("comment_themes.id", ondelete="SET NULL"), index=True)
    summary: Mapped[str | None] = mapped_column(Text)  # 意見の要旨
    answer: Mapped[str | None] = mapped_column(Text)  # 市の考え方
    plan_changed: Mapped[bool | None] = mapped_column(Boolean)  # 計画への反映: None until decided
    changed_node_key: Mapped[str | None] = mapped_column(String(200))  # the node changed, in the final revision
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Opinion(Base):
    """One opinion as received: ``body`` exactly as written (never shown to the public), the
    sender's optional name, age group and area (never public either), and staff's work on it."""

    __tablename__ = "opinions"

    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("comment_periods.id", ondelete="CASCADE"), index=True)
    receipt: Mapped[str] = mapped_column(String(40), unique=True)  # 受付番号 shown to the sender
    source: Mapped[str] = mapped_column(String(10))  # citizen (市民), council (議会)
    node_key: Mapped[str | None] = mapped_column(String(200))  # None: the whole plan
    name: Mapped[str | None] = mapped_column(Text)
    age_group: Mapped[str | None] = mapped_column(String(20))
    area: Mapped[str | None] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    theme_id: Mapped[int | None] = mapped_column(ForeignKey("comment_themes.id", ondelete="SET NULL"), index=True)
    group_id: Mapped[int | None] = mapped_column(ForeignKey("comment_groups.id", ondelete="SET NULL"), index=True)
    summary: Mapped[str | None] = mapped_column(Text)
    answer: Mapped[str | None] = mapped_column(Text)
    plan_changed: Mapped[bool | None] = mapped_column(Boolean)
    changed_node_key: Mapped[str | None] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
