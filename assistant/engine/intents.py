"""The word lists of `dialogs/intents.toml`, compiled: yes, no, stop, defer, ask, commands.

Loading reads every phrase once (`patterns.PhraseSet`, which compiles them as first needed),
with the clinicians' names added to the `{clinician}` group so "can I ask Dr Lee first?"
defers. What the lists *mean* at a step is decided in `reading.py`; this module only finds
phrases, with negation taken into account: a phrase inside the reach of a "not" does not count
("I do not want to stop"). One intent's phrases and the list checks are `intent_words.py`;
finding every yes and no is `signals.py`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from assistant.engine.asked_of import AskedOf
from assistant.engine.datafile import read_toml
from assistant.engine.english import english_words
from assistant.engine.intent_words import IntentsError as IntentsError
from assistant.engine.intent_words import Phrases as Phrases
from assistant.engine.intent_words import name_forms, single_words, strings
from assistant.engine.intent_words import optional as optional_list
from assistant.engine.language import Language, Mender, Words
from assistant.engine.patterns import PatternError, PhraseSet
from assistant.engine.signals import Signal as Signal
from assistant.engine.signals import yes_no_signals
from assistant.engine.slips import Slips

ALERT_KEYS = ("get", "again", "fine")
"""The lists of `[alert]`, in the order `alert_offer.py` reads them."""


def _token_lists(language: Language, phrases: Iterable[str]) -> tuple[Words, ...]:
    """Each phrase's words, once, longest first (the longest of two that open alike wins)."""
    return tuple(sorted({language.tokens(p) for p in phrases} - {()}, key=len, reverse=True))


class Intents:
    """Every intent of one `intents.toml`, compiled for one set of clinician names."""

    def __init__(
        self,
        path: Path,
        language: Language,
        clinician_names: Sequence[str],
        everyday: Iterable[str] = (),
    ) -> None:
        everyday = frozenset(everyday)
        data = read_toml(path, "intents", IntentsError)
        groups = {k: list(v) for k, v in data.get("groups", {}).items()}
        names = [w for name in clinician_names for w in name_forms(name)]
        groups["clinician"] = [*groups.get("clinician", []), *names]
        groups["someone"] = [*groups.get("someone", []), *names]
        self.name_words = frozenset(w for n in names for w in language.tokens(n))
        self.language = language

        def compiled(phrases: list[str], where: str) -> Phrases:
            try:
                return Phrases(PhraseSet(phrases, language, groups, f"{path} {where}"))
            except PatternError as exc:
                raise IntentsError(str(exc)) from None

        def compile_(table: str, key: str = "phrases", optional: bool = False) -> Phrases:
            """A phrase list (`optional`: one a clinic's older file may lack, then empty)."""
            phrases = (optional_list if optional else strings)(data, table, key, path)
            return compiled(phrases, f"[{table}]")

        self.yes_words = frozenset(
            w for p in strings(data, "yes", "words", path) for w in language.tokens(p)
        )
        self.no_words = frozenset(
            w for p in strings(data, "no", "words", path) for w in language.tokens(p)
        )
        self.intensifiers = frozenset(  # optional: a clinic's older intents.toml may lack it
            w
            for p in (
                strings(data, "yes", "intensifiers", path)
                if "intensifiers" in data.get("yes", {})
                else ()
            )
            for w in language.tokens(p)
        )
        self.yes = compile_("yes")
        self.doubt = (  # optional: a clinic's older intents.toml may lack it
            compile_("yes", "doubt") if "doubt" in data.get("yes", {}) else None
        )
        self.support = compile_("yes", "support") if "support" in data.get("yes", {}) else None
        self.doubt_openings = tuple(
            language.tokens(p)
            for p in (
                strings(data, "yes", "doubt_openings", path)
                if "doubt_openings" in data.get("yes", {})
                else ()
            )
        )
        self.no = compile_("no")
        optional = {
            (table, key): compile_(table, key) if key in data.get(table, {}) else None
            for table, key in (("yes", "acknowledgements"), ("yes", "go_ahead"),
                               ("no", "reassuring"), ("yes", "overcome"))
        }  # fmt: skip
        self.acknowledgements = optional["yes", "acknowledgements"]
        """"yes, I understand": heard or read, not agreed (optional in a clinic's copy)."""
        self.go_ahead = optional["yes", "go_ahead"]
        self.reassuring = optional["no", "reassuring"]
        self.overcome = optional["yes", "overcome"]
        """A doubt the client had and got past ("I was nervous at first"), before a "but"."""
        """"no no, go ahead": a no opening the reply that answers "would you mind?"."""
        self.introductions = tuple(
            (language.tokens(before), language.tokens(after))
            for before, _, after in (
                p.partition("{name}") for p in optional_list(data, "yes", "introductions", path)
            )
        )
        """What is said before and after a name to say who one is ("i am {name}")."""
        self.alone = frozenset(
            " ".join(language.tokens(p))
            for table in ("no", "yes")
            for p in optional_list(data, table, "alone", path)
        )
        """Answers only alone in their clause, or before only `after_alone` ("never." is a
        no, "these things never get my accent" a story; "I'm in." is a yes, "I'm in the middle
        of a custody fight" a story)."""
        self.after_alone = frozenset(
            w for p in optional_list(data, "no", "after_alone", path) for w in language.tokens(p)
        )
        self.leads = frozenset(optional_list(data, "no", "leads", path))
        """The "yeah" of "yeah no": it leads what follows and answers nothing itself."""
        self.sign_offs = tuple(
            language.tokens(p)
            for p in optional_list(data, "yes", "sign_offs", path)
            if language.tokens(p)
        )
        """Words a name follows when the client signs or greets ("thanks", "regards")."""
        self.firm = frozenset(
            w for p in optional_list(data, "yes", "firm", path) for w in language.tokens(p)
        )
        self.echo = frozenset(
            w for p in optional_list(data, "echo", "words", path) for w in language.tokens(p)
        )
        """Words a question said back before its answer may hold ("do I agree? I do")."""
        self.echo_topic = frozenset(
            w for p in optional_list(data, "echo", "topic", path) for w in language.tokens(p)
        )
        answers_ = self.yes_words | self.no_words
        self.slips = Slips(
            language.keyboard,
            {kind: optional_list(data, "slips", kind, path) for kind in ("yes", "no")},
            answers_,
            everyday,
            optional_list(data, "slips", "doubled", path),
        )
        self.no_whole = compile_("no", "whole")
        self.no_elsewhere = compile_("no", "elsewhere")
        self.not_answers = compiled(
            [
                *optional_list(data, "no", "not_answers", path),
                *optional_list(data, "yes", "not_answers", path),
            ],
            "[no] / [yes] not_answers",
        )
        """Phrases whose "no", "never" or "sure" answers nothing ("no one told me", "they
        never asked", "make sure it's noted"): a story, a worry or a request, no answer."""
        self.stop_whole = compile_("stop", "whole")
        self.stop_fillers = tuple(
            language.tokens(f) for f in strings(data, "stop", "fillers", path)
        )
        self.stop = compile_("stop")
        self.stop_asking = compile_("stop", "asking")
        self.stop_carried_on = tuple(
            language.tokens(p) for p in optional_list(data, "stop", "carried_on", path)
        )
        """Words after a stop phrase that make it something else ("i am done" + "reading")."""
        self.stop_led_by = tuple(
            language.tokens(p) for p in optional_list(data, "stop", "led_by", path)
        )
        """Words before a stop phrase that make it a time or an outcome ("after i am done")."""
        self.stop_feared = frozenset(
            w for p in optional_list(data, "stop", "feared", path) for w in language.tokens(p)
        )
        """Words that make a later stop phrase in their clause the thing feared."""
        self.stop_later = (
            compile_("stop", "later") if "later" in data.get("stop", {}) else None
        )  # optional: a clinic's older intents.toml may lack it
        self.defer = compile_("defer")
        self.defer_whole = (  # optional: a clinic's older intents.toml may lack it
            compile_("defer", "whole") if "whole" in data.get("defer", {}) else None
        )
        """Whole replies that put the answer off ("later")."""
        self.defer_times = frozenset(optional_list(data, "defer", "times", path))
        """Defer phrases that only name a time: beside a firm yes they tell a story."""
        self.defer_with_leave = compile_("defer", "needs_leave")
        self.leave = compile_("defer", "leave")
        self.ask_to = single_words(data, "defer", "ask_to", path)
        """Asking someone *to do* something ("ask Dr Lee to pause it") is not consulting them
        first, unless the reply says it comes first (`first`)."""
        self.first_words = single_words(data, "defer", "first", path)
        self.undoing = (  # optional: a clinic's older intents.toml may lack it
            compile_("defer", "undoing") if "undoing" in data.get("defer", {}) else None
        )
        """Taking consent back: asked with a time, a question about withdrawing later."""
        self.undone_when = self.defer_times | frozenset(
            optional_list(data, "defer", "undone_when", path)
        )
        """The times that, with `undoing`, say when a change of mind would come."""
        self.supposing = tuple(
            language.tokens(p) for p in optional_list(data, "supposing", "openers", path)
        )
        """Words just before an answer or a wish to wait that suppose it ("say i refuse")."""
        self.to_see_first = (  # optional: a clinic's older intents.toml may lack it
            compile_("defer", "to_see_first") if "to_see_first" in data.get("defer", {}) else None
        )
        """A wish to see or know something, which a "before I sign" beside it does not put off."""
        asked_of = (
            "client",
            "client_object",
            "addressed",
            "proposing",
            "deciding",
            "waits",
            "supposing",
            "supposed",
            "asking_leave",
        )
        self.asked_of = AskedOf(
            *(frozenset(optional_list(data, "defer", key, path)) for key in asked_of)
        )
        """Who a question that holds a wish to wait asks about (`waiting.Waiting`)."""
        self.still_words = single_words(data, "defer", "still", path)
        self.about_words = single_words(data, "defer", "about", path)
        self.with_words = single_words(data, "defer", "with", path)
        self.what_words = frozenset(optional_list(data, "defer", "what", path))
        self.behalf_words = frozenset(optional_list(data, "defer", "behalf", path))
        """Seeing someone *still* ("and still see my therapist") is care going on; talking
        *about* someone, with no one to talk it over *with*, names a topic ("when I talk about
        my dad"); seeing *what* someone writes is about a thing ("can I see what my therapist
        writes about me?"); asking *for* someone asks on their behalf ("wait, who reads it?
        asking for a friend"): none is consulting first, unless the reply says it comes
        first."""
        self.ask = compile_("question")
        self.ask_leads = _token_lists(language, optional_list(data, "question", "leads", path))
        self.ask_objects = _token_lists(language, optional_list(data, "question", "objects", path))
        """Said before (`leads`) or after (`objects`) leave to ask ("wait, can I ask
        something"); optional: a clinic's older intents.toml may lack them."""
        self.worries = compile_("question", "worries")
        self.wants_to_know = compile_("question", "wants_to_know")
        """What asks without a question mark ("i would like to know"): in a message told at
        length, a sentence holding one asks (`reading.Reader.read`)."""
        self.question_starts = frozenset(strings(data, "question", "starts", path))
        self.question_wh = single_words(data, "question", "wh", path)
        """Question words: a reply opening with one asks at any length."""
        self.statement_seconds = single_words(data, "question", "statement_seconds", path)
        """Second after an opening "can", "would"...: "would be fine" tells, it does not ask."""
        self.requests = _token_lists(language, optional_list(data, "question", "requests", path))
        self.request_ends = _token_lists(
            language, optional_list(data, "question", "request_ends", path)
        )
        """Openings of a polite request ("can we", "could you"), longest first, and what may
        close one ("please"): `[question] requests` and `request_ends`; optional, a clinic's
        older intents.toml may lack them."""
        self.clarify: Mapping[str, tuple[str, ...]] = {
            key: tuple(optional_list(data, "clarify", key, path))
            for key in ("first", "second", "either", "neither")
        }
        """Typed answers to "Did you mean A or B?" that pick by place or take either (`[clarify]`;
        optional: a clinic's older intents.toml may lack them)."""
        self.alert = {key: compile_("alert", key, optional=True) for key in ALERT_KEYS}
        """Typed answers to the safety reply's offer to alert staff (`[alert]`, `alert_offer.py`;
        optional: a clinic's older intents.toml may lack them)."""
        self.skip_words = frozenset(
            " ".join(language.tokens(p)) for p in strings(data, "skip", "whole", path)
        )
        """Whole replies that skip an optional name or email address ("n/a", "no email")."""
        self.options = compile_("options", "whole")
        self.pause = compile_("pause", "whole", optional=True)
        """Asks for a moment ("hang on"); optional, as above."""
        self.commands: Mapping[str, Phrases] = {
            name: compile_(name) for name in ("change", "withdraw", "skip_today")
        }
        answers = self.yes_words | self.no_words
        in_phrases = frozenset(
            w
            for table in ("yes", "no")
            for p in strings(data, table, "phrases", path)
            for w in language.tokens(p)
            if "{" not in p
        )  # "no porblem", "go ahaed", "dont recrod me"
        listed = frozenset(  # the other word lists' words are real words: "abort" stays
            w
            for table, section in data.items()
            if table not in ("yes", "no") and isinstance(section, dict)
            for value in section.values()
            if isinstance(value, list)
            for p in value
            if isinstance(p, str)
            for w in language.tokens(p)
        )
        targets = answers | in_phrases
        self.mender = Mender(targets, (frozenset(everyday) | listed) - targets, english_words())
        """Mends slips in the yes and no words and the words of the yes and no phrases ("i
        aggree", "absolutly", "no porblem"): one edit, same first letter, five letters or more.
        Names and questions keep the client's spelling, and so do the `everyday` words: "share"
        is not "shure", "argue" not "argee"; and so does any real English word: "a thick
        accent" is no "think" (`english.py`)."""
        self.neutral_mender = Mender(
            language.neutral, (frozenset(everyday) | listed) - language.neutral
        )
        """Mends slips in the neutral words a clear yes may carry ("being recoded"), by the same
        rules; only to tell whether a word beside a yes is one of them."""

    def wants_to_defer(
        self, words: Words, negated: Sequence[bool], leave_ok: bool = True
    ) -> str | None:
        """The defer phrase in `words`: one that says so on its own ("think about it"), or a
        "talk to my therapist" with a sign of wanting to first ("first", "before", "want to").
        With `leave_ok` False only the first kind counts ("can I still see Dr Lee if I say
        no?" asks what happens; it does not ask leave)."""
        found = self.defer.first(words, negated, self.language)
        if found is None and self.defer_whole is not None:
            found = self.defer_whole.whole(words)
        if found is not None or not leave_ok:
            return found
        hit = self.defer_with_leave.first_hit(words, negated, self.language)
        if hit is None or self.leave.first(words, negated, self.language) is None:
            return None
        if (
            words[hit.start] in self.ask_to
            and words[hit.end : hit.end + 1] == ("to",)
            and not self.first_words.intersection(words)
        ):  # "can I ask Dr Lee to pause it?" asks for a deed, not leave to consult first
            return None
        before, after = words[hit.start - 1 : hit.start], words[hit.start + 1 : hit.start + 2]
        # "can I say no and still see my therapist?", "pause it when I talk about my dad"
        going_on = bool(before) and before[0] in self.still_words
        topic = bool(after) and after[0] in self.about_words
        topic = topic and not self.with_words.intersection(words[hit.start + 2 : hit.end])
        thing = bool(after) and after[0] in self.what_words  # "see what my therapist writes"
        # "asking for a friend": on their behalf
        behalf = bool(after) and after[0] in self.behalf_words and words[hit.start] in self.ask_to
        if (going_on or topic or thing or behalf) and not self.first_words.intersection(words):
            return None
        return hit.phrase

    def bare_stop(self, words: Words) -> str | None:
        """A whole-reply stop, once politeness and repeats are set aside ("STOP NOW", "end
        this please", "stop stop stop")."""
        kept: list[str] = []
        i = 0
        while i < len(words):
            filler = next((f for f in self.stop_fillers if words[i : i + len(f)] == f), None)
            if filler is not None:
                i += len(filler)
                continue
            if not kept or kept[-1] != words[i]:
                kept.append(words[i])
            i += 1
        if not kept:
            return None
        return self.stop_whole.whole(tuple(kept))

    def asks_to_ask(self, words: Words) -> str | None:
        """The leave to ask that is the whole reply, once what may lead it ("wait", "sorry")
        and one thing it may ask about ("something", "a question") are set aside: "hang on,
        can I ask something". None for a reply that asks anything more."""
        while words:
            ends = [o for o in self.ask_objects if len(o) < len(words) and words[-len(o) :] == o]
            for rest in (words, *(words[: -len(o)] for o in ends)):
                found = self.ask.whole(rest)
                if found is not None:
                    return found
            lead = next((w for w in self.ask_leads if words[: len(w)] == w), None)
            if lead is None:
                return None
            words = words[len(lead) :]
        return None

    def yes_no_signals(
        self,
        words: Words,
        negated: Sequence[bool],
        language: Language,
        spans: Sequence[tuple[int, int]] = (),
    ) -> list[Signal]:
        """Every yes and no in `words`, left to right, and every no aimed elsewhere
        (`signals.yes_no_signals`; `spans`: where each clause lies in `words`, when known)."""
        return yes_no_signals(self, words, negated, language, spans)
