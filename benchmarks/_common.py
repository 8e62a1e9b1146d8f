"""Shared helpers of the benchmark scripts: where the datasets are, how to give up cleanly."""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    """../shared beside the repository, or LAGEBILD_SHARED."""
    return Path(os.environ.get("LAGEBILD_SHARED", REPO.parent / "shared")).resolve()


def dataset(name: str) -> Path:
    path = shared_dir() / "datasets" / name
    if not path.exists():
        sys.exit(
            f"dataset '{name}' not found at {path}; set LAGEBILD_SHARED to the folder holding datasets/"
        )
    return path
