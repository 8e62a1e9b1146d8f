"""The shared store suite against PostgreSQL (issue #2).

Needs a server: set LAGEBILD_TEST_PG_URL, e.g. to what ``bash scripts/postgres.sh`` prints.
Every test starts from an empty database (the lagebild tables are dropped first).
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from store_suite import *  # noqa: F403  (the shared suite runs here against PostgreSQL)
from store_suite import make_article, make_raw

from lagebild.store import Store
from lagebild.store.connect import store_url
from lagebild.store.models import VERSION_TABLE, metadata

pytestmark = pytest.mark.postgres
PG_URL = os.environ.get("LAGEBILD_TEST_PG_URL")


@pytest.fixture
def target() -> Iterator[str]:
    if not PG_URL:
        pytest.skip("set LAGEBILD_TEST_PG_URL (e.g. the URL 'bash scripts/postgres.sh' prints)")
    engine = create_engine(store_url(PG_URL))
    with engine.begin() as conn:
        metadata.drop_all(conn)
        conn.execute(text(f"DROP TABLE IF EXISTS {VERSION_TABLE}"))
    engine.dispose()
    yield PG_URL


def test_postgres_backend_and_large_raw(target: str) -> None:
    data = bytes(range(256)) * 40_000  # ~10 MB of every byte value, NUL included
    with Store.open(target) as store:
        article = make_article(data)
        assert store.save(article, make_raw(data)).status == "new"
        assert store.raw(article.content_hash) == data
        assert store.backend == "postgresql"
        assert store.stats().backend == "postgresql"
