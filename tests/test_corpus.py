"""The corpus of real layouts: every case scored as unseen documents are, against pinned figures.

Each case in tests/corpus/cases/ is a real municipal sheet as a PDF extractor left it, its prose
replaced by placeholders (sources in tests/corpus/README.md), with hand-checked figures. A case
may not yet be read in full; tests/corpus/scores.json pins how much of each is read today, so a
change that reads less fails here, and a change that reads more raises the pin.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus.scoring import CASES, cases, expected, score_case
from keikaku.importer.pipeline import extract_file

PINS = json.loads((CASES.parent / "scores.json").read_text(encoding="utf-8"))


def test_every_case_has_its_files_and_a_pin() -> None:
    names = cases()
    assert len(names) >= 30
    for name in names:
        meta = json.loads((CASES / f"{name}.meta.json").read_text(encoding="utf-8"))
        assert meta["source"].startswith("http") and meta["municipality"] and meta["features"], name
        doc, gold = expected(name)
        assert doc.is_file() and gold, name
    assert sorted(PINS) == names
    municipalities = {json.loads((CASES / f"{n}.meta.json").read_text(encoding="utf-8"))["municipality"] for n in names}
    assert len(municipalities) >= 20


@pytest.mark.parametrize("case", cases())
def test_case_reads_at_least_its_pinned_figures(case: str) -> None:
    doc, _ = expected(case)
    plan = json.loads(extract_file(Path(doc)).plan.to_json())
    got = score_case(case, plan)
    pin = PINS[case]
    assert got.found >= pin["found"] and got.right >= pin["right"], got.misses
    assert got.indicators == pin["indicators"]


def test_readme_lists_every_case_with_its_source() -> None:
    readme = (CASES.parent / "README.md").read_text(encoding="utf-8")
    for name in cases():
        meta = json.loads((CASES / f"{name}.meta.json").read_text(encoding="utf-8"))
        assert f"`{name}`" in readme and meta["source"] in readme, name
