"""The reads the web interface needs beyond ``Store``'s methods: filtered, paginated lists and
per-story aggregates, each one bounded query (never a scan of the whole store per request).

They run through the store's own connection handling (``Store.query``), the way a method of
``Store`` would; the lead may move them there.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, and_, func, select

from lagebild.lineage.sources import independent_sources
from lagebild.records import Entity, Event, EventChange, Membership, Quote
from lagebild.store import Store
from lagebild.store.models import (
    articles,
    entities,
    entity_mentions,
    quotes,
    relations,
    revisions,
)
from lagebild.store.models import events as event_table
from lagebild.store.models import stories as story_table
from lagebild.store.quotes import _quote
from lagebild.store.relations import event_date, read_changes, read_lineage

MAX_LIMIT = 200  # the largest page any list returns: bounds memory and time per request
IN_BATCH = 5000  # bound parameters per IN (...): below SQLite's and PostgreSQL's limits


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleFilters:
    since: str | None = None  # ISO date (or month/year): published on or after
    until: str | None = None
    outlet: str | None = None
    language: str | None = None
    entity_id: str | None = None
    story_id: str | None = None
    event_id: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleRow:
    """An article as a list shows it."""

    id: str
    title: str | None
    url: str | None
    outlet: str | None
    language: str | None
    published: str | None
    event_id: str | None
    story_id: str | None


# Articles of a story looked at for its title in the reader's language on the entity page
# (the biggest event's first): enough to find one in each language, bounded for big stories.
TITLE_ARTICLES = 200


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryRow:
    """A story as the story list shows it."""

    id: str
    title: str
    first_date: str | None
    last_date: str | None
    events: int
    articles: int
    independent_sources: int = 0
    per_day: dict[str, int] = field(default_factory=dict)  # publication day -> articles
    # the title in each language its articles are in (see ``title_in``)
    titles: dict[str, str] = field(default_factory=dict)

    def title_for(self, language: str | None) -> str:
        """The title in ``language`` when an article in it has one, else ``title``."""
        return self.titles.get(language, self.title) if language else self.title


@dataclass(frozen=True, slots=True, kw_only=True)
class EntityStory:
    """A story an entity appears in, as the entity page lists it."""

    id: str
    title: str
    titles: dict[str, str]  # the title in each language its articles are in
    mentioning: int  # articles of the story that mention the entity

    title_for = StoryRow.title_for


@dataclass(frozen=True, slots=True, kw_only=True)
class QuoteRow:
    """A quote with the article it stands in."""

    article_id: str
    article_title: str | None
    outlet: str | None
    published: str | None
    story_id: str | None
    quote: Quote


def clamp(limit: int, offset: int) -> tuple[int, int]:
    return max(1, min(limit, MAX_LIMIT)), max(0, offset)


def _current() -> Any:
    return and_(
        articles.c.id == revisions.c.article_id,
        articles.c.current_revision == revisions.c.revision,
    )


def list_articles(
    store: Store, filters: ArticleFilters, limit: int = 50, offset: int = 0
) -> list[ArticleRow]:
    """Current revisions matching ``filters``, newest publication first."""
    limit, offset = clamp(limit, offset)
    query = select(
        revisions.c.article_id,
        revisions.c.title,
        revisions.c.url,
        revisions.c.outlet,
        revisions.c.language,
        revisions.c.published,
        revisions.c.event_id,
        revisions.c.story_id,
    ).join(articles, _current())
    if filters.since:
        query = query.where(revisions.c.published >= filters.since)
    if filters.until:
        query = query.where(revisions.c.published <= filters.until)
    for column, value in (
        (revisions.c.outlet, filters.outlet),
        (revisions.c.language, filters.language),
        (revisions.c.event_id, filters.event_id),
    ):
        if value:
            query = query.where(column == value)
    if filters.story_id:
        in_story = select(event_table.c.id).where(event_table.c.story_id == filters.story_id)
        query = query.where(revisions.c.event_id.in_(in_story))
    if filters.entity_id:
        mentioned = select(entity_mentions.c.article_id).where(
            entity_mentions.c.entity_id == filters.entity_id,
            entity_mentions.c.revision == revisions.c.revision,
        )
        query = query.where(revisions.c.article_id.in_(mentioned))
    # newest ingested first: the articles' primary key orders without reading any text
    query = query.order_by(articles.c.seq.desc()).limit(limit).offset(offset)
    rows = store.query(lambda conn: conn.execute(query).mappings().all())
    return [
        ArticleRow(
            id=r["article_id"],
            title=r["title"],
            url=r["url"],
            outlet=r["outlet"],
            language=r["language"],
            published=r["published"],
            event_id=r["event_id"],
            story_id=r["story_id"],
        )
        for r in rows
    ]


def list_stories(
    store: Store,
    *,
    since: str | None = None,
    until: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> list[StoryRow]:
    """Stories whose events overlap [since, until], the most recent first, each with its
    time span, counts and articles per publication day."""
    limit, offset = clamp(limit, offset)
    query, spans = _story_query()
    if since:
        query = query.where(spans.c.last_date >= since)
    if until:
        query = query.where(spans.c.first_date <= until)
    query = (
        query.order_by(spans.c.last_date.desc().nulls_last(), story_table.c.seq.desc())
        .limit(limit)
        .offset(offset)
    )
    return list(store.query(lambda conn: [_story_row(conn, r) for r in conn.execute(query)]))


def story_row(store: Store, story_id: str) -> StoryRow | None:
    """One story as ``list_stories`` describes it."""
    query, _ = _story_query()
    query = query.where(story_table.c.id == story_id)
    found = store.query(lambda conn: [_story_row(conn, r) for r in conn.execute(query)])
    return found[0] if found else None


def _story_query() -> tuple[Any, Any]:
    spans = (
        select(
            event_table.c.story_id,
            func.min(event_table.c.first_date).label("first_date"),
            func.max(event_table.c.last_date).label("last_date"),
            func.count().label("events"),
            func.sum(event_table.c.size).label("articles"),
        )
        .where(event_table.c.story_id.is_not(None))
        .group_by(event_table.c.story_id)
        .subquery()
    )
    query = select(story_table.c.id, story_table.c.title, spans).join(
        spans, spans.c.story_id == story_table.c.id
    )
    return query, spans


def _story_title(conn: Connection, story_id: str, stored: str) -> str:
    """A story is named after its biggest event (the earliest on a tie), as
    ``Store.story_events`` names it; ``stored`` is the stories table's own title."""
    biggest = (
        select(event_table.c.title)
        .where(event_table.c.story_id == story_id)
        .order_by(event_table.c.size.desc(), event_table.c.seq)
        .limit(1)
    )
    return str(conn.execute(biggest).scalar() or stored)


def _story_row(conn: Connection, r: Any) -> StoryRow:
    ids = story_article_ids(conn, r.id, biggest_event_first=True)
    per_day: Counter[str] = Counter()
    agencies: dict[str, tuple[str, ...]] = {}
    labels: dict[str, ArticleLabel] = {}
    for row in _current_rows(conn, ids, revisions.c.meta, *_LABEL_COLUMNS):
        if row.published and len(row.published) == 10:
            per_day[row.published] += 1
        agencies[row.article_id] = tuple(json.loads(row.meta).get("agency", ()))
        labels[row.article_id] = _label(row)
    inside = set(ids)
    edges = [
        e
        for e in read_lineage(conn, ids)
        if e.to_article in inside and (e.from_article is None or e.from_article in inside)
    ]
    title = _story_title(conn, r.id, r.title)
    languages = sorted({label.language for label in labels.values() if label.language})
    return StoryRow(
        id=r.id,
        title=title,
        titles={language: title_in(language, title, ids, labels) for language in languages},
        first_date=r.first_date,
        last_date=r.last_date,
        events=int(r.events),
        articles=len(ids) or int(r.articles or 0),
        independent_sources=independent_sources(ids, edges, agencies),
        per_day=dict(sorted(per_day.items())),
    )


def story_article_ids(
    conn: Connection, story_id: str, *, biggest_event_first: bool = False
) -> list[str]:
    """The articles of a story's events (through the indexed event membership), in the order
    they were placed; with ``biggest_event_first`` event by event, the biggest first (the
    earliest on a tie), as the story's title is chosen."""
    query = (
        select(relations.c.article_id)
        .join(event_table, event_table.c.id == relations.c.event_id)
        .where(event_table.c.story_id == story_id)
    )
    if biggest_event_first:
        query = query.order_by(event_table.c.size.desc(), event_table.c.seq)
    query = query.order_by(relations.c.assigned_at, relations.c.article_id)
    return list(conn.execute(query).scalars())


def title_in(
    language: str | None,
    stored: str,
    article_ids: Sequence[str],
    labels: Mapping[str, ArticleLabel],
) -> str:
    """A story's or event's title in ``language``: the stored title is its first article's,
    in whatever language that was; when no article in ``language`` carries it, the first
    title of an article in ``language`` (in the order of ``article_ids``)."""
    found = [labels[a] for a in article_ids if a in labels]
    if language is None or any(x.title == stored and x.language == language for x in found):
        return stored
    return next((x.title for x in found if x.language == language and x.title), stored)


def list_quotes(
    store: Store,
    *,
    speaker: str | None = None,
    speaker_entity: str | None = None,
    story_id: str | None = None,
    article_ids: Sequence[str] | None = None,
    about_entity: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[QuoteRow]:
    """Quotes of the current revisions, by speaker name (case-insensitive substring), speaker
    entity, story, articles, or naming an entity inside the quoted words (``about_entity``,
    said by someone else); newest ingested first."""
    limit, offset = clamp(limit, offset)
    query = (
        select(
            quotes,
            revisions.c.title.label("article_title"),
            revisions.c.outlet,
            revisions.c.published,
            revisions.c.story_id,
        )
        .join(
            revisions,
            and_(
                revisions.c.article_id == quotes.c.article_id,
                revisions.c.revision == quotes.c.revision,
            ),
        )
        .join(articles, _current())
    )
    if speaker:
        query = query.where(func.lower(quotes.c.speaker).contains(speaker.lower()))
    if speaker_entity:
        query = query.where(quotes.c.speaker_entity == speaker_entity)
    if story_id:
        in_story = select(event_table.c.id).where(event_table.c.story_id == story_id)
        query = query.where(revisions.c.event_id.in_(in_story))
    if article_ids is not None:
        query = query.where(quotes.c.article_id.in_(list(article_ids)[:IN_BATCH]))
    if about_entity:
        named = (
            select(entity_mentions.c.article_id)
            .where(
                entity_mentions.c.entity_id == about_entity,
                entity_mentions.c.article_id == quotes.c.article_id,
                entity_mentions.c.revision == quotes.c.revision,
                entity_mentions.c.start >= quotes.c.start,
                entity_mentions.c.end <= quotes.c.end,
            )
            .exists()
        )
        speaker_is_other = func.coalesce(quotes.c.speaker_entity, "") != about_entity
        query = query.where(named, speaker_is_other)
    query = (
        query.order_by(articles.c.seq.desc(), quotes.c.seq)  # newest ingested first
        .limit(limit)
        .offset(offset)
    )
    rows = store.query(lambda conn: conn.execute(query).mappings().all())
    return [
        QuoteRow(
            article_id=r["article_id"],
            article_title=r["article_title"],
            outlet=r["outlet"],
            published=r["published"],
            story_id=r["story_id"],
            quote=_quote(r),
        )
        for r in rows
    ]


def list_entities(
    store: Store,
    *,
    kind: str | None = None,
    name: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[tuple[Entity, int]]:
    """Registry entities by name, each with its number of mentions in current revisions;
    ``name`` matches the name or an alias (case-insensitive substring). (Ranking by mentions
    would count every mention in the store per request; the page's counts use the index.)"""
    limit, offset = clamp(limit, offset)
    query = select(entities)
    if kind:
        query = query.where(entities.c.kind == kind)
    if name:
        pattern = name.lower()
        query = query.where(
            func.lower(entities.c.name).contains(pattern)
            | func.lower(entities.c.aliases).contains(pattern)
        )
    query = query.order_by(entities.c.name, entities.c.id).limit(limit).offset(offset)

    def read(conn: Connection) -> list[tuple[Entity, int]]:
        found = [_entity(r) for r in conn.execute(query).mappings()]
        counts = (
            select(entity_mentions.c.entity_id, func.count())
            .join(
                articles,
                and_(
                    articles.c.id == entity_mentions.c.article_id,
                    articles.c.current_revision == entity_mentions.c.revision,
                ),
            )
            .where(entity_mentions.c.entity_id.in_([e.id for e in found]))
            .group_by(entity_mentions.c.entity_id)
        )
        mentions = {entity_id: int(n) for entity_id, n in conn.execute(counts)}
        return [(e, mentions.get(e.id, 0)) for e in found]

    rows: list[tuple[Entity, int]] = store.query(read)
    return rows


def get_entity(store: Store, entity_id: str) -> Entity | None:
    query = select(entities).where(entities.c.id == entity_id)
    row = store.query(lambda conn: conn.execute(query).mappings().first())
    return _entity(row) if row is not None else None


def entity_stories(store: Store, entity_id: str, limit: int = 50) -> list[EntityStory]:
    """The stories an entity appears in, those with most articles mentioning it first, each
    named as everywhere else (after its biggest event, in each language its articles have a
    title in; the first ``TITLE_ARTICLES`` articles of the story are looked at for that)."""
    query = (
        select(
            story_table.c.id,
            story_table.c.title,
            func.count(func.distinct(entity_mentions.c.article_id)).label("n"),
        )
        .select_from(entity_mentions)
        .join(
            articles,
            and_(
                articles.c.id == entity_mentions.c.article_id,
                articles.c.current_revision == entity_mentions.c.revision,
            ),
        )
        .join(relations, relations.c.article_id == articles.c.id)
        .join(event_table, event_table.c.id == relations.c.event_id)
        .join(story_table, story_table.c.id == event_table.c.story_id)
        .where(entity_mentions.c.entity_id == entity_id)
        .group_by(story_table.c.id, story_table.c.title)
        .order_by(func.count(func.distinct(entity_mentions.c.article_id)).desc(), story_table.c.id)
        .limit(limit)
    )

    def read(conn: Connection) -> list[EntityStory]:
        out = []
        for r in conn.execute(query).all():
            title = _story_title(conn, r.id, r.title)
            ids = story_article_ids(conn, r.id, biggest_event_first=True)[:TITLE_ARTICLES]
            labels = _labels(conn, ids)
            languages = sorted({x.language for x in labels.values() if x.language})
            titles = {language: title_in(language, title, ids, labels) for language in languages}
            out.append(EntityStory(id=r.id, title=title, titles=titles, mentioning=int(r.n)))
        return out

    found: list[EntityStory] = store.query(read)
    return found


def entity_names(store: Store, entity_ids: Sequence[str]) -> dict[str, str]:
    """Canonical names of the given entities."""
    ids = sorted(set(entity_ids))[:IN_BATCH]
    query = select(entities.c.id, entities.c.name).where(entities.c.id.in_(ids))
    return dict(store.query(lambda conn: conn.execute(query).all()))


def _entity(row: Any) -> Entity:
    return Entity(
        id=row["id"], name=row["name"], kind=row["kind"], aliases=tuple(json.loads(row["aliases"]))
    )


def _parts(ids: Sequence[str]) -> list[Sequence[str]]:
    return [ids[i : i + IN_BATCH] for i in range(0, len(ids), IN_BATCH)]


def list_events(
    store: Store,
    *,
    since: str | None = None,
    until: str | None = None,
    story_id: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[Event], dict[str, Membership]]:
    """Events overlapping [since, until] (of one story), the most recent first, with why
    each member belongs."""
    limit, offset = clamp(limit, offset)
    query = select(event_table.c.id, event_table.c.title, event_table.c.story_id)
    if since:
        query = query.where(event_table.c.last_date >= since)
    if until:
        query = query.where(event_table.c.first_date <= until)
    if story_id:
        query = query.where(event_table.c.story_id == story_id)
    query = query.order_by(event_table.c.last_date.desc().nulls_last(), event_table.c.seq.desc())
    query = query.limit(limit).offset(offset)
    found: tuple[list[Event], dict[str, Membership]] = store.query(
        lambda conn: _events(conn, conn.execute(query).all())
    )
    return found


def get_event(store: Store, event_id: str) -> tuple[Event | None, dict[str, Membership]]:
    query = select(event_table.c.id, event_table.c.title, event_table.c.story_id).where(
        event_table.c.id == event_id
    )
    found, members = store.query(lambda conn: _events(conn, conn.execute(query).all()))
    return (found[0] if found else None), members


def event_changes_of(store: Store, event_id: str) -> list[EventChange]:
    """The merges and splits ``event_id`` took part in, oldest first."""
    found: list[EventChange] = store.query(lambda conn: read_changes(conn, event_id))
    return found


def _events(conn: Connection, rows: Sequence[Any]) -> tuple[list[Event], dict[str, Membership]]:
    ids = [r.id for r in rows]
    members: dict[str, list[str]] = {}
    dates: dict[str, list[tuple[str, str]]] = {}
    why: dict[str, Membership] = {}
    for part in _parts(ids):
        query = (
            select(
                relations.c.article_id,
                relations.c.event_id,
                relations.c.features,
                relations.c.membership,
            )
            .where(relations.c.event_id.in_(part))
            .order_by(relations.c.assigned_at, relations.c.article_id)
        )
        for r in conn.execute(query):
            members.setdefault(r.event_id, []).append(r.article_id)
            value = json.loads(r.features)
            if value.get("date"):
                dates.setdefault(r.event_id, []).append((value["date"], value["date_precision"]))
            if r.membership:
                why[r.article_id] = _membership(r.article_id, r.event_id, r.membership)
    article_ids = [a for group in members.values() for a in group]
    agencies = _agencies(conn, article_ids)
    edges = list(read_lineage(conn, article_ids))
    events = []
    for r in rows:
        inside = set(members.get(r.id, ()))
        events.append(
            Event(
                id=r.id,
                title=r.title,
                date=event_date(dates.get(r.id, [])),
                article_ids=tuple(members.get(r.id, ())),
                independent_sources=independent_sources(
                    inside,
                    [e for e in edges if e.to_article in inside and e.from_article in inside],
                    agencies,
                ),
                story_id=r.story_id,
            )
        )
    return events, why


_LABEL_COLUMNS = (
    revisions.c.title,
    revisions.c.outlet,
    revisions.c.published,
    revisions.c.language,
)


def _label(row: Any) -> ArticleLabel:
    return ArticleLabel(
        id=row.article_id,
        title=row.title,
        outlet=row.outlet,
        published=row.published,
        language=row.language,
    )


def _agencies(conn: Connection, ids: Sequence[str]) -> dict[str, tuple[str, ...]]:
    return {
        row.article_id: tuple(json.loads(row.meta).get("agency", ()))
        for row in _current_rows(conn, ids, revisions.c.meta)
    }


def _current_rows(conn: Connection, ids: Sequence[str], *columns: Any) -> Iterator[Any]:
    """The current revision of each article in ``ids`` (``article_id`` and ``columns``), read
    in batches of ``IN_BATCH`` ids."""
    for part in _parts(ids):
        query = (
            select(revisions.c.article_id, *columns)
            .join(articles, _current())
            .where(revisions.c.article_id.in_(part))
        )
        yield from conn.execute(query)


def _membership(article_id: str, event_id: str, data: str) -> Membership:
    m = json.loads(data)
    return Membership(
        article_id=article_id,
        event_id=event_id,
        similarity=m["similarity"],
        text_similarity=m["text_similarity"],
        shared_entities=tuple(m["shared_entities"]),
        shared_terms=tuple(m["shared_terms"]),
        time_gap_days=m["time_gap_days"],
        reason=m["reason"],
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleLabel:
    """What a citation or a lineage node shows of an article (without reading its text)."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    language: str | None


def article_labels(store: Store, ids: Sequence[str]) -> dict[str, ArticleLabel]:
    """Title, outlet, date and language of the current revisions of ``ids``."""
    found: dict[str, ArticleLabel] = store.query(lambda conn: _labels(conn, ids))
    return found


def _labels(conn: Connection, ids: Sequence[str]) -> dict[str, ArticleLabel]:
    rows = _current_rows(conn, list(dict.fromkeys(ids)), *_LABEL_COLUMNS)
    return {row.article_id: _label(row) for row in rows}
