"""Helpers for the web tests (a module of its own, not conftest: test modules import it, and
tests/lineage has a conftest too): the write token, a TestClient over a store, a real
server in a thread."""

from __future__ import annotations

import socket
import threading
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from lagebild.settings import Settings
from lagebild.store import Store

TOKEN = "test-token-0123456789"

with warnings.catch_warnings():
    # Starlette announces a move of its test client to another HTTP library; not ours to fix.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


def make_client(store: Store, **settings: Any) -> TestClient:
    from lagebild.web import create_app

    values: dict[str, Any] = {"db": store.location, "token": TOKEN, **settings}
    return TestClient(create_app(Settings(**values), store))


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
