"""Which stored plans are revisions of one another: the draft ↔ final links shown on every public page.

Two plans are linked when

* **the revision chain** says so: plan B's ``revision_of`` is plan A's key (B follows A; the
  importer sets it when a changed edition, or the final text of a draft, is imported), or
* **draft and final** go together: when a draft has no revision link to an adopted plan (in either
  direction), it is paired with the adopted plan of the same municipality and kind whose
  generation, half and period agree with it — equal, or unknown on either side — provided there is
  exactly one such adopted plan. An adopted plan may so gain several drafts (骨子案 and 素案).

The earlier plan of a pair is the one revised (``revision_of``), or the draft.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from keikaku.domain.enums import PlanStatus, status_word
from keikaku.storage import models as m


@dataclass(frozen=True)
class RevisionLink:
    """Another plan linked to the one shown: ``relation`` says which of the two comes first."""

    id: int
    title: str
    status: str
    status_label: str | None
    status_word: str  # in Japanese: 骨子案, 素案, 案 or 策定済
    relation: Literal["earlier", "later"]  # the other plan is the earlier text (the draft) or the later one (the final)
    basis: Literal["revision_of", "draft_final"]  # how the two were linked (see the module's text)
    url: str
    diff_url: str  # the two side by side, the earlier plan on the left


def diff_url(earlier_id: int, later_id: int) -> str:
    return f"/plans/{earlier_id}/diff/{later_id}"


def _agrees(x: object, y: object) -> bool:
    return x is None or y is None or x == y


def _belong_together(draft: m.Plan, final: m.Plan) -> bool:
    return (draft.municipality_id == final.municipality_id and draft.kind == final.kind
            and _agrees(draft.generation, final.generation) and _agrees(draft.half, final.half)
            and _agrees(draft.period_start, final.period_start) and _agrees(draft.period_end, final.period_end))


def _link(other: m.Plan, relation: Literal["earlier", "later"], basis: Literal["revision_of", "draft_final"], this_id: int) -> RevisionLink:
    earlier, later = (other.id, this_id) if relation == "earlier" else (this_id, other.id)
    return RevisionLink(other.id, other.title, other.status, other.status_label, status_word(other.status, other.status_label),
                        relation, basis, f"/plans/{other.id}", diff_url(earlier, later))


def revision_links(session: Session, plan_ids: Iterable[int]) -> dict[int, list[RevisionLink]]:
    """For each of ``plan_ids``, the plans it is linked with (earlier ones first), from two queries."""
    ids = set(plan_ids)
    if not ids:
        return {}
    wanted = session.scalars(select(m.Plan).where(m.Plan.id.in_(ids))).all()
    municipalities = {p.municipality_id for p in wanted}
    keys = {p.key for p in wanted}
    revised = {p.revision_of_key for p in wanted if p.revision_of_key}
    # every plan that can be linked: the same municipalities' plans, and plans named by or naming a revision
    pool = {p.id: p for p in session.scalars(select(m.Plan).where(or_(
        m.Plan.municipality_id.in_(municipalities), m.Plan.key.in_(revised), m.Plan.revision_of_key.in_(keys))))}
    pairs = _pairs(list(pool.values()))
    out: dict[int, list[RevisionLink]] = {i: [] for i in ids}
    for earlier, later, basis in pairs:
        if earlier.id in out:
            out[earlier.id].append(_link(later, "later", basis, earlier.id))
        if later.id in out:
            out[later.id].append(_link(earlier, "earlier", basis, later.id))
    for links in out.values():
        links.sort(key=lambda r: (r.relation != "earlier", r.id))
    return out


def _pairs(plans: list[m.Plan]) -> list[tuple[m.Plan, m.Plan, Literal["revision_of", "draft_final"]]]:
    """(earlier, later, basis) for every linked pair among ``plans``."""
    by_key = {p.key: p for p in plans}
    out: list[tuple[m.Plan, m.Plan, Literal["revision_of", "draft_final"]]] = []
    for p in plans:
        earlier = by_key.get(p.revision_of_key) if p.revision_of_key else None
        if earlier is not None and earlier.id != p.id:
            out.append((earlier, p, "revision_of"))
    drafts_with_final = {d.id for pair in out for d, f in (pair[:2], pair[1::-1])
                         if d.status == PlanStatus.DRAFT and f.status == PlanStatus.ADOPTED}
    finals = [p for p in plans if p.status == PlanStatus.ADOPTED]
    for draft in plans:
        if draft.status != PlanStatus.DRAFT or draft.id in drafts_with_final:
            continue
        candidates = [f for f in finals if _belong_together(draft, f)]
        if len(candidates) == 1:
            out.append((draft, candidates[0], "draft_final"))
    return out
