"""What the first question costs a fresh process: building the matcher, or reading it back.

Run: `.venv/bin/python bench/bench_matcher_start.py [RUNS]` (default 3). Prints figures only.

Each run is a fresh interpreter with an empty cache folder of its own (`XDG_CACHE_HOME`): it
loads the content, then times `questions.matcher_for` and the first match, the wait of the
kiosk's first question or of `consent-assistant ask` when nothing was built before. That
process keeps the matcher (`matcher_store.py`); a second fresh interpreter on the same folder
then times the same and reads it back, as every later start does. Also printed: each one's peak
memory, the kept file's size, and `consent-assistant ask` from start to answer both ways.
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

CHILD = """
import json, resource, sys, time
from assistant.engine.content import load_content
from assistant.engine.questions import matcher_for
content = load_content()
content.lexicon, content.language, content.phrasings, content.posts
t0, c0 = time.perf_counter(), time.process_time()
match = matcher_for(content).match("is the data saved for all of eternity?")
wall, cpu = time.perf_counter() - t0, time.process_time() - c0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"wall": wall, "cpu": cpu, "peak": peak, "concern": match.concern}))
"""


def child(cache: Path) -> dict[str, float]:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    out = subprocess.run(
        [sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, check=True
    )
    result: dict[str, float] = json.loads(out.stdout)
    return result


def ask(cache: Path) -> float:
    """`consent-assistant ask` from start to answer, seconds."""
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    command = Path(sys.executable).with_name("consent-assistant")
    started = time.perf_counter()
    subprocess.run(
        [str(command), "ask", "can I use a fake name?"], env=env, check=True, capture_output=True
    )
    return time.perf_counter() - started


def main(runs: int = 3) -> None:
    first: list[dict[str, float]] = []
    again: list[dict[str, float]] = []
    asked: list[tuple[float, float]] = []
    size = 0
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            cache = Path(folder)
            first.append(child(cache))
            again.append(child(cache))
            size = sum(p.stat().st_size for p in cache.rglob("matcher-*.pickle"))
        with tempfile.TemporaryDirectory() as folder:
            asked.append((ask(Path(folder)), ask(Path(folder))))
    for name, rows in ("built (nothing kept)", first), ("read back (kept)", again):
        print(
            f"first question, matcher {name}: {statistics.median(r['wall'] for r in rows):.2f} s"
            f" (CPU {statistics.median(r['cpu'] for r in rows):.2f} s),"
            f" peak RSS {statistics.median(r['peak'] for r in rows):.0f} MiB"
            f" (median of {runs})"
        )
    print(f"kept matcher: {size / 2**20:.1f} MiB on disk")
    print(
        f"consent-assistant ask, start to answer: {statistics.median(a for a, _ in asked):.2f} s"
        f" built, {statistics.median(b for _, b in asked):.2f} s read back (median of {runs})"
    )


if __name__ == "__main__":
    numbers = [a for a in sys.argv[1:] if a.isdigit()]
    main(int(numbers[0]) if numbers else 3)
