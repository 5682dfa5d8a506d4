"""A message as the question matcher reads it, sentence by sentence: where its sentences end
(keeping whether a question mark ends each), which of them ask or state a worry rather than
tell the story around it, and which open by adding a point ("also, ...", "i would also like").
What a sentence sets aside ("I'm not worried about hackers", "I'm fine with the AI", "not
just a summary") is taken out of it before it is read: real posts often name the topics they
are NOT worried about on the way to the one they are. The word lists are the lexicon's
`[words]` (`asking`, `asking_starts`, `fillers`, `additive`, `adding`, `dismissing`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from assistant.engine.language import Language
from assistant.engine.lexicon import Lexicon

_BREAKS = r"\s-\s|,\s*(?:but|and so|so)\s"
"""Where a sentence ends without a mark: at a dash between spaces, or before "but" or "so" after
a comma."""
_SENTENCE_END = re.compile(rf"([.!?;\n]+|{_BREAKS})")
"""Where a sentence ends: at its marks, or at `_BREAKS`..."""
_DECIMAL = re.compile(r"\d\.\d")
_SENTENCE_END_DECIMAL = re.compile(rf"((?:[!?;\n]|\.(?!\d)|(?<!\d)\.)+|{_BREAKS})")
"""...except at a full stop between two digits, a decimal point: "1.5 hours" is no two sentences
(a text with one is split by this slower pattern)."""
_SPACES = re.compile(r"\s+")
_CLAUSE = re.compile(
    r"(?<!\band)(?<!\bbut)(?<!\bso)(?<!\bor)\s(?=(?:and|but|so|because|cause|plus|also|or)\s)",
    re.IGNORECASE,
)
_WH = r"whether|how|what|who|whom|whose|why|which"
_AUX = r"can|could|will|would|is|are|do|does|did|should|may|might|am|have|has"
_SECOND_QUESTION = re.compile(
    rf"(?:,\s*|\s)and\s+(?:also\s+)?(?=(?:{_WH}|{_AUX})\b)", re.IGNORECASE
)
_SECOND_WH = re.compile(rf"(?:{_WH})\b", re.IGNORECASE)
QUESTION_MIN = 3
"""A sentence that asks two things joined by "and" ("who reads it and how long is it kept?")
is read as two parts, each at least this many words; an "and" before "can", "is"... splits only
a sentence that ends in a question mark ("it is young and is still learning" stays whole)."""
_POSTSCRIPT = re.compile(r"(?<!\S)[Pp]\.?\s?[Pp]?\.?\s?[Ss]\b\.?:?\s*")
"""A postscript mark ("P.S.", "p.s:", "PPS") as one word, "PS", so its full stops end no
sentence and the sentence it opens adds a point (the lexicon's `additive` "ps")."""
_LIST_MARK = re.compile(r"^\s*(?:\(?(?:\d{1,2}|[a-e])\)\s+|\d{1,2}\s*$)")
"""A list's number or letter opening a sentence ("1) who reads it", "(b) how long"), or a
sentence of nothing but a number ("1. Who reads it?" ends a sentence after the "1")."""
RUN_ON = 30
"""A message of one sentence of more than this many words (typed or dictated without full
stops) is cut where its sentences would have ended (`run_on.py`, learnt from the posts); then
any part this long is split once more, before the words that open a clause ("and", "but", "so",
"because"; not between two of them: "and also" stays together)..."""
CLAUSE_MIN = 5
"""...into clauses of at least this many words (shorter ones join the clause before)."""
ADDING_WITHIN = 4
"""How many of a sentence's first words are searched for the lexicon's `adding` words."""
_CLAUSE_MARK = re.compile(r"[,:()\"“”]|\s-\s")
"""Where a sentence is cut into clauses to find the end of what a `dismissing` phrase sets aside."""
_SET_ASIDE_END = r"(?=\b(?:but|just|only|as long as|if|unless|provided|instead|rather)\b|$)"
"""What a `dismissing` phrase sets aside ends at these words ("i do not mind it *but* ...", "i
am fine with it *as long as* ...") or at the end of its clause."""
_SOFTENER = r" (?:(?:really|too|that|so|very|even|at all|particularly|overly|honestly) )?"
"""Words that may come between a `dismissing` phrase's words ("not *too* worried about")."""


def _alternatives(phrases: Iterable[Sequence[str]], between: str = " ") -> str:
    """A regular expression (no group) for any of `phrases` (each a sequence of words),
    `between` between their words, built as a tree of their shared first words: one branch
    per first word is tried, not every phrase ("i want|i would like" is "i (?:want|would
    like)"), which keeps the sentence kinds cheap on long posts. "(?!)" when there are none."""
    tree: dict[str, Any] = {}
    for words in phrases:
        node = tree
        for word in words:
            node = node.setdefault(word, {})
        node[""] = {}  # a phrase may end here

    def branch(node: dict[str, Any]) -> str:
        options = []
        for word, rest in sorted(node.items()):
            children = {w: r for w, r in rest.items() if w}
            if not word:
                continue
            if not children:
                options.append(re.escape(word))
            else:  # the longer phrases first; "" in `rest`: this word may end one too
                tail = f"(?:{between}{branch(children)})"
                options.append(re.escape(word) + tail + ("?" if "" in rest else ""))
        return "(?:" + "|".join(options) + ")"

    return branch(tree) if tree else "(?!)"


def _phrase_pattern(phrases: list[str], language: Language) -> re.Pattern[str]:
    """Any of `phrases` as whole words in plain form, or nothing when there are none."""
    return re.compile(r"\b" + _alternatives(language.tokens(p) for p in phrases) + r"\b")


def marked_sentences(
    text: str, run_on: Callable[[str], list[str]] | None = None
) -> list[tuple[str, bool]]:
    """The parts of `text` the matcher scores one by one, each with whether a question mark
    ends it: its sentences, the clauses of a sentence that runs on (`RUN_ON`), and the two
    halves of one that asks two things joined by "and" (`QUESTION_MIN`; its question mark ends
    both). A message of one sentence that runs on (typed without full stops) is first cut
    where `run_on` finds its sentences would have ended (`run_on.SentenceEnds.split`). A part
    repeated word for word (a message pasted twice) is kept once."""
    bits = split_ends(text)
    if run_on is not None and sum(1 for bit in bits[::2] if bit.strip()) > 1:
        run_on = None  # written with its full stops
    out: list[tuple[str, bool]] = []
    seen: set[str] = set()
    for i in range(0, len(bits), 2):
        asked = i + 1 < len(bits) and "?" in bits[i + 1]
        long = len(bits[i].split()) > RUN_ON
        pieces = run_on(bits[i]) if run_on is not None and long else [bits[i]]
        clauses = [clause for piece in pieces for clause in _clauses(piece)]
        for j, clause in enumerate(clauses):
            ends = asked and j == len(clauses) - 1  # the question mark ends the last clause
            for part in _questions(clause, asked):  # ...and both things it asks
                key = _SPACES.sub(" ", part).strip().lower()
                if key and key not in seen:
                    seen.add(key)
                    out.append((part, ends))
    return out or [(text, "?" in text)]


def one_sentence(text: str) -> bool:
    """Whether `text` is one sentence (it may still ask two things joined by "and") of at most
    `RUN_ON` words: a longer one runs on, and its parts are read as sentences of their own."""
    if len(text.split()) > RUN_ON:  # too long, whatever its sentences (the cheaper test first)
        return False
    return sum(1 for bit in split_ends(text)[::2] if bit.strip()) <= 1


def split_ends(text: str) -> list[str]:
    """`text` split at the ends of its sentences: its sentences at even places, each followed
    by the marks that end it (a postscript mark's full stops end none), without the numbers or
    letters of a list (`_LIST_MARK`): a list of questions reads as the same questions asked one
    after another, and "1." is no sentence."""
    text = _POSTSCRIPT.sub("PS ", text)
    ends = _SENTENCE_END_DECIMAL if _DECIMAL.search(text) else _SENTENCE_END
    bits = ends.split(text)
    bits[::2] = [_LIST_MARK.sub("", bit) for bit in bits[::2]]
    return bits


def _questions(part: str, asked: bool) -> list[str]:
    """`part` split where it asks a second thing after "and" (`QUESTION_MIN`)."""
    out: list[str] = []
    start = 0
    for mark in _SECOND_QUESTION.finditer(part):
        left, right = part[start : mark.start()], part[mark.end() :]
        if not asked and _SECOND_WH.match(right) is None:
            continue
        if len(left.split()) >= QUESTION_MIN and len(right.split()) >= QUESTION_MIN:
            out.append(left)
            start = mark.end()
    return [*out, part[start:]]


def _clauses(part: str) -> list[str]:
    """`part` split into clauses when it runs on for more than `RUN_ON` words."""
    if len(part.split()) <= RUN_ON:
        return [part]
    out: list[str] = []
    for piece in _CLAUSE.split(part):
        if out and (len(piece.split()) < CLAUSE_MIN or len(out[-1].split()) < CLAUSE_MIN):
            out[-1] += " " + piece
        else:
            out.append(piece)
    return out


def sentences(text: str) -> list[str]:
    """The parts of `text` the matcher scores one by one."""
    return [part for part, _ in marked_sentences(text)]


class SentenceKinds:
    """Which sentences (in the matcher's plain form: the language layer's words, typos
    mended) ask, and which add a point, by the lexicon's word lists."""

    def __init__(self, lexicon: Lexicon, language: Language) -> None:
        self._fillers = lexicon.fillers
        self._frame_asks = lexicon.frame_asks
        self._frame_ends = lexicon.frame_ends
        self._frame_talks = lexicon.frame_talks
        talked = (w for pair in lexicon.frame_talks for w in pair.split())
        self._frame_words = lexicon.frame_words | lexicon.frame_asks | lexicon.frame_ends
        self._frame_words |= frozenset(talked)
        self._starts = lexicon.asking_starts
        # an `additive` opening: the whole sentence, or its first words
        additive = _alternatives(language.tokens(a) for a in lexicon.additive)
        self._additive = re.compile(additive + r"(?: |$)")
        self._adding = lexicon.adding
        # An `asking` phrase may have one word more between its words ("i would *really* like").
        asking = _alternatives((language.tokens(a) for a in lexicon.asking), r" (?:\w+ )?")
        self._asking = re.compile(r"\b" + asking + r"\b")
        # `telling` phrases: those that start with "..." hold anywhere in the sentence
        # ("...last week"), the others open it.
        opening = [t for t in lexicon.telling if not t.startswith("...")]
        anywhere = [t[3:].strip() for t in lexicon.telling if t.startswith("...")]
        self._telling = _phrase_pattern(opening, language)
        self._told = _phrase_pattern(anywhere, language)
        self._excusing = _phrase_pattern(list(lexicon.excusing), language)
        # greetings and thanks around a message: a run of them at its start (with the openings
        # that add a point: "and also", "one more thing"), or at its end
        openings = (*lexicon.opening, *lexicon.additive)
        greeting = _alternatives(language.tokens(o) for o in openings)
        thanks = _alternatives(language.tokens(c) for c in lexicon.closing)
        self._opening = re.compile(rf"^(?:{greeting})(?: (?:{greeting}))*(?: |$)")
        self._closing = re.compile(rf"(?:^| )(?:{thanks})(?: (?:{thanks}))*$")
        # the words they open and close with: most sentences have neither, at one look-up each
        self._greets = frozenset(language.tokens(o)[0] for o in openings)
        self._thanks = frozenset(language.tokens(c)[-1] for c in lexicon.closing)
        self._stressing = _phrase_pattern(list(lexicon.stressing), language)
        # A `dismissing` phrase (an adverb may come between its words: "not *really* about"),
        # not itself negated ("i am *not* fine with"), and what follows it.
        dismissing = _alternatives((language.tokens(d) for d in lexicon.dismissing), _SOFTENER)
        self._dismissing = re.compile(
            r"\b(?<!\bnot )(?<!\bnever )" + dismissing + r"\b.*?" + _SET_ASIDE_END
        )

    def tells(self, part: str) -> bool:
        """Whether a sentence (plain form) tells the story around a worry: it opens, after the
        lexicon's `fillers`, with one of its `telling` phrases ("hi everyone", "thanks in
        advance", "i am a nurse", "i have been seeing"), or holds one that anchors it in the
        past ("last week", "years ago")."""
        opening = self._after_fillers(part)
        return self._telling.match(" ".join(opening)) is not None or (
            self._told.search(part) is not None
        )

    def unwrapped(self, part: str) -> str:
        """A sentence (plain form) without the greetings and apologies that open it and the
        thanks that close it (the lexicon's `opening`, with its `additive` openings, and
        `closing`), and without a lead-in of asking that no list names (`_unframed`): "hi sorry
        quick question who reads it thanks", "and also who reads it" and "could someone fill me
        in on who reads it" are "who reads it"; "" when nothing else is left."""
        if part.partition(" ")[0] in self._greets:
            part = self._opening.sub("", part, count=1)
        if part.rpartition(" ")[2] in self._thanks:
            part = self._closing.sub("", part, count=1)
        return self._unframed(part.strip())

    def _unframed(self, part: str) -> str:
        """`part` without a lead-in of asking words that opens it (the lexicon's `frame_words`,
        holding one of its `frame_asks` or a pair of its `frame_talks`, up to the last of its
        `frame_ends` before a word that is none of them): "i have got a query regarding who
        reads it" and "who would i speak with about who reads it" are "who reads it", while
        "tell me about it", "can i talk about it" and "can i get it on paper" stay as they are."""
        frame, asks, ends = self._frame_words, self._frame_asks, self._frame_ends
        if part.partition(" ")[0] not in frame:  # most sentences: one look-up, no split
            return part
        words = part.split()
        cut = 0
        asked = False
        for i, word in enumerate(words):
            if word not in frame:
                break
            asked = asked or word in asks or " ".join(words[i : i + 2]) in self._frame_talks
            if asked and word in ends:
                cut = i + 1
        if cut == 0 or all(word in frame for word in words[cut:]):
            return part
        return " ".join(words[cut:])

    def excuses(self, part: str) -> bool:
        """Whether a sentence (plain form) holds one of the lexicon's `excusing` phrases, by
        which a writer excuses how they write ("sorry for my english")."""
        return self._excusing.search(part) is not None

    def stresses(self, part: str) -> bool:
        """Whether a sentence (plain form) holds one of the lexicon's `stressing` phrases, by
        which a writer marks the worry that matters most to them ("what i really need to
        know", "my main worry")."""
        return self._stressing.search(part) is not None

    def kept(self, part: str, plain: Callable[[str], str]) -> str:
        """`part` (a sentence as written) in plain form (`plain`), without what its clauses set
        aside: "I've read the policy, I'm not worried about who reads them" keeps "i have read
        the policy i am"; "" when all of it is set aside."""
        whole = plain(part)
        if self._dismissing.search(whole) is None:  # the common case: nothing set aside
            return whole
        clauses = (plain(c) for c in _CLAUSE_MARK.split(part))
        kept = (c if self._opens_asking(c) else self._dismissing.sub(" ", c) for c in clauses)
        return " ".join(k for k in (_SPACES.sub(" ", c).strip() for c in kept) if k)

    def _opens_asking(self, part: str) -> bool:
        """Whether `part` opens, after the lexicon's `fillers`, with an `asking_starts` word: a
        question sets nothing aside ("are most people okay with this")."""
        opening = self._after_fillers(part)
        return len(opening) > 2 and opening[0] in self._starts

    def _after_fillers(self, part: str) -> list[str]:
        """The words of `part` from the first that is not one of the lexicon's `fillers`."""
        words = part.split()
        start = 0
        while start < len(words) and words[start] in self._fillers:
            start += 1
        return words[start:]

    def adds(self, part: str) -> bool:
        """Whether a sentence adds a point: it opens with one of the lexicon's `additive`
        phrases ("and one more thing"), or one of its `adding` words ("also") comes among its
        first `ADDING_WITHIN` words ("i would also like to know", "can i also ask")."""
        if self._additive.match(part):
            return True
        return not self._adding.isdisjoint(part.split()[:ADDING_WITHIN])

    def asks(self, part: str) -> bool:
        """Whether a sentence asks or states a worry rather than telling the story around it,
        though no question mark ends it: it opens, after the lexicon's `fillers`, with one of
        its `asking_starts` ("can they ...") or holds one of its `asking` phrases ("i want to
        know", "i am worried"; one word more may come between their words)."""
        return self._opens_asking(part) or self._asking.search(part) is not None
