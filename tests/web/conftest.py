"""Fixtures for the web tests: the demo corpus ingested once per session (as ``lagebild
demo`` does) and a TestClient over it."""

from __future__ import annotations

import socket
import threading
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from lagebild.cli import main
from lagebild.settings import Settings
from lagebild.store import Store

TOKEN = "test-token-0123456789"

with warnings.catch_warnings():
    # Starlette announces a move of its test client to another HTTP library; not ours to fix.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


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


def make_client(store: Store, **settings: Any) -> TestClient:
    from lagebild.web import create_app

    values: dict[str, Any] = {"db": store.location, "token": TOKEN, **settings}
    return TestClient(create_app(Settings(**values), store))


@pytest.fixture(scope="session")
def client(demo_store: Store) -> TestClient:
    return make_client(demo_store)


@pytest.fixture(scope="session")
def story_id(client: TestClient) -> str:
    items = client.get("/api/stories").json()["items"]
    assert items, "the demo corpus forms at least one story"
    return str(max(items, key=lambda s: s["articles"])["id"])


@contextmanager
def serve_in_thread(app: Any) -> Iterator[str]:
    """Run ``app`` with uvicorn on a free loopback port in a thread; yields its base URL."""
    import uvicorn

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
