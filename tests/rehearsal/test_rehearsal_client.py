"""The simulated client: repeatable with a seed, follows up on what is missing, moves on, ends."""

from __future__ import annotations

import pytest

from assistant.config import Config
from assistant.rehearsal.client import Rehearsal
from assistant.rehearsal.personas import load_cast

CAST = load_cast()
SILENT = ["Hm.", "Okay.", "Right.", "Let's see.", "Go on.", "Sure.", "Well.", "Yes."] * 4


def run(config: Config, pid: str, seed: int, answers: list[str]) -> list[str]:
    r = Rehearsal(config, CAST.get(pid), seed)
    return [r.opening(), *(r.respond(a) for a in answers)]


def test_the_same_seed_gives_the_same_conversation(config: Config) -> None:
    assert run(config, "privacy", 5, SILENT) == run(config, "privacy", 5, SILENT)


def test_different_seeds_vary_the_words(config: Config) -> None:
    openings = {Rehearsal(config, CAST.get("privacy"), s).opening() for s in range(12)}
    assert len(openings) >= 4


@pytest.mark.parametrize("pid", list(CAST.personas))
def test_raises_two_to_four_concerns_first_one_first(config: Config, pid: str) -> None:
    persona = CAST.get(pid)
    for seed in range(15):
        r = Rehearsal(config, persona, seed)
        r.opening()
        assert r.concern == persona.concerns[0].id
        while not r.done:
            r.respond("Hm.")
        raised = [x.concern.id for x in r.raised]
        assert persona.raises[0] <= len(raised) <= persona.raises[1]
        assert len(set(raised)) == len(raised)
        assert raised[0] == persona.concerns[0].id


def test_follows_up_on_the_missing_point_then_moves_on(config: Config) -> None:
    r = Rehearsal(config, CAST.get("privacy"), 2)
    r.opening()
    assert r.respond("It's protected by HIPAA.") == "But who else could hear it?"
    reply = r.respond("Nobody at the company listens.")
    assert reply == "What if there is a session I really don't want on tape?"
    assert r.concern == "privacy"
    r.respond("Anyway.")  # two follow-ups were enough: the client moves on, unconvinced
    assert r.concern == "access"
    assert [p.id for p in r.raised[0].concern.key_points if p.id not in r.covered(r.raised[0])] == [
        "skip_session"
    ]


def test_a_full_answer_moves_on_at_once(config: Config) -> None:
    r = Rehearsal(config, CAST.get("privacy"), 2)
    r.opening()
    reply = r.respond(
        "It's protected by HIPAA. No one at the company listens. You can skip any session."
    )
    assert r.concern == "access"
    assert reply.endswith(r.raised[-1].asked)


def test_blank_answers_are_not_turns_and_the_end_is_the_end(config: Config) -> None:
    r = Rehearsal(config, CAST.get("eager"), 1)
    r.opening()
    assert r.respond("   ") == CAST.rules.nudge
    assert r.respond("\x1b[31m") == CAST.rules.nudge
    assert r.clinician_turns == []
    while not r.done:
        r.respond("Mm.")
    assert r.phase == "done"
    assert r.respond("Hello?") == ""


def test_clinician_text_is_cleaned(config: Config) -> None:
    r = Rehearsal(config, CAST.get("eager"), 1)
    r.respond("It's \x1b[2Joptional\u202e.\n")
    assert r.clinician_turns[0].text == "It's optional."


def test_pressure_gets_a_reaction_not_relief(config: Config) -> None:
    r = Rehearsal(config, CAST.get("judged"), 2)
    r.opening()
    reply = r.respond("Everyone does it. It's not a test, there's nothing wrong you could say.")
    assert reply.startswith(CAST.get("judged").pressured)
    assert not any(line in reply for line in CAST.get("judged").satisfied)


@pytest.mark.parametrize("seed", range(6))
def test_the_declining_client_never_says_yes(config: Config, seed: int) -> None:
    persona = CAST.get("declines")
    pushy = ["Are you sure?", "Just try it once.", "Everyone does it, you have to.", "Why not?"]
    r = Rehearsal(config, persona, seed)
    lines = [r.opening()]
    while not r.done:
        lines.append(r.respond(pushy[len(lines) % len(pushy)]))
    assert lines[-1] in persona.pushed
    assert r.refusals == CAST.rules.max_refusals
    for line in lines:
        assert not any(word in line.lower() for word in ("yes", "i agree", "okay, record"))
    assert "accept_no" in r.feedback().missed


def test_the_declining_client_thanks_a_graceful_clinician(config: Config) -> None:
    persona = CAST.get("declines")
    r = Rehearsal(config, persona, 2)
    r.opening()
    while r.phase == "concerns":
        r.respond("Saying no won't change your care; it's your choice.")
    r.respond("That's completely fine, we won't record.")
    assert r.done
    assert r.turns[-1].text in persona.goodbye
    assert "accept_no" in r.feedback().covered
