"""A second signal for the safety net: how strongly a message's words lean towards crisis.

The phrase list of `safety.toml` finds what its writers thought of; a client who says it
another way ("my CO told me to get help, I keep cleaning my rifle") is missed. This is a
naive Bayes word-odds model: for every word and pair of neighbouring words, the log of how
much more often it appears in the crisis examples than in the ordinary ones
(`dialogs/safety_examples.toml`, plus the content's own ordinary questions). A message's score
is the sum of its known features' log-odds divided by the square root of how many it has
(so a long, ordinary message does not add up to an alarm by length alone), plus the prior.
It is trained once when the content loads, in a few milliseconds; it keeps nothing a client
types. Above `threshold` it flags the message; the safety reply only offers help, so a false
alarm costs a moment.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from itertools import pairwise

from assistant.engine.language import Words

SMOOTHING = 1.0
"""Laplace smoothing: a feature seen once on one side only does not decide on its own."""


def features(words: Words) -> set[str]:
    """The words of a message and each pair of neighbouring words."""
    return set(words) | {f"{a}_{b}" for a, b in pairwise(words)}


class WordOdds:
    """Log-odds of crisis for each word and word pair seen in the examples."""

    def __init__(self, crisis: Iterable[Words], ordinary: Iterable[Words]) -> None:
        in_crisis: Counter[str] = Counter()
        in_ordinary: Counter[str] = Counter()
        n_crisis = n_ordinary = 0
        for words in crisis:
            in_crisis.update(features(words))
            n_crisis += 1
        for words in ordinary:
            in_ordinary.update(features(words))
            n_ordinary += 1
        if not n_crisis or not n_ordinary:
            raise ValueError("word odds need crisis and ordinary examples")
        self.prior = math.log(n_crisis / n_ordinary)
        crisis_total = n_crisis + 2 * SMOOTHING
        ordinary_total = n_ordinary + 2 * SMOOTHING
        self._odds = {
            f: math.log((in_crisis[f] + SMOOTHING) / crisis_total)
            - math.log((in_ordinary[f] + SMOOTHING) / ordinary_total)
            for f in set(in_crisis) | set(in_ordinary)
        }

    def score(self, words: Words) -> float:
        """How strongly `words` lean towards crisis (0 is even; the prior alone if none known)."""
        known = [self._odds[f] for f in features(words) if f in self._odds]
        return self.prior + (sum(known) / math.sqrt(len(known)) if known else 0.0)
