"""A real server and a real browser for the Chromium tests.

The app runs under uvicorn in a thread on a free loopback port, on real records and the
test's ManualClock (the test moves time; the page's script sees the engine's clock through
/idle). The browser is Debian's Chromium driven by Playwright; nothing is downloaded: where
no Chromium binary (or no axe-core for the accessibility scan) exists, the tests skip saying
what is missing.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import uvicorn
from starlette.types import ASGIApp

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
TABLET = {"width": 820, "height": 1180}


def chromium_path() -> str | None:
    """Debian's Chromium (or CHROMIUM_PATH), if installed."""
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", "chromium"):
        if candidate and (found := shutil.which(candidate)):
            return found
    return None


def axe_path() -> Path | None:
    """axe-core's axe.min.js from npm, as `.ci/run` installs it (or AXE_CORE_JS)."""
    for candidate in (
        os.environ.get("AXE_CORE_JS"),
        ROOT / ".ci" / "node_modules" / "axe-core" / "axe.min.js",
    ):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


class LiveServer:
    """`app` served by uvicorn on 127.0.0.1 in a thread, from `start()` to `stop()`."""

    def __init__(self, app: ASGIApp) -> None:
        self._socket = socket.socket()
        self._socket.bind(("127.0.0.1", 0))
        port = self._socket.getsockname()[1]
        self.url = f"http://127.0.0.1:{port}/"
        self._server = uvicorn.Server(
            uvicorn.Config(app, log_level="warning", timeout_graceful_shutdown=2)
        )
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._socket]}, daemon=True
        )

    def start(self) -> LiveServer:
        self._thread.start()
        deadline = time.monotonic() + 20
        while not self._server.started:
            assert self._thread.is_alive(), "the server thread died"
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(10)
        self._socket.close()
