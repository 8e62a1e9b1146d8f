"""Full-text search over article revisions.

SQLite: an FTS5 table ``article_search`` whose rowid is the revision's rowid; it is filled
lazily by ``lagebild.store.search`` (``Store.save`` needs no change). PostgreSQL: a GIN index on
the German ``tsvector`` of title and text, used by ``websearch_to_tsquery('german', q)``.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision: str | None = "0005"
branch_labels = None
depends_on = None

# Must stay identical to ``lagebild.store.search.PG_DOCUMENT`` or PostgreSQL will not use it.
PG_DOCUMENT = "to_tsvector('german', coalesce(title, '') || ' ' || text)"


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        # remove_diacritics 2: "Brucke" finds "Brücke"; prefix search copes with compounds.
        op.execute(
            "CREATE VIRTUAL TABLE article_search USING fts5("
            "article_id UNINDEXED, revision UNINDEXED, title, text, "
            "tokenize = 'unicode61 remove_diacritics 2')"
        )
    elif dialect == "postgresql":
        op.execute(f"CREATE INDEX ix_revisions_search ON revisions USING GIN ({PG_DOCUMENT})")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TABLE IF EXISTS article_search")
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_revisions_search")
