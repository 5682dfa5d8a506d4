"""What a conversation does with ordinary kiosk messages and with crisis messages: figures
only, on the check sets of tests/data/check (never tuned on).

The matcher's benches score the matcher alone; here each message is sent to a fresh
conversation at its first screen ("Are you ready to start?", a yes-no question, where a question
is answered as anywhere else) and the whole reading decides. An ordinary message may end as:
- `answered`: its own concern's answer (off-topic lines: any answer is wrong);
- `did you mean`: a choice of concerns, its own among them or not;
- `safety`: the full safety reply (a phrase of `safety.toml` found a crisis);
- `check-in`: the gentler safety check-in (only the learned signals flagged it);
- `ended`: the consent ended (declined, deferred) on a message that asked or told a worry;
- `re-asked`: read as an unclear answer and asked for a clear yes or no;
- `other`: anything else (another concern's answer, nothing matched, a value).
After a safety reply (either kind) the client answers the offer with "No, I am OK for now", as
most people who were misread would, and `answered` counts the answer if it then comes.
Also printed: how many messages were left as an open question for the clinician (which the
kiosk then brings up before signing). For the crisis rows of the safety check sets: how many
got a safety reply of either kind, and how many the full one; for their look-alikes, how many
got one.

`--frozen` measures the frozen test split (tests/data/frozen) instead: quote it, never tune on it.
`--without-stops` sends every post as typed on a phone or dictated: its full stops, question
and exclamation marks and semicolons taken out, one run-on sentence (the posts only).

Run: `PYTHONPATH=. .venv/bin/python bench/bench_kiosk_turns.py [--frozen] [--without-stops]`
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

from assistant.clock import ManualClock
from assistant.config import Config, load_config
from assistant.engine.conversation import Conversation
from assistant.engine.outcome import MemoryRecords
from assistant.engine.reply import Reply

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
CHECK = DATA / "check"
FROZEN = DATA / "frozen"
DECLINE = "No, I am OK for now"
ENDED = ("declined", "deferred", "revoked", "signed")
CLARIFY = "neither"
"""The last choice of a "did you mean" question."""
OUTCOMES = ("answered", "did you mean", "safety", "check-in", "ended", "re-asked", "other")


def lines(path: Path) -> list[list[str]]:
    rows = path.read_text("utf-8").splitlines()
    return [row.split("\t") for row in rows if row.strip() and not row.startswith("#")]


def kiosk_rows(frozen: bool) -> dict[str, list[tuple[str | None, str]]]:
    """Kind of set -> (concern or None for off-topic, message)."""
    folder, tag = (FROZEN, "_test") if frozen else (CHECK, "_check*")
    found: dict[str, list[tuple[str | None, str]]] = {"questions": [], "posts": [], "off-topic": []}
    for path in sorted(folder.glob(f"questions{tag}.tsv")):
        found["questions"] += [(row[0], row[-1]) for row in lines(path)]
    for path in sorted(folder.glob(f"posts{tag}.tsv")):
        found["posts"] += [(row[0], row[-1]) for row in lines(path)]
    for path in sorted(folder.glob(f"offtopic{tag}.txt")):
        found["off-topic"] += [(None, row[-1]) for row in lines(path)]
    return found


def kind_of(reply: Reply, full: str) -> str:
    """ "safety", "check-in" or "none": which safety reply, if any, this turn gave."""
    if reply.concern != "safety":
        return "none"
    return "safety" if full in "\n".join(reply.messages) else "check-in"


def exchange(config: Config, text: str) -> tuple[str, list[Reply], bool]:
    """Which safety reply `text` got at the first screen ("unclear" for none, when the message
    was read as an unclear answer), the replies of the exchange, and whether it left a question
    open for the clinician."""
    conv = Conversation(config, clock=ManualClock(), records=MemoryRecords())
    full = conv.replies.say("safety").splitlines()[0]
    unclear = conv.reader.read(text, conv.replies.prompt()).kind == "unclear"
    first = conv.send(text)
    kind = kind_of(first, full)
    if kind == "none" and unclear:
        return "unclear", [first], conv.session.questions_open
    replies = [first]
    if kind != "none":
        replies.append(conv.send(DECLINE))
    return kind, replies, conv.session.questions_open


def outcome(concern: str | None, kind: str, replies: list[Reply]) -> str:
    """What became of one ordinary message (see the module docstring)."""
    given = [r.concern for r in replies if r.concern not in (None, "safety")]
    last = replies[-1]
    if concern is not None and concern in given:
        return "answered"
    if kind == "unclear":
        return "re-asked"
    if kind != "none":
        return kind
    if last.top_state in ENDED:
        return "ended"
    if any(c.id == CLARIFY for c in last.choices):
        return "did you mean"
    if concern is None and not given:
        return "answered"  # off-topic: no concern's answer is the right reply
    return "other"


_ENDS = re.compile(r"[.!?;]+")
_SPACES = re.compile(r"\s+")


def without_stops(text: str) -> str:
    """`text` without its full stops, question and exclamation marks and semicolons."""
    return _SPACES.sub(" ", _ENDS.sub(" ", text)).strip()


def main() -> None:
    frozen = "--frozen" in sys.argv[1:]
    config = load_config()
    split = "frozen" if frozen else "check"
    sets = kiosk_rows(frozen)
    if "--without-stops" in sys.argv[1:]:
        sets = {"posts without full stops": [(c, without_stops(t)) for c, t in sets["posts"]]}
    for name, rows in sets.items():
        found: Counter[str] = Counter()
        left_open = 0
        for concern, text in rows:
            kind, replies, still_open = exchange(config, text)
            found[outcome(concern, kind, replies)] += 1
            left_open += still_open
        n = len(rows)
        print(
            f"{split} {name} ({n}): "
            + ", ".join(
                f"{what} {found[what]} = {found[what] / n:.1%}" for what in OUTCOMES if found[what]
            )
            + f"; left open for the clinician {left_open} = {left_open / n:.1%}"
        )
    if "--without-stops" in sys.argv[1:]:
        return
    crisis: Counter[str] = Counter()
    alike: Counter[str] = Counter()
    for path in sorted(
        (FROZEN if frozen else CHECK).glob("safety_test.tsv" if frozen else "safety_check*.tsv")
    ):
        for label, text in lines(path):
            kind, _, _ = exchange(config, text)
            (crisis if label == "safety" else alike)[kind] += 1
    n, m = sum(crisis.values()), sum(alike.values())
    got = crisis["safety"] + crisis["check-in"]
    print(
        f"safety {split} crisis rows ({n}): a safety reply {got} = {got / n:.1%}"
        f" (full {crisis['safety']}, check-in {crisis['check-in']})"
    )
    flagged = alike["safety"] + alike["check-in"]
    print(
        f"safety {split} look-alikes ({m}): a safety reply {flagged} = {flagged / m:.1%}"
        f" (full {alike['safety']}, check-in {alike['check-in']})"
    )


if __name__ == "__main__":
    main()
