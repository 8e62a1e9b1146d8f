"""Shared fixtures: the real examples in ../shared and a fresh store per test."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("LAGEBILD_SHARED", REPO.parent / "shared")).resolve()
EXAMPLES = SHARED / "examples"


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    if not (EXAMPLES / "expected.json").exists():
        pytest.skip(f"real examples not found at {EXAMPLES}; set LAGEBILD_SHARED to ../shared")
    return EXAMPLES


@pytest.fixture(scope="session")
def expected(examples_dir: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((examples_dir / "expected.json").read_text(encoding="utf-8"))
    return data["articles"]


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'test.db'}"


@pytest.fixture
def store(sqlite_url: str) -> Iterator[Any]:
    from lagebild.store import Store

    with Store.open(sqlite_url) as s:
        yield s


DEMO_CORPUS = REPO / "src" / "lagebild" / "demo_corpus"


@pytest.fixture(scope="session")
def demo_manifest() -> dict[str, Any]:
    """The demo corpus's MANIFEST.json: what every demo article is and what is planted."""
    data: dict[str, Any] = json.loads((DEMO_CORPUS / "MANIFEST.json").read_text(encoding="utf-8"))
    return data


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A PostgreSQL store URL with the lagebild tables dropped (skips without a server)."""
    url = os.environ.get("LAGEBILD_TEST_PG_URL")
    if not url:
        pytest.skip("set LAGEBILD_TEST_PG_URL (e.g. the URL 'bash scripts/postgres.sh' prints)")
    from sqlalchemy import create_engine, text

    from lagebild.store.connect import store_url
    from lagebild.store.models import VERSION_TABLE, metadata

    engine = create_engine(store_url(url))
    with engine.begin() as conn:
        metadata.drop_all(conn)
        conn.execute(text(f"DROP TABLE IF EXISTS {VERSION_TABLE}"))
    engine.dispose()
    yield url
