"""One clinician line read alone: the flag kinds the rehearsal finds in it (for the bench).

Before issue 13 this is the old scorer: one pressure phrase list, no claims.
"""

from __future__ import annotations

from assistant.config import Config
from assistant.rehearsal import scoring
from assistant.rehearsal.personas import load_cast


def flag_kinds(text: str, config: Config) -> set[str]:
    """The old scorer's flags: `pressure:pressure` for any pressure phrase."""
    del config
    rules = load_cast().rules
    return {"pressure:pressure"} if scoring.pressure(rules.pressure, text) else set()
