"""Random text through the engine: no exception, known states, nothing kept after a wipe."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.clock import ManualClock
from assistant.config import load_config
from assistant.engine.conversation import Conversation
from assistant.engine.outcome import MemoryRecords
from assistant.engine.session import Session

CONFIG = load_config()
# Replies that move the conversation along, mixed with arbitrary text of every kind.
USEFUL = st.sampled_from(
    ["yes", "no", "start", "continue", "no more questions", "1", "2", "3", "stop", "skip",
     "Alex Rivera", "alex rivera", "go on to sign", "finish", "deleted", "what is HIPAA?",
     "I changed my mind", "talk to my clinician first", "take back a consent i gave",
     "{{ 7*7 }}", "[@click=app.quit]", "\x1b[2J", "K7QM-3XPD", "change my answers"]
)  # fmt: skip
TEXT = st.one_of(USEFUL, st.text(max_size=300), st.text(alphabet=st.characters(), max_size=40))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(TEXT, st.booleans()), max_size=40))
def test_random_sequences(turns: list[tuple[str, bool]]) -> None:
    clock = ManualClock()
    conv = Conversation(CONFIG, clock=clock, records=MemoryRecords())
    for text, idle in turns:
        quiet = CONFIG.kiosk.idle_seconds + CONFIG.kiosk.warning_seconds
        wiped = idle and conv.idle_expired(clock.now() + timedelta(seconds=quiet))
        if idle:
            clock.advance(quiet)
        reply = conv.send(text)
        assert reply.state in conv.flow.steps
        assert reply.state == conv.state
        assert all(isinstance(m, str) and m for m in reply.messages)
        if wiped:
            assert reply.state == "welcome"
            assert conv.session == Session()
