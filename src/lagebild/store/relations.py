"""Storing how articles relate: features, event memberships, events, stories, their changes,
lineage edges and document frequencies (issue #5)."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import Connection, bindparam, delete, insert, or_, select, update

from lagebild.events.features import ArticleFeatures
from lagebild.events.index import EventState
from lagebild.lineage.sources import independent_sources
from lagebild.records import (
    Event,
    EventChange,
    LineageEdge,
    LineageRelation,
    Membership,
    PartialDate,
    SharedPassage,
    Story,
)
from lagebild.store.models import (
    event_changes,
    events,
    lineage,
    relations,
    revisions,
    stories,
    term_frequencies,
)

DOCUMENTS = ""  # the term_frequencies row that counts documents
# Text vectors of the most recent articles kept in memory to find the original of a
# translation in another language (20,000 x 512 float32 = 40 MB).
RECENT_VECTORS = 20_000


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredRelations:
    """Everything the event index, the story index and the lineage finder start from."""

    signatures: tuple[tuple[str, bytes], ...]  # article id, MinHash signature
    pending: tuple[str, ...]  # translations whose named original is not stored
    vectors: tuple[tuple[str, str | None, bytes], ...]  # article id, language, text vector
    events: tuple[tuple[EventState, dict[str, float]], ...]
    stories: tuple[tuple[EventState, dict[str, float]], ...]
    frequencies: tuple[int, dict[str, int]]


# --- features ------------------------------------------------------------------------------


def features_json(features: ArticleFeatures) -> str:
    return json.dumps(
        {
            "language": features.language,
            "title": features.title,
            "counts": features.counts,
            "entities": features.entities,
            "date": features.date.isoformat() if features.date else None,
            "date_precision": features.date_precision,
        },
        ensure_ascii=False,
    )


def features_from(article_id: str, data: str, vector: bytes | None) -> ArticleFeatures:
    value = json.loads(data)
    return ArticleFeatures(
        article_id=article_id,
        language=value["language"],
        title=value["title"],
        counts=value["counts"],
        entities=value["entities"],
        date=dt.date.fromisoformat(value["date"]) if value["date"] else None,
        date_precision=value["date_precision"],
        vector=vector_from(vector),
    )


def vector_bytes(vector: NDArray[np.float32] | None) -> bytes | None:
    return None if vector is None else np.asarray(vector, dtype=np.float32).tobytes()


def vector_from(data: bytes | None) -> NDArray[np.float32] | None:
    return None if data is None else np.frombuffer(data, dtype=np.float32).copy()


# --- writing -------------------------------------------------------------------------------


def save_relation(
    conn: Connection,
    *,
    features: ArticleFeatures,
    revision: int,
    signature: bytes | None,
    membership: Membership,
) -> None:
    """The article's features, signature and event membership (replacing earlier ones)."""
    conn.execute(delete(relations).where(relations.c.article_id == features.article_id))
    conn.execute(
        insert(relations).values(
            article_id=features.article_id,
            revision=revision,
            features=features_json(features),
            signature=signature,
            vector=vector_bytes(features.vector),
            event_id=membership.event_id,
            membership=membership_json(membership),
            assigned_at=dt.datetime.now(dt.UTC),
        )
    )


def save_events(
    conn: Connection,
    table_events: Sequence[tuple[EventState, Mapping[str, float]]],
    *,
    table: str = "events",
    removed: Sequence[str] = (),
) -> None:
    """Write (insert or replace) events or stories with their centroids; drop ``removed``."""
    target = events if table == "events" else stories
    ids = [state.id for state, _ in table_events] + list(removed)
    if ids:
        conn.execute(delete(target).where(target.c.id.in_(ids)))
    now = dt.datetime.now(dt.UTC)
    rows = []
    for state, centroid in table_events:
        row: dict[str, Any] = {
            "id": state.id,
            "seq": state.sequence,
            "title": state.title,
            "state": _state_json(state, centroid),
            "updated_at": now,
        }
        if table == "events":
            row |= {
                "first_date": state.first.isoformat() if state.first else None,
                "last_date": state.last.isoformat() if state.last else None,
                "story_id": state.story_id,
                "size": state.size,
                "vector": vector_bytes(state.vector),
            }
        rows.append(row)
    if rows:
        conn.execute(insert(target), rows)


def move_articles(conn: Connection, article_ids: Iterable[str], event_id: str) -> None:
    """Point articles (after a merge) at their new event, in relations and revisions."""
    ids = list(article_ids)
    if not ids:
        return
    conn.execute(update(relations).where(relations.c.article_id.in_(ids)).values(event_id=event_id))
    conn.execute(update(revisions).where(revisions.c.article_id.in_(ids)).values(event_id=event_id))


def move_memberships(
    conn: Connection,
    moved: Iterable[Membership],
    story_of: Mapping[str, str | None] | None = None,
) -> None:
    """Point articles at a new event (after a split, or all of them after re-clustering),
    with the membership that says why, in relations and revisions; with ``story_of`` (event
    id -> story id) their story too."""
    for membership in moved:
        conn.execute(
            update(relations)
            .where(relations.c.article_id == membership.article_id)
            .values(event_id=membership.event_id, membership=membership_json(membership))
        )
        values: dict[str, str | None] = {"event_id": membership.event_id}
        if story_of is not None:
            values["story_id"] = story_of.get(membership.event_id)
        conn.execute(
            update(revisions).where(revisions.c.article_id == membership.article_id).values(values)
        )


def features_of(conn: Connection, article_ids: Sequence[str]) -> list[ArticleFeatures]:
    """The stored features of the articles ``article_ids`` (those that have any)."""
    found = []
    for part in _parts(article_ids):
        assert part is not None
        rows = conn.execute(
            select(relations.c.article_id, relations.c.features, relations.c.vector).where(
                relations.c.article_id.in_(part)
            )
        )
        found += [features_from(r.article_id, r.features, r.vector) for r in rows]
    return found


def set_article_event(
    conn: Connection, article_id: str, revision: int, event_id: str, story_id: str | None
) -> None:
    conn.execute(
        update(revisions)
        .where(revisions.c.article_id == article_id, revisions.c.revision == revision)
        .values(event_id=event_id, story_id=story_id)
    )


def set_story(conn: Connection, event_ids: Sequence[str], story_id: str) -> None:
    """Every article of ``event_ids`` belongs to ``story_id``."""
    if event_ids:
        conn.execute(
            update(revisions).where(revisions.c.event_id.in_(event_ids)).values(story_id=story_id)
        )


def save_changes(conn: Connection, changes: Sequence[EventChange]) -> None:
    if changes:
        conn.execute(
            insert(event_changes),
            [
                {
                    "kind": c.kind,
                    "event_ids": json.dumps(list(c.event_ids)),
                    "result_ids": json.dumps(list(c.result_ids)),
                    "reason": c.reason,
                    "at": c.at,
                }
                for c in changes
            ],
        )


def save_lineage(conn: Connection, article_id: str, edges: Sequence[LineageEdge]) -> None:
    """The edges found for ``article_id``: they replace its inbound edges (found for an
    earlier revision), edges between the same two articles, and a translation's edge to a
    named original that was not stored (now that it is)."""
    conn.execute(delete(lineage).where(lineage.c.to_article == article_id))
    for edge in edges:
        if edge.to_article == article_id or edge.from_article is None:
            continue
        pair = {edge.from_article, edge.to_article}
        conn.execute(
            delete(lineage).where(
                lineage.c.from_article.in_(pair),
                lineage.c.to_article.in_(pair),
            )
        )
        conn.execute(
            delete(lineage).where(
                lineage.c.to_article == edge.to_article,
                lineage.c.from_article.is_(None),
                lineage.c.relation == edge.relation.value,
            )
        )
    if edges:
        conn.execute(
            insert(lineage),
            [
                {
                    "from_article": e.from_article,
                    "to_article": e.to_article,
                    "relation": e.relation.value,
                    "shared_fraction": e.shared_fraction,
                    "kept_fraction": e.kept_fraction,
                    "passages": json.dumps(
                        [[p.from_start, p.from_end, p.to_start, p.to_end] for p in e.passages]
                    ),
                    "from_source": e.from_source,
                    "evidence": e.evidence,
                }
                for e in edges
            ],
        )


def add_frequencies(conn: Connection, terms: Iterable[str]) -> None:
    """Count one more document with ``terms`` (document frequencies for idf)."""
    counted = [DOCUMENTS, *dict.fromkeys(terms)]
    stored = dict(
        conn.execute(
            select(term_frequencies.c.term, term_frequencies.c.documents).where(
                term_frequencies.c.term.in_(counted)
            )
        ).all()
    )
    new = [{"term": t, "documents": 1} for t in counted if t not in stored]
    old = [{"key": t, "documents": stored[t] + 1} for t in counted if t in stored]
    if new:
        conn.execute(insert(term_frequencies), new)
    if old:
        conn.execute(
            update(term_frequencies)
            .where(term_frequencies.c.term == bindparam("key"))
            .values(documents=bindparam("documents")),
            old,
        )


def membership_json(m: Membership) -> str:
    return json.dumps(
        {
            "similarity": m.similarity,
            "text_similarity": m.text_similarity,
            "shared_entities": list(m.shared_entities),
            "shared_terms": list(m.shared_terms),
            "time_gap_days": m.time_gap_days,
            "reason": m.reason,
        },
        ensure_ascii=False,
    )


# --- reading -------------------------------------------------------------------------------


def read_relations(conn: Connection) -> StoredRelations:
    signatures = tuple(
        (r.article_id, r.signature)
        for r in conn.execute(select(relations.c.article_id, relations.c.signature))
        if r.signature is not None
    )
    vectors = tuple(
        (r.article_id, r.language, r.vector)
        for r in conn.execute(
            select(relations.c.article_id, revisions.c.language, relations.c.vector)
            .join(
                revisions,
                (revisions.c.article_id == relations.c.article_id)
                & (revisions.c.revision == relations.c.revision),
            )
            .order_by(relations.c.assigned_at.desc())
            .limit(RECENT_VECTORS)
        )
        if r.vector is not None
    )
    found_events = tuple(
        _state_from(r.id, r.seq, r.title, r.state, r.story_id, r.vector)
        for r in conn.execute(select(events).order_by(events.c.seq))
    )
    found_stories = tuple(
        _state_from(r.id, r.seq, r.title, r.state, None, None)
        for r in conn.execute(select(stories).order_by(stories.c.seq))
    )
    counts = dict(conn.execute(select(term_frequencies.c.term, term_frequencies.c.documents)).all())
    documents = counts.pop(DOCUMENTS, 0)
    return StoredRelations(
        signatures=signatures,
        vectors=vectors,
        pending=tuple(
            conn.execute(
                select(lineage.c.to_article).where(
                    lineage.c.from_article.is_(None), lineage.c.relation == "translation"
                )
            ).scalars()
        ),
        events=found_events,
        stories=found_stories,
        frequencies=(documents, counts),
    )


def iter_features(conn: Connection, after: str = "", limit: int = 500) -> list[ArticleFeatures]:
    """A page of stored article features in article id order (for batch re-clustering)."""
    rows = conn.execute(
        select(relations.c.article_id, relations.c.features, relations.c.vector)
        .where(relations.c.article_id > after)
        .order_by(relations.c.article_id)
        .limit(limit)
    )
    return [features_from(r.article_id, r.features, r.vector) for r in rows]


def read_lineage(
    conn: Connection, article_ids: Sequence[str] | None = None
) -> Iterator[LineageEdge]:
    """Every lineage edge in the order found; with ``article_ids``, those that lead to or
    from one of them."""
    rows: Iterable[Any]
    if article_ids is None:
        rows = conn.execute(select(lineage).order_by(lineage.c.seq))
    else:
        found = {}
        for part in _parts(article_ids):
            assert part is not None
            query = select(lineage).where(
                lineage.c.to_article.in_(part) | lineage.c.from_article.in_(part)
            )
            found.update({r.seq: r for r in conn.execute(query)})
        rows = [found[seq] for seq in sorted(found)]
    for r in rows:
        yield LineageEdge(
            from_article=r.from_article,
            to_article=r.to_article,
            relation=LineageRelation(r.relation),
            shared_fraction=r.shared_fraction,
            kept_fraction=r.kept_fraction,
            passages=tuple(
                SharedPassage(from_start=a, from_end=b, to_start=c, to_end=d)
                for a, b, c, d in json.loads(r.passages)
            ),
            from_source=r.from_source,
            evidence=r.evidence,
        )


def read_memberships(conn: Connection) -> dict[str, Membership]:
    out = {}
    for r in conn.execute(
        select(relations.c.article_id, relations.c.event_id, relations.c.membership)
    ):
        if r.event_id is None or r.membership is None:
            continue
        m = json.loads(r.membership)
        out[r.article_id] = Membership(
            article_id=r.article_id,
            event_id=r.event_id,
            similarity=m["similarity"],
            text_similarity=m["text_similarity"],
            shared_entities=tuple(m["shared_entities"]),
            shared_terms=tuple(m["shared_terms"]),
            time_gap_days=m["time_gap_days"],
            reason=m["reason"],
        )
    return out


def read_changes(conn: Connection, event_id: str | None = None) -> list[EventChange]:
    """The recorded merges and splits, oldest first (those ``event_id`` took part in)."""
    query = select(event_changes).order_by(event_changes.c.seq)
    if event_id is not None:
        needle = json.dumps(event_id)
        query = query.where(
            or_(
                event_changes.c.event_ids.contains(needle),
                event_changes.c.result_ids.contains(needle),
            )
        )
    found = [
        EventChange(
            kind=r.kind,
            event_ids=tuple(json.loads(r.event_ids)),
            result_ids=tuple(json.loads(r.result_ids)),
            reason=r.reason,
            at=r.at if r.at.tzinfo else r.at.replace(tzinfo=dt.UTC),  # SQLite drops the zone
        )
        for r in conn.execute(query)
    ]
    if event_id is None:
        return found
    return [c for c in found if event_id in c.event_ids or event_id in c.result_ids]


# --- helpers -------------------------------------------------------------------------------


def _state_json(state: EventState, centroid: Mapping[str, float]) -> str:
    return json.dumps(
        {
            "centroid": {t: round(w, 5) for t, w in centroid.items()},
            "names": state.names,
            "entity_counts": dict(state.entity_counts),
            "languages": dict(state.languages),
            "first": state.first.isoformat() if state.first else None,
            "last": state.last.isoformat() if state.last else None,
            "article_ids": state.article_ids,
            "story_id": state.story_id,
            "follows": state.follows,
        },
        ensure_ascii=False,
    )


def _state_from(
    event_id: str, seq: int, title: str, data: str, story_id: str | None, vector: bytes | None
) -> tuple[EventState, dict[str, float]]:
    value = json.loads(data)
    state = EventState(
        id=event_id,
        title=title,
        terms=np.zeros(0, np.int32),
        weights=np.zeros(0, np.float32),
        names=value["names"],
        entity_counts=Counter(value["entity_counts"]),
        languages=Counter(value["languages"]),
        vector=vector_from(vector),
        first=dt.date.fromisoformat(value["first"]) if value["first"] else None,
        last=dt.date.fromisoformat(value["last"]) if value["last"] else None,
        article_ids=list(value["article_ids"]),
        story_id=story_id or value.get("story_id"),
        sequence=seq,
        follows=dict(value.get("follows", {})),
    )
    return state, value["centroid"]


def read_events(conn: Connection, story_id: str | None = None) -> tuple[list[Event], list[Story]]:
    """Every event (with its date, members and independent-source count) and story; only
    those of one story when ``story_id`` is given."""
    event_query = select(events).order_by(events.c.seq)
    member_query = select(
        relations.c.article_id, relations.c.event_id, relations.c.features
    ).order_by(relations.c.assigned_at)
    if story_id is not None:
        event_query = event_query.where(events.c.story_id == story_id)
        in_story = select(events.c.id).where(events.c.story_id == story_id)
        member_query = member_query.where(relations.c.event_id.in_(in_story))
    members: dict[str, list[str]] = {}
    dates: dict[str, list[tuple[str, str]]] = {}
    for r in conn.execute(member_query):
        if r.event_id is None:
            continue
        members.setdefault(r.event_id, []).append(r.article_id)
        value = json.loads(r.features)
        if value["date"]:
            dates.setdefault(r.event_id, []).append((value["date"], value["date_precision"]))
    ids_in = [a for ids in members.values() for a in ids]
    agencies = _agencies(conn, ids_in if story_id is not None else None)
    edges = list(read_lineage(conn, ids_in if story_id is not None else None))
    found = []
    for r in conn.execute(event_query):
        ids = tuple(members.get(r.id, ()))
        inside = set(ids)
        found.append(
            Event(
                id=r.id,
                title=r.title,
                date=event_date(dates.get(r.id, [])),
                article_ids=ids,
                independent_sources=independent_sources(
                    ids,
                    [e for e in edges if e.to_article in inside and e.from_article in inside],
                    agencies,
                ),
                story_id=r.story_id,
            )
        )
    by_story: dict[str, list[Event]] = {}
    for event in found:
        if event.story_id:
            by_story.setdefault(event.story_id, []).append(event)
    story_query = select(stories).order_by(stories.c.seq)
    if story_id is not None:
        story_query = story_query.where(stories.c.id == story_id)
    found_stories = [
        Story(
            id=r.id,
            title=_story_title(by_story.get(r.id, []), r.title),
            event_ids=tuple(e.id for e in by_story.get(r.id, [])),
            article_ids=tuple(a for e in by_story.get(r.id, []) for a in e.article_ids),
        )
        for r in conn.execute(story_query)
        if by_story.get(r.id)
    ]
    return found, found_stories


def _agencies(conn: Connection, article_ids: Sequence[str] | None) -> dict[str, tuple[str, ...]]:
    query = (
        select(revisions.c.article_id, revisions.c.meta)
        .join(relations, relations.c.article_id == revisions.c.article_id)
        .where(revisions.c.revision == relations.c.revision)
    )
    out: dict[str, tuple[str, ...]] = {}
    for part in _parts(article_ids):
        limited = query if part is None else query.where(relations.c.article_id.in_(part))
        for row in conn.execute(limited):
            out[row.article_id] = tuple(json.loads(row.meta).get("agency", ()))
    return out


def _parts(ids: Sequence[str] | None, size: int = 5000) -> Iterator[Sequence[str] | None]:
    if ids is None:
        yield None
        return
    for first in range(0, len(ids), size):
        yield ids[first : first + size]


def event_date(dates: Sequence[tuple[str, str]]) -> PartialDate | None:
    """When an event happened: the day most of its articles name (the earliest on a tie);
    month or year precision when no article names a day."""
    for precision in ("day", "month", "year"):
        named = Counter(d for d, p in dates if p == precision)
        if named:
            day = dt.date.fromisoformat(min(named, key=lambda d: (-named[d], d)))
            return PartialDate(
                year=day.year,
                month=day.month if precision != "year" else None,
                day=day.day if precision == "day" else None,
            )
    return None


def _story_title(found: Sequence[Event], fallback: str) -> str:
    """A story is named after its biggest event (the earliest on a tie)."""
    if not found:
        return fallback
    return max(found, key=lambda e: (len(e.article_ids), -found.index(e))).title
