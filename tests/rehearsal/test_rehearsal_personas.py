"""Each persona in personas.toml is checked against the concerns; bad edits fail clearly."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from assistant.engine.concerns import load_concerns
from assistant.engine.content import load_content
from assistant.engine.matcher import Matcher
from assistant.paths import dialogs_dir
from assistant.rehearsal.personas import Cast, PersonaError, load_cast, parse_cast

CAST = load_cast()
PERSONA_IDS = list(CAST.personas)


def raw() -> dict[str, Any]:
    return tomllib.loads((dialogs_dir() / "personas.toml").read_text("utf-8"))


def parse(data: dict[str, Any]) -> Cast:
    return parse_cast(data, load_concerns(), "personas.toml")


def test_the_five_kinds_of_client_are_there() -> None:
    assert {"privacy", "sceptic", "judged", "eager", "declines"} <= set(CAST.personas)
    assert CAST.get("declines").declines
    assert [p.id for p in CAST.personas.values() if p.declines] == ["declines"]
    assert CAST.get("eager").raises == (2, 2)


@pytest.mark.parametrize("pid", PERSONA_IDS)
def test_persona_concerns_are_known_and_in_range(pid: str) -> None:
    persona = CAST.get(pid)
    content = load_content()
    assert all(c.id in content.concerns for c in persona.concerns)
    low, high = persona.raises
    assert 2 <= low <= high <= 4
    assert high <= len(persona.concerns)
    assert len(persona.opening) >= 2, "openings are varied"
    for pc in persona.concerns:
        points = {p.id for p in content.concerns[pc.id].key_points}
        assert set(pc.follow_ups) <= points


@pytest.mark.parametrize("pid", PERSONA_IDS)
def test_the_engine_recognises_each_concerns_wordings(pid: str, matcher: Matcher) -> None:
    """No wording is surely about another concern, and each concern has one the engine gets."""
    for pc in CAST.get(pid).concerns:
        matches = [matcher.match(ask) for ask in pc.asks]
        for m in matches:
            assert m.status != "sure" or m.concern == pc.id, m
        assert any(m.concern == pc.id for m in matches), matches


def test_key_point_paraphrases_live_in_concerns_toml() -> None:
    """The phrases personas.toml once added to key points are now the points' own."""
    points = {f"{c.id}.{p.id}": p.paraphrases for c in load_concerns() for p in c.key_points}
    moved = {
        "privacy.protected": ["protected by hipaa", "covered by hipaa", "health privacy law",
                              "stays confidential"],
        "privacy.who_hears": ["no one at the company", "nobody listens", "no human listens",
                              "no person listens"],
        "privacy.skip_session": ["skip recording", "skip a session", "not record any session",
                                 "leave a session unrecorded"],
        "access.vendor_no_share": ["never sells", "never shares", "does not share",
                                   "does not sell"],
        "deletion.audio_retention": ["deleted right away", "audio is deleted"],
        "security.honest_risk": ["no system is completely safe", "not perfectly safe",
                                 "nothing is perfectly safe"],
        "data_use.no_training": ["not used to train", "never used to train", "does not train"],
        "data_use.no_selling": ["never sells", "never sold", "does not sell"],
        "decline.no_effect": ["will not change your care", "still see you", "same care",
                              "your care stays", "does not change your care"],
        "withdraw.how_to_revoke": ["tell the front desk", "just say so"],
    }  # fmt: skip
    for dotted, phrases in moved.items():
        assert set(phrases) <= set(points[dotted]), dotted
    for dotted, phrases in points.items():
        assert len(set(phrases)) == len(phrases), f"{dotted}: a paraphrase is listed twice"
    assert "extra_paraphrases" not in raw()["rehearsal"]


def test_unknown_persona_lists_the_known_ones() -> None:
    with pytest.raises(PersonaError, match=r"unknown persona 'nobody'.*privacy"):
        CAST.get("nobody")


def test_pick_is_repeatable() -> None:
    assert CAST.pick(7) == CAST.pick(7)
    assert len({CAST.pick(seed).id for seed in range(80)}) == len(CAST.personas)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda d: d["persona"]["privacy"]["concerns"][0].update(id="privcy"),
            "unknown concern 'privcy'",
        ),
        (
            lambda d: d["persona"]["privacy"]["concerns"][0].update(follow_ups={"nope": "x"}),
            "no key point 'nope' in 'privacy'",
        ),
        (lambda d: d["persona"]["eager"].update(raises=[1, 2]), "'raises' must be"),
        (lambda d: d["persona"]["eager"].update(raises=[2, 4]), "asks for 4 concerns but 3"),
        (
            lambda d: d["persona"]["eager"].update(refusals=["no"]),
            "only for personas with declines",
        ),
        (lambda d: d["persona"]["declines"].pop("refusals"), "'refusals' must be"),
        (lambda d: d["persona"]["judged"].update(mood="grumpy"), "unknown key 'mood'"),
        (lambda d: d["persona"]["judged"].update(opening=[]), "'opening' must be"),
        (
            lambda d: d["persona"]["judged"]["concerns"].append({"id": "judgment", "asks": ["a"]}),
            "'judgment' is listed twice",
        ),
        (lambda d: d["rehearsal"]["rights"].pop("revoke"), "rights"),
        (lambda d: d["persona"]["teen"]["points"][0].pop("text"), r"points\[0\]: 'text'"),
        (lambda d: d["rehearsal"]["pressure"]["threat"].pop("cap"), r"pressure.threat: 'cap'"),
        (
            lambda d: d["rehearsal"].update(extra_paraphrases={"privacy.who_hears": ["x"]}),
            r"\[rehearsal\]: unknown key 'extra_paraphrases'",
        ),
        (lambda d: d.update(personas={}), "unknown table 'personas'"),
    ],
)
def test_bad_edits_fail_with_one_clear_line(edit: Any, message: str) -> None:
    data = raw()
    edit(data)
    with pytest.raises(PersonaError, match=message) as info:
        parse(data)
    assert str(info.value).startswith("personas.toml")
    assert "\n" not in str(info.value)


def test_a_broken_file_names_itself(tmp_path: Path) -> None:
    bad = tmp_path / "personas.toml"
    bad.write_text("[persona.x\n", "utf-8")
    with pytest.raises(PersonaError, match="not valid TOML"):
        load_cast(bad, load_concerns())
    with pytest.raises(PersonaError, match="cannot read"):
        load_cast(tmp_path / "missing.toml", load_concerns())
