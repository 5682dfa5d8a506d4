"""The posts the matcher learns from (dialogs/posts/): parsed, checked, and what they teach."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.engine.concerns import load_concerns
from assistant.engine.heard_posts import Post, default_posts, load_posts, parse_posts
from assistant.engine.matcher import Matcher

IDS = {"privacy", "deletion", "judgment"}


def test_rows_of_three_fields_and_of_two() -> None:
    text = "# a comment\n\ndeletion\tprivacy\tOne.  Two\nprivacy\t-\tThree.\njudgment\tFour.\n"
    assert parse_posts(text, "f.tsv", IDS) == (
        Post("deletion", "privacy", "One. Two"),
        Post("privacy", None, "Three."),
        Post("judgment", None, "Four."),
    )


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("privacy", "expected the concern id"),
        ("a\tb\tc\td", "found 3 TABs"),
        ("weather\t-\tIs it raining?", "unknown concern 'weather'"),
        ("privacy\tweather\tIs it private?", "unknown second concern 'weather'"),
        ("-\t-\tIs it private?", "unknown concern '-'"),
        ("privacy\t-\t   ", "the message is empty"),
        ("privacy\t-\t" + "x" * 4001, "longer than 4000"),
    ],
)
def test_a_bad_line_is_named(line: str, says: str) -> None:
    with pytest.raises(ValueError, match=says) as caught:
        parse_posts(f"# header\n{line}\n", "posts/mine.tsv", IDS)
    assert "posts/mine.tsv line 2" in str(caught.value)


def test_a_folder_of_files_in_name_order(tmp_path: Path) -> None:
    assert load_posts(tmp_path / "absent", IDS) == ()
    (tmp_path / "b.tsv").write_text("privacy\t-\tSecond file.\n", "utf-8")
    (tmp_path / "a.tsv").write_text("deletion\t-\tFirst file.\n", "utf-8")
    (tmp_path / "notes.txt").write_text("not a posts file", "utf-8")
    assert [p.text for p in load_posts(tmp_path, IDS)] == ["First file.", "Second file."]
    (tmp_path / "c.tsv").write_bytes(b"privacy\t-\t\xff\xfe\n")
    with pytest.raises(ValueError, match=r"c\.tsv: the posts file is not UTF-8 text"):
        load_posts(tmp_path, IDS)


def test_the_shipped_posts_name_known_concerns() -> None:
    posts = default_posts()
    ids = {c.id for c in load_concerns()}
    assert len(posts) > 1000
    assert {p.concern for p in posts} <= ids and {p.also for p in posts} <= ids | {None}
    assert any(p.also for p in posts)


def test_a_post_taught_moves_a_story_towards_its_worry() -> None:
    # A story that names no worry's words reads as whatever the posts taught it: taught as a
    # worry about deletion, it reads more as deletion than taught as one about judgment.
    story = (
        "My gran's letters from the seventies turned up in a shoebox after she died. "
        "Nothing anyone writes down ever really goes away."
    )
    taught = [Post("deletion", None, story)] * 20
    other = [Post("judgment", None, story)] * 20
    concerns = load_concerns()  # (without the phrasings: two builds of a second, not ten)
    as_deletion = dict(Matcher(concerns, phrasings=(), posts=taught).scores(story))
    as_judgment = dict(Matcher(concerns, phrasings=(), posts=other).scores(story))
    assert as_deletion["deletion"] > as_judgment["deletion"]
    assert as_judgment["judgment"] > as_deletion["judgment"]
