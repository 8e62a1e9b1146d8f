"""What the event page shows: one event, why each article belongs to it (the membership
explanation the event index recorded), its cited summary from the story's digest, the
lineage among its articles and the merges it went through.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from lagebild.records import Event, EventChange, LineageEdge, Membership, Summary
from lagebild.settings import Settings
from lagebild.store import Store
from lagebild.store.relations import read_lineage
from lagebild.web.queries import (
    ArticleLabel,
    article_labels,
    event_changes_of,
    get_event,
    story_row,
    title_in,
)
from lagebild.web.story_view import safe_digest


@dataclass(frozen=True, slots=True, kw_only=True)
class EventView:
    event: Event
    members: Mapping[str, Membership]  # article id -> why it belongs
    articles: Mapping[str, ArticleLabel]
    summary: Summary | None
    digest_error: str | None
    edges: tuple[LineageEdge, ...]  # lineage among the event's articles
    changes: tuple[EventChange, ...]  # merges and splits this event took part in
    story_title: str | None  # its story's, in the language of the story's summary

    @property
    def title(self) -> str:
        """The event's title in the language of its summary (see ``queries.title_in``)."""
        language = self.summary.language if self.summary else None
        return title_in(language, self.event.title, self.event.article_ids, self.articles)

    @property
    def dates(self) -> tuple[str | None, str | None]:
        """The first and last publication day of its articles (ISO), as far as known."""
        days = sorted(
            label.published
            for a in self.event.article_ids
            if (label := self.articles.get(a)) is not None and label.published
        )
        return (days[0], days[-1]) if days else (None, None)

    def derived(self, article_id: str) -> LineageEdge | None:
        """How an article came from another of the event (wire copy, translation, …)."""
        return next((e for e in self.edges if e.to_article == article_id), None)


def load_event(store: Store, event_id: str, settings: Settings) -> EventView | None:
    event, members = get_event(store, event_id)
    if event is None:
        return None
    summary = story_summary = error = None
    if event.story_id:
        digest, error = safe_digest(store, event.story_id, settings)
        for found in digest.summaries if digest is not None else ():
            if found.target == event.id:
                summary = found
            elif found.target == event.story_id:
                story_summary = found
    ids = list(event.article_ids)
    inside = set(ids)
    story_heading = None
    if event.story_id:  # in its summary's language, as the story page's heading
        row = story_row(store, event.story_id)
        language = story_summary.language if story_summary else None
        story_heading = row.title_for(language) if row is not None else None
    edges = tuple(
        e for e in store.query(lambda conn: list(read_lineage(conn, ids))) if e.to_article in inside
    )
    return EventView(
        event=event,
        members=members,
        articles=article_labels(store, ids),
        summary=summary,
        digest_error=error,
        edges=edges,
        changes=tuple(event_changes_of(store, event.id)),
        story_title=story_heading,
    )
