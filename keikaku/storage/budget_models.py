"""Tables of project money (keikaku.domain.money): a project's budget per fiscal year, the city's
staff cost per person per year, and the action plan's financial frame. Registered on the models'
metadata by ``keikaku.storage.models``; created by migration 0014.

Amounts are BigInteger yen (never floating point); person-years are stored as integer hundredths
(1.25 person-years → 125), as the domain allows two decimals.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from keikaku.storage.models import Base, utcnow

FUNDING_COLUMNS = ("national", "prefectural", "bonds", "other_earmarked", "general")  # FundingSource values


class ProjectBudget(Base):
    """A project's money in one fiscal year: budgets, settlement, funding and staff time."""

    __tablename__ = "project_budgets"
    __table_args__ = (UniqueConstraint("project_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    initial_budget: Mapped[int | None] = mapped_column(BigInteger)  # 当初予算
    revised_budget: Mapped[int | None] = mapped_column(BigInteger)  # 補正後予算
    settlement: Mapped[int | None] = mapped_column(BigInteger)  # 決算額
    national: Mapped[int | None] = mapped_column(BigInteger)  # 国庫支出金
    prefectural: Mapped[int | None] = mapped_column(BigInteger)  # 都道府県支出金
    bonds: Mapped[int | None] = mapped_column(BigInteger)  # 地方債
    other_earmarked: Mapped[int | None] = mapped_column(BigInteger)  # その他特定財源
    general: Mapped[int | None] = mapped_column(BigInteger)  # 一般財源
    regular_staff_centi: Mapped[int | None] = mapped_column(Integer)  # 正規職員の人工 × 100
    fixed_term_staff_centi: Mapped[int | None] = mapped_column(Integer)  # 会計年度任用職員の人工 × 100
    updated_by: Mapped[str | None] = mapped_column(String(100))  # a user name, kept as text like the audit trail
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class StaffCostRate(Base):
    """The cost per person per year a city sets for costing staff time (職員1人当たり人件費)."""

    __tablename__ = "staff_cost_rates"
    __table_args__ = (UniqueConstraint("municipality_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipalities.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    regular: Mapped[int] = mapped_column(BigInteger)  # 正規職員
    fixed_term: Mapped[int] = mapped_column(BigInteger)  # 会計年度任用職員
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class BudgetFrame(Base):
    """財政フレーム: the amount the action plan plans for one measure in one fiscal year."""

    __tablename__ = "budget_frames"
    __table_args__ = (UniqueConstraint("node_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    node_id: Mapped[int] = mapped_column(ForeignKey("nodes.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    planned: Mapped[int] = mapped_column(BigInteger)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
