"""Lineage families and independent sources (issue #5)."""

from __future__ import annotations

from lagebild.lineage.sources import families, independent_sources
from lagebild.records import LineageEdge, LineageRelation


def _edge(a: str | None, b: str, source: str | None = None) -> LineageEdge:
    return LineageEdge(
        from_article=a,
        to_article=b,
        relation=LineageRelation.WIRE_COPY if a else LineageRelation.TRANSLATION,
        shared_fraction=1.0,
        kept_fraction=1.0,
        from_source=source,
        evidence="test",
    )


def test_families_join_chains_of_edges() -> None:
    found = families(["a", "b", "c", "d", "e"], [_edge("a", "b"), _edge("b", "c")])
    assert found == [frozenset({"a", "b", "c"}), frozenset({"d"}), frozenset({"e"})]


def test_copies_translations_and_named_sources_count_once() -> None:
    edges = [
        _edge("wire", "copy1"),
        _edge("wire", "copy2"),
        _edge(None, "mt1", "The Harbour Times (en)"),
        _edge(None, "mt2", "The Harbour Times (en)"),
    ]
    ids = ["wire", "copy1", "copy2", "mt1", "mt2", "own"]
    assert independent_sources(ids, edges, {}) == 3


def test_articles_crediting_one_agency_count_once() -> None:
    agencies = {"dpa1": ("dpa",), "dpa2": ("dpa",), "afp": ("AFP",), "own": ()}
    assert independent_sources(["dpa1", "dpa2", "afp", "own"], [], agencies) == 3


def test_edges_to_articles_outside_the_set_still_link() -> None:
    edges = [_edge("outside", "a"), _edge("outside", "b")]
    assert independent_sources(["a", "b"], edges, {}) == 1
    assert families(["a", "b"], edges) == [frozenset({"a", "b"})]
