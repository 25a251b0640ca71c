"""Survey indicators (市民意識調査): confidence intervals by the normal approximation, the
significance of a change, the plan file, the assessment, the pages, the API, the exports and entry."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from typer.testing import CliRunner

from cycle_helpers import CHILDCARE_SHARE, WAITING, fast_hashing, indicator_id, make_world, observation  # noqa: F401
from keikaku.cli.main import app as cli
from keikaku.domain.errors import PlanFileError
from keikaku.domain.planfile import parse_plan_document
from keikaku.domain.survey import (
    SurveyError, change_interval, share_interval, significance, standard_error, survey_figures, survey_share, z_value,
)
from keikaku.services import cycle
from keikaku.services.assessing import assess_file_document
from keikaku.services.cycle_common import UploadRejected, ValidationFailed
from keikaku.services.exports import export_csv
from keikaku.services.plans import EXAMPLE_DIR, dump_plan, load_plan, load_plan_file
from keikaku.web.app import create_app

EXAMPLE = EXAMPLE_DIR / "kaede-comprehensive-plan.json"
INDUSTRY = EXAMPLE_DIR / "kaede-industry-plan.json"
SPORTS = "週1回以上運動やスポーツをする市民の割合"
LIVELY = "まちに活気があると感じる市民の割合"
runner = CliRunner()


# --- the domain: hand-computed cases ---------------------------------------------------------------

def test_the_issue_case_by_hand() -> None:
    # 52.3 % (n = 1,200) → 56.4 % (n = 1,150) at 0.95; z = NormalDist().inv_cdf(0.975) = 1.9599639845400536.
    # SE₁ = √(52.3 × 47.7 / 1200) = √(2494.71 / 1200) = √2.078925 = 1.4418477728…
    # SE₂ = √(56.4 × 43.6 / 1150) = √(2459.04 / 1150) = √2.1382956521… = 1.4622912337…
    # year's interval: 56.4 ± 1.95996 × 1.46229 = 56.4 ± 2.86604 = 53.53396 … 59.26604 → 53.5 … 59.3
    # baseline's: 52.3 ± 1.95996 × 1.44185 = 52.3 ± 2.82597 = 49.47403 … 55.12597 → 49.5 … 55.1
    # change: 4.1 ± 1.95996 × √(2.078925 + 2.138296) = 4.1 ± 1.95996 × 2.0535873 = 4.1 ± 4.02496
    #         = 0.07504 … 8.12496 → 0.1 … 8.1: wholly above 0, an increase
    before, after = survey_share(52.3, sample_size=1200), survey_share(56.4, sample_size=1150)
    assert z_value(0.95) == Decimal("1.9599639845400536")
    assert standard_error(before).quantize(Decimal("0.000001")) == Decimal("1.441848")
    assert standard_error(after).quantize(Decimal("0.000001")) == Decimal("1.462291")
    assert share_interval(after, 0.95).rounded() == (53.5, 59.3)
    assert share_interval(before, 0.95).rounded() == (49.5, 55.1)
    change = change_interval(before, after, 0.95)
    assert change.low.quantize(Decimal("0.00001")) == Decimal("0.07504")
    assert change.high.quantize(Decimal("0.00001")) == Decimal("8.12496")
    assert change.rounded() == (0.1, 8.1)
    assert significance(before, after, 0.95) == "increase"
    assert significance(after, before, 0.95) == "decrease"  # the same change read backwards
    # at 0.99 (z = 2.5758293035489) the margin is 2.57583 × 2.05359 = 5.28970 > 4.1: not significant
    assert z_value(0.99) == Decimal("2.5758293035489")
    assert change_interval(before, after, 0.99).rounded() == (-1.2, 9.4)
    assert significance(before, after, 0.99) == "no_significant_change"


def test_a_printed_margin_stands_in_for_the_sample() -> None:
    # 38.2 % ± 2.9 → 40.4 % ± 2.9 at 0.95: SE = 2.9 / 1.95996 = 1.47962 each;
    # change 2.2 ± 1.95996 × √(2 × 1.47962²) = 2.2 ± 2.9 × √2 = 2.2 ± 4.10122 → −1.9 … 6.3
    before, after = survey_share(38.2, margin=2.9), survey_share(40.4, margin=2.9)
    assert share_interval(after).rounded() == (37.5, 43.3)  # 40.4 ± 2.9 exactly
    assert change_interval(before, after).rounded() == (-1.9, 6.3)
    assert significance(before, after) == "no_significant_change"
    # both given: the sample size wins (√(40.4 × 59.6 / 1000) = 1.55171; × 1.95996 = 3.04130)
    assert share_interval(survey_share(40.4, sample_size=1000, margin=9.0)).rounded() == (37.4, 43.4)


def test_intervals_stay_within_0_and_100() -> None:
    # 1.0 % of 50: SE = √(1 × 99 / 50) = 1.40712; 1.0 ± 2.75790 → −1.76 … 3.76, kept at 0
    assert share_interval(survey_share(1.0, sample_size=50)).rounded() == (0.0, 3.8)
    assert share_interval(survey_share(100, sample_size=400)).rounded() == (100.0, 100.0)


@pytest.mark.parametrize(("call", "code"), [
    (lambda: survey_share(52.3, sample_size=0), "sample_size"),
    (lambda: survey_share(52.3, sample_size=-5), "sample_size"),
    (lambda: survey_share(52.3, sample_size=12.5), "sample_size"),
    (lambda: survey_share(52.3, sample_size=True), "sample_size"),
    (lambda: survey_share(100.5, sample_size=1200), "share"),
    (lambda: survey_share(-0.1, sample_size=1200), "share"),
    (lambda: survey_share(float("nan"), sample_size=1200), "share"),
    (lambda: survey_share("52", sample_size=1200), "share"),
    (lambda: survey_share(52.3, margin=0), "margin"),
    (lambda: survey_share(52.3, margin=100), "margin"),
    (lambda: survey_share(52.3), "no_sample"),
    (lambda: z_value(0), "confidence"),
    (lambda: z_value(1), "confidence"),
    (lambda: z_value(1.5), "confidence"),
    (lambda: z_value(-0.95), "confidence"),
    (lambda: share_interval(survey_share(50, sample_size=100), 95), "confidence"),
])
def test_bad_input_gives_a_coded_error(call, code: str) -> None:
    with pytest.raises(SurveyError) as caught:
        call()
    assert caught.value.code == code


def test_figures_of_a_year_without_a_sample_are_empty() -> None:
    assert survey_figures(confidence=0.95, value=56.4, sample_size=1150).significance is None  # no baseline
    assert survey_figures(confidence=0.95, value=56.4, sample_size=1150).ci_low == 53.5
    empty = survey_figures(confidence=0.95, value=56.4, baseline=52.3, baseline_sample_size=1200)
    assert (empty.ci_low, empty.ci_high, empty.significance) == (None, None, None)
    with pytest.raises(SurveyError):
        survey_figures(confidence=1.2, value=56.4, sample_size=1150)


# --- the plan file --------------------------------------------------------------------------------

def survey_doc(**changes: object) -> dict:
    ind = {"name": "住みやすいと思う市民の割合", "unit": "%", "direction": "increase",
           "survey": {"confidence": 0.95},
           "baseline": {"value": 52.3, "year": 2020, "sample_size": 1200},
           "target": {"value": 60, "year": 2025},
           "actuals": [{"year": 2022, "value": 54.0, "margin_of_error": 2.9},
                       {"year": 2024, "value": 56.4, "sample_size": 1150}]}
    ind.update(changes)
    return {"title": "調査の例", "kind": "comprehensive", "municipality": "かえで市", "municipality_code": "990019",
            "period": {"start": 2021, "end": 2025}, "indicators": [ind]}


def test_plan_file_round_trip(engine: Engine) -> None:
    doc = parse_plan_document(survey_doc())
    ind = doc.indicators[0]
    assert (ind.survey.confidence, ind.baseline.sample_size, ind.actuals[0].margin_of_error,
            ind.actuals[1].sample_size) == (0.95, 1200, 2.9, 1150)
    plan_id = load_plan(engine, doc).plan_id
    back = dump_plan(engine, plan_id)
    assert back.indicators[0].model_dump() == ind.model_dump()
    assert json.loads(back.to_json())["indicators"][0]["survey"] == {"confidence": 0.95}
    assert load_plan(engine, back).outcome.value == "unchanged"


@pytest.mark.parametrize(("change", "path", "words"), [
    ({"target": {"value": 60, "year": 2025, "sample_size": 900}}, "indicators[0].target",
     "only the baseline and the actuals carry a sample size or margin of error"),
    ({"actuals": [{"year": 2022, "value": 104.0, "sample_size": 900}]}, "indicators[0].actuals[0].value",
     "a survey share lies between 0 and 100 percent"),
    ({"survey": {"confidence": 1.0}}, "indicators[0].survey.confidence", "less than 1"),
    ({"survey": {"confidence": 0}}, "indicators[0].survey.confidence", "greater than 0"),
    ({"actuals": [{"year": 2022, "value": 54.0, "sample_size": 0}]}, "indicators[0].actuals[0].sample_size",
     "greater than or equal to 1"),
    ({"baseline": {"value": 52.3, "year": 2020, "margin_of_error": -1}}, "indicators[0].baseline.margin_of_error",
     "greater than 0"),
])
def test_plan_file_refuses_bad_survey_fields(change: dict, path: str, words: str) -> None:
    with pytest.raises(PlanFileError) as caught:
        parse_plan_document(survey_doc(**change))
    assert [p.path for p in caught.value.problems] == [path]
    assert words in caught.value.problems[0].message


# --- assessment -----------------------------------------------------------------------------------

def test_assess_json_rows_of_the_example() -> None:
    result = runner.invoke(cli, ["assess", str(EXAMPLE), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)["assessments"]
    share = [(r["year"], r["ci_low"], r["ci_high"], r["significance"]) for r in rows if r["name"] == CHILDCARE_SHARE]
    # baseline 52.4 % of 1,180; 2023: 57.1 % of 1,121 → change 4.7 ± 4.07 (0.6 … 8.8): an increase
    assert share == [(2021, 51.0, 57.0, "no_significant_change"), (2022, 52.8, 58.8, "no_significant_change"),
                     (2023, 54.2, 60.0, "increase"), (2024, 55.9, 61.9, "increase")]
    sports = [(r["year"], r["significance"], r["status"]) for r in rows if r["name"] == SPORTS]
    # every change stays inside the margin: no significant change, while progress and status stay as computed
    assert sports == [(2021, "no_significant_change", "behind"), (2022, "no_significant_change", "behind"),
                      (2023, "no_significant_change", "behind"), (2024, "no_significant_change", "behind")]
    sports_2024 = next(r for r in rows if r["name"] == SPORTS and r["year"] == 2024)
    assert (sports_2024["progress_rate"], sports_2024["cagr_status"]) == (27.9, "limited")
    # an indicator that is no survey has none
    assert {(r["ci_low"], r["ci_high"], r["significance"]) for r in rows
            if r["name"] not in (CHILDCARE_SHARE, SPORTS)} == {(None, None, None)}


def test_assess_a_file_with_printed_margins() -> None:
    rows = assess_file_document(parse_plan_document(json.loads(INDUSTRY.read_text())))["assessments"]
    lively = [(r["year"], r["ci_low"], r["ci_high"], r["significance"]) for r in rows if r["name"] == LIVELY]
    # 38.2 ± 2.9 (2019); 2023: 40.4 ± 2.9 → 37.5 … 43.3, change 2.2 ± 4.1
    assert lively == [(2021, 33.6, 39.4, "no_significant_change"), (2022, 36.0, 42.0, "no_significant_change"),
                      (2023, 37.5, 43.3, "no_significant_change")]


# --- pages, API and exports of the example city ------------------------------------------------------

@pytest.fixture
def site(engine: Engine) -> tuple[TestClient, int]:
    plan_id = load_plan_file(engine, EXAMPLE).plan_id
    return TestClient(create_app(engine)), plan_id


def test_page_api_and_csv_show_the_interval(engine: Engine, site: tuple[TestClient, int]) -> None:
    client, plan_id = site
    listed = client.get(f"/api/v1/plans/{plan_id}/indicators", params={"year": 2024}).json()["indicators"]
    surveys = {i["name"]: i["survey"] for i in listed if i["survey"] is not None}
    assert list(surveys) == [CHILDCARE_SHARE, SPORTS]
    assert surveys[SPORTS] == {
        "confidence": 0.95, "sample_size": 1036, "margin_of_error": None, "baseline_sample_size": 1180,
        "baseline_margin_of_error": None, "baseline_ci_low": 41.8, "baseline_ci_high": 47.4,
        "ci_low": 44.5, "ci_high": 50.5, "change_low": -1.3, "change_high": 7.1,
        "significance": "no_significant_change",
    }
    sports = next(i for i in listed if i["name"] == SPORTS)
    assert (sports["progress_rate"], sports["status"]) == (27.9, "behind")  # the figures stay as computed
    page = client.get(f"/indicators/{sports['id']}").text
    assert '<span class="significance significance-no_significant_change">有意な変化なし</span> 令和6年度 (2024)' in page
    assert 'id="survey-method"' in page and "p ± z × √(p × (100 − p) ÷ 標本数)" in page
    assert ('<td class="interval"><span class="bounds">44.5～50.5</span><br><small class="formula">'
            "47.5 ± 1.96 × √(47.5 × (100 − 47.5) ÷ 1,036) = 47.5 ± 3.04</small></td>") in page
    assert "-1.3～+7.1 ポイント" in page
    assert 'class="interval-band"' in page and page.count('class="error-bar"') == 4
    english = client.get(f"/indicators/{sports['id']}", params={"lang": "en"}).text
    assert "No significant change" in english and "confidence interval" in english
    history = client.get(f"/api/v1/indicators/{sports['id']}").json()["indicator"]
    assert history["survey"] == {"confidence": 0.95}
    assert [(a["year"], a["sample_size"], a["ci_low"], a["ci_high"], a["significance"]) for a in history["actuals"]] == [
        (2021, 1092, 42.2, 48.2, "no_significant_change"), (2022, 1054, 40.9, 46.9, "no_significant_change"),
        (2023, 1121, 43.9, 49.7, "no_significant_change"), (2024, 1036, 44.5, 50.5, "no_significant_change")]
    rows = list(csv.DictReader(io.StringIO(client.get(f"/indicators/{sports['id']}/data.csv").content.decode("utf-8-sig"))))
    assert [(r["year"], r["sample_size"], r["ci_low"], r["ci_high"], r["significance"]) for r in rows] == [
        ("2021", "1092", "42.2", "48.2", "no_significant_change"), ("2022", "1054", "40.9", "46.9", "no_significant_change"),
        ("2023", "1121", "43.9", "49.7", "no_significant_change"), ("2024", "1036", "44.5", "50.5", "no_significant_change")]
    plan_csv = export_csv(engine, plan_id, 2024).decode("utf-8-sig")
    share = [r for r in csv.DictReader(io.StringIO(plan_csv)) if r["indicator"] == CHILDCARE_SHARE and r["year"] == "2023"]
    assert [(r["ci_low"], r["ci_high"], r["significance"]) for r in share] == [("54.2", "60.0", "increase")]
    node = client.get(f"/nodes/{node_of(engine, sports['id'])}", params={"lang": "ja"}).text
    assert "有意な変化なし" in node




def test_pdf_and_excel_carry_the_note(engine: Engine, site: tuple[TestClient, int]) -> None:
    from keikaku.services.exports import load_year_report
    from keikaku.services.exports.report import report_html
    from keikaku.services.exports.survey_notes import survey_line

    _, plan_id = site
    report = load_year_report(engine, plan_id, 2024)
    html_text = report_html(report)
    assert ("週1回以上運動やスポーツをする市民の割合: 令和6年度 47.5%（標本数 1,036）の95%信頼区間 44.5～50.5、"
            "基準値からの変化の信頼区間 -1.3～+7.1ポイント: 有意な変化なし") in html_text
    assert "「有意な変化なし」とし、進捗や後退とはみなしません" in html_text
    assert html_text.count('class="interval-band"') == 2  # the two survey indicators' charts
    plain = next(i for i in report.indicators if i.indicator.name == WAITING)
    assert survey_line(plain, "令和6年度") is None
    from openpyxl import load_workbook

    from keikaku.services.exports import export_xlsx

    book = load_workbook(io.BytesIO(export_xlsx(engine, plan_id, 2024)))
    cells = [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert ("※ 子育てしやすいまちだと感じる市民の割合: 令和6年度 58.9%（標本数 1,036）の95%信頼区間 55.9～61.9、"
            "基準値からの変化の信頼区間 +2.4～+10.6ポイント: 有意な増加") in cells


# --- staff entry ----------------------------------------------------------------------------------

@pytest.fixture
def world(engine: Engine, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    fast_hashing(monkeypatch)
    return make_world(engine)


def test_entering_a_survey_actual_with_its_sample(world) -> None:
    info = cycle.enter_actual(world.engine, user=world.admin, plan=world.plan_id, indicator=CHILDCARE_SHARE, year=2025,
                              value="60.2", sample_size="1,050")
    assert (info.value, info.sample_size, info.margin_of_error, info.outcome) == (60.2, 1050, None, "created")
    again = cycle.enter_actual(world.engine, user=world.admin, plan=world.plan_id, indicator=CHILDCARE_SHARE, year=2025,
                               value="60.2")
    assert (again.sample_size, again.outcome) == (1050, "unchanged")  # no sample given: the stored one is kept
    margin = cycle.enter_actual(world.engine, user=world.admin, plan=world.plan_id, indicator=CHILDCARE_SHARE, year=2025,
                                value="60.2", sample_size="", margin_of_error="±3.1")
    assert (margin.sample_size, margin.margin_of_error, margin.outcome) == (None, 3.1, "updated")
    for size, margin_text, code in (("0", None, "bad_sample_size"), ("12.5", None, "bad_sample_size"),
                                    ("abc", None, "bad_sample_size"), (None, "100", "bad_margin")):
        with pytest.raises(ValidationFailed) as caught:
            cycle.enter_actual(world.engine, user=world.admin, plan=world.plan_id, indicator=CHILDCARE_SHARE, year=2025,
                               value="60.2", sample_size=size, margin_of_error=margin_text)
        assert caught.value.code == code
    with pytest.raises(ValidationFailed) as caught:
        cycle.enter_actual(world.engine, user=world.admin, plan=world.plan_id, indicator=WAITING, year=2025, value="3",
                           sample_size="500")
    assert caught.value.code == "not_survey"
    stored = observation(world.engine, CHILDCARE_SHARE, 2025)
    assert (stored.value, stored.sample_size, stored.margin_of_error, stored.status) == (60.2, None, 3.1, "draft")


def test_upload_reads_the_sample_columns(world) -> None:
    content = f"指標,年度,値,標本数\n{CHILDCARE_SHARE},2025,61.0,1088\n".encode()
    result = cycle.upload_actuals(world.engine, user=world.admin, plan=world.plan_id, content=content, filename="a.csv")
    assert [(a.value, a.sample_size) for a in result.rows] == [(61.0, 1088)]
    bad = f"指標,年度,値,標本数\n{CHILDCARE_SHARE},2025,61.0,-3\n{WAITING},2025,4,900\n".encode()
    with pytest.raises(UploadRejected) as caught:
        cycle.upload_actuals(world.engine, user=world.admin, plan=world.plan_id, content=bad, filename="b.csv")
    assert [(e.row, e.column, e.code) for e in caught.value.errors] == [(2, "標本数", "bad_sample_size"),
                                                                        (3, "標本数", "not_survey")]
    assert observation(world.engine, CHILDCARE_SHARE, 2025).sample_size == 1088  # nothing of the bad file was saved


def test_cli_and_api_take_the_sample(world, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEIKAKU_DATABASE_URL", world.engine.url.render_as_string(hide_password=False))
    result = runner.invoke(cli, ["observe", "--plan", str(world.plan_id), "--indicator", CHILDCARE_SHARE, "--year", "2025",
                                 "--value", "59.9", "--sample-size", "1010", "--user", "kikaku"])
    assert result.exit_code == 0, result.output
    assert observation(world.engine, CHILDCARE_SHARE, 2025).sample_size == 1010
    result = runner.invoke(cli, ["observe", "--plan", str(world.plan_id), "--indicator", WAITING, "--year", "2025",
                                 "--value", "3", "--sample-size", "1010", "--user", "kikaku"])
    assert result.exit_code == 2 and "not a survey indicator" in result.output


def test_the_sheet_form_takes_the_sample(world) -> None:
    from test_backfill import sign_in

    client, csrf = sign_in(world.engine, "kikaku")
    share = indicator_id(world.engine, CHILDCARE_SHARE)
    url = f"/staff/cycles/{world.cycle.id}/nodes/{node_of(world.engine, share)}"
    page = client.get(url).text
    assert f'name="sample-{share}"' in page and f'name="margin-{share}"' in page
    assert f'name="sample-{indicator_id(world.engine, WAITING)}"' not in page  # not a survey: no sample field
    r = client.post(f"{url}/actuals", data={"csrf_token": csrf, f"value-{share}": "58.0", f"sample-{share}": "0"})
    assert r.status_code == 422 and "標本数は 1 以上の整数で入力してください（入力: 0）。" in r.text
    assert f'id="sample-{share}" name="sample-{share}" inputmode="numeric" size="8" value="0" aria-invalid="true"' in r.text
    r = client.post(f"{url}/actuals", data={"csrf_token": csrf, f"value-{share}": "58.0", f"sample-{share}": "1,030"})
    assert r.status_code == 303
    stored = observation(world.engine, CHILDCARE_SHARE, 2025)
    assert (stored.value, stored.sample_size) == (58.0, 1030)


def node_of(engine: Engine, indicator: int) -> int:
    from keikaku.storage import models as m
    from keikaku.storage.database import transaction

    with transaction(engine) as s:
        return s.get(m.Indicator, indicator).node_id


def test_the_plan_editor_sets_the_survey(world) -> None:
    from keikaku.services import plan_edit_items as pi
    from keikaku.services.plan_edit_view import editor_view

    waiting = indicator_id(world.engine, WAITING)
    version = editor_view(world.engine, user=world.admin, plan=world.plan_id).version
    result = pi.update_indicator(world.engine, user=world.admin, plan=world.plan_id, version=version, indicator=waiting,
                                 survey_confidence="0.9", baseline_sample_size="800")
    doc = dump_plan(world.engine, world.plan_id)
    ind = next(i for i in doc.indicators if i.name == WAITING)
    assert (ind.survey.confidence, ind.baseline.sample_size) == (0.9, 800)
    with pytest.raises(Exception) as caught:
        pi.update_indicator(world.engine, user=world.admin, plan=world.plan_id, version=result.version, indicator=waiting,
                            survey_confidence="95")
    assert getattr(caught.value, "code", None) == "bad_confidence"
    pi.update_indicator(world.engine, user=world.admin, plan=world.plan_id, version=result.version, indicator=waiting,
                        survey_confidence="")
    assert next(i for i in dump_plan(world.engine, world.plan_id).indicators if i.name == WAITING).survey is None


# --- the working, the baseline's interval, the chart, Open SDG and the CLI ---------------------------

def test_the_working_of_an_interval_and_of_a_change() -> None:
    from keikaku.services.survey_working import SampleFigure, baseline_interval, change_working, share_working

    # 47.5 % of 1,036: SE = √(47.5 × 52.5 / 1036) = 1.551481, × 1.959964 = 3.040848
    year = SampleFigure(47.5, sample_size=1036)
    assert share_working(0.95, year) == "47.5 ± 1.96 × √(47.5 × (100 − 47.5) ÷ 1,036) = 47.5 ± 3.04"
    # the baseline 44.6 % of 1,180: SE = 1.447043; the change 2.9 ± 1.959964 × √(1.447043² + 1.551481²) = 2.9 ± 4.158186
    base = SampleFigure(44.6, sample_size=1180)
    assert change_working(0.95, base, year) == "2.9 ± 1.96 × √(1.45² + 1.55²) = 2.9 ± 4.16"
    # a printed margin: the interval is the share ± that margin; the change's SEs are 2.9 ÷ 1.959964 = 1.479620
    assert share_working(0.95, SampleFigure(40.4, margin_of_error=2.9)) == "40.4 ± 2.9"
    assert change_working(0.95, SampleFigure(38.2, margin_of_error=2.9), SampleFigure(40.4, margin_of_error=2.9)) == (
        "2.2 ± 1.96 × √(1.48² + 1.48²) = 2.2 ± 4.10")
    # at 0.90, z = 1.644854: 1.644854 × 1.551481 = 2.551959
    assert share_working(0.9, year) == "47.5 ± 1.64 × √(47.5 × (100 − 47.5) ÷ 1,036) = 47.5 ± 2.55"
    # the example city's baseline: 52.4 % of 1,180 → 52.4 ± 2.849760 → 49.6 … 55.2
    assert baseline_interval(0.95, SampleFigure(52.4, sample_size=1180)) == (49.6, 55.2)
    # nothing to show without a sample, without a share, or with a share no survey can give
    assert share_working(0.95, SampleFigure(47.5)) is None
    assert share_working(0.95, SampleFigure(None, sample_size=1036)) is None
    assert share_working(0.95, SampleFigure(104.0, sample_size=1036)) is None
    assert share_working(0.95, None) is None
    assert change_working(0.95, SampleFigure(44.6), year) is None
    assert baseline_interval(0.95, SampleFigure(52.4)) is None
    assert baseline_interval(0.95, None) is None


def test_the_baseline_interval_on_the_page_the_chart_and_the_api(site: tuple[TestClient, int]) -> None:
    client, plan_id = site
    listed = client.get(f"/api/v1/plans/{plan_id}/indicators", params={"year": 2024}).json()["indicators"]
    share = next(i for i in listed if i["name"] == CHILDCARE_SHARE)
    assert (share["survey"]["baseline_ci_low"], share["survey"]["baseline_ci_high"]) == (49.6, 55.2)
    assert {(i["name"], i["survey"]["baseline_ci_low"]) for i in listed if i["survey"]} == {
        (CHILDCARE_SHARE, 49.6), (SPORTS, 41.8)}
    history = client.get(f"/api/v1/indicators/{share['id']}").json()["indicator"]
    assert (history["baseline_ci"], history["baseline_working"]) == (
        [49.6, 55.2], "52.4 ± 1.96 × √(52.4 × (100 − 52.4) ÷ 1,180) = 52.4 ± 2.85")
    latest = history["actuals"][-1]
    assert (latest["interval_working"], latest["change_working"]) == (
        "58.9 ± 1.96 × √(58.9 × (100 − 58.9) ÷ 1,036) = 58.9 ± 3.00", "6.5 ± 1.96 × √(1.45² + 1.53²) = 6.5 ± 4.13")
    page = client.get(f"/indicators/{share['id']}", params={"lang": "ja"}).text
    assert ('<tr class="survey-baseline">\n<th scope="row">令和元年度 (2019)</th><td>52.4%<br><small>現状値</small></td>'
            '<td>—</td><td>—</td><td>—</td><td>—</td><td>—</td>\n<td>1,180</td>\n<td class="interval"><span class="bounds">'
            '49.6～55.2</span><br><small class="formula">52.4 ± 1.96 × √(52.4 × (100 − 52.4) ÷ 1,180) = 52.4 ± 2.85</small>'
            '</td>\n<td>—</td><td><p>各年度の変化はこの基準値の区間と比べて判定します。</p></td>\n</tr>') in page
    assert ("+2.4～+10.6 ポイント<br><small class=\"formula\">6.5 ± 1.96 × √(1.45² + 1.53²) = 6.5 ± 4.13</small>"
            '<br><span class="significance significance-increase">有意な増加</span>') in page
    assert '<g class="error-bar baseline-interval"><title>95%信頼区間 基準値 令和元年度 (2019) 49.6% から 55.2%</title>' in page
    assert "95%信頼区間: 基準値 令和元年度 (2019) 49.6% から 55.2%、令和3年度 (2021) 51% から 57%" in page
    assert ('<tr><th scope="row">令和元年度 (2019)</th><td>52.4%（現状値）</td><td class="interval">49.6～55.2</td><td></td>'
            '<td></td><td></td><td></td></tr>') in page  # the chart's data table
    # an indicator that is no survey has no such row, no working and no error bar
    waiting = next(i for i in listed if i["name"] == WAITING)
    plain = client.get(f"/indicators/{waiting['id']}", params={"lang": "ja"}).text
    assert "survey-baseline" not in plain and "error-bar" not in plain and " ± " not in plain
    assert client.get(f"/api/v1/indicators/{waiting['id']}").json()["indicator"]["baseline_ci"] is None


def test_the_english_survey_line(site: tuple[TestClient, int]) -> None:
    client, plan_id = site
    listed = client.get(f"/api/v1/plans/{plan_id}/indicators").json()["indicators"]
    sports = next(i for i in listed if i["name"] == SPORTS)
    english = client.get(f"/indicators/{sports['id']}", params={"lang": "en"}).text
    assert "<dd>confidence level 95%, baseline sample size 1,180</dd>" in english
    assert "、" not in english.split('<dl class="facts">')[1].split("</dl>")[0]
    japanese = client.get(f"/indicators/{sports['id']}", params={"lang": "ja"}).text
    assert "<dd>信頼水準 95%、基準値 標本数 1,180</dd>" in japanese


def _svg(markup: str):  # noqa: ANN202
    import xml.etree.ElementTree as ET

    return ET.fromstring(markup)


def test_the_band_breaks_at_a_year_without_an_interval() -> None:
    from keikaku.services.charts import indicator_chart

    NS = "{http://www.w3.org/2000/svg}"
    acts = [(2021, 45.2), (2022, 43.9), (2023, 46.8), (2024, 47.5)]
    # 2022 has an actual but no interval (no sample): the band covers 2023–2024 only, 2021 keeps its bar
    broken = _svg(indicator_chart(chart_id="c", name="n", unit="%", actuals=acts, baseline=None, target=None,
                                  intervals=[(2021, 42.2, 48.2), (2023, 43.9, 49.7), (2024, 44.5, 50.5)], confidence=0.95))
    bands = [p for p in broken.iter(f"{NS}polygon") if p.get("class") == "interval-band"]
    bars = [g for g in broken.iter(f"{NS}g") if g.get("class") == "error-bar"]
    xs = [float(g.find(f"{NS}line").get("x1")) for g in bars]
    assert len(bands) == 1 and len(bars) == 3 and broken.get("data-intervals") == "3"
    band_xs = sorted({float(point.split(",")[0]) for point in bands[0].get("points").split()})
    assert band_xs == xs[1:]  # from 2023's bar to 2024's, not from 2021's
    # with every year's interval the band runs through all four
    whole = _svg(indicator_chart(chart_id="c", name="n", unit="%", actuals=acts, baseline=None, target=None,
                                 intervals=[(2021, 42.2, 48.2), (2022, 40.9, 46.9), (2023, 43.9, 49.7), (2024, 44.5, 50.5)]))
    bands = [p for p in whole.iter(f"{NS}polygon") if p.get("class") == "interval-band"]
    assert len(bands) == 1 and len(bands[0].get("points").split()) == 8
    # a survey every other year (no actual in 2022 at all) is no gap: 2021 and 2023 are joined
    alternate = _svg(indicator_chart(chart_id="c", name="n", unit="%", actuals=[(2021, 45.2), (2023, 46.8)], baseline=None,
                                     target=None, intervals=[(2021, 42.2, 48.2), (2023, 43.9, 49.7)]))
    assert [len(p.get("points").split()) for p in alternate.iter(f"{NS}polygon") if p.get("class") == "interval-band"] == [4]
    # a year given as None (no figure, no sample) breaks it too; so do two gaps in a row: no band at all
    gaps = _svg(indicator_chart(chart_id="c", name="n", unit="%", baseline=None, target=None,
                                actuals=[(2021, 45.2), (2022, None), (2023, 46.8), (2024, None), (2025, 47.0)],
                                intervals=[(2021, 42.2, 48.2), (2023, 43.9, 49.7), (2025, 44.0, 50.0)]))
    assert [p for p in gaps.iter(f"{NS}polygon") if p.get("class") == "interval-band"] == []
    assert len([g for g in gaps.iter(f"{NS}g") if g.get("class") == "error-bar"]) == 3


def test_the_legend_wraps_within_what_a_phone_shows() -> None:
    from keikaku.services.charts import LEGEND_RIGHT, _text_width, indicator_chart

    NS = "{http://www.w3.org/2000/svg}"
    for lang, names, last in (("ja", ["実績", "想定推移", "基準値", "目標", "95%信頼区間"], (46.0, 42.0)),
                              ("en", ["Actual", "Expected path", "Baseline", "Target", "95% confidence interval"], (141.2, 42.0))):
        root = _svg(indicator_chart(chart_id="c", name="n", unit="%", actuals=[(2021, 45.2), (2024, 47.5)],
                                    baseline=(2019, 44.6), target=(2025, 55.0), intervals=[(2021, 42.2, 48.2), (2024, 44.5, 50.5)],
                                    baseline_interval=(41.8, 47.4), lang=lang))
        legend = next(g for g in root.iter(f"{NS}g") if g.get("class") == "legend")
        texts = [(t.text, float(t.get("x")), float(t.get("y"))) for t in legend.iter(f"{NS}text")]
        assert [t for t, _, _ in texts] == names
        assert all(x + _text_width(t) <= LEGEND_RIGHT for t, x, _ in texts)
        assert texts[-1][1:] == last  # the interval's item is on the second row (after Target in English)
    assert LEGEND_RIGHT == 380


def test_opensdg_meta_of_a_survey_indicator(engine: Engine, site: tuple[TestClient, int]) -> None:
    from keikaku.services import opensdg_export
    from keikaku.services.exports import load_year_report
    from test_downloads import front_matter

    _, plan_id = site
    files = opensdg_export.files(load_year_report(engine, plan_id, 2024))
    # the data file stays as Open SDG knows it: Year and Value, the figures as printed
    assert files["data/indicator_3-5.csv"] == b"Year,Value\n2021,45.2\n2022,43.9\n2023,46.8\n2024,47.5\n"
    assert {body.split(b"\n")[0] for path, body in files.items() if path.startswith("data/")} == {b"Year,Value"}
    text = files["meta/3-5.md"].decode("utf-8")
    meta = front_matter(text)
    assert meta["computation_calculations"] == opensdg_export.SURVEY_CALCULATIONS
    assert "p ± z × √(p × (100 − p) ÷ 標本数)" in meta["computation_calculations"]
    assert meta["comments_limitations"] == opensdg_export.SURVEY_LIMITATIONS
    assert "「有意な変化なし」とし、進捗や後退とはみなさない" in meta["comments_limitations"]
    assert (meta["baseline_value"], meta["status"]) == (44.6, "behind")  # the figures stay as computed
    body = text.split("---\n", 2)[2]
    assert body.startswith(
        "**市民意識調査による割合（信頼水準 95%）**\n\n"
        "| 年度 | 値 | 標本数・誤差 | 95%信頼区間 | 基準値からの変化 | 判定 |\n"
        "| --- | --- | --- | --- | --- | --- |\n"
        "| 令和元年度 (2019) 基準値 | 44.6% | 標本数 1,180 | 41.8～47.4 | — | — |\n"
        "| 令和3年度 (2021) | 45.2% | 標本数 1,092 | 42.2～48.2 | -3.5～+4.7ポイント | 有意な変化なし |\n"
        "| 令和4年度 (2022) | 43.9% | 標本数 1,054 | 40.9～46.9 | -4.8～+3.4ポイント | 有意な変化なし |\n"
        "| 令和5年度 (2023) | 46.8% | 標本数 1,121 | 43.9～49.7 | -1.9～+6.3ポイント | 有意な変化なし |\n"
        "| 令和6年度 (2024) | 47.5% | 標本数 1,036 | 44.5～50.5 | -1.3～+7.1ポイント | 有意な変化なし |\n\n"
        "基準値からの変化の信頼区間が 0 を含む年度は「有意な変化なし」で、進捗や後退とはみなしません。値は調査結果のとおりです。\n")
    assert "| 令和5年度 (2023) | 57.1% | 標本数 1,121 | 54.2～60.0 | +0.6～+8.8ポイント | 有意な増加 |" in (
        files["meta/1-2.md"].decode("utf-8"))
    # an indicator that is no survey: none of it
    crime = files["meta/11-11.md"].decode("utf-8")
    assert "市民意識調査" not in crime and "computation_calculations" not in crime and "comments_limitations" not in crime


def test_opensdg_meta_with_printed_margins() -> None:
    from keikaku.services import opensdg_export
    from keikaku.services.exports.context import build_year_report

    files = opensdg_export.files(build_year_report(parse_plan_document(json.loads(INDUSTRY.read_text())), plan_id=1, year=2023))
    assert files["data/indicator_8-1.csv"] == b"Year,Value\n2021,36.5\n2022,39\n2023,40.4\n"
    text = files["meta/8-1.md"].decode("utf-8")
    assert "| 令和元年度 (2019) 基準値 | 38.2% | 誤差 ±2.9ポイント | 35.3～41.1 | — | — |\n" in text
    assert "| 令和5年度 (2023) | 40.4% | 誤差 ±2.9ポイント | 37.5～43.3 | -1.9～+6.3ポイント | 有意な変化なし |\n" in text


def test_assess_table_and_help_name_the_survey_columns(tmp_path) -> None:  # noqa: ANN001
    wide = CliRunner(env={"COLUMNS": "250"})
    table = wide.invoke(cli, ["assess", str(EXAMPLE), "--format", "table"])
    assert table.exit_code == 0, table.output
    header = next(line for line in table.output.splitlines() if "name" in line and "year" in line)
    assert [c.strip() for c in header.strip("┃ ").split("┃")][-4:] == ["cagr_status", "ci_low", "ci_high", "significance"]
    row = next(line for line in table.output.splitlines() if CHILDCARE_SHARE in line and "│ 2023 │" in line)
    assert [c.strip() for c in row.strip("│ ").split("│")] == [
        CHILDCARE_SHARE, "2023", "57.1", "37.3", "87.8", "66.7", "slightly_behind", "C", "limited", "54.2", "60.0", "increase"]
    # a plan without a survey indicator keeps the nine columns
    plain = json.loads(EXAMPLE.read_text())
    for ind in plain["indicators"]:
        ind.pop("survey", None)
    path = tmp_path / "plain.json"
    path.write_text(json.dumps(plain, ensure_ascii=False), encoding="utf-8")
    table = wide.invoke(cli, ["assess", str(path), "--format", "table"])
    assert table.exit_code == 0, table.output
    header = next(line for line in table.output.splitlines() if "name" in line and "year" in line)
    assert [c.strip() for c in header.strip("┃ ").split("┃")] == [
        "name", "year", "value", "progress_rate", "achievement_rate", "expected_progress", "status", "grade", "cagr_status"]
    helped = wide.invoke(cli, ["assess", "--help"])
    assert "ci_low, ci_high, significance}]}" in " ".join(helped.output.split())
