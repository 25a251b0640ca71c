"""Two revisions of a plan compared: the read model of the diff page, its JSON twin and ``keikaku diff``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine

from keikaku.domain import planfile as pf
from keikaku.domain.alignment import NUMBERED_THRESHOLD, SIMILAR_THRESHOLD, Alignment, NodeRef, align
from keikaku.domain.enums import status_word
from keikaku.storage import repository as repo
from keikaku.storage.database import transaction
from keikaku.storage.plan_store import read_plan
from keikaku.services.revision_links import RevisionLink, diff_url, revision_links


@dataclass(frozen=True)
class DiffSide:
    id: int
    key: str
    title: str
    kind: str
    status: str
    status_label: str | None
    status_word: str  # Japanese: 骨子案, 素案, 案 or 策定済
    municipality: str
    period: tuple[int, int] | None
    url: str


@dataclass(frozen=True)
class DiffRow:
    """One line of the side-by-side view: ``change`` is same, reworded, moved, removed (only in A) or added (only in B)."""

    change: str
    a: NodeRef | None
    b: NodeRef | None
    a_url: str | None
    b_url: str | None
    score: float | None


@dataclass
class PlanDiff:
    a: DiffSide
    b: DiffSide
    alignment: Alignment
    rows: list[DiffRow]
    counts: dict[str, int]
    linked: RevisionLink | None  # how the two plans are linked, when they are (seen from A)
    swap_url: str
    thresholds: dict[str, float] = field(default_factory=lambda: {"similar": SIMILAR_THRESHOLD, "numbered": NUMBERED_THRESHOLD})

    def to_json(self) -> dict[str, Any]:
        """The alignment (``pairs``, ``only_a``, ``only_b``, ``indicators``) with the two plans named."""
        side = lambda s: {"id": s.id, "key": s.key, "title": s.title, "kind": s.kind, "status": s.status,  # noqa: E731
                          "status_label": s.status_label, "status_word": s.status_word, "url": s.url}
        return {"plan_a": side(self.a), "plan_b": side(self.b), **self.alignment.to_json(), "counts": self.counts}


def _side(plan: Any) -> DiffSide:
    period = (plan.period_start, plan.period_end) if plan.period_start is not None else None
    return DiffSide(plan.id, plan.key, pf.cut_text(plan.title, pf.TITLE_CHARS), plan.kind, plan.status, plan.status_label,
                    status_word(plan.status, plan.status_label), plan.municipality.name, period, f"/plans/{plan.id}")


def diff_plans(engine: Engine, plan_a: str | int, plan_b: str | int, *, include_drafts: bool = False) -> PlanDiff:
    """Plan A (the earlier text) aligned with plan B; plans are given by id or key.

    ``include_drafts`` is for the command line (staff): the public page leaves out unapproved actuals.
    """
    with transaction(engine) as session:
        rows_a, rows_b = repo.get_plan(session, ref=plan_a), repo.get_plan(session, ref=plan_b)
        doc_a = read_plan(session, plan=rows_a, include_drafts=include_drafts)
        doc_b = read_plan(session, plan=rows_b, include_drafts=include_drafts)
        node_ids_a = {n.key: n.id for n in repo.plan_nodes(session, plan_id=rows_a.id)}
        node_ids_b = {n.key: n.id for n in repo.plan_nodes(session, plan_id=rows_b.id)}
        side_a, side_b = _side(rows_a), _side(rows_b)
        linked = next((r for r in revision_links(session, [rows_a.id]).get(rows_a.id, []) if r.id == rows_b.id), None)
    alignment = align(doc_a, doc_b)
    scores = {(p.a.index, p.b.index): p.score for p in alignment.pairs}

    def url(ids: dict[str, int], ref: NodeRef | None) -> str | None:
        return f"/nodes/{ids[ref.id]}" if ref is not None and ref.id in ids else None

    rows = [DiffRow(change, a, b, url(node_ids_a, a), url(node_ids_b, b), scores.get((a.index, b.index)) if a and b else None)
            for a, b, change in alignment.rows()]
    return PlanDiff(side_a, side_b, alignment, rows, alignment.counts(), linked, diff_url(side_b.id, side_a.id))


def plan_revisions(engine: Engine, plan_id: int) -> list[RevisionLink]:
    """The plans linked with one plan as its draft or final (see ``revision_links``)."""
    with transaction(engine) as session:
        return revision_links(session, [plan_id]).get(plan_id, [])


def links_of(engine: Engine, plan_ids: list[int]) -> dict[int, list[RevisionLink]]:
    """The draft/final links of several plans at once."""
    with transaction(engine) as session:
        return revision_links(session, plan_ids)
