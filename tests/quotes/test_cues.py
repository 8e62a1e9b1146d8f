from __future__ import annotations

import pytest

from lagebild.quotes.cues import SPEECH_VERBS, lemma, mood


@pytest.mark.parametrize(
    "word", ["sei", "habe", "könne", "festhalte", "werde", "seien", "handele", "ändere"]
)
def test_konjunktiv_one(word: str) -> None:
    assert mood(word) == "k1"


@pytest.mark.parametrize("word", ["hätten", "würde", "wäre"])
def test_konjunktiv_two(word: str) -> None:
    assert mood(word) == "k2"


@pytest.mark.parametrize("word", ["hat", "sagte", "Lage", "ist", "große", "handeln", "Handel"])
def test_indicative_and_other_words(word: str) -> None:
    assert mood(word) == ""


def test_speech_verbs_by_lemma() -> None:
    assert lemma("betonte") in SPEECH_VERBS
    assert lemma("erklärten") in SPEECH_VERBS
    assert lemma("fuhr") not in SPEECH_VERBS
