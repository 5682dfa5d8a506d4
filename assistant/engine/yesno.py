"""Yes, no or unclear: how a reply at a yes-no question answers it (used by `reading.py`).

Consent is a clear yes to a clear question. Felt pressure ("ok if I have to"), hedges ("I
guess"), conditions ("yes but only if") and a yes beside a no make a reply `unclear`: asked
again, never filed as yes or no. A yes with other words beside it is a yes only when one clause
is a plain yes and the rest tell a story around it without doubt, sarcasm or a question. The
word lists are `language.toml` and `intents.toml`; this module holds the behaviour.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from assistant.engine.intents import Intents, Signal
from assistant.engine.language import Language, Words, find_phrase

Answer = Literal["yes", "no", "unclear"]

SHORT_ANSWER = 6
"""A hedge or felt pressure makes a reply of up to this many words an unclear answer even
without a yes or no in it ("I'm not sure"); in a longer statement it needs a yes or no beside
it ("I think I'd hold back" is a worry, not an answer)."""
PRESSURE_WORDS_MAX = 12
"""A long phrase of felt pressure counts without a yes beside it in a reply up to this long."""
QUESTION_AUX_MIN = 3
"""A reply opening with "can", "is", "do"... is a question from this many words ("do it" is
not); one opening with "what", "why", "how"... is a question at any length."""
STORY_WORDS_MIN = 3
"""A clause beside a plain yes tells a story from this many words; a shorter fragment ("err",
"one session", "you win") hesitates, limits or mocks more often than it tells."""
_SOFT_CONDITIONS = frozenset({"but", "though", "except"})
_NOT_A_SUBJECT = frozenset({"be", "do"})
"""After an opening "can", "would", "will"...: "would be fine", "can do" are statements."""
NAMES_MAX = 3
"""More capitals inside sentences than this is Title Case Typing, not names."""
_WORD_OR_END = re.compile(r"[^\W\d_]+|[.!?]")
_WH = frozenset("what who whom whose how why when where which whats hows whos wheres".split())


class YesNo:
    """Reads the answer of a reply at a yes-no question with one content's word lists."""

    def __init__(self, language: Language, intents: Intents) -> None:
        self.language = language
        self.intents = intents
        self.answers = intents.yes_words | intents.no_words | _NOT_A_SUBJECT
        """Words that, second after an opening "is", "can"..., make the reply a statement."""

    def answer(
        self,
        words: Words,
        negated: Sequence[bool],
        spans: Sequence[tuple[int, int]] = (),
        names: frozenset[str] = frozenset(),
    ) -> tuple[Answer | None, str]:
        """Yes, no or unclear, and the phrase that decided it; None when it says neither.

        Felt pressure and hedges make a reply unclear; so does a condition ("only if") or a
        negation outside the yes ("sure, it's not like I have a choice"); a yes and a no
        together are unclear unless a correction ("I mean") picks the last one. A yes with
        other words beside it is a yes only when one clause of it (`spans`, from
        `clause_spans`) is a plain yes and the others tell a story around it without doubt,
        sarcasm or a question ("yeah go on, my last therapist did the same and it was fine").
        `names` (from `names_in`) are words the client wrote as names ("Thanks, Jordan");
        only those signing off count (`signing_off`)."""
        lang = self.language
        names = self.signing_off(words, names, spans)
        found = self.intents.yes_no_signals(words, negated, lang)
        found, denied = self.undenied(words, found, spans)
        found = self.reassured(words, found)
        signals = [s for s in found if s[2] != "elsewhere"]
        if denied is not None and not signals:
            return "unclear", "denied: " + denied  # "I'm not saying no", "not that I don't"
        said = {kind for _, _, kind, _ in signals}
        short = len(words) <= SHORT_ANSWER
        pressure = lang.felt_pressure(words)
        if pressure is not None and (
            "yes" in said or short or (len(pressure) >= 3 and len(words) <= PRESSURE_WORDS_MAX)
        ):
            return "unclear", "pressure: " + " ".join(pressure)
        overcome = self.overcome(words, spans, names) if pressure is None else None
        if overcome is not None:  # "I was nervous at first, but it's been explained, so yes"
            return overcome
        phrases = [(a, b) for a, b, kind, _ in signals if kind == "no" or b > a + 1]
        hedge = lang.hedge(words, kept=phrases)  # the "uh" of "nuh uh", "uh huh" is no hedge
        if hedge is not None and (said == {"no"} and hedge in lang.softeners):
            hedge = None  # "I think I'll pass", "not a fan, so no": a softened no is a no
        if hedge is not None and (signals or short):
            return "unclear", "hedge: " + " ".join(hedge)
        if not signals:
            return None, ""
        corrected = self.corrected(words, signals, spans, names)
        if corrected is not None:
            return corrected
        covered = {i for start, end, _, _ in found for i in range(start, end)}
        covered |= lang.neutral_at(words)
        loose = [i for i in range(len(words)) if i not in covered]
        condition = lang.condition(tuple(words[i] for i in loose))
        if condition is not None and ("yes" in said or condition[0] not in _SOFT_CONDITIONS):
            # "yes but..." and "no unless..." set conditions; "thanks for asking, but no" does not
            return "unclear", "condition: " + " ".join(condition)
        if said == {"yes"}:
            bare = not any(b - a > 1 or words[a] in self.intents.firm for a, b, _, _ in signals)
            who = self.introduced(words, self.intents.name_words | names) if bare else None
            if who is not None:  # "yes, I'm Jordan": answers "is that you?"
                return "unclear", "introduced: " + who
            heard = self.acknowledged(words, negated) if bare else None
            if heard is not None:  # "yes, I understand": heard, not agreed
                return "unclear", "acknowledged: " + heard
            if any(words[i] in lang.negations for i in loose):
                return "unclear", "hedge: a yes with a negation beside it"
            hit = self.doubt_in(words, lang.neutral_at(words))
            if hit is not None:  # "ok, I love that for me", "sure, just the audio"
                return "unclear", "doubt: " + hit
            other = [words[i] for i in loose if words[i] not in lang.neutral]
            known = self.intents.name_words | names
            if any(w not in known for w in other) and not self.story_yes(
                words, spans, found, known
            ):
                return "unclear", "confirm: a yes with other words beside it"
            return "yes", signals[0][3]
        if said == {"no"}:
            return "no", signals[0][3]
        correction = lang.correction_at(words)
        if correction is not None:
            after = [s for s in signals if s[0] >= correction]
            if after and len({kind for _, _, kind, _ in after}) == 1:
                return ("yes" if after[-1][2] == "yes" else "no"), after[-1][3]
        return "unclear", "both yes and no"

    def doubt_in(self, words: Words, polite: set[int]) -> str | None:
        """The first word of doubt (`[yes] doubt`) in `words` outside the indices `polite`
        (neutral phrases: "sorry for my bad English" is politeness, not doubt)."""
        doubt = self.intents.doubt
        if doubt is None:
            return None
        for hit in doubt.found.find_overlapping(words):
            if not all(i in polite for i in range(hit.start, hit.end)):
                return hit.phrase
        return None

    def undenied(
        self, words: Words, found: Sequence[Signal], spans: Sequence[tuple[int, int]]
    ) -> tuple[list[Signal], str | None]:
        """`found` without the answers a denial takes back in the same clause ("I'm not
        saying no", "it's not that I don't want to"), and the denial, if one took any."""
        lang, kept, denied = self.language, [], None
        denials = lang.denials_in(words)
        clauses = list(spans) or [(0, len(words))]
        for signal in found:
            start, end = signal[0], signal[1]
            clause = next(((a, b) for a, b in clauses if a <= start < b), (0, len(words)))
            by = [
                (a, b)
                for a, b in denials
                if (clause[0] < b <= start and lang.negation_ends.isdisjoint(words[b:start]))
                or (a <= start and end <= b)  # the "never" of "never said"
            ]
            if by and signal[2] != "elsewhere":
                denied = " ".join(words[by[-1][0] : by[-1][1]])
                continue
            kept.append(signal)
        return kept, denied

    def reassured(self, words: Words, found: Sequence[Signal]) -> list[Signal]:
        """`found` with an opening no that answers "would you mind?" set aside: "no no, go
        ahead", "No, I don't mind at all", "not at all, I'm happy for you to record", "yeah
        no, all good, record it". The reply opens with noes of `[no] reassuring` only (the
        "yeah" of "yeah no" may lead them), a go-ahead follows, and every later no is a yes
        word that only the opening no turned ("no that's fine, go ahead"). A "yeah" leading
        noes only answers nothing: "yeah no, I'm not doing that" is a no."""
        intents, lang = self.intents, self.language
        if intents.reassuring is None or intents.go_ahead is None:
            return list(found)
        yes_said = [
            (b - a == 1 and words[a] in intents.yes_words) or bool(intents.yes.whole(words[a:b]))
            for a, b, _, _ in found
        ]  # a yes word or phrase, though a no before it may have turned it
        lead = int(
            len(found) > 1
            and found[0][1] - found[0][0] == 1
            and words[found[0][0]] in intents.leads
            and found[1][0] == found[0][1]
            and found[1][2] == "no"
        )
        if lead and not any(yes_said[1:]):
            return [(*found[0][:2], "elsewhere", found[0][3]), *found[1:]]  # "yeah no, I won't"
        opening = lead
        while opening < len(found) and found[opening][2] == "no":
            a, b = found[opening][0], found[opening][1]
            if intents.reassuring.whole(words[a:b]) is None:
                break
            opening += 1
        if opening == lead or opening == len(found):
            return list(found)
        start = found[opening - 1][1]
        out = [*found[:lead], *((a, b, "elsewhere", p) for a, b, _, p in found[lead:opening])]
        for n in range(opening, len(found)):
            a, b, kind, p = found[n]
            if kind == "no" and not (yes_said[n] and lang.negations.isdisjoint(words[start:a])):
                return list(found)  # "no, go ahead... no, I don't want it": a real no too
            out.append((a, b, "yes" if kind == "no" else kind, p))
        rest = words[start:]
        if intents.go_ahead.first(rest, [False] * len(rest), lang) is None:
            return list(found)
        return out

    def overcome(
        self, words: Words, spans: Sequence[tuple[int, int]], names: frozenset[str]
    ) -> tuple[Answer, str] | None:
        """A yes after a doubt the client says they had and got past ("I was nervous about it
        but Dr Lee explained it well, so yes"): before the first "but" only a past doubt of
        `[yes] overcome` and no answer; after it a yes by every rule here. None otherwise:
        "I'm scared but yes" is a doubt now, and "I was told it's mandatory, but ok" no
        past doubt."""
        past = self.intents.overcome
        if past is None or "but" not in words:
            return None
        at = words.index("but")
        head, tail = words[:at], words[at + 1 :]
        doubts = [(h.start, h.end) for h in past.found.find(head)]
        if not tail or not doubts:
            return None
        said = self.intents.yes_no_signals(head, self.language.negated(head), self.language)
        if any(not any(a <= s and e <= b for a, b in doubts) for s, e, _, _ in said):
            return None  # "at first I said no, but...": an answer before the "but"
        tail_spans = [(max(a, at + 1) - at - 1, b - at - 1) for a, b in spans if b > at + 1]
        answer, why = self.answer(tail, self.language.negated(tail), tail_spans, names)
        return ("yes", "overcome: " + why) if answer == "yes" else None

    def signing_off(
        self, words: Words, names: frozenset[str], spans: Sequence[tuple[int, int]]
    ) -> frozenset[str]:
        """The `names` that sign off or greet: opening a clause ("..., Priya"), after a
        word of `[yes] sign_offs` ("thanks Sam", "this is Kofi") or after such a name ("Alex
        Rivera"). A capital after other words is a place, a day or a language ("yes I'm from
        London", "yes, my sessions are on Tuesdays"), not someone signing."""
        cues = self.intents.sign_offs
        if not names or not cues:
            return names if not cues else frozenset()
        starts = {a for a, _ in spans} | {0}
        kept: set[str] = set()
        for i, word in enumerate(words):
            if word not in names:
                continue
            before = words[:i]
            if (
                i in starts
                or (kept and before[-1:] and before[-1] in kept)
                or any(before[len(before) - len(cue) :] == cue for cue in cues)
            ):
                kept.add(word)
        return frozenset(kept)

    def introduced(self, words: Words, known: frozenset[str]) -> str | None:
        """How the reply says who the client is ("i am {name}", "{name} here"), or None.
        Beside bare yes words only: "ok go ahead, this is Kofi" signs off a yes."""
        for i, word in enumerate(words):
            if word not in known:
                continue
            for before, after in self.intents.introductions:
                if (
                    i >= len(before)
                    and words[i - len(before) : i] == before
                    and (words[i + 1 : i + 1 + len(after)] == after)
                ):
                    return " ".join((*before, "{name}", *after))
        return None

    def acknowledged(self, words: Words, negated: Sequence[bool]) -> str | None:
        """The acknowledgement ("I understand", "I've read it") in a reply, or None. Beside
        bare yes words only, "yes, I understand" answers "did you understand?"; a yes phrase
        or a firm word ("I agree", "that's fine") makes it a yes all the same."""
        heard = self.intents.acknowledgements
        return heard.first(words, negated, self.language) if heard is not None else None

    def corrected(
        self,
        words: Words,
        signals: Sequence[Signal],
        spans: Sequence[tuple[int, int]] = (),
        names: frozenset[str] = frozenset(),
    ) -> tuple[Answer, str] | None:
        """An answer taken back and replaced ("no, I mean yes", "yes - actually no"): what
        follows the last correction with an answer after it, read afresh (a no before the
        correction no longer reaches it), when that is a firm yes or no and every answer
        before the correction was the other one, or the same one said again with a yes or no
        word ("yes yes I meant yes"). None otherwise: "I don't mind... actually I do" takes
        nothing back and is read as a whole; a hedge or pressure anywhere in the reply was
        ruled out before."""
        lang = self.language
        for end in reversed(lang.correction_ends(words)):
            tail = words[end:]
            before = {kind for start, _, kind, _ in signals if start < end}
            if not tail or not before:
                continue
            tail_spans = [(max(s, end) - end, e - end) for s, e in spans if e > end]
            answer, why = self.answer(tail, lang.negated(tail), tail_spans, names)
            if answer is None:
                continue
            if answer in ("yes", "no") and before == ({"yes", "no"} - {answer}):
                return answer, "correction: " + why
            said_again = {w for w in tail if w in self.intents.yes_words | self.intents.no_words}
            if answer in ("yes", "no") and before == {answer} and said_again:
                # "yes yes I meant yes", "no, sorry, no": the same answer said again in its
                # own words ("I don't mind... actually I do" says no yes word after it)
                return answer, "said again: " + why
            return None
        return None

    def clause_spans(self, text: str, words: Words) -> list[tuple[int, int]]:
        """Where each clause of `text` lies in `words` (one span when they do not line up); a
        word that opens a reason ("because") opens a clause of its own."""
        spans, at = [], 0
        for clause in self.language.clauses(text):
            cuts = sorted(
                {i for p in self.language.reason_openers for i in find_phrase(clause, p) if i}
            )
            for start, end in zip([0, *cuts], [*cuts, len(clause)], strict=True):
                spans.append((at + start, at + end))  # "yes because I forget things": a reason
            at += len(clause)
        return spans if at == len(words) else [(0, len(words))]

    def story_yes(
        self,
        words: Words,
        spans: Sequence[tuple[int, int]],
        found: Sequence[Signal],
        names: frozenset[str] = frozenset(),
    ) -> bool:
        """True when one clause is a plain yes (yes words, neutral words, names) and every
        other clause is a reason for it: a statement of three words or more with a word of
        support in it (`[yes] support`: "it was fine", "it helps me remember") and no
        question, no word of doubt or sarcasm (`[yes] doubt`). Hedges, conditions, pressure
        and negations were ruled out before. A remark that gives no reason ("yes, it is what
        it is", "sure, I was told it's mandatory") leaves the yes to be confirmed."""
        lang, doubt, support = self.language, self.intents.doubt, self.intents.support
        yes_at = {start for start, _, kind, _ in found if kind == "yes"}
        covered = {i for start, end, _, _ in found for i in range(start, end)}
        covered |= lang.neutral_at(words)
        known = lang.neutral | self.intents.name_words | names
        if len(spans) < 2:  # unpunctuated ("yes that's fine I've done it before"): the plain
            spans = self.leading_yes(words, found, covered, known)  # yes first, then the rest
        if doubt is None or len(spans) < 2:
            return False
        plain = False
        for start, end in spans:
            clause = words[start:end]
            extra = [i for i in range(start, end) if i not in covered and words[i] not in known]
            unflagged = [False] * len(clause)
            polite = {i - start for i in lang.neutral_at(words) if start <= i < end}
            if self.doubt_in(clause, polite) is not None or any(
                clause[: len(opening)] == opening for opening in self.intents.doubt_openings
            ):
                return False  # "great, more surveillance. sure.", "sure, like I get a say"
            if not extra:  # a plain yes, or only neutral words and names ("Dr.", "thanks")
                plain = plain or any(start <= i < end for i in yes_at)
            elif len(clause) < STORY_WORDS_MIN:
                return False  # "yes, sadly", "sure, you win", "yes, one session"
            elif looks_asked("", clause, self.intents.question_starts, self.answers):
                return False  # "yes, who reads it": a question typed without its mark
            elif support is None or support.first(clause, unflagged, lang) is None:
                return False  # "yes, I've given up on privacy": a remark, not a reason
        return plain

    @staticmethod
    def leading_yes(
        words: Words, found: Sequence[Signal], covered: set[int], known: frozenset[str]
    ) -> list[tuple[int, int]]:
        """A reply typed or dictated without punctuation, cut after the plain yes it opens
        with (yes words and phrases, neutral words): "yes that's fine | I've done it before
        with my old therapist". One span when it does not open with a yes."""
        starts = {start: end for start, end, kind, _ in found if kind == "yes"}
        at, said = 0, False
        while at < len(words):
            if at in starts:
                at, said = starts[at], True
            elif at in covered or words[at] in known:
                at += 1
            else:
                break
        return [(0, at), (at, len(words))] if said and 0 < at < len(words) else [(0, len(words))]


def names_in(text: str) -> frozenset[str]:
    """Words written with a capital inside a sentence, as names are ("Thanks, Jordan", "this
    is Alex"), lower-cased; a capital opening a sentence says nothing, and neither do capitals
    on most words."""
    found, opening = set(), True
    for match in _WORD_OR_END.finditer(text):
        word = match.group()
        if word in ".!?":
            opening = True
            continue
        if not opening and word[0].isupper() and not word.isupper():
            found.add(word.casefold())
        opening = False
    return frozenset(found) if len(found) <= NAMES_MAX else frozenset()


def looks_asked(
    text: str, words: Words, starts: frozenset[str], answers: frozenset[str] = frozenset()
) -> bool:
    """A question mark anywhere, or a reply that opens like a question."""
    if any(mark in text for mark in "?？؟"):
        return True
    if not words or words[0] not in starts:
        return False
    if words[1:2] == ("not",) or (words[0] not in _WH and words[1:2] and words[1] in answers):
        # "don't record me", "wouldn't bother me", "is okay, I accept", "would be fine":
        # a question puts its subject after the verb; these tell, they do not ask
        return False
    return words[0] in _WH or len(words) >= QUESTION_AUX_MIN
