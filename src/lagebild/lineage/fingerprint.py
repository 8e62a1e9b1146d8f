"""Fingerprints of article texts and a near-duplicate index with sublinear lookup.

An article's fingerprint is a MinHash signature of the word shingles of its normalised text.
Signatures are computed with datasketch's ``MinHash``. The :class:`DuplicateIndex` cuts them
into bands, as datasketch's ``MinHashLSH`` does (with the band layout it picks for our
threshold), but keeps the bands in sorted numpy arrays instead of one Python set per band
bucket: for 100,000 articles ``MinHashLSH`` (42 bands) grew the process by 1.4 GB, this index
(64 bands) by 0.36 GB at its peak while building, 145 MB of arrays once built. The index only
proposes candidates; :mod:`lagebild.lineage.align` and :mod:`lagebild.lineage.relate` decide
what the relation is.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from datasketch import LeanMinHash, MinHash
from numpy.typing import NDArray

# Five-word shingles: a changed word breaks at most five shingles, so a lightly edited wire
# copy keeps most of them, while five words in a row are rarely shared by two independent
# texts about the same event (three-word shingles like "in der Stadt" are shared by any two
# German articles on one topic and push unrelated pairs up to Jaccard 0.1-0.15).
SHINGLE_WORDS = 5
# 128 permutations: the Jaccard estimate has a standard error of about 0.04 at 0.5, enough to
# rank candidates, and a signature is 512 bytes (51 MB for 100,000 articles).
NUM_PERM = 128
# Fixed seed and permutation scheme: signatures persisted in the store must stay comparable
# with signatures computed after a restart (datasketch 2 changed its default scheme once).
SEED = 1
SCHEME = "affine32"

_WORD = re.compile(r"\w+")
# Marks that NFKC keeps but that differ between copies of one text (typographic quotes,
# dashes, apostrophes); words are extracted with \w+ anyway, this keeps "don't" one word.
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})


def normalised_words(text: str) -> list[str]:
    """The words of ``text``: NFKC, case-folded, punctuation and quote marks stripped."""
    clean = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).casefold()
    return _WORD.findall(clean.replace("'", ""))


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """The ``size``-word shingles of ``text``; a short text is one shingle of all its words."""
    words = normalised_words(text)
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def _template() -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)


_PERMUTATIONS = _template().permutations


def signature(text: str) -> LeanMinHash:
    """The MinHash signature of ``text`` (``NUM_PERM`` values; empty text: all maximal)."""
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, permutations=_PERMUTATIONS)
    minhash.update_batch([shingle.encode("utf-8") for shingle in shingles(text)])
    return LeanMinHash(minhash)


def signature_bytes(sig: LeanMinHash) -> bytes:
    """The signature as ``NUM_PERM`` little-endian 32-bit values, for the store."""
    return np.asarray(sig.hashvalues, dtype="<u4").tobytes()


def signature_from_bytes(data: bytes) -> LeanMinHash:
    """A signature read back from :func:`signature_bytes`."""
    if len(data) != NUM_PERM * 4:
        raise ValueError(
            f"A lineage signature has {NUM_PERM * 4} bytes, got {len(data)}; "
            "recompute it with lagebild.lineage.signature(text)."
        )
    values = np.frombuffer(data, dtype="<u4").astype(np.uint32)
    return LeanMinHash(seed=SEED, hashvalues=values, scheme=SCHEME)


def estimated_jaccard(a: LeanMinHash, b: LeanMinHash) -> float:
    """The share of equal signature values: an unbiased estimate of the shingle Jaccard."""
    return float(np.count_nonzero(a.hashvalues == b.hashvalues)) / NUM_PERM


# 64 bands of 2 values: a pair with shingle Jaccard J is proposed with probability
# 1 - (1 - J^2)^64: 0.15 at 0.05, 0.47 at 0.1, 0.93 at 0.2, 0.998 at 0.3. A wire copy with a
# new headline, a cut ending, an added local paragraph and reworded phrases has a Jaccard of
# 0.2-0.7 against the agency text, so it is found. datasketch's MinHashLSH picks 42 bands of
# 3 for a threshold of 0.3 (0.29 at 0.2, 0.68 at 0.3): on the German event stream
# (benchmarks/events_de.py, seed 0) that missed 6 of 730 wire copies as candidates, 64 x 2
# none. Independent articles
# on one event have 0.0-0.05; the few proposed are dropped by MIN_ESTIMATED_JACCARD before
# any alignment. The price is memory: one key per band, 64 x 12 bytes per article.
BANDS, ROWS = 64, 2
# Proposed articles below this estimated Jaccard are dropped before alignment: at 0.15 an
# estimate is 3 standard errors above unrelated texts; a copy by relate.COPY_MIN_SHARE falls
# below it only when one text is several times longer than the other.
MIN_ESTIMATED_JACCARD = 0.15
# New keys wait in a dictionary until this many articles are added, then join the sorted
# arrays in one merge (a merge of 4 million keys takes about 0.3 s).
MERGE_EVERY = 4096

_MIX = np.uint64(0x9E3779B97F4A7C15)  # odd 64-bit constants (golden ratio, murmur) to mix
_SALT = np.arange(BANDS, dtype=np.uint64) * np.uint64(0xC2B2AE3D27D4EB4F)  # keeps bands apart


def band_keys(values: NDArray[np.uint32]) -> NDArray[np.uint64]:
    """One 64-bit key per band of a signature's ``NUM_PERM`` values (the last axis)."""
    bands = values[..., : BANDS * ROWS].astype(np.uint64)
    bands = bands.reshape(*values.shape[:-1], BANDS, ROWS)
    mixed: NDArray[np.uint64] = np.broadcast_to(_SALT, bands.shape[:-1]).copy()
    for column in range(ROWS):  # multiply-xor: distinct bands collide with chance ~2^-64
        mixed = (mixed * _MIX) ^ bands[..., column]
    return mixed


@dataclass(slots=True)
class DuplicateIndex:
    """Signatures of stored articles; :meth:`candidates` proposes possible copies.

    Follows scikit-learn's contract: settings in ``__init__``, learned state ends in ``_``."""

    min_jaccard: float = MIN_ESTIMATED_JACCARD
    ids_: list[str] = field(init=False, default_factory=list)
    rows_: dict[str, int] = field(init=False, default_factory=dict)  # live id -> row
    signatures_: NDArray[np.uint32] = field(
        init=False, default_factory=lambda: np.zeros((0, NUM_PERM), dtype=np.uint32)
    )
    keys_: NDArray[np.uint64] = field(
        init=False, default_factory=lambda: np.zeros(0, dtype=np.uint64)
    )
    key_rows_: NDArray[np.int32] = field(
        init=False, default_factory=lambda: np.zeros(0, dtype=np.int32)
    )
    pending_: dict[int, list[int]] = field(init=False, default_factory=dict)
    pending_rows_: int = field(init=False, default=0)

    def __len__(self) -> int:
        return len(self.rows_)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self.rows_

    def add(self, article_id: str, sig: LeanMinHash) -> None:
        """Index ``sig`` under ``article_id``; adding an id again replaces its signature."""
        self._add(article_id, sig)
        if self.pending_rows_ >= MERGE_EVERY:
            self._merge()

    def fit(self, items: Iterable[tuple[str, LeanMinHash]]) -> DuplicateIndex:
        """Add every ``(article_id, signature)`` with one merge at the end; for rebuilding the
        index from the store (100,000 signatures in a few seconds)."""
        first = len(self.ids_)
        for article_id, sig in items:
            self._store(article_id, sig)
        last = len(self.ids_)
        keys = np.empty((last - first, BANDS), dtype=np.uint64)
        for start in range(first, last, MERGE_EVERY):  # in chunks: fewer temporary arrays
            end = min(last, start + MERGE_EVERY)
            keys[start - first : end - first] = band_keys(self.signatures_[start:end])
        rows = np.repeat(np.arange(first, last, dtype=np.int32), BANDS)
        self._merge(keys.reshape(-1), rows)
        return self

    def _add(self, article_id: str, sig: LeanMinHash) -> None:
        row = self._store(article_id, sig)
        for key in band_keys(self.signatures_[row]).tolist():
            self.pending_.setdefault(key, []).append(row)
        self.pending_rows_ += 1

    def _store(self, article_id: str, sig: LeanMinHash) -> int:
        """Keep the signature in the next row; returns the row."""
        row = len(self.ids_)
        if row == len(self.signatures_):  # grow by half to amortise copying
            grown = np.zeros((max(64, row + row // 2), NUM_PERM), dtype=np.uint32)
            grown[:row] = self.signatures_
            self.signatures_ = grown
        self.signatures_[row] = np.asarray(sig.hashvalues, dtype=np.uint32)
        self.ids_.append(article_id)
        self.rows_[article_id] = row  # an older row of the same id is no longer live
        return row

    def remove(self, article_id: str) -> None:
        """Forget ``article_id``; its keys stay until the next merge but match nothing."""
        self.rows_.pop(article_id, None)

    def candidates(self, sig: LeanMinHash) -> list[tuple[str, float]]:
        """Indexed articles that may share text with ``sig``, with their estimated Jaccard,
        most similar first (the article itself is included when it is indexed)."""
        values = np.asarray(sig.hashvalues, dtype=np.uint32)
        keys = band_keys(values)
        rows: set[int] = set()
        left = np.searchsorted(self.keys_, keys, side="left")
        right = np.searchsorted(self.keys_, keys, side="right")
        for start, end in zip(left.tolist(), right.tolist(), strict=True):
            rows.update(self.key_rows_[start:end].tolist())
        for key in keys.tolist():
            rows.update(self.pending_.get(key, ()))
        live = sorted(r for r in rows if self.rows_.get(self.ids_[r]) == r)
        if not live:
            return []
        shares = (self.signatures_[live] == values).mean(axis=1)
        found = [
            (self.ids_[row], float(share))
            for row, share in zip(live, shares.tolist(), strict=True)
            if share >= self.min_jaccard
        ]
        return sorted(found, key=lambda item: (-item[1], item[0]))

    def _merge(
        self,
        extra_keys: NDArray[np.uint64] | None = None,
        extra_rows: NDArray[np.int32] | None = None,
    ) -> None:
        """Move the pending (and extra) keys into the sorted arrays, dropping rows no longer
        live."""
        new_keys = [key for key, rows in self.pending_.items() for _ in rows]
        new_rows = [row for rows in self.pending_.values() for row in rows]
        parts_keys = [self.keys_, np.asarray(new_keys, dtype=np.uint64)]
        parts_rows = [self.key_rows_, np.asarray(new_rows, dtype=np.int32)]
        if extra_keys is not None and extra_rows is not None:
            parts_keys.append(extra_keys)
            parts_rows.append(extra_rows)
        keys, rows = np.concatenate(parts_keys), np.concatenate(parts_rows)
        live_rows = np.zeros(len(self.ids_), dtype=bool)
        live_rows[list(self.rows_.values())] = True
        keep = live_rows[rows]
        keys, rows = keys[keep], rows[keep]
        order = np.argsort(keys, kind="stable")
        self.keys_, self.key_rows_ = keys[order], rows[order]
        self.pending_, self.pending_rows_ = {}, 0
