"""Helpers for the browser tests: the real server in a subprocess and Debian's Chromium through Playwright.

Nothing here reaches the network: the server listens on 127.0.0.1 only, Chromium is started with the
flags that stop its background connections, and the tests record every request the browser makes.

A browser test module holds one database, one server and one browser. It makes them with the
fixture factories below rather than writing them again::

    database = database_fixture("database", "browser_sdg")         # a copy of the template database
    ids = stored_fixture("ids", "database", fill)                   # browser_people: what the server serves
    server = server_fixture("database", after=("ids",), shots=SHOTS)  # keikaku serve, its log checked at the end
    from browser import browser_fixture  # noqa: F401 - the module's Chromium, as the fixture ``browser``
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from conftest import copy_of_template

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "test-artifacts" / "browser"
AXE_JS = REPO / ".cache" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = Path("/usr/bin/chromium")
# Without these, Chromium tries to reach Google's hosts at every start (this machine has no network).
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
HOST = "127.0.0.1"
DESKTOP = {"width": 1280, "height": 900}
TIMEOUT_MS = 15_000  # how long a browser context waits for a page, a click or a locator


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def keikaku_command() -> list[str]:
    """The installed ``keikaku`` script of this interpreter's environment, else the module."""
    script = Path(sys.executable).parent / "keikaku"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from keikaku.cli.entry import run; run()"]


@dataclass
class Server:
    """A running ``keikaku serve`` on 127.0.0.1."""

    process: subprocess.Popen[bytes]
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""


@contextmanager
def serve(database_url: str, *, workers: int = 1, log_dir: Path | None = None, timeout: float = 30.0,
          env: dict[str, str] | None = None) -> Iterator[Server]:
    """Start ``keikaku serve`` over ``database_url`` on a free port, wait until it answers, stop it at the end."""
    port = free_port()
    log_dir = log_dir or Path(tempfile.mkdtemp(prefix="keikaku-serve-"))
    log = log_dir / f"serve-{port}.log"
    environ = {**os.environ, "KEIKAKU_DATABASE_URL": database_url, "KEIKAKU_LANG": "ja", **(env or {})}
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [*keikaku_command(), "serve", "--host", HOST, "--port", str(port), "--workers", str(workers)],
            stdout=sink, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=environ, cwd=REPO,
        )
    server = Server(process, port, log)
    try:
        _wait_until_up(server, timeout)
        yield server
    finally:
        _stop(process)


def log_problems(server: Server) -> list[str]:
    """The lines of the server's log that tell of a failure (a traceback, an error)."""
    return [line for line in server.output().splitlines() if "Traceback" in line or "ERROR" in line]


@contextmanager
def serve_checked(database_url: str, *, log_dir: Path, env: Mapping[str, str] | None = None,
                  check_log: bool = True) -> Iterator[Server]:
    """``serve``; at the end (unless ``check_log`` is false) its log must hold no failure."""
    with serve(database_url, log_dir=log_dir, env=dict(env or {})) as srv:
        yield srv
        if check_log:
            assert not log_problems(srv), srv.output()


# --- fixture factories: one database, one server, one browser per module ----------------------------

def database_fixture(name: str, prefix: str) -> Any:
    """A module fixture ``name``: a fresh copy of the migrated template database (its URL), named
    ``keikaku_{prefix}`` on PostgreSQL, a file in a directory of its own on SQLite."""
    @pytest.fixture(scope="module", name=name)
    def database(template_database: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
        directory = tmp_path_factory.mktemp(prefix.replace("_", "-"))
        with copy_of_template(template_database, prefix=f"keikaku_{prefix}", directory=directory) as url:
            yield url

    return database


ServerEnv = Mapping[str, str] | Callable[[pytest.FixtureRequest], Mapping[str, str]]


def server_fixture(database: str, *, after: tuple[str, ...] = (), shots: Path | None = None, env: ServerEnv | None = None,
                   data_dir: bool = False, check_log: bool = True, name: str = "server") -> Any:
    """A module fixture ``name``: ``keikaku serve`` over the database of the fixture ``database``,
    started once the fixtures ``after`` have stored what it serves. ``shots``: a screenshot folder
    emptied first. ``env``: more environment for the server, or a function of the fixture request
    making it (from other fixtures). ``data_dir``: a KEIKAKU_DATA_DIR of its own. Unless
    ``check_log`` is false, its log must hold no traceback or error when the module is done."""
    @pytest.fixture(scope="module", name=name)
    def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
        url = request.getfixturevalue(database)
        for fixture in after:
            request.getfixturevalue(fixture)
        if shots is not None:
            clean_dir(shots)
        log_dir = tmp_path_factory.mktemp("serve")
        extra = dict(env(request) if callable(env) else env or {})
        if data_dir:
            extra["KEIKAKU_DATA_DIR"] = str(log_dir / "data")
        with serve_checked(url, log_dir=log_dir, env=extra, check_log=check_log) as srv:
            yield srv

    return server


def _wait_until_up(server: Server, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    with httpx.Client(timeout=2.0, trust_env=False) as client:
        while time.monotonic() < deadline:
            if server.process.poll() is not None:
                raise RuntimeError(f"keikaku serve exited with {server.process.returncode}:\n{server.output()}")
            try:
                if client.get(server.url + "/static/style.css").status_code == 200:
                    return
            except httpx.HTTPError as exc:
                last = exc
            time.sleep(0.1)
    raise RuntimeError(f"keikaku serve did not answer on {server.url} within {timeout:.0f} s ({last}):\n{server.output()}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def require_chromium() -> Path:
    """Debian's Chromium; a clear failure (not a skip) when it is missing, since ./test installs it."""
    if not CHROMIUM.exists():
        pytest.fail(f"Debian's Chromium is missing at {CHROMIUM}: run scripts/system-deps.sh as root "
                    "(./test does) or `apt-get install chromium`", pytrace=False)
    return CHROMIUM


def require_axe() -> Path:
    if not AXE_JS.exists():
        pytest.fail(f"axe-core is missing at {AXE_JS}: run scripts/axe.sh (./test does)", pytrace=False)
    return AXE_JS


@contextmanager
def chromium() -> Iterator[Any]:
    """A Playwright Browser on Debian's Chromium, headless and offline. Playwright gives every launch
    a new empty profile directory (its own --user-data-dir), removed when the browser closes."""
    from playwright.sync_api import sync_playwright

    executable = require_chromium()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(executable), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module", name="browser")
def browser_fixture() -> Iterator[Any]:
    """The module's Chromium (``chromium``); a test module imports it to have the fixture ``browser``."""
    with chromium() as b:
        yield b


def new_context(browser: Any, server: Server, requests: RequestLog, *, viewport: Mapping[str, int] | None = None,
                timeout_ms: int = TIMEOUT_MS, **options: Any) -> Any:
    """A browser context on the server, in Japanese, at ``viewport`` (1280 × 900 unless told),
    recording every request in ``requests``; ``options`` go to Playwright (storage_state, bypass_csp …)."""
    context = browser.new_context(base_url=server.url, locale="ja-JP", viewport=dict(viewport or DESKTOP), **options)
    context.set_default_timeout(timeout_ms)
    context.on("request", requests.record)
    return context


def serious_violations(result: dict[str, Any]) -> list[dict[str, Any]]:
    """axe-core's violations (``run_axe``) of serious or critical impact."""
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


def serious_targets(result: dict[str, Any], *, places: int = 5) -> list[str]:
    """Each serious or critical violation as ``rule (impact): [its first places]``, for an assertion's message."""
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:places]}" for v in serious_violations(result)]


@dataclass
class RequestLog:
    """Every URL the browser asked for, to prove the pages need nothing from outside 127.0.0.1."""

    urls: list[str] = field(default_factory=list)

    def record(self, request: Any) -> None:
        self.urls.append(request.url)

    def outside(self, base_url: str) -> list[str]:
        local = re.compile(rf"^{re.escape(base_url)}(/|$)")
        return [u for u in self.urls if not local.match(u) and not u.startswith(("data:", "about:blank"))]


def screenshot(page: Any, name: str, directory: Path | None = None) -> Path:
    """A full-page PNG of ``page`` in ``directory`` (test-artifacts/browser/ unless told)."""
    directory = directory or ARTIFACTS
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def run_axe(page: Any) -> dict[str, Any]:
    """Inject axe-core from the local file and run it on the whole page (WCAG 2.x A/AA and best practice)."""
    page.add_script_tag(path=str(require_axe()))
    return page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return {violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                 nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))})),
                version: axe.version};
    }""")


def clean_dir(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True, exist_ok=True)
