"""Rehearsals as transcripts: `@mode rehearse` replays them, and a rehearsal exports to one.

In `@mode rehearse` (with `@persona ID` and optionally `@seed N`, default 0) the roles turn
round: `clinician:` lines are the input, and the simulated client answers. Expectations:

* `client: TEXT` / `client!: TEXT`: the simulated client's words since the previous
  `clinician:` line (or its opening) contain / do not contain TEXT, ignoring case and spacing;
* `concern: ID`: the concern the client is raising now (`none` once it has raised them all);
* `state: concerns | closing | done`: where the rehearsal is;
* `covered: ID, ID...`: these feedback items are met; `missed: ID, ID... | none`: exactly these
  are not. Items are `<concern>.<key point>`, `refuse`, `revoke` and `accept_no`;
* `flagged: PHRASE, PHRASE... | none`: exactly these pressure phrases were flagged;
* `claims: KIND, KIND... | none`: exactly these kinds of claims that do not match the
  practice's facts were flagged (`retention`, `court`, ...);
* `decision: yes | no | undecided | declined`: how the client ended;
* `score: N` or `score: >= N`: the overall coverage score in percent;
* `record: none` and `outbox: 0`: the rehearsal wrote nothing into the data folder.

`assistant.replay.runner` runs these with `run_rehearsal`.
"""

from __future__ import annotations

from pathlib import Path

from assistant.config import Config
from assistant.engine.transcript import Failure, Step, Transcript, escape
from assistant.rehearsal.client import Rehearsal
from assistant.rehearsal.feedback import PRACTICE, Feedback
from assistant.rehearsal.personas import PersonaError, load_cast

MODE = "rehearse"


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _ids(value: str) -> list[str]:
    if value.strip().casefold() == "none":
        return []
    return [v.strip() for v in value.split(",") if v.strip()]


def _files(data_dir: Path) -> list[str]:
    if not data_dir.exists():
        return []
    return sorted(str(p.relative_to(data_dir)) for p in data_dir.rglob("*") if p.is_file())


def _check_feedback(step: Step, fb: Feedback) -> Failure | None:
    if step.key == "covered":
        absent = [i for i in _ids(step.value) if i not in fb.covered]
        if absent:
            return Failure(
                step.line, f"covered {', '.join(absent)}", f"covered {_list(fb.covered)}"
            )
    elif step.key == "missed":
        if sorted(_ids(step.value)) != sorted(fb.missed):
            return Failure(step.line, f"missed {step.value}", f"missed {_list(fb.missed)}")
    elif step.key == "flagged":
        want = sorted(_fold(i) for i in _ids(step.value))
        if want != sorted(_fold(f) for f in fb.flagged):
            return Failure(step.line, f"flagged {step.value}", f"flagged {_list(fb.flagged)}")
    elif step.key == "claims":
        want = sorted(_fold(i) for i in _ids(step.value))
        if want != sorted(fb.flagged_claims):
            return Failure(step.line, f"claims {step.value}", f"claims {_list(fb.flagged_claims)}")
    elif step.key == "score":
        value = step.value.replace(" ", "")
        at_least = value.startswith(">=")
        try:
            least = int(value[2:] if at_least else value)
        except ValueError:
            return Failure(step.line, "score: N or score: >= N", step.value)
        if fb.score < least if at_least else fb.score != least:
            return Failure(step.line, f"score {step.value}", f"score {fb.score}")
    return None


def _list(ids: tuple[str, ...]) -> str:
    return ", ".join(ids) or "none"


def check(step: Step, rehearsal: Rehearsal, said: str, data_dir: Path) -> Failure | None:
    """Check one expectation line against the rehearsal as it stands."""
    if step.key in ("client", "client!"):
        want = _fold(step.value)
        if (want in _fold(said)) != (step.key == "client"):
            verb = "to contain" if step.key == "client" else "not to contain"
            return Failure(step.line, f"client {verb} {step.value.strip()!r}", said)
    elif step.key == "concern":
        got = rehearsal.concern or "none"
        if got != step.value:
            return Failure(step.line, f"concern {step.value}", f"concern {got}")
    elif step.key == "state":
        if rehearsal.phase != step.value:
            return Failure(step.line, f"state {step.value}", f"state {rehearsal.phase}")
    elif step.key in ("record", "outbox"):
        files = _files(data_dir)
        if step.value not in ("none", "0"):
            return Failure(
                step.line, f"{step.key}: none (a rehearsal never files or sends)", step.value
            )
        if files:
            return Failure(step.line, f"{step.key} {step.value}", f"files {', '.join(files)}")
    elif step.key == "decision":
        if rehearsal.decision != step.value:
            return Failure(step.line, f"decision {step.value}", f"decision {rehearsal.decision}")
    elif step.key in ("covered", "missed", "flagged", "claims", "score"):
        return _check_feedback(step, rehearsal.feedback())
    else:
        return Failure(step.line, f"a key @mode {MODE} knows (not {step.key}:)", step.key)
    return None


def run_rehearsal(transcript: Transcript, config: Config, data_dir: Path) -> Failure | None:
    """Replay a `@mode rehearse` transcript; None when every expectation held."""
    cast = load_cast()
    name = transcript.directives.get("persona", "")
    try:
        persona = cast.get(name)
    except PersonaError:
        return Failure(0, f"@persona one of {', '.join(cast.personas)}", name or "no @persona")
    raw_seed = transcript.directives.get("seed", "0")
    try:
        seed = int(raw_seed)
    except ValueError:
        return Failure(0, "@seed a whole number", raw_seed)
    rehearsal = Rehearsal(config, persona, seed, cast=cast)
    said = rehearsal.opening()
    for step in transcript.steps:
        if step.key == "clinician":
            if rehearsal.done:
                return Failure(step.line, "the client still talking", "the rehearsal has ended")
            said = rehearsal.respond(step.value)
            continue
        failure = check(step, rehearsal, said, data_dir)
        if failure:
            return failure
    return None


def export(rehearsal: Rehearsal) -> str:
    """The rehearsal as a transcript that `consent-assistant replay` runs and that holds."""
    fb = rehearsal.feedback()
    lines = [
        f"# {PRACTICE}: a rehearsal exported by `consent-assistant rehearse`.",
        "# A simulated client; not a consent record. Replay with `consent-assistant replay`.",
        f"@mode {MODE}",
        f"@persona {rehearsal.persona.id}",
        f"@seed {rehearsal.seed}",
    ]
    for turn in rehearsal.turns:
        if turn.speaker == "clinician":
            lines.append(f"clinician: {turn.text}")
        else:
            lines.append(f"client: {escape(turn.text)}")
            lines.append(f"concern: {turn.concern or 'none'}")
    lines += [
        f"state: {rehearsal.phase}",
        f"covered: {_list(fb.covered)}" if fb.covered else "# covered: nothing yet",
        f"missed: {_list(fb.missed)}",
        f"flagged: {_list(fb.flagged)}",
        f"claims: {_list(fb.flagged_claims)}",
        *([f"decision: {rehearsal.decision}"] if rehearsal.decision else []),
        f"score: {fb.score}",
        "record: none",
        "outbox: 0",
    ]
    return "\n".join(lines) + "\n"
