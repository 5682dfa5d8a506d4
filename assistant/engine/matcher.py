"""Question -> concern: which of the client's common worries a typed message is about.

Pure functions over tables built once in `Matcher.__init__`, so a match takes a fraction of a
millisecond and the same text always gets the same answer. A message is scored two ways:

* evidence: the text is read into words by the language layer (`language.py`: contractions
  spelt out, punctuation dropped), misspelt words are mended against the known vocabulary
  (`language.Mender`: one edit away, checked with rapidfuzz's OSA distance),
  irregular forms are taken to their word ("kept" is "keep"), words are cut to their stems and
  mapped to shared concepts ("erase", "wipe" and "get rid of" all mean *delete*). Each concern
  holds weights for the concepts, and pairs of nearby concepts, that its keywords and examples
  use; a feature many concerns share counts less, and the words every message here uses
  (recording, notes, therapist) count little on their own. Long messages are scored sentence
  by sentence: the best sentence counts fully and each other sentence adds a share of its own
  evidence, so a worry buried in a long post, or raised in several of its sentences, stands out.
* likeness: rapidfuzz `token_sort_ratio` between each short sentence and each example, both in
  concept form; the best example of each concern adds to its score. (Never `token_set_ratio`:
  it scores 100 for any subset.)

Questions about something else (parking, bills, the time) compete with an off-topic class,
so "how do I cancel my appointment" is not taken for withdrawing consent. That class gains
from everyday things the lexicon lists ("blood pressure", "lost and found") and, in a short
message that names nothing about recording and points at nothing ("it", "this"), from words no
concern knows ("sushi"); it loses from each anchor word (recording, notes, AI). In a long post
it is judged in the sentence where the worry is, not in the one that mentions the car.

A best score under `CUTOFF` is no concern; at least `SURE` and `MARGIN` ahead of the runner-up
is a sure match; in between the engine should ask "Did you mean A or B?". Fuzzy matching never
decides consent itself: it only picks which answer to show.

All the language data (synonyms, irregular word forms, the off-topic vocabulary, stop words,
gapped phrases) is content in `dialogs/lexicon.toml`, loaded by `assistant.engine.lexicon`;
this module holds only the behaviour.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz, process

from assistant.engine.concerns import Concern
from assistant.engine.language import Language, Mender, default_language
from assistant.engine.lexicon import Lexicon, default_lexicon

CUTOFF = 45.0
"""Below this best score a message fits no concern."""
SURE = 60.0
"""At or above this best score (and `MARGIN` clear of the runner-up) the match is sure."""
MARGIN = 15.0
"""How far the best concern must lead the runner-up for the match to be sure."""

Status = Literal["sure", "unsure", "none"]


@dataclass(frozen=True, slots=True)
class Match:
    """The result of matching one message: the best concern (None when nothing fits)."""

    text: str
    concern: str | None
    score: float
    status: Status
    candidates: tuple[tuple[str, float], ...]


# ---------------------------------------------------------------- tuning
_KEYWORD_WEIGHT = 1.0
"""Weight of a concept named in a concern's keywords."""
_EXAMPLE_WEIGHTS = (0.35, 0.5, 0.6)
"""Weight of a concept seen in one, two, or three or more of a concern's examples."""
_PAIR_WEIGHT = 0.7
"""Weight of two concepts seen close together in an example."""
_WINDOW = 3
"""Concepts up to this many places apart form a pair."""
_TOPIC_WEIGHT = 0.3
"""Share of its weight a topic concept (lexicon `[topics]`) keeps when it is not a keyword."""
_TAU = 1.0
"""Evidence that gives a score of about 63 (1 - 1/e); twice as much gives about 86."""
_REST = 0.4
"""Share of each other sentence's evidence that adds to the best sentence's."""
_LIKENESS_FLOOR = 65.0
"""A likeness (token_sort_ratio) at or below this adds nothing."""
_LIKENESS_SHARE = 0.5
"""How much of the gap to 100 a perfect likeness closes."""
_LIKENESS_MAX_CONCEPTS = 8
"""Messages with more concepts than this are judged on evidence only."""
_ANCHOR_PENALTY = 0.5
"""Evidence taken from the off-topic class for each anchor concept in the message."""
_STRANGER_WEIGHT = 0.3
"""Evidence for the off-topic class from each word no concern knows ("pizza", "marathon"), in
a short message that names nothing about recording and points at nothing ("it", "this")."""
_STRANGERS_MAX = 2
"""At most this many such words count."""
_STRANGER_MAX_CONCEPTS = 6
"""Only messages of one sentence with at most this many concepts are judged so."""
_EXPLAINED_MIN = 0.1
"""A concept that gives some concern at least this weight is known to the concerns."""

_OFFTOPIC = "(none)"
"""The id of the off-topic class; never returned as a concern."""

_SENTENCE_END = re.compile(r"[.!?;\n]+|\s-\s|,\s*(?:but|and so|so)\s")


def _stem(word: str) -> str:
    """A light suffix stripper: enough for "recordings", "deleted", "judging" to meet.

    Never cached: a cache would keep words a client typed after the kiosk wipes the session."""
    if len(word) <= 3 or word.isdigit():
        return word
    if len(word) > 4 and word.endswith(("ies", "ied")):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "shes", "ches", "xes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 4 and word.endswith("ed"):
        word = word[:-2]
    if len(word) > 4 and word[-1] == word[-2] and word[-1] not in "aeiouylsz":
        word = word[:-1]
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return word


def _features(concepts: Sequence[str]) -> set[str]:
    """Each concept, and each unordered pair of concepts close together ("a+b")."""
    feats = set(concepts)
    for i, a in enumerate(concepts):
        for b in concepts[i + 1 : i + 1 + _WINDOW]:
            if a != b:
                feats.add(f"{a}+{b}" if a < b else f"{b}+{a}")
    return feats


def _sentences(text: str) -> list[str]:
    return [p for p in _SENTENCE_END.split(text) if p and p.strip()] or [text]


class Analyzer:
    """Turns text into concept tokens: mend typos, stem, join phrases, map synonyms.

    Shared with rehearsal scoring, which reads clinicians' answers with the same lexicon.
    `vocabulary` is the text whose words typos are mended towards (besides the lexicon's)."""

    def __init__(
        self, lexicon: Lexicon, vocabulary: Iterable[str], language: Language | None = None
    ) -> None:
        self.lexicon = lexicon
        self.language = language or default_language()
        self.stop = lexicon.stop
        self.irregular = lexicon.irregular
        # One scan finds every gapped phrase's needle: at each place the longest needle that
        # starts there, which also stands for the shorter needles it contains.
        needles = sorted({n for gap in lexicon.gapped for n in gap.needs}, key=lambda n: -len(n))
        self._gaps_of_needle = {
            n: {i for i, gap in enumerate(lexicon.gapped) if any(m in n for m in gap.needs)}
            for n in needles
        }
        self._needle_scan = re.compile(
            "(?=(" + "|".join(map(re.escape, needles)) + "))" if needles else "(?!)()"
        )
        self.concept_of: dict[str, str] = {}
        self.phrases: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
        self.conflicts: list[str] = []
        """Words two concepts claim (a test keeps this empty)."""
        targets: set[str] = set()
        phrase_of: dict[tuple[str, ...], str] = {}
        for concept, surfaces in lexicon.concepts.items():
            for surface in surfaces:
                words = self.words(surface)
                targets.update(words)
                stems = tuple(self.stem(w) for w in words)
                if len(stems) > 1:
                    if (other := phrase_of.setdefault(stems, concept)) != concept:
                        self.conflicts.append(f"{surface!r} is both {other!r} and {concept!r}")
                    self.phrases[stems[0]].append((stems, concept))
                elif (other := self.concept_of.setdefault(stems[0], concept)) != concept:
                    self.conflicts.append(f"{surface!r} is both {other!r} and {concept!r}")
        for options in self.phrases.values():
            options.sort(key=lambda item: (-len(item[0]), item))
        for text in vocabulary:
            targets.update(self.words(text))
        everyday = lexicon.stop | lexicon.common
        self.known = frozenset(targets | everyday)
        self.known_stems = frozenset(self.stem(w) for w in self.known)
        self._mender = Mender(targets, everyday)

    def words(self, text: str) -> list[str]:
        """The words of `text` as the language layer reads them (contractions spelt out,
        punctuation dropped), gapped phrases closed up."""
        text = " ".join(self.language.tokens(text))
        gaps = self.lexicon.gapped
        tried = self._gaps_needed(text)
        for i in sorted(tried):
            if i in tried:  # still needed after the phrases closed up so far
                closed = gaps[i].pattern.sub(gaps[i].becomes, text)
                if closed != text:
                    text = closed
                    tried = self._gaps_needed(text)
        return text.split()

    def _gaps_needed(self, text: str) -> set[int]:
        """The gapped phrases whose `needs` occur in `text`, found in one scan."""
        found: set[int] = set()
        for hit in self._needle_scan.finditer(text):
            found |= self._gaps_of_needle[hit.group(1)]
        return found

    def stem(self, word: str) -> str:
        """The stem of `word`, irregular forms ("kept") first taken to their word ("keep")."""
        return _stem(self.irregular.get(word, word))

    def mend(self, word: str) -> str:
        """The known word that `word` was most likely meant to be (itself when unsure)."""
        if self.stem(word) in self.known_stems:  # "charged" is "charges", not "charger"
            return word
        return self._mender.mend(word)

    def tag(self, words: Sequence[str]) -> list[tuple[tuple[str, ...], str]]:
        """`words` (from `words()`) in units, in order: the words of each unit (mended) and its
        concept, or its stem for a word no concept claims. A lexicon phrase is one unit."""
        mended = [self.mend(w) for w in words]
        stems = [self.stem(w) for w in mended]
        out: list[tuple[tuple[str, ...], str]] = []
        i = 0
        while i < len(stems):
            for phrase, concept in self.phrases.get(stems[i], ()):
                if tuple(stems[i : i + len(phrase)]) == phrase:
                    out.append((tuple(mended[i : i + len(phrase)]), concept))
                    i += len(phrase)
                    break
            else:
                out.append(((mended[i],), self.concept_of.get(stems[i], stems[i])))
                i += 1
        return out

    def concepts(self, text: str) -> list[str]:
        """The concept tokens of `text`, in order, stop words dropped."""
        return [
            concept
            for unit, concept in self.tag(self.words(text))
            if len(unit) > 1 or unit[0] not in self.stop
        ]


def lexicon_problems(lexicon: Lexicon | None = None) -> list[str]:
    """What is wrong with the language data, for a test to keep empty: words two concepts
    claim once stemmed (the loader already refuses the same text twice), and gapped phrases
    that do not close up into one word or into concepts only."""
    analyzer = Analyzer(lexicon or default_lexicon(), ())
    problems = list(analyzer.conflicts)
    for gap in analyzer.lexicon.gapped:
        if "\\" in gap.becomes:
            continue
        got = analyzer.concepts(gap.becomes)
        if len(got) != 1 and not all(c in analyzer.lexicon.concepts for c in got):
            problems.append(f"{gap.pattern.pattern!r} gives {gap.becomes!r}: {got}")
    return problems


class Matcher:
    """Matches client messages to concerns. Build once (it precomputes everything), then call
    `match` as often as needed; it is deterministic and keeps no state between calls.

    `lexicon` defaults to `dialogs/lexicon.toml`, loaded once per process."""

    def __init__(
        self,
        concerns: Sequence[Concern],
        lexicon: Lexicon | None = None,
        language: Language | None = None,
    ) -> None:
        lex = lexicon if lexicon is not None else default_lexicon()
        self.lexicon = lex
        self.ids: tuple[str, ...] = (*(c.id for c in concerns), _OFFTOPIC)
        sources = [(c.examples, c.keywords) for c in concerns]
        sources.append((lex.offtopic_examples, lex.offtopic_keywords))
        self._analyzer = Analyzer(lex, (t for ex, kw in sources for t in (*ex, *kw)), language)
        self._topics = lex.topics
        self._cues = lex.anchors | frozenset(lex.topics)
        self._pointers = lex.pointers
        self._anchors = lex.anchors
        self._examples: list[str] = []
        self._example_owner: list[int] = []
        strength = [self._strength(i, ex, kw) for i, (ex, kw) in enumerate(sources)]
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
                    p in self._topics and self._topics[p] != self.ids[i] for p in parts
                ):
                    weight *= _TOPIC_WEIGHT
                index[f].append((i, weight))
        self._index = {f: tuple(v) for f, v in index.items()}
        off = len(self.ids) - 1
        self._explained = frozenset(
            f
            for f, v in self._index.items()
            if "+" not in f and any(i != off and w >= _EXPLAINED_MIN for i, w in v)
        )

    def _strength(
        self, owner: int, examples: Sequence[str], keywords: Sequence[str]
    ) -> dict[str, float]:
        """One class's raw feature weights, from its examples and keywords."""
        counts: dict[str, int] = defaultdict(int)
        weights: dict[str, float] = {}
        for example in examples:
            concepts = self._analyzer.concepts(example)
            self._examples.append(" ".join(concepts))
            self._example_owner.append(owner)
            for f in _features(concepts):
                if "+" in f:
                    weights[f] = _PAIR_WEIGHT
                else:
                    counts[f] += 1
        for f, n in counts.items():
            weights[f] = _EXAMPLE_WEIGHTS[min(n, len(_EXAMPLE_WEIGHTS)) - 1]
        for keyword in keywords:
            for f in self._analyzer.concepts(keyword):
                weights[f] = _KEYWORD_WEIGHT
        if owner == len(self.ids) - 1:  # the off-topic class
            for f in self.lexicon.offtopic_concepts:
                weights[f] = _KEYWORD_WEIGHT
        return weights

    def _evidence(self, feats: Iterable[str]) -> list[float]:
        totals = [0.0] * len(self.ids)
        for f in feats:
            for i, w in self._index.get(f, ()):
                totals[i] += w
        return totals

    def _strangers(self, concepts: Sequence[str], feats: set[str], text: str) -> float:
        """Off-topic evidence from words no concern knows, in a short message that neither
        names the recording (anchors, topics) nor points at it ("can police get this")."""
        if (
            len(concepts) > _STRANGER_MAX_CONCEPTS
            or not self._cues.isdisjoint(feats)
            or not self._pointers.isdisjoint(text.lower().replace("'", " ").split())
        ):
            return 0.0
        strangers = sum(1 for c in concepts if c not in self._explained)
        return _STRANGER_WEIGHT * min(strangers, _STRANGERS_MAX)

    def _likeness(self, sentence: str) -> list[float]:
        best = [0.0] * len(self.ids)
        for _, score, k in process.extract(
            sentence,
            self._examples,
            scorer=fuzz.token_sort_ratio,
            processor=None,  # already normalised in `Analyzer.words`
            limit=None,
            score_cutoff=_LIKENESS_FLOOR,
        ):
            owner = self._example_owner[k]
            best[owner] = max(best[owner], float(score))
        return best

    def scores(self, text: str) -> list[tuple[str, float]]:
        """Every class (the concerns, then the off-topic class) with its 0..100 score."""
        per_sentence = [c for c in map(self._analyzer.concepts, _sentences(text)) if c]
        if not per_sentence:
            return [(cid, 0.0) for cid in self.ids]
        feats = [_features(c) for c in per_sentence]
        everything = set().union(*feats)
        if len(feats) == 1:
            evidence = self._evidence(feats[0])
            evidence[-1] += self._strangers(per_sentence[0], everything, text)
        else:
            # The best sentence counts fully and every other one adds a share of its own
            # evidence, so the worry a long post comes back to stands out.
            parts = [self._evidence(f) for f in feats]
            evidence = [
                max(col) + _REST * (sum(col) - max(col)) for col in zip(*parts, strict=True)
            ]
            # Small talk is judged where the worry is: a car or a phone in another sentence of
            # a long post does not make the post off-topic.
            evidence[-1] = max(parts, key=lambda p: max(p[:-1]))[-1]
        anchors = len(self._anchors & everything)
        evidence[-1] = max(0.0, evidence[-1] - _ANCHOR_PENALTY * anchors)
        likeness = [0.0] * len(self.ids)
        if sum(map(len, per_sentence)) <= _LIKENESS_MAX_CONCEPTS:  # short questions only
            for concepts in per_sentence:
                for i, s in enumerate(self._likeness(" ".join(concepts))):
                    likeness[i] = max(likeness[i], s)
        result = []
        for i, cid in enumerate(self.ids):
            from_evidence = 1.0 - math.exp(-evidence[i] / _TAU)
            from_likeness = max(0.0, likeness[i] - _LIKENESS_FLOOR) / (100 - _LIKENESS_FLOOR)
            combined = 1.0 - (1.0 - from_evidence) * (1.0 - _LIKENESS_SHARE * from_likeness)
            result.append((cid, round(100.0 * combined, 1)))
        return result

    def match(self, text: str) -> Match:
        """The concern `text` is about, how sure the match is, and the two best candidates."""
        scored = self.scores(text)
        off = scored.pop()[1]
        ranked = sorted(scored, key=lambda item: (-item[1], item[0]))
        (best, score), (_, second) = ranked[0], ranked[1]
        candidates = (ranked[0], ranked[1])
        if score < CUTOFF or off >= score:
            return Match(text, None, score, "none", candidates)
        status: Status = "sure" if score >= SURE and score - second >= MARGIN else "unsure"
        return Match(text, best, score, status, candidates)
