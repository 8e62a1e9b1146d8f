"""Fingerprints and the duplicate index (issue #5)."""

from __future__ import annotations

import pytest

from conftest import COPY, REWRITE, UNRELATED, WIRE
from lagebild.lineage import fingerprint
from lagebild.lineage.fingerprint import (
    DuplicateIndex,
    estimated_jaccard,
    normalised_words,
    shingles,
    signature,
    signature_bytes,
    signature_from_bytes,
)


def test_words_are_normalised() -> None:
    assert normalised_words("„Wir SIND’s“ – sagte er: ﬁne.") == [
        "wir",
        "sinds",
        "sagte",
        "er",
        "fine",
    ]


def test_quote_marks_and_case_do_not_change_the_shingles() -> None:
    assert shingles("„Das ist ein Test“, sagte sie heute.") == shingles(
        '"das ist ein test", sagte SIE heute'
    )


def test_short_text_is_one_shingle() -> None:
    assert shingles("Kurze Meldung") == {"kurze meldung"}
    assert shingles("") == set()


def test_signature_is_stable_and_round_trips_through_bytes() -> None:
    sig = signature(WIRE)
    data = signature_bytes(sig)
    assert len(data) == 512
    assert signature_bytes(signature(WIRE)) == data  # same text, same fingerprint
    assert estimated_jaccard(signature_from_bytes(data), sig) == 1.0


def test_wrong_signature_length_is_rejected() -> None:
    with pytest.raises(ValueError, match="A lineage signature has 512 bytes, got 3"):
        signature_from_bytes(b"abc")


def test_wire_copy_is_above_the_lsh_threshold_and_rewrite_below() -> None:
    wire = signature(WIRE)
    assert estimated_jaccard(wire, signature(COPY)) > 0.4  # found with probability > 0.94
    assert estimated_jaccard(wire, signature(REWRITE)) < 0.1
    assert estimated_jaccard(wire, signature(UNRELATED)) < 0.1


def test_index_proposes_the_copy_only() -> None:
    index = DuplicateIndex().fit(
        [
            ("copy", signature(COPY)),
            ("rewrite", signature(REWRITE)),
            ("other", signature(UNRELATED)),
        ]
    )
    found = index.candidates(signature(WIRE))
    assert [article_id for article_id, _ in found] == ["copy"]
    assert 0.4 < found[0][1] < 0.8


def test_index_replaces_and_removes() -> None:
    index = DuplicateIndex()
    index.add("a", signature(WIRE))
    index.add("a", signature(UNRELATED))
    assert len(index) == 1
    assert index.candidates(signature(WIRE)) == []
    index.remove("a")
    assert "a" not in index
    assert index.candidates(signature(UNRELATED)) == []


def test_index_finds_articles_before_and_after_a_merge(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fingerprint, "MERGE_EVERY", 2)
    index = DuplicateIndex()
    index.add("copy", signature(COPY))  # pending
    index.add("other", signature(UNRELATED))  # merged into the sorted arrays
    index.add("rewrite", signature(REWRITE))  # pending again
    assert len(index.keys_) == 2 * fingerprint.BANDS
    assert [a for a, _ in index.candidates(signature(WIRE))] == ["copy"]
    index.add("copy", signature(REWRITE))  # replaced; the merge drops the old row's keys
    index.add("x", signature(UNRELATED))  # pending
    assert [a for a, _ in index.candidates(signature(WIRE))] == []
    assert sorted(a for a, _ in index.candidates(signature(REWRITE))) == ["copy", "rewrite"]
    assert len(index.keys_) == 3 * fingerprint.BANDS  # other, rewrite, copy (new)
