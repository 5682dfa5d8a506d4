"""`--content DIR`: a clinic's own copy of dialogs/ and forms/ changes the conversation without
Python: fewer or more check questions, a new concern, and a broken edit stops with one line."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.paths import content_root, use_content

CHECK_TWO = re.compile(r"\n\[\[question\]\]\nid = \"audio\".*", re.S)
FOURTH = """
[[question]]
id = "summary"
ask = "Do you have to get a written summary?"
correct = "no"
right = "Right. Summaries are your choice."
wrong = "Not quite. A summary is optional."
[[question.choices]]
id = "no"
label = "No, it is optional"
say = ["optional"]
[[question.choices]]
id = "yes"
label = "Yes, always"
say = ["always"]
"""
NEW_CONCERN = """
[video]
label = "Is there a camera?"
answer = "No. Only sound is recorded. There is no camera and no video."
examples = ["is there a camera", "will you film me", "is it video too", "do you record video"]
keywords = ["camera", "video", "film", "webcam"]
[[video.key_points]]
id = "sound_only"
text = "Says only sound is recorded."
paraphrases = ["only sound", "no video"]
follow_up = "So nobody sees my face?"
"""
TO_CHECK = "client: start\nclient: continue\nclient: no\nclient: yes\nclient: yes\nclient: no\n"


@pytest.fixture
def clinic(tmp_path: Path) -> Path:
    root = tmp_path / "clinic"
    shutil.copytree(content_root() / "dialogs", root / "dialogs")
    shutil.copytree(content_root() / "forms", root / "forms")
    yield root
    use_content(None)


def _replay(root: Path, tmp_path: Path, body: str) -> int:
    script = tmp_path / "t.transcript"
    script.write_text(body, "utf-8")
    return main(["replay", "--content", str(root), str(script)])


def test_two_check_questions(
    clinic: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    check = clinic / "dialogs" / "check.toml"
    check.write_text(CHECK_TWO.sub("\n", check.read_text("utf-8")), "utf-8")
    body = (
        TO_CHECK + "client: no, it is my choice\nstate: check.revoke\n"
        "client: yes, any time\nstate: identity.name\n"
    )
    assert _replay(clinic, tmp_path, body) == 0, capsys.readouterr().out


def test_a_fourth_check_question_is_asked(
    clinic: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    check = clinic / "dialogs" / "check.toml"
    check.write_text(check.read_text("utf-8") + FOURTH, "utf-8")
    body = (
        TO_CHECK + "client: no, it is my choice\nclient: yes, any time\nclient: deleted\n"
        "state: check.summary\nassistant: Do you have to get a written summary?\n"
        "client: no, it is optional\nstate: identity.name\n"
    )
    assert _replay(clinic, tmp_path, body) == 0, capsys.readouterr().out


def test_a_concern_added_to_the_content_is_answered(
    clinic: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    concerns = clinic / "dialogs" / "concerns.toml"
    concerns.write_text(concerns.read_text("utf-8") + NEW_CONCERN, "utf-8")
    body = (
        "client: start\nclient: wait, is there a camera filming me?\nconcern: video\n"
        "assistant: There is no camera and no video\nstate: explain\n"
    )
    assert _replay(clinic, tmp_path, body) == 0, capsys.readouterr().out


def test_a_broken_clinic_edit_stops_with_one_line(
    clinic: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flow = clinic / "dialogs" / "flow.toml"
    flow.write_text(flow.read_text("utf-8").replace('"goto declined.notify"]', '"goto x"]', 1))
    assert _replay(clinic, tmp_path, "client: start\n") == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("consent-assistant: ") and "goto 'x': no such step" in err
    assert len(err.splitlines()) == 1


def test_a_folder_without_dialogs_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ask", "--content", str(tmp_path), "hello"]) == 2
    assert "a content folder needs dialogs/" in capsys.readouterr().err
    use_content(None)


def test_a_broken_answer_word_list_stops_rehearsal_with_one_line(
    clinic: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from assistant.rehearsal.answer_words import answer_words

    language = clinic / "dialogs" / "language.toml"
    text = language.read_text("utf-8")
    language.write_text(text.replace('hedges = ["promise",', 'hedges = [1, "promise",', 1))
    answer_words.cache_clear()
    try:
        assert main(["rehearse", "--content", str(clinic), "--text", "--persona", "sceptic"]) == 2
        err = capsys.readouterr().err.strip()
    finally:
        answer_words.cache_clear()
    assert len(err.splitlines()) == 1
    assert err.startswith("consent-assistant: ") and "language.toml [answers].hedges" in err


@pytest.mark.parametrize(
    ("name", "old", "new", "where"),
    [
        ("intents.toml", 'whole = ["skip", "none",', 'whole = [3, "none",', "[skip].whole"),
        ("intents.toml", 'wh = ["what",', 'wh = ["what is",', "[question].wh"),
        ("intents.toml", 'ask_to = ["ask",', 'ask_to = "ask"\nold_ask_to = [', "[defer].ask_to"),
        ("language.toml", 'soft = ["but",', 'not_soft = ["but",', "[conditions].soft"),
        ("language.toml", '"w/" = "with"', '"w" = "with"', "[shorthand].signs"),
        ("language.toml", '"2" = "to"', '"2" = "to it"', "[shorthand].digits"),
        ("language.toml", '"4" = "for"', '"4" = 4', "[shorthand].digits"),
    ],
)
def test_a_broken_reply_word_list_stops_with_one_line(
    clinic: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    old: str,
    new: str,
    where: str,
) -> None:
    path = clinic / "dialogs" / name
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    assert _replay(clinic, tmp_path, "client: start\n") == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert err.startswith("consent-assistant: ") and f"{name} {where}" in err


def test_a_broken_safety_setting_stops_with_one_line(
    clinic: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # checked when the content loads, not at the first message a client types
    safety = clinic / "dialogs" / "safety.toml"
    text = safety.read_text("utf-8")
    safety.write_text(text.replace("nearest = 3\n", "nearest = 0\n", 1), "utf-8")
    assert _replay(clinic, tmp_path, "client: start\n") == 2
    err = capsys.readouterr().err.strip()
    assert "[meaning]: nearest must be 1 or more" in err and len(err.splitlines()) == 1


def test_an_older_intents_file_without_the_newer_lists_still_runs(
    clinic: Path, tmp_path: Path
) -> None:
    # `[no] not_answers` came later: a clinic's copy made before it reads as it did
    path = clinic / "dialogs" / "intents.toml"
    text = path.read_text("utf-8")
    older = re.sub(r"\nnot_answers = \[.*?\]\n", "\n", text, count=1, flags=re.S)
    assert older != text
    path.write_text(older, "utf-8")
    assert _replay(clinic, tmp_path, "client: start\nclient: no one told me\n") == 0
