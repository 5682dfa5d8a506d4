"""Random readings at random steps: never a crash, and never consent to recording without a
yes reading (or the "Yes, I agree" button) at the recording question."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.clock import ManualClock
from assistant.config import load_config
from assistant.engine import turns
from assistant.engine.content import load_content
from assistant.engine.conversation import Conversation
from assistant.engine.outcome import MemoryRecords
from assistant.engine.reading import Prompt, Reading

CONFIG = load_config()
TO_SIGNATURE = ["start", "continue", "no", "yes", "yes", "no",
                "no, it is my choice", "yes, any time", "deleted", "Alex Rivera", "skip",
                "go on to sign"]  # fmt: skip
KINDS = ["empty", "safety", "button", "stop", "defer", "command", "ask", "question", "yes",
         "no", "unclear", "value"]  # fmt: skip
BUTTONS = ["start", "continue", "no_more", "yes_agree", "no_record", "defer", "question",
           "yes_summary", "no_summary", "sign", "change", "skip", "finish", "revoke", "tell",
           "dont_tell", "no", "yes", "deleted", "kept", "alert_staff", "no_alert", "neither",
           "privacy", "yes_take_back", "no_keep", "take_back", "skip_today", "x"]  # fmt: skip

readings = st.builds(
    Reading,
    kind=st.sampled_from(KINDS),
    text=st.sampled_from(["yes", "Alex Rivera", "who sees it?", "", "x@example.org", "K7QM3XPD"]),
    words=st.just(()),
    button=st.one_of(st.none(), st.sampled_from(BUTTONS)),
    command=st.one_of(st.none(), st.sampled_from(["change", "withdraw", "skip_today", "options"])),
    answer=st.one_of(st.none(), st.sampled_from(["yes", "no", "unclear"])),
    asked=st.booleans(),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(TO_SIGNATURE)), st.lists(readings, max_size=12))
def test_random_readings_at_random_steps(depth: int, script: list[Reading]) -> None:
    conv = Conversation(CONFIG, clock=ManualClock(), records=MemoryRecords())
    for line in TO_SIGNATURE[:depth]:
        conv.send(line)
    for reading in script:
        before = conv.state, conv.session.choices.get("recording")
        reply = turns.take(conv, reading, [])
        assert conv.state in conv.flow.steps
        assert reply.state == conv.state
        agreed = conv.session.choices.get("recording") is True and before[1] is not True
        if agreed:
            assert before[0] == "choices.recording"
            assert reading.kind == "yes" or (
                reading.kind == "button" and reading.button == "yes_agree"
            ), reading


_READER = load_content().reader(["Dr. Sam Lee"])
_LANG = _READER.language
_DOUBTS = sorted(
    " ".join(p) for p in (*_LANG.hedges, *_LANG.pressure, *_LANG.conditions)
)  # every hedge, felt pressure and condition of language.toml, softeners included
_YESES = ["yes", "ok", "sure", "yes that's fine with me thank you", "go ahead and record",
          "yes thank you Dr Lee", "no more questions, I agree", "Y E S"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_YESES), st.sampled_from(_DOUBTS), st.sampled_from([" ", ", ", ". "]),
       st.booleans())  # fmt: skip
def test_a_yes_beside_any_doubt_is_never_a_yes(yes: str, doubt: str, sep: str, first: bool) -> None:
    text = f"{doubt}{sep}{yes}" if first else f"{yes}{sep}{doubt}"
    assert _READER.read(text, Prompt(yes_no=True)).kind != "yes", text
