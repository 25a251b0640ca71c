"""Compiled patterns kept between runs (keikaku/patterncache.py): the same patterns, compiled once."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from keikaku import patterncache as pc

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seeds" / "002_da149b7202bad3b0.txt"

# Sources no other test compiles, so that re's own cache of compiled patterns does not answer for them.
NAMED = r"(?P<era>令和|平成)(?P<year>[0-9]{1,2}|元)年度?\s*[\u3040-\u30ff]*(?#patterncache-named)"
SPACED = r"(?m)^[^\S\n]*目\s*標\s*値(?#patterncache-spaced)"


@pytest.fixture
def kept(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "patterns.bin"
    re.purge()
    yield path
    pc.uninstall()
    re.purge()


def behaviour(pattern: re.Pattern[str]) -> tuple:
    text = "令和5年度 めざす\n  目 標 値 120\n平成元年かな"
    return (pattern.pattern, pattern.flags, pattern.groups, dict(pattern.groupindex),
            [(m.span(), m.groups()) for m in pattern.finditer(text)])


def test_a_kept_pattern_matches_as_a_compiled_one(kept: Path) -> None:
    plain = [behaviour(re.compile(NAMED)), behaviour(re.compile(SPACED))]
    assert plain[0][4] == [((0, 9), ("令和", "5")), ((22, 28), ("平成", "元"))]
    assert plain[1][4] == [((10, 17), ())]
    re.purge()

    assert pc.install(kept) is True
    made = [behaviour(re.compile(NAMED)), behaviour(re.compile(SPACED))]
    assert made == plain
    assert set(pc._State.made) == {(NAMED, 0), (SPACED, 0)}
    pc.save()
    assert pc._State.made == {}
    assert sorted(key for key, _ in pc.read_records(kept.read_bytes()).items()) == [(NAMED, 0), (SPACED, 0)]

    pc.uninstall()  # a new run: the programs come from the file
    re.purge()
    assert pc.install(kept) is True
    assert set(pc._State.kept) == {(NAMED, 0), (SPACED, 0)}
    again = [behaviour(re.compile(NAMED)), behaviour(re.compile(SPACED))]
    assert again == plain
    assert pc._State.made == {}  # nothing made again
    assert pc._State.used == {(NAMED, 0), (SPACED, 0)}
    size = kept.stat().st_size
    pc.save()
    assert kept.stat().st_size == size  # nothing new: nothing written


def test_flags_are_part_of_the_key(kept: Path) -> None:
    pc.install(kept)
    folded = re.compile(r"abc(?#patterncache-flags)", re.IGNORECASE)
    plain = re.compile(r"abc(?#patterncache-flags)")
    assert folded.search("xABCx").span() == (1, 4)
    assert plain.search("xABCx") is None
    assert set(pc._State.made) == {(r"abc(?#patterncache-flags)", int(re.IGNORECASE)), (r"abc(?#patterncache-flags)", 0)}


def test_a_bad_pattern_is_refused_as_re_refuses_it(kept: Path) -> None:
    pc.install(kept)
    bad = r"(?:目標(?#patterncache-bad)"
    with pytest.raises(re.error) as refused:
        re.compile(bad)
    assert str(refused.value) == "missing ), unterminated subpattern at position 0"
    assert (bad, 0) not in pc._State.made and (bad, 0) not in pc._State.kept


def test_a_damaged_file_is_read_up_to_the_damage(kept: Path) -> None:
    pc.install(kept)
    re.compile(NAMED)
    pc.save()
    good = kept.read_bytes()
    kept.write_bytes(good + b"\x10\x00\x00\x00not marshal data")  # a record whose body is not a record
    assert list(pc.read_records(kept.read_bytes())) == [(NAMED, 0)]
    kept.write_bytes(good[:-5])  # cut short
    assert pc.read_records(kept.read_bytes()) == {}
    kept.write_bytes(b"\x00garbage")
    assert pc.read_records(kept.read_bytes()) == {}


def test_a_program_the_engine_refuses_is_made_again(kept: Path) -> None:
    flags, code, groups, groupindex, indexgroup = pc._program(SPACED, 0)
    kept.write_bytes(pc.record({(SPACED, 0): (flags, b"\xff\xff\xff\x7f" * 4, groups, groupindex, indexgroup)}))
    pc.install(kept)
    compiled = re.compile(SPACED)
    assert [m.span() for m in compiled.finditer("x\n 目 標 値")] == [(2, 8)]
    assert pc._State.made[(SPACED, 0)][1] == code


def test_a_file_grown_too_large_is_written_again_with_what_the_run_used(kept: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stale = {(f"old{k}(?#patterncache-stale)", 0): pc._program(f"old{k}", 0) for k in range(40)}
    kept.write_bytes(pc.record(stale))
    monkeypatch.setattr(pc, "MAX_BYTES", kept.stat().st_size + 10)
    pc.install(kept)
    re.compile(NAMED)
    pc.save()
    assert list(pc.read_records(kept.read_bytes())) == [(NAMED, 0)]


def test_the_cache_can_be_turned_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KEIKAKU_PATTERN_CACHE", "off")
    assert pc.default_path() is None
    assert pc.install() is False
    assert pc._State.original is None
    monkeypatch.setenv("KEIKAKU_PATTERN_CACHE", str(tmp_path / "p.bin"))
    assert pc.default_path() == tmp_path / "p.bin"
    monkeypatch.delenv("KEIKAKU_PATTERN_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = pc.default_path()
    assert path is not None and path.parent == tmp_path / "keikaku" and path.name.startswith("patterns-")


def test_a_file_that_cannot_be_written_is_left_alone(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("x")
    try:
        assert pc.install(blocked / "patterns.bin") is True  # its folder is a file: nothing can be written
        re.compile(r"x(?#patterncache-blocked)")
        pc.save()
        assert blocked.read_text() == "x"
    finally:
        pc.uninstall()
        re.purge()


def extract(path: Path, setting: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KEIKAKU_PATTERN_CACHE": setting, "PYDANTIC_DISABLE_PLUGINS": "__all__"}
    return subprocess.run([sys.executable, "-c", "from keikaku.cli.entry import run; run()", "extract", str(path)],
                          capture_output=True, text=True, env=env, check=True, cwd=ROOT)


def test_extract_prints_the_same_plan_with_kept_patterns(tmp_path: Path) -> None:
    file = tmp_path / "patterns.bin"
    plain = extract(SEED, "off")
    first = extract(SEED, str(file))
    size = file.stat().st_size
    assert size > 0
    second = extract(SEED, str(file))
    assert plain.stdout == first.stdout == second.stdout
    assert plain.stderr == first.stderr == second.stderr
    assert file.stat().st_size == size  # the second run compiled nothing new
    assert len(pc.read_records(file.read_bytes())) > 100
