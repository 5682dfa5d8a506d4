"""dialogs/phrasings.tsv: how clients have put their worries, which the matcher learns from.

A clinic edits it by hand, so a broken line is named with its file and number, and a message
added under a concern teaches the matcher that way of putting it.
"""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from assistant.engine.concerns import load_concerns
from assistant.engine.content import Content, ContentError
from assistant.engine.lexicon import default_lexicon
from assistant.engine.matcher import Matcher
from assistant.engine.phrasings import Phrasing, default_phrasings, load_phrasings
from assistant.paths import content_root

IDS = frozenset(c.id for c in load_concerns())


def _file(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "phrasings.tsv"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, "utf-8")
    return path


def test_rows_comments_and_small_talk(tmp_path: Path) -> None:
    path = _file(
        tmp_path,
        "# a comment\n\nprivacy\tis it   private??\n-\twhere do I park\n  \n"
        "deletion\tcan u bin the tape\n",
    )
    assert load_phrasings(path, IDS) == (
        Phrasing("privacy", "is it private??"),
        Phrasing(None, "where do I park"),
        Phrasing("deletion", "can u bin the tape"),
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("privacy is it private\n", r"line 1: expected the concern id, one TAB .*found 0 TABs"),
        ("# c\nprivacy\tis it\tprivate\n", r"line 2: expected .*found 2 TABs"),
        ("privcy\tis it private\n", r"line 1: unknown concern 'privcy' \(use one of .*privacy"),
        ("privacy\t   \n", r"line 1: the message is empty"),
        ("\tis it private\n", r"line 1: unknown concern ''"),
        ("privacy\t" + "a" * 2001 + "\n", r"line 1: the message is longer than 2000"),
    ],
)
def test_a_broken_line_names_the_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    path = _file(tmp_path, text)
    with pytest.raises(ValueError, match=message) as caught:
        load_phrasings(path, IDS)
    assert str(caught.value).startswith(str(path))


def test_bytes_and_a_missing_file_get_one_line(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"phrasings\.tsv: the phrasings file is not UTF-8"):
        load_phrasings(_file(tmp_path, b"privacy\t\xff\xfe is it private\n"), IDS)
    with pytest.raises(ValueError, match=r"nothing\.tsv: cannot read the phrasings"):
        load_phrasings(tmp_path / "nothing.tsv", IDS)


def _content(tmp_path: Path) -> Path:
    shutil.copytree(content_root() / "dialogs", tmp_path / "dialogs")
    shutil.copytree(content_root() / "forms", tmp_path / "forms")
    return tmp_path


def test_content_loads_them_and_names_a_broken_line(tmp_path: Path) -> None:
    root = _content(tmp_path)
    assert Content(root).phrasings == default_phrasings()
    path = root / "dialogs" / "phrasings.tsv"
    path.write_text(path.read_text("utf-8") + "withdrawl\tcan I stop it later\n", "utf-8")
    with pytest.raises(ContentError, match=r"phrasings\.tsv line \d+: unknown concern 'withdrawl'"):
        Content(root)
    path.unlink()  # a clinic's copy made before the file shipped: the matcher learns from none
    assert Content(root).phrasings == ()


def test_a_message_added_under_a_concern_teaches_the_matcher() -> None:
    concerns = load_concerns()
    question = "will the bot grass me up to the job centre"
    # (without the posts, which the matcher also learns from: builds of a second or two)
    before = Matcher(concerns, phrasings=(), posts=()).match(question)
    assert before.concern != "access"
    taught = (Phrasing("access", "is the bot going to grass me up to the job centre"),)
    after = Matcher(concerns, phrasings=taught, posts=()).match(question)
    assert after.concern == "access"


def test_phrasings_of_concerns_a_matcher_lacks_are_left_out() -> None:
    two = tuple(c for c in load_concerns() if c.id in {"privacy", "deletion"})
    matcher = Matcher(two, phrasings=(Phrasing("legal", "can a judge get it"),))
    assert matcher.ids == ("privacy", "deletion", "(none)")


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def test_the_shipped_file_repeats_nothing() -> None:
    heard = default_phrasings()
    texts = [_norm(p.text) for p in heard]
    assert len(set(texts)) == len(texts), "a message is in phrasings.tsv twice"
    root = content_root() / "dialogs"
    concerns = tomllib.loads((root / "concerns.toml").read_text("utf-8"))
    examples = {_norm(e) for table in concerns.values() for e in table.get("examples", [])}
    examples |= {_norm(e) for e in default_lexicon().offtopic_examples}
    assert not [t for t in texts if t in examples], (
        "a phrasing is also a concern or off-topic example"
    )
