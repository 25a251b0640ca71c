"""Opinions on a draft plan (パブリックコメント): the comment period and what anyone may send in it.

The planning division (admins, action ``manage_comments``) opens one comment period per draft
plan: its first and last day (both included, days in Japan), the nodes open to opinions (none
chosen: every node) and the notice shown above the form. Opening and changing it are audited.

During the period anyone may send an opinion on the whole plan or on one of those nodes without
an account: the opinion, and optionally a name, an age group and an area. The text is stored
exactly as written (nothing trimmed or normalised; a text over the limit or holding control
characters is refused, never cut), and the sender gets a receipt number. A filled honeypot field
refuses the sending. The limit per address is the web edge's (keikaku.services.comment_limits):
no address is ever stored. Staff may record the council's opinions (議会・審議会) at any time.

Staff's work on the opinions is keikaku.services.comment_answers; the public table after the
period is keikaku.services.comment_table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from keikaku.domain import comments as rules
from keikaku.domain.comments import PeriodState, Source
from keikaku.domain.enums import PlanStatus
from keikaku.domain.errors import NotFoundError
from keikaku.domain.municipality import is_fictional
from keikaku.domain.permissions import Action, Actor, require
from keikaku.services import audit
from keikaku.services.cycle_common import ValidationFailed, label_of, today_jst, touch_plan
from keikaku.storage import comment_store as store
from keikaku.storage.comment_models import CommentPeriod, CommentPeriodNode, Opinion
from keikaku.storage.database import transaction
from keikaku.storage.models import utcnow

RECEIPT_TRIES = 5


@dataclass(frozen=True)
class NodeChoice:
    """A node as the form and the staff pages list it."""

    key: str
    id: int
    label: str  # 施策 1 子育て支援の充実


@dataclass(frozen=True)
class PeriodInfo:
    """A comment period as its pages show it."""

    id: int
    plan_id: int
    plan_title: str
    plan_status_word: str
    start: date
    end: date
    notice: str
    state: PeriodState
    node_keys: tuple[str, ...]  # the nodes open to opinions; empty: every node
    nodes: tuple[NodeChoice, ...]  # those nodes (every node of the plan when none was chosen)
    fictional: bool
    plan_status_word_en: str = "draft"  # the status word in English (preliminary draft …)

    @property
    def form_url(self) -> str:
        return form_url(self.plan_id)

    @property
    def table_url(self) -> str:
        return table_url(self.plan_id)


def form_url(plan_id: int, node_id: int | None = None) -> str:
    """The form for an opinion on the whole plan, or on one node."""
    return f"/opinions/nodes/{node_id}" if node_id is not None else f"/opinions/plans/{plan_id}"


def table_url(plan_id: int) -> str:
    return f"/plans/{plan_id}/comments"


def staff_url(plan_id: int) -> str:
    return f"/staff/plans/{plan_id}/comments"


def _choices(nodes: Sequence[Any]) -> list[NodeChoice]:
    return [NodeChoice(n.key, n.id, label_of(n)) for n in nodes]


def period_info(session: Session, period: CommentPeriod, *, today: date | None = None) -> PeriodInfo:
    from keikaku.domain.enums import status_word

    plan = store.plan_row(session, period.plan_id)
    assert plan is not None
    keys = tuple(n.node_key for n in period.nodes)
    nodes = store.plan_nodes(session, plan.id)
    chosen = [n for n in nodes if not keys or n.key in keys]
    return PeriodInfo(period.id, plan.id, plan.title, status_word(plan.status, plan.status_label), period.start_day,
                      period.end_day, period.notice, rules.period_state(period.start_day, period.end_day, today or today_jst()),
                      keys, tuple(_choices(chosen)), is_fictional(plan.municipality.code),
                      status_word(plan.status, plan.status_label, "en"))


def _snapshot(period: CommentPeriod) -> dict[str, Any]:
    return {"start": period.start_day, "end": period.end_day, "notice": period.notice,
            "nodes": [n.node_key for n in period.nodes]}


def _check_period(session: Session, plan_id: int, start: date, end: date, notice: str, node_keys: Sequence[str]) -> list[str]:
    if end < start:
        raise ValidationFailed(f"the period ends ({end}) before it starts ({start})", code="end_before_start", field="end",
                               start=start.isoformat(), end=end.isoformat())
    problem = rules.check_text(notice, limit=rules.MAX_NOTICE_CHARS, required=True)
    if problem:
        raise ValidationFailed(f"notice: {problem.code}", code=f"text_{problem.code}", field="notice",
                               max=rules.MAX_NOTICE_CHARS, chars=problem.chars)
    keys = list(dict.fromkeys(node_keys))
    if len(keys) > rules.MAX_PERIOD_NODES:
        raise ValidationFailed(f"at most {rules.MAX_PERIOD_NODES} nodes", code="too_many_nodes", field="nodes",
                               max=rules.MAX_PERIOD_NODES)
    known = {n.key for n in store.plan_nodes(session, plan_id)}
    unknown = [k for k in keys if k not in known]
    if unknown:
        raise ValidationFailed(f"no node {unknown[0]!r} in plan {plan_id}", code="unknown_node", field="nodes", node=unknown[0])
    return keys


def open_period(engine: Engine, *, user: Actor, plan_id: int, start: date, end: date, notice: str,
                node_keys: Sequence[str] = ()) -> PeriodInfo:
    """Open the comment period of a draft plan (audited); a plan has one period."""
    require(user, Action.MANAGE_COMMENTS, what=f"plan {plan_id}")
    with transaction(engine) as session:
        plan = store.plan_row(session, plan_id)
        if plan is None:
            raise NotFoundError(f"no plan {plan_id}")
        if plan.status != PlanStatus.DRAFT:
            raise ValidationFailed(f"plan {plan_id} is not a draft: opinions are asked on drafts only", code="not_draft",
                                   field="plan")
        if store.period_of_plan(session, plan_id, lock=True) is not None:
            raise ValidationFailed(f"plan {plan_id} has a comment period already", code="period_exists", field="plan")
        keys = _check_period(session, plan_id, start, end, notice, node_keys)
        period = CommentPeriod(plan_id=plan_id, start_day=start, end_day=end, notice=notice,
                               created_by=getattr(user, "name", None),
                               nodes=[CommentPeriodNode(node_key=k, position=i) for i, k in enumerate(keys)])
        session.add(period)
        session.flush()
        audit.record(session, user_name=getattr(user, "name", None), action="open", object_type="comment_period",
                     object_id=period.id, label=plan.title, before=None, after=_snapshot(period))
        touch_plan(session, plan_id)
        return period_info(session, period)


def change_period(engine: Engine, *, user: Actor, plan_id: int, start: date, end: date, notice: str,
                  node_keys: Sequence[str] = ()) -> PeriodInfo:
    """Change a period's days, notice or nodes (audited): to extend it, or end it early."""
    require(user, Action.MANAGE_COMMENTS, what=f"plan {plan_id}")
    with transaction(engine) as session:
        period = store.period_of_plan(session, plan_id, lock=True)
        if period is None:
            raise NotFoundError(f"plan {plan_id} has no comment period")
        keys = _check_period(session, plan_id, start, end, notice, node_keys)
        before = _snapshot(period)
        period.start_day, period.end_day, period.notice, period.updated_at = start, end, notice, utcnow()
        if [n.node_key for n in period.nodes] != keys:
            period.nodes.clear()
            session.flush()
            period.nodes.extend(CommentPeriodNode(node_key=k, position=i) for i, k in enumerate(keys))
        session.flush()
        plan = store.plan_row(session, plan_id)
        audit.record(session, user_name=getattr(user, "name", None), action="change", object_type="comment_period",
                     object_id=period.id, label=plan.title if plan else None, before=before, after=_snapshot(period))
        touch_plan(session, plan_id)
        return period_info(session, period)


def period_of(engine: Engine, plan_id: int, *, today: date | None = None) -> PeriodInfo:
    """The comment period of a plan; NotFoundError when it has none."""
    with transaction(engine) as session:
        period = store.period_of_plan(session, plan_id)
        if period is None:
            raise NotFoundError(f"plan {plan_id} has no comment period")
        return period_info(session, period, today=today)


@dataclass(frozen=True)
class Notice:
    """What the public plan and node pages of a draft show about its period: the form during it,
    the table of opinions and answers after it."""

    state: PeriodState
    start: date
    end: date
    form_url: str
    table_url: str


def page_notice(engine: Engine, kind: str, ref: int, *, today: date | None = None) -> Notice | None:
    """The notice of a plan page (``kind`` plan) or node page (node): None before the period, or
    on a node that is not open to opinions, or after the period on a node page."""
    with transaction(engine) as session:
        node_key, node_id = None, None
        if kind == "node":
            node = store.node_row(session, ref)
            if node is None:
                return None
            plan_id, node_key, node_id = node.plan_id, node.key, node.id
        else:
            plan_id = ref
        period = store.period_of_plan(session, plan_id)
        if period is None:
            return None
        state = rules.period_state(period.start_day, period.end_day, today or today_jst())
        keys = {n.node_key for n in period.nodes}
        if state is PeriodState.BEFORE or (node_key is not None and (state is PeriodState.AFTER or (keys and node_key not in keys))):
            return None
        return Notice(state, period.start_day, period.end_day, form_url(plan_id, node_id), table_url(plan_id))


# --- sending an opinion ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Receipt:
    """What the sender is told: the receipt number and what the opinion was about."""

    receipt: str
    plan_id: int
    plan_title: str
    node_label: str | None
    received_on: date
    table_url: str
    end: date


class PeriodClosed(ValidationFailed):
    """An opinion sent before the period opened or after it ended."""


def receipt_of(engine: Engine, receipt: str) -> Receipt:
    """What the receipt page shows of a citizen's opinion (the page the form redirects to): its
    number, the day and the item, never the text or anything about the sender. NotFoundError for a
    number not of the receipt form or not stored (numbers are not guessable: 32**8 a day)."""
    if not rules.RECEIPT_PATTERN.match(receipt):
        raise NotFoundError("no such receipt")
    with transaction(engine) as session:
        row = store.opinion_by_receipt(session, receipt)
        if row is None or row.source != Source.CITIZEN.value:
            raise NotFoundError("no such receipt")
        period = store.period_row(session, row.period_id)
        assert period is not None
        plan = store.plan_row(session, period.plan_id)
        assert plan is not None
        node = next((n for n in store.plan_nodes(session, plan.id) if n.key == row.node_key), None) if row.node_key else None
        day = date(int(receipt[:4]), int(receipt[4:6]), int(receipt[6:8]))
        return Receipt(row.receipt, plan.id, plan.title, label_of(node) if node else None, day, table_url(plan.id),
                       period.end_day)


def _text_problem(field: str, text: str | None, limit: int, *, required: bool = False) -> None:
    problem = rules.check_text(text, limit=limit, required=required)
    if problem:
        raise ValidationFailed(f"{field}: {problem.code} ({problem.chars} characters; at most {limit})",
                               code=f"text_{problem.code}", field=field, max=limit, chars=problem.chars)


def _optional(value: str | None) -> str | None:
    """An optional field left blank is not stored (what was written is kept as written)."""
    return value if value is not None and value.strip() else None


def submit_opinion(engine: Engine, *, plan_id: int, body: str, node_key: str | None = None, name: str | None = None,
                   age_group: str | None = None, area: str | None = None, honeypot: str = "",
                   today: date | None = None) -> Receipt:
    """Store a citizen's opinion sent through the form, exactly as written, and its receipt."""
    if honeypot:
        raise ValidationFailed("the form was filled in by a program (the hidden field has text)", code="honeypot")
    day = today or today_jst()
    with transaction(engine) as session:
        period = store.period_of_plan(session, plan_id)
        if period is None:
            raise NotFoundError(f"plan {plan_id} asks for no opinions")
        state = rules.period_state(period.start_day, period.end_day, day)
        if state is not PeriodState.OPEN:
            code = "period_not_started" if state is PeriodState.BEFORE else "period_ended"
            raise PeriodClosed(f"opinions are taken from {period.start_day} to {period.end_day}", code=code,
                               start=period.start_day.isoformat(), end=period.end_day.isoformat())
        _text_problem("body", body, rules.MAX_BODY_CHARS, required=True)
        _text_problem("name", name, rules.MAX_NAME_CHARS)
        _text_problem("area", area, rules.MAX_AREA_CHARS)
        if _optional(age_group) is not None and age_group not in rules.AGE_GROUPS:
            raise ValidationFailed(f"no age group {age_group!r}", code="bad_age_group", field="age_group")
        node_label = _check_node(session, period, node_key)
        row = _add_opinion(session, period, Source.CITIZEN, body=body, node_key=_optional(node_key), name=_optional(name),
                           age_group=_optional(age_group), area=_optional(area), day=day)
        plan = store.plan_row(session, plan_id)
        assert plan is not None
        return Receipt(row.receipt, plan_id, plan.title, node_label, day, table_url(plan_id), period.end_day)


def _check_node(session: Session, period: CommentPeriod, node_key: str | None) -> str | None:
    if not _optional(node_key):
        return None
    keys = {n.node_key for n in period.nodes}
    node = next((n for n in store.plan_nodes(session, period.plan_id) if n.key == node_key), None)
    if node is None or (keys and node_key not in keys):
        raise ValidationFailed(f"node {node_key!r} is not open to opinions", code="bad_node", field="node")
    return label_of(node)


def _add_opinion(session: Session, period: CommentPeriod, source: Source, *, body: str, node_key: str | None,
                 name: str | None, age_group: str | None, area: str | None, day: date) -> Opinion:
    for _ in range(RECEIPT_TRIES):
        receipt = rules.new_receipt(day)
        if not store.receipt_taken(session, receipt):
            break
    else:  # pragma: no cover - 32**8 numbers a day
        raise ValidationFailed("no free receipt number; send again", code="receipt_busy")
    row = Opinion(period_id=period.id, receipt=receipt, source=source.value, node_key=node_key, name=name,
                  age_group=age_group, area=area, body=body, received_at=utcnow(), updated_at=utcnow())
    session.add(row)
    session.flush()
    return row


def add_council_opinion(engine: Engine, *, user: Actor, plan_id: int, body: str, name: str | None = None,
                        node_key: str | None = None) -> str:
    """Record an opinion of the council (議会・審議会) as staff received it; its receipt (audited)."""
    require(user, Action.MANAGE_COMMENTS, what=f"plan {plan_id}")
    with transaction(engine) as session:
        period = store.period_of_plan(session, plan_id)
        if period is None:
            raise NotFoundError(f"plan {plan_id} has no comment period")
        _text_problem("body", body, rules.MAX_BODY_CHARS, required=True)
        _text_problem("name", name, rules.MAX_NAME_CHARS)
        _check_node(session, period, node_key)
        row = _add_opinion(session, period, Source.COUNCIL, body=body, node_key=_optional(node_key), name=_optional(name),
                           age_group=None, area=None, day=today_jst())
        audit.record(session, user_name=getattr(user, "name", None), action="create", object_type="opinion",
                     object_id=row.id, label=row.receipt, before=None,
                     after={"source": row.source, "node": row.node_key, "name": row.name, "body": row.body})
        return row.receipt


def node_of(engine: Engine, node_id: int) -> tuple[int, str]:
    """(plan id, key) of a node; NotFoundError when there is none."""
    with transaction(engine) as session:
        node = store.node_row(session, node_id)
        if node is None:
            raise NotFoundError(f"no node {node_id}")
        return node.plan_id, node.key


def has_period(engine: Engine, plan_id: int) -> bool:
    with transaction(engine) as session:
        return store.period_of_plan(session, plan_id) is not None


@dataclass(frozen=True)
class PlanNodes:
    """A plan's title and nodes, for the staff form that chooses the nodes open to opinions."""

    plan_id: int
    title: str
    status: str
    choices: tuple[NodeChoice, ...]


def plan_node_choices(engine: Engine, plan_id: int) -> PlanNodes:
    with transaction(engine) as session:
        plan = store.plan_row(session, plan_id)
        if plan is None:
            raise NotFoundError(f"no plan {plan_id}")
        return PlanNodes(plan.id, plan.title, plan.status, tuple(_choices(store.plan_nodes(session, plan_id))))


def plan_id_of(engine: Engine, ref: str | int) -> int:
    """A plan's id from its id or key (NotFoundError when there is none)."""
    from keikaku.storage import repository as repo

    with transaction(engine) as session:
        return repo.get_plan(session, ref=ref).id
