"""Queries of the plan editor: the plan's version (a compare-and-set on ``content_sha256``), the
rows of one plan as the editor lists them, what hangs under nodes, and the search entries of
edited objects (deleted and added again: SQLite's FTS table follows inserts and deletes only)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session, selectinload

from keikaku.storage import models as m
from keikaku.storage.models import utcnow


def claim_version(session: Session, plan_id: int, expected: str) -> bool:
    """Take the plan for one edit if it is still at version ``expected``: an UPDATE whose WHERE
    checks the version, so that a second editor waits for the first (the row lock on PostgreSQL,
    the write lock on SQLite) and then finds no row. True when the plan was taken."""
    result = session.execute(
        update(m.Plan).where(m.Plan.id == plan_id, m.Plan.content_sha256 == expected)
        .values(updated_at=utcnow()).execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def set_version(session: Session, plan_id: int, digest: str) -> None:
    session.execute(update(m.Plan).where(m.Plan.id == plan_id).values(content_sha256=digest, updated_at=utcnow())
                    .execution_options(synchronize_session=False))


def plan_version(session: Session, plan_id: int) -> str:
    return session.scalar(select(m.Plan.content_sha256).where(m.Plan.id == plan_id)) or ""


def editor_nodes(session: Session, plan_id: int) -> Sequence[m.Node]:
    """The plan's nodes in document order, with their departments and SDG links."""
    return session.scalars(
        select(m.Node).where(m.Node.plan_id == plan_id).order_by(m.Node.position).options(
            selectinload(m.Node.sdg_links), selectinload(m.Node.sections),
            selectinload(m.Node.department_links).selectinload(m.NodeDepartment.department))
    ).all()


def editor_indicators(session: Session, plan_id: int) -> Sequence[m.Indicator]:
    return session.scalars(
        select(m.Indicator).where(m.Indicator.plan_id == plan_id).order_by(m.Indicator.position).options(
            selectinload(m.Indicator.interim_targets), selectinload(m.Indicator.department))
    ).all()


def departments_of(session: Session, municipality_id: int) -> list[str]:
    return list(session.scalars(select(m.Department.name).where(m.Department.municipality_id == municipality_id)
                                .order_by(m.Department.name)))


def department_by_name(session: Session, municipality_id: int, name: str) -> m.Department:
    """The municipality's department named ``name``, created when it is new."""
    row = session.scalar(select(m.Department).where(m.Department.municipality_id == municipality_id,
                                                    m.Department.name == name))
    if row is None:
        row = m.Department(municipality_id=municipality_id, name=name)
        session.add(row)
        session.flush()
    return row


def indicators_named(session: Session, plan_id: int, name: str) -> Sequence[m.Indicator]:
    return session.scalars(select(m.Indicator).where(m.Indicator.plan_id == plan_id, m.Indicator.name == name)
                           .order_by(m.Indicator.position)).all()


def node_keys(session: Session, plan_id: int) -> set[str]:
    return set(session.scalars(select(m.Node.key).where(m.Node.plan_id == plan_id)))


@dataclass(frozen=True)
class Usage:
    """What the evaluation cycles recorded under some nodes: actuals entered in a cycle (or
    printed), evaluation sheets, and project progress."""

    actuals: int
    sheets: int
    progress: int

    @property
    def empty(self) -> bool:
        return not (self.actuals or self.sheets or self.progress)

    def to_json(self) -> dict[str, int]:
        return {"actuals": self.actuals, "sheets": self.sheets, "progress": self.progress}


def usage(session: Session, node_ids: Iterable[int]) -> Usage:
    ids = list(node_ids)
    if not ids:
        return Usage(0, 0, 0)
    actuals = session.scalar(select(func.count()).select_from(m.Observation).join(m.Indicator)
                             .where(m.Indicator.node_id.in_(ids))) or 0
    sheets = session.scalar(select(func.count()).select_from(m.EvaluationSheet)
                            .where(m.EvaluationSheet.node_id.in_(ids))) or 0
    progress = session.scalar(select(func.count()).select_from(m.ProjectProgress).join(m.Project)
                              .where(m.Project.node_id.in_(ids))) or 0
    return Usage(actuals, sheets, progress)


def indicator_usage(session: Session, indicator_id: int) -> int:
    return session.scalar(select(func.count()).select_from(m.Observation)
                          .where(m.Observation.indicator_id == indicator_id)) or 0


def project_usage(session: Session, project_id: int) -> int:
    """How many progress records (one a year) the project has."""
    return session.scalar(select(func.count()).select_from(m.ProjectProgress)
                          .where(m.ProjectProgress.project_id == project_id)) or 0


def next_position(session: Session, model: type[m.Base], plan_id: int) -> int:
    """The position after the last of the plan's rows of ``model`` (indicators, projects, links): 0 for the first."""
    top = session.scalar(select(func.max(model.position)).where(model.plan_id == plan_id))  # type: ignore[attr-defined]
    return 0 if top is None else top + 1


def owned_ids(session: Session, model: type[m.Base], node_ids: Iterable[int]) -> list[int]:
    """The ids of the rows of ``model`` (indicators, projects) under these nodes."""
    ids = list(node_ids)
    if not ids:
        return []
    return list(session.scalars(select(model.id).where(model.node_id.in_(ids))))  # type: ignore[attr-defined]


def drop_search(session: Session, plan_id: int, kind: str, ref_ids: Iterable[int]) -> None:
    ids = list(ref_ids)
    if ids:
        session.execute(delete(m.SearchEntry).where(m.SearchEntry.plan_id == plan_id, m.SearchEntry.kind == kind,
                                                    m.SearchEntry.ref_id.in_(ids)))


def _text_of(sections: Iterable[m.NodeSection]) -> str:
    return "\n".join(filter(None, [t for s in sections for t in [s.heading, s.text, *s.items]]))


def reindex_node(session: Session, node: m.Node) -> None:
    """The node's search entry as loading the plan writes it: level, number and title; its
    texts and the titles and items of its actions."""
    drop_search(session, node.plan_id, "node", [node.id])
    actions = session.scalars(select(m.Action).where(m.Action.node_id == node.id).order_by(m.Action.position)).all()
    title = " ".join(filter(None, [node.level, node.number, node.title]))
    body = "\n".join(filter(None, [node.name, node.subtitle, "、".join(node.fields), _text_of(node.sections),
                                   *[t for a in actions for t in [a.title, *a.items]]]))
    session.add(m.SearchEntry(plan_id=node.plan_id, kind="node", ref_id=node.id, title=title, body=body))


def reindex_indicator(session: Session, row: m.Indicator) -> None:
    drop_search(session, row.plan_id, "indicator", [row.id])
    session.add(m.SearchEntry(plan_id=row.plan_id, kind="indicator", ref_id=row.id, title=row.name,
                              body="\n".join(filter(None, [row.definition, *row.notes]))))


def reindex_project(session: Session, row: m.Project) -> None:
    drop_search(session, row.plan_id, "project", [row.id])
    session.add(m.SearchEntry(plan_id=row.plan_id, kind="project", ref_id=row.id, title=row.name, body=""))


def renumber(session: Session, plan_id: int, order: Sequence[int]) -> None:
    """Give the plan's nodes the positions of ``order`` (node ids, parents before children).
    Two passes, so that no two rows ever share a position on the way."""
    nodes = {n.id: n for n in session.scalars(select(m.Node).where(m.Node.plan_id == plan_id))}
    top = len(order) + 1
    for i, node_id in enumerate(order):
        nodes[node_id].position = top + i
    session.flush()
    for i, node_id in enumerate(order):
        nodes[node_id].position = i


def drop_links_to(session: Session, plan: m.Plan, node_keys: Sequence[str]) -> int:
    """Delete the plan's links to these nodes of its own (a link names its target by key); the number deleted."""
    if not node_keys:
        return 0
    mine = (m.NodeLink.target_plan_key.is_(None)) | (m.NodeLink.target_plan_key == plan.key)
    result = session.execute(delete(m.NodeLink).where(m.NodeLink.plan_id == plan.id, mine,
                                                      m.NodeLink.target_node_key.in_(list(node_keys)))
                             .execution_options(synchronize_session=False))
    return result.rowcount or 0
