"""`consent-assistant kiosk`: load the configuration, open the records, run the kiosk."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from assistant.clock import SystemClock
from assistant.config import Config, load_config
from assistant.engine.outcome import RecordKeeper
from assistant.kiosk.lazy_records import LazyRecords


def open_records(config: Config, data_dir: Path, clock: SystemClock) -> LazyRecords:
    """The durable record keeper, opened on first use (so start-up does not pay for SQLite),
    delivering only when the kiosk asks, from its delivery thread."""

    def opener() -> RecordKeeper:
        from assistant.records.keeper import DurableRecords

        return DurableRecords(config, data_dir, clock, deliver_inline=False)

    return LazyRecords(opener)


def run_kiosk(args: argparse.Namespace) -> int:
    """Run the kiosk until the clinician leaves with the PIN (or ctrl+q with --unlocked)."""
    config = load_config(args.config)
    data_dir = config.data_path(args.data_dir)
    clock = SystemClock()
    records = open_records(config, data_dir, clock)
    # Devtools and debug mode would let anyone at the screen inspect and change the app.
    features = [f for f in os.environ.get("TEXTUAL", "").split(",") if f.strip()]
    os.environ["TEXTUAL"] = ",".join(f for f in features if f.strip() not in {"devtools", "debug"})

    from assistant.kiosk.app import make_kiosk

    app = make_kiosk(
        config, data_dir=data_dir, clock=clock, records=records, unlocked=args.unlocked
    )
    app.run()
    return app.return_code or 0
