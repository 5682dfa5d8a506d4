"""The question matcher's thresholds and weights (`matcher.py` reads them).

Every value here was chosen on the dev sets (the short questions and off-topic lines that are
now dialogs/phrasings.tsv, and the posts now in dialogs/posts/) and judged on the check sets
(tests/data/check/), never on the frozen test split; `bench/bench_matcher.py --dev` prints
both, and `bench/bench_matcher_folds.py` judges the phrasings and the check sets with each round
of phrasings held out (the matcher learns from them now). Scores are 0..100; "evidence" is a score
turned back into units, -ln(1 - score / 100): 1 is about 63, 2 about 86, 3 about 95.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.engine.one_sentence import OneSentence


@dataclass(frozen=True, slots=True)
class Fitted:
    """A logistic regression fitted on tune data: a weight for each input, and a bias."""

    weights: tuple[float, ...]
    bias: float


# ---------------------------------------------------------------- how sure a match is
CUTOFF = 45.0
"""Below this best score a message fits no concern. (So does one that reads at least as well as
small talk, `Matcher.match`. A third of the short messages the tune rounds get wrong, each round
held out, are read as no concern, but the line is where it should be (stop 65): small talk
would have to win by 5 points to be turned away for 88 more of their 7,436 short messages of
one sentence to be right, and 145 of their 1,646 lines of small talk would no longer be turned
away; on the check sets, with each one's round held out, 5 more of 2,675 right for 60 of 857.
Lowering the cutoff itself to 30 puts no short message right and lets one more line of small
talk through.)"""
SURE = 65.0
"""At or above this best score (and `MARGIN` clear of the runner-up) the match is sure."""
MARGIN = 1.2
"""How far the best concern must lead the runner-up for the match to be sure, in evidence
(scores saturate near 100, so 99 against 78 is a wide lead and 65 against 45 a narrow one).
1.2 since a vote of the nearest text (dropped since, for the wording reading), which made the
matcher surer: on the check sets (all their messages) it took sure but wrong 11 -> 13 of
1,716 and the right answers given without asking 69.1 -> 72.1%; a margin of 1.2 (was 0.8)
takes them to 10 and 71.7% (1.0: 12, 72.0%; 1.5: 10, 70.6%). Held out by round, check sure
but wrong 0.9 -> 0.7%.

Re-chosen after the wording reading, with every sure-rule value moved in turn
(`bench/bench_sure_rule.py`: the dev rounds held out, every older check set, and checks 22 and
23, written to judge it): this one, `MARGIN_LONG` and `SURE` are kept. The wrong answers given
without asking lead their runner-up by far more than any margin tried: at 2.2 they went 31 -> 23
of 6,681 held-out dev messages and 36 -> 31 of 3,777 check messages, and none of checks 22 and
23's 4 and 4 of 260 went, while the right answers given without asking fell 53.5 -> 52.4% and
57.7 -> 57.0%. `SURE` from 55 to 85 changed nothing. `RIVAL` at 0.4 cut them most (18, 22, 3
and 4), at the cost of 6 to 8% of the right answers (49.4, 53.2, 48.5 and 56.5%, against 53.5,
57.7, 52.3 and 60.4%), most of them posts: not taken."""
RIVAL = 0.5
"""...and the runner-up's evidence may be at most this share of the best's: two concerns both
well founded ("can my husband see the summaries you email me") are a question to ask.

These leads are read in evidence as the matcher works it out (`FusedReading.units`). They used to be
read back from the scores rounded to a tenth, where every concern past about 7.6 units reads
100.0 (as 13.8 units): a post with two well-founded worries, 100.0 and 99.8 (13.8 and 6.2
units), passed for one clear one. Held out by round (`bench_matcher_folds.py`'s folds, all
12,519 messages), reading the evidence as worked out took the posts answered outright but
wrongly 37 -> 17 of 3,051, the short questions 45 -> 44 and off-topic lines 9 -> 9, while the
posts answered outright and rightly fell 70.3 -> 67.5% (short questions 68.1 -> 68.0%); on every
check set, posts 25 -> 17 and 67.5 -> 64.7%. The values were not chosen again."""
SMALL_TALK = 0.6
"""...and the off-topic class's evidence may be at most this share of the best's: a message
that reads almost as well as small talk ("how long do you keep things in the lost and found")
is asked about, not answered (chosen on dev: sure but wrong 13 -> 8 of 1979 messages, the
right answers given without asking 77% -> 76%)."""
MARGIN_LONG = 1.6
"""The lead needed in a message of several sentences, which gathers evidence for several
worries at once."""

# ---------------------------------------------------------------- how the readings add up
SEMANTIC_SHARE = 1.0
"""Weight of the semantic reading's evidence against the lexical reading's (which is 1)."""
SEMANTIC_SHARE_ONE = 1.5
"""...in a message of one sentence, where no theme of the whole adds to it: a short question
often has one telling word or none the lexicon knows, and the semantic reading (its word
pieces included) finds the worry in the rest."""
REST = 0.8
"""Share of each other sentence's evidence that adds to the best sentence's."""
DECAY = 0.8
"""Weight of the last sentence of a long message against the first; those between weigh
evenly between, in powers of it (`post_sum._order`). It was the weight of each sentence against
the one before, which left the eighth sentence of a story 0.21 of the first: a long post that
tells its story first and states its worry at the end lost it. Spreading it over the post, with
each posts file held out in turn (`bench/bench_posts_folds.py`): the dev posts 93.8 -> 94.4% of
1,542, those of 70 words or more 88.8 -> 91.7% of 169 (a last weight of 0.64, or 0.8 a sentence
down to a floor of 0.3 to 0.6, each did less); held out by round (`bench/bench_matcher_folds.py`),
dev posts 95.3 -> 95.5%, check 97.1 -> 96.7% (story before 94.2 -> 94.3% and 96.4 -> 96.7%);
every check set (`bench/bench_matcher.py --dev`) 92.0 -> 92.4% of 1,537 posts, the long stories
of checks 14 and 16 81.0 -> 79.4% and 75.0 -> 81.0%, sure but wrong 1.0% before and after."""
WHOLE = 1.0
"""Weight of the semantic reading of a long message as a whole (its theme), added to the
sum of its sentences."""
ADDED = 0.6
"""Weight of a sentence that opens by adding a point ("Also, ...", "And one more thing"; the
lexicon's `additive` openings, or an `adding` word early on: "I'd also like to know") when the
main worry is chosen: it is rarely the main one."""
FIRST_RAISED = 0.6
RAISED = 80.0
"""When the runner-up of a post of several sentences is within this much evidence of the best
concern, the post is about both about equally (neither `SUPPORT_LEAD` ahead, below), and the
first sentence that raises a worry (its own best concern scoring at least
`RAISED` there; one that asks, when any does) raises the runner-up while another sentence
raises the best, the runner-up is the main worry: of two worries a post weighs about equally,
the one raised first is the main one (and the other can be offered as `also`). The match is
then never sure: the two are too close. Chosen on the dev posts (0.3 and 1.0 did worse on the
check posts); `RAISED` 70 let a question the matcher reads only weakly override a worry stated
before it."""
ADDED_GAP = 2.0
"""A worry raised only in sentences that open by adding a point ("And can his lawyer pull the
recording into court?", "Oh, and is there also a short summary?"), after a sentence that raises
another worry (scoring at least `RAISED`), is the second one when it leads that other by at
most this much evidence (`two_worries.added_later`): however plainly it is asked, the writer
added it. On the tune posts, 22 of the 68 missed main worries were the labelled second worry,
most of them added at the end. Chosen on them (1, 2 and 4 tried; 2 and 4 the same): dev posts
996 -> 997 of 1,062, every check post 1,005 -> 1,009 of 1,117; held out by round
(`bench_matcher_folds.py`), dev posts 94.1 -> 94.2% and check 93.8 -> 94.0%, with story before
92.2 -> 92.3% and 90.0 -> 90.2%."""
SUPPORT_LEAD = 0.8
MOST_GAP = 2.0
SUPPORT_MIN = 50.0
"""Of a post's two best concerns, the runner-up is the main worry when more of the post is
about it: its `support` (`two_worries.py`: over the sentences that do not tell the story, each
concern's evidence as a share of the sentence's best concern's, summed) leads the best's by at
least `SUPPORT_LEAD` (most of a sentence), and the best leads it by at most `MOST_GAP` units of
evidence. Only sentences whose best concern scores at least `SUPPORT_MIN`, above small talk,
count. The frozen posts are labelled "the main worry: most of the post, or asked first if
equal", and the sentence that asks often is not the one the post is about: "Can I stop it
later? But mostly I want someone to explain why it's needed at all. She's managed without it
for years. What does it add to my care?" (necessity), or three sentences about privacy then
"Do I get some sort of write-up after?". Chosen on the dev posts (posts_dev10.tsv was written
for it, tests/data/README.md): `SUPPORT_LEAD` 0.5 to 1.0 and `MOST_GAP` 1.0 to 3.0 tried; 0.8
and 2.0 took the dev posts 92.9 -> 93.3% and every check post 91.1 -> 93.2% (check 7 82.1 ->
90.5%, the spec twin check 5 95.2 -> 97.6%), with context before 86.1 -> 87.6% (dev) and
83.6 -> 87.4% (check), second worries found 59.4 -> 61.9% and 54.8 -> 60.0%, none offered
wrongly more often. Sentences that tell the story count for nothing here (0.5 and 1 tried: the
context sentences then pull the main worry, check with context before 87.4 -> 85.3%)."""
NARRATIVE_CAP = 3.0
"""The most evidence (3 is about 95) a sentence of a long post that neither asks nor states a
worry gives any concern when another sentence does: the story around a question ("English is
not my first language, sorry for mistakes", "long time lurker, first post") can sound like an
example of some concern and outweigh the question itself. With two such sentences put before
each post (`bench/bench_matcher.py`, "context before": tests/data/post_context.txt, written for
the purpose), this and counting the asking sentences in their own order took the dev posts from
80.0% to 85.1% and the check posts from 77.3% to 85.2% (context after: 89.5 -> 90.4%, 88.1 ->
89.2%); 2.5 did about the same."""
TOLD_CAP = 1.5
"""The most evidence a sentence that tells the story around a worry (greetings, thanks,
who the writer is, what happened last week: the lexicon's `telling` phrases) gives any concern,
when it does not ask and some other sentence is not story. Chosen on dev (0.5 to 3 tried: 1.5
took the dev posts 91.9 -> 92.1% and, with context before, 85.8 -> 86.4%; the check posts were
unchanged at every value, so this is a small, safe weight, not a proven gain)."""
ALSO_MIN = 85.0
"""A sentence must score its own best concern at least this high to raise a second worry (the
word pieces raise sentence scores, so 75 offered a second worry for 10% of the dev posts with
none; 85 halves that for 4 points of second worries found, chosen on dev). These `ALSO_` rules
now pick the second worry of one sentence asking two things only: a post's is `second_worry.py`'s
(`SECOND_WORRY`, below)."""
ALSO_RATIO = 0.7
"""...and that concern's whole-message score must be at least this share of the best's..."""
ALSO_MIN_ADDED = 70.0
ALSO_RATIO_ADDED = 0.5
"""`ALSO_MIN` and `ALSO_RATIO` for a sentence that asks and opens by adding a point ("And
separately, can I get a copy?", "Also, how long do you keep it?"): the writer says there that
a second worry follows, so less evidence is needed for it."""
ALSO_OWN = 0.9
"""...and the main concern may score at most this share of it in that same sentence: a
sentence that is as much about the main worry raises no second one."""
AGREE_LEXICAL = 0.1
AGREE_SEMANTIC = 0.1
"""For a sure match the best concern must also be first, or within these of the first, in each
reading taken alone (the off-topic class included): the lexical evidence (units) and the
semantic score of the whole message (about 0..1). A near tie in one reading ("who can hear the
recordings": supervision 0.20, privacy 0.19) is no disagreement; small talk the words mistake
for a worry ("my computer got a virus": small talk 0.60, security 0.26) is."""
ERRAND = 0.45
"""A message of one sentence whose best concern rests on a single feature of the lexical
reading (one word or pair: "can you turn the telly *off*", "can i get a *summary* of my
charges") while the semantic reading gives small talk at least this much is an errand that
holds a concern's word: never sure, so the kiosk asks "did you mean" instead of answering it.
Chosen on dev (0.35 to 0.5 tried): sure but wrong on the dev short questions and off-topic
lines 11 -> 9 of 1849, the right answers given without asking 75% -> 74%; the check sets: sure
but wrong 5 -> 4 of 686, answered without asking down at most a point (0.35 took 6 points)."""
ERRAND_SHARE = 0.6
"""...and at least this share of what it gives the best concern (both before `SEMANTIC_MAX`
caps them): "is it private?" reads as privacy (1.21) far more than as small talk (0.54), though
small talk about a private parking space is near it, and is answered; "can you turn the tv off"
(small talk 0.66, withdraw 0.52) is still an errand. On the check sets the figures stay as
they were (sure but wrong 11 of 1,716), one more right answer is given without asking. Raised
from 0.5 to 0.6 when the small talk learnt near-misses in the worries' own words (round 20: "can
I change my mind about the 3pm"): "Can I change my mind?" (withdraw 1.08, small talk 0.59) had
become an errand. Over every check set's short questions and the concerns' examples (2,177),
the right answers given without asking went 1,762 -> 1,770 (0.7: 1,771), the wrong ones stayed
9, and no off-topic line of 450 more was answered; with the 18 rounds held out in turn, sure but
wrong stayed 18 of 4,019 (dev) and 9 of 1,882 (check; 0.7: 19 and 9)."""
CONFIDENT = 0.5
CONFIDENT_LEAD = 0.5
"""A message of words the concerns never use still gets the semantic reading when that
reading alone scores a concern at least `CONFIDENT`, and `CONFIDENT_LEAD` above small talk
("hackable??": the pieces of "hack")."""
WORDING = 3.0
"""How much the wording reading (`wording.py`: a regression over the whole message's words and
word pairs) adds to its evidence, as the semantic reading does, for a message of one
sentence... Held out by round (`bench/bench_matcher_folds.py`; a first version that also read
the pieces of words, beside the nearest-text vote), dev short questions 85.7% at 2, 86.4% at
3, 86.6% at 4; as it is, 4 took the check short questions and off-topic lines down (93.8 ->
93.5%, 93.9 -> 92.7%)."""
WORDING_LONG = 1.0
"""...and for a message of several: a post's scores near 100 leave no room to tell its two
worries apart (2 made "Can my boss read the notes? Also, could a lawyer subpoena them?" about
the lawyer, the worry raised second); held out (the first version), dev posts 96.5% at 2,
96.0% at 1."""
WORDING_SENTENCE = 0.5
"""...and, in a message of several sentences, for each sentence as it is read (beside the whole
message's): held out by round (`bench/bench_matcher_folds.py`), dev posts 96.3% without it,
96.6% at 0.5, 96.1% at 1; check posts 96.1 -> 96.7%, with two story sentences before 94.9 ->
95.9%. More second worries are found (dev posts 48.8 -> 57.4%), and more are offered for a post
that raises none (2.9 -> 5.5%)."""
SEMANTIC_MAX = 0.95
"""Semantic scores are capped here, so one reading alone never gives certainty."""
KEYWORD_SHARE = 0.5
"""Weight of a keyword, against an example's 1, when the semantic classifier is trained."""
OFFTOPIC_WEIGHT = 1.0
"""Weight of an off-topic example (the lexicon's, and the small talk of dialogs/phrasings.tsv)
when the classifier is trained, against a concern example's 1: with the phrasings there are
about a quarter as many of them as of concern examples and phrasings. Chosen holding each round
of phrasings out in turn (`bench/bench_matcher_folds.py`, dev): short questions top-1 / off-topic
rejected were 94.7 / 93.0% at 0.35, 94.8 / 94.1% at 0.5, 94.9 / 94.3% at 0.7, 94.2 / 94.9% at 1
and 93.7 / 97.0% at 2 (the weight before the phrasings), the posts 94.3-94.7% at each (ten
rounds then: before the voices round, with the phrasings still compared for likeness). Raised
from 0.7 to 1 when rounds 17, 18, 20 and 21 added about 650 worries told as statements (and 60
story lines of small talk): with the 18 rounds held out in turn, check short 90.0% at 0.7, 0.85
and 1, posts 93.3 / 93.0 / 93.0%, off-topic rejected 88.8 / 90.0 / 90.6%; dev short 84.4% at
0.85 and 84.1% at 1, off-topic 91.2 / 91.5%; the long story posts of check 16 64.3% at 0.85 and
65.5% at 0.7 and 1."""

PEAKS = 0.5
"""Weight of a text's word peaks (`Embedder.peaks`: the element-wise largest of its words'
unit vectors) beside its sentence vector (the mean of its tokens, weight 1) in what the
semantic classifier reads. The mean of a long sentence dilutes its one telling word; the
largest keeps that word's strongest directions. Chosen holding each round of phrasings out in
turn (`bench/bench_matcher_folds.py`), against no peaks: check short questions 89.5 -> 90.0 /
90.4 / 90.3 / 90.3% at 0.35 / 0.5 / 0.7 / 1, posts 94.0 -> 94.0 / 94.3 / 93.8 / 93.5%, story
before 90.2 -> 91.5% at 0.5, off-topic rejected 92.4 -> 91.8 / 91.2 / 91.2 / 90.9%; dev short
79.7 -> 80.0% and off-topic 91.7 -> 92.4% at 0.5. Over every check set but the last
(`bench/bench_matcher.py 1 --dev`, checks 1-18): short 1,256 -> 1,269 of 1,380, posts 1,009 ->
1,011 of 1,117, off-topic 463 -> 460 of 500."""
ONE_SENTENCE = OneSentence(lows=0.5, waves=512, width=1.0, seed=7)
"""What the semantic classifier also reads of a message of one sentence (`one_sentence.py`):
the lows of its words' unit vectors at half weight (as the peaks), and 512 random Fourier
features of its sentence vector (a second regression, over 1,280 columns, for such messages
only). First values tried, none swept. Holding each round of phrasings and posts out
(`bench/bench_matcher_folds.py`): check short questions 90.5 -> 91.3%, off-topic rejected
91.2 -> 91.5%, sure but wrong 0.7 -> 0.8%; dev short 80.1 -> 81.3%, off-topic 92.1 -> 91.7%;
posts unchanged. Every check set but the last two (`bench/bench_matcher.py --dev`, checks
1-18): short 1,270 -> 1,276 of 1,380, off-topic 462 and posts 1,034 unchanged. In a trial
before (other random draws), each view alone: the lows, check short 90.9%, dev 80.8%
(off-topic 92.4%); the waves, check 90.8%, dev 80.7% (off-topic 91.1%); the small-talk column
left to the plain regression, check short 90.9%, dev 81.1%. Read in every sentence of a post
too, they cost posts: the lows -8 of 1,117 pooled, the waves -1.1 to -1.5 points by round.
Cost: building the matcher about 0.35 s more, a message of one sentence about 50 us more.
Tried again on 2026-12-05, with 40 rounds learnt: without the waves, top-1 held out by round
was the same (dev short 89.7% both, check short 95.0 -> 95.1%; 256, 128 and 64 waves within
0.2 points), but a short question's semantic scores came out flatter, and the errand rule
(`ERRAND_SHARE`, chosen with the waves) took "what does the AI actually do?" (ai 0.76, small
talk 0.52, against 0.93 with the waves) for an errand: "did you mean" instead of the answer,
and four transcript tests failed. The waves stay. Without the lows as well, dev short 89.5%.
Since: "which llm do you use" read as small talk ("which ... do you use") until round 58's
phrasings were learnt, and "could my dad look at what the AI wrote" is asked about (access
first, notes_access second)."""
SPELLING = 1.0
"""Weight of the pieces of the words (`grams.py`) against the sentence vector's 1 in the
semantic classifier: a telling word, or a misspelling of one, counts in a long sentence too.
Tried on 2026-12-05: read for a message of one sentence only, not in a post's sentences (a
post about 0.1 ms faster), held out by round the same (dev posts 94.8% both, a story told
before its worry 93.5 -> 93.9%), but every check set's posts 2,238 -> 2,233 of 2,377
(`bench/bench_matcher.py 1`, with the waves gone too; the waves alone: 2,238). Left
out altogether (both without the waves): dev off-topic rejected 94.9 -> 94.5%, sure but
wrong 0.7 -> 0.8%."""
POST = 1.0
"""Weight of how a message of several sentences reads as a post (`Classifier.learn_posts`: a
regression from the whole, read at once, onto its worry, learnt from the posts of dialogs/posts/
and the phrasings of several sentences, small talk among them) beside its theme (`WHOLE`) and
its sentences; small talk's evidence is added too, so a story about a late bus stays small talk.
The theme is read by a classifier of short texts; a story ("my gran's letters turned up in a
shoebox after she died") points at a worry (deletion) in a way only whole posts show. Chosen
before any other value was tried, the same weight as the theme's; the figures: with each round's
posts and phrasings held out (`bench/bench_matcher_folds.py`), dev posts 94.2 -> 94.9% and check
posts 94.3 -> 95.1% (story before 93.1 -> 92.8% and 91.5 -> 91.8%), short questions 80.0 / 90.4
-> 80.0 / 90.5%, off-topic rejected 92.4 / 91.2 -> 92.3 / 91.2%; every check set but the last
(`bench/bench_matcher.py 1 --dev`, checks 1-18): posts 1,011 -> 1,025 of 1,117, short 1,269 ->
1,270 of 1,380, off-topic 460 -> 462 of 500, second worries found 201 -> 203 of 402. Learnt from
the posts alone (none of the phrasings), off-topic lines told as stories ("My husband cooks for
a living, so we never eat before ten") were taken for worries: dev off-topic 92.4 -> 91.8%. A
first try outside the matcher, holding each posts file out in turn, gave the dev posts 995 ->
1,005 of 1,062 at this weight (0.5: 1,003; 1.5: 1,005; 2: 1,003)."""
POST_WORDING = 3.0
"""Weight of the wording of a message of several sentences as posts are worded (a second
`wording.py` regression, over the whole posts of dialogs/posts/ and the phrasings of several
sentences, onto their main worry or small talk): the words and pairs a story carries its worry in
("my ex", "custody", "small town", "shoebox") that short questions never use. Main worries only
(a second worry aimed at too was not tried). Chosen with each posts file held out in turn
(`bench/bench_posts_folds.py`, 1,773 posts): 0 / 2 / 3 / 4 gave 93.7 / 94.3 / 94.6 / 94.5%, those
of 70 words or more 88.7 / 90.6 / 91.0 / 91.0% of 212. Held out by round
(`bench/bench_matcher_folds.py`), 0 -> 3: dev posts 94.0 -> 95.4% (story before 92.8 -> 93.8%),
check posts 95.6 -> 96.2% (95.3 -> 96.2%), sure but wrong 0.4 -> 0.5% and 0.9 -> 0.7%; every check
set's posts (`bench_matcher.py --dev`) 92.3 -> 93.2% of 1,705. It costs about 0.1 ms a long post
and 0.8 s more to build."""
POST_ALSO = 0.5
"""What a post aims at for its second worry when the posts are learnt (its main worry: 1).
In that first try, 0 / 0.3 / 0.5 gave the dev posts 1,005 / 1,006 / 1,007 of 1,062, posts it
had learnt. Measured again on 2026-12-05, with each posts file read by a matcher that did not
learn from it (2,235 posts) and on every check post (1,970), 0 / 0.25 / 0.5 put 2,135 / 2,135 /
2,133 and 1,851 / 1,850 / 1,851 right, but found 395 / 403 / 414 of 745 and 432 / 441 / 460 of 778
second worries, offering one for 62 / 66 / 74 of 1,490 and 58 / 60 / 63 of 1,192 posts with none:
top-1 is flat, and 0.5 finds the most second worries for a few more wrong offers."""

MAIN_WORRY = Fitted(
    weights=(0.916, -0.661, 0.390, -2.333, -0.601, -4.440, 1.958, 0.207, -0.289, -0.166, -1.952),
    bias=-0.599,
)
"""The regression that takes a post's runner-up for its main worry (`main_worry.py`): a weight
for the runner-up's `traits` less the best's, each, and a bias. Printed by
`bench/fit_main_worry.py`, fitted on the tune posts of dialogs/posts/ (1,063 posts it looks at
again whose main worry is among the two best, 73 of them the runner-up), each file read by a
matcher that did not learn from it; with each file held out in turn it puts 10 right and 2
wrong. The check posts were never fitted on. Fitted first without rounds 34 and 35 (771
examples; 7 right, 3 wrong held out), every check set but the last two (`bench/bench_matcher.py
--dev`, checks 1-18) went from 1,025 to 1,031 of 1,117 posts right, second worries found 203 ->
211 of 402, with two story sentences before each post 90.4 -> 92.1% and after 92.1 -> 93.3%;
held out by round (`bench/bench_matcher_folds.py`; the regression saw every round's posts) dev
posts 94.9 -> 95.4%, check 95.1 -> 96.1%. Refitted with rounds 34 and 35: 1,034 of 1,117, second
worries 210; held out by round 95.3% and 95.9%. A first fit without `MAIN_WORRY_SENTENCES`
also swapped two sentences, a story and the question it frames ("My husband talks about
hackers all day. Who at the clinic can read my notes?"), towards the story; and it overrode a
stressed worry. Refitted after the wording reading (`WORDING`) came: 1,074 posts it looks at
again, 62 of them the runner-up; each file held out, 7 right and none wrong; held out by round,
check posts 95.9 -> 96.2% with the earlier weights as the baseline, dev posts 96.2% both.
Refitted on 2026-12-05 on every posts file then in dialogs/posts/ (1,891 posts it looks at again,
104 of them the runner-up; each file held out, 28 right and 5 wrong). Each posts file read by a
matcher that did not learn from it (the regression fitted on all of them): 2,129 -> 2,133 of 2,235
right, sure but wrong 14 -> 13, second worries found 412 -> 414 of 745 (offered for 74 of 1,490
with none, both). Every check post: 1,850 -> 1,851 of 1,970, sure but wrong 21 -> 20, second
worries 460 of 778 both, offered for 60 -> 63 of 1,192 with none. `bench/bench_matcher.py`'s
check lines summed: posts 1,962 -> 1,963 of 2,083, every message sure but wrong 44 -> 43 of
6,128."""
MAIN_WORRY_SURE = 0.6
"""...and the likelihood above which it swaps them (in a first trial outside the matcher, 0.5,
0.6 and 0.7 put the same net number right with each posts file held out; 0.6 with a penalty of 1
did best on the check posts there too)."""
MAIN_WORRY_SENTENCES = 3
"""...in a post of at least this many sentences, none of which stresses its worry (the rules
decide then)."""
SECOND_WORRY = Fitted(
    weights=(
        0.688,
        0.809,
        0.502,
        -0.001,
        0.629,
        -5.778,
        6.276,
        -0.555,
        0.800,
        -0.272,
        3.249,
        0.365,
        1.200,
    ),
    bias=-7.810,
)
"""The regression that picks the second worry a post of several sentences is offered
(`second_worry.py`): a weight for each of a concern's `traits`, and a bias. Printed by
`bench/fit_second_worry.py`, fitted on the tune posts of dialogs/posts/ (2,126 posts of several
sentences, 714 of them with a second worry), each file read by a matcher that did not learn from
it. With each file held out in turn it found 397 of the 714 (55.6%) and offered one for 76 of
the 1,412 posts with none (5.4%); the rules (`two_worries.second_worry`, `ALSO_MIN` ...) found
349 (48.9%) and offered 107 (7.6%). The check posts were never fitted on. Refitted after round
51's posts: every check post (`bench/bench_matcher.py`) found 462 -> 464 of 776 second worries,
offered one for 62 of 1,244 with none before and after. Most of its weight is on
how the post reads as a post (`POST`, which learnt second worries too: `POST_ALSO`) against its
theme, and on a sentence that adds a point."""
SECOND_WORRY_SURE = 0.4
"""...and the likelihood from which the likeliest concern is offered. With each file held out, from
0.3 / 0.35 / 0.4 / 0.5 / 0.6: found 59.1 / 57.1 / 55.8 / 53.0 / 50.7%, offered for a post with
none 6.7 / 5.9 / 5.0 / 3.4 / 2.3%; found less those offered wrongly, 316 / 313 / 316 / 319 / 319
posts (the rules 238). 0.4 does better than the rules on both counts by about as much."""
QUESTIONS_ALSO = 70.0
"""In a message of nothing but questions, the score a question's own best concern needs there to
be offered as the second worry when it is the runner-up (`second_worry.asked_apart`)... Chosen
with each round of phrasings held out (a scratch run over `bench/bench_matcher_folds.py`'s
folds): of 291 pairs of a round's own short questions about two concerns typed as one message,
both were taken up (one answered, the other offered) in 173 without the rule, and in 243 / 225 /
212 / 193 / 176 with it at 70 / 80 / 85 / 90 / 95, a concern of neither offered in 1 and 9 / 8 /
5 / 3 / 2: 70 finds the most less those offered wrongly, as `SECOND_WORRY_SURE` was chosen. A
sentence of a post scores lower than the same words alone ("Who reads it?" 74.7 beside another
question, 95.7 alone). Tried first on any two or three sentences that ask, 21 more of the 1,951
held-out posts with no second worry were offered one; on two, 9 ("I want to read the consent form
before I agree. Where can I see it?"); on two that end in a question mark, 3 ("What does the
research actually show? Does it change how honest people are?"), and none of the check posts."""
QUESTIONS_MAX = 2
"""...in a message of at most this many sentences, each ending with a question mark."""
SECOND_WORRY_STORY = 3
"""In a message of at most this many sentences of which one asks, the others are the story around
that question and raise no second worry (`second_worry.eligible`). Held out as above (first fit,
before round 50's phrasings), it took the posts found 386 -> 384 and offered for a post with none
70 -> 68 (in a trial outside the matcher, the same in every post where one sentence asks: 385 ->
367 and 70 -> 66)."""
