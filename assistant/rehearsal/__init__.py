"""Rehearsal: a clinician practises asking for consent with a simulated, hesitant client.

The simulated client (`client.Rehearsal`) is driven by persona content in
`dialogs/personas.toml` and scored against the key points in `dialogs/concerns.toml`
(`phrase_search.py`, `answer_concepts.py`, `coverage.py`, `flags.py`); the feedback
(`feedback.Feedback`, built by `feedback_builder.py`) is practice material only. Nothing
here files a consent record or sends mail. Only `screen*` modules import Textual.
"""
