"""Where a stop, wait, yes or no phrase is not the client's answer now (`reading.Reader`,
`waiting.py` and `yesno.py` ask these).

The phrases of `intents.toml` say what people say when they want to stop or to wait ("walk out",
"I'm done", "hold off"), or answer ("I refuse"). The same words also tell of something else, and
then nothing ends:

- a time or an outcome before a stop phrase (`[stop] led_by`): "this shouldn't hang about for
  years after I'm done", "I'd end up walking out";
- a fear earlier in its clause (`[stop] feared`): "worried my words walk out of this room", unless
  the phrase opens with the client themself ("I'm scared I want to stop" still stops);
- a supposing just before a no, a yes or a wish to wait (`[supposing] openers`): "say I refuse, do
  I keep my slot?", "if I hold off and decide next month, do I lose it?" ask what would happen.

A stop phrase across a sentence break ("Group is hard enough. With everything recorded I'd clam
up") is no stop phrase either: `Reader._stop` looks for one in each sentence.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from assistant.engine.language import Words

OWN = frozenset({"i", "we"})
"""Words that open a phrase the client says of themself ("i want out")."""


def follows(words: Words, at: int, openers: Iterable[Words], reach: int = 0) -> bool:
    """True when one of `openers` ends just before `words[at]`, or up to `reach` words before
    it ("if I [just] hold off")."""
    for opener in openers:
        for gap in range(reach + 1):
            end = at - gap
            if end - len(opener) >= 0 and words[end - len(opener) : end] == opener:
                return True
    return False


def supposed(words: Words, at: int, openers: Iterable[Words]) -> bool:
    """True when the answer or wish to wait at `at` is supposed: one of `openers` ends just
    before it or one word before it ("if I [just] hold off"), or ends on its first word, the
    client ("say [I] refuse" when the phrase is "i refuse")."""
    return follows(words, at, openers, reach=1) or any(
        opener[-1] == words[at] and follows(words, at + 1, (opener,)) for opener in openers
    )


def led_by(words: Words, at: int, leads: Iterable[Words], subjects: frozenset[str]) -> bool:
    """True when one of `leads` ends just before the phrase at `at`, or before a subject that
    opens it ("after [I] quit"; "after I'm done" when the phrase is "i am done")."""
    reach = 1 if at > 0 and words[at - 1] in subjects else 0
    return follows(words, at, leads, reach)


def feared(words: Words, at: int, fears: frozenset[str], spans: Sequence[tuple[int, int]]) -> bool:
    """True when a word of `fears` comes before `words[at]` in the same clause (`spans`: where
    each clause lies in `words`) and the phrase at `at` is not the client's own wish: it opens
    with the client, or just after them ("scared [I] want out")."""
    if words[at] in OWN or (at > 0 and words[at - 1] in OWN):
        return False
    opens = max((a for a, b in spans if a <= at < b), default=0)
    return any(w in fears for w in words[opens:at])
