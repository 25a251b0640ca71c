"""bench/web: how fast the public site answers on a national-scale database, against a static file.

Run from the repository root after ./test (it needs .venv and Debian's wrk):
    .venv/bin/python bench/web.py                 # 200 fictional cities, 30 s per target
    .venv/bin/python bench/web.py --cities 1741   # national scale (as many as Japan's municipalities)

What it does, all on 127.0.0.1:
  1. builds an SQLite database in a temporary directory: N fictional cities, each with one basic
     plan of 6 policies x 5 measures, 2 indicators per measure with a baseline, a target and 4
     years of actuals, sections, projects and actions; every plan goes through
     keikaku.services.plans.load_plan, as `keikaku load` would store it (search index included);
  2. starts the site as `keikaku serve` does (uvicorn, one worker, the app of
     keikaku.web.app.app_from_settings over that database), with one addition for the comparison:
     a second StaticFiles mount, /bench-static, serving a temporary folder that holds a byte-for-byte
     copy of the measure page, i.e. a static file of exactly the measure page's size, sent by the
     same server process through the same middleware. The package is not modified;
  3. runs wrk for --seconds against the plan page, a measure page, the search page (a term of 3+
     characters, answered by SQLite FTS5, and a 2-character term, answered by LIKE), the same-size
     static file and the site's own /static/style.css; prints latency p50/p99, requests/s and
     each target's throughput as a share of the same-size static file's.
  4. the cold run: wrk with a script asking for a random page of every measure and indicator page
     (so the page cache seldom helps), on SQLite and, with --postgres URL, on PostgreSQL.
Aims: measure page p99 under 100 ms on SQLite; pages at least 30% of the static file's throughput;
cold run p99 under 50 ms.
The server is stopped at the end, whatever happens; the temporary directory is removed unless --keep.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from serving import HOST, free_port, start_uvicorn, stop

ROOT = Path(__file__).resolve().parent.parent
STATIC_ENV = "KEIKAKU_BENCH_STATIC_DIR"  # read by bench_app below, in the server process only
POLICIES = ("子育て・教育", "健康・福祉", "防災・防犯", "環境・みどり", "産業・にぎわい", "行財政運営")
MEASURE_WORDS = ("推進", "充実", "強化", "支援", "向上")
SUBJECTS = {
    "子育て・教育": ("子育て支援", "学校教育", "青少年の健全育成", "生涯学習", "図書館サービス"),
    "健康・福祉": ("健康づくり", "地域福祉", "高齢者支援", "障がい者支援", "医療体制"),
    "防災・防犯": ("防災力", "地域防災訓練", "防犯体制", "交通安全", "消防・救急"),
    "環境・みどり": ("みどりの保全", "ごみの減量", "脱炭素", "水循環", "公園の整備"),
    "産業・にぎわい": ("商業の活性化", "農業の振興", "観光の推進", "創業支援", "雇用の確保"),
    "行財政運営": ("行政のデジタル化", "財政の健全化", "公共施設の管理", "市民参加", "広報・広聴"),
}


# --- data ----------------------------------------------------------------------------------------

def city_code(i: int) -> str:
    """A valid, unused code for fictional city ``i``: prefecture 01-47, city part 900-999 (no real
    municipality has a 9xx code), and the check digit. Up to 4,700 cities."""
    from keikaku.domain.municipality import check_digit

    body = f"{i % 47 + 1:02d}9{i // 47:02d}"
    return body + str(check_digit(body))


def plan_document(i: int, rng: random.Random):  # noqa: ANN201
    from keikaku.domain import planfile as pf

    name = f"架空{i + 1:04d}市"
    nodes, indicators, projects, actions = [], [], [], []
    number = 0
    for p, policy in enumerate(POLICIES, 1):
        pid = f"p{p}"
        nodes.append({"id": pid, "level": "政策", "number": str(p), "title": f"{policy}のまち",
                      "sections": [{"heading": "目指す姿", "text": f"{name}は{policy}の分野で、誰もが暮らしやすいまちを目指します。"}]})
        for k, subject in enumerate(SUBJECTS[policy]):
            number += 1
            mid = f"m{number}"
            title = f"{subject}の{MEASURE_WORDS[(number + i) % 5]}"
            nodes.append({
                "id": mid, "parent": pid, "level": "施策", "number": str(number), "title": title,
                "departments": [f"{policy.split('・')[0]}課"], "sdgs": sorted(rng.sample(range(1, 18), 2)),
                "sections": [
                    {"heading": "現況と課題", "text": (
                        f"{name}では、{subject}に関する市民の関心が高まっています。人口構成の変化や社会情勢の変化に対応し、"
                        f"地域の実情に応じた取組を進める必要があります。\nこれまでの取組の成果を検証し、関係機関や地域団体と"
                        f"連携しながら、{subject}の一層の{MEASURE_WORDS[k]}を図ることが課題となっています。")},
                    {"heading": "施策の方向性", "text": f"{subject}について、計画的かつ効果的に取組を進めます。",
                     "items": [f"{subject}に関する情報発信の充実", f"地域と連携した{subject}の推進"]},
                ],
            })
            for j, (label, unit, direction) in enumerate((("参加者数", "人", "increase"), ("満足度", "%", "increase"))):
                base = rng.randint(200, 5000) if unit == "人" else rng.randint(30, 70)
                target = round(base * (1.2 if unit == "人" else 1.0) + (0 if unit == "人" else 15))
                actuals = [{"year": y, "value": round(base + (target - base) * (y - 2019) / 6 * rng.uniform(0.5, 1.2))}
                           for y in range(2021, 2025)]
                indicators.append({"node": mid, "name": f"{subject}の{label}" if j == 0 else f"{subject}に対する{label}",
                                   "unit": unit, "direction": direction, "baseline": {"value": base, "year": 2019},
                                   "target": {"value": target, "year": 2025}, "actuals": actuals})
            projects.append({"node": mid, "name": f"{subject}推進事業", "department": f"{policy.split('・')[0]}課",
                             "schedule": {2021: "検討", 2022: "実施", 2023: "実施", 2024: "拡充", 2025: "拡充"}})
            actions += [{"node": mid, "number": "(1)", "title": f"{subject}の基盤づくり", "items": [f"{subject}の体制を整えます。"]},
                        {"node": mid, "number": "(2)", "title": f"{subject}の担い手づくり", "items": [f"{subject}に関わる人材を育成します。"]}]
    return pf.parse_plan_document({
        "format": "keikaku-plan/1", "key": f"{city_code(i)}:bench", "municipality": name, "municipality_code": city_code(i),
        "title": f"{name}第1次基本計画", "kind": "basic_plan", "period": {"start": 2021, "end": 2025},
        "vision": f"人と人がつながる {name}", "nodes": nodes, "indicators": indicators, "projects": projects, "actions": actions,
    }, f"bench-{i}")


def build_database(path: Path | str, cities: int, seed: int) -> dict[str, float]:
    """The fictional national database in the SQLite file ``path`` (or at a database URL)."""
    from keikaku.services.plans import load_plan
    from keikaku.storage import migrate
    from keikaku.storage.database import make_engine

    url = path if isinstance(path, str) else f"sqlite:///{path}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    rng = random.Random(seed)
    start = time.perf_counter()
    last_report = start
    for i in range(cities):
        load_plan(engine, plan_document(i, rng))
        now = time.perf_counter()
        if now - last_report > 15:
            print(f"  … {i + 1}/{cities} plans stored ({now - start:.0f} s)", flush=True)
            last_report = now
    elapsed = time.perf_counter() - start
    engine.dispose()
    return {"seconds": elapsed, "bytes": path.stat().st_size if isinstance(path, Path) else 0}


# --- the server ------------------------------------------------------------------------------------

def bench_app():  # noqa: ANN201
    """`keikaku serve`'s application plus /bench-static (a temporary folder): the uvicorn factory."""
    from fastapi.staticfiles import StaticFiles

    from keikaku.web.app import app_from_settings

    app = app_from_settings()
    app.mount("/bench-static", StaticFiles(directory=os.environ[STATIC_ENV]), name="bench-static")
    return app


def start_server(database: Path | str, static_dir: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    """The site with this module's factory (a same-size static copy of the measure page beside it)."""
    pythonpath = os.pathsep.join(filter(None, [str(ROOT / "bench"), os.environ.get("PYTHONPATH")]))
    url = database if isinstance(database, str) else f"sqlite:///{database}"
    return start_uvicorn("web:bench_app", port, log, {"KEIKAKU_DATABASE_URL": url,
                                                      STATIC_ENV: str(static_dir), "PYTHONPATH": pythonpath})


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as r:
        if r.status != 200:
            raise SystemExit(f"{url}: HTTP {r.status}")
        return r.read()


# --- wrk -------------------------------------------------------------------------------------------

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text: str) -> float:
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if not m:
        raise ValueError(f"cannot read wrk's latency {text!r}")
    return float(m.group(1)) * _UNITS[m.group(2)]


def run_wrk(url: str, seconds: int, connections: int, threads: int) -> dict[str, float]:
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency", url]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=seconds + 60).stdout
    pct = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)$", out, flags=re.M))
    rps = re.search(r"^Requests/sec:\s+([\d.]+)", out, flags=re.M)
    total = re.search(r"^\s+(\d+) requests in", out, flags=re.M)
    if not (pct.get("50") and pct.get("99") and rps and total):
        raise SystemExit(f"cannot read wrk's output for {url}:\n{out}")
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {"p50": _ms(pct["50"]), "p99": _ms(pct["99"]), "rps": float(rps.group(1)), "requests": int(total.group(1)),
            "non2xx": int(bad.group(1)) if bad else 0, "errors": sum(map(int, errors.groups())) if errors else 0}


# --- the cold run: random measure and indicator pages ------------------------------------------------

COLD_AIM_MS = 50.0


def page_paths(url: str) -> list[str]:
    """Every measure page (a node with indicators) and every indicator page of the database."""
    from sqlalchemy import select

    from keikaku.storage import models as m
    from keikaku.storage.database import make_engine, transaction

    engine = make_engine(url)
    with transaction(engine) as session:
        nodes = session.scalars(select(m.Indicator.node_id).where(m.Indicator.node_id.is_not(None)).distinct()).all()
        indicators = session.scalars(select(m.Indicator.id)).all()
    engine.dispose()
    return [f"/nodes/{n}" for n in sorted(nodes)] + [f"/indicators/{i}" for i in sorted(indicators)]


def random_paths_script(paths: list[str], folder: Path, seed: int) -> Path:
    """A wrk Lua script asking for a random page of ``paths`` on every request (few repeat, so the
    site's page cache seldom helps: the cold case)."""
    script = folder / "random-pages.lua"
    listed = ",\n".join(f'"{p}"' for p in paths)
    script.write_text(f"local paths = {{\n{listed}\n}}\nmath.randomseed({seed})\n"
                      "request = function()\n  return wrk.format(\"GET\", paths[math.random(#paths)])\nend\n",
                      encoding="utf-8")
    return script


def run_cold(base: str, url: str, folder: Path, args: argparse.Namespace, label: str) -> dict[str, float]:
    paths = page_paths(url)
    script = random_paths_script(paths, folder, args.seed)
    cmd = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.seconds}s", "--timeout", "10s", "--latency",
           "-s", str(script), base]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=args.seconds + 120).stdout
    pct = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)$", out, flags=re.M))
    rps = re.search(r"^Requests/sec:\s+([\d.]+)", out, flags=re.M)
    total = re.search(r"^\s+(\d+) requests in", out, flags=re.M)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    r = {"p50": _ms(pct["50"]), "p99": _ms(pct["99"]), "rps": float(rps.group(1)), "requests": int(total.group(1)),
         "pages": len(paths), "non2xx": int(bad.group(1)) if bad else 0}
    verdict = "met" if r["p99"] < COLD_AIM_MS else "NOT met"
    print(f"cold run on {label}: {r['requests']:,} requests over {r['pages']:,} measure and indicator pages in random order: "
          f"p50 {r['p50']:.1f} ms, p99 {r['p99']:.1f} ms, {r['rps']:.1f} req/s, {r['non2xx']} errors; "
          f"aim p99 < {COLD_AIM_MS:.0f} ms: {verdict}")
    return r


# --- main ------------------------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cities", type=int, default=200, help="fictional cities, one plan each (default 200; 1741 = national scale)")
    parser.add_argument("--seconds", type=int, default=30, help="wrk's duration per target (default 30)")
    parser.add_argument("--connections", type=int, default=4, help="wrk's open connections (default 4)")
    parser.add_argument("--threads", type=int, default=1, help="wrk's threads (default 1; the machine has 2 cores)")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the generated figures")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (database, server log)")
    parser.add_argument("--postgres", metavar="URL", help="also run the cold run on PostgreSQL: an empty database "
                        "at URL (postgresql+psycopg://…) receives the same cities")
    args = parser.parse_args()
    if not 1 <= args.cities <= 4700:
        parser.error("--cities must be 1-4700")
    if not 1 <= args.seconds <= 600:
        parser.error("--seconds must be 1-600")
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: run scripts/system-deps.sh as root (./test does) or apt-get install wrk")

    sys.path.insert(0, str(ROOT))
    work = Path(tempfile.mkdtemp(prefix="keikaku-bench-web-"))
    process = None
    try:
        database = work / "national.sqlite3"
        print(f"building {args.cities} fictional cities × 1 plan (6 policies × 5 measures × 2 indicators × 4 years) in {database}")
        built = build_database(database, args.cities, args.seed)
        print(f"  stored in {built['seconds']:.1f} s ({built['seconds'] / args.cities * 1000:.0f} ms a plan), "
              f"database {built['bytes'] / 1e6:.1f} MB")
        static_dir = work / "static"
        static_dir.mkdir()
        port = free_port()
        process = start_server(database, static_dir, port, work / "server.log")
        base = f"http://{HOST}:{port}"

        # a city in the middle, its plan and its measure 25 (policy 5, measure 5)
        from keikaku.storage import models as m
        from keikaku.storage.database import make_engine, transaction
        from sqlalchemy import select

        engine = make_engine(f"sqlite:///{database}")
        with transaction(engine) as session:
            plan = session.scalar(select(m.Plan).where(m.Plan.key == f"{city_code(args.cities // 2)}:bench"))
            node = session.scalar(select(m.Node).where(m.Node.plan_id == plan.id, m.Node.number == "25"))
            plan_id, node_id, node_title = plan.id, node.id, node.title
        engine.dispose()
        fts_query, like_query = "地域防災訓練", "防災"
        targets = {  # label -> (path, what it is)
            "plan": (f"/plans/{plan_id}", f"plan page of {city_code(args.cities // 2)}"),
            "measure": (f"/nodes/{node_id}", f"measure page, 施策 25 {node_title}"),
            "search-fts": ("/search?q=" + urllib.parse.quote(fts_query), f"search {fts_query} (3+ characters: SQLite FTS5)"),
            "search-like": ("/search?q=" + urllib.parse.quote(like_query), f"search {like_query} (2 characters: LIKE scan)"),
        }
        measure_bytes = fetch(base + targets["measure"][0])
        (static_dir / "measure.html").write_bytes(measure_bytes)
        targets["static-same-size"] = ("/bench-static/measure.html", "static copy of the measure page, same server")
        targets["static-css"] = ("/static/style.css", "the site's own stylesheet")
        sizes = {}
        for label, (path, _) in targets.items():
            body = fetch(base + path)
            sizes[label] = len(body)
            if label.startswith("search") and b"<mark>" not in body:
                raise SystemExit(f"{label}: the search found nothing")
        assert sizes["static-same-size"] == len(measure_bytes)

        print(f"wrk: {args.seconds} s per target, {args.connections} connections, {args.threads} thread(s); "
              f"server: 1 uvicorn worker on {base}; {os.cpu_count()} CPUs")
        results = {}
        for label, (path, what) in targets.items():
            print(f"  {label:<17} {what}: {path} ({sizes[label]:,} bytes)", flush=True)
            results[label] = run_wrk(base + path, args.seconds, args.connections, args.threads)
        # the measure page's latency without queueing: one connection, one request at a time
        targets["measure-1conn"] = targets["measure"]
        sizes["measure-1conn"] = sizes["measure"]
        print(f"  {'measure-1conn':<17} the measure page again with 1 connection", flush=True)
        results["measure-1conn"] = run_wrk(base + targets["measure"][0], args.seconds, 1, 1)
        static = results["static-same-size"]["rps"]
        print()
        print(f"{'target':<17} {'bytes':>8} {'p50 ms':>8} {'p99 ms':>8} {'req/s':>9} {'vs static':>9} {'errors':>6}")
        for label, r in results.items():
            print(f"{label:<17} {sizes[label]:>8,} {r['p50']:>8.1f} {r['p99']:>8.1f} {r['rps']:>9.1f} "
                  f"{r['rps'] / static:>9.0%} {r['non2xx'] + r['errors']:>6}")
        print()
        for label in ("measure", "measure-1conn"):
            p99 = results[label]["p99"]
            conns = 1 if label == "measure-1conn" else args.connections
            print(f"aim: measure page p99 < 100 ms on SQLite ({conns} connection{'s' if conns > 1 else ''}): "
                  f"{p99:.1f} ms: {'met' if p99 < 100 else 'NOT met'}")
        for label, r in results.items():
            if not label.startswith("static") and label != "measure-1conn":
                share = r["rps"] / static
                print(f"aim: {label} at least 30% of the same-size static file's req/s: {share:.0%}: "
                      f"{'met' if share >= 0.3 else 'NOT met'}")
        print()
        cold = [run_cold(base, f"sqlite:///{database}", work, args, "SQLite")]
        if args.postgres:
            stop(process)
            process = None
            print(f"building the same {args.cities} cities in PostgreSQL")
            built_pg = build_database(args.postgres, args.cities, args.seed)
            print(f"  stored in {built_pg['seconds']:.1f} s")
            pg_port = free_port()
            process = start_server(args.postgres, static_dir, pg_port, work / "server-pg.log")
            cold.append(run_cold(f"http://{HOST}:{pg_port}", args.postgres, work, args, "PostgreSQL"))
        if any(r["non2xx"] or r["errors"] for r in results.values()) or any(c["non2xx"] for c in cold):
            raise SystemExit("some requests failed (see the errors column)")
    finally:
        if process is not None:
            stop(process)
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
