"""A story's digest: its claims aligned and given a status, a cited summary of each event and
of the story, and its timeline — derived from what the store holds, never stored as truth
(the store caches it until the story changes).

Claims are compared within an event and across the events of one story that happened within
``SCOPE_DAYS`` of each other: an eyewitness piece and the agency report of one collapse may be
separate events when their wording differs, and the closure of a neighbouring bridge is
reported with the collapse and with the quarrel two days later — yet these are claims about the
same thing. (Values reported days apart are updates, not contradictions: see
:mod:`lagebild.claims.corroborate`.) The scope is named after its biggest event.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Mapping, Sequence

from lagebild.claims.corroborate import corroborate
from lagebild.lineage.sources import source_keys
from lagebild.records import Article, Claim, Event, LineageEdge, Story, StoryDigest, Summary
from lagebild.settings import SUMMARY_SENTENCES
from lagebild.summaries.extractive import summarise
from lagebild.summaries.timeline import timeline

# Bump when what a digest holds or how it is computed changes: cached digests are recomputed.
DIGEST_VERSION = "2"
# Events of one story dated within this many days of each other compare their claims.
SCOPE_DAYS = 3


def story_digest(
    story: Story,
    events: Sequence[Event],
    articles: Mapping[str, Article],
    claims: Sequence[Claim],
    edges: Sequence[LineageEdge],
    *,
    language: str | None = None,
    length: int = SUMMARY_SENTENCES,
) -> StoryDigest:
    """The digest of one story from its events, their articles (current revisions), the
    articles' claims and the lineage edges among them."""
    ids = [a for e in events for a in e.article_ids if a in articles]
    agencies = {a: articles[a].meta.agency for a in ids}
    sources = source_keys(ids, edges, agencies)
    scope_of, scope_dates = _scopes(events)
    published = {a: _day(articles[a]) for a in ids}
    groups = corroborate(
        [c for c in claims if c.article_id in scope_of],
        scope_of=scope_of,
        sources=sources,
        published=published,
        scope_dates=scope_dates,
    )
    by_article: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_article[claim.article_id].append(claim)
    summaries: list[Summary] = []
    for event in events:
        members = [articles[a] for a in event.article_ids if a in articles]
        summaries.append(
            summarise(
                event.id,
                members,
                edges=edges,
                claims=[c for a in event.article_ids for c in by_article.get(a, ())],
                groups=groups,
                language=language,
                length=length,
            )
        )
    summaries.append(
        summarise(
            story.id,
            [articles[a] for a in ids],
            edges=edges,
            claims=[c for c in claims if c.article_id in articles],
            groups=groups,
            events=events,
            language=language,
            length=length,
        )
    )
    # the timeline in the language the story's summary settled on (the asked-for one, else
    # the language most of its sources are in), so that both read alike
    settled = language or summaries[-1].language
    return StoryDigest(
        story_id=story.id,
        groups=groups,
        summaries=tuple(summaries),
        timeline=timeline(story, events, articles, edges=edges, language=settled),
    )


def digest_signature(
    story: Story,
    revisions: Mapping[str, int],
    events: Sequence[Event],
    *,
    language: str | None,
    length: int,
) -> str:
    """Changes whenever the story's events, their members or a member's revision change."""
    parts = [DIGEST_VERSION, story.id, language or "", str(length)]
    for event in events:
        parts.append(event.id)
        parts.extend(f"{a}@{revisions.get(a, 0)}" for a in sorted(event.article_ids))
    return hashlib.sha1("|".join(parts).encode()).hexdigest()


def _scopes(events: Sequence[Event]) -> tuple[dict[str, str], dict[str, dt.date | None]]:
    """Article id -> the event its claims are compared in; that event's date. Events of the
    story dated to the day within ``SCOPE_DAYS`` of each other are compared together (chained
    in date order); an event dated only to the month or not at all stands alone."""
    dated = sorted(
        (e for e in events if e.date is not None and e.date.precision == "day"),
        key=lambda e: (e.date.to_date() if e.date else dt.date.min, e.id),
    )
    chains: list[list[Event]] = []
    last: dt.date | None = None
    for event in dated:
        assert event.date is not None
        day = event.date.to_date()
        if chains and last is not None and (day - last).days <= SCOPE_DAYS:
            chains[-1].append(event)
        else:
            chains.append([event])
        last = day
    scope_of: dict[str, str] = {}
    dates: dict[str, dt.date | None] = {}
    for event in events:
        if event not in dated:
            scope_of.update(dict.fromkeys(event.article_ids, event.id))
            dates[event.id] = None
    for chain in chains:
        main = max(chain, key=lambda e: (len(e.article_ids), -events.index(e)))
        dates[main.id] = main.date.to_date() if main.date else None
        for event in chain:
            scope_of.update(dict.fromkeys(event.article_ids, main.id))
    return scope_of, dates


def _day(article: Article) -> dt.date | None:
    published = article.meta.published
    return published.to_date() if published is not None else None
