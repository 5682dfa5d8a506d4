"""The concern matcher: accuracy on the dev sets (never the frozen test split), rejection of
off-topic messages, a second concern in long posts, the semantic model it ships with, and the
lexicon (dialogs/lexicon.toml) it reads its words from."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reading_support import small_matcher

import assistant.engine.matcher as matcher_module
from assistant.engine.analyzer import Analyzer, stem_word
from assistant.engine.concerns import load_concerns
from assistant.engine.language import default_language
from assistant.engine.lexicon import default_lexicon, load_lexicon
from assistant.engine.matcher import CUTOFF, Match, Matcher, lexicon_problems
from assistant.engine.phrasings import default_phrasings
from assistant.engine.sentences import SentenceKinds, marked_sentences

DATA = Path(__file__).parents[1] / "data"
POSTS = Path(__file__).parents[2] / "dialogs" / "posts"
"""The tune posts of earlier rounds, which the matcher learns from."""


def data_file(name: str) -> Path:
    """A tune file by name: a posts file in dialogs/posts/, any other in tests/data/."""
    return POSTS / name if (POSTS / name).exists() else DATA / name


LEXICON = Path(__file__).parents[2] / "dialogs" / "lexicon.toml"
CONCERNS = load_concerns()


CONCERN_IDS = frozenset(c.id for c in load_concerns())


class Remembered:
    """The session's matcher with each message's match worked out once for this module: its
    accuracy tests read the same phrasings and posts several times (some 10,000 messages at
    about a millisecond each). The matcher keeps no state between messages
    (`test_deterministic`, on the matcher itself), so a match is the same every time."""

    def __init__(self, matcher: Matcher) -> None:
        self._matcher = matcher
        self._seen: dict[str, Match] = {}

    def match(self, text: str) -> Match:
        got = self._seen.get(text)
        if got is None:
            got = self._seen[text] = self._matcher.match(text)
        return got

    def __getattr__(self, name: str) -> object:
        return getattr(self._matcher, name)


@pytest.fixture(scope="module")
def matcher(shipped_matcher: Matcher) -> Remembered:
    """`Remembered`: the session's matcher, each match worked out once for the module."""
    return Remembered(shipped_matcher)


HEARD = default_phrasings()
"""dialogs/phrasings.tsv: the short questions and small talk of earlier tune rounds, which the
matcher now learns from (bench/bench_matcher_folds.py judges them held out)."""
SETS = (
    "posts.tsv",
    "posts_dev2.tsv",
    "posts_dev3.tsv",
    "posts_dev4.tsv",
    "posts_dev5.tsv",
)


def labelled(name: str) -> list[tuple[str, str]]:
    """(concern, text) rows; a post's second concern (`also`) is left out."""
    rows = []
    for line in data_file(name).read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            fields = line.split("\t")
            rows.append((fields[0], fields[-1]))
    return rows


def posts_with_also(name: str) -> list[tuple[str, str, str]]:
    """(concern, also, text) rows of a post set with a second-concern column."""
    rows = []
    for line in data_file(name).read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            concern, also, text = line.split("\t")
            rows.append((concern, also, text))
    return rows


def lines(name: str) -> list[str]:
    return [
        line
        for line in data_file(name).read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


def accuracy(matcher: Matcher, rows: list[tuple[str, str]]) -> tuple[float, list[str]]:
    misses = []
    for concern, text in rows:
        got = matcher.match(text)
        if got.concern != concern:
            misses.append(f"{concern} -> {got.concern} ({got.score:.0f}): {text[:70]}")
    return 1 - len(misses) / len(rows), misses


def rejection(matcher: Matcher, texts: list[str]) -> tuple[float, list[str]]:
    kept = [f"{m.concern} ({m.score:.0f}): {m.text}" for m in map(matcher.match, texts)]
    kept = [k for k, t in zip(kept, texts, strict=True) if matcher.match(t).status != "none"]
    return 1 - len(kept) / len(texts), kept


# ---------------------------------------------------------------- the data sets


def test_phrasings_cover_every_concern_and_small_talk() -> None:
    counts = Counter(p.concern for p in HEARD)
    assert set(counts) - {None} == CONCERN_IDS
    assert min(n for c, n in counts.items() if c) >= 30, counts.most_common()[-3:]
    assert counts[None] >= 160


def test_posts_are_long_and_cover_every_concern() -> None:
    rows = labelled("posts.tsv")
    assert len(rows) >= 60
    assert {concern for concern, _ in rows} <= CONCERN_IDS
    several = [t for _, t in rows if len(re.findall(r"[.!?]+(?:\s|$)", t)) >= 2]
    assert len(several) >= 0.7 * len(rows), "posts should mostly be several sentences long"


def test_labelled_set_is_not_the_examples() -> None:
    examples = {e.lower() for c in CONCERNS for e in c.examples}
    examples |= {p.text.lower() for p in HEARD}
    texts = [t for name in SETS for _, t in labelled(name)]
    assert not [t for t in texts if t.lower() in examples]
    assert len(set(texts)) == len(texts), "a message is in two labelled sets"


# ---------------------------------------------------------------- quality


def test_phrasings_find_their_own_concern(matcher: Matcher) -> None:
    # What it learnt from: a floor against a change that stops it using them (96.2% today;
    # 93.8% when it learns from none of them). Not compared for likeness, they are not all
    # read back as their own concern.
    rows = [(p.concern, p.text) for p in HEARD if p.concern is not None]
    score, misses = accuracy(matcher, rows)
    assert score >= 0.95, f"accuracy {score:.1%}; misses:\n" + "\n".join(misses)
    score, kept = rejection(matcher, [p.text for p in HEARD if p.concern is None])
    assert score >= 0.97, f"small talk rejected {score:.1%}; kept:\n" + "\n".join(kept)


@pytest.mark.parametrize(
    ("name", "floor"),
    [
        ("posts_dev2.tsv", 0.88),
        ("posts_dev3.tsv", 0.80),
        # Round 3, new voices (texting, UK/AU idiom, non-native English); tuned on.
        ("posts_dev4.tsv", 0.85),
        # Round 5, forum/Reddit stories, emails to a clinic, FAQ-style worries; tuned on.
        ("posts_dev5.tsv", 0.78),
    ],
)
def test_top1_accuracy_on_the_second_dev_sets(matcher: Matcher, name: str, floor: float) -> None:
    score, misses = accuracy(matcher, labelled(name))
    assert score >= floor, f"{name}: accuracy {score:.1%}; misses:\n" + "\n".join(misses)


def test_sure_answers_are_rarely_wrong(matcher: Matcher) -> None:
    rows = [row for name in SETS for row in labelled(name)]
    rows += [(p.concern or "-", p.text) for p in HEARD]
    sure_wrong = [
        f"{c} -> {m.concern}: {t[:70]}"
        for c, t in rows
        if (m := matcher.match(t)).answered and m.concern != c
    ]
    assert len(sure_wrong) <= 0.025 * len(rows), "\n".join(sure_wrong)


def test_top1_accuracy_on_forum_style_posts(matcher: Matcher) -> None:
    # Long first-person posts, statements more than questions, several topics with one on top.
    score, misses = accuracy(matcher, labelled("posts.tsv"))
    assert score >= 0.85, f"accuracy {score:.1%}; misses:\n" + "\n".join(misses)


@pytest.mark.parametrize(
    "text",
    [
        "what's the weather like",
        "where do I park",
        "how do I pay my bill",
        "what time is it",
        "how do I reset my password",
        "",
        "   ",
        "?!",
        "asdf qwer zxcv",
    ],
)
def test_small_talk_and_noise_get_no_concern(matcher: Matcher, text: str) -> None:
    got = matcher.match(text)
    assert (got.status, got.concern) == ("none", None)


def test_every_example_finds_its_own_concern(matcher: Matcher) -> None:
    wrong = [
        f"{c.id}: {e} -> {matcher.match(e).concern}"
        for c in CONCERNS
        for e in c.examples
        if matcher.match(e).concern != c.id
    ]
    total = sum(len(c.examples) for c in CONCERNS)
    assert len(wrong) <= total * 0.03, "\n".join(wrong)


@pytest.mark.parametrize(
    ("text", "concern"),
    [
        ("is this confidentail", "privacy"),  # typo
        ("can the recordng be subpenaed", "limits"),  # two typos
        ("HOW LONG DO YOU KEEP THE AUDIO", "deletion"),
        ("i dont want to use my real name", "pseudonym"),
        ("can i take my consent back later on", "withdraw"),  # gapped phrase
        ("how do i cancel my appointment", None),  # "cancel" alone is not withdrawing
        (
            "I've been in therapy for years and never minded notes. But now my counselor wants an "
            "AI scribe, and I read that these companies feed what they record into their models. "
            "I really don't want my worst days to end up as training data for some startup.",
            "data_use",
        ),
        (
            "My ex is fighting me for custody. His lawyer already asked for my medical records. "
            "If you record our sessions, could that end up in front of the judge?",
            "limits",
        ),
        (
            "Last month the notes said I was drinking every day. I never said that. Who reads "
            "what the AI writes before it goes into my chart?",
            "accuracy",
        ),
    ],
)
def test_typos_statements_and_long_posts(matcher: Matcher, text: str, concern: str | None) -> None:
    assert matcher.match(text).concern == concern


@pytest.mark.parametrize(
    "text",
    [
        "is it even legal to tape my counselling",
        "what law covers recording me like this",
        "do you need my permission by law before recording",
    ],
)
def test_whether_recording_is_lawful_is_a_legal_question(matcher: Matcher, text: str) -> None:
    # Round 55's writers (only the design's bare list of ids) put lawfulness under `legal` and
    # a court reaching the records under `limits`, as DESIGN.md lists court orders; so do we.
    assert matcher.match(text).concern == "legal"


@pytest.mark.parametrize(
    ("text", "concern"),
    [
        # recorded already, without being asked: how consent works here and how to stop it
        ("my appointment letter says the AI wrote the notes but nobody asked me", "withdraw"),
        ("they switched the scribe on and never asked me", "withdraw"),
        ("was the tablet listening the whole time without my permission?", "withdraw"),
        ("you lot recorded me behind my back", "withdraw"),
        # the same words about another worry
        ("can you use my recordings for research without asking me", "data_use"),
        ("is it even legal to record someone without their consent", "legal"),
        ("nobody asked my husband before recording him", "participants"),
        ("someone moved my appointment without asking me", None),
    ],
)
def test_recorded_without_being_asked_is_taking_consent_back(
    matcher: Matcher, text: str, concern: str | None
) -> None:
    # The theme "finding out afterwards that they were recorded" goes to `withdraw`
    # (round 66, check 46); the words that say no one asked are one concept (`unasked` in the
    # lexicon) that other worries use too. The first case read as notes_access before round 66.
    assert matcher.match(text).concern == concern


def test_consent_never_sought_is_one_concept() -> None:
    analyzer = Analyzer(default_lexicon(), ())
    for text in ("nobody asked me", "I never agreed", "behind my back", "without my permission"):
        assert analyzer.concepts(text) == ["unasked"], text


@pytest.mark.parametrize(
    ("text", "concern"),
    [
        # "taped", "tape running", "mic": the recording, however it is named
        ("I'd never be able to open up about my abuse if I knew a tape was running.", "openness"),
        ("Knowing it's being taped, I couldn't talk about my childhood.", "openness"),
        ("if a mic is recording me I wont be able to say what I really feel", "openness"),
        # a name in a company's system is about the name, not about hackers
        ("I don't want my legal name stored in the vendor's system.", "pseudonym"),
        ("please dont put my full name in your computer system", "pseudonym"),
        # staying on a server is about keeping it
        ("How long does the audio sit on the cloud before it's gone?", "deletion"),
        ("will my recordings stay on the server after i leave", "deletion"),
        # still being seen without signing is about saying no
        ("Will I still be able to see my counselor if I don't sign?", "decline"),
        ("Is signing this a condition of continuing therapy with her?", "decline"),
        # the police asking for it is one of the limits on privacy (DESIGN.md: court orders)
        ("how likely is it that the cops could demand these", "limits"),
        # a misquote and a wrong relative are mistakes in the notes
        (
            "The summary said I was the one who felt worthless when I actually said it was my "
            "brother. Now that's sitting in my chart and I don't know who checks these things.",
            "accuracy",
        ),
    ],
)
def test_generalises_to_new_wording(matcher: Matcher, text: str, concern: str) -> None:
    got = matcher.match(text)
    assert got.concern == concern, got


@pytest.mark.parametrize(
    "text",
    [
        "do you know a good sushi spot around here",
        "can you suggest a good burger place",
        "can you record my temperature",
        "my insurance card is expired",
        "is the AI photo exhibit open today",
        "my phone is out of storage",
        "when is my court date for the speeding ticket",
        "my wife is picking me up at five",
    ],
)
def test_everyday_words_of_the_concerns_are_not_a_concern(matcher: Matcher, text: str) -> None:
    got = matcher.match(text)
    assert (got.status, got.concern) == ("none", None), got


# ---------------------------------------------------------------- a second worry in a long post


def test_a_long_post_gets_its_main_worry_and_the_second_one(matcher: Matcher) -> None:
    got = matcher.match(
        "My ex and I are fighting over custody and his lawyer is vicious. Could a court make "
        "you hand over my recordings? Separately, I would really like to read the notes myself "
        "and get my own copy."
    )
    assert (got.concern, got.also) == ("limits", "notes_access"), got


@pytest.mark.parametrize(
    "text",
    [
        "can a court subpoena my recordings?",  # one sentence: one worry
        "Is this private? I just need to know it stays private.",  # the same worry twice
    ],
)
def test_no_second_worry_where_there_is_none(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).also is None


def second_worries(matcher: Matcher, names: tuple[str, ...]) -> tuple[list[Match], float, float]:
    """The matches of the posts in `names`, the share of second worries found, and the share
    of posts with none that were offered one."""
    rows = [r for name in names for r in posts_with_also(name)]
    matches = [matcher.match(text) for _, _, text in rows]
    with_also = [(m, also) for m, (_, also, _) in zip(matches, rows, strict=True) if also != "-"]
    found = sum(m.also == also for m, also in with_also) / len(with_also)
    offered = [m for m, (_, also, _) in zip(matches, rows, strict=True) if also == "-"]
    wrongly = sum(m.also is not None for m in offered) / len(offered)
    return matches, found, wrongly


def test_second_worries_in_the_dev_posts(matcher: Matcher) -> None:
    matches, found, wrongly = second_worries(matcher, ("posts_dev2.tsv", "posts_dev3.tsv"))
    assert found >= 0.30 and wrongly <= 0.25, (found, wrongly)
    assert all(m.also is None or m.also != m.concern for m in matches)


def test_second_worries_in_the_round_3_and_5_posts(matcher: Matcher) -> None:
    _, found, wrongly = second_worries(matcher, ("posts_dev4.tsv", "posts_dev5.tsv"))
    # before the second worry had to come from a sentence that asks: 33% found, 21% wrongly;
    # 50% found (21 of 42) before rounds 16-21's phrasings, 45% (19 of 42) with them, 43%
    # (18 of 42) with rounds 24-25's (over every check set's posts: 202 -> 201 of 402 found)
    assert found >= 0.40 and wrongly <= 0.15, (found, wrongly)


@pytest.mark.parametrize(
    "text",
    [
        # the story around the question names another worry's words; only the question asks
        "I have been sent a consent form and it is four pages long. I'm not a lawyer. What am I "
        "agreeing to when I sign it?",
        "Kind regards and thanks for the summary of the practice. Who can read my notes?",
        "My husband is a network engineer and talks about hackers all day. Who at the clinic can "
        "read my notes?",
    ],
)
def test_the_story_around_a_question_raises_no_second_worry(matcher: Matcher, text: str) -> None:
    got = matcher.match(text)
    assert got.concern is not None and got.also is None, got


def test_sentences_know_their_question_marks_and_are_read_once() -> None:
    assert marked_sentences("I signed it. Can I take it back? Please tell me how") == [
        ("I signed it", False),
        (" Can I take it back", True),
        (" Please tell me how", False),
    ]
    assert marked_sentences("Who can read my notes?  who can read my  notes?") == [
        ("Who can read my notes", True)
    ]
    assert marked_sentences("...") == [("...", False)]


@pytest.mark.parametrize(
    ("text", "main", "also"),
    [
        ("Can my boss read the notes? Also, could a lawyer subpoena them?", "access", "limits"),
        ("Could a lawyer subpoena the notes? Also, can my boss read them?", "limits", "access"),
        # two questions typed at once: before `second_worry.asked_apart`, the vague "who reads
        # it" was left out, and the one read more surely came first whichever was asked first
        ("Who reads it? How long is it kept?", "access", "deletion"),
        ("How long is it kept? Who reads it?", "deletion", "access"),
    ],
)
def test_of_two_close_worries_the_first_raised_is_the_main_one(
    matcher: Matcher, text: str, main: str, also: str
) -> None:
    got = matcher.match(text)
    assert (got.concern, got.also) == (main, also), got


def test_the_story_before_a_question_does_not_outweigh_it(matcher: Matcher) -> None:
    # "English is not my first language" is, asked, about accuracy; here it is only context
    post = (
        "English is not my first language, sorry for mistakes. Long time lurker, first post."
        " Could a court order my therapist to hand over the recordings?"
    )
    assert matcher.match(post).concern == "limits"


def test_sentences_that_add_a_point() -> None:
    kinds = SentenceKinds(default_lexicon(), default_language())
    assert kinds.adds("and separately can i get a copy")  # an `additive` opening
    assert kinds.adds("i would also like to know who reads it")  # an `adding` word early on
    assert not kinds.adds("i am a nurse and my husband works in it")
    assert not kinds.adds("who reads it and will they also tell my boss")  # too late to add


def test_second_worries_in_the_round_6_posts(matcher: Matcher) -> None:
    _, found, wrongly = second_worries(matcher, ("posts_dev6.tsv",))
    # before a sentence that adds a point ("and separately, ...") needed less: 47% found, 2%
    assert found >= 0.60 and wrongly <= 0.10, (found, wrongly)


def test_a_message_without_full_stops_is_read_clause_by_clause() -> None:
    run_on = (
        "so my therapist wants to record the sessions with some ai thing and honestly i am fine"
        " with most of it but i want the recording deleted once the note is written and also can"
        " my husband ever read the notes?"
    )
    assert marked_sentences(run_on) == [
        ("so my therapist wants to record the sessions with some ai thing", False),
        ("and honestly i am fine with most of it", False),
        ("but i want the recording deleted once the note is written", False),
        ("and also can my husband ever read the notes", True),
    ]
    short = "I signed it and I want to take it back because I was rushed"  # not a run-on
    assert marked_sentences(short) == [(short, False)]


def test_a_sentence_that_asks_two_things_is_read_as_two() -> None:
    assert marked_sentences("Is it private and how long do you keep the recordings?") == [
        ("Is it private", True),
        ("how long do you keep the recordings", True),
    ]
    assert marked_sentences("Who reads it, and whether my boss can, I don't know.") == [
        ("Who reads it", False),
        ("whether my boss can, I don't know", False),
    ]
    for whole in (
        "my therapist is young and is still training",  # no question: "and is" joins
        "Is the audio encrypted when it is sent and when it is stored?",  # "when": one question
        "Is it private and safe?",  # too short to be two questions
    ):
        assert [p for p, _ in marked_sentences(whole)] == [whole.rstrip("?")]


def test_a_numbered_list_reads_as_its_sentences() -> None:
    """A list's numbers are no sentences and open none: "1." was read as a sentence of its
    own, and "2) how long" opened with a number, not with the word that asks."""
    for listed in (
        "1. Who reads it? 2. How long is it kept?",
        "1) Who reads it? 2) How long is it kept?",
        "(a) Who reads it? (b) How long is it kept?",
    ):
        parts = [(p.strip(), asked) for p, asked in marked_sentences(listed)]
        assert parts == [("Who reads it", True), ("How long is it kept", True)], listed
    # a number that says something stays
    assert [p.strip() for p, _ in marked_sentences("I have 2 kids. Who reads it?")] == [
        "I have 2 kids",
        "Who reads it",
    ]


def test_a_decimal_point_ends_no_sentence() -> None:
    assert [p.strip() for p, _ in marked_sentences("It lasts 1.5 hours. Is it kept?")] == [
        "It lasts 1.5 hours",
        "Is it kept",
    ]


@pytest.mark.parametrize("mark", ["{}.", "{})"])
def test_a_numbered_post_reads_as_the_post(matcher: Matcher, mark: str) -> None:
    """Set out as "1) ... 2) ...", the post below lost its second worry (who owns it)."""
    sentences = ["Quick ones.", "Is this legal where I live?", "Who owns the recordings?"]
    listed = " ".join(f"{mark.format(n)} {s}" for n, s in enumerate(sentences, 1))
    plain, numbered = matcher.match(" ".join(sentences)), matcher.match(listed)
    assert (numbered.concern, numbered.also) == (plain.concern, plain.also) == ("legal", "data_use")


def test_the_second_thing_a_sentence_asks_is_offered(matcher: Matcher) -> None:
    got = matcher.match("Is it private and how long do you keep the recordings?")
    assert (got.concern, got.also) == ("privacy", "deletion"), got


def test_a_post_pasted_twice_reads_as_once(matcher: Matcher) -> None:
    post = "My boss is nosy. Could my employer read my therapy notes? "
    once, thrice = matcher.match(post), matcher.match(post * 3)
    assert (thrice.concern, thrice.score, thrice.also) == (once.concern, once.score, once.also)


# ---------------------------------------------------------------- the words we list


def _stems(texts: list[str]) -> set[str]:
    language = default_language()
    return {stem_word(w) for t in texts for w in language.tokens(t)}


def test_every_listed_word_is_used_somewhere() -> None:
    """Vocabulary that only a test sentence uses is not generalising: every word or phrase of
    [concepts] and every off-topic keyword must have all its words in the content (a concern's
    examples, keywords or key points, which rehearsal scoring reads with the same lexicon; an
    off-topic example) or in a dev row (tests/data: the matcher's sets, the dev part of
    clinician_answers.tsv, clinician_lines_tune.tsv; never a test or frozen row). Irregular
    word forms ("kept" is "keep") are grammar, not vocabulary, and are not held to this."""
    lexicon = default_lexicon()
    used = [t for c in CONCERNS for t in (*c.examples, *c.keywords)]
    used += [
        t for c in CONCERNS for k in c.key_points for t in (k.text, k.follow_up, *k.paraphrases)
    ]
    used += [*lexicon.offtopic_examples]
    for line in lines("clinician_answers.tsv"):
        if line.startswith("dev\t"):
            used.append(line.split("\t")[-1])
    used += [line.split("\t")[-1] for line in lines("clinician_lines_tune.tsv")]
    used += [p.text for p in HEARD]
    for path in POSTS.glob("*.tsv"):
        used += [t for _, t in labelled(path.name)]
    known = _stems(used)
    unused = [
        f"{concept}: {surface!r}"
        for concept, surfaces in lexicon.concepts.items()
        for surface in surfaces
        if not _stems([surface]) <= known
    ]
    unused += [
        f"offtopic keyword {k!r}" for k in lexicon.offtopic_keywords if stem_word(k) not in known
    ]
    assert unused == [], "\n".join(unused)


# ---------------------------------------------------------------- the contract


def test_match_shape_and_statuses(matcher: Matcher) -> None:
    sure = matcher.match("can a court subpoena my recordings?")
    assert isinstance(sure, Match)
    assert (sure.status, sure.concern) == ("sure", "limits")
    assert sure.text == "can a court subpoena my recordings?"
    assert 0 <= sure.score <= 100
    assert len(sure.candidates) == 2
    assert sure.candidates[0] == ("limits", sure.score)
    assert sure.candidates[0][1] >= sure.candidates[1][1]
    none = matcher.match("where is the bathroom")
    assert (none.status, none.concern) == ("none", None)
    assert none.candidates and none.score < 100


def test_unsure_between_two_close_concerns(matcher: Matcher) -> None:
    # Asks about two things at once: the engine should ask which one was meant.
    got = matcher.match("wait, who else can see the summaries?")
    assert got.status == "unsure"
    assert {got.candidates[0][0], got.candidates[1][0]} == {"access", "summary"}
    assert got.concern == got.candidates[0][0]
    assert got.score >= CUTOFF


def test_deterministic(shipped_matcher: Matcher) -> None:
    # twice alike: nothing of one message stays to sway the next (that a matcher read back
    # from the cache reads as the one built is `test_matcher_store`'s, and that one built in
    # another process reads alike is `test_same_every_run`'s)
    texts = [p.text for p in HEARD[:80]]
    first = [shipped_matcher.match(t) for t in texts]
    assert first == [shipped_matcher.match(t) for t in reversed(texts)][::-1]


def test_subsets_do_not_score_full_marks(matcher: Matcher) -> None:
    # token_set_ratio would give 100 to a single shared word; the matcher must not.
    for word in ("recording", "session", "notes", "therapist", "the"):
        assert matcher.match(word).status != "sure", word


def test_lexicon_is_consistent() -> None:
    assert lexicon_problems() == []


# ---------------------------------------------------------------- the lexicon file


def test_default_lexicon_is_loaded_once_and_used_by_default() -> None:
    assert default_lexicon() is default_lexicon()
    small = small_matcher()
    assert small.lexicon is default_lexicon()
    assert small.match("is it private").concern == "privacy"


def test_a_clinic_can_add_a_synonym(tmp_path: Path, matcher: Matcher) -> None:
    text = LEXICON.read_text("utf-8")
    assert '\ndelete = ["' in text
    edited = _write(tmp_path, text.replace('\ndelete = ["', '\ndelete = ["yeet", "'))
    question = "yeet my recording please"
    # Without the synonym the matcher can only guess from the rest ("my recording") and does
    # not find deletion; with it, deletion comes first (the meaning model, which has not
    # learnt the word, reads "... please" as an errand, so it asks "did you mean" to be safe).
    # Two small matchers of the same data, the lexicon their one difference (`small_matcher`:
    # the shipped one takes ten times as long to build), and the shipped one before.
    assert matcher.match(question).concern != "deletion"
    before = small_matcher().match(question)
    assert before.concern != "deletion"
    after = small_matcher(load_lexicon(edited)).match(question)
    assert after.concern == "deletion" and after.status != "none"
    # first, ahead of the runner-up (by 25 points before the wording reading, which has not
    # learnt the word either and reads "my recording please" its own way; by about 6 since)
    assert after.candidates[0][1] >= after.candidates[1][1] + 5


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "lexicon.toml"
    path.write_text(text, "utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('keep = ["keep",', 'keep = ["erase", "keep",', r"concepts\.keep: 'erase' is listed under"),
        ('\ndelete = ["delete",', '\ndelete = "delete"\nx = [', r"concepts\.delete: must be a"),
        ('software = "ai"', 'software = "robots"', r"topics\.software: must be a concern id"),
        (
            'anchors = ["ai",',
            'anchors = ["nope", "ai",',
            r"offtopic\.anchors: 'nope' is no concept",
        ),
        ('[words]\nstop = """\n', '[words]\nstop = """\ndon\'t\n', r"words\.stop: \"don't\""),
        ("[irregular]\n", "[irregular]\nKept = 'keep'\n", r"irregular\.Kept: the word form"),
        (
            "[[gapped]]\npattern = '",
            "[[gapped]]\npattern = '(",
            r"gapped\[0\]\.pattern: not a valid",
        ),
        ("[[gapped]]\n", "[[gapped]]\nbecome = 'x'\n", r"gapped\[0\]: unknown key 'become'"),
        ("[concepts]\n", "[concept]\n", r"concept: unknown table"),
        ('frame_talks = ["speak to",', 'frame_talks = ["speak",', r"words\.frame_talks: 'speak'"),
    ],
)
def test_lexicon_errors_name_the_file_and_the_key(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    text = LEXICON.read_text("utf-8")
    assert old in text, old
    with pytest.raises(ValueError, match=r"lexicon\.toml: " + message) as caught:
        load_lexicon(_write(tmp_path, text.replace(old, new, 1)), tuple(CONCERN_IDS))
    assert "\n" not in str(caught.value)


def test_lexicon_file_errors(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not valid TOML"):
        load_lexicon(_write(tmp_path, "[concepts\n"))
    with pytest.raises(ValueError, match="cannot read the lexicon"):
        load_lexicon(tmp_path / "nope.toml")
    (tmp_path / "latin1.toml").write_bytes("[concepts]\nx = ['caf\xe9']\n".encode("latin-1"))
    with pytest.raises(ValueError, match="not UTF-8"):
        load_lexicon(tmp_path / "latin1.toml")


@pytest.mark.parametrize(
    "text",
    [
        "can my boyfriend read the notes you keep",
        # since the wording reading (WORDING) access leads notes_access (99.2 to 97.1); the
        # kiosk still asks which of the two was meant
        "could my dad look at what the AI wrote",
        "is my sister going to find out what I said",
        "will my health plan find out about my sessions",  # the lexicon's words for the insurer
    ],
)
def test_someone_else_who_may_see_is_a_question_of_access(matcher: Matcher, text: str) -> None:
    # "can my X see ..." asks who can see the notes, not about a person in the session
    assert matcher.match(text).concern == "access"


def test_someone_else_who_may_read_the_recap_is_offered_access(matcher: Matcher) -> None:
    # Whether someone else may read the summary sent after a session is close to both: the
    # client is asked which they meant, access among them (the words say access, the meaning
    # of "the recap you send me" says summary).
    got = matcher.match("can my boyfriend read the recap you send me")
    assert got.status != "none" and "access" in dict(got.candidates)


@pytest.mark.parametrize(
    ("text", "concern"),
    [
        ("can i listen back to the recording of my consultation", "notes_access"),
        ("is the consultation recorded by the ai kept on a server", "deletion"),
        ("will my GP still see me if i say no to the ai", "decline"),
    ],
)
def test_the_words_of_medical_care_name_the_visit_and_the_clinician(
    matcher: Matcher, text: str, concern: str
) -> None:
    # a GP's or a hospital's "consultation" is the recorded visit itself (not supervision), and
    # "my GP" is the clinician. ("Appointment" stays an errand word: at a waiting-room kiosk it
    # is mostly about times and letters.)
    assert matcher.match(text).concern == concern


def test_someone_else_who_saw_in_a_story_is_not_that_question(matcher: Matcher) -> None:
    analyzer = matcher._analyzer
    assert "whosees" in analyzer.concepts("will my wife be able to read it")
    assert "whosees" not in analyzer.concepts("every new doctor read that label first")
    assert "whosees" not in analyzer.concepts("can outsiders not read it")


@pytest.mark.parametrize(
    "text",
    [
        "can you turn the tv off",
        "can i have a summary of my invoices",
        "can you turn the lights off",
    ],
)
def test_an_errand_with_one_word_of_a_concern_is_never_answered_surely(
    matcher: Matcher, text: str
) -> None:
    # one telling word ("off", "summary") in what reads as small talk: ask, do not answer
    assert matcher.match(text).status != "sure"


@pytest.mark.parametrize(
    "text",
    ["who apart from my therapist gets to listen", "apart from you is anybody able to listen"],
)
def test_someone_else_than_the_therapist_who_hears_is_a_question_of_privacy(
    matcher: Matcher, text: str
) -> None:
    # not a supervisor or trainee named: who else can hear the sessions at all
    assert matcher.match(text).concern == "privacy"


@pytest.mark.parametrize(
    "text",
    [
        "so which bits do you not keep private?",
        "is there anything that would not stay between us",
        "at what point does my privacy run out",
        "is it all confidential apart from in some cases",
    ],
)
def test_asking_what_is_not_kept_private_is_not_answered_as_privacy(
    matcher: Matcher, text: str
) -> None:
    # which things are NOT kept private, where it ends, what it is private apart from: the
    # exceptions (`limits`). The lexicon's gapped phrases read "exception" after such a
    # question, so the kiosk answers limits or asks which of the two (without them, the last
    # three were answered outright as privacy)
    match = matcher.match(text)
    assert "limits" in {concern for concern, _ in match.candidates}
    assert match.concern == "limits" or not match.answered


@pytest.mark.parametrize(
    "text",
    [
        "my stuff is not private anymore",
        "what if it is not confidential",
        "so what i say will not be private now?",
    ],
)
def test_a_worry_that_it_will_not_be_private_stays_privacy(matcher: Matcher, text: str) -> None:
    # no word that asks which things: a worry about privacy itself, answered as such
    assert matcher.match(text).concern == "privacy"


def test_likeness_compares_only_examples_that_can_reach_the_floor(matcher: Matcher) -> None:
    # Examples too short or too long to reach the floor, and those that share no concept with
    # the sentence, are skipped; the likeness is the same as comparing the sentence with every
    # example that shares a concept with it (non-ASCII characters included, and the examples
    # themselves with a word left out).
    from rapidfuzz import fuzz

    from assistant.engine.lexical import _LIKENESS_FLOOR

    lexical = matcher._lexical
    near = [" ".join(e.split()[1:]) for e in lexical._examples[::40] if " " in e]
    sentences = ["privacy record", "who can see my therapy notes later", "x", "delete"]
    for sentence in (*sentences, "café privacy récord naïve", "日本 record", *near):
        query = " ".join(sorted(sentence.split()))
        full = [0.0] * lexical.size
        for text, owner in zip(lexical._examples, lexical._example_owner, strict=True):
            if set(text.split()).isdisjoint(sentence.split()):
                continue
            ratio = fuzz.ratio(query, text, score_cutoff=_LIKENESS_FLOOR)
            full[owner] = max(full[owner], ratio)
        assert lexical._likeness(sentence) == pytest.approx(full)
    # "breach server" is within reach of "breech screw" by its letters (72), not by a concept
    assert "breach server" in lexical._examples
    assert fuzz.ratio("breech screw", "breach server") > _LIKENESS_FLOOR
    assert lexical._likeness("breech screw") == [0.0] * lexical.size


@pytest.mark.parametrize(
    ("text", "concern"),
    [
        # the client correcting their own record: reading and changing it, `notes_access`
        # (both were `accuracy` before the lexicon's gapped phrase for it)
        ("if the summary has mistakes can I fix them", "notes_access"),
        # who puts the AI's mistakes right: `accuracy`
        ("who corrects the AI's mistakes?", "accuracy"),
        ("does the doctor fix the AI's errors before saving", "accuracy"),
        # whether the tool has been tested asks for evidence (the first was judgment, and sure
        # of it); being tested oneself is `judgment`
        ("Has this technology been tested?", "evidence"),
        ("have these tools been validated", "evidence"),
        ("will I be tested or evaluated", "judgment"),
        # which model it is asks what the AI is; training one is still about the data's use
        ("what model does it run on", "ai"),
        # (small talk, "which ... do you use", from the one-sentence reading until round 58)
        ("which llm do you use", "ai"),
        ("which company trains the model", "data_use"),
    ],
)
def test_gapped_phrases_tell_who_does_what(matcher: Matcher, text: str, concern: str) -> None:
    assert matcher.match(text).concern == concern


def test_editing_the_note_oneself_is_never_answered_as_accuracy(matcher: Matcher) -> None:
    # (accuracy from the wording reading until round 58: "if there are errors"; notes_access
    # then; since rounds 60-64, whose writers filed "can I fix mistakes in my notes" under both,
    # the two tie and the kiosk asks which)
    match = matcher.match("am I allowed to edit the AI's note if there are errors")
    assert match.concern == "notes_access" or (
        match.status == "unsure" and "notes_access" in [c for c, _ in match.candidates]
    )


def test_being_tested_oneself_is_never_answered_as_evidence(matcher: Matcher) -> None:
    # The words read judgment; since round 29's kiosk messages ("is it tested?") the meaning
    # leans to evidence (77 against 71): the kiosk asks which, judgment among the two offered
    match = matcher.match("am I being tested")
    assert match.concern == "judgment" or (
        match.status == "unsure" and "judgment" in [c for c, _ in match.candidates]
    )


def test_refusing_or_revoking_beside_an_errand_word_is_about_consent(matcher: Matcher) -> None:
    # "referral" points to small talk; refusing at this kiosk is about the recording (the
    # lexicon's off-topic anchors hold `refuse` and `revoke`; it was no concern before)
    assert matcher.match("would refusing push my referral back").concern == "decline"
    assert matcher.match("I'd like to book an appointment for next week").status == "none"


def test_only_one_sentence_asking_two_things_is_answered_though_unsure(matcher: Matcher) -> None:
    # The kiosk answers the first and offers the second (Match.answered, what the benches
    # count as answered): one sentence asking two things...
    two = matcher.match("Is it private and how long do you keep the recordings?")
    assert two.status == "unsure" and two.asks_two and two.answered
    # ...but a post unsure between its two worries still asks "did you mean"
    post = matcher.match(
        "Can I stop it halfway through a session if I change my mind? What I really need to know"
        " is whether my insurance company or my boss could ever read the notes."
    )
    assert post.status == "unsure" and post.also is not None and not post.answered


@pytest.mark.parametrize(
    ("text", "chat"),
    [
        ("where are the toilets?", True),
        ("where do I park my car?", True),
        ("does the recorder work if my phone buzzes?", False),
        # the lexicon reads "where do the recordings go" as one concept (where stored), which
        # takes in the word that names the recording: the words as typed still name it
        ("where do the recordings go when the clinic closes for good", False),
        ("how does the recording work when the clinic is closed", False),
        # "can the recording pick up my phone if it rings?" was here: on the line between
        # off-topic and access, which the learnt phrasings have tipped both ways, it came within
        # a tenth of access (87.30 and 87.23), and scores are compared rounded to a tenth, so the
        # last digits of a machine's arithmetic decided it (stop 59's machine read it as access,
        # unsure); put plainly it is clear
        ("can the recording pick up my phone ringing?", False),
        pytest.param(
            "if Dr Lee retires who takes over my therapy notes?",
            False,
            marks=pytest.mark.xfail(
                strict=True,
                reason="since the third real-voices round of phrasings the kiosk asks whether it "
                "is necessity ('Why record at all?', 76.5: 'takes ... notes') or access, instead "
                "of noting it for the clinician",
            ),
        ),
        pytest.param(
            "is the microphone on the ceiling?",
            False,
            marks=pytest.mark.xfail(
                strict=True,
                reason="since the wording reading (WORDING) the kiosk asks whether it is openness "
                "('I might hold back', 88) or decline, instead of noting it for the clinician",
            ),
        ),
    ],
)
def test_small_talk_is_told_from_an_unknown_question_about_the_recording(
    matcher: Matcher, text: str, chat: bool
) -> None:
    """Both match no concern; only the one that names nothing about the recording is small
    talk (sent to the front desk, never noted for the clinician)."""
    found = matcher.match(text)
    assert found.status == "none" and found.small_talk is chat


def test_what_happens_to_the_recording_still_names_the_recording(matcher: Matcher) -> None:
    """The lexicon reads "what happens to the recording" as "where stored" (the deletion
    concept) and keeps the word for the recording beside it: without it the message named
    nothing about the recording, and "what happens to the recording if the clinic closes down"
    ("closes": opening hours) was small talk, sent to the front desk."""
    assert matcher._analyzer.concepts("what happens to my recordings")[-1] == "record"
    found = matcher.match("what happens to the recording if the clinic closes down")
    assert not found.small_talk
    assert found.candidates[0][0] == "deletion"


def test_a_post_is_also_read_as_the_posts_word_their_worries(
    shipped_matcher: Matcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A message of several sentences is also read by the regression learnt from whole posts
    (`POST_WORDING`): a post of dialogs/posts/ about a wrong line in the notes, which the short
    questions' readings take, from "how do I get that corrected?", for reading one's notes, is
    read as the posts word it. (The posts of this test until round 64, about a wrong line in the
    notes, and until stop 62 added rounds 67 and 72, about what the AI does, came to be read
    as the posts word them without it too.)"""
    text = (
        "My note says I have a history of drug use. I don't. I think it confused me with"
        " something I said about my brother. How do I get that corrected?"
    )
    assert shipped_matcher.match(text).concern == "accuracy"
    monkeypatch.setattr(matcher_module, "POST_WORDING", 0.0)  # (not the module's `Remembered`)
    assert shipped_matcher.match(text).concern == "notes_access"


def _well_formed(found: Match, text: str) -> None:
    """A match of any text: known ids, a known status, a score of 0..100."""
    assert found.text == text
    assert found.concern is None or found.concern in CONCERN_IDS
    assert found.status in ("sure", "unsure", "none")
    assert (found.concern is None) == (found.status == "none")
    assert 0.0 <= found.score <= 100.0
    assert all(c in CONCERN_IDS and 0.0 <= s <= 100.0 for c, s in found.candidates)
    assert found.also is None or (found.also in CONCERN_IDS and found.also != found.concern)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.text(max_size=2000),  # any letters of any script, marks, emoji, controls
        st.text(alphabet=st.sampled_from(list("ab .?!,'\n")), max_size=2000),
        st.lists(st.sampled_from(["who", "sees", "my", "notes", "?", ".", "AI", "no"])).map(
            " ".join
        ),
    )
)
def test_any_text_up_to_the_longest_message_is_read(matcher: Matcher, text: str) -> None:
    """The engine reads at most `text.MAX_INPUT` characters of a message; the matcher reads any
    such text, of any script or none, without failing, and gives a well-formed match."""
    _well_formed(matcher.match(text), text)


@pytest.mark.parametrize(
    "text",
    [
        "谁能看到我的笔记？",
        "من يستطيع رؤية ملاحظاتي؟",
        "Кто может видеть мои записи?",
        "मेरे नोट्स कौन देख सकता है?",
        "🙂🙂🙂 🎙️❓",
        "?!?!?! ... ,,,",
        "1234567890 42 7",
        "a " * 999,
        "notes " * 333,
    ],
)
def test_text_with_no_english_question_in_it_gets_no_sure_answer(
    matcher: Matcher, text: str
) -> None:
    """Other scripts, emoji, marks, numbers, one word over and over: never answered outright
    (the kiosk asks or says it did not follow, rather than answer a worry nobody raised)."""
    found = matcher.match(text)
    _well_formed(found, text)
    assert not found.answered, found


@pytest.mark.parametrize(
    "text",
    [
        "**who can see my notes?**",
        '"who can see my notes?"',
        "(who can see my notes?)",
        "_who can see my notes?_",
        "WHO CAN SEE MY NOTES???",
        "who   can\tsee\nmy notes?",
        "\u202ewho can see my notes\u202c\u200b",  # a bidi override, a zero-width space
        "who can see my notes? " + "that's all. " * 40,
    ],
)
def test_a_question_wrapped_in_marks_or_space_is_still_read(matcher: Matcher, text: str) -> None:
    """Marks a client types around a question (bold stars, quotes, brackets, capitals, runs of
    spaces, invisible format characters, a long tail that says nothing) do not change which
    concern it is about."""
    assert matcher.match(text).concern == matcher.match("who can see my notes?").concern
