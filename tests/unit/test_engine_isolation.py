"""The engine and records never import textual: each module is imported in a fresh interpreter."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import assistant

CORE = sorted(
    m.name
    for m in pkgutil.walk_packages(assistant.__path__, "assistant.")
    if not m.name.startswith(("assistant.kiosk", "assistant.ui", "assistant.rehearsal.screen"))
    and not m.name.endswith("__main__")
)


def test_core_modules_found() -> None:
    assert "assistant.engine.conversation" in CORE
    assert "assistant.engine.matcher" in CORE


@pytest.mark.parametrize("module", CORE)
def test_core_module_does_not_import_textual(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "", f"{module} pulled in textual: {out[:200]}"
