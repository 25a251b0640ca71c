"""SQLAlchemy 2 models of the plan database. Alembic migrations are generated from these."""

from __future__ import annotations

from datetime import date, datetime, timezone

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy import text as sql_text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
Real = Float(precision=53)
Origin = String(200)  # where an item was read from in its document (planfile ``origin``)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Municipality(Base):
    __tablename__ = "municipalities"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(6), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    prefecture: Mapped[str | None] = mapped_column(String(20))
    name_en: Mapped[str | None] = mapped_column(String(100))
    fictional: Mapped[bool] = mapped_column(Boolean, default=False)

    plans: Mapped[list[Plan]] = relationship(back_populates="municipality")


class Department(Base):
    """所管課: a department of one municipality, named as the documents name it."""

    __tablename__ = "departments"
    __table_args__ = (UniqueConstraint("municipality_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipalities.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))


class SdgGoal(Base):
    __tablename__ = "sdg_goals"

    number: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    name_ja: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100))
    colour: Mapped[str] = mapped_column(String(7))


class Plan(Base):
    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(300), unique=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipalities.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    title: Mapped[str] = mapped_column(Text)
    generation: Mapped[int | None]
    half: Mapped[str | None] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(10))
    # The word a draft was printed with (骨子案, 素案 …); null for adopted plans.
    status_label: Mapped[str | None] = mapped_column(String(20))
    period_start: Mapped[int | None]
    period_end: Mapped[int | None]
    # The plan it sits under, by key, so plans load in any order.
    parent_plan_key: Mapped[str | None] = mapped_column(String(300), index=True)
    parent_node_key: Mapped[str | None] = mapped_column(String(200))
    # The earlier version of the same plan (a draft, or a previous import of the document).
    revision_of_key: Mapped[str | None] = mapped_column(String(300), index=True)
    vision: Mapped[str | None] = mapped_column(Text)
    source_file: Mapped[str | None] = mapped_column(Text)
    source_sha256: Mapped[str | None] = mapped_column(String(64))
    content_sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    municipality: Mapped[Municipality] = relationship(back_populates="plans")
    phases: Mapped[list[PlanPhase]] = relationship(
        cascade="all, delete-orphan", order_by="PlanPhase.position", passive_deletes=True
    )
    nodes: Mapped[list[Node]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="Node.position", passive_deletes=True
    )


class PlanPhase(Base):
    __tablename__ = "plan_phases"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    label: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str | None] = mapped_column(String(30))
    start: Mapped[int]
    end: Mapped[int]


class Node(Base):
    """One node of a plan tree, at any depth; ``level`` is the document's own word."""

    __tablename__ = "nodes"
    __table_args__ = (UniqueConstraint("plan_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(200))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("nodes.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    level: Mapped[str] = mapped_column(String(50))
    number: Mapped[str | None] = mapped_column(String(50))
    sort_key: Mapped[str] = mapped_column(String(100))
    name: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text)
    subtitle: Mapped[str | None] = mapped_column(Text)
    fields: Mapped[list[str]] = mapped_column(JSON, default=list)
    origin: Mapped[str | None] = mapped_column(Origin)

    plan: Mapped[Plan] = relationship(back_populates="nodes")
    sections: Mapped[list[NodeSection]] = relationship(
        cascade="all, delete-orphan", order_by="NodeSection.position", passive_deletes=True
    )
    department_links: Mapped[list[NodeDepartment]] = relationship(
        cascade="all, delete-orphan", order_by="NodeDepartment.position", passive_deletes=True
    )
    sdg_links: Mapped[list[NodeSdg]] = relationship(
        cascade="all, delete-orphan", order_by="NodeSdg.position", passive_deletes=True
    )


class PlanSection(Base):
    __tablename__ = "plan_sections"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    heading: Mapped[str] = mapped_column(Text)
    text: Mapped[str | None] = mapped_column(Text)
    items: Mapped[list[str]] = mapped_column(JSON, default=list)


class NodeSection(Base):
    __tablename__ = "node_sections"

    id: Mapped[int] = mapped_column(primary_key=True)
    node_id: Mapped[int] = mapped_column(ForeignKey("nodes.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    heading: Mapped[str] = mapped_column(Text)
    text: Mapped[str | None] = mapped_column(Text)
    items: Mapped[list[str]] = mapped_column(JSON, default=list)


class NodeDepartment(Base):
    __tablename__ = "node_departments"

    node_id: Mapped[int] = mapped_column(ForeignKey("nodes.id", ondelete="CASCADE"), primary_key=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"), primary_key=True, index=True)
    position: Mapped[int]

    department: Mapped[Department] = relationship()


class NodeSdg(Base):
    __tablename__ = "node_sdgs"

    node_id: Mapped[int] = mapped_column(ForeignKey("nodes.id", ondelete="CASCADE"), primary_key=True)
    goal: Mapped[int] = mapped_column(ForeignKey("sdg_goals.number"), primary_key=True, index=True)
    position: Mapped[int]


class SuggestionDecision(Base):
    """Staff's answer to a suggestion keikaku made about a node: a successor in the next generation
    (``kind`` successor, ``suggested`` the other node as ``plan_key#node_key``) or an SDG goal or
    target (``kind`` sdg, ``suggested`` ``13`` or ``13.2``). An accepted one is also stored as what
    it suggests (a node link, an SDG link); the decision keeps a rejected one from coming back."""

    __tablename__ = "suggestion_decisions"
    __table_args__ = (UniqueConstraint("kind", "node_id", "suggested"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    node_id: Mapped[int] = mapped_column(ForeignKey("nodes.id", ondelete="CASCADE"), index=True)
    suggested: Mapped[str] = mapped_column(String(300))
    decision: Mapped[str] = mapped_column(String(10))  # accepted, rejected
    decided_by: Mapped[str | None] = mapped_column(String(100))
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class NodeLink(Base):
    """A typed link from a node to a node (or whole plan) of any plan, by key."""

    __tablename__ = "node_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    source_node_id: Mapped[int] = mapped_column(ForeignKey("nodes.id", ondelete="CASCADE"), index=True)
    type: Mapped[str] = mapped_column(String(30))
    target_plan_key: Mapped[str | None] = mapped_column(String(300), index=True)
    target_node_key: Mapped[str | None] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)


class Indicator(Base):
    """成果・活動指標 of a node, or of the whole plan when ``node_id`` is null."""

    __tablename__ = "indicators"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    node_id: Mapped[int | None] = mapped_column(ForeignKey("nodes.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str | None] = mapped_column(String(20))
    unit: Mapped[str | None] = mapped_column(String(50))
    direction: Mapped[str | None] = mapped_column(String(20))
    baseline_value: Mapped[float | None] = mapped_column(Real)
    baseline_year: Mapped[int | None]
    baseline_text: Mapped[str | None] = mapped_column(Text)
    baseline_origin: Mapped[str | None] = mapped_column(Origin)
    target_value: Mapped[float | None] = mapped_column(Real)
    target_year: Mapped[int | None]
    target_text: Mapped[str | None] = mapped_column(Text)
    target_origin: Mapped[str | None] = mapped_column(Origin)
    definition: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[list[str]] = mapped_column(JSON, default=list)
    source: Mapped[str | None] = mapped_column(Text)
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"), index=True)
    has_baseline: Mapped[bool] = mapped_column(Boolean, default=False)
    has_target: Mapped[bool] = mapped_column(Boolean, default=False)
    origin: Mapped[str | None] = mapped_column(Origin)
    # a share from a citizen survey (市民意識調査): the confidence level its intervals are drawn at
    survey_confidence: Mapped[float | None] = mapped_column(Real)
    baseline_sample_size: Mapped[int | None] = mapped_column(Integer)  # 標本数 of the baseline survey
    baseline_margin: Mapped[float | None] = mapped_column(Real)  # its printed margin of error (± points)

    department: Mapped[Department | None] = relationship()
    interim_targets: Mapped[list[InterimTarget]] = relationship(
        cascade="all, delete-orphan", order_by="InterimTarget.position", passive_deletes=True
    )
    observations: Mapped[list[Observation]] = relationship(
        back_populates="indicator", cascade="all, delete-orphan", order_by="Observation.position", passive_deletes=True
    )


class InterimTarget(Base):
    __tablename__ = "interim_targets"

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    value: Mapped[float | None] = mapped_column(Real)
    year: Mapped[int | None]
    text: Mapped[str | None] = mapped_column(Text)
    origin: Mapped[str | None] = mapped_column(Origin)


class Observation(Base):
    """実績値: the value reported for one fiscal year."""

    __tablename__ = "observations"
    __table_args__ = (UniqueConstraint("indicator_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id", ondelete="CASCADE"))
    position: Mapped[int]
    year: Mapped[int]
    value: Mapped[float | None] = mapped_column(Real)
    text: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    reported_rate: Mapped[float | None] = mapped_column(Real)
    # published: from a document or approved; draft: entered in an open cycle, hidden from the public
    status: Mapped[str] = mapped_column(String(10), default="published", server_default="published")
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    entered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    origin: Mapped[str | None] = mapped_column(Origin)
    sample_size: Mapped[int | None] = mapped_column(Integer)  # 標本数 of a survey share
    margin_of_error: Mapped[float | None] = mapped_column(Real)  # or its printed margin of error (± points)

    indicator: Mapped[Indicator] = relationship(back_populates="observations")


class Project(Base):
    """主な事業: a budgeted programme with a stage for each fiscal year."""

    __tablename__ = "projects"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    node_id: Mapped[int] = mapped_column(ForeignKey("nodes.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    name: Mapped[str] = mapped_column(Text)
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"), index=True)
    origin: Mapped[str | None] = mapped_column(Origin)

    department: Mapped[Department | None] = relationship()
    stages: Mapped[list[ProjectStage]] = relationship(
        cascade="all, delete-orphan", order_by="ProjectStage.year", passive_deletes=True
    )


class ProjectStage(Base):
    __tablename__ = "project_stages"

    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    stage: Mapped[str] = mapped_column(String(50))


class Action(Base):
    """主な取組: a numbered line of work under a node, with its bullet items."""

    __tablename__ = "actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    node_id: Mapped[int] = mapped_column(ForeignKey("nodes.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    number: Mapped[str | None] = mapped_column(String(50))
    title: Mapped[str] = mapped_column(Text)
    items: Mapped[list[str]] = mapped_column(JSON, default=list)


class IndividualPlan(Base):
    """A row of a sectoral-plan registry (個別計画一覧)."""

    __tablename__ = "individual_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    node_id: Mapped[int | None] = mapped_column(ForeignKey("nodes.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    name: Mapped[str] = mapped_column(Text)
    adopted_year: Mapped[int | None]
    period_start: Mapped[int | None]
    period_end: Mapped[int | None]
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"), index=True)

    department: Mapped[Department | None] = relationship()


class ActorRole(Base):
    """各主体の役割: what one actor does, for a node, an action, or the whole plan."""

    __tablename__ = "actor_roles"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    node_id: Mapped[int | None] = mapped_column(ForeignKey("nodes.id", ondelete="CASCADE"), index=True)
    action_id: Mapped[int | None] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    actor: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(Text)


def _folded_entry(context) -> str:  # noqa: ANN001
    """The folded text of a search entry being inserted: its title and body, folded."""
    from keikaku.domain.textfold import fold

    row = context.get_current_parameters()
    return fold(f"{row.get('title') or ''}\n{row.get('body') or ''}")


class SearchEntry(Base):
    """One searchable text of a plan (the plan, a node, an indicator, a project or an action).

    SQLite indexes it with an FTS5 trigram table (``search_fts``), PostgreSQL with pg_trgm.
    """

    __tablename__ = "search_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    ref_id: Mapped[int]
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text, default="")
    # title and body folded for search (keikaku.domain.textfold): what the indexes hold
    folded: Mapped[str] = mapped_column(Text, default=_folded_entry, server_default="")


class User(Base):
    """An account: admin (planning division), reviewer, editor (bound to departments) or viewer."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    display_name: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))  # where reminders go
    lang: Mapped[str | None] = mapped_column(String(2))  # language of mails: ja or en (None: KEIKAKU_LANG)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    departments: Mapped[list[UserDepartment]] = relationship(cascade="all, delete-orphan", passive_deletes=True)


class UserDepartment(Base):
    __tablename__ = "user_departments"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id", ondelete="CASCADE"), primary_key=True, index=True)

    department: Mapped[Department] = relationship()


class LoginSession(Base):
    """A signed-in browser: the cookie holds ``token``; forms carry ``csrf_token``."""

    __tablename__ = "login_sessions"

    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))  # the absolute end
    last_seen_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))  # for the idle timeout


class LoginFailure(Base):
    """One failed sign-in (or one being checked), for throttling per name and per client address."""

    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), index=True)
    address: Mapped[str | None] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class LoginGate(Base):
    """One row per user name and per client address, locked while a sign-in is counted, so that
    checking the failures and counting the attempt are one step even for parallel requests."""

    __tablename__ = "login_gates"

    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    touched_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class PasswordReset(Base):
    """A one-time link an admin hands to a user to set a new password: only the SHA-256 of its
    token is kept; it ends at ``expires_at`` or when used (``used_at``)."""

    __tablename__ = "password_resets"

    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_by: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ApiToken(Base):
    """A user's token for the JSON API (``Authorization: Bearer``): only the SHA-256 of the token is
    kept; ``prefix`` (its first characters) names it in lists. A read-only token may only read."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str | None] = mapped_column(String(100))
    prefix: Mapped[str] = mapped_column(String(16))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    read_only: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class EvaluationCycle(Base):
    """The yearly review of one plan for fiscal year ``year`` (opened by the planning division)."""

    __tablename__ = "evaluation_cycles"
    __table_args__ = (UniqueConstraint("plan_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    year: Mapped[int]
    deadline: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    scale: Mapped[str] = mapped_column(String(30), default="abcd")
    status: Mapped[str] = mapped_column(String(10), default="open")  # open, closed
    # the grades of the project sheets' viewpoints, best first (keikaku.domain.project_evaluation; 0015)
    viewpoint_grades: Mapped[str] = mapped_column(String(100), default="A,B,C", server_default="A,B,C")
    opened_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    opened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


PLAN_WIDE_SHEET = sql_text("node_id IS NULL")


class EvaluationSheet(Base):
    """施策評価シート of one measure in one cycle, or (``node_id`` null) the sheet of the plan's
    plan-wide indicators; ``version`` guards against lost updates.

    A unique constraint over (cycle_id, node_id) lets any number of rows with a null node_id
    through, on SQLite and PostgreSQL alike: the partial unique index over cycle_id where node_id
    is null keeps the plan-wide sheet to one per cycle.

    Every UPDATE is a compare-and-set on every backend: SQLAlchemy adds ``AND version = <read>``
    and raises ``StaleDataError`` when no row matched (the application sets the new version).
    """

    __tablename__ = "evaluation_sheets"
    __table_args__ = (
        UniqueConstraint("cycle_id", "node_id"),
        Index("uq_evaluation_sheets_plan_wide", "cycle_id", unique=True,
              sqlite_where=PLAN_WIDE_SHEET, postgresql_where=PLAN_WIDE_SHEET),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("evaluation_cycles.id", ondelete="CASCADE"), index=True)
    node_id: Mapped[int | None] = mapped_column(ForeignKey("nodes.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(10), default="draft")
    self_grade: Mapped[str | None] = mapped_column(String(20))
    reasons: Mapped[str | None] = mapped_column(Text)
    issues: Mapped[str | None] = mapped_column(Text)
    next_direction: Mapped[str | None] = mapped_column(String(10))
    review_comment: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}


class ProjectProgress(Base):
    """A project's progress for the cycle's year, as its department records it."""

    __tablename__ = "project_progress"
    __table_args__ = (UniqueConstraint("cycle_id", "project_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("evaluation_cycles.id", ondelete="CASCADE"), index=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    stage: Mapped[str | None] = mapped_column(String(50))
    progress: Mapped[str | None] = mapped_column(Text)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ReminderSent(Base):
    """A reminder mailed to one editor about one department's open items in a cycle: a daily run
    sends one per department, address and day (in Japan). ``department_id`` null: a reminder to an
    admin about the plan-wide sheet, which the plan's owner writes."""

    __tablename__ = "reminders_sent"

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("evaluation_cycles.id", ondelete="CASCADE"), index=True)
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    email: Mapped[str] = mapped_column(String(254))
    day: Mapped[date] = mapped_column(Date)
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    missing: Mapped[int] = mapped_column(Integer, default=0)
    returned: Mapped[int] = mapped_column(Integer, default=0)


class AuditEntry(Base):
    """Append-only record of a change: who, when, the object, before and after."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    user_name: Mapped[str | None] = mapped_column(String(100))  # kept as text: the record outlives accounts
    action: Mapped[str] = mapped_column(String(30))
    object_type: Mapped[str] = mapped_column(String(30))
    object_id: Mapped[str] = mapped_column(String(100))
    object_label: Mapped[str | None] = mapped_column(Text)
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)


from keikaku.storage.budget_models import BudgetFrame, ProjectBudget, StaffCostRate  # noqa: E402,F401 - project money (0014)
from keikaku.storage.project_sheet_models import ProjectSheet, ProjectSheetIndicator  # noqa: E402,F401 - project evaluation (0015)
from keikaku.storage.comment_models import CommentGroup, CommentPeriod, CommentPeriodNode, CommentTheme, Opinion  # noqa: E402,F401 - opinions on a draft (0017)
