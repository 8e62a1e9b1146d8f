"""English NER with spaCy's en_core_web_sm (issue 3, item 2)."""

from __future__ import annotations

import importlib.util

import pytest

from lagebild.analysis import split_sentences
from lagebild.entities import english
from lagebild.entities.english import recognise_english, recognise_english_batch
from lagebild.errors import ConfigError

if (
    importlib.util.find_spec("spacy") is None
    or importlib.util.find_spec(english.ENGLISH_MODEL) is None
):
    pytest.skip(
        f"spaCy or its English model is not installed: {english.INSTALL_HINT}",
        allow_module_level=True,
    )

TEXT = (
    "Russian President Vladimir Putin met JD Vance in Moscow on Tuesday, the Kremlin said.\n\n"
    "The European Union and NATO reacted within 24 hours. "
    "Putin’s spokesman Dmitry Peskov read the Constitution of Ukraine to 300 reporters."
)


@pytest.fixture(scope="module")
def mentions() -> dict[str, tuple[str, str]]:
    found = recognise_english(TEXT, split_sentences(TEXT, "en"))
    return {m.text: (m.label, m.fine) for m in found}


@pytest.mark.parametrize(
    ("name", "label", "fine"),
    [
        ("Vladimir Putin", "PER", "PER"),
        ("JD Vance", "PER", "PER"),
        ("Dmitry Peskov", "PER", "PER"),
        ("Moscow", "LOC", "LOC"),
        ("Russian", "LOC", "LOCderiv"),
        ("NATO", "ORG", "ORG"),
        ("European Union", "ORG", "ORG"),
    ],
)
def test_labels(mentions: dict[str, tuple[str, str]], name: str, label: str, fine: str) -> None:
    assert mentions[name] == (label, fine)


def test_dates_and_numbers_are_dropped(mentions: dict[str, tuple[str, str]]) -> None:
    assert not {"Tuesday", "24 hours", "300"} & set(mentions)


def test_leading_article_is_not_part_of_the_name(mentions: dict[str, tuple[str, str]]) -> None:
    assert "the European Union" not in mentions


def test_offsets_slice_back_and_source_is_ner() -> None:
    found = recognise_english(TEXT, split_sentences(TEXT, "en"))
    assert found
    for mention in found:
        assert TEXT[mention.start : mention.end] == mention.text
        assert mention.source == "ner"


def test_batch_gives_one_result_per_document_in_order() -> None:
    texts = [TEXT, "Nothing here.", "Olaf Scholz visited Paris."]
    documents = [(text, split_sentences(text, "en")) for text in texts]
    batched = list(recognise_english_batch(documents, batch_size=2))
    assert batched == [recognise_english(text, found) for text, found in documents]
    assert batched[1] == ()


def test_no_sentences_no_mentions() -> None:
    assert recognise_english("", ()) == ()


@pytest.mark.parametrize("language", ["de", None, "fr"])
def test_refuses_other_languages(language: str) -> None:
    with pytest.raises(ValueError, match=r"Cannot run the English NER model on language"):
        recognise_english("Angela Merkel", split_sentences("Angela Merkel", "de"), language)  # type: ignore[arg-type]


def test_missing_model_names_the_install_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(english, "ENGLISH_MODEL", "no_such_spacy_model")
    with pytest.raises(ConfigError, match=r"spaCy or its English model is missing.*pip install"):
        english._english_ner.__wrapped__()
