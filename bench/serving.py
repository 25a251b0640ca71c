"""The site as the web benches run it: uvicorn on 127.0.0.1, started and stopped the same way by each.

The uvicorn call is the one `keikaku serve` makes (keikaku/cli/main.py); a bench names the app
factory to serve (the site's own, or one of its own that adds a comparison target).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HOST = "127.0.0.1"
ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start_uvicorn(factory: str, port: int, log: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    """Serve the app ``factory`` (``module:function``) on ``port`` with ``env`` added to this environment,
    and wait until it answers (60 s at most; its log is shown when it does not)."""
    code = ("import uvicorn; uvicorn.run(%r, factory=True, host=%r, port=%d, workers=1, "
            "log_level='warning', access_log=False, server_header=False)" % (factory, HOST, port))
    with log.open("wb") as sink:
        process = subprocess.Popen([sys.executable, "-c", code], env={**os.environ, **env}, stdout=sink,
                                   stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=ROOT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited with {process.returncode}:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/static/style.css", timeout=2) as r:
                if r.status == 200:
                    return process
        except OSError:
            time.sleep(0.2)
    stop(process)
    raise SystemExit(f"the server did not answer within 60 s:\n{log.read_text(errors='replace')}")


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)
