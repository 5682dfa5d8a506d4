"""Yes, no or unclear: how a reply at a yes-no question answers it (used by `reading.py`).

Consent is a clear yes to a clear question. Felt pressure ("ok if I have to"), hedges ("I
guess"), conditions ("yes but only if") and a yes beside a no make a reply `unclear`: asked
again, never filed as yes or no. A yes with other words beside it is a yes only when one clause
is a plain yes and the rest tell a story around it without doubt, sarcasm or a question. A
denial, a "no" that answers "would you mind?" and the other shapes that change what the yes
and no words say are read by `shapes.py` (a question said back before its answer, by
`reading.py`). The word lists are `language.toml` and `intents.toml`; this module holds the
behaviour.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from assistant.engine.intents import Intents, Signal
from assistant.engine.language import Language, Words, find_phrase
from assistant.engine.not_meant import supposed
from assistant.engine.shapes import Shapes

Answer = Literal["yes", "no", "unclear"]

SHORT_ANSWER = 6
"""A hedge or felt pressure makes a reply of up to this many words an unclear answer even
without a yes or no in it ("I'm not sure"); in a longer statement it needs a yes or no beside
it ("I think I'd hold back" is a worry, not an answer)."""
PRESSURE_WORDS_MAX = 12
"""A long phrase of felt pressure counts without a yes beside it in a reply up to this long."""
QUESTION_AUX_MIN = 3
"""A reply opening with "can", "is", "do"... is a question from this many words ("do it" is
not); one opening with "what", "why", "how"... is a question at any length."""
STORY_WORDS_MIN = 3
"""A clause beside a plain yes tells a story from this many words; a shorter fragment ("err",
"one session", "you win") hesitates, limits or mocks more often than it tells."""
NAMES_MAX = 3
"""More capitals inside sentences than this is Title Case Typing, not names."""
_WORD_OR_END = re.compile(r"[^\W\d_]+|[.!?]")


class YesNo:
    """Reads the answer of a reply at a yes-no question with one content's word lists."""

    def __init__(self, language: Language, intents: Intents) -> None:
        self.language = language
        self.intents = intents
        self.shapes = Shapes(language, intents)
        self.answers = intents.yes_words | intents.no_words | intents.statement_seconds
        """Words that, second after an opening "is", "can"..., make the reply a statement."""

    def answer(
        self,
        words: Words,
        negated: Sequence[bool],
        spans: Sequence[tuple[int, int]] = (),
        names: frozenset[str] = frozenset(),
    ) -> tuple[Answer | None, str]:
        """Yes, no or unclear, and the phrase that decided it; None when it says neither.

        Felt pressure and hedges make a reply unclear; so does a condition ("only if") or a
        negation outside the yes ("sure, it's not like I have a choice"); a yes and a no
        together are unclear unless a correction ("I mean") picks the last one. A yes with
        other words beside it is a yes only when one clause of it (`spans`, from
        `clause_spans`) is a plain yes and the others tell a story around it without doubt,
        sarcasm or a question ("yeah go on, my last therapist did the same and it was fine").
        `names` (from `names_in`) are words the client wrote as names ("Thanks, Jordan");
        only those signing off count (`signing_off`)."""
        lang = self.language
        names = self.shapes.signing_off(words, names, spans)
        found = self.intents.yes_no_signals(words, negated, lang, spans)
        found, denied = self.shapes.undenied(words, found, spans)
        found = self.shapes.reassured(words, found)
        signals = [s for s in found if s[2] != "elsewhere"]
        if denied is not None and not signals:
            return "unclear", "denied: " + denied  # "I'm not saying no", "not that I don't"
        said = {kind for _, _, kind, _ in signals}
        short = len(words) <= SHORT_ANSWER
        pressure = lang.felt_pressure(words)
        if pressure is not None and (
            "yes" in said or short or (len(pressure) >= 3 and len(words) <= PRESSURE_WORDS_MAX)
        ):
            return "unclear", "pressure: " + " ".join(pressure)
        overcome = self.overcome(words, spans, names) if pressure is None else None
        if overcome is not None:  # "I was nervous at first, but it's been explained, so yes"
            return overcome
        phrases = [(a, b) for a, b, kind, _ in signals if kind == "no" or b > a + 1]
        hedge = lang.hedge(words, kept=phrases)  # the "uh" of "nuh uh", "uh huh" is no hedge
        if hedge is not None and (said == {"no"} and hedge in lang.softeners):
            hedge = None  # "I think I'll pass", "not a fan, so no": a softened no is a no
        if hedge is not None and (signals or short):
            return "unclear", "hedge: " + " ".join(hedge)
        if not signals:
            return None, ""
        if any(supposed(words, start, self.intents.supposing) for start, *_ in signals):
            return "unclear", "condition: supposed"  # "say I refuse, do I keep my slot?"
        corrected = self.corrected(words, signals, spans, names)
        if corrected is not None:
            return corrected
        covered = {i for start, end, _, _ in found for i in range(start, end)}
        covered |= lang.neutral_at(words)
        loose = [i for i in range(len(words)) if i not in covered]
        condition = lang.condition(tuple(words[i] for i in loose))
        if condition is not None and ("yes" in said or condition not in lang.soft_conditions):
            # "yes but..." and "no unless..." set conditions; "thanks for asking, but no" does not
            return "unclear", "condition: " + " ".join(condition)
        if said == {"yes"}:
            bare = not any(b - a > 1 or words[a] in self.intents.firm for a, b, _, _ in signals)
            who = self.shapes.introduced(words, self.intents.name_words | names) if bare else None
            if who is not None:  # "yes, I'm Jordan": answers "is that you?"
                return "unclear", "introduced: " + who
            heard = self.shapes.acknowledged(words, negated) if bare else None
            if heard is not None:  # "yes, I understand": heard, not agreed
                return "unclear", "acknowledged: " + heard
            if any(words[i] in lang.negations for i in loose):
                return "unclear", "hedge: a yes with a negation beside it"
            hit = self.shapes.doubt_in(words, lang.neutral_at(words))
            if hit is not None:  # "ok, I love that for me", "sure, just the audio"
                return "unclear", "doubt: " + hit
            mend = self.intents.neutral_mender.mend  # "yes I agree to being recoded"
            other = [words[i] for i in loose if mend(words[i]) not in lang.neutral]
            known = self.intents.name_words | names
            if any(w not in known for w in other) and not self.story_yes(
                words, spans, found, known
            ):
                return "unclear", "confirm: a yes with other words beside it"
            return "yes", signals[0][3]
        if said == {"no"}:
            return "no", signals[0][3]
        correction = lang.correction_at(words)
        if correction is not None:
            after = [s for s in signals if s[0] >= correction]
            if after and len({kind for _, _, kind, _ in after}) == 1:
                return ("yes" if after[-1][2] == "yes" else "no"), after[-1][3]
        return "unclear", "both yes and no"

    def overcome(
        self, words: Words, spans: Sequence[tuple[int, int]], names: frozenset[str]
    ) -> tuple[Answer, str] | None:
        """A yes after a doubt the client says they had and got past ("I was nervous about it
        but Dr Lee explained it well, so yes"): before the first "but" only a past doubt of
        `[yes] overcome` and no answer; after it a yes by every rule here. None otherwise:
        "I'm scared but yes" is a doubt now, and "I was told it's mandatory, but ok" no
        past doubt."""
        past = self.intents.overcome
        if past is None or "but" not in words:
            return None
        at = words.index("but")
        head, tail = words[:at], words[at + 1 :]
        doubts = [(h.start, h.end) for h in past.found.find(head)]
        if not tail or not doubts:
            return None
        said = self.intents.yes_no_signals(head, self.language.negated(head), self.language)
        if any(not any(a <= s and e <= b for a, b in doubts) for s, e, _, _ in said):
            return None  # "at first I said no, but...": an answer before the "but"
        tail_spans = [(max(a, at + 1) - at - 1, b - at - 1) for a, b in spans if b > at + 1]
        answer, why = self.answer(tail, self.language.negated(tail), tail_spans, names)
        return ("yes", "overcome: " + why) if answer == "yes" else None

    def corrected(
        self,
        words: Words,
        signals: Sequence[Signal],
        spans: Sequence[tuple[int, int]] = (),
        names: frozenset[str] = frozenset(),
    ) -> tuple[Answer, str] | None:
        """An answer taken back and replaced ("no, I mean yes", "yes - actually no"): what
        follows the last correction with an answer after it, read afresh (a no before the
        correction no longer reaches it), when that is a firm yes or no and every answer
        before the correction was the other one, or the same one said again with a yes or no
        word ("yes yes I meant yes"). None otherwise: "I don't mind... actually I do" takes
        nothing back and is read as a whole; a hedge or pressure anywhere in the reply was
        ruled out before."""
        lang = self.language
        for end in reversed(lang.correction_ends(words)):
            tail = words[end:]
            before = {kind for start, _, kind, _ in signals if start < end}
            if not tail or not before:
                continue
            tail_spans = [(max(s, end) - end, e - end) for s, e in spans if e > end]
            answer, why = self.answer(tail, lang.negated(tail), tail_spans, names)
            if answer is None:
                continue
            if answer in ("yes", "no") and before == ({"yes", "no"} - {answer}):
                return answer, "correction: " + why
            said_again = {w for w in tail if w in self.intents.yes_words | self.intents.no_words}
            if answer in ("yes", "no") and before == {answer} and said_again:
                # "yes yes I meant yes", "no, sorry, no": the same answer said again in its
                # own words ("I don't mind... actually I do" says no yes word after it)
                return answer, "said again: " + why
            return None
        return None

    def clause_spans(self, text: str, words: Words) -> list[tuple[int, int]]:
        """Where each clause of `text` lies in `words` (one span when they do not line up); a
        word that opens a reason ("because") opens a clause of its own."""
        spans, at = [], 0
        for clause in self.language.clauses(text):
            cuts = sorted(
                {i for p in self.language.reason_openers for i in find_phrase(clause, p) if i}
            )
            for start, end in zip([0, *cuts], [*cuts, len(clause)], strict=True):
                spans.append((at + start, at + end))  # "yes because I forget things": a reason
            at += len(clause)
        return spans if at == len(words) else [(0, len(words))]

    def story_yes(
        self,
        words: Words,
        spans: Sequence[tuple[int, int]],
        found: Sequence[Signal],
        names: frozenset[str] = frozenset(),
    ) -> bool:
        """True when one clause is a plain yes (yes words, neutral words, names) and every
        other clause is a reason for it: a statement of three words or more with a word of
        support in it (`[yes] support`: "it was fine", "it helps me remember") and no
        question, no word of doubt or sarcasm (`[yes] doubt`). Hedges, conditions, pressure
        and negations were ruled out before. A remark that gives no reason ("yes, it is what
        it is", "sure, I was told it's mandatory") leaves the yes to be confirmed."""
        lang, doubt, support = self.language, self.intents.doubt, self.intents.support
        yes_at = {start for start, _, kind, _ in found if kind == "yes"}
        covered = {i for start, end, _, _ in found for i in range(start, end)}
        covered |= lang.neutral_at(words)
        known = lang.neutral | self.intents.name_words | names
        if len(spans) < 2:  # unpunctuated ("yes that's fine I've done it before"): the plain
            spans = self.shapes.leading_yes(
                words, found, covered, known
            )  # yes first, then the rest
        if doubt is None or len(spans) < 2:
            return False
        plain = False
        for start, end in spans:
            clause = words[start:end]
            extra = [i for i in range(start, end) if i not in covered and words[i] not in known]
            unflagged = [False] * len(clause)
            polite = {i - start for i in lang.neutral_at(words) if start <= i < end}
            if self.shapes.doubt_in(clause, polite) is not None or any(
                clause[: len(opening)] == opening for opening in self.intents.doubt_openings
            ):
                return False  # "great, more surveillance. sure.", "sure, like I get a say"
            if not extra:  # a plain yes, or only neutral words and names ("Dr.", "thanks")
                plain = plain or any(start <= i < end for i in yes_at)
            elif len(clause) < STORY_WORDS_MIN:
                return False  # "yes, sadly", "sure, you win", "yes, one session"
            elif looks_asked(
                "", clause, self.intents.question_starts, self.answers, self.intents.question_wh
            ):
                return False  # "yes, who reads it": a question typed without its mark
            elif support is None or support.first(clause, unflagged, lang) is None:
                return False  # "yes, I've given up on privacy": a remark, not a reason
        return plain


def names_in(text: str) -> frozenset[str]:
    """Words written with a capital inside a sentence, as names are ("Thanks, Jordan", "this
    is Alex"), lower-cased; a capital opening a sentence says nothing, and neither do capitals
    on most words."""
    found, opening = set(), True
    for match in _WORD_OR_END.finditer(text):
        word = match.group()
        if word in ".!?":
            opening = True
            continue
        if not opening and word[0].isupper() and not word.isupper():
            found.add(word.casefold())
        opening = False
    return frozenset(found) if len(found) <= NAMES_MAX else frozenset()


QUESTION_MARKS = "?？؟"
"""The question marks of the scripts clients type in (Latin, full-width, Arabic)."""


def has_question_mark(text: str) -> bool:
    """Whether `text` has a question mark anywhere."""
    return any(mark in text for mark in QUESTION_MARKS)


def looks_asked(
    text: str,
    words: Words,
    starts: frozenset[str],
    answers: frozenset[str],
    wh: frozenset[str],
) -> bool:
    """A question mark anywhere, or a reply that opens like a question: with a question word
    of `wh` at any length, with another word of `starts` from three words on."""
    if has_question_mark(text):
        return True
    if not words or words[0] not in starts:
        return False
    if words[1:2] == ("not",) or (words[0] not in wh and words[1:2] and words[1] in answers):
        # "don't record me", "wouldn't bother me", "is okay, I accept", "would be fine":
        # a question puts its subject after the verb; these tell, they do not ask
        return False
    return words[0] in wh or len(words) >= QUESTION_AUX_MIN
