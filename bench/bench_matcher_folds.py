"""The concern matcher on words it has not learnt from: each round of phrasings held out in turn.

Run: `.venv/bin/python bench/bench_matcher_folds.py`. Prints figures only, never a row.

dialogs/phrasings.tsv holds the short questions and off-topic lines of earlier rounds of
writing, one `# set:` each, and the matcher learns from all of them, so `bench_matcher.py`'s
train line says little and its check lines flatter it: each check set was written beside one of
these rounds, in the same voices. Here a matcher is built without one set at a time and judges:

- dev, held out: that set's own short questions and off-topic lines, and the posts written in
  the same round (dialogs/posts/, held out too), as they are and with two sentences of story before
  them (the tune figure for changes to the matcher or its phrasings);
- check, its round held out: each check set written beside a set (tests/data/check/) judged
  by the matcher without that set (figures only: the honest check figure).

Figures pool every fold: short questions top-1, posts top-1, off-topic rejected, "sure but
wrong" (answered without asking, but wrongly, or any concern for an off-topic line); and of the
posts asked about ("did you mean"), what is offered after the client picks the main worry
(`bench_matcher.Picked`).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_matcher import Picked
from matcher_sets import POSTS as POSTS_DIR
from matcher_sets import Split, read_posts, splits
from matcher_variants import with_context

from assistant.engine.concerns import load_concerns
from assistant.engine.heard_posts import Post, posts_by_file
from assistant.engine.matcher import Matcher
from assistant.engine.phrasings import Phrasing, default_phrasings
from assistant.paths import dialogs_dir

POSTS = {
    "first": "posts.tsv",
    "dev 2": "posts_dev2.tsv",
    "dev 3": "posts_dev3.tsv",
    "dev 4": "posts_dev4.tsv",
    "dev 5": "posts_dev5.tsv",
    "dev 6": "posts_dev6.tsv",
    "dev 7": "posts_dev7.tsv",
    "dev 8": "posts_dev8.tsv",
    "scribe": "posts_dev11.tsv",
    "voices": "posts_dev12.tsv",
    "plain": "posts_dev13.tsv",
    "themes": "posts_dev14.tsv",
    "weak spots": "posts_dev18.tsv",
    "real voices": "posts_dev20.tsv",
    "real voices 2": "posts_dev21.tsv",
    "real voices 3": "posts_dev22.tsv",
    "real voices 4": "posts_dev23.tsv",
    "real voices 5": "posts_dev24.tsv",
    "themes 2": "posts_dev25.tsv",
    "indirect": "posts_dev26.tsv",
    "bare": "posts_dev27.tsv",
    "bare 2": "posts_dev28.tsv",
    "texting": "posts_dev29.tsv",
    "law": "posts_dev30.tsv",
    "bare 4": "posts_dev31.tsv",
    "bare 5": "posts_dev32.tsv",
    "bare 6": "posts_dev33.tsv",
    "bare 7": "posts_dev34.tsv",
    "bare 8": "posts_dev35.tsv",
    "genres": "posts_dev36.tsv",
}
"""The posts written in the same round as each set of phrasings (none for "dev")."""

CHECKS = {
    "dev 4": "check",
    "dev 5": "check 2",
    "dev 6": "check 3",
    "dev 7": "check 4",
    "dev 8": "check 5",
    "scribe": "check 8 (scribe)",
    "voices": "check 9 (voices)",
    "plain": "check 10 (plain)",
    "themes": "check 12 (themes)",
    "typed": "check 15 (typed)",
    "real voices": "check 24 (real voices)",
    "real voices 2": "check 25 (real voices 2)",
    "real voices 3": "check 26 (real voices 3)",
    "real voices 4": "check 27 (real voices 4)",
    "kiosk 5": "check 28 (typed 2)",
    "themes 2": "check 29 (themes 2)",
    "plain 2": "check 31 (plain 2)",
    "indirect": "check 32 (indirect)",
    "bare": "check 33 (bare)",
    "bare 2": "check 34 (bare 2)",
    "texting": "check 36 (texting)",
    "law": "check 37 (law)",
    "bare 4": "check 38 (bare 4)",
    "bare 5": "check 39 (bare 5)",
    "bare 6": "check 40 (bare 6)",
    "bare 7": "check 41 (bare 7)",
    "bare 8": "check 42 (bare 8)",
    "unasked": "check 46 (unasked)",
    "genres": "check 47 (genres)",
    "ages": "check 50 (ages)",
    "follow-ups": "check 52 (follow-ups)",
    "records": "check 53 (records)",
}
"""The check set written beside each set of phrasings (`bench_matcher.py`'s split names)."""


class Tally:
    """Hits and totals of each figure, pooled over the folds."""

    def __init__(self) -> None:
        self.counts = {k: [0, 0] for k in ("short", "posts", "before", "offtopic", "sure")}
        self.picked = Picked()

    def add(self, figure: str, hit: bool) -> None:
        self.counts[figure][0] += hit
        self.counts[figure][1] += 1

    def line(self, name: str) -> str:
        def pct(figure: str) -> str:
            hits, total = self.counts[figure]
            return f"{hits / total:.1%} of {total}" if total else "-"

        return (
            f"{name}: short top-1 {pct('short')} | posts top-1 {pct('posts')}"
            f" (story before {pct('before')}) | off-topic rejected {pct('offtopic')}"
            f" | sure but wrong {pct('sure')}"
        )


def sets_of(path: Path) -> list[str]:
    """The `# set:` name of each message of a phrasings file, in file order."""
    names: list[str] = []
    current = ""
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("# set: "):
            current = line.removeprefix("# set: ").split(" (")[0]
        elif line.strip() and not line.startswith("#"):
            names.append(current)
    return names


def posts_without(held: str, concerns: set[str]) -> list[Post]:
    """The posts the matcher learns from (dialogs/posts/) but those written in round `held`."""
    by_file = posts_by_file(POSTS_DIR, concerns)
    return [post for name, posts in by_file.items() if name != POSTS.get(held) for post in posts]


def judge(matcher: Matcher, tally: Tally, split: Split) -> None:
    """Add `split`'s short questions, posts (as they are and with story before them) and
    off-topic lines, matched by `matcher`, to `tally`."""
    for concern, text in split.short:
        m = matcher.match(text)
        tally.add("short", m.concern == concern)
        tally.add("sure", m.answered and m.concern != concern)
    for concern, also, text in split.posts:
        m = matcher.match(text)
        tally.picked.add(m, concern, also)
        tally.add("posts", m.concern == concern)
        tally.add("sure", m.answered and m.concern != concern)
    for concern, _, text in with_context(split, "before").posts:
        tally.add("before", matcher.match(text).concern == concern)
    for text in split.offtopic:
        m = matcher.match(text)
        tally.add("offtopic", m.status == "none")
        tally.add("sure", m.answered)


def folds() -> Iterator[tuple[str, Matcher, Split]]:
    """Each round of phrasings held out in turn: its `# set:` name, a matcher built without it
    (and without the posts written in that round), and its own messages (short questions,
    off-topic lines and those posts)."""
    concerns = load_concerns()
    ids = {c.id for c in concerns}
    heard = default_phrasings()
    names = sets_of(dialogs_dir() / "phrasings.tsv")
    for held in dict.fromkeys(names):
        kept: list[Phrasing] = [p for p, n in zip(heard, names, strict=True) if n != held]
        matcher = Matcher(concerns, phrasings=kept, posts=posts_without(held, ids))
        own = Split(held)
        for p, n in zip(heard, names, strict=True):
            if n == held and p.concern is None:
                own.offtopic.append(p.text)
            elif n == held and p.concern is not None:
                own.short.append((p.concern, p.text))
        if held in POSTS:
            own.posts = read_posts(POSTS_DIR / POSTS[held])
        yield held, matcher, own


def main() -> None:
    started = time.process_time()
    named = {split.name: split for split in splits()}
    dev, check = Tally(), Tally()
    count = 0
    for held, matcher, own in folds():
        count += 1
        judge(matcher, dev, own)
        if held in CHECKS:
            judge(matcher, check, named[CHECKS[held]])
    print(dev.line("dev, held out"))
    print(check.line("check, its round held out"))
    print(dev.picked.line("dev, held out"))
    print(check.picked.line("check, its round held out"))
    print(f"({count} folds, CPU {time.process_time() - started:.0f} s)")


if __name__ == "__main__":
    main()
