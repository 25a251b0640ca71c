"""Downloads of the public site and its open standards: CSV of a plan, a measure and an indicator,
the year's Excel and PDF, the plan JSON, the DCAT catalogue and the Open SDG zip. Every figure is
the public read model's, and no draft (an unapproved actual, or a sheet not yet approved) is in any."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import datetime
from urllib.parse import quote

import pypdfium2 as pdfium
import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import Engine, select

from keikaku.services import exports as ex
from keikaku.services.exports.opendata import CSV_COLUMNS
from keikaku.services import opensdg_export
from keikaku.services.exports.context import build_year_report
from keikaku.services.opensdg_export import goals_of
from keikaku.services.plans import example_files, load_plan_file, read_plan_file
from keikaku.services.public_downloads import safe_filename
from keikaku.services.readmodel import load_plan_year
from keikaku.storage import models as m
from keikaku.storage.database import transaction
from keikaku.web.app import create_app
from keikaku.web.downloads import content_disposition

TITLE = "かえで市第2次総合計画（架空の例）"
APPROVED_REASONS = "刑法犯認知件数は順調に減少している。"
DRAFT_REASONS = "まだ審査前の下書きの評価理由"
DRAFT_PROGRESS = "審査前の事業進捗メモ"
APPROVED_PROGRESS = "補助件数 42 件"
DRAFT_VALUES = (81.5, 880)  # FY2024 of the class survey, FY2025 of crime: both drafts


@pytest.fixture
def kaede(engine: Engine) -> dict[str, int]:
    """The example city, with FY2024's cycle: an approved sheet (施策 8) and a draft one (施策 2),
    each with its project's progress, and two draft actuals."""
    ids = [load_plan_file(engine, f).plan_id for f in example_files()]
    with transaction(engine) as s:
        def node(key: str) -> m.Node:
            return s.scalar(select(m.Node).where(m.Node.plan_id == ids[0], m.Node.key == key))

        def indicator(name: str) -> m.Indicator:
            return s.scalar(select(m.Indicator).where(m.Indicator.plan_id == ids[0], m.Indicator.name == name))

        def project(name: str) -> m.Project:
            return s.scalar(select(m.Project).where(m.Project.plan_id == ids[0], m.Project.name == name))

        cycle = m.EvaluationCycle(plan_id=ids[0], year=2024, deadline=datetime(2025, 6, 30), scale="abcd", status="open")
        s.add(cycle)
        s.flush()
        s.add(m.EvaluationSheet(cycle_id=cycle.id, node_id=node("m8").id, status="approved", self_grade="A",
                                reasons=APPROVED_REASONS, next_direction="継続", version=2))
        s.add(m.EvaluationSheet(cycle_id=cycle.id, node_id=node("m2").id, status="submitted", self_grade="C",
                                reasons=DRAFT_REASONS, version=1))
        s.add(m.ProjectProgress(cycle_id=cycle.id, project_id=project("防犯カメラ設置補助事業").id, stage="推進", progress=APPROVED_PROGRESS))
        s.add(m.ProjectProgress(cycle_id=cycle.id, project_id=project("学校施設長寿命化改修事業").id, stage="推進", progress=DRAFT_PROGRESS))
        s.add(m.Observation(indicator_id=indicator("授業の内容がよく分かると答えた児童の割合").id, position=5, year=2024,
                            value=DRAFT_VALUES[0], status="draft"))
        s.add(m.Observation(indicator_id=indicator("刑法犯認知件数").id, position=5, year=2025, value=DRAFT_VALUES[1], status="draft"))
        names = {"crime": "刑法犯認知件数", "survey": "授業の内容がよく分かると答えた児童の割合", "stock": "避難所の備蓄品の整備"}
        out = {k: indicator(v).id for k, v in names.items()}
        out.update(plan=ids[0], industry=ids[1], m8=node("m8").id, p4=node("p4").id, m2=node("m2").id)
    return out


@pytest.fixture
def client(engine: Engine, kaede: dict[str, int]) -> TestClient:
    return TestClient(create_app(engine), raise_server_exceptions=False)


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\r\n") == data.count(b"\n") and data.endswith(b"\r\n")  # CRLF, no bare LF
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def rate(value: object) -> str:
    return "" if value is None else f"{value:.1f}"


def model_rows(engine: Engine, plan_id: int, year: int, names: set[str] | None = None) -> list[tuple[str, ...]]:
    """(indicator, year, value, progress, achievement, status, grade) of every row of the public read model."""
    out = []
    for item in load_plan_year(engine, plan_id, year=year).model.indicators:
        if names is not None and item.indicator.name not in names:
            continue
        for row in item.rows:
            data = row.to_json()
            actual = item.actual(row.year)
            value = "" if actual is None else (f"{actual.value:g}" if actual.value is not None else actual.text or "")
            out.append((item.indicator.name, "" if row.year is None else str(row.year), value,
                        rate(data["progress_rate"]), rate(data["achievement_rate"]), row.status, row.grade or ""))
    return out


def csv_figures(rows: list[list[str]]) -> list[tuple[str, ...]]:
    col = {c: i for i, c in enumerate(CSV_COLUMNS)}
    return [tuple(r[col[c]] for c in ("indicator", "year", "value", "progress_rate", "achievement_rate", "status", "grade"))
            for r in rows]


# CSV ----------------------------------------------------------------------------------------------

def test_plan_csv_is_the_read_models_year(client: TestClient, engine: Engine, kaede: dict[str, int]) -> None:
    r = client.get(f"/plans/{kaede['plan']}/data.csv")
    assert r.status_code == 200 and r.headers["content-type"] == "text/csv; charset=utf-8"
    assert r.headers["content-disposition"] == (
        f"attachment; filename=\"keikaku-plan-{kaede['plan']}-2024.csv\"; "
        f"filename*=UTF-8''{quote(TITLE + '_2024年度_指標.csv', safe='')}")
    rows = read_csv(r.content)
    assert rows[0] == list(CSV_COLUMNS)
    assert len(rows) == 65  # 62 published actual years + a row for each of the 2 indicators without actuals
    assert csv_figures(rows[1:]) == model_rows(engine, kaede["plan"], 2024)
    assert r.content == ex.export_csv(engine, kaede["plan"], 2024)  # one format: the year export's
    crime = next(dict(zip(CSV_COLUMNS, x)) for x in rows if x[5] == "刑法犯認知件数" and x[7] == "2023")
    assert crime == {
        "municipality_code": "990019", "municipality": "かえで市", "plan": TITLE, "node_number": "8",
        "node_title": "防犯・交通安全の推進", "indicator": "刑法犯認知件数", "unit": "件", "year": "2023", "value": "905",
        "baseline": "1070", "baseline_year": "2019", "target": "900", "target_year": "2025", "progress_rate": "97.1",
        "achievement_rate": "99.4", "status": "on_track", "grade": "A",
        "sample_size": "", "margin_of_error": "", "ci_low": "", "ci_high": "", "significance": "",  # not a survey share
    }


def test_measure_csv_has_the_measures_rows_only(client: TestClient, engine: Engine, kaede: dict[str, int]) -> None:
    plan_rows = read_csv(client.get(f"/plans/{kaede['plan']}/data.csv").content)[1:]
    r = client.get(f"/nodes/{kaede['m8']}/data.csv")
    assert r.headers["content-disposition"] == (
        f"attachment; filename=\"keikaku-node-{kaede['m8']}-2024.csv\"; "
        f"filename*=UTF-8''{quote('施策8_防犯・交通安全の推進_2024年度_指標.csv', safe='')}")
    rows = read_csv(r.content)
    assert rows[0] == list(CSV_COLUMNS)
    assert rows[1:] == [x for x in plan_rows if x[4] == "防犯・交通安全の推進"]
    assert [(x[5], x[7], x[8]) for x in rows[1:]] == [
        ("刑法犯認知件数", "2021", "1012"), ("刑法犯認知件数", "2022", "948"), ("刑法犯認知件数", "2023", "905"),
        ("刑法犯認知件数", "2024", "921"),
        ("市内の交通事故発生件数", "2021", "284"), ("市内の交通事故発生件数", "2022", "291"),
        ("市内の交通事故発生件数", "2023", "266"), ("市内の交通事故発生件数", "2024", "258"),
    ]
    assert csv_figures(rows[1:]) == model_rows(engine, kaede["plan"], 2024, {"刑法犯認知件数", "市内の交通事故発生件数"})
    policy = read_csv(client.get(f"/nodes/{kaede['p4']}/data.csv").content)[1:]  # 政策 4: its measures 7 and 8
    assert policy == [x for x in plan_rows if x[3] in ("7", "8")] and len(policy) == 8 + 4 + 1


def test_indicator_csv_and_an_earlier_year(client: TestClient, engine: Engine, kaede: dict[str, int]) -> None:
    rows = read_csv(client.get(f"/indicators/{kaede['crime']}/data.csv").content)
    assert [(x[7], x[8], x[13], x[14], x[15], x[16]) for x in rows[1:]] == [
        ("2021", "1012", "34.1", "88.9", "on_track", "A"), ("2022", "948", "71.8", "94.9", "on_track", "A"),
        ("2023", "905", "97.1", "99.4", "on_track", "A"), ("2024", "921", "87.6", "97.7", "on_track", "A"),
    ]  # the FY2025 draft is not there
    assert csv_figures(rows[1:]) == model_rows(engine, kaede["plan"], 2024, {"刑法犯認知件数"})
    r = client.get(f"/indicators/{kaede['crime']}/data.csv", params={"year": 2022})
    assert f"filename=\"keikaku-indicator-{kaede['crime']}-2022.csv\"" in r.headers["content-disposition"]
    assert [x[7] for x in read_csv(r.content)[1:]] == ["2021", "2022"]
    assert csv_figures(read_csv(r.content)[1:]) == model_rows(engine, kaede["plan"], 2022, {"刑法犯認知件数"})
    stock = read_csv(client.get(f"/indicators/{kaede['stock']}/data.csv").content)[1:]
    assert [(x[7], x[8], x[15]) for x in stock] == [("", "", "qualitative")]
    assert client.get(f"/indicators/{kaede['crime']}/data.csv", params={"year": 1700}).status_code == 400  # a year out of range: the 400 page


def test_unknown_ids_are_404(client: TestClient) -> None:
    for path in ("/plans/9999/data.csv", "/nodes/9999/data.csv", "/indicators/9999/data.csv", "/plans/9999/report.pdf",
                 "/plans/9999/opensdg.zip", "/plans/9999/plan.json"):
        assert client.get(path).status_code == 404, path


def test_filenames() -> None:
    assert safe_filename('計画/2024:案*?"<>|\x07 ') == "計画_2024_案"
    assert safe_filename("...") == "keikaku" and len(safe_filename("あ" * 300)) == 80
    assert content_disposition("指標 a.csv", 'x"y.csv') == \
        "attachment; filename=\"x_y.csv\"; filename*=UTF-8''%E6%8C%87%E6%A8%99%20a.csv"


# Links on the pages --------------------------------------------------------------------------------

def test_pages_link_their_downloads(client: TestClient, kaede: dict[str, int]) -> None:
    plan = client.get(f"/plans/{kaede['plan']}").text.replace("<wbr>", "")  # the text as read, without break points
    for href in ("data.csv", "report.xlsx", "report.pdf", "plan.json", "opensdg.zip"):
        assert f'href="/plans/{kaede["plan"]}/{href}" download' in plan
    assert 'href="/catalog.jsonld"' in plan and "データのダウンロード" in plan and "公表済みの実績値のみ" in plan
    node = client.get(f"/nodes/{kaede['m8']}").text
    assert f'<a href="/nodes/{kaede["m8"]}/data.csv" download>この項目の指標（CSV）</a>' in node and "report.pdf" not in node
    indicator = client.get(f"/indicators/{kaede['crime']}").text
    assert f'<a href="/indicators/{kaede["crime"]}/data.csv" download>この指標の実績（CSV）</a>' in indicator
    english = client.get(f"/indicators/{kaede['crime']}?lang=en").text
    assert "Download the data" in english and "This indicator&#39;s figures (CSV)" in english


# Excel, PDF, JSON ----------------------------------------------------------------------------------

def cells(data: bytes) -> list[object]:
    wb = load_workbook(io.BytesIO(data))
    return [c for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row if c is not None]


def test_year_workbook_and_report_show_approved_evaluations_only(client: TestClient, kaede: dict[str, int]) -> None:
    r = client.get(f"/plans/{kaede['plan']}/report.xlsx")
    assert r.headers["content-type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert f"filename=\"keikaku-plan-{kaede['plan']}-2024.xlsx\"" in r.headers["content-disposition"]
    values = cells(r.content)
    assert APPROVED_REASONS in values and APPROVED_PROGRESS in values
    assert DRAFT_REASONS not in values and DRAFT_PROGRESS not in values and not set(DRAFT_VALUES) & set(values)
    wb = load_workbook(io.BytesIO(r.content))
    school = [list(x) for x in wb["2 学校教育の充実"].iter_rows(values_only=True)]
    survey = next(x for x in school if x[0] == "授業の内容がよく分かると答えた児童の割合")
    assert survey[4:8] == [79.5, 80.2, None, None]  # FY2021–2024: the FY2024 draft is not shown
    pdf = client.get(f"/plans/{kaede['plan']}/report.pdf")
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")
    doc = pdfium.PdfDocument(pdf.content)
    text = "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc))).replace("\r", "").replace("\n", "")
    assert "刑法犯認知件数は順調に減少している" in text and "審査前の下書き" not in text and "審査前の事業進捗" not in text


def test_plan_json_is_the_public_plan_file(client: TestClient, kaede: dict[str, int]) -> None:
    r = client.get(f"/plans/{kaede['plan']}/plan.json")
    assert r.headers["content-type"] == "application/json"
    assert r.headers["content-disposition"] == (
        f"attachment; filename=\"keikaku-plan-{kaede['plan']}.json\"; filename*=UTF-8''{quote(TITLE + '.json', safe='')}")
    doc = r.json()
    actuals = [a for i in doc["indicators"] for a in i["actuals"]]
    assert len(actuals) == 62 and all(a.get("status", "published") == "published" for a in actuals)
    assert [c["year"] for c in doc["cycles"]] == [2024]
    assert [(s["node"], s["reasons"]) for s in doc["cycles"][0]["sheets"]] == [("m8", APPROVED_REASONS)]
    assert [p["progress"] for p in doc["cycles"][0]["project_progress"]] == [APPROVED_PROGRESS]
    earlier = client.get(f"/plans/{kaede['plan']}/plan.json", params={"year": 2022}).json()
    assert max(a["year"] for i in earlier["indicators"] for a in i["actuals"]) == 2022 and earlier["cycles"] == []


# DCAT catalogue ------------------------------------------------------------------------------------

def prefixed_terms(value: object) -> set[str]:
    """Every compact IRI used as a key or a @type."""
    out: set[str] = set()
    if isinstance(value, dict):
        for k, v in value.items():
            if ":" in k and not k.startswith("@"):
                out.add(k)
            if k == "@type":
                out.add(v)
            out |= prefixed_terms(v)
    elif isinstance(value, list):
        for v in value:
            out |= prefixed_terms(v)
    return out


def test_catalogue_is_dcat_json_ld(client: TestClient, kaede: dict[str, int]) -> None:
    r = client.get("/catalog.jsonld")
    assert r.status_code == 200 and r.headers["content-type"] == "application/ld+json"
    cat = r.json()
    assert client.get("/api/v1/catalog").json() == cat
    assert cat["@type"] == "dcat:Catalog" and cat["@id"] == "http://testserver/catalog.jsonld"
    assert {t.split(":")[0] for t in prefixed_terms(cat)} <= set(cat["@context"])
    assert cat["dct:publisher"]["foaf:name"] == {"@language": "ja", "@value": "かえで市"}
    datasets = cat["dcat:dataset"]
    assert [(d["@id"], d["dct:identifier"], d["dct:title"]["@value"]) for d in datasets] == [
        (f"http://testserver/plans/{kaede['plan']}", "990019:comprehensive-2", TITLE),
        (f"http://testserver/plans/{kaede['industry']}", "990019:industry-plan-2021", "かえで市産業にぎわいプラン（架空の例）"),
    ]
    first = datasets[0]
    assert first["@type"] == "dcat:Dataset" and first["dct:title"]["@language"] == "ja"
    assert first["dct:publisher"] == {"@id": "http://testserver/catalog.jsonld#publisher-990019", "@type": "foaf:Organization",
                                      "foaf:name": {"@language": "ja", "@value": "かえで市"}, "dct:identifier": "990019"}
    assert first["dct:spatial"]["dct:identifier"] == "990019" and first["dct:spatial"]["@type"] == "dct:Location"
    assert first["dct:modified"]["@type"] == "xsd:dateTime" and datetime.fromisoformat(first["dct:modified"]["@value"])
    assert first["dct:temporal"]["dcat:startDate"] == {"@type": "xsd:date", "@value": "2021-04-01"}
    assert "架空" in first["dct:description"]["@value"]
    assert sum(len(d["dcat:distribution"]) for d in datasets) == 10
    media = {d["dct:format"]: d["dcat:mediaType"]["@id"] for d in first["dcat:distribution"]}
    assert media == {
        "CSV": "https://www.iana.org/assignments/media-types/text/csv",
        "XLSX": "https://www.iana.org/assignments/media-types/application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "PDF": "https://www.iana.org/assignments/media-types/application/pdf",
        "JSON": "https://www.iana.org/assignments/media-types/application/json",
        "ZIP": "https://www.iana.org/assignments/media-types/application/zip",
    }
    for dist in first["dcat:distribution"]:
        assert dist["@type"] == "dcat:Distribution" and dist["dcat:accessURL"] == {"@id": first["@id"]}
        assert dist["dct:title"]["@language"] == "ja" and dist["dct:title"]["@value"].startswith(TITLE)
        url = dist["dcat:downloadURL"]["@id"]
        if dist["dct:format"] != "PDF":  # the PDF is fetched in its own test
            got = client.get(url.removeprefix("http://testserver"))
            assert got.status_code == 200 and got.headers["content-type"].startswith(media[dist["dct:format"]].rsplit("/", 2)[-2])


# Open SDG ------------------------------------------------------------------------------------------

def front_matter(text: str) -> dict[str, object]:
    """The YAML front matter of a metadata file (one ``key: value`` a line, values JSON-compatible)."""
    head = text.split("---\n")[1]
    out = {}
    for line in head.splitlines():
        key, value = line.split(": ", 1)
        out[key] = json.loads(value)
    return out


def test_opensdg_zip_is_laid_out_as_sdg_build_reads_it(client: TestClient, engine: Engine, kaede: dict[str, int]) -> None:
    r = client.get(f"/plans/{kaede['plan']}/opensdg.zip")
    assert r.headers["content-type"] == "application/zip"
    assert f"filename=\"keikaku-plan-{kaede['plan']}-2024-opensdg.zip\"" in r.headers["content-disposition"]
    z = zipfile.ZipFile(io.BytesIO(r.content))
    ids = ["1-1", "1-2", "4-3", "4-4", "3-5", "3-6", "3-7", "3-8", "11-9", "11-10", "11-11", "11-12", "8-13", "8-14",
           "12-15", "12-16", "9-17", "9-18", "17-19"]
    without_data = {"11-10", "9-18"}  # a worded target; no actual yet
    assert z.namelist() == [p for i in ids for p in ([] if i in without_data else [f"data/indicator_{i}.csv"]) + [f"meta/{i}.md"]]
    assert z.read("data/indicator_11-11.csv") == b"Year,Value\n2021,1012\n2022,948\n2023,905\n2024,921\n"
    assert z.read("data/indicator_4-3.csv") == b"Year,Value\n2021,79.5\n2022,80.2\n"  # the FY2024 draft is not there
    assert z.read("data/indicator_1-2.csv") == b"Year,Value\n2021,54\n2022,55.8\n2023,57.1\n2024,58.9\n"
    meta = front_matter(z.read("meta/11-11.md").decode("utf-8"))
    assert meta == {
        "indicator_number": "11.11", "indicator_name": "刑法犯認知件数", "goal_number": "11", "reporting_status": "complete",
        "data_non_statistical": False, "published": True, "graph_type": "line", "graph_title": "刑法犯認知件数",
        "computation_units": "件", "national_geographical_coverage": "かえで市", "source_active_1": True,
        "source_organisation_1": "かえで市", "sdg_goals": [11, 16], "plan": TITLE, "measure": "施策 8 防犯・交通安全の推進",
        "department": "防災安全課", "baseline_value": 1070, "baseline_year": 2019, "baseline_text": "1,070件",
        "target_value": 900, "target_year": 2025, "target_text": "900件", "status_year": 2024, "status": "on_track",
        "status_label": "順調",
    }
    stock = front_matter(z.read("meta/11-10.md").decode("utf-8"))
    assert (stock["reporting_status"], stock["data_non_statistical"], stock["target_text"], stock["status"]) == (
        "notstarted", True, "拡充", "qualitative")
    # every data file holds the read model's figures of its indicator
    model = load_plan_year(engine, kaede["plan"], year=2024).model
    for item, inid in zip(model.indicators, ids):
        assert goals_of(model.doc, item.indicator.node)[0] == int(inid.split("-")[0])
        expected = [(a.year, a.value) for a in item.indicator.actuals if a.value is not None]
        if inid in without_data:
            assert expected == []
            continue
        rows = list(csv.reader(io.StringIO(z.read(f"data/indicator_{inid}.csv").decode("utf-8"))))
        assert rows[0] == ["Year", "Value"] and [(int(y), float(v)) for y, v in rows[1:]] == expected
    assert client.get(f"/plans/{kaede['plan']}/opensdg.zip").content == r.content  # the same bytes every time


def test_opensdg_ids_come_from_the_measures_goals() -> None:
    doc = read_plan_file(example_files()[1])  # its one indicator hangs on the goal node (SDGs 8 and 11)
    files = opensdg_export.files(build_year_report(doc, plan_id=1, year=2023))
    assert list(files) == ["data/indicator_8-1.csv", "meta/8-1.md"]
    assert files["data/indicator_8-1.csv"] == b"Year,Value\n2021,36.5\n2022,39\n2023,40.4\n"
    assert front_matter(files["meta/8-1.md"].decode("utf-8"))["sdg_goals"] == [8, 11]
    bare = doc.model_copy(update={"nodes": [n.model_copy(update={"sdgs": []}) for n in doc.nodes]})
    files = opensdg_export.files(build_year_report(bare, plan_id=1, year=2023))
    assert list(files) == ["data/indicator_local-1.csv", "meta/local-1.md"]
    meta = front_matter(files["meta/local-1.md"].decode("utf-8"))
    assert (meta["indicator_number"], meta["standalone"]) == ("local-1", True)
    assert "goal_number" not in meta and "sdg_goals" not in meta


# Drafts ---------------------------------------------------------------------------------------------

def test_no_download_holds_a_draft(client: TestClient, kaede: dict[str, int]) -> None:
    texts = []
    for path in (f"/plans/{kaede['plan']}/data.csv", f"/nodes/{kaede['m2']}/data.csv", f"/indicators/{kaede['survey']}/data.csv",
                 f"/indicators/{kaede['crime']}/data.csv", f"/plans/{kaede['plan']}/plan.json", "/catalog.jsonld"):
        texts.append(client.get(path).content.decode("utf-8-sig"))
    z = zipfile.ZipFile(io.BytesIO(client.get(f"/plans/{kaede['plan']}/opensdg.zip").content))
    texts += [z.read(n).decode("utf-8") for n in z.namelist()]
    for text in texts:
        assert "81.5" not in text and "880" not in text and "2025,88" not in text
        assert DRAFT_REASONS not in text and DRAFT_PROGRESS not in text and '"draft"' not in text
    survey = read_csv(client.get(f"/indicators/{kaede['survey']}/data.csv").content)
    assert [x[7] for x in survey[1:]] == ["2021", "2022"]
    # a year asked for explicitly does not bring the FY2025 draft in either
    crime = read_csv(client.get(f"/indicators/{kaede['crime']}/data.csv", params={"year": 2025}).content)
    assert [x[7] for x in crime[1:]] == ["2021", "2022", "2023", "2024"]
