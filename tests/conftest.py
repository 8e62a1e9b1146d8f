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
