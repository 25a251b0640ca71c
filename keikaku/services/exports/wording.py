"""Japanese wording shared by the year exports: fiscal-year names, numbers, values and statuses."""

from __future__ import annotations

import math

from keikaku.domain import planfile as pf
from keikaku.domain.assessment import Scale
from keikaku.domain.enums import SheetStatus
from keikaku.domain.fiscal import era_label, era_short, fiscal_year_ja  # noqa: F401 (era_short is used by the charts)

# (first fiscal year, calendar year of 元年, era name, initial); a fiscal year takes the era in
# force for most of it, so FY2019 is 令和元年度.

# The staff pages' words for the workflow states.
SHEET_STATUS_LABELS = {
    SheetStatus.DRAFT: "作成中", SheetStatus.SUBMITTED: "提出済", SheetStatus.RETURNED: "差戻し", SheetStatus.APPROVED: "承認済",
}
CYCLE_STATUS_LABELS = {"open": "受付中", "closed": "締切済"}


def era_year(year: int) -> str:
    """2024 → 令和6年度, 2019 → 令和元年度."""
    return era_label(year)


def fiscal_year(year: int) -> str:
    """2024 → 令和6年度 (2024)."""
    return fiscal_year_ja(year)


def number(value: float | int | None) -> str:
    """1070 → 1,070; 38.9 → 38.9; None → ""; the decimals the figure has, never "-0"."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return ""
    places = next((d for d in range(4) if abs(round(value, d) - value) <= 1e-9 * max(1.0, abs(value))), 4)
    text = f"{value:,.{places}f}"
    return text[1:] if text.startswith("-") and not text.strip("-0.,") else text


def rate(value: float | None) -> str:
    """A published rate (one decimal): 99.4 → 99.4, 100 → 100.0."""
    return "" if value is None else f"{value:,.1f}"


def value_text(value: pf.Value | pf.Actual | None, unit: str | None) -> str:
    """A baseline, target or actual as a person reads it: 1,070件, or the printed words (維持)."""
    if value is None:
        return ""
    if value.value is not None:
        return number(value.value) + (unit or "")
    return value.text or ""


def status_label(scale: Scale, status: str) -> str:
    """The scale's words for a status (順調 …), or those of the common statuses (データなし …)."""
    return scale.label_of(status)


def node_label(node: pf.Node) -> str:
    """施策 8 防犯・交通安全の推進."""
    return " ".join(filter(None, [node.level, node.number, node.title]))
