"""The assessing service over a real database holding the bundled fictional city (かえで市)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from sqlalchemy import Engine

from keikaku.domain.assessment import ROW_KEYS, UnknownScaleError
from keikaku.domain.errors import NotFoundError
from keikaku.services.assessing import assess_file_document, assess_stored_plan, rows_to_csv, scale_names
from keikaku.services.plans import EXAMPLE_DIR, LoadResult, load_plan_file, read_plan_file

KAEDE = EXAMPLE_DIR / "kaede-comprehensive-plan.json"
CRIME = "刑法犯認知件数"


@pytest.fixture
def kaede(engine: Engine) -> LoadResult:
    return load_plan_file(engine, KAEDE)


def find(rows: list[dict[str, object]], name: str, year: int | None = None) -> dict[str, object]:
    return next(r for r in rows if r["name"] == name and (year is None or r["year"] == year))


def test_stored_plan_for_a_fiscal_year(engine: Engine, kaede: LoadResult) -> None:
    out = assess_stored_plan(engine, kaede.plan_id, 2023)
    assert list(out) == ["plan", "year", "scale", "policy", "assessments", "rollups"]
    assert out["plan"] == {"id": kaede.plan_id, "key": "990019:comprehensive-2", "title": "かえで市第2次総合計画（架空の例）"}
    assert (out["year"], out["scale"]) == (2023, "abcd")
    rows = out["assessments"]
    assert len(rows) == 19 and all(tuple(r) == ROW_KEYS for r in rows)
    crime = find(rows, CRIME)
    assert crime == {
        "node": "m8", "name": CRIME, "unit": "件", "year": 2023, "value": 905, "progress_rate": 97.1,
        "achievement_rate": 99.4, "expected_progress": 66.7, "status": "on_track", "grade": "A", "cagr_ratio": 1.443,
        "cagr_score": 5.0, "cagr_status": "substantial", "reported_rate": 100.2, "reported_rate_method": None,
        "reported_rate_ok": False, "warnings": ["reported_rate_unexplained", "reported_rate_claims_target"],
        "ci_low": None, "ci_high": None, "significance": None,
    }
    # the only printed rate in the example that no formula reproduces
    assert [(r["name"], r["year"]) for r in rows if r["reported_rate_ok"] is False] == [(CRIME, 2023)]


def test_stored_plan_roll_ups(engine: Engine, kaede: LoadResult) -> None:
    ups = assess_stored_plan(engine, kaede.key, 2024)["rollups"]
    plan = ups[0]
    assert (plan["kind"], plan["indicators"], sum(plan["counts"].values())) == ("plan", 19, 19)
    assert plan["left_out"] == {"qualitative": 1, "no_data": 1, "not_assessable": 0, "no_rate": 0}
    assert plan["score"] == 92.0  # a decrease to 0 counts its progress from the baseline, not 0 ÷ actual
    nodes = [u["node"] for u in ups if u["kind"] == "node"]
    assert nodes[:3] == ["g1", "g2", "g3"] and len(nodes) == 25
    sdgs = [u["sdg"] for u in ups if u["kind"] == "sdg"]
    assert sdgs == [1, 3, 4, 5, 8, 9, 10, 11, 12, 13, 16, 17]
    m8 = next(u for u in ups if u["node"] == "m8")
    assert [(c["name"], c["year"], c["rate"]) for c in m8["components"]] == [
        (CRIME, 2024, 97.7), ("市内の交通事故発生件数", 2024, 96.9)]
    assert m8["score"] == 97.3
    # 授業の内容… was last reported in 2022: the roll-up for 2024 uses that figure and says so
    m2 = next(u for u in ups if u["node"] == "m2")
    assert [(c["year"], c["rate"]) for c in m2["components"]] == [(2022, 94.4)]


def test_stored_plan_every_year_and_other_scales(engine: Engine, kaede: LoadResult) -> None:
    every = assess_stored_plan(engine, kaede.plan_id)
    assert every["year"] == 2024
    assert len(every["assessments"]) == 64  # 62 actuals and two indicators without any
    assert [r["grade"] for r in every["assessments"] if r["name"] == "民生委員・児童委員の充足率"] == ["B", "C"]
    sabc = assess_stored_plan(engine, kaede.plan_id, 2024, "sabc")
    assert {r["grade"] for r in sabc["assessments"]} == {"S", "A", "C", None}
    assert find(sabc["assessments"], "創業支援による創業件数")["grade"] == "S"
    assert set(scale_names()) >= {"abcd", "sabc", "achieved"}


def test_stored_plan_errors(engine: Engine, kaede: LoadResult) -> None:
    with pytest.raises(NotFoundError):
        assess_stored_plan(engine, "no-such-plan", 2023)
    with pytest.raises(UnknownScaleError):
        assess_stored_plan(engine, kaede.plan_id, 2023, "xyz")


def test_file_and_stored_assessments_agree(engine: Engine, kaede: LoadResult) -> None:
    doc = read_plan_file(KAEDE)
    from_file = assess_file_document(doc)
    assert list(from_file) == ["assessments"]
    assert from_file["assessments"] == assess_stored_plan(engine, kaede.plan_id)["assessments"]
    assert assess_file_document(doc, "achieved", year=2023)["assessments"] == assess_stored_plan(
        engine, kaede.plan_id, 2023, "achieved")["assessments"]


def test_rows_to_csv(tmp_path: Path) -> None:
    rows = assess_file_document(read_plan_file(KAEDE), year=2023)["assessments"]
    text = rows_to_csv(rows)
    table = list(csv.reader(io.StringIO(text)))
    assert table[0] == list(ROW_KEYS) and len(table) == 20
    crime = next(line for line in table if line[1] == CRIME)
    assert crime[ROW_KEYS.index("reported_rate_ok")] == "false"
    assert crime[ROW_KEYS.index("warnings")] == "reported_rate_unexplained;reported_rate_claims_target"
    assert crime[ROW_KEYS.index("progress_rate")] == "97.1"
    empty = next(line for line in table if line[1] == "避難所の備蓄品の整備")
    assert (empty[ROW_KEYS.index("year")], empty[ROW_KEYS.index("status")]) == ("", "qualitative")  # a worded target
