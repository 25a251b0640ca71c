"""Two editors writing the same sheet at the same moment: one wins, the other gets a conflict and keeps its text.

The race is forced, not hoped for: each writer waits at a barrier just before its first flush, so
both have read the sheet and passed the version check before either writes. On PostgreSQL the
second writer already waits on the row lock (``FOR UPDATE``) before reaching the barrier; the
barrier then times out and the first goes on, which is the same race seen from the database.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import Engine, event, func, select
from sqlalchemy.orm import Session

from keikaku.services import cycle
from keikaku.services.cycle import SheetConflict
from keikaku.storage import models as m
from keikaku.storage.database import transaction
from cycle_helpers import World, fast_hashing, make_world, node_id

BARRIER_SECONDS = 3


@pytest.fixture(autouse=True)
def _fast(monkeypatch: pytest.MonkeyPatch) -> None:
    fast_hashing(monkeypatch)


@pytest.fixture
def world(engine: Engine) -> World:
    return make_world(engine)


@contextmanager
def meeting_before_flush(parties: int) -> Iterator[None]:
    """Make every thread's first flush wait until ``parties`` threads are about to flush."""
    barrier = threading.Barrier(parties, timeout=BARRIER_SECONDS)
    local = threading.local()

    def wait(session: Session, *_: Any) -> None:
        if getattr(local, "met", False):
            return
        local.met = True
        try:
            barrier.wait()
        except threading.BrokenBarrierError:
            pass  # the other writer is held by a row lock: go on alone

    event.listen(Session, "before_flush", wait)
    try:
        yield
    finally:
        event.remove(Session, "before_flush", wait)


def race(*writers: Callable[[], Any]) -> list[Any]:
    """Run the writers at once; each result is the return value or the exception raised."""
    results: list[Any] = [None] * len(writers)

    def run(i: int) -> None:
        try:
            results[i] = writers[i]()
        except Exception as exc:  # noqa: BLE001 - the test inspects it
            results[i] = exc

    with meeting_before_flush(len(writers)):
        threads = [threading.Thread(target=run, args=(i,)) for i in range(len(writers))]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
    return results


def saver(world: World, user: str, version: int, reasons: str) -> Callable[[], cycle.SheetView]:
    def save() -> cycle.SheetView:
        return cycle.save_sheet(world.engine, user=getattr(world, user), cycle_id=world.cycle.id,  # type: ignore[union-attr]
                                node_id=node_id(world.engine, "m1"), version=version, self_grade="B", reasons=reasons,
                                issues=None, next_direction="継続")
    return save


def stored_sheet(world: World) -> tuple[int, int, str | None]:
    with transaction(world.engine) as session:
        count = session.scalar(select(func.count()).select_from(m.EvaluationSheet))
        row = session.scalar(select(m.EvaluationSheet))
        return count, row.version, row.reasons  # type: ignore[union-attr]


def one_won(results: list[Any], texts: list[str]) -> tuple[int, str]:
    """The index of the winner and its text; the loser's conflict keeps what it tried to save."""
    won = [i for i, r in enumerate(results) if isinstance(r, cycle.SheetView)]
    lost = [i for i, r in enumerate(results) if isinstance(r, SheetConflict)]
    assert (len(won), len(lost)) == (1, 1), results
    loser = results[lost[0]]
    assert loser.attempted["reasons"] == texts[lost[0]]
    assert loser.current.reasons == texts[won[0]]
    assert "nothing was saved: compare and save again" in str(loser)
    return won[0], texts[won[0]]


@pytest.mark.parametrize("trial", range(3))
def test_two_first_saves_at_once(world: World, trial: int) -> None:
    texts = [f"保育課の記入 {trial}", f"企画政策課の記入 {trial}"]
    results = race(saver(world, "hoiku", 0, texts[0]), saver(world, "admin", 0, texts[1]))
    _, text = one_won(results, texts)
    assert stored_sheet(world) == (1, 1, text)


@pytest.mark.parametrize("trial", range(3))
def test_two_saves_of_the_same_version_at_once(world: World, trial: int) -> None:
    saver(world, "hoiku", 0, "最初の記入")()
    texts = [f"保育課の修正 {trial}", f"企画政策課の修正 {trial}"]
    results = race(saver(world, "hoiku", 1, texts[0]), saver(world, "admin", 1, texts[1]))
    _, text = one_won(results, texts)
    assert stored_sheet(world) == (1, 2, text)
    with transaction(world.engine) as session:
        updates = session.scalar(select(func.count()).select_from(m.AuditEntry).where(
            m.AuditEntry.object_type == "sheet", m.AuditEntry.action == "update"))
    assert updates == 1  # the loser's audit entry went with its rolled-back write


def test_a_submit_racing_a_save_leaves_one_of_them(world: World) -> None:
    saver(world, "hoiku", 0, "提出する記入")()
    m1 = node_id(world.engine, "m1")
    results = race(
        lambda: cycle.submit_sheet(world.engine, user=world.hoiku, cycle_id=world.cycle.id, node_id=m1, version=1),  # type: ignore[union-attr]
        saver(world, "admin", 1, "提出と同時の修正"),
    )
    # the late save is refused: as a conflict (it read the sheet before the submit), or, where a row
    # lock made it wait (PostgreSQL), because the sheet it then reads is submitted
    kinds = sorted(type(r).__name__ for r in results)
    assert kinds in (["SheetConflict", "SheetView"], ["SheetStateError", "SheetView"]), results
    count, version, reasons = stored_sheet(world)
    assert (count, version) == (1, 2)
    submitted = isinstance(results[0], cycle.SheetView)
    assert reasons == ("提出する記入" if submitted else "提出と同時の修正")


def test_the_same_document_imported_twice_at_once_is_stored_once(engine: Engine, seeds) -> None:  # noqa: ANN001
    from keikaku.services.importing import import_file
    from keikaku.services.plans import LoadOutcome

    document = next(seeds.glob("002_*.txt"))
    results = race(lambda: import_file(engine, document, municipality="小金井市"),
                   lambda: import_file(engine, document, municipality="小金井市"))
    assert not [r for r in results if isinstance(r, Exception)], results
    assert sorted(r.load.outcome for r in results) == sorted([LoadOutcome.CREATED, LoadOutcome.UNCHANGED])
    assert results[0].load.plan_id == results[1].load.plan_id
    with transaction(engine) as session:
        assert session.scalar(select(func.count()).select_from(m.Plan)) == 1
