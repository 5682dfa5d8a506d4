"""Whom a question asks about: the client ("can I think about it?") or someone or something
else ("does it think about it afterwards?", "could they use it later on?").

A wish to wait inside a question about what someone or something else does, or when, is not the
client's: the question is answered and nothing is put off (`waiting.Waiting`). The words are the
intents' (`[defer]` `client`, `client_object`, `addressed`, `proposing`, `deciding`, `waits`,
`supposing`, `supposed`, `asking_leave`); a clinic's older intents.toml without them asks about
no one else.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.engine.language import Words


@dataclass(frozen=True, slots=True)
class AskedOf:
    """The words that tell whom a question asks about (see the module)."""

    client: frozenset[str] = frozenset()
    """Subjects that are the client ("i", "we")."""
    client_object: frozenset[str] = frozenset()
    """The client named after "you" ("can you give *me* a few days")."""
    addressed: frozenset[str] = frozenset()
    """The kiosk or the clinic spoken to ("you")."""
    proposing: frozenset[str] = frozenset()
    """After a question word, a proposal ("how *about* next week", "why *not* another day")."""
    deciding: frozenset[str] = frozenset()
    """The decision itself ("it", "this", "that") before one of `waits`."""
    waits: frozenset[str] = frozenset()
    """What the decision does when put off ("can it *wait*", "could this *be* another day")."""
    supposing: frozenset[str] = frozenset()
    """Words that open a supposition ("*if* the company is sold later on, ...")."""
    supposed: frozenset[str] = frozenset()
    """The first words of a subject that names someone or something else after them ("the",
    "my", "they": "if *my* mum needs to think about it"; not "if it's ok", "if possible")."""
    asking_leave: frozenset[str] = frozenset()
    """The verbs that ask whether the decision may wait ("*can* it wait", not "*does* it wait
    until I have gone")."""

    def supposes_others(self, clause: Words) -> bool:
        """Whether `clause` supposes what someone or something other than the client does: it
        opens with a word of `supposing` and its subject opens with one of `supposed` ("if the
        company gets bought out later on", not "if I wait" or "if that's ok")."""
        return len(clause) > 1 and clause[0] in self.supposing and clause[1] in self.supposed

    def others(self, clause: Words, starts: frozenset[str], wh: frozenset[str]) -> bool:
        """Whether `clause`, which opens like a question (with a word of `starts`, of which `wh`
        are the question words), asks about someone or something other than the client."""
        if not self.client or len(clause) < 2 or clause[0] not in starts:
            return False
        if clause[0] in wh:
            return clause[1] not in self.proposing
        subject = clause[1]
        if subject in self.client:
            return False
        if subject in self.addressed:
            return self.client_object.isdisjoint(clause[2:])
        waiting = clause[0] in self.asking_leave and subject in self.deciding
        return not (waiting and clause[2:3] and clause[2] in self.waits)
