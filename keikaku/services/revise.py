"""Re-importing a corrected or newer edition of a stored plan: preview, correct in place, or store as a revision.

``preview`` writes nothing: it pairs the new edition with the stored plan (keikaku.domain.matching)
and lists what would be added, removed and changed, with the figures, and which entered data a
removal would delete. ``correct_in_place`` applies it in one transaction keeping the ids of every
paired node, indicator and project; ``store_as_revision`` stores it beside the plan, linked by
``revision_of``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from keikaku.domain import planfile as pf
from keikaku.domain.errors import EmptyExtractionError
from keikaku.domain.matching import Change, ChangeSet, change_set, match_plans
from keikaku.services import audit
from keikaku.services.plans import LoadResult, content_hash, load_plan
from keikaku.storage import models as m
from keikaku.storage import repository as repo
from keikaku.storage.database import transaction
from keikaku.storage.plan_update import Loss, OrphaningRefused, Update, comparable_document, losses_of

__all__ = ["OrphaningRefused", "Preview", "correct_in_place", "extract_edition", "preview", "record_update", "store_as_revision"]

AUDIT_LIST = 200  # at most this many records named in an audit entry's lists


@dataclass(frozen=True)
class Preview:
    plan_id: int
    plan_key: str
    plan_title: str
    changes: ChangeSet
    losses: list[Loss]
    ids: dict[tuple[str, int], int]  # (kind, index in the stored plan) → database id

    def id_of(self, change: Change) -> int | None:
        return self.ids.get((change.kind, change.old)) if change.old is not None else None

    def to_json(self) -> dict[str, Any]:
        def item(c: Change) -> dict[str, Any]:
            out = c.to_json()
            if (ident := self.id_of(c)) is not None:
                out["id"] = ident
            return out

        return {
            "plan": {"id": self.plan_id, "key": self.plan_key, "title": self.plan_title},
            "added": [item(c) for c in self.changes.added],
            "removed": [item(c) for c in self.changes.removed],
            "changed": [item(c) for c in self.changes.changed],
            "orphans": [x.to_json() for x in self.losses],
        }


def extract_edition(path: Path, *, ocr: bool = True, name: str | None = None) -> pf.PlanDocument:
    """The plan read from a document; one from which nothing of a plan was read is refused."""
    from keikaku.importer.pipeline import extract_file

    extraction = extract_file(path, ocr=ocr)
    plan = extraction.plan
    if not (plan.nodes or plan.indicators or plan.projects):
        raise EmptyExtractionError(name or extraction.raw.name)
    return plan.model_copy(update={"source": name}) if name else plan


def _resolved(session: Session, plan: m.Plan, doc: pf.PlanDocument) -> pf.PlanDocument:
    """The edition as the stored plan's new content: its key, municipality and links; the rest as read."""
    return doc.model_copy(update={
        "key": plan.key, "municipality": plan.municipality.name, "municipality_code": plan.municipality.code,
        "revision_of": plan.revision_of_key,
        "parent": doc.parent or (pf.PlanRef(plan=plan.parent_plan_key, node=plan.parent_node_key) if plan.parent_plan_key else None),
        "generation": doc.generation or plan.generation, "half": doc.half or plan.half,
    })


def _ids(session: Session, plan_id: int) -> dict[tuple[str, int], int]:
    out: dict[tuple[str, int], int] = {}
    for kind, model in (("node", m.Node), ("indicator", m.Indicator), ("project", m.Project)):
        rows = session.scalars(select(model.id).where(model.plan_id == plan_id).order_by(model.position, model.id))
        out.update({(kind, k): ident for k, ident in enumerate(rows)})
    return out


def preview(engine: Engine, plan: str | int, doc: pf.PlanDocument) -> Preview:
    """What correcting ``plan`` in place with ``doc`` would add, remove and change; nothing is written."""
    problems = pf.reference_problems(doc)
    if problems:
        raise pf.PlanFileError(doc.source or doc.title, problems)
    with transaction(engine) as session:
        row = repo.get_plan(session, ref=plan)
        new = _resolved(session, row, doc)
        old = comparable_document(session, plan=row)
        changes = change_set(old, new, match_plans(old, new))
        losses = losses_of(session, plan=row, old=old, new=new, changes=changes)
        return Preview(row.id, row.key, row.title, changes, losses, _ids(session, row.id))


def correct_in_place(engine: Engine, plan: str | int, doc: pf.PlanDocument, *, confirm: bool = False,
                     user_name: str | None = None) -> LoadResult:
    """Apply ``doc`` to ``plan`` in one transaction, keeping identities; ``OrphaningRefused`` unless ``confirm``
    when entered data would go. Audited when ``user_name`` is given or entered data goes."""
    with transaction(engine) as session:
        row = repo.get_plan(session, ref=plan)
        new = _resolved(session, row, doc)
    return load_plan(engine, new, confirm_orphans=confirm, user_name=user_name)


def store_as_revision(engine: Engine, plan: str | int, doc: pf.PlanDocument) -> LoadResult:
    """Store ``doc`` as a new plan beside ``plan``, linked to it as its revision (the same edition again changes nothing)."""
    with transaction(engine) as session:
        row = repo.get_plan(session, ref=plan)
        base = doc.model_copy(update={"municipality": row.municipality.name, "municipality_code": row.municipality.code,
                                      "revision_of": row.key, "key": None})
        stem = f"{row.key.split('@', 1)[0]}@{(doc.source_sha256 or content_hash(base))[:8]}"
        key, n = stem, 1
        while (other := repo.plan_by_key(session, key=key)) is not None and other.revision_of_key != row.key:
            n += 1
            key = f"{stem}-{n}"
    return load_plan(engine, base.model_copy(update={"key": key}))


def _label(c: Change) -> str:
    return " ".join(filter(None, [c.kind, c.level, c.number, c.name]))


def record_update(session: Session, *, plan: m.Plan, update: Update, before_sha256: str | None, user_name: str | None) -> None:
    """Audit one in-place update of a plan: what it added, removed and changed, and the entered data it deleted."""
    changes = update.changes
    audit.record(
        session, user_name=user_name, action="orphan" if update.losses else "correct", object_type="plan_correction",
        object_id=plan.id, label=plan.key,
        before={"content_sha256": before_sha256, "orphaned": [x.to_json() for x in update.losses],
                "removed": [_label(c) for c in changes.removed[:AUDIT_LIST]]},
        after={"content_sha256": plan.content_sha256, "added": [_label(c) for c in changes.added[:AUDIT_LIST]],
               "changed": [_label(c) + ": " + ", ".join(f.field for f in c.fields) for c in changes.changed[:AUDIT_LIST]]},
    )
