"""Fixtures for the web tests: the demo corpus ingested once per session (as ``lagebild
demo`` does) and a TestClient over it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from webclient import TestClient, make_client

from lagebild.cli import main
from lagebild.store import Store


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("web-demo") / "demo.db"
    result = CliRunner().invoke(main, ["demo", "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="session")
def demo_store(demo_db: Path) -> Iterator[Store]:
    with Store.open(str(demo_db)) as store:
        yield store


@pytest.fixture(scope="session")
def client(demo_store: Store) -> TestClient:
    return make_client(demo_store)


@pytest.fixture(scope="session")
def story_id(client: TestClient) -> str:
    items = client.get("/api/stories").json()["items"]
    assert items, "the demo corpus forms at least one story"
    return str(max(items, key=lambda s: s["articles"])["id"])
