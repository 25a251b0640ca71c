"""Hostile plan files end in a PlanFileError naming the problem, never in a traceback."""

from __future__ import annotations

import json

import pytest

from keikaku.domain.errors import PlanFileError
from keikaku.domain.planfile import parse_plan_json
from keikaku.services.plans import EXAMPLE_DIR

EXAMPLE = json.loads((EXAMPLE_DIR / "kaede-comprehensive-plan.json").read_text(encoding="utf-8"))


def problems_of(text: str) -> list[str]:
    with pytest.raises(PlanFileError) as info:
        parse_plan_json(text, source="hostile.json")
    return [str(p) for p in info.value.problems]


def test_deeply_nested_json() -> None:
    assert problems_of('{"title": ' + "[" * 100_000 + "]" * 100_000 + "}") == [
        "not a plan file: its JSON is nested too deeply"]


def test_an_integer_of_thousands_of_digits() -> None:
    found = problems_of('{"title": "x", "kind": "comprehensive", "generation": ' + "9" * 5000 + "}")
    assert found == ["not a plan file: a number in it has thousands of digits"]


def test_an_integer_of_four_hundred_digits_in_a_bounded_field() -> None:
    data = dict(EXAMPLE, generation=10**400)
    assert problems_of(json.dumps(data, ensure_ascii=False)) == ["generation: Input should be less than or equal to 99"]


def test_a_sheet_version_beyond_its_column() -> None:
    data = json.loads(json.dumps(EXAMPLE))
    node = data["nodes"][-1]["id"]
    data["cycles"] = [{"year": 2025, "sheets": [{"node": node, "version": 99999999999999999999999}]}]
    found = problems_of(json.dumps(data, ensure_ascii=False))
    assert found == ["cycles[0].sheets[0].version: Input should be less than or equal to 2147483647"]
