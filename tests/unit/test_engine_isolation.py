"""The engine and records never import textual: every core module is imported, one after
another, in one fresh interpreter, and the first after which textual is loaded is named (one
interpreter, not one a module: the same check in a few seconds instead of forty). Lazy imports
inside functions are checked by import-linter's contracts (`make lint`)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

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


def test_no_core_module_imports_textual() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {CORE!r}:\n"
        "    importlib.import_module(name)\n"
        "    if any(m == 'textual' or m.startswith('textual.') for m in sys.modules):\n"
        "        print(name)\n"
        "        break\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "", f"{out} pulled in textual"
