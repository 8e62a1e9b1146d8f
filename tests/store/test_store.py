"""The store on SQLite: the shared suite, plus targets, errors and SQLite settings (issue #2)."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from store_suite import *  # noqa: F403  (the shared suite runs here against SQLite)
from store_suite import latest_migration, make_article, make_raw

from lagebild.errors import StorageError
from lagebild.records import Block, BlockLabel, Metadata, PartialDate, TranslatedFrom
from lagebild.store import Store
from lagebild.store.connect import location, store_url
from lagebild.store.models import VERSION_TABLE
from lagebild.store.serialise import article_row, row_article


@pytest.fixture
def target(sqlite_url: str) -> str:
    return sqlite_url


def test_a_plain_path_is_an_sqlite_file(tmp_path: Path) -> None:
    db = tmp_path / "plain.db"
    with Store.open(str(db)) as store:
        store.save(make_article(b"x"), make_raw(b"x"))
        assert store.backend == "sqlite" and store.location.endswith("plain.db")
    with Store.open(f"sqlite:///{db}") as store:
        assert store.count() == 1


def test_sqlite_uses_wal_and_foreign_keys(tmp_path: Path) -> None:
    db = tmp_path / "wal.db"
    with Store.open(str(db)):
        pass
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with Store.open(str(db)) as store, store._engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30_000
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL (WAL)


def test_missing_folder_is_a_storage_error(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match=r"folder '.*nowhere' does not exist; create it"):
        Store.open(str(tmp_path / "nowhere" / "x.db"))


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere; permissions mean nothing")
def test_unwritable_folder_is_a_storage_error(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir(mode=0o500)
    with pytest.raises(StorageError, match="is not writable; fix its permissions"):
        Store.open(str(folder / "x.db"))


@pytest.mark.parametrize("target", ["mysql://u@h/db", "ftp://example.org/x.db", "sqlite+nope://x"])
def test_unknown_scheme_is_a_storage_error(target: str) -> None:
    with pytest.raises(StorageError, match=r"unknown kind of target\. Pass a file path"):
        Store.open(target)


def test_a_file_that_is_not_a_database_is_a_storage_error(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_bytes(b"these are my notes, not a database" * 100)
    with pytest.raises(StorageError, match=r"^Cannot open store .*notes.db': .*lagebild store"):
        Store.open(str(bogus))


def test_unreachable_postgres_is_a_storage_error() -> None:
    with pytest.raises(StorageError, match=r"Cannot open store 'postgresql\+psycopg://lb:\*\*\*@"):
        Store.open("postgresql://lb:secret@127.0.0.1:1/lagebild")


def test_store_from_a_newer_lagebild_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "future.db"
    with Store.open(str(db)):
        pass
    with sqlite3.connect(db) as conn:
        conn.execute(f"UPDATE {VERSION_TABLE} SET version_num = '9999'")
    with pytest.raises(StorageError, match=r"newer lagebild \(schema version 9999\); upgrade"):
        Store.open(str(db))


def test_location_masks_the_password() -> None:
    url = store_url("postgresql://reporter:s3cret@db.example:5432/news")
    assert location(url) == "postgresql+psycopg://reporter:***@db.example:5432/news"


def test_in_memory_sqlite_works() -> None:
    with Store.open("sqlite://") as store:
        store.save(make_article(b"m"), make_raw(b"m"))
        assert store.count() == 1


WRITER = """
import sys
from store_suite import latest_migration, make_article, make_raw
from lagebild.store import Store
with Store.open(sys.argv[1]) as store:
    for i in range(100_000):
        data = f"article {i}".encode() * 200
        store.save(make_article(data, article_id=f"a{i}"), make_raw(data))
"""


def test_a_killed_writer_leaves_only_whole_articles(tmp_path: Path) -> None:
    db = tmp_path / "killed.db"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(__file__).parent), *sys.path])}
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(db)], env=env)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
            if db.exists():
                with Store.open(str(db)) as store:  # opening while it writes must work
                    if store.count() >= 30:
                        break
        assert proc.poll() is None, "the writer ended before it could be killed"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    with Store.open(str(db)) as store:
        stats = store.stats()
        assert stats.articles == stats.revisions == stats.raw_documents >= 30
        for article in store.articles():
            assert store.raw(article.content_hash) == f"article {article.id[1:]}".encode() * 200
        data = b"after the crash"
        assert store.save(make_article(data, article_id="new"), make_raw(data)).status == "new"


texts = st.text(max_size=40)
optional = st.none() | texts
dates = st.builds(
    PartialDate,
    year=st.integers(1900, 2100),
    month=st.none() | st.integers(1, 12),
    day=st.none() | st.integers(1, 28),
).filter(lambda d: d.day is None or d.month is not None)


@settings(max_examples=60, deadline=None)
@given(
    title=optional,
    text=texts,
    labels=st.lists(st.sampled_from(list(BlockLabel)), max_size=5),
    authors=st.lists(texts, max_size=3),
    published=st.none() | dates,
    translated=st.none()
    | st.builds(
        TranslatedFrom,
        language=optional,
        publisher=optional,
        published=st.none() | dates,
        evidence=texts,
    ),
    sources=st.dictionaries(texts, texts, max_size=3),
    revision=st.integers(1, 1000),
)
def test_rows_round_trip_any_article(
    title: str | None,
    text: str,
    labels: list[BlockLabel],
    authors: list[str],
    published: PartialDate | None,
    translated: TranslatedFrom | None,
    sources: dict[str, str],
    revision: int,
) -> None:
    blocks = tuple(Block(label=label, text=text, start=0, end=len(text)) for label in labels)
    meta = Metadata(
        published=published,
        authors=tuple(authors),
        translated_from=translated,
        sources=sources,
        outlet=title,
    )
    article = replace(
        make_article(),
        title=title,
        text=text,
        blocks=blocks,
        meta=meta,
        revision=revision,
        event_id=title,
    )
    now = dt.datetime.now(dt.UTC)
    assert row_article(article_row(article, revision, now)) == article


def test_migrations_build_exactly_the_models(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from lagebild.store.models import metadata

    with Store.open(str(tmp_path / "m.db")) as store, store._engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE})
        diff = compare_metadata(context, metadata)
    # The full-text index (FTS5 virtual table and its shadow tables) is not a model: skip it.
    assert [d for d in diff if VERSION_TABLE not in str(d) and "article_search" not in str(d)] == []


def test_a_store_from_before_quotes_is_migrated_and_keeps_its_articles(tmp_path: Path) -> None:
    """Issue #4: opening a 0002 store (entities, no quotes) adds the quote tables."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine
    from store_suite import make_quotes

    from lagebild.store.connect import MIGRATIONS

    db = tmp_path / "old.db"
    with Store.open(str(db)) as store:
        article = make_article(b"old")
        store.save(article, make_raw(b"old"))
    engine = create_engine(store_url(str(db)))
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0002")
    engine.dispose()
    with Store.open(str(db)) as store:
        assert store.schema_version == latest_migration()
        assert store.get(article.id) == article and store.quotes() == ()
        quoted = make_quotes(make_article(b"new", article_id="new"))
        store.save(quoted, make_raw(b"new"))
        assert len(store.quotes()) == 2
