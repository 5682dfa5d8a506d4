"""One client's consent conversation: `send(text)` in, `Reply` out, no UI anywhere.

Every turn goes the same way: the text is cleaned (`text.py`), read once by the language layer
(`reading.py`: safety, stop, defer, question, yes / no / unclear, or a value), and the reading
is taken by the current step (`turns.py`), which runs the step's actions from flow.toml and
moves through the state chart built from the same file (`chart.py`). The words come from
`dialogs/`; replies are built in `replies.py`; endings are filed through the `RecordKeeper`.

Everything the client entered lives in one `Session`, replaced whole on an idle timeout or
when the client finishes, so nothing of theirs survives. The engine owns idle time (one
clock, injected): fronts report activity with `touch()` and draw the countdown from
`idle_phase()`.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime

from assistant.clock import Clock
from assistant.config import Config
from assistant.engine import turns
from assistant.engine.content import Content, load_content
from assistant.engine.flow import Step, conditions
from assistant.engine.forms import render_consent_form
from assistant.engine.idle import IdleWatch, Phase
from assistant.engine.outcome import RecordKeeper, Stroke
from assistant.engine.replies import Replies
from assistant.engine.reply import Reply
from assistant.engine.session import Session
from assistant.engine.text import clean, has_control


class Conversation:
    """A consent conversation for one client at a time (see the module docstring).

    `records` is required: endings are always filed somewhere real (tests pass an in-memory
    keeper explicitly). `clock` is the one clock of the engine and its idle time."""

    def __init__(
        self,
        config: Config,
        *,
        clock: Clock,
        records: RecordKeeper,
        content: Content | None = None,
    ) -> None:
        self.config = config
        self.clock = clock
        self.records = records
        self.content = content or load_content()
        self.flow = self.content.flow
        self.chart = self.content.chart
        self.reader = self.content.reader([c.name for c in config.clinicians])
        self.replies = Replies(self)
        self.state = self.flow.first().id
        self.session = Session()
        self.idle = IdleWatch(config.kiosk.idle_seconds, config.kiosk.warning_seconds)
        self.raw_had_control = False
        self.last_reply = Reply(messages=(), choices=(), state="")  # nothing shown yet
        self.last_reply = self.replies.enter([])

    # ------------------------------------------------------------ public API

    @property
    def step(self) -> Step:
        """The step of the flow the conversation is at."""
        return self.flow.step(self.state)

    def start(self) -> Reply:
        """The reply to show before the client has said anything."""
        return self.last_reply

    def send(self, text: str) -> Reply:
        """Take one client message and return the assistant's reply."""
        now = self.clock.now()
        if self.idle_expired(now):
            return self.expire()
        self.idle.touch(now)
        self.raw_had_control = has_control(text)
        cleaned, cut = clean(text)
        notes = [self.replies.say("too_long")] if cut else []
        reading = self.reader.read(cleaned, self.replies.prompt())
        return turns.take(self, reading, notes)

    def choose(self, choice_id: str) -> Reply:
        """A quick-reply button was pressed; the same as typing its label."""
        for choice in self.last_reply.choices:
            if choice.id == choice_id:
                return self.send(choice.label)
        return self.send(choice_id)

    def prepare(self) -> None:
        """Make ahead what the first question needs: the question matcher, shared by every
        conversation of this content (`questions.matcher_for`: read back from the cache
        folder, or built and kept there), and the safety net's learned signals
        (`SafetyCheck.prepare`). It reads the content only, no client's words, so a front may
        call it from any thread while turns run on another."""
        from assistant.engine.questions import prepare

        prepare(self.content)

    def stop(self) -> Reply:
        """The Stop button: the stop pattern of the current step (declined before signing,
        asking to confirm taking consent back after)."""
        self.touch()
        self.session.pending = None
        return turns.run(self, "stop", [])

    def set_signature_strokes(self, strokes: tuple[Stroke, ...] | list[Stroke]) -> None:
        """Keep the drawn signature; it is filed with the typed name at the signature step."""
        self.session.strokes = tuple(strokes)

    def finish(self) -> Reply:
        """The client is done: forget them and greet the next client."""
        return self._new_session([])

    def expire(self) -> Reply:
        """Idle timeout: forget everything the client entered and return to the welcome."""
        return self._new_session([self.replies.say("timed_out")])

    # ------------------------------------------------------------ idle time (one clock)

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

    # ------------------------------------------------------------ the chart's model

    def holds(self, condition: str) -> bool:
        """A flow condition (see flow.toml): `choose_clinician`, `returning`,
        `questions_open`, a fact test (`facts.summary_delivery.offered`), `not` any of them,
        several joined by `and`."""
        return all(self._holds(name) != negated for negated, name in conditions(condition))

    def _holds(self, name: str) -> bool:
        if name == "choose_clinician":
            return len(self.config.clinicians) > 1 and self.session.clinician is None
        if name == "returning":
            return self.session.returning
        if name == "questions_open":
            return self.session.questions_open
        value: object = self.config.template_context()
        for part in name.split("."):
            value = getattr(value, part, None) if not isinstance(value, dict) else value.get(part)
        return bool(value)

    def move(self, trigger: str, notes: list[str]) -> Reply:
        """Move through the chart with `trigger` and say what the new step says."""
        self.chart.fire(self, trigger)
        if self.state == "review":
            self.session.reached_review = True
        return self.replies.enter(notes)

    def prepare_form(self) -> None:
        """Render the form the client reads at review (and signs)."""
        form = render_consent_form(
            self.config,
            clinician=self.replies.clinician(),
            name=self.session.name or "",
            choices=dict(self.session.choices),
            when=self.clock.now(),
        )
        s = self.session
        s.form_version, s.form_text, s.form_sha256 = form.version, form.text, form.sha256

    def _new_session(self, notes: list[str]) -> Reply:
        self.chart.fire(self, "restart")
        self.session = Session()
        self.idle.clear()
        self.last_reply = Reply(messages=(), choices=(), state="")
        self.last_reply = dataclasses.replace(self.replies.enter(notes), new_session=True)
        return self.last_reply
