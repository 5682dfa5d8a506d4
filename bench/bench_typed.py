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
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_matcher import splits

from assistant.engine.concerns import load_concerns
from assistant.engine.matcher import Match, Matcher

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


def _sure_wrong(matches: dict[str, Match], concerns: dict[str, str]) -> int:
    """How many of `matches` were answered without asking, but about another concern."""
    return sum(m.answered and m.concern != concerns[t] for t, m in matches.items())


if __name__ == "__main__":
    main()
