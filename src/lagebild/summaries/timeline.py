"""A story's events in the order they happened, each with a cited one-line description.

Order is by *event* time (``Event.date``), not publication time: a background piece published
on Friday about a decision taken in February belongs before Monday's accident. Dates come in
three grades, and the entry says which:

* a day (``Event.date`` to the day): placed on it, ``uncertain=False``;
* a month or a part of one (``Event.date`` to the month, or no date but a vague time expression
  in the event's articles, "Mitte Februar", "im März 2026"): placed in the middle of the span the
  expression covers, ``uncertain=True``, the expression in ``date_text``;
* nothing: after everything else, ``uncertain=True``.

The description is a verbatim sentence: the first self-contained lead sentence of the event's
earliest original article (not a copy of another member), so it passes the same support check
as a summary sentence, with a citation of every member article that carries the same sentence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from lagebild.records import (
    Article,
    Citation,
    Event,
    LineageEdge,
    PartialDate,
    Story,
    TimelineEntry,
)
from lagebild.summaries.extractive import Candidate, candidates, placement_day
from lagebild.summaries.support import NEAR_IDENTICAL, token_overlap
from lagebild.timex import TimeMention, find_times

# Time expressions that can place an event: a single day is too precise to be "vague evidence"
# only when the event has no date at all, so days are accepted there too.
_VAGUE = frozenset({"month", "part_of_month"})
_PLACEABLE = _VAGUE | {"day"}
# The description is looked for among the first sentences of an article: further down they
# report details, not what happened.
_LEAD_REACH = 3
# Earlier precision ranks first among events placed on the same day.
_PRECISION_RANK = {"day": 0, "month": 1, "year": 2}


@dataclass(frozen=True, slots=True)
class _When:
    date: PartialDate | None
    text: str | None
    uncertain: bool
    place: dt.date


def timeline(
    story: Story,
    events: Sequence[Event],
    articles: Mapping[str, Article],
    *,
    edges: Sequence[LineageEdge] = (),
    language: str | None = None,
) -> tuple[TimelineEntry, ...]:
    """One entry per event of ``story`` (those of ``events`` it lists), in the order things
    happened. ``language`` picks the description's language where a member article has it."""
    wanted = set(story.event_ids)
    members = [e for e in events if e.id in wanted]
    fallback = _story_day(story, articles)
    keyed = []
    for event in members:
        found = [articles[i] for i in event.article_ids if i in articles]
        when = _when(event, found, fallback)
        text, citations = _description(event, found, edges, language)
        entry = TimelineEntry(
            event_id=event.id,
            date=when.date,
            date_text=when.text,
            uncertain=when.uncertain,
            text=text,
            citations=citations,
        )
        rank = _PRECISION_RANK[when.date.precision] if when.date else len(_PRECISION_RANK)
        first_published = min((_published(a) for a in found), default=dt.date.max)
        keyed.append(((when.place, rank, first_published, event.id), entry))
    return tuple(entry for _, entry in sorted(keyed, key=lambda pair: pair[0]))


def _when(event: Event, found: Sequence[Article], fallback: dt.date | None) -> _When:
    date = event.date
    if date is not None and date.precision == "day":
        return _When(date, None, False, date.to_date())
    mention = _evidence(found, date, fallback)
    if mention is not None and mention.value is not None:
        return _When(date or mention.value, mention.text, True, _middle(mention))
    if date is not None:
        return _When(date, None, True, placement_day(date))
    text = mention.text if mention is not None else None  # "Mitte Februar" with no year known
    return _When(None, text, True, dt.date.max)


def _evidence(
    found: Sequence[Article], date: PartialDate | None, fallback: dt.date | None
) -> TimeMention | None:
    """The first time expression in the event's articles that can place it: one agreeing with
    the event's vague date when it has one, else any past month, part of a month or day."""
    unresolved = None
    for article in sorted(found, key=_published):
        published = article.meta.published.to_date() if article.meta.published else fallback
        for part in (article.title or "", article.text):
            for mention in find_times(part, article.meta.language, published):
                if mention.precision not in (_VAGUE if date is not None else _PLACEABLE):
                    continue
                if mention.value is None:
                    unresolved = unresolved or mention
                elif _agrees(mention.value, date) and mention.relation in {"past", "now"}:
                    return mention
    return unresolved if date is None else None


def _agrees(value: PartialDate, date: PartialDate | None) -> bool:
    if date is None:
        return True
    return value.year == date.year and (date.month is None or value.month == date.month)


def _middle(mention: TimeMention) -> dt.date:
    if mention.earliest is not None and mention.latest is not None:
        return mention.earliest + (mention.latest - mention.earliest) / 2
    return placement_day(mention.value)


def _story_day(story: Story, articles: Mapping[str, Article]) -> dt.date | None:
    """The story's first publication day: resolves "Mitte Februar" in an undated article."""
    days = [
        articles[i].meta.published.to_date()  # type: ignore[union-attr]
        for i in story.article_ids
        if i in articles and articles[i].meta.published is not None
    ]
    return min(days, default=None)


def _published(article: Article) -> dt.date:
    return article.meta.published.to_date() if article.meta.published else dt.date.max


def _description(
    event: Event,
    found: Sequence[Article],
    edges: Sequence[LineageEdge],
    language: str | None,
) -> tuple[str, tuple[Citation, ...]]:
    """The lead sentence of the earliest original member article, with its copies cited; a
    sentence that points back to one before it only when no article has a better one."""
    languages = {a.meta.language for a in found}
    pool = [a for a in found if a.meta.language == language] if language in languages else found
    copies = {e.to_article for e in edges if e.from_article in {a.id for a in found}}
    order = {a.id: i for i, a in enumerate(found)}
    ranked = sorted(pool, key=lambda a: (a.id in copies, _published(a), order[a.id]))
    leads = [c for article in ranked for c in candidates(article)[:_LEAD_REACH]]
    lead = next((c for c in leads if not c.needs_previous), leads[0] if leads else None)
    if lead is None:
        return event.title, ()  # no article has a usable sentence: nothing to cite
    return lead.text, _citations(lead, pool)


def _citations(lead: Candidate, pool: Sequence[Article]) -> tuple[Citation, ...]:
    cited = [Citation(article_id=lead.article_id, start=lead.start, end=lead.end)]
    for article in pool:
        if article.id == lead.article_id:
            continue
        best = max(
            candidates(article), key=lambda c: token_overlap(lead.text, c.text), default=None
        )
        if best is not None and token_overlap(lead.text, best.text) >= NEAR_IDENTICAL:
            cited.append(Citation(article_id=article.id, start=best.start, end=best.end))
    return tuple(cited)
