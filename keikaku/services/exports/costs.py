"""Project money in the year's exports: a cost sheet in the Excel workbook and a cost section in the
PDF report, both rendered from the year's cost report (keikaku.services.costs.CostReport) that
``with_costs`` attaches to a ``YearReport`` (``YearReport.costs``).

The public's exports (the site's downloads) count published actuals only in a cost per unit; staff
exports count drafts too, as their indicator tables do. A year without money recorded has no
sheet and no section. Excel cells hold exact yen (integers); the PDF prints 千円 tables and 億/万
in prose through keikaku.services.formatting.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from jinja2 import Environment, StrictUndefined
from markupsafe import Markup
from openpyxl.styles import Font, PatternFill

from keikaku.services.costs import CostReport, cost_report
from keikaku.services.formatting import thousand_yen, unit_cost, yen_words
from keikaku.services.readmodel import Audience
from keikaku.storage import budget_store as store
from keikaku.storage.database import transaction

COST_SHEET = "事業費・コスト"
BASIS = {"settlement": "決算額", "revised": "補正後予算", "initial": "当初予算"}
REASONS = {"no_actual": "実績値なし", "zero_actual": "実績値が0", "negative_actual": "実績値が負",
           "no_full_cost": "トータルコスト不明", "incomplete": "一部の事業のコスト不明",
           "lower_is_better": "減少を目指す指標"}
PROJECT_HEAD = ("施策", "事業名", "所管課", "当初予算", "補正後予算", "決算額", "事業費", "事業費の基準", "国庫支出金",
                "都道府県支出金", "地方債", "その他特定財源", "一般財源", "正規職員（人工）", "会計年度任用職員（人工）",
                "人件費", "トータルコスト")
_BOLD = Font(bold=True)
_HEAD = PatternFill("solid", fgColor="DDE4EE")


def with_costs(engine: Any, report: Any, audience: Audience) -> Any:
    """``report`` (a YearReport) with the cost report of its year, when its plan has money that year."""
    with transaction(engine) as session:
        years = store.budget_years(session, plan_id=report.plan_id)
    if report.year not in years:
        return report
    return replace(report, costs=cost_report(engine, plan=report.plan_id, year=report.year, audience=audience))


def _recorded(costs: CostReport | None) -> list[Any]:
    return [p for p in costs.projects if p.recorded] if costs is not None else []


def add_cost_sheet(wb: Any, report: Any) -> None:
    """A sheet of every project with money in the year, the measures' costs per unit and the frame."""
    costs: CostReport | None = getattr(report, "costs", None)
    projects = _recorded(costs)
    if costs is None or (not projects and not costs.frame):
        return
    ws = wb.create_sheet(COST_SHEET)
    ws.append([f"{costs.plan_title} {costs.year}年度 事業費・トータルコスト" + ("（架空の例）" if costs.fictional else "")])
    ws.cell(row=1, column=1).font = Font(bold=True, size=14)
    ws.append(["単位：円（職員は人工）。事業費は決算額、なければ補正後予算、なければ当初予算。トータルコスト＝事業費＋人件費。"])
    ws.append([])
    _head(ws, PROJECT_HEAD)
    for p in projects:
        funding = dict(p.funding)
        ws.append([p.node.label, p.name, p.department, p.initial_budget, p.revised_budget, p.settlement, p.spending,
                   BASIS.get(p.spending_basis or "", None), *(funding[k] for k in (
                       "national", "prefectural", "bonds", "other_earmarked", "general")),
                   None if p.regular_staff is None else str(p.regular_staff),
                   None if p.fixed_term_staff is None else str(p.fixed_term_staff), p.staff_cost, p.full_cost])
        for cell in ws[ws.max_row][3:]:
            if isinstance(cell.value, int):
                cell.number_format = "#,##0"
    ws.append([])
    _head(ws, ("施策", "指標", "実績値", "1単位当たりのコスト（円）", "備考"))
    for measure in costs.measures:
        for c in measure.cost_per_unit:
            ws.append([measure.node.label, c.indicator, None if c.actual is None else f"{c.actual}{c.unit or ''}",
                       unit_cost(c.value) or None, REASONS.get(c.reason or "", c.reason)])
    if costs.frame:
        ws.append([])
        _head(ws, ("施策", "計画額（財政フレーム）", "事業費の合計", "差額（事業費−計画額）"))
        for f in costs.frame:
            ws.append([f.node.label, f.planned, f.projects_total, f.difference])
            for cell in ws[ws.max_row][1:]:
                cell.number_format = "#,##0"
    for letter, width in zip("ABCDEFGHIJKLMNOPQ", (28, 30, 14, *(14,) * 14)):
        ws.column_dimensions[letter].width = width


def _head(ws: Any, values: tuple[str, ...]) -> None:
    ws.append(list(values))
    for cell in ws[ws.max_row]:
        cell.font, cell.fill = _BOLD, _HEAD


_ENV = Environment(autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
_SECTION = _ENV.from_string("""
<section class="costs">
<h2>事業費・トータルコスト（{{ c.year }}年度）</h2>
<p class="meta">事業 {{ projects|length }} 件のトータルコスト（事業費＋人件費）は{{ words(full) }}です。単位：千円。</p>
<table class="costs"><thead><tr><th>施策</th><th>事業名</th><th>事業費</th><th>基準</th><th>人件費</th><th>トータルコスト</th></tr></thead><tbody>
{% for p in projects %}<tr><td>{{ p.node.label }}</td><td>{{ p.name }}</td><td class="num">{{ k(p.spending) }}</td><td class="c">{{ basis.get(p.spending_basis or '', '') }}</td><td class="num">{{ k(p.staff_cost) }}</td><td class="num">{{ k(p.full_cost) }}</td></tr>
{% endfor %}</tbody></table>
{% if c.frame %}<h3>財政フレームとの比較</h3>
<table class="costs"><thead><tr><th>施策</th><th>計画額</th><th>事業費の合計</th><th>差額</th></tr></thead><tbody>
{% for f in c.frame %}<tr><td>{{ f.node.label }}</td><td class="num">{{ k(f.planned) }}</td><td class="num">{{ k(f.projects_total) }}</td><td class="num">{{ k(f.difference) }}</td></tr>
{% endfor %}</tbody></table>
<p class="note">差額がプラスは計画額を上回ったことを示します。</p>{% endif %}
</section>
""")


def cost_section_html(report: Any) -> Markup:
    """The PDF report's cost section of the year ("" without money that year)."""
    costs: CostReport | None = getattr(report, "costs", None)
    projects = _recorded(costs)
    if costs is None or (not projects and not costs.frame):
        return Markup("")
    full = sum(p.full_cost for p in projects if p.full_cost is not None)
    return Markup(_SECTION.render(c=costs, projects=projects, full=full, k=lambda v: thousand_yen(v) or "—",
                                  words=yen_words, basis=BASIS))
