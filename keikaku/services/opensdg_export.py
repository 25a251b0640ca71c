"""A plan's indicators in the Open SDG data format (open-sdg.org), as sdg-build reads a data repository.

One zip holds, per indicator of the plan (plan order):

- ``data/indicator_X-Y.csv``: the data, a row per published actual up to the year that has a
  figure: columns ``Year`` and ``Value`` (no disaggregation columns: a plan's indicator is one
  series). UTF-8 without BOM, LF line ends, as in an Open SDG data repository. An indicator with no
  figure yet has no data file (Open SDG shows its metadata, reporting status ``notstarted``).
- ``meta/X-Y.md``: the metadata as YAML front matter (sdg-build's ``InputYamlMdMeta``), the
  indicator's definition below it.

A survey indicator (市民意識調査) keeps its figures as printed, and its data file keeps ``Year`` and
``Value`` only (any other column would be a disaggregation to Open SDG). Its metadata says what the
figures are: ``computation_calculations`` gives how the intervals are worked out,
``comments_limitations`` the 「有意な変化なし」 rule, and the Markdown body (which Open SDG shows
above the chart) a table of the baseline and each year with its sample size or margin of error,
its confidence interval, the change from the baseline and its significance.

The id ``X-Y``: X is the first SDG goal of the indicator's measure (the goals of its node, else of
the nearest node above it that has any), Y the indicator's place in the plan (1, 2, …), so ids are
unique in the plan and stable while its indicators keep their order. sdg-build reads the goal from
X and the indicator number ``X.Y`` from the id; Y is keikaku's own number, not an SDG target. An
indicator whose measure has no SDG goal is ``local-Y``, marked ``standalone: true`` (Open SDG
shows it outside the goals). Figures are the public read model's, as in the open-data CSV.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile

from keikaku.domain import planfile as pf
from keikaku.domain.fiscal import fiscal_year_ja
from keikaku.services.exports.context import YearReport
from keikaku.services.exports.survey_notes import SIGNIFICANCE_LABELS
from keikaku.services.formatting import number
from keikaku.services.readmodel import IndicatorYear
from keikaku.services.survey_working import baseline_interval, sample_of

DATA_COLUMNS = ("Year", "Value")
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # every member's time: the same data gives the same bytes


def number_text(value: float | int) -> str:
    """A number in its shortest form: 905, 38.9."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


def goals_of(doc: pf.PlanDocument, node_key: str | None) -> list[int]:
    """The SDG goals of the node, else of the nearest node above it that has any, sorted."""
    nodes = {n.id: n for n in doc.nodes}
    seen: set[str] = set()
    while node_key is not None and node_key in nodes and node_key not in seen:
        seen.add(node_key)
        node = nodes[node_key]
        if node.sdgs:
            return sorted(set(node.sdgs))
        node_key = node.parent
    return []


def indicator_id(doc: pf.PlanDocument, item: IndicatorYear) -> str:
    """``X-Y`` (goal, place in the plan), or ``local-Y`` without a goal."""
    goals = goals_of(doc, item.indicator.node)
    return f"{goals[0]}-{item.index + 1}" if goals else f"local-{item.index + 1}"


def data_rows(item: IndicatorYear) -> list[tuple[int, float | int]]:
    """(year, value) of each actual up to the year with a figure, oldest first."""
    out = []
    for row in item.rows:
        actual = item.actual(row.year)
        if actual is not None and actual.value is not None:
            out.append((actual.year, actual.value))
    return out


def render_data_csv(item: IndicatorYear) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(DATA_COLUMNS)
    writer.writerows([str(year), number_text(value)] for year, value in data_rows(item))
    return out.getvalue().encode("utf-8")


def _figure(prefix: str, value: pf.Value | None) -> dict[str, object]:
    if value is None:
        return {}
    return {f"{prefix}_value": value.value, f"{prefix}_year": value.year, f"{prefix}_text": value.text}


def metadata(report: YearReport, item: IndicatorYear) -> dict[str, object]:
    """The indicator's Open SDG metadata; keys with no value are left out."""
    doc, ind = report.doc, item.indicator
    inid = indicator_id(doc, item)
    goals = goals_of(doc, ind.node)
    node = report.nodes.get(ind.node) if ind.node else None
    has_data = bool(data_rows(item))
    meta: dict[str, object] = {
        "indicator_number": inid.replace("-", ".") if goals else inid,
        "indicator_name": ind.name,
        "goal_number": str(goals[0]) if goals else None,
        "standalone": None if goals else True,
        "reporting_status": "complete" if has_data else "notstarted",
        "data_non_statistical": not has_data,
        "published": True,
        "graph_type": "line",
        "graph_title": ind.name,
        "computation_units": ind.unit,
        "national_geographical_coverage": doc.municipality,
        "source_active_1": True,
        "source_organisation_1": doc.municipality,
        "source_other_info_1": ind.source,
        "sdg_goals": goals or None,
        "plan": doc.title,
        "measure": " ".join(filter(None, [node.level, node.number, node.title])) if node else None,
        "department": ind.department,
        **_figure("baseline", ind.baseline),
        **_figure("target", ind.target),
        "status_year": report.year,
        "status": item.status,
        "status_label": item.status_label,
        **survey_metadata(item),
    }
    return {k: v for k, v in meta.items() if v is not None}


SURVEY_CALCULATIONS = (
    "市民意識調査による割合 p（ポイント）の信頼区間は、正規近似により p ± z × √(p × (100 − p) ÷ 標本数) とする"
    "（z は信頼水準に対応する標準正規分布の値で、95% では 1.96）。標本数でなく誤差（±ポイント）が公表されている年度は、"
    "誤差 ÷ z を標準誤差とする。基準値からの変化 d の信頼区間は d ± z × √(基準値の標準誤差² + その年度の標準誤差²)。"
    "区間の端は小数第1位に四捨五入する。")
SURVEY_LIMITATIONS = (
    "標本調査の割合のため誤差を伴う。基準値からの変化の信頼区間が 0 を含む年度は「有意な変化なし」とし、進捗や後退とは"
    "みなさない。データファイルの値は調査結果のとおりで、各年度の標本数・信頼区間・判定は本文の表に示す。")


def survey_metadata(item: IndicatorYear) -> dict[str, object]:
    """A survey indicator's method and limitation, as Open SDG's own fields; empty for any other."""
    if item.indicator.survey is None:
        return {}
    return {"computation_calculations": SURVEY_CALCULATIONS, "comments_limitations": SURVEY_LIMITATIONS}


def _sample_words(value: object) -> str:
    size, margin = getattr(value, "sample_size", None), getattr(value, "margin_of_error", None)
    return f"標本数 {number(size)}" if size is not None else f"誤差 ±{number(margin)}ポイント" if margin is not None else "—"


def _signed(value: float) -> str:
    return ("+" if value > 0 else "") + number(value, 1)


def survey_table(item: IndicatorYear) -> str:
    """The Markdown table of a survey indicator: the baseline and each year up to the report's, with
    its sample, interval, change from the baseline and significance; "" for any other indicator."""
    ind = item.indicator
    if ind.survey is None:
        return ""
    level = number(round(ind.survey.confidence * 100, 1))
    unit = ind.unit or ""
    lines = [f"**市民意識調査による割合（信頼水準 {level}%）**", "",
             f"| 年度 | 値 | 標本数・誤差 | {level}%信頼区間 | 基準値からの変化 | 判定 |",
             "| --- | --- | --- | --- | --- | --- |"]
    base = ind.baseline
    if base is not None and base.value is not None:
        bounds = baseline_interval(ind.survey.confidence, sample_of(base))
        interval = f"{number(bounds[0], 1)}～{number(bounds[1], 1)}" if bounds else "—"
        year = fiscal_year_ja(base.year) if base.year else "—"
        lines.append(f"| {year} 基準値 | {number(base.value)}{unit} | {_sample_words(base)} | {interval} | — | — |")
    for row in item.rows:
        actual = item.actual(row.year)
        if actual is None or actual.value is None or row.year is None:
            continue
        interval = f"{number(row.ci_low, 1)}～{number(row.ci_high, 1)}" if row.ci_low is not None and row.ci_high is not None else "—"
        change = (f"{_signed(row.change_low)}～{_signed(row.change_high)}ポイント"
                  if row.change_low is not None and row.change_high is not None else "—")
        verdict = SIGNIFICANCE_LABELS.get(row.significance or "", "—")
        lines.append(f"| {fiscal_year_ja(row.year)} | {number(actual.value)}{unit} | {_sample_words(actual)} | {interval} | "
                     f"{change} | {verdict} |")
    lines += ["", "基準値からの変化の信頼区間が 0 を含む年度は「有意な変化なし」で、進捗や後退とはみなしません。"
                  "値は調査結果のとおりです。"]
    return "\n".join(lines)


def _yaml_scalar(value: object) -> str:
    """A YAML scalar (JSON's double-quoted strings are YAML's too); a list of numbers in flow style."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return number_text(value)
    if isinstance(value, list):
        return "[" + ", ".join(_yaml_scalar(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)


def render_meta_md(report: YearReport, item: IndicatorYear) -> bytes:
    """YAML front matter between ``---`` lines, then the indicator's definition (the page's text)."""
    lines = ["---", *(f"{k}: {_yaml_scalar(v)}" for k, v in metadata(report, item).items()), "---"]
    body = "\n\n".join(part for part in (survey_table(item), item.indicator.definition or "") if part)
    return ("\n".join(lines) + "\n" + (body + "\n" if body else "")).encode("utf-8")


def files(report: YearReport) -> dict[str, bytes]:
    """The zip's members by path, in plan order: each indicator's data file (when it has data) and metadata."""
    out: dict[str, bytes] = {}
    for item in report.indicators:
        inid = indicator_id(report.doc, item)
        if data_rows(item):
            out[f"data/indicator_{inid}.csv"] = render_data_csv(item)
        out[f"meta/{inid}.md"] = render_meta_md(report, item)
    return out


def render_zip(report: YearReport) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path, body in files(report).items():
            info = zipfile.ZipInfo(path, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, body)
    return buffer.getvalue()
