"""Text -> concept tokens: the lexical reading the question matcher and rehearsal scoring share.

The language layer (`language.py`) turns text into words (contractions spelt out, punctuation
dropped); this module mends misspelt words against the known vocabulary
(`language.Mender`), takes irregular forms to their word ("kept" is "keep"), cuts words to
their stems and maps them to shared concepts ("erase", "wipe" and "get rid of" all mean
*delete*), closing up the gapped phrases of `dialogs/lexicon.toml` first ("take my consent
back" is "take back"). The data is content (`lexicon.py` loads it); only the behaviour is here.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence

from assistant.engine.english import english_words
from assistant.engine.language import Language, Mender, default_language
from assistant.engine.lexicon import Lexicon, default_lexicon
from assistant.engine.slips import neighbours
from assistant.engine.words import QUESTION_MEND_MIN, swapped_letters

_WINDOW = 3
"""Concepts up to this many places apart form a pair."""


def stem_word(word: str) -> str:
    """A light suffix stripper: enough for "recordings", "deleted", "judging" to meet, and the
    British and American spellings of "summarise", "analyse" and "behaviour".

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
    if len(word) > 5 and word.endswith(("is", "ys")):  # "summarised" meets "summarized"
        word = word[:-1] + "z"
    elif len(word) > 8 and word.endswith("isation"):  # "organisation", "organization"
        word = word[:-6] + "zation"
    elif len(word) > 5 and word.endswith("our"):  # "behaviour" meets "behavior"
        word = word[:-2] + "r"
    return word


def features(concepts: Sequence[str]) -> set[str]:
    """Each concept, and each unordered pair of concepts close together ("a+b")."""
    feats = set(concepts)
    for i, a in enumerate(concepts):
        for b in concepts[i + 1 : i + 1 + _WINDOW]:
            if a != b:
                feats.add(f"{a}+{b}" if a < b else f"{b}+{a}")
    return feats


SPLIT_MIN = 4
"""Shorter words are never read as two typed without a space."""


class Analyzer:
    """Turns text into concept tokens: mend typos, stem, join phrases, map synonyms.

    Shared with rehearsal scoring, which reads clinicians' answers with the same lexicon.
    `vocabulary` is the text whose words typos are mended towards (besides the lexicon's)."""

    def __init__(
        self,
        lexicon: Lexicon,
        vocabulary: Iterable[str],
        language: Language | None = None,
        heard: Iterable[str] = (),
    ) -> None:
        """`vocabulary`: the content's texts (examples, keywords), whose words are known;
        `heard`: messages clients typed, whose words are known unless they are slips of a
        content word (see below)."""
        self.lexicon = lexicon
        self.language = language or default_language()
        self.stop = lexicon.stop
        self.irregular = lexicon.irregular
        self._stems: dict[str, str] = {}  # filled below, once the known words are gathered
        # Each needle with the gapped phrases that need it: a substring test per needle
        # (str's own search) costs less than one scan with a pattern of all of them. A needle
        # of one word can only be inside a word of a text: those are found word by word, the
        # known words' worked out once (`_word_gaps`, filled below).
        needles = dict.fromkeys(n for gap in lexicon.gapped for n in gap.needs)
        gaps_of = [
            (n, frozenset(i for i, gap in enumerate(lexicon.gapped) if n in gap.needs))
            for n in needles
        ]
        self._spanning = [(n, gaps) for n, gaps in gaps_of if len(n.split()) != 1]
        self._inside = [(n, gaps) for n, gaps in gaps_of if len(n.split()) == 1]
        self._word_gaps: dict[str, frozenset[int]] = {}
        self._learning = True
        """While this is made: each word of the content's texts read here is looked into once
        for gapped phrases (`_word_gaps`), not once a text (some 128,000 looks for 5,000 words
        when a matcher learns from its phrasings); never a word of a client's message."""
        self._needs = [gap.needs for gap in lexicon.gapped]
        self.concept_of: dict[str, str] = {}
        # The lexicon's phrases (two words or more) by their first two stems, longest first.
        self.phrases: dict[tuple[str, str], list[tuple[tuple[str, ...], str]]] = defaultdict(list)
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
                    self.phrases[stems[0], stems[1]].append((stems, concept))
                elif (other := self.concept_of.setdefault(stems[0], concept)) != concept:
                    self.conflicts.append(f"{surface!r} is both {other!r} and {concept!r}")
        for options in self.phrases.values():
            options.sort(key=lambda item: (-len(item[0]), item))
        self._phrase_starts = frozenset(first for first, _ in self.phrases)
        """The stems a phrase opens with: `tag` looks up a word's pair only when it opens one
        (most words open none)."""
        for text in vocabulary:
            targets.update(self.words(text))
        everyday = lexicon.stop | lexicon.common
        # What clients typed (`heard`) is learnt from with its slips: a word of it that is no
        # English word and is one slip from a content word ("insurence") is not known, so it
        # is mended like anyone's, instead of keeping a client's "acurate" from "accurate".
        english = english_words()
        near = neighbours(self.language.keyboard)
        mender = functools.partial(  # a question's words are mended from four letters
            Mender,
            everyday=everyday,
            words=english,
            fallback=everyday,
            near=near,
            shortest=QUESTION_MEND_MIN,
            letter_left_out=True,
        )
        content = mender(targets)
        for text in heard:
            for word in self.words(text):
                if word not in targets and content.mend(word) == word:
                    targets.add(word)
        self.known = frozenset(targets | everyday)
        # The stems of the words the content knows, worked out once (most words of a message
        # are among them); a word a client typed that is not among them is never kept.
        self._stems = {w: self.stem(w) for w in self.known | frozenset(self.irregular)}
        self.known_stems = frozenset(self._stems[w] for w in self.known)
        learnt = self._word_gaps
        self._word_gaps = {
            w: learnt[w] if w in learnt else self._gaps_inside(w) for w in self.known
        }
        self._learning = False
        # Words that take no ending: one of theirs typed is a slip ("nots" is "notes").
        self._uninflected = self.stop | self.language.negations
        # The words that are their own mending, with their stems: one look-up for most words.
        self._as_is = {w: s for w, s in self._stems.items() if s in self.known_stems}
        self._mender = mender(targets)

    def words(
        self, text: str, read: bool = False, among: Collection[int] | None = None
    ) -> list[str]:
        """The words of `text` as the language layer reads them (contractions spelt out,
        punctuation dropped), gapped phrases closed up. With `read`, `text` is already the
        language layer's words joined by spaces (the matcher's sentences) and is not read
        again. `among`: the only gapped phrases that can be needed (`gaps_needed` of a
        message this text is a sentence of), when known."""
        if not read:
            text = " ".join(self.language.tokens(text))
        gaps = self.lexicon.gapped
        tried = self.gaps_needed(text, among)
        order = sorted(tried)
        for i in order:
            if i in tried:  # still needed after the phrases closed up so far
                closed = gaps[i].pattern.sub(gaps[i].becomes, text)
                if closed != text:
                    text = closed
                    tried = self.gaps_needed(text, order)  # only `order` is tried
        return text.split()

    def gaps_needed(self, text: str, among: Collection[int] | None = None) -> set[int]:
        """The gapped phrases (of `among`, when given) one of whose `needs` occurs in `text`
        (anywhere, even inside a word: it only spares trying the others). The phrases needed
        in a sentence are among those needed in the whole message: one scan of every needle
        for a message of several sentences, not one a sentence."""
        found: set[int] = set()
        if among is not None:
            needs = self._needs
            for i in among:  # (plain loops: a generator for `any` costs more than the test)
                for needle in needs[i]:
                    if needle in text:
                        found.add(i)
                        break
            return found
        word_gaps = self._word_gaps
        for word in set(text.split()):
            gaps = word_gaps.get(word)
            if gaps is None:
                gaps = self._gaps_inside(word)
                if self._learning:  # a word of the content's, while this is made
                    word_gaps[word] = gaps
            found |= gaps
        for needle, gaps in self._spanning:
            if needle in text:
                found |= gaps
        return found

    def _gaps_inside(self, word: str) -> frozenset[int]:
        """The gapped phrases one of whose needles of one word is inside `word`."""
        found: set[int] = set()
        for needle, gaps in self._inside:
            if needle in word:
                found |= gaps
        return frozenset(found)

    def stem(self, word: str) -> str:
        """The stem of `word`, irregular forms ("kept") first taken to their word ("keep")."""
        known = self._stems.get(word)
        return known if known is not None else stem_word(self.irregular.get(word, word))

    def topical(self, word: str) -> bool:
        """Whether `word` (lower case) is one of the words a concept of the lexicon holds, as
        typed or mended ("recroding")."""
        return self.stem(word) in self.concept_of or self.stem(self.mend(word)) in self.concept_of

    def mend(self, word: str) -> str:
        """The known word that `word` was most likely meant to be (itself when unsure)."""
        if word in self._as_is:
            return word
        stem = self.stem(word)
        if stem in self.known_stems and stem not in self._uninflected:
            return word  # "charged" is "charges", not "charger"
        return self._mender.mend(word)  # and "nots" is no "not" but a slip of "notes"

    def mend_all(self, words: Iterable[str]) -> list[str]:
        """Each of `words` mended (`mend`), the words that are their own mending at one look-up
        each; a word typed without the space in it ("whocan", "isit") as its two words."""
        as_is, mend = self._as_is, self.mend
        words = tuple(words)
        if as_is.keys() >= set(words):  # the common case: every word known as it is
            return list(words)
        out: list[str] = []
        for word in words:
            if word in as_is:
                out.append(word)
                continue
            mended = mend(word)
            # two words typed as one, unless a letter left out, doubled or moved mends it
            # ("recordin" is "recording"); a letter for another is likelier a missing space
            # ("doesit" is "does it", not "doesnt")
            halves = self.halves(word) if mended == word or self._replaced(word, mended) else None
            out += halves if halves is not None else (mended,)
        return out

    def _replaced(self, typed: str, mended: str) -> bool:
        """Whether mending `typed` into `mended` puts a letter for another."""
        return swapped_letters(typed, mended, self._mender.near)[1] > 0

    def halves(self, word: str) -> tuple[str, str] | None:
        """The two words `word` is when its space was left out ("whocan" is "who can"), or None:
        a word of `SPLIT_MIN` letters or more that is neither known nor English, both halves
        words the content or everyday English knows, of three letters or more unless they carry
        no topic ("is", "i": the lexicon's `stop` words). Of two ways, the one with more words
        that carry no topic ("does it", not "doe sit"), then the one whose shorter half is
        longer."""
        if len(word) < SPLIT_MIN or word in self._mender.words or not word.isalpha():
            return None
        whole, stop = self.known, self.stop
        best: tuple[str, str] | None = None
        rank = (-1, 0)
        for i in range(1, len(word)):
            halves = word[:i], word[i:]
            if all(h in whole and (len(h) > 2 or h in stop) for h in halves):
                this = (sum(h in stop for h in halves), min(map(len, halves)))
                if this > rank:
                    best, rank = halves, this
        return best

    def tag(self, words: Sequence[str]) -> list[tuple[tuple[str, ...], str]]:
        """`words` (from `words()`) in units, in order: the words of each unit (mended) and its
        concept, or its stem for a word no concept claims. A lexicon phrase is one unit."""
        mended: list[str] = []
        stems: list[str] = []
        for word in words:
            stem = self._as_is.get(word)
            if stem is None:
                word = self.mend(word)
                stem = self.stem(word)
            mended.append(word)
            stems.append(stem)
        out: list[tuple[tuple[str, ...], str]] = []
        phrases, starts, concept_of = self.phrases, self._phrase_starts, self.concept_of
        i = 0
        last = len(stems) - 1
        while i <= last:
            stem = stems[i]
            found: tuple[tuple[str, ...], str] | None = None
            if i < last and stem in starts:
                for phrase, concept in phrases.get((stem, stems[i + 1]), ()):
                    if tuple(stems[i : i + len(phrase)]) == phrase:
                        found = phrase, concept
                        break
            if found is None:
                out.append(((mended[i],), concept_of.get(stem, stem)))
                i += 1
            else:
                size = len(found[0])
                out.append((tuple(mended[i : i + size]), found[1]))
                i += size
        return out

    def concepts(
        self, text: str, read: bool = False, among: Collection[int] | None = None
    ) -> list[str]:
        """The concept tokens of `text`, in order, stop words dropped (`read`, `among`: see
        `words`)."""
        return [
            concept
            for unit, concept in self.tag(self.words(text, read, among))
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
