"""Whatever is stored can be dumped and loaded back: every seed, every corpus case, and mutations of them.

A plan goes in through the importer, comes out with ``dump`` as a plan file, passes the plan
file's validation (``parse_plan_json``: fields, references, duplicates) and loads again as
"unchanged". Mutations (lines deleted, duplicated, swapped, digits changed, odd characters put in)
may make the importer refuse a document, with a named error, but never store one that cannot
come back.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from keikaku.domain.errors import KeikakuError
from keikaku.domain.planfile import parse_plan_json
from keikaku.importer.pipeline import extract_file
from keikaku.services.importing import import_extraction
from keikaku.services.plans import LoadOutcome, dump_plan, load_plan
from keikaku.storage import repository as repo
from keikaku.storage.database import transaction

SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"
CORPUS = Path(__file__).resolve().parent / "corpus" / "cases"
DOCUMENTS = sorted(SEEDS.glob("0*.txt")) + sorted(CORPUS.glob("*.txt"))
CITY = "990019"


@pytest.fixture
def city(engine: Engine) -> Engine:
    with transaction(engine) as session:
        repo.resolve_municipality(session, code=CITY, name="みどり市")
    return engine


def store_and_come_back(engine: Engine, path: Path) -> bool:
    """Import the document; when stored, dump it and load it back. Whether it was stored."""
    name = path.name
    try:
        extraction = extract_file(path, ocr=False)
    except KeikakuError:
        return False
    plan = extraction.plan.model_copy(update={"municipality": None, "municipality_code": None})
    try:
        stored = import_extraction(engine, dataclasses.replace(extraction, plan=plan), municipality=CITY)
    except KeikakuError:
        return False
    text = dump_plan(engine, stored.load.plan_id).to_json()
    again = load_plan(engine, parse_plan_json(text, source=f"dump of {name}"))
    assert (again.plan_id, again.outcome) == (stored.load.plan_id, LoadOutcome.UNCHANGED)
    return True


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.stem[:32])
def test_every_document_stored_dumps_and_loads_back(city: Engine, path: Path) -> None:
    stored = store_and_come_back(city, path)
    assert stored or path.parent == CORPUS  # every seed is stored; a corpus case may hold nothing of a plan


def _mutate(lines: list[str], ops: list[tuple[str, int, str]]) -> list[str]:
    out = list(lines)
    for op, at, extra in ops:
        if not out:
            break
        i = at % len(out)
        if op == "delete":
            del out[i]
        elif op == "duplicate":
            out.insert(i, out[i])
        elif op == "swap":
            j = (at // 7) % len(out)
            out[i], out[j] = out[j], out[i]
        elif op == "digits":
            out[i] = "".join(str((int(c) + at) % 10) if c in "0123456789" else c for c in out[i])
        else:  # insert odd characters in the middle of a line
            k = (at // 3) % (len(out[i]) + 1)
            out[i] = out[i][:k] + extra + out[i][k:]
    return out


MUTATIONS = st.lists(st.tuples(st.sampled_from(["delete", "duplicate", "swap", "digits", "insert"]),
                               st.integers(0, 10**6), st.text(max_size=6)), min_size=1, max_size=12)


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(index=st.integers(0, len(DOCUMENTS) - 1), ops=MUTATIONS)
def test_mutated_documents_are_refused_by_name_or_come_back(city: Engine, tmp_path: Path, index: int,
                                                             ops: list[tuple[str, int, str]]) -> None:
    path = DOCUMENTS[index]
    lines = _mutate(path.read_text(encoding="utf-8").splitlines(), ops)
    mutated = tmp_path / path.name
    mutated.write_bytes("\n".join(lines).encode("utf-8", "surrogatepass"))
    store_and_come_back(city, mutated)


def test_found_by_fuzzing_a_generation_of_zero_is_no_generation(tmp_path: Path) -> None:
    doc = tmp_path / "plan.txt"
    doc.write_text("第0次みどり市総合計画\n施策1 公園の充実\n指標名 現状値 目標値\n公園の数 12か所 15か所\n", encoding="utf-8")
    plan = extract_file(doc).plan
    assert (plan.generation, [i.name for i in plan.indicators]) == (None, ["公園の数"])
