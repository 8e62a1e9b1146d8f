"""Quotes: who said what in each revision, and the statement keys that group them.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision: str | None = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "quotes",
        sa.Column("id", sa.Text, nullable=False),
        sa.Column("article_id", sa.Text, nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("cue", sa.Text),
        sa.Column("cue_start", sa.Integer),
        sa.Column("cue_end", sa.Integer),
        sa.Column("speaker", sa.Text),
        sa.Column("speaker_entity", sa.Text),
        sa.Column("mention_text", sa.Text),
        sa.Column("mention_start", sa.Integer),
        sa.Column("mention_end", sa.Integer),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("parts", sa.Text, nullable=False),
        sa.Column("language", sa.Text),
        sa.Column("group_id", sa.Text, nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id", "revision"], ["revisions.article_id", "revisions.revision"]
        ),
        sa.PrimaryKeyConstraint("article_id", "revision", "id"),
    )
    op.create_index("ix_quotes_group", "quotes", ["group_id"])
    op.create_index("ix_quotes_speaker_entity", "quotes", ["speaker_entity"])
    op.create_table(
        "quote_keys",
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("article_id", sa.Text, nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("quote_id", sa.Text, nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id", "revision", "quote_id"],
            ["quotes.article_id", "quotes.revision", "quotes.id"],
        ),
        sa.PrimaryKeyConstraint("key", "article_id", "revision", "quote_id"),
    )


def downgrade() -> None:
    op.drop_table("quote_keys")
    op.drop_index("ix_quotes_speaker_entity", "quotes")
    op.drop_index("ix_quotes_group", "quotes")
    op.drop_table("quotes")
