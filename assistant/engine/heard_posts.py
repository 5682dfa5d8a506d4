"""Long messages clients have written about their worries (`dialogs/posts/*.tsv`).

A post is several sentences: a story, a feeling, a question or two. One a line,
`concern<TAB>also<TAB>message`: `concern` is the main worry (the one most of the post is about,
or the one raised first when it is about two equally), `also` a second worry the post clearly
raises, or `-` (a file of the older form, `concern<TAB>message`, has no second worries); `#`
lines are comments. The question matcher (`matcher.py`) learns from the posts as a whole how a
story points at a worry ("my GP once wrote something unkind in my file and every doctor since
has read it first" is a worry about being judged), so a clinic teaches it a kind of post by
adding one under the right concern id. A file that cannot be read, or a line that is not two or
three fields, names no known concern or has no message, raises `ValueError` with one line naming
the file and the line number.
"""

from __future__ import annotations

import functools
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from assistant.engine.concerns import load_concerns
from assistant.engine.datafile import read_text, tab_rows
from assistant.paths import dialogs_dir

NONE = "-"
"""The `also` column of a post with no second worry."""

MAX_LENGTH = 4000
"""The longest post a line may hold, in characters."""

FOLDER = "posts"
"""The folder of `dialogs/` that holds the posts files."""


@dataclass(frozen=True, slots=True)
class Post:
    """One post a client might write: its main worry, a second one (None: none), the text."""

    concern: str
    also: str | None
    text: str


def parse_posts(text: str, where: str, concerns: Collection[str]) -> tuple[Post, ...]:
    """The posts in `text` (a file's contents; `where` names it in errors), whose concern
    columns must be among `concerns` (`also` may be `-`)."""
    out: list[Post] = []
    for at, fields in tab_rows(text, where):
        if len(fields) not in (2, 3):
            raise ValueError(
                f"{at}: expected the concern id, the second concern id or -, and the message, "
                f"TAB-separated (found {len(fields) - 1} TABs)"
            )
        concern, also = fields[0].strip(), fields[1].strip() if len(fields) == 3 else NONE
        message = " ".join(fields[-1].split())
        for column, value in (("concern", concern), ("second concern", also)):
            if value not in concerns and not (column == "second concern" and value == NONE):
                known = ", ".join(sorted(concerns))
                raise ValueError(f"{at}: unknown {column} {value!r} (use one of {known})")
        if not message:
            raise ValueError(f"{at}: the message is empty")
        if len(message) > MAX_LENGTH:
            raise ValueError(f"{at}: the message is longer than {MAX_LENGTH} characters")
        out.append(Post(concern, None if also == NONE else also, message))
    return tuple(out)


def posts_by_file(folder: Path, concerns: Collection[str]) -> dict[str, tuple[Post, ...]]:
    """The posts of each `*.tsv` file in `folder` by file name, in file-name order (none when
    there is no such folder); their concern ids must be among `concerns`."""
    if not folder.is_dir():
        return {}
    return {
        path.name: parse_posts(read_text(path, "posts"), str(path), concerns)
        for path in sorted(folder.glob("*.tsv"))
    }


def load_posts(folder: Path, concerns: Collection[str]) -> tuple[Post, ...]:
    """The posts of every `*.tsv` file in `folder` (`posts_by_file`), one after another."""
    return tuple(post for posts in posts_by_file(folder, concerns).values() for post in posts)


def default_posts() -> tuple[Post, ...]:
    """The posts in `dialogs/posts/`, checked against its concerns, loaded once per folder and
    process."""
    return _posts_in(dialogs_dir())


@functools.cache
def _posts_in(folder: Path) -> tuple[Post, ...]:
    return load_posts(folder / FOLDER, {c.id for c in load_concerns(folder / "concerns.toml")})
