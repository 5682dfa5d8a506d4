"""How sure the matcher must be before it answers without asking, on words it has not learnt from.

Run: `.venv/bin/python bench/bench_sure_rule.py`. Prints figures only, never a row.

A match is "sure" (`matcher.py`) when its best score is at least `SURE`, it leads the runner-up
by `MARGIN` units of evidence (`MARGIN_LONG` in a message of several sentences), the runner-up
has at most `RIVAL` of its evidence and small talk at most `SMALL_TALK`. The kiosk answers a
sure match outright and asks "did you mean" otherwise, so each value trades the right answers
given without asking against the wrong ones ("sure but wrong"). Here each is moved in turn,
the others left as they are, and judged on:

- dev, held out: each round of phrasings (and its posts) matched by a matcher built without it,
  as `bench_matcher_folds.py` does;
- check: every check set but the newest two, those written beside a round matched by the
  matcher without that round, the others by the whole matcher;
- each of the newest two check sets on its own (written to judge changes like these).

Figures: of all messages (short questions, posts and off-topic lines), the share answered
outright and rightly, and the share answered outright but wrongly (a wrong concern, or any
concern for an off-topic line).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_matcher_folds import CHECKS, folds
from matcher_sets import Split, splits

from assistant.engine import matcher as matcher_module
from assistant.engine.concerns import load_concerns
from assistant.engine.matcher import Matcher

NEWEST = 2
"""How many of the newest check sets get a line of their own (and are left out of `check`)."""

SETTINGS: list[tuple[str, dict[str, float]]] = [
    ("as shipped", {}),
    ("MARGIN 1.0", {"MARGIN": 1.0}),
    ("MARGIN 1.5", {"MARGIN": 1.5}),
    ("MARGIN 1.8", {"MARGIN": 1.8}),
    ("MARGIN 2.2", {"MARGIN": 2.2}),
    ("MARGIN_LONG 1.2", {"MARGIN_LONG": 1.2}),
    ("MARGIN_LONG 2.0", {"MARGIN_LONG": 2.0}),
    ("MARGIN_LONG 2.5", {"MARGIN_LONG": 2.5}),
    ("SURE 55", {"SURE": 55.0}),
    ("SURE 75", {"SURE": 75.0}),
    ("SURE 85", {"SURE": 85.0}),
    ("RIVAL 0.4", {"RIVAL": 0.4}),
    ("RIVAL 0.6", {"RIVAL": 0.6}),
    ("SMALL_TALK 0.5", {"SMALL_TALK": 0.5}),
    ("SMALL_TALK 0.7", {"SMALL_TALK": 0.7}),
]
"""Each setting tried: the name printed, and the values it changes."""

Labelled = list[tuple[str | None, str]]
"""Messages and what each is about (None: off-topic)."""


def labelled(split: Split) -> Labelled:
    """`split`'s short questions, posts (by their main worry) and off-topic lines."""
    return [
        *((concern, text) for concern, text in split.short),
        *((concern, text) for concern, _, text in split.posts),
        *((None, text) for text in split.offtopic),
    ]


@contextmanager
def setting(values: dict[str, float]) -> Iterator[None]:
    """`matcher.py`'s sure-rule values changed to `values` while the block runs."""
    before = {name: getattr(matcher_module, name) for name in values}
    for name, value in values.items():
        setattr(matcher_module, name, value)
    try:
        yield
    finally:
        for name, value in before.items():
            setattr(matcher_module, name, value)


def tally(matcher: Matcher, messages: Labelled) -> tuple[int, int]:
    """How many of `messages` are answered outright and rightly, and outright but wrongly."""
    right = wrong = 0
    for concern, text in messages:
        match = matcher.match(text)
        if match.answered:
            right += match.concern == concern
            wrong += match.concern != concern
    return right, wrong


def main() -> None:
    started = time.process_time()
    checks = [split for split in splits() if split.name.startswith("check")]
    checks = [split for split in checks if "context" not in split.name]
    newest = checks[-NEWEST:]
    twinned = set(CHECKS.values())
    # (matcher, pool, messages) for every pool of every matcher
    work: list[tuple[Matcher, str, Labelled]] = []
    count = 0
    for held, matcher, own in folds():
        count += 1
        work.append((matcher, "dev, held out", labelled(own)))
        twin = next((split for split in checks if split.name == CHECKS.get(held)), None)
        if twin is not None:
            work.append((matcher, "check", labelled(twin)))
    whole = Matcher(load_concerns())
    for split in checks[:-NEWEST]:
        if split.name not in twinned:
            work.append((whole, "check", labelled(split)))
    for split in newest:
        work.append((whole, split.name, labelled(split)))
    pools = list(dict.fromkeys(pool for _, pool, _ in work))
    sizes = {pool: sum(len(m) for _, p, m in work if p == pool) for pool in pools}
    print("right / wrong: answered outright and rightly / wrongly, % of all messages")
    print("pools: " + ", ".join(f"{pool} ({sizes[pool]})" for pool in pools))
    for name, values in SETTINGS:
        with setting(values):
            counts = {pool: [0, 0] for pool in pools}
            for matcher, pool, messages in work:
                right, wrong = tally(matcher, messages)
                counts[pool][0] += right
                counts[pool][1] += wrong
        cells = (
            f"{pool.split(' (')[0]} {100 * r / sizes[pool]:.1f} / {100 * w / sizes[pool]:.2f} ({w})"
            for pool, (r, w) in counts.items()
        )
        print(f"{name:16s} " + " | ".join(cells))
    print(f"({count} folds, CPU {time.process_time() - started:.0f} s)")


if __name__ == "__main__":
    main()
