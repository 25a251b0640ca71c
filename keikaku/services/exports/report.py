"""The year's report (施策評価報告書) as a PDF: HTML from an inline Jinja2 template, rendered by
WeasyPrint on A4 with Noto Sans CJK JP, page numbers in the footer and an SVG chart per indicator.
The plan-wide sheet (計画全体の指標), when the plan has one, is the first row of the summary and the
first section, with its indicators and evaluation and no projects.

The template lives here rather than in a template folder so that it ships with the module; it
is independent of the web pages' templates (services do not use the web layer).
"""

from __future__ import annotations

from jinja2 import Environment, StrictUndefined
from markupsafe import Markup

from keikaku.services import charts
from keikaku.services.exports.costs import cost_section_html
from keikaku.services.exports.context import IndicatorYear, MeasureYear, YearReport
from keikaku.services.exports.survey_notes import SURVEY_NOTE, survey_line
from keikaku.services.exports.wording import (
    CYCLE_STATUS_LABELS, era_year, fiscal_year, number, rate, sheet_status_text, status_label, value_text,
)

FONT = '"Noto Sans CJK JP", "Noto Sans JP", "IPAGothic", sans-serif'

CSS = """
@page { size: A4; margin: 17mm 14mm 18mm 14mm;
  @top-left { content: string(plan); font-family: FONT; font-size: 7.5pt; color: #666; }
  @top-right { content: string(measure); font-family: FONT; font-size: 7.5pt; color: #666; }
  @bottom-center { content: counter(page) " / " counter(pages); font-family: FONT; font-size: 8pt; color: #444; } }
html { font-family: FONT; font-size: 9pt; line-height: 1.5; color: #222; }
h1 { font-size: 17pt; margin: 0 0 2mm; string-set: plan content(); }
h2 { font-size: 13pt; margin: 0 0 2mm; border-bottom: 1.2pt solid #1f4e99; padding-bottom: 1mm; }
h2.measure { string-set: measure content(); }
h3 { font-size: 10pt; margin: 4mm 0 1.5mm; padding-left: 2mm; border-left: 3pt solid #1f4e99; }
.lead { font-size: 12pt; margin: 0 0 5mm; }
.path { color: #555; font-size: 8pt; margin-bottom: 1mm; }
.meta { margin: 0 0 2mm; color: #333; }
section.measure { break-before: page; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 2mm; font-size: 8pt; }
th, td { border: 0.5pt solid #999; padding: 0.8mm 1.2mm; vertical-align: top; }
th { background: #dde4ee; font-weight: bold; text-align: center; }
td.num { text-align: right; white-space: nowrap; }
td.c { text-align: center; }
th.now, td.now { background: #fff2cc; }
th.nw { white-space: nowrap; }
dl.facts { display: grid; grid-template-columns: 28mm auto; margin: 0 0 4mm; }
dl.facts dt { font-weight: bold; } dl.facts dd { margin: 0; }
.charts { margin-top: 1mm; }
figure.chart { display: inline-block; width: 49%; margin: 0 0 2mm; vertical-align: top; break-inside: avoid; }
figure.chart svg { width: 100%; height: auto; }
table.evaluation th { width: 26mm; text-align: left; }
table.evaluation td { white-space: pre-wrap; }
.none { color: #777; }
p.note { font-size: 7.5pt; color: #555; margin: 0; }
table.summary { table-layout: fixed; }
ul.actions { margin: 0; padding-left: 2mm; list-style: none; } ul.actions li { margin: 0; }
p.section { margin: 0 0 1mm; }
""".replace("FONT", FONT)

TEMPLATE = """<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>{{ doc.title }} {{ era(r.year) }} 施策評価報告書</title>
<meta name="author" content="{{ doc.municipality or '' }}"><meta name="generator" content="keikaku">
<style>{{ css }}</style></head><body>
<h1>{{ doc.title }}</h1>
<p class="lead">{{ era(r.year) }} 施策評価報告書</p>
<dl class="facts">
<dt>自治体</dt><dd>{{ doc.municipality or '' }}{% if doc.municipality_code %} ({{ doc.municipality_code }}){% endif %}</dd>
{% if doc.period %}<dt>計画期間</dt><dd>{{ era(doc.period.start) }}～{{ era(doc.period.end) }} ({{ doc.period.start }}–{{ doc.period.end }})</dd>{% endif %}
<dt>対象年度</dt><dd>{{ fy(r.year) }}</dd>
<dt>評価の尺度</dt><dd>{% for lv in r.scale.levels %}{{ lv.grade }} {{ lv.label }}{% if not loop.last %}、{% endif %}{% endfor %}</dd>
<dt>評価サイクル</dt><dd>{% if r.cycle %}{{ cycle_status }}{% if r.cycle.deadline %}（締切 {{ r.cycle.deadline.isoformat() }}）{% endif %}{% else %}なし{% endif %}</dd>
<dt>平均達成率</dt><dd>{% if r.rollup.score is not none %}{{ rate(r.rollup.score) }}%（指標 {{ r.rollup.components|length }} 件のうち {{ r.rollup.scored }} 件）{% else %}—{% endif %}</dd>
</dl>
<h2>施策の評価一覧</h2>
<table class="summary"><colgroup><col style="width: 9mm"><col><col style="width: 32mm"><col style="width: 9mm"><col style="width: 15mm"><col style="width: 38mm"><col style="width: 11mm"><col style="width: 15mm"></colgroup>
<thead><tr><th>番号</th><th>施策</th><th>所管課</th><th>指標</th><th>平均<br>達成率(%)</th><th>指標の状況</th><th>自己<br>評価</th><th>審査状況</th></tr></thead><tbody>
{% for m in r.measures %}<tr{% if m.plan_wide %} class="plan-wide"{% endif %}><td class="c">{{ m.number or '' }}</td><td>{{ m.title }}</td><td>{{ m.departments|join('、') }}</td>
<td class="num">{{ m.indicators|length }}</td><td class="num">{{ rate(m.rollup.score) }}</td>
<td>{{ counts(m) }}</td><td class="c">{{ m.sheet.self_grade if m.sheet and m.sheet.self_grade else '' }}</td><td class="c">{{ sheet_status(m) }}</td></tr>
{% endfor %}</tbody></table>
<p class="note">平均達成率は、実績のある指標の達成率（上限 100%）の単純平均です。指標の状況は、各指標の{{ era(r.year) }}までの最新の実績による評価です。自己評価・審査状況は、所管課の施策評価シートによります。{% if public %}公表は審査で承認された評価シートに限ります。{% if not r.measures|selectattr("sheet")|list %}この年度に公表された施策評価はまだありません。{% endif %}{% endif %}</p>
{{ costs_html }}
{% for m in r.measures %}
<section class="measure">
{% if m.path %}<div class="path">{{ m.path_label }}</div>{% endif %}
<h2 class="measure">{{ m.label }}</h2>
<p class="meta">所管課: {{ m.departments|join('、') or '—' }}　対象年度: {{ fy(r.year) }}</p>
{% for s in m.sections %}<h3>{{ s.heading }}</h3>{% if s.text %}<p class="section">{{ s.text }}</p>{% endif %}
{% if s.items %}<ul>{% for item in s.items %}<li>{{ item }}</li>{% endfor %}</ul>{% endif %}{% endfor %}
<h3>成果・活動指標</h3>
{% if m.indicators %}
{% set nw = ' nw' if r.years|length <= 6 else '' %}
<table class="indicators"><thead><tr><th>指標名</th><th class="nw">基準値</th>{% for y in r.years %}<th class="{{ 'now' if y == r.year else '' }}{{ nw }}">{{ era(y) }}</th>{% endfor %}<th class="nw">目標値</th><th>達成率<br>(%)</th><th>進捗率<br>(%)</th><th class="nw">状況</th></tr></thead><tbody>
{% for item in m.indicators %}{% set ind = item.indicator %}<tr><td>{{ ind.name }}</td>
<td class="num">{{ value(ind.baseline, ind.unit) }}{% if ind.baseline and ind.baseline.year %}<br>({{ ind.baseline.year }}){% endif %}</td>
{% for y in r.years %}<td class="num{% if y == r.year %} now{% endif %}">{{ value(item.actual(y), ind.unit) }}</td>{% endfor %}
<td class="num">{{ value(ind.target, ind.unit) }}{% if ind.target and ind.target.year %}<br>({{ ind.target.year }}){% endif %}</td>
<td class="num">{{ rate(item.current.to_json().achievement_rate) }}</td><td class="num">{{ rate(item.current.to_json().progress_rate) }}</td>
<td class="c">{{ grade(item) }}</td></tr>
{% endfor %}</tbody></table>
{% set notes = survey_lines(m) %}{% if notes %}{% for line in notes %}<p class="note survey">※ {{ line }}</p>{% endfor %}
<p class="note survey">{{ survey_note }}</p>{% endif %}
<div class="charts">{% for item in m.indicators %}{% set svg = chart(item) %}{% if svg %}<figure class="chart">{{ svg }}</figure>{% endif %}{% endfor %}</div>
{% else %}<p class="none">指標はありません。</p>{% endif %}
{% if not m.plan_wide %}
<h3>主な事業</h3>
{% if m.projects %}
<table class="projects"><thead><tr><th>事業名</th><th>所管課</th>{% for y in m.schedule_years %}<th{% if y == r.year %} class="now"{% endif %}>{{ era(y) }}</th>{% endfor %}<th>進捗状況</th></tr></thead><tbody>
{% for p in m.projects %}<tr><td>{{ p.project.name }}</td><td>{{ p.project.department or '' }}</td>
{% for y in m.schedule_years %}<td class="c{% if y == r.year %} now{% endif %}">{{ p.project.schedule.get(y, '') }}</td>{% endfor %}
<td>{% if p.stage %}【{{ p.stage }}】{% endif %}{{ p.progress or '' }}</td></tr>
{% endfor %}</tbody></table>
{% else %}<p class="none">事業はありません。</p>{% endif %}
{% endif %}
{% if m.actions %}<h3>主な取組</h3><ul class="actions">{% for a in m.actions %}<li>{% if a.number %}{{ a.number }} {% endif %}{{ a.title }}</li>{% endfor %}</ul>{% endif %}
<h3>評価</h3>
{% if m.sheet %}{% set sh = m.sheet %}
<table class="evaluation"><tbody>
<tr><th>自己評価</th><td>{{ sh.self_grade or '' }}</td></tr>
<tr><th>評価の理由</th><td>{{ sh.reasons or '' }}</td></tr>
<tr><th>課題</th><td>{{ sh.issues or '' }}</td></tr>
<tr><th>次年度の方向性</th><td>{{ sh.next_direction or '' }}</td></tr>
<tr><th>審査状況</th><td>{{ sheet_status(m) }}</td></tr>
<tr><th>審査コメント</th><td>{{ sh.review_comment or '' }}</td></tr>
</tbody></table>
{% else %}<p class="none">{% if public %}この年度の評価は公表されていません。{% else %}この年度の評価シートはありません。{% endif %}</p>{% endif %}
</section>
{% endfor %}
</body></html>
"""

_ENV = Environment(autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
_TEMPLATE = _ENV.from_string(TEMPLATE)


def report_html(report: YearReport) -> str:
    """The HTML that WeasyPrint renders (charts inline as SVG)."""
    def chart(item: IndicatorYear) -> Markup | None:
        if not charts.has_figures(item.indicator, year=report.year):
            return None
        intervals = [(r.year, r.ci_low, r.ci_high) for r in item.rows
                     if r.year is not None and r.ci_low is not None and r.ci_high is not None]
        svg = charts.plan_indicator_chart(item.indicator, chart_id=f"chart-{item.index}", year=report.year,
                                          intervals=intervals)
        return Markup(svg)  # the chart maker escapes every text it writes

    def grade(item: IndicatorYear) -> str:
        return " ".join(filter(None, [item.current.grade, item.status_label]))

    def counts(m: MeasureYear) -> str:
        return "、".join(f"{status_label(report.scale, k)} {n}" for k, n in m.rollup.counts.items() if n)

    def sheet_status(m: MeasureYear) -> str:
        return sheet_status_text(m.sheet, report.audience.value)

    def survey_lines(m: MeasureYear) -> list[str]:
        return [line for item in m.indicators if item.current.year is not None
                and (line := survey_line(item, era_year(item.current.year))) is not None]

    cycle_status = CYCLE_STATUS_LABELS.get(report.cycle.status, report.cycle.status) if report.cycle else ""
    return _TEMPLATE.render(
        r=report, doc=report.doc, css=Markup(CSS), era=era_year, fy=fiscal_year, rate=rate, number=number,
        value=value_text, chart=chart, grade=grade, counts=counts, sheet_status=sheet_status, cycle_status=cycle_status,
        public=report.audience.value == "public",
        costs_html=cost_section_html(report), survey_lines=survey_lines, survey_note=SURVEY_NOTE,
    )


def _no_fetch(url: str, *args: object, **kwargs: object) -> dict[str, object]:
    """The report needs no file or network resource; refuse any a plan's text might name."""
    raise ValueError(f"the report fetches no resources ({url[:60]})")


def render_pdf(report: YearReport) -> bytes:
    from weasyprint import HTML  # heavy: imported only when a PDF is made

    return HTML(string=report_html(report), url_fetcher=_no_fetch).write_pdf()
