"""What the sources agree on: claims of each revision, cached story digests.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision: str | None = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "claims",
        sa.Column("article_id", sa.Text, nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("id", sa.Text, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id", "revision"], ["revisions.article_id", "revisions.revision"]
        ),
        sa.PrimaryKeyConstraint("article_id", "revision", "id"),
    )
    op.create_table(
        "digests",
        sa.Column("story_id", sa.Text, primary_key=True),
        sa.Column("signature", sa.Text, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("digests")
    op.drop_table("claims")
