"""Compiled regular expressions kept between runs of ``keikaku extract``.

The importer compiles some six hundred patterns in each process (at import, and on the first
document that reaches a reading), and Python compiles a pattern in Python itself: ``re`` parses
the source and optimises each character class by walking the code points of its ranges, then
hands the program it made to the engine (``_sre.compile``). That is most of what a start costs
after the imports. The program depends on nothing but the pattern's source, its flags and the
engine's version, so it can be kept: ``install`` gives ``re`` a compile step that hands the engine
a kept program when there is one and makes (and keeps) it otherwise. The engine checks every
program it is given; one it refuses is made again. Matching is the engine's own either way, so
what a pattern finds does not change.

The programs are kept in one file per engine version (``KEIKAKU_PATTERN_CACHE``: its path, or
``off``; by default ``$XDG_CACHE_HOME/keikaku``). A run adds what it made at its end (``save``,
called at exit and by a forked worker before it ends) as one record appended to the file, so
processes saving at once do not overwrite each other; a file grown past ``MAX_BYTES`` is written
again with only what the run used. A record cut short or unreadable ends the reading of the file.
"""

from __future__ import annotations

import atexit
import gc
import marshal
import os
import re
import struct
import sys
from array import array
from pathlib import Path
from re import _compiler, _parser  # type: ignore[attr-defined]
from typing import Any

import _sre  # type: ignore[import-not-found]

MAX_BYTES = 8 * 1024 * 1024  # a file larger than this is written again with the programs one run used
_LENGTH = struct.Struct("=I")  # a record: its length, then the marshalled list of (key, program)
_WORD = "I" if array("I").itemsize == _sre.CODESIZE else "L" if array("L").itemsize == _sre.CODESIZE else ""
_UNHANDLED = int(re.DEBUG) | int(getattr(re, "TEMPLATE", 0))  # flags whose patterns re compiles itself

# (source, flags) -> (flags with the pattern's own, program as bytes, groups - 1, group index, index group)
Key = tuple[str, int]
Program = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]


class _State:
    path: Path | None = None
    kept: dict[Key, Program] = {}
    made: dict[Key, Program] = {}  # made in this process, not saved yet
    used: set[Key] = set()
    size = 0  # bytes of the file when it was read
    original: Any = None  # re's own compile step, while ours is installed
    fork_hook = False


def default_path() -> Path | None:
    """The file for this engine version (None: kept nowhere)."""
    given = os.environ.get("KEIKAKU_PATTERN_CACHE")
    if given is not None:
        return None if given.strip().lower() in ("", "off", "0", "no") else Path(given)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "keikaku" / f"patterns-{sys.implementation.cache_tag}-{_sre.MAGIC}.bin"


def read_records(data: bytes) -> dict[Key, Program]:
    """The programs in a file's bytes, later records over earlier ones; reading stops at a damaged record."""
    kept: dict[Key, Program] = {}
    at = 0
    while at + _LENGTH.size <= len(data):
        (length,) = _LENGTH.unpack_from(data, at)
        body = data[at + _LENGTH.size:at + _LENGTH.size + length]
        if len(body) != length:
            break
        try:
            entries = marshal.loads(body)
            kept.update((tuple(key), tuple(program)) for key, program in entries)  # type: ignore[misc]
        except Exception:  # noqa: BLE001 - not a record this module wrote
            break
        at += _LENGTH.size + length
    return kept


def record(entries: dict[Key, Program]) -> bytes:
    """One record of ``entries``, as it is appended to the file."""
    body = marshal.dumps([(key, program) for key, program in entries.items()])
    return _LENGTH.pack(len(body)) + body


def _program(source: str, flags: int) -> Program:
    """What ``re`` hands the engine for ``source``, made the way ``re._compiler.compile`` makes it."""
    parsed = _parser.parse(source, flags)
    code = _compiler._code(parsed, flags)
    groupindex = {name: int(index) for name, index in parsed.state.groupdict.items()}
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return int(flags | parsed.state.flags), array(_WORD, code).tobytes(), parsed.state.groups - 1, groupindex, tuple(indexgroup)


def _engine(source: str, program: Program) -> Any:
    flags, code, groups, groupindex, indexgroup = program
    words = array(_WORD)
    words.frombytes(code)
    return _sre.compile(source, flags, words.tolist(), groups, dict(groupindex), indexgroup)


def _compile(p: Any, flags: int = 0) -> Any:
    """``re._compiler.compile``, with programs kept between runs for text patterns."""
    if not isinstance(p, str) or flags & _UNHANDLED:
        return _State.original(p, flags)
    key = (p, int(flags))
    program = _State.kept.get(key)
    if program is not None:
        try:
            compiled = _engine(p, program)
        except Exception:  # noqa: BLE001 - a damaged program: made again below
            del _State.kept[key]
        else:
            _State.used.add(key)
            return compiled
    program = _program(p, flags)  # re.error for a bad pattern, as re raises it
    _State.kept[key] = _State.made[key] = program
    _State.used.add(key)
    return _engine(p, program)


def install(path: Path | None = None) -> bool:
    """Keep compiled patterns in ``path`` (default ``default_path()``) from now on; whether they are kept."""
    if _State.original is not None:
        return True
    path = path or default_path()
    if path is None or not _WORD:
        return False
    try:
        data = path.read_bytes()
    except OSError:
        data = b""
    collecting = gc.isenabled()
    gc.disable()  # the records are many small objects that need no collection while they are read
    try:
        kept = read_records(data)
    finally:
        if collecting:
            gc.enable()
    _State.path, _State.kept, _State.made, _State.used, _State.size = path, kept, {}, set(), len(data)
    _State.original = _compiler.compile
    _compiler.compile = _compile
    atexit.register(save)
    if not _State.fork_hook:
        os.register_at_fork(after_in_child=_forked)
        _State.fork_hook = True
    return True


def _forked() -> None:
    _State.made = {}  # what was made before the fork is the parent's to save


def uninstall() -> None:
    """Give ``re`` its own compile step back (what is made and not saved is dropped)."""
    if _State.original is not None:
        _compiler.compile = _State.original
        _State.original = None
        atexit.unregister(save)
    _State.path, _State.kept, _State.made, _State.used, _State.size = None, {}, {}, set(), 0


def save() -> None:
    """Add the programs made since the last save to the file (nothing when none were made or it cannot be written)."""
    path, made = _State.path, _State.made
    if path is None or not made:
        return
    _State.made = {}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        chunk = record(made)
        if _State.size + len(chunk) > MAX_BYTES:  # grown too large: written again with what this run used
            temporary = path.with_name(f"{path.name}.{os.getpid()}")
            temporary.write_bytes(record({key: _State.kept[key] for key in _State.used if key in _State.kept}))
            os.replace(temporary, path)
            _State.size = path.stat().st_size
            return
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, chunk)  # one write: records appended by processes at once do not interleave
        finally:
            os.close(fd)
        _State.size += len(chunk)
    except OSError:
        pass
