"""The same messages put other ways, for the robustness lines of `bench/bench_matcher.py`.

Each takes sets of `matcher_sets.py` and gives a new `Split` (or pairs of questions):

- context before / after: the dev and check posts with two sentences of the story around a
  worry (tests/data/post_context.txt) put before or after each: whether the matcher still
  finds the worry when a post opens or ends with context (figures only);
- as written, a greeting before, thanks after: every check set's short questions and off-topic
  lines pooled, as written and as "Hi, ..." and "... thanks" (figures only): a greeting or
  thanks carries no worry, so the figures should stay those of the messages as written;
- an emoji after, a texting word after, a lead-in before: the same, each message with one of
  a way's wraps (`GREETINGS`) around it in turn ("... 👍", "... 😬"; "... haha", "... x"; "ok so
  ...", "can you tell me ..."): a feeling, an answer, a laugh or a lead-in typed around a message
  is not what it is about, so the figures should stay as written too;
- without full stops: the dev posts, every check set's posts and (without `--dev`) the frozen
  posts with their full stops, question and exclamation marks and semicolons taken out, as
  posts are typed on a phone or dictated: one run-on sentence each (figures only);
- sentences numbered: every check set's posts with their sentences set out as a numbered list,
  "1. ... 2. ..." or "1) ... 2) ..." (figures only): a list reads as the same post;
- signed off: every check set's posts, each with a sign-off after it (`SIGN_OFFS`: "Thanks,
  Priya", "Sent from my iPhone", "- Tom"), as in a patient portal or an email (figures only);
- a name before, a sign-off after: every check set's short questions and off-topic lines, each
  opened with a name (`NAMED`: "Hi Dr Lee, ...", "Hello, this is Priya. ...") or signed off;
- a link before, a link after: the same, each with a web address before or after it
  (`LINKED_BEFORE`, `LINKED_AFTER`: "... https://bit.ly/3xYz9Qp", "... (www.example.org/faq)");
- two short questions at once: the phrasings (train) and every check set's short questions
  (figures only) that end with a question mark, two neighbouring ones about two concerns typed
  as one message ("Who reads it? Can I say no?"): how often one is answered and the other
  offered ("You also asked about ..."), how often the first is the one answered, and how often
  a concern of neither is answered or offered.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

from matcher_sets import DATA, Split, read_rows


def with_context(split: Split, where: str) -> Split:
    """`split`'s posts with two of tests/data/post_context.txt's sentences (the story around a
    worry, asking nothing) put before (`where` "before") or after each, chosen with a fixed
    seed: the main worry should still win."""
    context = read_rows(DATA / "post_context.txt")
    pick = random.Random(20261203)
    out = Split(f"{split.name}, context {where}")
    for concern, also, text in split.posts:
        story = " ".join(pick.sample(context, 2))
        out.posts.append(
            (concern, also, f"{story} {text}" if where == "before" else f"{text} {story}")
        )
    return out


_ENDS = re.compile(r"[.!?;]+")
_SPACES = re.compile(r"\s+")


def without_stops(splits: Sequence[Split], name: str) -> Split:
    """The posts of `splits` as typed on a phone or dictated, without a full stop, question
    mark, exclamation mark or semicolon: one run-on sentence each (its commas kept)."""
    out = Split(f"{name}, without full stops")
    for split in splits:
        out.posts += [
            (c, a, _SPACES.sub(" ", _ENDS.sub(" ", t)).strip()) for c, a, t in split.posts
        ]
    return out


_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+")


def numbered(splits: Sequence[Split], name: str) -> Split:
    """The posts of `splits` with their sentences numbered as a list ("1. ... 2. ..." and, every
    other post, "1) ... 2) ..."): how some clients set out what they ask."""
    out = Split(f"{name}, sentences numbered")
    for split in splits:
        for i, (c, a, t) in enumerate(split.posts):
            mark = "{}." if i % 2 == 0 else "{})"
            sentences = _SENTENCE_BREAK.split(t.strip())
            listed = " ".join(f"{mark.format(n)} {x}" for n, x in enumerate(sentences, 1))
            out.posts.append((c, a, listed))
    return out


def signed_off(splits: Sequence[Split], name: str) -> Split:
    """The posts of `splits`, each signed off one of the ways of `SIGN_OFFS` in turn ("...
    Thanks, Priya", "... Sent from my iPhone"): a sign-off carries no worry."""
    out = Split(f"{name}, signed off")
    posts = [post for split in splits for post in split.posts]
    out.posts = [
        (c, a, SIGN_OFFS[i % len(SIGN_OFFS)].format(t)) for i, (c, a, t) in enumerate(posts)
    ]
    return out


PAIRED_WORDS = 12
"""The longest short question `two_questions` pairs."""


def two_questions(short: Sequence[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """Two short questions typed as one message ("Who reads it? Can I say no?"): each two
    neighbouring rows of `short` that end with a question mark, have at most `PAIRED_WORDS`
    words and are about two concerns, joined by a space; with both concerns, the first first."""
    asked = [(c, t.strip()) for c, t in short if t.strip().endswith("?")]
    asked = [(c, t) for c, t in asked if len(t.split()) <= PAIRED_WORDS]
    pairs = zip(asked[0::2], asked[1::2], strict=False)
    return [(c1, c2, f"{t1} {t2}") for (c1, t1), (c2, t2) in pairs if c1 != c2]


SIGN_OFFS = (
    "{} Thanks, Priya",
    "{} Regards, Margaret Okafor",
    "{}\nSent from my iPhone",
    "{} - Tom",
    "{} Cheers, Declan",
    "{} Many thanks, Oluwaseun Adeyemi",
    "{}\n\nBest wishes,\nHelen",
    "{} ta, Shaz",
    "{}\nSent from my Galaxy",
    "{} ~Wen",
    "{} Thank you! Kwame",
    "{} Kind regards, J. Novak",
    "{} thx marcus",
)
"""How a message may be signed off, as in a patient portal, an email or a text: thanks or
regards and a name, a name alone after a dash, a phone's footer. Written (stop 52) before the
matcher read sign-offs; the first five were the ones looked at while building that, the rest
were only ever run as the whole line."""
NAMED = (
    "Hi Dr Lee, {}",
    "Hello, this is Priya. {}",
    "Hiya Sam, {}",
    "Good morning, my name is Tomasz. {}",
    "Dear Dr. Lee, {}",
    "Hi, it's Fatima here. {}",
)
"""How a message may open with a name: the clinician's, or the writer's own. Written with
`SIGN_OFFS`; the first two were looked at while building. The other four were tried, mid-way, on
three sentences of my own, and two things were mended from that ("Dear" as a greeting, "it's
Fatima here"): the line is partly a tune figure."""


LINKED_BEFORE = (
    "https://example.org/article/123 {}",
    "Saw this online: https://www.example.org/2026/11/clinic-news {}",
)
LINKED_AFTER = (
    "{} https://bit.ly/3xYz9Qp",
    "{} (www.example.org/faq)",
    "{}\nhttps://example.com/news/2026/11/ai-notes?ref=share",
    "{} see t.co/AbC123xyz",
    "{} https://www.example.net",
)
"""How a message may carry a web address: a link pasted before or after it, as people share an
article or a page they read. Written (stop 52) before the matcher read links; the second before
and the first two after were run while it was written, the rest first with the whole line."""


ASIDES = (
    "wait, {}",
    "sorry if this is a silly question but {}",
    "ok but {}",
    "and also {}",
    "dumb question, {}",
    "genuine question: {}",
    "oh and {}",
    "random question but {}",
    "just curious, {}",
    "Serious question - {}",
    "one more thing: {}",
    "hang on, {}",
)
"""How a message may open with an aside before its question: an interjection ("wait,", "hang
on,"), a word that carries on from what came before ("ok but", "and also"), or the writer
playing the question down ("dumb question,", "sorry if this is a silly question but"). Written
(stop 53) before the matcher read asides; the first four were the ones looked at while building
that, the rest were only ever run as the whole line."""
ASIDES_LATER = (
    "ok wait, {}",
    "hmm, {}",
    "quick q: {}",
    "Honest question, {}",
    "not sure if this is a stupid question but {}",
    "so basically {}",
    "um ok so {}",
    "Right then, {}",
    "Also, {}",
    "but like {}",
    "Question for you - {}",
    "another thing, {}",
)
"""More asides, written (stop 53) after `ASIDES` had been run once, before the matcher read
asides, and run only as the whole line, at the end."""
ASIDES_AFTER = (
    "{} just curious",
    "{} asking for a friend",
    "{} sorry if that's a dumb question",
    "{} if that makes sense",
    "{} just wondering",
    "{} - not that it matters much",
    "{} I'm a bit nervous",
    "{}, sorry for asking",
    "{} (silly question I know)",
    "{} no rush",
    "{} just need to know",
    "{} if that's ok to ask",
)
"""How a message may end with an aside after its question: why the writer asks, or the question
played down. Written (stop 53) before the matcher read asides after a question; the first four
were the ones looked at while building that, the rest were only ever run as the whole line."""


GREETINGS = {
    "as written": ("{}",),
    "a greeting before": ("Hi, {}",),
    "thanks after": ("{} thanks",),
    "an emoji after": tuple(
        f"{{}} {e}" for e in ("👍", "😬", "🤨", "😕", "😭", "🙄", "🤷", "👌", "🙂", "😂")
    ),
    "a texting word after": tuple(
        f"{{}} {w}" for w in ("haha", "lol", "x", "xx", "lmao", "pls", "tho", "hehe")
    ),
    "a lead-in before": (
        "ok so {}",
        "can you tell me {}",
        "I was wondering, {}",
        "so {}",
        "could you tell me {}",
        "honestly, {}",
        "right, {}",
    ),
    "a name before": NAMED,
    "a sign-off after": SIGN_OFFS,
    "a link before": LINKED_BEFORE,
    "a link after": LINKED_AFTER,
    "an aside before": ASIDES,
    "another aside before": ASIDES_LATER,
    "an aside after": ASIDES_AFTER,
}
"""How a client may wrap a question at the kiosk (`greeted`), each way's wraps taken in turn,
one a message: a greeting, thanks; emoji of feeling or answer after it (most of which the
language layer reads as a word, for a yes or no); laughter, kisses and "pls" after it; or words
that lead in to it."""


def greeted(splits: Sequence[Split], name: str) -> list[Split]:
    """The short questions and off-topic lines of `splits` as written and wrapped each way of
    `GREETINGS`, one of a way's wraps around each message in turn ("Hi, who reads it?", "who
    reads it? 👍", "ok so who reads it?"): one split a way. None of these carries a worry, so
    the figures should stay those of the messages as written."""
    short = [(c, t) for source in splits for c, t in source.short]
    offtopic = [t for source in splits for t in source.offtopic]
    out = []
    for way, wraps in GREETINGS.items():
        split = Split(f"{name}, {way}")
        split.short = [(c, _wrapped(wraps[i % len(wraps)], t)) for i, (c, t) in enumerate(short)]
        split.offtopic = [_wrapped(wraps[i % len(wraps)], t) for i, t in enumerate(offtopic)]
        out.append(split)
    return out


def _wrapped(wrap: str, text: str) -> str:
    """`text` in `wrap`, its first letter lower-cased after a greeting (not "I", "AI"...)."""
    first = text.split(" ", 1)[0]
    if wrap.startswith("{") or first == "I" or first.isupper():
        return wrap.format(text)
    return wrap.format(text[:1].lower() + text[1:])
