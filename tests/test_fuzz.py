"""Property-based fuzzing with a fixed budget: hostile inputs raise only keikaku's named errors.

Each test draws a bounded number of examples (``derandomize``: the same examples on every run, so
CI is repeatable); a crash it finds becomes a test of its own (see test_stored_roundtrip.py).
Covered: the plan-file loader (random JSON and mutations of the example plan), the actuals upload
parsers (random and mutated CSV and Excel bytes), the search query (any text), and the document
readers (byte flips in PDF, Word and Excel files).
"""

from __future__ import annotations

import io
import json
import random
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from docmaker import make_docx, make_pdf, make_xlsx
from keikaku.domain.errors import KeikakuError, PlanFileError
from keikaku.domain.planfile import parse_plan_json
from keikaku.importer.pipeline import extract_file
from keikaku.services import browse
from keikaku.services.actuals import read_rows
from keikaku.services.plans import EXAMPLE_DIR, load_plan_file

BUDGET = settings(max_examples=60, deadline=None, derandomize=True,
                  suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
EXAMPLE = (EXAMPLE_DIR / "kaede-comprehensive-plan.json").read_text(encoding="utf-8")

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=12), inner, max_size=5),
    max_leaves=30,
)


@BUDGET
@given(JSON)
def test_random_json_is_a_plan_file_error(value: object) -> None:
    with pytest.raises(PlanFileError):
        parse_plan_json(json.dumps(value), source="random.json")


def _replace_somewhere(data: object, path: list[int], new: object) -> object:
    """``data`` with one value, chosen by ``path``, replaced by ``new``."""
    if not path or not isinstance(data, (dict, list)) or not data:
        return new
    keys = list(data.keys()) if isinstance(data, dict) else list(range(len(data)))
    key = keys[path[0] % len(keys)]
    copy = dict(data) if isinstance(data, dict) else list(data)
    copy[key] = _replace_somewhere(data[key], path[1:], new)  # type: ignore[index]
    return copy


@BUDGET
@given(st.lists(st.integers(0, 1000), min_size=1, max_size=6), JSON)
def test_a_mutated_plan_file_loads_or_is_refused_by_name(path: list[int], new: object) -> None:
    mutated = _replace_somewhere(json.loads(EXAMPLE), path, new)
    try:
        parse_plan_json(json.dumps(mutated, ensure_ascii=False), source="mutated.json")
    except PlanFileError:
        pass


@BUDGET
@given(st.binary(max_size=3000), st.sampled_from(["a.csv", "a.xlsx", "a.txt", "a"]))
def test_random_upload_bytes_are_read_or_refused_with_a_message(content: bytes, filename: str) -> None:
    try:
        read_rows(content, filename)
    except ValueError as exc:
        assert str(exc)


def _flip(data: bytes, seed: int, flips: int) -> bytes:
    rng = random.Random(seed)
    out = bytearray(data)
    for _ in range(flips):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


@pytest.fixture(scope="module")
def office_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("fuzz")
    rows = [["指標名", "現状値(2020年度)", "目標値(2030年度)"], ["公園の数", "12か所", "15か所"], ["緑被率", "31.5%", "33.0%"]]
    made = {
        "plan.pdf": make_pdf(["施策1 公園の充実", "指標名 現状値(2020年度) 目標値(2030年度)", "公園の数 12か所 15か所"],
                             folder / "plan.pdf"),
        "plan.docx": make_docx(["施策1 公園の充実", rows], path=folder / "plan.docx"),
        "plan.xlsx": make_xlsx({"指標": rows}, folder / "plan.xlsx"),
    }
    return {name: path.read_bytes() for name, path in made.items()}


@BUDGET
@given(st.sampled_from(["plan.pdf", "plan.docx", "plan.xlsx"]), st.integers(0, 10**9), st.integers(1, 60))
def test_byte_flips_in_documents_raise_only_named_errors(office_files: dict[str, bytes], tmp_path_factory: pytest.TempPathFactory,
                                                         name: str, seed: int, flips: int) -> None:
    path = tmp_path_factory.mktemp("flipped") / name
    path.write_bytes(_flip(office_files[name], seed, flips))
    try:
        extract_file(path, ocr=False)
    except KeikakuError:
        pass


@BUDGET
@given(st.integers(0, 10**9), st.integers(1, 40))
def test_byte_flips_inside_an_excel_upload_are_read_or_refused(office_files: dict[str, bytes], seed: int, flips: int) -> None:
    """Flips inside the workbook's XML (the zip stays valid): the parser's own input is hostile."""
    source = zipfile.ZipFile(io.BytesIO(office_files["plan.xlsx"]))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item.filename, _flip(data, seed, flips) if item.filename.endswith(".xml") and data else data)
    try:
        read_rows(out.getvalue(), "upload.xlsx")
    except ValueError as exc:
        assert str(exc)


@pytest.fixture
def kaede(engine: Engine) -> Engine:
    load_plan_file(engine, EXAMPLE_DIR / "kaede-comprehensive-plan.json")
    return engine


@BUDGET
@given(st.text(max_size=120))
def test_any_search_query_answers(kaede: Engine, query: str) -> None:
    found = browse.search(kaede, query)
    assert len(found.results) <= 50


def test_the_fuzzed_inputs_include_real_shapes() -> None:
    """The mutation tests start from real files: the example plan parses as it is."""
    assert parse_plan_json(EXAMPLE, source="kaede.json").title
    assert Path(EXAMPLE_DIR / "kaede-comprehensive-plan.json").exists()
