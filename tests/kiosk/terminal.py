"""A real pseudo-terminal for kiosk tests: the kiosk runs as its own process on the slave side,
the test writes raw bytes to the master and reads the screen through pyte, a VT100 emulator,
exactly as a client's terminal would show it."""

from __future__ import annotations

import contextlib
import fcntl
import os
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Sequence
from pathlib import Path

import pyte


class Terminal:
    """One process on a pseudo-terminal of `cols` x `rows`; `screen_text()` is what shows."""

    def __init__(self, argv: Sequence[str], cols: int = 80, rows: int = 24) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "TEXTUAL": "", "COLUMNS": str(cols)}
        env.pop("TEXTUAL_DRIVER", None)
        self.proc = subprocess.Popen(
            list(argv),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
            close_fds=True,
        )
        os.close(slave)
        self.master = master
        self.screen = pyte.Screen(cols, rows)
        self._stream = pyte.ByteStream(self.screen)
        self._lock = threading.Lock()
        self.output = bytearray()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                data = os.read(self.master, 65536)
            except OSError:
                return
            if not data:
                return
            with self._lock:
                self.output += data
                self._stream.feed(data)

    def send(self, data: bytes) -> None:
        """Bytes as a keyboard (or a gadget pretending to be one) would send them."""
        os.write(self.master, data)

    def screen_text(self) -> str:
        with self._lock:
            return "\n".join(self.screen.display)

    @property
    def running(self) -> bool:
        return self.proc.poll() is None

    def wait_for(self, text: str, timeout: float = 30.0) -> bool:
        """True once `text` is on the screen (spaces as shown); False after `timeout`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.screen_text():
                return True
            if not self.running:
                return text in self.screen_text()
            time.sleep(0.05)
        return False

    def wait_exit(self, timeout: float = 30.0) -> int:
        return self.proc.wait(timeout)

    def close(self) -> None:
        """Hang up: close the master side (the kiosk sees its terminal go away)."""
        with contextlib.suppress(OSError):
            os.close(self.master)

    def stop(self) -> None:
        if self.running:
            self.proc.kill()
            self.proc.wait(10)
        self.close()


def kiosk_argv(data_dir: Path, *extra: str) -> list[str]:
    """The real `consent-assistant kiosk` command (the embedded demo configuration)."""
    return [sys.executable, "-m", "assistant", "kiosk", "--data-dir", str(data_dir), *extra]
