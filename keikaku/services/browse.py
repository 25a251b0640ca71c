"""Page data for the public site: typed contexts that the HTML pages and the JSON API both render."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import Engine, select

from keikaku.cache import ByteLru
from keikaku.domain import planfile as pf
from keikaku.domain.enums import Direction, status_word
from keikaku.domain.errors import NotFoundError
from keikaku.domain.sdg import SDG_BY_NUMBER
from keikaku.storage import models as m
from keikaku.storage import repository as repo
from keikaku.storage.database import transaction
from keikaku.storage.plan_store import read_plan
from keikaku.services.formatting import node_label
from keikaku.domain.assessment.scales import COMMON_STATUSES
from keikaku.services.readmodel import Audience, plan_year
from keikaku.services.revision_links import RevisionLink, revision_links
from keikaku.services.survey_working import baseline_interval, change_working, sample_of, share_working

POLICY_LEVELS = ("政策", "方針", "基本政策", "基本方針", "分野")
STATUS_ORDER = ("on_track", "mostly_on_track", "slightly_behind", "behind", "target_achieved", "achieved", "not_achieved",
                "not_assessable", "no_data", "qualitative")


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True)
class PlanItem:
    id: int
    title: str
    kind: str
    status: str
    period: tuple[int, int] | None
    url: str
    status_label: str | None = None  # a draft's printed word (骨子案, 素案 …)
    status_word: str = ""  # as shown in Japanese: 骨子案, 素案, 案 or 策定済
    revisions: tuple[RevisionLink, ...] = ()  # its draft or final (services/revision_links.py)


@dataclass(frozen=True)
class MunicipalityItem:
    code: str
    name: str
    prefecture: str | None
    fictional: bool
    plans: list[PlanItem]


@dataclass(frozen=True)
class HomeContext:
    municipalities: list[MunicipalityItem]


@dataclass
class ActualView:
    year: int
    value: float | int | None
    text: str | None
    reported_rate: float | None
    progress_rate: float | None = None
    achievement_rate: float | None = None
    expected_progress: float | None = None
    status: str | None = None
    grade: str | None = None
    warnings: list[str] = field(default_factory=list)
    # a survey indicator's year (domain/survey.py): its sample, the share's interval, the change's and its significance
    sample_size: int | None = None
    margin_of_error: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    change_low: float | None = None
    change_high: float | None = None
    significance: str | None = None
    interval_working: str | None = None  # the numbers of p ± z × √(p (100 − p) ÷ n) (services/survey_working.py)
    change_working: str | None = None  # … and of d ± z × √(SE₁² + SE₂²)


@dataclass
class IndicatorView:
    id: int
    node_id: int | None
    name: str
    unit: str | None
    direction: str | None
    baseline: pf.Value | None
    target: pf.Value | None
    interim_targets: list[pf.Value]
    notes: list[str]
    actuals: list[ActualView]
    url: str
    status: str = "no_data"
    survey: pf.Survey | None = None  # a share from a citizen survey, judged with its margin of error
    baseline_ci: tuple[float, float] | None = None  # a survey baseline's own interval (low, high), points
    baseline_working: str | None = None  # … and its working


@dataclass(frozen=True)
class TreeItem:
    id: int
    level: str
    number: str | None
    title: str
    url: str
    children: list[TreeItem]
    counts: tuple[tuple[str, int], ...] = ()  # its indicators by status (the read model's roll-up), in scale order
    score: float | None = None  # the roll-up's score (achievement rate, capped at 100), for its progress bar


@dataclass(frozen=True)
class PlanHeader:
    id: int
    title: str
    kind: str
    status: str
    period: tuple[int, int] | None
    municipality: str
    municipality_code: str
    fictional: bool
    url: str
    status_label: str | None = None  # a draft's printed word (骨子案, 素案 …)
    status_word: str = ""  # as shown in Japanese: 骨子案, 素案, 案 or 策定済


@dataclass
class PlanContext:
    plan: PlanHeader
    vision: str | None
    sections: list[pf.Section]
    phases: list[pf.Phase]
    tree: list[TreeItem]
    status_rows: list[tuple[str, dict[str, int]]]
    sdg_matrix: list[tuple[Link, list[int]]]
    sdg_goals: list[int]
    indicators: list[IndicatorView]
    individual_plans: list[pf.IndividualPlan]
    revisions: list[RevisionLink] = field(default_factory=list)  # its draft or final, with the diff page
    statuses: list[tuple[str, str]] = field(default_factory=list)  # (status, label) of the plan's scale: its legend


@dataclass
class NodeContext:
    plan: PlanHeader
    id: int
    level: str
    number: str | None
    name: str | None
    title: str
    subtitle: str | None
    fields: list[str]
    departments: list[str]
    sdgs: list[int]
    sections: list[pf.Section]
    breadcrumbs: list[Link]
    children: list[TreeItem]
    indicators: list[IndicatorView]
    projects: list[pf.Project]
    actions: list[pf.Action]
    roles: list[pf.ActorRole]
    individual_plans: list[pf.IndividualPlan]
    links: list[Link]
    url: str
    evaluations: Any = None  # services.evaluations.NodeEvaluations: its approved evaluations (latest, by year)
    previous: Link | None = None  # the sibling before it (same parent), and the one after
    next: Link | None = None
    project_evaluations: Any = None  # services.project_evaluations.NodeProjectEvaluations: its projects' approved evaluations


@dataclass
class IndicatorContext:
    plan: PlanHeader
    node: Link | None
    indicator: IndicatorView
    url: str
    generations: Any = None  # services.successors.IndicatorGenerations: the series across plan generations
    breadcrumbs: list[Link] = field(default_factory=list)  # the plan, then every level down to its node


@dataclass(frozen=True)
class SearchResult:
    type: str
    title: str
    snippet: str
    url: str
    plan: str
    plan_id: int | None = None
    plan_status: str | None = None
    plan_status_label: str | None = None
    plan_status_word: str = ""  # Japanese: 骨子案, 素案, 案 or 策定済
    plan_revisions: tuple[RevisionLink, ...] = ()
    path: tuple[Link, ...] = ()  # where it sits: the plan, then every level down to it


SearchFilters = repo.SearchFilters  # what a search may be narrowed to
SEARCH_KINDS = ("node", "indicator", "project", "plan")


@dataclass(frozen=True)
class SearchContext:
    query: str
    results: list[SearchResult]
    filters: repo.SearchFilters = field(default_factory=repo.SearchFilters)
    marks: tuple[str, ...] = ()  # the ways the query's words may be written, marked in the results
    municipalities: tuple[tuple[str, str], ...] = ()  # (code, name) to narrow by
    plans: tuple[tuple[int, str], ...] = ()  # (id, title) to narrow by
    years: tuple[int, ...] = ()  # fiscal years the plans cover
    fiscal_year: Any = None  # keikaku.services.year_search.YearHits: the fiscal year the query named, if any


@dataclass(frozen=True)
class CompareContext:
    plans: list[PlanItem]
    left: PlanContext | None
    right: PlanContext | None


def to_json(context: Any) -> Any:
    """A context as JSON-ready data (dataclasses and plan-file records alike)."""
    if hasattr(context, "model_dump"):
        return context.model_dump(mode="json")
    if hasattr(context, "__dataclass_fields__"):
        return {k: to_json(getattr(context, k)) for k in context.__dataclass_fields__}
    if isinstance(context, (list, tuple)):
        return [to_json(v) for v in context]
    if isinstance(context, dict):
        return {str(k): to_json(v) for k, v in context.items()}
    return context


# --- URLs --------------------------------------------------------------------------------

def plan_url(plan_id: int) -> str:
    return f"/plans/{plan_id}"


def node_url(node_id: int) -> str:
    return f"/nodes/{node_id}"


def indicator_url(indicator_id: int) -> str:
    return f"/indicators/{indicator_id}"


# --- builders ----------------------------------------------------------------------------

def home(engine: Engine) -> HomeContext:
    with transaction(engine) as session:
        out = []
        for muni in repo.list_municipalities(session):
            rows = repo.list_plans(session, municipality_id=muni.id)
            links = revision_links(session, [p.id for p in rows])
            plans = [replace(_plan_item(p), revisions=tuple(links.get(p.id, []))) for p in rows]
            if plans:
                out.append(MunicipalityItem(muni.code, muni.name, muni.prefecture, muni.fictional, plans))
        return HomeContext(out)


def _plan_item(plan: m.Plan) -> PlanItem:
    period = (plan.period_start, plan.period_end) if plan.period_start is not None else None
    return PlanItem(plan.id, _title(plan.title), plan.kind, plan.status, period, plan_url(plan.id), plan.status_label,
                    status_word(plan.status, plan.status_label))


def _title(text: str, limit: int = pf.TITLE_CHARS) -> str:
    """A title read straight from the database, within the plan file's cap (data stored before the caps may be longer)."""
    return pf.cut_text(text, limit)


def _header(plan: m.Plan) -> PlanHeader:
    muni = plan.municipality
    period = (plan.period_start, plan.period_end) if plan.period_start is not None else None
    return PlanHeader(plan.id, _title(plan.title), plan.kind, plan.status, period, muni.name, muni.code, muni.fictional, plan_url(plan.id),
                      plan.status_label, status_word(plan.status, plan.status_label))


@dataclass
class _Loaded:
    plan: m.Plan
    doc: pf.PlanDocument
    node_ids: dict[str, int]
    indicator_ids: list[int]


def _load(session, plan: m.Plan) -> _Loaded:  # noqa: ANN001
    doc = read_plan(session, plan=plan, include_drafts=False)  # the public never sees unapproved actuals
    node_ids = {n.key: n.id for n in repo.plan_nodes(session, plan_id=plan.id)}
    indicator_ids = repo.plan_indicator_ids(session, plan_id=plan.id)
    return _Loaded(plan, doc, node_ids, indicator_ids)


@dataclass
class _Prepared:
    """A plan read, assessed and indexed once, reused while the plan stays the same."""

    loaded: _Loaded
    header: PlanHeader
    views: list[IndicatorView]
    links: dict[str, list[Link]] = field(default_factory=dict)
    statuses: list[tuple[str, str]] = field(default_factory=list)  # (status, label) of the plan's scale
    rollups: dict[str, Any] = field(default_factory=dict)  # node key → its roll-up in the read model


# A plan read and assessed takes up to this many bytes of memory per character of its plan file
# (10–14 measured with tracemalloc on the example plans and seed 002: records, strings, the
# indicator views and their assessment); a plan of long texts takes less, so this errs on the safe side.
MEMORY_PER_JSON_CHAR = 14


def _prepared_bytes(key: tuple, prepared: _Prepared) -> int:
    """About the memory a prepared plan holds, from the size of its plan file."""
    return MEMORY_PER_JSON_CHAR * len(prepared.loaded.doc.model_dump_json())


# Plans read and assessed, by engine, scale and version (the site's settings may bound it otherwise).
PLAN_CACHE: ByteLru[tuple, _Prepared] = ByteLru(weigh=_prepared_bytes)


def plan_version(session, plan_id: int) -> tuple | None:  # noqa: ANN001
    """What identifies a plan's content: changes whenever any of its data changes."""
    row = session.execute(select(m.Plan.content_sha256, m.Plan.updated_at).where(m.Plan.id == plan_id)).first()
    return (plan_id, row[0], row[1]) if row else None


def data_version(engine: Engine) -> tuple:
    """Changes whenever any plan is added, replaced or removed (for caching search pages)."""
    from sqlalchemy import func

    with transaction(engine) as session:
        return tuple(session.execute(select(func.count(m.Plan.id), func.max(m.Plan.updated_at), func.max(m.Plan.id))).one())


def version_of(engine: Engine, kind: str, ref_id: int) -> tuple | None:
    """The version of the plan a page shows (plan, node or indicator id), for caching rendered pages."""
    with transaction(engine) as session:
        if kind == "plan":
            plan_id = ref_id
        else:
            model = {"node": m.Node, "indicator": m.Indicator}[kind]
            plan_id = session.scalar(select(model.plan_id).where(model.id == ref_id))
            if plan_id is None:
                return None
        if kind == "indicator":  # its page shows the series across the plans linked as successors too
            from keikaku.storage.successor_store import linked_plan_ids

            return tuple(plan_version(session, p) for p in [plan_id, *linked_plan_ids(session, plan_id)])
        return plan_version(session, plan_id)


def _prepared(engine: Engine, plan_id: int, scale: str | None) -> _Prepared:
    with transaction(engine) as session:
        version = plan_version(session, plan_id)
        if version is None:
            raise NotFoundError(f"no plan {plan_id}")
        key = (id(engine), scale, *version)
        cached = PLAN_CACHE.get(key)
        if cached is not None:
            return cached
        plan = session.get(m.Plan, plan_id)
        loaded = _load(session, plan)  # type: ignore[arg-type]
        header = _header(plan)  # type: ignore[arg-type]
    model = plan_year(loaded.doc, audience=Audience.PUBLIC, scale=scale)
    statuses = [(lv.status, lv.label) for lv in model.scale.levels]
    statuses += [(st, model.scale.label_of(st)) for st in COMMON_STATUSES]
    prepared = _Prepared(loaded, header, _indicator_views(loaded, model), statuses=statuses, rollups=model.node_rollups())
    PLAN_CACHE.put(key, prepared)
    return prepared


def _indicator_views(loaded: _Loaded, model: Any) -> list[IndicatorView]:
    """The public read model (``readmodel.plan_year``) of the plan as of its latest actual year."""
    views = []
    for item, ind_id in zip(model.indicators, loaded.indicator_ids):
        ind = item.indicator
        rows = {r.year: r.to_json() for r in item.rows if r.year is not None}
        changes = {r.year: (r.change_low, r.change_high) for r in item.rows if r.year is not None}
        actuals = []
        for a in ind.actuals:
            row = rows.get(a.year)
            change = changes.get(a.year, (None, None))
            actuals.append(ActualView(
                year=a.year, value=a.value, text=a.text, reported_rate=a.reported_rate,
                progress_rate=row.get("progress_rate") if row else None,
                achievement_rate=row.get("achievement_rate") if row else None,
                expected_progress=row.get("expected_progress") if row else None,
                status=row.get("status") if row else None, grade=row.get("grade") if row else None,
                warnings=list(row.get("warnings") or []) if row else [],
                sample_size=a.sample_size, margin_of_error=a.margin_of_error,
                ci_low=row.get("ci_low") if row else None, ci_high=row.get("ci_high") if row else None,  # type: ignore[arg-type]
                change_low=change[0], change_high=change[1],
                significance=row.get("significance") if row else None,  # type: ignore[arg-type]
                **_working(ind, a),
            ))
        views.append(IndicatorView(
            id=ind_id, node_id=loaded.node_ids.get(ind.node) if ind.node else None, name=ind.name, unit=ind.unit,
            direction=ind.direction, baseline=ind.baseline, target=ind.target, interim_targets=ind.interim_targets,
            notes=ind.notes, actuals=actuals, url=indicator_url(ind_id), status=item.status, survey=ind.survey,
            baseline_ci=baseline_interval(ind.survey.confidence, sample_of(ind.baseline)) if ind.survey else None,
            baseline_working=share_working(ind.survey.confidence, sample_of(ind.baseline)) if ind.survey else None,
        ))
    return views


def _working(ind: pf.Indicator, actual: pf.Actual) -> dict[str, str | None]:
    """A survey actual's working of its interval and of its change from the baseline; none otherwise."""
    if ind.survey is None:
        return {}
    confidence = ind.survey.confidence
    return {"interval_working": share_working(confidence, sample_of(actual)),
            "change_working": change_working(confidence, sample_of(ind.baseline), sample_of(actual))}


def _tree(doc: pf.PlanDocument, node_ids: dict[str, int], root: str | None = None, prepared: _Prepared | None = None) -> list[TreeItem]:
    children: dict[str | None, list[pf.Node]] = {}
    for n in doc.nodes:
        children.setdefault(n.parent, []).append(n)
    rollups = prepared.rollups if prepared else {}
    order = [st for st, _ in prepared.statuses] if prepared else []

    def figures(key: str) -> tuple[tuple[tuple[str, int], ...], float | None]:
        r = rollups.get(key)
        if r is None or not r.components:
            return (), None
        counts = tuple((st, r.counts[st]) for st in order if r.counts.get(st))
        return counts, r.score

    def build(key: str | None) -> list[TreeItem]:
        return [TreeItem(node_ids[n.id], n.level, n.number, n.title, node_url(node_ids[n.id]), build(n.id), *figures(n.id))
                for n in children.get(key, [])]

    return build(root)


def plan_page(engine: Engine, plan_id: int, *, scale: str | None = None) -> PlanContext:
    prepared = _prepared(engine, plan_id, scale)
    loaded, header, indicators = prepared.loaded, prepared.header, prepared.views
    doc = loaded.doc
    tree = _tree(doc, loaded.node_ids, prepared=prepared)
    # statuses and SDGs per policy: the plan's 政策/方針 level when it has one, else its top level
    by_key = {n.id: n for n in doc.nodes}
    levels = {n.level for n in doc.nodes}
    group_level = next((lv for lv in POLICY_LEVELS if lv in levels), None)

    def group_of(key: str | None) -> pf.Node | None:
        cur = by_key.get(key) if key else None
        top = cur
        while cur is not None:
            if cur.level == group_level:
                return cur
            top = cur
            cur = by_key.get(cur.parent) if cur.parent else None
        return top

    rows: dict[str, dict[str, int]] = {}
    for ind, view in zip(doc.indicators, indicators):
        group = group_of(ind.node)
        counts = rows.setdefault(_node_label(group) if group else "計画全体", {})
        counts[view.status] = counts.get(view.status, 0) + 1
    groups = [n for n in doc.nodes if (n.level == group_level if group_level else n.parent is None)]
    matrix = []
    goals: set[int] = set()
    for n in groups:
        sdgs = sorted({g for d in _descendants(doc, n.id) for g in by_key[d].sdgs} | set(n.sdgs))
        if sdgs:
            matrix.append((Link(_node_label(n), node_url(loaded.node_ids[n.id])), sdgs))
            goals.update(sdgs)
    with transaction(engine) as session:
        revisions = revision_links(session, [plan_id]).get(plan_id, [])
    return PlanContext(
        plan=header, vision=doc.vision, sections=doc.sections, phases=doc.phases, tree=tree,
        status_rows=list(rows.items()), sdg_matrix=matrix, sdg_goals=sorted(goals),
        indicators=[v for v in indicators if v.node_id is None], individual_plans=doc.individual_plans, revisions=revisions,
        statuses=prepared.statuses,
    )


def _descendants(doc: pf.PlanDocument, key: str) -> list[str]:
    out, frontier = [], [key]
    while frontier:
        cur = frontier.pop()
        kids = [n.id for n in doc.nodes if n.parent == cur]
        out += kids
        frontier += kids
    return out


_node_label = node_label  # the one node label (services/formatting.py)


def node_page(engine: Engine, node_id: int, *, scale: str | None = None) -> NodeContext:
    with transaction(engine) as session:
        row = session.execute(select(m.Node.plan_id, m.Node.key).where(m.Node.id == node_id)).first()
        if row is None:
            raise NotFoundError(f"no node {node_id}")
        plan_id, key = row
    prepared = _prepared(engine, plan_id, scale)
    loaded, header = prepared.loaded, prepared.header
    if key not in prepared.links:
        with transaction(engine) as session:
            prepared.links[key] = _link_targets(session, loaded.doc, key)
    link_targets = prepared.links[key]
    doc = loaded.doc
    node = next(n for n in doc.nodes if n.id == key)
    by_key = {n.id: n for n in doc.nodes}
    crumbs, cur = [], node.parent
    while cur:
        crumbs.insert(0, Link(_node_label(by_key[cur]), node_url(loaded.node_ids[cur])))
        cur = by_key[cur].parent
    crumbs.insert(0, Link(header.title, header.url))
    siblings = [n for n in doc.nodes if n.parent == node.parent]
    at = siblings.index(node)
    previous, following = (siblings[at - 1] if at > 0 else None), (siblings[at + 1] if at + 1 < len(siblings) else None)
    views = [v for v, ind in zip(prepared.views, doc.indicators) if ind.node == key]
    from keikaku.services.evaluations import node_evaluations
    from keikaku.services.project_evaluations import node_project_evaluations

    return NodeContext(
        plan=header, id=node_id, level=node.level, number=node.number, name=node.name, title=node.title,
        subtitle=node.subtitle, fields=node.fields, departments=node.departments, sdgs=node.sdgs, sections=node.sections,
        breadcrumbs=crumbs, children=_tree(doc, loaded.node_ids, key, prepared), indicators=views,
        projects=[p for p in doc.projects if p.node == key], actions=[a for a in doc.actions if a.node == key],
        roles=[r for r in doc.roles if r.node == key], individual_plans=[r for r in doc.individual_plans if r.node == key],
        links=link_targets, url=node_url(node_id), evaluations=node_evaluations(engine, node_id),
        project_evaluations=node_project_evaluations(engine, node_id),
        previous=Link(_node_label(previous), node_url(loaded.node_ids[previous.id])) if previous else None,
        next=Link(_node_label(following), node_url(loaded.node_ids[following.id])) if following else None,
    )


def _link_targets(session, doc: pf.PlanDocument, key: str) -> list[Link]:  # noqa: ANN001
    """Links from this node, links to it from other plans, and sectoral plans under it."""
    out: list[Link] = []
    plan = repo.plan_by_key(session, key=doc.key or "")
    for link in doc.links:
        if link.source != key:
            continue
        target_plan = repo.plan_by_key(session, key=link.target.plan) if link.target.plan else plan
        if target_plan is None:
            continue
        target = session.scalar(select(m.Node).where(m.Node.plan_id == target_plan.id, m.Node.key == link.target.node)) if link.target.node else None
        out.append(Link(f"{link.type}: {_title(target.title if target else target_plan.title)}", node_url(target.id) if target else plan_url(target_plan.id)))
    for child in session.scalars(select(m.Plan).where(m.Plan.parent_plan_key == doc.key, m.Plan.parent_node_key == key)):
        out.append(Link(f"sectoral_plan: {_title(child.title)}", plan_url(child.id)))
    return out


def indicator_page(engine: Engine, indicator_id: int, *, scale: str | None = None) -> IndicatorContext:
    with transaction(engine) as session:
        row = session.get(m.Indicator, indicator_id)
        if row is None:
            raise NotFoundError(f"no indicator {indicator_id}")
        plan_id = row.plan_id
        node = session.get(m.Node, row.node_id) if row.node_id else None
        node_link = Link(f"{node.level} {node.number or ''} {_title(node.title, pf.NAME_CHARS)}".replace("  ", " "), node_url(node.id)) if node else None
    prepared = _prepared(engine, plan_id, scale)
    view = next(v for v in prepared.views if v.id == indicator_id)
    crumbs = [Link(prepared.header.title, prepared.header.url)]
    if node is not None:
        by_key = {n.id: n for n in prepared.loaded.doc.nodes}
        path, cur = [], next((k for k, i in prepared.loaded.node_ids.items() if i == node.id), None)
        while cur and cur in by_key:
            path.insert(0, Link(_node_label(by_key[cur]), node_url(prepared.loaded.node_ids[cur])))
            cur = by_key[cur].parent
        crumbs += path
    from keikaku.services.successors import indicator_generations

    return IndicatorContext(plan=prepared.header, node=node_link, indicator=view, url=indicator_url(indicator_id),
                            generations=indicator_generations(engine, indicator_id), breadcrumbs=crumbs)


def search(engine: Engine, query: str, *, limit: int = 50, filters: repo.SearchFilters | None = None) -> SearchContext:
    """At most ``limit`` results, each of bounded size: titles cut, and a snippet around the first hit.

    Words are matched in their folded form (子供/子ども/こども, 障害/障がい, width, kana alike).
    """
    from keikaku.domain.textfold import surface_forms

    from keikaku.services.year_search import split_year, year_hits

    query = query.strip()[:100]
    filters = filters or repo.SearchFilters()
    year, year_word, rest = split_year(query)
    fiscal_year = year_hits(engine, year=year, word=year_word, plan_id=filters.plan_id) if year is not None else None
    words = rest if year is not None and rest else query  # 令和6年度 保育: the year is answered apart, 保育 searched
    marks = tuple(f for w in words.split()[:8] for f in surface_forms(w))
    results = []
    with transaction(engine) as session:
        hits = repo.search_entries(session, query=words, limit=limit, filters=filters) if words else []
        project_nodes = repo.search_node_of(session, kind="project", ref_ids=[h.ref_id for h in hits if h.kind == "project"])
        indicator_nodes = repo.search_node_of(session, kind="indicator", ref_ids=[h.ref_id for h in hits if h.kind == "indicator"])
        node_of = {("node", h.ref_id): h.ref_id for h in hits if h.kind == "node"}
        node_of.update({("project", k): v for k, v in project_nodes.items()})
        node_of.update({("indicator", k): v for k, v in indicator_nodes.items()})
        paths = repo.node_paths(session, node_ids=set(node_of.values()))
        for hit in hits:
            node_id = node_of.get((hit.kind, hit.ref_id))
            url = {"plan": plan_url, "node": node_url, "indicator": indicator_url}.get(hit.kind)
            if hit.kind == "project":
                url_text = node_url(node_id) if node_id else plan_url(hit.plan_id)
            else:
                url_text = url(hit.ref_id) if url else plan_url(hit.plan_id)
            text = snippet(hit.window, words, cut_before=hit.window_cut_before, cut_after=hit.window_cut_after, forms=marks)
            path = [Link(hit.plan_title, plan_url(hit.plan_id))] if hit.kind != "plan" else []
            steps = paths.get(node_id, []) if node_id else []
            if hit.kind == "node":
                steps = steps[:-1]  # the result itself is the last step
            path += [Link(" ".join(filter(None, [lv, num, title])), node_url(i)) for i, lv, num, title in steps]
            results.append(SearchResult(hit.kind, hit.title, text, url_text, hit.plan_title, hit.plan_id, path=tuple(path)))
        results = _with_plan_status(session, results)
        munis, plans = repo.search_filter_choices(session)
    years = sorted({y for _, _, a, b in plans if a is not None and b is not None for y in range(a, b + 1)})
    return SearchContext(query, results, filters, marks, tuple(munis), tuple((i, t) for i, t, _, _ in plans), tuple(years),
                         fiscal_year)


def _with_plan_status(session, results: list[SearchResult]) -> list[SearchResult]:  # noqa: ANN001
    """Each result with its plan's stage (骨子案 … 策定済) and the plan's draft or final."""
    ids = {r.plan_id for r in results if r.plan_id is not None}
    if not ids:
        return results
    status = dict((row[0], row[1:]) for row in session.execute(select(m.Plan.id, m.Plan.status, m.Plan.status_label).where(m.Plan.id.in_(ids))))
    links = revision_links(session, ids)
    return [replace(r, plan_status=status[r.plan_id][0], plan_status_label=status[r.plan_id][1],
                    plan_status_word=status_word(*status[r.plan_id]), plan_revisions=tuple(links.get(r.plan_id, [])))
            if r.plan_id in status else r for r in results]


def snippet(text: str, query: str, width: int = 50, *, cut_before: bool = False, cut_after: bool = False,
            forms: tuple[str, ...] = ()) -> str:
    """Up to ``width`` characters either side of the first hit of the query's first term (or of any of
    ``forms``, the ways it may be written).

    ``text`` may be a window of a longer text; ``cut_before``/``cut_after`` say that it goes on.
    """
    term = (query.split() or [""])[0]
    flat = " ".join(text.split())
    pos = flat.lower().find(term.lower()) if term else -1
    for form in forms:
        at = flat.lower().find(form.lower()) if form else -1
        if at >= 0 and (pos < 0 or at < pos):
            pos, term = at, form
    if pos < 0:
        return flat[: width * 2] + ("…" if cut_after or len(flat) > width * 2 else "")
    start, end = max(0, pos - width), pos + len(term) + width
    return ("…" if start or cut_before else "") + flat[start:end] + ("…" if end < len(flat) or cut_after else "")


def compare(engine: Engine, left: int | None, right: int | None, *, scale: str | None = None) -> CompareContext:
    with transaction(engine) as session:
        plans = [_plan_item(p) for p in repo.list_plans(session)]
    return CompareContext(
        plans=plans,
        left=plan_page(engine, left, scale=scale) if left else None,
        right=plan_page(engine, right, scale=scale) if right else None,
    )


def sdg_name(number: int) -> str:
    return SDG_BY_NUMBER[number].name_ja
