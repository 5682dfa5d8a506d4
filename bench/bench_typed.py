"""The concern matcher on the check sets as people text them: shorthand put in, one kind at a time.

Run: `.venv/bin/python bench/bench_typed.py`. Prints figures only, never a row.

Clients type on a phone or a kiosk the way they text: "can u tell me who reads ur notes", "i
want 2 know if it gets deleted", "me & my partner", "is it kept w/o my name". The check sets
(tests/data/check/, never tuned on) were mostly written with whole words, so here each of their
short questions and posts is rewritten with one kind of shorthand (`SHORTHAND`: "you" as "u",
"to" as "2" between two words, ...) and matched again. A line per kind: how many messages hold
the word, and of those how many the matcher put right as written and as texted; then every
kind at once. The texted sets are made here and kept nowhere. A drop shows a shorthand the
language layer (`dialogs/language.toml`) does not read yet; check 36 ("texting") holds messages
people wrote that way, which is the figure to trust.

Then the slips of the finger (`SLIPS`): in every check set's short questions, posts and off-topic
lines, a quarter of the words of four letters or more, picked at random from a seed that is the
same on every run, get one slip each (a letter dropped, two letters swapped, a neighbouring key's
letter for one, a letter typed twice). A line per kind: how many short questions are read right,
how many off-topic lines rejected, how many questions answered outright about another concern
and how many posts read right, as written and with the slips.
"""

from __future__ import annotations

import random
import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from matcher_sets import splits

from assistant.engine.concerns import load_concerns
from assistant.engine.language import default_language
from assistant.engine.matcher import Match, Matcher
from assistant.engine.slips import neighbours

_BETWEEN = r"(?<=[a-z] ){}(?= [a-z])"
"""A word between two words, as texters swap a digit in ("want 2 know", not "to 2025")."""

SHORTHAND: list[tuple[str, str, str]] = [
    ("you -> u", r"\byou\b", "u"),
    ("your -> ur", r"\byour\b", "ur"),
    ("are -> r", r"\bare\b", "r"),
    ("to -> 2", _BETWEEN.format("to"), "2"),
    ("for -> 4", _BETWEEN.format("for"), "4"),
    ("and -> &", r"\band\b", "&"),
    ("with -> w/", r"\bwith\b", "w/"),
    ("without -> w/o", r"\bwithout\b", "w/o"),
    ("because -> bc", r"\bbecause\b", "bc"),
    ("know -> kno", r"\bknow\b", "kno"),
    ("people -> ppl", r"\bpeople\b", "ppl"),
    ("what -> wat", r"\bwhat\b", "wat"),
    ("about -> abt", r"\babout\b", "abt"),
    ("before -> b4", r"\bbefore\b", "b4"),
    ("please -> pls", r"\bplease\b", "pls"),
    ("someone -> some1", r"\bsomeone\b", "some1"),
    ("they -> dey", r"\bthey\b", "dey"),
    ("the -> tha", r"\bthe\b", "tha"),
    ("my -> mi", r"\bmy\b", "mi"),
    ("session -> sesh", r"\bsession\b", "sesh"),
    ("right now -> rn", r"\bright now\b", "rn"),
]
"""Each kind of shorthand: its name, what it replaces (in lower case) and with what."""


def texted(text: str, kinds: list[tuple[str, str, str]]) -> str:
    """`text` in lower case with each of `kinds` of shorthand put in."""
    out = text.lower()
    for _, pattern, short in kinds:
        out = re.sub(pattern, short, out)
    return out


Slip = Callable[[str, random.Random, Mapping[str, frozenset[str]]], str]


def _dropped(word: str, draw: random.Random, near: Mapping[str, frozenset[str]]) -> str:
    i = draw.randrange(1, len(word))
    return word[:i] + word[i + 1 :]


def _swapped(word: str, draw: random.Random, near: Mapping[str, frozenset[str]]) -> str:
    i = draw.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def _near_key(word: str, draw: random.Random, near: Mapping[str, frozenset[str]]) -> str:
    i = draw.randrange(1, len(word))
    keys = sorted(k for k in near.get(word[i].lower(), ()) if k.isalpha())
    return word[:i] + draw.choice(keys) + word[i + 1 :] if keys else word


def _doubled(word: str, draw: random.Random, near: Mapping[str, frozenset[str]]) -> str:
    i = draw.randrange(1, len(word))
    return word[:i] + word[i] + word[i:]


SLIPS: dict[str, Slip] = {
    "a letter dropped": _dropped,
    "two letters swapped": _swapped,
    "a near key": _near_key,
    "a letter doubled": _doubled,
}
"""Each slip of the finger, by name: what it does to a word (never to its first letter)."""


def slipped(text: str, slip: Slip, seed: str, near: Mapping[str, frozenset[str]]) -> str:
    """`text` with `slip` in about a quarter of its words of four letters or more (letters only),
    the words and places drawn from `seed`."""
    draw = random.Random(seed)
    words = text.split(" ")
    return " ".join(
        slip(w, draw, near) if len(w) >= 4 and w.isalpha() and draw.random() < 0.25 else w
        for w in words
    )


def slips_report(matcher: Matcher) -> None:
    """Every check set's short questions, posts and off-topic lines, as written and with each
    slip: how many are read right, rejected, or answered outright about another concern."""
    checks = [s for s in splits() if s.name.startswith("check")]
    short = list(dict.fromkeys((c, t) for s in checks for c, t in s.short))
    offtopic = list(dict.fromkeys(t for s in checks for t in s.offtopic))
    posts = list(dict.fromkeys((c, t) for s in checks for c, _, t in s.posts))
    near = neighbours(default_language().keyboard)
    print(
        f"slips of the finger, every check set: {len(short)} short, {len(posts)} posts,"
        f" {len(offtopic)} off-topic"
    )
    ways: dict[str, Callable[[str], str]] = {"as written": lambda t: t}
    for name, slip in SLIPS.items():
        ways[name] = lambda t, slip=slip, name=name: slipped(t, slip, f"{name}|{t}", near)
    for name, way in ways.items():
        found = [matcher.match(way(t)) for _, t in short]
        right = sum(m.concern == c for m, (c, _) in zip(found, short, strict=True))
        wrong = sum(m.answered and m.concern != c for m, (c, _) in zip(found, short, strict=True))
        rejected = sum(matcher.match(way(t)).concern is None for t in offtopic)
        posted = sum(matcher.match(way(t)).concern == c for c, t in posts)
        print(
            f"  {name:<20} short right {right:5d} | off-topic rejected {rejected:5d}"
            f" | short sure but wrong {wrong:4d} | posts right {posted:5d}"
        )


def main() -> None:
    matcher = Matcher(load_concerns())
    rows: dict[str, str] = {}  # message -> its concern, each message once
    for split in splits():
        if split.name.startswith("check"):
            rows.update({text: concern for concern, text in split.short})
            rows.update({text: concern for concern, _, text in split.posts})
    written = {text: matcher.match(text.lower()) for text in rows}
    right = {text: m.concern == rows[text] for text, m in written.items()}
    print(
        f"every check set as written (lower case): top-1 {sum(right.values())} of {len(rows)}"
        f" | sure but wrong {_sure_wrong(written, rows)}"
    )
    for kind in SHORTHAND:
        changed = {t: v for t in rows if (v := texted(t, [kind])) != t.lower()}
        after = sum(matcher.match(v).concern == rows[t] for t, v in changed.items())
        before = sum(right[t] for t in changed)
        print(f"  {kind[0]:<18} {len(changed):5d} messages: right {before:5d} -> {after:5d}")
    every = {t: matcher.match(texted(t, SHORTHAND)) for t in rows}
    print(
        f"every kind at once: top-1 {sum(m.concern == rows[t] for t, m in every.items())}"
        f" of {len(rows)} | sure but wrong {_sure_wrong(every, rows)}"
    )
    slips_report(matcher)


def _sure_wrong(matches: dict[str, Match], concerns: dict[str, str]) -> int:
    """How many of `matches` were answered without asking, but about another concern."""
    return sum(m.answered and m.concern != concerns[t] for t, m in matches.items())


if __name__ == "__main__":
    main()
