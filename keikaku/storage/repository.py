"""Every query of the plan database, as keyword-only functions over a Session."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from keikaku.domain.errors import KeikakuError, NotFoundError
from keikaku.domain.municipality import is_fictional, normalize_code, prefecture_of
from keikaku.domain.textfold import fold, surface_forms
from keikaku.storage import models as m


def find_municipality(session: Session, *, ref: str) -> m.Municipality | None:
    """By 6-digit code (validated) or by exact name."""
    text = unicodedata.normalize("NFKC", ref).strip()
    if text.isdigit():
        code = normalize_code(text)
        return session.scalar(select(m.Municipality).where(m.Municipality.code == code))
    return session.scalar(select(m.Municipality).where(m.Municipality.name == text))


def resolve_municipality(session: Session, *, code: str | None, name: str | None) -> m.Municipality:
    """The municipality a plan belongs to; a new one is created when its code is given and valid."""
    if code:
        code = normalize_code(code)
        found = session.scalar(select(m.Municipality).where(m.Municipality.code == code))
        if found is not None:
            if name and found.name != name:
                raise KeikakuError(f"municipality {code} is {found.name}, not {name}")
            return found
        if not name:
            raise NotFoundError(f"unknown municipality code {code}: give its name as well to register it")
        created = m.Municipality(code=code, name=name, prefecture=prefecture_of(code), fictional=is_fictional(code))
        session.add(created)
        session.flush()
        return created
    if name:
        found = session.scalar(select(m.Municipality).where(m.Municipality.name == name))
        if found is None:
            raise NotFoundError(f"unknown municipality {name!r}: give its 6-digit code to register it")
        return found
    raise KeikakuError("the plan names no municipality: add one to the file or pass --municipality")


def list_municipalities(session: Session) -> Sequence[m.Municipality]:
    return session.scalars(select(m.Municipality).order_by(m.Municipality.code)).all()


class DepartmentCache:
    """get-or-create of departments for one municipality within one unit of work."""

    def __init__(self, session: Session, municipality_id: int):
        self.session = session
        self.municipality_id = municipality_id
        rows = session.scalars(select(m.Department).where(m.Department.municipality_id == municipality_id))
        self._by_name = {d.name: d for d in rows}

    def get(self, name: str | None) -> m.Department | None:
        if name is None:
            return None
        dept = self._by_name.get(name)
        if dept is None:
            dept = m.Department(municipality_id=self.municipality_id, name=name)
            self.session.add(dept)
            self._by_name[name] = dept
        return dept


def plan_by_key(session: Session, *, key: str) -> m.Plan | None:
    return session.scalar(select(m.Plan).where(m.Plan.key == key))


def get_plan(session: Session, *, ref: str | int) -> m.Plan:
    """A plan by numeric id or by key."""
    plan = None
    text = str(ref).strip()
    if text.isdigit():
        plan = session.get(m.Plan, int(text))
    if plan is None:
        plan = plan_by_key(session, key=text)
    if plan is None:
        raise NotFoundError(f"no plan {ref!r} (give a plan id or key; `keikaku plans` lists them)")
    return plan


def list_plans(session: Session, *, municipality_id: int | None = None) -> Sequence[m.Plan]:
    query = select(m.Plan).join(m.Municipality).order_by(m.Municipality.code, m.Plan.period_start, m.Plan.id)
    if municipality_id is not None:
        query = query.where(m.Plan.municipality_id == municipality_id)
    return session.scalars(query).all()


def clear_plan_content(session: Session, *, plan_id: int) -> None:
    """Delete everything a plan holds (nodes cascade to their records), keeping the plan row."""
    session.execute(delete(m.EvaluationCycle).where(m.EvaluationCycle.plan_id == plan_id))  # sheets and progress cascade
    session.execute(delete(m.PlanPhase).where(m.PlanPhase.plan_id == plan_id))
    session.execute(delete(m.PlanSection).where(m.PlanSection.plan_id == plan_id))
    for table in (m.SearchEntry, m.ActorRole, m.NodeLink, m.IndividualPlan, m.Action, m.Project, m.Indicator):
        session.execute(delete(table).where(table.plan_id == plan_id))
    session.execute(delete(m.Node).where(m.Node.plan_id == plan_id))
    session.expire_all()


def plan_nodes(session: Session, *, plan_id: int) -> Sequence[m.Node]:
    return session.scalars(select(m.Node).where(m.Node.plan_id == plan_id).order_by(m.Node.position)).all()


def plan_indicator_ids(session: Session, *, plan_id: int) -> list[int]:
    """The ids of a plan's indicators in plan order (the order of the plan file's ``indicators``)."""
    return list(session.scalars(select(m.Indicator.id).where(m.Indicator.plan_id == plan_id).order_by(m.Indicator.position)))


def find_node(session: Session, *, plan_id: int, ref: str) -> m.Node:
    """A node by its key, or by its printed number when that is unique in the plan."""
    node = session.scalar(select(m.Node).where(m.Node.plan_id == plan_id, m.Node.key == ref))
    if node is not None:
        return node
    folded = unicodedata.normalize("NFKC", ref).strip()
    matches = [
        n for n in plan_nodes(session, plan_id=plan_id)
        if n.number is not None and unicodedata.normalize("NFKC", n.number).strip() == folded
    ]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        levels = ", ".join(f"{n.key} ({n.level} {n.number})" for n in matches)
        raise NotFoundError(f"number {ref!r} is ambiguous in this plan; use a node id: {levels}")
    raise NotFoundError(f"no node {ref!r} in this plan")


def count_rows(session: Session, model: type[m.Base], **where: int) -> int:
    query = select(func.count()).select_from(model)
    for column, value in where.items():
        query = query.where(getattr(model, column) == value)
    return session.scalar(query) or 0


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


# A search answers with bounded pieces of what it found, however long the texts stored are.
SEARCH_TITLE_CHARS = 200  # of an entry's title and of its plan's title
SEARCH_WINDOW_CHARS = 150  # read either side of the first hit (snippets show less, once spaces are folded)


@dataclass(frozen=True)
class SearchHit:
    """A found entry: its title and plan title cut to ``SEARCH_TITLE_CHARS``, and the text around its first hit.

    ``window`` is the text around the first hit of the query's first term (in the title when it is
    there, else in the body, else the body's start); ``window_cut_before``/``_after`` say whether
    the text goes on beyond the window.
    """

    id: int
    plan_id: int
    kind: str
    ref_id: int
    title: str
    plan_title: str
    window: str
    window_cut_before: bool
    window_cut_after: bool


def _cut(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


@dataclass(frozen=True)
class SearchFilters:
    """What a search may be narrowed to: a municipality (code), a plan, a kind of entry and a fiscal
    year (plans whose period holds it)."""

    municipality: str | None = None
    plan_id: int | None = None
    kind: str | None = None
    year: int | None = None

    def clauses(self) -> list:
        e, p = m.SearchEntry, m.Plan
        out: list = []
        if self.municipality:
            out.append(e.plan_id.in_(select(p.id).join(m.Municipality).where(m.Municipality.code == self.municipality)))
        if self.plan_id is not None:
            out.append(e.plan_id == self.plan_id)
        if self.kind:
            out.append(e.kind == self.kind)
        if self.year is not None:
            out.append(e.plan_id.in_(select(p.id).where(p.period_start <= self.year, p.period_end >= self.year)))
        return out


def search_entries(session: Session, *, query: str, limit: int = 50, filters: SearchFilters | None = None) -> list[SearchHit]:
    """Entries holding every term of ``query``, matched on their folded text (``keikaku.domain.textfold``):
    FTS5 trigram on SQLite (terms of 3+ characters), else LIKE (pg_trgm indexes it on PostgreSQL).

    Only bounded pieces of the texts leave the database (see ``SearchHit``).
    """
    from sqlalchemy import and_, literal_column, table, text

    printable = "".join(ch if ch.isprintable() else " " for ch in unicodedata.normalize("NFKC", query))  # FTS5 refuses NUL
    words = [t for t in printable.split() if t][:8]
    terms = [fold(t) for t in words]
    if not terms:
        return []
    forms = [f.lower() for f in surface_forms(words[0])][:SEARCH_FORMS]
    sqlite = session.get_bind().dialect.name == "sqlite"
    e, width, cap = m.SearchEntry, SEARCH_WINDOW_CHARS, SEARCH_TITLE_CHARS
    narrow = (filters or SearchFilters()).clauses()
    ranked: list[int] | None = None
    if sqlite and all(len(t) >= 3 for t in terms):
        match = " AND ".join('"' + t.replace('"', '""') + '"' for t in terms)
        fts = table("search_fts", literal_column("rowid"))
        ranked = [row[0] for row in session.execute(
            select(literal_column("search_fts.rowid")).select_from(fts).join(e, e.id == literal_column("search_fts.rowid"))
            .where(text("search_fts MATCH :q"), *narrow).order_by(text("search_fts.rank")).limit(limit), {"q": match})]
        if not ranked:
            return []
        where = [e.id.in_(ranked)]
    else:
        where = [e.folded.like(_like(t), escape="\\") for t in terms] + narrow

    position = func.instr if sqlite else func.strpos
    found = (
        select(e.id, e.plan_id, e.kind, e.ref_id, func.substr(e.title, 1, cap + 1), func.length(e.title), func.length(e.body),
               *[position(func.lower(e.title), f) for f in forms], *[position(func.lower(e.body), f) for f in forms])
        .where(and_(*where)).order_by(e.id)
    )
    n = len(forms)
    rows = [(*r[:5], _first_at(r[7:7 + n]), r[5], _first_at(r[7 + n:]), r[6], _term_length(r[7:], forms))
            for r in session.execute(found if ranked is not None else found.limit(limit * 4)).all()]
    if ranked is not None:
        order = {id_: k for k, id_ in enumerate(ranked)}
        rows.sort(key=lambda r: order[r[0]])
    else:
        rows.sort(key=lambda r: (not r[5], r[2] != "node", r[0]))
    rows = rows[:limit]
    plan_titles = dict(session.execute(  # once per plan: a plan's title may be long too
        select(m.Plan.id, func.substr(m.Plan.title, 1, cap + 1)).where(m.Plan.id.in_({r[1] for r in rows}))).all())
    return [_hit(session, row[:9], plan_titles.get(row[1]) or "", width=width, cap=cap, term=row[9]) for row in rows]


SEARCH_FORMS = 6  # ways of writing the first term looked for in the original text (for the snippet)


def _first_at(positions: Sequence[int | None]) -> int:
    """The earliest hit (1-based) among the positions of the forms, 0 for none."""
    found = [p for p in positions if p]
    return min(found) if found else 0


def _term_length(positions: Sequence[int | None], forms: list[str]) -> int:
    """The length of the form found first (in the title, else the body)."""
    n = len(forms)
    for half in (positions[:n], positions[n:]):
        hits = [(p, len(f)) for p, f in zip(half, forms) if p]
        if hits:
            return min(hits)[1]
    return len(forms[0])


def _hit(session: Session, row: Sequence, plan_title: str, *, width: int, cap: int, term: int) -> SearchHit:
    """The hit of one found row, reading only the window of ``title + "\n" + body`` around its first hit."""
    id_, plan_id, kind, ref_id, title, t_at, t_len, b_at, b_len = row
    e = m.SearchEntry

    def piece(column, begin: int, length: int | None = None):  # noqa: ANN001, ANN202
        return func.substr(column, begin, length) if length is not None else func.substr(column, begin)

    t_begin, b_begin = max(1, t_at - width), max(1, b_at - width)
    t_window, t_tail, b_window, b_head = session.execute(select(
        piece(e.title, t_begin, 2 * width + term), piece(e.title, max(1, t_len - width + 1)),
        piece(e.body, b_begin, 2 * width + term), piece(e.body, 1, 2 * width),
    ).where(e.id == id_)).one()
    if t_at:
        before = t_begin > 1
        if t_begin - 1 + len(t_window) >= t_len:
            window, after = t_window + "\n" + b_head, len(b_head) < b_len
        else:
            window, after = t_window, True
    elif b_at:
        if b_begin == 1:
            window, before = t_tail + "\n" + b_window, len(t_tail) < t_len
        else:
            window, before = b_window, True
        after = b_begin - 1 + len(b_window) < b_len
    else:
        window, before, after = title[: 2 * width] + "\n" + b_head, False, True
    return SearchHit(id_, plan_id, kind, ref_id, _cut(title, cap), _cut(plan_title, cap), window, before, after)


def search_titles(session: Session, *, plan_ids: Iterable[int] | None = None) -> list[tuple[str, int, str, int, str]]:
    """(kind, id, title, plan id, plan title) of every plan, node and indicator (of ``plan_ids``
    when given), in plan and entry order: what a static site's search page searches."""
    query = (select(m.SearchEntry.kind, m.SearchEntry.ref_id, m.SearchEntry.title, m.Plan.id, m.Plan.title)
             .join(m.Plan, m.Plan.id == m.SearchEntry.plan_id)
             .where(m.SearchEntry.kind.in_(("plan", "node", "indicator")))
             .order_by(m.Plan.id, m.SearchEntry.id))
    if plan_ids is not None:
        query = query.where(m.Plan.id.in_(list(plan_ids)))
    return [tuple(r) for r in session.execute(query)]


def node_paths(session: Session, *, node_ids: Iterable[int]) -> dict[int, list[tuple[int, str, str | None, str]]]:
    """(id, level, number, title cut to ``SEARCH_TITLE_CHARS``) of every node from the top of its plan's tree
    down to each of ``node_ids``: where a search result sits in its plan."""
    wanted = set(node_ids)
    if not wanted:
        return {}
    plans = select(m.Node.plan_id).where(m.Node.id.in_(wanted))
    rows = {r[0]: r for r in session.execute(
        select(m.Node.id, m.Node.parent_id, m.Node.level, m.Node.number, func.substr(m.Node.title, 1, SEARCH_TITLE_CHARS))
        .where(m.Node.plan_id.in_(plans)))}
    out: dict[int, list[tuple[int, str, str | None, str]]] = {}
    for node_id in wanted:
        path, cur = [], rows.get(node_id)
        while cur is not None and len(path) < 20:
            path.insert(0, (cur[0], cur[2], cur[3], cur[4]))
            cur = rows.get(cur[1]) if cur[1] is not None else None
        out[node_id] = path
    return out


def search_node_of(session: Session, *, kind: str, ref_ids: Iterable[int]) -> dict[int, int]:
    """The node each indicator or project of ``ref_ids`` belongs to (those with one)."""
    model = {"indicator": m.Indicator, "project": m.Project}.get(kind)
    ids = list(ref_ids)
    if model is None or not ids:
        return {}
    return {r[0]: r[1] for r in session.execute(select(model.id, model.node_id).where(model.id.in_(ids))) if r[1] is not None}


def search_filter_choices(session: Session) -> tuple[list[tuple[str, str]], list[tuple[int, str, int | None, int | None]]]:
    """The municipalities (code, name) and plans (id, title, period) a search can be narrowed to."""
    munis = [(r[0], r[1]) for r in session.execute(select(m.Municipality.code, m.Municipality.name).order_by(m.Municipality.code))]
    plans = [(r[0], r[1], r[2], r[3]) for r in session.execute(
        select(m.Plan.id, func.substr(m.Plan.title, 1, SEARCH_TITLE_CHARS), m.Plan.period_start, m.Plan.period_end)
        .join(m.Municipality).order_by(m.Municipality.code, m.Plan.period_start, m.Plan.id))]
    return munis, plans
