"""The OpenAPI document describes every field and every operation of the JSON API.

Every property of every component schema has a one-line description (FastAPI's own
HTTPValidationError and ValidationError aside); every operation says what it does (a summary
of its own or a description, not the one FastAPI makes up from the function's name) and its
success response names a schema. The checks are plain functions, tried first on a small app
that breaks each rule, then on keikaku's own document over a fresh database."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.responses import Response
from fastapi.testclient import TestClient
from pydantic import BaseModel, Field
from sqlalchemy import Engine

from keikaku.services.plans import example_files, load_plan_file
from keikaku.web.app import create_app
from keikaku.web.catalog_schemas import CatalogOut, DateOut, LangTextOut

EXEMPT = {"HTTPValidationError", "ValidationError"}  # FastAPI's own, for 422 answers


def undescribed(doc: dict[str, Any]) -> list[str]:
    """``Schema.property`` for every property without a non-empty, one-line description."""
    out = []
    for name, schema in doc.get("components", {}).get("schemas", {}).items():
        if name in EXEMPT:
            continue
        for prop, spec in schema.get("properties", {}).items():
            text = spec.get("description")
            if not isinstance(text, str) or not text.strip() or "\n" in text:
                out.append(f"{name}.{prop}")
    return out


def generated_summary(path: str, method: str, operation: dict[str, Any]) -> str:
    """The summary FastAPI makes up when a route gives none: its function's name in title case.
    The function's name is what the operation id holds before the path and the method."""
    path_part = re.escape(re.sub(r"\W", "_", path))
    found = re.fullmatch(r"(\w*)" + path_part + "_" + method, operation.get("operationId", ""))
    return found.group(1).replace("_", " ").title() if found else ""


def unexplained(doc: dict[str, Any]) -> list[str]:
    """``METHOD path: problem`` for every operation without a summary or description of its own,
    or whose success answer names no schema."""
    out = []
    for path, operations in doc.get("paths", {}).items():
        for method, op in operations.items():
            summary, description = (op.get("summary") or "").strip(), (op.get("description") or "").strip()
            if not description and (not summary or summary == generated_summary(path, method, op)):
                out.append(f"{method.upper()} {path}: no summary")
            success = {code: r for code, r in op.get("responses", {}).items() if code.startswith("2")}
            if not success:
                out.append(f"{method.upper()} {path}: no success response")
            for code, response in success.items():
                if code == "204":
                    continue  # No Content has no body to describe
                contents = response.get("content") or {}
                if not contents or not all(c.get("schema") for c in contents.values()):
                    out.append(f"{method.upper()} {path}: {code} without a schema")
    return out


# --- the checks catch what they are for --------------------------------------------------------

class Sloppy(BaseModel):
    described: int = Field(description="A count of things")
    bare: str
    blank: str = Field(description="   ")
    two_lines: str = Field(description="first line\nsecond line")


def sloppy_app() -> FastAPI:
    app = FastAPI()

    @app.get("/typed/{item_id}", response_model=Sloppy, summary="One thing, typed")
    def typed(item_id: int) -> Sloppy:
        raise AssertionError("never called")

    @app.get("/untyped")
    def untyped() -> Response:
        raise AssertionError("never called")

    @app.get("/documented", response_model=Sloppy)
    def documented() -> Sloppy:
        """What the operation does, in its docstring."""
        raise AssertionError("never called")

    @app.post("/created", status_code=201, summary="Make one", responses={201: {"description": "Made"}})
    def created() -> Response:
        raise AssertionError("never called")

    return app


def test_the_checks_find_every_broken_rule_and_nothing_else() -> None:
    doc = sloppy_app().openapi()
    assert undescribed(doc) == ["Sloppy.bare", "Sloppy.blank", "Sloppy.two_lines"]
    assert generated_summary("/untyped", "get", doc["paths"]["/untyped"]["get"]) == "Untyped"
    assert generated_summary("/typed/{item_id}", "get", doc["paths"]["/typed/{item_id}"]["get"]) == "Typed"
    assert unexplained(doc) == ["GET /untyped: no summary", "GET /untyped: 200 without a schema",
                                "POST /created: 201 without a schema"]


def test_the_checks_refuse_a_document_without_answers() -> None:
    doc = {"paths": {"/x": {"get": {"operationId": "x_x_get", "summary": "Something", "responses": {"404": {}}}}},
           "components": {"schemas": {"Thing": {"properties": {"a": {"type": "string", "description": ""}}},
                                      "ValidationError": {"properties": {"loc": {"type": "array"}}}}}}
    assert undescribed(doc) == ["Thing.a"]
    assert unexplained(doc) == ["GET /x: no success response"]
    assert undescribed({}) == [] and unexplained({}) == []


# --- keikaku's own document ----------------------------------------------------------------------

@pytest.fixture
def client(engine: Engine) -> TestClient:
    return TestClient(create_app(engine), raise_server_exceptions=False)


@pytest.fixture
def spec(client: TestClient) -> dict[str, Any]:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_every_property_of_every_schema_is_described(spec: dict[str, Any], engine: Engine) -> None:
    schemas = spec["components"]["schemas"]
    assert {"PlanIndicatorsOut", "IndicatorYearOut", "CalculationOut", "EvaluationPlanYearOut", "NodeEvaluationsOut",
            "CycleOut", "SheetOut", "SheetSave", "ActualsIn", "ActualsOut", "ConflictOut", "MoneyOut", "YearCostOut",
            "ProjectSheetOut", "ProjectSheetSave", "ProjectCostOut", "MeasureProjectsOut", "ProjectEvaluationOut",
            "NodeProjectEvaluationsOut", "EditResponse", "NodeCreate", "CatalogOut", "DatasetOut"} <= set(schemas)
    assert EXEMPT <= set(schemas)  # the path parameters make FastAPI add its two
    assert sum(len(s.get("properties", {})) for n, s in schemas.items() if n not in EXEMPT) > 400
    assert undescribed(spec) == []
    assert create_app(engine).openapi() == spec  # the document served is the app's own


def test_every_operation_says_what_it_does_and_answers_with_a_schema(spec: dict[str, Any]) -> None:
    assert len(spec["paths"]) >= 40
    assert unexplained(spec) == []


def test_descriptions_say_units_formats_and_when_a_value_is_null(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]

    def text(schema: str, prop: str) -> str:
        return schemas[schema]["properties"][prop]["description"]

    assert text("IndicatorYearOut", "baseline") == "The baseline (現状値・基準値); null when the plan gives none"
    assert text("FormulaOut", "result") == ("The published figure in percent, rounded half-up to one decimal; "
                                            "null when it cannot be computed")
    assert text("CycleOut", "opened_at") == "When the cycle was opened: ISO 8601, UTC"
    assert text("ProjectCostOut", "staff_cost") == ("人件費 in yen: person-years × the city's cost per person of the "
                                                   "year; null when not recorded or no cost per person is set")
    # a shared wording is the same wherever the field appears
    assert text("SheetBodyOut", "updated_at") == text("SheetProjectOut", "updated_at")
    assert text("EvaluationOut", "year") == text("EvaluationYearOut", "year") == (
        "A fiscal year (年度, April to March), named by the year it starts in")
    # a described reference keeps its $ref beside the description
    assert schemas["MoneyOut"]["properties"]["plan"] == {"$ref": "#/components/schemas/CostPlanOut", "description": "The plan"}


def test_the_catalogue_answers_as_its_schema_says(client: TestClient, engine: Engine) -> None:
    operation = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/catalog"]["get"]
    assert operation["responses"]["200"]["content"] == {
        "application/ld+json": {"schema": {"$ref": "#/components/schemas/CatalogOut"}}}

    empty = client.get("/api/v1/catalog")
    assert empty.status_code == 200 and empty.headers["content-type"] == "application/ld+json"
    none = CatalogOut.model_validate(empty.json())
    assert (none.datasets, none.publisher, none.modified) == ([], None, None)
    assert none.model_dump(exclude_none=True) == empty.json()

    for path in example_files():
        load_plan_file(engine, path)
    body = client.get("/api/v1/catalog").json()
    catalog = CatalogOut.model_validate(body)  # no key the schema lacks (extra="forbid"), none missing
    assert catalog.model_dump(exclude_none=True) == body
    assert [d.identifier for d in catalog.datasets] == ["990019:comprehensive-2", "990019:industry-plan-2021"]
    assert catalog.publisher is not None and catalog.publisher.identifier == "990019"
    assert [d.format for d in catalog.datasets[0].distributions] == ["CSV", "XLSX", "PDF", "JSON", "ZIP"]
    assert catalog.datasets[0].temporal is not None and catalog.datasets[0].temporal.start.value == "2021-04-01"


def test_the_catalogue_schema_refuses_what_the_catalogue_never_holds() -> None:
    good = {"@type": "xsd:date", "@value": "2021-04-01"}
    assert CatalogOut.model_fields["datasets"].alias == "dcat:dataset"
    assert DateOut.model_validate(good).value == "2021-04-01"
    with pytest.raises(ValueError, match="extra"):
        DateOut.model_validate({**good, "@language": "ja"})
    with pytest.raises(ValueError, match="xsd:date"):
        DateOut.model_validate({"@type": "xsd:dateTime", "@value": "2021-04-01T00:00:00+00:00"})
    with pytest.raises(ValueError, match="'ja'"):
        LangTextOut.model_validate({"@language": "en", "@value": "Plan"})
