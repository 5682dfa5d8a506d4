"""The labelled sets `bench/bench_matcher.py` reads, and how each was written: `splits()`.

Every set is a `Split` of short questions, long posts (main concern, second concern, text) and
off-topic lines; the tune and check sets are read from tests/data/, the posts the matcher learns
from from dialogs/posts/. The sets, in the order `splits()` gives them:

- train: the concerns' own examples, the lexicon's off-topic examples and the messages of
  dialogs/phrasings.tsv (what it learns from; the phrasings were the short-question and
  off-topic tune sets of earlier rounds: `bench/bench_matcher_folds.py` holds each round out);
- dev: the labelled posts that may be tuned on, the tune posts of earlier rounds (dialogs/posts/,
  posts*.tsv): the matcher learns from them (how a whole post points at its worries), so this
  is a train figure too; `bench/bench_matcher_folds.py` holds each round's posts out;
- check: tests/data/check/ (questions_check.tsv, posts_check.tsv, offtopic_check.txt, written
  with dev 4; posts_check2.tsv, written with posts_dev5.tsv; posts_check3.tsv, written with
  posts_dev6.tsv; posts_check4.tsv, written with posts_dev7.tsv) in the same voices but never
  tuned on: figures only, its misses are never listed, so it stays an honest signal of whether
  a change generalises while the frozen split is left alone; check 2 (questions_check2.tsv,
  offtopic_check2.txt) is the same for dev 5;
- dev 6 / check 3: the round-6 tune posts (posts_dev6.tsv, also part of dev; that round's short
  questions and off-topic lines are now phrasings) and their twin check sets
  (questions_check3.tsv, offtopic_check3.txt, posts_check3.tsv), each on its own line;
- dev 7 / check 4: the round-7 tune posts (posts_dev7.tsv, also part of dev) and their twin
  check sets (questions_check4.tsv, offtopic_check4.txt,
  posts_check4.tsv), each on its own line;
- dev 8 / check 5: the round-7b spec twins of the frozen sets, each on its own line: the posts
  (posts_dev8.tsv, also part of dev, and check/posts_check5.tsv, figures only) and, written
  apart, the short questions and off-topic lines (check/questions_check5.tsv,
  check/offtopic_check5.txt; their tune twins are now phrasings); check 6: the round-7b
  probe of the posts spec about a GP or hospital consultation (check/posts_check6.tsv; its tune
  twin posts_dev9.tsv is counted in dev);
- dev 10 / check 7: the round-8 posts whose main worry fills most of the post beside a short
  question about another, or is told and never asked (posts_dev10.tsv, also part of dev, and
  check/posts_check7.tsv, figures only);
- dev 11 / check 8 (scribe): the round-8 short questions, posts and off-topic lines about AI
  scribes in ordinary medical care, in that world's words (posts_dev11.tsv, also part of dev,
  the short questions and off-topic lines now phrasings; check/questions_check6.tsv,
  check/posts_check8.tsv, check/offtopic_check6.txt, figures only);
- dev 12 / check 9 (voices): the round-10 short messages, posts and off-topic lines in voices
  the older sets lack, from public posts and FAQ pages (posts_dev12.tsv, also part of dev, the
  short messages and off-topic lines now phrasings; check/questions_check7.tsv,
  check/posts_check9.tsv, check/offtopic_check7.txt, figures only);
- dev 13 / check 10 (plain): the round-11 short messages, posts and off-topic lines of an
  independent writer who worked from DESIGN's concern list only, not from our examples
  (posts_dev13.tsv, also part of dev, the short messages and off-topic lines now phrasings;
  check/questions_check8.tsv, check/posts_check10.tsv, check/offtopic_check8.txt, figures only);
- check 11 (fresh): round 12, a check set only (check/questions_check9.tsv,
  check/posts_check11.tsv, check/offtopic_check9.txt; no tune twin), by another independent
  writer after round 11's changes: figures only;
- dev 14 / check 12 (themes): round 13, the issue's themes that no concern is named after
  ("recorded without being asked", "no AI, no appointment", one's own copy, bias, vendors
  changing policy) and near-misses in their words (posts_dev14.tsv, also part of dev, the
  short messages now phrasings; check/questions_check10.tsv, check/posts_check12.tsv, figures
  only);
- check 13 (faq): round 14, a check set only (check/questions_check11.tsv,
  check/posts_check13.tsv, check/offtopic_check10.txt), half FAQ-page headings, by another
  writer after round 13's changes: figures only;
- dev 15 / check 14 (stories): round 15, long posts (4-10 sentences) whose story carries the
  worry, often with no question or only a minor one (posts_dev15.tsv, also part of dev, and
  check/posts_check14.tsv, figures only);
- check 15 (typed): round 16, short messages typed carelessly at a kiosk (typos in the key
  word, fragments, text-speak, statements) and off-topic lines (check/questions_check12.tsv,
  check/offtopic_check11.txt, figures only); its tune twin is the phrasings' "typed" set;
- check 16 (stories 2): round 19, a check set only (check/posts_check15.tsv), long posts like
  round 15's by another writer, in other services and situations, written after the round-17
  statements were learnt: figures only;
- check 17 (fresh 2): round 22, a check set only (check/questions_check13.tsv,
  check/posts_check16.tsv, check/offtopic_check12.txt), the kiosk's whole mix, by another
  writer after round 21's changes: figures only;
- check 18 (fresh 3): round 23, a check set only (check/questions_check14.tsv,
  check/posts_check17.tsv, check/offtopic_check13.txt), the kiosk's whole mix, by another
  writer before the changes it measures (rounds 24 and 25): figures only;
- check 19 (fresh 4): round 28, a check set only (check/questions_check15.tsv,
  check/posts_check18.tsv, check/offtopic_check14.txt), the kiosk's whole mix, by another
  writer after most of the changes it measures: figures only;
- check 20 (fresh 5): round 37, a check set only (check/questions_check16.tsv,
  check/posts_check19.tsv, check/offtopic_check15.txt), the kiosk's whole mix, by another
  writer after the whole posts were learnt and before rounds 34-36: figures only;
- check 21 (fresh 6): round 38, a check set only (check/questions_check17.tsv,
  check/posts_check20.tsv, check/offtopic_check16.txt), the kiosk's whole mix, by another
  writer before the wording reading (`wording.py`) it measures: figures only;
- check 22 (fresh 7): round 40, a check set only (check/questions_check18.tsv,
  check/posts_check21.tsv, check/offtopic_check17.txt), the kiosk's whole mix with near-misses,
  by another writer after the wording reading, before the next changes: figures only;
- check 23 (fresh 8): round 41, a check set only (check/questions_check19.tsv,
  check/posts_check22.tsv, check/offtopic_check18.txt), the kiosk's whole mix, by another
  writer before the phrasings round on the weak spots it measures: figures only;
- check 24 (real voices): round 45, a check set only (check/questions_check20.tsv,
  check/posts_check23.tsv, check/offtopic_check19.txt), in the manner of real public posts and
  patient FAQ pages (read through a search of public pages, paraphrased, never copied), by another
  writer before the phrasings round in real voices it measures: figures only;
- check 25 (real voices 2): round 46, a check set only (check/questions_check21.tsv,
  check/posts_check24.tsv, check/offtopic_check20.txt), like check 24 from other pages of the same
  half, by another writer before the second real-voices round it measures: figures only;
- check 26 (real voices 3): round 47, a check set only (check/questions_check22.tsv,
  check/posts_check25.tsv, check/offtopic_check21.txt), like checks 24 and 25 from other pages of
  the same half and new angles (settings, groups of clients), by another writer before the third
  real-voices round and the posts' wording (`POST_WORDING`) landed: figures only;
- check 27 (real voices 4): rounds 48 and 49, a check set only (check/questions_check23.tsv,
  check/posts_check26.tsv, check/offtopic_check22.txt), like checks 24 to 26 from other pages of
  the same half and new angles (couples and family therapy, teenagers, EAP, veterans, faith,
  interpreters, GP scribes), by another writer before the rounds it measures: figures only;
- check 28 (typed 2): round 50, short messages and off-topic lines only
  (check/questions_check24.tsv, check/offtopic_check23.txt) as many different people type them at
  a kiosk (typos, text-speak, dictation slips, second-language English, keywords only, dialect), by
  another writer before the round it measures: figures only;
- check 29 (themes 2): round 51, a check set only (check/questions_check25.tsv,
  check/posts_check27.tsv, check/offtopic_check24.txt), the issue's themes (recorded without being
  asked, "no AI, no appointment", one's own copy, accents and bias, the vendor sold or changing its
  terms) and near-misses in their words, half in medical care with an AI scribe, by another writer
  before the round it measures: figures only;
- check 30 (stories 4): round 52, a check set only (check/posts_check28.tsv), long posts whose story
  carries the worry, half in medical care with an AI scribe, by another writer before the round it
  measures: figures only;
- check 31 (plain 2): round 53, a check set only (check/questions_check26.tsv,
  check/offtopic_check25.txt), plain short questions as people first type them about an AI
  note-taker, half in medical care, by another writer before the round it measures: figures only;
- check 32 (indirect): round 54, a check set only (check/questions_check27.tsv,
  check/posts_check29.tsv, check/offtopic_check26.txt), worries put indirectly (embedded
  questions, a hesitation told as a statement, hints, a worry put as someone else's, softeners),
  half in medical care, by another writer before the round it measures: figures only;
- check 33 (bare): round 55, a check set only (check/questions_check28.tsv,
  check/posts_check30.tsv, check/offtopic_check27.txt), to the frozen split's spec by a writer
  who had only the design's bare list of concern ids (each read as its name and the design's words
  say) and the seed article, none of our notes on the concerns, before the round it measures:
  figures only;
- check 34 (bare 2): round 56, a check set only (check/questions_check29.tsv,
  check/posts_check31.tsv, check/offtopic_check28.txt), like check 33 by another writer, half in
  medical care with an AI scribe, after round 55 and before the round it measures: figures only;
- check 35 (bare 3): round 57, a check set only (check/questions_check30.tsv,
  check/posts_check32.tsv, check/offtopic_check29.txt), like checks 33 and 34 by another writer,
  in the voices of students, teenagers, deaf, stammering, autistic and second-language clients,
  after round 56 (round 57's tune rows were tried and not learnt): figures only;
- check 36 (texting): round 58, a check set (check/questions_check31.tsv,
  check/posts_check33.tsv, check/offtopic_check30.txt) typed the way people text ("u", "ur",
  "2" for "to", "&", "w/", dropped apostrophes, slips), by a writer given only the design and the
  seed article, before the language layer read shorthand and before the round it measures:
  figures only;
- check 37 (law): round 59, a check set (check/questions_check32.tsv, check/posts_check34.tsv,
  check/offtopic_check31.txt), half on `legal` and `limits` and half on the ids a legal- or
  reporting-sounding message is confused with, by a writer given only the design and the seed
  article, after courts moved to `limits` and before the round it measures: figures only;
- check 38 (bare 4): round 60, a check set (check/questions_check33.tsv,
  check/posts_check35.tsv, check/offtopic_check32.txt) to the frozen split's spec, in therapy by
  video, couples and family therapy, employer and college counselling and parents of teenagers,
  by a writer given only the design and the seed article, before the round it measures: figures
  only;
- check 39 (bare 5): rounds 61 and 62, a check set (check/questions_check34.tsv,
  check/posts_check36.tsv, check/offtopic_check33.txt) to the frozen split's spec, in specialist
  mental health services (addiction, eating disorders, perinatal, trauma, LGBTQ+, early
  psychosis), by a writer given only the design and the seed article, before the rounds it
  measures: figures only;
- check 40 (bare 6): rounds 61 and 62, a check set (check/questions_check35.tsv,
  check/posts_check37.tsv, check/offtopic_check34.txt) to the frozen split's spec, in community
  clinics (older people, disabled people, low literacy, English as a second language), by a
  writer given only the design and the seed article, before the rounds it measures: figures only;
- check 41 (bare 7): rounds 63 and 64, a check set (check/questions_check36.tsv,
  check/posts_check38.tsv, check/offtopic_check35.txt) to the frozen split's spec, half in
  medical care with an AI scribe, its posts as on patient forums and under a health service's FAQ,
  by a writer given only the design and the seed article, before the rounds it measures: figures
  only;
- check 42 (bare 8): rounds 63 and 64, a check set (check/questions_check37.tsv,
  check/posts_check39.tsv, check/offtopic_check36.txt) to the frozen split's spec, its short
  messages mostly very short and half-formed, by a writer given only the design and the seed
  article, before the rounds it measures: figures only;
- typos (tune) / check 43 (typos): round 65, short messages and off-topic lines with real
  misspellings, in most the key word of the worry (tests/data/typos_tune.tsv and
  typos_offtopic_tune.txt, a tune set the matcher does NOT learn from; its twin
  check/questions_check38.tsv and check/offtopic_check37.txt, figures only), by a writer given
  only the design's concern ids;
- check 44 (exceptions): short questions about what is NOT kept confidential (limits) and
  negative questions that ask whether it is private (privacy), written at stop 47 to judge a
  round of phrasings that was then not kept (check/questions_check39.tsv, figures only);
- check 45 (edges): the same two kinds, written by a helper of stop 48 without reading any data
  set, before the lexicon's rule on asking which things are NOT kept private
  (check/questions_check40.tsv, figures only);
- check 46 (unasked): short messages from clients who were recorded without being asked
  (withdraw), and others that use the same words about another concern, written by a helper of
  stop 50 without reading any data set, before round 66 (`# set: unasked` in
  dialogs/phrasings.tsv) and the lexicon's `unasked` concept (check/questions_check41.tsv,
  figures only);
- check 47 (genres): short messages, posts and off-topic lines to the frozen split's spec in
  genres the earlier sets lack (online reviews, complaints to a practice manager, patient-portal
  messages, community group questions, family chats, helpline questions), by a helper of stop 50
  given only the design and the seed article; a round written beside it was not kept
  (check/questions_check42.tsv, check/posts_check40.tsv, check/offtopic_check38.txt, figures
  only);
- check 48 (manner): worries asked as questions of manner, method or place ("what's the best
  way to ...", "who do I ask about ..."), and small talk put the same way, by a helper of stop
  54 (check/questions_check43.tsv, check/offtopic_check39.txt, figures only);
- check 49 (moving on): what happens to recordings, notes and consent when care changes (a new
  therapist or clinic, moving away, therapy ending, the clinic or the vendor changing hands or
  terms), and small talk in the same words, by a helper of stop 56 before round 69
  (check/questions_check44.tsv, check/posts_check41.tsv, check/offtopic_check40.txt, figures
  only);
- check 50 (ages): young clients and age (a client under 18, who signs for a child, a
  teenager's own say: participants) and short messages that name a child's age about another
  worry, and small talk about children and ages, by a helper of stop 59 given only the design
  and the concerns' answers, before round 71 (`# set: ages` in dialogs/phrasings.tsv)
  (check/questions_check45.tsv, check/offtopic_check41.txt, figures only);
- check 51 (word forms): short messages and fragments whose key word comes in an inflected or
  derived form ("hackers??", "summaries for me?"), and small talk in the same forms, by a
  helper of stop 60 given only the design and the concerns' answers
  (check/questions_check46.tsv, check/offtopic_check42.txt, figures only);
- check 52 (follow-ups): quick, elliptical follow-ups typed after reading one answer ("and the
  transcript, when's that gone?", "what about an interpreter in the room"), and small talk so
  put, by a helper of stop 62 given only the concerns' answers, before round 72 (`# set:
  follow-ups` in dialogs/phrasings.tsv) (check/questions_check47.tsv, check/offtopic_check43.txt,
  figures only);
- check 53 (records): reading, reviewing, correcting and getting a copy of one's own notes,
  record, transcript or recording (notes_access), the recap sent after sessions (summary),
  finding out one was recorded without being asked (withdraw), the same words about other
  worries and small talk so put, by a helper of stop 64 given only the concern ids and what the
  relevant answers say, before round 73 (`# set: records` in dialogs/phrasings.tsv)
  (check/questions_check48.tsv, check/offtopic_check44.txt, figures only);
- test: tests/data/frozen/questions_test.tsv, posts_test.tsv, offtopic_test.txt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from assistant.engine.concerns import load_concerns
from assistant.engine.lexicon import default_lexicon
from assistant.engine.phrasings import default_phrasings

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
POSTS = Path(__file__).resolve().parents[1] / "dialogs" / "posts"
"""The posts the matcher learns from (the tune posts of earlier rounds)."""


@dataclass
class Split:
    """Labelled messages of one split: (concern, text), (concern, also, text), off-topic text."""

    name: str
    short: list[tuple[str, str]] = field(default_factory=list)
    posts: list[tuple[str, str, str]] = field(default_factory=list)
    offtopic: list[str] = field(default_factory=list)


def read_rows(path: Path) -> list[str]:
    text = path.read_text("utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _short(path: Path) -> list[tuple[str, str]]:
    return [(c, t) for c, t in (line.split("\t", 1) for line in read_rows(path))]


def read_posts(path: Path) -> list[tuple[str, str, str]]:
    out = []
    for line in read_rows(path):
        fields = line.split("\t")
        also = fields[1] if len(fields) == 3 else "-"
        out.append((fields[0], also, fields[-1]))
    return out


def _split(
    name: str, folder: str = "", short: str = "", offtopic: str = "", posts: str = ""
) -> Split:
    """The split `name` of the files named, under tests/data/`folder` (a kind left unnamed: none
    of it), or for the tune posts (no `folder`), under dialogs/posts/. The tune splits (dev 6 ...)
    are also counted in `dev`."""
    where = DATA / folder
    out = Split(name)
    out.short = _short(where / short) if short else []
    out.offtopic = read_rows(where / offtopic) if offtopic else []
    out.posts = read_posts((where if folder else POSTS) / posts) if posts else []
    return out


def _round(dev: str, check: str, short: str, offtopic: str, posts: str) -> tuple[Split, Split]:
    """A later round's tune posts (dialogs/posts/posts_dev<N>.tsv for `dev` "N (name)"; also part of
    `dev`) and its check twin (the files named, under tests/data/check/; "": none of that kind)."""
    number = dev.split()[0]
    return (
        _split(f"dev {dev}", posts=f"posts_dev{number}.tsv"),
        _split(f"check {check}", "check", short, offtopic, posts),
    )


def splits() -> list[Split]:
    concerns = load_concerns()
    train = Split("train")
    train.short = [(c.id, e) for c in concerns for e in c.examples]
    train.offtopic = list(default_lexicon().offtopic_examples)
    for p in default_phrasings():
        if p.concern is None:
            train.offtopic.append(p.text)
        else:
            train.short.append((p.concern, p.text))
    dev = Split("dev")
    for path in sorted(POSTS.glob("*.tsv")):
        dev.posts += read_posts(path)
    check = Split("check")  # tests/data/check/: not matched by the dev globs above
    check.short = _short(DATA / "check" / "questions_check.tsv")
    for n in ("", "2", "3", "4"):
        check.posts += read_posts(DATA / "check" / f"posts_check{n}.tsv")
    check.offtopic = read_rows(DATA / "check" / "offtopic_check.txt")
    # written with dev 5 (now phrasings): short questions and off-topic only
    check2 = _split("check 2", "check", "questions_check2.tsv", "offtopic_check2.txt")
    dev6 = _split("dev 6", posts="posts_dev6.tsv")
    check3 = _split(  # written with dev 6
        "check 3", "check", "questions_check3.tsv", "offtopic_check3.txt", "posts_check3.tsv"
    )
    dev7 = _split("dev 7", posts="posts_dev7.tsv")
    check4 = _split(  # written with dev 7
        "check 4", "check", "questions_check4.tsv", "offtopic_check4.txt", "posts_check4.tsv"
    )
    # round-7b spec twins of the frozen sets (the short questions written apart from the posts)
    dev8 = _split("dev 8", posts="posts_dev8.tsv")
    check5 = _split(  # written with dev 8
        "check 5", "check", "questions_check5.tsv", "offtopic_check5.txt", "posts_check5.tsv"
    )
    # the consultation probe, written with posts_dev9.tsv
    check6 = _split("check 6", "check", posts="posts_check6.tsv")
    # round 8: posts whose main worry is told at length beside a short other question
    dev10 = _split("dev 10", posts="posts_dev10.tsv")
    check7 = _split("check 7", "check", posts="posts_check7.tsv")  # written with dev 10
    # the later rounds: tune posts (in dev too) and their check twins
    dev11, check8 = _round(  # round 8: AI scribes in ordinary medical care, in that world's words
        "11 (scribe)",
        "8 (scribe)",
        "questions_check6.tsv",
        "offtopic_check6.txt",
        "posts_check8.tsv",
    )
    dev12, check9 = _round(  # round 10: voices from public posts and FAQ pages, by a new writer
        "12 (voices)",
        "9 (voices)",
        "questions_check7.tsv",
        "offtopic_check7.txt",
        "posts_check9.tsv",
    )
    dev13, check10 = _round(  # round 11: an independent writer, from DESIGN's concern list only
        "13 (plain)",
        "10 (plain)",
        "questions_check8.tsv",
        "offtopic_check8.txt",
        "posts_check10.tsv",
    )
    # round 12: a check set only, by another independent writer, after round 11's changes
    check11 = _split(
        "check 11 (fresh)",
        "check",
        "questions_check9.tsv",
        "offtopic_check9.txt",
        "posts_check11.tsv",
    )
    dev14, check12 = _round(  # round 13: the themes, and near-misses in their words
        "14 (themes)", "12 (themes)", "questions_check10.tsv", "", "posts_check12.tsv"
    )
    # round 14: a check set only, FAQ-page headings and kiosk typing, after round 13's changes
    check13 = _split(
        "check 13 (faq)",
        "check",
        "questions_check11.tsv",
        "offtopic_check10.txt",
        "posts_check13.tsv",
    )
    dev15, check14 = _round(  # round 15: long posts whose story carries the worry
        "15 (stories)", "14 (stories)", "", "", "posts_check14.tsv"
    )
    # round 16: short messages typed carelessly (the tune half is the phrasings' "typed" set)
    check15 = _split("check 15 (typed)", "check", "questions_check12.tsv", "offtopic_check11.txt")
    # round 19: a check set only, long posts in other services and situations, after round 17
    check16 = _split("check 16 (stories 2)", "check", posts="posts_check15.tsv")
    # round 22: a check set only, the kiosk's whole mix, written after round 21's changes
    check17 = _split(
        "check 17 (fresh 2)",
        "check",
        "questions_check13.tsv",
        "offtopic_check12.txt",
        "posts_check16.tsv",
    )
    # round 23: a check set only, the kiosk's whole mix, written before session 13's changes
    check18 = _split(
        "check 18 (fresh 3)",
        "check",
        "questions_check14.tsv",
        "offtopic_check13.txt",
        "posts_check17.tsv",
    )
    # round 28: a check set only, the kiosk's whole mix, run only at the end of the stop
    check19 = _split(
        "check 19 (fresh 4)",
        "check",
        "questions_check15.tsv",
        "offtopic_check14.txt",
        "posts_check18.tsv",
    )
    # round 37: a check set only, the kiosk's whole mix, written before rounds 34-36 were learnt
    check20 = _split(
        "check 20 (fresh 5)",
        "check",
        "questions_check16.tsv",
        "offtopic_check15.txt",
        "posts_check19.tsv",
    )
    # round 38: a check set only, the kiosk's whole mix, written before the wording reading
    check21 = _split(
        "check 21 (fresh 6)",
        "check",
        "questions_check17.tsv",
        "offtopic_check16.txt",
        "posts_check20.tsv",
    )
    # round 40: a check set only, the kiosk's whole mix, written after the wording reading
    check22 = _split(
        "check 22 (fresh 7)",
        "check",
        "questions_check18.tsv",
        "offtopic_check17.txt",
        "posts_check21.tsv",
    )
    # round 41: a check set only, the kiosk's whole mix, written before the weak-spots round
    check23 = _split(
        "check 23 (fresh 8)",
        "check",
        "questions_check19.tsv",
        "offtopic_check18.txt",
        "posts_check22.tsv",
    )
    # round 45: a check set only, in the manner of real public posts and patient FAQ pages
    check24 = _split(
        "check 24 (real voices)",
        "check",
        "questions_check20.tsv",
        "offtopic_check19.txt",
        "posts_check23.tsv",
    )
    # round 46: a check set only, like check 24 from the other pages of its half
    check25 = _split(
        "check 25 (real voices 2)",
        "check",
        "questions_check21.tsv",
        "offtopic_check20.txt",
        "posts_check24.tsv",
    )
    # round 47: a check set only, like checks 24 and 25 from other pages of their half
    check26 = _split(
        "check 26 (real voices 3)",
        "check",
        "questions_check22.tsv",
        "offtopic_check21.txt",
        "posts_check25.tsv",
    )
    # rounds 48 and 49: a check set only, like checks 24 to 26 from other pages of their half
    check27 = _split(
        "check 27 (real voices 4)",
        "check",
        "questions_check23.tsv",
        "offtopic_check22.txt",
        "posts_check26.tsv",
    )
    # round 50: a check set only, short messages typed at the kiosk in many voices
    check28 = _split("check 28 (typed 2)", "check", "questions_check24.tsv", "offtopic_check23.txt")
    # round 51: a check set only, the themes and AI scribes in medical care, before it
    check29 = _split(
        "check 29 (themes 2)",
        "check",
        "questions_check25.tsv",
        "offtopic_check24.txt",
        "posts_check27.tsv",
    )
    # round 52: a check set only, long posts whose story carries the worry, before that round
    check30 = _split("check 30 (stories 4)", "check", posts="posts_check28.tsv")
    # round 53: a check set only, plain short questions as first typed, before that round
    check31 = _split("check 31 (plain 2)", "check", "questions_check26.tsv", "offtopic_check25.txt")
    # round 54: a check set only, worries put indirectly, before it
    check32 = _split(
        "check 32 (indirect)",
        "check",
        "questions_check27.tsv",
        "offtopic_check26.txt",
        "posts_check29.tsv",
    )
    # round 55: a check set only, from the design's bare list of concern ids, before it
    check33 = _split(
        "check 33 (bare)",
        "check",
        "questions_check28.tsv",
        "offtopic_check27.txt",
        "posts_check30.tsv",
    )
    # round 56: a check set only, like check 33 by another writer, half in medical care
    check34 = _split(
        "check 34 (bare 2)",
        "check",
        "questions_check29.tsv",
        "offtopic_check28.txt",
        "posts_check31.tsv",
    )
    # round 57: a check set only, like checks 33 and 34 by another writer, in other voices
    # (its round's tune rows were tried and not learnt)
    check35 = _split(
        "check 35 (bare 3)",
        "check",
        "questions_check30.tsv",
        "offtopic_check29.txt",
        "posts_check32.tsv",
    )
    # round 58: a check set typed as texts, like checks 33-35 by another writer
    check36 = _split(
        "check 36 (texting)",
        "check",
        "questions_check31.tsv",
        "offtopic_check30.txt",
        "posts_check33.tsv",
    )
    # round 59: a check set on `legal`, `limits` and the ids they are confused with, by a writer
    # given only the design and the seed article, after courts moved to `limits`
    check37 = _split(
        "check 37 (law)",
        "check",
        "questions_check32.tsv",
        "offtopic_check31.txt",
        "posts_check34.tsv",
    )
    # round 60: a check set to the frozen split's spec in settings the earlier ones lack (video,
    # couples and family, employer and college counselling), by a writer given only the design
    check38 = _split(
        "check 38 (bare 4)",
        "check",
        "questions_check33.tsv",
        "offtopic_check32.txt",
        "posts_check35.tsv",
    )
    # rounds 61 and 62: two check sets like check 38, in specialist services and community clinics
    check39 = _split(
        "check 39 (bare 5)",
        "check",
        "questions_check34.tsv",
        "offtopic_check33.txt",
        "posts_check36.tsv",
    )
    check40 = _split(
        "check 40 (bare 6)",
        "check",
        "questions_check35.tsv",
        "offtopic_check34.txt",
        "posts_check37.tsv",
    )
    # rounds 63 and 64: forum and FAQ posts half in medical care; very short, half-formed messages
    check41 = _split(
        "check 41 (bare 7)",
        "check",
        "questions_check36.tsv",
        "offtopic_check35.txt",
        "posts_check38.tsv",
    )
    check42 = _split(
        "check 42 (bare 8)",
        "check",
        "questions_check37.tsv",
        "offtopic_check36.txt",
        "posts_check39.tsv",
    )
    # round 65: real misspellings, a tune set the matcher does not learn from and its check twin
    typos = _split("typos (tune)", "", "typos_tune.tsv", "typos_offtopic_tune.txt")
    check43 = _split("check 43 (typos)", "check", "questions_check38.tsv", "offtopic_check37.txt")
    # stop 47: what is NOT kept confidential (limits), and negative questions that ask if it is
    check44 = _split("check 44 (exceptions)", "check", "questions_check39.tsv")
    # stop 48: the same, by a writer who read no data set, before the rule it measures
    check45 = _split("check 45 (edges)", "check", "questions_check40.tsv")
    # stop 50: recorded without being asked (withdraw), and the same words about other worries
    check46 = _split("check 46 (unasked)", "check", "questions_check41.tsv")
    # stop 50: the frozen split's spec in new genres (reviews, portal messages, group chats)
    check47 = _split(
        "check 47 (genres)",
        "check",
        "questions_check42.tsv",
        "offtopic_check38.txt",
        "posts_check40.tsv",
    )
    # stop 54: worries asked as questions of manner or place ("what's the best way to ...")
    check48 = _split("check 48 (manner)", "check", "questions_check43.tsv", "offtopic_check39.txt")
    # stop 56: when care changes (a new therapist or clinic, moving away, the vendor sold)
    check49 = _split(
        "check 49 (moving on)",
        "check",
        "questions_check44.tsv",
        "offtopic_check40.txt",
        "posts_check41.tsv",
    )
    # stop 59: young clients and age, and the same words about other worries
    check50 = _split("check 50 (ages)", "check", "questions_check45.tsv", "offtopic_check41.txt")
    # stop 60: key words in inflected and derived forms, and fragments
    check51 = _split(
        "check 51 (word forms)", "check", "questions_check46.tsv", "offtopic_check42.txt"
    )
    # stop 62: quick, elliptical follow-ups ("what about ...", "and the ...?")
    check52 = _split(
        "check 52 (follow-ups)", "check", "questions_check47.tsv", "offtopic_check43.txt"
    )
    # stop 64: one's own notes, record and recording (notes_access), the recap, found out later
    check53 = _split("check 53 (records)", "check", "questions_check48.tsv", "offtopic_check44.txt")
    test = _split(
        "test (frozen)", "frozen", "questions_test.tsv", "offtopic_test.txt", "posts_test.tsv"
    )
    return [
        *(train, dev, dev6, check, check2, check3, dev7, check4, dev8, check5, check6),
        *(dev10, check7, dev11, check8, dev12, check9, dev13, check10, check11),
        *(dev14, check12, check13, dev15, check14, check15, check16),
        *(check17, check18, check19, check20, check21, check22),
        *(check23, check24, check25, check26, check27, check28, check29, check30, check31),
        *(check32, check33, check34, check35, check36, check37, check38, check39, check40),
        *(check41, check42, typos, check43, check44, check45, check46, check47, check48),
        *(check49, check50, check51, check52, check53, test),
    ]
