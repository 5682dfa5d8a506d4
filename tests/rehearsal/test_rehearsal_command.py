"""`consent-assistant rehearse --text`, the files it writes, and rehearsal transcripts."""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.config import Config
from assistant.engine import transcript
from assistant.rehearsal.client import Rehearsal
from assistant.rehearsal.command import run_rehearse
from assistant.rehearsal.personas import load_cast
from assistant.rehearsal.transcript import export
from assistant.replay import runner

ANSWERS = [
    "Yes, if you want, you get a short written recap of the main points after each session.",
    "It's optional, and you can stop it any time.",
    "The form says what is recorded and how it is used. It goes into your health record.",
    "You get your own copy by email.",
    "Only if you want to. It's your choice, and you can change your mind any time. The AI can"
    " make mistakes, so I check every draft, and privacy has the usual limits, like if someone is"
    " in danger. Does that make sense?",
]


def args(**kw: object) -> argparse.Namespace:
    base: dict[str, object] = {
        "persona": "eager",
        "seed": 1,
        "text": True,
        "export": None,
        "feedback": None,
        "config": None,
        "data_dir": None,
    }
    base.update(kw)
    return argparse.Namespace(**base)


def rehearse(lines: list[str], **kw: object) -> tuple[int, str]:
    out = io.StringIO()
    code = run_rehearse(args(**kw), io.StringIO("".join(f"{x}\n" for x in lines)), out)
    return code, out.getvalue()


def test_text_mode_talks_then_shows_feedback(tmp_path: Path, isolated_home: Path) -> None:
    data = tmp_path / "data"
    code, out = rehearse(ANSWERS, data_dir=str(data))
    assert code == 0
    assert out.startswith("PRACTICE REHEARSAL")
    assert "Casey, eager, few questions (--persona eager --seed 1)" in out
    assert (
        "Client: Sure, sounds good to me! Just a quick question. Will you send me a recap?" in out
    )
    assert "# PRACTICE: rehearsal feedback" in out
    assert "**100%**" in out
    assert "\nOverall: 100%\n" in out  # the DESIGN contract
    # never a consent record, an outbox or a data folder
    assert not data.exists()
    assert not (isolated_home / ".local" / "share" / "consent-assistant").exists()


def test_end_early_and_end_of_input(tmp_path: Path) -> None:
    code, out = rehearse([ANSWERS[0], "/end", "never read"])
    assert code == 0
    assert "The rehearsal was ended before the client finished." in out
    assert "never read" not in out
    code, out = rehearse([])
    assert "You did not answer this yet." in out


def test_files_are_marked_practice_and_the_transcript_replays(tmp_path: Path) -> None:
    ex, fb = tmp_path / "r.transcript", tmp_path / "r.md"
    code, _ = rehearse(ANSWERS, export=str(ex), feedback=str(fb))
    assert code == 0
    assert fb.read_text("utf-8").startswith("# PRACTICE: rehearsal feedback")
    text = ex.read_text("utf-8")
    assert text.startswith("# PRACTICE: ")
    assert "@mode rehearse\n@persona eager\n@seed 1\n" in text
    assert (
        "missed: none\nflagged: none\nclaims: none\ndecision: yes\nscore: 100\n"
        "record: none\noutbox: 0\n" in text
    )
    assert runner.run(transcript.load(ex)) is None


def test_unknown_persona_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = rehearse([], persona="grumpy")
    assert code == 2
    assert "unknown persona 'grumpy'" in capsys.readouterr().err


def test_through_the_cli_with_a_seed_and_no_persona(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("Hm.\n"))
    assert main(["rehearse", "--text", "--seed", "11"]) == 0
    first = capsys.readouterr().out
    monkeypatch.setattr(sys, "stdin", io.StringIO("Hm.\n"))
    assert main(["rehearse", "--text", "--seed", "11"]) == 0
    assert capsys.readouterr().out == first
    assert f"--persona {load_cast().pick(11).id} --seed 11" in first


def test_an_unwritable_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = rehearse(["Hm."], feedback=str(tmp_path / "missing" / "f.md"))
    assert code == 1
    assert "cannot write" in capsys.readouterr().err


@pytest.mark.parametrize("pid", list(load_cast().personas))
def test_every_export_replays(config: Config, pid: str) -> None:
    for seed in range(4):
        r = Rehearsal(config, load_cast().get(pid), seed)
        r.opening()
        for answer in [*ANSWERS, "That's fine, you don't have to. Are you sure?", "Hm."] * 3:
            if r.done:
                break
            r.respond(answer)
        assert runner.run(transcript.parse(export(r), f"{pid}-{seed}"), config) is None


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("@persona nobody\n", "@persona one of"),
        ("@persona eager\n@seed x\n", "@seed a whole number"),
        ("@persona eager\nassistant: hi\n", "a key @mode rehearse knows"),
        ("@persona eager\nwait: 10m\n", "a key @mode rehearse knows"),
        ("@persona eager\nrecord: signed\n", "a rehearsal never files or sends"),
        ("@persona eager\nscore: lots\n", "score: N or score: >= N"),
        ("@persona eager\nscore: >= 1\n", "score >= 1"),
        ("@persona eager\nclient!: recap\n", "not to contain"),
        ("@persona eager\nmissed: refuse\n", "missed refuse"),
    ],
)
def test_rehearse_mode_failures(config: Config, body: str, expected: str) -> None:
    failure = runner.run(transcript.parse("@mode rehearse\n" + body), config)
    assert failure is not None
    assert expected in failure.expected


def test_rehearse_keys_need_the_mode() -> None:
    with pytest.raises(transcript.TranscriptError, match="'covered' needs '@mode rehearse'"):
        transcript.parse("client: hi\ncovered: refuse\n", "x.transcript")
