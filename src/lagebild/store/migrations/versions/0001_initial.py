"""Initial store: raw documents, articles and their revisions.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "raw_documents",
        sa.Column("content_hash", sa.Text, primary_key=True),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("format", sa.Text, nullable=False),
        sa.Column("origin", sa.Text, nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("declared_encoding", sa.Text),
        sa.Column("fields", sa.Text, nullable=False),
        sa.Column("fetched_at", sa.DateTime(timezone=True)),
        sa.Column("stored_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "articles",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("id", sa.Text, nullable=False, unique=True),
        sa.Column("current_revision", sa.Integer, nullable=False),
        sa.Column("first_stored_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "revisions",
        sa.Column("article_id", sa.Text, sa.ForeignKey("articles.id"), nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column(
            "content_hash",
            sa.Text,
            sa.ForeignKey("raw_documents.content_hash"),
            nullable=False,
        ),
        sa.Column("origin", sa.Text, nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("blocks", sa.Text, nullable=False),
        sa.Column("meta", sa.Text, nullable=False),
        sa.Column("source_format", sa.Text, nullable=False),
        sa.Column("encoding", sa.Text, nullable=False),
        sa.Column("event_id", sa.Text),
        sa.Column("story_id", sa.Text),
        sa.Column("language", sa.Text),
        sa.Column("outlet", sa.Text),
        sa.Column("published", sa.Text),
        sa.Column("stored_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("article_id", "revision"),
    )
    op.create_index("ix_revisions_content_hash", "revisions", ["content_hash"])


def downgrade() -> None:
    op.drop_index("ix_revisions_content_hash", table_name="revisions")
    op.drop_table("revisions")
    op.drop_table("articles")
    op.drop_table("raw_documents")
