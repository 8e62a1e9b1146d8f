"""Temporal expressions resolved against the publication date (issues #5 and #6)."""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lagebild.ingestion import analyse
from lagebild.pipeline import default_pipeline
from lagebild.records import Article, PartialDate
from lagebild.timex import TimeMention, event_date, find_times

TUESDAY = dt.date(2026, 3, 10)  # the demo corpus' first day: the bridge fell on Monday 9 March
CORPUS = Path(__file__).resolve().parents[1] / "src" / "lagebild" / "demo_corpus"


def only(text: str, published: dt.date | None = TUESDAY, language: str = "de") -> TimeMention:
    mentions = find_times(text, language, published)
    assert len(mentions) == 1, mentions
    assert text[mentions[0].start : mentions[0].end] == mentions[0].text
    return mentions[0]


@pytest.mark.parametrize(
    ("text", "expression", "value", "precision", "qualifier"),
    [
        ("Das geschah am Montag.", "am Montag", "2026-03-09", "day", None),
        ("Montagabend krachte es.", "Montagabend", "2026-03-09", "day", "evening"),
        ("Er kam am Montagmorgen an.", "am Montagmorgen", "2026-03-09", "day", "morning"),
        ("Der Kran soll von Montag an arbeiten.", "von Montag an", "2026-03-16", "day", "from"),
        ("Das sagte er gestern.", "gestern", "2026-03-09", "day", None),
        ("Das sagte er heute.", "heute", "2026-03-10", "day", None),
        ("Das war vorgestern.", "vorgestern", "2026-03-08", "day", None),
        ("Er kommt morgen.", "morgen", "2026-03-11", "day", None),
        ("Es war am 3. Oktober.", "am 3. Oktober", "2025-10-03", "day", None),
        ("Es war der 3. Oktober 2025.", "3. Oktober 2025", "2025-10-03", "day", None),
        ("Stand: 03.10.2025, abends", "03.10.2025", "2025-10-03", "day", None),
        ("Das war Ende Februar.", "Ende Februar", "2026-02", "part_of_month", "late"),
        ("Das war Anfang 2024.", "Anfang 2024", "2024", "year", "early"),
        ("Das geschah im Februar.", "im Februar", "2026-02", "month", None),
        ("Er kam letzten Freitag.", "letzten Freitag", "2026-03-06", "day", None),
        ("Die Wahl ist am kommenden Dienstag.", "am kommenden Dienstag", "2026-03-17", "day", None),
        (
            "In der Nacht zu Montag brannte es.",
            "In der Nacht zu Montag",
            "2026-03-09",
            "day",
            "night",
        ),
        ("Die Brücke ist seit 2019 marode.", "seit 2019", "2019", "year", "since"),
        ("Sie wurde 2008 gebaut.", "2008", "2008", "year", None),
        ("Die Sitzung wird Mitte Mai sein.", "Mitte Mai", "2026-05", "part_of_month", "mid"),
    ],
)
def test_german_expressions(
    text: str, expression: str, value: str, precision: str, qualifier: str | None
) -> None:
    mention = only(text)
    assert (mention.text, mention.value, mention.precision, mention.qualifier) == (
        expression,
        PartialDate.parse(value),
        precision,
        qualifier,
    )


@pytest.mark.parametrize(
    ("text", "expression", "value", "precision", "qualifier"),
    [
        ("It happened on Monday.", "on Monday", "2026-03-09", "day", None),
        ("It burned Monday night.", "Monday night", "2026-03-09", "day", "night"),
        ("She said so yesterday.", "yesterday", "2026-03-09", "day", None),
        ("She said so today.", "today", "2026-03-10", "day", None),
        ("It opened October 3.", "October 3", "2025-10-03", "day", None),
        ("It opened on 3 October 2025.", "on 3 October 2025", "2025-10-03", "day", None),
        ("It was built in early February.", "early February", "2026-02", "part_of_month", "early"),
        ("Talks will resume mid-May.", "mid-May", "2026-05", "part_of_month", "mid"),
        ("It was repaired in February.", "in February", "2026-02", "month", None),
        ("It was built in 2013.", "in 2013", "2013", "year", None),
        ("The vote is next Tuesday.", "next Tuesday", "2026-03-17", "day", None),
        ("It has been closed since Monday.", "since Monday", "2026-03-09", "day", "since"),
    ],
)
def test_english_expressions(
    text: str, expression: str, value: str, precision: str, qualifier: str | None
) -> None:
    mention = only(text, language="en")
    assert (mention.text, mention.value, mention.precision, mention.qualifier) == (
        expression,
        PartialDate.parse(value),
        precision,
        qualifier,
    )


@pytest.mark.parametrize("text", ["vergangene Woche", "in der vergangenen Woche", "last week"])
def test_last_week_is_the_week_before_the_publication_week(text: str) -> None:
    mention = only(f"Das geschah {text}.")
    assert mention.precision == "week" and mention.value is None
    assert (mention.earliest, mention.latest) == (dt.date(2026, 3, 2), dt.date(2026, 3, 8))
    assert mention.relation == "past"


@pytest.mark.parametrize(
    ("text", "expression", "value", "qualifier"),
    [
        ("Das war am Mittwoch, 11. März.", "am Mittwoch, 11. März", "2026-03-11", None),
        ("Das Werk schloss im Mai 2024.", "im Mai 2024", "2024-05", None),
        ("Das war Ende vergangenen Jahres.", "Ende vergangenen Jahres", "2025", "late"),
        ("Das war im vergangenen Monat.", "im vergangenen Monat", "2026-02", None),
        ("It closed at the end of May 2024.", "the end of May 2024", "2024-05", "late"),
        (
            "It was signed on Monday, October 3, 2025.",
            "on Monday, October 3, 2025",
            "2025-10-03",
            None,
        ),
        ("The deal was struck last year.", "last year", "2025", None),
        ("It was signed Oct. 3, 2025, in Bonn.", "Oct. 3, 2025", "2025-10-03", None),
    ],
)
def test_more_forms(text: str, expression: str, value: str, qualifier: str | None) -> None:
    mention = only(text)
    assert (mention.text, mention.value, mention.qualifier) == (
        expression,
        PartialDate.parse(value),
        qualifier,
    )


def test_weekday_of_the_publication_day_is_that_day() -> None:
    monday = dt.date(2026, 3, 9)
    mention = only("Die Polizei teilte am Montag mit, dass", published=monday)
    assert mention.value == PartialDate(year=2026, month=3, day=9)
    assert mention.relation == "now"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Der Minister besuchte am Freitag die Stelle.", "2026-03-06"),  # past: before
        ("Der Minister wird am Freitag die Stelle besuchen.", "2026-03-13"),  # future: after
        ("Die Trauerfeier findet am Freitag statt.", "2026-03-13"),  # scheduled
        ("Er sagte am Freitag, die Brücke werde gesperrt.", "2026-03-06"),  # cue in other clause
        ("The minister will visit on Friday.", "2026-03-13"),
        ("The minister visited on Friday.", "2026-03-06"),
    ],
)
def test_tense_of_the_clause_picks_the_direction(text: str, value: str) -> None:
    assert only(text).value == PartialDate.parse(value)


def test_last_weekday_of_the_same_name_is_a_week_back() -> None:
    assert only("letzten Dienstag").value == PartialDate(year=2026, month=3, day=3)
    assert only("am kommenden Dienstag").value == PartialDate(year=2026, month=3, day=17)


def test_night_to_tuesday_is_tuesday() -> None:
    assert only("in der Nacht zum Dienstag").value == PartialDate(year=2026, month=3, day=10)


def test_day_and_month_at_the_turn_of_the_year_is_last_year() -> None:
    mention = only("Das Feuer brach am 30. Dezember aus.", published=dt.date(2026, 1, 2))
    assert mention.value == PartialDate(year=2025, month=12, day=30)
    assert mention.relation == "past"


def test_future_day_before_the_publication_date_is_next_year() -> None:
    mention = only("Die Brücke wird am 3. Januar eröffnet.", published=dt.date(2026, 12, 20))
    assert mention.value == PartialDate(year=2027, month=1, day=3)


def test_month_far_ahead_in_past_text_is_last_year() -> None:
    mention = only("Im November war die Brücke geprüft worden.", published=dt.date(2026, 1, 15))
    assert mention.value == PartialDate(year=2025, month=11)


def test_part_of_month_bounds() -> None:
    mention = only("Mitte Mai 2024")
    assert (mention.earliest, mention.latest) == (dt.date(2024, 5, 11), dt.date(2024, 5, 20))
    late = only("Ende Februar 2024")
    assert (late.earliest, late.latest) == (dt.date(2024, 2, 21), dt.date(2024, 2, 29))


def test_without_publication_date_only_absolute_dates_resolve() -> None:
    mentions = find_times("Am Montag, gestern und am 3. Oktober 2025.", "de", None)
    assert [m.value for m in mentions] == [None, None, PartialDate(year=2025, month=10, day=3)]


@pytest.mark.parametrize(
    "text",
    [
        "Die Brücke ist 1900 Meter lang.",
        "Sie kosten 2000 Euro.",
        "Die Züge fahren montags.",
        "The report may 2 be late.",
        "Er hat 12.345 Stimmen.",
        "Die Bauten der 1960er-Jahre",
    ],
)
def test_numbers_and_words_that_are_not_dates(text: str) -> None:
    assert find_times(text, None, TUESDAY) == ()


def test_offsets_slice_back_to_the_text() -> None:
    text = (
        "Lindenau. Am Montagabend ist die Brücke eingestürzt. Gestern tagte der Rat, "
        "der seit 2019 von Mängeln weiß. Mitte Mai soll ein Bericht kommen; "
        "on Monday, October 3, 2025 and in March the city said so."
    )
    mentions = find_times(text, None, TUESDAY)
    assert [m.text for m in mentions] == [
        "Am Montagabend",
        "Gestern",
        "seit 2019",
        "Mitte Mai",
        "on Monday, October 3, 2025",
        "in March",
    ]
    assert all(text[m.start : m.end] == m.text for m in mentions)


def test_event_date_prefers_the_title_then_the_lead() -> None:
    text = "Die Brücke ist am Montagabend eingestürzt. Am Mittwoch tagte der Rat."
    assert event_date(text, "de", dt.date(2026, 3, 11)) == PartialDate(year=2026, month=3, day=9)
    title = "Brückeneinsturz vom 8. März"
    got = event_date(text, "de", dt.date(2026, 3, 11), title=title)
    assert got == PartialDate(year=2026, month=3, day=8)


def test_event_date_skips_the_future_and_falls_back_to_publication() -> None:
    text = "Der Rat wird am Freitag tagen. Die Sitzung ist öffentlich."
    assert event_date(text, "de", TUESDAY) == PartialDate(year=2026, month=3, day=10)
    assert event_date(text, "de", None) is None


def test_event_date_reads_only_the_lead() -> None:
    text = "Eins. Zwei. Drei. Am Montag geschah es."
    assert event_date(text, "de", TUESDAY) == PartialDate(year=2026, month=3, day=10)


@pytest.fixture(scope="module")
def demo_articles() -> list[Article]:
    pipeline = default_pipeline(entities=False, quotes=False)
    results = [r for _raw, r in analyse([str(CORPUS / "articles")], pipeline=pipeline)]
    return [r for r in results if isinstance(r, Article)]


def test_demo_relative_dates_resolve_to_the_manifest_day(demo_articles: list[Article]) -> None:
    manifest: dict[str, Any] = json.loads((CORPUS / "MANIFEST.json").read_text(encoding="utf-8"))
    for entry in manifest["relative_dates"]:
        article = next(
            a
            for a in demo_articles
            if a.origin.split("#")[0].endswith(entry["file"]) and entry["snippet"] in a.text
        )
        assert article.meta.published is not None
        at = article.text.index(entry["snippet"])
        mentions = find_times(article.text, article.meta.language, article.meta.published.to_date())
        inside = [m for m in mentions if at <= m.start < at + len(entry["snippet"])]
        assert inside, entry["snippet"]
        assert inside[0].value == PartialDate.parse(entry["resolves_to"]), entry["snippet"]


@given(st.text(alphabet="am Montag 3. Oktober 2025 seit gestern Mitte Mai .,\n", max_size=80))
def test_every_mention_slices_back_to_its_text(text: str) -> None:
    for mention in find_times(text, None, TUESDAY):
        assert text[mention.start : mention.end] == mention.text
        assert (
            mention.earliest is None
            or mention.latest is None
            or (mention.earliest <= mention.latest)
        )


def test_a_long_article_is_fast() -> None:
    """Guards against regex backtracking; the real figure (< 3 ms) is in benchmarks/."""
    sentence = (
        "Am Montagabend sagte der Sprecher am 3. Oktober 2025 in Lindenau, es sei 1900 gewesen. "
    )
    text = sentence * 60  # about 900 words
    started = time.perf_counter()
    find_times(text, "de", TUESDAY)
    assert time.perf_counter() - started < 0.1


def test_day_zero_in_scraped_noise_is_no_date() -> None:
    # "r=0" before a month name on the next line once crashed the year guess.
    found = find_times("r=0\nNOVEMBER 15", "en", dt.date(2007, 11, 16))
    assert all(m.value is None or m.value.day != 0 for m in found)
