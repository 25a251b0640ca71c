"""Importing plan documents: extract each file and store it, keeping earlier versions as revisions."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, select

from keikaku.domain import planfile as pf
from keikaku.domain.errors import EmptyExtractionError, IncompleteExtractionError
from keikaku.importer.pipeline import Extraction, extract_file
from keikaku.importer.report import ExtractionReport
from keikaku.services.plans import LoadOutcome, LoadResult, default_key, load_plan
from keikaku.storage import models as m
from keikaku.storage import repository as repo
from keikaku.storage.database import transaction


@dataclass(frozen=True)
class ImportResult:
    path: Path
    load: LoadResult
    revision_of: str | None
    report: ExtractionReport


def _keyed(engine: Engine, doc: pf.PlanDocument, municipality: str | None) -> pf.PlanDocument:
    """Give an extracted plan its key; a changed edition of a stored plan gets its own key and a revision link."""
    with transaction(engine) as session:
        name = municipality or doc.municipality
        muni = repo.find_municipality(session, ref=name) if name else None
        code = muni.code if muni else doc.municipality_code
        if code is None:
            return doc  # load_plan reports the missing municipality
        base = default_key(code, doc)
        final_key = default_key(code, doc.model_copy(update={"status": "adopted"}))
        same_title = session.scalars(
            select(m.Plan).where(m.Plan.key.in_([base, final_key, f"{final_key}:draft"]) | m.Plan.key.startswith(f"{base}@"))
            .order_by(m.Plan.id)
        ).all()
        exact = next((p for p in same_title if p.source_sha256 == doc.source_sha256), None)
        if exact is not None:
            return doc.model_copy(update={"key": exact.key, "revision_of": exact.revision_of_key})
        earlier = list(same_title)
        if not earlier:
            return doc.model_copy(update={"key": base})
        taken = {p.key for p in same_title}
        key = base if base not in taken else f"{base}@{(doc.source_sha256 or '')[:8]}"
        return doc.model_copy(update={"key": key, "revision_of": earlier[-1].key})


def import_extraction(engine: Engine, extraction: Extraction, *, municipality: str | None = None,
                      strict: bool = False) -> ImportResult:
    """Store one extracted plan; with ``strict``, refuse (storing nothing) a plan without a tree or indicators.

    A document that gave nothing at all (a damaged file, a page of prose) is always refused: an
    empty plan is never stored, least of all as a revision of a real one.
    """
    if strict and not extraction.report.complete:
        raise IncompleteExtractionError(extraction.raw.name, list(extraction.report.warnings))
    plan = extraction.plan
    if not (plan.nodes or plan.indicators or plan.projects):
        raise EmptyExtractionError(extraction.raw.name)
    doc = _keyed(engine, extraction.plan, municipality)
    result = load_plan(engine, doc, municipality=municipality)
    return ImportResult(Path(extraction.raw.name), result, doc.revision_of, extraction.report)


def import_file(engine: Engine, path: Path, *, municipality: str | None = None, strict: bool = False,
                ocr: bool = True) -> ImportResult:
    """Extract one document and store it in one transaction; the same document again changes nothing."""
    return import_extraction(engine, extract_file(path, ocr=ocr), municipality=municipality, strict=strict)


__all__ = ["ImportResult", "LoadOutcome", "import_extraction", "import_file"]
