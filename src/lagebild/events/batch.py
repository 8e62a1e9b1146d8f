"""Batch re-clustering of a whole store, for backfills and after tuning.

The same features, similarity and thresholds as the online path (:mod:`.index`), with three
documented differences, all of which the online path cannot have because it sees articles one
at a time:

1. document frequencies are counted over all articles first, so idf is final from the first
   article on (online, the first articles of a store see provisional idf);
2. articles are clustered in the order the reported events happened (event date, then id), not
   in arrival order, so an archive ingested out of order clusters as if it had arrived live;
3. one refinement pass moves every article to the event whose final centroid fits it best when
   that beats its own event by ``MOVE_MARGIN`` (online, an early article never moves).

Like online, a lineage family (a wire text and its copies, a translation and its original)
stays in one event.

Event ids stay stable: each new cluster takes the id of the previous event it shares most
articles with (greedily, biggest overlap first); clusters with no previous event get a new id
from their first article.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from lagebild.events.features import ArticleFeatures, Frequencies
from lagebild.events.index import EventIndex, EventState, event_id
from lagebild.records import EventChange, Membership

# Move an article in the refinement pass only when another event fits it this much better
# (cosine): below that, ties and near-ties would flip between runs for nothing.
MOVE_MARGIN = 0.05


def recluster(
    features: Sequence[ArticleFeatures],
    previous: Mapping[str, str] | None = None,
    together: Sequence[Iterable[str]] = (),
) -> dict[str, str]:
    """Article id -> event id for all ``features``, keeping ``previous`` ids where the events
    are the same. Each group in ``together`` (a lineage family: a wire text and its copies, a
    translation and its original) ends up in one event, the one most of its articles are in,
    as online, where a copy follows its original."""
    frequencies = Frequencies()
    for item in features:
        frequencies.add(list(item.counts))
    ordered = sorted(features, key=lambda f: (f.date or dt.date.max, f.article_id))
    by_id = {f.article_id: f for f in features}
    first = EventIndex(
        frequencies=frequencies,
        learn=False,
        members=lambda ids: [by_id[a] for a in ids if a in by_id],
    )
    for item in ordered:
        first.add(item)
    labels = {a: e.id for e in first.events() for a in e.article_ids}
    for item in ordered:  # refinement: against the final centroids
        ranked = first.best(item)
        own = next((s for s, e in ranked if e == labels[item.article_id]), 0.0)
        if ranked and ranked[0][1] != labels[item.article_id] and ranked[0][0] > own + MOVE_MARGIN:
            labels[item.article_id] = ranked[0][1]
    for family in together:
        members = [a for a in family if a in labels]
        if len(members) > 1:
            [(label, _)] = Counter(labels[a] for a in members).most_common(1)
            for article_id in members:
                labels[article_id] = label
    return stable_ids(labels, previous or {}, [f.article_id for f in ordered])


def stable_ids(
    labels: Mapping[str, str], previous: Mapping[str, str], order: Sequence[str]
) -> dict[str, str]:
    """Rename the clusters in ``labels`` after the previous events they overlap most."""
    overlap = Counter((labels[a], previous[a]) for a in labels if a in previous)
    names: dict[str, str] = {}
    taken: set[str] = set()
    for (label, old), _ in sorted(overlap.items(), key=lambda kv: (-kv[1], kv[0])):
        if label not in names and old not in taken:
            names[label] = old
            taken.add(old)
    for article_id in order:  # the rest: named after their first article
        label = labels[article_id]
        if label not in names:
            names[label] = event_id(article_id)
    return {a: names[label] for a, label in labels.items()}


@dataclass(frozen=True, slots=True, kw_only=True)
class Rebuilt:
    """A whole store re-clustered: what ``Store.replace_events`` writes."""

    events: tuple[tuple[EventState, dict[str, float]], ...]
    stories: tuple[tuple[EventState, dict[str, float]], ...]
    memberships: tuple[Membership, ...]
    changes: tuple[EventChange, ...]


def rebuild(
    features: Sequence[ArticleFeatures],
    previous: Mapping[str, str],
    together: Sequence[Iterable[str]] = (),
) -> Rebuilt:
    """Re-cluster every article (see ``recluster``), then rebuild the events' centroids and
    the stories over them; merges and splits against ``previous`` are recorded."""
    from lagebild.events.online import story_features, story_index

    labels = recluster(features, previous, together)
    frequencies = Frequencies()
    for item in features:
        frequencies.add(list(item.counts))
    events = EventIndex(frequencies=frequencies, learn=False)
    stories = story_index(frequencies)
    memberships = []
    ordered = sorted(features, key=lambda f: (f.date or dt.date.max, f.article_id))
    for item in ordered:
        placed = events.place(item, labels[item.article_id], "batch re-clustering")
        memberships.append(placed.membership)
        event = placed.event
        if placed.created:
            event.story_id = stories.add(story_features(item)).event.id
        elif event.story_id and stories.get(event.story_id):
            stories.place(story_features(item), event.story_id, "its event's story")
    kept = {s.id for s in stories.events()}
    for event in events.events():  # stories merged while others were built
        if event.story_id not in kept:
            event.story_id = stories.event_of(event.article_ids[0])
    return Rebuilt(
        events=tuple((e, events.centroid(e)) for e in events.events()),
        stories=tuple((s, stories.centroid(s)) for s in stories.events()),
        memberships=tuple(memberships),
        changes=changes_between(previous, labels),
    )


def changes_between(before: Mapping[str, str], after: Mapping[str, str]) -> tuple[EventChange, ...]:
    """Merges (several old events in one new) and splits (one old event over several new)."""
    now = dt.datetime.now(dt.UTC)
    olds: dict[str, set[str]] = {}
    news: dict[str, set[str]] = {}
    for article_id, new in after.items():
        old = before.get(article_id)
        if old is None:
            continue
        olds.setdefault(new, set()).add(old)
        news.setdefault(old, set()).add(new)
    changes = [
        EventChange(
            kind="merge",
            event_ids=tuple(sorted(old_ids)),
            result_ids=(new,),
            reason="batch re-clustering put their articles into one event",
            at=now,
        )
        for new, old_ids in sorted(olds.items())
        if len(old_ids) > 1
    ]
    changes += [
        EventChange(
            kind="split",
            event_ids=(old,),
            result_ids=tuple(sorted(new_ids)),
            reason="batch re-clustering divided its articles",
            at=now,
        )
        for old, new_ids in sorted(news.items())
        if len(new_ids) > 1
    ]
    return tuple(changes)
