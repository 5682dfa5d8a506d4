"""What of a message the question matcher reads: its sentences, as the language layer reads them.

A message is cut into its sentences (`sentences.py`), and some of what is typed is not read at
all. What a sentence sets aside ("I'm not worried about hackers") is not read, nor is a sentence
that only excuses how the post is written ("English is not my first language, sorry for
mistakes": the lexicon's `excusing` list). Greetings, apologies and thanks around a question ("hi,
sorry, quick question: ... thanks!": the lexicon's `opening` and `closing`) are not read, nor a
sentence of nothing else beside a question ("Hello."), so a greeting never makes a question small
talk; a message of nothing else is read as it is. Nor are the emoji the language layer reads as a
yes, a no or a feeling (`Language.unsigned`): a thumbs-up after "hi" is no wish to take consent
back. Nor are asides around a question ("wait, ...", "genuine question: ...", "..., serious
question": `asides.py`; "... just curious": `closing`), words that carry on from what came before
("ok but ...", "and also ...": `opening`, `additive`), web and email addresses (`links.py`), or the
writer's name and signature (`sign_offs.py`). A sentence repeated word for word (a message pasted
twice) is read once; a message of one sentence of more than 30 words (typed without full stops) is
cut where its sentences would have ended, learnt from the posts (`run_on.py`), and a part still
that long is read clause by clause (`sentences.py`).

The sentences left are read as the semantic model reads them: the language layer's words joined
by spaces, typos mended (`plain`). The matcher (`matcher.py`) reads each of them, and learns from
its examples as it reads a message of one sentence (`bare`).
"""

from __future__ import annotations

from collections.abc import Iterable

from assistant.engine.analyzer import Analyzer
from assistant.engine.asides import Asides
from assistant.engine.english import english_words
from assistant.engine.lexicon import Lexicon
from assistant.engine.links import without_links
from assistant.engine.run_on import SentenceEnds
from assistant.engine.sentences import SentenceKinds, marked_sentences
from assistant.engine.sign_offs import SignOffs


class MessageParts:
    """The parts of a message the matcher reads. `written`: texts written with their full
    stops (the posts and phrasings), from which it learns where a message typed without them
    would have had them."""

    def __init__(self, lexicon: Lexicon, analyzer: Analyzer, written: Iterable[str]) -> None:
        self.analyzer = analyzer
        self.kinds = SentenceKinds(lexicon, analyzer.language)
        self._sign_offs = SignOffs(lexicon, analyzer, english_words())
        self._asides = Asides(lexicon, analyzer)
        self._ends = SentenceEnds(written, analyzer.language)

    def plain(self, text: str) -> str:
        """`text` as the semantic model reads it: the language layer's words, typos mended."""
        return " ".join(self.analyzer.mend_all(self.analyzer.language.tokens(text)))

    def bare(self, text: str) -> str:
        """`plain`, without the greetings and thanks around it (`SentenceKinds.unwrapped`),
        as a message of one sentence is read: what the readings learn from."""
        plain = self.plain(self.as_read(text))
        return self.kinds.unwrapped(plain) or plain

    def as_read(self, text: str) -> str:
        """`text` without what is typed around a worry and read as no word of it: web and email
        addresses (`links.py`), asides before and after it ("wait, ...", "dumb question, but
        ...", "..., serious question": `asides.py`), the writer's name and signature
        (`sign_offs.py`) and the emoji the language layer reads as a yes, a no or a feeling
        (`Language.unsigned`)."""
        unlinked = self._asides.strip(without_links(text))
        return self.analyzer.language.unsigned(self._sign_offs.strip(unlinked))

    def read(self, text: str) -> tuple[list[str], list[bool]]:
        """The sentences of `text` as they are read (plain, without what their clauses set
        aside; in a long message, without a sentence that only excuses how it is written, one
        all set aside or one of greetings and thanks only; a message of one sentence without
        the greetings and thanks around it), and whether each ended with a question mark. What
        is typed around a worry and read as no word of it is not read either (`as_read`): the
        emoji that the language layer reads as a yes, a no or a feeling ("where is the loo 👍"
        asks no yes), web and email addresses, and the writer's name and signature."""
        marked = marked_sentences(self.as_read(text), self._ends.split)
        parts = [self.kinds.kept(p, self.plain) for p, _ in marked]
        if len(parts) > 1:  # a sentence that excuses how the post is written is not read
            parts = [
                "" if not asked and self.kinds.excuses(p) and not self.kinds.asks(p) else p
                for p, (_, asked) in zip(parts, marked, strict=True)
            ]
        if len(parts) > 1 and any(parts):  # a sentence all set aside is no part of the post
            marked = [m for m, p in zip(marked, parts, strict=True) if p]
            parts = [p for p in parts if p]
        bare = [self.kinds.unwrapped(p) for p in parts]
        if len(parts) > 1 and any(bare):  # "Hello." and "Thank you!" are no part of it...
            marked = [m for m, b in zip(marked, bare, strict=True) if b]
            parts = [p for p, b in zip(parts, bare, strict=True) if b]
            bare = [b for b in bare if b]
        if len(parts) == 1:  # ...nor are "hi, sorry" and "thanks" around its one sentence
            parts = [bare[0] or parts[0]]
        return parts, [asked for _, asked in marked]
