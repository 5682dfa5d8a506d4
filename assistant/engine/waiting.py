"""Whether a wish to wait that a message holds is one (`reading.Reader` asks, once the intents'
phrase look-up has found it: `Intents.wants_to_defer`).

A "next week", a "before I sign" or a "hold off" in a message puts the answer off only when the
client asks to wait. Each of these says it does not, and the question is answered instead:

- told at length and asking (with a question, or by saying what the client wants to know: "I would
  like to know ..."), unless a sentence that asks is itself a wish to wait (`_asks_leave`);
- a time in a clause of its own before one that asks, which says when ("family session next week,
  does everyone sign?": `_tells_when`);
- a time in a question about taking consent back ("can I take it back next week?":
  `_undone_later`);
- a wish to wait supposed in a question ("if I hold off till next month, do I lose my slot?":
  `_supposed`);
- a "before I sign" beside a wish to see or know something ("can I read the form before I sign?":
  `_sees_first`), which then asks;
- a time beside a firm yes, which tells a story ("yes pls, I always forget what we said by the
  next week").

Each depends on the whole reading (whether it asks, its clauses, the answer), which is why they
are here and not in the phrase look-up.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.engine.intents import Intents
from assistant.engine.language import Language, Words, find_phrase
from assistant.engine.not_meant import supposed
from assistant.engine.yesno import Answer, has_question_mark


@dataclass(frozen=True, slots=True)
class Heard:
    """What the reader made of a message so far: its text and words, each word's negation,
    whether it asks, its answer at a yes-no question, whether it is told at length, and whether
    it may ask leave to consult someone first (`leave_ok`)."""

    text: str
    words: Words
    negated: Sequence[bool]
    asked: bool
    answer: Answer | None
    at_length: bool
    leave_ok: bool


class Waiting:
    """The checks of one set of intents (`opens_asking`: whether a clause opens like a question,
    as the reader tells it)."""

    def __init__(
        self, language: Language, intents: Intents, opens_asking: Callable[[Words], bool]
    ) -> None:
        self.language = language
        self.intents = intents
        self.opens_asking = opens_asking

    def kept(self, defer: str, heard: Heard) -> tuple[str | None, bool]:
        """The wish to wait `defer` if it stands (else None), and whether the message asks
        (a "before I sign" beside a wish to see something asks for it)."""
        text, words, negated, asked = heard.text, heard.words, heard.negated, heard.asked
        if (
            heard.at_length
            # told at length, "I would like to know ..." asks as a question does
            and (
                asked or self.intents.wants_to_know.first(words, negated, self.language) is not None
            )
            and not self._asks_leave(text, heard.leave_ok)
        ):
            return None, asked  # "Before I sign I'd like to know how long it is kept. Is it..."
        if asked and self._tells_when(text, defer):
            return None, asked  # "bringing my mum next week, does she have to sign?"
        if asked and self._undone_later(words, negated, defer):
            return None, asked  # "can I take it back next week?": when, not "let me wait"
        if asked and self._supposed(words, negated):
            return None, asked  # "if I hold off till next month, do I lose my slot?": supposed
        if self._of_others(text, defer, asked):
            return None, asked  # "could they train their AI on it later on?": not the client's
        if self._sees_first(words, negated, defer):
            # "can I read the form before I sign?", "I need to know it is private before I
            # agree": what the client wants now, asked (its "I agree" is no yes)
            return None, True
        if heard.answer == "yes" and defer in self.intents.defer_times:
            return None, asked  # "yes pls, I always forget what we said by the next week"
        return defer, asked

    def _wish_in(self, words: Words) -> str | None:
        """The wish to wait in `words` (part of a message, read with no word negated)."""
        return self.intents.wants_to_defer(words, [False] * len(words))

    def _holding(self, text: str, defer: str) -> tuple[list[Words], int] | None:
        """The clauses of `text` (typos mended) and the place of the first whose own wish to
        wait is `defer`, or None when no clause holds it alone."""
        clauses = [self.intents.mender.mend_all(c) for c in self.language.clauses(text)]
        for at, clause in enumerate(clauses):
            if self._wish_in(clause) == defer:
                return clauses, at
        return None

    def _undone_later(self, words: Words, negated: Sequence[bool], defer: str) -> bool:
        """True when the wish to wait `defer` that a question holds is only a time, and the
        question asks about taking consent back then ("how do I cancel my consent later on?",
        "if I agree today, can I revoke it before my next appointment?")."""
        undoing = self.intents.undoing
        return (
            undoing is not None
            and defer in self.intents.undone_when
            and undoing.first(words, negated, self.language) is not None
        )

    def _supposed(self, words: Words, negated: Sequence[bool]) -> bool:
        """True when the first wish to wait in `words` comes just after a supposing ("if I
        hold off", "what if I wait", "say I [just] wait"; `[supposing] openers`)."""
        intents, lang = self.intents, self.language
        hit = intents.defer.first_hit(words, negated, lang) or intents.defer_with_leave.first_hit(
            words, negated, lang
        )
        return hit is not None and supposed(words, hit.start, intents.supposing)

    def _of_others(self, text: str, defer: str, asked: bool) -> bool:
        """True when the wish to wait `defer` is in a question about someone or something other
        than the client (`AskedOf.others`), in a message that asks (`asked`): the clause that
        holds it asks so ("does it think about it afterwards?"), or, when that clause does not
        ask, the nearest one before it that asks does ("how long do you keep the audio, a few
        days?"); or it is a "before I sign" in a clause of its own before one that asks so and
        holds no wish to wait ("Before I sign, who owns the recordings?"). Or its clause
        supposes what someone or something else does (`AskedOf.supposes_others`) and the
        message asks, if only with a question word after the supposing ("if the company gets
        bought out later on what happens to my notes"). A wish to consult someone or to have
        something done for the client ("could Dr Rivera explain it to me first?") is the
        client's, whoever the subject."""
        intents = self.intents
        if "{" in defer or not intents.asked_of.client_object.isdisjoint(defer.split()):
            return False

        def others(clause: Words) -> bool:
            return intents.asked_of.others(clause, intents.question_starts, intents.question_wh)

        holding = self._holding(text, defer)
        if holding is None:
            return False
        clauses, at = holding
        clause = clauses[at]
        if intents.asked_of.supposes_others(clause):
            # "if the company gets bought out later on, what happens?", asked in its own clause
            # or with a question word after the supposing ("... what happens to my notes"); "if
            # my wife wants to think about it I'll wait too" tells
            return asked or not intents.question_wh.isdisjoint(clause[2:])
        if not asked:
            return False
        asking = [self.opens_asking(c) for c in clauses]
        if asking[at]:
            return others(clause)
        earlier = [c for c, a in zip(clauses[:at], asking[:at], strict=True) if a]
        if earlier:
            return others(earlier[-1])
        later = [c for c, a in zip(clauses[at + 1 :], asking[at + 1 :], strict=True) if a]
        return (
            defer.startswith("before ")
            and bool(later)
            and others(later[0])
            and self._wish_in(later[0]) is None
        )

    def _sees_first(self, words: Words, negated: Sequence[bool], defer: str) -> bool:
        """True when the wish to wait `defer` is only a "before I sign" beside a wish to see
        or know something ("can I read the form before I sign?", "I need to know it stays
        private before I agree"), not just more of it, and nothing else in the message asks to
        wait."""
        wanting = self.intents.to_see_first
        if wanting is None or not defer.startswith("before "):
            return False
        before = tuple(defer.split())
        at = find_phrase(words, before)
        hit = wanting.first_hit(words, negated, self.language)
        if not at or hit is None or "more" in words[hit.end : hit.end + 3]:
            return False  # "I need to know (a bit) more before I decide" asks for time
        rest = words[: at[0]] + words[at[0] + len(before) :]
        return self._wish_in(rest) is None

    def _tells_when(self, text: str, defer: str) -> bool:
        """True when the wish to wait `defer` that a question holds is only a time, in a clause
        of its own that tells and is followed by one that asks: "family session next week,
        does everyone sign?", "bringing a friend next time, will she be recorded?" say when
        something else happens. A time on its own ("next week, is that ok?"), opening its clause
        ("next week would suit me better, can we?") or in the clause that asks ("can we do it
        next week?") still asks to wait."""
        if defer not in self.intents.defer_times:
            return False
        holding = self._holding(text, defer)
        if holding is None:
            return False
        clauses, at = holding
        clause = clauses[at]
        time = tuple(defer.split())
        telling = not self.opens_asking(clause)
        # more than "maybe next week", and not of the time ("next week would suit me")
        more = len(clause) > len(time) + 1 and clause[: len(time)] != time
        later = clauses[at + 1 :]
        return telling and more and any(map(self.opens_asking, later))

    def _asks_leave(self, text: str, leave_ok: bool) -> bool:
        """True when a sentence of `text` that asks (with a question mark, or by saying what the
        client wants to know: `wants_to_know`) is itself a wish to wait or talk first ("My
        carer helps me decide. Can we wait until she's here?"). A time ("can I pull out next
        week?") or a "before I sign" ("Before I agree, what does it do?", "Before I agree I
        would like to know where it goes") inside such a sentence tells when, it does not ask
        to wait."""
        sentences = self.language.sentences(text)
        for sentence in sentences:
            asks = has_question_mark(sentence)
            if not asks and len(sentences) == 1:
                continue  # a message that runs on: its one sentence is the whole of it
            part = self.intents.mender.mend_all(self.language.tokens(sentence))
            flags = self.language.negation_flags(sentence)
            if not asks and self.intents.wants_to_know.first(part, flags, self.language) is None:
                continue
            found = self.intents.wants_to_defer(part, flags, leave_ok)
            if found is not None and not (
                found in self.intents.defer_times or found.startswith("before ")
            ):
                return True
        return False
