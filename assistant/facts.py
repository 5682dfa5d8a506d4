"""The practice's facts: the only source of what the assistant may claim.

Each fact is either set or `"unknown"` (the default, so a practice that forgets one is never
made to promise it). Content templates see the facts through `FactsView`, where each fact is a
`Fact` that cannot be used carelessly: `{% if facts.encrypted %}` raises (write
`facts.encrypted.yes`), and printing an unknown fact raises, so a template that would guess
fails its tests instead of misleading a client. `problems()` lists every mistake and
contradiction of one set of facts, one line each (the configuration loader stops on them).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Literal

UNKNOWN = "unknown"

YesNo = bool | Literal["unknown"]
"""true, false or "unknown"."""
Count = int | Literal["unknown"]
"""A whole number of 0 or more, or "unknown"."""
Use = Literal["never", "opt_in", "de_identified", "yes", "unknown"]
"""How far the vendor uses sessions for something else: never; only with the client's own
opt-in; with names and details removed; yes; or unknown."""


def _fact(doc: str, default: Any = UNKNOWN) -> Any:
    return field(default=default, metadata={"doc": doc})


@dataclass(frozen=True)
class Facts:
    """What the practice and its vendor actually do with recordings, transcripts and notes.
    Every value is set or "unknown"; the assistant says it does not know an unknown one and
    offers the clinician, and never guesses."""

    # ------------------------------------------------------------ what is kept, how long
    audio_kept_days: Count = _fact(
        "Days the vendor keeps the audio after it is turned into text; 0 means it is deleted"
        " right away."
    )
    transcript_kept_days: Count = _fact(
        "Days the vendor keeps the word-for-word transcript; 0 means it is deleted as soon as"
        " the draft notes are made."
    )
    notes_kept_years: Count = _fact(
        "Years, at least, that the practice keeps the notes in the health record (as the law"
        " requires)."
    )
    notes_location: str = _fact(
        "Where the notes and summaries are kept, in plain words, e.g. 'your health record at"
        " the practice'."
    )
    data_location: str = _fact(
        "Where the vendor stores the data: a country or region, e.g. 'the United States'."
    )
    # ------------------------------------------------------------ who can see it
    baa_signed: YesNo = _fact(
        "true when the vendor signed a HIPAA business associate agreement (BAA) with the practice."
    )
    encrypted: YesNo = _fact(
        "true when recordings, transcripts and notes are encrypted in transit and at rest."
    )
    vendor_staff_listen: YesNo = _fact(
        "true when people at the vendor may listen to recordings (for example for quality checks)."
    )
    vendor_access: Literal["none", "support_logged", "staff", "unknown"] = _fact(
        "Who at the vendor can reach stored data: 'none'; 'support_logged' (a few engineers,"
        " for support and security, every access logged); 'staff' (staff at the vendor)."
    )
    hosting: str = _fact("The company whose servers hold the vendor's data (a subprocessor).")
    speech_to_text: str = _fact(
        "The company that turns speech into text for the vendor (a subprocessor); the vendor's"
        " own name if it does this itself."
    )
    ai_model: str = _fact(
        "The company whose AI model drafts the notes (a subprocessor); the vendor's own name if"
        " it uses its own model."
    )
    # ------------------------------------------------------------ other uses
    train_ai: Use = _fact(
        "Whether the vendor uses sessions to train AI: 'never', 'opt_in' (only if the client"
        " opts in), 'de_identified' (with names and details removed), 'yes'."
    )
    product_improvement: Use = _fact(
        "Whether the vendor uses sessions to improve its product, with the same values as train_ai."
    )
    sells_data: YesNo = _fact("true when the vendor may sell data.")
    # ------------------------------------------------------------ the notes
    notes_kind: Literal["progress", "psychotherapy", "unknown"] = _fact(
        "'progress' when the AI-drafted notes are progress notes (part of the record, shared"
        " for treatment and payment without asking again); 'psychotherapy' when they are"
        " psychotherapy notes kept apart (shared only with the client's written OK)."
    )
    clinician_reviews: YesNo = _fact(
        "true when the clinician reads and corrects every AI draft before it is saved."
    )
    summary_delivery: Literal["portal", "email", "none", "unknown"] = _fact(
        "How a client's written summary reaches them: 'portal' (the secure client portal),"
        " 'email', or 'none' (summaries are not offered)."
    )
    supervision: Literal["notes", "recordings", "none", "unknown"] = _fact(
        "What a supervisor sees when the client allows supervision: 'notes', 'recordings', or"
        " 'none' (sessions are not used in supervision)."
    )
    supervisor: str = _fact(
        "Who does the supervision, in plain words, e.g. 'a senior clinician at the practice'."
    )
    pseudonyms: YesNo = _fact("true when the tool can hold sessions under a made-up name.")


def problems(facts: Facts) -> list[str]:
    """Every value that cannot be used and every contradiction, one line each ('' = none)."""
    out: list[str] = []
    for f in fields(Facts):
        value = getattr(facts, f.name)
        if isinstance(value, str) and not value.strip():
            out.append(f'facts.{f.name} must not be empty (write "unknown" if you do not know)')
    if facts.supervision == "recordings" and facts.audio_kept_days == 0:
        out.append(
            "facts.supervision = 'recordings' contradicts facts.audio_kept_days = 0: the audio"
            " is deleted at once, so no one can review recordings ('notes'?)"
        )
    if facts.vendor_access == "none" and facts.vendor_staff_listen is True:
        out.append(
            "facts.vendor_staff_listen = true contradicts facts.vendor_access = 'none': people"
            " who listen to recordings can reach them"
        )
    return out


# ---------------------------------------------------------------- what templates see


class FactError(TypeError):
    """A template used a fact in a way that could claim what the configuration does not say."""


class Fact:
    """One fact as a template sees it (see the module docstring)."""

    __slots__ = ("name", "value")
    __hash__ = None  # type: ignore[assignment]  # compared by value, never a dict key

    def __init__(self, name: str, value: bool | int | str) -> None:
        self.name = name
        self.value: bool | int | str | None = None if value == UNKNOWN else value

    @property
    def known(self) -> bool:
        """True when the configuration states this fact."""
        return self.value is not None

    @property
    def unknown(self) -> bool:
        """True when the configuration says "unknown": say so and offer the clinician."""
        return self.value is None

    @property
    def yes(self) -> bool:
        """True for a fact set to true (or "yes")."""
        return self.value is True or self.value == "yes"

    @property
    def no(self) -> bool:
        """True for a fact set to false."""
        return self.value is False

    @property
    def offered(self) -> bool:
        """True when the thing is known and offered: not unknown, false, 'none' or 'never'."""
        return self.known and self.value not in (False, "none", "never")

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Fact):
            return self.value == other.value
        return self.known and self.value == other and type(self.value) is type(other)

    def __bool__(self) -> bool:
        raise FactError(
            f"facts.{self.name} alone is neither true nor false: write facts.{self.name}.yes,"
            f" .no, .known or compare it"
        )

    def __str__(self) -> str:
        if self.value is None:
            raise FactError(f"facts.{self.name} is unknown: guard it with facts.{self.name}.known")
        return str(self.value)

    def __repr__(self) -> str:
        return f"Fact({self.name}={self.value!r})"


class FactsView:
    """All facts as `Fact` objects, by attribute (`facts.audio_kept_days`)."""

    def __init__(self, facts: Facts) -> None:
        self._facts = {f.name: Fact(f.name, getattr(facts, f.name)) for f in fields(Facts)}

    def __getattr__(self, name: str) -> Fact:
        try:
            return self._facts[name]
        except KeyError:
            raise AttributeError(f"no fact {name!r} (see [facts] in the configuration)") from None

    @property
    def subprocessors(self) -> list[Fact]:
        """The named subprocessors that are known (hosting, speech to text, AI model)."""
        return [f for f in (self.hosting, self.speech_to_text, self.ai_model) if f.known]
