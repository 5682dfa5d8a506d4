"""What a reading does at the current step: interruptions first, then the step's own answer.

`take()` is the one dispatcher every turn goes through (Rasa CALM's patterns): a pending side
question is answered or dropped, then safety > stop > defer > commands > questions > the
answer to the prompt. `run()` interprets a step's action list from flow.toml; every move goes
through the state chart, so the chart and the behaviour cannot drift apart.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.engine import endings, questions
from assistant.engine.alert_offer import answer_to_offer
from assistant.engine.collect import collect
from assistant.engine.flow import BRANCHING, Step
from assistant.engine.reading import Reading
from assistant.engine.reply import Reply
from assistant.engine.session import Pending

if TYPE_CHECKING:
    from assistant.engine.conversation import Conversation

UNCLEAR_SAY = {
    "pressure": "felt_pressure",
    "hedge": "unsure_answer",
    "condition": "conditional",
    "confirm": "confirm_yes",
}
"""What is said when a yes-no answer is unclear, by what made it so."""


def take(conv: Conversation, reading: Reading, notes: list[str]) -> Reply:
    """The reply to one reading at the current step."""
    replies, session = conv.replies, conv.session
    pending, session.pending = session.pending, None
    if pending is not None and reading.kind == "button" and reading.button in pending.buttons:
        return _answer_pending(conv, pending, reading.button or "", notes)
    if pending is not None and pending.kind == "alert":
        offered = answer_to_offer(reading, conv.reader.intents, conv.reader.language)
        if offered == "again":  # not OK, or not sure: never a no (`alert_offer.py`)
            session.pending = pending
            return replies.reply([*notes, replies.say("alert_again")], concern="safety")
        if offered is not None:  # a question beside the answer is the one held now
            held = replace(pending, text=reading.text) if reading.kind == "question" else pending
            return _answer_pending(conv, held, offered, notes)
    if pending is not None and reading.kind in ("yes", "no"):
        # "Shall I alert a staff member?" -- "yes": a yes to the side question, never to
        # the step's own (it may be the recording question).
        picked = pending.yes if reading.kind == "yes" else pending.no
        if picked is not None:
            return _answer_pending(conv, pending, picked, notes)
    step = conv.step
    kind = reading.kind
    if kind == "safety":
        return safety(conv, reading, notes)
    if kind == "empty":
        return replies.again([*notes, replies.say("empty")])
    if kind == "button":
        return button(conv, step, reading.button or "", notes)
    if kind in ("stop", "defer"):
        return run(conv, kind, notes)
    if kind == "command":
        return _command(conv, step, reading, notes)
    if kind == "ask":
        return replies.reply([*notes, replies.say("ask_away")])
    if kind == "question":  # at "did you mean", a question about one of the two picks it
        asked_about = pending if pending is not None and pending.kind == "clarify" else None
        return questions.answer(conv, reading, notes, asked_about)
    if kind == "no" and step.worries_beside_no:
        told = questions.worry_beside_no(conv, reading, notes)
        if told is not None:
            return told
    if kind in ("yes", "no"):
        target = step.yes if kind == "yes" else step.no
        if target is None and step.check is not None and kind in step.buttons:
            target = kind
        if target is not None:
            return button(conv, step, target, notes)
        return replies.again([*notes, replies.say("not_understood")])
    if kind == "unclear":
        return _unclear(conv, step, reading, notes)
    if kind == "value":
        return collect(conv, step, reading, notes)
    return replies.again([*notes, replies.say("not_understood")])


def _unclear(conv: Conversation, step: Step, reading: Reading, notes: list[str]) -> Reply:
    """An answer that is neither a clear yes nor a clear no: asked again, kindly, naming this
    step's own yes and no buttons; after the answer to a worry it tells, if it tells one
    (`questions.worry_beside_unclear`)."""
    replies = conv.replies
    labels = replies.yes_no_labels()
    if not labels:
        return replies.again([*notes, replies.say("not_understood")])
    why = reading.why.split(":", 1)[0]
    again = replies.say(UNCLEAR_SAY.get(why, "need_explicit_yes"), **labels)
    told = questions.worry_beside_unclear(conv, reading, notes, again)
    return told if told is not None else replies.again([*notes, again])


def button(conv: Conversation, step: Step, button_id: str, notes: list[str]) -> Reply:
    """A quick reply shown at this step was chosen (by tap, number, label or yes/no)."""
    if button_id in conv.content.concerns and step.check is None:
        return questions.answer_concern(conv, button_id, conv.content.concerns[button_id].label,
                                        notes)  # fmt: skip
    if button_id.startswith("clinician:") and step.collects == "clinician":
        index = int(button_id.split(":", 1)[1])
        conv.session.clinician = conv.config.clinicians[index]
        return run(conv, "value", notes)
    if button_id == "defer" and step.check is not None:
        return run(conv, "defer", notes)  # offered after two wrong answers
    return run(conv, button_id, notes)


def run(conv: Conversation, key: str, notes: list[str], *, answer: str = "") -> Reply:
    """Run the actions `key` has at the current step (see flow.toml for the verbs)."""
    step, session, replies = conv.step, conv.session, conv.replies
    actions = conv.flow.actions(step, key)
    if actions is None:
        return replies.again([*notes, replies.say("not_understood")])
    notes = list(notes)
    for action in actions:
        verb, arg = action.verb, action.arg
        if verb == "ask":
            return replies.reply([*notes, replies.say("ask_away")])
        if verb == "say":
            notes.append(replies.say(arg))
        elif verb == "record":
            session.choices[step.choice or ""] = arg == "yes"
        elif verb == "forget_choices":
            session.returning = session.reached_review
            session.choices.clear()
        elif verb == "tell":
            session.told = True
        elif verb == "share":
            session.share_questions = arg == "yes"
            session.share_decided = True
        elif verb == "mode":
            session.withdraw_mode = "skip" if arg == "skip" else "revoke"
        elif verb == "pick":
            pass  # the clinician was set when the button was read
        elif verb in ("next", "goto"):
            return conv.move(key, notes)
        elif verb in ("stop", "defer"):
            return run(conv, verb, notes)
        elif verb == "finish":
            return conv.finish()
        elif verb in BRANCHING:
            branch, said = _branch(conv, verb, key, answer)
            target = step.branches.get(branch)
            if target is None:
                return replies.again([*notes, *said])
            return conv.move(branch, [*notes, *said])
    return replies.again(notes)


def _branch(conv: Conversation, verb: str, key: str, answer: str) -> endings.Result:
    if verb == "grade":
        return endings.grade(conv, answer or key)
    if verb == "sign":
        return endings.sign(conv)
    if verb == "file":
        return endings.file(conv, named=key != "stop")
    if verb == "withdraw":
        return endings.withdraw(conv)
    if verb == "revoke":
        return endings.revoke_fresh(conv)
    if verb == "request":
        return endings.request(conv)
    return "failed", [conv.replies.say("record_failed")]


def safety(conv: Conversation, reading: Reading, notes: list[str]) -> Reply:
    """The safety reply, wherever it is said: help now, and an offer to alert staff. The
    client stays where they were, and the message is held: once they answer the offer, a
    question in it is answered (`_answer_pending`).

    Two voices. A phrase of `safety.toml` gets the full reply ("Please tell the front desk
    now"). A message only the learned signals flag (risk `general`: its words as a whole lean
    towards the crisis examples) gets a gentler check-in with the same help and offer, which
    says that it may have read the client wrong. After a first safety reply in the session,
    such a message, if it asks about a concern the matcher is sure of, gets one line of help
    beside that answer instead of the offer again (never filed either)."""
    replies, session = conv.replies, conv.session
    learned = reading.risk == "general"
    if learned and session.safety_shown:
        reminded = [*notes, replies.say("safety_reminder")]
        answered = _held_answer(conv, reading.text, reminded)
        if answered is not None:
            return answered
    session.safety_shown += 1
    session.pending = Pending(
        "alert",
        ("alert_staff", "no_alert"),
        text=reading.text,
        yes="alert_staff",
        no="no_alert",
    )
    said = replies.say("safety_check_in" if learned else "safety")
    return replies.reply([*notes, said], concern="safety")


def _answer_pending(conv: Conversation, pending: Pending, picked: str, notes: list[str]) -> Reply:
    replies = conv.replies
    if pending.kind == "clarify":
        return questions.resolve_clarify(conv, pending, picked, notes)
    if picked == "alert_staff":
        try:
            conv.records.alert_staff(conv.clock.now())
            sent = True
        except Exception:
            sent = False
        said = replies.say("alert_sent" if sent else "alert_failed")
    else:
        said = replies.say("alert_declined")
    return _held_question(conv, pending, [*notes, said])


def _held_question(conv: Conversation, pending: Pending, notes: list[str]) -> Reply:
    """After the safety reply's offer is answered: the question or worry the message held, if
    the matcher is sure of it, is answered now (`_held_answer`); otherwise the step is asked
    again."""
    answered = _held_answer(conv, pending.text, notes) if pending.text else None
    return answered if answered is not None else conv.replies.again(notes)


def _held_answer(conv: Conversation, text: str, notes: list[str]) -> Reply | None:
    """The answer to a message that got the safety reply, read past the safety net, when it
    asks or tells a worry (never a yes, a stop or a name from such a message) and the matcher
    is sure of it; never filed (`questions.answer_held`). None otherwise."""
    held = conv.reader.read(text, conv.replies.prompt(), look_for_risk=False)
    if held.kind != "question":
        return None
    return questions.answer_held(conv, text, notes)


def _command(conv: Conversation, step: Step, reading: Reading, notes: list[str]) -> Reply:
    replies = conv.replies
    command = reading.command or ""
    if command == "options":
        return replies.again(notes, choices_asked=True)
    if command == "pause":  # "hang on": the step waits
        return replies.again([*notes, replies.say("pause")])
    if conv.flow.actions(step, command) is not None:
        return run(conv, command, notes)
    if command in ("withdraw", "skip_today"):
        return run(conv, "stop", notes)  # mid-way "don't record me": the same as stop
    return replies.again([*notes, replies.say("not_understood")])
