from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from lagebild.analysis import split_sentences
from lagebild.entities.ner import GermanNer, german_ner, recognise
from lagebild.entities.ner_features import NoKnowledge, sentence_features, word_shape
from lagebild.errors import ConfigError

TEXT = (
    "Der russische Präsident Wladimir Putin hat am Montag mit US-Präsident Donald Trump "
    "telefoniert. Putin sagte danach in Sotschi, die Gespräche seien offen gewesen. "
    "Kremlsprecher Dmitri Peskow bestätigte das Telefonat. Die Nato reagierte zurückhaltend."
)


def _found(text: str) -> dict[str, str]:
    mentions = recognise(text, split_sentences(text), "de")
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
    return {mention.text: mention.fine for mention in mentions}


def test_german_model_finds_people_places_and_organisations() -> None:
    found = _found(TEXT)
    assert found.get("Wladimir Putin") == "PER"
    assert found.get("Donald Trump") == "PER"
    assert found.get("Dmitri Peskow") == "PER"
    assert found.get("Sotschi") == "LOC"
    assert found.get("Nato") == "ORG"
    assert "Montag" not in found


def test_a_name_found_once_is_found_again_in_the_article() -> None:
    mentions = recognise(TEXT, split_sentences(TEXT), "de")
    putin = [m for m in mentions if m.text == "Putin"]
    assert putin and all(m.label == "PER" for m in putin)


def test_known_names_from_other_articles_are_recognised() -> None:
    text = "Gestern traf Xyzabc Qwertz in Berlin ein."
    mentions = recognise(text, split_sentences(text), "de", known={"Xyzabc Qwertz": "PER"})
    assert any(m.text == "Xyzabc Qwertz" and m.label == "PER" for m in mentions)


def test_mentions_never_overlap() -> None:
    mentions = recognise(TEXT, split_sentences(TEXT), "de")
    ends = [(m.start, m.end) for m in mentions]
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(ends))


def test_tagging_is_fast_enough_for_ingest() -> None:
    import time

    ner = german_ner()
    words = TEXT.split()
    ner.tag(words)
    started = time.perf_counter()
    for _ in range(50):
        ner.tag(words)
    assert (time.perf_counter() - started) / 50 < 0.1  # generous: CI machines are shared


def test_missing_model_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="train_ner.py"):
        GermanNer(tmp_path)


def test_features_and_shapes() -> None:
    assert word_shape("Putin") == "Xx"
    assert word_shape("NATO") == "X"
    assert word_shape("G7-Gipfel") == "Xd-Xx"
    features = sentence_features(["Merkel-Vertraute", "sagte"], NoKnowledge())
    assert "0:hyph_first=merkel" in features[0]
    assert "1:w=sagte" in features[0]
    doubled = sentence_features(["Merkel-Vertraute", "sagte"], NoKnowledge(), "germeval")
    assert len(doubled[0]) == 2 * len(features[0]) - 1  # "bias" is not doubled
    assert "germeval|1:w=sagte" in doubled[0]


def test_numpy_decoder_agrees_with_crfsuite() -> None:
    ner = german_ner()
    for sentence in split_sentences(TEXT):
        words = [token.text for token in sentence.tokens]
        assert ner.tag(words) == ner.tag_with_crfsuite(words)


def test_tagging_sentences_together_equals_one_by_one() -> None:
    """An article's sentences share one Viterbi pass; sentences of different lengths (and an
    empty one) get the tags they get alone."""
    ner = german_ner()
    sentences = [[token.text for token in sentence.tokens] for sentence in split_sentences(TEXT)]
    sentences = [sentences[0][:3], *sentences, [], sentences[-1][:1]]
    assert ner.tag_many(sentences) == [ner.tag(words) for words in sentences]


def test_a_name_does_not_start_with_the_sentences_preposition() -> None:
    """„Laut Stadtsprecher Jan Ehlers …“: the model took „Laut“ into the name; it is left out."""
    words = [
        "Laut",
        "Stadtsprecher",
        "Jan",
        "Ehlers",
        "ist",
        "er",
        "bis",
        "auf",
        "Weiteres",
        "im",
        "Urlaub",
        ".",
    ]
    tags = german_ner().tag(words)
    assert tags[0] == "O" and tags[1].startswith("B-")
    assert german_ner().tag_many([words, words[:4]])[0] == tags
