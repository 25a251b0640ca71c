"""One truth for every figure: each indicator of the example city and of the five seeds, as of a
fiscal year, shows the same figure, rates and status on every surface that renders it.

The surfaces: the read model itself, the JSON API (the plan's indicators, and each indicator's
own JSON twin), the HTML indicator page, the open-data CSV, the Excel evaluation sheets, the HTML
the PDF report is printed from (and the PDF's text), and ``keikaku assess --plan --year``.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from pathlib import Path

import pypdfium2
import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import Engine

from keikaku.services import exports as ex
from keikaku.services.assessing import assess_stored_plan
from keikaku.services.exports.report import report_html
from keikaku.services.importing import import_file
from keikaku.domain import planfile as pf
from keikaku.services.plans import example_files, load_plan, load_plan_file, read_plan_file
from keikaku.services.readmodel import Audience, IndicatorYear, load_plan_year
from keikaku.web.app import create_app

Figures = tuple[object, object, object, object, str]  # year, value, achievement, progress, status


def _figures(item: IndicatorYear) -> Figures:
    row = item.current.to_json()
    return (row["year"], row["value"], row["achievement_rate"], row["progress_rate"], row["status"])


def _with_a_cycle_and_drafts(doc: pf.PlanDocument) -> pf.PlanDocument:
    """The example plan graded on ``sabc`` by the cycle of its latest year, with a draft actual
    for the next year on every indicator that has a figure that year (so the public and staff views differ)."""
    latest = max(a.year for i in doc.indicators for a in i.actuals)
    indicators = []
    for ind in doc.indicators:
        last = next((a for a in ind.actuals if a.year == latest and a.value is not None), None)
        if last is not None:
            ind = ind.model_copy(update={"actuals": [*ind.actuals, pf.Actual(year=latest + 1, value=last.value, status="draft")]})
        indicators.append(ind)
    return doc.model_copy(update={"indicators": indicators, "cycles": [pf.Cycle(year=latest, scale="sabc", status="closed")]})


@pytest.fixture
def plans(engine: Engine, seeds: Path) -> list[int]:
    files = example_files()
    ids = [load_plan(engine, _with_a_cycle_and_drafts(read_plan_file(files[0]))).plan_id]
    ids += [load_plan_file(engine, f).plan_id for f in files[1:]]
    ids += [import_file(engine, f).load.plan_id for f in sorted(seeds.glob("*.txt"))]
    return ids


def _years(engine: Engine, plan_id: int) -> list[int]:
    """The plan's own year (the latest with a published actual) and the year before it."""
    year = load_plan_year(engine, plan_id).model.year
    return [year, year - 1]


def test_every_surface_shows_the_read_models_figures(engine: Engine, plans: list[int]) -> None:
    client = TestClient(create_app(engine))
    compared = Counter[str]()
    for plan_id in plans:
        for year in _years(engine, plan_id):
            stored = load_plan_year(engine, plan_id, year=year)
            model = stored.model
            truth = {ind_id: _figures(item) for ind_id, item in zip(stored.indicator_ids, model.indicators)}
            assert all(item.draft is False for item in model.indicators)  # the public never sees a draft

            api = client.get(f"/api/v1/plans/{plan_id}/indicators", params={"year": year}).json()
            assert api["year"] == year and api["scale"] == model.scale.name
            got = {r["id"]: (r["year"], r["value"], r["achievement_rate"], r["progress_rate"], r["status"])
                   for r in api["indicators"]}
            assert got == truth
            compared["api"] += len(got)

            cli = assess_stored_plan(engine, plan_id, year)
            assert cli["scale"] == model.scale.name
            assert [(r["year"], r["value"], r["achievement_rate"], r["progress_rate"], r["status"])
                    for r in cli["assessments"]] == list(truth.values())
            compared["assess"] += len(cli["assessments"])

            table = list(csv.DictReader(io.StringIO(ex.export_csv(engine, plan_id, year).decode("utf-8-sig"))))
            for item in model.indicators:
                want = _figures(item)
                line = next(r for r in table if r["indicator"] == item.indicator.name
                            and r["year"] == ("" if want[0] is None else str(want[0])))
                assert (line["status"], line["achievement_rate"], line["progress_rate"]) == (
                    want[4], "" if want[2] is None else f"{want[2]:.1f}", "" if want[3] is None else f"{want[3]:.1f}")
                compared["csv"] += 1

            report = ex.load_year_report(engine, plan_id, year)
            assert [_figures(i) for i in report.indicators] == list(truth.values())
            labels = Counter(" ".join(filter(None, [i.current.grade, i.status_label]))
                             for m in report.measures for i in m.indicators)
            html = report_html(report)
            printed = Counter(re.findall(r'<td class="num">[^<]*</td><td class="num">[^<]*</td>\s*<td class="c">([^<]*)</td></tr>', html))
            assert printed == labels
            compared["pdf html"] += sum(printed.values())

            workbook = load_workbook(io.BytesIO(ex.export_xlsx(engine, plan_id, year)))
            in_sheets = Counter()
            for ws in workbook.worksheets[1:]:
                rows = [[c.value for c in r] for r in ws.iter_rows()]
                head = next(k for k, r in enumerate(rows) if r[0] == "指標名")
                width = next(len(r) - r[::-1].index("評価") for r in [rows[head]])
                for r in rows[head + 1:]:
                    if r[0] is None or r[0] == "(指標なし)":
                        break
                    in_sheets[(r[0], r[width - 2], r[width - 1])] += 1
            assert in_sheets == Counter((i.indicator.name, i.status_label, i.current.grade)
                                        for m in report.measures for i in m.indicators)
            compared["xlsx"] += sum(in_sheets.values())

        # the pages show the plan as of its own year
        stored = load_plan_year(engine, plan_id)
        for ind_id, item in zip(stored.indicator_ids, stored.model.indicators):
            twin = client.get(f"/api/v1/indicators/{ind_id}").json()["indicator"]
            assert twin["status"] == item.status, twin["name"]
            page = client.get(f"/indicators/{ind_id}").text
            assert re.search(r'<dd><span class="status status-([a-z_]+)">', page).group(1) == item.status
            compared["pages"] += 1
    assert min(compared.values()) >= 40 and compared["api"] >= 80, compared


def test_the_pdf_prints_the_same_statuses(engine: Engine, plans: list[int]) -> None:
    plan_id = plans[0]  # the example city's comprehensive plan
    year = load_plan_year(engine, plan_id).model.year
    report = ex.load_year_report(engine, plan_id, year)
    pdf = pypdfium2.PdfDocument(ex.export_pdf(engine, plan_id, year))
    text = "".join(page.get_textpage().get_text_range() for page in pdf).replace("\r", "").replace("\n", "")
    for item in (i for m in report.measures for i in m.indicators):
        assert item.status_label in text
    statuses = Counter(i.status for i in report.indicators)
    assert len(statuses) >= 3, statuses  # the example exercises several statuses
    assert report.scale.name == "sabc"  # the plan's cycle's scale, on the PDF as on every page


def test_the_plans_scale_and_only_published_actuals(engine: Engine, plans: list[int]) -> None:
    public = load_plan_year(engine, plans[0]).model
    staff = load_plan_year(engine, plans[0], audience=Audience.STAFF).model
    assert (public.scale.name, public.year) == ("sabc", 2024)
    assert (staff.scale.name, staff.year) == ("sabc", 2025)
    drafts = [i for i in staff.indicators if i.draft]
    assert len(drafts) >= 10 and all(i.current.year == 2025 for i in drafts)
    assert not any(i.draft or i.draft_years for i in public.indicators)


def test_staff_see_drafts_marked_and_the_public_does_not(engine: Engine, plans: list[int]) -> None:
    from keikaku.services.readmodel import plan_year, visible

    plan_id = plans[0]
    stored = load_plan_year(engine, plan_id)
    doc = stored.model.doc
    year = stored.model.year + 1
    first = doc.indicators[0]
    draft = pf.Actual(year=year, value=(first.target.value if first.target and first.target.value is not None else 1),
                      status="draft")
    with_draft = doc.model_copy(update={"indicators": [first.model_copy(update={"actuals": [*first.actuals, draft]}),
                                                         *doc.indicators[1:]]})
    staff = plan_year(with_draft, year=year, audience=Audience.STAFF)
    public = plan_year(with_draft, year=year, audience=Audience.PUBLIC)
    assert staff.indicators[0].draft and staff.indicators[0].current.year == year
    assert not public.indicators[0].draft and public.indicators[0].current.year != year
    assert draft not in visible(with_draft, Audience.PUBLIC).indicators[0].actuals


def test_the_api_explains_each_figure(engine: Engine, plans: list[int]) -> None:
    client = TestClient(create_app(engine))
    rows = client.get(f"/api/v1/plans/{plans[0]}/indicators", params={"year": 2024}).json()["indicators"]
    crime = next(r for r in rows if r["name"] == "刑法犯認知件数")
    calc = crime["calculation"]
    assert (crime["value"], crime["progress_rate"], crime["achievement_rate"]) == (921, 87.6, 97.7)
    assert calc["achievement_rate"] == {"formula": "target / value * 100", "result": 97.7}  # 900 ÷ 921
    assert calc["progress_rate"] == {"formula": "(value - baseline) / (target - baseline) * 100", "result": 87.6}
    assert (calc["components"]["value"]["value"], calc["components"]["value"]["year"]) == (921, 2024)
    assert (calc["components"]["baseline"]["value"], calc["components"]["target"]["value"]) == (1070, 900)
    keep = next(r for r in rows if r["calculation"]["direction"] == "maintain")
    band = keep["calculation"]["maintain_band"]
    assert band["rule"] == "± 3 points" and band["high"] - band["low"] == 6  # a percentage: ± 3 points (sabc)
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert "progress_rate" in schema["IndicatorYearOut"]["properties"] and "maintain_band" in schema["CalculationOut"]["properties"]


def test_a_worded_target_shows_its_words_not_an_empty_chart(engine: Engine, plans: list[int]) -> None:
    client = TestClient(create_app(engine))
    stored = load_plan_year(engine, plans[0])
    worded = next(i for i, item in zip(stored.indicator_ids, stored.model.indicators) if item.status == "qualitative")
    page = client.get(f"/indicators/{worded}").text
    assert 'class="indicator-figure worded"' in page and "拡充" in page and "データなし</text>" not in page


def test_the_evaluation_sheet_shows_the_staff_read_model(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    """The staff sheet of a measure (drafts included, marked) shows the staff read model's figures."""
    from cycle_helpers import WAITING, YEAR, fast_hashing, make_world, node_id
    from keikaku.services import actuals, sheets

    fast_hashing(monkeypatch)
    world = make_world(engine)
    actuals.enter_actual(engine, user=world.hoiku, plan=world.plan_id, indicator=WAITING, year=YEAR, value=3)
    view = sheets.sheet(engine, user=world.hoiku, cycle_id=world.cycle.id, node_id=node_id(engine, "m1"))
    staff = load_plan_year(engine, world.plan_id, year=YEAR, audience=Audience.STAFF)
    model = {ind_id: item for ind_id, item in zip(staff.indicator_ids, staff.model.indicators)}
    assert view.indicators
    for ind in view.indicators:
        item = model[ind.id]
        assert ind.row.to_json() | {"index": None} == item.current.to_json() | {"index": None}, ind.name
        assert ind.draft == item.draft
    waiting = next(i for i in view.indicators if i.name == WAITING)
    assert waiting.draft and waiting.row.year == YEAR and waiting.row.value == 3
    public = load_plan_year(engine, world.plan_id, year=YEAR).model
    assert all(i.current.year != YEAR for i in public.indicators if i.indicator.name == WAITING)
