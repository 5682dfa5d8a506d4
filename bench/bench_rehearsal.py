"""How well rehearsal feedback flags a clinician's pressure and false claims, per flag kind.

Run: `.venv/bin/python bench/bench_rehearsal.py [-v]`. Prints precision and recall for each flag
kind, and for "any pressure" and "any false claim", on the tune half
(tests/data/clinician_lines_tune.tsv) and on the frozen test half
(tests/data/frozen/clinician_lines_test.tsv) apart. `-v` lists the tune half's misses; the
frozen rows are counted, never shown: nothing is tuned on them.

Each line is read alone, as one clinician turn, against the demo practice's facts
(`assistant.rehearsal.flags.flag_kinds`). A kind with no labelled row and no flag in a split
shows "-".

Before issue 13 (the scorer had one pressure list and no claims check), measured with this
script on the same data: any pressure P 1.00 R 0.16 (tune), P 0.80 R 0.12 (test); any false
claim R 0.00 on both (nothing was checked); per kind, only "pressure" was flagged at all.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from assistant.config import load_config
from assistant.rehearsal.flags import flag_kinds

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
SPLITS = {
    "tune": DATA / "clinician_lines_tune.tsv",
    "test (frozen)": DATA / "frozen" / "clinician_lines_test.tsv",
}
GROUPS = ("pressure", "claim")


def rows(path: Path) -> list[tuple[frozenset[str], str]]:
    """(labels, line) for each data row; `none` is the empty set."""
    out = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        flags, text = line.split("\t", 1)
        out.append((frozenset() if flags == "none" else frozenset(flags.split(",")), text))
    return out


def _groups(labels: frozenset[str]) -> frozenset[str]:
    return frozenset(f"{label.split(':')[0]}:any" for label in labels)


def score(
    data: list[tuple[frozenset[str], str]], predict: Callable[[str], frozenset[str]]
) -> tuple[dict[str, tuple[int, int, int]], list[str]]:
    """{kind: (true positives, false positives, false negatives)} and the misses."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    misses = []
    for want, text in data:
        got = predict(text)
        want_all, got_all = want | _groups(want), got | _groups(got)
        for kind in want_all | got_all:
            if kind in want_all and kind in got_all:
                tp[kind] += 1
            elif kind in got_all:
                fp[kind] += 1
            else:
                fn[kind] += 1
        if want != got:
            wanted = ",".join(sorted(want)) or "none"
            found = ",".join(sorted(got)) or "none"
            misses.append(f"want {wanted} got {found}: {text}")
    kinds = sorted(set(tp) | set(fp) | set(fn))
    return {k: (tp[k], fp[k], fn[k]) for k in kinds}, misses


def _ratio(hits: int, total: int) -> str:
    return f"{hits / total:.2f}" if total else "   -"


def main(argv: list[str]) -> int:
    config = load_config()

    def predict(text: str) -> frozenset[str]:
        return frozenset(flag_kinds(text, config))

    table: dict[str, dict[str, tuple[int, int, int]]] = {}
    counts = {}
    for name, path in SPLITS.items():
        data = rows(path)
        counts[name] = len(data)
        table[name], misses = score(data, predict)
        if name == "tune" and "-v" in argv:
            print("\n".join(misses), end="\n\n")
    kinds = sorted({k for t in table.values() for k in t}, key=lambda k: (k.endswith(":any"), k))
    head = "".join(f" | {name} ({counts[name]} lines) P    R    n" for name in SPLITS)
    print(f"{'flag kind':<22}{head}")
    for kind in kinds:
        cells = []
        for name in SPLITS:
            tp, fp, fn = table[name].get(kind, (0, 0, 0))
            cells.append(f" | {'':>17}{_ratio(tp, tp + fp)} {_ratio(tp, tp + fn)} {tp + fn:>3}")
        print(f"{kind:<22}{''.join(cells)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
