"""`consent-assistant kiosk`: load the configuration, check everything once, run the kiosk.

The exit status says how the kiosk ended: 0 only when the clinician left with the PIN (or
ctrl+q with --unlocked); 2 when it refused to start; anything else (a crash, a lost terminal)
is non-zero, so a supervisor restarts it.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.clock import Clock, SystemClock
from assistant.config import Config, load_config
from assistant.kiosk.lazy_records import LazyRecords
from assistant.kiosk.preflight import NotReady, check_all
from assistant.kiosk.protocol import KioskRecords

if TYPE_CHECKING:
    from assistant.kiosk.app import KioskApp

log = logging.getLogger("assistant.kiosk")

LOG_FILE = "kiosk.log"
"""In the data folder: errors and warnings, never client text."""
UNEXPECTED_EXIT = 1


def open_records(config: Config, data_dir: Path, clock: Clock) -> LazyRecords:
    """The durable record keeper, built on first use (on the engine thread, or the warm-up),
    delivering only when the kiosk asks, from its delivery thread."""

    def opener() -> KioskRecords:
        from assistant.records.keeper import DurableRecords

        return DurableRecords(config, data_dir, clock, deliver_inline=False)

    return LazyRecords(opener)


def log_to(data_dir: Path) -> None:
    """Send the kiosk's warnings and errors to `kiosk.log` in the data folder (owner-only):
    the terminal belongs to the client's screen."""
    path = data_dir / LOG_FILE
    handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    os.chmod(path, 0o600)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def exit_status(app: KioskApp) -> int:
    """0 only when the clinician closed the kiosk; otherwise never 0."""
    if app.left_by_clinician:
        return 0
    return app.return_code or UNEXPECTED_EXIT


def run_app(app: KioskApp) -> int:
    """Run `app` until it ends and return the exit status (see `exit_status`)."""
    try:
        app.run()
    except Exception:
        log.exception("the kiosk stopped on an error")
        return UNEXPECTED_EXIT
    status = exit_status(app)
    if status:
        log.error("the kiosk stopped without the clinician (status %d)", status)
    return status


def run_kiosk(args: argparse.Namespace) -> int:
    """Run the kiosk until the clinician leaves with the PIN (or ctrl+q with --unlocked)."""
    config = load_config(args.config)
    data_dir = config.data_path(args.data_dir)
    try:
        check_all(config, data_dir, args.config)
    except NotReady as exc:
        print(f"consent-assistant: {exc}", file=sys.stderr)
        return 2
    log_to(data_dir)
    notice = None
    if args.config is None:
        from assistant.ui.words import say

        notice = say("notice.demo")
        print(f"consent-assistant: {notice}", file=sys.stderr)
    # Devtools and debug mode would let anyone at the screen inspect and change the app.
    features = [f for f in os.environ.get("TEXTUAL", "").split(",") if f.strip()]
    os.environ["TEXTUAL"] = ",".join(f for f in features if f.strip() not in {"devtools", "debug"})

    from assistant.kiosk.app import make_kiosk

    clock = SystemClock()
    records = open_records(config, data_dir, clock)
    app = make_kiosk(
        config,
        data_dir=data_dir,
        clock=clock,
        records=records,
        unlocked=args.unlocked,
        notice=notice,
    )
    return run_app(app)
