"""Lineage families and the number of independent sources among a set of articles.

Copies of one wire text, translations, near duplicates and revisions all descend from one
text: they form one family (a connected component of the lineage graph) and count as one
source. Articles crediting the same agency count as that agency once more, even when no edge
links their texts: two dpa dispatches on one event are one source, dpa.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from lagebild.records import LineageEdge


class _UnionFind:
    """Disjoint sets over string keys with path halving and union by size."""

    def __init__(self, keys: Iterable[str]) -> None:
        self.parent: dict[str, str] = {key: key for key in keys}
        self.size: dict[str, int] = dict.fromkeys(self.parent, 1)

    def add(self, key: str) -> None:
        if key not in self.parent:
            self.parent[key] = key
            self.size[key] = 1

    def find(self, key: str) -> str:
        parent = self.parent
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a == root_b:
            return
        if self.size[root_a] < self.size[root_b]:
            root_a, root_b = root_b, root_a
        self.parent[root_b] = root_a
        self.size[root_a] += self.size[root_b]

    def groups(self, keys: Iterable[str]) -> list[frozenset[str]]:
        found: dict[str, set[str]] = {}
        for key in keys:
            found.setdefault(self.find(key), set()).add(key)
        return sorted((frozenset(g) for g in found.values()), key=lambda g: (-len(g), min(g)))


def _source_key(edge: LineageEdge) -> str | None:
    """The node an edge starts from: the stored original, or the named source that a
    translation note names (two translations of one named original are one family)."""
    if edge.from_article is not None:
        return edge.from_article
    return f"source:{edge.from_source}" if edge.from_source else None


def _linked(article_ids: Sequence[str], edges: Iterable[LineageEdge]) -> _UnionFind:
    sets = _UnionFind(article_ids)
    for edge in edges:
        origin = _source_key(edge)
        if origin is None:
            continue
        sets.add(origin)
        sets.add(edge.to_article)
        sets.union(origin, edge.to_article)
    return sets


def families(article_ids: Iterable[str], edges: Iterable[LineageEdge]) -> list[frozenset[str]]:
    """The lineage families of ``article_ids``: articles linked by any chain of edges, largest
    first. Articles outside ``article_ids`` only link (an original stored in another event);
    every article id appears in exactly one family, alone when nothing links it."""
    ids = list(dict.fromkeys(article_ids))
    return _linked(ids, edges).groups(ids)


def independent_sources(
    article_ids: Iterable[str],
    edges: Iterable[LineageEdge],
    agencies: Mapping[str, Sequence[str]],
) -> int:
    """How many independent sources ``article_ids`` rest on: one per lineage family, with
    families crediting a common agency (``agencies``: article id -> credited agencies)
    counted once."""
    return len(set(source_keys(article_ids, edges, agencies).values()))


def source_keys(
    article_ids: Iterable[str],
    edges: Iterable[LineageEdge],
    agencies: Mapping[str, Sequence[str]],
) -> dict[str, str]:
    """Which independent source each article rests on: articles of one lineage family, and
    families crediting a common agency, get the same key. (An outlet's own articles are not
    merged: a paper printing the dpa text and its own report has two sources.)"""
    ids = list(dict.fromkeys(article_ids))
    sets = _linked(ids, edges)
    for article_id in ids:
        for agency in agencies.get(article_id, ()):
            key = f"agency:{agency.casefold()}"
            sets.add(key)
            sets.union(key, article_id)
    return {article_id: sets.find(article_id) for article_id in ids}
