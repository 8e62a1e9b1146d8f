"""All lineage edges among a batch of articles: candidates first, then the decisions.

Same-language copies are proposed by the :class:`~lagebild.lineage.fingerprint.DuplicateIndex`
and decided by :func:`~lagebild.lineage.relate.relate`; translations are proposed by document
vectors (or named by a translation note) and decided by
:func:`~lagebild.lineage.translation.translation_of`. The store does the same one article at a
time; this batch form serves backfills, the tests and the demo benchmark.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from lagebild.lineage.fingerprint import DuplicateIndex, signature
from lagebild.lineage.relate import Digest, relate
from lagebild.lineage.translation import document_vector, named_by, translation_of
from lagebild.records import LineageEdge

# Document vectors (mean of the opening sentences' multilingual embeddings) of a translation
# and its original score 0.85-0.9; articles on the same event in two languages score 0.6-0.76
# in the demo corpus. Candidates from 0.6 on are aligned sentence by sentence, which tells
# the two apart; a lower bar would only align more unrelated pairs (about 20 ms each).
TRANSLATION_CANDIDATE = 0.6


def lineage_edges(digests: Sequence[Digest], *, translations: bool = True) -> list[LineageEdge]:
    """Every lineage edge among ``digests``: copies, near duplicates and revisions within a
    language, and (with ``translations``) translations across languages."""
    edges = copy_edges(digests)
    if translations:
        edges.extend(translation_edges(digests))
    return edges


def copy_edges(digests: Sequence[Digest]) -> list[LineageEdge]:
    """Wire copies, near duplicates and revisions: each article against the earlier ones the
    duplicate index proposes."""
    index = DuplicateIndex()
    by_id: dict[str, Digest] = {}
    edges: list[LineageEdge] = []
    for item in digests:
        sig = signature(item.text)
        for article_id, _jaccard in index.candidates(sig):
            edge = relate(by_id[article_id], item)
            if edge is not None:
                edges.append(edge)
        index.add(item.article_id, sig)
        by_id[item.article_id] = item
    return edges


def translation_edges(digests: Sequence[Digest]) -> list[LineageEdge]:
    """Translations: each article against the articles in other languages whose document
    vectors are close or that its translation note names; one edge per pair of articles."""
    vectors = {d.article_id: document_vector(d.text, d.language) for d in digests}
    found: dict[frozenset[str | None], LineageEdge] = {}
    for item in digests:
        note = item.translated_from
        candidates = [
            other
            for other in digests
            if other.language != item.language
            and other.article_id != item.article_id
            and (
                float(np.dot(vectors[item.article_id], vectors[other.article_id]))
                >= TRANSLATION_CANDIDATE
                or (note is not None and named_by(note, other))
            )
        ]
        edge = translation_of(item, candidates)
        if edge is None:
            continue
        pair = frozenset({edge.from_article or edge.from_source, edge.to_article})
        kept = found.get(pair)
        if kept is None or _better(edge, kept, digests):
            found[pair] = edge
    return list(found.values())


def _better(edge: LineageEdge, other: LineageEdge, digests: Sequence[Digest]) -> bool:
    """Of two directions of one translation pair, the one a note confirms, else the one with
    more of the translation aligned."""
    noted = {d.article_id for d in digests if d.translated_from is not None}
    if (edge.to_article in noted) != (other.to_article in noted):
        return edge.to_article in noted
    return edge.shared_fraction > other.shared_fraction
