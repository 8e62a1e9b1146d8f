"""Entities: the registry of canonical entities and each revision's entity mentions.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision: str | None = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "entities",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("aliases", sa.Text, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "entity_mentions",
        sa.Column("article_id", sa.Text, nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("entity_id", sa.Text, sa.ForeignKey("entities.id"), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("form", sa.Text, nullable=False),
        sa.Column("local_name", sa.Text, nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id", "revision"], ["revisions.article_id", "revisions.revision"]
        ),
        sa.PrimaryKeyConstraint("article_id", "revision", "start", "end", "entity_id"),
    )
    op.create_index("ix_entity_mentions_entity", "entity_mentions", ["entity_id"])


def downgrade() -> None:
    op.drop_index("ix_entity_mentions_entity", "entity_mentions")
    op.drop_table("entity_mentions")
    op.drop_table("entities")
