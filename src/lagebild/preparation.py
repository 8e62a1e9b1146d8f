"""The per-article work of ingest, in this process or in worker processes.

Everything that depends on one article alone — decoding, cleaning, metadata, what the NER
model finds, quotes and claims with the article's own entities, the text features relating
needs — is pure and can run in parallel; what depends on the store (corpus-level consistency,
the entity registry, saving, relating) stays in the main process, in input order.

With ``workers > 1`` a pool of processes does the pure part. On Linux the workers are forked
after the NER model is loaded, so they share it instead of loading it again.
"""

from __future__ import annotations

import collections
import itertools
import multiprocessing
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from lagebild.entities.analyse import DataFiles, FoundNames, entity_data_for, find_names
from lagebild.errors import LagebildError, internal_error, one_line
from lagebild.pipeline import FOUNDATION, Pipeline
from lagebild.quotes import find_quotes
from lagebild.records import Article, Claim, PartialDate, Quote, RawDocument, SourceFailure

# Articles handed to a worker at a time: amortises the inter-process transfer without
# holding many articles back (results still come in input order).
CHUNK = 8
# With ``workers = 0`` (automatic), a batch this long gets a pool: for a handful of articles,
# starting workers costs more than they save.
AUTO_POOL_FROM = 64
# Automatic pools stop here: the main process (store writes, entity linking) becomes the
# bottleneck beyond a few workers.
AUTO_MAX_WORKERS = 4


@dataclass(frozen=True, slots=True, kw_only=True)
class Prepared:
    """One input after the pure per-article stages."""

    raw: RawDocument | None
    result: Article | SourceFailure
    found: FoundNames | None = None  # None: entity analysis is off
    # Quotes found with the article's own entities (before corpus-level names and linking);
    # None when quotes are off.
    quotes: tuple[Quote, ...] | None = None
    # What relating the article needs of its text alone (MinHash signature, multilingual
    # vector, reported date); None when events are off.
    text: TextRelations | None = None
    # Claims found with the article's own entities and ``quotes`` (see ``worker_claims``);
    # None when claims are off.
    claims: tuple[Claim, ...] | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class TextRelations:
    """The text-only part of relating an article, computed in the workers."""

    signature: bytes
    vector: NDArray[np.float32]
    date: PartialDate | None


def text_relations(article: Article) -> TextRelations:
    from lagebild.events.features import reported_date
    from lagebild.lineage.fingerprint import signature, signature_bytes
    from lagebild.lineage.translation import document_vector

    return TextRelations(
        signature=bytes(signature_bytes(signature(article.text))),
        vector=document_vector(article.text, article.meta.language),
        date=reported_date(article),
    )


def prepare_all(
    raws: Iterable[RawDocument | SourceFailure],
    *,
    entities: bool,
    workers: int,
    data_files: DataFiles = (None, None, None),
    quotes: bool = False,
    relate: bool = False,
    claims: bool = False,
) -> Iterator[Prepared]:
    """Prepare every input, in input order, with ``workers`` processes (1: this one; 0: as
    many as there are cores, up to four, once the batch is long enough to pay off).
    ``data_files`` are the user's gazetteer, role and alias files (see ``entity_data``);
    ``claims`` (with ``quotes``) finds each article's claims too."""
    if workers == 0:
        head = list(itertools.islice(raws, AUTO_POOL_FROM))
        raws = itertools.chain(head, raws)
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
        workers = min(cores, AUTO_MAX_WORKERS) if len(head) == AUTO_POOL_FROM else 1
    if workers <= 1:
        for raw in raws:
            outcome = _prepare((raw, entities, data_files, quotes, relate, claims))
            yield _prepared(_raw(raw), outcome)
        return
    if entities:  # load the model once, before forking, so the workers share it
        from lagebild.entities.ner import german_ner

        german_ner()
    sent: collections.deque[RawDocument | None] = collections.deque()

    def feed() -> Iterator[_Item]:
        for raw in raws:
            sent.append(_raw(raw))
            yield raw, entities, data_files, quotes, relate, claims

    context = multiprocessing.get_context("fork" if "fork" in _methods() else "spawn")
    with context.Pool(workers) as pool:
        for outcome in pool.imap(_prepare, feed(), chunksize=CHUNK):
            yield _prepared(sent.popleft(), outcome)


def _prepared(raw: RawDocument | None, outcome: _Outcome) -> Prepared:
    result, found, said, text, claims = outcome
    return Prepared(raw=raw, result=result, found=found, quotes=said, text=text, claims=claims)


def _methods() -> list[str]:
    return multiprocessing.get_all_start_methods() if os.name == "posix" else ["spawn"]


def _raw(raw: RawDocument | SourceFailure) -> RawDocument | None:
    return raw if isinstance(raw, RawDocument) else None


_Item = tuple[RawDocument | SourceFailure, bool, DataFiles, bool, bool, bool]
_Outcome = tuple[
    Article | SourceFailure,
    FoundNames | None,
    tuple[Quote, ...] | None,
    TextRelations | None,
    tuple[Claim, ...] | None,
]


def _prepare(item: _Item) -> _Outcome:
    """One input through the pure stages: (raw, entities?, data files, quotes?, relate?,
    claims?)."""
    raw, entities, data_files, quotes, relate, claims = item
    if isinstance(raw, SourceFailure):
        return raw, None, None, None, None
    [layers] = list(_FOUNDATION.process([raw]))
    if isinstance(layers, SourceFailure):
        return layers, None, None, None, None
    article: Article = layers["article"]
    try:
        text = text_relations(article) if relate else None
        if not entities:
            return article, None, None, text, None
        found = find_names(article, entity_data_for(data_files))
        if not quotes:
            return article, found, None, text, None
        said = find_quotes(article, found.analysis.entities, found.sentences)
        found_claims = worker_claims(article, found, said) if claims else None
        return article, found, said, text, found_claims
    except LagebildError as exc:
        return SourceFailure(origin=raw.origin, reason=one_line(exc)), None, None, None, None
    except Exception as exc:  # a bug in a text analysis must not kill the batch
        failure = SourceFailure(origin=raw.origin, reason=internal_error(exc))
        return failure, None, None, None, None


def worker_claims(
    article: Article, found: FoundNames, quotes: tuple[Quote, ...]
) -> tuple[Claim, ...]:
    """The claims of ``article`` with its own entities and quotes, before corpus-level names
    and registry linking. Mention spans stay the same through linking, so these are the
    claims the main process would find, except for attributions to quote speakers, whose
    names linking may change (``ingestion`` renames them, see ``claims.extract.relink``)."""
    from lagebild.claims.extract import extract_claims

    own = replace(article, entities=found.analysis.entities, quotes=quotes)
    return extract_claims(own)


_FOUNDATION = Pipeline(FOUNDATION)
