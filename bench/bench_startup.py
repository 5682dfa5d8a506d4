"""Cold start of the kiosk to its first interactive screen, and its peak memory, beside a bare
Textual app (one Static, one Input) measured in the same run. Prints figures; asserts nothing.

Each measurement is a fresh interpreter (a cold start), run headless. The time runs from just
before the child process is spawned until the first screen is ready for input (for the kiosk
including the start-up checks: PIN, the records database, the PDF font; Textual's
autopilot hook, after one more refresh; for the kiosk, once the engine's welcome is on
screen); the memory is the child's peak RSS at that moment.
Runs alternate between the apps so that machine noise hits all alike; medians are shown. A
third row, `ui`, is the kiosk with a stand-in engine: what the front itself costs.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 7
TARGET_TIME, TARGET_MEMORY = 1.5, 2.0


def child(kind: str, out: Path, data_dir: Path) -> None:
    """Start one app headless; when its first screen is ready, write the figures and exit."""
    import resource

    from textual.app import App, ComposeResult
    from textual.pilot import Pilot
    from textual.widgets import Input, Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("Hello")
            yield Input(placeholder="Type here")

    app: App[None]
    if kind == "bare":
        app = Bare()
    elif kind == "ui":  # the kiosk with a stand-in engine: what the front itself costs
        from assistant.config import load_config
        from assistant.engine.reply import Choice, Reply
        from assistant.kiosk.app import make_kiosk

        class StandIn:
            last_reply = Reply(
                messages=("Hi, and welcome.",),
                choices=(Choice("start", "Let's start"), Choice("no", "No, thank you")),
                state="welcome",
                step=1,
                steps=8,
            )

            def start(self) -> Reply:
                return self.last_reply

            def touch(self) -> None:
                pass

            def idle_phase(self) -> str:
                return "resting"

        from assistant.engine.outcome import MemoryRecords

        app = make_kiosk(
            load_config(),
            engine=StandIn(),  # type: ignore[arg-type]
            records=MemoryRecords(),  # type: ignore[arg-type]
        )
    else:
        from assistant.clock import SystemClock
        from assistant.config import load_config
        from assistant.kiosk.app import make_kiosk
        from assistant.kiosk.command import open_records
        from assistant.kiosk.preflight import check_all

        config = load_config()
        clock = SystemClock()
        check_all(config, data_dir, None)  # what `consent-assistant kiosk` checks first
        records = open_records(config, config.data_path(data_dir), clock)
        app = make_kiosk(config, data_dir=data_dir, clock=clock, records=records)

    async def ready(pilot: Pilot[object]) -> None:
        await pilot.pause()
        drawn = time.time()
        if kind != "bare":  # interactive once the engine's welcome is on screen
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            assert "welcome" in str(pilot.app.screen.query_one("AssistantMessage").render()).lower()
        focused = type(pilot.app.focused).__name__
        peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        figures = {"drawn": drawn, "ready": time.time(), "kib": peak_kib, "focus": focused}
        out.write_text(json.dumps(figures))
        pilot.app.exit()

    app.run(headless=True, auto_pilot=ready)


def measure(kind: str, work: Path) -> tuple[float, float, float, str]:
    out = work / f"{kind}.json"
    out.unlink(missing_ok=True)
    env = {**os.environ, "TEXTUAL": ""}
    start = time.time()
    subprocess.run(
        [sys.executable, __file__, "--child", kind, str(out), str(work / "data")],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    figures = json.loads(out.read_text())
    return (
        figures["ready"] - start,
        figures["kib"] / 1024,
        figures["drawn"] - start,
        figures["focus"],
    )


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        work = Path(tmp)
        results: dict[str, list[tuple[float, float, float, str]]] = {
            "bare": [],
            "kiosk": [],
            "ui": [],
        }
        measure("kiosk", work)  # warm the file cache and write .pyc files; not counted
        measure("bare", work)
        for _ in range(RUNS):
            for kind in results:
                results[kind].append(measure(kind, work))
    medians = {}
    for kind, runs in results.items():
        seconds = statistics.median(r[0] for r in runs)
        mib = statistics.median(r[1] for r in runs)
        drawn = statistics.median(r[2] for r in runs)
        medians[kind] = (seconds, mib)
        print(
            f"{kind:6} cold start {seconds:.3f} s  peak RSS {mib:.1f} MiB"
            f"  (first frame {drawn:.3f} s; median of {len(runs)}; focus in {runs[-1][3]})"
        )
    (bare_s, bare_mib), (kiosk_s, kiosk_mib) = medians["bare"], medians["kiosk"]
    print(
        f"ratio  time {kiosk_s / bare_s:.2f}x (target <= {TARGET_TIME}x)"
        f"  memory {kiosk_mib / bare_mib:.2f}x (target <= {TARGET_MEMORY}x)"
    )
    ui_s, ui_mib = medians["ui"]
    print(
        f"ui     the kiosk with a stand-in engine: {ui_s / bare_s:.2f}x time,"
        f" {ui_mib / bare_mib:.2f}x memory (the rest is the engine's start-up)"
    )


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        child(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]))
    else:
        main()
