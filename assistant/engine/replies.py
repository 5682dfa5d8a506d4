"""Builds the `Reply` a front shows: the step's words, its buttons and the progress.

Nothing here decides where the conversation goes; it renders the current step of a
conversation (`Conversation`) from the content: on arrival the parent's intro (when coming from
another part of the chart), the step's own intro and its question; after a detour (a question,
a wrong answer) just the question again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assistant.config import Clinician
from assistant.engine.flow import Step
from assistant.engine.reading import Prompt
from assistant.engine.reply import Choice, InputKind, Reply

if TYPE_CHECKING:
    from assistant.engine.conversation import Conversation


class Replies:
    """Reply building for one conversation."""

    def __init__(self, conv: Conversation) -> None:
        self.conv = conv

    # ------------------------------------------------------------ context and words

    def clinician(self) -> Clinician:
        """The client's clinician: the one picked, the only one, or a neutral stand-in."""
        conv = self.conv
        if conv.session.clinician is not None:
            return conv.session.clinician
        if len(conv.config.clinicians) == 1:
            return conv.config.clinicians[0]
        return Clinician(name="your clinician", email=conv.config.clinicians[0].email)

    def context(self, **extra: Any) -> dict[str, Any]:
        """What templates see: the practice's facts and a few facts of this conversation."""
        s = self.conv.session
        return {
            **self.conv.config.template_context(),
            "clinician": self.clinician(),
            "name": s.name or "",
            "email": s.email or "",
            "reference": s.reference or "",
            "told": s.told,
            "shared": s.share_questions,
            "mode": s.withdraw_mode,
            "choices": dict(s.choices),
            "questions_open": sum(q.for_clinician for q in s.questions),
            "safety_shown": s.safety_shown,
            **extra,
        }

    def say(self, key: str, **extra: Any) -> str:
        """The `[say]` message `key` of messages.toml, rendered."""
        content = self.conv.content
        return content.render(content.say[key], self.context(**extra))

    def ask_text(self) -> str:
        """The question the current step puts (a check step asks its check question)."""
        conv = self.conv
        step = conv.step
        if step.check is not None:
            return conv.content.render(conv.content.check(step.check).ask, self.context())
        return conv.content.render(conv.content.text(step.id).ask, self.context())

    # ------------------------------------------------------------ replies

    def enter(self, notes: list[str]) -> Reply:
        """The reply on arriving at the current step: notes, intros, the question."""
        conv = self.conv
        step = conv.step
        if step.id == "review":
            conv.prepare_form()
        ctx = self.context()
        messages = list(notes)
        if step.top != step.id and conv.last_reply.top_state != step.top:
            messages.append(conv.content.render(conv.content.text(step.top).intro, ctx))
        messages.append(conv.content.render(conv.content.text(step.id).intro, ctx))
        messages.append(self.ask_text())
        return self.reply(messages, arrived=True)

    def again(self, notes: list[str], **kwargs: Any) -> Reply:
        """Say `notes`, then the step's question again."""
        return self.reply([*notes, self.ask_text()], **kwargs)

    def reply(
        self,
        messages: list[str],
        *,
        choices: tuple[Choice, ...] | None = None,
        concern: str | None = None,
        arrived: bool = False,
        choices_asked: bool = False,
    ) -> Reply:
        """A reply at the current step (its buttons unless `choices` are given). `arrived`:
        the first reply at this step (the form is shown, an ending is announced)."""
        conv = self.conv
        step = conv.step
        tops = conv.flow.progress_steps
        in_consent = step.part == "consent"
        number = tops.index(conv.flow.progress_top(step)) + 1 if in_consent else 0
        steps = len(tops) if in_consent else 0
        reply = Reply(
            messages=tuple(m for m in messages if m),
            choices=choices if choices is not None else self.choices(),
            state=step.id,
            concern=concern,
            step=number,
            steps=steps,
            progress=self.progress(step.top, number, steps),
            input_kind=_input_kind(step),
            # At review the form stays on every reply (a question asked there keeps it on the
            # screen); after signing it comes once, with the details that leave the screen.
            form=conv.session.form_text
            if step.id == "review" or (arrived and step.id == "signed")
            else None,
            reference=conv.session.reference,
            ended=step.ends and arrived,
            arrived=arrived,
            choices_asked=choices_asked,
        )
        conv.last_reply = reply
        return reply

    def progress(self, top: str, step: int, steps: int) -> str:
        """The progress line's words ([progress] of messages.toml); "" where none is set."""
        words = self.conv.content.progress
        if steps:
            line = words.get("consent", "Step {step} of {steps}")
            return line.replace("{steps}", str(steps)).replace("{step}", str(step))
        return words.get(top, "")

    # ------------------------------------------------------------ buttons

    def choices(self) -> tuple[Choice, ...]:
        """The buttons shown now: a pending side question's, else the step's."""
        conv = self.conv
        pending = conv.session.pending
        if pending is not None:
            return tuple(self.button(b) for b in pending.buttons)
        return self.step_choices(conv.step)

    def step_choices(self, step: Step) -> tuple[Choice, ...]:
        """The buttons of `step` (clinicians, a check question's answers, or its buttons)."""
        conv = self.conv
        if step.collects == "clinician":
            return tuple(
                Choice(f"clinician:{i}", c.name) for i, c in enumerate(conv.config.clinicians)
            )
        if step.check is not None:
            ctx = self.context()
            q = conv.content.check(step.check)
            out = (
                []
                if q.open
                else [Choice(c.id, conv.content.render(c.label, ctx)) for c in q.choices]
            )
            if conv.session.check_tries >= 2:  # stuck: offer the clinician instead of looping
                out.append(self.button("defer"))
            return tuple(out)
        ids = [
            b
            for b in step.buttons
            if not (b == "revoke" and not conv.session.reference)
            and (b not in step.show or conv.holds(step.show[b]))
        ]
        return tuple(self.button(b) for b in ids)

    def yes_no_labels(self) -> dict[str, str]:
        """The labels of the current step's yes and no buttons, as `yes_button` and
        `no_button` for the messages that ask again (the welcome's are "Let's start" and
        "No, thank you", not "Yes" and "No"); empty when the step has no such pair."""
        step = self.conv.step
        shown = {c.id: c.label for c in self.step_choices(step)}
        yes = shown.get(step.yes or "yes")
        no = shown.get(step.no or "no")
        if yes is None or no is None:
            return {}
        return {"yes_button": yes, "no_button": no}

    def button(self, button_id: str) -> Choice:
        """One button by id, with its label rendered."""
        content = self.conv.content
        choice = content.choice(button_id)
        if "{" in choice.label:
            label = content.render(_label_text(choice.label), self.context())
            return Choice(choice.id, label)
        return choice

    def prompt(self) -> Prompt:
        """What the reading layer needs to know of the current step."""
        conv = self.conv
        step = conv.step
        buttons = conv.last_reply.choices if conv.last_reply.state == step.id else ()
        words: dict[str, tuple[str, ...]] = dict(step.words)
        if step.check is not None:
            words = {c.id: c.say for c in conv.content.check(step.check).choices}
        pending = conv.session.pending
        side = pending is not None and pending.yes is not None  # a yes answers the side question
        own: tuple[Choice, ...] = ()
        if pending is not None and pending.kind == "clarify":
            own = self.step_choices(step)
            # "the first one", "the other", "both": the two worries by place, or either
            said = conv.reader.intents.clarify
            first, second = pending.candidates[:2]
            words[first] = (*words.get(first, ()), *said["first"], *said["either"])
            words[second] = (*words.get(second, ()), *said["second"])
            words["neither"] = (*words.get("neither", ()), *said["neither"])
        return Prompt(
            buttons=buttons,
            button_words=words,
            yes_no=side or step.yes_no,
            collects=None if side else step.collects,
            step_buttons=tuple(b for b in own if b not in buttons),
        )


def _input_kind(step: Step) -> InputKind:
    """What the front should offer for typing: a name box, an email box, the signature pad."""
    kinds: dict[str | None, InputKind] = {
        "name": "name",
        "email": "email",
        "signature": "signature",
        "code": "code",
        "signed_name": "name",
    }
    return kinds.get(step.collects, "text")


def _label_text(label: str) -> Any:
    from assistant.engine.content import Text

    return Text(label, "messages.toml [labels]")
