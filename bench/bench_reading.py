"""How well one reading of a turn understands replies at the consent question, and how often
the safety net fires, on the labelled sets in tests/data (tune parts and the frozen test parts).
Prints figures only; the frozen test parts are what to quote.

Run: `.venv/bin/python bench/bench_reading.py [-v] [--tune | --safety | --alert]` (`--tune`: the
replies' tune and check parts only; `--safety`: the safety tune parts and check sets only;
`--alert`: the replies to the safety reply's offer only; `-v` lists the
misses of the tune parts only: the check parts (`tests/data/check/`) and the frozen test parts
are never tuned on, so their misses are not printed). From a git worktree sharing another
checkout's venv, put `PYTHONPATH=.` in front, or the other checkout's `assistant` is measured.

Replies are sent to a real conversation standing at the recording question, and what the
conversation then does is compared with the label: `yes` must move on with consent, `no` and
`stop` must end without recording (declined), `defer` must end as a deferral, and `unclear`
and `question` must stay at the question. The strict figure: replies that are not a yes but
were taken as consent (must be 0).

Replies to the safety reply's offer to alert a staff member (`alert_replies_*`) are sent to a
conversation that has just given it: `alert` must alert, `no_alert` must carry on without, and
`unclear` must ask the offer again. The strict figure: replies that ask for someone, or answer
neither way, read as a no to the offer (must be 0).
"""

from __future__ import annotations

import functools
import sys
import time
from collections import Counter
from pathlib import Path

from assistant.clock import ManualClock
from assistant.config import Config, load_config
from assistant.engine.content import load_content
from assistant.engine.conversation import Conversation
from assistant.engine.outcome import MemoryRecords

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
TUNE = ("replies_tune.tsv", "replies_tune2.tsv", "replies_tune3.tsv", "replies_tune4.tsv",
        "replies_tune5.tsv", "replies_tune6.tsv", "replies_tune7.tsv",
        "replies_tune8.tsv", "replies_tune9.tsv", "replies_tune10.tsv",
        "replies_tune11.tsv")  # fmt: skip
CHECK = ("check/replies_check.tsv", "check/replies_check2.tsv", "check/replies_check3.tsv",
         "check/replies_check4.tsv", "check/replies_check5.tsv",
         "check/replies_check6.tsv", "check/replies_check7.tsv")  # fmt: skip
"""Held out from tuning like the frozen part, but free to run while working: figures only."""
TO_CONSENT = ["start", "continue", "no"]
EXPECTED = {
    "yes": "consent",
    "no": "declined",
    "stop": "declined",
    "defer": "deferred",
    "unclear": "stays",
    "question": "stays",
}


def rows(path: Path) -> list[tuple[str, str]]:
    out = []
    for line in path.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            label, text = line.split("\t", 1)
            out.append((label, text))
    return out


@functools.cache
def _config() -> Config:
    """The demo configuration, read once: it is frozen, and reading it again for each of some
    2,400 replies took a sixth of the time their conversations took."""
    return load_config()


def outcome_at_consent(text: str) -> str:
    """What a conversation at the recording question does with `text`."""
    conv = Conversation(_config(), clock=ManualClock(), records=MemoryRecords())
    for line in TO_CONSENT:
        conv.send(line)
    assert conv.state == "choices.recording"
    state = conv.send(text).state
    if conv.session.choices.get("recording"):
        return "consent"
    if state.startswith("declined"):
        return "declined"
    if state.startswith("deferred"):
        return "deferred"
    return "stays" if state == "choices.recording" else f"moved to {state}"


def replies(name: str) -> None:
    data = rows(DATA / name)
    results = [(label, text, outcome_at_consent(text)) for label, text in data]
    right = sum(EXPECTED[label] == got for label, _, got in results)
    false_yes = [
        (label, text) for label, text, got in results if got == "consent" and label != "yes"
    ]
    by_label: Counter[str] = Counter()
    totals: Counter[str] = Counter(label for label, _ in data)
    for label, _, got in results:
        by_label[label] += EXPECTED[label] == got
    per = ", ".join(f"{k} {by_label[k]}/{totals[k]}" for k in sorted(totals))
    print(f"{name}: read right {right}/{len(data)} = {right / len(data):.1%} ({per})")
    print(f"  not a yes, taken as consent: {len(false_yes)}")
    held_out = name.startswith(("frozen/", "check/"))
    if not held_out:  # test and check rows are counted, never shown
        for label, text in false_yes:
            print(f"    {label}: {text}")
    if "-v" in sys.argv and not held_out:  # never look at test or check misses
        for label, text, got in results:
            if EXPECTED[label] != got:
                print(f"    miss {label} -> {got}: {text}")


def safety(name: str) -> tuple[int, int, int, int]:
    """Prints one file's recall and false alarms; returns (found, crisis, alarms, other)."""
    content = load_content()
    data = rows(DATA / name)
    found = [(label, content.safety.find(content.language.tokens(text)) is not None, text)
             for label, text in data]  # fmt: skip
    crisis = [f for f in found if f[0] == "safety"]
    other = [f for f in found if f[0] != "safety"]
    recall = sum(hit for _, hit, _ in crisis)
    alarms = sum(hit for _, hit, _ in other)
    print(
        f"{name}: recall {recall}/{len(crisis)} = {recall / len(crisis):.1%},"
        f" false alarms {alarms}/{len(other)} = {alarms / len(other):.1%}"
    )
    if "-v" in sys.argv and not name.startswith(("frozen/", "check/")):  # aggregate only
        for label, hit, text in found:
            if hit != (label == "safety"):
                print(f"    miss {label}: {text}")
    return recall, len(crisis), alarms, len(other)


def safety_checks() -> None:
    """Each check set's figures, then all of them together."""
    found, crisis, alarms, other = (sum(t) for t in zip(*map(safety, SAFETY_CHECK), strict=True))
    print(
        f"all safety check sets: recall {found}/{crisis} = {found / crisis:.1%},"
        f" false alarms {alarms}/{other} = {alarms / other:.1%}"
    )


SAFETY_TUNE = ("safety_tune.tsv", *(f"safety_tune{n}.tsv" for n in range(2, 20)))
SAFETY_CHECK = tuple(f"check/safety_check{n}.tsv" for n in ("", "2", "3", "4", "5", "6", "7"))
"""Written with tune4, tune6, before tune11, with tune13, with tune16, with tune17 and with
tune19, never tuned on: only aggregate figures print."""


ALERT = ("alert_replies_tune.tsv", "check/alert_replies_check.tsv")
CRISIS = "I feel like ending it all"
"""A message that gets the safety reply and its offer (a phrase of dialogs/safety.toml)."""


def outcome_at_alert(text: str) -> str:
    """What a conversation that has just offered to alert a staff member does with `text`:
    `alert`, `no_alert`, `unclear` (the offer asked again) or what it did instead."""
    conv = Conversation(_config(), clock=ManualClock(), records=MemoryRecords())
    conv.send("start")
    assert conv.send(CRISIS).concern == "safety"
    reply = conv.send(text)
    said = "\n".join(reply.messages)
    if said.startswith(conv.replies.say("alert_sent")):
        return "alert"
    if said.startswith(conv.replies.say("alert_declined")):
        return "no_alert"
    if {c.id for c in reply.choices} == {"alert_staff", "no_alert"}:
        return "unclear"
    return f"moved to {conv.state}" if conv.state != "explain" else f"said {said[:40]!r}"


def alert(name: str) -> None:
    data = rows(DATA / name)
    results = [(label, text, outcome_at_alert(text)) for label, text in data]
    right = sum(label == got for label, _, got in results)
    by_label: Counter[str] = Counter(label for label, _, got in results if label == got)
    totals: Counter[str] = Counter(label for label, _ in data)
    per = ", ".join(f"{k} {by_label[k]}/{totals[k]}" for k in sorted(totals))
    print(f"{name}: read right {right}/{len(data)} = {right / len(data):.1%} ({per})")
    unsafe = sum(got == "no_alert" and label != "no_alert" for label, _, got in results)
    print(f"  asked for someone or unclear, read as no: {unsafe}")
    if "-v" in sys.argv and not name.startswith("check/"):  # never look at check misses
        for label, text, got in results:
            if label != got:
                print(f"    miss {label} -> {got}: {text}")


def main() -> None:
    if "--alert" in sys.argv:
        for name in ALERT:
            alert(name)
        return
    if "--safety" in sys.argv:  # the safety tune parts and the check set, while working on it
        for name in SAFETY_TUNE:
            safety(name)
        safety_checks()
        return
    if "--tune" in sys.argv:  # the tune and check parts only, while working on the reading
        for name in TUNE + CHECK:
            replies(name)
        return
    start = time.perf_counter()
    for name in TUNE + CHECK:
        replies(name)
    replies("frozen/replies_test.tsv")
    for name in SAFETY_TUNE:
        safety(name)
    safety_checks()
    safety("frozen/safety_test.tsv")
    for name in ALERT:
        alert(name)
    print(f"({time.perf_counter() - start:.1f} s)")


if __name__ == "__main__":
    main()
