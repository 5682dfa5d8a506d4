"""Every yes and no in a reply, left to right (used through `Intents.yes_no_signals`): phrases
first, the longest winning, then single words, with negation and its reach taken into account.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from assistant.engine.language import Language, Words
from assistant.engine.pressure import told_of_others

if TYPE_CHECKING:
    from assistant.engine.intents import Intents

Signal = tuple[int, int, str, str]
"""(start, end, "yes" or "no", the phrase) of one yes or no found in a reply."""


def yes_no_signals(
    intents: Intents,
    words: Words,
    negated: Sequence[bool],
    language: Language,
    spans: Sequence[tuple[int, int]] = (),
) -> list[Signal]:
    """Every yes and no in `words`, left to right, and every no aimed elsewhere.

    Phrases first, the longest winning where they overlap ("i do not mind" is a yes, not
    the no "i do not"); then single words outside them. A yes inside the reach of a
    negation ("I do not agree") is a no, unless the phrase holds its own negation ("no
    problem", "why not"); a yes phrase the next word negates ("i do" in "I do not give
    consent") says nothing; an intensifier before a no belongs to it ("definitely no").
    A no aimed elsewhere ("no more questions") is listed as "elsewhere": it answers
    nothing, and its words are no extra words beside a yes. The `not_answers` phrases ("no
    one told me", "they never asked") hold a no word that is no answer: they give no signal,
    unless a clause ends inside one (`spans`, where each clause lies in `words`): in "no
    chance, the whole thing creeps me out" the "no chance" is a clause of its own, a no."""
    if intents.no_whole.whole(words) is not None:
        return [(0, len(words), "no", " ".join(words))]
    negated = reach_ends_with_own(intents, words, negated, language)
    hits = [(h, "yes") for h in intents.yes.found.find_overlapping(words)]
    hits += [(h, "no") for h in intents.no.found.find_overlapping(words)]
    hits += [(h, "elsewhere") for h in intents.no_elsewhere.found.find_overlapping(words)]
    hits += [
        (h, "none")
        for h in intents.not_answers.found.find_overlapping(words)
        if not spans or any(a <= h.start and h.end <= b for a, b in spans)
    ]
    hits.sort(key=lambda item: (-(item[0].end - item[0].start), item[0].start))
    taken = [False] * len(words)
    signals: list[Signal] = []
    for hit, kind in hits:
        if any(taken[hit.start : hit.end]):
            continue
        for i in range(hit.start, hit.end):
            taken[i] = True
        if kind == "none":  # "no one told me", "they never asked": answers nothing
            continue
        after = words[hit.end] if hit.end < len(words) else ""
        if kind == "yes" and after in language.negations and after not in intents.no_words:
            continue  # "i do" in "i do not give consent" says nothing
        own_negation = any(w in language.negations for w in words[hit.start : hit.end])
        if kind == "yes" and negated[hit.start] and not own_negation:
            kind = "no"
        signals.append((hit.start, hit.end, kind, hit.phrase))
    for i, word in enumerate(words):
        if taken[i]:
            continue
        if word in intents.no_words:
            signals.append((i, i + 1, "no", word))
        elif word in intents.yes_words:
            signals.append((i, i + 1, "no" if negated[i] else "yes", word))
    signals = [s for s in signals if not _answers_nothing(intents, words, language, spans, s)]
    signals.sort()
    for n in range(len(signals) - 2, -1, -1):
        start, end, kind, phrase = signals[n]
        next_start, _, next_kind, _ = signals[n + 1]
        if next_start != end:
            continue
        if kind == "yes" and phrase in intents.intensifiers and next_kind == "no":
            signals[n] = (start, end, "no", phrase)  # "definitely no", "absolutely nope"
        elif kind == "no" and end - start == 1 and next_kind == "elsewhere":
            signals[n] = (start, end, "elsewhere", phrase)  # "nope, no more questions"
    return signals


def _answers_nothing(
    intents: Intents,
    words: Words,
    language: Language,
    spans: Sequence[tuple[int, int]],
    signal: Signal,
) -> bool:
    """Whether a yes or no `signal` answers nothing: a phrase of `[no] alone` or `[yes] alone`
    with more words after it in its clause ("these things *never* get my accent", "the
    recording *n* the transcript", "*i'm in* the middle of a custody fight"), save
    `after_alone` ("pass thanks", "i'm in, cheers"); or someone else's no
    (`pressure.told_of_others`: "the interpreter didn't agree", "she hasn't said yes yet").
    Someone else's yes is a doubt (`[yes] doubt`: "the nurse said yes"), and "I don't want
    trainees hearing me cry" stays a no: at a consent choice it is one, elsewhere a worry
    beside a no, answered with how to say no (`questions.worry_beside_no`)."""
    start, end, kind, phrase = signal
    if kind not in ("yes", "no"):
        return False
    since, until = next(((a, b) for a, b in spans if a <= start < b), (0, len(words)))
    rest = words[end:until]
    if phrase in intents.alone and any(w not in intents.after_alone for w in rest):
        return True
    return kind == "no" and told_of_others(language, words, start, since)


def reach_ends_with_own(
    intents: Intents, words: Words, negated: Sequence[bool], language: Language
) -> list[bool]:
    """`negated` with the reach of a yes phrase's own negation ended at the phrase: in
    "no problem at all you can go ahead" (typed or dictated without a comma) the "no" of
    "no problem" does not reach "go ahead"; a later "not" reaches on as before."""
    flags, own_end = list(negated), -1
    owns = [
        (h.start, h.end)
        for h in intents.yes.found.find(words)
        if any(w in language.negations for w in words[h.start : h.end])
    ]
    for i, word in enumerate(words):
        if any(start <= i < end for start, end in owns):
            own_end = max(end for start, end in owns if start <= i < end)
            continue
        if word in language.negations or word in language.negation_ends:
            own_end = -1
        elif own_end >= 0 and i >= own_end:
            flags[i] = False
    return flags
