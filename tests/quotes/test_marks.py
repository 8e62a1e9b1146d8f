from __future__ import annotations

from lagebild.quotes.marks import quotations, strip_marks


def _inner(text: str) -> list[str]:
    return [text[q.open + 1 : q.close] for q in quotations(text) if not q.nested]


def test_german_swiss_french_and_straight_marks() -> None:
    text = 'Er sagte: „Ja.“ Sie: «Nein.» Dann »Vielleicht.« Und "Gut".'
    assert _inner(text) == ["Ja.", "Nein.", "Vielleicht.", "Gut"]


def test_nested_single_marks_stay_inside_the_outer_quotation() -> None:
    text = "„Er nannte es ‚Unsinn‘, sagte sie.“"
    found = quotations(text)
    assert [text[q.open + 1 : q.close] for q in found] == [
        "Er nannte es ‚Unsinn‘, sagte sie.",
        "Unsinn",
    ]
    assert [q.nested for q in found] == [False, True]


def test_a_quotation_goes_on_in_a_paragraph_that_opens_again() -> None:
    text = "„Erster Absatz.\n\n„Zweiter Absatz.“ Danach."
    [quotation] = [q for q in quotations(text) if not q.nested]
    assert text[quotation.close + 1 :] == " Danach."


def test_a_stray_mark_is_no_quotation() -> None:
    assert quotations('Das 12" Display.\n\nNeuer Absatz ohne Zeichen.') == ()


def test_strip_marks() -> None:
    text = "„Wir kommen.“"
    assert strip_marks(text, 0, len(text)) == (1, len(text) - 1)


def test_a_quotation_closes_within_its_length_limit_only() -> None:
    # one paragraph without a break: the closer just inside the limit counts, one past it not
    inside = "„" + "a" * 5998 + "“ Ende."
    assert _inner(inside) == ["a" * 5998]
    assert _inner("„" + "a" * 5999 + "“ Ende.") == []


def test_a_closing_mark_that_opens_a_quotation_does_not_close_one() -> None:
    text = "„Sie nannte es »Unsinn« und ging.“ Danach."
    assert _inner(text) == ["Sie nannte es »Unsinn« und ging."]


def test_a_guillemet_before_punctuation_closes() -> None:
    """«…», and »…«, before a comma or full stop close their quotation (Swiss and German
    guillemets; a guillemet opening a quotation is followed by a word)."""
    assert _inner("«Das ist inakzeptabel», sagte sie.") == ["Das ist inakzeptabel"]
    assert _inner("»Das ist inakzeptabel«, sagte sie.") == ["Das ist inakzeptabel"]
    assert _inner("Sie sagte: «Nein». Dann ging sie.") == ["Nein"]
