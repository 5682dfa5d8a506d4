"""The kiosk screen and the overlays above it: idle countdown, clinician PIN, display settings."""
