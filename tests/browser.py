"""Helpers for the browser tests: the real server in a subprocess and Debian's Chromium through Playwright.

Nothing here reaches the network: the server listens on 127.0.0.1 only, Chromium is started with the
flags that stop its background connections, and the tests record every request the browser makes.
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
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

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
