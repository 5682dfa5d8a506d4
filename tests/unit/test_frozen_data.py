"""The frozen (held-out) evaluation data stays frozen, well-formed and apart from what we tune on.

tests/data/frozen/ holds the test halves of the labelled sets; MANIFEST.toml pins each file's
SHA-256 and row count. Stdlib only, reads files, runs in well under a second.
"""

from __future__ import annotations

import hashlib
import tomllib
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data"
FROZEN = DATA / "frozen"
CHECK = DATA / "check"
"""Check splits (the matcher's, the replies'): tuned on by no one, misses never printed."""
MANIFEST = FROZEN / "MANIFEST.toml"
CONCERNS_TOML = Path(__file__).resolve().parents[2] / "dialogs" / "concerns.toml"
PHRASINGS = Path(__file__).resolve().parents[2] / "dialogs" / "phrasings.tsv"
POSTS = Path(__file__).resolve().parents[2] / "dialogs" / "posts"
"""The tune posts of earlier rounds, which the matcher learns from."""
"""The short questions and small talk of earlier tune rounds, which the matcher learns from."""

CONCERNS = frozenset(
    "privacy deletion access security ai judgment openness necessity decline withdraw summary "
    "supervision pseudonym form evidence accuracy data_use legal limits notes_access "
    "participants".split()
)
SHIPPED_CONCERNS = CONCERNS | frozenset(tomllib.loads(CONCERNS_TOML.read_text("utf-8")))
"""The shipped content's concerns (DESIGN's, and those it adds, such as `risks`): what the tune
phrasings, which the shipped matcher learns from, may be labelled with; the test data keeps to
DESIGN's."""
REPLY_LABELS = frozenset({"yes", "no", "unclear", "defer", "stop", "question"})
SAFETY_LABELS = frozenset({"safety", "other"})
ALERT_LABELS = frozenset({"alert", "no_alert", "unclear"})
"""Replies to the safety reply's offer to alert staff (bench/bench_reading.py --alert)."""
PRESSURE_KINDS = "pressure threat guilt presumptive no_choice dismissal social".split()
CLAIM_KINDS = "retention access sale training court accuracy anonymity absolute sharing".split()
CLINICIAN_FLAGS = frozenset(
    [f"pressure:{kind}" for kind in PRESSURE_KINDS] + [f"claim:{kind}" for kind in CLAIM_KINDS]
)


def rows(path: Path) -> list[list[str]]:
    """Data rows as TAB fields: blank lines and `#` comment lines are not rows."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


def norm(text: str) -> str:
    return " ".join(text.casefold().split())


def check_concern_row(fields: list[str]) -> None:
    concern, message = fields
    assert concern in CONCERNS and message.strip()


def check_post_row(fields: list[str]) -> None:
    concern, also, message = fields
    assert concern in CONCERNS and message.strip()
    assert also == "-" or (also in CONCERNS and also != concern)


def check_phrasing_row(fields: list[str]) -> None:
    concern, message = fields
    assert (concern in SHIPPED_CONCERNS or concern == "-") and message.strip()


def check_line_row(fields: list[str]) -> None:
    (message,) = fields
    assert message.strip()


def labelled(labels: frozenset[str]):
    def check(fields: list[str]) -> None:
        label, message = fields
        assert label in labels and message.strip()

    return check


def check_clinician_row(fields: list[str]) -> None:
    flags, line = fields
    assert line.strip()
    if flags != "none":
        parts = flags.split(",")
        assert parts and set(parts) <= CLINICIAN_FLAGS and len(set(parts)) == len(parts)


# file name (frozen ones under frozen/) -> row check
FROZEN_CHECKS = {
    "questions_test.tsv": check_concern_row,
    "posts_test.tsv": check_post_row,
    "offtopic_test.txt": check_line_row,
    "replies_test.tsv": labelled(REPLY_LABELS),
    "safety_test.tsv": labelled(SAFETY_LABELS),
    "clinician_lines_test.tsv": check_clinician_row,
}
CHECK_CHECKS = {
    "questions_check.tsv": check_concern_row,
    "posts_check.tsv": check_post_row,
    "posts_check2.tsv": check_post_row,
    "posts_check3.tsv": check_post_row,
    "posts_check4.tsv": check_post_row,
    "posts_check5.tsv": check_post_row,
    "posts_check6.tsv": check_post_row,
    "posts_check7.tsv": check_post_row,
    "posts_check8.tsv": check_post_row,
    "posts_check9.tsv": check_post_row,
    "posts_check10.tsv": check_post_row,
    "posts_check11.tsv": check_post_row,
    "posts_check12.tsv": check_post_row,
    "posts_check13.tsv": check_post_row,
    "posts_check14.tsv": check_post_row,
    "posts_check15.tsv": check_post_row,
    "questions_check7.tsv": check_concern_row,
    "offtopic_check7.txt": check_line_row,
    "questions_check8.tsv": check_concern_row,
    "offtopic_check8.txt": check_line_row,
    "questions_check9.tsv": check_concern_row,
    "questions_check10.tsv": check_concern_row,
    "questions_check11.tsv": check_concern_row,
    "offtopic_check9.txt": check_line_row,
    "offtopic_check10.txt": check_line_row,
    "questions_check12.tsv": check_concern_row,
    "offtopic_check11.txt": check_line_row,
    "questions_check13.tsv": check_concern_row,
    "posts_check16.tsv": check_post_row,
    "offtopic_check12.txt": check_line_row,
    "questions_check14.tsv": check_concern_row,
    "posts_check17.tsv": check_post_row,
    "offtopic_check13.txt": check_line_row,
    "questions_check15.tsv": check_concern_row,
    "posts_check18.tsv": check_post_row,
    "offtopic_check14.txt": check_line_row,
    "questions_check16.tsv": check_concern_row,
    "posts_check19.tsv": check_post_row,
    "offtopic_check15.txt": check_line_row,
    "questions_check17.tsv": check_concern_row,
    "posts_check20.tsv": check_post_row,
    "offtopic_check16.txt": check_line_row,
    "questions_check18.tsv": check_concern_row,
    "posts_check21.tsv": check_post_row,
    "offtopic_check17.txt": check_line_row,
    "questions_check19.tsv": check_concern_row,
    "posts_check22.tsv": check_post_row,
    "offtopic_check18.txt": check_line_row,
    "questions_check20.tsv": check_concern_row,
    "posts_check23.tsv": check_post_row,
    "offtopic_check19.txt": check_line_row,
    "questions_check21.tsv": check_concern_row,
    "posts_check24.tsv": check_post_row,
    "offtopic_check20.txt": check_line_row,
    "questions_check22.tsv": check_concern_row,
    "posts_check25.tsv": check_post_row,
    "offtopic_check21.txt": check_line_row,
    "questions_check23.tsv": check_concern_row,
    "posts_check26.tsv": check_post_row,
    "offtopic_check22.txt": check_line_row,
    "questions_check24.tsv": check_concern_row,
    "offtopic_check23.txt": check_line_row,
    "questions_check25.tsv": check_concern_row,
    "posts_check27.tsv": check_post_row,
    "offtopic_check24.txt": check_line_row,
    "posts_check28.tsv": check_post_row,
    "questions_check26.tsv": check_concern_row,
    "offtopic_check25.txt": check_line_row,
    "questions_check27.tsv": check_concern_row,
    "posts_check29.tsv": check_post_row,
    "offtopic_check26.txt": check_line_row,
    "questions_check28.tsv": check_concern_row,
    "posts_check30.tsv": check_post_row,
    "offtopic_check27.txt": check_line_row,
    "questions_check29.tsv": check_concern_row,
    "posts_check31.tsv": check_post_row,
    "offtopic_check28.txt": check_line_row,
    "questions_check30.tsv": check_concern_row,
    "posts_check32.tsv": check_post_row,
    "offtopic_check29.txt": check_line_row,
    "questions_check31.tsv": check_concern_row,
    "posts_check33.tsv": check_post_row,
    "offtopic_check30.txt": check_line_row,
    "questions_check32.tsv": check_concern_row,
    "posts_check34.tsv": check_post_row,
    "offtopic_check31.txt": check_line_row,
    "questions_check33.tsv": check_concern_row,
    "posts_check35.tsv": check_post_row,
    "offtopic_check32.txt": check_line_row,
    "questions_check34.tsv": check_concern_row,
    "posts_check36.tsv": check_post_row,
    "offtopic_check33.txt": check_line_row,
    "questions_check35.tsv": check_concern_row,
    "posts_check37.tsv": check_post_row,
    "offtopic_check34.txt": check_line_row,
    "questions_check36.tsv": check_concern_row,
    "posts_check38.tsv": check_post_row,
    "offtopic_check35.txt": check_line_row,
    "questions_check37.tsv": check_concern_row,
    "posts_check39.tsv": check_post_row,
    "offtopic_check36.txt": check_line_row,
    "questions_check38.tsv": check_concern_row,
    "offtopic_check37.txt": check_line_row,
    "questions_check39.tsv": check_concern_row,
    "questions_check40.tsv": check_concern_row,
    "questions_check41.tsv": check_concern_row,
    "questions_check42.tsv": check_concern_row,
    "posts_check40.tsv": check_post_row,
    "offtopic_check38.txt": check_line_row,
    "questions_check43.tsv": check_concern_row,
    "offtopic_check39.txt": check_line_row,
    "questions_check44.tsv": check_concern_row,
    "posts_check41.tsv": check_post_row,
    "offtopic_check40.txt": check_line_row,
    "questions_check45.tsv": check_concern_row,
    "offtopic_check41.txt": check_line_row,
    "questions_check46.tsv": check_concern_row,
    "offtopic_check42.txt": check_line_row,
    "questions_check47.tsv": check_concern_row,
    "offtopic_check43.txt": check_line_row,
    "questions_check48.tsv": check_concern_row,
    "offtopic_check44.txt": check_line_row,
    "offtopic_check.txt": check_line_row,
    "questions_check2.tsv": check_concern_row,
    "offtopic_check2.txt": check_line_row,
    "questions_check3.tsv": check_concern_row,
    "offtopic_check3.txt": check_line_row,
    "questions_check4.tsv": check_concern_row,
    "offtopic_check4.txt": check_line_row,
    "questions_check5.tsv": check_concern_row,
    "offtopic_check5.txt": check_line_row,
    "questions_check6.tsv": check_concern_row,
    "offtopic_check6.txt": check_line_row,
    "replies_check.tsv": labelled(REPLY_LABELS),
    "replies_check2.tsv": labelled(REPLY_LABELS),
    "replies_check3.tsv": labelled(REPLY_LABELS),
    "replies_check4.tsv": labelled(REPLY_LABELS),
    "replies_check5.tsv": labelled(REPLY_LABELS),
    "replies_check6.tsv": labelled(REPLY_LABELS),
    "replies_check7.tsv": labelled(REPLY_LABELS),
    "safety_check.tsv": labelled(SAFETY_LABELS),
    "safety_check2.tsv": labelled(SAFETY_LABELS),
    "safety_check3.tsv": labelled(SAFETY_LABELS),
    "safety_check4.tsv": labelled(SAFETY_LABELS),
    "safety_check5.tsv": labelled(SAFETY_LABELS),
    "safety_check6.tsv": labelled(SAFETY_LABELS),
    "safety_check7.tsv": labelled(SAFETY_LABELS),
    "alert_replies_check.tsv": labelled(ALERT_LABELS),
}
TUNE_CHECKS = {
    "replies_tune.tsv": labelled(REPLY_LABELS),
    "replies_tune2.tsv": labelled(REPLY_LABELS),
    "replies_tune3.tsv": labelled(REPLY_LABELS),
    "replies_tune4.tsv": labelled(REPLY_LABELS),
    "replies_tune5.tsv": labelled(REPLY_LABELS),
    "replies_tune6.tsv": labelled(REPLY_LABELS),
    "replies_tune7.tsv": labelled(REPLY_LABELS),
    "replies_tune8.tsv": labelled(REPLY_LABELS),
    "replies_tune9.tsv": labelled(REPLY_LABELS),
    "replies_tune10.tsv": labelled(REPLY_LABELS),
    "replies_tune11.tsv": labelled(REPLY_LABELS),
    "safety_tune.tsv": labelled(SAFETY_LABELS),
    "safety_tune2.tsv": labelled(SAFETY_LABELS),
    "safety_tune3.tsv": labelled(SAFETY_LABELS),
    "safety_tune4.tsv": labelled(SAFETY_LABELS),
    "safety_tune5.tsv": labelled(SAFETY_LABELS),
    "safety_tune6.tsv": labelled(SAFETY_LABELS),
    "safety_tune7.tsv": labelled(SAFETY_LABELS),
    "safety_tune8.tsv": labelled(SAFETY_LABELS),
    "safety_tune9.tsv": labelled(SAFETY_LABELS),
    "safety_tune10.tsv": labelled(SAFETY_LABELS),
    "safety_tune11.tsv": labelled(SAFETY_LABELS),
    "safety_tune12.tsv": labelled(SAFETY_LABELS),
    "safety_tune13.tsv": labelled(SAFETY_LABELS),
    "safety_tune14.tsv": labelled(SAFETY_LABELS),
    "safety_tune15.tsv": labelled(SAFETY_LABELS),
    "safety_tune16.tsv": labelled(SAFETY_LABELS),
    "safety_tune17.tsv": labelled(SAFETY_LABELS),
    "safety_tune18.tsv": labelled(SAFETY_LABELS),
    "safety_tune19.tsv": labelled(SAFETY_LABELS),
    "alert_replies_tune.tsv": labelled(ALERT_LABELS),
    "clinician_lines_tune.tsv": check_clinician_row,
    "typos_tune.tsv": check_concern_row,
    "typos_offtopic_tune.txt": check_line_row,
}


def manifest() -> dict:
    return tomllib.loads(MANIFEST.read_text(encoding="utf-8"))


def test_manifest_lists_exactly_the_frozen_files() -> None:
    on_disk = {p.name for p in FROZEN.iterdir() if p.name != MANIFEST.name}
    assert set(manifest()["files"]) == on_disk == set(FROZEN_CHECKS)
    assert isinstance(manifest()["version"], int)


@pytest.mark.parametrize("name", sorted(FROZEN_CHECKS))
def test_frozen_file_unchanged(name: str) -> None:
    entry = manifest()["files"][name]
    path = FROZEN / name
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    hint = (
        f"{name} changed: frozen test data must not be edited silently. If the change is "
        "intended, bump `version` in tests/data/frozen/MANIFEST.toml, update its sha256 and rows, "
        "and say why in the commit message."
    )
    assert len(rows(path)) == entry["rows"], hint
    assert digest == entry["sha256"], hint


@pytest.mark.parametrize(
    "path, check",
    [(FROZEN / n, c) for n, c in FROZEN_CHECKS.items()]
    + [(DATA / n, c) for n, c in TUNE_CHECKS.items()]
    + [(path, check_post_row) for path in sorted(POSTS.glob("*.tsv"))]
    + [(PHRASINGS, check_phrasing_row)],
    ids=lambda v: v.name if isinstance(v, Path) else "",
)
def test_every_row_parses(path: Path, check) -> None:
    bad = []
    for number, fields in enumerate(rows(path), 1):
        try:
            check(fields)
        except (AssertionError, ValueError):
            bad.append(f"row {number}: {fields!r}")
    assert not bad, f"{path.name}: malformed rows:\n" + "\n".join(bad[:20])


@pytest.mark.parametrize("name", sorted(CHECK_CHECKS))
def test_check_rows_parse(name: str) -> None:
    # Row numbers only: a check split's rows are not shown to whoever tunes what it measures.
    bad = []
    for number, fields in enumerate(rows(CHECK / name), 1):
        try:
            CHECK_CHECKS[name](fields)
        except (AssertionError, ValueError):
            bad.append(number)
    assert not bad, f"check/{name}: malformed rows {bad}"
    assert {p.name for p in CHECK.iterdir()} == set(CHECK_CHECKS)


def test_check_rows_are_held_out() -> None:
    seen = {t: w for t, w in seen_elsewhere().items() if not w.startswith("tests/data/check")}
    clashes = [
        f"check/{name}: a row is also in {seen[norm(fields[-1])]}"
        for name in sorted(CHECK_CHECKS)
        for fields in rows(CHECK / name)
        if norm(fields[-1]) in seen
    ]
    assert not clashes, "\n".join(clashes)


def seen_elsewhere() -> dict[str, str]:
    """Normalised text -> where it comes from: concerns.toml examples, phrasings.tsv, the posts
    of dialogs/posts/ and tests/data sets."""
    seen: dict[str, str] = {}
    concerns = tomllib.loads(CONCERNS_TOML.read_text(encoding="utf-8"))
    for concern_id, table in concerns.items():
        for example in table.get("examples", []):
            seen.setdefault(norm(example), f"dialogs/concerns.toml [{concern_id}]")
    for number, fields in enumerate(rows(PHRASINGS), start=1):
        seen.setdefault(norm(fields[-1]), f"dialogs/phrasings.tsv, data row {number}")
    for path in sorted(POSTS.glob("*.tsv")):
        for number, fields in enumerate(rows(path), start=1):
            seen.setdefault(norm(fields[-1]), f"dialogs/posts/{path.name}, data row {number}")
    for path in sorted(DATA.glob("*.tsv")) + sorted(DATA.glob("*.txt")) + sorted(CHECK.glob("*")):
        for number, fields in enumerate(rows(path), start=1):
            where = path.relative_to(DATA).as_posix()
            seen.setdefault(norm(fields[-1]), f"tests/data/{where}, data row {number}")
    return seen


def test_frozen_rows_are_held_out() -> None:
    seen = seen_elsewhere()
    clashes = []
    for name in sorted(FROZEN_CHECKS):
        texts = [norm(fields[-1]) for fields in rows(FROZEN / name)]
        repeated = {t for t in texts if texts.count(t) > 1}
        # Never print a frozen row: this message is read by people tuning the code.
        clashes += [f"{name}: a row appears twice" for _ in sorted(repeated)]
        clashes += [
            f"{name}: a row is also in {seen[t]}: drop it there" for t in texts if t in seen
        ]
    assert not clashes, "frozen rows must not appear elsewhere:\n" + "\n".join(clashes)
