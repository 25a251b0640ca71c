"""The one context every year export renders: a plan's measures in one fiscal year.

``build_year_report`` is pure (a plan document in, a ``YearReport`` out); ``load_year_report``
reads the stored plan first. CSV, Excel and PDF all render the same ``YearReport``, so they
cannot disagree. Who the report is for decides what it holds (``audience``):

- the **public** (CSV open data, the PDF report, the public site's downloads): published actuals
  only, and of the year's cycle only the approved sheets and the progress of their measures'
  projects (``public_document``);
- **staff** (the Excel workbook of evaluation sheets that ``keikaku export`` and the staff pages
  give): draft actuals too, each marked as a draft, and every sheet with its review status.

A plan with plan-wide indicators (directly under the plan, no node) has a plan-wide sheet in each
cycle; the report holds it as the first of its ``measures`` (``MeasureYear.plan_wide``), labelled
計画全体の指標, with those indicators and the cycle's plan-wide sheet, so every export that lists
the measures' sheets lists it first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine

from keikaku.domain import planfile as pf
from keikaku.domain.assessment import Rollup, Scale, node_rollup
from keikaku.domain.enums import SheetStatus
from keikaku.domain.errors import KeikakuError
from keikaku.services.cycle_common import PLAN_OWNER_LABEL, PLAN_WIDE_KEY, PLAN_WIDE_LABEL
from keikaku.services.exports.wording import node_label
from keikaku.services.readmodel import Audience, IndicatorYear, PlanYear, plan_year, visible
from keikaku.storage import repository as repo
from keikaku.storage.database import transaction
from keikaku.storage.plan_store import read_plan

MAX_TABLE_YEARS = 10  # year columns of an indicator table: the latest ten


class ExportError(KeikakuError):
    """An export that cannot be made as asked (a year out of range, a missing year, an unknown format)."""


@dataclass(frozen=True)
class ProjectYear:
    """A project in the year: the stage its schedule planned and the progress its department recorded."""

    project: pf.Project
    planned: str | None
    stage: str | None
    progress: str | None


@dataclass(frozen=True)
class MeasureYear:
    """A measure (施策: a node with indicators or projects) in the year, with its evaluation sheet;
    or, with ``node`` None, the plan-wide sheet: the plan's own indicators and their sheet
    (計画全体の指標, owned by the planning division, no projects)."""

    node: pf.Node | None  # None: the plan-wide sheet
    path: tuple[pf.Node, ...]  # its ancestors, outermost first
    indicators: tuple[IndicatorYear, ...]
    projects: tuple[ProjectYear, ...]
    actions: tuple[pf.Action, ...]
    rollup: Rollup  # the node's roll-up as of the year (score: mean achievement rate, capped at 100)
    sheet: pf.Sheet | None  # the cycle's 施策評価シート, None without a cycle or a sheet

    @property
    def plan_wide(self) -> bool:
        return self.node is None

    @property
    def key(self) -> str:
        """The node's id in the plan file; ``plan`` for the plan-wide sheet."""
        return self.node.id if self.node is not None else PLAN_WIDE_KEY

    @property
    def label(self) -> str:
        return node_label(self.node) if self.node is not None else PLAN_WIDE_LABEL

    @property
    def level(self) -> str | None:
        return self.node.level if self.node is not None else None

    @property
    def number(self) -> str | None:
        return self.node.number if self.node is not None else None

    @property
    def title(self) -> str:
        return self.node.title if self.node is not None else PLAN_WIDE_LABEL

    @property
    def departments(self) -> tuple[str, ...]:
        """The measure's departments; the plan's owner for the plan-wide sheet."""
        return tuple(self.node.departments) if self.node is not None else (PLAN_OWNER_LABEL,)

    @property
    def sections(self) -> tuple[pf.Section, ...]:
        return tuple(self.node.sections) if self.node is not None else ()

    @property
    def path_label(self) -> str:
        return " ＞ ".join(node_label(n) for n in self.path)

    @property
    def schedule_years(self) -> tuple[int, ...]:
        return tuple(sorted({y for p in self.projects for y in p.project.schedule}))


@dataclass(frozen=True)
class YearReport:
    """A plan in fiscal year ``year``: its measures, indicators (plan order) and the plan roll-up."""

    plan_id: int
    doc: pf.PlanDocument  # as stored, with drafts and every cycle
    year: int
    scale: Scale
    cycle: pf.Cycle | None
    indicators: tuple[IndicatorYear, ...]  # every indicator, in plan order
    measures: tuple[MeasureYear, ...]  # in document order
    rollup: Rollup  # the whole plan as of the year
    years: tuple[int, ...]  # the fiscal years of the indicator tables
    nodes: dict[str, pf.Node] = field(default_factory=dict)
    audience: Audience = Audience.PUBLIC  # staff: draft actuals included (``IndicatorYear.draft_years``)
    costs: Any = None  # services.costs.CostReport of the year when the plan has money then (exports.costs.with_costs)

    @property
    def title(self) -> str:
        return self.doc.title


def public_document(doc: pf.PlanDocument) -> pf.PlanDocument:
    """``doc`` with published actuals only, and each cycle with its approved sheets and the
    progress of the projects of those sheets' measures only."""
    doc = visible(doc, Audience.PUBLIC)
    cycles = []
    for cycle in doc.cycles:
        sheets = [s for s in cycle.sheets if s.status == SheetStatus.APPROVED.value]
        approved = {s.node for s in sheets}
        progress = [p for p in cycle.project_progress if doc.projects[pf.project_index(doc, p.project)].node in approved]
        cycles.append(cycle.model_copy(update={"sheets": sheets, "project_progress": progress}))
    return doc.model_copy(update={"cycles": cycles})


def published_until(doc: pf.PlanDocument, year: int) -> pf.PlanDocument:
    """``doc`` with only the published actuals of fiscal years up to ``year``."""
    return visible(doc, Audience.PUBLIC, year)


def check_year(year: int) -> int:
    if not 1868 <= year <= 2200:
        raise ExportError(f"fiscal year {year} is out of range (1868–2200)")
    return year


def _table_years(doc: pf.PlanDocument, year: int) -> tuple[int, ...]:
    seen = {a.year for i in doc.indicators for a in i.actuals}
    start = doc.period.start if doc.period else min(seen, default=year)
    return tuple(sorted(seen | set(range(start, year + 1)))[-MAX_TABLE_YEARS:])


def build_year_report(doc: pf.PlanDocument, *, plan_id: int, year: int, audience: Audience = Audience.PUBLIC) -> YearReport:
    """The context of every year export: the read model of the year for ``audience``
    (``readmodel.plan_year``) with the measures, their projects and the year's evaluation sheets
    (those of ``doc``: the caller gives the public the ``public_document``)."""
    check_year(year)
    cycle = next((c for c in doc.cycles if c.year == year), None)
    view = plan_year(doc, year=year, audience=audience)
    scale, indicators = view.scale, view.indicators
    public = visible(doc, audience, year)
    nodes = {n.id: n for n in doc.nodes}
    node_rollups = view.node_rollups()
    sheets = {s.node: s for s in cycle.sheets} if cycle else {}
    progress: dict[int, pf.ProjectProgress] = {}
    for row in cycle.project_progress if cycle else []:
        progress[pf.project_index(doc, row.project)] = row
    measures = [_plan_wide(view, indicators, sheets.get(None))] if _has_plan_wide(doc, sheets) else []
    for node in doc.nodes:
        mine = tuple(iy for iy in indicators if iy.indicator.node == node.id)
        projects = tuple(
            ProjectYear(project=p, planned=p.schedule.get(year),
                        stage=progress[k].stage if k in progress else None,
                        progress=progress[k].progress if k in progress else None)
            for k, p in enumerate(doc.projects) if p.node == node.id
        )
        if not mine and not projects:
            continue
        path: list[pf.Node] = []
        parent = node.parent
        while parent is not None and parent in nodes and nodes[parent] not in path:
            path.insert(0, nodes[parent])
            parent = nodes[parent].parent
        measures.append(MeasureYear(
            node=node, path=tuple(path), indicators=mine, projects=projects,
            actions=tuple(a for a in doc.actions if a.node == node.id), rollup=node_rollups[node.id],
            sheet=sheets.get(node.id),
        ))
    return YearReport(
        plan_id=plan_id, doc=doc, year=year, scale=scale, cycle=cycle, indicators=indicators, measures=tuple(measures),
        rollup=view.rollup, years=_table_years(public, year), nodes=nodes, audience=audience,
    )


def _has_plan_wide(doc: pf.PlanDocument, sheets: dict[str | None, pf.Sheet]) -> bool:
    """Whether the report holds a plan-wide sheet: the plan has plan-wide indicators (or the
    cycle has a plan-wide sheet, which is then shown without them)."""
    return None in sheets or any(i.node is None for i in doc.indicators)


def _plan_wide(view: PlanYear, indicators: tuple[IndicatorYear, ...], sheet: pf.Sheet | None) -> MeasureYear:
    """The plan-wide sheet as a measure of the report: the plan's own indicators, their roll-up
    and the cycle's plan-wide sheet."""
    mine = tuple(iy for iy in indicators if iy.indicator.node is None)
    rollup = node_rollup(key=PLAN_WIDE_KEY, level=None, number=None, title=PLAN_WIDE_LABEL,
                         rows=[iy.current for iy in mine], year=view.year, policy=view.policy, scale=view.scale)
    return MeasureYear(node=None, path=(), indicators=mine, projects=(), actions=(), rollup=rollup, sheet=sheet)


def load_year_report(engine: Engine, plan: str | int, year: int, *, audience: Audience = Audience.PUBLIC) -> YearReport:
    """The year report of a stored plan (by id or key) for ``audience`` (the public: published
    actuals and approved sheets only); NotFoundError for an unknown plan."""
    check_year(year)
    with transaction(engine) as session:
        row = repo.get_plan(session, ref=plan)
        doc, plan_id = read_plan(session, plan=row, include_drafts=audience is Audience.STAFF), row.id
    if audience is Audience.PUBLIC:
        doc = public_document(doc)
    from keikaku.services.exports.costs import with_costs  # the year's project money (its cost sheet and section)

    return with_costs(engine, build_year_report(doc, plan_id=plan_id, year=year, audience=audience), audience)
