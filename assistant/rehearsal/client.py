"""The simulated client: a persona that raises its concerns and follows up on what was missed.

`Rehearsal(config, persona, seed)` is deterministic: every choice (which concerns, which
wording) comes from one random generator seeded by the persona and the seed, so a transcript
with `@persona` and `@seed` replays the same conversation. It files nothing and sends nothing;
it only remembers the turns so `feedback()` can score them.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from assistant.config import Config
from assistant.engine.concerns import Concern, KeyPoint
from assistant.engine.content import Content, load_content
from assistant.engine.questions import matcher_for
from assistant.engine.text import clean
from assistant.rehearsal import coverage, flags, phrase_search
from assistant.rehearsal.feedback import Feedback
from assistant.rehearsal.feedback_builder import build_feedback
from assistant.rehearsal.personas import Cast, Persona, PersonaConcern, load_cast

Phase = Literal["concerns", "closing", "done"]
Decision = Literal["", "yes", "no", "undecided", "declined"]
Speaker = Literal["client", "clinician"]


@dataclass(frozen=True, slots=True)
class Turn:
    """One line of the rehearsal and the concern on the table when it was said."""

    speaker: Speaker
    text: str
    concern: str | None


@dataclass(slots=True)
class Raised:
    """A concern the client raised: how it asked, the clinician's answers, the follow-ups."""

    concern: Concern
    asked: str
    answers: list[str] = field(default_factory=list)
    followed_up: list[str] = field(default_factory=list)


class Rehearsal:
    """One practice conversation: call `opening()`, then `respond()` until `done`."""

    def __init__(
        self,
        config: Config,
        persona: Persona,
        seed: int,
        *,
        cast: Cast | None = None,
        content: Content | None = None,
    ) -> None:
        self.config = config
        self.persona = persona
        self.seed = seed
        self.cast = cast or load_cast()
        self.content = content or load_content()
        self._rng = random.Random(f"{persona.id}/{seed}")
        self._last: dict[int, str] = {}  # id of a line list -> the line last picked from it
        self._plan = self._choose()
        self.raised: list[Raised] = []
        self.turns: list[Turn] = []
        self.phase: Phase = "concerns"
        self.refusals = 0
        """How many times a declining client repeated its no after the final one."""
        self.after_no: list[str] = []
        """The clinician's answers after a declining client's final no."""
        start = persona.trust if persona.trust is not None else self.cast.rules.trust.start
        self.trust = start
        """How far the client trusts the clinician now: down with pressure and false claims,
        up with honest answers. Low trust makes it wary and, at the end, say no."""
        self._honest: dict[str, str] = {}

    # ------------------------------------------------------------ state

    @property
    def done(self) -> bool:
        """True once the client has said its last line."""
        return self.phase == "done"

    @property
    def concern(self) -> str | None:
        """The concern the client is raising now; None before the first and after the last."""
        if self.phase != "concerns" or not self.raised:
            return None
        return self.raised[-1].concern.id

    @property
    def wary(self) -> bool:
        """True while trust is at or below the rules' `leave_at`."""
        return self.trust <= self.cast.rules.trust.leave_at

    @property
    def decision(self) -> Decision:
        """How the client ended: "yes", "no", "undecided", "declined"; "" until it has."""
        if not self.done:
            return ""
        if self.persona.declines:
            return "declined"
        if self.wary:
            return "no"
        return "yes" if self.trust >= self.cast.rules.trust.agree_at else "undecided"

    @property
    def clinician_turns(self) -> list[Turn]:
        """Everything the clinician said, in order."""
        return [t for t in self.turns if t.speaker == "clinician"]

    # ------------------------------------------------------------ talking

    def opening(self) -> str:
        """The client's first words: a hesitant line and the first concern (said once)."""
        if self.turns:
            return self.turns[0].text
        return self._say(self._pick(self.persona.opening), *self._raise_next())

    def respond(self, clinician_text: str) -> str:
        """The client's reply to what the clinician said; "" once the rehearsal is done."""
        if not self.turns:
            self.opening()
        if self.done:
            return ""
        text, _ = clean(clinician_text)
        if not text:
            return self.cast.rules.nudge
        self.turns.append(Turn("clinician", text, self.concern))
        pushed = self._pushed(text)
        misled = bool(flags.claim_flags(text, self.config.facts))
        settings = self.cast.rules.trust
        self.trust += settings.pushed if pushed else 0
        self.trust += settings.false_claim if misled else 0
        if misled and not pushed:
            pushed = self._pick(self.cast.rules.doubt)
        if self.phase == "concerns":
            parts = self._answered(text, pushed)
        else:
            parts = self._closed(text, pushed)
        return self._say(*parts)

    def honest_part(self, text: str) -> str:
        """`text` without its sentences that push or misstate the facts (they cover nothing)."""
        if text not in self._honest:
            self._honest[text] = flags.honest_part(text, self.cast.rules, self.config.facts)
        return self._honest[text]

    def _gained(self, text: str, before: set[str], after: set[str]) -> None:
        """Trust rises for an honest turn that said something the client needed."""
        if self.honest_part(text) != " ".join(text.split()):
            return
        rights = any(phrase_search.find(r.phrases, text) for r in self.cast.rules.rights)
        if after - before or rights:
            self.trust += self.cast.rules.trust.honest

    def feedback(self) -> Feedback:
        """The clinician's feedback on everything said so far (the rehearsal may go on)."""
        return build_feedback(self)

    # ------------------------------------------------------------ inside

    def _choose(self) -> list[PersonaConcern]:
        first, *rest = self.persona.concerns
        low, high = self.persona.raises
        count = self._rng.randint(low, high)
        return [first, *self._rng.sample(rest, count - 1)]

    def _pick(self, lines: Sequence[str]) -> str:
        """A seeded choice among `lines`, never the same line twice in a row."""
        fresh = [line for line in lines if line != self._last.get(id(lines))] or list(lines)
        line = self._rng.choice(fresh)
        self._last[id(lines)] = line
        return line

    def _say(self, *parts: str) -> str:
        line = " ".join(p for p in parts if p)
        self.turns.append(Turn("client", line, self.concern))
        return line

    def _raise_next(self) -> list[str]:
        if len(self.raised) < len(self._plan):
            wanted = self._plan[len(self.raised)]
            asked = self._pick(wanted.asks)
            self.raised.append(Raised(self.content.concerns[wanted.id], asked))
            return [asked]
        self.phase = "closing"
        return [self._pick(self.persona.closing)]

    def covered(self, raised: Raised) -> dict[str, phrase_search.Hit]:
        """The key points of `raised` the clinician's answers cover, with where."""
        out: dict[str, phrase_search.Hit] = {}
        for point in raised.concern.key_points:
            for answer in raised.answers:
                hit = coverage.covers(point, self.honest_part(answer), raised.concern.key_points)
                if hit is not None:
                    out[point.id] = hit
                    break
        return out

    def _pushed(self, text: str) -> str | None:
        """How the client reacts to being pushed: pressure, or talking a decliner round."""
        rules = self.cast.rules
        if flags.pressure_flags(text, rules):
            return self._pick(self.persona.pressured)
        if self.persona.declines and phrase_search.find_all(
            rules.persuasion, text, phrase_search.negations()
        ):
            return self._pick(self.persona.refusals)
        return None

    def _answered(self, text: str, pushed: str | None) -> list[str]:
        raised = self.raised[-1]
        before = set(self.covered(raised))
        raised.answers.append(text)
        after = set(self.covered(raised))
        self._gained(text, before, after)
        missing = [p for p in raised.concern.key_points if p.id not in after]
        if not missing:  # a pushed client does not say it feels better, nor a wary one
            calm = self._pick(self.persona.wary or self.cast.rules.wary) if self.wary else None
            return [pushed or calm or self._pick(self.persona.satisfied), *self._raise_next()]
        asked_about = set(raised.followed_up)
        point = next((p for p in missing if p.id not in asked_about), None)
        if point is None or len(raised.followed_up) >= self.cast.rules.max_follow_ups:
            return [pushed or self._pick(self.persona.unconvinced), *self._raise_next()]
        lead = [pushed] if pushed else []
        if not lead and after == before and self._elsewhere(text, raised.concern.id):
            lead.append(self._pick(self.cast.rules.off_topic))
        raised.followed_up.append(point.id)
        return [*lead, self._follow_up(raised, point)]

    def _follow_up(self, raised: Raised, point: KeyPoint) -> str:
        for pc in self._plan:
            if pc.id == raised.concern.id and point.id in pc.follow_ups:
                return pc.follow_ups[point.id]
        return point.follow_up

    def _elsewhere(self, text: str, concern: str) -> bool:
        """True when the engine's matcher is sure the answer is about another concern."""
        match = matcher_for(self.content).match(text)
        return match.status == "sure" and match.concern not in (None, concern)

    def _closed(self, text: str, pushed: str | None) -> list[str]:
        if not self.persona.declines:
            self._gained(text, set(), set())
            self.phase = "done"
            return [*([pushed] if pushed else []), self._last_word()]
        self.after_no.append(text)
        if self.accepts_no(text):
            self.phase = "done"
            return [self._pick(self.persona.goodbye)]
        if self.refusals >= self.cast.rules.max_refusals:
            self.phase = "done"
            return [self._pick(self.persona.pushed)]
        self.refusals += 1
        return [pushed or self._pick(self.persona.refusals)]

    def _last_word(self) -> str:
        """The client's last line, from its trust: agreeing, its own goodbye, or a no."""
        decision = self.decision
        if decision == "yes":
            return self._pick(self.cast.rules.agrees)
        if decision == "no":
            return self._pick(self.cast.rules.leaves)
        return self._pick(self.persona.goodbye)

    def accepts_no(self, text: str) -> bool:
        """True when `text` accepts a no without pushing: no pressure, no persuasion."""
        rules = self.cast.rules
        return (
            phrase_search.find(rules.accept_no, text) is not None
            and not flags.pressure_flags(text, rules)
            and not phrase_search.find_all(rules.persuasion, text, phrase_search.negations())
        )
