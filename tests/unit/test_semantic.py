"""The semantic reading: the WordLlama model that ships in its wheel, read without the network,
giving the vectors WordLlama itself gives, and the small classifier the matcher trains on it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from assistant.engine.embedder import (
    TOKENIZER,
    WEIGHTS,
    Embedder,
    ModelMissing,
    default_embedder,
    model_dir,
)
from assistant.engine.one_sentence import OneSentence
from assistant.engine.semantic import Classifier

ROOT = Path(__file__).resolve().parents[2]


def test_the_model_ships_inside_the_package() -> None:
    folder = model_dir()
    assert (folder / WEIGHTS).is_file() and (folder / TOKENIZER).is_file()
    assert default_embedder() is default_embedder()


def test_vectors_are_unit_length_and_empty_text_is_zero() -> None:
    vectors = default_embedder().embed(["is this private", "", "where do i park"])
    norms = np.linalg.norm(vectors, axis=1)
    assert vectors.shape == (3, 256)
    assert norms[0] == pytest.approx(1.0, abs=1e-5) and norms[2] == pytest.approx(1.0, abs=1e-5)
    assert norms[1] == 0.0
    assert default_embedder().embed([]).shape == (0, 256)


def test_meaning_is_closer_than_other_topics() -> None:
    a, b, c = default_embedder().embed(
        ["can a lawyer get my records", "could an attorney demand my files", "where do i park"]
    )
    assert a @ b > a @ c + 0.1


def test_the_same_vectors_as_wordllamas_own_loader() -> None:
    # In a child process: importing wordllama configures the root logger (the reason we read
    # its files ourselves), which must not leak into this test run.
    texts = ["can a court get my recordings", "i dont want the ai to listen", "hello"]
    script = (
        "import json, sys\n"
        "from wordllama import WordLlama\n"
        "from assistant.engine.embedder import model_dir\n"
        "wl = WordLlama.load('l2_supercat', dim=256, cache_dir=model_dir(), "
        "disable_download=True)\n"
        f"print(json.dumps(wl.embed({texts!r}, norm=True).tolist()))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        cwd=ROOT,
    )
    theirs = np.asarray(json.loads(done.stdout.strip().splitlines()[-1]), dtype=np.float32)
    ours = default_embedder().embed(texts)
    assert np.allclose(ours, theirs, atol=1e-3)


def test_matching_opens_no_network_connection(tmp_path: Path) -> None:
    # Every way out is closed before anything is imported; building the matcher (which loads
    # the model) and matching must still work, and no download library may even be imported.
    script = (
        "import socket, sys\n"
        "def refuse(*a, **k):\n"
        "    raise OSError('network used')\n"
        "socket.socket.connect = refuse\n"
        "socket.socket.connect_ex = refuse\n"
        "socket.create_connection = refuse\n"
        "socket.getaddrinfo = refuse\n"
        "from assistant.engine.concerns import load_concerns\n"
        "from assistant.engine.matcher import Matcher\n"
        "matcher = Matcher(load_concerns(), phrasings=(), posts=())\n"  # small, same model
        "got = matcher.match('can a court get my recordings?')\n"
        "assert got.concern == 'limits', got\n"
        "loaded = [m for m in ('requests', 'huggingface_hub', 'wordllama') if m in sys.modules]\n"
        "assert not loaded, loaded\n"
        "print('ok')\n"
    )
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}  # no cache folder to fall back on
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=ROOT,
        env=env,
    )
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr


def test_a_missing_model_says_so(tmp_path: Path) -> None:
    with pytest.raises(ModelMissing, match="no WordLlama model files"):
        Embedder(tmp_path)


def test_the_classifier_learns_from_a_few_labelled_texts() -> None:
    texts = [
        "is it private",
        "will anyone hear me",
        "how long do you keep it",
        "when is it deleted",
    ]
    classifier = Classifier(default_embedder(), texts, [0, 0, 1, 1], 2)
    scores = classifier.scores(["does the audio get erased", "can other people listen in"])
    assert scores.shape == (2, 2)
    assert scores[0].argmax() == 1 and scores[1].argmax() == 0


def test_texts_read_together_are_the_mean_of_their_tokens() -> None:
    embedder = default_embedder()
    parts = embedder.embed(["who can read", "my therapy notes"], together=True)
    joined = embedder.embed(["who can read my therapy notes"])
    assert parts.shape == (3, embedder.dim)
    assert float(parts[-1] @ joined[0]) == pytest.approx(1.0, abs=1e-4)
    assert not embedder.embed([], together=True).any()


def test_words_worked_out_ahead_give_the_same_vectors() -> None:
    # The tokenizer never joins two words, so a known word's tokens may be looked up instead
    # of encoded: the vectors are the same, whichever words are known (here: some, all, none).
    embedder = default_embedder()
    texts = ["can my husbnd read the notes", "is it privite", "recording", "zzqx blorp"]
    plain = embedder.embed(texts, together=True)
    for known in ("can read the notes is it", " ".join(texts), ""):
        table = embedder.words(known.split())
        ahead = embedder.embed(texts, together=True, known=table)
        assert np.allclose(ahead, plain, atol=1e-5)
    assert embedder.words(["", " ", "two words"]).index == {}


def test_peaks_are_the_largest_of_the_words_unit_vectors() -> None:
    embedder = default_embedder()
    texts = ["can my husbnd read the notes", "subpoena", "", "zzqx blorp"]
    peaks = embedder.peaks(texts, together=True)
    assert peaks.shape == (5, embedder.dim)
    words = embedder.words("can my husbnd read the notes".split())
    by_word = words.both[:, embedder.dim :]
    largest = by_word.max(axis=0)
    assert np.allclose(peaks[0], largest / np.linalg.norm(largest), atol=1e-5)
    # one word alone: its own direction; no tokens: zeros
    alone = embedder.embed(["subpoena"])[0]
    assert float(peaks[1] @ alone) == pytest.approx(1.0, abs=1e-4)
    assert not peaks[2].any()
    # read together: the largest over every word of every text
    together = embedder.peaks([" ".join(texts)])[0]
    assert np.allclose(peaks[-1], together, atol=1e-5)


def test_sentence_vectors_and_peaks_read_at_once_are_the_same_as_apart() -> None:
    embedder = default_embedder()
    texts = ["can my husbnd read the notes", "is it privite", "", "zzqx blorp"]
    for known in ("can read the notes is it", " ".join(texts), ""):
        table = embedder.words(known.split())
        both = embedder.embed_and_peaks(texts, together=True, known=table)
        assert np.allclose(both[:, : embedder.dim], embedder.embed(texts, True), atol=1e-5)
        assert np.allclose(both[:, embedder.dim :], embedder.peaks(texts, True), atol=1e-5)


def test_the_peaks_weight_is_read_into_the_classifier() -> None:
    # trained on [sentence vector, weight x peaks], read on [sentence vector, peaks] with the
    # weight taken into the regression's rows: the same scores as reading the weighted peaks
    embedder = default_embedder()
    texts = ["is it private", "will anyone hear me", "how long do you keep it", "when deleted"]
    classifier = Classifier(embedder, texts, [0, 0, 1, 1], 2, peaks=0.5)
    message = ["does the audio get erased eventually", "can other people listen in"]
    scores = classifier.scores(message)
    assert scores[0].argmax() == 1 and scores[1].argmax() == 0
    features = np.hstack([embedder.embed(message), 0.5 * embedder.peaks(message)])
    raw = features @ (
        classifier._weights * np.r_[np.ones(embedder.dim), np.full(embedder.dim, 2.0)][:, None]
    )
    assert np.allclose(scores, raw + classifier._bias, atol=1e-4)


def test_posts_learnt_give_a_reading_of_the_whole() -> None:
    texts = ["is the audio deleted", "how long is it kept", "who can listen", "can staff hear it"]
    plain = Classifier(default_embedder(), texts, [0, 0, 1, 1], 2, peaks=0.5)
    posted = Classifier(default_embedder(), texts, [0, 0, 1, 1], 2, peaks=0.5)
    story = [["my grandmother's letters turned up in a shoebox", "nothing ever really goes away"]]
    posted.learn_posts(story * 3, np.array([[1.0, 0.0]] * 3))
    assert not plain.reads_posts and posted.reads_posts
    post = ["my old letters turned up in a shoebox", "i do not want things to outlive me"]
    read, before = posted.scores(post, True), plain.scores(post, True)
    # the sentences and the theme read as before; one row more, last: the post as a whole
    assert read.shape == (4, 2) and before.shape == (3, 2)
    assert np.allclose(read[:3], before)
    assert read[3, 0] > read[3, 1]
    # a single text, or texts not read together, get no such row
    assert posted.scores(post).shape == (2, 2)


def test_lows_are_the_smallest_of_the_words_unit_vectors() -> None:
    embedder = default_embedder()
    text = "can my boss read my notes"
    both = embedder.embed_and_peaks([text], lows=True)
    assert both.shape == (1, 3 * 256)
    words = embedder.embed(text.split())  # each word's unit vector
    expected = words.min(axis=0)
    assert np.allclose(both[0, 512:], expected / np.linalg.norm(expected), atol=1e-5)
    # the first two blocks are what they are without the lows
    assert np.allclose(both[0, :512], embedder.embed_and_peaks([text])[0], atol=1e-6)


def test_a_message_of_one_sentence_reads_the_lows_and_waves_too() -> None:
    texts = ["is the audio deleted", "how long is it kept", "who can listen", "can staff hear it"]
    labels = [0, 0, 1, 1]
    settings = OneSentence(lows=0.5, waves=64, width=1.0, seed=3)
    plain = Classifier(default_embedder(), texts, labels, 2, peaks=0.5)
    wider = Classifier(default_embedder(), texts, labels, 2, peaks=0.5, one_sentence=settings)
    again = Classifier(default_embedder(), texts, labels, 2, peaks=0.5, one_sentence=settings)
    message = ["does the recording get wiped"]
    assert not np.allclose(wider.scores(message), plain.scores(message))
    assert np.allclose(wider.scores(message), again.scores(message))  # the same waves
    assert wider.scores(message)[0, 0] > wider.scores(message)[0, 1]
    # a post's sentences, and the theme, read as before
    post = ["my old letters turned up in a shoebox", "is the audio deleted afterwards"]
    assert np.allclose(wider.scores(post, True), plain.scores(post, True))
