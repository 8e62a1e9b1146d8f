"""A story's timeline follows event time, with vague and missing dates shown (issue #6)."""

from __future__ import annotations

from summary_articles import make_article

from lagebild.records import (
    Event,
    LineageEdge,
    LineageRelation,
    PartialDate,
    Story,
    Summary,
    SummarySentence,
    TimelineEntry,
)
from lagebild.summaries.support import check_support
from lagebild.summaries.timeline import timeline

ACCIDENT = (
    "KELLSTEDT (dpa) - Bei einem Großbrand im Hafen von Kellstedt ist am Dienstag ein "
    "Feuerwehrmann schwer verletzt worden. Die Ursache war zunächst unklar."
)
COPY = "Bei einem Großbrand im Hafen von Kellstedt ist am Dienstag ein Feuerwehrmann schwer verletzt worden. Mehr folgt."
INQUIRY = (
    "Der Stadtrat von Kellstedt hat einen Untersuchungsausschuss zu dem Großbrand eingesetzt. "
    "Er soll bis zum Sommer berichten."
)
# Published after the accident, about a decision taken before it, dated only by its text.
BACKGROUND = (
    "Die Hafengesellschaft von Kellstedt hatte die Brandschutzprüfung der Halle verschoben. "
    "Das hatte der Aufsichtsrat Mitte Februar beschlossen, wie Unterlagen zeigen."
)
RUMOUR = "In der Stadt kursieren seit Tagen Gerüchte über einen Verkauf des Hafengeländes an einen Investor."

ARTICLES = {
    a.id: a
    for a in [
        make_article("wire", ACCIDENT, published="2026-03-10", agency=["dpa"]),
        make_article("copy", COPY, published="2026-03-10", agency=["dpa"]),
        make_article("inq", INQUIRY, published="2026-03-12"),
        make_article("bg", BACKGROUND, published="2026-03-13"),
        make_article("rumour", RUMOUR, published=None),
    ]
}


def _event(event_id: str, date: str | None, *article_ids: str) -> Event:
    return Event(
        id=event_id,
        title=f"Event {event_id}",
        date=PartialDate.parse(date) if date else None,
        article_ids=article_ids,
        independent_sources=1,
        story_id="s1",
    )


EVENTS = [
    _event("e_rumour", None, "rumour"),
    _event("e_inquiry", "2026-03-12", "inq"),
    _event("e_background", None, "bg"),
    _event("e_accident", "2026-03-10", "copy", "wire"),
    _event("e_month", "2026-03", "rumour"),
]
STORY = Story(
    id="s1",
    title="Brand in Kellstedt",
    event_ids=("e_accident", "e_inquiry", "e_background", "e_rumour", "e_month"),
    article_ids=tuple(ARTICLES),
)


def _timeline() -> tuple[TimelineEntry, ...]:
    return timeline(STORY, EVENTS, ARTICLES)


def test_events_are_in_event_time_order_with_vague_and_undated_ones_placed() -> None:
    entries = _timeline()
    assert [e.event_id for e in entries] == [
        "e_background",  # Mitte Februar
        "e_accident",  # 10 March
        "e_inquiry",  # 12 March
        "e_month",  # March, placed in mid-month
        "e_rumour",  # nothing to go by
    ]


def test_vague_dates_are_marked_uncertain_with_their_evidence() -> None:
    entries = {e.event_id: e for e in _timeline()}
    background = entries["e_background"]
    assert background.uncertain and background.date_text == "Mitte Februar"
    assert background.date == PartialDate(year=2026, month=2)
    assert entries["e_month"].uncertain and entries["e_month"].date == PartialDate(
        year=2026, month=3
    )
    assert entries["e_rumour"].uncertain and entries["e_rumour"].date is None
    assert not entries["e_accident"].uncertain and entries["e_accident"].date_text is None


def test_description_is_the_original_lead_citing_its_copies() -> None:
    edge = LineageEdge(
        from_article="wire",
        to_article="copy",
        relation=LineageRelation.WIRE_COPY,
        shared_fraction=1.0,
        kept_fraction=0.5,
        evidence="test",
    )
    entries = timeline(STORY, EVENTS, ARTICLES, edges=[edge])
    accident = next(e for e in entries if e.event_id == "e_accident")
    assert accident.text.startswith("Bei einem Großbrand im Hafen von Kellstedt")
    assert [c.article_id for c in accident.citations] == ["wire", "copy"]


def test_only_the_story_events_are_listed() -> None:
    other = _event("e_other", "2026-03-11", "inq")
    assert "e_other" not in {e.event_id for e in timeline(STORY, [*EVENTS, other], ARTICLES)}


def test_every_description_passes_the_support_check() -> None:
    summary = Summary(
        target="s1",
        language="de",
        sentences=tuple(SummarySentence(text=e.text, citations=e.citations) for e in _timeline()),
    )
    assert check_support(summary, ARTICLES) == []
