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


def test_yes_no_must_name_a_button(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    flow = root / "dialogs" / "flow.toml"
    flow.write_text(flow.read_text("utf-8").replace('yes = "start"', 'yes = "launch"', 1), "utf-8")
    with pytest.raises(ContentError, match=r"\(welcome\): yes = 'launch' is not one of its"):
        Content(root)


def test_a_goto_to_nowhere_is_named(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    flow = root / "dialogs" / "flow.toml"
    text = flow.read_text("utf-8").replace('"goto declined.notify"]', '"goto nowhere"]', 1)
    flow.write_text(text, "utf-8")
    with pytest.raises(ContentError, match=r"goto 'nowhere': no such step"):
        Content(root)


def test_an_unknown_action_is_named(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    flow = root / "dialogs" / "flow.toml"
    flow.write_text(flow.read_text("utf-8").replace('["next"]', '["jump"]', 1), "utf-8")
    with pytest.raises(ContentError, match=r"unknown action 'jump'"):
        Content(root)


def test_counts_as_must_name_a_consent_step(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    flow = root / "dialogs" / "flow.toml"
    text = flow.read_text("utf-8").replace('counts_as = "explain"', 'counts_as = "signed"', 1)
    flow.write_text(text, "utf-8")
    with pytest.raises(ContentError, match=r"\(questions\): counts_as = 'signed' is not a step"):
        Content(root)
