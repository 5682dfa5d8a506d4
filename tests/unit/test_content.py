"""Dialog content: every template compiles, and a broken edit names the file and key."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.engine.content import Content, ContentError, load_content
from assistant.paths import content_root


def _copy(tmp_path: Path) -> Path:
    shutil.copytree(content_root() / "dialogs", tmp_path / "dialogs")
    shutil.copytree(content_root() / "forms", tmp_path / "forms")
    return tmp_path


def test_every_template_compiles() -> None:
    assert load_content().compile_all() > 80


def test_a_broken_template_names_where(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    messages = root / "dialogs" / "messages.toml"
    messages.write_text(
        messages.read_text("utf-8").replace('ask = "Are you ready to start?"', 'ask = "{{ oops"'),
        "utf-8",
    )
    with pytest.raises(ContentError, match=r"messages\.toml \[welcome\]\.ask: bad template"):
        Content(root).compile_all()


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('yes = "start"', 'yes = "launch"', r"\(welcome\): yes = 'launch' is not one of its"),
        ('"goto declined.notify"]', '"goto nowhere"]', r"goto 'nowhere': no such step"),
        ('["next"]', '["jump"]', r"unknown action 'jump'"),
        (
            'counts_as = "explain"',
            'counts_as = "signed"',
            r"\(questions\): counts_as = 'signed' is not a step",
        ),
        (
            'choice = "recording"',
            'choice = "recording"\nworries_beside_no = true',
            r"\(choices\.recording\): `worries_beside_no` cannot be set where a no is a consent",
        ),
        (
            "worries_beside_no = true",
            'worries_beside_no = "yes"',
            r"\(welcome\): `worries_beside_no` must be true or false",
        ),
    ],
)
def test_a_mistake_in_the_flow_is_named(tmp_path: Path, old: str, new: str, message: str) -> None:
    """A button, goto, action or progress step that does not exist: one line naming it."""
    root = _copy(tmp_path)
    flow = root / "dialogs" / "flow.toml"
    text = flow.read_text("utf-8")
    assert old in text
    flow.write_text(text.replace(old, new, 1), "utf-8")
    with pytest.raises(ContentError, match=message):
        Content(root)


def test_a_copy_without_a_message_the_assistant_says_is_refused_at_load(tmp_path: Path) -> None:
    """A clinic's copy made before a message was added ("You asked about two things...") is
    refused when it loads, naming the key, not when a client first needs it."""
    root = _copy(tmp_path)
    messages = root / "dialogs" / "messages.toml"
    kept = [
        line for line in messages.read_text("utf-8").splitlines() if not line.startswith("which_")
    ]
    messages.write_text("\n".join(kept) + "\n", "utf-8")
    with pytest.raises(ContentError, match=r"\[say\]: 'which_first' is missing"):
        Content(root)
