"""What the semantic classifier learns from: every class's texts, each with its weight.

The matcher (`matcher.py`) builds one `Source` a class (each concern, then the off-topic class,
last): the content's examples and keywords, and the messages clients have typed about it
(`phrasings.py`). Here they become one labelled, weighted list of texts for `Classifier`:

* a concern's examples weigh 1 each, its phrasings together as much as the average concern's
  (one that clients have put many ways would otherwise pull every post that mentions it its
  way), and its keywords `KEYWORD_SHARE` each;
* a concern no phrasing is about (one a clinic has just added) has its examples weigh that
  much more instead, or the classifier would seldom choose it;
* the off-topic class's examples and small talk weigh `OFFTOPIC_WEIGHT` each; its keywords are
  single unrelated words ("pizza") and are not learnt from here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from assistant.engine.lexical import Source
from assistant.engine.matcher_settings import KEYWORD_SHARE, OFFTOPIC_WEIGHT


@dataclass(slots=True)
class TrainingTexts:
    """Texts (as the semantic model reads them), their class indices and their weights."""

    texts: list[str] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)

    def add(self, text: str, label: int, weight: float) -> None:
        self.texts.append(text)
        self.labels.append(label)
        self.weights.append(weight)


def training_texts(sources: Sequence[Source], plain: Callable[[str], str]) -> TrainingTexts:
    """The labelled texts of `sources` (the concerns', then the off-topic class's, last), each
    read through `plain` (the language layer's words, typos mended)."""
    concerns = len(sources) - 1
    counts = [len(s.heard) for s in sources[:concerns]]
    mean = sum(counts) / max(1, sum(1 for n in counts if n))
    out = TrainingTexts()
    for i, source in enumerate(sources):
        concern = i < concerns
        own = OFFTOPIC_WEIGHT
        if concern:
            own = 1.0 if counts[i] else 1.0 + mean / max(1, len(source.examples))
        heard = mean / counts[i] if concern and counts[i] else own
        for text in source.examples:
            out.add(plain(text), i, own)
        for text in source.heard:
            out.add(plain(text), i, heard)
        if concern:
            for keyword in source.keywords:
                out.add(plain(keyword), i, KEYWORD_SHARE)
    return out
