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
conditions ("yes but only if") make the answer `unclear`: never yes, and never filed as no.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from assistant.engine.intents import Intents
from assistant.engine.language import Language, Words
from assistant.engine.reply import Choice
from assistant.engine.safety import Risk, SafetyCheck

Kind = Literal[
    "empty", "safety", "button", "stop", "defer", "command", "ask", "question", "yes", "no",
    "unclear", "value",
]  # fmt: skip
Answer = Literal["yes", "no", "unclear"]
Command = Literal["change", "withdraw", "skip_today", "options"]
Collects = Literal["name", "email", "code", "signature", "signed_name", "clinician", "answer"]

SHORT_ANSWER = 6
"""A hedge or felt pressure makes a reply of up to this many words an unclear answer even
without a yes or no in it ("I'm not sure"); in a longer statement it needs a yes or no beside
it ("I think I'd hold back" is a worry, not an answer)."""
STOP_WORDS_MAX = 12
"""A stop phrase inside a longer message (a story, a worry) is not a request to stop."""
COMMAND_WORDS_MAX = 8
"""Commands ("change my answers") are short; inside a long message they are something else."""
QUESTION_AUX_MIN = 3
"""A reply opening with "can", "is", "do"... is a question from this many words ("do it" is
not); one opening with "what", "why", "how"... is a question at any length."""
_SOFT_CONDITIONS = frozenset({"but", "though", "except"})
_WH = frozenset("what who whom whose how why when where which whats hows whos wheres".split())


@dataclass(frozen=True, slots=True)
class Prompt:
    """What the current step asks for: the buttons shown, whether it is a yes-no question,
    and which value it collects (a name, an email address, ...), if any."""

    buttons: tuple[Choice, ...] = ()
    button_words: Mapping[str, Sequence[str]] = field(default_factory=dict)
    yes_no: bool = False
    collects: Collects | None = None


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

    def read(self, text: str, prompt: Prompt) -> Reading:
        """The one reading of `text` at a step that asks `prompt` (see the module docstring)."""
        words = self.intents.mender.mend_all(self.language.tokens(text))
        asked = _looks_asked(text, words, self.intents.question_starts)
        if not words:
            kind: Kind = "ask" if asked else "empty"
            return Reading(kind, text, words, asked=asked)
        negated = self.language.negation_flags(text)
        risk = self.safety.find(words)
        if risk is not None:
            return Reading("safety", text, words, risk=risk.risk, why=risk.phrase)
        button = self.pick_button(text, words, prompt, asked)
        if button is not None:
            return Reading("button", text, words, button=button)
        answer, why = self.answer(words, negated) if prompt.yes_no else (None, "")
        if asked and answer in ("yes", "no") and why == " ".join(words) and "?" not in text:
            asked = False  # "why not" answers; it does not ask
        stop = self._stop(text, words, negated, asked)
        elsewhere = self.intents.no_elsewhere.first(words, negated, self.language)
        if (
            stop is not None
            and elsewhere is not None
            and _contains(self.language.tokens(elsewhere), self.language.tokens(stop))
        ):
            stop = None  # "no more questions" is not "no more"
        if stop is not None:
            return Reading("stop", text, words, why=stop)
        defer = self.intents.wants_to_defer(words, negated)
        if defer is not None:
            return Reading("defer", text, words, why=defer)
        command = self._command(words, negated, asked)
        if command is not None:
            return Reading("command", text, words, command=command[0], why=command[1])
        if prompt.yes_no and answer is None and elsewhere is not None:
            # "no more questions" at a yes/no question answers neither: it is asked again
            return Reading("unclear", text, words, answer="unclear", why="elsewhere: " + elsewhere)
        if prompt.yes_no and answer == "unclear" and why.startswith("pressure"):
            # "do I have a choice?" is felt pressure first: the re-ask says no is fine.
            return Reading("unclear", text, words, answer=answer, why=why)
        ask = self.intents.ask.whole(words)
        if ask is not None:
            return Reading("ask", text, words, asked=True, why=ask)
        if asked or self.intents.worries.first(words, negated, self.language) is not None:
            return Reading("question", text, words, answer=answer, asked=asked)
        if prompt.yes_no and answer is not None:
            return Reading(answer, text, words, answer=answer, why=why)
        if prompt.collects is not None:
            return Reading("value", text, words, answer=self.answer(words, negated)[0])
        return Reading("question", text, words, answer=answer, asked=False)

    # ------------------------------------------------------------ parts of a reading

    def pick_button(
        self, text: str, words: Words, prompt: Prompt, asked: bool = False
    ) -> str | None:
        """The shown button `text` names: its number, label, id, label core, or (in a short
        reply that asks nothing) one of its listed words ("deleted" picks "It is deleted")."""
        buttons = prompt.buttons
        if not buttons:
            return None
        bare = unicodedata.normalize("NFKC", text).strip().rstrip(".)")
        if bare.isascii() and bare.isdigit() and 1 <= int(bare) <= len(buttons):
            return buttons[int(bare) - 1].id
        tokens = self.language.tokens
        for b in buttons:
            if words in (tokens(b.label), tokens(b.id.replace("_", " "))):
                return b.id
        if len(words) >= 2:  # "tell them" picks "Yes, tell them"
            cores = [b.id for b in buttons if _core(tokens(b.label)) == words]
            if len(cores) == 1:
                return cores[0]
        if asked or len(words) > COMMAND_WORDS_MAX:
            return None
        hits = {
            b.id
            for b in buttons
            for said in prompt.button_words.get(b.id, ())
            if _contains(words, tokens(said))
        }
        return hits.pop() if len(hits) == 1 else None

    def answer(self, words: Words, negated: Sequence[bool]) -> tuple[Answer | None, str]:
        """Yes, no or unclear, and the phrase that decided it; None when it says neither.

        Felt pressure and hedges make a reply unclear; so does a condition ("only if") or a
        negation outside the yes ("sure, it's not like I have a choice"); a yes and a no
        together are unclear unless a correction ("I mean") picks the last one."""
        lang = self.language
        signals = self.intents.yes_no_signals(words, negated, lang)
        agrees = any(kind == "yes" for _, _, kind, _ in signals)
        short = len(words) <= SHORT_ANSWER
        pressure = lang.felt_pressure(words)
        if pressure is not None and (
            agrees or short or (len(pressure) >= 3 and len(words) <= STOP_WORDS_MAX)
        ):
            return "unclear", "pressure: " + " ".join(pressure)
        hedge = lang.hedge(words)
        if hedge is not None and (signals or short):
            return "unclear", "hedge: " + " ".join(hedge)
        if not signals:
            return None, ""
        covered = {i for start, end, _, _ in signals for i in range(start, end)}
        loose = [i for i in range(len(words)) if i not in covered]
        said = {kind for _, _, kind, _ in signals}
        condition = lang.condition(tuple(words[i] for i in loose))
        if condition is not None and ("yes" in said or condition[0] not in _SOFT_CONDITIONS):
            # "yes but..." and "no unless..." set conditions; "thanks for asking, but no" does not
            return "unclear", "condition: " + " ".join(condition)
        if said == {"yes"}:
            if any(words[i] in lang.negations for i in loose):
                return "unclear", "hedge: a yes with a negation beside it"
            other = [words[i] for i in loose if words[i] not in lang.neutral]
            if any(w not in self.intents.name_words for w in other):
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

    def _stop(self, text: str, words: Words, negated: Sequence[bool], asked: bool) -> str | None:
        if asked:  # a question about stopping is answered; "can you end this?" is a request
            return self.intents.stop_asking.first(words, negated, self.language)
        whole = self.intents.bare_stop(words)
        if whole is not None:
            return whole
        clauses = [self.intents.mender.mend_all(c) for c in self.language.clauses(text)]
        if len(clauses) > 1 and all(self.intents.bare_stop(c) for c in clauses):
            return "stop"  # "enough, stop", "I'm done. Bye."
        if self.language.condition(words) is not None:
            return None  # "I'll agree if I can turn it off whenever I want" sets a condition
        if len(words) <= STOP_WORDS_MAX:
            return self.intents.stop.first(words, negated, self.language)
        for sentence in self.language.sentences(text):  # "I'm upset. I want to stop."
            part = self.intents.mender.mend_all(self.language.tokens(sentence))
            if len(part) <= STOP_WORDS_MAX:
                found = self.intents.stop.first(part, self.language.negation_flags(sentence),
                                                self.language)  # fmt: skip
                if found is not None:
                    return found
        return None

    def _command(
        self, words: Words, negated: Sequence[bool], asked: bool
    ) -> tuple[Command, str] | None:
        options = self.intents.options.whole(words)
        if options is not None:
            return "options", options
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


def _looks_asked(text: str, words: Words, starts: frozenset[str]) -> bool:
    """A question mark anywhere, or a reply that opens like a question."""
    if any(mark in text for mark in "?？؟"):
        return True
    if not words or words[0] not in starts:
        return False
    if words[1:2] == ("not",):
        return False  # "don't record me", "wouldn't bother me": they tell, they do not ask
    return words[0] in _WH or len(words) >= QUESTION_AUX_MIN


def _core(label: Words) -> Words:
    """A label's words after its leading yes or no ("Yes, tell them" -> "tell them")."""
    return label[1:] if label and label[0] in ("yes", "no") else ()


def _contains(words: Words, phrase: Words) -> bool:
    n = len(phrase)
    return bool(n) and any(words[i : i + n] == phrase for i in range(len(words) - n + 1))
