"""How good and how fast the concern matcher is, on train, dev and the frozen test split apart.

Run: `.venv/bin/python bench/bench_matcher.py [RUNS] [-v] [--dev]` (default 5 timed runs over
every message). Prints figures only; `-v` also lists the misses of the dev and tune sets (never
of check or test); `--dev` leaves the frozen split out altogether (while working on the matcher,
so its figure is not watched either). The frozen test rows (tests/data/frozen/) are counted,
never shown: nothing is tuned on them.

The sets are `matcher_sets.py` (each one's figures on its own line: train, dev, the check sets,
the frozen test split) and the lines after them read the same messages put other ways
(`matcher_variants.py`: context around a post, no full stops, greetings, names, links, asides,
two questions at once).

The check sets were written beside tune sets that are now phrasings, in the same voices, so
the matcher now learns from their twins: `bench/bench_matcher_folds.py` also judges each check
set with its twin round held out, the fairer figure.

Figures: short questions top-1; long posts top-1 (the main concern) and, for posts with a second
concern, how often the matcher offers exactly it (and how often it offers one for a post with
none); off-topic messages rejected; "sure but wrong" (answered without asking, but the wrong
concern, or any concern for an off-topic message) over every message of the split; time.
Last, pooled over the dev, every check set and (without `--dev`) the frozen split apart: the
posts the matcher asks about ("Did you mean A or B?", or "which first?" when the post's second
worry is A or B) with their main worry among A and B, and what is offered after the client
picks it (`questions.also_after_pick`): the post's own second worry, a wrong one, or one for a
post that raises none.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass

from matcher_sets import Split, splits
from matcher_variants import (
    greeted,
    numbered,
    signed_off,
    two_questions,
    with_context,
    without_stops,
)

from assistant.engine.concerns import load_concerns
from assistant.engine.matcher import Match, Matcher
from assistant.engine.phrasings import default_phrasings
from assistant.engine.questions import also_after_pick, asks_which_first


@dataclass
class Picked:
    """The posts asked about ("did you mean") whose main worry is a candidate, and what is
    offered after the client picks it (`also_after_pick`)."""

    asked: int = 0
    which_first: int = 0
    with_also: int = 0
    found: int = 0
    wrong: int = 0
    without: int = 0
    offered: int = 0

    def add(self, m: Match, concern: str, also: str) -> None:
        """Count post `m` (main worry `concern`, second `also` or "-") if it was asked about."""
        candidates = [c for c, _ in m.candidates[:2]]
        if m.answered or m.concern is None or concern not in candidates:
            return
        self.asked += 1
        self.which_first += asks_which_first(candidates, m.also)
        offer = also_after_pick(m.also, candidates[0], concern)
        if also == "-":
            self.without += 1
            self.offered += offer is not None
        else:
            self.with_also += 1
            self.found += offer == also
            self.wrong += offer is not None and offer != also

    def include(self, other: Picked) -> None:
        """Add `other`'s counts to these."""
        for name, count in vars(other).items():
            setattr(self, name, getattr(self, name) + count)

    def line(self, name: str) -> str:
        return (
            f'{name}, after "did you mean" ({self.asked} posts, {self.which_first} asked which'
            " first): second concern offered"
            f" {self.found} of {self.with_also} (a wrong one {self.wrong})"
            f" | offered for a post with none {self.offered} of {self.without}"
        )


@dataclass
class Figures:
    short: float | None
    posts: float | None
    also_found: float | None
    also_wrongly: float | None
    rejected: float | None
    sure_wrong: float
    counts: str
    misses: list[str]
    picked: Picked


def _share(hits: int, total: int) -> float | None:
    return hits / total if total else None


def evaluate(matcher: Matcher, split: Split) -> Figures:
    """Quality figures of `matcher` on `split` (misses listed for tuning, never shown for the
    frozen split by `main`)."""
    misses: list[str] = []
    sure_wrong = 0
    short_right = 0
    for concern, text in split.short:
        m = matcher.match(text)
        short_right += m.concern == concern
        sure_wrong += m.answered and m.concern != concern
        if m.concern != concern:
            misses.append(f"short {concern} -> {m.concern} ({m.status} {m.score:.0f}): {text}")
    posts_right = also_right = also_wrong = with_also = 0
    picked = Picked()
    for concern, also, text in split.posts:
        m = matcher.match(text)
        picked.add(m, concern, also)
        posts_right += m.concern == concern
        sure_wrong += m.answered and m.concern != concern
        if also != "-":
            with_also += 1
            also_right += m.also == also
        else:
            also_wrong += m.also is not None
        if m.concern != concern:
            misses.append(f"post {concern} -> {m.concern} ({m.status} {m.score:.0f}): {text}")
        elif also != "-" and m.also != also:
            misses.append(f"post also {also} -> {m.also}: {text}")
    rejected = 0
    for text in split.offtopic:
        m = matcher.match(text)
        rejected += m.status == "none"
        sure_wrong += m.answered
        if m.status != "none":
            misses.append(f"offtopic -> {m.concern} ({m.status} {m.score:.0f}): {text}")
    total = len(split.short) + len(split.posts) + len(split.offtopic)
    no_also = len(split.posts) - with_also
    return Figures(
        short=_share(short_right, len(split.short)),
        posts=_share(posts_right, len(split.posts)),
        also_found=_share(also_right, with_also),
        also_wrongly=_share(also_wrong, no_also),
        rejected=_share(rejected, len(split.offtopic)),
        sure_wrong=sure_wrong / total,
        counts=f"{len(split.short)} short, {len(split.posts)} posts ({with_also} with a second"
        f" concern), {len(split.offtopic)} off-topic",
        misses=misses,
        picked=picked,
    )


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"


def report(split: Split, figures: Figures) -> str:
    return (
        f"{split.name}: {figures.counts}\n"
        f"  short top-1 {_pct(figures.short)} | posts top-1 {_pct(figures.posts)}"
        f" | second concern found {_pct(figures.also_found)}"
        f" (offered for a post with none {_pct(figures.also_wrongly)})"
        f" | off-topic rejected {_pct(figures.rejected)}"
        f" | sure but wrong {_pct(figures.sure_wrong)}"
    )


def pairs_line(matcher: Matcher, name: str, pairs: Sequence[tuple[str, str, str]]) -> str:
    """How `matcher` reads two short questions at once: both found (one answered, the other
    offered), the main one the first, a concern of neither answered or offered."""
    both = first = wrong = 0
    for c1, c2, text in pairs:
        m = matcher.match(text)
        both += {m.concern, m.also} == {c1, c2}
        first += m.concern == c1
        wrong += m.concern not in (c1, c2) or m.also not in (c1, c2, None)
    n = len(pairs)
    return (
        f"{name}, two short questions at once: both found {_pct(_share(both, n))} of {n}"
        f" | the first answered first {_pct(_share(first, n))}"
        f" | a concern of neither answered or offered {_pct(_share(wrong, n))}"
    )


def timing(matcher: Matcher, texts: list[str], runs: int) -> str:
    for text in texts:  # warm up
        matcher.match(text)
    times: list[float] = []
    best = float("inf")  # the wall-clock mean of the least disturbed run
    for _ in range(runs):
        run: list[float] = []
        for text in texts:
            t0 = time.perf_counter()
            matcher.match(text)
            run.append(time.perf_counter() - t0)
        times += run
        best = min(best, statistics.fmean(run) * 1000)
    times.sort()
    mean = statistics.fmean(times) * 1000
    p99 = times[int(len(times) * 0.99)] * 1000
    cpu = float("inf")  # the best of the runs: the least disturbed by other processes
    for _ in range(runs):
        cpu0 = time.process_time()
        for text in texts:
            matcher.match(text)
        cpu = min(cpu, (time.process_time() - cpu0) / len(texts) * 1000)
    return (
        f"match: mean {mean:.3f} ms (best run {best:.3f} ms), p99 {p99:.3f} ms per message;"
        f" CPU {cpu:.3f} ms (best run)"
        f" ({len(texts)} messages x {runs} runs)"
    )


def main(runs: int = 5) -> None:
    t0, c0 = time.perf_counter(), time.process_time()
    from assistant.engine.embedder import default_embedder

    default_embedder()
    loaded, loaded_cpu = time.perf_counter() - t0, time.process_time() - c0
    t0, c0 = time.perf_counter(), time.process_time()
    matcher = Matcher(load_concerns())
    built, built_cpu = time.perf_counter() - t0, time.process_time() - c0
    print(
        f"load the semantic model: {loaded * 1000:.0f} ms (CPU {loaded_cpu * 1000:.0f} ms);"
        f" build the matcher: {built * 1000:.0f} ms (CPU {built_cpu * 1000:.0f} ms)"
    )
    all_splits = splits()
    pooled = {"dev": Picked(), "every check set": Picked(), "test (frozen)": Picked()}
    for split in all_splits:
        if "--dev" in sys.argv and split.name.startswith("test"):
            continue
        figures = evaluate(matcher, split)
        print(report(split, figures))
        pool = "every check set" if split.name.startswith("check") else split.name
        if pool in pooled:
            pooled[pool].include(figures.picked)
        tune = split.name.startswith(("dev", "typos"))  # never list check's or frozen's rows
        if "-v" in sys.argv and tune:
            for miss in figures.misses:
                print("    " + miss)
    named = {split.name: split for split in all_splits}
    for split in named["dev"], named["check"]:
        for where in "before", "after":
            moved = with_context(split, where)
            print(f"{moved.name}: posts top-1 {_pct(evaluate(matcher, moved).posts)}")
    checks = [s for s in all_splits if s.name.startswith("check")]
    unpunctuated = [without_stops([named["dev"]], "dev"), without_stops(checks, "every check set")]
    if "--dev" not in sys.argv:
        unpunctuated.append(without_stops([named["test (frozen)"]], "test (frozen)"))
    unpunctuated.append(numbered(checks, "every check set"))
    unpunctuated.append(signed_off(checks, "every check set"))
    for split in unpunctuated:
        figures = evaluate(matcher, split)
        print(
            f"{split.name}: posts top-1 {_pct(figures.posts)} of {len(split.posts)}"
            f" | second concern found {_pct(figures.also_found)}"
            f" | sure but wrong {_pct(figures.sure_wrong)}"
        )
    said = [(p.concern, p.text) for p in default_phrasings() if p.concern is not None]
    print(pairs_line(matcher, "train", two_questions(said)))
    print(
        pairs_line(matcher, "every check set", two_questions([r for s in checks for r in s.short]))
    )
    for split in greeted(checks, "every check set"):
        figures = evaluate(matcher, split)
        print(
            f"{split.name}: short top-1 {_pct(figures.short)} of {len(split.short)}"
            f" | off-topic rejected {_pct(figures.rejected)} of {len(split.offtopic)}"
            f" | sure but wrong {_pct(figures.sure_wrong)}"
        )
    for name, picks in pooled.items():
        if picks.asked:
            print(picks.line(name))
    dev = named["dev"]
    # the messages clients type: the phrasings (short), the dev posts, the small talk
    heard = default_phrasings()
    texts = [p.text for p in heard] + [t for *_, t in dev.posts]
    print(timing(matcher, texts, runs))
    print("long posts only, " + timing(matcher, [t for *_, t in dev.posts], runs))


if __name__ == "__main__":
    numbers = [a for a in sys.argv[1:] if a.isdigit()]
    main(int(numbers[0]) if numbers else 5)
