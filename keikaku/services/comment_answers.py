"""Staff's work on the opinions of a draft (keikaku.services.comments): themes, groups, answers.

Admins (action ``manage_comments``) define the themes the table is sorted by (自然環境, 共創・
つながり …), put each opinion under one, and join opinions of the same purport into a group
(同趣旨の意見), helped by suggestions of opinions whose text reads alike (rapidfuzz, see
keikaku.domain.comments.similarity). They write the summary (意見の要旨) and the city's answer
(市の考え方) per opinion, or once per group, and say whether the plan was changed, with the
node changed in the final revision (the adopted plan linked to the draft, see
keikaku.services.revision_links). Every step is audited.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from keikaku.domain import comments as rules
from keikaku.domain.enums import PlanStatus
from keikaku.domain.errors import NotFoundError
from keikaku.domain.permissions import Action, Actor, require
from keikaku.services import audit
from keikaku.services.comments import NodeChoice, PeriodInfo, period_info
from keikaku.services.cycle_common import ValidationFailed, label_of, touch_plan
from keikaku.services.revision_links import revision_links
from keikaku.storage import comment_store as store
from keikaku.storage.comment_models import CommentGroup, CommentPeriod, CommentTheme, Opinion
from keikaku.storage.database import transaction
from keikaku.storage.models import utcnow

ANSWER_FIELDS = ("theme_id", "summary", "answer", "plan_changed", "changed_node_key")


@dataclass(frozen=True)
class FinalRevision:
    """The adopted plan that follows the draft, whose nodes a change links to."""

    plan_id: int
    title: str
    nodes: tuple[NodeChoice, ...]

    def node(self, key: str | None) -> NodeChoice | None:
        return next((n for n in self.nodes if n.key == key), None) if key else None


def final_revision(session: Session, plan_id: int) -> FinalRevision | None:
    later = [r for r in revision_links(session, [plan_id]).get(plan_id, [])
             if r.relation == "later" and r.status == PlanStatus.ADOPTED]
    if not later:
        return None
    final = max(later, key=lambda r: r.id)
    nodes = tuple(NodeChoice(n.key, n.id, label_of(n)) for n in store.plan_nodes(session, final.id))
    return FinalRevision(final.id, final.title, nodes)


@dataclass(frozen=True)
class ThemeInfo:
    id: int
    name: str
    count: int  # opinions under it


@dataclass(frozen=True)
class OpinionInfo:
    """An opinion as staff see it: everything, the sender's details too."""

    id: int
    receipt: str
    source: str
    node_key: str | None
    node_label: str | None
    name: str | None
    age_group: str | None
    area: str | None
    body: str
    received_at: datetime
    theme_id: int | None
    group_id: int | None
    summary: str | None
    answer: str | None
    plan_changed: bool | None
    changed_node_key: str | None


@dataclass(frozen=True)
class GroupInfo:
    id: int
    theme_id: int | None
    summary: str | None
    answer: str | None
    plan_changed: bool | None
    changed_node_key: str | None
    member_ids: tuple[int, ...]


@dataclass(frozen=True)
class Suggestion:
    opinion_id: int
    receipt: str
    score: float
    group_id: int | None
    excerpt: str


@dataclass(frozen=True)
class StaffComments:
    """The staff page of a draft's opinions."""

    period: PeriodInfo
    themes: tuple[ThemeInfo, ...]
    opinions: tuple[OpinionInfo, ...]
    groups: tuple[GroupInfo, ...]
    final: FinalRevision | None

    def theme_name(self, theme_id: int | None) -> str | None:
        return next((t.name for t in self.themes if t.id == theme_id), None)

    def group(self, group_id: int | None) -> GroupInfo | None:
        return next((g for g in self.groups if g.id == group_id), None)

    def opinion(self, opinion_id: int) -> OpinionInfo | None:
        return next((o for o in self.opinions if o.id == opinion_id), None)

    def unanswered(self) -> int:
        return sum(1 for o in self.opinions if not _answered(o, self.group(o.group_id)))


def _answered(o: OpinionInfo, group: GroupInfo | None) -> bool:
    return bool(group.summary and group.answer) if group is not None else bool(o.summary and o.answer)


def _opinion_info(row: Opinion, labels: dict[str, str]) -> OpinionInfo:
    return OpinionInfo(row.id, row.receipt, row.source, row.node_key, labels.get(row.node_key) if row.node_key else None,
                       row.name, row.age_group, row.area, row.body, audit.as_utc(row.received_at), row.theme_id,
                       row.group_id, row.summary, row.answer, row.plan_changed, row.changed_node_key)


def _period(session: Session, plan_id: int) -> CommentPeriod:
    period = store.period_of_plan(session, plan_id)
    if period is None:
        raise NotFoundError(f"plan {plan_id} has no comment period")
    return period


def _build(session: Session, period: CommentPeriod) -> StaffComments:
    labels = {n.key: label_of(n) for n in store.plan_nodes(session, period.plan_id)}
    rows = store.opinions_of(session, period.id)
    counts: dict[int | None, int] = {}
    for r in rows:
        counts[r.theme_id] = counts.get(r.theme_id, 0) + 1
    themes = tuple(ThemeInfo(t.id, t.name, counts.get(t.id, 0)) for t in store.themes_of(session, period.id))
    members: dict[int, list[int]] = {}
    for r in rows:
        if r.group_id is not None:
            members.setdefault(r.group_id, []).append(r.id)
    groups = tuple(GroupInfo(g.id, g.theme_id, g.summary, g.answer, g.plan_changed, g.changed_node_key,
                             tuple(members.get(g.id, ()))) for g in store.groups_of(session, period.id))
    return StaffComments(period_info(session, period), themes, tuple(_opinion_info(r, labels) for r in rows), groups,
                         final_revision(session, period.plan_id))


def staff_comments(engine: Engine, *, user: Actor, plan_id: int) -> StaffComments:
    require(user, Action.MANAGE_COMMENTS, what=f"plan {plan_id}")
    with transaction(engine) as session:
        return _build(session, _period(session, plan_id))


def suggestions(engine: Engine, *, user: Actor, opinion_id: int) -> list[Suggestion]:
    """Other opinions of the period whose text reads alike, best first."""
    require(user, Action.MANAGE_COMMENTS, what=f"opinion {opinion_id}")
    with transaction(engine) as session:
        row = _opinion(session, opinion_id)
        others = [o for o in store.opinions_of(session, row.period_id) if o.id != row.id]
        by_id = {o.id: o for o in others}
        best = rules.most_similar(row.body, [(o.id, o.body) for o in others])
        return [Suggestion(oid, by_id[oid].receipt, score, by_id[oid].group_id, _excerpt(by_id[oid].body)) for oid, score in best]


def _excerpt(text: str, chars: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= chars else flat[:chars] + "…"


def _opinion(session: Session, opinion_id: int) -> Opinion:
    row = store.opinion_row(session, opinion_id)
    if row is None:
        raise NotFoundError(f"no opinion {opinion_id}")
    return row


def _plan_of_period(session: Session, period_id: int) -> int:
    period = store.period_row(session, period_id)
    assert period is not None
    return period.plan_id


def _record(session: Session, user: Actor, action: str, object_type: str, object_id: int, label: str | None,
            before: dict[str, Any] | None, after: dict[str, Any] | None, period_id: int) -> None:
    audit.record(session, user_name=getattr(user, "name", None), action=action, object_type=object_type,
                 object_id=object_id, label=label, before=before, after=after)
    touch_plan(session, _plan_of_period(session, period_id))


# --- themes ----------------------------------------------------------------------------------------

def _theme_name(name: str) -> str:
    problem = rules.check_text(name, limit=rules.MAX_THEME_CHARS, required=True)
    if problem:
        raise ValidationFailed(f"theme name: {problem.code}", code=f"text_{problem.code}", field="theme_name",
                               max=rules.MAX_THEME_CHARS, chars=problem.chars)
    return name.strip()  # a heading staff type: its outer spaces are not part of it


def add_theme(engine: Engine, *, user: Actor, plan_id: int, name: str) -> int:
    require(user, Action.MANAGE_COMMENTS, what=f"plan {plan_id}")
    with transaction(engine) as session:
        period = _period(session, plan_id)
        name = _theme_name(name)
        themes = store.themes_of(session, period.id)
        if len(themes) >= rules.MAX_THEMES:
            raise ValidationFailed(f"at most {rules.MAX_THEMES} themes", code="too_many_themes", field="theme_name",
                                   max=rules.MAX_THEMES)
        if store.theme_named(session, period.id, name) is not None:
            raise ValidationFailed(f"a theme {name!r} exists", code="duplicate_theme", field="theme_name", name=name)
        row = CommentTheme(period_id=period.id, name=name, position=max((t.position for t in themes), default=0) + 1)
        session.add(row)
        session.flush()
        _record(session, user, "create", "comment_theme", row.id, name, None, {"name": name}, period.id)
        return row.id


def rename_theme(engine: Engine, *, user: Actor, theme_id: int, name: str) -> None:
    require(user, Action.MANAGE_COMMENTS, what=f"theme {theme_id}")
    with transaction(engine) as session:
        row = store.theme_row(session, theme_id)
        if row is None:
            raise NotFoundError(f"no theme {theme_id}")
        name = _theme_name(name)
        other = store.theme_named(session, row.period_id, name)
        if other is not None and other.id != row.id:
            raise ValidationFailed(f"a theme {name!r} exists", code="duplicate_theme", field="theme_name", name=name)
        before = {"name": row.name}
        row.name = name
        _record(session, user, "change", "comment_theme", row.id, name, before, {"name": name}, row.period_id)


def delete_theme(engine: Engine, *, user: Actor, theme_id: int) -> None:
    """Remove a theme; its opinions and groups are left without one."""
    require(user, Action.MANAGE_COMMENTS, what=f"theme {theme_id}")
    with transaction(engine) as session:
        row = store.theme_row(session, theme_id)
        if row is None:
            raise NotFoundError(f"no theme {theme_id}")
        for o in store.opinions_of(session, row.period_id):
            if o.theme_id == row.id:
                o.theme_id = None
        for g in store.groups_of(session, row.period_id):
            if g.theme_id == row.id:
                g.theme_id = None
        period_id, name = row.period_id, row.name
        store.delete_row(session, row)
        session.flush()
        _record(session, user, "delete", "comment_theme", theme_id, name, {"name": name}, None, period_id)


# --- answers ---------------------------------------------------------------------------------------

def _answer_values(session: Session, period_id: int, *, theme_id: int | None, summary: str | None, answer: str | None,
                   plan_changed: bool | None, changed_node_key: str | None) -> dict[str, Any]:
    if theme_id is not None:
        theme = store.theme_row(session, theme_id)
        if theme is None or theme.period_id != period_id:
            raise ValidationFailed(f"no theme {theme_id} in this period", code="bad_theme", field="theme_id")
    for field, text in (("summary", summary), ("answer", answer)):
        problem = rules.check_text(text, limit=rules.MAX_STAFF_TEXT_CHARS)
        if problem:
            raise ValidationFailed(f"{field}: {problem.code}", code=f"text_{problem.code}", field=field,
                                   max=rules.MAX_STAFF_TEXT_CHARS, chars=problem.chars)
    key = changed_node_key or None
    if key is not None:
        if plan_changed is not True:
            raise ValidationFailed("a changed node is named only when the plan was changed", code="node_without_change",
                                   field="changed_node_key")
        final = final_revision(session, _plan_of_period(session, period_id))
        if final is None or final.node(key) is None:
            raise ValidationFailed(f"no node {key!r} in the final revision", code="bad_changed_node",
                                   field="changed_node_key", node=key)
    blank = lambda v: v if v is not None and v.strip() else None  # noqa: E731 - an empty box stores nothing
    return {"theme_id": theme_id, "summary": blank(summary), "answer": blank(answer), "plan_changed": plan_changed,
            "changed_node_key": key}


def answer_opinion(engine: Engine, *, user: Actor, opinion_id: int, theme_id: int | None, summary: str | None = None,
                   answer: str | None = None, plan_changed: bool | None = None, changed_node_key: str | None = None) -> None:
    """An opinion's theme, summary, the city's answer and whether the plan changed (audited).
    An opinion in a group takes its theme from the group, and is answered by the group's answer:
    the group's theme changes only when a theme is given (``theme_id`` None keeps the group's)."""
    require(user, Action.MANAGE_COMMENTS, what=f"opinion {opinion_id}")
    with transaction(engine) as session:
        row = _opinion(session, opinion_id)
        values = _answer_values(session, row.period_id, theme_id=theme_id, summary=summary, answer=answer,
                                plan_changed=plan_changed, changed_node_key=changed_node_key)
        group = store.group_row(session, row.group_id) if row.group_id is not None else None
        if group is not None and theme_id is None:
            values["theme_id"] = group.theme_id
        before = {f: getattr(row, f) for f in ANSWER_FIELDS}
        for k, v in values.items():
            setattr(row, k, v)
        if group is not None and group.theme_id != row.theme_id:
            group.theme_id = row.theme_id
            for member in store.group_members(session, group.id):
                member.theme_id = row.theme_id
        row.updated_at = utcnow()
        _record(session, user, "answer", "opinion", row.id, row.receipt, before, values, row.period_id)


def answer_group(engine: Engine, *, user: Actor, group_id: int, theme_id: int | None, summary: str | None = None,
                 answer: str | None = None, plan_changed: bool | None = None, changed_node_key: str | None = None) -> None:
    """A group's theme (given to every opinion in it), summary, answer and change (audited)."""
    require(user, Action.MANAGE_COMMENTS, what=f"group {group_id}")
    with transaction(engine) as session:
        group = store.group_row(session, group_id)
        if group is None:
            raise NotFoundError(f"no group {group_id}")
        values = _answer_values(session, group.period_id, theme_id=theme_id, summary=summary, answer=answer,
                                plan_changed=plan_changed, changed_node_key=changed_node_key)
        before = {f: getattr(group, f) for f in ANSWER_FIELDS}
        for k, v in values.items():
            setattr(group, k, v)
        for member in store.group_members(session, group.id):
            member.theme_id = group.theme_id
        group.updated_at = utcnow()
        _record(session, user, "answer", "comment_group", group.id, None, before, values, group.period_id)


def group_with(engine: Engine, *, user: Actor, opinion_id: int, other_id: int) -> int:
    """Join two opinions of the same purport: into the other's group, or this one's, or a new group
    (which takes the opinion's theme, summary and answer). Returns the group's id (audited)."""
    require(user, Action.MANAGE_COMMENTS, what=f"opinion {opinion_id}")
    if opinion_id == other_id:
        raise ValidationFailed("an opinion cannot be grouped with itself", code="same_opinion", field="other")
    with transaction(engine) as session:
        row, other = _opinion(session, opinion_id), _opinion(session, other_id)
        if row.period_id != other.period_id:
            raise ValidationFailed("the two opinions are on different plans", code="other_period", field="other")
        group = None
        for candidate in (other.group_id, row.group_id):
            if candidate is not None:
                group = store.group_row(session, candidate)
                break
        created = group is None
        if group is None:
            group = CommentGroup(period_id=row.period_id, theme_id=row.theme_id or other.theme_id, summary=row.summary,
                                 answer=row.answer, plan_changed=row.plan_changed, changed_node_key=row.changed_node_key,
                                 updated_at=utcnow())
            session.add(group)
            session.flush()
        moved = [o for o in (row, other) if o.group_id != group.id]
        for o in moved:
            o.group_id, o.theme_id, o.updated_at = group.id, group.theme_id, utcnow()
        session.flush()
        _record(session, user, "create" if created else "change", "comment_group", group.id, None, None,
                {"members": [o.id for o in store.group_members(session, group.id)]}, row.period_id)
        return group.id


def leave_group(engine: Engine, *, user: Actor, opinion_id: int) -> None:
    """Take an opinion out of its group (a group left empty is removed; audited)."""
    require(user, Action.MANAGE_COMMENTS, what=f"opinion {opinion_id}")
    with transaction(engine) as session:
        row = _opinion(session, opinion_id)
        if row.group_id is None:
            raise ValidationFailed("the opinion is in no group", code="not_grouped", field="group")
        group_id = row.group_id
        row.group_id, row.updated_at = None, utcnow()
        session.flush()
        left = store.group_members(session, group_id)
        if not left:
            group = store.group_row(session, group_id)
            if group is not None:
                store.delete_row(session, group)
        _record(session, user, "change", "comment_group", group_id, None, {"removed": row.id},
                {"members": [o.id for o in left]}, row.period_id)


def themes_in(engine: Engine, *, user: Actor, plan_id: int) -> Sequence[ThemeInfo]:
    return staff_comments(engine, user=user, plan_id=plan_id).themes


@dataclass(frozen=True)
class DraftPeriod:
    """A draft plan on the staff list, with its comment period when it has one."""

    plan_id: int
    key: str
    title: str
    status_word: str
    start: str | None  # ISO dates; None: no period yet
    end: str | None
    state: str | None
    opinions: int


def drafts(engine: Engine, *, user: Actor) -> list[DraftPeriod]:
    """Every draft plan (and any plan with a period), for the staff list and ``keikaku comments list``."""
    from keikaku.domain.enums import status_word
    from keikaku.services.cycle_common import today_jst
    from keikaku.services.plans import list_plans

    require(user, Action.MANAGE_COMMENTS, what="comment periods")
    plans = list_plans(engine)
    with transaction(engine) as session:
        periods = {p.plan_id: p for p in store.plans_with_periods(session)}
        counts = {pid: store.opinion_count(session, p.id) for pid, p in periods.items()}
    today = today_jst()
    out = []
    for plan in plans:
        period = periods.get(plan.id)
        if plan.status != PlanStatus.DRAFT and period is None:
            continue
        out.append(DraftPeriod(plan.id, plan.key, plan.title, status_word(plan.status, plan.status_label),
                               period.start_day.isoformat() if period else None, period.end_day.isoformat() if period else None,
                               rules.period_state(period.start_day, period.end_day, today).value if period else None,
                               counts.get(plan.id, 0)))
    return out


def plan_of(engine: Engine, *, opinion_id: int | None = None, group_id: int | None = None) -> int:
    """The plan an opinion or a group belongs to."""
    with transaction(engine) as session:
        row = store.opinion_row(session, opinion_id) if opinion_id is not None else (
            store.group_row(session, group_id) if group_id is not None else None)
        if row is None:
            raise NotFoundError(f"no opinion {opinion_id}" if opinion_id is not None else f"no group {group_id}")
        return _plan_of_period(session, row.period_id)
