"""What a clinician says wrong: pressure, by kind, and claims the practice's facts do not back.

Pressure (`dialogs/personas.toml`, `[rehearsal.pressure.<kind>]`) is read with the one language
layer (`assistant.engine.language`): contractions spelt out, one clause at a time, a phrase
matched word by word with up to MAX_GAP extra words inside it ("you don't *really* have a
choice"), never a negation or a condition among them. A phrase inside a negation's reach does
not count ("I'm not going to put you down as a yes"), nor one right after "if", "whether" or
"unless" ("if you have to stop"), unless its kind is found `through_negation` (a threat to care
is a threat in "I can't keep seeing you"). A sentence holding one of the kind's `not_with`
phrases is not flagged for that kind.

Claims are the engine's own list (`dialogs/claims.toml`, `assistant.engine.claims`): the same
sentences the assistant may never say are the ones a clinician is flagged for, judged by the
practice's configured facts.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.config import Config
from assistant.engine.claims import Claim, Claims, load_claims
from assistant.engine.language import Words, default_language, has_phrase
from assistant.facts import Facts
from assistant.paths import dialogs_dir
from assistant.rehearsal.answer_words import answer_words
from assistant.rehearsal.personas import load_cast
from assistant.rehearsal.rules import PushKind, Rules

MAX_GAP = 2
"""Most extra words a pressure phrase may have inside it and still be found."""
GUARD_BEFORE = 2
"""How many words before a phrase a condition ("if") keeps it from counting."""


@dataclass(frozen=True, slots=True)
class PressureFlag:
    """A pressure phrase of one kind, and the clinician's sentence that holds it."""

    kind: PushKind
    phrase: str
    sentence: str


@dataclass(frozen=True, slots=True)
class ClaimFlag:
    """A claim the practice's facts do not back, the sentence, and the facts it is judged by."""

    claim: Claim
    phrase: str
    sentence: str
    facts: tuple[tuple[str, object], ...]

    @property
    def kind(self) -> str:
        """The claim's kind (`retention`, `court`, ...); `other` when it has none."""
        return self.claim.kind or "other"


@functools.cache
def default_claims() -> Claims:
    """The claims of the content in use (`dialogs/claims.toml`)."""
    return load_claims(dialogs_dir() / "claims.toml")


def _sentences(text: str) -> list[str]:
    return default_language().sentences(text)


@functools.lru_cache(maxsize=4096)
def _clauses(sentence: str) -> tuple[tuple[Words, tuple[bool, ...]], ...]:
    language = default_language()
    return tuple((c, tuple(language.negated(c))) for c in language.clauses(sentence))


def _match_at(tokens: Words, start: int, phrase: Words, stop: frozenset[str]) -> bool:
    """True when `phrase` starts at `start`, whole or with one gap of up to MAX_GAP words."""
    n = len(phrase)
    if tokens[start : start + n] == phrase:
        return True
    for gap in range(1, MAX_GAP + 1):
        run = tokens[start : start + n + gap]
        if len(run) < n + gap:
            return False
        for cut in range(1, n):
            inside = run[cut : cut + gap]
            if (*run[:cut], *run[cut + gap :]) == phrase and stop.isdisjoint(inside):
                return True
    return False


def _found(phrase: Words, kind: PushKind, sentence: str) -> bool:
    language = default_language()
    conditions = answer_words().conditions
    stop = language.negations | conditions
    own_negation = not language.negations.isdisjoint(phrase)
    for tokens, negated in _clauses(sentence):
        for start in range(len(tokens)):
            if tokens[start] != phrase[0] or not _match_at(tokens, start, phrase, stop):
                continue
            if not conditions.isdisjoint(tokens[max(0, start - GUARD_BEFORE) : start]):
                continue
            if negated[start] and not own_negation and not kind.through_negation:
                continue
            return True
    return False


@functools.lru_cache(maxsize=64)
def _compiled(kind: PushKind) -> tuple[tuple[tuple[str, Words], ...], tuple[Words, ...]]:
    """A kind's phrases and `not_with` read once by the language layer."""
    language = default_language()
    phrases = tuple((p, language.phrase(p)) for p in kind.phrases)
    return tuple(p for p in phrases if p[1]), tuple(language.phrase(n) for n in kind.not_with)


def pressure_flags(text: str, rules: Rules) -> list[PressureFlag]:
    """The pressure in `text`: for each sentence, the first phrase of each kind found."""
    return list(_pressure(text, rules.pushes))


@functools.lru_cache(maxsize=4096)
def _pressure(text: str, pushes: tuple[PushKind, ...]) -> tuple[PressureFlag, ...]:
    # Cached: the client and the feedback read the same turns again after every turn.
    language = default_language()
    out = []
    for sentence in _sentences(text):
        words = language.tokens(sentence)
        for kind in pushes:
            phrases, not_with = _compiled(kind)
            if any(has_phrase(words, n) for n in not_with):
                continue
            for phrase, tokens in phrases:
                if tokens[0] in words and _found(tokens, kind, sentence):
                    out.append(PressureFlag(kind, phrase, sentence))
                    break  # one flag of a kind a sentence: "it's required by" is one push
    return tuple(out)


def claim_flags(text: str, facts: Facts, claims: Claims | None = None) -> list[ClaimFlag]:
    """Every claim in `text` that `facts` do not back, with the facts it is judged by."""
    if claims is None:
        return list(_default_claim_flags(text, facts))
    return list(_claim_flags(text, facts, claims))


@functools.lru_cache(maxsize=4096)
def _default_claim_flags(text: str, facts: Facts) -> tuple[ClaimFlag, ...]:
    # Cached: the client and the feedback read the same turns again after every turn.
    return _claim_flags(text, facts, default_claims())


def _claim_flags(text: str, facts: Facts, claims: Claims) -> tuple[ClaimFlag, ...]:
    out = []
    for sentence, claim_id, phrase in claims.unbacked(text, facts):
        claim = claims.get(claim_id)
        judged = tuple((name, getattr(facts, name)) for name in claim.facts)
        out.append(ClaimFlag(claim, phrase, sentence, judged))
    return tuple(out)


def flagged_sentences(texts: Sequence[str], rules: Rules, facts: Facts) -> frozenset[str]:
    """The sentences of `texts` that push or make a false claim: they cover no point."""
    out: set[str] = set()
    for text in texts:
        out.update(f.sentence for f in pressure_flags(text, rules))
        out.update(f.sentence for f in claim_flags(text, facts))
    return frozenset(" ".join(s.split()) for s in out)


def honest_part(text: str, rules: Rules, facts: Facts) -> str:
    """`text` without its sentences that push or make a false claim: those cover no point and
    say no right ("Recording is optional, but clients who decline get referred elsewhere")."""
    for sentence in flagged_sentences([text], rules, facts):
        text = " ".join(text.split()).replace(sentence, " ")
    return text


def flag_kinds(text: str, config: Config) -> set[str]:
    """`pressure:<kind>` and `claim:<kind>` for each flag in `text` (the labelled sets' form)."""
    rules = load_cast().rules
    kinds = {f"pressure:{f.kind.id}" for f in pressure_flags(text, rules)}
    return kinds | {f"claim:{f.kind}" for f in claim_flags(text, config.facts)}
