"""Assessing plans: a plan file, or a stored plan for a fiscal year with its roll-ups.

Every function returns plain JSON-ready structures (the rows' ``to_json`` forms), so the CLI's
json, table and csv renderings and the web pages all start from the same data.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping

from sqlalchemy import Engine

from keikaku.domain.assessment import SCALES, AssessmentRow, RollupPolicy, Scale, assess_plan, get_scale
from keikaku.domain.assessment.rows import ROW_KEYS
from keikaku.domain.planfile import PlanDocument
from keikaku.services.exports.cells import csv_text
from keikaku.services.readmodel import Audience, plan_scale, plan_year, visible
from keikaku.storage import repository as repo
from keikaku.storage.database import transaction
from keikaku.storage.plan_store import read_plan

CSV_COLUMNS = ROW_KEYS


def scale_names() -> list[str]:
    """The names ``--scale`` accepts."""
    return list(SCALES)


def assess_file_document(doc: PlanDocument, scale: str | Scale | None = None, *, year: int | None = None) -> dict[str, object]:
    """``keikaku assess FILE``: {"assessments": [row, …]}, a row per indicator and actual year
    (or one per indicator as of ``year``). Raises UnknownScaleError for an unknown scale."""
    result = assess_plan(doc, scale=get_scale(scale), year=year)
    return {"assessments": [r.to_json() for r in result.rows]}


def assess_stored_plan(engine: Engine, ref: str | int, year: int | None = None, scale: str | Scale | None = None, *,
                       policy: RollupPolicy | None = None, audience: Audience = Audience.PUBLIC) -> dict[str, object]:
    """``keikaku assess --plan ID --year FY``: the stored plan's rows as of ``year`` (one per
    indicator, the read model's ``current`` rows) and its roll-ups; without ``year``, a row per
    indicator and actual year, roll-ups as of the latest. Graded on the plan's own scale unless
    ``scale`` is given; the public's actuals unless ``audience`` is staff (drafts included).

    {"plan": {id, key, title}, "year", "scale", "policy", "assessments": [...], "rollups": [...]}.
    Raises NotFoundError for an unknown plan and UnknownScaleError for an unknown scale.
    """
    with transaction(engine) as session:
        plan = repo.get_plan(session, ref=ref)
        header = {"id": plan.id, "key": plan.key, "title": plan.title}
        doc = read_plan(session, plan=plan, include_drafts=audience is Audience.STAFF)
    if year is not None:
        model = plan_year(doc, year=year, audience=audience, scale=scale, policy=policy)
        rows = [item.current for item in model.indicators]
        sc, as_of, pol, ups = model.scale, model.year, model.policy, model.rollups
    else:
        sc = get_scale(scale) if scale is not None else plan_scale(doc)
        result = assess_plan(visible(doc, audience), scale=sc, policy=policy)
        rows, as_of, pol, ups = list(result.rows), result.year, result.policy, result.rollups
    return {
        "plan": header,
        "year": as_of,
        "scale": sc.name,
        "policy": pol.to_json(),
        "assessments": [r.to_json() for r in rows],
        "rollups": [r.to_json() for r in ups],
    }


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return csv_text(";".join(str(v) for v in value))
    return csv_text(value) if isinstance(value, str) else str(value)


def rows_to_csv(rows: Iterable[AssessmentRow | Mapping[str, object]]) -> str:
    """Assessment rows (objects or their JSON form) as CSV with a header of CSV_COLUMNS.

    Empty cells for null; booleans as true/false; warnings joined with ';'.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        data = row.to_json() if isinstance(row, AssessmentRow) else row
        writer.writerow([_cell(data.get(key)) for key in CSV_COLUMNS])
    return out.getvalue()
