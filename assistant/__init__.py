"""Consent Assistant: talks a therapy client through informed consent to record sessions."""

__version__ = "0.1.0"
