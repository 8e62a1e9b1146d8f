"""German quote extraction on hand-written sentences, one construction each (the model's
quality is measured by benchmarks/quotes_de.py, not here)."""

from __future__ import annotations

from lagebild.quotes import quotes_in_text
from lagebild.records import Quote


def _only(text: str) -> Quote:
    quotes = quotes_in_text(text)
    assert len(quotes) == 1, quotes
    return quotes[0]


def test_direct_quote_with_cue_after() -> None:
    quote = _only("„Wir werden das Gesetz ändern“, sagte Bundeskanzler Friedrich Merz am Montag.")
    assert quote.kind == "direct"
    assert quote.text == "Wir werden das Gesetz ändern"
    assert quote.speaker == "Friedrich Merz"
    assert quote.cue is not None and quote.cue.text == "sagte"


def test_reported_speech_in_konjunktiv_with_dass() -> None:
    text = "Innenministerin Nancy Faeser erklärte, dass die Grenzkontrollen verlängert würden."
    quote = _only(text)
    assert quote.kind == "indirect"
    assert quote.speaker == "Nancy Faeser"
    assert "Grenzkontrollen verlängert" in quote.text
    assert text[quote.start : quote.end] == quote.text


def test_continuation_keeps_the_speaker_and_pronoun_resolves() -> None:
    text = (
        "Gesundheitsminister Karl Lauterbach sagte, die Reform sei notwendig. "
        "Sie werde die Kliniken entlasten. "
        "Er betonte, dass die Kosten sinken würden."
    )
    quotes = quotes_in_text(text)
    assert len(quotes) == 3, quotes
    assert {quote.speaker for quote in quotes} == {"Karl Lauterbach"}
    assert quotes[2].speaker_mention is not None
    assert quotes[2].speaker_mention.text == "Er"


def test_unnamed_source_is_kept_as_a_description() -> None:
    quote = _only(
        "Die Gespräche seien konstruktiv verlaufen, teilte eine Sprecherin des Ministeriums mit."
    )
    assert quote.speaker_entity is None
    assert quote.speaker is not None and "Sprecherin des Ministeriums" in quote.speaker


def test_mixed_quote_embeds_a_verbatim_fragment() -> None:
    quote = _only("Der Minister sagte, die Lage sei „sehr ernst“ und erfordere schnelles Handeln.")
    assert quote.kind == "mixed"


def test_plain_report_has_no_quote() -> None:
    assert quotes_in_text("Der Zug fuhr um acht Uhr in Berlin ab. Er kam pünktlich an.") == ()


def test_speaker_mention_is_the_noun_phrase_without_clause_words() -> None:
    """The tagger's speaker run may take in the verb and article after it („Angaben der New
    York Times dauerte der“); the mention is the noun phrase, with a bracket it opened."""
    quote = _only("Nach Angaben der New York Times dauerte der Einsatz drei bis fünf Stunden.")
    assert quote.speaker_mention is not None
    assert quote.speaker_mention.text == "Angaben der New York Times"
    quote = _only(
        "Der Bär dürfe geschossen werden, sagte ein Sprecher des Umweltministeriums (StMUV)."
    )
    assert quote.speaker_mention is not None
    assert quote.speaker_mention.text.endswith("(StMUV)")
