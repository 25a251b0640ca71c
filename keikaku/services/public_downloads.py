"""Downloads of the public site: a plan's year as open-data CSV (the whole plan, one measure or one
indicator), its Excel evaluation sheets and PDF report, the plan file as JSON and the Open SDG zip.

Everything starts from the **public document** of a stored plan (``public_document``): only
published actuals, and of each evaluation cycle only the approved sheets and the project progress
of their measures (a sheet still being written or reviewed, and its measure's progress, is not
public). The year's exports are then the ones staff download (``services.exports``: one
``YearReport`` built on the read model, ``readmodel.plan_year`` for the public), so a figure in
any download is the figure on the page. A CSV of a measure or an indicator is the plan's CSV
(``opendata.CSV_COLUMNS``) with only that measure's (and the nodes' under it) or that indicator's
rows. Without a year, a download is of the year the pages show (``readmodel.default_year``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from sqlalchemy import Engine

from keikaku.cache import ByteLru
from keikaku.domain import planfile as pf
from keikaku.domain.errors import NotFoundError
from keikaku.services.exports import plan_as_of
from keikaku.services.exports.context import YearReport, build_year_report, check_year, public_document
from keikaku.services.exports.costs import with_costs
from keikaku.services.exports.opendata import render_csv
from keikaku.services.browse import plan_version
from keikaku.services.readmodel import Audience, default_year
from keikaku.storage import public_lookup
from keikaku.storage import repository as repo
from keikaku.storage.database import transaction
from keikaku.storage.plan_store import read_plan

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF_TYPE = "application/pdf"
JSON_TYPE = "application/json"
ZIP_TYPE = "application/zip"
FILENAME_CHARS = 80  # of the Japanese part of a file's name
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')


@dataclass(frozen=True)
class Download:
    """A file to send: its bytes, media type, Japanese name and an ASCII name for old clients."""

    body: bytes
    media_type: str
    filename: str
    ascii_filename: str


@dataclass(frozen=True)
class PublicPlan:
    """A stored plan as the public may see it, with the ids of its indicators (plan order)."""

    plan_id: int
    doc: pf.PlanDocument
    indicator_ids: tuple[int, ...]
    reports: dict[int, YearReport] = field(default_factory=dict, compare=False)

    def year(self, year: int | None) -> int:
        """``year``, checked, or the year the public pages show."""
        return check_year(year) if year is not None else default_year(self.doc, Audience.PUBLIC)

    def report(self, year: int | None) -> YearReport:
        """The year report (built once per year: a plan's node and indicator CSVs share it)."""
        chosen = self.year(year)
        if chosen not in self.reports:
            self.reports[chosen] = build_year_report(self.doc, plan_id=self.plan_id, year=chosen)
        return self.reports[chosen]


# Public plans read, by engine and plan version: a plan's node and indicator CSVs (dozens of
# downloads) read and build it once. Each entry is weighed at a plan's usual size in memory.
PLAN_BYTES = 2 * 1024 * 1024
_PUBLIC: ByteLru[tuple, PublicPlan] = ByteLru(16 * PLAN_BYTES, weigh=lambda key, value: PLAN_BYTES)


def load_public_plan(engine: Engine, plan_id: int) -> PublicPlan:
    """The public document of plan ``plan_id``; NotFoundError for an unknown plan."""
    with transaction(engine) as session:
        version = plan_version(session, plan_id)
        if version is None:
            raise NotFoundError(f"no plan {plan_id}")
        key = (id(engine), *version)
        cached = _PUBLIC.get(key)
        if cached is not None:
            return cached
        row = repo.get_plan(session, ref=plan_id)
        doc = read_plan(session, plan=row, include_drafts=False)
        ids = repo.plan_indicator_ids(session, plan_id=row.id)
    public = PublicPlan(row.id, public_document(doc), tuple(ids))
    _PUBLIC.put(key, public)
    return public


def safe_filename(text: str) -> str:
    """``text`` as a file name: no path separators, reserved or control characters; cut to length."""
    cleaned = " ".join(_UNSAFE.sub("_", text).split()).strip(" ._")
    return cleaned[:FILENAME_CHARS] or "keikaku"


def _named(body: bytes, media_type: str, stem: str, ascii_stem: str, ext: str) -> Download:
    return Download(body, media_type, f"{safe_filename(stem)}.{ext}", f"{ascii_stem}.{ext}")


def _node_keys(doc: pf.PlanDocument, key: str) -> set[str]:
    """The node ``key`` and every node under it."""
    keys, frontier = {key}, [key]
    while frontier:
        current = frontier.pop()
        for n in doc.nodes:
            if n.parent == current and n.id not in keys:
                keys.add(n.id)
                frontier.append(n.id)
    return keys


def plan_csv(engine: Engine, plan_id: int, year: int | None = None) -> Download:
    """The plan's open data of the year: every indicator's rows (opendata.CSV_COLUMNS)."""
    public = load_public_plan(engine, plan_id)
    report = public.report(year)
    return _named(render_csv(report), CSV_TYPE, f"{public.doc.title}_{report.year}年度_指標",
                  f"keikaku-plan-{public.plan_id}-{report.year}", "csv")


def node_csv(engine: Engine, node_id: int, year: int | None = None) -> Download:
    """The plan's open data of the year, only the rows of the indicators of the node and the nodes under it."""
    with transaction(engine) as session:
        found = public_lookup.node_plan(session, node_id=node_id)
    if found is None:
        raise NotFoundError(f"no node {node_id}")
    public = load_public_plan(engine, found[0])
    report = public.report(year)
    keys = _node_keys(public.doc, found[1])
    node = next(n for n in public.doc.nodes if n.id == found[1])
    mine = replace(report, indicators=tuple(i for i in report.indicators if i.indicator.node in keys))
    label = f"{node.level}{node.number or ''}_{node.title}"
    return _named(render_csv(mine), CSV_TYPE, f"{label}_{report.year}年度_指標",
                  f"keikaku-node-{node_id}-{report.year}", "csv")


def indicator_csv(engine: Engine, indicator_id: int, year: int | None = None) -> Download:
    """The plan's open data of the year, only the rows of indicator ``indicator_id``."""
    with transaction(engine) as session:
        plan_id = public_lookup.indicator_plan(session, indicator_id=indicator_id)
    if plan_id is None:
        raise NotFoundError(f"no indicator {indicator_id}")
    public = load_public_plan(engine, plan_id)
    report = public.report(year)
    index = public.indicator_ids.index(indicator_id)
    mine = replace(report, indicators=(report.indicators[index],))
    return _named(render_csv(mine), CSV_TYPE, f"{public.doc.indicators[index].name}_{report.year}年度",
                  f"keikaku-indicator-{indicator_id}-{report.year}", "csv")


def plan_xlsx(engine: Engine, plan_id: int, year: int | None = None) -> Download:
    """The year's evaluation sheets (a 概要 sheet, then one per measure), as the public may see them."""
    from keikaku.services.exports.workbook import render_xlsx  # openpyxl only when needed

    public = load_public_plan(engine, plan_id)
    report = with_costs(engine, public.report(year), Audience.PUBLIC)
    return _named(render_xlsx(report), XLSX_TYPE, f"{public.doc.title}_{report.year}年度_施策評価",
                  f"keikaku-plan-{public.plan_id}-{report.year}", "xlsx")


def plan_pdf(engine: Engine, plan_id: int, year: int | None = None) -> Download:
    """The year's report (施策評価報告書), as the public may see it."""
    from keikaku.services.exports.report import render_pdf  # WeasyPrint only when needed

    public = load_public_plan(engine, plan_id)
    report = with_costs(engine, public.report(year), Audience.PUBLIC)
    return _named(render_pdf(report), PDF_TYPE, f"{public.doc.title}_{report.year}年度_施策評価報告書",
                  f"keikaku-plan-{public.plan_id}-{report.year}", "pdf")


def plan_json(engine: Engine, plan_id: int, year: int | None = None) -> Download:
    """The plan file of the public document (``keikaku load`` reads it); with ``year``, as it stood then."""
    public = load_public_plan(engine, plan_id)
    doc = public.doc if year is None else plan_as_of(public.doc, check_year(year))
    suffix = "" if year is None else f"_{year}年度"
    ascii_suffix = "" if year is None else f"-{year}"
    return _named(doc.to_json().encode("utf-8"), JSON_TYPE, f"{public.doc.title}{suffix}",
                  f"keikaku-plan-{public.plan_id}{ascii_suffix}", "json")


def plan_opensdg(engine: Engine, plan_id: int, year: int | None = None) -> Download:
    """Every indicator of the plan in the Open SDG data format, as one zip (``opensdg_export``)."""
    from keikaku.services.opensdg_export import render_zip

    public = load_public_plan(engine, plan_id)
    report = public.report(year)
    return _named(render_zip(report), ZIP_TYPE, f"{public.doc.title}_{report.year}年度_OpenSDG",
                  f"keikaku-plan-{public.plan_id}-{report.year}-opensdg", "zip")
