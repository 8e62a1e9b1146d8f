"""How articles relate: near duplicates, wire copies, translations, revisions (issue #5).

Pure functions over digests of articles; the store keeps signatures and edges:

- :mod:`.fingerprint`: MinHash signatures and a compact LSH :class:`DuplicateIndex`;
- :mod:`.align`: the passages two texts share, with character offsets into both;
- :mod:`.relate`: wire copy, near duplicate or revision, and which text is the original;
- :mod:`.translation`: translation notes and cross-lingual sentence alignment;
- :mod:`.sources`: lineage families and the number of independent sources;
- :mod:`.link`: all edges among a batch of articles (candidates, then decisions).
"""

from __future__ import annotations

from lagebild.lineage.align import coverage, shared_passages
from lagebild.lineage.fingerprint import (
    DuplicateIndex,
    shingles,
    signature,
    signature_bytes,
    signature_from_bytes,
)
from lagebild.lineage.link import lineage_edges
from lagebild.lineage.relate import Digest, digest, relate
from lagebild.lineage.sources import families, independent_sources
from lagebild.lineage.translation import document_vector, translation_of

__all__ = [
    "Digest",
    "DuplicateIndex",
    "coverage",
    "digest",
    "document_vector",
    "families",
    "independent_sources",
    "lineage_edges",
    "relate",
    "shared_passages",
    "shingles",
    "signature",
    "signature_bytes",
    "signature_from_bytes",
    "translation_of",
]
