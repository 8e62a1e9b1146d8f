"""The shared store suite against PostgreSQL (issue #2).

Needs a server: set LAGEBILD_TEST_PG_URL, e.g. to what ``bash scripts/postgres.sh`` prints.
Every test starts from an empty database (the lagebild tables are dropped first).
"""

from __future__ import annotations

import os

import pytest
from store_suite import *  # noqa: F403  (the shared suite runs here against PostgreSQL)
from store_suite import make_article, make_raw

from lagebild.store import Store

pytestmark = pytest.mark.postgres
PG_URL = os.environ.get("LAGEBILD_TEST_PG_URL")


@pytest.fixture
def target(pg_url: str) -> str:
    return pg_url


def test_postgres_backend_and_large_raw(target: str) -> None:
    data = bytes(range(256)) * 40_000  # ~10 MB of every byte value, NUL included
    with Store.open(target) as store:
        article = make_article(data)
        assert store.save(article, make_raw(data)).status == "new"
        assert store.raw(article.content_hash) == data
        assert store.backend == "postgresql"
        assert store.stats().backend == "postgresql"
