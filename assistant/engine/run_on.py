"""Where a message typed without full stops would have had them: sentence ends learnt from posts.

People at a tablet, on a phone or dictating often write a whole post as one run-on sentence:
"my therapist wants to start recording our sessions with some ai thing im not against it but
who actually gets to hear the recordings and can i ask for them to be deleted later". Read as
one sentence, its worries blur together: the matcher's sentence-by-sentence reading (which
sentence asks, which adds a point, which worry is raised first) has nothing to work with. The
older rule (`sentences.RUN_ON`) only cut such a message before "and", "but", "so" and
"because", which is where clauses join, not where sentences end.

`SentenceEnds` learns where sentences end from the posts and phrasings the matcher learns from
(content: dialogs/posts/ and dialogs/phrasings.tsv, written with full stops). For each place
between two words, it counts how often a sentence ended there, by the word before and the two
words before, the word after and the two words after (as the language layer reads them):
"it | who can", "say no | would i", "later | also" end sentences; "who | actually", "want to |
hear" do not. A message of one sentence running on for more than `RUN_ON` words is cut where
a sentence end is likelier than not (naive Bayes over the four, each count smoothed towards the
overall rate by `SMOOTHING` places): of those places, the ones whose log odds add up to the most
while every piece keeps at least `CLAUSE_MIN` words. Messages with their full stops are read
as before.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Iterable

from assistant.engine.language import Language, Words
from assistant.engine.sentences import CLAUSE_MIN, split_ends

SMOOTHING = 5.0
"""How many places' worth of the overall rate of sentence ends each count starts from, so that
a word seen once or twice says little."""


class SentenceEnds:
    """Where sentence ends fall between words, learnt from `texts` written with full stops."""

    def __init__(self, texts: Iterable[str], language: Language) -> None:
        self._language = language
        self._read: dict[str, Words] = {}
        lasts: list[str] = []  # each place between two words: the last word-piece before it,
        firsts: list[str] = []  # the first after it,
        seconds: list[str] = []  # the first of the word after that ("" at the end),
        before: list[str] = []  # the last of the word before the last ("" at the start),
        ends: list[bool] = []  # and whether a sentence ended there
        for text in texts:
            words: list[Words] = []
            starts: set[int] = set()
            for sentence in split_ends(text)[::2]:
                read = [w for w in map(self._words, sentence.split()) if w]
                if read and words:
                    starts.add(len(words))
                words += read
            last = [w[-1] for w in words]
            first = [w[0] for w in words]
            lasts += last[:-1]
            firsts += first[1:]
            seconds += [*first[2:], ""][: len(words) - 1]
            before += ["", *last[:-2]][: len(words) - 1]
            ends += [j in starts for j in range(1, len(words))]
        places = Counter(ends)
        if not places[True] or not places[False]:  # nothing learnt: no end is ever likely
            lasts, firsts, seconds, before, ends = [], [], [], [], []
            places = Counter({False: 1})
        rate = places[True] / (places[True] + places[False])
        self._prior = math.log(max(places[True], 1e-9) / places[False])
        self._before = _odds(zip(lasts, ends, strict=True), rate, self._prior)
        self._after = _odds(zip(firsts, ends, strict=True), rate, self._prior)
        pairs_after = [f"{a} {b}" for a, b in zip(firsts, seconds, strict=True)]
        pairs_before = [f"{a} {b}" for a, b in zip(before, lasts, strict=True)]
        self._after_two = _odds(zip(pairs_after, ends, strict=True), rate, self._prior)
        self._before_two = _odds(zip(pairs_before, ends, strict=True), rate, self._prior)

    def _words(self, raw: str) -> Words:
        """One word of the texts learnt from (with its punctuation) as the language layer
        reads it, remembered: the same words come back in many texts."""
        read = self._read.get(raw)
        if read is None:
            read = self._read[raw] = self._language.tokens(raw)
        return read

    def _typed(self, raw: str) -> Words:
        """One word of a client's message as the language layer reads it: looked up among the
        words learnt from, else read and not remembered. Nothing a client types is kept (a
        name typed in a message without full stops stayed in this table, across the kiosk's
        wipes, until stop 64)."""
        read = self._read.get(raw)
        return read if read is not None else self._language.tokens(raw)

    def likelihoods(self, part: str) -> list[float]:
        """For each place between two of `part`'s words (split at spaces), the log odds that a
        sentence ends there (0: as likely as not)."""
        words = [self._typed(raw) for raw in part.split()]
        firsts = [w[0] if w else "" for w in words] + [""]
        lasts = [""] + [w[-1] if w else "" for w in words]  # shifted: lasts[j] ends word j - 1
        return [
            self._prior
            + self._before.get(lasts[j], 0.0)
            + self._after.get(firsts[j], 0.0)
            + self._after_two.get(f"{firsts[j]} {firsts[j + 1]}", 0.0)
            + self._before_two.get(f"{lasts[j - 1]} {lasts[j]}", 0.0)
            for j in range(1, len(words))
        ]

    def split(self, part: str) -> list[str]:
        """`part` cut where sentences likely end: of the places likelier than not, those whose
        log odds add up to the most with every piece at least `CLAUSE_MIN` words (one strong
        end does not shut out two nearby ones that are likely too); or `part` itself."""
        words = part.split()
        odds = self.likelihoods(part)
        # best[j]: the largest sum of odds of cuts ending with one before word j, and the cut
        # before it (0: none)
        best: dict[int, tuple[float, int]] = {}
        for j in range(CLAUSE_MIN, len(words) - CLAUSE_MIN + 1):
            if odds[j - 1] <= 0:
                continue
            earlier = [(total, i) for i, (total, _) in best.items() if i <= j - CLAUSE_MIN]
            total, before = max(earlier, default=(0.0, 0))
            best[j] = (odds[j - 1] + max(0.0, total), before if total > 0 else 0)
        if not best:
            return [part]
        cuts = [len(words)]
        at = max(best, key=lambda j: best[j][0])
        while at:
            cuts.append(at)
            at = best[at][1]
        cuts.append(0)
        cuts.reverse()
        return [" ".join(words[a:b]) for a, b in itertools.pairwise(cuts)]


def _odds(places: Iterable[tuple[str, bool]], rate: float, prior: float) -> dict[str, float]:
    """For each key of `places` (a word or two beside each place, and whether a sentence ended
    there), its log odds of a sentence end less the overall log odds (`prior`), its counts
    smoothed by `SMOOTHING` places at the overall `rate`."""
    counts = Counter(places)
    low, high = SMOOTHING * rate, SMOOTHING * (1 - rate)
    return {
        key: math.log((counts[key, True] + low) / (counts[key, False] + high)) - prior
        for key, _ in counts
    }
