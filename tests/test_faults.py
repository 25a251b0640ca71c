"""Fault injection: a process killed mid-write, a full disk, a server killed under load; the data stays whole.

After each fault: the database passes its integrity checks, no plan is half-written (a plan is
there with all its nodes, or not at all), and the next run works without any repair.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine, func, select, text

from browser import keikaku_command, serve
from cycle_helpers import PASSWORD, WAITING, fast_hashing, indicator_id, make_world, node_id
from keikaku.services.importing import import_file
from keikaku.services.plans import EXAMPLE_DIR, load_plan_file
from keikaku.storage import models as m
from keikaku.storage.database import DiskFullError, make_engine, transaction
from keikaku.storage.migrate import upgrade

NODES_OF_002 = 18


def integrity(engine: Engine) -> None:
    """The database's own checks, and every plan whole."""
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
    with transaction(engine) as session:
        for plan in session.scalars(select(m.Plan)):
            nodes = session.scalar(select(func.count()).select_from(m.Node).where(m.Node.plan_id == plan.id))
            assert nodes and plan.content_sha256, f"plan {plan.key} is half-written"


@pytest.mark.parametrize("delay", [0.4, 0.8, 1.2, 1.6, 2.0])
def test_an_import_killed_at_any_moment_leaves_all_or_nothing(cli_env: str, seeds: Path, delay: float) -> None:
    document = next(seeds.glob("002_*.txt"))
    process = subprocess.Popen([*keikaku_command(), "import", str(document), "-m", "小金井市"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=os.environ.copy())
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    engine = make_engine(cli_env)
    upgrade(engine)  # a kill before the schema was made leaves it to the next run
    integrity(engine)
    with transaction(engine) as session:
        plans = session.scalars(select(m.Plan)).all()
        assert len(plans) in (0, 1)
        if plans:
            assert session.scalar(select(func.count()).select_from(m.Node).where(m.Node.plan_id == plans[0].id)) == NODES_OF_002
    done = subprocess.run([*keikaku_command(), "import", str(document), "-m", "小金井市"], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    integrity(engine)
    engine.dispose()


@pytest.fixture
def small_disk(tmp_path: Path) -> Path:
    """A 3 MB tmpfs of its own (the tests run as root in CI, as .ci/run does)."""
    if os.geteuid() != 0:
        pytest.fail("mounting a small tmpfs needs root: run the suite as .ci/run does")
    mount = tmp_path / "small"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)], check=True)
    yield mount
    subprocess.run(["umount", "--lazy", str(mount)], check=False)


def fill(disk: Path, leave: int) -> Path:
    """Fill ``disk`` up to ``leave`` bytes of free space."""
    filler = disk / "filler"
    free = shutil.disk_usage(disk).free
    with filler.open("wb") as out:
        out.write(b"\0" * max(0, free - leave))
    return filler


def test_a_full_disk_refuses_the_write_whole_and_recovers(small_disk: Path, seeds: Path) -> None:
    engine = make_engine(f"sqlite:///{small_disk / 'keikaku.sqlite3'}")
    upgrade(engine)
    load_plan_file(engine, EXAMPLE_DIR / "kaede-comprehensive-plan.json")
    filler = fill(small_disk, leave=64 * 1024)
    with pytest.raises(DiskFullError, match="the database's disk is full: nothing of this change was saved"):
        for path in sorted(seeds.glob("0*.txt")):
            import_file(engine, path)  # each seed names its city
    engine.dispose()
    filler.unlink()
    engine = make_engine(f"sqlite:///{small_disk / 'keikaku.sqlite3'}")
    integrity(engine)
    assert import_file(engine, next(seeds.glob("002_*.txt")), municipality="小金井市").load.nodes == NODES_OF_002
    integrity(engine)
    engine.dispose()


def test_a_server_killed_while_saving_recovers_without_repair(cli_env: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fast_hashing(monkeypatch)
    engine = make_engine(cli_env)
    upgrade(engine)
    world = make_world(engine)
    ind, m1 = indicator_id(engine, WAITING), node_id(engine, "m1")
    stop = threading.Event()
    answered: list[int] = []

    def editor(base: str) -> None:
        with httpx.Client(base_url=base, follow_redirects=False, timeout=10) as c:
            token = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/login").text).group(1)
            c.post("/login", data={"name": "hoiku", "password": PASSWORD, "csrf_token": token})
            csrf = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/staff").text).group(1)
            for value in range(200):  # bounded: stops by itself
                if stop.is_set():
                    return
                try:
                    r = c.post(f"/staff/cycles/{world.cycle.id}/nodes/{m1}/actuals",  # type: ignore[union-attr]
                               data={f"value-{ind}": str(value), "csrf_token": csrf})
                    answered.append(r.status_code)
                except httpx.HTTPError:
                    return  # the server is gone

    with serve(cli_env) as server:
        thread = threading.Thread(target=editor, args=(server.url,))
        thread.start()
        deadline = time.monotonic() + 60  # bounded: a loaded machine answers the first saves late
        while len(answered) < 3 and thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.05)
        server.process.send_signal(signal.SIGKILL)
        server.process.wait(timeout=30)
        stop.set()
        thread.join(timeout=30)
    assert answered and set(answered) <= {303}
    integrity(engine)
    with serve(cli_env) as server, httpx.Client(base_url=server.url, timeout=10) as c:  # no repair step in between
        assert c.get(f"/plans/{world.plan_id}").status_code == 200
    with transaction(engine) as session:
        drafts = session.scalars(select(m.Observation).where(m.Observation.indicator_id == ind,
                                                             m.Observation.status == "draft")).all()
        audits = session.scalar(select(func.count()).select_from(m.AuditEntry).where(m.AuditEntry.object_type == "observation"))
    assert len(drafts) == 1 and audits >= 1  # one draft for the year, whatever the last saved value was
    engine.dispose()


def test_the_site_recovers_when_postgresql_drops_every_connection(cli_env: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A database restart seen from the site: every connection it holds is cut; the next requests reconnect."""
    if not cli_env.startswith("postgresql"):
        pytest.skip("a database server restart exists on PostgreSQL only (the CI's second run)")
    fast_hashing(monkeypatch)
    engine = make_engine(cli_env)
    upgrade(engine)
    world = make_world(engine)
    with serve(cli_env) as server, httpx.Client(base_url=server.url, timeout=10) as c:
        assert c.get(f"/api/v1/plans/{world.plan_id}").status_code == 200
        with engine.connect() as conn:
            cut = conn.execute(text("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                                    "WHERE datname = current_database() AND pid <> pg_backend_pid()")).scalar()
        assert cut >= 1  # the site's pooled connections
        answers = [c.get(f"/api/v1/plans/{world.plan_id}").status_code for _ in range(5)]
        assert answers == [200] * 5
    integrity(engine)
    engine.dispose()
