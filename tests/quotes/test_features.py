"""Which sentences the German quote tagger reads (the rest show no sign of speech)."""

from __future__ import annotations

from lagebild.analysis.sentences import split_sentences
from lagebild.quotes.features import DocumentFeatures
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
