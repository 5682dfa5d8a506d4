"""A typed answer to the safety reply's offer, "Would you like me to alert a staff member now?".

The offer has two buttons, and a typed yes or no answers it (`turns.take`). But a client who
has just been asked whether they are safe rarely types a bare yes or no. They write "please get
someone", "I'm safe", "I'm not ok" or "I don't know", and read as at any other step those went
astray: "I'm safe" was asked whether it meant "Can it be hacked?", "I need to talk to someone"
was taken as a wish to talk to the clinician first, and "I'm not ok" as a no to the offer.

So a reply to the offer is first read against the lists of `[alert]` in intents.toml, each
phrase outside a negation ("I don't need help" asks for no one):

* `get` (a person, help) sends the alert. It is read even in a message the safety net flags
  again ("I want to die, get someone"): the alert is more help, never less.
* `again` (not OK, not sure) asks the offer again, with the help lines. It is never a no. So
  does a reply that asks for someone and says it is fine at once.
* `fine` (OK, safe, carry on) is a no to the offer: "OK. The front desk is here if you need
  them." A message the safety net flags again is never read as fine.

Only a short reply is read this way: a longer one says more than an answer to the offer. A
reply none of the lists holds is read as usual. A plain yes or no answers the offer, and one
read as unclear ("I guess"), or asking to hear the options or for a moment ("what?", "hang
on"), asks it again rather than dropping it.
"""

from __future__ import annotations

from typing import Literal

from assistant.engine.intents import Intents
from assistant.engine.language import Language
from assistant.engine.reading import Reading

Answer = Literal["alert_staff", "no_alert", "again"]

WORDS_MAX = 12
"""The longest reply read as an answer to the offer alone ("no I'm ok, I was just joking")."""


def answer_to_offer(reading: Reading, intents: Intents, language: Language) -> Answer | None:
    """What `reading` answers to the offer to alert staff, or None to read it as usual."""
    words = language.tokens(reading.text)
    if not words or len(words) > WORDS_MAX:
        return None
    negated = language.negation_flags(reading.text)
    said = {
        key: phrases.first(words, negated, language) is not None
        for key, phrases in intents.alert.items()
    }
    if reading.kind == "safety":  # the safety reply again, and its offer, unless it asks
        return "alert_staff" if said["get"] and not said["fine"] else None
    if said["again"] or (said["get"] and said["fine"]):  # "I'm fine, get someone": which?
        return "again"
    if said["get"]:
        return "alert_staff"
    if said["fine"]:
        return "no_alert"
    if reading.kind == "unclear" or reading.command in ("options", "pause"):
        return "again"  # "what?", "hang on": the offer is shown again, not dropped
    return None
