"""Japanese wording shared by the year exports: fiscal-year names and statuses; numbers, values and
node labels from the one formatter (services/formatting.py)."""

from __future__ import annotations

from keikaku.domain import planfile as pf
from keikaku.domain.assessment import Scale
from keikaku.domain.enums import SheetStatus
from keikaku.domain.fiscal import era_label, era_short, fiscal_year_ja  # noqa: F401 (era_short is used by the charts)
from keikaku.services.formatting import figure, node_label, number, rate  # noqa: F401 (the one formatter, re-exported)

# (first fiscal year, calendar year of 元年, era name, initial); a fiscal year takes the era in
# force for most of it, so FY2019 is 令和元年度.

# The staff pages' words for the workflow states.
SHEET_STATUS_LABELS = {
    SheetStatus.DRAFT: "作成中", SheetStatus.SUBMITTED: "提出済", SheetStatus.RETURNED: "差戻し", SheetStatus.APPROVED: "承認済",
}
CYCLE_STATUS_LABELS = {"open": "受付中", "closed": "締切済"}
# A measure without a sheet in the report: the public report holds approved sheets only, so for
# the public "no sheet" means "not published" (as the evaluations pages say), for staff "not begun".
MISSING_SHEET_LABELS = {"public": "未公表", "staff": "未作成"}


def sheet_status_text(sheet: object | None, audience: str) -> str:
    """A measure's sheet state in a report: the workflow state, or why there is none."""
    if sheet is None:
        return MISSING_SHEET_LABELS[audience]
    status = getattr(sheet, "status")
    return SHEET_STATUS_LABELS.get(status, status)


def era_year(year: int) -> str:
    """2024 → 令和6年度, 2019 → 令和元年度."""
    return era_label(year)


def fiscal_year(year: int) -> str:
    """2024 → 令和6年度 (2024)."""
    return fiscal_year_ja(year)


value_text = figure  # a baseline, target or actual as printed (services/formatting.py)


def status_label(scale: Scale, status: str) -> str:
    """The scale's words for a status (順調 …), or those of the common statuses (データなし …)."""
    return scale.label_of(status)
