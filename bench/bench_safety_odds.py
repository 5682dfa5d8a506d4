"""The safety net's word-odds and word-weights signals on data they were not trained on.

`dialogs/safety_examples.toml` is the tune files' rows, so the tune figures of
`bench_reading.py` are in-sample for them. Here each tune file is left out in turn: the models
are trained on the other tune files (with the concern examples, the ordinary replies and the
kiosk messages, as the app does) and scored on the one left out, alone (without the phrase
list). The check sets and the frozen half are not used here (`bench_reading.py` prints them).
Also printed: the word-weights threshold at which 5% and 10% of the left-out look-alikes are
flagged, the time the app takes to fit the word weights and to embed the meaning signal's
examples (on the first message that reaches them), and how many ordinary kiosk messages of
tests/data (the matcher's questions, posts and off-topic lines) get the safety reply (the whole
net; a count, never the rows), and what the whole check costs per message on them.

Run: `PYTHONPATH=. .venv/bin/python bench/bench_safety_odds.py`
"""

from __future__ import annotations

import time
import tomllib
from pathlib import Path

from assistant.engine.content import Content, load_content
from assistant.engine.word_odds import WordOdds
from assistant.engine.word_weights import WordWeights

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
TUNE = ("safety_tune.tsv", *(f"safety_tune{n}.tsv" for n in range(2, 20)))
THRESHOLDS = (3.0, 3.5, 4.0, 4.5)
WEIGHT_THRESHOLDS = (0.0, 0.1, 0.2, 0.3, 0.4)


def rows(name: str) -> list[tuple[bool, str]]:
    lines = (DATA / name).read_text("utf-8").splitlines()
    return [
        (label == "safety", text)
        for label, text in (
            line.split("\t", 1) for line in lines if line.strip() and line[0] != "#"
        )
    ]


def share(hits: int, of: int) -> str:
    return f"{hits}/{of} = {hits / of:.1%}"


def main() -> None:
    content = load_content()
    tokens = content.language.tokens
    start = time.perf_counter()
    content.safety.weights(tokens("first message"))  # fitted here, as on a kiosk's first turn
    fitted = time.perf_counter() - start
    start = time.perf_counter()
    content.safety.meaning(tokens("first message"))  # the model loaded, the examples embedded
    embedded = time.perf_counter() - start
    examples = tomllib.loads((ROOT / "dialogs" / "safety_examples.toml").read_text("utf-8"))
    safety = tomllib.loads((ROOT / "dialogs" / "safety.toml").read_text("utf-8"))
    weight = float(safety["word_weights"]["ordinary_weight"])
    tuned = {text for name in TUNE for _, text in rows(name)}
    replies = [tokens(t) for t in examples["ordinary"] if t not in tuned]
    concern = [tokens(e) for c in content.concerns.values() for e in c.examples]
    kiosk = [tokens(t) for t in examples["kiosk"]]
    odds_scores: list[tuple[bool, float]] = []
    weight_scores: list[tuple[bool, float]] = []
    for held in TUNE:
        train = [(crisis, tokens(t)) for name in TUNE if name != held for crisis, t in rows(name)]
        crisis_words = [w for crisis, w in train if crisis]
        plain = [w for crisis, w in train if not crisis] + replies
        odds = WordOdds(crisis_words, plain + concern)
        weights = WordWeights(crisis_words, plain, concern + kiosk, weight)
        for crisis, text in rows(held):
            odds_scores.append((crisis, odds.score(tokens(text))))
            weight_scores.append((crisis, weights.score(tokens(text))))
    n_crisis = sum(c for c, _ in odds_scores)
    n_other = len(odds_scores) - n_crisis
    for name, scores, thresholds in (
        ("word odds", odds_scores, THRESHOLDS),
        ("word weights", weight_scores, WEIGHT_THRESHOLDS),
    ):
        for th in thresholds:
            found = sum(c and s > th for c, s in scores)
            alarms = sum(not c and s > th for c, s in scores)
            print(
                f"{name} alone, each tune file left out, threshold {th}: recall"
                f" {share(found, n_crisis)}, false alarms {share(alarms, n_other)}"
            )
    other = sorted((s for c, s in weight_scores if not c), reverse=True)
    for rate in (0.05, 0.10):
        line = other[int(rate * len(other))]
        print(f"word weights threshold flagging {rate:.0%} of look-alikes: {line:.3f}")
    print(f"word weights fitted on first use in {fitted:.2f} s (before the runs above)")
    print(f"meaning signal's model loaded and examples embedded on first use in {embedded:.2f} s")
    kiosk_alarms(content)


KIOSK = ("questions*.tsv", "posts*.tsv", "offtopic*.txt")


def kiosk_alarms(content: Content) -> None:
    """How many ordinary kiosk messages (the matcher's phrasings and posts, the questions, posts
    and off-topic lines in tests/data, their check sets too) get the safety reply: a count only,
    no rows."""
    hits = total = 0
    spent = 0.0
    paths = [ROOT / "dialogs" / "phrasings.tsv"]
    for folder in (DATA, DATA / "check", ROOT / "dialogs" / "posts"):
        paths += sorted(p for pattern in KIOSK for p in folder.glob(pattern))
    for path in paths:
        lines = path.read_text("utf-8").splitlines()
        texts = [line.split("\t")[-1] for line in lines if line.strip() and line[0] != "#"]
        total += len(texts)
        start = time.perf_counter()
        hits += sum(content.safety.find(content.language.tokens(t)) is not None for t in texts)
        spent += time.perf_counter() - start
    print(f"safety check per ordinary kiosk message: {spent / total * 1000:.2f} ms (mean)")
    print(f"safety reply on ordinary kiosk messages (questions, posts, off-topic): {hits}/{total}")


if __name__ == "__main__":
    main()
