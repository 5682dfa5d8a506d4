"""One content folder (`dialogs/` and `forms/`), loaded, checked and ready to render.

Everything a clinic may change lives here as data: what each step says (messages.toml), the flow
itself (flow.toml), the concerns and their answers, the check questions, the word lists of the
reading layer (language, intents, safety), the matcher's lexicon and the messages it learns from
(phrasings.tsv, posts/). Loading checks every file and fails with one line naming the file and the
key. Templates compile on first use, so start-up stays quick; `compile_all()` (run by the tests)
still finds every syntax error before a client could. `--content DIR` points every command at a
clinic's own copy.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Template

from assistant.engine.concerns import Concern, load_concerns
from assistant.engine.datafile import read_toml
from assistant.engine.flow import Flow
from assistant.engine.flow_file import CheckSpec, load_flow
from assistant.engine.heard_posts import FOLDER as POSTS_FOLDER
from assistant.engine.heard_posts import Post, load_posts
from assistant.engine.intents import Intents
from assistant.engine.language import Language, load_language
from assistant.engine.phrasings import Phrasing, load_phrasings
from assistant.engine.reading import Reader
from assistant.engine.reply import Choice
from assistant.engine.safety import SafetyCheck
from assistant.engine.templating import ENV
from assistant.paths import ContentError as ContentError
from assistant.paths import content_root, shipped_content_root

if TYPE_CHECKING:
    from assistant.engine.chart import Chart
    from assistant.engine.lexicon import Lexicon


class Text:
    """A jinja2 template compiled on first use (see the module docstring)."""

    __slots__ = ("_compiled", "source", "where")

    def __init__(self, source: str, where: str) -> None:
        self.source = source
        self.where = where
        self._compiled: Template | None = None

    def compiled(self) -> Template:
        """The compiled template; a syntax error names the file and key."""
        if self._compiled is None:
            try:
                self._compiled = ENV.from_string(self.source)
            except Exception as exc:  # jinja2 raises several error types for bad syntax
                raise ContentError(f"{self.where}: bad template ({exc})") from None
        return self._compiled

    def render(self, context: dict[str, Any]) -> str:
        """Render with `context` (the configuration and conversation facts, as data)."""
        return self.compiled().render(context)


@dataclass(frozen=True, slots=True)
class StateText:
    """What one step says: `intro` on arrival, then `ask`, the question it puts."""

    intro: Text | None = None
    ask: Text | None = None


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
    when: str | None = None
    """A flow condition: the question is asked only when it holds (e.g. a fact is known)."""
    open: bool = False
    """Typed in the client's own words (no answer buttons), graded by the choices' `say`."""


class Content:
    """All content of one folder holding `dialogs/` and `forms/`."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.folder = root / "dialogs"
        self.forms = root / "forms"
        messages = read_toml(self.folder / "messages.toml", "messages", ContentError)
        where = str(self.folder / "messages.toml")
        self.labels: dict[str, str] = dict(messages.pop("labels", {}))
        self.progress: dict[str, str] = dict(messages.pop("progress", {}))
        for key, value in self.progress.items():
            if not isinstance(value, str) or not value.strip():
                raise ContentError(f"{where} [progress].{key}: must be words in quotes")
        self.say: dict[str, Text] = {
            k: Text(v, f"{where} [say].{k}") for k, v in messages.pop("say", {}).items()
        }
        if missing := sorted(_shipped_say() - set(self.say)):
            raise ContentError(
                f"{where} [say]: {missing[0]!r} is missing (the assistant says it; copy it from"
                f" {shipped_content_root() / 'dialogs' / 'messages.toml'})"
            )
        self.texts: dict[str, StateText] = {}
        for name, table in messages.items():
            unknown = set(table) - {"intro", "ask"}
            if unknown:
                raise ContentError(f"{where} [{name}]: unknown key {sorted(unknown)[0]!r}")
            self.texts[name] = StateText(
                intro=Text(table["intro"], f"{where} [{name}].intro") if "intro" in table else None,
                ask=Text(table["ask"], f"{where} [{name}].ask") if "ask" in table else None,
            )
        try:
            concerns = load_concerns(self.folder / "concerns.toml")
        except ValueError as exc:
            raise ContentError(str(exc)) from None
        self.concerns: dict[str, Concern] = {c.id: c for c in concerns}
        self.answers: dict[str, Text] = {
            c.id: Text(c.answer, f"concerns.toml [{c.id}].answer") for c in concerns
        }
        self.checks = self._load_checks(self.folder / "check.toml")
        self.phrasings = self._load_phrasings(self.folder / "phrasings.tsv")
        try:
            self.posts: tuple[Post, ...] = load_posts(self.folder / POSTS_FOLDER, self.concerns)
        except ValueError as exc:
            raise ContentError(str(exc)) from None
        try:
            self.language: Language = load_language(self.folder / "language.toml")
            self.safety = SafetyCheck(
                self.folder / "safety.toml",
                self.language,
                [e for c in concerns for e in c.examples],
                _answers(self.folder / "intents.toml"),
            )
            self.flow: Flow = load_flow(
                self.folder / "flow.toml",
                self.labels,
                list(self.concerns),
                [
                    CheckSpec(q.id, tuple(c.id for c in q.choices), q.when, q.open)
                    for q in self.checks
                ],
            )
        except ValueError as exc:
            raise ContentError(str(exc)) from None
        for step in self.flow.steps:
            named = step in self.texts or step.split(".")[0] in self.texts
            if not named and not step.startswith("check."):
                raise ContentError(f"{where}: no words for the step {step!r} of flow.toml")
        self._readers: dict[tuple[str, ...], Reader] = {}

    def _load_phrasings(self, path: Path) -> tuple[Phrasing, ...]:
        """How clients have put their worries, for the matcher to learn from (none when the
        file is absent, as in a clinic's copy made before it shipped)."""
        if not path.exists():
            return ()
        try:
            return load_phrasings(path, self.concerns)
        except ValueError as exc:
            raise ContentError(str(exc)) from None

    @staticmethod
    def _load_checks(path: Path) -> tuple[CheckQuestion, ...]:
        data = read_toml(path, "comprehension questions", ContentError)
        out = []
        for i, q in enumerate(data.get("question", [])):
            where = f"{path} question {i + 1}"
            try:
                qid = q["id"]
                if not isinstance(qid, str) or not qid.isidentifier():
                    raise ContentError(f'{where}: id must be a plain name such as "optional"')
                out.append(
                    CheckQuestion(
                        id=qid,
                        ask=Text(q["ask"], where),
                        correct=Text(q["correct"], where),
                        right=Text(q["right"], where),
                        wrong=Text(q["wrong"], where),
                        choices=tuple(
                            CheckChoice(c["id"], Text(c["label"], where), tuple(c.get("say", ())))
                            for c in q["choices"]
                        ),
                        when=q.get("when"),
                        open=q.get("open") is True,
                    )
                )
            except (KeyError, TypeError) as exc:
                raise ContentError(f"{where}: missing or wrong key ({exc})") from None
        if not out:
            raise ContentError(f"{path}: no [[question]] tables")
        if len({q.id for q in out}) != len(out):
            raise ContentError(f"{path}: two questions have the same id")
        return tuple(out)

    # ------------------------------------------------------------ built on first use

    @functools.cached_property
    def chart(self) -> Chart:
        """The state chart of this content's flow."""
        from assistant.engine.chart import Chart

        return Chart(self.flow)

    @functools.cached_property
    def lexicon(self) -> Lexicon:
        """The question matcher's language data (`lexicon.toml`)."""
        from assistant.engine.lexicon import load_lexicon

        return load_lexicon(self.folder / "lexicon.toml", tuple(self.concerns))

    def reader(self, clinician_names: Sequence[str]) -> Reader:
        """The reading layer for a practice with these clinicians (their names defer too)."""
        key = tuple(clinician_names)
        if key not in self._readers:
            try:
                everyday = self.lexicon.common | self.lexicon.stop  # real words stay as typed
                intents = Intents(self.folder / "intents.toml", self.language, key, everyday)
            except ValueError as exc:
                raise ContentError(str(exc)) from None
            self._readers[key] = Reader(self.language, intents, self.safety)
        return self._readers[key]

    def check(self, question_id: str) -> CheckQuestion:
        """The check question with this id."""
        return next(q for q in self.checks if q.id == question_id)

    # ------------------------------------------------------------ rendering

    def render(self, template: Text | None, context: dict[str, Any]) -> str:
        """Render one template; blank lines and doubled spaces left by `{% if %}` blocks are
        folded away."""
        if template is None:
            return ""
        text = template.render(context)
        return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())

    def compile_all(self) -> int:
        """Compile every template now; returns how many (a syntax error raises ContentError)."""
        texts: list[Text | None] = [*self.say.values(), *self.answers.values()]
        for st in self.texts.values():
            texts += [st.intro, st.ask]
        for q in self.checks:
            texts += [q.ask, q.correct, q.right, q.wrong, *(c.label for c in q.choices)]
        real = [t for t in texts if t is not None]
        for t in real:
            t.compiled()
        return len(real)

    def text(self, name: str) -> StateText:
        """The words of a step; a sub-state without its own table says nothing of its own."""
        return self.texts.get(name) or StateText()

    def choice(self, choice_id: str) -> Choice:
        """A quick-reply button by id (concern ids give the concern's own label)."""
        if choice_id in self.concerns:
            return Choice(choice_id, self.concerns[choice_id].label)
        return Choice(choice_id, self.labels[choice_id])


@functools.cache
def _shipped_say() -> frozenset[str]:
    """The keys of the shipped messages.toml's `[say]`: the engine says each of them, so a
    clinic's own copy made before one was added is refused when it loads, with the key named,
    not halfway through a client's conversation."""
    path = shipped_content_root() / "dialogs" / "messages.toml"
    return frozenset(read_toml(path, "messages", ContentError).get("say", {}))


@functools.cache
def _load(root: Path) -> Content:
    return Content(root)


def load_content(root: Path | None = None) -> Content:
    """The content of `root` (a folder holding dialogs/ and forms/; default: the one chosen
    with `--content`, else the shipped one), loaded once per process."""
    return _load((root or content_root()).resolve())


ANSWER_TABLES: dict[str, tuple[str, ...]] = {
    **{name: ("phrases", "whole") for name in ("yes", "no", "defer", "question")},
    "clarify": ("first", "second", "either", "neither"),
}
"""The intents (and their lists) whose phrases, typed as the whole message, the safety net's
learned signals do not read ("I will not" is a no, not a plan; "doesn't matter" answers "which
first?"; the safety phrases still read them). Stop phrases are left out: a wish to stop can be
a crisis ("I want it all to stop"), so every signal reads it."""


def _answers(path: Path) -> list[str]:
    """The phrases of intents.toml's `ANSWER_TABLES` (checked where the intents load; here
    anything that is not a list of strings is skipped)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return []
    found: list[str] = []
    for name, keys in ANSWER_TABLES.items():
        table = data.get(name)
        if not isinstance(table, dict):
            continue
        for key in keys:
            items = table.get(key)
            if isinstance(items, list):
                found.extend(i for i in items if isinstance(i, str))
    return found
