"""Dialog content: every template compiles, and a broken edit names the file and key."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.engine.content import Content, ContentError, load_content
from assistant.paths import dialogs_dir


def test_every_template_compiles() -> None:
    assert load_content().compile_all() > 80


def test_a_broken_template_names_where(tmp_path: Path) -> None:
    folder = tmp_path / "dialogs"
    shutil.copytree(dialogs_dir(), folder)
    messages = folder / "messages.toml"
    messages.write_text(
        messages.read_text("utf-8").replace('ask = "Are you ready to start?"', 'ask = "{{ oops"'),
        "utf-8",
    )
    with pytest.raises(ContentError, match=r"messages\.toml \[welcome\]\.ask: bad template"):
        Content(folder).compile_all()


def test_yes_no_must_name_a_choice(tmp_path: Path) -> None:
    folder = tmp_path / "dialogs"
    shutil.copytree(dialogs_dir(), folder)
    messages = folder / "messages.toml"
    messages.write_text(
        messages.read_text("utf-8").replace('yes = "start"', 'yes = "launch"', 1), "utf-8"
    )
    with pytest.raises(ContentError, match=r"\[welcome\]\.yes: 'launch' is not a choice here"):
        Content(folder)
