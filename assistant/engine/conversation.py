"""One client's consent conversation: `send(text)` in, `Reply` out, no UI anywhere.

The flow (which state follows which) is the chart in `chart.py`; the words are content in
`dialogs/`. This module holds the behaviour in between: reading each reply in the context of
the current prompt, answering questions wherever they come, and filing the ending with the
record keeper. Everything the client entered lives in one `Session` object, replaced whole on
an idle timeout or when the client finishes, so nothing of theirs survives.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from assistant.clock import Clock, SystemClock
from assistant.config import Clinician, Config
from assistant.engine import chart, intents
from assistant.engine.content import CheckQuestion, Content, load_content
from assistant.engine.idle import IdleWatch, Phase
from assistant.engine.outcome import (
    AskedQuestion,
    CheckResult,
    MemoryRecords,
    Outcome,
    OutcomeKind,
    RecordKeeper,
    Signature,
    Stroke,
    normalise_reference,
)
from assistant.engine.reply import Choice, Reply
from assistant.engine.text import clean, has_control, same_name

if TYPE_CHECKING:
    from assistant.engine.matcher import Matcher

MAX_NAME = 100
# Progress: the steps of the consent path, in order (endings show the last step).
STEPS = ("welcome", "explain", "questions", "choices", "check", "identity", "review", "signature")
# Buttons that mean the same in every state that shows them.
COMMON_CHOICES = frozenset({"question", "no_thanks", "defer", "finish", "revoke", "change"})


@dataclass
class Session:
    """Everything this client entered or was told about themselves. Replaced whole on reset."""

    clinician: Clinician | None = None
    choices: dict[str, bool] = field(default_factory=dict)
    checks: list[CheckResult] = field(default_factory=list)
    check_tries: int = 0
    questions: list[AskedQuestion] = field(default_factory=list)
    name: str | None = None
    email: str | None = None
    strokes: tuple[Stroke, ...] = ()
    reference: str | None = None
    form_version: str | None = None
    form_text: str | None = None
    form_sha256: str | None = None
    clarify: tuple[str, ...] = ()
    clarify_text: str = ""
    told: bool = False
    withdraw_mode: Literal["revoke", "skip"] = "revoke"
    withdraw_code: str = ""


@functools.cache
def _matcher(content: Content) -> Matcher:
    from assistant.engine.matcher import Matcher  # rapidfuzz and the lexicon: on first question

    return Matcher(tuple(content.concerns.values()))


class Conversation:
    """A consent conversation for one client at a time (see the module docstring)."""

    def __init__(
        self,
        config: Config,
        *,
        clock: Clock | None = None,
        records: RecordKeeper | None = None,
        content: Content | None = None,
    ) -> None:
        self.config = config
        self.clock: Clock = clock or SystemClock()
        self.records: RecordKeeper = records if records is not None else MemoryRecords()
        self.content = content or load_content()
        self.state = "welcome"
        self.session = Session()
        self.idle = IdleWatch(config.kiosk.idle_seconds, config.kiosk.warning_seconds)
        self.last_reply = Reply(messages=(), choices=(), state="")  # nothing shown yet
        self.last_reply = self._enter([])

    # ------------------------------------------------------------ public API

    @property
    def matcher(self) -> Matcher:
        """The question matcher, built on first use and shared by every conversation."""
        return _matcher(self.content)

    def start(self) -> Reply:
        """The reply to show before the client has said anything."""
        return self.last_reply

    def send(self, text: str) -> Reply:
        """Take one client message and return the assistant's reply."""
        now = self.clock.now()
        if self.idle_expired(now):
            return self.expire()
        self.idle.touch(now)
        had_control = has_control(text)
        cleaned, cut = clean(text)
        notes = [self._say("too_long")] if cut else []
        if not cleaned:
            return self._reply([*notes, self._say("empty")], reprompt=True)
        self.last_reply = self._handle(cleaned, notes, had_control)
        return self.last_reply

    def choose(self, choice_id: str) -> Reply:
        """A quick-reply button was pressed; the same as typing its label."""
        for choice in self.last_reply.choices:
            if choice.id == choice_id:
                return self.send(choice.label)
        return self.send(choice_id)

    def set_signature_strokes(self, strokes: tuple[Stroke, ...] | list[Stroke]) -> None:
        """Keep the drawn signature; it is filed with the typed name at the signature step."""
        self.session.strokes = tuple(strokes)

    def touch(self) -> None:
        """The client is there (a key, a scroll, "I'm still here"): restart the idle count."""
        self.idle.touch(self.clock.now())

    def idle_phase(self, now: datetime | None = None) -> Phase:
        """`resting`, `active`, `warning` (show the countdown) or `expired` (wipe now)."""
        return self.idle.phase(now or self.clock.now())

    def idle_seconds_left(self, now: datetime | None = None) -> int:
        """Seconds of the "Are you still there?" countdown still to run."""
        return self.idle.seconds_left(now or self.clock.now())

    def idle_expired(self, now: datetime | None = None) -> bool:
        """True when the client was quiet through the idle time and the whole countdown."""
        return self.idle_phase(now) == "expired"

    def expire(self) -> Reply:
        """Idle timeout: forget everything the client entered and return to the welcome."""
        return self._new_session([self._say("timed_out")])

    def finish(self) -> Reply:
        """The client is done: forget them and greet the next client."""
        return self._new_session([])

    def stop(self) -> Reply:
        """The Stop button: end politely (declined before signing, revoked after)."""
        self.touch()
        self.last_reply = self._stop([])
        return self.last_reply

    # ------------------------------------------------------------ chart model (guards)

    def needs_clinician(self) -> bool:
        """Guard: several clinicians and none picked yet."""
        return len(self.config.clinicians) > 1 and self.session.clinician is None

    def offers_summary(self) -> bool:
        """Guard: the tool can send the client summaries."""
        return self.config.tool.client_summary

    def offers_supervision(self) -> bool:
        """Guard: the practice may use recordings in supervision."""
        return self.config.tool.supervision

    def returning(self) -> bool:
        """Guard: the client is changing answers after the check; skip straight to review."""
        return len(self.session.checks) == len(self.content.checks) and bool(self.session.name)

    # ------------------------------------------------------------ turn handling

    def _handle(self, text: str, notes: list[str], had_control: bool) -> Reply:
        if self.session.clarify:
            reply = self._resolve_clarify(text, notes)
            if reply is not None:
                return reply
        choice = self._pick_button(text)
        if choice is not None:
            return self._on_choice(choice, text, notes)
        ints = self.content.intents
        if intents.has_intent(ints, "stop", text) and not self._expects_no(text):
            return self._stop(notes)
        if intents.has_intent(ints, "defer", text) and self.state in chart.PRE_SIGN:
            return self._fire_and_enter("defer", notes)
        if self.state == "welcome" and intents.has_intent(ints, "withdraw", text):
            return self._on_choice("take_back", text, notes)
        if self.state == "welcome" and intents.has_intent(ints, "skip_today", text):
            self.session.withdraw_mode = "skip"
            return self._fire_and_enter("withdraw", notes, then="skip_today")
        if intents.has_intent(ints, "question", text):
            return self._reply([*notes, self._say("ask_away")])
        if intents.has_intent(ints, "change", text) and chart.can_fire(self.state, "change"):
            return self._on_choice("change", text, notes)
        choice = self._pick_yes_no(text)
        if choice is not None:
            return self._on_choice(choice, text, notes)
        if not intents.looks_like_question(text):
            reply = self._on_text(text, notes, had_control)
            if reply is not None:
                return reply
        return self._answer(text, notes)

    def _expects_no(self, text: str) -> bool:
        """At a yes/no prompt a plain "no" is an answer, not a request to stop everything."""
        answers_no = self.content.state(self.state).no is not None or any(
            c.id == "no" for c in self.last_reply.choices
        )
        return answers_no and intents.yes_or_no(self.content.intents, text) == "no"

    def _pick_button(self, text: str) -> str | None:
        """The button the text names among those shown: its number, label or listed words."""
        extra: dict[str, tuple[str, ...]] = {}
        check = self._check()
        if check is not None:
            extra = {c.id: c.say for c in check.choices}
        return intents.pick_choice(text, self.last_reply.choices, extra)

    def _pick_yes_no(self, text: str) -> str | None:
        """The button a typed yes or no means here (a "yes" button, or the state's mapping)."""
        yn = intents.yes_or_no(self.content.intents, text)
        if yn is None:
            return None
        if yn in (c.id for c in self.last_reply.choices):
            return yn
        st = self.content.state(self.state)
        return st.yes if yn == "yes" else st.no

    # ------------------------------------------------------------ buttons

    def _on_choice(self, choice: str, text: str, notes: list[str]) -> Reply:
        state = self.state
        if choice in self.content.concerns:
            return self._answer_concern(choice, text, notes)
        if choice.startswith("clinician:"):
            self.session.clinician = self.config.clinicians[int(choice.split(":")[1])]
            return self._fire_and_enter("pick_clinician", notes)
        if choice == "question":
            return self._reply([*notes, self._say("ask_away")])
        if choice in ("no_thanks", "revoke"):
            return self._stop(notes)
        if choice == "defer":
            return self._fire_and_enter("defer", notes)
        if choice == "finish":
            return self.finish()
        if choice == "change":
            self.session.choices.clear()
            return self._fire_and_enter("change", notes)
        if choice == "take_back" and state == "welcome":
            self.session.withdraw_mode = "revoke"
            return self._fire_and_enter("withdraw", notes)
        if state == "withdraw.action":
            self.session.withdraw_mode = "skip" if choice == "skip_today" else "revoke"
            return self._fire_and_enter("skip_today" if choice == "skip_today" else "revoke", notes)
        if state == "welcome" and choice == "start":
            return self._fire_and_enter("start", notes)
        if state == "questions" and choice == "no_more":
            return self._fire_and_enter("next", notes)
        if state.startswith("explain") and choice == "continue":
            return self._fire_and_enter("next", notes)
        if state == "choices.recording":
            agreed = choice == "yes_agree"
            self.session.choices["recording"] = agreed
            return self._fire_and_enter("agree" if agreed else "refuse", notes)
        if state in ("choices.summary", "choices.supervision"):
            key = state.split(".")[1]
            self.session.choices[key] = choice.startswith("yes")
            return self._fire_and_enter("next", notes)
        if state.startswith("check."):
            return self._on_check_answer(choice, notes)
        if state == "identity.email" and choice == "skip":
            self.session.email = None
            return self._fire_and_enter("next", notes)
        if state == "review" and choice == "sign":
            return self._fire_and_enter("next", notes)
        if state in ("declined.notify", "deferred.notify"):
            if choice == "tell":
                self.session.told = True
                return self._fire_and_enter("tell", notes)
            return self._file_ending(notes, name=None)
        return self._reply([*notes, self._say("not_understood")], reprompt=True)

    # ------------------------------------------------------------ free text

    def _on_text(self, text: str, notes: list[str], had_control: bool) -> Reply | None:
        """Free text read as the answer to the current prompt; None when it is not one."""
        kind = self.content.state(self.state).input
        if self.state in ("identity.name", "declined.name", "deferred.name", "withdraw.name"):
            return self._on_name(text, notes, had_control)
        if kind == "email":
            return self._on_email(text, notes)
        if kind == "signature":
            return self._on_signature(text, notes)
        if kind == "code":
            code = normalise_reference(text)
            if len(code) != 9:
                return self._reply([*notes, self._say("revoke_not_found")], reprompt=True)
            self.session.withdraw_code = code
            return self._fire_and_enter("next", notes)
        if (
            self.state == "choices.recording"
            and intents.yes_or_no(self.content.intents, text) is None
            and self.matcher.match(text).status == "none"
        ):
            # Anything other than a clear yes or no is not consent: say so, ask again.
            return self._reply([*notes, self._say("need_explicit_yes")], reprompt=True)
        return None

    def _on_name(self, text: str, notes: list[str], had_control: bool) -> Reply:
        yn = intents.yes_or_no(self.content.intents, text)
        if yn == "yes":
            return self._reply(notes, reprompt=True)
        refused = yn == "no" or intents.plain(text) in ("skip", "none", "no name")
        if refused and self.state != "withdraw.name":
            return self._reply([*notes, self._say("name_refused")], reprompt=True)
        if had_control or not _valid_name(text):
            return self._reply([*notes, self._say("name_rules")], reprompt=True)
        if self.state == "identity.name":
            self.session.name = text
            return self._fire_and_enter("next", notes)
        if self.state == "withdraw.name":
            return self._withdraw(text, notes)
        self.session.name = text
        return self._file_ending(notes, name=text)

    def _on_email(self, text: str, notes: list[str]) -> Reply:
        if intents.plain(text) in ("skip", "no", "no thanks", "none", "no email"):
            self.session.email = None
            return self._fire_and_enter("next", notes)
        from email_validator import EmailNotValidError, validate_email  # slow import: used late

        try:
            result = validate_email(text, check_deliverability=False)
        except EmailNotValidError:
            return self._reply([*notes, self._say("email_bad")], reprompt=True)
        self.session.email = result.normalized
        return self._fire_and_enter("next", notes)

    def _on_signature(self, text: str, notes: list[str]) -> Reply:
        name = self.session.name or ""
        if not same_name(text, name):
            return self._reply([*notes, self._say("signature_mismatch", name=name)], reprompt=False)
        outcome = self._outcome("signed", name=name)
        try:
            receipt = self.records.file(outcome)
        except Exception:  # the records layer must never lose the client's place
            return self._reply([*notes, self._say("record_failed")], reprompt=True)
        self.session.reference = receipt.reference
        return self._fire_and_enter("sign", [*notes, *([receipt.note] if receipt.note else [])])

    # ------------------------------------------------------------ questions

    def _answer(self, text: str, notes: list[str]) -> Reply:
        match = self.matcher.match(text)
        if match.status == "sure" and match.concern:
            return self._answer_concern(match.concern, text, notes)
        if match.status == "unsure" and len(match.candidates) >= 2:
            self.session.clarify = tuple(c for c, _ in match.candidates[:2])
            self.session.clarify_text = text
            choices = (
                *(self.content.choice(c) for c in self.session.clarify),
                self.content.choice("neither"),
            )
            return self._reply([*notes, self._say("did_you_mean")], choices=choices)
        if not intents.looks_like_question(text) and len(intents.words_of(text)) <= 2:
            return self._reply([*notes, self._say("not_understood")], reprompt=True)
        self.session.questions.append(AskedQuestion(text, None))
        return self._reply([*notes, self._say("no_match")], reprompt=True)

    def _resolve_clarify(self, text: str, notes: list[str]) -> Reply | None:
        options = self.last_reply.choices
        picked = intents.pick_choice(text, options, {})
        original, candidates = self.session.clarify_text, self.session.clarify
        self.session.clarify, self.session.clarify_text = (), ""
        if picked in candidates:
            return self._answer_concern(picked, original, notes, log_text=original)
        if picked == "neither":
            self.session.questions.append(AskedQuestion(original, None))
            return self._reply([*notes, self._say("no_match")], reprompt=True)
        return None

    def _answer_concern(
        self, concern: str, text: str, notes: list[str], log_text: str | None = None
    ) -> Reply:
        self.session.questions.append(AskedQuestion(log_text or text, concern))
        answer = self.content.render(self.content.answers[concern], self._context())
        return self._reply([*notes, answer], reprompt=True, concern=concern)

    # ------------------------------------------------------------ check (teach-back)

    def _check(self) -> CheckQuestion | None:
        """The comprehension question asked in the current state, if any."""
        if not self.state.startswith("check.q"):
            return None
        return self.content.checks[int(self.state[-1]) - 1]

    def _on_check_answer(self, choice: str, notes: list[str]) -> Reply:
        q = self._check()
        assert q is not None  # only called in a check state
        ctx = self._context()
        correct = self.content.render(q.correct, ctx).strip()
        self.session.check_tries += 1
        if choice != correct:
            return self._reply([*notes, self.content.render(q.wrong, ctx)], reprompt=True)
        self.session.checks = [c for c in self.session.checks if c.question_id != q.id]
        self.session.checks.append(
            CheckResult(
                question_id=q.id,
                question=self.content.render(q.ask, ctx),
                correct_first_time=self.session.check_tries == 1,
                attempts=self.session.check_tries,
            )
        )
        self.session.check_tries = 0
        return self._fire_and_enter("next", [*notes, self.content.render(q.right, ctx)])

    # ------------------------------------------------------------ endings

    def _stop(self, notes: list[str]) -> Reply:
        if self.state.startswith("withdraw."):
            chart.fire(self, "cancel")
            return self._enter([*notes, self._say("withdraw_cancelled")])
        if self.state == "signed":
            # The client's own fresh consent: the code and name are the ones just used.
            self.records.revoke(
                self.session.reference or "", self.session.name or "", self.clock.now()
            )
            return self._fire_and_enter("stop", notes)
        if self.state in chart.PRE_SIGN:
            return self._fire_and_enter("stop", notes)
        if self.state in ("declined.notify", "deferred.notify", "declined.name", "deferred.name"):
            return self._file_ending(notes, name=None)
        return self.finish()

    def _file_ending(self, notes: list[str], name: str | None) -> Reply:
        kind: OutcomeKind = "declined" if self.state.startswith("declined") else "deferred"
        self.session.told = name is not None
        outcome = self._outcome(kind, name=name)
        try:
            self.records.file(outcome)
        except Exception:
            return self._reply([*notes, self._say("record_failed")], reprompt=True)
        return self._fire_and_enter("done", notes)

    def _withdraw(self, name: str, notes: list[str]) -> Reply:
        code, now = self.session.withdraw_code, self.clock.now()
        if self.session.withdraw_mode == "skip":
            result = self.records.skip_today(code, name, now)
        else:
            result = self.records.revoke(code, name, now)
        if result.status == "revoked":
            self.session.reference = result.reference
            return self._fire_and_enter("revoked", notes)
        if result.status == "skipped":
            return self._fire_and_enter("skipped", notes)
        if result.status == "already":
            chart.fire(self, "cancel")
            return self._enter([*notes, self._say("revoke_already")])
        if result.status == "locked":
            chart.fire(self, "cancel")
            return self._enter([*notes, self._say("revoke_locked", minutes=result.minutes_locked)])
        chart.fire(self, "retry")
        return self._enter([*notes, self._say("revoke_not_found")])

    def _outcome(self, kind: OutcomeKind, name: str | None) -> Outcome:
        s, clinician = self.session, self._clinician()
        return Outcome(
            kind=kind,
            at=self.clock.now(),
            clinician_name=clinician.name,
            clinician_email=clinician.email,
            name=name,
            email=s.email if kind == "signed" else None,
            choices=dict(s.choices),
            comprehension=tuple(s.checks),
            questions=tuple(s.questions),
            form_version=s.form_version,
            form_text=s.form_text,
            form_sha256=s.form_sha256,
            signature=Signature(name, s.strokes) if kind == "signed" and name else None,
            notify_clinician=name is not None or kind == "signed",
        )

    # ------------------------------------------------------------ composing replies

    def _new_session(self, notes: list[str]) -> Reply:
        chart.fire(self, "restart")
        self.session = Session()
        self.idle.clear()
        self.last_reply = dataclasses.replace(self._enter(notes), new_session=True)
        return self.last_reply

    def _fire_and_enter(self, trigger: str, notes: list[str], then: str | None = None) -> Reply:
        chart.fire(self, trigger)
        if then:
            chart.fire(self, then)
        return self._enter(notes)

    def _enter(self, notes: list[str]) -> Reply:
        """The reply on arriving in the current state: notes, the state's intro, its question."""
        if self.state == "review":
            self._prepare_form()
        parent = self.state.split(".")[0]
        ctx = self._context()
        messages = list(notes)
        if parent != self.state and self._arrived_in_parent():
            messages.append(self.content.render(self.content.state(parent).intro, ctx))
        messages.append(self.content.render(self.content.state(self.state).intro, ctx))
        messages.append(self._ask_text(ctx))
        return self._reply(messages, add_ask=False)

    def _arrived_in_parent(self) -> bool:
        """True when the last reply shown was in another top-level state."""
        return self.last_reply.top_state != self.state.split(".")[0]

    def _ask_text(self, ctx: dict[str, Any]) -> str:
        check = self._check()
        if check is not None:
            return self.content.render(check.ask, ctx)
        return self.content.render(self.content.state(self.state).ask, ctx)

    def _reply(
        self,
        messages: list[str],
        *,
        reprompt: bool = False,
        add_ask: bool = False,
        choices: tuple[Choice, ...] | None = None,
        concern: str | None = None,
    ) -> Reply:
        if reprompt or add_ask:
            messages = [*messages, self._ask_text(self._context())]
        top = self.state.split(".")[0]
        step = STEPS.index(top) + 1 if top in STEPS else len(STEPS)
        st = self.content.state(self.state)
        reply = Reply(
            messages=tuple(m for m in messages if m),
            choices=choices if choices is not None else self._choices(),
            state=self.state,
            concern=concern,
            step=step,
            steps=len(STEPS),
            input_kind=st.input,
            form=self.session.form_text if self.state in ("review", "signed") else None,
            reference=self.session.reference,
            ended=self.state in chart.ENDINGS,
        )
        self.last_reply = reply
        return reply

    def _choices(self) -> tuple[Choice, ...]:
        if self.state in ("welcome.clinician", "declined.clinician", "deferred.clinician"):
            return tuple(
                Choice(f"clinician:{i}", c.name) for i, c in enumerate(self.config.clinicians)
            )
        check = self._check()
        if check is not None:
            ctx = self._context()
            return tuple(Choice(c.id, self.content.render(c.label, ctx)) for c in check.choices)
        st = self.content.state(self.state)
        ids = list(st.choices) + list(st.concern_choices)
        if self.state == "signed" and not self.session.reference:
            ids = [i for i in ids if i != "revoke"]
        return tuple(self.content.choice(i) for i in ids)

    def _prepare_form(self) -> None:
        from assistant.records.forms import render_consent_form

        form = render_consent_form(
            self.config,
            clinician=self._clinician(),
            name=self.session.name or "",
            choices=dict(self.session.choices),
            when=self.clock.now(),
        )
        self.session.form_version = form.version
        self.session.form_text = form.text
        self.session.form_sha256 = form.sha256

    def _clinician(self) -> Clinician:
        if self.session.clinician is not None:
            return self.session.clinician
        if len(self.config.clinicians) == 1:
            return self.config.clinicians[0]
        return Clinician(name="your clinician", email=self.config.clinicians[0].email)

    def _context(self, **extra: Any) -> dict[str, Any]:
        s = self.session
        return {
            **self.config.template_context(),
            "clinician": self._clinician(),
            "name": s.name or "",
            "email": s.email or "",
            "reference": s.reference or "",
            "told": s.told,
            "choices": dict(s.choices),
            **extra,
        }

    def _say(self, key: str, **extra: Any) -> str:
        return self.content.render(self.content.say[key], self._context(**extra))


def _valid_name(text: str) -> bool:
    """1-100 characters with at least one letter, digit or symbol (any script, emoji too)."""
    import unicodedata

    return 1 <= len(text) <= MAX_NAME and any(unicodedata.category(ch)[0] in "LNS" for ch in text)
