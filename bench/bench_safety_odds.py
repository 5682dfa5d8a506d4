"""The safety net's word-odds signal measured on data it was not trained on. Prints figures.

`dialogs/safety_examples.toml` is the tune files' rows, so the tune figures of
`bench_reading.py` are in-sample for it. Here each tune file is left out in turn: the model is
trained on the other tune files (with the concern examples and the ordinary replies, as the
app does) and scored on the one left out, alone (without the phrase list). The check sets and
the frozen half are not used here (`bench_reading.py` prints them).

Run: `PYTHONPATH=. .venv/bin/python bench/bench_safety_odds.py`
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from assistant.engine.content import load_content
from assistant.engine.word_odds import WordOdds

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
TUNE = ("safety_tune.tsv", *(f"safety_tune{n}.tsv" for n in range(2, 14)))
THRESHOLDS = (3.0, 3.5, 4.0, 4.5)


def rows(name: str) -> list[tuple[bool, str]]:
    lines = (DATA / name).read_text("utf-8").splitlines()
    return [
        (label == "safety", text)
        for label, text in (
            line.split("\t", 1) for line in lines if line.strip() and line[0] != "#"
        )
    ]


def main() -> None:
    content = load_content()
    tokens = content.language.tokens
    examples = tomllib.loads((ROOT / "dialogs" / "safety_examples.toml").read_text("utf-8"))
    tuned = {text for name in TUNE for _, text in rows(name)}
    extra = [t for t in examples["ordinary"] if t not in tuned]
    extra += [e for c in content.concerns.values() for e in c.examples]
    hits = {th: [0, 0, 0, 0] for th in THRESHOLDS}  # crisis, found, other, alarms
    for held in TUNE:
        train = [row for name in TUNE if name != held for row in rows(name)]
        odds = WordOdds(
            [tokens(t) for crisis, t in train if crisis],
            [tokens(t) for crisis, t in train if not crisis] + [tokens(t) for t in extra],
        )
        for crisis, text in rows(held):
            score = odds.score(tokens(text))
            for th, counts in hits.items():
                counts[0 if crisis else 2] += 1
                counts[1 if crisis else 3] += score > th
    for th, (crisis, found, other, alarms) in hits.items():
        print(
            f"word odds alone, each tune file left out, threshold {th}: recall"
            f" {found}/{crisis} = {found / crisis:.1%}, false alarms {alarms}/{other} ="
            f" {alarms / other:.1%}"
        )


if __name__ == "__main__":
    main()
