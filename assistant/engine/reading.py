"""One reading of each client turn, the same at every step.

`Reader.read(text, prompt)` turns what the client typed into a `Reading`, checking in this
order (Rasa CALM's conversation-repair patterns: interruptions first, the same everywhere):

1. safety     words that show a risk of harm or abuse (`safety.py`)
2. button     a quick reply shown now, by its number, its label or its listed words
3. stop       ends the conversation ("stop", "I changed my mind"); never a question about it
4. defer      talk to the clinician first, or more time ("can I ask my therapist first?")
5. command    take back a consent, skip today, change my answers, hear the options again
6. question   a question or a worry (the question matcher finds its concern later)
7. the answer to the prompt: yes / no / unclear at a yes-no question, else a value (a name,
   an email address, a code, a signature) for the step to check

A name prompt takes text as its value only after all of that has been ruled out: "stop",
"talk to my clinician first" and a question are never a name. At a yes-no question, felt
pressure ("ok if I have to", "do I have a choice?"), hedges ("I guess", "I'm not sure") and
conditions ("yes but only if") make the answer `unclear`: never yes, and never filed as no
(`yesno.py`). What a step asks for and which button a reply names are `prompt.py`.

A message told at length (two sentences or more, over 12 words, or over 30 words in one run-on
sentence: `Reader.at_length`) is read as what it says: a "before I sign" or "next week" in a
message that asks something (with a question, or by saying what the client wants to know: "I would
like to know ...") is no deferral unless a sentence that asks is itself a wish to wait, and a
"might" or "asked me to" in it is no unclear answer. At any length, a time in a clause of its own
before the one that asks says when ("family session next week, does everyone sign?"), so does
a time in a question about taking consent back ("can I take it back next week?"), and a "before I
sign" beside a wish to see or know something asks for it ("can I read the form before I sign?",
not "I need to know more before I decide"). A later clause that opens like a question asks ("...,
can this be used"), as does a verb before its subject after a condition ("if i say no will you
still see me") or anywhere in a message that runs on. Whether a wish to wait stands is
`waiting.py`.

A no, a wish to wait or a stop phrase is no answer when it is supposed ("say I refuse, do I keep
my slot?", "if I hold off till next month, do I lose it?"), told of someone else or of the past
("my mum said no to one of these", "I never agreed to that": `[no] not_answers`), led by a time
or an outcome ("this shouldn't hang about after I'm done"), feared ("worried my words walk out of
this room") or found across a full stop (`not_meant.py`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from assistant.engine.intents import Intents
from assistant.engine.language import Language, Words
from assistant.engine.not_meant import feared, led_by
from assistant.engine.prompt import (
    COMMAND_WORDS_MAX,
    ends_questions,
    pick_button,
    requested_button,
)
from assistant.engine.prompt import Collects as Collects
from assistant.engine.prompt import Prompt as Prompt
from assistant.engine.safety import Risk, SafetyCheck
from assistant.engine.waiting import Heard, Waiting
from assistant.engine.yesno import Answer, YesNo, looks_asked, names_in

Kind = Literal[
    "empty", "safety", "button", "stop", "defer", "command", "ask", "question", "yes", "no",
    "unclear", "value",
]  # fmt: skip
Command = Literal["change", "withdraw", "skip_today", "options", "pause"]

STOP_WORDS_MAX = 12
"""A stop phrase inside a longer message (a story, a worry) is not a request to stop."""
SUBJECTS = frozenset({"i", "you", "he", "she", "it", "we", "they"})
NOT_BEFORE_ASKING = SUBJECTS | {"that", "this", "there", "here", "which", "what", "who", "so",
                                "must", "to", "then", "just", "please"}  # fmt: skip
"""A verb after one of these (or another verb) is no question's: "if that is it", "if i can i
will", "if you must do it then fine"."""
WH_THEN = frozenset({"if", "often", "long", "much", "many", "exactly"})
"""After a question word, these ask too in a message that runs on ("... what if saying no means",
"... how often do these tools")."""
NAMED_SUBJECTS = frozenset({"my", "the", "this", "that", "your", "our", "anyone", "someone",
                            "anybody", "somebody", "everyone"})  # fmt: skip
"""...and so does a verb before one of these ("... would my family be able to get them")."""
TOLD_SENTENCES = 2
"""A message of this many sentences or more, and over `STOP_WORDS_MAX` words, tells or asks
something at length (`Reader.at_length`): its "before I sign" or "might" is part of what it
says, not an answer to the step's question."""
TOLD_WORDS = 30
"""...and so does a message of more than this many words in one sentence (`Reader.runs_on`):
typed on a phone or dictated, without full stops; in it, a verb before its subject or a question
word before a verb asks anywhere ("... i have to sign a form first would i still see her", "...
so where do the recordings live"). As the matcher's `sentences.RUN_ON`."""


@dataclass(frozen=True, slots=True)
class Reading:
    """What one turn means. `why` names the word-list phrase that decided it (never client
    text beyond that phrase), for tests, transcripts and the log."""

    kind: Kind
    text: str
    words: Words = ()
    button: str | None = None
    command: Command | None = None
    answer: Answer | None = None
    risk: Risk | None = None
    asked: bool = False
    """True for a real question (a question mark or a question word), False for a statement."""
    why: str = ""


class Reader:
    """Reads turns with one content folder's word lists (`language.toml`, `intents.toml`,
    `safety.toml`); built once per content and set of clinician names."""

    def __init__(self, language: Language, intents: Intents, safety: SafetyCheck) -> None:
        self.language = language
        self.intents = intents
        self.safety = safety
        self.yes_no = YesNo(language, intents)
        self.waiting = Waiting(language, intents, self._opens_asking)

    def read(self, text: str, prompt: Prompt, *, look_for_risk: bool = True) -> Reading:
        """The one reading of `text` at a step that asks `prompt` (see the module docstring).
        `look_for_risk=False` reads on past the safety net: for a message that was already
        given the safety reply, once the client has answered its offer (`turns.py`)."""
        words = _spelled_out(self.intents.mender.mend_all(self.language.tokens(text)),
                             self.intents.yes_words | self.intents.no_words)  # fmt: skip
        asked = looks_asked(
            text, words, self.intents.question_starts, self.yes_no.answers, self.intents.question_wh
        )
        spans = self.yes_no.clause_spans(text, words)
        if not words:
            kind: Kind = "ask" if asked else "empty"
            return Reading(kind, text, words, asked=asked)
        negated = self.language.negation_flags(text)
        risk = self.safety.find(words) if look_for_risk else None
        if risk is not None:
            return Reading("safety", text, words, risk=risk.risk, why=risk.phrase)
        button = pick_button(self.language, text, words, prompt, asked)
        if button is None:  # "can we go on?", "please continue": the button, asked politely
            intents = self.intents
            button = requested_button(
                self.language, words, prompt, intents.requests, intents.request_ends
            )
        if button is not None:
            return Reading("button", text, words, button=button)
        echoed = self.echoed(text, words, prompt) if prompt.yes_no else None
        if echoed is not None:
            return echoed
        if prompt.yes_no:
            words = self.intents.slips.undoubled(words)
        slip = self.intents.slips.meant(words) if prompt.yes_no else None
        if slip is not None:  # "ues", "yrs", "nahh": one word, one slip of the finger
            words = (slip,)
        answer, why = (
            self.yes_no.answer(words, negated, spans, names_in(text))
            if prompt.yes_no
            else (None, "")
        )
        if not asked and answer != "no" and self._asked_later(text):
            # "im in the middle of a custody fight, can this be used"; beside a yes too, which is
            # then no consent ("i'd like to listen to it afterwards, is that allowed")
            asked = True
        if answer == "yes" and self.language.trails_off(text):
            answer, why = "unclear", "hesitant: trails off"  # "ok...", "yeah... sure..."
        if asked and answer in ("yes", "no") and why == " ".join(words) and "?" not in text:
            asked = False  # "why not" answers; it does not ask
        stop = self._stop(text, words, negated, asked)
        aside = self.intents.no_elsewhere.first_hit(words, negated, self.language)
        elsewhere = aside.phrase if aside is not None else None
        if stop is not None and aside is not None:
            # "no more questions" is not "no more", "done with questions" not "done": the stop
            # must be in the rest ("no more questions, I want to stop")
            rest = words[: aside.start] + words[aside.end :]
            stop = self._stop(" ".join(rest), rest, [False] * len(rest), asked) if rest else None
        if aside is not None and not asked:
            # at a step whose own answer is "no more questions", saying so is that answer
            button = ends_questions(self.language, self.intents.no_elsewhere, prompt)
            if button is not None and stop is None:
                return Reading(
                    "button", text, words, button=button, why="elsewhere: " + aside.phrase
                )
        if stop is not None and self._stop_inside_deferral(words, negated):
            stop = None  # "I need to run it by my mum": its "need to run" is no leaving
        if stop is not None:
            return Reading("stop", text, words, why=stop)
        # "Can I still see Dr Lee if I say no?" asks what happens; it does not ask leave
        leave_ok = not (asked and self.language.condition(words) is not None)
        defer = self.intents.wants_to_defer(words, negated, leave_ok)
        at_length = self.at_length(text, words)
        if defer is not None:
            heard = Heard(text, words, negated, asked, answer, at_length, leave_ok)
            defer, asked = self.waiting.kept(defer, heard)
        if defer is not None:
            return Reading("defer", text, words, why=defer)
        command = self._command(words, negated, asked)
        if command is not None:
            return Reading("command", text, words, command=command[0], why=command[1])
        if prompt.yes_no and answer is None and elsewhere is not None:
            # "no more questions" at a yes/no question answers neither: it is asked again
            return Reading("unclear", text, words, answer="unclear", why="elsewhere: " + elsewhere)
        if answer == "unclear" and at_length:
            # "My therapist asked me to agree. I might, but who reads the notes?": told at length,
            # a "might" or "asked me to" is part of the story; what it asks is answered
            answer, why = None, ""
        if prompt.yes_no and answer == "unclear" and why.startswith("pressure"):
            # "do I have a choice?" is felt pressure first: the re-ask says no is fine.
            return Reading("unclear", text, words, answer=answer, why=why)
        ask = self.intents.asks_to_ask(words)
        if ask is not None:
            return Reading("ask", text, words, asked=True, why=ask)
        if prompt.yes_no and answer == "no" and not asked:
            # "No. I don't trust where the data goes": a worry beside a clear no is its reason
            return Reading("no", text, words, answer=answer, why=why)
        if asked or self.intents.worries.first(words, negated, self.language) is not None:
            return Reading("question", text, words, answer=answer, asked=asked)
        if prompt.yes_no and answer is not None:
            return Reading(answer, text, words, answer=answer, why=why)
        if prompt.collects is not None:
            return Reading("value", text, words, answer=self.yes_no.answer(words, negated)[0])
        return Reading("question", text, words, answer=answer, asked=False)

    # ------------------------------------------------------------ parts of a reading

    def at_length(self, text: str, words: Words) -> bool:
        """True for a message of `TOLD_SENTENCES` sentences or more and over `STOP_WORDS_MAX`
        words, or of more than `TOLD_WORDS` words however few its full stops (`runs_on`): a worry
        told or asked at length, not a short answer to the step's question."""
        if len(words) <= STOP_WORDS_MAX:
            return False
        return len(words) > TOLD_WORDS or len(self.language.sentences(text)) >= TOLD_SENTENCES

    def runs_on(self, text: str, words: Words) -> bool:
        """True for a message of one sentence and more than `TOLD_WORDS` words: a post typed on
        a phone or dictated, without full stops."""
        return len(words) > TOLD_WORDS and len(self.language.sentences(text)) < TOLD_SENTENCES

    def echoed(self, text: str, words: Words, prompt: Prompt) -> Reading | None:
        """A firm yes or no after the question said back ("record the sessions? yes, that's
        fine", "Do I agree? No."): the question holds only `[echo]` words, one of them its
        topic, and nothing in the reply shows felt pressure. None otherwise."""
        at = min((text.find(m) for m in "?？" if m in text), default=-1)
        head, tail = text[:at], text[at + 1 :]
        if at < 0 or "?" in tail or "？" in tail or not tail.strip():
            return None
        said_back = self.language.tokens(head)
        intents = self.intents
        if not said_back or not set(said_back) <= intents.echo | intents.question_starts:
            return None
        if not intents.echo_topic & set(said_back) or self.language.felt_pressure(words):
            return None
        reading = self.read(tail, prompt)
        if reading.kind not in ("yes", "no"):
            return None
        return replace(reading, text=text, words=words, why="said back: " + reading.why)

    def _asked_later(self, text: str) -> bool:
        """True when a clause after the first opens like a question ("i want to read what you
        wrote about me, is that allowed"): asked without a question mark. Not looked for beside
        a clear no ("no, what happens now" is a no). After a condition, a verb before its
        subject asks too ("if i say no will you still see me")."""
        if any(self._opens_asking(clause) for clause in self.language.clauses(text)[1:]):
            return True
        starts, wh = self.intents.question_starts, self.intents.question_wh
        words = self.language.tokens(text)
        runs_on = self.runs_on(text, words)
        if self.language.condition(words) is None and not runs_on:
            return False
        # after a condition, a verb before its subject asks: "if i say no will you still see me";
        # so it does in a message that runs on ("... and i have to sign a form first would i
        # still see her if i said no")
        if any(
            words[at] in starts
            and words[at] not in wh
            and words[at + 1] in SUBJECTS
            and words[at - 1] not in NOT_BEFORE_ASKING
            and words[at - 1] not in starts
            and words[at : at + 2] != ("do", "it")
            for at in range(1, len(words) - 2)
        ):
            return True
        # in a message that runs on, a question word before a verb asks too, as a question or
        # as what the client wants to know ("... so where do the recordings live", "i do not
        # know who can read it")
        return runs_on and any(
            (
                words[at] in wh
                and words[at + 1] not in wh
                and (words[at + 1] in starts or words[at + 1] in WH_THEN)
            )
            or (
                words[at] in starts
                and words[at] not in wh
                and words[at + 1] in NAMED_SUBJECTS
                and words[at - 1] not in NOT_BEFORE_ASKING
                and words[at - 1] not in starts
            )
            for at in range(1, len(words) - 1)
        )

    def _opens_asking(self, clause: Words) -> bool:
        """Whether the words of `clause` open like a question (`yesno.looks_asked` without a
        question mark to go by)."""
        starts, wh = self.intents.question_starts, self.intents.question_wh
        return looks_asked("", clause, starts, self.yes_no.answers, wh)

    def answer(self, words: Words, negated: Sequence[bool]) -> tuple[Answer | None, str]:
        """Yes, no or unclear at a yes-no question (`yesno.YesNo.answer`)."""
        return self.yes_no.answer(words, negated)

    def _stop(self, text: str, words: Words, negated: Sequence[bool], asked: bool) -> str | None:
        if asked:  # a question about stopping is answered; "can you end this?" is a request
            later = self.intents.stop_later
            if later is not None and later.first(words, negated, self.language) is not None:
                return None  # "can I stop it later?" asks what is possible
            return self.intents.stop_asking.first(words, negated, self.language)
        whole = self.intents.bare_stop(words)
        if whole is not None:
            return whole
        clauses = [self.intents.mender.mend_all(c) for c in self.language.clauses(text)]
        if len(clauses) > 1 and all(self.intents.bare_stop(c) for c in clauses):
            return "stop"  # "enough, stop", "I'm done. Bye."
        if self.language.condition(words) is not None:
            return None  # "I'll agree if I can turn it off whenever I want" sets a condition
        sentences = self.language.sentences(text)
        if len(words) <= STOP_WORDS_MAX and len(sentences) == 1:
            return self._stop_phrase(words, negated, self.yes_no.clause_spans(text, words))
        for sentence in sentences:  # "I'm upset. I want to stop."; never across a full stop
            part = self.intents.mender.mend_all(self.language.tokens(sentence))
            if len(part) <= STOP_WORDS_MAX:
                flags = self.language.negation_flags(sentence)
                found = self._stop_phrase(part, flags, self.yes_no.clause_spans(sentence, part))
                if found is not None:
                    return found
        return None

    def _stop_phrase(
        self, words: Words, negated: Sequence[bool], spans: Sequence[tuple[int, int]]
    ) -> str | None:
        """The first stop phrase in `words` outside a negation's reach that the next words do
        not carry on into something else (`[stop] carried_on`): "I'm done reading, yes", "I'm
        going to agree", "let me go on" are no wish to stop; nor is one led by a time or an
        outcome ("after I'm done"), or feared in its clause (`spans`; `not_meant.py`)."""
        intents, lang = self.intents, self.language
        for hit in intents.stop.found.find_overlapping(words):
            if negated[hit.start] and words[hit.start] not in lang.negations:
                continue
            after = words[hit.end :]
            if any(after[: len(more)] == more for more in intents.stop_carried_on):
                continue
            if led_by(words, hit.start, intents.stop_led_by, SUBJECTS):
                continue
            if feared(words, hit.start, intents.stop_feared, spans):
                continue
            return hit.phrase
        return None

    def _stop_inside_deferral(self, words: Words, negated: Sequence[bool]) -> bool:
        """True when the stop phrase shares its words with a wish to consult someone first
        ("I need to run it by my mum", "have to run this past my wife")."""
        intents, lang = self.intents, self.language
        stop = intents.stop.first_hit(words, negated, lang)
        if stop is None or intents.wants_to_defer(words, negated) is None:
            return False
        defer = intents.defer.first_hit(words, negated, lang) or intents.defer_with_leave.first_hit(
            words, negated, lang
        )
        return defer is not None and stop.start < defer.end and defer.start < stop.end

    def _command(
        self, words: Words, negated: Sequence[bool], asked: bool
    ) -> tuple[Command, str] | None:
        options = self.intents.options.whole(words)
        if options is not None:
            return "options", options
        pause = self.intents.pause.whole(words)
        if pause is not None:
            return "pause", pause
        if len(words) > COMMAND_WORDS_MAX:
            return None
        # "Can I take it back later?" asks about taking back; it is answered, not done.
        # "Can I change my answers?" is a request all the same.
        names: tuple[Command, ...] = ("change",) if asked else ("skip_today", "withdraw", "change")
        for name in names:
            found = self.intents.commands[name].first(words, negated, self.language)
            if found is not None and not (asked and len(found.split()) < 2):
                return name, found
        return None


def _spelled_out(words: Words, answers: frozenset[str]) -> Words:
    """A yes or no typed letter by letter ("Y E S") as its one word; other letters stay."""
    joined = "".join(words)
    if len(words) >= 2 and all(len(w) == 1 for w in words) and joined in answers:
        return (joined,)
    return words
