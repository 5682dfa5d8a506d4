"""Reusable kiosk widgets; each carries its own DEFAULT_CSS, the app's look is in kiosk.tcss."""
