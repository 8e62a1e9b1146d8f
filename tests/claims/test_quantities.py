"""Quantity expressions (issue #6): values, units, bounds, and the numbers that are not
quantities."""

from __future__ import annotations

import pytest

from lagebild.claims.quantities import Quantity, find_quantities


def only(text: str, language: str = "de") -> Quantity:
    found = find_quantities(text, language)
    assert len(found) == 1, found
    return found[0]


# (text, expression, value, unit, low, high, approximate)
GERMAN = [
    ("Beide Seiten tauschten jeweils 1.000 Kriegsgefangene aus.", "1.000 Kriegsgefangene",
     1000, "count", 1000, 1000, False),
    ("Es gab über 120 Verletzte.", "über 120 Verletzte", 120, "count", 120, None, False),
    ("150 Menschen wurden verletzt.", "150 Menschen", 150, "count", 150, 150, False),
    ("Es gab zwei Tote.", "zwei Tote", 2, "count", 2, 2, False),
    ("Die Straße bleibt mindestens 30 Tage gesperrt.", "mindestens 30 Tage", 30, "day", 30,
     None, False),
    ("Es kamen zwölf Busse.", "zwölf Busse", 12, "count", 12, 12, False),
    ("Dort standen Dutzende Schaulustige.", "Dutzende Schaulustige", 24, "count", 24, None,
     True),
    ("Mehr als hundert Menschen wurden verletzt.", "Mehr als hundert Menschen", 100, "count",
     100, None, False),
    ("Es kamen tausend Gäste.", "tausend Gäste", 1000, "count", 1000, 1000, False),
    ("Es kamen dreihundert Soldaten.", "dreihundert Soldaten", 300, "count", 300, 300, False),
    ("Es kamen einundzwanzig Gäste.", "einundzwanzig Gäste", 21, "count", 21, 21, False),
    ("Der Zins stieg um 3,5 Prozent.", "3,5 Prozent", 3.5, "percent", 3.5, 3.5, False),
    ("Die SPD verlor 2 Prozentpunkte.", "2 Prozentpunkte", 2, "percentage_point", 2, 2, False),
    ("Der Zins liegt bei 5 %.", "5 %", 5, "percent", 5, 5, False),
    ("Der Bund gibt sieben Milliarden Euro aus.", "sieben Milliarden Euro", 7e9, "EUR", 7e9,
     7e9, False),
    ("Das kostet 5 Mio. Dollar.", "5 Mio. Dollar", 5e6, "USD", 5e6, 5e6, False),
    ("Das kostet 3,5 Mrd. Franken.", "3,5 Mrd. Franken", 3.5e9, "CHF", 3.5e9, 3.5e9, False),
    ("Das kostet rund 1,2 Millionen Euro.", "rund 1,2 Millionen Euro", 1.2e6, "EUR", None,
     None, True),
    ("Das Telefonat dauerte mehr als zwei Stunden.", "mehr als zwei Stunden", 120, "minute",
     120, None, False),
    ("Es war ein zweistündiges Telefonat.", "zweistündiges Telefonat", 120, "minute", 120, 120,
     False),
    ("Die Sitzung dauerte 90 Minuten.", "90 Minuten", 90, "minute", 90, 90, False),
    ("Die Brücke bleibt drei Wochen gesperrt.", "drei Wochen", 21, "day", 21, 21, False),
    ("Ein etwa 60 Meter langes Teilstück stürzte ein.", "etwa 60 Meter langes Teilstück", 60,
     "meter", None, None, True),
    ("Die Strecke ist 5 km lang.", "5 km", 5000, "meter", 5000, 5000, False),
    ("Lastwagen über 30 Tonnen dürfen nicht fahren.", "über 30 Tonnen", 30000, "kg", 30000,
     None, False),
    ("Es gab zwischen 20 und 30 Tote.", "zwischen 20 und 30 Tote", 25, "count", 20, 30, False),
    ("Die Preise stiegen um 5 bis 10 Prozent.", "5 bis 10 Prozent", 7.5, "percent", 5, 10,
     False),
    ("Es kamen 20-30 Menschen.", "20-30 Menschen", 25, "count", 20, 30, False),
    ("Es gab bis zu 40 Verletzte.", "bis zu 40 Verletzte", 40, "count", None, 40, False),
    ("Es gab weniger als 40 Verletzte.", "weniger als 40 Verletzte", 40, "count", None, 40,
     False),
    ("Es kamen knapp 100 Gäste.", "knapp 100 Gäste", 100, "count", None, 100, True),
    ("Es kamen fast 100 Gäste.", "fast 100 Gäste", 100, "count", None, 100, True),
    ("Die Stadt mit rund 110 000 Einwohnern.", "rund 110 000 Einwohnern", 110000, "count", None,
     None, True),
    ("Es kamen ca. 500 Menschen.", "ca. 500 Menschen", 500, "count", None, None, True),
    ("Es kamen mehrere Hundert Menschen.", "mehrere Hundert Menschen", 200, "count", 200, None,
     True),
    ("Der Verkauf brachte eine Million Euro.", "eine Million Euro", 1e6, "EUR", 1e6, 1e6, False),
    ("Die Kurse stiegen fast ein Prozent.", "fast ein Prozent", 1, "percent", None, 1, True),
    ("Die Suche dauerte eine Stunde.", "eine Stunde", 60, "minute", 60, 60, False),
    ("Er brauchte frühestens in zehn Tagen.", "frühestens in zehn Tagen", 10, "day", 10, None,
     False),
]  # fmt: skip

ENGLISH = [
    ("They swapped 1,000 prisoners.", "1,000 prisoners", 1000, "count", 1000, 1000, False),
    ("Rates rose by 3.5 percent.", "3.5 percent", 3.5, "percent", 3.5, 3.5, False),
    ("Rates rose by 3.5 per cent.", "3.5 per cent", 3.5, "percent", 3.5, 3.5, False),
    ("It cost $5 million.", "$5 million", 5e6, "USD", 5e6, 5e6, False),
    ("It cost £2bn.", "£2bn", 2e9, "GBP", 2e9, 2e9, False),
    ("It cost 1.5 million euros.", "1.5 million euros", 1.5e6, "EUR", 1.5e6, 1.5e6, False),
    ("It cost CHF 40.", "CHF 40", 40, "CHF", 40, 40, False),
    ("It sent two dozen soldiers.", "two dozen soldiers", 24, "count", 24, 24, False),
    ("It moved a million people.", "a million people", 1e6, "count", 1e6, 1e6, False),
    ("It killed at least two people.", "at least two people", 2, "count", 2, None, False),
    ("More than 400 rescue workers came.", "More than 400 rescue workers", 400, "count", 400,
     None, False),
    ("It carries some 28,000 vehicles a day.", "some 28,000 vehicles", 28000, "count", None,
     None, True),
    ("A section of about 60 metres fell.", "about 60 metres", 60, "meter", None, None, True),
    ("It stays closed for at least three weeks.", "at least three weeks", 21, "day", 21, None,
     False),
    ("They held a two-hour meeting.", "two-hour meeting", 120, "minute", 120, 120, False),
    ("There were between 20 and 30 dead.", "between 20 and 30 dead", 25, "count", 20, 30,
     False),
    ("Up to 40 injured were treated.", "Up to 40 injured", 40, "count", None, 40, False),
    ("Nearly 100 guests came.", "Nearly 100 guests", 100, "count", None, 100, True),
    ("Fewer than 5 cars passed.", "Fewer than 5 cars", 5, "count", None, 5, False),
    ("Twenty-five people came.", "Twenty-five people", 25, "count", 25, 25, False),
    ("Dozens of people came.", "Dozens of people", 24, "count", 24, None, True),
    ("The party lost 2 percentage points.", "2 percentage points", 2, "percentage_point", 2, 2,
     False),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expression", "value", "unit", "low", "high", "approximate"), GERMAN
)
def test_german_quantity(
    text: str,
    expression: str,
    value: float,
    unit: str,
    low: float | None,
    high: float | None,
    approximate: bool,
) -> None:
    quantity = only(text, "de")
    assert quantity.text == expression
    assert text[quantity.start : quantity.end] == expression
    assert quantity.value == pytest.approx(value)
    assert quantity.unit == unit
    assert quantity.low == (None if low is None else pytest.approx(low))
    assert quantity.high == (None if high is None else pytest.approx(high))
    assert quantity.approximate is approximate


@pytest.mark.parametrize(
    ("text", "expression", "value", "unit", "low", "high", "approximate"), ENGLISH
)
def test_english_quantity(
    text: str,
    expression: str,
    value: float,
    unit: str,
    low: float | None,
    high: float | None,
    approximate: bool,
) -> None:
    quantity = only(text, "en")
    assert quantity.text == expression
    assert quantity.value == pytest.approx(value)
    assert quantity.unit == unit
    assert quantity.low == (None if low is None else pytest.approx(low))
    assert quantity.high == (None if high is None else pytest.approx(high))
    assert quantity.approximate is approximate


@pytest.mark.parametrize(
    "text",
    [
        "Das geschah im Jahr 2019.",
        "Die 1968 eröffnete Brücke stürzte ein.",
        "Der 1. FC Köln spielte am 3. Oktober.",
        "Der Zug kam um 17.40 Uhr an.",
        "Der 46-Jährige wurde festgenommen.",
        "Ein 58 Jahre alter Mann starb.",
        "Das regelt Art. 5 Abs. 1 des Gesetzes.",
        "Das steht auf Seite 3.",
        "Bayern gewann 2:1 gegen Dortmund.",
        "Anrufe unter Tel. 0421 123456 nehmen sie entgegen.",
        "Vor drei Jahren zog sie um.",
        "Zwei Tage nach dem Einsturz kam der Minister.",
        "In den vergangenen zehn Jahren stieg der Verkehr.",
        "Auf der Brücke gilt Tempo 30.",
        "In den 90er Jahren wuchs die Stadt.",
        "Einen Tag später kam der Minister.",
        "Ein Mann wurde verletzt.",
        "Die Lage war ernst, sagte ein Sprecher.",
        "Auf der Brücke galt seit 2021 ein Limit.",
        "Dort sollen Männer im Alter zwischen 15 und 60 Jahren ausgebildet werden.",
    ],
)
def test_german_non_quantities(text: str) -> None:
    assert find_quantities(text, "de") == ()


@pytest.mark.parametrize(
    "text",
    [
        "The bridge opened in 1968.",
        "It collapsed at 5:40 p.m. (1640 GMT).",
        "Three years ago the bridge was inspected.",
        "Two days after the collapse the mayor resigned.",
        "The Boeing 737 landed safely.",
        "See page 5 for details.",
        "He is aged 61.",
        "One of them was hurt.",
        "It sells a lot a day.",
        "City won 3-2.",
        "Help is available 24/7.",
        "He was killed on March 9.",
        "Service resumed on 14 October 2011.",
        "It was popular in the nineteen seventies.",
    ],
)
def test_english_non_quantities(text: str) -> None:
    assert find_quantities(text, "en") == ()


def test_a_number_without_unit_or_noun_is_bare() -> None:
    quantity = only("Die Zahl der Verletzten ist auf 28 gesunken.")
    assert (quantity.value, quantity.bare, quantity.noun) == (28, True, None)


def test_counted_noun_skips_adjectives() -> None:
    quantity = only("Es kamen 1.000 ukrainische Kriegsgefangene frei.")
    assert quantity.noun is not None and quantity.noun.text == "Kriegsgefangene"


def test_duration_names_its_event_noun() -> None:
    quantity = only("Es braucht mindestens fünf Jahre Planungs- und Bauzeit.")
    assert quantity.noun is not None and quantity.noun.text == "Bauzeit"
    assert (quantity.value, quantity.low, quantity.high) == (1825, 1825, None)


def test_english_reads_commas_as_thousands_and_german_as_decimals() -> None:
    assert only("It was 1,500 people.", "en").value == 1500
    assert only("Es waren 1,5 Tonnen.", "de").value == 1500  # 1.5 t in kg


def test_offsets_slice_back_to_the_text() -> None:
    text = "Laut Polizei kamen über 120 Verletzte und rund 30 000 Liter Öl in den Fluss."
    for quantity in find_quantities(text, "de"):
        assert text[quantity.start : quantity.end] == quantity.text
    assert [q.text for q in find_quantities(text, "de")] == [
        "über 120 Verletzte",
        "rund 30 000 Liter Öl",
    ]
