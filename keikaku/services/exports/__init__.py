"""Exports of a stored plan's fiscal year: open-data CSV, an Excel workbook of evaluation sheets,
a PDF report, and the complete plan file as JSON.

CSV, Excel and PDF render one context (``context.YearReport``: actuals up to the year, their
assessment on the year's scale, the measures and the year's evaluation sheets). The public ones,
CSV open data and the PDF report, hold published actuals and approved sheets only; the staff ones,
the Excel workbook and JSON, hold draft actuals too, marked as drafts (a shaded cell with a note
in Excel, ``"status": "draft"`` in JSON). JSON is the plan file with every actual and every
evaluation cycle; ``keikaku load`` restores it.
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import Engine

from keikaku.domain import planfile as pf
from keikaku.services.exports.context import ExportError, YearReport, build_year_report, check_year, load_year_report
from keikaku.services.exports.opendata import CSV_COLUMNS, render_csv
from keikaku.services.plans import dump_plan
from keikaku.services.readmodel import Audience

__all__ = [
    "Audience", "CSV_COLUMNS", "ExportError", "ExportFormat", "YearReport", "build_year_report", "export", "export_csv",
    "export_json", "export_pdf", "export_xlsx", "load_year_report", "plan_as_of",
]


class ExportFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"
    pdf = "pdf"
    json = "json"


def export_csv(engine: Engine, plan: str | int, year: int) -> bytes:
    """Open data: a row per indicator and published actual year up to ``year`` (CSV_COLUMNS),
    UTF-8 with BOM and CRLF line ends."""
    return render_csv(load_year_report(engine, plan, year))


def export_xlsx(engine: Engine, plan: str | int, year: int) -> bytes:
    """The year's evaluation sheets for staff: a 概要 sheet, then one sheet per measure, with the
    draft actuals marked as drafts and every sheet whatever its review status."""
    from keikaku.services.exports.workbook import render_xlsx  # openpyxl only when needed

    return render_xlsx(load_year_report(engine, plan, year, audience=Audience.STAFF))


def export_pdf(engine: Engine, plan: str | int, year: int) -> bytes:
    """The year's report (施策評価報告書) in Japanese, A4, with a chart per indicator: published
    actuals and approved sheets only, as the public site's."""
    from keikaku.services.exports.report import render_pdf  # Jinja2 and WeasyPrint only when needed

    return render_pdf(load_year_report(engine, plan, year))


def plan_as_of(doc: pf.PlanDocument, year: int) -> pf.PlanDocument:
    """The plan file as it stood at the end of fiscal year ``year``: actuals and cycles up to it."""
    indicators = [i.model_copy(update={"actuals": [a for a in i.actuals if a.year <= year]}) for i in doc.indicators]
    return doc.model_copy(update={"indicators": indicators, "cycles": [c for c in doc.cycles if c.year <= year]})


def export_json(engine: Engine, plan: str | int, year: int | None = None) -> str:
    """The complete plan file: the plan, every actual with its status (drafts too) and every
    evaluation cycle with its sheets and project progress. ``keikaku load`` of it into an empty
    database gives the same export again. With ``year``, actuals and cycles after it are left out."""
    doc = dump_plan(engine, plan)
    return (doc if year is None else plan_as_of(doc, check_year(year))).to_json()


def export(engine: Engine, plan: str | int, *, format: ExportFormat | str, year: int | None = None) -> bytes:
    """Any export as bytes (JSON as UTF-8); ExportError for an unknown format or a missing year."""
    try:
        kind = ExportFormat(format)
    except ValueError:
        raise ExportError(f"unknown export format {format!r}; use {', '.join(f.value for f in ExportFormat)}") from None
    if kind is ExportFormat.json:
        return export_json(engine, plan, year).encode("utf-8")
    if year is None:
        raise ExportError(f"a {kind.value} export is of one fiscal year: give the year (--year)")
    return {ExportFormat.csv: export_csv, ExportFormat.xlsx: export_xlsx, ExportFormat.pdf: export_pdf}[kind](
        engine, plan, year)
