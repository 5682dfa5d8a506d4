"""The concern matcher on posts it has not learnt from: each posts file held out in turn.

Run: `.venv/bin/python bench/bench_posts_folds.py`. Prints figures only, never a row.

The matcher learns how a whole post points at its worries from the posts of dialogs/posts/, so
`bench_matcher.py`'s dev line flatters it. Here a matcher is built without one posts file at a
time (every phrasing kept) and reads that file's posts: the tune figure for changes to how a
post is read, the long ones (`LONG` words or more, stories mostly) apart. Check posts are not
read here: judge a change on them with `bench_matcher.py --dev`.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from matcher_sets import POSTS as POSTS_DIR
from matcher_sets import read_posts

from assistant.engine.concerns import load_concerns
from assistant.engine.heard_posts import posts_by_file
from assistant.engine.matcher import Matcher

LONG = 70
"""Posts of at least this many words are counted apart as well."""


def main() -> None:
    started = time.process_time()
    concerns = load_concerns()
    by_file = posts_by_file(POSTS_DIR, {c.id for c in concerns})
    hits = {"all": [0, 0], "long": [0, 0]}
    for name in by_file:
        kept = [post for other, posts in by_file.items() if other != name for post in posts]
        matcher = Matcher(concerns, posts=kept)
        for concern, _, text in read_posts(POSTS_DIR / name):
            right = matcher.match(text).concern == concern
            for kind in ("all", "long") if len(text.split()) >= LONG else ("all",):
                hits[kind][0] += right
                hits[kind][1] += 1
    (all_hits, all_total), (long_hits, long_total) = hits["all"], hits["long"]
    print(
        f"posts, their file held out: top-1 {all_hits / all_total:.1%} of {all_total}"
        f" | of {LONG} words or more {long_hits / long_total:.1%} of {long_total}"
    )
    print(f"({len(by_file)} files, CPU {time.process_time() - started:.0f} s)")


if __name__ == "__main__":
    main()
