"""Values a step collects (flow.toml `collects`): a name, an email address, a reference code,
the typed signature, a clinician, or the typed answer to an open check question. Each is
checked here; a good value is kept in the session and the step's `value` actions run, a bad one
gets a plain explanation and the question again (an open answer is graded, right or wrong).

By the time text reaches here the reading layer has ruled out safety, stop, defer, commands
and questions, so "talk to my clinician first" is never taken for a name.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from assistant.engine.flow import Step
from assistant.engine.outcome import normalise_reference
from assistant.engine.reading import Reading
from assistant.engine.reply import Reply
from assistant.engine.text import same_name

if TYPE_CHECKING:
    from assistant.engine.conversation import Conversation

MAX_NAME = 100


def collect(conv: Conversation, step: Step, reading: Reading, notes: list[str]) -> Reply:
    """Check `reading` as the value `step` collects; keep it and move on, or ask again."""
    from assistant.engine.turns import run

    replies, session = conv.replies, conv.session
    text = reading.text
    plain = " ".join(reading.words)
    skip_words = conv.reader.intents.skip_words  # intents.toml [skip]: "n/a", "no email"
    if step.collects == "name":
        if reading.answer in ("yes", "unclear"):
            return replies.again([*notes, replies.say("name_rules")])
        refused = reading.answer == "no" or plain in skip_words
        if refused and not step.id.startswith("withdraw"):
            return replies.again([*notes, replies.say("name_refused")])
        if conv.raw_had_control or not valid_name(text):
            return replies.again([*notes, replies.say("name_rules")])
        session.name = text
        return run(conv, "value", notes)
    if step.collects == "email":
        if plain in skip_words:
            return run(conv, "skip", notes)
        from email_validator import EmailNotValidError, validate_email  # slow import: used late

        try:
            result = validate_email(text, check_deliverability=False)
        except EmailNotValidError:
            return replies.again([*notes, replies.say("email_bad")])
        session.email = result.normalized
        return run(conv, "value", notes)
    if step.collects in ("signature", "signed_name"):
        name = session.name or ""
        if not same_name(text, name):
            return replies.reply([*notes, replies.say("signature_mismatch", name=name)])
        return run(conv, "value", notes)
    if step.collects == "code":
        code = normalise_reference(text)
        if len(code) != 9:
            return replies.again([*notes, replies.say("code_rules")])
        session.withdraw_code = code
        return run(conv, "value", notes)
    if step.collects == "clinician":
        return replies.again([*notes, replies.say("clinician_unknown")])
    if step.collects == "answer" and step.check is not None:
        return run(conv, "answer", notes, answer=open_answer(conv, step.check, reading.words))
    return replies.again([*notes, replies.say("not_understood")])


def open_answer(conv: Conversation, check_id: str, words: tuple[str, ...]) -> str:
    """Which answer of an open check question the client's words give ('' for none, or for
    two at once). A longer phrase wins over one inside it, so "not kept" (deleted) is not
    read as "kept"."""
    tokens = conv.content.language.tokens
    found: list[tuple[int, int, str]] = []  # start, end, choice id
    for choice in conv.content.check(check_id).choices:
        for said in choice.say:
            phrase = tokens(said)
            n = len(phrase)
            for i in range(len(words) - n + 1):
                if n and tuple(words[i : i + n]) == tuple(phrase):
                    found.append((i, i + n, choice.id))
    kept = [
        (s, e, c)
        for s, e, c in found
        if not any(s2 <= s and e <= e2 and (e2 - s2) > (e - s) for s2, e2, _ in found)
    ]
    picked = {c for _, _, c in kept}
    return picked.pop() if len(picked) == 1 else ""


def valid_name(text: str) -> bool:
    """1-100 characters with at least one letter, digit or symbol (any script, emoji too)."""
    return 1 <= len(text) <= MAX_NAME and any(unicodedata.category(ch)[0] in "LNS" for ch in text)
