"""The SpkAtt-2023 Task 2 scorer of benchmarks/_spkatt.py, on hand-made cases and the real data."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

from _spkatt import (  # noqa: E402  (benchmarks/ is not a package)
    Annotation,
    Document,
    merge_by_key,
    pair,
    prediction,
    read_documents,
    score_corpus,
    score_document,
    scores,
    tokens_in,
    type_recall,
    widen_over_marks,
)

SHARED = Path(os.environ.get("LAGEBILD_SHARED", REPO.parent / "shared")).resolve()
DEV = SHARED / "datasets" / "de_news_quotes_2024" / "dev.jsonl.gz"


def ids(first: int, last: int) -> frozenset[int]:
    """Token ids ``first..last`` inclusive."""
    return frozenset(range(first, last + 1))


def test_perfect_prediction_scores_one() -> None:
    gold = [
        Annotation(quote=ids(0, 9), speaker=ids(10, 11), kind="Direct"),
        Annotation(quote=ids(20, 25), speaker=frozenset({30}), kind="Indirect"),
    ]
    predicted = [Annotation(quote=g.quote, speaker=g.speaker) for g in reversed(gold)]
    result = scores(score_document(predicted, gold))
    for role in ("quote", "speaker", "joint"):
        assert (result[role].precision, result[role].recall, result[role].f1) == (1.0, 1.0, 1.0)


def test_partial_overlap_counts_tokens() -> None:
    gold = [Annotation(quote=ids(0, 9), speaker=ids(10, 11), kind="Indirect")]
    predicted = [Annotation(quote=ids(5, 14), speaker=frozenset({11}))]
    result = scores(score_document(predicted, gold))
    # quote: 5 of 10 predicted and 5 of 10 gold tokens shared
    assert result["quote"].precision == pytest.approx(0.5)
    assert result["quote"].recall == pytest.approx(0.5)
    assert result["quote"].f1 == pytest.approx(0.5)
    # speaker: 1 of 1 predicted, 1 of 2 gold
    assert result["speaker"].precision == pytest.approx(1.0)
    assert result["speaker"].recall == pytest.approx(0.5)
    assert result["speaker"].f1 == pytest.approx(2 / 3)
    # joint: 6 shared of 11 predicted and 12 gold tokens
    assert result["joint"].precision == pytest.approx(6 / 11)
    assert result["joint"].recall == pytest.approx(0.5)
    assert result["joint"].f1 == pytest.approx(12 / 23)


def test_pairing_maximises_total_overlap_not_greedy() -> None:
    gold = [Annotation(quote=ids(0, 8)), Annotation(quote=ids(9, 12))]
    # X overlaps gold 0 by 5 and gold 1 by 4; Y overlaps gold 0 by 4. Greedy X-0 gives 5 tokens,
    # the assignment X-1 + Y-0 gives 8.
    predicted = [Annotation(quote=ids(4, 12)), Annotation(quote=ids(0, 3))]
    assert sorted(pair(predicted, gold)) == [(0, 1, 4), (1, 0, 4)]
    result = scores(score_document(predicted, gold))
    assert result["quote"].precision == pytest.approx(8 / 13)
    assert result["quote"].recall == pytest.approx(8 / 13)


def test_a_gold_quote_pairs_with_one_prediction_only() -> None:
    gold = [Annotation(quote=ids(0, 9), speaker=frozenset({12}))]
    predicted = [
        Annotation(quote=ids(0, 4), speaker=frozenset({12})),
        Annotation(quote=ids(5, 9), speaker=frozenset({12})),
    ]
    counts = score_document(predicted, gold)
    assert (counts.quote_tp, counts.quote_predicted, counts.quote_gold) == (5, 10, 10)
    assert (counts.speaker_tp, counts.speaker_predicted, counts.speaker_gold) == (1, 2, 1)


def test_speaker_scored_only_inside_pairs() -> None:
    gold = [Annotation(quote=ids(0, 5), speaker=frozenset({7}))]
    predicted = [Annotation(quote=ids(20, 21), speaker=frozenset({7}))]
    assert pair(predicted, gold) == []
    counts = score_document(predicted, gold)
    assert (counts.quote_tp, counts.speaker_tp) == (0, 0)
    assert (counts.speaker_predicted, counts.speaker_gold) == (1, 1)


def test_no_predictions_or_no_gold() -> None:
    gold = [Annotation(quote=ids(0, 3), kind="Direct")]
    assert scores(score_document([], gold))["quote"].recall == 0.0
    result = scores(score_document([Annotation(quote=ids(0, 3))], []))
    assert (result["quote"].precision, result["quote"].f1) == (0.0, 0.0)


def test_simplified_variant_drops_nested_gold_only() -> None:
    gold = [
        Annotation(quote=ids(0, 9), kind="Indirect"),
        Annotation(quote=ids(4, 5), kind="Direct", nested=True),
    ]
    predicted = [Annotation(quote=ids(0, 9))]
    counts = score_corpus([predicted], [gold])
    assert scores(counts["simplified"])["quote"].f1 == pytest.approx(1.0)
    assert counts["full"].quote_gold == 12
    assert scores(counts["full"])["quote"].recall == pytest.approx(10 / 12)


def test_recall_per_gold_type() -> None:
    gold = [
        Annotation(quote=ids(0, 3), kind="Direct"),
        Annotation(quote=ids(10, 13), kind="Reported"),
    ]
    predicted = [Annotation(quote=ids(0, 1)), Annotation(quote=ids(10, 13))]
    counts = score_corpus([predicted], [gold])["full"]
    recall = {kind: score.recall for kind, score in type_recall(counts).items()}
    assert recall == {"Direct": pytest.approx(0.5), "Reported": pytest.approx(1.0)}


def test_counts_add_over_documents() -> None:
    first = score_document([Annotation(quote=ids(0, 1))], [Annotation(quote=ids(0, 3))])
    second = score_document([Annotation(quote=ids(0, 3))], [Annotation(quote=ids(0, 3))])
    total = first + second
    assert (total.quote_tp, total.quote_predicted, total.quote_gold) == (6, 6, 8)


def test_parts_sharing_a_key_are_merged_into_one_quote() -> None:
    # „A“, sagte er, „B“: one gold quote of two spans, two predicted records with one cue
    gold = [Annotation(quote=ids(0, 3) | ids(8, 11), speaker=frozenset({6}))]
    parts = [
        Annotation(quote=ids(0, 3), speaker=frozenset({6})),
        Annotation(quote=ids(20, 22)),
        Annotation(quote=ids(8, 11), speaker=frozenset({6})),
    ]
    merged = merge_by_key(parts, [(5, 6), None, (5, 6)])
    assert [m.quote for m in merged] == [ids(0, 3) | ids(8, 11), ids(20, 22)]
    assert merged[0].speaker == {6}
    assert scores(score_document(parts, gold))["quote"].recall == pytest.approx(0.5)
    assert scores(score_document(merged, gold))["quote"].recall == pytest.approx(1.0)


# „Ja“, sagte er.
TEXT = "„Ja“, sagte er."
TOKENS = [(0, 1), (1, 3), (3, 4), (4, 5), (6, 11), (12, 14), (14, 15)]


def small_document() -> Document:
    return Document(
        name="t",
        text=TEXT,
        token_starts=tuple(start for start, _ in TOKENS),
        token_ends=tuple(end for _, end in TOKENS),
        gold=(),
    )


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (1, 3, {1}),
        (0, 4, {0, 1, 2}),
        (2, 3, {1}),
        (5, 6, set()),
        (4, 12, {3, 4}),
        (4, 13, {3, 4, 5}),
        (3, 3, set()),
    ],
)
def test_tokens_in_are_the_overlapping_tokens(start: int, end: int, expected: set[int]) -> None:
    assert tokens_in(small_document(), start, end) == expected


def test_widening_takes_adjacent_quotation_marks_only() -> None:
    assert widen_over_marks(TEXT, 1, 3) == (0, 4)
    assert widen_over_marks(TEXT, 6, 11) == (6, 11)
    assert widen_over_marks("»‚Nein‘«", 2, 6) == (0, 8)


def test_prediction_maps_content_with_marks_and_speaker_mention() -> None:
    annotation = prediction(small_document(), (1, 3), (12, 14))
    assert annotation.quote == {0, 1, 2}
    assert annotation.speaker == {5}
    assert prediction(small_document(), (1, 3), None).speaker == frozenset()


def test_real_dev_split_reads_and_char_spans_map_back_to_gold_tokens() -> None:
    if not DEV.exists():
        pytest.skip(f"de_news_quotes_2024 not found at {DEV}; set LAGEBILD_SHARED to ../shared")
    documents = list(read_documents(DEV))
    assert len(documents) == 150
    assert sum(len(doc.gold) for doc in documents) == 653
    for doc in documents:
        for raw, gold in zip(doc.gold_raw, doc.gold, strict=True):
            spans = raw["quote"]["spans"]
            mapped = frozenset().union(
                *(tokens_in(doc, span["charBegin"], span["charEnd"]) for span in spans)
            )
            assert mapped == gold.quote, doc.name
