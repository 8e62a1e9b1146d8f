"""Claims of one article (issue #6): quantities and dates with evidence, measure and
attribution, on hand-built articles and on the demo corpus's planted contradiction."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from pathlib import Path

import pytest

from lagebild.claims.extract import extract_claims, relink
from lagebild.quotes.extract import bare_article
from lagebild.records import Article, Claim, PartialDate, Quote, TextSpan

CORPUS = Path(__file__).resolve().parents[2] / "src" / "lagebild" / "demo_corpus" / "articles"
TUESDAY = dt.date(2026, 3, 10)


def claims_of(text: str, language: str = "de", **changes: object) -> tuple[Claim, ...]:
    article = bare_article(text, language=language, published=TUESDAY)
    return extract_claims(dataclasses.replace(article, **changes))  # type: ignore[arg-type]


def quantity(text: str, language: str = "de") -> Claim:
    found = [c for c in claims_of(text, language) if c.kind == "quantity"]
    assert len(found) == 1, found
    return found[0]


def test_count_and_participle_align_on_one_measure() -> None:
    noun = quantity("Es gab über 120 Verletzte.")
    verb = quantity("150 Menschen wurden verletzt.")
    assert noun.measure == verb.measure == "verletzte"
    assert noun.unit == verb.unit == "count"
    assert (noun.low, noun.high, verb.low, verb.high) == (120, None, 150, 150)
    assert verb.predicate == "verletzt"


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("Es gab zwei Tote.", "tote"),
        ("Zwei Menschen kamen ums Leben.", "tote"),
        ("Bei dem Anschlag starben mindestens zwölf Menschen.", "tote"),
        ("Jeweils 1.000 Kriegsgefangene kamen frei.", "kriegsgefangene"),
        ("Das Land gibt sieben Milliarden Euro aus.", "euro"),
        ("Es war ein zweistündiges Telefonat.", "telefonat"),
        ("Die Brücke bleibt für mindestens drei Wochen gesperrt.", "gesperrt"),
        ("Rund 45 Prozent der Einwohner leben in Armut.", "einwohner"),
        ("Die Zahl der Verletzten ist auf 28 gesunken.", "verletzte"),
    ],
)
def test_german_measures(text: str, measure: str) -> None:
    assert quantity(text).measure == measure


def test_english_measures_and_attribution() -> None:
    found = claims_of(
        "Part of a bridge collapsed, killing at least two people and injuring more than 100, "
        "local authorities said.",
        "en",
    )
    by_measure = {c.measure: c for c in found if c.kind == "quantity"}
    assert set(by_measure) == {"dead", "injured"}
    assert (by_measure["dead"].value, by_measure["dead"].low) == (2, 2)
    assert (by_measure["injured"].value, by_measure["injured"].low) == (100, 100)
    assert {c.attribution for c in by_measure.values()} == {"local authorities"}


def test_a_bare_number_needs_a_clause_that_says_what_it_counts() -> None:
    assert [c for c in claims_of("Rainer Voß, 61, sagte nichts.") if c.kind == "quantity"] == []
    assert claims_of("Mark Felt, FBI official, dead at 95.", "en") == ()
    found = claims_of("Die Feuerwehr meldete am Abend 40 Verletzte, 12 wurden getötet.")
    assert [(c.value_span.text, c.measure) for c in found if c.kind == "quantity"] == [
        ("40 Verletzte", "verletzte"),
        ("12", "tote"),
    ]


@pytest.mark.parametrize(
    ("text", "attribution", "span"),
    [
        ("Nach ersten russischen Angaben wurden 20 Menschen getötet.",
         "Nach ersten russischen Angaben", "Nach ersten russischen Angaben"),
        ("Nach Angaben der Feuerwehr wurden 20 Menschen verletzt.", "Feuerwehr",
         "Nach Angaben der Feuerwehr"),
        ("Laut Feuerwehr wurden 20 Menschen verletzt.", "Feuerwehr", "Laut Feuerwehr"),
        ("Dem Umweltamt zufolge wurden 20 Menschen verletzt.", "Umweltamt",
         "Dem Umweltamt zufolge"),
        ("Es gab 20 Verletzte, wie eine Sprecherin mitteilte.", "Sprecherin",
         "wie eine Sprecherin mitteilte"),
        ("Die Brücke bleibt drei Wochen gesperrt, teilte die Stadtverwaltung mit.",
         "Stadtverwaltung", "teilte die Stadtverwaltung"),
        ("Der Wagen hatte nach Unternehmensangaben 30 000 Liter geladen.", "Unternehmen",
         "nach Unternehmensangaben"),
    ],
)  # fmt: skip
def test_german_attribution(text: str, attribution: str, span: str) -> None:
    claim = quantity(text)
    assert claim.attribution == attribution
    assert claim.attribution_span is not None and claim.attribution_span.text == span


def test_english_according_to() -> None:
    claim = quantity("According to the city, the bridge will stay closed for three weeks.", "en")
    assert (claim.attribution, claim.measure, claim.value, claim.unit) == (
        "city",
        "closed",
        21,
        "day",
    )


def test_the_speaker_of_a_quote_is_the_attribution() -> None:
    text = "Er sagte, es gebe 40 Verletzte."
    start = text.index("es gebe")
    mention = TextSpan(text="Er", start=0, end=2)
    quote = Quote(
        text=text[start:-1],
        start=start,
        end=len(text) - 1,
        kind="indirect",
        cue=None,
        speaker="Jochen Brandauer",
        speaker_mention=mention,
        confidence=1.0,
    )
    [claim] = [c for c in claims_of(text, quotes=(quote,)) if c.kind == "quantity"]
    assert claim.attribution == "Jochen Brandauer"
    assert claim.attribution_span == mention


def test_relink_gives_a_quote_speakers_attribution_its_linked_name() -> None:
    """Workers find claims before registry linking; the main process renames attributions
    taken from a quote's speaker, and leaves every other claim as it is."""
    text = "Er sagte, es gebe 40 Verletzte. Laut Feuerwehr gab es 3 Tote."
    start = text.index("es gebe")
    quote = Quote(
        text="es gebe 40 Verletzte",
        start=start,
        end=start + len("es gebe 40 Verletzte"),
        kind="indirect",
        cue=None,
        speaker="Brandauer",
        speaker_mention=TextSpan(text="Er", start=0, end=2),
        confidence=1.0,
    )
    found = claims_of(text, quotes=(quote,))
    linked = dataclasses.replace(quote, speaker="Jochen Brandauer", speaker_entity="e1")
    renamed = relink(found, (quote,), (linked,))
    assert [(c.value, c.attribution) for c in found] == [(40, "Brandauer"), (3, "Feuerwehr")]
    assert [(c.value, c.attribution) for c in renamed] == [
        (40, "Jochen Brandauer"),
        (3, "Feuerwehr"),
    ]
    assert relink(found, (quote,), (quote,)) == found


def test_a_following_das_teilte_x_mit_attributes_the_sentence_before() -> None:
    found = claims_of("120 Menschen wurden verletzt. Das teilte die Einsatzleitung mit.")
    assert [(c.value, c.attribution) for c in found] == [(120, "Einsatzleitung")]


def test_dates_resolve_against_the_publication_date() -> None:
    text = "Am Montag um 17.40 Uhr stürzte die Brücke ein. Gestern kam der Minister."
    dates = [c for c in claims_of(text) if c.kind == "date"]
    assert [(c.value_span.text, c.date) for c in dates] == [
        ("Am Montag um 17.40 Uhr", PartialDate(year=2026, month=3, day=9)),
        ("Gestern", PartialDate(year=2026, month=3, day=9)),
    ]
    assert all(c.value is None and c.low is None and c.high is None for c in dates)


def test_generic_heute_is_not_a_date_claim() -> None:
    assert claims_of("Heute zeigt sich, welche Last damit verbunden ist.") == ()


def test_a_year_is_a_date_not_a_quantity() -> None:
    found = claims_of("Die Brücke wurde im Jahr 2019 saniert.")
    assert [(c.kind, c.date) for c in found] == [("date", PartialDate(year=2019))]


def test_numbers_in_a_quoted_title_are_not_claims() -> None:
    assert claims_of("Er las das Buch „Die 100 besten Filme“ am Strand.") == ()


def test_evidence_is_the_sentence_and_ids_are_stable() -> None:
    text = "Der Sturm kam. Über 120 Menschen wurden verletzt, sagte ein Sprecher."
    article = bare_article(text, language="de", published=TUESDAY)
    [claim] = extract_claims(article)
    assert claim.text == "Über 120 Menschen wurden verletzt, sagte ein Sprecher."
    assert article.text[claim.start : claim.end] == claim.text
    key = f"{article.id}:{claim.value_span.start}:{claim.value_span.end}"
    assert claim.id == "c_" + hashlib.sha1(key.encode()).hexdigest()[:16]
    assert extract_claims(article) == (claim,)


# --- the demo corpus ---


@pytest.fixture(scope="module")
def demo() -> dict[str, Article]:
    """Demo articles analysed like the pipeline does (entities and quotes), by file name."""
    from lagebild.ingestion import analyse

    names = [
        "nordkurier-lindenau_2026-03-10_knall-wie-explosion.html",
        "weser-echo_2026-03-10_lindenau-unter-schock.txt",
        "bergstaedter-rundschau_2026-03-11_bruecke-mit-ansage.txt",
        "meridian_2026-03-10_bridge-collapse-lindenau.txt",
    ]
    found = {}
    for _raw, article in analyse([str(CORPUS / name) for name in names]):
        assert isinstance(article, Article), article
        found[Path(article.origin).name] = article
    return found


def _injured(article: Article) -> Claim:
    [claim] = [
        c
        for c in extract_claims(article)
        if c.measure == "verletzte" and c.value_span.text.endswith("Menschen")
    ]
    return claim


def test_demo_planted_contradiction_aligns(demo: dict[str, Article]) -> None:
    nordkurier = _injured(demo["nordkurier-lindenau_2026-03-10_knall-wie-explosion.html"])
    weser_echo = _injured(demo["weser-echo_2026-03-10_lindenau-unter-schock.txt"])
    assert (nordkurier.measure, nordkurier.unit) == (weser_echo.measure, weser_echo.unit)
    assert (nordkurier.value, nordkurier.low, nordkurier.high) == (150, 150, 150)
    assert (weser_echo.value, weser_echo.low, weser_echo.high) == (120, 120, 120)
    assert nordkurier.attribution == "Feuerwehr"
    assert weser_echo.attribution == "Einsatzleitung"


@pytest.mark.parametrize(
    "name",
    [
        "nordkurier-lindenau_2026-03-10_knall-wie-explosion.html",
        "bergstaedter-rundschau_2026-03-11_bruecke-mit-ansage.txt",
    ],
)
def test_demo_hafenbruecke_closed_for_at_least_three_weeks(
    demo: dict[str, Article], name: str
) -> None:
    [claim] = [c for c in extract_claims(demo[name]) if c.measure == "gesperrt"]
    assert claim.unit == "day"
    assert (claim.value, claim.low, claim.high) == (21, 21, None)
    assert claim.measure == "gesperrt"
    assert claim.value_span.text == "mindestens drei Wochen"


def test_demo_english_counts(demo: dict[str, Article]) -> None:
    found = extract_claims(demo["meridian_2026-03-10_bridge-collapse-lindenau.txt"])
    measures = {c.measure: (c.value, c.low, c.high) for c in found if c.kind == "quantity"}
    assert measures["dead"] == (2, 2, None)
    assert measures["injured"] == (100, 100, None)


def test_demo_offsets_slice_back(demo: dict[str, Article]) -> None:
    for article in demo.values():
        claims = extract_claims(article)
        assert claims
        assert len({c.id for c in claims}) == len(claims)
        for claim in claims:
            assert article.text[claim.start : claim.end] == claim.text
            span = claim.value_span
            assert article.text[span.start : span.end] == span.text
            assert claim.start <= span.start and span.end <= claim.end
            assert claim.article_id == article.id


def test_a_date_split_by_the_sentence_splitter_keeps_one_evidence_span() -> None:
    text = "Das Team gewann klar. (red, 31. 7. 2015)"
    [claim] = claims_of(text)
    assert claim.value_span.text == "31. 7. 2015"
    assert claim.start <= claim.value_span.start and claim.value_span.end <= claim.end


def test_a_malformed_date_does_not_stop_the_article() -> None:
    # "r=0" before a month name once crashed the date resolution (timex guards it now).
    found = claims_of("See deal-for-eyp/?_r=0\nNOVEMBER 15, 2007. It cost $5 million.", "en")
    assert [(c.kind, c.value_span.text) for c in found] == [
        ("date", "NOVEMBER 15, 2007"),
        ("quantity", "$5 million"),
    ]
