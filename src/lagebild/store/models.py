"""The store's tables, as SQLAlchemy Core metadata.

Three tables: ``raw_documents`` keeps every original input once (keyed by its sha256),
``articles`` holds one row per article id with its current revision, and ``revisions`` holds
everything needed to rebuild each revision of an ``Article`` exactly. Nested parts (blocks,
metadata) are JSON text so the same schema works on SQLite and PostgreSQL; the columns that
statistics and queries need (language, outlet, published) are plain columns beside them.

The migrations in ``migrations/versions`` create these tables; a schema change needs a new
migration there *and* a change here.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    Text,
)

#: The alembic version table; its own name so a shared PostgreSQL database stays tidy.
VERSION_TABLE = "lagebild_schema_version"

metadata = MetaData()

raw_documents = Table(
    "raw_documents",
    metadata,
    Column("content_hash", Text, primary_key=True),
    Column("data", LargeBinary, nullable=False),
    Column("format", Text, nullable=False),
    Column("origin", Text, nullable=False),
    Column("url", Text),
    Column("declared_encoding", Text),
    Column("fields", Text, nullable=False),  # JSON object
    Column("fetched_at", DateTime(timezone=True)),
    Column("stored_at", DateTime(timezone=True), nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),  # first-ingest order
    Column("id", Text, nullable=False, unique=True),
    Column("current_revision", Integer, nullable=False),
    Column("first_stored_at", DateTime(timezone=True), nullable=False),
)

revisions = Table(
    "revisions",
    metadata,
    Column("article_id", Text, ForeignKey("articles.id"), nullable=False),
    Column("revision", Integer, nullable=False),
    Column("content_hash", Text, ForeignKey("raw_documents.content_hash"), nullable=False),
    Column("origin", Text, nullable=False),
    Column("url", Text),
    Column("title", Text),
    Column("text", Text, nullable=False),
    Column("blocks", Text, nullable=False),  # JSON list of [label, text, start, end]
    Column("meta", Text, nullable=False),  # JSON object, see serialise.meta_to_json
    Column("source_format", Text, nullable=False),
    Column("encoding", Text, nullable=False),
    Column("event_id", Text),
    Column("story_id", Text),
    Column("language", Text),
    Column("outlet", Text),
    Column("published", Text),  # ISO "YYYY", "YYYY-MM" or "YYYY-MM-DD": sorts correctly
    Column("stored_at", DateTime(timezone=True), nullable=False),
    PrimaryKeyConstraint("article_id", "revision"),
)

Index("ix_revisions_content_hash", revisions.c.content_hash)

# The registry of canonical entities (issue #3); ``aliases`` is a JSON list of surface forms.
entities = Table(
    "entities",
    metadata,
    Column("id", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("aliases", Text, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# Where each revision mentions an entity; ``local_name`` is the name the article itself uses.
entity_mentions = Table(
    "entity_mentions",
    metadata,
    Column("article_id", Text, nullable=False),
    Column("revision", Integer, nullable=False),
    Column("entity_id", Text, ForeignKey("entities.id"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("form", Text, nullable=False),
    Column("local_name", Text, nullable=False),
    ForeignKeyConstraint(
        ["article_id", "revision"], ["revisions.article_id", "revisions.revision"]
    ),
    PrimaryKeyConstraint("article_id", "revision", "start", "end", "entity_id"),
)

Index("ix_entity_mentions_entity", entity_mentions.c.entity_id)

# Who said what (issue #4): the quotes of each revision. ``seq`` is the quote's place in the
# article; ``parts`` is a JSON list of [text, start, end] (the pieces of an interrupted direct
# quote); ``language`` is the article's, for grouping translations; ``group_id`` is shared by
# the same statement in other articles (the id of the group's first quote).
quotes = Table(
    "quotes",
    metadata,
    Column("id", Text, nullable=False),
    Column("article_id", Text, nullable=False),
    Column("revision", Integer, nullable=False),
    Column("seq", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("cue", Text),
    Column("cue_start", Integer),
    Column("cue_end", Integer),
    Column("speaker", Text),
    Column("speaker_entity", Text),
    Column("mention_text", Text),
    Column("mention_start", Integer),
    Column("mention_end", Integer),
    Column("confidence", Float, nullable=False),
    Column("parts", Text, nullable=False),
    Column("language", Text),
    Column("group_id", Text, nullable=False),
    ForeignKeyConstraint(
        ["article_id", "revision"], ["revisions.article_id", "revisions.revision"]
    ),
    PrimaryKeyConstraint("article_id", "revision", "id"),
)

Index("ix_quotes_group", quotes.c.group_id)
Index("ix_quotes_speaker_entity", quotes.c.speaker_entity)

# Statement keys (``lagebild.quotes.groups.statement_keys``) of each quote: the index that
# finds the earlier quotes a new quote may be a copy of without reading every quote.
quote_keys = Table(
    "quote_keys",
    metadata,
    Column("key", Text, nullable=False),
    Column("article_id", Text, nullable=False),
    Column("revision", Integer, nullable=False),
    Column("quote_id", Text, nullable=False),
    ForeignKeyConstraint(
        ["article_id", "revision", "quote_id"],
        ["quotes.article_id", "quotes.revision", "quotes.id"],
    ),
    PrimaryKeyConstraint("key", "article_id", "revision", "quote_id"),
)
Index("ix_quote_keys_revision", quote_keys.c.article_id, quote_keys.c.revision)

# How articles relate (issue #5). ``relations`` holds what the event index and the lineage
# finder need of each article (current revision) to be rebuilt when a store is opened and for
# batch re-clustering: its features as JSON (weighted term counts, entity keys, event date,
# language, title), its MinHash signature and its multilingual text vector (float32 bytes).
relations = Table(
    "relations",
    metadata,
    Column("article_id", Text, ForeignKey("articles.id"), primary_key=True),
    Column("revision", Integer, nullable=False),
    Column("features", Text, nullable=False),  # JSON object
    Column("signature", LargeBinary),
    Column("vector", LargeBinary),
    Column("event_id", Text),
    Column("membership", Text),  # JSON: the Membership explanation
    Column("assigned_at", DateTime(timezone=True)),
)

Index("ix_relations_event", relations.c.event_id)
Index("ix_revisions_event", revisions.c.event_id)

# Events and stories with their centroids (JSON ``state``) so that ids survive restarts.
events = Table(
    "events",
    metadata,
    Column("id", Text, primary_key=True),
    Column("seq", Integer, nullable=False),
    Column("title", Text, nullable=False),
    Column("first_date", Text),  # ISO day
    Column("last_date", Text),
    Column("story_id", Text),
    Column("size", Integer, nullable=False),
    Column("state", Text, nullable=False),  # JSON: centroid, names, entity counts, languages
    Column("vector", LargeBinary),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
Index("ix_events_story", events.c.story_id)

stories = Table(
    "stories",
    metadata,
    Column("id", Text, primary_key=True),
    Column("seq", Integer, nullable=False),
    Column("title", Text, nullable=False),
    Column("state", Text, nullable=False),  # JSON: centroid, names, first/last date
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# Merges, splits and moves of events, with their reasons: an id once shown stays explainable.
event_changes = Table(
    "event_changes",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("kind", Text, nullable=False),
    Column("event_ids", Text, nullable=False),  # JSON list
    Column("result_ids", Text, nullable=False),  # JSON list
    Column("reason", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)

# Lineage edges: ``to_article`` derives from ``from_article`` (or from the named
# ``from_source`` when the original is not stored).
lineage = Table(
    "lineage",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("from_article", Text),
    Column("to_article", Text, nullable=False),
    Column("relation", Text, nullable=False),
    Column("shared_fraction", Float, nullable=False),
    Column("kept_fraction", Float, nullable=False),
    Column(
        "passages", Text, nullable=False
    ),  # JSON list of [from_start, from_end, to_start, to_end]
    Column("from_source", Text),
    Column("evidence", Text, nullable=False),
)

Index("ix_lineage_to", lineage.c.to_article)
Index("ix_lineage_from", lineage.c.from_article)

# Document frequencies of event terms (idf); the row with term "" counts the documents.
term_frequencies = Table(
    "term_frequencies",
    metadata,
    Column("term", Text, primary_key=True),
    Column("documents", Integer, nullable=False),
)

# What the sources agree on (issue #6): the claims of each revision (the record as JSON, with
# the columns needed to find them), and what is derived from the claims, events and lineage of
# a story — claim groups, summaries, the timeline — cached under the story id with a
# signature of the story's membership, recomputed when the story changes.
claims = Table(
    "claims",
    metadata,
    Column("article_id", Text, nullable=False),
    Column("revision", Integer, nullable=False),
    Column("id", Text, nullable=False),
    Column("seq", Integer, nullable=False),
    Column("kind", Text, nullable=False),
    Column("data", Text, nullable=False),
    ForeignKeyConstraint(
        ["article_id", "revision"], ["revisions.article_id", "revisions.revision"]
    ),
    PrimaryKeyConstraint("article_id", "revision", "id"),
)

digests = Table(
    "digests",
    metadata,
    Column("story_id", Text, primary_key=True),
    Column("signature", Text, nullable=False),
    Column("data", Text, nullable=False),
    Column("computed_at", DateTime(timezone=True), nullable=False),
)
