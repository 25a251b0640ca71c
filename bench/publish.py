"""bench/publish: how long `keikaku publish --static` takes, and the static site against the live one.

Run from the repository root after ./test (it needs .venv and Debian's wrk):
    .venv/bin/python bench/publish.py                  # 20 fictional cities
    .venv/bin/python bench/publish.py --cities 1741    # national scale

What it does, all on 127.0.0.1:
  1. builds the fictional national database of bench/web.py (one basic plan per city: 6 policies ×
     5 measures × 2 indicators × 4 years of actuals, stored by keikaku.services.plans.load_plan);
  2. publishes the whole public site into a temporary folder (keikaku.web.static_site) and prints
     the time, the time per plan, the pages and files written, and for fewer cities than 1,741
     what that rate gives at national scale (an extrapolation, labelled as such);
  3. serves the folder with Python's plain file server (`python -m http.server`) and the live
     application with uvicorn (as `keikaku serve`), and runs wrk against the same measure page on
     both: p50/p99, requests/s and the static site's throughput as a multiple of the live one's.
Aim: publishing 1,741 plans in under 10 minutes on this machine.
Servers are stopped at the end, whatever happens; the temporary directory is removed unless --keep.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from serving import HOST, free_port, stop
from web import ROOT, build_database, city_code, fetch, run_wrk, start_server

NATIONAL = 1741
AIM_SECONDS = 600


def publish(database: Path, out: Path) -> dict[str, float]:
    sys.path.insert(0, str(ROOT))
    from keikaku.storage.database import make_engine
    from keikaku.web.static_site import publish_static

    engine = make_engine(f"sqlite:///{database}")
    start = time.perf_counter()
    last = [start]

    def progress(done: int, known: int) -> None:
        now = time.perf_counter()
        if now - last[0] > 15:
            print(f"  … {done}/{known} files ({now - start:.0f} s)", flush=True)
            last[0] = now

    result = publish_static(engine, out, progress=progress)
    seconds = time.perf_counter() - start
    engine.dispose()
    return {"seconds": seconds, "files": result.files, "pages": result.pages, "bytes": result.bytes,
            "skipped": len(result.skipped)}


def start_file_server(directory: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as sink:
        process = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", HOST,
                                    "--directory", str(directory)], stdout=sink, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            fetch(f"http://{HOST}:{port}/index.html")
            return process
        except OSError:
            time.sleep(0.2)
    stop(process)
    raise SystemExit("the plain file server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cities", type=int, default=20, help=f"fictional cities, one plan each (default 20; {NATIONAL} = national scale)")
    parser.add_argument("--seconds", type=int, default=10, help="wrk's duration per target (default 10)")
    parser.add_argument("--connections", type=int, default=4, help="wrk's open connections (default 4)")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the generated figures")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (database, site, logs)")
    args = parser.parse_args()
    if not 1 <= args.cities <= 4700:
        parser.error("--cities must be 1-4700")
    if not 1 <= args.seconds <= 600:
        parser.error("--seconds must be 1-600")
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: run scripts/system-deps.sh as root (./test does) or apt-get install wrk")

    work = Path(tempfile.mkdtemp(prefix="keikaku-bench-publish-"))
    servers: list[subprocess.Popen[bytes]] = []
    try:
        database = work / "national.sqlite3"
        print(f"building {args.cities} fictional cities × 1 plan in {database}")
        built = build_database(database, args.cities, args.seed)
        print(f"  stored in {built['seconds']:.1f} s")
        site = work / "site"
        done = publish(database, site)
        per_plan = done["seconds"] / args.cities
        print(f"published {args.cities} plans in {done['seconds']:.1f} s ({per_plan * 1000:.0f} ms a plan): "
              f"{done['pages']:,} pages, {done['files']:,} files, {done['bytes'] / 1e6:.1f} MB, {done['skipped']} links skipped")
        national = per_plan * NATIONAL
        label = "measured" if args.cities >= NATIONAL else f"extrapolated from {args.cities} plans"
        verdict = "OK" if national < AIM_SECONDS else "OVER"
        print(f"  at national scale ({NATIONAL} plans): {national / 60:.1f} min ({label}); aim < {AIM_SECONDS // 60} min  {verdict}")

        sys.path.insert(0, str(ROOT))
        from sqlalchemy import select

        from keikaku.storage import models as m
        from keikaku.storage.database import make_engine, transaction

        engine = make_engine(f"sqlite:///{database}")
        with transaction(engine) as session:
            plan = session.scalar(select(m.Plan).where(m.Plan.key == f"{city_code(args.cities // 2)}:bench"))
            node_id = session.scalar(select(m.Node.id).where(m.Node.plan_id == plan.id, m.Node.number == "25"))
        engine.dispose()

        static_port, live_port = free_port(), free_port()
        servers.append(start_file_server(site, static_port, work / "files.log"))
        empty = work / "empty"
        empty.mkdir()
        servers.append(start_server(database, empty, live_port, work / "live.log"))
        static_url = f"http://{HOST}:{static_port}/nodes/{node_id}/index.html"
        live_url = f"http://{HOST}:{live_port}/nodes/{node_id}"
        fetch(live_url)
        print(f"\nthe same measure page, wrk {args.seconds} s, {args.connections} connections:")
        print(f"{'target':<34}{'p50 ms':>9}{'p99 ms':>9}{'req/s':>10}")
        results = {}
        for label, url in (("live application (uvicorn)", live_url), ("static site (python -m http.server)", static_url)):
            r = run_wrk(url, args.seconds, args.connections, 1)
            results[label] = r
            print(f"{label:<34}{r['p50']:>9.1f}{r['p99']:>9.1f}{r['rps']:>10.0f}")
        live, static = results.values()
        print(f"static / live throughput: {static['rps'] / live['rps']:.2f}x")
    finally:
        for process in servers:
            stop(process)
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
