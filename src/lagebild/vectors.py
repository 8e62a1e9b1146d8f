"""The most recent vectors in one matrix: nearest neighbours by one matrix product.

Used for multilingual text vectors (USE, 512 dimensions): the event index looks up events in
other languages, the lineage finder looks up originals of translations. The ring holds at most
``size`` rows and overwrites the oldest when full; rows are normalised when put.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

WIDTH = 512  # multilingual USE


class VectorRing:
    """Vectors by key, the most recently put ``size`` of them, each with an optional tag."""

    def __init__(self, size: int, width: int = WIDTH) -> None:
        self.size = size
        self.width = width
        self._matrix = np.zeros((0, width), dtype=np.float32)
        self._keys: list[str | None] = []
        self._tags: list[str | None] = []
        self._row: dict[str, int] = {}
        self._next = 0  # when full: the oldest row, overwritten next

    def __len__(self) -> int:
        return len(self._row)

    def put(self, key: str, vector: NDArray[np.float32], tag: str | None = None) -> None:
        """Add or replace ``key``'s vector (normalised here)."""
        at = self._row.get(key)
        if at is None:
            at = self._free_row()
            self._keys[at] = key
            self._row[key] = at
        self._tags[at] = tag
        self._matrix[at] = vector / (float(np.linalg.norm(vector)) or 1.0)

    def drop(self, key: str) -> None:
        at = self._row.pop(key, None)
        if at is not None:
            self._keys[at] = None
            self._matrix[at] = 0.0

    def nearest(
        self, vector: NDArray[np.float32], k: int, *, other_than: str | None = None
    ) -> list[tuple[str, float]]:
        """The ``k`` keys most similar to ``vector`` (cosine), best first; with
        ``other_than``, only rows with another tag (another language)."""
        if not self._row:
            return []
        scores = self._matrix[: len(self._keys)] @ vector
        if other_than is not None:
            same = np.fromiter((t == other_than for t in self._tags), bool, len(self._tags))
            scores = np.where(same, -np.inf, scores)
        found = []
        for i in np.argsort(-scores)[:k]:
            key = self._keys[i]
            if key is not None and np.isfinite(scores[i]):
                found.append((key, float(scores[i])))
        return found

    def _free_row(self) -> int:
        if len(self._keys) < self.size:
            if len(self._keys) == len(self._matrix):  # grow by doubling, up to size rows
                grown = np.zeros((min(self.size, max(64, 2 * len(self._keys))), self.width))
                grown[: len(self._keys)] = self._matrix
                self._matrix = grown.astype(np.float32)
            self._keys.append(None)
            self._tags.append(None)
            return len(self._keys) - 1
        at = self._next
        self._next = (self._next + 1) % self.size
        old = self._keys[at]
        if old is not None:
            del self._row[old]
        return at
