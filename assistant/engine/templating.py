"""The one jinja2 environment for every content template: messages, answers, forms, letters.

Sandboxed (a clinic's template cannot reach Python internals), StrictUndefined (a typo in a
clinic's edit fails loudly in tests, not silently at the kiosk), plain text (no HTML escaping:
fronts escape what they draw). Client text only ever reaches a template as data, never as
template source.
"""

from __future__ import annotations

from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

ENV = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)


def environment() -> SandboxedEnvironment:
    """The shared environment (a function, so callers need not import the global)."""
    return ENV
