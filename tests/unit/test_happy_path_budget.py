"""The happy path stays short with the risks and limits in it: at most 650 words to read in at
most 14 turns (issue 9), measured by bench/bench_happy_path.py through `chat --json`."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).resolve().parents[2] / "bench" / "bench_happy_path.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_happy_path", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_the_happy_path_keeps_its_reading_budget() -> None:
    bench = _bench()
    run = bench.walk()
    assert run.final_state == "signed"
    assert run.turns <= bench.MAX_TURNS, run.steps
    assert run.words <= bench.MAX_WORDS, run.steps
    states = [state for state, _ in run.steps]
    assert states.index("explain.risks") < states.index("choices.recording")
    risks = dict(run.steps)["explain.risks"]
    benefits = dict(run.steps)["explain"]
    assert risks >= benefits * 0.8, "the risks must weigh as much as the benefits"


def test_the_budget_can_fail() -> None:
    bench = _bench()
    run = bench.Walk([("explain", 700)], 15, "signed")
    assert run.words > bench.MAX_WORDS and run.turns > bench.MAX_TURNS
