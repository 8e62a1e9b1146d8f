"""Relations between articles: features, events, stories, their changes, lineage, idf.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision: str | None = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "relations",
        sa.Column("article_id", sa.Text, sa.ForeignKey("articles.id"), primary_key=True),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("features", sa.Text, nullable=False),
        sa.Column("signature", sa.LargeBinary),
        sa.Column("vector", sa.LargeBinary),
        sa.Column("event_id", sa.Text),
        sa.Column("membership", sa.Text),
        sa.Column("assigned_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_relations_event", "relations", ["event_id"])
    op.create_index("ix_revisions_event", "revisions", ["event_id"])
    op.create_table(
        "events",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("first_date", sa.Text),
        sa.Column("last_date", sa.Text),
        sa.Column("story_id", sa.Text),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("state", sa.Text, nullable=False),
        sa.Column("vector", sa.LargeBinary),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "stories",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("state", sa.Text, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "event_changes",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("event_ids", sa.Text, nullable=False),
        sa.Column("result_ids", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "lineage",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("from_article", sa.Text),
        sa.Column("to_article", sa.Text, nullable=False),
        sa.Column("relation", sa.Text, nullable=False),
        sa.Column("shared_fraction", sa.Float, nullable=False),
        sa.Column("kept_fraction", sa.Float, nullable=False),
        sa.Column("passages", sa.Text, nullable=False),
        sa.Column("from_source", sa.Text),
        sa.Column("evidence", sa.Text, nullable=False),
    )
    op.create_index("ix_lineage_to", "lineage", ["to_article"])
    op.create_index("ix_lineage_from", "lineage", ["from_article"])
    op.create_table(
        "term_frequencies",
        sa.Column("term", sa.Text, primary_key=True),
        sa.Column("documents", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("term_frequencies")
    op.drop_index("ix_lineage_from", "lineage")
    op.drop_index("ix_lineage_to", "lineage")
    op.drop_table("lineage")
    op.drop_table("event_changes")
    op.drop_table("stories")
    op.drop_table("events")
    op.drop_index("ix_revisions_event", "revisions")
    op.drop_index("ix_relations_event", "relations")
    op.drop_table("relations")
