"""Relating each new article to what the store holds, on arrival: lineage (which stored
article it copies, translates or revises), its event, and the event's story.

``Relater`` keeps the event index, the story index and the lineage finder in memory, loaded
from the store on the first article; each result is written by ``Store.save_relations`` in one
transaction. Stories are an event index one level up: the first article of an event decides
the event's story (same actors and subject within months), the event's later articles follow.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

from lagebild.events.features import ArticleFeatures, Frequencies, article_features
from lagebild.events.index import Assignment, EventIndex, EventState, Members
from lagebild.records import (
    Article,
    EventChange,
    LineageEdge,
    LineageRelation,
    Membership,
    PartialDate,
)

# Stories: join a story at this similarity of the new event's first article with the story
# (actors first, see ``story_features``): lower than events, since a story's events share
# actors and subject, not the same happening. Calibrated on the demo corpus only (its five
# events score 0.15-0.29 with the story; there is no public storyline benchmark here), so
# treat it as a starting point. Follow-ups within a month cost nothing, half a year ~0.16.
STORY_JOIN = 0.14
STORY_MERGE = 0.6
# Weight of ordinary terms against entity keys in a story's vector.
STORY_TERMS = 0.3
STORY_GRACE = 30.0
STORY_SCALE = 120.0
# Relations that put an article into its original's event directly.
FOLLOWS = frozenset(
    {
        LineageRelation.WIRE_COPY,
        LineageRelation.NEAR_DUPLICATE,
        LineageRelation.TRANSLATION,
        LineageRelation.REVISION,
    }
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Related:
    """What relating one article found and changed."""

    features: ArticleFeatures
    signature: bytes | None
    edges: tuple[LineageEdge, ...]
    assignment: Assignment
    story_id: str
    changes: tuple[EventChange, ...]
    # Events and stories to write (with their centroids) and ids merged away.
    events: tuple[tuple[EventState, dict[str, float]], ...]
    stories: tuple[tuple[EventState, dict[str, float]], ...]
    removed_events: tuple[str, ...]
    removed_stories: tuple[str, ...]
    # Stored articles a split moved to another event, with their new memberships.
    moved: tuple[Membership, ...] = ()


class Lineage(Protocol):
    """The interface of the lineage finder the relater uses (see :mod:`lagebild.lineage`)."""

    def signature(self, article: Article) -> bytes | None: ...

    def vector(self, article: Article) -> NDArray[np.float32] | None: ...

    def edges(
        self, article: Article, sig: bytes | None, vector: NDArray[np.float32] | None = None
    ) -> tuple[LineageEdge, ...]: ...

    def add(
        self,
        article: Article,
        sig: bytes | None,
        vector: NDArray[np.float32] | None = None,
        edges: Iterable[LineageEdge] = (),
    ) -> None: ...


class Relater:
    """Lineage, event and story of each new article, in arrival order."""

    def __init__(
        self,
        events: EventIndex,
        stories: EventIndex,
        lineage: Lineage | None = None,
        *,
        event_date: Callable[[Article], PartialDate | None] | None = None,
        vector: Callable[[Article], NDArray[np.float32] | None] | None = None,
    ) -> None:
        self.events = events
        self.stories = stories
        self.lineage = lineage
        self._event_date = event_date
        self._vector = vector

    @classmethod
    def restored(
        cls,
        *,
        events: Sequence[tuple[EventState, dict[str, float]]] = (),
        stories: Sequence[tuple[EventState, dict[str, float]]] = (),
        frequencies: tuple[int, Mapping[str, int]] = (0, {}),
        lineage: Lineage | None = None,
        event_date: Callable[[Article], PartialDate | None] | None = None,
        vector: Callable[[Article], NDArray[np.float32] | None] | None = None,
        members: Members | None = None,
    ) -> Relater:
        """A relater over what a store holds (empty: a new store). ``members`` reads the
        stored features of articles: with it, events are split where they took in two
        happenings (see :mod:`lagebild.events.index`)."""
        counted = Frequencies(*frequencies)
        return cls(
            EventIndex(events, counted, members=members),
            story_index(counted, stories),
            lineage,
            event_date=event_date,
            vector=vector,
        )

    def features(self, article: Article) -> ArticleFeatures:
        date = self._event_date(article) if self._event_date else None
        vector = None
        if self._vector is not None:
            vector = self._vector(article)
        elif self.lineage is not None:
            vector = self.lineage.vector(article)
        return article_features(article, event_date=date, vector=vector)

    def relate(
        self,
        article: Article,
        *,
        features: ArticleFeatures | None = None,
        signature: bytes | None = None,
    ) -> Related:
        features = features or self.features(article)
        edges: tuple[LineageEdge, ...] = ()
        if self.lineage is not None:
            if signature is None:
                signature = self.lineage.signature(article)
            edges = self.lineage.edges(article, signature, features.vector)
        # The stored article this one copies, translates or revises (or is the original of):
        # they tell the same event.
        follows = next(
            (
                e.from_article if e.to_article == article.id else e.to_article
                for e in edges
                if e.relation in FOLLOWS and e.from_article
            ),
            None,
        )
        assignment = self.events.add(features, follows=follows)
        event = assignment.event
        story_changes: tuple[EventChange, ...] = ()
        removed_stories: tuple[str, ...] = ()
        if event.story_id is None or assignment.created:
            placed = self.stories.add(story_features(features))
            event.story_id = placed.event.id
            story_changes, removed_stories = placed.changes, placed.removed
        elif self.stories.get(event.story_id) is not None:
            self.stories.place(story_features(features), event.story_id, "its event's story")
        else:  # the story was merged away: the event now belongs to the one that absorbed it
            event.story_id = self.stories.event_of(event.article_ids[0]) or event.story_id
        if removed_stories:  # events of a merged-away story follow the kept one
            for other in self.events.events():
                if other.story_id in removed_stories:
                    other.story_id = event.story_id
        if self.lineage is not None:
            self.lineage.add(article, signature, features.vector, edges)
        touched = {event.id: event} | {part.id: part for part in assignment.parts}
        for state in self.events.events() if removed_stories else ():
            if state.story_id == event.story_id:
                touched[state.id] = state
        story_state = self.stories.get(event.story_id) if event.story_id else None
        return Related(
            features=features,
            signature=signature,
            edges=edges,
            assignment=assignment,
            story_id=event.story_id or "",
            changes=assignment.changes + story_changes,
            events=tuple((s, self.events.centroid(s)) for s in touched.values()),
            stories=(((story_state, self.stories.centroid(story_state)),) if story_state else ()),
            removed_events=assignment.removed,
            removed_stories=removed_stories,
            moved=assignment.moved,
        )


def story_features(features: ArticleFeatures) -> ArticleFeatures:
    """What a story is about: its actors (entity keys) first, its subject (the other terms)
    at ``STORY_TERMS`` of their weight."""
    counts = {t: c if t.startswith("@") else c * STORY_TERMS for t, c in features.counts.items()}
    return dataclasses.replace(features, counts=counts)


def story_index(
    frequencies: Frequencies, stored: Sequence[tuple[EventState, dict[str, float]]] = ()
) -> EventIndex:
    """Stories: an event index over events, sharing the events' document frequencies."""
    return EventIndex(
        stored,
        frequencies,
        join=STORY_JOIN,
        merge=STORY_MERGE,
        learn=False,
        prefix="s_",
        time_grace=STORY_GRACE,
        time_scale=STORY_SCALE,
        max_gap=None,
    )
