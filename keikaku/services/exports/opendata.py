"""Open data: the year's indicators as one tidy CSV table (UTF-8 with BOM, CRLF line ends)."""

from __future__ import annotations

import csv
import io

from keikaku.domain import planfile as pf
from keikaku.services.exports.cells import csv_text
from keikaku.services.exports.context import YearReport

CSV_COLUMNS = (
    "municipality_code", "municipality", "plan", "node_number", "node_title", "indicator", "unit", "year", "value",
    "baseline", "baseline_year", "target", "target_year", "progress_rate", "achievement_rate", "status", "grade",
    "sample_size", "margin_of_error", "ci_low", "ci_high", "significance",
)
# The last five are a survey indicator's (市民意識調査): the year's sample, its confidence interval in
# points and whether the change from the baseline is significant (increase, decrease,
# no_significant_change: 有意な変化なし, not progress or decline); empty for any other indicator.


def _cell(value: object) -> str:
    """Empty for null; numbers in their shortest form (905, 38.9); text as is."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    return csv_text(value) if isinstance(value, str) else str(value)


def _rate(value: object) -> str:
    """A published rate with its one decimal: 0.0, 75.0, -215.4 (a figure, never neutralised as text)."""
    return "" if value is None else f"{value:.1f}"


def _figure(value: pf.Value | pf.Actual | None) -> object:
    """The number, or the words as printed when there is none (維持, 拡充)."""
    if value is None:
        return None
    return value.value if value.value is not None else value.text


def csv_rows(report: YearReport) -> list[list[str]]:
    """A row per indicator and published actual year up to the year, in plan order; an indicator
    without any gets one row with an empty year and status ``no_data``."""
    doc = report.doc
    out = []
    for item in report.indicators:
        ind = item.indicator
        node = report.nodes.get(ind.node) if ind.node else None
        for row in item.rows:
            data = row.to_json()
            actual = item.actual(row.year) if row.year is not None else None
            out.append([
                *(_cell(v) for v in (
                    doc.municipality_code, doc.municipality, doc.title, node.number if node else None,
                    node.title if node else None, ind.name, ind.unit, row.year, _figure(actual),
                    _figure(ind.baseline), ind.baseline.year if ind.baseline else None,
                    _figure(ind.target), ind.target.year if ind.target else None)),
                _rate(data["progress_rate"]), _rate(data["achievement_rate"]), _cell(row.status), _cell(row.grade),
                *(_cell(v) for v in (
                    actual.sample_size if actual and ind.survey else None,
                    actual.margin_of_error if actual and ind.survey else None)),
                _rate(row.ci_low), _rate(row.ci_high), _cell(row.significance),
            ])
    return out


def render_csv(report: YearReport) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)  # the csv module's own CRLF line ends
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_rows(report))
    return out.getvalue().encode("utf-8-sig")
