"""The kiosk's two themes: a calm default and a high-contrast one (white on black, yellow focus).

Colours only support what words and shapes already say: bubbles carry "Assistant" / "You"
titles, buttons carry words, progress is written out.
"""

from __future__ import annotations

from textual.theme import Theme

CALM = Theme(
    name="kiosk-calm",
    primary="#2E6F73",
    secondary="#5B5F97",
    accent="#2E6F73",
    warning="#9A5B00",
    error="#A4262C",
    success="#2E7D32",
    foreground="#1B1F23",
    background="#F4F1EA",
    surface="#FFFFFF",
    panel="#E4E0D6",
    dark=False,
)

HIGH_CONTRAST = Theme(
    name="kiosk-high-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFFF00",
    warning="#FFFF00",
    error="#FF6060",
    success="#00FF00",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#000000",
    boost="#000000",
    dark=True,
    text_alpha=1.0,
)

THEMES = (CALM, HIGH_CONTRAST)
