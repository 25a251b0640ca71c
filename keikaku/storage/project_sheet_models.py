"""Tables of the project evaluation (事務事業評価): one sheet per project and cycle, and the
indicators chosen on it. Registered on the models' metadata by ``keikaku.storage.models``;
created by migration 0015 (which also adds ``evaluation_cycles.viewpoint_grades``, the cycle's
scale of the four viewpoints).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from keikaku.storage.models import Base, Real, utcnow


class ProjectSheet(Base):
    """事務事業評価シート of one project in one cycle. Like the measure's sheet, every UPDATE is a
    compare-and-set on ``version`` (keikaku.services.sheet_flow)."""

    __tablename__ = "project_sheets"
    __table_args__ = (UniqueConstraint("cycle_id", "project_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("evaluation_cycles.id", ondelete="CASCADE"), index=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(10), default="draft")
    subject: Mapped[str | None] = mapped_column(Text)  # 対象: whom or what the project serves
    intent: Mapped[str | None] = mapped_column(Text)  # 意図: what it should change for them
    means: Mapped[str | None] = mapped_column(Text)  # 手段: what the city does
    necessity: Mapped[str | None] = mapped_column(String(20))  # 必要性
    effectiveness: Mapped[str | None] = mapped_column(String(20))  # 有効性
    efficiency: Mapped[str | None] = mapped_column(String(20))  # 効率性
    fairness: Mapped[str | None] = mapped_column(String(20))  # 公平性
    direction: Mapped[str | None] = mapped_column(String(10))  # 拡充 … 終了
    summary: Mapped[str | None] = mapped_column(Text)  # the evaluation in words, and what changes next year
    review_comment: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    indicators: Mapped[list[ProjectSheetIndicator]] = relationship(
        cascade="all, delete-orphan", order_by="ProjectSheetIndicator.position", passive_deletes=True
    )

    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}


class ProjectSheetIndicator(Base):
    """An indicator of the project's measure chosen on its sheet, as an activity or an outcome
    indicator, with the value planned for the cycle year (None: the indicator's own target of
    that year, if it has one)."""

    __tablename__ = "project_sheet_indicators"
    __table_args__ = (UniqueConstraint("sheet_id", "indicator_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sheet_id: Mapped[int] = mapped_column(ForeignKey("project_sheets.id", ondelete="CASCADE"), index=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(10))  # activity, outcome
    position: Mapped[int] = mapped_column(Integer)
    planned: Mapped[float | None] = mapped_column(Real)
