"""Which sentences the German quote tagger reads (the rest show no sign of speech)."""

from __future__ import annotations

import random

from lagebild.analysis.sentences import split_sentences
from lagebild.quotes.features import DocumentFeatures, _relative, _Word, _word_of
from lagebild.quotes.marks import quotations


def _document(text: str) -> DocumentFeatures:
    return DocumentFeatures(text, split_sentences(text, "de"), quotations(text), ())


def test_run_time_reads_signs_of_speech_and_training_reads_more() -> None:
    document = _document(
        "Der Minister sagte, die Lage sei ernst. Die Sitzung dauerte bis zum Abend. "
        "Die Kommission legte ihren Bericht vor. Am Abend regnete es."
    )
    assert document.worth_tagging(0)  # a speech verb and a Konjunktiv
    # after a Konjunktiv, with no sign of its own: read in training only
    assert not document.worth_tagging(1)
    assert document.worth_tagging(1, broad=True)
    # a clause-final particle („legte … vor“): training only
    assert not document.worth_tagging(2)
    assert document.worth_tagging(2, broad=True)
    assert not document.worth_tagging(3, broad=True)


def test_a_quotation_before_makes_the_next_sentence_worth_reading() -> None:
    document = _document("„Wir kommen wieder“, rief er. Dann ging er nach Hause.")
    assert document.worth_tagging(1)


def test_anchor_distances_in_one_pass_match_the_nearest_anchor_by_search() -> None:
    """``_relative`` walks the sorted anchors once per sentence; each token must get what a
    search for its nearest anchor (the earlier of two as near) gives."""
    rng = random.Random(7)
    words = [_word_of(f"w{i}", True, False) for i in range(40)]
    for _ in range(300):
        count = rng.randint(1, 40)
        anchors = sorted(rng.choices(range(count), k=rng.randint(0, 5)))
        clause_of = sorted(rng.choices(range(8), k=count))
        expected = [_reference_relative(index, anchors, words, clause_of) for index in range(count)]
        assert _relative(count, anchors, words, clause_of, "a") == expected


def _reference_relative(
    index: int, anchors: list[int], words: list[_Word], clause_of: list[int]
) -> tuple[str, ...]:
    if not anchors:
        return ("a=none",)
    nearest = min(anchors, key=lambda anchor: abs(anchor - index))
    if index in anchors:
        side = "at"
    elif anchors[0] < index < anchors[-1]:
        side = "between"
    else:
        side = "after" if anchors[0] < index else "before"
    gap = min(abs(clause_of[nearest] - clause_of[index]), 4)
    return (
        f"a={side}",
        f"a_clauses={gap}",
        f"a={side}|{gap}",
        f"a_lem={words[nearest].lemma}|{side}",
    )


def test_word_signals_are_the_sentence_signals() -> None:
    document = _document("Er hätte es gewusst. Laut Polizei brannte es. Sie sagte nichts.")
    assert [s.konjunktiv for s in document.signals] == [True, False, False]
    assert [s.frame for s in document.signals] == [False, True, False]
    assert [s.speech_verb for s in document.signals] == [False, False, True]


def test_quotation_marks_are_read_by_their_role_not_their_shape() -> None:
    """»…«, «…» and "…" give the tagger the same features as „…“: it learnt German news marks."""
    from lagebild.analysis.sentences import split_sentences
    from lagebild.quotes.features import DocumentFeatures
    from lagebild.quotes.marks import quotations

    def features(text: str) -> list[list[str]]:
        sentences = split_sentences(text, "de")
        return DocumentFeatures(text, sentences, quotations(text)).of(0)

    german = features("Sie sagte: „Das ist inakzeptabel“. Dann ging sie.")
    for marks in ("«»", "»«", '""'):
        text = f"Sie sagte: {marks[0]}Das ist inakzeptabel{marks[1]}. Dann ging sie."
        assert features(text) == german, marks
