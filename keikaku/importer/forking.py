"""Work on several cores by forked copies of this process, this process working too.

``forked_map(work, items, workers)`` is ``[work(item) for item in items]`` computed by this
process and ``workers - 1`` forked children. The items wait in a queue (a pipe of their indices,
the heaviest first, as ``weight`` says); each process takes the next index when it is free, so a
long item does not hold up the others, and a child sends what it computed back through a pipe of
its own when the queue is empty, then ends at once (``os._exit``). More items than ``ROUND`` are
queued and shared round by round.

A fork costs a few milliseconds; a ``ProcessPoolExecutor`` costs tens more (its import, its
threads and queues, and a parent that only waits), which is much of the time a few documents
take. Only where ``os.fork`` exists (Linux); an error raised by ``work`` in a child is raised here
once every process is done, as ``pool.map`` would raise it.
"""

from __future__ import annotations

import os
import pickle
import signal
import struct
from collections.abc import Callable, Sequence
from typing import Any, NoReturn, TypeVar

from keikaku import patterncache

T = TypeVar("T")
R = TypeVar("R")

_INDEX = struct.Struct("=I")  # one queued index; a pipe read of its size is never split between readers
ROUND = 1_024  # items queued at once at most: their indices fit in the smallest pipe buffer (one page) unread


def forked_map(work: Callable[[T], R], items: Sequence[T], workers: int,
               weight: Callable[[T], float] | None = None) -> list[R]:
    """``[work(item) for item in items]`` on ``workers`` processes (this one and forked children), in order."""
    out: list[Any] = []
    for start in range(0, len(items), ROUND):
        out += _round(work, items[start:start + ROUND], workers, weight)
    return out


def _round(work: Callable[[T], R], items: Sequence[T], workers: int, weight: Callable[[T], float] | None) -> list[R]:
    order = sorted(range(len(items)), key=lambda k: -weight(items[k])) if weight else range(len(items))
    queue_in, queue_out = os.pipe()
    os.write(queue_out, b"".join(_INDEX.pack(k) for k in order))
    os.close(queue_out)  # every index is queued: a read past the last one finds the end of the pipe
    children: list[tuple[int, int]] = []  # (pid, the read end of its results)
    results: dict[int, Any] = {}
    failure: BaseException | None = None
    try:
        for _ in range(workers - 1):
            read_end, write_end = os.pipe()
            pid = os.fork()
            if pid == 0:  # the child: take items until the queue is empty, send the results, end
                os.close(read_end)
                _child(work, items, queue_in, write_end)
            os.close(write_end)
            children.append((pid, read_end))
        try:
            results.update(_take(work, items, queue_in))
        except Exception as exc:  # noqa: BLE001 - raised below, once the children are done (an interrupt at once)
            failure = exc
        while children:
            pid, read_end = children[0]
            got = _read_all(read_end)
            os.close(read_end)
            os.waitpid(pid, 0)
            children.pop(0)
            if not got:  # a child killed before it wrote its results
                kind, value = "raise", RuntimeError("a process reading documents ended without sending its results")
            else:
                try:
                    kind, value = pickle.loads(got)
                except Exception as exc:  # noqa: BLE001 - cut short, or an object that cannot be rebuilt here
                    kind, value = "raise", RuntimeError(f"the results of a process reading documents cannot be read back ({exc})")
            if kind == "raise":
                failure = failure or value
            else:
                results.update(value)
    finally:
        os.close(queue_in)
        for pid, read_end in children:  # only when this process was interrupted: stop the others
            try:
                os.kill(pid, signal.SIGTERM)
                os.waitpid(pid, 0)
            except OSError:
                pass
            os.close(read_end)
    if failure is not None:
        raise failure
    return [results[k] for k in range(len(items))]


def _read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 1 << 20):
        chunks.append(chunk)
    return b"".join(chunks)


def _take(work: Callable[[T], R], items: Sequence[T], queue: int) -> dict[int, R]:
    done: dict[int, R] = {}
    while len(got := os.read(queue, _INDEX.size)) == _INDEX.size:
        k = _INDEX.unpack(got)[0]
        done[k] = work(items[k])
    return done


def _child(work: Callable[[T], R], items: Sequence[T], queue: int, write_end: int) -> NoReturn:
    code = 0
    try:
        try:
            message: tuple[str, Any] = ("done", _take(work, items, queue))
        except BaseException as exc:  # noqa: BLE001 - sent to the parent, which raises it
            message = ("raise", exc)
        try:
            data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # noqa: BLE001 - an error that cannot be pickled: its words instead
            data = pickle.dumps(("raise", RuntimeError(f"{type(exc).__name__}: {exc}")))
        view = memoryview(data)
        while view:
            view = view[os.write(write_end, view):]
        os.close(write_end)  # the parent has every result: it need not wait for what follows
        patterncache.save()  # the patterns this process compiled, for the next run (os._exit skips atexit)
    except BaseException:  # noqa: BLE001 - nothing may escape a forked child
        code = 1
    finally:
        os._exit(code)
