"""Open a store's database: parse the target, make the engine, migrate the schema.

A target is a file path (``lagebild.db``) or an SQLAlchemy URL (``sqlite:///news.db``,
``postgresql+psycopg://user@host/db``). Every problem becomes a one-line ``StorageError``
that says what to do.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.script.revision import RevisionError
from alembic.util.exc import CommandError
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from lagebild.errors import StorageError
from lagebild.store.models import VERSION_TABLE

MIGRATIONS = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_MS = 30_000  # a reader or a second writer waits this long before giving up
CONNECT_TIMEOUT_S = 10  # an unreachable PostgreSQL fails fast instead of hanging the CLI
BACKENDS = ("sqlite", "postgresql")
#: Execution option that makes an SQLite transaction take the write lock at BEGIN, so two
#: writers queue on the busy timeout instead of failing on a lock upgrade.
WRITE_OPTION = "lagebild_write"
MIGRATION_LOCK = 0x6C616765  # PostgreSQL advisory lock key: "lage" in ASCII


def store_url(target: str) -> URL:
    """The SQLAlchemy URL for a path or URL target."""
    if "://" not in target:
        return URL.create("sqlite", database=str(Path(target).expanduser().resolve()))
    try:
        url = make_url(target)
    except ArgumentError:
        raise StorageError(_bad_target(target)) from None
    if url.get_backend_name() not in BACKENDS:
        raise StorageError(_bad_target(target))
    if url.drivername == "postgresql":  # SQLAlchemy's default driver is psycopg2; ours is 3
        url = url.set(drivername="postgresql+psycopg")
    return url


def _bad_target(target: str) -> str:
    return (
        f"Cannot open store '{target}': unknown kind of target. Pass a file path, "
        "sqlite:///path/to/file.db or postgresql+psycopg://user@host/database."
    )


def location(url: URL) -> str:
    """The URL as it may be shown: the password masked."""
    return url.render_as_string(hide_password=True)


def create_store_engine(url: URL) -> Engine:
    """An engine for ``url``; SQLite gets WAL, foreign keys, a busy timeout and real BEGINs."""
    if url.get_backend_name() == "postgresql":
        return create_engine(url, connect_args={"connect_timeout": CONNECT_TIMEOUT_S})
    in_memory = url.database in (None, "", ":memory:")
    if not in_memory:
        _check_sqlite_file(url)
    engine = create_engine(
        url,
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
        poolclass=StaticPool if in_memory else None,
    )
    event.listen(engine, "connect", _sqlite_on_connect)
    event.listen(engine, "begin", _sqlite_on_begin)
    return engine


def _check_sqlite_file(url: URL) -> None:
    path = Path(str(url.database))
    folder = path.parent
    if not folder.is_dir():
        raise StorageError(
            f"Cannot open store '{path}': folder '{folder}' does not exist; "
            "create it or pass another --db path."
        )
    target = path if path.exists() else folder
    if not os.access(target, os.W_OK):
        raise StorageError(
            f"Cannot open store '{path}': '{target}' is not writable; "
            "fix its permissions or pass another --db path."
        )


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event emit BEGIN itself (the driver would defer it past DDL).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # In WAL mode NORMAL syncs at checkpoints, not at every commit: the store cannot be
    # corrupted, and a crash of lagebild loses nothing committed; only a power loss or an
    # operating-system crash may undo the last commits (rerunning the ingest redoes them).
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def _sqlite_on_begin(connection: Any) -> None:
    write = connection.get_execution_options().get(WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def migrate(engine: Engine, shown: str) -> str:
    """Bring the schema to the newest version; returns that version.

    An up-to-date store is only read (so opening never waits for a running ingest). Otherwise
    the upgrade runs under the write lock (SQLite) or an advisory lock (PostgreSQL), so two
    processes opening a new store at once migrate it once. A store written by a newer
    lagebild (a version this one does not know) is refused.
    """
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    script = ScriptDirectory.from_config(config)
    head = script.get_current_head()
    assert head is not None
    with engine.connect() as conn:
        if _current_version(conn, script, shown) == head:
            return head
        conn.commit()
        conn.execution_options(**{WRITE_OPTION: True})
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
            if _current_version(conn, script, shown) != head:
                config.attributes["connection"] = conn
                command.upgrade(config, "head")
    return head


def _current_version(conn: Connection, script: ScriptDirectory, shown: str) -> str | None:
    context = MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE})
    current = context.get_current_revision()
    if current is not None and _unknown(script, current):
        raise StorageError(
            f"Cannot open store '{shown}': it was written by a newer lagebild "
            f"(schema version {current}); upgrade lagebild: pip install -U lagebild."
        )
    return current


def _unknown(script: ScriptDirectory, revision: str) -> bool:
    try:
        return script.get_revision(revision) is None
    except (CommandError, RevisionError):
        return True


def open_engine(target: str) -> tuple[Engine, URL, str]:
    """Engine, URL and schema version for ``target``, migrated and checked."""
    url = store_url(target)
    shown = location(url)
    try:
        engine = create_store_engine(url)
    except ImportError as exc:
        raise StorageError(
            f"Cannot open store '{shown}': its database driver is not installed ({exc.name}); "
            "pip install 'lagebild[postgres]'."
        ) from exc
    except ArgumentError:
        raise StorageError(_bad_target(shown)) from None
    try:
        version = migrate(engine, shown)
    except StorageError:
        engine.dispose()
        raise
    except SQLAlchemyError as exc:
        engine.dispose()
        raise StorageError(
            f"Cannot open store '{shown}': {first_line(exc)}; {_advice(url)}"
        ) from exc
    return engine, url, version


def _advice(url: URL) -> str:
    if url.get_backend_name() == "postgresql":
        return "check the URL, the password (PGPASSWORD) and that the server is running."
    return "check that it is a lagebild store, or pass another --db path."


def first_line(exc: BaseException) -> str:
    """The driver's message for ``exc``, first line only."""
    orig = getattr(exc, "orig", None) or exc
    return (str(orig).strip().splitlines() or [type(orig).__name__])[0].rstrip(".")
