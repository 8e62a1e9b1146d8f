"""Passage alignment (issue #5)."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import COPY, REWRITE, TRANSLATION, UNRELATED, WIRE
from lagebild.lineage.align import coverage, shared_passages


def test_copy_shares_two_passages_around_the_added_paragraph() -> None:
    passages = shared_passages(WIRE, COPY)
    assert len(passages) == 2
    for p in passages:  # the offsets slice the same words out of both texts
        original, derived = WIRE[p.from_start : p.from_end], COPY[p.to_start : p.to_end]
        assert original.split()[-3:] == derived.split()[-3:]
    # the small edit ("im Hafen der Kreisstadt Kellstedt") is bridged, not a break
    assert COPY[passages[0].to_start :].startswith("Bei einem Großbrand")
    assert "Oberwalden" not in COPY[passages[0].to_start : passages[0].to_end]


def test_coverage_of_both_sides() -> None:
    passages = shared_passages(WIRE, COPY)
    assert 0.7 < coverage(passages, WIRE, "from") < 0.85  # the last paragraph was cut
    assert 0.75 < coverage(passages, COPY, "to") < 0.9  # a local paragraph was added


def test_identical_texts_are_one_passage() -> None:
    passages = shared_passages(WIRE, WIRE)
    assert len(passages) == 1
    assert coverage(passages, WIRE, "to") == 1.0


def test_rewrite_and_unrelated_share_nothing() -> None:
    assert shared_passages(WIRE, REWRITE) == ()
    assert shared_passages(WIRE, UNRELATED) == ()
    assert coverage((), WIRE, "from") == 0.0


def test_short_shared_phrase_is_not_a_passage() -> None:
    a = "Gestern sagte der Bürgermeister der Stadt Kellstedt am Abend etwas ganz anderes."
    b = "Heute sagte der Bürgermeister der Stadt Kellstedt nichts dazu."
    assert shared_passages(a, b) == ()
    assert len(shared_passages(a, b, min_words=4)) == 1


def test_two_800_word_articles_align_fast() -> None:
    """About 2 ms on a quiet 2-core machine; the bound leaves room for a loaded CI runner
    and still catches a quadratic alignment (hundreds of ms)."""
    original = " ".join([WIRE, REWRITE, UNRELATED, TRANSLATION, COPY.replace("Hafen", "Port")])
    derived = " ".join([UNRELATED, COPY, TRANSLATION, REWRITE.replace("Feuer", "Brand"), WIRE])
    assert min(len(original.split()), len(derived.split())) > 750
    timings = []
    for _ in range(21):
        start = time.perf_counter()
        shared_passages(original, derived)
        timings.append(time.perf_counter() - start)
    assert sorted(timings)[10] < 0.05  # the median


WORDS = st.sampled_from(
    [
        "die",
        "der",
        "Brücke",
        "Stadt",
        "sagte",
        "am",
        "Montag",
        "Feuer",
        "Hafen",
        "nicht",
        "und",
        "in",
        "von",
        "zwei",
        "Menschen",
    ]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(WORDS, min_size=0, max_size=60), st.lists(WORDS, min_size=0, max_size=60))
def test_passages_lie_inside_both_texts_in_order(first: list[str], second: list[str]) -> None:
    original, derived = " ".join(first), " ".join(second)
    passages = shared_passages(original, derived)
    for p in passages:
        assert 0 <= p.from_start < p.from_end <= len(original)
        assert 0 <= p.to_start < p.to_end <= len(derived)
    assert [p.to_start for p in passages] == sorted(p.to_start for p in passages)
    assert 0.0 <= coverage(passages, derived, "to") <= 1.0


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(0, 10_000), min_size=8, max_size=60, unique=True))
def test_a_text_shares_all_of_itself(numbers: list[int]) -> None:
    text = " ".join(f"Wort{n}" for n in numbers)  # no repeated phrases (see MAX_SEED_REPEATS)
    passages = shared_passages(text, text)
    assert coverage(passages, text, "from") == coverage(passages, text, "to") == 1.0
