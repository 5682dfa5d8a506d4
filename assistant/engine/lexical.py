"""The lexical half of the question matcher: evidence from the words a message shares with each
concern's keywords and examples, and likeness to its examples (rapidfuzz, for near-phrasings).

Each concern holds weights for the concepts, and pairs of nearby concepts, that its keywords
and examples use (`analyzer.py` reads text into concepts); a feature many concerns share counts
less, and the words every message here uses (recording, notes, therapist) count little on
their own. Short sentences are also compared, in concept form, with every example by
`token_sort_ratio` (never `token_set_ratio`: it scores 100 for any subset), computed as
`ratio` of the sorted words, the examples sorted once when the scorer is built.

Questions about something else (parking, bills, the time) compete with an off-topic class
built the same way from the lexicon's `[offtopic]` table; it loses from each anchor word
(recording, notes, AI) and, in a short message that names nothing about recording and points at
nothing ("it", "this"), gains from words no concern knows.

The result is per sentence, so the matcher can weigh a long post's sentences and find a second
worry in it. Pure functions over tables built once; nothing is cached by text.
"""

from __future__ import annotations

import bisect
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import fuzz, process

from assistant.engine.analyzer import Analyzer, features
from assistant.engine.lexicon import Lexicon

Scores = NDArray[np.float64]

_KEYWORD_WEIGHT = 1.0
"""Weight of a concept named in a concern's keywords."""
_EXAMPLE_WEIGHTS = (0.35, 0.5, 0.6)
"""Weight of a concept seen in one, two, or three or more of a concern's examples (or of
the messages heard about it: see `Source`)."""
_HEARD_MIN = 2
"""How many messages heard about a class must use a concept its examples and keywords do
not name before the concept counts for it. Holding each round of phrasings out in turn
(`bench/bench_matcher_folds.py`, dev), 1, 2 and 3 did about as well (short questions 94.4-94.6%,
posts 94.0-94.1%, off-topic 94.2-94.8%); a single use may be chance, so 2. Counting their pairs
of nearby concepts as well, as examples' are, lost posts (94.0 -> 92.3%)."""
_PAIR_WEIGHT = 0.7
"""Weight of two concepts seen close together in an example."""
_TOPIC_WEIGHT = 0.3
"""Share of its weight a topic concept (lexicon `[topics]`) keeps when it is not a keyword."""
_TAU = 1.0
"""Evidence that gives a score of about 63 (1 - 1/e); twice as much gives about 86."""
_LIKENESS_FLOOR = 65.0
"""A likeness (token_sort_ratio) at or below this adds nothing."""
_LIKENESS_SHARE = 0.5
"""How much of the gap to 100 a perfect likeness closes."""
_LIKENESS_MAX_CONCEPTS = 8
"""Messages with more concepts than this are judged on evidence only."""
_LIKENESS_MIN_CONCEPTS = 2
"""A sentence of one concept is no likeness: one shared word is not a phrasing."""
_ANCHOR_PENALTY = 0.5
"""Evidence taken from the off-topic class for each anchor concept in the message."""
_STRANGER_WEIGHT = 0.3
"""Evidence for the off-topic class from each word no concern knows, in a short message that
names nothing about recording and points at nothing ("it", "this")."""
_STRANGERS_MAX = 2
"""At most this many such words count."""
_STRANGER_MAX_CONCEPTS = 6
"""Only messages of one sentence with at most this many concepts are judged so."""
_EXPLAINED_MIN = 0.1
"""A concept that gives some concern at least this weight is known to the concerns."""
_SUPPORT_MIN = 0.05
"""A feature that gives a class at least this weight counts as one of its supports."""


@dataclass(frozen=True, slots=True)
class Source:
    """One class's training text: its examples and keywords, and `heard`, messages clients
    have typed about it (`phrasings.py`), which give weaker evidence: a concept counts once
    two of them use it (one may be chance, and most of a message is not the worry), their
    pairs of nearby concepts do not count, and a message is not compared with them for
    likeness (holding each round of phrasings out in turn, comparing with them too found no
    more worries, and took a quarter more time a message)."""

    examples: tuple[str, ...]
    keywords: tuple[str, ...]
    heard: tuple[str, ...] = ()


class LexicalScorer:
    """Scores sentences against classes (the concerns, then the off-topic class, last)."""

    def __init__(
        self, analyzer: Analyzer, lexicon: Lexicon, ids: Sequence[str], sources: Sequence[Source]
    ) -> None:
        self.analyzer = analyzer
        self._ids = tuple(ids)
        self.lexicon = lexicon
        self.size = len(sources)
        self._off = self.size - 1
        self._topics = lexicon.topics
        self._cues = lexicon.anchors | frozenset(lexicon.topics)
        self._pointers = lexicon.pointers
        self._anchors = lexicon.anchors
        self._examples: list[str] = []
        self._example_owner: list[int] = []
        strength = [self._strength(i, s) for i, s in enumerate(sources)]
        # Each distinct example text is compared once, and its likeness goes to each class
        # one of whose examples reads the same (`_owners`, mostly one class). They are kept
        # shortest first: only those of a length that can reach the floor are read.
        self._distinct = sorted(dict.fromkeys(self._examples), key=len)
        self._lengths = [len(text) for text in self._distinct]
        position = {text: i for i, text in enumerate(self._distinct)}
        owners: list[list[int]] = [[] for _ in self._distinct]
        for text, owner in zip(self._examples, self._example_owner, strict=True):
            if owner not in owners[position[text]]:
                owners[position[text]].append(owner)
        self._owners = [tuple(o) for o in owners]
        # which distinct examples use each concept (shortest first, as `_distinct`): a
        # sentence is compared only with those that share a concept with it
        sharing: dict[str, list[int]] = defaultdict(list)
        for row, text in enumerate(self._distinct):
            for concept in dict.fromkeys(text.split()):
                sharing[concept].append(row)
        self._sharing = dict(sharing)
        self._sharing_texts = {
            concept: [self._distinct[r] for r in rows] for concept, rows in sharing.items()
        }
        spread: dict[str, int] = defaultdict(int)
        total: dict[str, float] = defaultdict(float)
        for weights in strength:
            for f, w in weights.items():
                spread[f] += 1
                total[f] += w
        # feature -> ((class, weight), ...). A class keeps less of a feature the more of it
        # other classes hold; a pair of two widely shared concepts ("someone" + "recording")
        # weighs less than a pair with one telling concept; topic words alone weigh little.
        index: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for i, weights in enumerate(strength):
            for f, w in weights.items():
                weight = w * math.sqrt(w / total[f])
                parts = f.split("+")
                if len(parts) == 2:
                    weight *= max(1 / math.sqrt(spread.get(p, 1)) for p in parts)
                if w < _KEYWORD_WEIGHT and all(
                    p in self._topics and self._topics[p] != self._ids[i] for p in parts
                ):
                    weight *= _TOPIC_WEIGHT
                index[f].append((i, weight))
        self._index = {f: tuple(v) for f, v in index.items()}
        # the same as a table, a row a feature, a column a class: a sentence's evidence is
        # the sum of its features' rows; and which of them give a class its support
        self._row_of = {f: row for row, f in enumerate(self._index)}
        self._weights = np.zeros((len(self._index), self.size))
        for f, v in self._index.items():
            for i, w in v:
                self._weights[self._row_of[f], i] += w
        # (one byte an entry, summed in 64 bits: an eighth of the memory a message reads)
        self._supports = (self._weights >= _SUPPORT_MIN).astype(np.int8)
        self._explained = frozenset(
            f
            for f, v in self._index.items()
            if "+" not in f and any(i != self._off and w >= _EXPLAINED_MIN for i, w in v)
        )

    def _strength(self, owner: int, source: Source) -> dict[str, float]:
        """One class's raw feature weights, from its examples, keywords and messages heard."""
        counts: dict[str, int] = defaultdict(int)
        heard: dict[str, int] = defaultdict(int)
        weights: dict[str, float] = {}
        for i, example in enumerate((*source.examples, *source.heard)):
            concepts = self.analyzer.concepts(example)
            if i < len(source.examples):
                # token_sort_ratio is `ratio` of the words sorted: sort the examples once here.
                self._examples.append(" ".join(sorted(concepts)))
                self._example_owner.append(owner)
            for f in features(concepts):
                if "+" not in f:
                    (counts if i < len(source.examples) else heard)[f] += 1
                elif i < len(source.examples):
                    weights[f] = _PAIR_WEIGHT
        for f, n in heard.items():
            if counts.get(f) or n >= _HEARD_MIN:
                counts[f] += n
        for f, n in counts.items():
            weights[f] = _EXAMPLE_WEIGHTS[min(n, len(_EXAMPLE_WEIGHTS)) - 1]
        for keyword in source.keywords:
            for f in self.analyzer.concepts(keyword):
                weights[f] = _KEYWORD_WEIGHT
        if owner == self.size - 1:  # the off-topic class
            for f in self.lexicon.offtopic_concepts:
                weights[f] = _KEYWORD_WEIGHT
        return weights

    def _rows(self, feats: Iterable[str]) -> list[int]:
        """The rows of `feats` in the feature tables (a feature no class holds has none)."""
        return [row for row in map(self._row_of.get, feats) if row is not None]

    def names_recording(self, text: str) -> bool:
        """True when `text` names the recording or what it is about (an anchor or topic concept:
        "note", "record", "therapy") or points at something ("can they hear it"); the pointing
        words first, which need no reading of the text. Its words are read as the lexicon's
        phrases close them up and, failing that, as typed: a phrase read as one concept may take
        in the word that names the recording ("where do the recordings go" is "where stored")."""
        if self._points(text):
            return True
        analyzer = self.analyzer  # (the cues are single concepts: no pairs are needed)
        if not self._cues.isdisjoint(analyzer.concepts(text)):
            return True
        typed = analyzer.tag(analyzer.language.tokens(text))
        return not self._cues.isdisjoint(concept for _, concept in typed)

    def _names_or_points(self, feats: set[str], text: str) -> bool:
        """`names_recording`, with the features of `text`'s concepts worked out already."""
        return not self._cues.isdisjoint(feats) or self._points(text)

    def _points(self, text: str) -> bool:
        """Whether `text` holds one of the lexicon's pointing words ("it", "this", "they"),
        between spaces: "it?" and "this," are not read as pointing. (Read as words instead, in
        stop 60: 3 of the check sets' worries that the matcher reads as no concern went to the
        clinician as unknown questions instead of to the front desk as small talk, but so did 19
        more lines of their small talk; held out by round, 1 more short question was read right
        and nothing else moved. Left as it is.)"""
        return not self._pointers.isdisjoint(text.lower().replace("'", " ").split())

    def _strangers(self, concepts: Sequence[str], feats: set[str], text: str) -> float:
        """Off-topic evidence from words no concern knows, in a short message that neither
        names the recording (anchors, topics) nor points at it ("can police get this")."""
        if len(concepts) > _STRANGER_MAX_CONCEPTS or self._names_or_points(feats, text):
            return 0.0
        strangers = sum(1 for c in concepts if c not in self._explained)
        return _STRANGER_WEIGHT * min(strangers, _STRANGERS_MAX)

    def _likeness(self, sentence: str) -> list[float]:
        """The best likeness (0..100, under `_LIKENESS_FLOOR` as 0) of `sentence` to each
        class's examples: rapidfuzz's `cdist`, kept as numbers, not tuples.

        Only the examples that share a concept with `sentence` are compared, about a tenth of
        them: a near-phrasing says at least one of the same things, and an example that shares
        none reached the floor by letters alone ("breach server" for "breech screw"), never by
        more than a few points. And the ratio of two
        texts of lengths m <= n is at most 200 m / (m + n), so only examples from
        `floor / (200 - floor)` to `(200 - floor) / floor` times the sentence's length can
        reach the floor (a character of slack each way); the others are 0 without being
        compared."""
        words = sentence.split()
        query = " ".join(sorted(words))
        size = len(query)
        low = bisect.bisect_left(
            self._lengths, size * _LIKENESS_FLOOR / (200 - _LIKENESS_FLOOR) - 1
        )
        high = bisect.bisect_right(
            self._lengths, size * (200 - _LIKENESS_FLOOR) / _LIKENESS_FLOOR + 1
        )
        # each concept's examples of those lengths (one that shares two concepts is compared
        # twice: the same likeness, and cheaper than gathering them without repeats)
        rows: list[int] = []
        texts: list[str] = []
        for word in dict.fromkeys(words):
            shared = self._sharing.get(word)
            if shared:
                first, last = bisect.bisect_left(shared, low), bisect.bisect_left(shared, high)
                rows += shared[first:last]
                texts += self._sharing_texts[word][first:last]
        best = [0.0] * self.size
        if rows:
            found = process.cdist(
                [query],
                texts,
                scorer=fuzz.ratio,
                processor=None,  # already normalised by the analyzer
                score_cutoff=_LIKENESS_FLOOR,
                dtype=np.float64,
            )[0]
            owners = self._owners
            for j in found.nonzero()[0].tolist():  # most are under the floor: 0
                score = float(found[j])
                for owner in owners[rows[j]]:
                    if score > best[owner]:
                        best[owner] = score
        return best

    def read(self, sentences: Sequence[str], whole: str) -> Reading:
        """The evidence of each sentence (of `whole`) for every class, and the likeness of a
        short message to each class's examples. A sentence with no concepts has no evidence.
        The sentences are already read by the language layer (its words joined by spaces)."""
        among = self.analyzer.gaps_needed(" ".join(sentences)) if len(sentences) > 1 else None
        concepts = [self.analyzer.concepts(s, True, among) for s in sentences]
        feats = [features(c) for c in concepts]
        everything: set[str] = set().union(*feats) if feats else set()
        anchors = len(self._anchors & everything)
        single = sum(1 for c in concepts if c) == 1
        evidence = np.zeros((len(concepts), self.size))
        for row, sentence_concepts, sentence_feats in zip(evidence, concepts, feats, strict=True):
            if rows := self._rows(sentence_feats):
                row[:] = np.add.reduce(self._weights.take(rows, axis=0), axis=0)
            if single and sentence_concepts:
                row[-1] += self._strangers(sentence_concepts, everything, whole)
            row[-1] = max(0.0, row[-1] - _ANCHOR_PENALTY * anchors)
        likeness = [0.0] * self.size
        if 0 < sum(map(len, concepts)) <= _LIKENESS_MAX_CONCEPTS:  # short questions only
            for sentence_concepts in concepts:
                if len(sentence_concepts) >= _LIKENESS_MIN_CONCEPTS:
                    near = self._likeness(" ".join(sentence_concepts))
                    likeness = [max(a, b) for a, b in zip(likeness, near, strict=True)]
        rows = self._rows(everything)
        support: NDArray[np.int64] = (
            np.add.reduce(self._supports.take(rows, axis=0), axis=0, dtype=np.int64)
            if rows
            else np.zeros(self.size, dtype=np.int64)
        )
        known = [
            not self._explained.isdisjoint(c)
            or not self._anchors.isdisjoint(c)
            or not self._pointers.isdisjoint(s.split())
            for c, s in zip(concepts, sentences, strict=True)
        ]
        return Reading(evidence, likeness, known, support)


@dataclass(frozen=True, slots=True)
class Reading:
    """What the lexical scorer found in one message."""

    evidence: Scores
    """Per sentence (a row each), the evidence for each class (0 and up)."""
    likeness: list[float]
    """Per class, the best likeness (0..100) of a short message to one of its examples."""
    known: list[bool]
    """Per sentence, whether it uses any word the concerns know or points at the recording
    ("do other offices do *this*"); gibberish and small talk of unknown words do not."""
    support: NDArray[np.int64]
    """Per class, how many of the message's features (concepts, pairs) give it some weight:
    one alone is a single telling word ("report" in "who do I report a broken toilet to")."""


def evidence_units(evidence: Scores) -> Scores:
    """Evidence in units where 1 gives a score of about 0.63 (1 - 1/e)."""
    result: Scores = evidence / _TAU
    return result


def likeness_scores(likeness: Scores) -> Scores:
    """Likeness (0..100) as the 0..1 share of the gap to a full score it closes."""
    result: Scores = (
        _LIKENESS_SHARE * np.maximum(0.0, likeness - _LIKENESS_FLOOR) / (100 - _LIKENESS_FLOOR)
    )
    return result
