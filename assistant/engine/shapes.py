"""Shapes of a reply at a yes-no question that change what its yes and no words say (used by
`yesno.py`): a denial ("I'm not saying no"), a no that answers "would you mind?" ("no no, go
ahead"), the "yeah" of "yeah no", a bare yes beside an acknowledgement ("yes, I understand") or
an introduction ("yes, I'm Jordan"), names that sign off, doubt outside politeness, and where
an unpunctuated yes ends. The word lists are `language.toml` and `intents.toml`.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.engine.intents import Intents, Signal
from assistant.engine.language import Language, Words


class Shapes:
    """The shapes of a reply, read with one content's word lists."""

    def __init__(self, language: Language, intents: Intents) -> None:
        self.language = language
        self.intents = intents

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
