"""Whatever the importer reads, its plan file is valid and reads back as the same document.

Over the seeds, the corpus, and documents stitched at random from their lines (fixed seeds, so a
failure can be replayed): no crash, no reference problem (a duplicate indicator, a duplicate
year, a dangling node), and the JSON parses back to an equal plan.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from keikaku.domain.planfile import parse_plan_document, reference_problems
from keikaku.importer.pipeline import extract_document, extract_file
from keikaku.importer.records import RawDocument, RawLine

CORPUS = Path(__file__).resolve().parent / "corpus" / "cases"


def documents(seeds: Path) -> list[Path]:
    return sorted(seeds.glob("0*.txt")) + sorted(CORPUS.glob("*.txt"))


def assert_round_trip(plan) -> None:  # type: ignore[no-untyped-def]
    assert reference_problems(plan) == []
    again = parse_plan_document(json.loads(plan.to_json()))
    assert again == plan


def test_seeds_and_corpus_give_valid_plans(seeds: Path) -> None:
    paths = documents(seeds)
    assert len(paths) >= 37
    for path in paths:
        assert_round_trip(extract_file(path).plan)


@pytest.mark.parametrize("seed", range(40))
def test_documents_stitched_from_real_lines(seeds: Path, seed: int) -> None:
    lines = [line for path in documents(seeds) for line in path.read_text(encoding="utf-8", errors="ignore").splitlines()]
    rnd = random.Random(seed)
    sample = [rnd.choice(lines) for _ in range(rnd.randint(1, 150))]
    if seed % 3 == 0:
        sample = [" ".join(sample)]  # a whole page on one line
    doc = RawDocument(name=f"stitched-{seed}.txt", format="text", sha256="0" * 64, lines=[RawLine(t) for t in sample])
    assert_round_trip(extract_document(doc).plan)


def test_many_files_on_every_core_give_the_plans_one_file_at_a_time_gives(seeds: Path) -> None:
    from keikaku.importer.pipeline import extract_files

    paths = documents(seeds)[:10]
    one_by_one = [extract_file(p) for p in paths]
    light = extract_files(paths, stages=False)
    full = extract_files(paths)
    assert [e.plan for e in light] == [e.plan for e in full] == [e.plan for e in one_by_one]
    assert [e.report.to_json_dict() for e in light] == [e.report.to_json_dict() for e in one_by_one]
    assert all(e.lines == [] and e.blocks == [] and e.raw.lines == [] for e in light)
    assert all(e.lines and e.raw.lines for e in full)
