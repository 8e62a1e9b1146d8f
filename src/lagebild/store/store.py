"""The store: articles, their revisions and the raw bytes they came from.

Each ``save`` is one transaction, so a process killed mid-ingest leaves only whole articles.
The same code runs on SQLite (a file, the default) and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Literal, TypeVar

from sqlalchemy import Connection, Engine, and_, delete, func, insert, or_, select, update
from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError

from lagebild.errors import StorageError
from lagebild.events.features import ArticleFeatures
from lagebild.events.index import EventState
from lagebild.events.online import Related
from lagebild.quotes.groups import Embed
from lagebild.records import (
    Article,
    ArticleEntity,
    Claim,
    ClaimGroup,
    Entity,
    Event,
    EventChange,
    LineageEdge,
    Membership,
    Quote,
    RawDocument,
    Story,
    StoryDigest,
)
from lagebild.settings import SUMMARY_SENTENCES
from lagebild.store.claims import (
    claims_differ,
    read_claims,
    read_digest,
    save_claims,
    write_digest,
)
from lagebild.store.connect import WRITE_OPTION, first_line, location, open_engine
from lagebild.store.entities import (
    read_article_entities,
    read_entities,
    read_entity_mentions,
    save_entities,
    save_mentions,
)
from lagebild.store.models import articles, raw_documents, revisions
from lagebild.store.models import events as event_table
from lagebild.store.models import quotes as quote_table
from lagebild.store.models import relations as relation_table
from lagebild.store.models import stories as story_table
from lagebild.store.quotes import (
    StoredQuote,
    quotes_differ,
    read_quotes,
    read_revision_quotes,
    save_quotes,
)
from lagebild.store.relations import (
    StoredRelations,
    add_frequencies,
    features_of,
    iter_features,
    move_articles,
    move_memberships,
    read_changes,
    read_events,
    read_lineage,
    read_memberships,
    read_relations,
    save_changes,
    save_events,
    save_lineage,
    save_relation,
    set_article_event,
    set_story,
)
from lagebild.store.serialise import article_row, raw_row, row_article

PAGE_SIZE = 500  # articles are read in pages so a large store never sits in memory at once
SaveStatus = Literal["new", "unchanged", "revision"]


@dataclass(frozen=True, slots=True, kw_only=True)
class SaveResult:
    """What ``Store.save`` did with one article."""

    status: SaveStatus
    article_id: str
    revision: int


T = TypeVar("T")


@dataclass(frozen=True, slots=True, kw_only=True)
class StoreStats:
    """What a store holds."""

    articles: int
    revisions: int
    raw_documents: int
    languages: dict[str, int] = field(default_factory=dict)  # current revisions per language
    outlets: int
    earliest_published: str | None
    latest_published: str | None
    quotes: int = 0  # quotes in the current revisions
    statements: int = 0  # distinct quote groups among them (a wire quote reprinted is one)
    schema_version: str
    backend: str  # "sqlite" | "postgresql"
    location: str  # URL with the password masked


class Store:
    """Articles with their revisions and raw documents, in SQLite or PostgreSQL.

    >>> with Store.open("news.db") as store:
    ...     result = store.save(article, raw)
    """

    def __init__(self, engine: Engine, url: URL, schema_version: str) -> None:
        self._engine = engine
        self._url = url
        self.schema_version = schema_version

    @classmethod
    def open(cls, target: str) -> Store:
        """Open (creating and migrating as needed) the store at a path or SQLAlchemy URL."""
        engine, url, version = open_engine(target)
        return cls(engine, url, version)

    @property
    def backend(self) -> str:
        return self._url.get_backend_name()

    @property
    def location(self) -> str:
        return location(self._url)

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.location!r})"

    # -- writing -----------------------------------------------------------------------------

    def save(
        self,
        article: Article,
        raw: RawDocument,
        entities: Sequence[Entity] = (),
        *,
        quotes: bool = True,
        claims: bool = True,
        embed: Embed | None = None,
    ) -> SaveResult:
        """Store ``article`` (and ``raw`` under its content hash) in one transaction.

        The same content again is ``unchanged``; new content under a known id is the next
        ``revision`` (old revisions are kept). ``entities`` are the registry entities the
        article's linked entities refer to; they are written (or updated) with its mentions.
        ``article.quotes`` are written with their group ids (translations are grouped only
        with an ``embed`` function, see ``quotes.groups``); with ``quotes`` the quotes of an
        unchanged article replace the stored ones when they differ (a better extractor),
        without it (quote extraction off) stored quotes are left alone. ``article.claims``
        are written the same way (``claims``).
        """
        with self._write("save", article.id) as conn:
            result = _save(conn, article, raw)
            if result.status != "unchanged":
                save_entities(conn, entities)
                save_mentions(conn, article, result.revision)
                save_quotes(conn, article, result.revision, embed)
                save_claims(conn, article, result.revision)
            else:
                if quotes and quotes_differ(conn, article, result.revision):
                    save_quotes(conn, article, result.revision, embed)
                if claims and claims_differ(conn, article, result.revision):
                    save_claims(conn, article, result.revision)
            return result

    @contextmanager
    def _write(self, what: str, key: str) -> Iterator[Connection]:
        try:
            with self._engine.connect() as conn:
                conn.execution_options(**{WRITE_OPTION: True})
                with conn.begin():
                    yield conn
        except SQLAlchemyError as exc:
            raise StorageError(
                f"Cannot {what} '{key}' in store '{self.location}': {first_line(exc)}; "
                "nothing was written, rerun to retry."
            ) from exc

    def save_relations(self, related: Related, revision: int) -> None:
        """Write what relating one article found (its features, lineage edges, event
        membership, the events and stories it changed, merges) in one transaction."""
        article_id = related.features.article_id
        with self._write("save the relations of", article_id) as conn:
            save_relation(
                conn,
                features=related.features,
                revision=revision,
                signature=related.signature,
                membership=related.assignment.membership,
            )
            add_frequencies(conn, related.features.counts)
            save_lineage(conn, article_id, related.edges)
            save_events(conn, related.events, removed=related.removed_events)
            save_events(conn, related.stories, table="stories", removed=related.removed_stories)
            save_changes(conn, related.changes)
            event = related.assignment.event
            if related.removed_events:  # every event written (a split may follow the merge)
                for state, _ in related.events:
                    move_articles(conn, state.article_ids, state.id)
            move_memberships(conn, related.moved)
            set_article_event(conn, article_id, revision, event.id, related.story_id)
            if related.removed_stories:  # the events of a merged-away story move with it
                set_story(conn, [state.id for state, _ in related.events], related.story_id)

    def replace_events(
        self,
        found: Sequence[tuple[EventState, dict[str, float]]],
        stories_found: Sequence[tuple[EventState, dict[str, float]]],
        memberships: Sequence[Membership],
        changes: Sequence[EventChange],
    ) -> None:
        """Replace every event and story (batch re-clustering) in one transaction."""
        with self._write("re-cluster", "events") as conn:
            conn.execute(delete(event_table))
            conn.execute(delete(story_table))
            save_events(conn, found)
            save_events(conn, stories_found, table="stories")
            save_changes(conn, changes)
            story_of = {state.id: state.story_id for state, _ in found}
            move_memberships(conn, memberships, story_of)

    # -- reading -----------------------------------------------------------------------------

    def relations_state(self) -> StoredRelations:
        """What the event index, story index and lineage finder start from."""
        found: StoredRelations = self._read(read_relations)
        return found

    def has_relations(self, article_id: str, revision: int) -> bool:
        query = select(relation_table.c.article_id).where(
            relation_table.c.article_id == article_id, relation_table.c.revision == revision
        )
        return self._read(lambda conn: conn.execute(query).first()) is not None

    def features_of(self, article_ids: Sequence[str]) -> list[ArticleFeatures]:
        """The stored features of these articles (those related so far), for event splits."""
        found: list[ArticleFeatures] = self._read(lambda conn: features_of(conn, article_ids))
        return found

    def iter_features(self) -> Iterator[ArticleFeatures]:
        """The stored features of every article, in pages (batch re-clustering)."""
        after = ""
        while True:
            page = self._read(lambda conn, a=after: iter_features(conn, a, PAGE_SIZE))
            yield from page
            if len(page) < PAGE_SIZE:
                return
            after = page[-1].article_id

    def events(self) -> tuple[list[Event], list[Story]]:
        """Every event (date, members, independent sources) and every story."""
        found: tuple[list[Event], list[Story]] = self._read(read_events)
        return found

    def lineage(self) -> tuple[LineageEdge, ...]:
        """Every lineage edge, in the order found."""
        return tuple(self._read(lambda conn: list(read_lineage(conn))))

    def memberships(self) -> dict[str, Membership]:
        """Why each article is in its event."""
        found: dict[str, Membership] = self._read(read_memberships)
        return found

    def event_changes(self) -> list[EventChange]:
        found: list[EventChange] = self._read(read_changes)
        return found

    def get(self, article_id: str, revision: int | None = None) -> Article | None:
        """The article with ``article_id`` (its current revision unless one is named)."""
        query = select(revisions).where(revisions.c.article_id == article_id)
        if revision is None:
            query = query.join(articles, articles.c.id == revisions.c.article_id).where(
                revisions.c.revision == articles.c.current_revision
            )
        else:
            query = query.where(revisions.c.revision == revision)
        row = self._read(lambda conn: conn.execute(query).mappings().first())
        return row_article(row) if row is not None else None

    def articles(self, *, all_revisions: bool = False) -> Iterator[Article]:
        """Every article in first-ingest order (each with its revisions in order, if asked)."""
        query = (
            select(articles.c.seq, revisions)
            .join(articles, articles.c.id == revisions.c.article_id)
            .order_by(articles.c.seq, revisions.c.revision)
            .limit(PAGE_SIZE)
        )
        if not all_revisions:
            query = query.where(revisions.c.revision == articles.c.current_revision)
        seq, rev = 0, 0
        while True:
            after = or_(
                articles.c.seq > seq, and_(articles.c.seq == seq, revisions.c.revision > rev)
            )
            page = query.where(after)
            rows = self._read(lambda conn, q=page: conn.execute(q).mappings().all())
            for row in rows:
                yield row_article(row)
            if len(rows) < PAGE_SIZE:
                return
            seq, rev = rows[-1]["seq"], rows[-1]["revision"]

    def entities(self) -> tuple[Entity, ...]:
        """Every entity of the registry, in id order."""
        return tuple(self._read(lambda conn: list(read_entities(conn))))

    def article_entities(self, article_id: str, revision: int) -> tuple[ArticleEntity, ...]:
        """The linked entities (with their mentions) of one revision."""
        return tuple(
            self._read(lambda conn: list(read_article_entities(conn, article_id, revision)))
        )

    def entity_mentions(self) -> Iterator[tuple[Entity, list[dict[str, Any]]]]:
        """Every entity with its mentions in the current revisions (for export)."""
        yield from self._read(lambda conn: list(read_entity_mentions(conn)))

    def quotes(self, article_id: str | None = None) -> tuple[StoredQuote, ...]:
        """The quotes of the current revisions (of one article, or of every article in
        first-ingest order), with their article ids, origins and group sizes."""
        if article_id is None:
            return tuple(self.iter_quotes())
        found = self._read(lambda conn: read_quotes(conn, article_id))
        return tuple(stored for _, stored in found)

    def iter_quotes(self) -> Iterator[StoredQuote]:
        """Every quote of the current revisions in first-ingest order, read in pages (for
        export: a large store never sits in memory at once)."""
        after: tuple[int, int] | None = None
        while True:
            page = self._read(lambda conn, a=after: read_quotes(conn, after=a, limit=PAGE_SIZE))
            for _, stored in page:
                yield stored
            if len(page) < PAGE_SIZE:
                return
            after = page[-1][0]

    def revision_quotes(self, article_id: str, revision: int) -> tuple[Quote, ...]:
        """The quotes of one revision, in article order."""
        found: tuple[Quote, ...] = self._read(
            lambda conn: read_revision_quotes(conn, article_id, revision)
        )
        return found

    def claims(self, article_ids: Sequence[str] | None = None) -> tuple[Claim, ...]:
        """The claims of the current revisions (of ``article_ids``, or of every article)."""
        found: list[Claim] = self._read(lambda conn: read_claims(conn, article_ids))
        return tuple(found)

    def story_events(self, story_id: str) -> tuple[Story | None, list[Event]]:
        """One story and its events (without reading the other stories)."""
        found, stories = self._read(lambda conn: read_events(conn, story_id))
        return (stories[0] if stories else None), found

    def current_revisions(self, article_ids: Sequence[str]) -> dict[str, int]:
        """The current revision number of each of ``article_ids`` that exists (no text read)."""
        out: dict[str, int] = {}
        ids = list(dict.fromkeys(article_ids))
        for first in range(0, len(ids), PAGE_SIZE):
            query = select(articles.c.id, articles.c.current_revision).where(
                articles.c.id.in_(ids[first : first + PAGE_SIZE])
            )
            rows = self._read(lambda conn, q=query: conn.execute(q).all())
            out.update((article_id, revision) for article_id, revision in rows)
        return out

    def current(self, article_ids: Sequence[str]) -> dict[str, Article]:
        """The current revisions of ``article_ids`` (those that exist)."""
        out: dict[str, Article] = {}
        ids = list(dict.fromkeys(article_ids))
        for first in range(0, len(ids), PAGE_SIZE):
            query = (
                select(revisions)
                .join(articles, articles.c.id == revisions.c.article_id)
                .where(revisions.c.revision == articles.c.current_revision)
                .where(revisions.c.article_id.in_(ids[first : first + PAGE_SIZE]))
            )
            rows = self._read(lambda conn, q=query: conn.execute(q).mappings().all())
            out.update((row["article_id"], row_article(row)) for row in rows)
        return out

    def digest(
        self, story_id: str, *, language: str | None = None, length: int = SUMMARY_SENTENCES
    ) -> StoryDigest | None:
        """Claim groups, summaries and timeline of one story (None: no such story), from the
        cache while the story is unchanged, else computed and cached."""
        from lagebild.digest import digest_signature, story_digest  # the analysis, on demand

        story, found = self.story_events(story_id)
        if story is None:
            return None
        ids = [a for e in found for a in e.article_ids]
        revision = self.current_revisions(ids)  # the signature needs no article text
        signature = digest_signature(story, revision, found, language=language, length=length)
        cached: StoryDigest | None = self._read(lambda conn: read_digest(conn, story_id, signature))
        if cached is not None:
            return cached
        edges = tuple(self._read(lambda conn: list(read_lineage(conn, ids))))
        digest = story_digest(
            story,
            found,
            self.current(ids),
            self.claims(ids),
            edges,
            language=language,
            length=length,
        )
        with self._write("cache the digest of", story_id) as conn:
            write_digest(conn, digest, signature)
        return digest

    def claim_groups(self) -> tuple[ClaimGroup, ...]:
        """The claim groups of every story (computed where not cached)."""
        _, stories = self.events()
        out: list[ClaimGroup] = []
        for story in stories:
            digest = self.digest(story.id)
            if digest is not None:
                out.extend(digest.groups)
        return tuple(out)

    def raw(self, content_hash: str) -> bytes | None:
        """The original bytes stored under ``content_hash``."""
        query = select(raw_documents.c.data).where(raw_documents.c.content_hash == content_hash)
        data = self._read(lambda conn: conn.execute(query).scalar())
        return bytes(data) if data is not None else None

    def has_hash(self, content_hash: str) -> bool:
        """Whether raw bytes with this sha256 are already stored."""
        query = select(raw_documents.c.content_hash).where(
            raw_documents.c.content_hash == content_hash
        )
        return self._read(lambda conn: conn.execute(query).first()) is not None

    def count(self) -> int:
        """The number of articles (not revisions)."""
        query = select(func.count()).select_from(articles)
        return int(self._read(lambda conn: conn.execute(query).scalar_one()))

    def stats(self) -> StoreStats:
        """Counts, languages, outlets and the published range of the current revisions."""
        stats: StoreStats = self._read(self._stats)
        return stats

    def _stats(self, conn: Connection) -> StoreStats:
        def scalar(query: Any) -> Any:
            return conn.execute(query).scalar_one()

        def total(table: Any) -> int:
            return int(scalar(select(func.count()).select_from(table)))

        current = (
            select(revisions.c.language, revisions.c.outlet, revisions.c.published)
            .join(articles, articles.c.id == revisions.c.article_id)
            .where(revisions.c.revision == articles.c.current_revision)
            .subquery()
        )
        languages = conn.execute(
            select(current.c.language, func.count()).group_by(current.c.language)
        ).all()
        current_quotes = (
            select(quote_table.c.group_id)
            .join(
                articles,
                and_(
                    articles.c.id == quote_table.c.article_id,
                    articles.c.current_revision == quote_table.c.revision,
                ),
            )
            .subquery()
        )
        return StoreStats(
            articles=total(articles),
            revisions=total(revisions),
            raw_documents=total(raw_documents),
            languages={lang or "unknown": n for lang, n in sorted(languages, key=_lang_key)},
            outlets=int(scalar(select(func.count(func.distinct(current.c.outlet))))),
            earliest_published=scalar(select(func.min(current.c.published))),
            latest_published=scalar(select(func.max(current.c.published))),
            quotes=int(scalar(select(func.count()).select_from(current_quotes))),
            statements=int(scalar(select(func.count(func.distinct(current_quotes.c.group_id))))),
            schema_version=self.schema_version,
            backend=self.backend,
            location=self.location,
        )

    def query(self, run: Callable[[Connection], T]) -> T:
        """``run(conn)`` on a read connection, with the store's error handling: the read
        side of the web interface and other views build their own queries on the models."""
        result: T = self._read(run)
        return result

    def _read(self, run: Any) -> Any:
        try:
            with self._engine.connect() as conn:
                return run(conn)
        except SQLAlchemyError as exc:
            raise StorageError(
                f"Cannot read store '{self.location}': {first_line(exc)}; "
                "check that it is reachable and a lagebild store."
            ) from exc


def _save(conn: Connection, article: Article, raw: RawDocument) -> SaveResult:
    now = dt.datetime.now(dt.UTC)
    known = conn.execute(
        select(articles.c.current_revision, revisions.c.content_hash)
        .join(revisions, revisions.c.article_id == articles.c.id)
        .where(articles.c.id == article.id)
        .where(revisions.c.revision == articles.c.current_revision)
    ).first()
    if known is not None and known.content_hash == article.content_hash:
        return SaveResult(status="unchanged", article_id=article.id, revision=known[0])
    has_raw = conn.execute(
        select(raw_documents.c.content_hash).where(
            raw_documents.c.content_hash == article.content_hash
        )
    ).first()
    if has_raw is None:
        conn.execute(insert(raw_documents).values(raw_row(raw, article.content_hash, now)))
    revision = 1 if known is None else known[0] + 1
    if known is None:
        conn.execute(
            insert(articles).values(id=article.id, current_revision=1, first_stored_at=now)
        )
    else:
        conn.execute(
            update(articles).where(articles.c.id == article.id).values(current_revision=revision)
        )
    conn.execute(insert(revisions).values(article_row(article, revision, now)))
    status: SaveStatus = "new" if known is None else "revision"
    return SaveResult(status=status, article_id=article.id, revision=revision)


def _lang_key(pair: Any) -> tuple[int, str]:
    return (-int(pair[1]), str(pair[0] or ""))
