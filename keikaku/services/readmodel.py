"""An indicator as of a fiscal year: the one read model that every surface renders.

The public pages, the JSON API, the CSV, Excel and PDF exports, the evaluation sheets' figures,
``keikaku assess --plan`` and the static site all start from ``plan_year``: one plan, one fiscal
year, one audience. What it fixes once, so that no surface can differ:

- **Which actuals count.** The public sees published actuals only; staff also see drafts (actuals
  entered in an open cycle and not yet approved), each marked ``draft``. Actuals after the year
  are left out.
- **The scale.** The plan's configured scale (``plan_scale``): the scale of that year's
  evaluation cycle, else of the latest cycle before it, else of the plan's first cycle, else
  ``abcd``.
- **The figure as of the year.** Its latest actual up to the year that has a figure
  (``rows_as_of``), with every earlier year's row kept for tables and charts.
- **The status.** The engine's status on that scale (a worded indicator, 拡充 or 推進, is
  ``qualitative`` even before it has an actual).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import Engine

from keikaku.domain import planfile as pf
from keikaku.domain.assessment import AssessmentRow, Rollup, RollupPolicy, Scale, assess_indicators, assess_plan, get_scale
from keikaku.domain.assessment.document import PERCENT_UNITS
from keikaku.domain.assessment.rows import rows_as_of
from keikaku.domain.fiscal import fiscal_year_of
from keikaku.services.survey_working import baseline_interval, sample_of
from keikaku.storage import repository as repo
from keikaku.storage.database import transaction
from keikaku.storage.plan_store import read_plan


class Audience(StrEnum):
    """Who is looking: the public never sees a draft actual; staff see drafts, marked."""

    PUBLIC = "public"
    STAFF = "staff"


def plan_scale(doc: pf.PlanDocument, year: int | None = None) -> Scale:
    """The scale the plan is graded on in fiscal year ``year`` (see the module's docstring)."""
    cycles = sorted(doc.cycles, key=lambda c: c.year)
    if not cycles:
        return get_scale(None)
    if year is None:
        return get_scale(cycles[-1].scale)
    earlier = [c for c in cycles if c.year <= year]
    return get_scale((earlier[-1] if earlier else cycles[0]).scale)


def visible(doc: pf.PlanDocument, audience: Audience, year: int | None = None) -> pf.PlanDocument:
    """``doc`` with the actuals ``audience`` may see, up to ``year`` when given."""
    def keep(a: pf.Actual) -> bool:
        return (audience is Audience.STAFF or a.status == "published") and (year is None or a.year <= year)

    indicators = [i.model_copy(update={"actuals": [a for a in i.actuals if keep(a)]}) for i in doc.indicators]
    return doc.model_copy(update={"indicators": indicators})


def latest_actual_year(doc: pf.PlanDocument) -> int | None:
    years = [a.year for i in doc.indicators for a in i.actuals]
    return max(years) if years else None


@dataclass(frozen=True)
class IndicatorYear:
    """One indicator as of the year: its visible actuals up to the year and their assessment."""

    index: int  # the indicator's place in the plan
    indicator: pf.Indicator  # actuals: the visible ones up to the year
    rows: tuple[AssessmentRow, ...]  # a row per actual year (one ``no_data`` row without actuals)
    current: AssessmentRow  # as of the year: the latest actual with a figure up to it
    status_label: str  # the scale's words for ``status`` (順調, データなし …)

    @property
    def status(self) -> str:
        return self.current.status

    def actual(self, year: int | None) -> pf.Actual | None:
        return next((a for a in self.indicator.actuals if a.year == year), None) if year is not None else None

    @property
    def draft(self) -> bool:
        """The figure as of the year is a draft (only staff ever see one)."""
        current = self.actual(self.current.year)
        return current is not None and current.status == "draft"

    @property
    def draft_years(self) -> frozenset[int]:
        return frozenset(a.year for a in self.indicator.actuals if a.status == "draft")


@dataclass(frozen=True)
class PlanYear:
    """A plan as of fiscal year ``year`` for ``audience``: every indicator (plan order) and the roll-ups."""

    doc: pf.PlanDocument  # as stored, with every actual and cycle
    year: int
    audience: Audience
    scale: Scale
    indicators: tuple[IndicatorYear, ...]
    rollups: tuple[Rollup, ...]  # the plan's first, then one per node
    policy: RollupPolicy

    @property
    def rollup(self) -> Rollup:
        return self.rollups[0]

    def node_rollups(self) -> dict[str, Rollup]:
        return {r.key: r for r in self.rollups if r.kind == "node"}


def default_year(doc: pf.PlanDocument, audience: Audience) -> int:
    """The year a page shows when none is asked: the latest year with a visible actual, else the
    plan's first year, else the current fiscal year."""
    seen = latest_actual_year(visible(doc, audience))
    if seen is not None:
        return seen
    if doc.period is not None:
        return doc.period.start
    return fiscal_year_of()


def plan_year(doc: pf.PlanDocument, *, year: int | None = None, audience: Audience = Audience.PUBLIC,
              scale: str | Scale | None = None, policy: RollupPolicy | None = None) -> PlanYear:
    """The read model of ``doc`` as of ``year`` (default: ``default_year``) for ``audience``.
    ``scale`` overrides the plan's own (``keikaku assess --scale``), ``policy`` the roll-up's."""
    as_of = year if year is not None else default_year(doc, audience)
    sc = get_scale(scale) if scale is not None else plan_scale(doc, as_of)
    seen = visible(doc, audience, as_of)
    every = assess_indicators(seen.indicators, scale=sc)
    result = assess_plan(seen, scale=sc, year=as_of, policy=policy)
    by_index: dict[int, list[AssessmentRow]] = {}
    for row in every:
        by_index.setdefault(row.index, []).append(row)
    items = []
    for k, (ind, current) in enumerate(zip(seen.indicators, rows_as_of(every, as_of))):
        items.append(IndicatorYear(index=k, indicator=ind, rows=tuple(by_index.get(k, ())), current=current,
                                   status_label=sc.label_of(current.status)))
    return PlanYear(doc=doc, year=as_of, audience=audience, scale=sc, indicators=tuple(items),
                    rollups=tuple(result.rollups), policy=result.policy)


@dataclass(frozen=True)
class StoredPlanYear:
    """The read model of a stored plan, with the ids its pages and API use."""

    plan_id: int
    model: PlanYear
    indicator_ids: tuple[int, ...]  # aligned with ``model.indicators``


def load_plan_year(engine: Engine, plan: str | int, *, year: int | None = None,
                   audience: Audience = Audience.PUBLIC, scale: str | Scale | None = None) -> StoredPlanYear:
    """A stored plan's read model (by id or key); NotFoundError for an unknown plan."""
    with transaction(engine) as session:
        row = repo.get_plan(session, ref=plan)
        doc = read_plan(session, plan=row, include_drafts=audience is Audience.STAFF)
        ids = repo.plan_indicator_ids(session, plan_id=row.id)
        plan_id = row.id
    return StoredPlanYear(plan_id, plan_year(doc, year=year, audience=audience, scale=scale), tuple(ids))


# How each published rate is computed, by direction (the engine's formulas, domain/assessment/formulas.py).
PROGRESS_FORMULA = "(value - baseline) / (target - baseline) * 100"
ACHIEVEMENT_FORMULAS = {
    "increase": "value / target * 100",
    "decrease": "target / value * 100",
    "maintain": "value / baseline * 100",
}
EXPECTED_FORMULA = "(year - baseline_year) / (target_year - baseline_year) * 100"


def _part(value: pf.Value | pf.Actual | None, **extra: object) -> dict[str, object] | None:
    if value is None:
        return None
    return {"value": value.value, "year": value.year, "text": value.text, "origin": value.origin, **extra}


def calculation(item: IndicatorYear, scale: Scale) -> dict[str, object]:
    """How the figures of ``item`` as of its year were computed: each formula with the numbers it
    took, and where each number came from (the document's line, page or cell; the reporting source)."""
    ind, row = item.indicator, item.current
    actual = item.actual(row.year)
    direction = row.direction
    target = ind.baseline if direction == "maintain" else ind.target
    return {
        "scale": scale.name,
        "direction": direction,
        "direction_inferred": "direction_inferred" in row.warnings,
        "components": {
            "value": _part(actual, source=actual.source if actual else None, draft=actual.status == "draft" if actual else False),
            "baseline": _part(ind.baseline),
            "target": _part(target),
        },
        "progress_rate": {"formula": PROGRESS_FORMULA, "result": row.to_json()["progress_rate"]},
        "achievement_rate": {"formula": ACHIEVEMENT_FORMULAS.get(direction or ""), "result": row.to_json()["achievement_rate"]},
        "expected_progress": {"formula": EXPECTED_FORMULA, "result": row.to_json()["expected_progress"]},
        "status": {"rule": scale.kind, "status": row.status, "grade": row.grade, "label": item.status_label},
        "maintain_band": maintain_band(ind, scale) if direction == "maintain" else None,
        "warnings": list(row.warnings),
    }


def maintain_band(ind: pf.Indicator, scale: Scale) -> dict[str, object] | None:
    """The band within which a 維持 indicator counts as kept: ± the scale's points for a
    percentage, else ± its share of the baseline (docs/assessment.md)."""
    level = ind.baseline.value if ind.baseline and ind.baseline.value is not None else (
        ind.target.value if ind.target and ind.target.value is not None else None)
    if level is None:
        return None
    points = (ind.unit or "").strip() in PERCENT_UNITS
    width = scale.maintain_points if points else scale.maintain_relative * abs(level)
    rule = f"± {scale.maintain_points:g} points" if points else f"± {scale.maintain_relative:.0%} of the baseline"
    return {"level": level, "low": level - width, "high": level + width, "rule": rule}


def survey_json(item: IndicatorYear) -> dict[str, object] | None:
    """A survey indicator's figures as of the year (its confidence interval, the change from the
    baseline and its significance); None for any other indicator."""
    ind, row = item.indicator, item.current
    if ind.survey is None:
        return None
    actual = item.actual(row.year)
    base = baseline_interval(ind.survey.confidence, sample_of(ind.baseline))
    return {
        "confidence": ind.survey.confidence,
        "sample_size": actual.sample_size if actual else None,
        "margin_of_error": actual.margin_of_error if actual else None,
        "baseline_sample_size": ind.baseline.sample_size if ind.baseline else None,
        "baseline_margin_of_error": ind.baseline.margin_of_error if ind.baseline else None,
        "baseline_ci_low": base[0] if base else None, "baseline_ci_high": base[1] if base else None,
        "ci_low": row.ci_low, "ci_high": row.ci_high, "change_low": row.change_low, "change_high": row.change_high,
        "significance": row.significance,
    }


def _figure(value: pf.Value | None) -> dict[str, object] | None:
    return None if value is None else {"value": value.value, "year": value.year, "text": value.text}


def indicators_json(stored: StoredPlanYear) -> dict[str, object]:
    """``GET /api/v1/plans/{id}/indicators?year=FY``: every indicator as of the year, as the
    audience sees it, with its calculation (web/api_schemas.py describes each field)."""
    model = stored.model
    nodes = {n.id: n for n in model.doc.nodes}
    out = []
    for item, ind_id in zip(model.indicators, stored.indicator_ids):
        ind, row = item.indicator, item.current.to_json()
        node = nodes.get(ind.node) if ind.node else None
        actual = item.actual(item.current.year)
        out.append({
            "id": ind_id, "node": {"number": node.number, "title": node.title} if node else None,
            "name": ind.name, "unit": ind.unit, "year": row["year"], "value": row["value"],
            "text": actual.text if actual else None, "draft": item.draft,
            "baseline": _figure(ind.baseline), "target": _figure(ind.target),
            "progress_rate": row["progress_rate"], "achievement_rate": row["achievement_rate"],
            "status": row["status"], "status_label": item.status_label, "grade": row["grade"],
            "calculation": calculation(item, model.scale), "survey": survey_json(item),
        })
    return {"plan": stored.plan_id, "year": model.year, "scale": model.scale.name, "audience": model.audience.value,
            "indicators": out}
