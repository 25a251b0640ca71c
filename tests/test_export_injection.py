"""Plan text that looks like a formula stays text in every export (CSV injection, OWASP)."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
from sqlalchemy import Engine

from keikaku.domain.planfile import parse_plan_json
from keikaku.services import exports
from keikaku.services.assessing import assess_stored_plan, rows_to_csv
from keikaku.services.exports.cells import csv_text
from keikaku.services.plans import EXAMPLE_DIR, load_plan

FORMULA_NAME = "=HYPERLINK(\"http://example.invalid\",\"開く\")"
PLUS_NAME = "+1+2 の指標"
AT_TITLE = "@SUM(A1:A9) 施策"
DASH_NAME = "-2+3 の指標"


def test_csv_text() -> None:
    assert [csv_text(t) for t in ("=1+1", "+1", "-1", "@A1", "\tx", "\rx", "公園", "")] == [
        "'=1+1", "'+1", "'-1", "'@A1", "'\tx", "'\rx", "公園", ""]


def load_hostile_plan(engine: Engine) -> int:
    data = json.loads((EXAMPLE_DIR / "kaede-comprehensive-plan.json").read_text(encoding="utf-8"))
    with_actuals = [i for i in data["indicators"] if i.get("actuals")]
    with_actuals[0]["name"], with_actuals[1]["name"], with_actuals[2]["name"] = FORMULA_NAME, PLUS_NAME, DASH_NAME
    node = next(n for n in data["nodes"] if n["id"] == with_actuals[0]["node"])
    node["title"] = AT_TITLE
    return load_plan(engine, parse_plan_json(json.dumps(data, ensure_ascii=False))).plan_id


def test_open_data_csv_neutralises_formula_text(engine: Engine) -> None:
    plan = load_hostile_plan(engine)
    rows = list(csv.reader(io.StringIO(exports.export_csv(engine, plan, 2024).decode("utf-8-sig"))))
    cells = {cell for row in rows[1:] for cell in row}
    assert {"'" + FORMULA_NAME, "'" + PLUS_NAME, "'" + DASH_NAME, "'" + AT_TITLE} <= cells
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)
    numbers = [row[rows[0].index("value")] for row in rows[1:]]
    assert numbers and all(not n.startswith("'") for n in numbers)  # figures stay figures


def test_assessment_csv_neutralises_formula_text(engine: Engine) -> None:
    plan = load_hostile_plan(engine)
    text = rows_to_csv(assess_stored_plan(engine, plan, 2024)["assessments"])  # type: ignore[arg-type]
    cells = {cell for row in csv.reader(io.StringIO(text)) for cell in row}
    assert "'" + FORMULA_NAME in cells and FORMULA_NAME not in cells


def test_xlsx_writes_formula_text_as_strings(engine: Engine) -> None:
    plan = load_hostile_plan(engine)
    book = openpyxl.load_workbook(io.BytesIO(exports.export_xlsx(engine, plan, 2024)))
    texts = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    hostile = [c for c in texts if c.value.startswith(("=", "+", "@", "-2+3"))]
    assert {c.value for c in hostile} >= {FORMULA_NAME, PLUS_NAME, DASH_NAME}
    assert all(c.data_type == "s" for c in hostile)
