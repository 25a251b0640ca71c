"""Scoring a folder of held-out documents against their pins, shared by the blind-round test files."""

from __future__ import annotations

import json
from pathlib import Path

from keikaku.importer.pipeline import extract_file


def score_pinned(folder: Path, pinned: dict[str, tuple[int, int, int, int]]) -> tuple[int, int, int]:
    """Check every document of ``folder``'s expected.json reads at least its pin (found, indicators,
    figures right, figures); the number of indicators, of them fully right, and of documents fully right."""
    from corpus.scoring import scorer

    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    assert sorted(expected) == sorted(pinned)
    indicators = fully_right = documents = 0
    for name, gold in expected.items():
        plan = json.loads(extract_file(folder / name).plan.to_json())
        found, total, right, figures, _ = scorer().score(gold, plan["indicators"])
        pin = pinned[name]
        assert total == pin[1], name
        assert found >= pin[0] and right >= pin[2], name
        indicators += total
        documents += (found, right) == (total, figures)
        for one in gold:
            f, t, r, n, _ = scorer().score([one], plan["indicators"])
            fully_right += (f, r) == (t, n)
    return indicators, fully_right, documents


def read_rows(path: Path) -> list[tuple]:
    """What a document reads, indicator by indicator: name, unit, (baseline, year), (target, year) and
    the actuals as (year, value), in the plan's order."""
    plan = json.loads(extract_file(path).plan.to_json())

    def figure(side: dict | None) -> tuple:
        return (side["value"], side["year"]) if side else (None, None)

    return [(i["name"], i["unit"], figure(i["baseline"]), figure(i["target"]), [(a["year"], a["value"]) for a in i["actuals"]])
            for i in plan["indicators"]]


def text_file(folder: Path, text: str, name: str = "doc.txt") -> Path:
    """``text`` written as a UTF-8 file ``name`` in ``folder``."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
