"""Loads the conversation content in `dialogs/` and renders it with jinja2.

Templates are compiled once per content folder. They see the practice configuration and a few
facts of the conversation passed as data; client text is never template source. The sandboxed
environment and StrictUndefined make a typo in a clinic's edit fail loudly in tests, not
silently at the kiosk.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, Template
from jinja2.sandbox import SandboxedEnvironment

from assistant.engine.concerns import Concern, load_concerns
from assistant.engine.datafile import read_toml
from assistant.engine.reply import Choice, InputKind
from assistant.paths import dialogs_dir

_ENV = SandboxedEnvironment(
    undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False
)
_INPUT_KINDS = {"text", "name", "email", "signature", "code", "none"}


class ContentError(ValueError):
    """Content files that cannot be used; the message names the file and the key."""


@dataclass(frozen=True, slots=True)
class StateText:
    """What one state says: intro, the question it asks, its buttons and the input it wants."""

    intro: Text | None
    ask: Text | None
    choices: tuple[str, ...]
    input: InputKind
    concern_choices: tuple[str, ...] = ()
    yes: str | None = None
    no: str | None = None


@dataclass(frozen=True, slots=True)
class CheckChoice:
    """One answer button of a comprehension question."""

    id: str
    label: Text
    say: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CheckQuestion:
    """One teach-back question with its right answer and the two explanations."""

    id: str
    ask: Text
    correct: Text
    right: Text
    wrong: Text
    choices: tuple[CheckChoice, ...]


@dataclass(frozen=True, slots=True)
class Intents:
    """The words and phrases of each intent, lower case (see dialogs/intents.toml)."""

    words: dict[str, frozenset[str]]
    phrases: dict[str, frozenset[str]]


class Text:
    """A jinja2 template compiled on first use: start-up stays quick, and `compile_all()`
    (run by the tests) still finds every syntax error before a client could."""

    __slots__ = ("_compiled", "source", "where")

    def __init__(self, source: str, where: str) -> None:
        self.source = source
        self.where = where
        self._compiled: Template | None = None

    def compiled(self) -> Template:
        """The compiled template; a syntax error names the file and key."""
        if self._compiled is None:
            try:
                self._compiled = _ENV.from_string(self.source)
            except Exception as exc:  # jinja2 raises several error types for bad syntax
                raise ContentError(f"{self.where}: bad template ({exc})") from None
        return self._compiled

    def render(self, context: dict[str, Any]) -> str:
        """Render with `context` (the configuration and conversation facts, as data)."""
        return self.compiled().render(context)


class Content:
    """All dialog content of one `dialogs/` folder, compiled and ready to render."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        messages = read_toml(folder / "messages.toml", "messages", ContentError)
        where = str(folder / "messages.toml")
        self.labels: dict[str, str] = dict(messages.pop("labels", {}))
        self.say: dict[str, Text] = {
            k: Text(v, f"{where} [say].{k}") for k, v in messages.pop("say", {}).items()
        }
        self.states: dict[str, StateText] = {}
        for name, table in messages.items():
            kind = table.get("input", "text")
            if kind not in _INPUT_KINDS:
                raise ContentError(f"{where} [{name}].input: {kind!r} is not one of {_INPUT_KINDS}")
            for choice in table.get("choices", []):
                if choice not in self.labels:
                    raise ContentError(f"{where} [{name}].choices: no label for {choice!r}")
            for key in ("yes", "no"):
                if key in table and table[key] not in table.get("choices", []):
                    raise ContentError(
                        f"{where} [{name}].{key}: {table[key]!r} is not a choice here"
                    )
            self.states[name] = StateText(
                intro=Text(table["intro"], f"{where} [{name}].intro") if "intro" in table else None,
                ask=Text(table["ask"], f"{where} [{name}].ask") if "ask" in table else None,
                choices=tuple(table.get("choices", ())),
                input=kind,
                concern_choices=tuple(table.get("concern_choices", ())),
                yes=table.get("yes"),
                no=table.get("no"),
            )
        self.concerns: dict[str, Concern] = {
            c.id: c for c in load_concerns(folder / "concerns.toml")
        }
        self.answers: dict[str, Text] = {
            c.id: Text(c.answer, f"concerns.toml [{c.id}].answer") for c in self.concerns.values()
        }
        self.checks = self._load_checks(folder / "check.toml")
        self.intents = self._load_intents(folder / "intents.toml")

    @staticmethod
    def _load_checks(path: Path) -> tuple[CheckQuestion, ...]:
        data = read_toml(path, "comprehension questions", ContentError)
        out = []
        for i, q in enumerate(data.get("question", [])):
            where = f"{path} question {i + 1}"
            out.append(
                CheckQuestion(
                    id=q["id"],
                    ask=Text(q["ask"], where),
                    correct=Text(q["correct"], where),
                    right=Text(q["right"], where),
                    wrong=Text(q["wrong"], where),
                    choices=tuple(
                        CheckChoice(c["id"], Text(c["label"], where), tuple(c.get("say", ())))
                        for c in q["choices"]
                    ),
                )
            )
        if not out:
            raise ContentError(f"{path}: no [[question]] tables")
        return tuple(out)

    @staticmethod
    def _load_intents(path: Path) -> Intents:
        data = read_toml(path, "intents", ContentError)
        return Intents(
            words={k: frozenset(w.lower() for w in v.get("words", ())) for k, v in data.items()},
            phrases={
                k: frozenset(p.lower() for p in v.get("phrases", ())) for k, v in data.items()
            },
        )

    # ------------------------------------------------------------ rendering

    def render(self, template: Text | None, context: dict[str, Any]) -> str:
        """Render one template; blank lines from `{% if %}` blocks are folded away."""
        if template is None:
            return ""
        text = template.render(context)
        return "\n".join(line.rstrip() for line in text.splitlines() if line.strip())

    def compile_all(self) -> int:
        """Compile every template now; returns how many (a syntax error raises ContentError)."""
        texts: list[Text | None] = [*self.say.values(), *self.answers.values()]
        for st in self.states.values():
            texts += [st.intro, st.ask]
        for q in self.checks:
            texts += [q.ask, q.correct, q.right, q.wrong, *(c.label for c in q.choices)]
        real = [t for t in texts if t is not None]
        for t in real:
            t.compiled()
        return len(real)

    def state(self, name: str) -> StateText:
        """The text of a state; a sub-state without its own table has no text."""
        return self.states.get(name) or StateText(None, None, (), "text")

    def choice(self, choice_id: str) -> Choice:
        """A quick-reply button by id (concern ids give the concern's own label)."""
        if choice_id in self.concerns:
            return Choice(choice_id, self.concerns[choice_id].label)
        return Choice(choice_id, self.labels[choice_id])


@functools.cache
def load_content(folder: Path | None = None) -> Content:
    """The content of `folder` (default: the shipped `dialogs/`), compiled once per process."""
    return Content(folder or dialogs_dir())
