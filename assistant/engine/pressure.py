"""Felt pressure, and who an obligation or a refusal is said of.

"ok if I have to" and "do I have a choice?" are pressure the client feels: never a yes
(`yesno.py`). Two readings of the same words are not: an obligation said of someone else ("does
my partner have to agree?" asks who must consent: `participants`), and one that names a task
other than agreeing ("do I have to give my real name?"). The same test of who a phrase is said
of keeps someone else's no ("the interpreter didn't agree") from being the client's
(`signals.py`). The word lists are `[pressure]` in dialogs/language.toml.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.engine.words import Words, find_phrase

if TYPE_CHECKING:
    from assistant.engine.language import Language

OTHERS_REACH = 5
"""How many words before a phrase are searched for the person it is said of."""


def felt_pressure(lang: Language, words: Words) -> Words | None:
    """The first phrase of felt pressure in `words` (`[pressure] phrases`, in list order), or
    None. An obligation said of someone else is none (`said_of_others`), and so is one that
    names a task other than agreeing (`a_task`)."""
    for phrase in lang.pressure:
        if any(
            not said_of_others(lang, words, at, phrase) and not a_task(lang, words, at, phrase)
            for at in find_phrase(words, phrase)
        ):
            return phrase
    return None


def a_task(lang: Language, words: Words, at: int, phrase: Words) -> bool:
    """Whether `phrase` (at `at` in `words`) ends in "to" before a task that is not agreeing
    (`[pressure] tasks`): "do I have to *give* my real name?" asks about the name, "is there a
    form I have to *fill* in?" about the form."""
    end = at + len(phrase)
    return phrase[-1] == "to" and end < len(words) and words[end] in lang.tasks


def said_of_others(lang: Language, words: Words, at: int, phrase: Words) -> bool:
    """Whether `phrase`, found at `at` in `words`, is an obligation (it opens with a word of
    `[pressure] obliged`) said of someone else (`told_of_others`: "does *everyone* in the room
    have to agree", not "do *i* have to agree")."""
    return phrase[0] in lang.obliged and told_of_others(lang, words, at)


def told_of_others(lang: Language, words: Words, at: int, since: int = 0) -> bool:
    """Whether what starts at `at` in `words` is said of someone else: the nearest word before
    it, within `OTHERS_REACH` words and from `since` (where its clause starts), that names a
    person names another (`others`: "he", "partner", "everyone"), not the client (`selves`)."""
    for word in reversed(words[max(since, at - OTHERS_REACH) : at]):
        if word in lang.selves:
            return False
        if word in lang.others:
            return True
    return False
