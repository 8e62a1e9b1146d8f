"""What an article says for the purpose of grouping it into events: weighted terms, the
entities it names, when the reported event happened, and a language-neutral text vector.

Terms are lemmas (simplemma) of content words, lowercased, without stop words (spaCy's German
and English lists). Words that carry the event more than the rest weigh more:

* the title and the first sentences (news puts who, what, where, when first);
* the words of named entities (who and where separate two similar events: two rehab stays of
  two actresses, two earthquakes in two provinces) and numbers (death tolls, magnitudes);
* each linked entity adds a key of its own (``@<entity id>``), so "Kyiv" in an English article
  and „Kiew“ in a German one are the same feature.

Weights become tf-idf with document frequencies counted over the articles seen so far (see
:class:`Frequencies`); the resulting vector is L2-normalised.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from lagebild.records import Article, PartialDate

# Sentences at the start counted as the lead (title included separately).
LEAD_SENTENCES = 3
# Extra weight of lead words: in news the first sentences name the event; the rest adds
# background that other events share (measured on ECB+ train topics: lead x2 beats x1 and x3).
LEAD_WEIGHT = 2.0
# Words inside a named-entity mention, and numbers: x3 and x2 (ECB+ train topics, where the
# two events of a topic share vocabulary and differ in names and figures).
NAME_WEIGHT = 3.0
NUMBER_WEIGHT = 2.0
# An entity key counts like this many name words per mention (capped by the log in tf).
ENTITY_KEY_WEIGHT = 2.0
# Terms kept per article vector: enough for the event's vocabulary, small to store and compare.
MAX_TERMS = 150
# Pseudo-documents in which no term occurs: keeps idf meaningful for the first articles of a
# store (a term seen in 1 of 3 articles is not yet "common").
PRIOR_DOCUMENTS = 20

_WORD = re.compile(r"[^\W_][\w'’.\-]*[^\W_]|[^\W_]", re.UNICODE)
_NUMBER = re.compile(r"\d[\d.,]*")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"“”»«']?\s+(?=[A-ZÄÖÜ„\"])|\n\s*\n")


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleFeatures:
    """One article as the event index sees it."""

    article_id: str
    language: str | None
    title: str
    counts: Mapping[str, float]  # weighted term counts before idf
    entities: Mapping[str, str]  # entity key -> canonical name, for explanations
    date: dt.date | None  # when the reported event happened (or the publication day)
    date_precision: str | None  # "day" | "month" | "year"
    vector: NDArray[np.float32] | None = field(default=None, compare=False)  # USE, normalised


def article_features(
    article: Article,
    *,
    event_date: PartialDate | None = None,
    vector: NDArray[np.float32] | None = None,
) -> ArticleFeatures:
    """The features of ``article``; ``event_date`` is when the reported event happened (else
    the publication date is used), ``vector`` its multilingual text vector, if computed."""
    language = article.meta.language
    counts: dict[str, float] = {}
    names = _name_spans(article)
    title = article.title or ""
    for sentence_index, (start, sentence) in enumerate(_sentences(article.text)):
        weight = LEAD_WEIGHT if sentence_index < LEAD_SENTENCES else 1.0
        _count(counts, sentence, start, names, weight, language)
    if title:
        _count(counts, title, -1, (), LEAD_WEIGHT, language)
    entities: dict[str, str] = {}
    for entity in article.entities:
        key = entity_key(entity.entity_id, entity.name)
        entities[key] = entity.name
        counts[key] = counts.get(key, 0.0) + ENTITY_KEY_WEIGHT * len(entity.mentions)
    date = event_date or article.meta.published
    return ArticleFeatures(
        article_id=article.id,
        language=language,
        title=title or _first_sentence(article.text),
        counts=dict(sorted(counts.items(), key=lambda kv: -kv[1])[:MAX_TERMS]),
        entities=entities,
        date=_day(date),
        date_precision=date.precision if date is not None else None,
        vector=vector,
    )


def entity_key(entity_id: str | None, name: str) -> str:
    return "@" + (entity_id or name.casefold())


class Frequencies:
    """Document frequencies of terms over the articles seen so far, for idf."""

    def __init__(self, documents: int = 0, counts: Mapping[str, int] | None = None) -> None:
        self.documents = documents
        self.counts: Counter[str] = Counter(counts or {})

    def add(self, terms: Sequence[str]) -> None:
        self.documents += 1
        self.counts.update(terms)

    def idf(self, term: str) -> float:
        total = self.documents + PRIOR_DOCUMENTS
        return math.log((total + 1) / (self.counts.get(term, 0) + 1))


def weighted(features: ArticleFeatures, frequencies: Frequencies) -> dict[str, float]:
    """The article's tf-idf vector (sublinear tf), L2-normalised."""
    vector = {t: math.log1p(c) * frequencies.idf(t) for t, c in features.counts.items()}
    norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
    return {t: v / norm for t, v in vector.items() if v > 0}


# --- helpers -------------------------------------------------------------------------------


def _count(
    counts: dict[str, float],
    sentence: str,
    offset: int,
    names: Sequence[tuple[int, int]],
    weight: float,
    language: str | None,
) -> None:
    stop = _stop_words(language)
    for match in _WORD.finditer(sentence):
        word = match.group().strip(".-'’")
        if len(word) < 2:
            continue
        lower = word.casefold()
        if lower in stop:
            continue
        if _NUMBER.fullmatch(word):
            counts[lower] = counts.get(lower, 0.0) + weight * NUMBER_WEIGHT
            continue
        at = offset + match.start()
        in_name = offset >= 0 and any(s <= at < e for s, e in names)
        term = lower if in_name else _lemma(lower, language or "de")
        if term in stop or len(term) < 2:
            continue
        counts[term] = counts.get(term, 0.0) + weight * (NAME_WEIGHT if in_name else 1.0)


def _name_spans(article: Article) -> tuple[tuple[int, int], ...]:
    spans = {(m.start, m.end) for e in article.entities for m in e.mentions if m.form != "pronoun"}
    return tuple(sorted(spans))


def _sentences(text: str) -> list[tuple[int, str]]:
    out, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        out.append((start, text[start : match.start()]))
        start = match.end()
    out.append((start, text[start:]))
    return [(s, t) for s, t in out if t.strip()]


def _first_sentence(text: str) -> str:
    sentences = _sentences(text)
    return sentences[0][1][:200] if sentences else ""


@functools.lru_cache(maxsize=200_000)
def _lemma(word: str, language: str) -> str:
    import simplemma

    lang = language if language in ("de", "en") else "de"
    return str(simplemma.lemmatize(word, lang=lang)).casefold()


@functools.cache
def _stop_words(language: str | None) -> frozenset[str]:
    from spacy.lang.de.stop_words import STOP_WORDS as GERMAN
    from spacy.lang.en.stop_words import STOP_WORDS as ENGLISH

    if language == "en":
        return frozenset(w.casefold() for w in ENGLISH)
    if language == "de":
        return frozenset(w.casefold() for w in GERMAN)
    return frozenset(w.casefold() for w in GERMAN | ENGLISH)


def _day(date: PartialDate | None) -> dt.date | None:
    if date is None:
        return None
    return dt.date(date.year, date.month or 7, date.day or (15 if date.month else 1))


def reported_date(article: Article) -> PartialDate | None:
    """When the event the article reports happened: the first past day or month its title or
    lead names („am Montagabend“ resolved against the publication day), else its publication
    date (see :func:`lagebild.timex.event_date`)."""
    from lagebild.timex import event_date

    published = article.meta.published
    day = published.to_date() if published is not None and published.precision == "day" else None
    return event_date(article.text, article.meta.language, day, title=article.title) or published
