"""Per step before signing: how many ways of asking to talk to the clinician first defer, and
how many signs of risk get the safety reply while the client stays where they were. Prints
figures only.

Run: `.venv/bin/python bench/bench_interruptions.py`. The same script runs against the first
round's engine to compare (it only uses `Conversation.send`):
`git worktree add /tmp/base 46c894b && cd /tmp/base && PYTHONPATH=/tmp/base
/path/to/.venv/bin/python /path/to/bench/bench_interruptions.py`.
"""

from __future__ import annotations

from assistant.clock import ManualClock
from assistant.config import load_config
from assistant.engine.conversation import Conversation
from assistant.engine.outcome import MemoryRecords

# The lines that reach each step of the current flow (the first round's flow had no risks
# card: run against it, its third step is the questions step and the figures shift by one).
PATH = ["start", "continue", "I have a question", "no more questions", "yes", "yes", "no",
        "no, it is my choice", "yes, any time", "it is deleted right away", "Alex Rivera",
        "skip", "go on to sign"]  # fmt: skip
STEPS = ["welcome", "explain", "explain (risks)", "questions", "recording choice",
         "summary choice", "supervision choice", "check 1", "check 2", "check 3", "name",
         "email", "review", "signature"]  # fmt: skip
DEFER = ["I'd like to talk to my therapist about this first", "can I ask my therapist first?",
         "I need to think about it"]  # fmt: skip
RISK = ["I want to kill myself", "my husband hits me and reads my phone",
        "what if I say something about hurting myself", "I just want it all to stop"]  # fmt: skip


def at(depth: int) -> Conversation:
    conv = Conversation(load_config(), clock=ManualClock(), records=MemoryRecords())
    for line in PATH[:depth]:
        conv.send(line)
    return conv


def main() -> None:
    defers = risks = 0
    for depth, name in enumerate(STEPS):
        d = sum(at(depth).send(text).state.startswith("deferred") for text in DEFER)
        r = 0
        for text in RISK:
            conv = at(depth)
            before = conv.state
            reply = conv.send(text)
            r += reply.state == before and "988" in " ".join(reply.messages)
        defers, risks = defers + d, risks + r
        print(f"{name:20} defer {d}/{len(DEFER)}   safety reply in place {r}/{len(RISK)}")
    print(f"all steps: defer {defers}/{len(DEFER) * len(STEPS)},"
          f" safety {risks}/{len(RISK) * len(STEPS)}")  # fmt: skip


if __name__ == "__main__":
    main()
