"""Finding the lineage of each new article among the stored ones, on arrival.

Near-duplicate candidates come from the MinHash LSH index (sublinear: only articles sharing
enough shingles are looked at), cross-language candidates from the multilingual vectors of the
most recent articles; each candidate is then decided by passage alignment (``relate``) or
sentence alignment (``translation_of``).
"""

from __future__ import annotations

import collections
from collections.abc import Callable, Iterable

import numpy as np
from numpy.typing import NDArray

from lagebild.lineage.fingerprint import (
    DuplicateIndex,
    signature,
    signature_bytes,
    signature_from_bytes,
)
from lagebild.lineage.relate import Digest, digest, relate
from lagebild.lineage.translation import document_vector, translation_of
from lagebild.records import Article, LineageEdge
from lagebild.vectors import VectorRing

# Near-duplicate candidates decided per article: the most similar first; a wire text reprinted
# 200 times needs only its original and a few copies to be placed.
MAX_COPY_CANDIDATES = 8
# Cross-language candidates: articles in another language whose document vector scores at
# least this (a translation and its original 0.75-0.9, two agencies' texts on the same event
# 0.6-0.7, unrelated news below 0.4), the best few of them.
TRANSLATION_CANDIDATE = 0.6
MAX_TRANSLATION_CANDIDATES = 3
# Recent articles whose vectors are kept for translation candidates (512 float32 each).
RECENT = 20_000
# Digests kept in memory so that copies of recent articles need no store read.
DIGEST_CACHE = 2_000


class LineageFinder:
    """The lineage of new articles against everything added before."""

    def __init__(
        self,
        load: Callable[[str], Article | None],
        signatures: Iterable[tuple[str, bytes]] = (),
        vectors: Iterable[tuple[str, str | None, bytes]] = (),
        pending: Iterable[str] = (),
    ) -> None:
        self._load = load
        # Translations whose named original was not stored when they arrived: an original
        # arriving later is linked to them.
        self._pending: dict[str, Digest | None] = dict.fromkeys(pending)
        self._index = DuplicateIndex().fit(
            (article_id, signature_from_bytes(data)) for article_id, data in signatures
        )
        # A ring of the most recent articles' vectors: one matrix product finds candidates.
        self._recent = VectorRing(RECENT)
        for article_id, language, data in reversed(list(vectors)):
            self._recent.put(article_id, np.frombuffer(data, dtype=np.float32), language)
        self._digests: collections.OrderedDict[str, Digest] = collections.OrderedDict()

    def signature(self, article: Article) -> bytes | None:
        return signature_bytes(signature(article.text))

    def vector(self, article: Article) -> NDArray[np.float32]:
        return document_vector(article.text, article.meta.language)

    def edges(
        self,
        article: Article,
        sig: bytes | None,
        vector: NDArray[np.float32] | None = None,
    ) -> tuple[LineageEdge, ...]:
        """Every lineage edge between ``article`` and the articles added before."""
        mine = digest(article)
        found: list[LineageEdge] = []
        if sig is not None:
            candidates = self._index.candidates(signature_from_bytes(sig))
            for other_id, _ in candidates[: MAX_COPY_CANDIDATES + 1]:
                other = self._digest(other_id)
                if other is None or other_id == article.id:
                    continue
                edge = relate(other, mine)
                if edge is not None:
                    found.append(edge)
        if not any(e.relation.value != "translation" for e in found):
            translated = self._translation(mine, article, vector)
            if translated is not None:
                found.append(translated)
        found.extend(self._originals_of_pending(mine))
        return tuple(found)

    def _originals_of_pending(self, mine: Digest) -> list[LineageEdge]:
        """Edges from ``mine`` to translations that named it before it was stored."""
        found = []
        for article_id in list(self._pending):
            pending = self._pending[article_id] or self._digest(article_id)
            if pending is None or pending.language == mine.language:
                continue
            self._pending[article_id] = pending
            edge = translation_of(pending, [mine])
            if edge is not None and edge.from_article == mine.article_id:
                found.append(edge)
                del self._pending[article_id]
        return found

    def add(
        self,
        article: Article,
        sig: bytes | None,
        vector: NDArray[np.float32] | None = None,
        edges: Iterable[LineageEdge] = (),
    ) -> None:
        """Remember ``article`` (with the ``edges`` found for it) for the next ones."""
        if sig is not None:
            self._index.add(article.id, signature_from_bytes(sig))
        if vector is not None:
            self._recent.put(article.id, vector, article.meta.language)
        mine = digest(article)
        self._digests[article.id] = mine
        if mine.translated_from is not None and not any(
            e.to_article == article.id and e.from_article for e in edges
        ):
            self._pending[article.id] = mine
        while len(self._digests) > DIGEST_CACHE:
            self._digests.popitem(last=False)

    def _translation(
        self, mine: Digest, article: Article, vector: NDArray[np.float32] | None
    ) -> LineageEdge | None:
        originals: list[Digest] = []
        if vector is not None:
            language = article.meta.language
            for other_id, score in self._recent.nearest(
                vector, MAX_TRANSLATION_CANDIDATES, other_than=language
            ):
                if score >= TRANSLATION_CANDIDATE and (d := self._digest(other_id)):
                    originals.append(d)
        if not originals and mine.translated_from is None:
            return None
        return translation_of(mine, originals)

    def _digest(self, article_id: str) -> Digest | None:
        found = self._digests.get(article_id)
        if found is None:
            article = self._load(article_id)
            if article is None:
                return None
            found = digest(article)
        return found
