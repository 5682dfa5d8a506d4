"""How fast and how good the concern matcher is on the labelled sets (client questions, forum-style
posts, off-topic messages). Prints figures only.

Run: `.venv/bin/python bench/bench_matcher.py [RUNS]` (default 20 timed runs over every message).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from assistant.engine.concerns import load_concerns
from assistant.engine.matcher import Matcher

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"


def _rows(name: str) -> list[str]:
    text = (DATA / name).read_text("utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _quality(matcher: Matcher, labelled: str, offtopic: str) -> str:
    rows = [line.split("\t", 1) for line in _rows(labelled)]
    matches = [matcher.match(text) for _, text in rows]
    right = sum(m.concern == c for m, (c, _) in zip(matches, rows, strict=True))
    sure = sum(m.status == "sure" for m in matches)
    wrong_sure = sum(
        m.status == "sure" and m.concern != c for m, (c, _) in zip(matches, rows, strict=True)
    )
    off = _rows(offtopic)
    rejected = sum(matcher.match(text).status == "none" for text in off)
    return (
        f"{labelled}: top-1 {right}/{len(rows)} = {right / len(rows):.1%}"
        f" (sure {sure / len(rows):.0%}, sure but wrong {wrong_sure})"
        f" | {offtopic}: rejected {rejected}/{len(off)} = {rejected / len(off):.1%}"
    )


def _accuracy(matcher: Matcher, labelled: str) -> str:
    rows = [line.split("\t", 1) for line in _rows(labelled)]
    matches = [matcher.match(text) for _, text in rows]
    right = sum(m.concern == c for m, (c, _) in zip(matches, rows, strict=True))
    sure = sum(m.status == "sure" for m in matches)
    share = f"{right / len(rows):.1%} (sure {sure / len(rows):.0%})"
    return f"{labelled}: top-1 {right}/{len(rows)} = {share}"


def main(runs: int = 20) -> None:
    start = time.perf_counter()
    matcher = Matcher(load_concerns())
    built = time.perf_counter() - start
    print(f"build: {built * 1000:.1f} ms")
    print(_quality(matcher, "questions.tsv", "offtopic.txt"))
    print(_quality(matcher, "questions_dev.tsv", "offtopic_dev.txt"))
    print(_accuracy(matcher, "posts.tsv"))

    texts = [
        line.split("\t", 1)[1] for name in ("questions.tsv", "posts.tsv") for line in _rows(name)
    ] + _rows("offtopic.txt")
    for text in texts:  # warm up
        matcher.match(text)
    times: list[float] = []
    for _ in range(runs):
        for text in texts:
            t0 = time.perf_counter()
            matcher.match(text)
            times.append(time.perf_counter() - t0)
    times.sort()
    mean = statistics.fmean(times) * 1000
    p50 = times[len(times) // 2] * 1000
    p99 = times[int(len(times) * 0.99)] * 1000
    longest = max(texts, key=len)
    t0 = time.perf_counter()
    for _ in range(runs):
        matcher.match(longest)
    slow = (time.perf_counter() - t0) / runs * 1000
    print(
        f"match: mean {mean:.3f} ms, p50 {p50:.3f} ms, p99 {p99:.3f} ms per message"
        f" ({len(texts)} messages x {runs} runs); longest ({len(longest)} chars) {slow:.3f} ms"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
