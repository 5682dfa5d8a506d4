"""Questions and worries, answered where they are asked, at any step.

The question matcher (`matcher.py`, built once and shared by every conversation: the web
front builds it ahead with `prepare` at start, the kiosk with `Conversation.prepare` once
the welcome is up, else the first question does) finds the concern;
a sure match gets the concern's answer from concerns.toml, a close call asks "Did you mean A
or B?" (or, of a long message about both, which to answer first, offering the other after it),
and a real question nobody could answer is noted for the clinician. After any of these
the step's own question is asked again, so the client never loses their place. Fuzzy matching
never decides consent: it only picks which answer to show.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

from assistant.engine.outcome import AskedQuestion
from assistant.engine.reading import Reading
from assistant.engine.reply import Reply
from assistant.engine.session import Pending
from assistant.paths import cache_dir

if TYPE_CHECKING:
    from assistant.engine.content import Content
    from assistant.engine.conversation import Conversation
    from assistant.engine.matcher import Matcher

SHORT_STATEMENT = 3
"""A statement of this many words or fewer that matches nothing is "I did not get that",
not a question for the clinician."""


_building = threading.Lock()
"""Held while a matcher is built: a warm-up thread and a first question wait for one build."""
_matchers: dict[Content, Matcher] = {}


def matcher_for(content: Content) -> Matcher:
    """The question matcher of `content`, made once a process: read back from the per-user
    cache folder, where the first process to build it kept it (`matcher_store.py`), else
    built (several seconds: it learns from the concerns' examples, the phrasings and the
    posts) and kept there."""
    with _building:
        if content not in _matchers:
            from assistant.engine.matcher_store import stored_matcher

            _matchers[content] = stored_matcher(
                tuple(content.concerns.values()),
                content.lexicon,
                content.language,
                content.phrasings,
                content.posts,
                cache_dir(),
            )
        return _matchers[content]


def prepare(content: Content) -> None:
    """Make ahead what a client's first message needs (a front's warm-up, on a thread of its
    own): the question matcher (`matcher_for`) and the safety net's learned signals
    (`SafetyCheck.prepare`). It reads the content only, no client's words."""
    matcher_for(content)
    content.safety.prepare()


def matcher_ready(content: Content) -> bool:
    """Whether the question matcher of `content` is built (a warm-up has run)."""
    return content in _matchers


def answer_held(conv: Conversation, text: str, notes: list[str]) -> Reply | None:
    """The answer to a message held behind the safety reply, when the matcher is sure of it
    (None otherwise). Never logged: the record says a safety reply was shown, never the words,
    and a crisis message is never "noted for your clinician"."""
    return answer_if_sure(conv, text, notes, logged=False)


def answer_if_sure(
    conv: Conversation,
    text: str,
    notes: list[str],
    *,
    logged: bool = True,
    then: Sequence[str] = (),
) -> Reply | None:
    """The answer to `text` when the question matcher is sure of its concern (`answer_concern`,
    with its `logged` and `then`); None otherwise."""
    match = matcher_for(conv.content).match(text)
    if not (match.answered and match.concern):
        return None
    return answer_concern(
        conv, match.concern, text, notes, also=match.also, logged=logged, then=then
    )


UNSURE_WORRY_WORDS = 8
"""A no reading the matcher is unsure of is asked about ("Did you mean ...?") from this many
words: a worry told beside a no ("I never saw a word of what they wrote about me")."""


def worry_beside_no(conv: Conversation, reading: Reading, notes: list[str]) -> Reply | None:
    """At a step marked `worries_beside_no` (flow.toml), a "no" reading that tells a worry ("I
    don't want trainees hearing me cry", "Ten years from now I don't want a stranger reading
    this"): how to say no, and the worry's answer when the matcher is sure of it, or from
    `UNSURE_WORRY_WORDS` words "Did you mean ...?" when it is unsure between two. Neither may
    be a worry about saying no itself (`Concern.about_no`: "I'd rather not, what happens
    then"), and the message must not open with a no ("No, I don't trust where the data goes",
    "Absolutely not, I've had my data leaked" are a no with its reason). None: the no
    stands."""
    words, no_words = reading.words, conv.reader.intents.no_words
    said_no = set(reading.why.split()) | no_words
    first = conv.content.language.clauses(reading.text)[:1]
    if not words or words[0] in no_words or (first and set(first[0]) <= said_no):
        return None  # "No, ...", "Absolutely not, I've had my data leaked before."
    match = matcher_for(conv.content).match(reading.text)
    concerns = conv.content.concerns
    how_to_say_no = conv.replies.say("no_beside_worry", **conv.replies.yes_no_labels())
    if match.answered and match.concern:
        if concerns[match.concern].about_no:
            return None
        return answer_concern(
            conv, match.concern, reading.text, notes, also=match.also, then=[how_to_say_no]
        )
    candidates = tuple(c for c, _ in match.candidates[:2])
    if (
        match.status != "unsure"
        or len(candidates) < 2
        or len(words) < UNSURE_WORRY_WORDS
        or any(concerns[c].about_no for c in candidates)
    ):
        return None
    asked = _ask_which(conv, candidates, reading.text, match.also)
    return conv.replies.reply([*notes, how_to_say_no, asked])


def worry_beside_unclear(
    conv: Conversation, reading: Reading, notes: list[str], then: str
) -> Reply | None:
    """An unclear answer at a yes-no question (a hedge, a condition, a yes with more beside it)
    that tells a worry the question matcher is sure of ("I bet they flog the data", "yes, but
    only if it's wiped after a month", "pretty sure I'd clam up with a mic there"): the worry's
    answer, then the step's own question asked again as for any unclear answer (`then`). Never
    beside felt pressure ("do I have to agree?"), whose re-ask says that no is fine and should
    stand alone. None: the question is only asked again."""
    if reading.why.startswith("pressure"):
        return None
    return answer_if_sure(conv, reading.text, notes, then=[then])


def answer(
    conv: Conversation, reading: Reading, notes: list[str], asked_about: Pending | None = None
) -> Reply:
    """Answer a question or worry (or ask which of two it was, unless one sentence asked about
    both), then ask the step again. What the matcher reads as small talk is sent to the front
    desk; any other message it cannot place is noted for the clinician. `asked_about`: the
    "Did you mean A or B?" this message replies to; a question surely about A or B ("how long
    is it kept") picks it, so the other worry is still offered (`resolve_clarify`)."""
    replies = conv.replies
    match = matcher_for(conv.content).match(reading.text)
    if asked_about is not None and match.answered and match.concern in asked_about.candidates:
        return resolve_clarify(conv, asked_about, match.concern, notes)
    if match.answered and match.concern:  # sure, or one sentence asking about both
        return answer_concern(conv, match.concern, reading.text, notes, also=match.also)
    if match.status == "unsure" and len(match.candidates) >= 2:
        candidates = tuple(c for c, _ in match.candidates[:2])
        asked = _ask_which(conv, candidates, reading.text, match.also)
        return replies.reply([*notes, asked])
    if not reading.asked and len(reading.words) <= SHORT_STATEMENT:
        if conv.step.yes_no:
            return replies.again(
                [*notes, replies.say("need_explicit_yes", **replies.yes_no_labels())]
            )
        return replies.again([*notes, replies.say("not_understood")])
    if match.small_talk:
        # an errand or a chat ("where are the toilets?"): for the front desk, never filed
        return replies.again([*notes, replies.say("off_topic")])
    if not reading.asked and conv.step.yes_no and reading.answer is None:
        # A statement that is neither a yes nor a known worry: not consent, ask again.
        conv.session.questions.append(AskedQuestion(reading.text, None))
        yes_no = replies.say("need_explicit_yes", **replies.yes_no_labels())
        return replies.again([*notes, replies.say("no_match"), yes_no])
    conv.session.questions.append(AskedQuestion(reading.text, None))
    return replies.again([*notes, replies.say("no_match")])


def answer_concern(
    conv: Conversation,
    concern: str,
    text: str,
    notes: list[str],
    also: str | None = None,
    *,
    logged: bool = True,
    then: Sequence[str] = (),
) -> Reply:
    """The concern's answer (from concerns.toml), logged as an answered question (unless
    `logged` is False: a message that got the safety reply is never filed). When a long
    message raised a second worry (`also`), it is offered after the answer: "You also asked
    about ..." with a button for it first, before the step's own (and not again among them,
    when it is one of its common questions; a button that picks a concern is answered at any
    step but a check question, so none is offered there). `then`: said after the answer."""
    if logged:
        conv.session.questions.append(AskedQuestion(text, concern))
    content, replies = conv.content, conv.replies
    said = content.render(content.answers[concern], replies.context())
    if also is None or also == concern or conv.step.check is not None:
        return replies.again([*notes, said, *then], concern=concern)
    offer = replies.say("also_asked", label=content.concerns[also].label)
    own = replies.step_choices(conv.step)  # the offered worry first, and only once
    choices = (replies.button(also), *(c for c in own if c.id != also))
    return replies.again([*notes, said, *then, offer], concern=concern, choices=choices)


def also_after_pick(also: str | None, first: str, picked: str) -> str | None:
    """The second worry to offer once the client has picked `picked` from "Did you mean A or
    B?" of a match whose best concern is `first` and whose second worry is `also` (None for a
    message of one sentence): `also`, or, when the client picked that second worry, the main
    one the matcher read (`first`). None: nothing more to offer."""
    if also is None:
        return None
    offer = first if also == picked else also
    return None if offer == picked else offer


def _ask_which(conv: Conversation, candidates: tuple[str, ...], text: str, also: str | None) -> str:
    """Ask which of two `candidates` `text` is about; returns what the client is asked. When a
    long message raised both (its second worry, `also`, is one of them), which to answer first
    ("You asked about two things..."), else which one they meant ("Did you mean one of
    these?"). The second worry is kept with the question, to offer after the answer to the
    one picked (`resolve_clarify`)."""
    conv.session.pending = Pending(  # a typed no is "Neither of these", never the step's no
        "clarify", (*candidates, "neither"), candidates=candidates, text=text, also=also,
        no="neither",
    )  # fmt: skip
    return conv.replies.say("which_first" if asks_which_first(candidates, also) else "did_you_mean")


def asks_which_first(candidates: Sequence[str], also: str | None) -> bool:
    """Whether two `candidates` are asked about as "which first?" (a long message raised both:
    its second worry, `also`, is one of them), not "did you mean"."""
    return also in candidates


def resolve_clarify(conv: Conversation, pending: Pending, picked: str, notes: list[str]) -> Reply:
    """The client picked one of "Did you mean A or B?" (or neither). A long message's second
    worry is offered after the answer, as after a sure match ("You also asked about ...",
    `also_after_pick`): a post about two worries gets both, not only the one picked."""
    if picked in pending.candidates:
        also = also_after_pick(pending.also, pending.candidates[0], picked)
        return answer_concern(conv, picked, pending.text, notes, also=also)
    conv.session.questions.append(AskedQuestion(pending.text, None))
    return conv.replies.again([*notes, conv.replies.say("no_match")])
