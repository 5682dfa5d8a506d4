"""The readings learnt at start-up are the same in every process.

Python orders a set of strings differently in each process (its hash seed). A vocabulary built
in a set's order was a different order each run, and the sums over it a different rounding:
one message in a few thousand went to another concern or another status from one start to the
next. These build the word tables, and a whole matcher learnt from a part of the shipped
data, in processes of different seeds and compare them bit for bit.
"""

from __future__ import annotations

import os
import subprocess
import sys

_BUILD = """
from assistant.engine.grams import Grams
from assistant.engine.wording import Wording
texts = [
    f"{a} {b} {c}"
    for a in ("can", "will", "does", "who", "where", "is")
    for b in ("my notes", "the recording", "the data", "a summary", "the ai", "my voice")
    for c in ("get deleted", "be hacked", "stay private", "go to court", "be shared")
]
labels = [i % 4 for i in range(len(texts))]
grams = Grams(texts)
wording = Wording(texts, labels, 4, [1.0] * len(texts))
print(list(grams.vocabulary))
print([wording.scores(t).tobytes().hex() for t in ("can my notes be hacked", "who reads it")])
"""


_MATCHER = """
from assistant.engine.concerns import load_concerns
from assistant.engine.heard_posts import default_posts
from assistant.engine.matcher import Matcher
from assistant.engine.phrasings import default_phrasings
phrasings, posts = default_phrasings(), default_posts()
matcher = Matcher(load_concerns(), phrasings=phrasings[::20], posts=posts[::30])
for text in [p.text for p in phrasings[7::97]] + [p.text for p in posts[11::131]]:
    print(repr(matcher.match(text)), matcher.scores(text))
"""
"""A matcher learnt from every 20th phrasing and 30th post (built in about two seconds, not the
shipped one's twenty), and how it reads phrasings and posts it did and did not learn from."""


def _built(seed: int, script: str = _BUILD) -> str:
    env = {**os.environ, "PYTHONHASHSEED": str(seed)}
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def test_the_word_tables_do_not_change_with_the_hash_seed() -> None:
    first = _built(1)
    assert first.count("\n") == 2
    assert _built(2) == first and _built(3) == first


def test_a_matcher_reads_alike_whatever_the_hash_seed() -> None:
    first = _built(1, _MATCHER)
    assert first.count("\n") > 100 and "status=" in first
    assert _built(2, _MATCHER) == first
