"""Alembic environment for the lagebild store.

``Store.open`` runs the migrations programmatically: it passes an open connection in
``config.attributes["connection"]``, so no ``alembic.ini`` is needed anywhere.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from lagebild.store.models import VERSION_TABLE, metadata


def run_migrations() -> None:
    connection = context.config.attributes.get("connection")
    if not isinstance(connection, Connection):
        raise RuntimeError("lagebild migrations run through Store.open(), not the alembic CLI")
    context.configure(
        connection=connection,
        target_metadata=metadata,
        version_table=VERSION_TABLE,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER much
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
