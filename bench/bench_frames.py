"""The concern matcher on worries and errands asked inside the lead-ins people type before them.

Run: `.venv/bin/python bench/bench_frames.py`. Prints figures only, never a row.

"Who do I talk to about opting out", "I've got a query regarding who reads it", "could someone
fill me in on how long the recordings are kept": the lead-in asks nothing of its own, and the
worry after it should read as it does alone. Errands are asked the same way ("who do I talk to
about my bill") and should stay small talk. tests/data/frames.toml holds four sets, each of
topics (worries labelled with their concern), errands and frames; every topic and errand is put
in every frame. A line per set:

- worries right: read as the concern they are labelled with (the frame "{}", the topic alone,
  among them);
- as alone: read as the same concern as the topic alone, right or not (the lead-in changed
  nothing);
- errands rejected: read as fitting no concern.

Each set's `about` says how it was written and what was tuned on it: the third set was judged in
totals only, and is the figure to trust.
"""

from __future__ import annotations

import sys
import time
import tomllib
from pathlib import Path

from assistant.engine.concerns import load_concerns
from assistant.engine.matcher import Matcher

FRAMES = Path(__file__).resolve().parent.parent / "tests" / "data" / "frames.toml"


def judge(
    matcher: Matcher,
    name: str,
    frames: list[str],
    errands: list[str],
    topics: dict[str, list[str]],
) -> str:
    """One line of figures for the set `name` of frames.toml."""
    right = alike = worries = 0
    for concern, texts in topics.items():
        for topic in texts:
            alone = matcher.match(topic).concern
            for frame in frames:
                read = matcher.match(frame.format(topic)).concern
                worries += 1
                right += read == concern
                alike += read == alone
    rejected = sum(
        matcher.match(frame.format(errand)).status == "none"
        for errand in errands
        for frame in frames
    )
    asked = len(errands) * len(frames)
    return (
        f"{name}: {len(frames)} frames | worries right {right} of {worries}"
        f" ({100 * right / worries:.1f}%) | as alone {alike} of {worries}"
        f" | errands rejected {rejected} of {asked} ({100 * rejected / asked:.1f}%)"
    )


def main() -> None:
    started = time.process_time()
    sets = tomllib.loads(FRAMES.read_text(encoding="utf-8"))
    matcher = Matcher(load_concerns())
    for name, table in sets.items():
        print(judge(matcher, name, table["frames"], table["errands"], table["topics"]))
    print(f"(CPU {time.process_time() - started:.0f} s)")


if __name__ == "__main__":
    sys.exit(main())
