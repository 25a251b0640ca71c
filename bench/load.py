"""bench/load: the staff pages of an evaluation cycle under load, while a plan document is imported.

Run from the repository root after ./test (it needs .venv, Debian's wrk and ../shared/seeds):
    .venv/bin/python bench/load.py                     # 20 s per page, 16 connections
    .venv/bin/python bench/load.py --seconds 60 --connections 32

What it does, all on 127.0.0.1:
  1. builds an SQLite database in a temporary directory with fictional data only: the example
     plans (keikaku/data/example/*.json, the fictional かえで市) loaded through
     keikaku.services.plans.load_plan_file; staff accounts made through keikaku.services.accounts
     (an admin, a reviewer, an editor of 保育課); the FY2025 cycle of the comprehensive plan opened,
     an actual entered for every indicator that has one to repeat, every measure's sheet saved,
     every third one submitted and every sixth one approved, and the progress of every project
     recorded, all through keikaku.services.cycle;
  2. starts the site as `keikaku serve` does (uvicorn, one worker, the factory
     keikaku.web.app:app_from_settings over that database), the same call as bench/web.py makes;
  3. signs in as the 保育課 editor by posting the login form (its CSRF token and cookie first) and
     keeps the session cookie;
  4. starts a background thread that runs `keikaku import` of ../shared/seeds/002_*.txt into the same
     database again and again (the first run stores the plan, the others read it again and find it
     unchanged) until the measurements end, --imports runs are done, or a deadline passes;
  5. runs wrk with the session cookie for --seconds against the sheet page of 施策 1
     (/staff/cycles/{id}/nodes/{node_id}) and then the cycle board (/staff/cycles/{id}), counting
     the answers by class with a small Lua script, and prints for each page: requests/s, latency
     p50 and p99, the answers that were not 2xx (3xx means the session was lost, 5xx a server
     error: both must be zero), and the server's peak resident memory (VmHWM of
     /proc/PID/status) after the page.
Aim: p99 under 200 ms for both pages with 16 connections on SQLite; no answer but 200.
The server and the importer are stopped at the end, whatever happens; the temporary directory is
removed unless --keep.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from serving import HOST, free_port, start_uvicorn, stop

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
PASSWORD = "bench password, not a secret"
PLAN_KEY = "990019:comprehensive-2"
YEAR = 2025
SHEET_NODE = "m1"  # 施策 1 子育て支援の充実 (子育て支援課, 保育課)
EDITOR = "bench-hoiku"
IMPORT_TIMEOUT = 120  # one `keikaku import` run, seconds

# wrk's Lua: every thread counts the answers by class; done() adds them up over the threads.
COUNTER_LUA = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) c2, c3, c4, c5 = 0, 0, 0, 0 end
function response(status, headers, body)
  if status >= 500 then c5 = c5 + 1 elseif status >= 400 then c4 = c4 + 1
  elseif status >= 300 then c3 = c3 + 1 else c2 = c2 + 1 end
end
function done(summary, latency, requests)
  local t = {0, 0, 0, 0}
  for _, thread in ipairs(threads) do
    t[1] = t[1] + thread:get("c2"); t[2] = t[2] + thread:get("c3")
    t[3] = t[3] + thread:get("c4"); t[4] = t[4] + thread:get("c5")
  end
  io.write(string.format("status-classes 2xx=%d 3xx=%d 4xx=%d 5xx=%d\\n", t[1], t[2], t[3], t[4]))
end
"""


# --- data ----------------------------------------------------------------------------------------

def build_database(url: str) -> dict[str, int]:
    """The example plans, three staff accounts and a FY2025 cycle with actuals, sheets and progress."""
    from sqlalchemy import select

    from keikaku.services import accounts, cycle
    from keikaku.services.plans import EXAMPLE_DIR, load_plan_file
    from keikaku.storage import migrate
    from keikaku.storage import models as m
    from keikaku.storage.database import make_engine, transaction

    engine = make_engine(url)
    migrate.upgrade(engine)
    for path in sorted(EXAMPLE_DIR.glob("*.json")):
        load_plan_file(engine, path)
    admin = accounts.create_user(engine, name="bench-kikaku", role="admin", password=PASSWORD)
    reviewer = accounts.create_user(engine, name="bench-shinsa", role="reviewer", password=PASSWORD)
    accounts.create_user(engine, name=EDITOR, role="editor", password=PASSWORD, departments=["保育課"])
    opened = cycle.open_cycle(engine, user=admin, plan=PLAN_KEY, year=YEAR, deadline="2026-06-30")
    with transaction(engine) as session:
        plan_id = opened.plan_id
        latest: dict[int, float] = {}
        rows = session.execute(select(m.Observation.indicator_id, m.Observation.value).join(m.Indicator)
                               .where(m.Indicator.plan_id == plan_id, m.Observation.value.is_not(None))
                               .order_by(m.Observation.year)).tuples().all()
        for indicator_id, value in rows:
            latest[indicator_id] = value  # the latest year's figure: a valid actual to repeat
        project_ids = session.scalars(select(m.Project.id).where(m.Project.plan_id == plan_id).order_by(m.Project.position)).all()
        sheet_node = session.scalar(select(m.Node.id).where(m.Node.plan_id == plan_id, m.Node.key == SHEET_NODE))
    cycle.enter_actuals(engine, user=admin, plan=plan_id, year=YEAR, values=sorted(latest.items()))
    cycle.record_project_progresses(engine, user=admin, cycle_id=opened.id,
                                    entries=[(p, "実施", "予定どおり進んでいます。") for p in project_ids])
    sheets = cycle.list_sheets(engine, cycle_id=opened.id)
    for k, s in enumerate(sheets):
        saved = cycle.save_sheet(engine, user=admin, cycle_id=opened.id, node_id=s.node_id, version=s.version,
                                 self_grade="B", reasons="指標はおおむね目標に向かって推移しています。",
                                 issues="担い手の確保が課題です。", next_direction="継続")
        if k % 3 == 2 and s.node_id != sheet_node:
            submitted = cycle.submit_sheet(engine, user=admin, cycle_id=opened.id, node_id=s.node_id, version=saved.version)
            if k % 6 == 5:
                cycle.review_sheet(engine, user=reviewer, cycle_id=opened.id, node_id=s.node_id,
                                   version=submitted.version, approve=True)
    engine.dispose()
    return {"cycle": opened.id, "node": sheet_node, "actuals": len(latest), "projects": len(project_ids),
            "sheets": len(sheets)}


# --- the server ------------------------------------------------------------------------------------

def start_server(database_url: str, port: int, log: Path) -> subprocess.Popen[bytes]:
    return start_uvicorn("keikaku.web.app:app_from_settings", port, log, {"KEIKAKU_DATABASE_URL": database_url})


def peak_rss_mb(pid: int) -> float | None:
    """The process's peak resident set (VmHWM), in MB; None once it is gone."""
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    found = re.search(r"^VmHWM:\s+(\d+) kB", text, flags=re.M)
    return int(found.group(1)) / 1024 if found else None


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        return None


def sign_in(base: str, name: str) -> str:
    """The session cookie of ``name``, signed in through the login form as a browser would."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    with opener.open(base + "/login", timeout=30) as r:
        form = r.read().decode("utf-8")
    token = re.search(r'name="csrf_token" value="([^"]+)"', form)
    if token is None:
        raise SystemExit("no CSRF token in the login form")
    body = urllib.parse.urlencode({"name": name, "password": PASSWORD, "csrf_token": token.group(1)}).encode()
    try:
        opener.open(urllib.request.Request(base + "/login", data=body, method="POST"), timeout=30)
        raise SystemExit("the login form did not redirect: sign-in failed")
    except urllib.error.HTTPError as exc:  # the 303 to /staff, not followed
        if exc.code != 303:
            raise SystemExit(f"sign-in answered HTTP {exc.code}") from None
    cookie = next((c.value for c in jar if c.name == "keikaku_session"), None)
    if cookie is None:
        raise SystemExit("sign-in set no session cookie")
    return f"keikaku_session={cookie}"


def fetch(url: str, cookie: str) -> bytes:
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, headers={"Cookie": cookie}), timeout=30) as r:
            return r.read()
    except urllib.error.HTTPError as exc:
        raise SystemExit(f"{url}: HTTP {exc.code} (the page must answer 200 before the load starts)") from None


# --- the importer in the background ----------------------------------------------------------------

class Importer(threading.Thread):
    """`keikaku import` of one document into the database, again and again, in a child process,
    until stopped, ``limit`` runs are done or ``deadline`` (monotonic) passes."""

    def __init__(self, database_url: str, document: Path, limit: int, deadline: float, log: Path):
        super().__init__(name="importer", daemon=True)
        self.env = {**os.environ, "KEIKAKU_DATABASE_URL": database_url}
        self.cmd = [sys.executable, "-c", "from keikaku.cli.entry import run; run()", "import", str(document)]
        self.limit, self.deadline, self.log = limit, deadline, log
        self.stopping = threading.Event()
        self.runs = self.failures = 0
        self.child: subprocess.Popen[bytes] | None = None

    def run(self) -> None:
        with self.log.open("ab") as sink:
            while self.runs < self.limit and not self.stopping.is_set() and time.monotonic() < self.deadline:
                self.child = subprocess.Popen(self.cmd, env=self.env, stdout=sink, stderr=subprocess.STDOUT,
                                              stdin=subprocess.DEVNULL, cwd=ROOT)
                try:
                    code = self.child.wait(timeout=IMPORT_TIMEOUT)
                except subprocess.TimeoutExpired:
                    stop(self.child)
                    code = -1
                if self.stopping.is_set() and code != 0:
                    break  # cut short by stop(): not a run
                self.runs += 1
                self.failures += code != 0

    def stop(self) -> None:
        self.stopping.set()
        if self.child is not None:
            stop(self.child)
        self.join(timeout=IMPORT_TIMEOUT + 30)


# --- wrk -------------------------------------------------------------------------------------------

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text: str) -> float:
    found = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if not found:
        raise ValueError(f"cannot read wrk's latency {text!r}")
    return float(found.group(1)) * _UNITS[found.group(2)]


def run_wrk(url: str, cookie: str, script: Path, seconds: int, connections: int, threads: int) -> dict[str, float]:
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency",
           "-H", f"Cookie: {cookie}", "-s", str(script), url]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=seconds + 60).stdout
    pct = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)[ \t]*$", out, flags=re.M))
    rps = re.search(r"^Requests/sec:\s+([\d.]+)", out, flags=re.M)
    classes = re.search(r"status-classes 2xx=(\d+) 3xx=(\d+) 4xx=(\d+) 5xx=(\d+)", out)
    if not (pct.get("50") and pct.get("99") and rps and classes):
        raise SystemExit(f"cannot read wrk's output for {url}:\n{out}")
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    ok, moved, client, server = map(int, classes.groups())
    return {"p50": _ms(pct["50"]), "p99": _ms(pct["99"]), "rps": float(rps.group(1)), "ok": ok, "3xx": moved,
            "4xx": client, "5xx": server, "non2xx3xx": int(bad.group(1)) if bad else 0,
            "errors": sum(map(int, errors.groups())) if errors else 0}


# --- main ------------------------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=20, help="wrk's duration per page (default 20)")
    parser.add_argument("--connections", type=int, default=16, help="wrk's open connections (default 16)")
    parser.add_argument("--threads", type=int, default=1, help="wrk's threads (default 1; the machine has 2 cores)")
    parser.add_argument("--imports", type=int, default=200, help="at most this many `keikaku import` runs (default 200)")
    parser.add_argument("--no-import", action="store_true", help="measure without the import in the background")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (database, logs)")
    args = parser.parse_args()
    if not 1 <= args.seconds <= 600:
        parser.error("--seconds must be 1-600")
    if not 1 <= args.connections <= 1000 or not 1 <= args.threads <= args.connections:
        parser.error("--connections must be 1-1000 and --threads 1-connections")
    if not 0 <= args.imports <= 10000:
        parser.error("--imports must be 0-10000")
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: run scripts/system-deps.sh as root (./test does) or apt-get install wrk")
    documents = sorted(SEEDS.glob("002_*.txt"))
    if not documents and not args.no_import:
        raise SystemExit(f"no seed document 002_*.txt in {SEEDS} (or pass --no-import)")

    sys.path.insert(0, str(ROOT))
    work = Path(tempfile.mkdtemp(prefix="keikaku-bench-load-"))
    process: subprocess.Popen[bytes] | None = None
    importer: Importer | None = None
    try:
        url = f"sqlite:///{work / 'load.sqlite3'}"
        started = time.perf_counter()
        built = build_database(url)
        print(f"database {work / 'load.sqlite3'}: the example plans, cycle {built['cycle']} (FY{YEAR}) with "
              f"{built['actuals']} actuals, {built['sheets']} sheets, {built['projects']} projects' progress "
              f"({time.perf_counter() - started:.1f} s)")
        port = free_port()
        process = start_server(url, port, work / "server.log")
        base = f"http://{HOST}:{port}"
        cookie = sign_in(base, EDITOR)
        targets = {
            "sheet": f"/staff/cycles/{built['cycle']}/nodes/{built['node']}",
            "board": f"/staff/cycles/{built['cycle']}",
        }
        for label, path in targets.items():
            body = fetch(base + path, cookie)
            print(f"  {label:<6} {path} ({len(body):,} bytes)")
        script = work / "count.lua"
        script.write_text(COUNTER_LUA)

        if not args.no_import:
            deadline = time.monotonic() + len(targets) * (args.seconds + 60)
            importer = Importer(url, documents[0], args.imports, deadline, work / "import.log")
            importer.start()
        print(f"wrk: {args.seconds} s per page, {args.connections} connections, {args.threads} thread(s), signed in as "
              f"{EDITOR}; server: 1 uvicorn worker on {base}; {os.cpu_count()} CPUs; "
              + ("no import" if importer is None else f"`keikaku import {documents[0].name}` in a loop meanwhile"), flush=True)
        results, peaks = {}, {}
        for label, path in targets.items():
            results[label] = run_wrk(base + path, cookie, script, args.seconds, args.connections, args.threads)
            peaks[label] = peak_rss_mb(process.pid)
        if importer is not None:
            importer.stop()
            print(f"imports meanwhile: {importer.runs} run(s), {importer.failures} failed")

        print()
        print(f"{'page':<6} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'200':>7} {'3xx':>5} {'4xx':>5} {'5xx':>5} "
              f"{'non-2xx/3xx':>11} {'sock err':>8} {'peak RSS MB':>11}")
        for label, r in results.items():
            peak = peaks[label]
            print(f"{label:<6} {r['rps']:>8.1f} {r['p50']:>8.1f} {r['p99']:>8.1f} {r['ok']:>7} {r['3xx']:>5} {r['4xx']:>5} "
                  f"{r['5xx']:>5} {r['non2xx3xx']:>11} {r['errors']:>8} {peak if peak is not None else float('nan'):>11.1f}")
        print()
        for label, r in results.items():
            print(f"aim: {label} p99 < 200 ms with {args.connections} connections on SQLite: {r['p99']:.1f} ms: "
                  f"{'met' if r['p99'] < 200 else 'NOT met'}")
        if any(r["3xx"] or r["4xx"] or r["5xx"] or r["errors"] for r in results.values()):
            raise SystemExit(f"some requests did not answer 200 (see the table; server log in {work / 'server.log'})")
    finally:
        if importer is not None:
            importer.stop()
        if process is not None:
            stop(process)
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
