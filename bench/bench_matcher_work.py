"""The matcher's work per message, counted rather than timed: instructions and cache misses.

Run: `.venv/bin/python bench/bench_matcher_work.py`. Prints figures only. Needs valgrind
(`apt-get install -y valgrind`); without it, it says so and prints nothing else.

`bench_matcher.py` times each message, and on a shared machine the same code times 5 to 15%
apart from one run to the next, more than most changes to the matcher save. Here a fresh
interpreter runs under valgrind's cachegrind, which counts every instruction the processor
would run and simulates its caches (the host's sizes): the counts come out the same, to about
0.2%, run after run. Each sample of messages is counted twice, once with the matcher read back
from the cache folder and one message matched, once with the sample matched as well; the
difference is the sample's work, divided by its size. The matcher is built (or read back) here
first, so that the children only read it (`matcher_store.py`): built under valgrind it would
take minutes.

The samples are fixed, so that two versions of the code are counted on the same messages:
every 19th phrasing (about 500 short messages) and every 19th dev post (about 190). Figures:
instructions, first-level data cache misses and last-level cache misses (those that go to
memory), each per message. A last-level miss costs about a hundred times what an instruction
does, a first-level one about ten.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

EVERY = 19
"""Every this-many-th phrasing and dev post is in the samples."""

CHILD = """
import sys
sys.path.insert(0, {bench!r})
from matcher_sets import splits
from assistant.engine.content import load_content
from assistant.engine.phrasings import default_phrasings
from assistant.engine.questions import matcher_for
matcher = matcher_for(load_content())
matcher.match("who can see my notes?")
# both samples read in every child, so that only the matching differs between them
samples = {{
    "short": [p.text for p in default_phrasings()][::{every}],
    "posts": [t for *_, t in {{s.name: s for s in splits()}}["dev"].posts][::{every}],
}}
texts = samples.get(sys.argv[1], [])
for text in texts:
    matcher.match(text)
print(len(texts))
"""

COUNTS = {
    "instructions": re.compile(r"I\s+refs:\s+([\d,]+)"),
    "D1 misses": re.compile(r"D1\s+misses:\s+([\d,]+)"),
    "LL misses": re.compile(r"LL misses:\s+([\d,]+)"),
}


def counted(which: str, folder: Path) -> tuple[int, dict[str, int]]:
    """The number of messages of sample `which` ("none", "short", "posts") and cachegrind's
    counts for a fresh interpreter that matches them."""
    script = folder / "child.py"
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    done = subprocess.run(
        [
            "valgrind",
            "--tool=cachegrind",
            "--cache-sim=yes",
            f"--cachegrind-out-file={folder / which}.out",
            sys.executable,
            str(script),
            which,
        ],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    counts = {}
    for name, pattern in COUNTS.items():
        found = pattern.search(done.stderr)
        if found is None:
            raise RuntimeError(f"cachegrind printed no {name}:\n{done.stderr[-2000:]}")
        counts[name] = int(found.group(1).replace(",", ""))
    return int(done.stdout.split()[-1]), counts


def main() -> None:
    if shutil.which("valgrind") is None:
        print("matcher work: skipped, valgrind is not installed (apt-get install -y valgrind)")
        return
    from assistant.engine.content import load_content
    from assistant.engine.questions import matcher_for

    matcher_for(load_content())  # built or read back, and kept for the children to read
    bench = str(Path(__file__).resolve().parent)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "child.py").write_text(CHILD.format(bench=bench, every=EVERY), "utf-8")
        try:
            with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
                runs = dict(
                    zip(
                        ("none", "short", "posts"),
                        pool.map(lambda w: counted(w, folder), ("none", "short", "posts")),
                        strict=True,
                    )
                )
        except (subprocess.CalledProcessError, RuntimeError) as failed:
            said = getattr(failed, "stderr", None) or str(failed)
            print(f"matcher work: valgrind did not finish: {said.strip()[-500:]}")
            return
    _, start = runs["none"]
    for which in ("short", "posts"):
        size, counts = runs[which]
        each = {name: (counts[name] - start[name]) / size for name in COUNTS}
        print(
            f"matcher work, {which} ({size} messages, every {EVERY}th):"
            f" {each['instructions'] / 1e6:.3f} M instructions,"
            f" {each['D1 misses'] / 1e3:.1f} k D1 misses, {each['LL misses']:.0f} LL misses"
            " per message"
        )


if __name__ == "__main__":
    main()
