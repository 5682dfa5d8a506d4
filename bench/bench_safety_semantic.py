"""Would the matcher's semantic model help the safety net as a signal? Prints figures.

Each tune file is left out in turn; on the others (with the ordinary replies, the concern
examples and the kiosk messages at `[word_weights].ordinary_weight`, as the app trains its word
weights) two classifiers are fitted and the left-out file is scored: the word weights
(`assistant/engine/word_weights.py`, what the app uses) and a ridge classifier on the mean
WordLlama vector of the message (`assistant/engine/embedder.py`), and their sum. Printed: how
often a crisis row outranks a look-alike (AUC) and the recall at 5% and 10% false alarms. The
check sets and the frozen half are not used.

Findings: 2026-12-02 (r3, nearest neighbour on tune/tune2): found few crisis rows (2-21%), with
up to 7.5% false alarms. 2026-12-03 (r5, this script): the WordLlama ridge ranks crisis rows
above look-alikes far less often than the word weights (AUC 0.75 against 0.91) and their sum
ranks worse than the word weights alone (0.88), so the safety net does not load the model.

Run: `PYTHONPATH=. .venv/bin/python bench/bench_safety_semantic.py` (a few seconds)
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import numpy as np
from bench_safety_odds import TUNE, rows  # the same tune files, read the same way

from assistant.engine.content import load_content
from assistant.engine.embedder import default_embedder
from assistant.engine.semantic import Classifier
from assistant.engine.word_weights import WordWeights

ROOT = Path(__file__).resolve().parents[1]


def figures(name: str, truth: np.ndarray, scores: np.ndarray) -> str:
    crisis, other = scores[truth], scores[~truth]
    auc = float((crisis[:, None] > other[None, :]).mean())
    at = []
    for rate in (0.05, 0.10):
        line = np.quantile(other, 1 - rate)
        at.append(f"recall at {rate:.0%} false alarms {float((crisis > line).mean()):.1%}")
    return f"{name}: AUC {auc:.3f}, " + ", ".join(at)


def main() -> None:
    content = load_content()
    tokens = content.language.tokens
    embedder = default_embedder()
    examples = tomllib.loads((ROOT / "dialogs" / "safety_examples.toml").read_text("utf-8"))
    safety = tomllib.loads((ROOT / "dialogs" / "safety.toml").read_text("utf-8"))
    weight = float(safety["word_weights"]["ordinary_weight"])
    tuned = {text for name in TUNE for _, text in rows(name)}
    replies = [t for t in examples["ordinary"] if t not in tuned]
    extra = [e for c in content.concerns.values() for e in c.examples] + examples["kiosk"]
    truth: list[bool] = []
    words_scores: list[float] = []
    meaning_scores: list[float] = []
    for held in TUNE:
        train = [row for name in TUNE if name != held for row in rows(name)]
        crisis = [t for c, t in train if c]
        plain = [t for c, t in train if not c] + replies
        weights = WordWeights(
            [tokens(t) for t in crisis],
            [tokens(t) for t in plain],
            [tokens(t) for t in extra],
            weight,
        )
        texts = [" ".join(tokens(t)) for t in crisis + plain + extra]
        labels = [1] * len(crisis) + [0] * (len(plain) + len(extra))
        meaning = Classifier(
            embedder, texts, labels, 2, [1.0] * (len(crisis) + len(plain)) + [weight] * len(extra)
        )
        held_rows = rows(held)
        truth += [c for c, _ in held_rows]
        words_scores += [weights.score(tokens(t)) for _, t in held_rows]
        scored = meaning.scores([" ".join(tokens(t)) for _, t in held_rows])
        meaning_scores += list(scored[:, 1] - scored[:, 0])
    is_crisis = np.array(truth)
    by_words, by_meaning = np.array(words_scores), np.array(meaning_scores)
    print(figures("word weights", is_crisis, by_words))
    print(figures("WordLlama ridge", is_crisis, by_meaning))
    print(figures("sum of both", is_crisis, by_words + by_meaning))


if __name__ == "__main__":
    main()
