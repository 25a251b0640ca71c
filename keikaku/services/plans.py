"""Loading, dumping, listing and browsing plans."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from keikaku.domain import planfile as pf
from keikaku.domain.errors import FieldProblem, PlanFileError
from keikaku.domain.municipality import normalize_code
from keikaku.storage import models as m
from keikaku.storage import repository as repo
from keikaku.storage.database import transaction
from keikaku.storage.plan_store import read_plan, write_plan_content
from keikaku.storage.plan_update import Update, update_plan_content

MAX_PLAN_FILE_BYTES = 64 * 1024 * 1024


class LoadOutcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class LoadResult:
    plan_id: int
    key: str
    outcome: LoadOutcome
    nodes: int
    indicators: int


@dataclass(frozen=True)
class MunicipalitySummary:
    code: str
    name: str
    fictional: bool


@dataclass(frozen=True)
class PlanSummary:
    id: int
    key: str
    municipality: MunicipalitySummary
    title: str
    kind: str
    status: str
    period: tuple[int, int] | None
    status_label: str | None = None  # a draft's printed word (骨子案, 素案 …)

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "key": self.key,
            "municipality": {"code": self.municipality.code, "name": self.municipality.name},
            "title": self.title,
            "kind": self.kind,
            "status": self.status,
            "status_label": self.status_label,
            "period": {"start": self.period[0], "end": self.period[1]} if self.period else None,
        }


@dataclass
class TreeNode:
    key: str
    level: str
    number: str | None
    title: str
    indicators: int = 0
    projects: int = 0
    actions: int = 0
    children: list[TreeNode] = field(default_factory=list)


@dataclass(frozen=True)
class PlanTree:
    plan: PlanSummary
    vision: str | None
    roots: list[TreeNode]


def read_plan_file(path: Path) -> pf.PlanDocument:
    """Read and validate a plan file from disk, with clear errors for unreadable input."""
    name = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise PlanFileError(name, [FieldProblem("", f"cannot read file: {exc.strerror}")]) from None
    if size == 0:
        raise PlanFileError(name, [FieldProblem("", "the file is empty")])
    if size > MAX_PLAN_FILE_BYTES:
        raise PlanFileError(name, [FieldProblem("", f"the file is {size} bytes; the limit is {MAX_PLAN_FILE_BYTES}")])
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PlanFileError(name, [FieldProblem(f"byte {exc.start}", "not UTF-8 text (plan files are UTF-8 JSON)")]) from None
    return pf.parse_plan_json(text, name)


def default_key(code: str, doc: pf.PlanDocument) -> str:
    """A readable key for a plan file that gives none: municipality code, title, and draft marker."""
    key = f"{code}:{doc.title}"
    return key + ":draft" if doc.status == "draft" else key


def content_hash(doc: pf.PlanDocument) -> str:
    data = json.dumps(doc.to_json_dict(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def load_plan(engine: Engine, doc: pf.PlanDocument, *, municipality: str | None = None, confirm_orphans: bool = False,
              user_name: str | None = None) -> LoadResult:
    """Store a plan in one transaction: new, updated in place (same key, new content) or left as it is.

    An update keeps the ids of the nodes, indicators and projects it pairs (keikaku.storage.plan_update);
    one that would delete entered actuals or evaluations is refused unless ``confirm_orphans``, and is
    then audited (as is every update made with a ``user_name``).

    Every plan passes the plan file's own reference checks first, however it was made (a file,
    the importer, a script), so that whatever is stored can be dumped and loaded back.
    """
    problems = pf.reference_problems(doc)
    if problems:
        raise PlanFileError(doc.source or doc.key or doc.title, problems)
    try:
        return _store(engine, doc, municipality, confirm_orphans, user_name)
    except IntegrityError:
        # the same plan (or its municipality) was stored by another process at the same moment:
        # load again, which now finds it and says so (unchanged) or replaces it
        return _store(engine, doc, municipality, confirm_orphans, user_name)


def _store(engine: Engine, doc: pf.PlanDocument, municipality: str | None, confirm_orphans: bool = False,
           user_name: str | None = None) -> LoadResult:
    with transaction(engine) as session:
        code, name = doc.municipality_code, doc.municipality
        if municipality:
            given = repo.find_municipality(session, ref=municipality)
            if given is None:
                raise repo.NotFoundError(f"unknown municipality {municipality!r}")
            if (code and normalize_code(code) != given.code) or (name and name != given.name):
                raise PlanFileError("--municipality", [FieldProblem("municipality", f"the file names {code or name}, not {given.name}")])
            code, name = given.code, given.name
        muni = repo.resolve_municipality(session, code=code, name=name)
        resolved = doc.model_copy(update={
            "key": doc.key or default_key(muni.code, doc), "municipality": muni.name, "municipality_code": muni.code,
        })
        digest = content_hash(resolved)
        plan = repo.plan_by_key(session, key=resolved.key)
        if plan is not None and plan.municipality_id != muni.id:
            raise PlanFileError(resolved.key, [FieldProblem("key", f"plan key belongs to another municipality ({plan.municipality.name})")])
        if plan is not None and plan.content_sha256 == digest:
            outcome = LoadOutcome.UNCHANGED
        else:
            outcome = LoadOutcome.CREATED if plan is None else LoadOutcome.UPDATED
            update: Update | None = None
            if plan is None:
                plan = m.Plan(key=resolved.key, municipality_id=muni.id)
                session.add(plan)
            else:
                previous = plan.content_sha256
                update = update_plan_content(session, plan=plan, doc=resolved, confirm=confirm_orphans)
            plan.kind, plan.title, plan.status, plan.status_label = resolved.kind, resolved.title, resolved.status, resolved.status_label
            plan.generation, plan.half, plan.vision = resolved.generation, resolved.half, resolved.vision
            plan.period_start = resolved.period.start if resolved.period else None
            plan.period_end = resolved.period.end if resolved.period else None
            plan.parent_plan_key = resolved.parent.plan if resolved.parent else None
            plan.parent_node_key = resolved.parent.node if resolved.parent else None
            plan.revision_of_key = resolved.revision_of
            plan.source_file, plan.source_sha256 = resolved.source, resolved.source_sha256
            plan.content_sha256 = digest
            plan.updated_at = m.utcnow()
            session.flush()
            if update is None:
                write_plan_content(session, plan=plan, doc=resolved)
            elif update.losses or user_name is not None:
                from keikaku.services.revise import record_update

                record_update(session, plan=plan, update=update, before_sha256=previous, user_name=user_name)
        return LoadResult(plan.id, plan.key, outcome, len(resolved.nodes), len(resolved.indicators))


def load_plan_file(engine: Engine, path: Path, *, municipality: str | None = None, confirm_orphans: bool = False) -> LoadResult:
    return load_plan(engine, read_plan_file(path), municipality=municipality, confirm_orphans=confirm_orphans)


def dump_plan(engine: Engine, ref: str | int) -> pf.PlanDocument:
    with transaction(engine) as session:
        return read_plan(session, plan=repo.get_plan(session, ref=ref))


def _summary(plan: m.Plan) -> PlanSummary:
    muni = plan.municipality
    period = (plan.period_start, plan.period_end) if plan.period_start is not None else None
    return PlanSummary(
        id=plan.id, key=plan.key, municipality=MunicipalitySummary(muni.code, muni.name, muni.fictional),
        title=pf.cut_text(plan.title, pf.TITLE_CHARS), kind=plan.kind, status=plan.status, period=period,
        status_label=plan.status_label,
    )


def list_plans(engine: Engine, *, municipality: str | None = None) -> list[PlanSummary]:
    with transaction(engine) as session:
        muni_id = None
        if municipality:
            muni = repo.find_municipality(session, ref=municipality)
            if muni is None:
                raise repo.NotFoundError(f"unknown municipality {municipality!r}")
            muni_id = muni.id
        return [_summary(p) for p in repo.list_plans(session, municipality_id=muni_id)]


def plan_tree(engine: Engine, ref: str | int, *, node: str | None = None) -> PlanTree:
    """The tree of a plan (or of one node), with counts of what hangs under each node."""
    with transaction(engine) as session:
        plan = repo.get_plan(session, ref=ref)
        rows = repo.plan_nodes(session, plan_id=plan.id)
        counts: dict[int, dict[str, int]] = {}
        for model, label in ((m.Indicator, "indicators"), (m.Project, "projects"), (m.Action, "actions")):
            for row in session.query(model.node_id).filter(model.plan_id == plan.id, model.node_id.is_not(None)):
                counts.setdefault(row.node_id, {}).setdefault(label, 0)
                counts[row.node_id][label] += 1
        items = {
            r.id: TreeNode(r.key, r.level, r.number, r.title, **counts.get(r.id, {})) for r in rows
        }
        roots: list[TreeNode] = []
        for r in sorted(rows, key=lambda r: (r.position,)):
            (items[r.parent_id].children if r.parent_id else roots).append(items[r.id])
        if node is not None:
            roots = [items[repo.find_node(session, plan_id=plan.id, ref=node).id]]
        return PlanTree(plan=_summary(plan), vision=plan.vision, roots=roots)


@dataclass(frozen=True)
class NodeDetail:
    """One node with everything that hangs under it, for ``show PLAN NODE`` and the node page."""

    plan: PlanSummary
    node: pf.Node
    children: list[pf.Node]
    indicators: list[pf.Indicator]
    projects: list[pf.Project]
    actions: list[pf.Action]
    roles: list[pf.ActorRole]
    links: list[pf.Link]
    individual_plans: list[pf.IndividualPlan]


def node_detail(engine: Engine, ref: str | int, node: str) -> NodeDetail:
    with transaction(engine) as session:
        plan = repo.get_plan(session, ref=ref)
        key = repo.find_node(session, plan_id=plan.id, ref=node).key
        doc = read_plan(session, plan=plan)
        summary = _summary(plan)
    return NodeDetail(
        plan=summary,
        node=next(n for n in doc.nodes if n.id == key),
        children=[n for n in doc.nodes if n.parent == key],
        indicators=[i for i in doc.indicators if i.node == key],
        projects=[p for p in doc.projects if p.node == key],
        actions=[a for a in doc.actions if a.node == key],
        roles=[r for r in doc.roles if r.node == key],
        links=[link for link in doc.links if link.source == key],
        individual_plans=[r for r in doc.individual_plans if r.node == key],
    )


EXAMPLE_DIR = Path(__file__).resolve().parent.parent / "data" / "example"


def example_files() -> list[Path]:
    """The bundled fictional city's plan files, parents first."""
    return sorted(EXAMPLE_DIR.glob("*.json"), key=lambda p: (0 if "comprehensive" in p.name else 1, p.name))


def plan_ids(engine: Engine, refs: list[str]) -> list[int]:
    """The ids of plans given by id or key; NotFoundError naming the first unknown one."""
    with transaction(engine) as session:
        return [repo.get_plan(session, ref=ref).id for ref in refs]
