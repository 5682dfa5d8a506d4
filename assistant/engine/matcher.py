"""Question -> concern: which of the client's common worries a typed message is about.

The matcher learns from each concern's examples and keywords (concerns.toml), the lexicon's
off-topic examples, and messages clients have typed, each under its concern or as small talk
(`phrasings.py`, dialogs/phrasings.tsv: about 8,200 questions and worries told or implied in
passing, and 1,700 lines of small talk, in many voices, against about 900 examples), and, for
a message of several sentences, how about 3,700 posts clients have written point at their main
and second worries (`heard_posts.py`, dialogs/posts/). Three readings of the same message are
fused:

* lexical (`lexical.py`): the words it shares with each concern's keywords and examples, read
  through the lexicon's synonyms and with typos mended (never a real English word: "cancer" is
  no slip of "cancel", `english.py`; two words typed without a space, "whocan", are read as
  two: `analyzer.py`), plus rapidfuzz likeness to the examples for near-phrasings. Sure of
  itself when the client uses the words we listed.
* semantic (`semantic.py`): a sentence vector from the WordLlama model in its wheel, scored by
  a small classifier trained on the same examples when the matcher is built, plus the likeness
  of the pieces of its words to each concern's (`grams.py`). "Could an attorney demand my
  files" is near "can a lawyer get my records" without anyone listing "attorney", and
  "hackable??" shares " hack" with "can it be hacked".
* wording (`wording.py`): a ridge regression over the whole message's words and its pairs of
  words ("say no", "my notes", "get rid"), learnt from the same texts: which words and pairs
  tell one concern from the others, where the centroids of the semantic reading weigh every
  word its examples use, and a worry asked about in several unlike ways ("can I say no", "will
  I be sent to the back of the queue") is learnt way by way. A message of several sentences is
  also read by a second such regression learnt from the posts (`POST_WORDING`): a story carries
  its worry in words short questions never use.

The readings give evidence for each concern, added as a noisy-or and turned into a 0..100 score.
Long messages are split into sentences (and a sentence that asks two things joined by "and", "who
reads it and how long is it kept?", into two, whose first half's worry is answered first when the
halves' worries are the two best, as is the first of two questions typed at once, "Who reads it?
How long is it kept?"): the best sentence counts fully and each other one adds a share
(later ones, and ones that open by adding a point, "also ...", a little less; the sentences and
their kinds are `sentences.py`), and the post read as a whole adds its theme and
what the posts learnt from say a post like it is about (`POST`), so the worry a post raises first
or comes back to stands out (`main_worry.py` takes a second look at the two best); a second,
different worry the post raises too is returned as `also`, so the engine can offer it ("You also
asked about ..."): `second_worry.py` weighs what the sentences and the whole say for each other
concern with a regression learnt from the tune posts, in which a sentence that adds a point ("And
separately, can I get a copy?") counts for much. In a short message of one question and the story
around it, only the question raises one ("I'm not a lawyer. What am I agreeing to?" raises no worry
about the courts; a sentence asks with a question mark, a question word first, or a phrase such as
"I want to know" from the lexicon's `asking` list). Of two worries a post weighs about equally, the
one more of its sentences are about is the main one, though another sentence asks about the other
(`SUPPORT_LEAD`), and of two it is equally about, the one its first worried sentence raises
(`FIRST_RAISED`); but of the two leading worries, the one a sentence stresses ("what I really need
to know is ...", "my main worry": the lexicon's `stressing` list) is the main one. When some
sentences ask, they are counted in their own order and the story around them gives any concern only
a capped share (`NARRATIVE_CAP`): "English is not my first language" before a question about the
courts is context, not a worry about accuracy; a sentence that plainly tells the story (a greeting,
thanks, "I'm a nurse", "last week ...") gives still less (`TOLD_CAP`). What of a message is not
read at all (greetings and thanks around a question, asides, signatures, some emoji, a sentence
that only excuses how the post is written) and how one typed without full stops is cut into
sentences is `message_parts.py`.

Questions about something else (parking, bills, the time) compete with an off-topic class, built
the same two ways from the lexicon's `[offtopic]` table and judged in the sentence where the
worry is, not in the one that mentions the car. A best score under `CUTOFF` is no concern; at
least `SURE`, clearly ahead of the runner-up (`MARGIN`, `RIVAL`) and of small talk
(`SMALL_TALK`), and the best of both readings taken alone, is a sure match, unless one word
of a concern is all that holds it in what reads as small talk (`ERRAND`: "can you turn the
telly off"); in between the engine asks "Did you mean A or B?". Fuzzy matching never decides
consent itself: it only picks which answer to show. The thresholds and weights are
`matcher_settings.py`; which of two worries is the main one and which is offered as `also`,
`two_worries.py`. Nothing is cached by text: a cache would keep words a client typed after the
kiosk wipes the session.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from assistant.engine.analyzer import Analyzer, lexicon_problems
from assistant.engine.concerns import Concern
from assistant.engine.embedder import Embedder, default_embedder
from assistant.engine.fused_reading import FusedReading, capped, two_best
from assistant.engine.heard_posts import Post, default_posts
from assistant.engine.language import Language
from assistant.engine.lexical import (
    LexicalScorer,
    Source,
    evidence_units,
    likeness_scores,
)
from assistant.engine.lexicon import Lexicon, default_lexicon
from assistant.engine.main_worry import as_evidence, runner_is_main
from assistant.engine.matcher_settings import (
    AGREE_LEXICAL,
    AGREE_SEMANTIC,
    CONFIDENT,
    CONFIDENT_LEAD,
    CUTOFF,
    ERRAND,
    ERRAND_SHARE,
    MARGIN,
    MARGIN_LONG,
    ONE_SENTENCE,
    PEAKS,
    POST,
    POST_ALSO,
    POST_WORDING,
    RIVAL,
    SEMANTIC_SHARE,
    SEMANTIC_SHARE_ONE,
    SMALL_TALK,
    SPELLING,
    SURE,
    WHOLE,
    WORDING,
    WORDING_LONG,
    WORDING_SENTENCE,
)
from assistant.engine.message_parts import MessageParts
from assistant.engine.phrasings import Phrasing, default_phrasings
from assistant.engine.post_sum import post_total
from assistant.engine.second_worry import asked_apart, offered
from assistant.engine.semantic import Classifier
from assistant.engine.sentences import one_sentence
from assistant.engine.training_texts import training_texts
from assistant.engine.two_worries import added_later, main_of_two, second_worry, stressed_worry
from assistant.engine.wording import JointWording, Wording

__all__ = ["CUTOFF", "MARGIN", "SURE", "Analyzer", "Match", "Matcher", "lexicon_problems"]

Status = Literal["sure", "unsure", "none"]
Scores = NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Match:
    """The result of matching one message: the best concern (None when nothing fits), and a
    second concern another part of a long message is about (None when there is none)."""

    text: str
    concern: str | None
    score: float
    status: Status
    candidates: tuple[tuple[str, float], ...]
    also: str | None = None
    asks_two: bool = False
    """One sentence asking two things ("is it private and how long is it kept?")."""
    small_talk: bool = False
    """No concern, small talk read at least as strongly as the best of them, and the message
    names neither the recording nor what it is about: an errand or a chat ("where are the
    toilets?"), not an unknown question about the recording ("if Dr Lee retires who takes over
    my therapy notes?"), which is noted for the clinician."""

    @property
    def answered(self) -> bool:
        """Whether the kiosk answers it without asking "did you mean": a sure match, or one
        sentence asking two things whose two worries are the two candidates (the first is
        answered and the second offered). "Sure but wrong" in the benches counts these. (A
        long post unsure between its two worries still asks: on the check sets, answering
        those as well answered more of them wrongly.)"""
        return self.concern is not None and (
            self.status == "sure"
            or (self.asks_two and self.also in {c for c, _ in self.candidates[:2]})
        )


_max = np.maximum.reduce
_sum = np.add.reduce
_any = np.logical_or.reduce
"""The ufuncs' own reductions: `a.max()`, `a.sum()` and `a.any()` give the same through a
layer of Python that costs more than the work on arrays this small."""


_OFFTOPIC = "(none)"
"""The id of the off-topic class; never returned as a concern."""


class Matcher:
    """Matches client messages to concerns. Build once (it trains its classifier then), call
    `match` as often as needed; it is deterministic and keeps no state between calls.

    `lexicon` defaults to `dialogs/lexicon.toml`, `phrasings` (messages in clients' own words,
    each learnt from as an example of its concern or of small talk) to `dialogs/phrasings.tsv`
    (a phrasing of a concern not among `concerns` is left out), `posts` (long messages under
    their main and second worry, learnt from as wholes) to `dialogs/posts/`, `embedder` to the
    shipped WordLlama model (each loaded once per process)."""

    def __init__(
        self,
        concerns: Sequence[Concern],
        lexicon: Lexicon | None = None,
        language: Language | None = None,
        embedder: Embedder | None = None,
        phrasings: Sequence[Phrasing] | None = None,
        posts: Sequence[Post] | None = None,
    ) -> None:
        lex = lexicon if lexicon is not None else default_lexicon()
        self.lexicon = lex
        self.ids: tuple[str, ...] = (*(c.id for c in concerns), _OFFTOPIC)
        heard: dict[str | None, list[str]] = {}
        said = phrasings if phrasings is not None else default_phrasings()
        for p in said:
            heard.setdefault(p.concern, []).append(p.text)
        posted = posts if posts is not None else default_posts()
        sources = [Source(c.examples, c.keywords, tuple(heard.get(c.id, ()))) for c in concerns]
        small_talk = tuple(heard.get(None, ()))
        sources.append(Source(lex.offtopic_examples, lex.offtopic_keywords, small_talk))
        vocabulary = (t for s in sources for t in (*s.examples, *s.keywords))
        heard_texts = (t for s in sources for t in s.heard)
        self._analyzer = Analyzer(lex, vocabulary, language, heard_texts)
        self._lexical = LexicalScorer(self._analyzer, lex, self.ids, sources)
        # what of a message is read; where one typed without full stops would have had them
        written = (*(p.text for p in posted), *(p.text for p in said))
        self.message_parts = MessageParts(lex, self._analyzer, written)
        learnt = training_texts(sources, self.message_parts.bare)
        model = embedder if embedder is not None else default_embedder()
        self._semantic = Classifier(
            model,
            learnt.texts,
            learnt.labels,
            len(self.ids),
            learnt.weights,
            spelling=SPELLING,
            nearest=len(self.ids) - 1,  # small talk: parking, bills, jokes, the weather...
            peaks=PEAKS,
            one_sentence=ONE_SENTENCE,
            words=(
                *lex.stop,
                *lex.common,
                *(w for c in lex.concepts.values() for w in " ".join(c).split()),
            ),
        )
        wording = Wording(learnt.texts, learnt.labels, len(self.ids), learnt.weights)
        self._wording = JointWording(wording)  # and the posts' wording (`_learn_posts`)
        self._learn_posts(posted, heard, wording)

    def _fused(self, text: str) -> FusedReading:
        """How `text` reads: the 0..100 score of every class for the whole of it and for each
        sentence, whether the two readings taken alone put the same class first (see `match`),
        and which sentences ask (`SentenceKinds.asks`), open by adding a point (`adds`), tell
        the story around a worry and do not ask (`tells`; none in a message of one) or stress
        their worry (`stresses`).

        Both readings are turned into evidence and added, sentence by sentence: the lexical
        evidence as it is, the semantic score s as -ln(1 - s), weighted by `SEMANTIC_SHARE`
        (a noisy-or: either reading alone can make a concern likely, and the two together
        make it likelier). Over a long message the best sentence counts fully and every other
        one adds `REST` of its own (each later one weighing less, the last `DECAY`), and
        the semantic reading of the whole post adds its theme and, with posts learnt, what
        posts like it were about (`POST`, small talk included), so the worry a post raises
        first or comes back to stands out. Last, the wording reading of the whole message (its
        words and word pairs, `wording.py`) adds its own evidence the same way (`WORDING`,
        less for a message of several sentences: `WORDING_LONG`, whose sentences also add
        their own wording's, `WORDING_SENTENCE`); a short message close to one example gains
        from that likeness."""
        parts, asked = self.message_parts.read(text)
        kinds = self.message_parts.kinds
        asks = [a or kinds.asks(p) for p, a in zip(parts, asked, strict=True)]
        adds = [kinds.adds(p) for p in parts]
        lexical = self._lexical.read(parts, text)
        # each sentence, and (for a long message) the whole read at once: its theme, then
        # (posts learnt) how it reads as a post, last
        raw = self._semantic.scores(parts, len(parts) > 1)
        read = capped(raw)
        meaning = read[: len(parts)]
        # A message made only of words the concerns never use (gibberish, "good sushi spot?")
        # gets no say from the semantic reading, which would find some concern in anything.
        share = SEMANTIC_SHARE_ONE if len(parts) == 1 else SEMANTIC_SHARE
        weight = share if any(lexical.known) or self._confident(meaning) else 0.0
        units_lexical = evidence_units(np.asarray(lexical.evidence))
        units = units_lexical - weight * np.log1p(-meaning)
        asks_two = len(parts) > 1 and one_sentence(text)
        joined = " ".join(parts)  # the whole message as the wording readings read it
        said_post: Scores | None = None  # the posts' wording of the whole (`POST_WORDING`)
        if len(parts) == 1:
            said = self._wording.scores(joined)
        else:  # the wording of each sentence and of the whole (and the posts'), read at once
            each, said, said_post = self._wording.scores_each(parts)
            if not asks_two:  # each sentence's too (the whole's is added below), not each
                # half of one sentence asking two things
                units -= WORDING_SENTENCE * np.log1p(-capped(each))
        lexical_total = _sum(units_lexical, axis=0)
        told = [False] * len(parts)
        stress = [False] * len(parts)
        if len(units) == 1:
            total = units[0].copy()
            theme = post = meaning[0]
        else:
            told = [  # the sentences that tell the story around a worry and do not ask
                not asked and kinds.tells(p) for p, asked in zip(parts, asks, strict=True)
            ]
            total = post_total(units, asks, adds, told)
            stress = [kinds.stresses(p) for p in parts]
            # the theme of the whole post, read at once, and how it reads as a post
            posted = self._semantic.reads_posts
            theme = read[-2] if posted else read[-1]
            post = read[-1]
            if weight:
                total[:-1] -= WHOLE * np.log1p(-theme[:-1])
            if weight and posted:  # small talk too: a story about the bus is no worry
                total -= POST * np.log1p(-read[-1])
            if said_post is not None:  # the words and pairs of posts like it
                total -= POST_WORDING * np.log1p(-capped(said_post))
        # the wording of the whole message, small talk too (`wording.py`)
        said = capped(said)
        total -= (WORDING if len(parts) == 1 else WORDING_LONG) * np.log1p(-said)
        rows: Scores = 100.0 * -np.expm1(-units)
        whole: Scores = 100.0 * -np.expm1(-total)
        like = likeness_scores(np.asarray(lexical.likeness))
        fused = 100.0 - (100.0 - whole) * (1.0 - like)
        units_whole = total - np.log1p(-like)  # `fused` as evidence, neither rounded nor capped
        best = int(fused[:-1].argmax())
        agree = bool(
            lexical_total[best] >= _max(lexical_total) - AGREE_LEXICAL
            and theme[best] >= _max(theme) - AGREE_SEMANTIC
            # and the wording did not carry it alone: the words or the meaning put it first
            and (lexical_total[best] == _max(lexical_total[:-1]) or theme[best] == _max(theme[:-1]))
        )
        # One telling word in what otherwise reads as small talk is an errand ("can you turn
        # the telly off"): the readings do not agree on a worry there (`ERRAND`).
        if (
            len(parts) == 1
            and lexical.support[best] <= 1
            and raw[0, -1] >= max(ERRAND, ERRAND_SHARE * raw[0, best])
        ):
            agree = False
        return FusedReading(
            fused,
            rows,
            agree,
            asks,
            adds,
            told,
            stress,
            theme,
            post,
            lexical_total,
            asks_two,
            asked,
            units_whole,
        )

    def _learn_posts(
        self, posts: Sequence[Post], heard: dict[str | None, list[str]], wording: Wording
    ) -> None:
        """Teach the semantic reading how a message of several sentences, read as a whole,
        points at a worry or at none (`POST`): each post (dialogs/posts/) aims at 1 for its main
        worry and `POST_ALSO` for its second, and each phrasing of several sentences at 1 for
        its concern or for small talk (so that a story about the bus being late reads as small
        talk, not as the worry some post told around a late bus). Sentences as `_fused` reads
        them; a post or phrasing of a concern not among the matcher's is left out. `wording`,
        the matcher's wording of short texts, is then read beside the posts' (`JointWording`)."""
        index = {cid: i for i, cid in enumerate(self.ids[:-1])}
        read: list[list[str]] = []
        aims: list[tuple[int, int | None]] = []
        for post in posts:
            if post.concern in index:
                read.append(self.message_parts.read(post.text)[0])
                aims.append((index[post.concern], index.get(post.also or "")))
        for concern, texts in heard.items():
            label = len(self.ids) - 1 if concern is None else index.get(concern)
            if label is None:
                continue
            for text in texts:
                parts = self.message_parts.read(text)[0]
                if len(parts) > 1:
                    read.append(parts)
                    aims.append((label, None))
        targets = np.zeros((len(read), len(self.ids)))
        for row, (main, also) in enumerate(aims):
            targets[row, main] = 1.0
            if also is not None:
                targets[row, also] = POST_ALSO
        self._semantic.learn_posts(read, targets)
        if read:  # the same posts' words and pairs (`POST_WORDING`), main worries only
            whole = [" ".join(parts) for parts in read]
            mains = [main for main, _ in aims]
            posts_wording = Wording(whole, mains, len(self.ids), [1.0] * len(read))
            self._wording = JointWording(wording, posts_wording)

    def _confident(self, meaning: Scores) -> bool:
        """Whether the semantic reading alone is sure of a concern in some sentence: its score
        at least `CONFIDENT` and `CONFIDENT_LEAD` ahead of small talk's."""
        best = _max(meaning[:, :-1], axis=1)
        return bool(_any((best >= CONFIDENT) & (best - meaning[:, -1] >= CONFIDENT_LEAD)))

    def scores(self, text: str) -> list[tuple[str, float]]:
        """Every class (the concerns, then the off-topic class) with its 0..100 score."""
        whole = self._fused(text).whole
        return [(cid, round(float(s), 1)) for cid, s in zip(self.ids, whole, strict=True)]

    def ranked(self, reading: FusedReading, second_look: bool = True) -> tuple[int, int]:
        """The indices of the main concern of a `reading` and its runner-up (`two_best`). Of
        two worries a post weighs about equally, the one a sentence stresses ("what I really
        need to know is ...") is the main one; else the one more of its sentences are about,
        and of two it is equally about, the one it raises first; then, with `second_look`, the
        learnt look at both (`main_worry.py`) may swap them."""
        rounded = reading.whole[:-1].round(1).tolist()
        first, runner = two_best(rounded, reading.units)
        rows = reading.rows
        if len(rows) == 1:
            return first, runner
        gap = as_evidence(rounded[first]) - as_evidence(rounded[runner])
        stressed = stressed_worry(rows, reading.stress)
        if stressed == runner or (
            stressed != first
            and (
                main_of_two(runner, first, gap, rows, reading.asks, reading.told)
                or added_later(runner, first, gap, rows, reading.adds)
            )
        ):
            first, runner = runner, first
        if second_look and runner_is_main(reading.as_post, first, runner):
            first, runner = runner, first
        return first, runner

    def match(self, text: str) -> Match:
        """The concern `text` is about, how sure the match is, the two best candidates, and a
        second concern another sentence is about."""
        reading = self._fused(text)
        rows = reading.rows
        rounded = reading.whole.round(1).tolist()
        off = rounded.pop()
        best_score = max(rounded)
        if best_score < CUTOFF or off >= best_score:
            first, runner = two_best(rounded, reading.units)
            candidates = ((self.ids[first], rounded[first]), (self.ids[runner], rounded[runner]))
            chat = off >= best_score and not self._lexical.names_recording(
                self.message_parts.as_read(text)
            )
            return Match(text, None, rounded[first], "none", candidates, small_talk=chat)
        first, runner = self.ranked(reading)
        asks_two = reading.asks_two and len(rows) == 2
        two_asked = len(rows) == 2 and all(reading.marked)  # "Who reads it? Is it kept?"
        if asks_two or two_asked:  # what it asks first comes first
            halves = [int(row[:-1].argmax()) for row in rows]
            if halves[0] != halves[1] and {first, runner} == set(halves):
                first, runner = halves
        candidates = ((self.ids[first], rounded[first]), (self.ids[runner], rounded[runner]))
        best, score = candidates[0]
        # The lead is read in evidence as worked out, not from the scores: rounded to a tenth,
        # every concern past about 7.6 units reads 100.0, and a post with two well-founded
        # worries (100.0 and 99.8) would pass for one clear one.
        units = reading.units
        best_units, second_units = float(units[first]), float(units[runner])
        needed = MARGIN if len(rows) == 1 else MARGIN_LONG
        clear = (
            best_units - second_units >= needed
            and second_units <= RIVAL * best_units
            and float(units[-1]) <= SMALL_TALK * best_units
        )
        # Sure only when the words and the meaning, each read alone, also put this concern
        # first: one reading led astray (a topic word in a story, a sentence that sounds like
        # another worry) then asks "did you mean", which is safe, instead of answering wrong.
        status: Status = "sure" if score >= SURE and clear and reading.agree else "unsure"
        other = (  # one sentence asking two things: its halves' worries (the rules)
            second_worry(first, reading.whole, rows, reading.asks, reading.adds)
            if reading.asks_two
            else offered(reading.as_post, first)
            if len(rows) > 1
            else None  # a message of one sentence raises one worry
        )
        if other is None and not reading.asks_two:  # two questions at once (`asked_apart`)
            other = asked_apart(rows, reading.marked, first, runner)
        also = self.ids[other] if other is not None else None
        return Match(text, best, score, status, candidates, also, asks_two)
