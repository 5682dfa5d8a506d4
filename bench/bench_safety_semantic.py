"""Would the matcher's semantic model help the safety net as a second signal? Prints figures.

The safety check (`assistant/engine/safety.py`) looks for phrases. The experiment: flag a
message also when its WordLlama sentence vector is close to a crisis row of a reference set
(at least THRESHOLD cosine) and closer to it than to any look-alike row (by at least MARGIN).
Each tune file is the reference in turn and the other one is checked ("hold one out"), so a
figure never comes from the rows it was built from. The frozen safety_test.tsv is not used.

Finding (2026-12-02): the phrase list already finds every crisis row of both tune files; the
semantic check alone finds few (2-21%) and, at thresholds low enough to find more, raises
false alarms (up to 7.5%). It is not wired into the safety check.

Run: `.venv/bin/python bench/bench_safety_semantic.py`
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from assistant.engine.content import load_content
from assistant.engine.semantic import default_embedder

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
SETTINGS = ((0.5, 0.0), (0.6, 0.0), (0.7, 0.0))
"""(THRESHOLD, MARGIN) pairs tried."""


def rows(name: str) -> list[tuple[bool, str]]:
    out = []
    for line in (DATA / name).read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            label, text = line.split("\t", 1)
            out.append((label == "safety", text))
    return out


def main() -> None:
    content = load_content()
    embedder = default_embedder()

    def vectors(data: list[tuple[bool, str]]) -> np.ndarray:
        return embedder.embed([" ".join(content.language.tokens(t)) for _, t in data])

    def share(hits: np.ndarray, mask: np.ndarray) -> str:
        return f"{hits[mask].mean():.1%}"

    files = ("safety_tune.tsv", "safety_tune2.tsv")
    for reference, checked in (files, files[::-1]):
        ref, test = rows(reference), rows(checked)
        crisis = np.array([c for c, _ in ref])
        truth = np.array([c for c, _ in test])
        similar = vectors(test) @ vectors(ref).T
        to_crisis, to_other = similar[:, crisis].max(axis=1), similar[:, ~crisis].max(axis=1)
        phrases = np.array([content.safety.find(content.language.tokens(t)) is not None
                            for _, t in test])  # fmt: skip
        print(
            f"{checked} (reference {reference}): phrase list recall {share(phrases, truth)},"
            f" false alarms {share(phrases, ~truth)}"
        )
        for threshold, margin in SETTINGS:
            semantic = (to_crisis >= threshold) & (to_crisis - to_other >= margin)
            both = phrases | semantic
            print(
                f"  semantic >= {threshold}: alone recall {share(semantic, truth)}, false alarms"
                f" {share(semantic, ~truth)}; with the phrase list recall {share(both, truth)},"
                f" false alarms {share(both, ~truth)}"
            )


if __name__ == "__main__":
    main()
