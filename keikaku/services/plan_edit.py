"""The plan editor: the planning division (admin) corrects a stored plan, one operation at a time.

Every operation takes the plan's version as the editor read it and is one transaction that
(1) checks the ``edit_plan`` permission, (2) takes the plan with a compare-and-set on its version
(``plan_edit_store.claim_version``: a second editor who read the same version gets a
``PlanConflict`` and nothing of theirs is written), (3) validates the input (``ValidationFailed``
with a Japanese / English message; bad input is never a server error), (4) changes the rows and
their search entries, (5) records each changed object in the audit trail with before and after,
and (6) stores the plan's new version.

The version is ``plans.content_sha256``. After an edit it is the content hash of the plan as
``keikaku dump`` gives it now (``services.plans.content_hash`` of ``read_plan``), so dumping an
edited plan and loading the file again finds it unchanged. Entering actuals or writing sheets in
an evaluation cycle does not change it: an editor of the plan is not stopped by the departments'
yearly work, only by another edit of the plan (or a re-import).

Nodes are named by id (an int, as the web and the API do) or by key or printed number (a str,
as the CLI does: ``repository.find_node``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, select

from keikaku.domain import planfile as pf
from keikaku.domain.errors import KeikakuError, NotFoundError
from keikaku.domain.numbering import sort_key
from keikaku.domain.permissions import Action, require
from keikaku.services import audit
from keikaku.services.accounts import UserInfo
from keikaku.services.cycle_common import ValidationFailed
from keikaku.services.plans import content_hash
from keikaku.storage import models as m
from keikaku.storage import plan_edit_store as store
from keikaku.storage import repository as repo
from keikaku.storage.database import transaction
from keikaku.storage.plan_store import read_plan

__all__ = ["KEEP", "PlanConflict", "DeleteNeedsConfirmation", "ValidationFailed", "EditResult", "Editing", "editing",
           "update_node", "assign_departments", "add_node", "move_node", "delete_node", "plan_version", "node_snapshot"]


class _Keep:
    """The default of an optional field: leave what is stored."""

    def __repr__(self) -> str:
        return "KEEP"


KEEP: Any = _Keep()


class PlanConflict(KeikakuError):
    """The plan changed since the editor read it; nothing of this edit was written. ``current``
    is the plan's version now, ``attempted`` what the editor tried to save."""

    exit_code = 2
    http_status = 409

    def __init__(self, message: str, *, plan_id: int, current: str, attempted: dict[str, Any]):
        super().__init__(message)
        self.plan_id = plan_id
        self.current = current
        self.attempted = attempted


class DeleteNeedsConfirmation(KeikakuError):
    """A deletion that would take recorded work with it (actuals, sheets, progress): refused
    unless the caller confirms it."""

    exit_code = 2
    http_status = 409

    def __init__(self, message: str, *, usage: dict[str, int]):
        super().__init__(message)
        self.usage = usage


def fail(ja: str, en: str, *, code: str, field: str | None = None, **values: object) -> ValidationFailed:
    return ValidationFailed(f"{ja} / {en}", code=code, field=field, **values)


@dataclass(frozen=True)
class EditResult:
    """What an operation did: the plan's new version and the changed objects as they are now."""

    plan_id: int
    version: str
    changed: tuple[dict[str, Any], ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"plan_id": self.plan_id, "version": self.version, "changed": list(self.changed)}


@dataclass
class Editing:
    """One edit in progress: the session, the plan, the user, and what was changed so far."""

    session: Any
    plan: m.Plan
    user: UserInfo
    expected: str
    changed: list[dict[str, Any]] = field(default_factory=list)
    result: EditResult | None = None

    def node(self, ref: int | str) -> m.Node:
        if isinstance(ref, int):
            row = self.session.get(m.Node, ref)
            if row is None or row.plan_id != self.plan.id:
                raise NotFoundError(f"この計画にノード {ref} はありません / no node {ref} in this plan")
            return row
        return repo.find_node(self.session, plan_id=self.plan.id, ref=ref)

    def record(self, action: str, object_type: str, object_id: int | str, label: str | None,
               before: dict[str, Any] | None, after: dict[str, Any] | None) -> None:
        audit.record(self.session, user_name=self.user.name, action=action, object_type=object_type,
                     object_id=object_id, label=label,
                     before=None if before is None else {**before, "plan_version": self.expected},
                     after=after)
        self.changed.append({"type": object_type, "id": object_id, "action": action, **(after or {})})


def _digest(session: Any, plan: m.Plan) -> str:
    session.flush()
    session.expire_all()
    return content_hash(read_plan(session, plan=session.get(m.Plan, plan.id)))


@contextmanager
def editing(engine: Engine, *, user: UserInfo, plan: int | str, version: str, attempted: dict[str, Any]) -> Iterator[Editing]:
    """The transaction of one edit, with its permission check and compare-and-set (see the module)."""
    require(user, Action.EDIT_PLAN, what="the plan")
    with transaction(engine) as session:
        row = repo.get_plan(session, ref=plan)
        if not isinstance(version, str) or not store.claim_version(session, row.id, version):
            current = store.plan_version(session, row.id)
            raise PlanConflict(
                "計画はあなたが開いた後に変更されました。何も保存していません。現在の内容を確かめて、もう一度保存してください"
                f" / the plan was changed since you read it (your version {str(version)[:12]}, now {current[:12]}); "
                "nothing was saved: compare and save again",
                plan_id=row.id, current=current, attempted=attempted)
        edit = Editing(session=session, plan=row, user=user, expected=version)
        yield edit
        new = _digest(session, row)
        store.set_version(session, row.id, new)
        edit.result = EditResult(plan_id=row.id, version=new, changed=tuple(edit.changed))


def plan_version(engine: Engine, plan: int | str) -> str:
    with transaction(engine) as session:
        return repo.get_plan(session, ref=plan).content_sha256


# --- validation -----------------------------------------------------------------------

def text(value: str | None, name: str, *, limit: int, required: bool = False) -> str | None:
    if value is None:
        if required:
            raise fail(f"{name} を入力してください", f"{name} is required", code="missing", field=name)
        return None
    if not isinstance(value, str):
        raise fail(f"{name} は文字列です", f"{name} must be text", code="bad_type", field=name)
    value = value.strip()
    if required and not value:
        raise fail(f"{name} は空にできません", f"{name} cannot be empty", code="missing", field=name)
    if len(value) > limit:
        raise fail(f"{name} は {limit} 文字までです", f"{name} is longer than {limit} characters", code="too_long", field=name,
                   max=limit)
    if any(ord(c) < 32 and c not in "\n\t" for c in value):
        raise fail(f"{name} に制御文字があります", f"{name} contains control characters", code="bad_text", field=name)
    return value or None


def departments_list(names: Sequence[str], field_name: str = "departments") -> list[str]:
    out: list[str] = []
    for raw in names:
        name = text(raw, field_name, limit=pf.DEPARTMENT_CHARS)
        if name and name not in out:
            out.append(name)
    return out


def sdg_list(goals: Sequence[int | str]) -> list[int]:
    out: list[int] = []
    for raw in goals:
        try:
            goal = int(str(raw).strip())
        except ValueError:
            raise fail(f"SDGs の目標は 1〜17 の番号です: {str(raw)[:20]!r}", f"an SDG goal is a number 1-17, not {str(raw)[:20]!r}",
                       code="bad_sdg", field="sdgs") from None
        if not 1 <= goal <= 17:
            raise fail(f"SDGs の目標は 1〜17 の番号です: {goal}", f"an SDG goal is a number 1-17, not {goal}",
                       code="bad_sdg", field="sdgs")
        if goal not in out:
            out.append(goal)
    return out


# --- snapshots --------------------------------------------------------------------------

def node_label(node: m.Node) -> str:
    return " ".join(filter(None, [node.level, node.number, node.title]))


def node_snapshot(node: m.Node) -> dict[str, Any]:
    return {"key": node.key, "parent_id": node.parent_id, "position": node.position, "level": node.level,
            "number": node.number, "title": node.title,
            "departments": [d.department.name for d in node.department_links],
            "sdgs": [s.goal for s in node.sdg_links],
            "sections": [{"heading": s.heading, "text": s.text, "items": list(s.items)} for s in node.sections]}


# --- nodes ------------------------------------------------------------------------------

def _set_departments(edit: Editing, node: m.Node, names: list[str]) -> None:
    rows = [store.department_by_name(edit.session, edit.plan.municipality_id, n) for n in names]
    node.department_links.clear()
    edit.session.flush()
    node.department_links.extend(m.NodeDepartment(department=d, position=i) for i, d in enumerate(rows))


def _set_sdgs(edit: Editing, node: m.Node, goals: list[int]) -> None:
    node.sdg_links.clear()
    edit.session.flush()
    node.sdg_links.extend(m.NodeSdg(goal=g, position=i) for i, g in enumerate(goals))


def update_node(engine: Engine, *, user: UserInfo, plan: int | str, version: str, node: int | str,
                title: str | None = KEEP, number: str | None = KEEP, level: str | None = KEEP,
                departments: Sequence[str] = KEEP, sdgs: Sequence[int | str] = KEEP) -> EditResult:
    """Change a node's title, printed number, level word, departments (in order) and SDG goals;
    a field left at KEEP stays as stored."""
    attempted = {k: v for k, v in {"title": title, "number": number, "level": level, "departments": departments,
                                   "sdgs": sdgs}.items() if v is not KEEP}
    with editing(engine, user=user, plan=plan, version=version, attempted=attempted) as edit:
        row = edit.node(node)
        before = node_snapshot(row)
        if title is not KEEP:
            row.title = text(title, "title", limit=pf.NAME_CHARS, required=True)  # type: ignore[assignment]
        if level is not KEEP:
            row.level = text(level, "level", limit=pf.LEVEL_CHARS, required=True)  # type: ignore[assignment]
        if number is not KEEP:
            row.number = text(number, "number", limit=pf.LEVEL_CHARS)
            row.sort_key = sort_key(row.number)
        if departments is not KEEP:
            _set_departments(edit, row, departments_list(departments))
        if sdgs is not KEEP:
            _set_sdgs(edit, row, sdg_list(sdgs))
        edit.session.flush()
        store.reindex_node(edit.session, row)
        after = node_snapshot(row)
        if after != before:
            edit.record("update", "node", row.id, node_label(row), before, after)
    return edit.result  # type: ignore[return-value]


def assign_departments(engine: Engine, *, user: UserInfo, plan: int | str, version: str, nodes: Sequence[int | str],
                       departments: Sequence[str], replace: bool = False) -> EditResult:
    """Give several nodes the same departments at once: added after each node's own (or, with
    ``replace``, instead of them). One audit entry per node that changed."""
    attempted = {"nodes": list(nodes), "departments": list(departments), "replace": replace}
    with editing(engine, user=user, plan=plan, version=version, attempted=attempted) as edit:
        names = departments_list(departments)
        if not nodes:
            raise fail("ノードを選んでください", "choose at least one node", code="missing", field="nodes")
        if not names and not replace:
            raise fail("所管課を入力してください", "give at least one department", code="missing", field="departments")
        seen: set[int] = set()
        for ref in nodes:
            row = edit.node(ref)
            if row.id in seen:
                continue
            seen.add(row.id)
            before = node_snapshot(row)
            current = [] if replace else before["departments"]
            wanted = current + [n for n in names if n not in current]
            if wanted != before["departments"]:
                _set_departments(edit, row, wanted)
                edit.session.flush()
                edit.record("update", "node", row.id, node_label(row), before, node_snapshot(row))
    return edit.result  # type: ignore[return-value]


def _tree(session: Any, plan_id: int) -> tuple[dict[int, m.Node], dict[int | None, list[int]]]:
    rows = store.editor_nodes(session, plan_id)
    children: dict[int | None, list[int]] = {}
    for r in rows:
        children.setdefault(r.parent_id, []).append(r.id)
    return {r.id: r for r in rows}, children


def _place(nodes: dict[int, m.Node], children: dict[int | None, list[int]], moved: list[int], parent: int | None,
           index: int | None) -> list[int]:
    """The plan's node order with ``moved`` (a subtree, in its order) put at ``index`` among the
    children of ``parent``; every other node keeps its place in the document."""
    order = [n for n in sorted(nodes, key=lambda i: nodes[i].position) if n not in moved]
    siblings = [c for c in children.get(parent, []) if c not in moved]
    at = _index(index, siblings)
    if at < len(siblings):
        spot = order.index(siblings[at])
    elif parent is None:
        spot = len(order)
    else:
        under = set(_subtree(children, parent)) - set(moved)
        spot = max(order.index(n) for n in under) + 1
    return order[:spot] + moved + order[spot:]


def _subtree(children: dict[int | None, list[int]], node_id: int) -> list[int]:
    out = [node_id]
    for c in children.get(node_id, []):
        out += _subtree(children, c)
    return out


def _index(index: int | None, siblings: list[int]) -> int:
    if index is None:
        return len(siblings)
    if not isinstance(index, int) or index < 0:
        raise fail("位置は 0 以上の整数です", "the position is a whole number from 0", code="bad_position", field="index")
    return min(index, len(siblings))


def _new_key(session: Any, plan_id: int) -> str:
    keys = store.node_keys(session, plan_id)
    n = len(keys) + 1
    while f"edit-{n}" in keys:
        n += 1
    return f"edit-{n}"


def add_node(engine: Engine, *, user: UserInfo, plan: int | str, version: str, parent: int | str | None, level: str,
             title: str, number: str | None = None, index: int | None = None, departments: Sequence[str] = (),
             sdgs: Sequence[int | str] = ()) -> EditResult:
    """Add a node under ``parent`` (None: at the top) at ``index`` among its siblings (None: last)."""
    attempted = {"parent": parent, "level": level, "title": title, "number": number, "index": index}
    with editing(engine, user=user, plan=plan, version=version, attempted=attempted) as edit:
        session = edit.session
        parent_row = edit.node(parent) if parent is not None else None
        row = m.Node(plan_id=edit.plan.id, key=_new_key(session, edit.plan.id), parent_id=parent_row.id if parent_row else None,
                     position=0, level=text(level, "level", limit=pf.LEVEL_CHARS, required=True),
                     number=text(number, "number", limit=pf.LEVEL_CHARS),
                     title=text(title, "title", limit=pf.NAME_CHARS, required=True), fields=[])
        row.sort_key = sort_key(row.number)
        names, goals = departments_list(departments), sdg_list(sdgs)
        nodes, children = _tree(session, edit.plan.id)
        at = _index(index, children.get(row.parent_id, []))
        session.add(row)
        session.flush()
        _set_departments(edit, row, names)
        _set_sdgs(edit, row, goals)
        nodes[row.id] = row
        row.position = -1
        store.renumber(session, edit.plan.id, _place(nodes, children, [row.id], row.parent_id, at))
        session.flush()
        store.reindex_node(session, row)
        edit.record("create", "node", row.id, node_label(row), None, node_snapshot(row))
    return edit.result  # type: ignore[return-value]


def move_node(engine: Engine, *, user: UserInfo, plan: int | str, version: str, node: int | str,
              parent: int | str | None, index: int | None = None) -> EditResult:
    """Move a node (with everything under it) under ``parent`` (None: to the top) at ``index``
    among its new siblings (None: last). A node cannot go under itself or its descendants."""
    attempted = {"node": node, "parent": parent, "index": index}
    with editing(engine, user=user, plan=plan, version=version, attempted=attempted) as edit:
        session = edit.session
        row = edit.node(node)
        target = edit.node(parent) if parent is not None else None
        nodes, children = _tree(session, edit.plan.id)
        moved = _subtree(children, row.id)
        if target is not None and target.id in moved:
            raise fail("ノードを自分自身やその下位に移すことはできません", "a node cannot move under itself or its descendants",
                       code="cycle", field="parent")
        before = node_snapshot(row)
        moved.sort(key=lambda i: nodes[i].position)
        order = _place(nodes, children, moved, target.id if target else None, index)
        row.parent_id = target.id if target else None
        store.renumber(session, edit.plan.id, order)
        session.flush()
        edit.record("move", "node", row.id, node_label(row), before, node_snapshot(row))
    return edit.result  # type: ignore[return-value]


def delete_node(engine: Engine, *, user: UserInfo, plan: int | str, version: str, node: int | str,
                confirm: bool = False) -> EditResult:
    """Delete a node with everything under it (child nodes, indicators with their actuals,
    projects, actions, sheets). When actuals, sheets or project progress would go with it the
    deletion is refused (``DeleteNeedsConfirmation``) unless ``confirm``."""
    with editing(engine, user=user, plan=plan, version=version, attempted={"node": node, "confirm": confirm}) as edit:
        session = edit.session
        row = edit.node(node)
        nodes, children = _tree(session, edit.plan.id)
        ids = _subtree(children, row.id)
        used = store.usage(session, ids)
        if not used.empty and not confirm:
            raise DeleteNeedsConfirmation(
                f"{node_label(row)} の下には実績値 {used.actuals} 件・評価シート {used.sheets} 件・事業の進捗 {used.progress} 件が"
                "あります。削除するには確認してください / "
                f"{node_label(row)} holds {used.actuals} actuals, {used.sheets} sheets and {used.progress} progress records: "
                "confirm to delete them with it", usage=used.to_json())
        before = {**node_snapshot(row), "descendants": len(ids) - 1, "removed": used.to_json()}
        label = node_label(row)
        store.drop_search(session, edit.plan.id, "indicator", store.owned_ids(session, m.Indicator, ids))
        store.drop_search(session, edit.plan.id, "project", store.owned_ids(session, m.Project, ids))
        store.drop_search(session, edit.plan.id, "node", ids)
        keys = [n.key for n in session.scalars(select(m.Node).where(m.Node.id.in_(ids)))]
        before["links_removed"] = store.drop_links_to(session, edit.plan, keys)
        for node_id in reversed(ids):  # children first: no dangling parent on any backend
            session.delete(session.get(m.Node, node_id))
            session.flush()
        gone = set(ids)
        store.renumber(session, edit.plan.id, sorted((n for n in nodes if n not in gone), key=lambda i: nodes[i].position))
        edit.record("delete", "node", row.id, label, before, None)
    return edit.result  # type: ignore[return-value]
