"""Indexes for two lookups that scanned whole tables: a revision's statement keys (rewritten
with every save of an article's quotes) and a story's events (read by every digest).

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision: str | None = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_quote_keys_revision", "quote_keys", ["article_id", "revision"])
    op.create_index("ix_events_story", "events", ["story_id"])


def downgrade() -> None:
    op.drop_index("ix_events_story", table_name="events")
    op.drop_index("ix_quote_keys_revision", table_name="quote_keys")
