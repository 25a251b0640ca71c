"""`keikaku assess` on a plan file, standard input and a stored plan."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from keikaku.cli.main import app
from keikaku.services.plans import example_files

runner = CliRunner(env={"COLUMNS": "250"})
EXAMPLE = example_files()[0]


def test_assess_file_json() -> None:
    result = runner.invoke(app, ["assess", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)["assessments"]
    assert len(rows) == 64  # 62 actual years + one row for each of the 2 indicators without actuals
    assert [r["status"] for r in rows if r["year"] is None] == ["qualitative", "no_data"]  # a worded target, a number
    crime = next(r for r in rows if r["name"] == "刑法犯認知件数" and r["year"] == 2023)
    assert (crime["value"], crime["achievement_rate"], crime["progress_rate"], crime["reported_rate"]) == (905, 99.4, 97.1, 100.2)
    assert (crime["reported_rate_ok"], crime["reported_rate_method"]) == (False, None)
    assert crime["warnings"] == ["reported_rate_unexplained", "reported_rate_claims_target"]
    assert set(crime) == {"node", "name", "unit", "year", "value", "progress_rate", "achievement_rate", "expected_progress", "status",
                          "grade", "cagr_ratio", "cagr_score", "cagr_status", "reported_rate", "reported_rate_method",
                          "reported_rate_ok", "warnings", "ci_low", "ci_high", "significance"}
    assert (crime["ci_low"], crime["ci_high"], crime["significance"]) == (None, None, None)  # not a survey share


def test_assess_stdin_and_csv() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    from_stdin = runner.invoke(app, ["assess", "-"], input=text)
    assert from_stdin.exit_code == 0
    assert json.loads(from_stdin.output) == json.loads(runner.invoke(app, ["assess", str(EXAMPLE)]).output)
    as_csv = runner.invoke(app, ["assess", str(EXAMPLE), "--format", "csv", "--scale", "sabc"])
    rows = list(csv.DictReader(io.StringIO(as_csv.output)))
    assert len(rows) == 64 and rows[0]["name"] and {r["grade"] for r in rows if r["grade"]} <= {"S", "A", "B", "C"}
    table = runner.invoke(app, ["assess", str(EXAMPLE), "--format", "table"])
    assert table.exit_code == 0 and "刑法犯認知件数" in table.output


def test_assess_stored_plan_with_rollups(cli_env: str) -> None:
    assert runner.invoke(app, ["load", "--example"]).exit_code == 0
    data = json.loads(runner.invoke(app, ["assess", "--plan", "990019:comprehensive-2", "--year", "2024"]).output)
    assert (data["year"], len(data["assessments"])) == (2024, 19)
    plan_level = next(r for r in data["rollups"] if r["kind"] == "plan")
    assert plan_level["indicators"] == 19 and plan_level["score"] == 92.0  # a decrease to 0 counts its progress


def test_assess_bad_input(tmp_path: Path) -> None:
    bad_scale = runner.invoke(app, ["assess", str(EXAMPLE), "--scale", "xyz"])
    assert bad_scale.exit_code == 2 and "xyz" in bad_scale.output
    assert runner.invoke(app, ["assess"]).exit_code == 2
    broken = tmp_path / "p.json"
    broken.write_text("{", encoding="utf-8")
    result = runner.invoke(app, ["assess", str(broken)])
    assert result.exit_code == 2 and "not valid JSON" in result.output
