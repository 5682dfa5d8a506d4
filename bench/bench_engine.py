"""Engine figures: turn latency over scripted conversations, and the cost of 10,000 at once.

Targets (issue 2): p99 turn <= 1 ms; creating a conversation <= 0.5 ms and <= 50 KB each.
Prints figures only; these machines are too noisy for timed assertions.
"""

from __future__ import annotations

import gc
import statistics
import time
import tracemalloc

from assistant.clock import ManualClock
from assistant.config import load_config
from assistant.engine.conversation import Conversation
from assistant.engine.outcome import MemoryRecords

SCRIPTS = [
    ["start", "continue", "who can hear the recordings?", "can I stop later?",
     "no", "yes", "yes", "no", "yes, I have to", "no", "yes", "deleted",
     "Alex Rivera", "alex@example.org", "go on to sign", "alex rivera", "finish"],
    ["start", "stop", "yes", "Jordan", "finish"],
    ["start", "continue", "what if the AI gets my words wrong?", "is this normal?",
     "where do I park?", "no", "I need to think about it", "no"],
]  # fmt: skip


def turn_latency(rounds: int = 300) -> list[float]:
    config = load_config()
    samples: list[float] = []
    for _ in range(rounds):
        for script in SCRIPTS:
            conv = Conversation(config, clock=ManualClock(), records=MemoryRecords())
            for line in script:
                t = time.perf_counter()
                conv.send(line)
                samples.append((time.perf_counter() - t) * 1000)
    return samples


def many(n: int = 10_000) -> tuple[float, float]:
    config = load_config()
    records = MemoryRecords()
    Conversation(config, clock=ManualClock(), records=records)  # warm caches
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    t = time.perf_counter()
    convs = [Conversation(config, clock=ManualClock(), records=records) for _ in range(n)]
    elapsed = time.perf_counter() - t
    size = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    assert len(convs) == n
    return elapsed / n * 1000, size / n / 1024


def main() -> None:
    samples = sorted(turn_latency())
    p50 = statistics.median(samples)
    p99 = samples[int(len(samples) * 0.99)]
    print(
        f"engine turn latency over {len(samples)} turns: p50 {p50:.3f} ms, p99 {p99:.3f} ms"
        f" (target p99 <= 1 ms)"
    )
    per_ms, per_kb = many()
    print(
        f"10,000 simultaneous conversations: {per_ms:.3f} ms and {per_kb:.1f} KB each"
        f" (targets <= 0.5 ms, <= 50 KB)"
    )


if __name__ == "__main__":
    main()
