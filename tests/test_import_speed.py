"""What makes ``keikaku extract`` faster changes nothing it reads.

Patterns compiled on their first use behave as compiled ones; the memo of ``fold_key`` gives what
the function gives; lines are split into cells and name lines found as the plain code did, on
every line of the corpus and the seeds; several documents read on forked copies of the process
come back in order, and an error or a lost copy is raised, never dropped.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from keikaku.importer import figures, namedyears
from keikaku.importer.flattened import unflatten
from keikaku.importer.forking import ROUND, forked_map
from keikaku.importer.lazypattern import LazyPattern, lazy
from keikaku.importer.lexicon import fold_key, header_words
from keikaku.importer.normalize import normalise
from keikaku.importer.readers import read_document

CASES = Path(__file__).resolve().parent / "corpus" / "cases"


# --- patterns compiled on first use -------------------------------------------------------------

def test_a_lazy_pattern_is_compiled_on_its_first_use_and_answers_as_the_compiled_one() -> None:
    source = r"(?P<fig>[0-9]+(?:\.[0-9]+)?)\s*(?P<unit>[\u3040-\u30ff\u4e00-\u9fff%]{1,3})"
    pattern = lazy(source)
    compiled = re.compile(source)
    assert isinstance(pattern, LazyPattern) and "search" not in vars(pattern)  # nothing compiled yet
    assert repr(pattern) == f"lazy({source!r})"
    text = "基準値 12.5% → 目標値 15 人（令和7年度）"
    assert pattern.search(text).group("fig", "unit") == ("12.5", "%")
    assert "search" in vars(pattern) and "finditer" in vars(pattern)  # compiled once, methods kept
    assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in compiled.finditer(text)] == [(4, 9), (16, 20), (23, 26)]
    assert pattern.sub(r"<\g<fig>>", text) == compiled.sub(r"<\g<fig>>", text) == "基準値 <12.5> → 目標値 <15>（令和<7>）"
    assert pattern.match(text) is None and pattern.fullmatch("15人").group(0) == "15人"
    assert (pattern.pattern, pattern.groups, pattern.groupindex) == (source, 2, compiled.groupindex)
    assert pattern.split("1人と2件") == compiled.split("1人と2件") == ["", "1", "人と", "", "2", "件", ""]


def test_a_lazy_pattern_with_flags_and_a_bad_pattern_fails_on_first_use() -> None:
    assert lazy(r"kpi", re.IGNORECASE).findall("KPI kpi Kpi") == ["KPI", "kpi", "Kpi"]
    broken = lazy(r"[0-9")  # the mistake shows where the pattern is used, as re.error
    with pytest.raises(re.error):
        broken.search("1")
    with pytest.raises(AttributeError):
        broken._missing  # noqa: B018 - its own names are never taken for the pattern's


# --- the memo of fold_key -------------------------------------------------------------------

def test_fold_key_gives_what_folding_and_dropping_spaces_give_and_keeps_long_text_out_of_its_memo() -> None:
    fold_key.cache_clear()
    assert fold_key("ＫＰＩ　目標 値") == "KPI目標値"
    assert fold_key("ＫＰＩ　目標 値") == "KPI目標値"
    assert fold_key.cache_info().hits == 1
    long_line = "指標 " * 200  # 600 characters: worked out each time, never kept
    assert fold_key(long_line) == "指標" * 200
    assert fold_key.cache_info().currsize == 1
    with pytest.raises(TypeError):
        fold_key(None)  # type: ignore[arg-type]


# --- per-line work skipped where it cannot match ---------------------------------------------

def _parts_in_full(key: str) -> list[str]:
    """``figures._parts`` as it was written before each substitution was made conditional."""
    parts: list[str] = []
    key = figures._boxed_label().sub(r" \1:", key)
    key = figures._name_colon_label().sub(" ", figures._GLUED_ARROW.sub(r" \g<0> ", key))
    for part in figures._SPACED_ERA.sub(r"\1\2\3", key).split():
        if parts and (figures._CLOSER.match(part) or figures._ENDS_DIGIT.search(parts[-1]) and figures._unit_part(part)):
            parts[-1] += part
        else:
            parts.append(part)
    return parts


def _name_line_in_full(key: str) -> tuple[str, str | None] | None:
    """``namedyears._name_line`` as it was written before its word list was kept and checked at once."""
    lex = header_words()
    first = key.split(" ")[0]
    word = next((w for w in sorted(lex.words("name"), key=len, reverse=True) if fold_key(first).startswith(w)), None)
    if word is None or len(key) > 80 or "。" in key:
        return None
    rest = key[len(word):] if key.startswith(word) else key[len(first):]
    unit = None
    m = namedyears._UNIT_TAIL.search(rest)
    if m:
        unit, rest = m.group(1), rest[:m.start()]
    name = namedyears._MARK.sub("", rest, count=1).strip()
    if len(name) < 3 or lex.role_of(name) is not None or any(
            namedyears.parse_quantity(w).kind == "number" for w in name.split()):
        return None
    return name, unit


@pytest.fixture(scope="module")
def keys(seeds: Path) -> list[str]:
    paths = sorted(CASES.glob("*.txt")) + sorted(seeds.glob("0*.txt"))
    return [line.key for p in paths for line in unflatten(normalise(read_document(p)))]


def test_every_line_of_the_corpus_and_the_seeds_splits_into_the_same_cells(keys: list[str]) -> None:
    assert len(keys) > 5_000
    made = ["名:現状 85件(R4)→ 目標 100件(R8)", "【基準値】120区画 →【目標値】150区画", "(平成 26 年度) 4,300 人/日 )",
            "手続数:現状 85件", "指標⇒目標", "[目標値]15件 ［基準値］10件"]
    for key in [*made, *keys]:
        assert figures._parts(key) == _parts_in_full(key), key


def test_every_line_of_the_corpus_and_the_seeds_is_or_is_not_a_name_line_as_before(keys: list[str]) -> None:
    made = ["指標名：講座の参加者数 単位：人", "成果指標① 講座の参加者数（人）", "KPI 転入者数", "指標名 12", "指標"]
    found = 0
    for key in [*made, *keys]:
        got = namedyears._name_line(key)
        assert got == _name_line_in_full(key), key
        found += got is not None
    assert found >= 3
    assert namedyears._name_line("指標名：講座の参加者数 単位：人") == ("講座の参加者数", "人")


# --- documents on every core --------------------------------------------------------------

def _square_or_fail(n: int) -> int:
    if n == 13:
        raise ValueError("thirteen")
    return n * n


def test_forked_work_comes_back_in_order_whatever_the_order_it_is_taken_in() -> None:
    items = [n for n in range(40) if n != 13]
    assert forked_map(_square_or_fail, items, 3, weight=lambda n: n % 7) == [n * n for n in items]
    assert forked_map(_square_or_fail, items[:2], 2) == [0, 1]
    assert forked_map(_square_or_fail, [], 2) == []


def test_more_items_than_one_round_holds_come_back_whole() -> None:
    items = [n for n in range(ROUND + 7) if n != 13]
    assert forked_map(_square_or_fail, items, 2) == [n * n for n in items]


def test_an_error_in_the_work_is_raised_whichever_process_met_it() -> None:
    with pytest.raises(ValueError, match="thirteen"):
        forked_map(_square_or_fail, list(range(20)), 2)


def test_a_copy_that_ends_without_its_results_is_an_error_not_a_short_answer(tmp_path: Path) -> None:
    parent = os.getpid()
    marker = tmp_path / "a copy took an item"

    def work(n: int) -> int:
        if os.getpid() != parent:
            marker.touch()
            os._exit(1)  # a copy killed in the middle of its work
        deadline = time.monotonic() + 30
        while not marker.exists() and time.monotonic() < deadline:  # until the copy has taken an item
            time.sleep(0.01)
        return n

    with pytest.raises(RuntimeError, match="ended without sending its results"):
        forked_map(work, [1, 2, 3], 2)


def test_documents_read_on_every_core_are_the_documents_read_one_by_one(tmp_path: Path) -> None:
    from keikaku.domain.errors import KeikakuError
    from keikaku.importer.pipeline import extract_file, extract_files

    paths = sorted(CASES.glob("*.txt"))[:5]
    missing = tmp_path / "missing.txt"
    got = extract_files([paths[0], missing, *paths[1:]], stages=False)
    assert isinstance(got[1], KeikakuError)
    read = [g for k, g in enumerate(got) if k != 1]
    assert [e.plan.to_json() for e in read] == [extract_file(p).plan.to_json() for p in paths]
    assert [e.raw.name for e in read] == [p.name for p in paths]
